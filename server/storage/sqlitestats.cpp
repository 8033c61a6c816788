#include "server/storage/sqlitestats.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

using stats::Grain;
using stats::Metrics;

// The backlog: new and active tickets (phases 0 and 1; resolved ones wait for the requester, not for staff). The
// same expression as the partial index tickets_backlog (migration 4), so counting it reads the index alone.
const QString kBacklog = QStringLiteral("phase < 2");

constexpr int kValueColumns = 10 + 2 * stats::kHistogramBuckets;
constexpr size_t kFlushRows = 1000000; // pending rows a rebuild sums in memory (~400 MB) before writing

QStringList valueColumns()
{
    QStringList c = {u"created"_s, u"resolved"_s, u"closed"_s,     u"fr_count"_s,     u"fr_sum"_s,
                     u"res_sum"_s, u"sla_met"_s,  u"sla_missed"_s, u"rating_count"_s, u"rating_sum"_s};
    for (int i = 0; i < stats::kHistogramBuckets; ++i)
        c << u"fr_h%1"_s.arg(i);
    for (int i = 0; i < stats::kHistogramBuckets; ++i)
        c << u"res_h%1"_s.arg(i);
    return c;
}

// The metrics in valueColumns() order.
std::array<qint64, kValueColumns> values(const Metrics &m)
{
    std::array<qint64, kValueColumns> v{};
    v[0] = m.created;
    v[1] = m.resolved;
    v[2] = m.closed;
    v[3] = m.frCount;
    v[4] = m.frSum;
    v[5] = m.resSum;
    v[6] = m.slaMet;
    v[7] = m.slaMissed;
    v[8] = m.ratingCount;
    v[9] = m.ratingSum;
    for (int i = 0; i < stats::kHistogramBuckets; ++i) {
        v[size_t(10 + i)] = m.frHist[size_t(i)];
        v[size_t(10 + stats::kHistogramBuckets + i)] = m.resHist[size_t(i)];
    }
    return v;
}

Metrics metricsFrom(const QSqlQuery &q, int first)
{
    Metrics m;
    const auto at = [&](int i) { return q.value(first + i).toLongLong(); };
    m.created = at(0);
    m.resolved = at(1);
    m.closed = at(2);
    m.frCount = at(3);
    m.frSum = at(4);
    m.resSum = at(5);
    m.slaMet = at(6);
    m.slaMissed = at(7);
    m.ratingCount = at(8);
    m.ratingSum = at(9);
    for (int i = 0; i < stats::kHistogramBuckets; ++i) {
        m.frHist[size_t(i)] = at(10 + i);
        m.resHist[size_t(i)] = at(10 + stats::kHistogramBuckets + i);
    }
    return m;
}

void run(QSqlQuery &q)
{
    if (!q.exec())
        throw StorageError(QString(u"SQL failed: "_s + q.lastQuery() + u": "_s + q.lastError().text()).toStdString());
}

QSqlQuery prepare(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        throw StorageError(QString(u"SQL prepare failed: "_s + sql + u": "_s + q.lastError().text()).toStdString());
    return q;
}

qint64 seconds(const QVariant &ms)
{
    if (ms.isNull())
        return 0;
    const qint64 v = ms.toLongLong();
    return v / 1000 - ((v % 1000 != 0) && v < 0 ? 1 : 0);
}

} // namespace

SqliteStats::SqliteStats(QSqlDatabase db)
    : m_db(std::move(db))
{
}

SqliteStats::~SqliteStats() = default;

QString SqliteStats::factColumns()
{
    return u"type, category, department, team_id, assignee_id, priority, created_at, first_response_at, "
           "resolved_at, closed_at, CASE WHEN json_type(fields, '$.rating') IN ('integer', 'real') "
           "THEN json_extract(fields, '$.rating') END"_s;
}

stats::Facts SqliteStats::factsFrom(const QSqlQuery &q, int first)
{
    stats::Facts f;
    f.type = q.value(first + 0).toString();
    f.category = q.value(first + 1).toString();
    f.department = q.value(first + 2).toString();
    f.teamId = q.value(first + 3).toLongLong();
    f.assigneeId = q.value(first + 4).toLongLong();
    f.priority = static_cast<Priority>(qBound(0, q.value(first + 5).toInt(), 3));
    f.createdAt = seconds(q.value(first + 6));
    f.firstResponseAt = seconds(q.value(first + 7));
    f.resolvedAt = seconds(q.value(first + 8));
    f.closedAt = seconds(q.value(first + 9));
    const QVariant rating = q.value(first + 10);
    if (!rating.isNull()) {
        const double r = rating.toDouble();
        if (r >= 1 && r <= 5)
            f.rating = int(std::lround(r));
    }
    return f;
}

