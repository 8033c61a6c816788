#pragma once

// A closed-loop ticket.create load: K connections, each with `window` requests outstanding (1: it sends the next
// create only when the previous one was acknowledged, i.e. committed). Records the latency of every acknowledged
// create (send of the attempt the server acted on → its response) and the time span of the run. A request
// answered "rate_limited" is sent again after a pause with the same idempotency key and counted.

#include "tests/bench/benchsupport.h"

#include <QList>
#include <QObject>

#include <memory>
#include <vector>

namespace crewline::bench {

class CreateLoad
{
public:
    CreateLoad(QList<QByteArray> payloads, QString name);
    ~CreateLoad();

    // Opens the connections (hello + auth.resume with the token). False when one could not.
    bool connect(const QUrl &url, const QString &token, int clients);
    // Starts sending; stops by itself after maxCreates acknowledged creates (0: until stop()).
    void start(qint64 maxCreates, int window = 1);
    void stop();       // sends nothing new; what is in flight still completes
    bool idle() const; // nothing in flight
    bool finished() const { return m_stopping && idle(); }

    std::vector<double> latenciesMs;
    std::vector<qint64> ticketIds; // of the acknowledged creates, in acknowledgement order
    qint64 acked = 0;
    qint64 failed = 0;
    qint64 firstSendNs = 0;
    qint64 lastAckNs = 0;
    qint64 rateLimited() const;
    double throughput() const; // acknowledged creates per second over the run
    int clients() const { return static_cast<int>(m_clients.size()); }

private:
    void sendNext(BenchClient *client);

    QList<QByteArray> m_payloads;
    QString m_name;
    std::vector<std::unique_ptr<BenchClient>> m_clients;
    qint64 m_max = 0;
    qint64 m_sent = 0;
    qint64 m_inFlight = 0;
    bool m_stopping = true;
};

} // namespace crewline::bench
