#include "server/services/authservice.h"

#include "common/logging.h"
#include "server/clock.h"
#include "server/services/passwords.h"
#include "server/storage/store.h"

#include <QJsonArray>
#include <QPointer>
#include <QRegularExpression>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace crewline::server {

using protocol::ErrorCode;

namespace {

Caller callerOf(const User &u)
{
    return {u.id, u.role, u.username, u.displayName, u.teamId};
}

SessionOutcome refused(ErrorCode code, const QString &message, const QJsonObject &details = {})
{
    SessionOutcome s;
    s.error = {code, message, details};
    return s;
}

} // namespace

AuthService::AuthService(Store &reader, WriteQueue &writer, const Clock &clock, AuthPolicy policy, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
    , m_writer(writer)
    , m_clock(clock)
    , m_policy(policy)
{
    m_dummyHash = passwords::hash(passwords::newToken());
}

QJsonObject AuthService::sessionJson(const SessionOutcome &s)
{
    User u;
    u.id = s.caller.userId;
    u.username = s.caller.username;
    u.displayName = s.caller.displayName;
    u.role = s.caller.role;
    u.teamId = s.caller.teamId;
    return {{u"token"_s, s.token}, {u"expiresAt"_s, timeToJson(s.expiresAt)}, {u"user"_s, u.toJson()}};
}

void AuthService::login(const QString &username, const QString &password,
                        std::function<void(const SessionOutcome &)> done)
{
    const std::optional<UserRecord> user = m_reader.userByName(username);
    const QDateTime now = m_clock.now();
    if (user && user->lockedUntil.isValid() && user->lockedUntil > now) {
        done(refused(ErrorCode::LockedOut, u"too many failed logins; try again later"_s,
                     {{u"until"_s, timeToJson(user->lockedUntil)}}));
        return;
    }
    const QString stored = user && user->user.active ? user->passwordHash : m_dummyHash;
    QPointer<AuthService> self(this);
    QThreadPool::globalInstance()->start([self, stored, password, user, done = std::move(done)]() mutable {
        const bool ok = passwords::verify(stored, password);
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, user, done = std::move(done)]() mutable {
                if (!self)
                    return;
                if (!user || !user->user.active) {
                    done(refused(ErrorCode::BadCredentials, u"wrong user name or password"_s));
                    return;
                }
                self->finishLogin(*user, ok, std::move(done));
            },
            Qt::QueuedConnection);
    });
}

void AuthService::finishLogin(const UserRecord &user, bool passwordOk, std::function<void(const SessionOutcome &)> done)
{
    const AuthPolicy policy = m_policy;
    const QString token = passwordOk ? passwords::newToken() : QString();
    WriteRequest request;
    request.op = u"auth.login"_s;
    request.job = [user, passwordOk, policy, token](WriteContext &ctx) {
        Store &store = ctx.store();
        const std::optional<UserRecord> current = store.userById(user.user.id);
        if (!current)
            return Outcome::failure(ErrorCode::BadCredentials, u"wrong user name or password"_s);
        if (current->lockedUntil.isValid() && current->lockedUntil > ctx.now())
            return Outcome::failure(ErrorCode::LockedOut, u"too many failed logins; try again later"_s,
                                    {{u"until"_s, timeToJson(current->lockedUntil)}});
        if (!passwordOk) {
            const int failures = current->failedLogins + 1;
            if (failures >= policy.maxFailures) {
                const QDateTime until = ctx.now().addSecs(qint64(policy.lockMinutes) * 60);
                store.setLoginState(user.user.id, 0, until);
                qCWarning(lcAuth) << "account" << user.user.username << "locked until" << until;
                // The lock must be committed, so this job succeeds and the reply carries the refusal.
                return Outcome::success({{u"locked"_s, true}, {u"until"_s, timeToJson(until)}});
            }
            store.setLoginState(user.user.id, failures, {});
            return Outcome::success({{u"failed"_s, true}});
        }
        store.setLoginState(user.user.id, 0, {});
        const QDateTime expires = ctx.now().addSecs(qint64(policy.sessionHours) * 3600);
        store.insertSession(passwords::tokenHash(token), {user.user.id, ctx.now(), expires});
        return Outcome::success({{u"expiresAt"_s, timeToJson(expires)}});
    };
    request.done = [user, token, done = std::move(done)](const Outcome &o) {
        if (!o.ok) {
            done(refused(o.error.code, o.error.message, o.error.details));
        } else if (o.result.value(u"locked"_s).toBool()) {
            done(refused(ErrorCode::LockedOut, u"too many failed logins; the account is locked for a while"_s,
                         {{u"until"_s, o.result.value(u"until"_s)}}));
        } else if (o.result.value(u"failed"_s).toBool()) {
            done(refused(ErrorCode::BadCredentials, u"wrong user name or password"_s));
        } else {
            SessionOutcome s;
            s.ok = true;
            s.caller = callerOf(user.user);
            s.token = token;
            s.expiresAt = timeFromJson(o.result.value(u"expiresAt"_s));
            qCInfo(lcAuth) << "login" << user.user.username;
            done(s);
        }
    };
    m_writer.submit(std::move(request));
}

