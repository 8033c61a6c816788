#pragma once

// The one way a ticket changes: load, check, change, store with its audit entry and its event (ticketservice.cpp).
// Shared by the ticket operations and the dispatch engine, so that automatic decisions are versioned, audited and
// pushed exactly like a person's.

#include "common/workflow.h"
#include "server/caller.h"
#include "server/writequeue.h"

#include <functional>
#include <optional>

namespace crewline::server {

// What a mutation adds besides the new ticket state.
struct Change
{
    QString reason;  // audit reason
    QString message; // a message to add to the conversation with the change
    CommentKind messageKind = CommentKind::Public;
    QList<UserId> notify;   // people to tell (in the event)
    QString auditAction;    // overrides the action name in the audit
    QJsonObject eventExtra; // more members for the ticket.changed event's data
};

using ChangeFn = std::function<std::optional<protocol::Error>(Ticket &, const TicketType &, Change &)>;

// Loads ticket `id` as `caller` sees it, checks `version` when given, applies fn and stores the result with an
// audit entry and a ticket.changed event. A change that changes nothing answers {"ticket", "unchanged": true}.
Outcome mutate(WriteContext &ctx, const TicketTypeRegistry &types, const Caller &caller, TicketId id,
               std::optional<qint64> version, const QString &action, const ChangeFn &fn);

// The dispatch engine's identity in audits and events: no user id, name "System".
Caller systemCaller();

// Gives an unaccepted ticket to `who` and marks it accepted (claim, or accepting an offer): assign and accept
// triggers of the workflow, dispatch mode "assigned". The caller has checked that `who` may take it.
std::optional<protocol::Error> takeTicket(Ticket &t, const TicketType &type, UserId who, TeamId whoTeam,
                                          const QDateTime &now);

} // namespace crewline::server
