// The console's item models without a server: TicketModel, TicketFilterModel, StaffModel, Outbox and
// NotificationModel each under QAbstractItemModelTester while rows are inserted, changed in place and removed,
// plus the Presence bookkeeping that feeds TicketModel's PresenceRole. Tickets are fed directly.

#include "client/core/directory.h"
#include "client/core/notifications.h"
#include "client/core/outbox.h"
#include "client/core/presence.h"
#include "client/core/staffmodel.h"
#include "client/core/ticketfilter.h"
#include "client/core/ticketmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;

namespace {

class MemoryTrust final : public TrustStore
{
public:
    QByteArray pinned(const QString &) const override { return {}; }
    void pin(const QString &, const QByteArray &) override {}
};

const QDateTime kNow = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);

User user(qint64 id, const QString &name, Role role, qint64 team = 0, bool active = true)
{
    User u;
    u.id = UserId(id);
    u.username = u"u%1"_s.arg(id);
    u.displayName = name;
    u.role = role;
    u.teamId = TeamId(team);
    u.active = active;
    return u;
}

Ticket ticket(qint64 id, const QString &status, Priority priority = Priority::Normal, qint64 assignee = 0,
              const QString &type = u"repair"_s)
{
    Ticket t;
    t.id = TicketId(id);
    t.number = u"WO-2026-%1"_s.arg(id, 6, 10, QLatin1Char('0'));
    t.type = type;
    t.status = status;
    t.priority = priority;
    t.title = u"Ticket %1 水管漏水"_s.arg(id);
    t.assigneeId = UserId(assignee);
    t.teamId = TeamId(assignee > 0 ? 1 : 0);
    t.createdAt = kNow.addSecs(-3600 * id);
    t.updatedAt = t.createdAt;
    t.version = 1;
    t.requester.name = u"张三"_s;
    return t;
}

FieldStaff staff(qint64 userId, const QString &name, StaffStatus status, int open = 0)
{
    FieldStaff f;
    f.userId = UserId(userId);
    f.name = name;
    f.teamId = TeamId(1);
    f.status = status;
    f.skills = {u"plumbing"_s, u"meters"_s};
    f.openTickets = open;
    return f;
}

QList<qint64> idsIn(const QAbstractItemModel &m)
{
    QList<qint64> out;
    for (int row = 0; row < m.rowCount(); ++row)
        out << m.index(row, 0).data(TicketModel::TicketIdRole).toLongLong();
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestClientModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void ticketModelInsertUpdateClear();
    void ticketModelRolesAndMime();
    void filterModelFollowsChanges();
    void filterModelFiltersAndSorts();
    void staffModelMergesDirectoryAndServer();
    void staffModelCountsOpenTicketsLive();
    void staffModelUpdatesInPlace();
    void staffModelFollowsStaffNotices();
    void outboxModel();
    void notificationModel();
    void presenceTexts();
    void presenceClearedWhenOffline();

private:
    std::unique_ptr<Directory> m_directory;
    std::unique_ptr<TicketModel> m_tickets;
    std::unique_ptr<QAbstractItemModelTester> m_ticketTester;
};

