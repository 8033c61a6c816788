#pragma once

// A deliberately small HTTP/1.1 server for the few pages crewline-server serves to browsers (the customer's
// confirmation page, a health check). One request per connection, answered with "Connection: close". It enforces
// what QtHttpServer 6.4 does not (DEPENDENCIES.md trap 4): a cap on connections, on the size of the request head
// and body (refused on Content-Length before anything is read), and an idle timeout. HTTPS when given a TLS
// configuration. Handlers may answer later (after a commit); the connection waits for them within the timeout.

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QTcpServer;

namespace crewline::server {

struct HttpRequest
{
    QByteArray method; // GET, POST, ...
    QString path;      // decoded path, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    QHostAddress peer;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("text/html; charset=utf-8");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse text(int status, const QByteArray &body);
};

struct HttpLimits
{
    int maxConnections = 256;
    int maxHeadBytes = 8 * 1024;  // request line and headers
    int maxBodyBytes = 16 * 1024; // a confirmation form is well under 4 KiB
    int timeoutMs = 15000;        // the whole request, from accept to the last byte of the answer
};

class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Respond = std::function<void(const HttpResponse &)>;
    using Handler = std::function<void(const HttpRequest &, Respond)>;

    HttpServer(Handler handler, HttpLimits limits, std::optional<QSslConfiguration> tls, QObject *parent = nullptr);
    ~HttpServer() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    bool isSecure() const { return m_tls.has_value(); }
    void close();

    static QByteArray reasonPhrase(int status);

private:
    class Listener;
    class Exchange;
    void onConnection();

    Handler m_handler;
    HttpLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    Listener *m_listener = nullptr;
    int m_open = 0;
};

} // namespace crewline::server
