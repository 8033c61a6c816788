// Checks the demo-data generator: same input gives the same data, and the data obeys the rules the server relies on
// (valid statuses per type, consistent timestamps, positions inside the city, resolvable users).

#include "server/demodata.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace crewline;
using namespace Qt::StringLiterals;

namespace {

const QStringList kHelpDeskStatuses = {u"pending_assignment"_s, u"in_progress"_s, u"suspended"_s,
                                       u"pending_confirmation"_s, u"completed"_s};
const QStringList kUtilityStatuses = {u"registered"_s,        u"reviewed"_s, u"dispatched"_s,
                                      u"accepted"_s,          u"on_site"_s,  u"completed"_s,
                                      u"callback_verified"_s, u"closed"_s,   u"suspended"_s};
// Inquiries are closed without a callback.
const QStringList kInquiryStatuses = {u"registered"_s, u"reviewed"_s,  u"dispatched"_s, u"accepted"_s,
                                      u"on_site"_s,    u"completed"_s, u"closed"_s,     u"suspended"_s};
const QStringList kUtilityTypes = {u"repair"_s, u"meter_replacement"_s, u"complaint"_s, u"inquiry"_s};
const QStringList kSkills = {u"pipe"_s,    u"meter"_s, u"valve"_s,   u"electrical"_s,
                             u"network"_s, u"pc"_s,    u"printer"_s, u"account"_s};

bool isHelpDesk(const Ticket &t)
{
    return t.type == u"it_helpdesk"_s;
}

QStringList statusesOf(const QString &type)
{
    if (type == u"it_helpdesk"_s)
        return kHelpDeskStatuses;
    if (type == u"inquiry"_s)
        return kInquiryStatuses;
    if (kUtilityTypes.contains(type))
        return kUtilityStatuses;
    return {};
}

bool isFinal(const Ticket &t)
{
    return t.status == (isHelpDesk(t) ? u"completed"_s : u"closed"_s);
}

// Statuses at or after the step that names an assignee.
bool pastAssignment(const Ticket &t)
{
    const QString s = t.status == u"suspended"_s ? t.suspendedFrom : t.status;
    if (isHelpDesk(t))
        return s != u"pending_assignment"_s;
    return s != u"registered"_s && s != u"reviewed"_s;
}

double distanceKm(const GeoPoint &a, const GeoPoint &b)
{
    constexpr double rad = 3.14159265358979323846 / 180;
    const double dLat = (b.lat - a.lat) * rad;
    const double dLon = (b.lon - a.lon) * rad;
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2) +
                     std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * 6371.0 * std::asin(std::sqrt(h));
}

bool hasCjk(const QString &s)
{
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

} // namespace

class TestDemoData : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deterministic();
    void differentSeedsDiffer();
    void counts();
    void fixedAccounts();
    void uniqueNames();
    void teamsAndStaff();
    void statusesValidForType();
    void typeMix();
    void timesConsistent();
    void oldTicketsMostlyFinal();
    void assignment();
    void requesters();
    void fields();
    void comments();
    void positionsInsideCity();
    void text();
    void makeTicketIndependentOfOrder();
    void makeTicketRespectsDaysBack();
    void makeTicketWithEngineers();
    void smallAndEmpty();
    void generateBuildsLikeMakeTicket();
    void otherSeedsAndTimes_data();
    void otherSeedsAndTimes();
    void matchesWorkflowDefinitions();

private:
    QDateTime m_now;
    demo::DemoData m_data;
    QHash<QString, const demo::DemoUser *> m_byUsername;
};

void TestDemoData::initTestCase()
{
    m_now = QDateTime::fromString(u"2026-03-16T02:30:00.000Z"_s, Qt::ISODateWithMs);
    QVERIFY(m_now.isValid());
    m_data = demo::generate(42, m_now, 2000, 40);
    for (const demo::DemoUser &u : std::as_const(m_data.users))
        m_byUsername.insert(u.user.username, &u);
}

