// No lost work, no double work: two dispatchers assigning one ticket at the same moment (exactly one wins), and
// idempotency keys (a retried request, also after a dropped connection, is applied once and answered the same).

#include "tests/support/scenario.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

QJsonObject ticketOf(const Response &r)
{
    return r.result.value(u"ticket"_s).toObject();
}
qint64 idOf(const QJsonObject &o)
{
    return o.value(u"id"_s).toInteger();
}
qint64 versionOf(const QJsonObject &o)
{
    return o.value(u"version"_s).toInteger();
}

int historyCount(TestClient &client, qint64 ticketId, const QString &action)
{
    int n = 0;
    for (const QJsonValue &h : getTicket(client, ticketId).value(u"history"_s).toArray())
        n += h.toObject().value(u"action"_s).toString() == action ? 1 : 0;
    return n;
}

} // namespace

class TestE2eConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void simultaneousAssignOneWins();
    void manySimultaneousUpdates();
    void sameKeyTwiceAppliesOnce();
    void sameKeyAfterCleanDisconnect();
    void sameKeyAfterAbortedConnection();
    void sameKeyOtherOperation();
    void keysBelongToTheirUser();

private:
    TestServer m_server;
    std::unique_ptr<TestClient> m_admin, m_disp, m_disp2;
    Cast m_cast;
};

void TestE2eConcurrency::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
    m_disp = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password);
    m_disp2 = connectAs(m_server, m_cast.dispatcher2.username, m_cast.dispatcher2.password);
    QVERIFY(m_disp && m_disp2);
}

void TestE2eConcurrency::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eConcurrency::cleanupTestCase()
{
    m_admin.reset();
    m_disp.reset();
    m_disp2.reset();
    QVERIFY(m_server.stop());
}

