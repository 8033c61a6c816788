#include "client/core/connection.h"

#include "common/logging.h"

#include <QAbstractSocket>
#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslError>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace crewline::client {

using protocol::ErrorCode;
using protocol::Op;
using protocol::Response;

namespace {

Response localFailure(ErrorCode code, const QString &message)
{
    return Response::failure(QJsonValue::Null, {code, message, {}});
}

QString hostPort(const QUrl &url)
{
    return url.host() + u':' + QString::number(url.port(8765));
}

} // namespace

Connection::Connection(TrustStore &trust, QObject *parent)
    : QObject(parent)
    , m_trust(trust)
{
    m_timeoutTimer.setInterval(1000);
    connect(&m_timeoutTimer, &QTimer::timeout, this, [this] {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<qint64> expired;
        for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
            if (it->deadlineMs < now)
                expired << it.key();
        }
        for (qint64 id : expired) {
            const Pending p = m_pending.take(id);
            if (p.handler)
                p.handler(localFailure(ErrorCode::Unavailable, tr("The server did not answer in time.")));
        }
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Connection::startSocket);
}

Connection::~Connection()
{
    m_wantOpen = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void Connection::setReconnectDelays(int firstMs, int maxMs)
{
    m_firstDelayMs = firstMs;
    m_maxDelayMs = maxMs;
}

void Connection::open(const QUrl &url, const QString &username, const QString &password)
{
    m_url = url;
    m_username = username;
    m_password = password;
    m_token.clear();
    m_wantOpen = true;
    m_attempt = 0;
    setState(State::Connecting);
    startSocket();
}

void Connection::openWithToken(const QUrl &url, const QString &username, const QString &token)
{
    m_url = url;
    m_username = username;
    m_token = token;
    m_wantOpen = true;
    m_attempt = 0;
    setState(State::Connecting);
    startSocket();
}

void Connection::close()
{
    if (m_socket && m_authenticated) {
        sendNow(Op::AuthLogout, {}, {}, {});
        m_socket->flush();
    }
    m_wantOpen = false;
    m_token.clear();
    m_password.clear();
    if (m_socket)
        m_socket->close();
    setState(State::Offline);
}

void Connection::goOffline()
{
    m_wantOpen = false;
    m_reconnectTimer.stop();
    if (m_socket)
        m_socket->abort();
    failPending(tr("Offline."));
    setState(State::Offline);
}

void Connection::reconnect()
{
    if (m_url.isEmpty())
        return;
    m_wantOpen = true;
    m_attempt = 0;
    m_reconnectTimer.stop();
    setState(State::Reconnecting);
    startSocket();
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state == State::Online)
        m_timeoutTimer.start();
    Q_EMIT stateChanged(state);
}

void Connection::startSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_authenticated = false;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(protocol::limits::kMaxMessageBytes) * 4);
    connect(m_socket, &QWebSocket::connected, this, &Connection::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &Connection::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { onMessage(text.toUtf8()); });
    // Asked for in hello: the server's messages as UTF-8 JSON in binary frames, decoded without a QString.
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &Connection::onMessage);
    connect(m_socket, &QWebSocket::sslErrors, this, &Connection::onSslErrors);
    m_timeoutTimer.start();
    m_socket->open(m_url);
}

void Connection::onSslErrors(const QList<QSslError> &errors)
{
    const QSslCertificate cert = m_socket->sslConfiguration().peerCertificate();
    const QByteArray offered = cert.digest(QCryptographicHash::Sha256).toHex();
    const QString where = hostPort(m_url);
    const QByteArray pinned = m_trust.pinned(where);
    if (!pinned.isEmpty() && pinned == offered) {
        m_socket->ignoreSslErrors(errors);
        return;
    }
    m_wantOpen = false; // never retry on our own against an unknown or changed certificate
    if (!pinned.isEmpty()) {
        qCWarning(lcClientNet) << "certificate of" << where << "changed: pinned" << pinned << "offered" << offered;
        Q_EMIT certificateChanged(where, pinned, offered);
    } else {
        QStringList why;
        for (const QSslError &e : errors)
            why << e.errorString();
        Q_EMIT certificateUntrusted(where, offered, why.join(u"; "_s));
    }
    m_socket->abort();
}

void Connection::trustCertificate(const QByteArray &sha256Hex)
{
    m_trust.pin(hostPort(m_url), sha256Hex);
    reconnect();
}

void Connection::onConnected()
{
    m_attempt = 0;
    // Requests are small and latency matters: no Nagle delay (QWebSocket has no API; its TCP socket is a child).
    if (auto *tcp = m_socket->findChild<QAbstractSocket *>())
        tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    sendNow(Op::Hello, {{u"client"_s, u"crewline-console"_s}, {u"binaryFrames"_s, true}},
            [this](const Response &r) {
                if (!r.ok) {
                    Q_EMIT loginFailed(r.error);
                    goOffline();
                    return;
                }
                handshakeAfterHello();
            },
            {});
}

