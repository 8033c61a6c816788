#include "client/core/geo/tileloader.h"

#include "crewline_version.h"

#include <QDateTime>
#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

namespace crewline::geo {

namespace {
constexpr qint64 kRetryAfterMs = 60 * 1000;
constexpr qint64 kDiskCacheBytes = 256ll * 1024 * 1024;
constexpr int kMemoryCostKb = 96 * 1024; // decoded tiles kept in memory (256 KiB each: ~380 tiles)
constexpr int kMaxQueued = 256;
} // namespace

TileLoader::TileLoader(const QString &cacheDir, QObject *parent)
    : QObject(parent)
    , m_cacheDir(cacheDir)
    , m_memory(kMemoryCostKb)
{
    qRegisterMetaType<TileId>();
    m_pump.setSingleShot(true);
    m_pump.setInterval(0);
    connect(&m_pump, &QTimer::timeout, this, &TileLoader::pump);
}

TileLoader::~TileLoader()
{
    for (QNetworkReply *reply : std::as_const(m_inFlight)) {
        reply->disconnect(this);
        reply->abort();
    }
}

bool TileLoader::setSource(const TileSourceConfig &config, QString *error)
{
    ++m_generation;
    for (QNetworkReply *reply : std::as_const(m_inFlight)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    m_inFlight.clear();
    m_queue.clear();
    m_failedAt.clear();
    m_memory.clear();
    m_mbtiles.reset();
    m_config = config;
    if (config.kind == TileSourceConfig::Kind::MbTiles) {
        auto mb = std::make_unique<MbTiles>();
        QString why;
        if (!mb->open(config.mbtilesPath, &why)) {
            m_config.kind = TileSourceConfig::Kind::Grid;
            if (error)
                *error = why;
            return false;
        }
        if (m_config.attribution.isEmpty())
            m_config.attribution = mb->attribution();
        m_mbtiles = std::move(mb);
    } else if (config.kind == TileSourceConfig::Kind::Xyz) {
        const QString t = config.urlTemplate;
        const QUrl probe = tileUrl(t, {1, 0, 0});
        if (!t.contains(u"{z}") || !t.contains(u"{x}") || !(t.contains(u"{y}") || t.contains(u"{-y}")) ||
            !probe.isValid() || !(probe.scheme() == u"http" || probe.scheme() == u"https")) {
            m_config.kind = TileSourceConfig::Kind::Grid;
            if (error)
                *error = tr("The tile URL must be http(s) and contain {z}, {x} and {y}: %1").arg(t);
            return false;
        }
        if (!m_network) {
            m_network = new QNetworkAccessManager(this);
            m_diskCache = new QNetworkDiskCache(this);
            m_diskCache->setCacheDirectory(m_cacheDir);
            m_diskCache->setMaximumCacheSize(kDiskCacheBytes);
            m_network->setCache(m_diskCache);
        }
    }
    return true;
}

int TileLoader::maxZoom() const
{
    if (m_mbtiles)
        return std::min(m_mbtiles->maxZoom(), kMaxZoom);
    return std::clamp(m_config.maxZoom, 0, kMaxZoom);
}

QString TileLoader::attribution() const
{
    return m_config.kind == TileSourceConfig::Kind::Grid ? QString() : m_config.attribution;
}

QString TileLoader::userAgent()
{
    return u"Crewline/%1 (work-order dispatch console; https://crewline.invalid)"_s.arg(
        QStringLiteral(CREWLINE_VERSION_STRING));
}

QUrl TileLoader::tileUrl(const QString &urlTemplate, const TileId &id)
{
    static const QString subdomains = u"abc"_s;
    QString s = urlTemplate;
    s.replace(u"{z}"_s, QString::number(id.z));
    s.replace(u"{x}"_s, QString::number(id.x));
    s.replace(u"{-y}"_s, QString::number(id.tmsRow()));
    s.replace(u"{y}"_s, QString::number(id.y));
    s.replace(u"{s}"_s, QString(subdomains.at((id.x + id.y) % 3)));
    return QUrl(s);
}

QImage TileLoader::peek(const TileId &id) const
{
    if (const QImage *img = m_memory.object(id.key()))
        return *img;
    return {};
}

QImage TileLoader::tile(const TileId &id)
{
    if (!isTiled() || !id.isValid() || id.z > maxZoom())
        return {};
    const quint64 key = id.key();
    if (const QImage *img = m_memory.object(key))
        return *img;
    if (m_inFlight.contains(key))
        return {};
    if (const auto failed = m_failedAt.constFind(key);
        failed != m_failedAt.constEnd() && QDateTime::currentMSecsSinceEpoch() - *failed < kRetryAfterMs)
        return {};
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).key() == key) {
            m_queue.move(i, 0); // wanted again: to the front
            return {};
        }
    }
    m_queue.prepend(id);
    if (m_queue.size() > kMaxQueued)
        m_queue.resize(kMaxQueued);
    m_pump.start();
    return {};
}

