// Attachments end to end: chunked upload verified by SHA-256, chunked download verified again, and every way an
// upload can go wrong (wrong hash, missing bytes, too large, hostile file name, the connection dropping midway)
// leaves nothing attached and no partial file behind.

#include "tests/support/scenario.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::test;
using protocol::Op;
using protocol::Response;

namespace {

QByteArray sampleBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator rng(seed);
    for (char &c : bytes)
        c = static_cast<char>(rng.bounded(256));
    return bytes;
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QStringList partFiles(const QString &dataDir)
{
    return QDir(dataDir + u"/uploads"_s).entryList({u"*.part"_s}, QDir::Files);
}

} // namespace

class TestE2eAttachments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void uploadAndDownloadInChunks();
    void sameContentStoredOnce();
    void wrongHashAttachesNothing();
    void finishBeforeAllBytes();
    void chunksMustBeInOrder();
    void tooLarge();
    void pathTraversalName();
    void droppedConnectionLeavesNothing();
    void finishRetriedAfterReconnect();
    void onlyThoseWhoSeeTheTicket();

private:
    // begin + chunks (of chunkSize raw bytes) + finish. Returns the finish reply (or the first failure).
    Response upload(TestClient &client, qint64 ticketId, const QString &name, const QByteArray &bytes,
                    const QString &announcedSha = QString(), qint64 announcedSize = -1,
                    qsizetype chunkSize = 512 * 1024);
    int attachmentCount(qint64 ticketId);

    TestServer m_server;
    std::unique_ptr<TestClient> m_admin, m_disp, m_req;
    Cast m_cast;
    qint64 m_ticket = 0;
};

void TestE2eAttachments::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = connectAsAdmin(m_server);
    QVERIFY(m_admin);
    m_cast = createCast(*m_admin);
    QVERIFY(m_cast.ok);
    m_disp = connectAs(m_server, m_cast.dispatcher.username, m_cast.dispatcher.password);
    m_req = connectAs(m_server, m_cast.requester.username, m_cast.requester.password);
    QVERIFY(m_disp && m_req);
    const QJsonObject t = createTicket(*m_req, {{u"title"_s, u"Water stain on the ceiling"_s}});
    QVERIFY(!t.isEmpty());
    m_ticket = t.value(u"id"_s).toInteger();
}

void TestE2eAttachments::cleanup()
{
    m_server.printOutputIfFailed();
}

void TestE2eAttachments::cleanupTestCase()
{
    m_admin.reset();
    m_disp.reset();
    m_req.reset();
    QVERIFY(m_server.stop());
}

Response TestE2eAttachments::upload(TestClient &client, qint64 ticketId, const QString &name, const QByteArray &bytes,
                                    const QString &announcedSha, qint64 announcedSize, qsizetype chunkSize)
{
    const Response begin =
        client.request(Op::AttachmentBegin, {{u"ticketId"_s, ticketId},
                                             {u"fileName"_s, name},
                                             {u"size"_s, announcedSize >= 0 ? announcedSize : bytes.size()},
                                             {u"sha256"_s, announcedSha.isEmpty() ? sha256(bytes) : announcedSha}});
    if (!begin.ok)
        return begin;
    const QString id = begin.result.value(u"uploadId"_s).toString();
    for (qsizetype offset = 0; offset < bytes.size(); offset += chunkSize) {
        const QByteArray chunk = bytes.mid(offset, chunkSize);
        const Response r = client.request(
            Op::AttachmentChunk,
            {{u"uploadId"_s, id}, {u"offset"_s, offset}, {u"data"_s, QString::fromLatin1(chunk.toBase64())}});
        if (!r.ok)
            return r;
        if (r.result.value(u"received"_s).toInteger() != offset + chunk.size())
            return Response::failure(r.id, {protocol::ErrorCode::Internal, u"wrong received count"_s, r.result});
    }
    return client.request(Op::AttachmentFinish, {{u"uploadId"_s, id}});
}

