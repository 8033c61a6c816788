// The SQLite store (server/storage/): every table the services use, ticket lists and free-text search, events and
// idempotency keys, against a real database file in a temporary folder. Schema migrations: tst_migrations.

#include "server/storage/searchindex.h"
#include "server/storage/store.h"

#include "common/jsonwriter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include <memory>
#include <optional>
#include <tuple>

using namespace crewline;
using namespace crewline::server;
using namespace Qt::StringLiterals;

namespace {

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int msec = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, msec), Qt::UTC);
}

QDateTime jan(int day, int hour = 0)
{
    return utc(2026, 1, day, hour);
}

QList<qint64> idsOf(const TicketPage &page)
{
    QList<qint64> out;
    for (const Ticket &t : page.tickets)
        out << t.id.value();
    return out;
}

Ticket makeTicket(int n)
{
    Ticket t;
    t.number = u"WO-2026-%1"_s.arg(n, 6, 10, QLatin1Char('0'));
    t.type = u"repair"_s;
    t.status = u"registered"_s;
    t.title = u"Ticket %1"_s.arg(n);
    t.createdAt = jan(n);
    t.updatedAt = jan(n, 1);
    t.version = 1;
    return t;
}

Ticket fullTicket()
{
    Ticket t = makeTicket(1);
    t.type = u"repair"_s;
    t.status = u"suspended"_s;
    t.suspendedFrom = u"on_site"_s;
    t.priority = Priority::Urgent;
    t.category = u"管道漏水"_s;
    t.department = u"供水一所"_s;
    t.title = u"文三路 12 号楼地下室漏水"_s;
    t.description = u"Water on the floor.\n第二行。"_s;
    t.requester = Requester{u"王女士"_s, u"13800000000"_s, UserId(7)};
    t.address = u"文三路 12 号"_s;
    t.location = GeoPoint::at(30.2741, 120.1551);
    t.source = u"hotline"_s;
    t.assigneeId = UserId(3);
    t.teamId = TeamId(2);
    t.createdBy = UserId(1);
    t.createdAt = utc(2026, 1, 5, 8, 30, 0, 123);
    t.updatedAt = utc(2026, 1, 5, 9, 0, 1, 5);
    t.acceptedAt = utc(2026, 1, 5, 8, 40);
    t.firstResponseAt = utc(2026, 1, 5, 8, 35);
    t.resolvedAt = utc(2026, 1, 6, 8, 35);
    t.closedAt = utc(2026, 1, 7, 8, 35);
    t.version = 9;
    t.urgeCount = 2;
    t.mergedInto = TicketId(40);
    t.pendingApproval = PendingApproval{
        u"review"_s, u"supervisor"_s, UserId(4), utc(2026, 1, 5, 8, 50), QJsonObject{{u"resolution"_s, u"replaced"_s}},
        u"please"_s};
    t.fields = QJsonObject{{u"resolution"_s, u"pipe replaced"_s}, {u"count"_s, 3}};
    return t;
}

StoredEvent makeEvent(const QString &type, TicketId ticket = TicketId(1))
{
    StoredEvent e;
    e.event.type = type;
    e.event.at = jan(10, 12);
    e.event.ticketId = ticket;
    e.event.data = QJsonObject{{u"k"_s, type}};
    return e;
}

QList<qint64> seqsOf(const QList<StoredEvent> &events)
{
    QList<qint64> out;
    for (const StoredEvent &e : events)
        out << e.event.seq;
    return out;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> out;
    for (qint64 i = from; i <= to; ++i)
        out << i;
    return out;
}

// A query in id order, so that filter checks do not depend on timestamps.
protocol::TicketQuery byNumber()
{
    protocol::TicketQuery q;
    q.sort = u"number"_s;
    q.descending = false;
    return q;
}

} // namespace

class TestStorage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void users();
    void sessions();
    void teamsAndStaff();
    void staffPositionsTracksAndFreeze();
    void dispatchStateAndDeadlines();

    void ticketRoundTrip();
    void ticketUpdate();
    void touchTicket();
    void ticketNumbers();
    void ticketNumberGivenBackOnRollback();
    void bulkInsert();

    void listFilters();
    void listFreeText();
    void listFreeTextWithSearchIndex();
    void listSorting();
    void listPaging();
    void listKeysetPaging();
    void listFreeTextPlans();
    void summariesFromRowsEqualTickets();

    void comments();
    void moveComments();
    void moveAllCommentsAndAttachments();
    void history();
    void links();

    void eventsAreGapFree();
    void eventsAfterRollbackTransaction();
    void eventContent();
    void idempotency();

    void failedStatementRollsBackJob();
    void readerSeesLaterCommits();
    void walStartsOverUnderSteadyWrites();

private:
    std::unique_ptr<Store> open(const QString &file = u"crewline.db"_s, bool readOnly = false);
    QList<TicketId> seedListTickets();
    void checkFreeText(Store &store);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    int m_connections = 0;
};

std::unique_ptr<Store> TestStorage::open(const QString &file, bool readOnly)
{
    return openSqliteStore({m_dir->filePath(file), u"tst-storage-%1"_s.arg(++m_connections), readOnly, QString()});
}

void TestStorage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = open();
    m_store->migrate();
}

void TestStorage::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

// --- people --------------------------------------------------------------------------------------------------------

void TestStorage::users()
{
    Team team{TeamId(), u"管网一班"_s, u"西湖区"_s};
    const TeamId teamId = m_store->insertTeam(team);
    QVERIFY(teamId.isValid());

    User u;
    u.username = u"Wang.Qiang"_s;
    u.displayName = u"王强"_s;
    u.role = Role::Engineer;
    u.teamId = teamId;
    u.email = u"wq@example.org"_s;
    u.phone = u"138"_s;
    const UserId id = m_store->insertUser(u, u"$argon2id$hash"_s, jan(1));
    QVERIFY(id.isValid());

    User requester;
    requester.username = u"li"_s; // no display name, email or phone: null strings must still insert
    requester.role = Role::Requester;
    requester.active = false;
    const UserId requesterId = m_store->insertUser(requester, u"h"_s, jan(1));
    QVERIFY(requesterId.isValid());
    QVERIFY(requesterId != id);

    const std::optional<UserRecord> byName = m_store->userByName(u"wang.qiang"_s); // case-insensitive
    QVERIFY(byName);
    QCOMPARE(byName->user.id, id);
    QCOMPARE(byName->user.username, u"Wang.Qiang"_s);
    QCOMPARE(byName->user.displayName, u"王强"_s);
    QCOMPARE(byName->user.role, Role::Engineer);
    QCOMPARE(byName->user.teamId, teamId);
    QCOMPARE(byName->user.email, u.email);
    QCOMPARE(byName->user.phone, u.phone);
    QVERIFY(byName->user.active);
    QCOMPARE(byName->passwordHash, u"$argon2id$hash"_s);
    QCOMPARE(byName->failedLogins, 0);
    QVERIFY(!byName->lockedUntil.isValid());
    QVERIFY(!m_store->userById(requesterId)->user.active);
    QVERIFY(!m_store->userByName(u"nobody"_s));
    QVERIFY(!m_store->userById(UserId(999)));

    m_store->setLoginState(id, 3, jan(2, 8));
    QCOMPARE(m_store->userById(id)->failedLogins, 3);
    QCOMPARE(m_store->userById(id)->lockedUntil, jan(2, 8));
    m_store->setLoginState(id, 0, QDateTime());
    QVERIFY(!m_store->userById(id)->lockedUntil.isValid());

    const QList<User> all = m_store->users();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).id, id);
    QCOMPARE(all.at(1).id, requesterId);

    // Usernames are unique regardless of case.
    User clash = u;
    clash.username = u"WANG.QIANG"_s;
    QVERIFY_THROWS_EXCEPTION(StorageError, m_store->insertUser(clash, u"h"_s, jan(1)));
    QCOMPARE(m_store->users().size(), 2);
}

void TestStorage::sessions()
{
    User u;
    u.username = u"a"_s;
    const UserId id = m_store->insertUser(u, u"h"_s, jan(1));
    m_store->insertSession(u"hash-old"_s, {id, jan(1), jan(2)});
    m_store->insertSession(u"hash-new"_s, {id, jan(3), jan(10)});

    const std::optional<SessionRecord> s = m_store->session(u"hash-new"_s);
    QVERIFY(s);
    QCOMPARE(s->userId, id);
    QCOMPARE(s->createdAt, jan(3));
    QCOMPARE(s->expiresAt, jan(10));
    QVERIFY(!m_store->session(u"unknown"_s));

    m_store->removeExpiredSessions(jan(5));
    QVERIFY(!m_store->session(u"hash-old"_s));
    QVERIFY(m_store->session(u"hash-new"_s));

    m_store->removeSession(u"hash-new"_s);
    QVERIFY(!m_store->session(u"hash-new"_s));
    m_store->removeSession(u"hash-new"_s); // twice is harmless
}

