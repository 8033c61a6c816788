// The manager dashboard offscreen against the real server with the fixed dataset (tests/support/statsfixture.h):
// tiles, charts, tables and the heat map show the hand-computed figures; a ticket event makes the dashboard ask
// again (QSignalSpy on DashboardData::updated); exported CSV and XLSX are read back with python3-openpyxl and
// compared with the table; a chart saves as PNG and the dashboard prints to PDF; board alarm thresholds.

#include "client/core/boardthresholds.h"
#include "client/core/tableexport.h"
#include "client/core/workspace.h"
#include "client/ui/dashboard/dashboardchart.h"
#include "client/ui/dashboard/dashboardview.h"
#include "client/ui/dashboard/exportactions.h"
#include "client/ui/dashboard/heatmapwidget.h"
#include "client/ui/dashboard/kpitile.h"
#include "server/storage/store.h"
#include "tests/support/statsfixture.h"
#include "tests/support/testserver.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPrinter>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using crewline::test::TestServer;

namespace {

constexpr int kWait = 20000;

class MemoryTrust final : public TrustStore
{
public:
    QByteArray pinned(const QString &hostPort) const override { return m_pins.value(hostPort); }
    void pin(const QString &hostPort, const QByteArray &sha) override { m_pins.insert(hostPort, sha); }

private:
    QHash<QString, QByteArray> m_pins;
};

// Reads a CSV (Python's csv module, BOM stripped) and an XLSX (openpyxl) back; rows as JSON arrays of strings.
const char *kReadBack = R"PY(
import csv, json, sys, openpyxl
out = {}
with open(sys.argv[1], 'rb') as f:
    raw = f.read()
out['bom'] = raw.startswith(b'\xef\xbb\xbf')
out['crlf'] = b'\r\n' in raw
out['csv'] = [row for row in csv.reader(raw.decode('utf-8-sig').splitlines())]
book = openpyxl.load_workbook(sys.argv[2])
sheet = book.active
out['sheet'] = sheet.title
out['xlsx'] = [[('' if c is None else (str(int(c)) if isinstance(c, float) and c.is_integer() else str(c)))
                for c in row] for row in sheet.iter_rows(values_only=True)]
out['numeric'] = [type(c).__name__ for c in list(sheet.iter_rows(values_only=True))[2]]
print(json.dumps(out, ensure_ascii=False))
)PY";

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(server::passwords::initialize());
        QVERIFY(QDir().mkpath(m_server.dataDir()));
        {
            std::unique_ptr<server::Store> store =
                server::openSqliteStore({QDir(m_server.dataDir()).filePath(u"crewline.db"_s), u"fixture"_s, false, {}});
            store->migrate();
            store->beginTransaction();
            m_fixture = test::stats::seed(*store);
            store->commitTransaction();
        }
        QVERIFY(m_server.start());
        m_ws = std::make_unique<Workspace>(m_trust);
        m_ws->login(m_server.url(), u"boss"_s, u"secret-pass"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_ws->isLoaded(), kWait);
        m_view = std::make_unique<DashboardView>(*m_ws);
        m_view->resize(1400, 1000);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup() { m_server.printOutputIfFailed(); }

    void cleanupTestCase()
    {
        m_view.reset();
        m_ws.reset();
        QVERIFY(m_server.stop());
    }

    void showsTheFixedFigures()
    {
        QSignalSpy updated(&m_view->data(), &DashboardData::updated);
        m_view->setRange(QDate(2026, 3, 2), QDate(2026, 3, 3));
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1, kWait);
        const DashboardSnapshot &s = m_view->data().snapshot();
        QVERIFY(s.valid);
        QCOMPARE(m_view->tile(0)->valueText(), u"3"_s); // created
        QCOMPARE(m_view->tile(1)->valueText(), u"2"_s); // resolved
        QCOMPARE(m_view->tile(5)->valueText(), u"50.0%"_s);
        QCOMPARE(m_view->tile(6)->valueText(), u"3.50"_s);
        QCOMPARE(m_view->trendChart()->seriesCount(), 2);
        QCOMPARE(m_view->trendChart()->pointCount(), 4); // 2 days x created/resolved
        QCOMPARE(m_view->typeChart()->pointCount(), 2);
        QCOMPARE(m_view->categoryChart()->pointCount(), 2); // A, B
        QCOMPARE(m_view->heatMap()->maximum(), qint64(1));
        QCOMPARE(m_view->leaderboard()->rowCount(), 2); // e1 resolved T1, e2 holds T3
        QCOMPARE(m_view->leaderboard()->data(m_view->leaderboard()->index(0, 0), Qt::DisplayRole).toString(), u"E1"_s);
        QCOMPARE(m_view->backlog()->rowCount(), 2);
        QCOMPARE(m_view->backlog()->data(m_view->backlog()->index(0, 1), Qt::DisplayRole).toString(),
                 u"Fixture ticket 3"_s);

        // Double-clicking (activating) a backlog row asks to open that ticket.
        QSignalSpy opened(m_view.get(), &DashboardView::ticketActivated);
        auto *table = m_view->findChild<QTableView *>(u"dashboardBacklog"_s);
        QVERIFY(table);
        table->setCurrentIndex(m_view->backlog()->index(0, 0));
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kWait);
        QCOMPARE(opened.at(0).at(0).value<TicketId>(), m_fixture.t3);

        // A filter applies to every figure.
        auto *department = m_view->findChild<QComboBox *>(u"dashboardDepartment"_s);
        QVERIFY(department);
        const int d1 = department->findData(u"D1"_s);
        QVERIFY(d1 > 0);
        const int before = int(updated.count());
        department->setCurrentIndex(d1);
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() > before, kWait);
        QCOMPARE(m_view->tile(0)->valueText(), u"2"_s);
        QCOMPARE(m_view->backlog()->rowCount(), 1);
        department->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(m_view->tile(0)->valueText() == u"3"_s, kWait);
    }

    void followsTicketEventsLive()
    {
        m_view->data().setDebounce(50);
        QSignalSpy updated(&m_view->data(), &DashboardData::updated);
        m_view->setRange(QDate::currentDate().addDays(-1), QDate::currentDate());
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1, kWait);
        const qint64 before = m_view->data().snapshot().totals.created;
        updated.clear();
        m_ws->createTicket({{u"title"_s, u"Boiler room alarm"_s}});
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1, kWait);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->data().snapshot().totals.created, before + 1, kWait);
        QCOMPARE(m_view->tile(0)->valueText(), QString::number(before + 1));
    }

    void exportsReadBack()
    {
        QSignalSpy updated(&m_view->data(), &DashboardData::updated);
        m_view->setRange(QDate(2026, 3, 2), QDate(2026, 3, 3));
        QTRY_VERIFY_WITH_TIMEOUT(updated.count() >= 1, kWait);
        // Debian's python3 (python3-openpyxl, scripts/deps.sh), not whatever python3 comes first on the PATH.
        const QString python =
            QFile::exists(u"/usr/bin/python3"_s) ? u"/usr/bin/python3"_s : QStandardPaths::findExecutable(u"python3"_s);
        QVERIFY2(!python.isEmpty(), "python3 is not installed (scripts/deps.sh)");
        const QString dir = m_server.scratchDir();
        const QString csv = dir + u"/leaderboard.csv"_s;
        const QString xlsx = dir + u"/leaderboard.xlsx"_s;
        const QString caption = m_view->filterCaption();
        QString error;
        QVERIFY2(exporting::exportTable(*m_view->leaderboard(), csv, u"排行榜"_s, caption, &error), qPrintable(error));
        QVERIFY2(exporting::exportTable(*m_view->leaderboard(), xlsx, u"排行榜"_s, caption, &error), qPrintable(error));

        QProcess p;
        p.start(python, {u"-c"_s, QString::fromUtf8(kReadBack), csv, xlsx});
        QVERIFY(p.waitForFinished(30000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QJsonObject back = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QVERIFY(back.value(u"bom"_s).toBool());
        QVERIFY(back.value(u"crlf"_s).toBool());
        QCOMPARE(back.value(u"sheet"_s).toString(), u"排行榜"_s);

        // What the table holds: caption, headers, then each row (numbers as exported).
        const ExportTable table = ExportTable::fromModel(*m_view->leaderboard());
        QList<QStringList> expected{{caption}, table.headers};
        for (const QVariantList &row : table.rows) {
            QStringList cells;
            for (const QVariant &v : row)
                cells << (v.typeId() == QMetaType::Double && v.toDouble() == std::floor(v.toDouble())
                              ? QString::number(qint64(v.toDouble()))
                          : v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', 15)
                                                            : v.toString());
            expected << cells;
        }
        const auto rows = [](const QJsonValue &v, bool trim) {
            QList<QStringList> out;
            for (const QJsonValue &r : v.toArray()) {
                QStringList cells;
                for (const QJsonValue &c : r.toArray())
                    cells << c.toString();
                while (trim && !cells.isEmpty() && cells.last().isEmpty())
                    cells.removeLast();
                out << cells;
            }
            return out;
        };
        QList<QStringList> trimmedExpected;
        for (QStringList r : expected) {
            while (!r.isEmpty() && r.last().isEmpty())
                r.removeLast();
            trimmedExpected << r;
        }
        QCOMPARE(rows(back.value(u"csv"_s), true), trimmedExpected);
        QCOMPARE(rows(back.value(u"xlsx"_s), true), trimmedExpected);
        // Handled (column 2) is a number in the workbook, the name a string.
        const QJsonArray types = back.value(u"numeric"_s).toArray();
        QCOMPARE(types.at(0).toString(), u"str"_s);
        QVERIFY(types.at(1).toString() == u"int"_s || types.at(1).toString() == u"float"_s);
    }

    void csvQuoting()
    {
        QCOMPARE(tableexport::csvField(u"plain"_s), u"plain"_s);
        QCOMPARE(tableexport::csvField(u"a,b"_s), u"\"a,b\""_s);
        QCOMPARE(tableexport::csvField(u"say \"hi\""_s), u"\"say \"\"hi\"\"\""_s);
        QCOMPARE(tableexport::csvField(u"two\nlines"_s), u"\"two\nlines\""_s);
    }

    void chartPngAndPrint()
    {
        const QString png = m_server.scratchDir() + u"/trend.png"_s;
        QVERIFY(m_view->trendChart()->savePng(png));
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 480);
        const QString pdf = m_server.scratchDir() + u"/dashboard.pdf"_s;
        {
            QPrinter printer(QPrinter::HighResolution);
            printer.setOutputFormat(QPrinter::PdfFormat);
            printer.setOutputFileName(pdf);
            printer.setPageOrientation(QPageLayout::Landscape);
            m_view->print(&printer);
        }
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(file.size() > 10000);
    }

    void boardAlarms()
    {
        BoardThresholds thresholds;
        const QDateTime now = test::stats::at(5, 14, 30); // 2.5 h after T4 was created
        Ticket t;
        t.createdAt = test::stats::at(5, 12);
        QCOMPARE(thresholds.alarms(t, true, now), int(BoardThresholds::Unaccepted));
        t.acceptedAt = test::stats::at(5, 12, 10);
        QCOMPARE(thresholds.alarms(t, true, now), int(BoardThresholds::None));
        QCOMPARE(thresholds.alarms(t, true, now.addDays(1)), int(BoardThresholds::LongOpen));
        QCOMPARE(thresholds.alarms(t, false, now.addDays(1)), int(BoardThresholds::None)); // closed: no alarm
        t.fields.insert(u"rating"_s, 2);
        QCOMPARE(thresholds.alarms(t, false, now), int(BoardThresholds::LowRating));
        thresholds.ratingBelow = 2;
        QCOMPARE(thresholds.alarms(t, false, now), int(BoardThresholds::None));
        thresholds.unacceptedMinutes = 10;
        t.acceptedAt = {};
        QCOMPARE(thresholds.alarms(t, true, test::stats::at(5, 12, 11)), int(BoardThresholds::Unaccepted));
        thresholds.enabled = false;
        QCOMPARE(thresholds.alarms(t, true, now.addDays(3)), int(BoardThresholds::None));

        // The live model: the fixture's resolved T2 has rating 2 (highlighted); open T4 is red and flashing.
        TicketModel &model = m_ws->tickets();
        model.setThresholds(BoardThresholds());
        QTRY_VERIFY_WITH_TIMEOUT(model.rowOf(m_fixture.t4) >= 0 && model.rowOf(m_fixture.t2) >= 0, kWait);
        const int t4 = model.data(model.index(model.rowOf(m_fixture.t4), 0), TicketModel::AlarmRole).toInt();
        QVERIFY(t4 & BoardThresholds::Unaccepted);
        QVERIFY(t4 & BoardThresholds::LongOpen);
        const int t2 = model.data(model.index(model.rowOf(m_fixture.t2), 0), TicketModel::AlarmRole).toInt();
        QVERIFY(t2 & BoardThresholds::LowRating);
    }

private:
    TestServer m_server;
    test::stats::Fixture m_fixture;
    MemoryTrust m_trust;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<DashboardView> m_view;
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
