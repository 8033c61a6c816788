// The single writer (server/writequeue.h) over a real SQLite store: replies after commit and sync on the owner's
// thread, group commit, per-job rollback with gap-free event numbers, idempotency keys, event delivery order, a sync
// that fails, and shutdown.
// No sleeps: a "gate" job holds the writer while the test queues work behind it, so batching is decided by the
// test, not by timing.

#include "server/clock.h"
#include "server/storage/store.h"
#include "server/writequeue.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

using namespace crewline;
using namespace crewline::server;
using namespace Qt::StringLiterals;
using protocol::ErrorCode;

namespace {

constexpr int kTimeoutMs = 20000; // generous: CI machines are slow, and QTRY_* returns as soon as it holds

// Holds the writer thread inside a job until the test opens it.
class Gate
{
public:
    WriteJob job()
    {
        return [this](WriteContext &) {
            m_entered.set_value();
            m_open.wait();
            return Outcome::success({{u"gate"_s, true}});
        };
    }
    bool waitEntered()
    {
        return m_enteredFuture.wait_for(std::chrono::milliseconds(kTimeoutMs)) == std::future_status::ready;
    }
    void open() { m_opener.set_value(); }

private:
    std::promise<void> m_entered;
    std::future<void> m_enteredFuture = m_entered.get_future();
    std::promise<void> m_opener;
    std::shared_future<void> m_open = m_opener.get_future().share();
};

// A job that creates a ticket and emits `events` events for it.
WriteJob createTicket(const QString &title, int events = 1)
{
    return [title, events](WriteContext &ctx) {
        Store &store = ctx.store();
        Ticket t;
        t.number = store.nextTicketNumber(ctx.now().date().year());
        t.type = u"repair"_s;
        t.status = u"registered"_s;
        t.title = title;
        t.createdAt = ctx.now();
        t.updatedAt = ctx.now();
        t.version = 1;
        t.id = store.insertTicket(t, 0);
        for (int i = 0; i < events; ++i) {
            StoredEvent e;
            e.event.type = u"ticket.created"_s;
            e.event.at = ctx.now();
            e.event.ticketId = t.id;
            e.event.data = QJsonObject{{u"title"_s, title}, {u"i"_s, i}};
            ctx.emitEvent(e);
        }
        return Outcome::success({{u"ticketId"_s, t.id.value()}, {u"number"_s, t.number}, {u"title"_s, title}});
    };
}

// Collects the replies of submitted jobs, in the order they arrive.
struct Replies
{
    QList<Outcome> outcomes;
    QList<QThread *> threads;
    QStringList log; // "done:<tag>" and "committed:<n>" entries, to check ordering

    WriteDone collect(const QString &tag = {})
    {
        return [this, tag](const Outcome &o) {
            outcomes << o;
            threads << QThread::currentThread();
            log << u"done:"_s + tag;
        };
    }
};

QList<qint64> seqsOf(const QList<StoredEvent> &events)
{
    QList<qint64> out;
    for (const StoredEvent &e : events)
        out << e.event.seq;
    return out;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> out;
    for (qint64 i = from; i <= to; ++i)
        out << i;
    return out;
}

} // namespace

class TestWriteQueue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void answeredOnOwnerThreadAfterCommit();
    void jobsSeeTheClock();
    void counterMonthRowsFollowTheClock();
    void groupCommit();
    void failingJobsAreRolledBackAlone();
    void idempotentReplay();
    void idempotentReplayInOneBatch();
    void idempotencyMismatch();
    void failedJobDoesNotUseItsKey();
    void committedSignalInSequenceOrder();
    void answeredAfterSync();
    void failedSyncIsNotAcknowledged();
    void failedDiskSyncHoldsUntilRestart();
    void runAndWait();
    void stopDrainsQueuedJobs();
    void submitAfterStopIsRefused();
    void submitBeforeStartIsRefused();
    void startFailsOnBadDatabase();

private:
    WriteQueue::StoreFactory factory();
    std::unique_ptr<Store> openReader();
    void submit(WriteJob job, WriteDone done, const QString &idem = {}, const QString &op = u"ticket.create"_s,
                UserId user = UserId(1));

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<WriteQueue> m_queue;
    int m_connections = 0;
};

