// The console's dispatch API (client/core, no widgets) against the real server with the dispatch engine on: the
// staff model follows "staff" notices live (the map reads its roles), dispatch.suggest through the Workspace, a
// claim from an engineer's Workspace through the outbox, and the notifications an offered engineer gets.

#include "client/core/staffmodel.h"
#include "client/core/workspace.h"
#include "tests/support/scenario.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using namespace crewline::test;
using protocol::Op;

namespace {

class MemoryTrust final : public TrustStore
{
public:
    QByteArray pinned(const QString &) const override { return {}; }
    void pin(const QString &, const QByteArray &) override {}
};

constexpr int kWait = 15000;
const GeoPoint kSite = GeoPoint::at(30.2590, 120.1480);

const char *kRules = R"({"emergency": {"keywords": ["冒烟"], "offerCount": 2},
  "rules": [{"id": "pool", "types": ["meter_replacement"], "mode": "pool"}, {"id": "desk", "mode": "manual"}]})";

} // namespace

class TestConsoleDispatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void staffModelMovesLive();
    void suggestThroughTheWorkspace();
    void engineerClaimsAndIsOffered();

private:
    std::unique_ptr<Workspace> login(const QString &user);

    TestServer m_server{
        {u"--demo-data"_s, u"--demo-tickets"_s, u"0"_s, u"--demo-engineers"_s, u"4"_s, u"--auto-dispatch"_s, u"on"_s}};
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_desk;
    std::unique_ptr<StaffModel> m_staff;
    std::unique_ptr<TestClient> m_eng1, m_eng2;
};

std::unique_ptr<Workspace> TestConsoleDispatch::login(const QString &user)
{
    auto ws = std::make_unique<Workspace>(m_trust);
    ws->login(m_server.url(), user, u"demo123"_s);
    if (!QTest::qWaitFor([&] { return ws->isLoaded(); }, kWait))
        return nullptr;
    return ws;
}

void TestConsoleDispatch::initTestCase()
{
    QVERIFY(QDir().mkpath(m_server.dataDir() + u"/dispatch"_s));
    QFile rules(m_server.dataDir() + u"/dispatch/rules.json"_s);
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(kRules);
    rules.close();
    QVERIFY(m_server.start());
    m_desk = login(u"disp1"_s);
    QVERIFY(m_desk);
    m_staff = std::make_unique<StaffModel>(m_desk->directory(), &m_desk->tickets());
    QSignalSpy loaded(m_staff.get(), &StaffModel::loaded);
    m_staff->attach(m_desk->connection());
    QVERIFY(loaded.wait(kWait));
    m_eng1 = connectAs(m_server, u"eng001"_s, u"demo123"_s);
    m_eng2 = connectAs(m_server, u"eng002"_s, u"demo123"_s);
    QVERIFY(m_eng1 && m_eng2);
    // The other demo engineers far away, so that only eng001 and eng002 are near the site.
    for (const QString &name : {u"eng003"_s, u"eng004"_s}) {
        auto other = connectAs(m_server, name, u"demo123"_s);
        QVERIFY(other);
        CL_VERIFY_OK(
            other->request(Op::StaffReport, {{u"lat"_s, kSite.lat + 0.4}, {u"lon"_s, kSite.lon}, {u"accuracy"_s, 9}}));
    }
}

void TestConsoleDispatch::cleanupTestCase()
{
    m_staff.reset();
    m_desk.reset();
    m_eng1.reset();
    m_eng2.reset();
    QVERIFY(m_server.stop());
}

