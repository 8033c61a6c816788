#pragma once

// Callback verification (回访) for auditors and supervisors: the completed tickets whose type asks for a callback,
// oldest first; for the selected one, who was called, when, the outcome and a note are recorded (the workflow's
// callback transition), then the ticket is closed or returned to the engineer with the reason. The server refuses
// to close such a ticket without a callback, and with an "unresolved" one. The customer's own answer from the QR
// confirmation page is shown beside the form.

#include "common/types.h"

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace crewline {
struct Ticket;
struct TransitionDef;
} // namespace crewline

namespace crewline::client {

class Workspace;
struct OutboxAction;

class CallbackView : public QWidget
{
    Q_OBJECT
public:
    explicit CallbackView(Workspace &workspace, QWidget *parent = nullptr);

    void refresh();
    TicketId currentTicket() const;
    void selectTicket(TicketId id);

    // The transitions of the ticket's workflow that record a callback, close it, or send it back to the field.
    enum class Step
    {
        Record,
        Close,
        Return
    };
    const TransitionDef *transitionFor(const Ticket &ticket, Step step) const;

Q_SIGNALS:
    void ticketActivated(crewline::TicketId id);

private:
    void showCurrent();
    void record(bool thenClose);
    void close();
    void returnToEngineer();
    void onConfirmed(const OutboxAction &action);

    Workspace &m_workspace;
    QTreeWidget *m_list;
    QLabel *m_title;
    QLabel *m_customer;
    QLineEdit *m_contact;
    QDateTimeEdit *m_when;
    QComboBox *m_outcome;
    QPlainTextEdit *m_note;
    QPushButton *m_record, *m_recordClose, *m_close, *m_return;
    QString m_closeAfter; // idempotency key of a recorded callback to close after, when it is confirmed
    bool m_refreshQueued = false;
};

} // namespace crewline::client
