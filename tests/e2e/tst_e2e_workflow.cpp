// Workflows as the server enforces them: the help-desk lifecycle with required fields and reject-back, suspend and
// resume, urge, reopen, illegal transitions, the meter replacement approval step and the repair flow to closed.

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
QString statusOf(const QJsonObject &o)
{
    return o.value(u"status"_s).toString();
}

} // namespace

class TestE2eWorkflow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void helpdeskLifecycle();
    void illegalTransitions();
    void suspendAndResume();
    void urge();
    void meterReplacementNeedsApproval();
    void repairToClosedWithCallback();

private:
    // ticket.transition; the ticket after it, or an empty object after printing the error.
    QJsonObject transition(TestClient &client, const QJsonObject &ticket, const QString &name,
                           const QJsonObject &fields = {}, const QString &comment = QString());

    TestServer m_server;
    std::unique_ptr<TestClient> m_admin, m_disp, m_sup, m_eng, m_req;
    Cast m_cast;
};

void TestE2eWorkflow::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
    m_disp = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password);
    m_sup = connectAs(m_server, m_cast.supervisor.username, m_cast.supervisor.password);
    m_eng = connectAs(m_server, m_cast.engineer.username, m_cast.engineer.password);
    m_req = connectAs(m_server, m_cast.requester.username, m_cast.requester.password);
    QVERIFY(m_disp && m_sup && m_eng && m_req);
}

void TestE2eWorkflow::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eWorkflow::cleanupTestCase()
{
    m_admin.reset();
    m_disp.reset();
    m_sup.reset();
    m_eng.reset();
    m_req.reset();
    QVERIFY(m_server.stop());
}

QJsonObject TestE2eWorkflow::transition(TestClient &client, const QJsonObject &ticket, const QString &name,
                                        const QJsonObject &fields, const QString &comment)
{
    QJsonObject data{{u"ticketId"_s, idOf(ticket)}, {u"version"_s, versionOf(ticket)}, {u"transition"_s, name}};
    if (!fields.isEmpty())
        data.insert(u"fields"_s, fields);
    if (!comment.isEmpty())
        data.insert(u"comment"_s, comment);
    const Response r = client.request(Op::TicketTransition, data);
    if (!r.ok) {
        qWarning().noquote() << client.name() << "transition" << name << "failed:" << describe(r);
        return {};
    }
    return ticketOf(r);
}

void TestE2eWorkflow::helpdeskLifecycle()
{
    QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Outlook asks for my password"_s}});
    QVERIFY(!t.isEmpty());
    QCOMPARE(statusOf(t), u"pending_assignment"_s);

    Response r = m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    QCOMPARE(statusOf(t), u"in_progress"_s);

    // Resolving needs a resolution: refused first, with the missing field named, and nothing changes.
    r = m_eng->request(Op::TicketTransition,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"resolve"_s}});
    CL_COMPARE_ERROR(r, "missing_fields");
    QVERIFY(r.error.details.value(u"fields"_s).toArray().contains(u"resolution"_s));
    QCOMPARE(versionOf(getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject()), versionOf(t));

    t = transition(*m_eng, t, u"resolve"_s, {{u"resolution"_s, u"Reset the mail profile"_s}});
    QCOMPARE(statusOf(t), u"pending_confirmation"_s);
    QCOMPARE(t.value(u"fields"_s).toObject().value(u"resolution"_s).toString(), u"Reset the mail profile"_s);
    QVERIFY(!t.value(u"resolvedAt"_s).isNull());

    // Reject back needs a reason.
    r = m_req->request(Op::TicketTransition,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"reject"_s}});
    CL_COMPARE_ERROR(r, "missing_fields");
    QVERIFY(r.error.details.value(u"fields"_s).toArray().contains(u"comment"_s));
    t = transition(*m_req, t, u"reject"_s, {}, u"Still asks every morning"_s);
    QCOMPARE(statusOf(t), u"in_progress"_s);
    QVERIFY(t.value(u"resolvedAt"_s).isNull());
    QCOMPARE(t.value(u"assigneeId"_s).toInteger(), m_cast.engineer.id);

    t = transition(*m_eng, t, u"resolve"_s, {{u"resolution"_s, u"Removed a stale credential"_s}});
    QCOMPARE(statusOf(t), u"pending_confirmation"_s);
    t = transition(*m_req, t, u"confirm"_s);
    QCOMPARE(statusOf(t), u"completed"_s);
    QVERIFY(!t.value(u"closedAt"_s).isNull());

    // Reopen (needs a reason), back to work.
    CL_COMPARE_ERROR(m_req->request(Op::TicketReopen, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}}),
                     "missing_fields");
    r = m_req->request(Op::TicketReopen,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"comment"_s, u"It is back"_s}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    QCOMPARE(statusOf(t), u"in_progress"_s);
    QVERIFY(t.value(u"closedAt"_s).isNull());

    // The history tells the whole story, with the reject reason as a message.
    const QJsonObject got = getTicket(*m_disp, idOf(t));
    QStringList statuses;
    for (const QJsonValue &h : got.value(u"history"_s).toArray()) {
        const QJsonObject status = h.toObject().value(u"changes"_s).toObject().value(u"status"_s).toObject();
        if (!status.isEmpty())
            statuses << status.value(u"to"_s).toString();
    }
    QCOMPARE(statuses, (QStringList{u"pending_assignment"_s, u"in_progress"_s, u"pending_confirmation"_s,
                                    u"in_progress"_s, u"pending_confirmation"_s, u"completed"_s, u"in_progress"_s}));
    bool reasonKept = false;
    for (const QJsonValue &c : got.value(u"comments"_s).toArray())
        reasonKept = reasonKept || c.toObject().value(u"body"_s).toString() == u"Still asks every morning"_s;
    QVERIFY(reasonKept);
}

