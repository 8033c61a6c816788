#include "client/core/geo/geojson.h"

#include "client/core/geo/mercator.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace crewline::geo {

namespace {

// Parsing state: the first error wins and stops everything.
class Reader
{
public:
    explicit Reader(GeoJsonError *error)
        : m_error(error)
    {
    }

    bool failed() const { return m_failed; }

    bool fail(GeoJsonError::Kind kind, const QString &path, const QString &detail)
    {
        if (!m_failed && m_error) {
            m_error->kind = kind;
            m_error->path = path;
            m_error->detail = detail;
        }
        m_failed = true;
        return false;
    }

    bool position(const QJsonValue &v, const QString &path, GeoPoint *out)
    {
        const QJsonArray a = v.toArray();
        if (!v.isArray() || a.size() < 2 || !a.at(0).isDouble() || !a.at(1).isDouble())
            return fail(
                GeoJsonError::Kind::Structure, path,
                QCoreApplication::translate("crewline::geo::GeoJson", "expected a position [longitude, latitude]"));
        const double lon = a.at(0).toDouble();
        const double lat = a.at(1).toDouble();
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            return fail(
                GeoJsonError::Kind::Range, path,
                QCoreApplication::translate("crewline::geo::GeoJson",
                                            "position [%1, %2] is outside the world (GeoJSON puts the longitude first)")
                    .arg(lon)
                    .arg(lat));
        }
        *out = GeoPoint::at(lat, lon);
        ++m_points;
        return true;
    }

    bool positions(const QJsonValue &v, const QString &path, int minimum, QList<GeoPoint> *out)
    {
        if (!v.isArray())
            return fail(GeoJsonError::Kind::Structure, path,
                        QCoreApplication::translate("crewline::geo::GeoJson", "expected an array of positions"));
        const QJsonArray a = v.toArray();
        if (a.size() < minimum)
            return fail(
                GeoJsonError::Kind::Structure, path,
                QCoreApplication::translate("crewline::geo::GeoJson", "needs at least %1 positions").arg(minimum));
        out->reserve(a.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            GeoPoint p;
            if (!position(a.at(i), u"%1[%2]"_s.arg(path).arg(i), &p))
                return false;
            out->append(p);
        }
        return true;
    }

