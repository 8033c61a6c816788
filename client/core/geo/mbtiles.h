#pragma once

// Reads an MBTiles file (the SQLite container for map tiles, spec 1.3) through QSQLITE on a connection of its
// own, read-only. Tiles are stored in TMS row order (y up from the south); tile() takes XYZ numbers and flips.

#include "client/core/geo/mercator.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace crewline::geo {

class MbTiles
{
public:
    MbTiles() = default;
    ~MbTiles();
    MbTiles(const MbTiles &) = delete;
    MbTiles &operator=(const MbTiles &) = delete;

    // Opens the file read-only and reads its metadata. False with a message for the user when it is not an
    // MBTiles file (missing, not SQLite, no tiles table).
    bool open(const QString &fileName, QString *error);
    void close();
    bool isOpen() const { return !m_connection.isEmpty(); }

    QString fileName() const { return m_fileName; }
    QString metadata(const QString &key) const { return m_metadata.value(key); }
    QString attribution() const { return metadata(QStringLiteral("attribution")); }
    QString format() const; // "png", "jpg", "webp", "pbf"
    int minZoom() const;
    int maxZoom() const;

    // The tile's image bytes, empty when the file has no such tile. z/x/y in XYZ numbering.
    QByteArray tile(const TileId &id) const;

private:
    QString m_connection;
    QString m_fileName;
    QHash<QString, QString> m_metadata;
};

} // namespace crewline::geo
