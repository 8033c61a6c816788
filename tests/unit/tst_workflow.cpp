// Ticket types as data (common/workflow.h): the shipped definitions load and are consistent, who may perform which
// transition, triggered and available transitions, phases, validation of definitions, loading an administrator's
// folder; and the role permission table (common/permissions.h).

#include "common/permissions.h"
#include "common/workflow.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace crewline;
using namespace Qt::StringLiterals;
using protocol::Op;

namespace {

const QStringList kShippedTypes = {u"it_helpdesk"_s, u"repair"_s, u"meter_replacement"_s, u"complaint"_s, u"inquiry"_s};

QJsonObject obj(const char *json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json));
    Q_ASSERT_X(doc.isObject(), "obj", json);
    return doc.object();
}

// A small valid type that the rejection tests break one way at a time.
QJsonObject customType()
{
    return obj(R"({
        "id": "street_light",
        "name": {"en": "Street light", "zh_CN": "路灯"},
        "initial": "open",
        "defaultPriority": "low",
        "acceptTimeoutMinutes": 45,
        "categories": ["灯不亮", "灯杆倾斜"],
        "skills": ["electrical"],
        "suspendable": ["doing"],
        "checklist": [{"en": "Power isolated", "zh_CN": "已断电"}],
        "statuses": [
            {"id": "open", "name": "Open", "phase": "new"},
            {"id": "doing", "name": {"en": "Doing"}, "phase": "active", "requiredFields": ["assignee"]},
            {"id": "suspended", "name": "Suspended", "phase": "active"},
            {"id": "fixed", "name": "Fixed", "phase": "resolved", "requiredFields": ["resolution"]},
            {"id": "done", "name": "Done", "phase": "closed"}
        ],
        "transitions": [
            {"id": "start", "from": ["open"], "to": "doing", "roles": ["dispatcher"], "trigger": "assign"},
            {"id": "fix", "from": ["doing"], "to": "fixed", "roles": ["assignee"], "requiredFields": ["resolution"]},
            {"id": "close", "from": ["fixed"], "to": "done", "roles": ["requester", "supervisor"],
             "approval": "manager"},
            {"id": "give_back", "from": ["doing"], "to": "open", "roles": ["assignee"], "unassign": true,
             "requiresComment": true},
            {"id": "reopen", "from": ["done"], "to": "doing", "roles": ["supervisor"], "trigger": "reopen"}
        ]
    })");
}

QJsonArray mapped(QJsonArray a, int index, const std::function<void(QJsonObject &)> &change)
{
    QJsonObject o = a.at(index).toObject();
    change(o);
    a.replace(index, o);
    return a;
}

QStringList ids(const QList<const TransitionDef *> &list)
{
    QStringList out;
    for (const TransitionDef *t : list)
        out << t->id;
    return out;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

class TestWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void shippedTypesLoad();
    void shippedTypesAreConsistent_data();
    void shippedTypesAreConsistent();
    void jsonRoundTrip();
    void localizedNames();

    void mayPerformByRole();
    void mayPerformAssignee();
    void mayPerformRequester();
    void adminMayPerformAnything();
    void triggered();
    void available();
    void phases();
    void suspendable();

    void rejectsBrokenDefinitions();
    void loadFolderAddsAType();
    void loadFolderReplacesAType();
    void loadFolderReportsBrokenFile();
    void loadFolderReportsInvalidType();

    void permissions();

private:
    TicketTypeRegistry m_registry;
};

void TestWorkflow::initTestCase()
{
    QString error;
    QVERIFY2(m_registry.loadDefaults(&error), qPrintable(error));
}

// --- the shipped types ---------------------------------------------------------------------------------------------

