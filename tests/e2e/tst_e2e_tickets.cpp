// Ticket operations through the real server: create with almost nothing, numbering, list filters, paging and sort,
// get with everything attached, update, assign, accept, replies and internal notes, split, merge, link.

#include "tests/support/scenario.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>
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

} // namespace

class TestE2eTickets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void createWithTitleOnly();
    void createNeedsSomething();
    void listFiltersPagingSort();
    void getWithCommentsAttachmentsHistory();
    void update();
    void assignReassignAccept();
    void repliesAndInternalNotes();
    void internalTextStaysInternal();
    void split();
    void merge();
    void linkUnlink();
    void referencesMustExist();

private:
    QList<qint64> listIds(const QJsonObject &query, qint64 *total = nullptr);
    bool attachSmallFile(TestClient &client, qint64 ticketId, const QByteArray &bytes, const QString &name);

    TestServer m_server;
    std::unique_ptr<TestClient> m_admin, m_disp, m_eng, m_eng2, m_req;
    Cast m_cast;
};

void TestE2eTickets::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
    m_disp = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password);
    m_eng = connectAs(m_server, m_cast.engineer.username, m_cast.engineer.password);
    m_eng2 = connectAs(m_server, m_cast.engineer2.username, m_cast.engineer2.password);
    m_req = connectAs(m_server, m_cast.requester.username, m_cast.requester.password);
    QVERIFY(m_disp && m_eng && m_eng2 && m_req);
}

void TestE2eTickets::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eTickets::cleanupTestCase()
{
    m_admin.reset();
    m_disp.reset();
    m_eng.reset();
    m_eng2.reset();
    m_req.reset();
    QVERIFY(m_server.stop());
}

QList<qint64> TestE2eTickets::listIds(const QJsonObject &query, qint64 *total)
{
    const Response r = m_disp->request(Op::TicketList, query);
    if (!r.ok) {
        qWarning().noquote() << "ticket.list failed:" << describe(r);
        return {-1};
    }
    if (total)
        *total = r.result.value(u"total"_s).toInteger();
    return idsOf(r.result.value(u"tickets"_s).toArray());
}

bool TestE2eTickets::attachSmallFile(TestClient &client, qint64 ticketId, const QByteArray &bytes, const QString &name)
{
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    const Response begin = client.request(
        Op::AttachmentBegin,
        {{u"ticketId"_s, ticketId}, {u"fileName"_s, name}, {u"size"_s, bytes.size()}, {u"sha256"_s, sha}});
    const QString upload = begin.result.value(u"uploadId"_s).toString();
    const Response chunk =
        client.request(Op::AttachmentChunk,
                       {{u"uploadId"_s, upload}, {u"offset"_s, 0}, {u"data"_s, QString::fromLatin1(bytes.toBase64())}});
    const Response finish = client.request(Op::AttachmentFinish, {{u"uploadId"_s, upload}});
    if (!begin.ok || !chunk.ok || !finish.ok) {
        qWarning().noquote() << "upload failed:" << describe(begin) << describe(chunk) << describe(finish);
        return false;
    }
    return true;
}

void TestE2eTickets::createWithTitleOnly()
{
    const Response r = m_req->request(Op::TicketCreate, {{u"title"_s, u"Wi-Fi drops in room 204"_s}});
    CL_VERIFY_OK(r);
    const QJsonObject t = ticketOf(r);
    QVERIFY(idOf(t) > 0);
    const QString number = t.value(u"number"_s).toString();
    const QRegularExpression format(u"^WO-(\\d{4})-(\\d{6})$"_s);
    const QRegularExpressionMatch m = format.match(number);
    QVERIFY2(m.hasMatch(), qPrintable(number));
    QCOMPARE(m.captured(1).toInt(), QDateTime::currentDateTimeUtc().date().year());
    QCOMPARE(t.value(u"type"_s).toString(), u"it_helpdesk"_s);
    QCOMPARE(t.value(u"status"_s).toString(), u"pending_assignment"_s);
    QCOMPARE(t.value(u"priority"_s).toString(), u"normal"_s);
    QCOMPARE(versionOf(t), 1);
    QCOMPARE(t.value(u"requester"_s).toObject().value(u"userId"_s).toInteger(), m_cast.requester.id);
    QVERIFY(t.value(u"assigneeId"_s).isNull());

    // Numbers count up.
    const QJsonObject next = createTicket(*m_disp, {{u"description"_s, u"第一行就是标题\n第二行是细节"_s}});
    QVERIFY(!next.isEmpty());
    QCOMPARE(next.value(u"title"_s).toString(), u"第一行就是标题"_s);
    const QRegularExpressionMatch n = format.match(next.value(u"number"_s).toString());
    QVERIFY(n.hasMatch());
    QCOMPARE(n.captured(2).toInt(), m.captured(2).toInt() + 1);
    // Found by number as well as by id.
    const Response byNumber = m_disp->request(Op::TicketGet, {{u"number"_s, number}});
    CL_VERIFY_OK(byNumber);
    QCOMPARE(idOf(ticketOf(byNumber)), idOf(t));
}

void TestE2eTickets::createNeedsSomething()
{
    const qint64 before = headSeq(*m_disp);
    const Response empty = m_disp->request(Op::TicketCreate, {{u"title"_s, u"   "_s}});
    CL_COMPARE_ERROR(empty, "invalid_field");
    QCOMPARE(empty.error.details.value(u"field"_s).toString(), u"title"_s);
    CL_COMPARE_ERROR(m_disp->request(Op::TicketCreate, {{u"title"_s, u"x"_s}, {u"type"_s, u"no_such_type"_s}}),
                     "invalid_field");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketCreate, {{u"title"_s, u"x"_s}, {u"source"_s, u"pigeon"_s}}),
                     "invalid_field");
    QCOMPARE(headSeq(*m_disp), before);
}

