#include "server/writequeue.h"

#include "common/logging.h"
#include "server/clock.h"

#include <QMetaObject>

#include <algorithm>

#include <future>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {
constexpr size_t kMaxBatch = 512;
// Often enough that the checkpoint the writer itself runs when the WAL reaches its bound (SqliteStore::
// keepWalBounded) finds little left to copy: with 1 s between passes it stalled commits for tens of ms (create p99).
constexpr auto kCheckpointInterval = std::chrono::milliseconds(100);

QString describe(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const std::exception &x) {
        return QString::fromLocal8Bit(x.what());
    } catch (...) {
        return u"unknown exception"_s;
    }
}
} // namespace

WriteQueue::WriteQueue(StoreFactory factory, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_clock(clock)
{
    qRegisterMetaType<QList<crewline::server::StoredEvent>>();
}

WriteQueue::~WriteQueue()
{
    stop();
}

bool WriteQueue::start(QString *error)
{
    m_writer = std::thread([this] { writerLoop(); });
    std::unique_lock lock(m_startMutex);
    m_startWake.wait(lock, [this] { return m_startState != 0; });
    if (m_startState < 0) {
        lock.unlock();
        m_writer.join();
        if (error)
            *error = m_startError;
        return false;
    }
    {
        std::lock_guard queueLock(m_mutex); // submit() reads it from other threads
        m_started = true;
    }
    m_checkpointer = std::thread([this] { checkpointLoop(); });
    return true;
}

void WriteQueue::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_writer.joinable())
        m_writer.join();
    {
        std::lock_guard lock(m_checkpointMutex);
        m_checkpointStop = true;
    }
    m_checkpointWake.notify_all();
    if (m_checkpointer.joinable())
        m_checkpointer.join();
}

void WriteQueue::submit(WriteRequest request)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping && m_started) {
            m_queue.push_back(std::move(request));
            m_wake.notify_one();
            return;
        }
    }
    // Not running: refuse at once, on the caller's thread after it returns. runAndWait() blocks this thread on the
    // answer, so it is answered right here (a queued answer would never run: deadlock).
    const Outcome refused = Outcome::failure(protocol::ErrorCode::Unavailable, u"the server is shutting down"_s);
    if (request.op == u"__sync") {
        request.done(refused);
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [done = std::move(request.done), refused] {
            if (done)
                done(refused);
        },
        Qt::QueuedConnection);
}

Outcome WriteQueue::runAndWait(WriteJob job)
{
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> future = promise->get_future();
    WriteRequest request;
    request.job = std::move(job);
    // The marker done callback is replaced in runBatch by fulfilling the promise on the writer thread.
    request.done = [promise](const Outcome &o) { promise->set_value(o); };
    request.op = u"__sync"_s;
    submit(std::move(request));
    return future.get();
}