WriteQueue::StoreFactory TestWriteQueue::factory()
{
    const QString path = m_dir->filePath(u"crewline.db"_s);
    const int instance = ++m_connections;
    return [path, instance](const QString &name) {
        // As the server opens them: COMMIT does not wait for the disk, the queue's sync thread does.
        return openSqliteStore({path, u"%1-tst-%2"_s.arg(name).arg(instance), false, QString(), true});
    };
}

std::unique_ptr<Store> TestWriteQueue::openReader()
{
    return openSqliteStore(
        {m_dir->filePath(u"crewline.db"_s), u"tst-writequeue-reader-%1"_s.arg(++m_connections), true, QString()});
}

void TestWriteQueue::submit(WriteJob job, WriteDone done, const QString &idem, const QString &op, UserId user)
{
    m_queue->submit(WriteRequest{user, idem, op, std::move(job), std::move(done)});
}

void TestWriteQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock = std::make_unique<ManualClock>(QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
    m_queue = std::make_unique<WriteQueue>(factory(), *m_clock);
    QString error;
    QVERIFY2(m_queue->start(&error), qPrintable(error));
}

void TestWriteQueue::cleanup()
{
    m_queue.reset(); // stops the threads
    m_clock.reset();
    m_dir.reset();
}

// --- replies -------------------------------------------------------------------------------------------------------

void TestWriteQueue::answeredOnOwnerThreadAfterCommit()
{
    std::unique_ptr<Store> reader = openReader();
    Replies replies;
    bool committedBeforeReply = false;
    submit(createTicket(u"first"_s), [&](const Outcome &o) {
        replies.collect()(o);
        // The reply comes after COMMIT: another connection sees the ticket already.
        committedBeforeReply = reader->ticketByNumber(o.result.value(u"number"_s).toString()).has_value();
    });
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    const Outcome &o = replies.outcomes.first();
    QVERIFY(o.ok);
    QVERIFY(!o.replayed);
    QCOMPARE(o.result.value(u"number"_s).toString(), u"WO-2026-000001"_s);
    QCOMPARE(replies.threads.first(), QThread::currentThread());
    QVERIFY(committedBeforeReply);
    QCOMPARE(seqsOf(o.events), QList<qint64>{1});
    QCOMPARE(o.events.first().event.ticketId.value(), o.result.value(u"ticketId"_s).toInteger());
    QCOMPARE(reader->lastSeq(), 1);
}

void TestWriteQueue::jobsSeeTheClock()
{
    QDateTime seen;
    const auto job = [&seen](WriteContext &ctx) {
        seen = ctx.now();
        return Outcome::success({});
    };
    Replies replies;
    submit(job, replies.collect());
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    QCOMPARE(seen, m_clock->now());

    m_clock->advance(90 * 60 * 1000);
    submit(job, replies.collect());
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 2, kTimeoutMs);
    QCOMPARE(seen, QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC));
}

void TestWriteQueue::counterMonthRowsFollowTheClock()
{
    // The dashboard counters keep month rows for the months before the current one (Store::statsMonthRowsBefore):
    // the first transaction of a new month moves the boundary. Migration 7 set it from the real clock, so the test's
    // clock goes later than that.
    const auto month = [](const QDateTime &t) { return stats::bucketOf(stats::Grain::Month, t.toSecsSinceEpoch()); };
    const auto noop = [](WriteContext &) { return Outcome::success({}); };
    std::unique_ptr<Store> reader = openReader();
    QVERIFY(reader->statsMonthRowsBefore() <= month(QDateTime::currentDateTimeUtc()));
    Replies replies;
    m_clock->set(QDateTime(QDate(2040, 1, 31), QTime(23, 59, 59), Qt::UTC));
    submit(noop, replies.collect());
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    QCOMPARE(reader->statsMonthRowsBefore(), month(m_clock->now()));
    m_clock->advance(1000);
    submit(createTicket(u"February"_s), replies.collect());
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 2, kTimeoutMs);
    QVERIFY(replies.outcomes.last().ok);
    QCOMPARE(reader->statsMonthRowsBefore(), month(QDateTime(QDate(2040, 2, 1), QTime(0, 0), Qt::UTC)));
}

