#pragma once

// One key figure of the dashboard: a caption, the value, a detail line (percentiles) and an arrow comparing it with
// the previous period of the same length, green when the change is good (fewer hours, more tickets resolved).

#include <QFrame>

class QLabel;

namespace crewline::client {

class KpiTile : public QFrame
{
    Q_OBJECT
public:
    enum class Better
    {
        Higher,
        Lower,
        Neither
    };
    KpiTile(const QString &caption, Better better, QWidget *parent = nullptr);

    // current/previous < 0: nothing to compare.
    void setFigures(const QString &value, const QString &detail, double current, double previous);
    QString valueText() const;
    QString trendText() const; // "▲ 12%", "▼ 3%", "" (for tests)

private:
    QLabel *m_caption;
    QLabel *m_value;
    QLabel *m_detail;
    QLabel *m_trend;
    Better m_better;
};

} // namespace crewline::client
