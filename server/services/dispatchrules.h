#pragma once

// The dispatch engine's data and pure logic: rules per ticket type/category (resources/dispatch/rules.json,
// overridable from <data-dir>/dispatch/rules.json), the weights and limits from server.ini [dispatch], and the
// ranking of field staff for a ticket. No storage, no clock: everything is a function of its arguments, so the
// ranking is tested with known geometry and loads.

#include "common/domain.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crewline::server {

struct DispatchWeights
{
    double distance = 0.35;
    double workload = 0.25;
    double skills = 0.15;
    double team = 0.10;
    double status = 0.10;
    double freshness = 0.05;
};

struct DispatchConfig
{
    bool automatic = true; // run the rules on new tickets and enforce accept timeouts
    DispatchWeights weights;
    int staleMinutes = 15;        // a position older than this is stale (discounted)
    double distanceScaleKm = 5.0; // distance score 1 / (1 + d / scale)
    int workloadCap = 6;          // open tickets at which the workload score reaches 0
    int maxRedispatches = 3;      // automatic re-dispatches of one ticket before only the supervisor is told
    int checkIntervalSeconds = 30;
    int trackHours = 24;           // track history kept this long
    int trackMaxPoints = 5000;     // and at most this many points per person
    int reportMinIntervalMs = 500; // staff.report faster than this per person: rate_limited
    QString rulesFile;             // empty: <data-dir>/dispatch/rules.json if present, else the built-in rules
};

struct DispatchRule
{
    QString id;
    QStringList types;                       // empty: any
    QStringList categories;                  // empty: any
    QString team;                            // team name to route to; empty: keep the ticket's
    QString mode = QStringLiteral("manual"); // manual | route | auto | offer | pool
    QStringList skills;                      // empty: the ticket type's skills
    int offerCount = 0;                      // 0: the emergency section's
    int acceptMinutes = 0;                   // 0: the ticket type's acceptTimeoutMinutes
    bool emergency = true;                   // whether an emergency overrides the mode with an offer
};

struct EmergencyRule
{
    QList<Priority> priorities;
    QStringList keywords;
    int offerCount = 3;
    int acceptMinutes = 10;
};

class DispatchRules
{
public:
    static std::optional<DispatchRules> fromJson(const QJsonObject &o, QString *error);
    // A file, or the built-in rules (":/crewline/dispatch/rules.json") for an empty path.
    static std::optional<DispatchRules> load(const QString &path, QString *error);

    const DispatchRule *match(const Ticket &ticket) const;
    // Whether the ticket is an emergency; why says which priority or keyword made it one.
    bool isEmergency(const Ticket &ticket, QString *why = nullptr) const;
    const EmergencyRule &emergency() const { return m_emergency; }
    const QList<DispatchRule> &rules() const { return m_rules; }

    static const QStringList &modes();

private:
    EmergencyRule m_emergency;
    QList<DispatchRule> m_rules;
};

// One ranked engineer for a ticket. components are unweighted (0..1); breakdown() weighs them.
struct Candidate
{
    FieldStaff staff;
    double score = 0;
    double distance = -1; // metres; negative without a position on either side
    bool stale = true;
    bool eligible = false; // may be picked automatically: not off duty, not day-frozen
    double cDistance = 0, cWorkload = 0, cSkills = 0, cTeam = 0, cStatus = 0, cFreshness = 0;
    QStringList matchedSkills;

    QJsonObject toJson(const DispatchWeights &w) const;
};

struct RankingInput
{
    GeoPoint location;  // the ticket's
    QStringList skills; // what the work needs
    TeamId team;        // preferred team (invalid: none)
    QDateTime now;
};

// Every given staff member ranked for the work, best first: eligible before ineligible, then score, then distance.
QList<Candidate> rankCandidates(const RankingInput &input, const QList<FieldStaff> &staff,
                                const DispatchConfig &config);

} // namespace crewline::server
