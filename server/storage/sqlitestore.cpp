// The embedded SQLite implementation of Store: WAL, BEGIN IMMEDIATE write transactions, one savepoint per job,
// prepared statements cached per connection, stepwise schema migrations.

#include "server/storage/migrations.h"
#include "server/storage/searchindex.h"
#include "server/storage/sqliteraw.h"
#include "server/storage/sqlitestats.h"
#include "server/storage/store.h"

#include "common/jsonwriter.h"
#include "common/logging.h"
#include "common/ticketjson.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

constexpr int kClosedPhase = 3;

qint64 ms(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}
QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant();
}
QDateTime time(const QVariant &v)
{
    return v.isNull() || v.toLongLong() == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}
// A null QString binds as SQL NULL; text columns are NOT NULL, so bind "" instead.
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QString(u""_s)) : QVariant(s);
}
QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant();
}
// Reads the first row and releases the statement: a statement left open keeps its read transaction, and with WAL
// that pins the connection to an old snapshot, so later reads would not see new commits.
template<typename F>
auto firstRow(QSqlQuery &q, F &&read) -> std::optional<decltype(read(q))>
{
    std::optional<decltype(read(q))> out;
    if (q.next())
        out = read(q);
    q.finish();
    return out;
}

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
// The same text as json(), for RawStatement::bindUtf8.
QByteArray jsonUtf8(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
QJsonObject object(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    return u'%' + escaped + u'%';
}

const QString kTicketColumns =
    u"id, number, type, status, suspended_from, priority, category, department, title, description, "
    "requester_name, requester_contact, requester_id, address, lat, lon, source, assignee_id, team_id, created_by, "
    "created_at, updated_at, accepted_at, first_response_at, resolved_at, closed_at, version, urge_count, "
    "merged_into, pending_approval, fields, dispatch"_s;
// The summary columns (writeTicketSummaries): description left empty, fields reduced to the rating as a number.
const QString kTicketRawSummaryColumns =
    QString(kTicketColumns)
        .replace(u"title, description,"_s, u"title, '',"_s)
        .replace(u"pending_approval, fields"_s, u"pending_approval, CASE WHEN json_type(fields, '$.rating') IN "
                                                "('integer', 'real') THEN json_extract(fields, '$.rating') END"_s);

// A row of kTicketRawSummaryColumns as a source of writeTicketJson (common/ticketjson.h): the values ticketFrom()
// would put into a Ticket, read without one.
class RowJsonSource
{
public:
    explicit RowJsonSource(const RawStatement &q)
        : m_q(q)
    {
    }
    qint64 id() const { return m_q.integer(0); }
    QUtf8StringView number() const { return m_q.text(1); }
    QUtf8StringView type() const { return m_q.text(2); }
    QUtf8StringView status() const { return m_q.text(3); }
    QUtf8StringView suspendedFrom() const { return m_q.text(4); }
    Priority priority() const { return static_cast<Priority>(std::clamp<qint64>(m_q.integer(5), 0, 3)); }
    QUtf8StringView category() const { return m_q.text(6); }
    QUtf8StringView department() const { return m_q.text(7); }
    QUtf8StringView title() const { return m_q.text(8); }
    QUtf8StringView description() const { return m_q.text(9); }
    QUtf8StringView requesterName() const { return m_q.text(10); }
    QUtf8StringView requesterContact() const { return m_q.text(11); }
    qint64 requesterUserId() const { return m_q.integer(12); }
    QUtf8StringView address() const { return m_q.text(13); }
    std::optional<GeoPoint> location() const
    {
        if (m_q.isNull(14))
            return std::nullopt;
        return GeoPoint::at(m_q.real(14), m_q.real(15));
    }
    QUtf8StringView source() const { return m_q.text(16); }
    qint64 assigneeId() const { return m_q.integer(17); }
    qint64 teamId() const { return m_q.integer(18); }
    qint64 createdBy() const { return m_q.integer(19); }
    std::optional<qint64> createdAtMs() const { return time(20); }
    std::optional<qint64> updatedAtMs() const { return time(21); }
    std::optional<qint64> acceptedAtMs() const { return time(22); }
    std::optional<qint64> firstResponseAtMs() const { return time(23); }
    std::optional<qint64> resolvedAtMs() const { return time(24); }
    std::optional<qint64> closedAtMs() const { return time(25); }
    qint64 version() const { return m_q.integer(26); }
    int urgeCount() const { return static_cast<int>(m_q.integer(27)); }
    qint64 mergedInto() const { return m_q.integer(28); }
    QByteArray pendingApprovalJson() const
    {
        // Rare: parsed and written again so that it reads exactly as the Ticket path writes it.
        if (m_q.isNull(29))
            return {};
        const PendingApproval p = PendingApproval::fromJson(parse(29));
        return p.isValid() ? QJsonDocument(p.toJson()).toJson(QJsonDocument::Compact) : QByteArray();
    }
    QByteArray dispatchJson() const
    {
        if (m_q.isNull(31))
            return {};
        const DispatchState d = DispatchState::fromJson(parse(31));
        return d.isValid() ? QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact) : QByteArray();
    }
    QByteArray fieldsJson() const { return "{}"; } // summaries only
    std::optional<double> rating() const { return m_q.isNull(30) ? std::nullopt : std::optional(m_q.real(30)); }

private:
    std::optional<qint64> time(int column) const
    {
        // As time() above: null or 0 is "not set".
        const qint64 v = m_q.integer(column);
        return m_q.isNull(column) || v == 0 ? std::nullopt : std::optional(v);
    }
    QJsonObject parse(int column) const
    {
        // Through UTF-16 as object() above reads it: SQLite's conversion replaces some code points.
        return QJsonDocument::fromJson(m_q.text16(column).toUtf8()).object();
    }
    const RawStatement &m_q;
};

const QString kStaffSelect =
    u"SELECT s.user_id, u.display_name, u.team_id, s.skills, s.status, s.lat, s.lon, s.accuracy, s.position_at, "
    "(SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = s.user_id AND t.phase < 2), s.heading, s.speed, "
    "s.frozen_on FROM field_staff s JOIN users u ON u.id = s.user_id"_s;

class SqliteStore final : public Store
{
public:
    explicit SqliteStore(const StoreOptions &options)
        : m_name(options.connectionName)
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(options.path);
        m_db.setConnectOptions(options.readOnly ? u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s
                                                : u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        if (!m_db.open())
            throw StorageError("cannot open database " + options.path.toStdString() + ": " +
                               m_db.lastError().text().toStdString());
        tuneSqliteConnection(m_db);
        exec(u"PRAGMA foreign_keys = ON"_s);
        if (!options.readOnly) {
            exec(u"PRAGMA journal_mode = WAL"_s);
            // A commit is on disk before we acknowledge it: FULL waits inside COMMIT; with deferredSync (the writer)
            // NORMAL does not, and syncCommitted() waits instead, on another thread. Checkpoints run from a timer,
            // not inside commits.
            const QString wal = walFileName(m_db);
            if (options.deferredSync && !wal.isEmpty()) {
                exec(u"PRAGMA synchronous = NORMAL"_s);
                m_walSync = std::make_unique<WalFileSync>(wal);
            } else {
                exec(u"PRAGMA synchronous = FULL"_s);
            }
            exec(u"PRAGMA wal_autocheckpoint = 0"_s);
            trackWalFrames(m_db, &m_walFrames);
        }
        m_searchPath = options.searchPath;
        exec(u"PRAGMA temp_store = MEMORY"_s);
        exec(u"PRAGMA cache_size = -65536"_s);
        m_stats = std::make_unique<SqliteStats>(m_db);
    }

    ~SqliteStore() override
    {
        m_stats.reset();
        m_queries.clear();
        m_raw.clear(); // before close(): SQLite refuses to close a connection with statements left
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }

    // --- schema and transactions ------------------------------------------------------------------------------