void TestWorkflow::shippedTypesLoad()
{
    QStringList loaded;
    for (const TicketType *t : m_registry.all())
        loaded << t->id();
    QCOMPARE(loaded, kShippedTypes); // in file-name order
    QCOMPARE(m_registry.defaultTypeId(), u"it_helpdesk"_s);
    QVERIFY(m_registry.type(u"repair"_s));
    QVERIFY(!m_registry.type(u"no_such_type"_s));

    const TicketType *repair = m_registry.type(u"repair"_s);
    QCOMPARE(repair->initialStatus(), u"registered"_s);
    QCOMPARE(repair->defaultPriority(), Priority::High);
    QCOMPARE(repair->acceptTimeoutMinutes(), 30);
    QVERIFY(repair->categories().contains(u"管道漏水"_s));
    QCOMPARE(repair->checklist().size(), 4);
    QCOMPARE(m_registry.type(u"inquiry"_s)->defaultPriority(), Priority::Low);

    // Loading twice replaces rather than duplicates.
    TicketTypeRegistry again;
    QString error;
    QVERIFY(again.loadDefaults(&error));
    QVERIFY(again.loadDefaults(&error));
    QCOMPARE(again.all().size(), kShippedTypes.size());
}

void TestWorkflow::shippedTypesAreConsistent_data()
{
    QTest::addColumn<QString>("typeId");
    for (const QString &id : kShippedTypes)
        QTest::newRow(qPrintable(id)) << id;
}

void TestWorkflow::shippedTypesAreConsistent()
{
    QFETCH(QString, typeId);
    const TicketType *type = m_registry.type(typeId);
    QVERIFY(type);

    QSet<QString> statusIds;
    for (const StatusDef &s : type->statuses()) {
        statusIds.insert(s.id);
        QVERIFY2(!s.name.in(u"en"_s).isEmpty(), qPrintable(s.id));
        QVERIFY2(s.name.byLanguage.contains(u"zh_CN"_s), qPrintable(s.id));
    }
    QCOMPARE(statusIds.size(), type->statuses().size());
    QCOMPARE(type->phaseOf(type->initialStatus()), Phase::New);
    QVERIFY(type->name().byLanguage.contains(u"en"_s));
    QVERIFY(type->name().byLanguage.contains(u"zh_CN"_s));

    // Some status closes the ticket, and a dispatcher can assign from a new ticket (meter replacement only after
    // its review).
    QVERIFY(!type->statusesIn(Phase::Closed).isEmpty());
    const TransitionDef *assign = nullptr;
    for (const QString &s : type->statusesIn(Phase::New)) {
        if (!assign)
            assign = type->triggered(u"assign"_s, s);
    }
    QVERIFY(assign);
    QCOMPARE(type->phaseOf(assign->to), Phase::Active);
    QVERIFY(type->mayPerform(*assign, Actor{UserId(1), Role::Dispatcher}, UserId(), UserId()));

    // Every status but "suspended" (entered by ticket.suspend) is reachable from the initial one.
    QSet<QString> reached{type->initialStatus()};
    for (bool grew = true; grew;) {
        grew = false;
        for (const TransitionDef &t : type->transitions()) {
            QVERIFY2(statusIds.contains(t.to), qPrintable(t.id));
            for (const QString &from : t.from)
                QVERIFY2(statusIds.contains(from), qPrintable(t.id));
            if (!reached.contains(t.to) &&
                std::any_of(t.from.cbegin(), t.from.cend(), [&](const QString &f) { return reached.contains(f); })) {
                reached.insert(t.to);
                grew = true;
            }
        }
    }
    for (const QString &id : statusIds) {
        if (id != TicketType::kSuspended)
            QVERIFY2(reached.contains(id), qPrintable(u"unreachable status "_s + id));
    }

    // Every transition is named in both languages, performable by someone, and leaves a closed ticket only by reopen.
    for (const TransitionDef &t : type->transitions()) {
        QVERIFY2(!t.roles.isEmpty(), qPrintable(t.id));
        QVERIFY2(t.name.byLanguage.contains(u"zh_CN"_s), qPrintable(t.id));
        for (const QString &from : t.from) {
            if (type->isFinal(from))
                QVERIFY2(t.trigger == u"reopen"_s, qPrintable(t.id));
        }
    }
    // A workflow that can be suspended has somewhere to suspend to.
    if (!type->suspendable().isEmpty())
        QVERIFY(type->status(TicketType::kSuspended));
    for (const QString &s : type->suspendable())
        QVERIFY(!type->isFinal(s));
}

