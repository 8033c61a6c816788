// crewline-fieldsim: simulates N field engineers against a Crewline server (demo data users eng001.., see
// simengineer.h). Also a load generator: hundreds of engineers, one connection each.

#include "client/fieldsim/simengineer.h"
#include "crewline_version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace crewline;

namespace {

// Accepts no certificates beyond what the system trusts: the simulator pins nothing.
class NoPins final : public client::TrustStore
{
public:
    QByteArray pinned(const QString &) const override { return {}; }
    void pin(const QString &, const QByteArray &) override {}
};

void printStats(const fieldsim::SimStats &s, double seconds)
{
    std::printf("fieldsim: t=%.0fs online=%d reports=%lld accepted=%d claimed=%d lost=%d arrived=%d completed=%d "
                "errors=%d\n",
                seconds, s.online, static_cast<long long>(s.reports), s.accepted, s.claimed, s.lostClaims, s.arrived,
                s.completed, s.errors);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"crewline-fieldsim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CREWLINE_VERSION_STRING));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Simulates field engineers: they log in, move around the demo city, report "
                                     "positions, accept and close out their tickets."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(u"server"_s, u"Server URL (default ws://127.0.0.1:8765)."_s, u"url"_s,
                                    u"ws://127.0.0.1:8765"_s);
    const QCommandLineOption engineers(u"engineers"_s, u"How many engineers (default 10)."_s, u"n"_s, u"10"_s);
    const QCommandLineOption first(u"first"_s, u"Number of the first engineer (default 1: eng001)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption prefix(u"user-prefix"_s, u"User names are <prefix><nnn> (default eng)."_s, u"prefix"_s,
                                    u"eng"_s);
    const QCommandLineOption password(u"password"_s, u"Password of every engineer (default demo123)."_s, u"password"_s,
                                      u"demo123"_s);
    const QCommandLineOption passwordEnv(u"password-env"_s, u"Read the password from this environment variable."_s,
                                         u"name"_s);
    const QCommandLineOption seed(u"seed"_s, u"Random seed (default 1)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption speedup(u"speedup"_s, u"Simulated time runs this many times faster (default 1)."_s, u"x"_s,
                                     u"1"_s);
    const QCommandLineOption interval(u"report-interval"_s, u"Seconds between position reports (default 2)."_s, u"s"_s,
                                      u"2"_s);
    const QCommandLineOption duration(u"duration"_s, u"Stop after this many seconds (default: run until stopped)."_s,
                                      u"s"_s, u"0"_s);
    const QCommandLineOption stagger(u"login-interval-ms"_s, u"Pause between logins (default 50)."_s, u"ms"_s, u"50"_s);
    parser.addOptions(
        {server, engineers, first, prefix, password, passwordEnv, seed, speedup, interval, duration, stagger});
    parser.process(app);

    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false, ok5 = false, ok6 = false, ok7 = false;
    const int count = parser.value(engineers).toInt(&ok1);
    const int firstNo = parser.value(first).toInt(&ok2);
    const quint64 seedValue = parser.value(seed).toULongLong(&ok3);
    fieldsim::SimOptions options;
    options.server = QUrl(parser.value(server));
    options.speedup = parser.value(speedup).toDouble(&ok4);
    options.reportIntervalSeconds = parser.value(interval).toDouble(&ok5);
    const double stopAfter = parser.value(duration).toDouble(&ok6);
    const int staggerMs = parser.value(stagger).toInt(&ok7);
    if (!ok1 || !ok2 || !ok3 || !ok4 || !ok5 || !ok6 || !ok7 || count < 1 || count > 10000 || firstNo < 0 ||
        options.speedup <= 0 || options.reportIntervalSeconds < 0.5 || stopAfter < 0 || staggerMs < 0) {
        std::fprintf(stderr, "crewline-fieldsim: bad arguments (--engineers 1..10000, --speedup > 0, "
                             "--report-interval >= 0.5, --duration >= 0)\n");
        return 2;
    }
    if (!options.server.isValid() || (options.server.scheme() != u"ws" && options.server.scheme() != u"wss")) {
        std::fprintf(stderr, "crewline-fieldsim: --server must be a ws:// or wss:// URL\n");
        return 2;
    }
    options.password = parser.value(password);
    if (parser.isSet(passwordEnv)) {
        options.password = qEnvironmentVariable(qPrintable(parser.value(passwordEnv)));
        if (options.password.isEmpty()) {
            std::fprintf(stderr, "crewline-fieldsim: %s is not set\n", qPrintable(parser.value(passwordEnv)));
            return 2;
        }
    }

    NoPins trust;
    fieldsim::SimStats stats;
    std::vector<std::unique_ptr<fieldsim::SimEngineer>> people;
    for (int i = 0; i < count; ++i) {
        const QString name = parser.value(prefix) + QString::number(firstNo + i).rightJustified(3, u'0');
        people.push_back(
            std::make_unique<fieldsim::SimEngineer>(name, seedValue * 1000003ULL + quint64(i), options, stats, trust));
        QTimer::singleShot(i * staggerMs, people.back().get(), &fieldsim::SimEngineer::start);
    }

    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    QTimer ticker;
    ticker.setInterval(250);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.elapsed();
        const double dt = double(now - last) / 1000.0;
        last = now;
        for (auto &p : people)
            p->tick(dt);
    });
    ticker.start();
    QTimer summary;
    QObject::connect(&summary, &QTimer::timeout, &app, [&] { printStats(stats, double(clock.elapsed()) / 1000); });
    summary.start(10000);
    if (stopAfter > 0)
        QTimer::singleShot(int(stopAfter * 1000), &app, &QCoreApplication::quit);
    const int rc = QCoreApplication::exec();
    printStats(stats, double(clock.elapsed()) / 1000);
    return rc;
}
