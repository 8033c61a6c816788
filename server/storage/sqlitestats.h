#pragma once

// The dashboard counters' table (stats_counts, migration 4) on one SQLite connection: applies the change of a
// ticket's contribution (statscounters.h) as upserts, sums ranges, and recomputes everything from the tickets.
// Used only by SqliteStore, inside its transactions.

#include "common/messages.h"
#include "server/storage/statscounters.h"
#include "server/storage/store.h"

#include <QSqlDatabase>

#include <map>
#include <tuple>

namespace crewline::server {

class SqliteStats
{
public:
    explicit SqliteStats(QSqlDatabase db);
    ~SqliteStats();

    // Adds (sign +1) or removes (-1) a ticket's contribution to the pending changes.
    void add(const stats::Facts &facts, int sign);
    // Writes the pending changes. Called at the end of every ticket write, or once per bulk batch.
    void flush();
    void discard() { m_pending.clear(); }

    StatsSums sums(qint64 from, qint64 to, bool allDimensions = true);
    QList<std::pair<qint64, stats::Metrics>> quarterHours(qint64 from, qint64 to);
    QList<stats::Facts> facts(const protocol::StatsFilters &filters, qint64 from, qint64 to);
    qint64 openCount(const protocol::StatsFilters &filters);
    // Ids of open tickets, most urgent and oldest first.
    QList<qint64> backlogIds(const protocol::StatsFilters &filters, int limit);
    void rebuild();

    // The counter-relevant columns, as SQL (for "SELECT <columns> FROM tickets"), and their reading.
    static QString factColumns();
    static stats::Facts factsFrom(const class QSqlQuery &q, int first = 0);

private:
    using Key = std::tuple<int, int, qint64, QString>; // grain, dim, bucket, key
    void sumInto(StatsSums &out, stats::Grain grain, qint64 fromBucket, qint64 toBucket, bool allOnly);
    void sumPartialDay(StatsSums &out, qint64 from, qint64 to, bool allDimensions);
    QString filterSql(const protocol::StatsFilters &filters, QVariantList &binds) const;

    QSqlDatabase m_db;
    std::map<Key, stats::Metrics> m_pending;
};

} // namespace crewline::server
