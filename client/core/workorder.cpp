#include "client/core/workorder.h"

#include "client/core/directory.h"
#include "client/core/workspace.h"

using namespace Qt::StringLiterals;

namespace crewline::client {

PrintRecord PrintRecord::fromJson(const QJsonObject &result)
{
    PrintRecord r;
    r.confirmationId = result.value(u"confirmationId"_s).toInteger();
    r.version = result.value(u"version"_s).toInteger();
    r.printedAt = timeFromJson(result.value(u"printedAt"_s));
    r.expiresAt = timeFromJson(result.value(u"expiresAt"_s));
    r.confirmUrl = result.value(u"confirmUrl"_s).toString();
    return r;
}

WorkOrder WorkOrder::from(const TicketDetail &detail, const Directory &directory, const PrintRecord &print,
                          const QString &printedBy)
{
    WorkOrder w;
    w.ticket = detail.ticket;
    w.typeName = directory.typeName(detail.ticket.type);
    w.statusName = directory.statusName(detail.ticket.type, detail.ticket.status);
    if (const User *u = directory.user(detail.ticket.assigneeId)) {
        w.engineerName = u->displayName.isEmpty() ? u->username : u->displayName;
        w.engineerPhone = u->phone;
    }
    w.teamName = detail.ticket.teamId.isValid() ? directory.teamName(detail.ticket.teamId) : QString();
    if (const TicketType *type = directory.types().type(detail.ticket.type)) {
        for (const LocalizedName &item : type->checklist())
            w.checklist << item.in(directory.language());
    }
    w.history = detail.history;
    w.print = print;
    w.printedBy = printedBy;
    return w;
}

} // namespace crewline::client
