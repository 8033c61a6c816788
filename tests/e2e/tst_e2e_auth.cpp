// Authentication and authorisation through the real server: login, wrong passwords, lock-out, session resume,
// logout, and roles refused by the server.

#include "tests/support/scenario.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;

class TestE2eAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void loginReturnsSession();
    void wrongPasswordAndUnknownUser();
    void lockOutAfterFiveFailures();
    void resumeWithToken();
    void logoutEndsSession();
    void rolesAreEnforced();
    void demoAccountsAndRequesterVisibility();
    void sessionsExpire();

private:
    TestServer m_server;
    std::unique_ptr<TestClient> m_admin;
    Cast m_cast;
};

void TestE2eAuth::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
}

void TestE2eAuth::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eAuth::cleanupTestCase()
{
    m_admin.reset();
    QVERIFY(m_server.stop());
}

void TestE2eAuth::loginReturnsSession()
{
    TestClient c(u"disp"_s);
    QVERIFY(c.connectTo(m_server.url()));
    const protocol::Response hello = c.hello();
    CL_VERIFY_OK(hello);
    QCOMPARE(hello.result.value(u"protocol"_s).toInt(), protocol::kVersion);
    QVERIFY(hello.result.value(u"limits"_s).toObject().value(u"maxMessageBytes"_s).toInteger() > 0);

    const protocol::Response r = c.login(m_cast.dispatcher.username, m_cast.dispatcher.password);
    CL_VERIFY_OK(r);
    QVERIFY(r.result.value(u"token"_s).toString().size() >= 32);
    const QDateTime expires = timeFromJson(r.result.value(u"expiresAt"_s));
    QVERIFY(expires > QDateTime::currentDateTimeUtc());
    const QJsonObject user = r.result.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"id"_s).toInteger(), m_cast.dispatcher.id);
    QCOMPARE(user.value(u"role"_s).toString(), u"dispatcher"_s);
    CL_VERIFY_OK(c.request(Op::TicketList, {{u"limit"_s, 1}}));
}

void TestE2eAuth::wrongPasswordAndUnknownUser()
{
    TestClient c(u"guess"_s);
    QVERIFY(c.connectTo(m_server.url()));
    CL_VERIFY_OK(c.hello());
    CL_COMPARE_ERROR(c.login(m_cast.engineer2.username, u"not-the-password"_s), "bad_credentials");
    // An unknown user gets the same answer: no user name enumeration.
    CL_COMPARE_ERROR(c.login(u"nobody-here"_s, u"whatever1"_s), "bad_credentials");
    // Still not logged in.
    CL_COMPARE_ERROR(c.request(Op::TicketList), "unauthenticated");
    // A failed login does not lock a correct one out afterwards.
    CL_VERIFY_OK(c.login(m_cast.engineer2.username, m_cast.engineer2.password));
}

void TestE2eAuth::lockOutAfterFiveFailures()
{
    const Account victim = createUser(*m_admin, u"lockme"_s, u"engineer"_s);
    QVERIFY(victim.id > 0);
    TestClient c(u"attacker"_s);
    QVERIFY(c.connectTo(m_server.url()));
    CL_VERIFY_OK(c.hello());
    for (int i = 1; i <= 4; ++i)
        CL_COMPARE_ERROR(c.login(victim.username, u"wrong-%1"_s.arg(i)), "bad_credentials");
    const protocol::Response fifth = c.login(victim.username, u"wrong-5"_s);
    CL_COMPARE_ERROR(fifth, "locked_out");
    QVERIFY(timeFromJson(fifth.error.details.value(u"until"_s)) > QDateTime::currentDateTimeUtc());

    // The right password does not help while locked, on this connection or another.
    const protocol::Response right = c.login(victim.username, victim.password);
    CL_COMPARE_ERROR(right, "locked_out");
    QVERIFY(right.error.details.contains(u"until"_s));
    TestClient other(u"victim"_s);
    QVERIFY(other.connectTo(m_server.url()));
    CL_VERIFY_OK(other.hello());
    CL_COMPARE_ERROR(other.login(victim.username, victim.password), "locked_out");
    // Other accounts are not affected.
    CL_VERIFY_OK(other.login(m_cast.engineer.username, m_cast.engineer.password));
}

