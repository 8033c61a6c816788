#include "client/ui/conversationview.h"

#include <QApplication>
#include <QCheckBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

// Message frames are told apart by a "kind" property; internal notes must never look like public replies.
const QString kThreadStyle = uR"(
QFrame[kind="public"] { background: #ffffff; border: 1px solid #c5d5e8; border-radius: 6px; }
QFrame[kind="internal"] { background: #fff4b8; border: 1px solid #e0b400; border-left: 5px solid #e0b400;
                          border-radius: 6px; }
QFrame[kind="description"] { background: #f1f5fa; border: 1px solid #cfd8e3; border-radius: 6px; }
QFrame[kind="pending"] { background: #ffffff; border: 1px dashed #9e9e9e; border-radius: 6px; }
QFrame[kind="failed"] { background: #fdecea; border: 1px dashed #c62828; border-radius: 6px; }
QFrame[kind] QLabel { color: #202124; background: transparent; }
QLabel[role="internalTag"] { color: #6d4c00; font-weight: bold; }
QLabel[role="meta"] { color: #5f6368; }
)"_s;

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

QLabel *plainLabel(const QString &text, QWidget *parent, const QString &objectName = QString())
{
    auto *l = new QLabel(text, parent);
    l->setTextFormat(Qt::PlainText); // user content is never interpreted as markup
    if (!objectName.isEmpty())
        l->setObjectName(objectName);
    return l;
}

// A padlock, drawn rather than taken from a font: emoji fonts are missing on many desktops.
QPixmap lockPixmap(int size, const QColor &colour)
{
    const qreal dpr = qApp->devicePixelRatio();
    QPixmap pm(QSize(size, size) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colour, size / 8.0));
    p.drawArc(QRectF(size * 0.28, size * 0.08, size * 0.44, size * 0.5), 0, 180 * 16);
    p.drawLine(QPointF(size * 0.28, size * 0.33), QPointF(size * 0.28, size * 0.5));
    p.drawLine(QPointF(size * 0.72, size * 0.33), QPointF(size * 0.72, size * 0.5));
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(QRectF(size * 0.14, size * 0.46, size * 0.72, size * 0.5), size * 0.1, size * 0.1);
    return pm;
}

const QColor kLockColour(0x6d, 0x4c, 0x00);

// "Internal note" with a padlock, or "Public reply"; the text label carries objectName.
QWidget *kindTag(bool internal, QWidget *parent, const QString &objectName)
{
    auto *tag = new QWidget(parent);
    auto *layout = new QHBoxLayout(tag);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *text = plainLabel(internal ? ConversationView::tr("Internal note") : ConversationView::tr("Public reply"),
                            tag, objectName);
    text->setProperty("role", internal ? u"internalTag"_s : u"meta"_s);
    if (internal) {
        auto *icon = new QLabel(tag);
        const int size = text->fontMetrics().height();
        icon->setPixmap(lockPixmap(size, kLockColour));
        layout->addWidget(icon);
        tag->setToolTip(ConversationView::tr("Only staff can see this note; the requester cannot."));
    }
    layout->addWidget(text);
    return tag;
}

} // namespace

ConversationView::ConversationView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"conversation"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(u"conversation.scroll"_s);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_thread = new QWidget(m_scroll);
    m_thread->setObjectName(u"conversation.thread"_s);
    m_thread->setStyleSheet(kThreadStyle);
    m_threadLayout = new QVBoxLayout(m_thread);
    m_threadLayout->setSpacing(8);
    m_threadLayout->addStretch(1);
    m_scroll->setWidget(m_thread);
    layout->addWidget(m_scroll, 1);

    // Split mode: choose messages, give the new ticket a title.
    m_splitBar = new QWidget(this);
    m_splitBar->setObjectName(u"split.bar"_s);
    auto *split = new QHBoxLayout(m_splitBar);
    split->setContentsMargins(4, 4, 4, 4);
    m_splitLabel = new QLabel(m_splitBar);
    m_splitTitle = new QLineEdit(m_splitBar);
    m_splitTitle->setObjectName(u"split.title"_s);
    m_splitTitle->setPlaceholderText(tr("Title of the new ticket (optional)"));
    m_splitButton = new QPushButton(tr("Split into new ticket"), m_splitBar);
    m_splitButton->setObjectName(u"split.confirm"_s);
    auto *cancel = new QPushButton(tr("Cancel"), m_splitBar);
    cancel->setObjectName(u"split.cancel"_s);
    split->addWidget(m_splitLabel);
    split->addWidget(m_splitTitle, 1);
    split->addWidget(m_splitButton);
    split->addWidget(cancel);
    m_splitBar->hide();
    layout->addWidget(m_splitBar);
    connect(m_splitButton, &QPushButton::clicked, this, [this] {
        const QList<qint64> ids = selectedForSplit();
        if (!ids.isEmpty())
            Q_EMIT splitRequested(ids, m_splitTitle->text().trimmed());
    });
    connect(cancel, &QPushButton::clicked, this, [this] { setSplitMode(false); });
    m_escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    m_escape->setContext(Qt::WidgetWithChildrenShortcut);
    m_escape->setEnabled(false); // only while choosing messages: otherwise Escape belongs to whoever holds us
    connect(m_escape, &QShortcut::activated, this, [this] { setSplitMode(false); });

    // The reply box.
    auto *mode = new QHBoxLayout;
    m_editorIcon = new QLabel(this);
    m_editorIcon->setPixmap(lockPixmap(fontMetrics().height(), kLockColour));
    m_editorLabel = new QLabel(this);
    m_editorLabel->setObjectName(u"reply.mode"_s);
    mode->addWidget(m_editorIcon);
    mode->addWidget(m_editorLabel, 1);
    layout->addLayout(mode);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(u"reply.editor"_s);
    m_editor->setTabChangesFocus(true);
    m_editor->setFixedHeight(m_editor->fontMetrics().lineSpacing() * 5 + 14);
    layout->addWidget(m_editor);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_noteButton = new QPushButton(QIcon(lockPixmap(16, kLockColour)), tr("Internal note"), this);
    m_noteButton->setObjectName(u"reply.note"_s);
    m_noteButton->setToolTip(
        tr("Add a note only staff can see (%1)")
            .arg(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return).toString(QKeySequence::NativeText)));
    m_replyButton = new QPushButton(tr("Reply"), this);
    m_replyButton->setObjectName(u"reply.send"_s);
    m_replyButton->setToolTip(tr("Send a reply the requester can read (%1)")
                                  .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)));
    buttons->addWidget(m_noteButton);
    buttons->addWidget(m_replyButton);
    layout->addLayout(buttons);
    connect(m_replyButton, &QPushButton::clicked, this, [this] {
        if (!draft().isEmpty())
            Q_EMIT sendRequested(CommentKind::Public, draft());
    });
    connect(m_noteButton, &QPushButton::clicked, this, [this] {
        if (!draft().isEmpty())
            Q_EMIT sendRequested(CommentKind::Internal, draft());
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        const bool has = !draft().isEmpty();
        m_replyButton->setEnabled(has && m_mayReply);
        m_noteButton->setEnabled(has && m_mayNotes);
    });
    setMayWriteNotes(false);
    updateEditorLook();
    m_replyButton->setEnabled(false);
    m_noteButton->setEnabled(false);
}