void TestDemoData::deterministic()
{
    const demo::DemoData again = demo::generate(42, m_now, 2000, 40);
    QCOMPARE(again.teams.size(), m_data.teams.size());
    for (qsizetype i = 0; i < again.teams.size(); ++i)
        QCOMPARE(again.teams.at(i).toJson(), m_data.teams.at(i).toJson());
    QCOMPARE(again.users.size(), m_data.users.size());
    for (qsizetype i = 0; i < again.users.size(); ++i) {
        QCOMPARE(again.users.at(i).user.toJson(), m_data.users.at(i).user.toJson());
        QCOMPARE(again.users.at(i).password, m_data.users.at(i).password);
        QCOMPARE(again.users.at(i).teamName, m_data.users.at(i).teamName);
    }
    QCOMPARE(again.staff.size(), m_data.staff.size());
    for (qsizetype i = 0; i < again.staff.size(); ++i) {
        const demo::DemoStaff &a = again.staff.at(i);
        const demo::DemoStaff &b = m_data.staff.at(i);
        QCOMPARE(a.username, b.username);
        QCOMPARE(a.skills, b.skills);
        QCOMPARE(a.status, b.status);
        QCOMPARE(a.position, b.position);
        QCOMPARE(a.accuracy, b.accuracy);
        QCOMPARE(a.positionAt, b.positionAt);
    }
    QCOMPARE(again.tickets.size(), m_data.tickets.size());
    for (qsizetype i = 0; i < again.tickets.size(); ++i) {
        const demo::DemoTicket &a = again.tickets.at(i);
        const demo::DemoTicket &b = m_data.tickets.at(i);
        QCOMPARE(a.ticket.toJson(), b.ticket.toJson());
        QCOMPARE(a.assigneeUsername, b.assigneeUsername);
        QCOMPARE(a.requesterUsername, b.requesterUsername);
        QCOMPARE(a.teamName, b.teamName);
        QCOMPARE(a.comments.size(), b.comments.size());
        for (qsizetype k = 0; k < a.comments.size(); ++k)
            QCOMPARE(a.comments.at(k).toJson(), b.comments.at(k).toJson());
    }
    QCOMPARE(again.city.name, m_data.city.name);
}

void TestDemoData::differentSeedsDiffer()
{
    const demo::DemoData other = demo::generate(43, m_now, 200, 40);
    int same = 0;
    for (qsizetype i = 0; i < other.tickets.size(); ++i) {
        if (other.tickets.at(i).ticket.toJson() == m_data.tickets.at(i).ticket.toJson())
            ++same;
    }
    QCOMPARE(same, 0);
    QVERIFY(other.users.at(1).user.displayName != m_data.users.at(1).user.displayName ||
            other.users.at(2).user.displayName != m_data.users.at(2).user.displayName);
}

void TestDemoData::counts()
{
    QCOMPARE(m_data.tickets.size(), 2000);
    QCOMPARE(m_data.staff.size(), 40);
    int engineers = 0;
    for (const demo::DemoUser &u : std::as_const(m_data.users)) {
        if (u.user.role == Role::Engineer)
            ++engineers;
    }
    QCOMPARE(engineers, 40);
    QCOMPARE(m_data.users.size(), 13 + 40);
    QVERIFY(m_byUsername.contains(u"eng001"_s));
    QVERIFY(m_byUsername.contains(u"eng040"_s));
    QVERIFY(!m_byUsername.contains(u"eng041"_s));
}

void TestDemoData::fixedAccounts()
{
    const QList<QPair<QString, Role>> expected = {
        {u"admin"_s, Role::Admin},      {u"disp1"_s, Role::Dispatcher}, {u"disp2"_s, Role::Dispatcher},
        {u"disp3"_s, Role::Dispatcher}, {u"sup1"_s, Role::Supervisor},  {u"sup2"_s, Role::Supervisor},
        {u"mgr1"_s, Role::Manager},     {u"aud1"_s, Role::Auditor},     {u"req1"_s, Role::Requester},
        {u"req2"_s, Role::Requester},   {u"req3"_s, Role::Requester},   {u"req4"_s, Role::Requester},
        {u"req5"_s, Role::Requester},
    };
    for (const auto &[username, role] : expected) {
        QVERIFY2(m_byUsername.contains(username), qPrintable(username));
        QCOMPARE(m_byUsername.value(username)->user.role, role);
    }
    const demo::DemoUser *admin = m_byUsername.value(u"admin"_s);
    QCOMPARE(admin->password, u"admin"_s);
    QCOMPARE(admin->user.displayName, u"Administrator"_s);
    for (const demo::DemoUser &u : std::as_const(m_data.users)) {
        QVERIFY(!u.user.id.isValid());
        QVERIFY(!u.user.teamId.isValid());
        QVERIFY(u.user.active);
        if (u.user.username != u"admin"_s) {
            QCOMPARE(u.password, u"demo123"_s);
            QVERIFY2(hasCjk(u.user.displayName), qPrintable(u.user.displayName));
        }
    }
}

