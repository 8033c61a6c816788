#pragma once

// The people a dispatcher can hand work to, as a table model: field staff from the server's staff.list (status,
// skills) plus the other assignable users from the directory (dispatchers, supervisors, engineers without a
// field_staff row). Rows are keyed by user and updated in place, so views keep selection. Open ticket counts are
// counted live from the ticket model (new and active phases, as the server counts them); without a ticket model
// the server's figures are shown. attach() keeps the list current from a connection: after every (re)subscribe,
// on user and staff events, and every minute; and live from "staff" notices (position, accuracy, heading, speed,
// status, day freeze), which update the row in place.

#include "common/domain.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace crewline::client {

class Connection;
class Directory;
class TicketModel;

class StaffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        TeamColumn,
        StatusColumn,
        OpenColumn,
        SkillsColumn,
        ColumnCount
    };
    enum Roles
    {
        UserIdRole = Qt::UserRole + 1,
        StatusRole,      // staff status name ("available", ...), empty for people without a field status
        OpenTicketsRole, // int
        SkillsRole,      // QStringList
        TeamIdRole,
        RoleNameRole,    // the user's role name ("engineer", "dispatcher", ...)
        FieldStaffRole,  // bool: has a field_staff row
        StatusColorRole, // QColor
        SearchTextRole,  // name, team, skills, role: for the search box
        SortRole,
        HasPositionRole, // bool: a position was ever reported
        LatitudeRole,    // double (WGS-84 degrees); invalid QVariant without a position
        LongitudeRole,   // double
        AccuracyRole,    // double, metres (68 % radius)
        HeadingRole,     // double, degrees clockwise from north; invalid QVariant when unknown
        SpeedRole,       // double, metres per second; invalid QVariant when unknown
        PositionAtRole,  // QDateTime (UTC) of the last fix; invalid without one
        FrozenRole,      // bool: day-frozen (日冻结), not dispatched automatically today
    };

    explicit StaffModel(const Directory &directory, const TicketModel *tickets = nullptr, QObject *parent = nullptr);

    // The server's field staff list (staff.list); rows are merged with the directory's assignable users.
    void setStaff(const QList<FieldStaff> &staff);
    // Applies one "staff" notice (docs/protocol.md): true when the person has a row here.
    bool applyNotice(const QJsonObject &data);
    // Keeps the list current from the connection (see the class comment). Refreshes at once when online.
    void attach(Connection &connection);
    void refresh();
    // Recounts open tickets now (normally done shortly after the ticket model changes).
    void recount();
    void setRefreshInterval(int ms) { m_poll.setInterval(ms); }

    int rowOf(UserId id) const { return m_index.value(id.value(), -1); }
    UserId userAt(int row) const { return m_rows.at(row).userId; }
    int openTickets(UserId id) const;
    // The field staff as the server reported them (positions, accuracy, time of the fix): for the map.
    const QList<FieldStaff> &fieldStaff() const { return m_staff; }

    static QColor statusColor(const QString &status);
    static QString statusText(const QString &status);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    void loaded();
    // A position or status changed live (after the row's dataChanged): the map moves the marker.
    void staffMoved(crewline::UserId id);

private:
    struct Row
    {
        UserId userId;
        QString name;
        TeamId teamId;
        QString role;
        bool field = false;
        QString status; // staff status name, empty for desk staff
        QStringList skills;
        int serverOpen = 0;
        int localOpen = 0;
        GeoPoint position;
        double accuracy = 0;
        double heading = -1;
        double speed = -1;
        QDateTime positionAt;
        bool frozen = false;
        friend bool operator==(const Row &, const Row &) = default;
    };

    void rebuild();
    void scheduleRecount();
    int open(const Row &r) const { return m_tickets ? r.localOpen : r.serverOpen; }

    const Directory &m_directory;
    const TicketModel *m_tickets; // owned by the workspace, which outlives every view of it
    QPointer<Connection> m_connection;
    QList<FieldStaff> m_staff;
    QList<Row> m_rows;
    QHash<qint64, int> m_index;
    QHash<qint64, int> m_counts; // user -> open tickets in the ticket model
    QTimer m_recountTimer;
    QTimer m_refreshTimer;
    QTimer m_poll;
};

} // namespace crewline::client
