#pragma once

// What the console tells the user about: tickets assigned to them, urgent arrivals, urges on tickets they hold,
// replies on their tickets. A list model for the notifications panel, newest first.

#include "common/types.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

namespace crewline::client {

struct Notification
{
    QDateTime at;
    QString title;
    QString text;
    TicketId ticketId;
    bool read = false;
};

class NotificationModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles
    {
        TicketIdRole = Qt::UserRole + 1,
        ReadRole
    };
    explicit NotificationModel(QObject *parent = nullptr);

    void add(const Notification &n);
    void markAllRead();
    int unreadCount() const;
    const QList<Notification> &items() const { return m_items; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

Q_SIGNALS:
    void added(const crewline::client::Notification &notification);
    void unreadCountChanged(int count);

private:
    QList<Notification> m_items;
};

} // namespace crewline::client
