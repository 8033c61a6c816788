// Bad input over the wire: every malformed, misplaced or oversized message gets its error code (or, where the
// WebSocket layer itself refuses it, its close code), changes nothing, and leaves the server serving.
//
// What the server does with frames the protocol cannot read:
//   - a text message over 1 MiB (limits::kMaxMessageBytes): QtWebSockets refuses it before it is assembled and
//     closes the connection with 1009 (message too big); "message_too_large" is never sent for it, because the
//     socket limit equals the codec limit.
//   - a text frame that is not valid UTF-8: closed with 1007 (invalid frame payload data) by QtWebSockets.
//   - a binary frame: answered with malformed_message (id null); the connection stays open.

#include "tests/support/rawwebsocket.h"
#include "tests/support/scenario.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

class TestE2eBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void rejected_data();
    void rejected();
    void beforeHelloAndBeforeLogin();
    void badResumeToken();
    void binaryFrame();
    void oversizedMessage();
    void invalidUtf8();
    void foreignOriginRefused();
    void rateLimit();
    void damagedDatabaseFailsOneRequest();
    void serverStillServes();

private:
    struct State
    {
        qint64 seq = -1;
        qint64 tickets = -1;
        friend bool operator==(const State &, const State &) = default;
    };
    State state();

    TestServer m_server;
    std::unique_ptr<TestClient> m_admin;
    std::unique_ptr<TestClient> m_client;
    qint64 m_ticketId = 0;
};

void TestE2eBadInput::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    m_client = connectAsAdmin(m_server, u"bad"_s);
    QVERIFY(m_admin && m_client);
    const QJsonObject t = createTicket(*m_admin, {{u"title"_s, u"Target of bad requests"_s}});
    QVERIFY(!t.isEmpty());
    m_ticketId = t.value(u"id"_s).toInteger();
}

void TestE2eBadInput::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eBadInput::cleanupTestCase()
{
    m_admin.reset();
    m_client.reset();
    QVERIFY(m_server.stop());
}

TestE2eBadInput::State TestE2eBadInput::state()
{
    const Response r = m_admin->request(Op::TicketList, {{u"limit"_s, 1}});
    if (!r.ok)
        return {};
    return {r.result.value(u"seq"_s).toInteger(), r.result.value(u"total"_s).toInteger()};
}

