#include "server/storage/sqliteraw.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        throw StorageError("not a QSQLITE connection");
    sqlite3 *h = *static_cast<sqlite3 *const *>(handle.constData());
    if (!h)
        throw StorageError("the QSQLITE connection is not open");
    return h;
}

} // namespace

void configureSqliteLibrary()
{
    if (sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK ||
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        qWarning("SQLite was initialised before it could be configured; running with its defaults");
}

void tuneSqliteConnection(const QSqlDatabase &db)
{
    // 512 slots of 256 bytes (128 KiB) instead of 100 of 1,200: most of what a write allocates is small.
    sqlite3_db_config(handleOf(db), SQLITE_DBCONFIG_LOOKASIDE, nullptr, 256, 512);
}

void trackWalFrames(const QSqlDatabase &db, int *frames)
{
    sqlite3_wal_hook(
        handleOf(db),
        [](void *target, sqlite3 *, const char *name, int count) {
            if (qstrcmp(name, "main") == 0)
                *static_cast<int *>(target) = count;
            return SQLITE_OK;
        },
        frames);
}

bool checkpointPassive(const QSqlDatabase &db)
{
    int log = 0, done = 0;
    const int rc = sqlite3_wal_checkpoint_v2(handleOf(db), "main", SQLITE_CHECKPOINT_PASSIVE, &log, &done);
    return rc == SQLITE_OK && log >= 0 && done == log;
}

QString walFileName(const QSqlDatabase &db)
{
    const sqlite3_filename name = sqlite3_db_filename(handleOf(db), "main");
    if (!name || !*name)
        return {};
    const char *wal = sqlite3_filename_wal(name);
    return wal ? QString::fromLocal8Bit(wal) : QString();
}

namespace {

[[noreturn]] void failSync(const char *what, const QString &path, int error)
{
    throw StorageError(std::string(what) + " " + path.toStdString() + ": " + std::strerror(error));
}

// fdatasync, again when interrupted.
int syncDescriptor(int fd)
{
    int rc;
    do
        rc = ::fdatasync(fd);
    while (rc != 0 && errno == EINTR);
    return rc;
}

} // namespace

WalFileSync::WalFileSync(QString walPath)
    : m_walPath(std::move(walPath))
{
}

WalFileSync::~WalFileSync()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void WalFileSync::open()
{
    const QByteArray path = QFile::encodeName(m_walPath);
    struct stat now;
    if (::stat(path.constData(), &now) != 0) {
        if (errno != ENOENT)
            failSync("cannot read", m_walPath, errno);
        // No WAL file: nothing committed since the last connection closed (its last checkpoint synced the
        // database file). Keep any descriptor of an old file; the next sync looks again.
        return;
    }
    if (m_fd >= 0 && quint64(now.st_dev) == m_device && quint64(now.st_ino) == m_inode)
        return;
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK); // no wait on what is not a file
    if (fd < 0)
        failSync("cannot open", m_walPath, errno);
    struct stat opened;
    if (::fstat(fd, &opened) != 0) {
        const int error = errno;
        ::close(fd);
        failSync("cannot read", m_walPath, error);
    }
    // The file's entry in its folder, so that a new WAL file is found after a power loss.
    const QByteArray folder = QFile::encodeName(QFileInfo(m_walPath).absolutePath());
    if (const int dir = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        const int rc = ::fsync(dir);
        const int error = errno;
        ::close(dir);
        if (rc != 0) {
            ::close(fd);
            failSync("cannot sync the folder of", m_walPath, error);
        }
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    m_device = quint64(opened.st_dev);
    m_inode = quint64(opened.st_ino);
}

void WalFileSync::sync()
{
    std::lock_guard lock(m_mutex);
    if (!m_failure.isEmpty())
        throw StorageError("an earlier sync failed (" + m_failure.toStdString() + "): restart the server");
    open();
    if (m_fd >= 0 && syncDescriptor(m_fd) != 0) {
        const int error = errno;
        m_failure = QString::fromLocal8Bit(std::strerror(error));
        failSync("cannot sync", m_walPath, error);
    }
}

RawStatement::RawStatement(const QSqlDatabase &db, const QString &sql)
    : m_sql(sql)
{
    sqlite3 *h = handleOf(db);
    const QByteArray text = sql.toUtf8();
    const int rc = sqlite3_prepare_v2(h, text.constData(), static_cast<int>(text.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(h);
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
        throw StorageError("SQL prepare failed: " + sql.toStdString() + ": " + message);
    }
}

RawStatement::~RawStatement()
{
    sqlite3_finalize(m_stmt);
}

void RawStatement::fail(const char *what, int code) const
{
    throw StorageError(std::string(what) + " failed: " + m_sql.toStdString() + ": " + sqlite3_errstr(code) + ": " +
                       sqlite3_errmsg(sqlite3_db_handle(m_stmt)));
}

void RawStatement::bind(const QVariantList &values)
{
    int index = 0;
    for (const QVariant &v : values) {
        ++index;
        int rc = SQLITE_OK;
        if (v.isNull()) {
            rc = sqlite3_bind_null(m_stmt, index);
        } else {
            switch (v.typeId()) {
            case QMetaType::QString: {
                // As QSQLITE binds text: UTF-16, converted by SQLite.
                const QString s = v.toString();
                rc = sqlite3_bind_text16(m_stmt, index, s.utf16(), static_cast<int>(s.size() * 2), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(m_stmt, index, v.toDouble());
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
            case QMetaType::Long:
            case QMetaType::ULong:
            case QMetaType::Bool:
                rc = sqlite3_bind_int64(m_stmt, index, v.toLongLong());
                break;
            default:
                throw StorageError("cannot bind a value of type " + std::string(v.typeName()));
            }
        }
        if (rc != SQLITE_OK)
            fail("binding", rc);
    }
}

void RawStatement::bindNull(int index)
{
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK)
        fail("binding", rc);
}

void RawStatement::bindInt(int index, qint64 value)
{
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK)
        fail("binding", rc);
}

void RawStatement::bindReal(int index, double value)
{
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK)
        fail("binding", rc);
}

void RawStatement::bindText(int index, QStringView text)
{
    static const char16_t empty[] = u"";
    const void *data = text.isNull() ? static_cast<const void *>(empty) : static_cast<const void *>(text.utf16());
    if (const int rc = sqlite3_bind_text16(m_stmt, index, data, static_cast<int>(text.size() * 2), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail("binding", rc);
}

void RawStatement::bindUtf8(int index, QByteArrayView utf8)
{
    const char *data = utf8.isNull() ? "" : utf8.data();
    if (const int rc = sqlite3_bind_text(m_stmt, index, data, static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
        rc != SQLITE_OK)
        fail("binding", rc);
}

void RawStatement::exec()
{
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW)
        rc = sqlite3_step(m_stmt);
    sqlite3_reset(m_stmt);
    if (rc != SQLITE_DONE)
        fail("SQL", rc);
}

void RawStatement::reset()
{
    sqlite3_reset(m_stmt);
}

qint64 RawStatement::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(sqlite3_db_handle(m_stmt));
}

int RawStatement::changes() const
{
    return sqlite3_changes(sqlite3_db_handle(m_stmt));
}

bool RawStatement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    sqlite3_reset(m_stmt);
    if (rc != SQLITE_DONE)
        fail("SQL", rc);
    return false;
}

bool RawStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 RawStatement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double RawStatement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QUtf8StringView RawStatement::text(int column) const
{
    // sqlite3_column_text first, then the byte count of what it returned (the order SQLite documents).
    const unsigned char *data = sqlite3_column_text(m_stmt, column);
    const int bytes = sqlite3_column_bytes(m_stmt, column);
    if (!data)
        return {};
    return QUtf8StringView(reinterpret_cast<const char *>(data), bytes);
}

QString RawStatement::text16(int column) const
{
    const void *data = sqlite3_column_text16(m_stmt, column);
    const int bytes = sqlite3_column_bytes16(m_stmt, column);
    if (!data)
        return {};
    return QString(reinterpret_cast<const QChar *>(data), bytes / 2);
}

} // namespace crewline::server
