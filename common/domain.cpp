#include "common/domain.h"

#include "common/jsonwriter.h"
#include "common/ticketjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace crewline {

namespace {

QString s(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toString();
}
qint64 i64(const QJsonObject &o, QLatin1String key)
{
    return o.value(key).toInteger();
}

void putId(QJsonObject &o, QLatin1String key, qint64 id)
{
    if (id > 0)
        o.insert(key, id);
    else
        o.insert(key, QJsonValue::Null);
}

void putString(QJsonObject &o, QLatin1String key, const QString &v)
{
    if (!v.isEmpty())
        o.insert(key, v);
}

QJsonValue pointToJson(const GeoPoint &p)
{
    if (!p.isValid())
        return QJsonValue::Null;
    return QJsonObject{{QLatin1String("lat"), p.lat}, {QLatin1String("lon"), p.lon}};
}

GeoPoint pointFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return {};
    const QJsonObject o = v.toObject();
    return GeoPoint::at(o.value(QLatin1String("lat")).toDouble(), o.value(QLatin1String("lon")).toDouble());
}

} // namespace

QJsonValue timeToJson(const QDateTime &t)
{
    if (!t.isValid())
        return QJsonValue::Null;
    // What t.toUTC().toString(Qt::ISODateWithMs) gives, without QDateTime's formatter (microseconds per call, six
    // timestamps per ticket on every write).
    QByteArray quoted;
    quoted.reserve(32);
    appendJsonTime(quoted, t.toMSecsSinceEpoch());
    return QString::fromLatin1(QByteArrayView(quoted).sliced(1, quoted.size() - 2));
}

namespace {

// The exact shape timeToJson writes ("2026-11-23T08:30:00.000Z"), read without QDateTime::fromString, which costs
// microseconds per call (six timestamps per ticket, 100,000 tickets when the console loads). Anything else, or an
// impossible date, returns nullopt and goes through Qt.
std::optional<qint64> fastUtcMs(QStringView s)
{
    if (s.size() != 24 || s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':' ||
        s[19] != u'.' || s[23] != u'Z')
        return std::nullopt;
    const auto number = [&](int from, int count) -> int {
        int value = 0;
        for (int i = from; i < from + count; ++i) {
            const char16_t c = s[i].unicode();
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    const int hour = number(11, 2), minute = number(14, 2), second = number(17, 2), ms = number(20, 3);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 59 || ms < 0)
        return std::nullopt;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0))
        return std::nullopt;
    // Days since 1970-01-01 (H. Hinnant's days_from_civil).
    const qint64 y = year - (month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const qint64 yoe = y - era * 400;
    const qint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const qint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const qint64 days = era * 146097 + doe - 719468;
    return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000 + ms;
}

} // namespace

