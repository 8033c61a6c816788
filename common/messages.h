#pragma once

// One struct per request payload ("data" of a request). Each declares its fields once (fields()), which gives both
// the validating parser used by the server and the serialiser used by clients. Results are domain records
// (domain.h) wrapped in small objects; their shapes are documented in docs/protocol.md.

#include "common/fieldcodec.h"

namespace crewline::protocol {

using namespace limits;

struct Hello
{
    static constexpr Op kOp = Op::Hello;
    QString client;   // e.g. "crewline-console/0.1.0"
    QString language; // e.g. "zh_CN"; selects the language of ticket type names in type.list
    // The client takes the server's messages as binary frames holding the same UTF-8 JSON text: no UTF-16 round
    // trip of every message on either side (docs/protocol.md, 2).
    bool binaryFrames = false;
    template<class V>
    void fields(V &v)
    {
        v(u"client", client, Need::Optional, kMaxShort);
        v(u"language", language, Need::Optional, 16);
        v(u"binaryFrames", binaryFrames, Need::Optional);
    }
};

struct AuthLogin
{
    static constexpr Op kOp = Op::AuthLogin;
    QString username;
    QString password;
    template<class V>
    void fields(V &v)
    {
        v(u"username", username, Need::Required, kMaxShort);
        v(u"password", password, Need::Required, 1024);
    }
};

struct AuthResume
{
    static constexpr Op kOp = Op::AuthResume;
    QString token;
    template<class V>
    void fields(V &v)
    {
        v(u"token", token, Need::Required, 128);
    }
};

// Narrows which events a subscription receives. Empty lists mean "any".
struct SubscriptionFilter
{
    QStringList types;
    QList<TeamId> teamIds;
    QList<UserId> assigneeIds;
    QList<TicketId> ticketIds;
    template<class V>
    void fields(V &v)
    {
        v(u"types", types, Need::Optional, kMaxListItems, kMaxShort);
        v(u"teamIds", teamIds, Need::Optional, kMaxListItems);
        v(u"assigneeIds", assigneeIds, Need::Optional, kMaxListItems);
        v(u"ticketIds", ticketIds, Need::Optional, kMaxListItems);
    }
    friend bool operator==(const SubscriptionFilter &, const SubscriptionFilter &) = default;
};

struct Subscribe
{
    static constexpr Op kOp = Op::Subscribe;
    std::optional<qint64> since; // replay every visible event with seq > since before the reply
    SubscriptionFilter filter;
    template<class V>
    void fields(V &v)
    {
        v(u"since", since, Need::Optional, qint64(0), std::numeric_limits<qint64>::max());
        v(u"filter", filter, Need::Optional);
    }
};

struct TicketCreate
{
    static constexpr Op kOp = Op::TicketCreate;
    QString type; // default: the server's default type
    QString title;
    QString description;
    std::optional<Priority> priority;
    QString category;
    QString department;
    Requester requester;
    QString address;
    GeoPoint location;
    QString source;
    TeamId teamId;
    QJsonObject fields_;
    template<class V>
    void fields(V &v)
    {
        v(u"type", type, Need::Optional, kMaxShort);
        v(u"title", title, Need::Optional, kMaxTitle);
        v(u"description", description, Need::Optional, kMaxText);
        v(u"priority", priority, Need::Optional);
        v(u"category", category, Need::Optional, kMaxShort);
        v(u"department", department, Need::Optional, kMaxShort);
        v(u"requester", requester, Need::Optional);
        v(u"address", address, Need::Optional, kMaxAddress);
        v(u"location", location, Need::Optional);
        v(u"source", source, Need::Optional, 16);
        v(u"teamId", teamId, Need::Optional);
        v(u"fields", fields_, Need::Optional, kMaxFieldsBytes);
    }
};

enum class SortKey
{
    Created,
    Updated,
    Priority,
    Number,
    Status
};

struct TicketQuery
{
    static constexpr Op kOp = Op::TicketList;
    QStringList statuses;
    QStringList types;
    QStringList priorities;
    QStringList categories;
    QStringList departments;
    QList<UserId> assigneeIds;
    QList<TeamId> teamIds;
    std::optional<bool> unassigned;
    std::optional<bool> open; // true: not in a final status; false: only final
    std::optional<bool> pendingApproval;
    UserId requesterId;
    QDateTime createdFrom, createdTo, updatedFrom, updatedTo;
    QString text;                             // free text over number, title and description
    QString sort = QStringLiteral("updated"); // created | updated | priority | number | status
    bool descending = true;
    int offset = 0;
    TicketId afterId; // keyset paging with sort "number": only ids after this one in the sort direction
    int limit = kDefaultPageSize;
    bool withTotal = true;
    // Counting stops after this many matches (the result then says totalCapped): a total the user reads as "1,000+"
    // need not cost a walk through every match. Unset: every match is counted.
    std::optional<int> totalLimit;
    QString shape = QStringLiteral("objects"); // objects | rows (arrays in kTicketRowColumns order, ticketjson.h)
    template<class V>
    void fields(V &v)
    {
        v(u"statuses", statuses, Need::Optional, kMaxListItems, kMaxShort);
        v(u"types", types, Need::Optional, kMaxListItems, kMaxShort);
        v(u"priorities", priorities, Need::Optional, 4, 16);
        v(u"categories", categories, Need::Optional, kMaxListItems, kMaxShort);
        v(u"departments", departments, Need::Optional, kMaxListItems, kMaxShort);
        v(u"assigneeIds", assigneeIds, Need::Optional, kMaxListItems);
        v(u"teamIds", teamIds, Need::Optional, kMaxListItems);
        v(u"unassigned", unassigned, Need::Optional);
        v(u"open", open, Need::Optional);
        v(u"pendingApproval", pendingApproval, Need::Optional);
        v(u"requesterId", requesterId, Need::Optional);
        v(u"createdFrom", createdFrom, Need::Optional);
        v(u"createdTo", createdTo, Need::Optional);
        v(u"updatedFrom", updatedFrom, Need::Optional);
        v(u"updatedTo", updatedTo, Need::Optional);
        v(u"text", text, Need::Optional, kMaxShort);
        v(u"sort", sort, Need::Optional, 16);
        v(u"descending", descending, Need::Optional);
        v(u"offset", offset, Need::Optional, 0, 10'000'000);
        v(u"afterId", afterId, Need::Optional);
        v(u"limit", limit, Need::Optional, 1, kMaxPageSize);
        v(u"withTotal", withTotal, Need::Optional);
        v(u"totalLimit", totalLimit, Need::Optional, 1, kMaxTotalLimit);
        v(u"shape", shape, Need::Optional, 16);
    }
};

struct TicketGet
{
    static constexpr Op kOp = Op::TicketGet;
    TicketId ticketId;
    QString number; // alternative to ticketId
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Optional);
        v(u"number", number, Need::Optional, 32);
    }
};