void TestWorkflow::jsonRoundTrip()
{
    for (const TicketType *type : m_registry.all()) {
        QString error;
        const std::optional<TicketType> back = TicketType::fromJson(type->toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), type->toJson());
    }
    QString error;
    const std::optional<TicketType> custom = TicketType::fromJson(customType(), &error);
    QVERIFY2(custom, qPrintable(error));
    QCOMPARE(TicketType::fromJson(custom->toJson(), &error)->toJson(), custom->toJson());
    QCOMPARE(custom->acceptTimeoutMinutes(), 45);
    QCOMPARE(custom->defaultPriority(), Priority::Low);
    QVERIFY(custom->transition(u"give_back"_s)->unassign);
    QVERIFY(custom->transition(u"give_back"_s)->requiresComment);
    QCOMPARE(custom->transition(u"close"_s)->approverRole, u"manager"_s);
    QCOMPARE(custom->status(u"doing"_s)->requiredFields, QStringList{u"assignee"_s});
}

void TestWorkflow::localizedNames()
{
    const TicketType *repair = m_registry.type(u"repair"_s);
    QCOMPARE(repair->name().in(u"zh_CN"_s), u"维修"_s);
    QCOMPARE(repair->name().in(u"en"_s), u"Repair"_s);
    QCOMPARE(repair->name().in(u"en_GB"_s), u"Repair"_s); // language without territory
    QCOMPARE(repair->name().in(u"de_DE"_s), u"Repair"_s); // falls back to English
    // A plain string is the English name.
    QCOMPARE(LocalizedName::fromJson(QJsonValue(u"Open"_s)).in(u"zh_CN"_s), u"Open"_s);
    QVERIFY(LocalizedName().in(u"en"_s).isEmpty());
}

// --- permissions within a workflow ---------------------------------------------------------------------------------

void TestWorkflow::mayPerformByRole()
{
    const TicketType *repair = m_registry.type(u"repair"_s);
    const TransitionDef *review = repair->transition(u"review"_s);
    const TransitionDef *callback = repair->transition(u"callback"_s);
    QVERIFY(review && callback);
    const UserId nobody;
    QVERIFY(repair->mayPerform(*review, {UserId(1), Role::Dispatcher}, nobody, nobody));
    QVERIFY(repair->mayPerform(*review, {UserId(1), Role::Supervisor}, nobody, nobody));
    QVERIFY(!repair->mayPerform(*review, {UserId(1), Role::Engineer}, nobody, nobody));
    QVERIFY(!repair->mayPerform(*review, {UserId(1), Role::Requester}, nobody, nobody));
    QVERIFY(!repair->mayPerform(*review, {UserId(1), Role::Manager}, nobody, nobody));
    QVERIFY(repair->mayPerform(*callback, {UserId(1), Role::Auditor}, nobody, nobody));
    QVERIFY(!repair->mayPerform(*callback, {UserId(1), Role::Engineer}, nobody, nobody));
}

void TestWorkflow::mayPerformAssignee()
{
    const TicketType *repair = m_registry.type(u"repair"_s);
    const TransitionDef *arrive = repair->transition(u"arrive"_s);
    const TransitionDef *accept = repair->transition(u"accept"_s);
    const UserId engineer(7), other(8), requester(20);
    // "assignee" is a person, not a role: the assigned engineer, nobody else of the same role.
    QVERIFY(repair->mayPerform(*arrive, {engineer, Role::Engineer}, engineer, requester));
    QVERIFY(!repair->mayPerform(*arrive, {other, Role::Engineer}, engineer, requester));
    QVERIFY(repair->mayPerform(*accept, {engineer, Role::Engineer}, engineer, requester));
    QVERIFY(!repair->mayPerform(*accept, {other, Role::Engineer}, engineer, requester));
    QVERIFY(!repair->mayPerform(*accept, {UserId(3), Role::Dispatcher}, engineer, requester)); // not for the desk
    // An unassigned ticket has no assignee, even for an actor without an id.
    QVERIFY(!repair->mayPerform(*accept, {UserId(), Role::Engineer}, UserId(), requester));
    // Whoever is assigned counts, whatever the role.
    QVERIFY(repair->mayPerform(*accept, {UserId(3), Role::Supervisor}, UserId(3), requester));
}

