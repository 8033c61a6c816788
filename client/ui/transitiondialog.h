#pragma once

// Asks for what a workflow step needs before it is sent: the fields the transition and its target status require
// (type-specific ones such as "resolution" get an editor, "callbackResult" a fixed choice; ticket columns such as the
// assignee cannot be filled here and block the step with a clear note), and a comment — required when the
// transition says so. Also used for steps that only need a reason (suspend, reject an approval, reopen).
// OK stays disabled until everything required is there, so the server is not asked for the impossible.

#include "common/domain.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QWidget;

namespace crewline {
class TicketType;
struct TransitionDef;
} // namespace crewline

namespace crewline::client {

class Workspace;

class TransitionDialog : public QDialog
{
    Q_OBJECT
public:
    // A named transition of the ticket's type (also a triggered one, e.g. "reopen").
    TransitionDialog(Workspace &workspace, const Ticket &ticket, const QString &transitionId,
                     QWidget *parent = nullptr);
    // Only a reason: title, a sentence saying what happens, and whether the reason is required.
    TransitionDialog(const QString &title, const QString &prompt, bool reasonRequired, QWidget *parent = nullptr);

    QString transitionId() const { return m_transition; }
    TicketId ticketId() const { return m_ticketId; }
    // The values entered for the required type-specific fields (empty ones left out).
    QJsonObject fields() const;
    QString comment() const;
    // Whether everything required is there.
    bool isComplete() const;

    // The fields entering this transition requires: its own and its target status's.
    static QStringList requiredFields(const TicketType &type, const TransitionDef &transition);
    // Fields that are ticket columns (set by other operations), not entries in Ticket::fields.
    static bool isColumnField(const QString &field);
    // Whether a required field is already satisfied by the ticket (the server's rule).
    static bool hasField(const Ticket &ticket, const QString &field);
    static QString fieldLabel(const QString &field);
    // The choices of a field with a fixed vocabulary (value, label); empty for free text.
    static QList<std::pair<QString, QString>> fieldChoices(const QString &field);

private:
    void build(const QString &intro, bool commentRequired, const QString &commentHint);
    void updateOk();

    QString m_transition;
    TicketId m_ticketId;
    bool m_commentRequired = false;
    bool m_blocked = false;
    QHash<QString, QWidget *> m_editors; // field -> QPlainTextEdit / QComboBox / QLineEdit
    QStringList m_requiredEditors;
    QWidget *m_form = nullptr;
    QPlainTextEdit *m_comment = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace crewline::client