void TestStorage::teamsAndStaff()
{
    const TeamId north = m_store->insertTeam({TeamId(), u"North"_s, u"拱墅区"_s});
    const TeamId south = m_store->insertTeam({TeamId(), u"South"_s, QString()});
    QCOMPARE(m_store->teams().size(), 2);
    QCOMPARE(m_store->teams().at(0).area, u"拱墅区"_s);
    QCOMPARE(m_store->teams().at(1).id, south);
    QVERIFY_THROWS_EXCEPTION(StorageError, m_store->insertTeam({TeamId(), u"North"_s, QString()}));

    User engineer;
    engineer.username = u"eng"_s;
    engineer.displayName = u"王师傅"_s;
    engineer.role = Role::Engineer;
    engineer.teamId = north;
    const UserId id = m_store->insertUser(engineer, u"h"_s, jan(1));

    FieldStaff f;
    f.userId = id;
    f.skills = {u"pipe"_s, u"meter"_s};
    f.status = StaffStatus::Available;
    m_store->upsertStaff(f);
    QList<FieldStaff> staff = m_store->staff();
    QCOMPARE(staff.size(), 1);
    QCOMPARE(staff.first().name, u"王师傅"_s); // from the user
    QCOMPARE(staff.first().teamId, north);
    QVERIFY(!staff.first().position.isValid());
    QVERIFY(!staff.first().positionAt.isValid());

    // A second report updates the same row.
    f.status = StaffStatus::EnRoute;
    f.position = GeoPoint::at(30.3, 120.2);
    f.accuracy = 15;
    f.positionAt = jan(4, 9);
    f.skills = {u"valve"_s};
    m_store->upsertStaff(f);
    staff = m_store->staff();
    QCOMPARE(staff.size(), 1);
    QCOMPARE(staff.first().status, StaffStatus::EnRoute);
    QCOMPARE(staff.first().position, GeoPoint::at(30.3, 120.2));
    QCOMPARE(staff.first().accuracy, 15.0);
    QCOMPARE(staff.first().positionAt, jan(4, 9));
    QCOMPARE(staff.first().skills, QStringList{u"valve"_s});

    // Open tickets count new and active ones, not resolved or closed.
    for (int phase : {0, 1, 1, 2, 3}) {
        Ticket t = makeTicket(m_store->ticketCount() + 1);
        t.assigneeId = id;
        m_store->insertTicket(t, phase);
    }
    QCOMPARE(m_store->staff().first().openTickets, 3);

    // An inactive account is no longer field staff: not listed (the map) and so never a dispatch candidate.
    User gone = engineer;
    gone.username = u"eng.left"_s;
    gone.active = false;
    FieldStaff left;
    left.userId = m_store->insertUser(gone, u"h"_s, jan(1));
    left.status = StaffStatus::Available;
    m_store->upsertStaff(left);
    QCOMPARE(m_store->staff().size(), 1);
    QCOMPARE(m_store->staff().first().userId, id);
    QVERIFY(m_store->staffMember(left.userId)); // still readable by id (its own reports)
}

void TestStorage::staffPositionsTracksAndFreeze()
{
    User engineer;
    engineer.username = u"eng"_s;
    engineer.displayName = u"李师傅"_s;
    engineer.role = Role::Engineer;
    const UserId id = m_store->insertUser(engineer, u"h"_s, jan(1));
    QVERIFY(!m_store->staffMember(id));

    FieldStaff f;
    f.userId = id;
    f.status = StaffStatus::EnRoute;
    f.position = GeoPoint::at(30.25, 120.15);
    f.positionAt = jan(4, 9);
    f.heading = 271.5;
    f.speed = 8.5;
    f.frozenOn = QDate(2026, 1, 4);
    m_store->upsertStaff(f);
    std::optional<FieldStaff> read = m_store->staffMember(id, QDate(2026, 1, 4));
    QVERIFY(read);
    QCOMPARE(read->name, u"李师傅"_s);
    QCOMPARE(read->heading, 271.5);
    QCOMPARE(read->speed, 8.5);
    QVERIFY(read->frozen);                                         // frozen on the day it was frozen ...
    QVERIFY(!m_store->staffMember(id, QDate(2026, 1, 5))->frozen); // ... not the next
    QVERIFY(!m_store->staff().first().frozen);                     // nor without a day
    f.heading = -1;
    f.speed = -1;
    m_store->upsertStaff(f);
    QCOMPARE(m_store->staffMember(id)->heading, -1.0); // unknown stays unknown (NULL)

    // Tracks: oldest first, the newest `limit`, pruned by age and by count per person.
    for (int i = 0; i < 10; ++i)
        m_store->appendTrack(id, {GeoPoint::at(30.0 + i * 0.001, 120.0), 5.0 + i, jan(2, i)});
    QList<TrackPoint> points = m_store->track(id, jan(1), 100);
    QCOMPARE(points.size(), 10);
    QCOMPARE(points.first().at, jan(2, 0));
    QCOMPARE(points.last().accuracy, 14.0);
    points = m_store->track(id, jan(1), 3);
    QCOMPARE(points.size(), 3);
    QCOMPARE(points.first().at, jan(2, 7));
    QCOMPARE(m_store->track(id, jan(2, 8), 100).size(), 2);
    QVERIFY(m_store->track(UserId(id.value() + 1), jan(1), 100).isEmpty());
    m_store->pruneTracks(jan(2, 2), 1000); // drops hours 0 and 1
    QCOMPARE(m_store->track(id, jan(1), 100).size(), 8);
    m_store->pruneTracks(jan(1), 5); // keeps the newest five
    points = m_store->track(id, jan(1), 100);
    QCOMPARE(points.size(), 5);
    QCOMPARE(points.first().at, jan(2, 5));
}

void TestStorage::dispatchStateAndDeadlines()
{
    Ticket a = makeTicket(1);
    a.dispatch.mode = u"assigned"_s;
    a.dispatch.dispatchedAt = jan(3, 8);
    a.dispatch.deadline = jan(3, 9);
    a.dispatch.tried = {UserId(4)};
    a.dispatch.attempts = 1;
    a.id = m_store->insertTicket(a, 0);
    Ticket b = makeTicket(2);
    b.dispatch.mode = u"pool"_s;
    b.dispatch.deadline = jan(3, 10);
    b.id = m_store->insertTicket(b, 0);
    Ticket c = makeTicket(3); // never dispatched
    c.id = m_store->insertTicket(c, 0);

    QCOMPARE(m_store->ticket(a.id)->dispatch, a.dispatch);
    QVERIFY(!m_store->ticket(c.id)->dispatch.isValid());
    QVERIFY(m_store->dispatchDue(jan(3, 8), 10).isEmpty());
    QList<Ticket> due = m_store->dispatchDue(jan(3, 11), 10);
    QCOMPARE(due.size(), 2);
    QCOMPARE(due.first().id, a.id); // earliest deadline first
    QCOMPARE(m_store->dispatchDue(jan(3, 11), 1).size(), 1);

    // Clearing the deadline (accepted) takes the ticket off the list; the rest of the state stays.
    a.dispatch.deadline = {};
    a.version = 2;
    m_store->updateTicket(a, 1);
    due = m_store->dispatchDue(jan(4), 10);
    QCOMPARE(due.size(), 1);
    QCOMPARE(due.first().id, b.id);
    QCOMPARE(m_store->ticket(a.id)->dispatch.mode, u"assigned"_s);
}

// --- tickets -------------------------------------------------------------------------------------------------------

void TestStorage::ticketRoundTrip()
{
    Ticket t = fullTicket();
    t.id = m_store->insertTicket(t, 1);
    QVERIFY(t.id.isValid());
    const std::optional<Ticket> back = m_store->ticket(t.id);
    QVERIFY(back);
    QVERIFY(*back == t);
    QCOMPARE(back->toJson(), t.toJson());
    QVERIFY(*m_store->ticketByNumber(t.number) == t);
    QVERIFY(!m_store->ticket(TicketId(999)));
    QVERIFY(!m_store->ticketByNumber(u"WO-2026-999999"_s));

    // A minimal ticket: every unset field reads back unset.
    Ticket minimal = makeTicket(2);
    minimal.id = m_store->insertTicket(minimal, 0);
    const std::optional<Ticket> m = m_store->ticket(minimal.id);
    QVERIFY(*m == minimal);
    QVERIFY(!m->assigneeId.isValid());
    QVERIFY(!m->location.isValid());
    QVERIFY(!m->pendingApproval.isValid());
    QVERIFY(!m->closedAt.isValid());
    QVERIFY(m->fields.isEmpty());

    // Numbers are unique.
    QVERIFY_THROWS_EXCEPTION(StorageError, m_store->insertTicket(makeTicket(2), 0));
    QCOMPARE(m_store->ticketCount(), 2);
}

