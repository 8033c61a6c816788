// bench_fanout (issue #7, item 3): push fan-out. N subscribed consoles (100, 500, 1,000 connections in this
// process, on their own threads) while a writer creates tickets at a fixed rate (open loop, spread over several
// connections to stay under the per-connection rate limit). For every ticket:
//
//   commit → last client = (time the last of the N connections received the ticket.created event)
//                          − (time the writer received the create's acknowledgement)
//
// The server sends the acknowledgement right after the commit and before broadcasting the event, so the
// acknowledgement's arrival is the closest observable stand-in for the commit (it adds one loopback hop, ~50 µs).
// send → last client (which includes the commit itself) is reported too. Every clock is this process's monotonic
// clock. The sustained rate is the highest of a series of offered rates (50, 100, 150, … events/s) at which every
// event still reaches all 500 connections with p99 under a second. A phase stops early if the server's RSS passes
// 1.5 GB: it buffers frames for slow readers without a bound.

#include "tests/bench/benchsupport.h"
#include "tests/bench/fanoutclients.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QTimer>
#include <QUuid>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crewline::bench;

namespace {

constexpr double kPerConnection = 150; // requests/s per writer connection, under the server's 200/s limit

struct Sent
{
    qint64 sentNs = 0;
    qint64 ackNs = 0;
};

// Creates tickets at a fixed rate, open loop, and remembers when each was sent and acknowledged.
class PacedWriter
{
public:
    PacedWriter(const QUrl &url, const QString &token, double rate, const QList<QByteArray> &payloads)
        : m_rate(rate)
        , m_payloads(payloads)
        , m_prefix(u"fan-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8))
    {
        const int n = std::max(1, static_cast<int>(std::ceil(rate / kPerConnection)));
        for (int i = 0; i < n; ++i) {
            auto c = std::make_unique<BenchClient>();
            if (c->resumeSync(url, token))
                m_clients.push_back(std::move(c));
        }
    }
    bool ok() const { return !m_clients.empty(); }

    // Stops early when guard() says so (the server's memory is running away: nothing is measured any more).
    void run(double seconds, const std::function<bool()> &guard)
    {
        const qint64 start = nowNs();
        const qint64 end = start + static_cast<qint64>(seconds * 1e9);
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
            const qint64 now = std::min(nowNs(), end);
            const qint64 due = static_cast<qint64>(static_cast<double>(now - start) / 1e9 * m_rate) + 1;
            for (int guard = 0; m_sent < due && guard < 1000; ++guard)
                sendOne();
        });
        tick.start(2);
        spinUntil([&] { return nowNs() >= end || guard(); }, static_cast<int>(seconds * 1000) + 1000);
        aborted = nowNs() < end;
        tick.stop();
        spinUntil([&] { return m_inFlight == 0; }, 60000);
    }

    QHash<qint64, Sent> acked; // ticket id -> times
    qint64 failed = 0;
    bool aborted = false;
    qint64 firstSendNs = 0;

private:
    void sendOne()
    {
        BenchClient *c = m_clients[static_cast<size_t>(m_sent % static_cast<qint64>(m_clients.size()))].get();
        const QByteArray &payload = m_payloads.at(static_cast<qsizetype>(m_sent % m_payloads.size()));
        if (m_sent == 0)
            firstSendNs = nowNs();
        ++m_sent;
        ++m_inFlight;
        c->sendEncodedRetrying(
            u"ticket.create"_s, payload, m_prefix + u'-' + QString::number(m_sent), [this](const Reply &r) {
                --m_inFlight;
                if (!r.ok) {
                    if (++failed <= 3)
                        std::fprintf(stderr, "bench_fanout: create failed: %s\n", qPrintable(r.code));
                    return;
                }
                const qint64 id = r.result.value(u"ticket"_s).toObject().value(u"id"_s).toInteger();
                acked.insert(id, {r.sentNs, r.receivedNs});
            });
    }

    double m_rate;
    QList<QByteArray> m_payloads;
    QString m_prefix;
    std::vector<std::unique_ptr<BenchClient>> m_clients;
    qint64 m_sent = 0;
    qint64 m_inFlight = 0;
};

