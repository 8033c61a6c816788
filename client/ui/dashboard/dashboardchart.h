#pragma once

// The dashboard's one window onto Qt Charts: a titled chart that shows plain data as grouped bars, lines or a
// donut of shares. Nothing else in the console includes QtCharts, so the chart library can be replaced here alone.
// It can render itself onto any painter (printing) and save itself as PNG.

#include <QColor>
#include <QList>
#include <QStringList>
#include <QWidget>

namespace crewline::client {

struct ChartSeries
{
    QString name;
    QList<double> values; // one per category
    QColor color;
};

struct ChartSlice
{
    QString label;
    double value = 0;
};

class DashboardChart : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardChart(const QString &title, QWidget *parent = nullptr);
    ~DashboardChart() override;

    QString title() const { return m_title; }
    void setTitle(const QString &title);

    void showBars(const QStringList &categories, const QList<ChartSeries> &series, bool stacked = false);
    void showLines(const QStringList &categories, const QList<ChartSeries> &series);
    // The largest maxSlices slices, the rest summed as "Other".
    void showShares(const QList<ChartSlice> &slices, int maxSlices = 8);

    // What is shown now, for tests and exports.
    int seriesCount() const;
    int pointCount() const;

    QImage toImage(const QSize &size = {}) const;
    bool savePng(const QString &path) const;
    void render(QPainter *painter, const QRectF &target) const;

Q_SIGNALS:
    void exportRequested(); // context menu "Save as PNG…"

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct Impl;
    Impl *d;
    QString m_title;
};

} // namespace crewline::client
