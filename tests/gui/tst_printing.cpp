// Printed work orders and crew sheets, rendered to PDF exactly as the console exports them, then read back with
// the tools a reader would use: pdftotext for the text (Chinese and English), pdffonts for the embedded CJK font,
// pdfinfo for the paper, and the QR codes decoded with zbarimg from the pages rasterised by pdftoppm.

#include "client/core/directory.h"
#include "client/core/workspace.h"
#include "client/ui/print/mapsnapshot.h"
#include "client/ui/print/qrcode.h"
#include "client/ui/print/workorderrenderer.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRawFont>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;

namespace {

struct Run
{
    bool ok = false;
    QString out;
};

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(2000);
        r.out = u"timed out"_s;
        return r;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.out = r.out.normalized(QString::NormalizationForm_KC); // ligatures ("ﬁ") as PDF readers' search does
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!r.ok)
        r.out += QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Qt 6.4's PDF writer maps each glyph back to the lowest code point the font maps to it, so ideographs that share
// a glyph with a radical (水 U+6C34 and ⽔ U+2F54, 门 U+95E8 and ⻔ U+2EA9) extract as the radical. Text is compared
// glyph for glyph: every CJK character is replaced by the lowest code point with the same glyph in the font used.
class GlyphFold
{
public:
    GlyphFold()
    {
        QFont font(u"Noto Sans CJK SC"_s);
        const QRawFont raw = QRawFont::fromFont(font);
        QString all;
        for (char32_t c = 0x2E80; c <= 0x9FFF; ++c)
            all += QChar(static_cast<char16_t>(c));
        const QList<quint32> glyphs = raw.glyphIndexesForString(all);
        QHash<quint32, char16_t> lowest;
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (glyphs.value(i) != 0 && !lowest.contains(glyphs.at(i)))
                lowest.insert(glyphs.at(i), all.at(i).unicode());
        }
        for (qsizetype i = 0; i < all.size(); ++i) {
            if (glyphs.value(i) != 0)
                m_map.insert(all.at(i).unicode(), lowest.value(glyphs.at(i)));
        }
    }
    QString operator()(QString s) const
    {
        for (QChar &c : s)
            c = QChar(m_map.value(c.unicode(), c.unicode()));
        return s;
    }
    bool valid() const { return !m_map.isEmpty(); }

private:
    QHash<char16_t, char16_t> m_map;
};

// Every QR code zbarimg finds on one page (1-based) of the PDF.
QStringList decodeQr(const QString &pdf, int page, const QString &scratch)
{
    const QString prefix = QDir(scratch).filePath(u"page%1"_s.arg(page));
    const Run raster = run(u"pdftoppm"_s, {u"-r"_s, u"200"_s, u"-f"_s, QString::number(page), u"-l"_s,
                                           QString::number(page), u"-singlefile"_s, u"-png"_s, pdf, prefix});
    if (!raster.ok) {
        qWarning().noquote() << "pdftoppm:" << raster.out;
        return {};
    }
    const Run scan =
        run(u"zbarimg"_s, {u"--quiet"_s, u"--raw"_s, u"-Sdisable"_s, u"-Sqrcode.enable"_s, prefix + u".png"_s});
    return scan.out.split(u'\n', Qt::SkipEmptyParts);
}

