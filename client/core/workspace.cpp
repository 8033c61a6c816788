#include "client/core/workspace.h"

#include "common/logging.h"
#include "common/permissions.h"
#include "common/ticketjson.h"

#include <QJsonArray>

#include <QUuid>

#include <string_view>

using namespace Qt::StringLiterals;

namespace crewline::client {

using protocol::ErrorCode;
using protocol::Op;
using protocol::Response;

namespace {
constexpr int kPageSize = 500;
// "Search history" asks for the newest matches of a text, with their count: a page of the size lists are measured at
// (docs/performance.md). A frequent word is walked in update order until the page is full, so the page's size is
// the search's cost: 500 rows of 漏水 at 1,000,000 tickets took 24-28 ms at p95, 200 take 16 ms. The count tells
// how many more there are, and a dispatcher narrows the text rather than scrolls past 200 hits.
constexpr int kSearchPageSize = 200;
} // namespace

Workspace::Workspace(TrustStore &trust, QObject *parent)
    : QObject(parent)
    , m_connection(trust)
    , m_outbox(m_connection)
    , m_tickets(m_directory)
{
    connect(&m_connection, &Connection::synchronized, this, &Workspace::onSynchronized);
    connect(&m_connection, &Connection::eventReceived, this, &Workspace::onEvent);
    connect(&m_outbox, &Outbox::confirmed, this, &Workspace::onConfirmed);
    connect(&m_outbox, &Outbox::refused, this, &Workspace::onRefused);
    connect(&m_outbox, &Outbox::pendingCountChanged, this, &Workspace::refreshPending);
    m_clock.setInterval(60 * 1000);
    connect(&m_clock, &QTimer::timeout, this, [this] { m_tickets.setNow(QDateTime::currentDateTimeUtc()); });
    m_clock.start();
}

bool Workspace::may(Op op) const
{
    return m_connection.user().id.isValid() && roleMay(me().role, op);
}

void Workspace::login(const QUrl &url, const QString &username, const QString &password)
{
    m_connection.open(url, username, password);
}

void Workspace::logout()
{
    m_connection.close();
}

void Workspace::onSynchronized(qint64, bool resynced)
{
    if (!resynced && m_loaded)
        return; // resumed: the replayed events brought us up to date
    loadDirectory();
}

void Workspace::loadDirectory()
{
    const int generation = ++m_loadGeneration;
    m_connection.request(Op::TypeList, {}, [this, generation](const Response &r) {
        if (r.ok)
            m_directory.setTypes(r.result.value(u"types"_s).toArray(), r.result.value(u"default"_s).toString());
        if (may(Op::UserList)) {
            m_connection.request(Op::UserList, {}, [this](const Response &users) {
                if (!users.ok)
                    return;
                QList<User> list;
                for (const QJsonValue &v : users.result.value(u"users"_s).toArray())
                    list << User::fromJson(v.toObject());
                m_directory.setUsers(list);
            });
        }
        m_connection.request(Op::TeamList, {}, [this](const Response &teams) {
            if (!teams.ok)
                return;
            QList<Team> list;
            for (const QJsonValue &v : teams.result.value(u"teams"_s).toArray())
                list << Team::fromJson(v.toObject());
            m_directory.setTeams(list);
        });
        // The working set: every open ticket, then recently closed ones.
        // Keyset paging in id order: every page costs the same however many tickets are open.
        const QJsonObject open{
            {u"open"_s, true}, {u"sort"_s, u"number"_s}, {u"descending"_s, false}, {u"withTotal"_s, false}};
        loadPage(open, 0, 0, [this, generation](int loadedOpen) {
            if (generation != m_loadGeneration)
                return;
            const QJsonObject closed{
                {u"open"_s, false},
                {u"updatedFrom"_s, timeToJson(QDateTime::currentDateTimeUtc().addDays(-m_closedDays))},
                {u"sort"_s, u"number"_s},
                {u"descending"_s, false},
                {u"withTotal"_s, false}};
            loadPage(closed, 0, loadedOpen, [this](int total) {
                m_loaded = true;
                Q_EMIT loadProgress(total, true);
            });
        });
    });
}

void Workspace::loadPage(const QJsonObject &query, qint64 afterId, int loadedSoFar, std::function<void(int)> done)
{
    QJsonObject q = query;
    if (afterId > 0)
        q.insert(u"afterId"_s, afterId);
    q.insert(u"limit"_s, kPageSize);
    q.insert(u"shape"_s, u"rows"_s);
    m_connection.request(Op::TicketList, q, [this, query, loadedSoFar, done](const Response &r) {
        if (!r.ok) {
            qCWarning(lcClient) << "loading tickets failed:" << r.error.message;
            done(loadedSoFar);
            return;
        }
        // The "rows" shape: each ticket an array in kTicketRowColumns order, half the text of named members and
        // decoded by position (docs/performance.md).
        const QJsonArray rows = r.result.value(u"rows"_s).toArray();
        const int loaded = loadedSoFar + static_cast<int>(rows.size());
        // The next page is asked for before this one is decoded, so that the server reads it meanwhile. Its
        // handler runs after this one returns, so pages still reach the model in order.
        const bool more = rows.size() == kPageSize;
        static_assert(std::string_view(kTicketRowColumns[0]) == "id");
        if (more)
            loadPage(query, rows.last().toArray().at(0).toInteger(), loaded, done);
        QList<Ticket> page;
        page.reserve(rows.size());
        for (const QJsonValue &v : rows)
            page.append(Ticket::fromRow(v.toArray()));
        m_tickets.upsertMany(std::move(page));
        Q_EMIT loadProgress(loaded, false);
        if (!more)
            done(loaded);
    });
}

void Workspace::searchServer(const QJsonObject &query, std::function<void(int, bool)> done)
{
    QJsonObject q = query;
    q.insert(u"limit"_s, kSearchPageSize);
    q.insert(u"shape"_s, u"rows"_s);
    q.insert(u"withTotal"_s, true);
    q.insert(u"totalLimit"_s, m_searchTotalLimit);
    m_connection.request(Op::TicketList, q, [this, done](const Response &r) {
        if (!r.ok) {
            done(-1, false);
            return;
        }
        QList<Ticket> page;
        const QJsonArray rows = r.result.value(u"rows"_s).toArray();
        page.reserve(rows.size());
        for (const QJsonValue &v : rows)
            page << Ticket::fromRow(v.toArray());
        m_tickets.upsertMany(std::move(page));
        done(static_cast<int>(r.result.value(u"total"_s).toInteger()), r.result.value(u"totalCapped"_s).toBool());
    });
}

void Workspace::fetchDashboard(const QJsonObject &request,
                               std::function<void(bool, const QJsonObject &, const QString &)> done)
{
    m_connection.request(Op::StatsDashboard, request,
                         [done](const Response &r) { done(r.ok, r.result, r.ok ? QString() : r.error.message); });
}

void Workspace::fetchTicket(TicketId id, std::function<void(bool, const TicketDetail &, const QString &)> done)
{
    m_connection.request(Op::TicketGet, {{u"ticketId"_s, id.value()}}, [this, done](const Response &r) {
        TicketDetail d;
        if (!r.ok) {
            done(false, d, r.error.message);
            return;
        }
        d.ticket = Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
        for (const QJsonValue &v : r.result.value(u"comments"_s).toArray())
            d.comments << Comment::fromJson(v.toObject());
        for (const QJsonValue &v : r.result.value(u"attachments"_s).toArray())
            d.attachments << AttachmentInfo::fromJson(v.toObject());
        for (const QJsonValue &v : r.result.value(u"history"_s).toArray())
            d.history << AuditEntry::fromJson(v.toObject());
        for (const QJsonValue &v : r.result.value(u"links"_s).toArray())
            d.links << TicketLink::fromJson(v.toObject());
        for (const QJsonValue &v : r.result.value(u"transitions"_s).toArray())
            d.transitions << v.toString();
        m_tickets.upsert(d.ticket);
        done(true, d, {});
    });
}

DispatchCandidate DispatchCandidate::fromJson(const QJsonObject &o)
{
    DispatchCandidate c;
    c.userId = UserId(o.value(u"userId"_s).toInteger());
    c.name = o.value(u"name"_s).toString();
    c.teamId = TeamId(o.value(u"teamId"_s).toInteger());
    c.score = o.value(u"score"_s).toDouble();
    c.distance = o.value(u"distance"_s).toDouble(-1);
    c.openTickets = o.value(u"openTickets"_s).toInt();
    c.status = o.value(u"status"_s).toString();
    const QJsonObject p = o.value(u"position"_s).toObject();
    if (p.value(u"lat"_s).isDouble())
        c.position = GeoPoint::at(p.value(u"lat"_s).toDouble(), p.value(u"lon"_s).toDouble());
    c.positionAt = timeFromJson(o.value(u"positionAt"_s));
    c.stale = o.value(u"stale"_s).toBool(true);
    c.frozen = o.value(u"frozen"_s).toBool();
    c.eligible = o.value(u"eligible"_s).toBool();
    for (const QJsonValue &v : o.value(u"skills"_s).toArray())
        c.skills << v.toString();
    c.breakdown = o.value(u"breakdown"_s).toObject();
    return c;
}

void Workspace::suggestDispatch(TicketId id, int limit,
                                std::function<void(bool, const DispatchSuggestion &, const QString &)> done)
{
    m_connection.request(Op::DispatchSuggest, {{u"ticketId"_s, id.value()}, {u"limit"_s, limit}},
                         [done](const Response &r) {
                             DispatchSuggestion s;
                             if (!r.ok) {
                                 done(false, s, r.error.message);
                                 return;
                             }
                             s.ticketId = TicketId(r.result.value(u"ticketId"_s).toInteger());
                             for (const QJsonValue &v : r.result.value(u"candidates"_s).toArray())
                                 s.candidates << DispatchCandidate::fromJson(v.toObject());
                             for (const QJsonValue &v : r.result.value(u"skills"_s).toArray())
                                 s.skills << v.toString();
                             s.emergency = r.result.value(u"emergency"_s).toBool();
                             s.hasLocation = r.result.value(u"hasLocation"_s).toBool();
                             done(true, s, {});
                         });
}

void Workspace::fetchTrack(UserId id, const QDateTime &since,
                           std::function<void(bool, const QList<TrackPoint> &, const QString &)> done)
{
    QJsonObject data{{u"userId"_s, id.value()}};
    if (since.isValid())
        data.insert(u"since"_s, timeToJson(since));
    m_connection.request(Op::StaffTrack, data, [done](const Response &r) {
        QList<TrackPoint> points;
        if (!r.ok) {
            done(false, points, r.error.message);
            return;
        }
        for (const QJsonValue &v : r.result.value(u"points"_s).toArray())
            points << TrackPoint::fromJson(v.toObject());
        done(true, points, {});
    });
}

void Workspace::reportPosition(const GeoPoint &position, double accuracy, double heading, double speed,
                               const QString &status, std::function<void(bool, const QString &)> done)
{
    QJsonObject data{{u"lat"_s, position.lat}, {u"lon"_s, position.lon}, {u"accuracy"_s, accuracy}};
    if (heading >= 0)
        data.insert(u"heading"_s, heading);
    if (speed >= 0)
        data.insert(u"speed"_s, speed);
    if (!status.isEmpty())
        data.insert(u"status"_s, status);
    m_connection.request(Op::StaffReport, data, [done](const Response &r) {
        if (done)
            done(r.ok, r.ok ? QString() : r.error.message);
    });
}

QString Workspace::claim(TicketId id)
{
    return queue(Op::TicketClaim, id, {}, tr("Claim %1").arg(ticketLabel(id)), false);
}

QString Workspace::freezeStaff(UserId id, bool frozen, const QString &reason)
{
    QJsonObject data{{u"userId"_s, id.value()}, {u"frozen"_s, frozen}};
    if (!reason.isEmpty())
        data.insert(u"reason"_s, reason);
    const QString name = m_directory.userName(id);
    return queue(Op::StaffFreeze, TicketId(), data,
                 frozen ? tr("Freeze %1 for today").arg(name) : tr("Lift the freeze on %1").arg(name), false);
}

void Workspace::recordPrint(TicketId id, qint64 version,
                            std::function<void(bool, const PrintRecord &, const protocol::Error &)> done)
{
    if (!may(Op::TicketPrint)) {
        done(false, {}, {protocol::ErrorCode::Forbidden, tr("Your role may not print work orders."), {}});
        return;
    }
    m_connection.request(
        Op::TicketPrint, {{u"ticketId"_s, id.value()}, {u"version"_s, version}},
        [done](const Response &r) { done(r.ok, r.ok ? PrintRecord::fromJson(r.result) : PrintRecord(), r.error); },
        QUuid::createUuid().toString(QUuid::WithoutBraces));
}

QList<Ticket> Workspace::crewTickets(UserId engineer, TeamId team) const
{
    QList<Ticket> out;
    for (int row = 0; row < m_tickets.rowCount(); ++row) {
        const Ticket &t = m_tickets.at(row);
        if (engineer.isValid() ? t.assigneeId != engineer : (!team.isValid() || t.teamId != team))
            continue;
        const TicketType *type = m_directory.types().type(t.type);
        const Phase phase = type ? type->phaseOf(t.status) : Phase::Active;
        if (phase == Phase::New || phase == Phase::Active)
            out << t;
    }
    std::sort(out.begin(), out.end(), [](const Ticket &a, const Ticket &b) {
        if (a.priority != b.priority)
            return a.priority > b.priority;
        return a.createdAt < b.createdAt;
    });
    return out;
}

QList<Ticket> Workspace::callbackQueue() const
{
    QList<Ticket> out;
    for (int row = 0; row < m_tickets.rowCount(); ++row) {
        const Ticket &t = m_tickets.at(row);
        const TicketType *type = m_directory.types().type(t.type);
        if (type && type->callbackRequired() && type->phaseOf(t.status) == Phase::Resolved && !t.mergedInto.isValid())
            out << t;
    }
    std::sort(out.begin(), out.end(),
              [](const Ticket &a, const Ticket &b) { return a.resolvedAt < b.resolvedAt; }); // oldest first
    return out;
}

void Workspace::onEvent(const Event &e)
{
    if (e.type == u"user.created") {
        m_directory.addUser(User::fromJson(e.data.value(u"user"_s).toObject()));
        return;
    }
    const QJsonObject ticketJson = e.data.value(u"ticket"_s).toObject();
    if (ticketJson.isEmpty())
        return;
    const Ticket t = Ticket::fromJson(ticketJson);
    m_tickets.upsert(t);
    Q_EMIT ticketTouched(t.id);

    // Notifications: about me, not by me.
    const qint64 actor = e.data.value(u"actor"_s).toObject().value(u"id"_s).toInteger();
    if (actor == me().id.value())
        return;
    const QString actorName = e.data.value(u"actor"_s).toObject().value(u"name"_s).toString();
    bool forMe = false;
    for (const QJsonValue &v : e.data.value(u"notify"_s).toArray())
        forMe = forMe || v.toInteger() == me().id.value();
    const QString action = e.data.value(u"action"_s).toString();
    Notification n;
    n.at = e.at;
    n.ticketId = t.id;
    const QString reason = e.data.value(u"reason"_s).toString();
    if (forMe && (action == u"redispatch" || action == u"dispatch_timeout")) {
        n.title = tr("Not accepted in time: %1").arg(t.number);
        n.text = t.assigneeId == me().id && action == u"redispatch" ? tr("“%1” was re-dispatched to you.").arg(t.title)
                                                                    : tr("“%1”: %2").arg(t.title, reason);
    } else if (forMe && action == u"offer") {
        n.title = tr("Emergency offered to you: %1").arg(t.number);
        n.text = tr("“%1” — the first to accept takes it.").arg(t.title);
    } else if (forMe && action == u"pool") {
        n.title = tr("New in the claim pool: %1").arg(t.number);
        n.text = t.title;
    } else if (forMe && action == u"claim") {
        n.title = tr("Taken by someone else: %1").arg(t.number);
        n.text = tr("%1 took “%2”.").arg(actorName, t.title);
    } else if (forMe && action == u"auto_dispatch") {
        n.title = tr("Assigned to you: %1").arg(t.number);
        n.text = tr("“%1” was dispatched to you automatically.").arg(t.title);
    } else if (forMe && action == u"assign") {
        n.title = tr("Assigned to you: %1").arg(t.number);
        n.text = tr("%1 assigned “%2” to you.").arg(actorName, t.title);
    } else if (forMe && action == u"urge") {
        n.title = tr("Urged: %1").arg(t.number);
        n.text = tr("%1 is pressing on “%2” (urged %n time(s)).", nullptr, t.urgeCount).arg(actorName, t.title);
    } else if (forMe && action == u"customer_confirmation") {
        const QJsonObject answer = t.fields.value(u"customerConfirmation"_s).toObject();
        const QString result = answer.value(u"result"_s).toString();
        const int rating = answer.value(u"rating"_s).toInt();
        if (result == u"unresolved")
            n.title = tr("Escalated: customer says %1 is unresolved").arg(t.number);
        else
            n.title = tr("Low rating on %1: %2 of 5").arg(t.number).arg(rating);
        n.text =
            answer.value(u"comment"_s).toString().isEmpty() ? t.title : answer.value(u"comment"_s).toString().left(140);
    } else if (forMe && e.type == u"comment.added") {
        n.title = tr("New message on %1").arg(t.number);
        n.text = e.data.value(u"comment"_s).toObject().value(u"body"_s).toString().left(140);
    } else if (forMe) {
        n.title = tr("%1 changed %2").arg(actorName, t.number);
        n.text = t.title;
    } else if (e.type == u"ticket.created" && t.priority == Priority::Urgent && me().role != Role::Requester) {
        n.title = tr("Urgent ticket: %1").arg(t.number);
        n.text = t.title;
    } else {
        return;
    }
    m_notifications.add(n);
}

QString Workspace::queue(Op op, TicketId id, QJsonObject data, const QString &summary, bool withVersion)
{
    if (!may(op))
        return {};
    std::optional<Ticket> basis;
    if (id.isValid()) {
        data.insert(u"ticketId"_s, id.value());
        if (withVersion) {
            const Ticket *t = m_tickets.ticket(id);
            if (!t)
                return {}; // not loaded: nothing to base a change on
            data.insert(u"version"_s, t->version);
            basis = *t;
        }
    }
    const QString idem = m_outbox.submit(op, data, summary);
    if (basis)
        m_basis.insert(idem, *basis);
    if (id.isValid())
        m_tickets.setPending(id, true);
    return idem;
}

QString Workspace::ticketLabel(TicketId id) const
{
    const Ticket *t = m_tickets.ticket(id);
    return t ? t->number : QString::number(id.value());
}

QString Workspace::createTicket(const QJsonObject &fields)
{
    const QString title = fields.value(u"title"_s).toString(fields.value(u"description"_s).toString().left(40));
    return queue(Op::TicketCreate, TicketId(), fields, tr("New ticket “%1”").arg(title));
}

QString Workspace::update(TicketId id, const QJsonObject &changes)
{
    return queue(Op::TicketUpdate, id, {{u"changes"_s, changes}}, tr("Edit %1").arg(ticketLabel(id)));
}

QString Workspace::assign(TicketId id, UserId assignee, const QString &note)
{
    QJsonObject data{{u"assigneeId"_s, assignee.value()}};
    if (!note.isEmpty())
        data.insert(u"note"_s, note);
    return queue(Op::TicketAssign, id, data,
                 tr("Assign %1 to %2").arg(ticketLabel(id), m_directory.userName(assignee)));
}

QString Workspace::accept(TicketId id)
{
    return queue(Op::TicketAccept, id, {}, tr("Accept %1").arg(ticketLabel(id)));
}

QString Workspace::comment(TicketId id, CommentKind kind, const QString &body)
{
    return queue(Op::TicketComment, id, {{u"kind"_s, commentKindName(kind)}, {u"body"_s, body}},
                 kind == CommentKind::Internal ? tr("Internal note on %1").arg(ticketLabel(id))
                                               : tr("Reply on %1").arg(ticketLabel(id)),
                 false);
}

QString Workspace::transition(TicketId id, const QString &transition, const QJsonObject &fields, const QString &comment)
{
    QJsonObject data{{u"transition"_s, transition}};
    if (!fields.isEmpty())
        data.insert(u"fields"_s, fields);
    if (!comment.isEmpty())
        data.insert(u"comment"_s, comment);
    const Ticket *t = m_tickets.ticket(id);
    const QString name = t ? m_directory.transitionName(t->type, transition) : transition;
    return queue(Op::TicketTransition, id, data, tr("%1: %2").arg(ticketLabel(id), name));
}

QString Workspace::approve(TicketId id, bool approve, const QString &comment)
{
    QJsonObject data{{u"approve"_s, approve}};
    if (!comment.isEmpty())
        data.insert(u"comment"_s, comment);
    return queue(Op::TicketApprove, id, data,
                 approve ? tr("Approve %1").arg(ticketLabel(id)) : tr("Reject approval of %1").arg(ticketLabel(id)));
}

QString Workspace::suspend(TicketId id, const QString &reason)
{
    return queue(Op::TicketSuspend, id, {{u"comment"_s, reason}}, tr("Suspend %1").arg(ticketLabel(id)));
}

QString Workspace::resume(TicketId id)
{
    return queue(Op::TicketResume, id, {}, tr("Resume %1").arg(ticketLabel(id)));
}

QString Workspace::urge(TicketId id, const QString &comment)
{
    QJsonObject data;
    if (!comment.isEmpty())
        data.insert(u"comment"_s, comment);
    return queue(Op::TicketUrge, id, data, tr("Urge %1").arg(ticketLabel(id)), false);
}

QString Workspace::reopen(TicketId id, const QString &reason)
{
    return queue(Op::TicketReopen, id, {{u"comment"_s, reason}}, tr("Reopen %1").arg(ticketLabel(id)));
}

QString Workspace::split(TicketId id, const QList<qint64> &commentIds, const QString &title)
{
    QJsonArray ids;
    for (qint64 c : commentIds)
        ids.append(c);
    QJsonObject data{{u"commentIds"_s, ids}};
    if (!title.isEmpty())
        data.insert(u"title"_s, title);
    return queue(Op::TicketSplit, id, data, tr("Split %1").arg(ticketLabel(id)));
}

QString Workspace::merge(TicketId master, const QList<TicketId> &duplicates)
{
    QJsonArray ids, versions;
    QStringList numbers;
    for (TicketId d : duplicates) {
        const Ticket *t = m_tickets.ticket(d);
        if (!t)
            return {};
        ids.append(d.value());
        versions.append(t->version);
        numbers << t->number;
    }
    return queue(Op::TicketMerge, master, {{u"duplicateIds"_s, ids}, {u"duplicateVersions"_s, versions}},
                 tr("Merge %1 into %2").arg(numbers.join(u", "_s), ticketLabel(master)));
}

QString Workspace::reapply(const OutboxAction &action, const Ticket &current)
{
    m_tickets.upsert(current);
    QJsonObject data = action.data;
    data.insert(u"version"_s, current.version);
    m_outbox.dismiss(action.idem);
    const QString idem = m_outbox.submit(action.op, data, action.summary);
    m_basis.insert(idem, current);
    m_tickets.setPending(current.id, true);
    return idem;
}

void Workspace::onConfirmed(const OutboxAction &action, const QJsonObject &result)
{
    m_basis.remove(action.idem);
    const QJsonObject ticketJson = result.value(u"ticket"_s).toObject();
    if (!ticketJson.isEmpty()) {
        const Ticket t = Ticket::fromJson(ticketJson);
        const qint64 base = action.data.value(u"version"_s).toInteger();
        if (base > 0 && t.version > base)
            m_outbox.rebase(t.id.value(), base, t.version);
        m_tickets.upsert(t);
        Q_EMIT ticketTouched(t.id);
    }
    if (const QJsonObject source = result.value(u"source"_s).toObject(); !source.isEmpty())
        m_tickets.upsert(Ticket::fromJson(source));
    refreshPending();
    Q_EMIT actionConfirmed(action, result);
}

void Workspace::onRefused(const OutboxAction &action)
{
    refreshPending();
    if (action.error.code == ErrorCode::Conflict) {
        const Ticket current = Ticket::fromJson(action.error.details.value(u"current"_s).toObject());
        m_tickets.upsert(current);
        Q_EMIT conflict(action, current);
        return;
    }
    Q_EMIT actionRefused(action);
}

void Workspace::refreshPending()
{
    QSet<qint64> pending;
    QSet<QString> kept;
    for (const OutboxAction &a : m_outbox.actions()) {
        kept.insert(a.idem);
        if (a.state != OutboxAction::State::Failed)
            pending.insert(a.data.value(u"ticketId"_s).toInteger());
    }
    m_basis.removeIf([&kept](const QHash<QString, Ticket>::iterator &it) { return !kept.contains(it.key()); });
    for (int row = 0; row < m_tickets.rowCount(); ++row) {
        const TicketId id = m_tickets.at(row).id;
        m_tickets.setPending(id, pending.contains(id.value()));
    }
}

std::optional<Ticket> Workspace::basisOf(const QString &idem) const
{
    const auto it = m_basis.constFind(idem);
    return it == m_basis.cend() ? std::nullopt : std::optional<Ticket>(*it);
}

QStringList Workspace::availableTransitions(const Ticket &ticket) const
{
    QStringList out;
    const TicketType *type = m_directory.types().type(ticket.type);
    if (!type || ticket.pendingApproval.isValid() || ticket.mergedInto.isValid())
        return out;
    for (const TransitionDef *tr :
         type->available(ticket.status, {me().id, me().role}, ticket.assigneeId, ticket.requester.userId))
        out << tr->id;
    return out;
}

QString Workspace::describe(const Ticket &t) const
{
    return u"%1 · %2 · %3"_s.arg(t.number, m_directory.statusName(t.type, t.status), t.title);
}

} // namespace crewline::client