void TestClientModels::init()
{
    m_directory = std::make_unique<Directory>();
    TicketTypeRegistry defaults;
    QString error;
    QVERIFY2(defaults.loadDefaults(&error), qPrintable(error));
    QJsonArray types;
    for (const TicketType *t : defaults.all())
        types << t->toJson();
    m_directory->setTypes(types, u"repair"_s);
    m_directory->setTeams({Team::fromJson({{u"id"_s, 1}, {u"name"_s, u"Pipes"_s}})});
    m_directory->setUsers({user(10, u"李伟"_s, Role::Engineer, 1), user(11, u"王芳"_s, Role::Engineer, 1),
                           user(12, u"赵敏"_s, Role::Engineer, 1, false), user(20, u"Dana"_s, Role::Dispatcher),
                           user(21, u"Sam"_s, Role::Supervisor), user(30, u"Req"_s, Role::Requester),
                           user(40, u"Mia"_s, Role::Manager)});
    m_tickets = std::make_unique<TicketModel>(*m_directory);
    m_ticketTester = std::make_unique<QAbstractItemModelTester>(m_tickets.get(),
                                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestClientModels::cleanup()
{
    m_ticketTester.reset();
    m_tickets.reset();
    m_directory.reset();
}

void TestClientModels::ticketModelInsertUpdateClear()
{
    TicketModel &m = *m_tickets;
    QVERIFY(m.upsert(ticket(1, u"registered"_s)));
    m.upsertMany(
        {ticket(2, u"reviewed"_s), ticket(3, u"dispatched"_s, Priority::Urgent, 10), ticket(1, u"registered"_s)});
    QCOMPARE(m.rowCount(), 3);
    QCOMPARE(m.columnCount(), int(TicketModel::ColumnCount));

    // A newer version replaces the row in place; an older one is ignored.
    Ticket newer = ticket(2, u"dispatched"_s, Priority::High, 11);
    newer.version = 2;
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QVERIFY(m.upsert(newer));
    QCOMPARE(m.rowOf(TicketId(2)), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.index(1, 0).data(TicketModel::StatusRole).toString(), u"dispatched"_s);
    Ticket older = ticket(2, u"registered"_s);
    QVERIFY(!m.upsert(older));
    QCOMPARE(m.ticket(TicketId(2))->status, u"dispatched"_s);

    m.setPending(TicketId(3), true);
    QVERIFY(m.index(2, 0).data(TicketModel::PendingRole).toBool());
    m.setPending(TicketId(3), false);
    m.setPresence(TicketId(1), u"李伟 is viewing"_s);
    QCOMPARE(m.index(0, 0).data(TicketModel::PresenceRole).toString(), u"李伟 is viewing"_s);
    m.setNow(kNow);
    QCOMPARE(m.index(0, TicketModel::AgeColumn).data().toString(), TicketModel::ageText(3600));

    // Many at once, then everything away.
    QList<Ticket> many;
    for (qint64 id = 100; id < 400; ++id)
        many << ticket(id, id % 2 ? u"registered"_s : u"closed"_s);
    m.upsertMany(many);
    QCOMPARE(m.rowCount(), 303);
    m.clear();
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(m.ticket(TicketId(1)), nullptr);
}

void TestClientModels::ticketModelRolesAndMime()
{
    TicketModel &m = *m_tickets;
    m.upsertMany({ticket(1, u"registered"_s, Priority::Low), ticket(2, u"closed"_s, Priority::Urgent, 10)});
    QCOMPARE(m.index(0, TicketModel::StatusColumn).data().toString(), u"Registered"_s);
    QCOMPARE(m.index(1, TicketModel::AssigneeColumn).data().toString(), u"李伟"_s);
    QCOMPARE(m.index(1, TicketModel::TeamColumn).data().toString(), u"Pipes"_s);
    QVERIFY(m.index(0, 0).data(TicketModel::OpenRole).toBool());
    QVERIFY(!m.index(1, 0).data(TicketModel::OpenRole).toBool());
    QCOMPARE(m.index(1, 0).data(TicketModel::PriorityRole).toInt(), int(Priority::Urgent));
    QVERIFY(m.flags(m.index(0, 0)) & Qt::ItemIsDragEnabled);

    std::unique_ptr<QMimeData> mime(m.mimeData({m.index(0, 0), m.index(0, 3), m.index(1, 1)}));
    QVERIFY(mime->hasFormat(TicketModel::ticketMimeType()));
    const QJsonArray ids = QJsonDocument::fromJson(mime->data(TicketModel::ticketMimeType())).array();
    QCOMPARE(ids, (QJsonArray{1, 2}));
}

void TestClientModels::filterModelFollowsChanges()
{
    TicketFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_tickets.get());
    TicketFilter f;
    f.statuses = {u"dispatched"_s};
    f.types = {u"repair"_s};
    proxy.setFilter(f);
    m_tickets->upsertMany({ticket(1, u"registered"_s), ticket(2, u"dispatched"_s), ticket(3, u"dispatched"_s),
                           ticket(4, u"dispatched"_s, Priority::Normal, 0, u"it_helpdesk"_s)});
    QCOMPARE(idsIn(proxy), (QList<qint64>{2, 3}));

    // A status change moves a row in or out of the filtered view, as the board's columns need.
    Ticket moved = ticket(1, u"dispatched"_s);
    moved.version = 2;
    m_tickets->upsert(moved);
    QCOMPARE(idsIn(proxy), (QList<qint64>{1, 2, 3}));
    Ticket away = ticket(2, u"accepted"_s);
    away.version = 2;
    m_tickets->upsert(away);
    QCOMPARE(idsIn(proxy), (QList<qint64>{1, 3}));
    m_tickets->clear();
    QCOMPARE(proxy.rowCount(), 0);
}

void TestClientModels::filterModelFiltersAndSorts()
{
    TicketFilterModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_tickets.get());
    m_tickets->upsertMany({ticket(1, u"registered"_s, Priority::Low), ticket(2, u"dispatched"_s, Priority::Urgent, 10),
                           ticket(3, u"closed"_s, Priority::High, 11), ticket(4, u"accepted"_s, Priority::Normal, 10)});
    TicketFilter f;
    f.openOnly = true;
    proxy.setFilter(f);
    QCOMPARE(idsIn(proxy), (QList<qint64>{1, 2, 4}));
    f.assigneeIds = {10};
    proxy.setFilter(f);
    QCOMPARE(idsIn(proxy), (QList<qint64>{2, 4}));
    f = {};
    f.unassignedOnly = true;
    proxy.setFilter(f);
    QCOMPARE(idsIn(proxy), (QList<qint64>{1}));
    f = {};
    f.priorities = {int(Priority::Urgent), int(Priority::High)};
    proxy.setFilter(f);
    QCOMPARE(idsIn(proxy), (QList<qint64>{2, 3}));
    proxy.setFilter({});
    proxy.setText(u"WO-2026-000004"_s);
    QCOMPARE(idsIn(proxy), (QList<qint64>{4}));
    proxy.setText({});
    proxy.sort(TicketModel::PriorityColumn, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, 0).data(TicketModel::TicketIdRole).toLongLong(), 2);
    QCOMPARE(proxy.index(3, 0).data(TicketModel::TicketIdRole).toLongLong(), 1);
    // Round trip of the saved filter.
    TicketFilter saved;
    saved.statuses = {u"registered"_s};
    saved.teamIds = {1};
    saved.createdFrom = kNow;
    saved.text = u"漏水"_s;
    QCOMPARE(TicketFilter::fromJson(saved.toJson()), saved);
}

