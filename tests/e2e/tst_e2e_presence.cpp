// Presence (presence.set): a console says which ticket its user is viewing or writing on; every other subscribed
// staff console gets a "presence" notice, the entry is cleared with a notice when that console goes away or logs
// out, and a console that subscribes later receives the current entries right after its subscribe reply.

#include "tests/support/scenario.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

qint64 idOf(const QJsonObject &o)
{
    return o.value(u"id"_s).toInteger();
}

// The presence notices a client received (about one ticket, or all), oldest first. Each test works on tickets of its
// own, so that consoles of earlier tests still going away cannot disturb it.
QList<QJsonObject> presenceNotices(const TestClient &c, qint64 ticket = 0)
{
    QList<QJsonObject> out;
    for (const protocol::Push &p : c.notices()) {
        if (p.notice == u"presence" && (ticket == 0 || p.body.value(u"ticketId"_s).toInteger() == ticket))
            out << p.body;
    }
    return out;
}

QList<QJsonObject> entriesAbout(const QJsonArray &entries, qint64 ticket)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : entries) {
        if (v.toObject().value(u"ticketId"_s).toInteger() == ticket)
            out << v.toObject();
    }
    return out;
}

bool isEntry(const QJsonObject &o, qint64 ticket, qint64 user, const QString &activity)
{
    return o.value(u"ticketId"_s).toInteger() == ticket && o.value(u"userId"_s).toInteger() == user &&
           o.value(u"activity"_s).toString() == activity;
}

// Waits until c has a presence notice for (ticket, user) with that activity; returns it (empty on timeout).
QJsonObject waitForPresence(TestClient &c, qint64 ticket, qint64 user, const QString &activity)
{
    QJsonObject found;
    c.waitUntil(
        [&] {
            for (const QJsonObject &o : presenceNotices(c)) {
                if (isEntry(o, ticket, user, activity)) {
                    found = o;
                    return true;
                }
            }
            return false;
        },
        kReplyTimeoutMs);
    return found;
}

QJsonObject presenceSet(qint64 ticket, const QString &activity)
{
    QJsonObject o{{u"activity"_s, activity}};
    if (ticket > 0)
        o.insert(u"ticketId"_s, ticket);
    return o;
}

} // namespace

class TestE2ePresence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void viewingReachesOthers();
    void switchingTicketClearsTheOld();
    void disconnectClears();
    void logoutClears();
    void lateSubscriberGetsCurrentPresence();
    void twoConsolesOfOnePersonCountAsOne();
    void badInputIsRefused();
    void requestersNeitherSetNorSee();

private:
    std::unique_ptr<TestClient> subscribed(const Account &who, const QString &name);
    qint64 freshTicket();

    TestServer m_server;
    std::unique_ptr<TestClient> m_admin;
    Cast m_cast;
    qint64 m_t1 = 0, m_t2 = 0; // fresh for every test (init)
};

qint64 TestE2ePresence::freshTicket()
{
    return idOf(createTicket(*m_admin, {{u"title"_s, u"Presence"_s}}));
}

std::unique_ptr<TestClient> TestE2ePresence::subscribed(const Account &who, const QString &name)
{
    auto c = connectAs(m_server, who.username, who.password, name);
    if (!c)
        return nullptr;
    const Response r = c->request(Op::Subscribe);
    if (!r.ok) {
        qWarning().noquote() << "subscribe failed:" << describe(r);
        return nullptr;
    }
    return c;
}

void TestE2ePresence::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
}

void TestE2ePresence::init()
{
    m_t1 = freshTicket();
    m_t2 = freshTicket();
    QVERIFY(m_t1 > 0 && m_t2 > 0);
}

void TestE2ePresence::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2ePresence::cleanupTestCase()
{
    m_admin.reset();
    QVERIFY(m_server.stop());
}

