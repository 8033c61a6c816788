#include "server/config.h"

#include "crewline_version.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace crewline::server {

QString ServerConfig::effectiveDatabasePath() const
{
    return databasePath.isEmpty() ? QDir(dataDir).filePath(u"crewline.db"_s) : databasePath;
}

bool ServerConfig::isLoopback() const
{
    return listen.isLoopback();
}

std::optional<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments, QString *error, QString *helpText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Crewline work-order server: keeps tickets and pushes every change live."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption version({u"v"_s, u"version"_s}, u"Show the version."_s);
    const QCommandLineOption config(u"config"_s, u"Read settings from this INI file."_s, u"file"_s);
    const QCommandLineOption dataDir(u"data-dir"_s, u"Folder for the database and attachments."_s, u"dir"_s);
    const QCommandLineOption database(u"database"_s, u"SQLite database file (default <data-dir>/crewline.db)."_s,
                                      u"file"_s);
    const QCommandLineOption listen(u"listen"_s, u"Address to listen on (default 127.0.0.1)."_s, u"address"_s);
    const QCommandLineOption port(u"port"_s, u"Port to listen on (default 8765; 0 picks a free one)."_s, u"port"_s);
    const QCommandLineOption portFile(u"port-file"_s, u"Write the bound port to this file."_s, u"file"_s);
    const QCommandLineOption tlsCert(u"tls-cert"_s, u"PEM certificate: serve wss://."_s, u"file"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s, u"PEM private key for --tls-cert."_s, u"file"_s);
    const QCommandLineOption insecure(u"insecure"_s, u"Allow plain ws:// on a non-loopback address."_s);
    const QCommandLineOption logLevel(u"log-level"_s, u"debug, info, warning or critical."_s, u"level"_s);
    const QCommandLineOption demo(u"demo-data"_s, u"On first start, fill the database with demo data."_s);
    const QCommandLineOption demoTickets(u"demo-tickets"_s, u"How many demo tickets (default 2000)."_s, u"n"_s);
    const QCommandLineOption demoEngineers(u"demo-engineers"_s, u"How many demo engineers (default 40)."_s, u"n"_s);
    const QCommandLineOption maxAttachment(u"max-attachment-mb"_s, u"Largest attachment in MiB (default 50)."_s,
                                           u"mib"_s);
    const QCommandLineOption adminUser(u"admin-user"_s,
                                       u"Name of the administrator created on first start (default admin); its "
                                       "password comes from CREWLINE_ADMIN_PASSWORD or is generated."_s,
                                       u"name"_s);
    const QCommandLineOption autoDispatch(
        u"auto-dispatch"_s, u"Dispatch rules on new tickets and accept timeouts: on (default) or off."_s, u"on|off"_s);
    const QCommandLineOption httpPort(u"http-port"_s,
                                      u"Port of the customer confirmation pages (default 8766; 0 picks a free one; "
                                      "-1 serves none)."_s,
                                      u"port"_s);
    const QCommandLineOption httpPortFile(u"http-port-file"_s, u"Write the bound page port to this file."_s, u"file"_s);
    const QCommandLineOption publicUrl(u"public-url"_s,
                                       u"Base URL customers' phones reach the pages at, printed in QR codes (default "
                                       "http(s)://<listen>:<http-port>)."_s,
                                       u"url"_s);
    parser.addOptions({help,          version,       config,    dataDir,  database,     listen,    port,
                       portFile,      tlsCert,       tlsKey,    insecure, logLevel,     demo,      demoTickets,
                       demoEngineers, maxAttachment, adminUser, httpPort, httpPortFile, publicUrl, autoDispatch});
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        *helpText = parser.helpText();
        return std::nullopt;
    }
    if (parser.isSet(version)) {
        *helpText = u"crewline-server " CREWLINE_VERSION_STRING "\n"_s;
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error = u"unexpected argument: %1"_s.arg(parser.positionalArguments().first());
        return std::nullopt;
    }

    ServerConfig c;
    const auto bad = [&](const QString &what) {
        *error = what;
        return std::nullopt;
    };
    const auto toInt = [](const QString &s, bool *ok) { return s.toInt(ok); };

    if (parser.isSet(config)) {
        const QString path = parser.value(config);
        if (!QFileInfo::exists(path))
            return bad(u"configuration file %1 does not exist"_s.arg(path));
        QSettings ini(path, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return bad(u"cannot read configuration file %1"_s.arg(path));
        if (ini.contains(u"server/listen"_s) && !c.listen.setAddress(ini.value(u"server/listen"_s).toString()))
            return bad(u"server/listen is not an address"_s);
        bool ok = true;
        if (ini.contains(u"server/port"_s)) {
            const int p = toInt(ini.value(u"server/port"_s).toString(), &ok);
            if (!ok || p < 0 || p > 65535)
                return bad(u"server/port must be 0..65535"_s);
            c.port = static_cast<quint16>(p);
        }
        c.dataDir = ini.value(u"server/data_dir"_s, c.dataDir).toString();
        c.tlsCert = ini.value(u"server/tls_cert"_s).toString();
        c.tlsKey = ini.value(u"server/tls_key"_s).toString();
        c.insecure = ini.value(u"server/insecure"_s, false).toBool();
        c.allowedOrigins = ini.value(u"server/allowed_origins"_s).toStringList();
        c.maxConnections = ini.value(u"server/max_connections"_s, c.maxConnections).toInt();
        c.rateLimitPerSecond = ini.value(u"server/rate_limit_per_second"_s, c.rateLimitPerSecond).toInt();
        c.rateLimitBurst = ini.value(u"server/rate_limit_burst"_s, c.rateLimitBurst).toInt();
        if (c.maxConnections < 1 || c.rateLimitPerSecond < 1 || c.rateLimitBurst < 1)
            return bad(u"server/max_connections, rate_limit_per_second and rate_limit_burst must be positive"_s);
        c.databasePath = ini.value(u"database/path"_s).toString();
        const QString driver = ini.value(u"database/driver"_s, u"sqlite"_s).toString();
        if (driver != u"sqlite")
            return bad(u"database/driver \"%1\" is not supported by this build (sqlite)"_s.arg(driver));
        c.logLevel = ini.value(u"log/level"_s, c.logLevel).toString();
        c.maxAttachmentBytes = ini.value(u"attachments/max_size_mb"_s, 50).toLongLong() * 1024 * 1024;
        c.auth.maxFailures = ini.value(u"auth/max_failures"_s, c.auth.maxFailures).toInt();
        c.auth.lockMinutes = ini.value(u"auth/lock_minutes"_s, c.auth.lockMinutes).toInt();
        c.auth.sessionHours = ini.value(u"auth/session_hours"_s, c.auth.sessionHours).toInt();
        DispatchConfig &d = c.dispatch;
        d.automatic = ini.value(u"dispatch/automatic"_s, d.automatic).toBool();
        DispatchWeights &w = d.weights;
        const struct
        {
            const char16_t *key;
            double *value;
        } weights[] = {{u"dispatch/weight_distance", &w.distance}, {u"dispatch/weight_workload", &w.workload},
                       {u"dispatch/weight_skills", &w.skills},     {u"dispatch/weight_team", &w.team},
                       {u"dispatch/weight_status", &w.status},     {u"dispatch/weight_freshness", &w.freshness}};
        for (const auto &entry : weights) {
            const QString key = QString::fromUtf16(entry.key);
            if (!ini.contains(key))
                continue;
            const double v = ini.value(key).toString().toDouble(&ok);
            if (!ok || v < 0 || v > 100)
                return bad(u"%1 must be a number from 0 to 100"_s.arg(key));
            *entry.value = v;
        }
        if (w.distance + w.workload + w.skills + w.team + w.status + w.freshness <= 0)
            return bad(u"the dispatch weights must not all be 0"_s);
        const struct
        {
            const char16_t *key;
            int *value;
            int min, max;
        } counts[] = {{u"dispatch/stale_minutes", &d.staleMinutes, 1, 24 * 60},
                      {u"dispatch/workload_cap", &d.workloadCap, 1, 1000},
                      {u"dispatch/max_redispatches", &d.maxRedispatches, 0, 100},
                      {u"dispatch/check_interval_seconds", &d.checkIntervalSeconds, 1, 3600},
                      {u"dispatch/track_hours", &d.trackHours, 1, 24 * 90},
                      {u"dispatch/track_max_points", &d.trackMaxPoints, 10, 1000000},
                      {u"dispatch/report_min_interval_ms", &d.reportMinIntervalMs, 0, 3600 * 1000}};
        for (const auto &entry : counts) {
            const QString key = QString::fromUtf16(entry.key);
            if (!ini.contains(key))
                continue;
            const int v = ini.value(key).toString().toInt(&ok);
            if (!ok || v < entry.min || v > entry.max)
                return bad(u"%1 must be a whole number from %2 to %3"_s.arg(key).arg(entry.min).arg(entry.max));
            *entry.value = v;
        }
        if (ini.contains(u"dispatch/distance_scale_km"_s)) {
            d.distanceScaleKm = ini.value(u"dispatch/distance_scale_km"_s).toString().toDouble(&ok);
            if (!ok || d.distanceScaleKm <= 0)
                return bad(u"dispatch/distance_scale_km must be a positive number"_s);
        }
        d.rulesFile = ini.value(u"dispatch/rules_file"_s, d.rulesFile).toString();
        if (ini.contains(u"http/port"_s)) {
            const int p = toInt(ini.value(u"http/port"_s).toString(), &ok);
            if (!ok || p < -1 || p > 65535)
                return bad(u"http/port must be -1..65535"_s);
            c.httpPort = p;
        }
        c.publicUrl = ini.value(u"http/public_url"_s).toString();
        c.confirmValidDays = ini.value(u"http/confirm_valid_days"_s, c.confirmValidDays).toInt(&ok);
        if (!ok || c.confirmValidDays < 1 || c.confirmValidDays > 3650)
            return bad(u"http/confirm_valid_days must be 1..3650"_s);
    }
    if (parser.isSet(dataDir))
        c.dataDir = parser.value(dataDir);
    if (parser.isSet(database))
        c.databasePath = parser.value(database);
    if (parser.isSet(listen) && !c.listen.setAddress(parser.value(listen)))
        return bad(u"--listen: \"%1\" is not an IP address"_s.arg(parser.value(listen)));
    if (parser.isSet(port)) {
        bool ok = false;
        const int p = parser.value(port).toInt(&ok);
        if (!ok || p < 0 || p > 65535)
            return bad(u"--port must be 0..65535"_s);
        c.port = static_cast<quint16>(p);
    }
    if (parser.isSet(portFile))
        c.portFile = parser.value(portFile);
    if (parser.isSet(tlsCert))
        c.tlsCert = parser.value(tlsCert);
    if (parser.isSet(tlsKey))
        c.tlsKey = parser.value(tlsKey);
    if (parser.isSet(insecure))
        c.insecure = true;
    if (parser.isSet(logLevel))
        c.logLevel = parser.value(logLevel);
    if (!QStringList{u"debug"_s, u"info"_s, u"warning"_s, u"critical"_s}.contains(c.logLevel))
        return bad(u"log level must be debug, info, warning or critical"_s);
    if (parser.isSet(demo))
        c.demoData = true;
    bool ok = true;
    if (parser.isSet(demoTickets) && ((c.demoTickets = parser.value(demoTickets).toInt(&ok)) < 0 || !ok))
        return bad(u"--demo-tickets must be a number"_s);
    if (parser.isSet(demoEngineers) && ((c.demoEngineers = parser.value(demoEngineers).toInt(&ok)) < 1 || !ok))
        return bad(u"--demo-engineers must be a positive number"_s);
    if (parser.isSet(maxAttachment)) {
        const qint64 mib = parser.value(maxAttachment).toLongLong(&ok);
        if (!ok || mib < 1)
            return bad(u"--max-attachment-mb must be a positive number"_s);
        c.maxAttachmentBytes = mib * 1024 * 1024;
    }
    if (parser.isSet(adminUser))
        c.adminUser = parser.value(adminUser);
    if (parser.isSet(autoDispatch)) {
        const QString v = parser.value(autoDispatch);
        if (v != u"on" && v != u"off")
            return bad(u"--auto-dispatch must be on or off"_s);
        c.dispatch.automatic = v == u"on";
    }

    if (parser.isSet(httpPort)) {
        const int p = parser.value(httpPort).toInt(&ok);
        if (!ok || p < -1 || p > 65535)
            return bad(u"--http-port must be -1..65535"_s);
        c.httpPort = p;
    }
    if (parser.isSet(httpPortFile))
        c.httpPortFile = parser.value(httpPortFile);
    if (parser.isSet(publicUrl))
        c.publicUrl = parser.value(publicUrl);
    if (!c.publicUrl.isEmpty()) {
        const QUrl u(c.publicUrl, QUrl::StrictMode);
        if (!u.isValid() || (u.scheme() != u"http" && u.scheme() != u"https") || u.host().isEmpty() || u.hasQuery() ||
            u.hasFragment())
            return bad(u"the public URL must be an http:// or https:// address without query, e.g. "
                       "https://crewline.example.org"_s);
    }
    if (c.tlsCert.isEmpty() != c.tlsKey.isEmpty())
        return bad(u"--tls-cert and --tls-key go together"_s);
    if (!c.isLoopback() && c.tlsCert.isEmpty() && !c.insecure)
        return bad(u"refusing to listen on %1 without TLS: give --tls-cert/--tls-key, or --insecure if a TLS proxy "
                   "in front of this server handles it"_s.arg(c.listen.toString()));
    return c;
}

} // namespace crewline::server
