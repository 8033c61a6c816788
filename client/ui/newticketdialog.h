#pragma once

// Files a new ticket from the console, typically while on the phone: almost nothing is required (a one-line title
// or a description), the type picks sensible defaults (priority, categories), and the dispatcher can record the
// requester, the place and the channel. OK queues Workspace::createTicket (through the outbox, so it also works
// while the connection is down).

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace crewline::client {

class Workspace;

class NewTicketDialog : public QDialog
{
    Q_OBJECT
public:
    explicit NewTicketDialog(Workspace &workspace, QWidget *parent = nullptr);

    // The request as it would be sent (empty members left out).
    QJsonObject fields() const;
    // The idempotency key of the queued creation, once accepted.
    QString queuedKey() const { return m_idem; }

public Q_SLOTS:
    void accept() override;

private:
    void onTypeChanged();
    void validate();
    bool parseLocation(double *lat, double *lon) const;

    Workspace &m_workspace;
    QString m_idem;
    bool m_priorityTouched = false;
    QComboBox *m_type = nullptr;
    QLineEdit *m_title = nullptr;
    QPlainTextEdit *m_description = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_category = nullptr;
    QLineEdit *m_department = nullptr;
    QLineEdit *m_requesterName = nullptr;
    QLineEdit *m_requesterContact = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_location = nullptr;
    QComboBox *m_source = nullptr;
    QComboBox *m_team = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_create = nullptr;
};

} // namespace crewline::client
