// Durability across a restart: the server shuts down cleanly on SIGTERM (exit code 0, clients told "going away"),
// and on the same data folder it comes back with every ticket, the event sequence, the ticket numbering and the
// sessions, so that a console resuming with "since" after the restart misses nothing.

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
qint64 versionOf(const QJsonObject &o)
{
    return o.value(u"version"_s).toInteger();
}
int serialOf(const QJsonObject &t)
{
    return t.value(u"number"_s).toString().section(u'-', 2).toInt();
}

} // namespace

class TestE2eRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void dataAndSequenceSurviveRestart();

private:
    TestServer m_server;
};

void TestE2eRestart::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eRestart::dataAndSequenceSurviveRestart()
{
    QVERIFY(m_server.start());
    auto admin = connectAsAdmin(m_server);
    QVERIFY(admin);
    const Cast cast = createCast(*admin);
    QVERIFY(cast.ok);
    auto a = connectAs(m_server, cast.dispatcher.username, cast.dispatcher.password, u"A"_s);
    QVERIFY(a);

    // B watches live, sees two tickets arrive, then goes away.
    TestClient b(u"B"_s);
    QVERIFY(b.loginAs(m_server.url(), cast.dispatcher2.username, cast.dispatcher2.password));
    CL_VERIFY_OK(b.request(Op::Subscribe));
    QList<QJsonObject> tickets;
    for (const QString &title : {u"Before restart 1"_s, u"Before restart 2"_s}) {
        tickets << createTicket(*a, {{u"title"_s, title}});
        QVERIFY(!tickets.last().isEmpty());
    }
    QVERIFY(b.waitForEventCount(2));
    const qint64 bSeen = b.lastSeq();
    const QString bToken = b.token();
    b.close();

    // One more change B does not see, then a comment and an attachment-free update to check later.
    tickets << createTicket(*a, {{u"title"_s, u"While B was away"_s}});
    QVERIFY(!tickets.last().isEmpty());
    CL_VERIFY_OK(a->request(Op::TicketComment, {{u"ticketId"_s, idOf(tickets[0])}, {u"body"_s, u"持久化测试"_s}}));
    const qint64 headBefore = headSeq(*a);
    QCOMPARE(headBefore, bSeen + 2);

    // Clients connected at shutdown are told the server is going away; the process exits 0.
    const QString aToken = a->token();
    QVERIFY(m_server.stop());
    QCOMPARE(m_server.exitCode(), 0);
    QVERIFY(a->waitForDisconnected());
    QCOMPARE(a->closeCode(), int(QWebSocketProtocol::CloseCodeGoingAway));
    admin.reset();

    QVERIFY(m_server.start());
    // Sessions survive: A resumes with its token on the new port.
    QVERIFY(a->connectTo(m_server.url()));
    CL_VERIFY_OK(a->hello());
    CL_VERIFY_OK(a->resume(aToken));
    QCOMPARE(headSeq(*a), headBefore);
    for (const QJsonObject &t : std::as_const(tickets)) {
        const QJsonObject got = getTicket(*a, idOf(t));
        QCOMPARE(got.value(u"ticket"_s).toObject().value(u"number"_s), t.value(u"number"_s));
        QCOMPARE(got.value(u"ticket"_s).toObject().value(u"title"_s), t.value(u"title"_s));
    }
    QCOMPARE(
        getTicket(*a, idOf(tickets[0])).value(u"comments"_s).toArray().at(0).toObject().value(u"body"_s).toString(),
        u"持久化测试"_s);
    // Numbering continues where it stopped.
    const QJsonObject after = createTicket(*a, {{u"title"_s, u"After restart"_s}});
    QVERIFY(!after.isEmpty());
    QCOMPARE(serialOf(after), serialOf(tickets.last()) + 1);
    const Response upd = a->request(Op::TicketUpdate, {{u"ticketId"_s, idOf(tickets[1])},
                                                       {u"version"_s, versionOf(tickets[1])},
                                                       {u"changes"_s, QJsonObject{{u"priority"_s, u"high"_s}}}});
    CL_VERIFY_OK(upd);
    const qint64 head = headSeq(*a);
    QCOMPARE(head, headBefore + 2);

    // B resumes from the last seq it saw before the restart: exactly the four it missed, in order.
    b.clearEvents();
    QVERIFY(b.connectTo(m_server.url()));
    CL_VERIFY_OK(b.hello());
    CL_VERIFY_OK(b.resume(bToken));
    const Response sub = b.request(Op::Subscribe, {{u"since"_s, bSeen}});
    CL_VERIFY_OK(sub);
    QCOMPARE(sub.result.value(u"replayed"_s).toInt(), 4);
    QList<qint64> seqs;
    QStringList types;
    for (const Event &e : b.events()) {
        seqs << e.seq;
        types << e.type;
    }
    QCOMPARE(seqs, (QList<qint64>{bSeen + 1, bSeen + 2, bSeen + 3, bSeen + 4}));
    QCOMPARE(types, (QStringList{u"ticket.created"_s, u"comment.added"_s, u"ticket.created"_s, u"ticket.changed"_s}));
    // And live after that.
    CL_VERIFY_OK(a->request(Op::TicketUrge, {{u"ticketId"_s, idOf(after)}}));
    QVERIFY(b.waitForEventCount(5));
    QCOMPARE(b.events().last().seq, head + 1);

    a.reset();
    b.close();
    QVERIFY(m_server.stop());
}

QTEST_GUILESS_MAIN(TestE2eRestart)
#include "tst_e2e_restart.moc"
