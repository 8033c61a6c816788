#include "client/core/geo/mapdata.h"

#include "client/core/geo/mercator.h"
#include "client/core/staffmodel.h"
#include "client/core/ticketmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr int kDebounceMs = 120;
constexpr double kMinMoveMetres = 5; // smaller moves are GPS noise: no trail point, no new heading
} // namespace

MapData::MapData(const TicketModel &tickets, const StaffModel *staff, QObject *parent)
    : QObject(parent)
    , m_tickets_model(tickets)
    , m_staffModel(staff)
{
    m_filterModel.setSourceModel(const_cast<TicketModel *>(&tickets));
    m_filterModel.setDynamicSortFilter(false);
    TicketFilter f;
    f.openOnly = true;
    m_filterModel.setFilter(f);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &MapData::rebuildNow);

    auto ticketsChanged = [this] {
        m_ticketsDirty = true;
        schedule();
    };
    connect(&tickets, &QAbstractItemModel::rowsInserted, this, ticketsChanged);
    connect(&tickets, &QAbstractItemModel::rowsRemoved, this, ticketsChanged);
    connect(&tickets, &QAbstractItemModel::modelReset, this, ticketsChanged);
    connect(&tickets, &QAbstractItemModel::dataChanged, this, ticketsChanged);
    if (staff) {
        auto staffChanged = [this] {
            m_staffDirty = true;
            schedule();
        };
        connect(staff, &QAbstractItemModel::rowsInserted, this, staffChanged);
        connect(staff, &QAbstractItemModel::rowsRemoved, this, staffChanged);
        connect(staff, &QAbstractItemModel::modelReset, this, staffChanged);
        connect(staff, &QAbstractItemModel::dataChanged, this, staffChanged);
        connect(staff, &StaffModel::loaded, this, staffChanged);
        // Live movement ("staff" notices): moved at once, without waiting for the next rebuild.
        connect(staff, &StaffModel::staffMoved, this, &MapData::onStaffMoved);
    }
    rebuildNow();
}

void MapData::setFilter(const TicketFilter &filter)
{
    m_filter = filter;
    TicketFilter f = filter;
    f.openOnly = true;
    m_filterModel.setFilter(f);
    m_ticketsDirty = true;
    m_staffDirty = true;
    schedule();
}

void MapData::schedule()
{
    if (!m_debounce.isActive())
        m_debounce.start();
}

void MapData::rebuildNow()
{
    m_debounce.stop();
    if (m_ticketsDirty && !m_manualTickets)
        rebuildTickets();
    if (m_staffDirty && !m_manualStaff)
        rebuildStaff();
    m_ticketsDirty = m_staffDirty = false;
    ++m_revision;
    Q_EMIT changed();
}

