// The ticket detail view against the real server: the fields shown, replies and internal notes (told apart),
// workflow steps that need fields (driven through TransitionDialog), assigning with the picker, verified attachment
// transfers (also a damaged one), what a requester is offered, conflicts, and filing a new ticket.

#include "client/core/attachmenttransfer.h"
#include "client/core/workspace.h"
#include "client/ui/assignpicker.h"
#include "client/ui/attachmentspanel.h"
#include "client/ui/conflictdialog.h"
#include "client/ui/conversationview.h"
#include "client/ui/newticketdialog.h"
#include "client/ui/ticketdetailview.h"
#include "client/ui/transitiondialog.h"
#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

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

template<typename T>
T *child(QWidget *root, const QString &name)
{
    return root->findChild<T *>(name);
}

QAction *action(TicketDetailView &view, const QString &name)
{
    for (QAction *a : view.ticketActions()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

// The frame of the message whose text is body, or nullptr.
QFrame *messageWithBody(QWidget *root, const QString &body)
{
    for (QLabel *l : root->findChildren<QLabel *>()) {
        if (l->objectName().startsWith(u"message."_s) && l->objectName().endsWith(u".body"_s) && l->text() == body)
            return qobject_cast<QFrame *>(l->parentWidget());
    }
    return nullptr;
}

} // namespace

class TestTicketDetail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void showsFields();
    void replyAndNoteAppear();
    void draftsSurviveSwitchingTickets();
    void transitionAsksForRequiredField();
    void callbackResultIsAChoice();
    void assignWithPicker();
    void attachmentRoundTrip();
    void multiChunkTransfer();
    void damagedDownloadIsRejected();
    void requesterSeesNoAssign();
    void conflictShowsBothSidesAndReapplies();
    void newTicketDialogQueuesCreate();

private:
    Ticket create(TestClient &as, const QJsonObject &fields);
    Ticket assign(const Ticket &t, UserId engineer);
    User anEngineer() const;
    std::unique_ptr<TicketDetailView> openView(Workspace &ws, TicketId id);

    std::unique_ptr<TestServer> m_server;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<TestClient> m_sup;
};

void TestTicketDetail::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{u"--demo-data"_s, u"--demo-tickets"_s, u"30"_s, u"--demo-engineers"_s, u"6"_s});
    QVERIFY(m_server->start());
    m_ws = std::make_unique<Workspace>(m_trust);
    m_ws->login(m_server->url(), u"disp1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_ws->directory().assignableUsers().isEmpty(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_ws->directory().teams().isEmpty(), kWait);
    m_sup = std::make_unique<TestClient>(u"sup1"_s);
    QVERIFY(m_sup->loginAs(m_server->url(), u"sup1"_s, u"demo123"_s));
}