void TestE2eBadInput::rejected_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field"); // details.field, when the error names one
    QTest::addColumn<QJsonValue>("id"); // the id the reply must echo (null when none could be read)

    const QJsonValue none(QJsonValue::Null);
    const QByteArray t = QByteArray::number(m_ticketId);
    QTest::newRow("not JSON") << QByteArray(R"({"v":1,"id":"j1","op":"ping")") << u"malformed_message"_s << QString()
                              << none;
    QTest::newRow("garbage") << QByteArray("\x01hello\x7f") << u"malformed_message"_s << QString() << none;
    QTest::newRow("empty") << QByteArray("") << u"malformed_message"_s << QString() << none;
    QTest::newRow("array") << QByteArray(R"([1,2,3])") << u"malformed_message"_s << QString() << none;
    QTest::newRow("string") << QByteArray(R"("ping")") << u"malformed_message"_s << QString() << none;
    QTest::newRow("number") << QByteArray("42") << u"malformed_message"_s << QString() << none;
    QTest::newRow("missing id") << QByteArray(R"({"v":1,"op":"ping","data":{}})") << u"malformed_message"_s << QString()
                                << none;
    QTest::newRow("empty id") << QByteArray(R"({"v":1,"id":"","op":"ping"})") << u"malformed_message"_s << QString()
                              << none;
    QTest::newRow("object id") << QByteArray(R"({"v":1,"id":{"a":1},"op":"ping"})") << u"malformed_message"_s
                               << QString() << none;
    QTest::newRow("missing v") << QByteArray(R"({"id":"v0","op":"ping"})") << u"malformed_message"_s << QString()
                               << QJsonValue(u"v0"_s);
    QTest::newRow("version 2") << QByteArray(R"({"v":2,"id":"v2","op":"ping"})") << u"unsupported_version"_s
                               << QString() << QJsonValue(u"v2"_s);
    QTest::newRow("missing op") << QByteArray(R"({"v":1,"id":"o0"})") << u"malformed_message"_s << QString()
                                << QJsonValue(u"o0"_s);
    QTest::newRow("unknown op") << QByteArray(R"({"v":1,"id":"u1","op":"ticket.explode","data":{}})")
                                << u"unknown_operation"_s << QString() << QJsonValue(u"u1"_s);
    QTest::newRow("integer id") << QByteArray(R"({"v":1,"id":77,"op":"nope"})") << u"unknown_operation"_s << QString()
                                << QJsonValue(77);
    QTest::newRow("data not an object") << QByteArray(R"({"v":1,"id":"d1","op":"ticket.list","data":[1]})")
                                        << u"invalid_field"_s << u"data"_s << QJsonValue(u"d1"_s);
    QTest::newRow("title is a number")
        << QByteArray(R"({"v":1,"id":"f1","op":"ticket.create","idem":"k-f1","data":{"title":123}})")
        << u"invalid_field"_s << u"title"_s << QJsonValue(u"f1"_s);
    QTest::newRow("limit is a string") << QByteArray(R"({"v":1,"id":"f2","op":"ticket.list","data":{"limit":"ten"}})")
                                       << u"invalid_field"_s << u"limit"_s << QJsonValue(u"f2"_s);
    QTest::newRow("limit out of range") << QByteArray(R"({"v":1,"id":"f3","op":"ticket.list","data":{"limit":0}})")
                                        << u"invalid_field"_s << u"limit"_s << QJsonValue(u"f3"_s);
    QTest::newRow("afterId without number sort")
        << QByteArray(R"({"v":1,"id":"f3b","op":"ticket.list","data":{"afterId":5,"sort":"updated"}})")
        << u"invalid_field"_s << u"afterId"_s << QJsonValue(u"f3b"_s);
    QTest::newRow("unknown list shape") << QByteArray(
                                               R"({"v":1,"id":"f3s","op":"ticket.list","data":{"shape":"columns"}})")
                                        << u"invalid_field"_s << u"shape"_s << QJsonValue(u"f3s"_s);
    QTest::newRow("list shape is a number") << QByteArray(R"({"v":1,"id":"f3t","op":"ticket.list","data":{"shape":2}})")
                                            << u"invalid_field"_s << u"shape"_s << QJsonValue(u"f3t"_s);
    QTest::newRow("afterId is a string")
        << QByteArray(R"({"v":1,"id":"f3c","op":"ticket.list","data":{"afterId":"5","sort":"number"}})")
        << u"invalid_field"_s << u"afterId"_s << QJsonValue(u"f3c"_s);
    QTest::newRow("ticketId is a string")
        << QByteArray(R"({"v":1,"id":"f4","op":"ticket.assign","idem":"k-f4","data":{"ticketId":"abc","version":1}})")
        << u"invalid_field"_s << u"ticketId"_s << QJsonValue(u"f4"_s);
    QTest::newRow("version missing")
        << QByteArray(R"({"v":1,"id":"f5","op":"ticket.update","idem":"k-f5","data":{"ticketId":)" + t +
                      R"(,"changes":{}}})")
        << u"invalid_field"_s << u"version"_s << QJsonValue(u"f5"_s);
    QTest::newRow("nested field") << QByteArray(
                                         R"({"v":1,"id":"f6","op":"ticket.update","idem":"k-f6","data":{"ticketId":)" +
                                         t + R"(,"version":1,"changes":{"title":5}}})")
                                  << u"invalid_field"_s << u"changes.title"_s << QJsonValue(u"f6"_s);
    QTest::newRow("unknown priority")
        << QByteArray(
               R"({"v":1,"id":"f7","op":"ticket.create","idem":"k-f7","data":{"title":"x","priority":"extreme"}})")
        << u"invalid_field"_s << u"priority"_s << QJsonValue(u"f7"_s);
    QTest::newRow("title too long") << QByteArray(
                                           R"({"v":1,"id":"f8","op":"ticket.create","idem":"k-f8","data":{"title":")" +
                                           QByteArray(201, 'x') + R"("}})")
                                    << u"invalid_field"_s << u"title"_s << QJsonValue(u"f8"_s);
    QTest::newRow("fractional number") << QByteArray(R"({"v":1,"id":"f9","op":"ticket.get","data":{"ticketId":1.5}})")
                                       << u"invalid_field"_s << u"ticketId"_s << QJsonValue(u"f9"_s);
    QTest::newRow("missing idem") << QByteArray(R"({"v":1,"id":"i1","op":"ticket.create","data":{"title":"no key"}})")
                                  << u"invalid_field"_s << u"idem"_s << QJsonValue(u"i1"_s);
    QTest::newRow("idem not a string") << QByteArray(
                                              R"({"v":1,"id":"i2","op":"ticket.create","idem":7,"data":{"title":"x"}})")
                                       << u"invalid_field"_s << u"idem"_s << QJsonValue(u"i2"_s);
    QTest::newRow("idem too long") << QByteArray(R"({"v":1,"id":"i3","op":"ticket.create","idem":")" +
                                                 QByteArray(65, 'k') + R"(","data":{"title":"x"}})")
                                   << u"invalid_field"_s << u"idem"_s << QJsonValue(u"i3"_s);
    QTest::newRow("id too long") << QByteArray(R"({"v":1,"id":")" + QByteArray(65, 'i') + R"(","op":"ping"})")
                                 << u"malformed_message"_s << QString() << none;
    QTest::newRow("unknown ticket") << QByteArray(R"({"v":1,"id":"n1","op":"ticket.get","data":{"ticketId":987654}})")
                                    << u"not_found"_s << QString() << QJsonValue(u"n1"_s);
}

