// The customer's confirmation page in a real browser: Debian's headless Chromium, driven over WebDriver (the
// chromedriver HTTP API on 127.0.0.1) from this test. The customer opens the link from a printed work order (in
// Chinese, as the phone asks), switches to English and back, answers "unresolved" with a rating and a comment,
// and the ticket changes on the server, pushed live to a supervisor's connection; the same link again, or an
// altered one, shows a clear refusal page. Skips (with the reason) only when chromium or chromedriver is missing.

#include "tests/support/httpclient.h"
#include "tests/support/scenario.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

// The W3C WebDriver web element identifier key.
const QString kElementKey = u"element-6066-11e4-a52e-4f735466cecf"_s;

QJsonObject ticketOf(const Response &r)
{
    return r.result.value(u"ticket"_s).toObject();
}

// A minimal W3C WebDriver client over HTTP.
class WebDriver
{
public:
    explicit WebDriver(QUrl base)
        : m_base(std::move(base))
    {
    }

    HttpResult call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QUrl url = m_base;
        url.setPath(path);
        const QByteArray payload =
            method == "GET" || method == "DELETE" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
        return httpRequest(method, url, payload, {{"Content-Type", "application/json"}}, 60000);
    }

    bool ready()
    {
        const HttpResult r = call("GET", u"/status"_s);
        return r.status == 200 && r.json().value(u"value"_s).toObject().value(u"ready"_s).toBool();
    }

    QString startSession(const QStringList &args, const QString &languages)
    {
        const QJsonObject options{{u"binary"_s, u"/usr/bin/chromium"_s},
                                  {u"args"_s, QJsonArray::fromStringList(args)},
                                  {u"prefs"_s, QJsonObject{{u"intl.accept_languages"_s, languages}}}};
        const HttpResult r = call(
            "POST", u"/session"_s,
            {{u"capabilities"_s, QJsonObject{{u"alwaysMatch"_s, QJsonObject{{u"browserName"_s, u"chrome"_s},
                                                                            {u"goog:chromeOptions"_s, options}}}}}});
        m_session = r.json().value(u"value"_s).toObject().value(u"sessionId"_s).toString();
        if (m_session.isEmpty())
            qWarning().noquote() << "WebDriver session failed:" << r.status << r.text() << r.error;
        return m_session;
    }

    void endSession()
    {
        if (!m_session.isEmpty())
            call("DELETE", u"/session/"_s + m_session);
        m_session.clear();
    }

    bool go(const QUrl &url) { return call("POST", s(u"/url"_s), {{u"url"_s, url.toString()}}).status == 200; }

    QString element(const QString &css)
    {
        const HttpResult r = call("POST", s(u"/element"_s), {{u"using"_s, u"css selector"_s}, {u"value"_s, css}});
        return r.status == 200 ? r.json().value(u"value"_s).toObject().value(kElementKey).toString() : QString();
    }

    QString text(const QString &css)
    {
        const QString e = element(css);
        return e.isEmpty() ? QString()
                           : call("GET", s(u"/element/%1/text"_s.arg(e))).json().value(u"value"_s).toString();
    }

    QString attribute(const QString &css, const QString &name)
    {
        const QString e = element(css);
        return e.isEmpty()
                   ? QString()
                   : call("GET", s(u"/element/%1/attribute/%2"_s.arg(e, name))).json().value(u"value"_s).toString();
    }

    bool click(const QString &css)
    {
        const QString e = element(css);
        return !e.isEmpty() && call("POST", s(u"/element/%1/click"_s.arg(e))).status == 200;
    }

    bool type(const QString &css, const QString &value)
    {
        const QString e = element(css);
        return !e.isEmpty() && call("POST", s(u"/element/%1/value"_s.arg(e)), {{u"text"_s, value}}).status == 200;
    }

    QByteArray screenshot()
    {
        return QByteArray::fromBase64(call("GET", s(u"/screenshot"_s)).json().value(u"value"_s).toString().toLatin1());
    }

    // The page's state marker (main#page[data-state]) once it equals want, polling up to timeoutMs.
    bool waitForState(const QString &want, int timeoutMs = 20000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            if (attribute(u"#page"_s, u"data-state"_s) == want)
                return true;
            QTest::qWait(50);
        }
        qWarning().noquote() << "page state is" << attribute(u"#page"_s, u"data-state"_s) << "not" << want;
        return false;
    }

private:
    QString s(const QString &path) const { return u"/session/"_s + m_session + path; }

    QUrl m_base;
    QString m_session;
};

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

class TestConfirmationBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();
    void customerAnswersInChromium();

private:
    TestServer m_server;
    QProcess m_driverProcess;
    std::unique_ptr<WebDriver> m_driver;
    std::unique_ptr<TestClient> m_admin, m_disp, m_sup, m_eng, m_req;
    Cast m_cast;
    QTemporaryDir m_profile;
};

