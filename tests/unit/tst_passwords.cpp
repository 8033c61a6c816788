// Secrets and names from outside: password hashing and session tokens (server/services/passwords.h), and the file
// names and hashes the attachment store accepts (server/storage/attachmentstore.h).

#include "server/services/passwords.h"
#include "server/storage/attachmentstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace crewline::server;
using namespace Qt::StringLiterals;

namespace {

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

class TestPasswords : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void hashAndVerify();
    void chinesePassword();
    void sameSaltNeverTwice();
    void verifyRejectsGarbage_data();
    void verifyRejectsGarbage();
    void tokensAreUniqueAndUrlSafe();
    void tokenHashIsStableHex();
    void randomIds();
    void constantTimeEquals();

    void sanitizeFileName_data();
    void sanitizeFileName();
    void sanitizeLongNames();
    void isSha256Hex_data();
    void isSha256Hex();
    void attachmentBlobs();
};

void TestPasswords::initTestCase()
{
    QVERIFY(passwords::initialize());
    QVERIFY(passwords::initialize()); // safe to call again
}

void TestPasswords::hashAndVerify()
{
    const QString stored = passwords::hash(u"correct horse battery staple"_s);
    QVERIFY(stored.startsWith(u"$argon2id$"_s));
    QVERIFY(!stored.contains(u"correct"_s));
    QVERIFY(passwords::verify(stored, u"correct horse battery staple"_s));
    QVERIFY(!passwords::verify(stored, u"correct horse battery stapl"_s));
    QVERIFY(!passwords::verify(stored, u"Correct horse battery staple"_s));
    QVERIFY(!passwords::verify(stored, u""_s));

    const QString empty = passwords::hash(u""_s); // the service refuses empty passwords; hashing still works
    QVERIFY(passwords::verify(empty, u""_s));
    QVERIFY(!passwords::verify(empty, u" "_s));
}

void TestPasswords::chinesePassword()
{
    const QString password = u"我的密码是长城2026！"_s;
    const QString stored = passwords::hash(password);
    QVERIFY(passwords::verify(stored, password));
    QVERIFY(!passwords::verify(stored, u"我的密码是长城2026!"_s)); // ASCII "!" is another character
    QVERIFY(!passwords::verify(stored, u"我的密码是长城"_s));
    // Stored hashes are plain ASCII: safe in any database column.
    for (const QChar c : stored)
        QVERIFY(c.unicode() < 0x80);
}

void TestPasswords::sameSaltNeverTwice()
{
    const QString a = passwords::hash(u"secret"_s);
    const QString b = passwords::hash(u"secret"_s);
    QVERIFY(a != b);
    QVERIFY(passwords::verify(a, u"secret"_s));
    QVERIFY(passwords::verify(b, u"secret"_s));
}

void TestPasswords::verifyRejectsGarbage_data()
{
    QTest::addColumn<QString>("stored");
    const QString good = passwords::hash(u"secret"_s);
    QTest::newRow("empty") << QString();
    QTest::newRow("plain text") << u"secret"_s;
    QTest::newRow("sha256 of the password") << sha256Hex("secret");
    QTest::newRow("truncated") << good.left(good.size() - 5);
    QTest::newRow("broken parameters") << u"$argon2id$v=19$m=65536,t=2,p=1$broken"_s;
    QTest::newRow("other algorithm") << u"$2b$12$KIXQJfl3bZ4xMZ3sJxC7XOzq4gkPZ0LwqFNxiKlsgYfZb7w2d3e9a"_s;
    QTest::newRow("overlong") << good + QString(200, u'A');
    QTest::newRow("not Latin-1") << u"$argon2id$密码"_s;
    QTest::newRow("embedded NUL") << good.left(20) + QChar(0) + good.mid(21);
}

void TestPasswords::verifyRejectsGarbage()
{
    QFETCH(QString, stored);
    QVERIFY(!passwords::verify(stored, u"secret"_s));
}

void TestPasswords::tokensAreUniqueAndUrlSafe()
{
    static const QRegularExpression urlSafe(QRegularExpression::anchoredPattern(u"[A-Za-z0-9_-]{43}"_s));
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString token = passwords::newToken();
        QVERIFY2(urlSafe.match(token).hasMatch(), qPrintable(token)); // 32 bytes, base64url, no padding
        QVERIFY(!seen.contains(token));
        seen.insert(token);
    }
}

