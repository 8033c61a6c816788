#pragma once

// Shown when the server refused one of the user's changes because someone changed the ticket first. It says what
// the user tried, compares the ticket as the user saw it with the server's current state field by field (changed
// rows marked), names who changed it (from the ticket's history), and lets the user decide: "Re-apply my change"
// on the current version (Workspace::reapply) or "Drop my change" (Outbox::dismiss). Closing without deciding
// leaves the refused change in the outbox.

#include "client/core/outbox.h"
#include "common/domain.h"

#include <QDialog>
#include <optional>

class QLabel;
class QTableWidget;

namespace crewline::client {

class Workspace;

class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    ConflictDialog(Workspace &workspace, const OutboxAction &action, const Ticket &current, QWidget *parent = nullptr);

    // What the user asked for, in words (for the dialog and tests).
    static QString describeAction(Workspace &workspace, const OutboxAction &action, const Ticket &ticket);

private:
    void fillTable(const std::optional<Ticket> &before);
    void lookUpWho(const std::optional<Ticket> &before);
    void reapply();
    void drop();

    Workspace &m_workspace;
    OutboxAction m_action;
    Ticket m_current;
    QTableWidget *m_table = nullptr;
    QLabel *m_who = nullptr;
};

} // namespace crewline::client
