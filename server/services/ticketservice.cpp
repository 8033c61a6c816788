#include "server/services/ticketservice.h"

#include "server/services/ticketmutation.h"

#include "common/jsonwriter.h"
#include "common/permissions.h"
#include "server/clock.h"
#include "server/services/confirmationlinks.h"
#include "server/storage/store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <memory>

using namespace Qt::StringLiterals;

namespace crewline::server {

using protocol::ErrorCode;

namespace {

Outcome fail(ErrorCode code, const QString &message, const QJsonObject &details = {})
{
    return Outcome::failure(code, message, details);
}

std::optional<protocol::Error> error(ErrorCode code, const QString &message, const QJsonObject &details = {})
{
    return protocol::Error{code, message, details};
}

QJsonObject actorJson(const Caller &c)
{
    return {{u"id"_s, c.userId.value()}, {u"name"_s, c.displayName}};
}

// ticket.created: what ticketEvent(u"ticket.created"_s, ticket, {{"actor", actorJson(caller)}}, at) gives, written
// straight to JSON text around the ticket's summary already encoded (Ticket::writeJsonWithSummary).
StoredEvent createdEvent(const Ticket &ticket, const Caller &caller, const QByteArray &summary, const QDateTime &at)
{
    StoredEvent e;
    e.event.type = u"ticket.created"_s;
    e.event.at = at;
    e.event.ticketId = ticket.id;
    e.requesterId = ticket.requester.userId;
    QByteArray data;
    JsonWriter w(data);
    w.beginObject();
    w.key("actor");
    w.beginObject();
    w.key("id");
    w.value(caller.userId.value());
    w.key("name");
    w.value(caller.displayName);
    w.endObject();
    w.key("ticket");
    w.raw(summary);
    w.endObject();
    e.event.rawData = std::move(data);
    return e;
}

QJsonArray idArray(const QList<UserId> &ids)
{
    QJsonArray a;
    QSet<qint64> seen;
    for (UserId id : ids) {
        if (id.isValid() && !seen.contains(id.value())) {
            seen.insert(id.value());
            a.append(id.value());
        }
    }
    return a;
}

bool canSee(const Caller &caller, const Ticket &t)
{
    return caller.verifiedLink || roleSeesAllTickets(caller.role) ||
           (caller.userId.isValid() && t.requester.userId == caller.userId);
}

QStringList missingFields(const Ticket &t, const QStringList &required)
{
    QStringList missing;
    for (const QString &f : required) {
        if (!ticketHasField(t, f))
            missing << f;
    }
    return missing;
}

QJsonObject mergeFields(QJsonObject base, const QJsonObject &changes)
{
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            base.remove(it.key());
        else
            base.insert(it.key(), it.value());
    }
    return base;
}

// What changed between two states of a ticket, for the audit trail: field -> {from, to}.
QJsonObject diff(const Ticket &before, const Ticket &after)
{
    const QJsonObject a = before.toJson();
    const QJsonObject b = after.toJson();
    QJsonObject changes;
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (it.key() == u"version" || it.key() == u"updatedAt")
            continue;
        const QJsonValue old = a.value(it.key());
        if (old != it.value())
            changes.insert(it.key(), QJsonObject{{u"from"_s, old}, {u"to"_s, it.value()}});
    }
    return changes;
}

// Keeps the phase timestamps consistent with the status after any change.
void stampPhase(Ticket &t, Phase phase, const QDateTime &now)
{
    if (phase == Phase::Resolved || phase == Phase::Closed) {
        if (!t.resolvedAt.isValid())
            t.resolvedAt = now;
    } else {
        t.resolvedAt = {};
    }
    if (phase == Phase::Closed) {
        if (!t.closedAt.isValid())
            t.closedAt = now;
    } else {
        t.closedAt = {};
    }
}

Comment makeComment(const Caller &caller, TicketId ticket, CommentKind kind, const QString &body, const QDateTime &now)
{
    Comment c;
    c.ticketId = ticket;
    c.authorId = caller.userId;
    c.authorName = caller.displayName;
    c.kind = kind;
    c.body = body;
    c.createdAt = now;
    return c;
}

Comment addComment(WriteContext &ctx, const Caller &caller, const Ticket &ticket, Comment comment,
                   const QList<UserId> &notify)
{
    comment.id = ctx.store().insertComment(comment);
    const bool staffReply = comment.kind == CommentKind::Public && caller.role != Role::Requester &&
                            caller.userId != ticket.requester.userId;
    ctx.store().touchTicket(ticket.id, ctx.now(), staffReply ? ctx.now() : QDateTime());
    Ticket touched = ticket;
    touched.updatedAt = std::max(ticket.updatedAt, ctx.now());
    if (staffReply && !touched.firstResponseAt.isValid())
        touched.firstResponseAt = ctx.now();
    StoredEvent e = TicketService::ticketEvent(
        u"comment.added"_s, touched,
        {{u"comment"_s, comment.toJson()}, {u"actor"_s, actorJson(caller)}, {u"notify"_s, idArray(notify)}}, ctx.now());
    e.internal = comment.kind == CommentKind::Internal;
    ctx.emitEvent(e);
    return comment;
}

} // namespace

// Loads, checks and changes one ticket, then stores it with its audit entry and event. The heart of every
// ticket operation: optimistic concurrency (version), visibility, merged tickets, phase timestamps.
Outcome mutate(WriteContext &ctx, const TicketTypeRegistry &types, const Caller &caller, TicketId id,
               std::optional<qint64> version, const QString &action, const ChangeFn &fn)
{
    Store &store = ctx.store();
    const std::optional<Ticket> loaded = store.ticket(id);
    if (!loaded || !canSee(caller, *loaded))
        return fail(ErrorCode::NotFound, u"no ticket %1"_s.arg(id.value()), {{u"ticketId"_s, id.value()}});
    const Ticket &before = *loaded;
    if (version && *version != before.version) {
        return fail(ErrorCode::Conflict,
                    u"%1 changed since version %2 (now %3)"_s.arg(before.number).arg(*version).arg(before.version),
                    {{u"current"_s, before.toJson()}, {u"yourVersion"_s, *version}});
    }
    if (before.mergedInto.isValid()) {
        return fail(ErrorCode::InvalidTransition, u"%1 was merged into another ticket"_s.arg(before.number),
                    {{u"mergedInto"_s, before.mergedInto.value()}});
    }
    const TicketType *type = types.type(before.type);
    if (!type)
        return fail(ErrorCode::Internal, u"ticket type \"%1\" is not configured"_s.arg(before.type));

    Ticket after = before;
    Change change;
    if (const std::optional<protocol::Error> e = fn(after, *type, change))
        return Outcome::failure(e->code, e->message, e->details);

    const QJsonObject changes = diff(before, after);
    if (changes.isEmpty() && change.message.isEmpty())
        return Outcome::success({{u"ticket"_s, before.toJson()}, {u"unchanged"_s, true}});

    const Phase phase = type->phaseOf(after.status);
    // A dispatch deadline only runs while a ticket waits to be accepted (dispatchservice.h).
    if (after.dispatch.isValid() && after.dispatch.deadline.isValid() &&
        (after.acceptedAt.isValid() || phase == Phase::Resolved || phase == Phase::Closed ||
         after.status == TicketType::kSuspended))
        after.dispatch.deadline = {};
    if (after.dispatch.mode == u"assigned" && !after.assigneeId.isValid())
        after.dispatch = {}; // handed back: no longer dispatched
    stampPhase(after, phase, ctx.now());
    after.version = before.version + 1;
    after.updatedAt = ctx.now();
    store.updateTicket(after, static_cast<int>(phase));

    AuditEntry audit;
    audit.ticketId = after.id;
    audit.actorId = caller.userId;
    audit.actorName = caller.displayName;
    audit.at = ctx.now();
    audit.action = change.auditAction.isEmpty() ? action : change.auditAction;
    audit.changes = diff(before, after);
    audit.reason = change.reason;
    store.insertAudit(audit);

    QJsonArray changed;
    for (auto it = audit.changes.begin(); it != audit.changes.end(); ++it)
        changed.append(it.key());
    // "previous" lets subscribers filtered by assignee or team see a ticket leave their scope.
    const QJsonObject previous{
        {u"assigneeId"_s,
         before.assigneeId.isValid() ? QJsonValue(before.assigneeId.value()) : QJsonValue(QJsonValue::Null)},
        {u"teamId"_s, before.teamId.isValid() ? QJsonValue(before.teamId.value()) : QJsonValue(QJsonValue::Null)},
        {u"status"_s, before.status},
        {u"type"_s, before.type}};
    QJsonObject eventData = change.eventExtra;
    eventData.insert(u"action"_s, audit.action);
    eventData.insert(u"changed"_s, changed);
    eventData.insert(u"previous"_s, previous);
    eventData.insert(u"actor"_s, actorJson(caller));
    eventData.insert(u"notify"_s, idArray(change.notify));
    ctx.emitEvent(TicketService::ticketEvent(u"ticket.changed"_s, after, eventData, ctx.now()));
    if (!change.message.isEmpty())
        addComment(ctx, caller, after, makeComment(caller, after.id, change.messageKind, change.message, ctx.now()),
                   {});
    return Outcome::success({{u"ticket"_s, after.toJson()}});
}