void SqliteStats::add(const stats::Facts &facts, int sign)
{
    for (const stats::Contribution &c : stats::contributions(facts)) {
        const auto count = [&](Grain grain, int dim) {
            const qint64 bucket = stats::bucketOf(grain, c.at);
            m_pending[Key{int(grain), dim, bucket, facts.key(static_cast<stats::Dim>(dim))}].add(c.metrics, sign);
        };
        count(Grain::Slot, int(stats::Dim::All));
        for (int dim = 0; dim < stats::kDimCount; ++dim) {
            count(Grain::Day, dim);
            if (dim != int(stats::Dim::All))
                count(Grain::Hour, dim);
        }
    }
}

void SqliteStats::flush()
{
    if (m_pending.empty())
        return;
    const std::map<Key, Metrics> pending = std::exchange(m_pending, {}); // a failed write leaves nothing behind
    const QStringList cols = valueColumns();
    QStringList updates;
    for (const QString &c : cols)
        updates << c + u" = "_s + c + u" + excluded."_s + c;
    QSqlQuery upsert =
        prepare(m_db, u"INSERT INTO stats_counts (grain, dim, bucket, key, "_s + cols.join(u", "_s) +
                          u") VALUES (?, ?, ?, ?"_s + u", ?"_s.repeated(kValueColumns) +
                          u") ON CONFLICT (grain, dim, bucket, key) DO UPDATE SET "_s + updates.join(u", "_s));
    QSqlQuery prune = prepare(m_db, u"DELETE FROM stats_counts WHERE grain = ? AND dim = ? AND bucket = ? AND "
                                    "key = ? AND created = 0 AND resolved = 0 AND closed = 0 AND fr_count = 0 AND "
                                    "rating_count = 0"_s);
    for (const auto &[key, m] : pending) {
        if (m.isZero())
            continue;
        const auto &[grain, dim, bucket, name] = key;
        upsert.addBindValue(grain);
        upsert.addBindValue(dim);
        upsert.addBindValue(bucket);
        upsert.addBindValue(name);
        bool removes = false;
        for (qint64 v : values(m)) {
            upsert.addBindValue(v);
            removes = removes || v < 0;
        }
        run(upsert);
        if (removes) { // a row whose counts fell to zero goes, so the table equals a recomputation exactly
            prune.addBindValue(grain);
            prune.addBindValue(dim);
            prune.addBindValue(bucket);
            prune.addBindValue(name);
            run(prune);
        }
    }
}

void SqliteStats::sumInto(StatsSums &out, Grain grain, qint64 fromBucket, qint64 toBucket, bool allOnly)
{
    if (fromBucket >= toBucket)
        return;
    QStringList sums;
    for (const QString &c : valueColumns())
        sums << u"SUM("_s + c + u')';
    QSqlQuery q =
        prepare(m_db, u"SELECT dim, key, "_s + sums.join(u", "_s) + u" FROM stats_counts WHERE grain = ? AND "_s +
                          (allOnly ? u"dim = 0"_s : u"dim IN (0, 1, 2, 3, 4, 5)"_s) +
                          u" AND bucket >= ? AND bucket < ? GROUP BY dim, key"_s);
    q.addBindValue(int(grain));
    q.addBindValue(fromBucket);
    q.addBindValue(toBucket);
    run(q);
    while (q.next())
        out[{q.value(0).toInt(), q.value(1).toString()}].add(metricsFrom(q, 2));
}

// Part of a day: "all" from quarter hours; the other dimensions from whole hours, and from the tickets themselves
// for the slivers of an hour at either end (zones with half- and quarter-hour offsets).
void SqliteStats::sumPartialDay(StatsSums &out, qint64 from, qint64 to, bool allDimensions)
{
    if (from >= to)
        return;
    sumInto(out, Grain::Slot, stats::bucketOf(Grain::Slot, from),
            stats::bucketOf(Grain::Slot, to + stats::kSlotSeconds - 1), true);
    if (!allDimensions)
        return;
    const qint64 hourFrom = stats::bucketOf(Grain::Hour, from + stats::kHourSeconds - 1); // first whole hour
    const qint64 hourTo = stats::bucketOf(Grain::Hour, to);
    QList<std::pair<qint64, qint64>> slivers;
    if (hourFrom < hourTo) {
        StatsSums hours;
        sumInto(hours, Grain::Hour, hourFrom, hourTo, false);
        for (auto &[key, m] : hours) {
            if (key.first != int(stats::Dim::All))
                out[key].add(m);
        }
        slivers << std::pair{from, hourFrom * stats::kHourSeconds} << std::pair{hourTo * stats::kHourSeconds, to};
    } else {
        slivers << std::pair{from, to};
    }
    for (const auto &[a, b] : std::as_const(slivers)) {
        if (a >= b)
            continue;
        for (const stats::Facts &f : facts({}, a, b)) {
            for (const stats::Contribution &c : stats::contributions(f)) {
                if (c.at < a || c.at >= b)
                    continue;
                for (int dim = 1; dim < stats::kDimCount; ++dim)
                    out[{dim, f.key(static_cast<stats::Dim>(dim))}].add(c.metrics);
            }
        }
    }
}