void TestE2eConcurrency::simultaneousAssignOneWins()
{
    for (int round = 0; round < 5; ++round) {
        const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Race %1"_s.arg(round)}});
        QVERIFY(!t.isEmpty());
        // Both requests leave before either reply is read.
        const QString a = m_disp->send(
            Op::TicketAssign,
            {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
        const QString b = m_disp2->send(
            Op::TicketAssign,
            {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer2.id}});
        const Response ra = m_disp->waitForResponse(a);
        const Response rb = m_disp2->waitForResponse(b);
        QVERIFY2(ra.ok != rb.ok, qPrintable(describe(ra) + u" / "_s + describe(rb)));
        const Response &won = ra.ok ? ra : rb;
        const Response &lost = ra.ok ? rb : ra;
        CL_COMPARE_ERROR(lost, "conflict");
        const QJsonObject current = lost.error.details.value(u"current"_s).toObject();
        QCOMPARE(versionOf(current), versionOf(t) + 1);
        QCOMPARE(current.value(u"assigneeId"_s).toInteger(), ticketOf(won).value(u"assigneeId"_s).toInteger());
        QCOMPARE(lost.error.details.value(u"yourVersion"_s).toInteger(), versionOf(t));
        QCOMPARE(historyCount(*m_disp, idOf(t), u"assign"_s), 1);
    }
}

void TestE2eConcurrency::manySimultaneousUpdates()
{
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Popular ticket"_s}});
    QVERIFY(!t.isEmpty());
    QList<QString> ids1, ids2;
    for (int i = 0; i < 10; ++i) {
        const QJsonObject change{{u"ticketId"_s, idOf(t)},
                                 {u"version"_s, versionOf(t)},
                                 {u"changes"_s, QJsonObject{{u"description"_s, u"edit %1"_s.arg(i)}}}};
        ids1 << m_disp->send(Op::TicketUpdate, change);
        ids2 << m_disp2->send(Op::TicketUpdate, change);
    }
    int ok = 0, conflicts = 0;
    for (const QString &id : std::as_const(ids1)) {
        const Response r = m_disp->waitForResponse(id);
        ok += r.ok;
        conflicts += codeOf(r) == u"conflict";
    }
    for (const QString &id : std::as_const(ids2)) {
        const Response r = m_disp2->waitForResponse(id);
        ok += r.ok;
        conflicts += codeOf(r) == u"conflict";
    }
    QCOMPARE(ok, 1);
    QCOMPARE(conflicts, 19);
    QCOMPARE(versionOf(getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject()), versionOf(t) + 1);
}

void TestE2eConcurrency::sameKeyTwiceAppliesOnce()
{
    // Create: the retry returns the same ticket and makes no second one.
    const QString createKey = TestClient::newIdemKey();
    const QJsonObject data{{u"title"_s, u"Idempotent create"_s}, {u"description"_s, u"IDEMCREATE"_s}};
    const Response first = m_disp->request(Op::TicketCreate, data, createKey);
    const Response again = m_disp->request(Op::TicketCreate, data, createKey);
    CL_VERIFY_OK(first);
    CL_VERIFY_OK(again);
    QCOMPARE(again.result, first.result);
    const Response list = m_disp->request(Op::TicketList, {{u"text"_s, u"IDEMCREATE"_s}});
    QCOMPARE(list.result.value(u"total"_s).toInteger(), 1);

    // Urge twice with one key, even sent back to back: counted once.
    const qint64 id = idOf(ticketOf(first));
    const qint64 seq = headSeq(*m_disp);
    const QString urgeKey = TestClient::newIdemKey();
    const QString a = m_disp->send(Op::TicketUrge, {{u"ticketId"_s, id}}, urgeKey);
    const QString b = m_disp->send(Op::TicketUrge, {{u"ticketId"_s, id}}, urgeKey);
    const Response ra = m_disp->waitForResponse(a);
    const Response rb = m_disp->waitForResponse(b);
    CL_VERIFY_OK(ra);
    CL_VERIFY_OK(rb);
    QCOMPARE(rb.result, ra.result);
    QCOMPARE(ticketOf(ra).value(u"urgeCount"_s).toInt(), 1);
    QCOMPARE(getTicket(*m_disp, id).value(u"ticket"_s).toObject().value(u"urgeCount"_s).toInt(), 1);
    QCOMPARE(historyCount(*m_disp, id, u"urge"_s), 1);
    QCOMPARE(headSeq(*m_disp), seq + 1); // one event, not two
}

void TestE2eConcurrency::sameKeyAfterCleanDisconnect()
{
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Retry after reconnect"_s}});
    QVERIFY(!t.isEmpty());
    const QString key = TestClient::newIdemKey();
    const QJsonObject urge{{u"ticketId"_s, idOf(t)}, {u"comment"_s, u"hurry"_s}};

    // The request leaves, then the connection closes before the reply is read; the reply goes nowhere. An
    // observer sees the change committed, so the retry below must be answered from the first result.
    TestClient observer(u"observer"_s);
    QVERIFY(observer.loginAs(m_server.url(), m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    CL_VERIFY_OK(observer.request(Op::Subscribe));
    TestClient flaky(u"flaky"_s);
    QVERIFY(flaky.loginAs(m_server.url(), m_cast.dispatcher.username, m_cast.dispatcher.password));
    flaky.send(Op::TicketUrge, urge, key);
    flaky.socket().flush();
    flaky.close();
    const std::optional<Event> urged = observer.waitForEvent([&](const Event &e) {
        return e.ticketId.value() == idOf(t) && e.data.value(u"action"_s).toString() == u"urge";
    });
    QVERIFY(urged);

    // Reconnect (resuming the session) and retry with the same key: the first result, applied once.
    TestClient retry(u"retry"_s);
    QVERIFY(retry.connectTo(m_server.url()));
    CL_VERIFY_OK(retry.hello());
    CL_VERIFY_OK(retry.resume(flaky.token()));
    const Response r = retry.request(Op::TicketUrge, urge, key);
    CL_VERIFY_OK(r);
    QCOMPARE(ticketOf(r).value(u"urgeCount"_s).toInt(), 1);
    QCOMPARE(versionOf(ticketOf(r)), urged->data.value(u"ticket"_s).toObject().value(u"version"_s).toInteger());
    QCOMPARE(getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject().value(u"urgeCount"_s).toInt(), 1);
    QCOMPARE(historyCount(*m_disp, idOf(t), u"urge"_s), 1);
    QCOMPARE(getTicket(*m_disp, idOf(t)).value(u"comments"_s).toArray().size(), 1);
}

void TestE2eConcurrency::sameKeyAfterAbortedConnection()
{
    // The link dies abruptly right after sending: the server may or may not have read the request. Either way the
    // retry must leave the ticket changed exactly once.
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Retry after abort"_s}});
    QVERIFY(!t.isEmpty());
    const QString key = TestClient::newIdemKey();
    const QJsonObject assign{
        {u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}};
    {
        TestClient flaky(u"aborting"_s);
        QVERIFY(flaky.loginAs(m_server.url(), m_cast.dispatcher.username, m_cast.dispatcher.password));
        flaky.send(Op::TicketAssign, assign, key);
        flaky.socket().flush();
        flaky.abort();
    }
    const Response r = m_disp->request(Op::TicketAssign, assign, key);
    CL_VERIFY_OK(r); // not a conflict: it is the same request, answered with its first result if it ran before
    QCOMPARE(versionOf(ticketOf(r)), versionOf(t) + 1);
    QCOMPARE(ticketOf(r).value(u"assigneeId"_s).toInteger(), m_cast.engineer.id);
    QCOMPARE(historyCount(*m_disp, idOf(t), u"assign"_s), 1);
    // A third try is still the same answer.
    const Response third = m_disp->request(Op::TicketAssign, assign, key);
    CL_VERIFY_OK(third);
    QCOMPARE(third.result, r.result);
}

void TestE2eConcurrency::sameKeyOtherOperation()
{
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Key reuse"_s}});
    QVERIFY(!t.isEmpty());
    const QString key = TestClient::newIdemKey();
    CL_VERIFY_OK(m_disp->request(Op::TicketUrge, {{u"ticketId"_s, idOf(t)}}, key));
    const qint64 seq = headSeq(*m_disp);
    const Response r = m_disp->request(Op::TicketComment, {{u"ticketId"_s, idOf(t)}, {u"body"_s, u"hello"_s}}, key);
    CL_COMPARE_ERROR(r, "idempotency_mismatch");
    QCOMPARE(headSeq(*m_disp), seq);
    QCOMPARE(getTicket(*m_disp, idOf(t)).value(u"comments"_s).toArray().size(), 0);
}

void TestE2eConcurrency::keysBelongToTheirUser()
{
    // Two people who happen to pick the same key do not see each other's results.
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Shared key"_s}});
    QVERIFY(!t.isEmpty());
    const QString key = TestClient::newIdemKey();
    const Response a = m_disp->request(Op::TicketUrge, {{u"ticketId"_s, idOf(t)}}, key);
    const Response b = m_disp2->request(Op::TicketUrge, {{u"ticketId"_s, idOf(t)}}, key);
    CL_VERIFY_OK(a);
    CL_VERIFY_OK(b);
    QCOMPARE(ticketOf(a).value(u"urgeCount"_s).toInt(), 1);
    QCOMPARE(ticketOf(b).value(u"urgeCount"_s).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestE2eConcurrency)
#include "tst_e2e_concurrency.moc"