    void migrate() override
    {
        exec(u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s);
        int current = schemaVersion();
        const QList<Migration> &steps = migrations();
        // A newer server's database: this one would write tables it does not know the shape of.
        if (current > steps.last().version)
            throw StorageError(
                u"the database has schema version %1, newer than this server's %2: it was migrated by "
                "a newer Crewline; run that version, or restore the backup taken before upgrading"_s.arg(current)
                    .arg(steps.last().version)
                    .toStdString());
        // A step that asks for the counters to be recomputed leaves a mark in its own transaction; they are
        // recomputed once, after the last step (the code writes the counter tables of the last schema), and the
        // mark goes with them. A start that stopped in between finds the mark and recomputes then.
        const QString rebuildMark = u"stats_rebuild_pending"_s;
        for (const Migration &m : steps) {
            if (m.version <= current)
                continue;
            qCInfo(lcDb) << "applying schema migration" << m.version << m.description;
            beginTransaction();
            try {
                for (const QString &statement : m.statements)
                    exec(statement);
                if (m.rebuildStats)
                    exec(u"INSERT INTO counters (name, value) VALUES ('%1', 1) "
                         "ON CONFLICT (name) DO UPDATE SET value = 1"_s.arg(rebuildMark));
                exec(u"DELETE FROM schema_version"_s);
                exec(u"INSERT INTO schema_version (version) VALUES (%1)"_s.arg(m.version));
                commitTransaction();
            } catch (...) {
                rollbackTransaction();
                throw;
            }
            current = m.version;
        }
        if (queryInt(u"SELECT COUNT(*) FROM counters WHERE name = '%1'"_s.arg(rebuildMark)) > 0) {
            qCInfo(lcDb) << "recomputing the dashboard counters from the tickets";
            beginTransaction();
            try {
                m_stats->rebuild();
                exec(u"DELETE FROM counters WHERE name = '%1'"_s.arg(rebuildMark));
                commitTransaction();
            } catch (...) {
                rollbackTransaction();
                throw;
            }
        }
        m_lastSeq = queryInt(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s);
        // The planner's statistics for the tickets' indexes (sqlite_stat1), sampled (analysis_limit) so that this
        // takes milliseconds at any size. Without them SQLite guesses that an IN list on status is more selective
        // than walking the open tickets in list order, and at 1,000,000 tickets gathers and sorts thousands of rows
        // for a 200-row page.
        exec(u"PRAGMA analysis_limit = 1000"_s);
        exec(u"ANALYZE tickets"_s);
    }

    int schemaVersion() override
    {
        QSqlQuery q(m_db);
        if (!q.exec(u"SELECT version FROM schema_version"_s) || !q.next())
            return 0;
        return q.value(0).toInt();
    }

    // The dashboard counters' changes of a transaction are summed in memory (per job, so a job rolled back takes
    // exactly its own changes with it) and written once, just before COMMIT.
    void beginTransaction() override
    {
        raw(u"BEGIN IMMEDIATE"_s).exec();
        m_stats->forgetMonthRows(); // read again inside the write lock
        m_seqAtTransaction = m_lastSeq;
        m_inTransaction = true;
    }

    void commitTransaction() override
    {
        writeTicketNumbers();
        m_stats->flush();
        raw(u"COMMIT"_s).exec();
        m_inTransaction = false;
        keepWalBounded();
    }

    void rollbackTransaction() override
    {
        m_stats->discard();
        QSqlQuery q(m_db);
        q.exec(u"ROLLBACK"_s);
        m_lastSeq = m_seqAtTransaction;
        m_numbers.clear();
        m_inTransaction = false;
    }

    void beginJob() override
    {
        raw(u"SAVEPOINT job"_s).exec();
        m_seqAtJob = m_lastSeq;
        m_numbersAtJob = m_numbers;
        m_stats->beginJob();
    }

    void endJob(bool keep) override
    {
        m_stats->endJob(keep);
        if (keep) {
            if (!m_inTransaction) // the savepoint is the transaction: RELEASE commits it
                m_stats->flush();
            raw(u"RELEASE SAVEPOINT job"_s).exec();
            return;
        }
        raw(u"ROLLBACK TO SAVEPOINT job"_s).exec();
        raw(u"RELEASE SAVEPOINT job"_s).exec();
        m_lastSeq = m_seqAtJob;
        m_numbers = m_numbersAtJob;
    }

    // Checkpoints run on their own connection (WriteQueue), so that commits never wait for them; but the WAL file
    // only starts over from its beginning when a write transaction begins with every frame checkpointed, which a
    // steady stream of commits never allows: it grew by ~90 MB/s under a create load (docs/performance.md), every
    // write extending the file (the kernel zeroes each new block) and every read searching a longer WAL index. So
    // once the WAL is past kWalFramesToRestart, the writer copies the few frames the background checkpoint has not
    // (it stops writing meanwhile, so the checkpoint can complete) and its next transaction restarts the file.
    void keepWalBounded()
    {
        constexpr int kWalFramesToRestart = 8192; // 32 MiB of 4 KiB pages
        constexpr int kRetryAfterFrames = 1024;   // a reader still on old frames: try again a little later
        if (m_walFrames < std::max(kWalFramesToRestart, m_walRetryAt))
            return;
        m_walRetryAt = checkpointPassive(m_db) ? 0 : m_walFrames + kRetryAfterFrames;
    }

    // Counter changes outside any transaction are written at once (each statement commits by itself).
    void flushStatsUnlessInTransaction()
    {
        if (!m_inTransaction && !m_bulk)
            m_stats->flush();
    }

    void syncCommitted() override
    {
        if (m_walSync)
            m_walSync->sync();
    }

    void checkpoint() override
    {
        QSqlQuery q(m_db);
        q.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
    }

    // --- people -------------------------------------------------------------------------------------------------

    std::optional<UserRecord> userByName(const QString &username) override
    {
        QSqlQuery &q = prepared(u"SELECT id, username, display_name, role, team_id, email, phone, active, "
                                "password_hash, failed_logins, locked_until FROM users WHERE username = ?"_s);
        q.addBindValue(username);
        run(q);
        return firstRow(q, [](const QSqlQuery &r) { return userRecord(r); });
    }

    std::optional<UserRecord> userById(UserId id) override
    {
        QSqlQuery &q = prepared(u"SELECT id, username, display_name, role, team_id, email, phone, active, "
                                "password_hash, failed_logins, locked_until FROM users WHERE id = ?"_s);
        q.addBindValue(id.value());
        run(q);
        return firstRow(q, [](const QSqlQuery &r) { return userRecord(r); });
    }

