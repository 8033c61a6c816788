#include "tests/support/testserver.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcessEnvironment>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <functional>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace crewline::test {

namespace {

// Waits in a local event loop until done() holds or the time is up, re-checking every few milliseconds and
// whenever the process reports something. Returns done().
bool waitFor(QProcess *process, int timeoutMs, const std::function<bool()> &done)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    if (process) {
        QObject::connect(process, &QProcess::finished, &loop, &QEventLoop::quit);
        QObject::connect(process, &QProcess::readyReadStandardOutput, &loop, [&] {
            if (done())
                loop.quit();
        });
    }
    deadline.start(timeoutMs);
    poll.start(10);
    loop.exec();
    return done();
}

// The server must not outlive a test that crashes or is killed by CTest's timeout: Linux ends the child when the
// test process goes away.
void dieWithParent(QProcess &process)
{
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) // the parent died before prctl took effect
            ::_exit(1);
    });
}

} // namespace

QString TestServer::adminPassword()
{
    return u"e2e-Admin-Passw0rd"_s;
}

QString TestServer::binary()
{
    const QString fromEnv = qEnvironmentVariable("CREWLINE_SERVER_BINARY");
    if (!fromEnv.isEmpty())
        return fromEnv;
#ifdef CREWLINE_SERVER_BINARY
    return QStringLiteral(CREWLINE_SERVER_BINARY);
#else
    return u"crewline-server"_s;
#endif
}

TestServer::TestServer(QStringList extraArgs)
    : m_extraArgs(std::move(extraArgs))
{
    if (qEnvironmentVariableIntValue("CREWLINE_E2E_KEEP") != 0) {
        m_root.setAutoRemove(false);
        std::fprintf(stderr, "TestServer: keeping %s\n", qPrintable(m_root.path()));
    }
    QDir().mkpath(dataDir());
}

TestServer::~TestServer()
{
    if (isRunning())
        stop();
}

QString TestServer::dataDir() const
{
    return m_root.filePath(u"data"_s);
}
QString TestServer::scratchDir() const
{
    return m_root.path();
}
QString TestServer::portFile() const
{
    return m_root.filePath(u"port"_s);
}

QString TestServer::httpPortFile() const
{
    return m_root.filePath(u"http-port"_s);
}

quint16 TestServer::httpPort() const
{
    // Written by the server before the main port file, so it is complete once start() has returned.
    QFile f(httpPortFile());
    if (m_port == 0 || !f.open(QIODevice::ReadOnly))
        return 0;
    bool ok = false;
    const uint port = f.readAll().trimmed().toUInt(&ok);
    return ok && port <= 65535 ? static_cast<quint16>(port) : 0;
}

