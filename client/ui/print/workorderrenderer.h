#pragma once

// Lays out printed work orders and crew sheets and paints them onto any paged device (the preview dialog's QPrinter,
// a QPdfWriter) or, page by page, onto any painter (tests, screenshots). One work order per page, A4 or A5 (A5 is
// the A4 layout scaled by 1/√2, so nothing moves between the two); a crew sheet adds a cover list first. Text uses
// an explicit CJK-capable family so that Chinese embeds and bold stays bold (DEPENDENCIES.md trap 13); the QR codes
// and the map snapshot are vector graphics. Builds nothing from the network: everything comes in the PrintJob.

#include "client/core/workorder.h"

#include <QCoreApplication>
#include <QDate>
#include <QPageSize>
#include <QString>

class QPagedPaintDevice;
class QPainter;

namespace crewline::client {

struct PrintJob
{
    PrintHeader header;
    QList<WorkOrder> orders;
    // Crew sheet: a cover list of every order before the orders themselves.
    bool crewSheet = false;
    QString crewName; // the engineer or team
    QDate day;
    QString preparedBy;
    QDateTime preparedAt;

    int pageCount() const { return static_cast<int>(orders.size()) + (crewSheet ? 1 : 0); }
};

class WorkOrderRenderer
{
    Q_DECLARE_TR_FUNCTIONS(crewline::client::WorkOrderRenderer)

public:
    // The font families every printed text uses, in order.
    static QStringList fontFamilies();

    // Paints every page; the device's page size decides A4 or A5 (its margins are set to zero: the layout has
    // its own). False when the device cannot be painted on.
    static bool render(QPagedPaintDevice &device, const PrintJob &job);
    static bool exportPdf(const QString &path, const PrintJob &job, QPageSize::PageSizeId paper, QString *error);

    // One page (0-based; with a crew sheet page 0 is the cover) into rect, where mm is one millimetre of the A4
    // layout in the painter's units.
    static void paintPage(QPainter &painter, const QRectF &pageRect, const PrintJob &job, int page);

    // The text of a QR code on a work order: the ticket number (for the crew) and the confirmation link.
    static QByteArray numberCode(const WorkOrder &order);
};

} // namespace crewline::client