void TestE2ePresence::viewingReachesOthers()
{
    auto a = subscribed(m_cast.dispatcher, u"A"_s);
    auto b = subscribed(m_cast.dispatcher2, u"B"_s);
    QVERIFY(a && b);

    const Response set = a->request(Op::PresenceSet, presenceSet(m_t1, u"viewing"_s));
    CL_VERIFY_OK(set);
    const QJsonObject seen = waitForPresence(*b, m_t1, m_cast.dispatcher.id, u"viewing"_s);
    QVERIFY2(!seen.isEmpty(), "B did not hear that A is viewing");
    QCOMPARE(seen.value(u"name"_s).toString(), u"DISP"_s);

    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t1, u"writing"_s)));
    QVERIFY(!waitForPresence(*b, m_t1, m_cast.dispatcher.id, u"writing"_s).isEmpty());

    // Not echoed to the console that set it.
    CL_VERIFY_OK(a->request(Op::Ping));
    QVERIFY(presenceNotices(*a, m_t1).isEmpty());

    // Setting the same thing again announces nothing new.
    const qsizetype before = presenceNotices(*b, m_t1).size();
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t1, u"writing"_s)));
    CL_VERIFY_OK(b->request(Op::Ping));
    CL_VERIFY_OK(a->request(Op::Ping));
    CL_VERIFY_OK(b->request(Op::Ping));
    QCOMPARE(presenceNotices(*b, m_t1).size(), before);

    // An explicit clear.
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(0, QString())));
    QVERIFY(!waitForPresence(*b, m_t1, m_cast.dispatcher.id, QString()).isEmpty());
}

void TestE2ePresence::switchingTicketClearsTheOld()
{
    auto a = subscribed(m_cast.dispatcher, u"A"_s);
    auto b = subscribed(m_cast.dispatcher2, u"B"_s);
    QVERIFY(a && b);
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t1, u"viewing"_s)));
    QVERIFY(!waitForPresence(*b, m_t1, m_cast.dispatcher.id, u"viewing"_s).isEmpty());
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t2, u"viewing"_s)));
    QVERIFY(!waitForPresence(*b, m_t1, m_cast.dispatcher.id, QString()).isEmpty());
    QVERIFY(!waitForPresence(*b, m_t2, m_cast.dispatcher.id, u"viewing"_s).isEmpty());
}

void TestE2ePresence::disconnectClears()
{
    auto a = subscribed(m_cast.dispatcher, u"A"_s);
    auto b = subscribed(m_cast.dispatcher2, u"B"_s);
    QVERIFY(a && b);
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t1, u"viewing"_s)));
    QVERIFY(!waitForPresence(*b, m_t1, m_cast.dispatcher.id, u"viewing"_s).isEmpty());

    a->abort(); // the console goes away without a word
    QVERIFY2(!waitForPresence(*b, m_t1, m_cast.dispatcher.id, QString()).isEmpty(), "B was not told that A went away");

    // Nobody is left on the ticket for a newcomer.
    auto c = subscribed(m_cast.supervisor, u"C"_s);
    QVERIFY(c);
    CL_VERIFY_OK(c->request(Op::Ping));
    QVERIFY(presenceNotices(*c, m_t1).isEmpty());
}

void TestE2ePresence::logoutClears()
{
    auto a = subscribed(m_cast.dispatcher, u"A"_s);
    auto b = subscribed(m_cast.dispatcher2, u"B"_s);
    QVERIFY(a && b);
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t2, u"writing"_s)));
    QVERIFY(!waitForPresence(*b, m_t2, m_cast.dispatcher.id, u"writing"_s).isEmpty());
    CL_VERIFY_OK(a->request(Op::AuthLogout));
    QVERIFY(!waitForPresence(*b, m_t2, m_cast.dispatcher.id, QString()).isEmpty());
}

void TestE2ePresence::lateSubscriberGetsCurrentPresence()
{
    auto a = subscribed(m_cast.dispatcher, u"A"_s);
    QVERIFY(a);
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t1, u"writing"_s)));

    auto c = connectAs(m_server, m_cast.supervisor.username, m_cast.supervisor.password, u"C"_s);
    QVERIFY(c);
    QVERIFY(presenceNotices(*c).isEmpty()); // nothing before subscribing
    const Response sub = c->request(Op::Subscribe);
    CL_VERIFY_OK(sub);
    // In the reply...
    const QList<QJsonObject> listed = entriesAbout(sub.result.value(u"presence"_s).toArray(), m_t1);
    QCOMPARE(listed.size(), 1);
    QVERIFY(isEntry(listed.at(0), m_t1, m_cast.dispatcher.id, u"writing"_s));
    QCOMPARE(listed.at(0).value(u"name"_s).toString(), u"DISP"_s);
    // ...and as notices right after it, so clients need no special case.
    QVERIFY(!waitForPresence(*c, m_t1, m_cast.dispatcher.id, u"writing"_s).isEmpty());
    QCOMPARE(presenceNotices(*c, m_t1).size(), 1);

    // A resuming subscriber (since) gets them too.
    auto d = connectAs(m_server, m_cast.dispatcher2.username, m_cast.dispatcher2.password, u"D"_s);
    QVERIFY(d);
    const Response resumed = d->request(Op::Subscribe, {{u"since"_s, headSeq(*d)}});
    CL_VERIFY_OK(resumed);
    QCOMPARE(entriesAbout(resumed.result.value(u"presence"_s).toArray(), m_t1).size(), 1);
    QVERIFY(!waitForPresence(*d, m_t1, m_cast.dispatcher.id, u"writing"_s).isEmpty());
}

