// Field staff and dispatch against the real server binary (demo people, no demo tickets, dispatch engine on with a
// rules file in the data folder): position reports and "staff" notices, tracks, ranking by known geometry over the
// protocol, the claim race among many engineers on their own connections, an emergency offered to the nearest
// engineers at once, and bad input that must change nothing.

#include "common/geodesy.h"
#include "tests/support/scenario.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

constexpr int kEngineers = 12;
const QString kDemoPassword = u"demo123"_s;
const GeoPoint kWestLake = GeoPoint::at(30.2590, 120.1480); // tickets are placed here

const char *kRules = R"({
  "emergency": {"priorities": ["urgent"], "keywords": ["漏水", "outage"], "offerCount": 3, "acceptMinutes": 10},
  "rules": [
    {"id": "meter-pool", "types": ["meter_replacement"], "mode": "pool"},
    {"id": "desk", "mode": "manual"}
  ]
})";

QString engineerName(int i)
{
    return u"eng"_s + QString::number(i + 1).rightJustified(3, u'0');
}

// A point `metres` east of the West Lake point.
GeoPoint eastOf(double metres)
{
    return GeoPoint::at(kWestLake.lat, kWestLake.lon + metres / (111320.0 * std::cos(kWestLake.lat * M_PI / 180)));
}

QJsonObject report(const GeoPoint &p, const QString &status = u"available"_s)
{
    return {{u"lat"_s, p.lat}, {u"lon"_s, p.lon}, {u"accuracy"_s, 8}, {u"status"_s, status}};
}

// staff.report, waiting out the per-person report interval (500 ms of real time) when needed.
Response place(TestClient &c, const GeoPoint &p, const QString &status = u"available"_s)
{
    Response r;
    for (int attempt = 0; attempt < 4; ++attempt) {
        r = c.request(Op::StaffReport, report(p, status));
        if (codeOf(r) != u"rate_limited")
            break;
        QTest::qWait(int(r.error.details.value(u"retryAfterMs"_s).toInteger()) + 20);
    }
    return r;
}

QJsonObject staffOf(TestClient &c, qint64 user)
{
    const Response r = c.request(Op::StaffList);
    for (const QJsonValue &v : r.result.value(u"staff"_s).toArray()) {
        if (v.toObject().value(u"userId"_s).toInteger() == user)
            return v.toObject();
    }
    return {};
}

} // namespace

class TestE2eDispatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void reportMovesAndNotifies();
    void trackKeepsThePoints();
    void suggestRanksByKnownGeometry();
    void claimRaceHasExactlyOneWinner();
    void emergencyIsOfferedToTheNearest();
    void badInputChangesNothing();

private:
    QJsonObject newTicket(const QJsonObject &data);

    TestServer m_server{{u"--demo-data"_s, u"--demo-tickets"_s, u"0"_s, u"--demo-engineers"_s,
                         QString::number(kEngineers), u"--auto-dispatch"_s, u"on"_s}};
    std::unique_ptr<TestClient> m_disp;
    std::vector<std::unique_ptr<TestClient>> m_eng;
};

void TestE2eDispatch::initTestCase()
{
    QVERIFY(QDir().mkpath(m_server.dataDir() + u"/dispatch"_s));
    QFile rules(m_server.dataDir() + u"/dispatch/rules.json"_s);
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(kRules);
    rules.close();
    QVERIFY(m_server.start());
    m_disp = connectAs(m_server, u"disp1"_s, kDemoPassword, u"disp1"_s);
    QVERIFY(m_disp);
    CL_VERIFY_OK(m_disp->request(Op::Subscribe));
    for (int i = 0; i < kEngineers; ++i) {
        m_eng.push_back(connectAs(m_server, engineerName(i), kDemoPassword, engineerName(i)));
        QVERIFY2(m_eng.back(), qPrintable(engineerName(i)));
        CL_VERIFY_OK(m_eng.back()->request(Op::Subscribe));
        // Everyone far away (40 km + 1 km each) and available, so that only what a test places counts.
        CL_VERIFY_OK(m_eng.back()->request(Op::StaffReport, report(eastOf(40000 + 1000.0 * i))));
    }
}

void TestE2eDispatch::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eDispatch::cleanupTestCase()
{
    m_eng.clear();
    m_disp.reset();
    QVERIFY(m_server.stop());
}

