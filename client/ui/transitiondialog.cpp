#include "client/ui/transitiondialog.h"

#include "client/core/workspace.h"
#include "common/workflow.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

TransitionDialog::TransitionDialog(Workspace &workspace, const Ticket &ticket, const QString &transitionId,
                                   QWidget *parent)
    : QDialog(parent)
    , m_transition(transitionId)
    , m_ticketId(ticket.id)
{
    const Directory &dir = workspace.directory();
    const TicketType *type = dir.types().type(ticket.type);
    const TransitionDef *def = type ? type->transition(transitionId) : nullptr;
    const QString name = dir.transitionName(ticket.type, transitionId);
    setWindowTitle(tr("%1 — %2").arg(name, ticket.number));

    QString intro =
        def ? tr("%1: %2 → %3")
                  .arg(ticket.number, dir.statusName(ticket.type, ticket.status), dir.statusName(ticket.type, def->to))
            : ticket.number;
    const Role role = workspace.me().role;
    if (def && !def->approverRole.isEmpty() && role != Role::Admin && roleFromName(def->approverRole) != role)
        intro +=
            u"\n"_s + tr("This step needs the approval of a %1. It takes effect once approved.").arg(def->approverRole);
    build(intro, def && def->requiresComment,
          tr("The comment is added to the conversation: the requester can read it."));

    auto *form = static_cast<QFormLayout *>(m_form->layout());
    const QStringList required = def && type ? requiredFields(*type, *def) : QStringList();
    for (const QString &field : required) {
        if (isColumnField(field)) {
            if (hasField(ticket, field))
                continue;
            auto *missing = new QLabel(
                tr("%1 is not set yet. Set it first, then try this step again.").arg(fieldLabel(field)), this);
            missing->setObjectName(u"transition.missing."_s + field);
            missing->setWordWrap(true);
            missing->setStyleSheet(u"color: #b71c1c;"_s);
            form->addRow(missing);
            m_blocked = true;
            continue;
        }
        const QString current = ticket.fields.value(field).toVariant().toString();
        QWidget *editor = nullptr;
        if (const auto choices = fieldChoices(field); !choices.isEmpty()) {
            auto *combo = new QComboBox(this);
            for (const auto &[value, label] : choices)
                combo->addItem(label, value);
            combo->setPlaceholderText(tr("Choose…"));
            combo->setCurrentIndex(combo->findData(current)); // -1 (nothing chosen) unless set before
            connect(combo, &QComboBox::currentIndexChanged, this, &TransitionDialog::updateOk);
            editor = combo;
        } else if (field == u"resolution") {
            auto *text = new QPlainTextEdit(current, this);
            text->setTabChangesFocus(true);
            text->setPlaceholderText(tr("What was done, and the outcome"));
            text->setFixedHeight(text->fontMetrics().lineSpacing() * 5 + 12);
            connect(text, &QPlainTextEdit::textChanged, this, &TransitionDialog::updateOk);
            editor = text;
        } else {
            auto *line = new QLineEdit(current, this);
            connect(line, &QLineEdit::textChanged, this, &TransitionDialog::updateOk);
            editor = line;
        }
        editor->setObjectName(u"transition.field."_s + field);
        m_editors.insert(field, editor);
        m_requiredEditors << field;
        form->addRow(tr("%1 (required)").arg(fieldLabel(field)), editor);
    }
    if (QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok))
        ok->setText(name);
    // Start where typing is needed.
    if (!m_requiredEditors.isEmpty())
        m_editors.value(m_requiredEditors.first())->setFocus();
    else
        m_comment->setFocus();
    updateOk();
}

TransitionDialog::TransitionDialog(const QString &title, const QString &prompt, bool reasonRequired, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    build(prompt, reasonRequired, QString());
    m_comment->setFocus();
    updateOk();
}

