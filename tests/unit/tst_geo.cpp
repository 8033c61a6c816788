// The map's pure maths and readers: Web Mercator projection and its inverse, tile numbers (including the TMS row
// flip), ground resolution and the scale bar, the viewport's navigation (zoom keeps the point under the cursor,
// fit), grid clustering, GeoJSON parsing with every geometry type and bad files refused with a clear position,
// and MBTiles reading from a small file made here.

#include "client/core/geo/cluster.h"
#include "client/core/geo/geojson.h"
#include "client/core/geo/mbtiles.h"
#include "client/core/geo/mercator.h"
#include "client/core/geo/viewport.h"

#include <QBuffer>
#include <QImage>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::geo;

class TestGeo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectionKnownPoints();
    void projectionRoundTrip_data();
    void projectionRoundTrip();
    void tileNumbers();
    void tilesCoveringAView();
    void resolutionAndScaleBar();
    void viewportZoomKeepsTheCursorPoint();
    void viewportPanAndFit();
    void distances();
    void clusteringGroupsByCell();
    void clusteringIsStableWhenPanning();
    void geojsonAllGeometries();
    void geojsonStyleProperties();
    void geojsonBadFiles_data();
    void geojsonBadFiles();
    void geojsonDemoLayers();
    void mbtilesReadsTilesWithTmsFlip();
    void mbtilesRefusesOtherFiles();
};

void TestGeo::projectionKnownPoints()
{
    const QPointF origin = project(0, 0);
    QCOMPARE(origin.x(), 0.5);
    QVERIFY(qAbs(origin.y() - 0.5) < 1e-12);
    QVERIFY(qAbs(project(0, -180).x()) < 1e-12);
    QVERIFY(qAbs(project(0, 180).x() - 1) < 1e-12);
    QVERIFY(qAbs(project(kMaxLatitude, 0).y()) < 1e-9);
    QVERIFY(qAbs(project(-kMaxLatitude, 0).y() - 1) < 1e-9);
    // Beyond the square: clamped, not NaN.
    QVERIFY(qAbs(project(89.9, 0).y()) < 1e-9);
    // Hangzhou at zoom 12 lies in tile 3415/1686 (as any slippy map computes it).
    const TileId t = tileAt(GeoPoint::at(30.2741, 120.1551), 12);
    QCOMPARE(t.x, 3415);
    QCOMPARE(t.y, 1686);
}

void TestGeo::projectionRoundTrip_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    QTest::newRow("hangzhou") << 30.2741 << 120.1551;
    QTest::newRow("south-west") << -33.8688 << -70.6693;
    QTest::newRow("north") << 69.6492 << 18.9553;
    QTest::newRow("antimeridian") << 0.0 << 179.9999;
}

void TestGeo::projectionRoundTrip()
{
    QFETCH(double, lat);
    QFETCH(double, lon);
    const GeoPoint back = unproject(project(lat, lon));
    QVERIFY2(qAbs(back.lat - lat) < 1e-9, qPrintable(QString::number(back.lat, 'f', 12)));
    QVERIFY2(qAbs(back.lon - lon) < 1e-9, qPrintable(QString::number(back.lon, 'f', 12)));
}

void TestGeo::tileNumbers()
{
    const TileId t{3, 2, 1};
    QCOMPARE(t.tmsRow(), 6);
    QVERIFY(t.isValid());
    QVERIFY(!(TileId{3, 8, 0}.isValid()));
    QVERIFY(TileId({3, 2, 1}).key() != TileId({3, 1, 2}).key());
    QVERIFY(TileId({3, 2, 1}).key() != TileId({4, 2, 1}).key());
    const QRectF r = tileRect(t);
    QCOMPARE(r.left(), 0.25);
    QCOMPARE(r.top(), 0.125);
    QCOMPARE(r.width(), 0.125);
    // Every point of a tile maps back to that tile.
    const GeoPoint inside = unproject(r.center());
    QCOMPARE(tileAt(inside, 3), t);
}

