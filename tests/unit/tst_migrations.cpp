// Schema migrations (server/storage/migrations.h, SqliteStore::migrate): a new database gets the latest schema,
// migrating again changes nothing, and a stored database of schema version 1 (fixtures/schema_v1.sql, as released)
// migrates to the latest version with its rows intact. Also checks that released step 1 was never edited.

#include "server/storage/migrations.h"
#include "server/storage/store.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crewline;
using namespace crewline::server;
using namespace Qt::StringLiterals;

namespace {

const QString kFixture = QStringLiteral(CREWLINE_SOURCE_DIR "/tests/unit/fixtures/schema_v1.sql");

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int msec = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, msec), Qt::UTC);
}

QList<qint64> seqsOf(const QList<StoredEvent> &events)
{
    QList<qint64> out;
    for (const StoredEvent &e : events)
        out << e.event.seq;
    return out;
}

// Runs SQL on a private connection, outside the store (fixtures, schema inspection).
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(u"raw-%1"_s.arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(path);
        m_ok = db.open();
    }
    ~RawDb()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QString exec(const QString &sql) // empty on success, else the error
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        return q.exec(sql) ? QString() : q.lastError().text() + u": "_s + sql;
    }
    QStringList column(const QString &sql)
    {
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        QStringList out;
        if (q.exec(sql)) {
            while (q.next())
                out << q.value(0).toString();
        }
        return out;
    }
    // Runs a script of ';'-terminated statements, skipping "--" comment lines.
    QString script(const QString &text)
    {
        QString statement;
        for (const QString &line : text.split(u'\n')) {
            if (line.trimmed().startsWith(u"--"_s) || line.trimmed().isEmpty())
                continue;
            statement += line + u'\n';
            if (line.trimmed().endsWith(u';')) {
                if (const QString e = exec(statement.trimmed()); !e.isEmpty())
                    return e;
                statement.clear();
            }
        }
        return statement.trimmed().isEmpty() ? QString() : u"unterminated statement: "_s + statement;
    }
    // The schema, as comparable text: every table and index except the bookkeeping ones.
    QStringList schema()
    {
        return column(u"SELECT type || ' ' || name || ': ' || sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                      "AND name <> 'schema_version' ORDER BY name"_s);
    }

private:
    static inline int s_count = 0;
    QString m_name;
    bool m_ok = false;
};

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void migrateCreatesSchema();
    void migrateTwiceIsNoop();
    void newerDatabaseRefused();
    void migrateFromVersion1Fixture();
    void fixtureMatchesReleasedMigration1();

private:
    std::unique_ptr<Store> open(const QString &file = u"crewline.db"_s);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    int m_connections = 0;
};

std::unique_ptr<Store> TestMigrations::open(const QString &file)
{
    return openSqliteStore({m_dir->filePath(file), u"tst-migrations-%1"_s.arg(++m_connections), false, QString()});
}

void TestMigrations::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = open();
    m_store->migrate();
}

void TestMigrations::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

// --- schema --------------------------------------------------------------------------------------------------------

void TestMigrations::migrateCreatesSchema()
{
    QCOMPARE(m_store->schemaVersion(), migrations().last().version);
    QCOMPARE(m_store->ticketCount(), 0);
    QCOMPARE(m_store->lastSeq(), 0);
    QCOMPARE(m_store->firstSeq(), 0);
    QVERIFY(m_store->users().isEmpty());

    // Steps are numbered upwards from 1. Versions are handed out per change, so a branch may leave gaps (the runner
    // applies every step above the database's version).
    QCOMPARE(migrations().first().version, 1);
    for (qsizetype i = 1; i < migrations().size(); ++i)
        QVERIFY(migrations().at(i).version > migrations().at(i - 1).version);

    RawDb raw(m_dir->filePath(u"crewline.db"_s));
    QVERIFY(raw.ok());
    const QStringList tables = raw.column(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s);
    for (const QString &t :
         {u"teams"_s, u"users"_s, u"sessions"_s, u"field_staff"_s, u"tickets"_s, u"comments"_s, u"attachments"_s,
          u"audit"_s, u"links"_s, u"events"_s, u"idempotency"_s, u"counters"_s, u"schema_version"_s, u"stats_counts"_s,
          u"stats_scoped"_s, u"stats_counts_hist"_s, u"stats_scoped_hist"_s})
        QVERIFY2(tables.contains(t), qPrintable(t));
    QCOMPARE(raw.column(u"SELECT COUNT(*) FROM schema_version"_s), QStringList{u"1"_s});
    QCOMPARE(raw.column(u"PRAGMA journal_mode"_s), QStringList{u"wal"_s});
}

