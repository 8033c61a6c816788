#include "server/storage/searchindex.h"

#include "common/logging.h"

#include <QDateTime>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

constexpr int kBatch = 2000;
constexpr auto kInterval = std::chrono::milliseconds(200);
std::atomic<int> g_connections{0};

bool exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qCWarning(lcDb) << "search index:" << sql.left(80) << q.lastError().text();
        return false;
    }
    return true;
}

qint64 stateValue(QSqlDatabase &db, const QString &key)
{
    QSqlQuery q(db);
    q.prepare(u"SELECT value FROM state WHERE key = ?"_s);
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

void setState(QSqlDatabase &db, const QString &key, qint64 value)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    q.addBindValue(key);
    q.addBindValue(value);
    q.exec();
}

struct Connections
{
    QString mainName, searchName;
    QSqlDatabase main, search;
    bool ok = false;

    Connections(const QString &mainPath, const QString &searchPath)
    {
        const int n = g_connections++;
        mainName = u"crewline-search-main-%1"_s.arg(n);
        searchName = u"crewline-search-%1"_s.arg(n);
        main = QSqlDatabase::addDatabase(u"QSQLITE"_s, mainName);
        main.setDatabaseName(mainPath);
        main.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_s);
        search = QSqlDatabase::addDatabase(u"QSQLITE"_s, searchName);
        search.setDatabaseName(searchPath);
        search.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        ok = main.open() && search.open();
        if (ok) {
            exec(search, u"PRAGMA journal_mode = WAL"_s);
            exec(search, u"PRAGMA synchronous = NORMAL"_s); // rebuildable from the main database: no fsync per batch
            for (const QString &s : SearchIndexer::schema())
                ok = ok && exec(search, s);
        }
    }
    ~Connections()
    {
        main.close();
        search.close();
        main = QSqlDatabase();
        search = QSqlDatabase();
        QSqlDatabase::removeDatabase(mainName);
        QSqlDatabase::removeDatabase(searchName);
    }
};

// Re-indexes the given tickets (or removes them when gone) in one transaction of the search database.
void indexTickets(Connections &c, const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    QSqlQuery read(c.main);
    read.prepare(u"SELECT number, title, description FROM tickets WHERE id = ?"_s);
    QSqlQuery delTri(c.search), delBi(c.search), insTri(c.search), insBi(c.search);
    delTri.prepare(u"DELETE FROM trigrams WHERE rowid = ?"_s);
    delBi.prepare(u"DELETE FROM bigrams WHERE rowid = ?"_s);
    insTri.prepare(u"INSERT INTO trigrams (rowid, number, title, description) VALUES (?, ?, ?, ?)"_s);
    insBi.prepare(u"INSERT INTO bigrams (rowid, grams) VALUES (?, ?)"_s);
    exec(c.search, u"BEGIN"_s);
    for (qint64 id : ids) {
        delTri.addBindValue(id);
        delTri.exec();
        delBi.addBindValue(id);
        delBi.exec();
        read.addBindValue(id);
        if (!read.exec() || !read.next())
            continue;
        const QString number = read.value(0).toString(), title = read.value(1).toString(),
                      description = read.value(2).toString();
        read.finish();
        insTri.addBindValue(id);
        insTri.addBindValue(number);
        insTri.addBindValue(title);
        insTri.addBindValue(description);
        insTri.exec();
        insBi.addBindValue(id);
        insBi.addBindValue(SearchIndexer::bigrams(number + u' ' + title + u' ' + description));
        insBi.exec();
    }
    exec(c.search, u"COMMIT"_s);
}

