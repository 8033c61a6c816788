// crewline-server: the daemon's entry point. Parses the configuration, sets up logging and signals, runs Server.

#include "common/allocator.h"
#include "common/logging.h"
#include "server/clock.h"
#include "server/config.h"
#include "server/server.h"
#include "server/storage/sqliteraw.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &c, 1); // async-signal-safe
}

void applyLogLevel(const QString &level)
{
    QString rules;
    if (level == u"debug")
        rules = u"crewline.*=true"_s;
    else if (level == u"warning")
        rules = u"crewline.*.info=false\ncrewline.info=false"_s;
    else if (level == u"critical")
        rules = u"crewline.*.info=false\ncrewline.*.warning=false\ncrewline.info=false\ncrewline.warning=false"_s;
    else
        rules = u"crewline.*.debug=false"_s;
    QLoggingCategory::setFilterRules(rules);
}

} // namespace

int main(int argc, char *argv[])
{
    crewline::useHugePagesForTheHeap(argv);
    crewline::tuneAllocatorForLargeMessages();
    crewline::server::configureSqliteLibrary();
    // Qt's own event dispatcher scales with many sockets; the glib one does not (DEPENDENCIES.md trap 21).
    qputenv("QT_NO_GLIB", "1");
    qSetMessagePattern(u"%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"_s);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"crewline-server"_s);

    QString error, help;
    const std::optional<crewline::server::ServerConfig> config =
        crewline::server::ServerConfig::fromArguments(QCoreApplication::arguments(), &error, &help);
    if (!config) {
        if (!help.isEmpty()) {
            std::fputs(help.toLocal8Bit().constData(), stdout);
            return 0;
        }
        std::fprintf(stderr, "crewline-server: %s\n", error.toLocal8Bit().constData());
        return 2;
    }
    applyLogLevel(config->logLevel);

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0) {
        std::perror("socketpair");
        return 1;
    }
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalFds[1], &c, 1);
        qCInfo(lcServer) << "signal received: shutting down";
        QCoreApplication::quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    crewline::server::Clock clock;
    crewline::server::Server server(*config, clock);
    if (!server.start(&error)) {
        qCCritical(lcServer).noquote() << error;
        return 1;
    }
    std::printf("crewline-server listening on port %u\n", static_cast<unsigned>(server.port()));
    std::fflush(stdout);
    const int rc = QCoreApplication::exec();
    server.stop();
    qCInfo(lcServer) << "stopped";
    return rc;
}
