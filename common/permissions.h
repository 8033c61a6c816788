#pragma once

// Which roles may send which operation. The server enforces it on every request; the console uses the same table
// to offer only what the server will accept. Finer rules (own tickets only, workflow roles) are applied on top by
// the server's services and by TicketType::mayPerform.

#include "common/protocol.h"
#include "common/types.h"

namespace crewline {

bool roleMay(Role role, protocol::Op op);

// Whether the role sees every ticket (true) or only tickets it requested (false).
bool roleSeesAllTickets(Role role);

// Whether the role sees internal notes.
bool roleSeesInternalNotes(Role role);

} // namespace crewline