// The fields ticket.update may change; absent means unchanged.
struct TicketChanges
{
    std::optional<QString> title, description, category, department, address, type;
    std::optional<Priority> priority;
    std::optional<Requester> requester;
    std::optional<GeoPoint> location;
    std::optional<TeamId> teamId;
    std::optional<QJsonObject> fields_; // merged into the ticket's fields; a null member removes it
    template<class V>
    void fields(V &v)
    {
        v(u"title", title, Need::Optional, kMaxTitle);
        v(u"description", description, Need::Optional, kMaxText);
        v(u"category", category, Need::Optional, kMaxShort);
        v(u"department", department, Need::Optional, kMaxShort);
        v(u"address", address, Need::Optional, kMaxAddress);
        v(u"type", type, Need::Optional, kMaxShort);
        v(u"priority", priority, Need::Optional);
        v(u"requester", requester, Need::Optional);
        v(u"location", location, Need::Optional);
        v(u"teamId", teamId, Need::Optional);
        v(u"fields", fields_, Need::Optional, kMaxFieldsBytes);
    }
};

struct TicketUpdate
{
    static constexpr Op kOp = Op::TicketUpdate;
    TicketId ticketId;
    qint64 version = 0;
    TicketChanges changes;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
        v(u"changes", changes, Need::Required);
    }
};

