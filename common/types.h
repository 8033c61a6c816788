#pragma once

// Small value types shared by server and console: identifiers, roles, priorities and other closed vocabularies.
// Each enum has exactly one spelling on the wire, defined here and nowhere else.

#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace crewline {

// A strongly typed integer identifier: a TicketId cannot be passed where a UserId is expected.
template<typename Tag>
class Id
{
public:
    constexpr Id() = default;
    constexpr explicit Id(qint64 value)
        : m_value(value)
    {
    }
    constexpr qint64 value() const { return m_value; }
    constexpr bool isValid() const { return m_value > 0; }
    friend constexpr bool operator==(Id a, Id b) = default;
    friend constexpr auto operator<=>(Id a, Id b) = default;
    friend size_t qHash(Id id, size_t seed = 0) { return ::qHash(id.m_value, seed); }

private:
    qint64 m_value = 0;
};

using TicketId = Id<struct TicketTag>;
using UserId = Id<struct UserTag>;
using TeamId = Id<struct TeamTag>;
using CommentId = Id<struct CommentTag>;
using AttachmentId = Id<struct AttachmentTag>;

enum class Role
{
    Requester,
    Dispatcher,
    Engineer,
    Supervisor,
    Manager,
    Auditor,
    Admin
};
QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
QStringList allRoleNames();

enum class Priority
{
    Low,
    Normal,
    High,
    Urgent
};
QString priorityName(Priority priority);
std::optional<Priority> priorityFromName(const QString &name);
QStringList allPriorityNames();

enum class CommentKind
{
    Public,
    Internal
};
QString commentKindName(CommentKind kind);
std::optional<CommentKind> commentKindFromName(const QString &name);

enum class StaffStatus
{
    Available,
    EnRoute,
    OnSite,
    OffDuty
};
QString staffStatusName(StaffStatus status);
std::optional<StaffStatus> staffStatusFromName(const QString &name);

enum class LinkKind
{
    Parent,
    Child,
    Related,
    Duplicate
};
QString linkKindName(LinkKind kind);
std::optional<LinkKind> linkKindFromName(const QString &name);

// The channels a ticket may arrive through.
QStringList allSourceNames();

// A WGS-84 position. Invalid when not set.
// How a ticket is written as JSON (common/ticketjson.h).
enum class TicketShape
{
    Object, // {"id": …, "number": …}: Ticket::toJson() / toSummaryJson()
    Row     // [id, number, …] in kTicketRowColumns order; summaries only
};

struct GeoPoint
{
    double lat = 0;
    double lon = 0;
    bool valid = false;

    static GeoPoint at(double lat, double lon) { return {lat, lon, true}; }
    bool isValid() const { return valid; }
    friend bool operator==(const GeoPoint &, const GeoPoint &) = default;
};

} // namespace crewline

Q_DECLARE_METATYPE(crewline::TicketId)
Q_DECLARE_METATYPE(crewline::UserId)
Q_DECLARE_METATYPE(crewline::GeoPoint)
