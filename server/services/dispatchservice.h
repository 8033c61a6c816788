#pragma once

// Field staff and dispatch: position reports and tracks, ranked suggestions, the claim pool, offers to several
// engineers at once, the rules that dispatch new tickets, and the accept timeout that re-dispatches a ticket nobody
// accepted and tells the area supervisor. Every automatic decision goes through the same mutation as a person's
// (ticketmutation.h): versioned, audited with its reason (actor: system) and pushed as an event. Time comes from the
// injected Clock, so checkTimeouts() is tested with a ManualClock. Knows nothing of sockets: position updates leave
// through the staffChanged signal, which the transport turns into "staff" notices.

#include "common/messages.h"
#include "common/workflow.h"
#include "server/caller.h"
#include "server/services/dispatchrules.h"
#include "server/writequeue.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace crewline::server {

class Clock;
class Store;

class DispatchService : public QObject
{
    Q_OBJECT
public:
    using Reply = std::function<void(const Outcome &)>;

    DispatchService(Store &reader, WriteQueue &writer, const TicketTypeRegistry &types, const Clock &clock,
                    DispatchConfig config, DispatchRules rules, QObject *parent = nullptr);

    const DispatchConfig &config() const { return m_config; }
    const DispatchRules &rules() const { return m_rules; }

    // staff.report, staff.track, staff.freeze
    void report(const Caller &caller, const protocol::StaffReport &request, Reply reply);
    Outcome track(const Caller &caller, const protocol::StaffTrack &request);
    void freeze(const Caller &caller, const protocol::StaffFreeze &request, const QString &idem, Reply reply);
    // dispatch.suggest
    Outcome suggest(const Caller &caller, const protocol::DispatchSuggest &request);
    // ticket.claim
    void claim(const Caller &caller, const protocol::TicketClaim &request, const QString &idem, Reply reply);

    // Runs the rules on tickets created in these events (connected to WriteQueue::committed).
    void onCommitted(const QList<crewline::server::StoredEvent> &events);
    // Dispatches one ticket by the rules now (what onCommitted does for each new ticket).
    void applyRules(TicketId ticket, Reply done = {});
    // One pass of the accept-timeout check at the clock's current time; done gets {"handled": n} after commit.
    void checkTimeouts(Reply done = {});
    // Drops track points older than the configured age and beyond the per-person count.
    void pruneTracks();

Q_SIGNALS:
    // After a committed position, status or freeze change: the data of a "staff" notice.
    void staffChanged(const QJsonObject &notice);

private:
    Store &m_reader;
    WriteQueue &m_writer;
    const TicketTypeRegistry &m_types;
    const Clock &m_clock;
    DispatchConfig m_config;
    DispatchRules m_rules;
    QHash<qint64, qint64> m_lastReport; // user -> steady ms of the last accepted report (rate limit)
};

} // namespace crewline::server
