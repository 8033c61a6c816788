#pragma once

// The console's one link to the server: a WebSocket with the hello/login/subscribe handshake, request/response
// correlation with timeouts, automatic reconnection with backoff, and resumption from the last event sequence so
// that nothing pushed while away is missed or applied twice. TLS certificates are pinned on first trust (like SSH).
// No widgets here: views observe it through models and the Workspace.

#include "common/domain.h"
#include "common/protocol.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

class QWebSocket;
class QSslError;

namespace crewline::client {

using ResponseHandler = std::function<void(const protocol::Response &)>;

// Where pinned certificate fingerprints are kept (host:port -> SHA-256 hex). Tests give their own.
class TrustStore
{
public:
    virtual ~TrustStore() = default;
    virtual QByteArray pinned(const QString &hostPort) const = 0;
    virtual void pin(const QString &hostPort, const QByteArray &sha256Hex) = 0;
};

class Connection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Offline,
        Connecting,
        Online,
        Reconnecting
    };
    Q_ENUM(State)

    explicit Connection(TrustStore &trust, QObject *parent = nullptr);
    ~Connection() override;

    // Connects and logs in with a password (first time) or keeps a session token for later reconnects.
    void open(const QUrl &url, const QString &username, const QString &password);
    void openWithToken(const QUrl &url, const QString &username, const QString &token);
    void close();
    // Goes offline on purpose (tests, "work offline"); reconnect() comes back.
    void goOffline();
    void reconnect();

    State state() const { return m_state; }
    bool isOnline() const { return m_state == State::Online; }
    const User &user() const { return m_user; }
    QString token() const { return m_token; }
    QUrl url() const { return m_url; }
    qint64 lastSeq() const { return m_lastSeq; }
    void setLastSeq(qint64 seq) { m_lastSeq = seq; }
    void setSubscriptionFilter(const QJsonObject &filter) { m_filter = filter; }
    void setRequestTimeout(int ms) { m_timeoutMs = ms; }
    void setReconnectDelays(int firstMs, int maxMs);

    // Sends a request now; when not online the handler gets an "unavailable" error at once.
    // For mutating operations pass the idempotency key (the Outbox does).
    void request(protocol::Op op, const QJsonObject &data, ResponseHandler handler, const QString &idem = {});

    // A certificate the user has not trusted yet: call trustCertificate() to pin it and retry.
    void trustCertificate(const QByteArray &sha256Hex);

Q_SIGNALS:
    void stateChanged(crewline::client::Connection::State state);
    void loggedIn(const crewline::User &user);
    // Login refused (wrong password, locked out, ...): the connection stays offline and does not retry.
    void loginFailed(const crewline::protocol::Error &error);
    // Subscribed and caught up to seq; emitted after every (re)connect. resynced: history was not available and
    // the caller must reload its data.
    void synchronized(qint64 seq, bool resynced);
    void eventReceived(const crewline::Event &event);
    void noticeReceived(const QString &notice, const QJsonObject &data);
    void certificateUntrusted(const QString &hostPort, const QByteArray &sha256Hex, const QString &details);
    void certificateChanged(const QString &hostPort, const QByteArray &pinnedHex, const QByteArray &offeredHex);

private:
    void setState(State state);
    void startSocket();
    void onConnected();
    void onDisconnected();
    void onMessage(const QByteArray &utf8); // a text or binary frame's UTF-8 JSON
    void onSslErrors(const QList<QSslError> &errors);
    void handshakeAfterHello();
    void subscribe();
    void scheduleReconnect();
    void failPending(const QString &why);
    void sendNow(protocol::Op op, const QJsonObject &data, ResponseHandler handler, const QString &idem);

    TrustStore &m_trust;
    QWebSocket *m_socket = nullptr;
    State m_state = State::Offline;
    QUrl m_url;
    QString m_username;
    QString m_password; // kept in memory only, to log in again when a session expires
    QString m_token;
    User m_user;
    qint64 m_lastSeq = -1; // -1: never subscribed
    QJsonObject m_filter;
    bool m_wantOpen = false;
    bool m_authenticated = false;

    struct Pending
    {
        ResponseHandler handler;
        qint64 deadlineMs = 0;
    };
    QHash<qint64, Pending> m_pending;
    qint64 m_nextId = 1;
    QTimer m_timeoutTimer;
    QTimer m_reconnectTimer;
    int m_timeoutMs = 30000;
    int m_firstDelayMs = 500;
    int m_maxDelayMs = 30000;
    int m_attempt = 0;
};

} // namespace crewline::client