WorkOrder order(int n, const QString &url)
{
    WorkOrder w;
    Ticket &t = w.ticket;
    t.id = TicketId(100 + n);
    t.number = u"WO-2026-%1"_s.arg(n, 6, 10, QChar(u'0'));
    t.type = u"repair"_s;
    t.status = u"accepted"_s;
    t.priority = n == 1 ? Priority::Urgent : Priority::High;
    t.title = n == 1 ? u"单元楼水管爆裂 burst pipe in stairwell"_s : u"阀门损坏 valve %1"_s.arg(n);
    t.description = u"三楼楼梯间水管爆裂，水流到一楼。Water is running down to the ground floor; shut-off valve in the "
                    "basement is stiff."_s;
    t.requester = {u"李女士"_s, u"139 0000 0000"_s, UserId()};
    t.address = u"杭州市西湖区文三路 100 号 3 单元"_s;
    t.location = GeoPoint::at(30.2741, 120.1551);
    t.category = u"管道漏水"_s;
    t.createdAt = QDateTime(QDate(2026, 12, 2), QTime(8, 15), Qt::UTC);
    t.version = 4 + n;
    w.typeName = u"维修"_s;
    w.statusName = u"已接单"_s;
    w.engineerName = u"王强"_s;
    w.engineerPhone = u"13800000001"_s;
    w.teamName = u"西湖抢修一队"_s;
    w.checklist = {u"必要时已关阀断气"_s, u"已做好安全防护"_s, u"Site restored and cleaned"_s};
    for (int i = 0; i < 3; ++i) {
        AuditEntry e;
        e.at = t.createdAt.addSecs(600 * i);
        e.actorName = i == 0 ? u"调度员 张敏"_s : u"王强"_s;
        e.action = QStringList{u"create"_s, u"assign"_s, u"accept"_s}.at(i);
        w.history << e;
    }
    w.print.printedAt = QDateTime(QDate(2026, 12, 2), QTime(9, 0), Qt::UTC);
    w.print.confirmUrl = url;
    w.print.version = t.version;
    w.printedBy = u"主管 陈立"_s;
    return w;
}

} // namespace

class TestPrinting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void qrCodeEncodes();
    void mapScaleSteps();
    void workOrderFromDetailUsesTheTypesChecklist();
    void singleWorkOrderPdf();
    void crewSheetBatchPdf();
    void paintsOnAnyPainter();

private:
    QTemporaryDir m_dir;
    bool m_havePoppler = false;
    bool m_haveZbar = false;
};

void TestPrinting::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (qEnvironmentVariableIsSet("CREWLINE_KEEP_PRINTS")) { // to look at the PDFs (docs/screenshots)
        m_dir.setAutoRemove(false);
        qInfo().noquote() << "PDFs are kept in" << m_dir.path();
    }
    m_havePoppler = !QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty() &&
                    !QStandardPaths::findExecutable(u"pdftoppm"_s).isEmpty() &&
                    !QStandardPaths::findExecutable(u"pdffonts"_s).isEmpty();
    m_haveZbar = !QStandardPaths::findExecutable(u"zbarimg"_s).isEmpty();
}

void TestPrinting::qrCodeEncodes()
{
    const auto code = QrCode::encode("WO-2026-000001");
    QVERIFY(code);
    QVERIFY(code->size() >= 21);
    QVERIFY(!QrCode::encode({}));
    // Finder pattern in the top-left corner: a dark 7x7 ring.
    QVERIFY(code->dark(0, 0) && code->dark(6, 0) && code->dark(0, 6) && !code->dark(1, 1) && code->dark(3, 3));
}

void TestPrinting::mapScaleSteps()
{
    QCOMPARE(MapSnapshot::niceStep(600), 200.0);
    QCOMPARE(MapSnapshot::niceStep(450), 100.0);
    QCOMPARE(MapSnapshot::niceStep(4000), 1000.0);
}

void TestPrinting::workOrderFromDetailUsesTheTypesChecklist()
{
    TicketTypeRegistry registry;
    QString error;
    QVERIFY2(registry.loadDefaults(&error), qPrintable(error));
    QJsonArray types;
    for (const TicketType *t : registry.all())
        types.append(t->toJson());
    Directory directory;
    directory.setTypes(types, registry.defaultTypeId());
    directory.setLanguage(u"zh_CN"_s);
    User eng;
    eng.id = UserId(7);
    eng.username = u"wang"_s;
    eng.displayName = u"王强"_s;
    eng.role = Role::Engineer;
    eng.phone = u"13800000001"_s;
    directory.setUsers({eng});

    TicketDetail detail;
    detail.ticket = order(1, {}).ticket;
    detail.ticket.assigneeId = eng.id;
    const WorkOrder w = WorkOrder::from(detail, directory, {}, u"陈立"_s);
    QCOMPARE(w.typeName, u"维修"_s);
    QCOMPARE(w.statusName, u"已接单"_s);
    QCOMPARE(w.engineerName, u"王强"_s);
    QCOMPARE(w.engineerPhone, u"13800000001"_s);
    QVERIFY(w.checklist.contains(u"必要时已关阀断气"_s));
}