void TestClientModels::staffModelMergesDirectoryAndServer()
{
    StaffModel m(*m_directory, nullptr);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Before staff.list: the assignable users of the directory (active engineers, dispatchers, supervisors).
    QCOMPARE(m.rowCount(), 4);
    QVERIFY(m.rowOf(UserId(12)) < 0); // inactive
    QVERIFY(m.rowOf(UserId(30)) < 0); // requester
    QVERIFY(m.rowOf(UserId(40)) < 0); // manager
    QCOMPARE(m.index(m.rowOf(UserId(20)), StaffModel::StatusColumn).data().toString(), u"Dispatcher"_s);
    QVERIFY(!m.index(m.rowOf(UserId(20)), 0).data(StaffModel::FieldStaffRole).toBool());

    m.setStaff({staff(10, u"Li Wei"_s, StaffStatus::Available, 3), staff(11, u"Wang"_s, StaffStatus::OffDuty, 1),
                staff(12, u"Zhao"_s, StaffStatus::OnSite), staff(50, u"Newcomer"_s, StaffStatus::EnRoute)});
    // 10, 11 field staff; 12 inactive; 50 not (yet) in the directory but a field worker; 20, 21 at the desk.
    QCOMPARE(m.rowCount(), 5);
    const int li = m.rowOf(UserId(10));
    QCOMPARE(m.index(li, StaffModel::NameColumn).data().toString(), u"李伟"_s); // the directory's name wins
    QCOMPARE(m.index(li, StaffModel::TeamColumn).data().toString(), u"Pipes"_s);
    QCOMPARE(m.index(li, StaffModel::StatusColumn).data().toString(), u"Available"_s);
    QCOMPARE(m.index(li, StaffModel::OpenColumn).data().toInt(), 3); // the server's count without a ticket model
    QCOMPARE(m.index(li, 0).data(StaffModel::SkillsRole).toStringList(), (QStringList{u"plumbing"_s, u"meters"_s}));
    QVERIFY(m.index(li, 0).data(StaffModel::SearchTextRole).toString().contains(u"plumbing"_s));
    QCOMPARE(m.index(li, 0).data(Qt::DecorationRole).value<QColor>(), StaffModel::statusColor(u"available"_s));
    QCOMPARE(m.index(m.rowOf(UserId(50)), 0).data().toString(), u"Newcomer"_s);
    QCOMPARE(m.index(m.rowOf(UserId(11)), 0).data(StaffModel::StatusRole).toString(), u"off_duty"_s);
    QVERIFY(m.index(m.rowOf(UserId(11)), StaffModel::StatusColumn).data(StaffModel::SortRole).toInt() >
            m.index(li, StaffModel::StatusColumn).data(StaffModel::SortRole).toInt());
}