    bool rings(const QJsonValue &v, const QString &path, Geometry *g)
    {
        if (!v.isArray() || v.toArray().isEmpty())
            return fail(GeoJsonError::Kind::Structure, path,
                        QCoreApplication::translate("crewline::geo::GeoJson", "expected an array of linear rings"));
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            QList<GeoPoint> ring;
            const QString where = u"%1[%2]"_s.arg(path).arg(i);
            if (!positions(a.at(i), where, 4, &ring))
                return false;
            if (!(ring.first() == ring.last()))
                return fail(
                    GeoJsonError::Kind::Structure, where,
                    QCoreApplication::translate("crewline::geo::GeoJson", "a linear ring must end where it starts"));
            g->parts.append(ring);
        }
        g->ringsPerPolygon.append(int(a.size()));
        return true;
    }

    bool geometry(const QJsonValue &v, const QString &path, QList<Geometry> *out)
    {
        if (!v.isObject())
            return fail(GeoJsonError::Kind::Structure, path,
                        QCoreApplication::translate("crewline::geo::GeoJson", "expected a geometry object"));
        const QJsonObject o = v.toObject();
        const QString type = o.value(u"type"_s).toString();
        if (type == u"GeometryCollection") {
            const QJsonValue list = o.value(u"geometries"_s);
            if (!list.isArray())
                return fail(GeoJsonError::Kind::Structure, path + u".geometries"_s,
                            QCoreApplication::translate("crewline::geo::GeoJson", "expected an array"));
            const QJsonArray a = list.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (!geometry(a.at(i), u"%1.geometries[%2]"_s.arg(path).arg(i), out))
                    return false;
            }
            return true;
        }
        const QJsonValue c = o.value(u"coordinates"_s);
        const QString cp = path + u".coordinates"_s;
        Geometry g;
        if (type == u"Point") {
            g.type = GeometryType::Point;
            GeoPoint p;
            if (!position(c, cp, &p))
                return false;
            g.parts.append({p});
        } else if (type == u"MultiPoint") {
            g.type = GeometryType::MultiPoint;
            QList<GeoPoint> points;
            if (!positions(c, cp, 0, &points))
                return false;
            for (const GeoPoint &p : std::as_const(points))
                g.parts.append({p});
        } else if (type == u"LineString") {
            g.type = GeometryType::LineString;
            QList<GeoPoint> line;
            if (!positions(c, cp, 2, &line))
                return false;
            g.parts.append(line);
        } else if (type == u"MultiLineString") {
            g.type = GeometryType::MultiLineString;
            if (!c.isArray())
                return fail(GeoJsonError::Kind::Structure, cp,
                            QCoreApplication::translate("crewline::geo::GeoJson", "expected an array of lines"));
            const QJsonArray a = c.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                QList<GeoPoint> line;
                if (!positions(a.at(i), u"%1[%2]"_s.arg(cp).arg(i), 2, &line))
                    return false;
                g.parts.append(line);
            }
        } else if (type == u"Polygon") {
            g.type = GeometryType::Polygon;
            if (!rings(c, cp, &g))
                return false;
        } else if (type == u"MultiPolygon") {
            g.type = GeometryType::MultiPolygon;
            if (!c.isArray())
                return fail(GeoJsonError::Kind::Structure, cp,
                            QCoreApplication::translate("crewline::geo::GeoJson", "expected an array of polygons"));
            const QJsonArray a = c.toArray();
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (!rings(a.at(i), u"%1[%2]"_s.arg(cp).arg(i), &g))
                    return false;
            }
        } else if (type.isEmpty()) {
            return fail(GeoJsonError::Kind::Structure, path,
                        QCoreApplication::translate("crewline::geo::GeoJson", "the geometry has no \"type\""));
        } else {
            return fail(
                GeoJsonError::Kind::Structure, path + u".type"_s,
                QCoreApplication::translate("crewline::geo::GeoJson", "unknown geometry type \"%1\"").arg(type));
        }
        out->append(g);
        return true;
    }

    bool feature(const QJsonValue &v, const QString &path, QList<Feature> *out)
    {
        const QJsonObject o = v.toObject();
        if (!v.isObject() || o.value(u"type"_s).toString() != u"Feature")
            return fail(
                GeoJsonError::Kind::Structure, path,
                QCoreApplication::translate("crewline::geo::GeoJson", "expected an object with \"type\": \"Feature\""));
        Feature f;
        const QJsonValue id = o.value(u"id"_s);
        f.id = id.isDouble() ? QString::number(id.toDouble()) : id.toString();
        const QJsonValue props = o.value(u"properties"_s);
        if (!props.isNull() && !props.isUndefined() && !props.isObject())
            return fail(GeoJsonError::Kind::Structure, path + u".properties"_s,
                        QCoreApplication::translate("crewline::geo::GeoJson", "expected an object or null"));
        f.properties = props.toObject();
        const QJsonValue g = o.value(u"geometry"_s);
        if (g.isUndefined())
            return fail(GeoJsonError::Kind::Structure, path,
                        QCoreApplication::translate("crewline::geo::GeoJson", "the feature has no \"geometry\""));
        // A null geometry is allowed (an unlocated feature): it is kept but draws nothing.
        if (!g.isNull() && !geometry(g, path + u".geometry"_s, &f.geometries))
            return false;
        out->append(f);
        return true;
    }

    int points() const { return m_points; }

private:
    GeoJsonError *m_error;
    bool m_failed = false;
    int m_points = 0;
};

std::optional<QColor> colourProperty(const QJsonObject &p, const QString &key)
{
    const QString text = p.value(key).toString();
    if (text.isEmpty())
        return std::nullopt;
    const QColor c = QColor::fromString(text);
    if (!c.isValid())
        return std::nullopt;
    return c;
}

} // namespace

QString Feature::name() const
{
    const QString n = properties.value(u"name"_s).toString();
    return n.isEmpty() ? properties.value(u"title"_s).toString() : n;
}

std::optional<QColor> Feature::stroke() const
{
    std::optional<QColor> c = colourProperty(properties, u"stroke"_s);
    if (c && properties.contains(u"stroke-opacity"_s))
        c->setAlphaF(float(std::clamp(properties.value(u"stroke-opacity"_s).toDouble(1), 0.0, 1.0)));
    return c;
}

