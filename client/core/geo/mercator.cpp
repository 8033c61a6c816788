#include "client/core/geo/mercator.h"

#include <algorithm>
#include <numbers>

using namespace Qt::StringLiterals;

namespace crewline::geo {

QPointF project(double lat, double lon)
{
    const double clampedLat = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
    const double x = (lon + 180.0) / 360.0;
    const double s = std::sin(clampedLat * std::numbers::pi / 180.0);
    const double y = 0.5 - std::log((1 + s) / (1 - s)) / (4 * std::numbers::pi);
    return {x, y};
}

GeoPoint unproject(const QPointF &world)
{
    const double lon = world.x() * 360.0 - 180.0;
    const double n = std::numbers::pi * (1 - 2 * world.y());
    const double lat = std::atan(std::sinh(n)) * 180.0 / std::numbers::pi;
    return GeoPoint::at(lat, lon);
}

double metresPerPixel(double lat, double zoom)
{
    const double clampedLat = std::clamp(lat, -kMaxLatitude, kMaxLatitude);
    return std::cos(clampedLat * std::numbers::pi / 180.0) * 2 * std::numbers::pi * kEarthRadius / worldPixels(zoom);
}

TileId tileAt(const GeoPoint &p, int zoom)
{
    const QPointF w = project(p);
    const int n = 1 << zoom;
    return {zoom, std::clamp(int(std::floor(w.x() * n)), 0, n - 1), std::clamp(int(std::floor(w.y() * n)), 0, n - 1)};
}

QRectF tileRect(const TileId &tile)
{
    const double size = 1.0 / double(1 << tile.z);
    return {tile.x * size, tile.y * size, size, size};
}

QList<TileId> tilesCovering(const QRectF &world, int zoom, int maxTiles)
{
    QList<TileId> out;
    if (zoom < 0 || zoom > 30 || !world.isValid())
        return out;
    const int n = 1 << zoom;
    const int x0 = int(std::floor(world.left() * n));
    const int x1 = int(std::floor(world.right() * n));
    const int y0 = std::max(0, int(std::floor(world.top() * n)));
    const int y1 = std::min(n - 1, int(std::floor(world.bottom() * n)));
    const double cx = (x0 + x1) / 2.0;
    const double cy = (y0 + y1) / 2.0;
    struct Candidate
    {
        double distance;
        int x, y;
    };
    QList<Candidate> all;
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1 && x - x0 < n; ++x)
            all.append({(x - cx) * (x - cx) + (y - cy) * (y - cy), x, y});
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Candidate &a, const Candidate &b) { return a.distance < b.distance; });
    for (const Candidate &c : std::as_const(all)) {
        if (out.size() >= maxTiles)
            break;
        out.append({zoom, ((c.x % n) + n) % n, c.y});
    }
    return out;
}

ScaleBar scaleBar(double metresPerPixel, double maxPixels)
{
    ScaleBar bar;
    if (metresPerPixel <= 0 || maxPixels <= 0)
        return bar;
    const double maxMetres = metresPerPixel * maxPixels;
    const double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double metres = magnitude;
    for (double step : {5.0, 2.0, 1.0}) {
        if (step * magnitude <= maxMetres) {
            metres = step * magnitude;
            break;
        }
    }
    bar.metres = metres;
    bar.pixels = metres / metresPerPixel;
    bar.label = metres >= 1000 ? u"%1 km"_s.arg(metres / 1000.0) : u"%1 m"_s.arg(metres);
    return bar;
}

double fitZoom(const QRectF &world, const QSizeF &viewport, double marginPixels)
{
    const double w = std::max(1.0, viewport.width() - 2 * marginPixels);
    const double h = std::max(1.0, viewport.height() - 2 * marginPixels);
    if (world.width() <= 0 && world.height() <= 0)
        return 15;
    const double zx = world.width() > 0 ? std::log2(w / (world.width() * kTileSize)) : kMaxZoom;
    const double zy = world.height() > 0 ? std::log2(h / (world.height() * kTileSize)) : kMaxZoom;
    return std::clamp(std::min(zx, zy), double(kMinZoom), double(kMaxZoom));
}

QString formatCoordinate(const GeoPoint &p)
{
    return u"%1° %2, %3° %4"_s.arg(std::abs(p.lat), 0, 'f', 5)
        .arg(p.lat >= 0 ? u"N"_s : u"S"_s)
        .arg(std::abs(p.lon), 0, 'f', 5)
        .arg(p.lon >= 0 ? u"E"_s : u"W"_s);
}

} // namespace crewline::geo
