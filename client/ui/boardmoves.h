#pragma once

// What moving tickets to a status means in their workflow, and doing it. A status can be reached by a named
// transition, or by an operation whose workflow step leads there (assign, accept, suspend, resume, reopen); only the
// moves this user may perform from the cached type definitions are offered (the server decides in the end). When
// several lead there it offers a menu; when one needs an assignee, fields or a reason it asks in a small dialog;
// everything goes through the workspace's outbox. The board's drops use it; any view that moves tickets by status can.

#include "common/domain.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

class QWidget;

namespace crewline::client {

class Workspace;

class BoardMoves : public QObject
{
    Q_OBJECT
public:
    struct Move
    {
        enum class Kind
        {
            Transition,
            Assign,
            Accept,
            Suspend,
            Resume,
            Reopen
        };
        Kind kind = Kind::Transition;
        QString transition; // for Kind::Transition
        QString label;
        QStringList fields; // custom fields to ask for
        bool needsComment = false;
        bool operator==(const Move &o) const { return kind == o.kind && transition == o.transition; }
    };

    // ui: the parent of the menu and the dialog (object names "boardMoveMenu", "boardMoveDialog").
    BoardMoves(Workspace &workspace, QWidget *ui);

    // The moves that take this ticket to the status; when there are none, whyNot says why.
    QList<Move> movesFor(const Ticket &ticket, const QString &toStatus, QString *whyNot) const;
    // Starts moving the tickets to the status (decided on the first; the others follow when they may). False when
    // refused: nothing moves, and refused() says why.
    bool start(const QList<TicketId> &ids, const QString &toStatus);

Q_SIGNALS:
    void sent(const QString &text);    // what was queued
    void refused(const QString &text); // why not (or not for all)

private:
    void choose(const QList<TicketId> &ids, const QString &toStatus, const Move &move);
    void perform(const QList<TicketId> &ids, const QString &toStatus, const Move &move, const QJsonObject &fields,
                 const QString &comment, UserId assignee);

    Workspace &m_workspace;
    QWidget *m_ui;
};

} // namespace crewline::client