SessionOutcome AuthService::resume(const QString &token)
{
    const std::optional<SessionRecord> session = m_reader.session(passwords::tokenHash(token));
    if (!session)
        return refused(ErrorCode::SessionExpired, u"unknown or expired session; log in again"_s);
    if (session->expiresAt <= m_clock.now())
        return refused(ErrorCode::SessionExpired, u"the session has expired; log in again"_s);
    const std::optional<UserRecord> user = m_reader.userById(session->userId);
    if (!user || !user->user.active)
        return refused(ErrorCode::SessionExpired, u"the account is no longer active"_s);
    SessionOutcome s;
    s.ok = true;
    s.caller = callerOf(user->user);
    s.token = token;
    s.expiresAt = session->expiresAt;
    return s;
}

void AuthService::logout(const QString &token, std::function<void(const Outcome &)> done)
{
    WriteRequest request;
    request.op = u"auth.logout"_s;
    const QString hash = passwords::tokenHash(token);
    request.job = [hash](WriteContext &ctx) {
        ctx.store().removeSession(hash);
        return Outcome::success({});
    };
    request.done = std::move(done);
    m_writer.submit(std::move(request));
}

void AuthService::createUser(const Caller &caller, const protocol::UserCreate &r, const QString &idem,
                             std::function<void(const Outcome &)> done)
{
    if (r.password.size() < 8) {
        done(Outcome::failure(ErrorCode::InvalidField, u"a password needs at least 8 characters"_s,
                              {{u"field"_s, u"password"_s}}));
        return;
    }
    static const QRegularExpression validName(u"^[A-Za-z0-9._@-]{2,64}$"_s);
    if (!validName.match(r.username).hasMatch()) {
        done(Outcome::failure(ErrorCode::InvalidField,
                              u"user names use letters, digits and . _ @ - (2 to 64 characters)"_s,
                              {{u"field"_s, u"username"_s}}));
        return;
    }
    QPointer<AuthService> self(this);
    // Hash off the event loop, then write.
    QThreadPool::globalInstance()->start([self, caller, r, idem, done = std::move(done)]() mutable {
        const QString hash = passwords::hash(r.password);
        QMetaObject::invokeMethod(
            self.data(),
            [self, caller, r, idem, hash, done = std::move(done)]() mutable {
                if (!self)
                    return;
                WriteRequest request;
                request.user = caller.userId;
                request.idemKey = idem;
                request.op = protocol::opName(protocol::Op::UserCreate);
                request.job = [r, hash](WriteContext &ctx) {
                    if (ctx.store().userByName(r.username))
                        return Outcome::failure(ErrorCode::Conflict, u"user name \"%1\" is taken"_s.arg(r.username),
                                                {{u"field"_s, u"username"_s}});
                    if (r.teamId.isValid()) {
                        const QList<Team> teams = ctx.store().teams();
                        if (std::none_of(teams.begin(), teams.end(), [&](const Team &t) { return t.id == r.teamId; }))
                            return Outcome::failure(ErrorCode::InvalidField,
                                                    u"there is no team %1"_s.arg(r.teamId.value()),
                                                    {{u"field"_s, u"teamId"_s}});
                    }
                    User u;
                    u.username = r.username;
                    u.displayName = r.displayName.isEmpty() ? r.username : r.displayName;
                    u.role = r.role;
                    u.teamId = r.teamId;
                    u.email = r.email;
                    u.phone = r.phone;
                    u.id = ctx.store().insertUser(u, hash, ctx.now());
                    if (u.role == Role::Engineer) {
                        FieldStaff f;
                        f.userId = u.id;
                        f.skills = r.skills;
                        ctx.store().upsertStaff(f);
                    }
                    StoredEvent e;
                    e.event.type = u"user.created"_s;
                    e.event.at = ctx.now();
                    // Pushed to every staff console: without the contact details, which user.list shows only to
                    // those who manage people.
                    QJsonObject pushed = u.toJson();
                    pushed.remove(u"email"_s);
                    pushed.remove(u"phone"_s);
                    e.event.data = {{u"user"_s, pushed}};
                    ctx.emitEvent(e);
                    return Outcome::success({{u"user"_s, u.toJson()}});
                };
                request.done = std::move(done);
                self->m_writer.submit(std::move(request));
            },
            Qt::QueuedConnection);
    });
}

UserId AuthService::createUserNow(const User &user, const QString &password, const QStringList &skills)
{
    const QString hash = passwords::hash(password);
    const Outcome o = m_writer.runAndWait([user, hash, skills](WriteContext &ctx) {
        if (ctx.store().userByName(user.username))
            return Outcome::failure(ErrorCode::Conflict, u"user exists"_s);
        const UserId id = ctx.store().insertUser(user, hash, ctx.now());
        if (user.role == Role::Engineer) {
            FieldStaff f;
            f.userId = id;
            f.skills = skills;
            ctx.store().upsertStaff(f);
        }
        return Outcome::success({{u"id"_s, id.value()}});
    });
    return o.ok ? UserId(o.result.value(u"id"_s).toInteger()) : UserId();
}

} // namespace crewline::server
