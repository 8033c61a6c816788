#pragma once

// The daemon's configuration: defaults, then an INI file (--config), then the command line, in that order.

#include "server/services/authservice.h"
#include "server/services/dispatchrules.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace crewline::server {

struct ServerConfig
{
    QHostAddress listen = QHostAddress::LocalHost;
    quint16 port = 8765;
    QString dataDir = QStringLiteral("data");
    QString databasePath; // default: <dataDir>/crewline.db
    QString tlsCert;
    QString tlsKey;
    bool insecure = false; // allow plain ws:// on a non-loopback address
    QString logLevel = QStringLiteral("info");
    bool demoData = false;
    int demoTickets = 2000;
    int demoEngineers = 40;
    quint64 demoSeed = 20261123;
    qint64 maxAttachmentBytes = 50LL * 1024 * 1024;
    AuthPolicy auth;
    QStringList allowedOrigins;
    int maxConnections = 5000;
    int rateLimitPerSecond = 200; // sustained requests per connection (integrations may need more)
    int rateLimitBurst = 400;
    QString portFile; // written with the bound port once listening (useful with --port 0)
    QString adminUser = QStringLiteral("admin");
    DispatchConfig dispatch; // [dispatch] in the INI file; --auto-dispatch on|off
    // Pages for browsers (the customer's confirmation page): HTTP, or HTTPS with the same certificate as wss://.
    int httpPort = 8766;       // -1: no pages (printed work orders then carry no confirmation link)
    QString httpPortFile;      // written with the bound page port once listening
    QString publicUrl;         // base of the links printed as QR codes; default http(s)://<listen>:<httpPort>
    int confirmValidDays = 30; // how long a printed confirmation link works

    QString effectiveDatabasePath() const;
    bool isLoopback() const;

    // nullopt with a message on bad arguments; helpText is filled for --help / --version (then nullopt, no error).
    static std::optional<ServerConfig> fromArguments(const QStringList &arguments, QString *error, QString *helpText);
};

} // namespace crewline::server
