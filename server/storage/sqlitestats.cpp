#include "server/storage/sqlitestats.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

using stats::Grain;
using stats::Metrics;

// The backlog: new and active tickets (phases 0 and 1; resolved ones wait for the requester, not for staff). The
// same expression as the partial index tickets_backlog (migration 4), so counting it reads the index alone.
const QString kBacklog = QStringLiteral("phase < 2");

constexpr int kValueColumns = 10 + 2 * stats::kHistogramBuckets;
static_assert(kValueColumns <= 64, "a change's value columns are a 64-bit mask");
constexpr quint64 kAllColumns = (quint64(1) << kValueColumns) - 1;
// Column sets with their own cached upsert; a change with any other set writes every column of its table. Sums over
// many tickets (a rebuild) have arbitrary sets, which must not each get a prepared statement.
constexpr size_t kMaxUpserts = 256;
constexpr size_t kFlushRows = 1000000; // pending rows a rebuild sums in memory (~400 MB) before writing

// The value columns (valueColumns() order, a bit each in a mask) are kept in two tables per kind of counter (migration
// 9), with the same key: the counts, the first kCountColumns, in stats_counts / stats_scoped; the duration
// histograms in stats_counts_hist / stats_scoped_hist, whose rows exist only where a first response or a resolution
// was counted. A ticket's creation and closing write the narrow rows only: SQLite rewrites every column of a row it
// updates, and 24 histogram columns made each counter row of a create cost twice as much.
enum class Part
{
    Counts,
    Histograms,
};
constexpr std::array<Part, 2> kParts = {Part::Counts, Part::Histograms};
constexpr int kCountColumns = 10;
constexpr quint64 kCountMask = (quint64(1) << kCountColumns) - 1;

quint64 maskOf(Part part)
{
    return part == Part::Counts ? kCountMask : kAllColumns & ~kCountMask;
}

QString tableOf(bool scoped, Part part)
{
    if (part == Part::Counts)
        return scoped ? u"stats_scoped"_s : u"stats_counts"_s;
    return scoped ? u"stats_scoped_hist"_s : u"stats_counts_hist"_s;
}

QStringList keyColumns(bool scoped)
{
    return scoped ? QStringList{u"fdim"_s, u"fkey"_s, u"grain"_s, u"bucket"_s, u"dim"_s, u"key"_s}
                  : QStringList{u"grain"_s, u"dim"_s, u"bucket"_s, u"key"_s};
}

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

// The value columns of one table, in valueColumns() order.
QStringList valueColumns(Part part)
{
    const QStringList all = valueColumns();
    return part == Part::Counts ? all.mid(0, kCountColumns) : all.mid(kCountColumns);
}

