#include "common/permissions.h"

namespace crewline {

using protocol::Op;

bool roleMay(Role role, Op op)
{
    const bool staff = role != Role::Requester;
    const bool desk = role == Role::Dispatcher || role == Role::Supervisor || role == Role::Admin;
    switch (op) {
    case Op::Hello:
    case Op::Ping:
    case Op::AuthLogin:
    case Op::AuthResume:
    case Op::AuthLogout:
    case Op::Subscribe:
    case Op::Unsubscribe:
    case Op::TypeList:
    case Op::TeamList:
    case Op::TicketCreate:
    case Op::TicketList:
    case Op::TicketGet:
    case Op::TicketComment:
    case Op::TicketTransition: // the workflow decides who may perform each transition
    case Op::TicketReopen:
    case Op::TicketUrge:
    case Op::AttachmentBegin:
    case Op::AttachmentChunk:
    case Op::AttachmentFinish:
    case Op::AttachmentAbort:
    case Op::AttachmentDownload:
        return true;
    case Op::TicketUpdate:
    case Op::TicketSuspend:
    case Op::TicketResume:
    case Op::TicketLink:
    case Op::TicketUnlink:
        return desk || role == Role::Engineer;
    case Op::TicketAccept:
        return desk || role == Role::Engineer;
    case Op::TicketAssign:
    case Op::TicketSplit:
    case Op::TicketMerge:
        return desk;
    case Op::TicketApprove:
        return role == Role::Supervisor || role == Role::Manager || role == Role::Admin;
    case Op::UserList:
    case Op::StaffList:
    case Op::PresenceSet:
        return staff;
    case Op::UserCreate:
        return role == Role::Admin;
    case Op::StaffReport: // field staff report for themselves (the service refuses an admin without a field record)
    case Op::TicketClaim:
        return role == Role::Engineer || role == Role::Admin;
    case Op::StaffTrack:
    case Op::DispatchSuggest:
        return desk || role == Role::Manager;
    case Op::StaffFreeze:
        return role == Role::Supervisor || role == Role::Admin || role == Role::Dispatcher;
    }
    return false;
}

bool roleSeesAllTickets(Role role)
{
    return role != Role::Requester;
}

bool roleSeesInternalNotes(Role role)
{
    return role != Role::Requester;
}

} // namespace crewline
