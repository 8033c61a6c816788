// The console's connection and models (no widgets) against the real server: the working set loads, changes by
// others arrive in place, actions taken offline are applied exactly once after reconnecting, a conflicting change
// is reported with the current state and can be re-applied, and a console that was away resumes without gaps.

#include "client/core/workspace.h"
#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using crewline::test::TestClient;
using crewline::test::TestServer;

namespace {

class MemoryTrust final : public TrustStore
{
public:
    QByteArray pinned(const QString &hostPort) const override { return m_pins.value(hostPort); }
    void pin(const QString &hostPort, const QByteArray &sha) override { m_pins.insert(hostPort, sha); }

private:
    QHash<QString, QByteArray> m_pins;
};

constexpr int kWait = 15000;

} // namespace

class TestConsoleCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void loadsWorkingSet();
    void createAppearsEverywhere();
    void othersChangesArriveInPlace();
    void offlineActionsAppliedOnce();
    void offlineChainOnOneTicket();
    void conflictReportedAndReapplied();
    void resumesWithoutGaps();
    void serverSearchFillsTheModel();

private:
    TicketId openTicketAssignedTo(bool assigned);
    UserId anEngineer() const;

    std::unique_ptr<TestServer> m_server;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<TestClient> m_other;
};

void TestConsoleCore::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{u"--demo-data"_s, u"--demo-tickets"_s, u"80"_s, u"--demo-engineers"_s, u"6"_s});
    QVERIFY(m_server->start());
}

void TestConsoleCore::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestConsoleCore::init()
{
    m_ws = std::make_unique<Workspace>(m_trust);
    m_ws->connection().setReconnectDelays(50, 200);
    QSignalSpy loaded(m_ws.get(), &Workspace::loadProgress);
    m_ws->login(m_server->url(), u"disp1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
    QVERIFY(m_ws->connection().isOnline());
    QTRY_VERIFY_WITH_TIMEOUT(!m_ws->directory().assignableUsers().isEmpty(), kWait);

    m_other = std::make_unique<TestClient>(u"sup1"_s);
    QVERIFY(m_other->loginAs(m_server->url(), u"sup1"_s, u"demo123"_s));
    QVERIFY(m_other->request(protocol::Op::Subscribe).ok);
}

void TestConsoleCore::cleanup()
{
    m_server->printOutputIfFailed();
    m_other.reset();
    m_ws.reset();
}

UserId TestConsoleCore::anEngineer() const
{
    for (const User &u : m_ws->directory().assignableUsers()) {
        if (u.role == Role::Engineer)
            return u.id;
    }
    return {};
}

TicketId TestConsoleCore::openTicketAssignedTo(bool assigned)
{
    // A fresh help-desk ticket, so every test starts from a known state.
    const protocol::Response r = m_other->request(
        protocol::Op::TicketCreate, {{u"title"_s, u"打印机卡纸 printer jam"_s}, {u"type"_s, u"it_helpdesk"_s}});
    if (!r.ok)
        return {};
    const Ticket t = Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
    if (assigned) {
        const protocol::Response a = m_other->request(
            protocol::Op::TicketAssign,
            {{u"ticketId"_s, t.id.value()}, {u"version"_s, t.version}, {u"assigneeId"_s, anEngineer().value()}});
        if (!a.ok)
            return {};
    }
    return t.id;
}

void TestConsoleCore::loadsWorkingSet()
{
    // Every open ticket on the server is in the model.
    const protocol::Response r = m_other->request(protocol::Op::TicketList, {{u"open"_s, true}, {u"limit"_s, 1}});
    QVERIFY(r.ok);
    const qint64 open = r.result.value(u"total"_s).toInteger();
    int openInModel = 0;
    for (int row = 0; row < m_ws->tickets().rowCount(); ++row)
        openInModel += m_ws->tickets().index(row, 0).data(TicketModel::OpenRole).toBool() ? 1 : 0;
    QCOMPARE(openInModel, open);
    QVERIFY(!m_ws->directory().types().all().isEmpty());
}

void TestConsoleCore::createAppearsEverywhere()
{
    QSignalSpy confirmed(m_ws.get(), &Workspace::actionConfirmed);
    const int before = m_ws->tickets().rowCount();
    const QString idem = m_ws->createTicket({{u"title"_s, u"VPN cannot connect"_s}});
    QVERIFY(!idem.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().rowCount(), before + 1, kWait);
    const auto seen = m_other->waitForEvent([](const Event &e) {
        return e.type == u"ticket.created" &&
               e.data.value(u"ticket"_s).toObject().value(u"title"_s).toString() == u"VPN cannot connect"_s;
    });
    QVERIFY(seen.has_value());
    QCOMPARE(m_ws->outbox().pendingCount(), 0);
}

void TestConsoleCore::othersChangesArriveInPlace()
{
    const TicketId id = openTicketAssignedTo(false);
    QVERIFY(id.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(id) != nullptr, kWait);
    const int row = m_ws->tickets().rowOf(id);
    const qint64 version = m_ws->tickets().ticket(id)->version;
    QSignalSpy changed(&m_ws->tickets(), &QAbstractItemModel::dataChanged);
    const protocol::Response r =
        m_other->request(protocol::Op::TicketUpdate, {{u"ticketId"_s, id.value()},
                                                      {u"version"_s, version},
                                                      {u"changes"_s, QJsonObject{{u"priority"_s, u"urgent"_s}}}});
    QVERIFY2(r.ok, qPrintable(test::describe(r)));
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->priority, Priority::Urgent, kWait);
    QCOMPARE(m_ws->tickets().rowOf(id), row); // updated in place, not removed and re-added
    QVERIFY(changed.count() >= 1);
}