struct PhaseResult
{
    std::vector<double> commitToLast, sendToLast;
    qint64 incomplete = 0; // tickets some connection never received
    double deliveredRate = 0;
    qint64 tickets = 0;
    bool aborted = false;   // stopped early: the server's RSS passed the safety limit
    double serverRssMb = 0; // at the end of the phase (outgoing buffers of slow connections show here)
};

// A phase stops sending when the server holds this much: it buffers frames for connections that read too slowly,
// without a bound, and the machine is shared.
constexpr double kRssGuardMb = 1500;

PhaseResult runPhase(const ServerProcess &server, const QString &token, FanoutClients &clients, double rate,
                     double seconds, const QList<QByteArray> &payloads, int drainMs = 60000)
{
    PhaseResult out;
    PacedWriter writer(server.url(), token, rate, payloads);
    if (!writer.ok())
        return out;
    clients.reset();
    writer.run(seconds, [&] { return server.rssMb() > kRssGuardMb; });
    out.aborted = writer.aborted;
    const int n = clients.size();
    const qint64 expected = static_cast<qint64>(writer.acked.size()) * n;
    spinUntil([&] { return clients.framesReceived() >= expected; }, drainMs);
    out.serverRssMb = server.rssMb();
    const QHash<qint64, Arrival> arrivals = clients.arrivals();
    qint64 lastNs = 0;
    for (auto it = writer.acked.cbegin(); it != writer.acked.cend(); ++it) {
        const Arrival a = arrivals.value(it.key());
        if (a.count < n) {
            ++out.incomplete;
            continue;
        }
        out.commitToLast.push_back(nsToMs(a.lastNs - it->ackNs));
        out.sendToLast.push_back(nsToMs(a.lastNs - it->sentNs));
        lastNs = std::max(lastNs, a.lastNs);
    }
    out.tickets = static_cast<qint64>(writer.acked.size());
    if (lastNs > writer.firstSendNs)
        out.deliveredRate = static_cast<double>(out.commitToLast.size()) / (nsToMs(lastNs - writer.firstSendNs) / 1e3);
    if (writer.failed > 0)
        std::fprintf(stderr, "bench_fanout: %lld creates failed\n", static_cast<long long>(writer.failed));
    return out;
}

// Waits until no frame has arrived for a second (bounded): the backlog of an overloaded phase must not be counted
// in the next one.
void drain(const FanoutClients &clients, int maxMs)
{
    const qint64 end = nowNs() + static_cast<qint64>(maxMs) * 1'000'000;
    qint64 last = -1, stableSince = nowNs();
    while (nowNs() < end) {
        spinFor(200);
        const qint64 frames = clients.framesReceived();
        if (frames != last) {
            last = frames;
            stableSince = nowNs();
        } else if (nowNs() - stableSince > 1'000'000'000) {
            return;
        }
    }
}

