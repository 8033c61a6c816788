#pragma once

// The "Details" of a ticket: every field, with names instead of ids, and editors for the fields a user with the
// right role may change (title, priority, category, department, address, requester contact). Edits are kept when
// the ticket is refreshed under them (only untouched editors follow the server), and "Save" hands the edited
// fields — and only those — to the owner, which sends them with Workspace::update.

#include "common/domain.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace crewline::client {

class Workspace;

class TicketFieldsForm : public QWidget
{
    Q_OBJECT
public:
    explicit TicketFieldsForm(Workspace &workspace, QWidget *parent = nullptr);

    void setTicket(const Ticket &ticket, const QList<TicketLink> &links);
    void clear();
    void setEditable(bool editable);
    bool isEditable() const { return m_editable; }

    // The edited fields, as Workspace::update takes them; empty when nothing was changed.
    QJsonObject changes() const;
    bool isDirty() const { return !changes().isEmpty(); }
    // After the changes were queued: they are the new baseline until the server's copy arrives.
    void markSaved();
    void revert();

Q_SIGNALS:
    void saveRequested(const QJsonObject &changes);
    void openTicketRequested(crewline::TicketId id);

private:
    QLabel *addValue(QFormLayout *form, const QString &label, const QString &objectName);
    void fillEditors(const Ticket &from, const Ticket &previous, bool force);
    void fillValues();
    void updateButtons();
    QString ticketLink(TicketId id, const QString &number) const;
    QString userText(UserId id) const;

    Workspace &m_workspace;
    Ticket m_base;
    QList<TicketLink> m_links;
    bool m_editable = false;

    QLineEdit *m_title = nullptr;
    QComboBox *m_priority = nullptr;
    QComboBox *m_category = nullptr;
    QLineEdit *m_department = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_contact = nullptr;

    QLabel *m_number = nullptr;
    QLabel *m_type = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_requester = nullptr;
    QLabel *m_location = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_assignee = nullptr;
    QLabel *m_team = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_updated = nullptr;
    QLabel *m_accepted = nullptr;
    QLabel *m_firstResponse = nullptr;
    QLabel *m_resolved = nullptr;
    QLabel *m_closed = nullptr;
    QLabel *m_urges = nullptr;
    QLabel *m_approval = nullptr;
    QLabel *m_merged = nullptr;
    QLabel *m_linksLabel = nullptr;
    QLabel *m_version = nullptr;
    QFormLayout *m_extraForm = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_revert = nullptr;
};

} // namespace crewline::client