Caller systemCaller()
{
    Caller c;
    c.role = Role::Admin;
    c.username = u"system"_s;
    c.displayName = u"System"_s;
    return c;
}

std::optional<protocol::Error> takeTicket(Ticket &t, const TicketType &type, UserId who, TeamId whoTeam,
                                          const QDateTime &now)
{
    if (type.isFinal(t.status) || t.status == TicketType::kSuspended)
        return protocol::Error{ErrorCode::InvalidTransition,
                               u"%1 cannot be taken while it is \"%2\""_s.arg(t.number, t.status),
                               {{u"status"_s, t.status}}};
    t.assigneeId = who;
    if (!t.teamId.isValid())
        t.teamId = whoTeam;
    if (const TransitionDef *tr = type.triggered(u"assign"_s, t.status))
        t.status = tr->to;
    if (const TransitionDef *tr = type.triggered(u"accept"_s, t.status))
        t.status = tr->to;
    t.acceptedAt = now;
    if (!t.firstResponseAt.isValid())
        t.firstResponseAt = now;
    t.dispatch.mode = u"assigned"_s;
    t.dispatch.deadline = {};
    return std::nullopt;
}

namespace {

std::optional<protocol::Error> checkStaff(Store &store, UserId id, User *out = nullptr)
{
    const std::optional<UserRecord> user = store.userById(id);
    if (!user || !user->user.active)
        return error(ErrorCode::NotFound, u"no active user %1"_s.arg(id.value()), {{u"assigneeId"_s, id.value()}});
    const Role r = user->user.role;
    if (r == Role::Requester || r == Role::Manager || r == Role::Auditor)
        return error(ErrorCode::InvalidField,
                     u"%1 cannot hold tickets (role %2)"_s.arg(user->user.displayName, roleName(r)),
                     {{u"field"_s, u"assigneeId"_s}});
    if (out)
        *out = user->user;
    return std::nullopt;
}

// The tickets table does not enforce its references to teams and people: a request naming one that does not exist
// is refused here, with the field it came in.
std::optional<protocol::Error> checkTeam(Store &store, TeamId id, const QString &field)
{
    if (!id.isValid())
        return std::nullopt;
    for (const Team &t : store.teams()) {
        if (t.id == id)
            return std::nullopt;
    }
    return error(ErrorCode::InvalidField, u"there is no team %1"_s.arg(id.value()), {{u"field"_s, field}});
}

std::optional<protocol::Error> checkUser(Store &store, UserId id, const QString &field)
{
    if (!id.isValid() || store.userById(id))
        return std::nullopt;
    return error(ErrorCode::InvalidField, u"there is no user %1"_s.arg(id.value()), {{u"field"_s, field}});
}

// Applies a workflow transition to a ticket: status, unassignment, required fields.
std::optional<protocol::Error> applyTransition(Ticket &t, const TicketType &type, const TransitionDef &tr,
                                               const QJsonObject &fields)
{
    const QJsonValue outcome = fields.value(callback::kResult);
    if (!outcome.isUndefined() && !outcome.isNull() && !callback::isOutcome(outcome.toString())) {
        return error(ErrorCode::InvalidField,
                     u"\"callbackResult\" must be one of: %1"_s.arg(callback::outcomes().join(u", "_s)),
                     {{u"field"_s, u"fields.callbackResult"_s},
                      {u"allowed"_s, QJsonArray::fromStringList(callback::outcomes())}});
    }
    const Phase fromPhase = type.phaseOf(t.status);
    const Phase toPhase = type.phaseOf(tr.to);
    t.fields = mergeFields(t.fields, fields);
    t.status = tr.to;
    if (type.callbackRequired() && (toPhase == Phase::New || toPhase == Phase::Active)) {
        // Back to work: the next completion needs a callback of its own (the old one stays in the history).
        for (const QString &f : callback::fieldNames())
            t.fields.remove(f);
    }
    if (type.callbackRequired() && fromPhase == Phase::Resolved && toPhase == Phase::Closed) {
        // Enforced here, not only by the shape of the workflow: a type edited to close straight from "completed"
        // still cannot skip the callback.
        if (!ticketHasField(t, QString(callback::kResult)))
            return error(ErrorCode::MissingFields,
                         u"%1 cannot close before the customer has been called back (回访)"_s.arg(t.number),
                         {{u"fields"_s, QJsonArray{QString(callback::kResult)}},
                          {u"transition"_s, tr.id},
                          {u"reason"_s, u"callback_required"_s}});
        if (t.fields.value(callback::kResult).toString() == u"unresolved")
            return error(
                ErrorCode::InvalidTransition,
                u"the callback found %1 unresolved: return it to the engineer instead of closing"_s.arg(t.number),
                {{u"status"_s, t.status}, {u"reason"_s, u"callback_unresolved"_s}});
    }
    if (tr.unassign) {
        t.assigneeId = UserId();
        t.acceptedAt = {};
    }
    QStringList required = tr.requiredFields;
    if (const StatusDef *s = type.status(tr.to))
        required += s->requiredFields;
    required.removeDuplicates();
    const QStringList missing = missingFields(t, required);
    if (!missing.isEmpty()) {
        return error(ErrorCode::MissingFields, u"\"%1\" needs these fields: %2"_s.arg(tr.id, missing.join(u", "_s)),
                     {{u"fields"_s, QJsonArray::fromStringList(missing)}, {u"transition"_s, tr.id}});
    }
    return std::nullopt;
}

std::optional<protocol::Error> notAllowed(const TicketType &type, const Ticket &t, const QString &what)
{
    return error(ErrorCode::InvalidTransition, u"%1 is not possible while %2 is \"%3\""_s.arg(what, t.number, t.status),
                 {{u"status"_s, t.status}, {u"type"_s, type.id()}});
}

} // namespace