void TestConsoleCore::offlineActionsAppliedOnce()
{
    const TicketId id = openTicketAssignedTo(false);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(id) != nullptr, kWait);
    const UserId engineer = anEngineer();

    m_ws->connection().goOffline();
    QCOMPARE(m_ws->connection().state(), Connection::State::Offline);
    QVERIFY(!m_ws->assign(id, engineer).isEmpty());
    QVERIFY(!m_ws->urge(id, u"客户第二次来电"_s).isEmpty());
    QCOMPARE(m_ws->outbox().pendingCount(), 2);
    QVERIFY(m_ws->tickets().index(m_ws->tickets().rowOf(id), 0).data(TicketModel::PendingRole).toBool());

    m_ws->connection().reconnect();
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->outbox().pendingCount(), 0, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_ws->tickets().index(m_ws->tickets().rowOf(id), 0).data(TicketModel::PendingRole).toBool(), kWait);

    const protocol::Response got = m_other->request(protocol::Op::TicketGet, {{u"ticketId"_s, id.value()}});
    QVERIFY(got.ok);
    const Ticket t = Ticket::fromJson(got.result.value(u"ticket"_s).toObject());
    QCOMPARE(t.assigneeId, engineer);
    QCOMPARE(t.urgeCount, 1);
    int assigns = 0;
    for (const QJsonValue &h : got.result.value(u"history"_s).toArray())
        assigns += h.toObject().value(u"action"_s).toString() == u"assign" ? 1 : 0;
    QCOMPARE(assigns, 1);
}

void TestConsoleCore::offlineChainOnOneTicket()
{
    // Two changes on one ticket while offline: the second builds on the first (own work is not a conflict).
    const TicketId id = openTicketAssignedTo(false);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(id) != nullptr, kWait);
    m_ws->connection().goOffline();
    m_ws->assign(id, anEngineer());
    m_ws->transition(id, u"resolve"_s, {{u"resolution"_s, u"重启打印机后恢复"_s}}, QString());
    m_ws->connection().reconnect();
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->outbox().actions().size(), 0, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->status, u"pending_confirmation"_s, kWait);
}