void TestWorkflow::mayPerformRequester()
{
    const TicketType *helpdesk = m_registry.type(u"it_helpdesk"_s);
    const TransitionDef *confirm = helpdesk->transition(u"confirm"_s);
    const TransitionDef *resolve = helpdesk->transition(u"resolve"_s);
    const UserId student(30), otherStudent(31), engineer(7);
    QVERIFY(helpdesk->mayPerform(*confirm, {student, Role::Requester}, engineer, student));
    QVERIFY(!helpdesk->mayPerform(*confirm, {otherStudent, Role::Requester}, engineer, student));
    QVERIFY(!helpdesk->mayPerform(*confirm, {UserId(), Role::Requester}, engineer, UserId())); // anonymous ticket
    QVERIFY(!helpdesk->mayPerform(*resolve, {student, Role::Requester}, engineer, student));
    // The engineer who raised a ticket for himself may confirm it as its requester.
    QVERIFY(helpdesk->mayPerform(*confirm, {engineer, Role::Engineer}, engineer, engineer));
}

void TestWorkflow::adminMayPerformAnything()
{
    for (const TicketType *type : m_registry.all()) {
        for (const TransitionDef &t : type->transitions())
            QVERIFY2(type->mayPerform(t, {UserId(1), Role::Admin}, UserId(9), UserId(10)), qPrintable(t.id));
    }
}

void TestWorkflow::triggered()
{
    const TicketType *repair = m_registry.type(u"repair"_s);
    const TransitionDef *t = repair->triggered(u"assign"_s, u"registered"_s);
    QVERIFY(t);
    QCOMPARE(t->id, u"dispatch"_s);
    QCOMPARE(t->to, u"dispatched"_s);
    QCOMPARE(repair->triggered(u"assign"_s, u"reviewed"_s), t);
    QVERIFY(!repair->triggered(u"assign"_s, u"dispatched"_s)); // reassigning keeps the status
    QVERIFY(!repair->triggered(u"assign"_s, u"closed"_s));

    const TransitionDef *accept = repair->triggered(u"accept"_s, u"dispatched"_s);
    QVERIFY(accept);
    QCOMPARE(accept->to, u"accepted"_s);
    QVERIFY(!repair->triggered(u"accept"_s, u"registered"_s));

    const TransitionDef *reopen = repair->triggered(u"reopen"_s, u"closed"_s);
    QVERIFY(reopen);
    QCOMPARE(reopen->to, u"reviewed"_s);
    QVERIFY(reopen->unassign);
    QVERIFY(reopen->requiresComment);
    QVERIFY(!repair->triggered(u"reopen"_s, u"on_site"_s));

    // The help desk has no accept step: assigning puts the ticket straight in progress.
    const TicketType *helpdesk = m_registry.type(u"it_helpdesk"_s);
    QCOMPARE(helpdesk->triggered(u"assign"_s, u"pending_assignment"_s)->to, u"in_progress"_s);
    QVERIFY(!helpdesk->triggered(u"accept"_s, u"in_progress"_s));
    QCOMPARE(helpdesk->triggered(u"reopen"_s, u"completed"_s)->to, u"in_progress"_s);
    QVERIFY(!helpdesk->triggered(u"no_such_trigger"_s, u"completed"_s));
}

