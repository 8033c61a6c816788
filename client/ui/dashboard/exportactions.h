#pragma once

// Export from the console's views: a table (ticket list, leaderboard, backlog, drill-down) to CSV or XLSX, chosen by
// the file name the user gives, with a caption that records the filters; a chart to PNG. Asks for the file, reports
// failures in a message box; the writing itself is client/core/tableexport.

#include <QString>

#include <functional>

class QAbstractItemModel;
class QMenu;
class QWidget;

namespace crewline::client {

class DashboardChart;

namespace exporting {

// Writes the model to path; the format follows the extension (.xlsx, else CSV). False with a reason.
bool exportTable(const QAbstractItemModel &model, const QString &path, const QString &title, const QString &caption,
                 QString *error);
// Asks for a file name (CSV or XLSX), then exports.
void exportTableInteractive(QWidget *parent, const QAbstractItemModel &model, const QString &title,
                            const QString &caption);
void exportChartInteractive(QWidget *parent, const DashboardChart &chart);
// A menu with "Export as CSV…" and "Export as Excel…" for a table.
QMenu *tableExportMenu(QWidget *parent, const QAbstractItemModel &model, const QString &title,
                       std::function<QString()> caption);

} // namespace exporting

} // namespace crewline::client
