// The wire protocol in common/: operation and error names, the envelope codec (protocol.h), the message structs and
// their validating reader (messages.h, fieldcodec.h), and the JSON shape of the domain records (domain.h).

#include "common/domain.h"
#include "common/messages.h"
#include "common/permissions.h"
#include "common/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QTimeZone>

#include <functional>

using namespace crewline;
using namespace crewline::protocol;
using namespace Qt::StringLiterals;

namespace {

// The documented wire name of every operation. A switch without default: adding an operation fails to compile here
// (-Wswitch -Werror) until the test knows its name.
QString documentedName(Op op)
{
    switch (op) {
    case Op::Hello:
        return u"hello"_s;
    case Op::Ping:
        return u"ping"_s;
    case Op::AuthLogin:
        return u"auth.login"_s;
    case Op::AuthResume:
        return u"auth.resume"_s;
    case Op::AuthLogout:
        return u"auth.logout"_s;
    case Op::Subscribe:
        return u"subscribe"_s;
    case Op::Unsubscribe:
        return u"unsubscribe"_s;
    case Op::TicketCreate:
        return u"ticket.create"_s;
    case Op::TicketList:
        return u"ticket.list"_s;
    case Op::TicketGet:
        return u"ticket.get"_s;
    case Op::TicketUpdate:
        return u"ticket.update"_s;
    case Op::TicketAssign:
        return u"ticket.assign"_s;
    case Op::TicketAccept:
        return u"ticket.accept"_s;
    case Op::TicketComment:
        return u"ticket.comment"_s;
    case Op::TicketTransition:
        return u"ticket.transition"_s;
    case Op::TicketApprove:
        return u"ticket.approve"_s;
    case Op::TicketSuspend:
        return u"ticket.suspend"_s;
    case Op::TicketResume:
        return u"ticket.resume"_s;
    case Op::TicketUrge:
        return u"ticket.urge"_s;
    case Op::TicketSplit:
        return u"ticket.split"_s;
    case Op::TicketMerge:
        return u"ticket.merge"_s;
    case Op::TicketReopen:
        return u"ticket.reopen"_s;
    case Op::TicketLink:
        return u"ticket.link"_s;
    case Op::TicketUnlink:
        return u"ticket.unlink"_s;
    case Op::AttachmentBegin:
        return u"attachment.begin"_s;
    case Op::AttachmentChunk:
        return u"attachment.chunk"_s;
    case Op::AttachmentFinish:
        return u"attachment.finish"_s;
    case Op::AttachmentAbort:
        return u"attachment.abort"_s;
    case Op::AttachmentDownload:
        return u"attachment.download"_s;
    case Op::TypeList:
        return u"type.list"_s;
    case Op::UserList:
        return u"user.list"_s;
    case Op::UserCreate:
        return u"user.create"_s;
    case Op::TeamList:
        return u"team.list"_s;
    case Op::StaffList:
        return u"staff.list"_s;
    case Op::PresenceSet:
        return u"presence.set"_s;
    case Op::StaffReport:
        return u"staff.report"_s;
    case Op::StaffTrack:
        return u"staff.track"_s;
    case Op::DispatchSuggest:
        return u"dispatch.suggest"_s;
    case Op::TicketClaim:
        return u"ticket.claim"_s;
    case Op::StaffFreeze:
        return u"staff.freeze"_s;
    case Op::TicketPrint:
        return u"ticket.print"_s;
    case Op::StatsDashboard:
        return u"stats.dashboard"_s;
    }
    return {};
}

QJsonObject obj(const char *json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json));
    Q_ASSERT_X(doc.isObject(), "obj", json);
    return doc.object();
}

QByteArray bytes(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0, int msec = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, msec), Qt::UTC);
}

QString repeated(int n, QChar c = u'x')
{
    return QString(n, c);
}

// Parses data as the named message type; the error when it is refused.
std::optional<Error> readAs(const QString &type, const QJsonObject &data)
{
    static const QHash<QString, std::function<bool(const QJsonObject &, Error &)>> readers = {
        {u"TicketCreate"_s, [](const QJsonObject &d, Error &e) { return readMessage<TicketCreate>(d, e).has_value(); }},
        {u"TicketQuery"_s, [](const QJsonObject &d, Error &e) { return readMessage<TicketQuery>(d, e).has_value(); }},
        {u"TicketUpdate"_s, [](const QJsonObject &d, Error &e) { return readMessage<TicketUpdate>(d, e).has_value(); }},
        {u"TicketAssign"_s, [](const QJsonObject &d, Error &e) { return readMessage<TicketAssign>(d, e).has_value(); }},
        {u"TicketComment"_s,
         [](const QJsonObject &d, Error &e) { return readMessage<TicketComment>(d, e).has_value(); }},
        {u"TicketLink"_s,
         [](const QJsonObject &d, Error &e) { return readMessage<TicketLinkRequest>(d, e).has_value(); }},
        {u"Subscribe"_s, [](const QJsonObject &d, Error &e) { return readMessage<Subscribe>(d, e).has_value(); }},
        {u"AttachmentBegin"_s,
         [](const QJsonObject &d, Error &e) { return readMessage<AttachmentBegin>(d, e).has_value(); }},
        {u"AttachmentChunk"_s,
         [](const QJsonObject &d, Error &e) { return readMessage<AttachmentChunk>(d, e).has_value(); }},
        {u"UserCreate"_s, [](const QJsonObject &d, Error &e) { return readMessage<UserCreate>(d, e).has_value(); }},
    };
    const auto reader = readers.value(type);
    Q_ASSERT_X(reader, "readAs", qPrintable(type));
    Error error;
    if (reader(data, error))
        return std::nullopt;
    return error;
}

Ticket fullTicket()
{
    Ticket t;
    t.id = TicketId(42);
    t.number = u"WO-2026-000042"_s;
    t.type = u"repair"_s;
    t.status = u"suspended"_s;
    t.suspendedFrom = u"on_site"_s;
    t.priority = Priority::Urgent;
    t.category = u"管道漏水"_s;
    t.department = u"供水一所"_s;
    t.title = u"文三路 12 号楼地下室漏水"_s;
    t.description = u"Water on the floor.\nSecond line."_s;
    t.requester = Requester{u"王女士"_s, u"13800000000"_s, UserId(7)};
    t.address = u"文三路 12 号"_s;
    t.location = GeoPoint::at(30.2741, 120.1551);
    t.source = u"hotline"_s;
    t.assigneeId = UserId(3);
    t.teamId = TeamId(2);
    t.createdBy = UserId(1);
    t.createdAt = utc(2026, 1, 5, 8, 30, 0, 123);
    t.updatedAt = utc(2026, 1, 5, 9, 0, 1, 5);
    t.acceptedAt = utc(2026, 1, 5, 8, 40);
    t.firstResponseAt = utc(2026, 1, 5, 8, 35);
    t.resolvedAt = utc(2026, 1, 6, 8, 35);
    t.closedAt = utc(2026, 1, 7, 8, 35);
    t.version = 9;
    t.urgeCount = 2;
    t.mergedInto = TicketId(40);
    t.pendingApproval = PendingApproval{
        u"review"_s, u"supervisor"_s, UserId(4), utc(2026, 1, 5, 8, 50), QJsonObject{{u"resolution"_s, u"replaced"_s}},
        u"please"_s};
    t.fields = QJsonObject{{u"resolution"_s, u"pipe replaced"_s}, {u"materials"_s, QJsonArray{u"DN20"_s, 3}}};
    t.dispatch.mode = u"offer"_s;
    t.dispatch.offeredTo = {UserId(31), UserId(32)};
    t.dispatch.tried = {UserId(30)};
    t.dispatch.dispatchedAt = utc(2026, 1, 5, 8, 31);
    t.dispatch.deadline = utc(2026, 1, 5, 8, 41);
    t.dispatch.rule = u"emergency"_s;
    t.dispatch.emergency = true;
    t.dispatch.attempts = 1;
    return t;
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    // names
    void opNamesRoundTrip();
    void opFlags();
    void errorCodeNamesRoundTrip();

    // envelope
    void requestRoundTrip();
    void requestWithIntegerIdAndNoData();
    void responseSuccessRoundTrip();
    void responseFailureRoundTrip();
    void pushEventRoundTrip();
    void pushNoticeRoundTrip();
    void eventPushWithRawData();
    void rejectsRequest_data();
    void rejectsRequest();
    void rejectsOversizedServerMessage();
    void serverMessageWithoutKind();

    // messages
    void ticketCreateRoundTrip();
    void ticketQueryRoundTrip();
    void statsDashboardRoundTrip();
    void ticketQueryDefaults();
    void ticketUpdateRoundTrip();
    void ticketUpdateClearsOptionalText();
    void ticketAssignRoundTrip();
    void subscribeRoundTrip();
    void attachmentChunkRoundTrip();
    void userCreateRoundTrip();
    void ticketPrintRoundTrip();
    void readRejects_data();
    void readRejects();

    // domain records
    void ticketJsonRoundTrip();
    void dispatchMessages();
    void ticketJsonUnsetFields();
    void commentJsonRoundTrip();
    void attachmentJsonRoundTrip();
    void userJsonRoundTrip();
    void fieldStaffJsonRoundTrip();
    void eventJsonRoundTrip();
    void timeFormat();
};