void TestConfirmationBrowser::initTestCase()
{
    if (!QFile::exists(u"/usr/bin/chromium"_s))
        QSKIP("Debian's chromium is not installed (/usr/bin/chromium): scripts/deps.sh installs it");
    const QString driver = QStandardPaths::findExecutable(u"chromedriver"_s);
    if (driver.isEmpty())
        QSKIP("chromedriver is not installed (Debian package chromium-driver): scripts/deps.sh installs it");

    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
    m_disp = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password);
    m_sup = connectAs(m_server, m_cast.supervisor.username, m_cast.supervisor.password);
    m_eng = connectAs(m_server, m_cast.engineer.username, m_cast.engineer.password);
    m_req = connectAs(m_server, m_cast.requester.username, m_cast.requester.password);
    QVERIFY(m_disp && m_sup && m_eng && m_req);
    CL_VERIFY_OK(m_sup->request(Op::Subscribe));

    // chromedriver on a free loopback port; a port taken in between makes it exit, and we try another.
    for (int attempt = 0; attempt < 3 && !m_driver; ++attempt) {
        const quint16 port = freePort();
        QVERIFY(port != 0);
        m_driverProcess.setProcessChannelMode(QProcess::MergedChannels);
        m_driverProcess.start(driver, {u"--port=%1"_s.arg(port), u"--allowed-ips=127.0.0.1"_s});
        QVERIFY2(m_driverProcess.waitForStarted(10000), qPrintable(m_driverProcess.errorString()));
        QUrl base;
        base.setScheme(u"http"_s);
        base.setHost(u"127.0.0.1"_s);
        base.setPort(port);
        auto candidate = std::make_unique<WebDriver>(base);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 15000 && m_driverProcess.state() == QProcess::Running && !candidate->ready())
            QTest::qWait(50);
        if (m_driverProcess.state() == QProcess::Running && candidate->ready())
            m_driver = std::move(candidate);
        else if (m_driverProcess.state() == QProcess::Running)
            m_driverProcess.kill(), m_driverProcess.waitForFinished(5000);
    }
    QVERIFY2(m_driver, m_driverProcess.readAll().constData());
    QVERIFY(m_profile.isValid());
    // A phone-sized window; the customer's phone asks for Chinese.
    const QString session = m_driver->startSession({u"--headless=new"_s, u"--no-sandbox"_s, u"--disable-gpu"_s,
                                                    u"--disable-dev-shm-usage"_s, u"--window-size=412,1000"_s,
                                                    u"--lang=zh-CN"_s, u"--user-data-dir="_s + m_profile.path()},
                                                   u"zh-CN,zh"_s);
    QVERIFY2(!session.isEmpty(), "chromium did not start through chromedriver");
}

void TestConfirmationBrowser::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestConfirmationBrowser::cleanupTestCase()
{
    if (m_driver)
        m_driver->endSession();
    if (m_driverProcess.state() != QProcess::NotRunning) {
        m_driverProcess.terminate();
        if (!m_driverProcess.waitForFinished(5000)) {
            m_driverProcess.kill();
            m_driverProcess.waitForFinished(5000);
        }
    }
    m_admin.reset();
    m_disp.reset();
    m_sup.reset();
    m_eng.reset();
    m_req.reset();
    if (m_server.isRunning())
        QVERIFY(m_server.stop());
}

