#pragma once

// Where the server gets the time. Injectable so that timeouts and expiries are tested without waiting.

#include <QDateTime>

#include <atomic>
#include <functional>

namespace crewline::server {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual QDateTime now() const { return QDateTime::currentDateTimeUtc(); }
};

// A clock that tests (and the --fake-time debug flag) can move by hand; thread-safe.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime &start)
        : m_ms(start.toMSecsSinceEpoch())
    {
    }
    QDateTime now() const override { return QDateTime::fromMSecsSinceEpoch(m_ms.load(), Qt::UTC); }
    void advance(qint64 ms) { m_ms += ms; }
    void set(const QDateTime &t) { m_ms = t.toMSecsSinceEpoch(); }

private:
    std::atomic<qint64> m_ms;
};

} // namespace crewline::server