void TestConsoleDispatch::staffModelMovesLive()
{
    const int row = m_staff->rowOf(UserId(m_eng1->userId()));
    QVERIFY(row >= 0);
    QSignalSpy moved(m_staff.get(), &StaffModel::staffMoved);
    CL_VERIFY_OK(m_eng1->request(Op::StaffReport, {{u"lat"_s, kSite.lat},
                                                   {u"lon"_s, kSite.lon + 0.005},
                                                   {u"accuracy"_s, 7},
                                                   {u"heading"_s, 45},
                                                   {u"speed"_s, 6},
                                                   {u"status"_s, u"en_route"_s}}));
    QTRY_VERIFY_WITH_TIMEOUT(!moved.isEmpty(), kWait);
    const QModelIndex i = m_staff->index(row, 0);
    QCOMPARE(i.data(StaffModel::LatitudeRole).toDouble(), kSite.lat);
    QCOMPARE(i.data(StaffModel::LongitudeRole).toDouble(), kSite.lon + 0.005);
    QCOMPARE(i.data(StaffModel::AccuracyRole).toDouble(), 7.0);
    QCOMPARE(i.data(StaffModel::HeadingRole).toDouble(), 45.0);
    QCOMPARE(i.data(StaffModel::StatusRole).toString(), u"en_route"_s);
    QVERIFY(i.data(StaffModel::PositionAtRole).toDateTime().isValid());
    // eng002 available and a little farther, for the next tests.
    CL_VERIFY_OK(m_eng2->request(
        Op::StaffReport,
        {{u"lat"_s, kSite.lat}, {u"lon"_s, kSite.lon + 0.02}, {u"accuracy"_s, 7}, {u"status"_s, u"available"_s}}));
    QTest::qWait(600); // the per-person report interval
    CL_VERIFY_OK(m_eng1->request(
        Op::StaffReport,
        {{u"lat"_s, kSite.lat}, {u"lon"_s, kSite.lon + 0.005}, {u"accuracy"_s, 7}, {u"status"_s, u"available"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(m_staff->index(row, 0).data(StaffModel::StatusRole).toString(), u"available"_s, kWait);
}

void TestConsoleDispatch::suggestThroughTheWorkspace()
{
    auto desk = connectAs(m_server, u"disp2"_s, u"demo123"_s);
    QVERIFY(desk);
    const QJsonObject created =
        createTicket(*desk, {{u"type"_s, u"complaint"_s},
                             {u"title"_s, u"Bill query"_s},
                             {u"location"_s, QJsonObject{{u"lat"_s, kSite.lat}, {u"lon"_s, kSite.lon}}}});
    QVERIFY(!created.isEmpty());
    bool done = false;
    DispatchSuggestion got;
    m_desk->suggestDispatch(TicketId(created.value(u"id"_s).toInteger()), 3,
                            [&](bool ok, const DispatchSuggestion &s, const QString &error) {
                                QVERIFY2(ok, qPrintable(error));
                                got = s;
                                done = true;
                            });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWait);
    QCOMPARE(got.candidates.size(), 3);
    QCOMPARE(got.candidates.first().userId, UserId(m_eng1->userId())); // 480 m, available
    QVERIFY(got.candidates.first().distance > 400 && got.candidates.first().distance < 600);
    QVERIFY(got.candidates.first().position.isValid());
    QVERIFY(got.candidates.first().eligible);
    QVERIFY(!got.candidates.first().breakdown.isEmpty());
    QVERIFY(got.hasLocation);
}

void TestConsoleDispatch::engineerClaimsAndIsOffered()
{
    std::unique_ptr<Workspace> eng = login(u"eng002"_s);
    QVERIFY(eng);
    // A pooled ticket: claimed through the engineer's outbox.
    const QJsonObject pooled =
        createTicket(*m_eng1, {{u"type"_s, u"meter_replacement"_s}, {u"title"_s, u"Meter glass cracked"_s}});
    QVERIFY(!pooled.isEmpty());
    const TicketId id(pooled.value(u"id"_s).toInteger());
    QTRY_COMPARE_WITH_TIMEOUT(eng->tickets().ticket(id) ? eng->tickets().ticket(id)->dispatch.mode : QString(),
                              u"pool"_s, kWait);
    QSignalSpy confirmed(eng.get(), &Workspace::actionConfirmed);
    QVERIFY(!eng->claim(id).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!confirmed.isEmpty(), kWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_desk->tickets().ticket(id) ? m_desk->tickets().ticket(id)->assigneeId : UserId(),
                              eng->me().id, kWait);

    // An emergency offered to the two nearest (eng001, eng002): the engineer's console says so.
    const QJsonObject hot =
        createTicket(*m_eng1, {{u"type"_s, u"complaint"_s},
                               {u"title"_s, u"配电箱冒烟"_s},
                               {u"location"_s, QJsonObject{{u"lat"_s, kSite.lat}, {u"lon"_s, kSite.lon}}}});
    QVERIFY(!hot.isEmpty());
    const TicketId hotId(hot.value(u"id"_s).toInteger());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (int r = 0; r < eng->notifications().rowCount(); ++r) {
                const QModelIndex n = eng->notifications().index(r);
                if (n.data(NotificationModel::TicketIdRole).toLongLong() == hotId.value() &&
                    n.data(Qt::DisplayRole).toString().contains(u"Emergency offered to you"_s))
                    return true;
            }
            return false;
        }(),
        kWait);
}

QTEST_GUILESS_MAIN(TestConsoleDispatch)
#include "tst_console_dispatch.moc"
