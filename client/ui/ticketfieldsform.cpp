#include "client/ui/ticketfieldsform.h"

#include "client/core/ticketmodel.h"
#include "client/core/workspace.h"
#include "client/ui/transitiondialog.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QStringLiteral("—");
}

QString orDash(const QString &s)
{
    return s.trimmed().isEmpty() ? QStringLiteral("—") : s;
}

QString sectionTitle(const QString &text)
{
    return u"<b>%1</b>"_s.arg(text.toHtmlEscaped());
}

} // namespace

TicketFieldsForm::TicketFieldsForm(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(u"details"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(scroll);
    auto *layout = new QVBoxLayout(page);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(form);

    form->addRow(new QLabel(sectionTitle(tr("Ticket")), page));
    m_number = addValue(form, tr("Number:"), u"field.number"_s);
    m_title = new QLineEdit(page);
    m_title->setObjectName(u"field.title"_s);
    m_title->setMaxLength(protocol::limits::kMaxTitle);
    form->addRow(tr("&Title:"), m_title);
    m_type = addValue(form, tr("Type:"), u"field.type"_s);
    m_status = addValue(form, tr("Status:"), u"field.status"_s);
    m_priority = new QComboBox(page);
    m_priority->setObjectName(u"field.priority"_s);
    for (Priority p : {Priority::Low, Priority::Normal, Priority::High, Priority::Urgent})
        m_priority->addItem(TicketModel::priorityText(p), priorityName(p));
    form->addRow(tr("&Priority:"), m_priority);
    m_category = new QComboBox(page);
    m_category->setObjectName(u"field.category"_s);
    m_category->setEditable(true);
    m_category->setInsertPolicy(QComboBox::NoInsert);
    form->addRow(tr("&Category:"), m_category);
    m_department = new QLineEdit(page);
    m_department->setObjectName(u"field.department"_s);
    m_department->setMaxLength(protocol::limits::kMaxShort);
    form->addRow(tr("De&partment:"), m_department);
    m_source = addValue(form, tr("Source:"), u"field.source"_s);

    form->addRow(new QLabel(sectionTitle(tr("Requester and place")), page));
    m_requester = addValue(form, tr("Requester:"), u"field.requesterName"_s);
    m_contact = new QLineEdit(page);
    m_contact->setObjectName(u"field.requesterContact"_s);
    m_contact->setMaxLength(protocol::limits::kMaxShort);
    form->addRow(tr("C&ontact:"), m_contact);
    m_address = new QLineEdit(page);
    m_address->setObjectName(u"field.address"_s);
    m_address->setMaxLength(protocol::limits::kMaxAddress);
    form->addRow(tr("&Address:"), m_address);
    m_location = addValue(form, tr("Coordinates:"), u"field.location"_s);

    form->addRow(new QLabel(sectionTitle(tr("Work")), page));
    m_assignee = addValue(form, tr("Assignee:"), u"field.assignee"_s);
    m_team = addValue(form, tr("Team:"), u"field.team"_s);
    m_urges = addValue(form, tr("Urged:"), u"field.urgeCount"_s);
    m_approval = addValue(form, tr("Pending approval:"), u"field.pendingApproval"_s);
    m_merged = addValue(form, tr("Merged into:"), u"field.mergedInto"_s);
    m_linksLabel = addValue(form, tr("Linked tickets:"), u"field.links"_s);
    for (QLabel *l : {m_merged, m_linksLabel}) {
        l->setTextFormat(Qt::RichText);
        connect(l, &QLabel::linkActivated, this, [this](const QString &link) {
            const QUrl url(link);
            if (url.scheme() == u"ticket")
                Q_EMIT openTicketRequested(TicketId(url.path().toLongLong()));
        });
    }

    form->addRow(new QLabel(sectionTitle(tr("Times")), page));
    m_created = addValue(form, tr("Created:"), u"field.createdAt"_s);
    m_updated = addValue(form, tr("Updated:"), u"field.updatedAt"_s);
    m_accepted = addValue(form, tr("Accepted:"), u"field.acceptedAt"_s);
    m_firstResponse = addValue(form, tr("First response:"), u"field.firstResponseAt"_s);
    m_resolved = addValue(form, tr("Resolved:"), u"field.resolvedAt"_s);
    m_closed = addValue(form, tr("Closed:"), u"field.closedAt"_s);
    m_version = addValue(form, tr("Version:"), u"field.version"_s);

    layout->addWidget(new QLabel(sectionTitle(tr("Work fields")), page));
    auto *extra = new QWidget(page);
    extra->setObjectName(u"field.extra"_s);
    m_extraForm = new QFormLayout(extra);
    m_extraForm->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(extra);
    layout->addStretch(1);
    scroll->setWidget(page);
    outer->addWidget(scroll, 1);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_revert = new QPushButton(tr("Revert"), this);
    m_revert->setObjectName(u"details.revert"_s);
    m_save = new QPushButton(tr("Save changes"), this);
    m_save->setObjectName(u"details.save"_s);
    m_save->setToolTip(QKeySequence(Qt::CTRL | Qt::Key_S).toString(QKeySequence::NativeText));
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    outer->addLayout(buttons);
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QJsonObject c = changes();
        if (!c.isEmpty() && m_editable)
            Q_EMIT saveRequested(c);
    });
    connect(m_revert, &QPushButton::clicked, this, &TicketFieldsForm::revert);
    for (QLineEdit *e : {m_title, m_department, m_address, m_contact})
        connect(e, &QLineEdit::textEdited, this, &TicketFieldsForm::updateButtons);
    connect(m_priority, &QComboBox::currentIndexChanged, this, &TicketFieldsForm::updateButtons);
    connect(m_category, &QComboBox::currentTextChanged, this, &TicketFieldsForm::updateButtons);
    setEditable(false);
}

