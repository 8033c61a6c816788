#include "tests/bench/ticketloader.h"

#include "common/workflow.h"
#include "server/clock.h"
#include "server/config.h"
#include "server/demodata.h"
#include "server/demoseed.h"
#include "server/services/passwords.h"
#include "server/storage/searchindex.h"
#include "server/storage/store.h"
#include "server/writequeue.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <vector>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace crewline::bench {

namespace {

using server::Outcome;
using server::WriteContext;

struct Batch
{
    QList<Ticket> tickets;
    QList<int> phases;
    qint64 open = 0;
};

struct People
{
    QList<UserId> engineers;
    QHash<qint64, TeamId> teamOf; // engineer -> team
    UserId creator;
};

// The generator's indexes in the order of their tickets' creation: a database gives ids (and numbers) in the order
// tickets arrive, so the tickets of any period lie together, as they do in a real one. Each ticket is made twice
// (here for its time, later to be written), which costs a few seconds per million.
std::vector<qint64> creationOrder(const LoadOptions &o, const QDateTime &now, qint64 first, qint64 count)
{
    std::vector<std::pair<qint64, qint64>> byTime(static_cast<size_t>(count));
    for (qint64 k = 0; k < count; ++k)
        byTime[size_t(k)].second = first + k;
    QtConcurrent::blockingMap(byTime, [&](std::pair<qint64, qint64> &entry) {
        entry.first = demo::makeTicket(o.seed, entry.second, now, o.daysBack).createdAt.toMSecsSinceEpoch();
    });
    std::sort(byTime.begin(), byTime.end());
    std::vector<qint64> order;
    order.reserve(byTime.size());
    for (const auto &[at, index] : byTime)
        order.push_back(index);
    return order;
}

Batch makeBatch(const LoadOptions &o, const TicketTypeRegistry &types, const People &people, const QDateTime &now,
                const std::vector<qint64> &order, qint64 first, qint64 count)
{
    Batch b;
    b.tickets.reserve(count);
    b.phases.reserve(count);
    for (qint64 k = first; k < first + count; ++k) {
        const qint64 i = order[size_t(k)];
        Ticket t = demo::makeTicket(o.seed, i, now, o.daysBack, people.engineers);
        const TicketType *type = types.type(t.type);
        if (!type)
            continue;
        Phase phase = type->phaseOf(t.status);
        if (o.openOnly && phase == Phase::Closed) {
            t.status = type->initialStatus();
            t.assigneeId = UserId();
            t.acceptedAt = t.resolvedAt = t.closedAt = QDateTime();
            t.fields = {};
            phase = type->phaseOf(t.status);
        }
        t.version = 1;
        t.createdBy = people.creator;
        if (t.assigneeId.isValid())
            t.teamId = people.teamOf.value(t.assigneeId.value());
        if (phase != Phase::Closed)
            ++b.open;
        b.tickets << t;
        b.phases << static_cast<int>(phase);
    }
    return b;
}

} // namespace