void TestStorage::ticketUpdate()
{
    Ticket t = fullTicket();
    t.id = m_store->insertTicket(t, 1);

    t.status = u"closed"_s;
    t.suspendedFrom.clear();
    t.assigneeId = UserId();
    t.location = GeoPoint();
    t.pendingApproval = PendingApproval();
    t.fields.insert(u"callbackResult"_s, u"满意"_s);
    t.version = 10;
    t.updatedAt = jan(20);
    m_store->updateTicket(t, 3);
    QVERIFY(*m_store->ticket(t.id) == t);

    protocol::TicketQuery closed = byNumber();
    closed.open = false;
    QCOMPARE(idsOf(m_store->listTickets(closed, {})), QList<qint64>{t.id.value()}); // phase updated too

    Ticket ghost = t;
    ghost.id = TicketId(12345);
    QVERIFY_THROWS_EXCEPTION(StorageError, m_store->updateTicket(ghost, 0));
}

void TestStorage::touchTicket()
{
    Ticket t = makeTicket(1);
    t.id = m_store->insertTicket(t, 0);

    m_store->touchTicket(t.id, jan(5), jan(5));
    Ticket back = *m_store->ticket(t.id);
    QCOMPARE(back.updatedAt, jan(5));
    QCOMPARE(back.firstResponseAt, jan(5));
    QCOMPARE(back.version, 1); // a message is not a new version

    // Earlier activity does not move updatedAt back; the first response is kept.
    m_store->touchTicket(t.id, jan(3), jan(6));
    back = *m_store->ticket(t.id);
    QCOMPARE(back.updatedAt, jan(5));
    QCOMPARE(back.firstResponseAt, jan(5));

    // Without a response time (an internal note) the first response stays unset.
    Ticket other = makeTicket(2);
    other.id = m_store->insertTicket(other, 0);
    m_store->touchTicket(other.id, jan(7), QDateTime());
    QVERIFY(!m_store->ticket(other.id)->firstResponseAt.isValid());
    QCOMPARE(m_store->ticket(other.id)->updatedAt, jan(7));
}

void TestStorage::ticketNumbers()
{
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000001"_s);
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000002"_s);
    QCOMPARE(m_store->nextTicketNumber(2027), u"WO-2027-000001"_s); // per year
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000003"_s);

    // Survives a restart.
    m_store.reset();
    m_store = open();
    m_store->migrate();
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000004"_s);
    QCOMPARE(m_store->nextTicketNumber(2027), u"WO-2027-000002"_s);
}

void TestStorage::ticketNumberGivenBackOnRollback()
{
    m_store->beginTransaction();
    m_store->beginJob();
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000001"_s);
    m_store->endJob(false); // the job failed: its number is not used up
    m_store->beginJob();
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000001"_s);
    m_store->endJob(true);
    m_store->commitTransaction();

    m_store->beginTransaction();
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000002"_s);
    m_store->rollbackTransaction();
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000002"_s);

    // In a transaction the numbers are counted in memory and written before COMMIT: several jobs, one failing in the
    // middle, two years; another connection continues where the transaction ended.
    m_store->beginTransaction();
    for (const bool keep : {true, false, true, true}) {
        m_store->beginJob();
        m_store->nextTicketNumber(2026);
        m_store->endJob(keep);
    }
    m_store->beginJob();
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000006"_s);
    QCOMPARE(m_store->nextTicketNumber(2027), u"WO-2027-000001"_s);
    m_store->endJob(true);
    m_store->commitTransaction();
    std::unique_ptr<Store> other = open();
    QCOMPARE(other->nextTicketNumber(2026), u"WO-2026-000007"_s);
    QCOMPARE(other->nextTicketNumber(2027), u"WO-2027-000002"_s);
    m_store->beginTransaction();
    QCOMPARE(m_store->nextTicketNumber(2026), u"WO-2026-000008"_s); // read again in each transaction
    m_store->commitTransaction();
}

void TestStorage::bulkInsert()
{
    QList<Ticket> tickets;
    QList<int> phases;
    for (int i = 1; i <= 250; ++i) {
        tickets << makeTicket(i);
        phases << (i % 4);
    }
    m_store->beginTransaction();
    m_store->bulkInsertTickets(tickets, phases);
    m_store->commitTransaction();
    QCOMPARE(m_store->ticketCount(), 250);
    QCOMPARE(m_store->lastSeq(), 0); // no events
    protocol::TicketQuery open = byNumber();
    open.open = true;
    open.limit = 500;
    QCOMPARE(m_store->listTickets(open, {}).total, 250 - 250 / 4);
}

// --- lists ---------------------------------------------------------------------------------------------------------

QList<TicketId> TestStorage::seedListTickets()
{
    // id  type         status             phase prio    assignee requester team created updated
    // 1   repair       registered         0     high    -        100       1    jan 1   jan 10
    // 2   repair       dispatched         1     urgent  7        101       1    jan 2   jan 9
    // 3   it_helpdesk  in_progress        1     normal  8        100       2    jan 3   jan 8   (pending approval)
    // 4   it_helpdesk  completed          3     low     7        -         2    jan 4   jan 7
    // 5   inquiry      closed             3     normal  -        -         -    jan 5   jan 6
    // 6   complaint    callback_verified  2     high    -        102       -    jan 6   jan 5
    QList<TicketId> ids;
    const auto add = [&](int n, const QString &type, const QString &status, int phase, Priority p, qint64 assignee,
                         qint64 requester, qint64 team, const QString &title, const QString &description) {
        Ticket t = makeTicket(n);
        t.type = type;
        t.status = status;
        t.priority = p;
        t.assigneeId = UserId(assignee);
        t.requester.userId = UserId(requester);
        t.teamId = TeamId(team);
        t.title = title;
        t.description = description;
        t.createdAt = jan(n);
        t.updatedAt = jan(11 - n);
        t.category = n <= 2 ? u"管道漏水"_s : u"其他"_s;
        t.department = n % 2 ? u"一所"_s : u"二所"_s;
        ids << m_store->insertTicket(t, phase);
    };
    add(1, u"repair"_s, u"registered"_s, 0, Priority::High, 0, 100, 1, u"文三路漏水"_s, QString());
    add(2, u"repair"_s, u"dispatched"_s, 1, Priority::Urgent, 7, 101, 1, u"Burst pipe"_s,
        u"水管爆裂, pressure down 50% since 8:00"_s);
    add(3, u"it_helpdesk"_s, u"in_progress"_s, 1, Priority::Normal, 8, 100, 2, u"Printer_jam"_s, u"打印机卡纸"_s);
    add(4, u"it_helpdesk"_s, u"completed"_s, 3, Priority::Low, 7, 0, 2, u"VPN 100% broken"_s, QString());
    add(5, u"inquiry"_s, u"closed"_s, 3, Priority::Normal, 0, 0, 0, u"账单疑问"_s, u"漏 水费"_s);
    add(6, u"complaint"_s, u"callback_verified"_s, 2, Priority::High, 0, 102, 0, u"Noise"_s, u"施工扰民，楼上漏水"_s);

    Ticket withApproval = *m_store->ticket(ids.at(2));
    withApproval.pendingApproval = PendingApproval{u"review"_s, u"supervisor"_s, UserId(1), jan(8), {}, {}};
    m_store->updateTicket(withApproval, 1);
    return ids;
}