void TestE2eBadInput::rejected()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, field);
    QFETCH(QJsonValue, id);
    const State before = state();
    QVERIFY(before.seq >= 0);

    const Response r = m_client->sendRaw(frame);
    QCOMPARE(codeOf(r), code);
    QVERIFY(!r.error.message.isEmpty());
    if (!field.isEmpty())
        QCOMPARE(r.error.details.value(u"field"_s).toString(), field);
    if (id.isNull())
        QVERIFY(r.id.isNull());
    else
        QCOMPARE(r.id, id);

    // Nothing changed, the connection is still open, and the server still answers it.
    QVERIFY(m_client->isConnected());
    QCOMPARE(state(), before);
    CL_VERIFY_OK(m_client->request(Op::Ping));
}

void TestE2eBadInput::beforeHelloAndBeforeLogin()
{
    TestClient c(u"early"_s);
    QVERIFY(c.connectTo(m_server.url()));
    const State before = state();
    // Before hello, nothing but hello (not even ping or login).
    CL_COMPARE_ERROR(c.request(Op::Ping), "unauthenticated");
    CL_COMPARE_ERROR(c.login(u"admin"_s, TestServer::adminPassword()), "unauthenticated");
    CL_COMPARE_ERROR(c.request(Op::TicketCreate, {{u"title"_s, u"sneaky"_s}}), "unauthenticated");
    CL_VERIFY_OK(c.hello());
    // After hello, before login: public operations only.
    CL_VERIFY_OK(c.request(Op::Ping));
    for (const Op op : {Op::TicketList, Op::Subscribe, Op::TypeList, Op::UserList, Op::AuthLogout})
        CL_COMPARE_ERROR(c.request(op), "unauthenticated");
    CL_COMPARE_ERROR(c.request(Op::TicketCreate, {{u"title"_s, u"sneaky"_s}}), "unauthenticated");
    CL_COMPARE_ERROR(c.request(Op::TicketGet, {{u"ticketId"_s, m_ticketId}}), "unauthenticated");
    QCOMPARE(state(), before);
    QVERIFY(c.isConnected());
    CL_VERIFY_OK(c.login(u"admin"_s, TestServer::adminPassword()));
    CL_VERIFY_OK(c.request(Op::TypeList));
}

