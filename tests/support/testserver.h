#pragma once

// Runs the real crewline-server binary for end-to-end tests: on 127.0.0.1 with a port the kernel picks, a private
// temporary data folder, and a known administrator password. Captures everything the server prints and shows it
// when something fails, so that a red test explains itself. restart() keeps the data folder.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace crewline::test {

class TestServer
{
public:
    // The password of "admin" on a fresh database without demo data (CREWLINE_ADMIN_PASSWORD).
    static QString adminPassword();
    // The binary under test: $CREWLINE_SERVER_BINARY, else the one this build produced.
    static QString binary();

    // The dispatch engine is off (--auto-dispatch off) unless extraArgs contain "--auto-dispatch".
    explicit TestServer(QStringList extraArgs = {});
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    // Starts the server and waits (bounded) until it listens. False, with the server's output printed, on failure.
    bool start(int timeoutMs = 20000);
    // SIGTERM, then wait; kills after the timeout. True when the server exited by itself with code 0.
    bool stop(int timeoutMs = 15000);
    // stop() and start() on the same data folder (the port changes).
    bool restart();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    // The port of the server's pages (the confirmation page): also picked by the kernel; 0 when none are served.
    quint16 httpPort() const;
    QUrl httpUrl() const;       // http://127.0.0.1:<httpPort> (https:// when started with --tls-cert)
    QUrl url() const;           // ws://127.0.0.1:<port> (wss:// when started with --tls-cert)
    QString dataDir() const;    // <tmp>/data
    QString scratchDir() const; // <tmp>: a place for the test's own files (certificates, downloads)
    int exitCode() const { return m_exitCode; }
    QProcess::ExitStatus exitStatus() const { return m_exitStatus; }

    QString output() const { return QString::fromUtf8(m_output); }
    void printOutput(const char *why = nullptr) const;
    // For a test's cleanup(): prints the server's output when the current test failed.
    void printOutputIfFailed() const;

    // Runs the binary once with exactly these arguments (no defaults) and waits for it to exit: for options the
    // server must refuse. finished is false if it was still running after timeoutMs (it is killed then).
    struct RunResult
    {
        bool finished = false;
        int exitCode = -1;
        QString output;
    };
    static RunResult runOnce(const QStringList &arguments, int timeoutMs = 10000);

private:
    QStringList arguments() const;
    QString portFile() const;
    QString httpPortFile() const;

    QStringList m_extraArgs;
    QTemporaryDir m_root;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output;
    quint16 m_port = 0;
    int m_exitCode = -1;
    QProcess::ExitStatus m_exitStatus = QProcess::NormalExit;
};

} // namespace crewline::test
