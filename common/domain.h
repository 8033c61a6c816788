#pragma once

// The domain records both programs exchange: tickets, comments, attachments, people, audit entries and events.
// Each record has one JSON shape (toJson/fromJson), which is the shape documented in docs/protocol.md.

#include "common/types.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace crewline {

class JsonWriter;

// Timestamps travel as ISO 8601 UTC with milliseconds ("2026-11-23T08:30:00.000Z"); null/absent when unset.
QJsonValue timeToJson(const QDateTime &t);
QDateTime timeFromJson(const QJsonValue &v);

struct Requester
{
    QString name;
    QString contact; // phone or e-mail, free text
    UserId userId;   // set when the requester has an account

    QJsonObject toJson() const;
    static Requester fromJson(const QJsonObject &o);
    friend bool operator==(const Requester &, const Requester &) = default;
};

// An approval the workflow asked for and that nobody has decided yet.
struct PendingApproval
{
    QString transition;
    QString approverRole;
    UserId requestedBy;
    QDateTime requestedAt;
    QJsonObject fields; // fields the requester asked to set with the transition
    QString comment;

    bool isValid() const { return !transition.isEmpty(); }
    QJsonObject toJson() const;
    static PendingApproval fromJson(const QJsonObject &o);
    friend bool operator==(const PendingApproval &, const PendingApproval &) = default;
};

// How the dispatch engine is handling a ticket (docs/protocol.md, "Dispatch"). Empty (mode "") for tickets it never
// touched. mode: "pool" (any engineer may claim it), "offer" (offered to offeredTo, first to accept or claim wins),
// "assigned" (given to one engineer who has not accepted yet, or has). deadline: when the engine acts if nobody has
// accepted by then. tried: engineers it was dispatched or offered to before, skipped on re-dispatch.
struct DispatchState
{
    QString mode;
    QList<UserId> offeredTo;
    QList<UserId> tried;
    QDateTime dispatchedAt;
    QDateTime deadline;
    QString rule; // the rule that decided, when automatic
    bool emergency = false;
    int attempts = 0; // automatic re-dispatches so far

    bool isValid() const { return !mode.isEmpty(); }
    QJsonObject toJson() const;
    static DispatchState fromJson(const QJsonObject &o);
    friend bool operator==(const DispatchState &, const DispatchState &) = default;
};

struct Ticket
{
    TicketId id;
    QString number; // WO-2026-000123
    QString type;   // ticket type id, selects the workflow
    QString status;
    QString suspendedFrom; // status to resume to while suspended
    Priority priority = Priority::Normal;
    QString category;
    QString department;
    QString title;
    QString description;
    Requester requester;
    QString address;
    GeoPoint location;
    QString source; // console, email, web, hotline, api, field, qr
    UserId assigneeId;
    TeamId teamId;
    UserId createdBy;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime acceptedAt;
    QDateTime firstResponseAt;
    QDateTime resolvedAt;
    QDateTime closedAt;
    qint64 version = 0;
    int urgeCount = 0;
    TicketId mergedInto;
    PendingApproval pendingApproval;
    QJsonObject fields; // type-specific fields (resolution, materials, callback result, ...)
    DispatchState dispatch;

    QJsonObject toJson() const;
    // What lists and events carry: toJson() without description and fields, but for fields.rating (the live board
    // highlights low ratings).
    QJsonObject toSummaryJson() const;
    // The same members as toJson() / toSummaryJson(), written straight to JSON text (the fast path for lists).
    // shape Row: the "rows" shape of a summary (ticketjson.h).
    void writeJson(JsonWriter &w, bool summary, TicketShape shape = TicketShape::Object) const;
    // writeJson(w, false), and the summary (writeJson(.., true), the same bytes) appended to summary: cut out of the
    // full text rather than encoded again (a create answers with the one and pushes the other).
    void writeJsonWithSummary(JsonWriter &w, QByteArray &summary) const;
    static Ticket fromJson(const QJsonObject &o);
    // A summary in the "rows" shape (kTicketRowColumns in ticketjson.h); the same Ticket fromJson gives for the
    // summary object.
    static Ticket fromRow(const QJsonArray &row);
    friend bool operator==(const Ticket &, const Ticket &) = default;

private:
    QJsonObject toJsonObject(bool summary) const;
};