TicketService::TicketService(Store &reader, WriteQueue &writer, const TicketTypeRegistry &types, const Clock &clock)
    : m_reader(reader)
    , m_writer(writer)
    , m_types(types)
    , m_clock(clock)
{
}

QJsonObject TicketService::summary(const Ticket &ticket)
{
    return ticket.toSummaryJson();
}

StoredEvent TicketService::ticketEvent(const QString &type, const Ticket &ticket, const QJsonObject &extra,
                                       const QDateTime &at)
{
    StoredEvent e;
    e.event.type = type;
    e.event.at = at;
    e.event.ticketId = ticket.id;
    e.requesterId = ticket.requester.userId;
    // Encoded once, here: the event log stores these bytes and every push splices them in (encodeEventPush). The
    // summary is written by ticketjson.h, the extra members by QJsonDocument, "ticket" last.
    QByteArray data = extra.isEmpty() ? QByteArray("{") : QJsonDocument(extra).toJson(QJsonDocument::Compact);
    if (extra.contains(u"ticket"_s) || !data.endsWith('}')) {
        e.event.data = extra;
        e.event.data.insert(u"ticket"_s, summary(ticket));
        return e;
    }
    if (!extra.isEmpty())
        data.back() = ',';
    data += "\"ticket\":";
    JsonWriter w(data);
    ticket.writeJson(w, true);
    data += '}';
    e.event.rawData = std::move(data);
    return e;
}

std::optional<Ticket> TicketService::resolveMerged(Store &store, TicketId id)
{
    std::optional<Ticket> t = store.ticket(id);
    for (int hops = 0; t && t->mergedInto.isValid() && hops < 16; ++hops)
        t = store.ticket(t->mergedInto);
    return t;
}

void TicketService::submit(const Caller &caller, const QString &idem, protocol::Op op, WriteJob job, Reply reply)
{
    WriteRequest request;
    request.user = caller.userId;
    request.idemKey = idem;
    request.op = protocol::opName(op);
    request.job = std::move(job);
    request.done = std::move(reply);
    m_writer.submit(std::move(request));
}

// --- reads --------------------------------------------------------------------------------------------------------

Outcome TicketService::list(const Caller &caller, const protocol::TicketQuery &query)
{
    static const QStringList sortKeys = {u"created"_s, u"updated"_s, u"priority"_s, u"number"_s, u"status"_s};
    if (!sortKeys.contains(query.sort))
        return fail(ErrorCode::InvalidField, u"field \"sort\" must be one of: %1"_s.arg(sortKeys.join(u", "_s)),
                    {{u"field"_s, u"sort"_s}});
    if (query.shape != u"objects" && query.shape != u"rows")
        return fail(ErrorCode::InvalidField, u"field \"shape\" must be \"objects\" or \"rows\""_s,
                    {{u"field"_s, u"shape"_s}});
    if (query.afterId.isValid() && query.sort != u"number")
        return fail(ErrorCode::InvalidField, u"\"afterId\" needs \"sort\": \"number\""_s, {{u"field"_s, u"afterId"_s}});
    for (const QString &p : query.priorities) {
        if (!priorityFromName(p))
            return fail(ErrorCode::InvalidField, u"unknown priority \"%1\""_s.arg(p), {{u"field"_s, u"priorities"_s}});
    }
    Visibility visibility;
    visibility.all = roleSeesAllTickets(caller.role);
    visibility.requester = caller.userId;
    const qint64 seq = m_reader.lastSeq();
    // Statuses that are open in every ticket type that has them imply "open" (a ticket's phase follows from its
    // status): the store may then walk the open tickets in list order (tickets_open) instead of gathering every
    // ticket of each status and sorting them. The same tickets either way.
    protocol::TicketQuery effective = query;
    if (!query.statuses.isEmpty() && !query.open) {
        const auto open = [this](const QString &status) {
            bool known = false;
            for (const TicketType *type : m_types.all()) {
                if (!type->status(status))
                    continue;
                known = true;
                if (type->phaseOf(status) == Phase::Closed)
                    return false;
            }
            return known;
        };
        if (std::all_of(query.statuses.cbegin(), query.statuses.cend(), open))
            effective.open = true;
    }
    // Written straight from the rows to JSON text: building a Ticket, or a QJsonObject, per row cost several times
    // more (docs/performance.md).
    QByteArray json;
    json.reserve(256 + query.limit * 640);
    JsonWriter w(json);
    w.beginObject();
    const bool rows = query.shape == u"rows";
    if (rows) {
        w.key("columns");
        w.beginArray();
        for (const char *column : kTicketRowColumns)
            w.value(QUtf8StringView(column));
        w.endArray();
    }
    w.key("offset");
    w.value(query.offset);
    w.key("seq");
    w.value(seq);
    w.key(rows ? "rows" : "tickets");
    w.beginArray();
    const TicketListWritten page =
        m_reader.writeTicketSummaries(effective, visibility, w, rows ? TicketShape::Row : TicketShape::Object);
    w.endArray();
    if (page.total >= 0) {
        w.key("total");
        w.value(page.total);
        if (page.totalCapped) {
            w.key("totalCapped");
            w.value(true);
        }
    }
    w.endObject();
    return Outcome::successRaw(std::move(json));
}

Outcome TicketService::get(const Caller &caller, const protocol::TicketGet &request)
{
    // The sequence number first: events after it may or may not be in what follows, never missing from a resume.
    const qint64 seq = m_reader.lastSeq();
    std::optional<Ticket> t;
    if (request.ticketId.isValid())
        t = m_reader.ticket(request.ticketId);
    else if (!request.number.isEmpty())
        t = m_reader.ticketByNumber(request.number);
    else
        return fail(ErrorCode::InvalidField, u"give \"ticketId\" or \"number\""_s, {{u"field"_s, u"ticketId"_s}});
    if (!t || !canSee(caller, *t))
        return fail(ErrorCode::NotFound, u"no such ticket"_s);

    const bool internal = roleSeesInternalNotes(caller.role);
    QJsonArray comments, attachments, history, links, transitions;
    // Internal notes must not reach a requester by a side door either: a file attached to one, or the same text
    // kept as the reason of the change it came with (an assignment note, a suspension reason).
    QSet<qint64> hiddenComments;
    QSet<QString> hiddenTexts;
    for (const Comment &c : m_reader.comments(t->id, true)) {
        if (internal || c.kind == CommentKind::Public) {
            comments.append(c.toJson());
        } else {
            hiddenComments.insert(c.id.value());
            hiddenTexts.insert(c.body);
        }
    }
    for (const AttachmentInfo &a : m_reader.attachments(t->id)) {
        if (!hiddenComments.contains(a.commentId.value()))
            attachments.append(a.toJson());
    }
    for (AuditEntry a : m_reader.history(t->id)) {
        if (hiddenTexts.contains(a.reason))
            a.reason.clear();
        history.append(a.toJson());
    }
    for (const TicketLink &l : m_reader.links(t->id))
        links.append(l.toJson());
    if (const TicketType *type = m_types.type(t->type)) {
        for (const TransitionDef *tr : type->available(t->status, caller.actor(), t->assigneeId, t->requester.userId))
            transitions.append(tr->id);
    }
    return Outcome::success({{u"ticket"_s, t->toJson()},
                             {u"comments"_s, comments},
                             {u"attachments"_s, attachments},
                             {u"history"_s, history},
                             {u"links"_s, links},
                             {u"transitions"_s, transitions},
                             {u"seq"_s, seq}});
}

Outcome TicketService::typeList(const QString &) const
{
    QJsonArray types;
    for (const TicketType *t : m_types.all())
        types.append(t->toJson());
    return Outcome::success({{u"types"_s, types}, {u"default"_s, m_types.defaultTypeId()}});
}

