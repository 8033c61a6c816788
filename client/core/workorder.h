#pragma once

// What a printed work order (工单) shows, gathered once from the ticket, its type, the directory and the server's
// print record, so that the layout (client/ui/print) paints plain data and can be tested without a server. Also the
// print record itself: ticket.print's answer, with the confirmation link the customer's QR code carries.

#include "common/domain.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace crewline::client {

class Directory;
struct TicketDetail;

// The server's answer to ticket.print.
struct PrintRecord
{
    qint64 confirmationId = 0;
    qint64 version = 0;
    QDateTime printedAt;
    QDateTime expiresAt;
    QString confirmUrl; // empty when the server serves no confirmation page

    static PrintRecord fromJson(const QJsonObject &result);
};

struct WorkOrder
{
    Ticket ticket;
    QString typeName;
    QString statusName;
    QString engineerName;
    QString engineerPhone;
    QString teamName;
    QStringList checklist;     // in the console's language
    QList<AuditEntry> history; // newest last
    PrintRecord print;
    QString printedBy;

    // Names resolved through the directory in its current language.
    static WorkOrder from(const TicketDetail &detail, const Directory &directory, const PrintRecord &print,
                          const QString &printedBy);
};

// Organisation header of printed work orders (console settings: Print).
struct PrintHeader
{
    QString organisation;
    QString logoPath;    // PNG/JPEG/SVG; empty or unreadable: no logo
    QString serviceLine; // phone number printed for customers
};

} // namespace crewline::client
