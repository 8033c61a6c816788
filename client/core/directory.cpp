#include "client/core/directory.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace crewline::client {

Directory::Directory(QObject *parent)
    : QObject(parent)
{
}

void Directory::setUsers(const QList<User> &users)
{
    m_users = users;
    m_userIndex.clear();
    for (int i = 0; i < m_users.size(); ++i)
        m_userIndex.insert(m_users.at(i).id.value(), i);
    Q_EMIT changed();
}

void Directory::addUser(const User &user)
{
    if (m_userIndex.contains(user.id.value()))
        m_users[m_userIndex.value(user.id.value())] = user;
    else {
        m_userIndex.insert(user.id.value(), static_cast<int>(m_users.size()));
        m_users << user;
    }
    Q_EMIT changed();
}

void Directory::setTeams(const QList<Team> &teams)
{
    m_teams = teams;
    Q_EMIT changed();
}

void Directory::setTypes(const QJsonArray &types, const QString &defaultType)
{
    TicketTypeRegistry registry;
    for (const QJsonValue &v : types)
        registry.add(v.toObject(), nullptr);
    if (!defaultType.isEmpty())
        registry.setDefaultTypeId(defaultType);
    m_types = registry;
    Q_EMIT changed();
}

QString Directory::userName(UserId id) const
{
    const User *u = user(id);
    return u ? u->displayName : QString();
}

QString Directory::teamName(TeamId id) const
{
    for (const Team &t : m_teams) {
        if (t.id == id)
            return t.name;
    }
    return {};
}

const User *Directory::user(UserId id) const
{
    const auto it = m_userIndex.constFind(id.value());
    return it == m_userIndex.cend() ? nullptr : &m_users.at(*it);
}

QList<User> Directory::assignableUsers() const
{
    QList<User> out;
    for (const User &u : m_users) {
        if (u.active && (u.role == Role::Engineer || u.role == Role::Dispatcher || u.role == Role::Supervisor))
            out << u;
    }
    return out;
}

QString Directory::statusName(const QString &type, const QString &status) const
{
    if (const TicketType *t = m_types.type(type)) {
        if (const StatusDef *s = t->status(status))
            return s->name.in(m_language);
    }
    return status;
}

QString Directory::typeName(const QString &type) const
{
    const TicketType *t = m_types.type(type);
    return t ? t->name().in(m_language) : type;
}

QString Directory::transitionName(const QString &type, const QString &transition) const
{
    if (const TicketType *t = m_types.type(type)) {
        if (const TransitionDef *tr = t->transition(transition))
            return tr->name.in(m_language);
    }
    return transition;
}

} // namespace crewline::client