void TestPrinting::singleWorkOrderPdf()
{
    if (!m_havePoppler)
        QSKIP("poppler-utils (pdftotext, pdftoppm, pdffonts) is not installed: scripts/deps.sh installs it");
    const QString url = u"http://127.0.0.1:8766/c/AAAAAAAAAGUxMjM0NTY3ODkwYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4"_s;
    PrintJob job;
    job.header.organisation = u"杭州水务集团 Hangzhou Water"_s;
    job.header.serviceLine = u"96390"_s;
    job.orders << order(1, url);
    const QString pdf = m_dir.filePath(u"one.pdf"_s);
    QString error;
    QVERIFY2(WorkOrderRenderer::exportPdf(pdf, job, QPageSize::A4, &error), qPrintable(error));

    const Run info = run(u"pdfinfo"_s, {pdf});
    QVERIFY2(info.ok, qPrintable(info.out));
    QVERIFY2(info.out.contains(QRegularExpression(u"Pages:\\s+1\\n"_s)), qPrintable(info.out));
    QVERIFY2(info.out.contains(u"(A4)"_s), qPrintable(info.out));

    Run text = run(u"pdftotext"_s, {u"-layout"_s, pdf, u"-"_s});
    QVERIFY2(text.ok, qPrintable(text.out));
    const GlyphFold fold;
    QVERIFY(fold.valid());
    text.out = fold(text.out);
    for (const QString &s : {u"WO-2026-000001"_s,
                             u"Work order"_s,
                             u"杭州水务集团"_s,
                             u"单元楼水管爆裂"_s,
                             u"burst pipe in stairwell"_s,
                             u"杭州市西湖区文三路 100 号"_s,
                             u"必要时已关阀断气"_s,
                             u"李女士"_s,
                             u"139 0000 0000"_s,
                             u"王强"_s,
                             u"西湖抢修一队"_s,
                             u"Urgent"_s,
                             u"Checklist"_s,
                             u"Materials used"_s,
                             u"Time on site"_s,
                             u"Engineer signature"_s,
                             u"Customer signature"_s,
                             u"History"_s,
                             u"扫码确认完工"_s,
                             u"Printed by 主管 陈立"_s,
                             u"30.27410° N, 120.15510° E"_s,
                             u"Page 1 of 1"_s})
        QVERIFY2(text.out.contains(fold(s)), qPrintable(u"missing \"%1\" in:\n%2"_s.arg(s, text.out)));

    // The CJK font is embedded, not left to the reader's machine.
    const Run fonts = run(u"pdffonts"_s, {pdf});
    QVERIFY2(fonts.ok, qPrintable(fonts.out));
    bool embedded = false;
    for (const QString &line : fonts.out.split(u'\n')) {
        if (line.contains(u"NotoSansCJK"_s))
            embedded = embedded || line.contains(u" yes "_s);
    }
    QVERIFY2(embedded, qPrintable(fonts.out));

    if (!m_haveZbar)
        QSKIP("zbar-tools (zbarimg) is not installed: scripts/deps.sh installs it");
    const QStringList codes = decodeQr(pdf, 1, m_dir.path());
    QVERIFY2(codes.contains(u"WO-2026-000001"_s), qPrintable(codes.join(u" | "_s)));
    QVERIFY2(codes.contains(url), qPrintable(codes.join(u" | "_s)));
}