QLabel *TicketFieldsForm::addValue(QFormLayout *form, const QString &label, const QString &objectName)
{
    auto *value = new QLabel(form->parentWidget());
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText);
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse |
                                   Qt::LinksAccessibleByKeyboard);
    form->addRow(label, value);
    return value;
}

void TicketFieldsForm::setTicket(const Ticket &ticket, const QList<TicketLink> &links)
{
    const bool same = ticket.id == m_base.id;
    if (!same || ticket.type != m_base.type) {
        const QString text = m_category->currentText();
        m_category->blockSignals(true);
        m_category->clear();
        if (const TicketType *type = m_workspace.directory().types().type(ticket.type))
            m_category->addItems(type->categories());
        m_category->setCurrentText(text);
        m_category->blockSignals(false);
    }
    fillEditors(ticket, m_base, !same);
    m_base = ticket;
    m_links = links;
    fillValues();
    updateButtons();
}

void TicketFieldsForm::clear()
{
    m_base = Ticket();
    m_links.clear();
    fillEditors(m_base, m_base, true);
    fillValues();
    updateButtons();
}

void TicketFieldsForm::fillEditors(const Ticket &t, const Ticket &previous, bool force)
{
    // An editor follows the server only while the user has not changed it.
    const auto follow = [force](QLineEdit *e, const QString &now, const QString &before) {
        if (force || e->text().trimmed() == before.trimmed())
            e->setText(now);
    };
    follow(m_title, t.title, previous.title);
    follow(m_department, t.department, previous.department);
    follow(m_address, t.address, previous.address);
    follow(m_contact, t.requester.contact, previous.requester.contact);
    if (force || m_category->currentText().trimmed() == previous.category)
        m_category->setCurrentText(t.category);
    if (force || m_priority->currentData().toString() == priorityName(previous.priority)) {
        m_priority->blockSignals(true);
        m_priority->setCurrentIndex(m_priority->findData(priorityName(t.priority)));
        m_priority->blockSignals(false);
    }
}

QString TicketFieldsForm::userText(UserId id) const
{
    if (!id.isValid())
        return tr("—");
    const QString name = m_workspace.directory().userName(id);
    return name.isEmpty() ? tr("User #%1").arg(id.value()) : name;
}

QString TicketFieldsForm::ticketLink(TicketId id, const QString &number) const
{
    QString text = number;
    if (text.isEmpty()) {
        const Ticket *t = m_workspace.tickets().ticket(id);
        text = t ? t->number : u"#%1"_s.arg(id.value());
    }
    return u"<a href=\"ticket:%1\">%2</a>"_s.arg(id.value()).arg(text.toHtmlEscaped());
}