void TestE2eTickets::listFiltersPagingSort()
{
    // A set of tickets only this test makes: every query below is narrowed to it by the marker in the description,
    // except the free-text ones, which use words that occur nowhere else.
    const QString marker = u"LSTMARK"_s;
    struct Spec
    {
        QString title, type, priority;
        bool assign;
    };
    const QList<Spec> specs = {
        {u"Printer on floor 3 offline"_s, u"it_helpdesk"_s, u"low"_s, false},
        {u"七号楼三单元水管漏水"_s, u"repair"_s, u"urgent"_s, true},
        {u"VPN certificate expired"_s, u"it_helpdesk"_s, u"high"_s, true},
        {u"Meter reading looks wrong"_s, u"meter_replacement"_s, u"normal"_s, false},
        {u"阀门损坏需要更换"_s, u"repair"_s, u"urgent"_s, false},
        {u"Cancel me"_s, u"it_helpdesk"_s, u"normal"_s, false},
    };
    QList<QJsonObject> made;
    for (const Spec &s : specs) {
        QJsonObject t = createTicket(*m_disp, {{u"title"_s, s.title},
                                               {u"description"_s, QString(marker + u" " + s.title)},
                                               {u"type"_s, s.type},
                                               {u"priority"_s, s.priority}});
        QVERIFY(!t.isEmpty());
        if (s.assign) {
            const Response a = m_disp->request(
                Op::TicketAssign,
                {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
            CL_VERIFY_OK(a);
            t = ticketOf(a);
        }
        made << t;
    }
    const Response cancelled = m_disp->request(Op::TicketTransition, {{u"ticketId"_s, idOf(made[5])},
                                                                      {u"version"_s, versionOf(made[5])},
                                                                      {u"transition"_s, u"cancel"_s},
                                                                      {u"comment"_s, u"duplicate call"_s}});
    CL_VERIFY_OK(cancelled);
    made[5] = ticketOf(cancelled);
    const auto ids = [&](std::initializer_list<int> which) {
        QList<qint64> out;
        for (int i : which)
            out << idOf(made[i]);
        std::sort(out.begin(), out.end());
        return out;
    };
    const auto query = [&](QJsonObject q) {
        q.insert(u"text"_s, marker);
        q.insert(u"limit"_s, 100);
        QList<qint64> found = listIds(q);
        std::sort(found.begin(), found.end());
        return found;
    };

    QCOMPARE(query({}), ids({0, 1, 2, 3, 4, 5}));
    QCOMPARE(query({{u"statuses"_s, QJsonArray{u"in_progress"_s}}}), ids({2}));
    QCOMPARE(query({{u"statuses"_s, QJsonArray{u"dispatched"_s, u"in_progress"_s}}}), ids({1, 2}));
    // Statuses that are all open let the server add "open" to the query (a faster plan); one closed status among
    // them must not, and a status no type has matches nothing.
    const QString closedStatus = made[5].value(u"status"_s).toString();
    QCOMPARE(query({{u"statuses"_s, QJsonArray{closedStatus}}}), ids({5}));
    QCOMPARE(query({{u"statuses"_s, QJsonArray{u"in_progress"_s, closedStatus}}}), ids({2, 5}));
    QCOMPARE(query({{u"statuses"_s, QJsonArray{u"no_such_status"_s}}}), ids({}));
    QCOMPARE(query({{u"types"_s, QJsonArray{u"repair"_s}}}), ids({1, 4}));
    QCOMPARE(query({{u"priorities"_s, QJsonArray{u"urgent"_s}}}), ids({1, 4}));
    QCOMPARE(query({{u"priorities"_s, QJsonArray{u"low"_s, u"high"_s}}}), ids({0, 2}));
    QCOMPARE(query({{u"assigneeIds"_s, QJsonArray{m_cast.engineer.id}}}), ids({1, 2}));
    QCOMPARE(query({{u"unassigned"_s, true}}), ids({0, 3, 4, 5}));
    QCOMPARE(query({{u"open"_s, false}}), ids({5}));
    QCOMPARE(query({{u"open"_s, true}}), ids({0, 1, 2, 3, 4}));
    QCOMPARE(query({{u"open"_s, true}, {u"unassigned"_s, true}, {u"types"_s, QJsonArray{u"repair"_s}}}), ids({4}));

    // Free text: a Chinese substring from the middle of a title, a Latin word in any case, and the number.
    QCOMPARE(listIds({{u"text"_s, u"单元水管"_s}}), QList<qint64>{idOf(made[1])});
    QCOMPARE(listIds({{u"text"_s, u"阀门"_s}}), QList<qint64>{idOf(made[4])});
    QCOMPARE(listIds({{u"text"_s, u"vpn CERTIFICATE"_s}}), QList<qint64>{idOf(made[2])});
    QCOMPARE(listIds({{u"text"_s, made[3].value(u"number"_s).toString()}}), QList<qint64>{idOf(made[3])});
    QCOMPARE(listIds({{u"text"_s, u"100%_no_such_thing"_s}}), QList<qint64>{});

    // Created range [from, to): compare with the createdAt the server gave each ticket.
    const QDateTime first = timeFromJson(made[0].value(u"createdAt"_s));
    const QDateTime third = timeFromJson(made[2].value(u"createdAt"_s));
    QList<qint64> expected;
    for (const QJsonObject &t : made) {
        const QDateTime at = timeFromJson(t.value(u"createdAt"_s));
        if (at >= first && at < third)
            expected << idOf(t);
    }
    std::sort(expected.begin(), expected.end());
    QVERIFY(expected.contains(idOf(made[0])) && !expected.contains(idOf(made[2])));
    QCOMPARE(query({{u"createdFrom"_s, timeToJson(first)}, {u"createdTo"_s, timeToJson(third)}}), expected);
    QCOMPARE(query({{u"createdFrom"_s, timeToJson(QDateTime::currentDateTimeUtc().addDays(1))}}), QList<qint64>{});
    QCOMPARE(query({{u"createdTo"_s, timeToJson(first)}}), QList<qint64>{});

    // Sort and paging: pages of two put together are the whole sorted list, and total counts all of it.
    QList<qint64> paged;
    for (int offset = 0; offset < 8; offset += 2) {
        qint64 total = 0;
        paged += listIds({{u"text"_s, marker},
                          {u"sort"_s, u"number"_s},
                          {u"descending"_s, false},
                          {u"offset"_s, offset},
                          {u"limit"_s, 2}},
                         &total);
        QCOMPARE(total, 6);
    }
    QCOMPARE(paged, ids({0, 1, 2, 3, 4, 5}));
    // totalLimit: the count stops there and says so (the console shows "4 or more"); the page is the same.
    const Response capped =
        m_disp->request(Op::TicketList, {{u"text"_s, marker}, {u"limit"_s, 2}, {u"totalLimit"_s, 4}});
    CL_VERIFY_OK(capped);
    QCOMPARE(capped.result.value(u"total"_s).toInteger(), 4);
    QCOMPARE(capped.result.value(u"totalCapped"_s).toBool(), true);
    QCOMPARE(capped.result.value(u"tickets"_s).toArray().size(), 2);
    const Response exact = m_disp->request(Op::TicketList, {{u"text"_s, marker}, {u"totalLimit"_s, 6}});
    CL_VERIFY_OK(exact);
    QCOMPARE(exact.result.value(u"total"_s).toInteger(), 6);
    QVERIFY(!exact.result.contains(u"totalCapped"_s));
    const Response refused = m_disp->request(Op::TicketList, {{u"text"_s, marker}, {u"totalLimit"_s, 0}});
    CL_COMPARE_ERROR(refused, "invalid_field");
    QCOMPARE(refused.error.details.value(u"field"_s).toString(), u"totalLimit"_s);
    const Response byPriority =
        m_disp->request(Op::TicketList, {{u"text"_s, marker}, {u"sort"_s, u"priority"_s}, {u"descending"_s, true}});
    CL_VERIFY_OK(byPriority);
    QStringList order;
    for (const QJsonValue &t : byPriority.result.value(u"tickets"_s).toArray())
        order << t.toObject().value(u"priority"_s).toString();
    QCOMPARE(order, (QStringList{u"urgent"_s, u"urgent"_s, u"high"_s, u"normal"_s, u"normal"_s, u"low"_s}));
    // The "rows" shape: the same page, each ticket an array under the named columns.
    const Response asRows = m_disp->request(
        Op::TicketList,
        {{u"text"_s, marker}, {u"sort"_s, u"priority"_s}, {u"descending"_s, true}, {u"shape"_s, u"rows"_s}});
    CL_VERIFY_OK(asRows);
    const QJsonArray columns = asRows.result.value(u"columns"_s).toArray();
    const QJsonArray rows = asRows.result.value(u"rows"_s).toArray();
    const QJsonArray objects = byPriority.result.value(u"tickets"_s).toArray();
    QVERIFY(!asRows.result.contains(u"tickets"_s));
    QCOMPARE(asRows.result.value(u"total"_s).toInteger(), 6);
    QCOMPARE(rows.size(), objects.size());
    QVERIFY(columns.contains(u"id"_s) && columns.contains(u"priority"_s) && !columns.contains(u"description"_s));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonArray row = rows.at(i).toArray();
        const QJsonObject object = objects.at(i).toObject();
        QCOMPARE(row.size(), columns.size());
        for (qsizetype c = 0; c < columns.size(); ++c) {
            const QString name = columns.at(c).toString();
            QCOMPARE(row.at(c), object.contains(name) ? object.value(name) : QJsonValue(QJsonValue::Null));
        }
    }
    CL_COMPARE_ERROR(m_disp->request(Op::TicketList, {{u"shape"_s, u"table"_s}}), "invalid_field");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketList, {{u"sort"_s, u"colour"_s}}), "invalid_field");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketList, {{u"limit"_s, 100000}}), "invalid_field");

    // The requester sees none of these (all filed by the dispatcher).
    const Response mine = m_req->request(Op::TicketList, {{u"text"_s, marker}});
    CL_VERIFY_OK(mine);
    QCOMPARE(mine.result.value(u"total"_s).toInteger(), 0);
}

