// bench_create (issue #7, item 1): durable ticket creation through the real server and protocol; every create is
// acknowledged only after its commit. Throughput, acknowledgement latency p50/p99 and CPU per create (server and
// clients) for 1 and 8 clients closed-loop (the next ticket.create only after the previous one was acknowledged),
// 8 clients with --window creates in flight each (default 8: the phase the targets apply to, see
// docs/performance.md), and --wide clients closed-loop. --rate-limit raises the server's per-connection limit.

#include "tests/bench/benchsupport.h"
#include "tests/bench/createload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crewline::bench;

namespace {

struct Phase
{
    int clients;
    int window; // requests outstanding per client: 1 is closed-loop
    std::optional<double> rateTarget;
    std::optional<double> p99Target;
};

bool runPhase(const ServerProcess &server, const QString &token, const QList<QByteArray> &payloads, const Phase &phase,
              double seconds, qint64 count)
{
    CreateLoad load(payloads, u"create%1w%2"_s.arg(phase.clients).arg(phase.window));
    if (!load.connect(server.url(), token, phase.clients))
        return false;
    // Warm-up: prepared statements, page cache, the allocator. Not measured.
    {
        CreateLoad warm(payloads, u"warm%1"_s.arg(phase.clients));
        if (!warm.connect(server.url(), token, phase.clients))
            return false;
        warm.start(std::min<qint64>(count > 0 ? count / 4 : 400, 400));
        spinUntil([&] { return warm.finished(); }, 30000);
    }
    const QString load0 = loadAverage();
    const double cpu0 = processCpuMs(server.pid());
    const double self0 = selfCpuSeconds();
    load.start(count, phase.window);
    if (count > 0)
        spinUntil([&] { return load.finished(); }, static_cast<int>(seconds * 1000));
    else
        spinUntil([] { return false; }, static_cast<int>(seconds * 1000));
    load.stop();
    spinUntil([&] { return load.idle(); }, 30000);
    const double cpuPerCreate = load.acked > 0 ? (processCpuMs(server.pid()) - cpu0) / double(load.acked) : 0;
    const double clientCpuPerCreate = load.acked > 0 ? (selfCpuSeconds() - self0) * 1000.0 / double(load.acked) : 0;

    const QString k = QString::number(phase.clients) + (phase.window > 1 ? u"w%1"_s.arg(phase.window) : QString());
    const QString how = phase.window > 1 ? u"%1 client(s), %2 in flight each"_s.arg(phase.clients).arg(phase.window)
                                         : u"%1 client(s) closed-loop"_s.arg(phase.clients);
    const QJsonObject extra{{u"clients"_s, phase.clients},
                            {u"window"_s, phase.window},
                            {u"creates"_s, load.acked},
                            {u"failed"_s, load.failed},
                            {u"rateLimited"_s, load.rateLimited()},
                            {u"loadBefore"_s, load0}};
    report({u"create.%1c.rate"_s.arg(k), u"durable creates/s, "_s + how, load.throughput(), u"/s"_s, phase.rateTarget,
            u">="_s, extra});
    report({u"create.%1c.p50"_s.arg(k),
            u"create ack p50, "_s + how,
            percentile(load.latenciesMs, 50),
            u"ms"_s,
            {},
            {},
            extra});
    report({u"create.%1c.p99"_s.arg(k), u"create ack p99, "_s + how, percentile(load.latenciesMs, 99), u"ms"_s,
            phase.p99Target, u"<="_s, extra});
    // Not a target: the server's CPU time per acknowledged create, steadier than the rates on a shared machine.
    report({u"create.%1c.cpu"_s.arg(k), u"server CPU per create, "_s + how, cpuPerCreate, u"ms"_s, {}, {}, extra});
    // The clients run in this process on the same two cores: what they cost is CPU the server cannot have.
    report({u"create.%1c.clientcpu"_s.arg(k),
            u"clients' CPU per create, "_s + how,
            clientCpuPerCreate,
            u"ms"_s,
            {},
            {},
            extra});
    return load.acked > 0 && load.failed == 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption smoke(u"smoke"_s, u"Tiny sizes: checks that it runs, measures nothing useful."_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Measured seconds per phase (default 8)."_s, u"s"_s, u"8"_s);
    const QCommandLineOption wide(u"wide"_s, u"Clients of the extra closed-loop phase (default 64; 0: none)."_s, u"n"_s,
                                  u"64"_s);
    const QCommandLineOption rateLimit(u"rate-limit"_s,
                                       u"Run the server with this per-connection request rate limit (and burst), "
                                       "as for trusted clients; default: the server's own (200/s)."_s,
                                       u"n"_s);
    const QCommandLineOption window(
        u"window"_s, u"Creates in flight per client in the 8-client pipelined phase (default 8)."_s, u"n"_s, u"8"_s);
    parser.addOptions({smoke, seconds, wide, rateLimit, window});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);
    const double secs = parser.value(seconds).toDouble();
    raiseFileLimit();

    ScratchDir dir(u"create"_s);
    QStringList serverArgs{u"--demo-data"_s, u"--demo-tickets"_s, u"0"_s};
    if (const int limit = parser.value(rateLimit).toInt(); limit > 0) {
        // The INI settings server/rate_limit_per_second and rate_limit_burst (docs/operations.md).
        QFile ini(dir.path() + u"/bench.ini"_s);
        if (!ini.open(QIODevice::WriteOnly) ||
            ini.write(u"[server]\nrate_limit_per_second=%1\nrate_limit_burst=%1\n"_s.arg(limit).toUtf8()) < 0)
            return 1;
        ini.close();
        serverArgs << u"--config"_s << ini.fileName();
        reportInfo(u"create"_s, {{u"rateLimitPerSecond"_s, limit}});
    }
    ServerProcess server(dir.path(), serverArgs);
    if (!server.start())
        return 1;
    reportInfo(u"create"_s, {{u"phase"_s, u"start"_s}, {u"serverPid"_s, server.pid()}});
    BenchClient login;
    const QString token = login.loginSync(server.url(), u"disp1"_s, QString::fromLatin1(kDemoPassword));
    if (token.isEmpty())
        return 1;
    const QList<QByteArray> payloads = createPayloads(isSmoke ? 200 : 4000, 7);

    // 1 and 8 closed-loop clients are the cases; 8 pipelined clients and a wide closed-loop phase show what
    // caps them (the per-connection rate limit, the commit latency) and what group commit can do.
    // The smoke run has every phase but the wide one (tiny counts), so none of them can rot.
    QList<Phase> phases{{1, 1, {}, {}}, {8, 1, {}, {}}, {8, std::max(1, parser.value(window).toInt()), 8000.0, 25.0}};
    if (!isSmoke) {
        if (const int w = parser.value(wide).toInt(); w > 0)
            phases.append({w, 1, {}, {}});
    }
    bool ok = true;
    for (const Phase &p : phases) {
        const qint64 count = isSmoke ? (p.clients == 1 ? 150 : 350) : 0;
        ok = runPhase(server, token, payloads, p, isSmoke ? 30.0 : secs, count) && ok;
    }
    reportInfo(u"create"_s, {{u"phase"_s, u"end"_s}, {u"serverRssMb"_s, server.rssMb()}});
    login.abort();
    ok = server.stop() && ok;
    return ok ? 0 : 1;
}
