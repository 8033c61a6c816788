#pragma once

// Great-circle geometry on WGS-84 points, through Qt Positioning (QGeoCoordinate), so that server ranking, the
// field simulator and the console measure distances the same way.

#include "common/types.h"

namespace crewline::geo {

// Great-circle distance in metres; negative when either point is invalid.
double distanceMetres(const GeoPoint &a, const GeoPoint &b);
// Initial bearing from a to b in degrees clockwise from north (0..360); 0 when either point is invalid.
double bearingDegrees(const GeoPoint &a, const GeoPoint &b);
// The point `metres` along the great circle from `from` towards `to` (clamped to `to`).
GeoPoint moveTowards(const GeoPoint &from, const GeoPoint &to, double metres);

} // namespace crewline::geo
