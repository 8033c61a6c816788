#include "client/core/staffmodel.h"

#include "client/core/connection.h"
#include "client/core/directory.h"
#include "client/core/ticketmodel.h"
#include "common/permissions.h"

#include <QBrush>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr int kRecountDelayMs = 150;
constexpr int kRefreshDelayMs = 300;
constexpr int kPollMs = 60 * 1000;

// Who is worth handing work to first: free people, then those already moving, then the desk, then off duty.
int statusRank(const QString &status)
{
    if (status == u"available")
        return 0;
    if (status == u"en_route")
        return 1;
    if (status == u"on_site")
        return 2;
    if (status.isEmpty())
        return 3;
    return 4;
}

QString roleText(const QString &role)
{
    if (role == u"engineer")
        return StaffModel::tr("Engineer");
    if (role == u"dispatcher")
        return StaffModel::tr("Dispatcher");
    if (role == u"supervisor")
        return StaffModel::tr("Supervisor");
    return role;
}
} // namespace

StaffModel::StaffModel(const Directory &directory, const TicketModel *tickets, QObject *parent)
    : QAbstractTableModel(parent)
    , m_directory(directory)
    , m_tickets(tickets)
{
    m_recountTimer.setSingleShot(true);
    m_recountTimer.setInterval(kRecountDelayMs);
    connect(&m_recountTimer, &QTimer::timeout, this, &StaffModel::recount);
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(kRefreshDelayMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &StaffModel::refresh);
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &StaffModel::refresh);

    connect(&directory, &Directory::changed, this, &StaffModel::rebuild);
    if (m_tickets) {
        connect(m_tickets, &QAbstractItemModel::rowsInserted, this, &StaffModel::scheduleRecount);
        connect(m_tickets, &QAbstractItemModel::rowsRemoved, this, &StaffModel::scheduleRecount);
        connect(m_tickets, &QAbstractItemModel::modelReset, this, &StaffModel::scheduleRecount);
        connect(m_tickets, &QAbstractItemModel::dataChanged, this, &StaffModel::scheduleRecount);
        recount();
    }
    rebuild();
}

void StaffModel::attach(Connection &connection)
{
    if (m_connection)
        disconnect(m_connection, nullptr, this, nullptr);
    m_connection = &connection;
    connect(&connection, &Connection::synchronized, this, &StaffModel::refresh);
    connect(&connection, &Connection::noticeReceived, this, [this](const QString &notice, const QJsonObject &data) {
        if (notice == u"staff" && !applyNotice(data))
            m_refreshTimer.start(); // someone new in the field: reload the list
    });
    connect(&connection, &Connection::eventReceived, this, [this](const Event &e) {
        if (e.type.startsWith(u"user.") || e.type.startsWith(u"staff."))
            m_refreshTimer.start();
    });
    m_poll.start();
    refresh();
}

void StaffModel::refresh()
{
    if (!m_connection || !m_connection->isOnline() || !roleMay(m_connection->user().role, protocol::Op::StaffList))
        return;
    const QPointer<StaffModel> self(this);
    m_connection->request(protocol::Op::StaffList, {}, [self](const protocol::Response &r) {
        if (!self || !r.ok)
            return;
        QList<FieldStaff> staff;
        for (const QJsonValue &v : r.result.value(u"staff"_s).toArray())
            staff << FieldStaff::fromJson(v.toObject());
        self->setStaff(staff);
        Q_EMIT self->loaded();
    });
}

void StaffModel::setStaff(const QList<FieldStaff> &staff)
{
    m_staff = staff;
    rebuild();
}