void TestWorkflow::available()
{
    const TicketType *repair = m_registry.type(u"repair"_s);
    const UserId engineer(7), requester(20);
    // Triggered transitions (dispatch, accept, reopen) are offered by their own operations, not by name.
    QCOMPARE(ids(repair->available(u"registered"_s, {UserId(2), Role::Dispatcher}, UserId(), requester)),
             (QStringList{u"review"_s, u"cancel"_s}));
    QCOMPARE(ids(repair->available(u"dispatched"_s, {engineer, Role::Engineer}, engineer, requester)),
             QStringList{u"decline"_s});
    QVERIFY(repair->available(u"dispatched"_s, {UserId(8), Role::Engineer}, engineer, requester).isEmpty());
    QCOMPARE(ids(repair->available(u"on_site"_s, {engineer, Role::Engineer}, engineer, requester)),
             QStringList{u"complete"_s});
    QCOMPARE(ids(repair->available(u"callback_verified"_s, {UserId(4), Role::Auditor}, engineer, requester)),
             (QStringList{u"return_to_engineer"_s, u"close"_s}));
    QVERIFY(repair->available(u"closed"_s, {UserId(2), Role::Supervisor}, engineer, requester).isEmpty());
    QVERIFY(repair->available(u"no_such_status"_s, {UserId(1), Role::Admin}, engineer, requester).isEmpty());

    const TicketType *helpdesk = m_registry.type(u"it_helpdesk"_s);
    QCOMPARE(ids(helpdesk->available(u"pending_confirmation"_s, {requester, Role::Requester}, engineer, requester)),
             (QStringList{u"confirm"_s, u"reject"_s}));
    QCOMPARE(ids(helpdesk->available(u"in_progress"_s, {UserId(1), Role::Admin}, engineer, requester)),
             (QStringList{u"resolve"_s, u"return_to_queue"_s, u"cancel"_s}));
}

void TestWorkflow::phases()
{
    const TicketType *repair = m_registry.type(u"repair"_s);
    QCOMPARE(repair->phaseOf(u"registered"_s), Phase::New);
    QCOMPARE(repair->phaseOf(u"reviewed"_s), Phase::New);
    QCOMPARE(repair->phaseOf(u"dispatched"_s), Phase::Active);
    QCOMPARE(repair->phaseOf(u"suspended"_s), Phase::Active);
    QCOMPARE(repair->phaseOf(u"completed"_s), Phase::Resolved);
    QCOMPARE(repair->phaseOf(u"callback_verified"_s), Phase::Resolved);
    QCOMPARE(repair->phaseOf(u"closed"_s), Phase::Closed);
    QCOMPARE(repair->phaseOf(u"no_such_status"_s), Phase::Active);
    QVERIFY(repair->isFinal(u"closed"_s));
    QVERIFY(!repair->isFinal(u"completed"_s));
    QCOMPARE(repair->statusesIn(Phase::New), (QStringList{u"registered"_s, u"reviewed"_s}));
    QCOMPARE(repair->statusesIn(Phase::Closed), QStringList{u"closed"_s});

    // The same status name can mean different phases in different types.
    QCOMPARE(m_registry.type(u"it_helpdesk"_s)->phaseOf(u"completed"_s), Phase::Closed);

    QCOMPARE(phaseName(Phase::New), u"new"_s);
    QCOMPARE(phaseName(Phase::Active), u"active"_s);
    QCOMPARE(phaseName(Phase::Resolved), u"resolved"_s);
    QCOMPARE(phaseName(Phase::Closed), u"closed"_s);
    // The store relies on Closed being the last phase (3): it filters open tickets with phase < 3.
    QCOMPARE(static_cast<int>(Phase::Closed), 3);
}

void TestWorkflow::suspendable()
{
    const TicketType *repair = m_registry.type(u"repair"_s);
    QVERIFY(repair->canSuspend(u"dispatched"_s));
    QVERIFY(repair->canSuspend(u"on_site"_s));
    QVERIFY(!repair->canSuspend(u"registered"_s));
    QVERIFY(!repair->canSuspend(u"closed"_s));
    QVERIFY(!repair->canSuspend(TicketType::kSuspended));
    const TicketType *helpdesk = m_registry.type(u"it_helpdesk"_s);
    QCOMPARE(helpdesk->suspendable(), QStringList{u"in_progress"_s});
    QVERIFY(!helpdesk->canSuspend(u"pending_assignment"_s));
}