struct TicketAssign
{
    static constexpr Op kOp = Op::TicketAssign;
    TicketId ticketId;
    qint64 version = 0;
    UserId assigneeId; // 0 / absent with teamId: route to the team's queue
    TeamId teamId;
    QString note;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
        v(u"assigneeId", assigneeId, Need::Optional);
        v(u"teamId", teamId, Need::Optional);
        v(u"note", note, Need::Optional, kMaxText);
    }
};

// For operations that only name a ticket, the version they are based on, and an optional comment.
struct TicketAction
{
    TicketId ticketId;
    qint64 version = 0;
    QString comment;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
        v(u"comment", comment, Need::Optional, kMaxText);
    }
};

struct TicketAccept : TicketAction
{
    static constexpr Op kOp = Op::TicketAccept;
};
struct TicketSuspend : TicketAction
{
    static constexpr Op kOp = Op::TicketSuspend;
};
struct TicketResume : TicketAction
{
    static constexpr Op kOp = Op::TicketResume;
};
struct TicketReopen : TicketAction
{
    static constexpr Op kOp = Op::TicketReopen;
};

struct TicketComment
{
    static constexpr Op kOp = Op::TicketComment;
    TicketId ticketId;
    CommentKind kind = CommentKind::Public;
    QString body;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"kind", kind, Need::Optional);
        v(u"body", body, Need::Required, kMaxText);
    }
};

struct TicketTransition
{
    static constexpr Op kOp = Op::TicketTransition;
    TicketId ticketId;
    qint64 version = 0;
    QString transition;
    QJsonObject fields_;
    QString comment;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
        v(u"transition", transition, Need::Required, 64);
        v(u"fields", fields_, Need::Optional, kMaxFieldsBytes);
        v(u"comment", comment, Need::Optional, kMaxText);
    }
};

struct TicketApprove
{
    static constexpr Op kOp = Op::TicketApprove;
    TicketId ticketId;
    qint64 version = 0;
    bool approve = true;
    QString comment;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
        v(u"approve", approve, Need::Required);
        v(u"comment", comment, Need::Optional, kMaxText);
    }
};

struct TicketUrge
{
    static constexpr Op kOp = Op::TicketUrge;
    TicketId ticketId;
    QString comment;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"comment", comment, Need::Optional, kMaxText);
    }
};

struct TicketSplit
{
    static constexpr Op kOp = Op::TicketSplit;
    TicketId ticketId;
    qint64 version = 0;
    QList<CommentId> commentIds; // messages that move to the new ticket
    QString title;               // of the new ticket; default: derived from the first moved message
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
        v(u"commentIds", commentIds, Need::Required, kMaxListItems);
        v(u"title", title, Need::Optional, kMaxTitle);
    }
};

struct TicketMerge
{
    static constexpr Op kOp = Op::TicketMerge;
    TicketId ticketId; // the master, which survives
    qint64 version = 0;
    QList<TicketId> duplicateIds;
    QList<qint64> duplicateVersions; // same order as duplicateIds
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
        v(u"duplicateIds", duplicateIds, Need::Required, 50);
        v(u"duplicateVersions", duplicateVersions, Need::Required, 50);
    }
};

struct TicketLinkRequest
{
    static constexpr Op kOp = Op::TicketLink;
    TicketId ticketId;
    TicketId otherId;
    LinkKind kind = LinkKind::Related; // what other is to ticketId
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"otherId", otherId, Need::Required);
        v(u"kind", kind, Need::Required);
    }
};

