#pragma once

// Fills a Crewline data folder with many realistic tickets quickly, for the benchmarks' large cases: the demo
// accounts and teams first (demo::generate through the server's own seeding, so logins such as disp1/demo123 work),
// then N tickets from demo::makeTicket in large transactions through the server's write queue and storage, in the
// order of their creation times (ids and numbers grow with time, as in a real database), with numbers
// WO-YYYY-NNNNNN from the same counters the server uses. Ticket generation runs on another thread while
// the previous batch is written. Optionally builds the search index (search.db) so that the server starts with it.

#include <QString>

namespace crewline::bench {

struct LoadOptions
{
    QString dataDir;
    qint64 tickets = 100000;
    quint64 seed = 20261123;
    int daysBack = 365;
    int demoTickets = 200; // tickets with comments and history from demo::generate (only on a new database)
    int demoEngineers = 40;
    int batch = 20000;      // tickets per transaction
    bool openOnly = false;  // tickets the generator would have finished are left in their type's first status
    bool buildIndex = true; // build search.db now instead of on the server's first start
};

struct LoadResult
{
    qint64 inserted = 0;
    qint64 openTickets = 0;
    double insertSeconds = 0;
    double indexSeconds = 0;
    qint64 totalTickets = 0; // in the database afterwards
    double ticketsPerSecond() const { return insertSeconds > 0 ? static_cast<double>(inserted) / insertSeconds : 0; }
};

// Loads into options.dataDir (created if needed; an existing database gets more tickets). False with a reason.
bool loadTickets(const LoadOptions &options, LoadResult *result, QString *error);

} // namespace crewline::bench
