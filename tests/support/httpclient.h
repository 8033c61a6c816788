#pragma once

// Synchronous HTTP for tests: one request through QNetworkAccessManager, waited for in a local event loop with a
// timeout (never a fixed sleep). Used for the server's pages and to speak WebDriver to chromedriver.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

namespace crewline::test {

struct HttpResult
{
    int status = 0; // 0: no answer (connection refused, timeout)
    QByteArray body;
    QByteArray contentType;
    QString error;

    QString text() const { return QString::fromUtf8(body); }
    QJsonObject json() const;
};

HttpResult httpRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {}, int timeoutMs = 15000);
inline HttpResult httpGet(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    return httpRequest("GET", url, {}, headers);
}
// POST application/x-www-form-urlencoded
HttpResult httpPostForm(const QUrl &url, const QList<QPair<QString, QString>> &fields);

} // namespace crewline::test