void TestPasswords::tokenHashIsStableHex()
{
    QCOMPARE(passwords::tokenHash(u"abc"_s), u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s);
    const QString token = passwords::newToken();
    const QString h = passwords::tokenHash(token);
    QCOMPARE(passwords::tokenHash(token), h);
    QVERIFY(AttachmentStore::isSha256Hex(h)); // 64 lowercase hex digits
    QVERIFY(!h.contains(token));
    QVERIFY(passwords::tokenHash(passwords::newToken()) != h);
    QCOMPARE(passwords::tokenHash(u"令牌"_s), sha256Hex(u"令牌"_s.toUtf8()));
}

void TestPasswords::randomIds()
{
    static const QRegularExpression hex(QRegularExpression::anchoredPattern(u"[0-9a-f]{32}"_s));
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString id = passwords::randomId();
        QVERIFY2(hex.match(id).hasMatch(), qPrintable(id));
        QVERIFY(!seen.contains(id));
        seen.insert(id);
    }
}

void TestPasswords::constantTimeEquals()
{
    QVERIFY(passwords::constantTimeEquals("abc", "abc"));
    QVERIFY(passwords::constantTimeEquals({}, {}));
    QVERIFY(!passwords::constantTimeEquals("abc", "abd"));
    QVERIFY(!passwords::constantTimeEquals("abc", "abcd"));
    QVERIFY(!passwords::constantTimeEquals("abc", {}));
}

// --- attachment names and hashes -----------------------------------------------------------------------------------

void TestPasswords::sanitizeFileName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ordinary") << u"report.pdf"_s << u"report.pdf"_s;
    QTest::newRow("Chinese") << u"现场照片 (1).jpg"_s << u"现场照片 (1).jpg"_s;
    QTest::newRow("unix traversal") << u"../../etc/passwd"_s << u"passwd"_s;
    QTest::newRow("absolute unix") << u"/etc/shadow"_s << u"shadow"_s;
    QTest::newRow("windows path") << u"C:\\x\\y.txt"_s << u"y.txt"_s;
    QTest::newRow("windows traversal") << u"..\\..\\boot.ini"_s << u"boot.ini"_s;
    QTest::newRow("drive only") << u"C:y.txt"_s << u"C_y.txt"_s;
    QTest::newRow("control characters") << u"a\x01"
                                           "b\nc\td\x7f.txt"_s
                                        << u"a_b_c_d_.txt"_s;
    QTest::newRow("NUL") << QString(u"evil"_s + QChar(0) + u".exe"_s) << u"evil_.exe"_s;
    QTest::newRow("reserved characters") << u"a:b*c?d\"e<f>g|h.txt"_s << u"a_b_c_d_e_f_g_h.txt"_s;
    QTest::newRow("leading dot") << u".bashrc"_s << u"bashrc"_s;
    QTest::newRow("leading dots") << u"...hidden.txt"_s << u"hidden.txt"_s;
    QTest::newRow("dot then blank") << u". profile"_s << u"profile"_s;
    QTest::newRow("surrounding blanks") << u"  notes.txt  "_s << u"notes.txt"_s;
    QTest::newRow("empty") << QString() << u"attachment"_s;
    QTest::newRow("blank") << u"   "_s << u"attachment"_s;
    QTest::newRow("dot dot") << u".."_s << u"attachment"_s;
    QTest::newRow("folder only") << u"some/folder/"_s << u"attachment"_s;
}

void TestPasswords::sanitizeFileName()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(AttachmentStore::sanitizeFileName(name), expected);
}