void Connection::handshakeAfterHello()
{
    const auto onSession = [this](const Response &r) {
        if (!r.ok) {
            const bool expired = r.error.code == ErrorCode::SessionExpired;
            if (expired && !m_password.isEmpty()) {
                m_token.clear();
                handshakeAfterHello(); // log in again with the password kept in memory
                return;
            }
            m_wantOpen = false;
            Q_EMIT loginFailed(r.error);
            if (m_socket)
                m_socket->close();
            setState(State::Offline);
            return;
        }
        m_token = r.result.value(u"token"_s).toString();
        m_user = User::fromJson(r.result.value(u"user"_s).toObject());
        m_authenticated = true;
        Q_EMIT loggedIn(m_user);
        subscribe();
    };
    if (!m_token.isEmpty())
        sendNow(Op::AuthResume, {{u"token"_s, m_token}}, onSession, {});
    else
        sendNow(Op::AuthLogin, {{u"username"_s, m_username}, {u"password"_s, m_password}}, onSession, {});
}

void Connection::subscribe()
{
    QJsonObject data;
    if (!m_filter.isEmpty())
        data.insert(u"filter"_s, m_filter);
    const bool resume = m_lastSeq >= 0;
    if (resume)
        data.insert(u"since"_s, m_lastSeq);
    sendNow(Op::Subscribe, data,
            [this, resume](const Response &r) {
                if (!r.ok && r.error.code == ErrorCode::ResyncRequired) {
                    // Too far behind (or a different database): start again from now and let the caller reload.
                    m_lastSeq = -1;
                    sendNow(Op::Subscribe, m_filter.isEmpty() ? QJsonObject() : QJsonObject{{u"filter"_s, m_filter}},
                            [this](const Response &again) {
                                if (!again.ok)
                                    return;
                                m_lastSeq = again.result.value(u"seq"_s).toInteger();
                                setState(State::Online);
                                Q_EMIT synchronized(m_lastSeq, true);
                            },
                            {});
                    return;
                }
                if (!r.ok) {
                    qCWarning(lcClientNet) << "subscribe failed:" << r.error.message;
                    return;
                }
                m_lastSeq = std::max(m_lastSeq, r.result.value(u"seq"_s).toInteger());
                setState(State::Online);
                Q_EMIT synchronized(m_lastSeq, !resume);
            },
            {});
}

void Connection::onDisconnected()
{
    m_authenticated = false;
    failPending(tr("The connection was lost."));
    if (!m_wantOpen) {
        setState(State::Offline);
        return;
    }
    setState(State::Reconnecting);
    scheduleReconnect();
}

void Connection::scheduleReconnect()
{
    const int exponent = std::min(m_attempt, 10);
    const qint64 base = std::min<qint64>(m_maxDelayMs, qint64(m_firstDelayMs) << exponent);
    const qint64 jitter = QRandomGenerator::global()->bounded(base / 5 + 1);
    ++m_attempt;
    m_reconnectTimer.start(static_cast<int>(base + jitter));
}

void Connection::failPending(const QString &why)
{
    const QHash<qint64, Pending> pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        if (p.handler)
            p.handler(localFailure(ErrorCode::Unavailable, why));
    }
}

void Connection::request(Op op, const QJsonObject &data, ResponseHandler handler, const QString &idem)
{
    if (!isOnline()) {
        if (handler)
            handler(localFailure(ErrorCode::Unavailable, tr("Not connected to the server.")));
        return;
    }
    sendNow(op, data, std::move(handler), idem);
}

void Connection::sendNow(Op op, const QJsonObject &data, ResponseHandler handler, const QString &idem)
{
    const qint64 id = m_nextId++;
    protocol::Request r;
    r.id = id;
    r.op = op;
    r.idem = idem;
    r.data = data;
    if (!m_socket || m_socket->sendTextMessage(QString::fromUtf8(r.encode())) <= 0) {
        if (handler)
            handler(localFailure(ErrorCode::Unavailable, tr("Not connected to the server.")));
        return;
    }
    m_pending.insert(id, {std::move(handler), QDateTime::currentMSecsSinceEpoch() + m_timeoutMs});
}

void Connection::onMessage(const QByteArray &utf8)
{
    const protocol::DecodedServerMessage m = protocol::decodeServerMessage(utf8);
    if (m.error) {
        qCWarning(lcClientNet) << "unreadable message from the server:" << m.error->message;
        return;
    }
    if (m.response) {
        const Pending p = m_pending.take(m.response->id.toInteger());
        if (p.handler)
            p.handler(*m.response);
        return;
    }
    if (m.push->kind == protocol::Push::Kind::Notice) {
        Q_EMIT noticeReceived(m.push->notice, m.push->body);
        return;
    }
    const Event e = Event::fromJson(m.push->body);
    if (e.seq <= m_lastSeq)
        return; // already applied (replay overlapping live delivery)
    m_lastSeq = e.seq;
    Q_EMIT eventReceived(e);
}

} // namespace crewline::client