QJsonObject TestE2eDispatch::newTicket(const QJsonObject &data)
{
    QJsonObject d = data;
    d.insert(u"location"_s, QJsonObject{{u"lat"_s, kWestLake.lat}, {u"lon"_s, kWestLake.lon}});
    return createTicket(*m_disp, d);
}

void TestE2eDispatch::reportMovesAndNotifies()
{
    TestClient &e = *m_eng[0];
    const GeoPoint p = eastOf(300);
    const Response r = e.request(Op::StaffReport, {{u"lat"_s, p.lat},
                                                   {u"lon"_s, p.lon},
                                                   {u"accuracy"_s, 6.5},
                                                   {u"heading"_s, 90},
                                                   {u"speed"_s, 4.2},
                                                   {u"status"_s, u"en_route"_s}});
    CL_VERIFY_OK(r);
    QCOMPARE(r.result.value(u"userId"_s).toInteger(), e.userId());
    QVERIFY(r.result.value(u"latest"_s).toBool());
    // The dispatcher's console hears it as a "staff" notice.
    QVERIFY(m_disp->waitUntil(
        [&] {
            for (const protocol::Push &n : m_disp->notices()) {
                if (n.notice == u"staff" && n.body.value(u"userId"_s).toInteger() == e.userId() &&
                    n.body.value(u"status"_s).toString() == u"en_route")
                    return true;
            }
            return false;
        },
        kReplyTimeoutMs));
    const QJsonObject s = staffOf(*m_disp, e.userId());
    QCOMPARE(s.value(u"status"_s).toString(), u"en_route"_s);
    QCOMPARE(s.value(u"position"_s).toObject().value(u"lat"_s).toDouble(), p.lat);
    QCOMPARE(s.value(u"heading"_s).toDouble(), 90.0);
    QCOMPARE(s.value(u"accuracy"_s).toDouble(), 6.5);
    // A late fix (older than the current one) joins the track but does not move the person back.
    QTest::qWait(600); // the per-person report interval (500 ms) is real time
    const QDateTime older = QDateTime::currentDateTimeUtc().addSecs(-600);
    const Response late =
        e.request(Op::StaffReport,
                  {{u"lat"_s, p.lat + 0.01}, {u"lon"_s, p.lon}, {u"accuracy"_s, 5}, {u"at"_s, timeToJson(older)}});
    CL_VERIFY_OK(late);
    QVERIFY(!late.result.value(u"latest"_s).toBool());
    QCOMPARE(staffOf(*m_disp, e.userId()).value(u"position"_s).toObject().value(u"lat"_s).toDouble(), p.lat);
    // Back to available for the later tests.
    CL_VERIFY_OK(place(e, eastOf(40000)));
}

void TestE2eDispatch::trackKeepsThePoints()
{
    TestClient &e = *m_eng[0];
    const Response t = m_disp->request(Op::StaffTrack, {{u"userId"_s, e.userId()}});
    CL_VERIFY_OK(t);
    const QJsonArray points = t.result.value(u"points"_s).toArray();
    QVERIFY2(points.size() >= 4, qPrintable(QString::number(points.size()))); // initial, moved, late, back
    QDateTime previous;
    for (const QJsonValue &v : points) {
        const QDateTime at = timeFromJson(v.toObject().value(u"at"_s));
        QVERIFY(at.isValid());
        QVERIFY(!previous.isValid() || previous <= at); // oldest first
        previous = at;
    }
}

