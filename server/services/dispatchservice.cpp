#include "server/services/dispatchservice.h"

#include "common/geodesy.h"
#include "common/logging.h"
#include "server/clock.h"
#include "server/services/ticketmutation.h"
#include "server/storage/store.h"

#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::server {

using protocol::ErrorCode;

namespace {

constexpr int kTimeoutBatch = 50;
constexpr qint64 kMaxFutureMs = 5 * 60 * 1000; // a fix this far ahead of the server's clock is refused

Outcome fail(ErrorCode code, const QString &message, const QJsonObject &details = {})
{
    return Outcome::failure(code, message, details);
}

QJsonValue orNull(double v)
{
    return v >= 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonObject staffNotice(const FieldStaff &f)
{
    return {{u"userId"_s, f.userId.value()},
            {u"name"_s, f.name},
            {u"lat"_s, f.position.isValid() ? QJsonValue(f.position.lat) : QJsonValue(QJsonValue::Null)},
            {u"lon"_s, f.position.isValid() ? QJsonValue(f.position.lon) : QJsonValue(QJsonValue::Null)},
            {u"accuracy"_s, f.accuracy},
            {u"heading"_s, orNull(f.heading)},
            {u"speed"_s, orNull(f.speed)},
            {u"at"_s, timeToJson(f.positionAt)},
            {u"status"_s, staffStatusName(f.status)},
            {u"openTickets"_s, f.openTickets},
            {u"frozen"_s, f.frozen}};
}

QJsonArray ids(const QList<UserId> &list)
{
    QJsonArray a;
    for (UserId id : list)
        a.append(id.value());
    return a;
}

TeamId teamByName(Store &store, const QString &name)
{
    if (name.isEmpty())
        return {};
    for (const Team &t : store.teams()) {
        if (t.name == name)
            return t.id;
    }
    return {};
}

// The supervisors of the ticket's team; when the team has none (or there is no team), every supervisor.
QList<UserId> supervisorsOf(Store &store, TeamId team)
{
    QList<UserId> own, all;
    for (const User &u : store.users()) {
        if (u.role != Role::Supervisor || !u.active)
            continue;
        all << u.id;
        if (team.isValid() && u.teamId == team)
            own << u.id;
    }
    return own.isEmpty() ? all : own;
}

QString km(double metres)
{
    return metres < 0 ? u"no position"_s : u"%1 km"_s.arg(metres / 1000.0, 0, 'f', 1);
}

QString describe(const Candidate &c)
{
    return u"%1 (score %2, %3, %4 open)"_s.arg(c.staff.name)
        .arg(c.score, 0, 'f', 2)
        .arg(km(c.distance))
        .arg(c.staff.openTickets);
}

// What the work needs and who is preferred, for a ticket under an optional rule.
struct Need
{
    QStringList skills;
    TeamId team;
};

Need needOf(Store &store, const Ticket &t, const TicketType &type, const DispatchRule *rule)
{
    Need n;
    n.skills = rule && !rule->skills.isEmpty() ? rule->skills : type.skills();
    const TeamId ruleTeam = rule ? teamByName(store, rule->team) : TeamId();
    n.team = t.teamId.isValid() ? t.teamId : ruleTeam;
    return n;
}

QList<Candidate> ranked(Store &store, const Ticket &t, const Need &need, const DispatchConfig &config,
                        const QDateTime &now)
{
    return rankCandidates({t.location, need.skills, need.team, now}, store.staff(now.date()), config);
}

// Who may be given the ticket automatically: eligible, with at least one needed skill, not tried before. Those of
// the preferred team first; others only when nobody of the team can.
QList<Candidate> pickable(const QList<Candidate> &ranking, const Need &need, const QList<UserId> &exclude)
{
    QList<Candidate> team, others;
    for (const Candidate &c : ranking) {
        if (!c.eligible || exclude.contains(c.staff.userId))
            continue;
        if (!need.skills.isEmpty() && c.matchedSkills.isEmpty())
            continue;
        (need.team.isValid() && c.staff.teamId != need.team ? others : team) << c;
    }
    return team.isEmpty() ? others : team;
}

void assignTo(Ticket &t, const TicketType &type, const Candidate &c, const QDateTime &now, int acceptMinutes)
{
    t.assigneeId = c.staff.userId;
    if (!t.teamId.isValid())
        t.teamId = c.staff.teamId;
    t.acceptedAt = {};
    if (const TransitionDef *tr = type.triggered(u"assign"_s, t.status))
        t.status = tr->to;
    t.dispatch.mode = u"assigned"_s;
    t.dispatch.offeredTo.clear();
    t.dispatch.dispatchedAt = now;
    t.dispatch.deadline = now.addSecs(qint64(acceptMinutes) * 60);
}

void auditOnly(Store &store, TicketId id, const QString &action, const QString &reason, const QDateTime &now)
{
    AuditEntry a;
    a.ticketId = id;
    a.actorName = systemCaller().displayName;
    a.at = now;
    a.action = action;
    a.reason = reason;
    store.insertAudit(a);
}

} // namespace

DispatchService::DispatchService(Store &reader, WriteQueue &writer, const TicketTypeRegistry &types, const Clock &clock,
                                 DispatchConfig config, DispatchRules rules, QObject *parent)
    : QObject(parent)
    , m_reader(reader)
    , m_writer(writer)
    , m_types(types)
    , m_clock(clock)
    , m_config(std::move(config))
    , m_rules(std::move(rules))
{
}

// --- field staff ---------------------------------------------------------------------------------------------------

void DispatchService::report(const Caller &caller, const protocol::StaffReport &r, Reply reply)
{
    if (caller.role != Role::Engineer) {
        reply(fail(ErrorCode::Forbidden, u"only field engineers report positions"_s));
        return;
    }
    if (r.lat == 0 && r.lon == 0) {
        reply(fail(ErrorCode::InvalidField, u"lat 0, lon 0 is not a position fix"_s, {{u"field"_s, u"lat"_s}}));
        return;
    }
    const QDateTime now = m_clock.now();
    const QDateTime at = r.at.isValid() ? r.at.toUTC() : now;
    if (at.msecsTo(now) < -kMaxFutureMs) {
        reply(fail(ErrorCode::InvalidField, u"\"at\" lies in the future"_s, {{u"field"_s, u"at"_s}}));
        return;
    }
    if (at.addSecs(qint64(m_config.trackHours) * 3600) < now) {
        reply(fail(ErrorCode::InvalidField, u"\"at\" is older than the %1 h track history"_s.arg(m_config.trackHours),
                   {{u"field"_s, u"at"_s}}));
        return;
    }
    // Reports are rate-limited per person by real time (not the injectable clock): it protects the server.
    const qint64 steady = QDateTime::currentMSecsSinceEpoch();
    const auto last = m_lastReport.constFind(caller.userId.value());
    if (last != m_lastReport.cend() && steady - *last < m_config.reportMinIntervalMs) {
        reply(fail(ErrorCode::RateLimited, u"position reports at most every %1 ms"_s.arg(m_config.reportMinIntervalMs),
                   {{u"retryAfterMs"_s, m_config.reportMinIntervalMs - (steady - *last)}}));
        return;
    }
    m_lastReport.insert(caller.userId.value(), steady);

    WriteRequest request;
    request.user = caller.userId;
    request.op = protocol::opName(protocol::Op::StaffReport);
    const UserId user = caller.userId;
    request.job = [user, r, at](WriteContext &ctx) {
        Store &store = ctx.store();
        const QDate today = ctx.now().date();
        FieldStaff f = store.staffMember(user, today).value_or(FieldStaff{});
        f.userId = user;
        const GeoPoint point = GeoPoint::at(r.lat, r.lon);
        store.appendTrack(user, {point, r.accuracy, at});
        const bool latest = !f.positionAt.isValid() || at >= f.positionAt;
        if (latest) {
            f.position = point;
            f.accuracy = r.accuracy;
            f.positionAt = at;
            f.heading = r.heading.value_or(-1);
            f.speed = r.speed.value_or(-1);
        }
        if (r.status)
            f.status = *r.status;
        if (latest || r.status)
            store.upsertStaff(f);
        const FieldStaff stored = store.staffMember(user, today).value_or(f);
        QJsonObject result = staffNotice(stored);
        result.insert(u"latest"_s, latest);
        return Outcome::success(result);
    };
    request.done = [this, reply, hasStatus = r.status.has_value()](const Outcome &o) {
        if (o.ok && (o.result.value(u"latest"_s).toBool() || hasStatus)) {
            QJsonObject notice = o.result;
            notice.remove(u"latest"_s);
            Q_EMIT staffChanged(notice);
        }
        reply(o);
    };
    m_writer.submit(std::move(request));
}

Outcome DispatchService::track(const Caller &, const protocol::StaffTrack &r)
{
    const QDateTime now = m_clock.now();
    if (!m_reader.staffMember(r.userId, now.date()))
        return fail(ErrorCode::NotFound, u"user %1 is not field staff"_s.arg(r.userId.value()),
                    {{u"userId"_s, r.userId.value()}});
    const QDateTime since = r.since.isValid() ? r.since : now.addSecs(-qint64(m_config.trackHours) * 3600);
    QJsonArray points;
    for (const TrackPoint &p : m_reader.track(r.userId, since, m_config.trackMaxPoints))
        points.append(p.toJson());
    return Outcome::success({{u"userId"_s, r.userId.value()}, {u"points"_s, points}});
}

void DispatchService::freeze(const Caller &caller, const protocol::StaffFreeze &r, const QString &idem, Reply reply)
{
    WriteRequest request;
    request.user = caller.userId;
    request.idemKey = idem;
    request.op = protocol::opName(protocol::Op::StaffFreeze);
    request.job = [r](WriteContext &ctx) {
        const QDate today = ctx.now().date();
        std::optional<FieldStaff> f = ctx.store().staffMember(r.userId, today);
        if (!f)
            return fail(ErrorCode::NotFound, u"user %1 is not field staff"_s.arg(r.userId.value()),
                        {{u"userId"_s, r.userId.value()}});
        f->frozenOn = r.frozen ? today : QDate();
        ctx.store().upsertStaff(*f);
        return Outcome::success(staffNotice(*ctx.store().staffMember(r.userId, today)));
    };
    request.done = [this, reply](const Outcome &o) {
        if (o.ok && !o.replayed)
            Q_EMIT staffChanged(o.result);
        reply(o);
    };
    m_writer.submit(std::move(request));
}

// --- suggestions and claims ----------------------------------------------------------------------------------------

Outcome DispatchService::suggest(const Caller &, const protocol::DispatchSuggest &r)
{
    const std::optional<Ticket> t = m_reader.ticket(r.ticketId);
    if (!t)
        return fail(ErrorCode::NotFound, u"no ticket %1"_s.arg(r.ticketId.value()),
                    {{u"ticketId"_s, r.ticketId.value()}});
    const TicketType *type = m_types.type(t->type);
    if (!type)
        return fail(ErrorCode::Internal, u"ticket type \"%1\" is not configured"_s.arg(t->type));
    const DispatchRule *rule = m_rules.match(*t);
    const Need need = needOf(m_reader, *t, *type, rule);
    const QList<Candidate> ranking = ranked(m_reader, *t, need, m_config, m_clock.now());
    QJsonArray candidates;
    for (const Candidate &c : ranking) {
        if (candidates.size() >= r.limit)
            break;
        candidates.append(c.toJson(m_config.weights));
    }
    QString why;
    const bool emergency = m_rules.isEmergency(*t, &why);
    return Outcome::success(
        {{u"ticketId"_s, t->id.value()},
         {u"candidates"_s, candidates},
         {u"skills"_s, QJsonArray::fromStringList(need.skills)},
         {u"teamId"_s, need.team.isValid() ? QJsonValue(need.team.value()) : QJsonValue(QJsonValue::Null)},
         {u"rule"_s, rule ? QJsonValue(rule->id) : QJsonValue(QJsonValue::Null)},
         {u"emergency"_s, emergency},
         {u"hasLocation"_s, t->location.isValid()}});
}

void DispatchService::claim(const Caller &caller, const protocol::TicketClaim &r, const QString &idem, Reply reply)
{
    WriteRequest request;
    request.user = caller.userId;
    request.idemKey = idem;
    request.op = protocol::opName(protocol::Op::TicketClaim);
    const TicketTypeRegistry &types = m_types;
    request.job = [caller, r, &types](WriteContext &ctx) {
        return mutate(
            ctx, types, caller, r.ticketId, std::nullopt, u"claim"_s,
            [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                if (t.assigneeId.isValid()) {
                    if (t.assigneeId == caller.userId)
                        return std::nullopt; // already yours: nothing changes
                    return protocol::Error{ErrorCode::AlreadyClaimed,
                                           u"%1 has already been taken"_s.arg(t.number),
                                           {{u"assigneeId"_s, t.assigneeId.value()}, {u"ticketId"_s, t.id.value()}}};
                }
                if (t.dispatch.mode == u"offer") {
                    if (!t.dispatch.offeredTo.contains(caller.userId))
                        return protocol::Error{ErrorCode::Forbidden,
                                               u"%1 was not offered to you"_s.arg(t.number),
                                               {{u"ticketId"_s, t.id.value()}}};
                } else if (t.dispatch.mode != u"pool") {
                    return protocol::Error{ErrorCode::InvalidTransition,
                                           u"%1 is not in the claim pool"_s.arg(t.number),
                                           {{u"reason"_s, u"not_claimable"_s},
                                            {u"mode"_s, t.dispatch.mode},
                                            {u"ticketId"_s, t.id.value()}}};
                }
                for (UserId other : t.dispatch.offeredTo) {
                    if (other != caller.userId)
                        change.notify << other;
                }
                change.eventExtra.insert(u"withdrawnFrom"_s, ids(change.notify));
                change.eventExtra.insert(u"claimedBy"_s, caller.userId.value());
                change.reason = t.dispatch.mode == u"pool" ? u"claimed from the pool"_s : u"accepted an offer"_s;
                return takeTicket(t, type, caller.userId, caller.teamId, ctx.now());
            });
    };
    request.done = std::move(reply);
    m_writer.submit(std::move(request));
}

// --- rules -----------------------------------------------------------------------------------------------------------

void DispatchService::onCommitted(const QList<StoredEvent> &events)
{
    if (!m_config.automatic)
        return;
    for (const StoredEvent &e : events) {
        if (e.event.type == u"ticket.created")
            applyRules(e.event.ticketId);
    }
}

void DispatchService::applyRules(TicketId id, Reply done)
{
    WriteRequest request;
    request.op = u"dispatch.rules"_s;
    const TicketTypeRegistry &types = m_types;
    const DispatchConfig config = m_config;
    const DispatchRules rules = m_rules;
    request.job = [id, &types, config, rules](WriteContext &ctx) {
        Store &store = ctx.store();
        const std::optional<Ticket> loaded = store.ticket(id);
        const TicketType *type = loaded ? types.type(loaded->type) : nullptr;
        if (!loaded || !type || loaded->assigneeId.isValid() || loaded->dispatch.isValid() ||
            loaded->mergedInto.isValid() || type->phaseOf(loaded->status) != Phase::New)
            return Outcome::success({{u"skipped"_s, true}});
        const DispatchRule *rule = rules.match(*loaded);
        QString why;
        const bool emergency = rules.isEmergency(*loaded, &why) && (!rule || rule->emergency);
        const QString mode = emergency ? u"offer"_s : (rule ? rule->mode : u"manual"_s);
        if (mode == u"manual")
            return Outcome::success({{u"skipped"_s, true}});
        const QString ruleName = rule ? rule->id : u"emergency"_s;
        const QDateTime now = ctx.now();
        const Need need = needOf(store, *loaded, *type, rule);
        const TeamId ruleTeam = rule ? teamByName(store, rule->team) : TeamId();
        const int acceptMinutes =
            emergency ? (rule && rule->acceptMinutes > 0 ? rule->acceptMinutes : rules.emergency().acceptMinutes)
                      : (rule && rule->acceptMinutes > 0 ? rule->acceptMinutes : type->acceptTimeoutMinutes());
        const QList<Candidate> candidates = pickable(ranked(store, *loaded, need, config, now), need, {});

        QString action;
        const ChangeFn fn = [&](Ticket &t, const TicketType &tt, Change &change) -> std::optional<protocol::Error> {
            if (!t.teamId.isValid() && ruleTeam.isValid())
                t.teamId = ruleTeam;
            t.dispatch.rule = ruleName;
            t.dispatch.emergency = emergency;
            if (mode == u"route") {
                t.dispatch = {};
                change.reason = u"rule %1: routed to the team"_s.arg(ruleName);
                return std::nullopt;
            }
            if (mode == u"pool") {
                t.dispatch.mode = u"pool"_s;
                t.dispatch.dispatchedAt = now;
                t.dispatch.deadline = now.addSecs(qint64(acceptMinutes) * 60);
                for (const Candidate &c : candidates)
                    change.notify << c.staff.userId;
                change.reason =
                    u"rule %1: put in the claim pool for %2 engineers"_s.arg(ruleName).arg(candidates.size());
                return std::nullopt;
            }
            if (mode == u"offer") {
                // The nearest available engineers with a position; failing those, the nearest of anyone pickable.
                QList<Candidate> near;
                for (const Candidate &c : candidates) {
                    if (c.distance >= 0 && c.staff.status == StaffStatus::Available)
                        near << c;
                }
                if (near.isEmpty())
                    near = candidates;
                std::stable_sort(near.begin(), near.end(), [](const Candidate &a, const Candidate &b) {
                    return (a.distance < 0 ? 1e18 : a.distance) < (b.distance < 0 ? 1e18 : b.distance);
                });
                const int n = rule && rule->offerCount > 0 ? rule->offerCount : rules.emergency().offerCount;
                near = near.mid(0, n);
                t.dispatch.mode = u"offer"_s;
                t.dispatch.offeredTo.clear();
                QStringList names;
                for (const Candidate &c : std::as_const(near)) {
                    t.dispatch.offeredTo << c.staff.userId;
                    change.notify << c.staff.userId;
                    names << u"%1 %2"_s.arg(c.staff.name, km(c.distance));
                }
                t.dispatch.dispatchedAt = now;
                t.dispatch.deadline = now.addSecs(qint64(acceptMinutes) * 60);
                change.reason = (emergency ? u"emergency (%1): "_s.arg(why) : u"rule %1: "_s.arg(ruleName)) +
                                u"offered to the %1 nearest: %2"_s.arg(near.size()).arg(names.join(u", "_s));
                action = u"offer"_s;
                return std::nullopt;
            }
            // auto
            const Candidate &best = candidates.first();
            assignTo(t, tt, best, now, acceptMinutes);
            change.notify << best.staff.userId;
            change.reason = u"rule %1: best candidate %2"_s.arg(ruleName, describe(best));
            return std::nullopt;
        };
        if ((mode == u"auto" || mode == u"offer") && candidates.isEmpty()) {
            const QString reason = u"rule %1: no available engineer with the skills (%2)"_s.arg(
                ruleName, need.skills.isEmpty() ? u"any"_s : need.skills.join(u", "_s));
            if (ruleTeam.isValid() && !loaded->teamId.isValid()) {
                return mutate(ctx, types, systemCaller(), id, std::nullopt, u"route"_s,
                              [&](Ticket &t, const TicketType &, Change &change) -> std::optional<protocol::Error> {
                                  t.teamId = ruleTeam;
                                  change.reason = reason;
                                  return std::nullopt;
                              });
            }
            auditOnly(store, id, u"auto_dispatch_failed"_s, reason, now);
            return Outcome::success({{u"skipped"_s, true}, {u"reason"_s, reason}});
        }
        action = mode == u"route" ? u"route"_s : (mode == u"pool" ? u"pool"_s : u"auto_dispatch"_s);
        if (mode == u"offer")
            action = u"offer"_s;
        return mutate(ctx, types, systemCaller(), id, std::nullopt, action, fn);
    };
    request.done = [done](const Outcome &o) {
        if (!o.ok)
            qCWarning(lcServer).noquote() << "dispatch rules failed:" << o.error.message;
        if (done)
            done(o);
    };
    m_writer.submit(std::move(request));
}

// --- accept timeouts -------------------------------------------------------------------------------------------------

void DispatchService::checkTimeouts(Reply done)
{
    WriteRequest request;
    request.op = u"dispatch.timeouts"_s;
    const TicketTypeRegistry &types = m_types;
    const DispatchConfig config = m_config;
    const DispatchRules rules = m_rules;
    request.job = [&types, config, rules](WriteContext &ctx) {
        Store &store = ctx.store();
        const QDateTime now = ctx.now();
        int handled = 0;
        for (Ticket due : store.dispatchDue(now, kTimeoutBatch)) {
            const TicketType *type = types.type(due.type);
            if (!type)
                continue;
            const Phase phase = type->phaseOf(due.status);
            if (due.acceptedAt.isValid() || phase == Phase::Resolved || phase == Phase::Closed) {
                due.dispatch.deadline = {}; // nothing to wait for any more
                store.updateTicket(due, static_cast<int>(phase));
                continue;
            }
            ++handled;
            const DispatchRule *rule = rules.match(due);
            const Need need = needOf(store, due, *type, rule);
            QList<UserId> tried = due.dispatch.tried;
            const UserId previous = due.assigneeId;
            if (previous.isValid() && !tried.contains(previous))
                tried << previous;
            for (UserId o : due.dispatch.offeredTo) {
                if (!tried.contains(o))
                    tried << o;
            }
            const QList<Candidate> next = pickable(ranked(store, due, need, config, now), need, tried);
            const QList<UserId> supervisors = supervisorsOf(store, due.teamId.isValid() ? due.teamId : need.team);
            const qint64 waitedMin =
                due.dispatch.dispatchedAt.isValid() ? due.dispatch.dispatchedAt.secsTo(now) / 60 : 0;
            const QString previousName =
                previous.isValid() ? store.userById(previous).value_or(UserRecord{}).user.displayName : QString();
            const QString whoWaited = due.dispatch.mode == u"offer"
                                          ? u"none of the %1 offered engineers"_s.arg(due.dispatch.offeredTo.size())
                                      : due.dispatch.mode == u"pool" ? u"nobody from the pool"_s
                                                                     : previousName;
            const bool giveUp = next.isEmpty() || due.dispatch.attempts >= config.maxRedispatches;
            const QString action = giveUp ? u"dispatch_timeout"_s : u"redispatch"_s;
            mutate(ctx, types, systemCaller(), due.id, std::nullopt, action,
                   [&](Ticket &t, const TicketType &tt, Change &change) -> std::optional<protocol::Error> {
                       t.dispatch.tried = tried;
                       change.notify << supervisors;
                       if (previous.isValid())
                           change.notify << previous;
                       QString reason = u"not accepted within %1 min by %2"_s.arg(waitedMin).arg(whoWaited);
                       if (giveUp) {
                           t.dispatch.deadline = {};
                           reason += next.isEmpty() ? u"; no other candidate: supervisor informed"_s
                                                    : u"; re-dispatched %1 times already: supervisor informed"_s.arg(
                                                          due.dispatch.attempts);
                       } else {
                           assignTo(t, tt, next.first(), now, type->acceptTimeoutMinutes());
                           t.dispatch.attempts = due.dispatch.attempts + 1;
                           change.notify << next.first().staff.userId;
                           reason += u"; re-dispatched to %1; supervisor informed"_s.arg(describe(next.first()));
                       }
                       change.reason = reason;
                       change.eventExtra.insert(u"reason"_s, reason);
                       change.eventExtra.insert(u"supervisors"_s, ids(supervisors));
                       if (previous.isValid())
                           change.eventExtra.insert(u"previousAssigneeId"_s, previous.value());
                       return std::nullopt;
                   });
        }
        return Outcome::success({{u"handled"_s, handled}});
    };
    request.done = [done](const Outcome &o) {
        if (!o.ok)
            qCWarning(lcServer).noquote() << "accept-timeout check failed:" << o.error.message;
        if (done)
            done(o);
    };
    m_writer.submit(std::move(request));
}

void DispatchService::pruneTracks()
{
    WriteRequest request;
    request.op = u"dispatch.prune"_s;
    const QDateTime olderThan = m_clock.now().addSecs(-qint64(m_config.trackHours) * 3600);
    const int maxPoints = m_config.trackMaxPoints;
    request.job = [olderThan, maxPoints](WriteContext &ctx) {
        ctx.store().pruneTracks(olderThan, maxPoints);
        return Outcome::success({});
    };
    m_writer.submit(std::move(request));
}

} // namespace crewline::server
