#include "client/ui/ticketdetailview.h"

#include "client/core/ticketmodel.h"
#include "client/ui/assignpicker.h"
#include "client/ui/attachmentspanel.h"
#include "client/ui/conversationview.h"
#include "client/ui/historyview.h"
#include "client/ui/mergedialog.h"
#include "client/ui/ticketactions.h"
#include "client/ui/ticketfieldsform.h"
#include "client/ui/transitiondialog.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QString chipStyle(const QString &background)
{
    return u"QLabel { background: %1; color: white; border-radius: 9px; padding: 1px 9px; font-weight: bold; }"_s.arg(
        background);
}

QString phaseColour(Phase phase, bool suspended)
{
    if (suspended)
        return u"#6a1b9a"_s;
    switch (phase) {
    case Phase::New:
        return u"#1565c0"_s;
    case Phase::Active:
        return u"#ef6c00"_s;
    case Phase::Resolved:
        return u"#2e7d32"_s;
    case Phase::Closed:
        return u"#616161"_s;
    }
    return u"#616161"_s;
}

QString priorityColour(Priority p)
{
    switch (p) {
    case Priority::Urgent:
        return u"#c62828"_s;
    case Priority::High:
        return u"#ef6c00"_s;
    case Priority::Normal:
        return u"#1565c0"_s;
    case Priority::Low:
        return u"#757575"_s;
    }
    return u"#757575"_s;
}

} // namespace