void TestE2eWorkflow::illegalTransitions()
{
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Mouse double-clicks"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 before = headSeq(*m_disp);
    const auto attempt = [&](TestClient &client, const QString &name) {
        return client.request(Op::TicketTransition,
                              {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, name}});
    };
    const Response confirm = attempt(*m_disp, u"confirm"_s); // pending_assignment -> completed is not a path
    CL_COMPARE_ERROR(confirm, "invalid_transition");
    QCOMPARE(confirm.error.details.value(u"status"_s).toString(), u"pending_assignment"_s);
    CL_COMPARE_ERROR(attempt(*m_disp, u"teleport"_s), "invalid_transition");
    CL_COMPARE_ERROR(attempt(*m_disp, u"assign"_s), "invalid_transition"); // done by ticket.assign, not by name
    CL_COMPARE_ERROR(attempt(*m_eng, u"cancel"_s), "forbidden");           // engineers may not cancel
    CL_COMPARE_ERROR(m_disp->request(Op::TicketResume, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}}),
                     "invalid_transition");
    CL_COMPARE_ERROR(
        m_disp->request(Op::TicketReopen,
                        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"comment"_s, u"why not"_s}}),
        "invalid_transition");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketApprove,
                                     {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"approve"_s, true}}),
                     "forbidden");
    CL_COMPARE_ERROR(m_sup->request(Op::TicketApprove,
                                    {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"approve"_s, true}}),
                     "invalid_transition");
    QCOMPARE(headSeq(*m_disp), before);
    QCOMPARE(versionOf(getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject()), versionOf(t));
}

void TestE2eWorkflow::suspendAndResume()
{
    QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Server room AC noisy"_s}});
    QVERIFY(!t.isEmpty());
    // Only from a suspendable status.
    CL_COMPARE_ERROR(
        m_disp->request(Op::TicketSuspend,
                        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"comment"_s, u"waiting"_s}}),
        "invalid_transition");
    Response r = m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    CL_COMPARE_ERROR(m_eng->request(Op::TicketSuspend, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}}),
                     "missing_fields");
    r = m_eng->request(
        Op::TicketSuspend,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"comment"_s, u"Waiting for a spare fan"_s}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    QCOMPARE(statusOf(t), u"suspended"_s);
    QCOMPARE(t.value(u"suspendedFrom"_s).toString(), u"in_progress"_s);
    // A suspended ticket is not dispatched.
    CL_COMPARE_ERROR(m_disp->request(Op::TicketAssign, {{u"ticketId"_s, idOf(t)},
                                                        {u"version"_s, versionOf(t)},
                                                        {u"assigneeId"_s, m_cast.engineer2.id}}),
                     "invalid_transition");
    r = m_eng->request(Op::TicketResume,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"comment"_s, u"Fan arrived"_s}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    QCOMPARE(statusOf(t), u"in_progress"_s);
    QVERIFY(!t.contains(u"suspendedFrom"_s) || t.value(u"suspendedFrom"_s).toString().isEmpty());
    // The reasons are internal notes.
    const QJsonArray comments = getTicket(*m_disp, idOf(t)).value(u"comments"_s).toArray();
    QCOMPARE(comments.size(), 2);
    for (const QJsonValue &c : comments)
        QCOMPARE(c.toObject().value(u"kind"_s).toString(), u"internal"_s);
}