struct TicketUnlink
{
    static constexpr Op kOp = Op::TicketUnlink;
    TicketId ticketId;
    TicketId otherId;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"otherId", otherId, Need::Required);
    }
};

struct AttachmentBegin
{
    static constexpr Op kOp = Op::AttachmentBegin;
    TicketId ticketId;
    QString fileName;
    QString mimeType;
    qint64 size = 0;
    QString sha256; // lowercase hex of the whole file
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"fileName", fileName, Need::Required, kMaxFileName);
        v(u"mimeType", mimeType, Need::Optional, kMaxShort);
        v(u"size", size, Need::Required, 0);
        v(u"sha256", sha256, Need::Required, 64);
    }
};

struct AttachmentChunk
{
    static constexpr Op kOp = Op::AttachmentChunk;
    QString uploadId;
    qint64 offset = 0;
    QByteArray data;
    template<class V>
    void fields(V &v)
    {
        v(u"uploadId", uploadId, Need::Required, 64);
        v(u"offset", offset, Need::Required, 0);
        v(u"data", data, Need::Required, kMaxChunkBytes);
    }
};

struct AttachmentFinish
{
    static constexpr Op kOp = Op::AttachmentFinish;
    QString uploadId;
    CommentId commentId; // optional: attach to this message
    template<class V>
    void fields(V &v)
    {
        v(u"uploadId", uploadId, Need::Required, 64);
        v(u"commentId", commentId, Need::Optional);
    }
};

struct AttachmentAbort
{
    static constexpr Op kOp = Op::AttachmentAbort;
    QString uploadId;
    template<class V>
    void fields(V &v)
    {
        v(u"uploadId", uploadId, Need::Required, 64);
    }
};

struct AttachmentDownload
{
    static constexpr Op kOp = Op::AttachmentDownload;
    AttachmentId attachmentId;
    qint64 offset = 0;
    qint64 length = kMaxChunkBytes;
    template<class V>
    void fields(V &v)
    {
        v(u"attachmentId", attachmentId, Need::Required);
        v(u"offset", offset, Need::Optional, 0);
        v(u"length", length, Need::Optional, 1, kMaxChunkBytes);
    }
};

struct UserCreate
{
    static constexpr Op kOp = Op::UserCreate;
    QString username;
    QString displayName;
    Role role = Role::Requester;
    QString password;
    TeamId teamId;
    QString email;
    QString phone;
    QStringList skills; // for engineers
    template<class V>
    void fields(V &v)
    {
        v(u"username", username, Need::Required, 64);
        v(u"displayName", displayName, Need::Optional, kMaxShort);
        v(u"role", role, Need::Required);
        v(u"password", password, Need::Required, 1024);
        v(u"teamId", teamId, Need::Optional);
        v(u"email", email, Need::Optional, kMaxShort);
        v(u"phone", phone, Need::Optional, 32);
        v(u"skills", skills, Need::Optional, 32, 32);
    }
};

// Who is looking at or writing on a ticket, announced to the other staff consoles as "presence" notices. Kept in
// memory per connection (one ticket at a time), never stored, cleared when the connection goes away.
struct PresenceSet
{
    static constexpr Op kOp = Op::PresenceSet;
    TicketId ticketId; // required unless activity is empty
    QString activity;  // "viewing", "writing", or "" to clear
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Optional);
        v(u"activity", activity, Need::Optional, 16);
    }
};

// A field engineer's own position and status (staff.report). Not idempotency-keyed: a repeated report changes
// nothing that the first did not (see docs/protocol.md).
struct StaffReport
{
    static constexpr Op kOp = Op::StaffReport;
    double lat = 0;
    double lon = 0;
    double accuracy = 0;           // metres, 68 % radius
    std::optional<double> heading; // degrees clockwise from north, 0..360
    std::optional<double> speed;   // metres per second
    QDateTime at;                  // when the fix was taken; default: the server's time
    std::optional<StaffStatus> status;
    template<class V>
    void fields(V &v)
    {
        v(u"lat", lat, Need::Required, -90.0, 90.0);
        v(u"lon", lon, Need::Required, -180.0, 180.0);
        v(u"accuracy", accuracy, Need::Required, 0.0, 100000.0);
        v(u"heading", heading, Need::Optional, 0.0, 360.0);
        v(u"speed", speed, Need::Optional, 0.0, 1000.0);
        v(u"at", at, Need::Optional);
        v(u"status", status, Need::Optional);
    }
};

