#include "client/core/geo/viewport.h"

#include <algorithm>

namespace crewline::geo {

Viewport::Viewport(const GeoPoint &centre, double zoom, const QSize &size)
    : m_size(size)
{
    setZoom(zoom);
    setCentre(centre);
}

void Viewport::setZoom(double zoom)
{
    m_zoom = std::clamp(zoom, double(kMinZoom), double(kMaxZoom));
}

void Viewport::setCentreWorld(const QPointF &world)
{
    // x wraps around the antimeridian; y stays on the map.
    double x = world.x() - std::floor(world.x());
    m_centre = {x, std::clamp(world.y(), 0.0, 1.0)};
}

QPointF Viewport::originWorld() const
{
    const double s = scale();
    return {m_centre.x() - m_size.width() / (2 * s), m_centre.y() - m_size.height() / (2 * s)};
}

QPointF Viewport::toScreen(const QPointF &world) const
{
    const double s = scale();
    const QPointF o = originWorld();
    return {(world.x() - o.x()) * s, (world.y() - o.y()) * s};
}

QPointF Viewport::toWorld(const QPointF &screen) const
{
    const double s = scale();
    const QPointF o = originWorld();
    return {o.x() + screen.x() / s, o.y() + screen.y() / s};
}

QRectF Viewport::visibleWorld() const
{
    const double s = scale();
    return {originWorld(), QSizeF(m_size.width() / s, m_size.height() / s)};
}

void Viewport::panBy(const QPointF &pixels)
{
    const double s = scale();
    setCentreWorld({m_centre.x() - pixels.x() / s, m_centre.y() - pixels.y() / s});
}

void Viewport::zoomAround(const QPointF &screenPoint, double delta)
{
    const QPointF anchor = toWorld(screenPoint);
    setZoom(m_zoom + delta);
    // Put the anchor back under the same pixel.
    const double s = scale();
    const QPointF centre(anchor.x() - (screenPoint.x() - m_size.width() / 2.0) / s,
                         anchor.y() - (screenPoint.y() - m_size.height() / 2.0) / s);
    setCentreWorld(centre);
}

void Viewport::fit(const QRectF &world, double maxZoom)
{
    if (world.isNull() && world.topLeft().isNull())
        return;
    setCentreWorld(world.center());
    setZoom(std::min(fitZoom(world, QSizeF(m_size)), maxZoom));
}

} // namespace crewline::geo
