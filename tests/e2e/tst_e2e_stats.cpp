// stats.dashboard through the real server: the fixed dataset (tests/support/statsfixture.h) written into the data
// folder before the server starts, answered with the hand-computed figures; role scope and refusals on the wire; a
// ticket created through the protocol shows in the next answer (the counters are kept in its transaction).

#include "server/storage/store.h"
#include "tests/support/scenario.h"
#include "tests/support/statsfixture.h"
#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

QJsonObject totalsOf(const Response &r)
{
    return r.result.value(u"totals"_s).toObject();
}

QJsonObject query(const QString &from, const QString &to, const QString &zone = u"UTC"_s)
{
    return {{u"from"_s, from}, {u"to"_s, to}, {u"timeZone"_s, zone}};
}

} // namespace

class TestE2eStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(server::passwords::initialize());
        QVERIFY(QDir().mkpath(m_server.dataDir()));
        {
            std::unique_ptr<server::Store> store =
                server::openSqliteStore({QDir(m_server.dataDir()).filePath(u"crewline.db"_s), u"fixture"_s, false, {}});
            store->migrate();
            store->beginTransaction();
            m_fixture = stats::seed(*store);
            store->commitTransaction();
        }
        QVERIFY(m_server.start());
    }

    void cleanup() { m_server.printOutputIfFailed(); }
    void cleanupTestCase() { QVERIFY(m_server.stop()); }

    void managerGetsTheHandComputedFigures()
    {
        TestClient boss(u"boss"_s);
        QVERIFY(boss.loginAs(m_server.url(), u"boss"_s, u"secret-pass"_s));
        const Response r = boss.request(Op::StatsDashboard, query(u"2026-03-02"_s, u"2026-03-03"_s));
        QVERIFY2(r.ok, qPrintable(r.error.message));
        QCOMPARE(r.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(totalsOf(r).value(u"created"_s).toInt(), 3);
        QCOMPARE(totalsOf(r).value(u"resolved"_s).toInt(), 2);
        QCOMPARE(totalsOf(r).value(u"firstResponse"_s).toObject().value(u"mean"_s).toInt(), 1200);
        QCOMPARE(totalsOf(r).value(u"sla"_s).toObject().value(u"rate"_s).toDouble(), 0.5);
        QCOMPARE(r.result.value(u"backlog"_s).toObject().value(u"top"_s).toArray().size(), 2);

        // A half-hour zone moves T2 (23:30 UTC) to the next local day.
        const Response india = boss.request(Op::StatsDashboard, query(u"2026-03-02"_s, u"2026-03-02"_s, u"+05:30"_s));
        QVERIFY(india.ok);
        QCOMPARE(totalsOf(india).value(u"created"_s).toInt(), 1);

        // One filter dimension: from the scoped counters; two: from the tickets. Same figures by hand.
        QJsonObject filtered = query(u"2026-03-02"_s, u"2026-03-03"_s, u"+08:00"_s);
        filtered.insert(u"filters"_s, QJsonObject{{u"departments"_s, QJsonArray{u"D1"_s}}});
        const Response d1 = boss.request(Op::StatsDashboard, filtered);
        QVERIFY(d1.ok);
        QCOMPARE(d1.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(totalsOf(d1).value(u"created"_s).toInt(), 2); // T1, T3
        filtered.insert(u"filters"_s, QJsonObject{{u"departments"_s, QJsonArray{u"D1"_s}},
                                                  {u"teamIds"_s, QJsonArray{m_fixture.team2.value()}}});
        const Response d1team2 = boss.request(Op::StatsDashboard, filtered);
        QVERIFY(d1team2.ok);
        QCOMPARE(d1team2.result.value(u"source"_s).toString(), u"tickets"_s);
        QCOMPARE(totalsOf(d1team2).value(u"created"_s).toInt(), 1); // T3
    }

    void scopeAndRefusals()
    {
        TestClient engineer(u"e2"_s);
        QVERIFY(engineer.loginAs(m_server.url(), u"e2"_s, u"secret-pass"_s));
        const Response own = engineer.request(Op::StatsDashboard, query(u"2026-03-01"_s, u"2026-03-09"_s));
        QVERIFY(own.ok);
        QCOMPARE(own.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(totalsOf(own).value(u"created"_s).toInt(), 2); // T3 and T4 only
        QJsonObject other = query(u"2026-03-01"_s, u"2026-03-09"_s);
        other.insert(u"filters"_s, QJsonObject{{u"assigneeIds"_s, QJsonArray{m_fixture.engineer1.value()}}});
        CL_COMPARE_ERROR(engineer.request(Op::StatsDashboard, other), "forbidden");

        TestClient requester(u"req"_s);
        QVERIFY(requester.loginAs(m_server.url(), u"req"_s, u"secret-pass"_s));
        CL_COMPARE_ERROR(requester.request(Op::StatsDashboard, query(u"2026-03-01"_s, u"2026-03-09"_s)), "forbidden");

        TestClient boss(u"boss"_s);
        QVERIFY(boss.loginAs(m_server.url(), u"boss"_s, u"secret-pass"_s));
        CL_COMPARE_ERROR(boss.request(Op::StatsDashboard, query(u"2026-03-09"_s, u"2026-03-01"_s)), "invalid_field");
        CL_COMPARE_ERROR(boss.request(Op::StatsDashboard, query(u"2026-03-01"_s, u"2026-03-02"_s, u"Nowhere/City"_s)),
                         "invalid_field");
        CL_COMPARE_ERROR(boss.request(Op::StatsDashboard, {{u"from"_s, u"2026-03-01"_s}}), "invalid_field");
    }

    void newTicketCountsAtOnce()
    {
        TestClient desk(u"desk"_s);
        QVERIFY(desk.loginAs(m_server.url(), u"desk"_s, u"secret-pass"_s));
        const QString today = QDate::currentDate().toString(Qt::ISODate);
        const QJsonObject q = query(QDate::currentDate().addDays(-1).toString(Qt::ISODate),
                                    QDate::currentDate().addDays(1).toString(Qt::ISODate),
                                    QString::fromUtf8(QTimeZone::systemTimeZoneId()));
        const Response before = desk.request(Op::StatsDashboard, q);
        QVERIFY(before.ok);
        const QJsonObject created = createTicket(desk, {{u"title"_s, u"Pump room flooded"_s}});
        QVERIFY(!created.isEmpty());
        const Response after = desk.request(Op::StatsDashboard, q);
        QVERIFY(after.ok);
        QCOMPARE(totalsOf(after).value(u"created"_s).toInt(), totalsOf(before).value(u"created"_s).toInt() + 1);
        QCOMPARE(after.result.value(u"backlog"_s).toObject().value(u"open"_s).toInt(),
                 before.result.value(u"backlog"_s).toObject().value(u"open"_s).toInt() + 1);
        Q_UNUSED(today);

        // Filtered by the new ticket's type: the scoped counters, written when its transaction commits, count the
        // next one of that type at once too.
        QJsonObject byType = q;
        byType.insert(u"filters"_s, QJsonObject{{u"types"_s, QJsonArray{created.value(u"type"_s).toString()}}});
        const Response typeBefore = desk.request(Op::StatsDashboard, byType);
        QVERIFY(typeBefore.ok);
        QCOMPARE(typeBefore.result.value(u"source"_s).toString(), u"counters"_s);
        QVERIFY(!createTicket(desk, {{u"title"_s, u"Second pump room"_s}, {u"type"_s, created.value(u"type"_s)}})
                     .isEmpty());
        const Response typeAfter = desk.request(Op::StatsDashboard, byType);
        QVERIFY(typeAfter.ok);
        QCOMPARE(totalsOf(typeAfter).value(u"created"_s).toInt(), totalsOf(typeBefore).value(u"created"_s).toInt() + 1);
    }

private:
    TestServer m_server;
    stats::Fixture m_fixture;
};

QTEST_GUILESS_MAIN(TestE2eStats)
#include "tst_e2e_stats.moc"
