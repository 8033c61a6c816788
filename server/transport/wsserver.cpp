#include "server/transport/wsserver.h"

#include "common/logging.h"
#include "common/permissions.h"
#include "crewline_version.h"
#include "server/services/attachmentservice.h"
#include "server/services/authservice.h"
#include "server/services/directoryservice.h"
#include "server/services/dispatchservice.h"
#include "server/services/statsservice.h"
#include "server/services/ticketservice.h"

#include <QJsonArray>
#include <QSslError>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

namespace crewline::server {

using protocol::ErrorCode;
using protocol::Op;
using protocol::Response;

namespace {
constexpr qint64 kMaxSilenceMs = 3 * 30000;         // three missed pings
constexpr qint64 kMaxQueuedBytes = 8 * 1024 * 1024; // per connection, before a slow reader is dropped
constexpr int kStaffCoalesceMs = 250;               // "staff" notices: at most one per person in this interval

Response failure(const QJsonValue &id, ErrorCode code, const QString &message, const QJsonObject &details = {})
{
    return Response::failure(id, {code, message, details});
}

Response fromOutcome(const QJsonValue &id, const Outcome &o)
{
    if (o.ok && !o.rawResult.isEmpty())
        return Response::successRaw(id, o.rawResult);
    return o.ok ? Response::success(id, o.result) : Response::failure(id, o.error);
}

bool containsId(const QJsonValue &v, const auto &ids)
{
    if (ids.isEmpty())
        return true;
    const qint64 raw = v.toInteger();
    for (const auto &id : ids) {
        if (id.value() == raw)
            return true;
    }
    return false;
}
} // namespace

Connection::Connection(QWebSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    lastHeard.start();
}

Connection::~Connection() = default;

bool Connection::send(const OutgoingFrame &frame)
{
    // Both return the bytes queued; 0 means the frame was dropped (DEPENDENCIES.md trap 23).
    if (binaryFrames)
        return m_socket->sendBinaryMessage(frame.utf8()) > 0;
    return m_socket->sendTextMessage(frame.text()) > 0;
}

bool Connection::takeToken(int ratePerSecond, int burst)
{
    if (!m_tokenClock.isValid()) {
        // A new connection starts with a full bucket: its first requests (hello, login, subscribe) must never be
        // refused because they came within milliseconds of the handshake.
        m_tokenClock.start();
        m_tokens = burst;
    } else {
        const double elapsed = static_cast<double>(m_tokenClock.restart()) / 1000.0;
        m_tokens = std::min<double>(burst, m_tokens + elapsed * ratePerSecond);
    }
    if (m_tokens < 1)
        return false;
    m_tokens -= 1;
    return true;
}

WsServer::WsServer(Services services, TransportOptions options, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_options(std::move(options))
{
    m_server =
        new QWebSocketServer(u"crewline-server/" CREWLINE_VERSION_STRING ""_s,
                             m_options.tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this);
    if (m_options.tls)
        m_server->setSslConfiguration(*m_options.tls);
    m_server->setMaxPendingConnections(256);
    connect(m_server, &QWebSocketServer::newConnection, this, &WsServer::onNewConnection);
    connect(m_server, &QWebSocketServer::originAuthenticationRequired, this, [this](QWebSocketCorsAuthenticator *auth) {
        // Native clients send no Origin; browsers do, and only listed origins may connect (trap 3).
        auth->setAllowed(auth->origin().isEmpty() || m_options.allowedOrigins.contains(auth->origin()));
    });
    connect(m_server, &QWebSocketServer::sslErrors, this,
            [](const QList<QSslError> &errors) { qCWarning(lcNet) << "TLS errors:" << errors; });
    connect(&m_pingTimer, &QTimer::timeout, this, &WsServer::pingAll);
    m_pingTimer.start(m_options.pingIntervalMs);
    m_staffTimer.setSingleShot(true);
    m_staffTimer.setInterval(kStaffCoalesceMs);
    connect(&m_staffTimer, &QTimer::timeout, this, &WsServer::flushStaffNotices);
}

WsServer::~WsServer()
{
    closeAll();
}

bool WsServer::listen(QString *error)
{
    if (m_options.tls) {
        if (!m_server->listen(m_options.address, m_options.port)) {
            if (error)
                *error = m_server->errorString();
            return false;
        }
    } else {
        // Plain ws://: accept the TCP connections ourselves to switch Nagle off before the upgrade. A frame is
        // written as header + payload, and with Nagle the payload waits for the peer's delayed ACK (~40 ms).
        m_tcp = new QTcpServer(this);
        connect(m_tcp, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *tcp = m_tcp->nextPendingConnection()) {
                tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                m_server->handleConnection(tcp);
            }
        });
        if (!m_tcp->listen(m_options.address, m_options.port)) {
            if (error)
                *error = m_tcp->errorString();
            return false;
        }
    }
    qCInfo(lcNet).noquote() << "listening on" << (m_options.tls ? u"wss://"_s : u"ws://"_s)
                            << m_options.address.toString() + u':' + QString::number(port());
    return true;
}

