#pragma once

// The console's client API and the owner of its state: the connection, the outbox, the directory, the ticket model
// and the notifications. Widgets call its typed methods and observe its models; it turns them into protocol
// requests (every change through the outbox), applies pushed events to the models in place, loads the working
// set after (re)synchronising, and reports conflicts and refusals.

#include "client/core/connection.h"
#include "client/core/directory.h"
#include "client/core/notifications.h"
#include "client/core/outbox.h"
#include "client/core/ticketmodel.h"
#include "client/core/workorder.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace crewline::client {

struct TicketDetail
{
    Ticket ticket;
    QList<Comment> comments;
    QList<AttachmentInfo> attachments;
    QList<AuditEntry> history;
    QList<TicketLink> links;
    QStringList transitions; // the named transitions the user may perform now
};

// One ranked engineer from dispatch.suggest (docs/protocol.md).
struct DispatchCandidate
{
    UserId userId;
    QString name;
    TeamId teamId;
    double score = 0;     // 0..1, higher is better
    double distance = -1; // metres; negative when unknown
    int openTickets = 0;
    QString status; // staff status name
    GeoPoint position;
    QDateTime positionAt;
    bool stale = true;
    bool frozen = false;
    bool eligible = false; // may be dispatched automatically (not off duty, not frozen)
    QStringList skills;
    QJsonObject breakdown; // component -> weighted contribution to score

    static DispatchCandidate fromJson(const QJsonObject &o);
};

struct DispatchSuggestion
{
    TicketId ticketId;
    QList<DispatchCandidate> candidates; // best first
    QStringList skills;                  // what the ticket needs
    bool emergency = false;
    bool hasLocation = false;
};

class Workspace : public QObject
{
    Q_OBJECT
public:
    Workspace(TrustStore &trust, QObject *parent = nullptr);

    Connection &connection() { return m_connection; }
    Outbox &outbox() { return m_outbox; }
    Directory &directory() { return m_directory; }
    TicketModel &tickets() { return m_tickets; }
    NotificationModel &notifications() { return m_notifications; }
    const User &me() const { return m_connection.user(); }
    bool may(protocol::Op op) const;

    void login(const QUrl &url, const QString &username, const QString &password);
    void logout();
    // How many days of closed tickets the working set keeps (default 30).
    void setClosedDays(int days) { m_closedDays = days; }
    bool isLoaded() const { return m_loaded; }

    // Reads
    void fetchTicket(TicketId id, std::function<void(bool ok, const TicketDetail &detail, const QString &error)> done);
    // Asks the server (not the cache) for tickets matching a query, e.g. old history; results join the model. found:
    // the number of matches, -1 on failure; orMore: counting stopped there (there are at least that many).
    void searchServer(const QJsonObject &query, std::function<void(int found, bool orMore)> done);
    // Counting every match of a frequent term over years of tickets costs the server tens of milliseconds for a
    // figure nobody reads exactly: searchServer counts up to this many ("1,000 or more").
    void setSearchTotalLimit(int matches) { m_searchTotalLimit = qMax(1, matches); }
    // stats.dashboard: every figure of the manager dashboard for one query (see DashboardData).
    void fetchDashboard(const QJsonObject &request,
                        std::function<void(bool ok, const QJsonObject &result, const QString &error)> done);

    // Records that the ticket is printed at this version (ticket.print: history + event) and gets the link its QR
    // code carries for the customer's confirmation. Needs the server; on failure the printout has no link.
    void recordPrint(TicketId id, qint64 version,
                     std::function<void(bool ok, const PrintRecord &record, const protocol::Error &error)> done);
    // Tickets of the crew sheet: open (new or active) tickets held by the engineer, or by the team when no engineer
    // is given, most urgent first.
    QList<Ticket> crewTickets(UserId engineer, TeamId team) const;
    // Completed tickets whose type asks for a callback (回访): awaiting one, or recorded and awaiting closing.
    QList<Ticket> callbackQueue() const;

    // Changes. Each returns the idempotency key of the queued action (empty when refused locally).
    QString createTicket(const QJsonObject &fields);
    QString update(TicketId id, const QJsonObject &changes);
    QString assign(TicketId id, UserId assignee, const QString &note = {});
    QString accept(TicketId id);
    QString comment(TicketId id, CommentKind kind, const QString &body);
    QString transition(TicketId id, const QString &transition, const QJsonObject &fields, const QString &comment);
    QString approve(TicketId id, bool approve, const QString &comment);
    QString suspend(TicketId id, const QString &reason);
    QString resume(TicketId id);
    QString urge(TicketId id, const QString &comment);
    QString reopen(TicketId id, const QString &reason);
    QString split(TicketId id, const QList<qint64> &commentIds, const QString &title);
    QString merge(TicketId master, const QList<TicketId> &duplicates);
    // Dispatch: an engineer takes a pooled or offered ticket (first one wins; others get already_claimed).
    QString claim(TicketId id);
    // Day-freezes (日冻结) a field engineer, or lifts it.
    QString freezeStaff(UserId id, bool frozen, const QString &reason = {});

    // Ranked candidates for a ticket (dispatch.suggest), best first.
    void suggestDispatch(TicketId id, int limit,
                         std::function<void(bool ok, const DispatchSuggestion &suggestion, const QString &error)> done);
    // A person's recent track (staff.track), oldest first; since invalid: the server's default (24 h).
    void fetchTrack(UserId id, const QDateTime &since,
                    std::function<void(bool ok, const QList<TrackPoint> &points, const QString &error)> done);
    // Reports the user's own position (engineers; staff.report). Not queued: a position is only worth sending now.
    void reportPosition(const GeoPoint &position, double accuracy, double heading, double speed, const QString &status,
                        std::function<void(bool ok, const QString &error)> done = {});
    // After a conflict: the same intent again, on the ticket's current version.
    QString reapply(const OutboxAction &action, const Ticket &current);
    // The ticket as the user saw it when a change still in the outbox was queued (conflict dialogs compare it with
    // the server's current state); nullopt when not known.
    std::optional<Ticket> basisOf(const QString &idem) const;

    // Which named transitions the user may perform on a ticket now (from the cached type definitions).
    QStringList availableTransitions(const Ticket &ticket) const;
    QString describe(const Ticket &ticket) const;

Q_SIGNALS:
    void loadProgress(int loaded, bool finished);
    void ticketTouched(crewline::TicketId id); // an event changed this ticket: open detail views refresh
    void conflict(const crewline::client::OutboxAction &action, const crewline::Ticket &current);
    void actionRefused(const crewline::client::OutboxAction &action);
    void actionConfirmed(const crewline::client::OutboxAction &action, const QJsonObject &result);

private:
    QString queue(protocol::Op op, TicketId id, QJsonObject data, const QString &summary, bool withVersion = true);
    void onSynchronized(qint64 seq, bool resynced);
    void onEvent(const Event &event);
    void onConfirmed(const OutboxAction &action, const QJsonObject &result);
    void onRefused(const OutboxAction &action);
    void loadDirectory();
    void loadPage(const QJsonObject &query, qint64 afterId, int loadedSoFar, std::function<void(int)> done);
    void refreshPending();
    QString ticketLabel(TicketId id) const;

    Connection m_connection;
    Outbox m_outbox;
    Directory m_directory;
    TicketModel m_tickets;
    NotificationModel m_notifications;
    QTimer m_clock;
    int m_closedDays = 30;
    int m_searchTotalLimit = 1000;
    bool m_loaded = false;
    int m_loadGeneration = 0;
    QHash<QString, Ticket> m_basis; // idempotency key -> the ticket the queued change was based on
};

} // namespace crewline::client
