#pragma once

// Exports any table model (ticket list, leaderboard, backlog, drill-down) as the user sees it: CSV per RFC 4180
// (UTF-8 with a byte order mark so Excel opens Chinese text correctly, CRLF line ends, quotes doubled) or XLSX
// through libxlsxwriter. Numbers are taken from Qt::EditRole where a model provides a raw value (hours, ratios),
// otherwise the displayed text; XLSX stores numbers as numbers. An optional caption line records the filters.

#include <QString>
#include <QStringList>

class QAbstractItemModel;

namespace crewline::client {

struct ExportTable
{
    QStringList headers;
    QList<QVariantList> rows;

    static ExportTable fromModel(const QAbstractItemModel &model);
};

namespace tableexport {

// One CSV field, quoted when it holds a comma, a quote, CR or LF.
QString csvField(const QString &text);
QByteArray toCsv(const ExportTable &table, const QString &caption = {});
bool writeCsv(const ExportTable &table, const QString &path, const QString &caption, QString *error);
bool writeXlsx(const ExportTable &table, const QString &path, const QString &sheetName, const QString &caption,
               QString *error);

} // namespace tableexport

} // namespace crewline::client
