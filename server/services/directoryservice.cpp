#include "server/services/directoryservice.h"

#include "server/clock.h"
#include "server/storage/store.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace crewline::server {

Outcome DirectoryService::users(const Caller &caller)
{
    QJsonArray out;
    for (const User &u : m_reader.users()) {
        QJsonObject o = u.toJson();
        if (caller.role != Role::Admin && caller.role != Role::Supervisor && caller.role != Role::Manager) {
            o.remove(u"email"_s); // contact details of colleagues only for those who manage them
            o.remove(u"phone"_s);
        }
        out.append(o);
    }
    return Outcome::success({{u"users"_s, out}});
}

Outcome DirectoryService::teams()
{
    QJsonArray out;
    for (const Team &t : m_reader.teams())
        out.append(t.toJson());
    return Outcome::success({{u"teams"_s, out}});
}

Outcome DirectoryService::staff()
{
    QJsonArray out;
    const QDate today = (m_clock ? m_clock->now() : QDateTime::currentDateTimeUtc()).date();
    for (const FieldStaff &f : m_reader.staff(today))
        out.append(f.toJson());
    return Outcome::success({{u"staff"_s, out}});
}

} // namespace crewline::server
