#include "server/server.h"

#include "common/logging.h"
#include "server/clock.h"
#include "server/demoseed.h"
#include "server/services/attachmentservice.h"
#include "server/services/authservice.h"
#include "server/services/confirmationlinks.h"
#include "server/services/directoryservice.h"
#include "server/services/dispatchservice.h"
#include "server/services/passwords.h"
#include "server/services/statsservice.h"
#include "server/services/ticketservice.h"
#include "server/storage/attachmentstore.h"
#include "server/storage/searchindex.h"
#include "server/storage/store.h"
#include "server/transport/confirmationpage.h"
#include "server/transport/httpserver.h"
#include "server/transport/wsserver.h"
#include "server/writequeue.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {
std::atomic<int> g_instance{0};

bool fail(QString *error, const QString &message)
{
    *error = message;
    return false;
}
} // namespace

Server::Server(ServerConfig config, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(clock)
{
}

Server::~Server()
{
    stop();
}

bool Server::start(QString *error)
{
    if (!passwords::initialize())
        return fail(error, u"libsodium failed to initialise"_s);
    if (!QDir().mkpath(m_config.dataDir))
        return fail(error, u"cannot create data folder %1"_s.arg(m_config.dataDir));
    if (!m_types.loadDefaults(error))
        return false;
    const QString typesDir = QDir(m_config.dataDir).filePath(u"types"_s);
    if (QDir(typesDir).exists() && !m_types.loadFolder(typesDir, error))
        return false;

    // Each Server instance gets its own connection names (tests run several in one process).
    const QString prefix = u"crewline-%1-"_s.arg(g_instance++);
    const QString dbPath = m_config.effectiveDatabasePath();
    m_writer = std::make_unique<WriteQueue>(
        [dbPath, prefix](const QString &name) {
            return openSqliteStore({dbPath, prefix + name, false, {}, true});
        },
        m_clock);
    QString why;
    if (!m_writer->start(&why))
        return fail(error, u"cannot open the database %1: %2"_s.arg(dbPath, why));
    const QString searchPath = QDir(m_config.dataDir).filePath(u"search.db"_s);
    try {
        m_reader = openSqliteStore({dbPath, prefix + u"reader"_s, true, searchPath});
    } catch (const StorageError &e) {
        return fail(error, QString::fromStdString(e.what()));
    }

    m_files = std::make_unique<AttachmentStore>(m_config.dataDir);
    if (!m_files->initialize(error))
        return false;
    m_auth = std::make_unique<AuthService>(*m_reader, *m_writer, m_clock, m_config.auth);
    m_tickets = std::make_unique<TicketService>(*m_reader, *m_writer, m_types, m_clock);
    m_attachments =
        std::make_unique<AttachmentService>(*m_reader, *m_writer, *m_files, m_clock, m_config.maxAttachmentBytes);
    m_directory = std::make_unique<DirectoryService>(*m_reader, &m_clock);
    // Dispatch rules: the configured file, else <data-dir>/dispatch/rules.json, else the built-in ones.
    QString rulesFile = m_config.dispatch.rulesFile;
    if (rulesFile.isEmpty()) {
        const QString local = QDir(m_config.dataDir).filePath(u"dispatch/rules.json"_s);
        if (QFile::exists(local))
            rulesFile = local;
    }
    std::optional<DispatchRules> rules = DispatchRules::load(rulesFile, error);
    if (!rules)
        return false;
    m_dispatch =
        std::make_unique<DispatchService>(*m_reader, *m_writer, m_types, m_clock, m_config.dispatch, std::move(*rules));
    m_stats = std::make_unique<StatsService>(*m_reader);

    if (!seed(error))
        return false;
    // The search index follows the event log on its own thread and file (searchindex.h); started after seeding so
    // that its first pass indexes the demo data.
    m_search = std::make_unique<SearchIndexer>(dbPath, searchPath);
    if (!m_search->start(&why))
        return fail(error, why);

    TransportOptions options;
    options.address = m_config.listen;
    options.port = m_config.port;
    options.allowedOrigins = m_config.allowedOrigins;
    options.maxConnections = m_config.maxConnections;
    options.rateLimitPerSecond = m_config.rateLimitPerSecond;
    options.rateLimitBurst = m_config.rateLimitBurst;
    if (!m_config.tlsCert.isEmpty()) {
        QFile certFile(m_config.tlsCert), keyFile(m_config.tlsKey);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return fail(error, u"cannot read the TLS certificate or key"_s);
        const QSslCertificate cert(&certFile, QSsl::Pem);
        QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) {
            keyFile.seek(0);
            key = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
        }
        if (cert.isNull() || key.isNull())
            return fail(error, u"the TLS certificate or key is not valid PEM"_s);
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(cert);
        tls.setPrivateKey(key);
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls.setProtocol(QSsl::TlsV1_2OrLater);
        options.tls = tls;
    }
    m_transport = std::make_unique<WsServer>(
        Services{*m_tickets, *m_auth, *m_attachments, *m_directory, *m_dispatch, *m_reader, *m_stats}, options);
    connect(m_writer.get(), &WriteQueue::committed, m_transport.get(), &WsServer::broadcast);
    connect(m_writer.get(), &WriteQueue::committed, this, [this] { m_search->wake(); });
    connect(m_writer.get(), &WriteQueue::committed, m_dispatch.get(), &DispatchService::onCommitted);
    connect(m_dispatch.get(), &DispatchService::staffChanged, m_transport.get(), &WsServer::queueStaffNotice);
    if (!m_transport->listen(&why))
        return fail(error, u"cannot listen on %1:%2: %3"_s.arg(m_config.listen.toString()).arg(m_config.port).arg(why));
    if (!startPages(options.tls, error))
        return false;
    if (!m_config.portFile.isEmpty()) {
        QFile f(m_config.portFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(QByteArray::number(m_transport->port()) + '\n') < 0)
            return fail(error, u"cannot write the port file %1"_s.arg(m_config.portFile));
    }

    m_housekeeping = new QTimer(this);
    connect(m_housekeeping, &QTimer::timeout, this, [this] {
        m_attachments->expireIdle(10 * 60 * 1000);
        const QDateTime now = m_clock.now();
        WriteRequest r;
        r.op = u"housekeeping"_s;
        r.job = [now](WriteContext &ctx) {
            ctx.store().removeExpiredSessions(now);
            ctx.store().pruneIdempotency(now.addDays(-7));
            return Outcome::success({});
        };
        m_writer->submit(std::move(r));
    });
    m_housekeeping->start(60 * 1000);
    connect(m_housekeeping, &QTimer::timeout, m_dispatch.get(), &DispatchService::pruneTracks);
    if (m_config.dispatch.automatic) {
        // The accept timeout: checked on a timer; the decision itself is a function of the clock's "now".
        m_dispatchTimer = new QTimer(this);
        connect(m_dispatchTimer, &QTimer::timeout, m_dispatch.get(), [this] { m_dispatch->checkTimeouts(); });
        m_dispatchTimer->start(m_config.dispatch.checkIntervalSeconds * 1000);
    }
    return true;
}

