// The whole console window against the real server, offscreen: the table fills, a new ticket goes through the
// dialog, a ticket dragged onto a person is assigned, a change made by another client appears in place, work done
// offline is applied exactly once after reconnecting, a conflicting change opens the conflict dialog, and a search on
// the server reports its count.

#include "client/core/workspace.h"
#include "client/ui/mainwindow.h"
#include "client/ui/tickettableview.h"
#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using crewline::test::TestClient;
using crewline::test::TestServer;

namespace {
constexpr int kWait = 15000;

class MemoryTrust final : public TrustStore
{
public:
    QByteArray pinned(const QString &) const override { return {}; }
    void pin(const QString &, const QByteArray &) override {}
};
} // namespace

class TestConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void tableShowsWorkingSet();
    void newTicketThroughDialog();
    void assignByDraggingOntoAPerson();
    void changeByAnotherClientAppearsInPlace();
    void offlineWorkAppliedOnceAfterReconnect();
    void conflictOpensTheDialog();
    void helpListsShortcuts();
    void searchOnTheServer();

private:
    Ticket createTicket(const QString &title);
    QAction *action(const QString &name) const { return m_window->findChild<QAction *>(name); }

    std::unique_ptr<TestServer> m_server;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TestClient> m_other;
};

void TestConsole::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{u"--demo-data"_s, u"--demo-tickets"_s, u"60"_s, u"--demo-engineers"_s, u"6"_s});
    QVERIFY(m_server->start());
    m_ws = std::make_unique<Workspace>(m_trust);
    m_ws->connection().setReconnectDelays(50, 200);
    m_window = std::make_unique<MainWindow>(*m_ws);
    m_ws->login(m_server->url(), u"disp1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_other = std::make_unique<TestClient>(u"sup1"_s);
    QVERIFY(m_other->loginAs(m_server->url(), u"sup1"_s, u"demo123"_s));
}

void TestConsole::cleanupTestCase()
{
    m_other.reset();
    m_window.reset();
    m_ws.reset();
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestConsole::cleanup()
{
    m_server->printOutputIfFailed();
    if (!m_ws->connection().isOnline()) {
        action(u"action.offline"_s)->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(m_ws->connection().isOnline(), kWait);
    }
    for (QDialog *d : m_window->findChildren<QDialog *>()) {
        if (d->isVisible())
            d->reject();
    }
}

Ticket TestConsole::createTicket(const QString &title)
{
    const protocol::Response r =
        m_other->request(protocol::Op::TicketCreate, {{u"title"_s, title}, {u"type"_s, u"it_helpdesk"_s}});
    return r.ok ? Ticket::fromJson(r.result.value(u"ticket"_s).toObject()) : Ticket();
}

void TestConsole::tableShowsWorkingSet()
{
    QTableView *table = m_window->table()->table();
    QVERIFY(table->model()->rowCount() > 0);
    auto *state = m_window->findChild<QLabel *>(u"connectionState"_s);
    QVERIFY(state);
    QCOMPARE(state->property("state").toInt(), static_cast<int>(Connection::State::Online));
}

void TestConsole::newTicketThroughDialog()
{
    action(u"action.newTicket"_s)->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<QDialog *>(u"newTicketDialog"_s)) && dialog->isVisible(),
                             kWait);
    auto *title = dialog->findChild<QLineEdit *>(u"newTicket.title"_s);
    QVERIFY(title);
    title->setText(u"三楼会议室投影仪无信号"_s); // QTest::keyClicks types ASCII only
    auto *create = dialog->findChild<QPushButton *>(u"newTicket.create"_s);
    QVERIFY(create);
    create->click();
    const auto seen = m_other->waitForEvent([](const Event &e) {
        return e.type == u"ticket.created" &&
               e.data.value(u"ticket"_s).toObject().value(u"title"_s).toString() == u"三楼会议室投影仪无信号"_s;
    });
    // The other client was not subscribed: look it up instead.
    const protocol::Response list =
        m_other->request(protocol::Op::TicketList, {{u"text"_s, u"投影仪无信号"_s}, {u"limit"_s, 5}});
    QVERIFY(list.ok);
    QCOMPARE(list.result.value(u"tickets"_s).toArray().size(), 1);
    Q_UNUSED(seen);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->outbox().pendingCount(), 0, kWait);
}

void TestConsole::assignByDraggingOntoAPerson()
{
    const Ticket t = createTicket(u"Drag me onto an engineer"_s);
    QVERIFY(t.id.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(t.id) != nullptr, kWait);

    // What the table would put in the drag: the selected ticket's mime data.
    QTableView *table = m_window->table()->table();
    QModelIndex source;
    for (int row = 0; row < table->model()->rowCount() && !source.isValid(); ++row) {
        const QModelIndex i = table->model()->index(row, 0);
        if (i.data(TicketModel::TicketIdRole).toLongLong() == t.id.value())
            source = i;
    }
    QVERIFY(source.isValid());
    std::unique_ptr<QMimeData> mime(table->model()->mimeData({source}));

    auto *staff = m_window->findChild<QTreeView *>(u"staffList"_s);
    QVERIFY(staff);
    QTRY_VERIFY_WITH_TIMEOUT(staff->model()->rowCount() > 0, kWait);
    const QModelIndex person = staff->model()->index(0, 0);
    staff->scrollTo(person);
    const QPoint at = staff->visualRect(person).center();
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(staff->viewport(), &enter);
    QDragMoveEvent move(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(staff->viewport(), &move);
    QDropEvent drop(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(staff->viewport(), &drop);

    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(t.id)->assigneeId.isValid(), kWait);
    const protocol::Response got = m_other->request(protocol::Op::TicketGet, {{u"ticketId"_s, t.id.value()}});
    QVERIFY(got.ok);
    QVERIFY(Ticket::fromJson(got.result.value(u"ticket"_s).toObject()).assigneeId.isValid());
}

void TestConsole::changeByAnotherClientAppearsInPlace()
{
    const Ticket t = createTicket(u"Priority changes elsewhere"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(t.id) != nullptr, kWait);
    const int row = m_ws->tickets().rowOf(t.id);
    const protocol::Response r =
        m_other->request(protocol::Op::TicketUpdate, {{u"ticketId"_s, t.id.value()},
                                                      {u"version"_s, t.version},
                                                      {u"changes"_s, QJsonObject{{u"priority"_s, u"urgent"_s}}}});
    QVERIFY2(r.ok, qPrintable(test::describe(r)));
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().index(row, TicketModel::PriorityColumn).data().toString(),
                              TicketModel::priorityText(Priority::Urgent), kWait);
    QCOMPARE(m_ws->tickets().rowOf(t.id), row);
}