void TestE2eWorkflow::urge()
{
    TestClient watcher(u"watcher"_s);
    QVERIFY(watcher.loginAs(m_server.url(), m_cast.dispatcher2.username, m_cast.dispatcher2.password));
    CL_VERIFY_OK(watcher.request(Op::Subscribe));

    QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Broken chair"_s}});
    QVERIFY(!t.isEmpty());
    const Response a = m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
    CL_VERIFY_OK(a);
    // Urging is not based on a version and never conflicts.
    Response r = m_req->request(Op::TicketUrge, {{u"ticketId"_s, idOf(t)}, {u"comment"_s, u"Please hurry"_s}});
    CL_VERIFY_OK(r);
    QCOMPARE(ticketOf(r).value(u"urgeCount"_s).toInt(), 1);
    r = m_disp->request(Op::TicketUrge, {{u"ticketId"_s, idOf(t)}});
    CL_VERIFY_OK(r);
    QCOMPARE(ticketOf(r).value(u"urgeCount"_s).toInt(), 2);

    const std::optional<Event> e = watcher.waitForEvent([&](const Event &ev) {
        return ev.type == u"ticket.changed" && ev.ticketId.value() == idOf(t) &&
               ev.data.value(u"action"_s).toString() == u"urge";
    });
    QVERIFY(e);
    QVERIFY(e->data.value(u"notify"_s).toArray().contains(m_cast.engineer.id));
    QCOMPARE(e->data.value(u"ticket"_s).toObject().value(u"urgeCount"_s).toInt(), 1);
    int urgeEntries = 0;
    for (const QJsonValue &h : getTicket(*m_disp, idOf(t)).value(u"history"_s).toArray())
        urgeEntries += h.toObject().value(u"action"_s).toString() == u"urge" ? 1 : 0;
    QCOMPARE(urgeEntries, 2);
}

