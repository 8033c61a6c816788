// The queue board and the staff panel (offscreen) on a logged-in console against the real server with demo data:
// the columns are the statuses of the chosen type with live counts; a change made by someone else moves the card
// (and the selection with it); dropping cards on a column performs the workflow move that leads there, asks for
// what it needs, offers a choice when several moves lead there, and refuses what the workflow does not allow;
// dropping tickets on a person assigns them; keyboard, zoom, SLA hints and presence on the cards.

#include "client/core/presence.h"
#include "client/core/staffmodel.h"
#include "client/core/workspace.h"
#include "client/ui/boardview.h"
#include "client/ui/staffpanel.h"
#include "client/ui/ticketcarddelegate.h"
#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

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

// Drag-enter, drag-move and drop on a widget (a view's viewport), as a real drag would deliver them.
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

// The ids a view shows.
QList<qint64> idsIn(const QAbstractItemView *view)
{
    QList<qint64> out;
    if (!view)
        return out;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        out << view->model()->index(row, 0).data(TicketModel::TicketIdRole).toLongLong();
    return out;
}

QModelIndex indexOf(const QAbstractItemView *view, TicketId id)
{
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex i = view->model()->index(row, 0);
        if (i.data(TicketModel::TicketIdRole).toLongLong() == id.value())
            return i;
    }
    return {};
}

} // namespace

class TestBoard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void columnsAreTheStatusesWithCounts();
    void filterNarrowsEveryColumn();
    void changeByOthersMovesTheCardAndTheSelection();
    void dropOnNextColumnPerformsTheTransition();
    void refusedDropMovesNothing();
    void dropNeedingACommentAsksForIt();
    void dropNeedingAnAssigneeAsksForOne();
    void severalMovesOfferAMenu();
    void dropOnPersonAssigns();
    void keyboardMovesBetweenColumnsAndOpens();
    void zoomScalesTheCards();
    void slaHints();
    void presenceShowsOnTheCard();

private:
    TicketId create(const QString &type, const QString &title, const QString &priority = u"normal"_s);
    bool request(Op op, const QJsonObject &data);
    qint64 versionOf(TicketId id);
    UserId anEngineer() const;
    int modelCount(const QString &type, const QString &status) const;

    std::unique_ptr<TestServer> m_server;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<TestClient> m_other;
    std::unique_ptr<BoardView> m_board;
};

void TestBoard::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{u"--demo-data"_s, u"--demo-tickets"_s, u"40"_s, u"--demo-engineers"_s, u"6"_s});
    QVERIFY(m_server->start());
}

void TestBoard::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestBoard::init()
{
    m_ws = std::make_unique<Workspace>(m_trust);
    m_ws->login(m_server->url(), u"disp1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_ws->directory().assignableUsers().isEmpty(), kWait);
    m_other = std::make_unique<TestClient>(u"sup1"_s);
    QVERIFY(m_other->loginAs(m_server->url(), u"sup1"_s, u"demo123"_s));

    m_board = std::make_unique<BoardView>(*m_ws);
    m_board->resize(2400, 900);
    m_board->setTicketType(u"repair"_s);
    m_board->setShowClosed(false);
    m_board->setZoom(1.0);
    m_board->setFilter({});
    m_board->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_board.get()));
    m_board->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_board.get()));
}

void TestBoard::cleanup()
{
    m_server->printOutputIfFailed();
    m_board.reset();
    m_other.reset();
    m_ws.reset();
}

TicketId TestBoard::create(const QString &type, const QString &title, const QString &priority)
{
    const protocol::Response r =
        m_other->request(Op::TicketCreate, {{u"type"_s, type}, {u"title"_s, title}, {u"priority"_s, priority}});
    if (!r.ok) {
        qWarning().noquote() << "create failed:" << test::describe(r);
        return {};
    }
    const TicketId id(r.result.value(u"ticket"_s).toObject().value(u"id"_s).toInteger());
    // Wait until the console has it, so that the board can show it.
    if (!QTest::qWaitFor([&] { return m_ws->tickets().ticket(id) != nullptr; }, kWait))
        return {};
    return id;
}