void TestWriteQueue::groupCommit()
{
    constexpr int kJobs = 200;
    Gate gate;
    Replies replies;
    submit(gate.job(), replies.collect(u"gate"_s));
    QVERIFY(gate.waitEntered());
    for (int i = 0; i < kJobs; ++i)
        submit(createTicket(u"t%1"_s.arg(i)), replies.collect());
    gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), kJobs + 1, kTimeoutMs);

    // Everything queued behind the gate went into one transaction.
    const WriteQueue::Stats stats = m_queue->stats();
    QCOMPARE(stats.jobs, kJobs + 1);
    QCOMPARE(stats.transactions, 2);
    QVERIFY(stats.transactions < stats.jobs);
    QCOMPARE(stats.largestBatch, kJobs);
    for (const Outcome &o : replies.outcomes)
        QVERIFY(o.ok);
    // Replies keep submission order, and the ticket numbers have no gaps.
    for (int i = 0; i < kJobs; ++i) {
        QCOMPARE(replies.outcomes.at(i + 1).result.value(u"title"_s).toString(), u"t%1"_s.arg(i));
        QCOMPARE(replies.outcomes.at(i + 1).result.value(u"number"_s).toString(),
                 u"WO-2026-%1"_s.arg(i + 1, 6, 10, QLatin1Char('0')));
    }
    QCOMPARE(openReader()->ticketCount(), kJobs);
}

void TestWriteQueue::failingJobsAreRolledBackAlone()
{
    Gate gate;
    Replies replies;
    QSignalSpy committed(m_queue.get(), &WriteQueue::committed);
    submit(gate.job(), replies.collect(u"gate"_s));
    QVERIFY(gate.waitEntered());

    // One batch: ok, refused, throws, storage error, ok. Each failing job first writes a ticket and an event.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"write job .* failed: .*a bug in a service"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"write job .* failed: .*UNIQUE constraint failed"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"write job .* failed: .*unknown exception"_s));
    submit(createTicket(u"kept 1"_s), replies.collect(u"ok1"_s));
    submit(
        [](WriteContext &ctx) {
            createTicket(u"refused"_s, 2)(ctx);
            return Outcome::failure(ErrorCode::Conflict, u"the ticket changed"_s, {{u"current"_s, 3}});
        },
        replies.collect(u"refused"_s));
    submit(
        [](WriteContext &ctx) -> Outcome {
            createTicket(u"throws"_s)(ctx);
            throw std::runtime_error("a bug in a service");
        },
        replies.collect(u"throws"_s));
    submit(
        [](WriteContext &ctx) -> Outcome {
            createTicket(u"storage"_s)(ctx);
            Ticket duplicate;
            duplicate.number = u"WO-2026-000001"_s; // taken by "kept 1": the UNIQUE constraint fails
            duplicate.title = u"x"_s;
            ctx.store().insertTicket(duplicate, 0);
            return Outcome::success({});
        },
        replies.collect(u"storage"_s));
    submit(
        [](WriteContext &ctx) -> Outcome {
            createTicket(u"throws anything"_s)(ctx);
            throw 42;
        },
        replies.collect(u"anything"_s));
    submit(createTicket(u"kept 2"_s), replies.collect(u"ok2"_s));
    gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 7, kTimeoutMs);
    QCOMPARE(m_queue->stats().transactions, 2);

    QCOMPARE(replies.log, (QStringList{u"done:gate"_s, u"done:ok1"_s, u"done:refused"_s, u"done:throws"_s,
                                       u"done:storage"_s, u"done:anything"_s, u"done:ok2"_s}));
    const Outcome &ok1 = replies.outcomes.at(1);
    const Outcome &refused = replies.outcomes.at(2);
    const Outcome &ok2 = replies.outcomes.at(6);
    QVERIFY(ok1.ok);
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, ErrorCode::Conflict); // the job's own answer, unchanged
    QCOMPARE(refused.error.details.value(u"current"_s).toInt(), 3);
    QVERIFY(refused.events.isEmpty());
    for (int i = 3; i <= 5; ++i) {
        QVERIFY(!replies.outcomes.at(i).ok);
        QCOMPARE(replies.outcomes.at(i).error.code, ErrorCode::Internal);
        QVERIFY(replies.outcomes.at(i).events.isEmpty());
    }
    QVERIFY(ok2.ok);

    // Only the two good jobs left a trace, and they got consecutive numbers: the failed ones gave theirs back.
    QCOMPARE(ok1.result.value(u"number"_s).toString(), u"WO-2026-000001"_s);
    QCOMPARE(ok2.result.value(u"number"_s).toString(), u"WO-2026-000002"_s);
    QCOMPARE(seqsOf(ok1.events), QList<qint64>{1});
    QCOMPARE(seqsOf(ok2.events), QList<qint64>{2});
    std::unique_ptr<Store> reader = openReader();
    QCOMPARE(reader->ticketCount(), 2);
    QCOMPARE(seqsOf(reader->eventsAfter(0, 100)), range(1, 2));
    QTRY_COMPARE_WITH_TIMEOUT(committed.size(), 1, kTimeoutMs);
    QCOMPARE(seqsOf(committed.at(0).at(0).value<QList<StoredEvent>>()), range(1, 2));

    // The queue goes on working.
    submit(createTicket(u"after"_s), replies.collect());
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 8, kTimeoutMs);
    QCOMPARE(seqsOf(replies.outcomes.last().events), QList<qint64>{3});
}

