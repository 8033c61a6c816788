#pragma once

// The storage facade the services use. It knows tables and rows, nothing of sockets or sessions. SqliteStore is
// the embedded implementation; a PostgreSQL one implements the same interface. Database failures throw
// StorageError: the write queue turns them into a rolled-back job and an "internal" reply.

#include "common/domain.h"
#include "common/messages.h"
#include "common/ticketjson.h"
#include "server/storage/statscounters.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

namespace crewline::server {

class StorageError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct UserRecord
{
    User user;
    QString passwordHash;
    int failedLogins = 0;
    QDateTime lockedUntil;
};

struct SessionRecord
{
    UserId userId;
    QDateTime createdAt;
    QDateTime expiresAt;
};

struct IdempotentResult
{
    QString op;
    QJsonObject result;
    QByteArray rawResult; // when set (Outcome::rawResult), stored instead of result; a lookup always fills result
};

// Who is reading: requesters see only the tickets they requested.
struct Visibility
{
    bool all = true;
    UserId requester;
};

struct TicketPage
{
    QList<Ticket> tickets;
    qint64 total = -1;        // -1 when not asked for
    bool totalCapped = false; // counting stopped at TicketQuery::totalLimit: there are at least total matches
};

// What writeTicketSummaries wrote.
struct TicketListWritten
{
    qsizetype count = 0;
    qint64 total = -1; // -1 when not asked for
    bool totalCapped = false;
};

// A printed work order's confirmation link (the customer's QR page). The token itself is never stored.
struct ConfirmationRecord
{
    qint64 id = 0;
    TicketId ticketId;
    qint64 ticketVersion = 0; // the version that was printed
    UserId printedBy;
    QDateTime printedAt;
    QDateTime expiresAt;
    QDateTime usedAt;   // set once the customer answered (or another link of the ticket was answered)
    QJsonObject answer; // what the customer sent; {"supersededBy": id} for links closed by another answer

    bool isUsed() const { return usedAt.isValid(); }
};
// Summed counters of one dimension value over a time range (stats::Dim, key as in stats::Facts::key).
using StatsSums = std::map<std::pair<int, QString>, stats::Metrics>;

struct StoredEvent
{
    Event event;
    UserId requesterId; // for visibility
    bool internal = false;
};

class Store
{
public:
    virtual ~Store() = default;

    // Schema and transactions. A write transaction holds a sequence of jobs, each in its own savepoint.
    virtual void migrate() = 0;
    virtual int schemaVersion() = 0;
    virtual void beginTransaction() = 0; // BEGIN IMMEDIATE
    virtual void commitTransaction() = 0;
    virtual void rollbackTransaction() = 0;
    virtual void beginJob() = 0;
    virtual void endJob(bool keep) = 0;
    virtual void checkpoint() = 0;
    // Makes every transaction this store has committed so far durable. A store opened with StoreOptions::deferredSync
    // needs it before a commit may be acknowledged; otherwise COMMIT waited for the disk already and this does
    // nothing. The one method another thread may call while the owner goes on writing. Throws StorageError.
    virtual void syncCommitted() = 0;

    // People
    virtual std::optional<UserRecord> userByName(const QString &username) = 0;
    virtual std::optional<UserRecord> userById(UserId id) = 0;
    virtual QList<User> users() = 0;
    virtual UserId insertUser(const User &user, const QString &passwordHash, const QDateTime &now) = 0;
    virtual void setLoginState(UserId id, int failedLogins, const QDateTime &lockedUntil) = 0;
    virtual void insertSession(const QString &tokenHash, const SessionRecord &session) = 0;
    virtual std::optional<SessionRecord> session(const QString &tokenHash) = 0;
    virtual void removeSession(const QString &tokenHash) = 0;
    virtual void removeExpiredSessions(const QDateTime &now) = 0;
    virtual QList<Team> teams() = 0;
    virtual TeamId insertTeam(const Team &team) = 0;
    // Field staff; `today` decides FieldStaff::frozen (frozenOn == today).
    virtual QList<FieldStaff> staff(const QDate &today = {}) = 0;
    virtual std::optional<FieldStaff> staffMember(UserId id, const QDate &today = {}) = 0;
    virtual void upsertStaff(const FieldStaff &staff) = 0;
    // Position tracks: appended on every report, pruned by age and by count per person.
    virtual void appendTrack(UserId id, const TrackPoint &point) = 0;
    virtual QList<TrackPoint> track(UserId id, const QDateTime &since, int limit) = 0;
    virtual void pruneTracks(const QDateTime &olderThan, int maxPointsPerUser) = 0;