qint64 TestBoard::versionOf(TicketId id)
{
    const protocol::Response r = m_other->request(Op::TicketGet, {{u"ticketId"_s, id.value()}});
    return r.result.value(u"ticket"_s).toObject().value(u"version"_s).toInteger();
}

bool TestBoard::request(Op op, const QJsonObject &data)
{
    const protocol::Response r = m_other->request(op, data);
    if (!r.ok)
        qWarning().noquote() << protocol::opName(op) << "failed:" << test::describe(r);
    return r.ok;
}

UserId TestBoard::anEngineer() const
{
    for (const User &u : m_ws->directory().assignableUsers()) {
        if (u.role == Role::Engineer)
            return u.id;
    }
    return {};
}

int TestBoard::modelCount(const QString &type, const QString &status) const
{
    int n = 0;
    for (int row = 0; row < m_ws->tickets().rowCount(); ++row) {
        const Ticket &t = m_ws->tickets().at(row);
        n += t.type == type && t.status == status ? 1 : 0;
    }
    return n;
}

void TestBoard::columnsAreTheStatusesWithCounts()
{
    const TicketType *repair = m_ws->directory().types().type(u"repair"_s);
    QVERIFY(repair);
    QStringList open, all;
    for (const StatusDef &s : repair->statuses()) {
        all << s.id;
        if (!repair->isFinal(s.id))
            open << s.id;
    }
    QCOMPARE(m_board->visibleStatuses(), open);
    QVERIFY(!m_board->columnView(u"closed"_s)->isVisible());
    for (const QString &status : all) {
        QCOMPARE(m_board->count(status), modelCount(u"repair"_s, status));
        auto *header = m_board->findChild<QLabel *>(u"boardHeader."_s + status);
        QVERIFY(header);
        QVERIFY2(header->text().contains(m_ws->directory().statusName(u"repair"_s, status)),
                 qPrintable(header->text()));
        QVERIFY2(header->text().endsWith(QString::number(m_board->count(status))), qPrintable(header->text()));
    }

    // "Show closed" brings the final columns.
    auto *closed = m_board->findChild<QCheckBox *>(u"boardShowClosed"_s);
    QVERIFY(closed);
    closed->click();
    QCOMPARE(m_board->visibleStatuses(), all);
    QVERIFY(m_board->columnView(u"closed"_s)->isVisible());

    // The count follows a new ticket live.
    const int before = m_board->count(u"registered"_s);
    QVERIFY(create(u"repair"_s, u"爆管 burst pipe"_s).isValid());
    QTRY_COMPARE_WITH_TIMEOUT(m_board->count(u"registered"_s), before + 1, kWait);
    QVERIFY(m_board->findChild<QLabel *>(u"boardHeader.registered"_s)->text().endsWith(QString::number(before + 1)));

    // Another type from the combo: its statuses become the columns.
    auto *combo = m_board->findChild<QComboBox *>(u"boardType"_s);
    QVERIFY(combo);
    QCOMPARE(combo->count(), m_ws->directory().types().all().size());
    const int it = combo->findData(u"it_helpdesk"_s);
    QVERIFY(it >= 0);
    combo->setCurrentIndex(it);
    Q_EMIT combo->activated(it);
    QCOMPARE(m_board->ticketType(), u"it_helpdesk"_s);
    QCOMPARE(m_board->visibleStatuses(), (QStringList{u"pending_assignment"_s, u"in_progress"_s, u"suspended"_s,
                                                      u"pending_confirmation"_s, u"completed"_s}));
    for (const QString &status : m_board->visibleStatuses())
        QCOMPARE(m_board->count(status), modelCount(u"it_helpdesk"_s, status));
}