// --- idempotency ---------------------------------------------------------------------------------------------------

void TestWriteQueue::idempotentReplay()
{
    int runs = 0;
    const WriteJob job = [&runs](WriteContext &ctx) {
        ++runs;
        return createTicket(u"once"_s)(ctx);
    };
    Replies replies;
    submit(job, replies.collect(), u"key-1"_s);
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    submit(job, replies.collect(), u"key-1"_s); // the client retries after a lost reply
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 2, kTimeoutMs);

    QCOMPARE(runs, 1);
    const Outcome &first = replies.outcomes.at(0);
    const Outcome &again = replies.outcomes.at(1);
    QVERIFY(first.ok && !first.replayed);
    QVERIFY(again.ok);
    QVERIFY(again.replayed);
    QCOMPARE(again.result, first.result);
    QVERIFY(again.events.isEmpty()); // nothing new happened
    QCOMPARE(openReader()->ticketCount(), 1);

    // The same key from another user is another request.
    submit(job, replies.collect(), u"key-1"_s, u"ticket.create"_s, UserId(2));
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 3, kTimeoutMs);
    QCOMPARE(runs, 2);
    QVERIFY(!replies.outcomes.at(2).replayed);
}

void TestWriteQueue::idempotentReplayInOneBatch()
{
    int runs = 0;
    const WriteJob job = [&runs](WriteContext &ctx) {
        ++runs;
        return createTicket(u"once"_s)(ctx);
    };
    Gate gate;
    Replies replies;
    submit(gate.job(), replies.collect());
    QVERIFY(gate.waitEntered());
    submit(job, replies.collect(), u"dup"_s);
    submit(job, replies.collect(), u"dup"_s);
    gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 3, kTimeoutMs);
    QCOMPARE(runs, 1);
    QVERIFY(!replies.outcomes.at(1).replayed);
    QVERIFY(replies.outcomes.at(2).replayed);
    QCOMPARE(replies.outcomes.at(2).result, replies.outcomes.at(1).result);
    QCOMPARE(openReader()->ticketCount(), 1);
}

void TestWriteQueue::idempotencyMismatch()
{
    int runs = 0;
    const WriteJob job = [&runs](WriteContext &ctx) {
        ++runs;
        return createTicket(u"x"_s)(ctx);
    };
    Replies replies;
    submit(job, replies.collect(), u"key"_s, u"ticket.create"_s);
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    submit(job, replies.collect(), u"key"_s, u"ticket.assign"_s);
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 2, kTimeoutMs);
    QCOMPARE(runs, 1);
    QVERIFY(!replies.outcomes.at(1).ok);
    QCOMPARE(replies.outcomes.at(1).error.code, ErrorCode::IdempotencyMismatch);
    QVERIFY(replies.outcomes.at(1).error.message.contains(u"ticket.create"_s));
    QVERIFY(!replies.outcomes.at(1).replayed);
}

