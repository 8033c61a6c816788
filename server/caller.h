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

    Actor actor() const { return {userId, role}; }
    bool isValid() const { return userId.isValid(); }
};

} // namespace crewline::server
