// The console's map (offscreen) in the main window, against the real server with demo data: markers for the open
// located tickets and the field staff; selecting a ticket in the table centres the map on it and ranks candidates;
// a keystroke dispatches to a candidate; dragging a ticket marker onto a person and dropping table rows on a
// person assign through the server; the table's filter narrows the map; live position reports move a person,
// extend the trail and give a heading; old positions are marked stale; a bad overlay file is reported with its
// position and the rest still loads; the menu action shows the map.

#include "client/core/geo/mercator.h"
#include "client/core/geo/tileloader.h"
#include "client/core/staffmodel.h"
#include "client/core/workspace.h"
#include "client/ui/mainwindow.h"
#include "client/ui/map/mappanel.h"
#include "client/ui/map/mapwidget.h"
#include "client/ui/staffpanel.h"
#include "client/ui/tickettableview.h"
#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QAction>
#include <QDockWidget>
#include <QHelpEvent>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QMouseEvent>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using crewline::test::TestClient;
using crewline::test::TestServer;
using protocol::Op;

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

void sendMouse(QWidget *w, QEvent::Type type, const QPointF &pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                  Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}

bool dropOn(QWidget *target, const QPoint &pos, const QMimeData *mime)
{
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDragMoveEvent move(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    return drop.isAccepted();
}

} // namespace

class TestMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void markersForOpenTicketsAndStaff();
    void tableSelectionCentresAndRanks();
    void keystrokeDispatchesToACandidate();
    void dragTicketOntoEngineerAssigns();
    void dropFromTableOntoEngineerAssigns();
    void filterIsSharedWithTheTable();
    void liveReportsMoveStaffAndLeaveATrail();
    void oldPositionsAreStale();
    void badOverlayIsReportedAndTheRestLoads();
    void menuActionShowsTheMap();

private:
    TicketId createAt(double lat, double lon, const QString &title, const QString &type = QStringLiteral("complaint"));
    MapPanel *map() const { return m_window->map(); }
    MapWidget *canvas() const { return m_window->map()->canvas(); }
    bool selectInTable(TicketId id);

    std::unique_ptr<TestServer> m_server;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TestClient> m_other;
};

void TestMap::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{u"--demo-data"_s, u"--demo-tickets"_s, u"150"_s, u"--demo-engineers"_s, u"12"_s});
    QVERIFY(m_server->start());
    MapSettings defaults; // grid base, the demo overlays: never the developer's settings
    defaults.overlays = MapSettings::demoOverlays();
    defaults.save();
    m_ws = std::make_unique<Workspace>(m_trust);
    m_window = std::make_unique<MainWindow>(*m_ws);
    m_window->resize(1600, 1000);
    m_ws->login(m_server->url(), u"disp1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->showMap();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->staff()->model().fieldStaff().isEmpty(), kWait);
    m_other = std::make_unique<TestClient>(u"sup1"_s);
    QVERIFY(m_other->loginAs(m_server->url(), u"sup1"_s, u"demo123"_s));
}

