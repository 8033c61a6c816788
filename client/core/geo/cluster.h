#pragma once

// Grid clustering for the map at low zoom: the world is cut into square cells of a fixed pixel size at an integer
// zoom, and every cell with points becomes one cluster at the mean of its points. Cells are anchored to the world
// (not the screen), so panning does not make clusters jump and the result for one zoom can be cached. O(n) per
// zoom level: 25,000 points take a few milliseconds.

#include <QList>
#include <QPointF>

#include <vector>

namespace crewline::geo {

struct Cluster
{
    QPointF world;  // mean of the members, world coordinates
    int count = 0;  // members
    int first = -1; // index of the first member (the one to show when count == 1)
    int weight = 0; // the largest weight among the members (e.g. the highest priority)
};

class GridClusterer
{
public:
    // points in world coordinates (0..1); weights optional (same size, or empty).
    static std::vector<Cluster> cluster(const std::vector<QPointF> &points, const std::vector<int> &weights, int zoom,
                                        double cellPixels = 64);
    // The cell (column, row) a world point falls in at zoom with cells of cellPixels.
    static std::pair<qint64, qint64> cellOf(const QPointF &world, int zoom, double cellPixels);
};

} // namespace crewline::geo