void TestE2eTickets::getWithCommentsAttachmentsHistory()
{
    const QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Keyboard missing keys"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 id = idOf(t);
    CL_VERIFY_OK(m_req->request(Op::TicketComment, {{u"ticketId"_s, id}, {u"body"_s, u"The E key is gone"_s}}));
    CL_VERIFY_OK(m_disp->request(Op::TicketComment, {{u"ticketId"_s, id}, {u"body"_s, u"We'll bring a new one"_s}}));
    QVERIFY(attachSmallFile(*m_req, id, "photo bytes", u"keyboard.jpg"_s));
    const Response a = m_disp->request(
        Op::TicketAssign, {{u"ticketId"_s, id}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, m_cast.engineer.id}});
    CL_VERIFY_OK(a);

    const QJsonObject got = getTicket(*m_disp, id);
    QCOMPARE(got.value(u"ticket"_s).toObject().value(u"status"_s).toString(), u"in_progress"_s);
    const QJsonArray comments = got.value(u"comments"_s).toArray();
    QCOMPARE(comments.size(), 2);
    QCOMPARE(comments.at(0).toObject().value(u"authorId"_s).toInteger(), m_cast.requester.id);
    QCOMPARE(comments.at(1).toObject().value(u"authorId"_s).toInteger(), m_cast.dispatcher.id);
    const QJsonArray attachments = got.value(u"attachments"_s).toArray();
    QCOMPARE(attachments.size(), 1);
    QCOMPARE(attachments.at(0).toObject().value(u"fileName"_s).toString(), u"keyboard.jpg"_s);
    QCOMPARE(attachments.at(0).toObject().value(u"size"_s).toInteger(), 11);
    QStringList actions;
    for (const QJsonValue &h : got.value(u"history"_s).toArray())
        actions << h.toObject().value(u"action"_s).toString();
    QCOMPARE(actions, (QStringList{u"create"_s, u"attach"_s, u"assign"_s}));
    QVERIFY(got.value(u"transitions"_s).toArray().contains(u"resolve"_s));
    QVERIFY(got.value(u"seq"_s).toInteger() > 0);
    CL_COMPARE_ERROR(m_disp->request(Op::TicketGet, {{u"ticketId"_s, 999999}}), "not_found");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketGet, {}), "invalid_field");
}