int TestE2eAttachments::attachmentCount(qint64 ticketId)
{
    return static_cast<int>(getTicket(*m_disp, ticketId).value(u"attachments"_s).toArray().size());
}

void TestE2eAttachments::uploadAndDownloadInChunks()
{
    const QByteArray bytes = sampleBytes(1'500'000, 1);
    const Response r = upload(*m_req, m_ticket, u"ceiling photo.jpg"_s, bytes);
    CL_VERIFY_OK(r);
    const QJsonObject a = r.result.value(u"attachment"_s).toObject();
    QCOMPARE(a.value(u"size"_s).toInteger(), bytes.size());
    QCOMPARE(a.value(u"sha256"_s).toString(), sha256(bytes));
    QCOMPARE(a.value(u"fileName"_s).toString(), u"ceiling photo.jpg"_s);
    QCOMPARE(a.value(u"mimeType"_s).toString(), u"image/jpeg"_s);
    QCOMPARE(a.value(u"uploadedBy"_s).toInteger(), m_cast.requester.id);
    const qint64 attachmentId = a.value(u"id"_s).toInteger();

    const QJsonArray listed = getTicket(*m_disp, m_ticket).value(u"attachments"_s).toArray();
    QVERIFY(idsOf(listed).contains(attachmentId));

    // Download in 400 000-byte pieces and check the whole against the hash.
    QByteArray downloaded;
    bool eof = false;
    for (int i = 0; i < 10 && !eof; ++i) {
        const Response d = m_disp->request(
            Op::AttachmentDownload,
            {{u"attachmentId"_s, attachmentId}, {u"offset"_s, downloaded.size()}, {u"length"_s, 400'000}});
        CL_VERIFY_OK(d);
        QCOMPARE(d.result.value(u"offset"_s).toInteger(), downloaded.size());
        downloaded += QByteArray::fromBase64(d.result.value(u"data"_s).toString().toLatin1());
        eof = d.result.value(u"eof"_s).toBool();
    }
    QVERIFY(eof);
    QCOMPARE(downloaded.size(), bytes.size());
    QCOMPARE(sha256(downloaded), sha256(bytes));
    // The stored file is content-addressed under the data folder.
    QVERIFY(QFile::exists(m_server.dataDir() + u"/attachments/"_s + sha256(bytes).left(2) + u'/' + sha256(bytes)));
    QCOMPARE(partFiles(m_server.dataDir()), QStringList());

    CL_COMPARE_ERROR(
        m_disp->request(Op::AttachmentDownload, {{u"attachmentId"_s, attachmentId}, {u"offset"_s, bytes.size() + 1}}),
        "invalid_field");
    CL_COMPARE_ERROR(m_disp->request(Op::AttachmentDownload, {{u"attachmentId"_s, 999999}}), "not_found");
}

void TestE2eAttachments::sameContentStoredOnce()
{
    const QByteArray bytes = sampleBytes(10'000, 2);
    const QJsonObject other = createTicket(*m_disp, {{u"title"_s, u"Same photo, other ticket"_s}});
    CL_VERIFY_OK(upload(*m_disp, m_ticket, u"a.png"_s, bytes));
    CL_VERIFY_OK(upload(*m_disp, other.value(u"id"_s).toInteger(), u"b.png"_s, bytes));
    int copies = 0;
    QDirIterator it(m_server.dataDir() + u"/attachments"_s, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        copies += it.next().endsWith(sha256(bytes)) ? 1 : 0;
    QCOMPARE(copies, 1);
}

void TestE2eAttachments::wrongHashAttachesNothing()
{
    const int before = attachmentCount(m_ticket);
    const QByteArray bytes = sampleBytes(300'000, 3);
    const Response r = upload(*m_req, m_ticket, u"tampered.bin"_s, bytes, sha256("something else"));
    CL_COMPARE_ERROR(r, "hash_mismatch");
    QCOMPARE(r.error.details.value(u"actual"_s).toString(), sha256(bytes));
    QCOMPARE(attachmentCount(m_ticket), before);
    QCOMPARE(partFiles(m_server.dataDir()), QStringList());
    QVERIFY(!QFile::exists(m_server.dataDir() + u"/attachments/"_s + sha256(bytes).left(2) + u'/' + sha256(bytes)));
    // A malformed hash is refused up front.
    CL_COMPARE_ERROR(upload(*m_req, m_ticket, u"x.bin"_s, bytes, u"xyz"_s), "invalid_field");
}

void TestE2eAttachments::finishBeforeAllBytes()
{
    const int before = attachmentCount(m_ticket);
    const QByteArray bytes = sampleBytes(200'000, 4);
    const Response r = upload(*m_req, m_ticket, u"half.bin"_s, bytes.left(100'000), sha256(bytes), bytes.size());
    CL_COMPARE_ERROR(r, "upload_incomplete");
    QCOMPARE(r.error.details.value(u"received"_s).toInteger(), 100'000);
    QCOMPARE(r.error.details.value(u"size"_s).toInteger(), 200'000);
    QCOMPARE(attachmentCount(m_ticket), before);
    QCOMPARE(partFiles(m_server.dataDir()), QStringList());
}

void TestE2eAttachments::chunksMustBeInOrder()
{
    const QByteArray bytes = sampleBytes(1000, 5);
    const Response begin = m_req->request(Op::AttachmentBegin, {{u"ticketId"_s, m_ticket},
                                                                {u"fileName"_s, u"order.bin"_s},
                                                                {u"size"_s, bytes.size()},
                                                                {u"sha256"_s, sha256(bytes)}});
    CL_VERIFY_OK(begin);
    const QString id = begin.result.value(u"uploadId"_s).toString();
    const Response skip = m_req->request(
        Op::AttachmentChunk,
        {{u"uploadId"_s, id}, {u"offset"_s, 500}, {u"data"_s, QString::fromLatin1(bytes.mid(500).toBase64())}});
    CL_COMPARE_ERROR(skip, "invalid_field");
    QCOMPARE(skip.error.details.value(u"expected"_s).toInteger(), 0);
    // Nobody else can write into this upload.
    CL_COMPARE_ERROR(
        m_disp->request(Op::AttachmentChunk,
                        {{u"uploadId"_s, id}, {u"offset"_s, 0}, {u"data"_s, QString::fromLatin1(bytes.toBase64())}}),
        "not_found");
    CL_VERIFY_OK(m_req->request(Op::AttachmentAbort, {{u"uploadId"_s, id}}));
    CL_COMPARE_ERROR(m_req->request(Op::AttachmentAbort, {{u"uploadId"_s, id}}), "not_found");
    QCOMPARE(partFiles(m_server.dataDir()), QStringList());
}

void TestE2eAttachments::tooLarge()
{
    TestServer small({u"--max-attachment-mb"_s, u"1"_s});
    QVERIFY(small.start());
    auto admin = connectAsAdmin(small);
    QVERIFY(admin);
    const QJsonObject t = createTicket(*admin, {{u"title"_s, u"Big video"_s}});
    QVERIFY(!t.isEmpty());
    const Response hello = admin->hello();
    QCOMPARE(hello.result.value(u"limits"_s).toObject().value(u"maxAttachmentBytes"_s).toInteger(), 1024 * 1024);

    const QByteArray bytes = sampleBytes(1024 * 1024 + 1, 6);
    const Response r = upload(*admin, t.value(u"id"_s).toInteger(), u"video.mp4"_s, bytes);
    CL_COMPARE_ERROR(r, "too_large");
    QCOMPARE(r.error.details.value(u"limit"_s).toInteger(), 1024 * 1024);
    // Announcing less and sending more is caught too, and cancels the upload.
    const Response sneaky = upload(*admin, t.value(u"id"_s).toInteger(), u"video.mp4"_s, bytes.left(600'000),
                                   sha256(bytes.left(600'000)), 500'000);
    CL_COMPARE_ERROR(sneaky, "too_large");
    QCOMPARE(getTicket(*admin, t.value(u"id"_s).toInteger()).value(u"attachments"_s).toArray().size(), 0);
    QCOMPARE(partFiles(small.dataDir()), QStringList());
    // Exactly the limit is fine.
    CL_VERIFY_OK(upload(*admin, t.value(u"id"_s).toInteger(), u"fits.bin"_s, bytes.left(1024 * 1024)));
    admin.reset();
    QVERIFY(small.stop());
}

void TestE2eAttachments::pathTraversalName()
{
    const QByteArray bytes = "root:x:0:0:root:/root:/bin/bash\n";
    const Response begin = m_req->request(Op::AttachmentBegin, {{u"ticketId"_s, m_ticket},
                                                                {u"fileName"_s, u"../../etc/passwd"_s},
                                                                {u"size"_s, bytes.size()},
                                                                {u"sha256"_s, sha256(bytes)}});
    CL_VERIFY_OK(begin);
    QCOMPARE(begin.result.value(u"fileName"_s).toString(), u"passwd"_s);
    CL_VERIFY_OK(m_req->request(Op::AttachmentAbort, {{u"uploadId"_s, begin.result.value(u"uploadId"_s)}}));

    for (const QString &hostile : {u"../../etc/passwd"_s, u"..\\..\\windows\\system.ini"_s, u"/abs/path/x.txt"_s,
                                   u"a\u0001b<c>.txt"_s, u"...."_s}) {
        const Response r = upload(*m_req, m_ticket, hostile, bytes);
        CL_VERIFY_OK(r);
        const QString stored = r.result.value(u"attachment"_s).toObject().value(u"fileName"_s).toString();
        QVERIFY2(!stored.contains(u'/') && !stored.contains(u'\\') && !stored.startsWith(u'.') && !stored.isEmpty(),
                 qPrintable(stored));
        if (hostile == u"../../etc/passwd")
            QCOMPARE(stored, u"passwd"_s);
    }
    // Nothing was written outside the data folder's own places.
    QVERIFY(!QFile::exists(m_server.scratchDir() + u"/etc/passwd"_s));
    QVERIFY(!QFile::exists(m_server.dataDir() + u"/etc/passwd"_s));
    QVERIFY(!QFile::exists(m_server.dataDir() + u"/passwd"_s));
}

void TestE2eAttachments::droppedConnectionLeavesNothing()
{
    const int before = attachmentCount(m_ticket);
    TestClient flaky(u"flaky"_s);
    QVERIFY(flaky.loginAs(m_server.url(), m_cast.requester.username, m_cast.requester.password));
    const QByteArray bytes = sampleBytes(1'200'000, 7);
    const Response begin = flaky.request(Op::AttachmentBegin, {{u"ticketId"_s, m_ticket},
                                                               {u"fileName"_s, u"interrupted.mov"_s},
                                                               {u"size"_s, bytes.size()},
                                                               {u"sha256"_s, sha256(bytes)}});
    CL_VERIFY_OK(begin);
    const Response chunk =
        flaky.request(Op::AttachmentChunk, {{u"uploadId"_s, begin.result.value(u"uploadId"_s)},
                                            {u"offset"_s, 0},
                                            {u"data"_s, QString::fromLatin1(bytes.left(512 * 1024).toBase64())}});
    CL_VERIFY_OK(chunk);
    QCOMPARE(partFiles(m_server.dataDir()).size(), 1);
    flaky.abort();

    // The server notices the dead link and discards the partial file.
    QVERIFY(m_disp->waitUntil([&] { return partFiles(m_server.dataDir()).isEmpty(); }, 10000));
    QCOMPARE(attachmentCount(m_ticket), before);
    // The same upload id is unusable from any other connection.
    CL_COMPARE_ERROR(m_req->request(Op::AttachmentFinish, {{u"uploadId"_s, begin.result.value(u"uploadId"_s)}}),
                     "not_found");
}

void TestE2eAttachments::finishRetriedAfterReconnect()
{
    // attachment.finish is sent and the connection closes before the reply. Once the server has committed it (an
    // observer sees the event), a retry on another connection with the same key gets the first result, and the
    // file is attached once.
    const int before = attachmentCount(m_ticket);
    const QByteArray bytes = sampleBytes(70'000, 9);
    TestClient observer(u"observer"_s);
    QVERIFY(observer.loginAs(m_server.url(), m_cast.dispatcher.username, m_cast.dispatcher.password));
    CL_VERIFY_OK(observer.request(Op::Subscribe));
    TestClient flaky(u"flaky"_s);
    QVERIFY(flaky.loginAs(m_server.url(), m_cast.requester.username, m_cast.requester.password));
    const Response begin = flaky.request(Op::AttachmentBegin, {{u"ticketId"_s, m_ticket},
                                                               {u"fileName"_s, u"retry.pdf"_s},
                                                               {u"size"_s, bytes.size()},
                                                               {u"sha256"_s, sha256(bytes)}});
    CL_VERIFY_OK(begin);
    const QJsonValue uploadId = begin.result.value(u"uploadId"_s);
    CL_VERIFY_OK(flaky.request(
        Op::AttachmentChunk,
        {{u"uploadId"_s, uploadId}, {u"offset"_s, 0}, {u"data"_s, QString::fromLatin1(bytes.toBase64())}}));
    const QString key = TestClient::newIdemKey();
    flaky.send(Op::AttachmentFinish, {{u"uploadId"_s, uploadId}}, key);
    flaky.socket().flush();
    flaky.close();
    const std::optional<Event> added = observer.waitForEvent([](const Event &e) {
        return e.type == u"attachment.added" &&
               e.data.value(u"attachment"_s).toObject().value(u"fileName"_s).toString() == u"retry.pdf";
    });
    QVERIFY(added);

    const Response retry = m_req->request(Op::AttachmentFinish, {{u"uploadId"_s, uploadId}}, key);
    CL_VERIFY_OK(retry);
    QCOMPARE(retry.result.value(u"attachment"_s).toObject(), added->data.value(u"attachment"_s).toObject());
    QCOMPARE(attachmentCount(m_ticket), before + 1);
    // Without the key it is an unknown upload, not a second attachment.
    CL_COMPARE_ERROR(m_req->request(Op::AttachmentFinish, {{u"uploadId"_s, uploadId}}), "not_found");
    QCOMPARE(attachmentCount(m_ticket), before + 1);
}

void TestE2eAttachments::onlyThoseWhoSeeTheTicket()
{
    const QJsonObject staffOnly = createTicket(*m_disp, {{u"title"_s, u"Internal"_s}});
    const Response r = upload(*m_disp, staffOnly.value(u"id"_s).toInteger(), u"plan.pdf"_s, sampleBytes(5000, 8));
    CL_VERIFY_OK(r);
    const qint64 attachmentId = r.result.value(u"attachment"_s).toObject().value(u"id"_s).toInteger();
    // A requester neither downloads it nor attaches to that ticket.
    CL_COMPARE_ERROR(m_req->request(Op::AttachmentDownload, {{u"attachmentId"_s, attachmentId}}), "not_found");
    CL_COMPARE_ERROR(upload(*m_req, staffOnly.value(u"id"_s).toInteger(), u"x.txt"_s, "x"), "not_found");
}

QTEST_GUILESS_MAIN(TestE2eAttachments)
#include "tst_e2e_attachments.moc"