void TestBoard::filterNarrowsEveryColumn()
{
    const UserId engineer = anEngineer();
    const TicketId a = create(u"repair"_s, u"filter me"_s);
    QVERIFY(a.isValid());
    QVERIFY(request(Op::TicketAssign,
                    {{u"ticketId"_s, a.value()}, {u"version"_s, versionOf(a)}, {u"assigneeId"_s, engineer.value()}}));
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(a)->assigneeId == engineer, kWait);

    TicketFilter f;
    f.assigneeIds = {engineer.value()};
    f.statuses = {u"closed"_s}; // ignored: the columns are the statuses
    f.openOnly = true;          // ignored too
    m_board->setFilter(f);
    int total = 0;
    for (const QString &status : m_board->visibleStatuses()) {
        int expected = 0;
        for (int row = 0; row < m_ws->tickets().rowCount(); ++row) {
            const Ticket &t = m_ws->tickets().at(row);
            expected += t.type == u"repair" && t.status == status && t.assigneeId == engineer ? 1 : 0;
        }
        QCOMPARE(m_board->count(status), expected);
        total += expected;
    }
    QVERIFY(total >= 1);
    QVERIFY(idsIn(m_board->columnView(u"dispatched"_s)).contains(a.value()));
    m_board->setFilter({});
    QCOMPARE(m_board->count(u"registered"_s), modelCount(u"repair"_s, u"registered"_s));
}

void TestBoard::changeByOthersMovesTheCardAndTheSelection()
{
    const TicketId id = create(u"repair"_s, u"moved by someone else"_s);
    QVERIFY(id.isValid());
    QListView *registered = m_board->columnView(u"registered"_s);
    QListView *reviewed = m_board->columnView(u"reviewed"_s);
    QTRY_VERIFY_WITH_TIMEOUT(idsIn(registered).contains(id.value()), kWait);
    QVERIFY(m_board->selectTicket(id));
    registered->setFocus();
    QCOMPARE(m_board->currentTicket(), id);

    QVERIFY(request(Op::TicketTransition,
                    {{u"ticketId"_s, id.value()}, {u"version"_s, versionOf(id)}, {u"transition"_s, u"review"_s}}));
    QTRY_VERIFY_WITH_TIMEOUT(idsIn(reviewed).contains(id.value()), kWait);
    QVERIFY(!idsIn(registered).contains(id.value()));
    // The selection went along with the card.
    QTRY_COMPARE_WITH_TIMEOUT(reviewed->currentIndex().data(TicketModel::TicketIdRole).toLongLong(), id.value(), kWait);
    QVERIFY(reviewed->selectionModel()->isSelected(reviewed->currentIndex()));
    QCOMPARE(m_board->currentTicket(), id);
    QCOMPARE(m_board->count(u"reviewed"_s), modelCount(u"repair"_s, u"reviewed"_s));
}

void TestBoard::dropOnNextColumnPerformsTheTransition()
{
    const TicketId id = create(u"repair"_s, u"drag me to review"_s);
    QVERIFY(id.isValid());
    QListView *registered = m_board->columnView(u"registered"_s);
    QListView *reviewed = m_board->columnView(u"reviewed"_s);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(registered, id).isValid(), kWait);
    std::unique_ptr<QMimeData> mime(registered->model()->mimeData({indexOf(registered, id)}));
    QVERIFY(dropOn(reviewed->viewport(), reviewed->viewport()->rect().center(), mime.get()));

    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->status, u"reviewed"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(reviewed, id).isValid(), kWait);
    QVERIFY(!indexOf(registered, id).isValid());
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->outbox().pendingCount(), 0, kWait);
    const protocol::Response server = m_other->request(Op::TicketGet, {{u"ticketId"_s, id.value()}});
    QCOMPARE(server.result.value(u"ticket"_s).toObject().value(u"status"_s).toString(), u"reviewed"_s);
}

void TestBoard::refusedDropMovesNothing()
{
    const TicketId id = create(u"repair"_s, u"cannot jump to on site"_s);
    QVERIFY(id.isValid());
    QListView *registered = m_board->columnView(u"registered"_s);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(registered, id).isValid(), kWait);
    QSignalSpy message(m_board.get(), &BoardView::statusMessage);
    QVERIFY(!m_board->dropTickets({id}, u"on_site"_s));
    QCOMPARE(message.count(), 1);
    QVERIFY(!m_board->findChild<QLabel *>(u"boardMessage"_s)->text().isEmpty());
    QCOMPARE(m_ws->outbox().pendingCount(), 0);
    QVERIFY(!m_ws->tickets().index(m_ws->tickets().rowOf(id), 0).data(TicketModel::PendingRole).toBool());
    QVERIFY(indexOf(registered, id).isValid());
    QCOMPARE(m_ws->tickets().ticket(id)->status, u"registered"_s);
    // Dropping where it already is does nothing and says nothing.
    QVERIFY(!m_board->dropTickets({id}, u"registered"_s));
    QCOMPARE(message.count(), 1);
}

