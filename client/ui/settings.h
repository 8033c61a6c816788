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

// The map's base layer and overlays. The default is the plain grid with the demo overlays: works offline.
struct MapSettings
{
    enum class Base
    {
        Grid,
        Xyz,
        MbTiles
    };
    Base base = Base::Grid;
    QString tileUrl;         // XYZ template
    QString tileAttribution; // shown on the map
    QString mbtilesPath;
    QStringList overlays; // GeoJSON files (":/crewline/map/..." for the shipped demo layers)
    bool trails = true;
    bool labels = true;
    bool clustering = true;

    static QStringList demoOverlays();
    static MapSettings load();
    void save() const;
};

// Printed work orders: the organisation header and the paper.
struct PrintSettings
{
    QString organisation;
    QString logoPath;
    QString serviceLine;
    QString paper = QStringLiteral("A4"); // A4 or A5

    static PrintSettings load();
    void save() const;
};

class SettingsTrustStore final : public TrustStore
{
public:
    QByteArray pinned(const QString &hostPort) const override;
    void pin(const QString &hostPort, const QByteArray &sha256Hex) override;
};

} // namespace crewline::client
