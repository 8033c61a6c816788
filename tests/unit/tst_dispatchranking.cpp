// The dispatch engine's pure parts: ranking with known geometry and loads (distance, workload, skills, team, status,
// freshness, day freeze), the score's breakdown, and the rules file (matching, emergencies, refusals of bad files).

#include "common/geodesy.h"
#include "server/services/dispatchrules.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::server;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
const GeoPoint kSite = GeoPoint::at(30.2590, 120.1480);

GeoPoint eastOf(double metres)
{
    return GeoPoint::at(kSite.lat, kSite.lon + metres / (111320.0 * std::cos(kSite.lat * M_PI / 180)));
}

FieldStaff person(qint64 id, double metres, int open = 0, StaffStatus status = StaffStatus::Available,
                  QStringList skills = {u"pipe"_s}, qint64 team = 1, int ageMinutes = 1)
{
    FieldStaff f;
    f.userId = UserId(id);
    f.name = u"e%1"_s.arg(id);
    f.teamId = TeamId(team);
    f.skills = skills;
    f.status = status;
    f.position = metres < 0 ? GeoPoint() : eastOf(metres);
    f.positionAt = metres < 0 ? QDateTime() : kNow.addSecs(-60 * ageMinutes);
    f.accuracy = 10;
    f.openTickets = open;
    return f;
}

QList<qint64> order(const QList<Candidate> &ranked)
{
    QList<qint64> ids;
    for (const Candidate &c : ranked)
        ids << c.staff.userId.value();
    return ids;
}

RankingInput at(const GeoPoint &p, QStringList skills = {}, qint64 team = 0)
{
    return {p, skills, TeamId(team), kNow};
}

std::optional<DispatchRules> rulesFrom(const char *json, QString *error)
{
    return DispatchRules::fromJson(QJsonDocument::fromJson(json).object(), error);
}

} // namespace

class TestDispatchRanking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void greatCircleDistance();
    void nearerWinsOtherwiseEqual();
    void workloadOutweighsASmallDetour();
    void skillsAndTeamCount();
    void offDutyAndFrozenComeLast();
    void stalePositionsAreDiscounted();
    void breakdownAddsUpToTheScore();
    void noLocationRanksWithoutDistance();
    void rulesMatchByTypeAndCategory();
    void emergencyByPriorityOrKeyword();
    void badRulesAreRefused();
    void builtInRulesLoad();
};

void TestDispatchRanking::greatCircleDistance()
{
    // Hangzhou West Lake to Shanghai People's Square: about 165 km on the great circle.
    const double d = geo::distanceMetres(kSite, GeoPoint::at(31.2304, 121.4737));
    QVERIFY2(d > 160000 && d < 170000, qPrintable(QString::number(d)));
    QVERIFY(std::abs(geo::distanceMetres(kSite, eastOf(1000)) - 1000) < 5);
    QCOMPARE(geo::distanceMetres(kSite, GeoPoint()), -1.0);
    const GeoPoint half = geo::moveTowards(kSite, eastOf(2000), 1000);
    QVERIFY(std::abs(geo::distanceMetres(kSite, half) - 1000) < 5);
    QVERIFY(std::abs(geo::bearingDegrees(kSite, eastOf(1000)) - 90) < 0.5);
}

void TestDispatchRanking::nearerWinsOtherwiseEqual()
{
    const QList<Candidate> r =
        rankCandidates(at(kSite), {person(1, 8000), person(2, 500), person(3, 2000), person(4, 30000)}, {});
    QCOMPARE(order(r), (QList<qint64>{2, 3, 1, 4}));
    QVERIFY(std::abs(r.first().distance - 500) < 5);
    QVERIFY(r.at(0).score > r.at(1).score && r.at(1).score > r.at(2).score && r.at(2).score > r.at(3).score);
}

void TestDispatchRanking::workloadOutweighsASmallDetour()
{
    // 1 km with 5 open tickets against 1.5 km with none: the free one wins; against 20 km, the busy one.
    const DispatchConfig config;
    QCOMPARE(order(rankCandidates(at(kSite), {person(1, 1000, 5), person(2, 1500, 0)}, config)), (QList<qint64>{2, 1}));
    QCOMPARE(order(rankCandidates(at(kSite), {person(1, 1000, 5), person(2, 20000, 0)}, config)),
             (QList<qint64>{1, 2}));
    // Above the cap, more tickets make no difference (ties broken by distance).
    const QList<Candidate> capped = rankCandidates(at(kSite), {person(1, 1000, 12), person(2, 1000, 6)}, config);
    QCOMPARE(capped.at(0).cWorkload, 0.0);
    QCOMPARE(capped.at(1).cWorkload, 0.0);
}