quint16 WsServer::port() const
{
    return m_tcp ? m_tcp->serverPort() : m_server->serverPort();
}

void WsServer::closeAll()
{
    const QList<Connection *> all = m_connections;
    for (Connection *c : all)
        c->socket()->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
    if (m_tcp)
        m_tcp->close();
    m_server->close();
}

void WsServer::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= m_options.maxConnections) {
            socket->close(static_cast<QWebSocketProtocol::CloseCode>(1013), u"too many connections"_s);
            socket->deleteLater();
            continue;
        }
        // The default limits are ~2 GiB (trap 1): an oversized message closes the connection with 1009.
        socket->setMaxAllowedIncomingMessageSize(static_cast<quint64>(protocol::limits::kMaxMessageBytes));
        socket->setMaxAllowedIncomingFrameSize(static_cast<quint64>(protocol::limits::kMaxMessageBytes));
        auto *c = new Connection(socket, this);
        m_connections << c;
        connect(socket, &QWebSocket::textMessageReceived, c, [this, c](const QString &text) { onMessage(c, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, c, [this, c](const QByteArray &) {
            reply(c, QJsonValue::Null,
                  failure(QJsonValue::Null, ErrorCode::MalformedMessage,
                          u"binary frames are not part of the protocol; send JSON text frames"_s));
        });
        connect(socket, &QWebSocket::pong, c, [c](quint64, const QByteArray &) { c->lastHeard.restart(); });
        connect(socket, &QWebSocket::disconnected, this, [this, c] {
            m_services.attachments.abortAll(c->key());
            clearPresence(c);
            m_connections.removeOne(c);
            c->deleteLater();
        });
        qCDebug(lcNet) << "connection from" << socket->peerAddress().toString();
    }
}

void WsServer::pingAll()
{
    for (Connection *c : std::as_const(m_connections)) {
        if (c->lastHeard.elapsed() > kMaxSilenceMs) {
            c->socket()->close(QWebSocketProtocol::CloseCodeGoingAway, u"no answer to pings"_s);
            continue;
        }
        c->socket()->ping();
    }
}

void WsServer::reply(Connection *c, const QJsonValue &, const Response &response)
{
    if (!c->send(OutgoingFrame(response.encode())))
        qCWarning(lcNet) << "reply could not be queued for" << c->caller.username;
}