bool StaffModel::applyNotice(const QJsonObject &d)
{
    const UserId id(d.value(u"userId"_s).toInteger());
    const int row = rowOf(id);
    if (!id.isValid() || row < 0 || !m_rows.at(row).field)
        return false;
    FieldStaff *f = nullptr;
    for (FieldStaff &s : m_staff) {
        if (s.userId == id)
            f = &s;
    }
    if (!f)
        return false;
    if (d.value(u"lat"_s).isDouble() && d.value(u"lon"_s).isDouble())
        f->position = GeoPoint::at(d.value(u"lat"_s).toDouble(), d.value(u"lon"_s).toDouble());
    f->accuracy = d.value(u"accuracy"_s).toDouble(f->accuracy);
    f->heading = d.value(u"heading"_s).toDouble(-1);
    f->speed = d.value(u"speed"_s).toDouble(-1);
    if (const QDateTime at = timeFromJson(d.value(u"at"_s)); at.isValid())
        f->positionAt = at;
    if (const auto status = staffStatusFromName(d.value(u"status"_s).toString()))
        f->status = *status;
    if (d.value(u"openTickets"_s).isDouble())
        f->openTickets = d.value(u"openTickets"_s).toInt();
    f->frozen = d.value(u"frozen"_s).toBool(f->frozen);

    Row &r = m_rows[row];
    const Row before = r;
    r.status = staffStatusName(f->status);
    r.serverOpen = f->openTickets;
    r.position = f->position;
    r.accuracy = f->accuracy;
    r.heading = f->heading;
    r.speed = f->speed;
    r.positionAt = f->positionAt;
    r.frozen = f->frozen;
    if (!(before == r)) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        Q_EMIT staffMoved(id);
    }
    return true;
}