void TestE2eTickets::update()
{
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Projector"_s}});
    QVERIFY(!t.isEmpty());
    const Response r = m_disp->request(
        Op::TicketUpdate, {{u"ticketId"_s, idOf(t)},
                           {u"version"_s, 1},
                           {u"changes"_s, QJsonObject{{u"title"_s, u"Projector in hall B flickers"_s},
                                                      {u"priority"_s, u"high"_s},
                                                      {u"category"_s, u"电脑硬件"_s},
                                                      {u"fields"_s, QJsonObject{{u"room"_s, u"B-101"_s}}}}}});
    CL_VERIFY_OK(r);
    const QJsonObject u = ticketOf(r);
    QCOMPARE(versionOf(u), 2);
    QCOMPARE(u.value(u"title"_s).toString(), u"Projector in hall B flickers"_s);
    QCOMPARE(u.value(u"priority"_s).toString(), u"high"_s);
    QCOMPARE(u.value(u"fields"_s).toObject().value(u"room"_s).toString(), u"B-101"_s);

    // Based on a stale version: conflict, with the current state to show.
    const Response stale = m_disp->request(
        Op::TicketUpdate,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, 1}, {u"changes"_s, QJsonObject{{u"priority"_s, u"low"_s}}}});
    CL_COMPARE_ERROR(stale, "conflict");
    QCOMPARE(stale.error.details.value(u"current"_s).toObject().value(u"version"_s).toInteger(), 2);
    // Engineers edit only their own tickets; an empty title is refused.
    CL_COMPARE_ERROR(m_eng->request(Op::TicketUpdate, {{u"ticketId"_s, idOf(t)},
                                                       {u"version"_s, 2},
                                                       {u"changes"_s, QJsonObject{{u"title"_s, u"mine"_s}}}}),
                     "forbidden");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketUpdate, {{u"ticketId"_s, idOf(t)},
                                                        {u"version"_s, 2},
                                                        {u"changes"_s, QJsonObject{{u"title"_s, u" "_s}}}}),
                     "invalid_field");

    const QJsonArray history = getTicket(*m_disp, idOf(t)).value(u"history"_s).toArray();
    QCOMPARE(history.size(), 2);
    const QJsonObject changes = history.at(1).toObject().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"priority"_s).toObject().value(u"from"_s).toString(), u"normal"_s);
    QCOMPARE(changes.value(u"priority"_s).toObject().value(u"to"_s).toString(), u"high"_s);
}