void WsServer::onMessage(Connection *c, const QString &text)
{
    c->lastHeard.restart();
    const protocol::DecodedRequest decoded = protocol::decodeRequest(text.toUtf8());
    if (!decoded.request) {
        reply(c, decoded.id, Response::failure(decoded.id, decoded.error));
        return;
    }
    if (!c->takeToken(m_options.rateLimitPerSecond, m_options.rateLimitBurst)) {
        reply(c, decoded.id, failure(decoded.id, ErrorCode::RateLimited, u"too many requests; slow down"_s));
        return;
    }
    try {
        dispatch(c, *decoded.request);
    } catch (const std::exception &e) {
        // Reads run here, on the event loop (writes fail inside the WriteQueue): a failed read (database busy,
        // damaged, disk error) fails this request only; unhandled, it would end the daemon for everyone.
        qCCritical(lcNet).noquote() << "request" << protocol::opName(decoded.request->op) << "failed:" << e.what();
        reply(c, decoded.id, failure(decoded.id, ErrorCode::Internal, u"storage error; retry later"_s));
    }
}

void WsServer::dispatch(Connection *c, const protocol::Request &request)
{
    const QJsonValue id = request.id;
    const Op op = request.op;

    if (op != Op::Hello && !c->helloDone) {
        reply(c, id, failure(id, ErrorCode::Unauthenticated, u"send \"hello\" first"_s));
        return;
    }
    if (!protocol::opIsPublic(op)) {
        if (!c->caller.isValid()) {
            reply(c, id, failure(id, ErrorCode::Unauthenticated, u"log in first (auth.login or auth.resume)"_s));
            return;
        }
        if (c->sessionExpires.isValid() && c->sessionExpires <= QDateTime::currentDateTimeUtc()) {
            clearPresence(c);
            c->caller = {};
            c->subscribed = false;
            reply(c, id, failure(id, ErrorCode::SessionExpired, u"the session has expired; log in again"_s));
            return;
        }
        if (!roleMay(c->caller.role, op)) {
            reply(c, id,
                  failure(id, ErrorCode::Forbidden,
                          u"the role \"%1\" may not use \"%2\""_s.arg(roleName(c->caller.role), protocol::opName(op))));
            return;
        }
    }

    // Parses the payload as T or answers invalid_field; then runs f with it.
    const auto with = [&]<typename T>(std::type_identity<T>, auto &&f) {
        protocol::Error error;
        const std::optional<T> message = protocol::readMessage<T>(request.data, error);
        if (!message) {
            reply(c, id, Response::failure(id, error));
            return;
        }
        f(*message);
    };
    QPointer<Connection> guard(c);
    const auto later = [this, guard, id](const Outcome &o) {
        if (guard)
            reply(guard, id, fromOutcome(id, o));
    };
    const Caller &caller = c->caller;
    const QString &idem = request.idem;
    TicketService &tickets = m_services.tickets;

    switch (op) {
    case Op::Hello:
        with(std::type_identity<protocol::Hello>{}, [&](const protocol::Hello &hello) {
            c->helloDone = true;
            // The answer to this hello already goes out in the frames asked for.
            c->binaryFrames = hello.binaryFrames;
            reply(c, id,
                  Response::success(
                      id, {{u"server"_s, u"crewline-server"_s},
                           {u"version"_s, QStringLiteral(CREWLINE_VERSION_STRING)},
                           {u"protocol"_s, protocol::kVersion},
                           {u"time"_s, timeToJson(QDateTime::currentDateTimeUtc())},
                           {u"binaryFrames"_s, hello.binaryFrames},
                           {u"limits"_s, QJsonObject{{u"maxMessageBytes"_s, protocol::limits::kMaxMessageBytes},
                                                     {u"maxChunkBytes"_s, protocol::limits::kMaxChunkBytes},
                                                     {u"maxAttachmentBytes"_s, m_services.attachments.maxBytes()}}}}));
        });
        return;
    case Op::Ping:
        reply(c, id, Response::success(id, {{u"time"_s, timeToJson(QDateTime::currentDateTimeUtc())}}));
        return;
    case Op::AuthLogin:
        with(std::type_identity<protocol::AuthLogin>{}, [&](const protocol::AuthLogin &m) {
            m_services.auth.login(m.username, m.password, [this, guard, id](const SessionOutcome &s) {
                if (!guard)
                    return;
                if (!s.ok) {
                    reply(guard, id, Response::failure(id, s.error));
                    return;
                }
                if (guard->caller.isValid() && guard->caller.userId != s.caller.userId)
                    clearPresence(guard); // another person signs in on this connection
                guard->caller = s.caller;
                guard->token = s.token;
                guard->sessionExpires = s.expiresAt;
                reply(guard, id, Response::success(id, AuthService::sessionJson(s)));
            });
        });
        return;
    case Op::AuthResume:
        with(std::type_identity<protocol::AuthResume>{}, [&](const protocol::AuthResume &m) {
            const SessionOutcome s = m_services.auth.resume(m.token);
            if (!s.ok) {
                reply(c, id, Response::failure(id, s.error));
                return;
            }
            if (c->caller.isValid() && c->caller.userId != s.caller.userId)
                clearPresence(c); // another person signs in on this connection
            c->caller = s.caller;
            c->token = s.token;
            c->sessionExpires = s.expiresAt;
            reply(c, id, Response::success(id, AuthService::sessionJson(s)));
        });
        return;
    case Op::AuthLogout:
        // The connection forgets the session at once; the reply waits for the commit, so that a client told
        // "logged out" can rely on the token being dead everywhere.
        m_services.auth.logout(c->token, later);
        clearPresence(c);
        c->caller = {};
        c->token.clear();
        c->subscribed = false;
        return;
    case Op::Subscribe:
        with(std::type_identity<protocol::Subscribe>{},
             [&](const protocol::Subscribe &m) { subscribe(c, request, m); });
        return;
    case Op::Unsubscribe:
        c->subscribed = false;
        reply(c, id, Response::success(id, {{u"seq"_s, c->lastSentSeq}}));
        return;
    case Op::TicketCreate:
        with(std::type_identity<protocol::TicketCreate>{},
             [&](const protocol::TicketCreate &m) { tickets.create(caller, m, idem, later); });
        return;
    case Op::TicketList:
        with(std::type_identity<protocol::TicketQuery>{},
             [&](const protocol::TicketQuery &m) { reply(c, id, fromOutcome(id, tickets.list(caller, m))); });
        return;
    case Op::TicketGet:
        with(std::type_identity<protocol::TicketGet>{},
             [&](const protocol::TicketGet &m) { reply(c, id, fromOutcome(id, tickets.get(caller, m))); });
        return;
    case Op::TicketUpdate:
        with(std::type_identity<protocol::TicketUpdate>{},
             [&](const protocol::TicketUpdate &m) { tickets.update(caller, m, idem, later); });
        return;
    case Op::TicketAssign:
        with(std::type_identity<protocol::TicketAssign>{},
             [&](const protocol::TicketAssign &m) { tickets.assign(caller, m, idem, later); });
        return;
    case Op::TicketAccept:
        with(std::type_identity<protocol::TicketAccept>{},
             [&](const protocol::TicketAccept &m) { tickets.accept(caller, m, idem, later); });
        return;
    case Op::TicketComment:
        with(std::type_identity<protocol::TicketComment>{},
             [&](const protocol::TicketComment &m) { tickets.comment(caller, m, idem, later); });
        return;
    case Op::TicketTransition:
        with(std::type_identity<protocol::TicketTransition>{},
             [&](const protocol::TicketTransition &m) { tickets.transition(caller, m, idem, later); });
        return;
    case Op::TicketApprove:
        with(std::type_identity<protocol::TicketApprove>{},
             [&](const protocol::TicketApprove &m) { tickets.approve(caller, m, idem, later); });
        return;
    case Op::TicketSuspend:
        with(std::type_identity<protocol::TicketSuspend>{},
             [&](const protocol::TicketSuspend &m) { tickets.suspend(caller, m, idem, later); });
        return;
    case Op::TicketResume:
        with(std::type_identity<protocol::TicketResume>{},
             [&](const protocol::TicketResume &m) { tickets.resume(caller, m, idem, later); });
        return;
    case Op::TicketUrge:
        with(std::type_identity<protocol::TicketUrge>{},
             [&](const protocol::TicketUrge &m) { tickets.urge(caller, m, idem, later); });
        return;
    case Op::TicketSplit:
        with(std::type_identity<protocol::TicketSplit>{},
             [&](const protocol::TicketSplit &m) { tickets.split(caller, m, idem, later); });
        return;
    case Op::TicketMerge:
        with(std::type_identity<protocol::TicketMerge>{},
             [&](const protocol::TicketMerge &m) { tickets.merge(caller, m, idem, later); });
        return;
    case Op::TicketReopen:
        with(std::type_identity<protocol::TicketReopen>{},
             [&](const protocol::TicketReopen &m) { tickets.reopen(caller, m, idem, later); });
        return;
    case Op::TicketLink:
        with(std::type_identity<protocol::TicketLinkRequest>{},
             [&](const protocol::TicketLinkRequest &m) { tickets.link(caller, m, idem, later); });
        return;
    case Op::TicketUnlink:
        with(std::type_identity<protocol::TicketUnlink>{},
             [&](const protocol::TicketUnlink &m) { tickets.unlink(caller, m, idem, later); });
        return;
    case Op::AttachmentBegin:
        with(std::type_identity<protocol::AttachmentBegin>{}, [&](const protocol::AttachmentBegin &m) {
            reply(c, id, fromOutcome(id, m_services.attachments.begin(caller, c->key(), m)));
        });
        return;
    case Op::AttachmentChunk:
        with(std::type_identity<protocol::AttachmentChunk>{}, [&](const protocol::AttachmentChunk &m) {
            reply(c, id, fromOutcome(id, m_services.attachments.chunk(caller, c->key(), m)));
        });
        return;
    case Op::AttachmentFinish:
        with(std::type_identity<protocol::AttachmentFinish>{}, [&](const protocol::AttachmentFinish &m) {
            m_services.attachments.finish(caller, c->key(), m, idem, later);
        });
        return;
    case Op::AttachmentAbort:
        with(std::type_identity<protocol::AttachmentAbort>{}, [&](const protocol::AttachmentAbort &m) {
            reply(c, id, fromOutcome(id, m_services.attachments.abort(c->key(), m.uploadId)));
        });
        return;
    case Op::AttachmentDownload:
        with(std::type_identity<protocol::AttachmentDownload>{}, [&](const protocol::AttachmentDownload &m) {
            reply(c, id, fromOutcome(id, m_services.attachments.download(caller, m)));
        });
        return;
    case Op::TypeList:
        reply(c, id, fromOutcome(id, tickets.typeList(QString())));
        return;
    case Op::UserList:
        reply(c, id, fromOutcome(id, m_services.directory.users(caller)));
        return;
    case Op::UserCreate:
        with(std::type_identity<protocol::UserCreate>{},
             [&](const protocol::UserCreate &m) { m_services.auth.createUser(caller, m, idem, later); });
        return;
    case Op::TeamList:
        reply(c, id, fromOutcome(id, m_services.directory.teams()));
        return;
    case Op::StaffList:
        reply(c, id, fromOutcome(id, m_services.directory.staff()));
        return;
    case Op::PresenceSet:
        with(std::type_identity<protocol::PresenceSet>{},
             [&](const protocol::PresenceSet &m) { reply(c, id, setPresence(c, id, m)); });
        return;
    case Op::StaffReport:
        with(std::type_identity<protocol::StaffReport>{},
             [&](const protocol::StaffReport &m) { m_services.dispatch.report(caller, m, later); });
        return;
    case Op::StaffTrack:
        with(std::type_identity<protocol::StaffTrack>{}, [&](const protocol::StaffTrack &m) {
            reply(c, id, fromOutcome(id, m_services.dispatch.track(caller, m)));
        });
        return;
    case Op::DispatchSuggest:
        with(std::type_identity<protocol::DispatchSuggest>{}, [&](const protocol::DispatchSuggest &m) {
            reply(c, id, fromOutcome(id, m_services.dispatch.suggest(caller, m)));
        });
        return;
    case Op::TicketClaim:
        with(std::type_identity<protocol::TicketClaim>{},
             [&](const protocol::TicketClaim &m) { m_services.dispatch.claim(caller, m, idem, later); });
        return;
    case Op::StaffFreeze:
        with(std::type_identity<protocol::StaffFreeze>{},
             [&](const protocol::StaffFreeze &m) { m_services.dispatch.freeze(caller, m, idem, later); });
        return;
    case Op::TicketPrint:
        with(std::type_identity<protocol::TicketPrint>{},
             [&](const protocol::TicketPrint &m) { tickets.print(caller, m, idem, later); });
        return;
    case Op::StatsDashboard:
        with(std::type_identity<protocol::StatsDashboard>{}, [&](const protocol::StatsDashboard &m) {
            reply(c, id, fromOutcome(id, m_services.stats.dashboard(caller, m)));
        });
        return;
    }
}