void StaffModel::rebuild()
{
    QList<Row> wanted;
    QSet<qint64> seen;
    for (const FieldStaff &f : std::as_const(m_staff)) {
        const User *u = m_directory.user(f.userId);
        if ((u && !u->active) || seen.contains(f.userId.value()))
            continue;
        Row r;
        r.userId = f.userId;
        r.name = u && !u->displayName.isEmpty() ? u->displayName : f.name;
        r.teamId = f.teamId.isValid() ? f.teamId : (u ? u->teamId : TeamId());
        r.role = roleName(u ? u->role : Role::Engineer);
        r.field = true;
        r.status = staffStatusName(f.status);
        r.skills = f.skills;
        r.serverOpen = f.openTickets;
        r.position = f.position;
        r.accuracy = f.accuracy;
        r.heading = f.heading;
        r.speed = f.speed;
        r.positionAt = f.positionAt;
        r.frozen = f.frozen;
        wanted << r;
        seen.insert(f.userId.value());
    }
    for (const User &u : m_directory.assignableUsers()) {
        if (seen.contains(u.id.value()))
            continue;
        Row r;
        r.userId = u.id;
        r.name = u.displayName.isEmpty() ? u.username : u.displayName;
        r.teamId = u.teamId;
        r.role = roleName(u.role);
        wanted << r;
        seen.insert(u.id.value());
    }
    for (Row &r : wanted)
        r.localOpen = m_counts.value(r.userId.value());

    // Rows that went away, from the back so that the rows before keep their numbers.
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        if (!seen.contains(m_rows.at(row).userId.value())) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    m_index.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_index.insert(m_rows.at(row).userId.value(), row);

    QList<Row> fresh;
    for (const Row &r : std::as_const(wanted)) {
        const int row = m_index.value(r.userId.value(), -1);
        if (row < 0) {
            fresh << r;
        } else if (!(m_rows.at(row) == r)) {
            m_rows[row] = r;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    if (!fresh.isEmpty()) {
        const int first = static_cast<int>(m_rows.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        for (const Row &r : std::as_const(fresh)) {
            m_index.insert(r.userId.value(), static_cast<int>(m_rows.size()));
            m_rows << r;
        }
        endInsertRows();
    }
}

void StaffModel::scheduleRecount()
{
    if (!m_recountTimer.isActive())
        m_recountTimer.start();
}

void StaffModel::recount()
{
    m_recountTimer.stop();
    if (!m_tickets)
        return;
    QHash<qint64, int> counts;
    for (int row = 0; row < m_tickets->rowCount(); ++row) {
        const Ticket &t = m_tickets->at(row);
        if (!t.assigneeId.isValid())
            continue;
        const TicketType *type = m_directory.types().type(t.type);
        const Phase phase = type ? type->phaseOf(t.status) : Phase::Active;
        if (phase == Phase::New || phase == Phase::Active)
            ++counts[t.assigneeId.value()];
    }
    m_counts = counts;
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &r = m_rows[row];
        const int n = m_counts.value(r.userId.value());
        if (n != r.localOpen) {
            r.localOpen = n;
            Q_EMIT dataChanged(index(row, OpenColumn), index(row, OpenColumn));
        }
    }
}

int StaffModel::openTickets(UserId id) const
{
    const int row = rowOf(id);
    return row < 0 ? 0 : open(m_rows.at(row));
}

QColor StaffModel::statusColor(const QString &status)
{
    if (status == u"available")
        return QColor(0x2e, 0x7d, 0x32);
    if (status == u"en_route")
        return QColor(0xf9, 0xa8, 0x25);
    if (status == u"on_site")
        return QColor(0x15, 0x65, 0xc0);
    if (status.isEmpty())
        return QColor(0x00, 0x89, 0x7b); // at the desk
    return QColor(0x9e, 0x9e, 0x9e);
}

QString StaffModel::statusText(const QString &status)
{
    if (status == u"available")
        return tr("Available");
    if (status == u"en_route")
        return tr("En route");
    if (status == u"on_site")
        return tr("On site");
    if (status == u"off_duty")
        return tr("Off duty");
    return status;
}

int StaffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int StaffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StaffModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &r = m_rows.at(index.row());
    const QString status = r.field ? statusText(r.status) : roleText(r.role);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case TeamColumn:
            return m_directory.teamName(r.teamId);
        case StatusColumn:
            return status;
        case OpenColumn:
            return open(r);
        case SkillsColumn:
            return r.skills.join(u", "_s);
        }
        return {};
    case Qt::DecorationRole:
        return index.column() == NameColumn ? QVariant(statusColor(r.status)) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = r.name + u" · "_s + status;
        if (const QString team = m_directory.teamName(r.teamId); !team.isEmpty())
            tip += u" · "_s + team;
        tip += u'\n' + tr("%n open ticket(s)", nullptr, open(r));
        if (!r.skills.isEmpty())
            tip += u'\n' + tr("Skills: %1").arg(r.skills.join(u", "_s));
        if (r.frozen)
            tip += u'\n' + tr("Frozen for today: not dispatched automatically");
        return tip;
    }
    case Qt::ForegroundRole:
        return r.status == u"off_duty" ? QVariant(QBrush(QColor(0x75, 0x75, 0x75))) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == OpenColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case UserIdRole:
        return r.userId.value();
    case StatusRole:
        return r.status;
    case OpenTicketsRole:
        return open(r);
    case SkillsRole:
        return r.skills;
    case TeamIdRole:
        return r.teamId.value();
    case RoleNameRole:
        return r.role;
    case FieldStaffRole:
        return r.field;
    case StatusColorRole:
        return statusColor(r.status);
    case SearchTextRole:
        return QStringList{r.name, m_directory.teamName(r.teamId), status, r.skills.join(u' ')}.join(u'\n');
    case HasPositionRole:
        return r.position.isValid();
    case LatitudeRole:
        return r.position.isValid() ? QVariant(r.position.lat) : QVariant();
    case LongitudeRole:
        return r.position.isValid() ? QVariant(r.position.lon) : QVariant();
    case AccuracyRole:
        return r.accuracy;
    case HeadingRole:
        return r.heading >= 0 ? QVariant(r.heading) : QVariant();
    case SpeedRole:
        return r.speed >= 0 ? QVariant(r.speed) : QVariant();
    case PositionAtRole:
        return r.positionAt;
    case FrozenRole:
        return r.frozen;
    case SortRole:
        switch (index.column()) {
        case StatusColumn:
            return statusRank(r.status);
        case OpenColumn:
            return open(r);
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant StaffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TeamColumn:
        return tr("Team");
    case StatusColumn:
        return tr("Status");
    case OpenColumn:
        return tr("Open");
    case SkillsColumn:
        return tr("Skills");
    }
    return {};
}

Qt::ItemFlags StaffModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
}

} // namespace crewline::client