// --- names ---------------------------------------------------------------------------------------------------------

void TestProtocol::opNamesRoundTrip()
{
    QSet<QString> seen;
    for (int i = 0; i < kOpCount; ++i) {
        const Op op = static_cast<Op>(i);
        const QString name = opName(op);
        QCOMPARE(name, documentedName(op));
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        const std::optional<Op> back = opFromName(name);
        QVERIFY2(back.has_value(), qPrintable(name));
        QCOMPARE(static_cast<int>(*back), i);
    }
    QCOMPARE(seen.size(), kOpCount);
    QVERIFY(!opFromName(u""_s));
    QVERIFY(!opFromName(u"Ticket.Create"_s)); // names are case-sensitive
    QVERIFY(!opFromName(u"ticket.delete"_s));
}

void TestProtocol::opFlags()
{
    // Only the handshake and login are public; every state-changing ticket operation needs an idempotency key.
    QVERIFY(opIsPublic(Op::Hello));
    QVERIFY(opIsPublic(Op::AuthLogin));
    QVERIFY(opIsPublic(Op::AuthResume));
    QVERIFY(!opIsPublic(Op::TicketList));
    QVERIFY(!opIsPublic(Op::AuthLogout));
    QVERIFY(opMutates(Op::TicketCreate));
    QVERIFY(opMutates(Op::TicketAssign));
    QVERIFY(opMutates(Op::AttachmentFinish));
    QVERIFY(opMutates(Op::UserCreate));
    QVERIFY(!opMutates(Op::TicketList));
    QVERIFY(!opMutates(Op::Ping));
    for (int i = 0; i < kOpCount; ++i) {
        const Op op = static_cast<Op>(i);
        QVERIFY2(!(opIsPublic(op) && opMutates(op)), qPrintable(opName(op)));
    }
}

void TestProtocol::errorCodeNamesRoundTrip()
{
    QSet<QString> seen;
    const int count = static_cast<int>(ErrorCode::Unavailable) + 1;
    for (int i = 0; i < count; ++i) {
        const ErrorCode code = static_cast<ErrorCode>(i);
        const QString name = errorCodeName(code);
        QVERIFY(!name.isEmpty());
        QCOMPARE(name, name.toLower());
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        const std::optional<ErrorCode> back = errorCodeFromName(name);
        QVERIFY2(back.has_value(), qPrintable(name));
        QCOMPARE(static_cast<int>(*back), i);
    }
    QCOMPARE(errorCodeName(ErrorCode::InvalidField), u"invalid_field"_s);
    QCOMPARE(errorCodeName(ErrorCode::IdempotencyMismatch), u"idempotency_mismatch"_s);
    QCOMPARE(errorCodeName(ErrorCode::Unavailable), u"unavailable"_s);
    QVERIFY(!errorCodeFromName(u"no_such_error"_s));

    // An unknown code from a newer server reads as "internal" rather than failing.
    const Error e = Error::fromJson(obj(R"({"code":"brand_new","message":"m"})"));
    QCOMPARE(e.code, ErrorCode::Internal);
    QCOMPARE(e.message, u"m"_s);
}

// --- envelope ------------------------------------------------------------------------------------------------------

void TestProtocol::requestRoundTrip()
{
    Request r;
    r.id = u"42"_s;
    r.op = Op::TicketAssign;
    r.idem = u"9f1c-4a"_s;
    r.data = obj(R"({"ticketId":7,"version":3,"assigneeId":5,"note":"请尽快"})");

    const QJsonObject wire = QJsonDocument::fromJson(r.encode()).object();
    QCOMPARE(wire.value(u"v"_s).toInt(), kVersion);
    QCOMPARE(wire.value(u"op"_s).toString(), u"ticket.assign"_s);

    const DecodedRequest d = decodeRequest(r.encode());
    QVERIFY2(d.request.has_value(), qPrintable(d.error.message));
    QCOMPARE(d.request->id, QJsonValue(u"42"_s));
    QCOMPARE(d.id, QJsonValue(u"42"_s));
    QCOMPARE(d.request->op, Op::TicketAssign);
    QCOMPARE(d.request->idem, u"9f1c-4a"_s);
    QCOMPARE(d.request->data, r.data);
}

void TestProtocol::requestWithIntegerIdAndNoData()
{
    const DecodedRequest d = decodeRequest(R"({"v":1,"id":17,"op":"ping"})");
    QVERIFY2(d.request.has_value(), qPrintable(d.error.message));
    QCOMPARE(d.request->id.toInteger(), 17);
    QCOMPARE(d.request->op, Op::Ping);
    QVERIFY(d.request->data.isEmpty());
    QVERIFY(d.request->idem.isEmpty());

    // A read-only operation may still carry a key; null data is the same as none.
    const DecodedRequest d2 = decodeRequest(R"({"v":1,"id":"a","op":"ticket.list","idem":"k","data":null})");
    QVERIFY2(d2.request.has_value(), qPrintable(d2.error.message));
    QCOMPARE(d2.request->idem, u"k"_s);

    // An id of exactly the limit is fine.
    Request r;
    r.id = repeated(limits::kMaxIdLength);
    r.op = Op::Ping;
    QVERIFY(decodeRequest(r.encode()).request.has_value());
}

void TestProtocol::responseSuccessRoundTrip()
{
    const QJsonObject result = obj(R"({"ticket":{"id":1,"title":"打印机卡纸"},"events":[1,2]})");
    const DecodedServerMessage m = decodeServerMessage(Response::success(u"7"_s, result).encode());
    QVERIFY(!m.error);
    QVERIFY(!m.push);
    QVERIFY(m.response.has_value());
    QCOMPARE(m.response->id, QJsonValue(u"7"_s));
    QVERIFY(m.response->ok);
    QCOMPARE(m.response->result, result);

    // A response to a request whose id could not be read carries a null id.
    const QJsonObject wire =
        QJsonDocument::fromJson(
            Response::failure(QJsonValue(), Error{ErrorCode::MalformedMessage, u"x"_s, {}}).encode())
            .object();
    QVERIFY(wire.value(u"id"_s).isNull());
}

void TestProtocol::responseFailureRoundTrip()
{
    const Error error{ErrorCode::Conflict, u"the ticket changed"_s, obj(R"({"current":{"version":4}})")};
    const DecodedServerMessage m = decodeServerMessage(Response::failure(99, error).encode());
    QVERIFY(m.response.has_value());
    QCOMPARE(m.response->id.toInteger(), 99);
    QVERIFY(!m.response->ok);
    QCOMPARE(m.response->error.code, ErrorCode::Conflict);
    QCOMPARE(m.response->error.message, error.message);
    QCOMPARE(m.response->error.details, error.details);

    const QJsonObject wire = QJsonDocument::fromJson(Response::failure(99, error).encode()).object();
    QCOMPARE(wire.value(u"error"_s).toObject().value(u"code"_s).toString(), u"conflict"_s);
    QVERIFY(!wire.contains(u"result"_s));
}

