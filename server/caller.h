#pragma once

// The authenticated person behind a request, as the services see it.

#include "common/types.h"
#include "common/workflow.h"

#include <QString>

namespace crewline::server {

struct Caller
{
    UserId userId;
    Role role = Role::Requester;
    QString username;
    QString displayName;
    TeamId teamId;
    // The server acting for someone it verified another way (the customer behind a signed confirmation link): no
    // account, but the ticket the link names is theirs to answer on.
    bool verifiedLink = false;

    Actor actor() const { return {userId, role}; }
    bool isValid() const { return userId.isValid(); }
};

} // namespace crewline::server