void TestClientModels::staffModelCountsOpenTicketsLive()
{
    StaffModel m(*m_directory, m_tickets.get());
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setStaff({staff(10, u"Li"_s, StaffStatus::Available, 99)});
    m_tickets->upsertMany(
        {ticket(1, u"dispatched"_s, Priority::Normal, 10), ticket(2, u"on_site"_s, Priority::Normal, 10),
         ticket(3, u"completed"_s, Priority::Normal, 10), // resolved: not counted, as on the server
         ticket(4, u"closed"_s, Priority::Normal, 10), ticket(5, u"dispatched"_s, Priority::Normal, 20)});
    QTRY_COMPARE(m.openTickets(UserId(10)), 2);
    QCOMPARE(m.openTickets(UserId(20)), 1);
    QCOMPARE(m.index(m.rowOf(UserId(10)), StaffModel::OpenColumn).data().toInt(), 2);

    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    Ticket reassigned = ticket(2, u"on_site"_s, Priority::Normal, 20);
    reassigned.version = 2;
    m_tickets->upsert(reassigned);
    m.recount();
    QCOMPARE(m.openTickets(UserId(10)), 1);
    QCOMPARE(m.openTickets(UserId(20)), 2);
    QVERIFY(changed.count() >= 2);
    m_tickets->clear();
    m.recount();
    QCOMPARE(m.openTickets(UserId(20)), 0);
}

void TestClientModels::staffModelFollowsStaffNotices()
{
    StaffModel m(*m_directory, nullptr);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setStaff({staff(10, u"Li"_s, StaffStatus::Available, 1), staff(11, u"Wang"_s, StaffStatus::Available)});
    const int li = m.rowOf(UserId(10));
    QVERIFY(!m.index(li, 0).data(StaffModel::HasPositionRole).toBool());
    QVERIFY(!m.index(li, 0).data(StaffModel::LatitudeRole).isValid());
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QSignalSpy moved(&m, &StaffModel::staffMoved);
    const QDateTime at = kNow.addSecs(-30);
    QVERIFY(m.applyNotice({{u"userId"_s, 10},
                           {u"lat"_s, 30.25},
                           {u"lon"_s, 120.15},
                           {u"accuracy"_s, 12.5},
                           {u"heading"_s, 270},
                           {u"speed"_s, 7.5},
                           {u"at"_s, timeToJson(at)},
                           {u"status"_s, u"en_route"_s},
                           {u"openTickets"_s, 2},
                           {u"frozen"_s, true}}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), li);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.first().at(0).value<UserId>(), UserId(10));
    const QModelIndex i = m.index(li, 0);
    QVERIFY(i.data(StaffModel::HasPositionRole).toBool());
    QCOMPARE(i.data(StaffModel::LatitudeRole).toDouble(), 30.25);
    QCOMPARE(i.data(StaffModel::LongitudeRole).toDouble(), 120.15);
    QCOMPARE(i.data(StaffModel::AccuracyRole).toDouble(), 12.5);
    QCOMPARE(i.data(StaffModel::HeadingRole).toDouble(), 270.0);
    QCOMPARE(i.data(StaffModel::SpeedRole).toDouble(), 7.5);
    QCOMPARE(i.data(StaffModel::PositionAtRole).toDateTime(), at);
    QCOMPARE(i.data(StaffModel::StatusRole).toString(), u"en_route"_s);
    QCOMPARE(m.index(li, StaffModel::OpenColumn).data().toInt(), 2);
    QVERIFY(i.data(StaffModel::FrozenRole).toBool());
    // Heading and speed unknown: no value rather than a made-up one. The same state again changes nothing.
    const QJsonObject stopped{{u"userId"_s, 10},
                              {u"lat"_s, 30.25},
                              {u"lon"_s, 120.15},
                              {u"accuracy"_s, 12.5},
                              {u"heading"_s, QJsonValue()},
                              {u"speed"_s, QJsonValue()},
                              {u"at"_s, timeToJson(at)},
                              {u"status"_s, u"on_site"_s},
                              {u"openTickets"_s, 2},
                              {u"frozen"_s, true}};
    QVERIFY(m.applyNotice(stopped));
    QVERIFY(!m.index(li, 0).data(StaffModel::HeadingRole).isValid());
    QVERIFY(!m.index(li, 0).data(StaffModel::SpeedRole).isValid());
    QCOMPARE(changed.count(), 2);
    QVERIFY(m.applyNotice(stopped));
    QCOMPARE(changed.count(), 2);
    // Without a field-staff record (or a row at all) a notice does not apply: the caller reloads the list.
    m.setStaff({});
    QVERIFY(!m.applyNotice({{u"userId"_s, 10}, {u"lat"_s, 30.0}, {u"lon"_s, 120.0}})); // no longer field staff
    QVERIFY(!m.applyNotice({{u"userId"_s, 999}, {u"lat"_s, 30.0}, {u"lon"_s, 120.0}}));
}

