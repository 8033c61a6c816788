#pragma once

// Reusable steps of end-to-end scenarios: log in as someone, create the usual cast of people on a fresh server, and
// small ticket helpers. Each step returns what it made, or an empty value after printing why it failed, so that a
// test can QVERIFY it in one line.

#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace crewline::test {

// Connects a new client to the server and logs in (hello + auth.login). nullptr when any step fails.
std::unique_ptr<TestClient> connectAs(const TestServer &server, const QString &username, const QString &password,
                                      const QString &clientName = QString());
// The administrator of a fresh database (TestServer::adminPassword()).
std::unique_ptr<TestClient> connectAsAdmin(const TestServer &server,
                                           const QString &clientName = QStringLiteral("admin"));

struct Account
{
    QString username;
    QString password;
    qint64 id = 0;
    QString role;
};

// user.create through an administrator's connection. id == 0 on failure.
Account createUser(TestClient &admin, const QString &username, const QString &role,
                   const QString &password = QStringLiteral("Passw0rd-e2e"), const QString &displayName = QString());

// The people most scenarios need, created on a fresh server by the administrator.
struct Cast
{
    Account dispatcher;  // "disp"
    Account dispatcher2; // "disp2"
    Account supervisor;  // "sup"
    Account engineer;    // "eng"
    Account engineer2;   // "eng2"
    Account requester;   // "req"
    Account requester2;  // "req2"
    bool ok = false;
};
Cast createCast(TestClient &admin);

// ticket.create; the created ticket, or an empty object after printing the error.
QJsonObject createTicket(TestClient &client, const QJsonObject &data);
// ticket.get; the whole result (ticket, comments, attachments, history, links, transitions), or empty.
QJsonObject getTicket(TestClient &client, qint64 ticketId);
// The newest sequence number the server has committed, read through ticket.list.
qint64 headSeq(TestClient &client);

// ids of the array's objects, in order.
QList<qint64> idsOf(const QJsonArray &objects, const QString &key = QStringLiteral("id"));

} // namespace crewline::test