void TestE2eWorkflow::meterReplacementNeedsApproval()
{
    QJsonObject t =
        createTicket(*m_disp, {{u"title"_s, u"Water meter stuck at 0042"_s}, {u"type"_s, u"meter_replacement"_s}});
    QVERIFY(!t.isEmpty());
    QCOMPARE(statusOf(t), u"registered"_s);

    // The dispatcher's review only asks for approval: the status stays until a supervisor decides.
    t = transition(*m_disp, t, u"review"_s, {}, u"Meter older than 8 years"_s);
    QVERIFY(!t.isEmpty());
    QCOMPARE(statusOf(t), u"registered"_s);
    const QJsonObject pending = t.value(u"pendingApproval"_s).toObject();
    QCOMPARE(pending.value(u"transition"_s).toString(), u"review"_s);
    QCOMPARE(pending.value(u"approverRole"_s).toString(), u"supervisor"_s);
    QCOMPARE(pending.value(u"requestedBy"_s).toInteger(), m_cast.dispatcher.id);

    // Listed as waiting for approval; nothing else moves it meanwhile.
    const Response waiting = m_sup->request(Op::TicketList, {{u"pendingApproval"_s, true}});
    CL_VERIFY_OK(waiting);
    QVERIFY(idsOf(waiting.result.value(u"tickets"_s).toArray()).contains(idOf(t)));
    CL_COMPARE_ERROR(
        m_disp->request(Op::TicketTransition,
                        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"review"_s}}),
        "invalid_transition");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketApprove,
                                     {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"approve"_s, true}}),
                     "forbidden");

    const Response r = m_sup->request(Op::TicketApprove, {{u"ticketId"_s, idOf(t)},
                                                          {u"version"_s, versionOf(t)},
                                                          {u"approve"_s, true},
                                                          {u"comment"_s, u"Approved, replace it"_s}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    QCOMPARE(statusOf(t), u"reviewed"_s);
    QVERIFY(t.value(u"pendingApproval"_s).isNull());

    // A refused approval leaves the status as it was.
    QJsonObject other =
        createTicket(*m_disp, {{u"title"_s, u"Gas meter cracked"_s}, {u"type"_s, u"meter_replacement"_s}});
    other = transition(*m_disp, other, u"review"_s);
    QVERIFY(!other.isEmpty());
    const Response no = m_sup->request(Op::TicketApprove, {{u"ticketId"_s, idOf(other)},
                                                           {u"version"_s, versionOf(other)},
                                                           {u"approve"_s, false},
                                                           {u"comment"_s, u"Read it again first"_s}});
    CL_VERIFY_OK(no);
    QCOMPARE(statusOf(ticketOf(no)), u"registered"_s);
    QVERIFY(ticketOf(no).value(u"pendingApproval"_s).isNull());
    // A supervisor's own review needs nobody else.
    const QJsonObject own = transition(*m_sup, ticketOf(no), u"review"_s);
    QCOMPARE(statusOf(own), u"reviewed"_s);
}

void TestE2eWorkflow::repairToClosedWithCallback()
{
    QJsonObject t = createTicket(
        *m_req,
        {{u"title"_s, u"单元楼水管爆裂"_s}, {u"type"_s, u"repair"_s}, {u"address"_s, u"西湖区文三路 100 号"_s}});
    QVERIFY(!t.isEmpty());
    QCOMPARE(statusOf(t), u"registered"_s);
    QCOMPARE(t.value(u"priority"_s).toString(), u"high"_s); // the type's default

    t = transition(*m_disp, t, u"review"_s);
    QCOMPARE(statusOf(t), u"reviewed"_s);
    Response r = m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    QCOMPARE(statusOf(t), u"dispatched"_s);
    // Arriving before accepting is not a path.
    CL_COMPARE_ERROR(
        m_eng->request(Op::TicketTransition,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"arrive"_s}}),
        "invalid_transition");
    r = m_eng->request(Op::TicketAccept, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    QCOMPARE(statusOf(t), u"accepted"_s);
    t = transition(*m_eng, t, u"arrive"_s);
    QCOMPARE(statusOf(t), u"on_site"_s);

    r = m_eng->request(Op::TicketTransition,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"complete"_s}});
    CL_COMPARE_ERROR(r, "missing_fields");
    QVERIFY(r.error.details.value(u"fields"_s).toArray().contains(u"resolution"_s));
    t = transition(*m_eng, t, u"complete"_s, {{u"resolution"_s, u"Replaced 2 m of DN25 pipe"_s}});
    QCOMPARE(statusOf(t), u"completed"_s);
    QVERIFY(!t.value(u"resolvedAt"_s).isNull());
    QVERIFY(t.value(u"closedAt"_s).isNull());

    // Callback verification: an engineer may not record it, and it needs the result.
    CL_COMPARE_ERROR(m_eng->request(Op::TicketTransition, {{u"ticketId"_s, idOf(t)},
                                                           {u"version"_s, versionOf(t)},
                                                           {u"transition"_s, u"callback"_s},
                                                           {u"fields"_s, QJsonObject{{u"callbackResult"_s, u"satisfied"_s}}}}),
                     "forbidden");
    r = m_disp->request(Op::TicketTransition,
                        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"callback"_s}});
    CL_COMPARE_ERROR(r, "missing_fields");
    QVERIFY(r.error.details.value(u"fields"_s).toArray().contains(u"callbackResult"_s));
    t = transition(*m_disp, t, u"callback"_s, {{u"callbackResult"_s, u"satisfied"_s}});
    QCOMPARE(statusOf(t), u"callback_verified"_s);
    t = transition(*m_sup, t, u"close"_s);
    QCOMPARE(statusOf(t), u"closed"_s);
    QVERIFY(!t.value(u"closedAt"_s).isNull());

    const Response closed =
        m_disp->request(Op::TicketList, {{u"open"_s, false}, {u"types"_s, QJsonArray{u"repair"_s}}});
    CL_VERIFY_OK(closed);
    QVERIFY(idsOf(closed.result.value(u"tickets"_s).toArray()).contains(idOf(t)));
    // Urging a closed ticket is refused.
    CL_COMPARE_ERROR(m_req->request(Op::TicketUrge, {{u"ticketId"_s, idOf(t)}}), "invalid_transition");
}

QTEST_GUILESS_MAIN(TestE2eWorkflow)
#include "tst_e2e_workflow.moc"
