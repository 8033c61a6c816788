#include "server/services/dispatchrules.h"

#include "common/geodesy.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

bool readStrings(const QJsonObject &o, const QString &key, QStringList &out, QString *error, const QString &where)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return true;
    if (!v.isArray()) {
        *error = u"%1: \"%2\" must be a list of strings"_s.arg(where, key);
        return false;
    }
    for (const QJsonValue &x : v.toArray()) {
        if (!x.isString()) {
            *error = u"%1: \"%2\" must be a list of strings"_s.arg(where, key);
            return false;
        }
        out << x.toString();
    }
    return true;
}

bool readCount(const QJsonObject &o, const QString &key, int &out, int min, int max, QString *error,
               const QString &where)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return true;
    if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()) || v.toInt() < min || v.toInt() > max) {
        *error = u"%1: \"%2\" must be a whole number from %3 to %4"_s.arg(where, key).arg(min).arg(max);
        return false;
    }
    out = v.toInt();
    return true;
}

double statusScore(StaffStatus s)
{
    switch (s) {
    case StaffStatus::Available:
        return 1.0;
    case StaffStatus::EnRoute:
        return 0.6;
    case StaffStatus::OnSite:
        return 0.3;
    case StaffStatus::OffDuty:
        return 0.0;
    }
    return 0.0;
}

double rounded(double v)
{
    return std::round(v * 10000) / 10000;
}

} // namespace

const QStringList &DispatchRules::modes()
{
    static const QStringList m = {u"manual"_s, u"route"_s, u"auto"_s, u"offer"_s, u"pool"_s};
    return m;
}

std::optional<DispatchRules> DispatchRules::fromJson(const QJsonObject &o, QString *error)
{
    DispatchRules r;
    const QJsonObject em = o.value(u"emergency"_s).toObject();
    QStringList priorities;
    if (!readStrings(em, u"priorities"_s, priorities, error, u"emergency"_s) ||
        !readStrings(em, u"keywords"_s, r.m_emergency.keywords, error, u"emergency"_s) ||
        !readCount(em, u"offerCount"_s, r.m_emergency.offerCount, 1, 50, error, u"emergency"_s) ||
        !readCount(em, u"acceptMinutes"_s, r.m_emergency.acceptMinutes, 1, 24 * 60, error, u"emergency"_s))
        return std::nullopt;
    for (const QString &p : std::as_const(priorities)) {
        const std::optional<Priority> prio = priorityFromName(p);
        if (!prio) {
            *error = u"emergency: unknown priority \"%1\""_s.arg(p);
            return std::nullopt;
        }
        r.m_emergency.priorities << *prio;
    }
    r.m_emergency.keywords.removeAll(QString());
    if (!o.value(u"rules"_s).isArray()) {
        *error = u"\"rules\" must be a list"_s;
        return std::nullopt;
    }
    int index = 0;
    for (const QJsonValue &v : o.value(u"rules"_s).toArray()) {
        ++index;
        const QJsonObject ro = v.toObject();
        DispatchRule rule;
        rule.id = ro.value(u"id"_s).toString(u"rule%1"_s.arg(index));
        const QString where = u"rule \"%1\""_s.arg(rule.id);
        rule.mode = ro.value(u"mode"_s).toString(rule.mode);
        rule.team = ro.value(u"team"_s).toString();
        rule.emergency = ro.value(u"emergency"_s).toBool(true);
        if (!v.isObject() || !readStrings(ro, u"types"_s, rule.types, error, where) ||
            !readStrings(ro, u"categories"_s, rule.categories, error, where) ||
            !readStrings(ro, u"skills"_s, rule.skills, error, where) ||
            !readCount(ro, u"offerCount"_s, rule.offerCount, 0, 50, error, where) ||
            !readCount(ro, u"acceptMinutes"_s, rule.acceptMinutes, 0, 24 * 60, error, where)) {
            if (error->isEmpty())
                *error = u"rule %1 must be an object"_s.arg(index);
            return std::nullopt;
        }
        if (!modes().contains(rule.mode)) {
            *error = u"%1: mode must be one of %2"_s.arg(where, modes().join(u", "_s));
            return std::nullopt;
        }
        r.m_rules << rule;
    }
    return r;
}

std::optional<DispatchRules> DispatchRules::load(const QString &path, QString *error)
{
    const QString file = path.isEmpty() ? u":/crewline/dispatch/rules.json"_s : path;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read dispatch rules %1"_s.arg(file);
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = u"dispatch rules %1: not a JSON object (%2)"_s.arg(file, pe.errorString());
        return std::nullopt;
    }
    QString why;
    std::optional<DispatchRules> rules = fromJson(doc.object(), &why);
    if (!rules)
        *error = u"dispatch rules %1: %2"_s.arg(file, why);
    return rules;
}

const DispatchRule *DispatchRules::match(const Ticket &t) const
{
    for (const DispatchRule &r : m_rules) {
        if ((r.types.isEmpty() || r.types.contains(t.type)) &&
            (r.categories.isEmpty() || r.categories.contains(t.category)))
            return &r;
    }
    return nullptr;
}

