#pragma once

// The manager dashboard's figures (stats.dashboard): one read that answers every series of the default dashboard
// for a local date range in the caller's time zone. Unfiltered requests are answered from the summary counters
// (statscounters.h) the store keeps in the same transaction as each ticket change, requests filtered on one
// dimension (type, department, team or assignee: one or more values) from the scoped counters; filters on two or
// more dimensions at once from the matching tickets' own columns through the same contribution function, so every
// path gives the same numbers. Managers, supervisors, dispatchers and administrators see everything; engineers only
// their own tickets; requesters nothing. Knows nothing of sockets.

#include "common/messages.h"
#include "server/caller.h"
#include "server/writequeue.h"

#include <QTimeZone>

namespace crewline::server {

class Clock;
class Store;

class StatsService
{
public:
    explicit StatsService(Store &reader);

    Outcome dashboard(const Caller &caller, const protocol::StatsDashboard &request);

    // Tests: false answers every filtered request from the tickets (the reference the counters must equal).
    void setFilteredFromCounters(bool on) { m_filteredFromCounters = on; }

    // "UTC", "+08:00", "-03:30", "+0545" or an IANA id; nullopt when unknown or not a multiple of 15 minutes.
    static std::optional<QTimeZone> parseTimeZone(const QString &text);

private:
    Store &m_reader;
    bool m_filteredFromCounters = true;
};

} // namespace crewline::server