void TestDemoData::uniqueNames()
{
    QSet<QString> usernames, displayNames, emails;
    for (const demo::DemoUser &u : std::as_const(m_data.users)) {
        QVERIFY2(!usernames.contains(u.user.username), qPrintable(u.user.username));
        QVERIFY2(!displayNames.contains(u.user.displayName), qPrintable(u.user.displayName));
        QVERIFY2(!emails.contains(u.user.email), qPrintable(u.user.email));
        usernames.insert(u.user.username);
        displayNames.insert(u.user.displayName);
        emails.insert(u.user.email);
    }
    // More engineers than there are name combinations still gives unique display names.
    const demo::DemoData crowd = demo::generate(1, m_now, 0, 3500);
    QSet<QString> crowdNames;
    for (const demo::DemoUser &u : crowd.users)
        crowdNames.insert(u.user.displayName);
    QCOMPARE(crowdNames.size(), crowd.users.size());
}

void TestDemoData::teamsAndStaff()
{
    QSet<QString> districts, teamNames;
    QHash<QString, GeoPoint> districtCentre;
    for (const auto &[name, centre] : std::as_const(m_data.city.districts)) {
        districts.insert(name);
        districtCentre.insert(name, centre);
    }
    QVERIFY(m_data.teams.size() >= 5);
    QHash<QString, QString> areaOfTeam;
    for (const Team &team : std::as_const(m_data.teams)) {
        QVERIFY(!team.id.isValid());
        QVERIFY2(!teamNames.contains(team.name), qPrintable(team.name));
        teamNames.insert(team.name);
        QVERIFY2(districts.contains(team.area), qPrintable(team.area));
        areaOfTeam.insert(team.name, team.area);
    }
    QVERIFY(teamNames.contains(u"IT 服务台"_s));
    QVERIFY(teamNames.contains(u"管网抢修队"_s));

    QSet<QString> staffed;
    for (const demo::DemoUser &u : std::as_const(m_data.users)) {
        if (u.user.role == Role::Engineer) {
            QVERIFY2(teamNames.contains(u.teamName), qPrintable(u.user.username));
            staffed.insert(u.teamName);
        } else if (!u.teamName.isEmpty()) {
            QVERIFY(teamNames.contains(u.teamName));
        }
    }
    QCOMPARE(staffed.size(), teamNames.size()); // 40 engineers are enough to staff every team

    QSet<StaffStatus> statuses;
    for (qsizetype i = 0; i < m_data.staff.size(); ++i) {
        const demo::DemoStaff &s = m_data.staff.at(i);
        QCOMPARE(s.username, u"eng%1"_s.arg(i + 1, 3, 10, QLatin1Char('0')));
        const demo::DemoUser *user = m_byUsername.value(s.username);
        QVERIFY(user);
        QCOMPARE(user->user.role, Role::Engineer);
        QVERIFY(!s.skills.isEmpty());
        for (const QString &skill : s.skills)
            QVERIFY2(kSkills.contains(skill), qPrintable(skill));
        QVERIFY(s.position.isValid());
        const GeoPoint area = districtCentre.value(areaOfTeam.value(user->teamName));
        QVERIFY2(distanceKm(s.position, area) <= 3.5, qPrintable(s.username));
        QVERIFY(s.accuracy >= 5 && s.accuracy <= 50);
        QVERIFY(s.positionAt.isValid() && s.positionAt <= m_now);
        statuses.insert(s.status);
    }
    QVERIFY(statuses.contains(StaffStatus::Available));
    QVERIFY(statuses.size() >= 3);
}

