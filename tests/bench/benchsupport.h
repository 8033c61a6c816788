#pragma once

// What every Crewline benchmark shares: the real crewline-server started as a child process on 127.0.0.1, a
// light asynchronous protocol client (QWebSocket, callbacks instead of nested event loops, so that hundreds of them
// can run in one thread), timing and percentile helpers, and the one output format scripts/bench.sh reads:
//
//   BENCH {"metric":"create.8c.rate","label":"…","value":1234.5,"unit":"/s","target":8000,"cmp":">=",…}
//   BENCH_INFO {"bench":"create","loadavg":"…",…}
//   BENCH_ERROR {"bench":"query","what":"search.ascii","detail":"internal: …"}
//
// Every wait is bounded in time; every process started here is stopped by its own PID.

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace crewline::bench {

// ---- time and statistics -------------------------------------------------------------------------------------

// Monotonic nanoseconds, comparable across threads of this process.
qint64 nowNs();
inline double nsToMs(qint64 ns)
{
    return static_cast<double>(ns) / 1e6;
}

// Nearest-rank percentile of unsorted samples (p in 0..100); 0 for no samples.
double percentile(std::vector<double> samples, double p);

// Runs the calling thread's event loop until done() holds or timeoutMs passes (re-checked every few ms).
bool spinUntil(const std::function<bool()> &done, int timeoutMs);
// Runs the event loop for a while (lets queued work settle; never used to wait for a result).
void spinFor(int ms);

// ---- output --------------------------------------------------------------------------------------------------

struct Metric
{
    QString name;  // dotted, stable: the key scripts/bench.sh groups by
    QString label; // for the table
    double value = 0;
    QString unit; // "/s", "ms", "MB", "s"
    std::optional<double> target;
    QString cmp; // ">=" or "<=" (with target)
    QJsonObject extra;
};
void report(const Metric &m);
void reportInfo(const QString &bench, const QJsonObject &info);
// Something the server got wrong while being measured (an error answer where a result was due): listed under the
// table by scripts/bench.sh. The benchmark itself still succeeds; correctness is the tests' job.
void reportError(const QString &bench, const QString &what, const QString &detail);
QString loadAverage();   // /proc/loadavg, first three fields
double selfCpuSeconds(); // user + system CPU time of this process so far
// CPU time (user + system) a process has used, in ms (/proc/<pid>/stat): per request or per write it does not
// depend on how many other processes share the machine, unlike the latency.
double processCpuMs(qint64 pid);

// Raises RLIMIT_NOFILE to the hard limit (children started afterwards inherit it). Returns the new soft limit.
qint64 raiseFileLimit();

// ---- the server process --------------------------------------------------------------------------------------

// The password of "admin" on a fresh database started by ServerProcess (CREWLINE_ADMIN_PASSWORD).
QString adminPassword();
// Demo accounts (dispatcher disp1 etc.) share this password.
inline const char *kDemoPassword = "demo123";

class ServerProcess
{
public:
    // dataDir: an existing (loaded) data folder or a new one. extraArgs are appended (e.g. --demo-data).
    explicit ServerProcess(QString dataDir, QStringList extraArgs = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    static QString binary(); // $CREWLINE_SERVER_BINARY, else the one this build produced

    bool start(int timeoutMs = 120000);
    bool stop(int timeoutMs = 30000); // SIGTERM to our child, then SIGKILL after the timeout
    bool isRunning() const;
    qint64 pid() const;
    quint16 port() const { return m_port; }
    QUrl url() const;
    QString output() const { return QString::fromUtf8(m_output); }

    // From /proc/<pid>/status, in KiB; -1 when not running.
    qint64 statusKb(const char *field) const;
    double rssMb() const { return static_cast<double>(statusKb("VmRSS:")) / 1024.0; }
    double hwmMb() const { return static_cast<double>(statusKb("VmHWM:")) / 1024.0; }
    // User + system CPU time the server has used so far (/proc/<pid>/stat); -1 when not running. Steadier than
    // wall time on a shared machine.
    double cpuSeconds() const;

private:
    QString m_dataDir;
    QStringList m_extraArgs;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_output; // the last 256 KiB of what the server printed
    quint16 m_port = 0;
};

// ---- the protocol client -------------------------------------------------------------------------------------

struct Reply
{
    bool ok = false;
    QString code; // error code, "<timeout>", "<disconnected>"; empty when ok
    QJsonObject result;
    QJsonObject error;
    qint64 sentNs = 0;
    qint64 receivedNs = 0;
    double latencyMs() const { return nsToMs(receivedNs - sentNs); }
};

class BenchClient : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const Reply &)>;
    // An event frame as received, and when: the frame is not decoded (the receiver picks what it needs).
    using EventHandler = std::function<void(QByteArrayView frame, qint64 receivedNs)>; // the frame's UTF-8

    explicit BenchClient(QObject *parent = nullptr);
    ~BenchClient() override;

    void open(const QUrl &url, std::function<void(bool ok)> done);
    bool isOpen() const { return m_open; }
    void abort();

    // Sends one request; done runs when its response arrives (or with "<disconnected>"). idem: empty = none.
    // Returns false when the frame could not be written (trap 23).
    bool send(const QString &op, const QJsonObject &data, const QString &idem, Done done);
    // Same, with the data object already encoded as compact JSON (hot loops encode payloads once).
    bool sendEncoded(const QString &op, const QByteArray &dataJson, const QString &idem, Done done);
    // Like send, but a "rate_limited" answer is retried after a pause (same idem), up to maxRetries times. The
    // reply's sentNs is the send time of the attempt the server acted on; retries are counted in rateLimited().
    void sendRetrying(const QString &op, const QJsonObject &data, const QString &idem, Done done, int maxRetries = 200);
    void sendEncodedRetrying(const QString &op, const QByteArray &dataJson, const QString &idem, Done done,
                             int maxRetries = 200);

    int pending() const { return static_cast<int>(m_pending.size()); }
    qint64 rateLimited() const { return m_rateLimited; }
    void setEventHandler(EventHandler handler) { m_onEvent = std::move(handler); }

    // Synchronous conveniences for set-up (spin the event loop, bounded).
    std::optional<Reply> call(const QString &op, const QJsonObject &data = {}, const QString &idem = {},
                              int timeoutMs = 30000);
    bool openSync(const QUrl &url, int timeoutMs = 15000);
    // hello + auth.login; returns the token (empty on failure).
    QString loginSync(const QUrl &url, const QString &user, const QString &password);
    // hello + auth.resume.
    bool resumeSync(const QUrl &url, const QString &token);

    static QString newIdem(const QString &prefix);

private:
    struct Retry;
    void attempt(const std::shared_ptr<Retry> &retry);
    void onMessage(const QByteArray &text, qint64 receivedNs); // a text or binary frame's UTF-8
    void failAll(const QString &code);

    QWebSocket m_socket;
    bool m_open = false;
    std::function<void(bool)> m_openDone;
    qint64 m_nextId = 1;
    struct Pending
    {
        Done done;
        qint64 sentNs;
    };
    QHash<qint64, Pending> m_pending;
    EventHandler m_onEvent;
    qint64 m_rateLimited = 0;
};

// The integer after `"key":` at the last occurrence of the key in an event frame, or -1. Events are encoded with
// members sorted by name, so the last "ticketId"/"seq" is the event's own, after everything in "data".
qint64 lastIntField(QByteArrayView frame, QByteArrayView key);

// ---- common set-up -------------------------------------------------------------------------------------------

// ticket.create payloads (compact JSON "data" objects) built from demo::makeTicket: realistic Chinese and English
// titles, descriptions, addresses and positions. type: force this ticket type (empty: as generated).
QList<QByteArray> createPayloads(int count, quint64 seed, const QString &type = {});

// A fresh data folder for the server (removed when the object goes).
class ScratchDir
{
public:
    explicit ScratchDir(const QString &name);
    ~ScratchDir();
    QString path() const { return m_path; }

private:
    QString m_path;
};

} // namespace crewline::bench
