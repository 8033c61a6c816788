#pragma once

// Free-text search over ticket numbers, titles and descriptions, kept OFF the commit path (DEPENDENCIES.md traps
// 19 and 20). The index lives in its own SQLite file (<data>/search.db), so indexing never holds the main
// database's write lock. A background thread follows the event log and re-indexes changed tickets in small batches
// into two FTS5 tables: trigrams for terms of 3+ characters, and precomputed bigrams for 2-character terms (many
// Chinese words, 漏水 空调, are two characters and trigram indexes cannot find them). Queries combine the index with
// a LIKE over the few tickets changed after the indexer's watermark, so results are never stale.

#include <QString>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace crewline::server {

class SearchIndexer
{
public:
    SearchIndexer(QString mainDatabase, QString searchDatabase);
    ~SearchIndexer();

    bool start(QString *error);
    void stop();
    void wake(); // new commits: index them soon

    // Runs one indexing pass synchronously (tests, loaders); returns the number of tickets indexed.
    int indexPending();

    static QString bigrams(const QString &text); // "管道漏水" -> "管道 道漏 漏水"
    static QStringList schema();                 // statements creating the search database

private:
    void loop();

    QString m_mainPath;
    QString m_searchPath;
    QString m_prefix;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_pending = true;
};

} // namespace crewline::server
