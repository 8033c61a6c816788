#include "tests/support/testclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace crewline::test {

using protocol::Op;
using protocol::Response;

namespace {

// A reply the server never sent: the client gave up waiting. details.client says why.
Response noReply(const QString &id, const QString &why, const QString &message)
{
    return Response::failure(id, protocol::Error{protocol::ErrorCode::Internal, message, {{u"client"_s, why}}});
}

} // namespace

QString codeOf(const Response &response)
{
    if (response.ok)
        return u"ok"_s;
    const QString client = response.error.details.value(u"client"_s).toString();
    if (!client.isEmpty())
        return u'<' + client + u'>';
    return protocol::errorCodeName(response.error.code);
}

QString describe(const Response &response)
{
    if (response.ok)
        return u"ok "_s + QString::fromUtf8(QJsonDocument(response.result).toJson(QJsonDocument::Compact).left(400));
    QString s = codeOf(response) + u": "_s + response.error.message;
    if (!response.error.details.isEmpty())
        s += u' ' + QString::fromUtf8(QJsonDocument(response.error.details).toJson(QJsonDocument::Compact).left(400));
    return s;
}

TestClient::TestClient(const QString &name, QObject *parent)
    : QObject(parent)
    , m_name(name)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_connected = true;
        Q_EMIT activity();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        m_connected = false;
        m_disconnected = true;
        m_closeCode = m_socket.closeCode();
        m_closeReason = m_socket.closeReason();
        Q_EMIT activity();
    });
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        m_errorString = m_socket.errorString();
        Q_EMIT activity();
    });
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        m_sslErrors += errors;
        Q_EMIT activity();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &TestClient::onText);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &utf8) {
        ++m_binaryFrames;
        if (m_binaryAsked) {
            onMessage(utf8);
            return;
        }
        ++m_undecodable; // not asked for in hello: the server must not send any
        Q_EMIT activity();
    });
}

TestClient::~TestClient()
{
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
}

bool TestClient::isConnected() const
{
    return m_connected && m_socket.state() == QAbstractSocket::ConnectedState;
}

bool TestClient::connectTo(const QUrl &url, int timeoutMs)
{
    m_connected = false;
    m_disconnected = false;
    m_closeCode = -1;
    m_closeReason.clear();
    m_errorString.clear();
    m_sslErrors.clear();
    if (!m_expectedSslErrors.isEmpty())
        m_socket.ignoreSslErrors(m_expectedSslErrors);
    m_socket.open(url);
    waitUntil([this] { return m_connected || m_disconnected; }, timeoutMs);
    if (!m_connected) {
        qWarning().noquote() << m_name << "could not connect to" << url.toString() << ":" << m_errorString
                             << m_sslErrors;
        m_socket.abort();
    }
    return m_connected;
}

void TestClient::close(QWebSocketProtocol::CloseCode code)
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return;
    m_socket.close(code);
    if (!waitForDisconnected(5000))
        m_socket.abort();
}

void TestClient::abort()
{
    m_socket.abort();
    m_connected = false;
    m_disconnected = true;
}

bool TestClient::waitForDisconnected(int timeoutMs)
{
    return waitUntil([this] { return m_disconnected || m_socket.state() == QAbstractSocket::UnconnectedState; },
                     timeoutMs);
}

QString TestClient::newIdemKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString TestClient::send(Op op, const QJsonObject &data, std::optional<QString> idem)
{
    const QString id = (m_name.isEmpty() ? u"r"_s : m_name) + u'-' + QString::number(m_nextId++);
    protocol::Request r;
    r.id = id;
    r.op = op;
    r.data = data;
    r.idem = idem ? *idem : (protocol::opMutates(op) ? newIdemKey() : QString());
    m_lastIdem = r.idem;
    m_socket.sendTextMessage(QString::fromUtf8(r.encode()));
    return id;
}

Response TestClient::waitForResponse(const QString &id, int timeoutMs)
{
    waitUntil([&] { return m_byId.contains(id) || m_disconnected; }, timeoutMs);
    if (m_byId.contains(id))
        return m_byId.take(id);
    if (m_disconnected)
        return noReply(id, u"disconnected"_s,
                       u"disconnected before the reply to %1 (close code %2)"_s.arg(id).arg(m_closeCode));
    return noReply(id, u"timeout"_s, u"no reply to %1 within %2 ms"_s.arg(id).arg(timeoutMs));
}

Response TestClient::request(Op op, const QJsonObject &data, std::optional<QString> idem, int timeoutMs)
{
    return waitForResponse(send(op, data, std::move(idem)), timeoutMs);
}