void TestConsole::offlineWorkAppliedOnceAfterReconnect()
{
    const Ticket t = createTicket(u"Urge me while offline"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(t.id) != nullptr, kWait);
    action(u"action.offline"_s)->setChecked(true);
    auto *state = m_window->findChild<QLabel *>(u"connectionState"_s);
    QTRY_COMPARE_WITH_TIMEOUT(state->property("state").toInt(), static_cast<int>(Connection::State::Offline), kWait);

    QVERIFY(!m_ws->urge(t.id, u"客户又来电催促"_s).isEmpty());
    auto *pending = m_window->findChild<QLabel *>(u"pendingCount"_s);
    QVERIFY(!pending->text().isEmpty()); // "1 change waiting to be confirmed"

    action(u"action.offline"_s)->setChecked(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->outbox().pendingCount(), 0, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(pending->text().isEmpty(), kWait);
    const protocol::Response got = m_other->request(protocol::Op::TicketGet, {{u"ticketId"_s, t.id.value()}});
    QCOMPARE(Ticket::fromJson(got.result.value(u"ticket"_s).toObject()).urgeCount, 1);
}

void TestConsole::conflictOpensTheDialog()
{
    const Ticket t = createTicket(u"Two dispatchers, one ticket"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(t.id) != nullptr, kWait);
    const QList<User> staff = m_ws->directory().assignableUsers();
    QVERIFY(staff.size() >= 2);
    action(u"action.offline"_s)->setChecked(true);
    m_ws->assign(t.id, staff.at(0).id);
    QVERIFY(m_other
                ->request(protocol::Op::TicketAssign, {{u"ticketId"_s, t.id.value()},
                                                       {u"version"_s, t.version},
                                                       {u"assigneeId"_s, staff.at(1).id.value()}})
                .ok);
    action(u"action.offline"_s)->setChecked(false);
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<QDialog *>(u"conflictDialog"_s)) && dialog->isVisible(),
                             kWait);
    auto *drop = dialog->findChild<QPushButton *>(u"conflict.drop"_s);
    QVERIFY(drop);
    drop->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->outbox().actions().size(), 0, kWait);
    QCOMPARE(m_ws->tickets().ticket(t.id)->assigneeId, staff.at(1).id); // the other dispatcher's choice stands
}

void TestConsole::helpListsShortcuts()
{
    action(u"action.help"_s)->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<QDialog *>(u"helpOverlay"_s)) && dialog->isVisible(), kWait);
    auto *table = dialog->findChild<QTableWidget *>(u"shortcuts"_s);
    QVERIFY(table);
    QVERIFY(table->rowCount() >= 15); // search, new, next/previous, views, and every ticket operation
    dialog->reject();
}

void TestConsole::searchOnTheServer()
{
    // "Search history" asks the server, counting up to the workspace's limit: beyond it the count says "or more".
    for (int i = 0; i < 3; ++i)
        QVERIFY(createTicket(u"历史搜索 SRVSEARCH %1"_s.arg(i)).id.isValid());
    auto *search = m_window->table()->findChild<QLineEdit *>(u"search"_s);
    auto *button = m_window->table()->findChild<QToolButton *>(u"searchServer"_s);
    auto *count = m_window->table()->findChild<QLabel *>(u"count"_s);
    QVERIFY(search && button && count);
    search->setText(u"SRVSEARCH"_s);
    // The three have reached the console (their arrival rewrites the count) before the server is asked.
    QTRY_VERIFY2_WITH_TIMEOUT(count->text().startsWith(u"3 of "_s), qPrintable(count->text()), kWait);
    button->click();
    QTRY_VERIFY2_WITH_TIMEOUT(count->text().endsWith(u" · 3 found on the server"_s), qPrintable(count->text()), kWait);
    m_ws->setSearchTotalLimit(2);
    button->click();
    QTRY_VERIFY2_WITH_TIMEOUT(count->text().endsWith(u" · 2 or more found on the server"_s), qPrintable(count->text()),
                              kWait);
    m_ws->setSearchTotalLimit(1000);
    // It stays while tickets arrive, and goes with the search text.
    QVERIFY(createTicket(u"SRVSEARCH 3"_s).id.isValid());
    QTRY_VERIFY2_WITH_TIMEOUT(count->text().startsWith(u"4 of "_s), qPrintable(count->text()), kWait);
    QVERIFY(count->text().endsWith(u" · 2 or more found on the server"_s));
    search->clear();
    QTRY_VERIFY2_WITH_TIMEOUT(!count->text().contains(u"server"_s), qPrintable(count->text()), kWait);
}

QTEST_MAIN(TestConsole)
#include "tst_console.moc"