void TestMap::cleanupTestCase()
{
    m_other.reset();
    m_window.reset();
    m_ws.reset();
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestMap::init()
{
    map()->setFilter({});
    map()->data().rebuildNow();
    canvas()->state().clustering = true;
}

void TestMap::cleanup()
{
    m_server->printOutputIfFailed();
}

TicketId TestMap::createAt(double lat, double lon, const QString &title, const QString &type)
{
    // Complaints: the demo dispatch rules leave them to the desk (repairs would be dispatched automatically).
    const protocol::Response r = m_other->request(
        Op::TicketCreate,
        {{u"type"_s, type}, {u"title"_s, title}, {u"location"_s, QJsonObject{{u"lat"_s, lat}, {u"lon"_s, lon}}}});
    if (!r.ok) {
        qWarning().noquote() << "create failed:" << test::describe(r);
        return {};
    }
    const TicketId id(r.result.value(u"ticket"_s).toObject().value(u"id"_s).toInteger());
    if (!QTest::qWaitFor([&] { return m_ws->tickets().ticket(id) != nullptr; }, kWait))
        return {};
    map()->data().rebuildNow();
    return id;
}

bool TestMap::selectInTable(TicketId id)
{
    QTableView *table = m_window->table()->table();
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        const QModelIndex i = table->model()->index(row, 0);
        if (i.data(TicketModel::TicketIdRole).toLongLong() == id.value()) {
            table->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void TestMap::markersForOpenTicketsAndStaff()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(createAt(30.25 + i * 0.01, 120.15 + i * 0.01, u"地图测试：标记 %1"_s.arg(i)).isValid());
    int located = 0;
    for (int row = 0; row < m_ws->tickets().rowCount(); ++row) {
        const QModelIndex i = m_ws->tickets().index(row, 0);
        located += i.data(TicketModel::OpenRole).toBool() && m_ws->tickets().at(row).location.isValid() ? 1 : 0;
    }
    QVERIFY(located >= 3);
    QCOMPARE(int(map()->data().tickets().size()), located);
    int positioned = 0;
    for (const FieldStaff &f : m_window->staff()->model().fieldStaff())
        positioned += f.position.isValid() ? 1 : 0;
    QVERIFY(positioned >= 6);
    QCOMPARE(int(map()->data().staff().size()), positioned);

    // Zoomed out to the city: clusters; zoomed in: single markers, fewer than all (culled to the view).
    canvas()->zoomToFit();
    canvas()->repaint();
    const MapRenderer &r = canvas()->renderer();
    QVERIFY(canvas()->viewport().zoom() < r.clusterBelowZoom());
    QVERIFY(r.drawnClusters() > 0);
    QVERIFY(r.drawnTickets() + r.drawnClusters() < located + positioned);
    const TicketMarker &t = map()->data().tickets().front();
    canvas()->setView(t.position, 16);
    canvas()->repaint();
    QCOMPARE(r.drawnClusters(), 0);
    QVERIFY(r.drawnTickets() >= 1);
    QVERIFY(r.drawnTickets() < located);
    // What is under the centre is that ticket (or a person standing on it).
    const MapHit hit = r.hitTest(QPointF(canvas()->width() / 2.0, canvas()->height() / 2.0));
    QVERIFY(hit.kind == MapHit::Kind::Ticket || hit.kind == MapHit::Kind::Staff);
}

void TestMap::tableSelectionCentresAndRanks()
{
    const TicketId id = createAt(30.2650, 120.1300, u"地图测试：文三路漏水"_s);
    QVERIFY(id.isValid());
    QVERIFY(selectInTable(id));
    QTRY_COMPARE_WITH_TIMEOUT(map()->selectedTicket(), id, kWait);
    const GeoPoint centre = canvas()->viewport().centre();
    QVERIFY(qAbs(centre.lat - 30.2650) < 1e-6);
    QVERIFY(qAbs(centre.lon - 120.1300) < 1e-6);
    QVERIFY(canvas()->viewport().zoom() >= 13);
    QVERIFY(map()->data().tickets()[size_t(map()->data().ticketIndex(id))].emergency); // 漏水
    // The server's ranking (dispatch.suggest), with its breakdown: eligible people first, by score.
    QTRY_VERIFY_WITH_TIMEOUT(!map()->candidates().isEmpty(), kWait);
    const QList<MapCandidate> &ranked = map()->candidates();
    for (int i = 1; i < ranked.size(); ++i) {
        QVERIFY(ranked.at(i - 1).eligible || !ranked.at(i).eligible);
        if (ranked.at(i - 1).eligible == ranked.at(i).eligible)
            QVERIFY(ranked.at(i - 1).score >= ranked.at(i).score);
    }
    for (const MapCandidate &c : ranked) {
        QVERIFY(!c.local);
        QVERIFY(c.breakdown.contains(u"distance"_s));
        QVERIFY(c.eligible == (c.status != u"off_duty" && !c.frozen));
    }
    QCOMPARE(map()->candidateList()->count(), ranked.size());
    QVERIFY(map()->candidateList()->item(0)->text().contains(ranked.first().name));
    // The lines are drawn, with a clickable label per candidate on screen.
    canvas()->repaint();
    const QPointF person = canvas()->screenPos(ranked.first().userId);
    QVERIFY(person.x() >= 0);
}

void TestMap::keystrokeDispatchesToACandidate()
{
    const TicketId id = createAt(30.3190, 120.1420, u"地图测试：派单快捷键"_s);
    QVERIFY(id.isValid());
    map()->showTicket(id);
    QTRY_VERIFY_WITH_TIMEOUT(map()->candidates().size() >= 2, kWait);
    const QList<MapCandidate> ranked = map()->candidates();
    canvas()->setFocus();
    QTest::keyClick(canvas(), Qt::Key_2);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->assigneeId, ranked.at(1).userId, kWait);
    // Enter dispatches the highlighted one (now the second): nothing changes, and 9 (no such candidate) is ignored.
    QTest::keyClick(canvas(), Qt::Key_9);
    QCOMPARE(m_ws->outbox().pendingCount(), 0);
}

void TestMap::dragTicketOntoEngineerAssigns()
{
    const TicketId id = createAt(30.2080, 120.2120, u"地图测试：拖到人员"_s);
    QVERIFY(id.isValid());
    // Only this ticket on the map; the farthest of its five best candidates as the target.
    TicketFilter only;
    only.text = m_ws->tickets().ticket(id)->number;
    map()->setFilter(only);
    map()->data().rebuildNow();
    QCOMPARE(int(map()->data().tickets().size()), 1);
    const QList<MapCandidate> ranked = map()->data().localCandidates(id, 5);
    QVERIFY(!ranked.isEmpty());
    const UserId target = ranked.last().userId;
    canvas()->state().clustering = false;
    const TicketMarker &t = map()->data().tickets().front();
    const StaffMarker &s = map()->data().staff()[size_t(map()->data().staffIndex(target))];
    canvas()->setView(t.position, 12);
    canvas()->fitWorld(QRectF(t.world, s.world).normalized(), 15);
    canvas()->repaint();
    const QPointF from = canvas()->screenPos(id);
    const QPointF to = canvas()->screenPos(target);
    QCOMPARE(canvas()->renderer().hitTest(from).kind, MapHit::Kind::Ticket);
    QCOMPARE(canvas()->renderer().hitTest(to).kind, MapHit::Kind::Staff);

    sendMouse(canvas(), QEvent::MouseButtonPress, from, Qt::LeftButton);
    sendMouse(canvas(), QEvent::MouseMove, from + QPointF(12, 12), Qt::LeftButton);
    QCOMPARE(canvas()->state().draggedTicket, id);
    sendMouse(canvas(), QEvent::MouseMove, to, Qt::LeftButton);
    QCOMPARE(canvas()->state().dropTarget, target);
    sendMouse(canvas(), QEvent::MouseButtonRelease, to, Qt::NoButton);
    QVERIFY(!canvas()->state().draggedTicket.isValid());
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->assigneeId, target, kWait);

    // Dropping on empty map assigns nothing; a drag of the empty map pans.
    const GeoPoint before = canvas()->viewport().centre();
    const QPointF empty(5, 5);
    QCOMPARE(canvas()->renderer().hitTest(empty).kind, MapHit::Kind::None);
    sendMouse(canvas(), QEvent::MouseButtonPress, empty, Qt::LeftButton);
    sendMouse(canvas(), QEvent::MouseMove, empty + QPointF(60, 40), Qt::LeftButton);
    sendMouse(canvas(), QEvent::MouseButtonRelease, empty + QPointF(60, 40), Qt::NoButton);
    QVERIFY(canvas()->viewport().centre().lon < before.lon);
    QVERIFY(canvas()->viewport().centre().lat > before.lat);
}

