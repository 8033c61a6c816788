#include "tests/bench/createload.h"

#include <QUuid>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace crewline::bench {

CreateLoad::CreateLoad(QList<QByteArray> payloads, QString name)
    : m_payloads(std::move(payloads))
    , m_name(std::move(name) + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(8))
{
}

CreateLoad::~CreateLoad()
{
    for (auto &c : m_clients)
        c->abort();
}

bool CreateLoad::connect(const QUrl &url, const QString &token, int clients)
{
    for (int i = 0; i < clients; ++i) {
        auto c = std::make_unique<BenchClient>();
        if (!c->resumeSync(url, token)) {
            std::fprintf(stderr, "bench: create client %d could not connect\n", i);
            return false;
        }
        m_clients.push_back(std::move(c));
    }
    return true;
}

void CreateLoad::start(qint64 maxCreates, int window)
{
    m_max = maxCreates;
    m_stopping = false;
    firstSendNs = nowNs();
    for (auto &c : m_clients) {
        for (int w = 0; w < std::max(1, window); ++w)
            sendNext(c.get());
    }
}

void CreateLoad::stop()
{
    m_stopping = true;
}

bool CreateLoad::idle() const
{
    return m_inFlight == 0;
}

qint64 CreateLoad::rateLimited() const
{
    qint64 n = 0;
    for (const auto &c : m_clients)
        n += c->rateLimited();
    return n;
}

double CreateLoad::throughput() const
{
    const qint64 span = lastAckNs - firstSendNs;
    return span > 0 ? static_cast<double>(acked) / (static_cast<double>(span) / 1e9) : 0;
}

void CreateLoad::sendNext(BenchClient *client)
{
    if (m_stopping || (m_max > 0 && m_sent >= m_max))
        return;
    const qint64 n = m_sent++;
    ++m_inFlight;
    // Payloads are encoded once up front: building JSON per request would cost the client more than the server.
    const QByteArray &payload = m_payloads.at(static_cast<qsizetype>(n % m_payloads.size()));
    client->sendEncodedRetrying(
        u"ticket.create"_s, payload, m_name + u'-' + QString::number(n), [this, client](const Reply &r) {
            --m_inFlight;
            if (r.ok) {
                ++acked;
                lastAckNs = r.receivedNs;
                latenciesMs.push_back(r.latencyMs());
                ticketIds.push_back(r.result.value(u"ticket"_s).toObject().value(u"id"_s).toInteger());
            } else if (++failed <= 5) {
                std::fprintf(stderr, "bench: create failed: %s %s\n", qPrintable(r.code),
                             qPrintable(r.error.value(u"message"_s).toString()));
            }
            if (m_max > 0 && acked >= m_max)
                m_stopping = true;
            if (r.ok)
                sendNext(client);
        });
}

} // namespace crewline::bench
