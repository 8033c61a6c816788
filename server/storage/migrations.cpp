#include "server/storage/migrations.h"

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

// Migration 9: the dashboard counters' duration histograms move out of stats_counts / stats_scoped into tables of
// their own with the same keys, holding only the rows that have a non-zero bucket; the counts tables are rebuilt
// without those 24 columns. The data is copied, not recomputed (a recomputation takes ~15 minutes per million
// tickets).
QStringList splitHistograms()
{
    QStringList hist;
    for (const char *prefix : {"fr_h", "res_h"}) {
        for (int i = 0; i < 12; ++i) // statscounters.h kHistogramBuckets
            hist << QString::fromLatin1(prefix) + QString::number(i);
    }
    const QStringList counts = {u"created"_s, u"resolved"_s, u"closed"_s,     u"fr_count"_s,     u"fr_sum"_s,
                                u"res_sum"_s, u"sla_met"_s,  u"sla_missed"_s, u"rating_count"_s, u"rating_sum"_s};
    const auto definitions = [](const QStringList &columns) {
        QStringList out;
        for (const QString &c : columns)
            out << c + u" INTEGER NOT NULL DEFAULT 0"_s;
        return out.join(u", "_s);
    };
    QStringList out;
    for (const bool scoped : {false, true}) {
        const QString table = scoped ? u"stats_scoped"_s : u"stats_counts"_s;
        const QString keyDefinitions = scoped
                                           ? u"fdim INTEGER NOT NULL, fkey TEXT NOT NULL, grain INTEGER NOT NULL, "
                                             "bucket INTEGER NOT NULL, dim INTEGER NOT NULL, key TEXT NOT NULL"_s
                                           : u"grain INTEGER NOT NULL, dim INTEGER NOT NULL, bucket INTEGER NOT NULL, "
                                             "key TEXT NOT NULL"_s;
        const QString keys = scoped ? u"fdim, fkey, grain, bucket, dim, key"_s : u"grain, dim, bucket, key"_s;
        const auto create = [&](const QString &name, const QStringList &columns) -> QString {
            return u"CREATE TABLE "_s + name + u" ("_s + keyDefinitions + u", "_s + definitions(columns) +
                   u", PRIMARY KEY ("_s + keys + u")) WITHOUT ROWID"_s;
        };
        out << create(table + u"_hist"_s, hist)
            << u"INSERT INTO "_s + table + u"_hist ("_s + keys + u", "_s + hist.join(u", "_s) + u") SELECT "_s + keys +
                   u", "_s + hist.join(u", "_s) + u" FROM "_s + table + u" WHERE "_s + hist.join(u" <> 0 OR "_s) +
                   u" <> 0"_s
            << create(table + u"_narrow"_s, counts)
            << u"INSERT INTO "_s + table + u"_narrow ("_s + keys + u", "_s + counts.join(u", "_s) + u") SELECT "_s +
                   keys + u", "_s + counts.join(u", "_s) + u" FROM "_s + table
            << u"DROP TABLE "_s + table << u"ALTER TABLE "_s + table + u"_narrow RENAME TO "_s + table;
    }
    return out;
}

} // namespace

