#include "client/core/ticketmodel.h"

#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeData>

using namespace Qt::StringLiterals;

namespace crewline::client {

TicketModel::TicketModel(const Directory &directory, QObject *parent)
    : QAbstractTableModel(parent)
    , m_directory(directory)
{
    connect(&directory, &Directory::changed, this, [this] {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
}

QString TicketModel::ticketMimeType()
{
    return u"application/x-crewline-tickets"_s;
}

QString TicketModel::priorityText(Priority p)
{
    switch (p) {
    case Priority::Low:
        return tr("Low");
    case Priority::Normal:
        return tr("Normal");
    case Priority::High:
        return tr("High");
    case Priority::Urgent:
        return tr("Urgent");
    }
    return {};
}

QString TicketModel::ageText(qint64 seconds)
{
    if (seconds < 3600)
        return tr("%n min", nullptr, static_cast<int>(std::max<qint64>(0, seconds / 60)));
    if (seconds < 48 * 3600)
        return tr("%n h", nullptr, static_cast<int>(seconds / 3600));
    return tr("%n d", nullptr, static_cast<int>(seconds / 86400));
}

bool TicketModel::upsert(const Ticket &t)
{
    const auto it = m_index.constFind(t.id.value());
    if (it == m_index.cend()) {
        const int row = static_cast<int>(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.push_back(t);
        m_index.insert(t.id.value(), row);
        endInsertRows();
        return true;
    }
    Ticket &held = m_rows[static_cast<size_t>(*it)];
    if (t.version < held.version)
        return false;
    if (t.version == held.version && t.updatedAt <= held.updatedAt && t.description.isEmpty())
        return false;
    // Events carry a summary without the description and fields: keep what we know.
    const QString description = held.description;
    const QJsonObject fields = held.fields;
    held = t;
    if (held.description.isEmpty() && t.fields.isEmpty()) {
        held.description = description;
        held.fields = fields;
    }
    Q_EMIT dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
    return true;
}

void TicketModel::upsertMany(QList<Ticket> tickets)
{
    QList<qsizetype> fresh;
    fresh.reserve(tickets.size());
    for (qsizetype i = 0; i < tickets.size(); ++i) {
        if (m_index.contains(tickets.at(i).id.value()))
            upsert(tickets.at(i));
        else
            fresh.append(i);
    }
    if (fresh.isEmpty())
        return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
    for (qsizetype i : std::as_const(fresh)) {
        m_index.insert(tickets.at(i).id.value(), static_cast<int>(m_rows.size()));
        m_rows.push_back(std::move(tickets[i]));
    }
    endInsertRows();
}

void TicketModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    endResetModel();
}

const Ticket *TicketModel::ticket(TicketId id) const
{
    const auto it = m_index.constFind(id.value());
    return it == m_index.cend() ? nullptr : &m_rows.at(static_cast<size_t>(*it));
}

void TicketModel::setPending(TicketId id, bool pending)
{
    if (pending == m_pending.contains(id.value()))
        return;
    if (pending)
        m_pending.insert(id.value());
    else
        m_pending.remove(id.value());
    if (const int row = rowOf(id); row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TicketModel::setPresence(TicketId id, const QString &text)
{
    if (text.isEmpty())
        m_presence.remove(id.value());
    else
        m_presence.insert(id.value(), text);
    if (const int row = rowOf(id); row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TicketModel::setThresholds(const BoardThresholds &thresholds)
{
    m_thresholds = thresholds;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {AlarmRole});
}

void TicketModel::setNow(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, AgeColumn), index(rowCount() - 1, AgeColumn), {Qt::DisplayRole, SortRole});
}

bool TicketModel::isOpen(const Ticket &t) const
{
    const TicketType *type = m_directory.types().type(t.type);
    return type ? !type->isFinal(t.status) : true;
}

int TicketModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TicketModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TicketModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || static_cast<size_t>(index.row()) >= m_rows.size())
        return {};
    const Ticket &t = m_rows.at(static_cast<size_t>(index.row()));
    const qint64 ageSeconds = t.createdAt.secsTo(m_now);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NumberColumn:
            return t.number;
        case TitleColumn: {
            QString title = t.title;
            if (const auto p = m_presence.constFind(t.id.value()); p != m_presence.cend())
                title += u"  ("_s + *p + u')';
            return title;
        }
        case StatusColumn:
            return t.pendingApproval.isValid()
                       ? tr("%1 (awaiting approval)").arg(m_directory.statusName(t.type, t.status))
                       : m_directory.statusName(t.type, t.status);
        case PriorityColumn:
            return priorityText(t.priority);
        case TypeColumn:
            return m_directory.typeName(t.type);
        case CategoryColumn:
            return t.category;
        case DepartmentColumn:
            return t.department;
        case AssigneeColumn:
            return m_directory.userName(t.assigneeId);
        case TeamColumn:
            return m_directory.teamName(t.teamId);
        case RequesterColumn:
            return t.requester.name;
        case CreatedColumn:
            return t.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
        case UpdatedColumn:
            return t.updatedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
        case AgeColumn:
            return ageText(ageSeconds);
        case UrgeColumn:
            return t.urgeCount > 0 ? QVariant(t.urgeCount) : QVariant();
        }
        return {};
    case SortRole:
        switch (index.column()) {
        case PriorityColumn:
            return static_cast<int>(t.priority);
        case CreatedColumn:
        case AgeColumn:
            return t.createdAt.toMSecsSinceEpoch();
        case UpdatedColumn:
            return t.updatedAt.toMSecsSinceEpoch();
        case NumberColumn:
            return t.id.value();
        case UrgeColumn:
            return t.urgeCount;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ForegroundRole:
        if (index.column() == PriorityColumn && t.priority == Priority::Urgent)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (index.column() == PriorityColumn && t.priority == Priority::High)
            return QBrush(QColor(0xe6, 0x51, 0x00));
        if (!isOpen(t))
            return QBrush(QColor(0x75, 0x75, 0x75));
        return {};
    case Qt::DecorationRole:
        if (index.column() == NumberColumn && m_pending.contains(t.id.value()))
            return QIcon::fromTheme(u"document-send"_s);
        return {};
    case Qt::ToolTipRole:
        if (m_pending.contains(t.id.value()))
            return tr("You have a change on this ticket that the server has not confirmed yet.");
        if (const auto p = m_presence.constFind(t.id.value()); p != m_presence.cend())
            return *p;
        return t.title;
    case TicketIdRole:
        return t.id.value();
    case VersionRole:
        return t.version;
    case StatusRole:
        return t.status;
    case TypeRole:
        return t.type;
    case PriorityRole:
        return static_cast<int>(t.priority);
    case AssigneeIdRole:
        return t.assigneeId.value();
    case TeamIdRole:
        return t.teamId.value();
    case OpenRole:
        return isOpen(t);
    case PendingRole:
        return m_pending.contains(t.id.value());
    case PresenceRole:
        return m_presence.value(t.id.value());
    case CreatedRole:
        return t.createdAt;
    case UpdatedRole:
        return t.updatedAt;
    case SearchTextRole:
        return QStringList{t.number, t.title, t.requester.name, t.requester.contact, t.address, t.category}.join(u'\n');
    case AlarmRole:
        return m_thresholds.alarms(t, isOpen(t), m_now);
    default:
        return {};
    }
}

QVariant TicketModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn:
        return tr("Number");
    case TitleColumn:
        return tr("Title");
    case StatusColumn:
        return tr("Status");
    case PriorityColumn:
        return tr("Priority");
    case TypeColumn:
        return tr("Type");
    case CategoryColumn:
        return tr("Category");
    case DepartmentColumn:
        return tr("Department / area");
    case AssigneeColumn:
        return tr("Assignee");
    case TeamColumn:
        return tr("Team");
    case RequesterColumn:
        return tr("Requester");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case AgeColumn:
        return tr("Age");
    case UrgeColumn:
        return tr("Urged");
    }
    return {};
}

Qt::ItemFlags TicketModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

QStringList TicketModel::mimeTypes() const
{
    return {ticketMimeType()};
}

QMimeData *TicketModel::mimeData(const QModelIndexList &indexes) const
{
    QJsonArray ids;
    QSet<int> rows;
    for (const QModelIndex &i : indexes) {
        if (i.isValid() && !rows.contains(i.row())) {
            rows.insert(i.row());
            ids.append(m_rows.at(static_cast<size_t>(i.row())).id.value());
        }
    }
    auto *mime = new QMimeData;
    mime->setData(ticketMimeType(), QJsonDocument(ids).toJson(QJsonDocument::Compact));
    return mime;
}

} // namespace crewline::client