void WsServer::subscribe(Connection *c, const protocol::Request &request, const protocol::Subscribe &m)
{
    const QJsonValue id = request.id;
    Store &store = m_services.reader;
    const qint64 head = store.lastSeq();
    c->filter = m.filter;
    if (!m.since) {
        c->lastSentSeq = std::max(c->lastSentSeq, head);
        c->subscribed = true;
        const QJsonArray presence = presenceSnapshot(c);
        reply(c, id, Response::success(id, {{u"seq"_s, head}, {u"replayed"_s, 0}, {u"presence"_s, presence}}));
        sendPresenceSnapshot(c, presence);
        return;
    }
    const qint64 since = *m.since;
    const qint64 first = store.firstSeq();
    if (since > head || (first > 0 && since < first - 1) || head - since > protocol::limits::kMaxReplayEvents) {
        reply(
            c, id,
            failure(id, ErrorCode::ResyncRequired,
                    u"cannot replay from %1 (available: %2 to %3); reload and subscribe without \"since\""_s.arg(since)
                        .arg(first)
                        .arg(head),
                    {{u"seq"_s, head}}));
        return;
    }
    // Replay what was missed, then the reply: when the reply arrives the client is up to date to "seq".
    c->subscribed = true;
    c->lastSentSeq = since;
    int replayed = 0;
    qint64 cursor = since;
    for (;;) {
        const QList<StoredEvent> batch = store.eventsAfter(cursor, 1000);
        if (batch.isEmpty())
            break;
        for (const StoredEvent &e : batch) {
            cursor = e.event.seq;
            std::optional<QJsonObject> data;
            if (visible(*c, e, data)) {
                c->send(OutgoingFrame(protocol::encodeEventPush(e.event)));
                ++replayed;
            }
        }
        c->lastSentSeq = cursor;
    }
    const QJsonArray presence = presenceSnapshot(c);
    reply(c, id,
          Response::success(id, {{u"seq"_s, c->lastSentSeq}, {u"replayed"_s, replayed}, {u"presence"_s, presence}}));
    sendPresenceSnapshot(c, presence);
}