void TestMigrations::migrateTwiceIsNoop()
{
    User u;
    u.username = u"admin"_s;
    u.displayName = u"Admin"_s;
    u.role = Role::Admin;
    const UserId id = m_store->insertUser(u, u"hash"_s, utc(2026, 1, 1));
    RawDb raw(m_dir->filePath(u"crewline.db"_s));
    const QStringList schemaBefore = raw.schema();

    m_store->migrate();
    QCOMPARE(m_store->schemaVersion(), migrations().last().version);
    QVERIFY(m_store->userById(id));

    // And from another connection, as after a restart.
    m_store.reset();
    m_store = open();
    m_store->migrate();
    QCOMPARE(m_store->schemaVersion(), migrations().last().version);
    QCOMPARE(m_store->users().size(), 1);
    QCOMPARE(raw.schema(), schemaBefore);
    QCOMPARE(raw.column(u"SELECT COUNT(*) FROM schema_version"_s), QStringList{u"1"_s});
}

// A database a newer server migrated is refused with a reason, and left as it was.
void TestMigrations::newerDatabaseRefused()
{
    const int newer = migrations().last().version + 1;
    m_store.reset();
    {
        RawDb raw(m_dir->filePath(u"crewline.db"_s));
        QCOMPARE(raw.exec(u"UPDATE schema_version SET version = %1"_s.arg(newer)), QString());
    }
    m_store = open();
    QString why;
    try {
        m_store->migrate();
    } catch (const StorageError &e) {
        why = QString::fromStdString(e.what());
    }
    QVERIFY2(why.contains(u"newer than this server"_s), qPrintable(why));
    RawDb raw(m_dir->filePath(u"crewline.db"_s));
    QCOMPARE(raw.column(u"SELECT version FROM schema_version"_s), QStringList{QString::number(newer)});
}

