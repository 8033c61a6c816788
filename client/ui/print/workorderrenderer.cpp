#include "client/ui/print/workorderrenderer.h"

#include "client/core/ticketmodel.h"
#include "client/ui/historyview.h"
#include "client/ui/print/mapsnapshot.h"
#include "client/ui/print/qrcode.h"

#include <QFile>
#include <QImageReader>
#include <QLocale>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

constexpr qreal kA4Width = 210.0;
constexpr qreal kA4Height = 297.0;
constexpr qreal kMargin = 12.0;
constexpr qreal kContent = kA4Width - 2 * kMargin; // 186 mm
constexpr int kHistoryLines = 7;

const QColor kInk(0x1a, 0x1a, 0x1a);
const QColor kMuted(0x60, 0x60, 0x60);
const QColor kRule(0x9a, 0x9a, 0x9a);
const QColor kShade(0xee, 0xee, 0xee);

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), u"yyyy-MM-dd HH:mm"_s) : QString();
}

// One page of the A4 layout, in millimetres from the content's top-left corner, painted in device units. For A5
// the whole layout shrinks by the ratio of the page widths.
class Sheet
{
public:
    Sheet(QPainter &painter, const QRectF &page)
        : m_p(painter)
    {
        m_unit = page.width() / kA4Width; // device units per layout millimetre
        // Pages of another shape (Letter) keep the width and centre vertically.
        const qreal height = kA4Height * m_unit;
        m_origin =
            QPointF(page.left() + kMargin * m_unit, page.top() + (page.height() - height) / 2 + kMargin * m_unit);
        // Point sizes follow the page: A4 as designed, A5 scaled like everything else.
        const qreal deviceDpi = painter.device() ? painter.device()->logicalDpiY() : 72.0;
        m_fontScale = m_unit / (deviceDpi / 25.4);
    }

    QPainter &painter() { return m_p; }
    qreal unit() const { return m_unit; }
    QRectF rect(qreal x, qreal y, qreal w, qreal h) const
    {
        return QRectF(m_origin.x() + x * m_unit, m_origin.y() + y * m_unit, w * m_unit, h * m_unit);
    }
    QPointF point(qreal x, qreal y) const { return QPointF(m_origin.x() + x * m_unit, m_origin.y() + y * m_unit); }

    QFont font(qreal points, bool bold = false) const
    {
        QFont f;
        f.setFamilies(WorkOrderRenderer::fontFamilies());
        f.setPointSizeF(points * m_fontScale);
        f.setBold(bold);
        f.setStyleStrategy(QFont::PreferOutline);
        return f;
    }

    void text(qreal x, qreal y, qreal w, qreal h, const QString &s, const QFont &f,
              int flags = Qt::AlignLeft | Qt::AlignVCenter, const QColor &colour = kInk)
    {
        m_p.setFont(f);
        m_p.setPen(colour);
        const QRectF r = rect(x, y, w, h);
        m_p.drawText(r, flags | Qt::TextSingleLine,
                     QFontMetricsF(f, m_p.device()).elidedText(s, Qt::ElideRight, r.width()));
    }

