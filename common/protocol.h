#pragma once

// The wire protocol, in one place: protocol version, operations, error codes, limits, and the envelope codec.
// JSON over WebSocket text frames. docs/protocol.md documents everything defined here; keep them in step.

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace crewline {
struct Event;
}

namespace crewline::protocol {

constexpr int kVersion = 1;

// Limits enforced by the codec (both directions) and by the server's socket.
namespace limits {
constexpr qint64 kMaxMessageBytes = 1024 * 1024; // one text frame/message
constexpr qint64 kMaxChunkBytes = 512 * 1024;    // raw attachment bytes per chunk (base64 on the wire)
constexpr int kMaxIdLength = 64;                 // request ids and idempotency keys
constexpr int kMaxTitle = 200;
constexpr int kMaxText = 20000; // descriptions, comment bodies
constexpr int kMaxShort = 120;  // names, categories, departments, contacts
constexpr int kMaxAddress = 300;
constexpr int kMaxFileName = 255;
constexpr int kMaxListItems = 200; // ids or names in one filter
constexpr int kMaxPageSize = 500;
constexpr int kMaxTotalLimit = 10'000'000; // ticket.list totalLimit
constexpr int kDefaultPageSize = 100;
constexpr int kMaxFieldsBytes = 16 * 1024; // type-specific fields object, serialised
constexpr int kMaxReplayEvents = 100000;   // events replayed on subscribe before resync_required
} // namespace limits

// Every operation a client may send. Adding one here fails to compile (-Wswitch, -Werror) until the server's
// dispatcher, the permission table and opName() handle it.
enum class Op
{
    Hello,
    Ping,
    AuthLogin,
    AuthResume,
    AuthLogout,
    Subscribe,
    Unsubscribe,
    TicketCreate,
    TicketList,
    TicketGet,
    TicketUpdate,
    TicketAssign,
    TicketAccept,
    TicketComment,
    TicketTransition,
    TicketApprove,
    TicketSuspend,
    TicketResume,
    TicketUrge,
    TicketSplit,
    TicketMerge,
    TicketReopen,
    TicketLink,
    TicketUnlink,
    AttachmentBegin,
    AttachmentChunk,
    AttachmentFinish,
    AttachmentAbort,
    AttachmentDownload,
    TypeList,
    UserList,
    UserCreate,
    TeamList,
    StaffList,
    PresenceSet,
    StaffReport,
    StaffTrack,
    DispatchSuggest,
    TicketClaim,
    StaffFreeze,
    TicketPrint,
    StatsDashboard,
};
constexpr int kOpCount = static_cast<int>(Op::StatsDashboard) + 1;

QString opName(Op op);
std::optional<Op> opFromName(const QString &name);
// Whether the operation changes state: such requests need an idempotency key ("idem").
bool opMutates(Op op);
// Whether the operation may be sent before authentication.
bool opIsPublic(Op op);

enum class ErrorCode
{
    MalformedMessage,   // not JSON, not an object, missing envelope fields
    UnsupportedVersion, // "v" differs from the server's protocol version
    UnknownOperation,
    InvalidField, // a field of the wrong type, out of range, too long, or missing
    MessageTooLarge,
    Unauthenticated, // no session yet (send hello then auth.login / auth.resume)
    BadCredentials,
    LockedOut, // too many failed logins: wait until details.until
    SessionExpired,
    Forbidden, // the caller's role may not do this
    NotFound,
    Conflict,            // the ticket changed since the version the request was based on; details.current
    InvalidTransition,   // the ticket type's workflow does not allow this from the current status
    MissingFields,       // the workflow requires fields on entering the status; details.fields
    AlreadyClaimed,      // someone else holds the ticket now
    HashMismatch,        // attachment bytes do not match the announced SHA-256
    UploadIncomplete,    // attachment finished before all bytes arrived
    TooLarge,            // attachment over the configured limit
    ResyncRequired,      // subscribe: the requested sequence is no longer (or not yet) available; reload
    IdempotencyMismatch, // the idempotency key was used before for a different operation
    RateLimited,
    Internal,
    Unavailable, // the server is shutting down or its storage failed; retry later
};

QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString &name);

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;     // English, for logs and as a fallback; clients show their own translation of the code
    QJsonObject details; // machine-readable context (field name, current ticket, ...)

    QJsonObject toJson() const;
    static Error fromJson(const QJsonObject &o);
};

// A client request: {"v":1,"id":"42","op":"ticket.assign","idem":"...","data":{...}}
struct Request
{
    QJsonValue id; // string or integer, echoed back unchanged
    Op op = Op::Ping;
    QString idem; // idempotency key; required when opMutates(op)
    QJsonObject data;

    QByteArray encode() const;
};

// A server response: {"v":1,"id":"42","ok":true,"result":{...}} or {"v":1,"id":"42","ok":false,"error":{...}}
struct Response
{
    QJsonValue id;
    bool ok = true;
    QJsonObject result;
    QByteArray rawResult; // a result already encoded as a JSON object (server hot paths); wins over result if set
    Error error;

    static Response success(const QJsonValue &id, const QJsonObject &result);
    static Response successRaw(const QJsonValue &id, const QByteArray &jsonObject);
    static Response failure(const QJsonValue &id, const Error &error);
    QByteArray encode() const;
};

// A frame the server pushes without being asked: an event ({"v":1,"event":{...}}) or a notice
// ({"v":1,"notice":"presence","data":{...}}); notices carry no sequence number and are not replayed.
struct Push
{
    enum class Kind
    {
        Event,
        Notice
    };
    Kind kind = Kind::Event;
    QJsonObject body; // the event object (see Event::toJson) or the notice's data
    QString notice;   // notice name

    QByteArray encode() const;
};

// The push of one event, {"event": ..., "v": 1}: the same text as Push{Event, e.toJson()}.encode(), but an event's
// rawData is spliced in as it is instead of being parsed and written again.
QByteArray encodeEventPush(const Event &e);

// Decoding on the server: a request or the error to answer with (with whatever id could be read).
struct DecodedRequest
{
    std::optional<Request> request;
    Error error;
    QJsonValue id;
};
DecodedRequest decodeRequest(const QByteArray &utf8);

// Decoding on the client: exactly one of response/push is set, or error when the frame is malformed.
struct DecodedServerMessage
{
    std::optional<Response> response;
    std::optional<Push> push;
    std::optional<Error> error;
};
DecodedServerMessage decodeServerMessage(const QByteArray &utf8);

} // namespace crewline::protocol