void TestStorage::listFilters()
{
    seedListTickets();
    const auto ids = [this](const protocol::TicketQuery &q, const Visibility &v = {}) {
        return idsOf(m_store->listTickets(q, v));
    };
    using L = QList<qint64>;

    protocol::TicketQuery q = byNumber();
    QCOMPARE(ids(q), (L{1, 2, 3, 4, 5, 6}));

    q = byNumber();
    q.statuses = {u"registered"_s, u"dispatched"_s};
    QCOMPARE(ids(q), (L{1, 2}));

    q = byNumber();
    q.types = {u"it_helpdesk"_s};
    QCOMPARE(ids(q), (L{3, 4}));

    q = byNumber();
    q.priorities = {u"high"_s};
    QCOMPARE(ids(q), (L{1, 6}));
    q.priorities = {u"high"_s, u"bogus"_s};
    QCOMPARE(ids(q), (L{1, 6}));
    q.priorities = {u"bogus"_s}; // only unknown priorities: nothing, not everything
    QCOMPARE(ids(q), L{});
    QCOMPARE(m_store->listTickets(q, {}).tickets.size(), 0);

    q = byNumber();
    q.categories = {u"管道漏水"_s};
    QCOMPARE(ids(q), (L{1, 2}));
    q = byNumber();
    q.departments = {u"二所"_s};
    QCOMPARE(ids(q), (L{2, 4, 6}));

    q = byNumber();
    q.assigneeIds = {UserId(7)};
    QCOMPARE(ids(q), (L{2, 4}));
    q.assigneeIds = {UserId(7), UserId(8)};
    QCOMPARE(ids(q), (L{2, 3, 4}));

    q = byNumber();
    q.teamIds = {TeamId(2)};
    QCOMPARE(ids(q), (L{3, 4}));

    q = byNumber();
    q.unassigned = true;
    QCOMPARE(ids(q), (L{1, 5, 6}));
    q.unassigned = false;
    QCOMPARE(ids(q), (L{2, 3, 4}));

    q = byNumber();
    q.open = true; // not closed: new, active and resolved
    QCOMPARE(ids(q), (L{1, 2, 3, 6}));
    q.open = false;
    QCOMPARE(ids(q), (L{4, 5}));

    q = byNumber();
    q.pendingApproval = true;
    QCOMPARE(ids(q), L{3});
    q.pendingApproval = false;
    QCOMPARE(ids(q), (L{1, 2, 4, 5, 6}));

    q = byNumber();
    q.requesterId = UserId(100);
    QCOMPARE(ids(q), (L{1, 3}));

    // A requester sees only the tickets they requested, whatever they ask for.
    q = byNumber();
    QCOMPARE(ids(q, {false, UserId(101)}), L{2});
    q.requesterId = UserId(100);
    QCOMPARE(ids(q, {false, UserId(101)}), L{});
    q = byNumber();
    QCOMPARE(ids(q, {false, UserId(555)}), L{});
    QCOMPARE(m_store->listTickets(q, {false, UserId(100)}).total, 2);

    // Ranges: from inclusive, to exclusive.
    q = byNumber();
    q.createdFrom = jan(3);
    QCOMPARE(ids(q), (L{3, 4, 5, 6}));
    q.createdTo = jan(5);
    QCOMPARE(ids(q), (L{3, 4}));
    q = byNumber();
    q.createdTo = jan(3);
    QCOMPARE(ids(q), (L{1, 2}));
    q = byNumber();
    q.updatedFrom = jan(8);
    QCOMPARE(ids(q), (L{1, 2, 3}));
    q.updatedTo = jan(9);
    QCOMPARE(ids(q), L{3});

    // Filters combine with AND.
    q = byNumber();
    q.types = {u"repair"_s, u"it_helpdesk"_s};
    q.open = true;
    q.assigneeIds = {UserId(7), UserId(8)};
    QCOMPARE(ids(q), (L{2, 3}));
}

void TestStorage::checkFreeText(Store &store)
{
    const auto ids = [&store](const QString &text) {
        protocol::TicketQuery q = byNumber();
        q.text = text;
        return idsOf(store.listTickets(q, {}));
    };
    using L = QList<qint64>;

    // Chinese: a two-character substring of title or description, but not the characters apart ("漏 水").
    QCOMPARE(ids(u"漏水"_s), (L{1, 6}));
    QCOMPARE(ids(u"打印"_s), L{3});
    QCOMPARE(ids(u"卡"_s), L{3});
    QCOMPARE(ids(u"水管爆裂"_s), L{2});
    QCOMPARE(ids(u"楼上漏水"_s), L{6});
    QCOMPARE(ids(u"上漏水楼"_s), L{}); // the same characters in another order
    // ASCII is case-insensitive.
    QCOMPARE(ids(u"burst"_s), L{2});
    QCOMPARE(ids(u"PRINTER"_s), L{3});
    QCOMPARE(ids(u"pipe"_s), L{2});
    QCOMPARE(ids(u"ep"_s), L{}); // "pipe", "Printer_jam" hold e and p, not "ep"
    // The ticket number.
    QCOMPARE(ids(u"WO-2026-000004"_s), L{4});
    QCOMPARE(ids(u"000005"_s), L{5});
    // LIKE's wildcards are ordinary characters here.
    QCOMPARE(ids(u"%"_s), (L{2, 4}));
    QCOMPARE(ids(u"50%"_s), L{2});
    QCOMPARE(ids(u"0%"_s), (L{2, 4}));
    QCOMPARE(ids(u"_"_s), L{3});
    QCOMPARE(ids(u"r_j"_s), L{3});
    QCOMPARE(ids(u"Printer_"_s), L{3});
    QCOMPARE(ids(u"Printe__am"_s), L{});
    QCOMPARE(ids(u"\\"_s), L{});
    QCOMPARE(ids(u"\"quoted\""_s), L{});
    QCOMPARE(ids(u"'; DROP TABLE tickets; --"_s), L{});
    QCOMPARE(store.ticketCount(), 6);
    // Surrounding blanks are ignored; blank text is no filter.
    QCOMPARE(ids(u"  burst  "_s), L{2});
    QCOMPARE(ids(u"   "_s).size(), 6);

    // A count stopped at totalLimit says so; one at or above the matches is exact. The page is the same.
    const auto counted = [&store](const QString &text, std::optional<int> limit) {
        protocol::TicketQuery q = byNumber();
        q.text = text;
        q.totalLimit = limit;
        const TicketPage page = store.listTickets(q, {});
        QByteArray json;
        JsonWriter w(json);
        w.beginArray();
        const TicketListWritten written = store.writeTicketSummaries(q, {}, w, TicketShape::Row);
        w.endArray();
        if (written.total != page.total || written.totalCapped != page.totalCapped)
            return std::tuple{L{-1}, qint64(-1), false};
        return std::tuple{idsOf(page), page.total, page.totalCapped};
    };
    QCOMPARE(counted(u"漏水"_s, 1), std::tuple(L{1, 6}, qint64(1), true));
    QCOMPARE(counted(u"漏水"_s, 2), std::tuple(L{1, 6}, qint64(2), false));
    QCOMPARE(counted(u"漏水"_s, 3), std::tuple(L{1, 6}, qint64(2), false));
    QCOMPARE(counted(u"漏水"_s, std::nullopt), std::tuple(L{1, 6}, qint64(2), false));
    QCOMPARE(counted(u"0%"_s, 1), std::tuple(L{2, 4}, qint64(1), true));
    QCOMPARE(counted(u"burst"_s, 1), std::tuple(L{2}, qint64(1), false));
    QCOMPARE(counted(u"no such words"_s, 1), std::tuple(L{}, qint64(0), false));
    QCOMPARE(counted(QString(), 5), std::tuple(L{1, 2, 3, 4, 5, 6}, qint64(5), true));
}

void TestStorage::listFreeText()
{
    seedListTickets();
    checkFreeText(*m_store);
}

void TestStorage::listFreeTextWithSearchIndex()
{
    // The read connection answers free text from the search index (searchindex.h) once it is built, and must give
    // the same answers as without it.
    seedListTickets();
    const QString mainPath = m_dir->filePath(u"crewline.db"_s);
    const QString searchPath = m_dir->filePath(u"search.db"_s);
    SearchIndexer indexer(mainPath, searchPath);
    QCOMPARE(indexer.indexPending(), 6);
    std::unique_ptr<Store> reader =
        openSqliteStore({mainPath, u"tst-storage-search-%1"_s.arg(++m_connections), true, searchPath});
    checkFreeText(*reader);
    if (QTest::currentTestFailed())
        return;

    // A change committed after the index's watermark is found at once, and its old text no longer matches.
    Ticket changed = *m_store->ticket(TicketId(2));
    changed.title = u"Leaking valve"_s;
    changed.updatedAt = QDateTime::currentDateTimeUtc();
    m_store->updateTicket(changed, 1);
    protocol::TicketQuery q = byNumber();
    q.text = u"valve"_s;
    QCOMPARE(idsOf(reader->listTickets(q, {})), QList<qint64>{2});
    q.text = u"burst"_s;
    QCOMPARE(idsOf(reader->listTickets(q, {})), QList<qint64>{});

    // Once indexed through the event log, the same holds.
    StoredEvent e = makeEvent(u"ticket.changed"_s, TicketId(2));
    e.event.at = changed.updatedAt;
    m_store->beginTransaction();
    m_store->appendEvent(e);
    m_store->commitTransaction();
    QCOMPARE(indexer.indexPending(), 1);
    q.text = u"valve"_s;
    QCOMPARE(idsOf(reader->listTickets(q, {})), QList<qint64>{2});
    q.text = u"leaking valve"_s;
    QCOMPARE(idsOf(reader->listTickets(q, {})), QList<qint64>{2});
    q.text = u"burst"_s;
    QCOMPARE(idsOf(reader->listTickets(q, {})), QList<qint64>{});
}