// --- writes -------------------------------------------------------------------------------------------------------

void TicketService::create(const Caller &caller, const protocol::TicketCreate &request, const QString &idem,
                           Reply reply)
{
    const QString typeId = request.type.isEmpty() ? m_types.defaultTypeId() : request.type;
    const TicketType *type = m_types.type(typeId);
    if (!type) {
        reply(fail(ErrorCode::InvalidField, u"unknown ticket type \"%1\""_s.arg(typeId), {{u"field"_s, u"type"_s}}));
        return;
    }
    if (request.title.trimmed().isEmpty() && request.description.trimmed().isEmpty()) {
        reply(fail(ErrorCode::InvalidField, u"a ticket needs at least a one-line title or a description"_s,
                   {{u"field"_s, u"title"_s}}));
        return;
    }
    if (!request.source.isEmpty() && !allSourceNames().contains(request.source)) {
        reply(fail(ErrorCode::InvalidField,
                   u"field \"source\" must be one of: %1"_s.arg(allSourceNames().join(u", "_s)),
                   {{u"field"_s, u"source"_s}}));
        return;
    }
    Ticket t;
    t.type = typeId;
    t.status = type->initialStatus();
    t.priority = request.priority.value_or(type->defaultPriority());
    t.title = request.title.trimmed();
    if (t.title.isEmpty()) // one line is enough: the title comes from the description's first line
        t.title = request.description.trimmed().section(u'\n', 0, 0).left(80);
    t.description = request.description;
    t.category = request.category;
    t.department = request.department;
    t.requester = request.requester;
    if (caller.role == Role::Requester) {
        t.requester.userId = caller.userId; // requesters always file for themselves
        if (t.requester.name.isEmpty())
            t.requester.name = caller.displayName;
    }
    t.address = request.address;
    t.location = request.location;
    t.source = request.source.isEmpty() ? u"console"_s : request.source;
    t.teamId = request.teamId;
    t.createdBy = caller.userId;
    t.fields = request.fields_;
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketCreate,
        [t, caller, &types](WriteContext &ctx) mutable {
            for (const auto &e : {checkTeam(ctx.store(), t.teamId, u"teamId"_s),
                                  checkUser(ctx.store(), t.requester.userId, u"requester.userId"_s)}) {
                if (e)
                    return Outcome::failure(e->code, e->message, e->details);
            }
            const TicketType *type = types.type(t.type);
            t.createdAt = ctx.now();
            t.updatedAt = ctx.now();
            t.version = 1;
            t.number = ctx.store().nextTicketNumber(ctx.now().date().year());
            const Phase phase = type ? type->phaseOf(t.status) : Phase::New;
            t.id = ctx.store().insertTicket(t, static_cast<int>(phase));
            AuditEntry audit;
            audit.ticketId = t.id;
            audit.actorId = caller.userId;
            audit.actorName = caller.displayName;
            audit.at = ctx.now();
            audit.action = u"create"_s;
            audit.changes = {{u"status"_s, QJsonObject{{u"from"_s, QJsonValue::Null}, {u"to"_s, t.status}}}};
            ctx.store().insertAudit(audit);
            // Written straight to JSON text (ticketjson.h), once: the answer and the idempotency record use these
            // bytes, the event the summary cut out of them.
            QByteArray result, summary;
            JsonWriter w(result);
            w.beginObject();
            w.key("ticket");
            t.writeJsonWithSummary(w, summary);
            w.endObject();
            ctx.emitEvent(createdEvent(t, caller, summary, ctx.now()));
            return Outcome::successRaw(std::move(result));
        },
        std::move(reply));
}

void TicketService::update(const Caller &caller, const protocol::TicketUpdate &r, const QString &idem, Reply reply)
{
    if (r.changes.type && !m_types.type(*r.changes.type)) {
        reply(fail(ErrorCode::InvalidField, u"unknown ticket type \"%1\""_s.arg(*r.changes.type),
                   {{u"field"_s, u"changes.type"_s}}));
        return;
    }
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketUpdate,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(
                ctx, types, caller, r.ticketId, r.version, u"update"_s,
                [&](Ticket &t, const TicketType &, Change &) -> std::optional<protocol::Error> {
                    if (caller.role == Role::Engineer && t.assigneeId != caller.userId)
                        return error(ErrorCode::Forbidden, u"engineers may edit only tickets assigned to them"_s);
                    const protocol::TicketChanges &c = r.changes;
                    if (c.title) {
                        if (c.title->trimmed().isEmpty())
                            return error(ErrorCode::InvalidField, u"the title cannot be empty"_s,
                                         {{u"field"_s, u"changes.title"_s}});
                        t.title = c.title->trimmed();
                    }
                    if (c.description)
                        t.description = *c.description;
                    if (c.category)
                        t.category = *c.category;
                    if (c.department)
                        t.department = *c.department;
                    if (c.address)
                        t.address = *c.address;
                    if (c.priority)
                        t.priority = *c.priority;
                    if (c.requester) {
                        if (auto e = checkUser(ctx.store(), c.requester->userId, u"changes.requester.userId"_s))
                            return e;
                        const UserId owner = t.requester.userId;
                        t.requester = *c.requester;
                        if (!c.requester->userId.isValid())
                            t.requester.userId = owner;
                    }
                    if (c.location)
                        t.location = *c.location;
                    if (c.teamId) {
                        if (auto e = checkTeam(ctx.store(), *c.teamId, u"changes.teamId"_s))
                            return e;
                        t.teamId = *c.teamId;
                    }
                    if (c.fields_)
                        t.fields = mergeFields(t.fields, *c.fields_);
                    if (c.type && *c.type != t.type) {
                        // Changing type restarts the lifecycle unless the status exists in both.
                        const TicketType *to = types.type(*c.type);
                        if (!to->status(t.status)) {
                            if (types.type(t.type)->phaseOf(t.status) != Phase::New)
                                return error(ErrorCode::InvalidTransition,
                                             u"the type can only change before work starts"_s,
                                             {{u"field"_s, u"changes.type"_s}});
                            t.status = to->initialStatus();
                        }
                        t.type = *c.type;
                    }
                    return std::nullopt;
                });
        },
        std::move(reply));
}

void TicketService::assign(const Caller &caller, const protocol::TicketAssign &r, const QString &idem, Reply reply)
{
    if (!r.assigneeId.isValid() && !r.teamId.isValid()) {
        reply(fail(ErrorCode::InvalidField, u"give \"assigneeId\", \"teamId\" or both"_s,
                   {{u"field"_s, u"assigneeId"_s}}));
        return;
    }
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketAssign,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(
                ctx, types, caller, r.ticketId, r.version, u"assign"_s,
                [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                    if (type.isFinal(t.status))
                        return notAllowed(type, t, u"Assigning"_s);
                    if (t.status == TicketType::kSuspended)
                        return notAllowed(type, t, u"Assigning"_s);
                    if (auto e = checkTeam(ctx.store(), r.teamId, u"teamId"_s))
                        return e;
                    if (r.assigneeId.isValid()) {
                        User assignee;
                        if (auto e = checkStaff(ctx.store(), r.assigneeId, &assignee))
                            return e;
                        if (t.assigneeId != r.assigneeId) {
                            t.acceptedAt = {};
                            // A dispatch by hand: the accept timeout of the type runs from now.
                            if (t.assigneeId.isValid() && !t.dispatch.tried.contains(t.assigneeId))
                                t.dispatch.tried << t.assigneeId;
                            t.dispatch.mode = u"assigned"_s;
                            t.dispatch.offeredTo.clear();
                            t.dispatch.rule.clear();
                            t.dispatch.dispatchedAt = ctx.now();
                            t.dispatch.deadline = ctx.now().addSecs(qint64(type.acceptTimeoutMinutes()) * 60);
                        }
                        t.assigneeId = r.assigneeId;
                        t.teamId =
                            r.teamId.isValid() ? r.teamId : (assignee.teamId.isValid() ? assignee.teamId : t.teamId);
                        change.notify << r.assigneeId;
                    } else {
                        t.teamId = r.teamId;
                    }
                    if (const TransitionDef *tr = type.triggered(u"assign"_s, t.status); tr && t.assigneeId.isValid())
                        t.status = tr->to;
                    change.reason = r.note;
                    if (!r.note.isEmpty()) {
                        change.message = r.note;
                        change.messageKind = CommentKind::Internal;
                    }
                    return std::nullopt;
                });
        },
        std::move(reply));
}