void TestGeo::tilesCoveringAView()
{
    // 1.5 tiles wide at zoom 2 starting inside tile 1: tiles 1 and 2 of two rows.
    const QList<TileId> tiles = tilesCovering(QRectF(0.30, 0.30, 0.30, 0.10), 2);
    QCOMPARE(tiles.size(), 2);
    for (const TileId &t : tiles) {
        QCOMPARE(t.z, 2);
        QCOMPARE(t.y, 1);
    }
    // Across the antimeridian: x wraps.
    const QList<TileId> wrapped = tilesCovering(QRectF(0.9, 0.5, 0.2, 0.01), 3);
    QList<int> xs;
    for (const TileId &t : wrapped)
        xs << t.x;
    std::sort(xs.begin(), xs.end());
    QCOMPARE(xs, (QList<int>{0, 7}));
    // Centre first.
    const QList<TileId> many = tilesCovering(QRectF(0.41, 0.41, 0.2, 0.2), 5);
    QCOMPARE(many.first(), tileAt(unproject(QPointF(0.51, 0.51)), 5));
    QVERIFY(tilesCovering(QRectF(0, 0, 1, 1), 10, 64).size() == 64); // bounded
}

void TestGeo::resolutionAndScaleBar()
{
    // At the equator, zoom 0: the whole circumference on 256 pixels.
    QVERIFY(qAbs(metresPerPixel(0, 0) - 156543.03392804097) < 1e-6);
    QVERIFY(qAbs(metresPerPixel(60, 1) - 156543.03392804097 / 2 * 0.5) < 1e-6);
    const ScaleBar bar = scaleBar(9.55, 120); // ~zoom 14 in Hangzhou: 1146 m fit in 120 px
    QCOMPARE(bar.metres, 1000.0);
    QCOMPARE(bar.label, u"1 km"_s);
    QVERIFY(bar.pixels <= 120 && bar.pixels > 100);
    QCOMPARE(scaleBar(2.0, 120).metres, 200.0);
    QCOMPARE(scaleBar(2.0, 120).label, u"200 m"_s);
    QCOMPARE(scaleBar(0.4, 120).metres, 20.0);
    QCOMPARE(scaleBar(120, 120).label, u"10 km"_s);
}

void TestGeo::viewportZoomKeepsTheCursorPoint()
{
    Viewport v(GeoPoint::at(30.27, 120.15), 12, QSize(800, 600));
    const QPointF cursor(650, 120);
    const GeoPoint before = v.toGeo(cursor);
    v.zoomAround(cursor, 1.5);
    QCOMPARE(v.zoom(), 13.5);
    const GeoPoint after = v.toGeo(cursor);
    QVERIFY(qAbs(before.lat - after.lat) < 1e-9);
    QVERIFY(qAbs(before.lon - after.lon) < 1e-9);
    // Screen and world conversions are inverse.
    const QPointF w = v.toWorld(QPointF(10, 20));
    const QPointF s = v.toScreen(w);
    QVERIFY(qAbs(s.x() - 10) < 1e-6 && qAbs(s.y() - 20) < 1e-6);
    // The centre is in the middle of the screen.
    const QPointF c = v.toScreen(v.centre());
    QVERIFY(qAbs(c.x() - 400) < 1e-6 && qAbs(c.y() - 300) < 1e-6);
    v.zoomAround(cursor, 100);
    QCOMPARE(v.zoom(), double(kMaxZoom));
}

void TestGeo::viewportPanAndFit()
{
    Viewport v(GeoPoint::at(30.27, 120.15), 14, QSize(800, 600));
    const GeoPoint at100 = v.toGeo(QPointF(500, 300));
    v.panBy(QPointF(-100, 0)); // drag left: what was 100 px right of the centre is now the centre
    QVERIFY(qAbs(v.centre().lon - at100.lon) < 1e-9);
    // Fit: both corners inside the screen, and not much smaller than it.
    const QRectF box(project(GeoPoint::at(30.35, 120.05)), project(GeoPoint::at(30.18, 120.30)));
    v.fit(box.normalized(), 18);
    const QPointF a = v.toScreen(box.topLeft());
    const QPointF b = v.toScreen(box.bottomRight());
    QVERIFY(a.x() >= 0 && a.y() >= 0 && b.x() <= 800 && b.y() <= 600);
    QVERIFY(b.x() - a.x() > 700 || b.y() - a.y() > 500);
    // A single point: centred at the capped zoom.
    v.fit(QRectF(project(GeoPoint::at(30.2, 120.2)), QSizeF(0, 0)), 16);
    QCOMPARE(v.zoom(), 15.0);
}

