// bench_memory (issue #7, item 5): the server's resident memory (VmRSS from /proc/<pid>/status; VmHWM, the peak,
// alongside): idle on an empty database, after 1,000 tickets created through the protocol, with 1,000 subscribed
// connections, and on a large loaded database (1,000,000 tickets) idle, after list and search queries, and with
// 1,000 connections receiving events.

#include "tests/bench/benchsupport.h"
#include "tests/bench/createload.h"
#include "tests/bench/fanoutclients.h"
#include "tests/bench/ticketloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crewline::bench;

namespace {

void reportRss(const ServerProcess &server, const QString &key, const QString &label, std::optional<double> target,
               const QJsonObject &extra = {})
{
    QJsonObject e = extra;
    e.insert(u"hwmMb"_s, server.hwmMb());
    e.insert(u"loadavg"_s, loadAverage());
    report({u"memory."_s + key, u"server RSS, "_s + label, server.rssMb(), u"MB"_s, target, u"<="_s, e});
}

// Creates tickets through the protocol with a few clients; true when all were acknowledged.
bool createTickets(const ServerProcess &server, const QString &token, int count)
{
    CreateLoad load(createPayloads(200, 17), u"mem"_s);
    if (!load.connect(server.url(), token, 8))
        return false;
    load.start(count);
    spinUntil([&] { return load.finished(); }, 300000);
    return load.acked == count;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption smoke(u"smoke"_s, u"Tiny sizes: checks that it runs, measures nothing useful."_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"A large folder filled by crewline-loader."_s, u"dir"_s);
    const QCommandLineOption tickets(u"tickets"_s,
                                     u"Without --data-dir: load this many into a scratch folder "
                                     "(default 0: skip the large case)."_s,
                                     u"n"_s, u"0"_s);
    const QCommandLineOption connections(u"connections"_s, u"Connections (default 1000)."_s, u"n"_s, u"1000"_s);
    parser.addOptions({smoke, dataDir, tickets, connections});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);
    const int conns = isSmoke ? 20 : parser.value(connections).toInt();
    const int small = isSmoke ? 100 : 1000;
    const qint64 fdLimit = raiseFileLimit();
    reportInfo(u"memory"_s, {{u"phase"_s, u"start"_s}, {u"fdLimit"_s, fdLimit}});
    bool ok = true;

    // Small: empty, 1,000 tickets, 1,000 connections.
    {
        ScratchDir dir(u"memory"_s);
        ServerProcess server(dir.path(), {u"--demo-data"_s, u"--demo-tickets"_s, u"0"_s});
        if (!server.start())
            return 1;
        spinFor(2000);
        reportRss(server, u"idle_empty"_s, u"idle, empty database"_s, {});
        BenchClient login;
        const QString token = login.loginSync(server.url(), u"disp1"_s, QString::fromLatin1(kDemoPassword));
        ok = !token.isEmpty() && createTickets(server, token, small) && ok;
        spinFor(1000);
        reportRss(server, u"tickets1k"_s, u"%1 tickets created"_s.arg(small), {}, {{u"tickets"_s, small}});
        FanoutClients clients(2);
        ok = clients.add(server.url(), token, conns, 120000) == conns && ok;
        spinFor(1000);
        reportRss(server, u"conn1k"_s, u"%1 tickets, %2 subscribed connections"_s.arg(small).arg(conns), {},
                  {{u"connections"_s, clients.size()}});
        login.abort();
        ok = server.stop() && ok;
    }

    // Large: a loaded database.
    std::unique_ptr<ScratchDir> scratch;
    QString dir = parser.value(dataDir);
    const qint64 toLoad = isSmoke ? 2000 : parser.value(tickets).toLongLong();
    if (dir.isEmpty() && toLoad > 0) {
        scratch = std::make_unique<ScratchDir>(u"memory-large"_s);
        dir = scratch->path();
        LoadOptions o;
        o.dataDir = dir;
        o.tickets = toLoad;
        LoadResult r;
        QString error;
        if (!loadTickets(o, &r, &error)) {
            std::fprintf(stderr, "bench_memory: loading failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    if (!dir.isEmpty()) {
        ServerProcess server(dir);
        if (!server.start())
            return 1;
        BenchClient client;
        const QString token = client.loginSync(server.url(), u"disp1"_s, QString::fromLatin1(kDemoPassword));
        const auto count = client.call(u"ticket.list"_s, {{u"limit"_s, 1}});
        const qint64 total = count && count->ok ? count->result.value(u"total"_s).toInteger() : 0;
        const QString size = total >= 1'000'000 ? u"%1m"_s.arg(total / 1'000'000) : u"%1k"_s.arg(total / 1000);
        spinFor(2000);
        const QJsonObject extra{{u"tickets"_s, total}};
        reportRss(server, u"large_idle"_s, u"%1 tickets, idle"_s.arg(size), {}, extra);
        for (const QString &text : {u"漏水"_s, u"阀门井"_s, u"空调"_s, u"printer"_s})
            client.call(u"ticket.list"_s, {{u"text"_s, text}, {u"limit"_s, 50}}, {}, 120000);
        client.call(u"ticket.list"_s, {{u"open"_s, true}, {u"limit"_s, 500}}, {}, 120000);
        reportRss(server, u"large_queried"_s, u"%1 tickets, after list and search"_s.arg(size), {}, extra);
        FanoutClients clients(2);
        ok = !token.isEmpty() && clients.add(server.url(), token, conns, 120000) == conns && ok;
        // Some traffic, so that every connection has received frames. (This adds 50 tickets to the loaded folder.)
        ok = createTickets(server, token, isSmoke ? 20 : 50) && ok;
        spinFor(1000);
        reportRss(server, u"large_conn1k"_s, u"%1 tickets and %2 connections"_s.arg(size).arg(conns), 300.0,
                  {{u"tickets"_s, total}, {u"connections"_s, clients.size()}});
        client.abort();
        ok = server.stop() && ok;
    }
    reportInfo(u"memory"_s, {{u"phase"_s, u"end"_s}});
    return ok ? 0 : 1;
}
