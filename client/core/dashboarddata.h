#pragma once

// The manager dashboard's data: the query every chart shares (date range, time zone, granularity, filters), the
// last stats.dashboard reply, and table models over it (drill-down and leaderboard, backlog). It re-queries, debounced,
// when ticket events arrive, so charts follow the live state without a request per event. No widgets.

#include "client/core/workspace.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QJsonObject>
#include <QTimer>

#include <array>

namespace crewline::client {

struct DashboardQuery
{
    QDate from;
    QDate to;
    QString timeZone; // IANA id or "+08:00"; empty: the console's own zone
    QString granularity = QStringLiteral("day");
    QStringList types;
    QStringList departments;
    QList<qint64> teamIds;
    QList<qint64> assigneeIds;

    QJsonObject toJson() const;
    friend bool operator==(const DashboardQuery &, const DashboardQuery &) = default;
};

// Durations are seconds; -1 where there is nothing to measure.
struct DurationFigures
{
    qint64 count = 0;
    qint64 mean = -1;
    qint64 p50 = -1;
    qint64 p90 = -1;
    static DurationFigures fromJson(const QJsonObject &o);
};

struct Figures
{
    QString key;
    QString name;
    qint64 created = 0;
    qint64 resolved = 0;
    qint64 closed = 0;
    DurationFigures firstResponse;
    DurationFigures resolution;
    qint64 slaMet = 0;
    qint64 slaMissed = 0;
    double slaRate = -1;      // 0..1
    double satisfaction = -1; // mean rating 1..5
    qint64 ratings = 0;
    static Figures fromJson(const QJsonObject &o);
};

struct TrendPoint
{
    QDate period;
    qint64 created = 0;
    qint64 resolved = 0;
};

struct DashboardSnapshot
{
    bool valid = false;
    QString source; // counters | tickets
    Figures totals;
    Figures previous;
    QList<TrendPoint> trend;
    QList<Figures> byType, byCategory, byDepartment, byTeam, byAssignee;
    std::array<std::array<qint64, 24>, 7> heatmap{}; // [weekday Monday=0][hour]
    qint64 backlogOpen = 0;
    QList<Ticket> backlogTop;
    static DashboardSnapshot fromJson(const QJsonObject &result);
};

class DashboardData : public QObject
{
    Q_OBJECT
public:
    explicit DashboardData(Workspace &workspace, QObject *parent = nullptr);

    const DashboardQuery &query() const { return m_query; }
    void setQuery(const DashboardQuery &query); // fetches at once
    const DashboardSnapshot &snapshot() const { return m_snapshot; }
    // How long to wait after a ticket event before asking again (several events close together: one request).
    void setDebounce(int milliseconds) { m_debounce.setInterval(milliseconds); }
    void refresh();
    bool isLoading() const { return m_inFlight; }

    // The default range: the 30 days up to today in the console's time zone.
    static DashboardQuery defaultQuery(const QDate &today);

Q_SIGNALS:
    void updated();
    void failed(const QString &message);

private:
    void onTicketEvent();

    Workspace &m_workspace;
    DashboardQuery m_query;
    DashboardSnapshot m_snapshot;
    QTimer m_debounce;
    bool m_inFlight = false;
    bool m_again = false;
    int m_generation = 0;
};

// Figures per group: the drill-down by type, category, department, team or engineer, and the staff leaderboard.
class FiguresTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Layout
    {
        DrillDown,
        Leaderboard
    };
    enum Roles
    {
        KeyRole = Qt::UserRole + 1
    };
    FiguresTableModel(Layout layout, QObject *parent = nullptr);
    void setRows(const QList<Figures> &rows, const QString &firstHeader);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString formatDuration(qint64 seconds);

private:
    Layout m_layout;
    QList<Figures> m_rows;
    QString m_firstHeader;
};

// The oldest and most urgent open tickets.
class BacklogTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Roles
    {
        TicketIdRole = Qt::UserRole + 1
    };
    explicit BacklogTableModel(const Directory &directory, QObject *parent = nullptr);
    void setTickets(const QList<Ticket> &tickets, const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const Directory &m_directory;
    QList<Ticket> m_tickets;
    QDateTime m_now;
};

} // namespace crewline::client