void TestDemoData::statusesValidForType()
{
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        const Ticket &t = d.ticket;
        const QStringList statuses = statusesOf(t.type);
        QVERIFY2(!statuses.isEmpty(), qPrintable(t.type));
        QVERIFY2(statuses.contains(t.status), qPrintable(t.type + u' ' + t.status));
        if (t.status == u"suspended"_s) {
            QVERIFY(statuses.contains(t.suspendedFrom));
            QVERIFY(t.suspendedFrom != u"suspended"_s);
            QVERIFY(t.suspendedFrom != (isHelpDesk(t) ? u"completed"_s : u"closed"_s));
        } else {
            QVERIFY(t.suspendedFrom.isEmpty());
        }
        QVERIFY(!t.id.isValid());
        QVERIFY(t.number.isEmpty());
        QCOMPARE(t.version, qint64(0));
        QVERIFY(allSourceNames().contains(t.source));
        QVERIFY(t.urgeCount >= 0 && t.urgeCount <= 3);
    }
}

void TestDemoData::typeMix()
{
    QHash<QString, int> types;
    QSet<Priority> priorities;
    QSet<QString> statuses, sources;
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        ++types[d.ticket.type];
        priorities.insert(d.ticket.priority);
        statuses.insert(d.ticket.type + u'/' + d.ticket.status);
        sources.insert(d.ticket.source);
    }
    const double n = double(m_data.tickets.size());
    const QList<QPair<QString, double>> expected = {{u"it_helpdesk"_s, 0.35},
                                                    {u"repair"_s, 0.35},
                                                    {u"meter_replacement"_s, 0.10},
                                                    {u"complaint"_s, 0.12},
                                                    {u"inquiry"_s, 0.08}};
    for (const auto &[type, share] : expected)
        QVERIFY2(std::abs(types.value(type) / n - share) < 0.04, qPrintable(type));
    QCOMPARE(priorities.size(), 4);
    QVERIFY(sources.size() >= 6);
    QVERIFY(statuses.contains(u"it_helpdesk/completed"_s));
    QVERIFY(statuses.contains(u"repair/closed"_s));
}

void TestDemoData::timesConsistent()
{
    const QDateTime earliest = m_now.addDays(-demo::kDefaultDaysBack - 1);
    QDateTime previous;
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        const Ticket &t = d.ticket;
        const QString what = t.type + u' ' + t.status + u' ' + t.createdAt.toString(Qt::ISODate);
        QVERIFY(t.createdAt.isValid() && t.updatedAt.isValid());
        QCOMPARE(t.createdAt.timeSpec(), Qt::UTC);
        QVERIFY2(t.createdAt >= earliest, qPrintable(what));
        QVERIFY2(t.createdAt <= t.updatedAt, qPrintable(what));
        QVERIFY2(t.updatedAt <= m_now, qPrintable(what));
        if (previous.isValid())
            QVERIFY2(previous <= t.createdAt, "tickets are ordered by createdAt");
        previous = t.createdAt;

        // Each timestamp, when set, lies between the one before it and updatedAt.
        QDateTime last = t.createdAt;
        for (const QDateTime &at : {t.firstResponseAt, t.acceptedAt, t.resolvedAt, t.closedAt}) {
            if (!at.isValid())
                continue;
            QCOMPARE(at.timeSpec(), Qt::UTC);
            QVERIFY2(at >= last, qPrintable(what));
            QVERIFY2(at <= t.updatedAt, qPrintable(what));
            last = at;
        }
        if (t.closedAt.isValid())
            QVERIFY2(t.resolvedAt.isValid(), qPrintable(what));

        const QString s = t.status == u"suspended"_s ? t.suspendedFrom : t.status;
        QCOMPARE(t.closedAt.isValid(), isFinal(t));
        if (isHelpDesk(t)) {
            QCOMPARE(t.resolvedAt.isValid(), s == u"pending_confirmation"_s || s == u"completed"_s);
            QCOMPARE(t.acceptedAt.isValid(), s != u"pending_assignment"_s);
        } else {
            const int at = kUtilityStatuses.indexOf(s);
            QCOMPARE(t.resolvedAt.isValid(), at >= kUtilityStatuses.indexOf(u"completed"_s));
            QCOMPARE(t.acceptedAt.isValid(), at >= kUtilityStatuses.indexOf(u"accepted"_s));
            QCOMPARE(t.firstResponseAt.isValid(), at >= kUtilityStatuses.indexOf(u"reviewed"_s));
        }
    }
}