void TicketService::accept(const Caller &caller, const protocol::TicketAccept &r, const QString &idem, Reply reply)
{
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketAccept,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(
                ctx, types, caller, r.ticketId, r.version, u"accept"_s,
                [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                    // An offer (dispatch mode "offer"): the first offered engineer to accept takes it.
                    if (t.dispatch.mode == u"offer" && !t.assigneeId.isValid()) {
                        if (!t.dispatch.offeredTo.contains(caller.userId))
                            return error(ErrorCode::Forbidden, u"%1 was not offered to you"_s.arg(t.number));
                        change.auditAction = u"claim"_s;
                        for (UserId other : t.dispatch.offeredTo) {
                            if (other != caller.userId)
                                change.notify << other;
                        }
                        change.eventExtra.insert(u"withdrawnFrom"_s, idArray(change.notify));
                        return takeTicket(t, type, caller.userId, caller.teamId, ctx.now());
                    }
                    if (t.assigneeId.isValid() && t.assigneeId != caller.userId &&
                        (t.dispatch.offeredTo.contains(caller.userId) ||
                         (t.dispatch.attempts > 0 && t.dispatch.tried.contains(caller.userId))))
                        return error(ErrorCode::AlreadyClaimed, u"%1 has gone to someone else"_s.arg(t.number),
                                     {{u"assigneeId"_s, t.assigneeId.value()}});
                    if (t.assigneeId != caller.userId && caller.role != Role::Admin)
                        return error(ErrorCode::Forbidden, u"only the assigned engineer can accept %1"_s.arg(t.number));
                    if (t.acceptedAt.isValid())
                        return notAllowed(type, t, u"Accepting again"_s);
                    const TransitionDef *tr = type.triggered(u"accept"_s, t.status);
                    bool typeHasAccept = false;
                    for (const TransitionDef &d : type.transitions())
                        typeHasAccept = typeHasAccept || d.trigger == u"accept";
                    if (typeHasAccept && !tr)
                        return notAllowed(type, t, u"Accepting"_s);
                    if (type.isFinal(t.status))
                        return notAllowed(type, t, u"Accepting"_s);
                    if (tr)
                        t.status = tr->to;
                    t.acceptedAt = ctx.now();
                    if (!t.firstResponseAt.isValid())
                        t.firstResponseAt = ctx.now();
                    return std::nullopt;
                });
        },
        std::move(reply));
}

void TicketService::comment(const Caller &caller, const protocol::TicketComment &r, const QString &idem, Reply reply)
{
    if (r.body.trimmed().isEmpty()) {
        reply(fail(ErrorCode::InvalidField, u"the message is empty"_s, {{u"field"_s, u"body"_s}}));
        return;
    }
    if (r.kind == CommentKind::Internal && !roleSeesInternalNotes(caller.role)) {
        reply(fail(ErrorCode::Forbidden, u"requesters cannot write internal notes"_s));
        return;
    }
    submit(
        caller, idem, protocol::Op::TicketComment,
        [caller, r](WriteContext &ctx) {
            const std::optional<Ticket> t = resolveMerged(ctx.store(), r.ticketId);
            if (!t || !canSee(caller, *t))
                return fail(ErrorCode::NotFound, u"no ticket %1"_s.arg(r.ticketId.value()));
            Comment c = makeComment(caller, t->id, r.kind, r.body, ctx.now());
            QList<UserId> notify;
            if (t->assigneeId != caller.userId)
                notify << t->assigneeId;
            c = addComment(ctx, caller, *t, c, notify);
            return Outcome::success({{u"comment"_s, c.toJson()}, {u"ticketId"_s, t->id.value()}});
        },
        std::move(reply));
}

void TicketService::transition(const Caller &caller, const protocol::TicketTransition &r, const QString &idem,
                               Reply reply)
{
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketTransition,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(
                ctx, types, caller, r.ticketId, r.version, u"transition"_s,
                [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                    const TransitionDef *tr = type.transition(r.transition);
                    if (!tr)
                        return error(ErrorCode::InvalidTransition,
                                     u"type \"%1\" has no transition \"%2\""_s.arg(type.id(), r.transition),
                                     {{u"transition"_s, r.transition}});
                    if (!tr->trigger.isEmpty())
                        return error(ErrorCode::InvalidTransition,
                                     u"\"%1\" is performed by ticket.%2"_s.arg(tr->id, tr->trigger),
                                     {{u"transition"_s, tr->id}});
                    if (!tr->from.contains(t.status))
                        return notAllowed(type, t, u"\"%1\""_s.arg(tr->id));
                    if (!type.mayPerform(*tr, caller.actor(), t.assigneeId, t.requester.userId))
                        return error(ErrorCode::Forbidden,
                                     u"your role may not perform \"%1\" on %2"_s.arg(tr->id, t.number));
                    if (t.pendingApproval.isValid())
                        return error(ErrorCode::InvalidTransition, u"%1 is waiting for an approval of \"%2\""_s.arg(
                                                                       t.number, t.pendingApproval.transition));
                    if (tr->requiresComment && r.comment.trimmed().isEmpty())
                        return error(ErrorCode::MissingFields, u"\"%1\" needs a comment (a reason)"_s.arg(tr->id),
                                     {{u"fields"_s, QJsonArray{u"comment"_s}}});
                    change.message = r.comment;
                    change.reason = r.comment;
                    const bool needsApproval = !tr->approverRole.isEmpty() && caller.role != Role::Admin &&
                                               roleFromName(tr->approverRole) != caller.role;
                    if (needsApproval) {
                        // Check the fields now, so that the approver is not asked to approve the impossible.
                        Ticket probe = t;
                        if (auto e = applyTransition(probe, type, *tr, r.fields_))
                            return e;
                        t.pendingApproval = {tr->id, tr->approverRole, caller.userId, ctx.now(), r.fields_, r.comment};
                        change.auditAction = u"approval_requested"_s;
                        change.message.clear();
                        return std::nullopt;
                    }
                    if (tr->unassign && t.assigneeId.isValid())
                        change.notify << t.assigneeId;
                    if (t.requester.userId.isValid())
                        change.notify << t.requester.userId;
                    return applyTransition(t, type, *tr, r.fields_);
                });
        },
        std::move(reply));
}

