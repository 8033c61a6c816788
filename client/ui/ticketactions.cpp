#include "client/ui/ticketactions.h"

#include "client/core/workspace.h"
#include "common/permissions.h"

#include <QAction>
#include <QKeySequence>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace crewline::client {

using POp = protocol::Op;

namespace {

constexpr int kExtraSlots = 6;

QKeySequence ctrlShift(Qt::Key key)
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | key);
}

bool isDesk(Role r)
{
    return r == Role::Dispatcher || r == Role::Supervisor || r == Role::Admin;
}

} // namespace

TicketActions::TicketActions(Workspace &workspace, QWidget *owner)
    : QObject(owner)
    , m_workspace(workspace)
    , m_owner(owner)
{
    m_ops.resize(OpCount);
    m_ops[Assign] = make(u"action.assign"_s, tr("&Assign…"), ctrlShift(Qt::Key_A));
    m_ops[Accept] = make(u"action.accept"_s, tr("Accep&t"), ctrlShift(Qt::Key_K));
    m_ops[Reply] = make(u"action.reply"_s, tr("&Reply"), QKeySequence(Qt::Key_R));
    m_ops[Note] = make(u"action.note"_s, tr("Internal &note"), QKeySequence(Qt::Key_N));
    m_ops[SendReply] = make(u"action.sendReply"_s, tr("Send reply"), QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_ops[SendReply]->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_ops[SendNote] = make(u"action.sendNote"_s, tr("Add internal note"), ctrlShift(Qt::Key_Return));
    m_ops[SendNote]->setShortcuts({ctrlShift(Qt::Key_Return), ctrlShift(Qt::Key_Enter)});
    m_ops[Suspend] = make(u"action.suspend"_s, tr("&Suspend…"), ctrlShift(Qt::Key_S));
    m_ops[Resume] = make(u"action.resume"_s, tr("Res&ume"), ctrlShift(Qt::Key_R));
    m_ops[Urge] = make(u"action.urge"_s, tr("Ur&ge"), ctrlShift(Qt::Key_U));
    m_ops[Split] = make(u"action.split"_s, tr("S&plit…"), ctrlShift(Qt::Key_P));
    m_ops[Merge] = make(u"action.merge"_s, tr("&Merge duplicates…"), ctrlShift(Qt::Key_M));
    m_ops[Approve] = make(u"action.approve"_s, tr("Appro&ve"), ctrlShift(Qt::Key_Y));
    m_ops[RejectApproval] = make(u"action.rejectApproval"_s, tr("Re&ject approval…"), ctrlShift(Qt::Key_N));
    m_ops[Reopen] = make(u"action.reopen"_s, tr("Re&open…"), ctrlShift(Qt::Key_O));
    m_ops[AddAttachment] = make(u"action.addAttachment"_s, tr("Attach &file…"), ctrlShift(Qt::Key_F));
    m_ops[SaveDetails] = make(u"action.saveDetails"_s, tr("Save ticket details"), QKeySequence(Qt::CTRL | Qt::Key_S));
    for (int op = 0; op < OpCount; ++op) {
        connect(m_ops.at(op), &QAction::triggered, this, [this, op] { Q_EMIT triggered(static_cast<Op>(op)); });
    }

    // The transitions of the default workflows keep one key each, whatever type the ticket has (resolve and
    // complete are the same gesture, "done", and never occur in the same type).
    const QList<std::tuple<QString, QString, QKeySequence>> known = {
        {u"review"_s, tr("Review"), ctrlShift(Qt::Key_V)},
        {u"resolve"_s, tr("Resolve…"), ctrlShift(Qt::Key_D)},
        {u"complete"_s, tr("Complete…"), ctrlShift(Qt::Key_D)},
        {u"confirm"_s, tr("Confirm…"), ctrlShift(Qt::Key_C)},
        {u"reject"_s, tr("Reject back…"), ctrlShift(Qt::Key_J)},
        {u"callback"_s, tr("Record callback…"), ctrlShift(Qt::Key_B)},
        {u"close"_s, tr("Close…"), ctrlShift(Qt::Key_W)},
        {u"cancel"_s, tr("Cancel ticket…"), ctrlShift(Qt::Key_X)},
        {u"arrive"_s, tr("Arrived on site"), ctrlShift(Qt::Key_I)},
        {u"decline"_s, tr("Decline…"), ctrlShift(Qt::Key_L)},
        {u"return_to_queue"_s, tr("Return to queue…"), ctrlShift(Qt::Key_Q)},
        {u"return_to_engineer"_s, tr("Return to engineer…"), ctrlShift(Qt::Key_E)},
    };
    for (const auto &[id, text, key] : known) {
        QAction *a = make(u"action.transition."_s + id, text, key);
        a->setData(id);
        m_known.insert(id, a);
        m_knownOrder << a;
        connect(a, &QAction::triggered, this, [this, a] { Q_EMIT transitionTriggered(a->data().toString()); });
    }
    for (int i = 0; i < kExtraSlots; ++i) {
        QAction *a = make(u"action.transition.extra%1"_s.arg(i + 1), QString(),
                          QKeySequence(Qt::CTRL | Qt::ALT | static_cast<Qt::Key>(Qt::Key_1 + i)));
        m_extra << a;
        connect(a, &QAction::triggered, this, [this, a] { Q_EMIT transitionTriggered(a->data().toString()); });
    }
    update(nullptr, false);
}

QAction *TicketActions::make(const QString &name, const QString &text, const QKeySequence &key)
{
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    a->setShortcut(key);
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    if (!key.isEmpty())
        a->setToolTip(u"%1 (%2)"_s.arg(QString(text).remove(u'&'), key.toString(QKeySequence::NativeText)));
    m_owner->addAction(a);
    return a;
}

QList<QAction *> TicketActions::all() const
{
    return m_ops + m_knownOrder + m_extra;
}

QAction *TicketActions::transitionAction(const QString &transitionId) const
{
    if (QAction *a = m_known.value(transitionId); a && a->isVisible())
        return a;
    for (QAction *a : m_extra) {
        if (a->isVisible() && a->data().toString() == transitionId)
            return a;
    }
    return nullptr;
}

bool TicketActions::mayEdit(const Ticket &t) const
{
    const User &me = m_workspace.me();
    if (!m_workspace.may(POp::TicketUpdate) || t.mergedInto.isValid())
        return false;
    return isDesk(me.role) || (me.role == Role::Engineer && t.assigneeId == me.id);
}

bool TicketActions::mayWriteNotes() const
{
    return m_workspace.me().id.isValid() && roleSeesInternalNotes(m_workspace.me().role);
}

bool TicketActions::mayApprove(const Ticket &t) const
{
    if (!t.pendingApproval.isValid() || !m_workspace.may(POp::TicketApprove))
        return false;
    const Role role = m_workspace.me().role;
    return role == Role::Admin || roleFromName(t.pendingApproval.approverRole) == role;
}

bool TicketActions::mayReopen(const Ticket &t) const
{
    const TicketType *type = m_workspace.directory().types().type(t.type);
    if (!type || !m_workspace.may(POp::TicketReopen) || t.mergedInto.isValid())
        return false;
    const TransitionDef *tr = type->triggered(u"reopen"_s, t.status);
    return tr && type->mayPerform(*tr, {m_workspace.me().id, m_workspace.me().role}, t.assigneeId, t.requester.userId);
}

void TicketActions::update(const Ticket *t, bool hasMessages)
{
    const auto show = [](QAction *a, bool on) {
        a->setVisible(on);
        a->setEnabled(on);
    };
    const TicketType *type = t ? m_workspace.directory().types().type(t->type) : nullptr;
    const User &me = m_workspace.me();
    const bool live = t && !t->mergedInto.isValid();
    const bool final = type && t && type->isFinal(t->status);
    const bool suspended = t && t->status == TicketType::kSuspended;
    const bool mine = t && t->assigneeId.isValid() && t->assigneeId == me.id;
    const bool engineerOk = me.role != Role::Engineer || mine; // engineers act on their own tickets only
    const bool awaiting = t && t->pendingApproval.isValid();

    show(action(Assign), live && !final && !suspended && m_workspace.may(POp::TicketAssign));
    bool acceptable = false;
    if (live && type && !final && m_workspace.may(POp::TicketAccept) && !t->acceptedAt.isValid() &&
        (mine || (me.role == Role::Admin && t->assigneeId.isValid()))) {
        bool typeHasAccept = false;
        for (const TransitionDef &d : type->transitions())
            typeHasAccept = typeHasAccept || d.trigger == u"accept";
        acceptable = !typeHasAccept || type->triggered(u"accept"_s, t->status);
    }
    show(action(Accept), acceptable);
    const bool mayComment = t && m_workspace.may(POp::TicketComment);
    show(action(Reply), mayComment);
    show(action(SendReply), mayComment);
    show(action(Note), mayComment && mayWriteNotes());
    show(action(SendNote), mayComment && mayWriteNotes());
    show(action(Suspend),
         live && type && type->canSuspend(t->status) && m_workspace.may(POp::TicketSuspend) && engineerOk);
    show(action(Resume),
         live && suspended && !t->suspendedFrom.isEmpty() && m_workspace.may(POp::TicketResume) && engineerOk);
    show(action(Urge), live && type && type->phaseOf(t->status) != Phase::Closed && m_workspace.may(POp::TicketUrge));
    show(action(Split), live && !final && hasMessages && m_workspace.may(POp::TicketSplit));
    show(action(Merge), live && !final && m_workspace.may(POp::TicketMerge));
    const bool approver = live && mayApprove(*t);
    show(action(Approve), approver);
    show(action(RejectApproval), approver);
    show(action(Reopen), live && !awaiting && mayReopen(*t));
    show(action(AddAttachment), t && m_workspace.may(POp::AttachmentBegin));
    show(action(SaveDetails), t && mayEdit(*t));

    // Named workflow transitions: exactly those the workflow offers this user now.
    const QStringList available = t ? m_workspace.availableTransitions(*t) : QStringList();
    for (QAction *a : std::as_const(m_knownOrder)) {
        const QString id = a->data().toString();
        show(a, available.contains(id));
        if (t && available.contains(id)) {
            a->setText(m_workspace.directory().transitionName(t->type, id) + u"…"_s);
            a->setToolTip(u"%1 (%2)"_s.arg(a->text(), a->shortcut().toString(QKeySequence::NativeText)));
        }
    }
    int slot = 0;
    for (QAction *a : std::as_const(m_extra)) {
        show(a, false);
        a->setData(QString());
        a->setText(QString());
    }
    for (const QString &id : available) {
        if (m_known.contains(id) || slot >= m_extra.size())
            continue;
        QAction *a = m_extra.at(slot++);
        a->setData(id);
        a->setText(m_workspace.directory().transitionName(t->type, id) + u"…"_s);
        a->setToolTip(u"%1 (%2)"_s.arg(a->text(), a->shortcut().toString(QKeySequence::NativeText)));
        show(a, true);
    }
}

} // namespace crewline::client
