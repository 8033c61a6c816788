// Live push: one client's changes reach every subscribed client in sequence order; a client that was away resumes
// from the last sequence it saw and gets exactly what it missed; filters and visibility narrow what is pushed.

#include "tests/support/scenario.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSet>
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

QList<qint64> seqsOf(const QList<Event> &events)
{
    QList<qint64> out;
    for (const Event &e : events)
        out << e.seq;
    return out;
}

QList<qint64> range(qint64 from, qint64 to) // [from, to]
{
    QList<qint64> out;
    for (qint64 s = from; s <= to; ++s)
        out << s;
    return out;
}

} // namespace

class TestE2eLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void changesArriveInOrder();
    void resumeGetsExactlyWhatWasMissed();
    void sinceBeyondHeadNeedsResync();
    void filteredSubscription();
    void requesterSeesOwnTicketsWithoutInternalNotes();
    void unsubscribeStopsEvents();
    void newUsersWithoutContactDetails();
    void binaryFramesCarryTheSameMessages();

private:
    TestServer m_server;
    std::unique_ptr<TestClient> m_admin, m_a;
    Cast m_cast;
};

void TestE2eLive::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
    m_a = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password, u"A"_s);
    QVERIFY(m_a);
}

void TestE2eLive::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eLive::cleanupTestCase()
{
    m_admin.reset();
    m_a.reset();
    QVERIFY(m_server.stop());
}