void TestStorage::listSorting()
{
    seedListTickets();
    const auto ids = [this](const QString &sort, bool descending) {
        protocol::TicketQuery q;
        q.sort = sort;
        q.descending = descending;
        return idsOf(m_store->listTickets(q, {}));
    };
    using L = QList<qint64>;

    QCOMPARE(ids(u"updated"_s, true), (L{1, 2, 3, 4, 5, 6}));
    QCOMPARE(ids(u"updated"_s, false), (L{6, 5, 4, 3, 2, 1}));
    QCOMPARE(ids(u"created"_s, false), (L{1, 2, 3, 4, 5, 6}));
    QCOMPARE(ids(u"created"_s, true), (L{6, 5, 4, 3, 2, 1}));
    QCOMPARE(ids(u"number"_s, false), (L{1, 2, 3, 4, 5, 6}));
    QCOMPARE(ids(u"number"_s, true), (L{6, 5, 4, 3, 2, 1}));
    // Priority by rank, not by name; ties broken by id in the same direction.
    QCOMPARE(ids(u"priority"_s, true), (L{2, 6, 1, 5, 3, 4}));
    QCOMPARE(ids(u"priority"_s, false), (L{4, 3, 5, 1, 6, 2}));
    QCOMPARE(ids(u"status"_s, false), (L{6, 5, 4, 2, 3, 1}));
    // Unknown keys fall back to "updated" (and never reach the SQL).
    QCOMPARE(ids(u"title; DROP TABLE tickets"_s, true), (L{1, 2, 3, 4, 5, 6}));
    QCOMPARE(m_store->ticketCount(), 6);
}

void TestStorage::listPaging()
{
    seedListTickets();
    protocol::TicketQuery q = byNumber();
    q.limit = 2;
    q.offset = 2;
    TicketPage page = m_store->listTickets(q, {});
    QCOMPARE(idsOf(page), (QList<qint64>{3, 4}));
    QCOMPARE(page.total, 6);

    q.offset = 5;
    page = m_store->listTickets(q, {});
    QCOMPARE(idsOf(page), QList<qint64>{6});
    QCOMPARE(page.total, 6);

    q.offset = 10;
    page = m_store->listTickets(q, {});
    QVERIFY(page.tickets.isEmpty());
    QCOMPARE(page.total, 6);

    // The total counts the filtered set, not the page.
    q.offset = 0;
    q.types = {u"repair"_s, u"it_helpdesk"_s};
    q.limit = 1;
    page = m_store->listTickets(q, {});
    QCOMPARE(idsOf(page), QList<qint64>{1});
    QCOMPARE(page.total, 4);

    q.withTotal = false;
    QCOMPARE(m_store->listTickets(q, {}).total, -1);

    // Pages of a sorted list do not overlap or skip, even with ties.
    protocol::TicketQuery byPriority;
    byPriority.sort = u"priority"_s;
    byPriority.limit = 1;
    QList<qint64> walked;
    for (int offset = 0; offset < 6; ++offset) {
        byPriority.offset = offset;
        walked += idsOf(m_store->listTickets(byPriority, {}));
    }
    QCOMPARE(walked, (QList<qint64>{2, 6, 1, 5, 3, 4}));
}

void TestStorage::listKeysetPaging()
{
    // afterId walks id order page by page without offsets: every ticket once, in order, both directions, combined
    // with other conditions.
    QList<Ticket> tickets;
    QList<int> phases;
    for (int i = 1; i <= 57; ++i) {
        tickets << makeTicket(i);
        phases << (i % 3 == 0 ? 3 : 1);
    }
    m_store->beginTransaction();
    m_store->bulkInsertTickets(tickets, phases);
    m_store->commitTransaction();

    for (const bool descending : {false, true}) {
        protocol::TicketQuery q = byNumber();
        q.descending = descending;
        q.open = true;
        q.limit = 10;
        q.withTotal = false;
        QList<qint64> walked;
        for (int pages = 0; pages < 20; ++pages) {
            const QList<qint64> page = idsOf(m_store->listTickets(q, {}));
            walked += page;
            if (page.size() < q.limit)
                break;
            q.afterId = TicketId(page.last());
        }
        QList<qint64> expected;
        for (int i = 1; i <= 57; ++i) {
            if (i % 3 != 0)
                expected << i;
        }
        if (descending)
            std::reverse(expected.begin(), expected.end());
        QCOMPARE(walked, expected);
    }
}

void TestStorage::listFreeTextPlans()
{
    // With the search index, a rare term looks its few candidates up by id and a frequent one walks the sort order;
    // both must answer exactly what a plain scan answers, in the same order, with the same totals.
    QList<Ticket> tickets;
    QList<int> phases;
    for (int i = 1; i <= 1500; ++i) {
        Ticket t = makeTicket(i);
        t.updatedAt = jan(1).addSecs((i * 7919) % 1500);                          // an order unrelated to ids
        t.title = i % 5 == 0 ? u"泵房巡检 %1"_s.arg(i) : u"水泵漏水 %1"_s.arg(i); // 水泵: 1,200 tickets
        if (i % 500 == 7)
            t.description = u"阀门井盖破损"_s; // 阀门井: 3 tickets
        tickets << t;
        phases << (i % 4 == 0 ? 3 : 1);
    }
    m_store->beginTransaction();
    m_store->bulkInsertTickets(tickets, phases);
    m_store->commitTransaction();

    const QString mainPath = m_dir->filePath(u"crewline.db"_s);
    const QString searchPath = m_dir->filePath(u"search.db"_s);
    SearchIndexer indexer(mainPath, searchPath);
    QCOMPARE(indexer.indexPending(), 1500); // the first pass indexes every ticket
    std::unique_ptr<Store> indexed =
        openSqliteStore({mainPath, u"tst-storage-search-%1"_s.arg(++m_connections), true, searchPath});

    for (const QString &text : {u"水泵"_s, u"阀门井"_s, u"泵房"_s, u"空调"_s, u"潜水艇"_s, u"漏水 1"_s}) {
        for (const bool open : {false, true}) {
            protocol::TicketQuery q;
            q.text = text;
            q.limit = 50;
            if (open)
                q.open = true;
            const TicketPage plain = m_store->listTickets(q, {});
            const TicketPage viaIndex = indexed->listTickets(q, {});
            QCOMPARE(idsOf(viaIndex), idsOf(plain));
            QCOMPARE(viaIndex.total, plain.total);
        }
    }
    protocol::TicketQuery rare;
    rare.text = u"阀门井"_s;
    QCOMPARE(indexed->listTickets(rare, {}).total, 3);
    rare.text = u"水泵"_s;
    QCOMPARE(indexed->listTickets(rare, {}).total, 1200);
}

// --- comments, attachments, history, links -------------------------------------------------------------------------

void TestStorage::comments()
{
    const TicketId t = m_store->insertTicket(makeTicket(1), 0);
    Comment first;
    first.ticketId = t;
    first.authorId = UserId(3);
    first.authorName = u"李娜"_s;
    first.body = u"水越来越多了"_s;
    first.createdAt = jan(2, 9);
    Comment note = first;
    note.authorId = UserId(1);
    note.authorName = u"Dispatcher"_s;
    note.kind = CommentKind::Internal;
    note.body = u"owner does not answer"_s;
    note.createdAt = jan(2, 10);
    Comment earlier = first;
    earlier.body = u"written earlier, stored later"_s;
    earlier.createdAt = jan(2, 8);

    first.id = m_store->insertComment(first);
    note.id = m_store->insertComment(note);
    earlier.id = m_store->insertComment(earlier);
    QVERIFY(first.id.isValid() && note.id.isValid() && earlier.id.isValid());

    const QList<Comment> all = m_store->comments(t, true);
    QCOMPARE(all.size(), 3);
    QVERIFY(all.at(0) == earlier); // in time order
    QVERIFY(all.at(1) == first);
    QVERIFY(all.at(2) == note);

    const QList<Comment> publicOnly = m_store->comments(t, false);
    QCOMPARE(publicOnly.size(), 2);
    for (const Comment &c : publicOnly)
        QCOMPARE(c.kind, CommentKind::Public);

    QVERIFY(*m_store->comment(note.id) == note);
    QVERIFY(!m_store->comment(CommentId(999)));
    QVERIFY(m_store->comments(TicketId(999), true).isEmpty());
}