void TicketService::approve(const Caller &caller, const protocol::TicketApprove &r, const QString &idem, Reply reply)
{
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketApprove,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(ctx, types, caller, r.ticketId, r.version, r.approve ? u"approve"_s : u"reject_approval"_s,
                          [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                              if (!t.pendingApproval.isValid())
                                  return error(ErrorCode::InvalidTransition, u"%1 awaits no approval"_s.arg(t.number));
                              const PendingApproval pending = t.pendingApproval;
                              if (caller.role != Role::Admin && roleFromName(pending.approverRole) != caller.role)
                                  return error(ErrorCode::Forbidden,
                                               u"this approval needs the role \"%1\""_s.arg(pending.approverRole));
                              t.pendingApproval = {};
                              change.notify << pending.requestedBy;
                              change.reason = r.comment;
                              change.message = r.comment;
                              if (!r.approve)
                                  return std::nullopt;
                              const TransitionDef *tr = type.transition(pending.transition);
                              if (!tr || !tr->from.contains(t.status))
                                  return notAllowed(type, t, u"The approved step"_s);
                              return applyTransition(t, type, *tr, pending.fields);
                          });
        },
        std::move(reply));
}

void TicketService::suspend(const Caller &caller, const protocol::TicketSuspend &r, const QString &idem, Reply reply)
{
    if (r.comment.trimmed().isEmpty()) {
        reply(fail(ErrorCode::MissingFields, u"suspending needs a reason in \"comment\""_s,
                   {{u"fields"_s, QJsonArray{u"comment"_s}}}));
        return;
    }
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketSuspend,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(ctx, types, caller, r.ticketId, r.version, u"suspend"_s,
                          [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                              if (caller.role == Role::Engineer && t.assigneeId != caller.userId)
                                  return error(ErrorCode::Forbidden, u"not your ticket"_s);
                              if (!type.canSuspend(t.status))
                                  return notAllowed(type, t, u"Suspending"_s);
                              t.suspendedFrom = t.status;
                              t.status = TicketType::kSuspended;
                              change.reason = r.comment;
                              change.message = r.comment;
                              change.messageKind = CommentKind::Internal;
                              return std::nullopt;
                          });
        },
        std::move(reply));
}

void TicketService::resume(const Caller &caller, const protocol::TicketResume &r, const QString &idem, Reply reply)
{
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketResume,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(ctx, types, caller, r.ticketId, r.version, u"resume"_s,
                          [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                              if (caller.role == Role::Engineer && t.assigneeId != caller.userId)
                                  return error(ErrorCode::Forbidden, u"not your ticket"_s);
                              if (t.status != TicketType::kSuspended || t.suspendedFrom.isEmpty())
                                  return notAllowed(type, t, u"Resuming"_s);
                              t.status = t.suspendedFrom;
                              t.suspendedFrom.clear();
                              change.reason = r.comment;
                              change.message = r.comment;
                              change.messageKind = CommentKind::Internal;
                              change.notify << t.assigneeId;
                              return std::nullopt;
                          });
        },
        std::move(reply));
}

void TicketService::urge(const Caller &caller, const protocol::TicketUrge &r, const QString &idem, Reply reply)
{
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketUrge,
        [caller, r, &types](WriteContext &ctx) {
            const std::optional<Ticket> target = resolveMerged(ctx.store(), r.ticketId);
            if (!target)
                return fail(ErrorCode::NotFound, u"no ticket %1"_s.arg(r.ticketId.value()));
            // Urging is not based on a version: pressing on a ticket never conflicts with work on it.
            return mutate(ctx, types, caller, target->id, std::nullopt, u"urge"_s,
                          [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                              if (type.phaseOf(t.status) == Phase::Closed)
                                  return notAllowed(type, t, u"Urging"_s);
                              t.urgeCount += 1;
                              change.notify << t.assigneeId;
                              change.reason = r.comment;
                              change.message = r.comment;
                              return std::nullopt;
                          });
        },
        std::move(reply));
}

void TicketService::reopen(const Caller &caller, const protocol::TicketReopen &r, const QString &idem, Reply reply)
{
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketReopen,
        [caller, r, &types](WriteContext &ctx) {
            return mutate(ctx, types, caller, r.ticketId, r.version, u"reopen"_s,
                          [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                              const TransitionDef *tr = type.triggered(u"reopen"_s, t.status);
                              if (!tr)
                                  return notAllowed(type, t, u"Reopening"_s);
                              if (!type.mayPerform(*tr, caller.actor(), t.assigneeId, t.requester.userId))
                                  return error(ErrorCode::Forbidden, u"your role may not reopen %1"_s.arg(t.number));
                              if (tr->requiresComment && r.comment.trimmed().isEmpty())
                                  return error(ErrorCode::MissingFields, u"reopening needs a reason in \"comment\""_s,
                                               {{u"fields"_s, QJsonArray{u"comment"_s}}});
                              change.reason = r.comment;
                              change.message = r.comment;
                              change.notify << t.assigneeId;
                              return applyTransition(t, type, *tr, {});
                          });
        },
        std::move(reply));
}

void TicketService::split(const Caller &caller, const protocol::TicketSplit &r, const QString &idem, Reply reply)
{
    if (r.commentIds.isEmpty()) {
        reply(fail(ErrorCode::InvalidField, u"choose at least one message to move"_s, {{u"field"_s, u"commentIds"_s}}));
        return;
    }
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketSplit,
        [caller, r, &types](WriteContext &ctx) {
            Store &store = ctx.store();
            QList<Comment> moved;
            for (CommentId id : r.commentIds) {
                const std::optional<Comment> c = store.comment(id);
                if (!c || c->ticketId != r.ticketId)
                    return fail(ErrorCode::InvalidField,
                                u"message %1 is not on ticket %2"_s.arg(id.value()).arg(r.ticketId.value()),
                                {{u"field"_s, u"commentIds"_s}});
                moved << *c;
            }
            Ticket created;
            Outcome source =
                mutate(ctx, types, caller, r.ticketId, r.version, u"split"_s,
                       [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                           if (type.isFinal(t.status))
                               return notAllowed(type, t, u"Splitting"_s);
                           created.type = t.type;
                           created.status = type.initialStatus();
                           created.priority = t.priority;
                           created.category = t.category;
                           created.department = t.department;
                           created.requester = t.requester; // the requester stays the same person
                           created.address = t.address;
                           created.location = t.location;
                           created.source = t.source;
                           created.teamId = t.teamId;
                           created.createdBy = caller.userId;
                           created.createdAt = ctx.now();
                           created.updatedAt = ctx.now();
                           created.version = 1;
                           created.description = moved.first().body;
                           created.title = r.title.trimmed().isEmpty()
                                               ? moved.first().body.trimmed().section(u'\n', 0, 0).left(80)
                                               : r.title.trimmed();
                           created.number = store.nextTicketNumber(ctx.now().date().year());
                           created.id = store.insertTicket(created, static_cast<int>(type.phaseOf(created.status)));
                           t.fields.insert(u"splitInto"_s,
                                           QJsonArray(t.fields.value(u"splitInto"_s).toArray()) += created.number);
                           change.reason = u"split into %1"_s.arg(created.number);
                           return std::nullopt;
                       });
            if (!source.ok)
                return source;
            QList<CommentId> ids;
            for (const Comment &c : moved)
                ids << c.id;
            store.moveComments(ids, r.ticketId, created.id);
            store.insertLink(created.id, r.ticketId, LinkKind::Parent);
            AuditEntry audit;
            audit.ticketId = created.id;
            audit.actorId = caller.userId;
            audit.actorName = caller.displayName;
            audit.at = ctx.now();
            audit.action = u"create"_s;
            audit.reason = u"split from %1"_s.arg(Ticket::fromJson(source.result.value(u"ticket"_s).toObject()).number);
            audit.changes = {{u"status"_s, QJsonObject{{u"from"_s, QJsonValue::Null}, {u"to"_s, created.status}}},
                             {u"movedComments"_s, QJsonObject{{u"to"_s, static_cast<int>(ids.size())}}}};
            store.insertAudit(audit);
            ctx.emitEvent(ticketEvent(u"ticket.created"_s, created,
                                      {{u"actor"_s, actorJson(caller)}, {u"splitFrom"_s, r.ticketId.value()}},
                                      ctx.now()));
            return Outcome::success({{u"ticket"_s, created.toJson()}, {u"source"_s, source.result.value(u"ticket"_s)}});
        },
        std::move(reply));
}

