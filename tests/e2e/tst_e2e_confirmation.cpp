// Printed work orders and the customer's confirmation, against the real server: ticket.print records the print and
// issues a signed single-use link; the page behind it (plain HTTP here) shows the ticket and records the answer on
// it, live; altered, unknown, used links are refused with 4xx pages; "unresolved" reopens to the supervisors as an
// escalation and a low rating tells the managers. Callback verification (回访): a type that asks for it cannot
// close without one, also when its workflow has a direct way to "closed".

#include "tests/support/httpclient.h"
#include "tests/support/scenario.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
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
QString tokenOf(const QString &url)
{
    return url.mid(url.lastIndexOf(u"/c/"_s) + 3);
}

// A repair type whose workflow closes straight from "completed": only the server's callback rule stands between a
// completed ticket and "closed".
const char *kShortcutType = R"json({
  "id": "repair_shortcut", "name": {"en": "Repair (shortcut)", "zh_CN": "维修（直接关闭）"},
  "initial": "open", "callbackRequired": true,
  "statuses": [
    {"id": "open", "name": {"en": "Open"}, "phase": "new"},
    {"id": "working", "name": {"en": "Working"}, "phase": "active"},
    {"id": "completed", "name": {"en": "Completed"}, "phase": "resolved"},
    {"id": "closed", "name": {"en": "Closed"}, "phase": "closed"}
  ],
  "transitions": [
    {"id": "start", "name": {"en": "Start"}, "from": ["open"], "to": "working", "roles": ["dispatcher", "supervisor"]},
    {"id": "complete", "name": {"en": "Complete"}, "from": ["working"], "to": "completed",
     "roles": ["dispatcher", "supervisor"], "requiredFields": ["resolution"]},
    {"id": "callback", "name": {"en": "Record callback"}, "from": ["completed"], "to": "completed",
     "roles": ["auditor", "supervisor"], "requiredFields": ["callbackResult"]},
    {"id": "return_to_engineer", "name": {"en": "Return"}, "from": ["completed"], "to": "working",
     "roles": ["auditor", "supervisor"], "requiresComment": true},
    {"id": "close", "name": {"en": "Close"}, "from": ["completed"], "to": "closed",
     "roles": ["auditor", "supervisor", "dispatcher"]}
  ]
})json";

} // namespace

class TestE2eConfirmation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void printRecordsHistoryAndIssuesLink();
    void printRefusals();
    void printRetryRevokesTheLostToken();
    void pageShowsTicketInBothLanguages();
    void alteredAndUnknownLinksAreRefused();
    void answerIsRecordedLiveAndWorksOnce();
    void unresolvedEscalatesAndLowRatingTellsManagers();
    void httpLimits();
    void callbackRequiredBeforeClosing();
    void callbackReturnToEngineerNeedsANewCallback();

private:
    QJsonObject completedRepair(const QString &title);
    QJsonObject transition(TestClient &client, const QJsonObject &ticket, const QString &name,
                           const QJsonObject &fields = {}, const QString &comment = QString());
    Response print(TestClient &client, const QJsonObject &ticket);
    QUrl pageUrl(const QString &confirmUrl) const;

    TestServer m_server;
    std::unique_ptr<TestClient> m_admin, m_disp, m_sup, m_eng, m_req, m_mgr, m_aud;
    Cast m_cast;
    Account m_manager, m_auditor;
};

