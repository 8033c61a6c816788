#include "client/ui/print/mapsnapshot.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr double kSpanMetres = 600; // what the snapshot shows across: a street block or two

QString coordinateText(const GeoPoint &p)
{
    return u"%1° %2, %3° %4"_s.arg(std::abs(p.lat), 0, 'f', 5)
        .arg(p.lat >= 0 ? u"N"_s : u"S"_s)
        .arg(std::abs(p.lon), 0, 'f', 5)
        .arg(p.lon >= 0 ? u"E"_s : u"W"_s);
}
} // namespace

double MapSnapshot::niceStep(double spanMetres)
{
    const double raw = spanMetres / 5;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0}) {
        if (f * power >= raw)
            return f * power;
    }
    return 10 * power;
}

void MapSnapshot::paint(QPainter &painter, const QRectF &rect, const GeoPoint &location, qreal mm)
{
    painter.save();
    painter.setClipRect(rect);
    painter.fillRect(rect, QColor(0xf4, 0xf1, 0xe8));
    QPen border(QColor(0x55, 0x55, 0x55));
    border.setWidthF(0.25 * mm);

    if (!location.isValid()) {
        painter.setPen(QColor(0x66, 0x66, 0x66));
        painter.drawText(rect, Qt::AlignCenter | Qt::TextWordWrap, tr("No location recorded"));
        painter.setClipping(false);
        painter.setPen(border);
        painter.drawRect(rect);
        painter.restore();
        return;
    }

    const double metresPerUnit = kSpanMetres / rect.width();
    const double step = niceStep(kSpanMetres);
    // Grid lines at round distances from the spot, so that the crew can count metres from the marker.
    QPen grid(QColor(0xcf, 0xc8, 0xb4));
    grid.setWidthF(0.15 * mm);
    painter.setPen(grid);
    const QPointF c = rect.center();
    const double stepUnits = step / metresPerUnit;
    for (int i = -20; i <= 20; ++i) {
        const double x = c.x() + i * stepUnits;
        const double y = c.y() + i * stepUnits;
        if (x >= rect.left() && x <= rect.right())
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()));
        if (y >= rect.top() && y <= rect.bottom())
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y));
    }
    // Rings at one and two grid steps.
    QPen ring(QColor(0xb0, 0x3a, 0x2e, 120));
    ring.setWidthF(0.2 * mm);
    ring.setStyle(Qt::DashLine);
    painter.setPen(ring);
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(c, stepUnits, stepUnits);
    painter.drawEllipse(c, 2 * stepUnits, 2 * stepUnits);

    // The marker: a pin whose tip is the spot.
    const double pin = 4.5 * mm;
    QPainterPath marker;
    marker.moveTo(c);
    marker.cubicTo(c + QPointF(-pin * 0.2, -pin * 0.45), c + QPointF(-pin * 0.55, -pin * 0.7), c + QPointF(0, -pin));
    marker.cubicTo(c + QPointF(pin * 0.55, -pin * 0.7), c + QPointF(pin * 0.2, -pin * 0.45), c);
    painter.setPen(QPen(QColor(0x7a, 0x12, 0x0c), 0.2 * mm));
    painter.setBrush(QColor(0xd2, 0x2b, 0x1f));
    painter.drawPath(marker);
    painter.setBrush(Qt::white);
    painter.drawEllipse(c + QPointF(0, -pin * 0.68), pin * 0.15, pin * 0.15);

    // North arrow, top right.
    const QPointF n(rect.right() - 5 * mm, rect.top() + 10 * mm);
    QPainterPath arrow;
    arrow.moveTo(n + QPointF(0, -4 * mm));
    arrow.lineTo(n + QPointF(1.6 * mm, 1.5 * mm));
    arrow.lineTo(n + QPointF(0, 0.6 * mm));
    arrow.lineTo(n + QPointF(-1.6 * mm, 1.5 * mm));
    arrow.closeSubpath();
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x33, 0x33, 0x33));
    painter.drawPath(arrow);
    QFont f = painter.font();
    f.setPointSizeF(f.pointSizeF() * 0.8);
    painter.setFont(f);
    painter.setPen(QColor(0x33, 0x33, 0x33));
    painter.drawText(QRectF(n.x() - 3 * mm, n.y() - 8.5 * mm, 6 * mm, 4 * mm), Qt::AlignCenter, u"N"_s);

    // Scale bar, bottom left: one grid step.
    const QPointF s(rect.left() + 3 * mm, rect.bottom() - 7 * mm);
    painter.setPen(QPen(QColor(0x22, 0x22, 0x22), 0.35 * mm));
    painter.drawLine(s, s + QPointF(stepUnits, 0));
    painter.drawLine(s + QPointF(0, -1 * mm), s + QPointF(0, 1 * mm));
    painter.drawLine(s + QPointF(stepUnits, -1 * mm), s + QPointF(stepUnits, 1 * mm));
    painter.drawText(QRectF(s.x(), s.y() - 5 * mm, stepUnits + 20 * mm, 4 * mm), Qt::AlignLeft | Qt::AlignBottom,
                     step >= 1000 ? u"%1 km"_s.arg(step / 1000) : u"%1 m"_s.arg(step));

    // Coordinates along the bottom, on a light band so that grid lines do not run through the digits.
    const QRectF band(rect.left(), rect.bottom() - 4.5 * mm, rect.width(), 4.5 * mm);
    painter.fillRect(band, QColor(255, 255, 255, 210));
    painter.drawText(band.adjusted(1.5 * mm, 0, -1.5 * mm, 0), Qt::AlignVCenter | Qt::AlignRight,
                     coordinateText(location));

    painter.setClipping(false);
    painter.setPen(border);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(rect);
    painter.restore();
}

} // namespace crewline::client
