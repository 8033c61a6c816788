// The accept timeout with a controlled clock: the real server core (SqliteStore, write queue, services, WebSocket
// transport) runs in this process with a ManualClock, and the test drives the timeout check at chosen times. A
// ticket auto-dispatched and not accepted within its type's limit goes to the next candidate, the area supervisor
// is told, and every automatic decision is in the history with the actor "System" and its reason.

#include "common/geodesy.h"
#include "server/clock.h"
#include "server/server.h"
#include "server/services/dispatchservice.h"
#include "tests/support/scenario.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

const QString kDemoPassword = u"demo123"_s;
const GeoPoint kSite = GeoPoint::at(30.2590, 120.1480);

const char *kRules = R"({
  "emergency": {"priorities": [], "keywords": ["停机"], "offerCount": 2, "acceptMinutes": 10},
  "rules": [{"id": "complaints", "types": ["complaint"], "mode": "auto"}, {"id": "rest", "mode": "manual"}]
})";

GeoPoint eastOf(double metres)
{
    return GeoPoint::at(kSite.lat, kSite.lon + metres / (111320.0 * std::cos(kSite.lat * M_PI / 180)));
}

QString engineerName(int i)
{
    return u"eng"_s + QString::number(i + 1).rightJustified(3, u'0');
}

} // namespace

class TestDispatchTimeout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void notAcceptedInTimeGoesToTheNext();
    void unansweredOfferIsDispatched();

private:
    // One timeout pass at the clock's time now; its {"handled": n}.
    int checkNow();
    qint64 userId(int engineer) const { return m_eng.at(size_t(engineer))->userId(); }
    QJsonObject ticket(qint64 id) { return getTicket(*m_disp, id).value(u"ticket"_s).toObject(); }
    std::optional<Event> waitAction(TestClient &c, qint64 ticket, const QString &action);

    QTemporaryDir m_dir;
    server::ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<server::Server> m_server;
    std::unique_ptr<TestClient> m_disp, m_sup;
    std::vector<std::unique_ptr<TestClient>> m_eng;
    qint64 m_itTeam = 0;
};

void TestDispatchTimeout::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString data = m_dir.filePath(u"data"_s);
    QVERIFY(QDir().mkpath(data + u"/dispatch"_s));
    QFile rules(data + u"/dispatch/rules.json"_s);
    QVERIFY(rules.open(QIODevice::WriteOnly));
    rules.write(kRules);
    rules.close();

    server::ServerConfig config;
    config.dataDir = data;
    config.port = 0;
    config.demoData = true;
    config.demoTickets = 0;
    config.demoEngineers = 6;
    config.dispatch.automatic = true;
    config.dispatch.checkIntervalSeconds = 3600; // the test runs the check itself
    config.dispatch.reportMinIntervalMs = 0;
    m_server = std::make_unique<server::Server>(config, m_clock);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    const QUrl url(u"ws://127.0.0.1:%1"_s.arg(m_server->port()));

    m_disp = std::make_unique<TestClient>(u"disp1"_s);
    QVERIFY(m_disp->loginAs(url, u"disp1"_s, kDemoPassword));
    CL_VERIFY_OK(m_disp->request(Op::Subscribe));
    m_sup = std::make_unique<TestClient>(u"sup1"_s);
    QVERIFY(m_sup->loginAs(url, u"sup1"_s, kDemoPassword)); // supervisor of the IT team
    CL_VERIFY_OK(m_sup->request(Op::Subscribe));
    for (const QJsonValue &t : m_disp->request(Op::TeamList).result.value(u"teams"_s).toArray()) {
        if (t.toObject().value(u"name"_s).toString() == u"IT 服务台")
            m_itTeam = t.toObject().value(u"id"_s).toInteger();
    }
    QVERIFY(m_itTeam > 0);

    // eng001 is in the IT team (the ticket's), the others in crews. eng006 is nearest but off duty.
    const QList<std::pair<double, QString>> where = {{1000, u"available"_s}, {2000, u"available"_s},
                                                     {500, u"available"_s},  {5000, u"available"_s},
                                                     {9000, u"on_site"_s},   {100, u"off_duty"_s}};
    for (int i = 0; i < int(where.size()); ++i) {
        m_eng.push_back(std::make_unique<TestClient>(engineerName(i)));
        QVERIFY(m_eng.back()->loginAs(url, engineerName(i), kDemoPassword));
        CL_VERIFY_OK(m_eng.back()->request(Op::Subscribe));
        const GeoPoint p = eastOf(where.at(i).first);
        CL_VERIFY_OK(m_eng.back()->request(
            Op::StaffReport,
            {{u"lat"_s, p.lat}, {u"lon"_s, p.lon}, {u"accuracy"_s, 10}, {u"status"_s, where.at(i).second}}));
    }
}

