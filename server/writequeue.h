#pragma once

// The one writer. Services hand it jobs; a dedicated thread runs every job queued since the last commit inside a
// single transaction (group commit), each job in its own savepoint, and only after the commit is durable reports
// each outcome back on the owner's thread, followed by the committed events in sequence order. Idempotency keys are
// checked and recorded inside the same transaction, so a retried request is answered from the first result.
//
// COMMIT does not wait for the disk (StoreOptions::deferredSync): a second thread syncs (Store::syncCommitted), once
// for every commit made before it started, and only then are those commits answered, while the writer already
// runs the next transaction. The writer spent a quarter of its time waiting in fdatasync, and the kernel's work for
// it was on the writer's CPU time too (docs/performance.md). Readers on other connections may see a commit some
// milliseconds before it is durable; what they see is lost only if the machine itself fails in that moment, and
// nobody was told it had succeeded.

#include "common/protocol.h"
#include "server/storage/store.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace crewline::server {

class Clock;

struct Outcome
{
    bool ok = false;
    QJsonObject result;
    QByteArray rawResult; // the result already encoded as a JSON object (hot paths); used instead of result if set
    protocol::Error error;
    QList<StoredEvent> events; // appended by the job; filled with their sequence numbers
    bool replayed = false;     // answered from an earlier request with the same idempotency key

    static Outcome success(const QJsonObject &result)
    {
        Outcome o;
        o.ok = true;
        o.result = result;
        return o;
    }
    static Outcome successRaw(QByteArray json)
    {
        Outcome o;
        o.ok = true;
        o.rawResult = std::move(json);
        return o;
    }
    static Outcome failure(protocol::ErrorCode code, const QString &message, const QJsonObject &details = {})
    {
        Outcome o;
        o.error = {code, message, details};
        return o;
    }
};

// A job runs on the writer thread with the writer's store, inside a savepoint. It appends its events through
// WriteContext::emitEvent so that they get their sequence numbers and reach subscribers after commit.
class WriteContext
{
public:
    WriteContext(Store &store, const QDateTime &now)
        : m_store(store)
        , m_now(now)
    {
    }
    Store &store() { return m_store; }
    const QDateTime &now() const { return m_now; }
    void emitEvent(StoredEvent event)
    {
        m_store.appendEvent(event);
        m_events << event;
    }
    QList<StoredEvent> takeEvents() { return std::exchange(m_events, {}); }

private:
    Store &m_store;
    QDateTime m_now;
    QList<StoredEvent> m_events;
};

using WriteJob = std::function<Outcome(WriteContext &)>;
using WriteDone = std::function<void(const Outcome &)>;

struct WriteRequest
{
    UserId user;     // owner of the idempotency key
    QString idemKey; // empty: not idempotent (internal jobs)
    QString op;      // operation name, stored with the key
    WriteJob job;
    WriteDone done; // called on the queue's thread (the main thread) after commit and sync
};

class WriteQueue : public QObject
{
    Q_OBJECT
public:
    using StoreFactory = std::function<std::unique_ptr<Store>(const QString &connectionName)>;

    WriteQueue(StoreFactory factory, const Clock &clock, QObject *parent = nullptr);
    ~WriteQueue() override;

    // Opens the writer's connection on its thread and applies migrations; false with a reason on failure.
    bool start(QString *error);
    // Runs every queued job, then stops the threads. Jobs submitted afterwards fail with "unavailable".
    void stop();

    void submit(WriteRequest request);
    // Runs a job synchronously on the writer thread and waits (start-up tasks such as seeding demo data).
    Outcome runAndWait(WriteJob job);

    struct Stats
    {
        qint64 transactions = 0;
        qint64 jobs = 0;
        int largestBatch = 0;
        qint64 syncs = 0; // Store::syncCommitted calls: one per group of transactions committed meanwhile
    };
    Stats stats() const;

Q_SIGNALS:
    // Emitted on the owner's thread after each commit is durable, after the jobs' done callbacks, in sequence order.
    void committed(const QList<crewline::server::StoredEvent> &events);

private:
    // A transaction's answers, waiting for the sync that makes it durable.
    struct Settled
    {
        bool committed = false; // false: the transaction failed; its answers are failures, nothing to sync
        QList<std::pair<WriteDone, Outcome>> replies; // answered on the owner's thread
        QList<std::pair<WriteDone, Outcome>> direct;  // runAndWait, answered on the sync thread (its caller waits)
        QList<StoredEvent> events;
    };

    void writerLoop();
    void syncLoop();
    void checkpointLoop();
    void runBatch(std::deque<WriteRequest> &batch);
    void answer(QList<Settled> settled, bool durable);

    StoreFactory m_factory;
    const Clock &m_clock;
    std::unique_ptr<Store> m_store;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<WriteRequest> m_queue;
    bool m_stopping = false;
    bool m_started = false;
    Stats m_stats;

    std::thread m_writer;
    std::thread m_syncer; // started and joined by the writer thread
    std::mutex m_syncMutex;
    std::condition_variable m_syncWake;
    QList<Settled> m_unsynced;
    bool m_syncStop = false;
    std::thread m_checkpointer;
    std::mutex m_checkpointMutex;
    std::condition_variable m_checkpointWake;
    bool m_checkpointStop = false;

    std::mutex m_startMutex;
    std::condition_variable m_startWake;
    int m_startState = 0; // 0 pending, 1 ok, -1 failed
    QString m_startError;
};

} // namespace crewline::server