void TestE2ePresence::twoConsolesOfOnePersonCountAsOne()
{
    auto a1 = subscribed(m_cast.dispatcher, u"A1"_s);
    auto a2 = subscribed(m_cast.dispatcher, u"A2"_s);
    auto b = subscribed(m_cast.dispatcher2, u"B"_s);
    QVERIFY(a1 && a2 && b);
    CL_VERIFY_OK(a1->request(Op::PresenceSet, presenceSet(m_t2, u"viewing"_s)));
    CL_VERIFY_OK(a2->request(Op::PresenceSet, presenceSet(m_t2, u"writing"_s)));
    QVERIFY(!waitForPresence(*b, m_t2, m_cast.dispatcher.id, u"writing"_s).isEmpty());

    // The writing console closes: the person is still viewing on the other one.
    a2->abort();
    QVERIFY(b->waitUntil(
        [&] {
            const QList<QJsonObject> all = presenceNotices(*b, m_t2);
            return !all.isEmpty() && isEntry(all.last(), m_t2, m_cast.dispatcher.id, u"viewing"_s);
        },
        kReplyTimeoutMs));
    a1->abort();
    QVERIFY(!waitForPresence(*b, m_t2, m_cast.dispatcher.id, QString()).isEmpty());
}

void TestE2ePresence::badInputIsRefused()
{
    auto a = subscribed(m_cast.dispatcher, u"A"_s);
    QVERIFY(a);
    CL_COMPARE_ERROR(a->request(Op::PresenceSet, presenceSet(m_t1, u"dancing"_s)), "invalid_field");
    CL_COMPARE_ERROR(a->request(Op::PresenceSet, presenceSet(0, u"viewing"_s)), "invalid_field");
    CL_COMPARE_ERROR(a->request(Op::PresenceSet, {{u"ticketId"_s, u"one"_s}, {u"activity"_s, u"viewing"_s}}),
                     "invalid_field");
    CL_COMPARE_ERROR(a->request(Op::PresenceSet, presenceSet(987654, u"viewing"_s)), "not_found");

    TestClient anonymous(u"anon"_s);
    QVERIFY(anonymous.connectTo(m_server.url()));
    CL_VERIFY_OK(anonymous.hello());
    CL_COMPARE_ERROR(anonymous.request(Op::PresenceSet, presenceSet(m_t1, u"viewing"_s)), "unauthenticated");
}

void TestE2ePresence::requestersNeitherSetNorSee()
{
    auto r = subscribed(m_cast.requester, u"R"_s);
    auto a = subscribed(m_cast.dispatcher, u"A"_s);
    QVERIFY(r && a);
    CL_COMPARE_ERROR(r->request(Op::PresenceSet, presenceSet(m_t1, u"viewing"_s)), "forbidden");
    CL_VERIFY_OK(a->request(Op::PresenceSet, presenceSet(m_t1, u"viewing"_s)));
    CL_VERIFY_OK(a->request(Op::Ping));
    CL_VERIFY_OK(r->request(Op::Ping));
    QVERIFY(presenceNotices(*r).isEmpty());

    auto late = connectAs(m_server, m_cast.requester2.username, m_cast.requester2.password, u"R2"_s);
    QVERIFY(late);
    const Response sub = late->request(Op::Subscribe);
    CL_VERIFY_OK(sub);
    QVERIFY(sub.result.value(u"presence"_s).toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestE2ePresence)
#include "tst_e2e_presence.moc"