bool WsServer::visible(const Connection &c, const StoredEvent &e, std::optional<QJsonObject> &data) const
{
    if (!c.subscribed || !c.caller.isValid())
        return false;
    if (!roleSeesAllTickets(c.caller.role) && (!e.requesterId.isValid() || e.requesterId != c.caller.userId))
        return false;
    if (e.internal && !roleSeesInternalNotes(c.caller.role))
        return false;
    const protocol::SubscriptionFilter &f = c.filter;
    if (f == protocol::SubscriptionFilter{} || !e.event.ticketId.isValid())
        return true;
    if (!data)
        data = e.event.dataObject();
    const QJsonObject t = data->value(u"ticket"_s).toObject();
    const QJsonObject prev = data->value(u"previous"_s).toObject();
    const auto matches = [&](const QString &key, const auto &ids) {
        return containsId(t.value(key), ids) || (prev.contains(key) && containsId(prev.value(key), ids));
    };
    if (!f.types.isEmpty() && !f.types.contains(t.value(u"type"_s).toString()))
        return false;
    return matches(u"teamId"_s, f.teamIds) && matches(u"assigneeId"_s, f.assigneeIds) &&
           containsId(t.value(u"id"_s), f.ticketIds);
}

void WsServer::broadcast(const QList<StoredEvent> &events)
{
    for (const StoredEvent &e : events) {
        std::optional<OutgoingFrame> frame; // encoded once, sent to everyone who may see it
        std::optional<QJsonObject> data;    // decoded once, if a subscription filter asks
        for (Connection *c : std::as_const(m_connections)) {
            if (e.event.seq <= c->lastSentSeq || !c->subscribed)
                continue;
            c->lastSentSeq = e.event.seq;
            if (!visible(*c, e, data))
                continue;
            if (c->socket()->bytesToWrite() > kMaxQueuedBytes) {
                // A console that cannot keep up must not make the server hold its backlog in memory: drop it. It
                // reconnects and resumes from the last event it applied, so it misses nothing.
                qCWarning(lcNet) << "dropping" << c->caller.username << "- more than" << kMaxQueuedBytes
                                 << "bytes waiting to be sent";
                c->subscribed = false;
                c->socket()->close(QWebSocketProtocol::CloseCodePolicyViolated, u"too far behind; resume"_s);
                continue;
            }
            if (!frame)
                frame.emplace(protocol::encodeEventPush(e.event));
            c->send(*frame);
        }
    }
}