void TestBoard::dropNeedingACommentAsksForIt()
{
    m_board->setShowClosed(true);
    const TicketId id = create(u"repair"_s, u"duplicate, cancel it"_s);
    QVERIFY(id.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(m_board->columnView(u"registered"_s), id).isValid(), kWait);
    QVERIFY(m_board->dropTickets({id}, u"closed"_s)); // "cancel" needs a comment
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_board->findChild<QDialog *>(u"boardMoveDialog"_s)) != nullptr);
    auto *comment = dialog->findChild<QPlainTextEdit *>(u"comment"_s);
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(comment && ok);
    QVERIFY(!ok->isEnabled()); // no reason yet
    QCOMPARE(m_ws->outbox().pendingCount(), 0);
    QTest::keyClicks(comment, u"duplicate of another"_s);
    QVERIFY(ok->isEnabled());
    ok->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->status, u"closed"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(m_board->columnView(u"closed"_s), id).isValid(), kWait);
}

void TestBoard::dropNeedingAnAssigneeAsksForOne()
{
    const TicketId id = create(u"repair"_s, u"dispatch from the board"_s);
    QVERIFY(id.isValid());
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(m_board->columnView(u"registered"_s), id).isValid(), kWait);
    QVERIFY(m_board->dropTickets({id}, u"dispatched"_s)); // reached by assigning
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_board->findChild<QDialog *>(u"boardMoveDialog"_s)) != nullptr);
    auto *assignee = dialog->findChild<QComboBox *>(u"assignee"_s);
    QVERIFY(assignee);
    const UserId engineer = anEngineer();
    assignee->setCurrentIndex(assignee->findData(engineer.value()));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->status, u"dispatched"_s, kWait);
    QCOMPARE(m_ws->tickets().ticket(id)->assigneeId, engineer);
}

void TestBoard::severalMovesOfferAMenu()
{
    // An IT ticket waiting for confirmation can go back to "in progress" two ways: reject, or reopen.
    m_board->setTicketType(u"it_helpdesk"_s);
    const TicketId id = create(u"it_helpdesk"_s, u"printer fixed?"_s);
    QVERIFY(id.isValid());
    QVERIFY(
        request(Op::TicketAssign,
                {{u"ticketId"_s, id.value()}, {u"version"_s, versionOf(id)}, {u"assigneeId"_s, anEngineer().value()}}));
    QVERIFY(request(Op::TicketTransition, {{u"ticketId"_s, id.value()},
                                           {u"version"_s, versionOf(id)},
                                           {u"transition"_s, u"resolve"_s},
                                           {u"fields"_s, QJsonObject{{u"resolution"_s, u"replaced toner"_s}}}}));
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(m_board->columnView(u"pending_confirmation"_s), id).isValid(), kWait);

    QVERIFY(m_board->dropTickets({id}, u"in_progress"_s));
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = m_board->findChild<QMenu *>(u"boardMoveMenu"_s)) != nullptr);
    QCOMPARE(menu->actions().size(), 2);
    QAction *reject = nullptr;
    for (QAction *a : menu->actions()) {
        if (a->text() == m_ws->directory().transitionName(u"it_helpdesk"_s, u"reject"_s))
            reject = a;
    }
    QVERIFY(reject);
    reject->trigger();
    menu->close();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_board->findChild<QDialog *>(u"boardMoveDialog"_s)) != nullptr);
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"comment"_s), u"still jams"_s);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(id)->status, u"in_progress"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(m_board->columnView(u"in_progress"_s), id).isValid(), kWait);
}