StatsSums SqliteStats::sums(qint64 from, qint64 to, bool allDimensions)
{
    StatsSums out;
    if (from >= to)
        return out;
    const qint64 dayFrom = stats::bucketOf(Grain::Day, from + stats::kDaySeconds - 1); // first whole day
    const qint64 dayTo = stats::bucketOf(Grain::Day, to);                              // end of the last whole day
    if (dayFrom < dayTo) {
        sumPartialDay(out, from, dayFrom * stats::kDaySeconds, allDimensions);
        sumInto(out, Grain::Day, dayFrom, dayTo, !allDimensions);
        sumPartialDay(out, dayTo * stats::kDaySeconds, to, allDimensions);
    } else {
        sumPartialDay(out, from, to, allDimensions);
    }
    return out;
}

QList<std::pair<qint64, Metrics>> SqliteStats::quarterHours(qint64 from, qint64 to)
{
    QList<std::pair<qint64, Metrics>> out;
    QSqlQuery q = prepare(m_db, u"SELECT bucket, created, resolved FROM stats_counts WHERE grain = 0 AND dim = 0 AND "
                                "bucket >= ? AND bucket < ? ORDER BY bucket"_s);
    q.addBindValue(stats::bucketOf(Grain::Slot, from));
    q.addBindValue(stats::bucketOf(Grain::Slot, to + stats::kSlotSeconds - 1));
    run(q);
    while (q.next()) {
        Metrics m;
        m.created = q.value(1).toLongLong();
        m.resolved = q.value(2).toLongLong();
        out.append({q.value(0).toLongLong() * stats::kSlotSeconds, m});
    }
    return out;
}

QString SqliteStats::filterSql(const protocol::StatsFilters &f, QVariantList &binds) const
{
    QStringList where;
    const auto inList = [&](const QString &column, const QVariantList &values) {
        if (values.isEmpty())
            return;
        where << column + u" IN ("_s + QStringList(values.size(), u"?"_s).join(u',') + u')';
        binds << values;
    };
    QVariantList types, departments, teams, assignees;
    for (const QString &t : f.types)
        types << t;
    for (const QString &d : f.departments)
        departments << d;
    for (TeamId t : f.teamIds)
        teams << t.value();
    for (UserId u : f.assigneeIds)
        assignees << u.value();
    inList(u"type"_s, types);
    inList(u"department"_s, departments);
    inList(u"team_id"_s, teams);
    inList(u"assignee_id"_s, assignees);
    return where.isEmpty() ? QString() : where.join(u" AND "_s);
}

QList<stats::Facts> SqliteStats::facts(const protocol::StatsFilters &filters, qint64 from, qint64 to)
{
    QVariantList binds;
    const QString filter = filterSql(filters, binds);
    QString sql = u"SELECT "_s + factColumns() + u" FROM tickets WHERE ("_s;
    QStringList moments;
    for (const char *column : {"created_at", "first_response_at", "resolved_at", "closed_at"}) {
        moments << u"(%1 >= ? AND %1 < ?)"_s.arg(QLatin1StringView(column));
    }
    sql += moments.join(u" OR "_s) + u')';
    if (!filter.isEmpty())
        sql += u" AND "_s + filter;
    QSqlQuery q = prepare(m_db, sql);
    for (int i = 0; i < 4; ++i) {
        q.addBindValue(from * 1000);
        q.addBindValue(to * 1000);
    }
    for (const QVariant &b : binds)
        q.addBindValue(b);
    run(q);
    QList<stats::Facts> out;
    while (q.next())
        out << factsFrom(q);
    return out;
}

qint64 SqliteStats::openCount(const protocol::StatsFilters &filters)
{
    QVariantList binds;
    const QString filter = filterSql(filters, binds);
    QSqlQuery q = prepare(m_db, u"SELECT COUNT(*) FROM tickets WHERE "_s + kBacklog +
                                    (filter.isEmpty() ? QString() : u" AND "_s + filter));
    for (const QVariant &b : binds)
        q.addBindValue(b);
    run(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

QList<qint64> SqliteStats::backlogIds(const protocol::StatsFilters &filters, int limit)
{
    QVariantList binds;
    const QString filter = filterSql(filters, binds);
    QSqlQuery q = prepare(m_db, u"SELECT id FROM tickets WHERE "_s + kBacklog +
                                    (filter.isEmpty() ? QString() : u" AND "_s + filter) +
                                    u" ORDER BY priority DESC, created_at ASC LIMIT ?"_s);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    q.addBindValue(limit);
    run(q);
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

void SqliteStats::rebuild()
{
    m_pending.clear();
    QSqlQuery clear(m_db);
    if (!clear.exec(u"DELETE FROM stats_counts"_s))
        throw StorageError("cannot clear stats_counts: " + clear.lastError().text().toStdString());
    QSqlQuery q = prepare(m_db, u"SELECT "_s + factColumns() + u" FROM tickets"_s);
    run(q);
    while (q.next()) {
        add(factsFrom(q), +1);
        if (m_pending.size() >= kFlushRows)
            flush();
    }
    q.finish();
    flush();
}

} // namespace crewline::server