void TestGeo::distances()
{
    // West Lake to Hangzhou East station: about 8.3 km.
    const double d = distanceMetres(GeoPoint::at(30.2590, 120.1480), GeoPoint::at(30.2906, 120.2130));
    QVERIFY2(d > 7000 && d < 8000, qPrintable(QString::number(d)));
    QVERIFY(qAbs(bearingDegrees(GeoPoint::at(30, 120), GeoPoint::at(31, 120))) < 1e-6);
    QVERIFY(qAbs(bearingDegrees(GeoPoint::at(30, 120), GeoPoint::at(30, 121)) - 90) < 1);
}

void TestGeo::clusteringGroupsByCell()
{
    const int zoom = 10;
    const double cell = 64.0 / worldPixels(zoom); // one cell in world units
    const QPointF base((std::floor(0.8 / cell) + 0.1) * cell, (std::floor(0.4 / cell) + 0.1) * cell);
    std::vector<QPointF> pts = {base, base + QPointF(cell * 0.5, cell * 0.5), base + QPointF(cell * 0.2, 0),
                                base + QPointF(cell * 3, 0)};
    const std::vector<int> weights = {1, 3, 0, 2};
    const std::vector<Cluster> clusters = GridClusterer::cluster(pts, weights, zoom, 64);
    QCOMPARE(clusters.size(), size_t(2));
    QCOMPARE(clusters[0].count, 3);
    QCOMPARE(clusters[0].weight, 3);
    QCOMPARE(clusters[0].first, 0);
    QVERIFY(qAbs(clusters[0].world.x() - (base.x() + cell * 0.7 / 3)) < 1e-12);
    QCOMPARE(clusters[1].count, 1);
    QCOMPARE(clusters[1].first, 3);
    // Nothing lost: 25,000 random points in a city are all counted once.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(30.0, 30.5), lon(119.8, 120.4);
    std::vector<QPointF> many;
    for (int i = 0; i < 25000; ++i)
        many.push_back(project(lat(rng), lon(rng)));
    int total = 0;
    const std::vector<Cluster> cs = GridClusterer::cluster(many, {}, 11, 56);
    for (const Cluster &c : cs)
        total += c.count;
    QCOMPARE(total, 25000);
    QVERIFY(cs.size() < 2000);
    QVERIFY(GridClusterer::cluster({}, {}, 5).empty());
}

void TestGeo::clusteringIsStableWhenPanning()
{
    // Cells are anchored to the world: the same points give the same clusters whatever the view.
    std::vector<QPointF> pts;
    for (int i = 0; i < 50; ++i)
        pts.push_back(project(30.2 + i * 0.003, 120.1 + i * 0.002));
    const auto a = GridClusterer::cluster(pts, {}, 12);
    const auto b = GridClusterer::cluster(pts, {}, 12);
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i)
        QCOMPARE(a[i].world, b[i].world);
    const auto cell = GridClusterer::cellOf(pts.front(), 12, 64);
    QVERIFY(cell.first > 0 && cell.second > 0);
}

