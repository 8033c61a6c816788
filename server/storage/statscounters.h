#pragma once

// The dashboard's summary counters: what one ticket contributes to them, as a pure function of the ticket's row.
// The store adds a ticket's contribution when it is inserted and, when it changes, subtracts the old contribution
// and adds the new one in the same transaction (sqlitestore.cpp), so the counters always equal a recomputation from
// the tickets table (rebuildStats does exactly that). Counters are kept per dimension at three grains:
//   - UTC quarter hours, dimension "all" only: trends and the heat map, exact in every real time zone (every UTC
//     offset in use is a whole number of quarter hours);
//   - UTC hours, per type, category, department, team and assignee: the partial days at the ends of a range (the
//     sub-hour slivers of half- and quarter-hour zones are read from the few tickets in them);
//   - UTC days, every dimension: the whole days in the middle of a range, so long ranges read few rows;
//   - UTC calendar months, every dimension: the whole months inside a long range.
// Quarter hours for every dimension would cost a row per ticket event; hours cost about one row per dimension value
// and hour.
//
// Scoped counters (stats_scoped, migration 6) answer dashboards filtered on one dimension (type, department, team or
// assignee, one or several values of it): for each filter dimension F and the ticket's own value of F, the same
// contributions at UTC day and month grain for every other dimension ("all" included), and at quarter-hour grain for
// "all" (trend, heat map, totals of partial days). A ticket has exactly one value per dimension, so summing the rows of
// several values of F is exact. The breakdowns of the partial days at the ends of a range in non-UTC zones are read
// from the matching tickets (sqlitestats.cpp). Filters on two dimensions at once have no counters.

#include "common/domain.h"
#include "common/messages.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace crewline::server::stats {

constexpr qint64 kSlotSeconds = 15 * 60;
constexpr qint64 kDaySeconds = 24 * 60 * 60;

enum class Grain
{
    Slot = 0,  // UTC quarter hour: bucket = floor(epoch seconds / 900); dimension All only
    Day = 1,   // UTC day: bucket = floor(epoch seconds / 86400); every dimension
    Hour = 2,  // UTC hour: bucket = floor(epoch seconds / 3600); every dimension but All
    Month = 3, // UTC calendar month: bucket = months since January 1970; every dimension (long ranges)
};
constexpr qint64 kHourSeconds = 3600;

enum class Dim
{
    All = 0, // key ""
    Type = 1,
    Category = 2,
    Department = 3,
    Team = 4,     // key: team id as decimal, "0" for none
    Assignee = 5, // key: user id as decimal, "0" for none
};
constexpr int kDimCount = 6;
// The dimensions a dashboard can be filtered by; each has scoped counters.
constexpr std::array<Dim, 4> kFilterDims = {Dim::Type, Dim::Department, Dim::Team, Dim::Assignee};

// Upper bounds (seconds) of the duration histogram buckets; the last bucket is open-ended.
constexpr std::array<qint64, 11> kHistogramBounds = {15 * 60,   30 * 60,   3600,      2 * 3600,  4 * 3600,  8 * 3600,
                                                     24 * 3600, 48 * 3600, 72 * 3600, 7 * 86400, 14 * 86400};
constexpr int kHistogramBuckets = int(kHistogramBounds.size()) + 1;
int histogramBucket(qint64 seconds);

// SLA: a ticket meets its SLA when it is resolved within its priority's resolution target. The workflows carry no
// SLA policy yet, so the targets are data here (documented in docs/protocol.md, stats.dashboard).
qint64 slaResolutionTarget(Priority priority);

struct Metrics
{
    qint64 created = 0;
    qint64 resolved = 0;
    qint64 closed = 0;
    qint64 frCount = 0; // tickets whose first response fell in the bucket
    qint64 frSum = 0;   // seconds from creation to first response
    qint64 resSum = 0;  // seconds from creation to resolution (count: resolved)
    qint64 slaMet = 0;
    qint64 slaMissed = 0;
    qint64 ratingCount = 0;
    qint64 ratingSum = 0;
    std::array<qint64, kHistogramBuckets> frHist{};
    std::array<qint64, kHistogramBuckets> resHist{};

    // Inline: the writer adds ~36 of these per ticket written.
    void add(const Metrics &o, int sign = 1)
    {
        created += sign * o.created;
        resolved += sign * o.resolved;
        closed += sign * o.closed;
        frCount += sign * o.frCount;
        frSum += sign * o.frSum;
        resSum += sign * o.resSum;
        slaMet += sign * o.slaMet;
        slaMissed += sign * o.slaMissed;
        ratingCount += sign * o.ratingCount;
        ratingSum += sign * o.ratingSum;
        for (size_t i = 0; i < size_t(kHistogramBuckets); ++i) {
            frHist[i] += sign * o.frHist[i];
            resHist[i] += sign * o.resHist[i];
        }
    }
    bool isZero() const { return *this == Metrics(); }
    friend bool operator==(const Metrics &, const Metrics &) = default;
};

// The columns of a ticket the counters depend on.
struct Facts
{
    QString type;
    QString category;
    QString department;
    qint64 teamId = 0;
    qint64 assigneeId = 0;
    Priority priority = Priority::Normal;
    qint64 createdAt = 0; // epoch seconds; 0: not set
    qint64 firstResponseAt = 0;
    qint64 resolvedAt = 0;
    qint64 closedAt = 0;
    int rating = 0; // fields.rating, 1..5; 0: none

    static Facts of(const Ticket &ticket);
    QString key(Dim dim) const;
    friend bool operator==(const Facts &, const Facts &) = default;
};

// One moment of a ticket's life and what it adds to the counters of the bucket it falls in: creation, first
// response, resolution (with SLA and rating) and closing.
struct Contribution
{
    qint64 at = 0; // epoch seconds
    Metrics metrics;
};
QList<Contribution> contributions(const Facts &facts);

// What a dashboard is restricted to: no filter (dim All), or the chosen values (as Facts::key) of ONE filter
// dimension. Team and assignee ids that are not positive match no ticket and are dropped, so keys may be empty
// (nothing matches).
struct Scope
{
    Dim dim = Dim::All;
    QStringList keys;

    // nullopt when the filters restrict two or more dimensions at once (no counters for that).
    static std::optional<Scope> of(const protocol::StatsFilters &filters);
    // The same restriction as filters (for reading tickets).
    protocol::StatsFilters filters() const;
    bool isAll() const { return dim == Dim::All; }
};

qint64 bucketOf(Grain grain, qint64 epochSeconds);
// The UTC month holding a UTC day (days since 1970-01-01), and the first day of a month.
qint64 monthOfDay(qint64 day);
qint64 firstDayOfMonth(qint64 month);
qint64 grainSeconds(Grain grain);

// Percentile of a histogram, interpolated linearly inside the bucket that holds it; values in the open last
// bucket are reported as its lower bound. -1 when the histogram is empty.
qint64 percentile(const std::array<qint64, kHistogramBuckets> &hist, double p);

} // namespace crewline::server::stats
