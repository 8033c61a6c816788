#pragma once

// The notifications list (catch up on what happened to my tickets) and the pending-actions list (what I did that
// the server has not confirmed, or refused and why).

#include "common/types.h"

#include <QWidget>

class QListView;

namespace crewline::client {

class Workspace;

class NotificationPanel : public QWidget
{
    Q_OBJECT
public:
    explicit NotificationPanel(Workspace &workspace, QWidget *parent = nullptr);

Q_SIGNALS:
    void ticketActivated(crewline::TicketId id);

private:
    QListView *m_list;
};

class PendingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PendingPanel(Workspace &workspace, QWidget *parent = nullptr);

private:
    QListView *m_list;
};

} // namespace crewline::client
