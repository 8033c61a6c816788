#include "client/ui/map/maprenderer.h"

#include "client/core/geo/mercator.h"
#include "client/core/geo/tileloader.h"
#include "client/core/staffmodel.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr double kHitRadius = 10;
constexpr int kLabelLimit = 300;  // more markers than this on screen: no labels (unreadable anyway)
constexpr int kArrowZoom = 12;    // heading arrows from this zoom
constexpr int kAccuracyZoom = 13; // accuracy circles from this zoom
constexpr int kStaffLabelZoom = 14;
constexpr int kTicketLabelZoom = 16;
constexpr int kHeadings = 24; // heading arrows are pre-drawn every 15 degrees
constexpr int kPulseSteps = 10;

// Blits land on whole pixels: the raster engine copies them without resampling.
QPoint snapped(const QPointF &centre, const QSizeF &size)
{
    return {qRound(centre.x() - size.width() / 2), qRound(centre.y() - size.height() / 2)};
}

QString tr(const char *text)
{
    return QCoreApplication::translate("crewline::client::MapRenderer", text);
}

int ageBucket(const QDateTime &created, const QDateTime &now)
{
    if (!created.isValid())
        return 0;
    const qint64 hours = created.secsTo(now) / 3600;
    return hours < 1 ? 0 : hours < 4 ? 1 : hours < 24 ? 2 : 3;
}

QString distanceText(double metres)
{
    if (metres < 0)
        return u"?"_s;
    return metres < 1000 ? u"%1 m"_s.arg(std::lround(metres)) : u"%1 km"_s.arg(metres / 1000.0, 0, 'f', 1);
}
} // namespace

MapRenderer::MapRenderer() = default;

QColor MapRenderer::priorityColor(Priority p)
{
    switch (p) {
    case Priority::Low:
        return QColor(0x78, 0x90, 0x9c);
    case Priority::Normal:
        return QColor(0x1e, 0x88, 0xe5);
    case Priority::High:
        return QColor(0xfb, 0x8c, 0x00);
    case Priority::Urgent:
        return QColor(0xd3, 0x2f, 0x2f);
    }
    return Qt::gray;
}

QColor MapRenderer::staffColor(const QString &status)
{
    return StaffModel::statusColor(status);
}

QString MapRenderer::attribution() const
{
    return m_tiles ? m_tiles->attribution() : QString();
}

void MapRenderer::setOverlays(const QList<geo::GeoJsonLayer> &layers)
{
    m_overlays = layers;
    m_paths.clear();
    ++m_overlayGeneration;
    const QColor defaultStroke(0x37, 0x47, 0x4f);
    for (int li = 0; li < m_overlays.size(); ++li) {
        for (const geo::Feature &f : m_overlays.at(li).features) {
            const QColor stroke = f.stroke().value_or(defaultStroke);
            const QColor fill = f.fill().value_or(QColor(0, 0, 0, 0));
            for (const geo::Geometry &g : f.geometries) {
                const bool polygon = g.type == geo::GeometryType::Polygon || g.type == geo::GeometryType::MultiPolygon;
                const bool point = g.type == geo::GeometryType::Point || g.type == geo::GeometryType::MultiPoint;
                for (const QList<GeoPoint> &part : g.parts) {
                    OverlayPath path{li,
                                     {},
                                     {},
                                     polygon,
                                     point,
                                     stroke,
                                     polygon ? fill : QColor(0, 0, 0, 0),
                                     f.strokeWidth(polygon ? 1.5 : 2.5),
                                     f.name()};
                    path.world.reserve(part.size());
                    for (const GeoPoint &gp : part)
                        path.world.append(geo::project(gp));
                    path.bounds = path.world.boundingRect();
                    m_paths.push_back(std::move(path));
                }
            }
        }
    }
}

QPointF MapRenderer::screenOf(const geo::Viewport &, const QPointF &world) const
{
    return {(world.x() - m_origin.x()) * m_scale, (world.y() - m_origin.y()) * m_scale};
}

void MapRenderer::paint(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state)
{
    const qreal dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    if (!qFuzzyCompare(dpr, m_dpr)) {
        m_pixmaps.clear();
        m_dpr = dpr;
    }
    m_origin = view.originWorld();
    m_scale = view.scale();
    const QSize size = view.size();
    m_cullRect = QRectF(-24, -24, size.width() + 48, size.height() + 48);
    m_drawnTicketPos.clear();
    m_drawnStaffPos.clear();
    m_drawnClusterPos.clear();
    m_candidateLabels.clear();
    m_drawnTickets = m_drawnStaff = m_drawnClusters = 0;
    m_visibleEmergency = false;

    const int zoomLevel = int(std::floor(view.zoom()));
    const bool clustered = state.clustering && zoomLevel < m_clusterBelow;
    if (clustered)
        updateClusters(data, zoomLevel);
    const QDateTime now = state.now.isValid() ? state.now : data.now();

    p.save();
    p.setClipRect(QRect(QPoint(0, 0), size));
    paintBase(p, view);
    p.setRenderHint(QPainter::Antialiasing, true);
    if (state.overlays)
        paintOverlays(p, view, state);
    if (state.trails && !clustered)
        paintTrails(p, view, data);
    if (!clustered && view.zoom() >= kAccuracyZoom)
        paintAccuracy(p, view, data, now);
    paintCandidateLines(p, view, data, state);
    paintTickets(p, view, data, state, clustered);
    paintStaff(p, view, data, state, clustered);
    p.setRenderHint(QPainter::Antialiasing, true);
    if (state.labels && !clustered)
        paintLabels(p, view, data, state);
    paintSelection(p, view, data, state);
    p.restore();
}

