#pragma once

// The lifecycle heat map: tickets arriving by weekday (rows, Monday first) and local hour (columns), shaded from
// white to deep blue. Paints onto any painter, so printing and PNG export use the same drawing.

#include <QWidget>

#include <array>

namespace crewline::client {

class HeatMapWidget : public QWidget
{
    Q_OBJECT
public:
    using Cells = std::array<std::array<qint64, 24>, 7>;
    explicit HeatMapWidget(QWidget *parent = nullptr);

    void setCells(const Cells &cells);
    const Cells &cells() const { return m_cells; }
    qint64 maximum() const;
    void paintOn(QPainter &painter, const QRectF &target) const;

    QSize sizeHint() const override { return {560, 240}; }
    QSize minimumSizeHint() const override { return {360, 180}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Cells m_cells{};
};

} // namespace crewline::client