    // Wrapped text of at most maxLines lines (the last one elided); returns the height used, in millimetres.
    qreal paragraph(qreal x, qreal y, qreal w, const QString &s, const QFont &f, int maxLines,
                    const QColor &colour = kInk)
    {
        QString body = s;
        body.replace(u'\n', QChar::LineSeparator);
        QTextLayout layout(body, f, m_p.device());
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        layout.setTextOption(option);
        layout.beginLayout();
        const qreal width = w * m_unit;
        qreal height = 0;
        QList<QTextLine> lines;
        for (;;) {
            QTextLine line = layout.createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(width);
            line.setPosition(QPointF(0, height));
            height += line.height();
            lines << line;
            if (lines.size() == maxLines)
                break;
        }
        layout.endLayout();
        m_p.setPen(colour);
        const QPointF at = point(x, y);
        const bool cut = !lines.isEmpty() && lines.last().textStart() + lines.last().textLength() < body.size();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (cut && i == lines.size() - 1) {
                // The last line that fits, elided to say there is more.
                m_p.setFont(f);
                const QString rest = body.mid(lines.at(i).textStart());
                m_p.drawText(QPointF(at.x(), at.y() + lines.at(i).y() + lines.at(i).ascent()),
                             QFontMetricsF(f, m_p.device()).elidedText(rest.simplified(), Qt::ElideRight, width));
            } else {
                lines.at(i).draw(&m_p, at);
            }
        }
        return height / m_unit;
    }

    void line(qreal x1, qreal y1, qreal x2, qreal y2, qreal width = 0.25, const QColor &colour = kRule,
              Qt::PenStyle style = Qt::SolidLine)
    {
        QPen pen(colour);
        pen.setWidthF(width * m_unit);
        pen.setStyle(style);
        m_p.setPen(pen);
        m_p.drawLine(point(x1, y1), point(x2, y2));
    }

    void box(qreal x, qreal y, qreal w, qreal h, qreal width = 0.25, const QColor &fill = Qt::transparent)
    {
        QPen pen(kRule);
        pen.setWidthF(width * m_unit);
        m_p.setPen(pen);
        m_p.setBrush(fill);
        m_p.drawRect(rect(x, y, w, h));
        m_p.setBrush(Qt::NoBrush);
    }

    // A section heading on a shaded band.
    void heading(qreal x, qreal y, qreal w, const QString &s)
    {
        m_p.fillRect(rect(x, y, w, 5.2), kShade);
        text(x + 1.5, y, w - 3, 5.2, s, font(9, true));
    }

private:
    QPainter &m_p;
    QPointF m_origin;
    qreal m_unit = 1;
    qreal m_fontScale = 1;
};

} // namespace

QStringList WorkOrderRenderer::fontFamilies()
{
    return {u"DejaVu Sans"_s, u"Noto Sans CJK SC"_s};
}

QByteArray WorkOrderRenderer::numberCode(const WorkOrder &order)
{
    return order.ticket.number.toUtf8();
}

namespace {

void paintFacts(Sheet &s, qreal y, const QList<QPair<QString, QString>> &facts)
{
    // Two columns of label/value pairs.
    const qreal rowHeight = 5.6;
    const qreal colWidth = kContent / 2;
    for (qsizetype i = 0; i < facts.size(); ++i) {
        const qreal x = (i % 2) * colWidth;
        const qreal top = y + (i / 2) * rowHeight;
        s.text(x, top, 24, rowHeight, facts.at(i).first, s.font(8.5), Qt::AlignLeft | Qt::AlignVCenter, kMuted);
        s.text(x + 24, top, colWidth - 26, rowHeight, facts.at(i).second, s.font(10, true));
        s.line(x, top + rowHeight, x + colWidth - 3, top + rowHeight, 0.12);
    }
}

} // namespace

