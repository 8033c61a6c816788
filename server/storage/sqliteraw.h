#pragma once

// A statement run through SQLite's own API on a QSQLITE connection, for the one read that is too hot for QSqlQuery:
// the ticket list, whose rows are written straight to JSON (SqliteStore::writeTicketSummaries). QSqlQuery turns
// every column of every row into a QVariant, and text into UTF-16 that the JSON writer turns back into UTF-8;
// here text is read as the UTF-8 SQLite stores. perf put those conversions at half the server's time while a
// console loaded 100,000 tickets (docs/performance.md). The connection stays Qt's: transactions, the busy timeout
// and the attached search database are shared. Failures throw StorageError.

#include "server/storage/store.h"

#include <QSqlDatabase>
#include <QUtf8StringView>
#include <QVariantList>

struct sqlite3_stmt;

namespace crewline::server {

class RawStatement
{
public:
    RawStatement(const QSqlDatabase &db, const QString &sql);
    ~RawStatement();
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    // Binds the values in order (QString as text, integers and booleans as integers, doubles as reals, null).
    void bind(const QVariantList &values);
    // The next row; false at the end. The statement is reset (its read snapshot released) when it ends.
    bool next();

    bool isNull(int column) const;
    qint64 integer(int column) const;
    double real(int column) const;
    // Valid until the next call of next().
    QUtf8StringView text(int column) const;
    // As QSQLITE reads text: converted to UTF-16 by SQLite.
    QString text16(int column) const;

private:
    [[noreturn]] void fail(const char *what, int code) const;

    sqlite3_stmt *m_stmt = nullptr;
    QString m_sql;
};

} // namespace crewline::server
