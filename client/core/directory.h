#pragma once

// What the console knows about the server's people and vocabulary: users, teams, field staff and ticket types.
// Loaded after login and kept current from events; models use it to show names instead of ids.

#include "common/domain.h"
#include "common/workflow.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace crewline::client {

class Directory : public QObject
{
    Q_OBJECT
public:
    explicit Directory(QObject *parent = nullptr);

    void setUsers(const QList<User> &users);
    void setTeams(const QList<Team> &teams);
    void setTypes(const QJsonArray &types, const QString &defaultType);
    void addUser(const User &user);

    QString userName(UserId id) const;
    QString teamName(TeamId id) const;
    const User *user(UserId id) const;
    const QList<User> &users() const { return m_users; }
    const QList<Team> &teams() const { return m_teams; }
    // People who can hold tickets: engineers, dispatchers, supervisors.
    QList<User> assignableUsers() const;
    const TicketTypeRegistry &types() const { return m_types; }
    QString statusName(const QString &type, const QString &status) const;
    QString typeName(const QString &type) const;
    QString transitionName(const QString &type, const QString &transition) const;
    void setLanguage(const QString &language) { m_language = language; }
    QString language() const { return m_language; }

Q_SIGNALS:
    void changed();

private:
    QList<User> m_users;
    QHash<qint64, int> m_userIndex;
    QList<Team> m_teams;
    TicketTypeRegistry m_types;
    QString m_language = QStringLiteral("en");
};

} // namespace crewline::client