void TestWriteQueue::failedJobDoesNotUseItsKey()
{
    int runs = 0;
    bool fail = true;
    const WriteJob job = [&](WriteContext &ctx) {
        ++runs;
        if (fail)
            return Outcome::failure(ErrorCode::Conflict, u"stale version"_s);
        return createTicket(u"second try"_s)(ctx);
    };
    Replies replies;
    submit(job, replies.collect(), u"retry"_s);
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    QVERIFY(!replies.outcomes.at(0).ok);
    fail = false;
    submit(job, replies.collect(), u"retry"_s); // the client fixes the request and sends it with the same key
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 2, kTimeoutMs);
    QCOMPARE(runs, 2);
    QVERIFY(replies.outcomes.at(1).ok);
    QVERIFY(!replies.outcomes.at(1).replayed);
}

// --- events --------------------------------------------------------------------------------------------------------

void TestWriteQueue::committedSignalInSequenceOrder()
{
    Replies replies;
    QSignalSpy spy(m_queue.get(), &WriteQueue::committed);
    connect(m_queue.get(), &WriteQueue::committed, this,
            [&replies](const QList<StoredEvent> &events) { replies.log << u"committed:%1"_s.arg(events.size()); });

    // Several batches (a gate splits them), jobs with 0 to 3 events each.
    Gate gate;
    submit(gate.job(), replies.collect(u"gate"_s));
    QVERIFY(gate.waitEntered());
    int expectedEvents = 0;
    for (int i = 0; i < 30; ++i) {
        submit(createTicket(u"t%1"_s.arg(i), i % 4), replies.collect(u"%1"_s.arg(i)));
        expectedEvents += i % 4;
    }
    gate.open();
    for (int i = 30; i < 40; ++i) {
        submit(createTicket(u"t%1"_s.arg(i), 2), replies.collect(u"%1"_s.arg(i)));
        expectedEvents += 2;
    }
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 41, kTimeoutMs);

    QList<StoredEvent> delivered;
    const auto allDelivered = [&] {
        delivered.clear();
        for (const QList<QVariant> &args : std::as_const(spy))
            delivered += args.at(0).value<QList<StoredEvent>>();
        return delivered.size() == expectedEvents;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(), kTimeoutMs);
    QCOMPARE(seqsOf(delivered), range(1, expectedEvents));
    QCOMPARE(spy.size(), qsizetype(m_queue->stats().transactions - 1)); // every batch with events, not the gate's
    // Within a ticket, events keep the order the job emitted them in.
    for (qsizetype i = 1; i < delivered.size(); ++i) {
        if (delivered.at(i).event.ticketId == delivered.at(i - 1).event.ticketId)
            QCOMPARE(delivered.at(i).event.data.value(u"i"_s).toInt(),
                     delivered.at(i - 1).event.data.value(u"i"_s).toInt() + 1);
    }
    // The events are those in the replies, and a batch's replies come before its events.
    QList<StoredEvent> fromReplies;
    for (const Outcome &o : replies.outcomes)
        fromReplies += o.events;
    QCOMPARE(seqsOf(fromReplies), seqsOf(delivered));
    QVERIFY(replies.log.first() == u"done:gate"_s);
    QVERIFY(replies.log.last().startsWith(u"committed:"_s));
    const qsizetype lastDone = replies.log.lastIndexOf(u"done:39"_s);
    QVERIFY(lastDone >= 0);
    QVERIFY(replies.log.at(lastDone + 1).startsWith(u"committed:"_s));
    QCOMPARE(openReader()->lastSeq(), expectedEvents);
}

// --- durability ----------------------------------------------------------------------------------------------------

