// The dashboard figures (server/storage/statscounters, sqlitestats, server/services/statsservice): counters and
// scoped counters kept by the store equal a full recomputation after a random mix of writes (jobs and transactions
// rolled back among them), and filtered dashboards from the counters equal those from the tickets; a fixed dataset
// gives hand-computed answers, in UTC, in a whole-hour and a half-hour time zone, for an empty range and with
// filters; percentiles; scope.

#include "server/services/passwords.h"
#include "server/services/statsservice.h"
#include "server/storage/store.h"
#include "tests/support/statsfixture.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace crewline;
using namespace crewline::server;
using namespace Qt::StringLiterals;
namespace fx = crewline::test::stats;

namespace {

const QStringList kCountColumns = {u"created"_s, u"resolved"_s, u"closed"_s,     u"fr_count"_s,     u"fr_sum"_s,
                                   u"res_sum"_s, u"sla_met"_s,  u"sla_missed"_s, u"rating_count"_s, u"rating_sum"_s};

QStringList histogramColumns()
{
    QStringList c;
    for (const char *prefix : {"fr_h", "res_h"}) {
        for (int i = 0; i < stats::kHistogramBuckets; ++i)
            c << QString::fromLatin1(prefix) + QString::number(i);
    }
    return c;
}

QStringList keyColumns(bool scoped)
{
    return scoped ? QStringList{u"fdim"_s, u"fkey"_s, u"grain"_s, u"bucket"_s, u"dim"_s, u"key"_s}
                  : QStringList{u"grain"_s, u"dim"_s, u"bucket"_s, u"key"_s};
}

// Every counter row of a kind (stats_counts or stats_scoped) as text, in key order: the key, the counts, then the
// histograms from the table beside it (stats_counts_hist, stats_scoped_hist), empty where it has no row. A row of
// either table without the other's shows too.
QStringList dumpCounters(const QString &path, const QString &table = u"stats_counts"_s)
{
    const QStringList keys = keyColumns(table == u"stats_scoped"_s);
    QStringList select, on;
    for (const QString &k : keys) {
        select << u"COALESCE(c.%1, h.%1)"_s.arg(k);
        on << u"c.%1 = h.%1"_s.arg(k);
    }
    for (const QString &c : kCountColumns)
        select << u"c."_s + c;
    for (const QString &c : histogramColumns())
        select << u"h."_s + c;
    QStringList order;
    for (qsizetype i = 1; i <= keys.size(); ++i)
        order << QString::number(i);
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"dump"_s);
        db.setDatabaseName(path);
        if (!db.open())
            return {u"cannot open"_s};
        QSqlQuery q(db);
        if (!q.exec(u"SELECT "_s + select.join(u", "_s) + u" FROM "_s + table + u" c FULL JOIN "_s + table +
                    u"_hist h ON "_s + on.join(u" AND "_s) + u" ORDER BY "_s + order.join(u", "_s)))
            rows << q.lastError().text();
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < q.record().count(); ++i)
                fields << q.value(i).toString();
            rows << fields.join(u'|');
        }
    }
    QSqlDatabase::removeDatabase(u"dump"_s);
    return rows;
}

// Gives a database the counter tables of schema versions 6 to 8: one table per kind, histograms included.
bool widenCounters(QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const bool scoped : {false, true}) {
        const QString table = scoped ? u"stats_scoped"_s : u"stats_counts"_s;
        const QStringList keys = keyColumns(scoped);
        QStringList definitions, select;
        for (const QString &k : keys) {
            definitions << k + (k == u"fkey"_s || k == u"key"_s ? u" TEXT NOT NULL"_s : u" INTEGER NOT NULL"_s);
            select << u"c."_s + k;
        }
        for (const QString &c : kCountColumns) {
            definitions << c + u" INTEGER NOT NULL DEFAULT 0"_s;
            select << u"c."_s + c;
        }
        for (const QString &c : histogramColumns()) {
            definitions << c + u" INTEGER NOT NULL DEFAULT 0"_s;
            select << u"COALESCE(h.%1, 0)"_s.arg(c);
        }
        const QStringList statements = {
            u"CREATE TABLE wide ("_s + definitions.join(u", "_s) + u", PRIMARY KEY ("_s + keys.join(u", "_s) +
                u")) WITHOUT ROWID"_s,
            u"INSERT INTO wide SELECT "_s + select.join(u", "_s) + u" FROM "_s + table + u" c LEFT JOIN "_s + table +
                u"_hist h USING ("_s + keys.join(u", "_s) + u")"_s,
            u"DROP TABLE "_s + table,
            u"DROP TABLE "_s + table + u"_hist"_s,
            u"ALTER TABLE wide RENAME TO "_s + table,
        };
        for (const QString &sql : statements) {
            if (!q.exec(sql)) {
                qWarning() << sql << q.lastError().text();
                return false;
            }
        }
    }
    return true;
}

Caller callerOf(UserId id, Role role)
{
    Caller c;
    c.userId = id;
    c.role = role;
    c.username = u"u"_s;
    return c;
}

// Changes the database file through a connection of its own (the store closed): widens the counter tables to the
// shape of versions 6 to 8 first if asked, then runs the statements. The first error, or empty.
QString alterDatabase(const QString &path, const QStringList &statements, bool widen = false)
{
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"alter"_s);
        db.setDatabaseName(path);
        if (!db.open())
            error = u"cannot open "_s + path;
        else if (widen && !widenCounters(db))
            error = u"cannot widen the counter tables"_s;
        QSqlQuery q(db);
        for (const QString &sql : statements) {
            if (!error.isEmpty())
                break;
            if (!q.exec(sql))
                error = sql + u": "_s + q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(u"alter"_s);
    return error;
}

