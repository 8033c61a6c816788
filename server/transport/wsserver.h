#pragma once

// The WebSocket transport: accepts connections (ws:// or wss://), decodes each text frame into a request, checks
// session and role, hands it to the right service through one compile-checked switch, and writes the reply. After
// every commit it fans the events out to the subscribed connections that may see them, encoding each event once.

#include "common/messages.h"
#include "server/caller.h"
#include "server/storage/store.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QStringList>
#include <QTimer>

#include <optional>

class QWebSocket;
class QTcpServer;
class QWebSocketServer;

namespace crewline::server {

class AttachmentService;
class AuthService;
class DirectoryService;
class DispatchService;
class StatsService;
class TicketService;

struct Services
{
    TicketService &tickets;
    AuthService &auth;
    AttachmentService &attachments;
    DirectoryService &directory;
    DispatchService &dispatch;
    Store &reader;
    StatsService &stats;
};

struct TransportOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;
    std::optional<QSslConfiguration> tls;
    QStringList allowedOrigins; // browsers' Origin values accepted; clients that send none are always accepted
    int maxConnections = 5000;
    int pingIntervalMs = 30000;
    int rateLimitPerSecond = 200; // sustained requests per connection
    int rateLimitBurst = 400;
};

// A message encoded once for any number of connections: its UTF-8 text, sent as it is to connections that take
// binary frames, and the same text as a QString for text frames, made on first use.
class OutgoingFrame
{
public:
    explicit OutgoingFrame(QByteArray utf8)
        : m_utf8(std::move(utf8))
    {
    }
    const QByteArray &utf8() const { return m_utf8; }
    const QString &text() const
    {
        if (m_text.isNull())
            m_text = QString::fromUtf8(m_utf8);
        return m_text;
    }

private:
    QByteArray m_utf8;
    mutable QString m_text;
};

// One client connection and what it has established: the session, its subscription, and the last event sent.
class Connection : public QObject
{
    Q_OBJECT
public:
    explicit Connection(QWebSocket *socket, QObject *parent = nullptr);
    ~Connection() override;

    QWebSocket *socket() const { return m_socket; }
    quintptr key() const { return reinterpret_cast<quintptr>(this); }
    bool send(const OutgoingFrame &frame);
    bool takeToken(int ratePerSecond, int burst); // rate limiting: false when over the limit

    bool helloDone = false;
    bool binaryFrames = false; // asked for in hello: messages go out as binary frames of UTF-8 JSON
    Caller caller;
    QString token;
    QDateTime sessionExpires;
    bool subscribed = false;
    protocol::SubscriptionFilter filter;
    qint64 lastSentSeq = 0;
    QElapsedTimer lastHeard;
    TicketId presenceTicket; // presence.set: the ticket this console shows, and what its user does there
    QString presenceActivity;

private:
    QWebSocket *m_socket;
    double m_tokens = 0;
    QElapsedTimer m_tokenClock;
};

class WsServer : public QObject
{
    Q_OBJECT
public:
    WsServer(Services services, TransportOptions options, QObject *parent = nullptr);
    ~WsServer() override;

    bool listen(QString *error);
    quint16 port() const;
    int connectionCount() const { return static_cast<int>(m_connections.size()); }
    void closeAll();

    // Fan-out after commit (connected to WriteQueue::committed).
    void broadcast(const QList<crewline::server::StoredEvent> &events);
    // A "staff" notice (position, status) for the staff consoles; several for one person within the coalescing
    // interval go out as the last one.
    void queueStaffNotice(const QJsonObject &data);
    void flushStaffNotices();

private:
    void onNewConnection();
    void onMessage(Connection *c, const QString &text);
    void dispatch(Connection *c, const protocol::Request &request);
    void reply(Connection *c, const QJsonValue &id, const protocol::Response &response);
    void subscribe(Connection *c, const protocol::Request &request, const protocol::Subscribe &subscribe);
    // data: the event's data object, read from it the first time a subscription filter needs it (one event goes
    // to many connections).
    bool visible(const Connection &c, const StoredEvent &e, std::optional<QJsonObject> &data) const;
    void pingAll();
    // Presence (presence.set): in memory only, announced to the other subscribed staff connections as notices.
    protocol::Response setPresence(Connection *c, const QJsonValue &id, const protocol::PresenceSet &m);
    void clearPresence(Connection *c);
    void announcePresence(const Connection *source, UserId user, const QString &name, TicketId ticket);
    QJsonArray presenceSnapshot(const Connection *except) const;
    void sendPresenceSnapshot(Connection *c, const QJsonArray &entries);

    Services m_services;
    TransportOptions m_options;
    QWebSocketServer *m_server = nullptr;
    QTcpServer *m_tcp = nullptr; // plain ws:// only: connections accepted here get TCP_NODELAY
    QList<Connection *> m_connections;
    QTimer m_pingTimer;
    QHash<qint64, QJsonObject> m_pendingStaff; // user -> latest "staff" notice not sent yet
    QList<qint64> m_pendingOrder;
    QTimer m_staffTimer;
};

} // namespace crewline::server
