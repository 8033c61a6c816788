#include "server/services/statsservice.h"

#include "server/services/ticketservice.h"
#include "server/storage/store.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

using protocol::ErrorCode;
using stats::Metrics;

constexpr int kMaxRangeDays = 732;
constexpr int kBacklogTop = 10;

Outcome invalid(const QString &field, const QString &message)
{
    return Outcome::failure(ErrorCode::InvalidField, message, {{u"field"_s, field}});
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Local midnight of a date as epoch seconds, aligned down to a quarter hour (every zone in use today is).
qint64 localMidnight(const QDate &date, const QTimeZone &zone)
{
    const qint64 s = QDateTime(date, QTime(0, 0), zone).toSecsSinceEpoch();
    return floorDiv(s, stats::kSlotSeconds) * stats::kSlotSeconds;
}

// The zone's UTC offset over a range, as steps, looked up in increasing time order.
class OffsetSteps
{
public:
    OffsetSteps(const QTimeZone &zone, qint64 from, qint64 to)
    {
        const QDateTime start = QDateTime::fromSecsSinceEpoch(from, Qt::UTC);
        m_starts << std::numeric_limits<qint64>::min();
        m_offsets << zone.offsetFromUtc(start);
        if (zone.hasTransitions()) {
            const auto transitions = zone.transitions(start, QDateTime::fromSecsSinceEpoch(to, Qt::UTC));
            for (const QTimeZone::OffsetData &t : transitions) {
                m_starts << t.atUtc.toSecsSinceEpoch();
                m_offsets << t.offsetFromUtc;
            }
        }
    }
    int at(qint64 utc)
    {
        while (m_index + 1 < m_starts.size() && m_starts.at(m_index + 1) <= utc)
            ++m_index;
        while (m_index > 0 && m_starts.at(m_index) > utc)
            --m_index;
        return m_offsets.at(m_index);
    }

private:
    QList<qint64> m_starts;
    QList<int> m_offsets;
    qsizetype m_index = 0;
};

QDate periodStart(const QDate &d, const QString &granularity)
{
    if (granularity == u"week")
        return d.addDays(1 - d.dayOfWeek());
    if (granularity == u"month")
        return QDate(d.year(), d.month(), 1);
    return d;
}

QDate nextPeriod(const QDate &d, const QString &granularity)
{
    if (granularity == u"week")
        return d.addDays(7);
    if (granularity == u"month")
        return d.addMonths(1);
    return d.addDays(1);
}

QJsonObject durationJson(qint64 count, qint64 sum, const std::array<qint64, stats::kHistogramBuckets> &hist)
{
    QJsonObject o{{u"count"_s, count}};
    if (count > 0) {
        o.insert(u"mean"_s, qint64(std::llround(double(sum) / double(count))));
        o.insert(u"p50"_s, stats::percentile(hist, 0.5));
        o.insert(u"p90"_s, stats::percentile(hist, 0.9));
    }
    return o;
}

QJsonObject metricsJson(const Metrics &m)
{
    QJsonObject o{{u"created"_s, m.created}, {u"resolved"_s, m.resolved}, {u"closed"_s, m.closed}};
    o.insert(u"firstResponse"_s, durationJson(m.frCount, m.frSum, m.frHist));
    o.insert(u"resolution"_s, durationJson(m.resolved, m.resSum, m.resHist));
    QJsonObject sla{{u"met"_s, m.slaMet}, {u"missed"_s, m.slaMissed}};
    if (m.slaMet + m.slaMissed > 0)
        sla.insert(u"rate"_s, double(m.slaMet) / double(m.slaMet + m.slaMissed));
    o.insert(u"sla"_s, sla);
    QJsonObject satisfaction{{u"count"_s, m.ratingCount}};
    if (m.ratingCount > 0)
        satisfaction.insert(u"mean"_s, double(m.ratingSum) / double(m.ratingCount));
    o.insert(u"satisfaction"_s, satisfaction);
    return o;
}

// What both paths produce before it is shaped into the reply.
struct Aggregates
{
    StatsSums current;
    Metrics previous;
    QList<std::pair<qint64, Metrics>> quarters; // quarter-hour start (UTC) -> created, resolved
};

Aggregates fromFacts(const QList<stats::Facts> &facts, qint64 prevFrom, qint64 from, qint64 to)
{
    // Each ticket's moments in the range are summed first and then added once per dimension: hash lookups per
    // ticket, not per moment and dimension (this path reads every matching ticket).
    Aggregates a;
    std::array<QHash<QString, Metrics>, stats::kDimCount> byDim;
    std::map<qint64, Metrics> quarters;
    for (const stats::Facts &f : facts) {
        Metrics inRange;
        bool any = false;
        for (const stats::Contribution &c : stats::contributions(f)) {
            if (c.at >= prevFrom && c.at < from) {
                a.previous.add(c.metrics);
            } else if (c.at >= from && c.at < to) {
                inRange.add(c.metrics);
                any = true;
                if (c.metrics.created != 0 || c.metrics.resolved != 0) {
                    Metrics &q = quarters[stats::bucketOf(stats::Grain::Slot, c.at) * stats::kSlotSeconds];
                    q.created += c.metrics.created;
                    q.resolved += c.metrics.resolved;
                }
            }
        }
        if (!any)
            continue;
        for (int dim = 0; dim < stats::kDimCount; ++dim)
            byDim[size_t(dim)][f.key(static_cast<stats::Dim>(dim))].add(inRange);
    }
    for (int dim = 0; dim < stats::kDimCount; ++dim) {
        for (auto it = byDim[size_t(dim)].cbegin(); it != byDim[size_t(dim)].cend(); ++it)
            a.current[{dim, it.key()}] = it.value();
    }
    for (const auto &[at, m] : quarters)
        a.quarters.append({at, m});
    return a;
}

} // namespace

