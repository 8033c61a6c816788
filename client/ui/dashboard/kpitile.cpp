#include "client/ui/dashboard/kpitile.h"

#include <QGridLayout>
#include <QLabel>

#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::client {

KpiTile::KpiTile(const QString &caption, Better better, QWidget *parent)
    : QFrame(parent)
    , m_better(better)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, QColor(0xfa, 0xfb, 0xfc));
    setPalette(pal);
    m_caption = new QLabel(caption, this);
    QFont small = m_caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_caption->setFont(small);
    m_caption->setStyleSheet(u"color: #546e7a"_s);
    m_value = new QLabel(u"—"_s, this);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setObjectName(u"kpiValue"_s);
    m_trend = new QLabel(this);
    m_trend->setObjectName(u"kpiTrend"_s);
    m_detail = new QLabel(this);
    m_detail->setFont(small);
    m_detail->setStyleSheet(u"color: #607d8b"_s);
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->setVerticalSpacing(2);
    layout->addWidget(m_caption, 0, 0, 1, 2);
    layout->addWidget(m_value, 1, 0);
    layout->addWidget(m_trend, 1, 1, Qt::AlignRight | Qt::AlignBottom);
    layout->addWidget(m_detail, 2, 0, 1, 2);
    setMinimumWidth(150);
}

void KpiTile::setFigures(const QString &value, const QString &detail, double current, double previous)
{
    m_value->setText(value);
    m_detail->setText(detail);
    if (current < 0 || previous <= 0) {
        m_trend->clear();
        m_trend->setToolTip(tr("No figures for the previous period"));
        return;
    }
    const double change = (current - previous) / previous * 100.0;
    const bool up = change > 0.05;
    const bool down = change < -0.05;
    const QString arrow = up ? u"▲"_s : down ? u"▼"_s : u"■"_s;
    const bool good = (m_better == Better::Higher && up) || (m_better == Better::Lower && down);
    const bool bad = (m_better == Better::Higher && down) || (m_better == Better::Lower && up);
    const QString colour = good ? u"#2e7d32"_s : bad ? u"#c62828"_s : u"#757575"_s;
    m_trend->setText(u"%1 %2%"_s.arg(arrow, QString::number(std::abs(change), 'f', std::abs(change) < 10 ? 1 : 0)));
    m_trend->setStyleSheet(u"color: %1; font-weight: bold"_s.arg(colour));
    m_trend->setToolTip(tr("Compared with the previous period of the same length"));
}

QString KpiTile::valueText() const
{
    return m_value->text();
}

QString KpiTile::trendText() const
{
    return m_trend->text();
}

} // namespace crewline::client