void TestProtocol::pushEventRoundTrip()
{
    Event e;
    e.seq = 1234;
    e.type = u"ticket.changed"_s;
    e.at = utc(2026, 3, 1, 12, 0, 0, 250);
    e.ticketId = TicketId(5);
    e.data = obj(R"({"status":"accepted"})");

    Push p;
    p.kind = Push::Kind::Event;
    p.body = e.toJson();
    const DecodedServerMessage m = decodeServerMessage(p.encode());
    QVERIFY(!m.response);
    QVERIFY(m.push.has_value());
    QCOMPARE(m.push->kind, Push::Kind::Event);
    QCOMPARE(m.push->body, p.body);
    const Event back = Event::fromJson(m.push->body);
    QCOMPARE(back.seq, e.seq);
    QCOMPARE(back.type, e.type);
    QCOMPARE(back.at, e.at);
    QCOMPARE(back.ticketId, e.ticketId);
    QCOMPARE(back.data, e.data);
}

void TestProtocol::eventPushWithRawData()
{
    // The server's write path encodes an event's data once (Event::rawData); the push splices it in. With the data's
    // members sorted, the text is byte for byte the one the QJsonObject path writes.
    Event e;
    e.seq = 77;
    e.type = u"ticket.created"_s;
    e.at = utc(2026, 3, 1, 12, 0, 0, 250);
    e.ticketId = TicketId(5);
    e.data = obj(R"({"actor":{"id":3,"name":"调度员"},"ticket":{"id":5,"title":"漏水 \"x\""}})");
    Event raw = e;
    raw.data = {};
    raw.rawData = QJsonDocument(e.data).toJson(QJsonDocument::Compact);
    QCOMPARE(encodeEventPush(raw), (Push{Push::Kind::Event, e.toJson(), {}}.encode()));
    QCOMPARE(encodeEventPush(e), (Push{Push::Kind::Event, e.toJson(), {}}.encode()));
    QCOMPARE(raw.dataObject(), e.data);
    QCOMPARE(raw.toJson(), e.toJson());

    // Members in another order, an event without a ticket and without a time: the same message once decoded.
    raw.rawData = R"({"ticket":{"title":"漏水 \"x\"","id":5},"actor":{"name":"调度员","id":3}})"_ba;
    raw.ticketId = TicketId();
    raw.at = QDateTime();
    e.ticketId = TicketId();
    e.at = QDateTime();
    const DecodedServerMessage m = decodeServerMessage(encodeEventPush(raw));
    QVERIFY(m.push.has_value());
    QCOMPARE(m.push->kind, Push::Kind::Event);
    QCOMPARE(m.push->body, e.toJson());
    QVERIFY(m.push->body.value(u"ticketId"_s).isNull());
    QVERIFY(m.push->body.value(u"at"_s).isNull());
}

void TestProtocol::pushNoticeRoundTrip()
{
    Push p;
    p.kind = Push::Kind::Notice;
    p.notice = u"presence"_s;
    p.body = obj(R"({"userId":3,"online":true})");
    const DecodedServerMessage m = decodeServerMessage(p.encode());
    QVERIFY(m.push.has_value());
    QCOMPARE(m.push->kind, Push::Kind::Notice);
    QCOMPARE(m.push->notice, u"presence"_s);
    QCOMPARE(m.push->body, p.body);
}

void TestProtocol::rejectsRequest_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("field"); // details.field, when the error names one
    QTest::addColumn<QJsonValue>("echoedId");

    const QJsonValue none;
    QTest::newRow("not JSON") << QByteArray("{\"v\":1,") << ErrorCode::MalformedMessage << QString() << none;
    QTest::newRow("plain text") << QByteArray("hello") << ErrorCode::MalformedMessage << QString() << none;
    QTest::newRow("JSON array") << QByteArray(R"([{"v":1,"id":"1","op":"ping"}])") << ErrorCode::MalformedMessage
                                << QString() << none;
    QTest::newRow("JSON string") << QByteArray(R"("ping")") << ErrorCode::MalformedMessage << QString() << none;
    QTest::newRow("missing id") << QByteArray(R"({"v":1,"op":"ping"})") << ErrorCode::MalformedMessage << QString()
                                << none;
    QTest::newRow("empty id") << QByteArray(R"({"v":1,"id":"","op":"ping"})") << ErrorCode::MalformedMessage
                              << QString() << none;
    QTest::newRow("too-long id") << bytes({{u"v"_s, 1},
                                           {u"id"_s, repeated(limits::kMaxIdLength + 1)},
                                           {u"op"_s, u"ping"_s}})
                                 << ErrorCode::MalformedMessage << QString() << none;
    QTest::newRow("fractional id") << QByteArray(R"({"v":1,"id":1.5,"op":"ping"})") << ErrorCode::MalformedMessage
                                   << QString() << none;
    QTest::newRow("object id") << QByteArray(R"({"v":1,"id":{},"op":"ping"})") << ErrorCode::MalformedMessage
                               << QString() << none;
    QTest::newRow("missing v") << QByteArray(R"({"id":"1","op":"ping"})") << ErrorCode::MalformedMessage << QString()
                               << QJsonValue(u"1"_s);
    QTest::newRow("v as string") << QByteArray(R"({"v":"1","id":"1","op":"ping"})") << ErrorCode::MalformedMessage
                                 << QString() << QJsonValue(u"1"_s);
    QTest::newRow("v 2") << QByteArray(R"({"v":2,"id":"1","op":"ping"})") << ErrorCode::UnsupportedVersion << QString()
                         << QJsonValue(u"1"_s);
    QTest::newRow("v 0") << QByteArray(R"({"v":0,"id":5,"op":"ping"})") << ErrorCode::UnsupportedVersion << QString()
                         << QJsonValue(5);
    QTest::newRow("missing op") << QByteArray(R"({"v":1,"id":"1"})") << ErrorCode::MalformedMessage << QString()
                                << QJsonValue(u"1"_s);
    QTest::newRow("unknown op") << QByteArray(R"({"v":1,"id":"1","op":"ticket.delete"})") << ErrorCode::UnknownOperation
                                << QString() << QJsonValue(u"1"_s);
    QTest::newRow("data array") << QByteArray(R"({"v":1,"id":"1","op":"ping","data":[1]})") << ErrorCode::InvalidField
                                << u"data"_s << QJsonValue(u"1"_s);
    QTest::newRow("data string") << QByteArray(R"({"v":1,"id":"1","op":"ping","data":"x"})") << ErrorCode::InvalidField
                                 << u"data"_s << QJsonValue(u"1"_s);
    QTest::newRow("mutating without idem")
        << QByteArray(R"({"v":1,"id":"1","op":"ticket.create","data":{"title":"t"}})") << ErrorCode::InvalidField
        << u"idem"_s << QJsonValue(u"1"_s);
    QTest::newRow("mutating with empty idem")
        << QByteArray(R"({"v":1,"id":"1","op":"ticket.assign","idem":"","data":{}})") << ErrorCode::InvalidField
        << u"idem"_s << QJsonValue(u"1"_s);
    QTest::newRow("idem not a string") << QByteArray(R"({"v":1,"id":"1","op":"ticket.assign","idem":5,"data":{}})")
                                       << ErrorCode::InvalidField << u"idem"_s << QJsonValue(u"1"_s);
    QTest::newRow("idem too long") << bytes({{u"v"_s, 1},
                                             {u"id"_s, u"1"_s},
                                             {u"op"_s, u"ticket.urge"_s},
                                             {u"idem"_s, repeated(limits::kMaxIdLength + 1)}})
                                   << ErrorCode::InvalidField << u"idem"_s << QJsonValue(u"1"_s);

    const QJsonObject huge{{u"v"_s, 1},
                           {u"id"_s, u"1"_s},
                           {u"op"_s, u"ping"_s},
                           {u"data"_s, QJsonObject{{u"x"_s, repeated(int(limits::kMaxMessageBytes))}}}};
    QTest::newRow("oversized") << bytes(huge) << ErrorCode::MessageTooLarge << QString() << none;
}