// ---- base -------------------------------------------------------------------------------------------------------

void MapRenderer::paintGrid(QPainter &p, const geo::Viewport &view, bool light)
{
    const QSize size = view.size();
    if (!light)
        p.fillRect(QRect(QPoint(0, 0), size), QColor(0xee, 0xf0, 0xf3));
    // Lines every 64..128 pixels, anchored to the world, every fourth one darker.
    const int g = int(std::floor(view.zoom())) + 2;
    const double step = 1.0 / std::exp2(g);
    const QRectF world = view.visibleWorld();
    const QPen minor(QColor(0xd5, 0xda, 0xe0), 1);
    const QPen major(QColor(0xb8, 0xc0, 0xc8), 1);
    const qint64 x0 = qint64(std::floor(world.left() / step));
    const qint64 x1 = qint64(std::ceil(world.right() / step));
    const qint64 y0 = qint64(std::floor(world.top() / step));
    const qint64 y1 = qint64(std::ceil(world.bottom() / step));
    for (qint64 i = x0; i <= x1 && i - x0 < 200; ++i) {
        p.setPen(i % 4 == 0 ? major : minor);
        const double x = std::round((i * step - m_origin.x()) * m_scale) + 0.5;
        p.drawLine(QPointF(x, 0), QPointF(x, size.height()));
    }
    for (qint64 i = y0; i <= y1 && i - y0 < 200; ++i) {
        p.setPen(i % 4 == 0 ? major : minor);
        const double y = std::round((i * step - m_origin.y()) * m_scale) + 0.5;
        p.drawLine(QPointF(0, y), QPointF(size.width(), y));
    }
}

void MapRenderer::paintBase(QPainter &p, const geo::Viewport &view)
{
    paintGrid(p, view, false);
    if (!m_tiles || !m_tiles->isTiled())
        return;
    const int z = std::clamp(int(std::lround(view.zoom())), 0, m_tiles->maxZoom());
    const double tilePixels = geo::kTileSize * std::exp2(view.zoom() - z);
    const QList<geo::TileId> wanted = geo::tilesCovering(view.visibleWorld(), z);
    QSet<quint64> keys;
    keys.reserve(wanted.size());
    p.setRenderHint(QPainter::SmoothPixmapTransform, !qFuzzyCompare(tilePixels, double(geo::kTileSize)));
    const int n = 1 << z;
    const QRectF visible = view.visibleWorld();
    for (const geo::TileId &id : wanted) {
        keys.insert(id.key());
        // The tile's column as seen from the view (the world repeats sideways).
        double wx = double(id.x) / n;
        while (wx + 1.0 / n < visible.left())
            wx += 1;
        while (wx > visible.right())
            wx -= 1;
        const QRectF target(std::round((wx - m_origin.x()) * m_scale),
                            std::round((double(id.y) / n - m_origin.y()) * m_scale), std::ceil(tilePixels),
                            std::ceil(tilePixels));
        QImage img = m_tiles->tile(id);
        if (!img.isNull()) {
            p.drawImage(target, img);
            continue;
        }
        // Until it arrives: a parent tile already in memory, magnified.
        for (int up = 1; up <= 4 && id.z - up >= 0; ++up) {
            const geo::TileId parent{id.z - up, id.x >> up, id.y >> up};
            const QImage pimg = m_tiles->peek(parent);
            if (pimg.isNull())
                continue;
            const int sub = 1 << up;
            const double part = double(pimg.width()) / sub;
            const QRectF source((id.x % sub) * part, (id.y % sub) * part, part, part);
            p.drawImage(target, pimg, source);
            break;
        }
    }
    m_tiles->keepOnly(keys);
}

