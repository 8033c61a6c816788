#include "client/core/geo/mbtiles.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace crewline::geo {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("crewline::geo::MbTiles", text);
}

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return u"crewline.mbtiles.%1"_s.arg(counter.fetchAndAddRelaxed(1));
}
} // namespace

MbTiles::~MbTiles()
{
    close();
}

bool MbTiles::open(const QString &fileName, QString *error)
{
    close();
    auto failWith = [&](const QString &why) {
        if (error)
            *error = why;
        close();
        return false;
    };
    if (!QFileInfo(fileName).isFile())
        return failWith(tr("The MBTiles file %1 does not exist.").arg(fileName));
    m_connection = nextConnectionName();
    m_fileName = fileName;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
        db.setDatabaseName(fileName);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            return failWith(tr("Cannot open %1: %2").arg(fileName, db.lastError().text()));
        QSqlQuery q(db);
        if (!q.exec(u"SELECT name, value FROM metadata"_s))
            return failWith(tr("%1 is not an MBTiles file (no metadata table).").arg(fileName));
        while (q.next())
            m_metadata.insert(q.value(0).toString(), q.value(1).toString());
        QSqlQuery t(db);
        if (!t.exec(u"SELECT 1 FROM tiles LIMIT 1"_s))
            return failWith(tr("%1 is not an MBTiles file (no tiles table).").arg(fileName));
    }
    return true;
}

void MbTiles::close()
{
    if (m_connection.isEmpty())
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
    m_metadata.clear();
}

QString MbTiles::format() const
{
    const QString f = metadata(u"format"_s).toLower();
    return f.isEmpty() ? u"png"_s : f;
}

int MbTiles::minZoom() const
{
    bool ok = false;
    const int z = metadata(u"minzoom"_s).toInt(&ok);
    return ok ? z : 0;
}

int MbTiles::maxZoom() const
{
    bool ok = false;
    const int z = metadata(u"maxzoom"_s).toInt(&ok);
    return ok ? z : kMaxZoom;
}

QByteArray MbTiles::tile(const TileId &id) const
{
    if (m_connection.isEmpty() || !id.isValid())
        return {};
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(u"SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?"_s);
    q.addBindValue(id.z);
    q.addBindValue(id.x);
    q.addBindValue(id.tmsRow());
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toByteArray();
}

} // namespace crewline::geo
