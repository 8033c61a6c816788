#include "client/ui/notificationpanel.h"

#include "client/core/workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

NotificationPanel::NotificationPanel(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"notifications"_s);
    m_list = new QListView(this);
    m_list->setObjectName(u"notificationList"_s);
    m_list->setModel(&workspace.notifications());
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    auto *markRead = new QPushButton(tr("Mark all read"), this);
    connect(markRead, &QPushButton::clicked, &workspace.notifications(), &NotificationModel::markAllRead);
    connect(m_list, &QListView::activated, this, [this](const QModelIndex &i) {
        Q_EMIT ticketActivated(TicketId(i.data(NotificationModel::TicketIdRole).toLongLong()));
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_list, 1);
    layout->addWidget(markRead, 0, Qt::AlignRight);
}

PendingPanel::PendingPanel(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"pending"_s);
    m_list = new QListView(this);
    m_list->setObjectName(u"pendingList"_s);
    m_list->setModel(&workspace.outbox());
    m_list->setWordWrap(true);
    auto *dismiss = new QPushButton(tr("Dismiss refused action"), this);
    dismiss->setObjectName(u"dismiss"_s);
    connect(dismiss, &QPushButton::clicked, this, [this, &workspace] {
        const QModelIndex i = m_list->currentIndex();
        if (i.isValid() && i.data(Outbox::StateRole).toInt() == static_cast<int>(OutboxAction::State::Failed))
            workspace.outbox().dismiss(i.data(Outbox::IdemRole).toString());
    });
    auto *hint =
        new QLabel(tr("Changes made while offline wait here and are sent, once, when the connection is back."), this);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(hint);
    layout->addWidget(m_list, 1);
    layout->addWidget(dismiss, 0, Qt::AlignRight);
}

} // namespace crewline::client