void TestE2eBadInput::badResumeToken()
{
    TestClient c(u"token"_s);
    QVERIFY(c.connectTo(m_server.url()));
    CL_VERIFY_OK(c.hello());
    CL_COMPARE_ERROR(c.resume(u"not-a-real-token"_s), "session_expired");
    CL_COMPARE_ERROR(c.resume(QString()), "invalid_field");
    CL_COMPARE_ERROR(c.resume(QString(200, u'x')), "invalid_field");
    CL_COMPARE_ERROR(c.request(Op::TicketList), "unauthenticated");
    QVERIFY(c.isConnected());
}

void TestE2eBadInput::binaryFrame()
{
    const State before = state();
    const Response r = m_client->sendRawBinary(R"({"v":1,"id":"b1","op":"ping"})");
    CL_COMPARE_ERROR(r, "malformed_message");
    QVERIFY(r.id.isNull());
    QVERIFY(m_client->isConnected());
    CL_VERIFY_OK(m_client->request(Op::Ping));
    QCOMPARE(state(), before);
}

void TestE2eBadInput::oversizedMessage()
{
    TestClient big(u"big"_s);
    QVERIFY(big.loginAs(m_server.url(), u"admin"_s, TestServer::adminPassword()));
    const State before = state();

    // Just under the limit: read and refused by the field rules (too long), the connection stays.
    const QByteArray nearLimit =
        R"({"v":1,"id":"n","op":"ticket.create","idem":"k-near","data":{"title":"x","description":")" +
        QByteArray(1000 * 1000, 'a') + R"("}})";
    QVERIFY(nearLimit.size() < protocol::limits::kMaxMessageBytes);
    const Response near = big.sendRaw(nearLimit);
    CL_COMPARE_ERROR(near, "invalid_field");
    QCOMPARE(near.error.details.value(u"field"_s).toString(), u"description"_s);
    QVERIFY(big.isConnected());

    // Over 1 MiB: the WebSocket layer closes the connection with 1009 before the message reaches the protocol.
    const QByteArray tooBig =
        R"({"v":1,"id":"o","op":"ticket.create","idem":"k-over","data":{"title":"x","description":")" +
        QByteArray(protocol::limits::kMaxMessageBytes, 'a') + R"("}})";
    const Response over = big.sendRaw(tooBig);
    QCOMPARE(codeOf(over), u"<disconnected>"_s);
    QVERIFY(big.waitForDisconnected());
    QCOMPARE(big.closeCode(), int(QWebSocketProtocol::CloseCodeTooMuchData));
    QCOMPARE(state(), before);
    CL_VERIFY_OK(m_client->request(Op::Ping));
}

