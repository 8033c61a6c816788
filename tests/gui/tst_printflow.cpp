// Printing and callback verification in the console against the real server: printing a selection records each
// print on the server (history + link) and exports a PDF with one page per ticket; the print preview opens with the
// work orders; a crew sheet takes the engineer's open tickets; the callback view records a callback and closes the
// ticket, refuses to offer closing after an "unresolved" callback, and returns a ticket to the engineer.

#include "client/core/workspace.h"
#include "client/ui/callbackview.h"
#include "client/ui/print/printflow.h"
#include "tests/support/scenario.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QInputDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPrintPreviewDialog>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using namespace crewline::test;
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

constexpr int kWait = 20000;

// Runs act on the first widget of type T under root once it exists (a modal dialog opened by what follows), checking
// every 20 ms, at most 500 times.
template<typename T>
void whenShown(QObject *owner, QWidget *root, std::function<void(T *)> act, const QString &name = QString())
{
    auto *timer = new QTimer(owner);
    auto tries = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, owner, [timer, root, act, name, tries] {
        T *w = name.isEmpty() ? root->findChild<T *>() : root->findChild<T *>(name);
        if (w && w->isVisible()) {
            timer->stop();
            timer->deleteLater();
            act(w);
        } else if (++*tries > 500) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

} // namespace

class TestPrintFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void printSelectionToPdfRecordsEachPrint();
    void previewShowsTheWorkOrders();
    void crewSheetTakesTheEngineersOpenTickets();
    void callbackRecordAndClose();
    void callbackUnresolvedThenReturnToEngineer();

private:
    qint64 completedRepair(const QString &title);
    UserId userId(const QString &username) const;

    std::unique_ptr<TestServer> m_server;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<TestClient> m_disp, m_eng;
    std::unique_ptr<QWidget> m_window;
    QTemporaryDir m_dir;
};

void TestPrintFlow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<TestServer>(
        QStringList{u"--demo-data"_s, u"--demo-tickets"_s, u"40"_s, u"--demo-engineers"_s, u"4"_s});
    QVERIFY(m_server->start());
    m_ws = std::make_unique<Workspace>(m_trust);
    m_ws->login(m_server->url(), u"sup1"_s, u"demo123"_s);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
    QTRY_VERIFY_WITH_TIMEOUT(!m_ws->directory().users().isEmpty(), kWait);
    m_disp = connectAs(*m_server, u"disp1"_s, u"demo123"_s);
    m_eng = connectAs(*m_server, u"eng001"_s, u"demo123"_s);
    QVERIFY(m_disp && m_eng);
    m_window = std::make_unique<QWidget>();
}

void TestPrintFlow::cleanup()
{
    m_server->printOutputIfFailed();
}

void TestPrintFlow::cleanupTestCase()
{
    m_window.reset();
    m_disp.reset();
    m_eng.reset();
    m_ws.reset();
    if (m_server)
        QVERIFY(m_server->stop());
}

UserId TestPrintFlow::userId(const QString &username) const
{
    for (const User &u : m_ws->directory().users()) {
        if (u.username == username)
            return u.id;
    }
    return UserId();
}

qint64 TestPrintFlow::completedRepair(const QString &title)
{
    QJsonObject t = createTicket(
        *m_disp, {{u"title"_s, title},
                  {u"type"_s, u"repair"_s},
                  {u"requester"_s, QJsonObject{{u"name"_s, u"周先生"_s}, {u"contact"_s, u"13700000000"_s}}}});
    if (t.isEmpty())
        return 0;
    const qint64 id = t.value(u"id"_s).toInteger();
    auto r = m_disp->request(
        Op::TicketAssign,
        {{u"ticketId"_s, id}, {u"version"_s, t.value(u"version"_s)}, {u"assigneeId"_s, userId(u"eng001"_s).value()}});
    if (!r.ok)
        return 0;
    r = m_eng->request(Op::TicketAccept, {{u"ticketId"_s, id},
                                          {u"version"_s, r.result.value(u"ticket"_s).toObject().value(u"version"_s)}});
    if (!r.ok)
        return 0;
    r = m_eng->request(Op::TicketTransition,
                       {{u"ticketId"_s, id},
                        {u"version"_s, r.result.value(u"ticket"_s).toObject().value(u"version"_s)},
                        {u"transition"_s, u"complete"_s},
                        {u"fields"_s, QJsonObject{{u"resolution"_s, u"已更换阀门"_s}}}});
    return r.ok ? id : 0;
}

