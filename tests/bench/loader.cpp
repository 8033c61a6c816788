// crewline-loader: fills a data folder with N realistic tickets for the benchmarks (see ticketloader.h), then
// `crewline-server --data-dir DIR` serves it (log in as disp1 / demo123).

#include "tests/bench/benchsupport.h"
#include "tests/bench/ticketloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"crewline-loader"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Fill a Crewline data folder with realistic tickets."_s);
    parser.addHelpOption();
    const QCommandLineOption dataDir(u"data-dir"_s, u"The server's data folder (created if needed)."_s, u"dir"_s);
    const QCommandLineOption tickets(u"tickets"_s, u"How many tickets to add (default 100000)."_s, u"n"_s, u"100000"_s);
    const QCommandLineOption seed(u"seed"_s, u"Generator seed (default 20261123)."_s, u"n"_s, u"20261123"_s);
    const QCommandLineOption daysBack(u"days-back"_s, u"Spread createdAt over this many days (default 365)."_s, u"n"_s,
                                      u"365"_s);
    const QCommandLineOption batch(u"batch"_s, u"Tickets per transaction (default 20000)."_s, u"n"_s, u"20000"_s);
    const QCommandLineOption openOnly(u"open-only"_s, u"Leave every ticket open (console benchmark)."_s);
    const QCommandLineOption noIndex(u"no-index"_s, u"Do not build the search index now."_s);
    parser.addOptions({dataDir, tickets, seed, daysBack, batch, openOnly, noIndex});
    parser.process(app);
    if (!parser.isSet(dataDir)) {
        std::fprintf(stderr, "crewline-loader: --data-dir is required\n");
        return 2;
    }
    crewline::bench::LoadOptions o;
    o.dataDir = parser.value(dataDir);
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    o.tickets = parser.value(tickets).toLongLong(&ok1);
    o.seed = parser.value(seed).toULongLong(&ok2);
    o.daysBack = parser.value(daysBack).toInt(&ok3);
    o.batch = parser.value(batch).toInt(&ok4);
    if (!ok1 || !ok2 || !ok3 || !ok4 || o.tickets < 0 || o.daysBack < 1 || o.batch < 1) {
        std::fprintf(stderr, "crewline-loader: --tickets, --seed, --days-back and --batch take positive numbers\n");
        return 2;
    }
    o.openOnly = parser.isSet(openOnly);
    o.buildIndex = !parser.isSet(noIndex);

    crewline::bench::LoadResult r;
    QString error;
    if (!crewline::bench::loadTickets(o, &r, &error)) {
        std::fprintf(stderr, "crewline-loader: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("loaded %lld tickets (%lld open) in %.1f s: %.0f tickets/s; search index %.1f s; %lld tickets in "
                "%s\n",
                static_cast<long long>(r.inserted), static_cast<long long>(r.openTickets), r.insertSeconds,
                r.ticketsPerSecond(), r.indexSeconds, static_cast<long long>(r.totalTickets), qPrintable(o.dataDir));
    using crewline::bench::report;
    report({u"loader.rate"_s,
            u"loader: tickets inserted per second"_s,
            r.ticketsPerSecond(),
            u"/s"_s,
            {},
            {},
            {{u"tickets"_s, r.inserted}}});
    if (o.buildIndex)
        report({u"loader.index_s"_s,
                u"loader: search index build"_s,
                r.indexSeconds,
                u"s"_s,
                {},
                {},
                {{u"tickets"_s, r.totalTickets}}});
    return 0;
}