void TestBoard::dropOnPersonAssigns()
{
    StaffPanel panel(*m_ws);
    panel.resize(500, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy loaded(&panel.model(), &StaffModel::loaded);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 || panel.model().rowCount() > 0, kWait);
    QTreeView *view = panel.view();
    QModelIndex target;
    const auto findFieldWorker = [&] {
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex i = view->model()->index(row, 0);
            if (i.data(StaffModel::FieldStaffRole).toBool() && i.data(StaffModel::StatusRole) != u"off_duty"_s) {
                target = i;
                return true;
            }
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(findFieldWorker(), kWait);
    const UserId person(target.data(StaffModel::UserIdRole).toLongLong());
    // Desk staff are listed too (dispatchers and supervisors without a field row).
    bool desk = false;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        desk = desk || view->model()->index(row, 0).data(StaffModel::RoleNameRole).toString() == u"supervisor";
    QVERIFY(desk);

    const TicketId a = create(u"repair"_s, u"bulk one"_s);
    const TicketId b = create(u"repair"_s, u"bulk two"_s);
    QVERIFY(a.isValid() && b.isValid());
    panel.model().recount();
    const int before = panel.model().openTickets(person);
    TicketModel &tickets = m_ws->tickets();
    std::unique_ptr<QMimeData> mime(
        tickets.mimeData({tickets.index(tickets.rowOf(a), 0), tickets.index(tickets.rowOf(b), 0)}));
    view->scrollTo(target);
    QVERIFY(dropOn(view->viewport(), view->visualRect(target).center(), mime.get()));

    QTRY_COMPARE_WITH_TIMEOUT(tickets.ticket(a)->assigneeId, person, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(tickets.ticket(b)->assigneeId, person, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(panel.model().openTickets(person), before + 2, kWait);
    QVERIFY(!panel.findChild<QLabel *>(u"staffMessage"_s)->text().isEmpty());

    // A drop beside the people does nothing.
    const QPoint below(5, view->viewport()->height() - 2);
    if (!view->indexAt(below).isValid())
        QVERIFY(!dropOn(view->viewport(), below, mime.get()));

    // The search box narrows the list.
    auto *search = panel.findChild<QLineEdit *>(u"staffSearch"_s);
    QVERIFY(search);
    const QString name = target.data().toString();
    search->setText(name); // (QTest::keyClicks types Latin-1 only)
    QTRY_VERIFY(view->model()->rowCount() >= 1);
    for (int row = 0; row < view->model()->rowCount(); ++row)
        QVERIFY(view->model()
                    ->index(row, 0)
                    .data(StaffModel::SearchTextRole)
                    .toString()
                    .contains(name, Qt::CaseInsensitive));

    QSignalSpy activated(&panel, &StaffPanel::staffActivated);
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
}

void TestBoard::keyboardMovesBetweenColumnsAndOpens()
{
    const TicketId a = create(u"repair"_s, u"left card"_s);
    const TicketId b = create(u"repair"_s, u"right card"_s);
    QVERIFY(a.isValid() && b.isValid());
    QVERIFY(request(Op::TicketTransition,
                    {{u"ticketId"_s, b.value()}, {u"version"_s, versionOf(b)}, {u"transition"_s, u"review"_s}}));
    QListView *registered = m_board->columnView(u"registered"_s);
    QListView *reviewed = m_board->columnView(u"reviewed"_s);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(reviewed, b).isValid(), kWait);
    QVERIFY(m_board->selectTicket(a));
    registered->setFocus();
    QTRY_VERIFY(registered->hasFocus());

    QTest::keyClick(registered, Qt::Key_Right);
    QTRY_VERIFY(reviewed->hasFocus());
    QVERIFY(reviewed->currentIndex().isValid());
    QTest::keyClick(reviewed, Qt::Key_Left);
    QTRY_VERIFY(registered->hasFocus());

    QVERIFY(m_board->selectTicket(b));
    reviewed->setFocus();
    QSignalSpy activated(m_board.get(), &BoardView::ticketActivated);
    QTest::keyClick(reviewed, Qt::Key_Return);
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.first().first().value<TicketId>(), b);
}

void TestBoard::zoomScalesTheCards()
{
    const TicketId id = create(u"repair"_s, u"zoom"_s);
    QVERIFY(id.isValid());
    QListView *registered = m_board->columnView(u"registered"_s);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(registered, id).isValid(), kWait);
    const int before = registered->visualRect(indexOf(registered, id)).height();
    const int widthBefore = registered->parentWidget()->width();
    registered->setFocus();
    QTest::keyClick(registered, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(registered, Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(m_board->zoom(), 1.2);
    QTRY_VERIFY(registered->visualRect(indexOf(registered, id)).height() > before);
    QVERIFY(registered->parentWidget()->width() > widthBefore);
    QTest::keyClick(registered, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(m_board->zoom(), 1.1);
    m_board->findChild<QToolButton *>(u"boardZoomOut"_s)->click();
    QCOMPARE(m_board->zoom(), 1.0);
}

void TestBoard::slaHints()
{
    TicketCardDelegate delegate(m_ws->tickets(), m_ws->directory());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Ticket t;
    t.type = u"repair"_s;
    t.status = u"dispatched"_s;
    t.assigneeId = anEngineer();
    t.createdAt = now.addSecs(-5 * 3600);
    t.updatedAt = now.addSecs(-3 * 3600);
    TicketCardDelegate::Hint h = delegate.slaHint(t, now);
    QVERIFY2(h.text.contains(u"unaccepted"_s), qPrintable(h.text));
    QVERIFY(h.severe);
    t.updatedAt = now.addSecs(-45 * 60); // over the type's accept timeout, under two hours
    h = delegate.slaHint(t, now);
    QVERIFY(h.text.contains(u"unaccepted"_s));
    QVERIFY(!h.severe);
    t.updatedAt = now.addSecs(-5 * 60);
    QVERIFY(delegate.slaHint(t, now).text.isEmpty());
    t.acceptedAt = now.addSecs(-60);
    t.updatedAt = now.addSecs(-3 * 3600);
    QVERIFY(delegate.slaHint(t, now).text.isEmpty());

    Ticket fresh;
    fresh.type = u"repair"_s;
    fresh.status = u"registered"_s;
    fresh.createdAt = now.addSecs(-30 * 3600);
    h = delegate.slaHint(fresh, now);
    QVERIFY2(h.text.startsWith(u"open"_s), qPrintable(h.text));
    QVERIFY(h.severe); // nobody has touched it for a day
    fresh.status = u"closed"_s;
    QVERIFY(delegate.slaHint(fresh, now).text.isEmpty());
    QCOMPARE(TicketCardDelegate::priorityColor(Priority::Urgent), QColor(0xd3, 0x2f, 0x2f));
}

void TestBoard::presenceShowsOnTheCard()
{
    Presence presence(m_ws->connection(), m_ws->tickets());
    const TicketId id = create(u"repair"_s, u"who is here"_s);
    QVERIFY(id.isValid());
    QListView *registered = m_board->columnView(u"registered"_s);
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(registered, id).isValid(), kWait);
    const int before = registered->visualRect(indexOf(registered, id)).height();

    QVERIFY(request(Op::Subscribe, {}));
    QVERIFY(request(Op::PresenceSet, {{u"ticketId"_s, id.value()}, {u"activity"_s, u"writing"_s}}));
    QTRY_VERIFY_WITH_TIMEOUT(
        indexOf(registered, id).data(TicketModel::PresenceRole).toString().endsWith(u"is replying"_s), kWait);
    QTRY_VERIFY(registered->visualRect(indexOf(registered, id)).height() > before);

    // The console's own activity reaches the other side.
    presence.setActivity(id, u"viewing"_s);
    QVERIFY(m_other->waitUntil(
        [&] {
            for (const protocol::Push &p : m_other->notices()) {
                if (p.notice == u"presence" && p.body.value(u"ticketId"_s).toInteger() == id.value() &&
                    p.body.value(u"activity"_s).toString() == u"viewing")
                    return true;
            }
            return false;
        },
        kWait));

    // The other console goes away: its presence is cleared.
    m_other->abort();
    QTRY_VERIFY_WITH_TIMEOUT(indexOf(registered, id).data(TicketModel::PresenceRole).toString().isEmpty(), kWait);
}

QTEST_MAIN(TestBoard)
#include "tst_board.moc"
