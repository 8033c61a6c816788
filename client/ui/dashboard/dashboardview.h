#pragma once

// The manager dashboard: date range, granularity and filters (type, department, team) that apply to every figure;
// KPI tiles with trend arrows; volume trend (created vs resolved); shares by category and type; SLA compliance by
// type; the arrival heat map; drill-down by type, department, team or engineer; the staff leaderboard; the backlog
// TOP 10 (double-click opens the ticket). Everything comes from DashboardData, which follows ticket events live.
// Tables export to CSV/XLSX, charts to PNG, and the whole dashboard prints through a preview.

#include "client/core/dashboarddata.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPainter;
class QPrinter;
class QTableView;

namespace crewline::client {

class DashboardChart;
class HeatMapWidget;
class KpiTile;
class Workspace;

class DashboardView : public QWidget
{
    Q_OBJECT
public:
    explicit DashboardView(Workspace &workspace, QWidget *parent = nullptr);

    DashboardData &data() { return *m_data; }
    // Starts (or restarts) with the default range, once the workspace is loaded.
    void start();
    void setRange(const QDate &from, const QDate &to);

    // For printing and tests.
    DashboardChart *trendChart() const { return m_trend; }
    DashboardChart *categoryChart() const { return m_byCategory; }
    DashboardChart *typeChart() const { return m_byType; }
    DashboardChart *slaChart() const { return m_sla; }
    HeatMapWidget *heatMap() const { return m_heat; }
    FiguresTableModel *leaderboard() const { return m_leaderboardModel; }
    FiguresTableModel *drillDown() const { return m_drillModel; }
    BacklogTableModel *backlog() const { return m_backlogModel; }
    KpiTile *tile(int index) const { return m_tiles.value(index); }
    QString filterCaption() const; // the range and filters in words, for exports and printouts

    void print(QPrinter *printer);
    void printPreview();

Q_SIGNALS:
    void ticketActivated(crewline::TicketId id);

private:
    void queryFromControls();
    void refreshChoices();
    void showSnapshot();
    void showDrillDown();

    Workspace &m_workspace;
    DashboardData *m_data;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_granularity;
    QComboBox *m_type;
    QComboBox *m_department;
    QComboBox *m_team;
    QComboBox *m_drillBy;
    QLabel *m_status;
    QList<KpiTile *> m_tiles;
    DashboardChart *m_trend;
    DashboardChart *m_byCategory;
    DashboardChart *m_byType;
    DashboardChart *m_sla;
    HeatMapWidget *m_heat;
    QWidget *m_content;
    QTableView *m_drillView;
    QTableView *m_leaderboardView;
    QTableView *m_backlogView;
    FiguresTableModel *m_drillModel;
    FiguresTableModel *m_leaderboardModel;
    BacklogTableModel *m_backlogModel;
    QStringList m_departments; // every department seen, for the filter
    bool m_applying = false;
};

} // namespace crewline::client