    // Tickets
    virtual std::optional<Ticket> ticket(TicketId id) = 0;
    virtual std::optional<Ticket> ticketByNumber(const QString &number) = 0;
    virtual QString nextTicketNumber(int year) = 0;
    // phase is the ticket's Phase (workflow.h) stored beside it so lists can filter open/closed without workflows.
    virtual TicketId insertTicket(const Ticket &ticket, int phase) = 0;
    virtual void updateTicket(const Ticket &ticket, int phase) = 0;
    // Records activity that is not a change of the ticket itself (a message): no new version.
    virtual void touchTicket(TicketId id, const QDateTime &updatedAt, const QDateTime &firstResponseAt) = 0;
    virtual TicketPage listTickets(const protocol::TicketQuery &query, const Visibility &visibility) = 0;
    // The same page as listTickets(query, visibility), written as JSON array elements (each what
    // Ticket::writeJson(w, true, shape) writes for that ticket) straight from the database rows, reading only the
    // summary's columns: the ticket list's path, without a Ticket per row.
    virtual TicketListWritten writeTicketSummaries(const protocol::TicketQuery &query, const Visibility &visibility,
                                                   JsonWriter &w, TicketShape shape = TicketShape::Object) = 0;
    virtual qint64 ticketCount() = 0;
    // Tickets whose dispatch deadline (DispatchState::deadline) has passed, oldest first.
    virtual QList<Ticket> dispatchDue(const QDateTime &now, int limit) = 0;

    virtual QList<Comment> comments(TicketId id, bool withInternal) = 0;
    virtual std::optional<Comment> comment(CommentId id) = 0;
    virtual CommentId insertComment(const Comment &comment) = 0;
    // Moves messages (and the attachments on them) to another ticket, recording where they came from.
    virtual void moveComments(const QList<CommentId> &ids, TicketId from, TicketId to) = 0;
    virtual void moveAllComments(TicketId from, TicketId to) = 0;

    virtual QList<AttachmentInfo> attachments(TicketId id) = 0;
    virtual std::optional<AttachmentInfo> attachment(AttachmentId id) = 0;
    virtual AttachmentId insertAttachment(const AttachmentInfo &attachment) = 0;
    virtual void moveAllAttachments(TicketId from, TicketId to) = 0;

    virtual QList<AuditEntry> history(TicketId id) = 0;
    virtual void insertAudit(const AuditEntry &entry) = 0;
    virtual void copyHistory(TicketId from, TicketId to, const QString &reason) = 0;

    virtual QList<TicketLink> links(TicketId id) = 0;
    virtual void insertLink(TicketId a, TicketId b, LinkKind kindOfBForA) = 0;
    virtual bool removeLink(TicketId a, TicketId b) = 0;

    // Events: appendEvent assigns the next sequence number (gap-free: a rolled-back job gives its numbers back).
    virtual qint64 appendEvent(StoredEvent &event) = 0;
    virtual QList<StoredEvent> eventsAfter(qint64 seq, int limit) = 0;
    virtual qint64 lastSeq() = 0;
    virtual qint64 firstSeq() = 0;

    // Idempotency keys: the result of a successful write, remembered in the same transaction.
    virtual std::optional<IdempotentResult> idempotent(UserId user, const QString &key) = 0;
    virtual void rememberIdempotent(UserId user, const QString &key, const IdempotentResult &result,
                                    const QDateTime &now) = 0;
    virtual void pruneIdempotency(const QDateTime &olderThan) = 0;