void TestStorage::moveComments()
{
    const TicketId a = m_store->insertTicket(makeTicket(1), 1);
    const TicketId b = m_store->insertTicket(makeTicket(2), 1);
    const TicketId c = m_store->insertTicket(makeTicket(3), 1);

    const auto comment = [&](TicketId ticket, const QString &body) {
        Comment x;
        x.ticketId = ticket;
        x.authorName = u"x"_s;
        x.body = body;
        x.createdAt = jan(4);
        return m_store->insertComment(x);
    };
    const auto attachment = [&](TicketId ticket, CommentId on, const QString &name) {
        AttachmentInfo x;
        x.ticketId = ticket;
        x.commentId = on;
        x.fileName = name;
        x.mimeType = u"image/png"_s;
        x.size = 10;
        x.sha256 = QString(64, u'a');
        x.createdAt = jan(4);
        return m_store->insertAttachment(x);
    };
    const CommentId c1 = comment(a, u"one"_s);
    const CommentId c2 = comment(a, u"two"_s);
    const CommentId onOther = comment(c, u"elsewhere"_s);
    const AttachmentId a1 = attachment(a, c1, u"on-one.png"_s);
    const AttachmentId a2 = attachment(a, c2, u"on-two.png"_s);
    const AttachmentId loose = attachment(a, CommentId(), u"loose.png"_s);

    // Split: c1 and its attachment move to b and remember where they were written.
    m_store->moveComments({c1, onOther}, a, b); // a comment of another ticket is left alone
    QCOMPARE(m_store->comment(c1)->ticketId, b);
    QCOMPARE(m_store->comment(c1)->originTicketId, a);
    QCOMPARE(m_store->comment(c2)->ticketId, a);
    QVERIFY(!m_store->comment(c2)->originTicketId.isValid());
    QCOMPARE(m_store->comment(onOther)->ticketId, c);
    QCOMPARE(m_store->attachment(a1)->ticketId, b);
    QCOMPARE(m_store->attachment(a2)->ticketId, a);
    QCOMPARE(m_store->attachment(loose)->ticketId, a);
    QCOMPARE(m_store->comments(b, true).size(), 1);
    QCOMPARE(m_store->attachments(b).size(), 1);
    QCOMPARE(m_store->attachments(a).size(), 2);

    // Moving on keeps the first origin.
    m_store->moveComments({c1}, b, c);
    QCOMPARE(m_store->comment(c1)->ticketId, c);
    QCOMPARE(m_store->comment(c1)->originTicketId, a);
    QCOMPARE(m_store->attachment(a1)->ticketId, c);

    m_store->moveComments({}, a, b); // nothing to move
    QCOMPARE(m_store->comments(a, true).size(), 1);
}

void TestStorage::moveAllCommentsAndAttachments()
{
    const TicketId master = m_store->insertTicket(makeTicket(1), 1);
    const TicketId duplicate = m_store->insertTicket(makeTicket(2), 1);
    for (int i = 0; i < 3; ++i) {
        Comment x;
        x.ticketId = i == 0 ? master : duplicate;
        x.authorName = u"x"_s;
        x.body = u"c%1"_s.arg(i);
        x.createdAt = jan(4, i);
        const CommentId id = m_store->insertComment(x);
        AttachmentInfo at;
        at.ticketId = x.ticketId;
        at.commentId = id;
        at.fileName = u"f%1"_s.arg(i);
        at.createdAt = jan(4);
        m_store->insertAttachment(at);
    }
    AttachmentInfo loose;
    loose.ticketId = duplicate;
    loose.fileName = u"loose"_s;
    loose.createdAt = jan(4);
    m_store->insertAttachment(loose);

    m_store->moveAllComments(duplicate, master);
    m_store->moveAllAttachments(duplicate, master);
    const QList<Comment> merged = m_store->comments(master, true);
    QCOMPARE(merged.size(), 3);
    QVERIFY(!merged.at(0).originTicketId.isValid());
    QCOMPARE(merged.at(1).originTicketId, duplicate);
    QCOMPARE(merged.at(2).originTicketId, duplicate);
    QVERIFY(m_store->comments(duplicate, true).isEmpty());
    QCOMPARE(m_store->attachments(master).size(), 4);
    QVERIFY(m_store->attachments(duplicate).isEmpty());

    // The attachment record itself round-trips.
    const AttachmentInfo back = m_store->attachments(master).last();
    QCOMPARE(back.fileName, u"loose"_s);
    QVERIFY(!back.commentId.isValid());
    QVERIFY(!back.uploadedBy.isValid());
    QVERIFY(*m_store->attachment(back.id) == back);
    QVERIFY(!m_store->attachment(AttachmentId(999)));
}

void TestStorage::history()
{
    const TicketId a = m_store->insertTicket(makeTicket(1), 1);
    const TicketId b = m_store->insertTicket(makeTicket(2), 1);
    AuditEntry created;
    created.ticketId = a;
    created.actorId = UserId(1);
    created.actorName = u"Admin"_s;
    created.at = jan(1, 8);
    created.action = u"create"_s;
    AuditEntry automatic;
    automatic.ticketId = a;
    automatic.actorName = u"system"_s; // no actor: the system itself
    automatic.at = jan(1, 9);
    automatic.action = u"assign"_s;
    automatic.changes = QJsonObject{{u"assigneeId"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, 7}}}};
    automatic.reason = u"accept timeout"_s;
    m_store->insertAudit(automatic); // stored out of order: history sorts by time
    m_store->insertAudit(created);

    const QList<AuditEntry> h = m_store->history(a);
    QCOMPARE(h.size(), 2);
    QCOMPARE(h.at(0).action, u"create"_s);
    QCOMPARE(h.at(0).actorId, UserId(1));
    QCOMPARE(h.at(0).at, jan(1, 8));
    QVERIFY(h.at(0).reason.isEmpty());
    QCOMPARE(h.at(1).changes, automatic.changes);
    QVERIFY(!h.at(1).actorId.isValid());
    QCOMPARE(h.at(1).reason, u"accept timeout"_s);

    // Merging copies the history and says why.
    m_store->copyHistory(a, b, u"merged from WO-2026-000001"_s);
    const QList<AuditEntry> copied = m_store->history(b);
    QCOMPARE(copied.size(), 2);
    QCOMPARE(copied.at(0).ticketId, b);
    QCOMPARE(copied.at(0).action, u"create"_s);
    QCOMPARE(copied.at(0).at, jan(1, 8));
    QCOMPARE(copied.at(0).reason, u"merged from WO-2026-000001"_s);
    QCOMPARE(copied.at(1).reason, u"accept timeout (merged from WO-2026-000001)"_s);
    QCOMPARE(copied.at(1).changes, automatic.changes);
    QCOMPARE(m_store->history(a).size(), 2); // the original keeps its own
}

void TestStorage::links()
{
    const TicketId a = m_store->insertTicket(makeTicket(1), 1);
    const TicketId b = m_store->insertTicket(makeTicket(2), 1);
    const TicketId c = m_store->insertTicket(makeTicket(3), 1);

    m_store->insertLink(a, b, LinkKind::Parent); // b is a's parent
    m_store->insertLink(a, c, LinkKind::Related);
    QList<TicketLink> fromA = m_store->links(a);
    QCOMPARE(fromA.size(), 2);
    QCOMPARE(fromA.at(0).other, b);
    QCOMPARE(fromA.at(0).otherNumber, u"WO-2026-000002"_s);
    QCOMPARE(fromA.at(0).kind, LinkKind::Parent);
    QCOMPARE(fromA.at(1).other, c);
    QCOMPARE(fromA.at(1).kind, LinkKind::Related);
    const QList<TicketLink> fromB = m_store->links(b);
    QCOMPARE(fromB.size(), 1);
    QCOMPARE(fromB.first().other, a);
    QCOMPARE(fromB.first().otherNumber, u"WO-2026-000001"_s);
    QCOMPARE(fromB.first().kind, LinkKind::Child); // seen from the other side
    QCOMPARE(m_store->links(c).first().kind, LinkKind::Related);

    // Linking again changes the kind on both sides.
    m_store->insertLink(b, a, LinkKind::Duplicate);
    QCOMPARE(m_store->links(a).at(0).kind, LinkKind::Duplicate);
    QCOMPARE(m_store->links(b).at(0).kind, LinkKind::Duplicate);

    // Removing from either side removes both directions.
    QVERIFY(m_store->removeLink(b, a));
    QCOMPARE(m_store->links(a).size(), 1);
    QVERIFY(m_store->links(b).isEmpty());
    QVERIFY(!m_store->removeLink(a, b));
    QVERIFY(m_store->removeLink(a, c));
    QVERIFY(m_store->links(c).isEmpty());
}

// --- events and idempotency ----------------------------------------------------------------------------------------