void TestProtocol::rejectsRequest()
{
    QFETCH(QByteArray, frame);
    QFETCH(ErrorCode, code);
    QFETCH(QString, field);
    QFETCH(QJsonValue, echoedId);

    const DecodedRequest d = decodeRequest(frame);
    QVERIFY(!d.request.has_value());
    QCOMPARE(errorCodeName(d.error.code), errorCodeName(code));
    QVERIFY(!d.error.message.isEmpty());
    if (!field.isEmpty())
        QCOMPARE(d.error.details.value(u"field"_s).toString(), field);
    QCOMPARE(d.id, echoedId);
    if (code == ErrorCode::UnsupportedVersion)
        QCOMPARE(d.error.details.value(u"supported"_s).toInt(), kVersion);
    if (code == ErrorCode::MessageTooLarge)
        QCOMPARE(d.error.details.value(u"limit"_s).toInteger(), limits::kMaxMessageBytes);
}

void TestProtocol::rejectsOversizedServerMessage()
{
    const QJsonObject result{{u"x"_s, repeated(int(limits::kMaxMessageBytes))}};
    const DecodedServerMessage m = decodeServerMessage(Response::success(1, result).encode());
    QVERIFY(!m.response);
    QVERIFY(!m.push);
    QVERIFY(m.error.has_value());
    QCOMPARE(m.error->code, ErrorCode::MessageTooLarge);

    const DecodedServerMessage other = decodeServerMessage(R"({"v":2,"id":1,"ok":true,"result":{}})");
    QVERIFY(other.error.has_value());
    QCOMPARE(other.error->code, ErrorCode::UnsupportedVersion);
}

void TestProtocol::serverMessageWithoutKind()
{
    const DecodedServerMessage m = decodeServerMessage(R"({"v":1,"id":1})");
    QVERIFY(m.error.has_value());
    QCOMPARE(m.error->code, ErrorCode::MalformedMessage);
    QVERIFY(decodeServerMessage("[]").error.has_value());
}

// --- messages ------------------------------------------------------------------------------------------------------

void TestProtocol::ticketCreateRoundTrip()
{
    TicketCreate m;
    m.type = u"repair"_s;
    m.title = u"水表井盖破损"_s;
    m.description = u"A long description\nwith two lines."_s;
    m.priority = Priority::High;
    m.category = u"阀门损坏"_s;
    m.department = u"客服中心"_s;
    m.requester = Requester{u"李先生"_s, u"li@example.org"_s, UserId(12)};
    m.address = u"莫干山路 100 号"_s;
    m.location = GeoPoint::at(-33.5, 151.25);
    m.source = u"hotline"_s;
    m.teamId = TeamId(3);
    m.fields_ = obj(R"({"meterNo":"A-17","reading":123.5})");

    const QJsonObject wire = writeMessage(m);
    QCOMPARE(wire.value(u"priority"_s).toString(), u"high"_s);
    QCOMPARE(wire.value(u"fields"_s).toObject(), m.fields_);

    Error error;
    const std::optional<TicketCreate> back = readMessage<TicketCreate>(wire, error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->type, m.type);
    QCOMPARE(back->title, m.title);
    QCOMPARE(back->description, m.description);
    QVERIFY(back->priority.has_value());
    QCOMPARE(*back->priority, Priority::High);
    QCOMPARE(back->category, m.category);
    QCOMPARE(back->department, m.department);
    QCOMPARE(back->requester, m.requester);
    QCOMPARE(back->address, m.address);
    QCOMPARE(back->location, m.location);
    QCOMPARE(back->source, m.source);
    QCOMPARE(back->teamId, m.teamId);
    QCOMPARE(back->fields_, m.fields_);
    QCOMPARE(writeMessage(*back), wire);

    // Everything is optional: an empty object reads, and leaves the defaults.
    const std::optional<TicketCreate> empty = readMessage<TicketCreate>({}, error);
    QVERIFY(empty);
    QVERIFY(!empty->priority);
    QVERIFY(!empty->location.isValid());
    QVERIFY(!empty->teamId.isValid());
    QVERIFY(writeMessage(*empty).isEmpty());
}

void TestProtocol::ticketQueryRoundTrip()
{
    TicketQuery q;
    q.statuses = {u"registered"_s, u"dispatched"_s};
    q.types = {u"repair"_s};
    q.priorities = {u"high"_s, u"urgent"_s};
    q.categories = {u"管道漏水"_s};
    q.departments = {u"一所"_s};
    q.assigneeIds = {UserId(3), UserId(4)};
    q.teamIds = {TeamId(1)};
    q.unassigned = false;
    q.open = true;
    q.pendingApproval = true;
    q.requesterId = UserId(9);
    q.createdFrom = utc(2026, 1, 1, 0, 0);
    q.createdTo = utc(2026, 2, 1, 0, 0);
    q.updatedFrom = utc(2026, 1, 15, 6, 30, 15, 500);
    q.updatedTo = utc(2026, 1, 16, 0, 0);
    q.text = u"漏水"_s;
    q.sort = u"priority"_s;
    q.descending = false;
    q.offset = 200;
    q.limit = 50;
    q.withTotal = false;
    q.totalLimit = 1000;

    Error error;
    const std::optional<TicketQuery> back = readMessage<TicketQuery>(writeMessage(q), error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->statuses, q.statuses);
    QCOMPARE(back->types, q.types);
    QCOMPARE(back->priorities, q.priorities);
    QCOMPARE(back->categories, q.categories);
    QCOMPARE(back->departments, q.departments);
    QCOMPARE(back->assigneeIds, q.assigneeIds);
    QCOMPARE(back->teamIds, q.teamIds);
    QCOMPARE(back->unassigned, q.unassigned);
    QCOMPARE(back->open, q.open);
    QCOMPARE(back->pendingApproval, q.pendingApproval);
    QCOMPARE(back->requesterId, q.requesterId);
    QCOMPARE(back->createdFrom, q.createdFrom);
    QCOMPARE(back->createdTo, q.createdTo);
    QCOMPARE(back->updatedFrom, q.updatedFrom);
    QCOMPARE(back->updatedTo, q.updatedTo);
    QCOMPARE(back->text, q.text);
    QCOMPARE(back->sort, q.sort);
    QCOMPARE(back->descending, q.descending);
    QCOMPARE(back->offset, q.offset);
    QCOMPARE(back->limit, q.limit);
    QCOMPARE(back->withTotal, q.withTotal);
    QCOMPARE(back->totalLimit, q.totalLimit);
}

void TestProtocol::statsDashboardRoundTrip()
{
    StatsDashboard d;
    d.from = u"2026-03-01"_s;
    d.to = u"2026-03-31"_s;
    d.timeZone = u"Asia/Kolkata"_s;
    d.granularity = u"week"_s;
    d.filters.types = {u"repair"_s};
    d.filters.departments = {u"供水一所"_s};
    d.filters.teamIds = {TeamId(2)};
    d.filters.assigneeIds = {UserId(7), UserId(8)};
    Error error;
    const std::optional<StatsDashboard> back = readMessage<StatsDashboard>(writeMessage(d), error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->from, d.from);
    QCOMPARE(back->to, d.to);
    QCOMPARE(back->timeZone, d.timeZone);
    QCOMPARE(back->granularity, d.granularity);
    QCOMPARE(back->filters.types, d.filters.types);
    QCOMPARE(back->filters.departments, d.filters.departments);
    QCOMPARE(back->filters.teamIds, d.filters.teamIds);
    QCOMPARE(back->filters.assigneeIds, d.filters.assigneeIds);
    // Required dates; the filters must be an object.
    QVERIFY(!readMessage<StatsDashboard>(obj(R"({"to":"2026-03-01"})"), error));
    QCOMPARE(error.details.value(u"field"_s).toString(), u"from"_s);
    QVERIFY(!readMessage<StatsDashboard>(obj(R"({"from":"2026-03-01","to":"2026-03-02","filters":[1]})"), error));
}

