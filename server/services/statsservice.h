#pragma once

// The manager dashboard's figures (stats.dashboard): one read that answers every series of the default dashboard
// for a local date range in the caller's time zone. Unfiltered requests are answered from the summary counters
// (statscounters.h) the store keeps in the same transaction as each ticket change; filtered ones (type, department,
// team, assignee) from the matching tickets' own columns through the same contribution function, so both paths
// give the same numbers. Managers, supervisors, dispatchers and administrators see everything; engineers only
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

    // "UTC", "+08:00", "-03:30", "+0545" or an IANA id; nullopt when unknown or not a multiple of 15 minutes.
    static std::optional<QTimeZone> parseTimeZone(const QString &text);

private:
    Store &m_reader;
};

} // namespace crewline::server