const QList<Migration> &migrations()
{
    static const QList<Migration> steps = {
        {1,
         u"initial schema"_s,
         {
             u"CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, area TEXT NOT NULL DEFAULT '')"_s,
             u"CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE, "
             "display_name TEXT NOT NULL, role TEXT NOT NULL, team_id INTEGER REFERENCES teams(id), "
             "email TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', active INTEGER NOT NULL DEFAULT 1, "
             "password_hash TEXT NOT NULL, failed_logins INTEGER NOT NULL DEFAULT 0, "
             "locked_until INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)"_s,
             u"CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), "
             "created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL)"_s,
             u"CREATE TABLE field_staff (user_id INTEGER PRIMARY KEY REFERENCES users(id), "
             "skills TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL DEFAULT 'off_duty', lat REAL, lon REAL, "
             "accuracy REAL NOT NULL DEFAULT 0, position_at INTEGER)"_s,
             u"CREATE TABLE tickets (id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, type TEXT NOT NULL, "
             "status TEXT NOT NULL, phase INTEGER NOT NULL, suspended_from TEXT NOT NULL DEFAULT '', "
             "priority INTEGER NOT NULL, category TEXT NOT NULL DEFAULT '', department TEXT NOT NULL DEFAULT '', "
             "title TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', requester_name TEXT NOT NULL DEFAULT '', "
             "requester_contact TEXT NOT NULL DEFAULT '', requester_id INTEGER, address TEXT NOT NULL DEFAULT '', "
             "lat REAL, lon REAL, source TEXT NOT NULL DEFAULT '', assignee_id INTEGER, team_id INTEGER, "
             "created_by INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, accepted_at INTEGER, "
             "first_response_at INTEGER, resolved_at INTEGER, closed_at INTEGER, version INTEGER NOT NULL, "
             "urge_count INTEGER NOT NULL DEFAULT 0, merged_into INTEGER, pending_approval TEXT, "
             "fields TEXT NOT NULL DEFAULT '{}')"_s,
             u"CREATE INDEX tickets_updated ON tickets (updated_at)"_s,
             u"CREATE INDEX tickets_created ON tickets (created_at)"_s,
             u"CREATE INDEX tickets_status ON tickets (status, updated_at)"_s,
             u"CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at)"_s,
             u"CREATE INDEX tickets_requester ON tickets (requester_id, updated_at)"_s,
             u"CREATE INDEX tickets_open ON tickets (updated_at) WHERE phase < 3"_s,
             u"CREATE TABLE comments (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, author_id INTEGER, "
             "author_name TEXT NOT NULL, kind INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL, "
             "origin_ticket_id INTEGER)"_s,
             u"CREATE INDEX comments_ticket ON comments (ticket_id, created_at)"_s,
             u"CREATE TABLE attachments (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, comment_id INTEGER, "
             "file_name TEXT NOT NULL, mime_type TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, "
             "uploaded_by INTEGER, created_at INTEGER NOT NULL)"_s,
             u"CREATE INDEX attachments_ticket ON attachments (ticket_id)"_s,
             u"CREATE TABLE audit (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, actor_id INTEGER, "
             "actor_name TEXT NOT NULL, at INTEGER NOT NULL, action TEXT NOT NULL, changes TEXT NOT NULL, "
             "reason TEXT NOT NULL DEFAULT '')"_s,
             u"CREATE INDEX audit_ticket ON audit (ticket_id, at)"_s,
             u"CREATE TABLE links (a INTEGER NOT NULL, b INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (a, b))"_s,
             u"CREATE TABLE events (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, type TEXT NOT NULL, "
             "ticket_id INTEGER, requester_id INTEGER, internal INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL)"_s,
             u"CREATE TABLE idempotency (user_id INTEGER NOT NULL, key TEXT NOT NULL, op TEXT NOT NULL, "
             "result TEXT NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, key))"_s,
             u"CREATE INDEX idempotency_created ON idempotency (created_at)"_s,
             u"CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"_s,
         }},
        {2,
         u"field staff positions, tracks and dispatch state"_s,
         {
             u"ALTER TABLE field_staff ADD COLUMN heading REAL"_s,
             u"ALTER TABLE field_staff ADD COLUMN speed REAL"_s,
             u"ALTER TABLE field_staff ADD COLUMN frozen_on TEXT NOT NULL DEFAULT ''"_s,
             u"CREATE TABLE staff_track (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, lat REAL NOT NULL, "
             "lon REAL NOT NULL, accuracy REAL NOT NULL, at INTEGER NOT NULL)"_s,
             u"CREATE INDEX staff_track_user ON staff_track (user_id, at)"_s,
             u"CREATE INDEX staff_track_at ON staff_track (at)"_s,
             u"ALTER TABLE tickets ADD COLUMN dispatch TEXT"_s,
             u"ALTER TABLE tickets ADD COLUMN dispatch_deadline INTEGER"_s,
             u"CREATE INDEX tickets_dispatch_deadline ON tickets (dispatch_deadline) "
             "WHERE dispatch_deadline IS NOT NULL"_s,
             // Open workload per person, counted for every ranking (staff.list, dispatch.suggest, the rules).
             u"CREATE INDEX tickets_assignee_open ON tickets (assignee_id) WHERE phase < 2"_s,
         }},
        {3,
         u"printed work orders and the customer's confirmation links"_s,
         {
             // One row per print: which version of which ticket who printed, and the link on the paper. Only the
             // SHA-256 of the link's token is kept; answer holds what the customer sent (JSON) once used_at is set.
             u"CREATE TABLE confirmations (id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL, "
             "ticket_version INTEGER NOT NULL, token_hash TEXT NOT NULL UNIQUE, printed_by INTEGER, "
             "printed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, answer TEXT)"_s,
             u"CREATE INDEX confirmations_ticket ON confirmations (ticket_id, printed_at)"_s,
         }},
        {4,
         u"dashboard counters, backlog and moment indexes"_s,
         {
             // statscounters.h: grain 0 = UTC quarter hour (dim 0 only), 1 = UTC day, 2 = UTC hour (dims 1-5);
             // dim 0 all, 1 type, 2 category, 3 department, 4 team, 5 assignee. Durations in seconds; histograms
             // per statscounters.h bounds.
             u"CREATE TABLE stats_counts (grain INTEGER NOT NULL, dim INTEGER NOT NULL, bucket INTEGER NOT NULL, "
             "key TEXT NOT NULL, created INTEGER NOT NULL DEFAULT 0, resolved INTEGER NOT NULL DEFAULT 0, "
             "closed INTEGER NOT NULL DEFAULT 0, fr_count INTEGER NOT NULL DEFAULT 0, "
             "fr_sum INTEGER NOT NULL DEFAULT 0, res_sum INTEGER NOT NULL DEFAULT 0, "
             "sla_met INTEGER NOT NULL DEFAULT 0, sla_missed INTEGER NOT NULL DEFAULT 0, "
             "rating_count INTEGER NOT NULL DEFAULT 0, rating_sum INTEGER NOT NULL DEFAULT 0, "
             "fr_h0 INTEGER NOT NULL DEFAULT 0, fr_h1 INTEGER NOT NULL DEFAULT 0, fr_h2 INTEGER NOT NULL DEFAULT 0, "
             "fr_h3 INTEGER NOT NULL DEFAULT 0, fr_h4 INTEGER NOT NULL DEFAULT 0, fr_h5 INTEGER NOT NULL DEFAULT 0, "
             "fr_h6 INTEGER NOT NULL DEFAULT 0, fr_h7 INTEGER NOT NULL DEFAULT 0, fr_h8 INTEGER NOT NULL DEFAULT 0, "
             "fr_h9 INTEGER NOT NULL DEFAULT 0, fr_h10 INTEGER NOT NULL DEFAULT 0, fr_h11 INTEGER NOT NULL DEFAULT 0, "
             "res_h0 INTEGER NOT NULL DEFAULT 0, res_h1 INTEGER NOT NULL DEFAULT 0, res_h2 INTEGER NOT NULL DEFAULT 0, "
             "res_h3 INTEGER NOT NULL DEFAULT 0, res_h4 INTEGER NOT NULL DEFAULT 0, res_h5 INTEGER NOT NULL DEFAULT 0, "
             "res_h6 INTEGER NOT NULL DEFAULT 0, res_h7 INTEGER NOT NULL DEFAULT 0, res_h8 INTEGER NOT NULL DEFAULT 0, "
             "res_h9 INTEGER NOT NULL DEFAULT 0, res_h10 INTEGER NOT NULL DEFAULT 0, "
             "res_h11 INTEGER NOT NULL DEFAULT 0, "
             "PRIMARY KEY (grain, dim, bucket, key)) WITHOUT ROWID"_s,
             u"CREATE INDEX tickets_backlog ON tickets (priority DESC, created_at) WHERE phase < 2"_s,
             u"CREATE INDEX tickets_first_response ON tickets (first_response_at) "
             "WHERE first_response_at IS NOT NULL"_s,
             u"CREATE INDEX tickets_resolved ON tickets (resolved_at) WHERE resolved_at IS NOT NULL"_s,
             u"CREATE INDEX tickets_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL"_s,
         },
         true},
        {5,
         u"open tickets in id order (the console's keyset-paged load)"_s,
         {
             u"CREATE INDEX tickets_open_id ON tickets (id) WHERE phase < 3"_s,
         }},
        {6,
         u"scoped dashboard counters (filtered dashboards)"_s,
         {
             // statscounters.h: per filter dimension fdim (1 type, 3 department, 4 team, 5 assignee) and the
             // ticket's key in it, grains 1 (UTC day) and 3 (UTC month) for every other dim, grain 0 (UTC quarter
             // hour) for dim 0 only. Same value columns as stats_counts, which gains grain 3 rows for every dim in
             // the rebuild. The key leads with what a filtered read fixes.
             u"CREATE TABLE stats_scoped (fdim INTEGER NOT NULL, fkey TEXT NOT NULL, grain INTEGER NOT NULL, "
             "bucket INTEGER NOT NULL, dim INTEGER NOT NULL, key TEXT NOT NULL, "
             "created INTEGER NOT NULL DEFAULT 0, resolved INTEGER NOT NULL DEFAULT 0, "
             "closed INTEGER NOT NULL DEFAULT 0, fr_count INTEGER NOT NULL DEFAULT 0, "
             "fr_sum INTEGER NOT NULL DEFAULT 0, res_sum INTEGER NOT NULL DEFAULT 0, "
             "sla_met INTEGER NOT NULL DEFAULT 0, sla_missed INTEGER NOT NULL DEFAULT 0, "
             "rating_count INTEGER NOT NULL DEFAULT 0, rating_sum INTEGER NOT NULL DEFAULT 0, "
             "fr_h0 INTEGER NOT NULL DEFAULT 0, fr_h1 INTEGER NOT NULL DEFAULT 0, fr_h2 INTEGER NOT NULL DEFAULT 0, "
             "fr_h3 INTEGER NOT NULL DEFAULT 0, fr_h4 INTEGER NOT NULL DEFAULT 0, fr_h5 INTEGER NOT NULL DEFAULT 0, "
             "fr_h6 INTEGER NOT NULL DEFAULT 0, fr_h7 INTEGER NOT NULL DEFAULT 0, fr_h8 INTEGER NOT NULL DEFAULT 0, "
             "fr_h9 INTEGER NOT NULL DEFAULT 0, fr_h10 INTEGER NOT NULL DEFAULT 0, fr_h11 INTEGER NOT NULL DEFAULT 0, "
             "res_h0 INTEGER NOT NULL DEFAULT 0, res_h1 INTEGER NOT NULL DEFAULT 0, res_h2 INTEGER NOT NULL DEFAULT 0, "
             "res_h3 INTEGER NOT NULL DEFAULT 0, res_h4 INTEGER NOT NULL DEFAULT 0, res_h5 INTEGER NOT NULL DEFAULT 0, "
             "res_h6 INTEGER NOT NULL DEFAULT 0, res_h7 INTEGER NOT NULL DEFAULT 0, res_h8 INTEGER NOT NULL DEFAULT 0, "
             "res_h9 INTEGER NOT NULL DEFAULT 0, res_h10 INTEGER NOT NULL DEFAULT 0, "
             "res_h11 INTEGER NOT NULL DEFAULT 0, "
             "PRIMARY KEY (fdim, fkey, grain, bucket, dim, key)) WITHOUT ROWID"_s,
         },
         true},
        {7,
         u"dashboard counters: month rows only for past months"_s,
         {
             // Store::statsMonthRowsBefore: month rows (grain 3) for the months before the current one; the current
             // month is summed from its day rows, so a ticket write touches no month row. The writer moves the value
             // forward when a month begins (WriteQueue).
             u"INSERT INTO counters (name, value) VALUES ('stats_month_rows_before', "
             "(CAST(strftime('%Y', 'now') AS INTEGER) - 1970) * 12 + CAST(strftime('%m', 'now') AS INTEGER) - 1) "
             "ON CONFLICT (name) DO NOTHING"_s,
             u"DELETE FROM stats_counts WHERE grain = 3 AND bucket >= "
             "(SELECT value FROM counters WHERE name = 'stats_month_rows_before')"_s,
             u"DELETE FROM stats_scoped WHERE grain = 3 AND bucket >= "
             "(SELECT value FROM counters WHERE name = 'stats_month_rows_before')"_s,
         }},
        {8,
         u"list indexes that hold the columns lists filter on"_s,
         {
             // A list walks one of these in its sort order and tests type, priority and status on the index entry,
             // reading the ticket's row only for the entries that match (SQLite defers the row read): a 200-row list
             // filtered on type and priority read ~1,800 rows for its 200 at 1,000,000 tickets. Same number of
             // index entries per ticket write as before. The id follows the sort column, as the rowid did in the
             // narrower indexes, so that "ORDER BY updated_at DESC, id DESC" still needs no sort (a list at an
             // offset of 10,000 sorted 10,200 whole rows without it).
             u"DROP INDEX tickets_updated"_s,
             u"CREATE INDEX tickets_updated ON tickets (updated_at, id, type, priority, status)"_s,
             u"DROP INDEX tickets_status"_s,
             u"CREATE INDEX tickets_status ON tickets (status, updated_at, id, type, priority)"_s,
             u"DROP INDEX tickets_open"_s,
             u"CREATE INDEX tickets_open ON tickets (updated_at, id, status, type, priority) WHERE phase < 3"_s,
         }},
        {9, u"dashboard counters: the durations' histograms in tables of their own"_s, splitHistograms()},
    };
    return steps;
}

} // namespace crewline::server