void TestTicketDetail::cleanupTestCase()
{
    m_sup.reset();
    m_ws.reset();
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestTicketDetail::cleanup()
{
    m_server->printOutputIfFailed();
}

Ticket TestTicketDetail::create(TestClient &as, const QJsonObject &fields)
{
    const protocol::Response r = as.request(protocol::Op::TicketCreate, fields);
    if (!r.ok)
        qWarning() << "create failed:" << test::describe(r);
    return Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
}

Ticket TestTicketDetail::assign(const Ticket &t, UserId engineer)
{
    const protocol::Response r =
        m_sup->request(protocol::Op::TicketAssign,
                       {{u"ticketId"_s, t.id.value()}, {u"version"_s, t.version}, {u"assigneeId"_s, engineer.value()}});
    if (!r.ok)
        qWarning() << "assign failed:" << test::describe(r);
    return Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
}

User TestTicketDetail::anEngineer() const
{
    for (const User &u : m_ws->directory().assignableUsers()) {
        if (u.role == Role::Engineer)
            return u;
    }
    return {};
}

std::unique_ptr<TicketDetailView> TestTicketDetail::openView(Workspace &ws, TicketId id)
{
    auto view = std::make_unique<TicketDetailView>(ws);
    view->resize(900, 700);
    view->show();
    view->activateWindow();
    if (!QTest::qWaitForWindowActive(view.get()))
        qWarning() << "the view did not become active";
    view->showTicket(id);
    TicketDetailView *v = view.get();
    if (!QTest::qWaitFor([v, id] { return v->isLoaded() && v->detail().ticket.id == id; }, kWait))
        qWarning() << "the ticket did not load";
    return view;
}

void TestTicketDetail::showsFields()
{
    const Ticket t =
        create(*m_sup, {{u"type"_s, u"it_helpdesk"_s},
                        {u"title"_s, u"打印机卡纸 printer jam"_s},
                        {u"description"_s, u"Room 301, the HP printer."_s},
                        {u"priority"_s, u"high"_s},
                        {u"category"_s, u"打印机"_s},
                        {u"department"_s, u"Library"_s},
                        {u"address"_s, u"Library building, room 301"_s},
                        {u"location"_s, QJsonObject{{u"lat"_s, 31.2304}, {u"lon"_s, 121.4737}}},
                        {u"requester"_s, QJsonObject{{u"name"_s, u"王芳"_s}, {u"contact"_s, u"13800000001"_s}}}});
    QVERIFY(t.id.isValid());
    auto view = openView(*m_ws, t.id);
    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    QCOMPARE(view->ticketId(), t.id);
    QVERIFY(child<QLabel>(view.get(), u"header.number"_s)->text().contains(t.number));
    QCOMPARE(child<QLabel>(view.get(), u"header.title"_s)->text(), t.title);
    QCOMPARE(child<QLabel>(view.get(), u"header.status"_s)->text(), u"Pending assignment"_s);
    QCOMPARE(child<QLabel>(view.get(), u"header.priority"_s)->property("priority").toString(), u"high"_s);
    QCOMPARE(child<QLabel>(view.get(), u"field.number"_s)->text(), t.number);
    QCOMPARE(child<QLabel>(view.get(), u"field.type"_s)->text(), u"IT help desk"_s);
    QCOMPARE(child<QLabel>(view.get(), u"field.requesterName"_s)->text(), u"王芳"_s);
    QCOMPARE(child<QLineEdit>(view.get(), u"field.requesterContact"_s)->text(), u"13800000001"_s);
    QCOMPARE(child<QLineEdit>(view.get(), u"field.title"_s)->text(), t.title);
    QCOMPARE(child<QComboBox>(view.get(), u"field.category"_s)->currentText(), u"打印机"_s);
    QCOMPARE(child<QLineEdit>(view.get(), u"field.department"_s)->text(), u"Library"_s);
    QCOMPARE(child<QLineEdit>(view.get(), u"field.address"_s)->text(), u"Library building, room 301"_s);
    QVERIFY(child<QLabel>(view.get(), u"field.location"_s)->text().contains(u"31"_s));
    QVERIFY(!child<QLabel>(view.get(), u"field.createdAt"_s)->text().isEmpty());
    QVERIFY(child<QLabel>(view.get(), u"message.description.body"_s)->text().contains(u"HP printer"_s));
    // A dispatcher may edit, assign, merge; nobody may accept an unassigned ticket.
    QVERIFY(!child<QLineEdit>(view.get(), u"field.title"_s)->isReadOnly());
    QVERIFY(action(*view, u"action.assign"_s)->isVisible());
    QVERIFY(action(*view, u"action.merge"_s)->isVisible());
    QVERIFY(!action(*view, u"action.accept"_s)->isVisible());
    QVERIFY(!action(*view, u"action.resume"_s)->isVisible());
    QVERIFY(action(*view, u"action.transition.cancel"_s)->isVisible());
    QVERIFY(!action(*view, u"action.transition.resolve"_s)->isVisible()); // not from "pending assignment"
    for (QAction *a : view->ticketActions())
        QCOMPARE(a->shortcutContext(), Qt::WidgetWithChildrenShortcut);

    // Editing a field goes to the server and comes back.
    auto *department = child<QLineEdit>(view.get(), u"field.department"_s);
    department->setFocus();
    department->selectAll();
    QTest::keyClicks(department, u"Main library"_s);
    QTest::mouseClick(child<QPushButton>(view.get(), u"details.save"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(view->detail().ticket.department, u"Main library"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!child<QLabel>(view.get(), u"header.unconfirmed"_s)->isVisible(), kWait);
    QVERIFY(child<QTreeWidget>(view.get(), u"history.tree"_s)->topLevelItemCount() >= 2);
}

void TestTicketDetail::replyAndNoteAppear()
{
    const Ticket t =
        assign(create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"VPN drops"_s}}), anEngineer().id);
    auto view = openView(*m_ws, t.id);
    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    auto *editor = child<QPlainTextEdit>(view.get(), u"reply.editor"_s);

    // A public reply with the button.
    editor->setFocus();
    QTest::keyClicks(editor, u"We are looking into it."_s);
    QTest::mouseClick(child<QPushButton>(view.get(), u"reply.send"_s), Qt::LeftButton);
    QCOMPARE(editor->toPlainText(), QString()); // queued: the box is free again
    QTRY_VERIFY_WITH_TIMEOUT(messageWithBody(view.get(), u"We are looking into it."_s), kWait);
    QFrame *reply = messageWithBody(view.get(), u"We are looking into it."_s);
    QCOMPARE(reply->property("kind").toString(), u"public"_s);

    // An internal note from the keyboard: N, type, Ctrl+Shift+Enter.
    QTabWidget *tabs = child<QTabWidget>(view.get(), u"detail.tabs"_s);
    tabs->setFocus();
    QTest::keyClick(tabs, Qt::Key_N);
    QTRY_VERIFY(editor->hasFocus());
    QTest::keyClicks(editor, u"Engineer says the router needs replacing."_s);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(messageWithBody(view.get(), u"Engineer says the router needs replacing."_s), kWait);
    QFrame *note = messageWithBody(view.get(), u"Engineer says the router needs replacing."_s);
    QCOMPARE(note->property("kind").toString(), u"internal"_s);
    const QString id = note->objectName().section(u'.', 1, 1);
    QVERIFY(child<QLabel>(note, u"message.%1.kind"_s.arg(id))->text().contains(u"Internal note"_s));
    QVERIFY(!child<QLabel>(note, u"message.%1.author"_s.arg(id))->text().isEmpty());
    QVERIFY(!child<QLabel>(note, u"message.%1.time"_s.arg(id))->text().isEmpty());

    // Ctrl+Enter sends a public reply.
    editor->setFocus();
    QTest::keyClicks(editor, u"Fixed on our side, please check."_s);
    QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(messageWithBody(view.get(), u"Fixed on our side, please check."_s), kWait);
    QCOMPARE(messageWithBody(view.get(), u"Fixed on our side, please check."_s)->property("kind").toString(),
             u"public"_s);
    QCOMPARE(view->detail().comments.size(), 3);
}