TicketDetailView::TicketDetailView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(u"ticketDetail"_s);
    m_actions = new TicketActions(workspace, this);
    connect(m_actions, &TicketActions::triggered, this, [this](TicketActions::Op op) { onOperation(op); });
    connect(m_actions, &TicketActions::transitionTriggered, this, &TicketDetailView::onTransition);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);
    m_placeholder = new QLabel(tr("No ticket selected."), m_stack);
    m_placeholder->setObjectName(u"detail.placeholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_stack->addWidget(m_placeholder);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    // Header: number, status, priority, assignee, badges; then the title.
    auto *top = new QHBoxLayout;
    m_number = new QLabel(page);
    m_number->setObjectName(u"header.number"_s);
    m_number->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(page);
    m_status->setObjectName(u"header.status"_s);
    m_priority = new QLabel(page);
    m_priority->setObjectName(u"header.priority"_s);
    m_assignee = new QLabel(page);
    m_assignee->setObjectName(u"header.assignee"_s);
    m_assignee->setTextFormat(Qt::PlainText);
    m_unconfirmed = new QLabel(tr("Unconfirmed"), page);
    m_unconfirmed->setObjectName(u"header.unconfirmed"_s);
    m_unconfirmed->setStyleSheet(chipStyle(u"#9e9d24"_s));
    m_unconfirmed->setToolTip(tr("Changes to this ticket have not been confirmed by the server yet."));
    m_unconfirmed->hide();
    top->addWidget(m_number);
    top->addWidget(m_status);
    top->addWidget(m_priority);
    top->addWidget(m_unconfirmed);
    top->addStretch(1);
    top->addWidget(m_assignee);
    layout->addLayout(top);
    m_title = new QLabel(page);
    m_title->setObjectName(u"header.title"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    layout->addWidget(m_title);
    m_banner = new QLabel(page);
    m_banner->setObjectName(u"header.banner"_s);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(u"QLabel { background: #e3f2fd; color: #0d47a1; padding: 4px; border-radius: 4px; }"_s);
    m_banner->hide();
    connect(m_banner, &QLabel::linkActivated, this, [this](const QString &link) {
        const QUrl url(link);
        if (url.scheme() == u"ticket")
            Q_EMIT openTicketRequested(TicketId(url.path().toLongLong()));
    });
    layout->addWidget(m_banner);
    m_error = new QLabel(page);
    m_error->setObjectName(u"header.error"_s);
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setStyleSheet(u"color: #b71c1c; font-weight: bold;"_s);
    m_error->hide();
    layout->addWidget(m_error);

    // The operations the user may perform now: buttons here, the same actions in menus and on the keyboard.
    m_toolbar = new QToolBar(page);
    m_toolbar->setObjectName(u"detail.toolbar"_s);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const QList<TicketActions::Op> toolbarOps = {
        TicketActions::Assign,  TicketActions::Accept, TicketActions::Approve, TicketActions::RejectApproval,
        TicketActions::Suspend, TicketActions::Resume, TicketActions::Urge,    TicketActions::Reopen,
        TicketActions::Split,   TicketActions::Merge};
    for (TicketActions::Op op : toolbarOps)
        m_toolbar->addAction(m_actions->action(op));
    m_toolbar->addSeparator();
    for (QAction *a : m_actions->all()) {
        if (a->objectName().startsWith(u"action.transition."))
            m_toolbar->addAction(a);
    }
    for (QAction *a : m_toolbar->actions()) {
        if (QWidget *button = m_toolbar->widgetForAction(a))
            button->setObjectName(QString(a->objectName()).replace(u"action."_s, u"button."_s));
    }
    layout->addWidget(m_toolbar);

    m_tabs = new QTabWidget(page);
    m_tabs->setObjectName(u"detail.tabs"_s);
    m_conversation = new ConversationView(m_tabs);
    m_fields = new TicketFieldsForm(workspace, m_tabs);
    m_attachments = new AttachmentsPanel(workspace, m_tabs);
    m_history = new HistoryView(workspace, m_tabs);
    m_tabs->addTab(m_conversation, tr("&Conversation"));
    m_tabs->addTab(m_fields, tr("&Details"));
    m_tabs->addTab(m_attachments, tr("A&ttachments"));
    m_tabs->addTab(m_history, tr("&History"));
    layout->addWidget(m_tabs, 1);
    m_stack->addWidget(page);

    connect(m_conversation, &ConversationView::sendRequested, this, &TicketDetailView::send);
    connect(m_conversation, &ConversationView::splitRequested, this,
            [this](const QList<qint64> &ids, const QString &title) {
                queued(m_workspace.split(m_id, ids, title), tr("split the ticket"));
                m_conversation->setSplitMode(false);
            });
    connect(m_fields, &TicketFieldsForm::saveRequested, this, [this](const QJsonObject &changes) {
        const QString idem = m_workspace.update(m_id, changes);
        queued(idem, tr("save the changes"));
        if (!idem.isEmpty())
            m_fields->markSaved();
    });
    connect(m_fields, &TicketFieldsForm::openTicketRequested, this, &TicketDetailView::openTicketRequested);

    // Live: events on this ticket, the outbox, names, the signed-in user.
    m_refetch.setSingleShot(true);
    m_refetch.setInterval(40); // a burst of events on one ticket costs one read
    connect(&m_refetch, &QTimer::timeout, this, &TicketDetailView::refresh);
    connect(&workspace, &Workspace::ticketTouched, this, [this](TicketId id) {
        if (id == m_id)
            m_refetch.start();
    });
    connect(&workspace, &Workspace::actionRefused, this, [this](const OutboxAction &a) {
        if (a.data.value(u"ticketId"_s).toInteger() == m_id.value())
            m_refetch.start(); // show the server's state again, not what was refused
    });
    connect(&workspace, &Workspace::conflict, this, [this](const OutboxAction &, const Ticket &current) {
        if (current.id == m_id)
            m_refetch.start();
    });
    connect(&workspace.outbox(), &Outbox::pendingCountChanged, this, &TicketDetailView::updatePending);
    connect(&workspace.directory(), &Directory::changed, this, [this] {
        if (m_loaded)
            apply(m_detail);
    });
    connect(&workspace.connection(), &Connection::loggedIn, this, &TicketDetailView::updateActions);
    connect(&workspace.connection(), &Connection::synchronized, this, [this] {
        if (m_id.isValid())
            m_refetch.start(); // events may have been missed while away: read it again
    });
    updateActions();
}

TicketDetailView::~TicketDetailView() = default;

QList<QAction *> TicketDetailView::ticketActions() const
{
    return m_actions->all();
}

const Ticket *TicketDetailView::ticket() const
{
    return m_loaded ? &m_detail.ticket : nullptr;
}

void TicketDetailView::showTicket(TicketId id)
{
    if (id == m_id) {
        refresh();
        return;
    }
    if (m_id.isValid()) {
        const QString draft = m_conversation->draft();
        if (draft.isEmpty())
            m_drafts.remove(m_id.value());
        else
            m_drafts.insert(m_id.value(), {draft, m_conversation->editorKind()});
    }
    m_id = id;
    m_loaded = false;
    m_detail = TicketDetail();
    m_error->hide();
    m_conversation->clear();
    const auto draft = m_drafts.value(id.value(), {QString(), CommentKind::Public});
    m_conversation->setDraft(draft.first, draft.second);
    m_fields->clear();
    m_attachments->clear();
    m_history->clear();
    if (!id.isValid()) {
        m_placeholder->setText(tr("No ticket selected."));
        m_stack->setCurrentIndex(0);
        updateActions();
        return;
    }
    // Show what the working set knows at once; the full ticket follows.
    if (const Ticket *cached = m_workspace.tickets().ticket(id)) {
        showHeader(*cached);
        m_stack->setCurrentIndex(1);
    } else {
        m_placeholder->setText(tr("Loading…"));
        m_stack->setCurrentIndex(0);
    }
    updateActions();
    refresh();
}

void TicketDetailView::refresh()
{
    if (!m_id.isValid())
        return;
    const int serial = ++m_fetchSerial;
    const TicketId id = m_id;
    QPointer<TicketDetailView> self(this);
    m_workspace.fetchTicket(id, [self, serial, id](bool ok, const TicketDetail &detail, const QString &error) {
        if (!self || self->m_fetchSerial != serial || self->m_id != id)
            return; // a newer read or another ticket took over
        if (!ok) {
            if (!self->m_loaded) {
                self->m_placeholder->setText(tr("Cannot show this ticket: %1").arg(error));
                self->m_stack->setCurrentIndex(0);
            } else {
                self->showError(tr("Could not refresh: %1").arg(error));
            }
            return;
        }
        self->apply(detail);
    });
}

void TicketDetailView::apply(const TicketDetail &d)
{
    m_detail = d;
    m_loaded = true;
    m_error->hide();
    m_stack->setCurrentIndex(1);
    const Ticket &t = d.ticket;
    showHeader(t);
    m_conversation->setConversation(t, d.comments, d.attachments);
    m_fields->setTicket(t, d.links);
    m_attachments->setAttachments(t.id, d.attachments, m_workspace.may(protocol::Op::AttachmentBegin));
    m_tabs->setTabText(2, d.attachments.isEmpty() ? tr("A&ttachments")
                                                  : tr("A&ttachments (%1)").arg(d.attachments.size()));
    m_history->setHistory(t, d.history);
    updatePending();
    updateActions();
    Q_EMIT ticketLoaded(t.id);
}

void TicketDetailView::showHeader(const Ticket &t)
{
    const Directory &dir = m_workspace.directory();
    const TicketType *type = dir.types().type(t.type);
    m_number->setText(u"<b>%1</b> · %2"_s.arg(t.number.toHtmlEscaped(), dir.typeName(t.type).toHtmlEscaped()));
    m_title->setText(t.title);
    const bool suspended = t.status == TicketType::kSuspended;
    m_status->setText(dir.statusName(t.type, t.status));
    m_status->setProperty("status", t.status);
    m_status->setStyleSheet(chipStyle(phaseColour(type ? type->phaseOf(t.status) : Phase::Active, suspended)));
    m_priority->setText(TicketModel::priorityText(t.priority));
    m_priority->setProperty("priority", priorityName(t.priority));
    m_priority->setStyleSheet(chipStyle(priorityColour(t.priority)));
    QString who = t.assigneeId.isValid() ? dir.userName(t.assigneeId) : tr("Unassigned");
    if (who.isEmpty())
        who = tr("User #%1").arg(t.assigneeId.value());
    if (const QString team = dir.teamName(t.teamId); !team.isEmpty())
        who += u" · "_s + team;
    if (t.urgeCount > 0)
        who += u" · "_s + tr("urged %n time(s)", nullptr, t.urgeCount);
    m_assignee->setText(who);

    QStringList banner;
    if (t.mergedInto.isValid()) {
        const Ticket *master = m_workspace.tickets().ticket(t.mergedInto);
        const QString number = master ? master->number : u"#%1"_s.arg(t.mergedInto.value());
        banner << tr("Merged into %1. Work continues there.")
                      .arg(u"<a href=\"ticket:%1\">%2</a>"_s.arg(t.mergedInto.value()).arg(number.toHtmlEscaped()));
    }
    if (t.pendingApproval.isValid()) {
        banner << tr("Waiting for a %1 to approve “%2”.")
                      .arg(t.pendingApproval.approverRole.toHtmlEscaped(),
                           dir.transitionName(t.type, t.pendingApproval.transition).toHtmlEscaped());
    }
    if (suspended && !t.suspendedFrom.isEmpty())
        banner << tr("Suspended (the SLA clock is stopped); resumes to “%1”.")
                      .arg(dir.statusName(t.type, t.suspendedFrom).toHtmlEscaped());
    m_banner->setText(banner.join(u"<br>"_s));
    m_banner->setVisible(!banner.isEmpty());
}

void TicketDetailView::updatePending()
{
    const bool pending = m_id.isValid() && m_workspace.outbox().hasPending(m_id.value());
    QStringList what;
    QList<OutboxAction> messages;
    for (const OutboxAction &a : m_workspace.outbox().actions()) {
        if (a.data.value(u"ticketId"_s).toInteger() != m_id.value())
            continue;
        if (a.state != OutboxAction::State::Failed)
            what << a.summary;
        if (a.op == protocol::Op::TicketComment)
            messages << a;
    }
    m_unconfirmed->setVisible(pending);
    m_unconfirmed->setToolTip(tr("Not confirmed by the server yet:") + u"\n• "_s + what.join(u"\n• "_s));
    m_conversation->setPending(messages);
}

void TicketDetailView::updateActions()
{
    const Ticket *t = ticket();
    m_actions->update(t, t && !m_detail.comments.isEmpty());
    // Writing depends on the role only, so a draft survives while the ticket loads.
    m_conversation->setMayReply(m_id.isValid() && m_workspace.may(protocol::Op::TicketComment));
    m_conversation->setMayWriteNotes(m_actions->mayWriteNotes());
    m_fields->setEditable(t && m_actions->mayEdit(*t));
    m_toolbar->setVisible(t != nullptr);
}

void TicketDetailView::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void TicketDetailView::queued(const QString &idem, const QString &what)
{
    if (idem.isEmpty())
        showError(tr("Could not %1: you may not do this now, or the ticket is not loaded.").arg(what));
    else
        m_error->hide();
}

void TicketDetailView::send(CommentKind kind, const QString &body)
{
    const QString idem = m_workspace.comment(m_id, kind, body);
    queued(idem, kind == CommentKind::Internal ? tr("add the note") : tr("send the reply"));
    if (!idem.isEmpty()) {
        m_conversation->setDraft(QString());
        m_drafts.remove(m_id.value());
    }
}

void TicketDetailView::openDialog(QDialog *dialog)
{
    if (m_dialog)
        m_dialog->close(); // one question at a time
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open(); // window-modal, not a nested event loop
}

void TicketDetailView::onOperation(int op)
{
    const Ticket *t = ticket();
    if (!t)
        return;
    const TicketId id = t->id;
    switch (static_cast<TicketActions::Op>(op)) {
    case TicketActions::Assign: {
        auto *picker = new AssignPicker(m_workspace, *t, this);
        connect(picker, &QDialog::accepted, this, [this, picker, id] {
            queued(m_workspace.assign(id, picker->selectedUser(), picker->note()), tr("assign the ticket"));
        });
        openDialog(picker);
        break;
    }
    case TicketActions::Accept:
        queued(m_workspace.accept(id), tr("accept the ticket"));
        break;
    case TicketActions::Reply:
    case TicketActions::Note:
        m_tabs->setCurrentWidget(m_conversation);
        m_conversation->focusEditor(op == TicketActions::Note ? CommentKind::Internal : CommentKind::Public);
        break;
    case TicketActions::SendReply:
    case TicketActions::SendNote:
        m_tabs->setCurrentWidget(m_conversation);
        m_conversation->requestSend(op == TicketActions::SendNote ? CommentKind::Internal : CommentKind::Public);
        break;
    case TicketActions::Suspend: {
        auto *d = new TransitionDialog(tr("Suspend %1").arg(t->number),
                                       tr("While suspended the SLA clock stops. The reason is kept as an internal "
                                          "note."),
                                       true, this);
        connect(d, &QDialog::accepted, this,
                [this, d, id] { queued(m_workspace.suspend(id, d->comment()), tr("suspend the ticket")); });
        openDialog(d);
        break;
    }
    case TicketActions::Resume:
        queued(m_workspace.resume(id), tr("resume the ticket"));
        break;
    case TicketActions::Urge:
        queued(m_workspace.urge(id, QString()), tr("urge the ticket"));
        break;
    case TicketActions::Split:
        m_tabs->setCurrentWidget(m_conversation);
        m_conversation->setSplitMode(!m_conversation->splitMode());
        break;
    case TicketActions::Merge: {
        auto *d = new MergeDialog(m_workspace, *t, this);
        connect(d, &QDialog::accepted, this,
                [this, d, id] { queued(m_workspace.merge(id, d->duplicates()), tr("merge the tickets")); });
        openDialog(d);
        break;
    }
    case TicketActions::Approve:
    case TicketActions::RejectApproval: {
        const bool approve = op == TicketActions::Approve;
        const QString step = m_workspace.directory().transitionName(t->type, t->pendingApproval.transition);
        auto *d = new TransitionDialog(approve ? tr("Approve %1").arg(step) : tr("Reject %1").arg(step),
                                       approve ? tr("“%1” on %2 takes effect now.").arg(step, t->number)
                                               : tr("“%1” on %2 does not happen. Say why.").arg(step, t->number),
                                       !approve, this);
        connect(d, &QDialog::accepted, this, [this, d, id, approve] {
            queued(m_workspace.approve(id, approve, d->comment()), tr("decide the approval"));
        });
        openDialog(d);
        break;
    }
    case TicketActions::Reopen: {
        const TicketType *type = m_workspace.directory().types().type(t->type);
        const TransitionDef *reopen = type ? type->triggered(u"reopen"_s, t->status) : nullptr;
        if (!reopen)
            return;
        auto *d = new TransitionDialog(m_workspace, *t, reopen->id, this);
        connect(d, &QDialog::accepted, this,
                [this, d, id] { queued(m_workspace.reopen(id, d->comment()), tr("reopen the ticket")); });
        openDialog(d);
        break;
    }
    case TicketActions::AddAttachment:
        m_tabs->setCurrentWidget(m_attachments);
        m_attachments->chooseAndUpload();
        break;
    case TicketActions::SaveDetails: {
        const QJsonObject changes = m_fields->changes();
        if (changes.isEmpty())
            break;
        const QString idem = m_workspace.update(id, changes);
        queued(idem, tr("save the changes"));
        if (!idem.isEmpty())
            m_fields->markSaved();
        break;
    }
    case TicketActions::OpCount:
        break;
    }
}

void TicketDetailView::onTransition(const QString &transitionId)
{
    const Ticket *t = ticket();
    if (!t || !m_workspace.availableTransitions(*t).contains(transitionId))
        return;
    auto *d = new TransitionDialog(m_workspace, *t, transitionId, this);
    const TicketId id = t->id;
    connect(d, &QDialog::accepted, this, [this, d, id] {
        queued(m_workspace.transition(id, d->transitionId(), d->fields(), d->comment()),
               tr("perform “%1”").arg(d->windowTitle()));
    });
    openDialog(d);
}

void TicketDetailView::addToolbarAction(QAction *action)
{
    m_toolbar->addSeparator();
    m_toolbar->addAction(action);
}

} // namespace crewline::client
