#include "client/ui/print/printflow.h"

#include "client/core/workspace.h"
#include "client/ui/settings.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QStandardPaths>

#include <memory>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QPageSize::PageSizeId paperOf(const PrintSettings &settings)
{
    return settings.paper == u"A5" ? QPageSize::A5 : QPageSize::A4;
}

PrintHeader headerOf(const PrintSettings &settings)
{
    return {settings.organisation, settings.logoPath, settings.serviceLine};
}

QString myName(const Workspace &w)
{
    return w.me().displayName.isEmpty() ? w.me().username : w.me().displayName;
}

} // namespace

WorkOrderPrinting::WorkOrderPrinting(Workspace &workspace, QWidget *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_window(window)
{
}

void WorkOrderPrinting::prepare(const QList<TicketId> &ids, std::function<void(PrintJob, QStringList)> ready)
{
    struct State
    {
        QList<std::optional<WorkOrder>> orders;
        QStringList problems;
        int pending = 0;
        std::function<void(PrintJob, QStringList)> ready;
    };
    auto state = std::make_shared<State>();
    state->orders.resize(ids.size());
    state->pending = static_cast<int>(ids.size());
    state->ready = std::move(ready);
    const auto finishOne = [this, state] {
        if (--state->pending > 0)
            return;
        PrintJob job;
        job.header = headerOf(PrintSettings::load());
        for (const std::optional<WorkOrder> &o : std::as_const(state->orders)) {
            if (o)
                job.orders << *o;
        }
        job.preparedBy = myName(m_workspace);
        job.preparedAt = QDateTime::currentDateTimeUtc();
        state->ready(job, state->problems);
    };
    if (ids.isEmpty()) {
        ++state->pending;
        finishOne();
        return;
    }
    QPointer<WorkOrderPrinting> guard(this);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const TicketId id = ids.at(i);
        // Load, record the print of that version, and when someone changed the ticket in between, once more.
        auto attempt = std::make_shared<std::function<void(int)>>();
        *attempt = [this, guard, state, i, id, finishOne, attempt](int triesLeft) {
            if (!guard)
                return;
            m_workspace.fetchTicket(id, [this, guard, state, i, id, finishOne, attempt,
                                         triesLeft](bool ok, const TicketDetail &detail, const QString &error) {
                if (!guard)
                    return;
                if (!ok) {
                    state->problems << tr("Ticket %1 could not be loaded: %2").arg(id.value()).arg(error);
                    finishOne();
                    return;
                }
                m_workspace.recordPrint(
                    id, detail.ticket.version,
                    [this, guard, state, i, detail, finishOne, attempt,
                     triesLeft](bool printed, const PrintRecord &record, const protocol::Error &error) {
                        if (!guard)
                            return;
                        if (!printed && error.code == protocol::ErrorCode::Conflict && triesLeft > 0) {
                            (*attempt)(triesLeft - 1);
                            return;
                        }
                        if (!printed)
                            state->problems << tr("%1 is printed without a confirmation link (%2).")
                                                   .arg(detail.ticket.number, error.message);
                        state->orders[i] =
                            WorkOrder::from(detail, m_workspace.directory(), record, myName(m_workspace));
                        finishOne();
                    });
            });
        };
        (*attempt)(1);
    }
}

void WorkOrderPrinting::printTickets(const QList<TicketId> &ids, Output out)
{
    if (ids.isEmpty()) {
        Q_EMIT finished(false, tr("Select the tickets to print first."));
        return;
    }
    prepare(ids, [this, out](PrintJob job, QStringList problems) { output(std::move(job), problems, out); });
}

void WorkOrderPrinting::printCrewSheet(Output out)
{
    QDialog dialog(m_window);
    dialog.setObjectName(u"crewSheetDialog"_s);
    dialog.setWindowTitle(tr("Crew sheet"));
    auto *form = new QFormLayout(&dialog);
    auto *who = new QComboBox(&dialog);
    who->setObjectName(u"crewSheet.who"_s);
    for (const User &u : m_workspace.directory().users()) {
        if (u.role == Role::Engineer && u.active)
            who->addItem(tr("Engineer: %1").arg(u.displayName.isEmpty() ? u.username : u.displayName),
                         QVariant::fromValue(qMakePair(u.id.value(), qint64(0))));
    }
    for (const Team &t : m_workspace.directory().teams())
        who->addItem(tr("Team: %1").arg(t.name), QVariant::fromValue(qMakePair(qint64(0), t.id.value())));
    auto *day = new QDateEdit(QDate::currentDate(), &dialog);
    day->setCalendarPopup(true);
    auto *count = new QLabel(&dialog);
    count->setObjectName(u"crewSheet.count"_s);
    form->addRow(tr("Engineer or team"), who);
    form->addRow(tr("Day"), day);
    form->addRow(QString(), count);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    const auto selection = [this, who] {
        const auto ids = who->currentData().value<QPair<qint64, qint64>>();
        return m_workspace.crewTickets(UserId(ids.first), TeamId(ids.second));
    };
    const auto update = [count, buttons, selection] {
        const int n = static_cast<int>(selection().size());
        count->setText(tr("%n open work order(s)", nullptr, n));
        buttons->button(QDialogButtonBox::Ok)->setEnabled(n > 0);
    };
    connect(who, &QComboBox::currentIndexChanged, &dialog, update);
    update();
    if (dialog.exec() != QDialog::Accepted)
        return;
    QList<TicketId> ids;
    for (const Ticket &t : selection())
        ids << t.id;
    const QString crew = who->currentText().section(u": "_s, 1);
    const QDate date = day->date();
    prepare(ids, [this, out, crew, date](PrintJob job, QStringList problems) {
        job.crewSheet = true;
        job.crewName = crew;
        job.day = date;
        output(std::move(job), problems, out);
    });
}