void TestDispatchTimeout::cleanupTestCase()
{
    m_eng.clear();
    m_sup.reset();
    m_disp.reset();
    if (m_server)
        m_server->stop();
    m_server.reset();
}

int TestDispatchTimeout::checkNow()
{
    bool finished = false;
    int handled = -1;
    m_server->dispatch().checkTimeouts([&](const server::Outcome &o) {
        finished = true;
        handled = o.ok ? int(o.result.value(u"handled"_s).toInt()) : -1;
    });
    m_disp->waitUntil([&] { return finished; }, kReplyTimeoutMs);
    return handled;
}

std::optional<Event> TestDispatchTimeout::waitAction(TestClient &c, qint64 ticket, const QString &action)
{
    return c.waitForEvent(
        [&](const Event &e) { return e.ticketId.value() == ticket && e.data.value(u"action"_s).toString() == action; });
}

void TestDispatchTimeout::notAcceptedInTimeGoesToTheNext()
{
    const QJsonObject created =
        createTicket(*m_disp, {{u"type"_s, u"complaint"_s},
                               {u"title"_s, u"Bill looks wrong"_s},
                               {u"teamId"_s, m_itTeam},
                               {u"location"_s, QJsonObject{{u"lat"_s, kSite.lat}, {u"lon"_s, kSite.lon}}}});
    QVERIFY(!created.isEmpty());
    const qint64 id = created.value(u"id"_s).toInteger();

    // The rule dispatches it to the best candidate of the ticket's team: eng001.
    const std::optional<Event> dispatched = waitAction(*m_disp, id, u"auto_dispatch"_s);
    QVERIFY(dispatched);
    QVERIFY(dispatched->data.value(u"notify"_s).toArray().contains(userId(0)));
    QJsonObject t = ticket(id);
    QCOMPARE(t.value(u"assigneeId"_s).toInteger(), userId(0));
    const QJsonObject d = t.value(u"dispatch"_s).toObject();
    QCOMPARE(d.value(u"mode"_s).toString(), u"assigned"_s);
    QCOMPARE(timeFromJson(d.value(u"deadline"_s)), m_clock.now().addSecs(60 * 60)); // complaint: 60 min

    // 59 minutes later nothing is due.
    m_clock.advance(59 * 60 * 1000);
    QCOMPARE(checkNow(), 0);
    QCOMPARE(ticket(id).value(u"assigneeId"_s).toInteger(), userId(0));

    // 61 minutes: re-dispatched to the next candidate (eng003, 500 m; eng006 is nearer but off duty), and the
    // IT team's supervisor is told.
    m_clock.advance(2 * 60 * 1000);
    QCOMPARE(checkNow(), 1);
    const std::optional<Event> re = waitAction(*m_sup, id, u"redispatch"_s);
    QVERIFY(re);
    const QJsonArray notify = re->data.value(u"notify"_s).toArray();
    QVERIFY(notify.contains(m_sup->userId()));
    QVERIFY(notify.contains(userId(2)));
    QVERIFY(notify.contains(userId(0)));
    QVERIFY(re->data.value(u"supervisors"_s).toArray().contains(m_sup->userId()));
    QVERIFY2(re->data.value(u"reason"_s).toString().contains(u"not accepted within 61 min"_s),
             qPrintable(re->data.value(u"reason"_s).toString()));
    QCOMPARE(re->data.value(u"actor"_s).toObject().value(u"id"_s).toInteger(), 0);
    t = ticket(id);
    QCOMPARE(t.value(u"assigneeId"_s).toInteger(), userId(2));
    QCOMPARE(t.value(u"dispatch"_s).toObject().value(u"attempts"_s).toInt(), 1);
    QVERIFY(t.value(u"dispatch"_s).toObject().value(u"tried"_s).toArray().contains(userId(0)));

    // The engineer who let it lapse can no longer accept it.
    CL_COMPARE_ERROR(
        m_eng[0]->request(Op::TicketAccept, {{u"ticketId"_s, id}, {u"version"_s, t.value(u"version"_s).toInteger()}}),
        "already_claimed");

    // Again not accepted: the next one (eng001 tried, eng003 tried → eng002 at 2 km).
    m_clock.advance(61 * 60 * 1000);
    QCOMPARE(checkNow(), 1);
    QVERIFY(waitAction(*m_sup, id, u"redispatch"_s));
    t = ticket(id);
    QCOMPARE(t.value(u"assigneeId"_s).toInteger(), userId(1));
    QCOMPARE(t.value(u"dispatch"_s).toObject().value(u"attempts"_s).toInt(), 2);

    // Accepted in time: the deadline goes, and later checks leave it alone.
    CL_VERIFY_OK(
        m_eng[1]->request(Op::TicketAccept, {{u"ticketId"_s, id}, {u"version"_s, t.value(u"version"_s).toInteger()}}));
    QVERIFY(ticket(id).value(u"dispatch"_s).toObject().value(u"deadline"_s).isNull());
    m_clock.advance(3 * 60 * 60 * 1000);
    QCOMPARE(checkNow(), 0);
    QCOMPARE(ticket(id).value(u"assigneeId"_s).toInteger(), userId(1));

    // The history tells the story, each automatic step by "System" with its reason.
    const QJsonArray history = getTicket(*m_disp, id).value(u"history"_s).toArray();
    QStringList actions;
    for (const QJsonValue &h : history) {
        const QJsonObject e = h.toObject();
        actions << e.value(u"action"_s).toString();
        if (e.value(u"action"_s).toString() == u"redispatch" || e.value(u"action"_s).toString() == u"auto_dispatch") {
            QVERIFY(e.value(u"actorId"_s).isNull() || e.value(u"actorId"_s).toInteger() == 0);
            QCOMPARE(e.value(u"actorName"_s).toString(), u"System"_s);
            QVERIFY(!e.value(u"reason"_s).toString().isEmpty());
        }
    }
    QCOMPARE(actions, (QStringList{u"create"_s, u"auto_dispatch"_s, u"redispatch"_s, u"redispatch"_s, u"accept"_s}));
}