void TestTicketDetail::draftsSurviveSwitchingTickets()
{
    const Ticket a = create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"Draft A"_s}});
    const Ticket b = create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"Draft B"_s}});
    auto view = openView(*m_ws, a.id);
    QVERIFY(view->isLoaded());
    view->conversation()->focusEditor(CommentKind::Internal);
    QTest::keyClicks(child<QPlainTextEdit>(view.get(), u"reply.editor"_s), u"half-written note"_s);
    view->showTicket(b.id);
    QTRY_VERIFY_WITH_TIMEOUT(view->isLoaded() && view->ticketId() == b.id, kWait);
    QCOMPARE(view->conversation()->draft(), QString());
    view->showTicket(a.id);
    QTRY_VERIFY_WITH_TIMEOUT(view->isLoaded() && view->ticketId() == a.id, kWait);
    QCOMPARE(view->conversation()->draft(), u"half-written note"_s);
    QCOMPARE(view->conversation()->editorKind(), CommentKind::Internal); // still a note, never silently public
}

void TestTicketDetail::transitionAsksForRequiredField()
{
    const Ticket t =
        assign(create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"Outlook crashes"_s}}), anEngineer().id);
    QCOMPARE(t.status, u"in_progress"_s);
    auto view = openView(*m_ws, t.id);
    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    QAction *resolve = action(*view, u"action.transition.resolve"_s);
    QVERIFY(resolve && resolve->isVisible());
    QVERIFY(!action(*view, u"action.transition.confirm"_s)->isVisible());

    // Ctrl+Shift+D from inside the view opens the dialog.
    auto *tabs = child<QTabWidget>(view.get(), u"detail.tabs"_s);
    tabs->setFocus();
    QTest::keyClick(tabs, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    TransitionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = view->findChild<TransitionDialog *>()) != nullptr);
    QCOMPARE(dialog->transitionId(), u"resolve"_s);
    auto *ok = child<QPushButton>(dialog, u"transition.ok"_s);
    QVERIFY(!ok->isEnabled()); // "resolution" is required
    auto *resolution = child<QPlainTextEdit>(dialog, u"transition.field.resolution"_s);
    QVERIFY(resolution);
    QTest::keyClicks(resolution, u"Reinstalled Office."_s);
    QVERIFY(ok->isEnabled());
    QTest::keyClicks(child<QPlainTextEdit>(dialog, u"transition.comment"_s), u"Please confirm."_s);
    QTest::mouseClick(ok, Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(view->detail().ticket.status, u"pending_confirmation"_s, kWait);
    QCOMPARE(child<QLabel>(view.get(), u"header.status"_s)->text(), u"Pending confirmation"_s);
    QCOMPARE(view->detail().ticket.fields.value(u"resolution"_s).toString(), u"Reinstalled Office."_s);
    QTRY_VERIFY(child<QLabel>(view.get(), u"field.extra.resolution"_s));
    QCOMPARE(child<QLabel>(view.get(), u"field.extra.resolution"_s)->text(), u"Reinstalled Office."_s);
    QTRY_VERIFY_WITH_TIMEOUT(messageWithBody(view.get(), u"Please confirm."_s), kWait);
    // Now the step after it is offered, and resolving is not any more.
    QVERIFY(action(*view, u"action.transition.confirm"_s)->isVisible());
    QVERIFY(!resolve->isVisible());
}

