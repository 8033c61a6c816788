#pragma once

// Web Mercator (EPSG:3857) maths for the console's map: geographic points to "world" coordinates (0..1 across the
// whole map, y down, as slippy-map tiles count), tile numbers, ground resolution, a round scale-bar length, and the
// zoom that fits a box into a viewport. Pure functions, no Qt GUI: tested headless.

#include "common/geodesy.h"
#include "common/types.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <cmath>

namespace crewline::geo {

inline constexpr int kTileSize = 256;
inline constexpr double kMaxLatitude = 85.05112877980659; // where Web Mercator's square ends
inline constexpr double kEarthRadius = 6378137.0;         // metres, WGS 84 semi-major axis (what EPSG:3857 uses)
inline constexpr int kMinZoom = 2;
inline constexpr int kMaxZoom = 19;

// World coordinates: x 0 at 180°W .. 1 at 180°E, y 0 at kMaxLatitude .. 1 at -kMaxLatitude.
QPointF project(double lat, double lon);
inline QPointF project(const GeoPoint &p)
{
    return project(p.lat, p.lon);
}
GeoPoint unproject(const QPointF &world);

// Size of the whole world in pixels at a (fractional) zoom level.
inline double worldPixels(double zoom)
{
    return kTileSize * std::exp2(zoom);
}

// Ground metres per pixel at a latitude and zoom.
double metresPerPixel(double lat, double zoom);

// Great-circle distance and bearing: common/geodesy.h (the same maths the server ranks with).

struct TileId
{
    int z = 0;
    int x = 0;
    int y = 0; // XYZ (y down from the north); MBTiles store TMS rows: tmsRow()
    bool isValid() const { return z >= 0 && x >= 0 && y >= 0 && x < (1 << z) && y < (1 << z); }
    int tmsRow() const { return (1 << z) - 1 - y; }
    quint64 key() const { return (quint64(z) << 58) | (quint64(x) << 29) | quint64(y); }
    friend bool operator==(const TileId &, const TileId &) = default;
};

// The tile that contains a point at an integer zoom.
TileId tileAt(const GeoPoint &p, int zoom);
// The tile's rectangle in world coordinates (0..1).
QRectF tileRect(const TileId &tile);
// Tiles covering a world rectangle at zoom z, centre first (so the middle of the screen fills in first). x wraps
// around the antimeridian; y is clamped. At most maxTiles (a bound against absurd viewports).
QList<TileId> tilesCovering(const QRectF &world, int zoom, int maxTiles = 512);

// A scale bar: the longest round ground length (1, 2, 5 × 10^n metres) drawn in at most maxPixels.
struct ScaleBar
{
    double metres = 0;
    double pixels = 0;
    QString label; // "500 m", "2 km"
};
ScaleBar scaleBar(double metresPerPixel, double maxPixels);

// The largest zoom (fractional, clamped to kMinZoom..kMaxZoom) at which a world rectangle fits into a viewport
// with a margin in pixels on every side.
double fitZoom(const QRectF &world, const QSizeF &viewport, double marginPixels = 24);

// "30.27412° N, 120.15510° E"
QString formatCoordinate(const GeoPoint &p);

} // namespace crewline::geo
