#include "client/core/dashboarddata.h"

#include "client/core/ticketmodel.h"

#include <QJsonArray>
#include <QTimeZone>

#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonArray numbers(const QList<qint64> &list)
{
    QJsonArray a;
    for (qint64 n : list)
        a.append(n);
    return a;
}

QList<Figures> figuresList(const QJsonValue &v)
{
    QList<Figures> out;
    for (const QJsonValue &row : v.toArray())
        out << Figures::fromJson(row.toObject());
    return out;
}

} // namespace

QJsonObject DashboardQuery::toJson() const
{
    QJsonObject filters;
    if (!types.isEmpty())
        filters.insert(u"types"_s, strings(types));
    if (!departments.isEmpty())
        filters.insert(u"departments"_s, strings(departments));
    if (!teamIds.isEmpty())
        filters.insert(u"teamIds"_s, numbers(teamIds));
    if (!assigneeIds.isEmpty())
        filters.insert(u"assigneeIds"_s, numbers(assigneeIds));
    QJsonObject o{
        {u"from"_s, from.toString(Qt::ISODate)}, {u"to"_s, to.toString(Qt::ISODate)}, {u"granularity"_s, granularity}};
    o.insert(u"timeZone"_s, timeZone.isEmpty() ? QString::fromUtf8(QTimeZone::systemTimeZoneId()) : timeZone);
    if (!filters.isEmpty())
        o.insert(u"filters"_s, filters);
    return o;
}

DurationFigures DurationFigures::fromJson(const QJsonObject &o)
{
    DurationFigures d;
    d.count = o.value(u"count"_s).toInteger();
    d.mean = o.value(u"mean"_s).toInteger(-1);
    d.p50 = o.value(u"p50"_s).toInteger(-1);
    d.p90 = o.value(u"p90"_s).toInteger(-1);
    return d;
}

Figures Figures::fromJson(const QJsonObject &o)
{
    Figures f;
    f.key = o.value(u"key"_s).toString();
    f.name = o.value(u"name"_s).toString();
    f.created = o.value(u"created"_s).toInteger();
    f.resolved = o.value(u"resolved"_s).toInteger();
    f.closed = o.value(u"closed"_s).toInteger();
    f.firstResponse = DurationFigures::fromJson(o.value(u"firstResponse"_s).toObject());
    f.resolution = DurationFigures::fromJson(o.value(u"resolution"_s).toObject());
    const QJsonObject sla = o.value(u"sla"_s).toObject();
    f.slaMet = sla.value(u"met"_s).toInteger();
    f.slaMissed = sla.value(u"missed"_s).toInteger();
    f.slaRate = sla.value(u"rate"_s).toDouble(-1);
    const QJsonObject sat = o.value(u"satisfaction"_s).toObject();
    f.ratings = sat.value(u"count"_s).toInteger();
    f.satisfaction = sat.value(u"mean"_s).toDouble(-1);
    return f;
}

DashboardSnapshot DashboardSnapshot::fromJson(const QJsonObject &r)
{
    DashboardSnapshot s;
    s.valid = true;
    s.source = r.value(u"source"_s).toString();
    s.totals = Figures::fromJson(r.value(u"totals"_s).toObject());
    s.previous = Figures::fromJson(r.value(u"previous"_s).toObject());
    for (const QJsonValue &v : r.value(u"trend"_s).toArray()) {
        const QJsonObject p = v.toObject();
        s.trend << TrendPoint{QDate::fromString(p.value(u"period"_s).toString(), Qt::ISODate),
                              p.value(u"created"_s).toInteger(), p.value(u"resolved"_s).toInteger()};
    }
    s.byType = figuresList(r.value(u"byType"_s));
    s.byCategory = figuresList(r.value(u"byCategory"_s));
    s.byDepartment = figuresList(r.value(u"byDepartment"_s));
    s.byTeam = figuresList(r.value(u"byTeam"_s));
    s.byAssignee = figuresList(r.value(u"byAssignee"_s));
    const QJsonArray heat = r.value(u"heatmap"_s).toArray();
    for (int d = 0; d < 7 && d < heat.size(); ++d) {
        const QJsonArray row = heat.at(d).toArray();
        for (int h = 0; h < 24 && h < row.size(); ++h)
            s.heatmap[size_t(d)][size_t(h)] = row.at(h).toInteger();
    }
    const QJsonObject backlog = r.value(u"backlog"_s).toObject();
    s.backlogOpen = backlog.value(u"open"_s).toInteger();
    for (const QJsonValue &v : backlog.value(u"top"_s).toArray())
        s.backlogTop << Ticket::fromJson(v.toObject());
    return s;
}