void TestClientModels::staffModelUpdatesInPlace()
{
    StaffModel m(*m_directory, nullptr);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setStaff({staff(10, u"Li"_s, StaffStatus::Available), staff(11, u"Wang"_s, StaffStatus::Available)});
    const int rows = m.rowCount();
    const int wang = m.rowOf(UserId(11));
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
    m.setStaff({staff(10, u"Li"_s, StaffStatus::OnSite), staff(11, u"Wang"_s, StaffStatus::EnRoute)});
    QCOMPARE(m.rowCount(), rows);
    QCOMPARE(m.rowOf(UserId(11)), wang);
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(m.index(wang, 0).data(StaffModel::StatusRole).toString(), u"en_route"_s);

    // A user deactivated in the directory goes away; a new one arrives.
    QList<User> users = m_directory->users();
    for (User &u : users) {
        if (u.id == UserId(10))
            u.active = false;
    }
    users << user(60, u"New dispatcher"_s, Role::Dispatcher);
    m_directory->setUsers(users);
    QVERIFY(m.rowOf(UserId(10)) < 0);
    QVERIFY(m.rowOf(UserId(60)) >= 0);
    QCOMPARE(m.index(m.rowOf(UserId(11)), 0).data(StaffModel::UserIdRole).toLongLong(), 11);
    m.setStaff({});
    QVERIFY(m.rowOf(UserId(11)) >= 0); // still assignable as an engineer without a field row
    QVERIFY(!m.index(m.rowOf(UserId(11)), 0).data(StaffModel::FieldStaffRole).toBool());
}