protocol::StatsDashboard request(const QString &from, const QString &to, const QString &zone = u"UTC"_s)
{
    protocol::StatsDashboard r;
    r.from = from;
    r.to = to;
    r.timeZone = zone;
    return r;
}

QList<qint64> trendColumn(const QJsonObject &result, const QString &field)
{
    QList<qint64> out;
    for (const QJsonValue &v : result.value(u"trend"_s).toArray())
        out << v.toObject().value(field).toInteger();
    return out;
}

QJsonObject row(const QJsonObject &result, const QString &list, const QString &key)
{
    for (const QJsonValue &v : result.value(list).toArray()) {
        if (v.toObject().value(u"key"_s).toString() == key)
            return v.toObject();
    }
    return {};
}

} // namespace

class TestStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(passwords::initialize()); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(u"crewline.db"_s);
        m_store = openSqliteStore({m_path, u"stats-writer"_s, false, {}});
        m_store->migrate();
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void histogramAndPercentiles()
    {
        QCOMPARE(stats::histogramBucket(0), 0);
        QCOMPARE(stats::histogramBucket(900), 0);
        QCOMPARE(stats::histogramBucket(901), 1);
        QCOMPARE(stats::histogramBucket(7200), 3);
        QCOMPARE(stats::histogramBucket(100 * 86400), stats::kHistogramBuckets - 1);
        std::array<qint64, stats::kHistogramBuckets> h{};
        QCOMPARE(stats::percentile(h, 0.5), qint64(-1));
        h[0] = 1;
        h[1] = 1;
        QCOMPARE(stats::percentile(h, 0.5), qint64(900));
        QCOMPARE(stats::percentile(h, 0.9), qint64(1620));
        h = {};
        h[stats::kHistogramBuckets - 1] = 3;
        QCOMPARE(stats::percentile(h, 0.9), stats::kHistogramBounds.back()); // open bucket: its lower bound
    }

    void timeZones()
    {
        QCOMPARE(StatsService::parseTimeZone(u"+05:30"_s)->offsetFromUtc(QDateTime::currentDateTimeUtc()), 19800);
        QCOMPARE(StatsService::parseTimeZone(u"-0345"_s)->offsetFromUtc(QDateTime::currentDateTimeUtc()), -13500);
        QCOMPARE(StatsService::parseTimeZone(u"UTC+8"_s)->offsetFromUtc(QDateTime::currentDateTimeUtc()), 28800);
        QVERIFY(StatsService::parseTimeZone(u"Asia/Shanghai"_s).has_value());
        QVERIFY(!StatsService::parseTimeZone(u"+05:10"_s).has_value());
        QVERIFY(!StatsService::parseTimeZone(u"Mars/Olympus"_s).has_value());
    }

    // Inserts, updates, first responses, bulk loads and reverts in random order, several jobs rolled back: the
    // counters kept on the way must equal a recomputation from the tickets table, row for row. With month rows for
    // every month of the data (the real clock is later), and with months of the data summed from their day rows
    // (Store::statsMonthRowsBefore), which then get their month rows when the value moves forward.
    void countersEqualRecomputation_data()
    {
        QTest::addColumn<int>("monthRowsBefore"); // a month of 2026; 0: as migrated (the current month)
        QTest::newRow("month rows for every month of the data") << 0;
        QTest::newRow("February and March from their days") << 2;
        QTest::newRow("March from its days") << 3;
    }
    void countersEqualRecomputation()
    {
        QFETCH(int, monthRowsBefore);
        const auto monthOf2026 = [](int month) {
            return stats::bucketOf(stats::Grain::Month,
                                   QDateTime(QDate(2026, month, 1), QTime(), Qt::UTC).toSecsSinceEpoch());
        };
        if (monthRowsBefore > 0)
            m_store->setStatsMonthRowsBefore(monthOf2026(monthRowsBefore));
        QRandomGenerator rng(20260302);
        const QStringList types = {u"it"_s, u"water"_s, u"gas"_s};
        const QStringList categories = {u"A"_s, u"B"_s, u"C"_s, u""_s};
        const QStringList departments = {u"D1"_s, u"D2"_s, u"水务一所"_s};
        const QDateTime base = fx::at(1, 0);
        const auto randomTime = [&](const QDateTime &after) {
            return after.addSecs(rng.bounded(0, 5 * 86400)).addMSecs(rng.bounded(0, 1000));
        };
        QList<Ticket> tickets;
        const auto randomTicket = [&](int n) {
            Ticket t;
            t.number = u"WO-R-%1"_s.arg(n);
            t.type = types.at(rng.bounded(int(types.size())));
            t.status = u"new"_s;
            t.category = categories.at(rng.bounded(int(categories.size())));
            t.department = departments.at(rng.bounded(int(departments.size())));
            t.teamId = TeamId(rng.bounded(0, 3));
            t.assigneeId = UserId(rng.bounded(0, 4));
            t.priority = static_cast<Priority>(rng.bounded(4));
            t.title = u"random"_s;
            // A quarter of them spread over the two months before, so ranges hold whole calendar months.
            t.createdAt = n % 4 == 0 ? base.addSecs(-rng.bounded(0, 70 * 86400)) : randomTime(base);
            t.updatedAt = t.createdAt;
            t.version = 1;
            return t;
        };
        int number = 0;
        for (int round = 0; round < 6; ++round) {
            m_store->beginTransaction();
            for (int i = 0; i < 40; ++i) {
                m_store->beginJob();
                const int what = tickets.isEmpty() ? 0 : rng.bounded(6);
                if (what == 0) {
                    Ticket t = randomTicket(++number);
                    t.id = m_store->insertTicket(t, 0);
                    tickets << t;
                } else if (what == 5) {
                    const Ticket &t = tickets.at(rng.bounded(int(tickets.size())));
                    m_store->touchTicket(t.id, randomTime(t.createdAt), randomTime(t.createdAt));
                    tickets[tickets.indexOf(t)] = *m_store->ticket(t.id);
                } else {
                    Ticket &t = tickets[rng.bounded(int(tickets.size()))];
                    switch (what) {
                    case 1: // resolve (or reopen)
                        t.resolvedAt = t.resolvedAt.isValid() ? QDateTime() : randomTime(t.createdAt);
                        break;
                    case 2: // close with a rating, or clear it
                        t.closedAt = randomTime(t.createdAt);
                        if (rng.bounded(2))
                            t.fields.insert(u"rating"_s, rng.bounded(1, 6));
                        else
                            t.fields.remove(u"rating"_s);
                        break;
                    case 3: // reassign and reclassify
                        t.type = types.at(rng.bounded(int(types.size())));
                        t.assigneeId = UserId(rng.bounded(0, 4));
                        t.teamId = TeamId(rng.bounded(0, 3));
                        t.category = categories.at(rng.bounded(int(categories.size())));
                        t.department = departments.at(rng.bounded(int(departments.size())));
                        break;
                    default: // first response, priority
                        t.firstResponseAt = randomTime(t.createdAt);
                        t.priority = static_cast<Priority>(rng.bounded(4));
                        break;
                    }
                    ++t.version;
                    m_store->updateTicket(t, t.closedAt.isValid() ? 3 : 1);
                }
                // Every seventh job fails and is rolled back: its counter changes must go with it.
                const bool keep = i % 7 != 3;
                m_store->endJob(keep);
                if (!keep) {
                    for (Ticket &t : tickets) {
                        if (std::optional<Ticket> stored = m_store->ticket(t.id))
                            t = *stored;
                    }
                    tickets.erase(std::remove_if(tickets.begin(), tickets.end(),
                                                 [this](const Ticket &t) { return !m_store->ticket(t.id); }),
                                  tickets.end());
                }
            }
            QList<Ticket> bulk;
            QList<int> phases;
            for (int i = 0; i < 15; ++i) {
                bulk << randomTicket(++number);
                phases << 0;
            }
            m_store->bulkInsertTickets(bulk, phases);
            if (round == 2) {
                // A whole transaction rolled back: every pending counter change of its jobs goes with it.
                m_store->rollbackTransaction();
                QList<Ticket> stored;
                for (const Ticket &t : std::as_const(tickets)) {
                    if (std::optional<Ticket> s = m_store->ticket(t.id))
                        stored << *s;
                }
                tickets = stored;
                continue;
            }
            m_store->commitTransaction();
            for (const Ticket &t : bulk) {
                if (std::optional<Ticket> stored = m_store->ticketByNumber(t.number))
                    tickets << *stored;
            }
        }
        // A write outside any transaction writes its counters at once.
        Ticket lone = randomTicket(++number);
        lone.id = m_store->insertTicket(lone, 0);
        const QStringList kept = dumpCounters(m_path);
        const QStringList keptScoped = dumpCounters(m_path, u"stats_scoped"_s);
        QVERIFY(kept.size() > 100);
        QVERIFY(keptScoped.size() > kept.size());
        m_store->beginTransaction();
        m_store->rebuildStats();
        m_store->commitTransaction();
        const QStringList rebuilt = dumpCounters(m_path);
        QCOMPARE(kept.size(), rebuilt.size());
        QCOMPARE(kept, rebuilt);
        const QStringList rebuiltScoped = dumpCounters(m_path, u"stats_scoped"_s);
        QCOMPARE(keptScoped.size(), rebuiltScoped.size());
        QCOMPARE(keptScoped, rebuiltScoped);

        // And the counters answer exactly like the tickets: unfiltered against a filter that matches every ticket
        // (several dimensions, so from the tickets), and every filter on one dimension both ways.
        StatsService service(*m_store);
        StatsService reference(*m_store);
        reference.setFilteredFromCounters(false);
        const Caller boss = callerOf(UserId(1), Role::Manager);
        for (const auto &[from, to] :
             {std::pair{u"2026-03-01"_s, u"2026-03-09"_s}, std::pair{u"2026-01-10"_s, u"2026-03-09"_s}}) {
            protocol::StatsDashboard all = request(from, to, u"Asia/Kolkata"_s);
            const Outcome counters = service.dashboard(boss, all);
            all.filters.types = types;
            all.filters.departments = departments;
            const Outcome scan = service.dashboard(boss, all);
            QVERIFY(counters.ok && scan.ok);
            QCOMPARE(counters.result.value(u"source"_s).toString(), u"counters"_s);
            QCOMPARE(scan.result.value(u"source"_s).toString(), u"tickets"_s);
            for (const QString &key : {u"totals"_s, u"previous"_s, u"trend"_s, u"byType"_s, u"byCategory"_s,
                                       u"byDepartment"_s, u"byAssignee"_s, u"byTeam"_s, u"heatmap"_s}) {
                QCOMPARE(counters.result.value(key), scan.result.value(key));
            }
        }

        QList<protocol::StatsFilters> filters;
        const auto add = [&](auto setter) {
            protocol::StatsFilters f;
            setter(f);
            filters << f;
        };
        add([](protocol::StatsFilters &f) { f.types = {u"it"_s}; });
        add([](protocol::StatsFilters &f) { f.types = {u"water"_s, u"gas"_s}; });
        add([](protocol::StatsFilters &f) { f.types = {u"none"_s}; });
        add([](protocol::StatsFilters &f) { f.departments = {u"水务一所"_s}; });
        add([](protocol::StatsFilters &f) { f.departments = {u"D1"_s, u"D2"_s, u"D1"_s}; });
        add([](protocol::StatsFilters &f) { f.teamIds = {TeamId(1)}; });
        add([](protocol::StatsFilters &f) { f.teamIds = {TeamId(1), TeamId(2)}; });
        add([](protocol::StatsFilters &f) { f.teamIds = {TeamId(0)}; }); // matches no ticket, as on the tickets
        add([](protocol::StatsFilters &f) { f.assigneeIds = {UserId(2)}; });
        add([](protocol::StatsFilters &f) { f.assigneeIds = {UserId(1), UserId(3)}; });
        const QList<std::pair<QString, QString>> ranges = {
            {u"2026-03-01"_s, u"2026-03-09"_s},
            {u"2026-03-03"_s, u"2026-03-03"_s},
            {u"2026-03-02"_s, u"2026-03-05"_s},
            {u"2026-01-10"_s, u"2026-03-09"_s}}; // January's end, all of February (month rows), March's start
        int compared = 0;
        for (const QString &zone : {u"UTC"_s, u"+05:30"_s, u"Asia/Shanghai"_s, u"-03:45"_s}) {
            for (const auto &[from, to] : ranges) {
                for (const protocol::StatsFilters &f : std::as_const(filters)) {
                    protocol::StatsDashboard r = request(from, to, zone);
                    r.filters = f;
                    const Outcome fast = service.dashboard(boss, r);
                    const Outcome slow = reference.dashboard(boss, r);
                    QVERIFY(fast.ok && slow.ok);
                    QCOMPARE(fast.result.value(u"source"_s).toString(), u"counters"_s);
                    QCOMPARE(slow.result.value(u"source"_s).toString(), u"tickets"_s);
                    QJsonObject a = fast.result, b = slow.result;
                    a.remove(u"source"_s);
                    b.remove(u"source"_s);
                    if (a != b)
                        QFAIL(qPrintable(
                            u"%1 %2..%3 filters %4: counters and tickets differ"_s.arg(zone, from, to).arg(compared)));
                    ++compared;
                }
            }
        }
        QCOMPARE(compared, 160);

        // Months the counters summed from their days get their month rows when the value moves on; none are left
        // for the months from it on.
        // Rows as dumpCounters writes them: stats_counts grain|dim|bucket|..., stats_scoped fdim|fkey|grain|bucket|...
        const auto monthRows = [](const QStringList &rows, bool scoped, qint64 from) {
            qsizetype n = 0;
            for (const QString &r : rows) {
                const QStringList f = r.split(u'|');
                if (f.value(scoped ? 2 : 0) == u"3"_s && f.value(scoped ? 3 : 2).toLongLong() >= from)
                    ++n;
            }
            return n;
        };
        const qint64 before = m_store->statsMonthRowsBefore();
        if (monthRowsBefore > 0)
            QCOMPARE(before, monthOf2026(monthRowsBefore));
        else // migration 7: the current month of the real clock, after the data
            QVERIFY(before >= monthOf2026(4));
        QCOMPARE(monthRows(dumpCounters(m_path), false, before), 0);
        QCOMPARE(monthRows(dumpCounters(m_path, u"stats_scoped"_s), true, before), 0);
        m_store->setStatsMonthRowsBefore(monthOf2026(5));
        const QStringList moved = dumpCounters(m_path);
        const QStringList movedScoped = dumpCounters(m_path, u"stats_scoped"_s);
        QVERIFY(monthRows(moved, false, monthOf2026(2)) > 0);
        QVERIFY(monthRows(movedScoped, true, monthOf2026(2)) > 0);
        m_store->beginTransaction();
        m_store->rebuildStats();
        m_store->commitTransaction();
        QCOMPARE(moved, dumpCounters(m_path));
        QCOMPARE(movedScoped, dumpCounters(m_path, u"stats_scoped"_s));
    }

    void fixedDatasetUtc()
    {
        m_store->beginTransaction();
        const fx::Fixture f = fx::seed(*m_store);
        m_store->commitTransaction();
        StatsService service(*m_store);
        const Outcome out =
            service.dashboard(callerOf(f.manager, Role::Manager), request(u"2026-03-02"_s, u"2026-03-03"_s));
        QVERIFY2(out.ok, qPrintable(out.error.message));
        const QJsonObject r = out.result;
        const QJsonObject totals = r.value(u"totals"_s).toObject();
        QCOMPARE(totals.value(u"created"_s).toInt(), 3);
        QCOMPARE(totals.value(u"resolved"_s).toInt(), 2);
        QCOMPARE(totals.value(u"closed"_s).toInt(), 1);
        const QJsonObject fr = totals.value(u"firstResponse"_s).toObject();
        QCOMPARE(fr.value(u"count"_s).toInt(), 2);
        QCOMPARE(fr.value(u"mean"_s).toInt(), 1200); // (1800 + 600) / 2
        QCOMPARE(fr.value(u"p50"_s).toInt(), 900);   // rank 1 of 2: top of the <= 15 min bucket
        QCOMPARE(fr.value(u"p90"_s).toInt(), 1620);  // rank 1.8: 80 % into the 15-30 min bucket
        const QJsonObject res = totals.value(u"resolution"_s).toObject();
        QCOMPARE(res.value(u"count"_s).toInt(), 2);
        QCOMPARE(res.value(u"mean"_s).toInt(), 14400); // (2 h + 6 h) / 2
        QCOMPARE(res.value(u"p50"_s).toInt(), 7200);
        QCOMPARE(res.value(u"p90"_s).toInt(), 25920); // 4-8 h bucket, 80 % in
        const QJsonObject sla = totals.value(u"sla"_s).toObject();
        QCOMPARE(sla.value(u"met"_s).toInt(), 1);
        QCOMPARE(sla.value(u"missed"_s).toInt(), 1);
        QCOMPARE(sla.value(u"rate"_s).toDouble(), 0.5);
        QCOMPARE(totals.value(u"satisfaction"_s).toObject().value(u"mean"_s).toDouble(), 3.5);
        QCOMPARE(trendColumn(r, u"created"_s), (QList<qint64>{2, 1}));
        QCOMPARE(trendColumn(r, u"resolved"_s), (QList<qint64>{1, 1}));
        QCOMPARE(row(r, u"byType"_s, u"it"_s).value(u"created"_s).toInt(), 2);
        QCOMPARE(row(r, u"byType"_s, u"water"_s).value(u"created"_s).toInt(), 1);
        QCOMPARE(row(r, u"byCategory"_s, u"A"_s).value(u"created"_s).toInt(), 2);
        QCOMPARE(row(r, u"byDepartment"_s, u"D2"_s).value(u"resolved"_s).toInt(), 1);
        const QJsonObject e1 = row(r, u"byAssignee"_s, QString::number(f.engineer1.value()));
        QCOMPARE(e1.value(u"name"_s).toString(), u"E1"_s);
        QCOMPARE(e1.value(u"resolved"_s).toInt(), 1);
        QCOMPARE(e1.value(u"satisfaction"_s).toObject().value(u"mean"_s).toDouble(), 5.0);
        QCOMPARE(row(r, u"byTeam"_s, QString::number(f.team2.value())).value(u"name"_s).toString(), u"Bravo"_s);
        // Heat map: Monday 01 h and 23 h, Tuesday 10 h.
        const QJsonArray heat = r.value(u"heatmap"_s).toArray();
        QCOMPARE(heat.at(0).toArray().at(1).toInt(), 1);
        QCOMPARE(heat.at(0).toArray().at(23).toInt(), 1);
        QCOMPARE(heat.at(1).toArray().at(10).toInt(), 1);
        // Backlog: T3 (high) before T4 (low); T2 is resolved, so not open.
        const QJsonObject backlog = r.value(u"backlog"_s).toObject();
        QCOMPARE(backlog.value(u"open"_s).toInt(), 2);
        const QJsonArray top = backlog.value(u"top"_s).toArray();
        QCOMPARE(top.size(), 2);
        QCOMPARE(top.at(0).toObject().value(u"id"_s).toInteger(), f.t3.value());
        QCOMPARE(top.at(1).toObject().value(u"id"_s).toInteger(), f.t4.value());
    }

    void fixedDatasetTimeZonesAndPeriods()
    {
        m_store->beginTransaction();
        const fx::Fixture f = fx::seed(*m_store);
        m_store->commitTransaction();
        StatsService service(*m_store);
        const Caller boss = callerOf(f.manager, Role::Manager);

        // UTC+8: local 03-02 holds T1 (09:00); local 03-03 holds T2 (07:30) and T3 (18:00).
        Outcome out = service.dashboard(boss, request(u"2026-03-02"_s, u"2026-03-03"_s, u"Asia/Shanghai"_s));
        QVERIFY(out.ok);
        QCOMPARE(trendColumn(out.result, u"created"_s), (QList<qint64>{1, 2}));
        QCOMPARE(trendColumn(out.result, u"resolved"_s), (QList<qint64>{1, 1}));
        QCOMPARE(out.result.value(u"heatmap"_s).toArray().at(1).toArray().at(18).toInt(), 1); // T3, Tue 18 h

        // UTC+05:30 (half an hour): local 03-02 ends at 18:30 UTC, so T2 (23:30 UTC) is on 03-03.
        out = service.dashboard(boss, request(u"2026-03-02"_s, u"2026-03-02"_s, u"+05:30"_s));
        QVERIFY(out.ok);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 1);
        out = service.dashboard(boss, request(u"2026-03-03"_s, u"2026-03-03"_s, u"+05:30"_s));
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 2);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"resolved"_s).toInt(), 1);
        QCOMPARE(out.result.value(u"heatmap"_s).toArray().at(1).toArray().at(5).toInt(), 1); // T2 Tue 05:00 local

        // Previous period: 03-04..03-05 against 03-02..03-03.
        out = service.dashboard(boss, request(u"2026-03-04"_s, u"2026-03-05"_s));
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 1);
        QCOMPARE(out.result.value(u"previous"_s).toObject().value(u"created"_s).toInt(), 3);

        // Weeks and months: one bucket each here.
        protocol::StatsDashboard week = request(u"2026-03-01"_s, u"2026-03-08"_s);
        week.granularity = u"week"_s;
        out = service.dashboard(boss, week);
        QCOMPARE(trendColumn(out.result, u"created"_s), (QList<qint64>{0, 4})); // week of 02-23, week of 03-02
        week.granularity = u"month"_s;
        out = service.dashboard(boss, week);
        QCOMPARE(trendColumn(out.result, u"created"_s), (QList<qint64>{4}));

        // An empty range: zeros everywhere, no means.
        out = service.dashboard(boss, request(u"2025-01-01"_s, u"2025-01-07"_s));
        QVERIFY(out.ok);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 0);
        QVERIFY(!out.result.value(u"totals"_s).toObject().value(u"firstResponse"_s).toObject().contains(u"mean"_s));
        QCOMPARE(trendColumn(out.result, u"created"_s), QList<qint64>(7, 0));
        QCOMPARE(out.result.value(u"byType"_s).toArray().size(), 0);
    }

    void filtersAndScope()
    {
        m_store->beginTransaction();
        const fx::Fixture f = fx::seed(*m_store);
        m_store->commitTransaction();
        StatsService service(*m_store);
        protocol::StatsDashboard r = request(u"2026-03-02"_s, u"2026-03-05"_s);
        r.filters.departments = {u"D1"_s};
        Outcome out = service.dashboard(callerOf(f.manager, Role::Manager), r);
        QVERIFY(out.ok);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 2); // T1, T3
        QCOMPARE(out.result.value(u"backlog"_s).toObject().value(u"open"_s).toInt(), 1);   // T3

        // Two dimensions at once: from the tickets.
        r.filters = {};
        r.filters.teamIds = {f.team2};
        r.filters.types = {u"water"_s};
        out = service.dashboard(callerOf(f.manager, Role::Manager), r);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"tickets"_s);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 2); // T3, T4

        // Engineers: their own tickets only (from the counters), and never someone else's.
        r.filters = {};
        out = service.dashboard(callerOf(f.engineer2, Role::Engineer), r);
        QVERIFY(out.ok);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 2);
        QCOMPARE(out.result.value(u"filters"_s).toObject().value(u"assigneeIds"_s).toArray().size(), 1);
        r.filters.assigneeIds = {f.engineer1};
        out = service.dashboard(callerOf(f.engineer2, Role::Engineer), r);
        QVERIFY(!out.ok);
        QCOMPARE(out.error.code, protocol::ErrorCode::Forbidden);
        out = service.dashboard(callerOf(f.requester, Role::Requester), request(u"2026-03-02"_s, u"2026-03-02"_s));
        QCOMPARE(out.error.code, protocol::ErrorCode::Forbidden);
    }

    // Filters on one dimension, answered from the scoped counters, against answers computed by hand.
    void filteredByHand()
    {
        m_store->beginTransaction();
        const fx::Fixture f = fx::seed(*m_store);
        m_store->commitTransaction();
        StatsService service(*m_store);
        const Caller boss = callerOf(f.manager, Role::Manager);

        // Type "it", UTC 03-02..03-03: T1 and T2.
        protocol::StatsDashboard r = request(u"2026-03-02"_s, u"2026-03-03"_s);
        r.filters.types = {u"it"_s};
        Outcome out = service.dashboard(boss, r);
        QVERIFY(out.ok);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"counters"_s);
        QJsonObject totals = out.result.value(u"totals"_s).toObject();
        QCOMPARE(totals.value(u"created"_s).toInt(), 2);
        QCOMPARE(totals.value(u"resolved"_s).toInt(), 2);
        QCOMPARE(totals.value(u"closed"_s).toInt(), 1);
        QCOMPARE(totals.value(u"firstResponse"_s).toObject().value(u"count"_s).toInt(), 1);
        QCOMPARE(totals.value(u"firstResponse"_s).toObject().value(u"mean"_s).toInt(), 1800);
        QCOMPARE(totals.value(u"resolution"_s).toObject().value(u"mean"_s).toInt(), 14400); // (2 h + 6 h) / 2
        QCOMPARE(totals.value(u"sla"_s).toObject().value(u"rate"_s).toDouble(), 0.5);
        QCOMPARE(totals.value(u"satisfaction"_s).toObject().value(u"mean"_s).toDouble(), 3.5);
        QCOMPARE(trendColumn(out.result, u"created"_s), (QList<qint64>{2, 0}));
        QCOMPARE(trendColumn(out.result, u"resolved"_s), (QList<qint64>{1, 1}));
        QCOMPARE(out.result.value(u"byType"_s).toArray().size(), 1);
        QCOMPARE(row(out.result, u"byType"_s, u"it"_s).value(u"created"_s).toInt(), 2);
        QCOMPARE(row(out.result, u"byTeam"_s, QString::number(f.team1.value())).value(u"created"_s).toInt(), 1);
        QCOMPARE(row(out.result, u"byTeam"_s, u"0"_s).value(u"created"_s).toInt(), 1); // T2 has no team
        QCOMPARE(row(out.result, u"byAssignee"_s, QString::number(f.engineer1.value())).value(u"resolved"_s).toInt(),
                 1);
        QCOMPARE(out.result.value(u"byDepartment"_s).toArray().size(), 2);
        QCOMPARE(out.result.value(u"previous"_s).toObject().value(u"created"_s).toInt(), 0);

        // Department D1 in UTC+8, local 03-02..03-03 = UTC 03-01 16:00 .. 03-03 16:00: T1 (local 03-02 09:00) and
        // T3 (local 03-03 18:00). The last UTC day is cut at 16:00 (the whole day minus its last 8 hours).
        r = request(u"2026-03-02"_s, u"2026-03-03"_s, u"+08:00"_s);
        r.filters.departments = {u"D1"_s};
        out = service.dashboard(boss, r);
        QVERIFY(out.ok);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"counters"_s);
        totals = out.result.value(u"totals"_s).toObject();
        QCOMPARE(totals.value(u"created"_s).toInt(), 2);
        QCOMPARE(totals.value(u"resolved"_s).toInt(), 1);
        QCOMPARE(totals.value(u"firstResponse"_s).toObject().value(u"count"_s).toInt(), 2);
        QCOMPARE(totals.value(u"firstResponse"_s).toObject().value(u"mean"_s).toInt(), 1200); // (30 + 10 min) / 2
        QCOMPARE(trendColumn(out.result, u"created"_s), (QList<qint64>{1, 1}));
        QCOMPARE(trendColumn(out.result, u"resolved"_s), (QList<qint64>{1, 0}));
        QCOMPARE(row(out.result, u"byDepartment"_s, u"D1"_s).value(u"created"_s).toInt(), 2);
        QCOMPARE(out.result.value(u"byDepartment"_s).toArray().size(), 1);
        QCOMPARE(row(out.result, u"byType"_s, u"water"_s).value(u"created"_s).toInt(), 1);
        QCOMPARE(row(out.result, u"byAssignee"_s, QString::number(f.engineer2.value())).value(u"created"_s).toInt(), 1);
        const QJsonArray heat = out.result.value(u"heatmap"_s).toArray();
        QCOMPARE(heat.at(0).toArray().at(9).toInt(), 1);  // T1: Monday 09 h local
        QCOMPARE(heat.at(1).toArray().at(18).toInt(), 1); // T3: Tuesday 18 h local

        // Type "it" in UTC+05:30, local 03-02 = UTC 03-01 18:30 .. 03-02 18:30: T1 only. T2 (created 23:30 UTC) is
        // in the part of UTC 03-02 that is subtracted, so its department, team and assignee rows vanish entirely.
        r = request(u"2026-03-02"_s, u"2026-03-02"_s, u"+05:30"_s);
        r.filters.types = {u"it"_s};
        out = service.dashboard(boss, r);
        QVERIFY(out.ok);
        totals = out.result.value(u"totals"_s).toObject();
        QCOMPARE(totals.value(u"created"_s).toInt(), 1);
        QCOMPARE(totals.value(u"resolved"_s).toInt(), 1);
        QCOMPARE(totals.value(u"closed"_s).toInt(), 1);
        QCOMPARE(totals.value(u"sla"_s).toObject().value(u"met"_s).toInt(), 1);
        QCOMPARE(totals.value(u"satisfaction"_s).toObject().value(u"mean"_s).toDouble(), 5.0);
        QCOMPARE(out.result.value(u"byDepartment"_s).toArray().size(), 1);
        QCOMPARE(row(out.result, u"byDepartment"_s, u"D1"_s).value(u"created"_s).toInt(), 1);
        QCOMPARE(out.result.value(u"byTeam"_s).toArray().size(), 1);
        QCOMPARE(out.result.value(u"byAssignee"_s).toArray().size(), 1);
        QCOMPARE(out.result.value(u"byCategory"_s).toArray().size(), 1);
        // The next local day holds T2's creation and resolution.
        r = request(u"2026-03-03"_s, u"2026-03-03"_s, u"+05:30"_s);
        r.filters.types = {u"it"_s};
        out = service.dashboard(boss, r);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 1);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"resolved"_s).toInt(), 1);
        QCOMPARE(row(out.result, u"byTeam"_s, u"0"_s).value(u"created"_s).toInt(), 1);
        QCOMPARE(out.result.value(u"previous"_s).toObject().value(u"created"_s).toInt(), 1); // T1 on local 03-02

        // Two values of one dimension sum: teams 1 and 2 over the week hold all four tickets but T2.
        r = request(u"2026-03-01"_s, u"2026-03-07"_s, u"Asia/Shanghai"_s);
        r.filters.teamIds = {f.team1, f.team2};
        out = service.dashboard(boss, r);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 3);
        QCOMPARE(row(out.result, u"byTeam"_s, QString::number(f.team2.value())).value(u"created"_s).toInt(), 2);
        QCOMPARE(row(out.result, u"byTeam"_s, QString::number(f.team1.value())).value(u"created"_s).toInt(), 1);

        // An empty range, filtered: zeros and empty breakdowns.
        r = request(u"2025-01-01"_s, u"2025-01-07"_s, u"+05:30"_s);
        r.filters.assigneeIds = {f.engineer2};
        out = service.dashboard(boss, r);
        QVERIFY(out.ok);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 0);
        QCOMPARE(trendColumn(out.result, u"created"_s), QList<qint64>(7, 0));
        QCOMPARE(out.result.value(u"byAssignee"_s).toArray().size(), 0);
        QCOMPARE(out.result.value(u"backlog"_s).toObject().value(u"open"_s).toInt(), 2); // T3, T4: open now
    }

    // Migration 9 meets a database whose counter tables hold the histograms (versions 6 to 8): it moves them into
    // tables of their own, copying, not recomputing, and the dashboards answer as before.
    void migrationSplitsHistogramsOffTheCounters()
    {
        m_store->beginTransaction();
        const fx::Fixture f = fx::seed(*m_store);
        m_store->commitTransaction();
        const QStringList kept = dumpCounters(m_path), keptScoped = dumpCounters(m_path, u"stats_scoped"_s);
        // Some rows have histograms and some do not: both kinds are moved.
        const auto withHistograms = [](const QStringList &rows) {
            return std::count_if(rows.begin(), rows.end(), [](const QString &r) { return !r.endsWith(u'|'); });
        };
        QVERIFY(withHistograms(kept) > 0 && withHistograms(kept) < kept.size());
        QVERIFY(withHistograms(keptScoped) > 0 && withHistograms(keptScoped) < keptScoped.size());
        StatsService service(*m_store);
        const protocol::StatsDashboard r = request(u"2026-03-02"_s, u"2026-03-05"_s);
        const QJsonObject before = service.dashboard(callerOf(f.manager, Role::Manager), r).result;
        m_store.reset();
        // A value no recomputation would give (checked below to have come along): the migration must carry it over
        // as it is.
        QCOMPARE(alterDatabase(m_path,
                               {u"UPDATE schema_version SET version = 8"_s,
                                u"UPDATE stats_counts SET fr_h0 = fr_h0 + 1000 WHERE grain = 1 AND dim = 0 AND "
                                "fr_count > 0"_s},
                               true),
                 QString());
        m_store = openSqliteStore({m_path, u"stats-writer"_s, false, {}});
        QCOMPARE(m_store->schemaVersion(), 8);
        m_store->migrate();
        QVERIFY(m_store->schemaVersion() >= 9);
        // Every row as it was, but for the marked value, which came along.
        const QStringList migrated = dumpCounters(m_path);
        QCOMPARE(migrated.size(), kept.size());
        const qsizetype frH0 = 4 + 10; // key, counts, then the histograms
        int marked = 0;
        for (qsizetype i = 0; i < kept.size(); ++i) {
            if (migrated.at(i) == kept.at(i))
                continue;
            QStringList fields = migrated.at(i).split(u'|');
            const QStringList was = kept.at(i).split(u'|');
            QCOMPARE(fields.value(0), u"1"_s);
            QCOMPARE(fields.value(1), u"0"_s);
            QCOMPARE(fields.value(frH0).toLongLong(), was.value(frH0).toLongLong() + 1000);
            fields[frH0] = was.value(frH0);
            QCOMPARE(fields.join(u'|'), kept.at(i));
            ++marked;
        }
        QVERIFY(marked > 0);
        QCOMPARE(dumpCounters(m_path, u"stats_scoped"_s), keptScoped);
        m_store->beginTransaction();
        m_store->rebuildStats();
        m_store->commitTransaction();
        QCOMPARE(dumpCounters(m_path), kept);
        QCOMPARE(dumpCounters(m_path, u"stats_scoped"_s), keptScoped);
        StatsService after(*m_store);
        QCOMPARE(after.dashboard(callerOf(f.manager, Role::Manager), r).result, before);
    }

    // A start that stopped between a migration asking for the counters to be recomputed and the recomputation
    // (done after the last step) finds the step's mark and recomputes them.
    void interruptedRecomputationResumes()
    {
        m_store->beginTransaction();
        fx::seed(*m_store);
        m_store->commitTransaction();
        const QStringList kept = dumpCounters(m_path), keptScoped = dumpCounters(m_path, u"stats_scoped"_s);
        QVERIFY(!kept.isEmpty() && !keptScoped.isEmpty());
        m_store.reset();
        QCOMPARE(alterDatabase(m_path, {u"DELETE FROM stats_counts"_s, u"DELETE FROM stats_scoped_hist"_s,
                                        u"INSERT INTO counters (name, value) VALUES ('stats_rebuild_pending', 1)"_s}),
                 QString());
        m_store = openSqliteStore({m_path, u"stats-writer"_s, false, {}});
        m_store->migrate();
        QCOMPARE(dumpCounters(m_path), kept);
        QCOMPARE(dumpCounters(m_path, u"stats_scoped"_s), keptScoped);
        // The mark went with the recomputation: it can be inserted again (the name is the table's key).
        QCOMPARE(alterDatabase(m_path, {u"INSERT INTO counters (name, value) VALUES ('stats_rebuild_pending', 1)"_s,
                                        u"DELETE FROM counters WHERE name = 'stats_rebuild_pending'"_s}),
                 QString());
    }

    // Migration 6 meets a database that has tickets but no scoped counters (a version 5 database): it creates the
    // table and fills it from the tickets, as the writes would have.
    void migrationFillsScopedCountersOfAnExistingDatabase()
    {
        m_store->beginTransaction();
        const fx::Fixture f = fx::seed(*m_store);
        m_store->commitTransaction();
        const QStringList kept = dumpCounters(m_path, u"stats_scoped"_s);
        QVERIFY(kept.size() > 20);
        m_store.reset();
        QCOMPARE(
            alterDatabase(m_path, {u"DROP TABLE stats_scoped"_s, u"UPDATE schema_version SET version = 5"_s}, true),
            QString());
        m_store = openSqliteStore({m_path, u"stats-writer"_s, false, {}});
        QCOMPARE(m_store->schemaVersion(), 5);
        m_store->migrate();
        QVERIFY(m_store->schemaVersion() >= 6);
        QCOMPARE(dumpCounters(m_path, u"stats_scoped"_s), kept);
        StatsService service(*m_store);
        protocol::StatsDashboard r = request(u"2026-03-02"_s, u"2026-03-05"_s);
        r.filters.teamIds = {f.team2};
        const Outcome out = service.dashboard(callerOf(f.manager, Role::Manager), r);
        QCOMPARE(out.result.value(u"source"_s).toString(), u"counters"_s);
        QCOMPARE(out.result.value(u"totals"_s).toObject().value(u"created"_s).toInt(), 2); // T3, T4
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("granularity");
        QTest::addColumn<QString>("field");
        QTest::newRow("bad date") << u"2026-13-01"_s << u"2026-03-01"_s << u"UTC"_s << u"day"_s << u"from"_s;
        QTest::newRow("reversed") << u"2026-03-05"_s << u"2026-03-01"_s << u"UTC"_s << u"day"_s << u"to"_s;
        QTest::newRow("too long") << u"2020-01-01"_s << u"2026-03-01"_s << u"UTC"_s << u"day"_s << u"to"_s;
        QTest::newRow("zone") << u"2026-03-01"_s << u"2026-03-01"_s << u"+05:10"_s << u"day"_s << u"timeZone"_s;
        QTest::newRow("granularity") << u"2026-03-01"_s << u"2026-03-01"_s << u"UTC"_s << u"year"_s << u"granularity"_s;
    }

    void badInput()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, zone);
        QFETCH(QString, granularity);
        QFETCH(QString, field);
        StatsService service(*m_store);
        protocol::StatsDashboard r = request(from, to, zone);
        r.granularity = granularity;
        const Outcome out = service.dashboard(callerOf(UserId(1), Role::Manager), r);
        QVERIFY(!out.ok);
        QCOMPARE(out.error.code, protocol::ErrorCode::InvalidField);
        QCOMPARE(out.error.details.value(u"field"_s).toString(), field);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Store> m_store;
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
