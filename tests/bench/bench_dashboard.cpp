// bench_dashboard (issue #6): the manager dashboard's one request, stats.dashboard, through the protocol on a
// loaded database (crewline-loader; or --tickets N loads a scratch folder first). The default dashboard (30 days by
// day in Asia/Shanghai, no filters) and longer ranges are answered from the summary counters; a filtered one from
// the matching tickets. Closed loop, one request at a time, paced under the per-connection rate limit; p50/p95 of
// request -> response. Target: the default dashboard <= 50 ms p95 at 1,000,000 tickets.

#include "tests/bench/benchsupport.h"
#include "tests/bench/ticketloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>

#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace crewline::bench;

namespace {

struct Query
{
    QString key;
    QString label;
    QJsonObject data;
    std::optional<double> p95Target;
};

QJsonObject dashboard(int days, const QString &granularity, const QJsonObject &filters = {})
{
    const QDate today = QDate::currentDate();
    QJsonObject o{{u"from"_s, today.addDays(1 - days).toString(Qt::ISODate)},
                  {u"to"_s, today.toString(Qt::ISODate)},
                  {u"timeZone"_s, u"Asia/Shanghai"_s},
                  {u"granularity"_s, granularity}};
    if (!filters.isEmpty())
        o.insert(u"filters"_s, filters);
    return o;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption smoke(u"smoke"_s, u"Tiny sizes: checks that it runs, measures nothing useful."_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"A folder filled by crewline-loader."_s, u"dir"_s);
    const QCommandLineOption tickets(u"tickets"_s, u"Load this many tickets into a scratch folder first."_s, u"n"_s);
    const QCommandLineOption label(u"label"_s, u"Size label in metric names (default from the count)."_s, u"s"_s);
    const QCommandLineOption reps(u"reps"_s, u"Measured repetitions per query (default 60)."_s, u"n"_s, u"60"_s);
    const QCommandLineOption maxSeconds(u"max-seconds"_s, u"Time budget per query (default 30)."_s, u"s"_s, u"30"_s);
    parser.addOptions({smoke, dataDir, tickets, label, reps, maxSeconds});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);
    raiseFileLimit();