void TestProtocol::ticketQueryDefaults()
{
    Error error;
    const std::optional<TicketQuery> q = readMessage<TicketQuery>({}, error);
    QVERIFY(q);
    QCOMPARE(q->sort, u"updated"_s);
    QVERIFY(q->descending);
    QCOMPARE(q->offset, 0);
    QCOMPARE(q->limit, limits::kDefaultPageSize);
    QVERIFY(q->withTotal);
    QVERIFY(!q->totalLimit); // every match counted
    QVERIFY(!writeMessage(*q).contains(u"totalLimit"_s));
    QVERIFY(!q->unassigned);
    QVERIFY(!q->open);
    QVERIFY(!q->pendingApproval);

    // Times in other offsets are read as the same instant, in UTC.
    const std::optional<TicketQuery> t =
        readMessage<TicketQuery>(obj(R"({"createdFrom":"2026-01-01T08:00:00+08:00"})"), error);
    QVERIFY2(t, qPrintable(error.message));
    QCOMPARE(t->createdFrom, utc(2026, 1, 1, 0, 0));
    QCOMPARE(t->createdFrom.timeSpec(), Qt::UTC);

    // totalLimit: 1 to 10,000,000 matches.
    for (const char *bad :
         {R"({"totalLimit":0})", R"({"totalLimit":10000001})", R"({"totalLimit":"1000"})", R"({"totalLimit":2.5})"}) {
        QVERIFY2(!readMessage<TicketQuery>(obj(bad), error), bad);
        QCOMPARE(error.code, ErrorCode::InvalidField);
        QCOMPARE(error.details.value(u"field"_s).toString(), u"totalLimit"_s);
    }
    const std::optional<TicketQuery> capped = readMessage<TicketQuery>(obj(R"({"totalLimit":10000000})"), error);
    QVERIFY2(capped, qPrintable(error.message));
    QCOMPARE(capped->totalLimit, 10'000'000);
}

void TestProtocol::ticketUpdateRoundTrip()
{
    TicketUpdate u;
    u.ticketId = TicketId(77);
    u.version = 5;
    u.changes.title = u"New title"_s;
    u.changes.priority = Priority::Low;
    u.changes.location = GeoPoint::at(30.0, 120.0);
    u.changes.teamId = TeamId(4);
    u.changes.requester = Requester{u"Ms Zhao"_s, u"0571-1234"_s, UserId()};
    u.changes.fields_ = obj(R"({"resolution":null,"materials":"pipe"})");

    const QJsonObject wire = writeMessage(u);
    const QJsonObject changes = wire.value(u"changes"_s).toObject();
    QVERIFY(!changes.contains(u"description"_s)); // unset stays absent: "unchanged"
    QVERIFY(!changes.contains(u"type"_s));

    Error error;
    const std::optional<TicketUpdate> back = readMessage<TicketUpdate>(wire, error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->ticketId, u.ticketId);
    QCOMPARE(back->version, u.version);
    QCOMPARE(back->changes.title, u.changes.title);
    QVERIFY(!back->changes.description);
    QVERIFY(!back->changes.category);
    QVERIFY(!back->changes.type);
    QCOMPARE(back->changes.priority, u.changes.priority);
    QCOMPARE(back->changes.location, u.changes.location);
    QCOMPARE(back->changes.teamId, u.changes.teamId);
    QCOMPARE(back->changes.requester, u.changes.requester);
    QCOMPARE(back->changes.fields_, u.changes.fields_);
    QCOMPARE(writeMessage(*back), wire);

    // No changes at all is still a well-formed request.
    TicketUpdate none;
    none.ticketId = TicketId(1);
    none.version = 1;
    const std::optional<TicketUpdate> noneBack = readMessage<TicketUpdate>(writeMessage(none), error);
    QVERIFY2(noneBack, qPrintable(error.message));
    QVERIFY(!noneBack->changes.title);
    QVERIFY(!noneBack->changes.priority);
}

void TestProtocol::ticketUpdateClearsOptionalText()
{
    // Erasing a ticket's address or description in the console sends an empty string: present, so it must read as
    // "set to empty", not be refused. (Whether a title may be empty is the ticket service's rule.)
    TicketUpdate u;
    u.ticketId = TicketId(3);
    u.version = 2;
    u.changes.description = QString();
    u.changes.address = u""_s;
    u.changes.category = u""_s;

    const QJsonObject wire = writeMessage(u);
    QCOMPARE(wire.value(u"changes"_s).toObject().value(u"address"_s), QJsonValue(u""_s));
    Error error;
    const std::optional<TicketUpdate> back = readMessage<TicketUpdate>(wire, error);
    QVERIFY2(back, qPrintable(error.message));
    QVERIFY(back->changes.description.has_value());
    QVERIFY(back->changes.description->isEmpty());
    QVERIFY(back->changes.address.has_value());
    QVERIFY(back->changes.category.has_value());
    QVERIFY(!back->changes.department.has_value());
}

void TestProtocol::ticketAssignRoundTrip()
{
    TicketAssign a;
    a.ticketId = TicketId(8);
    a.version = 12;
    a.assigneeId = UserId(21);
    a.teamId = TeamId(2);
    a.note = u"带上 DN25 阀门"_s;

    Error error;
    const std::optional<TicketAssign> back = readMessage<TicketAssign>(writeMessage(a), error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->ticketId, a.ticketId);
    QCOMPARE(back->version, a.version);
    QCOMPARE(back->assigneeId, a.assigneeId);
    QCOMPARE(back->teamId, a.teamId);
    QCOMPARE(back->note, a.note);

    // Routing to a team only: the assignee is simply absent.
    TicketAssign team = a;
    team.assigneeId = UserId();
    const QJsonObject wire = writeMessage(team);
    QVERIFY(!wire.contains(u"assigneeId"_s));
    const std::optional<TicketAssign> teamBack = readMessage<TicketAssign>(wire, error);
    QVERIFY(teamBack);
    QVERIFY(!teamBack->assigneeId.isValid());
}

void TestProtocol::subscribeRoundTrip()
{
    Subscribe s;
    s.since = 1000;
    s.filter.types = {u"repair"_s, u"it_helpdesk"_s};
    s.filter.teamIds = {TeamId(1), TeamId(2)};
    s.filter.assigneeIds = {UserId(5)};
    s.filter.ticketIds = {TicketId(10), TicketId(11), TicketId(12)};

    Error error;
    const std::optional<Subscribe> back = readMessage<Subscribe>(writeMessage(s), error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->since, s.since);
    QVERIFY(back->filter == s.filter);

    // since 0 is "everything", distinct from absent ("live only").
    Subscribe zero;
    zero.since = 0;
    const std::optional<Subscribe> zeroBack = readMessage<Subscribe>(writeMessage(zero), error);
    QVERIFY(zeroBack);
    QCOMPARE(zeroBack->since, std::optional<qint64>(0));
    const std::optional<Subscribe> live = readMessage<Subscribe>({}, error);
    QVERIFY(live);
    QVERIFY(!live->since);
    QVERIFY(live->filter == SubscriptionFilter{});
}

void TestProtocol::attachmentChunkRoundTrip()
{
    AttachmentChunk c;
    c.uploadId = u"0123456789abcdef0123456789abcdef"_s;
    c.offset = 524288;
    for (int i = 0; i < 1000; ++i)
        c.data.append(char(i % 256)); // every byte value, including NUL and high bytes

    const QJsonObject wire = writeMessage(c);
    QCOMPARE(wire.value(u"data"_s).toString(), QString::fromLatin1(c.data.toBase64()));

    Error error;
    const std::optional<AttachmentChunk> back = readMessage<AttachmentChunk>(wire, error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->uploadId, c.uploadId);
    QCOMPARE(back->offset, c.offset);
    QCOMPARE(back->data, c.data);

    // Exactly the chunk limit is accepted.
    AttachmentChunk big = c;
    big.data = QByteArray(int(limits::kMaxChunkBytes), 'z');
    const std::optional<AttachmentChunk> bigBack = readMessage<AttachmentChunk>(writeMessage(big), error);
    QVERIFY2(bigBack, qPrintable(error.message));
    QCOMPARE(bigBack->data.size(), limits::kMaxChunkBytes);
}

