#include "client/core/tableexport.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QSaveFile>

#include <xlsxwriter.h>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

bool isNumber(const QVariant &v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return true;
    default:
        return false;
    }
}

QString text(const QVariant &v)
{
    if (v.typeId() == QMetaType::Double)
        return QString::number(v.toDouble(), 'g', 15);
    return v.toString();
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

ExportTable ExportTable::fromModel(const QAbstractItemModel &model)
{
    ExportTable t;
    const int columns = model.columnCount();
    // A model may name its export columns differently (Qt::EditRole: "Resolution, mean (h)" over raw hours).
    for (int c = 0; c < columns; ++c) {
        const QVariant exported = model.headerData(c, Qt::Horizontal, Qt::EditRole);
        t.headers << (exported.isValid() ? exported : model.headerData(c, Qt::Horizontal, Qt::DisplayRole)).toString();
    }
    for (int r = 0; r < model.rowCount(); ++r) {
        QVariantList row;
        for (int c = 0; c < columns; ++c) {
            const QModelIndex index = model.index(r, c);
            const QVariant edit = model.data(index, Qt::EditRole);
            row << (isNumber(edit) ? edit : QVariant(model.data(index, Qt::DisplayRole).toString()));
        }
        t.rows << row;
    }
    return t;
}

namespace tableexport {

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\r') && !value.contains(u'\n'))
        return value;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QByteArray toCsv(const ExportTable &table, const QString &caption)
{
    QString out;
    const auto line = [&out](const QStringList &fields) {
        QStringList quoted;
        for (const QString &f : fields)
            quoted << csvField(f);
        out += quoted.join(u',') + u"\r\n"_s;
    };
    if (!caption.isEmpty())
        line({caption});
    line(table.headers);
    for (const QVariantList &row : table.rows) {
        QStringList fields;
        for (const QVariant &v : row)
            fields << text(v);
        line(fields);
    }
    return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

bool writeCsv(const ExportTable &table, const QString &path, const QString &caption, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, file.errorString());
    file.write(toCsv(table, caption));
    if (!file.commit())
        return fail(error, file.errorString());
    return true;
}

bool writeXlsx(const ExportTable &table, const QString &path, const QString &sheetName, const QString &caption,
               QString *error)
{
    const QByteArray file = QFile::encodeName(path);
    lxw_workbook *book = workbook_new(file.constData());
    if (!book)
        return fail(error, u"cannot create %1"_s.arg(path));
    // Sheet names: at most 31 characters, none of []:*?/\.
    QString name = sheetName;
    for (QChar c : u"[]:*?/\\"_s)
        name.replace(c, u'_');
    const QByteArray sheetUtf8 = name.left(31).toUtf8();
    lxw_worksheet *sheet = workbook_add_worksheet(book, sheetUtf8.isEmpty() ? nullptr : sheetUtf8.constData());
    lxw_format *bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_row_t row = 0;
    if (!caption.isEmpty()) {
        worksheet_write_string(sheet, row++, 0, caption.toUtf8().constData(), nullptr);
    }
    for (int c = 0; c < table.headers.size(); ++c) {
        worksheet_write_string(sheet, row, lxw_col_t(c), table.headers.at(c).toUtf8().constData(), bold);
        worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), c == 0 ? 24 : 14, nullptr);
    }
    worksheet_freeze_panes(sheet, row + 1, 0);
    ++row;
    for (const QVariantList &values : table.rows) {
        for (int c = 0; c < values.size(); ++c) {
            const QVariant &v = values.at(c);
            if (isNumber(v))
                worksheet_write_number(sheet, row, lxw_col_t(c), v.toDouble(), nullptr);
            else if (!v.toString().isEmpty())
                worksheet_write_string(sheet, row, lxw_col_t(c), v.toString().toUtf8().constData(), nullptr);
        }
        ++row;
    }
    const lxw_error result = workbook_close(book);
    if (result != LXW_NO_ERROR)
        return fail(error, QString::fromUtf8(lxw_strerror(result)));
    return true;
}

} // namespace tableexport

} // namespace crewline::client
