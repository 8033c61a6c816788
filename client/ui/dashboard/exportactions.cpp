#include "client/ui/dashboard/exportactions.h"

#include "client/core/tableexport.h"
#include "client/ui/dashboard/dashboardchart.h"

#include <QAbstractItemModel>
#include <QDate>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace crewline::client::exporting {

namespace {

QString suggestedPath(const QString &title, const QString &extension)
{
    QString base = title;
    for (QChar c : u"/\\:*?\"<>|"_s)
        base.replace(c, u'_');
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return dir + u'/' + base + u'-' + QDate::currentDate().toString(Qt::ISODate) + u'.' + extension;
}

} // namespace

bool exportTable(const QAbstractItemModel &model, const QString &path, const QString &title, const QString &caption,
                 QString *error)
{
    const ExportTable table = ExportTable::fromModel(model);
    if (path.endsWith(u".xlsx"_s, Qt::CaseInsensitive))
        return tableexport::writeXlsx(table, path, title, caption, error);
    return tableexport::writeCsv(table, path, caption, error);
}

void exportTableInteractive(QWidget *parent, const QAbstractItemModel &model, const QString &title,
                            const QString &caption)
{
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(parent, QObject::tr("Export %1").arg(title), suggestedPath(title, u"xlsx"_s),
                                     QObject::tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"), &selected);
    if (path.isEmpty())
        return;
    QString file = path;
    if (!file.contains(u'.'))
        file += selected.contains(u"csv"_s) ? u".csv"_s : u".xlsx"_s;
    QString error;
    if (!exportTable(model, file, title, caption, &error))
        QMessageBox::warning(parent, QObject::tr("Export failed"),
                             QObject::tr("Could not write %1:\n%2").arg(file, error));
}

void exportChartInteractive(QWidget *parent, const DashboardChart &chart)
{
    const QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Save chart"), suggestedPath(chart.title(), u"png"_s), QObject::tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    const QString file = path.endsWith(u".png"_s, Qt::CaseInsensitive) ? path : path + u".png"_s;
    if (!chart.savePng(file))
        QMessageBox::warning(parent, QObject::tr("Export failed"), QObject::tr("Could not write %1").arg(file));
}

QMenu *tableExportMenu(QWidget *parent, const QAbstractItemModel &model, const QString &title,
                       std::function<QString()> caption)
{
    auto *menu = new QMenu(parent);
    const QAbstractItemModel *m = &model;
    QObject::connect(menu->addAction(QObject::tr("Export to Excel or CSV…")), &QAction::triggered, parent,
                     [parent, m, title, caption] { exportTableInteractive(parent, *m, title, caption()); });
    return menu;
}

} // namespace crewline::client::exporting