// "SUM(c1), SUM(c2), ..." of one table's value columns.
QString sumsOf(Part part)
{
    QStringList sums;
    for (const QString &c : valueColumns(part))
        sums << u"SUM("_s + c + u')';
    return sums.join(u", "_s);
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

// The values of one table's columns (valueColumns(part)), read from q starting at column first.
Metrics metricsFrom(const QSqlQuery &q, int first, Part part)
{
    Metrics m;
    const auto at = [&](int i) { return q.value(first + i).toLongLong(); };
    if (part == Part::Counts) {
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
        return m;
    }
    for (int i = 0; i < stats::kHistogramBuckets; ++i) {
        m.frHist[size_t(i)] = at(i);
        m.resHist[size_t(i)] = at(stats::kHistogramBuckets + i);
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

// Whole UTC days [dayFrom, dayTo): the whole calendar months inside from the month rows (which exist for the months
// before monthRowsBefore), the days around them from the day rows. sum(grain, fromBucket, toBucket).
template<class Sum>
void sumDays(qint64 dayFrom, qint64 dayTo, qint64 monthRowsBefore, const Sum &sum)
{
    if (dayFrom >= dayTo)
        return;
    qint64 monthFrom = stats::monthOfDay(dayFrom);
    if (stats::firstDayOfMonth(monthFrom) < dayFrom)
        ++monthFrom;
    // The months before it end on or before dayTo and have month rows.
    const qint64 monthTo = std::min(stats::monthOfDay(dayTo), monthRowsBefore);
    if (monthFrom >= monthTo) {
        sum(Grain::Day, dayFrom, dayTo);
        return;
    }
    sum(Grain::Day, dayFrom, stats::firstDayOfMonth(monthFrom));
    sum(Grain::Month, monthFrom, monthTo);
    sum(Grain::Day, stats::firstDayOfMonth(monthTo), dayTo);
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

void SqliteStats::Pending::clear()
{
    counts.clear();
    scoped.clear();
}

int SqliteStats::keyId(const QString &key)
{
    if (const auto it = m_keyIds.constFind(key); it != m_keyIds.cend())
        return it.value();
    const int id = int(m_keyNames.size());
    m_keyNames << key;
    m_keyIds.insert(key, id);
    return id;
}

void SqliteStats::add(const stats::Facts &facts, int sign)
{
    if (m_inJob)
        m_jobAdds.emplace_back(facts, sign);
    apply(facts, sign);
}

void SqliteStats::apply(const stats::Facts &facts, int sign)
{
    Pending &to = m_pending;
    const qint64 monthRows = monthRowsBefore();
    std::array<int, stats::kDimCount> keys{};
    for (int dim = 0; dim < stats::kDimCount; ++dim)
        keys[size_t(dim)] = keyId(facts.key(static_cast<stats::Dim>(dim)));
    for (const stats::Contribution &c : stats::contributions(facts)) {
        const qint64 slot = stats::bucketOf(Grain::Slot, c.at);
        const qint64 day = stats::bucketOf(Grain::Day, c.at);
        const qint64 hour = stats::bucketOf(Grain::Hour, c.at);
        const qint64 month = stats::monthOfDay(day);
        const bool monthRow = month < monthRows;
        to.counts[Key{int(Grain::Slot), int(stats::Dim::All), slot, keys[0]}].add(c.metrics, sign);
        for (int dim = 0; dim < stats::kDimCount; ++dim) {
            to.counts[Key{int(Grain::Day), dim, day, keys[size_t(dim)]}].add(c.metrics, sign);
            if (monthRow)
                to.counts[Key{int(Grain::Month), dim, month, keys[size_t(dim)]}].add(c.metrics, sign);
            if (dim != int(stats::Dim::All))
                to.counts[Key{int(Grain::Hour), dim, hour, keys[size_t(dim)]}].add(c.metrics, sign);
        }
        for (const stats::Dim fdim : stats::kFilterDims) {
            const int fkey = keys[size_t(fdim)];
            to.scoped[ScopedKey{int(fdim), fkey, int(Grain::Slot), slot, int(stats::Dim::All), keys[0]}].add(c.metrics,
                                                                                                             sign);
            for (int dim = 0; dim < stats::kDimCount; ++dim) {
                if (dim == int(fdim))
                    continue;
                to.scoped[ScopedKey{int(fdim), fkey, int(Grain::Day), day, dim, keys[size_t(dim)]}].add(c.metrics,
                                                                                                        sign);
                if (monthRow)
                    to.scoped[ScopedKey{int(fdim), fkey, int(Grain::Month), month, dim, keys[size_t(dim)]}].add(
                        c.metrics, sign);
            }
        }
    }
}

void SqliteStats::beginJob()
{
    m_jobAdds.clear();
    m_inJob = true;
}

void SqliteStats::endJob(bool keep)
{
    if (!keep) {
        // The exact inverse of what the job added; rows it created stay in the map with zero changes, which flush()
        // skips.
        for (auto it = m_jobAdds.rbegin(); it != m_jobAdds.rend(); ++it)
            apply(it->first, -it->second);
    }
    m_jobAdds.clear();
    m_inJob = false;
}

void SqliteStats::discard()
{
    m_pending.clear();
    m_jobAdds.clear();
    forgetMonthRows(); // a rolled-back transaction may have moved it
}

RawStatement &SqliteStats::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, std::make_unique<RawStatement>(m_db, sql)).first;
    return *it->second;
}

// The upsert of one set of value columns of one table (a bit per valueColumns() entry, all in one Part): a change
// binds its key and its non-zero values only, so the UPDATE of an existing row adds to those columns alone: a
// ticket's moment touches one to four columns. The variants of single writes are few (a bucket of each histogram);
// at most kMaxUpserts are kept.
SqliteStats::Upsert &SqliteStats::upsert(bool scoped, quint64 columns)
{
    const auto key = std::pair{scoped, columns};
    if (auto it = m_upserts.find(key); it != m_upserts.end())
        return it->second;
    const QStringList all = valueColumns();
    QStringList names, updates;
    for (int i = 0; i < kValueColumns; ++i) {
        if (columns & (quint64(1) << i)) {
            names << all.at(i);
            updates << all.at(i) + u" = "_s + all.at(i) + u" + ?"_s;
        }
    }
    const QStringList keys = keyColumns(scoped);
    const QString table = tableOf(scoped, (columns & kCountMask) != 0 ? Part::Counts : Part::Histograms);
    Upsert u;
    u.update = std::make_unique<RawStatement>(m_db, u"UPDATE "_s + table + u" SET "_s + updates.join(u", "_s) +
                                                        u" WHERE "_s + keys.join(u" = ? AND "_s) + u" = ?"_s);
    u.insert = std::make_unique<RawStatement>(
        m_db, u"INSERT INTO "_s + table + u" ("_s + keys.join(u", "_s) + u", "_s + names.join(u", "_s) +
                  u") VALUES ("_s + QStringList(keys.size() + names.size(), u"?"_s).join(u", "_s) + u')');
    return m_upserts.emplace(key, std::move(u)).first->second;
}

void SqliteStats::flush()
{
    if (m_pending.size() == 0 || m_inJob)
        return;
    Pending pending;
    std::swap(pending, m_pending); // a failed write leaves nothing behind
    // A row whose values fell to zero goes, so the tables equal a recomputation exactly: a counts row when it counts
    // no moment of any ticket, a histogram row when every bucket is empty.
    RawStatement *prunes[2][2] = {}; // [scoped][part]
    const auto prune = [&](bool scoped, Part part) -> RawStatement & {
        RawStatement *&p = prunes[scoped ? 1 : 0][part == Part::Counts ? 0 : 1];
        if (!p) {
            QStringList zero;
            if (part == Part::Counts)
                zero = {u"created"_s, u"resolved"_s, u"closed"_s, u"fr_count"_s, u"rating_count"_s};
            else
                zero = valueColumns(Part::Histograms);
            p = &statement(u"DELETE FROM "_s + tableOf(scoped, part) + u" WHERE "_s +
                           keyColumns(scoped).join(u" = ? AND "_s) + u" = ? AND "_s + zero.join(u" = 0 AND "_s) +
                           u" = 0"_s);
        }
        return *p;
    };
    // Adds the non-zero values of a change to its rows (the counts, the histograms when it has any): an UPDATE, which
    // finds the row with one search of the key (the rows of the current day exist after its first commits), or an
    // INSERT when there is none yet. (INSERT ... ON CONFLICT DO UPDATE searches twice.) A row a negative value went
    // into may have emptied: it goes if it did.
    const auto write = [&](bool scoped, const auto &bindKey, const Metrics &m) {
        const std::array<qint64, kValueColumns> v = values(m);
        quint64 nonZero = 0, negative = 0;
        for (int i = 0; i < kValueColumns; ++i) {
            if (v[size_t(i)] != 0)
                nonZero |= quint64(1) << i;
            if (v[size_t(i)] < 0)
                negative |= quint64(1) << i;
        }
        for (const Part part : kParts) {
            quint64 columns = nonZero & maskOf(part);
            if (columns == 0)
                continue;
            if (m_upserts.size() >= kMaxUpserts && !m_upserts.contains({scoped, columns}))
                columns = maskOf(part);
            Upsert &u = upsert(scoped, columns);
            const auto bindValues = [&](RawStatement &q, int index) {
                for (int i = 0; i < kValueColumns; ++i) {
                    if (columns & (quint64(1) << i))
                        q.bindInt(++index, v[size_t(i)]);
                }
                return index;
            };
            bindKey(*u.update, bindValues(*u.update, 0));
            u.update->exec();
            if (u.update->changes() == 0) {
                bindValues(*u.insert, bindKey(*u.insert, 0));
                u.insert->exec();
            }
            if (negative & maskOf(part)) {
                RawStatement &p = prune(scoped, part);
                bindKey(p, 0);
                p.exec();
            }
        }
    };
    // In key order, so that neighbouring rows are written one after the other.
    const auto sorted = [](const auto &map) {
        std::vector<const typename std::decay_t<decltype(map)>::value_type *> out;
        out.reserve(map.size());
        for (const auto &entry : map)
            out.push_back(&entry);
        std::sort(out.begin(), out.end(), [](const auto *a, const auto *b) { return a->first < b->first; });
        return out;
    };
    for (const auto *entry : sorted(pending.counts)) {
        const auto &[key, m] = *entry;
        if (m.isZero())
            continue;
        const auto &[grain, dim, bucket, name] = key;
        const auto bindKey = [&](RawStatement &q, int index) {
            q.bindInt(++index, grain);
            q.bindInt(++index, dim);
            q.bindInt(++index, bucket);
            q.bindText(++index, m_keyNames.at(name));
            return index;
        };
        write(false, bindKey, m);
    }

    for (const auto *entry : sorted(pending.scoped)) {
        const auto &[key, m] = *entry;
        if (m.isZero())
            continue;
        const auto &[fdim, fkey, grain, bucket, dim, name] = key;
        const auto bindKey = [&](RawStatement &q, int index) {
            q.bindInt(++index, fdim);
            q.bindText(++index, m_keyNames.at(fkey));
            q.bindInt(++index, grain);
            q.bindInt(++index, bucket);
            q.bindInt(++index, dim);
            q.bindText(++index, m_keyNames.at(name));
            return index;
        };
        write(true, bindKey, m);
    }
    // The next transaction fills the emptied maps: their buckets are kept, unless a rebuild grew them (clearing a
    // map touches every bucket).
    constexpr size_t kKeptBuckets = 4096;
    if (m_pending.size() == 0 && pending.counts.bucket_count() <= kKeptBuckets &&
        pending.scoped.bucket_count() <= kKeptBuckets) {
        pending.clear();
        std::swap(pending, m_pending);
    }
}

void SqliteStats::sumInto(StatsSums &out, Grain grain, qint64 fromBucket, qint64 toBucket, bool allOnly)
{
    if (fromBucket >= toBucket)
        return;
    for (const Part part : kParts) {
        QSqlQuery q =
            prepare(m_db, u"SELECT dim, key, "_s + sumsOf(part) + u" FROM "_s + tableOf(false, part) +
                              u" WHERE grain = ? AND "_s + (allOnly ? u"dim = 0"_s : u"dim IN (0, 1, 2, 3, 4, 5)"_s) +
                              u" AND bucket >= ? AND bucket < ? GROUP BY dim, key"_s);
        q.addBindValue(int(grain));
        q.addBindValue(fromBucket);
        q.addBindValue(toBucket);
        run(q);
        while (q.next())
            out[{q.value(0).toInt(), q.value(1).toString()}].add(metricsFrom(q, 2, part));
    }
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

StatsSums SqliteStats::sums(const stats::Scope &scope, qint64 from, qint64 to, bool allDimensions)
{
    if (!scope.isAll())
        return scopedSums(scope, from, to, allDimensions);
    StatsSums out;
    if (from >= to)
        return out;
    const qint64 dayFrom = stats::bucketOf(Grain::Day, from + stats::kDaySeconds - 1); // first whole day
    const qint64 dayTo = stats::bucketOf(Grain::Day, to);                              // end of the last whole day
    if (dayFrom < dayTo) {
        sumPartialDay(out, from, dayFrom * stats::kDaySeconds, allDimensions);
        forgetMonthRows(); // another connection may have moved it
        sumDays(dayFrom, dayTo, monthRowsBefore(),
                [&](Grain grain, qint64 a, qint64 b) { sumInto(out, grain, a, b, !allDimensions); });
        sumPartialDay(out, dayTo * stats::kDaySeconds, to, allDimensions);
    } else {
        sumPartialDay(out, from, to, allDimensions);
    }
    return out;
}

// The scoped rows of the chosen values: "all" counts for the total and for the filter dimension's own breakdown
// (each value its own row); the other dimensions sum over the values.
void SqliteStats::sumScopedInto(StatsSums &out, const stats::Scope &scope, Grain grain, qint64 fromBucket,
                                qint64 toBucket, bool allOnly)
{
    if (fromBucket >= toBucket || scope.keys.isEmpty())
        return;
    for (const Part part : kParts) {
        QSqlQuery q =
            prepare(m_db, u"SELECT fkey, dim, key, "_s + sumsOf(part) + u" FROM "_s + tableOf(true, part) +
                              u" WHERE fdim = ? AND fkey IN ("_s + QStringList(scope.keys.size(), u"?"_s).join(u',') +
                              u") AND grain = ? AND bucket >= ? AND bucket < ?"_s +
                              (allOnly ? u" AND dim = 0"_s : QString()) + u" GROUP BY fkey, dim, key"_s);
        q.addBindValue(int(scope.dim));
        for (const QString &k : scope.keys)
            q.addBindValue(k);
        q.addBindValue(int(grain));
        q.addBindValue(fromBucket);
        q.addBindValue(toBucket);
        run(q);
        while (q.next()) {
            const Metrics m = metricsFrom(q, 3, part);
            const int dim = q.value(1).toInt();
            if (dim == int(stats::Dim::All)) {
                out[{dim, QString()}].add(m);
                out[{int(scope.dim), q.value(0).toString()}].add(m);
            } else {
                out[{dim, q.value(2).toString()}].add(m);
            }
        }
    }
}

// The contributions in [from, to) of the tickets in scope, every dimension.
void SqliteStats::addTickets(StatsSums &out, const stats::Scope &scope, qint64 from, qint64 to, int sign)
{
    if (from >= to || scope.keys.isEmpty())
        return;
    for (const stats::Facts &f : facts(scope.filters(), from, to, true)) {
        for (const stats::Contribution &c : stats::contributions(f)) {
            if (c.at < from || c.at >= to)
                continue;
            for (int dim = 0; dim < stats::kDimCount; ++dim)
                out[{dim, f.key(static_cast<stats::Dim>(dim))}].add(c.metrics, sign);
        }
    }
}

// A filtered range, cut at UTC midnights: whole days from the scoped day rows; the pieces of a UTC day at either
// end (local midnight is not UTC midnight) either from the tickets in the piece or as the whole UTC day minus the
// tickets in the rest of it, whichever reads fewer hours of tickets. Totals only ("all") need no tickets: the
// pieces come from the scoped quarter hours.
StatsSums SqliteStats::scopedSums(const stats::Scope &scope, qint64 from, qint64 to, bool allDimensions)
{
    StatsSums out;
    if (from >= to || scope.keys.isEmpty())
        return out;
    constexpr qint64 D = stats::kDaySeconds;
    const qint64 firstMidnight = stats::bucketOf(Grain::Day, from + D - 1) * D;
    const qint64 lastMidnight = stats::bucketOf(Grain::Day, to) * D;
    QList<std::pair<qint64, qint64>> pieces; // parts of one UTC day each
    qint64 wholeFrom = 0, wholeTo = 0;       // UTC days
    if (firstMidnight <= lastMidnight) {
        pieces << std::pair{from, firstMidnight} << std::pair{lastMidnight, to};
        wholeFrom = firstMidnight / D;
        wholeTo = lastMidnight / D;
    } else {
        pieces << std::pair{from, to};
    }
    forgetMonthRows(); // another connection may have moved it
    const qint64 monthRows = monthRowsBefore();
    const auto wholeDays = [&](bool allOnly) {
        sumDays(wholeFrom, wholeTo, monthRows,
                [&](Grain grain, qint64 a, qint64 b) { sumScopedInto(out, scope, grain, a, b, allOnly); });
    };
    if (!allDimensions) {
        wholeDays(true);
        for (const auto &[a, b] : std::as_const(pieces)) {
            if (a < b)
                sumScopedInto(out, scope, Grain::Slot, stats::bucketOf(Grain::Slot, a),
                              stats::bucketOf(Grain::Slot, b + stats::kSlotSeconds - 1), true);
        }
        return out;
    }
    wholeDays(false);
    bool subtracted = false;
    for (const auto &[a, b] : std::as_const(pieces)) {
        if (a >= b)
            continue;
        if (b - a <= D / 2) {
            addTickets(out, scope, a, b, +1);
            continue;
        }
        const qint64 day = stats::bucketOf(Grain::Day, a);
        sumScopedInto(out, scope, Grain::Day, day, day + 1, false);
        addTickets(out, scope, day * D, a, -1);
        addTickets(out, scope, b, (day + 1) * D, -1);
        subtracted = true;
    }
    if (subtracted) { // rows the subtraction emptied are no rows (as on the tickets path)
        for (auto it = out.begin(); it != out.end();)
            it = it->second.isZero() ? out.erase(it) : std::next(it);
    }
    return out;
}

QList<std::pair<qint64, Metrics>> SqliteStats::quarterHours(const stats::Scope &scope, qint64 from, qint64 to)
{
    QList<std::pair<qint64, Metrics>> out;
    if (!scope.isAll() && scope.keys.isEmpty())
        return out;
    QSqlQuery q =
        scope.isAll()
            ? prepare(m_db, u"SELECT bucket, created, resolved FROM stats_counts WHERE grain = 0 AND dim = 0 AND "
                            "bucket >= ? AND bucket < ? ORDER BY bucket"_s)
            : prepare(m_db, u"SELECT bucket, SUM(created), SUM(resolved) FROM stats_scoped WHERE fdim = ? AND "
                            "fkey IN ("_s +
                                QStringList(scope.keys.size(), u"?"_s).join(u',') +
                                u") AND grain = 0 AND bucket >= ? AND bucket < ? GROUP BY bucket ORDER BY bucket"_s);
    if (!scope.isAll()) {
        q.addBindValue(int(scope.dim));
        for (const QString &k : scope.keys)
            q.addBindValue(k);
    }
    q.addBindValue(stats::bucketOf(Grain::Slot, from));
    q.addBindValue(stats::bucketOf(Grain::Slot, to + stats::kSlotSeconds - 1));
    run(q);
    while (q.next()) {
        Metrics m;
        m.created = q.value(1).toLongLong();
        m.resolved = q.value(2).toLongLong();
        if (m.created != 0 || m.resolved != 0)
            out.append({q.value(0).toLongLong() * stats::kSlotSeconds, m});
    }
    return out;
}

QString SqliteStats::filterSql(const protocol::StatsFilters &f, QVariantList &binds, bool noIndex) const
{
    QStringList where;
    const auto inList = [&](const QString &column, const QVariantList &values) {
        if (values.isEmpty())
            return;
        where << (noIndex ? u"+"_s : QString()) + column + u" IN ("_s + QStringList(values.size(), u"?"_s).join(u',') +
                     u')';
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

QList<stats::Facts> SqliteStats::facts(const protocol::StatsFilters &filters, qint64 from, qint64 to, bool byMoment)
{
    QVariantList binds;
    const QString filter = filterSql(filters, binds, byMoment);
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

namespace {
const QString kMonthRowsBefore = QStringLiteral("stats_month_rows_before");
// No row in the counters table (a database from before migration 7): month rows for every month.
constexpr qint64 kEveryMonth = std::numeric_limits<qint64>::max();
} // namespace

qint64 SqliteStats::monthRowsBefore()
{
    if (!m_monthRowsBefore) {
        RawStatement &q = statement(u"SELECT value FROM counters WHERE name = ?"_s); // twice per write transaction
        q.bindText(1, kMonthRowsBefore);
        m_monthRowsBefore = q.next() ? q.integer(0) : kEveryMonth;
        q.reset();
    }
    return *m_monthRowsBefore;
}

void SqliteStats::setMonthRowsBefore(qint64 month)
{
    flush(); // pending changes were summed for the months as they were
    const qint64 current = monthRowsBefore();
    if (month == current)
        return;
    const auto exec = [this](const QString &sql, const QVariantList &binds) {
        QSqlQuery q = prepare(m_db, sql);
        for (const QVariant &v : binds)
            q.addBindValue(v);
        run(q);
    };
    // Each month from the old value up to the new one gets its rows, summed from its day rows (none when the value
    // moves back, or from "every month"). Months from the new value on have none: they go if it moved back (or had
    // rows for every month).
    for (const Part part : kParts) {
        const QString columns = valueColumns(part).join(u", "_s);
        for (qint64 m = current == kEveryMonth ? month : current; m < month; ++m) {
            const QVariantList range{m, stats::firstDayOfMonth(m), stats::firstDayOfMonth(m + 1)};
            exec(u"INSERT INTO "_s + tableOf(false, part) + u" (grain, dim, bucket, key, "_s + columns +
                     u") SELECT 3, dim, ?, key, "_s + sumsOf(part) + u" FROM "_s + tableOf(false, part) +
                     u" WHERE grain = 1 AND bucket >= ? AND bucket < ? GROUP BY dim, key"_s,
                 range);
            exec(u"INSERT INTO "_s + tableOf(true, part) + u" (fdim, fkey, grain, bucket, dim, key, "_s + columns +
                     u") SELECT fdim, fkey, 3, ?, dim, key, "_s + sumsOf(part) + u" FROM "_s + tableOf(true, part) +
                     u" WHERE grain = 1 AND bucket >= ? AND bucket < ? GROUP BY fdim, fkey, dim, key"_s,
                 range);
        }
        if (month < current) {
            for (const bool scoped : {false, true})
                exec(u"DELETE FROM "_s + tableOf(scoped, part) + u" WHERE grain = 3 AND bucket >= ?"_s, {month});
        }
    }
    exec(u"INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value"_s,
         {kMonthRowsBefore, month});
    m_monthRowsBefore = month;
}

void SqliteStats::rebuild()
{
    discard();
    for (const QString &table :
         {u"stats_counts"_s, u"stats_scoped"_s, u"stats_counts_hist"_s, u"stats_scoped_hist"_s}) {
        QSqlQuery clear(m_db);
        if (!clear.exec(u"DELETE FROM "_s + table))
            throw StorageError("cannot clear " + table.toStdString() + ": " + clear.lastError().text().toStdString());
    }
    const bool inJob = std::exchange(m_inJob, false);
    QSqlQuery q = prepare(m_db, u"SELECT "_s + factColumns() + u" FROM tickets"_s);
    run(q);
    while (q.next()) {
        add(factsFrom(q), +1);
        if (m_pending.size() >= kFlushRows)
            flush();
    }
    q.finish();
    flush();
    m_inJob = inJob;
}

} // namespace crewline::server
