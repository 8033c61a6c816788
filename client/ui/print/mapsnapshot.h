#pragma once

// A small offline map of a ticket's location for the printed work order: no tiles and no network (a crew's paper
// must print the same anywhere), just a metric grid around the spot, the marker, a north arrow, a scale bar and the
// coordinates in WGS-84, so that a crew can match it with any map or GPS. Paints to any QPainter.

#include "common/types.h"

#include <QCoreApplication>
#include <QRectF>

class QPainter;

namespace crewline::client {

class MapSnapshot
{
    Q_DECLARE_TR_FUNCTIONS(crewline::client::MapSnapshot)

public:
    // rect in device units; mm is the size of one millimetre in the same units (line widths, text).
    static void paint(QPainter &painter, const QRectF &rect, const GeoPoint &location, qreal mm);
    // The grid spacing chosen for a map that shows about spanMetres across: 1, 2 or 5 times a power of ten.
    static double niceStep(double spanMetres);
};

} // namespace crewline::client
