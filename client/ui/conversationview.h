#pragma once

// A ticket's conversation: the description, then every message in order with its author and time — public replies
// plain, internal notes on a yellow background with a lock and "Internal note", so nobody mistakes one for the
// other — then the user's own messages that the server has not confirmed yet. Below, the reply box: "Reply"
// (public, Ctrl+Enter) and "Internal note" (Ctrl+Shift+Enter). In split mode every message gets a checkbox and a bar
// asks for the new ticket's title. Message text is always shown as plain text.

#include "client/core/outbox.h"
#include "common/domain.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QShortcut;
class QVBoxLayout;

namespace crewline::client {

class ConversationView : public QWidget
{
    Q_OBJECT
public:
    explicit ConversationView(QWidget *parent = nullptr);

    // Shows a ticket's description and messages; keeps the scroll position (or stays at the end) and the split
    // selection when the same ticket is shown again.
    void setConversation(const Ticket &ticket, const QList<Comment> &comments,
                         const QList<AttachmentInfo> &attachments);
    // The user's unconfirmed (or refused) messages on this ticket, shown after the confirmed ones.
    void setPending(const QList<OutboxAction> &actions);
    void clear();

    void setMayReply(bool may);
    void setMayWriteNotes(bool may);
    // Puts the cursor in the reply box, marked as a public reply or an internal note.
    void focusEditor(CommentKind kind);
    CommentKind editorKind() const { return m_editorKind; }
    // Sends the draft as kind (from a shortcut); asks first when a started note would go out as a public reply.
    void requestSend(CommentKind kind);
    QString draft() const;
    // Puts text in the reply box, marked as a reply or a note (a note only where the user may write notes).
    void setDraft(const QString &text, CommentKind kind = CommentKind::Public);

    void setSplitMode(bool on);
    bool splitMode() const { return m_splitMode; }
    QList<qint64> selectedForSplit() const;
    // Whether the message is shown (tests, and the detail view's split preconditions).
    int messageCount() const { return static_cast<int>(m_comments.size()); }

Q_SIGNALS:
    // The user asked to send the editor's text; the owner sends it and calls setDraft({}) once queued.
    void sendRequested(crewline::CommentKind kind, const QString &body);
    void splitRequested(const QList<qint64> &commentIds, const QString &title);

private:
    QWidget *messageWidget(const Comment &c, const QList<AttachmentInfo> &files);
    QWidget *pendingWidget(const OutboxAction &a);
    void rebuild();
    void updateSplitBar();
    void updateEditorLook();

    Ticket m_ticket;
    QList<Comment> m_comments;
    QList<AttachmentInfo> m_attachments;
    QList<OutboxAction> m_pending;
    QSet<qint64> m_selected;
    bool m_splitMode = false;
    bool m_mayReply = true;
    bool m_mayNotes = false;
    CommentKind m_editorKind = CommentKind::Public;

    QScrollArea *m_scroll = nullptr;
    QWidget *m_thread = nullptr;
    QVBoxLayout *m_threadLayout = nullptr;
    QWidget *m_splitBar = nullptr;
    QLabel *m_splitLabel = nullptr;
    QLineEdit *m_splitTitle = nullptr;
    QPushButton *m_splitButton = nullptr;
    QLabel *m_editorIcon = nullptr;
    QLabel *m_editorLabel = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QPushButton *m_replyButton = nullptr;
    QPushButton *m_noteButton = nullptr;
    QShortcut *m_escape = nullptr;
};

} // namespace crewline::client