void TestE2eConfirmation::initTestCase()
{
    QVERIFY(QDir().mkpath(QDir(m_server.dataDir()).filePath(u"types"_s)));
    QFile type(QDir(m_server.dataDir()).filePath(u"types/repair_shortcut.json"_s));
    QVERIFY(type.open(QIODevice::WriteOnly));
    type.write(kShortcutType);
    type.close();
    QVERIFY(m_server.start());
    QVERIFY(m_server.httpPort() > 0);
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
    m_manager = createUser(*m_admin, u"mgr"_s, u"manager"_s);
    m_auditor = createUser(*m_admin, u"aud"_s, u"auditor"_s);
    QVERIFY(m_manager.id && m_auditor.id);
    m_disp = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password);
    m_sup = connectAs(m_server, m_cast.supervisor.username, m_cast.supervisor.password);
    m_eng = connectAs(m_server, m_cast.engineer.username, m_cast.engineer.password);
    m_req = connectAs(m_server, m_cast.requester.username, m_cast.requester.password);
    m_mgr = connectAs(m_server, m_manager.username, m_manager.password);
    m_aud = connectAs(m_server, m_auditor.username, m_auditor.password);
    QVERIFY(m_disp && m_sup && m_eng && m_req && m_mgr && m_aud);
    for (TestClient *c : {m_sup.get(), m_mgr.get(), m_disp.get()})
        CL_VERIFY_OK(c->request(Op::Subscribe));
}

void TestE2eConfirmation::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eConfirmation::cleanupTestCase()
{
    m_admin.reset();
    m_disp.reset();
    m_sup.reset();
    m_eng.reset();
    m_req.reset();
    m_mgr.reset();
    m_aud.reset();
    QVERIFY(m_server.stop());
}

QJsonObject TestE2eConfirmation::transition(TestClient &client, const QJsonObject &ticket, const QString &name,
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

QJsonObject TestE2eConfirmation::completedRepair(const QString &title)
{
    QJsonObject t = createTicket(
        *m_req, {{u"title"_s, title},
                 {u"type"_s, u"repair"_s},
                 {u"address"_s, u"西湖区文三路 100 号"_s},
                 {u"requester"_s, QJsonObject{{u"name"_s, u"李女士"_s}, {u"contact"_s, u"13900000000"_s}}}});
    if (t.isEmpty())
        return {};
    const Response r = m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
    if (!r.ok)
        return {};
    t = ticketOf(r);
    const Response a = m_eng->request(Op::TicketAccept, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}});
    if (!a.ok)
        return {};
    t = transition(*m_eng, ticketOf(a), u"complete"_s, {{u"resolution"_s, u"更换 DN25 管道 2 米"_s}});
    return t;
}

Response TestE2eConfirmation::print(TestClient &client, const QJsonObject &ticket)
{
    return client.request(Op::TicketPrint, {{u"ticketId"_s, idOf(ticket)}, {u"version"_s, versionOf(ticket)}});
}

QUrl TestE2eConfirmation::pageUrl(const QString &confirmUrl) const
{
    // The link as printed, pointed at this test's server (the public base is http://127.0.0.1:<port> by default).
    QUrl u = m_server.httpUrl();
    u.setPath(u"/c/"_s + tokenOf(confirmUrl));
    return u;
}

void TestE2eConfirmation::printRecordsHistoryAndIssuesLink()
{
    const QJsonObject t = completedRepair(u"水表井漏水"_s);
    QVERIFY(!t.isEmpty());
    m_sup->clearEvents();
    const Response r = print(*m_disp, t);
    CL_VERIFY_OK(r);
    const QString url = r.result.value(u"confirmUrl"_s).toString();
    QVERIFY2(url.startsWith(m_server.httpUrl().toString() + u"/c/"_s), qPrintable(url));
    QCOMPARE(tokenOf(url).size(), 54);
    QCOMPARE(r.result.value(u"version"_s).toInteger(), versionOf(t));
    QVERIFY(r.result.value(u"expiresAt"_s).isString());

    // Printing is history, not a change: same version, an audit entry naming the printed version, a live event.
    const QJsonObject full = getTicket(*m_disp, idOf(t));
    QCOMPARE(versionOf(full.value(u"ticket"_s).toObject()), versionOf(t));
    const QJsonArray history = full.value(u"history"_s).toArray();
    const QJsonObject last = history.last().toObject();
    QCOMPARE(last.value(u"action"_s).toString(), u"print"_s);
    QCOMPARE(last.value(u"actorId"_s).toInteger(), m_cast.dispatcher.id);
    QCOMPARE(last.value(u"changes"_s).toObject().value(u"printedVersion"_s).toObject().value(u"to"_s).toInteger(),
             versionOf(t));
    const auto e = m_sup->waitForEvent([&](const Event &ev) { return ev.type == u"ticket.printed"; });
    QVERIFY(e);
    QCOMPARE(e->ticketId.value(), idOf(t));
    QCOMPARE(e->data.value(u"version"_s).toInteger(), versionOf(t));
    // The token is not kept anywhere in the database, not even in the idempotency table.
    QFile db(QDir(m_server.dataDir()).filePath(u"crewline.db"_s));
    QFile wal(db.fileName() + u"-wal"_s);
    QVERIFY(db.open(QIODevice::ReadOnly));
    QByteArray bytes = db.readAll();
    if (wal.open(QIODevice::ReadOnly))
        bytes += wal.readAll();
    QVERIFY(!bytes.contains(tokenOf(url).toLatin1()));
}