void TestGeo::geojsonAllGeometries()
{
    const QByteArray json = R"({
      "type": "FeatureCollection", "name": "mixed",
      "features": [
        {"type": "Feature", "id": 7, "properties": {"name": "pump"}, "geometry": {"type": "Point", "coordinates": [120.1, 30.2, 12.5]}},
        {"type": "Feature", "properties": null, "geometry": {"type": "MultiPoint", "coordinates": [[120.1, 30.2], [120.2, 30.3]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[120.1, 30.2], [120.2, 30.3], [120.3, 30.3]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString", "coordinates": [[[120.1, 30.2], [120.2, 30.3]], [[120.0, 30.0], [120.1, 30.1]]]}},
        {"type": "Feature", "properties": {"title": "zone"}, "geometry": {"type": "Polygon", "coordinates": [
            [[120.0, 30.0], [120.4, 30.0], [120.4, 30.4], [120.0, 30.4], [120.0, 30.0]],
            [[120.1, 30.1], [120.2, 30.1], [120.2, 30.2], [120.1, 30.1]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[120.0, 30.0], [120.1, 30.0], [120.1, 30.1], [120.0, 30.0]]],
            [[[121.0, 31.0], [121.1, 31.0], [121.1, 31.1], [121.0, 31.0]]]]}},
        {"type": "Feature", "properties": {}, "geometry": {"type": "GeometryCollection", "geometries": [
            {"type": "Point", "coordinates": [120.5, 30.5]},
            {"type": "LineString", "coordinates": [[120.5, 30.5], [120.6, 30.6]]}]}},
        {"type": "Feature", "properties": {"name": "unlocated"}, "geometry": null}
      ]})";
    GeoJsonError error;
    const std::optional<GeoJsonLayer> layer = GeoJson::parse(json, &error);
    QVERIFY2(layer, qPrintable(error.message()));
    QVERIFY(!error.isError());
    QCOMPARE(layer->name, u"mixed"_s);
    QCOMPARE(layer->features.size(), 8);
    const Feature &pump = layer->features.at(0);
    QCOMPARE(pump.id, u"7"_s);
    QCOMPARE(pump.name(), u"pump"_s);
    QCOMPARE(pump.geometries.at(0).type, GeometryType::Point);
    QCOMPARE(pump.geometries.at(0).parts.at(0).at(0), GeoPoint::at(30.2, 120.1)); // [lon, lat] order
    QCOMPARE(layer->features.at(1).geometries.at(0).parts.size(), 2);
    QCOMPARE(layer->features.at(2).geometries.at(0).parts.at(0).size(), 3);
    QCOMPARE(layer->features.at(3).geometries.at(0).parts.size(), 2);
    const Geometry &poly = layer->features.at(4).geometries.at(0);
    QCOMPARE(poly.type, GeometryType::Polygon);
    QCOMPARE(poly.parts.size(), 2);
    QCOMPARE(poly.ringsPerPolygon, QList<int>{2});
    QCOMPARE(layer->features.at(4).name(), u"zone"_s);
    const Geometry &multi = layer->features.at(5).geometries.at(0);
    QCOMPARE(multi.ringsPerPolygon, (QList<int>{1, 1}));
    QCOMPARE(layer->features.at(6).geometries.size(), 2);
    QVERIFY(layer->features.at(7).geometries.isEmpty());
    QCOMPARE(layer->pointCount, 1 + 2 + 3 + 4 + 9 + 8 + 3);
    const QRectF b = layer->worldBounds();
    QCOMPARE(b.left(), project(30, 120).x());
    QCOMPARE(b.right(), project(31.1, 121.1).x());
    QCOMPARE(b.top(), project(31.1, 121.1).y());

    // A bare geometry and a single feature are layers too.
    QCOMPARE(GeoJson::parse(R"({"type":"Point","coordinates":[1,2]})", nullptr)->features.size(), 1);
    QCOMPARE(
        GeoJson::parse(R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}})", nullptr)
            ->features.size(),
        1);
}

void TestGeo::geojsonStyleProperties()
{
    const std::optional<GeoJsonLayer> layer = GeoJson::parse(
        R"({"type":"Feature","properties":{"stroke":"#ff0000","stroke-width":4,"fill":"#00ff00","fill-opacity":0.25},
            "geometry":{"type":"Point","coordinates":[1,2]}})",
        nullptr);
    QVERIFY(layer);
    const Feature &f = layer->features.first();
    QCOMPARE(f.stroke()->name(), u"#ff0000"_s);
    QCOMPARE(f.strokeWidth(1), 4.0);
    QVERIFY(qAbs(f.fill()->alphaF() - 0.25) < 0.01);
    QCOMPARE(f.fill()->green(), 255);
    const std::optional<GeoJsonLayer> plain =
        GeoJson::parse(R"({"type":"Feature","properties":{"stroke":"nonsense"},"geometry":null})", nullptr);
    QVERIFY(!plain->features.first().stroke());
    QVERIFY(!plain->features.first().fill());
    QCOMPARE(plain->features.first().strokeWidth(2.5), 2.5);
}

