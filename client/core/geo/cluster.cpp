#include "client/core/geo/cluster.h"

#include "client/core/geo/mercator.h"

#include <QHash>

#include <cmath>

namespace crewline::geo {

std::pair<qint64, qint64> GridClusterer::cellOf(const QPointF &world, int zoom, double cellPixels)
{
    const double cells = worldPixels(zoom) / cellPixels;
    return {qint64(std::floor(world.x() * cells)), qint64(std::floor(world.y() * cells))};
}

std::vector<Cluster> GridClusterer::cluster(const std::vector<QPointF> &points, const std::vector<int> &weights,
                                            int zoom, double cellPixels)
{
    std::vector<Cluster> out;
    if (points.empty())
        return out;
    const bool weighted = weights.size() == points.size();
    const double cells = worldPixels(zoom) / cellPixels;
    QHash<quint64, int> index; // cell -> cluster
    index.reserve(qsizetype(points.size() / 4 + 16));
    std::vector<QPointF> sums;
    for (size_t i = 0; i < points.size(); ++i) {
        const QPointF &p = points[i];
        const auto cx = quint64(std::max<qint64>(0, qint64(std::floor(p.x() * cells))));
        const auto cy = quint64(std::max<qint64>(0, qint64(std::floor(p.y() * cells))));
        const quint64 key = (cx << 32) | (cy & 0xffffffffu);
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.insert(key, int(out.size()));
            out.push_back({{}, 0, int(i), weighted ? weights[i] : 0});
            sums.push_back({});
        }
        Cluster &c = out[size_t(*it)];
        ++c.count;
        if (weighted && weights[i] > c.weight)
            c.weight = weights[i];
        sums[size_t(*it)] += p;
    }
    for (size_t k = 0; k < out.size(); ++k)
        out[k].world = sums[k] / out[k].count;
    return out;
}

} // namespace crewline::geo