    QList<User> users() override
    {
        QSqlQuery &q = prepared(u"SELECT id, username, display_name, role, team_id, email, phone, active, "
                                "password_hash, failed_logins, locked_until FROM users ORDER BY id"_s);
        run(q);
        QList<User> out;
        while (q.next())
            out << userRecord(q).user;
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    UserId insertUser(const User &user, const QString &passwordHash, const QDateTime &now) override
    {
        QSqlQuery &q = prepared(u"INSERT INTO users (username, display_name, role, team_id, email, phone, active, "
                                "password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(text(user.username));
        q.addBindValue(text(user.displayName));
        q.addBindValue(roleName(user.role));
        q.addBindValue(idOrNull(user.teamId.value()));
        q.addBindValue(text(user.email));
        q.addBindValue(text(user.phone));
        q.addBindValue(user.active ? 1 : 0);
        q.addBindValue(passwordHash);
        q.addBindValue(ms(now));
        run(q);
        return UserId(q.lastInsertId().toLongLong());
    }

    void setLoginState(UserId id, int failedLogins, const QDateTime &lockedUntil) override
    {
        QSqlQuery &q = prepared(u"UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?"_s);
        q.addBindValue(failedLogins);
        q.addBindValue(ms(lockedUntil));
        q.addBindValue(id.value());
        run(q);
    }

    void insertSession(const QString &tokenHash, const SessionRecord &s) override
    {
        QSqlQuery &q =
            prepared(u"INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"_s);
        q.addBindValue(tokenHash);
        q.addBindValue(s.userId.value());
        q.addBindValue(ms(s.createdAt));
        q.addBindValue(ms(s.expiresAt));
        run(q);
    }

    std::optional<SessionRecord> session(const QString &tokenHash) override
    {
        QSqlQuery &q = prepared(u"SELECT user_id, created_at, expires_at FROM sessions WHERE token_hash = ?"_s);
        q.addBindValue(tokenHash);
        run(q);
        return firstRow(q, [](const QSqlQuery &r) {
            return SessionRecord{UserId(r.value(0).toLongLong()), time(r.value(1)), time(r.value(2))};
        });
    }

    void removeSession(const QString &tokenHash) override
    {
        QSqlQuery &q = prepared(u"DELETE FROM sessions WHERE token_hash = ?"_s);
        q.addBindValue(tokenHash);
        run(q);
    }

    void removeExpiredSessions(const QDateTime &now) override
    {
        QSqlQuery &q = prepared(u"DELETE FROM sessions WHERE expires_at < ?"_s);
        q.addBindValue(ms(now));
        run(q);
    }

    QList<Team> teams() override
    {
        QSqlQuery &q = prepared(u"SELECT id, name, area FROM teams ORDER BY id"_s);
        run(q);
        QList<Team> out;
        while (q.next())
            out << Team{TeamId(q.value(0).toLongLong()), q.value(1).toString(), q.value(2).toString()};
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    TeamId insertTeam(const Team &team) override
    {
        QSqlQuery &q = prepared(u"INSERT INTO teams (name, area) VALUES (?, ?)"_s);
        q.addBindValue(text(team.name));
        q.addBindValue(text(team.area));
        run(q);
        return TeamId(q.lastInsertId().toLongLong());
    }

    QList<FieldStaff> staff(const QDate &today) override
    {
        // Active accounts only: an inactive engineer is neither on the map nor a dispatch candidate.
        QSqlQuery &q = prepared(kStaffSelect + u" WHERE u.active = 1 ORDER BY s.user_id"_s);
        run(q);
        QList<FieldStaff> out;
        while (q.next())
            out << staffFrom(q, today);
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    std::optional<FieldStaff> staffMember(UserId id, const QDate &today) override
    {
        QSqlQuery &q = prepared(kStaffSelect + u" WHERE s.user_id = ?"_s);
        q.addBindValue(id.value());
        run(q);
        return firstRow(q, [today](const QSqlQuery &r) { return staffFrom(r, today); });
    }

    void upsertStaff(const FieldStaff &f) override
    {
        QSqlQuery &q = prepared(
            u"INSERT INTO field_staff (user_id, skills, status, lat, lon, accuracy, position_at, heading, speed, "
            "frozen_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET "
            "skills = excluded.skills, status = excluded.status, lat = excluded.lat, lon = excluded.lon, "
            "accuracy = excluded.accuracy, position_at = excluded.position_at, heading = excluded.heading, "
            "speed = excluded.speed, frozen_on = excluded.frozen_on"_s);
        q.addBindValue(f.userId.value());
        q.addBindValue(
            QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(f.skills)).toJson(QJsonDocument::Compact)));
        q.addBindValue(staffStatusName(f.status));
        q.addBindValue(f.position.isValid() ? QVariant(f.position.lat) : QVariant());
        q.addBindValue(f.position.isValid() ? QVariant(f.position.lon) : QVariant());
        q.addBindValue(f.accuracy);
        q.addBindValue(msOrNull(f.positionAt));
        q.addBindValue(f.heading >= 0 ? QVariant(f.heading) : QVariant());
        q.addBindValue(f.speed >= 0 ? QVariant(f.speed) : QVariant());
        q.addBindValue(f.frozenOn.isValid() ? f.frozenOn.toString(Qt::ISODate) : u""_s);
        run(q);
    }

    void appendTrack(UserId id, const TrackPoint &p) override
    {
        QSqlQuery &q = prepared(u"INSERT INTO staff_track (user_id, lat, lon, accuracy, at) VALUES (?, ?, ?, ?, ?)"_s);
        q.addBindValue(id.value());
        q.addBindValue(p.position.lat);
        q.addBindValue(p.position.lon);
        q.addBindValue(p.accuracy);
        q.addBindValue(ms(p.at));
        run(q);
    }

    QList<TrackPoint> track(UserId id, const QDateTime &since, int limit) override
    {
        // The newest `limit` points after `since`, returned oldest first.
        QSqlQuery &q = prepared(u"SELECT lat, lon, accuracy, at FROM (SELECT lat, lon, accuracy, at FROM staff_track "
                                "WHERE user_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?) ORDER BY at"_s);
        q.addBindValue(id.value());
        q.addBindValue(ms(since));
        q.addBindValue(limit);
        run(q);
        QList<TrackPoint> out;
        while (q.next()) {
            TrackPoint p;
            p.position = GeoPoint::at(q.value(0).toDouble(), q.value(1).toDouble());
            p.accuracy = q.value(2).toDouble();
            p.at = time(q.value(3));
            out << p;
        }
        q.finish();
        return out;
    }

    void pruneTracks(const QDateTime &olderThan, int maxPointsPerUser) override
    {
        QSqlQuery &old = prepared(u"DELETE FROM staff_track WHERE at < ?"_s);
        old.addBindValue(ms(olderThan));
        run(old);
        QSqlQuery &many = prepared(u"DELETE FROM staff_track WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() "
                                   "OVER (PARTITION BY user_id ORDER BY at DESC, id DESC) AS n FROM staff_track) "
                                   "WHERE n > ?)"_s);
        many.addBindValue(maxPointsPerUser);
        run(many);
    }

    // --- tickets ------------------------------------------------------------------------------------------------

    std::optional<Ticket> ticket(TicketId id) override
    {
        QSqlQuery &q = prepared(u"SELECT "_s + kTicketColumns + u" FROM tickets WHERE id = ?"_s);
        q.addBindValue(id.value());
        run(q);
        return firstRow(q, [](const QSqlQuery &r) { return ticketFrom(r); });
    }

    std::optional<Ticket> ticketByNumber(const QString &number) override
    {
        QSqlQuery &q = prepared(u"SELECT "_s + kTicketColumns + u" FROM tickets WHERE number = ?"_s);
        q.addBindValue(number);
        run(q);
        return firstRow(q, [](const QSqlQuery &r) { return ticketFrom(r); });
    }

    static QString ticketNumber(int year, qint64 n) { return u"WO-%1-%2"_s.arg(year).arg(n, 6, 10, QLatin1Char('0')); }
    static QString numberCounter(int year) { return u"ticket_number_%1"_s.arg(year); } // its row in counters

    // In a write transaction the counter is read once and counted in memory; its new value is written once, before
    // COMMIT (writeTicketNumbers). The transaction holds the write lock, so nobody else can take a number meanwhile;
    // a job rolled back gives its numbers back (m_numbersAtJob), as its rows go.
    QString nextTicketNumber(int year) override
    {
        if (m_inTransaction && !m_bulk) {
            auto it = m_numbers.find(year);
            if (it == m_numbers.end()) {
                RawStatement &read = raw(u"SELECT value FROM counters WHERE name = ?"_s);
                read.bindText(1, numberCounter(year));
                const qint64 stored = read.next() ? read.integer(0) : 0;
                read.reset();
                it = m_numbers.emplace(year, NumberCounter{stored, stored}).first;
            }
            return ticketNumber(year, ++it->second.last);
        }
        RawStatement &q = raw(u"INSERT INTO counters (name, value) VALUES (?, 1) "
                              "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"_s);
        q.bindText(1, numberCounter(year));
        if (!q.next())
            throw StorageError("ticket number counter returned nothing");
        const qint64 n = q.integer(0);
        q.reset(); // the row is written by the first step already
        return ticketNumber(year, n);
    }

    void writeTicketNumbers()
    {
        for (auto &[year, counter] : m_numbers) {
            if (counter.last == counter.stored)
                continue;
            RawStatement &q = raw(u"INSERT INTO counters (name, value) VALUES (?, ?) "
                                  "ON CONFLICT(name) DO UPDATE SET value = excluded.value"_s);
            q.bindText(1, numberCounter(year));
            q.bindInt(2, counter.last);
            q.exec();
        }
        m_numbers.clear();
    }

    TicketId insertTicket(const Ticket &t, int phase) override
    {
        RawStatement &q = raw(u"INSERT INTO tickets (number, type, status, phase, suspended_from, priority, "
                              "category, department, title, description, requester_name, requester_contact, "
                              "requester_id, address, lat, lon, source, assignee_id, team_id, created_by, "
                              "created_at, updated_at, accepted_at, first_response_at, resolved_at, closed_at, "
                              "version, urge_count, merged_into, pending_approval, fields, dispatch, "
                              "dispatch_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                              "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        bindTicket(q, t, phase);
        q.exec();
        const TicketId id(q.lastInsertRowId());
        if (!m_statsDeferred) {
            m_stats->add(stats::Facts::of(t), +1);
            flushStatsUnlessInTransaction();
        }
        return id;
    }

    void updateTicket(const Ticket &t, int phase) override
    {
        RawStatement &q = raw(u"UPDATE tickets SET number = ?, type = ?, status = ?, phase = ?, suspended_from = ?, "
                              "priority = ?, category = ?, department = ?, title = ?, description = ?, "
                              "requester_name = ?, requester_contact = ?, requester_id = ?, address = ?, lat = ?, "
                              "lon = ?, source = ?, assignee_id = ?, team_id = ?, created_by = ?, created_at = ?, "
                              "updated_at = ?, accepted_at = ?, first_response_at = ?, resolved_at = ?, "
                              "closed_at = ?, version = ?, urge_count = ?, merged_into = ?, pending_approval = ?, "
                              "fields = ?, dispatch = ?, dispatch_deadline = ? WHERE id = ?"_s);
        const std::optional<stats::Facts> before = m_statsDeferred ? std::nullopt : storedFacts(t.id);
        const int next = bindTicket(q, t, phase);
        q.bindInt(next, t.id.value());
        q.exec();
        if (q.changes() != 1)
            throw StorageError("ticket update touched no row");
        const stats::Facts after = stats::Facts::of(t);
        if (before && *before != after) {
            m_stats->add(*before, -1);
            m_stats->add(after, +1);
            flushStatsUnlessInTransaction();
        }
    }

    void touchTicket(TicketId id, const QDateTime &updatedAt, const QDateTime &firstResponseAt) override
    {
        QSqlQuery &q = prepared(u"UPDATE tickets SET updated_at = MAX(updated_at, ?), "
                                "first_response_at = COALESCE(first_response_at, ?) WHERE id = ?"_s);
        q.addBindValue(ms(updatedAt));
        q.addBindValue(msOrNull(firstResponseAt));
        q.addBindValue(id.value());
        const std::optional<stats::Facts> before =
            firstResponseAt.isValid() && !m_statsDeferred ? storedFacts(id) : std::nullopt;
        run(q);
        if (before && before->firstResponseAt == 0) {
            if (const std::optional<stats::Facts> after = storedFacts(id); after && *after != *before) {
                m_stats->add(*before, -1);
                m_stats->add(*after, +1);
                flushStatsUnlessInTransaction();
            }
        }
    }

    QList<Ticket> dispatchDue(const QDateTime &now, int limit) override
    {
        QSqlQuery &q = prepared(u"SELECT "_s + kTicketColumns +
                                u" FROM tickets WHERE dispatch_deadline IS NOT NULL AND dispatch_deadline <= ? "
                                "ORDER BY dispatch_deadline LIMIT ?"_s);
        q.addBindValue(ms(now));
        q.addBindValue(limit);
        run(q);
        QList<Ticket> out;
        while (q.next())
            out << ticketFrom(q);
        q.finish();
        return out;
    }

    // The SELECT of a ticket list (columns given; binds end with limit and offset) and its COUNT; nothing when no
    // ticket can match.
    struct ListSql
    {
        QString select;
        QString countFrom;       // " FROM tickets WHERE ..." of the count
        QVariantList binds;      // of select's WHERE clause
        QVariantList countBinds; // of countFrom's
    };
    std::optional<ListSql> listSql(const protocol::TicketQuery &query, const Visibility &visibility,
                                   const QString &columns)
    {
        QStringList where;
        QVariantList binds;
        const auto inList = [&](const QString &column, const QStringList &values) {
            if (values.isEmpty())
                return;
            where << column + u" IN ("_s + QStringList(values.size(), u"?"_s).join(u',') + u')';
            for (const QString &v : values)
                binds << v;
        };
        const auto inIds = [&](const QString &column, const QList<qint64> &values) {
            if (values.isEmpty())
                return;
            where << column + u" IN ("_s + QStringList(values.size(), u"?"_s).join(u',') + u')';
            for (qint64 v : values)
                binds << v;
        };
        inList(u"status"_s, query.statuses);
        inList(u"type"_s, query.types);
        inList(u"category"_s, query.categories);
        inList(u"department"_s, query.departments);
        QList<qint64> priorities;
        for (const QString &p : query.priorities) {
            if (const auto pr = priorityFromName(p))
                priorities << static_cast<qint64>(*pr);
        }
        if (!query.priorities.isEmpty() && priorities.isEmpty())
            return std::nullopt; // only unknown priorities: nothing can match
        inIds(u"priority"_s, priorities);
        QList<qint64> assignees, teams;
        for (UserId id : query.assigneeIds)
            assignees << id.value();
        for (TeamId id : query.teamIds)
            teams << id.value();
        inIds(u"assignee_id"_s, assignees);
        inIds(u"team_id"_s, teams);
        if (query.unassigned)
            where << (*query.unassigned ? u"assignee_id IS NULL"_s : u"assignee_id IS NOT NULL"_s);
        if (query.open)
            where << (*query.open ? u"phase < %1"_s : u"phase = %1"_s).arg(kClosedPhase);
        if (query.pendingApproval)
            where << (*query.pendingApproval ? u"pending_approval IS NOT NULL"_s : u"pending_approval IS NULL"_s);
        if (query.requesterId.isValid()) {
            where << u"requester_id = ?"_s;
            binds << query.requesterId.value();
        }
        if (!visibility.all) {
            where << u"requester_id = ?"_s;
            binds << visibility.requester.value();
        }
        const auto range = [&](const QString &column, const QDateTime &from, const QDateTime &to) {
            if (from.isValid()) {
                where << column + u" >= ?"_s;
                binds << ms(from);
            }
            if (to.isValid()) {
                where << column + u" < ?"_s;
                binds << ms(to);
            }
        };
        if (query.afterId.isValid()) {
            where << (query.descending ? u"id < ?"_s : u"id > ?"_s);
            binds << query.afterId.value();
        }
        range(u"created_at"_s, query.createdFrom, query.createdTo);
        range(u"updated_at"_s, query.updatedFrom, query.updatedTo);
        bool lookupPlan = false;
        // The free-text condition, which may differ between the page and the count (below).
        QString pageText, countText;
        QVariantList pageTextBinds, countTextBinds;
        if (const QString text = query.text.trimmed(); !text.isEmpty()) {
            const QString pattern = likePattern(text);
            const QString like =
                u"(title LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\')"_s;
            // The index narrows the candidates to the tickets holding every trigram of the text (or its one bigram);
            // LIKE decides, so a stale index entry never matches. Tickets changed after the index's watermark are
            // checked with LIKE alone: a ticket is findable the moment it is committed. The trigrams are ANDed
            // rather than matched as a phrase because the index stores no positions (detail=none), and FTS5 refuses
            // phrase queries on such a table ("phrase queries are not supported").
            const std::optional<qint64> watermark = searchWatermark();
            const QList<uint> codePoints = text.toUcs4();
            QStringList terms;
            QString table = u"trigrams"_s;
            if (codePoints.size() >= 3) {
                const auto *ucs4 = reinterpret_cast<const char32_t *>(codePoints.constData());
                for (qsizetype i = 0; i + 3 <= codePoints.size(); ++i) {
                    const QString trigram = QString::fromUcs4(ucs4 + i, 3);
                    terms << u'"' + QString(trigram).replace(u'"', u"\"\""_s) + u'"';
                }
                terms.removeDuplicates();
            } else if (const QString grams = SearchIndexer::bigrams(text).trimmed();
                       codePoints.size() == 2 && !grams.isEmpty()) {
                table = u"bigrams"_s;
                terms << u'"' + grams + u'"';
            }
            if (watermark && !terms.isEmpty()) {
                const QString match = terms.join(u" AND "_s);
                // Looking up N candidates costs about N row reads; walking the sort order costs about
                // tickets / N * limit rows until a page is full.
                const qint64 tickets = queryInt(u"SELECT COALESCE(MAX(id), 0) FROM tickets"_s);
                const double pageAndTable = std::sqrt(double(query.limit) * double(tickets));
                // Measured at 1,000,000 tickets: a candidate looked up costs ~2 µs (row read, LIKE); the walk below
                // ~0.3 µs a row it passes (a test against the set), so they cross near 0.4 * sqrt(limit * tickets).
                const qint64 crossover = std::clamp<qint64>(static_cast<qint64>(0.4 * pageAndTable), 500, 20000);
                // Past this many candidates, walking the sort order testing LIKE alone finds a page sooner than
                // first collecting the candidates into a set (which costs ~0.13 µs each; LIKE ~5 µs a row): at
                // 1,000,000 tickets 水表 (103,000 candidates) took 13.8 ms with the set and 1.1 ms without, 漏水
                // (12,800) 3.9 ms with it and 21 ms without.
                const qint64 walkAlone = std::clamp<qint64>(static_cast<qint64>(6 * pageAndTable), 20000, 200000);
                // The candidates: what the index holds for the text, and the tickets changed after its watermark.
                const QString lookup = u"(%1 AND id IN (SELECT rowid FROM search.%2 WHERE %2 MATCH ? "
                                       "UNION ALL SELECT id FROM tickets WHERE updated_at >= ?))"_s.arg(like, table);
                const QVariantList lookupBinds{pattern, pattern, pattern, match, *watermark};
                // A count always goes through the candidates: its cost follows the matches, not the table.
                countText = lookup;
                countTextBinds = lookupBinds;
                const qint64 hits = indexHits(table, match, walkAlone);
                if (hits < crossover) {
                    // Few candidates: look them up by id and sort them, instead of walking the whole table in sort
                    // order testing LIKE on every row — which is what made a rare or absent term cost a full scan.
                    pageText = lookup;
                    pageTextBinds = lookupBinds;
                    lookupPlan = true;
                } else if (hits < walkAlone) {
                    // A frequent term: walking in sort order finds a page of matches after few rows; the set of
                    // candidates (built once) spares LIKE on most of the rows walked.
                    pageText =
                        u"(%1 AND (id IN (SELECT rowid FROM search.%2 WHERE %2 MATCH ?) OR updated_at >= ?))"_s.arg(
                            like, table);
                    pageTextBinds = lookupBinds;
                } else {
                    // A very frequent term: a page is full after a few hundred rows; LIKE decides on its own.
                    pageText = like;
                    pageTextBinds = {pattern, pattern, pattern};
                }
            } else {
                pageText = countText = like;
                pageTextBinds = countTextBinds = {pattern, pattern, pattern};
            }
        }

        QString column = u"updated_at"_s;
        if (query.sort == u"created")
            column = u"created_at"_s;
        else if (query.sort == u"priority")
            column = u"priority"_s;
        else if (query.sort == u"number")
            column = u"id"_s;
        else if (query.sort == u"status")
            column = u"status"_s;
        const QString direction = query.descending ? u"DESC"_s : u"ASC"_s;
        const auto whereSql = [&where](const QString &text) {
            QStringList all = where;
            if (!text.isEmpty())
                all << text;
            return all.isEmpty() ? QString() : u" WHERE "_s + all.join(u" AND "_s);
        };
        // "+column" keeps the planner from walking the sort index when the lookup plan was chosen.
        return ListSql{u"SELECT "_s + columns + u" FROM tickets"_s + whereSql(pageText) + u" ORDER BY "_s +
                           (lookupPlan ? u"+"_s : QString()) + column + u' ' + direction + u", id "_s + direction +
                           u" LIMIT ? OFFSET ?"_s,
                       u" FROM tickets"_s + whereSql(countText), binds + pageTextBinds, binds + countTextBinds};
    }

    // The number of matches, or with a limit, up to it: {limit, true} when there are more.
    std::pair<qint64, bool> listTotal(const ListSql &sql, std::optional<int> limit)
    {
        QSqlQuery c(m_db);
        c.setForwardOnly(true);
        c.prepare(limit ? QString(u"SELECT COUNT(*) FROM (SELECT 1"_s + sql.countFrom + u" LIMIT ?)"_s)
                        : QString(u"SELECT COUNT(*)"_s + sql.countFrom));
        for (const QVariant &b : sql.countBinds)
            c.addBindValue(b);
        if (limit)
            c.addBindValue(qint64(*limit) + 1);
        run(c);
        const qint64 n = c.next() ? c.value(0).toLongLong() : 0;
        if (limit && n > *limit)
            return {*limit, true};
        return {n, false};
    }

    TicketPage listTickets(const protocol::TicketQuery &query, const Visibility &visibility) override
    {
        TicketPage page;
        const std::optional<ListSql> sql = listSql(query, visibility, kTicketColumns);
        if (!sql)
            return page;
        QSqlQuery q(m_db);
        q.setForwardOnly(true); // no client-side cache of every row
        q.prepare(sql->select);
        for (const QVariant &b : sql->binds)
            q.addBindValue(b);
        q.addBindValue(query.limit);
        q.addBindValue(query.offset);
        run(q);
        while (q.next())
            page.tickets << ticketFrom(q);
        q.finish(); // release the read snapshot (WAL) at once
        if (query.withTotal)
            std::tie(page.total, page.totalCapped) = listTotal(*sql, query.totalLimit);
        return page;
    }

    TicketListWritten writeTicketSummaries(const protocol::TicketQuery &query, const Visibility &visibility,
                                           JsonWriter &w, TicketShape shape) override
    {
        TicketListWritten written;
        const std::optional<ListSql> sql = listSql(query, visibility, kTicketRawSummaryColumns);
        if (!sql)
            return written;
        {
            RawStatement q(m_db, sql->select);
            q.bind(sql->binds + QVariantList{query.limit, query.offset});
            while (q.next()) {
                writeTicketJson(w, RowJsonSource(q), true, shape);
                ++written.count;
            }
        } // finalized: the read snapshot (WAL) is released at once
        if (query.withTotal)
            std::tie(written.total, written.totalCapped) = listTotal(*sql, query.totalLimit);
        return written;
    }

    qint64 ticketCount() override { return queryInt(u"SELECT COUNT(*) FROM tickets"_s); }

    QList<Comment> comments(TicketId id, bool withInternal) override
    {
        QSqlQuery &q = prepared(u"SELECT id, ticket_id, author_id, author_name, kind, body, created_at, "
                                "origin_ticket_id FROM comments WHERE ticket_id = ? AND (kind = 0 OR ?) "
                                "ORDER BY created_at, id"_s);
        q.addBindValue(id.value());
        q.addBindValue(withInternal ? 1 : 0);
        run(q);
        QList<Comment> out;
        while (q.next())
            out << commentFrom(q);
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    std::optional<Comment> comment(CommentId id) override
    {
        QSqlQuery &q = prepared(u"SELECT id, ticket_id, author_id, author_name, kind, body, created_at, "
                                "origin_ticket_id FROM comments WHERE id = ?"_s);
        q.addBindValue(id.value());
        run(q);
        return firstRow(q, [](const QSqlQuery &r) { return commentFrom(r); });
    }

    CommentId insertComment(const Comment &c) override
    {
        QSqlQuery &q = prepared(u"INSERT INTO comments (ticket_id, author_id, author_name, kind, body, created_at, "
                                "origin_ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(c.ticketId.value());
        q.addBindValue(idOrNull(c.authorId.value()));
        q.addBindValue(text(c.authorName));
        q.addBindValue(static_cast<int>(c.kind));
        q.addBindValue(text(c.body));
        q.addBindValue(ms(c.createdAt));
        q.addBindValue(idOrNull(c.originTicketId.value()));
        run(q);
        return CommentId(q.lastInsertId().toLongLong());
    }

    void moveComments(const QList<CommentId> &ids, TicketId from, TicketId to) override
    {
        QSqlQuery &q = prepared(u"UPDATE comments SET ticket_id = ?, origin_ticket_id = COALESCE(origin_ticket_id, ?) "
                                "WHERE id = ? AND ticket_id = ?"_s);
        QSqlQuery &a = prepared(u"UPDATE attachments SET ticket_id = ? WHERE comment_id = ? AND ticket_id = ?"_s);
        for (CommentId id : ids) {
            q.addBindValue(to.value());
            q.addBindValue(from.value());
            q.addBindValue(id.value());
            q.addBindValue(from.value());
            run(q);
            a.addBindValue(to.value());
            a.addBindValue(id.value());
            a.addBindValue(from.value());
            run(a);
        }
    }

    void moveAllComments(TicketId from, TicketId to) override
    {
        QSqlQuery &q = prepared(u"UPDATE comments SET ticket_id = ?, origin_ticket_id = COALESCE(origin_ticket_id, ?) "
                                "WHERE ticket_id = ?"_s);
        q.addBindValue(to.value());
        q.addBindValue(from.value());
        q.addBindValue(from.value());
        run(q);
    }

    QList<AttachmentInfo> attachments(TicketId id) override
    {
        QSqlQuery &q = prepared(u"SELECT id, ticket_id, comment_id, file_name, mime_type, size, sha256, uploaded_by, "
                                "created_at FROM attachments WHERE ticket_id = ? ORDER BY id"_s);
        q.addBindValue(id.value());
        run(q);
        QList<AttachmentInfo> out;
        while (q.next())
            out << attachmentFrom(q);
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    std::optional<AttachmentInfo> attachment(AttachmentId id) override
    {
        QSqlQuery &q = prepared(u"SELECT id, ticket_id, comment_id, file_name, mime_type, size, sha256, uploaded_by, "
                                "created_at FROM attachments WHERE id = ?"_s);
        q.addBindValue(id.value());
        run(q);
        return firstRow(q, [](const QSqlQuery &r) { return attachmentFrom(r); });
    }

    AttachmentId insertAttachment(const AttachmentInfo &a) override
    {
        QSqlQuery &q = prepared(u"INSERT INTO attachments (ticket_id, comment_id, file_name, mime_type, size, sha256, "
                                "uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(a.ticketId.value());
        q.addBindValue(idOrNull(a.commentId.value()));
        q.addBindValue(text(a.fileName));
        q.addBindValue(text(a.mimeType));
        q.addBindValue(a.size);
        q.addBindValue(text(a.sha256));
        q.addBindValue(idOrNull(a.uploadedBy.value()));
        q.addBindValue(ms(a.createdAt));
        run(q);
        return AttachmentId(q.lastInsertId().toLongLong());
    }

    void moveAllAttachments(TicketId from, TicketId to) override
    {
        QSqlQuery &q = prepared(u"UPDATE attachments SET ticket_id = ? WHERE ticket_id = ?"_s);
        q.addBindValue(to.value());
        q.addBindValue(from.value());
        run(q);
    }

    QList<AuditEntry> history(TicketId id) override
    {
        QSqlQuery &q = prepared(u"SELECT id, ticket_id, actor_id, actor_name, at, action, changes, reason FROM audit "
                                "WHERE ticket_id = ? ORDER BY at, id"_s);
        q.addBindValue(id.value());
        run(q);
        QList<AuditEntry> out;
        while (q.next()) {
            AuditEntry a;
            a.id = q.value(0).toLongLong();
            a.ticketId = TicketId(q.value(1).toLongLong());
            a.actorId = UserId(q.value(2).toLongLong());
            a.actorName = q.value(3).toString();
            a.at = time(q.value(4));
            a.action = q.value(5).toString();
            a.changes = object(q.value(6));
            a.reason = q.value(7).toString();
            out << a;
        }
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    void insertAudit(const AuditEntry &a) override
    {
        RawStatement &q = raw(u"INSERT INTO audit (ticket_id, actor_id, actor_name, at, action, changes, reason) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        q.bindInt(1, a.ticketId.value());
        bindId(q, 2, a.actorId.value());
        q.bindText(3, a.actorName);
        q.bindInt(4, ms(a.at));
        q.bindText(5, a.action);
        q.bindUtf8(6, jsonUtf8(a.changes));
        q.bindText(7, a.reason);
        q.exec();
    }

    void copyHistory(TicketId from, TicketId to, const QString &reason) override
    {
        QSqlQuery &q = prepared(u"INSERT INTO audit (ticket_id, actor_id, actor_name, at, action, changes, reason) "
                                "SELECT ?, actor_id, actor_name, at, action, changes, "
                                "CASE WHEN reason = '' THEN ? ELSE reason || ' (' || ? || ')' END "
                                "FROM audit WHERE ticket_id = ? ORDER BY id"_s);
        q.addBindValue(to.value());
        q.addBindValue(text(reason));
        q.addBindValue(text(reason));
        q.addBindValue(from.value());
        run(q);
    }

    QList<TicketLink> links(TicketId id) override
    {
        QSqlQuery &q = prepared(u"SELECT l.b, t.number, l.kind FROM links l JOIN tickets t ON t.id = l.b "
                                "WHERE l.a = ? ORDER BY l.b"_s);
        q.addBindValue(id.value());
        run(q);
        QList<TicketLink> out;
        while (q.next()) {
            out << TicketLink{TicketId(q.value(0).toLongLong()), q.value(1).toString(),
                              linkKindFromName(q.value(2).toString()).value_or(LinkKind::Related)};
        }
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    void insertLink(TicketId a, TicketId b, LinkKind kind) override
    {
        LinkKind reverse = kind;
        if (kind == LinkKind::Parent)
            reverse = LinkKind::Child;
        else if (kind == LinkKind::Child)
            reverse = LinkKind::Parent;
        QSqlQuery &q = prepared(u"INSERT INTO links (a, b, kind) VALUES (?, ?, ?) "
                                "ON CONFLICT(a, b) DO UPDATE SET kind = excluded.kind"_s);
        for (const auto &[x, y, k] : {std::tuple{a, b, kind}, std::tuple{b, a, reverse}}) {
            q.addBindValue(x.value());
            q.addBindValue(y.value());
            q.addBindValue(linkKindName(k));
            run(q);
        }
    }

    bool removeLink(TicketId a, TicketId b) override
    {
        QSqlQuery &q = prepared(u"DELETE FROM links WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)"_s);
        q.addBindValue(a.value());
        q.addBindValue(b.value());
        q.addBindValue(b.value());
        q.addBindValue(a.value());
        run(q);
        return q.numRowsAffected() > 0;
    }

    // --- events -------------------------------------------------------------------------------------------------

    qint64 appendEvent(StoredEvent &e) override
    {
        e.event.seq = m_lastSeq + 1;
        RawStatement &q = raw(u"INSERT INTO events (seq, at, type, ticket_id, requester_id, internal, payload) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        q.bindInt(1, e.event.seq);
        q.bindInt(2, ms(e.event.at));
        q.bindText(3, e.event.type);
        bindId(q, 4, e.event.ticketId.value());
        bindId(q, 5, e.requesterId.value());
        q.bindInt(6, e.internal ? 1 : 0);
        q.bindUtf8(7, e.event.rawData.isEmpty() ? jsonUtf8(e.event.data) : e.event.rawData);
        q.exec();
        m_lastSeq = e.event.seq;
        return e.event.seq;
    }

    QList<StoredEvent> eventsAfter(qint64 seq, int limit) override
    {
        QSqlQuery &q = prepared(u"SELECT seq, at, type, ticket_id, requester_id, internal, payload FROM events "
                                "WHERE seq > ? ORDER BY seq LIMIT ?"_s);
        q.addBindValue(seq);
        q.addBindValue(limit);
        run(q);
        QList<StoredEvent> out;
        while (q.next()) {
            StoredEvent e;
            e.event.seq = q.value(0).toLongLong();
            e.event.at = time(q.value(1));
            e.event.type = q.value(2).toString();
            e.event.ticketId = TicketId(q.value(3).toLongLong());
            e.requesterId = UserId(q.value(4).toLongLong());
            e.internal = q.value(5).toBool();
            e.event.data = object(q.value(6));
            out << e;
        }
        q.finish(); // release the read snapshot (WAL) at once
        return out;
    }

    qint64 lastSeq() override { return queryInt(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s); }
    qint64 firstSeq() override { return queryInt(u"SELECT COALESCE(MIN(seq), 0) FROM events"_s); }

    // --- idempotency --------------------------------------------------------------------------------------------

    std::optional<IdempotentResult> idempotent(UserId user, const QString &key) override
    {
        RawStatement &q = raw(u"SELECT op, result FROM idempotency WHERE user_id = ? AND key = ?"_s);
        q.bindInt(1, user.value());
        q.bindText(2, key);
        if (!q.next())
            return std::nullopt;
        IdempotentResult r;
        r.op = q.text16(0);
        r.result = QJsonDocument::fromJson(q.text16(1).toUtf8()).object();
        q.reset();
        return r;
    }

    void rememberIdempotent(UserId user, const QString &key, const IdempotentResult &r, const QDateTime &now) override
    {
        RawStatement &q =
            raw(u"INSERT INTO idempotency (user_id, key, op, result, created_at) VALUES (?, ?, ?, ?, ?)"_s);
        q.bindInt(1, user.value());
        q.bindText(2, key);
        q.bindText(3, r.op);
        q.bindUtf8(4, r.rawResult.isEmpty() ? jsonUtf8(r.result) : r.rawResult);
        q.bindInt(5, ms(now));
        q.exec();
    }

    void pruneIdempotency(const QDateTime &olderThan) override
    {
        QSqlQuery &q = prepared(u"DELETE FROM idempotency WHERE created_at < ?"_s);
        q.addBindValue(ms(olderThan));
        run(q);
    }

    qint64 insertConfirmation(const ConfirmationRecord &r, const QString &tokenHash) override
    {
        QSqlQuery &q = prepared(u"INSERT INTO confirmations (ticket_id, ticket_version, token_hash, printed_by, "
                                "printed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)"_s);
        q.addBindValue(r.ticketId.value());
        q.addBindValue(r.ticketVersion);
        q.addBindValue(tokenHash);
        q.addBindValue(idOrNull(r.printedBy.value()));
        q.addBindValue(ms(r.printedAt));
        q.addBindValue(ms(r.expiresAt));
        run(q);
        return q.lastInsertId().toLongLong();
    }

    std::optional<ConfirmationRecord> confirmation(const QString &tokenHash) override
    {
        QSqlQuery &q = prepared(u"SELECT id, ticket_id, ticket_version, printed_by, printed_at, expires_at, used_at, "
                                "answer FROM confirmations WHERE token_hash = ?"_s);
        q.addBindValue(tokenHash);
        run(q);
        return firstRow(q, readConfirmation);
    }

    std::optional<ConfirmationRecord> confirmationById(qint64 id) override
    {
        QSqlQuery &q = prepared(u"SELECT id, ticket_id, ticket_version, printed_by, printed_at, expires_at, used_at, "
                                "answer FROM confirmations WHERE id = ?"_s);
        q.addBindValue(id);
        run(q);
        return firstRow(q, readConfirmation);
    }

    bool replaceConfirmationToken(qint64 id, const QString &tokenHash) override
    {
        QSqlQuery &q = prepared(u"UPDATE confirmations SET token_hash = ? WHERE id = ? AND used_at IS NULL"_s);
        q.addBindValue(tokenHash);
        q.addBindValue(id);
        run(q);
        return q.numRowsAffected() == 1;
    }

    void useConfirmation(qint64 id, TicketId ticket, const QDateTime &at, const QJsonObject &answer) override
    {
        QSqlQuery &mine = prepared(u"UPDATE confirmations SET used_at = ?, answer = ? WHERE id = ?"_s);
        mine.addBindValue(ms(at));
        mine.addBindValue(json(answer));
        mine.addBindValue(id);
        run(mine);
        QSqlQuery &others = prepared(u"UPDATE confirmations SET used_at = ?, answer = ? "
                                     "WHERE ticket_id = ? AND used_at IS NULL AND id <> ?"_s);
        others.addBindValue(ms(at));
        others.addBindValue(json({{u"supersededBy"_s, id}}));
        others.addBindValue(ticket.value());
        others.addBindValue(id);
        run(others);
    }

    static ConfirmationRecord readConfirmation(const QSqlQuery &q)
    {
        ConfirmationRecord r;
        r.id = q.value(0).toLongLong();
        r.ticketId = TicketId(q.value(1).toLongLong());
        r.ticketVersion = q.value(2).toLongLong();
        r.printedBy = UserId(q.value(3).toLongLong());
        r.printedAt = time(q.value(4));
        r.expiresAt = time(q.value(5));
        r.usedAt = time(q.value(6));
        r.answer = object(q.value(7));
        return r;
    }

    void bulkInsertTickets(const QList<Ticket> &tickets, const QList<int> &phases) override
    {
        // The counters of the whole batch are summed in memory and written once (with the transaction's other
        // changes, before it commits). A failed insert leaves the pending changes equal to the rows written so far,
        // which the caller's rollback then drops together.
        m_bulk = true;
        try {
            for (qsizetype i = 0; i < tickets.size(); ++i)
                insertTicket(tickets.at(i), phases.value(i, 0));
        } catch (...) {
            m_bulk = false;
            throw;
        }
        m_bulk = false;
        flushStatsUnlessInTransaction();
    }

    // --- dashboard: SqliteStats statements end with each call, so no read snapshot outlives a query ---------

    StatsSums statsSums(const stats::Scope &scope, qint64 from, qint64 to, bool allDimensions) override
    {
        return m_stats->sums(scope, from, to, allDimensions);
    }
    QList<std::pair<qint64, stats::Metrics>> statsSlots(const stats::Scope &scope, qint64 from, qint64 to) override
    {
        return m_stats->quarterHours(scope, from, to);
    }
    QList<stats::Facts> statsFacts(const protocol::StatsFilters &filters, qint64 from, qint64 to) override
    {
        return m_stats->facts(filters, from, to);
    }
    qint64 openTicketCount(const protocol::StatsFilters &filters) override { return m_stats->openCount(filters); }
    QList<Ticket> backlogTop(const protocol::StatsFilters &filters, int limit) override
    {
        QList<Ticket> out;
        for (qint64 id : m_stats->backlogIds(filters, limit)) {
            if (std::optional<Ticket> t = ticket(TicketId(id)))
                out << *t;
        }
        return out;
    }
    void rebuildStats() override { m_stats->rebuild(); }
    qint64 statsMonthRowsBefore() override
    {
        // Outside a write transaction another connection may have moved it; inside one it was read under the lock.
        if (!m_inTransaction)
            m_stats->forgetMonthRows();
        return m_stats->monthRowsBefore();
    }
    void setStatsMonthRowsBefore(qint64 month) override { m_stats->setMonthRowsBefore(month); }
    void setStatsDeferred(bool deferred) override
    {
        const bool was = std::exchange(m_statsDeferred, deferred);
        if (was && !deferred)
            m_stats->rebuild();
    }

private:
    std::optional<stats::Facts> storedFacts(TicketId id)
    {
        QSqlQuery &q = prepared(u"SELECT "_s + SqliteStats::factColumns() + u" FROM tickets WHERE id = ?"_s);
        q.addBindValue(id.value());
        run(q);
        return firstRow(q, [](const QSqlQuery &r) { return SqliteStats::factsFrom(r); });
    }

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            throw StorageError(QString(u"SQL failed: "_s + sql + u": "_s + q.lastError().text()).toStdString());
    }

    // The search index's watermark (ms): tickets updated since are not (certainly) indexed yet. nullopt: no index.
    // How many tickets the search index holds for a match expression, counting no further than cap.
    qint64 indexHits(const QString &table, const QString &match, qint64 cap)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(u"SELECT COUNT(*) FROM (SELECT rowid FROM search.%1 WHERE %1 MATCH ? LIMIT ?)"_s.arg(table));
        q.addBindValue(match);
        q.addBindValue(cap);
        run(q);
        return q.next() ? q.value(0).toLongLong() : cap;
    }

    std::optional<qint64> searchWatermark()
    {
        if (!m_hasSearch && !m_searchPath.isEmpty() && QFileInfo::exists(m_searchPath)) {
            // Attached when first needed: the index may be created after this connection was opened.
            QSqlQuery attach(m_db);
            attach.prepare(u"ATTACH DATABASE ? AS search"_s);
            attach.addBindValue(m_searchPath);
            m_hasSearch = attach.exec();
            if (!m_hasSearch)
                qCWarning(lcDb) << "search index not attached:" << attach.lastError().text();
        }
        if (!m_hasSearch)
            return std::nullopt;
        QSqlQuery q(m_db);
        if (!q.exec(u"SELECT (SELECT value FROM search.state WHERE key = 'built'), "
                    "(SELECT value FROM search.state WHERE key = 'watermark')"_s) ||
            !q.next() || q.value(0).toLongLong() != 1)
            return std::nullopt;
        return q.value(1).toLongLong();
    }

    qint64 queryInt(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql))
            throw StorageError(QString(u"SQL failed: "_s + sql + u": "_s + q.lastError().text()).toStdString());
        return q.next() ? q.value(0).toLongLong() : 0;
    }

    // The statements of the write path, run through SQLite's API (sqliteraw.h).
    RawStatement &raw(const QString &sql)
    {
        auto it = m_raw.find(sql);
        if (it == m_raw.end())
            it = m_raw.emplace(sql, std::make_unique<RawStatement>(m_db, sql)).first;
        return *it->second;
    }

    QSqlQuery &prepared(const QString &sql)
    {
        auto it = m_queries.find(sql);
        if (it == m_queries.end()) {
            QSqlQuery q(m_db);
            if (!q.prepare(sql))
                throw StorageError(
                    QString(u"SQL prepare failed: "_s + sql + u": "_s + q.lastError().text()).toStdString());
            it = m_queries.emplace(sql, q).first;
        }
        it->second.finish();
        return it->second;
    }

    static void run(QSqlQuery &q)
    {
        if (!q.exec())
            throw StorageError(
                QString(u"SQL failed: "_s + q.lastQuery() + u": "_s + q.lastError().text()).toStdString());
    }

    static UserRecord userRecord(const QSqlQuery &q)
    {
        UserRecord r;
        r.user.id = UserId(q.value(0).toLongLong());
        r.user.username = q.value(1).toString();
        r.user.displayName = q.value(2).toString();
        r.user.role = roleFromName(q.value(3).toString()).value_or(Role::Requester);
        r.user.teamId = TeamId(q.value(4).toLongLong());
        r.user.email = q.value(5).toString();
        r.user.phone = q.value(6).toString();
        r.user.active = q.value(7).toBool();
        r.passwordHash = q.value(8).toString();
        r.failedLogins = q.value(9).toInt();
        r.lockedUntil = time(q.value(10));
        return r;
    }

    static void bindId(RawStatement &q, int index, qint64 id)
    {
        if (id > 0)
            q.bindInt(index, id);
        else
            q.bindNull(index);
    }
    static void bindTimeOrNull(RawStatement &q, int index, const QDateTime &t)
    {
        if (t.isValid())
            q.bindInt(index, t.toMSecsSinceEpoch());
        else
            q.bindNull(index);
    }
    template<typename T>
    static void bindJsonOrNull(RawStatement &q, int index, const T &value)
    {
        if (value.isValid())
            q.bindUtf8(index, jsonUtf8(value.toJson()));
        else
            q.bindNull(index);
    }

    // Binds the columns of INSERT INTO tickets / UPDATE tickets SET in their order; returns the next index.
    static int bindTicket(RawStatement &q, const Ticket &t, int phase)
    {
        int i = 0;
        q.bindText(++i, t.number);
        q.bindText(++i, t.type);
        q.bindText(++i, t.status);
        q.bindInt(++i, phase);
        q.bindText(++i, t.suspendedFrom);
        q.bindInt(++i, static_cast<int>(t.priority));
        q.bindText(++i, t.category);
        q.bindText(++i, t.department);
        q.bindText(++i, t.title);
        q.bindText(++i, t.description);
        q.bindText(++i, t.requester.name);
        q.bindText(++i, t.requester.contact);
        bindId(q, ++i, t.requester.userId.value());
        q.bindText(++i, t.address);
        if (t.location.isValid()) {
            q.bindReal(++i, t.location.lat);
            q.bindReal(++i, t.location.lon);
        } else {
            q.bindNull(++i);
            q.bindNull(++i);
        }
        q.bindText(++i, t.source);
        bindId(q, ++i, t.assigneeId.value());
        bindId(q, ++i, t.teamId.value());
        bindId(q, ++i, t.createdBy.value());
        q.bindInt(++i, ms(t.createdAt));
        q.bindInt(++i, ms(t.updatedAt));
        bindTimeOrNull(q, ++i, t.acceptedAt);
        bindTimeOrNull(q, ++i, t.firstResponseAt);
        bindTimeOrNull(q, ++i, t.resolvedAt);
        bindTimeOrNull(q, ++i, t.closedAt);
        q.bindInt(++i, t.version);
        q.bindInt(++i, t.urgeCount);
        bindId(q, ++i, t.mergedInto.value());
        bindJsonOrNull(q, ++i, t.pendingApproval);
        q.bindUtf8(++i, jsonUtf8(t.fields));
        bindJsonOrNull(q, ++i, t.dispatch);
        bindTimeOrNull(q, ++i, t.dispatch.isValid() ? t.dispatch.deadline : QDateTime());
        return i + 1;
    }

    static Ticket ticketFrom(const QSqlQuery &q)
    {
        Ticket t;
        t.id = TicketId(q.value(0).toLongLong());
        t.number = q.value(1).toString();
        t.type = q.value(2).toString();
        t.status = q.value(3).toString();
        t.suspendedFrom = q.value(4).toString();
        t.priority = static_cast<Priority>(qBound(0, q.value(5).toInt(), 3));
        t.category = q.value(6).toString();
        t.department = q.value(7).toString();
        t.title = q.value(8).toString();
        t.description = q.value(9).toString();
        t.requester.name = q.value(10).toString();
        t.requester.contact = q.value(11).toString();
        t.requester.userId = UserId(q.value(12).toLongLong());
        t.address = q.value(13).toString();
        if (!q.value(14).isNull())
            t.location = GeoPoint::at(q.value(14).toDouble(), q.value(15).toDouble());
        t.source = q.value(16).toString();
        t.assigneeId = UserId(q.value(17).toLongLong());
        t.teamId = TeamId(q.value(18).toLongLong());
        t.createdBy = UserId(q.value(19).toLongLong());
        t.createdAt = time(q.value(20));
        t.updatedAt = time(q.value(21));
        t.acceptedAt = time(q.value(22));
        t.firstResponseAt = time(q.value(23));
        t.resolvedAt = time(q.value(24));
        t.closedAt = time(q.value(25));
        t.version = q.value(26).toLongLong();
        t.urgeCount = q.value(27).toInt();
        t.mergedInto = TicketId(q.value(28).toLongLong());
        if (!q.value(29).isNull())
            t.pendingApproval = PendingApproval::fromJson(object(q.value(29)));
        if (const QVariant fields = q.value(30); !fields.isNull())
            t.fields = object(fields);
        if (!q.value(31).isNull())
            t.dispatch = DispatchState::fromJson(object(q.value(31)));
        return t;
    }

    static FieldStaff staffFrom(const QSqlQuery &q, const QDate &today)
    {
        FieldStaff f;
        f.userId = UserId(q.value(0).toLongLong());
        f.name = q.value(1).toString();
        f.teamId = TeamId(q.value(2).toLongLong());
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array())
            f.skills << v.toString();
        f.status = staffStatusFromName(q.value(4).toString()).value_or(StaffStatus::OffDuty);
        if (!q.value(5).isNull())
            f.position = GeoPoint::at(q.value(5).toDouble(), q.value(6).toDouble());
        f.accuracy = q.value(7).toDouble();
        f.positionAt = time(q.value(8));
        f.openTickets = q.value(9).toInt();
        f.heading = q.value(10).isNull() ? -1 : q.value(10).toDouble();
        f.speed = q.value(11).isNull() ? -1 : q.value(11).toDouble();
        f.frozenOn = QDate::fromString(q.value(12).toString(), Qt::ISODate);
        f.frozen = f.frozenOn.isValid() && today.isValid() && f.frozenOn == today;
        return f;
    }

    static Comment commentFrom(const QSqlQuery &q)
    {
        Comment c;
        c.id = CommentId(q.value(0).toLongLong());
        c.ticketId = TicketId(q.value(1).toLongLong());
        c.authorId = UserId(q.value(2).toLongLong());
        c.authorName = q.value(3).toString();
        c.kind = q.value(4).toInt() == 1 ? CommentKind::Internal : CommentKind::Public;
        c.body = q.value(5).toString();
        c.createdAt = time(q.value(6));
        c.originTicketId = TicketId(q.value(7).toLongLong());
        return c;
    }

    static AttachmentInfo attachmentFrom(const QSqlQuery &q)
    {
        AttachmentInfo a;
        a.id = AttachmentId(q.value(0).toLongLong());
        a.ticketId = TicketId(q.value(1).toLongLong());
        a.commentId = CommentId(q.value(2).toLongLong());
        a.fileName = q.value(3).toString();
        a.mimeType = q.value(4).toString();
        a.size = q.value(5).toLongLong();
        a.sha256 = q.value(6).toString();
        a.uploadedBy = UserId(q.value(7).toLongLong());
        a.createdAt = time(q.value(8));
        return a;
    }

    QString m_name;
    QSqlDatabase m_db;
    // A node-based map: references returned by prepared() stay valid while more statements are added (a method may
    // hold two at once, see moveComments); QHash moves its values when it grows.
    std::map<QString, QSqlQuery> m_queries;
    std::unordered_map<QString, std::unique_ptr<RawStatement>> m_raw;
    QString m_searchPath;
    std::unique_ptr<SqliteStats> m_stats;
    bool m_bulk = false;
    bool m_statsDeferred = false;
    bool m_inTransaction = false; // between beginTransaction and commit/rollback
    bool m_hasSearch = false;
    qint64 m_lastSeq = 0;
    qint64 m_seqAtTransaction = 0;
    qint64 m_seqAtJob = 0;
    int m_walFrames = 0;                    // in the WAL file after this connection's last commit (trackWalFrames)
    std::unique_ptr<WalFileSync> m_walSync; // with deferredSync
    int m_walRetryAt = 0; // frames before the next try of keepWalBounded() after one that could not complete
    struct NumberCounter
    {
        qint64 stored = 0; // what the counters row holds
        qint64 last = 0;   // the last number given out in this transaction
    };
    std::map<int, NumberCounter> m_numbers; // by year, in the open write transaction
    std::map<int, NumberCounter> m_numbersAtJob;
};

} // namespace

std::unique_ptr<Store> openSqliteStore(const StoreOptions &options)
{
    return std::make_unique<SqliteStore>(options);
}

} // namespace crewline::server