void TestMigrations::migrateFromVersion1Fixture()
{
    QFile fixture(kFixture);
    QVERIFY2(fixture.open(QIODevice::ReadOnly), qPrintable(fixture.fileName()));
    const QString path = m_dir->filePath(u"v1.db"_s);
    {
        RawDb raw(path);
        QVERIFY(raw.ok());
        const QString error = raw.script(QString::fromUtf8(fixture.readAll()));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    std::unique_ptr<Store> store = open(u"v1.db"_s);
    QCOMPARE(store->schemaVersion(), 1);
    store->migrate();
    QCOMPARE(store->schemaVersion(), migrations().last().version);

    // People
    const std::optional<UserRecord> wang = store->userByName(u"WANG.QIANG"_s);
    QVERIFY(wang);
    QCOMPARE(wang->user.id, UserId(2));
    QCOMPARE(wang->user.displayName, u"王强"_s);
    QCOMPARE(wang->user.role, Role::Engineer);
    QCOMPARE(wang->user.teamId, TeamId(1));
    QCOMPARE(wang->user.phone, u"13800000001"_s);
    QCOMPARE(wang->passwordHash, u"hash-2"_s);
    QCOMPARE(wang->failedLogins, 2);
    QCOMPARE(wang->lockedUntil, utc(2026, 1, 5, 9, 0));
    QVERIFY(!store->userById(UserId(3))->user.active);
    QCOMPARE(store->users().size(), 3);
    QCOMPARE(store->teams().size(), 1);
    QCOMPARE(store->teams().first().name, u"管网一班"_s);
    const std::optional<SessionRecord> session = store->session(u"ab12"_s);
    QVERIFY(session);
    QCOMPARE(session->userId, UserId(2));
    QCOMPARE(session->expiresAt, utc(2026, 1, 12, 8, 0));
    const QList<FieldStaff> staff = store->staff();
    QCOMPARE(staff.size(), 1);
    QCOMPARE(staff.first().skills, (QStringList{u"pipe"_s, u"valve"_s}));
    QCOMPARE(staff.first().status, StaffStatus::OnSite);
    QCOMPARE(staff.first().position, GeoPoint::at(30.2741, 120.1551));
    QCOMPARE(staff.first().openTickets, 1);

    // Tickets
    const std::optional<Ticket> t1 = store->ticket(TicketId(1));
    QVERIFY(t1);
    QCOMPARE(t1->number, u"WO-2026-000001"_s);
    QCOMPARE(t1->title, u"文三路 12 号地下室漏水"_s);
    QCOMPARE(t1->priority, Priority::Urgent);
    QCOMPARE(t1->requester, (Requester{u"李娜"_s, u"13900000000"_s, UserId(3)}));
    QCOMPARE(t1->assigneeId, UserId(2));
    QCOMPARE(t1->createdAt, utc(2026, 1, 5, 8, 30));
    QCOMPARE(t1->acceptedAt, utc(2026, 1, 5, 8, 35));
    QVERIFY(!t1->resolvedAt.isValid());
    QCOMPARE(t1->version, 4);
    QCOMPARE(t1->fields.value(u"materials"_s).toString(), u"DN20"_s);
    const std::optional<Ticket> t2 = store->ticketByNumber(u"WO-2026-000002"_s);
    QVERIFY(t2);
    QCOMPARE(t2->pendingApproval.transition, u"review"_s);
    QCOMPARE(t2->pendingApproval.requestedAt, utc(2026, 1, 6, 10, 5));
    QVERIFY(!t2->location.isValid());
    QCOMPARE(store->comments(TicketId(1), true).size(), 2);
    QCOMPARE(store->comments(TicketId(1), false).size(), 1);
    QCOMPARE(store->attachments(TicketId(1)).first().fileName, u"现场.jpg"_s);
    QCOMPARE(store->history(TicketId(1)).size(), 2);
    QCOMPARE(store->links(TicketId(2)).first().otherNumber, u"WO-2026-000001"_s);
    QCOMPARE(store->idempotent(UserId(1), u"k-1"_s)->result.value(u"ticketId"_s).toInt(), 2);

    // Counters and sequences continue where version 1 left them.
    QCOMPARE(seqsOf(store->eventsAfter(0, 100)), (QList<qint64>{1, 2, 3}));
    QCOMPARE(store->lastSeq(), 3);
    store->beginTransaction();
    QCOMPARE(store->nextTicketNumber(2026), u"WO-2026-000003"_s);
    StoredEvent e;
    e.event.type = u"ticket.created"_s;
    e.event.at = utc(2026, 1, 7);
    e.event.ticketId = TicketId(2);
    QCOMPARE(store->appendEvent(e), 4);
    store->commitTransaction();
}

void TestMigrations::fixtureMatchesReleasedMigration1()
{
    // Released steps never change: migration 1 in the code still builds exactly the schema of the stored fixture.
    const QString fresh = m_dir->filePath(u"step1.db"_s);
    const QString stored = m_dir->filePath(u"fixture.db"_s);
    RawDb a(fresh);
    for (const QString &statement : migrations().first().statements)
        QVERIFY2(a.exec(statement).isEmpty(), qPrintable(statement));
    QFile fixture(kFixture);
    QVERIFY(fixture.open(QIODevice::ReadOnly));
    RawDb b(stored);
    QVERIFY(b.script(QString::fromUtf8(fixture.readAll())).isEmpty());
    QCOMPARE(a.schema(), b.schema());
    QVERIFY(a.schema().size() > 10);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
