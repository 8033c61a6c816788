// crewline-fieldsim against the real server: a few simulated engineers log in, move (their reported positions
// change), and the one a ticket is dispatched to accepts it, drives there, goes on site and closes it out with a
// note through the workflow. The simulator runs with a high --speedup for a bounded time and is stopped by PID.

#include "common/geodesy.h"
#include "tests/support/scenario.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

constexpr int kEngineers = 3;

QHash<qint64, FieldStaff> staffById(TestClient &c)
{
    QHash<qint64, FieldStaff> out;
    for (const QJsonValue &v : c.request(Op::StaffList).result.value(u"staff"_s).toArray()) {
        const FieldStaff f = FieldStaff::fromJson(v.toObject());
        out.insert(f.userId.value(), f);
    }
    return out;
}

} // namespace

class TestE2eFieldsim : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void simulatedEngineersMoveAndCloseOut();
    void badArgumentsAreRefused();

private:
    TestServer m_server{
        {u"--demo-data"_s, u"--demo-tickets"_s, u"0"_s, u"--demo-engineers"_s, QString::number(kEngineers)}};
    std::unique_ptr<TestClient> m_disp;
    QProcess m_sim;
};

void TestE2eFieldsim::initTestCase()
{
    QVERIFY(m_server.start());
    m_disp = connectAs(m_server, u"disp1"_s, u"demo123"_s, u"disp1"_s);
    QVERIFY(m_disp);
}

void TestE2eFieldsim::cleanup()
{
    m_server.printOutputIfFailed();
    if (QTest::currentTestFailed())
        std::fprintf(stderr, "---- fieldsim output ----\n%s\n", m_sim.readAll().constData());
}

void TestE2eFieldsim::cleanupTestCase()
{
    if (m_sim.state() != QProcess::NotRunning) {
        m_sim.terminate();
        if (!m_sim.waitForFinished(5000))
            m_sim.kill();
        m_sim.waitForFinished(5000);
    }
    m_disp.reset();
    QVERIFY(m_server.stop());
}

void TestE2eFieldsim::simulatedEngineersMoveAndCloseOut()
{
    const QHash<qint64, FieldStaff> before = staffById(*m_disp);
    QCOMPARE(before.size(), kEngineers);
    // A repair ticket 800 m from eng001, dispatched to them by hand.
    qint64 eng1 = 0;
    for (const QJsonValue &v : m_disp->request(Op::UserList).result.value(u"users"_s).toArray()) {
        if (v.toObject().value(u"username"_s).toString() == u"eng001")
            eng1 = v.toObject().value(u"id"_s).toInteger();
    }
    QVERIFY(before.contains(eng1));
    GeoPoint start = before.value(eng1).position;
    if (!start.isValid())
        start = GeoPoint::at(30.2741, 120.1551);
    const GeoPoint site = GeoPoint::at(start.lat + 800 / 111320.0, start.lon);
    const QJsonObject t =
        createTicket(*m_disp, {{u"type"_s, u"repair"_s},
                               {u"title"_s, u"Hydrant leaking at the corner"_s},
                               {u"location"_s, QJsonObject{{u"lat"_s, site.lat}, {u"lon"_s, site.lon}}}});
    QVERIFY(!t.isEmpty());
    const qint64 id = t.value(u"id"_s).toInteger();
    CL_VERIFY_OK(m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, id}, {u"version"_s, t.value(u"version"_s).toInteger()}, {u"assigneeId"_s, eng1}}));

    qputenv("CREWLINE_TEST_SIM_PASSWORD", "demo123");
    m_sim.setProcessChannelMode(QProcess::MergedChannels);
    m_sim.start(QStringLiteral(CREWLINE_FIELDSIM_BINARY),
                {u"--server"_s, m_server.url().toString(), u"--engineers"_s, QString::number(kEngineers),
                 u"--password-env"_s, u"CREWLINE_TEST_SIM_PASSWORD"_s, u"--seed"_s, u"7"_s, u"--speedup"_s, u"120"_s,
                 u"--report-interval"_s, u"0.5"_s, u"--duration"_s, u"90"_s});
    QVERIFY2(m_sim.waitForStarted(10000), qPrintable(m_sim.errorString()));

    // Bounded wait for the close-out (a few seconds at this speed-up), polling the ticket.
    QString status;
    for (int i = 0; i < 120 && status != u"completed"; ++i) {
        QTest::qWait(500);
        status = getTicket(*m_disp, id).value(u"ticket"_s).toObject().value(u"status"_s).toString();
    }
    QCOMPARE(status, u"completed"_s);
    const QJsonObject detail = getTicket(*m_disp, id);
    const QJsonObject done = detail.value(u"ticket"_s).toObject();
    QVERIFY(!done.value(u"acceptedAt"_s).isNull());
    QVERIFY(!done.value(u"fields"_s).toObject().value(u"resolution"_s).toString().isEmpty());
    QStringList steps;
    for (const QJsonValue &h : detail.value(u"history"_s).toArray()) {
        const QJsonObject e = h.toObject();
        steps << e.value(u"action"_s).toString() + u':' +
                     e.value(u"changes"_s).toObject().value(u"status"_s).toObject().value(u"to"_s).toString();
    }
    QCOMPARE(steps, (QStringList{u"create:registered"_s, u"assign:dispatched"_s, u"accept:accepted"_s,
                                 u"transition:on_site"_s, u"transition:completed"_s}));

    // Everyone moved: newer fixes, other places; eng001 ended up at the site.
    const QHash<qint64, FieldStaff> after = staffById(*m_disp);
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        QVERIFY(it->position.isValid());
        QVERIFY(!before.value(it.key()).positionAt.isValid() || it->positionAt > before.value(it.key()).positionAt);
        QVERIFY(geo::distanceMetres(it->position, before.value(it.key()).position) > 1.0 ||
                !before.value(it.key()).position.isValid());
    }
    const Response track = m_disp->request(Op::StaffTrack, {{u"userId"_s, eng1}});
    CL_VERIFY_OK(track);
    double nearest = 1e9;
    for (const QJsonValue &p : track.result.value(u"points"_s).toArray())
        nearest = std::min(nearest, geo::distanceMetres(TrackPoint::fromJson(p.toObject()).position, site));
    QVERIFY2(nearest < 50, qPrintable(QString::number(nearest)));

    m_sim.terminate();
    QVERIFY(m_sim.waitForFinished(10000));
}

void TestE2eFieldsim::badArgumentsAreRefused()
{
    for (const QStringList &args : {QStringList{u"--engineers"_s, u"0"_s}, QStringList{u"--speedup"_s, u"-1"_s},
                                    QStringList{u"--server"_s, u"http://x"_s},
                                    QStringList{u"--password-env"_s, u"CREWLINE_TEST_UNSET_VARIABLE"_s}}) {
        QProcess p;
        p.start(QStringLiteral(CREWLINE_FIELDSIM_BINARY), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
    }
}

QTEST_GUILESS_MAIN(TestE2eFieldsim)
#include "tst_e2e_fieldsim.moc"