void TestWriteQueue::answeredAfterSync()
{
    // Several transactions (a gate splits them); every reply comes after a sync that started after its commit, so
    // there are syncs, at most one per transaction (a sync answers every transaction committed before it began).
    Gate gate;
    Replies replies;
    submit(gate.job(), replies.collect());
    QVERIFY(gate.waitEntered());
    for (int i = 0; i < 20; ++i)
        submit(createTicket(u"t%1"_s.arg(i)), replies.collect());
    gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 21, kTimeoutMs);
    for (const Outcome &o : replies.outcomes)
        QVERIFY(o.ok);
    const WriteQueue::Stats stats = m_queue->stats();
    QVERIFY2(stats.syncs >= 1 && stats.syncs <= stats.transactions + 1, // + the one after the migrations' commit
             qPrintable(u"%1 syncs, %2 transactions"_s.arg(stats.syncs).arg(stats.transactions)));
}

void TestWriteQueue::failedSyncIsNotAcknowledged()
{
    // The WAL file's name made unusable (a link to itself) while SQLite keeps writing to the file it has open: the
    // sync cannot be done, so the commit is not acknowledged, although it stands and its events are delivered.
    const QString wal = m_dir->filePath(u"crewline.db-wal"_s);
    const QString aside = m_dir->filePath(u"crewline.db-wal.aside"_s);
    QSignalSpy spy(m_queue.get(), &WriteQueue::committed);
    QVERIFY(m_queue->runAndWait(createTicket(u"before"_s)).ok); // the WAL file exists
    QVERIFY(QFile::rename(wal, aside));
    QCOMPARE(::symlink("crewline.db-wal", QFile::encodeName(wal).constData()), 0);

    Replies replies;
    submit(createTicket(u"unconfirmed"_s), replies.collect(), u"key-1"_s);
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    const Outcome failed = replies.outcomes.first();
    QVERIFY(!failed.ok);
    QCOMPARE(failed.error.code, ErrorCode::Unavailable);
    QVERIFY2(failed.error.message.contains(u"disk"_s), qPrintable(failed.error.message));
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, kTimeoutMs); // "before" and this one
    const Outcome direct = m_queue->runAndWait(createTicket(u"unconfirmed too"_s));
    QCOMPARE(direct.error.code, ErrorCode::Unavailable);

    QVERIFY(QFile::remove(wal));
    QVERIFY(QFile::rename(aside, wal));
    // The retry is answered from the commit, which stands; new writes are acknowledged again.
    submit(createTicket(u"unconfirmed"_s), replies.collect(), u"key-1"_s);
    submit(createTicket(u"after"_s), replies.collect());
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 3, kTimeoutMs);
    QVERIFY(replies.outcomes.at(1).ok);
    QVERIFY(replies.outcomes.at(1).replayed);
    QCOMPARE(replies.outcomes.at(1).result.value(u"title"_s).toString(), u"unconfirmed"_s);
    QVERIFY(replies.outcomes.at(2).ok);
    QVERIFY(!replies.outcomes.at(2).replayed);
    QCOMPARE(openReader()->ticketCount(), 4);
}

void TestWriteQueue::failedDiskSyncHoldsUntilRestart()
{
    // fdatasync itself failing (here: the WAL file's name leads to a FIFO, which cannot be synced) may mean the
    // kernel dropped pages it could not write; a later sync could succeed without them. So nothing is confirmed
    // again until the queue is started anew, even after the file is back.
    const QString wal = m_dir->filePath(u"crewline.db-wal"_s);
    const QString aside = m_dir->filePath(u"crewline.db-wal.aside"_s);
    QVERIFY(m_queue->runAndWait(createTicket(u"before"_s)).ok);
    QVERIFY(QFile::rename(wal, aside));
    QCOMPARE(::mkfifo(QFile::encodeName(wal).constData(), 0600), 0);
    const Outcome failed = m_queue->runAndWait(createTicket(u"unconfirmed"_s));
    QCOMPARE(failed.error.code, ErrorCode::Unavailable);
    QVERIFY(QFile::remove(wal));
    QVERIFY(QFile::rename(aside, wal));
    const Outcome still = m_queue->runAndWait(createTicket(u"still unconfirmed"_s));
    QCOMPARE(still.error.code, ErrorCode::Unavailable);

    m_queue = std::make_unique<WriteQueue>(factory(), *m_clock);
    QString error;
    QVERIFY2(m_queue->start(&error), qPrintable(error));
    QVERIFY(m_queue->runAndWait(createTicket(u"after a restart"_s)).ok);
    QCOMPARE(openReader()->ticketCount(), 4);
}