bool Server::startPages(const std::optional<QSslConfiguration> &tls, QString *error)
{
    if (m_config.httpPort < 0) {
        qCInfo(lcServer) << "no confirmation pages (http port -1): printed work orders carry no link";
        return true;
    }
    QString why;
    const std::optional<QByteArray> key =
        ConfirmationLinks::loadOrCreateKey(QDir(m_config.dataDir).filePath(u"confirmation.key"_s), &why);
    if (!key)
        return fail(error, why);
    m_http = std::make_unique<HttpServer>(
        [this](const HttpRequest &request, const HttpServer::Respond &respond) {
            if (m_page)
                m_page->handle(request, respond);
            else
                respond(HttpResponse::text(503, "starting\n"));
        },
        HttpLimits{}, tls);
    if (!m_http->listen(m_config.listen, static_cast<quint16>(m_config.httpPort), &why))
        return fail(
            error,
            u"cannot serve pages on %1:%2: %3"_s.arg(m_config.listen.toString()).arg(m_config.httpPort).arg(why));
    QString base = m_config.publicUrl;
    if (base.isEmpty()) {
        QString host = m_config.listen.toString();
        if (m_config.listen == QHostAddress::Any || m_config.listen == QHostAddress::AnyIPv6 ||
            m_config.listen == QHostAddress::AnyIPv4)
            host = QHostInfo::localHostName();
        else if (m_config.listen.protocol() == QAbstractSocket::IPv6Protocol)
            host = u'[' + host + u']';
        base = u"%1://%2:%3"_s.arg(tls ? u"https"_s : u"http"_s, host).arg(m_http->port());
    }
    m_links = std::make_unique<ConfirmationLinks>(*key, base, m_config.confirmValidDays);
    m_tickets->setConfirmationLinks(m_links.get());
    m_page = std::make_unique<ConfirmationPage>(*m_tickets, *m_reader, *m_links, m_types);
    qCInfo(lcServer).noquote() << "confirmation links start with" << m_links->url(QString());
    if (!m_config.httpPortFile.isEmpty()) {
        QFile f(m_config.httpPortFile);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(QByteArray::number(m_http->port()) + '\n') < 0)
            return fail(error, u"cannot write the page port file %1"_s.arg(m_config.httpPortFile));
    }
    return true;
}

quint16 Server::httpPort() const
{
    return m_http ? m_http->port() : 0;
}

void Server::stop()
{
    if (m_housekeeping)
        m_housekeeping->stop();
    if (m_dispatchTimer)
        m_dispatchTimer->stop();
    if (m_http)
        m_http->close();
    if (m_transport)
        m_transport->closeAll();
    if (m_writer)
        m_writer->stop(); // runs what is queued, then closes
    if (m_search)
        m_search->stop();
    m_transport.reset();
    m_http.reset();
    m_page.reset();
    m_attachments.reset();
}

quint16 Server::port() const
{
    return m_transport ? m_transport->port() : 0;
}

bool Server::seed(QString *error)
{
    if (!m_reader->users().isEmpty())
        return true;
    if (m_config.demoData) {
        qCInfo(lcServer) << "new database: loading demo data," << m_config.demoTickets << "tickets";
        return seedDemoData(*m_writer, m_types, m_config, m_clock.now(), error);
    }
    QString password = qEnvironmentVariable("CREWLINE_ADMIN_PASSWORD");
    const bool generated = password.isEmpty();
    if (generated)
        password = passwords::newToken().left(20);
    User admin;
    admin.username = m_config.adminUser;
    admin.displayName = u"Administrator"_s;
    admin.role = Role::Admin;
    if (!m_auth->createUserNow(admin, password).isValid())
        return fail(error, u"cannot create the administrator account"_s);
    if (generated) {
        QFile f(QDir(m_config.dataDir).filePath(u"initial-admin-password"_s));
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            f.write(password.toUtf8() + '\n');
        }
        qCInfo(lcServer).noquote() << "created administrator" << admin.username << "; password in" << f.fileName();
    }
    return true;
}

} // namespace crewline::server
