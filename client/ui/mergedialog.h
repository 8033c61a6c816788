#pragma once

// Merging duplicates into a ticket: the user types (or picks from the suggested likely duplicates) the numbers of
// the duplicate tickets; each is looked up in the working set and shown with its title and status, or with why it
// cannot be merged. OK only when every number names a ticket that can be merged.

#include "common/domain.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace crewline::client {

class Workspace;

class MergeDialog : public QDialog
{
    Q_OBJECT
public:
    MergeDialog(Workspace &workspace, const Ticket &master, QWidget *parent = nullptr);

    TicketId masterId() const { return m_master.id; }
    QList<TicketId> duplicates() const { return m_valid; }
    void setNumbers(const QString &text);

private:
    void resolve();
    void suggest();
    const Ticket *find(const QString &token) const;

    Workspace &m_workspace;
    Ticket m_master;
    QList<TicketId> m_valid;
    QLineEdit *m_numbers = nullptr;
    QListWidget *m_suggestions = nullptr;
    QLabel *m_preview = nullptr;
    QPushButton *m_ok = nullptr;
};

} // namespace crewline::client