void TestDemoData::oldTicketsMostlyFinal()
{
    int old = 0, oldFinal = 0, recent = 0, recentOpen = 0;
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        const qint64 ageDays = d.ticket.createdAt.secsTo(m_now) / 86400;
        if (ageDays >= 30) {
            ++old;
            oldFinal += isFinal(d.ticket) ? 1 : 0;
        } else if (ageDays < 2) {
            ++recent;
            recentOpen += isFinal(d.ticket) ? 0 : 1;
        }
    }
    QVERIFY(old > 1000);
    QVERIFY2(oldFinal >= old * 0.9, qPrintable(u"%1 of %2"_s.arg(oldFinal).arg(old)));
    QVERIFY(recent > 5);
    QVERIFY2(recentOpen * 2 >= recent, qPrintable(u"%1 of %2"_s.arg(recentOpen).arg(recent)));
}

void TestDemoData::assignment()
{
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        QVERIFY(!d.ticket.assigneeId.isValid());
        QCOMPARE(!d.assigneeUsername.isEmpty(), pastAssignment(d.ticket));
        if (d.assigneeUsername.isEmpty()) {
            QVERIFY(d.teamName.isEmpty());
            continue;
        }
        const demo::DemoUser *engineer = m_byUsername.value(d.assigneeUsername);
        QVERIFY(engineer);
        QCOMPARE(engineer->user.role, Role::Engineer);
        QCOMPARE(d.teamName, engineer->teamName);
        QCOMPARE(engineer->teamName == u"IT 服务台"_s, isHelpDesk(d.ticket));
    }
}

void TestDemoData::requesters()
{
    int linked = 0;
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        QVERIFY(!d.ticket.requester.name.isEmpty());
        QVERIFY(!d.ticket.requester.contact.isEmpty());
        if (d.requesterUsername.isEmpty())
            continue;
        ++linked;
        const demo::DemoUser *user = m_byUsername.value(d.requesterUsername);
        QVERIFY(user);
        QCOMPARE(user->user.role, Role::Requester);
        QCOMPARE(d.ticket.requester.name, user->user.displayName);
        QVERIFY(d.ticket.requester.contact == user->user.email || d.ticket.requester.contact == user->user.phone);
        // University staff file help-desk tickets, residents utility tickets.
        QCOMPARE(d.requesterUsername <= u"req3"_s, isHelpDesk(d.ticket));
    }
    const double share = linked / double(m_data.tickets.size());
    QVERIFY2(share > 0.25 && share < 0.35, qPrintable(QString::number(share)));
}

void TestDemoData::fields()
{
    const QStringList results = {u"satisfied"_s, u"partly"_s, u"unresolved"_s};
    int callbacks = 0;
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        const Ticket &t = d.ticket;
        if (t.status == u"completed"_s || t.status == u"closed"_s)
            QVERIFY2(!t.fields.value(u"resolution"_s).toString().isEmpty(), qPrintable(t.status));
        const bool withCallback = !isHelpDesk(t) && t.type != u"inquiry"_s;
        const bool verified = withCallback && (t.status == u"callback_verified"_s || t.status == u"closed"_s);
        QCOMPARE(t.fields.contains(u"callbackResult"_s), verified);
        QCOMPARE(t.fields.contains(u"rating"_s), verified);
        if (verified) {
            ++callbacks;
            QVERIFY(results.contains(t.fields.value(u"callbackResult"_s).toString()));
            const int rating = t.fields.value(u"rating"_s).toInt();
            QVERIFY(rating >= 1 && rating <= 5);
            if (t.status == u"closed"_s)
                QVERIFY(t.fields.value(u"callbackResult"_s).toString() != u"unresolved"_s);
        }
    }
    QVERIFY(callbacks > 0);
}