void WsServer::queueStaffNotice(const QJsonObject &data)
{
    const qint64 user = data.value(u"userId"_s).toInteger();
    if (!m_pendingStaff.contains(user))
        m_pendingOrder << user;
    m_pendingStaff.insert(user, data);
    if (!m_staffTimer.isActive())
        m_staffTimer.start();
}

void WsServer::flushStaffNotices()
{
    const QList<qint64> order = std::exchange(m_pendingOrder, {});
    const QHash<qint64, QJsonObject> pending = std::exchange(m_pendingStaff, {});
    for (qint64 user : order) {
        const OutgoingFrame frame(
            protocol::Push{protocol::Push::Kind::Notice, pending.value(user), u"staff"_s}.encode());
        for (Connection *o : std::as_const(m_connections)) {
            // Desk roles only: field devices do not need everyone's position, and with hundreds of engineers the
            // fan-out to each of them would grow with the square of their number.
            if (o->subscribed && o->caller.isValid() && o->caller.role != Role::Requester &&
                o->caller.role != Role::Engineer)
                o->send(frame);
        }
    }
}

// Presence: which ticket each console shows and whether its user is writing on it. Several consoles of one person
// on one ticket count as one entry with the strongest activity, so one of them closing does not hide the other.
namespace {
bool stronger(const QString &activity, const QString &than)
{
    return than.isEmpty() || (activity == u"writing" && than != u"writing");
}
bool seesPresence(const Connection &c)
{
    return c.caller.isValid() && c.caller.role != Role::Requester;
}
QString shownName(const Caller &c)
{
    return c.displayName.isEmpty() ? c.username : c.displayName;
}
} // namespace

