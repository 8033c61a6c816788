#include "server/storage/statscounters.h"

#include <QDate>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::server::stats {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

qint64 seconds(const QDateTime &t)
{
    return t.isValid() ? floorDiv(t.toMSecsSinceEpoch(), 1000) : 0;
}

} // namespace

int histogramBucket(qint64 seconds)
{
    const auto it = std::lower_bound(kHistogramBounds.begin(), kHistogramBounds.end(), seconds);
    return int(it - kHistogramBounds.begin());
}

qint64 slaResolutionTarget(Priority priority)
{
    switch (priority) {
    case Priority::Urgent:
        return 4 * 3600;
    case Priority::High:
        return 8 * 3600;
    case Priority::Normal:
        return 24 * 3600;
    case Priority::Low:
        return 72 * 3600;
    }
    return 24 * 3600;
}

Facts Facts::of(const Ticket &t)
{
    Facts f;
    f.type = t.type;
    f.category = t.category;
    f.department = t.department;
    f.teamId = t.teamId.value();
    f.assigneeId = t.assigneeId.value();
    f.priority = t.priority;
    f.createdAt = seconds(t.createdAt);
    f.firstResponseAt = seconds(t.firstResponseAt);
    f.resolvedAt = seconds(t.resolvedAt);
    f.closedAt = seconds(t.closedAt);
    const QJsonValue rating = t.fields.value(u"rating");
    if (rating.isDouble()) {
        const double r = rating.toDouble();
        if (r >= 1 && r <= 5)
            f.rating = int(std::lround(r));
    }
    return f;
}

QString Facts::key(Dim dim) const
{
    switch (dim) {
    case Dim::All:
        return u""_s;
    case Dim::Type:
        return type.isNull() ? u""_s : type;
    case Dim::Category:
        return category.isNull() ? u""_s : category;
    case Dim::Department:
        return department.isNull() ? u""_s : department;
    case Dim::Team:
        return QString::number(std::max<qint64>(0, teamId));
    case Dim::Assignee:
        return QString::number(std::max<qint64>(0, assigneeId));
    }
    return u""_s;
}

QList<Contribution> contributions(const Facts &f)
{
    QList<Contribution> out;
    if (f.createdAt == 0)
        return out;
    Contribution created{f.createdAt, {}};
    created.metrics.created = 1;
    out << created;
    if (f.firstResponseAt != 0) {
        const qint64 d = std::max<qint64>(0, f.firstResponseAt - f.createdAt);
        Contribution c{f.firstResponseAt, {}};
        c.metrics.frCount = 1;
        c.metrics.frSum = d;
        c.metrics.frHist[size_t(histogramBucket(d))] = 1;
        out << c;
    }
    // Satisfaction belongs to the moment the work was finished: resolution, else closing.
    const qint64 ratedAt = f.resolvedAt != 0 ? f.resolvedAt : f.closedAt;
    if (f.resolvedAt != 0) {
        const qint64 d = std::max<qint64>(0, f.resolvedAt - f.createdAt);
        Contribution c{f.resolvedAt, {}};
        c.metrics.resolved = 1;
        c.metrics.resSum = d;
        c.metrics.resHist[size_t(histogramBucket(d))] = 1;
        (d <= slaResolutionTarget(f.priority) ? c.metrics.slaMet : c.metrics.slaMissed) = 1;
        out << c;
    }
    if (f.closedAt != 0) {
        Contribution c{f.closedAt, {}};
        c.metrics.closed = 1;
        out << c;
    }
    if (f.rating > 0 && ratedAt != 0) {
        Contribution c{ratedAt, {}};
        c.metrics.ratingCount = 1;
        c.metrics.ratingSum = f.rating;
        out << c;
    }
    return out;
}

std::optional<Scope> Scope::of(const protocol::StatsFilters &f)
{
    const int restricted = int(!f.types.isEmpty()) + int(!f.departments.isEmpty()) + int(!f.teamIds.isEmpty()) +
                           int(!f.assigneeIds.isEmpty());
    if (restricted > 1)
        return std::nullopt;
    Scope s;
    if (!f.types.isEmpty()) {
        s.dim = Dim::Type;
        s.keys = f.types;
    } else if (!f.departments.isEmpty()) {
        s.dim = Dim::Department;
        s.keys = f.departments;
    } else if (!f.teamIds.isEmpty()) {
        s.dim = Dim::Team;
        for (TeamId id : f.teamIds) {
            if (id.value() > 0)
                s.keys << QString::number(id.value());
        }
    } else if (!f.assigneeIds.isEmpty()) {
        s.dim = Dim::Assignee;
        for (UserId id : f.assigneeIds) {
            if (id.value() > 0)
                s.keys << QString::number(id.value());
        }
    }
    s.keys.removeDuplicates();
    return s;
}

protocol::StatsFilters Scope::filters() const
{
    protocol::StatsFilters f;
    switch (dim) {
    case Dim::Type:
        f.types = keys;
        break;
    case Dim::Department:
        f.departments = keys;
        break;
    case Dim::Team:
        for (const QString &k : keys)
            f.teamIds << TeamId(k.toLongLong());
        break;
    case Dim::Assignee:
        for (const QString &k : keys)
            f.assigneeIds << UserId(k.toLongLong());
        break;
    case Dim::All:
    case Dim::Category:
        break;
    }
    return f;
}

qint64 grainSeconds(Grain grain)
{
    switch (grain) {
    case Grain::Slot:
        return kSlotSeconds;
    case Grain::Hour:
        return kHourSeconds;
    case Grain::Day:
    case Grain::Month: // not fixed: bucketOf counts calendar months
        return kDaySeconds;
    }
    return kDaySeconds;
}

qint64 bucketOf(Grain grain, qint64 epochSeconds)
{
    if (grain == Grain::Month)
        return monthOfDay(floorDiv(epochSeconds, kDaySeconds));
    return floorDiv(epochSeconds, grainSeconds(grain));
}

qint64 monthOfDay(qint64 day)
{
    const QDate d = QDate(1970, 1, 1).addDays(day);
    return qint64(d.year() - 1970) * 12 + d.month() - 1;
}

qint64 firstDayOfMonth(qint64 month)
{
    const int year = int(1970 + floorDiv(month, 12));
    const int m = int(month - floorDiv(month, 12) * 12) + 1;
    return QDate(1970, 1, 1).daysTo(QDate(year, m, 1));
}

qint64 percentile(const std::array<qint64, kHistogramBuckets> &hist, double p)
{
    qint64 total = 0;
    for (qint64 n : hist)
        total += n;
    if (total <= 0)
        return -1;
    const double rank = p * double(total);
    double seen = 0;
    for (int i = 0; i < kHistogramBuckets; ++i) {
        const double n = double(hist[size_t(i)]);
        if (n <= 0)
            continue;
        if (seen + n >= rank || i == kHistogramBuckets - 1) {
            const double lower = i == 0 ? 0.0 : double(kHistogramBounds[size_t(i - 1)]);
            if (i == kHistogramBuckets - 1)
                return qint64(lower);
            const double upper = double(kHistogramBounds[size_t(i)]);
            const double within = std::clamp((rank - seen) / n, 0.0, 1.0);
            return qint64(std::llround(lower + within * (upper - lower)));
        }
        seen += n;
    }
    return qint64(kHistogramBounds.back());
}

} // namespace crewline::server::stats