void TestDemoData::comments()
{
    QSet<QString> displayNames;
    for (const demo::DemoUser &u : std::as_const(m_data.users))
        displayNames.insert(u.user.displayName);
    int total = 0, internal = 0;
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        QVERIFY(d.comments.size() <= 4);
        QDateTime last = d.ticket.createdAt;
        for (const Comment &c : d.comments) {
            ++total;
            internal += c.kind == CommentKind::Internal ? 1 : 0;
            QVERIFY2(displayNames.contains(c.authorName), qPrintable(c.authorName));
            QVERIFY(!c.authorId.isValid());
            QVERIFY(!c.id.isValid());
            QVERIFY(!c.body.isEmpty());
            QVERIFY(c.createdAt >= last);
            QVERIFY(c.createdAt <= d.ticket.updatedAt);
            last = c.createdAt;
        }
    }
    QVERIFY(total > int(m_data.tickets.size()));
    QVERIFY(internal > 0 && internal < total);
}

void TestDemoData::positionsInsideCity()
{
    const demo::DemoCity city = demo::demoCity();
    QCOMPARE(city.name, m_data.city.name);
    QVERIFY(distanceKm(city.center, GeoPoint::at(30.274, 120.155)) < 2);
    QVERIFY(city.districts.size() >= 8 && city.districts.size() <= 12);
    QHash<QString, GeoPoint> centres;
    for (const auto &[name, centre] : city.districts) {
        QVERIFY(hasCjk(name));
        QVERIFY(distanceKm(centre, city.center) < city.radiusKm);
        centres.insert(name, centre);
    }
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        const Ticket &t = d.ticket;
        QVERIFY(t.location.isValid());
        QVERIFY(distanceKm(t.location, city.center) <= city.radiusKm);
        if (!isHelpDesk(t)) {
            QVERIFY2(centres.contains(t.department), qPrintable(t.department));
            QVERIFY(distanceKm(t.location, centres.value(t.department)) <= 4);
            QVERIFY(t.address.startsWith(t.department));
        }
    }
    for (const demo::DemoStaff &s : std::as_const(m_data.staff))
        QVERIFY(distanceKm(s.position, city.center) <= city.radiusKm);
}

void TestDemoData::text()
{
    const QStringList emergencyWords = {u"停机"_s, u"冒烟"_s, u"漏水"_s, u"outage"_s};
    int emergencies = 0, english = 0;
    for (const demo::DemoTicket &d : std::as_const(m_data.tickets)) {
        const Ticket &t = d.ticket;
        QVERIFY(!t.title.isEmpty());
        QVERIFY(!t.description.isEmpty());
        QVERIFY(!t.category.isEmpty());
        QVERIFY(!t.department.isEmpty());
        QVERIFY(!t.address.isEmpty());
        QVERIFY2(!t.title.contains(u'{') && !t.description.contains(u'{'), qPrintable(t.title));
        if (isHelpDesk(t) && !hasCjk(t.title))
            ++english;
        if (std::any_of(emergencyWords.begin(), emergencyWords.end(), [&](const QString &w) {
                return t.title.contains(w, Qt::CaseInsensitive) || t.description.contains(w, Qt::CaseInsensitive);
            })) {
            ++emergencies;
        }
    }
    QVERIFY(english > 0);
    QVERIFY2(emergencies > 0 && emergencies < m_data.tickets.size() / 12, qPrintable(QString::number(emergencies)));
}

void TestDemoData::makeTicketIndependentOfOrder()
{
    constexpr int n = 300;
    QList<QJsonObject> forward(n), backward(n);
    for (int i = 0; i < n; ++i)
        forward[i] = demo::makeTicket(7, i, m_now, 365).toJson();
    for (int i = n - 1; i >= 0; --i)
        backward[i] = demo::makeTicket(7, i, m_now, 365).toJson();
    QCOMPARE(forward, backward);
    QCOMPARE(demo::makeTicket(7, 1'000'000, m_now, 365).toJson(), demo::makeTicket(7, 1'000'000, m_now, 365).toJson());
    QVERIFY(forward.at(0) != forward.at(1));
    QVERIFY(demo::makeTicket(8, 0, m_now, 365).toJson() != forward.at(0));

    for (int i = 0; i < n; ++i) {
        const Ticket t = demo::makeTicket(7, i, m_now, 365);
        QVERIFY(statusesOf(t.type).contains(t.status));
        QVERIFY(!t.id.isValid() && t.number.isEmpty() && t.version == 0 && !t.assigneeId.isValid());
    }
}

