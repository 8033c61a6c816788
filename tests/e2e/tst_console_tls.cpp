// Certificate pinning in the console's connection, against the real server over wss://: an unknown self-signed
// certificate is reported with its fingerprint and nothing is sent until the user trusts it; once pinned, the
// connection logs in; a server presenting another certificate for a pinned address is refused loudly.

#include "client/core/connection.h"
#include "tests/support/testserver.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using crewline::test::TestServer;

namespace {
constexpr int kWait = 20000;

class MemoryTrust final : public TrustStore
{
public:
    QByteArray pinned(const QString &hostPort) const override { return m_pins.value(hostPort); }
    void pin(const QString &hostPort, const QByteArray &sha) override { m_pins.insert(hostPort, sha); }

private:
    QHash<QString, QByteArray> m_pins;
};

// A fresh self-signed certificate; returns its SHA-256 fingerprint (hex) or empty on failure.
QByteArray makeCertificate(const QString &dir, const QString &name)
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty())
        return {};
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(openssl,
            {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-subj"_s, u"/CN=localhost"_s, u"-days"_s,
             u"1"_s, u"-keyout"_s, dir + u'/' + name + u".key"_s, u"-out"_s, dir + u'/' + name + u".pem"_s});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(dir + u'/' + name + u".pem"_s);
    return certs.size() == 1 ? certs.first().digest(QCryptographicHash::Sha256).toHex() : QByteArray();
}
} // namespace

class TestConsoleTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownCertificateIsAskedThenPinned();
    void changedCertificateIsRefused();

private:
    QTemporaryDir m_certs;
    QByteArray m_first, m_second;
};

void TestConsoleTls::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend here");
    QVERIFY(m_certs.isValid());
    m_first = makeCertificate(m_certs.path(), u"first"_s);
    m_second = makeCertificate(m_certs.path(), u"second"_s);
    if (m_first.isEmpty() || m_second.isEmpty())
        QSKIP("the openssl program is not available to make test certificates");
    QVERIFY(m_first != m_second);
}

void TestConsoleTls::unknownCertificateIsAskedThenPinned()
{
    TestServer server(
        {u"--tls-cert"_s, m_certs.filePath(u"first.pem"_s), u"--tls-key"_s, m_certs.filePath(u"first.key"_s)});
    QVERIFY(server.start());
    MemoryTrust trust;
    Connection connection(trust);
    QSignalSpy untrusted(&connection, &Connection::certificateUntrusted);
    QSignalSpy loggedIn(&connection, &Connection::loggedIn);
    QUrl url = server.url();
    url.setScheme(u"wss"_s);
    connection.open(url, u"admin"_s, TestServer::adminPassword());
    QTRY_COMPARE_WITH_TIMEOUT(untrusted.count(), 1, kWait);
    QCOMPARE(untrusted.at(0).at(1).toByteArray(), m_first);
    QCOMPARE(loggedIn.count(), 0);
    QVERIFY(connection.state() != Connection::State::Online);

    connection.trustCertificate(untrusted.at(0).at(1).toByteArray());
    QTRY_COMPARE_WITH_TIMEOUT(loggedIn.count(), 1, kWait);
    QTRY_VERIFY_WITH_TIMEOUT(connection.isOnline(), kWait);
    QCOMPARE(trust.pinned(untrusted.at(0).at(0).toString()), m_first);
    connection.close();
    QVERIFY(server.stop());
}

void TestConsoleTls::changedCertificateIsRefused()
{
    TestServer server(
        {u"--tls-cert"_s, m_certs.filePath(u"second.pem"_s), u"--tls-key"_s, m_certs.filePath(u"second.key"_s)});
    QVERIFY(server.start());
    MemoryTrust trust;
    // This address was trusted before with the first certificate.
    trust.pin(u"127.0.0.1:%1"_s.arg(server.port()), m_first);
    Connection connection(trust);
    connection.setReconnectDelays(50, 100);
    QSignalSpy changed(&connection, &Connection::certificateChanged);
    QSignalSpy loggedIn(&connection, &Connection::loggedIn);
    QUrl url = server.url();
    url.setScheme(u"wss"_s);
    connection.open(url, u"admin"_s, TestServer::adminPassword());
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, kWait);
    QCOMPARE(changed.at(0).at(1).toByteArray(), m_first);
    QCOMPARE(changed.at(0).at(2).toByteArray(), m_second);
    // No retry against a changed certificate.
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), Connection::State::Offline, kWait);
    QTest::qWait(300); // would be long enough for several reconnect attempts at 50 ms
    QCOMPARE(changed.count(), 1);
    QCOMPARE(loggedIn.count(), 0);
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(TestConsoleTls)
#include "tst_console_tls.moc"