void TestE2eTickets::assignReassignAccept()
{
    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Laptop will not boot"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 id = idOf(t);
    Response r = m_disp->request(Op::TicketAssign, {{u"ticketId"_s, id},
                                                    {u"version"_s, 1},
                                                    {u"assigneeId"_s, m_cast.engineer.id},
                                                    {u"note"_s, u"Check the SSD first"_s}});
    CL_VERIFY_OK(r);
    QCOMPARE(ticketOf(r).value(u"assigneeId"_s).toInteger(), m_cast.engineer.id);
    QCOMPARE(ticketOf(r).value(u"status"_s).toString(), u"in_progress"_s);

    // Reassign to the second engineer: still in progress, nobody has accepted yet.
    r = m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, id}, {u"version"_s, versionOf(ticketOf(r))}, {u"assigneeId"_s, m_cast.engineer2.id}});
    CL_VERIFY_OK(r);
    QJsonObject now = ticketOf(r);
    QCOMPARE(now.value(u"assigneeId"_s).toInteger(), m_cast.engineer2.id);
    QCOMPARE(now.value(u"status"_s).toString(), u"in_progress"_s);
    QVERIFY(now.value(u"acceptedAt"_s).isNull());

    // Only the assignee accepts, once.
    CL_COMPARE_ERROR(m_eng->request(Op::TicketAccept, {{u"ticketId"_s, id}, {u"version"_s, versionOf(now)}}),
                     "forbidden");
    r = m_eng2->request(Op::TicketAccept, {{u"ticketId"_s, id}, {u"version"_s, versionOf(now)}});
    CL_VERIFY_OK(r);
    now = ticketOf(r);
    QVERIFY(!now.value(u"acceptedAt"_s).isNull());
    QVERIFY(!now.value(u"firstResponseAt"_s).isNull());
    CL_COMPARE_ERROR(m_eng2->request(Op::TicketAccept, {{u"ticketId"_s, id}, {u"version"_s, versionOf(now)}}),
                     "invalid_transition");

    // Nobody can hold a ticket who cannot work on it.
    const Response toRequester =
        m_disp->request(Op::TicketAssign,
                        {{u"ticketId"_s, id}, {u"version"_s, versionOf(now)}, {u"assigneeId"_s, m_cast.requester.id}});
    CL_COMPARE_ERROR(toRequester, "invalid_field");
    QCOMPARE(toRequester.error.details.value(u"field"_s).toString(), u"assigneeId"_s);
    CL_COMPARE_ERROR(m_disp->request(Op::TicketAssign, {{u"ticketId"_s, id}, {u"version"_s, versionOf(now)}}),
                     "invalid_field");
    // The assignment note became an internal message.
    const QJsonArray comments = getTicket(*m_disp, id).value(u"comments"_s).toArray();
    QCOMPARE(comments.size(), 1);
    QCOMPARE(comments.at(0).toObject().value(u"kind"_s).toString(), u"internal"_s);
}

void TestE2eTickets::repliesAndInternalNotes()
{
    const QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Cannot print to the colour printer"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 id = idOf(t);
    const Response reply =
        m_disp->request(Op::TicketComment, {{u"ticketId"_s, id}, {u"body"_s, u"Which building are you in?"_s}});
    CL_VERIFY_OK(reply);
    QCOMPARE(reply.result.value(u"comment"_s).toObject().value(u"kind"_s).toString(), u"public"_s);
    const Response note = m_disp->request(
        Op::TicketComment,
        {{u"ticketId"_s, id}, {u"kind"_s, u"internal"_s}, {u"body"_s, u"Printer lease ends soon; do not repair"_s}});
    CL_VERIFY_OK(note);
    CL_VERIFY_OK(m_req->request(Op::TicketComment, {{u"ticketId"_s, id}, {u"body"_s, u"Building C"_s}}));
    CL_COMPARE_ERROR(m_disp->request(Op::TicketComment, {{u"ticketId"_s, id}, {u"body"_s, u"  "_s}}), "invalid_field");

    const QJsonArray staffView = getTicket(*m_disp, id).value(u"comments"_s).toArray();
    QCOMPARE(staffView.size(), 3);
    const QJsonArray requesterView = getTicket(*m_req, id).value(u"comments"_s).toArray();
    QCOMPARE(requesterView.size(), 2);
    for (const QJsonValue &c : requesterView) {
        QCOMPARE(c.toObject().value(u"kind"_s).toString(), u"public"_s);
        QVERIFY(!c.toObject().value(u"body"_s).toString().contains(u"lease"_s));
    }
    // The first public staff reply counts as the first response.
    QVERIFY(!getTicket(*m_disp, id).value(u"ticket"_s).toObject().value(u"firstResponseAt"_s).isNull());
}