void TestTicketDetail::callbackResultIsAChoice()
{
    const User engineer = anEngineer();
    Ticket t =
        assign(create(*m_sup, {{u"type"_s, u"repair"_s}, {u"title"_s, u"水管漏水 leaking pipe"_s}}), engineer.id);
    QCOMPARE(t.status, u"dispatched"_s);
    TestClient eng(u"eng"_s);
    QVERIFY(eng.loginAs(m_server->url(), engineer.username, u"demo123"_s));
    protocol::Response r =
        eng.request(protocol::Op::TicketAccept, {{u"ticketId"_s, t.id.value()}, {u"version"_s, t.version}});
    QVERIFY2(r.ok, qPrintable(test::describe(r)));
    t = Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
    r = eng.request(protocol::Op::TicketTransition,
                    {{u"ticketId"_s, t.id.value()},
                     {u"version"_s, t.version},
                     {u"transition"_s, u"complete"_s},
                     {u"fields"_s, QJsonObject{{u"resolution"_s, u"Replaced the valve"_s}}}});
    QVERIFY2(r.ok, qPrintable(test::describe(r)));

    auto view = openView(*m_ws, t.id);

    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    QCOMPARE(view->detail().ticket.status, u"completed"_s);
    QAction *callback = action(*view, u"action.transition.callback"_s);
    QVERIFY(callback->isVisible());
    callback->trigger();
    TransitionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = view->findChild<TransitionDialog *>()) != nullptr);
    auto *choice = child<QComboBox>(dialog, u"transition.field.callbackResult"_s);
    QVERIFY(choice);
    QCOMPARE(choice->currentIndex(), -1); // the user must choose
    QCOMPARE(choice->count(), 4);         // satisfied, partly, unresolved, could not reach the customer
    QVERIFY(choice->findData(u"unreachable"_s) >= 0);
    auto *ok = child<QPushButton>(dialog, u"transition.ok"_s);
    QVERIFY(!ok->isEnabled());
    choice->setCurrentIndex(choice->findData(u"partly"_s));
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(view->detail().ticket.status, u"callback_verified"_s, kWait);
    QCOMPARE(view->detail().ticket.fields.value(u"callbackResult"_s).toString(), u"partly"_s);
    QTRY_VERIFY(child<QLabel>(view.get(), u"field.extra.callbackResult"_s));
    QCOMPARE(child<QLabel>(view.get(), u"field.extra.callbackResult"_s)->text(), u"Partly satisfied"_s);
}

