#include "client/ui/boardmoves.h"

#include "client/core/workspace.h"

#include <QComboBox>
#include <QCursor>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>

#include <functional>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QString fieldLabel(const QString &f)
{
    if (f == u"resolution")
        return BoardMoves::tr("Resolution");
    if (f == u"callbackResult")
        return BoardMoves::tr("Callback result");
    if (f == u"assignee")
        return BoardMoves::tr("an assignee");
    return f;
}

// A compact form for what a move needs: an assignee, custom fields, a comment. Non-blocking (open()), deleted
// on close; done(fields, comment, assignee) runs on OK.
QDialog *moveDialog(QWidget *parent, Workspace &ws, const QString &title, bool needsAssignee, const QStringList &fields,
                    bool needsComment, std::function<void(const QJsonObject &, const QString &, UserId)> done)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(u"boardMoveDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto *form = new QFormLayout(dialog);
    QComboBox *assignee = nullptr;
    if (needsAssignee) {
        assignee = new QComboBox(dialog);
        assignee->setObjectName(u"assignee"_s);
        for (const User &u : ws.directory().assignableUsers())
            assignee->addItem(u.displayName.isEmpty() ? u.username : u.displayName, u.id.value());
        form->addRow(BoardMoves::tr("Assign to:"), assignee);
    }
    QList<QPair<QString, QLineEdit *>> edits;
    for (const QString &f : fields) {
        auto *edit = new QLineEdit(dialog);
        edit->setObjectName(u"field."_s + f);
        form->addRow(fieldLabel(f) + u':', edit);
        edits << qMakePair(f, edit);
    }
    QPlainTextEdit *comment = nullptr;
    if (needsComment) {
        comment = new QPlainTextEdit(dialog);
        comment->setObjectName(u"comment"_s);
        comment->setTabChangesFocus(true);
        comment->setPlaceholderText(BoardMoves::tr("Why? (required)"));
        form->addRow(BoardMoves::tr("Comment:"), comment);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    form->addRow(buttons);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    const auto validate = [=] {
        bool complete = !assignee || assignee->currentIndex() >= 0;
        for (const auto &[name, edit] : edits)
            complete = complete && !edit->text().trimmed().isEmpty();
        complete = complete && (!comment || !comment->toPlainText().trimmed().isEmpty());
        ok->setEnabled(complete);
    };
    for (const auto &[name, edit] : edits)
        QObject::connect(edit, &QLineEdit::textChanged, dialog, validate);
    if (comment)
        QObject::connect(comment, &QPlainTextEdit::textChanged, dialog, validate);
    validate();
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, [=] {
        if (!ok->isEnabled())
            return;
        QJsonObject values;
        for (const auto &[name, edit] : edits)
            values.insert(name, edit->text().trimmed());
        done(values, comment ? comment->toPlainText().trimmed() : QString(),
             assignee ? UserId(assignee->currentData().toLongLong()) : UserId());
        dialog->accept();
    });
    dialog->open();
    return dialog;
}

} // namespace

BoardMoves::BoardMoves(Workspace &workspace, QWidget *ui)
    : QObject(ui)
    , m_workspace(workspace)
    , m_ui(ui)
{
}

QList<BoardMoves::Move> BoardMoves::movesFor(const Ticket &t, const QString &to, QString *whyNot) const
{
    QList<Move> out;
    const Directory &dir = m_workspace.directory();
    const TicketType *type = dir.types().type(t.type);
    const User &me = m_workspace.me();
    if (!type || t.status == to)
        return out;
    const QString toName = dir.statusName(t.type, to);
    if (t.pendingApproval.isValid()) {
        *whyNot = tr("%1 is waiting for an approval and cannot move now.").arg(t.number);
        return out;
    }
    QStringList blocked; // built-in fields the ticket lacks for a move that leads there

    for (const QString &id : m_workspace.availableTransitions(t)) {
        const TransitionDef *def = type->transition(id);
        if (!def || def->to != to)
            continue;
        QStringList required = def->requiredFields;
        if (const StatusDef *s = type->status(to))
            required += s->requiredFields;
        Move m;
        m.kind = Move::Kind::Transition;
        m.transition = id;
        m.label = def->name.in(dir.language());
        m.needsComment = def->requiresComment;
        bool possible = true;
        for (const QString &f : std::as_const(required)) {
            if (ticketHasField(t, f) || m.fields.contains(f))
                continue;
            if (isColumnField(f)) { // checked on the ticket itself: cannot be given with a transition
                blocked << fieldLabel(f);
                possible = false;
            } else {
                m.fields << f;
            }
        }
        if (possible)
            out << m;
    }
    const Actor actor{me.id, me.role};
    const auto triggered = [&](const QString &trigger) -> const TransitionDef * {
        const TransitionDef *def = type->triggered(trigger, t.status);
        return def && def->to == to ? def : nullptr;
    };
    if (triggered(u"assign"_s) && m_workspace.may(protocol::Op::TicketAssign))
        out << Move{Move::Kind::Assign, {}, tr("Assign…"), {}, false};
    if (triggered(u"accept"_s) && m_workspace.may(protocol::Op::TicketAccept) && !t.acceptedAt.isValid() &&
        (t.assigneeId == me.id || me.role == Role::Admin))
        out << Move{Move::Kind::Accept, {}, tr("Accept"), {}, false};
    if (const TransitionDef *def = triggered(u"reopen"_s);
        def && m_workspace.may(protocol::Op::TicketReopen) &&
        type->mayPerform(*def, actor, t.assigneeId, t.requester.userId))
        out << Move{Move::Kind::Reopen, {}, def->name.in(dir.language()), {}, true};
    if (to == TicketType::kSuspended && type->canSuspend(t.status) && m_workspace.may(protocol::Op::TicketSuspend))
        out << Move{Move::Kind::Suspend, {}, tr("Suspend"), {}, true};
    if (t.status == TicketType::kSuspended && to == t.suspendedFrom && m_workspace.may(protocol::Op::TicketResume))
        out << Move{Move::Kind::Resume, {}, tr("Resume"), {}, false};

    if (out.isEmpty()) {
        const QString from = dir.statusName(t.type, t.status);
        *whyNot = blocked.isEmpty()
                      ? tr("%1 cannot go from “%2” to “%3”: the workflow has no such step for you.")
                            .arg(t.number, from, toName)
                      : tr("%1 needs %2 before it can go to “%3”.").arg(t.number, blocked.join(u", "_s), toName);
    }
    return out;
}