void TestStorage::eventsAreGapFree()
{
    m_store->beginTransaction();
    for (int i = 1; i <= 3; ++i) {
        m_store->beginJob();
        StoredEvent e = makeEvent(u"ticket.changed"_s);
        QCOMPARE(m_store->appendEvent(e), i);
        QCOMPARE(e.event.seq, i);
        m_store->endJob(true);
    }
    // A failed job gives its numbers back.
    m_store->beginJob();
    StoredEvent lost1 = makeEvent(u"lost"_s), lost2 = makeEvent(u"lost"_s);
    QCOMPARE(m_store->appendEvent(lost1), 4);
    QCOMPARE(m_store->appendEvent(lost2), 5);
    m_store->endJob(false);
    m_store->beginJob();
    StoredEvent kept = makeEvent(u"kept"_s);
    QCOMPARE(m_store->appendEvent(kept), 4);
    m_store->endJob(true);
    m_store->commitTransaction();

    const QList<StoredEvent> events = m_store->eventsAfter(0, 100);
    QCOMPARE(seqsOf(events), range(1, 4));
    QCOMPARE(events.last().event.type, u"kept"_s);
    QCOMPARE(m_store->lastSeq(), 4);
    QCOMPARE(m_store->firstSeq(), 1);
    QCOMPARE(seqsOf(m_store->eventsAfter(2, 100)), range(3, 4));
    QCOMPARE(seqsOf(m_store->eventsAfter(1, 2)), range(2, 3));
    QVERIFY(m_store->eventsAfter(4, 100).isEmpty());

    // A new connection continues the sequence.
    m_store.reset();
    m_store = open();
    m_store->migrate();
    m_store->beginTransaction();
    StoredEvent next = makeEvent(u"after restart"_s);
    QCOMPARE(m_store->appendEvent(next), 5);
    m_store->commitTransaction();
}

void TestStorage::eventsAfterRollbackTransaction()
{
    m_store->beginTransaction();
    StoredEvent e1 = makeEvent(u"a"_s);
    QCOMPARE(m_store->appendEvent(e1), 1);
    m_store->commitTransaction();

    m_store->beginTransaction();
    m_store->beginJob();
    StoredEvent e2 = makeEvent(u"b"_s), e3 = makeEvent(u"c"_s);
    m_store->appendEvent(e2);
    m_store->endJob(true);
    m_store->beginJob();
    m_store->appendEvent(e3);
    m_store->endJob(true);
    QCOMPARE(e3.event.seq, 3);
    m_store->rollbackTransaction(); // the whole group commit failed
    QCOMPARE(m_store->lastSeq(), 1);

    m_store->beginTransaction();
    StoredEvent e4 = makeEvent(u"d"_s);
    QCOMPARE(m_store->appendEvent(e4), 2);
    m_store->commitTransaction();
    QCOMPARE(seqsOf(m_store->eventsAfter(0, 10)), range(1, 2));
}

void TestStorage::eventContent()
{
    StoredEvent e;
    e.event.type = u"comment.added"_s;
    e.event.at = utc(2026, 3, 4, 5, 6, 7, 890);
    e.event.ticketId = TicketId(12);
    e.event.data = QJsonObject{{u"body"_s, u"内部备注"_s}, {u"n"_s, 1}};
    e.requesterId = UserId(44);
    e.internal = true;
    StoredEvent global;
    global.event.type = u"staff.changed"_s;
    global.event.at = jan(1);
    m_store->beginTransaction();
    m_store->appendEvent(e);
    m_store->appendEvent(global);
    m_store->commitTransaction();

    const QList<StoredEvent> events = m_store->eventsAfter(0, 10);
    QCOMPARE(events.size(), 2);
    const StoredEvent &back = events.first();
    QCOMPARE(back.event.seq, 1);
    QCOMPARE(back.event.type, e.event.type);
    QCOMPARE(back.event.at, e.event.at);
    QCOMPARE(back.event.ticketId, e.event.ticketId);
    QCOMPARE(back.event.data, e.event.data);
    QCOMPARE(back.requesterId, e.requesterId);
    QVERIFY(back.internal);
    QVERIFY(!events.last().event.ticketId.isValid());
    QVERIFY(!events.last().requesterId.isValid());
    QVERIFY(!events.last().internal);

    // Data already encoded (the write path's rawData) is stored as it is and read back as the object.
    StoredEvent raw = makeEvent(u"ticket.created"_s);
    raw.event.data = {};
    raw.event.rawData = R"({"actor":{"id":3},"ticket":{"id":1,"title":"水表 \u00e9"}})"_ba;
    m_store->beginTransaction();
    m_store->appendEvent(raw);
    m_store->commitTransaction();
    const QList<StoredEvent> after = m_store->eventsAfter(2, 10);
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().event.data, QJsonDocument::fromJson(raw.event.rawData).object());
    QCOMPARE(after.first().event.data.value(u"ticket"_s).toObject().value(u"title"_s).toString(), u"水表 é"_s);
}

void TestStorage::idempotency()
{
    const IdempotentResult r{
        u"ticket.create"_s, QJsonObject{{u"ticketId"_s, 5}, {u"number"_s, u"WO-2026-000005"_s}}, {}};
    m_store->rememberIdempotent(UserId(1), u"key-1"_s, r, jan(1));
    m_store->rememberIdempotent(UserId(1), u"key-2"_s, {u"ticket.urge"_s, {}, {}}, jan(3));
    m_store->rememberIdempotent(UserId(2), u"key-1"_s, {u"ticket.assign"_s, {}, {}}, jan(3)); // keys are per user
    // A result already encoded (the create's hot path) is stored as it is and read back as the object.
    m_store->rememberIdempotent(UserId(2), u"key-raw"_s,
                                {u"ticket.create"_s, {}, R"({"ticket":{"id":9,"title":"漏水 \ud83d\ude00"}})"_ba},
                                jan(3));
    const std::optional<IdempotentResult> raw = m_store->idempotent(UserId(2), u"key-raw"_s);
    QVERIFY(raw);
    QCOMPARE(raw->result, (QJsonObject{{u"ticket"_s, QJsonObject{{u"id"_s, 9}, {u"title"_s, u"漏水 😀"_s}}}}));

    const std::optional<IdempotentResult> back = m_store->idempotent(UserId(1), u"key-1"_s);
    QVERIFY(back);
    QCOMPARE(back->op, r.op);
    QCOMPARE(back->result, r.result);
    QCOMPARE(m_store->idempotent(UserId(2), u"key-1"_s)->op, u"ticket.assign"_s);
    QVERIFY(!m_store->idempotent(UserId(3), u"key-1"_s));
    QVERIFY(!m_store->idempotent(UserId(1), u"KEY-1"_s)); // keys are case-sensitive

    m_store->pruneIdempotency(jan(2));
    QVERIFY(!m_store->idempotent(UserId(1), u"key-1"_s));
    QVERIFY(m_store->idempotent(UserId(1), u"key-2"_s));
    QVERIFY(m_store->idempotent(UserId(2), u"key-1"_s));
    // After pruning, a key may be used again.
    m_store->rememberIdempotent(UserId(1), u"key-1"_s, r, jan(4));
    QVERIFY(m_store->idempotent(UserId(1), u"key-1"_s));
}

// --- failure and concurrency ---------------------------------------------------------------------------------------

