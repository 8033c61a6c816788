#pragma once

// Printing from the console: gathers each ticket's details, records the print on the server (ticket.print: who
// printed which version, and the customer's confirmation link for the QR code), builds the PrintJob and shows the
// print preview or writes a PDF. One ticket, a selection, or a crew sheet (all open tickets of one engineer or
// team, with a cover list). Widgets only; the data comes through the Workspace.

#include "client/ui/print/workorderrenderer.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace crewline::client {

class Workspace;

class WorkOrderPrinting : public QObject
{
    Q_OBJECT
public:
    enum class Output
    {
        Preview,
        Pdf
    };

    WorkOrderPrinting(Workspace &workspace, QWidget *window);

    void printTickets(const QList<TicketId> &ids, Output output);
    // Asks for the engineer or team, then prints their open tickets.
    void printCrewSheet(Output output);
    void editSettings();

    // Gathers and records the prints; calls ready with the job (orders in the order of ids; tickets that could not
    // be loaded are left out and named in problems). Public for tests.
    void prepare(const QList<TicketId> &ids, std::function<void(PrintJob job, QStringList problems)> ready);

    // Where a PDF goes when no dialog should ask (tests, scripts); empty: ask.
    void setPdfPath(const QString &path) { m_pdfPath = path; }

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    void output(PrintJob job, const QStringList &problems, Output output);

    Workspace &m_workspace;
    QPointer<QWidget> m_window;
    QString m_pdfPath;
};

} // namespace crewline::client