void TestProtocol::userCreateRoundTrip()
{
    UserCreate u;
    u.username = u"zhang.wei"_s;
    u.displayName = u"张伟"_s;
    u.role = Role::Engineer;
    u.password = u"密码 with spaces"_s;
    u.teamId = TeamId(2);
    u.email = u"zw@example.org"_s;
    u.phone = u"+86 138 0000 0000"_s;
    u.skills = {u"pipe"_s, u"valve"_s};

    const QJsonObject wire = writeMessage(u);
    QCOMPARE(wire.value(u"role"_s).toString(), u"engineer"_s);
    Error error;
    const std::optional<UserCreate> back = readMessage<UserCreate>(wire, error);
    QVERIFY2(back, qPrintable(error.message));
    QCOMPARE(back->username, u.username);
    QCOMPARE(back->displayName, u.displayName);
    QCOMPARE(back->role, u.role);
    QCOMPARE(back->password, u.password);
    QCOMPARE(back->teamId, u.teamId);
    QCOMPARE(back->email, u.email);
    QCOMPARE(back->phone, u.phone);
    QCOMPARE(back->skills, u.skills);

    for (const QString &role : allRoleNames()) {
        QJsonObject w = wire;
        w.insert(u"role"_s, role);
        const std::optional<UserCreate> r = readMessage<UserCreate>(w, error);
        QVERIFY2(r, qPrintable(role));
        QCOMPARE(roleName(r->role), role);
    }
}

void TestProtocol::readRejects_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QJsonObject>("data");
    QTest::addColumn<QString>("field");

    const auto row = [](const char *name, const QString &type, const QJsonObject &data, const QString &field) {
        QTest::newRow(name) << type << data << field;
    };
    const QString create = u"TicketCreate"_s;
    row("title not a string", create, obj(R"({"title":5})"), u"title"_s);
    row("title too long", create, {{u"title"_s, repeated(limits::kMaxTitle + 1)}}, u"title"_s);
    row("description too long", create, {{u"description"_s, repeated(limits::kMaxText + 1)}}, u"description"_s);
    row("address too long (Chinese)", create, {{u"address"_s, repeated(limits::kMaxAddress + 1, u'路')}}, u"address"_s);
    row("priority extreme", create, obj(R"({"priority":"extreme"})"), u"priority"_s);
    row("priority number", create, obj(R"({"priority":2})"), u"priority"_s);
    row("priority wrong case", create, obj(R"({"priority":"High"})"), u"priority"_s);
    row("lat 91", create, obj(R"({"location":{"lat":91,"lon":120}})"), u"location"_s);
    row("lon -181", create, obj(R"({"location":{"lat":30,"lon":-181}})"), u"location"_s);
    row("lat as string", create, obj(R"({"location":{"lat":"30","lon":120}})"), u"location"_s);
    row("location string", create, obj(R"({"location":"here"})"), u"location"_s);
    row("teamId 1.5", create, obj(R"({"teamId":1.5})"), u"teamId"_s);
    row("teamId negative", create, obj(R"({"teamId":-1})"), u"teamId"_s);
    row("teamId string", create, obj(R"({"teamId":"3"})"), u"teamId"_s);
    row("fields array", create, obj(R"({"fields":[1,2]})"), u"fields"_s);
    row("fields too big", create, {{u"fields"_s, QJsonObject{{u"x"_s, repeated(limits::kMaxFieldsBytes)}}}},
        u"fields"_s);
    row("requester string", create, obj(R"({"requester":"Wang"})"), u"requester"_s);
    row("requester.name number", create, obj(R"({"requester":{"name":7}})"), u"requester.name"_s);

    const QString query = u"TicketQuery"_s;
    row("limit 1.5", query, obj(R"({"limit":1.5})"), u"limit"_s);
    row("limit 0", query, obj(R"({"limit":0})"), u"limit"_s);
    row("limit above page size", query, obj(R"({"limit":501})"), u"limit"_s);
    row("limit beyond int", query, obj(R"({"limit":4294967296})"), u"limit"_s);
    row("offset negative", query, obj(R"({"offset":-1})"), u"offset"_s);
    row("offset huge", query, obj(R"({"offset":1e20})"), u"offset"_s);
    row("unassigned string", query, obj(R"({"unassigned":"yes"})"), u"unassigned"_s);
    row("descending number", query, obj(R"({"descending":1})"), u"descending"_s);
    row("createdFrom not a date", query, obj(R"({"createdFrom":"yesterday"})"), u"createdFrom"_s);
    row("createdTo number", query, obj(R"({"createdTo":1700000000})"), u"createdTo"_s);
    row("statuses string", query, obj(R"({"statuses":"open"})"), u"statuses"_s);
    row("statuses of numbers", query, obj(R"({"statuses":[1]})"), u"statuses"_s);
    row("assigneeIds 1.5", query, obj(R"({"assigneeIds":[1.5]})"), u"assigneeIds"_s);
    row("assigneeIds negative", query, obj(R"({"assigneeIds":[-3]})"), u"assigneeIds"_s);
    row("assigneeIds beyond 2^53", query, obj(R"({"assigneeIds":[1e300]})"), u"assigneeIds"_s);
    row("priorities five", query, obj(R"({"priorities":["low","low","low","low","low"]})"), u"priorities"_s);
    row("text too long", query, {{u"text"_s, repeated(limits::kMaxShort + 1)}}, u"text"_s);
    QJsonArray manyIds;
    for (int i = 1; i <= limits::kMaxListItems + 1; ++i)
        manyIds.append(i);
    row("too many teamIds", query, {{u"teamIds"_s, manyIds}}, u"teamIds"_s);

    const QString update = u"TicketUpdate"_s;
    row("update without ticketId", update, obj(R"({"version":1,"changes":{}})"), u"ticketId"_s);
    row("update without changes", update, obj(R"({"ticketId":1,"version":1})"), u"changes"_s);
    row("update version 0", update, obj(R"({"ticketId":1,"version":0,"changes":{}})"), u"version"_s);
    row("changes not an object", update, obj(R"({"ticketId":1,"version":1,"changes":"x"})"), u"changes"_s);
    row("changes.title number", update, obj(R"({"ticketId":1,"version":1,"changes":{"title":5}})"), u"changes.title"_s);
    row("changes.title too long", update,
        {{u"ticketId"_s, 1},
         {u"version"_s, 1},
         {u"changes"_s, QJsonObject{{u"title"_s, repeated(limits::kMaxTitle + 1)}}}},
        u"changes.title"_s);
    row("changes.priority extreme", update, obj(R"({"ticketId":1,"version":1,"changes":{"priority":"extreme"}})"),
        u"changes.priority"_s);
    row("changes.location lat 91", update,
        obj(R"({"ticketId":1,"version":1,"changes":{"location":{"lat":91,"lon":0}}})"), u"changes.location"_s);
    row("changes.teamId 2.5", update, obj(R"({"ticketId":1,"version":1,"changes":{"teamId":2.5}})"),
        u"changes.teamId"_s);
    row("changes.requester.contact", update,
        obj(R"({"ticketId":1,"version":1,"changes":{"requester":{"contact":[]}}})"), u"changes.requester.contact"_s);

    const QString assign = u"TicketAssign"_s;
    row("ticketId string", assign, obj(R"({"ticketId":"7","version":1})"), u"ticketId"_s);
    row("version 2.5", assign, obj(R"({"ticketId":7,"version":2.5})"), u"version"_s);
    row("version missing", assign, obj(R"({"ticketId":7})"), u"version"_s);
    row("assigneeId beyond 2^53", assign, obj(R"({"ticketId":7,"version":1,"assigneeId":1e16})"), u"assigneeId"_s);

    const QString subscribe = u"Subscribe"_s;
    row("filter.types string", subscribe, obj(R"({"filter":{"types":"ticket.created"}})"), u"filter.types"_s);
    row("filter.ticketIds 1.5", subscribe, obj(R"({"filter":{"ticketIds":[1.5]}})"), u"filter.ticketIds"_s);
    row("filter array", subscribe, obj(R"({"filter":[]})"), u"filter"_s);
    row("since negative", subscribe, obj(R"({"since":-1})"), u"since"_s);
    row("since string", subscribe, obj(R"({"since":"10"})"), u"since"_s);

    const QString chunk = u"AttachmentChunk"_s;
    row("invalid base64", chunk, obj(R"({"uploadId":"u","offset":0,"data":"@@@@"})"), u"data"_s);
    row("base64 with non-Latin-1", chunk, obj(R"({"uploadId":"u","offset":0,"data":"数据"})"), u"data"_s);
    row("data number", chunk, obj(R"({"uploadId":"u","offset":0,"data":12})"), u"data"_s);
    row("data over the chunk limit", chunk,
        {{u"uploadId"_s, u"u"_s},
         {u"offset"_s, 0},
         {u"data"_s, QString::fromLatin1(QByteArray(int(limits::kMaxChunkBytes) + 1, 'a').toBase64())}},
        u"data"_s);
    row("offset negative", chunk, obj(R"({"uploadId":"u","offset":-5,"data":""})"), u"offset"_s);
    row("uploadId missing", chunk, obj(R"({"offset":0,"data":"AA=="})"), u"uploadId"_s);

    const QString begin = u"AttachmentBegin"_s;
    row("size negative", begin, obj(R"({"ticketId":1,"fileName":"a.txt","size":-1,"sha256":"ab"})"), u"size"_s);
    row("fileName blank", begin, obj(R"({"ticketId":1,"fileName":"   ","size":1,"sha256":"ab"})"), u"fileName"_s);
    row("sha256 too long", begin,
        {{u"ticketId"_s, 1}, {u"fileName"_s, u"a"_s}, {u"size"_s, 1}, {u"sha256"_s, repeated(65, u'a')}}, u"sha256"_s);

    const QString user = u"UserCreate"_s;
    row("role emperor", user, obj(R"({"username":"a","role":"emperor","password":"p"})"), u"role"_s);
    row("role missing", user, obj(R"({"username":"a","password":"p"})"), u"role"_s);
    row("password missing", user, obj(R"({"username":"a","role":"admin"})"), u"password"_s);
    row("username blank", user, obj(R"({"username":"  ","role":"admin","password":"p"})"), u"username"_s);
    row("username too long", user, {{u"username"_s, repeated(65)}, {u"role"_s, u"admin"_s}, {u"password"_s, u"p"_s}},
        u"username"_s);
    row("skills of numbers", user, obj(R"({"username":"a","role":"engineer","password":"p","skills":[1]})"),
        u"skills"_s);

    row("comment kind secret", u"TicketComment"_s, obj(R"({"ticketId":1,"kind":"secret","body":"b"})"), u"kind"_s);
    row("comment body missing", u"TicketComment"_s, obj(R"({"ticketId":1})"), u"body"_s);
    row("link kind sibling", u"TicketLink"_s, obj(R"({"ticketId":1,"otherId":2,"kind":"sibling"})"), u"kind"_s);
}