void TestE2eDispatch::suggestRanksByKnownGeometry()
{
    // Three engineers at 500 m, 2 km and 8 km from the ticket; everyone else 40 km away.
    const QList<std::pair<int, double>> placed = {{3, 2000}, {4, 500}, {5, 8000}};
    for (const auto &[i, metres] : placed)
        CL_VERIFY_OK(place(*m_eng[size_t(i)], eastOf(metres)));
    const QJsonObject t = newTicket({{u"type"_s, u"complaint"_s}, {u"title"_s, u"Noise from the works"_s}});
    QVERIFY(!t.isEmpty());
    const Response r =
        m_disp->request(Op::DispatchSuggest, {{u"ticketId"_s, t.value(u"id"_s).toInteger()}, {u"limit"_s, 100}});
    CL_VERIFY_OK(r);
    const QJsonArray c = r.result.value(u"candidates"_s).toArray();
    QCOMPARE(c.size(), kEngineers);
    QList<qint64> order;
    for (const QJsonValue &v : c)
        order << v.toObject().value(u"userId"_s).toInteger();
    const qint64 near = m_eng[4]->userId(), mid = m_eng[3]->userId(), far = m_eng[5]->userId();
    QCOMPARE(order.mid(0, 3), (QList<qint64>{near, mid, far}));
    const QJsonObject best = c.first().toObject();
    QVERIFY(std::abs(best.value(u"distance"_s).toDouble() - 500) < 5);
    QVERIFY(!best.value(u"stale"_s).toBool());
    // The breakdown adds up to the score, and the components are in [0, 1].
    const QJsonObject b = best.value(u"breakdown"_s).toObject();
    double sum = 0;
    for (const QString &k : {u"distance"_s, u"workload"_s, u"skills"_s, u"team"_s, u"status"_s, u"freshness"_s}) {
        QVERIFY2(b.contains(k), qPrintable(k));
        sum += b.value(k).toDouble();
    }
    QVERIFY(std::abs(sum - best.value(u"score"_s).toDouble()) < 0.001);
    QVERIFY(best.value(u"score"_s).toDouble() > c.at(1).toObject().value(u"score"_s).toDouble());
    // Nothing was dispatched: the "desk" rule is manual and the ticket is no emergency.
    QVERIFY(
        getTicket(*m_disp, t.value(u"id"_s).toInteger()).value(u"ticket"_s).toObject().value(u"dispatch"_s).isNull());
    for (const auto &[i, metres] : placed)
        CL_VERIFY_OK(place(*m_eng[size_t(i)], eastOf(40000 + 1000.0 * i)));
}

void TestE2eDispatch::claimRaceHasExactlyOneWinner()
{
    const QJsonObject created = newTicket({{u"type"_s, u"meter_replacement"_s}, {u"title"_s, u"Meter stuck"_s}});
    QVERIFY(!created.isEmpty());
    const qint64 id = created.value(u"id"_s).toInteger();
    // The rule puts it in the pool, as a system decision after the creation commits.
    QVERIFY(m_disp->waitForEvent(
        [&](const Event &e) { return e.ticketId.value() == id && e.data.value(u"action"_s).toString() == u"pool"; }));
    const QJsonObject pooled = getTicket(*m_disp, id).value(u"ticket"_s).toObject();
    QCOMPARE(pooled.value(u"dispatch"_s).toObject().value(u"mode"_s).toString(), u"pool"_s);
    QVERIFY(pooled.value(u"assigneeId"_s).isNull());

    // Every engineer claims at once, each on their own connection.
    QStringList ids;
    for (auto &e : m_eng)
        ids << e->send(Op::TicketClaim, {{u"ticketId"_s, id}});
    int winners = 0, losers = 0;
    qint64 winner = 0;
    for (size_t i = 0; i < m_eng.size(); ++i) {
        const Response r = m_eng[i]->waitForResponse(ids.at(qsizetype(i)));
        if (r.ok) {
            ++winners;
            winner = m_eng[i]->userId();
            QCOMPARE(r.result.value(u"ticket"_s).toObject().value(u"assigneeId"_s).toInteger(), winner);
        } else {
            CL_COMPARE_ERROR(r, "already_claimed");
            ++losers;
        }
    }
    QCOMPARE(winners, 1);
    QCOMPARE(losers, kEngineers - 1);
    const QJsonObject after = getTicket(*m_disp, id).value(u"ticket"_s).toObject();
    QCOMPARE(after.value(u"assigneeId"_s).toInteger(), winner);
    QVERIFY(!after.value(u"acceptedAt"_s).isNull());
    QCOMPARE(after.value(u"dispatch"_s).toObject().value(u"mode"_s).toString(), u"assigned"_s);
    // Everyone subscribed is told who took it.
    const auto claimEvent = [&](const Event &e) {
        return e.ticketId.value() == id && e.data.value(u"action"_s).toString() == u"claim";
    };
    for (auto &e : m_eng) {
        const std::optional<Event> ev = e->waitForEvent(claimEvent);
        QVERIFY(ev);
        QCOMPARE(ev->data.value(u"claimedBy"_s).toInteger(), winner);
    }
    // The history shows the system's pool decision and the claim.
    QStringList actions;
    for (const QJsonValue &h : getTicket(*m_disp, id).value(u"history"_s).toArray())
        actions << h.toObject().value(u"action"_s).toString();
    QCOMPARE(actions, (QStringList{u"create"_s, u"pool"_s, u"claim"_s}));
}

