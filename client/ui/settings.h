#pragma once

// Typed settings over QSettings, one small struct per area, and the certificate trust store kept in them.

#include "client/core/boardthresholds.h"
#include "client/core/connection.h"

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace crewline::client {

struct ConnectionSettings
{
    QStringList recentServers;
    QString lastServer;
    QString lastUser;

    static ConnectionSettings load();
    void save() const;
};

struct UiSettings
{
    QString language; // empty: follow the system
    int closedDays = 30;
    BoardThresholds thresholds; // the live board's alarms

    static UiSettings load();
    void save() const;
};

class SettingsTrustStore final : public TrustStore
{
public:
    QByteArray pinned(const QString &hostPort) const override;
    void pin(const QString &hostPort, const QByteArray &sha256Hex) override;
};

} // namespace crewline::client
