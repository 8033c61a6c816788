#pragma once

// The operations a ticket view offers, as QActions with fixed object names ("action.assign", ...) and shortcuts,
// and the rule deciding which of them the signed-in user may perform on a given ticket now. The rules mirror what
// the server enforces (the role table in common/permissions.h, the ticket type's workflow, the per-operation checks
// in the ticket service), so the console offers only what the server will accept; the server stays the authority.
// The set of actions is fixed at construction (menus take them once); what is not allowed now is hidden.

#include "common/domain.h"

#include <QHash>
#include <QList>
#include <QObject>

class QAction;
class QWidget;

namespace crewline::client {

class Workspace;

class TicketActions : public QObject
{
    Q_OBJECT
public:
    enum Op
    {
        Assign,
        Accept,
        Reply,
        Note,
        SendReply,
        SendNote,
        Suspend,
        Resume,
        Urge,
        Split,
        Merge,
        Approve,
        RejectApproval,
        Reopen,
        AddAttachment,
        SaveDetails,
        OpCount
    };

    // The actions are added to owner, with Qt::WidgetWithChildrenShortcut.
    TicketActions(Workspace &workspace, QWidget *owner);

    QAction *action(Op op) const { return m_ops.at(op); }
    // The action that performs a named workflow transition on the current ticket, if it is offered now.
    QAction *transitionAction(const QString &transitionId) const;
    QList<QAction *> all() const;

    // Shows exactly the actions the user may perform on this ticket now (none for nullptr).
    void update(const Ticket *ticket, bool hasMessages);

    // Whether the user may edit the ticket's fields (title, priority, category, ...).
    bool mayEdit(const Ticket &ticket) const;
    bool mayWriteNotes() const;
    bool mayApprove(const Ticket &ticket) const;
    bool mayReopen(const Ticket &ticket) const;

Q_SIGNALS:
    void triggered(crewline::client::TicketActions::Op op);
    void transitionTriggered(const QString &transitionId);

private:
    QAction *make(const QString &name, const QString &text, const QKeySequence &key);

    Workspace &m_workspace;
    QWidget *m_owner;
    QList<QAction *> m_ops;
    QHash<QString, QAction *> m_known; // transitions of the default workflows, by id, each with its own key
    QList<QAction *> m_knownOrder;
    QList<QAction *> m_extra; // slots for transitions an administrator added
};

} // namespace crewline::client
