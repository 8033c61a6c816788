#include "client/core/ticketfilter.h"

#include "client/core/ticketmodel.h"
#include "common/domain.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
QJsonArray ints(const auto &list)
{
    QJsonArray a;
    for (auto v : list)
        a.append(static_cast<qint64>(v));
    return a;
}
QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}
} // namespace

QJsonObject TicketFilter::toJson() const
{
    return {{u"statuses"_s, QJsonArray::fromStringList(statuses)},
            {u"types"_s, QJsonArray::fromStringList(types)},
            {u"priorities"_s, ints(priorities)},
            {u"categories"_s, QJsonArray::fromStringList(categories)},
            {u"departments"_s, QJsonArray::fromStringList(departments)},
            {u"assigneeIds"_s, ints(assigneeIds)},
            {u"teamIds"_s, ints(teamIds)},
            {u"unassignedOnly"_s, unassignedOnly},
            {u"openOnly"_s, openOnly},
            {u"createdFrom"_s, timeToJson(createdFrom)},
            {u"createdTo"_s, timeToJson(createdTo)},
            {u"text"_s, text}};
}

TicketFilter TicketFilter::fromJson(const QJsonObject &o)
{
    TicketFilter f;
    f.statuses = strings(o.value(u"statuses"_s));
    f.types = strings(o.value(u"types"_s));
    for (const QJsonValue &v : o.value(u"priorities"_s).toArray())
        f.priorities << v.toInt();
    f.categories = strings(o.value(u"categories"_s));
    f.departments = strings(o.value(u"departments"_s));
    for (const QJsonValue &v : o.value(u"assigneeIds"_s).toArray())
        f.assigneeIds << v.toInteger();
    for (const QJsonValue &v : o.value(u"teamIds"_s).toArray())
        f.teamIds << v.toInteger();
    f.unassignedOnly = o.value(u"unassignedOnly"_s).toBool();
    f.openOnly = o.value(u"openOnly"_s).toBool();
    f.createdFrom = timeFromJson(o.value(u"createdFrom"_s));
    f.createdTo = timeFromJson(o.value(u"createdTo"_s));
    f.text = o.value(u"text"_s).toString();
    return f;
}

bool TicketFilter::isEmpty() const
{
    return *this == TicketFilter{};
}

QList<SavedView> builtInViews(qint64 me, const QDateTime &startOfToday)
{
    QList<SavedView> views;
    TicketFilter all;
    all.openOnly = true;
    views << SavedView{TicketFilterModel::tr("All open"), all, true};
    TicketFilter mine;
    mine.openOnly = true;
    mine.assigneeIds = {me};
    views << SavedView{TicketFilterModel::tr("My open"), mine, true};
    TicketFilter unassigned;
    unassigned.openOnly = true;
    unassigned.unassignedOnly = true;
    views << SavedView{TicketFilterModel::tr("Unassigned"), unassigned, true};
    TicketFilter urgent;
    urgent.openOnly = true;
    urgent.priorities = {static_cast<int>(Priority::Urgent), static_cast<int>(Priority::High)};
    urgent.createdFrom = startOfToday;
    views << SavedView{TicketFilterModel::tr("Urgent today"), urgent, true};
    views << SavedView{TicketFilterModel::tr("Everything"), TicketFilter{}, true};
    return views;
}

TicketFilterModel::TicketFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TicketModel::SortRole);
    setDynamicSortFilter(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void TicketFilterModel::setFilter(const TicketFilter &filter)
{
    m_filter = filter;
    m_statuses = QSet<QString>(filter.statuses.cbegin(), filter.statuses.cend());
    m_types = QSet<QString>(filter.types.cbegin(), filter.types.cend());
    m_categories = QSet<QString>(filter.categories.cbegin(), filter.categories.cend());
    m_departments = QSet<QString>(filter.departments.cbegin(), filter.departments.cend());
    m_priorities = QSet<int>(filter.priorities.cbegin(), filter.priorities.cend());
    m_assignees = QSet<qint64>(filter.assigneeIds.cbegin(), filter.assigneeIds.cend());
    m_teams = QSet<qint64>(filter.teamIds.cbegin(), filter.teamIds.cend());
    invalidateFilter();
}

void TicketFilterModel::setText(const QString &text)
{
    m_filter.text = text;
    invalidateFilter();
}

bool TicketFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto value = [&](int role) { return i.data(role); };
    if (m_filter.openOnly && !value(TicketModel::OpenRole).toBool())
        return false;
    if (!m_statuses.isEmpty() && !m_statuses.contains(value(TicketModel::StatusRole).toString()))
        return false;
    if (!m_types.isEmpty() && !m_types.contains(value(TicketModel::TypeRole).toString()))
        return false;
    if (!m_priorities.isEmpty() && !m_priorities.contains(value(TicketModel::PriorityRole).toInt()))
        return false;
    const qint64 assignee = value(TicketModel::AssigneeIdRole).toLongLong();
    if (m_filter.unassignedOnly && assignee > 0)
        return false;
    if (!m_assignees.isEmpty() && !m_assignees.contains(assignee))
        return false;
    if (!m_teams.isEmpty() && !m_teams.contains(value(TicketModel::TeamIdRole).toLongLong()))
        return false;
    if (!m_categories.isEmpty() &&
        !m_categories.contains(sourceModel()->index(sourceRow, TicketModel::CategoryColumn).data().toString()))
        return false;
    if (!m_departments.isEmpty() &&
        !m_departments.contains(sourceModel()->index(sourceRow, TicketModel::DepartmentColumn).data().toString()))
        return false;
    if (m_filter.createdFrom.isValid() || m_filter.createdTo.isValid()) {
        const QDateTime created = value(TicketModel::CreatedRole).toDateTime();
        if (m_filter.createdFrom.isValid() && created < m_filter.createdFrom)
            return false;
        if (m_filter.createdTo.isValid() && created >= m_filter.createdTo)
            return false;
    }
    if (!m_filter.text.isEmpty() &&
        !value(TicketModel::SearchTextRole).toString().contains(m_filter.text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace crewline::client
