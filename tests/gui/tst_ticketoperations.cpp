// The ticket detail view's structural operations against the real server: splitting chosen messages into a new
// ticket, merging duplicates found by number, suspending with a reason and resuming, reopening a closed ticket.

#include "client/core/workspace.h"
#include "client/ui/conversationview.h"
#include "client/ui/mergedialog.h"
#include "client/ui/ticketdetailview.h"
#include "client/ui/transitiondialog.h"
#include "tests/support/testclient.h"
#include "tests/support/testserver.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
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

QAction *action(TicketDetailView &view, const QString &name)
{
    for (QAction *a : view.ticketActions()) {
        if (a->objectName() == name)
            return a;
    }
    return nullptr;
}

} // namespace

class TestTicketOperations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void splitChosenMessages();
    void mergeDuplicatesByNumber();
    void suspendNeedsReasonThenResume();
    void reopenAsksForReason();

private:
    Ticket create(const QString &title);
    Ticket request(protocol::Op op, const QJsonObject &data);
    UserId anEngineer() const;
    void show(TicketId id);

    std::unique_ptr<TestServer> m_server;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<TestClient> m_sup;
    std::unique_ptr<TicketDetailView> m_view;
};

void TestTicketOperations::initTestCase()
{
    m_server = std::make_unique<TestServer>(
        QStringList{u"--demo-data"_s, u"--demo-tickets"_s, u"30"_s, u"--demo-engineers"_s, u"6"_s});
    QVERIFY(m_server->start());
    m_ws = std::make_unique<Workspace>(m_trust);
    m_ws->login(m_server->url(), u"sup1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_ws->directory().assignableUsers().isEmpty(), kWait);
    m_sup = std::make_unique<TestClient>(u"disp2"_s);
    QVERIFY(m_sup->loginAs(m_server->url(), u"disp2"_s, u"demo123"_s));
}

void TestTicketOperations::cleanupTestCase()
{
    m_sup.reset();
    m_ws.reset();
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestTicketOperations::init()
{
    m_view = std::make_unique<TicketDetailView>(*m_ws);
    m_view->resize(900, 700);
    m_view->show();
}

void TestTicketOperations::cleanup()
{
    m_view.reset();
    m_server->printOutputIfFailed();
}

Ticket TestTicketOperations::request(protocol::Op op, const QJsonObject &data)
{
    const protocol::Response r = m_sup->request(op, data);
    if (!r.ok)
        qWarning() << protocol::opName(op) << "failed:" << test::describe(r);
    return Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
}

Ticket TestTicketOperations::create(const QString &title)
{
    return request(protocol::Op::TicketCreate,
                   {{u"type"_s, u"it_helpdesk"_s},
                    {u"title"_s, title},
                    {u"requester"_s, QJsonObject{{u"name"_s, u"李雷"_s}, {u"contact"_s, u"13700000007"_s}}}});
}

UserId TestTicketOperations::anEngineer() const
{
    for (const User &u : m_ws->directory().assignableUsers()) {
        if (u.role == Role::Engineer)
            return u.id;
    }
    return {};
}

void TestTicketOperations::show(TicketId id)
{
    m_view->showTicket(id);
    TicketDetailView *v = m_view.get();
    if (!QTest::qWaitFor([v, id] { return v->isLoaded() && v->detail().ticket.id == id; }, kWait))
        qWarning() << "the ticket did not load";
}

void TestTicketOperations::splitChosenMessages()
{
    const Ticket t = create(u"Printer and scanner both broken"_s);
    QJsonObject comment{{u"ticketId"_s, t.id.value()}, {u"kind"_s, u"public"_s}};
    comment.insert(u"body"_s, u"The printer jams on every page."_s);
    QVERIFY(m_sup->request(protocol::Op::TicketComment, comment).ok);
    comment.insert(u"body"_s, u"Also the scanner shows error E5."_s);
    QVERIFY(m_sup->request(protocol::Op::TicketComment, comment).ok);
    show(t.id);
    QVERIFY(m_view->isLoaded());
    QTRY_COMPARE(m_view->detail().comments.size(), 2);
    const Comment scanner = m_view->detail().comments.last();

    QAction *split = action(*m_view, u"action.split"_s);
    QVERIFY(split->isVisible());
    split->trigger();
    QVERIFY(m_view->conversation()->splitMode());
    auto *confirm = m_view->findChild<QPushButton *>(u"split.confirm"_s);
    QVERIFY(!confirm->isEnabled());
    auto *check = m_view->findChild<QCheckBox *>(u"message.%1.select"_s.arg(scanner.id.value()));
    QVERIFY(check);
    check->setChecked(true);
    QVERIFY(confirm->isEnabled());
    QTest::keyClicks(m_view->findChild<QLineEdit *>(u"split.title"_s), u"Scanner error E5"_s);
    QTest::mouseClick(confirm, Qt::LeftButton);
    QVERIFY(!m_view->conversation()->splitMode());

    QTRY_COMPARE_WITH_TIMEOUT(m_view->detail().comments.size(), 1, kWait);
    QCOMPARE(m_view->detail().ticket.fields.value(u"splitInto"_s).toArray().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->detail().links.isEmpty(), kWait);
    const TicketLink child = m_view->detail().links.first();
    QCOMPARE(child.kind, LinkKind::Child);
    // The link in the details opens the new ticket.
    QSignalSpy open(m_view.get(), &TicketDetailView::openTicketRequested);
    auto *links = m_view->findChild<QLabel *>(u"field.links"_s);
    QVERIFY(links->text().contains(child.otherNumber));
    Q_EMIT links->linkActivated(u"ticket:%1"_s.arg(child.other.value()));
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).value<TicketId>(), child.other);
    show(child.other);
    QCOMPARE(m_view->detail().ticket.title, u"Scanner error E5"_s);
    QCOMPARE(m_view->detail().comments.size(), 1);
    QCOMPARE(m_view->detail().comments.first().body, u"Also the scanner shows error E5."_s);
}

