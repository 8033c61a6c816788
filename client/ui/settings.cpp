#include "client/ui/settings.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crewline::client {

ConnectionSettings ConnectionSettings::load()
{
    QSettings s;
    ConnectionSettings c;
    c.recentServers = s.value(u"connection/recentServers"_s).toStringList();
    c.lastServer = s.value(u"connection/lastServer"_s, u"ws://127.0.0.1:8765"_s).toString();
    c.lastUser = s.value(u"connection/lastUser"_s).toString();
    return c;
}

void ConnectionSettings::save() const
{
    QSettings s;
    s.setValue(u"connection/recentServers"_s, recentServers);
    s.setValue(u"connection/lastServer"_s, lastServer);
    s.setValue(u"connection/lastUser"_s, lastUser);
}

UiSettings UiSettings::load()
{
    QSettings s;
    UiSettings u;
    u.language = s.value(u"ui/language"_s).toString();
    u.closedDays = s.value(u"ui/closedDays"_s, 30).toInt();
    const BoardThresholds defaults;
    u.thresholds.enabled = s.value(u"board/alarms"_s, defaults.enabled).toBool();
    u.thresholds.unacceptedMinutes =
        std::clamp(s.value(u"board/unacceptedMinutes"_s, defaults.unacceptedMinutes).toInt(), 1, 7 * 24 * 60);
    u.thresholds.openHours = std::clamp(s.value(u"board/openHours"_s, defaults.openHours).toInt(), 1, 24 * 90);
    u.thresholds.ratingBelow = std::clamp(s.value(u"board/ratingBelow"_s, defaults.ratingBelow).toInt(), 1, 6);
    return u;
}

void UiSettings::save() const
{
    QSettings s;
    s.setValue(u"ui/language"_s, language);
    s.setValue(u"ui/closedDays"_s, closedDays);
    s.setValue(u"board/alarms"_s, thresholds.enabled);
    s.setValue(u"board/unacceptedMinutes"_s, thresholds.unacceptedMinutes);
    s.setValue(u"board/openHours"_s, thresholds.openHours);
    s.setValue(u"board/ratingBelow"_s, thresholds.ratingBelow);
}

QStringList MapSettings::demoOverlays()
{
    return {u":/crewline/map/hangzhou-service-zones.geojson"_s, u":/crewline/map/hangzhou-pipe-network.geojson"_s};
}

MapSettings MapSettings::load()
{
    QSettings s;
    MapSettings m;
    const QString base = s.value(u"map/base"_s, u"grid"_s).toString();
    m.base = base == u"xyz" ? Base::Xyz : base == u"mbtiles" ? Base::MbTiles : Base::Grid;
    m.tileUrl = s.value(u"map/tileUrl"_s).toString();
    m.tileAttribution = s.value(u"map/tileAttribution"_s).toString();
    m.mbtilesPath = s.value(u"map/mbtiles"_s).toString();
    m.overlays = s.contains(u"map/overlays"_s) ? s.value(u"map/overlays"_s).toStringList() : demoOverlays();
    m.trails = s.value(u"map/trails"_s, true).toBool();
    m.labels = s.value(u"map/labels"_s, true).toBool();
    m.clustering = s.value(u"map/clustering"_s, true).toBool();
    return m;
}

void MapSettings::save() const
{
    QSettings s;
    s.setValue(u"map/base"_s, base == Base::Xyz ? u"xyz"_s : base == Base::MbTiles ? u"mbtiles"_s : u"grid"_s);
    s.setValue(u"map/tileUrl"_s, tileUrl);
    s.setValue(u"map/tileAttribution"_s, tileAttribution);
    s.setValue(u"map/mbtiles"_s, mbtilesPath);
    s.setValue(u"map/overlays"_s, overlays);
    s.setValue(u"map/trails"_s, trails);
    s.setValue(u"map/labels"_s, labels);
    s.setValue(u"map/clustering"_s, clustering);
}

PrintSettings PrintSettings::load()
{
    QSettings s;
    PrintSettings p;
    p.organisation = s.value(u"print/organisation"_s).toString();
    p.logoPath = s.value(u"print/logo"_s).toString();
    p.serviceLine = s.value(u"print/serviceLine"_s).toString();
    p.paper = s.value(u"print/paper"_s, p.paper).toString() == u"A5" ? u"A5"_s : u"A4"_s;
    return p;
}

void PrintSettings::save() const
{
    QSettings s;
    s.setValue(u"print/organisation"_s, organisation);
    s.setValue(u"print/logo"_s, logoPath);
    s.setValue(u"print/serviceLine"_s, serviceLine);
    s.setValue(u"print/paper"_s, paper);
}

QByteArray SettingsTrustStore::pinned(const QString &hostPort) const
{
    return QSettings().value(u"trust/"_s + QString(hostPort).replace(u'/', u'_')).toByteArray();
}

void SettingsTrustStore::pin(const QString &hostPort, const QByteArray &sha256Hex)
{
    QSettings().setValue(u"trust/"_s + QString(hostPort).replace(u'/', u'_'), sha256Hex);
}

} // namespace crewline::client
