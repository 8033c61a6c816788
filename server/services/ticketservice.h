#pragma once

// Ticket operations: validation, permissions, the ticket type's workflow, optimistic concurrency, audit and events.
// Reads run on the caller's thread against a read connection; every change is a job on the WriteQueue and is
// answered only after its commit. Knows nothing of sockets.

#include "common/messages.h"
#include "common/workflow.h"
#include "server/caller.h"
#include "server/writequeue.h"

#include <functional>

namespace crewline::server {

class Clock;
class ConfirmationLinks;
class Store;

using Reply = std::function<void(const Outcome &)>;

class TicketService
{
public:
    TicketService(Store &reader, WriteQueue &writer, const TicketTypeRegistry &types, const Clock &clock);

    // Reads (synchronous)
    Outcome list(const Caller &caller, const protocol::TicketQuery &query);
    Outcome get(const Caller &caller, const protocol::TicketGet &request);
    Outcome typeList(const QString &language) const;

    // Writes (answered after commit)
    void create(const Caller &caller, const protocol::TicketCreate &request, const QString &idem, Reply reply);
    void update(const Caller &caller, const protocol::TicketUpdate &request, const QString &idem, Reply reply);
    void assign(const Caller &caller, const protocol::TicketAssign &request, const QString &idem, Reply reply);
    void accept(const Caller &caller, const protocol::TicketAccept &request, const QString &idem, Reply reply);
    void comment(const Caller &caller, const protocol::TicketComment &request, const QString &idem, Reply reply);
    void transition(const Caller &caller, const protocol::TicketTransition &request, const QString &idem, Reply reply);
    void approve(const Caller &caller, const protocol::TicketApprove &request, const QString &idem, Reply reply);
    void suspend(const Caller &caller, const protocol::TicketSuspend &request, const QString &idem, Reply reply);
    void resume(const Caller &caller, const protocol::TicketResume &request, const QString &idem, Reply reply);
    void urge(const Caller &caller, const protocol::TicketUrge &request, const QString &idem, Reply reply);
    void split(const Caller &caller, const protocol::TicketSplit &request, const QString &idem, Reply reply);
    void merge(const Caller &caller, const protocol::TicketMerge &request, const QString &idem, Reply reply);
    void reopen(const Caller &caller, const protocol::TicketReopen &request, const QString &idem, Reply reply);
    void link(const Caller &caller, const protocol::TicketLinkRequest &request, const QString &idem, Reply reply);
    void unlink(const Caller &caller, const protocol::TicketUnlink &request, const QString &idem, Reply reply);

    // Printing: records who printed which version (audit + "ticket.printed" event) and issues the single-use link
    // for the customer's confirmation page (needs setConfirmationLinks).
    void setConfirmationLinks(const ConfirmationLinks *links) { m_links = links; }
    void print(const Caller &caller, const protocol::TicketPrint &request, const QString &idem, Reply reply);

    // The customer's answer from the confirmation page, for the link whose token hashes to tokenHash (the caller
    // has verified its signature). Refusals: not_found (unknown link), conflict with details.reason "used" or
    // "expired", invalid_field.
    struct CustomerAnswer
    {
        QString result; // satisfied | partly | unresolved
        int rating = 0; // 1..5, 0 = not given
        QString comment;
    };
    static QStringList customerResults();
    void confirm(const QString &tokenHash, const CustomerAnswer &answer, Reply reply);

    // Used by other services inside their own jobs.
    static QJsonObject summary(const Ticket &ticket);
    static StoredEvent ticketEvent(const QString &type, const Ticket &ticket, const QJsonObject &extra,
                                   const QDateTime &at);
    // Follows "merged into" so that anything addressed to a merged ticket reaches its master.
    static std::optional<Ticket> resolveMerged(Store &store, TicketId id);

private:
    void submit(const Caller &caller, const QString &idem, protocol::Op op, WriteJob job, Reply reply);

    Store &m_reader;
    WriteQueue &m_writer;
    const TicketTypeRegistry &m_types;
    const Clock &m_clock;
    const ConfirmationLinks *m_links = nullptr;
};

} // namespace crewline::server