    std::unique_ptr<ScratchDir> scratch;
    QString dir = parser.value(dataDir);
    if (dir.isEmpty()) {
        scratch = std::make_unique<ScratchDir>(u"dashboard"_s);
        dir = scratch->path();
        LoadOptions o;
        o.dataDir = dir;
        o.tickets = parser.isSet(tickets) ? parser.value(tickets).toLongLong() : (isSmoke ? 5000 : 100000);
        o.buildIndex = false;
        LoadResult r;
        QString error;
        if (!loadTickets(o, &r, &error)) {
            std::fprintf(stderr, "bench_dashboard: loading failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    ServerProcess server(dir);
    if (!server.start())
        return 1;
    BenchClient client;
    if (client.loginSync(server.url(), u"mgr1"_s, QString::fromLatin1(kDemoPassword)).isEmpty())
        return 1;
    const auto count = client.call(u"ticket.list"_s, {{u"limit"_s, 1}});
    if (!count || !count->ok)
        return 1;
    const qint64 total = count->result.value(u"total"_s).toInteger();
    QString size = parser.value(label);
    if (size.isEmpty())
        size = total >= 1'000'000 ? u"%1m"_s.arg(total / 1'000'000) : u"%1k"_s.arg(total / 1000);
    reportInfo(u"dashboard"_s, {{u"phase"_s, u"start"_s},
                                {u"tickets"_s, total},
                                {u"serverRssMb"_s, server.rssMb()},
                                {u"serverPid"_s, server.pid()}});

    const QList<Query> queries{
        {u"default30d"_s, u"default dashboard: 30 days by day, Asia/Shanghai"_s, dashboard(30, u"day"_s), 50.0},
        {u"90d"_s, u"90 days by week"_s, dashboard(90, u"week"_s), 50.0},
        {u"365d"_s, u"365 days by month"_s, dashboard(365, u"month"_s), {}},
        // Filtered on one dimension: scoped counters. The values exist in every loader data set (demo teams,
        // departments and engineers; eng023 is user 36 and the busiest engineer at 1,000,000 tickets).
        {u"filtered30d"_s,
         u"30 days, one type"_s,
         dashboard(30, u"day"_s, {{u"types"_s, QJsonArray{u"repair"_s}}}),
         {}},
        {u"dept30d"_s,
         u"30 days, one department"_s,
         dashboard(30, u"day"_s, {{u"departments"_s, QJsonArray{u"西湖区"_s}}}),
         {}},
        {u"team30d"_s, u"30 days, one team"_s, dashboard(30, u"day"_s, {{u"teamIds"_s, QJsonArray{1}}}), {}},
        {u"engineer30d"_s,
         u"30 days, one engineer (an engineer's own view)"_s,
         dashboard(30, u"day"_s, {{u"assigneeIds"_s, QJsonArray{36}}}),
         {}},
        {u"types365d"_s,
         u"365 days by month, two types"_s,
         dashboard(365, u"month"_s, {{u"types"_s, QJsonArray{u"repair"_s, u"complaint"_s}}}),
         {}},
        {u"combined30d"_s,
         u"30 days, one type and one team (from the tickets)"_s,
         dashboard(30, u"day"_s, {{u"types"_s, QJsonArray{u"repair"_s}}, {u"teamIds"_s, QJsonArray{1}}}),
         {}},
    };

    const int repetitions = isSmoke ? 3 : parser.value(reps).toInt();
    const double budget = isSmoke ? 5.0 : parser.value(maxSeconds).toDouble();
    int measured = 0;
    for (const Query &q : queries) {
        std::vector<double> ms;
        QString error;
        qint64 created = 0;
        QString source;
        const qint64 until = nowNs() + static_cast<qint64>(budget * 1e9);
        constexpr int kWarmup = 2;
        double cpuBefore = 0;
        for (int i = 0; i < repetitions + kWarmup && (i < kWarmup + 3 || nowNs() < until); ++i) {
            const qint64 started = nowNs();
            const auto r = client.call(u"stats.dashboard"_s, q.data, {}, 120000);
            if (!r || !r->ok) {
                error = r ? r->code + u": "_s + r->error.value(u"message"_s).toString() : u"<timeout>"_s;
                break;
            }
            if (i == kWarmup - 1)
                cpuBefore = processCpuMs(server.pid());
            if (i >= kWarmup)
                ms.push_back(r->latencyMs());
            created = r->result.value(u"totals"_s).toObject().value(u"created"_s).toInteger();
            source = r->result.value(u"source"_s).toString();
            const qint64 spent = nowNs() - started;
            if (spent < 6'000'000)
                spinFor(static_cast<int>((6'000'000 - spent) / 1'000'000) + 1);
        }
        const QString key = u"dashboard.%1.%2"_s.arg(size, q.key);
        if (!error.isEmpty() || ms.empty()) {
            std::fprintf(stderr, "bench_dashboard: %s failed: %s\n", qPrintable(q.key), qPrintable(error));
            reportError(u"dashboard"_s, key, error);
            continue;
        }
        ++measured;
        const double cpuPerRequest = (processCpuMs(server.pid()) - cpuBefore) / double(ms.size());
        const QJsonObject extra{{u"tickets"_s, total},
                                {u"created"_s, created},
                                {u"source"_s, source},
                                {u"samples"_s, static_cast<qint64>(ms.size())},
                                {u"loadavg"_s, loadAverage()}};
        const QString what = q.label + u" @ "_s + size;
        report({key + u".p50"_s, what + u" p50"_s, percentile(ms, 50), u"ms"_s, {}, {}, extra});
        report({key + u".p95"_s, what + u" p95"_s, percentile(ms, 95), u"ms"_s, q.p95Target, u"<="_s, extra});
        report({key + u".cpu"_s, what + u" server CPU per request"_s, cpuPerRequest, u"ms"_s, {}, {}, extra});
    }
    reportInfo(u"dashboard"_s, {{u"phase"_s, u"end"_s}, {u"serverRssMb"_s, server.rssMb()}});
    client.abort();
    const bool ok = server.stop() && measured > 0;
    return ok ? 0 : 1;
}
