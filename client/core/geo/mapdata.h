#pragma once

// What the map shows, as plain arrays ready for painting: open tickets with a location and field staff with a
// position, each already projected to world coordinates. Fed by the console's ticket model (through the same
// TicketFilter the table uses, restricted to open tickets) and by the staff model; rebuilt shortly after either
// changes (coalesced), with a revision number so the renderer can cache per revision. Staff movement seen live is
// kept as a trail of the last hour; position quality (accuracy, age of the fix) is kept for honest drawing.

#include "client/core/ticketfilter.h"
#include "common/domain.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QRectF>
#include <QTimer>

#include <cmath>
#include <vector>

namespace crewline::client {

class StaffModel;
class TicketModel;

struct TicketMarker
{
    TicketId id;
    QString number;
    QString title;
    QString address;
    QString type;
    QString status;
    Priority priority = Priority::Normal;
    bool emergency = false;
    UserId assigneeId;
    TeamId teamId;
    QDateTime createdAt;
    GeoPoint position;
    QPointF world;
};

struct TrailPoint
{
    QDateTime at;
    QPointF world;
};

struct StaffMarker
{
    UserId id;
    QString name;
    TeamId teamId;
    QString status; // available, en_route, on_site, off_duty
    int openTickets = 0;
    GeoPoint position;
    QPointF world;
    double accuracy = 0;           // metres; 0 = unknown
    double heading = std::nan(""); // degrees from north; NaN = unknown
    double speed = std::nan("");   // m/s; NaN = unknown
    QDateTime positionAt;
};

// A person the map offers for the selected ticket, ranked (by the server's dispatch.suggest, or by a local
// estimate of distance and load when the server offers none).
struct MapCandidate
{
    UserId userId;
    QString name;
    QString status;
    double score = 0;    // 0..1, higher is better
    double distance = 0; // metres
    int openTickets = 0;
    bool stale = false;    // position older than the staleness limit
    bool frozen = false;   // day-freeze: may not get more work today
    bool eligible = true;  // may be dispatched automatically (server's view)
    bool local = false;    // estimated by the console, not ranked by the server
    QJsonObject breakdown; // component -> weighted contribution to score (server ranking)
};

class MapData : public QObject
{
    Q_OBJECT
public:
    MapData(const TicketModel &tickets, const StaffModel *staff, QObject *parent = nullptr);

    // The table's filter (team, status, type, ...); the map always shows open tickets only.
    void setFilter(const TicketFilter &filter);
    const TicketFilter &filter() const { return m_filter; }
    void setNow(const QDateTime &now) { m_now = now; }
    QDateTime now() const { return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc(); }
    // Fed directly (tests, benchmark): replaces what the staff model gives.
    void setStaffMarkers(const std::vector<StaffMarker> &staff);
    void setTicketMarkers(const std::vector<TicketMarker> &tickets);
    // A live position report (the "staff" notice): moves one person and extends the trail.
    void updatePosition(UserId id, const GeoPoint &p, double accuracy, double heading, double speed,
                        const QDateTime &at, const QString &status = {});
    void rebuildNow();
    // A person's recent track from the server (staff.track), oldest first: replaces the trail seen live.
    void setTrail(UserId id, const QList<TrackPoint> &points);

    const std::vector<TicketMarker> &tickets() const { return m_tickets; }
    const std::vector<StaffMarker> &staff() const { return m_staff; }
    int ticketIndex(TicketId id) const { return m_ticketIndex.value(id.value(), -1); }
    int staffIndex(UserId id) const { return m_staffIndex.value(id.value(), -1); }
    const QList<TrailPoint> trail(UserId id) const { return m_trails.value(id.value()); }
    quint64 revision() const { return m_revision; }
    // Bounding box of everything shown, world coordinates (null when empty).
    QRectF worldBounds() const;

    // The nearest available people for a ticket by distance and open tickets: what the map shows when the server
    // gives no ranking. Off-duty people and people without a position are left out.
    QList<MapCandidate> localCandidates(TicketId ticket, int limit) const;

    // Position older than this: drawn faded and then "offline since".
    static constexpr int kStaleSeconds = 10 * 60;
    static constexpr int kOfflineSeconds = 30 * 60;
    static constexpr int kTrailSeconds = 60 * 60;
    static bool isEmergency(const Ticket &t);

Q_SIGNALS:
    void changed();

private:
    void schedule();
    void rebuildTickets();
    void rebuildStaff();
    void indexStaff();
    void remember(const StaffMarker &m);
    void onStaffMoved(UserId id);

    const TicketModel &m_tickets_model;
    QPointer<const StaffModel> m_staffModel;
    TicketFilterModel m_filterModel;
    TicketFilter m_filter;
    QDateTime m_now;
    QTimer m_debounce;
    bool m_ticketsDirty = true;
    bool m_staffDirty = true;
    bool m_manualStaff = false;
    bool m_manualTickets = false;
    std::vector<TicketMarker> m_tickets;
    std::vector<StaffMarker> m_staff;
    QHash<qint64, int> m_ticketIndex;
    QHash<qint64, int> m_staffIndex;
    QHash<qint64, QList<TrailPoint>> m_trails;
    QHash<qint64, StaffMarker> m_live; // live reports newer than the staff model's snapshot
    quint64 m_revision = 1;
};

} // namespace crewline::client
