#pragma once

// The dashboard counters' tables (stats_counts, migration 4; stats_scoped, migration 6; the histograms of both beside
// them in stats_counts_hist and stats_scoped_hist, migration 9) on one SQLite connection: applies the change of a
// ticket's contribution (statscounters.h) as upserts, sums ranges, and recomputes everything from the tickets. Used
// only by SqliteStore, inside its transactions.
//
// Changes are kept in memory until flush(): the store flushes once per transaction (before COMMIT), not per ticket
// write. A job (savepoint) adds its changes to the transaction's and remembers what it added; endJob(false) takes
// exactly them back, as ROLLBACK TO SAVEPOINT drops the job's rows.

#include "common/messages.h"
#include "server/storage/sqliteraw.h"
#include "server/storage/statscounters.h"
#include "server/storage/store.h"

#include <QHash>
#include <QSqlDatabase>

#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace crewline::server {

class SqliteStats
{
public:
    explicit SqliteStats(QSqlDatabase db);
    ~SqliteStats();

    // Adds (sign +1) or removes (-1) a ticket's contribution to the pending changes (the open job's, if any).
    void add(const stats::Facts &facts, int sign);
    void beginJob();
    void endJob(bool keep);
    // Writes the pending changes. Does nothing while a job is open (its changes could still be taken back): outside
    // a transaction the store flushes when the job ends.
    void flush();
    // Drops every pending change (the transaction was rolled back).
    void discard();

    // Sums over [from, to); allDimensions false: "all" only (and, scoped, each chosen value of the filter dimension).
    StatsSums sums(const stats::Scope &scope, qint64 from, qint64 to, bool allDimensions = true);
    QList<std::pair<qint64, stats::Metrics>> quarterHours(const stats::Scope &scope, qint64 from, qint64 to);
    // byMoment: read through the moment indexes only, never an index on a filter column (for the few hours at the
    // ends of a range: the planner would otherwise walk, say, every ticket an engineer ever had).
    QList<stats::Facts> facts(const protocol::StatsFilters &filters, qint64 from, qint64 to, bool byMoment = false);
    qint64 openCount(const protocol::StatsFilters &filters);
    // Ids of open tickets, most urgent and oldest first.
    QList<qint64> backlogIds(const protocol::StatsFilters &filters, int limit);
    void rebuild();
    // Store::statsMonthRowsBefore / setStatsMonthRowsBefore. The value is kept in the counters table; the writer's
    // copy is read again at the start of each transaction (forgetMonthRows), a reader's at each sum.
    qint64 monthRowsBefore();
    void setMonthRowsBefore(qint64 month);
    void forgetMonthRows() { m_monthRowsBefore.reset(); }

    // The counter-relevant columns, as SQL (for "SELECT <columns> FROM tickets"), and their reading.
    static QString factColumns();
    static stats::Facts factsFrom(const class QSqlQuery &q, int first = 0);

private:
    // Keys (type, department, ids as text...) are numbered (m_keyNames) so the pending maps compare integers only:
    // a rebuild adds tens of millions of changes.
    using Key = std::tuple<int, int, qint64, int>;                 // grain, dim, bucket, key
    using ScopedKey = std::tuple<int, int, int, qint64, int, int>; // fdim, fkey, grain, bucket, dim, key
    struct KeyHash
    {
        template<class Tuple>
        size_t operator()(const Tuple &key) const noexcept
        {
            return std::apply([](const auto &...v) { return qHashMulti(0, v...); }, key);
        }
    };
    // Hash maps: a rebuild sums a million rows here, a create ~36 (flush() writes them in key order).
    struct Pending
    {
        std::unordered_map<Key, stats::Metrics, KeyHash> counts;
        std::unordered_map<ScopedKey, stats::Metrics, KeyHash> scoped;
        size_t size() const { return counts.size() + scoped.size(); }
        void clear();
    };
    void apply(const stats::Facts &facts, int sign);

    void sumInto(StatsSums &out, stats::Grain grain, qint64 fromBucket, qint64 toBucket, bool allOnly);
    void sumPartialDay(StatsSums &out, qint64 from, qint64 to, bool allDimensions);
    StatsSums scopedSums(const stats::Scope &scope, qint64 from, qint64 to, bool allDimensions);
    void sumScopedInto(StatsSums &out, const stats::Scope &scope, stats::Grain grain, qint64 fromBucket,
                       qint64 toBucket, bool allOnly);
    void addTickets(StatsSums &out, const stats::Scope &scope, qint64 from, qint64 to, int sign);
    QString filterSql(const protocol::StatsFilters &filters, QVariantList &binds, bool noIndex = false) const;
    RawStatement &statement(const QString &sql);
    struct Upsert
    {
        std::unique_ptr<RawStatement> update; // SET <columns> = <columns> + ? WHERE <key>: the values, then the key
        std::unique_ptr<RawStatement> insert; // (<key>, <columns>) VALUES: the key, then the values
    };
    Upsert &upsert(bool scoped, quint64 columns);
    int keyId(const QString &key);

    QSqlDatabase m_db;
    Pending m_pending;                                   // the transaction's, with the open job's
    std::vector<std::pair<stats::Facts, int>> m_jobAdds; // what the open job added (facts, sign)
    bool m_inJob = false;
    // Run through SQLite's API (sqliteraw.h): a flush binds hundreds of values per transaction.
    std::map<QString, std::unique_ptr<RawStatement>> m_statements;
    std::map<std::pair<bool, quint64>, Upsert> m_upserts;
    std::optional<qint64> m_monthRowsBefore; // as last read or set
    QHash<QString, int> m_keyIds;
    QStringList m_keyNames; // by id
};

} // namespace crewline::server
