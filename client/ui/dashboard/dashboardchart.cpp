#include "client/ui/dashboard/dashboardchart.h"

#include <QContextMenuEvent>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QStackedBarSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

const QList<QColor> kPalette = {QColor(0x1e, 0x88, 0xe5), QColor(0x43, 0xa0, 0x47), QColor(0xfb, 0x8c, 0x00),
                                QColor(0x8e, 0x24, 0xaa), QColor(0xe5, 0x39, 0x35), QColor(0x00, 0xac, 0xc1),
                                QColor(0x6d, 0x4c, 0x41), QColor(0x75, 0x75, 0x75), QColor(0xc0, 0xca, 0x33)};

double niceMax(double v)
{
    if (v <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (v <= step * magnitude)
            return step * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

struct DashboardChart::Impl
{
    QChartView *view = nullptr;
    QChart *chart = nullptr;
    int series = 0;
    int points = 0;

    void clear()
    {
        chart->removeAllSeries();
        for (QAbstractAxis *axis : chart->axes()) {
            chart->removeAxis(axis);
            delete axis;
        }
        series = 0;
        points = 0;
    }

    void axes(const QStringList &categories, double maxValue, QAbstractSeries *s, bool attachX)
    {
        auto *x = new QBarCategoryAxis;
        x->append(categories);
        if (categories.size() > 12)
            x->setLabelsAngle(-90);
        QFont small = x->labelsFont();
        small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1));
        x->setLabelsFont(small);
        auto *y = new QValueAxis;
        y->setRange(0, niceMax(maxValue));
        y->setTickCount(5);
        y->applyNiceNumbers(); // whole, round steps (0, 10, 20 ... rather than 0, 12.5, 25 ...)
        y->setLabelFormat(u"%.0f"_s);
        y->setLabelsFont(small);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        if (attachX)
            s->attachAxis(x);
        s->attachAxis(y);
    }
};

DashboardChart::DashboardChart(const QString &title, QWidget *parent)
    : QWidget(parent)
    , d(new Impl)
    , m_title(title)
{
    d->chart = new QChart;
    d->chart->setTitle(title);
    QFont titleFont = d->chart->titleFont();
    titleFont.setBold(true);
    d->chart->setTitleFont(titleFont);
    d->chart->legend()->setAlignment(Qt::AlignBottom);
    d->chart->setMargins(QMargins(4, 4, 4, 4));
    d->chart->setBackgroundRoundness(4);
    d->chart->setAnimationOptions(QChart::NoAnimation);
    d->view = new QChartView(d->chart, this);
    d->view->setRenderHint(QPainter::Antialiasing);
    d->view->setMinimumHeight(220);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->view);
}

DashboardChart::~DashboardChart()
{
    delete d;
}

void DashboardChart::setTitle(const QString &title)
{
    m_title = title;
    d->chart->setTitle(title);
}

void DashboardChart::showBars(const QStringList &categories, const QList<ChartSeries> &series, bool stacked)
{
    d->clear();
    QAbstractBarSeries *bars = stacked ? static_cast<QAbstractBarSeries *>(new QStackedBarSeries)
                                       : static_cast<QAbstractBarSeries *>(new QBarSeries);
    double maxValue = 0;
    QList<double> stackTotals(categories.size(), 0);
    for (qsizetype i = 0; i < series.size(); ++i) {
        const ChartSeries &s = series.at(i);
        auto *set = new QBarSet(s.name);
        set->setColor(s.color.isValid() ? s.color : kPalette.at(i % kPalette.size()));
        set->setBorderColor(set->color());
        for (qsizetype c = 0; c < categories.size(); ++c) {
            const double v = s.values.value(c);
            *set << v;
            stackTotals[c] += v;
            maxValue = std::max(maxValue, v);
        }
        bars->append(set);
        d->points += int(categories.size());
    }
    if (stacked && !stackTotals.isEmpty())
        maxValue = *std::max_element(stackTotals.begin(), stackTotals.end());
    d->chart->addSeries(bars);
    d->axes(categories, maxValue, bars, true);
    d->chart->legend()->setVisible(series.size() > 1);
    d->series = int(series.size());
}