void TicketService::merge(const Caller &caller, const protocol::TicketMerge &r, const QString &idem, Reply reply)
{
    if (r.duplicateIds.isEmpty() || r.duplicateIds.size() != r.duplicateVersions.size()) {
        reply(fail(ErrorCode::InvalidField, u"give duplicateIds and duplicateVersions of the same length"_s,
                   {{u"field"_s, u"duplicateIds"_s}}));
        return;
    }
    if (r.duplicateIds.contains(r.ticketId)) {
        reply(fail(ErrorCode::InvalidField, u"a ticket cannot be merged into itself"_s,
                   {{u"field"_s, u"duplicateIds"_s}}));
        return;
    }
    const TicketTypeRegistry &types = m_types;
    submit(
        caller, idem, protocol::Op::TicketMerge,
        [caller, r, &types](WriteContext &ctx) {
            Store &store = ctx.store();
            const std::optional<Ticket> master = store.ticket(r.ticketId);
            if (!master)
                return fail(ErrorCode::NotFound, u"no ticket %1"_s.arg(r.ticketId.value()));
            QStringList numbers;
            for (qsizetype i = 0; i < r.duplicateIds.size(); ++i) {
                const TicketId dup = r.duplicateIds.at(i);
                Outcome o =
                    mutate(ctx, types, caller, dup, r.duplicateVersions.at(i), u"merge"_s,
                           [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                               const QStringList closed = type.statusesIn(Phase::Closed);
                               if (closed.isEmpty())
                                   return notAllowed(type, t, u"Merging"_s);
                               t.mergedInto = master->id;
                               t.status = closed.first();
                               t.pendingApproval = {};
                               change.reason = u"merged into %1"_s.arg(master->number);
                               numbers << t.number;
                               return std::nullopt;
                           });
                if (!o.ok)
                    return o;
                store.moveAllComments(dup, master->id);
                store.moveAllAttachments(dup, master->id);
                store.copyHistory(dup, master->id,
                                  u"from %1"_s.arg(Ticket::fromJson(o.result.value(u"ticket"_s).toObject()).number));
                store.insertLink(dup, master->id, LinkKind::Duplicate);
            }
            return mutate(ctx, types, caller, r.ticketId, r.version, u"merge"_s,
                          [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                              if (type.isFinal(t.status))
                                  return notAllowed(type, t, u"Merging into"_s);
                              QJsonArray merged = t.fields.value(u"mergedFrom"_s).toArray();
                              for (const QString &n : numbers)
                                  merged.append(n);
                              t.fields.insert(u"mergedFrom"_s, merged);
                              change.reason = u"merged %1"_s.arg(numbers.join(u", "_s));
                              return std::nullopt;
                          });
        },
        std::move(reply));
}

void TicketService::link(const Caller &caller, const protocol::TicketLinkRequest &r, const QString &idem, Reply reply)
{
    if (r.ticketId == r.otherId) {
        reply(fail(ErrorCode::InvalidField, u"a ticket cannot be linked to itself"_s, {{u"field"_s, u"otherId"_s}}));
        return;
    }
    submit(
        caller, idem, protocol::Op::TicketLink,
        [caller, r](WriteContext &ctx) {
            Store &store = ctx.store();
            const std::optional<Ticket> a = store.ticket(r.ticketId);
            const std::optional<Ticket> b = store.ticket(r.otherId);
            if (!a || !b || !canSee(caller, *a) || !canSee(caller, *b))
                return fail(ErrorCode::NotFound, u"both tickets must exist"_s);
            store.insertLink(a->id, b->id, r.kind);
            for (const Ticket &t : {*a, *b}) {
                AuditEntry audit;
                audit.ticketId = t.id;
                audit.actorId = caller.userId;
                audit.actorName = caller.displayName;
                audit.at = ctx.now();
                audit.action = u"link"_s;
                audit.changes = {{u"link"_s, QJsonObject{{u"to"_s, (t.id == a->id ? b->number : a->number)}}}};
                store.insertAudit(audit);
            }
            ctx.emitEvent(ticketEvent(
                u"ticket.linked"_s, *a,
                {{u"otherId"_s, b->id.value()}, {u"kind"_s, linkKindName(r.kind)}, {u"actor"_s, actorJson(caller)}},
                ctx.now()));
            QJsonArray links;
            for (const TicketLink &l : store.links(a->id))
                links.append(l.toJson());
            return Outcome::success({{u"ticketId"_s, a->id.value()}, {u"links"_s, links}});
        },
        std::move(reply));
}

void TicketService::unlink(const Caller &caller, const protocol::TicketUnlink &r, const QString &idem, Reply reply)
{
    submit(
        caller, idem, protocol::Op::TicketUnlink,
        [caller, r](WriteContext &ctx) {
            Store &store = ctx.store();
            const std::optional<Ticket> a = store.ticket(r.ticketId);
            if (!a || !canSee(caller, *a))
                return fail(ErrorCode::NotFound, u"no ticket %1"_s.arg(r.ticketId.value()));
            if (!store.removeLink(r.ticketId, r.otherId))
                return fail(ErrorCode::NotFound, u"the tickets are not linked"_s);
            AuditEntry audit;
            audit.ticketId = a->id;
            audit.actorId = caller.userId;
            audit.actorName = caller.displayName;
            audit.at = ctx.now();
            audit.action = u"unlink"_s;
            audit.changes = {{u"link"_s, QJsonObject{{u"from"_s, r.otherId.value()}}}};
            store.insertAudit(audit);
            ctx.emitEvent(ticketEvent(u"ticket.unlinked"_s, *a,
                                      {{u"otherId"_s, r.otherId.value()}, {u"actor"_s, actorJson(caller)}}, ctx.now()));
            return Outcome::success({{u"ticketId"_s, a->id.value()}});
        },
        std::move(reply));
}

// --- printing and the customer's confirmation -----------------------------------------------------------------------

