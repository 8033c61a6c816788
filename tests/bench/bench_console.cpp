// bench_console (issue #7, item 6): the console from login to a usable ticket table, measured through its client
// library (crewline_client_core: Workspace, the same code the console window drives), against the real server on a
// database with 100,000 open tickets (crewline-loader --open-only). "Usable" is the Workspace's loadProgress with
// finished = true: every open ticket is in the table model. Memory is this process's RSS: the console's model and
// connection without widgets (a QTableView adds little: it paints only the visible rows).

#include "client/core/workspace.h"
#include "common/allocator.h"
#include "tests/bench/benchsupport.h"
#include "tests/bench/ticketloader.h"

#include <QCommandLineParser>
#include <QFile>
#include <QGuiApplication>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crewline::bench;

namespace {

class MemoryTrust final : public crewline::client::TrustStore
{
public:
    QByteArray pinned(const QString &hostPort) const override { return m_pins.value(hostPort); }
    void pin(const QString &hostPort, const QByteArray &sha256Hex) override { m_pins.insert(hostPort, sha256Hex); }

private:
    QHash<QString, QByteArray> m_pins;
};

double selfRssMb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

int main(int argc, char *argv[])
{
    crewline::useHugePagesForTheHeap(argv);
    crewline::tuneAllocatorForLargeMessages(); // as the console's main() does
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption smoke(u"smoke"_s, u"Tiny sizes: checks that it runs, measures nothing useful."_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"A folder filled by crewline-loader --open-only."_s, u"dir"_s);
    const QCommandLineOption tickets(u"tickets"_s,
                                     u"Without --data-dir: load this many open tickets first "
                                     "(default 100000)."_s,
                                     u"n"_s, u"100000"_s);
    parser.addOptions({smoke, dataDir, tickets});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);

    std::unique_ptr<ScratchDir> scratch;
    QString dir = parser.value(dataDir);
    if (dir.isEmpty()) {
        scratch = std::make_unique<ScratchDir>(u"console"_s);
        dir = scratch->path();
        LoadOptions o;
        o.dataDir = dir;
        o.tickets = isSmoke ? 2000 : parser.value(tickets).toLongLong();
        o.openOnly = true;
        LoadResult r;
        QString error;
        if (!loadTickets(o, &r, &error)) {
            std::fprintf(stderr, "bench_console: loading failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    ServerProcess server(dir);
    if (!server.start())
        return 1;
    reportInfo(u"console"_s, {{u"phase"_s, u"start"_s}, {u"serverPid"_s, server.pid()}});

    MemoryTrust trust;
    crewline::client::Workspace workspace(trust);
    const double serverCpuBefore = server.cpuSeconds();
    const double clientCpuBefore = selfCpuSeconds();
    const double rssBefore = selfRssMb();
    qint64 firstPageNs = 0, finishedNs = 0, loggedInNs = 0;
    int loaded = 0;
    QObject::connect(&workspace.connection(), &crewline::client::Connection::loggedIn, &app,
                     [&] { loggedInNs = nowNs(); });
    QObject::connect(&workspace, &crewline::client::Workspace::loadProgress, &app, [&](int n, bool finished) {
        if (firstPageNs == 0)
            firstPageNs = nowNs();
        loaded = n;
        if (finished && finishedNs == 0)
            finishedNs = nowNs();
    });
    const qint64 started = nowNs();
    workspace.login(server.url(), u"disp1"_s, QString::fromLatin1(kDemoPassword));
    spinUntil([&] { return finishedNs != 0; }, 300000);
    const bool ok = finishedNs != 0 && loaded > 0;
    const double rssAfter = selfRssMb();
    // CPU used from login to the full table, per side (login's Argon2 check included on the server's).
    const double clientCpu = selfCpuSeconds() - clientCpuBefore;
    const double serverCpu = server.cpuSeconds() - serverCpuBefore;
    const QJsonObject extra{{u"rows"_s, workspace.tickets().rowCount()},
                            {u"loadedReported"_s, loaded},
                            {u"loginMs"_s, loggedInNs ? nsToMs(loggedInNs - started) : -1.0},
                            {u"firstPageMs"_s, firstPageNs ? nsToMs(firstPageNs - started) : -1.0},
                            {u"rssBeforeMb"_s, rssBefore},
                            {u"serverRssMb"_s, server.rssMb()},
                            {u"clientCpuS"_s, clientCpu},
                            {u"serverCpuS"_s, serverCpu},
                            {u"loadavg"_s, loadAverage()}};
    if (ok) {
        report({u"console.usable_s"_s, u"console: login → full ticket table (%1 open tickets)"_s.arg(loaded),
                nsToMs(finishedNs - started) / 1000.0, u"s"_s, 1.5, u"<="_s, extra});
        report({u"console.first_page_s"_s,
                u"console: login → first page of the table"_s,
                nsToMs(firstPageNs - started) / 1000.0,
                u"s"_s,
                {},
                {},
                extra});
        report({u"console.client_cpu_s"_s,
                u"console: CPU of the console process, login → full table"_s,
                clientCpu,
                u"s"_s,
                {},
                {},
                extra});
        report({u"console.server_cpu_s"_s,
                u"console: CPU of the server while the console loads"_s,
                serverCpu,
                u"s"_s,
                {},
                {},
                extra});
        report({u"console.rss_mb"_s,
                u"console (client core) RSS with the table loaded"_s,
                rssAfter,
                u"MB"_s,
                {},
                {},
                extra});
    } else {
        std::fprintf(stderr, "bench_console: the table did not finish loading (%d rows reported)\n", loaded);
    }
    workspace.logout();
    const bool stopped = server.stop();
    return ok && stopped ? 0 : 1;
}