// --- validation and loading ----------------------------------------------------------------------------------------

void TestWorkflow::rejectsBrokenDefinitions()
{
    struct Case
    {
        const char *name;
        std::function<void(QJsonObject &)> breakIt;
        QString expected; // part of the error message
    };
    const auto transitions = [](QJsonObject &o, int i, const std::function<void(QJsonObject &)> &f) {
        o.insert(u"transitions"_s, mapped(o.value(u"transitions"_s).toArray(), i, f));
    };
    const auto statuses = [](QJsonObject &o, int i, const std::function<void(QJsonObject &)> &f) {
        o.insert(u"statuses"_s, mapped(o.value(u"statuses"_s).toArray(), i, f));
    };
    const QList<Case> cases = {
        {"no id", [](QJsonObject &o) { o.remove(u"id"_s); }, u"without \"id\""_s},
        {"unknown target status",
         [&](QJsonObject &o) { transitions(o, 1, [](QJsonObject &t) { t.insert(u"to"_s, u"repaired"_s); }); },
         u"unknown status \"repaired\""_s},
        {"unknown source status",
         [&](QJsonObject &o) {
             transitions(o, 1, [](QJsonObject &t) { t.insert(u"from"_s, QJsonArray{u"doing"_s, u"waiting"_s}); });
         },
         u"unknown status \"waiting\""_s},
        {"unknown role",
         [&](QJsonObject &o) {
             transitions(o, 0, [](QJsonObject &t) { t.insert(u"roles"_s, QJsonArray{u"janitor"_s}); });
         },
         u"unknown role \"janitor\""_s},
        {"role in the wrong case",
         [&](QJsonObject &o) {
             transitions(o, 0, [](QJsonObject &t) { t.insert(u"roles"_s, QJsonArray{u"Dispatcher"_s}); });
         },
         u"unknown role \"Dispatcher\""_s},
        {"duplicate transition id",
         [&](QJsonObject &o) { transitions(o, 1, [](QJsonObject &t) { t.insert(u"id"_s, u"start"_s); }); },
         u"unique id"_s},
        {"transition without id", [&](QJsonObject &o) { transitions(o, 1, [](QJsonObject &t) { t.remove(u"id"_s); }); },
         u"unique id"_s},
        {"duplicate status id",
         [&](QJsonObject &o) { statuses(o, 4, [](QJsonObject &s) { s.insert(u"id"_s, u"open"_s); }); },
         u"status \"open\" defined twice"_s},
        {"unknown phase",
         [&](QJsonObject &o) { statuses(o, 1, [](QJsonObject &s) { s.insert(u"phase"_s, u"busy"_s); }); }, u"phase"_s},
        {"initial not a status", [](QJsonObject &o) { o.insert(u"initial"_s, u"new"_s); },
         u"initial status \"new\" is not a status"_s},
        {"no initial", [](QJsonObject &o) { o.remove(u"initial"_s); }, u"initial status"_s},
        {"suspendable without suspended",
         [](QJsonObject &o) {
             QJsonArray s = o.value(u"statuses"_s).toArray();
             s.removeAt(2);
             o.insert(u"statuses"_s, s);
         },
         u"\"suspended\" status"_s},
        {"suspendable unknown status",
         [](QJsonObject &o) {
             o.insert(u"suspendable"_s, QJsonArray{u"doing"_s, u"travelling"_s});
         },
         u"suspendable status \"travelling\""_s},
        {"unknown trigger",
         [&](QJsonObject &o) { transitions(o, 1, [](QJsonObject &t) { t.insert(u"trigger"_s, u"arrive"_s); }); },
         u"unknown trigger \"arrive\""_s},
        {"unknown approver role",
         [&](QJsonObject &o) { transitions(o, 2, [](QJsonObject &t) { t.insert(u"approval"_s, u"boss"_s); }); },
         u"approver role"_s},
        {"unknown default priority", [](QJsonObject &o) { o.insert(u"defaultPriority"_s, u"extreme"_s); },
         u"defaultPriority"_s},
    };
    for (const Case &c : cases) {
        QJsonObject o = customType();
        c.breakIt(o);
        QString error;
        const std::optional<TicketType> t = TicketType::fromJson(o, &error);
        QVERIFY2(!t, c.name);
        QVERIFY2(error.contains(c.expected), qPrintable(QString::fromLatin1(c.name) + u": "_s + error));
        if (o.contains(u"id"_s))
            QVERIFY2(error.contains(u"street_light"_s), qPrintable(error)); // names the type
        // The registry refuses it too, and keeps what it had.
        TicketTypeRegistry registry;
        QVERIFY(!registry.add(o, &error));
        QVERIFY(registry.all().isEmpty());
    }
    // A null error pointer is allowed.
    QJsonObject broken = customType();
    broken.insert(u"initial"_s, u"nowhere"_s);
    QVERIFY(!TicketType::fromJson(broken, nullptr));
}