bool loadTickets(const LoadOptions &o, LoadResult *result, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!server::passwords::initialize())
        return fail(u"libsodium failed to initialise"_s);
    TicketTypeRegistry types;
    if (!types.loadDefaults(error))
        return false;
    if (!QDir().mkpath(o.dataDir))
        return fail(u"cannot create %1"_s.arg(o.dataDir));
    const QString dbPath = QDir(o.dataDir).filePath(u"crewline.db"_s);

    server::Clock clock;
    server::WriteQueue writer(
        [dbPath](const QString &name) {
            return server::openSqliteStore({dbPath, u"crewline-loader-"_s + name, false, {}});
        },
        clock);
    QString why;
    if (!writer.start(&why))
        return fail(u"cannot open %1: %2"_s.arg(dbPath, why));

    const QDateTime now = clock.now();
    // Accounts and teams, exactly as the server seeds a demo database (only on a new one).
    bool hasUsers = false;
    writer.runAndWait([&](WriteContext &ctx) {
        hasUsers = !ctx.store().users().isEmpty();
        return Outcome::success({});
    });
    if (!hasUsers) {
        server::ServerConfig config;
        config.demoSeed = o.seed;
        config.demoTickets = o.demoTickets;
        config.demoEngineers = o.demoEngineers;
        if (!server::seedDemoData(writer, types, config, now, &why)) {
            writer.stop();
            return fail(why);
        }
    }
    People people;
    writer.runAndWait([&](WriteContext &ctx) {
        for (const User &u : ctx.store().users()) {
            if (u.role == Role::Engineer && u.active) {
                people.engineers << u.id;
                people.teamOf.insert(u.id.value(), u.teamId);
            }
            if (u.username == u"disp1")
                people.creator = u.id;
        }
        return Outcome::success({});
    });

    // The dashboard counters are recomputed once at the end instead of per batch (each batch spans the whole year).
    writer.runAndWait([](WriteContext &ctx) {
        ctx.store().setStatsDeferred(true);
        return Outcome::success({});
    });

    // Pipeline: the next batch is generated on a pool thread while this one is written by the writer thread.
    QElapsedTimer timer;
    timer.start();
    const qint64 firstIndex = 1'000'000'000; // apart from the indexes demo::generate used for its tickets
    const std::vector<qint64> order = creationOrder(o, now, firstIndex, o.tickets);
    qint64 done = 0;
    const auto generate = [&, now](qint64 first, qint64 count) {
        return makeBatch(o, types, people, now, order, first, count);
    };
    QFuture<Batch> next;
    if (o.tickets > 0)
        next = QtConcurrent::run(generate, 0, std::min<qint64>(o.batch, o.tickets));
    bool ok = true;
    while (done < o.tickets && ok) {
        Batch batch = next.result();
        const qint64 generated = std::min<qint64>(o.batch, o.tickets - done);
        done += generated;
        if (done < o.tickets)
            next = QtConcurrent::run(generate, done, std::min<qint64>(o.batch, o.tickets - done));
        const Outcome out = writer.runAndWait([&batch](WriteContext &ctx) {
            server::Store &store = ctx.store();
            for (Ticket &t : batch.tickets)
                t.number = store.nextTicketNumber(t.createdAt.date().year());
            store.bulkInsertTickets(batch.tickets, batch.phases);
            return Outcome::success({});
        });
        if (!out.ok) {
            ok = false;
            why = out.error.message;
            break;
        }
        result->inserted += batch.tickets.size();
        result->openTickets += batch.open;
        if (o.tickets >= 200000 && (done % 200000 == 0 || done == o.tickets))
            std::fprintf(stderr, "loader: %lld tickets, %.0f/s\n", static_cast<long long>(done),
                         static_cast<double>(done) / std::max(0.001, timer.elapsed() / 1000.0));
    }
    if (next.isValid())
        next.waitForFinished();
    QElapsedTimer statsTimer;
    statsTimer.start();
    const Outcome counted = writer.runAndWait([](WriteContext &ctx) {
        ctx.store().setStatsDeferred(false);
        return Outcome::success({});
    });
    if (!counted.ok && ok) {
        ok = false;
        why = counted.error.message;
    }
    if (o.tickets >= 200000)
        std::fprintf(stderr, "loader: dashboard counters rebuilt in %.1f s\n", statsTimer.elapsed() / 1000.0);
    writer.runAndWait([&](WriteContext &ctx) {
        result->totalTickets = ctx.store().ticketCount();
        return Outcome::success({});
    });
    writer.stop(); // commits, checkpoints and closes
    result->insertSeconds = timer.elapsed() / 1000.0;
    if (!ok)
        return fail(u"insert failed: "_s + why);

    if (o.buildIndex) {
        QElapsedTimer indexTimer;
        indexTimer.start();
        server::SearchIndexer indexer(dbPath, QDir(o.dataDir).filePath(u"search.db"_s));
        indexer.indexPending();
        result->indexSeconds = indexTimer.elapsed() / 1000.0;
    }
    return true;
}

} // namespace crewline::bench