void TestE2eConfirmation::printRefusals()
{
    const QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Street light out"_s}, {u"type"_s, u"repair"_s}});
    QVERIFY(!t.isEmpty());
    CL_COMPARE_ERROR(print(*m_req, t), "forbidden");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketPrint, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t) + 1}}),
                     "conflict");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketPrint, {{u"ticketId"_s, 987654}, {u"version"_s, 1}}), "not_found");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketPrint, {{u"ticketId"_s, idOf(t)}}), "invalid_field");
    // Nothing of the refusals reached the history.
    for (const QJsonValue &h : getTicket(*m_disp, idOf(t)).value(u"history"_s).toArray())
        QVERIFY(h.toObject().value(u"action"_s).toString() != u"print");
}

void TestE2eConfirmation::printRetryRevokesTheLostToken()
{
    const QJsonObject t = completedRepair(u"阀门关不严"_s);
    QVERIFY(!t.isEmpty());
    const QString idem = TestClient::newIdemKey();
    const QJsonObject data{{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}};
    const Response first = m_disp->request(Op::TicketPrint, data, idem);
    CL_VERIFY_OK(first);
    const Response again = m_disp->request(Op::TicketPrint, data, idem);
    CL_VERIFY_OK(again);
    QCOMPARE(again.result.value(u"confirmationId"_s), first.result.value(u"confirmationId"_s));
    const QString a = first.result.value(u"confirmUrl"_s).toString();
    const QString b = again.result.value(u"confirmUrl"_s).toString();
    QVERIFY(a != b);
    // One print in the history, and only the link of the last answer works.
    int prints = 0;
    for (const QJsonValue &h : getTicket(*m_disp, idOf(t)).value(u"history"_s).toArray())
        prints += h.toObject().value(u"action"_s).toString() == u"print";
    QCOMPARE(prints, 1);
    QCOMPARE(httpGet(pageUrl(a)).status, 404);
    QCOMPARE(httpGet(pageUrl(b)).status, 200);
}

void TestE2eConfirmation::pageShowsTicketInBothLanguages()
{
    const QJsonObject t = completedRepair(u"小区主管道压力低"_s);
    QVERIFY(!t.isEmpty());
    const Response r = print(*m_disp, t);
    CL_VERIFY_OK(r);
    const QUrl url = pageUrl(r.result.value(u"confirmUrl"_s).toString());

    const HttpResult zh = httpGet(url, {{"Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"}});
    QCOMPARE(zh.status, 200);
    QVERIFY(zh.contentType.startsWith("text/html"));
    const QString page = zh.text();
    QVERIFY(page.contains(t.value(u"number"_s).toString()));
    QVERIFY(page.contains(u"小区主管道压力低"_s));
    QVERIFY(page.contains(u"已完工"_s)); // the status, in Chinese
    QVERIFY(page.contains(u"部分解决"_s));
    QVERIFY(page.contains(u"data-state=\"form\""_s));
    QVERIFY(!page.contains(u"<script"_s));
    QVERIFY(!page.contains(u"http://"_s) && !page.contains(u"https://"_s)); // no external assets

    const HttpResult en = httpGet(url, {{"Accept-Language", "en-GB,en;q=0.8"}});
    QCOMPARE(en.status, 200);
    QVERIFY(en.text().contains(u"Partly resolved"_s));
    QVERIFY(en.text().contains(u"Completed"_s));
    // The switch wins over the browser's language.
    QUrl forced = url;
    forced.setQuery(u"lang=en"_s);
    QVERIFY(httpGet(forced, {{"Accept-Language", "zh-CN"}}).text().contains(u"Is the problem solved?"_s));
}

