#include "client/ui/callbackview.h"

#include "client/core/workspace.h"
#include "common/workflow.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QString outcomeText(const QString &outcome)
{
    if (outcome == u"satisfied")
        return CallbackView::tr("Satisfied");
    if (outcome == u"partly")
        return CallbackView::tr("Partly satisfied");
    if (outcome == u"unresolved")
        return CallbackView::tr("Unresolved");
    if (outcome == u"unreachable")
        return CallbackView::tr("Could not reach the customer");
    return outcome;
}

} // namespace

CallbackView::CallbackView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(u"callbacks"_s);
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    layout->addWidget(splitter);

    m_list = new QTreeWidget(splitter);
    m_list->setObjectName(u"callback.list"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Work order"), tr("Title"), tr("Customer"), tr("Contact"), tr("Completed"),
                             tr("Engineer"), tr("Callback")});
    m_list->header()->setStretchLastSection(true);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &CallbackView::showCurrent);
    connect(m_list, &QTreeWidget::itemActivated, this, [this] { Q_EMIT ticketActivated(currentTicket()); });

    auto *panel = new QWidget(splitter);
    auto *form = new QFormLayout(panel);
    m_title = new QLabel(panel);
    m_title->setObjectName(u"callback.ticket"_s);
    m_title->setWordWrap(true);
    m_customer = new QLabel(panel);
    m_customer->setObjectName(u"callback.customerAnswer"_s);
    m_customer->setWordWrap(true);
    m_contact = new QLineEdit(panel);
    m_contact->setObjectName(u"callback.contact"_s);
    m_contact->setPlaceholderText(tr("Whom you spoke to, and the number"));
    m_when = new QDateTimeEdit(panel);
    m_when->setObjectName(u"callback.when"_s);
    m_when->setCalendarPopup(true);
    m_outcome = new QComboBox(panel);
    m_outcome->setObjectName(u"callback.outcome"_s);
    for (const QString &o : callback::outcomes())
        m_outcome->addItem(outcomeText(o), o);
    m_note = new QPlainTextEdit(panel);
    m_note->setObjectName(u"callback.note"_s);
    m_note->setPlaceholderText(tr("What the customer said"));
    m_note->setMaximumHeight(80);
    form->addRow(m_title);
    form->addRow(tr("Customer's QR answer"), m_customer);
    form->addRow(tr("Called"), m_contact);
    form->addRow(tr("When"), m_when);
    form->addRow(tr("Outcome"), m_outcome);
    form->addRow(tr("Note"), m_note);
    auto *buttons = new QHBoxLayout;
    m_record = new QPushButton(tr("Record callback"), panel);
    m_record->setObjectName(u"callback.record"_s);
    m_recordClose = new QPushButton(tr("Record and close"), panel);
    m_recordClose->setObjectName(u"callback.recordClose"_s);
    m_close = new QPushButton(tr("Close ticket"), panel);
    m_close->setObjectName(u"callback.close"_s);
    m_return = new QPushButton(tr("Return to engineer…"), panel);
    m_return->setObjectName(u"callback.return"_s);
    for (QPushButton *b : {m_record, m_recordClose, m_close, m_return})
        buttons->addWidget(b);
    form->addRow(buttons);
    connect(m_record, &QPushButton::clicked, this, [this] { record(false); });
    connect(m_recordClose, &QPushButton::clicked, this, [this] { record(true); });
    connect(m_close, &QPushButton::clicked, this, &CallbackView::close);
    connect(m_return, &QPushButton::clicked, this, &CallbackView::returnToEngineer);
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this] {
        m_recordClose->setEnabled(m_record->isEnabled() && m_outcome->currentData().toString() != u"unresolved");
    });

    // The list follows the ticket model; rebuilt at most every 300 ms however many events arrive.
    const auto queue = [this] {
        if (m_refreshQueued)
            return;
        m_refreshQueued = true;
        QTimer::singleShot(300, this, [this] {
            m_refreshQueued = false;
            refresh();
        });
    };
    QAbstractItemModel *model = &m_workspace.tickets();
    connect(model, &QAbstractItemModel::rowsInserted, this, queue);
    connect(model, &QAbstractItemModel::rowsRemoved, this, queue);
    connect(model, &QAbstractItemModel::dataChanged, this, queue);
    connect(model, &QAbstractItemModel::modelReset, this, queue);
    connect(&m_workspace, &Workspace::actionConfirmed, this,
            [this](const OutboxAction &action, const QJsonObject &) { onConfirmed(action); });
    refresh();
}

TicketId CallbackView::currentTicket() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? TicketId(item->data(0, Qt::UserRole).toLongLong()) : TicketId();
}

void CallbackView::selectTicket(TicketId id)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == id.value())
            m_list->setCurrentItem(m_list->topLevelItem(i));
    }
}

void CallbackView::refresh()
{
    const TicketId keep = currentTicket();
    const QSignalBlocker block(m_list);
    m_list->clear();
    const Directory &dir = m_workspace.directory();
    for (const Ticket &t : m_workspace.callbackQueue()) {
        const QString result = t.fields.value(callback::kResult).toString();
        auto *item = new QTreeWidgetItem(
            m_list, {t.number, t.title, t.requester.name, t.requester.contact,
                     QLocale().toString(t.resolvedAt.toLocalTime(), QLocale::ShortFormat), dir.userName(t.assigneeId),
                     result.isEmpty() ? tr("Awaiting callback") : tr("Recorded: %1").arg(outcomeText(result))});
        item->setData(0, Qt::UserRole, t.id.value());
        if (t.fields.value(u"escalated"_s).toBool())
            item->setToolTip(0, tr("Escalated by the customer"));
    }
    selectTicket(keep);
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    showCurrent();
}