void TestE2eAuth::resumeWithToken()
{
    auto first = connectAs(m_server, m_cast.supervisor.username, m_cast.supervisor.password);
    QVERIFY(first);
    const QString token = first->token();
    first->close();

    TestClient second(u"resumed"_s);
    QVERIFY(second.connectTo(m_server.url()));
    CL_VERIFY_OK(second.hello());
    CL_COMPARE_ERROR(second.request(Op::TicketList), "unauthenticated");
    const protocol::Response r = second.resume(token);
    CL_VERIFY_OK(r);
    QCOMPARE(r.result.value(u"user"_s).toObject().value(u"id"_s).toInteger(), m_cast.supervisor.id);
    QCOMPARE(r.result.value(u"user"_s).toObject().value(u"role"_s).toString(), u"supervisor"_s);
    CL_VERIFY_OK(second.request(Op::TicketList, {{u"limit"_s, 1}}));

    CL_COMPARE_ERROR(second.resume(u"0123456789abcdef0123456789abcdef"_s), "session_expired");
}

void TestE2eAuth::logoutEndsSession()
{
    auto c = connectAs(m_server, m_cast.dispatcher2.username, m_cast.dispatcher2.password);
    QVERIFY(c);
    const QString token = c->token();
    CL_VERIFY_OK(c->request(Op::AuthLogout));
    CL_COMPARE_ERROR(c->request(Op::TicketList), "unauthenticated");
    // The reply to auth.logout means the session is gone for good: resuming it right away must fail.
    TestClient other(u"stolen-token"_s);
    QVERIFY(other.connectTo(m_server.url()));
    CL_VERIFY_OK(other.hello());
    CL_COMPARE_ERROR(other.resume(token), "session_expired");
    CL_COMPARE_ERROR(c->resume(token), "session_expired");
}

void TestE2eAuth::rolesAreEnforced()
{
    auto requester = connectAs(m_server, m_cast.requester.username, m_cast.requester.password);
    auto engineer = connectAs(m_server, m_cast.engineer.username, m_cast.engineer.password);
    auto dispatcher = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password);
    QVERIFY(requester && engineer && dispatcher);

    const QJsonObject ticket = createTicket(*requester, {{u"title"_s, u"My screen flickers"_s}});
    QVERIFY(!ticket.isEmpty());
    const qint64 id = ticket.value(u"id"_s).toInteger();
    const qint64 version = ticket.value(u"version"_s).toInteger();

    const QJsonObject assign{{u"ticketId"_s, id}, {u"version"_s, version}, {u"assigneeId"_s, m_cast.engineer.id}};
    const protocol::Response denied = requester->request(Op::TicketAssign, assign);
    CL_COMPARE_ERROR(denied, "forbidden");
    CL_COMPARE_ERROR(engineer->request(Op::UserCreate, {{u"username"_s, u"sneaky"_s},
                                                        {u"role"_s, u"admin"_s},
                                                        {u"password"_s, u"Passw0rd-sneaky"_s}}),
                     "forbidden");
    CL_COMPARE_ERROR(dispatcher->request(Op::UserCreate, {{u"username"_s, u"sneaky2"_s},
                                                          {u"role"_s, u"admin"_s},
                                                          {u"password"_s, u"Passw0rd-sneaky"_s}}),
                     "forbidden");
    CL_COMPARE_ERROR(requester->request(Op::UserList), "forbidden");
    CL_COMPARE_ERROR(
        requester->request(Op::TicketSplit,
                           {{u"ticketId"_s, id}, {u"version"_s, version}, {u"commentIds"_s, QJsonArray{1}}}),
        "forbidden");
    CL_COMPARE_ERROR(
        engineer->request(Op::TicketApprove, {{u"ticketId"_s, id}, {u"version"_s, version}, {u"approve"_s, true}}),
        "forbidden");
    CL_COMPARE_ERROR(requester->request(Op::TicketComment,
                                        {{u"ticketId"_s, id}, {u"kind"_s, u"internal"_s}, {u"body"_s, u"psst"_s}}),
                     "forbidden");

    // Nothing of it happened: the ticket is untouched and no user was created.
    const QJsonObject after = getTicket(*dispatcher, id);
    QCOMPARE(after.value(u"ticket"_s).toObject().value(u"version"_s).toInteger(), version);
    QVERIFY(after.value(u"ticket"_s).toObject().value(u"assigneeId"_s).isNull());
    const protocol::Response users = m_admin->request(Op::UserList);
    CL_VERIFY_OK(users);
    for (const QJsonValue &u : users.result.value(u"users"_s).toArray())
        QVERIFY(!u.toObject().value(u"username"_s).toString().startsWith(u"sneaky"_s));

    // A requester sees only what they asked for.
    const QJsonObject others = createTicket(*dispatcher, {{u"title"_s, u"Not yours"_s}});
    QVERIFY(!others.isEmpty());
    CL_COMPARE_ERROR(requester->request(Op::TicketGet, {{u"ticketId"_s, others.value(u"id"_s)}}), "not_found");
    CL_VERIFY_OK(requester->request(Op::TicketGet, {{u"ticketId"_s, id}}));
}