void ConversationView::setConversation(const Ticket &ticket, const QList<Comment> &comments,
                                       const QList<AttachmentInfo> &attachments)
{
    const bool sameTicket = ticket.id == m_ticket.id;
    const QScrollBar *bar = m_scroll->verticalScrollBar();
    const bool atEnd = !sameTicket || bar->value() >= bar->maximum() - 4;
    const int position = bar->value();
    if (!sameTicket) {
        m_selected.clear();
        m_pending.clear();
        setSplitMode(false);
    }
    m_ticket = ticket;
    m_comments = comments;
    m_attachments = attachments;
    QSet<qint64> present;
    for (const Comment &c : comments)
        present.insert(c.id.value());
    m_selected.intersect(present);
    rebuild();
    QTimer::singleShot(0, this, [this, atEnd, position] {
        QScrollBar *b = m_scroll->verticalScrollBar();
        b->setValue(atEnd ? b->maximum() : position);
    });
}

void ConversationView::setPending(const QList<OutboxAction> &actions)
{
    m_pending = actions;
    rebuild();
}

void ConversationView::clear()
{
    m_ticket = Ticket();
    m_comments.clear();
    m_attachments.clear();
    m_pending.clear();
    m_selected.clear();
    setSplitMode(false);
    rebuild();
}