void TestMap::dropFromTableOntoEngineerAssigns()
{
    const TicketId id = createAt(30.2500, 120.1900, u"地图测试：从表格拖入"_s);
    QVERIFY(id.isValid());
    canvas()->state().clustering = false;
    const StaffMarker s = map()->data().staff().front();
    canvas()->setView(s.position, 16);
    canvas()->repaint();
    const QPoint at = canvas()->screenPos(s.id).toPoint();
    QCOMPARE(canvas()->renderer().hitTest(at).kind, MapHit::Kind::Staff);
    const UserId under = map()->data().staff()[size_t(canvas()->renderer().hitTest(at).index)].id;
    const QModelIndex row = m_ws->tickets().index(m_ws->tickets().rowOf(id), 0);
    std::unique_ptr<QMimeData> mime(m_ws->tickets().mimeData({row}));
    QVERIFY(dropOn(canvas(), at, mime.get()));
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->assigneeId, under, kWait);
    // Not on a person: refused.
    QVERIFY(!dropOn(canvas(), QPoint(3, 3), mime.get()));
}

void TestMap::filterIsSharedWithTheTable()
{
    // An open repair with a position of our own: the demo data's mix of open repairs depends on the time of day.
    QVERIFY(createAt(30.27, 120.15, u"Filter check"_s, u"repair"_s).isValid());
    TicketFilter repairs;
    repairs.types = {u"repair"_s};
    Q_EMIT m_window->table()->filterChanged(repairs); // what the table's filter bar sends
    map()->data().rebuildNow();
    int expected = 0;
    for (int row = 0; row < m_ws->tickets().rowCount(); ++row) {
        const Ticket &t = m_ws->tickets().at(row);
        expected += t.type == u"repair" && t.location.isValid() &&
                            m_ws->tickets().index(row, 0).data(TicketModel::OpenRole).toBool()
                        ? 1
                        : 0;
    }
    QVERIFY(expected > 0);
    QCOMPARE(int(map()->data().tickets().size()), expected);
    for (const TicketMarker &t : map()->data().tickets())
        QCOMPARE(t.type, u"repair"_s);
    // A team filter narrows the people too.
    const TeamId team = map()->data().staff().front().teamId;
    TicketFilter byTeam;
    byTeam.teamIds = {team.value()};
    Q_EMIT m_window->table()->filterChanged(byTeam);
    map()->data().rebuildNow();
    QVERIFY(!map()->data().staff().empty());
    for (const StaffMarker &s : map()->data().staff())
        QCOMPARE(s.teamId, team);
    Q_EMIT m_window->table()->filterChanged({});
}