void TestProtocol::readRejects()
{
    QFETCH(QString, type);
    QFETCH(QJsonObject, data);
    QFETCH(QString, field);

    const std::optional<Error> error = readAs(type, data);
    QVERIFY2(error.has_value(), "the message was accepted");
    QCOMPARE(errorCodeName(error->code), u"invalid_field"_s);
    QCOMPARE(error->details.value(u"field"_s).toString(), field);
    QVERIFY(error->message.contains(field));
    QVERIFY(!error->details.value(u"expected"_s).toString().isEmpty());
}

// --- domain records ------------------------------------------------------------------------------------------------

void TestProtocol::ticketJsonRoundTrip()
{
    const Ticket t = fullTicket();
    const QJsonObject json = t.toJson();
    QCOMPARE(json.value(u"priority"_s).toString(), u"urgent"_s);
    QCOMPARE(json.value(u"createdAt"_s).toString(), u"2026-01-05T08:30:00.123Z"_s);
    const Ticket back = Ticket::fromJson(json);
    QVERIFY(back == t);
    // And through text, as on the wire.
    QVERIFY(Ticket::fromJson(QJsonDocument::fromJson(bytes(json)).object()) == t);
}

void TestProtocol::dispatchMessages()
{
    // staff.report: ranges checked by the codec; optional members stay unset.
    Error e;
    std::optional<StaffReport> r = readMessage<StaffReport>(
        obj(R"({"lat": 30.25, "lon": 120.15, "accuracy": 8, "heading": 359.5, "status": "en_route"})"), e);
    QVERIFY(r);
    QCOMPARE(r->heading.value_or(-1), 359.5);
    QVERIFY(!r->speed);
    QCOMPARE(r->status.value_or(StaffStatus::OffDuty), StaffStatus::EnRoute);
    QVERIFY(!r->at.isValid());
    const std::optional<StaffReport> back = readMessage<StaffReport>(writeMessage(*r), e);
    QVERIFY(back && back->lat == r->lat && back->heading == r->heading && back->status == r->status);
    for (const char *bad : {R"({"lat": 90.5, "lon": 120, "accuracy": 1})",
                            R"({"lat": 30, "lon": 180.1, "accuracy": 1})", R"({"lat": 30, "lon": 120, "accuracy": -1})",
                            R"({"lat": 30, "lon": 120})", R"({"lat": 30, "lon": 120, "accuracy": 1, "speed": -2})",
                            R"({"lat": 30, "lon": 120, "accuracy": 1, "status": "asleep"})"}) {
        QVERIFY2(!readMessage<StaffReport>(obj(bad), e), bad);
        QCOMPARE(e.code, ErrorCode::InvalidField);
    }
    QVERIFY(!readMessage<DispatchSuggest>(obj(R"({"ticketId": 1, "limit": 101})"), e));
    QCOMPARE(readMessage<DispatchSuggest>(obj(R"({"ticketId": 1})"), e)->limit, 10);
    QVERIFY(!readMessage<TicketClaim>(obj(R"({})"), e));
    QVERIFY(!readMessage<StaffFreeze>(obj(R"({"userId": 3})"), e));
    QVERIFY(readMessage<StaffTrack>(obj(R"({"userId": 3, "since": "2026-01-05T08:30:00.000Z"})"), e));
    // The new operations: who may, and which need an idempotency key.
    QVERIFY(opMutates(Op::TicketClaim) && opMutates(Op::StaffFreeze));
    QVERIFY(!opMutates(Op::StaffReport) && !opMutates(Op::DispatchSuggest) && !opMutates(Op::StaffTrack));
    QVERIFY(roleMay(Role::Engineer, Op::StaffReport) && !roleMay(Role::Dispatcher, Op::StaffReport) &&
            !roleMay(Role::Supervisor, Op::StaffReport));
    QVERIFY(roleMay(Role::Engineer, Op::TicketClaim) && !roleMay(Role::Supervisor, Op::TicketClaim));
    QVERIFY(roleMay(Role::Dispatcher, Op::DispatchSuggest) && !roleMay(Role::Engineer, Op::DispatchSuggest));
    QVERIFY(!roleMay(Role::Requester, Op::StaffTrack) && !roleMay(Role::Engineer, Op::StaffFreeze));
    // A ticket never dispatched carries "dispatch": null.
    QVERIFY(Ticket().toJson().value(u"dispatch"_s).isNull());
    QVERIFY(!Ticket::fromJson(Ticket().toJson()).dispatch.isValid());
}