void TicketFieldsForm::fillValues()
{
    const Ticket &t = m_base;
    const Directory &dir = m_workspace.directory();
    const bool has = t.id.isValid();
    m_number->setText(has ? t.number : QString());
    m_type->setText(has ? dir.typeName(t.type) : QString());
    QString status = has ? dir.statusName(t.type, t.status) : QString();
    if (has && !t.suspendedFrom.isEmpty())
        status += u" "_s + tr("(from %1)").arg(dir.statusName(t.type, t.suspendedFrom));
    m_status->setText(status);
    m_requester->setText(has ? orDash(t.requester.name) : QString());
    m_location->setText(!has                   ? QString()
                        : t.location.isValid() ? u"%1, %2"_s.arg(QLocale().toString(t.location.lat, 'f', 6),
                                                                 QLocale().toString(t.location.lon, 'f', 6))
                                               : tr("—"));
    m_source->setText(has ? orDash(t.source) : QString());
    m_assignee->setText(has ? userText(t.assigneeId) : QString());
    m_team->setText(has ? (t.teamId.isValid() ? orDash(dir.teamName(t.teamId)) : tr("—")) : QString());
    m_urges->setText(has ? tr("%n time(s)", nullptr, t.urgeCount) : QString());
    if (has && t.pendingApproval.isValid()) {
        const PendingApproval &p = t.pendingApproval;
        QString text = tr("%1, asked by %2 on %3; needs a %4")
                           .arg(dir.transitionName(t.type, p.transition), userText(p.requestedBy),
                                timeText(p.requestedAt), p.approverRole);
        if (!p.comment.isEmpty())
            text += u"\n“%1”"_s.arg(p.comment);
        m_approval->setText(text);
    } else {
        m_approval->setText(has ? tr("—") : QString());
    }
    m_merged->setText(has && t.mergedInto.isValid() ? ticketLink(t.mergedInto, QString()) : QString());
    QStringList links;
    for (const TicketLink &l : std::as_const(m_links)) {
        QString kind;
        switch (l.kind) {
        case LinkKind::Parent:
            kind = tr("split from");
            break;
        case LinkKind::Child:
            kind = tr("split into");
            break;
        case LinkKind::Related:
            kind = tr("related");
            break;
        case LinkKind::Duplicate:
            kind = tr("duplicate");
            break;
        }
        links << u"%1 %2"_s.arg(kind.toHtmlEscaped(), ticketLink(l.other, l.otherNumber));
    }
    m_linksLabel->setText(links.isEmpty() ? (has ? tr("—") : QString()) : links.join(u"<br>"_s));
    m_created->setText(has ? timeText(t.createdAt) : QString());
    m_updated->setText(has ? timeText(t.updatedAt) : QString());
    m_accepted->setText(has ? timeText(t.acceptedAt) : QString());
    m_firstResponse->setText(has ? timeText(t.firstResponseAt) : QString());
    m_resolved->setText(has ? timeText(t.resolvedAt) : QString());
    m_closed->setText(has ? timeText(t.closedAt) : QString());
    m_version->setText(has ? QString::number(t.version) : QString());

    while (m_extraForm->rowCount() > 0)
        m_extraForm->removeRow(0);
    for (auto it = t.fields.begin(); it != t.fields.end(); ++it) {
        QString value;
        if (it.value().isArray()) {
            QStringList parts;
            for (const QJsonValue &v : it.value().toArray())
                parts << v.toVariant().toString();
            value = parts.join(u", "_s);
        } else {
            value = it.value().toVariant().toString();
            for (const auto &[choice, label] : TransitionDialog::fieldChoices(it.key())) {
                if (choice == value)
                    value = label;
            }
        }
        QString label = TransitionDialog::fieldLabel(it.key());
        if (it.key() == u"splitInto")
            label = tr("Split into");
        else if (it.key() == u"mergedFrom")
            label = tr("Merged from");
        auto *v = new QLabel(value);
        v->setObjectName(u"field.extra."_s + it.key());
        v->setTextFormat(Qt::PlainText);
        v->setWordWrap(true);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_extraForm->addRow(label + u":"_s, v);
    }
}

void TicketFieldsForm::setEditable(bool editable)
{
    m_editable = editable;
    for (QLineEdit *e : {m_title, m_department, m_address, m_contact})
        e->setReadOnly(!editable);
    m_priority->setEnabled(editable);
    m_category->setEnabled(editable);
    m_save->setVisible(editable);
    m_revert->setVisible(editable);
    updateButtons();
}

QJsonObject TicketFieldsForm::changes() const
{
    QJsonObject c;
    if (!m_base.id.isValid())
        return c;
    if (m_title->text().trimmed() != m_base.title && !m_title->text().trimmed().isEmpty())
        c.insert(u"title"_s, m_title->text().trimmed());
    if (const QString p = m_priority->currentData().toString(); !p.isEmpty() && p != priorityName(m_base.priority))
        c.insert(u"priority"_s, p);
    if (m_category->currentText().trimmed() != m_base.category)
        c.insert(u"category"_s, m_category->currentText().trimmed());
    if (m_department->text().trimmed() != m_base.department)
        c.insert(u"department"_s, m_department->text().trimmed());
    if (m_address->text().trimmed() != m_base.address)
        c.insert(u"address"_s, m_address->text().trimmed());
    if (m_contact->text().trimmed() != m_base.requester.contact)
        c.insert(u"requester"_s,
                 QJsonObject{{u"name"_s, m_base.requester.name}, {u"contact"_s, m_contact->text().trimmed()}});
    return c;
}

void TicketFieldsForm::markSaved()
{
    const QJsonObject c = changes();
    Ticket t = m_base;
    t.title = c.value(u"title"_s).toString(t.title);
    if (c.contains(u"priority"_s))
        t.priority = priorityFromName(c.value(u"priority"_s).toString()).value_or(t.priority);
    t.category = c.value(u"category"_s).toString(t.category);
    t.department = c.value(u"department"_s).toString(t.department);
    t.address = c.value(u"address"_s).toString(t.address);
    if (c.contains(u"requester"_s))
        t.requester.contact = c.value(u"requester"_s).toObject().value(u"contact"_s).toString();
    m_base = t;
    updateButtons();
}

void TicketFieldsForm::revert()
{
    fillEditors(m_base, m_base, true);
    updateButtons();
}

void TicketFieldsForm::updateButtons()
{
    const bool dirty = m_editable && isDirty();
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
}

} // namespace crewline::client