Response TestClient::sendRaw(const QByteArray &text, int timeoutMs)
{
    const qsizetype before = m_responses.size();
    m_socket.sendTextMessage(QString::fromUtf8(text));
    waitUntil([&] { return m_responses.size() > before || m_disconnected; }, timeoutMs);
    if (m_responses.size() > before)
        return m_responses.at(before);
    return noReply(QString(), m_disconnected ? u"disconnected"_s : u"timeout"_s,
                   u"no reply to a raw frame (close code %1)"_s.arg(m_closeCode));
}

Response TestClient::sendRawBinary(const QByteArray &bytes, int timeoutMs)
{
    const qsizetype before = m_responses.size();
    m_socket.sendBinaryMessage(bytes);
    waitUntil([&] { return m_responses.size() > before || m_disconnected; }, timeoutMs);
    if (m_responses.size() > before)
        return m_responses.at(before);
    return noReply(QString(), m_disconnected ? u"disconnected"_s : u"timeout"_s,
                   u"no reply to a binary frame (close code %1)"_s.arg(m_closeCode));
}

void TestClient::onText(const QString &text)
{
    onMessage(text.toUtf8());
}

void TestClient::onMessage(const QByteArray &text)
{
    const protocol::DecodedServerMessage m = protocol::decodeServerMessage(text);
    if (m.response) {
        m_responses << *m.response;
        if (m.response->id.isString())
            m_byId.insert(m.response->id.toString(), *m.response);
    } else if (m.push && m.push->kind == protocol::Push::Kind::Event) {
        const Event e = Event::fromJson(m.push->body);
        m_events << e;
        m_lastSeq = std::max(m_lastSeq, e.seq);
    } else if (m.push) {
        m_notices << *m.push;
    } else {
        ++m_undecodable;
        qWarning().noquote() << m_name << "received an undecodable frame:" << text.left(200);
    }
    Q_EMIT activity();
}

Response TestClient::hello(bool binaryFrames)
{
    QJsonObject data{{u"client"_s, u"crewline-e2e/1"_s}, {u"language"_s, u"en"_s}};
    if (binaryFrames)
        data.insert(u"binaryFrames"_s, true);
    m_binaryAsked = binaryFrames; // the answer itself may come as a binary frame
    return request(Op::Hello, data);
}

Response TestClient::login(const QString &username, const QString &password)
{
    const Response r = request(Op::AuthLogin, {{u"username"_s, username}, {u"password"_s, password}});
    if (r.ok) {
        m_token = r.result.value(u"token"_s).toString();
        const QJsonObject user = r.result.value(u"user"_s).toObject();
        m_userId = user.value(u"id"_s).toInteger();
        m_role = user.value(u"role"_s).toString();
    }
    return r;
}

Response TestClient::resume(const QString &token)
{
    const Response r = request(Op::AuthResume, {{u"token"_s, token}});
    if (r.ok) {
        m_token = token;
        const QJsonObject user = r.result.value(u"user"_s).toObject();
        m_userId = user.value(u"id"_s).toInteger();
        m_role = user.value(u"role"_s).toString();
    }
    return r;
}

bool TestClient::loginAs(const QUrl &url, const QString &username, const QString &password)
{
    if (!connectTo(url))
        return false;
    const Response h = hello();
    if (!h.ok) {
        qWarning().noquote() << m_name << "hello failed:" << describe(h);
        return false;
    }
    const Response l = login(username, password);
    if (!l.ok) {
        qWarning().noquote() << m_name << "login as" << username << "failed:" << describe(l);
        return false;
    }
    return true;
}

std::optional<Event> TestClient::waitForEvent(const std::function<bool(const Event &)> &pred, int timeoutMs)
{
    std::optional<Event> found;
    waitUntil(
        [&] {
            for (const Event &e : std::as_const(m_events)) {
                if (pred(e)) {
                    found = e;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

bool TestClient::waitForEventCount(int count, int timeoutMs)
{
    return waitUntil([&] { return m_events.size() >= count; }, timeoutMs);
}

bool TestClient::waitUntil(const std::function<bool()> &cond, int timeoutMs)
{
    if (cond())
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    // Conditions may depend on other clients or the file system, which send this client no signal.
    QTimer poll;
    const auto check = [&] {
        if (cond())
            loop.quit();
    };
    connect(&poll, &QTimer::timeout, &loop, check);
    connect(this, &TestClient::activity, &loop, check);
    deadline.start(timeoutMs);
    poll.start(20);
    loop.exec();
    return cond();
}

} // namespace crewline::test
