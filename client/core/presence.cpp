#include "client/core/presence.h"

#include "client/core/ticketmodel.h"
#include "common/messages.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr int kShownPeople = 2;
}

Presence::Presence(Connection &connection, TicketModel &tickets, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_tickets(tickets)
{
    connect(&connection, &Connection::noticeReceived, this, &Presence::onNotice);
    connect(&connection, &Connection::stateChanged, this, &Presence::onStateChanged);
    // After every (re)subscribe the server has forgotten this console's presence: say it again.
    connect(&connection, &Connection::synchronized, this, [this] {
        if (m_ticket.isValid())
            send();
    });
}

void Presence::setActivity(TicketId id, const QString &activity)
{
    const TicketId ticket = activity.isEmpty() ? TicketId() : id;
    const QString what = ticket.isValid() ? activity : QString();
    if (ticket == m_ticket && what == m_activity)
        return;
    m_ticket = ticket;
    m_activity = what;
    send();
}

void Presence::send()
{
    if (!m_connection.isOnline())
        return;
    protocol::PresenceSet message;
    message.ticketId = m_ticket;
    message.activity = m_activity;
    m_connection.request(protocol::Op::PresenceSet, protocol::writeMessage(message), nullptr);
}

void Presence::onNotice(const QString &notice, const QJsonObject &data)
{
    if (notice != u"presence")
        return;
    const qint64 ticket = data.value(u"ticketId"_s).toInteger();
    const UserId user(data.value(u"userId"_s).toInteger());
    if (ticket <= 0 || !user.isValid() || user == m_connection.user().id)
        return; // this user's own other consoles are not "someone else"
    const QString activity = data.value(u"activity"_s).toString();
    QList<Entry> &list = m_byTicket[ticket];
    const auto it = std::find_if(list.begin(), list.end(), [&](const Entry &e) { return e.userId == user; });
    if (activity.isEmpty()) {
        if (it == list.end()) {
            if (list.isEmpty())
                m_byTicket.remove(ticket);
            return;
        }
        list.erase(it);
    } else {
        const Entry entry{user, data.value(u"name"_s).toString(), activity};
        if (it == list.end())
            list << entry;
        else if (*it == entry)
            return;
        else
            *it = entry;
    }
    if (list.isEmpty())
        m_byTicket.remove(ticket);
    publish(ticket);
}

void Presence::onStateChanged(Connection::State state)
{
    if (state == Connection::State::Online || m_byTicket.isEmpty())
        return;
    // Whatever we knew is stale once the link is gone; the next subscribe brings the current state.
    const QList<qint64> tickets = m_byTicket.keys();
    m_byTicket.clear();
    for (qint64 t : tickets)
        publish(t);
}

void Presence::publish(qint64 ticketId)
{
    const TicketId id(ticketId);
    m_tickets.setPresence(id, describe(m_byTicket.value(ticketId)));
    Q_EMIT changed(id);
}

QString Presence::describe(const QList<Entry> &entries)
{
    QList<Entry> sorted = entries;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Entry &a, const Entry &b) {
        return a.activity == u"writing" && b.activity != u"writing";
    });
    QStringList parts;
    for (const Entry &e : std::as_const(sorted)) {
        if (parts.size() == kShownPeople)
            break;
        parts << (e.activity == u"writing" ? tr("%1 is replying").arg(e.name) : tr("%1 is viewing").arg(e.name));
    }
    QString text = parts.join(tr(", "));
    if (sorted.size() > kShownPeople)
        text += u' ' + tr("+%n more", nullptr, static_cast<int>(sorted.size() - kShownPeople));
    return text;
}

} // namespace crewline::client
