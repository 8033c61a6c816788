#include "server/transport/httpserver.h"

#include "common/logging.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace crewline::server {

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    r.body = body;
    return r;
}

// Accepts TCP connections, wrapping them in TLS when configured.
class HttpServer::Listener : public QTcpServer
{
public:
    Listener(const std::optional<QSslConfiguration> &tls, QObject *parent)
        : QTcpServer(parent)
        , m_tls(tls)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (!m_tls) {
            auto *socket = new QTcpSocket(this);
            if (!socket->setSocketDescriptor(descriptor)) {
                delete socket;
                return;
            }
            addPendingConnection(socket);
            return;
        }
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSslConfiguration(*m_tls);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }

private:
    std::optional<QSslConfiguration> m_tls;
};

// One connection: reads one request within the limits, hands it to the handler, writes the answer, closes.
class HttpServer::Exchange : public QObject
{
public:
    Exchange(QTcpSocket *socket, const Handler &handler, const HttpLimits &limits, QObject *parent)
        : QObject(parent)
        , m_socket(socket)
        , m_handler(handler)
        , m_limits(limits)
    {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, &Exchange::onReadable);
        connect(socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        connect(socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_socket->state() != QAbstractSocket::ConnectedState)
                deleteLater();
        });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            if (!m_answered)
                answer(HttpResponse::text(408, "request timeout\n"));
            m_socket->abort();
            deleteLater();
        });
        m_timer.start(limits.timeoutMs);
    }

private:
    void onReadable()
    {
        if (m_handled) {
            // One request per connection: what follows is read and dropped. A refused body is drained (up to a
            // bound) before closing, so that the client reads the answer instead of a connection reset.
            m_drain -= m_socket->readAll().size();
            if (m_answered && m_drain <= 0 && m_socket->bytesToWrite() == 0)
                m_socket->disconnectFromHost();
            return;
        }
        m_buffer += m_socket->readAll();
        if (m_headEnd < 0) {
            m_headEnd = m_buffer.indexOf("\r\n\r\n");
            if (m_headEnd < 0) {
                if (m_buffer.size() > m_limits.maxHeadBytes)
                    fail(431, "request header too large\n");
                return;
            }
            if (m_headEnd > m_limits.maxHeadBytes) {
                fail(431, "request header too large\n");
                return;
            }
            if (!parseHead())
                return;
        }
        const qsizetype bodyStart = m_headEnd + 4;
        if (m_buffer.size() - bodyStart > m_contentLength) {
            fail(400, "more data than Content-Length announced\n");
            return;
        }
        if (m_buffer.size() - bodyStart < m_contentLength)
            return; // more to come
        m_request.body = m_buffer.mid(bodyStart, m_contentLength);
        m_request.peer = m_socket->peerAddress();
        m_handled = true;
        QPointer<Exchange> guard(this);
        m_handler(m_request, [guard](const HttpResponse &r) {
            if (guard)
                guard->answer(r);
        });
    }

    bool parseHead()
    {
        const QList<QByteArray> lines = m_buffer.left(m_headEnd).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        if (first.size() != 3 || !first.at(2).startsWith("HTTP/1.")) {
            fail(400, "malformed request line\n");
            return false;
        }
        m_request.method = first.at(0);
        const QUrl url(QString::fromLatin1(first.at(1)), QUrl::StrictMode);
        if (!url.isValid() || !first.at(1).startsWith('/')) {
            fail(400, "malformed request target\n");
            return false;
        }
        m_request.path = url.path(QUrl::FullyDecoded);
        m_request.query = QUrlQuery(url);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                fail(400, "malformed header\n");
                return false;
            }
            m_request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
        }
        if (m_request.headers.contains("transfer-encoding")) {
            fail(411, "send a Content-Length\n");
            return false;
        }
        bool ok = true;
        const QByteArray length = m_request.header("content-length");
        m_contentLength = length.isEmpty() ? 0 : length.toLongLong(&ok);
        if (!ok || m_contentLength < 0) {
            fail(400, "bad Content-Length\n");
            return false;
        }
        // Refused before the body is read: nothing of an oversized request is buffered.
        if (m_contentLength > m_limits.maxBodyBytes) {
            constexpr qint64 kMaxDrain = 1024 * 1024;
            const qint64 pending = m_contentLength - (m_buffer.size() - m_headEnd - 4);
            m_drain = m_contentLength <= kMaxDrain ? pending : 0;
            m_buffer.clear();
            fail(413, "request body too large\n");
            return false;
        }
        return true;
    }

    void fail(int status, const QByteArray &message)
    {
        m_handled = true;
        answer(HttpResponse::text(status, message));
    }

    void answer(const HttpResponse &r)
    {
        if (m_answered)
            return;
        m_answered = true;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
        out += "Content-Type: " + r.contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
        out += "Connection: close\r\n";
        out += "Cache-Control: no-store\r\n";
        out += "X-Content-Type-Options: nosniff\r\n";
        out += "Referrer-Policy: no-referrer\r\n";
        for (const auto &[name, value] : r.headers)
            out += name + ": " + value + "\r\n";
        out += "\r\n";
        if (m_request.method != "HEAD")
            out += r.body;
        m_socket->write(out);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0 && m_drain <= 0)
                m_socket->disconnectFromHost();
        });
        if (m_socket->bytesToWrite() == 0 && m_drain <= 0)
            m_socket->disconnectFromHost();
    }

    QTcpSocket *m_socket;
    const Handler &m_handler;
    HttpLimits m_limits;
    QTimer m_timer;
    QByteArray m_buffer;
    qsizetype m_headEnd = -1;
    qint64 m_contentLength = 0;
    qint64 m_drain = 0; // bytes of a refused body still to read and drop before closing
    HttpRequest m_request;
    bool m_handled = false;
    bool m_answered = false;
};

HttpServer::HttpServer(Handler handler, HttpLimits limits, std::optional<QSslConfiguration> tls, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_limits(limits)
    , m_tls(std::move(tls))
{
    m_listener = new Listener(m_tls, this);
    m_listener->setMaxPendingConnections(64);
    connect(m_listener, &QTcpServer::newConnection, this, &HttpServer::onConnection);
}

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_listener->listen(address, port)) {
        *error = m_listener->errorString();
        return false;
    }
    qCInfo(lcNet).noquote() << "serving pages on" << (m_tls ? u"https://"_s : u"http://"_s)
                            << address.toString() + u':' + QString::number(m_listener->serverPort());
    return true;
}

quint16 HttpServer::port() const
{
    return m_listener->serverPort();
}

void HttpServer::close()
{
    if (m_listener)
        m_listener->close();
}

void HttpServer::onConnection()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection()) {
        if (m_open >= m_limits.maxConnections) {
            socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        ++m_open;
        auto *exchange = new Exchange(socket, m_handler, m_limits, this);
        connect(exchange, &QObject::destroyed, this, [this] { --m_open; });
    }
}

QByteArray HttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 303:
        return "See Other";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace crewline::server
