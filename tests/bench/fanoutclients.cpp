#include "tests/bench/fanoutclients.h"

#include "tests/bench/benchsupport.h"

#include <QMetaObject>
#include <QThread>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace crewline::bench {

namespace {
constexpr int kHandshakesInFlight = 16; // per thread: keeps the server's listen backlog from overflowing
} // namespace

class FanoutWorker : public QObject
{
public:
    std::atomic<int> ready{0};
    std::atomic<int> failed{0};
    std::atomic<qint64> frames{0};

    // Worker thread only.
    void addClients(const QUrl &url, const QString &token, int count)
    {
        m_url = url;
        m_token = token;
        m_toOpen += count;
        pump();
    }

    QHash<qint64, Arrival> arrivals; // worker thread only

    void closeAll()
    {
        for (BenchClient *c : m_clients)
            c->abort();
        qDeleteAll(m_clients);
        m_clients.clear();
    }

private:
    void pump()
    {
        while (m_toOpen > 0 && m_inFlight < kHandshakesInFlight) {
            --m_toOpen;
            ++m_inFlight;
            auto *c = new BenchClient(this);
            m_clients.push_back(c);
            c->setEventHandler([this](QByteArrayView frame, qint64 at) { onEvent(frame, at); });
            c->open(m_url, [this, c](bool ok) {
                if (!ok)
                    return finished(false);
                // Binary frames, as the console asks for: the server sends each event's UTF-8 as it is.
                const QJsonObject hello{{u"client"_s, u"crewline-bench-fanout"_s}, {u"binaryFrames"_s, true}};
                c->send(u"hello"_s, hello, {}, [this, c](const Reply &h) {
                    if (!h.ok)
                        return finished(false);
                    c->send(u"auth.resume"_s, {{u"token"_s, m_token}}, {}, [this, c](const Reply &a) {
                        if (!a.ok)
                            return finished(false);
                        c->send(u"subscribe"_s, {}, {}, [this](const Reply &s) { finished(s.ok); });
                    });
                });
            });
        }
    }

    void finished(bool ok)
    {
        --m_inFlight;
        if (ok)
            ++ready;
        else
            ++failed;
        pump();
    }

    void onEvent(QByteArrayView frame, qint64 at)
    {
        ++frames;
        const qint64 ticket = lastIntField(frame, "\"ticketId\":");
        Arrival &a = arrivals[ticket];
        if (a.count == 0 || at < a.firstNs)
            a.firstNs = at;
        if (at > a.lastNs)
            a.lastNs = at;
        ++a.count;
    }

    QUrl m_url;
    QString m_token;
    int m_toOpen = 0;
    int m_inFlight = 0;
    std::vector<BenchClient *> m_clients;
};

FanoutClients::FanoutClients(int threads)
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        auto thread = std::make_unique<QThread>();
        auto *worker = new FanoutWorker;
        worker->moveToThread(thread.get());
        thread->start();
        m_workers.push_back(worker);
        m_threads.push_back(std::move(thread));
    }
}

FanoutClients::~FanoutClients()
{
    for (size_t i = 0; i < m_workers.size(); ++i) {
        FanoutWorker *w = m_workers[i];
        QMetaObject::invokeMethod(
            w,
            [w] {
                w->closeAll();
                delete w;
            },
            Qt::BlockingQueuedConnection);
        m_threads[i]->quit();
        m_threads[i]->wait(10000);
    }
}

int FanoutClients::add(const QUrl &url, const QString &token, int count, int timeoutMs)
{
    const int before = size();
    const int n = static_cast<int>(m_workers.size());
    int failedBefore = 0;
    for (FanoutWorker *w : m_workers)
        failedBefore += w->failed.load();
    for (int i = 0; i < n; ++i) {
        const int share = count / n + (i < count % n ? 1 : 0);
        FanoutWorker *w = m_workers[static_cast<size_t>(i)];
        QMetaObject::invokeMethod(
            w, [w, url, token, share] { w->addClients(url, token, share); }, Qt::QueuedConnection);
    }
    spinUntil(
        [&] {
            int failed = 0;
            for (FanoutWorker *w : m_workers)
                failed += w->failed.load();
            return size() + failed - failedBefore >= before + count;
        },
        timeoutMs);
    int failed = 0;
    for (FanoutWorker *w : m_workers)
        failed += w->failed.load();
    if (failed > failedBefore)
        std::fprintf(stderr, "bench: %d connections failed to open/subscribe\n", failed - failedBefore);
    return size();
}

int FanoutClients::size() const
{
    int n = 0;
    for (const FanoutWorker *w : m_workers)
        n += w->ready.load();
    return n;
}

qint64 FanoutClients::framesReceived() const
{
    qint64 n = 0;
    for (const FanoutWorker *w : m_workers)
        n += w->frames.load();
    return n;
}

void FanoutClients::reset()
{
    for (FanoutWorker *w : m_workers) {
        QMetaObject::invokeMethod(
            w,
            [w] {
                w->arrivals.clear();
                w->frames = 0;
            },
            Qt::BlockingQueuedConnection);
    }
}

QHash<qint64, Arrival> FanoutClients::arrivals() const
{
    QHash<qint64, Arrival> merged;
    for (FanoutWorker *w : m_workers) {
        QHash<qint64, Arrival> part;
        QMetaObject::invokeMethod(
            w, [w, &part] { part = w->arrivals; }, Qt::BlockingQueuedConnection);
        for (auto it = part.cbegin(); it != part.cend(); ++it) {
            Arrival &m = merged[it.key()];
            if (m.count == 0 || it->firstNs < m.firstNs)
                m.firstNs = it->firstNs;
            m.lastNs = std::max(m.lastNs, it->lastNs);
            m.count += it->count;
        }
    }
    return merged;
}

} // namespace crewline::bench