void TestPrintFlow::printSelectionToPdfRecordsEachPrint()
{
    QList<TicketId> ids;
    for (int row = 0; row < m_ws->tickets().rowCount() && ids.size() < 3; ++row)
        ids << m_ws->tickets().at(row).id;
    QCOMPARE(ids.size(), 3);
    WorkOrderPrinting printing(*m_ws, m_window.get());
    const QString pdf = m_dir.filePath(u"selection.pdf"_s);
    printing.setPdfPath(pdf);
    QSignalSpy done(&printing, &WorkOrderPrinting::finished);
    printing.printTickets(ids, WorkOrderPrinting::Output::Pdf);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, kWait);
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QVERIFY(QFileInfo(pdf).size() > 10000);
    if (!QStandardPaths::findExecutable(u"pdfinfo"_s).isEmpty()) {
        QProcess info;
        info.start(u"pdfinfo"_s, {pdf});
        QVERIFY(info.waitForFinished(20000));
        QVERIFY(QString::fromUtf8(info.readAllStandardOutput()).contains(QRegularExpression(u"Pages:\\s+3\\n"_s)));
    }
    // Each print is in the ticket's history on the server, by this user, at the version printed.
    for (TicketId id : ids) {
        const QJsonArray history = getTicket(*m_disp, id.value()).value(u"history"_s).toArray();
        const QJsonObject last = history.last().toObject();
        QCOMPARE(last.value(u"action"_s).toString(), u"print"_s);
        QCOMPARE(last.value(u"actorId"_s).toInteger(), m_ws->me().id.value());
    }
}

void TestPrintFlow::previewShowsTheWorkOrders()
{
    const qint64 id = completedRepair(u"Preview: 消防栓漏水"_s);
    QVERIFY(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_ws->tickets().ticket(TicketId(id)), kWait);
    WorkOrderPrinting printing(*m_ws, m_window.get());
    QSignalSpy done(&printing, &WorkOrderPrinting::finished);
    printing.printTickets({TicketId(id)}, WorkOrderPrinting::Output::Preview);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, kWait);
    QVERIFY(done.first().at(0).toBool());
    QPrintPreviewDialog *preview = m_window->findChild<QPrintPreviewDialog *>(u"printPreview"_s);
    QVERIFY(preview);
    QTRY_VERIFY(preview->isVisible());
    const QString shots = qEnvironmentVariable("CREWLINE_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        preview->resize(1000, 1200);
        QTest::qWait(200); // let the preview lay out its page before the picture (screenshots only)
        QVERIFY(preview->grab().save(QDir(shots).filePath(u"print-preview-%1.png"_s.arg(QLocale().name()))));
    }
    preview->close();
}

void TestPrintFlow::crewSheetTakesTheEngineersOpenTickets()
{
    const UserId eng = userId(u"eng001"_s);
    QVERIFY(eng.isValid());
    // Two open tickets of the engineer today, one urgent, beside whatever the demo data gave them.
    QList<qint64> made;
    for (const QString &priority : {u"normal"_s, u"urgent"_s}) {
        const QJsonObject t = createTicket(
            *m_disp,
            {{u"title"_s, u"Crew sheet %1"_s.arg(priority)}, {u"type"_s, u"repair"_s}, {u"priority"_s, priority}});
        QVERIFY(!t.isEmpty());
        CL_VERIFY_OK(m_disp->request(Op::TicketAssign, {{u"ticketId"_s, t.value(u"id"_s)},
                                                        {u"version"_s, t.value(u"version"_s)},
                                                        {u"assigneeId"_s, eng.value()}}));
        made << t.value(u"id"_s).toInteger();
    }
    for (qint64 id : made)
        QTRY_VERIFY_WITH_TIMEOUT(
            m_ws->tickets().ticket(TicketId(id)) && m_ws->tickets().ticket(TicketId(id))->assigneeId == eng, kWait);
    const QList<Ticket> crew = m_ws->crewTickets(eng, TeamId());
    QVERIFY(crew.size() >= 2);
    QCOMPARE(crew.first().priority, Priority::Urgent);
    for (const Ticket &t : crew) {
        QCOMPARE(t.assigneeId, eng);
        const Phase phase = m_ws->directory().types().type(t.type)->phaseOf(t.status);
        QVERIFY(phase == Phase::New || phase == Phase::Active);
    }
    for (qsizetype i = 1; i < crew.size(); ++i)
        QVERIFY(crew.at(i - 1).priority >= crew.at(i).priority);
    // Through the dialog: choose the engineer, accept; the PDF has the cover plus one page per ticket.
    WorkOrderPrinting printing(*m_ws, m_window.get());
    const QString pdf = m_dir.filePath(u"crew.pdf"_s);
    printing.setPdfPath(pdf);
    QSignalSpy done(&printing, &WorkOrderPrinting::finished);
    whenShown<QDialog>(
        this, m_window.get(),
        [eng](QDialog *dialog) {
            auto *who = dialog->findChild<QComboBox *>(u"crewSheet.who"_s);
            for (int i = 0; i < who->count(); ++i) {
                if (who->itemData(i).value<QPair<qint64, qint64>>().first == eng.value())
                    who->setCurrentIndex(i);
            }
            dialog->accept();
        },
        u"crewSheetDialog"_s);
    printing.printCrewSheet(WorkOrderPrinting::Output::Pdf);
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, kWait);
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    if (!QStandardPaths::findExecutable(u"pdfinfo"_s).isEmpty()) {
        QProcess info;
        info.start(u"pdfinfo"_s, {pdf});
        QVERIFY(info.waitForFinished(20000));
        QVERIFY(QString::fromUtf8(info.readAllStandardOutput())
                    .contains(QRegularExpression(u"Pages:\\s+%1\\n"_s.arg(crew.size() + 1))));
    }
}

