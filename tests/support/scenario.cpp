#include "tests/support/scenario.h"

using namespace Qt::StringLiterals;

namespace crewline::test {

using protocol::Op;

std::unique_ptr<TestClient> connectAs(const TestServer &server, const QString &username, const QString &password,
                                      const QString &clientName)
{
    auto client = std::make_unique<TestClient>(clientName.isEmpty() ? username : clientName);
    if (!client->loginAs(server.url(), username, password))
        return nullptr;
    return client;
}

std::unique_ptr<TestClient> connectAsAdmin(const TestServer &server, const QString &clientName)
{
    return connectAs(server, u"admin"_s, TestServer::adminPassword(), clientName);
}

Account createUser(TestClient &admin, const QString &username, const QString &role, const QString &password,
                   const QString &displayName)
{
    Account a{username, password, 0, role};
    QJsonObject data{{u"username"_s, username}, {u"role"_s, role}, {u"password"_s, password}};
    if (!displayName.isEmpty())
        data.insert(u"displayName"_s, displayName);
    const protocol::Response r = admin.request(Op::UserCreate, data);
    if (!r.ok) {
        qWarning().noquote() << "creating user" << username << "failed:" << describe(r);
        return a;
    }
    a.id = r.result.value(u"user"_s).toObject().value(u"id"_s).toInteger();
    return a;
}

Cast createCast(TestClient &admin)
{
    Cast c;
    // Sent together: the server hashes the passwords in parallel and answers each after its commit.
    const QList<std::pair<Account *, std::pair<QString, QString>>> people = {
        {&c.dispatcher, {u"disp"_s, u"dispatcher"_s}}, {&c.dispatcher2, {u"disp2"_s, u"dispatcher"_s}},
        {&c.supervisor, {u"sup"_s, u"supervisor"_s}},  {&c.engineer, {u"eng"_s, u"engineer"_s}},
        {&c.engineer2, {u"eng2"_s, u"engineer"_s}},    {&c.requester, {u"req"_s, u"requester"_s}},
        {&c.requester2, {u"req2"_s, u"requester"_s}},
    };
    const QString password = u"Passw0rd-e2e"_s;
    QList<QString> ids;
    for (const auto &[account, who] : people) {
        *account = Account{who.first, password, 0, who.second};
        ids << admin.send(Op::UserCreate, {{u"username"_s, who.first},
                                           {u"displayName"_s, who.first.toUpper()},
                                           {u"role"_s, who.second},
                                           {u"password"_s, password}});
    }
    c.ok = true;
    for (qsizetype i = 0; i < people.size(); ++i) {
        const protocol::Response r = admin.waitForResponse(ids.at(i));
        if (!r.ok) {
            qWarning().noquote() << "creating" << people.at(i).second.first << "failed:" << describe(r);
            c.ok = false;
            continue;
        }
        people.at(i).first->id = r.result.value(u"user"_s).toObject().value(u"id"_s).toInteger();
    }
    return c;
}

QJsonObject createTicket(TestClient &client, const QJsonObject &data)
{
    const protocol::Response r = client.request(Op::TicketCreate, data);
    if (!r.ok) {
        qWarning().noquote() << client.name() << "ticket.create failed:" << describe(r);
        return {};
    }
    return r.result.value(u"ticket"_s).toObject();
}

QJsonObject getTicket(TestClient &client, qint64 ticketId)
{
    const protocol::Response r = client.request(Op::TicketGet, {{u"ticketId"_s, ticketId}});
    if (!r.ok) {
        qWarning().noquote() << client.name() << "ticket.get" << ticketId << "failed:" << describe(r);
        return {};
    }
    return r.result;
}

qint64 headSeq(TestClient &client)
{
    const protocol::Response r = client.request(Op::TicketList, {{u"limit"_s, 1}, {u"withTotal"_s, false}});
    if (!r.ok) {
        qWarning().noquote() << client.name() << "ticket.list failed:" << describe(r);
        return -1;
    }
    return r.result.value(u"seq"_s).toInteger();
}

QList<qint64> idsOf(const QJsonArray &objects, const QString &key)
{
    QList<qint64> ids;
    for (const QJsonValue &v : objects)
        ids << v.toObject().value(key).toInteger();
    return ids;
}

} // namespace crewline::test
