#pragma once

// A view on the ticket model: the filters a dispatcher sets (status, type, priority, category, department,
// assignee, team, dates, free text), saved views built from them, and sorting by the model's SortRole.

#include "common/types.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QStringList>

namespace crewline::client {

struct TicketFilter
{
    QStringList statuses;
    QStringList types;
    QList<int> priorities;
    QStringList categories;
    QStringList departments;
    QList<qint64> assigneeIds;
    QList<qint64> teamIds;
    bool unassignedOnly = false;
    bool openOnly = false;
    QDateTime createdFrom;
    QDateTime createdTo;
    QString text;

    QJsonObject toJson() const;
    static TicketFilter fromJson(const QJsonObject &o);
    bool isEmpty() const;
    friend bool operator==(const TicketFilter &, const TicketFilter &) = default;
};

struct SavedView
{
    QString name;
    TicketFilter filter;
    bool builtIn = false;
};

// The views every console starts with; `me` is the logged-in user.
QList<SavedView> builtInViews(qint64 me, const QDateTime &startOfToday);

class TicketFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TicketFilterModel(QObject *parent = nullptr);

    void setFilter(const TicketFilter &filter);
    const TicketFilter &filter() const { return m_filter; }
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    TicketFilter m_filter;
    QSet<QString> m_statuses, m_types, m_categories, m_departments;
    QSet<int> m_priorities;
    QSet<qint64> m_assignees, m_teams;
};

} // namespace crewline::client