void TileLoader::keepOnly(const QSet<quint64> &wanted)
{
    m_queue.removeIf([&](const TileId &id) { return !wanted.contains(id.key()); });
}

void TileLoader::clearMemory()
{
    m_memory.clear();
}

void TileLoader::pump()
{
    if (m_mbtiles) {
        // Local reads: a handful per turn of the event loop, so painting stays responsive.
        for (int n = 0; n < 16 && !m_queue.isEmpty(); ++n) {
            const TileId id = m_queue.takeFirst();
            const QByteArray bytes = m_mbtiles->tile(id);
            if (bytes.isEmpty())
                m_failedAt.insert(id.key(), QDateTime::currentMSecsSinceEpoch());
            else
                store(id, bytes);
        }
        if (!m_queue.isEmpty())
            m_pump.start();
        else
            Q_EMIT idle();
        return;
    }
    if (!m_network || m_config.kind != TileSourceConfig::Kind::Xyz)
        return;
    while (m_inFlight.size() < kMaxParallel && !m_queue.isEmpty()) {
        const TileId id = m_queue.takeFirst();
        QNetworkRequest request(tileUrl(m_config.urlTemplate, id));
        request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
        request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
        request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, true);
        request.setTransferTimeout(20000);
        QNetworkReply *reply = m_network->get(request);
        m_inFlight.insert(id.key(), reply);
        const int generation = m_generation;
        connect(reply, &QNetworkReply::finished, this, [this, reply, id, generation] {
            reply->deleteLater();
            if (generation == m_generation)
                onFinished(reply, id);
        });
    }
}

void TileLoader::onFinished(QNetworkReply *reply, const TileId &id)
{
    m_inFlight.remove(id.key());
    const bool fromCache = reply->attribute(QNetworkRequest::SourceIsFromCacheAttribute).toBool();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        ++(fromCache ? m_cacheReplies : m_networkReplies);
        store(id, reply->readAll());
    } else {
        ++m_failures;
        m_failedAt.insert(id.key(), QDateTime::currentMSecsSinceEpoch());
    }
    pump();
    if (m_inFlight.isEmpty() && m_queue.isEmpty())
        Q_EMIT idle();
}

void TileLoader::store(const TileId &id, const QByteArray &bytes)
{
    QImage image;
    if (!image.loadFromData(bytes) || image.isNull()) {
        ++m_failures;
        m_failedAt.insert(id.key(), QDateTime::currentMSecsSinceEpoch());
        return;
    }
    if (image.format() != QImage::Format_ARGB32_Premultiplied && image.format() != QImage::Format_RGB32)
        image =
            image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
    const int cost = std::max<int>(1, int(image.sizeInBytes() / 1024));
    m_memory.insert(id.key(), new QImage(image), cost);
    Q_EMIT tileReady(id);
}

} // namespace crewline::geo
