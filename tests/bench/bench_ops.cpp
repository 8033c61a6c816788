// bench_ops (issue #7, item 2): assignment and transition latency under the create load of item 1. Eight clients
// create tickets closed-loop in the background while a dispatcher connection, closed-loop too, assigns prepared
// tickets to engineers (ticket.assign) and resolves them (ticket.transition "resolve" with its required field).

#include "tests/bench/benchsupport.h"
#include "tests/bench/createload.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crewline::bench;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption smoke(u"smoke"_s, u"Tiny sizes: checks that it runs, measures nothing useful."_s);
    const QCommandLineOption seconds(u"seconds"_s, u"Measured seconds (default 8)."_s, u"s"_s, u"8"_s);
    const QCommandLineOption load(u"load-clients"_s, u"Background create clients (default 8)."_s, u"n"_s, u"8"_s);
    parser.addOptions({smoke, seconds, load});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);
    const double secs = isSmoke ? 20.0 : parser.value(seconds).toDouble();
    const int loadClients = parser.value(load).toInt();
    raiseFileLimit();

    ScratchDir dir(u"ops"_s);
    ServerProcess server(dir.path(), {u"--demo-data"_s, u"--demo-tickets"_s, u"0"_s});
    if (!server.start())
        return 1;
    reportInfo(u"ops"_s, {{u"phase"_s, u"start"_s}, {u"serverPid"_s, server.pid()}});
    BenchClient ops;
    const QString token = ops.loginSync(server.url(), u"disp1"_s, QString::fromLatin1(kDemoPassword));
    if (token.isEmpty())
        return 1;
    QList<qint64> engineers;
    if (const auto users = ops.call(u"user.list"_s); users && users->ok) {
        for (const QJsonValue &u : users->result.value(u"users"_s).toArray()) {
            if (u.toObject().value(u"role"_s).toString() == u"engineer")
                engineers << u.toObject().value(u"id"_s).toInteger();
        }
    }
    if (engineers.isEmpty()) {
        std::fprintf(stderr, "bench_ops: no engineers in the demo data\n");
        return 1;
    }

    // Tickets to work on: IT help-desk tickets (pending_assignment → assign → in_progress → resolve).
    const int prepared = isSmoke ? 30 : 3000;
    CreateLoad prep(createPayloads(200, 11, u"it_helpdesk"_s), u"prep"_s);
    if (!prep.connect(server.url(), token, 4))
        return 1;
    prep.start(prepared);
    spinUntil([&] { return prep.finished(); }, 120000);
    std::vector<qint64> work = prep.ticketIds;

    CreateLoad background(createPayloads(isSmoke ? 200 : 4000, 7), u"bg"_s);
    if (!background.connect(server.url(), token, loadClients))
        return 1;
    background.start(0);
    spinFor(isSmoke ? 100 : 1000); // let the load settle

    std::vector<double> assignMs, transitionMs;
    qint64 failures = 0;
    size_t next = 0;
    bool busy = false;
    const qint64 until = nowNs() + static_cast<qint64>(secs * 1e9);
    std::function<void()> step = [&] {
        if (next >= work.size() || nowNs() >= until || (isSmoke && next >= 20)) {
            busy = false;
            return;
        }
        busy = true;
        const qint64 id = work[next];
        const qint64 engineer = engineers.at(static_cast<qsizetype>(next % engineers.size()));
        ++next;
        ops.sendRetrying(
            u"ticket.assign"_s, {{u"ticketId"_s, id}, {u"version"_s, 1}, {u"assigneeId"_s, engineer}},
            BenchClient::newIdem(u"as"_s), [&, id](const Reply &a) {
                if (!a.ok) {
                    if (++failures <= 5)
                        std::fprintf(stderr, "bench_ops: assign failed: %s\n", qPrintable(a.code));
                    return step();
                }
                assignMs.push_back(a.latencyMs());
                const qint64 version = a.result.value(u"ticket"_s).toObject().value(u"version"_s).toInteger();
                ops.sendRetrying(u"ticket.transition"_s,
                                 {{u"ticketId"_s, id},
                                  {u"version"_s, version},
                                  {u"transition"_s, u"resolve"_s},
                                  {u"fields"_s, QJsonObject{{u"resolution"_s, u"已更换网线，恢复正常。"_s}}}},
                                 BenchClient::newIdem(u"tr"_s), [&](const Reply &t) {
                                     if (t.ok)
                                         transitionMs.push_back(t.latencyMs());
                                     else if (++failures <= 5)
                                         std::fprintf(stderr, "bench_ops: transition failed: %s\n", qPrintable(t.code));
                                     step();
                                 });
            });
    };
    const QString load0 = loadAverage();
    step();
    spinUntil([&] { return !busy; }, static_cast<int>(secs * 1000) + 30000);
    background.stop();
    spinUntil([&] { return background.idle(); }, 30000);

    const QJsonObject extra{{u"assigns"_s, static_cast<qint64>(assignMs.size())},
                            {u"transitions"_s, static_cast<qint64>(transitionMs.size())},
                            {u"failed"_s, failures},
                            {u"backgroundClients"_s, loadClients},
                            {u"backgroundCreatesPerS"_s, background.throughput()},
                            {u"rateLimited"_s, ops.rateLimited() + background.rateLimited()},
                            {u"loadBefore"_s, load0}};
    report({u"ops.assign.p50"_s,
            u"assign latency p50 under create load"_s,
            percentile(assignMs, 50),
            u"ms"_s,
            {},
            {},
            extra});
    report({u"ops.assign.p99"_s,
            u"assign latency p99 under create load"_s,
            percentile(assignMs, 99),
            u"ms"_s,
            {},
            {},
            extra});
    report({u"ops.transition.p50"_s,
            u"transition latency p50 under create load"_s,
            percentile(transitionMs, 50),
            u"ms"_s,
            {},
            {},
            extra});
    report({u"ops.transition.p99"_s,
            u"transition latency p99 under create load"_s,
            percentile(transitionMs, 99),
            u"ms"_s,
            {},
            {},
            extra});
    report({u"ops.background.rate"_s,
            u"background creates/s during item 2"_s,
            background.throughput(),
            u"/s"_s,
            {},
            {},
            extra});
    reportInfo(u"ops"_s, {{u"phase"_s, u"end"_s}});
    ops.abort();
    const bool ok = server.stop() && !assignMs.empty() && !transitionMs.empty() && failures == 0;
    return ok ? 0 : 1;
}