void DashboardChart::showLines(const QStringList &categories, const QList<ChartSeries> &series)
{
    d->clear();
    double maxValue = 0;
    for (const ChartSeries &s : series) {
        for (double v : s.values)
            maxValue = std::max(maxValue, v);
    }
    bool first = true;
    for (qsizetype i = 0; i < series.size(); ++i) {
        const ChartSeries &s = series.at(i);
        auto *line = new QLineSeries;
        line->setName(s.name);
        QPen pen(s.color.isValid() ? s.color : kPalette.at(i % kPalette.size()));
        pen.setWidthF(2.0);
        line->setPen(pen);
        line->setPointsVisible(categories.size() <= 40);
        for (qsizetype c = 0; c < categories.size(); ++c)
            line->append(double(c), s.values.value(c));
        d->chart->addSeries(line);
        if (first) {
            d->axes(categories, maxValue, line, false);
            first = false;
        } else {
            line->attachAxis(d->chart->axes(Qt::Vertical).constFirst());
        }
        // Lines sit on a value axis over the category indexes, so points align with the category labels.
        auto *x = new QValueAxis;
        x->setRange(-0.5, std::max<double>(0.5, double(categories.size()) - 0.5));
        x->setVisible(false);
        d->chart->addAxis(x, Qt::AlignBottom);
        line->attachAxis(x);
        d->points += int(categories.size());
    }
    d->chart->legend()->setVisible(series.size() > 1);
    d->series = int(series.size());
}

void DashboardChart::showShares(const QList<ChartSlice> &slices, int maxSlices)
{
    d->clear();
    QList<ChartSlice> sorted = slices;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ChartSlice &a, const ChartSlice &b) { return a.value > b.value; });
    double other = 0;
    while (sorted.size() > maxSlices) {
        other += sorted.takeLast().value;
    }
    if (other > 0)
        sorted << ChartSlice{tr("Other"), other};
    auto *pie = new QPieSeries;
    pie->setHoleSize(0.45);
    double total = 0;
    for (const ChartSlice &s : std::as_const(sorted))
        total += s.value;
    for (qsizetype i = 0; i < sorted.size(); ++i) {
        const ChartSlice &s = sorted.at(i);
        if (s.value <= 0)
            continue;
        const double share = total > 0 ? s.value / total * 100 : 0;
        QPieSlice *slice = pie->append(u"%1  %2%"_s.arg(s.label, QString::number(share, 'f', 1)), s.value);
        slice->setColor(kPalette.at(i % kPalette.size()));
        slice->setBorderColor(Qt::white);
        ++d->points;
    }
    d->chart->addSeries(pie);
    d->chart->legend()->setVisible(true);
    d->chart->legend()->setAlignment(Qt::AlignRight);
    QFont legendFont = d->chart->legend()->font();
    legendFont.setPointSizeF(std::max(7.0, legendFont.pointSizeF() - 1));
    d->chart->legend()->setFont(legendFont);
    d->series = 1;
}

int DashboardChart::seriesCount() const
{
    return d->series;
}

int DashboardChart::pointCount() const
{
    return d->points;
}

QImage DashboardChart::toImage(const QSize &size) const
{
    const QSize s = size.isValid() ? size : d->view->size().expandedTo(QSize(480, 300));
    QImage image(s * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    render(&painter, QRectF(QPointF(0, 0), QSizeF(s)));
    return image;
}

bool DashboardChart::savePng(const QString &path) const
{
    return toImage().save(path, "PNG");
}

void DashboardChart::render(QPainter *painter, const QRectF &target) const
{
    d->view->render(painter, target, d->view->viewport()->rect());
}

void DashboardChart::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *save = menu.addAction(tr("Save chart as PNG…"));
    if (menu.exec(event->globalPos()) == save)
        Q_EMIT exportRequested();
}

} // namespace crewline::client
