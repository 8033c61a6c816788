// Tile loading end to end over real HTTP: a small tile server on 127.0.0.1 (QTcpServer, one PNG per z/x/y, with
// Cache-Control like real tile servers) and the console's TileLoader with its on-disk cache. Checks the request
// (path from the URL template, identifying User-Agent), that a second console start (a fresh loader on the same
// cache folder) is served from the disk cache without asking the server, that failures are not retried at once,
// and that an MBTiles source feeds the same loader offline.

#include "client/core/geo/tileloader.h"

#include <QBuffer>
#include <QImage>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline::geo;

namespace {

constexpr int kWait = 10000;

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

// Answers GET /tiles/z/x/y.png with a PNG whose colour encodes the tile, 404 for anything else. Counts requests.
class TileServer : public QObject
{
public:
    TileServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QString urlTemplate() const { return u"http://127.0.0.1:%1/tiles/{z}/{x}/{y}.png"_s.arg(m_server.serverPort()); }
    int requests() const { return m_requests; }
    QStringList paths() const { return m_paths; }
    QByteArray lastUserAgent() const { return m_userAgent; }

private:
    void onRead(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        while (true) {
            const qsizetype end = buf.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buf.left(end);
            buf.remove(0, end + 4);
            const QList<QByteArray> lines = head.split('\n');
            const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
            const QString path = QString::fromLatin1(request.value(1));
            for (const QByteArray &l : lines) {
                if (l.toLower().startsWith("user-agent:"))
                    m_userAgent = l.mid(11).trimmed();
            }
            ++m_requests;
            m_paths << path;
            const QStringList parts = path.split(u'/', Qt::SkipEmptyParts);
            QByteArray response;
            if (parts.size() == 4 && parts.at(0) == u"tiles" && parts.at(3).endsWith(u".png") &&
                !parts.at(1).startsWith(u'9')) {
                const int z = parts.at(1).toInt(), x = parts.at(2).toInt(), y = parts.at(3).section(u'.', 0, 0).toInt();
                const QByteArray body = pngOf(QColor(z * 10 % 256, x % 256, y % 256));
                response = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nCache-Control: public, max-age=86400\r\n"
                           "Content-Length: " +
                           QByteArray::number(body.size()) + "\r\n\r\n" + body;
            } else {
                response = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
            }
            s->write(response);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
    QStringList m_paths;
    QByteArray m_userAgent;
};

QList<TileId> someTiles()
{
    return {{12, 3415, 1686}, {12, 3416, 1686}, {12, 3415, 1687}, {12, 3416, 1687}, {13, 6830, 3372}, {13, 6831, 3372}};
}

// Requests every tile until all are in memory (bounded).
bool loadAll(TileLoader &loader, const QList<TileId> &tiles)
{
    return QTest::qWaitFor(
        [&] {
            bool all = true;
            for (const TileId &t : tiles)
                all = !loader.tile(t).isNull() && all;
            return all;
        },
        kWait);
}

} // namespace

class TestMapTiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void urlTemplate();
    void loadsFromTheServerThenFromTheDiskCache();
    void failuresAreNotRetriedAtOnce();
    void refusesBadTemplates();
    void mbtilesSource();
};

void TestMapTiles::urlTemplate()
{
    const TileId t{12, 3415, 1686};
    QCOMPARE(TileLoader::tileUrl(u"https://{s}.tile.example/{z}/{x}/{y}.png"_s, t),
             QUrl(u"https://b.tile.example/12/3415/1686.png"_s));
    QCOMPARE(TileLoader::tileUrl(u"https://tms.example/{z}/{x}/{-y}.png"_s, t),
             QUrl(u"https://tms.example/12/3415/2409.png"_s));
    QVERIFY(TileLoader::userAgent().startsWith(u"Crewline/"_s));
}

void TestMapTiles::loadsFromTheServerThenFromTheDiskCache()
{
    TileServer server;
    QVERIFY(server.listen());
    QTemporaryDir cache;
    TileSourceConfig config;
    config.kind = TileSourceConfig::Kind::Xyz;
    config.urlTemplate = server.urlTemplate();
    config.attribution = u"© Test tiles"_s;
    const QList<TileId> tiles = someTiles();
    {
        TileLoader first(cache.path());
        QString error;
        QVERIFY2(first.setSource(config, &error), qPrintable(error));
        QCOMPARE(first.attribution(), u"© Test tiles"_s);
        QSignalSpy ready(&first, &TileLoader::tileReady);
        QVERIFY(first.tile(tiles.first()).isNull()); // not yet: loading
        QVERIFY(loadAll(first, tiles));
        QCOMPARE(ready.count(), tiles.size());
        QCOMPARE(server.requests(), int(tiles.size()));
        QCOMPARE(first.networkReplies(), int(tiles.size()));
        QCOMPARE(first.cacheReplies(), 0);
        QVERIFY(server.paths().contains(u"/tiles/12/3415/1686.png"_s));
        QVERIFY2(server.lastUserAgent().startsWith("Crewline/"), server.lastUserAgent().constData());
        // The decoded image is the server's tile.
        const QImage img = first.peek({12, 3415, 1686});
        QCOMPARE(QColor(img.pixel(5, 5)), QColor(120, 3415 % 256, 1686 % 256));
        // Asking again is answered from memory: no new request.
        QVERIFY(!first.tile(tiles.first()).isNull());
        QCOMPARE(server.requests(), int(tiles.size()));
    }
    // The console starts again: memory is empty, the disk cache answers, the server is not asked.
    TileLoader second(cache.path());
    QVERIFY(second.setSource(config));
    QVERIFY(second.peek(tiles.first()).isNull());
    QVERIFY(loadAll(second, tiles));
    QCOMPARE(second.cacheReplies(), int(tiles.size()));
    QCOMPARE(second.networkReplies(), 0);
    QCOMPARE(server.requests(), int(tiles.size()));
    // A tile not seen before still goes to the server.
    QVERIFY(loadAll(second, {{14, 13660, 6744}}));
    QCOMPARE(server.requests(), int(tiles.size()) + 1);
}

void TestMapTiles::failuresAreNotRetriedAtOnce()
{
    TileServer server;
    QVERIFY(server.listen());
    QTemporaryDir cache;
    TileLoader loader(cache.path());
    TileSourceConfig config;
    config.kind = TileSourceConfig::Kind::Xyz;
    config.urlTemplate = server.urlTemplate();
    QVERIFY(loader.setSource(config));
    const TileId missing{9, 1, 1}; // the server answers 404 for zoom 9
    QVERIFY(loader.tile(missing).isNull());
    QTRY_COMPARE_WITH_TIMEOUT(loader.failures(), 1, kWait);
    QTRY_COMPARE_WITH_TIMEOUT(loader.inFlight(), 0, kWait);
    for (int i = 0; i < 5; ++i)
        QVERIFY(loader.tile(missing).isNull());
    // Nothing was queued or sent for it again.
    QCOMPARE(loader.queued(), 0);
    QCOMPARE(loader.inFlight(), 0);
    QCOMPARE(server.requests(), 1);
    // More requests than the parallel limit are queued, not all sent at once.
    QList<TileId> many;
    for (int x = 0; x < 12; ++x)
        many.append({10, 100 + x, 200});
    for (const TileId &t : many)
        loader.tile(t);
    QVERIFY(loader.inFlight() <= TileLoader::kMaxParallel);
    QVERIFY(loadAll(loader, many));
}

void TestMapTiles::refusesBadTemplates()
{
    TileLoader loader(QString{});
    for (const QString &bad : {u"https://tiles.example/{z}/{x}.png"_s, u"file:///tmp/{z}/{x}/{y}.png"_s, u""_s}) {
        TileSourceConfig c;
        c.kind = TileSourceConfig::Kind::Xyz;
        c.urlTemplate = bad;
        QString error;
        QVERIFY2(!loader.setSource(c, &error), qPrintable(bad));
        QVERIFY(!error.isEmpty());
        QVERIFY(!loader.isTiled()); // falls back to the grid
    }
}

void TestMapTiles::mbtilesSource()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"offline.mbtiles"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"make"_s);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"CREATE TABLE metadata (name TEXT, value TEXT)"_s));
        QVERIFY(q.exec(u"INSERT INTO metadata VALUES ('attribution', '© Offline map'), ('maxzoom', '13')"_s));
        QVERIFY(q.exec(u"CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, "
                       "tile_data BLOB)"_s));
        q.prepare(u"INSERT INTO tiles VALUES (12, 3415, 2409, ?)"_s);
        q.addBindValue(pngOf(Qt::blue));
        QVERIFY(q.exec());
        db.close();
    }
    QSqlDatabase::removeDatabase(u"make"_s);
    TileLoader loader(dir.filePath(u"cache"_s));
    TileSourceConfig config;
    config.kind = TileSourceConfig::Kind::MbTiles;
    config.mbtilesPath = file;
    QString error;
    QVERIFY2(loader.setSource(config, &error), qPrintable(error));
    QCOMPARE(loader.attribution(), u"© Offline map"_s);
    QCOMPARE(loader.maxZoom(), 13);
    QVERIFY(loadAll(loader, {{12, 3415, 1686}}));
    QCOMPARE(QColor(loader.peek({12, 3415, 1686}).pixel(0, 0)), QColor(Qt::blue));
    QVERIFY(loader.tile({14, 1, 1}).isNull()); // beyond maxzoom: not even queued
    QCOMPARE(loader.queued(), 0);
    config.mbtilesPath = dir.filePath(u"nope.mbtiles"_s);
    QVERIFY(!loader.setSource(config, &error));
    QVERIFY(error.contains(u"nope.mbtiles"_s));
    QVERIFY(!loader.isTiled());
}

QTEST_GUILESS_MAIN(TestMapTiles)
#include "tst_maptiles.moc"
