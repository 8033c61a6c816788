#pragma once

// Accounts and sessions: login with lock-out after repeated failures, expiring session tokens, user creation.
// Password checks run on a worker thread (Argon2id is slow on purpose); state changes go through the WriteQueue.

#include "common/messages.h"
#include "server/caller.h"
#include "server/writequeue.h"

#include <QObject>

#include <functional>

namespace crewline::server {

class Clock;
class Store;

struct AuthPolicy
{
    int maxFailures = 5;
    int lockMinutes = 15;
    int sessionHours = 12;
};

struct SessionOutcome
{
    bool ok = false;
    Caller caller;
    QString token;
    QDateTime expiresAt;
    protocol::Error error;
};

class AuthService : public QObject
{
    Q_OBJECT
public:
    AuthService(Store &reader, WriteQueue &writer, const Clock &clock, AuthPolicy policy, QObject *parent = nullptr);

    void login(const QString &username, const QString &password, std::function<void(const SessionOutcome &)> done);
    SessionOutcome resume(const QString &token);
    // Ends the session; done (optional) runs after the removal is committed.
    void logout(const QString &token, std::function<void(const Outcome &)> done = {});
    void createUser(const Caller &caller, const protocol::UserCreate &request, const QString &idem,
                    std::function<void(const Outcome &)> done);

    // Start-up: create an account directly (hashing on this thread); returns its id or an invalid id.
    UserId createUserNow(const User &user, const QString &password, const QStringList &skills = {});

    static QJsonObject sessionJson(const SessionOutcome &session);

private:
    void finishLogin(const UserRecord &user, bool passwordOk, std::function<void(const SessionOutcome &)> done);

    Store &m_reader;
    WriteQueue &m_writer;
    const Clock &m_clock;
    AuthPolicy m_policy;
    QString m_dummyHash; // verified against for unknown users, so timing does not reveal which names exist
};

} // namespace crewline::server