void TestDemoData::makeTicketRespectsDaysBack()
{
    for (int daysBack : {1, 3, 30}) {
        const QDateTime earliest = m_now.addDays(-daysBack);
        for (int i = 0; i < 200; ++i) {
            const Ticket t = demo::makeTicket(3, i, m_now, daysBack);
            QVERIFY2(t.createdAt >= earliest && t.createdAt <= m_now, qPrintable(t.createdAt.toString(Qt::ISODate)));
            QVERIFY(t.updatedAt >= t.createdAt && t.updatedAt <= m_now);
        }
    }
}

void TestDemoData::makeTicketWithEngineers()
{
    const QList<UserId> engineers = {UserId(11), UserId(12), UserId(13)};
    int assigned = 0;
    for (int i = 0; i < 200; ++i) {
        const Ticket plain = demo::makeTicket(5, i, m_now, 120);
        Ticket t = demo::makeTicket(5, i, m_now, 120, engineers);
        QCOMPARE(t.assigneeId.isValid(), pastAssignment(t));
        if (t.assigneeId.isValid()) {
            ++assigned;
            QVERIFY(engineers.contains(t.assigneeId));
        }
        t.assigneeId = UserId();
        QCOMPARE(t.toJson(), plain.toJson());
    }
    QVERIFY(assigned > 100);
}

void TestDemoData::smallAndEmpty()
{
    const demo::DemoData empty = demo::generate(1, m_now, 0, 0);
    QVERIFY(empty.tickets.isEmpty());
    QVERIFY(empty.staff.isEmpty());
    QCOMPARE(empty.users.size(), 13);

    // Fewer engineers than teams: tickets still go to an engineer of the right trade when one exists.
    const demo::DemoData few = demo::generate(1, m_now, 300, 2);
    QCOMPARE(few.staff.size(), 2);
    for (const demo::DemoTicket &d : few.tickets)
        QCOMPARE(!d.assigneeUsername.isEmpty(), pastAssignment(d.ticket));
}

void TestDemoData::generateBuildsLikeMakeTicket()
{
    // generate() orders makeTicket's tickets by createdAt (stable), then links requesters and assignees.
    constexpr int n = 500;
    const demo::DemoData data = demo::generate(9, m_now, n, 20);
    QList<Ticket> made;
    for (int i = 0; i < n; ++i)
        made.append(demo::makeTicket(9, i, m_now, demo::kDefaultDaysBack));
    std::stable_sort(made.begin(), made.end(),
                     [](const Ticket &a, const Ticket &b) { return a.createdAt < b.createdAt; });
    for (int i = 0; i < n; ++i) {
        Ticket fromGenerate = data.tickets.at(i).ticket;
        Ticket expected = made.at(i);
        if (!data.tickets.at(i).requesterUsername.isEmpty()) { // name, contact and e-mail signature were replaced
            fromGenerate.requester = expected.requester = Requester();
            fromGenerate.description = expected.description = QString();
        }
        QCOMPARE(fromGenerate.toJson(), expected.toJson());
    }
}

void TestDemoData::otherSeedsAndTimes_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<QString>("now");
    QTest::newRow("just after local midnight, Monday") << quint64(0) << u"2026-03-15T16:00:01.000Z"_s;
    QTest::newRow("Sunday evening, milliseconds") << quint64(1) << u"2026-03-15T12:34:56.789Z"_s;
    QTest::newRow("large seed, new year") << quint64(0xfedcba9876543210ULL) << u"2027-01-01T00:00:00.000Z"_s;
}