void TicketService::print(const Caller &caller, const protocol::TicketPrint &r, const QString &idem, Reply reply)
{
    if (!m_links) {
        reply(fail(ErrorCode::Unavailable, u"this server issues no confirmation links"_s));
        return;
    }
    const ConfirmationLinks *links = m_links;
    // The token must not be kept in the idempotency table (only its hash is stored): the job hands it over beside
    // the result, and a retry answered from that table gets the same print record with a fresh token (the lost
    // one is revoked).
    auto issued = std::make_shared<QString>();
    submit(
        caller, idem, protocol::Op::TicketPrint,
        [caller, r, links, issued](WriteContext &ctx) {
            Store &store = ctx.store();
            const std::optional<Ticket> t = store.ticket(r.ticketId);
            if (!t || !canSee(caller, *t))
                return fail(ErrorCode::NotFound, u"no ticket %1"_s.arg(r.ticketId.value()),
                            {{u"ticketId"_s, r.ticketId.value()}});
            if (t->mergedInto.isValid())
                return fail(ErrorCode::InvalidTransition, u"%1 was merged into another ticket"_s.arg(t->number),
                            {{u"mergedInto"_s, t->mergedInto.value()}});
            if (r.version != t->version)
                return fail(ErrorCode::Conflict,
                            u"%1 changed since version %2 (now %3): print the current state"_s.arg(t->number)
                                .arg(r.version)
                                .arg(t->version),
                            {{u"current"_s, t->toJson()}, {u"yourVersion"_s, r.version}});
            const ConfirmationLinks::Issued link = links->issue(t->id);
            ConfirmationRecord record;
            record.ticketId = t->id;
            record.ticketVersion = t->version;
            record.printedBy = caller.userId;
            record.printedAt = ctx.now();
            record.expiresAt = ctx.now().addDays(links->validDays());
            record.id = store.insertConfirmation(record, link.hash);

            // Printing is not a change of the ticket (no new version, so the crew's next step never conflicts
            // with it), but it is part of its history.
            AuditEntry audit;
            audit.ticketId = t->id;
            audit.actorId = caller.userId;
            audit.actorName = caller.displayName;
            audit.at = ctx.now();
            audit.action = u"print"_s;
            audit.changes = {{u"printedVersion"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, t->version}}}};
            store.insertAudit(audit);
            ctx.emitEvent(ticketEvent(u"ticket.printed"_s, *t,
                                      {{u"action"_s, u"print"_s},
                                       {u"version"_s, t->version},
                                       {u"confirmationId"_s, record.id},
                                       {u"actor"_s, actorJson(caller)}},
                                      ctx.now()));
            *issued = link.token;
            return Outcome::success({{u"ticketId"_s, t->id.value()},
                                     {u"number"_s, t->number},
                                     {u"version"_s, t->version},
                                     {u"printedAt"_s, timeToJson(record.printedAt)},
                                     {u"expiresAt"_s, timeToJson(record.expiresAt)},
                                     {u"confirmationId"_s, record.id}});
        },
        [this, links, issued, reply = std::move(reply)](const Outcome &o) {
            if (!o.ok) {
                reply(o);
                return;
            }
            if (!issued->isEmpty()) {
                Outcome out = o;
                out.result.insert(u"confirmUrl"_s, links->url(*issued));
                reply(out);
                return;
            }
            // Answered from the idempotency table: give the recorded print a new token.
            const qint64 id = o.result.value(u"confirmationId"_s).toInteger();
            const TicketId ticket(o.result.value(u"ticketId"_s).toInteger());
            WriteRequest again;
            again.op = u"ticket.print.reissue"_s;
            again.job = [links, id, ticket, issued](WriteContext &ctx) {
                const ConfirmationLinks::Issued link = links->issue(ticket);
                if (!ctx.store().replaceConfirmationToken(id, link.hash))
                    return fail(ErrorCode::Conflict, u"this printout's link was already answered"_s,
                                {{u"reason"_s, u"used"_s}});
                *issued = link.token;
                return Outcome::success({});
            };
            again.done = [o, links, issued, reply](const Outcome &re) {
                if (!re.ok) {
                    reply(re);
                    return;
                }
                Outcome out = o;
                out.result.insert(u"confirmUrl"_s, links->url(*issued));
                reply(out);
            };
            m_writer.submit(std::move(again));
        });
}

QStringList TicketService::customerResults()
{
    return {u"satisfied"_s, u"partly"_s, u"unresolved"_s};
}

void TicketService::confirm(const QString &tokenHash, const CustomerAnswer &answer, Reply reply)
{
    if (!customerResults().contains(answer.result)) {
        reply(fail(ErrorCode::InvalidField, u"\"result\" must be one of: %1"_s.arg(customerResults().join(u", "_s)),
                   {{u"field"_s, u"result"_s}}));
        return;
    }
    if (answer.rating < 0 || answer.rating > 5) {
        reply(fail(ErrorCode::InvalidField, u"\"rating\" must be 1..5"_s, {{u"field"_s, u"rating"_s}}));
        return;
    }
    if (answer.comment.size() > 2000) {
        reply(fail(ErrorCode::InvalidField, u"the comment is longer than 2000 characters"_s,
                   {{u"field"_s, u"comment"_s}}));
        return;
    }
    const TicketTypeRegistry &types = m_types;
    WriteRequest request;
    request.op = u"confirmation.answer"_s;
    request.job = [tokenHash, answer, &types](WriteContext &ctx) {
        Store &store = ctx.store();
        // Checked inside the writer's transaction: two answers sent at once cannot both find the link unused.
        const std::optional<ConfirmationRecord> link = store.confirmation(tokenHash);
        if (!link)
            return fail(ErrorCode::NotFound, u"no such confirmation link"_s);
        if (link->isUsed())
            return fail(ErrorCode::Conflict, u"this confirmation link was already used"_s, {{u"reason"_s, u"used"_s}});
        if (link->expiresAt.isValid() && link->expiresAt <= ctx.now())
            return fail(ErrorCode::Conflict, u"this confirmation link has expired"_s, {{u"reason"_s, u"expired"_s}});
        const std::optional<Ticket> target = resolveMerged(store, link->ticketId);
        if (!target)
            return fail(ErrorCode::NotFound, u"the ticket of this link no longer exists"_s);

        // People to tell: supervisors on "unresolved" (of the ticket's team when it has any), managers on a rating
        // below 3 (source document 004: such ratings go to the director).
        QList<UserId> supervisors, teamSupervisors, managers;
        for (const User &u : store.users()) {
            if (!u.active)
                continue;
            if (u.role == Role::Supervisor) {
                supervisors << u.id;
                if (target->teamId.isValid() && u.teamId == target->teamId)
                    teamSupervisors << u.id;
            } else if (u.role == Role::Manager) {
                managers << u.id;
            }
        }
        QJsonObject given{{u"result"_s, answer.result},
                          {u"at"_s, timeToJson(ctx.now())},
                          {u"printedVersion"_s, link->ticketVersion},
                          {u"confirmationId"_s, link->id}};
        if (answer.rating > 0)
            given.insert(u"rating"_s, answer.rating);
        if (!answer.comment.trimmed().isEmpty())
            given.insert(u"comment"_s, answer.comment.trimmed());

        Caller customer;
        customer.verifiedLink = true;
        customer.displayName =
            target->requester.name.isEmpty() ? u"Customer (QR)"_s : target->requester.name + u" (QR)"_s;
        Outcome o = mutate(ctx, types, customer, target->id, std::nullopt, u"customer_confirmation"_s,
                           [&](Ticket &t, const TicketType &type, Change &change) -> std::optional<protocol::Error> {
                               t.fields.insert(u"customerConfirmation"_s, given);
                               change.reason = given.value(u"comment"_s).toString();
                               change.message = change.reason;
                               if (answer.result == u"unresolved") {
                                   t.fields.insert(u"escalated"_s, true);
                                   change.notify << (teamSupervisors.isEmpty() ? supervisors : teamSupervisors);
                                   change.notify << t.assigneeId;
                                   // Back to the supervisors' desk when the workflow has a way back from where the
                                   // ticket is.
                                   if (const TransitionDef *tr = type.triggered(u"reopen"_s, t.status)) {
                                       Ticket probe = t;
                                       if (!applyTransition(probe, type, *tr, {}))
                                           t = probe;
                                   }
                               }
                               if (answer.rating > 0 && answer.rating < 3)
                                   change.notify << managers;
                               return std::nullopt;
                           });
        if (!o.ok)
            return o;
        store.useConfirmation(link->id, target->id, ctx.now(), given);
        o.result.insert(u"confirmation"_s, given);
        return o;
    };
    request.done = std::move(reply);
    m_writer.submit(std::move(request));
}

} // namespace crewline::server
