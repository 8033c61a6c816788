#include "client/ui/dashboard/heatmapwidget.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crewline::client {

HeatMapWidget::HeatMapWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"heatMap"_s);
    setMinimumHeight(180);
}

void HeatMapWidget::setCells(const Cells &cells)
{
    m_cells = cells;
    update();
}

qint64 HeatMapWidget::maximum() const
{
    qint64 m = 0;
    for (const auto &row : m_cells)
        m = std::max(m, *std::max_element(row.begin(), row.end()));
    return m;
}

void HeatMapWidget::paintOn(QPainter &p, const QRectF &target) const
{
    p.save();
    p.fillRect(target, Qt::white);
    QFont title = font();
    title.setBold(true);
    p.setFont(title);
    const QFontMetricsF tfm(title);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRectF(target.left(), target.top() + 4, target.width(), tfm.height()), Qt::AlignHCenter,
               tr("Arrivals by weekday and hour"));
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1));
    p.setFont(small);
    const QFontMetricsF fm(small);
    const QLocale locale;
    double labelWidth = 0;
    for (int d = 1; d <= 7; ++d)
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(locale.dayName(d, QLocale::ShortFormat)));
    const double left = target.left() + labelWidth + 10;
    const double top = target.top() + tfm.height() + 10;
    const double bottom = target.bottom() - fm.height() - 6;
    const double cellW = (target.right() - 6 - left) / 24.0;
    const double cellH = std::max(4.0, (bottom - top) / 7.0);
    const double maxValue = double(std::max<qint64>(1, maximum()));
    for (int d = 0; d < 7; ++d) {
        const double y = top + d * cellH;
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRectF(target.left() + 4, y, labelWidth, cellH), Qt::AlignVCenter | Qt::AlignLeft,
                   locale.dayName(d + 1, QLocale::ShortFormat));
        for (int h = 0; h < 24; ++h) {
            const double share = double(m_cells[size_t(d)][size_t(h)]) / maxValue;
            const QColor c = QColor::fromRgbF(1.0 - share * 0.9, 1.0 - share * 0.6, 1.0 - share * 0.15);
            const QRectF cell(left + h * cellW, y, cellW - 1, cellH - 1);
            p.fillRect(cell, c);
            if (cellW > fm.horizontalAdvance(u"000"_s) && m_cells[size_t(d)][size_t(h)] > 0) {
                p.setPen(share > 0.55 ? Qt::white : QColor(0x42, 0x42, 0x42));
                p.drawText(cell, Qt::AlignCenter, QString::number(m_cells[size_t(d)][size_t(h)]));
            }
        }
    }
    p.setPen(palette().color(QPalette::WindowText));
    for (int h = 0; h < 24; h += 3)
        p.drawText(QRectF(left + h * cellW, bottom + 2, cellW * 3, fm.height()), Qt::AlignLeft,
                   u"%1:00"_s.arg(h, 2, 10, QLatin1Char('0')));
    p.restore();
}

void HeatMapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    paintOn(p, rect());
}

} // namespace crewline::client