void TestTicketOperations::mergeDuplicatesByNumber()
{
    const Ticket master = create(u"Wi-Fi down in building 7"_s);
    const Ticket duplicate = create(u"Wi-Fi down in building 7 again"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(duplicate.id), kWait);
    show(master.id);
    QVERIFY(m_view->isLoaded());
    action(*m_view, u"action.merge"_s)->trigger();
    MergeDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_view->findChild<MergeDialog *>()) != nullptr);
    auto *ok = dialog->findChild<QPushButton *>(u"merge.ok"_s);
    QVERIFY(!ok->isEnabled());
    dialog->setNumbers(u"WO-0000-999999"_s);
    QVERIFY(!ok->isEnabled()); // unknown number: said, not sent
    QVERIFY(dialog->findChild<QLabel *>(u"merge.preview"_s)->text().contains(u"not found"_s));
    dialog->setNumbers(master.number);
    QVERIFY(!ok->isEnabled()); // itself
    dialog->setNumbers(duplicate.number);
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog->duplicates(), QList<TicketId>{duplicate.id});
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(duplicate.id)->mergedInto, master.id, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->detail().ticket.fields.value(u"mergedFrom"_s).toArray().size(), 1, kWait);

    // The duplicate says where work continues and offers nothing to do on it.
    show(duplicate.id);
    QVERIFY(m_view->findChild<QLabel *>(u"header.banner"_s)->text().contains(master.number));
    QVERIFY(!action(*m_view, u"action.assign"_s)->isVisible());
    QVERIFY(!action(*m_view, u"action.merge"_s)->isVisible());
}

void TestTicketOperations::suspendNeedsReasonThenResume()
{
    Ticket t = create(u"Server room AC"_s);
    t = request(protocol::Op::TicketAssign,
                {{u"ticketId"_s, t.id.value()}, {u"version"_s, t.version}, {u"assigneeId"_s, anEngineer().value()}});
    QCOMPARE(t.status, u"in_progress"_s);
    show(t.id);
    QVERIFY(m_view->isLoaded());
    QVERIFY(!action(*m_view, u"action.resume"_s)->isVisible());
    action(*m_view, u"action.suspend"_s)->trigger();
    TransitionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_view->findChild<TransitionDialog *>()) != nullptr);
    auto *ok = dialog->findChild<QPushButton *>(u"transition.ok"_s);
    QVERIFY(!ok->isEnabled()); // a reason is required
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"transition.comment"_s), u"Waiting for a spare part"_s);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->detail().ticket.status, u"suspended"_s, kWait);
    QVERIFY(m_view->findChild<QLabel *>(u"header.banner"_s)->text().contains(u"In progress"_s));
    QVERIFY(action(*m_view, u"action.resume"_s)->isVisible());
    QVERIFY(!action(*m_view, u"action.suspend"_s)->isVisible());
    QVERIFY(!action(*m_view, u"action.assign"_s)->isVisible());
    QTRY_VERIFY(!m_view->detail().comments.isEmpty()); // the reason, as an internal note
    QCOMPARE(m_view->detail().comments.last().kind, CommentKind::Internal);

    action(*m_view, u"action.resume"_s)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_view->detail().ticket.status, u"in_progress"_s, kWait);
    QVERIFY(action(*m_view, u"action.suspend"_s)->isVisible());
}

void TestTicketOperations::reopenAsksForReason()
{
    Ticket t = create(u"Forgot password"_s);
    t = request(protocol::Op::TicketAssign,
                {{u"ticketId"_s, t.id.value()}, {u"version"_s, t.version}, {u"assigneeId"_s, anEngineer().value()}});
    t = request(protocol::Op::TicketTransition, {{u"ticketId"_s, t.id.value()},
                                                 {u"version"_s, t.version},
                                                 {u"transition"_s, u"cancel"_s},
                                                 {u"comment"_s, u"Duplicate call"_s}});
    QCOMPARE(t.status, u"completed"_s);
    show(t.id);
    QVERIFY(m_view->isLoaded());
    QAction *reopen = action(*m_view, u"action.reopen"_s);
    QVERIFY(reopen->isVisible());
    QVERIFY(!action(*m_view, u"action.assign"_s)->isVisible()); // closed
    reopen->trigger();
    TransitionDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_view->findChild<TransitionDialog *>()) != nullptr);
    QCOMPARE(dialog->transitionId(), u"reopen"_s);
    auto *ok = dialog->findChild<QPushButton *>(u"transition.ok"_s);
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"transition.comment"_s), u"Still cannot log in"_s);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_view->detail().ticket.status, u"in_progress"_s, kWait);
    QVERIFY(!reopen->isVisible());
}

QTEST_MAIN(TestTicketOperations)
#include "tst_ticketoperations.moc"