void TransitionDialog::build(const QString &intro, bool commentRequired, const QString &commentHint)
{
    setObjectName(u"transitionDialog"_s);
    m_commentRequired = commentRequired;
    auto *layout = new QVBoxLayout(this);
    auto *introLabel = new QLabel(intro, this);
    introLabel->setObjectName(u"transition.intro"_s);
    introLabel->setWordWrap(true);
    introLabel->setTextFormat(Qt::PlainText);
    layout->addWidget(introLabel);

    m_form = new QWidget(this);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_form);

    m_comment = new QPlainTextEdit(this);
    m_comment->setObjectName(u"transition.comment"_s);
    m_comment->setTabChangesFocus(true);
    m_comment->setPlaceholderText(commentRequired ? tr("Reason (required)") : tr("Comment (optional)"));
    m_comment->setFixedHeight(m_comment->fontMetrics().lineSpacing() * 4 + 12);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &TransitionDialog::updateOk);
    layout->addWidget(new QLabel(commentRequired ? tr("Reason (required):") : tr("Comment:"), this));
    layout->addWidget(m_comment);
    if (!commentHint.isEmpty()) {
        auto *hint = new QLabel(commentHint, this);
        hint->setWordWrap(true);
        hint->setEnabled(false);
        layout->addWidget(hint);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"transition.buttons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"transition.ok"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isComplete())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    // Ctrl+Enter confirms from anywhere, also from the multi-line editors.
    for (const QKeySequence &key : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *confirm = new QShortcut(key, this);
        connect(confirm, &QShortcut::activated, this, [this] {
            if (isComplete())
                accept();
        });
    }
    setMinimumWidth(440);
}

QString TransitionDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

QJsonObject TransitionDialog::fields() const
{
    QJsonObject out;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        QString value;
        if (auto *combo = qobject_cast<QComboBox *>(it.value()))
            value = combo->currentIndex() >= 0 ? combo->currentData().toString() : QString();
        else if (auto *text = qobject_cast<QPlainTextEdit *>(it.value()))
            value = text->toPlainText().trimmed();
        else if (auto *line = qobject_cast<QLineEdit *>(it.value()))
            value = line->text().trimmed();
        if (!value.isEmpty())
            out.insert(it.key(), value);
    }
    return out;
}

bool TransitionDialog::isComplete() const
{
    if (m_blocked || (m_commentRequired && comment().isEmpty()))
        return false;
    const QJsonObject values = fields();
    for (const QString &field : m_requiredEditors) {
        if (!values.contains(field))
            return false;
    }
    return true;
}

void TransitionDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isComplete());
}

QStringList TransitionDialog::requiredFields(const TicketType &type, const TransitionDef &transition)
{
    QStringList out = transition.requiredFields;
    if (const StatusDef *s = type.status(transition.to))
        out += s->requiredFields;
    out.removeDuplicates();
    return out;
}

bool TransitionDialog::isColumnField(const QString &field)
{
    return crewline::isColumnField(field);
}

bool TransitionDialog::hasField(const Ticket &t, const QString &f)
{
    return ticketHasField(t, f);
}

QString TransitionDialog::fieldLabel(const QString &field)
{
    if (field == u"resolution")
        return tr("Resolution");
    if (field == u"callbackResult")
        return tr("Callback result");
    if (field == u"assignee")
        return tr("Assignee");
    if (field == u"team")
        return tr("Team");
    if (field == u"location")
        return tr("Coordinates");
    if (field == u"title")
        return tr("Title");
    if (field == u"description")
        return tr("Description");
    if (field == u"category")
        return tr("Category");
    if (field == u"department")
        return tr("Department");
    if (field == u"address")
        return tr("Address");
    if (field == u"requesterContact")
        return tr("Requester contact");
    if (field == u"callbackContact")
        return tr("Callback: called");
    if (field == u"callbackAt")
        return tr("Callback: when");
    if (field == u"callbackNote")
        return tr("Callback: note");
    if (field == u"customerConfirmation")
        return tr("Customer's confirmation (QR)");
    if (field == u"escalated")
        return tr("Escalated");
    return field;
}

QList<std::pair<QString, QString>> TransitionDialog::fieldChoices(const QString &field)
{
    if (field == u"callbackResult")
        return {{u"satisfied"_s, tr("Satisfied")},
                {u"partly"_s, tr("Partly satisfied")},
                {u"unresolved"_s, tr("Unresolved")},
                {u"unreachable"_s, tr("Could not reach the customer")}};
    return {};
}

} // namespace crewline::client