void MapRenderer::paintOverlays(QPainter &p, const geo::Viewport &view, const MapRenderState &state)
{
    constexpr int kMargin = 320;
    const QRectF visible = view.visibleWorld();
    OverlayCache &c = m_overlayCache;
    const QPointF offset = (c.originWorld - m_origin) * m_scale; // where the cached image's corner lands
    const bool reusable = c.generation == m_overlayGeneration && c.zoom == view.zoom() &&
                          c.hidden == state.hiddenOverlays && !c.image.isNull() && offset.x() <= 0 && offset.y() <= 0 &&
                          offset.x() + c.image.width() / m_dpr >= view.size().width() &&
                          offset.y() + c.image.height() / m_dpr >= view.size().height();
    if (!reusable) {
        const QSize size = view.size() + QSize(2 * kMargin, 2 * kMargin);
        c.image = QImage(size * m_dpr, QImage::Format_ARGB32_Premultiplied);
        c.image.setDevicePixelRatio(m_dpr);
        c.image.fill(Qt::transparent);
        c.zoom = view.zoom();
        c.hidden = state.hiddenOverlays;
        c.generation = m_overlayGeneration;
        c.originWorld = m_origin - QPointF(kMargin, kMargin) / m_scale;
        const QPointF savedOrigin = m_origin;
        m_origin = c.originWorld;
        QPainter q(&c.image);
        q.setRenderHint(QPainter::Antialiasing);
        paintOverlayPaths(q, QRectF(c.originWorld, QSizeF(size.width() / m_scale, size.height() / m_scale)), state);
        q.end();
        m_origin = savedOrigin;
    }
    const QPointF at = (c.originWorld - m_origin) * m_scale;
    p.drawImage(QPoint(qRound(at.x()), qRound(at.y())), c.image);
    paintOverlayLabels(p, view, visible, state);
}