struct StaffTrack
{
    static constexpr Op kOp = Op::StaffTrack;
    UserId userId;
    QDateTime since; // default: the last 24 hours
    template<class V>
    void fields(V &v)
    {
        v(u"userId", userId, Need::Required);
        v(u"since", since, Need::Optional);
    }
};

// Marks a field engineer as frozen for the rest of the day (日冻结): dispatch ranks them last and never picks them
// automatically. frozen = false lifts it.
struct StaffFreeze
{
    static constexpr Op kOp = Op::StaffFreeze;
    UserId userId;
    bool frozen = true;
    QString reason;
    template<class V>
    void fields(V &v)
    {
        v(u"userId", userId, Need::Required);
        v(u"frozen", frozen, Need::Required);
        v(u"reason", reason, Need::Optional, kMaxText);
    }
};

struct DispatchSuggest
{
    static constexpr Op kOp = Op::DispatchSuggest;
    TicketId ticketId;
    int limit = 10;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"limit", limit, Need::Optional, 1, 100);
    }
};

// An engineer takes a ticket from the claim pool (抢单) or one offered to them. No version: the first claim wins,
// every later one gets already_claimed.
struct TicketClaim
{
    static constexpr Op kOp = Op::TicketClaim;
    TicketId ticketId;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
    }
};

// Records that a work order is being printed at the given version and issues the link its QR code carries, for the
// customer's confirmation page (docs/protocol.md, "Confirmation page").
struct TicketPrint
{
    static constexpr Op kOp = Op::TicketPrint;
    TicketId ticketId;
    qint64 version = 0;
    template<class V>
    void fields(V &v)
    {
        v(u"ticketId", ticketId, Need::Required);
        v(u"version", version, Need::Required, 1);
    }
};

// The manager dashboard: every series the console's dashboard shows, for one date range in the caller's time zone,
// in one round trip (server/services/statsservice.h). Dates are local calendar dates, both inclusive.
struct StatsFilters
{
    QStringList types;
    QStringList departments;
    QList<TeamId> teamIds;
    QList<UserId> assigneeIds;
    bool isEmpty() const
    {
        return types.isEmpty() && departments.isEmpty() && teamIds.isEmpty() && assigneeIds.isEmpty();
    }
    template<class V>
    void fields(V &v)
    {
        v(u"types", types, Need::Optional, kMaxListItems, kMaxShort);
        v(u"departments", departments, Need::Optional, kMaxListItems, kMaxShort);
        v(u"teamIds", teamIds, Need::Optional, kMaxListItems);
        v(u"assigneeIds", assigneeIds, Need::Optional, kMaxListItems);
    }
};

struct StatsDashboard
{
    static constexpr Op kOp = Op::StatsDashboard;
    QString from;     // yyyy-MM-dd, local
    QString to;       // yyyy-MM-dd, local, inclusive
    QString timeZone; // IANA id ("Asia/Shanghai") or a fixed offset ("+05:30", "UTC"); empty: UTC
    QString granularity = QStringLiteral("day"); // day | week | month
    StatsFilters filters;
    template<class V>
    void fields(V &v)
    {
        v(u"from", from, Need::Required, 10);
        v(u"to", to, Need::Required, 10);
        v(u"timeZone", timeZone, Need::Optional, 64);
        v(u"granularity", granularity, Need::Optional, 8);
        v(u"filters", filters, Need::Optional);
    }
};

} // namespace crewline::protocol
