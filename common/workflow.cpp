#include "common/workflow.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE must be used outside any namespace.
static void initCommonResources()
{
    Q_INIT_RESOURCE(crewline_common_resources);
}

namespace crewline {

const QString TicketType::kSuspended = u"suspended"_s;

namespace {

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &item : v.toArray())
        out << item.toString();
    return out;
}

std::optional<Phase> phaseFromName(const QString &name)
{
    if (name == u"new")
        return Phase::New;
    if (name == u"active")
        return Phase::Active;
    if (name == u"resolved")
        return Phase::Resolved;
    if (name == u"closed")
        return Phase::Closed;
    return std::nullopt;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

bool isColumnField(const QString &field)
{
    static const QStringList columns = {u"assignee"_s,   u"team"_s,        u"location"_s,
                                        u"title"_s,      u"description"_s, u"category"_s,
                                        u"department"_s, u"address"_s,     u"requesterContact"_s};
    return columns.contains(field);
}

bool ticketHasField(const Ticket &t, const QString &f)
{
    if (f == u"assignee")
        return t.assigneeId.isValid();
    if (f == u"team")
        return t.teamId.isValid();
    if (f == u"location")
        return t.location.isValid();
    if (f == u"title")
        return !t.title.trimmed().isEmpty();
    if (f == u"description")
        return !t.description.trimmed().isEmpty();
    if (f == u"category")
        return !t.category.isEmpty();
    if (f == u"department")
        return !t.department.isEmpty();
    if (f == u"address")
        return !t.address.trimmed().isEmpty();
    if (f == u"requesterContact")
        return !t.requester.contact.trimmed().isEmpty();
    const QJsonValue v = t.fields.value(f);
    return !v.isUndefined() && !v.isNull() && !(v.isString() && v.toString().trimmed().isEmpty());
}

QString phaseName(Phase phase)
{
    switch (phase) {
    case Phase::New:
        return u"new"_s;
    case Phase::Active:
        return u"active"_s;
    case Phase::Resolved:
        return u"resolved"_s;
    case Phase::Closed:
        return u"closed"_s;
    }
    return {};
}

QString LocalizedName::in(const QString &language) const
{
    if (const auto it = byLanguage.constFind(language); it != byLanguage.cend())
        return *it;
    if (const auto it = byLanguage.constFind(language.section(u'_', 0, 0)); it != byLanguage.cend())
        return *it;
    if (const auto it = byLanguage.constFind(u"en"_s); it != byLanguage.cend())
        return *it;
    return byLanguage.isEmpty() ? QString() : byLanguage.cbegin().value();
}

QJsonObject LocalizedName::toJson() const
{
    QJsonObject o;
    for (auto it = byLanguage.cbegin(); it != byLanguage.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

LocalizedName LocalizedName::fromJson(const QJsonValue &v)
{
    LocalizedName n;
    if (v.isString()) {
        n.byLanguage.insert(u"en"_s, v.toString());
        return n;
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        n.byLanguage.insert(it.key(), it.value().toString());
    return n;
}

std::optional<TicketType> TicketType::fromJson(const QJsonObject &o, QString *error)
{
    TicketType t;
    t.m_id = o.value(u"id"_s).toString();
    if (t.m_id.isEmpty()) {
        fail(error, u"ticket type without \"id\""_s);
        return std::nullopt;
    }
    const auto bad = [&](const QString &what) {
        fail(error, u"ticket type \"%1\": %2"_s.arg(t.m_id, what));
        return std::nullopt;
    };
    t.m_name = LocalizedName::fromJson(o.value(u"name"_s));
    t.m_initial = o.value(u"initial"_s).toString();
    t.m_categories = stringList(o.value(u"categories"_s));
    t.m_skills = stringList(o.value(u"skills"_s));
    t.m_suspendable = stringList(o.value(u"suspendable"_s));
    t.m_acceptTimeoutMinutes = o.value(u"acceptTimeoutMinutes"_s).toInt(30);
    if (o.contains(u"defaultPriority"_s)) {
        const auto p = priorityFromName(o.value(u"defaultPriority"_s).toString());
        if (!p)
            return bad(u"unknown defaultPriority"_s);
        t.m_defaultPriority = *p;
    }
    for (const QJsonValue &item : o.value(u"checklist"_s).toArray())
        t.m_checklist << LocalizedName::fromJson(item);
    t.m_callbackRequired = o.value(u"callbackRequired"_s).toBool();

    QSet<QString> statusIds;
    for (const QJsonValue &sv : o.value(u"statuses"_s).toArray()) {
        const QJsonObject so = sv.toObject();
        StatusDef s;
        s.id = so.value(u"id"_s).toString();
        s.name = LocalizedName::fromJson(so.value(u"name"_s));
        const auto phase = phaseFromName(so.value(u"phase"_s).toString(u"active"_s));
        if (s.id.isEmpty() || !phase)
            return bad(u"a status needs an id and a phase of new/active/resolved/closed"_s);
        if (statusIds.contains(s.id))
            return bad(u"status \"%1\" defined twice"_s.arg(s.id));
        s.phase = *phase;
        s.requiredFields = stringList(so.value(u"requiredFields"_s));
        statusIds.insert(s.id);
        t.m_statuses << s;
    }
    if (!statusIds.contains(t.m_initial))
        return bad(u"initial status \"%1\" is not a status"_s.arg(t.m_initial));
    if (!t.m_suspendable.isEmpty() && !statusIds.contains(kSuspended))
        return bad(u"suspendable statuses need a \"suspended\" status"_s);
    for (const QString &s : t.m_suspendable) {
        if (!statusIds.contains(s))
            return bad(u"suspendable status \"%1\" is not a status"_s.arg(s));
    }

    QSet<QString> transitionIds;
    const QStringList knownRoles = allRoleNames() + QStringList{u"assignee"_s, u"requester"_s};
    for (const QJsonValue &tv : o.value(u"transitions"_s).toArray()) {
        const QJsonObject to = tv.toObject();
        TransitionDef tr;
        tr.id = to.value(u"id"_s).toString();
        tr.name = LocalizedName::fromJson(to.value(u"name"_s));
        tr.from = stringList(to.value(u"from"_s));
        tr.to = to.value(u"to"_s).toString();
        tr.roles = stringList(to.value(u"roles"_s));
        tr.trigger = to.value(u"trigger"_s).toString();
        tr.requiredFields = stringList(to.value(u"requiredFields"_s));
        tr.requiresComment = to.value(u"requiresComment"_s).toBool();
        tr.approverRole = to.value(u"approval"_s).toString();
        tr.unassign = to.value(u"unassign"_s).toBool();
        if (tr.id.isEmpty() || transitionIds.contains(tr.id))
            return bad(u"every transition needs a unique id"_s);
        if (!statusIds.contains(tr.to))
            return bad(u"transition \"%1\" goes to unknown status \"%2\""_s.arg(tr.id, tr.to));
        for (const QString &f : tr.from) {
            if (!statusIds.contains(f))
                return bad(u"transition \"%1\" comes from unknown status \"%2\""_s.arg(tr.id, f));
        }
        for (const QString &r : tr.roles) {
            if (!knownRoles.contains(r))
                return bad(u"transition \"%1\" names unknown role \"%2\""_s.arg(tr.id, r));
        }
        if (!tr.trigger.isEmpty() && !QStringList{u"assign"_s, u"accept"_s, u"reopen"_s}.contains(tr.trigger))
            return bad(u"transition \"%1\" has unknown trigger \"%2\""_s.arg(tr.id, tr.trigger));
        if (!tr.approverRole.isEmpty() && !roleFromName(tr.approverRole))
            return bad(u"transition \"%1\" names unknown approver role"_s.arg(tr.id));
        transitionIds.insert(tr.id);
        t.m_transitions << tr;
    }
    return t;
}

QJsonObject TicketType::toJson() const
{
    QJsonArray statuses;
    for (const StatusDef &s : m_statuses) {
        QJsonObject so{{u"id"_s, s.id}, {u"name"_s, s.name.toJson()}, {u"phase"_s, phaseName(s.phase)}};
        if (!s.requiredFields.isEmpty())
            so.insert(u"requiredFields"_s, QJsonArray::fromStringList(s.requiredFields));
        statuses.append(so);
    }
    QJsonArray transitions;
    for (const TransitionDef &tr : m_transitions) {
        QJsonObject to{{u"id"_s, tr.id},
                       {u"name"_s, tr.name.toJson()},
                       {u"from"_s, QJsonArray::fromStringList(tr.from)},
                       {u"to"_s, tr.to},
                       {u"roles"_s, QJsonArray::fromStringList(tr.roles)}};
        if (!tr.trigger.isEmpty())
            to.insert(u"trigger"_s, tr.trigger);
        if (!tr.requiredFields.isEmpty())
            to.insert(u"requiredFields"_s, QJsonArray::fromStringList(tr.requiredFields));
        if (tr.requiresComment)
            to.insert(u"requiresComment"_s, true);
        if (!tr.approverRole.isEmpty())
            to.insert(u"approval"_s, tr.approverRole);
        if (tr.unassign)
            to.insert(u"unassign"_s, true);
        transitions.append(to);
    }
    QJsonArray checklist;
    for (const LocalizedName &item : m_checklist)
        checklist.append(item.toJson());
    return {{u"id"_s, m_id},
            {u"name"_s, m_name.toJson()},
            {u"callbackRequired"_s, m_callbackRequired},
            {u"initial"_s, m_initial},
            {u"defaultPriority"_s, priorityName(m_defaultPriority)},
            {u"acceptTimeoutMinutes"_s, m_acceptTimeoutMinutes},
            {u"categories"_s, QJsonArray::fromStringList(m_categories)},
            {u"skills"_s, QJsonArray::fromStringList(m_skills)},
            {u"suspendable"_s, QJsonArray::fromStringList(m_suspendable)},
            {u"checklist"_s, checklist},
            {u"statuses"_s, statuses},
            {u"transitions"_s, transitions}};
}

const StatusDef *TicketType::status(const QString &id) const
{
    for (const StatusDef &s : m_statuses) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const TransitionDef *TicketType::transition(const QString &id) const
{
    for (const TransitionDef &t : m_transitions) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

const TransitionDef *TicketType::triggered(const QString &trigger, const QString &fromStatus) const
{
    for (const TransitionDef &t : m_transitions) {
        if (t.trigger == trigger && t.from.contains(fromStatus))
            return &t;
    }
    return nullptr;
}

Phase TicketType::phaseOf(const QString &status) const
{
    const StatusDef *s = this->status(status);
    return s ? s->phase : Phase::Active;
}

QStringList TicketType::statusesIn(Phase phase) const
{
    QStringList out;
    for (const StatusDef &s : m_statuses) {
        if (s.phase == phase)
            out << s.id;
    }
    return out;
}

bool TicketType::mayPerform(const TransitionDef &t, const Actor &actor, UserId assignee, UserId requester) const
{
    if (actor.role == Role::Admin)
        return true;
    for (const QString &r : t.roles) {
        if (r == u"assignee") {
            if (actor.userId.isValid() && actor.userId == assignee)
                return true;
        } else if (r == u"requester") {
            if (actor.userId.isValid() && actor.userId == requester)
                return true;
        } else if (roleFromName(r) == actor.role) {
            return true;
        }
    }
    return false;
}

QList<const TransitionDef *> TicketType::available(const QString &fromStatus, const Actor &actor, UserId assignee,
                                                   UserId requester) const
{
    QList<const TransitionDef *> out;
    for (const TransitionDef &t : m_transitions) {
        if (t.trigger.isEmpty() && t.from.contains(fromStatus) && mayPerform(t, actor, assignee, requester))
            out << &t;
    }
    return out;
}

bool TicketTypeRegistry::add(const QJsonObject &definition, QString *error)
{
    std::optional<TicketType> t = TicketType::fromJson(definition, error);
    if (!t)
        return false;
    if (!m_types.contains(t->id()))
        m_order << t->id();
    if (m_defaultId.isEmpty())
        m_defaultId = t->id();
    m_types.insert(t->id(), *t);
    return true;
}

bool TicketTypeRegistry::loadFolder(const QString &folder, QString *error)
{
    const QDir dir(folder);
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            return fail(error, u"cannot read %1: %2"_s.arg(f.fileName(), f.errorString()));
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return fail(error, u"%1 is not a JSON object: %2"_s.arg(f.fileName(), pe.errorString()));
        QString why;
        if (!add(doc.object(), &why))
            return fail(error, u"%1: %2"_s.arg(f.fileName(), why));
    }
    return true;
}

bool TicketTypeRegistry::loadDefaults(QString *error)
{
    initCommonResources();
    if (!loadFolder(u":/crewline/workflows"_s, error))
        return false;
    if (m_types.contains(u"it_helpdesk"_s))
        m_defaultId = u"it_helpdesk"_s;
    return !m_types.isEmpty() || fail(error, u"no built-in ticket types found"_s);
}

const TicketType *TicketTypeRegistry::type(const QString &id) const
{
    const auto it = m_types.constFind(id);
    return it == m_types.cend() ? nullptr : &*it;
}

QList<const TicketType *> TicketTypeRegistry::all() const
{
    QList<const TicketType *> out;
    for (const QString &id : m_order)
        out << &m_types.find(id).value();
    return out;
}

namespace callback {

QStringList outcomes()
{
    return {u"satisfied"_s, u"partly"_s, u"unresolved"_s, u"unreachable"_s};
}

bool isOutcome(const QString &value)
{
    return outcomes().contains(value);
}

QStringList fieldNames()
{
    return {QString(kResult), QString(kContact), QString(kAt), QString(kNote)};
}

} // namespace callback

} // namespace crewline
