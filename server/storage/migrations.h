#pragma once

// The schema, as numbered steps. Each step runs in one transaction; a database records the last step applied.
// Never edit a released step: add a new one.

#include <QList>
#include <QString>
#include <QStringList>

namespace crewline::server {

struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;    // one SQL statement each (QSqlQuery runs one at a time on SQLite)
    bool rebuildStats = false; // recompute the dashboard counters from the tickets afterwards (same transaction)
};

const QList<Migration> &migrations();

} // namespace crewline::server
