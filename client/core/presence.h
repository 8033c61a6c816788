#pragma once

// Who else is looking at or writing on which ticket. Listens to the server's "presence" notices (sent live, and
// right after every subscribe reply for what was already there), keeps ticket -> people, and puts a short line into
// the ticket model's PresenceRole ("李伟 is replying") for the table and the board. It also announces this console's
// own activity (presence.set) and repeats it after a reconnect, because the server forgets a connection's presence
// when the connection closes. Nothing here is stored: presence is only as true as the live connection.

#include "client/core/connection.h"
#include "common/types.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace crewline::client {

class TicketModel;

class Presence : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        UserId userId;
        QString name;
        QString activity; // "viewing" or "writing"
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    Presence(Connection &connection, TicketModel &tickets, QObject *parent = nullptr);

    // What this console's user does now: "viewing" or "writing" on id, or "" (or an invalid id) for nothing.
    // Sent at once when online (errors are ignored: presence is a courtesy), otherwise after the next subscribe.
    void setActivity(TicketId id, const QString &activity);
    TicketId currentTicket() const { return m_ticket; }
    QString currentActivity() const { return m_activity; }

    // Other people on a ticket, those writing first.
    QList<Entry> entries(TicketId id) const { return m_byTicket.value(id.value()); }
    // The line shown for them: "李伟 is replying", "李伟 is viewing, 王芳 is viewing", "… +2 more".
    static QString describe(const QList<Entry> &entries);

Q_SIGNALS:
    void changed(crewline::TicketId id);

private:
    void onNotice(const QString &notice, const QJsonObject &data);
    void onStateChanged(Connection::State state);
    void send();
    void publish(qint64 ticketId);

    Connection &m_connection;
    TicketModel &m_tickets;
    QHash<qint64, QList<Entry>> m_byTicket;
    TicketId m_ticket;
    QString m_activity;
};

} // namespace crewline::client