void TestDispatchRanking::skillsAndTeamCount()
{
    const QList<Candidate> r = rankCandidates(at(kSite, {u"pipe"_s, u"valve"_s}, 7),
                                              {person(1, 1000, 0, StaffStatus::Available, {u"meter"_s}, 7),
                                               person(2, 1000, 0, StaffStatus::Available, {u"pipe"_s, u"valve"_s}, 7),
                                               person(3, 1000, 0, StaffStatus::Available, {u"pipe"_s, u"valve"_s}, 3),
                                               person(4, 1000, 0, StaffStatus::Available, {u"pipe"_s}, 7)},
                                              {});
    QCOMPARE(order(r), (QList<qint64>{2, 4, 3, 1}));
    QCOMPARE(r.at(0).matchedSkills, (QStringList{u"pipe"_s, u"valve"_s}));
    QCOMPARE(r.at(1).cSkills, 0.5);
    QCOMPARE(r.at(2).cTeam, 0.0);
    QCOMPARE(r.at(3).cSkills, 0.0);
}

void TestDispatchRanking::offDutyAndFrozenComeLast()
{
    FieldStaff frozen = person(3, 100);
    frozen.frozen = true;
    const QList<Candidate> r = rankCandidates(
        at(kSite),
        {person(1, 50, 0, StaffStatus::OffDuty), person(2, 20000), frozen, person(4, 3000, 0, StaffStatus::OnSite)},
        {});
    QCOMPARE(order(r).mid(0, 2), (QList<qint64>{4, 2}));
    QVERIFY(r.at(0).eligible && r.at(1).eligible);
    QVERIFY(!r.at(2).eligible && !r.at(3).eligible);
    QVERIFY(QList<qint64>({1, 3}).contains(order(r).at(2)));
}

void TestDispatchRanking::stalePositionsAreDiscounted()
{
    // Same place; one fix a minute old, the other 40 minutes (stale at 15): the fresh one first, by both the
    // distance and the freshness components.
    const QList<Candidate> r = rankCandidates(
        at(kSite),
        {person(1, 1000, 0, StaffStatus::Available, {}, 1, 40), person(2, 1000, 0, StaffStatus::Available, {}, 1, 1)},
        {});
    QCOMPARE(order(r), (QList<qint64>{2, 1}));
    QVERIFY(!r.at(0).stale);
    QVERIFY(r.at(1).stale);
    QVERIFY(r.at(1).cDistance < r.at(0).cDistance);
    QVERIFY(r.at(1).cFreshness > 0 && r.at(1).cFreshness < 1);
    // A stale but much nearer fix still beats a fresh one far away.
    const QList<Candidate> far = rankCandidates(
        at(kSite),
        {person(1, 300, 0, StaffStatus::Available, {}, 1, 20), person(2, 25000, 0, StaffStatus::Available, {}, 1, 1)},
        {});
    QCOMPARE(order(far), (QList<qint64>{1, 2}));
}

void TestDispatchRanking::breakdownAddsUpToTheScore()
{
    DispatchConfig config;
    config.weights = {2, 1, 1, 1, 1, 0}; // any scale: only ratios matter
    const QList<Candidate> r = rankCandidates(at(kSite, {u"pipe"_s}, 1),
                                              {person(1, 1200, 2), person(2, 400, 4, StaffStatus::EnRoute)}, config);
    for (const Candidate &c : r) {
        const QJsonObject j = c.toJson(config.weights);
        const QJsonObject b = j.value(u"breakdown"_s).toObject();
        double sum = 0;
        for (auto it = b.begin(); it != b.end(); ++it)
            sum += it.value().toDouble();
        QVERIFY2(std::abs(sum - j.value(u"score"_s).toDouble()) < 0.001, qPrintable(QString::number(sum)));
        QCOMPARE(b.value(u"freshness"_s).toDouble(), 0.0);
        QVERIFY(j.value(u"score"_s).toDouble() >= 0 && j.value(u"score"_s).toDouble() <= 1);
        QCOMPARE(j.value(u"distance"_s).toDouble(), std::round(c.distance));
    }
}