void TestE2eAuth::demoAccountsAndRequesterVisibility()
{
    TestServer demo({u"--demo-data"_s, u"--demo-tickets"_s, u"50"_s, u"--demo-engineers"_s, u"6"_s});
    QVERIFY(demo.start());
    auto disp = connectAs(demo, u"disp1"_s, u"demo123"_s);
    QVERIFY(disp);
    const protocol::Response all = disp->request(Op::TicketList, {{u"limit"_s, 100}});
    CL_VERIFY_OK(all);
    QCOMPARE(all.result.value(u"total"_s).toInteger(), 50);

    // Requesters see exactly their own tickets.
    auto req = connectAs(demo, u"req1"_s, u"demo123"_s);
    QVERIFY(req);
    const protocol::Response mine = req->request(Op::TicketList, {{u"limit"_s, 100}});
    CL_VERIFY_OK(mine);
    const QJsonArray tickets = mine.result.value(u"tickets"_s).toArray();
    QCOMPARE(mine.result.value(u"total"_s).toInteger(), tickets.size());
    QVERIFY(tickets.size() < 50);
    for (const QJsonValue &t : tickets)
        QCOMPARE(t.toObject().value(u"requester"_s).toObject().value(u"userId"_s).toInteger(), req->userId());
    disp.reset();
    req.reset();
    QVERIFY(demo.stop());
}

void TestE2eAuth::sessionsExpire()
{
    // Session lifetime from the configuration file: zero hours makes every session expire at once.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile ini(dir.filePath(u"crewline.ini"_s));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[auth]\nsession_hours=0\n");
    ini.close();
    TestServer shortLived({u"--config"_s, ini.fileName()});
    QVERIFY(shortLived.start());
    TestClient c(u"short"_s);
    QVERIFY(c.connectTo(shortLived.url()));
    CL_VERIFY_OK(c.hello());
    const protocol::Response login = c.login(u"admin"_s, TestServer::adminPassword());
    CL_VERIFY_OK(login);
    QVERIFY(timeFromJson(login.result.value(u"expiresAt"_s)) <= QDateTime::currentDateTimeUtc());
    CL_COMPARE_ERROR(c.request(Op::TicketList), "session_expired");
    CL_COMPARE_ERROR(c.request(Op::TicketList), "unauthenticated"); // the connection forgot the session
    CL_COMPARE_ERROR(c.resume(c.token()), "session_expired");
    QVERIFY(c.isConnected());
    QVERIFY(shortLived.stop());
}

QTEST_GUILESS_MAIN(TestE2eAuth)
#include "tst_e2e_auth.moc"