void TestStorage::walStartsOverUnderSteadyWrites()
{
    // 60 MB of commits one after the other, with no pause for a background checkpoint to catch up: the WAL file must
    // start over once it passes its bound (32 MiB) instead of growing with every commit.
    Ticket t = makeTicket(1);
    t.description = QString(50'000, u'x');
    const QString wal = m_dir->filePath(u"crewline.db-wal"_s);
    qint64 largest = 0;
    int n = 0;
    for (int batch = 0; batch < 60; ++batch) {
        m_store->beginTransaction();
        for (int i = 0; i < 20; ++i) {
            t.number = u"WO-2026-%1"_s.arg(++n, 6, 10, QLatin1Char('0'));
            m_store->insertTicket(t, 0);
        }
        m_store->commitTransaction();
        largest = std::max(largest, QFileInfo(wal).size());
    }
    QVERIFY2(largest > 30 * 1024 * 1024, qPrintable(u"the WAL never reached its bound: %1 bytes"_s.arg(largest)));
    QVERIFY2(largest < 40 * 1024 * 1024, qPrintable(u"the WAL grew to %1 bytes"_s.arg(largest)));
    m_store->beginTransaction();
    QCOMPARE(m_store->ticketByNumber(u"WO-2026-001200"_s).value_or(Ticket()).description.size(), 50'000);
    m_store->commitTransaction();
}

void TestStorage::failedStatementRollsBackJob()
{
    m_store->insertTicket(makeTicket(1), 0);
    m_store->beginTransaction();
    m_store->beginJob();
    m_store->insertTicket(makeTicket(2), 0);
    QVERIFY_THROWS_EXCEPTION(StorageError, m_store->insertTicket(makeTicket(1), 0)); // duplicate number
    m_store->endJob(false);
    m_store->beginJob();
    m_store->insertTicket(makeTicket(3), 0);
    m_store->endJob(true);
    m_store->commitTransaction();
    QCOMPARE(m_store->ticketCount(), 2);
    QVERIFY(!m_store->ticketByNumber(makeTicket(2).number));
    QVERIFY(m_store->ticketByNumber(makeTicket(3).number));
}

void TestStorage::readerSeesLaterCommits()
{
    // The server reads through a second, read-only connection. Every read must see what was committed before it,
    // even after a lookup that stopped at its first row.
    User u;
    u.username = u"reader.test"_s;
    m_store->insertUser(u, u"h"_s, jan(1));
    Ticket t = makeTicket(1);
    t.id = m_store->insertTicket(t, 0);
    m_store->insertSession(u"tok"_s, {UserId(1), jan(1), jan(9)});

    std::unique_ptr<Store> reader = open(u"crewline.db"_s, true);
    QVERIFY(reader->userByName(u"reader.test"_s));
    QVERIFY(reader->session(u"tok"_s));
    QCOMPARE(reader->ticket(t.id)->version, 1);
    QVERIFY(!reader->ticketByNumber(makeTicket(2).number));

    m_store->beginTransaction();
    t.version = 2;
    t.title = u"changed"_s;
    m_store->updateTicket(t, 0);
    const TicketId second = m_store->insertTicket(makeTicket(2), 0);
    StoredEvent e = makeEvent(u"ticket.changed"_s);
    m_store->appendEvent(e);
    m_store->commitTransaction();

    QCOMPARE(reader->ticket(t.id)->version, 2);
    QCOMPARE(reader->ticket(t.id)->title, u"changed"_s);
    QVERIFY(reader->ticketByNumber(makeTicket(2).number));
    QVERIFY(reader->ticket(second));
    QCOMPARE(reader->lastSeq(), 1);
    QCOMPARE(reader->ticketCount(), 2);
    QCOMPARE(reader->eventsAfter(0, 10).size(), 1);

    // A read-only connection refuses writes.
    QVERIFY_THROWS_EXCEPTION(StorageError, reader->insertTicket(makeTicket(3), 0));
    m_store->checkpoint();
}

namespace {

// Text that exercises every escape and what SQLite replaces when it converts stored UTF-8 to UTF-16: lone
// surrogates, U+FFFE/U+FFFF, control characters, NUL, astral characters.
QString awkwardText(QRandomGenerator &rng)
{
    static const QStringList pieces = {u"漏水"_s,
                                       u"水泵房"_s,
                                       u"\""_s,
                                       u"\\"_s,
                                       u"\n"_s,
                                       u"\t"_s,
                                       u"\u0001"_s,
                                       u"\u007f"_s,
                                       u"é"_s,
                                       u"😀"_s,
                                       u"printer"_s,
                                       u"\u2028"_s,
                                       QString(QChar(0xd800)),
                                       QString(QChar(0xdc00)),
                                       QString(QChar(0xfffe)),
                                       QString(QChar(0xffff)),
                                       QString(QChar(0)),
                                       u"<b>"_s};
    QString s;
    const int n = static_cast<int>(rng.bounded(7));
    for (int i = 0; i < n; ++i)
        s += pieces.at(static_cast<int>(rng.bounded(pieces.size())));
    return s;
}

QDateTime awkwardTime(QRandomGenerator &rng)
{
    switch (rng.bounded(4)) {
    case 0:
        return {};
    case 1:
        return QDateTime(QDate(1968, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
    default:
        return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(rng.bounded(4102444800000.0)), Qt::UTC);
    }
}

} // namespace

void TestStorage::summariesFromRowsEqualTickets()
{
    // The ticket list writes each row straight to JSON from the summary's columns (writeTicketSummaries); it must
    // give the very bytes Ticket::writeJson gives for the whole Tickets listTickets reads (a summary leaves out the
    // description and keeps only a numeric rating of the fields), for awkward text and every optional member.
    QRandomGenerator rng(20261202);
    QList<Ticket> tickets;
    QList<int> phases;
    for (int i = 1; i <= 600; ++i) {
        Ticket t = makeTicket(i);
        t.status = rng.bounded(2) ? u"registered"_s : awkwardText(rng);
        t.suspendedFrom = rng.bounded(2) ? awkwardText(rng) : QString();
        t.priority = static_cast<Priority>(rng.bounded(4));
        t.category = awkwardText(rng);
        t.department = awkwardText(rng);
        t.title = (i % 3 == 0 ? u"水泵 "_s : QString()) + awkwardText(rng);
        t.requester = {awkwardText(rng), awkwardText(rng), UserId(static_cast<qint64>(rng.bounded(3)))};
        t.address = awkwardText(rng);
        t.location = rng.bounded(3) ? GeoPoint::at(rng.bounded(180.0) - 90, rng.bounded(360.0) - 180) : GeoPoint();
        t.assigneeId = UserId(static_cast<qint64>(rng.bounded(3)));
        t.teamId = TeamId(static_cast<qint64>(rng.bounded(3)));
        t.createdAt = awkwardTime(rng);
        if (!t.createdAt.isValid())
            t.createdAt = jan(1);
        t.updatedAt = awkwardTime(rng);
        if (!t.updatedAt.isValid())
            t.updatedAt = jan(2);
        t.acceptedAt = awkwardTime(rng);
        t.firstResponseAt = awkwardTime(rng);
        t.resolvedAt = awkwardTime(rng);
        t.closedAt = awkwardTime(rng);
        t.version = static_cast<qint64>(rng.bounded(1000000));
        t.urgeCount = static_cast<int>(rng.bounded(5));
        if (rng.bounded(4) == 0) {
            t.pendingApproval.transition = u"approve"_s;
            t.pendingApproval.approverRole = u"supervisor"_s;
            t.pendingApproval.requestedAt = awkwardTime(rng);
            t.pendingApproval.comment = awkwardText(rng);
        }
        if (rng.bounded(4) == 0) {
            t.dispatch.mode = u"offered"_s;
            t.dispatch.offeredTo = {UserId(2), UserId(3)};
            t.dispatch.deadline = awkwardTime(rng);
            t.dispatch.rule = awkwardText(rng);
            t.dispatch.emergency = rng.bounded(2);
        }
        switch (rng.bounded(4)) {
        case 0:
            t.fields = {{u"rating"_s, 4}, {u"comment"_s, awkwardText(rng)}};
            break;
        case 1:
            t.fields = {{u"rating"_s, 2.5}};
            break;
        case 2:
            t.fields = {{u"rating"_s, u"not a number"_s}};
            break;
        default:
            t.fields = {{u"resolution"_s, awkwardText(rng)}};
        }
        tickets << t;
        phases << static_cast<int>(rng.bounded(4));
    }
    m_store->beginTransaction();
    m_store->bulkInsertTickets(tickets, phases);
    m_store->commitTransaction();

    const auto viaTickets = [&](const protocol::TicketQuery &q, TicketShape shape) {
        const TicketPage page = m_store->listTickets(q, {});
        QByteArray out;
        JsonWriter w(out);
        w.beginArray();
        for (const Ticket &t : page.tickets)
            t.writeJson(w, true, shape);
        w.endArray();
        return std::pair{out, page.total};
    };
    const auto viaRows = [&](const protocol::TicketQuery &q, TicketShape shape) {
        QByteArray out;
        JsonWriter w(out);
        w.beginArray();
        const TicketListWritten written = m_store->writeTicketSummaries(q, {}, w, shape);
        w.endArray();
        return std::tuple{out, written.total, written.count};
    };

    QList<protocol::TicketQuery> queries;
    protocol::TicketQuery all;
    all.limit = 500;
    queries << all;
    protocol::TicketQuery open = all;
    open.open = true;
    open.sort = u"number"_s;
    open.descending = false;
    open.afterId = TicketId(100);
    queries << open;
    protocol::TicketQuery byPriority = all;
    byPriority.sort = u"priority"_s;
    byPriority.withTotal = true;
    byPriority.offset = 50;
    queries << byPriority;
    protocol::TicketQuery text = all;
    text.text = u"水泵"_s;
    text.withTotal = true;
    queries << text;
    protocol::TicketQuery none = all;
    none.priorities = {u"no-such-priority"_s};
    queries << none;

    qsizetype compared = 0;
    for (const auto &[q, shape] : [&] {
             QList<std::pair<protocol::TicketQuery, TicketShape>> both;
             for (const protocol::TicketQuery &q : std::as_const(queries))
                 both << std::pair{q, TicketShape::Object} << std::pair{q, TicketShape::Row};
             return both;
         }()) {
        const auto [expected, expectedTotal] = viaTickets(q, shape);
        const auto [actual, total, count] = viaRows(q, shape);
        if (actual != expected) {
            // Show where they part.
            qsizetype at = 0;
            while (at < actual.size() && at < expected.size() && actual.at(at) == expected.at(at))
                ++at;
            const qsizetype from = std::max<qsizetype>(0, at - 80);
            QCOMPARE(actual.mid(from, 160), expected.mid(from, 160));
        }
        QCOMPARE(total, expectedTotal);
        QCOMPARE(count, QJsonDocument::fromJson(expected).array().size());
        compared += count;
    }
    QVERIFY(compared > 2000); // the queries did return rows
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