std::optional<QColor> Feature::fill() const
{
    std::optional<QColor> c = colourProperty(properties, u"fill"_s);
    if (c)
        c->setAlphaF(float(std::clamp(properties.value(u"fill-opacity"_s).toDouble(0.6), 0.0, 1.0)));
    return c;
}

double Feature::strokeWidth(double fallback) const
{
    const double w = properties.value(u"stroke-width"_s).toDouble(fallback);
    return w > 0 && w < 50 ? w : fallback;
}

QString GeoJsonError::message() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Io:
        return detail;
    case Kind::Syntax:
        return QCoreApplication::translate("crewline::geo::GeoJson", "Not valid JSON at line %1, column %2: %3")
            .arg(line)
            .arg(column)
            .arg(detail);
    case Kind::Structure:
    case Kind::Range:
        return path.isEmpty()
                   ? QCoreApplication::translate("crewline::geo::GeoJson", "Not GeoJSON: %1").arg(detail)
                   : QCoreApplication::translate("crewline::geo::GeoJson", "Not GeoJSON at %1: %2").arg(path, detail);
    }
    return detail;
}

QRectF GeoJsonLayer::worldBounds() const
{
    QRectF r;
    bool first = true;
    for (const Feature &f : features) {
        for (const Geometry &g : f.geometries) {
            for (const QList<GeoPoint> &part : g.parts) {
                for (const GeoPoint &p : part) {
                    const QPointF w = project(p);
                    if (first) {
                        r = QRectF(w, QSizeF(0, 0));
                        first = false;
                    } else {
                        r.setLeft(std::min(r.left(), w.x()));
                        r.setRight(std::max(r.right(), w.x()));
                        r.setTop(std::min(r.top(), w.y()));
                        r.setBottom(std::max(r.bottom(), w.y()));
                    }
                }
            }
        }
    }
    return r;
}

std::optional<GeoJsonLayer> GeoJson::parse(const QByteArray &json, GeoJsonError *error)
{
    GeoJsonError local;
    GeoJsonError *e = error ? error : &local;
    *e = {};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        e->kind = GeoJsonError::Kind::Syntax;
        const QByteArray before = json.left(pe.offset);
        e->line = int(before.count('\n')) + 1;
        e->column = int(pe.offset - (before.lastIndexOf('\n') + 1)) + 1;
        e->detail = pe.errorString();
        return std::nullopt;
    }
    Reader reader(e);
    if (!doc.isObject()) {
        reader.fail(GeoJsonError::Kind::Structure, {},
                    QCoreApplication::translate("crewline::geo::GeoJson", "the document is not a JSON object"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    const QString type = root.value(u"type"_s).toString();
    GeoJsonLayer layer;
    layer.name = root.value(u"name"_s).toString();
    if (type == u"FeatureCollection") {
        const QJsonValue list = root.value(u"features"_s);
        if (!list.isArray()) {
            reader.fail(GeoJsonError::Kind::Structure, u"features"_s,
                        QCoreApplication::translate("crewline::geo::GeoJson", "expected an array of features"));
            return std::nullopt;
        }
        const QJsonArray a = list.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!reader.feature(a.at(i), u"features[%1]"_s.arg(i), &layer.features))
                return std::nullopt;
        }
    } else if (type == u"Feature") {
        if (!reader.feature(root, u"(root)"_s, &layer.features))
            return std::nullopt;
    } else if (type.isEmpty()) {
        reader.fail(GeoJsonError::Kind::Structure, {},
                    QCoreApplication::translate("crewline::geo::GeoJson", "the document has no \"type\""));
        return std::nullopt;
    } else {
        Feature f;
        if (!reader.geometry(root, u"(root)"_s, &f.geometries))
            return std::nullopt;
        layer.features.append(f);
    }
    layer.pointCount = reader.points();
    return layer;
}

std::optional<GeoJsonLayer> GeoJson::load(const QString &fileName, GeoJsonError *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = {};
            error->kind = GeoJsonError::Kind::Io;
            error->detail = QCoreApplication::translate("crewline::geo::GeoJson", "Cannot read %1: %2")
                                .arg(fileName, file.errorString());
        }
        return std::nullopt;
    }
    std::optional<GeoJsonLayer> layer = parse(file.readAll(), error);
    if (layer) {
        layer->fileName = fileName;
        if (layer->name.isEmpty())
            layer->name = QFileInfo(fileName).completeBaseName();
    }
    return layer;
}

} // namespace crewline::geo