void TestPrintFlow::callbackRecordAndClose()
{
    const qint64 id = completedRepair(u"回访：水表漏水"_s);
    QVERIFY(id);
    CallbackView view(*m_ws);
    QTRY_VERIFY_WITH_TIMEOUT(view.findChild<QTreeWidget *>(u"callback.list"_s)->topLevelItemCount() > 0, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            view.selectTicket(TicketId(id));
            return view.currentTicket() == TicketId(id);
        }(),
        kWait);
    auto *contact = view.findChild<QLineEdit *>(u"callback.contact"_s);
    QVERIFY(contact->text().contains(u"周先生"_s)); // prefilled from the requester
    auto *outcome = view.findChild<QComboBox *>(u"callback.outcome"_s);
    outcome->setCurrentIndex(outcome->findData(u"satisfied"_s));
    view.findChild<QPlainTextEdit *>(u"callback.note"_s)->setPlainText(u"客户表示满意"_s);
    auto *recordClose = view.findChild<QPushButton *>(u"callback.recordClose"_s);
    QVERIFY(recordClose->isEnabled());
    QTest::mouseClick(recordClose, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(TicketId(id))->status, u"closed"_s, kWait);
    const QJsonObject fields = getTicket(*m_disp, id).value(u"ticket"_s).toObject().value(u"fields"_s).toObject();
    QCOMPARE(fields.value(u"callbackResult"_s).toString(), u"satisfied"_s);
    QVERIFY(fields.value(u"callbackContact"_s).toString().contains(u"周先生"_s));
    QCOMPARE(fields.value(u"callbackNote"_s).toString(), u"客户表示满意"_s);
    QVERIFY(!fields.value(u"callbackAt"_s).toString().isEmpty());
    // A closed ticket leaves the queue.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            view.selectTicket(TicketId(id));
            return view.currentTicket() != TicketId(id);
        }(),
        kWait);
}

void TestPrintFlow::callbackUnresolvedThenReturnToEngineer()
{
    const qint64 id = completedRepair(u"回访：水压仍不足"_s);
    QVERIFY(id);
    CallbackView view(*m_ws);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            view.selectTicket(TicketId(id));
            return view.currentTicket() == TicketId(id);
        }(),
        kWait);
    auto *outcome = view.findChild<QComboBox *>(u"callback.outcome"_s);
    outcome->setCurrentIndex(outcome->findData(u"unresolved"_s));
    QVERIFY(!view.findChild<QPushButton *>(u"callback.recordClose"_s)->isEnabled());
    QTest::mouseClick(view.findChild<QPushButton *>(u"callback.record"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(TicketId(id))->status, u"callback_verified"_s, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(view.findChild<QPushButton *>(u"callback.return"_s)->isEnabled(), kWait);
    // Closing is not offered after an unresolved callback (and the server refuses it).
    QVERIFY(!view.findChild<QPushButton *>(u"callback.close"_s)->isEnabled());

    whenShown<QInputDialog>(this, &view, [](QInputDialog *input) {
        input->setTextValue(u"客户反映水压仍不足，需复查"_s);
        input->accept();
    });
    QTest::mouseClick(view.findChild<QPushButton *>(u"callback.return"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_ws->tickets().ticket(TicketId(id))->status, u"accepted"_s, kWait);
    const QJsonObject t = getTicket(*m_disp, id).value(u"ticket"_s).toObject();
    QCOMPARE(t.value(u"assigneeId"_s).toInteger(), userId(u"eng001"_s).value());
    QVERIFY(!t.value(u"fields"_s).toObject().contains(u"callbackResult"_s));
}

QTEST_MAIN(TestPrintFlow)
#include "tst_printflow.moc"