void TestGeo::geojsonBadFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    using K = GeoJsonError::Kind;
    QTest::newRow("truncated") << QByteArray("{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": ")
                               << int(K::Syntax) << QString() << 3 << 12;
    QTest::newRow("trailing comma") << QByteArray("{\"type\": \"Point\",\n\"coordinates\": [1, 2],\n}")
                                    << int(K::Syntax) << QString() << 3 << 2;
    QTest::newRow("array root") << QByteArray("[1, 2]") << int(K::Structure) << QString() << 0 << 0;
    QTest::newRow("no type") << QByteArray(R"({"features": []})") << int(K::Structure) << QString() << 0 << 0;
    QTest::newRow("features not array") << QByteArray(R"({"type":"FeatureCollection","features":{}})")
                                        << int(K::Structure) << u"features"_s << 0 << 0;
    QTest::newRow("not a feature") << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Point"}]})")
                                   << int(K::Structure) << u"features[0]"_s << 0 << 0;
    QTest::newRow("no geometry") << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Feature"}]})")
                                 << int(K::Structure) << u"features[0]"_s << 0 << 0;
    QTest::newRow("unknown geometry")
        << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
                         "geometry":{"type":"Circle","coordinates":[1,2]}}]})")
        << int(K::Structure) << u"features[0].geometry.type"_s << 0 << 0;
    QTest::newRow("position as string")
        << QByteArray(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null},
                         {"type":"Feature","properties":{},"geometry":{"type":"LineString",
                          "coordinates":[[120,30],["120","30"]]}}]})")
        << int(K::Structure) << u"features[1].geometry.coordinates[1]"_s << 0 << 0;
    QTest::newRow("lat lon swapped")
        << QByteArray(R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[30.2, 120.1]}})")
        << int(K::Range) << u"(root).geometry.coordinates"_s << 0 << 0;
    QTest::newRow("open ring") << QByteArray(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})")
                               << int(K::Structure) << u"(root).coordinates[0]"_s << 0 << 0;
    QTest::newRow("short ring") << QByteArray(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})")
                                << int(K::Structure) << u"(root).coordinates[0]"_s << 0 << 0;
    QTest::newRow("one-point line") << QByteArray(R"({"type":"LineString","coordinates":[[0,0]]})") << int(K::Structure)
                                    << u"(root).coordinates"_s << 0 << 0;
    QTest::newRow("properties array") << QByteArray(R"({"type":"Feature","properties":[],"geometry":null})")
                                      << int(K::Structure) << u"(root).properties"_s << 0 << 0;
}

void TestGeo::geojsonBadFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(int, kind);
    QFETCH(QString, path);
    QFETCH(int, line);
    QFETCH(int, column);
    GeoJsonError error;
    QVERIFY(!GeoJson::parse(json, &error));
    QCOMPARE(int(error.kind), kind);
    QVERIFY(error.isError());
    QCOMPARE(error.path, path);
    const QString message = error.message();
    QVERIFY(!message.isEmpty());
    QVERIFY(!error.detail.isEmpty());
    if (line > 0) {
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
        QVERIFY2(message.contains(u"line %1"_s.arg(line)), qPrintable(message));
    }
    if (!path.isEmpty())
        QVERIFY2(message.contains(path), qPrintable(message));

    // A file that does not exist says so, with its name.
    GeoJsonError io;
    QVERIFY(!GeoJson::load(u"/nonexistent/zones.geojson"_s, &io));
    QCOMPARE(io.kind, GeoJsonError::Kind::Io);
    QVERIFY(io.message().contains(u"zones.geojson"_s));
}

void TestGeo::geojsonDemoLayers()
{
    // The shipped demo layers parse, and lie in the demo city (the same coordinates as server/demodata.cpp).
    const QRectF city(project(GeoPoint::at(30.6, 119.5)), project(GeoPoint::at(29.9, 120.6)));
    for (const QString &name : {u"hangzhou-service-zones.geojson"_s, u"hangzhou-pipe-network.geojson"_s}) {
        GeoJsonError error;
        const auto layer = GeoJson::load(QStringLiteral(CREWLINE_SOURCE_DIR) + u"/resources/map/"_s + name, &error);
        QVERIFY2(layer, qPrintable(error.message()));
        QVERIFY(layer->features.size() >= 8);
        QVERIFY(city.normalized().contains(layer->worldBounds()));
    }
}