void TestPrinting::crewSheetBatchPdf()
{
    if (!m_havePoppler)
        QSKIP("poppler-utils (pdftotext, pdftoppm, pdffonts) is not installed: scripts/deps.sh installs it");
    PrintJob job;
    job.header.organisation = u"Hangzhou Water"_s;
    job.crewSheet = true;
    job.crewName = u"王强"_s;
    job.day = QDate(2026, 12, 2);
    job.preparedBy = u"陈立"_s;
    job.preparedAt = QDateTime(QDate(2026, 12, 2), QTime(7, 30), Qt::UTC);
    for (int i = 1; i <= 3; ++i)
        job.orders << order(
            i, u"http://127.0.0.1:8766/c/token-%1-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"_s.arg(i));
    const QString pdf = m_dir.filePath(u"crew.pdf"_s);
    QString error;
    QVERIFY2(WorkOrderRenderer::exportPdf(pdf, job, QPageSize::A5, &error), qPrintable(error));

    const Run info = run(u"pdfinfo"_s, {pdf});
    QVERIFY2(info.out.contains(QRegularExpression(u"Pages:\\s+4\\n"_s)), qPrintable(info.out));
    QVERIFY2(info.out.contains(u"(A5)"_s), qPrintable(info.out));

    // The cover lists every order; each following page is one order, in that order.
    const GlyphFold fold;
    Run cover = run(u"pdftotext"_s, {u"-layout"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, pdf, u"-"_s});
    QVERIFY2(cover.ok, qPrintable(cover.out));
    cover.out = fold(cover.out);
    for (const QString &s : {u"Crew sheet"_s, u"王强"_s, u"WO-2026-000001"_s, u"WO-2026-000002"_s, u"WO-2026-000003"_s,
                             u"3 work order(s) follow"_s, u"Prepared by 陈立"_s})
        QVERIFY2(cover.out.contains(fold(s)), qPrintable(u"missing \"%1\" in:\n%2"_s.arg(s, cover.out)));
    for (int page = 2; page <= 4; ++page) {
        Run text = run(u"pdftotext"_s, {u"-f"_s, QString::number(page), u"-l"_s, QString::number(page), pdf, u"-"_s});
        text.out = fold(text.out);
        const QString number = u"WO-2026-%1"_s.arg(page - 1, 6, 10, QChar(u'0'));
        QVERIFY2(text.out.contains(number), qPrintable(text.out));
        QVERIFY2(text.out.contains(fold(page == 2 ? u"单元楼水管爆裂"_s : u"阀门损坏"_s)), qPrintable(text.out));
        QVERIFY2(text.out.contains(u"Page %1 of 4"_s.arg(page)), qPrintable(text.out));
    }

    if (!m_haveZbar)
        QSKIP("zbar-tools (zbarimg) is not installed: scripts/deps.sh installs it");
    // Even at A5 the codes stay readable.
    const QStringList codes = decodeQr(pdf, 3, m_dir.path());
    QVERIFY2(codes.contains(u"WO-2026-000002"_s), qPrintable(codes.join(u" | "_s)));
    QVERIFY2(codes.contains(job.orders.at(1).print.confirmUrl), qPrintable(codes.join(u" | "_s)));
}

void TestPrinting::paintsOnAnyPainter()
{
    // The same page on an image (what the preview shows): something is drawn, and a location-less order too.
    PrintJob job;
    job.orders << order(1, {});
    job.orders.first().ticket.location = GeoPoint();
    QImage image(1240, 1754, QImage::Format_RGB32); // A4 at 150 dpi
    image.setDotsPerMeterX(5906);
    image.setDotsPerMeterY(5906);
    image.fill(Qt::red);
    QPainter painter(&image);
    WorkOrderRenderer::paintPage(painter, QRectF(0, 0, image.width(), image.height()), job, 0);
    painter.end();
    QCOMPARE(image.pixelColor(5, 5), QColor(Qt::white));
    int dark = 0;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            dark += qGray(image.pixel(x, y)) < 100;
    QVERIFY(dark > 200);
}

QTEST_MAIN(TestPrinting)
#include "tst_printing.moc"