void TestTicketDetail::assignWithPicker()
{
    const Ticket t = create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"New laptop setup"_s}});
    auto view = openView(*m_ws, t.id);
    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    const User engineer = anEngineer();
    auto *tabs = child<QTabWidget>(view.get(), u"detail.tabs"_s);
    tabs->setFocus();
    QTest::keyClick(tabs, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    AssignPicker *picker = nullptr;
    QTRY_VERIFY((picker = view->findChild<AssignPicker *>()) != nullptr);
    const int everyone = picker->visibleCount();
    QVERIFY(everyone >= 2);
    QTest::keyClicks(child<QLineEdit>(picker, u"assign.search"_s), engineer.username);
    QCOMPARE(picker->visibleCount(), 1);
    QCOMPARE(picker->selectedUser(), engineer.id);
    QTest::keyClick(child<QLineEdit>(picker, u"assign.search"_s), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(view->detail().ticket.assigneeId, engineer.id, kWait);
    QCOMPARE(view->detail().ticket.status, u"in_progress"_s);
    QVERIFY(child<QLabel>(view.get(), u"header.assignee"_s)->text().contains(engineer.displayName));
    QCOMPARE(child<QLabel>(view.get(), u"field.assignee"_s)->text(), engineer.displayName);
    QVERIFY(action(*view, u"action.suspend"_s)->isVisible());
}

void TestTicketDetail::attachmentRoundTrip()
{
    const Ticket t = create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"Screenshot of the error"_s}});
    auto view = openView(*m_ws, t.id);
    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    AttachmentsPanel *panel = view->attachmentsPanel();
    QList<QUrl> opened;
    panel->setOpener([&opened](const QUrl &url) {
        opened << url;
        return true;
    });
    const QString source = m_server->scratchDir() + u"/error-log.txt"_s;
    QByteArray bytes;
    for (int i = 0; i < 400; ++i)
        bytes += "line " + QByteArray::number(i) + ": 错误 error\n";
    {
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    QSignalSpy done(panel, &AttachmentsPanel::transferFinished);
    panel->uploadFile(source);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, kWait);
    QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(view->detail().attachments.size(), 1, kWait);
    const AttachmentInfo info = view->detail().attachments.first();
    QCOMPARE(info.fileName, u"error-log.txt"_s);
    QCOMPARE(info.size, bytes.size());
    QCOMPARE(info.sha256, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(child<QTreeWidget>(view.get(), u"attachments.list"_s)->topLevelItemCount(), 1);

    // Save as: downloaded and verified.
    const QString target = m_server->scratchDir() + u"/saved.txt"_s;
    panel->saveAttachment(info, target);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 2, kWait);
    QVERIFY2(done.at(1).at(0).toBool(), qPrintable(done.at(1).at(1).toString()));
    QFile saved(target);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), bytes);
    QVERIFY(child<QLabel>(view.get(), u"attachments.status"_s)->text().contains(u"verified"_s));

    // Open: downloaded into the cache, verified, handed to the desktop; the second time straight from the cache.
    QFile::remove(AttachmentsPanel::cachePath(info)); // left from an earlier run: same bytes, same name
    panel->openAttachment(info);
    QTRY_COMPARE_WITH_TIMEOUT(done.count(), 3, kWait);
    QVERIFY(done.at(2).at(0).toBool());
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().toLocalFile(), AttachmentsPanel::cachePath(info));
    panel->openAttachment(info);
    QCOMPARE(opened.size(), 2);
    QCOMPARE(done.count(), 3); // no second download
}

void TestTicketDetail::multiChunkTransfer()
{
    const Ticket t = create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"Large log"_s}});
    const QString source = m_server->scratchDir() + u"/big.bin"_s;
    QByteArray bytes(static_cast<qsizetype>(protocol::limits::kMaxChunkBytes * 2 + 12345), Qt::Uninitialized);
    QRandomGenerator rng(42);
    for (char &c : bytes)
        c = static_cast<char>(rng.bounded(256));
    {
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    AttachmentTransfer up(m_ws->connection());
    QSignalSpy upProgress(&up, &AttachmentTransfer::progress);
    QSignalSpy upDone(&up, &AttachmentTransfer::finished);
    up.upload(t.id, source);
    QTRY_COMPARE_WITH_TIMEOUT(upDone.count(), 1, kWait);
    QVERIFY2(upDone.at(0).at(0).toBool(), qPrintable(upDone.at(0).at(1).toString()));
    QVERIFY(upProgress.count() >= 3);
    QCOMPARE(upProgress.last().at(0).toLongLong(), bytes.size());
    const AttachmentInfo info = up.attachment();
    QVERIFY(info.id.isValid());
    QCOMPARE(info.size, bytes.size());

    AttachmentTransfer down(m_ws->connection());
    QSignalSpy downDone(&down, &AttachmentTransfer::finished);
    const QString target = m_server->scratchDir() + u"/big-copy.bin"_s;
    down.download(info, target);
    QTRY_COMPARE_WITH_TIMEOUT(downDone.count(), 1, kWait);
    QVERIFY2(downDone.at(0).at(0).toBool(), qPrintable(downDone.at(0).at(1).toString()));
    QFile copy(target);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), bytes);
    QVERIFY(!QFile::exists(target + u".part"_s));
}