void TestConsoleCore::conflictReportedAndReapplied()
{
    const TicketId id = openTicketAssignedTo(false);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(id) != nullptr, kWait);
    const qint64 version = m_ws->tickets().ticket(id)->version;
    QList<User> staff = m_ws->directory().assignableUsers();
    QVERIFY(staff.size() >= 2);

    m_ws->connection().goOffline();
    QSignalSpy conflict(m_ws.get(), &Workspace::conflict);
    m_ws->assign(id, staff.at(0).id);
    // Meanwhile someone else assigns it.
    const protocol::Response other = m_other->request(
        protocol::Op::TicketAssign,
        {{u"ticketId"_s, id.value()}, {u"version"_s, version}, {u"assigneeId"_s, staff.at(1).id.value()}});
    QVERIFY(other.ok);
    m_ws->connection().reconnect();
    QTRY_COMPARE_WITH_TIMEOUT(conflict.count(), 1, kWait);
    const auto action = conflict.at(0).at(0).value<OutboxAction>();
    const auto current = conflict.at(0).at(1).value<Ticket>();
    QCOMPARE(current.assigneeId, staff.at(1).id);
    QCOMPARE(action.error.code, protocol::ErrorCode::Conflict);

    // The user decides to re-apply: now it is based on the current version and succeeds.
    m_ws->reapply(action, current);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->outbox().actions().size(), 0, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->assigneeId, staff.at(0).id, kWait);
}

void TestConsoleCore::resumesWithoutGaps()
{
    QSignalSpy events(&m_ws->connection(), &Connection::eventReceived);
    m_ws->connection().goOffline();
    QList<TicketId> made;
    for (int i = 0; i < 5; ++i)
        made << openTicketAssignedTo(false);
    m_ws->connection().reconnect();
    for (TicketId id : made)
        QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(id) != nullptr, kWait);
    // Strictly increasing sequence numbers: nothing twice, nothing out of order.
    qint64 last = 0;
    for (const QList<QVariant> &args : events) {
        const qint64 seq = args.at(0).value<Event>().seq;
        QVERIFY(seq > last);
        last = seq;
    }
}

// "Search history" (Workspace::searchServer): the newest matches, decoded from the compact "rows" shape, land in the
// model as the server holds them (a closed ticket the working set may not hold included), with the count.
void TestConsoleCore::serverSearchFillsTheModel()
{
    const protocol::Response list = m_other->request(protocol::Op::TicketList, {{u"limit"_s, 500}});
    QVERIFY(list.ok);
    const QJsonArray all = list.result.value(u"tickets"_s).toArray();
    QVERIFY(all.size() >= 20);
    // A word from an existing ticket's title, and what ticket.list says of every ticket holding it.
    const QString word = all.at(0).toObject().value(u"title"_s).toString().left(2);
    QVERIFY(!word.isEmpty());
    const protocol::Response expected =
        m_other->request(protocol::Op::TicketList, {{u"text"_s, word}, {u"limit"_s, 200}, {u"withTotal"_s, true}});
    QVERIFY(expected.ok);
    const QJsonArray matches = expected.result.value(u"tickets"_s).toArray();
    QVERIFY(!matches.isEmpty());
    int found = -2;
    bool capped = true;
    m_ws->searchServer({{u"text"_s, word}}, [&](int total, bool orMore) {
        found = total;
        capped = orMore;
    });
    QTRY_VERIFY_WITH_TIMEOUT(found != -2, kWait);
    QCOMPARE(found, expected.result.value(u"total"_s).toInt());
    QVERIFY(!capped);
    for (const QJsonValue &v : matches) {
        const QJsonObject summary = v.toObject();
        const Ticket *inModel = m_ws->tickets().ticket(TicketId(summary.value(u"id"_s).toInteger()));
        QVERIFY2(inModel, qPrintable(summary.value(u"number"_s).toString()));
        QCOMPARE(inModel->toSummaryJson(), summary);
    }
}

QTEST_GUILESS_MAIN(TestConsoleCore)
#include "tst_console_core.moc"