void TestConfirmationBrowser::customerAnswersInChromium()
{
    // A completed repair with a printed work order.
    QJsonObject t = createTicket(
        *m_req, {{u"title"_s, u"楼道水管漏水"_s}, {u"type"_s, u"repair"_s}, {u"address"_s, u"西湖区文三路 100 号"_s}});
    QVERIFY(!t.isEmpty());
    Response r = m_disp->request(Op::TicketAssign, {{u"ticketId"_s, t.value(u"id"_s)},
                                                    {u"version"_s, t.value(u"version"_s)},
                                                    {u"assigneeId"_s, m_cast.engineer.id}});
    CL_VERIFY_OK(r);
    r = m_eng->request(Op::TicketAccept,
                       {{u"ticketId"_s, t.value(u"id"_s)}, {u"version"_s, ticketOf(r).value(u"version"_s)}});
    CL_VERIFY_OK(r);
    r = m_eng->request(Op::TicketTransition, {{u"ticketId"_s, t.value(u"id"_s)},
                                              {u"version"_s, ticketOf(r).value(u"version"_s)},
                                              {u"transition"_s, u"complete"_s},
                                              {u"fields"_s, QJsonObject{{u"resolution"_s, u"更换阀门"_s}}}});
    CL_VERIFY_OK(r);
    t = ticketOf(r);
    const Response printed =
        m_disp->request(Op::TicketPrint, {{u"ticketId"_s, t.value(u"id"_s)}, {u"version"_s, t.value(u"version"_s)}});
    CL_VERIFY_OK(printed);
    const QUrl link(printed.result.value(u"confirmUrl"_s).toString());
    QCOMPARE(link.port(), int(m_server.httpPort()));

    // Opened on the phone: Chinese, with the ticket's number, status and summary.
    QVERIFY(m_driver->go(link));
    QVERIFY(m_driver->waitForState(u"form"_s));
    QCOMPARE(m_driver->attribute(u"html"_s, u"lang"_s), u"zh-CN"_s);
    QCOMPARE(m_driver->text(u"#ticket-number"_s), t.value(u"number"_s).toString());
    QCOMPARE(m_driver->text(u"#ticket-title"_s), u"楼道水管漏水"_s);
    QCOMPARE(m_driver->text(u"#ticket-status"_s), u"已完工"_s);
    QVERIFY(m_driver->text(u"label[for=comment]"_s).contains(u"意见"_s));
    const QString shots = qEnvironmentVariable("CREWLINE_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QFile f(QDir(shots).filePath(u"confirmation-page-zh_CN.png"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_driver->screenshot());
    }

    // The language switch, and back.
    QVERIFY(m_driver->click(u"nav a[lang=en]"_s));
    QVERIFY(m_driver->waitForState(u"form"_s));
    QCOMPARE(m_driver->attribute(u"html"_s, u"lang"_s), u"en"_s);
    QCOMPARE(m_driver->text(u"#ticket-status"_s), u"Completed"_s);
    QVERIFY(m_driver->text(u"#answer"_s).contains(u"Is the problem solved?"_s));
    if (!shots.isEmpty()) {
        QFile f(QDir(shots).filePath(u"confirmation-page-en.png"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_driver->screenshot());
    }
    QVERIFY(m_driver->click(u"nav a[lang=zh-CN]"_s));
    QVERIFY(m_driver->waitForState(u"form"_s));

    // Sending without a choice: the browser itself asks for one (the radios are required), nothing is sent.
    QVERIFY(m_driver->click(u"#send"_s));
    QCOMPARE(m_driver->attribute(u"#page"_s, u"data-state"_s), u"form"_s);

    // The answer: unresolved, 2 of 5, a comment.
    m_sup->clearEvents();
    QVERIFY(m_driver->click(u"#result-unresolved"_s));
    QVERIFY(m_driver->click(u"#rating-2"_s));
    QVERIFY(m_driver->type(u"#comment"_s, u"还在漏水，地面很湿"_s));
    QVERIFY(m_driver->click(u"#send"_s));
    QVERIFY(m_driver->waitForState(u"done"_s));
    QVERIFY(m_driver->text(u"#page"_s).contains(u"主管"_s));

    // The ticket changed on the server, and a supervisor's console heard it at once.
    const auto e = m_sup->waitForEvent([&](const Event &ev) {
        return ev.ticketId.value() == t.value(u"id"_s).toInteger() &&
               ev.data.value(u"action"_s).toString() == u"customer_confirmation";
    });
    QVERIFY(e);
    QVERIFY(e->data.value(u"notify"_s).toArray().contains(m_cast.supervisor.id));
    const QJsonObject now = getTicket(*m_disp, t.value(u"id"_s).toInteger()).value(u"ticket"_s).toObject();
    const QJsonObject answer = now.value(u"fields"_s).toObject().value(u"customerConfirmation"_s).toObject();
    QCOMPARE(answer.value(u"result"_s).toString(), u"unresolved"_s);
    QCOMPARE(answer.value(u"rating"_s).toInt(), 2);
    QCOMPARE(answer.value(u"comment"_s).toString(), u"还在漏水，地面很湿"_s);
    QCOMPARE(now.value(u"status"_s).toString(), u"reviewed"_s);
    QVERIFY(now.value(u"fields"_s).toObject().value(u"escalated"_s).toBool());

    // The same link again: a clear "already answered" page.
    QVERIFY(m_driver->go(link));
    QVERIFY(m_driver->waitForState(u"used"_s));
    QVERIFY(m_driver->text(u"h1"_s).contains(u"已经确认过了"_s));
    // An altered link: "not valid", and nothing of the ticket shows.
    QUrl altered = link;
    QString path = link.path();
    path[path.size() - 5] = path.at(path.size() - 5) == u'x' ? u'y' : u'x';
    altered.setPath(path);
    QVERIFY(m_driver->go(altered));
    QVERIFY(m_driver->waitForState(u"invalid"_s));
    QVERIFY(m_driver->text(u"h1"_s).contains(u"链接无效"_s));
    QVERIFY(!m_driver->text(u"#page"_s).contains(t.value(u"number"_s).toString()));
}

QTEST_GUILESS_MAIN(TestConfirmationBrowser)
#include "tst_confirmation_browser.moc"