QDateTime timeFromJson(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    const QString text = v.toString();
    if (const std::optional<qint64> ms = fastUtcMs(text))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QJsonObject Requester::toJson() const
{
    QJsonObject o;
    putString(o, QLatin1String("name"), name);
    putString(o, QLatin1String("contact"), contact);
    if (userId.isValid())
        o.insert(QLatin1String("userId"), userId.value());
    return o;
}

Requester Requester::fromJson(const QJsonObject &o)
{
    return {s(o, QLatin1String("name")), s(o, QLatin1String("contact")), UserId(i64(o, QLatin1String("userId")))};
}

QJsonObject PendingApproval::toJson() const
{
    return {{QLatin1String("transition"), transition},
            {QLatin1String("approverRole"), approverRole},
            {QLatin1String("requestedBy"), requestedBy.value()},
            {QLatin1String("requestedAt"), timeToJson(requestedAt)},
            {QLatin1String("fields"), fields},
            {QLatin1String("comment"), comment}};
}

PendingApproval PendingApproval::fromJson(const QJsonObject &o)
{
    PendingApproval a;
    a.transition = s(o, QLatin1String("transition"));
    a.approverRole = s(o, QLatin1String("approverRole"));
    a.requestedBy = UserId(i64(o, QLatin1String("requestedBy")));
    a.requestedAt = timeFromJson(o.value(QLatin1String("requestedAt")));
    a.fields = o.value(QLatin1String("fields")).toObject();
    a.comment = s(o, QLatin1String("comment"));
    return a;
}

QJsonObject Ticket::toJson() const
{
    return toJsonObject(false);
}

QJsonObject Ticket::toJsonObject(bool summary) const
{
    QJsonObject o;
    o.insert(QLatin1String("id"), id.value());
    o.insert(QLatin1String("number"), number);
    o.insert(QLatin1String("type"), type);
    o.insert(QLatin1String("status"), status);
    putString(o, QLatin1String("suspendedFrom"), suspendedFrom);
    o.insert(QLatin1String("priority"), priorityName(priority));
    o.insert(QLatin1String("category"), category);
    o.insert(QLatin1String("department"), department);
    o.insert(QLatin1String("title"), title);
    if (!summary)
        o.insert(QLatin1String("description"), description);
    o.insert(QLatin1String("requester"), requester.toJson());
    o.insert(QLatin1String("address"), address);
    o.insert(QLatin1String("location"), pointToJson(location));
    o.insert(QLatin1String("source"), source);
    putId(o, QLatin1String("assigneeId"), assigneeId.value());
    putId(o, QLatin1String("teamId"), teamId.value());
    putId(o, QLatin1String("createdBy"), createdBy.value());
    o.insert(QLatin1String("createdAt"), timeToJson(createdAt));
    o.insert(QLatin1String("updatedAt"), timeToJson(updatedAt));
    o.insert(QLatin1String("acceptedAt"), timeToJson(acceptedAt));
    o.insert(QLatin1String("firstResponseAt"), timeToJson(firstResponseAt));
    o.insert(QLatin1String("resolvedAt"), timeToJson(resolvedAt));
    o.insert(QLatin1String("closedAt"), timeToJson(closedAt));
    o.insert(QLatin1String("version"), version);
    o.insert(QLatin1String("urgeCount"), urgeCount);
    putId(o, QLatin1String("mergedInto"), mergedInto.value());
    o.insert(QLatin1String("pendingApproval"),
             pendingApproval.isValid() ? QJsonValue(pendingApproval.toJson()) : QJsonValue(QJsonValue::Null));
    if (!summary)
        o.insert(QLatin1String("fields"), fields);
    else if (const QJsonValue rating = fields.value(QLatin1String("rating")); rating.isDouble())
        o.insert(QLatin1String("fields"), QJsonObject{{QLatin1String("rating"), rating}});
    o.insert(QLatin1String("dispatch"),
             dispatch.isValid() ? QJsonValue(dispatch.toJson()) : QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject Ticket::toSummaryJson() const
{
    return toJsonObject(true);
}

namespace {

// A Ticket as a source of writeTicketJson (ticketjson.h).
class TicketJsonSource
{
public:
    explicit TicketJsonSource(const Ticket &t)
        : m_t(t)
    {
    }
    qint64 id() const { return m_t.id.value(); }
    QStringView number() const { return m_t.number; }
    QStringView type() const { return m_t.type; }
    QStringView status() const { return m_t.status; }
    QStringView suspendedFrom() const { return m_t.suspendedFrom; }
    Priority priority() const { return m_t.priority; }
    QStringView category() const { return m_t.category; }
    QStringView department() const { return m_t.department; }
    QStringView title() const { return m_t.title; }
    QStringView description() const { return m_t.description; }
    QStringView requesterName() const { return m_t.requester.name; }
    QStringView requesterContact() const { return m_t.requester.contact; }
    qint64 requesterUserId() const { return m_t.requester.userId.value(); }
    QStringView address() const { return m_t.address; }
    std::optional<GeoPoint> location() const
    {
        return m_t.location.isValid() ? std::optional(m_t.location) : std::nullopt;
    }
    QStringView source() const { return m_t.source; }
    qint64 assigneeId() const { return m_t.assigneeId.value(); }
    qint64 teamId() const { return m_t.teamId.value(); }
    qint64 createdBy() const { return m_t.createdBy.value(); }
    std::optional<qint64> createdAtMs() const { return ms(m_t.createdAt); }
    std::optional<qint64> updatedAtMs() const { return ms(m_t.updatedAt); }
    std::optional<qint64> acceptedAtMs() const { return ms(m_t.acceptedAt); }
    std::optional<qint64> firstResponseAtMs() const { return ms(m_t.firstResponseAt); }
    std::optional<qint64> resolvedAtMs() const { return ms(m_t.resolvedAt); }
    std::optional<qint64> closedAtMs() const { return ms(m_t.closedAt); }
    qint64 version() const { return m_t.version; }
    int urgeCount() const { return m_t.urgeCount; }
    qint64 mergedInto() const { return m_t.mergedInto.value(); }
    QByteArray pendingApprovalJson() const
    {
        return m_t.pendingApproval.isValid()
                   ? QJsonDocument(m_t.pendingApproval.toJson()).toJson(QJsonDocument::Compact)
                   : QByteArray();
    }
    QByteArray dispatchJson() const
    {
        return m_t.dispatch.isValid() ? QJsonDocument(m_t.dispatch.toJson()).toJson(QJsonDocument::Compact)
                                      : QByteArray();
    }
    QByteArray fieldsJson() const { return QJsonDocument(m_t.fields).toJson(QJsonDocument::Compact); }
    std::optional<double> rating() const
    {
        const QJsonValue rating = m_t.fields.value(QLatin1String("rating"));
        return rating.isDouble() ? std::optional(rating.toDouble()) : std::nullopt;
    }

private:
    static std::optional<qint64> ms(const QDateTime &t)
    {
        return t.isValid() ? std::optional(t.toMSecsSinceEpoch()) : std::nullopt;
    }
    const Ticket &m_t;
};

} // namespace

void Ticket::writeJson(JsonWriter &w, bool summary, TicketShape shape) const
{
    // Keep in step with toJson(): tst_jsonwriter compares the two for every member.
    writeTicketJson(w, TicketJsonSource(*this), summary, shape);
}

void Ticket::writeJsonWithSummary(JsonWriter &w, QByteArray &summary) const
{
    const TicketJsonSource source(*this);
    TicketJsonMarks m;
    writeTicketJson(w, source, false, TicketShape::Object, &m);
    const char *full = w.text().constData();
    summary.append(full + m.begin, m.descriptionBegin - m.begin);
    summary.append(full + m.descriptionEnd, m.fieldsBegin - m.descriptionEnd);
    if (const std::optional<double> rating = source.rating()) { // as writeTicketJson writes a summary's fields
        summary.append(",\"fields\":{\"rating\":");
        JsonWriter r(summary);
        r.value(*rating);
        summary.append('}');
    }
    summary.append('}');
}

Ticket Ticket::fromJson(const QJsonObject &o)
{
    Ticket t;
    t.id = TicketId(i64(o, QLatin1String("id")));
    t.number = s(o, QLatin1String("number"));
    t.type = s(o, QLatin1String("type"));
    t.status = s(o, QLatin1String("status"));
    t.suspendedFrom = s(o, QLatin1String("suspendedFrom"));
    t.priority = priorityFromName(s(o, QLatin1String("priority"))).value_or(Priority::Normal);
    t.category = s(o, QLatin1String("category"));
    t.department = s(o, QLatin1String("department"));
    t.title = s(o, QLatin1String("title"));
    t.description = s(o, QLatin1String("description"));
    t.requester = Requester::fromJson(o.value(QLatin1String("requester")).toObject());
    t.address = s(o, QLatin1String("address"));
    t.location = pointFromJson(o.value(QLatin1String("location")));
    t.source = s(o, QLatin1String("source"));
    t.assigneeId = UserId(i64(o, QLatin1String("assigneeId")));
    t.teamId = TeamId(i64(o, QLatin1String("teamId")));
    t.createdBy = UserId(i64(o, QLatin1String("createdBy")));
    t.createdAt = timeFromJson(o.value(QLatin1String("createdAt")));
    t.updatedAt = timeFromJson(o.value(QLatin1String("updatedAt")));
    t.acceptedAt = timeFromJson(o.value(QLatin1String("acceptedAt")));
    t.firstResponseAt = timeFromJson(o.value(QLatin1String("firstResponseAt")));
    t.resolvedAt = timeFromJson(o.value(QLatin1String("resolvedAt")));
    t.closedAt = timeFromJson(o.value(QLatin1String("closedAt")));
    t.version = i64(o, QLatin1String("version"));
    t.urgeCount = o.value(QLatin1String("urgeCount")).toInt();
    t.mergedInto = TicketId(i64(o, QLatin1String("mergedInto")));
    if (o.value(QLatin1String("pendingApproval")).isObject())
        t.pendingApproval = PendingApproval::fromJson(o.value(QLatin1String("pendingApproval")).toObject());
    t.fields = o.value(QLatin1String("fields")).toObject();
    if (o.value(QLatin1String("dispatch")).isObject())
        t.dispatch = DispatchState::fromJson(o.value(QLatin1String("dispatch")).toObject());
    return t;
}

Ticket Ticket::fromRow(const QJsonArray &r)
{
    // The columns of kTicketRowColumns (ticketjson.h), in that order; the conversions of fromJson.
    Ticket t;
    const auto at = [&r](int i) { return r.at(i); };
    t.id = TicketId(at(0).toInteger());
    t.number = at(1).toString();
    t.type = at(2).toString();
    t.status = at(3).toString();
    t.suspendedFrom = at(4).toString();
    t.priority = priorityFromName(at(5).toString()).value_or(Priority::Normal);
    t.category = at(6).toString();
    t.department = at(7).toString();
    t.title = at(8).toString();
    t.requester = Requester::fromJson(at(9).toObject());
    t.address = at(10).toString();
    t.location = pointFromJson(at(11));
    t.source = at(12).toString();
    t.assigneeId = UserId(at(13).toInteger());
    t.teamId = TeamId(at(14).toInteger());
    t.createdBy = UserId(at(15).toInteger());
    t.createdAt = timeFromJson(at(16));
    t.updatedAt = timeFromJson(at(17));
    t.acceptedAt = timeFromJson(at(18));
    t.firstResponseAt = timeFromJson(at(19));
    t.resolvedAt = timeFromJson(at(20));
    t.closedAt = timeFromJson(at(21));
    t.version = at(22).toInteger();
    t.urgeCount = at(23).toInt();
    t.mergedInto = TicketId(at(24).toInteger());
    if (at(25).isObject())
        t.pendingApproval = PendingApproval::fromJson(at(25).toObject());
    if (at(26).isObject())
        t.dispatch = DispatchState::fromJson(at(26).toObject());
    t.fields = at(27).toObject();
    return t;
}

namespace {
QJsonArray userIds(const QList<UserId> &ids)
{
    QJsonArray a;
    for (UserId id : ids)
        a.append(id.value());
    return a;
}
QList<UserId> userIdsFrom(const QJsonValue &v)
{
    QList<UserId> out;
    for (const QJsonValue &x : v.toArray())
        out << UserId(x.toInteger());
    return out;
}
} // namespace

QJsonObject DispatchState::toJson() const
{
    QJsonObject o{{QLatin1String("mode"), mode},
                  {QLatin1String("offeredTo"), userIds(offeredTo)},
                  {QLatin1String("tried"), userIds(tried)},
                  {QLatin1String("dispatchedAt"), timeToJson(dispatchedAt)},
                  {QLatin1String("deadline"), timeToJson(deadline)},
                  {QLatin1String("emergency"), emergency},
                  {QLatin1String("attempts"), attempts}};
    putString(o, QLatin1String("rule"), rule);
    return o;
}

DispatchState DispatchState::fromJson(const QJsonObject &o)
{
    DispatchState d;
    d.mode = s(o, QLatin1String("mode"));
    d.offeredTo = userIdsFrom(o.value(QLatin1String("offeredTo")));
    d.tried = userIdsFrom(o.value(QLatin1String("tried")));
    d.dispatchedAt = timeFromJson(o.value(QLatin1String("dispatchedAt")));
    d.deadline = timeFromJson(o.value(QLatin1String("deadline")));
    d.rule = s(o, QLatin1String("rule"));
    d.emergency = o.value(QLatin1String("emergency")).toBool();
    d.attempts = o.value(QLatin1String("attempts")).toInt();
    return d;
}

QJsonObject Comment::toJson() const
{
    QJsonObject o{{QLatin1String("id"), id.value()},
                  {QLatin1String("ticketId"), ticketId.value()},
                  {QLatin1String("authorId"), authorId.value()},
                  {QLatin1String("authorName"), authorName},
                  {QLatin1String("kind"), commentKindName(kind)},
                  {QLatin1String("body"), body},
                  {QLatin1String("createdAt"), timeToJson(createdAt)}};
    putId(o, QLatin1String("originTicketId"), originTicketId.value());
    return o;
}

Comment Comment::fromJson(const QJsonObject &o)
{
    Comment c;
    c.id = CommentId(i64(o, QLatin1String("id")));
    c.ticketId = TicketId(i64(o, QLatin1String("ticketId")));
    c.authorId = UserId(i64(o, QLatin1String("authorId")));
    c.authorName = s(o, QLatin1String("authorName"));
    c.kind = commentKindFromName(s(o, QLatin1String("kind"))).value_or(CommentKind::Public);
    c.body = s(o, QLatin1String("body"));
    c.createdAt = timeFromJson(o.value(QLatin1String("createdAt")));
    c.originTicketId = TicketId(i64(o, QLatin1String("originTicketId")));
    return c;
}

QJsonObject AttachmentInfo::toJson() const
{
    QJsonObject o{{QLatin1String("id"), id.value()},
                  {QLatin1String("ticketId"), ticketId.value()},
                  {QLatin1String("fileName"), fileName},
                  {QLatin1String("mimeType"), mimeType},
                  {QLatin1String("size"), size},
                  {QLatin1String("sha256"), sha256},
                  {QLatin1String("uploadedBy"), uploadedBy.value()},
                  {QLatin1String("createdAt"), timeToJson(createdAt)}};
    putId(o, QLatin1String("commentId"), commentId.value());
    return o;
}

AttachmentInfo AttachmentInfo::fromJson(const QJsonObject &o)
{
    AttachmentInfo a;
    a.id = AttachmentId(i64(o, QLatin1String("id")));
    a.ticketId = TicketId(i64(o, QLatin1String("ticketId")));
    a.commentId = CommentId(i64(o, QLatin1String("commentId")));
    a.fileName = s(o, QLatin1String("fileName"));
    a.mimeType = s(o, QLatin1String("mimeType"));
    a.size = i64(o, QLatin1String("size"));
    a.sha256 = s(o, QLatin1String("sha256"));
    a.uploadedBy = UserId(i64(o, QLatin1String("uploadedBy")));
    a.createdAt = timeFromJson(o.value(QLatin1String("createdAt")));
    return a;
}

QJsonObject AuditEntry::toJson() const
{
    QJsonObject o{{QLatin1String("id"), id},
                  {QLatin1String("ticketId"), ticketId.value()},
                  {QLatin1String("actorName"), actorName},
                  {QLatin1String("at"), timeToJson(at)},
                  {QLatin1String("action"), action},
                  {QLatin1String("changes"), changes}};
    putId(o, QLatin1String("actorId"), actorId.value());
    putString(o, QLatin1String("reason"), reason);
    return o;
}

AuditEntry AuditEntry::fromJson(const QJsonObject &o)
{
    AuditEntry a;
    a.id = i64(o, QLatin1String("id"));
    a.ticketId = TicketId(i64(o, QLatin1String("ticketId")));
    a.actorId = UserId(i64(o, QLatin1String("actorId")));
    a.actorName = s(o, QLatin1String("actorName"));
    a.at = timeFromJson(o.value(QLatin1String("at")));
    a.action = s(o, QLatin1String("action"));
    a.changes = o.value(QLatin1String("changes")).toObject();
    a.reason = s(o, QLatin1String("reason"));
    return a;
}

QJsonObject TicketLink::toJson() const
{
    return {{QLatin1String("ticketId"), other.value()},
            {QLatin1String("number"), otherNumber},
            {QLatin1String("kind"), linkKindName(kind)}};
}

TicketLink TicketLink::fromJson(const QJsonObject &o)
{
    return {TicketId(i64(o, QLatin1String("ticketId"))), s(o, QLatin1String("number")),
            linkKindFromName(s(o, QLatin1String("kind"))).value_or(LinkKind::Related)};
}

QJsonObject User::toJson() const
{
    QJsonObject o{{QLatin1String("id"), id.value()},
                  {QLatin1String("username"), username},
                  {QLatin1String("displayName"), displayName},
                  {QLatin1String("role"), roleName(role)},
                  {QLatin1String("active"), active}};
    putId(o, QLatin1String("teamId"), teamId.value());
    putString(o, QLatin1String("email"), email);
    putString(o, QLatin1String("phone"), phone);
    return o;
}

User User::fromJson(const QJsonObject &o)
{
    User u;
    u.id = UserId(i64(o, QLatin1String("id")));
    u.username = s(o, QLatin1String("username"));
    u.displayName = s(o, QLatin1String("displayName"));
    u.role = roleFromName(s(o, QLatin1String("role"))).value_or(Role::Requester);
    u.teamId = TeamId(i64(o, QLatin1String("teamId")));
    u.email = s(o, QLatin1String("email"));
    u.phone = s(o, QLatin1String("phone"));
    u.active = o.value(QLatin1String("active")).toBool(true);
    return u;
}

QJsonObject Team::toJson() const
{
    return {{QLatin1String("id"), id.value()}, {QLatin1String("name"), name}, {QLatin1String("area"), area}};
}

Team Team::fromJson(const QJsonObject &o)
{
    return {TeamId(i64(o, QLatin1String("id"))), s(o, QLatin1String("name")), s(o, QLatin1String("area"))};
}

QJsonObject FieldStaff::toJson() const
{
    QJsonObject o{{QLatin1String("userId"), userId.value()},
                  {QLatin1String("name"), name},
                  {QLatin1String("skills"), QJsonArray::fromStringList(skills)},
                  {QLatin1String("status"), staffStatusName(status)},
                  {QLatin1String("position"), pointToJson(position)},
                  {QLatin1String("accuracy"), accuracy},
                  {QLatin1String("positionAt"), timeToJson(positionAt)},
                  {QLatin1String("openTickets"), openTickets},
                  {QLatin1String("heading"), heading >= 0 ? QJsonValue(heading) : QJsonValue(QJsonValue::Null)},
                  {QLatin1String("speed"), speed >= 0 ? QJsonValue(speed) : QJsonValue(QJsonValue::Null)},
                  {QLatin1String("frozen"), frozen}};
    putId(o, QLatin1String("teamId"), teamId.value());
    return o;
}

FieldStaff FieldStaff::fromJson(const QJsonObject &o)
{
    FieldStaff f;
    f.userId = UserId(i64(o, QLatin1String("userId")));
    f.name = s(o, QLatin1String("name"));
    f.teamId = TeamId(i64(o, QLatin1String("teamId")));
    for (const QJsonValue &v : o.value(QLatin1String("skills")).toArray())
        f.skills << v.toString();
    f.status = staffStatusFromName(s(o, QLatin1String("status"))).value_or(StaffStatus::OffDuty);
    f.position = pointFromJson(o.value(QLatin1String("position")));
    f.accuracy = o.value(QLatin1String("accuracy")).toDouble();
    f.positionAt = timeFromJson(o.value(QLatin1String("positionAt")));
    f.openTickets = o.value(QLatin1String("openTickets")).toInt();
    f.heading = o.value(QLatin1String("heading")).toDouble(-1);
    f.speed = o.value(QLatin1String("speed")).toDouble(-1);
    f.frozen = o.value(QLatin1String("frozen")).toBool();
    return f;
}

QJsonObject TrackPoint::toJson() const
{
    return {{QLatin1String("lat"), position.lat},
            {QLatin1String("lon"), position.lon},
            {QLatin1String("accuracy"), accuracy},
            {QLatin1String("at"), timeToJson(at)}};
}

TrackPoint TrackPoint::fromJson(const QJsonObject &o)
{
    TrackPoint p;
    p.position = GeoPoint::at(o.value(QLatin1String("lat")).toDouble(), o.value(QLatin1String("lon")).toDouble());
    p.accuracy = o.value(QLatin1String("accuracy")).toDouble();
    p.at = timeFromJson(o.value(QLatin1String("at")));
    return p;
}

QJsonObject Event::dataObject() const
{
    return rawData.isEmpty() ? data : QJsonDocument::fromJson(rawData).object();
}

QJsonObject Event::toJson() const
{
    QJsonObject o{{QLatin1String("seq"), seq},
                  {QLatin1String("type"), type},
                  {QLatin1String("at"), timeToJson(at)},
                  {QLatin1String("data"), dataObject()}};
    putId(o, QLatin1String("ticketId"), ticketId.value());
    return o;
}

Event Event::fromJson(const QJsonObject &o)
{
    Event e;
    e.seq = i64(o, QLatin1String("seq"));
    e.type = s(o, QLatin1String("type"));
    e.at = timeFromJson(o.value(QLatin1String("at")));
    e.ticketId = TicketId(i64(o, QLatin1String("ticketId")));
    e.data = o.value(QLatin1String("data")).toObject();
    return e;
}

} // namespace crewline