void WorkOrderRenderer::paintPage(QPainter &painter, const QRectF &pageRect, const PrintJob &job, int page)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(pageRect, Qt::white);
    Sheet s(painter, pageRect);
    const int pages = job.pageCount();
    const qreal bottom = kA4Height - 2 * kMargin;

    // Header on every page: logo, organisation, and what the page is.
    qreal nameX = 0;
    if (!job.header.logoPath.isEmpty() && QFile::exists(job.header.logoPath)) {
        QImageReader reader(job.header.logoPath);
        reader.setAutoTransform(true);
        const QImage logo = reader.read();
        if (!logo.isNull()) {
            const QRectF box = s.rect(0, 0, 20, 20);
            const QSizeF fitted = QSizeF(logo.size()).scaled(box.size(), Qt::KeepAspectRatio);
            painter.drawImage(QRectF(box.topLeft(), fitted), logo);
            nameX = 23;
        }
    }
    const QString organisation = job.header.organisation.isEmpty() ? tr("Crewline") : job.header.organisation;

    if (job.crewSheet && page == 0) {
        // The cover list: every order of the day, in the order the pages follow.
        s.text(nameX, 0, 120, 9, organisation, s.font(16, true));
        s.text(nameX, 9, 120, 7, tr("Crew sheet"), s.font(12));
        s.text(100, 0, kContent - 100, 9, job.crewName, s.font(14, true), Qt::AlignRight | Qt::AlignVCenter);
        s.text(100, 9, kContent - 100, 7, QLocale().toString(job.day, QLocale::LongFormat), s.font(11),
               Qt::AlignRight | Qt::AlignVCenter);
        s.line(0, 24, kContent, 24, 0.5, kInk);
        s.text(0, 26, kContent, 7,
               tr("%n work order(s) follow, one per page.", nullptr, static_cast<int>(job.orders.size())), s.font(10));
        const QList<std::pair<QString, qreal>> columns = {
            {tr("Page"), 14},  {tr("Work order"), 34}, {tr("Priority"), 18}, {tr("Type"), 22},
            {tr("Title"), 48}, {tr("Address"), 38},    {tr("Done"), 12}};
        qreal y = 35;
        qreal x = 0;
        painter.fillRect(s.rect(0, y, kContent, 6), kShade);
        for (const auto &[title, width] : columns) {
            s.text(x + 1, y, width - 2, 6, title, s.font(8.5, true));
            x += width;
        }
        y += 6;
        int row = 0;
        for (const WorkOrder &o : job.orders) {
            if (y + 7 > bottom - 12)
                break;
            const QStringList cells = {QString::number(row + 2),
                                       o.ticket.number,
                                       TicketModel::priorityText(o.ticket.priority),
                                       o.typeName,
                                       o.ticket.title,
                                       o.ticket.address,
                                       QString()};
            x = 0;
            for (qsizetype c = 0; c < columns.size(); ++c) {
                const bool strong = c == 1 || (c == 2 && o.ticket.priority >= Priority::High);
                s.text(x + 1, y, columns.at(c).second - 2, 7, cells.at(c), s.font(9, strong));
                x += columns.at(c).second;
            }
            s.box(kContent - 12 + 3.5, y + 1.5, 4, 4); // a box to tick when done
            s.line(0, y + 7, kContent, y + 7, 0.12);
            y += 7;
            ++row;
        }
        if (row < job.orders.size())
            s.text(0, y + 1, kContent, 6,
                   tr("… and %n more (see the pages that follow)", nullptr, static_cast<int>(job.orders.size()) - row),
                   s.font(9), Qt::AlignLeft | Qt::AlignVCenter, kMuted);
        s.line(0, bottom - 6, kContent, bottom - 6, 0.2);
        s.text(
            0, bottom - 6, kContent, 6,
            tr("Prepared by %1 · %2 · Page %3 of %4").arg(job.preparedBy, timeText(job.preparedAt)).arg(1).arg(pages),
            s.font(8), Qt::AlignLeft | Qt::AlignVCenter, kMuted);
        painter.restore();
        return;
    }

    const WorkOrder &o = job.orders.at(page - (job.crewSheet ? 1 : 0));
    const Ticket &t = o.ticket;

    // Header: organisation, "Work order", the number as text and as a QR code.
    s.text(nameX, 0, 110, 9, organisation, s.font(16, true));
    s.text(nameX, 9, 110, 7, tr("Work order"), s.font(12));
    if (!job.header.serviceLine.isEmpty())
        s.text(nameX, 16, 110, 5, tr("Service line: %1").arg(job.header.serviceLine), s.font(8.5),
               Qt::AlignLeft | Qt::AlignVCenter, kMuted);
    if (const std::optional<QrCode> code = QrCode::encode(numberCode(o)))
        code->paint(painter, s.rect(kContent - 22, 0, 22, 22));
    s.text(95, 1, kContent - 22 - 97, 9, t.number, s.font(15, true), Qt::AlignRight | Qt::AlignVCenter);
    s.text(95, 10, kContent - 22 - 97, 6, tr("Version %1 · %2").arg(t.version).arg(o.statusName), s.font(9),
           Qt::AlignRight | Qt::AlignVCenter, kMuted);
    s.line(0, 23.5, kContent, 23.5, 0.5, kInk);

    // Title and the facts a crew needs first.
    qreal y = 25.5;
    y += s.paragraph(0, y, kContent, t.title.isEmpty() ? tr("(no title)") : t.title, s.font(13, true), 2) + 1.5;
    const QString requester = t.requester.name;
    paintFacts(s, y,
               {{tr("Type"), o.typeName},
                {tr("Priority"), TicketModel::priorityText(t.priority)},
                {tr("Requester"), requester},
                {tr("Contact"), t.requester.contact},
                {tr("Category"), t.category},
                {tr("Created"), timeText(t.createdAt)},
                {tr("Engineer"),
                 o.engineerPhone.isEmpty() ? o.engineerName : u"%1  %2"_s.arg(o.engineerName, o.engineerPhone)},
                {tr("Team"), o.teamName}});
    y += 4 * 5.6 + 3;

    // Where: the address beside a small map of the spot, then the description across the page.
    const qreal mapW = 72, mapH = 44;
    s.heading(0, y, kContent - mapW - 4, tr("Address"));
    qreal ay = y + 6.5;
    ay += s.paragraph(1.5, ay, kContent - mapW - 7, t.address.isEmpty() ? tr("(no address)") : t.address,
                      s.font(11, true), 4) +
          1.5;
    if (!t.department.isEmpty())
        s.text(1.5, ay, kContent - mapW - 7, 5, tr("Department: %1").arg(t.department), s.font(9),
               Qt::AlignLeft | Qt::AlignVCenter, kMuted);
    if (!t.location.isValid())
        s.text(1.5, y + mapH - 6, kContent - mapW - 7, 5, tr("Find the place by the address."), s.font(8.5),
               Qt::AlignLeft | Qt::AlignVCenter, kMuted);
    MapSnapshot::paint(painter, s.rect(kContent - mapW, y, mapW, mapH), t.location, s.unit());
    y += mapH + 2.5;
    s.heading(0, y, kContent, tr("Description"));
    y += 6.5;
    y +=
        s.paragraph(1.5, y, kContent - 3, t.description.isEmpty() ? tr("(none)") : t.description, s.font(9.5), 5) + 2.5;

    // Checklist (left) and materials (right).
    const qreal half = (kContent - 4) / 2;
    s.heading(0, y, half, tr("Checklist"));
    s.heading(half + 4, y, half, tr("Materials used"));
    qreal cy = y + 7;
    const QStringList checklist = o.checklist.isEmpty() ? QStringList{tr("Work done as described")} : o.checklist;
    for (const QString &item : checklist.mid(0, 6)) {
        s.box(1.5, cy + 0.8, 3.6, 3.6);
        s.text(7, cy, half - 8, 5.2, item, s.font(9.5));
        cy += 5.6;
    }
    const qreal mx = half + 4;
    s.text(mx + 1.5, y + 6, half * 0.62, 5, tr("Material / specification"), s.font(8.5),
           Qt::AlignLeft | Qt::AlignVCenter, kMuted);
    s.text(mx + half * 0.62, y + 6, half * 0.38 - 1.5, 5, tr("Quantity"), s.font(8.5), Qt::AlignLeft | Qt::AlignVCenter,
           kMuted);
    for (int i = 1; i <= 5; ++i)
        s.line(mx, y + 6 + i * 6.2, mx + half, y + 6 + i * 6.2, 0.15);
    s.line(mx + half * 0.6, y + 11, mx + half * 0.6, y + 6 + 5 * 6.2, 0.15);
    y = std::max(cy, y + 6 + 5 * 6.2) + 2.5;

    // Time on site.
    s.heading(0, y, kContent, tr("Time on site"));
    y += 6.5;
    const QStringList timeSlots = {tr("Arrived"), tr("Left"), tr("Hours on site")};
    for (qsizetype i = 0; i < timeSlots.size(); ++i) {
        const qreal x = i * (kContent / 3);
        s.text(x + 1.5, y, 26, 7, timeSlots.at(i), s.font(9.5));
        s.line(x + 27, y + 6, x + kContent / 3 - 4, y + 6, 0.2, kInk);
    }
    y += 10;

    // Signatures and the customer's QR code.
    s.heading(0, y, kContent, tr("Confirmation"));
    y += 6.5;
    const qreal qr = 27;
    qreal sx = 0;
    if (!o.print.confirmUrl.isEmpty()) {
        if (const std::optional<QrCode> code = QrCode::encode(o.print.confirmUrl.toUtf8()))
            code->paint(painter, s.rect(0, y, qr, qr));
        sx = qr + 3;
        s.paragraph(sx, y, 60,
                    tr("Customer: scan to confirm the result — satisfied, partly resolved or unresolved — "
                       "and rate the work."),
                    s.font(8.5), 4, kMuted);
        // Deliberately in both languages, whatever the console's: the customer reads it, not the dispatcher.
        s.paragraph(sx, y + 16, 60, u"扫码确认完工 · Scan to confirm"_s, s.font(8.5, true), 2);
    } else {
        s.paragraph(0, y, 60,
                    tr("No confirmation link: the server serves no confirmation page, or the order was "
                       "printed offline."),
                    s.font(8.5), 4, kMuted);
    }
    const qreal sigX = 96;
    const qreal sigW = kContent - sigX;
    s.text(sigX, y + 2, 40, 6, tr("Engineer signature"), s.font(9.5));
    s.line(sigX + 38, y + 8, sigX + sigW - 30, y + 8, 0.25, kInk);
    s.text(sigX + sigW - 28, y + 2, 10, 6, tr("Date"), s.font(9));
    s.line(sigX + sigW - 17, y + 8, sigX + sigW, y + 8, 0.25, kInk);
    s.text(sigX, y + 14, 40, 6, tr("Customer signature"), s.font(9.5));
    s.line(sigX + 38, y + 20, sigX + sigW - 30, y + 20, 0.25, kInk);
    s.text(sigX + sigW - 28, y + 14, 10, 6, tr("Date"), s.font(9));
    s.line(sigX + sigW - 17, y + 20, sigX + sigW, y + 20, 0.25, kInk);
    y += qr + 3;

    // A short history: the newest entries that fit.
    s.heading(0, y, kContent, tr("History"));
    y += 6.2;
    const qreal room = bottom - 8 - y;
    const int fit = std::clamp(static_cast<int>(room / 4.6), 0, kHistoryLines);
    const QList<AuditEntry> recent = o.history.mid(std::max<qsizetype>(0, o.history.size() - fit));
    for (const AuditEntry &e : recent) {
        s.text(1.5, y, 30, 4.6, timeText(e.at), s.font(8.5), Qt::AlignLeft | Qt::AlignVCenter, kMuted);
        s.text(32, y, 34, 4.6, e.actorName, s.font(8.5));
        s.text(67, y, 38, 4.6, HistoryView::actionText(e.action), s.font(8.5, true));
        s.text(106, y, kContent - 107, 4.6, e.reason, s.font(8.5), Qt::AlignLeft | Qt::AlignVCenter, kMuted);
        y += 4.6;
    }
    if (recent.isEmpty())
        s.text(1.5, y, kContent, 4.6, tr("(no history)"), s.font(8.5), Qt::AlignLeft | Qt::AlignVCenter, kMuted);

    // Footer: who printed which version when.
    s.line(0, bottom - 6, kContent, bottom - 6, 0.2);
    const QString printed =
        o.print.printedAt.isValid()
            ? tr("Printed by %1 · %2 · version %3").arg(o.printedBy, timeText(o.print.printedAt)).arg(t.version)
            : tr("Draft (not recorded) · version %1").arg(t.version);
    s.text(0, bottom - 6, kContent * 0.75, 6, printed, s.font(8), Qt::AlignLeft | Qt::AlignVCenter, kMuted);
    s.text(kContent * 0.75, bottom - 6, kContent * 0.25, 6, tr("Page %1 of %2").arg(page + 1).arg(pages), s.font(8),
           Qt::AlignRight | Qt::AlignVCenter, kMuted);
    painter.restore();
}

bool WorkOrderRenderer::render(QPagedPaintDevice &device, const PrintJob &job)
{
    device.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter);
    QPainter painter;
    if (!painter.begin(&device))
        return false;
    const QRectF page(0, 0, device.width(), device.height());
    for (int i = 0; i < job.pageCount(); ++i) {
        if (i > 0 && !device.newPage())
            return false;
        paintPage(painter, page, job, i);
    }
    return painter.end();
}

bool WorkOrderRenderer::exportPdf(const QString &path, const PrintJob &job, QPageSize::PageSizeId paper, QString *error)
{
    QPdfWriter writer(path);
    writer.setResolution(300);
    writer.setPageSize(QPageSize(paper));
    writer.setTitle(job.crewSheet ? tr("Crew sheet %1").arg(job.crewName)
                                  : (job.orders.size() == 1 ? tr("Work order %1").arg(job.orders.first().ticket.number)
                                                            : tr("Work orders")));
    writer.setCreator(u"Crewline"_s);
    if (!render(writer, job)) {
        if (error)
            *error = tr("Cannot write %1.").arg(path);
        return false;
    }
    return true;
}

} // namespace crewline::client
