#pragma once

// Read-only lists of people: users, teams, field staff.

#include "server/caller.h"
#include "server/writequeue.h"

namespace crewline::server {

class Store;

class DirectoryService
{
public:
    explicit DirectoryService(Store &reader)
        : m_reader(reader)
    {
    }
    Outcome users(const Caller &caller);
    Outcome teams();
    Outcome staff();

private:
    Store &m_reader;
};

} // namespace crewline::server