// One pass: first a full build (databases filled without events: demo data, loaders), then the event log.
int indexPass(Connections &c)
{
    int indexed = 0;
    if (stateValue(c.search, u"built"_s) == 0) {
        QSqlQuery head(c.main);
        const qint64 seq =
            head.exec(u"SELECT COALESCE(MAX(seq), 0) FROM events"_s) && head.next() ? head.value(0).toLongLong() : 0;
        const qint64 at = QDateTime::currentMSecsSinceEpoch();
        head.finish();
        qint64 after = stateValue(c.search, u"build_cursor"_s);
        for (;;) {
            QSqlQuery ids(c.main);
            ids.prepare(u"SELECT id FROM tickets WHERE id > ? ORDER BY id LIMIT ?"_s);
            ids.addBindValue(after);
            ids.addBindValue(kBatch);
            ids.exec();
            QList<qint64> batch;
            while (ids.next())
                batch << ids.value(0).toLongLong();
            ids.finish();
            if (batch.isEmpty())
                break;
            indexTickets(c, batch);
            indexed += static_cast<int>(batch.size());
            after = batch.last();
            setState(c.search, u"build_cursor"_s, after);
        }
        setState(c.search, u"seq"_s, seq);
        setState(c.search, u"watermark"_s, at - 60'000); // tickets changed during the build are LIKE-checked
        setState(c.search, u"built"_s, 1);
        qCInfo(lcDb) << "search index built:" << indexed << "tickets";
    }
    for (;;) {
        const qint64 from = stateValue(c.search, u"seq"_s);
        QSqlQuery events(c.main);
        events.prepare(u"SELECT seq, at, ticket_id FROM events WHERE seq > ? ORDER BY seq LIMIT ?"_s);
        events.addBindValue(from);
        events.addBindValue(kBatch);
        events.exec();
        QList<qint64> ids;
        QSet<qint64> seen;
        qint64 last = from, lastAt = 0;
        while (events.next()) {
            last = events.value(0).toLongLong();
            lastAt = events.value(1).toLongLong();
            if (const qint64 id = events.value(2).toLongLong(); !events.value(2).isNull() && !seen.contains(id)) {
                seen.insert(id);
                ids << id;
            }
        }
        events.finish();
        if (last == from)
            break;
        indexTickets(c, ids);
        indexed += static_cast<int>(ids.size());
        setState(c.search, u"seq"_s, last);
        setState(c.search, u"watermark"_s, lastAt);
    }
    return indexed;
}

} // namespace

SearchIndexer::SearchIndexer(QString mainDatabase, QString searchDatabase)
    : m_mainPath(std::move(mainDatabase))
    , m_searchPath(std::move(searchDatabase))
{
}

SearchIndexer::~SearchIndexer()
{
    stop();
}

QStringList SearchIndexer::schema()
{
    return {u"CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"_s,
            u"CREATE VIRTUAL TABLE IF NOT EXISTS trigrams USING fts5(number, title, description, "
            "tokenize = 'trigram', detail = 'none')"_s,
            u"CREATE VIRTUAL TABLE IF NOT EXISTS bigrams USING fts5(grams, detail = 'none')"_s};
}

QString SearchIndexer::bigrams(const QString &text)
{
    // Overlapping pairs of letters/digits within each run; the unicode61 tokenizer then sees each pair as a word.
    QString out;
    out.reserve(text.size() * 3);
    const QString lower = text.toLower();
    for (qsizetype i = 0; i + 1 < lower.size(); ++i) {
        const QChar a = lower.at(i), b = lower.at(i + 1);
        if (!a.isLetterOrNumber() || !b.isLetterOrNumber())
            continue;
        out += a;
        out += b;
        out += u' ';
    }
    return out;
}

bool SearchIndexer::start(QString *error)
{
    {
        Connections probe(m_mainPath, m_searchPath);
        if (!probe.ok) {
            if (error)
                *error = u"cannot open the search index %1"_s.arg(m_searchPath);
            return false;
        }
    }
    m_thread = std::thread([this] { loop(); });
    return true;
}

void SearchIndexer::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void SearchIndexer::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_pending = true;
    }
    m_wake.notify_all();
}

int SearchIndexer::indexPending()
{
    Connections c(m_mainPath, m_searchPath);
    return c.ok ? indexPass(c) : 0;
}

void SearchIndexer::loop()
{
    // The index is derived data that may lag (tickets past its watermark are matched with LIKE), so indexing yields
    // the CPU to what acknowledges writes and answers requests: at ~55 µs of CPU per ticket it took a quarter of the
    // server's time under a create load (docs/performance.md) and caught up once the burst was over.
    if (::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19) != 0)
        qCDebug(lcDb) << "search index: could not lower the indexer's priority";
    Connections c(m_mainPath, m_searchPath);
    if (!c.ok)
        return;
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (m_pending) {
            m_pending = false;
            lock.unlock();
            indexPass(c);
            lock.lock();
            continue;
        }
        // Batches: wait a little after a wake-up so a burst of commits is indexed together.
        m_wake.wait_for(lock, kInterval * 5, [this] { return m_stop || m_pending; });
        if (!m_stop && m_pending) {
            lock.unlock();
            std::this_thread::sleep_for(kInterval);
            lock.lock();
        }
    }
}

} // namespace crewline::server