    // Confirmation links of printed work orders, found by the SHA-256 of their token.
    virtual qint64 insertConfirmation(const ConfirmationRecord &record, const QString &tokenHash) = 0;
    virtual std::optional<ConfirmationRecord> confirmation(const QString &tokenHash) = 0;
    virtual std::optional<ConfirmationRecord> confirmationById(qint64 id) = 0;
    // Gives an unused link a new token (the reply carrying the old one was lost); false when used or unknown.
    virtual bool replaceConfirmationToken(qint64 id, const QString &tokenHash) = 0;
    // Records the answer on one link and closes every other unused link of the same ticket.
    virtual void useConfirmation(qint64 id, TicketId ticket, const QDateTime &at, const QJsonObject &answer) = 0;

    // Bulk loading (demo data, benchmarks): many tickets in one transaction, no events.
    virtual void bulkInsertTickets(const QList<Ticket> &tickets, const QList<int> &phases) = 0;

    // Dashboard counters (statscounters.h), kept by insertTicket/updateTicket/touchTicket/bulkInsertTickets in the
    // same transaction as the ticket (written once per transaction, before it commits). Times are epoch seconds,
    // ranges [from, to) aligned to quarter hours. A scope other than "all" reads the scoped counters of one filter
    // dimension. allDimensions false: only the totals (dimension "all"), e.g. for the previous period.
    virtual StatsSums statsSums(const stats::Scope &scope, qint64 from, qint64 to, bool allDimensions = true) = 0;
    // Created and resolved per UTC quarter hour (dimension "all" within the scope), for trends and the heat map.
    virtual QList<std::pair<qint64, stats::Metrics>> statsSlots(const stats::Scope &scope, qint64 from, qint64 to) = 0;
    // The counter-relevant columns of the tickets that match the filters and have a moment in [from, to): the
    // exact path for filtered dashboards.
    virtual QList<stats::Facts> statsFacts(const protocol::StatsFilters &filters, qint64 from, qint64 to) = 0;
    virtual qint64 openTicketCount(const protocol::StatsFilters &filters) = 0;
    // Open tickets, most urgent first, oldest first within a priority.
    virtual QList<Ticket> backlogTop(const protocol::StatsFilters &filters, int limit) = 0;
    // Recomputes every counter from the tickets table (migration of an existing database, repair, tests).
    virtual void rebuildStats() = 0;
    // The counters' month rows (grain 3, for long ranges) exist for the months before this one (months since
    // January 1970, stats::bucketOf(Grain::Month, ...)); the months from it on are summed from their day rows, so a
    // ticket write in the current month touches no month row (a quarter fewer counter rows per create). Moving it
    // forward computes the months' rows from their day rows; moving it back drops them. The writer moves it to the
    // current month at the start of each transaction (WriteQueue).
    virtual qint64 statsMonthRowsBefore() = 0;
    virtual void setStatsMonthRowsBefore(qint64 month) = 0;
    // Bulk loads of many tickets (the benchmark loader): while deferred, ticket writes leave the counters alone;
    // ending the deferral recomputes them once, in the current transaction. Cheaper than per-batch updates when
    // each batch spreads over a whole year.
    virtual void setStatsDeferred(bool deferred) = 0;
};

struct StoreOptions
{
    QString path;           // SQLite database file
    QString connectionName; // one connection per thread
    bool readOnly = false;
    QString searchPath; // the search index (searchindex.h), attached to read connections when it exists
    // COMMIT returns without waiting for the disk; Store::syncCommitted() makes the commits durable (the writer's
    // sync thread, WriteQueue). Otherwise COMMIT itself waits.
    bool deferredSync = false;
};

std::unique_ptr<Store> openSqliteStore(const StoreOptions &options);

} // namespace crewline::server