StatsService::StatsService(Store &reader)
    : m_reader(reader)
{
}

std::optional<QTimeZone> StatsService::parseTimeZone(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || t.compare(u"UTC"_s, Qt::CaseInsensitive) == 0 || t == u"Z")
        return QTimeZone(0);
    static const QRegularExpression offset(u"^(?:UTC|GMT)?([+-])(\\d{1,2})(?::?(\\d{2}))?$"_s);
    if (const QRegularExpressionMatch m = offset.match(t); m.hasMatch()) {
        const int hours = m.captured(2).toInt();
        const int minutes = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
        if (hours > 14 || minutes > 59 || minutes % 15 != 0)
            return std::nullopt;
        const int seconds = (hours * 3600 + minutes * 60) * (m.captured(1) == u"-" ? -1 : 1);
        return QTimeZone(seconds);
    }
    QTimeZone zone(t.toUtf8());
    if (!zone.isValid())
        return std::nullopt;
    return zone;
}

Outcome StatsService::dashboard(const Caller &caller, const protocol::StatsDashboard &r)
{
    if (caller.role == Role::Requester)
        return Outcome::failure(ErrorCode::Forbidden, u"requesters have no dashboard"_s);
    const QDate fromDate = QDate::fromString(r.from, Qt::ISODate);
    const QDate toDate = QDate::fromString(r.to, Qt::ISODate);
    if (!fromDate.isValid())
        return invalid(u"from"_s, u"\"from\" must be a date (yyyy-MM-dd)"_s);
    if (!toDate.isValid())
        return invalid(u"to"_s, u"\"to\" must be a date (yyyy-MM-dd)"_s);
    if (toDate < fromDate)
        return invalid(u"to"_s, u"\"to\" is before \"from\""_s);
    if (fromDate.daysTo(toDate) >= kMaxRangeDays)
        return invalid(u"to"_s, u"the range is longer than %1 days"_s.arg(kMaxRangeDays));
    if (r.granularity != u"day" && r.granularity != u"week" && r.granularity != u"month")
        return invalid(u"granularity"_s, u"\"granularity\" must be day, week or month"_s);
    const std::optional<QTimeZone> zone = parseTimeZone(r.timeZone);
    if (!zone)
        return invalid(u"timeZone"_s, u"unknown time zone, or an offset that is not a multiple of 15 minutes"_s);

    // Scope: engineers see their own tickets' figures only.
    protocol::StatsFilters filters = r.filters;
    if (caller.role == Role::Engineer) {
        for (UserId id : std::as_const(filters.assigneeIds)) {
            if (id != caller.userId)
                return Outcome::failure(ErrorCode::Forbidden, u"engineers see only their own figures"_s);
        }
        filters.assigneeIds = {caller.userId};
    }

    const qint64 days = fromDate.daysTo(toDate) + 1;
    const qint64 from = localMidnight(fromDate, *zone);
    const qint64 to = localMidnight(toDate.addDays(1), *zone);
    const qint64 prevFrom = localMidnight(fromDate.addDays(-days), *zone);

    Aggregates a;
    const std::optional<stats::Scope> scope = stats::Scope::of(filters);
    const bool counters = scope && (scope->isAll() || m_filteredFromCounters);
    if (counters) {
        a.current = m_reader.statsSums(*scope, from, to);
        const StatsSums previous = m_reader.statsSums(*scope, prevFrom, from, false);
        if (auto it = previous.find({int(stats::Dim::All), QString()}); it != previous.end())
            a.previous = it->second;
        a.quarters = m_reader.statsSlots(*scope, from, to);
    } else {
        a = fromFacts(m_reader.statsFacts(filters, prevFrom, to), prevFrom, from, to);
    }

    // Trend by local period, and the heat map of arrivals by local weekday (Monday first) and hour.
    std::map<QDate, std::pair<qint64, qint64>> byPeriod;
    for (QDate d = periodStart(fromDate, r.granularity); d <= toDate; d = nextPeriod(d, r.granularity))
        byPeriod[d] = {0, 0};
    std::array<std::array<qint64, 24>, 7> heat{};
    OffsetSteps offsets(*zone, from, to);
    for (const auto &[at, m] : std::as_const(a.quarters)) {
        const qint64 local = at + offsets.at(at);
        const qint64 day = floorDiv(local, stats::kDaySeconds);
        const QDate date = QDate(1970, 1, 1).addDays(day);
        auto &p = byPeriod[periodStart(date, r.granularity)];
        p.first += m.created;
        p.second += m.resolved;
        const int weekday = int(((day + 3) % 7 + 7) % 7); // 1970-01-01 was a Thursday
        const int hour = int(floorDiv(local - day * stats::kDaySeconds, 3600));
        heat[size_t(weekday)][size_t(hour)] += m.created;
    }
    QJsonArray trend;
    for (const auto &[date, p] : byPeriod)
        trend.append(
            QJsonObject{{u"period"_s, date.toString(Qt::ISODate)}, {u"created"_s, p.first}, {u"resolved"_s, p.second}});
    QJsonArray heatRows;
    for (const auto &row : heat) {
        QJsonArray cells;
        for (qint64 n : row)
            cells.append(n);
        heatRows.append(cells);
    }

    // Breakdowns, with display names for teams and people.
    QHash<QString, QString> teamNames, userNames;
    for (const Team &t : m_reader.teams())
        teamNames.insert(QString::number(t.id.value()), t.name);
    for (const User &u : m_reader.users())
        userNames.insert(QString::number(u.id.value()), u.displayName);
    const auto breakdown = [&](stats::Dim dim) {
        QList<std::pair<QString, Metrics>> rows;
        for (const auto &[key, m] : a.current) {
            if (key.first == int(dim))
                rows.append({key.second, m});
        }
        const bool byResolved = dim == stats::Dim::Assignee;
        std::sort(rows.begin(), rows.end(), [byResolved](const auto &x, const auto &y) {
            const qint64 a = byResolved ? x.second.resolved : x.second.created;
            const qint64 b = byResolved ? y.second.resolved : y.second.created;
            return a != b ? a > b : x.first < y.first;
        });
        QJsonArray out;
        for (const auto &[key, m] : rows) {
            QJsonObject o = metricsJson(m);
            o.insert(u"key"_s, key);
            if (dim == stats::Dim::Team)
                o.insert(u"name"_s, teamNames.value(key));
            else if (dim == stats::Dim::Assignee)
                o.insert(u"name"_s, userNames.value(key));
            out.append(o);
        }
        return out;
    };

    Metrics total;
    if (auto it = a.current.find({int(stats::Dim::All), QString()}); it != a.current.end())
        total = it->second;
    QJsonObject totals = metricsJson(total);
    QJsonArray top;
    for (const Ticket &t : m_reader.backlogTop(filters, kBacklogTop))
        top.append(TicketService::summary(t));

    QJsonObject filtersJson{{u"types"_s, QJsonArray::fromStringList(filters.types)},
                            {u"departments"_s, QJsonArray::fromStringList(filters.departments)}};
    QJsonArray teamIds, assigneeIds;
    for (TeamId t : std::as_const(filters.teamIds))
        teamIds.append(t.value());
    for (UserId u : std::as_const(filters.assigneeIds))
        assigneeIds.append(u.value());
    filtersJson.insert(u"teamIds"_s, teamIds);
    filtersJson.insert(u"assigneeIds"_s, assigneeIds);

    QJsonObject out{
        {u"range"_s,
         QJsonObject{{u"from"_s, fromDate.toString(Qt::ISODate)},
                     {u"to"_s, toDate.toString(Qt::ISODate)},
                     {u"timeZone"_s, r.timeZone.isEmpty() ? u"UTC"_s : r.timeZone},
                     {u"granularity"_s, r.granularity},
                     {u"fromUtc"_s, QDateTime::fromSecsSinceEpoch(from, Qt::UTC).toString(Qt::ISODate)},
                     {u"toUtc"_s, QDateTime::fromSecsSinceEpoch(to, Qt::UTC).toString(Qt::ISODate)},
                     {u"previousFromUtc"_s, QDateTime::fromSecsSinceEpoch(prevFrom, Qt::UTC).toString(Qt::ISODate)}}},
        {u"filters"_s, filtersJson},
        {u"source"_s, counters ? u"counters"_s : u"tickets"_s},
        {u"totals"_s, totals},
        {u"previous"_s, metricsJson(a.previous)},
        {u"trend"_s, trend},
        {u"byType"_s, breakdown(stats::Dim::Type)},
        {u"byCategory"_s, breakdown(stats::Dim::Category)},
        {u"byDepartment"_s, breakdown(stats::Dim::Department)},
        {u"byTeam"_s, breakdown(stats::Dim::Team)},
        {u"byAssignee"_s, breakdown(stats::Dim::Assignee)},
        {u"heatmap"_s, heatRows},
        {u"backlog"_s, QJsonObject{{u"open"_s, m_reader.openTicketCount(filters)}, {u"top"_s, top}}},
    };
    return Outcome::success(out);
}

} // namespace crewline::server