DashboardData::DashboardData(Workspace &workspace, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(1500);
    connect(&m_debounce, &QTimer::timeout, this, &DashboardData::refresh);
    connect(&workspace, &Workspace::ticketTouched, this, &DashboardData::onTicketEvent);
}

DashboardQuery DashboardData::defaultQuery(const QDate &today)
{
    DashboardQuery q;
    q.from = today.addDays(-29);
    q.to = today;
    return q;
}

void DashboardData::setQuery(const DashboardQuery &query)
{
    m_query = query;
    m_debounce.stop();
    refresh();
}

void DashboardData::onTicketEvent()
{
    if (m_query.from.isValid() && !m_debounce.isActive())
        m_debounce.start();
}

void DashboardData::refresh()
{
    if (!m_query.from.isValid())
        return;
    if (m_inFlight) { // one request at a time; the newest query follows when it returns
        m_again = true;
        return;
    }
    m_inFlight = true;
    const int generation = ++m_generation;
    m_workspace.fetchDashboard(m_query.toJson(),
                               [this, generation](bool ok, const QJsonObject &result, const QString &error) {
                                   m_inFlight = false;
                                   if (generation == m_generation) {
                                       if (ok) {
                                           m_snapshot = DashboardSnapshot::fromJson(result);
                                           Q_EMIT updated();
                                       } else {
                                           Q_EMIT failed(error);
                                       }
                                   }
                                   if (std::exchange(m_again, false))
                                       refresh();
                               });
}

// --- FiguresTableModel ------------------------------------------------------------------------------------------

FiguresTableModel::FiguresTableModel(Layout layout, QObject *parent)
    : QAbstractTableModel(parent)
    , m_layout(layout)
{
}

void FiguresTableModel::setRows(const QList<Figures> &rows, const QString &firstHeader)
{
    beginResetModel();
    m_rows = rows;
    m_firstHeader = firstHeader;
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, 0);
}

int FiguresTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FiguresTableModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_layout == Layout::Leaderboard ? 5 : 9;
}

QString FiguresTableModel::formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return u"—"_s;
    if (seconds < 3600)
        return tr("%1 min").arg(qMax<qint64>(1, (seconds + 30) / 60));
    if (seconds < 2 * 86400)
        return tr("%1 h").arg(QString::number(double(seconds) / 3600.0, 'f', 1));
    return tr("%1 d").arg(QString::number(double(seconds) / 86400.0, 'f', 1));
}