void TestTicketDetail::damagedDownloadIsRejected()
{
    const Ticket t = create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"Photo"_s}});
    const QString source = m_server->scratchDir() + u"/photo.jpg"_s;
    {
        QFile f(source);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(3000, 'x'));
    }
    AttachmentTransfer up(m_ws->connection());
    QSignalSpy upDone(&up, &AttachmentTransfer::finished);
    up.upload(t.id, source);
    QTRY_COMPARE_WITH_TIMEOUT(upDone.count(), 1, kWait);
    QVERIFY(upDone.at(0).at(0).toBool());

    // The record says one thing, the bytes another: the file must not survive.
    AttachmentInfo wrong = up.attachment();
    wrong.sha256 = QString(64, u'0');
    const QString target = m_server->scratchDir() + u"/damaged.jpg"_s;
    AttachmentTransfer down(m_ws->connection());
    QSignalSpy downDone(&down, &AttachmentTransfer::finished);
    down.download(wrong, target);
    QTRY_COMPARE_WITH_TIMEOUT(downDone.count(), 1, kWait);
    QVERIFY(!downDone.at(0).at(0).toBool());
    QVERIFY(downDone.at(0).at(1).toString().contains(u"SHA-256"_s));
    QVERIFY(!QFile::exists(target));
    QVERIFY(!QFile::exists(target + u".part"_s));
}