void TestMap::liveReportsMoveStaffAndLeaveATrail()
{
    const StaffMarker s = map()->data().staff().front();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const GeoPoint north = GeoPoint::at(s.position.lat + 0.005, s.position.lon); // ~555 m north
    // The "staff" notice as the server pushes it.
    Q_EMIT m_ws->connection().noticeReceived(u"staff"_s, QJsonObject{{u"userId"_s, s.id.value()},
                                                                     {u"lat"_s, north.lat},
                                                                     {u"lon"_s, north.lon},
                                                                     {u"accuracy"_s, 12.0},
                                                                     {u"at"_s, timeToJson(now)},
                                                                     {u"status"_s, u"en_route"_s}});
    const StaffMarker &moved = map()->data().staff()[size_t(map()->data().staffIndex(s.id))];
    QCOMPARE(moved.position, north);
    QCOMPARE(moved.status, u"en_route"_s);
    QCOMPARE(moved.accuracy, 12.0);
    QVERIFY2(qAbs(moved.heading) < 1, qPrintable(QString::number(moved.heading))); // derived: due north
    QVERIFY(map()->data().trail(s.id).size() >= 2);
    // An older report arriving late changes nothing.
    Q_EMIT m_ws->connection().noticeReceived(u"staff"_s, QJsonObject{{u"userId"_s, s.id.value()},
                                                                     {u"lat"_s, s.position.lat},
                                                                     {u"lon"_s, s.position.lon},
                                                                     {u"at"_s, timeToJson(now.addSecs(-60))}});
    QCOMPARE(map()->data().staff()[size_t(map()->data().staffIndex(s.id))].position, north);
    // Garbage is ignored.
    Q_EMIT m_ws->connection().noticeReceived(u"staff"_s, QJsonObject{{u"userId"_s, s.id.value()}, {u"lat"_s, u"x"_s}});
    QCOMPARE(map()->data().staff()[size_t(map()->data().staffIndex(s.id))].position, north);
    // Drawn at the new place.
    canvas()->state().clustering = false;
    canvas()->setView(north, 15);
    canvas()->repaint();
    const QPointF c(canvas()->width() / 2.0, canvas()->height() / 2.0);
    QCOMPARE(canvas()->renderer().hitTest(c).kind, MapHit::Kind::Staff);
    // Resting the pointer on the person says who it is and how fresh the position is.
    QHelpEvent help(QEvent::ToolTip, c.toPoint(), canvas()->mapToGlobal(c.toPoint()));
    QCoreApplication::sendEvent(canvas(), &help);
    QTRY_VERIFY_WITH_TIMEOUT(QToolTip::text().contains(s.name), kWait);
    QVERIFY(QToolTip::text().contains(u"±12 m"_s));
}