void TestE2eBadInput::invalidUtf8()
{
    const State before = state();
    RawWebSocket raw;
    QVERIFY2(raw.open(m_server.port()), qPrintable(raw.handshakeResponse()));
    // A valid request first, to show this hand-made client speaks the protocol at all.
    raw.sendFrame(1, R"({"v":1,"id":"raw","op":"hello","data":{}})");
    const std::optional<RawWebSocket::Frame> hello = raw.readFrame();
    QVERIFY(hello);
    QCOMPARE(hello->opcode, 1);
    QVERIFY(hello->payload.contains(R"("ok":true)"));

    // "\xc3\x28" is not UTF-8: the server must close with 1007 and not treat it as a request.
    raw.sendFrame(1, QByteArray(R"({"v":1,"id":"bad","op":"ping","data":{"x":")") + "\xc3\x28" + R"("}})");
    QCOMPARE(raw.waitForClose(), int(QWebSocketProtocol::CloseCodeWrongDatatype));
    QCOMPARE(state(), before);
    CL_VERIFY_OK(m_client->request(Op::Ping));
}

void TestE2eBadInput::foreignOriginRefused()
{
    // Browsers send Origin, native clients do not: a page on another site must not reach the server through its
    // visitors' browsers (no origins are allowed by default).
    RawWebSocket browser;
    QVERIFY(!browser.open(m_server.port(), 5000, "Origin: https://evil.example\r\n"));
    QVERIFY2(!browser.handshakeResponse().startsWith(u"HTTP/1.1 101"_s), qPrintable(browser.handshakeResponse()));
    RawWebSocket native;
    QVERIFY2(native.open(m_server.port()), qPrintable(native.handshakeResponse()));
}

void TestE2eBadInput::rateLimit()
{
    // A new connection starts with a full burst allowance: its first requests, however quick, are served.
    TestClient quick(u"quick"_s);
    QVERIFY(quick.connectTo(m_server.url()));
    QList<QString> ids{quick.send(Op::Hello)};
    for (int i = 0; i < 300; ++i)
        ids << quick.send(Op::Ping);
    for (const QString &id : std::as_const(ids))
        CL_VERIFY_OK(quick.waitForResponse(id));

    // A flood beyond the burst is answered with rate_limited, and the connection survives it.
    ids.clear();
    for (int i = 0; i < 1500; ++i)
        ids << quick.send(Op::Ping);
    int limited = 0;
    for (const QString &id : std::as_const(ids)) {
        const Response r = quick.waitForResponse(id);
        QVERIFY2(r.ok || codeOf(r) == u"rate_limited", qPrintable(describe(r)));
        limited += r.ok ? 0 : 1;
    }
    QVERIFY(limited > 0);
    QVERIFY(quick.isConnected());
    // Served again once the allowance refills (a few milliseconds per request). Bounded attempts, one at a time: a
    // request inside a waitUntil predicate nests event loops and can outlive the deadline by far.
    bool servedAgain = false;
    for (int attempt = 0; attempt < 50 && !servedAgain; ++attempt) {
        const Response r = quick.request(Op::Ping, {}, std::nullopt, 2000);
        servedAgain = r.ok;
        if (!servedAgain) {
            QVERIFY2(codeOf(r) == u"rate_limited", qPrintable(describe(r)));
            QTest::qWait(100);
        }
    }
    QVERIFY(servedAgain);
}

void TestE2eBadInput::damagedDatabaseFailsOneRequest()
{
    // A read that fails in the database (here: a table dropped behind the server's back) fails that request with
    // "internal"; the daemon keeps serving everything else and still shuts down cleanly.
    TestServer damaged;
    QVERIFY(damaged.start());
    auto c = connectAsAdmin(damaged);
    QVERIFY(c);
    const QJsonObject t = createTicket(*c, {{u"title"_s, u"Links will vanish"_s}});
    QVERIFY(!t.isEmpty());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"damage"_s);
        db.setDatabaseName(damaged.dataDir() + u"/crewline.db"_s);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(u"DROP TABLE links"_s), qPrintable(q.lastError().text()));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"damage"_s);

    CL_COMPARE_ERROR(c->request(Op::TicketGet, {{u"ticketId"_s, t.value(u"id"_s)}}), "internal");
    QVERIFY(c->isConnected());
    CL_VERIFY_OK(c->request(Op::Ping));
    CL_VERIFY_OK(c->request(Op::TicketList));
    CL_VERIFY_OK(c->request(Op::TicketComment, {{u"ticketId"_s, t.value(u"id"_s)}, {u"body"_s, u"still here"_s}}));
    c.reset();
    QVERIFY(damaged.stop());
}

void TestE2eBadInput::serverStillServes()
{
    QVERIFY(m_server.isRunning());
    TestClient fresh(u"fresh"_s);
    QVERIFY(fresh.loginAs(m_server.url(), u"admin"_s, TestServer::adminPassword()));
    CL_VERIFY_OK(fresh.request(Op::Ping));
    const QJsonObject t = createTicket(fresh, {{u"title"_s, u"Still working"_s}});
    QVERIFY(!t.isEmpty());
    QCOMPARE(m_client->undecodableFrames(), 0);
}

QTEST_GUILESS_MAIN(TestE2eBadInput)
#include "tst_e2e_badinput.moc"