void ConversationView::rebuild()
{
    while (m_threadLayout->count() > 0) {
        QLayoutItem *item = m_threadLayout->takeAt(0);
        delete item->widget();
        delete item;
    }
    if (m_ticket.id.isValid()) {
        auto *desc = new QFrame(m_thread);
        desc->setObjectName(u"message.description"_s);
        desc->setProperty("kind", u"description"_s);
        auto *l = new QVBoxLayout(desc);
        const QString who = m_ticket.requester.name.isEmpty() ? tr("Requester") : m_ticket.requester.name;
        auto *meta = plainLabel(tr("%1 · %2 · via %3").arg(who, timeText(m_ticket.createdAt), m_ticket.source), desc);
        meta->setProperty("role", u"meta"_s);
        l->addWidget(meta);
        auto *title = plainLabel(m_ticket.title, desc);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        title->setWordWrap(true);
        l->addWidget(title);
        if (!m_ticket.description.trimmed().isEmpty()) {
            auto *body = plainLabel(m_ticket.description, desc, u"message.description.body"_s);
            body->setWordWrap(true);
            body->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
            l->addWidget(body);
        }
        m_threadLayout->addWidget(desc);
    }
    for (const Comment &c : std::as_const(m_comments)) {
        QList<AttachmentInfo> files;
        for (const AttachmentInfo &a : std::as_const(m_attachments)) {
            if (a.commentId == c.id)
                files << a;
        }
        m_threadLayout->addWidget(messageWidget(c, files));
    }
    for (const OutboxAction &a : std::as_const(m_pending))
        m_threadLayout->addWidget(pendingWidget(a));
    m_threadLayout->addStretch(1);
    updateSplitBar();
}

QWidget *ConversationView::messageWidget(const Comment &c, const QList<AttachmentInfo> &files)
{
    const bool internal = c.kind == CommentKind::Internal;
    const QString id = QString::number(c.id.value());
    auto *frame = new QFrame(m_thread);
    frame->setObjectName(u"message."_s + id);
    frame->setProperty("kind", internal ? u"internal"_s : u"public"_s);
    frame->setProperty("commentId", c.id.value());
    auto *layout = new QVBoxLayout(frame);
    auto *header = new QHBoxLayout;
    if (m_splitMode) {
        auto *check = new QCheckBox(frame);
        check->setObjectName(u"message.%1.select"_s.arg(id));
        check->setChecked(m_selected.contains(c.id.value()));
        check->setToolTip(tr("Move this message to the new ticket"));
        connect(check, &QCheckBox::toggled, this, [this, cid = c.id.value()](bool on) {
            if (on)
                m_selected.insert(cid);
            else
                m_selected.remove(cid);
            updateSplitBar();
        });
        header->addWidget(check);
    }
    auto *author =
        plainLabel(c.authorName.isEmpty() ? tr("Unknown") : c.authorName, frame, u"message.%1.author"_s.arg(id));
    QFont bold = author->font();
    bold.setBold(true);
    author->setFont(bold);
    header->addWidget(author);
    auto *when = plainLabel(timeText(c.createdAt), frame, u"message.%1.time"_s.arg(id));
    when->setProperty("role", u"meta"_s);
    header->addWidget(when);
    if (c.originTicketId.isValid() && c.originTicketId != m_ticket.id) {
        auto *moved = plainLabel(tr("(moved from another ticket)"), frame);
        moved->setProperty("role", u"meta"_s);
        header->addWidget(moved);
    }
    header->addStretch(1);
    header->addWidget(kindTag(internal, frame, u"message.%1.kind"_s.arg(id)));
    layout->addLayout(header);

    auto *body = plainLabel(c.body, frame, u"message.%1.body"_s.arg(id));
    body->setWordWrap(true);
    body->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(body);
    for (const AttachmentInfo &a : files) {
        auto *file = plainLabel(tr("Attached: %1 (%2)").arg(a.fileName, QLocale().formattedDataSize(a.size)), frame);
        file->setProperty("role", u"meta"_s);
        layout->addWidget(file);
    }
    return frame;
}