void TestTicketDetail::requesterSeesNoAssign()
{
    TestClient req(u"req1"_s);
    QVERIFY(req.loginAs(m_server->url(), u"req1"_s, u"demo123"_s));
    const Ticket t = create(req, {{u"title"_s, u"Wi-Fi in the dorm is down"_s}, {u"type"_s, u"it_helpdesk"_s}});
    QVERIFY(t.id.isValid());
    const protocol::Response note = m_sup->request(
        protocol::Op::TicketComment,
        {{u"ticketId"_s, t.id.value()}, {u"kind"_s, u"internal"_s}, {u"body"_s, u"Staff only: AP 7 rebooting"_s}});
    QVERIFY(note.ok);
    const protocol::Response reply =
        m_sup->request(protocol::Op::TicketComment,
                       {{u"ticketId"_s, t.id.value()}, {u"kind"_s, u"public"_s}, {u"body"_s, u"We are on it."_s}});
    QVERIFY(reply.ok);

    MemoryTrust trust;
    Workspace ws(trust);
    ws.login(m_server->url(), u"req1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(ws.isLoaded(), kWait);
    auto view = openView(ws, t.id);
    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    QVERIFY(!action(*view, u"action.assign"_s)->isVisible());
    QVERIFY(!action(*view, u"action.assign"_s)->isEnabled());
    QVERIFY(!action(*view, u"action.merge"_s)->isVisible());
    QVERIFY(!action(*view, u"action.split"_s)->isVisible());
    QVERIFY(!action(*view, u"action.note"_s)->isVisible());
    QVERIFY(!action(*view, u"action.transition.cancel"_s)->isVisible());
    QVERIFY(action(*view, u"action.urge"_s)->isVisible());
    QVERIFY(action(*view, u"action.reply"_s)->isVisible());
    QVERIFY(!child<QWidget>(view.get(), u"button.assign"_s)->isVisible());
    QVERIFY(!child<QPushButton>(view.get(), u"reply.note"_s)->isVisible());
    QVERIFY(child<QLineEdit>(view.get(), u"field.title"_s)->isReadOnly());
    QVERIFY(messageWithBody(view.get(), u"We are on it."_s));
    QVERIFY(!messageWithBody(view.get(), u"Staff only: AP 7 rebooting"_s));

    // Urging works for the requester and is counted.
    action(*view, u"action.urge"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(view->detail().ticket.urgeCount, 1, kWait);
}

void TestTicketDetail::conflictShowsBothSidesAndReapplies()
{
    const Ticket t = create(*m_sup, {{u"type"_s, u"it_helpdesk"_s}, {u"title"_s, u"Projector"_s}});
    auto view = openView(*m_ws, t.id);
    QVERIFY(view->isLoaded() && view->detail().ticket.id == t.id);
    QSignalSpy conflicts(m_ws.get(), &Workspace::conflict);

    // Offline, the dispatcher raises the priority; meanwhile the supervisor retitles the ticket.
    m_ws->connection().goOffline();
    QTRY_VERIFY(!m_ws->connection().isOnline());
    const QString idem = m_ws->update(t.id, {{u"priority"_s, u"urgent"_s}});
    QVERIFY(!idem.isEmpty());
    QVERIFY(m_ws->basisOf(idem).has_value());
    const protocol::Response r =
        m_sup->request(protocol::Op::TicketUpdate, {{u"ticketId"_s, t.id.value()},
                                                    {u"version"_s, t.version},
                                                    {u"changes"_s, QJsonObject{{u"title"_s, u"Projector in 301"_s}}}});
    QVERIFY(r.ok);
    QTRY_VERIFY(child<QLabel>(view.get(), u"header.unconfirmed"_s)->isVisible());
    m_ws->connection().reconnect();
    QTRY_COMPARE_WITH_TIMEOUT(conflicts.count(), 1, kWait);
    const auto action = conflicts.at(0).at(0).value<OutboxAction>();
    const auto current = conflicts.at(0).at(1).value<Ticket>();
    QCOMPARE(current.title, u"Projector in 301"_s);

    ConflictDialog dialog(*m_ws, action, current);
    QVERIFY(child<QLabel>(&dialog, u"conflict.mine"_s)->text().contains(u"Urgent"_s));
    auto *table = child<QTableWidget>(&dialog, u"conflict.table"_s);
    bool titleMarked = false, statusMarked = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->text() == u"Title"_s) {
            titleMarked = table->item(row, 0)->data(Qt::UserRole).toBool();
            QCOMPARE(table->item(row, 1)->text(), u"Projector"_s);
            QCOMPARE(table->item(row, 2)->text(), u"Projector in 301"_s);
        }
        if (table->item(row, 0)->text() == u"Status"_s)
            statusMarked = table->item(row, 0)->data(Qt::UserRole).toBool();
    }
    QVERIFY(titleMarked);
    QVERIFY(!statusMarked);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>(&dialog, u"conflict.who"_s)->text().contains(u"Edited"_s), kWait);
    QTest::mouseClick(child<QPushButton>(&dialog, u"conflict.reapply"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(view->detail().ticket.priority, Priority::Urgent, kWait);
    QCOMPARE(view->detail().ticket.title, u"Projector in 301"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_ws->outbox().hasPending(t.id.value()), kWait);
}

void TestTicketDetail::newTicketDialogQueuesCreate()
{
    NewTicketDialog dialog(*m_ws);
    dialog.show();
    auto *create = child<QPushButton>(&dialog, u"newTicket.create"_s);
    QVERIFY(!create->isEnabled()); // nothing written yet
    QTest::keyClicks(child<QLineEdit>(&dialog, u"newTicket.title"_s), u"Door access card not working"_s);
    QTest::keyClicks(child<QLineEdit>(&dialog, u"newTicket.requesterContact"_s), u"13900000002"_s);
    QTest::keyClicks(child<QLineEdit>(&dialog, u"newTicket.location"_s), u"31.2, 121.5"_s);
    QVERIFY(create->isEnabled());
    QSignalSpy confirmed(m_ws.get(), &Workspace::actionConfirmed);
    QTest::mouseClick(create, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.queuedKey().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(confirmed.count(), 1, kWait);
    const Ticket created = Ticket::fromJson(confirmed.at(0).at(1).toJsonObject().value(u"ticket"_s).toObject());
    QCOMPARE(created.title, u"Door access card not working"_s);
    QCOMPARE(created.requester.contact, u"13900000002"_s);
    QVERIFY(created.location.isValid());
    QVERIFY(m_ws->tickets().ticket(created.id));
}

QTEST_MAIN(TestTicketDetail)
#include "tst_ticketdetail.moc"