WriteQueue::Stats WriteQueue::stats() const
{
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void WriteQueue::writerLoop()
{
    try {
        m_store = m_factory(u"crewline-writer"_s);
        m_store->migrate();
        m_store->syncCommitted();
    } catch (const std::exception &e) {
        m_store.reset();
        std::lock_guard lock(m_startMutex);
        m_startError = QString::fromStdString(e.what());
        m_startState = -1;
        m_startWake.notify_all();
        return;
    }
    {
        std::lock_guard lock(m_startMutex);
        m_startState = 1;
    }
    m_startWake.notify_all();
    m_syncer = std::thread([this] { syncLoop(); });

    for (;;) {
        std::deque<WriteRequest> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty() && m_stopping)
                break;
            while (!m_queue.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        runBatch(batch);
    }
    {
        std::lock_guard lock(m_syncMutex);
        m_syncStop = true;
    }
    m_syncWake.notify_all();
    m_syncer.join(); // answers every commit first
    m_store->checkpoint();
    m_store.reset();
    const Stats s = stats();
    qCInfo(lcDb).nospace() << "write queue: " << s.jobs << " jobs in " << s.transactions << " transactions ("
                           << (s.transactions ? double(s.jobs) / double(s.transactions) : 0.0)
                           << " per transaction, largest " << s.largestBatch << "), " << s.syncs << " syncs";
}

void WriteQueue::runBatch(std::deque<WriteRequest> &batch)
{
    const QDateTime now = m_clock.now();
    QList<Outcome> outcomes;
    outcomes.reserve(static_cast<qsizetype>(batch.size()));
    bool commitOk = false;
    try {
        m_store->beginTransaction();
        // The dashboard counters' month rows: the months before the current one have them (Store).
        if (const qint64 month = stats::bucketOf(stats::Grain::Month, now.toSecsSinceEpoch());
            month > m_store->statsMonthRowsBefore())
            m_store->setStatsMonthRowsBefore(month);
        for (WriteRequest &request : batch) {
            Outcome outcome;
            bool inJob = false; // a savepoint is open for this job
            try {
                std::optional<IdempotentResult> earlier;
                if (!request.idemKey.isEmpty())
                    earlier = m_store->idempotent(request.user, request.idemKey);
                if (earlier && earlier->op != request.op) {
                    outcome = Outcome::failure(protocol::ErrorCode::IdempotencyMismatch,
                                               u"idempotency key was already used for \"%1\""_s.arg(earlier->op));
                } else if (earlier) {
                    outcome = Outcome::success(earlier->result);
                    outcome.replayed = true;
                } else {
                    m_store->beginJob();
                    inJob = true;
                    WriteContext context(*m_store, now);
                    outcome = request.job(context);
                    if (outcome.ok && !request.idemKey.isEmpty())
                        m_store->rememberIdempotent(request.user, request.idemKey,
                                                    {request.op, outcome.result, outcome.rawResult}, now);
                    m_store->endJob(outcome.ok);
                    inJob = false;
                    if (outcome.ok)
                        outcome.events = context.takeEvents();
                }
            } catch (...) {
                // Whatever the job threw, only its own savepoint is rolled back. Should that fail too, the
                // transaction itself is broken: the exception fails the whole batch below.
                qCWarning(lcDb) << "write job" << request.op << "failed:" << describe(std::current_exception());
                if (inJob)
                    m_store->endJob(false);
                outcome = Outcome::failure(protocol::ErrorCode::Internal, u"storage error"_s);
            }
            outcomes << outcome;
        }
        m_store->commitTransaction();
        commitOk = true;
    } catch (const std::exception &e) {
        qCCritical(lcDb) << "group commit failed:" << e.what();
        m_store->rollbackTransaction();
    }
    if (!commitOk) {
        outcomes.clear();
        for (size_t i = 0; i < batch.size(); ++i)
            outcomes << Outcome::failure(protocol::ErrorCode::Unavailable, u"storage unavailable; retry"_s);
    }

    {
        std::lock_guard lock(m_mutex);
        ++m_stats.transactions;
        m_stats.jobs += static_cast<qint64>(batch.size());
        m_stats.largestBatch = std::max(m_stats.largestBatch, static_cast<int>(batch.size()));
    }

    // Answered once the commit is durable (syncLoop), in order.
    Settled settled;
    settled.committed = commitOk;
    for (size_t i = 0; i < batch.size(); ++i) {
        Outcome &outcome = outcomes[static_cast<qsizetype>(i)];
        settled.events += outcome.events;
        if (batch[i].op == u"__sync")
            settled.direct.emplace_back(std::move(batch[i].done), std::move(outcome));
        else if (batch[i].done)
            settled.replies.emplace_back(std::move(batch[i].done), std::move(outcome));
    }
    {
        std::lock_guard lock(m_syncMutex);
        m_unsynced.push_back(std::move(settled));
    }
    m_syncWake.notify_one();
}

void WriteQueue::syncLoop()
{
    for (;;) {
        QList<Settled> settled;
        {
            std::unique_lock lock(m_syncMutex);
            m_syncWake.wait(lock, [this] { return m_syncStop || !m_unsynced.isEmpty(); });
            if (m_unsynced.isEmpty())
                break; // stopping, and everything answered
            settled = std::exchange(m_unsynced, {});
        }
        bool durable = true;
        if (std::any_of(settled.cbegin(), settled.cend(), [](const Settled &s) { return s.committed; })) {
            try {
                m_store->syncCommitted(); // every transaction taken above was committed before this started
            } catch (const std::exception &e) {
                qCCritical(lcDb) << "the commits could not be made durable:" << e.what();
                durable = false;
            }
            std::lock_guard lock(m_mutex);
            ++m_stats.syncs;
        }
        answer(std::move(settled), durable);
    }
}

void WriteQueue::answer(QList<Settled> settled, bool durable)
{
    for (Settled &s : settled) {
        if (s.committed && !durable) {
            // Committed and visible, but perhaps not on disk: nobody is told it succeeded. A retry with the same
            // idempotency key is answered from the commit if it survived, and runs again if it did not.
            for (auto *list : {&s.replies, &s.direct}) {
                for (auto &[done, outcome] : *list) {
                    if (outcome.ok)
                        outcome = Outcome::failure(protocol::ErrorCode::Unavailable,
                                                   u"the write could not be confirmed on disk; retry"_s);
                }
            }
        }
        for (auto &[done, outcome] : s.direct)
            done(outcome);
        // Each transaction's replies, then its events, as one turn of the owner's event loop.
        QMetaObject::invokeMethod(
            this,
            [this, replies = std::move(s.replies), events = std::move(s.events)] {
                for (const auto &[done, outcome] : replies)
                    done(outcome);
                if (!events.isEmpty())
                    Q_EMIT committed(events);
            },
            Qt::QueuedConnection);
    }
}

void WriteQueue::checkpointLoop()
{
    // WAL checkpoints from their own connection, so that commits never pay for them (DEPENDENCIES.md trap 22).
    std::unique_ptr<Store> store;
    try {
        store = m_factory(u"crewline-checkpoint"_s);
    } catch (const std::exception &e) {
        qCWarning(lcDb) << "checkpoint connection failed:" << e.what();
        return;
    }
    std::unique_lock lock(m_checkpointMutex);
    while (!m_checkpointStop) {
        m_checkpointWake.wait_for(lock, kCheckpointInterval, [this] { return m_checkpointStop; });
        if (m_checkpointStop)
            break;
        lock.unlock();
        try {
            store->checkpoint();
        } catch (const std::exception &e) {
            qCWarning(lcDb) << "checkpoint failed:" << e.what();
        }
        lock.lock();
    }
}

} // namespace crewline::server
