#pragma once

// The quick assignee picker: type a few letters of a name, username, team or role, move with the arrow keys,
// Enter assigns. People who can hold tickets (Directory::assignableUsers), the ticket's team first, then the least
// loaded (open tickets in the working set), each row saying role, team and load. An optional internal note goes
// with the assignment.

#include "common/domain.h"

#include <QDialog>

class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QStandardItemModel;

namespace crewline::client {

class Workspace;

class AssignPicker : public QDialog
{
    Q_OBJECT
public:
    AssignPicker(Workspace &workspace, const Ticket &ticket, QWidget *parent = nullptr);

    TicketId ticketId() const { return m_ticket; }
    UserId selectedUser() const;
    QString note() const;
    // Narrows the list as if typed (tests, and a pre-filled search).
    void setSearch(const QString &text);
    int visibleCount() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void selectFirst();

    TicketId m_ticket;
    QLineEdit *m_search = nullptr;
    QListView *m_list = nullptr;
    QLineEdit *m_note = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
};

} // namespace crewline::client