protocol::Response WsServer::setPresence(Connection *c, const QJsonValue &id, const protocol::PresenceSet &m)
{
    if (!m.activity.isEmpty() && m.activity != u"viewing" && m.activity != u"writing")
        return failure(id, ErrorCode::InvalidField, u"\"activity\" must be \"viewing\", \"writing\" or empty"_s,
                       {{u"field"_s, u"activity"_s}});
    const TicketId ticket = m.activity.isEmpty() ? TicketId() : m.ticketId;
    if (!m.activity.isEmpty() && !ticket.isValid())
        return failure(id, ErrorCode::InvalidField, u"\"ticketId\" is required unless \"activity\" is empty"_s,
                       {{u"field"_s, u"ticketId"_s}});
    if (ticket.isValid() && !m_services.reader.ticket(ticket))
        return failure(id, ErrorCode::NotFound, u"ticket %1 does not exist"_s.arg(ticket.value()),
                       {{u"ticketId"_s, ticket.value()}});
    const TicketId before = c->presenceTicket;
    const bool changed = before != ticket || c->presenceActivity != m.activity;
    c->presenceTicket = ticket;
    c->presenceActivity = ticket.isValid() ? m.activity : QString();
    if (before.isValid() && before != ticket)
        announcePresence(c, c->caller.userId, shownName(c->caller), before);
    if (ticket.isValid() && changed)
        announcePresence(c, c->caller.userId, shownName(c->caller), ticket);
    return Response::success(id, {{u"ticketId"_s, ticket.value()}, {u"activity"_s, c->presenceActivity}});
}