void TestE2eConfirmation::alteredAndUnknownLinksAreRefused()
{
    const QJsonObject t = completedRepair(u"Hydrant leaking"_s);
    QVERIFY(!t.isEmpty());
    const Response r = print(*m_disp, t);
    CL_VERIFY_OK(r);
    const QString token = tokenOf(r.result.value(u"confirmUrl"_s).toString());
    // Every single-character change is refused, and so is the same token with another ticket id in it.
    for (int i : {0, 7, 10, 30, 53}) {
        QString altered = token;
        altered[i] = altered.at(i) == u'A' ? u'B' : u'A';
        const HttpResult res = httpGet(pageUrl(u"/c/"_s + altered), {{"Accept-Language", "en"}});
        QCOMPARE(res.status, 404);
        QVERIFY(res.text().contains(u"data-state=\"invalid\""_s));
        QVERIFY(res.text().contains(u"This link is not valid"_s));
        const HttpResult post = httpPostForm(pageUrl(u"/c/"_s + altered), {{u"result"_s, u"satisfied"_s}});
        QCOMPARE(post.status, 404);
    }
    QCOMPARE(httpGet(pageUrl(u"/c/short"_s)).status, 404);
    QCOMPARE(httpGet(pageUrl(u"/c/"_s + token + u"x"_s)).status, 404);
    // The ticket did not change.
    QCOMPARE(versionOf(getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject()), versionOf(t));
}

void TestE2eConfirmation::answerIsRecordedLiveAndWorksOnce()
{
    const QJsonObject t = completedRepair(u"厨房水龙头漏水"_s);
    QVERIFY(!t.isEmpty());
    const Response r = print(*m_disp, t);
    CL_VERIFY_OK(r);
    const QUrl url = pageUrl(r.result.value(u"confirmUrl"_s).toString());
    m_disp->clearEvents();

    // A form without a choice changes nothing.
    QCOMPARE(httpPostForm(url, {{u"rating"_s, u"5"_s}}).status, 400);
    QCOMPARE(httpGet(url).status, 200);

    const HttpResult done = httpPostForm(url, {{u"result"_s, u"satisfied"_s},
                                               {u"rating"_s, u"5"_s},
                                               {u"comment"_s, u"师傅很专业 & fast"_s},
                                               {u"lang"_s, u"zh"_s}});
    QCOMPARE(done.status, 200);
    QVERIFY(done.text().contains(u"data-state=\"done\""_s));
    QVERIFY(done.text().contains(u"感谢"_s));

    const auto e = m_disp->waitForEvent([&](const Event &ev) {
        return ev.ticketId.value() == idOf(t) && ev.data.value(u"action"_s).toString() == u"customer_confirmation";
    });
    QVERIFY(e);
    const QJsonObject full = getTicket(*m_disp, idOf(t));
    const QJsonObject ticket = full.value(u"ticket"_s).toObject();
    const QJsonObject answer = ticket.value(u"fields"_s).toObject().value(u"customerConfirmation"_s).toObject();
    QCOMPARE(answer.value(u"result"_s).toString(), u"satisfied"_s);
    QCOMPARE(answer.value(u"rating"_s).toInt(), 5);
    QCOMPARE(answer.value(u"comment"_s).toString(), u"师傅很专业 & fast"_s);
    QCOMPARE(statusOf(ticket), u"completed"_s);
    QCOMPARE(versionOf(ticket), versionOf(t) + 1);
    QCOMPARE(full.value(u"history"_s).toArray().last().toObject().value(u"action"_s).toString(),
             u"customer_confirmation"_s);

    // Once: the same link again, by GET or POST, is a clear 410 page and changes nothing.
    const HttpResult used = httpGet(url, {{"Accept-Language", "en"}});
    QCOMPARE(used.status, 410);
    QVERIFY(used.text().contains(u"data-state=\"used\""_s));
    QVERIFY(used.text().contains(u"Already answered"_s));
    QCOMPARE(httpPostForm(url, {{u"result"_s, u"unresolved"_s}}).status, 410);
    QCOMPARE(versionOf(getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject()), versionOf(ticket));
}