void TestE2eTickets::internalTextStaysInternal()
{
    // Internal notes reach a requester by no other path either: not through the history's reasons (an assignment
    // note, a suspension reason), not as an attachment on an internal note.
    QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Desk phone dead"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 id = idOf(t);
    Response r = m_disp->request(Op::TicketAssign, {{u"ticketId"_s, id},
                                                    {u"version"_s, versionOf(t)},
                                                    {u"assigneeId"_s, m_cast.engineer.id},
                                                    {u"note"_s, u"SECRET-ASSIGN caller is difficult"_s}});
    CL_VERIFY_OK(r);
    r = m_eng->request(Op::TicketSuspend, {{u"ticketId"_s, id},
                                           {u"version"_s, versionOf(ticketOf(r))},
                                           {u"comment"_s, u"SECRET-SUSPEND waiting for budget"_s}});
    CL_VERIFY_OK(r);
    const Response note = m_disp->request(
        Op::TicketComment,
        {{u"ticketId"_s, id}, {u"kind"_s, u"internal"_s}, {u"body"_s, u"SECRET-NOTE see the contract"_s}});
    CL_VERIFY_OK(note);
    const qint64 noteId = note.result.value(u"comment"_s).toObject().value(u"id"_s).toInteger();
    const QByteArray contract = "SECRET-FILE contract terms";
    const QString sha = QString::fromLatin1(QCryptographicHash::hash(contract, QCryptographicHash::Sha256).toHex());
    const Response begin = m_disp->request(
        Op::AttachmentBegin,
        {{u"ticketId"_s, id}, {u"fileName"_s, u"contract.pdf"_s}, {u"size"_s, contract.size()}, {u"sha256"_s, sha}});
    CL_VERIFY_OK(begin);
    CL_VERIFY_OK(m_disp->request(Op::AttachmentChunk, {{u"uploadId"_s, begin.result.value(u"uploadId"_s)},
                                                       {u"offset"_s, 0},
                                                       {u"data"_s, QString::fromLatin1(contract.toBase64())}}));
    const Response attached = m_disp->request(
        Op::AttachmentFinish, {{u"uploadId"_s, begin.result.value(u"uploadId"_s)}, {u"commentId"_s, noteId}});
    CL_VERIFY_OK(attached);
    const qint64 attachmentId = attached.result.value(u"attachment"_s).toObject().value(u"id"_s).toInteger();
    QVERIFY(attachSmallFile(*m_req, id, "public photo", u"photo.jpg"_s));

    // Staff see all of it.
    const QJsonObject staff = getTicket(*m_disp, id);
    QVERIFY(QJsonDocument(staff).toJson().contains("SECRET-ASSIGN"));
    QCOMPARE(staff.value(u"attachments"_s).toArray().size(), 2);

    // The requester sees the ticket, the history's actions and the public attachment; nothing secret.
    const QJsonObject mine = getTicket(*m_req, id);
    QVERIFY(!mine.isEmpty());
    const QByteArray text = QJsonDocument(mine).toJson();
    QVERIFY2(!text.contains("SECRET"), text.constData());
    QStringList actions;
    for (const QJsonValue &h : mine.value(u"history"_s).toArray())
        actions << h.toObject().value(u"action"_s).toString();
    QVERIFY(actions.contains(u"assign"_s) && actions.contains(u"suspend"_s));
    QCOMPARE(mine.value(u"attachments"_s).toArray().size(), 1);
    QCOMPARE(mine.value(u"attachments"_s).toArray().at(0).toObject().value(u"fileName"_s).toString(), u"photo.jpg"_s);
    CL_COMPARE_ERROR(m_req->request(Op::AttachmentDownload, {{u"attachmentId"_s, attachmentId}}), "not_found");
    CL_VERIFY_OK(m_disp->request(Op::AttachmentDownload, {{u"attachmentId"_s, attachmentId}}));
}

void TestE2eTickets::split()
{
    const QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Two problems in one mail"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 id = idOf(t);
    QList<qint64> commentIds;
    for (const auto &[client, body] :
         {std::pair{m_req.get(), u"Problem 1: e-mail is slow"_s},
          std::pair{m_req.get(), u"Problem 2: the projector in 3-201 is broken\nsince Monday"_s},
          std::pair{m_disp.get(), u"Projector: we will send someone"_s}}) {
        const Response r = client->request(Op::TicketComment, {{u"ticketId"_s, id}, {u"body"_s, body}});
        CL_VERIFY_OK(r);
        commentIds << r.result.value(u"comment"_s).toObject().value(u"id"_s).toInteger();
    }
    const Response r = m_disp->request(Op::TicketSplit, {{u"ticketId"_s, id},
                                                         {u"version"_s, versionOf(t)},
                                                         {u"commentIds"_s, QJsonArray{commentIds[1], commentIds[2]}}});
    CL_VERIFY_OK(r);
    const QJsonObject created = ticketOf(r);
    const qint64 newId = idOf(created);
    QVERIFY(newId > 0 && newId != id);
    QCOMPARE(created.value(u"title"_s).toString(), u"Problem 2: the projector in 3-201 is broken"_s);
    QCOMPARE(created.value(u"requester"_s).toObject().value(u"userId"_s).toInteger(), m_cast.requester.id);

    const QJsonObject child = getTicket(*m_disp, newId);
    const QJsonArray moved = child.value(u"comments"_s).toArray();
    QCOMPARE(idsOf(moved), (QList<qint64>{commentIds[1], commentIds[2]}));
    QCOMPARE(moved.at(0).toObject().value(u"authorId"_s).toInteger(), m_cast.requester.id); // authors kept
    QCOMPARE(moved.at(1).toObject().value(u"authorId"_s).toInteger(), m_cast.dispatcher.id);
    QCOMPARE(moved.at(0).toObject().value(u"originTicketId"_s).toInteger(), id);
    const QJsonArray childLinks = child.value(u"links"_s).toArray();
    QCOMPARE(childLinks.size(), 1);
    QCOMPARE(childLinks.at(0).toObject().value(u"ticketId"_s).toInteger(), id);
    QCOMPARE(childLinks.at(0).toObject().value(u"kind"_s).toString(), u"parent"_s);

    const QJsonObject parent = getTicket(*m_disp, id);
    QCOMPARE(idsOf(parent.value(u"comments"_s).toArray()), QList<qint64>{commentIds[0]});
    const QJsonArray parentLinks = parent.value(u"links"_s).toArray();
    QCOMPARE(parentLinks.size(), 1);
    QCOMPARE(parentLinks.at(0).toObject().value(u"ticketId"_s).toInteger(), newId);
    QCOMPARE(parentLinks.at(0).toObject().value(u"kind"_s).toString(), u"child"_s);
    QVERIFY(parent.value(u"ticket"_s)
                .toObject()
                .value(u"fields"_s)
                .toObject()
                .value(u"splitInto"_s)
                .toArray()
                .contains(created.value(u"number"_s)));
    // The requester follows the new ticket too.
    CL_VERIFY_OK(m_req->request(Op::TicketGet, {{u"ticketId"_s, newId}}));

    // A message of another ticket cannot be split off this one.
    CL_COMPARE_ERROR(m_disp->request(Op::TicketSplit, {{u"ticketId"_s, id},
                                                       {u"version"_s, versionOf(parent.value(u"ticket"_s).toObject())},
                                                       {u"commentIds"_s, QJsonArray{commentIds[2]}}}),
                     "invalid_field");
}