QVariant FiguresTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Figures &f = m_rows.at(index.row());
    const auto hours = [](qint64 s) { return s < 0 ? QVariant() : QVariant(std::round(double(s) / 36.0) / 100.0); };
    if (role == KeyRole)
        return f.key;
    if (role == Qt::TextAlignmentRole && index.column() > 0)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    const bool edit = role == Qt::EditRole; // raw values, for export: hours and ratios as numbers
    if (role != Qt::DisplayRole && !edit)
        return {};
    const QString name = f.name.isEmpty() ? (f.key.isEmpty() || f.key == u"0" ? tr("(none)") : f.key) : f.name;
    if (m_layout == Layout::Leaderboard) {
        switch (index.column()) {
        case 0:
            return name;
        case 1:
            return f.resolved;
        case 2:
            return edit ? hours(f.resolution.mean) : QVariant(formatDuration(f.resolution.mean));
        case 3:
            return f.satisfaction < 0 ? QVariant()
                   : edit             ? QVariant(std::round(f.satisfaction * 100) / 100)
                                      : QVariant(QString::number(f.satisfaction, 'f', 2));
        case 4:
            return f.ratings;
        }
        return {};
    }
    switch (index.column()) {
    case 0:
        return name;
    case 1:
        return f.created;
    case 2:
        return f.resolved;
    case 3:
        return edit ? hours(f.firstResponse.mean) : QVariant(formatDuration(f.firstResponse.mean));
    case 4:
        return edit ? hours(f.firstResponse.p90) : QVariant(formatDuration(f.firstResponse.p90));
    case 5:
        return edit ? hours(f.resolution.mean) : QVariant(formatDuration(f.resolution.mean));
    case 6:
        return edit ? hours(f.resolution.p90) : QVariant(formatDuration(f.resolution.p90));
    case 7:
        return f.slaRate < 0 ? QVariant()
               : edit        ? QVariant(std::round(f.slaRate * 1000) / 1000)
                             : QVariant(QString::number(f.slaRate * 100, 'f', 1) + u'%');
    case 8:
        return f.satisfaction < 0 ? QVariant()
               : edit             ? QVariant(std::round(f.satisfaction * 100) / 100)
                                  : QVariant(QString::number(f.satisfaction, 'f', 2));
    }
    return {};
}

QVariant FiguresTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Qt::EditRole: the header of the raw values exports take (hours as numbers), Qt::DisplayRole: the screen's.
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::EditRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool hours = role == Qt::EditRole;
    if (m_layout == Layout::Leaderboard) {
        switch (section) {
        case 0:
            return tr("Engineer");
        case 1:
            return tr("Handled");
        case 2:
            return hours ? tr("Mean handling time (h)") : tr("Mean handling time");
        case 3:
            return tr("Satisfaction");
        case 4:
            return tr("Ratings");
        }
        return {};
    }
    switch (section) {
    case 0:
        return m_firstHeader;
    case 1:
        return tr("Created");
    case 2:
        return tr("Resolved");
    case 3:
        return hours ? tr("First response, mean (h)") : tr("First response, mean");
    case 4:
        return hours ? tr("First response, P90 (h)") : tr("First response, P90");
    case 5:
        return hours ? tr("Resolution, mean (h)") : tr("Resolution, mean");
    case 6:
        return hours ? tr("Resolution, P90 (h)") : tr("Resolution, P90");
    case 7:
        return tr("SLA met");
    case 8:
        return tr("Satisfaction");
    }
    return {};
}

// --- BacklogTableModel ------------------------------------------------------------------------------------------

BacklogTableModel::BacklogTableModel(const Directory &directory, QObject *parent)
    : QAbstractTableModel(parent)
    , m_directory(directory)
{
}

void BacklogTableModel::setTickets(const QList<Ticket> &tickets, const QDateTime &now)
{
    beginResetModel();
    m_tickets = tickets;
    m_now = now;
    endResetModel();
}

int BacklogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tickets.size());
}

int BacklogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 6;
}

QVariant BacklogTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_tickets.size())
        return {};
    const Ticket &t = m_tickets.at(index.row());
    if (role == TicketIdRole)
        return t.id.value();
    const qint64 age = t.createdAt.isValid() ? t.createdAt.secsTo(m_now) : 0;
    if (role == Qt::EditRole && index.column() == 5)
        return std::round(double(age) / 36.0) / 100.0; // hours, for export
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case 0:
        return t.number;
    case 1:
        return t.title;
    case 2:
        return TicketModel::priorityText(t.priority);
    case 3:
        return m_directory.statusName(t.type, t.status);
    case 4:
        return t.assigneeId.isValid() ? m_directory.userName(t.assigneeId) : tr("Unassigned");
    case 5:
        return TicketModel::ageText(age);
    }
    return {};
}

QVariant BacklogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::EditRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case 0:
        return tr("Number");
    case 1:
        return tr("Title");
    case 2:
        return tr("Priority");
    case 3:
        return tr("Status");
    case 4:
        return tr("Assignee");
    case 5:
        return role == Qt::EditRole ? tr("Age (h)") : tr("Age");
    }
    return {};
}

} // namespace crewline::client
