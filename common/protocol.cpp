#include "common/protocol.h"

#include "common/domain.h"
#include "common/jsonwriter.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <array>

using namespace Qt::StringLiterals;

namespace crewline::protocol {

namespace {

struct OpInfo
{
    Op op;
    const char *name;
    bool mutates;
    bool isPublic;
};

// Indexed by Op; opInfo() checks the order at compile time.
constexpr std::array<OpInfo, kOpCount> kOps = {{
    {Op::Hello, "hello", false, true},
    {Op::Ping, "ping", false, true},
    {Op::AuthLogin, "auth.login", false, true},
    {Op::AuthResume, "auth.resume", false, true},
    {Op::AuthLogout, "auth.logout", false, false},
    {Op::Subscribe, "subscribe", false, false},
    {Op::Unsubscribe, "unsubscribe", false, false},
    {Op::TicketCreate, "ticket.create", true, false},
    {Op::TicketList, "ticket.list", false, false},
    {Op::TicketGet, "ticket.get", false, false},
    {Op::TicketUpdate, "ticket.update", true, false},
    {Op::TicketAssign, "ticket.assign", true, false},
    {Op::TicketAccept, "ticket.accept", true, false},
    {Op::TicketComment, "ticket.comment", true, false},
    {Op::TicketTransition, "ticket.transition", true, false},
    {Op::TicketApprove, "ticket.approve", true, false},
    {Op::TicketSuspend, "ticket.suspend", true, false},
    {Op::TicketResume, "ticket.resume", true, false},
    {Op::TicketUrge, "ticket.urge", true, false},
    {Op::TicketSplit, "ticket.split", true, false},
    {Op::TicketMerge, "ticket.merge", true, false},
    {Op::TicketReopen, "ticket.reopen", true, false},
    {Op::TicketLink, "ticket.link", true, false},
    {Op::TicketUnlink, "ticket.unlink", true, false},
    {Op::AttachmentBegin, "attachment.begin", false, false},
    {Op::AttachmentChunk, "attachment.chunk", false, false},
    {Op::AttachmentFinish, "attachment.finish", true, false},
    {Op::AttachmentAbort, "attachment.abort", false, false},
    {Op::AttachmentDownload, "attachment.download", false, false},
    {Op::TypeList, "type.list", false, false},
    {Op::UserList, "user.list", false, false},
    {Op::UserCreate, "user.create", true, false},
    {Op::TeamList, "team.list", false, false},
    {Op::StaffList, "staff.list", false, false},
    {Op::PresenceSet, "presence.set", false, false},
    // Position reports are not idempotency-keyed: repeating one is harmless (see docs/protocol.md).
    {Op::StaffReport, "staff.report", false, false},
    {Op::StaffTrack, "staff.track", false, false},
    {Op::DispatchSuggest, "dispatch.suggest", false, false},
    {Op::TicketClaim, "ticket.claim", true, false},
    {Op::StaffFreeze, "staff.freeze", true, false},
    {Op::TicketPrint, "ticket.print", true, false},
    {Op::StatsDashboard, "stats.dashboard", false, false},
}};

constexpr bool opsInOrder()
{
    for (int i = 0; i < kOpCount; ++i) {
        if (static_cast<int>(kOps[i].op) != i)
            return false;
    }
    return true;
}
static_assert(opsInOrder(), "kOps must list the operations in enum order");

constexpr std::array<const char *, 23> kErrorNames = {
    "malformed_message",  "unsupported_version",
    "unknown_operation",  "invalid_field",
    "message_too_large",  "unauthenticated",
    "bad_credentials",    "locked_out",
    "session_expired",    "forbidden",
    "not_found",          "conflict",
    "invalid_transition", "missing_fields",
    "already_claimed",    "hash_mismatch",
    "upload_incomplete",  "too_large",
    "resync_required",    "idempotency_mismatch",
    "rate_limited",       "internal",
    "unavailable",
};
static_assert(kErrorNames.size() == static_cast<size_t>(ErrorCode::Unavailable) + 1);

QByteArray toBytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Error makeError(ErrorCode code, const QString &message, const QJsonObject &details = {})
{
    return Error{code, message, details};
}

// Parses a frame into an object, enforcing the size limit; on failure fills error.
std::optional<QJsonObject> parseObject(const QByteArray &utf8, Error &error)
{
    if (utf8.size() > limits::kMaxMessageBytes) {
        error = makeError(ErrorCode::MessageTooLarge, u"message exceeds %1 bytes"_s.arg(limits::kMaxMessageBytes),
                          {{u"limit"_s, limits::kMaxMessageBytes}});
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = makeError(ErrorCode::MalformedMessage,
                          u"not valid JSON at offset %1: %2"_s.arg(parseError.offset).arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        error = makeError(ErrorCode::MalformedMessage, u"a message must be a JSON object"_s);
        return std::nullopt;
    }
    return doc.object();
}

bool validId(const QJsonValue &id)
{
    if (id.isString())
        return !id.toString().isEmpty() && id.toString().size() <= limits::kMaxIdLength;
    if (id.isDouble())
        return id.toDouble() == static_cast<double>(id.toInteger());
    return false;
}

} // namespace

QString opName(Op op)
{
    return QString::fromLatin1(kOps.at(static_cast<size_t>(op)).name);
}

std::optional<Op> opFromName(const QString &name)
{
    for (const OpInfo &info : kOps) {
        if (name == QLatin1String(info.name))
            return info.op;
    }
    return std::nullopt;
}

bool opMutates(Op op)
{
    return kOps.at(static_cast<size_t>(op)).mutates;
}
bool opIsPublic(Op op)
{
    return kOps.at(static_cast<size_t>(op)).isPublic;
}

QString errorCodeName(ErrorCode code)
{
    return QString::fromLatin1(kErrorNames.at(static_cast<size_t>(code)));
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    for (size_t i = 0; i < kErrorNames.size(); ++i) {
        if (name == QLatin1String(kErrorNames[i]))
            return static_cast<ErrorCode>(i);
    }
    return std::nullopt;
}

QJsonObject Error::toJson() const
{
    QJsonObject o{{u"code"_s, errorCodeName(code)}, {u"message"_s, message}};
    if (!details.isEmpty())
        o.insert(u"details"_s, details);
    return o;
}

Error Error::fromJson(const QJsonObject &o)
{
    Error e;
    e.code = errorCodeFromName(o.value(u"code"_s).toString()).value_or(ErrorCode::Internal);
    e.message = o.value(u"message"_s).toString();
    e.details = o.value(u"details"_s).toObject();
    return e;
}

QByteArray Request::encode() const
{
    QJsonObject o{{u"v"_s, kVersion}, {u"id"_s, id}, {u"op"_s, opName(op)}, {u"data"_s, data}};
    if (!idem.isEmpty())
        o.insert(u"idem"_s, idem);
    return toBytes(o);
}

Response Response::success(const QJsonValue &id, const QJsonObject &result)
{
    Response r;
    r.id = id;
    r.ok = true;
    r.result = result;
    return r;
}

Response Response::successRaw(const QJsonValue &id, const QByteArray &jsonObject)
{
    Response r;
    r.id = id;
    r.ok = true;
    r.rawResult = jsonObject;
    return r;
}

Response Response::failure(const QJsonValue &id, const Error &error)
{
    Response r;
    r.id = id;
    r.ok = false;
    r.error = error;
    return r;
}

QByteArray Response::encode() const
{
    if (ok && !rawResult.isEmpty()) {
        // The same members, in the same (sorted) order QJsonDocument writes them.
        QByteArray out;
        out.reserve(rawResult.size() + 64);
        out.append("{\"id\":");
        if (id.isString())
            appendJsonString(out, id.toString());
        else if (id.isDouble())
            out.append(QByteArray::number(id.toInteger()));
        else
            out.append("null");
        out.append(",\"ok\":true,\"result\":");
        out.append(rawResult);
        out.append(",\"v\":");
        out.append(QByteArray::number(kVersion));
        out.append('}');
        return out;
    }
    QJsonObject o{{u"v"_s, kVersion}, {u"id"_s, id.isUndefined() ? QJsonValue(QJsonValue::Null) : id}, {u"ok"_s, ok}};
    if (ok)
        o.insert(u"result"_s, result);
    else
        o.insert(u"error"_s, error.toJson());
    return toBytes(o);
}

QByteArray encodeEventPush(const Event &e)
{
    if (e.rawData.isEmpty())
        return Push{Push::Kind::Event, e.toJson(), {}}.encode();
    // Members in the order QJsonDocument writes them (sorted by name), so both forms give the same text when the
    // data's own members are sorted too.
    QByteArray out;
    out.reserve(e.rawData.size() + 128);
    JsonWriter w(out);
    w.beginObject();
    w.key("event");
    w.beginObject();
    w.key("at");
    w.time(e.at);
    w.key("data");
    w.raw(e.rawData);
    w.key("seq");
    w.value(e.seq);
    w.key("ticketId");
    w.id(e.ticketId.value());
    w.key("type");
    w.value(QStringView(e.type));
    w.endObject();
    w.key("v");
    w.value(kVersion);
    w.endObject();
    return out;
}

QByteArray Push::encode() const
{
    if (kind == Kind::Event)
        return toBytes({{u"v"_s, kVersion}, {u"event"_s, body}});
    return toBytes({{u"v"_s, kVersion}, {u"notice"_s, notice}, {u"data"_s, body}});
}

DecodedRequest decodeRequest(const QByteArray &utf8)
{
    DecodedRequest out;
    const std::optional<QJsonObject> parsed = parseObject(utf8, out.error);
    if (!parsed)
        return out;
    const QJsonObject &o = *parsed;

    const QJsonValue id = o.value(u"id"_s);
    if (!validId(id)) {
        out.error = makeError(
            ErrorCode::MalformedMessage,
            u"\"id\" must be a non-empty string of at most %1 characters or an integer"_s.arg(limits::kMaxIdLength));
        return out;
    }
    out.id = id;

    const QJsonValue v = o.value(u"v"_s);
    if (!v.isDouble()) {
        out.error = makeError(ErrorCode::MalformedMessage, u"\"v\" (protocol version) must be a number"_s);
        return out;
    }
    if (v.toInt() != kVersion) {
        out.error =
            makeError(ErrorCode::UnsupportedVersion,
                      u"protocol version %1 is not supported; this server speaks %2"_s.arg(v.toInt()).arg(kVersion),
                      {{u"supported"_s, kVersion}});
        return out;
    }

    const QJsonValue opValue = o.value(u"op"_s);
    if (!opValue.isString()) {
        out.error = makeError(ErrorCode::MalformedMessage, u"\"op\" must be a string"_s);
        return out;
    }
    const std::optional<Op> op = opFromName(opValue.toString());
    if (!op) {
        out.error =
            makeError(ErrorCode::UnknownOperation, u"unknown operation \"%1\""_s.arg(opValue.toString().left(64)),
                      {{u"op"_s, opValue.toString().left(64)}});
        return out;
    }

    const QJsonValue data = o.value(u"data"_s);
    if (!data.isUndefined() && !data.isNull() && !data.isObject()) {
        out.error = makeError(ErrorCode::InvalidField, u"\"data\" must be an object"_s, {{u"field"_s, u"data"_s}});
        return out;
    }

    const QJsonValue idem = o.value(u"idem"_s);
    QString idemKey;
    if (!idem.isUndefined() && !idem.isNull()) {
        if (!idem.isString() || idem.toString().isEmpty() || idem.toString().size() > limits::kMaxIdLength) {
            out.error =
                makeError(ErrorCode::InvalidField,
                          u"\"idem\" must be a non-empty string of at most %1 characters"_s.arg(limits::kMaxIdLength),
                          {{u"field"_s, u"idem"_s}});
            return out;
        }
        idemKey = idem.toString();
    }
    if (opMutates(*op) && idemKey.isEmpty()) {
        out.error =
            makeError(ErrorCode::InvalidField,
                      u"operation \"%1\" changes state and needs an idempotency key \"idem\""_s.arg(opName(*op)),
                      {{u"field"_s, u"idem"_s}});
        return out;
    }

    out.request = Request{id, *op, idemKey, data.toObject()};
    return out;
}

DecodedServerMessage decodeServerMessage(const QByteArray &utf8)
{
    DecodedServerMessage out;
    Error error;
    const std::optional<QJsonObject> parsed = parseObject(utf8, error);
    if (!parsed) {
        out.error = error;
        return out;
    }
    const QJsonObject &o = *parsed;
    if (o.value(u"v"_s).toInt() != kVersion) {
        out.error = makeError(ErrorCode::UnsupportedVersion, u"server speaks another protocol version"_s);
        return out;
    }
    if (o.contains(u"event"_s)) {
        Push p;
        p.kind = Push::Kind::Event;
        p.body = o.value(u"event"_s).toObject();
        out.push = p;
    } else if (o.contains(u"notice"_s)) {
        Push p;
        p.kind = Push::Kind::Notice;
        p.notice = o.value(u"notice"_s).toString();
        p.body = o.value(u"data"_s).toObject();
        out.push = p;
    } else if (o.value(u"ok"_s).isBool()) {
        Response r;
        r.id = o.value(u"id"_s);
        r.ok = o.value(u"ok"_s).toBool();
        if (r.ok)
            r.result = o.value(u"result"_s).toObject();
        else
            r.error = Error::fromJson(o.value(u"error"_s).toObject());
        out.response = r;
    } else {
        out.error = makeError(ErrorCode::MalformedMessage, u"neither a response, an event nor a notice"_s);
    }
    return out;
}

} // namespace crewline::protocol