bool BoardMoves::start(const QList<TicketId> &ids, const QString &toStatus)
{
    QList<TicketId> moving;
    for (TicketId id : ids) {
        const Ticket *t = m_workspace.tickets().ticket(id);
        if (t && t->status != toStatus)
            moving << id;
    }
    if (moving.isEmpty())
        return false; // dropped where they already are
    QString whyNot;
    const QList<Move> moves = movesFor(*m_workspace.tickets().ticket(moving.first()), toStatus, &whyNot);
    if (moves.isEmpty()) {
        Q_EMIT refused(whyNot);
        return false;
    }
    if (moves.size() == 1) {
        choose(moving, toStatus, moves.first());
        return true;
    }
    auto *menu = new QMenu(m_ui);
    menu->setObjectName(u"boardMoveMenu"_s);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const Move &m : moves) {
        QAction *a = menu->addAction(m.label);
        connect(a, &QAction::triggered, this, [this, moving, toStatus, m] { choose(moving, toStatus, m); });
    }
    menu->popup(QCursor::pos());
    return true;
}

void BoardMoves::choose(const QList<TicketId> &ids, const QString &toStatus, const Move &move)
{
    const bool needsAssignee = move.kind == Move::Kind::Assign;
    if (!needsAssignee && move.fields.isEmpty() && !move.needsComment) {
        perform(ids, toStatus, move, {}, {}, {});
        return;
    }
    const QString title = ids.size() == 1
                              ? tr("%1: %2").arg(m_workspace.tickets().ticket(ids.first())->number, move.label)
                              : tr("%1 (%n ticket(s))", nullptr, static_cast<int>(ids.size())).arg(move.label);
    moveDialog(m_ui, m_workspace, title, needsAssignee, move.fields, move.needsComment,
               [this, ids, toStatus, move](const QJsonObject &fields, const QString &comment, UserId assignee) {
                   perform(ids, toStatus, move, fields, comment, assignee);
               });
}

void BoardMoves::perform(const QList<TicketId> &ids, const QString &toStatus, const Move &move,
                         const QJsonObject &fields, const QString &comment, UserId assignee)
{
    int done = 0;
    QStringList notPossible;
    for (TicketId id : ids) {
        const Ticket *t = m_workspace.tickets().ticket(id);
        QString whyNot;
        if (!t || !movesFor(*t, toStatus, &whyNot).contains(move)) {
            notPossible << (t ? t->number : QString::number(id.value()));
            continue;
        }
        QString idem;
        switch (move.kind) {
        case Move::Kind::Transition:
            idem = m_workspace.transition(id, move.transition, fields, comment);
            break;
        case Move::Kind::Assign:
            idem = m_workspace.assign(id, assignee);
            break;
        case Move::Kind::Accept:
            idem = m_workspace.accept(id);
            break;
        case Move::Kind::Suspend:
            idem = m_workspace.suspend(id, comment);
            break;
        case Move::Kind::Resume:
            idem = m_workspace.resume(id);
            break;
        case Move::Kind::Reopen:
            idem = m_workspace.reopen(id, comment);
            break;
        }
        if (idem.isEmpty())
            notPossible << t->number;
        else
            ++done;
    }
    const Ticket *first = m_workspace.tickets().ticket(ids.first());
    const QString to = first ? m_workspace.directory().statusName(first->type, toStatus) : toStatus;
    if (notPossible.isEmpty())
        Q_EMIT sent(tr("%1 → “%2”: %n ticket(s) sent.", nullptr, done).arg(move.label, to));
    else
        Q_EMIT refused(tr("%1 → “%2”: %n ticket(s) sent; not possible for %3.", nullptr, done)
                           .arg(move.label, to, notPossible.join(u", "_s)));
}

} // namespace crewline::client