QWidget *ConversationView::pendingWidget(const OutboxAction &a)
{
    const bool failed = a.state == OutboxAction::State::Failed;
    const bool internal = a.data.value(u"kind"_s).toString() == commentKindName(CommentKind::Internal);
    auto *frame = new QFrame(m_thread);
    frame->setObjectName(u"pending."_s + a.idem);
    frame->setProperty("kind", failed ? u"failed"_s : (internal ? u"internal"_s : u"pending"_s));
    auto *layout = new QVBoxLayout(frame);
    auto *header = new QHBoxLayout;
    auto *state = plainLabel(failed ? tr("Not sent: %1").arg(a.error.message) : tr("Sending… (not confirmed yet)"),
                             frame, u"pending.state"_s);
    state->setProperty("role", u"meta"_s);
    state->setWordWrap(true);
    header->addWidget(state, 1);
    header->addWidget(kindTag(internal, frame, QString()));
    layout->addLayout(header);
    auto *body = plainLabel(a.data.value(u"body"_s).toString(), frame);
    body->setWordWrap(true);
    layout->addWidget(body);
    return frame;
}

void ConversationView::setMayReply(bool may)
{
    m_mayReply = may;
    m_editor->setEnabled(may);
    m_replyButton->setVisible(may);
    m_replyButton->setEnabled(may && !draft().isEmpty());
}

void ConversationView::setMayWriteNotes(bool may)
{
    m_mayNotes = may;
    m_noteButton->setVisible(may);
    m_noteButton->setEnabled(may && !draft().isEmpty());
    if (!may && m_editorKind == CommentKind::Internal) {
        m_editorKind = CommentKind::Public;
        updateEditorLook();
    }
}

void ConversationView::focusEditor(CommentKind kind)
{
    if (kind == CommentKind::Internal && !m_mayNotes)
        kind = CommentKind::Public;
    m_editorKind = kind;
    updateEditorLook();
    m_editor->setFocus(Qt::ShortcutFocusReason);
}

void ConversationView::updateEditorLook()
{
    const bool note = m_editorKind == CommentKind::Internal;
    const QString send = QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
    const QString noteKey = QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return).toString(QKeySequence::NativeText);
    m_editorIcon->setVisible(note);
    m_editorLabel->setText(note ? tr("Internal note — only staff can see it (%1)").arg(noteKey)
                                : tr("Reply to the requester — public (%1)").arg(send));
    m_editor->setPlaceholderText(note ? tr("Write an internal note…") : tr("Write a reply…"));
    m_editor->setStyleSheet(note ? u"QPlainTextEdit { background: #fff4b8; color: #202124; }"_s : QString());
}

void ConversationView::requestSend(CommentKind kind)
{
    if (draft().isEmpty()) {
        focusEditor(kind);
        return;
    }
    if (kind == CommentKind::Internal && !m_mayNotes)
        return;
    if (kind == CommentKind::Public && m_editorKind == CommentKind::Internal) {
        // Started as a note: make sure staff-only text does not reach the requester by a slip of the finger.
        const auto answer = QMessageBox::question(
            this, tr("Send as a public reply?"),
            tr("You started this as an internal note. Send it as a public reply that the requester can read?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    Q_EMIT sendRequested(kind, draft());
}

QString ConversationView::draft() const
{
    return m_editor->toPlainText().trimmed();
}

void ConversationView::setDraft(const QString &text, CommentKind kind)
{
    m_editor->setPlainText(text);
    m_editorKind = kind == CommentKind::Internal && m_mayNotes ? kind : CommentKind::Public;
    updateEditorLook();
}

void ConversationView::setSplitMode(bool on)
{
    if (on == m_splitMode)
        return;
    m_splitMode = on;
    if (!on) {
        m_selected.clear();
        m_splitTitle->clear();
    }
    m_splitBar->setVisible(on);
    m_escape->setEnabled(on);
    rebuild();
    if (on)
        m_splitTitle->setFocus(Qt::ShortcutFocusReason);
}

QList<qint64> ConversationView::selectedForSplit() const
{
    QList<qint64> out;
    for (const Comment &c : m_comments) { // in thread order
        if (m_selected.contains(c.id.value()))
            out << c.id.value();
    }
    return out;
}

void ConversationView::updateSplitBar()
{
    const qsizetype n = selectedForSplit().size();
    m_splitLabel->setText(tr("Tick the messages to move: %n selected", nullptr, static_cast<int>(n)));
    m_splitButton->setEnabled(n > 0);
}

} // namespace crewline::client