void TestE2eConfirmation::unresolvedEscalatesAndLowRatingTellsManagers()
{
    const QJsonObject t = completedRepair(u"Low pressure again"_s);
    QVERIFY(!t.isEmpty());
    // Two printouts: answering one closes the other.
    const Response r1 = print(*m_disp, t);
    const Response r2 = print(*m_sup, t);
    CL_VERIFY_OK(r1);
    CL_VERIFY_OK(r2);
    m_sup->clearEvents();
    m_mgr->clearEvents();
    const HttpResult done = httpPostForm(pageUrl(r1.result.value(u"confirmUrl"_s).toString()),
                                         {{u"result"_s, u"unresolved"_s}, {u"rating"_s, u"1"_s}});
    QCOMPARE(done.status, 200);
    QVERIFY(done.text().contains(u"supervisor"_s));

    const auto toSup = m_sup->waitForEvent([&](const Event &ev) {
        return ev.ticketId.value() == idOf(t) && ev.data.value(u"action"_s).toString() == u"customer_confirmation";
    });
    QVERIFY(toSup);
    const QJsonArray notify = toSup->data.value(u"notify"_s).toArray();
    QVERIFY(notify.contains(m_cast.supervisor.id));
    QVERIFY(notify.contains(m_manager.id));
    QVERIFY(notify.contains(m_cast.engineer.id));
    QVERIFY(m_mgr->waitForEvent([&](const Event &ev) { return ev.ticketId.value() == idOf(t); }));

    const QJsonObject ticket = getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject();
    QCOMPARE(statusOf(ticket), u"reviewed"_s); // reopened to the supervisors' desk
    QVERIFY(ticket.value(u"assigneeId"_s).isNull());
    QCOMPARE(ticket.value(u"fields"_s).toObject().value(u"escalated"_s).toBool(), true);
    QCOMPARE(httpGet(pageUrl(r2.result.value(u"confirmUrl"_s).toString())).status, 410);
}

void TestE2eConfirmation::httpLimits()
{
    const QUrl base = m_server.httpUrl();
    QUrl health = base;
    health.setPath(u"/healthz"_s);
    QCOMPARE(httpGet(health).status, 200);
    QUrl other = base;
    other.setPath(u"/admin"_s);
    QCOMPARE(httpGet(other).status, 404);
    QUrl c = base;
    c.setPath(u"/c/x"_s);
    // Refused on the announced length, before the body is read.
    QCOMPARE(httpRequest("POST", c, QByteArray(64 * 1024, 'a'), {{"Content-Type", "application/x-www-form-urlencoded"}})
                 .status,
             413);
    QCOMPARE(httpRequest("DELETE", c).status, 405);
    QCOMPARE(httpRequest("GET", c, {}, {{"X-Filler", QByteArray(16 * 1024, 'b')}}).status, 431);
}