const TransitionDef *CallbackView::transitionFor(const Ticket &t, Step step) const
{
    const TicketType *type = m_workspace.directory().types().type(t.type);
    if (!type)
        return nullptr;
    for (const TransitionDef &def : type->transitions()) {
        if (!def.from.contains(t.status) || !def.trigger.isEmpty())
            continue;
        QStringList required = def.requiredFields;
        if (const StatusDef *s = type->status(def.to))
            required += s->requiredFields;
        const Phase to = type->phaseOf(def.to);
        if (step == Step::Record && required.contains(QString(callback::kResult)))
            return &def;
        if (step == Step::Close && to == Phase::Closed && !def.requiresComment)
            return &def;
        if (step == Step::Return && to == Phase::Active && def.requiresComment && !def.unassign)
            return &def;
    }
    return nullptr;
}

void CallbackView::showCurrent()
{
    const Ticket *t = m_workspace.tickets().ticket(currentTicket());
    const bool any = t != nullptr;
    for (QWidget *w : std::initializer_list<QWidget *>{m_contact, m_when, m_outcome, m_note})
        w->setEnabled(any);
    if (!t) {
        m_title->setText(tr("No completed tickets are waiting for a callback."));
        m_customer->clear();
        for (QPushButton *b : {m_record, m_recordClose, m_close, m_return})
            b->setEnabled(false);
        return;
    }
    m_title->setText(u"<b>%1</b> %2<br>%3"_s.arg(t->number.toHtmlEscaped(), t->title.toHtmlEscaped(),
                                                 t->fields.value(u"resolution"_s).toString().toHtmlEscaped()));
    const QJsonObject answer = t->fields.value(u"customerConfirmation"_s).toObject();
    if (answer.isEmpty()) {
        m_customer->setText(tr("None yet"));
    } else {
        const QString result = answer.value(u"result"_s).toString();
        QString text = result == u"partly" ? tr("Partly resolved") : outcomeText(result);
        if (answer.contains(u"rating"_s))
            text += u" · "_s + tr("%1 of 5").arg(answer.value(u"rating"_s).toInt());
        if (!answer.value(u"comment"_s).toString().isEmpty())
            text += u" · “"_s + answer.value(u"comment"_s).toString() + u"”"_s;
        m_customer->setText(text);
    }
    const QString recorded = t->fields.value(callback::kResult).toString();
    if (recorded.isEmpty()) {
        m_contact->setText(QStringList{t->requester.name, t->requester.contact}.join(u' ').trimmed());
        m_when->setDateTime(QDateTime::currentDateTime());
        m_note->clear();
        if (!answer.isEmpty())
            m_outcome->setCurrentIndex(m_outcome->findData(answer.value(u"result"_s).toString()));
    } else {
        m_contact->setText(t->fields.value(callback::kContact).toString());
        m_when->setDateTime(timeFromJson(t->fields.value(callback::kAt)).toLocalTime());
        m_outcome->setCurrentIndex(m_outcome->findData(recorded));
        m_note->setPlainText(t->fields.value(callback::kNote).toString());
    }
    const QStringList allowed = m_workspace.availableTransitions(*t);
    const auto may = [&](Step step) {
        const TransitionDef *def = transitionFor(*t, step);
        return def && allowed.contains(def->id);
    };
    m_record->setEnabled(may(Step::Record));
    m_recordClose->setEnabled(may(Step::Record) && m_outcome->currentData().toString() != u"unresolved");
    m_close->setEnabled(may(Step::Close) && !recorded.isEmpty() && recorded != u"unresolved");
    m_return->setEnabled(may(Step::Return));
}

void CallbackView::record(bool thenClose)
{
    const Ticket *t = m_workspace.tickets().ticket(currentTicket());
    const TransitionDef *def = t ? transitionFor(*t, Step::Record) : nullptr;
    if (!def)
        return;
    const QJsonObject fields{{QString(callback::kResult), m_outcome->currentData().toString()},
                             {QString(callback::kContact), m_contact->text().trimmed()},
                             {QString(callback::kAt), timeToJson(m_when->dateTime().toUTC())},
                             {QString(callback::kNote), m_note->toPlainText().trimmed()}};
    const QString idem = m_workspace.transition(t->id, def->id, fields, m_note->toPlainText().trimmed());
    if (thenClose && !idem.isEmpty())
        m_closeAfter = idem;
}

void CallbackView::onConfirmed(const OutboxAction &action)
{
    if (action.idem != m_closeAfter)
        return;
    m_closeAfter.clear();
    const TicketId id(action.data.value(u"ticketId"_s).toInteger());
    const Ticket *t = m_workspace.tickets().ticket(id);
    if (const TransitionDef *def = t ? transitionFor(*t, Step::Close) : nullptr)
        m_workspace.transition(id, def->id, {}, QString());
}

void CallbackView::close()
{
    const Ticket *t = m_workspace.tickets().ticket(currentTicket());
    if (const TransitionDef *def = t ? transitionFor(*t, Step::Close) : nullptr)
        m_workspace.transition(t->id, def->id, {}, QString());
}

void CallbackView::returnToEngineer()
{
    const Ticket *t = m_workspace.tickets().ticket(currentTicket());
    const TransitionDef *def = t ? transitionFor(*t, Step::Return) : nullptr;
    if (!def)
        return;
    bool ok = false;
    const QString reason =
        QInputDialog::getMultiLineText(this, tr("Return to engineer"),
                                       tr("Why does %1 go back to the engineer?").arg(t->number), QString(), &ok)
            .trimmed();
    if (!ok || reason.isEmpty())
        return;
    m_workspace.transition(t->id, def->id, {}, reason);
}

} // namespace crewline::client