void TestE2eDispatch::emergencyIsOfferedToTheNearest()
{
    // Four engineers near the ticket: 300 m, 700 m, 1.2 km, 5 km; the three nearest get the offer at once.
    const QList<std::pair<int, double>> placed = {{6, 1200}, {7, 300}, {8, 5000}, {9, 700}};
    for (const auto &[i, metres] : placed)
        CL_VERIFY_OK(place(*m_eng[size_t(i)], eastOf(metres)));
    const QJsonObject created = newTicket(
        {{u"type"_s, u"complaint"_s}, {u"title"_s, u"小区主干道漏水严重"_s}, {u"description"_s, u"水流到路面"_s}});
    QVERIFY(!created.isEmpty());
    const qint64 id = created.value(u"id"_s).toInteger();
    QVERIFY(m_disp->waitForEvent(
        [&](const Event &e) { return e.ticketId.value() == id && e.data.value(u"action"_s).toString() == u"offer"; }));
    const QJsonObject offered = getTicket(*m_disp, id).value(u"ticket"_s).toObject();
    const QJsonObject d = offered.value(u"dispatch"_s).toObject();
    QVERIFY(d.value(u"emergency"_s).toBool());
    QList<qint64> to;
    for (const QJsonValue &v : d.value(u"offeredTo"_s).toArray())
        to << v.toInteger();
    QCOMPARE(to, (QList<qint64>{m_eng[7]->userId(), m_eng[9]->userId(), m_eng[6]->userId()}));
    QVERIFY(offered.value(u"assigneeId"_s).isNull());
    // Each of them is notified of the offer.
    for (int i : {6, 7, 9}) {
        QVERIFY(m_eng[size_t(i)]->waitForEvent([&](const Event &e) {
            return e.ticketId.value() == id && e.data.value(u"action"_s).toString() == u"offer" &&
                   e.data.value(u"notify"_s).toArray().contains(m_eng[size_t(i)]->userId());
        }));
    }
    // Not offered: may not take it.
    CL_COMPARE_ERROR(m_eng[8]->request(Op::TicketClaim, {{u"ticketId"_s, id}}), "forbidden");
    // Two accept at the same moment: one wins, the other is told it has gone.
    const qint64 version = offered.value(u"version"_s).toInteger();
    const QString a = m_eng[7]->send(Op::TicketAccept, {{u"ticketId"_s, id}, {u"version"_s, version}});
    const QString b = m_eng[9]->send(Op::TicketClaim, {{u"ticketId"_s, id}});
    const Response ra = m_eng[7]->waitForResponse(a);
    const Response rb = m_eng[9]->waitForResponse(b);
    QVERIFY2(ra.ok != rb.ok, qPrintable(describe(ra) + u" / "_s + describe(rb)));
    const Response &lost = ra.ok ? rb : ra;
    QVERIFY2(codeOf(lost) == u"already_claimed"_s || codeOf(lost) == u"conflict"_s, qPrintable(describe(lost)));
    const qint64 winner = ra.ok ? m_eng[7]->userId() : m_eng[9]->userId();
    const QJsonObject after = getTicket(*m_disp, id).value(u"ticket"_s).toObject();
    QCOMPARE(after.value(u"assigneeId"_s).toInteger(), winner);
    // The third offered engineer is told it is gone.
    const std::optional<Event> gone = m_eng[6]->waitForEvent(
        [&](const Event &e) { return e.ticketId.value() == id && e.data.value(u"action"_s).toString() == u"claim"; });
    QVERIFY(gone);
    QVERIFY(gone->data.value(u"withdrawnFrom"_s).toArray().contains(m_eng[6]->userId()));
    // A late accept by an offered engineer: already_claimed.
    CL_COMPARE_ERROR(m_eng[6]->request(Op::TicketAccept,
                                       {{u"ticketId"_s, id}, {u"version"_s, after.value(u"version"_s).toInteger()}}),
                     "already_claimed");
    for (const auto &[i, metres] : placed)
        CL_VERIFY_OK(place(*m_eng[size_t(i)], eastOf(40000 + 1000.0 * i)));
}