void TestE2eConfirmation::callbackRequiredBeforeClosing()
{
    QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Pump noise"_s}, {u"type"_s, u"repair_shortcut"_s}});
    QVERIFY(!t.isEmpty());
    t = transition(*m_disp, t, u"start"_s);
    t = transition(*m_disp, t, u"complete"_s, {{u"resolution"_s, u"Bearing replaced"_s}});
    QCOMPARE(statusOf(t), u"completed"_s);

    // The workflow allows completed -> closed, the callback rule does not.
    Response r = m_sup->request(
        Op::TicketTransition, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"close"_s}});
    CL_COMPARE_ERROR(r, "missing_fields");
    QCOMPARE(r.error.details.value(u"reason"_s).toString(), u"callback_required"_s);
    QVERIFY(r.error.details.value(u"fields"_s).toArray().contains(u"callbackResult"_s));
    // Not by setting the field on the way either: only known outcomes.
    r = m_aud->request(Op::TicketTransition, {{u"ticketId"_s, idOf(t)},
                                              {u"version"_s, versionOf(t)},
                                              {u"transition"_s, u"callback"_s},
                                              {u"fields"_s, QJsonObject{{u"callbackResult"_s, u"fine"_s}}}});
    CL_COMPARE_ERROR(r, "invalid_field");

    // An "unresolved" callback cannot close either.
    t = transition(*m_aud, t, u"callback"_s,
                   {{u"callbackResult"_s, u"unresolved"_s},
                    {u"callbackContact"_s, u"Mr Chen"_s},
                    {u"callbackAt"_s, u"2026-12-02T09:30:00.000Z"_s}});
    QVERIFY(!t.isEmpty());
    r = m_sup->request(Op::TicketTransition,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"close"_s}});
    CL_COMPARE_ERROR(r, "invalid_transition");
    QCOMPARE(r.error.details.value(u"reason"_s).toString(), u"callback_unresolved"_s);

    t = transition(*m_aud, t, u"callback"_s, {{u"callbackResult"_s, u"satisfied"_s}, {u"callbackNote"_s, u"OK"_s}});
    t = transition(*m_aud, t, u"close"_s);
    QCOMPARE(statusOf(t), u"closed"_s);
}

void TestE2eConfirmation::callbackReturnToEngineerNeedsANewCallback()
{
    QJsonObject t = completedRepair(u"井盖松动"_s);
    QVERIFY(!t.isEmpty());
    // The auditor records the call, then sends it back to the engineer with the reason.
    t = transition(*m_aud, t, u"callback"_s,
                   {{u"callbackResult"_s, u"partly"_s},
                    {u"callbackContact"_s, u"李女士 13900000000"_s},
                    {u"callbackAt"_s, u"2026-12-02T10:00:00.000Z"_s},
                    {u"callbackNote"_s, u"井盖仍有响声"_s}});
    QCOMPARE(statusOf(t), u"callback_verified"_s);
    Response r = m_aud->request(
        Op::TicketTransition,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"return_to_engineer"_s}});
    CL_COMPARE_ERROR(r, "missing_fields"); // needs the reason
    t = transition(*m_aud, t, u"return_to_engineer"_s, {}, u"客户反映井盖仍有响声"_s);
    QCOMPARE(statusOf(t), u"accepted"_s);
    QCOMPARE(t.value(u"assigneeId"_s).toInteger(), m_cast.engineer.id);
    QVERIFY(!t.value(u"fields"_s).toObject().contains(u"callbackResult"_s)); // the old callback no longer counts
    t = transition(*m_eng, t, u"complete"_s, {{u"resolution"_s, u"重新固定井盖"_s}});
    QCOMPARE(statusOf(t), u"completed"_s);
    r = m_aud->request(Op::TicketTransition,
                       {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"transition"_s, u"callback"_s}});
    CL_COMPARE_ERROR(r, "missing_fields");
    t = transition(*m_aud, t, u"callback"_s, {{u"callbackResult"_s, u"satisfied"_s}});
    t = transition(*m_aud, t, u"close"_s);
    QCOMPARE(statusOf(t), u"closed"_s);
    // The earlier callback stays in the history.
    bool sawPartly = false;
    for (const QJsonValue &h : getTicket(*m_disp, idOf(t)).value(u"history"_s).toArray())
        sawPartly = sawPartly || QJsonDocument(h.toObject()).toJson().contains("partly");
    QVERIFY(sawPartly);
}

QTEST_GUILESS_MAIN(TestE2eConfirmation)
#include "tst_e2e_confirmation.moc"