void TestMap::oldPositionsAreStale()
{
    const TicketId id = createAt(30.1840, 120.2640, u"地图测试：旧位置"_s);
    QVERIFY(id.isValid());
    const QList<MapCandidate> before = map()->data().localCandidates(id, 50);
    QVERIFY(!before.isEmpty());
    for (const MapCandidate &c : before)
        QVERIFY(c.status != u"off_duty"); // off-duty people are never offered
    // Three hours later without a report, every position is stale: flagged, and ranked lower than before.
    map()->data().setNow(QDateTime::currentDateTimeUtc().addSecs(3 * 3600));
    const QList<MapCandidate> later = map()->data().localCandidates(id, 50);
    map()->data().setNow({});
    QCOMPARE(later.size(), before.size());
    for (const MapCandidate &c : later) {
        QVERIFY(c.stale);
        for (const MapCandidate &b : before) {
            if (b.userId == c.userId && !b.stale)
                QVERIFY(c.score < b.score);
        }
    }
}

void TestMap::badOverlayIsReportedAndTheRestLoads()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(u"broken-zones.geojson"_s);
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\" \"geometry\": null}]}\n");
    f.close();
    MapSettings s = MapSettings::load();
    s.overlays = {MapSettings::demoOverlays().first(), bad};
    map()->applySettings(s);
    QCOMPARE(map()->canvas()->renderer().overlays().size(), 1);
    const QString error = map()->errorText();
    QVERIFY2(error.contains(u"broken-zones.geojson"_s) && error.contains(u"line 3"_s), qPrintable(error));
    QVERIFY(map()->findChild<QLabel *>(u"map.message"_s)->isVisible());
    // A base map that cannot be used falls back to the grid, and says so.
    s.base = MapSettings::Base::MbTiles;
    s.mbtilesPath = dir.filePath(u"none.mbtiles"_s);
    s.overlays = MapSettings::demoOverlays();
    map()->applySettings(s);
    QVERIFY(map()->errorText().contains(u"none.mbtiles"_s));
    QVERIFY(!map()->tiles().isTiled());
    QCOMPARE(map()->canvas()->renderer().overlays().size(), 2);
    map()->applySettings(MapSettings::load());
    QVERIFY(map()->errorText().isEmpty());
}

void TestMap::menuActionShowsTheMap()
{
    QAction *show = m_window->findChild<QAction *>(u"action.map"_s);
    QVERIFY(show);
    QCOMPARE(show->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));
    auto *dock = m_window->findChild<QDockWidget *>(u"dock.map"_s);
    QVERIFY(dock);
    dock->hide();
    show->trigger();
    QVERIFY(dock->isVisible());
    QCOMPARE(dock->widget(), static_cast<QWidget *>(map()));
}

QTEST_MAIN(TestMap)
#include "tst_map.moc"