void TestPasswords::sanitizeLongNames()
{
    // At most 255 characters, the extension kept so the file still opens with the right program.
    const QString longPdf = QString(300, u'a') + u".pdf"_s;
    const QString a = AttachmentStore::sanitizeFileName(longPdf);
    QCOMPARE(a.size(), 255);
    QVERIFY(a.endsWith(u".pdf"_s));
    QVERIFY(a.startsWith(u"aaaa"_s));

    const QString exactly = QString(251, u'b') + u".txt"_s;
    QCOMPARE(AttachmentStore::sanitizeFileName(exactly), exactly);

    const QString noExtension = QString(400, u'水');
    QCOMPARE(AttachmentStore::sanitizeFileName(noExtension), QString(255, u'水'));

    // A "dot" far from the end is not an extension.
    const QString dotted = u"x."_s + QString(300, u'y');
    QCOMPARE(AttachmentStore::sanitizeFileName(dotted).size(), 255);

    // Emoji are two UTF-16 units: the cut never leaves half of one behind.
    QString emoji = QString(250, u'c');
    for (int i = 0; i < 10; ++i)
        emoji += u"😀"_s;
    const QString e = AttachmentStore::sanitizeFileName(emoji + u".png"_s);
    QVERIFY(e.size() <= 255);
    QVERIFY(e.isValidUtf16());
    QVERIFY(e.endsWith(u".png"_s));
    const QString e2 = AttachmentStore::sanitizeFileName(emoji);
    QVERIFY(e2.size() <= 255);
    QVERIFY(e2.isValidUtf16());
}

void TestPasswords::isSha256Hex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    const QString good = sha256Hex("hello");
    QTest::newRow("sha256") << good << true;
    QTest::newRow("uppercase") << good.toUpper() << false;
    QTest::newRow("63 digits") << good.left(63) << false;
    QTest::newRow("65 digits") << good + u'0' << false;
    QTest::newRow("not hex") << QString(64, u'g') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("trailing newline") << good + u'\n' << false;
    QTest::newRow("leading blank") << u' ' + good.left(63) << false;
    QTest::newRow("traversal") << u"../"_s + good.left(61) << false;
}

void TestPasswords::isSha256Hex()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(AttachmentStore::isSha256Hex(text), valid);
}

void TestPasswords::attachmentBlobs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AttachmentStore store(dir.path());
    QString error;
    QVERIFY2(store.initialize(&error), qPrintable(error));

    // A leftover partial upload from a crash is removed at start-up.
    QVERIFY(writeFile(store.partPath(u"stale"_s), "half"));
    QVERIFY(store.initialize(&error));
    QVERIFY(!QFile::exists(store.partPath(u"stale"_s)));

    const QByteArray content = "照片的字节\x00\x01\x02"_ba;
    const QString sha = sha256Hex(content);
    QVERIFY(store.blobPath(sha).startsWith(dir.path() + u"/attachments/"_s + sha.left(2) + u'/'));
    QVERIFY(!store.hasBlob(sha));
    QVERIFY(!store.verifyBlob(sha));

    QVERIFY(writeFile(store.partPath(u"up1"_s), content));
    QVERIFY2(store.commitPart(u"up1"_s, sha, &error), qPrintable(error));
    QVERIFY(store.hasBlob(sha));
    QVERIFY(store.verifyBlob(sha));
    QVERIFY(!QFile::exists(store.partPath(u"up1"_s)));

    // The same content again: the part is dropped, the stored copy kept.
    QVERIFY(writeFile(store.partPath(u"up2"_s), content));
    QVERIFY(store.commitPart(u"up2"_s, sha, &error));
    QVERIFY(!QFile::exists(store.partPath(u"up2"_s)));
    QVERIFY(store.verifyBlob(sha));

    // A corrupted stored copy is detected and replaced by a verified upload.
    QVERIFY(writeFile(store.blobPath(sha), "corrupt"));
    QVERIFY(!store.verifyBlob(sha));
    QVERIFY(writeFile(store.partPath(u"up3"_s), content));
    QVERIFY(store.commitPart(u"up3"_s, sha, &error));
    QVERIFY(store.verifyBlob(sha));

    // A missing part is an error, not a crash.
    QVERIFY(!store.commitPart(u"never-uploaded"_s, sha256Hex("other"), &error));
    QVERIFY(!error.isEmpty());

    QVERIFY(writeFile(store.partPath(u"up4"_s), "x"));
    store.discardPart(u"up4"_s);
    QVERIFY(!QFile::exists(store.partPath(u"up4"_s)));
}

QTEST_GUILESS_MAIN(TestPasswords)
#include "tst_passwords.moc"