void MapRenderer::paintOverlayPaths(QPainter &p, const QRectF &visible, const MapRenderState &state)
{
    for (const OverlayPath &path : m_paths) {
        if (state.hiddenOverlays.contains(path.layer))
            continue;
        if (!path.bounds.adjusted(-1e-9, -1e-9, 1e-9, 1e-9).intersects(visible))
            continue;
        m_scratch.resize(path.world.size());
        for (qsizetype i = 0; i < path.world.size(); ++i)
            m_scratch[i] = QPointF((path.world.at(i).x() - m_origin.x()) * m_scale,
                                   (path.world.at(i).y() - m_origin.y()) * m_scale);
        if (path.point) {
            p.setPen(QPen(path.stroke.darker(130), 1));
            p.setBrush(path.stroke);
            p.drawRect(QRectF(m_scratch.first() - QPointF(3.5, 3.5), QSizeF(7, 7)));
        } else if (path.closed) {
            p.setPen(QPen(path.stroke, path.width));
            p.setBrush(path.fill);
            p.drawPolygon(m_scratch);
        } else {
            p.setPen(QPen(path.stroke, path.width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(Qt::NoBrush);
            p.drawPolyline(m_scratch);
        }
    }
}

void MapRenderer::paintOverlayLabels(QPainter &p, const geo::Viewport &view, const QRectF &visible,
                                     const MapRenderState &state)
{
    // Zone names at the centre of their polygons, when they fit.
    if (view.zoom() >= 10) {
        QFont f = p.font();
        f.setPointSizeF(9);
        p.setFont(f);
        for (const OverlayPath &path : m_paths) {
            if (!path.closed || path.name.isEmpty() || state.hiddenOverlays.contains(path.layer) ||
                !path.bounds.intersects(visible) || path.bounds.width() * m_scale < 120)
                continue;
            const QPointF c = screenOf(view, path.bounds.center());
            p.setPen(path.stroke.darker(150));
            p.drawText(QRectF(c.x() - 100, c.y() - 10, 200, 20), Qt::AlignCenter, path.name);
        }
    }
}

// ---- staff quality ----------------------------------------------------------------------------------------------

double MapRenderer::staffFade(const StaffMarker &s, const QDateTime &now, bool *offline) const
{
    const qint64 age = s.positionAt.isValid() ? s.positionAt.secsTo(now) : MapData::kOfflineSeconds + 1;
    *offline = age > MapData::kOfflineSeconds;
    if (age <= 60)
        return 1.0;
    // Fades from full to 40 % over the staleness period.
    return std::max(0.4, 1.0 - 0.6 * double(age) / MapData::kStaleSeconds);
}

void MapRenderer::paintTrails(QPainter &p, const geo::Viewport &view, const MapData &data)
{
    if (view.zoom() < 11)
        return;
    const QRectF visible = view.visibleWorld();
    p.setBrush(Qt::NoBrush);
    for (const StaffMarker &s : data.staff()) {
        const QList<TrailPoint> trail = data.trail(s.id);
        if (trail.size() < 2)
            continue;
        bool any = false;
        for (const TrailPoint &t : trail) {
            if (visible.contains(t.world)) {
                any = true;
                break;
            }
        }
        if (!any)
            continue;
        m_scratch.resize(trail.size());
        for (qsizetype i = 0; i < trail.size(); ++i)
            m_scratch[i] = screenOf(view, trail.at(i).world);
        QColor c = staffColor(s.status);
        c.setAlphaF(0.55f);
        p.setPen(QPen(c, 2.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPolyline(m_scratch);
    }
}

void MapRenderer::paintAccuracy(QPainter &p, const geo::Viewport &view, const MapData &data, const QDateTime &now)
{
    const double mpp = view.metresPerPixel();
    for (const StaffMarker &s : data.staff()) {
        if (s.accuracy <= 0)
            continue;
        const QPointF c = screenOf(view, s.world);
        const double r = s.accuracy / mpp;
        if (r < 4 || !m_cullRect.adjusted(-r, -r, r, r).contains(c))
            continue;
        bool offline = false;
        const double fade = staffFade(s, now, &offline);
        const QColor col = offline ? QColor(0x9e, 0x9e, 0x9e) : staffColor(s.status);
        const int fadeBucket = std::clamp(int((1.0 - fade) / 0.15), 0, 4);
        if (r <= 64) {
            const QPixmap &pm = accuracyPixmap(int(std::lround(r)), col, fadeBucket);
            p.drawPixmap(snapped(c, pm.deviceIndependentSize()), pm);
            continue;
        }
        QColor fill = col;
        fill.setAlphaF(float(0.12 * (1.0 - 0.15 * fadeBucket)));
        QColor edge = col;
        edge.setAlphaF(float(0.45 * (1.0 - 0.15 * fadeBucket)));
        p.setBrush(fill);
        p.setPen(QPen(edge, 1));
        p.drawEllipse(c, r, r);
    }
}

const QPixmap &MapRenderer::accuracyPixmap(int radius, const QColor &colour, int fadeBucket)
{
    const quint32 key = 0x800000u | (quint32(radius) << 12) | (quint32(fadeBucket) << 9) | (colour.rgb() & 0x1ffu);
    auto it = m_pixmaps.find(key);
    if (it != m_pixmaps.end())
        return *it;
    const int side = 2 * radius + 4;
    QPixmap pm(QSize(int(std::ceil(side * m_dpr)), int(std::ceil(side * m_dpr))));
    pm.setDevicePixelRatio(m_dpr);
    pm.fill(Qt::transparent);
    QPainter q(&pm);
    q.setRenderHint(QPainter::Antialiasing);
    QColor fill = colour;
    fill.setAlphaF(float(0.12 * (1.0 - 0.15 * fadeBucket)));
    QColor edge = colour;
    edge.setAlphaF(float(0.45 * (1.0 - 0.15 * fadeBucket)));
    q.setBrush(fill);
    q.setPen(QPen(edge, 1));
    q.drawEllipse(QPointF(side / 2.0, side / 2.0), radius, radius);
    q.end();
    return *m_pixmaps.insert(key, pm);
}

// ---- candidates --------------------------------------------------------------------------------------------------

void MapRenderer::paintCandidateLines(QPainter &p, const geo::Viewport &view, const MapData &data,
                                      const MapRenderState &state)
{
    const int ti = data.ticketIndex(state.selectedTicket);
    if (ti < 0 || state.candidates.isEmpty())
        return;
    const QPointF from = screenOf(view, data.tickets()[size_t(ti)].world);
    QFont f = p.font();
    f.setPointSizeF(8.5);
    p.setFont(f);
    const QFontMetricsF fm(f);
    for (int i = int(state.candidates.size()) - 1; i >= 0; --i) {
        const MapCandidate &c = state.candidates.at(i);
        const int si = data.staffIndex(c.userId);
        if (si < 0)
            continue;
        const QPointF to = screenOf(view, data.staff()[size_t(si)].world);
        const bool best = i == state.highlightedCandidate;
        QColor col = i == 0 ? QColor(0x2e, 0x7d, 0x32) : QColor(0x45, 0x5a, 0x64);
        if (c.stale || c.frozen || !c.eligible)
            col = QColor(0x9e, 0x9e, 0x9e);
        p.setPen(QPen(col, best ? 3 : 1.6, best ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap));
        p.drawLine(from, to);
        // The label sits near the person, on the side away from the ticket.
        const QString text =
            u"%1 %2 · %3 · %4"_s.arg(i + 1).arg(c.name, distanceText(c.distance), QString::number(c.score, 'f', 2));
        const QPointF dir = to - from;
        const double len = std::max(1.0, std::hypot(dir.x(), dir.y()));
        const QPointF at = to + dir / len * 14;
        const double w = fm.horizontalAdvance(text) + 10;
        const double h = fm.height() + 4;
        QRectF box(at.x() - (dir.x() < 0 ? w : 0), at.y() - h / 2, w, h);
        p.setPen(QPen(col, best ? 2 : 1));
        p.setBrush(best ? QColor(0xe8, 0xf5, 0xe9) : QColor(255, 255, 255, 235));
        p.drawRoundedRect(box, 4, 4);
        p.setPen(QColor(0x21, 0x21, 0x21));
        p.drawText(box, Qt::AlignCenter, text);
        m_candidateLabels.emplace_back(box, i);
    }
}

// ---- markers -----------------------------------------------------------------------------------------------------

const QPixmap &MapRenderer::ticketPixmap(Priority priority, int age, bool emergency)
{
    const quint32 key = 0x10000u | (quint32(priority) << 8) | (quint32(age) << 4) | (emergency ? 1u : 0u);
    auto it = m_pixmaps.find(key);
    if (it != m_pixmaps.end())
        return *it;
    const double d = emergency ? 16 : 13;
    QPixmap pm(QSize(int(std::ceil((d + 4) * m_dpr)), int(std::ceil((d + 4) * m_dpr))));
    pm.setDevicePixelRatio(m_dpr);
    pm.fill(Qt::transparent);
    QPainter q(&pm);
    q.setRenderHint(QPainter::Antialiasing);
    static const QColor ring[] = {QColor(Qt::white), QColor(0xff, 0xd5, 0x4f), QColor(0xff, 0x8f, 0x00),
                                  QColor(0x6d, 0x1b, 0x1b)};
    q.setPen(QPen(ring[std::clamp(age, 0, 3)], age >= 2 ? 3 : 2));
    q.setBrush(priorityColor(priority));
    const double c = (d + 4) / 2;
    // Tickets are diamonds: distinct from the round staff markers even for colour-blind users.
    const QPointF pts[4] = {{c, c - d / 2}, {c + d / 2, c}, {c, c + d / 2}, {c - d / 2, c}};
    q.drawPolygon(pts, 4);
    if (emergency) {
        q.setPen(QPen(Qt::white, 2));
        q.drawLine(QPointF(c, c - 3.5), QPointF(c, c + 0.5));
        q.drawPoint(QPointF(c, c + 3));
    }
    q.end();
    return *m_pixmaps.insert(key, pm);
}

const QPixmap &MapRenderer::staffPixmap(const QString &status, int fade, bool offline, int heading)
{
    const int s = status == u"available" ? 0 : status == u"en_route" ? 1 : status == u"on_site" ? 2 : 3;
    const quint32 key =
        0x200000u | (quint32(heading) << 12) | (quint32(s) << 8) | (quint32(fade) << 4) | (offline ? 1u : 0u);
    auto it = m_pixmaps.find(key);
    if (it != m_pixmaps.end())
        return *it;
    const double d = 15;
    const double side = 34; // room for the heading arrow around the disc
    QPixmap pm(QSize(int(std::ceil(side * m_dpr)), int(std::ceil(side * m_dpr))));
    pm.setDevicePixelRatio(m_dpr);
    pm.fill(Qt::transparent);
    QPainter q(&pm);
    q.setRenderHint(QPainter::Antialiasing);
    q.setOpacity(offline ? 0.55 : 1.0 - 0.15 * fade);
    const QColor fill = offline ? QColor(0x9e, 0x9e, 0x9e) : staffColor(status);
    const QPointF c(side / 2, side / 2);
    if (heading < kHeadings) {
        const double a = heading * (360.0 / kHeadings) * std::numbers::pi / 180.0;
        const QPointF dir(std::sin(a), -std::cos(a));
        const QPointF across(-dir.y(), dir.x());
        const QPointF pts[3] = {c + dir * 15.5, c + dir * 8 + across * 5, c + dir * 8 - across * 5};
        q.setPen(Qt::NoPen);
        q.setBrush(fill.darker(125));
        q.drawPolygon(pts, 3);
    }
    q.setPen(QPen(Qt::white, 2));
    q.setBrush(fill);
    q.drawEllipse(c, d / 2, d / 2);
    // A person: head and shoulders.
    q.setPen(Qt::NoPen);
    q.setBrush(Qt::white);
    q.drawEllipse(c + QPointF(0, -2.2), 2.2, 2.2);
    q.drawChord(QRectF(c.x() - 4, c.y() + 0.8, 8, 7), 0, 180 * 16);
    q.end();
    return *m_pixmaps.insert(key, pm);
}

const QPixmap &MapRenderer::pulsePixmap(int bucket, double baseRadius)
{
    const quint32 key = 0x400000u | (quint32(std::lround(baseRadius)) << 8) | quint32(bucket);
    auto it = m_pixmaps.find(key);
    if (it != m_pixmaps.end())
        return *it;
    const double phase = double(bucket) / kPulseSteps;
    const double r = baseRadius + 12 * phase;
    const double side = 2 * (baseRadius + 14);
    QPixmap pm(QSize(int(std::ceil(side * m_dpr)), int(std::ceil(side * m_dpr))));
    pm.setDevicePixelRatio(m_dpr);
    pm.fill(Qt::transparent);
    QPainter q(&pm);
    q.setRenderHint(QPainter::Antialiasing);
    QColor col = priorityColor(Priority::Urgent);
    col.setAlphaF(float(0.65 * (1 - phase)));
    q.setPen(QPen(col, 2));
    q.setBrush(Qt::NoBrush);
    q.drawEllipse(QPointF(side / 2, side / 2), r, r);
    q.end();
    return *m_pixmaps.insert(key, pm);
}

const QStaticText &MapRenderer::countText(int count)
{
    auto it = m_counts.find(count);
    if (it == m_counts.end()) {
        QStaticText text(QString::number(count));
        text.setPerformanceHint(QStaticText::AggressiveCaching);
        it = m_counts.insert(count, text);
    }
    return *it;
}

const QPixmap &MapRenderer::clusterPixmap(const QColor &colour, int sizeBucket, bool staff)
{
    const quint32 key = 0x30000u | (quint32(sizeBucket) << 12) | (staff ? 0x800u : 0u) | (colour.rgb() & 0x7ffu);
    auto it = m_pixmaps.find(key);
    if (it != m_pixmaps.end())
        return *it;
    const double d = 22 + 6 * sizeBucket;
    QPixmap pm(QSize(int(std::ceil((d + 8) * m_dpr)), int(std::ceil((d + 8) * m_dpr))));
    pm.setDevicePixelRatio(m_dpr);
    pm.fill(Qt::transparent);
    QPainter q(&pm);
    q.setRenderHint(QPainter::Antialiasing);
    const double c = (d + 8) / 2;
    QColor halo = colour;
    halo.setAlphaF(0.3f);
    q.setPen(Qt::NoPen);
    q.setBrush(halo);
    if (staff)
        q.drawRoundedRect(QRectF(c - d / 2 - 3, c - d / 2 - 3, d + 6, d + 6), 7, 7);
    else
        q.drawEllipse(QPointF(c, c), d / 2 + 3, d / 2 + 3);
    q.setPen(QPen(Qt::white, 1.5));
    q.setBrush(colour);
    if (staff)
        q.drawRoundedRect(QRectF(c - d / 2, c - d / 2, d, d), 5, 5);
    else
        q.drawEllipse(QPointF(c, c), d / 2, d / 2);
    q.end();
    return *m_pixmaps.insert(key, pm);
}

void MapRenderer::updateClusters(const MapData &data, int zoom)
{
    if (m_clusters.zoom == zoom && m_clusters.revision == data.revision())
        return;
    std::vector<QPointF> points;
    std::vector<int> weights;
    points.reserve(data.tickets().size());
    weights.reserve(data.tickets().size());
    for (const TicketMarker &t : data.tickets()) {
        points.push_back(t.world);
        weights.push_back(int(t.priority) + (t.emergency ? 10 : 0));
    }
    m_clusters.tickets = geo::GridClusterer::cluster(points, weights, zoom, 56);
    points.clear();
    for (const StaffMarker &s : data.staff())
        points.push_back(s.world);
    m_clusters.staff = geo::GridClusterer::cluster(points, {}, zoom, 56);
    m_clusters.zoom = zoom;
    m_clusters.revision = data.revision();
}

void MapRenderer::paintTickets(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state,
                               bool clustered)
{
    const QDateTime now = state.now.isValid() ? state.now : data.now();
    const auto &tickets = data.tickets();
    const int pulseBucket = std::clamp(int(state.pulse * kPulseSteps), 0, kPulseSteps - 1);
    p.setRenderHint(QPainter::Antialiasing, false);
    auto drawOne = [&](int i) {
        const TicketMarker &t = tickets[size_t(i)];
        if (t.id == state.draggedTicket)
            return;
        const QPointF c = screenOf(view, t.world);
        if (!m_cullRect.contains(c))
            return;
        const QPixmap &pm = ticketPixmap(t.priority, ageBucket(t.createdAt, now), t.emergency);
        if (t.emergency) {
            m_visibleEmergency = true;
            const QPixmap &ring = pulsePixmap(pulseBucket, 9);
            p.drawPixmap(snapped(c, ring.deviceIndependentSize()), ring);
        }
        p.drawPixmap(snapped(c, pm.deviceIndependentSize()), pm);
        m_drawnTicketPos.push_back({c, i});
        ++m_drawnTickets;
    };
    if (!clustered) {
        for (int i = 0; i < int(tickets.size()); ++i)
            drawOne(i);
        return;
    }
    QFont f = p.font();
    f.setPointSizeF(8);
    f.setBold(true);
    p.setFont(f);
    for (int k = 0; k < int(m_clusters.tickets.size()); ++k) {
        const geo::Cluster &cl = m_clusters.tickets[size_t(k)];
        if (cl.count == 1) {
            drawOne(cl.first);
            continue;
        }
        const QPointF c = screenOf(view, cl.world);
        if (!m_cullRect.contains(c))
            continue;
        const int bucket = cl.count < 10 ? 0 : cl.count < 100 ? 1 : cl.count < 1000 ? 2 : 3;
        const bool emergency = cl.weight >= 10;
        const QColor colour = priorityColor(Priority(std::clamp(cl.weight % 10, 0, 3)));
        const QPixmap &pm = clusterPixmap(colour, bucket, false);
        const QSizeF s = pm.deviceIndependentSize();
        if (emergency) {
            m_visibleEmergency = true;
            const QPixmap &ring = pulsePixmap(pulseBucket, s.width() / 2 - 3);
            p.drawPixmap(snapped(c, ring.deviceIndependentSize()), ring);
        }
        p.drawPixmap(snapped(c, s), pm);
        p.setPen(Qt::white);
        const QStaticText &text = countText(cl.count);
        p.drawStaticText(QPointF(c.x() - text.size().width() / 2, c.y() - text.size().height() / 2), text);
        m_drawnClusterPos.push_back({c, s.width() / 2, k, cl.world, cl.count, false});
        ++m_drawnClusters;
    }
}

void MapRenderer::paintStaff(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state,
                             bool clustered)
{
    const QDateTime now = state.now.isValid() ? state.now : data.now();
    const auto &staff = data.staff();
    const bool arrows = view.zoom() >= kArrowZoom;
    p.setRenderHint(QPainter::Antialiasing, false);
    auto drawOne = [&](int i) {
        const StaffMarker &s = staff[size_t(i)];
        const QPointF c = screenOf(view, s.world);
        if (!m_cullRect.contains(c))
            return;
        bool offline = false;
        const double fade = staffFade(s, now, &offline);
        const int fadeBucket = std::clamp(int((1.0 - fade) / 0.15), 0, 4);
        int heading = kHeadings;
        if (arrows && !offline && !std::isnan(s.heading)) {
            const double h = std::fmod(std::fmod(s.heading, 360.0) + 360.0, 360.0);
            heading = int(std::lround(h / (360.0 / kHeadings))) % kHeadings;
        }
        const QPixmap &pm = staffPixmap(s.status, fadeBucket, offline, heading);
        p.drawPixmap(snapped(c, pm.deviceIndependentSize()), pm);
        m_drawnStaffPos.push_back({c, i});
        ++m_drawnStaff;
    };
    if (!clustered) {
        for (int i = 0; i < int(staff.size()); ++i)
            drawOne(i);
        return;
    }
    // The selected ticket's candidates stay visible as people even when clustered.
    QSet<qint64> keep;
    for (const MapCandidate &c : state.candidates)
        keep.insert(c.userId.value());
    QFont f = p.font();
    f.setPointSizeF(8);
    f.setBold(true);
    p.setFont(f);
    const QColor teamColour(0x00, 0x79, 0x6b);
    for (int k = 0; k < int(m_clusters.staff.size()); ++k) {
        const geo::Cluster &cl = m_clusters.staff[size_t(k)];
        if (cl.count == 1) {
            drawOne(cl.first);
            continue;
        }
        const QPointF c = screenOf(view, cl.world);
        if (!m_cullRect.contains(c))
            continue;
        const int bucket = cl.count < 10 ? 0 : cl.count < 100 ? 1 : cl.count < 1000 ? 2 : 3;
        const QPixmap &pm = clusterPixmap(teamColour, bucket, true);
        const QSizeF s = pm.deviceIndependentSize();
        p.drawPixmap(snapped(c, s), pm);
        p.setPen(Qt::white);
        const QStaticText &text = countText(cl.count);
        p.drawStaticText(QPointF(c.x() - text.size().width() / 2, c.y() - text.size().height() / 2), text);
        m_drawnClusterPos.push_back({c, s.width() / 2, k, cl.world, cl.count, true});
        ++m_drawnClusters;
    }
    for (const qint64 id : std::as_const(keep)) {
        const int i = data.staffIndex(UserId(id));
        if (i >= 0)
            drawOne(i);
    }
}

void MapRenderer::paintLabels(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state)
{
    const QDateTime now = state.now.isValid() ? state.now : data.now();
    QFont f = p.font();
    f.setPointSizeF(8.5);
    f.setBold(false);
    p.setFont(f);
    const QFontMetricsF fm(f);
    if (view.zoom() >= kStaffLabelZoom && m_drawnStaffPos.size() <= size_t(kLabelLimit)) {
        for (const Drawn &d : m_drawnStaffPos) {
            const StaffMarker &s = data.staff()[size_t(d.index)];
            bool offline = false;
            staffFade(s, now, &offline);
            const QString text =
                offline ? tr("%1 · offline since %2")
                              .arg(s.name, s.positionAt.isValid() ? s.positionAt.toLocalTime().toString(u"HH:mm"_s)
                                                                  : tr("unknown"))
                        : u"%1 · %2"_s.arg(s.name).arg(s.openTickets);
            const QRectF box(d.screen.x() + 11, d.screen.y() - fm.height() / 2 - 1, fm.horizontalAdvance(text) + 6,
                             fm.height() + 2);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(255, 255, 255, offline ? 170 : 215));
            p.drawRoundedRect(box, 3, 3);
            p.setPen(offline ? QColor(0x75, 0x75, 0x75) : QColor(0x21, 0x21, 0x21));
            p.drawText(box, Qt::AlignCenter, text);
        }
    }
    if (view.zoom() >= kTicketLabelZoom && m_drawnTicketPos.size() <= size_t(kLabelLimit)) {
        p.setPen(QColor(0x37, 0x47, 0x4f));
        for (const Drawn &d : m_drawnTicketPos) {
            const TicketMarker &t = data.tickets()[size_t(d.index)];
            p.drawText(QPointF(d.screen.x() + 10, d.screen.y() + 14), t.number);
        }
    }
}

void MapRenderer::paintSelection(QPainter &p, const geo::Viewport &view, const MapData &data,
                                 const MapRenderState &state)
{
    if (const int ti = data.ticketIndex(state.selectedTicket); ti >= 0) {
        const TicketMarker &t = data.tickets()[size_t(ti)];
        const QPointF c = screenOf(view, t.world);
        const QPixmap &pm = ticketPixmap(t.priority, 0, t.emergency);
        const QSizeF s = pm.deviceIndependentSize();
        p.setPen(QPen(QColor(0x21, 0x21, 0x21), 2.5));
        p.setBrush(QColor(255, 255, 255, 160));
        p.drawEllipse(c, 14, 14);
        p.drawPixmap(QPointF(c.x() - s.width() / 2, c.y() - s.height() / 2), pm);
        if (t.id != state.draggedTicket) {
            m_drawnTicketPos.push_back({c, ti});
        }
    }
    if (const int si = data.staffIndex(state.selectedStaff); si >= 0) {
        const QPointF c = screenOf(view, data.staff()[size_t(si)].world);
        p.setPen(QPen(QColor(0x21, 0x21, 0x21), 2.5));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, 13, 13);
    }
    if (const int si = data.staffIndex(state.dropTarget); si >= 0) {
        const QPointF c = screenOf(view, data.staff()[size_t(si)].world);
        p.setPen(QPen(QColor(0x2e, 0x7d, 0x32), 3));
        p.setBrush(QColor(0x2e, 0x7d, 0x32, 50));
        p.drawEllipse(c, 17, 17);
    }
    if (const int ti = data.ticketIndex(state.draggedTicket); ti >= 0) {
        const TicketMarker &t = data.tickets()[size_t(ti)];
        const QPixmap &pm = ticketPixmap(t.priority, 0, t.emergency);
        const QSizeF s = pm.deviceIndependentSize();
        p.setOpacity(0.85);
        p.drawPixmap(QPointF(state.dragPos.x() - s.width() / 2, state.dragPos.y() - s.height() / 2), pm);
        p.setOpacity(1);
    }
}

MapHit MapRenderer::hitTest(const QPointF &screen) const
{
    MapHit hit;
    for (const auto &[box, index] : m_candidateLabels) {
        if (box.contains(screen)) {
            hit.kind = MapHit::Kind::Candidate;
            hit.index = index;
            return hit;
        }
    }
    auto nearest = [&](const std::vector<Drawn> &drawn) {
        int best = -1;
        double bestD = kHitRadius * kHitRadius;
        for (const Drawn &d : drawn) {
            const QPointF v = d.screen - screen;
            const double dd = v.x() * v.x() + v.y() * v.y();
            if (dd <= bestD) { // later drawn wins on ties: it is on top
                bestD = dd;
                best = d.index;
            }
        }
        return best;
    };
    if (const int s = nearest(m_drawnStaffPos); s >= 0) {
        hit.kind = MapHit::Kind::Staff;
        hit.index = s;
        return hit;
    }
    if (const int t = nearest(m_drawnTicketPos); t >= 0) {
        hit.kind = MapHit::Kind::Ticket;
        hit.index = t;
        return hit;
    }
    for (auto it = m_drawnClusterPos.rbegin(); it != m_drawnClusterPos.rend(); ++it) {
        const QPointF v = it->screen - screen;
        if (v.x() * v.x() + v.y() * v.y() <= it->radius * it->radius) {
            hit.kind = it->staff ? MapHit::Kind::StaffCluster : MapHit::Kind::TicketCluster;
            hit.index = it->index;
            hit.world = it->world;
            hit.count = it->count;
            return hit;
        }
    }
    return hit;
}

} // namespace crewline::client