void WorkOrderPrinting::output(PrintJob job, const QStringList &problems, Output out)
{
    if (!problems.isEmpty() && m_window)
        QMessageBox::warning(m_window, tr("Printing"), problems.join(u'\n'));
    if (job.orders.isEmpty()) {
        Q_EMIT finished(false, tr("Nothing to print."));
        return;
    }
    const PrintSettings settings = PrintSettings::load();
    if (out == Output::Pdf) {
        QString path = m_pdfPath;
        if (path.isEmpty()) {
            const QString suggested =
                job.crewSheet
                    ? tr("crew-sheet-%1.pdf").arg(job.day.toString(Qt::ISODate))
                    : (job.orders.size() == 1 ? job.orders.first().ticket.number + u".pdf"_s : tr("work-orders.pdf"));
            path = QFileDialog::getSaveFileName(
                m_window, tr("Export work orders to PDF"),
                QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(suggested),
                tr("PDF files (*.pdf)"));
            if (path.isEmpty())
                return;
        }
        QString error;
        const bool ok = WorkOrderRenderer::exportPdf(path, job, paperOf(settings), &error);
        Q_EMIT finished(ok, ok ? tr("Saved %1.").arg(QDir::toNativeSeparators(path)) : error);
        return;
    }
    // The preview stays open without blocking the console; the printer lives as long as the dialog.
    auto *printer = new QPrinter(QPrinter::HighResolution);
    printer->setPageSize(QPageSize(paperOf(settings)));
    printer->setDocName(job.crewSheet ? tr("Crew sheet %1").arg(job.crewName) : tr("Work orders"));
    auto *preview = new QPrintPreviewDialog(printer, m_window);
    preview->setObjectName(u"printPreview"_s);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    preview->setWindowTitle(job.crewSheet ? tr("Crew sheet %1 — print preview").arg(job.crewName)
                                          : tr("Work orders — print preview"));
    preview->resize(900, 1000);
    connect(preview, &QPrintPreviewDialog::paintRequested, preview,
            [job](QPrinter *p) { WorkOrderRenderer::render(*p, job); });
    connect(preview, &QObject::destroyed, this, [printer] { delete printer; });
    preview->open();
    Q_EMIT finished(true, tr("%n work order(s) ready to print.", nullptr, static_cast<int>(job.orders.size())));
}

void WorkOrderPrinting::editSettings()
{
    PrintSettings settings = PrintSettings::load();
    QDialog dialog(m_window);
    dialog.setObjectName(u"printSettingsDialog"_s);
    dialog.setWindowTitle(tr("Print settings"));
    auto *form = new QFormLayout(&dialog);
    auto *organisation = new QLineEdit(settings.organisation, &dialog);
    organisation->setPlaceholderText(tr("Printed at the top of every work order"));
    auto *logo = new QLineEdit(settings.logoPath, &dialog);
    auto *browse = new QPushButton(tr("Choose…"), &dialog);
    auto *logoRow = new QHBoxLayout;
    logoRow->addWidget(logo);
    logoRow->addWidget(browse);
    connect(browse, &QPushButton::clicked, &dialog, [&dialog, logo] {
        const QString file =
            QFileDialog::getOpenFileName(&dialog, tr("Logo"), logo->text(), tr("Images (*.png *.jpg *.jpeg *.svg)"));
        if (!file.isEmpty())
            logo->setText(file);
    });
    auto *service = new QLineEdit(settings.serviceLine, &dialog);
    auto *paper = new QComboBox(&dialog);
    paper->addItem(tr("A4"), u"A4"_s);
    paper->addItem(tr("A5"), u"A5"_s);
    paper->setCurrentIndex(settings.paper == u"A5" ? 1 : 0);
    form->addRow(tr("Organisation"), organisation);
    form->addRow(tr("Logo"), logoRow);
    form->addRow(tr("Service line"), service);
    form->addRow(tr("Paper"), paper);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.organisation = organisation->text().trimmed();
    settings.logoPath = logo->text().trimmed();
    settings.serviceLine = service->text().trimmed();
    settings.paper = paper->currentData().toString();
    settings.save();
}

} // namespace crewline::client
