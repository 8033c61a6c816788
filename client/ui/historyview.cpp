#include "client/ui/historyview.h"

#include "client/core/ticketmodel.h"
#include "client/core/workspace.h"
#include "client/ui/transitiondialog.h"

#include <QHeaderView>
#include <QJsonDocument>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QString timeText(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

HistoryView::HistoryView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(u"history"_s);
    auto *layout = new QVBoxLayout(this);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(u"history.tree"_s);
    m_tree->setHeaderLabels({tr("When"), tr("Who"), tr("What"), tr("Change / reason")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setWordWrap(true);
    layout->addWidget(m_tree);
}

void HistoryView::clear()
{
    m_tree->clear();
}

void HistoryView::setHistory(const Ticket &ticket, const QList<AuditEntry> &history)
{
    m_tree->clear();
    for (const AuditEntry &e : history) {
        // The server's own decisions (dispatch engine) carry no user id and the name "System": shown translated.
        const bool system = !e.actorId.isValid() && (e.actorName.isEmpty() || e.actorName == u"System");
        const QString who = system                  ? tr("System")
                            : e.actorName.isEmpty() ? m_workspace.directory().userName(e.actorId)
                                                    : e.actorName;
        auto *item = new QTreeWidgetItem(m_tree, {timeText(e.at), who, actionText(e.action), e.reason});
        item->setToolTip(0, e.at.toLocalTime().toString(Qt::ISODateWithMs));
        item->setData(0, Qt::UserRole, e.id);
        for (auto it = e.changes.begin(); it != e.changes.end(); ++it) {
            const QJsonObject change = it.value().toObject();
            const QJsonValue from = change.value(u"from"_s);
            const QJsonValue to = change.value(u"to"_s);
            if (it.key() == u"fields" && (from.isObject() || to.isObject())) {
                // Type-specific fields: one line per field that changed.
                const QJsonObject a = from.toObject();
                const QJsonObject b = to.toObject();
                QStringList keys = a.keys() + b.keys();
                keys.removeDuplicates();
                for (const QString &k : std::as_const(keys)) {
                    if (a.value(k) == b.value(k))
                        continue;
                    new QTreeWidgetItem(item, {QString(), QString(), TransitionDialog::fieldLabel(k),
                                               u"%1 → %2"_s.arg(valueText(ticket.type, k, a.value(k)),
                                                                valueText(ticket.type, k, b.value(k)))});
                }
                continue;
            }
            new QTreeWidgetItem(
                item, {QString(), QString(), fieldText(it.key()),
                       u"%1 → %2"_s.arg(valueText(ticket.type, it.key(), from), valueText(ticket.type, it.key(), to))});
        }
    }
    m_tree->expandAll();
    for (int c = 0; c < 3; ++c)
        m_tree->resizeColumnToContents(c);
    if (m_tree->topLevelItemCount() > 0)
        m_tree->scrollToItem(m_tree->topLevelItem(m_tree->topLevelItemCount() - 1));
}

QString HistoryView::actionText(const QString &action)
{
    static const QHash<QString, const char *> names = {
        {u"create"_s, QT_TR_NOOP("Created")},
        {u"update"_s, QT_TR_NOOP("Edited")},
        {u"assign"_s, QT_TR_NOOP("Assigned")},
        {u"accept"_s, QT_TR_NOOP("Accepted")},
        {u"transition"_s, QT_TR_NOOP("Workflow step")},
        {u"approval_requested"_s, QT_TR_NOOP("Asked for approval")},
        {u"approve"_s, QT_TR_NOOP("Approved")},
        {u"reject_approval"_s, QT_TR_NOOP("Approval rejected")},
        {u"suspend"_s, QT_TR_NOOP("Suspended")},
        {u"resume"_s, QT_TR_NOOP("Resumed")},
        {u"urge"_s, QT_TR_NOOP("Urged")},
        {u"reopen"_s, QT_TR_NOOP("Reopened")},
        {u"split"_s, QT_TR_NOOP("Split")},
        {u"merge"_s, QT_TR_NOOP("Merged")},
        {u"link"_s, QT_TR_NOOP("Linked")},
        {u"unlink"_s, QT_TR_NOOP("Unlinked")},
        {u"attach"_s, QT_TR_NOOP("Attached a file")},
        {u"auto_dispatch"_s, QT_TR_NOOP("Dispatched automatically")},
        {u"auto_dispatch_failed"_s, QT_TR_NOOP("Automatic dispatch found nobody")},
        {u"offer"_s, QT_TR_NOOP("Offered to several engineers")},
        {u"pool"_s, QT_TR_NOOP("Put in the claim pool")},
        {u"route"_s, QT_TR_NOOP("Routed to a team")},
        {u"claim"_s, QT_TR_NOOP("Claimed")},
        {u"redispatch"_s, QT_TR_NOOP("Re-dispatched: not accepted in time")},
        {u"dispatch_timeout"_s, QT_TR_NOOP("Not accepted in time: supervisor told")},
        {u"print"_s, QT_TR_NOOP("Printed")},
        {u"customer_confirmation"_s, QT_TR_NOOP("Customer confirmed (QR)")},
    };
    const char *name = names.value(action, nullptr);
    return name ? tr(name) : action;
}

QString HistoryView::fieldText(const QString &field)
{
    static const QHash<QString, const char *> names = {
        {u"status"_s, QT_TR_NOOP("Status")},
        {u"suspendedFrom"_s, QT_TR_NOOP("Suspended from")},
        {u"priority"_s, QT_TR_NOOP("Priority")},
        {u"assigneeId"_s, QT_TR_NOOP("Assignee")},
        {u"teamId"_s, QT_TR_NOOP("Team")},
        {u"title"_s, QT_TR_NOOP("Title")},
        {u"description"_s, QT_TR_NOOP("Description")},
        {u"category"_s, QT_TR_NOOP("Category")},
        {u"department"_s, QT_TR_NOOP("Department")},
        {u"address"_s, QT_TR_NOOP("Address")},
        {u"requester"_s, QT_TR_NOOP("Requester")},
        {u"location"_s, QT_TR_NOOP("Coordinates")},
        {u"type"_s, QT_TR_NOOP("Type")},
        {u"printedVersion"_s, QT_TR_NOOP("Printed version")},
        {u"acceptedAt"_s, QT_TR_NOOP("Accepted")},
        {u"firstResponseAt"_s, QT_TR_NOOP("First response")},
        {u"resolvedAt"_s, QT_TR_NOOP("Resolved")},
        {u"closedAt"_s, QT_TR_NOOP("Closed")},
        {u"urgeCount"_s, QT_TR_NOOP("Urge count")},
        {u"pendingApproval"_s, QT_TR_NOOP("Pending approval")},
        {u"mergedInto"_s, QT_TR_NOOP("Merged into")},
        {u"attachment"_s, QT_TR_NOOP("Attachment")},
        {u"link"_s, QT_TR_NOOP("Link")},
        {u"movedComments"_s, QT_TR_NOOP("Messages moved")},
        {u"dispatch"_s, QT_TR_NOOP("Dispatch")},
    };
    const char *name = names.value(field, nullptr);
    return name ? tr(name) : field;
}

QString HistoryView::valueText(const QString &type, const QString &field, const QJsonValue &v) const
{
    if (v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty()))
        return tr("—");
    const Directory &dir = m_workspace.directory();
    if (field == u"status" || field == u"suspendedFrom")
        return dir.statusName(type, v.toString());
    if (field == u"priority")
        return TicketModel::priorityText(priorityFromName(v.toString()).value_or(Priority::Normal));
    if (field == u"assigneeId" || field == u"createdBy") {
        const QString name = dir.userName(UserId(v.toInteger()));
        return name.isEmpty() ? tr("User #%1").arg(v.toInteger()) : name;
    }
    if (field == u"teamId") {
        const QString name = dir.teamName(TeamId(v.toInteger()));
        return name.isEmpty() ? tr("Team #%1").arg(v.toInteger()) : name;
    }
    if (field == u"type")
        return dir.typeName(v.toString());
    if (field.endsWith(u"At"))
        return timeText(timeFromJson(v));
    if (field == u"mergedInto") {
        const Ticket *t = m_workspace.tickets().ticket(TicketId(v.toInteger()));
        return t ? t->number : u"#%1"_s.arg(v.toInteger());
    }
    if (field == u"requester") {
        const Requester r = Requester::fromJson(v.toObject());
        return r.contact.isEmpty() ? r.name : u"%1, %2"_s.arg(r.name, r.contact);
    }
    if (field == u"location" && v.isObject())
        return u"%1, %2"_s.arg(v.toObject().value(u"lat"_s).toDouble()).arg(v.toObject().value(u"lon"_s).toDouble());
    if (field == u"dispatch" && v.isObject()) {
        const DispatchState d = DispatchState::fromJson(v.toObject());
        QStringList names;
        for (UserId id : d.offeredTo)
            names << dir.userName(id);
        QString text = d.mode == u"pool"    ? tr("claim pool")
                       : d.mode == u"offer" ? tr("offered to %1").arg(names.join(u", "_s))
                                            : tr("assigned");
        if (d.emergency)
            text = tr("emergency: %1").arg(text);
        if (d.deadline.isValid())
            text += u"; "_s + tr("accept by %1").arg(timeText(d.deadline));
        return text;
    }
    if (field == u"pendingApproval" && v.isObject()) {
        const PendingApproval p = PendingApproval::fromJson(v.toObject());
        return tr("%1 (needs a %2)").arg(dir.transitionName(type, p.transition), p.approverRole);
    }
    for (const auto &[choice, label] : TransitionDialog::fieldChoices(field)) {
        if (v.toString() == choice)
            return label;
    }
    if (v.isObject() || v.isArray()) {
        const QByteArray json = v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(json);
    }
    QString text = v.toVariant().toString();
    if (text.size() > 120)
        text = text.left(119) + u"…"_s;
    return text.replace(u'\n', u' ');
}

} // namespace crewline::client
