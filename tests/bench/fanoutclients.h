#pragma once

// Many subscribed protocol clients (consoles) in the benchmark process, spread over a few threads so that the
// receiving side is not one event loop serialising a thousand sockets. Each connection says hello, resumes one
// shared session (a login per connection would cost an Argon2 hash each) and subscribes. For every ticket event
// they record how many connections received it and when the first and the last one did.

#include <QHash>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace crewline::bench {

class FanoutWorker;

struct Arrival
{
    int count = 0;
    qint64 firstNs = 0;
    qint64 lastNs = 0;
};

class FanoutClients
{
public:
    explicit FanoutClients(int threads = 2);
    ~FanoutClients(); // closes every connection and stops the threads
    FanoutClients(const FanoutClients &) = delete;
    FanoutClients &operator=(const FanoutClients &) = delete;

    // Opens count more subscribed connections (bounded in time). Returns how many are open and subscribed in all.
    int add(const QUrl &url, const QString &token, int count, int timeoutMs);
    int size() const;
    qint64 framesReceived() const; // event frames on all connections since the last reset()
    void reset();
    // Per ticket id: merged over all threads.
    QHash<qint64, Arrival> arrivals() const;

private:
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<FanoutWorker *> m_workers; // each lives in its thread and is deleted there
};

} // namespace crewline::bench