QUrl TestServer::httpUrl() const
{
    QUrl u;
    u.setScheme(m_extraArgs.contains(u"--tls-cert"_s) ? u"https"_s : u"http"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(httpPort());
    return u;
}

QUrl TestServer::url() const
{
    QUrl u;
    u.setScheme(m_extraArgs.contains(u"--tls-cert"_s) ? u"wss"_s : u"ws"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(m_port);
    return u;
}

QStringList TestServer::arguments() const
{
    QStringList args{u"--listen"_s,    u"127.0.0.1"_s, u"--port"_s,     u"0"_s,
                     u"--port-file"_s, portFile(),     u"--data-dir"_s, dataDir()};
    // Tests see tickets exactly as they created them unless they ask for the dispatch engine.
    if (!m_extraArgs.contains(u"--auto-dispatch"_s))
        args << u"--auto-dispatch"_s << u"off"_s;
    if (!m_extraArgs.contains(u"--http-port"_s))
        args << u"--http-port"_s << u"0"_s;
    args << u"--http-port-file"_s << httpPortFile();
    return args + m_extraArgs;
}

bool TestServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool TestServer::start(int timeoutMs)
{
    if (!m_root.isValid()) {
        std::fprintf(stderr, "TestServer: cannot create a temporary folder: %s\n", qPrintable(m_root.errorString()));
        return false;
    }
    if (isRunning())
        return true;
    QFile::remove(portFile()); // a stale port from the previous run must not be mistaken for this one
    QFile::remove(httpPortFile());
    m_port = 0;
    m_exitCode = -1;
    m_output += "---- starting " + binary().toUtf8() + ' ' + arguments().join(u' ').toUtf8() + '\n';

    m_process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"CREWLINE_ADMIN_PASSWORD"_s, adminPassword());
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    dieWithParent(*m_process);
    QProcess *p = m_process.get();
    QObject::connect(p, &QProcess::readyReadStandardOutput, p, [this, p] { m_output += p->readAllStandardOutput(); });
    m_process->start(binary(), arguments());
    if (!m_process->waitForStarted(timeoutMs)) {
        m_output += "---- could not start: " + m_process->errorString().toUtf8() + '\n';
        printOutput("the server did not start");
        m_process.reset();
        return false;
    }

    const QString path = portFile();
    const bool listening = waitFor(p, timeoutMs, [&] {
        if (p->state() == QProcess::NotRunning)
            return true;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        // The file is created before the number is written: only a complete line counts.
        const QByteArray line = f.readAll();
        bool ok = false;
        const uint port = line.trimmed().toUInt(&ok);
        if (!line.endsWith('\n') || !ok || port == 0 || port > 65535)
            return false;
        m_port = static_cast<quint16>(port);
        return true;
    });
    if (!listening || m_port == 0 || p->state() == QProcess::NotRunning) {
        m_output += p->readAllStandardOutput();
        if (p->state() == QProcess::NotRunning) {
            m_exitCode = p->exitCode();
            m_output += "---- exited early with code " + QByteArray::number(m_exitCode) + '\n';
        } else {
            m_output += "---- no port file after " + QByteArray::number(timeoutMs) + " ms\n";
            p->kill();
            p->waitForFinished(5000);
        }
        printOutput("the server did not come up");
        m_port = 0;
        return false;
    }
    return true;
}

bool TestServer::stop(int timeoutMs)
{
    if (!m_process)
        return false;
    QProcess *p = m_process.get();
    bool clean = true;
    if (p->state() != QProcess::NotRunning) {
        p->terminate();
        if (!p->waitForFinished(timeoutMs)) {
            m_output += "---- did not stop within " + QByteArray::number(timeoutMs) + " ms; killing\n";
            p->kill();
            p->waitForFinished(5000);
            clean = false;
        }
    }
    m_output += p->readAllStandardOutput();
    m_exitCode = p->exitCode();
    m_exitStatus = p->exitStatus();
    clean = clean && m_exitStatus == QProcess::NormalExit && m_exitCode == 0;
    m_output += "---- stopped: " + QByteArray(m_exitStatus == QProcess::NormalExit ? "exit code " : "crashed, code ") +
                QByteArray::number(m_exitCode) + '\n';
    if (!clean)
        printOutput("the server did not shut down cleanly");
    m_process.reset();
    m_port = 0;
    return clean;
}

bool TestServer::restart()
{
    return stop() && start();
}

void TestServer::printOutput(const char *why) const
{
    std::fprintf(stderr, "==== crewline-server output%s%s (data: %s) ====\n%s==== end of server output ====\n",
                 why ? ": " : "", why ? why : "", qPrintable(dataDir()), m_output.constData());
    std::fflush(stderr);
}

void TestServer::printOutputIfFailed() const
{
    if (QTest::currentTestFailed())
        printOutput(QTest::currentTestFunction());
}

TestServer::RunResult TestServer::runOnce(const QStringList &arguments, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"CREWLINE_ADMIN_PASSWORD"_s, adminPassword());
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    dieWithParent(p);
    p.start(binary(), arguments);
    RunResult r;
    if (!p.waitForStarted(timeoutMs)) {
        r.output = p.errorString();
        return r;
    }
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(5000);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.output = QString::fromUtf8(p.readAll());
    return r;
}

} // namespace crewline::test
