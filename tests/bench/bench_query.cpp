// bench_query (issue #7, item 4): ticket.list with filters and with free text, through the protocol, on a loaded
// database (crewline-loader; or --tickets N loads a scratch folder first). Each query runs closed-loop, one at a
// time, paced under the per-connection rate limit; p50/p95 of request → response. Free-text terms include
// 2-character Chinese words (trigram indexes cannot find them, DEPENDENCIES.md trap 20), 3-character ones, a term
// that matches nothing (the worst case for a scan), English, and a ticket number.

#include "tests/bench/benchsupport.h"
#include "tests/bench/ticketloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

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

struct Timing
{
    std::vector<double> ms;
    qint64 rows = 0;
    qint64 total = -1;
    QString error;
    QString message;
};

Timing measure(BenchClient &client, const QJsonObject &data, int reps, double maxSeconds)
{
    Timing t;
    const qint64 until = nowNs() + static_cast<qint64>(maxSeconds * 1e9);
    constexpr int kWarmup = 2;
    for (int i = 0; i < reps + kWarmup && (i < kWarmup + 3 || nowNs() < until); ++i) {
        const qint64 started = nowNs();
        const auto r = client.call(u"ticket.list"_s, data, {}, 120000);
        if (!r || !r->ok) {
            t.error = r ? r->code : u"<timeout>"_s;
            t.message = r ? r->error.value(u"message"_s).toString() : QString();
            return t;
        }
        if (i >= kWarmup)
            t.ms.push_back(r->latencyMs());
        t.rows = r->result.value(u"tickets"_s).toArray().size();
        t.total = r->result.value(u"total"_s).toInteger(-1);
        // Stay under 200 requests/s on this connection: the limiter would answer instead of the query.
        const qint64 spent = nowNs() - started;
        if (spent < 6'000'000)
            spinFor(static_cast<int>((6'000'000 - spent) / 1'000'000) + 1);
    }
    return t;
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
    const QCommandLineOption reps(u"reps"_s, u"Measured repetitions per query (default 40)."_s, u"n"_s, u"40"_s);
    const QCommandLineOption maxSeconds(u"max-seconds"_s, u"Time budget per query (default 20)."_s, u"s"_s, u"20"_s);
    const QCommandLineOption only(u"only"_s, u"Run only queries whose key contains this (profiling)."_s, u"text"_s);
    parser.addOptions({smoke, dataDir, tickets, label, reps, maxSeconds, only});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);
    raiseFileLimit();

    std::unique_ptr<ScratchDir> scratch;
    QString dir = parser.value(dataDir);
    if (dir.isEmpty()) {
        scratch = std::make_unique<ScratchDir>(u"query"_s);
        dir = scratch->path();
        LoadOptions o;
        o.dataDir = dir;
        o.tickets = parser.isSet(tickets) ? parser.value(tickets).toLongLong() : (isSmoke ? 5000 : 100000);
        LoadResult r;
        QString error;
        if (!loadTickets(o, &r, &error)) {
            std::fprintf(stderr, "bench_query: loading failed: %s\n", qPrintable(error));
            return 1;
        }
    }
    ServerProcess server(dir);
    if (!server.start())
        return 1;
    BenchClient client;
    if (client.loginSync(server.url(), u"disp1"_s, QString::fromLatin1(kDemoPassword)).isEmpty())
        return 1;
    const auto count = client.call(u"ticket.list"_s, {{u"limit"_s, 1}, {u"sort"_s, u"number"_s}});
    if (!count || !count->ok)
        return 1;
    const qint64 total = count->result.value(u"total"_s).toInteger();
    const QJsonArray first = count->result.value(u"tickets"_s).toArray();
    const QString number = first.isEmpty() ? u"WO-"_s : first.at(0).toObject().value(u"number"_s).toString();
    QString size = parser.value(label);
    if (size.isEmpty())
        size = total >= 1'000'000 ? u"%1m"_s.arg(total / 1'000'000) : u"%1k"_s.arg(total / 1000);
    reportInfo(u"query"_s, {{u"phase"_s, u"start"_s},
                            {u"tickets"_s, total},
                            {u"serverRssMb"_s, server.rssMb()},
                            {u"serverPid"_s, server.pid()}});

    const QJsonArray active{u"in_progress"_s, u"dispatched"_s, u"accepted"_s, u"on_site"_s};
    const std::optional<double> listTarget = 5.0, searchTarget = 20.0;
    const auto search = [](const QString &text) {
        return QJsonObject{{u"text"_s, text}, {u"limit"_s, 50}, {u"withTotal"_s, false}};
    };
    const QList<Query> queries{
        {u"list.open200"_s,
         u"open tickets, 200 rows, newest first"_s,
         {{u"open"_s, true}, {u"limit"_s, 200}, {u"withTotal"_s, false}},
         listTarget},
        {u"list.open200_total"_s,
         u"same, with total count (protocol default)"_s,
         {{u"open"_s, true}, {u"limit"_s, 200}},
         listTarget},
        {u"list.filter200"_s,
         u"status+priority+type filter, 200 rows"_s,
         {{u"statuses"_s, active},
          {u"priorities"_s, QJsonArray{u"high"_s, u"urgent"_s}},
          {u"types"_s, QJsonArray{u"repair"_s, u"it_helpdesk"_s}},
          {u"limit"_s, 200},
          {u"withTotal"_s, false}},
         listTarget},
        {u"list.type_priority200"_s,
         u"type+priority filter over all tickets, 200 rows"_s,
         {{u"types"_s, QJsonArray{u"repair"_s}},
          {u"priorities"_s, QJsonArray{u"high"_s, u"urgent"_s}},
          {u"limit"_s, 200},
          {u"withTotal"_s, false}},
         listTarget},
        {u"list.page50"_s,
         u"open tickets, page at offset 10,000 (200 rows)"_s,
         {{u"open"_s, true}, {u"limit"_s, 200}, {u"offset"_s, 10000}, {u"withTotal"_s, false}},
         {}},
        {u"search.2ch_loushui"_s, u"text \"漏水\" (2 chars), 50 rows"_s, search(u"漏水"_s), searchTarget},
        {u"search.2ch_shuibiao"_s, u"text \"水表\" (2 chars, frequent), 50 rows"_s, search(u"水表"_s), searchTarget},
        {u"search.2ch_none"_s, u"text \"空调\" (2 chars, no match)"_s, search(u"空调"_s), searchTarget},
        {u"search.3ch_famenjing"_s, u"text \"阀门井\" (3 chars), 50 rows"_s, search(u"阀门井"_s), searchTarget},
        {u"search.3ch_none"_s, u"text \"潜水艇\" (3 chars, no match)"_s, search(u"潜水艇"_s), searchTarget},
        {u"search.ascii"_s, u"text \"printer\", 50 rows"_s, search(u"printer"_s), searchTarget},
        {u"search.number"_s, u"text = a ticket number"_s, search(number), searchTarget},
        {u"search.2ch_500"_s,
         u"text \"漏水\", 500 rows, no total"_s,
         {{u"text"_s, u"漏水"_s}, {u"limit"_s, 500}, {u"withTotal"_s, false}},
         {}},
        {u"search.2ch_total"_s,
         u"text \"漏水\", 500 rows, total counted up to 1,000 (the console's search before the sixth session)"_s,
         {{u"text"_s, u"漏水"_s}, {u"limit"_s, 500}, {u"withTotal"_s, true}, {u"totalLimit"_s, 1000}},
         {}},
        {u"search.2ch_console"_s,
         u"text \"漏水\", 200 rows as arrays, total counted up to 1,000 (the console's search)"_s,
         {{u"text"_s, u"漏水"_s},
          {u"limit"_s, 200},
          {u"shape"_s, u"rows"_s},
          {u"withTotal"_s, true},
          {u"totalLimit"_s, 1000}},
         searchTarget},
        {u"search.2ch_fulltotal"_s,
         u"text \"漏水\", 500 rows, every match counted"_s,
         {{u"text"_s, u"漏水"_s}, {u"limit"_s, 500}, {u"withTotal"_s, true}},
         {}},
    };

    const int repetitions = isSmoke ? 3 : parser.value(reps).toInt();
    const double budget = isSmoke ? 5.0 : parser.value(maxSeconds).toDouble();
    int measured = 0;
    for (const Query &q : queries) {
        if (parser.isSet(only) && !q.key.contains(parser.value(only)))
            continue;
        const Timing t = measure(client, q.data, repetitions, budget);
        if (!t.error.isEmpty() || t.ms.empty()) {
            std::fprintf(stderr, "bench_query: %s failed: %s %s\n", qPrintable(q.key), qPrintable(t.error),
                         qPrintable(t.message));
            reportError(
                u"query"_s, u"query.%1.%2"_s.arg(size, q.key),
                u"%1 answered %2 (%3)"_s.arg(QString::fromUtf8(QJsonDocument(q.data).toJson(QJsonDocument::Compact)),
                                             t.error, t.message));
            continue;
        }
        ++measured;
        const QJsonObject extra{{u"tickets"_s, total},
                                {u"rows"_s, t.rows},
                                {u"total"_s, t.total},
                                {u"samples"_s, static_cast<qint64>(t.ms.size())},
                                {u"loadavg"_s, loadAverage()}};
        const QString key = u"query.%1.%2"_s.arg(size, q.key);
        const QString what = q.label + u" @ "_s + size;
        report({key + u".p50"_s, what + u" p50"_s, percentile(t.ms, 50), u"ms"_s, {}, {}, extra});
        report({key + u".p95"_s, what + u" p95"_s, percentile(t.ms, 95), u"ms"_s, q.p95Target, u"<="_s, extra});
    }
    reportInfo(u"query"_s, {{u"phase"_s, u"end"_s}, {u"serverRssMb"_s, server.rssMb()}});
    client.abort();
    const bool ok = server.stop() && measured > 0;
    return ok ? 0 : 1;
}