struct Comment
{
    CommentId id;
    TicketId ticketId;
    UserId authorId;
    QString authorName;
    CommentKind kind = CommentKind::Public;
    QString body;
    QDateTime createdAt;
    TicketId originTicketId; // where it was first written, if it moved by split or merge

    QJsonObject toJson() const;
    static Comment fromJson(const QJsonObject &o);
    friend bool operator==(const Comment &, const Comment &) = default;
};

struct AttachmentInfo
{
    AttachmentId id;
    TicketId ticketId;
    CommentId commentId;
    QString fileName;
    QString mimeType;
    qint64 size = 0;
    QString sha256; // lowercase hex
    UserId uploadedBy;
    QDateTime createdAt;

    QJsonObject toJson() const;
    static AttachmentInfo fromJson(const QJsonObject &o);
    friend bool operator==(const AttachmentInfo &, const AttachmentInfo &) = default;
};

struct AuditEntry
{
    qint64 id = 0;
    TicketId ticketId;
    UserId actorId; // invalid for the system itself
    QString actorName;
    QDateTime at;
    QString action;      // create, update, assign, transition, ...
    QJsonObject changes; // field -> {"from": ..., "to": ...}
    QString reason;      // why, for automatic decisions and refusals

    QJsonObject toJson() const;
    static AuditEntry fromJson(const QJsonObject &o);
};

struct TicketLink
{
    TicketId other;
    QString otherNumber;
    LinkKind kind = LinkKind::Related; // seen from this ticket: "parent" means other is this ticket's parent

    QJsonObject toJson() const;
    static TicketLink fromJson(const QJsonObject &o);
};

struct User
{
    UserId id;
    QString username;
    QString displayName;
    Role role = Role::Requester;
    TeamId teamId;
    QString email;
    QString phone;
    bool active = true;

    QJsonObject toJson() const;
    static User fromJson(const QJsonObject &o);
};

struct Team
{
    TeamId id;
    QString name;
    QString area; // service area the team covers

    QJsonObject toJson() const;
    static Team fromJson(const QJsonObject &o);
};

struct FieldStaff
{
    UserId userId;
    QString name;
    TeamId teamId;
    QStringList skills;
    StaffStatus status = StaffStatus::OffDuty;
    GeoPoint position;
    double accuracy = 0; // metres
    QDateTime positionAt;
    int openTickets = 0;
    double heading = -1; // degrees clockwise from north; negative when unknown
    double speed = -1;   // metres per second; negative when unknown
    QDate frozenOn;      // day-frozen (日冻结) on this date (UTC); frozen while it is today
    bool frozen = false; // derived: frozenOn is today (set by the server when reading)

    QJsonObject toJson() const;
    static FieldStaff fromJson(const QJsonObject &o);
};

// One point of a field engineer's track (staff.track).
struct TrackPoint
{
    GeoPoint position;
    double accuracy = 0;
    QDateTime at;

    QJsonObject toJson() const;
    static TrackPoint fromJson(const QJsonObject &o);
};

// A committed change, as pushed to subscribed clients. seq is global and gap-free across the whole server.
struct Event
{
    qint64 seq = 0;
    QString type; // ticket.created, ticket.changed, comment.added, attachment.added, ...
    QDateTime at;
    TicketId ticketId;
    QJsonObject data;
    // The server's write path encodes data once, as a compact JSON object, for the event log and every push; data is
    // then left empty. Read the data through dataObject(); protocol::encodeEventPush sends either form.
    QByteArray rawData;

    QJsonObject dataObject() const;
    QJsonObject toJson() const; // with dataObject()
    static Event fromJson(const QJsonObject &o);
};

} // namespace crewline