void TestWorkflow::loadFolderAddsAType()
{
    // An administrator drops a new type into the server's workflow folder: no rebuild.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(u"50_street_light.json"_s), QJsonDocument(customType()).toJson()));
    QVERIFY(writeFile(dir.filePath(u"README.txt"_s), "not a workflow, ignored"));

    TicketTypeRegistry registry;
    QString error;
    QVERIFY2(registry.loadDefaults(&error), qPrintable(error));
    QVERIFY2(registry.loadFolder(dir.path(), &error), qPrintable(error));
    QCOMPARE(registry.all().size(), kShippedTypes.size() + 1);
    QCOMPARE(registry.all().last()->id(), u"street_light"_s);
    QCOMPARE(registry.defaultTypeId(), u"it_helpdesk"_s); // unchanged by later additions

    const TicketType *light = registry.type(u"street_light"_s);
    QVERIFY(light);
    QCOMPARE(light->name().in(u"zh_CN"_s), u"路灯"_s);
    QCOMPARE(light->triggered(u"assign"_s, u"open"_s)->to, u"doing"_s);
    QVERIFY(light->canSuspend(u"doing"_s));

    // An empty or missing folder is not an error.
    QTemporaryDir empty;
    QVERIFY(registry.loadFolder(empty.path(), &error));
    QVERIFY(registry.loadFolder(empty.filePath(u"missing"_s), &error));
    QCOMPARE(registry.all().size(), kShippedTypes.size() + 1);

    // Alone, the first type loaded becomes the default.
    TicketTypeRegistry only;
    QVERIFY(only.loadFolder(dir.path(), &error));
    QCOMPARE(only.defaultTypeId(), u"street_light"_s);
}

void TestWorkflow::loadFolderReplacesAType()
{
    QJsonObject repair = m_registry.type(u"repair"_s)->toJson();
    repair.insert(u"name"_s, QJsonObject{{u"en"_s, u"Repairs"_s}, {u"zh_CN"_s, u"抢修"_s}});
    repair.insert(u"acceptTimeoutMinutes"_s, 15);
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"repair.json"_s), QJsonDocument(repair).toJson()));

    TicketTypeRegistry registry;
    QString error;
    QVERIFY(registry.loadDefaults(&error));
    QVERIFY2(registry.loadFolder(dir.path(), &error), qPrintable(error));
    QCOMPARE(registry.all().size(), kShippedTypes.size());
    QCOMPARE(registry.all().at(1)->id(), u"repair"_s); // keeps its place
    QCOMPARE(registry.type(u"repair"_s)->name().in(u"zh_CN"_s), u"抢修"_s);
    QCOMPARE(registry.type(u"repair"_s)->acceptTimeoutMinutes(), 15);
}

void TestWorkflow::loadFolderReportsBrokenFile()
{
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"10_broken.json"_s), "{ \"id\": \"x\", "));
    TicketTypeRegistry registry;
    QString error;
    QVERIFY(!registry.loadFolder(dir.path(), &error));
    QVERIFY2(error.contains(u"10_broken.json"_s), qPrintable(error));

    QTemporaryDir arrayDir;
    QVERIFY(writeFile(arrayDir.filePath(u"list.json"_s), "[1, 2]"));
    QVERIFY(!registry.loadFolder(arrayDir.path(), &error));
    QVERIFY2(error.contains(u"list.json"_s), qPrintable(error));
}