void WsServer::clearPresence(Connection *c)
{
    const TicketId ticket = std::exchange(c->presenceTicket, TicketId());
    c->presenceActivity.clear();
    if (ticket.isValid() && c->caller.isValid())
        announcePresence(c, c->caller.userId, shownName(c->caller), ticket);
}

void WsServer::announcePresence(const Connection *source, UserId user, const QString &name, TicketId ticket)
{
    QString activity;
    for (const Connection *o : std::as_const(m_connections)) {
        if (o->caller.userId == user && o->presenceTicket == ticket && stronger(o->presenceActivity, activity))
            activity = o->presenceActivity;
    }
    const QJsonObject data{
        {u"ticketId"_s, ticket.value()}, {u"userId"_s, user.value()}, {u"name"_s, name}, {u"activity"_s, activity}};
    const OutgoingFrame frame(protocol::Push{protocol::Push::Kind::Notice, data, u"presence"_s}.encode());
    for (Connection *o : std::as_const(m_connections)) {
        if (o != source && o->subscribed && seesPresence(*o))
            o->send(frame);
    }
}

QJsonArray WsServer::presenceSnapshot(const Connection *except) const
{
    QJsonArray out;
    if (!seesPresence(*except))
        return out;
    QHash<QPair<qint64, qint64>, qsizetype> index; // (ticket, user) -> position in out
    for (const Connection *o : std::as_const(m_connections)) {
        if (o == except || !o->presenceTicket.isValid() || !o->caller.isValid())
            continue;
        const QPair<qint64, qint64> key(o->presenceTicket.value(), o->caller.userId.value());
        const QJsonObject entry{{u"ticketId"_s, o->presenceTicket.value()},
                                {u"userId"_s, o->caller.userId.value()},
                                {u"name"_s, shownName(o->caller)},
                                {u"activity"_s, o->presenceActivity}};
        if (const auto it = index.constFind(key); it == index.cend()) {
            index.insert(key, out.size());
            out.append(entry);
        } else if (stronger(o->presenceActivity, out.at(*it).toObject().value(u"activity"_s).toString())) {
            out.replace(*it, entry);
        }
    }
    return out;
}

void WsServer::sendPresenceSnapshot(Connection *c, const QJsonArray &entries)
{
    // Also as notices right after the reply, so that a client needs no special case for what was there before it.
    for (const QJsonValue &v : entries)
        c->send(OutgoingFrame(protocol::Push{protocol::Push::Kind::Notice, v.toObject(), u"presence"_s}.encode()));
}

} // namespace crewline::server