void TestClientModels::outboxModel()
{
    MemoryTrust trust;
    Connection connection(trust);
    Outbox outbox(connection);
    QAbstractItemModelTester tester(&outbox, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy pending(&outbox, &Outbox::pendingCountChanged);
    // Offline: everything waits in the queue, in order.
    const QString a = outbox.submit(protocol::Op::TicketAssign, {{u"ticketId"_s, 1}, {u"version"_s, 3}}, u"Assign"_s);
    const QString b = outbox.submit(protocol::Op::TicketUrge, {{u"ticketId"_s, 1}}, u"Urge"_s);
    const QString c = outbox.submit(protocol::Op::TicketComment, {{u"ticketId"_s, 2}}, u"Reply"_s);
    QCOMPARE(outbox.rowCount(), 3);
    QCOMPARE(outbox.pendingCount(), 3);
    QCOMPARE(pending.count(), 3);
    QVERIFY(outbox.hasPending(1));
    QCOMPARE(outbox.index(0).data(Outbox::IdemRole).toString(), a);
    QCOMPARE(outbox.index(1).data(Qt::DisplayRole).isValid(), true);
    outbox.rebase(1, 3, 4);
    QCOMPARE(outbox.actions().at(0).data.value(u"version"_s).toInteger(), 4);
    outbox.dismiss(b);
    QCOMPARE(outbox.rowCount(), 2);
    outbox.dismiss(a);
    outbox.dismiss(c);
    QCOMPARE(outbox.rowCount(), 0);
    QVERIFY(!outbox.hasPending(1));
}

void TestClientModels::notificationModel()
{
    NotificationModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy unread(&m, &NotificationModel::unreadCountChanged);
    for (int i = 0; i < 5; ++i)
        m.add({kNow.addSecs(i), u"Assigned to you: %1"_s.arg(i), u"text"_s, TicketId(i + 1), false});
    QCOMPARE(m.rowCount(), 5);
    QCOMPARE(m.unreadCount(), 5);
    QCOMPARE(m.index(0).data(NotificationModel::TicketIdRole).toLongLong(), 5); // newest first
    QVERIFY(m.index(0).data(Qt::DisplayRole).toString().contains(u"Assigned to you: 4"_s));
    m.markAllRead();
    QCOMPARE(m.unreadCount(), 0);
    QVERIFY(m.index(4).data(NotificationModel::ReadRole).toBool());
    QCOMPARE(unread.last().at(0).toInt(), 0);
    // The list keeps a bounded history.
    for (int i = 0; i < 520; ++i)
        m.add({kNow, u"n"_s, u"t"_s, TicketId(1), false});
    QCOMPARE(m.rowCount(), 500);
}

void TestClientModels::presenceTexts()
{
    MemoryTrust trust;
    Connection connection(trust);
    m_tickets->upsertMany({ticket(1, u"registered"_s), ticket(2, u"registered"_s)});
    Presence presence(connection, *m_tickets);
    QSignalSpy changed(&presence, &Presence::changed);
    const auto notice = [&](qint64 ticketId, qint64 userId, const QString &name, const QString &activity) {
        Q_EMIT connection.noticeReceived(
            u"presence"_s,
            {{u"ticketId"_s, ticketId}, {u"userId"_s, userId}, {u"name"_s, name}, {u"activity"_s, activity}});
    };
    const auto text = [&](qint64 ticketId) {
        return m_tickets->index(m_tickets->rowOf(TicketId(ticketId)), 0).data(TicketModel::PresenceRole).toString();
    };
    notice(1, 10, u"李伟"_s, u"viewing"_s);
    QCOMPARE(text(1), u"李伟 is viewing"_s);
    QCOMPARE(changed.count(), 1);
    notice(1, 10, u"李伟"_s, u"writing"_s);
    QCOMPARE(text(1), u"李伟 is replying"_s);
    notice(1, 11, u"王芳"_s, u"viewing"_s);
    QCOMPARE(text(1), u"李伟 is replying, 王芳 is viewing"_s);
    notice(1, 20, u"Dana"_s, u"writing"_s);
    notice(1, 21, u"Sam"_s, u"viewing"_s);
    QCOMPARE(presence.entries(TicketId(1)).size(), 4);
    QCOMPARE(text(1), u"李伟 is replying, Dana is replying +2 more"_s);
    QCOMPARE(text(2), QString());
    // The same again changes nothing.
    const qsizetype before = changed.count();
    notice(1, 21, u"Sam"_s, u"viewing"_s);
    QCOMPARE(changed.count(), before);
    // Leaving.
    notice(1, 10, u"李伟"_s, QString());
    notice(1, 20, u"Dana"_s, QString());
    notice(1, 21, u"Sam"_s, QString());
    QCOMPARE(text(1), u"王芳 is viewing"_s);
    notice(1, 11, u"王芳"_s, QString());
    QCOMPARE(text(1), QString());
    QVERIFY(presence.entries(TicketId(1)).isEmpty());
    // Other notices and malformed ones are ignored; a clear for someone unknown is harmless.
    Q_EMIT connection.noticeReceived(u"maintenance"_s, {{u"ticketId"_s, 2}});
    notice(0, 10, u"x"_s, u"viewing"_s);
    notice(2, 0, u"x"_s, u"viewing"_s);
    notice(2, 10, u"x"_s, QString());
    QCOMPARE(text(2), QString());
    // A ticket that arrives later shows what was already known about it.
    notice(3, 10, u"李伟"_s, u"viewing"_s);
    m_tickets->upsert(ticket(3, u"registered"_s));
    QCOMPARE(text(3), u"李伟 is viewing"_s);

    // Own activity is remembered while offline (and sent after the next subscribe).
    presence.setActivity(TicketId(2), u"viewing"_s);
    QCOMPARE(presence.currentTicket(), TicketId(2));
    QCOMPARE(presence.currentActivity(), u"viewing"_s);
    presence.setActivity(TicketId(2), QString());
    QVERIFY(!presence.currentTicket().isValid());
}

void TestClientModels::presenceClearedWhenOffline()
{
    MemoryTrust trust;
    Connection connection(trust);
    m_tickets->upsertMany({ticket(1, u"registered"_s)});
    Presence presence(connection, *m_tickets);
    Q_EMIT connection.noticeReceived(
        u"presence"_s, {{u"ticketId"_s, 1}, {u"userId"_s, 10}, {u"name"_s, u"李伟"_s}, {u"activity"_s, u"viewing"_s}});
    QVERIFY(!m_tickets->index(0, 0).data(TicketModel::PresenceRole).toString().isEmpty());
    // The link dropped: what we knew is stale until the next subscribe brings the current entries.
    Q_EMIT connection.stateChanged(Connection::State::Reconnecting);
    QVERIFY(m_tickets->index(0, 0).data(TicketModel::PresenceRole).toString().isEmpty());
    QVERIFY(presence.entries(TicketId(1)).isEmpty());
}

QTEST_MAIN(TestClientModels)
#include "tst_clientmodels.moc"
