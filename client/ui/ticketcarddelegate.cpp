#include "client/ui/ticketcarddelegate.h"

#include "client/core/directory.h"
#include "client/core/ticketmodel.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

constexpr int kMinCardWidth = 160;
constexpr qint64 kSevereUnacceptedSecs = 2 * 3600;
constexpr qint64 kLongOpenSecs = 24 * 3600;

// Up to two lines of text in width; the second one elided when the text needs more.
QStringList twoLines(const QString &text, const QFont &font, int width)
{
    QStringList lines;
    QTextLayout layout(text, font);
    layout.beginLayout();
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        if (lines.size() == 1) {
            lines << QFontMetrics(font).elidedText(text.mid(line.textStart()).trimmed(), Qt::ElideRight, width);
            break;
        }
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

// A small rounded label ("pending", "urged 3"); returns its width.
int pill(QPainter *p, const QPoint &topRight, int height, const QString &text, const QColor &fill, const QColor &ink)
{
    const QFontMetrics fm(p->font());
    const int w = fm.horizontalAdvance(text) + height; // half a height of padding on each side
    const QRect r(topRight.x() - w, topRight.y(), w, height);
    p->setPen(Qt::NoPen);
    p->setBrush(fill);
    p->drawRoundedRect(r, height / 2.0, height / 2.0);
    p->setPen(ink);
    p->drawText(r, Qt::AlignCenter, text);
    return w;
}

} // namespace

TicketCardDelegate::TicketCardDelegate(const TicketModel &tickets, const Directory &directory, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_tickets(tickets)
    , m_directory(directory)
{
}

void TicketCardDelegate::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, 0.6, 3.0);
}