void reportPhase(const QString &key, const QString &what, const PhaseResult &r, int clients, double rate,
                 std::optional<double> p99Target)
{
    const QJsonObject extra{{u"clients"_s, clients},
                            {u"offeredRate"_s, rate},
                            {u"tickets"_s, r.tickets},
                            {u"incomplete"_s, r.incomplete},
                            {u"sendToLastP50"_s, percentile(r.sendToLast, 50)},
                            {u"sendToLastP99"_s, percentile(r.sendToLast, 99)},
                            {u"aborted"_s, r.aborted},
                            {u"serverRssMb"_s, r.serverRssMb},
                            {u"loadavg"_s, loadAverage()}};
    report({key + u".p50"_s, what + u" p50"_s, percentile(r.commitToLast, 50), u"ms"_s, {}, {}, extra});
    report({key + u".p99"_s, what + u" p99"_s, percentile(r.commitToLast, 99), u"ms"_s, p99Target, u"<="_s, extra});
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption smoke(u"smoke"_s, u"Tiny sizes: checks that it runs, measures nothing useful."_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Seconds per phase (default 10)."_s, u"s"_s, u"10"_s);
    const QCommandLineOption threads(u"threads"_s, u"Client threads (default 2)."_s, u"n"_s, u"2"_s);
    const QCommandLineOption offered(u"sustain-max"_s, u"Highest rate the sustained search tries (default 1200)."_s,
                                     u"n"_s, u"1200"_s);
    parser.addOptions({smoke, seconds, threads, offered});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);
    const double secs = isSmoke ? 2.0 : parser.value(seconds).toDouble();
    raiseFileLimit();

    ScratchDir dir(u"fanout"_s);
    ServerProcess server(dir.path(), {u"--demo-data"_s, u"--demo-tickets"_s, u"0"_s});
    if (!server.start())
        return 1;
    reportInfo(u"fanout"_s, {{u"phase"_s, u"start"_s}, {u"serverPid"_s, server.pid()}});
    BenchClient login;
    const QString token = login.loginSync(server.url(), u"disp1"_s, QString::fromLatin1(kDemoPassword));
    if (token.isEmpty())
        return 1;
    const QList<QByteArray> payloads = createPayloads(isSmoke ? 100 : 2000, 13);
    const int threadCount = parser.value(threads).toInt();
    auto clients = std::make_unique<FanoutClients>(threadCount);
    bool ok = true;
    const auto grow = [&](int n) {
        const int got = clients->add(server.url(), token, n - clients->size(), 120000);
        if (got < n) {
            std::fprintf(stderr, "bench_fanout: only %d of %d connections\n", got, n);
            ok = false;
        }
        return got >= n;
    };

    if (isSmoke) {
        if (grow(20)) {
            const PhaseResult r = runPhase(server, token, *clients, 20, secs, payloads);
            reportPhase(u"fanout.20"_s, u"commit → last of 20 clients, 20 events/s"_s, r, 20, 20, {});
            ok = ok && !r.commitToLast.empty() && r.incomplete == 0;
        }
    } else {
        // Latency at the steady rate first, with 100, 500 and 1,000 connections ...
        const struct
        {
            int clients;
            std::optional<double> target;
        } steady[] = {{100, {}}, {500, 50.0}, {1000, 100.0}};
        for (const auto &s : steady) {
            if (!grow(s.clients))
                break;
            const PhaseResult r = runPhase(server, token, *clients, 20, secs, payloads);
            reportPhase(
                u"fanout.%1"_s.arg(s.clients),
                u"commit → last of %1 clients, 20 events/s"_s.arg(QLocale(QLocale::English).toString(s.clients)), r,
                s.clients, 20, s.target);
        }
        // ... then the overload cases on a fresh set of 500, so that their backlog cannot touch the figures above.
        clients = std::make_unique<FanoutClients>(threadCount);
        if (grow(500)) {
            const PhaseResult r = runPhase(server, token, *clients, 400, secs, payloads);
            reportPhase(u"fanout.500r400"_s, u"commit → last of 500 clients, 400 events/s"_s, r, 500, 400, 100.0);
            drain(*clients, 120000);
            // Sustained rate: step the offered rate up while every event still reaches all 500 connections within a
            // second of the phase's end and p99 stays under a second; the last rate that passed is the result.
            double sustained = 0, p99AtSustained = 0;
            for (const double step : {50.0, 100.0, 150.0, 200.0, 300.0, 400.0, 600.0, 800.0, 1200.0}) {
                if (step > parser.value(offered).toDouble())
                    break;
                const PhaseResult s = runPhase(server, token, *clients, step, std::min(secs, 5.0), payloads, 1000);
                const double p99 = percentile(s.commitToLast, 99);
                std::fprintf(stderr,
                             "bench_fanout: 500 clients at %.0f events/s: p99 %.1f ms, %lld incomplete, "
                             "server RSS %.0f MB\n",
                             step, p99, static_cast<long long>(s.incomplete), s.serverRssMb);
                if (s.aborted || s.incomplete > 0 || p99 > 1000)
                    break;
                sustained = step;
                p99AtSustained = p99;
            }
            report({u"fanout.500.sustained"_s,
                    u"highest event rate all of 500 clients keep up with"_s,
                    sustained,
                    u"/s"_s,
                    {},
                    {},
                    {{u"commitToLastP99"_s, p99AtSustained}, {u"loadavg"_s, loadAverage()}}});
            drain(*clients, 120000); // the backlog of the last (failed) step
        }
    }
    reportInfo(u"fanout"_s,
               {{u"phase"_s, u"end"_s}, {u"serverRssMb"_s, server.rssMb()}, {u"clients"_s, clients->size()}});
    login.abort();
    ok = server.stop() && ok;
    return ok ? 0 : 1;
}
