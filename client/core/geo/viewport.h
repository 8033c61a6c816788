#pragma once

// What part of the world a map shows: a centre (world coordinates), a fractional zoom and a pixel size. Converts
// between screen pixels, world coordinates and geographic points, and performs the navigation the widget offers
// (pan by pixels, zoom around a screen point so that the point stays under the cursor, fit a box).

#include "client/core/geo/mercator.h"

#include <QPointF>
#include <QRectF>
#include <QSize>

namespace crewline::geo {

class Viewport
{
public:
    Viewport() = default;
    Viewport(const GeoPoint &centre, double zoom, const QSize &size);

    QSize size() const { return m_size; }
    void setSize(const QSize &size) { m_size = size; }
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    QPointF centreWorld() const { return m_centre; }
    GeoPoint centre() const { return unproject(m_centre); }
    void setCentre(const GeoPoint &p) { setCentreWorld(project(p)); }
    void setCentreWorld(const QPointF &world);

    double scale() const { return worldPixels(m_zoom); } // pixels per world unit
    // The world point at the top-left pixel; screen = (world - origin) * scale.
    QPointF originWorld() const;
    QPointF toScreen(const QPointF &world) const;
    QPointF toScreen(const GeoPoint &p) const { return toScreen(project(p)); }
    QPointF toWorld(const QPointF &screen) const;
    GeoPoint toGeo(const QPointF &screen) const { return unproject(toWorld(screen)); }
    QRectF visibleWorld() const;
    double metresPerPixel() const { return geo::metresPerPixel(centre().lat, m_zoom); }

    void panBy(const QPointF &pixels);
    // Changes the zoom by delta levels keeping the world point under screenPoint where it is.
    void zoomAround(const QPointF &screenPoint, double delta);
    // Centres on the rectangle and picks the zoom that shows it whole (maxZoom caps a single point's zoom).
    void fit(const QRectF &world, double maxZoom = 16);

private:
    QPointF m_centre{0.5, 0.5};
    double m_zoom = 3;
    QSize m_size{800, 600};
};

} // namespace crewline::geo