void TestE2eTickets::merge()
{
    const QJsonObject master =
        createTicket(*m_req, {{u"title"_s, u"No water in building 5"_s}, {u"type"_s, u"repair"_s}});
    const QJsonObject dup =
        createTicket(*m_disp, {{u"title"_s, u"Building 5 water outage"_s}, {u"type"_s, u"repair"_s}});
    QVERIFY(!master.isEmpty() && !dup.isEmpty());
    const Response c =
        m_disp->request(Op::TicketComment, {{u"ticketId"_s, idOf(dup)}, {u"body"_s, u"Caller: Mr. Wang"_s}});
    CL_VERIFY_OK(c);
    const qint64 dupComment = c.result.value(u"comment"_s).toObject().value(u"id"_s).toInteger();
    QVERIFY(attachSmallFile(*m_disp, idOf(dup), "voicemail", u"call.wav"_s));
    const Response upd =
        m_disp->request(Op::TicketUpdate, {{u"ticketId"_s, idOf(dup)},
                                           {u"version"_s, versionOf(dup)},
                                           {u"changes"_s, QJsonObject{{u"address"_s, u"5 Main St"_s}}}});
    CL_VERIFY_OK(upd);
    const qint64 dupVersion = versionOf(ticketOf(upd));
    const int dupHistory = static_cast<int>(getTicket(*m_disp, idOf(dup)).value(u"history"_s).toArray().size());

    // Based on a stale version of the master: refused as a whole, the duplicate untouched.
    const Response stale = m_disp->request(Op::TicketMerge, {{u"ticketId"_s, idOf(master)},
                                                             {u"version"_s, versionOf(master) + 5},
                                                             {u"duplicateIds"_s, QJsonArray{idOf(dup)}},
                                                             {u"duplicateVersions"_s, QJsonArray{dupVersion}}});
    CL_COMPARE_ERROR(stale, "conflict");
    const QJsonObject untouched = getTicket(*m_disp, idOf(dup));
    QVERIFY(untouched.value(u"ticket"_s).toObject().value(u"mergedInto"_s).isNull());
    QCOMPARE(versionOf(untouched.value(u"ticket"_s).toObject()), dupVersion);
    QCOMPARE(untouched.value(u"comments"_s).toArray().size(), 1);
    QCOMPARE(untouched.value(u"attachments"_s).toArray().size(), 1);
    QCOMPARE(getTicket(*m_disp, idOf(master)).value(u"comments"_s).toArray().size(), 0);

    const Response r = m_disp->request(Op::TicketMerge, {{u"ticketId"_s, idOf(master)},
                                                         {u"version"_s, versionOf(master)},
                                                         {u"duplicateIds"_s, QJsonArray{idOf(dup)}},
                                                         {u"duplicateVersions"_s, QJsonArray{dupVersion}}});
    CL_VERIFY_OK(r);
    QVERIFY(
        ticketOf(r).value(u"fields"_s).toObject().value(u"mergedFrom"_s).toArray().contains(dup.value(u"number"_s)));

    const QJsonObject merged = getTicket(*m_disp, idOf(dup));
    QCOMPARE(merged.value(u"ticket"_s).toObject().value(u"mergedInto"_s).toInteger(), idOf(master));
    QCOMPARE(merged.value(u"ticket"_s).toObject().value(u"status"_s).toString(), u"closed"_s);
    QCOMPARE(merged.value(u"comments"_s).toArray().size(), 0);
    QCOMPARE(merged.value(u"attachments"_s).toArray().size(), 0);

    const QJsonObject survivor = getTicket(*m_disp, idOf(master));
    QVERIFY(idsOf(survivor.value(u"comments"_s).toArray()).contains(dupComment));
    QCOMPARE(survivor.value(u"attachments"_s).toArray().size(), 1);
    QCOMPARE(survivor.value(u"attachments"_s).toArray().at(0).toObject().value(u"fileName"_s).toString(),
             u"call.wav"_s);
    int copied = 0;
    for (const QJsonValue &h : survivor.value(u"history"_s).toArray())
        copied += h.toObject().value(u"reason"_s).toString().contains(dup.value(u"number"_s).toString()) ? 1 : 0;
    QVERIFY2(copied >= dupHistory, qPrintable(u"%1 of %2 history entries moved"_s.arg(copied).arg(dupHistory)));
    bool linked = false;
    for (const QJsonValue &l : survivor.value(u"links"_s).toArray())
        linked = linked || (l.toObject().value(u"ticketId"_s).toInteger() == idOf(dup) &&
                            l.toObject().value(u"kind"_s).toString() == u"duplicate");
    QVERIFY(linked);

    // Later messages and urges addressed to the merged ticket land on the master.
    const Response late =
        m_disp->request(Op::TicketComment, {{u"ticketId"_s, idOf(dup)}, {u"body"_s, u"He called again"_s}});
    CL_VERIFY_OK(late);
    QCOMPARE(late.result.value(u"ticketId"_s).toInteger(), idOf(master));
    QCOMPARE(
        getTicket(*m_disp, idOf(master)).value(u"comments"_s).toArray().last().toObject().value(u"body"_s).toString(),
        u"He called again"_s);
    // The merged ticket itself accepts no more changes.
    CL_COMPARE_ERROR(m_disp->request(Op::TicketUpdate, {{u"ticketId"_s, idOf(dup)},
                                                        {u"version"_s, versionOf(merged.value(u"ticket"_s).toObject())},
                                                        {u"changes"_s, QJsonObject{{u"title"_s, u"x"_s}}}}),
                     "invalid_transition");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketMerge, {{u"ticketId"_s, idOf(master)},
                                                       {u"version"_s, 99},
                                                       {u"duplicateIds"_s, QJsonArray{idOf(master)}},
                                                       {u"duplicateVersions"_s, QJsonArray{1}}}),
                     "invalid_field");
}

