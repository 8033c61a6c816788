#include "common/geodesy.h"

#include <QGeoCoordinate>

namespace crewline::geo {

namespace {
QGeoCoordinate coordinate(const GeoPoint &p)
{
    return QGeoCoordinate(p.lat, p.lon);
}
} // namespace

double distanceMetres(const GeoPoint &a, const GeoPoint &b)
{
    if (!a.isValid() || !b.isValid())
        return -1;
    return coordinate(a).distanceTo(coordinate(b));
}

double bearingDegrees(const GeoPoint &a, const GeoPoint &b)
{
    if (!a.isValid() || !b.isValid())
        return 0;
    const double az = coordinate(a).azimuthTo(coordinate(b));
    return az < 0 ? az + 360 : az;
}

GeoPoint moveTowards(const GeoPoint &from, const GeoPoint &to, double metres)
{
    const double d = distanceMetres(from, to);
    if (d < 0 || metres >= d)
        return to;
    const QGeoCoordinate c = coordinate(from).atDistanceAndAzimuth(metres, coordinate(from).azimuthTo(coordinate(to)));
    return GeoPoint::at(c.latitude(), c.longitude());
}

} // namespace crewline::geo