void TestDispatchTimeout::unansweredOfferIsDispatched()
{
    // An emergency by keyword goes to the two nearest available engineers (eng003 500 m, eng001 1 km) at once.
    const QJsonObject created =
        createTicket(*m_disp, {{u"type"_s, u"inquiry"_s},
                               {u"title"_s, u"水厂泵房停机"_s},
                               {u"location"_s, QJsonObject{{u"lat"_s, kSite.lat}, {u"lon"_s, kSite.lon}}}});
    QVERIFY(!created.isEmpty());
    const qint64 id = created.value(u"id"_s).toInteger();
    QVERIFY(waitAction(*m_disp, id, u"offer"_s));
    QJsonObject t = ticket(id);
    QList<qint64> offered;
    for (const QJsonValue &v : t.value(u"dispatch"_s).toObject().value(u"offeredTo"_s).toArray())
        offered << v.toInteger();
    QCOMPARE(offered, (QList<qint64>{userId(2), userId(0)}));
    QCOMPARE(timeFromJson(t.value(u"dispatch"_s).toObject().value(u"deadline"_s)), m_clock.now().addSecs(10 * 60));

    // Nobody answers in 10 minutes: the best candidate not offered yet gets it, the supervisors are told.
    m_clock.advance(11 * 60 * 1000);
    QCOMPARE(checkNow(), 1);
    const std::optional<Event> re = waitAction(*m_disp, id, u"redispatch"_s);
    QVERIFY(re);
    t = ticket(id);
    const qint64 now = t.value(u"assigneeId"_s).toInteger();
    QVERIFY(now > 0);
    QVERIFY(!offered.contains(now));
    QVERIFY(now != userId(5)); // off duty
    QCOMPARE(t.value(u"dispatch"_s).toObject().value(u"mode"_s).toString(), u"assigned"_s);
    QVERIFY(!re->data.value(u"supervisors"_s).toArray().isEmpty());
}

QTEST_GUILESS_MAIN(TestDispatchTimeout)
#include "tst_dispatch_timeout.moc"