void TestDemoData::otherSeedsAndTimes()
{
    QFETCH(quint64, seed);
    QFETCH(QString, now);
    const QDateTime at = QDateTime::fromString(now, Qt::ISODateWithMs);
    QVERIFY(at.isValid());
    const demo::DemoData data = demo::generate(seed, at, 400, 12);
    QCOMPARE(data.tickets.size(), 400);
    for (const demo::DemoTicket &d : data.tickets) {
        const Ticket &t = d.ticket;
        QVERIFY(statusesOf(t.type).contains(t.status));
        QVERIFY(t.createdAt >= at.addDays(-demo::kDefaultDaysBack - 1));
        QVERIFY(t.createdAt <= t.updatedAt && t.updatedAt <= at);
        if (t.closedAt.isValid())
            QVERIFY(t.resolvedAt.isValid() && t.resolvedAt <= t.closedAt);
        QCOMPARE(!d.assigneeUsername.isEmpty(), pastAssignment(t));
        for (const Comment &c : d.comments)
            QVERIFY(c.createdAt >= t.createdAt && c.createdAt <= t.updatedAt);
    }
    for (int i = 0; i < 50; ++i) {
        const Ticket t = demo::makeTicket(seed, i, at, 2);
        QVERIFY(t.createdAt >= at.addDays(-2) && t.updatedAt <= at);
    }
}

// The workflow files are the source of truth for statuses and categories; the lists above only mirror them.
void TestDemoData::matchesWorkflowDefinitions()
{
#ifndef CREWLINE_SOURCE_DIR
    QSKIP("built outside the project: no workflow definitions to compare with");
#else
    struct Definition
    {
        QSet<QString> statuses, categories, suspendable;
        QHash<QString, QStringList> requiredFields; // per status
    };
    QHash<QString, Definition> definitions;
    const QDir dir(QStringLiteral(CREWLINE_SOURCE_DIR) + u"/resources/workflows"_s);
    for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(name));
        const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
        Definition d;
        for (const QJsonValue &s : o.value(u"statuses"_s).toArray()) {
            const QJsonObject status = s.toObject();
            const QString id = status.value(u"id"_s).toString();
            d.statuses.insert(id);
            for (const QJsonValue &f : status.value(u"requiredFields"_s).toArray())
                d.requiredFields[id].append(f.toString());
        }
        for (const QJsonValue &c : o.value(u"categories"_s).toArray())
            d.categories.insert(c.toString());
        for (const QJsonValue &s : o.value(u"suspendable"_s).toArray())
            d.suspendable.insert(s.toString());
        definitions.insert(o.value(u"id"_s).toString(), d);
    }
    if (definitions.isEmpty())
        QSKIP("no workflow definitions in the source tree yet");

    for (const QString &type : QStringList{u"it_helpdesk"_s} + kUtilityTypes) {
        QVERIFY2(definitions.contains(type), qPrintable(type));
        const QStringList statuses = statusesOf(type);
        const QSet<QString> mirrored(statuses.begin(), statuses.end());
        QCOMPARE(definitions.value(type).statuses, mirrored);
    }
    QList<demo::DemoTicket> tickets = m_data.tickets;
    for (int i = 0; i < 2000; ++i) // the fast path too, over a longer history
        tickets.append({demo::makeTicket(11, i, m_now, 365), {}, {}, {}, {}});
    for (const demo::DemoTicket &d : std::as_const(tickets)) {
        const Ticket &t = d.ticket;
        const Definition def = definitions.value(t.type);
        const QString what = t.type + u' ' + t.status + u' ' + t.category;
        QVERIFY2(def.statuses.contains(t.status), qPrintable(what));
        QVERIFY2(def.categories.contains(t.category), qPrintable(what));
        if (t.status == u"suspended"_s)
            QVERIFY2(def.suspendable.contains(t.suspendedFrom), qPrintable(what));
        for (const QString &field : def.requiredFields.value(t.status)) {
            if (field == u"assignee"_s) // generated tickets get one exactly when past assignment (see assignment())
                QVERIFY2(pastAssignment(t), qPrintable(what));
            else
                QVERIFY2(t.fields.contains(field), qPrintable(what + u' ' + field));
        }
    }
#endif
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