QColor TicketCardDelegate::priorityColor(Priority priority)
{
    switch (priority) {
    case Priority::Urgent:
        return QColor(0xd3, 0x2f, 0x2f);
    case Priority::High:
        return QColor(0xf5, 0x7c, 0x00);
    case Priority::Normal:
        return QColor(0x19, 0x76, 0xd2);
    case Priority::Low:
        return QColor(0x9e, 0x9e, 0x9e);
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

TicketCardDelegate::Hint TicketCardDelegate::slaHint(const Ticket &t, const QDateTime &now) const
{
    const TicketType *type = m_directory.types().type(t.type);
    const Phase phase = type ? type->phaseOf(t.status) : Phase::Active;
    if (phase == Phase::Resolved || phase == Phase::Closed || t.status == TicketType::kSuspended)
        return {};
    if (phase == Phase::Active && t.assigneeId.isValid() && !t.acceptedAt.isValid()) {
        // The summary has no dispatch time; the last change is the closest we know and never overstates the wait.
        const qint64 waiting = t.updatedAt.isValid() ? t.updatedAt.secsTo(now) : 0;
        const qint64 limit = type ? qint64(type->acceptTimeoutMinutes()) * 60 : 30 * 60;
        if (waiting > limit)
            return {tr("unaccepted %1").arg(TicketModel::ageText(waiting)), waiting > kSevereUnacceptedSecs};
    }
    const qint64 age = t.createdAt.isValid() ? t.createdAt.secsTo(now) : 0;
    if (age > kLongOpenSecs)
        return {tr("open %1").arg(TicketModel::ageText(age)), phase == Phase::New};
    return {};
}

QFont TicketCardDelegate::scaled(const QFont &base, double factor, bool bold) const
{
    QFont f = base;
    const double size = base.pointSizeF() > 0 ? base.pointSizeF() : 10.0;
    f.setPointSizeF(std::max(6.0, size * factor * m_zoom));
    f.setBold(bold);
    return f;
}

const Ticket *TicketCardDelegate::ticketOf(const QModelIndex &index) const
{
    return m_tickets.ticket(TicketId(index.data(TicketModel::TicketIdRole).toLongLong()));
}

int TicketCardDelegate::cardWidth(const QStyleOptionViewItem &option) const
{
    int width = option.rect.width();
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        width = view->viewport()->width();
    return std::max(width, static_cast<int>(kMinCardWidth * m_zoom));
}

QSize TicketCardDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int gap = static_cast<int>(std::lround(4 * m_zoom));
    const int pad = static_cast<int>(std::lround(8 * m_zoom));
    const QFontMetrics small(scaled(option.font, 0.9));
    const QFontMetrics title(scaled(option.font, 1.05));
    int h = gap + pad + small.height() + gap + 2 * title.lineSpacing() + gap + small.height() + pad;
    if (!index.data(TicketModel::PresenceRole).toString().isEmpty())
        h += gap + small.height();
    return {cardWidth(option) - 2, h};
}

void TicketCardDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const Ticket *t = ticketOf(index);
    if (!t) {
        QStyledItemDelegate::paint(p, option, index);
        return;
    }
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    const int gap = static_cast<int>(std::lround(4 * m_zoom));
    const int pad = static_cast<int>(std::lround(8 * m_zoom));
    const int bar = static_cast<int>(std::lround(5 * m_zoom));
    const QFont smallFont = scaled(option.font, 0.9);
    const QFont boldSmall = scaled(option.font, 0.9, true);
    const QFont titleFont = scaled(option.font, 1.05);
    const QFontMetrics small(smallFont);
    const QFontMetrics title(titleFont);
    const QPalette &pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool open = index.data(TicketModel::OpenRole).toBool();

    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(option.rect).adjusted(gap, gap / 2.0, -gap, -gap / 2.0);
    const double radius = 4 * m_zoom;
    QPainterPath shape;
    shape.addRoundedRect(card, radius, radius);

    // Body and frame; the selection is a strong frame, so the priority colour and the text stay readable.
    QColor body = pal.color(QPalette::Base);
    if (selected)
        body = QColor::fromRgbF(body.redF() * 0.9 + pal.color(QPalette::Highlight).redF() * 0.1,
                                body.greenF() * 0.9 + pal.color(QPalette::Highlight).greenF() * 0.1,
                                body.blueF() * 0.9 + pal.color(QPalette::Highlight).blueF() * 0.1);
    // Alarms: not accepted in time is red, open too long flashes, a low rating is highlighted.
    const int alarms = m_tickets.thresholds().alarms(*t, open, now);
    if (alarms & BoardThresholds::LowRating)
        body = QColor(0xff, 0xf3, 0xc4);
    if (alarms & BoardThresholds::Unaccepted)
        body = QColor(0xff, 0xeb, 0xee);
    if ((alarms & BoardThresholds::LongOpen) && m_flashOn)
        body = QColor(0xff, 0xcd, 0xd2);
    p->fillPath(shape, body);
    QPen frame(selected ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid));
    frame.setWidthF(selected ? 2.0 * m_zoom : 1.0);
    if (!selected && (alarms & BoardThresholds::Unaccepted)) {
        frame.setColor(QColor(0xc6, 0x28, 0x28));
        frame.setWidthF(2.0 * m_zoom);
    } else if (!selected && (alarms & BoardThresholds::LowRating)) {
        frame.setColor(QColor(0xf9, 0xa8, 0x25));
        frame.setWidthF(2.0 * m_zoom);
    }
    p->setPen(frame);
    p->drawPath(shape);
    if (option.state & QStyle::State_HasFocus && !selected) {
        frame.setStyle(Qt::DotLine);
        p->setPen(frame);
        p->drawPath(shape);
    }

    // Priority bar on the left edge.
    p->save();
    p->setClipPath(shape);
    p->fillRect(QRectF(card.left(), card.top(), bar, card.height()), priorityColor(t->priority));
    p->restore();

    const QColor ink = open ? pal.color(QPalette::Text) : pal.color(QPalette::PlaceholderText);
    const QColor faint = pal.color(QPalette::PlaceholderText);
    const int left = static_cast<int>(card.left()) + bar + pad;
    const int right = static_cast<int>(card.right()) - pad;
    const int width = std::max(10, right - left);
    int y = static_cast<int>(card.top()) + pad;

    // Top line: number ... [pending] [urged n] age
    p->setFont(smallFont);
    const QString age = TicketModel::ageText(t->createdAt.secsTo(now));
    p->setPen(faint);
    p->drawText(QRect(left, y, width, small.height()), Qt::AlignRight | Qt::AlignVCenter, age);
    int badgeRight = right - small.horizontalAdvance(age) - gap * 2;
    if (t->urgeCount > 0)
        badgeRight -= pill(p, {badgeRight, y}, small.height(), tr("urged %1").arg(t->urgeCount),
                           QColor(0xff, 0xeb, 0xee), QColor(0xc6, 0x28, 0x28)) +
                      gap;
    if (index.data(TicketModel::PendingRole).toBool())
        badgeRight -= pill(p, {badgeRight, y}, small.height(), tr("pending"), QColor(0xe3, 0xf2, 0xfd),
                           QColor(0x15, 0x65, 0xc0)) +
                      gap;
    p->setFont(boldSmall);
    p->setPen(ink);
    p->drawText(QRect(left, y, std::max(0, badgeRight - left), small.height()), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(boldSmall).elidedText(t->number, Qt::ElideRight, std::max(0, badgeRight - left)));
    y += small.height() + gap;

    // Title, two lines at most.
    p->setFont(titleFont);
    p->setPen(ink);
    QString text = t->title.simplified();
    if (text.isEmpty())
        text = t->description.simplified().left(200);
    for (const QString &line : twoLines(text, titleFont, width)) {
        p->drawText(QRect(left, y, width, title.lineSpacing()), Qt::AlignLeft | Qt::AlignVCenter, line);
        y += title.lineSpacing();
    }
    y = static_cast<int>(card.top()) + pad + small.height() + gap + 2 * title.lineSpacing() + gap;

    // Bottom line: assignee ... SLA hint
    p->setFont(smallFont);
    const Hint hint = slaHint(*t, now);
    int hintWidth = 0;
    if (!hint.text.isEmpty()) {
        QFont f = boldSmall;
        p->setFont(f);
        hintWidth = QFontMetrics(f).horizontalAdvance(hint.text);
        p->setPen(hint.severe ? QColor(0xc6, 0x28, 0x28) : QColor(0xe6, 0x51, 0x00));
        p->drawText(QRect(left, y, width, small.height()), Qt::AlignRight | Qt::AlignVCenter, hint.text);
        p->setFont(smallFont);
    }
    QString who = m_directory.userName(t->assigneeId);
    if (who.isEmpty() && t->teamId.isValid())
        who = tr("Team %1").arg(m_directory.teamName(t->teamId));
    QFont whoFont = smallFont;
    if (who.isEmpty()) {
        who = tr("Unassigned");
        whoFont.setItalic(true);
    }
    p->setFont(whoFont);
    p->setPen(t->assigneeId.isValid() ? ink : faint);
    const int whoWidth = std::max(0, width - hintWidth - (hintWidth > 0 ? gap * 2 : 0));
    p->drawText(QRect(left, y, whoWidth, small.height()), Qt::AlignLeft | Qt::AlignVCenter,
                QFontMetrics(whoFont).elidedText(who, Qt::ElideRight, whoWidth));
    y += small.height();

    // Who else is here.
    const QString presence = index.data(TicketModel::PresenceRole).toString();
    if (!presence.isEmpty()) {
        y += gap;
        QFont f = smallFont;
        f.setItalic(true);
        p->setFont(f);
        p->setPen(QColor(0x6a, 0x1b, 0x9a));
        p->drawText(QRect(left, y, width, small.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    QFontMetrics(f).elidedText(presence, Qt::ElideRight, width));
    }
    p->restore();
}

} // namespace crewline::client
