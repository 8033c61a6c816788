#pragma once

// Ticket types and their lifecycles, as data. A ticket type (JSON, see resources/workflows/) names its statuses,
// the transitions between them, who may perform each, which fields must be present on entering a status, and which
// transitions need an approval. The server enforces it; the console reads the same definitions to offer only what
// the server will accept.

#include "common/domain.h"
#include "common/types.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace crewline {

// The broad meaning of a status, used by lists, dashboards and timestamps.
enum class Phase
{
    New,
    Active,
    Resolved,
    Closed
};
QString phaseName(Phase phase);

// A name in several languages: {"en": "...", "zh_CN": "..."}.
struct LocalizedName
{
    QHash<QString, QString> byLanguage;
    QString in(const QString &language) const; // falls back to en, then to any
    QJsonObject toJson() const;
    static LocalizedName fromJson(const QJsonValue &v);
};

struct StatusDef
{
    QString id;
    LocalizedName name;
    Phase phase = Phase::Active;
    QStringList requiredFields; // must be present on entering this status
};

struct TransitionDef
{
    QString id;
    LocalizedName name;
    QStringList from;
    QString to;
    QStringList roles;          // role names, or "assignee" / "requester" for the ticket's own people
    QString trigger;            // "assign", "accept" or "reopen": performed by that operation, not by name
    QStringList requiredFields; // in addition to the target status's
    bool requiresComment = false;
    QString approverRole;  // non-empty: someone of this role must approve before it takes effect
    bool unassign = false; // clears the assignee (e.g. an engineer hands a dispatch back)
};

// What a caller is, as far as workflow permissions are concerned.
struct Actor
{
    UserId userId;
    Role role = Role::Requester;
};

class TicketType
{
public:
    static std::optional<TicketType> fromJson(const QJsonObject &o, QString *error);
    QJsonObject toJson() const;

    const QString &id() const { return m_id; }
    const LocalizedName &name() const { return m_name; }
    const QString &initialStatus() const { return m_initial; }
    const QList<StatusDef> &statuses() const { return m_statuses; }
    const QList<TransitionDef> &transitions() const { return m_transitions; }
    const QStringList &categories() const { return m_categories; }
    const QStringList &skills() const { return m_skills; }
    const QStringList &suspendable() const { return m_suspendable; }
    Priority defaultPriority() const { return m_defaultPriority; }
    int acceptTimeoutMinutes() const { return m_acceptTimeoutMinutes; }
    const QList<LocalizedName> &checklist() const { return m_checklist; }
    // The customer must be called back (回访) before a completed ticket of this type closes: the server refuses to
    // close a ticket in a resolved status without a recorded callbackResult, and refuses "unresolved" outright.
    bool callbackRequired() const { return m_callbackRequired; }

    const StatusDef *status(const QString &id) const;
    const TransitionDef *transition(const QString &id) const;
    // The transition an operation triggers from the given status, if the workflow has one.
    const TransitionDef *triggered(const QString &trigger, const QString &fromStatus) const;
    bool canSuspend(const QString &fromStatus) const { return m_suspendable.contains(fromStatus); }
    Phase phaseOf(const QString &status) const;
    bool isFinal(const QString &status) const { return phaseOf(status) == Phase::Closed; }
    QStringList statusesIn(Phase phase) const;

    // Whether this actor may perform the transition on a ticket with the given assignee and requester.
    bool mayPerform(const TransitionDef &t, const Actor &actor, UserId assignee, UserId requester) const;
    // The transitions (by name, no trigger) this actor may perform from the status now.
    QList<const TransitionDef *> available(const QString &fromStatus, const Actor &actor, UserId assignee,
                                           UserId requester) const;

    static const QString kSuspended; // the status every suspendable workflow must have

private:
    QString m_id;
    LocalizedName m_name;
    QString m_initial;
    QList<StatusDef> m_statuses;
    QList<TransitionDef> m_transitions;
    QStringList m_categories;
    QStringList m_skills;
    QStringList m_suspendable;
    Priority m_defaultPriority = Priority::Normal;
    int m_acceptTimeoutMinutes = 30;
    QList<LocalizedName> m_checklist;
    bool m_callbackRequired = false;
};

// Callback verification (回访): the fields a callback records on a ticket, and the outcomes callbackResult may take.
namespace callback {
inline constexpr QLatin1StringView kResult{"callbackResult"};   // satisfied | partly | unresolved | unreachable
inline constexpr QLatin1StringView kContact{"callbackContact"}; // whom the auditor spoke to
inline constexpr QLatin1StringView kAt{"callbackAt"};           // when (ISO 8601)
inline constexpr QLatin1StringView kNote{"callbackNote"};       // free text
QStringList outcomes();
bool isOutcome(const QString &value);
QStringList fieldNames(); // every field above: cleared when a ticket goes back to work
} // namespace callback

// Whether a ticket has a field a workflow may require, by name: a few names are ticket columns ("assignee", "team",
// "location", "title", "description", "category", "department", "address", "requesterContact"); every other name is
// a key of Ticket::fields, present when neither null nor blank. Server and console decide it the same way.
bool isColumnField(const QString &field);
bool ticketHasField(const Ticket &ticket, const QString &field);

// The ticket types a server knows: the built-in defaults plus any JSON files in a folder.
class TicketTypeRegistry
{
public:
    // Loads the defaults compiled into the common library (:/crewline/workflows/*.json).
    bool loadDefaults(QString *error);
    // Loads every *.json in folder; a type with an existing id replaces it.
    bool loadFolder(const QString &folder, QString *error);
    bool add(const QJsonObject &definition, QString *error);

    const TicketType *type(const QString &id) const;
    QList<const TicketType *> all() const;
    QString defaultTypeId() const { return m_defaultId; }
    void setDefaultTypeId(const QString &id) { m_defaultId = id; }

private:
    QHash<QString, TicketType> m_types;
    QStringList m_order;
    QString m_defaultId;
};

} // namespace crewline
