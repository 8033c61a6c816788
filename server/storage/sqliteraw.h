#pragma once

// A statement run through SQLite's own API on a QSQLITE connection, for the statements too hot for QSqlQuery: the
// ticket list, whose rows are written straight to JSON (SqliteStore::writeTicketSummaries), and the write path of
// the group commit (ticket, event, audit, idempotency and counter rows, savepoints). QSqlQuery turns every bound
// value and every column into a QVariant (and builds a placeholder name per bound value), and text into UTF-16 that
// the JSON writer turns back into UTF-8; here text is read as the UTF-8 SQLite stores. perf put those conversions at
// half the server's time while a console loaded 100,000 tickets and at a third of the writer thread's time under a
// create load (docs/performance.md). The connection stays Qt's: transactions, the busy timeout and the attached
// search database are shared. A RawStatement must be destroyed before its connection is closed. Failures throw
// StorageError.

#include "server/storage/store.h"

#include <QSqlDatabase>
#include <QUtf8StringView>
#include <QVariantList>

#include <mutex>

struct sqlite3_stmt;

namespace crewline::server {

// Process-wide SQLite settings, before the first connection opens (later calls change nothing): no memory
// statistics (they take a global mutex around every allocation SQLite makes) and no mutex per connection (every
// connection of the server is used by one thread at a time: the store of a thread is its own). perf showed
// pthread_mutex_lock/unlock at ~4 % of the writer thread.
void configureSqliteLibrary();
// Per connection, right after it opens: a larger lookaside allocator (SQLite's small-object pool) so the statements
// of a write transaction allocate less through malloc.
void tuneSqliteConnection(const QSqlDatabase &db);

// After each commit on this connection, *frames is set to the number of frames its WAL file holds (SQLite's WAL
// hook; the connection's automatic checkpoints, off in the server, would use the same hook).
void trackWalFrames(const QSqlDatabase &db, int *frames);
// A PASSIVE checkpoint of "main" on this connection: copies what it can without waiting for anyone. Returns true
// when every frame of the WAL is in the database file afterwards (the next write transaction then starts the WAL
// file over from its beginning, unless a reader still uses it).
bool checkpointPassive(const QSqlDatabase &db);
// The WAL file of "main" on this connection; empty for a database without a file (in memory, temporary).
QString walFileName(const QSqlDatabase &db);

// Makes what a WAL-mode connection has committed durable, from any thread: fdatasync of the WAL file through a
// descriptor of its own (a file's cached pages belong to its inode, whichever descriptor wrote them), so the thread
// that commits goes on with its next transaction meanwhile. The connection runs with synchronous = NORMAL: COMMIT
// writes its frames without waiting for the disk, and SQLite still syncs the WAL before each checkpoint copies it
// and the database file after, so the files stay consistent; this sync adds what FULL adds, the last commits
// surviving a power loss, once for every commit made before it started. The descriptor is opened again when the
// file is replaced, and the first time, the folder is synced too (the file's entry in it). Thread-safe.
class WalFileSync
{
public:
    explicit WalFileSync(QString walPath);
    ~WalFileSync();
    WalFileSync(const WalFileSync &) = delete;
    WalFileSync &operator=(const WalFileSync &) = delete;

    // Throws StorageError when the sync cannot be done (the commits since the last sync are then in doubt). When
    // fdatasync itself fails, every later call fails too: the kernel may have dropped the pages it could not write
    // and report success next time, so no commit is confirmed again until the server restarts and SQLite reads what
    // the disk really holds (PostgreSQL's lesson of 2018). A file that cannot be opened is retried on the next call.
    void sync();

private:
    void open(); // with m_mutex held

    std::mutex m_mutex;
    QString m_walPath;
    int m_fd = -1;
    quint64 m_device = 0;
    quint64 m_inode = 0;
    QString m_failure; // set when fdatasync failed
};

class RawStatement
{
public:
    RawStatement(const QSqlDatabase &db, const QString &sql);
    ~RawStatement();
    RawStatement(const RawStatement &) = delete;
    RawStatement &operator=(const RawStatement &) = delete;

    // Binds the values in order (QString as text, integers and booleans as integers, doubles as reals, null).
    void bind(const QVariantList &values);
    // Binds one value; index counts from 1, as SQLite does.
    void bindNull(int index);
    void bindInt(int index, qint64 value);
    void bindReal(int index, double value);
    // As QSQLITE binds text: UTF-16, converted by SQLite (which replaces what is not valid UTF-16 its own way). A
    // null string binds as "" (text columns are NOT NULL).
    void bindText(int index, QStringView text);
    // Text that is UTF-8 already (JSON written by Qt), stored as it is.
    void bindUtf8(int index, QByteArrayView utf8);
    // The next row; false at the end. The statement is reset (its read snapshot released) when it ends.
    bool next();
    // Runs a statement that returns no rows (INSERT, UPDATE, SAVEPOINT...) to its end.
    void exec();
    // Ends a statement whose rows were not all read (releases its read snapshot).
    void reset();
    qint64 lastInsertRowId() const;
    int changes() const; // rows changed by the last exec()

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
