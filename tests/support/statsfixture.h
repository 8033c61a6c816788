#pragma once

// A small fixed dataset for the dashboard figures, with answers computed by hand in the tests (tst_stats,
// tst_e2e_stats). Written straight into a store: four tickets around Monday 2 March 2026 (UTC).
//
//   T1 it/A/D1, team 1, engineer e1, normal: created 03-02 01:00, first response 01:30, resolved 03:00, closed
//      04:00, rating 5.
//   T2 it/B/D2, no team, unassigned, urgent: created 03-02 23:30, resolved 03-03 05:30 (6 h > 4 h: SLA missed),
//      rating 2.
//   T3 water/A/D1, team 2, engineer e2, high: created 03-03 10:00, first response 10:10, open.
//   T4 water/C/D3, team 2, engineer e2, low: created 03-05 12:00, open.

#include "server/services/passwords.h"
#include "server/storage/store.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace crewline::test::stats {

inline QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, minute), Qt::UTC);
}

struct Fixture
{
    UserId manager, engineer1, engineer2, requester, dispatcher;
    TeamId team1, team2;
    TicketId t1, t2, t3, t4;
};

// Users get the password "secret-pass" (hashed for real, so the server can log them in).
inline Fixture seed(server::Store &store)
{
    Fixture f;
    const QString hash = server::passwords::hash(u"secret-pass"_s);
    Team a;
    a.name = u"Alpha"_s;
    f.team1 = store.insertTeam(a);
    Team b;
    b.name = u"Bravo"_s;
    f.team2 = store.insertTeam(b);
    const auto user = [&](const QString &name, Role role, TeamId team) {
        User u;
        u.username = name;
        u.displayName = name.toUpper();
        u.role = role;
        u.teamId = team;
        return store.insertUser(u, hash, at(1, 0));
    };
    user(u"admin"_s, Role::Admin, {});
    f.manager = user(u"boss"_s, Role::Manager, {});
    f.dispatcher = user(u"desk"_s, Role::Dispatcher, {});
    f.engineer1 = user(u"e1"_s, Role::Engineer, f.team1);
    f.engineer2 = user(u"e2"_s, Role::Engineer, f.team2);
    f.requester = user(u"req"_s, Role::Requester, {});

    int n = 0;
    const auto ticket = [&](const QString &type, const QString &status, int phase, const QString &category,
                            const QString &department, TeamId team, UserId assignee, Priority priority,
                            const QDateTime &created) {
        Ticket t;
        t.number = u"FX-2026-%1"_s.arg(++n, 6, 10, QLatin1Char('0'));
        t.type = type;
        t.status = status;
        t.category = category;
        t.department = department;
        t.teamId = team;
        t.assigneeId = assignee;
        t.priority = priority;
        t.title = u"Fixture ticket %1"_s.arg(n);
        t.createdAt = created;
        t.updatedAt = created;
        t.version = 1;
        return std::pair<Ticket, int>{t, phase};
    };
    auto [t1, p1] = ticket(u"it"_s, u"closed"_s, 3, u"A"_s, u"D1"_s, f.team1, f.engineer1, Priority::Normal, at(2, 1));
    t1.firstResponseAt = at(2, 1, 30);
    t1.acceptedAt = at(2, 1, 30);
    t1.resolvedAt = at(2, 3);
    t1.closedAt = at(2, 4);
    t1.fields.insert(u"rating"_s, 5);
    f.t1 = store.insertTicket(t1, p1);
    auto [t2, p2] = ticket(u"it"_s, u"resolved"_s, 2, u"B"_s, u"D2"_s, {}, {}, Priority::Urgent, at(2, 23, 30));
    t2.resolvedAt = at(3, 5, 30);
    t2.fields.insert(u"rating"_s, 2);
    f.t2 = store.insertTicket(t2, p2);
    auto [t3, p3] =
        ticket(u"water"_s, u"in_progress"_s, 1, u"A"_s, u"D1"_s, f.team2, f.engineer2, Priority::High, at(3, 10));
    t3.firstResponseAt = at(3, 10, 10);
    f.t3 = store.insertTicket(t3, p3);
    auto [t4, p4] = ticket(u"water"_s, u"new"_s, 0, u"C"_s, u"D3"_s, f.team2, f.engineer2, Priority::Low, at(5, 12));
    f.t4 = store.insertTicket(t4, p4);
    return f;
}

} // namespace crewline::test::stats
