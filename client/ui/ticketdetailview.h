#pragma once

// One ticket, complete, and everything the user may do with it now. A header (number, title, status chip,
// priority colour, assignee, an "unconfirmed" badge while the outbox holds changes to it), a toolbar and a keyboard
// shortcut for every operation the role and the ticket's workflow allow right now (and only those), and tabs:
// Conversation (messages, internal notes, reply box, split), Details (all fields, editable where the role allows),
// Attachments (verified upload and download) and History (the audit trail). It reads the ticket with
// Workspace::fetchTicket and reads it again whenever an event touches it; every change goes through the Workspace
// (and so the outbox). Drafts are kept per ticket while switching between tickets.

#include "common/domain.h"

#include "client/core/workspace.h"

#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAction;
class QDialog;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QToolBar;

namespace crewline::client {

class AttachmentsPanel;
class ConversationView;
class HistoryView;
class TicketActions;
class TicketFieldsForm;

class TicketDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit TicketDetailView(Workspace &workspace, QWidget *parent = nullptr);
    ~TicketDetailView() override;

    void showTicket(TicketId id);
    TicketId ticketId() const { return m_id; }
    QList<QAction *> ticketActions() const;
    void addToolbarAction(QAction *action); // e.g. printing, owned by the main window

    // The ticket as last read from the server (invalid id until it arrived).
    const TicketDetail &detail() const { return m_detail; }
    bool isLoaded() const { return m_loaded; }
    ConversationView *conversation() const { return m_conversation; }
    TicketFieldsForm *fields() const { return m_fields; }
    AttachmentsPanel *attachmentsPanel() const { return m_attachments; }
    HistoryView *history() const { return m_history; }
    // Reads the ticket again now.
    void refresh();

Q_SIGNALS:
    void openTicketRequested(crewline::TicketId id);
    // The ticket was read (again) and is shown.
    void ticketLoaded(crewline::TicketId id);

private:
    void apply(const TicketDetail &detail);
    void showHeader(const Ticket &ticket);
    void updatePending();
    void updateActions();
    void showError(const QString &text);
    void onOperation(int op);
    void onTransition(const QString &transitionId);
    void send(CommentKind kind, const QString &body);
    void openDialog(QDialog *dialog);
    void queued(const QString &idem, const QString &what);
    const Ticket *ticket() const;

    Workspace &m_workspace;
    TicketId m_id;
    TicketDetail m_detail;
    bool m_loaded = false;
    int m_fetchSerial = 0;
    QTimer m_refetch;
    QHash<qint64, std::pair<QString, CommentKind>> m_drafts; // unsent text per ticket, and whether it is a note
    QPointer<QDialog> m_dialog;

    TicketActions *m_actions = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_number = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_priority = nullptr;
    QLabel *m_assignee = nullptr;
    QLabel *m_unconfirmed = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_error = nullptr;
    QToolBar *m_toolbar = nullptr;
    QTabWidget *m_tabs = nullptr;
    ConversationView *m_conversation = nullptr;
    TicketFieldsForm *m_fields = nullptr;
    AttachmentsPanel *m_attachments = nullptr;
    HistoryView *m_history = nullptr;
};

} // namespace crewline::client
