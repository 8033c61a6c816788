#pragma once

// GeoJSON (RFC 7946) for the map's overlay layers: Point, LineString, Polygon, their Multi* forms and
// GeometryCollection, as a FeatureCollection, a single Feature or a bare geometry. Positions are [longitude,
// latitude(, altitude)]. A bad file is refused whole with an error that says where: line and column for broken JSON,
// the path inside the document ("features[3].geometry.coordinates[0][2]") for a wrong shape or an out-of-range
// position. Styling follows the common "simplestyle" properties (stroke, stroke-width, fill, fill-opacity, name).

#include "common/types.h"

#include <QColor>
#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QString>

#include <optional>

namespace crewline::geo {

enum class GeometryType
{
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon
};

struct Geometry
{
    GeometryType type = GeometryType::Point;
    // Points: one part per point. Lines: one part per line. Polygons: one part per ring; ringsPerPolygon says how
    // the rings group into polygons (outer ring first, then holes).
    QList<QList<GeoPoint>> parts;
    QList<int> ringsPerPolygon;
};

struct Feature
{
    QString id;
    QList<Geometry> geometries; // more than one for a GeometryCollection
    QJsonObject properties;

    QString name() const; // properties "name" (or "title")
    std::optional<QColor> stroke() const;
    std::optional<QColor> fill() const; // with fill-opacity applied
    double strokeWidth(double fallback) const;
};

struct GeoJsonError
{
    enum class Kind
    {
        None,
        Io,        // could not read the file
        Syntax,    // not JSON
        Structure, // JSON, but not GeoJSON of a kind we read
        Range,     // a position outside -180..180 / -90..90
    };
    Kind kind = Kind::None;
    QString path; // where inside the document ("features[2].geometry")
    int line = 0; // for Syntax (1-based)
    int column = 0;
    QString detail; // what is wrong (translated)

    bool isError() const { return kind != Kind::None; }
    QString message() const; // one sentence for the user, with the position
};

struct GeoJsonLayer
{
    QString name; // the file's base name unless the document has a "name"
    QString fileName;
    QList<Feature> features;
    int pointCount = 0; // positions in all geometries

    bool isEmpty() const { return features.isEmpty(); }
    // Bounding box in world coordinates (Web Mercator, 0..1); null for an empty layer.
    QRectF worldBounds() const;
};

class GeoJson
{
public:
    static std::optional<GeoJsonLayer> parse(const QByteArray &json, GeoJsonError *error);
    static std::optional<GeoJsonLayer> load(const QString &fileName, GeoJsonError *error);
};

} // namespace crewline::geo