void TestWorkflow::loadFolderReportsInvalidType()
{
    QJsonObject broken = customType();
    broken.insert(u"initial"_s, u"nowhere"_s);
    QTemporaryDir dir;
    QVERIFY(writeFile(dir.filePath(u"light.json"_s), QJsonDocument(broken).toJson()));
    TicketTypeRegistry registry;
    QString error;
    QVERIFY(!registry.loadFolder(dir.path(), &error));
    QVERIFY2(error.contains(u"light.json"_s), qPrintable(error));
    QVERIFY2(error.contains(u"nowhere"_s), qPrintable(error)); // and why
}

// --- the role table ------------------------------------------------------------------------------------------------

void TestWorkflow::permissions()
{
    // Spot checks of the table the console shares with the server.
    QVERIFY(!roleMay(Role::Requester, Op::TicketAssign));
    QVERIFY(roleMay(Role::Dispatcher, Op::TicketAssign));
    QVERIFY(roleMay(Role::Supervisor, Op::TicketAssign));
    QVERIFY(!roleMay(Role::Engineer, Op::TicketAssign));
    QVERIFY(roleMay(Role::Admin, Op::UserCreate));
    QVERIFY(!roleMay(Role::Supervisor, Op::UserCreate));
    QVERIFY(!roleMay(Role::Dispatcher, Op::UserCreate));
    QVERIFY(!roleMay(Role::Engineer, Op::TicketMerge));
    QVERIFY(!roleMay(Role::Engineer, Op::TicketSplit));
    QVERIFY(roleMay(Role::Dispatcher, Op::TicketMerge));
    QVERIFY(roleMay(Role::Engineer, Op::TicketAccept));
    QVERIFY(!roleMay(Role::Requester, Op::TicketAccept));
    QVERIFY(roleMay(Role::Supervisor, Op::TicketApprove));
    QVERIFY(roleMay(Role::Manager, Op::TicketApprove));
    QVERIFY(!roleMay(Role::Dispatcher, Op::TicketApprove));
    QVERIFY(!roleMay(Role::Engineer, Op::TicketApprove));
    QVERIFY(roleMay(Role::Requester, Op::TicketCreate));
    QVERIFY(roleMay(Role::Requester, Op::TicketComment));
    QVERIFY(roleMay(Role::Requester, Op::TicketUrge));
    QVERIFY(!roleMay(Role::Requester, Op::UserList));
    QVERIFY(!roleMay(Role::Requester, Op::StaffList));
    QVERIFY(roleMay(Role::Auditor, Op::StaffList));
    QVERIFY(!roleMay(Role::Auditor, Op::TicketUpdate));

    // Everyone may do what any session needs; admin may do everything.
    for (int r = 0; r <= static_cast<int>(Role::Admin); ++r) {
        const Role role = static_cast<Role>(r);
        for (Op op : {Op::Hello, Op::Ping, Op::AuthLogin, Op::AuthResume, Op::AuthLogout, Op::Subscribe, Op::TicketList,
                      Op::TicketGet, Op::TypeList})
            QVERIFY2(roleMay(role, op), qPrintable(roleName(role) + u' ' + protocol::opName(op)));
    }
    for (int i = 0; i < protocol::kOpCount; ++i)
        QVERIFY2(roleMay(Role::Admin, static_cast<Op>(i)), qPrintable(protocol::opName(static_cast<Op>(i))));

    QVERIFY(!roleSeesAllTickets(Role::Requester));
    QVERIFY(roleSeesAllTickets(Role::Engineer));
    QVERIFY(roleSeesAllTickets(Role::Auditor));
    QVERIFY(!roleSeesInternalNotes(Role::Requester));
    QVERIFY(roleSeesInternalNotes(Role::Dispatcher));
}

QTEST_GUILESS_MAIN(TestWorkflow)
#include "tst_workflow.moc"
