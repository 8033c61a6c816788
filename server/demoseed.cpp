#include "server/demoseed.h"

#include "server/config.h"
#include "server/demodata.h"
#include "server/services/passwords.h"
#include "server/writequeue.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace crewline::server {

bool seedDemoData(WriteQueue &writer, const TicketTypeRegistry &types, const ServerConfig &config, const QDateTime &now,
                  QString *error)
{
    const demo::DemoData data = demo::generate(config.demoSeed, now, config.demoTickets, config.demoEngineers);

    // Demo accounts share a few passwords: hash each distinct one once (Argon2id is slow on purpose).
    QHash<QString, QString> hashes;
    for (const demo::DemoUser &u : data.users) {
        if (!hashes.contains(u.password))
            hashes.insert(u.password, passwords::hash(u.password));
    }

    const Outcome o = writer.runAndWait([&](WriteContext &ctx) {
        Store &store = ctx.store();
        QHash<QString, TeamId> teamIds;
        for (const Team &t : data.teams)
            teamIds.insert(t.name, store.insertTeam(t));
        QHash<QString, UserId> userIds;
        QHash<QString, UserId> byDisplayName;
        for (const demo::DemoUser &du : data.users) {
            User u = du.user;
            u.teamId = teamIds.value(du.teamName);
            u.id = store.insertUser(u, hashes.value(du.password), ctx.now());
            userIds.insert(u.username, u.id);
            byDisplayName.insert(u.displayName, u.id);
        }
        for (const demo::DemoStaff &s : data.staff) {
            FieldStaff f;
            f.userId = userIds.value(s.username);
            f.skills = s.skills;
            f.status = s.status;
            f.position = s.position;
            f.accuracy = s.accuracy;
            f.positionAt = s.positionAt;
            store.upsertStaff(f);
        }
        for (const demo::DemoTicket &dt : data.tickets) {
            Ticket t = dt.ticket;
            const TicketType *type = types.type(t.type);
            if (!type)
                continue;
            t.version = 1;
            t.assigneeId = userIds.value(dt.assigneeUsername);
            t.teamId = teamIds.value(dt.teamName);
            if (!dt.requesterUsername.isEmpty())
                t.requester.userId = userIds.value(dt.requesterUsername);
            t.createdBy = userIds.value(u"disp1"_s);
            t.number = store.nextTicketNumber(t.createdAt.date().year());
            t.id = store.insertTicket(t, static_cast<int>(type->phaseOf(t.status)));
            AuditEntry created;
            created.ticketId = t.id;
            created.actorId = t.createdBy;
            created.actorName = u"demo"_s;
            created.at = t.createdAt;
            created.action = u"create"_s;
            created.changes = {
                {u"status"_s, QJsonObject{{u"from"_s, QJsonValue::Null}, {u"to"_s, type->initialStatus()}}}};
            store.insertAudit(created);
            if (t.status != type->initialStatus()) {
                AuditEntry moved = created;
                moved.at = t.updatedAt;
                moved.action = u"transition"_s;
                moved.changes = {{u"status"_s, QJsonObject{{u"from"_s, type->initialStatus()}, {u"to"_s, t.status}}}};
                store.insertAudit(moved);
            }
            for (Comment c : dt.comments) {
                c.ticketId = t.id;
                c.authorId = byDisplayName.value(c.authorName);
                store.insertComment(c);
            }
        }
        return Outcome::success({});
    });
    if (!o.ok && error)
        *error = u"demo data: "_s + o.error.message;
    return o.ok;
}

} // namespace crewline::server