void TestProtocol::ticketJsonUnsetFields()
{
    Ticket t;
    t.id = TicketId(1);
    t.number = u"WO-2026-000001"_s;
    t.type = u"it_helpdesk"_s;
    t.status = u"pending_assignment"_s;
    t.title = u"t"_s;
    t.createdAt = utc(2026, 1, 1, 0, 0);
    t.updatedAt = t.createdAt;
    t.version = 1;

    const QJsonObject json = t.toJson();
    QVERIFY(json.value(u"assigneeId"_s).isNull());
    QVERIFY(json.value(u"location"_s).isNull());
    QVERIFY(json.value(u"closedAt"_s).isNull());
    QVERIFY(json.value(u"pendingApproval"_s).isNull());
    QVERIFY(!json.contains(u"suspendedFrom"_s));
    const Ticket back = Ticket::fromJson(json);
    QVERIFY(back == t);
    QVERIFY(!back.assigneeId.isValid());
    QVERIFY(!back.location.isValid());
    QVERIFY(!back.closedAt.isValid());
    QVERIFY(!back.pendingApproval.isValid());
}

void TestProtocol::commentJsonRoundTrip()
{
    Comment c;
    c.id = CommentId(5);
    c.ticketId = TicketId(6);
    c.authorId = UserId(7);
    c.authorName = u"调度员 小陈"_s;
    c.kind = CommentKind::Internal;
    c.body = u"内部备注：用户电话打不通"_s;
    c.createdAt = utc(2026, 5, 4, 3, 2, 1, 999);
    c.originTicketId = TicketId(2);
    QVERIFY(Comment::fromJson(c.toJson()) == c);
    QCOMPARE(c.toJson().value(u"kind"_s).toString(), u"internal"_s);

    c.originTicketId = TicketId();
    c.kind = CommentKind::Public;
    QVERIFY(Comment::fromJson(c.toJson()) == c);
}

void TestProtocol::attachmentJsonRoundTrip()
{
    AttachmentInfo a;
    a.id = AttachmentId(11);
    a.ticketId = TicketId(6);
    a.commentId = CommentId(5);
    a.fileName = u"现场照片 1.jpg"_s;
    a.mimeType = u"image/jpeg"_s;
    a.size = 5'000'000'000; // beyond 32 bits
    a.sha256 = repeated(64, u'e');
    a.uploadedBy = UserId(3);
    a.createdAt = utc(2026, 5, 4, 3, 2, 1);
    QVERIFY(AttachmentInfo::fromJson(a.toJson()) == a);

    a.commentId = CommentId();
    QVERIFY(AttachmentInfo::fromJson(a.toJson()) == a);
}

void TestProtocol::userJsonRoundTrip()
{
    User u;
    u.id = UserId(4);
    u.username = u"li.na"_s;
    u.displayName = u"李娜"_s;
    u.role = Role::Supervisor;
    u.teamId = TeamId(2);
    u.email = u"li.na@example.org"_s;
    u.phone = u"138"_s;
    u.active = false;

    const User back = User::fromJson(u.toJson());
    QCOMPARE(back.id, u.id);
    QCOMPARE(back.username, u.username);
    QCOMPARE(back.displayName, u.displayName);
    QCOMPARE(back.role, u.role);
    QCOMPARE(back.teamId, u.teamId);
    QCOMPARE(back.email, u.email);
    QCOMPARE(back.phone, u.phone);
    QCOMPARE(back.active, u.active);

    // "active" defaults to true when absent.
    QVERIFY(User::fromJson(obj(R"({"id":1,"username":"x","role":"admin"})")).active);
    for (int r = 0; r <= static_cast<int>(Role::Admin); ++r) {
        u.role = static_cast<Role>(r);
        QCOMPARE(User::fromJson(u.toJson()).role, u.role);
    }
}

void TestProtocol::fieldStaffJsonRoundTrip()
{
    FieldStaff f;
    f.userId = UserId(9);
    f.name = u"王师傅"_s;
    f.teamId = TeamId(3);
    f.skills = {u"pipe"_s, u"meter"_s};
    f.status = StaffStatus::EnRoute;
    f.position = GeoPoint::at(30.25, 120.125);
    f.accuracy = 12.5;
    f.positionAt = utc(2026, 2, 2, 2, 2, 2, 200);
    f.openTickets = 3;

    const FieldStaff back = FieldStaff::fromJson(f.toJson());
    QCOMPARE(back.userId, f.userId);
    QCOMPARE(back.name, f.name);
    QCOMPARE(back.teamId, f.teamId);
    QCOMPARE(back.skills, f.skills);
    QCOMPARE(back.status, f.status);
    QCOMPARE(back.position, f.position);
    QCOMPARE(back.accuracy, f.accuracy);
    QCOMPARE(back.positionAt, f.positionAt);
    QCOMPARE(back.openTickets, f.openTickets);
    QCOMPARE(f.toJson().value(u"status"_s).toString(), u"en_route"_s);

    FieldStaff nowhere;
    nowhere.userId = UserId(1);
    const FieldStaff nowhereBack = FieldStaff::fromJson(nowhere.toJson());
    QVERIFY(!nowhereBack.position.isValid());
    QVERIFY(!nowhereBack.positionAt.isValid());
    QCOMPARE(nowhereBack.status, StaffStatus::OffDuty);
}

void TestProtocol::eventJsonRoundTrip()
{
    Event e;
    e.seq = 9'007'199'254'740'000; // large, still exact in a JSON double
    e.type = u"comment.added"_s;
    e.at = utc(2026, 12, 31, 23, 59, 59, 999);
    e.ticketId = TicketId(3);
    e.data = obj(R"({"comment":{"id":1,"body":"你好"}})");

    const Event back = Event::fromJson(e.toJson());
    QCOMPARE(back.seq, e.seq);
    QCOMPARE(back.type, e.type);
    QCOMPARE(back.at, e.at);
    QCOMPARE(back.ticketId, e.ticketId);
    QCOMPARE(back.data, e.data);

    Event global;
    global.seq = 1;
    global.type = u"staff.changed"_s;
    global.at = e.at;
    QVERIFY(!Event::fromJson(global.toJson()).ticketId.isValid());
}

void TestProtocol::timeFormat()
{
    // Local times go out as UTC with milliseconds and a Z.
    const QDateTime local(QDate(2026, 1, 1), QTime(8, 0), QTimeZone(8 * 3600));
    QCOMPARE(timeToJson(local).toString(), u"2026-01-01T00:00:00.000Z"_s);
    QCOMPARE(timeFromJson(timeToJson(local)), local);
    QVERIFY(timeToJson(QDateTime()).isNull());
    QVERIFY(!timeFromJson(QJsonValue()).isValid());
    QVERIFY(!timeFromJson(QJsonValue(12)).isValid());

    // timeToJson formats without QDateTime's formatter: the same text as Qt's for any moment, before 1970 and after
    // 9999 included (those go to Qt).
    QRandomGenerator rng(7);
    QList<qint64> moments{0,
                          -1,
                          1,
                          951782400000 /* 2000-02-29 */,
                          -62135596800000 /* 0001-01-01 */,
                          253402300799999 /* 9999-12-31T23:59:59.999 */,
                          253402300800000,
                          -62135596800001};
    for (int i = 0; i < 2000; ++i)
        moments << static_cast<qint64>(rng.bounded(Q_INT64_C(400000000000000))) - Q_INT64_C(100000000000000);
    for (const qint64 ms : moments) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        QCOMPARE(timeToJson(t).toString(), t.toString(Qt::ISODateWithMs));
    }
}

void TestProtocol::ticketPrintRoundTrip()
{
    TicketPrint p;
    p.ticketId = TicketId(43);
    p.version = 7;
    const QJsonObject wire = writeMessage(p);
    QCOMPARE(wire, obj(R"({"ticketId":43,"version":7})"));
    Error error;
    const std::optional<TicketPrint> back = readMessage<TicketPrint>(wire, error);
    QVERIFY(back);
    QCOMPARE(back->ticketId, TicketId(43));
    QCOMPARE(back->version, 7);
    QVERIFY(!readMessage<TicketPrint>(obj(R"({"ticketId":43})"), error));
    QCOMPARE(error.code, ErrorCode::InvalidField);
    QVERIFY(!readMessage<TicketPrint>(obj(R"({"ticketId":43,"version":0})"), error));
    QVERIFY(opMutates(Op::TicketPrint));
    QVERIFY(!opIsPublic(Op::TicketPrint));
    QCOMPARE(opName(Op::TicketPrint), u"ticket.print"_s);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
