#include "client/core/notifications.h"

#include <QFont>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr int kMaxKept = 500;
}

NotificationModel::NotificationModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void NotificationModel::add(const Notification &n)
{
    beginInsertRows({}, 0, 0);
    m_items.prepend(n);
    endInsertRows();
    if (m_items.size() > kMaxKept) {
        beginRemoveRows({}, kMaxKept, static_cast<int>(m_items.size()) - 1);
        m_items.resize(kMaxKept);
        endRemoveRows();
    }
    Q_EMIT added(n);
    Q_EMIT unreadCountChanged(unreadCount());
}

void NotificationModel::markAllRead()
{
    for (Notification &n : m_items)
        n.read = true;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    Q_EMIT unreadCountChanged(0);
}

int NotificationModel::unreadCount() const
{
    int n = 0;
    for (const Notification &item : m_items)
        n += item.read ? 0 : 1;
    return n;
}

int NotificationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

QVariant NotificationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const Notification &n = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return u"%1  %2\n%3"_s.arg(n.at.toLocalTime().toString(u"HH:mm"_s), n.title, n.text);
    case Qt::FontRole: {
        QFont f;
        f.setBold(!n.read);
        return f;
    }
    case TicketIdRole:
        return n.ticketId.value();
    case ReadRole:
        return n.read;
    default:
        return {};
    }
}

} // namespace crewline::client
