#include "client/ui/conflictdialog.h"

#include "client/core/ticketmodel.h"
#include "client/core/workspace.h"
#include "client/ui/historyview.h"
#include "client/ui/transitiondialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

using protocol::Op;

ConflictDialog::ConflictDialog(Workspace &workspace, const OutboxAction &action, const Ticket &current, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_action(action)
    , m_current(current)
{
    setObjectName(u"conflictDialog"_s);
    setWindowTitle(tr("Someone else changed %1").arg(current.number));
    const std::optional<Ticket> before = workspace.basisOf(action.idem);
    const qint64 yourVersion = action.data.value(u"version"_s).toInteger();

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Your change was not applied: %1 changed after you looked at it (you saw version "
                                "%2, it is now at version %3).")
                                 .arg(current.number)
                                 .arg(yourVersion)
                                 .arg(current.version),
                             this);
    intro->setObjectName(u"conflict.intro"_s);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *mine = new QLabel(tr("Your change: %1").arg(describeAction(workspace, action, current)), this);
    mine->setObjectName(u"conflict.mine"_s);
    mine->setTextFormat(Qt::PlainText);
    mine->setWordWrap(true);
    QFont bold = mine->font();
    bold.setBold(true);
    mine->setFont(bold);
    layout->addWidget(mine);

    m_table = new QTableWidget(this);
    m_table->setObjectName(u"conflict.table"_s);
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("When you acted"), tr("Now")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    fillTable(before);

    m_who = new QLabel(tr("Looking up who changed it…"), this);
    m_who->setObjectName(u"conflict.who"_s);
    m_who->setTextFormat(Qt::PlainText);
    m_who->setWordWrap(true);
    layout->addWidget(m_who);
    lookUpWho(before);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *again = buttons->addButton(tr("Re-apply my change"), QDialogButtonBox::AcceptRole);
    again->setObjectName(u"conflict.reapply"_s);
    again->setToolTip(tr("Send the same change again, based on the current version."));
    QPushButton *drop = buttons->addButton(tr("Drop my change"), QDialogButtonBox::DestructiveRole);
    drop->setObjectName(u"conflict.drop"_s);
    QPushButton *later = buttons->addButton(tr("Decide later"), QDialogButtonBox::RejectRole);
    later->setObjectName(u"conflict.later"_s);
    later->setToolTip(tr("Keep the refused change in the list of pending actions."));
    connect(again, &QPushButton::clicked, this, &ConflictDialog::reapply);
    connect(drop, &QPushButton::clicked, this, &ConflictDialog::drop);
    connect(later, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    again->setDefault(true);
    resize(620, 480);
}

QString ConflictDialog::describeAction(Workspace &ws, const OutboxAction &a, const Ticket &t)
{
    const Directory &dir = ws.directory();
    const QJsonObject &d = a.data;
    switch (a.op) {
    case Op::TicketAssign:
        return tr("assign to %1").arg(dir.userName(UserId(d.value(u"assigneeId"_s).toInteger())));
    case Op::TicketTransition: {
        QString text = dir.transitionName(t.type, d.value(u"transition"_s).toString());
        const QJsonObject fields = d.value(u"fields"_s).toObject();
        for (auto it = fields.begin(); it != fields.end(); ++it)
            text += u"; %1: %2"_s.arg(TransitionDialog::fieldLabel(it.key()), it.value().toVariant().toString());
        return text;
    }
    case Op::TicketUpdate: {
        QStringList parts;
        const QJsonObject changes = d.value(u"changes"_s).toObject();
        for (auto it = changes.begin(); it != changes.end(); ++it) {
            QString value = it.value().isObject() ? it.value().toObject().value(u"contact"_s).toString()
                                                  : it.value().toVariant().toString();
            if (it.key() == u"priority")
                value = TicketModel::priorityText(priorityFromName(value).value_or(Priority::Normal));
            parts << u"%1 → %2"_s.arg(HistoryView::fieldText(it.key()), value);
        }
        return tr("edit: %1").arg(parts.join(u", "_s));
    }
    default:
        return a.summary;
    }
}

void ConflictDialog::fillTable(const std::optional<Ticket> &before)
{
    const Directory &dir = m_workspace.directory();
    const auto userText = [&dir](UserId id) {
        if (!id.isValid())
            return tr("—");
        const QString name = dir.userName(id);
        return name.isEmpty() ? tr("User #%1").arg(id.value()) : name;
    };
    const auto rowsOf = [&](const Ticket &t) {
        return QStringList{
            dir.statusName(t.type, t.status),
            userText(t.assigneeId),
            t.teamId.isValid() ? dir.teamName(t.teamId) : tr("—"),
            TicketModel::priorityText(t.priority),
            t.title,
            t.category,
            t.address,
            t.requester.contact,
            t.pendingApproval.isValid() ? dir.transitionName(t.type, t.pendingApproval.transition) : tr("—"),
            QString::number(t.version),
            QLocale().toString(t.updatedAt.toLocalTime(), QLocale::ShortFormat),
        };
    };
    const QStringList labels = {tr("Status"),
                                tr("Assignee"),
                                tr("Team"),
                                tr("Priority"),
                                tr("Title"),
                                tr("Category"),
                                tr("Address"),
                                tr("Requester contact"),
                                tr("Pending approval"),
                                tr("Version"),
                                tr("Last changed")};
    const QStringList now = rowsOf(m_current);
    const QStringList then = before ? rowsOf(*before) : QStringList();
    m_table->setRowCount(static_cast<int>(labels.size()));
    for (int row = 0; row < labels.size(); ++row) {
        const QString old = before ? then.at(row) : tr("(not known)");
        auto *field = new QTableWidgetItem(labels.at(row));
        auto *was = new QTableWidgetItem(old);
        auto *is = new QTableWidgetItem(now.at(row));
        const bool changed = before && old != now.at(row);
        if (changed) {
            QFont f = is->font();
            f.setBold(true);
            for (QTableWidgetItem *item : {field, was, is}) {
                item->setFont(f);
                item->setBackground(QColor(0xff, 0xf3, 0xc4));
                item->setForeground(QColor(0x20, 0x21, 0x24));
            }
        }
        field->setData(Qt::UserRole, changed);
        m_table->setItem(row, 0, field);
        m_table->setItem(row, 1, was);
        m_table->setItem(row, 2, is);
    }
}

void ConflictDialog::lookUpWho(const std::optional<Ticket> &before)
{
    QPointer<ConflictDialog> self(this);
    const QDateTime since = before ? before->updatedAt : QDateTime();
    m_workspace.fetchTicket(m_current.id, [self, since](bool ok, const TicketDetail &d, const QString &error) {
        if (!self)
            return;
        if (!ok) {
            self->m_who->setText(tr("Could not read the ticket's history: %1").arg(error));
            return;
        }
        QStringList lines;
        for (const AuditEntry &e : d.history) {
            if (since.isValid() ? e.at > since : &e == &d.history.constLast()) {
                lines << tr("%1 — %2 (%3)")
                             .arg(e.actorName.isEmpty() ? tr("System") : e.actorName, HistoryView::actionText(e.action),
                                  QLocale().toString(e.at.toLocalTime(), QLocale::ShortFormat));
            }
        }
        self->m_who->setText(lines.isEmpty() ? tr("Changed by: not recorded.")
                                             : tr("Changed by:") + u"\n"_s + lines.join(u'\n'));
    });
}

void ConflictDialog::reapply()
{
    // Based on the newest state known, in case it moved on again while the dialog was open.
    const Ticket *latest = m_workspace.tickets().ticket(m_current.id);
    m_workspace.reapply(m_action, latest && latest->version > m_current.version ? *latest : m_current);
    accept();
}

void ConflictDialog::drop()
{
    m_workspace.outbox().dismiss(m_action.idem);
    done(QDialog::Rejected);
}

} // namespace crewline::client