bool MapData::isEmergency(const Ticket &t)
{
    if (t.priority == Priority::Urgent)
        return true;
    static const QStringList keywords = {u"停机"_s, u"冒烟"_s, u"漏水"_s, u"爆管"_s, u"outage"_s, u"smoke"_s};
    for (const QString &k : keywords) {
        if (t.title.contains(k, Qt::CaseInsensitive) || t.description.contains(k, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

void MapData::rebuildTickets()
{
    m_tickets.clear();
    m_ticketIndex.clear();
    const int rows = m_filterModel.rowCount();
    m_tickets.reserve(size_t(rows));
    for (int row = 0; row < rows; ++row) {
        const int source = m_filterModel.mapToSource(m_filterModel.index(row, 0)).row();
        const Ticket &t = m_tickets_model.at(source);
        if (!t.location.isValid())
            continue;
        TicketMarker m;
        m.id = t.id;
        m.number = t.number;
        m.title = t.title;
        m.address = t.address;
        m.type = t.type;
        m.status = t.status;
        m.priority = t.priority;
        m.emergency = isEmergency(t);
        m.assigneeId = t.assigneeId;
        m.teamId = t.teamId;
        m.createdAt = t.createdAt;
        m.position = t.location;
        m.world = geo::project(t.location);
        m_ticketIndex.insert(t.id.value(), int(m_tickets.size()));
        m_tickets.push_back(std::move(m));
    }
}

void MapData::rebuildStaff()
{
    std::vector<StaffMarker> out;
    if (m_staffModel) {
        const QList<FieldStaff> &field = m_staffModel->fieldStaff();
        out.reserve(size_t(field.size()));
        for (const FieldStaff &f : field) {
            const int row = m_staffModel->rowOf(f.userId);
            if (row < 0)
                continue; // inactive
            StaffMarker m;
            m.id = f.userId;
            m.name = m_staffModel->index(row, StaffModel::NameColumn).data().toString();
            m.teamId = f.teamId;
            m.status = staffStatusName(f.status);
            m.openTickets = m_staffModel->openTickets(f.userId);
            m.position = f.position;
            m.accuracy = f.accuracy;
            m.positionAt = f.positionAt;
            m.heading = f.heading >= 0 ? f.heading : std::nan("");
            m.speed = f.speed >= 0 ? f.speed : std::nan("");
            if (std::isnan(m.heading)) {
                // No compass from the device: the direction of the last movement seen, if any.
                if (const auto live = m_live.constFind(f.userId.value()); live != m_live.constEnd())
                    m.heading = live->heading;
            }
            if (const auto live = m_live.constFind(f.userId.value());
                live != m_live.constEnd() && (!f.positionAt.isValid() || live->positionAt > f.positionAt)) {
                m.position = live->position;
                m.accuracy = live->accuracy;
                m.heading = live->heading;
                m.speed = live->speed;
                m.positionAt = live->positionAt;
                if (!live->status.isEmpty())
                    m.status = live->status;
            }
            if (!m.position.isValid())
                continue;
            if (!m_filter.teamIds.isEmpty() && !m_filter.teamIds.contains(m.teamId.value()))
                continue;
            m.world = geo::project(m.position);
            remember(m);
            out.push_back(std::move(m));
        }
    }
    m_staff = std::move(out);
    indexStaff();
}

void MapData::indexStaff()
{
    m_staffIndex.clear();
    for (size_t i = 0; i < m_staff.size(); ++i)
        m_staffIndex.insert(m_staff[i].id.value(), int(i));
}

// Extends the person's trail when they moved, derives a heading from the movement when none was reported, and
// drops trail points older than an hour.
void MapData::remember(const StaffMarker &m)
{
    QList<TrailPoint> &trail = m_trails[m.id.value()];
    const QDateTime at = m.positionAt.isValid() ? m.positionAt : now();
    if (!trail.isEmpty()) {
        const GeoPoint last = geo::unproject(trail.last().world);
        if (geo::distanceMetres(last, m.position) < kMinMoveMetres || at < trail.last().at)
            return;
    }
    trail.append({at, m.world});
    const QDateTime cutoff = now().addSecs(-kTrailSeconds);
    while (trail.size() > 1 && trail.first().at < cutoff)
        trail.removeFirst();
}

void MapData::setStaffMarkers(const std::vector<StaffMarker> &staff)
{
    m_manualStaff = true;
    m_staff = staff;
    for (StaffMarker &m : m_staff) {
        m.world = geo::project(m.position);
        remember(m);
    }
    indexStaff();
    ++m_revision;
    Q_EMIT changed();
}

void MapData::setTicketMarkers(const std::vector<TicketMarker> &tickets)
{
    m_manualTickets = true;
    m_tickets = tickets;
    m_ticketIndex.clear();
    for (size_t i = 0; i < m_tickets.size(); ++i) {
        m_tickets[i].world = geo::project(m_tickets[i].position);
        m_ticketIndex.insert(m_tickets[i].id.value(), int(i));
    }
    ++m_revision;
    Q_EMIT changed();
}

void MapData::updatePosition(UserId id, const GeoPoint &p, double accuracy, double heading, double speed,
                             const QDateTime &at, const QString &status)
{
    if (!p.isValid())
        return;
    StaffMarker &live = m_live[id.value()];
    if (live.positionAt.isValid() && at < live.positionAt)
        return; // an older report arriving late
    const int i = staffIndex(id);
    const GeoPoint previous = i >= 0 ? m_staff[size_t(i)].position : live.position;
    live.id = id;
    live.position = p;
    live.accuracy = accuracy;
    live.speed = speed;
    live.positionAt = at;
    live.status = status;
    live.heading = heading;
    if (std::isnan(heading) && previous.isValid() && geo::distanceMetres(previous, p) >= kMinMoveMetres)
        live.heading = geo::bearingDegrees(previous, p);
    if (i >= 0) {
        StaffMarker &m = m_staff[size_t(i)];
        m.position = p;
        m.world = geo::project(p);
        m.accuracy = accuracy;
        m.heading = live.heading;
        m.speed = speed;
        m.positionAt = at;
        if (!status.isEmpty())
            m.status = status;
        remember(m);
        ++m_revision;
        Q_EMIT changed();
    } else if (!m_manualStaff) {
        m_staffDirty = true;
        schedule();
    }
}

void MapData::onStaffMoved(UserId id)
{
    if (!m_staffModel || m_manualStaff)
        return;
    const int row = m_staffModel->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex i = m_staffModel->index(row, 0);
    if (!i.data(StaffModel::HasPositionRole).toBool())
        return;
    const QVariant heading = i.data(StaffModel::HeadingRole);
    const QVariant speed = i.data(StaffModel::SpeedRole);
    updatePosition(
        id, GeoPoint::at(i.data(StaffModel::LatitudeRole).toDouble(), i.data(StaffModel::LongitudeRole).toDouble()),
        i.data(StaffModel::AccuracyRole).toDouble(), heading.isValid() ? heading.toDouble() : std::nan(""),
        speed.isValid() ? speed.toDouble() : std::nan(""), i.data(StaffModel::PositionAtRole).toDateTime(),
        i.data(StaffModel::StatusRole).toString());
}

void MapData::setTrail(UserId id, const QList<TrackPoint> &points)
{
    QList<TrailPoint> trail;
    const QDateTime cutoff = now().addSecs(-kTrailSeconds);
    for (const TrackPoint &p : points) {
        if (p.position.isValid() && (!p.at.isValid() || p.at >= cutoff))
            trail.append({p.at, geo::project(p.position)});
    }
    // Keep what was seen live after the track was read.
    for (const TrailPoint &t : m_trails.value(id.value())) {
        if (!trail.isEmpty() && t.at > trail.last().at)
            trail.append(t);
    }
    m_trails.insert(id.value(), trail);
    ++m_revision;
    Q_EMIT changed();
}

QRectF MapData::worldBounds() const
{
    double minX = 2, minY = 2, maxX = -1, maxY = -1;
    auto add = [&](const QPointF &w) {
        minX = std::min(minX, w.x());
        maxX = std::max(maxX, w.x());
        minY = std::min(minY, w.y());
        maxY = std::max(maxY, w.y());
    };
    for (const TicketMarker &t : m_tickets)
        add(t.world);
    for (const StaffMarker &s : m_staff)
        add(s.world);
    if (maxX < minX)
        return {};
    return QRectF(QPointF(minX, minY), QPointF(maxX, maxY));
}

QList<MapCandidate> MapData::localCandidates(TicketId ticket, int limit) const
{
    QList<MapCandidate> out;
    const int ti = ticketIndex(ticket);
    if (ti < 0)
        return out;
    const TicketMarker &t = m_tickets[size_t(ti)];
    const QDateTime n = now();
    for (const StaffMarker &s : m_staff) {
        if (s.status == u"off_duty" || !s.position.isValid())
            continue;
        MapCandidate c;
        c.userId = s.id;
        c.name = s.name;
        c.status = s.status;
        c.openTickets = s.openTickets;
        c.distance = geo::distanceMetres(s.position, t.position);
        c.stale = !s.positionAt.isValid() || s.positionAt.secsTo(n) > kStaleSeconds;
        c.local = true;
        // Nearness (half score at 5 km), less for each open ticket, less for stale positions and busy people.
        const double nearness = 1.0 / (1.0 + c.distance / 5000.0);
        const double load = 1.0 / (1.0 + 0.35 * s.openTickets);
        const double status = s.status == u"available" ? 1.0 : s.status == u"en_route" ? 0.8 : 0.6;
        c.score = nearness * load * status * (c.stale ? 0.6 : 1.0);
        out.append(c);
    }
    std::sort(out.begin(), out.end(), [](const MapCandidate &a, const MapCandidate &b) {
        return a.score != b.score ? a.score > b.score : a.userId.value() < b.userId.value();
    });
    if (out.size() > limit)
        out.resize(limit);
    return out;
}

} // namespace crewline::client