void TestE2eTickets::linkUnlink()
{
    const QJsonObject a = createTicket(*m_disp, {{u"title"_s, u"Outage A"_s}});
    const QJsonObject b = createTicket(*m_disp, {{u"title"_s, u"Outage B"_s}});
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const Response r =
        m_disp->request(Op::TicketLink, {{u"ticketId"_s, idOf(a)}, {u"otherId"_s, idOf(b)}, {u"kind"_s, u"related"_s}});
    CL_VERIFY_OK(r);
    QCOMPARE(r.result.value(u"links"_s).toArray().size(), 1);
    const QJsonArray fromB = getTicket(*m_disp, idOf(b)).value(u"links"_s).toArray();
    QCOMPARE(fromB.size(), 1);
    QCOMPARE(fromB.at(0).toObject().value(u"ticketId"_s).toInteger(), idOf(a));
    QCOMPARE(fromB.at(0).toObject().value(u"number"_s).toString(), a.value(u"number"_s).toString());

    CL_COMPARE_ERROR(
        m_disp->request(Op::TicketLink, {{u"ticketId"_s, idOf(a)}, {u"otherId"_s, idOf(a)}, {u"kind"_s, u"related"_s}}),
        "invalid_field");
    CL_COMPARE_ERROR(
        m_disp->request(Op::TicketLink, {{u"ticketId"_s, idOf(a)}, {u"otherId"_s, 999999}, {u"kind"_s, u"related"_s}}),
        "not_found");
    CL_VERIFY_OK(m_disp->request(Op::TicketUnlink, {{u"ticketId"_s, idOf(b)}, {u"otherId"_s, idOf(a)}}));
    QCOMPARE(getTicket(*m_disp, idOf(a)).value(u"links"_s).toArray().size(), 0);
    QCOMPARE(getTicket(*m_disp, idOf(b)).value(u"links"_s).toArray().size(), 0);
    CL_COMPARE_ERROR(m_disp->request(Op::TicketUnlink, {{u"ticketId"_s, idOf(b)}, {u"otherId"_s, idOf(a)}}),
                     "not_found");
}

void TestE2eTickets::referencesMustExist()
{
    // This database has no teams and no user 424242: naming one is a clear invalid_field, never a storage error,
    // and changes nothing.
    const qint64 before = headSeq(*m_disp);
    const Response created = m_disp->request(Op::TicketCreate, {{u"title"_s, u"Ghost team"_s}, {u"teamId"_s, 9999}});
    CL_COMPARE_ERROR(created, "invalid_field");
    QCOMPARE(created.error.details.value(u"field"_s).toString(), u"teamId"_s);
    const Response ghostRequester = m_disp->request(
        Op::TicketCreate, {{u"title"_s, u"Ghost requester"_s}, {u"requester"_s, QJsonObject{{u"userId"_s, 424242}}}});
    CL_COMPARE_ERROR(ghostRequester, "invalid_field");
    QCOMPARE(ghostRequester.error.details.value(u"field"_s).toString(), u"requester.userId"_s);

    const QJsonObject t = createTicket(*m_disp, {{u"title"_s, u"Real ticket"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 afterCreate = headSeq(*m_disp);
    QCOMPARE(afterCreate, before + 1);
    const Response assigned = m_disp->request(
        Op::TicketAssign, {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"teamId"_s, 9999}});
    CL_COMPARE_ERROR(assigned, "invalid_field");
    QCOMPARE(assigned.error.details.value(u"field"_s).toString(), u"teamId"_s);
    CL_COMPARE_ERROR(
        m_disp->request(Op::TicketAssign,
                        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"assigneeId"_s, 424242}}),
        "not_found");
    const Response updated = m_disp->request(
        Op::TicketUpdate,
        {{u"ticketId"_s, idOf(t)}, {u"version"_s, versionOf(t)}, {u"changes"_s, QJsonObject{{u"teamId"_s, 9999}}}});
    CL_COMPARE_ERROR(updated, "invalid_field");
    QCOMPARE(updated.error.details.value(u"field"_s).toString(), u"changes.teamId"_s);
    const Response user = m_admin->request(Op::UserCreate, {{u"username"_s, u"teamless"_s},
                                                            {u"role"_s, u"engineer"_s},
                                                            {u"password"_s, u"Passw0rd-e2e"_s},
                                                            {u"teamId"_s, 9999}});
    CL_COMPARE_ERROR(user, "invalid_field");
    QCOMPARE(user.error.details.value(u"field"_s).toString(), u"teamId"_s);
    QCOMPARE(headSeq(*m_disp), afterCreate);
    QCOMPARE(versionOf(getTicket(*m_disp, idOf(t)).value(u"ticket"_s).toObject()), versionOf(t));
}

QTEST_GUILESS_MAIN(TestE2eTickets)
#include "tst_e2e_tickets.moc"