namespace {
QByteArray pngOf(const QColor &c)
{
    QImage img(256, 256, QImage::Format_RGB32);
    img.fill(c);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    img.save(&buffer, "PNG");
    return bytes;
}
} // namespace

void TestGeo::mbtilesReadsTilesWithTmsFlip()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"city.mbtiles"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"make-mbtiles"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TABLE metadata (name TEXT, value TEXT)"_s));
        QVERIFY(q.exec(u"CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                       "tile_data BLOB)"_s));
        for (const auto &[k, v] : {std::pair{u"name"_s, u"test city"_s},
                                   {u"format"_s, u"png"_s},
                                   {u"minzoom"_s, u"1"_s},
                                   {u"maxzoom"_s, u"12"_s},
                                   {u"attribution"_s, u"© Test Survey"_s}}) {
            q.prepare(u"INSERT INTO metadata VALUES (?, ?)"_s);
            q.addBindValue(k);
            q.addBindValue(v);
            QVERIFY(q.exec());
        }
        // XYZ tile 12/3415/1686 is TMS row 4095 - 1686 = 2409: stored red. A green decoy at the unflipped row.
        q.prepare(u"INSERT INTO tiles VALUES (?, ?, ?, ?)"_s);
        q.addBindValue(12);
        q.addBindValue(3415);
        q.addBindValue(2409);
        q.addBindValue(pngOf(Qt::red));
        QVERIFY(q.exec());
        q.prepare(u"INSERT INTO tiles VALUES (?, ?, ?, ?)"_s);
        q.addBindValue(12);
        q.addBindValue(3415);
        q.addBindValue(1686);
        q.addBindValue(pngOf(Qt::green));
        QVERIFY(q.exec());
        db.close();
    }
    QSqlDatabase::removeDatabase(u"make-mbtiles"_s);

    MbTiles a, b; // two readers at once: each has its own connection
    QString error;
    QVERIFY2(a.open(file, &error), qPrintable(error));
    QVERIFY2(b.open(file, &error), qPrintable(error));
    QCOMPARE(a.metadata(u"name"_s), u"test city"_s);
    QCOMPARE(a.attribution(), u"© Test Survey"_s);
    QCOMPARE(a.format(), u"png"_s);
    QCOMPARE(a.minZoom(), 1);
    QCOMPARE(a.maxZoom(), 12);
    const QByteArray bytes = a.tile({12, 3415, 1686});
    QVERIFY(!bytes.isEmpty());
    const QImage img = QImage::fromData(bytes);
    QCOMPARE(img.size(), QSize(256, 256));
    QCOMPARE(QColor(img.pixel(10, 10)), QColor(Qt::red));
    QCOMPARE(b.tile({12, 3415, 1686}), bytes);
    QVERIFY(a.tile({12, 3416, 1686}).isEmpty());
    QVERIFY(a.tile({12, 99999, 1686}).isEmpty()); // invalid: not even asked
    a.close();
    QVERIFY(!a.isOpen());
    QVERIFY(a.tile({12, 3415, 1686}).isEmpty());
    QVERIFY(!b.tile({12, 3415, 1686}).isEmpty());
}

void TestGeo::mbtilesRefusesOtherFiles()
{
    QTemporaryDir dir;
    MbTiles mb;
    QString error;
    QVERIFY(!mb.open(dir.filePath(u"missing.mbtiles"_s), &error));
    QVERIFY(error.contains(u"missing.mbtiles"_s));
    QFile text(dir.filePath(u"notes.mbtiles"_s));
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("this is not a database\n");
    text.close();
    error.clear();
    QVERIFY(!mb.open(text.fileName(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!mb.isOpen());
    // SQLite, but no tiles.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-db"_s);
        db.setDatabaseName(dir.filePath(u"other.mbtiles"_s));
        QVERIFY(db.open());
        QSqlQuery(db).exec(u"CREATE TABLE metadata (name TEXT, value TEXT)"_s);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"other-db"_s);
    error.clear();
    QVERIFY(!mb.open(dir.filePath(u"other.mbtiles"_s), &error));
    QVERIFY2(error.contains(u"tiles"_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestGeo)
#include "tst_geo.moc"
