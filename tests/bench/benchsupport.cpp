#include "tests/bench/benchsupport.h"

#include "server/demodata.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace crewline::bench {

// ---- time and statistics -------------------------------------------------------------------------------------

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double percentile(std::vector<double> samples, double p)
{
    if (samples.empty())
        return 0;
    std::sort(samples.begin(), samples.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(samples.size()));
    const size_t index = static_cast<size_t>(std::clamp(rank, 1.0, static_cast<double>(samples.size()))) - 1;
    return samples[index];
}

bool spinUntil(const std::function<bool()> &done, int timeoutMs)
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
    deadline.start(timeoutMs);
    poll.start(2);
    loop.exec();
    return done();
}

void spinFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// ---- output --------------------------------------------------------------------------------------------------

void report(const Metric &m)
{
    QJsonObject o = m.extra;
    o.insert(u"metric"_s, m.name);
    o.insert(u"label"_s, m.label);
    o.insert(u"value"_s, std::round(m.value * 1000.0) / 1000.0);
    o.insert(u"unit"_s, m.unit);
    if (m.target) {
        o.insert(u"target"_s, *m.target);
        o.insert(u"cmp"_s, m.cmp);
    }
    std::printf("BENCH %s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QString loadAverage()
{
    QFile f(u"/proc/loadavg"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() >= 3 ? QString::fromLatin1(parts[0] + ' ' + parts[1] + ' ' + parts[2]) : QString();
}

double processCpuMs(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = f.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    const double ticks = fields.at(11).toDouble() + fields.at(12).toDouble(); // utime, stime (fields 14, 15)
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

void reportInfo(const QString &bench, const QJsonObject &info)
{
    QJsonObject o = info;
    o.insert(u"bench"_s, bench);
    o.insert(u"loadavg"_s, loadAverage());
    std::printf("BENCH_INFO %s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

void reportError(const QString &bench, const QString &what, const QString &detail)
{
    const QJsonObject o{{u"bench"_s, bench}, {u"what"_s, what}, {u"detail"_s, detail}};
    std::printf("BENCH_ERROR %s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

qint64 raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<qint64>(limit.rlim_cur);
}

// ---- the server process --------------------------------------------------------------------------------------

QString adminPassword()
{
    return u"bench-Admin-Passw0rd"_s;
}

ServerProcess::ServerProcess(QString dataDir, QStringList extraArgs)
    : m_dataDir(std::move(dataDir))
    , m_extraArgs(std::move(extraArgs))
{
}

ServerProcess::~ServerProcess()
{
    if (isRunning())
        stop();
}

QString ServerProcess::binary()
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

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}
qint64 ServerProcess::pid() const
{
    return isRunning() ? m_process->processId() : -1;
}

QUrl ServerProcess::url() const
{
    QUrl u;
    u.setScheme(u"ws"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(m_port);
    return u;
}

bool ServerProcess::start(int timeoutMs)
{
    QDir().mkpath(m_dataDir);
    const QString portFile = QDir(m_dataDir).filePath(u"bench.port"_s);
    QFile::remove(portFile);
    m_port = 0;
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"CREWLINE_ADMIN_PASSWORD"_s, adminPassword());
    // Experiments (scripts/bench.sh --experiment-nodelay): a shim preloaded into the server only.
    if (const QString preload = qEnvironmentVariable("CREWLINE_BENCH_SERVER_PRELOAD"); !preload.isEmpty())
        env.insert(u"LD_PRELOAD"_s, preload);
    m_process->setProcessEnvironment(env);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    QProcess *p = m_process.get();
    QObject::connect(p, &QProcess::readyReadStandardOutput, p, [this, p] {
        m_output += p->readAllStandardOutput();
        if (m_output.size() > 256 * 1024)
            m_output = m_output.right(256 * 1024);
    });
    // The benchmarks measure the operations themselves: the dispatch engine would change new tickets behind them.
    // No confirmation pages: several servers may run at once.
    QStringList args{u"--listen"_s,   u"127.0.0.1"_s, u"--port"_s,      u"0"_s,       u"--port-file"_s, portFile,
                     u"--data-dir"_s, m_dataDir,      u"--log-level"_s, u"warning"_s, u"--http-port"_s, u"-1"_s};
    if (!m_extraArgs.contains(u"--auto-dispatch"_s))
        args << u"--auto-dispatch"_s << u"off"_s;
    args += m_extraArgs;
    p->start(binary(), args);
    if (!p->waitForStarted(10000)) {
        std::fprintf(stderr, "bench: cannot start %s: %s\n", qPrintable(binary()), qPrintable(p->errorString()));
        m_process.reset();
        return false;
    }
    spinUntil(
        [&] {
            if (p->state() == QProcess::NotRunning)
                return true;
            QFile f(portFile);
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const QByteArray line = f.readAll();
            bool ok = false;
            const uint port = line.trimmed().toUInt(&ok);
            if (!line.endsWith('\n') || !ok || port == 0 || port > 65535)
                return false;
            m_port = static_cast<quint16>(port);
            return true;
        },
        timeoutMs);
    if (m_port == 0 || p->state() == QProcess::NotRunning) {
        std::fprintf(stderr, "bench: the server did not come up:\n%s\n", m_output.constData());
        stop(5000);
        return false;
    }
    return true;
}

bool ServerProcess::stop(int timeoutMs)
{
    if (!m_process)
        return false;
    QProcess *p = m_process.get();
    bool clean = true;
    if (p->state() != QProcess::NotRunning) {
        p->terminate(); // SIGTERM to this child only
        if (!p->waitForFinished(timeoutMs)) {
            p->kill();
            p->waitForFinished(5000);
            clean = false;
        }
    }
    m_output += p->readAllStandardOutput();
    clean = clean && p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0;
    if (!clean)
        std::fprintf(stderr, "bench: the server did not stop cleanly; its output:\n%s\n", m_output.right(8000).data());
    else if (qEnvironmentVariableIntValue("CREWLINE_BENCH_VERBOSE") != 0)
        std::fprintf(stderr, "bench: server output:\n%s\n", m_output.right(16000).data());
    m_process.reset();
    m_port = 0;
    return clean;
}

qint64 ServerProcess::statusKb(const char *field) const
{
    if (!isRunning())
        return -1;
    QFile f(u"/proc/%1/status"_s.arg(m_process->processId()));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key(field);
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

double ServerProcess::cpuSeconds() const
{
    return isRunning() ? processCpuMs(pid()) / 1000.0 : -1;
}

double selfCpuSeconds()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    const auto s = [](const timeval &t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    return s(u.ru_utime) + s(u.ru_stime);
}

// ---- the protocol client -------------------------------------------------------------------------------------

BenchClient::BenchClient(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_open = true;
        if (auto done = std::exchange(m_openDone, {}))
            done(true);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] {
        const bool wasOpen = std::exchange(m_open, false);
        if (auto done = std::exchange(m_openDone, {}))
            done(false);
        if (wasOpen)
            failAll(u"<disconnected>"_s);
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { onMessage(text.toUtf8(), nowNs()); });
    // After "binaryFrames": true in hello (what the console asks for), messages come as binary frames of UTF-8.
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &utf8) { onMessage(utf8, nowNs()); });
    m_socket.setMaxAllowedIncomingMessageSize(64 * 1024 * 1024);
}

BenchClient::~BenchClient()
{
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
}

void BenchClient::open(const QUrl &url, std::function<void(bool)> done)
{
    m_openDone = std::move(done);
    m_socket.open(url);
}

void BenchClient::abort()
{
    m_socket.abort();
    m_open = false;
}

QString BenchClient::newIdem(const QString &prefix)
{
    return prefix + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(24);
}

bool BenchClient::send(const QString &op, const QJsonObject &data, const QString &idem, Done done)
{
    return sendEncoded(op, QJsonDocument(data).toJson(QJsonDocument::Compact), idem, std::move(done));
}

bool BenchClient::sendEncoded(const QString &op, const QByteArray &dataJson, const QString &idem, Done done)
{
    const qint64 id = m_nextId++;
    QByteArray frame = "{\"v\":1,\"id\":" + QByteArray::number(id) + ",\"op\":\"" + op.toUtf8() + '"';
    if (!idem.isEmpty())
        frame += ",\"idem\":\"" + idem.toUtf8() + '"';
    frame += ",\"data\":" + (dataJson.isEmpty() ? QByteArray("{}") : dataJson) + '}';
    const qint64 sent = nowNs();
    if (!m_open || m_socket.sendTextMessage(QString::fromUtf8(frame)) <= 0)
        return false;
    m_pending.insert(id, {std::move(done), sent});
    return true;
}

struct BenchClient::Retry
{
    QString op;
    QByteArray json;
    QString idem;
    Done done;
    int tries = 0;
    int maxRetries = 0;
};

void BenchClient::sendRetrying(const QString &op, const QJsonObject &data, const QString &idem, Done done,
                               int maxRetries)
{
    sendEncodedRetrying(op, QJsonDocument(data).toJson(QJsonDocument::Compact), idem, std::move(done), maxRetries);
}

void BenchClient::sendEncodedRetrying(const QString &op, const QByteArray &dataJson, const QString &idem, Done done,
                                      int maxRetries)
{
    auto retry = std::make_shared<Retry>();
    retry->op = op;
    retry->json = dataJson;
    retry->idem = idem;
    retry->done = std::move(done);
    retry->maxRetries = maxRetries;
    attempt(retry);
}

void BenchClient::attempt(const std::shared_ptr<Retry> &retry)
{
    const bool sent = sendEncoded(retry->op, retry->json, retry->idem, [this, retry](const Reply &r) {
        if (!r.ok && r.code == u"rate_limited" && retry->tries < retry->maxRetries) {
            ++m_rateLimited;
            ++retry->tries;
            QTimer::singleShot(5, this, [this, retry] { attempt(retry); });
            return;
        }
        retry->done(r);
    });
    if (!sent) {
        Reply r;
        r.code = u"<disconnected>"_s;
        r.sentNs = r.receivedNs = nowNs();
        retry->done(r);
    }
}

void BenchClient::onMessage(const QByteArray &text, qint64 received)
{
    // Events are by far the most frequent frames: recognise them without decoding (members are sorted by name).
    if (text.startsWith("{\"event\":")) {
        if (m_onEvent)
            m_onEvent(text, received);
        return;
    }
    const QJsonObject o = QJsonDocument::fromJson(text).object();
    if (o.contains(u"event"_s)) {
        if (m_onEvent)
            m_onEvent(text, received);
        return;
    }
    if (!o.contains(u"ok"_s))
        return; // a notice
    const auto it = m_pending.find(o.value(u"id"_s).toInteger(-1));
    if (it == m_pending.end())
        return;
    Pending p = std::move(*it);
    m_pending.erase(it);
    Reply r;
    r.ok = o.value(u"ok"_s).toBool();
    r.result = o.value(u"result"_s).toObject();
    r.error = o.value(u"error"_s).toObject();
    if (!r.ok)
        r.code = r.error.value(u"code"_s).toString();
    r.sentNs = p.sentNs;
    r.receivedNs = received;
    if (p.done)
        p.done(r);
}

void BenchClient::failAll(const QString &code)
{
    const auto pending = std::exchange(m_pending, {});
    for (const Pending &p : pending) {
        Reply r;
        r.code = code;
        r.sentNs = p.sentNs;
        r.receivedNs = nowNs();
        if (p.done)
            p.done(r);
    }
}

std::optional<Reply> BenchClient::call(const QString &op, const QJsonObject &data, const QString &idem, int timeoutMs)
{
    std::optional<Reply> out;
    bool answered = false;
    const qint64 started = nowNs();
    // Paced retries: set-up calls must never fail on the rate limit.
    for (int attempt = 0; attempt < 100 && !answered; ++attempt) {
        std::optional<Reply> r;
        if (!send(op, data, idem, [&r](const Reply &reply) { r = reply; }))
            return std::nullopt;
        const int left = timeoutMs - static_cast<int>((nowNs() - started) / 1000000);
        if (left <= 0 || !spinUntil([&] { return r.has_value(); }, left))
            return std::nullopt;
        if (!r->ok && r->code == u"rate_limited") {
            ++m_rateLimited;
            spinFor(20);
            continue;
        }
        out = r;
        answered = true;
    }
    return out;
}

bool BenchClient::openSync(const QUrl &url, int timeoutMs)
{
    std::optional<bool> result;
    open(url, [&](bool ok) { result = ok; });
    spinUntil([&] { return result.has_value(); }, timeoutMs);
    return result.value_or(false);
}

QString BenchClient::loginSync(const QUrl &url, const QString &user, const QString &password)
{
    if (!openSync(url))
        return {};
    const auto hello = call(u"hello"_s, {{u"client"_s, u"crewline-bench"_s}});
    if (!hello || !hello->ok)
        return {};
    const auto login = call(u"auth.login"_s, {{u"username"_s, user}, {u"password"_s, password}});
    if (!login || !login->ok) {
        std::fprintf(stderr, "bench: login as %s failed: %s\n", qPrintable(user),
                     login ? qPrintable(login->code) : "no answer");
        return {};
    }
    return login->result.value(u"token"_s).toString();
}

bool BenchClient::resumeSync(const QUrl &url, const QString &token)
{
    if (!openSync(url))
        return false;
    const auto hello = call(u"hello"_s, {{u"client"_s, u"crewline-bench"_s}});
    const auto resume = hello && hello->ok ? call(u"auth.resume"_s, {{u"token"_s, token}}) : std::nullopt;
    return resume && resume->ok;
}

qint64 lastIntField(QByteArrayView frame, QByteArrayView key)
{
    const qsizetype at = frame.lastIndexOf(key);
    if (at < 0)
        return -1;
    qsizetype i = at + key.size();
    qint64 value = 0;
    bool any = false;
    while (i < frame.size() && frame[i] >= '0' && frame[i] <= '9') {
        value = value * 10 + (frame[i] - '0');
        any = true;
        ++i;
    }
    return any ? value : -1;
}

// ---- common set-up -------------------------------------------------------------------------------------------

QList<QByteArray> createPayloads(int count, quint64 seed, const QString &type)
{
    QList<QByteArray> out;
    out.reserve(count);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < count; ++i) {
        const Ticket t = demo::makeTicket(seed, i, now, 30);
        QJsonObject d{{u"type"_s, type.isEmpty() ? t.type : type},
                      {u"title"_s, t.title},
                      {u"description"_s, t.description},
                      {u"priority"_s, priorityName(t.priority)},
                      {u"category"_s, t.category},
                      {u"department"_s, t.department},
                      {u"requester"_s, QJsonObject{{u"name"_s, t.requester.name}, {u"contact"_s, t.requester.contact}}},
                      {u"address"_s, t.address},
                      {u"source"_s, t.source}};
        if (t.location.isValid())
            d.insert(u"location"_s, QJsonObject{{u"lat"_s, t.location.lat}, {u"lon"_s, t.location.lon}});
        out << QJsonDocument(d).toJson(QJsonDocument::Compact);
    }
    return out;
}

ScratchDir::ScratchDir(const QString &name)
{
    const QString base = qEnvironmentVariable("CREWLINE_BENCH_TMP", QDir::tempPath());
    m_path = QDir(base).filePath(u"crewline-bench-%1-%2-%3"_s.arg(name)
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(QUuid::createUuid().toString(QUuid::Id128).left(8)));
    QDir().mkpath(m_path);
}

ScratchDir::~ScratchDir()
{
    if (qEnvironmentVariableIntValue("CREWLINE_BENCH_KEEP") == 0)
        QDir(m_path).removeRecursively();
}

} // namespace crewline::bench