bool DispatchRules::isEmergency(const Ticket &t, QString *why) const
{
    if (m_emergency.priorities.contains(t.priority)) {
        if (why)
            *why = u"priority %1"_s.arg(priorityName(t.priority));
        return true;
    }
    for (const QString &k : m_emergency.keywords) {
        if (t.title.contains(k, Qt::CaseInsensitive) || t.description.contains(k, Qt::CaseInsensitive)) {
            if (why)
                *why = u"keyword \"%1\""_s.arg(k);
            return true;
        }
    }
    return false;
}

QJsonObject Candidate::toJson(const DispatchWeights &w) const
{
    const double sum = w.distance + w.workload + w.skills + w.team + w.status + w.freshness;
    const auto part = [sum](double weight, double c) { return rounded(sum > 0 ? weight * c / sum : 0); };
    return {{u"userId"_s, staff.userId.value()},
            {u"name"_s, staff.name},
            {u"teamId"_s, staff.teamId.isValid() ? QJsonValue(staff.teamId.value()) : QJsonValue(QJsonValue::Null)},
            {u"score"_s, rounded(score)},
            {u"distance"_s, distance >= 0 ? QJsonValue(std::round(distance)) : QJsonValue(QJsonValue::Null)},
            {u"openTickets"_s, staff.openTickets},
            {u"status"_s, staffStatusName(staff.status)},
            {u"position"_s, staff.position.isValid() ? QJsonValue(QJsonObject{{u"lat"_s, staff.position.lat},
                                                                              {u"lon"_s, staff.position.lon}})
                                                     : QJsonValue(QJsonValue::Null)},
            {u"positionAt"_s, timeToJson(staff.positionAt)},
            {u"stale"_s, stale},
            {u"frozen"_s, staff.frozen},
            {u"eligible"_s, eligible},
            {u"skills"_s, QJsonArray::fromStringList(staff.skills)},
            {u"matchedSkills"_s, QJsonArray::fromStringList(matchedSkills)},
            {u"breakdown"_s, QJsonObject{{u"distance"_s, part(w.distance, cDistance)},
                                         {u"workload"_s, part(w.workload, cWorkload)},
                                         {u"skills"_s, part(w.skills, cSkills)},
                                         {u"team"_s, part(w.team, cTeam)},
                                         {u"status"_s, part(w.status, cStatus)},
                                         {u"freshness"_s, part(w.freshness, cFreshness)}}}};
}

QList<Candidate> rankCandidates(const RankingInput &in, const QList<FieldStaff> &staff, const DispatchConfig &config)
{
    const DispatchWeights &w = config.weights;
    const double sum = w.distance + w.workload + w.skills + w.team + w.status + w.freshness;
    const double staleMs = std::max(1, config.staleMinutes) * 60000.0;
    QList<Candidate> out;
    out.reserve(staff.size());
    for (const FieldStaff &f : staff) {
        Candidate c;
        c.staff = f;
        // Freshness: 1 while the fix is younger than the stale limit, then falling to 0 at four times the limit.
        if (f.position.isValid() && f.positionAt.isValid()) {
            const double age = std::max<double>(0, static_cast<double>(f.positionAt.msecsTo(in.now)));
            c.stale = age > staleMs;
            c.cFreshness = c.stale ? std::max(0.0, 1.0 - (age - staleMs) / (3 * staleMs)) : 1.0;
        }
        c.distance = geo::distanceMetres(in.location, f.position);
        if (c.distance >= 0) {
            const double closeness = 1.0 / (1.0 + c.distance / (std::max(0.1, config.distanceScaleKm) * 1000.0));
            // A stale position says less about where the person is now: its closeness counts for less.
            c.cDistance = closeness * (c.stale ? std::max(0.2, c.cFreshness) : 1.0);
        }
        const int cap = std::max(1, config.workloadCap);
        c.cWorkload = 1.0 - static_cast<double>(std::min(f.openTickets, cap)) / cap;
        for (const QString &s : in.skills) {
            if (f.skills.contains(s))
                c.matchedSkills << s;
        }
        c.cSkills = in.skills.isEmpty() ? 1.0 : static_cast<double>(c.matchedSkills.size()) / in.skills.size();
        c.cTeam = !in.team.isValid() || f.teamId == in.team ? 1.0 : 0.0;
        c.cStatus = statusScore(f.status);
        c.eligible = f.status != StaffStatus::OffDuty && !f.frozen;
        const double total = w.distance * c.cDistance + w.workload * c.cWorkload + w.skills * c.cSkills +
                             w.team * c.cTeam + w.status * c.cStatus + w.freshness * c.cFreshness;
        c.score = sum > 0 ? total / sum : 0;
        out << c;
    }
    std::stable_sort(out.begin(), out.end(), [](const Candidate &a, const Candidate &b) {
        if (a.eligible != b.eligible)
            return a.eligible;
        if (std::abs(a.score - b.score) > 1e-9)
            return a.score > b.score;
        const double da = a.distance < 0 ? 1e18 : a.distance;
        const double db = b.distance < 0 ? 1e18 : b.distance;
        if (da != db)
            return da < db;
        return a.staff.userId < b.staff.userId;
    });
    return out;
}

} // namespace crewline::server