void TestDispatchRanking::noLocationRanksWithoutDistance()
{
    const QList<Candidate> r = rankCandidates(at(GeoPoint()), {person(1, 1000, 3), person(2, -1, 0)}, {});
    QCOMPARE(order(r), (QList<qint64>{2, 1})); // workload decides
    QCOMPARE(r.at(0).distance, -1.0);
    QVERIFY(r.at(0).toJson({}).value(u"distance"_s).isNull());
}

void TestDispatchRanking::rulesMatchByTypeAndCategory()
{
    QString error;
    const std::optional<DispatchRules> rules = rulesFrom(R"({"rules": [
        {"id": "gas", "types": ["repair"], "categories": ["燃气泄漏"], "mode": "offer", "team": "管网抢修队"},
        {"id": "repair", "types": ["repair"], "mode": "auto"},
        {"id": "any", "mode": "pool"}]})",
                                                         &error);
    QVERIFY2(rules, qPrintable(error));
    Ticket t;
    t.type = u"repair"_s;
    t.category = u"燃气泄漏"_s;
    QCOMPARE(rules->match(t)->id, u"gas"_s);
    QCOMPARE(rules->match(t)->team, u"管网抢修队"_s);
    t.category = u"水压不足"_s;
    QCOMPARE(rules->match(t)->id, u"repair"_s);
    t.type = u"inquiry"_s;
    QCOMPARE(rules->match(t)->mode, u"pool"_s);
}

void TestDispatchRanking::emergencyByPriorityOrKeyword()
{
    QString error;
    const std::optional<DispatchRules> rules = rulesFrom(
        R"({"emergency": {"priorities": ["urgent"], "keywords": ["停机", "冒烟", "outage"]}, "rules": []})", &error);
    QVERIFY2(rules, qPrintable(error));
    Ticket t;
    t.title = u"空调不制冷"_s;
    QVERIFY(!rules->isEmergency(t));
    t.description = u"机房空调冒烟了"_s;
    QString why;
    QVERIFY(rules->isEmergency(t, &why));
    QVERIFY(why.contains(u"冒烟"_s));
    t.description = u"Network OUTAGE in building 3"_s;
    QVERIFY(rules->isEmergency(t));
    t.description.clear();
    t.priority = Priority::Urgent;
    QVERIFY(rules->isEmergency(t, &why));
    QVERIFY(why.contains(u"urgent"_s));
    QCOMPARE(rules->emergency().offerCount, 3); // default
}

void TestDispatchRanking::badRulesAreRefused()
{
    const QList<std::pair<const char *, QString>> bad = {
        {R"({"rules": [{"id": "x", "mode": "teleport"}]})", u"mode"_s},
        {R"({"rules": {"id": "x"}})", u"rules"_s},
        {R"({"rules": [{"id": "x", "types": "repair"}]})", u"types"_s},
        {R"({"emergency": {"priorities": ["sometime"]}, "rules": []})", u"sometime"_s},
        {R"({"emergency": {"offerCount": 0}, "rules": []})", u"offerCount"_s},
        {R"({"rules": [{"id": "x", "acceptMinutes": 1.5}]})", u"acceptMinutes"_s},
    };
    for (const auto &[json, word] : bad) {
        QString error;
        QVERIFY2(!rulesFrom(json, &error), json);
        QVERIFY2(error.contains(word), qPrintable(error));
    }
    QString error;
    QVERIFY(!DispatchRules::load(u"/nonexistent/rules.json"_s, &error));
    QVERIFY(error.contains(u"cannot read"_s));
}

void TestDispatchRanking::builtInRulesLoad()
{
    QString error;
    const std::optional<DispatchRules> rules = DispatchRules::load(QString(), &error);
    QVERIFY2(rules, qPrintable(error));
    QVERIFY(rules->emergency().keywords.contains(u"漏水"_s));
    Ticket t;
    t.type = u"meter_replacement"_s;
    QCOMPARE(rules->match(t)->mode, u"pool"_s);
}

QTEST_GUILESS_MAIN(TestDispatchRanking)
#include "tst_dispatchranking.moc"
