#include "common/types.h"

#include <array>

namespace crewline {

namespace {

template<typename E, size_t N>
std::optional<E> lookup(const std::array<const char *, N> &names, const QString &name)
{
    for (size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i]))
            return static_cast<E>(i);
    }
    return std::nullopt;
}

template<size_t N>
QStringList listOf(const std::array<const char *, N> &names)
{
    QStringList out;
    for (const char *n : names)
        out << QString::fromLatin1(n);
    return out;
}

constexpr std::array<const char *, 7> kRoles = {"requester", "dispatcher", "engineer", "supervisor",
                                                "manager",   "auditor",    "admin"};
constexpr std::array<const char *, 4> kPriorities = {"low", "normal", "high", "urgent"};
constexpr std::array<const char *, 2> kCommentKinds = {"public", "internal"};
constexpr std::array<const char *, 4> kStaffStatuses = {"available", "en_route", "on_site", "off_duty"};
constexpr std::array<const char *, 4> kLinkKinds = {"parent", "child", "related", "duplicate"};
constexpr std::array<const char *, 7> kSources = {"console", "email", "web", "hotline", "api", "field", "qr"};

} // namespace

QString roleName(Role role)
{
    return QString::fromLatin1(kRoles.at(static_cast<size_t>(role)));
}
std::optional<Role> roleFromName(const QString &name)
{
    return lookup<Role>(kRoles, name);
}
QStringList allRoleNames()
{
    return listOf(kRoles);
}

QString priorityName(Priority p)
{
    return QString::fromLatin1(kPriorities.at(static_cast<size_t>(p)));
}
std::optional<Priority> priorityFromName(const QString &name)
{
    return lookup<Priority>(kPriorities, name);
}
QStringList allPriorityNames()
{
    return listOf(kPriorities);
}

QString commentKindName(CommentKind k)
{
    return QString::fromLatin1(kCommentKinds.at(static_cast<size_t>(k)));
}
std::optional<CommentKind> commentKindFromName(const QString &name)
{
    return lookup<CommentKind>(kCommentKinds, name);
}

QString staffStatusName(StaffStatus s)
{
    return QString::fromLatin1(kStaffStatuses.at(static_cast<size_t>(s)));
}
std::optional<StaffStatus> staffStatusFromName(const QString &name)
{
    return lookup<StaffStatus>(kStaffStatuses, name);
}

QString linkKindName(LinkKind k)
{
    return QString::fromLatin1(kLinkKinds.at(static_cast<size_t>(k)));
}
std::optional<LinkKind> linkKindFromName(const QString &name)
{
    return lookup<LinkKind>(kLinkKinds, name);
}

QStringList allSourceNames()
{
    return listOf(kSources);
}

} // namespace crewline
