// TLS: the server serves wss:// with the certificate it is given, a client that trusts exactly that certificate
// logs in, one that does not is refused; and the server will not listen on a public address without TLS.

#include "tests/support/scenario.h"

#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;

class TestE2eTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void cleanupTestCase();

    void wssWithSelfSignedCertificate();
    void untrustedCertificateIsRefused();
    void plainClientCannotTalkToTlsServer();
    void refusesPublicAddressWithoutTls();
    void refusesIncompleteOptions();

private:
    // Generates the certificate and starts the TLS server once; false (with a skip reason) when impossible.
    bool ensureServer(QString *skipReason);
    QList<QSslError> expectedErrors() const;

    QTemporaryDir m_certDir;
    QSslCertificate m_cert;
    std::unique_ptr<TestServer> m_server;
};

bool TestE2eTls::ensureServer(QString *skipReason)
{
    if (m_server)
        return true;
    if (!QSslSocket::supportsSsl()) {
        *skipReason = u"Qt has no TLS backend here"_s;
        return false;
    }
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty()) {
        *skipReason = u"the openssl program is not installed"_s;
        return false;
    }
    const QString cert = m_certDir.filePath(u"cert.pem"_s);
    const QString key = m_certDir.filePath(u"key.pem"_s);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(openssl, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-subj"_s, u"/CN=localhost"_s,
                      u"-days"_s, u"1"_s, u"-keyout"_s, key, u"-out"_s, cert});
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        qWarning().noquote() << "openssl failed:" << p.readAll();
        return false;
    }
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(cert);
    if (certs.size() != 1)
        return false;
    m_cert = certs.first();
    m_server = std::make_unique<TestServer>(QStringList{u"--tls-cert"_s, cert, u"--tls-key"_s, key});
    return m_server->start();
}

QList<QSslError> TestE2eTls::expectedErrors() const
{
    // Self-signed, and issued to "localhost" while we connect to 127.0.0.1: exactly these, for exactly this cert.
    return {QSslError(QSslError::SelfSignedCertificate, m_cert), QSslError(QSslError::HostNameMismatch, m_cert)};
}

void TestE2eTls::cleanup()
{
    if (m_server)
        m_server->printOutputIfFailed();
}

void TestE2eTls::cleanupTestCase()
{
    if (m_server)
        QVERIFY(m_server->stop());
}

void TestE2eTls::wssWithSelfSignedCertificate()
{
    QString why;
    if (!ensureServer(&why)) {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        QFAIL("could not start the TLS server");
    }
    QCOMPARE(m_server->url().scheme(), u"wss"_s);
    TestClient c(u"tls"_s);
    c.setExpectedSslErrors(expectedErrors());
    QVERIFY(c.loginAs(m_server->url(), u"admin"_s, TestServer::adminPassword()));
    QCOMPARE(c.socket().sslConfiguration().peerCertificate(), m_cert);
    const QSsl::SslProtocol protocol = c.socket().sslConfiguration().sessionProtocol();
    QVERIFY2(protocol == QSsl::TlsV1_2 || protocol == QSsl::TlsV1_3, "TLS 1.2 or later");
    CL_VERIFY_OK(c.request(Op::Ping));
    const QJsonObject t = createTicket(c, {{u"title"_s, u"Over TLS"_s}});
    QVERIFY(!t.isEmpty());
    CL_VERIFY_OK(c.request(Op::Subscribe));
    CL_VERIFY_OK(c.request(Op::TicketComment, {{u"ticketId"_s, t.value(u"id"_s)}, {u"body"_s, u"加密的评论"_s}}));
    QVERIFY(c.waitForEvent([](const Event &e) { return e.type == u"comment.added"; }));
}

void TestE2eTls::untrustedCertificateIsRefused()
{
    QString why;
    if (!ensureServer(&why)) {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        QFAIL("could not start the TLS server");
    }
    TestClient c(u"careful"_s);
    QVERIFY(!c.connectTo(m_server->url(), 10000));
    bool selfSigned = false;
    for (const QSslError &e : c.sslErrors())
        selfSigned = selfSigned || e.error() == QSslError::SelfSignedCertificate;
    QVERIFY2(selfSigned, qPrintable(c.errorString()));

    // Ignoring only the host name mismatch is not enough either.
    TestClient partial(u"partial"_s);
    partial.setExpectedSslErrors({QSslError(QSslError::HostNameMismatch, m_cert)});
    QVERIFY(!partial.connectTo(m_server->url(), 10000));
}

void TestE2eTls::plainClientCannotTalkToTlsServer()
{
    QString why;
    if (!ensureServer(&why)) {
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        QFAIL("could not start the TLS server");
    }
    QUrl plain = m_server->url();
    plain.setScheme(u"ws"_s);
    TestClient c(u"plain"_s);
    QVERIFY(!c.connectTo(plain, 10000));
    // The server is unharmed.
    TestClient ok(u"after"_s);
    ok.setExpectedSslErrors(expectedErrors());
    QVERIFY(ok.loginAs(m_server->url(), u"admin"_s, TestServer::adminPassword()));
}

void TestE2eTls::refusesPublicAddressWithoutTls()
{
    const QString dataDir = m_certDir.filePath(u"refused"_s);
    const TestServer::RunResult r =
        TestServer::runOnce({u"--listen"_s, u"0.0.0.0"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir});
    QVERIFY(r.finished);
    QVERIFY2(r.exitCode != 0, qPrintable(r.output));
    QVERIFY2(r.output.contains(u"refusing to listen on 0.0.0.0 without TLS"_s), qPrintable(r.output));
    QVERIFY2(r.output.contains(u"--tls-cert"_s) && r.output.contains(u"--insecure"_s), qPrintable(r.output));
    QVERIFY(!QFile::exists(dataDir + u"/crewline.db"_s)); // refused before touching anything
}

void TestE2eTls::refusesIncompleteOptions()
{
    const QString dataDir = m_certDir.filePath(u"refused"_s);
    const TestServer::RunResult half =
        TestServer::runOnce({u"--tls-cert"_s, u"/nonexistent.pem"_s, u"--port"_s, u"0"_s, u"--data-dir"_s, dataDir});
    QVERIFY(half.finished);
    QVERIFY(half.exitCode != 0);
    QVERIFY2(half.output.contains(u"--tls-key"_s), qPrintable(half.output));

    const TestServer::RunResult badPort = TestServer::runOnce({u"--port"_s, u"70000"_s, u"--data-dir"_s, dataDir});
    QVERIFY(badPort.finished);
    QVERIFY2(badPort.exitCode != 0, qPrintable(badPort.output));

    const TestServer::RunResult version = TestServer::runOnce({u"--version"_s});
    QVERIFY(version.finished);
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(QRegularExpression(u"^crewline-server \\d+\\.\\d+\\.\\d+"_s).match(version.output).hasMatch(),
             qPrintable(version.output));
}

QTEST_GUILESS_MAIN(TestE2eTls)
#include "tst_e2e_tls.moc"
