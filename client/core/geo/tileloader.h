#pragma once

// Where the map's base layer comes from and the code that fetches it. Three kinds of source:
//  - an XYZ URL template ("https://tile.openstreetmap.org/{z}/{x}/{y}.png"), fetched with QNetworkAccessManager
//    through an on-disk QNetworkDiskCache, at most a few requests at once, with an identifying User-Agent and no
//    prefetching beyond what is on screen (OpenStreetMap's tile policy, trap 11);
//  - an offline MBTiles file;
//  - none: the renderer draws a plain grid (the default, so the demo works offline).
// Decoded tiles are kept in a memory cache; tileReady() says when a requested tile arrived.

#include "client/core/geo/mbtiles.h"
#include "client/core/geo/mercator.h"

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkDiskCache;
class QNetworkReply;

namespace crewline::geo {

struct TileSourceConfig
{
    enum class Kind
    {
        Grid,
        Xyz,
        MbTiles
    };
    Kind kind = Kind::Grid;
    QString urlTemplate; // {z} {x} {y}, optional {s} (a, b, c) and {-y} (TMS row)
    QString mbtilesPath;
    QString attribution; // shown on the map; XYZ sources must say whose data it is
    int maxZoom = 19;

    static QString osmTemplate() { return QStringLiteral("https://tile.openstreetmap.org/{z}/{x}/{y}.png"); }
    static QString osmAttribution() { return QStringLiteral("© OpenStreetMap contributors"); }
    friend bool operator==(const TileSourceConfig &, const TileSourceConfig &) = default;
};

class TileLoader : public QObject
{
    Q_OBJECT
public:
    // cacheDir: where the disk cache lives (the console passes its cache folder + "/tiles").
    explicit TileLoader(const QString &cacheDir, QObject *parent = nullptr);
    ~TileLoader() override;

    // Switches the source; false with an error for the user (e.g. a bad MBTiles file: the grid is used then).
    bool setSource(const TileSourceConfig &config, QString *error = nullptr);
    const TileSourceConfig &source() const { return m_config; }
    bool isTiled() const { return m_config.kind != TileSourceConfig::Kind::Grid; }
    int maxZoom() const;
    QString attribution() const;

    // The decoded tile if it is in memory (no loading). Null image otherwise.
    QImage peek(const TileId &id) const;
    // The tile if in memory; otherwise starts loading it (unless already loading or recently failed) and returns
    // a null image: tileReady follows.
    QImage tile(const TileId &id);
    // Drops queued requests that are no longer wanted (called with the tiles of the current view).
    void keepOnly(const QSet<quint64> &wanted);
    void clearMemory();

    static QString userAgent();
    static QUrl tileUrl(const QString &urlTemplate, const TileId &id);

    // Counters for tests and the status line.
    int networkReplies() const { return m_networkReplies; }
    int cacheReplies() const { return m_cacheReplies; }
    int failures() const { return m_failures; }
    int inFlight() const { return int(m_inFlight.size()); }
    int queued() const { return int(m_queue.size()); }

    static constexpr int kMaxParallel = 4;

Q_SIGNALS:
    void tileReady(const crewline::geo::TileId &id);
    void idle(); // nothing queued or in flight any more

private:
    void pump();
    void onFinished(QNetworkReply *reply, const TileId &id);
    void store(const TileId &id, const QByteArray &bytes);

    TileSourceConfig m_config;
    QString m_cacheDir;
    QNetworkAccessManager *m_network = nullptr;
    QNetworkDiskCache *m_diskCache = nullptr;
    std::unique_ptr<MbTiles> m_mbtiles;
    QCache<quint64, QImage> m_memory;
    QList<TileId> m_queue; // newest first
    QHash<quint64, QNetworkReply *> m_inFlight;
    QHash<quint64, qint64> m_failedAt; // tile -> msecs since epoch: no retry for a while
    QTimer m_pump;
    int m_generation = 0; // bumped on setSource: replies of an older source are dropped
    int m_networkReplies = 0;
    int m_cacheReplies = 0;
    int m_failures = 0;
};

} // namespace crewline::geo

Q_DECLARE_METATYPE(crewline::geo::TileId)
