#pragma once

// Read-only lists of people: users, teams, field staff.

#include "server/caller.h"
#include "server/writequeue.h"

namespace crewline::server {

class Clock;
class Store;

class DirectoryService
{
public:
    explicit DirectoryService(Store &reader, const Clock *clock = nullptr)
        : m_reader(reader)
        , m_clock(clock)
    {
    }
    Outcome users(const Caller &caller);
    Outcome teams();
    Outcome staff();

private:
    Store &m_reader;
    const Clock *m_clock; // decides who is day-frozen today
};

} // namespace crewline::server
