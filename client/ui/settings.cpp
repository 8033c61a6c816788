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

QByteArray SettingsTrustStore::pinned(const QString &hostPort) const
{
    return QSettings().value(u"trust/"_s + QString(hostPort).replace(u'/', u'_')).toByteArray();
}

void SettingsTrustStore::pin(const QString &hostPort, const QByteArray &sha256Hex)
{
    QSettings().setValue(u"trust/"_s + QString(hostPort).replace(u'/', u'_'), sha256Hex);
}

} // namespace crewline::client