// --- start, synchronous jobs, shutdown -----------------------------------------------------------------------------

void TestWriteQueue::runAndWait()
{
    const Outcome o = m_queue->runAndWait(createTicket(u"seeded"_s, 2));
    QVERIFY(o.ok);
    QCOMPARE(seqsOf(o.events), range(1, 2));
    QCOMPARE(openReader()->ticketCount(), 1); // committed before it returned

    const Outcome refused =
        m_queue->runAndWait([](WriteContext &) { return Outcome::failure(ErrorCode::InvalidField, u"no"_s); });
    QVERIFY(!refused.ok);
    QCOMPARE(refused.error.code, ErrorCode::InvalidField);
}

void TestWriteQueue::stopDrainsQueuedJobs()
{
    Gate gate;
    Replies replies;
    submit(gate.job(), replies.collect());
    QVERIFY(gate.waitEntered());
    for (int i = 0; i < 50; ++i)
        submit(createTicket(u"t%1"_s.arg(i)), replies.collect());
    gate.open();
    m_queue->stop(); // returns once everything queued has been written

    QCOMPARE(openReader()->ticketCount(), 50);
    QCOMPARE(m_queue->stats().jobs, 51);
    // The replies were posted before stop() returned and arrive with the next event loop turn.
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 51, kTimeoutMs);
    for (const Outcome &o : replies.outcomes)
        QVERIFY(o.ok);
    m_queue->stop(); // twice is harmless
}

void TestWriteQueue::submitAfterStopIsRefused()
{
    m_queue->stop();
    bool ran = false;
    Replies replies;
    submit(
        [&ran](WriteContext &) {
            ran = true;
            return Outcome::success({});
        },
        replies.collect());
    QVERIFY(replies.outcomes.isEmpty()); // never inside submit(): callers may hold locks
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    QVERIFY(!replies.outcomes.first().ok);
    QCOMPARE(replies.outcomes.first().error.code, ErrorCode::Unavailable);
    QCOMPARE(replies.threads.first(), QThread::currentThread());
    QVERIFY(!ran);

    // A synchronous caller gets the same answer instead of waiting forever.
    const Outcome o = m_queue->runAndWait([&ran](WriteContext &) {
        ran = true;
        return Outcome::success({});
    });
    QCOMPARE(o.error.code, ErrorCode::Unavailable);
    QVERIFY(!ran);

    // A request without a callback is dropped quietly.
    submit(createTicket(u"x"_s), WriteDone());
    QTest::qWait(0);
}

void TestWriteQueue::submitBeforeStartIsRefused()
{
    WriteQueue queue(factory(), *m_clock);
    Replies replies;
    queue.submit(WriteRequest{UserId(1), QString(), u"ticket.create"_s, createTicket(u"x"_s), replies.collect()});
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    QCOMPARE(replies.outcomes.first().error.code, ErrorCode::Unavailable);
    QCOMPARE(queue.runAndWait(createTicket(u"y"_s)).error.code, ErrorCode::Unavailable);
}

void TestWriteQueue::startFailsOnBadDatabase()
{
    const QString bad = m_dir->filePath(u"missing-folder/crewline.db"_s);
    WriteQueue queue(
        [bad](const QString &name) {
            return openSqliteStore({bad, name + u"-bad"_s, false, QString()});
        },
        *m_clock);
    QString error;
    QVERIFY(!queue.start(&error));
    QVERIFY2(error.contains(u"missing-folder"_s), qPrintable(error));
    Replies replies;
    queue.submit(WriteRequest{UserId(1), QString(), u"ticket.create"_s, createTicket(u"x"_s), replies.collect()});
    QTRY_COMPARE_WITH_TIMEOUT(replies.outcomes.size(), 1, kTimeoutMs);
    QCOMPARE(replies.outcomes.first().error.code, ErrorCode::Unavailable);
}

QTEST_GUILESS_MAIN(TestWriteQueue)
#include "tst_writequeue.moc"
