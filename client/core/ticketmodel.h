#pragma once

// The console's ticket cache as a table model: one row per ticket, updated in place from events (a row is
// replaced only by a newer version), so views keep selection and scroll position. Sorting and filtering are done by
// TicketFilterModel on top; the board and the map read the same model.

#include "client/core/boardthresholds.h"
#include "client/core/directory.h"
#include "common/domain.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>

#include <deque>

namespace crewline::client {

class TicketModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NumberColumn,
        TitleColumn,
        StatusColumn,
        PriorityColumn,
        TypeColumn,
        CategoryColumn,
        DepartmentColumn,
        AssigneeColumn,
        TeamColumn,
        RequesterColumn,
        CreatedColumn,
        UpdatedColumn,
        AgeColumn,
        UrgeColumn,
        ColumnCount
    };
    enum Roles
    {
        TicketIdRole = Qt::UserRole + 1,
        VersionRole,
        StatusRole,   // status id
        TypeRole,     // type id
        PriorityRole, // int, 0 low .. 3 urgent
        AssigneeIdRole,
        TeamIdRole,
        OpenRole, // bool: not in a final status
        SortRole,
        PendingRole,  // bool: the user has an unconfirmed action on it
        PresenceRole, // QString: who else is viewing / writing
        CreatedRole,
        UpdatedRole,
        SearchTextRole, // number, title, requester, address: for the free-text filter
        AlarmRole,      // int: BoardThresholds::Alarm flags at the model's clock
    };

    explicit TicketModel(const Directory &directory, QObject *parent = nullptr);

    // Inserts or updates; an older version than the one held is ignored. Returns true if something changed.
    bool upsert(const Ticket &ticket);
    // Taken by value: a page moved in is inserted without copying a ticket.
    void upsertMany(QList<Ticket> tickets);
    void clear();
    const Ticket *ticket(TicketId id) const;
    const Ticket &at(int row) const { return m_rows.at(static_cast<size_t>(row)); }
    int rowOf(TicketId id) const { return m_index.value(id.value(), -1); }

    void setPending(TicketId id, bool pending);
    void setPresence(TicketId id, const QString &text);
    void setNow(const QDateTime &now); // for ages; updated by a timer in the workspace
    void setThresholds(const BoardThresholds &thresholds);
    const BoardThresholds &thresholds() const { return m_thresholds; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

    static QString ticketMimeType();
    static QString priorityText(Priority p);
    static QString ageText(qint64 seconds);

private:
    bool isOpen(const Ticket &t) const;

    const Directory &m_directory;
    // A deque: rows are only ever appended, and growing it never moves the tickets already held (a QList of
    // 100,000 tickets of ~650 bytes moved and page-faulted ~130 MB while the console loaded, docs/performance.md).
    std::deque<Ticket> m_rows;
    QHash<qint64, int> m_index;
    QSet<qint64> m_pending;
    QHash<qint64, QString> m_presence;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
    BoardThresholds m_thresholds;
};

} // namespace crewline::client