void TestE2eDispatch::badInputChangesNothing()
{
    TestClient &e = *m_eng[10];
    QTest::qWait(600);
    const QJsonObject before = staffOf(*m_disp, e.userId());
    const auto refused = [&](const QJsonObject &data, const QString &field) {
        const Response r = e.request(Op::StaffReport, data);
        CL_COMPARE_ERROR(r, "invalid_field");
        QCOMPARE(r.error.details.value(u"field"_s).toString(), field);
    };
    refused({{u"lat"_s, 91}, {u"lon"_s, 120}, {u"accuracy"_s, 5}}, u"lat"_s);
    refused({{u"lat"_s, 30}, {u"lon"_s, -181}, {u"accuracy"_s, 5}}, u"lon"_s);
    refused({{u"lat"_s, u"30"_s}, {u"lon"_s, 120}, {u"accuracy"_s, 5}}, u"lat"_s);
    refused({{u"lat"_s, 0}, {u"lon"_s, 0}, {u"accuracy"_s, 5}}, u"lat"_s);
    refused({{u"lat"_s, 30}, {u"lon"_s, 120}}, u"accuracy"_s);
    refused({{u"lat"_s, 30}, {u"lon"_s, 120}, {u"accuracy"_s, 5}, {u"heading"_s, 400}}, u"heading"_s);
    refused({{u"lat"_s, 30}, {u"lon"_s, 120}, {u"accuracy"_s, 5}, {u"status"_s, u"sleeping"_s}}, u"status"_s);
    refused({{u"lat"_s, 30},
             {u"lon"_s, 120},
             {u"accuracy"_s, 5},
             {u"at"_s, timeToJson(QDateTime::currentDateTimeUtc().addSecs(3600))}},
            u"at"_s);
    QCOMPARE(staffOf(*m_disp, e.userId()), before);

    // Only engineers report, only for themselves; only the desk asks for suggestions and tracks.
    CL_COMPARE_ERROR(m_disp->request(Op::StaffReport, report(kWestLake)), "forbidden");
    CL_COMPARE_ERROR(e.request(Op::StaffTrack, {{u"userId"_s, e.userId()}}), "forbidden");
    CL_COMPARE_ERROR(m_disp->request(Op::StaffTrack, {{u"userId"_s, 999999}}), "not_found");

    // Claims: of a ticket not in the pool, of one that does not exist, and by a dispatcher.
    const QJsonObject t = newTicket({{u"type"_s, u"repair"_s}, {u"title"_s, u"Valve handle broken"_s}});
    QVERIFY(!t.isEmpty());
    const qint64 id = t.value(u"id"_s).toInteger();
    CL_COMPARE_ERROR(e.request(Op::DispatchSuggest, {{u"ticketId"_s, id}}), "forbidden");
    const qint64 seq = headSeq(*m_disp);
    const Response claim = e.request(Op::TicketClaim, {{u"ticketId"_s, id}});
    CL_COMPARE_ERROR(claim, "invalid_transition");
    QCOMPARE(claim.error.details.value(u"reason"_s).toString(), u"not_claimable"_s);
    CL_COMPARE_ERROR(e.request(Op::TicketClaim, {{u"ticketId"_s, 999999}}), "not_found");
    CL_COMPARE_ERROR(m_disp->request(Op::TicketClaim, {{u"ticketId"_s, id}}), "forbidden");
    CL_COMPARE_ERROR(e.request(Op::TicketClaim, {{u"ticketId"_s, id}}, QString()), "invalid_field"); // no idem
    CL_COMPARE_ERROR(m_disp->request(Op::DispatchSuggest, {{u"ticketId"_s, id}, {u"limit"_s, 0}}), "invalid_field");
    CL_COMPARE_ERROR(m_disp->request(Op::DispatchSuggest, {{u"ticketId"_s, 999999}}), "not_found");
    QCOMPARE(headSeq(*m_disp), seq);
    const QJsonObject after = getTicket(*m_disp, id).value(u"ticket"_s).toObject();
    QCOMPARE(after.value(u"version"_s).toInteger(), t.value(u"version"_s).toInteger());
    QVERIFY(after.value(u"assigneeId"_s).isNull());
}

QTEST_GUILESS_MAIN(TestE2eDispatch)
#include "tst_e2e_dispatch.moc"
