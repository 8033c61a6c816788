// The ticket history renders the dispatch engine's decisions: actions by "System" with translated names, the
// reason, and the ticket's dispatch state (pool, offer, deadline) as readable text — in English and in Chinese.

#include "client/core/workspace.h"
#include "client/ui/historyview.h"

#include <QApplication>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;

namespace {

class NoTrust final : public TrustStore
{
public:
    QByteArray pinned(const QString &) const override { return {}; }
    void pin(const QString &, const QByteArray &) override {}
};

const QDateTime kAt = QDateTime(QDate(2026, 11, 23), QTime(8, 30), Qt::UTC);

QList<AuditEntry> history()
{
    DispatchState offer;
    offer.mode = u"offer"_s;
    offer.emergency = true;
    offer.deadline = kAt.addSecs(600);
    AuditEntry offered;
    offered.ticketId = TicketId(1);
    offered.actorName = u"System"_s;
    offered.at = kAt;
    offered.action = u"offer"_s;
    offered.reason = u"emergency (keyword \"冒烟\"): offered to the 2 nearest"_s;
    offered.changes = {{u"dispatch"_s, QJsonObject{{u"from"_s, QJsonValue::Null}, {u"to"_s, offer.toJson()}}}};
    AuditEntry redispatched = offered;
    redispatched.action = u"redispatch"_s;
    redispatched.reason = u"not accepted within 11 min"_s;
    redispatched.changes = {};
    return {offered, redispatched};
}

QStringList row(QTreeWidget *tree, int i)
{
    QTreeWidgetItem *item = tree->topLevelItem(i);
    return {item->text(1), item->text(2), item->text(3)};
}

} // namespace

class TestHistoryDispatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void english();
    void chinese();
};

void TestHistoryDispatch::english()
{
    NoTrust trust;
    Workspace ws(trust);
    HistoryView view(ws);
    Ticket t;
    t.type = u"complaint"_s;
    view.setHistory(t, history());
    auto *tree = view.findChild<QTreeWidget *>(u"history.tree"_s);
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(row(tree, 0).mid(0, 2), (QStringList{u"System"_s, u"Offered to several engineers"_s}));
    QVERIFY(row(tree, 0).at(2).contains(u"冒烟"_s));
    QCOMPARE(tree->topLevelItem(0)->childCount(), 1);
    QTreeWidgetItem *change = tree->topLevelItem(0)->child(0);
    QCOMPARE(change->text(2), u"Dispatch"_s);
    QVERIFY2(change->text(3).contains(u"emergency: offered to"_s), qPrintable(change->text(3)));
    QVERIFY(change->text(3).contains(u"accept by"_s));
    QCOMPARE(row(tree, 1).at(1), u"Re-dispatched: not accepted in time"_s);
    QCOMPARE(HistoryView::actionText(u"claim"_s), u"Claimed"_s);
    QCOMPARE(HistoryView::actionText(u"pool"_s), u"Put in the claim pool"_s);
    QCOMPARE(HistoryView::actionText(u"dispatch_timeout"_s), u"Not accepted in time: supervisor told"_s);
}

void TestHistoryDispatch::chinese()
{
    QTranslator tr;
    QVERIFY(tr.load(QStringLiteral(CREWLINE_QM_DIR "/crewline_zh_CN.qm")));
    QCoreApplication::installTranslator(&tr);
    NoTrust trust;
    Workspace ws(trust);
    HistoryView view(ws);
    Ticket t;
    t.type = u"complaint"_s;
    view.setHistory(t, history());
    auto *tree = view.findChild<QTreeWidget *>(u"history.tree"_s);
    QCOMPARE(row(tree, 0).mid(0, 2), (QStringList{u"系统"_s, u"同时推送给多名维修人员"_s}));
    QCOMPARE(tree->topLevelItem(0)->child(0)->text(2), u"派单情况"_s);
    QVERIFY(tree->topLevelItem(0)->child(0)->text(3).contains(u"紧急：已推送给"_s));
    QCOMPARE(row(tree, 1).at(1), u"超时未接单，已改派"_s);
    QCoreApplication::removeTranslator(&tr);
}

QTEST_MAIN(TestHistoryDispatch)
#include "tst_historydispatch.moc"