void TestE2eLive::changesArriveInOrder()
{
    TestClient b(u"B"_s);
    QVERIFY(b.loginAs(m_server.url(), m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    const Response sub = b.request(Op::Subscribe);
    CL_VERIFY_OK(sub);
    const qint64 head = sub.result.value(u"seq"_s).toInteger();
    QCOMPARE(head, headSeq(*m_a));

    const QJsonObject t = createTicket(*m_a, {{u"title"_s, u"Live one"_s}});
    QVERIFY(!t.isEmpty());
    const Response upd = m_a->request(Op::TicketUpdate, {{u"ticketId"_s, idOf(t)},
                                                         {u"version"_s, versionOf(t)},
                                                         {u"changes"_s, QJsonObject{{u"priority"_s, u"urgent"_s}}}});
    CL_VERIFY_OK(upd);
    CL_VERIFY_OK(m_a->request(Op::TicketComment, {{u"ticketId"_s, idOf(t)}, {u"body"_s, u"On it"_s}}));

    QVERIFY(b.waitForEventCount(3));
    const QList<Event> events = b.events();
    QCOMPARE(events.size(), 3);
    QCOMPARE(seqsOf(events), range(head + 1, head + 3));
    QCOMPARE(events[0].type, u"ticket.created"_s);
    QCOMPARE(events[1].type, u"ticket.changed"_s);
    QCOMPARE(events[2].type, u"comment.added"_s);
    for (const Event &e : events)
        QCOMPARE(e.ticketId.value(), idOf(t));
    QCOMPARE(events[0].data.value(u"ticket"_s).toObject().value(u"number"_s), t.value(u"number"_s));
    // ticket.created carries the actor and the summary of the ticket the answer carried, nothing else.
    const QJsonObject actor = events[0].data.value(u"actor"_s).toObject();
    QCOMPARE(actor.value(u"id"_s).toInteger(), m_cast.dispatcher.id);
    QCOMPARE(actor, events[1].data.value(u"actor"_s).toObject()); // as every other event names its actor
    QCOMPARE(events[0].data, (QJsonObject{{u"actor"_s, actor},
                                          {u"ticket"_s, Ticket::fromJson(t).toSummaryJson()}}));
    QCOMPARE(events[1].data.value(u"ticket"_s).toObject().value(u"priority"_s).toString(), u"urgent"_s);
    QVERIFY(events[1].data.value(u"changed"_s).toArray().contains(u"priority"_s));
    QCOMPARE(events[1].data.value(u"actor"_s).toObject().value(u"id"_s).toInteger(), m_cast.dispatcher.id);
    QCOMPARE(events[2].data.value(u"comment"_s).toObject().value(u"body"_s).toString(), u"On it"_s);
    QVERIFY(events[0].at.isValid());
}

void TestE2eLive::resumeGetsExactlyWhatWasMissed()
{
    TestClient b(u"B"_s);
    QVERIFY(b.loginAs(m_server.url(), m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    CL_VERIFY_OK(b.request(Op::Subscribe));
    const QJsonObject t = createTicket(*m_a, {{u"title"_s, u"Seen live"_s}});
    QVERIFY(!t.isEmpty());
    QVERIFY(b.waitForEvent([&](const Event &e) { return e.ticketId.value() == idOf(t); }));
    const qint64 last = b.lastSeq();
    const QString token = b.token();
    b.close();

    // A works on while B is away.
    constexpr int kMissed = 6;
    QJsonObject current = t;
    for (int i = 0; i < kMissed; ++i) {
        if (i % 2 == 0) {
            const Response r =
                m_a->request(Op::TicketUpdate, {{u"ticketId"_s, idOf(t)},
                                                {u"version"_s, versionOf(current)},
                                                {u"changes"_s, QJsonObject{{u"description"_s, u"v%1"_s.arg(i)}}}});
            CL_VERIFY_OK(r);
            current = ticketOf(r);
        } else {
            CL_VERIFY_OK(m_a->request(Op::TicketComment, {{u"ticketId"_s, idOf(t)}, {u"body"_s, u"c%1"_s.arg(i)}}));
        }
    }
    const qint64 head = headSeq(*m_a);
    QCOMPARE(head, last + kMissed);

    // B comes back on a new connection with its session, and asks for everything after the last seq it saw.
    b.clearEvents();
    QVERIFY(b.connectTo(m_server.url()));
    CL_VERIFY_OK(b.hello());
    CL_VERIFY_OK(b.resume(token));
    const Response sub = b.request(Op::Subscribe, {{u"since"_s, last}});
    CL_VERIFY_OK(sub);
    QCOMPARE(sub.result.value(u"replayed"_s).toInt(), kMissed);
    QCOMPARE(sub.result.value(u"seq"_s).toInteger(), head);
    // The replay arrives before the reply: it is all there now, in order, once.
    QCOMPARE(seqsOf(b.events()), range(last + 1, head));
    QCOMPARE(b.events().last().data.value(u"comment"_s).toObject().value(u"body"_s).toString(), u"c5"_s);

    // Then live events continue without a gap or a repeat.
    CL_VERIFY_OK(m_a->request(Op::TicketComment, {{u"ticketId"_s, idOf(t)}, {u"body"_s, u"live again"_s}}));
    QVERIFY(b.waitForEventCount(kMissed + 1));
    // Another change, so that a duplicate of the previous one would have had time to show up before it.
    CL_VERIFY_OK(m_a->request(Op::TicketComment, {{u"ticketId"_s, idOf(t)}, {u"body"_s, u"and again"_s}}));
    QVERIFY(b.waitForEventCount(kMissed + 2));
    QCOMPARE(seqsOf(b.events()), range(last + 1, head + 2));

    // Subscribing with since = head replays nothing.
    TestClient c(u"C"_s);
    QVERIFY(c.loginAs(m_server.url(), m_cast.supervisor.username, m_cast.supervisor.password));
    const Response upToDate = c.request(Op::Subscribe, {{u"since"_s, head + 2}});
    CL_VERIFY_OK(upToDate);
    QCOMPARE(upToDate.result.value(u"replayed"_s).toInt(), 0);
    QCOMPARE(c.events().size(), 0);
}

void TestE2eLive::sinceBeyondHeadNeedsResync()
{
    TestClient b(u"B"_s);
    QVERIFY(b.loginAs(m_server.url(), m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    const qint64 head = headSeq(*m_a);
    const Response r = b.request(Op::Subscribe, {{u"since"_s, head + 100}});
    CL_COMPARE_ERROR(r, "resync_required");
    QCOMPARE(r.error.details.value(u"seq"_s).toInteger(), head);
    // The client reloads and subscribes without since: live from now on.
    const Response fresh = b.request(Op::Subscribe);
    CL_VERIFY_OK(fresh);
    QCOMPARE(fresh.result.value(u"seq"_s).toInteger(), head);
    CL_COMPARE_ERROR(b.request(Op::Subscribe, {{u"since"_s, -1}}), "invalid_field");
}

void TestE2eLive::filteredSubscription()
{
    TestClient crew(u"crew"_s);
    QVERIFY(crew.loginAs(m_server.url(), m_cast.supervisor.username, m_cast.supervisor.password));
    CL_VERIFY_OK(crew.request(Op::Subscribe, {{u"filter"_s, QJsonObject{{u"types"_s, QJsonArray{u"repair"_s}}}}}));

    const QJsonObject desk = createTicket(*m_a, {{u"title"_s, u"Helpdesk, not for the crew"_s}});
    const QJsonObject pipe = createTicket(*m_a, {{u"title"_s, u"Pipe burst"_s}, {u"type"_s, u"repair"_s}});
    QVERIFY(!desk.isEmpty() && !pipe.isEmpty());
    const std::optional<Event> e =
        crew.waitForEvent([&](const Event &ev) { return ev.ticketId.value() == idOf(pipe); });
    QVERIFY(e);
    QCOMPARE(e->type, u"ticket.created"_s);
    // Events come in seq order, so the help-desk ticket's (earlier) event would have arrived first.
    for (const Event &ev : crew.events())
        QVERIFY2(ev.ticketId.value() != idOf(desk), "a filtered-out ticket's event was pushed");

    // Filter by assignee: the engineer's board sees the ticket arrive, and leave when reassigned.
    TestClient board(u"board"_s);
    QVERIFY(board.loginAs(m_server.url(), m_cast.engineer.username, m_cast.engineer.password));
    CL_VERIFY_OK(
        board.request(Op::Subscribe, {{u"filter"_s, QJsonObject{{u"assigneeIds"_s, QJsonArray{m_cast.engineer.id}}}}}));
    Response r = m_a->request(
        Op::TicketAssign,
        {{u"ticketId"_s, idOf(pipe)}, {u"version"_s, versionOf(pipe)}, {u"assigneeId"_s, m_cast.engineer.id}});
    CL_VERIFY_OK(r);
    r = m_a->request(
        Op::TicketAssign,
        {{u"ticketId"_s, idOf(pipe)}, {u"version"_s, versionOf(ticketOf(r))}, {u"assigneeId"_s, m_cast.engineer2.id}});
    CL_VERIFY_OK(r);
    QVERIFY(board.waitForEventCount(2));
    QCOMPARE(board.events().at(0).data.value(u"ticket"_s).toObject().value(u"assigneeId"_s).toInteger(),
             m_cast.engineer.id);
    QCOMPARE(board.events().at(1).data.value(u"ticket"_s).toObject().value(u"assigneeId"_s).toInteger(),
             m_cast.engineer2.id);
    QCOMPARE(board.events().at(1).data.value(u"previous"_s).toObject().value(u"assigneeId"_s).toInteger(),
             m_cast.engineer.id);
}

void TestE2eLive::requesterSeesOwnTicketsWithoutInternalNotes()
{
    TestClient req(u"req"_s);
    QVERIFY(req.loginAs(m_server.url(), m_cast.requester.username, m_cast.requester.password));
    CL_VERIFY_OK(req.request(Op::Subscribe));
    auto other = connectAs(m_server, m_cast.requester2.username, m_cast.requester2.password);
    QVERIFY(other);

    const QJsonObject foreign = createTicket(*other, {{u"title"_s, u"Someone else's"_s}});
    const QJsonObject mine = createTicket(req, {{u"title"_s, u"Mine"_s}});
    QVERIFY(!foreign.isEmpty() && !mine.isEmpty());
    CL_VERIFY_OK(m_a->request(Op::TicketComment, {{u"ticketId"_s, idOf(foreign)}, {u"body"_s, u"for req2"_s}}));
    const Response note = m_a->request(
        Op::TicketComment, {{u"ticketId"_s, idOf(mine)}, {u"kind"_s, u"internal"_s}, {u"body"_s, u"SECRET note"_s}});
    CL_VERIFY_OK(note);
    // A file on the internal note is as internal as the note.
    const QByteArray file = "SECRET file";
    const Response begin = m_a->request(
        Op::AttachmentBegin,
        {{u"ticketId"_s, idOf(mine)},
         {u"fileName"_s, u"SECRET.txt"_s},
         {u"size"_s, file.size()},
         {u"sha256"_s, QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex())}});
    CL_VERIFY_OK(begin);
    CL_VERIFY_OK(m_a->request(Op::AttachmentChunk, {{u"uploadId"_s, begin.result.value(u"uploadId"_s)},
                                                    {u"offset"_s, 0},
                                                    {u"data"_s, QString::fromLatin1(file.toBase64())}}));
    CL_VERIFY_OK(m_a->request(Op::AttachmentFinish,
                              {{u"uploadId"_s, begin.result.value(u"uploadId"_s)},
                               {u"commentId"_s, note.result.value(u"comment"_s).toObject().value(u"id"_s)}}));
    CL_VERIFY_OK(m_a->request(Op::TicketComment, {{u"ticketId"_s, idOf(mine)}, {u"body"_s, u"public reply"_s}}));

    // The public reply is the last change: once it arrived, anything earlier that was pushed has arrived too.
    QVERIFY(req.waitForEvent([](const Event &e) {
        return e.type == u"comment.added" &&
               e.data.value(u"comment"_s).toObject().value(u"body"_s) == u"public reply"_s;
    }));
    QSet<qint64> seen;
    for (const Event &e : req.events()) {
        QCOMPARE(e.ticketId.value(), idOf(mine));
        QVERIFY(!QJsonDocument(e.data).toJson().contains("SECRET"));
        QVERIFY(!seen.contains(e.seq));
        seen.insert(e.seq);
    }
    QCOMPARE(req.events().size(), 2); // ticket.created and the public reply

    // A replay applies the same rules.
    TestClient replay(u"req-replay"_s);
    QVERIFY(replay.connectTo(m_server.url()));
    CL_VERIFY_OK(replay.hello());
    CL_VERIFY_OK(replay.resume(req.token()));
    CL_VERIFY_OK(replay.request(Op::Subscribe, {{u"since"_s, req.events().first().seq - 1}}));
    QCOMPARE(seqsOf(replay.events()), seqsOf(req.events()));
}

void TestE2eLive::unsubscribeStopsEvents()
{
    TestClient b(u"B"_s);
    QVERIFY(b.loginAs(m_server.url(), m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    CL_VERIFY_OK(b.request(Op::Subscribe));
    const QJsonObject first = createTicket(*m_a, {{u"title"_s, u"Before unsubscribe"_s}});
    QVERIFY(b.waitForEvent([&](const Event &e) { return e.ticketId.value() == idOf(first); }));
    const Response un = b.request(Op::Unsubscribe);
    CL_VERIFY_OK(un);
    const qint64 at = un.result.value(u"seq"_s).toInteger();
    QCOMPARE(at, b.lastSeq());
    const QJsonObject second = createTicket(*m_a, {{u"title"_s, u"After unsubscribe"_s}});
    QVERIFY(!second.isEmpty());
    // Resubscribing from where it stopped brings exactly the one it did not get live.
    const qint64 before = b.events().size();
    const Response sub = b.request(Op::Subscribe, {{u"since"_s, at}});
    CL_VERIFY_OK(sub);
    QCOMPARE(b.events().size(), before + 1);
    QCOMPARE(b.events().last().ticketId.value(), idOf(second));
}

void TestE2eLive::newUsersWithoutContactDetails()
{
    // Every staff console hears of a new colleague; contact details stay with user.list and its role rules.
    TestClient eng(u"eng"_s);
    QVERIFY(eng.loginAs(m_server.url(), m_cast.engineer.username, m_cast.engineer.password));
    CL_VERIFY_OK(eng.request(Op::Subscribe));
    TestClient req(u"req"_s);
    QVERIFY(req.loginAs(m_server.url(), m_cast.requester.username, m_cast.requester.password));
    CL_VERIFY_OK(req.request(Op::Subscribe));
    const Response made = m_admin->request(Op::UserCreate, {{u"username"_s, u"newbie"_s},
                                                            {u"displayName"_s, u"New Colleague"_s},
                                                            {u"role"_s, u"engineer"_s},
                                                            {u"password"_s, u"Passw0rd-newbie"_s},
                                                            {u"email"_s, u"newbie@example.org"_s},
                                                            {u"phone"_s, u"+86 138 0000 0000"_s}});
    CL_VERIFY_OK(made);
    QCOMPARE(made.result.value(u"user"_s).toObject().value(u"email"_s).toString(), u"newbie@example.org"_s);
    const std::optional<Event> e = eng.waitForEvent([](const Event &ev) { return ev.type == u"user.created"; });
    QVERIFY(e);
    const QJsonObject user = e->data.value(u"user"_s).toObject();
    QCOMPARE(user.value(u"username"_s).toString(), u"newbie"_s);
    QVERIFY(!user.contains(u"email"_s) && !user.contains(u"phone"_s));
    // Requesters are not told about staff at all: a ticket event after it is the first thing they get.
    const QJsonObject mine = createTicket(req, {{u"title"_s, u"After the new colleague"_s}});
    QVERIFY(req.waitForEvent([&](const Event &ev) { return ev.ticketId.value() == idOf(mine); }));
    for (const Event &ev : req.events())
        QVERIFY(ev.type != u"user.created");
}

// A client that asks for binary frames in hello gets every message as a binary frame holding the UTF-8 JSON a text
// client gets: the answers (lists with Chinese text included) and the pushed events. Its requests stay text.
void TestE2eLive::binaryFramesCarryTheSameMessages()
{
    TestClient text(u"text"_s), binary(u"binary"_s);
    QVERIFY(text.loginAs(m_server.url(), m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    QVERIFY(binary.connectTo(m_server.url()));
    const Response h = binary.hello(true);
    CL_VERIFY_OK(h);
    QCOMPARE(h.result.value(u"binaryFrames"_s).toBool(), true);
    QCOMPARE(binary.binaryFrames(), 1); // the answer to hello itself
    CL_VERIFY_OK(binary.login(m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    CL_VERIFY_OK(binary.request(Op::Subscribe));
    const int framesBefore = binary.binaryFrames();

    const QJsonObject t = createTicket(*m_a, {{u"title"_s, u"二进制帧 \"quoted\" 漏水"_s}});
    QVERIFY(!t.isEmpty());
    QVERIFY(binary.waitForEvent([&](const Event &e) { return e.ticketId.value() == idOf(t); }));
    QVERIFY(binary.binaryFrames() > framesBefore);

    const QJsonObject query{{u"text"_s, u"二进制帧"_s}, {u"withTotal"_s, true}};
    const Response viaText = text.request(Op::TicketList, query);
    const Response viaBinary = binary.request(Op::TicketList, query);
    CL_VERIFY_OK(viaText);
    CL_VERIFY_OK(viaBinary);
    QCOMPARE(viaBinary.result.value(u"tickets"_s), viaText.result.value(u"tickets"_s));
    QCOMPARE(viaBinary.result.value(u"total"_s).toInteger(), 1);
    QCOMPARE(viaBinary.result.value(u"tickets"_s).toArray().at(0).toObject().value(u"title"_s).toString(),
             u"二进制帧 \"quoted\" 漏水"_s);
    QCOMPARE(text.binaryFrames(), 0);
    QCOMPARE(text.undecodableFrames(), 0);
    QCOMPARE(binary.undecodableFrames(), 0);
}

QTEST_GUILESS_MAIN(TestE2eLive)
#include "tst_e2e_live.moc"
