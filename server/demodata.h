#pragma once

// Deterministic demo data: teams, users, field staff and realistic tickets (a university IT help desk and a water/gas
// utility in Hangzhou). Used by the server on first start (--demo-data) and by benchmarks that fill a database.
// Nothing here touches a database or the global random generator: the same seed and `now` give the same data.

#include "common/domain.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace crewline::demo {

// How far back generate() spreads createdAt.
inline constexpr int kDefaultDaysBack = 120;

// user.id and user.teamId are left invalid: the caller creates the team named teamName first and links it.
struct DemoUser
{
    User user;
    QString password;
    QString teamName; // empty for users outside a team
};

// The field-staff record of one engineer (username matches a DemoUser).
struct DemoStaff
{
    QString username;
    QStringList skills; // subset of pipe, meter, valve, electrical, network, pc, printer, account
    StaffStatus status = StaffStatus::Available;
    GeoPoint position;
    double accuracy = 0;  // metres
    QDateTime positionAt; // when the position was reported, shortly before `now`
};

// ticket.id, number and version are left empty, and assigneeId/teamId/createdBy invalid: the caller resolves
// assigneeUsername, requesterUsername and teamName to ids. Comments name their author by authorName, which equals the
// displayName of exactly one DemoUser; their ids are invalid.
struct DemoTicket
{
    Ticket ticket;
    QList<Comment> comments;
    QString assigneeUsername;  // set exactly when the ticket is past assignment (and there is an engineer)
    QString requesterUsername; // one of req1..req5 for about 30% of tickets, else empty
    QString teamName;          // the assignee's team, empty when unassigned
};

struct DemoCity
{
    QString name;
    GeoPoint center;
    double radiusKm = 0; // every generated position lies within this distance of center
    QList<QPair<QString, GeoPoint>> districts;
};

struct DemoData
{
    QList<Team> teams; // ids invalid, names unique
    QList<DemoUser> users;
    QList<DemoStaff> staff;    // one per engineer, in the order of the engineers in users
    QList<DemoTicket> tickets; // ordered by createdAt, so that numbers given on insert grow with time
    DemoCity city;
};

// Hangzhou with ten of its districts.
DemoCity demoCity();

// A complete data set: fixed accounts (admin/admin, disp1..3, sup1..2, mgr1, aud1, req1..5, all others "demo123"),
// engineerCount engineers eng001.., and ticketCount tickets created over the kDefaultDaysBack days before now.
// An invalid `now` means the current time, and the output is then no longer reproducible.
DemoData generate(quint64 seed, const QDateTime &now, int ticketCount, int engineerCount);

// Fast path for large databases: one ticket without comments, a pure function of (seed, index, now, daysBack), so
// tickets can be made in any order or in parallel. createdAt lies within daysBack days before now; numbers given in
// index order therefore do not grow with createdAt. generate() builds its tickets the same way (daysBack =
// kDefaultDaysBack), then adds requester accounts, assignees and comments.
Ticket makeTicket(quint64 seed, qint64 index, const QDateTime &now, int daysBack);

// As above, and a ticket past assignment gets one of engineers as assigneeId (chosen per index).
Ticket makeTicket(quint64 seed, qint64 index, const QDateTime &now, int daysBack, const QList<UserId> &engineers);

} // namespace crewline::demo
