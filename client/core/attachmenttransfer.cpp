#include "client/core/attachmenttransfer.h"

#include "client/core/connection.h"

#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QPointer>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace crewline::client {

using protocol::ErrorCode;
using protocol::Op;
using protocol::Response;

AttachmentTransfer::AttachmentTransfer(Connection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
}

AttachmentTransfer::~AttachmentTransfer()
{
    if (!m_running)
        return;
    // Quietly: no signals from a destructor.
    ++m_generation;
    m_running = false;
    m_file.close();
    if (m_direction == Direction::Download)
        QFile::remove(m_partPath);
    else if (!m_uploadId.isEmpty() && m_finishIdem.isEmpty())
        m_connection.request(Op::AttachmentAbort, {{u"uploadId"_s, m_uploadId}}, nullptr);
}

template<typename F>
auto AttachmentTransfer::guarded(F f)
{
    QPointer<AttachmentTransfer> self(this);
    const int generation = m_generation;
    return [self, generation, f](const Response &r) {
        if (self && self->m_running && self->m_generation == generation)
            f(r);
    };
}

QString AttachmentTransfer::sha256OfFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = f.errorString();
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f)) {
        if (error)
            *error = f.errorString();
        return {};
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString AttachmentTransfer::describeError(const protocol::Error &error)
{
    switch (error.code) {
    case ErrorCode::HashMismatch:
        return tr("The file's checksum (SHA-256) does not match: it changed while it was being sent, or the stored "
                  "copy is damaged.");
    case ErrorCode::TooLarge: {
        const qint64 limit = error.details.value(u"limit"_s).toInteger();
        return limit > 0
                   ? tr("The file is larger than the server accepts (%1).").arg(QLocale().formattedDataSize(limit))
                   : tr("The file is larger than the server accepts.");
    }
    case ErrorCode::UploadIncomplete:
        return tr("The server did not receive the whole file. Try again.");
    case ErrorCode::NotFound:
        return tr("The ticket or the attachment no longer exists, or you may not see it.");
    case ErrorCode::Forbidden:
        return tr("You may not do this.");
    case ErrorCode::RateLimited:
        return tr("Too many transfers at once. Wait for one to finish.");
    case ErrorCode::Unavailable:
        return tr("Not connected to the server. Try again when the connection is back.");
    default:
        return error.message;
    }
}

// --- upload -------------------------------------------------------------------------------------------------------

void AttachmentTransfer::upload(TicketId ticket, const QString &filePath, CommentId comment)
{
    if (m_running)
        abort();
    ++m_generation;
    m_direction = Direction::Upload;
    m_running = true;
    m_path = filePath;
    m_partPath.clear();
    m_ticket = ticket;
    m_comment = comment;
    m_uploadId.clear();
    m_finishIdem.clear();
    m_info = AttachmentInfo();
    m_done = 0;
    m_chunkSize = protocol::limits::kMaxChunkBytes;

    QString why;
    const QString sha = sha256OfFile(filePath, &why);
    m_file.setFileName(filePath);
    if (sha.isEmpty() || !m_file.open(QIODevice::ReadOnly)) {
        const QString message =
            tr("Cannot read %1: %2").arg(QFileInfo(filePath).fileName(), why.isEmpty() ? m_file.errorString() : why);
        QMetaObject::invokeMethod(
            this,
            [this, message, g = m_generation] {
                if (m_generation == g)
                    fail(message);
            },
            Qt::QueuedConnection);
        return;
    }
    m_total = m_file.size();
    const QFileInfo info(filePath);
    m_info.ticketId = ticket;
    m_info.fileName = info.fileName();
    m_info.size = m_total;
    m_info.sha256 = sha;
    m_info.mimeType = QMimeDatabase().mimeTypeForFile(info).name();
    const QJsonObject begin{{u"ticketId"_s, ticket.value()},
                            {u"fileName"_s, m_info.fileName.left(protocol::limits::kMaxFileName)},
                            {u"mimeType"_s, m_info.mimeType.left(protocol::limits::kMaxShort)},
                            {u"size"_s, m_total},
                            {u"sha256"_s, sha}};
    m_connection.request(Op::AttachmentBegin, begin, guarded([this](const Response &r) {
                             if (!r.ok) {
                                 fail(describeError(r.error));
                                 return;
                             }
                             m_uploadId = r.result.value(u"uploadId"_s).toString();
                             const qint64 size = r.result.value(u"chunkSize"_s).toInteger();
                             if (size > 0)
                                 m_chunkSize = std::min(size, protocol::limits::kMaxChunkBytes);
                             Q_EMIT progress(0, m_total);
                             sendChunk();
                         }));
}

void AttachmentTransfer::sendChunk()
{
    if (m_done >= m_total) {
        sendFinish(false);
        return;
    }
    const QByteArray bytes = m_file.read(std::min(m_chunkSize, m_total - m_done));
    if (bytes.isEmpty()) {
        fail(tr("Cannot read %1: %2").arg(QFileInfo(m_path).fileName(), m_file.errorString()));
        return;
    }
    const QJsonObject chunk{
        {u"uploadId"_s, m_uploadId}, {u"offset"_s, m_done}, {u"data"_s, QString::fromLatin1(bytes.toBase64())}};
    const qint64 sent = bytes.size();
    m_connection.request(Op::AttachmentChunk, chunk, guarded([this, sent](const Response &r) {
                             if (!r.ok) {
                                 fail(describeError(r.error));
                                 return;
                             }
                             m_done += sent;
                             Q_EMIT progress(m_done, m_total);
                             sendChunk();
                         }));
}

void AttachmentTransfer::sendFinish(bool retry)
{
    m_file.close();
    if (m_finishIdem.isEmpty())
        m_finishIdem = QUuid::createUuid().toString(QUuid::WithoutBraces);
    QJsonObject finish{{u"uploadId"_s, m_uploadId}};
    if (m_comment.isValid())
        finish.insert(u"commentId"_s, m_comment.value());
    m_connection.request(Op::AttachmentFinish, finish, guarded([this, retry](const Response &r) {
                             if (r.ok) {
                                 m_info = AttachmentInfo::fromJson(r.result.value(u"attachment"_s).toObject());
                                 succeed();
                                 return;
                             }
                             if (r.error.code == ErrorCode::Unavailable && !retry) {
                                 // The reply may have been lost after the server attached the file: asking again with
                                 // the same key after reconnecting returns the first answer instead of attaching twice.
                                 auto once = std::make_shared<QMetaObject::Connection>();
                                 *once = connect(&m_connection, &Connection::synchronized, this,
                                                 [this, once, g = m_generation](qint64, bool) {
                                                     disconnect(*once);
                                                     if (m_running && m_generation == g)
                                                         sendFinish(true);
                                                 });
                                 return;
                             }
                             fail(describeError(r.error));
                         }),
                         m_finishIdem);
}

// --- download -----------------------------------------------------------------------------------------------------

void AttachmentTransfer::download(const AttachmentInfo &attachment, const QString &targetPath)
{
    if (m_running)
        abort();
    ++m_generation;
    m_direction = Direction::Download;
    m_running = true;
    m_info = attachment;
    m_path = targetPath;
    m_partPath = targetPath + u".part"_s;
    m_done = 0;
    m_total = attachment.size;
    m_hash.reset();
    m_file.setFileName(m_partPath);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        const QString message = tr("Cannot write %1: %2").arg(m_partPath, m_file.errorString());
        QMetaObject::invokeMethod(
            this,
            [this, message, g = m_generation] {
                if (m_generation == g)
                    fail(message);
            },
            Qt::QueuedConnection);
        return;
    }
    requestChunk();
}

void AttachmentTransfer::requestChunk()
{
    const QJsonObject data{
        {u"attachmentId"_s, m_info.id.value()}, {u"offset"_s, m_done}, {u"length"_s, protocol::limits::kMaxChunkBytes}};
    m_connection.request(Op::AttachmentDownload, data, guarded([this](const Response &r) { onDownloadReply(r); }));
}

void AttachmentTransfer::onDownloadReply(const Response &r)
{
    if (!r.ok) {
        fail(describeError(r.error));
        return;
    }
    if (m_info.sha256.isEmpty()) {
        // Only the id was known: verify against the server's record.
        const AttachmentInfo record = AttachmentInfo::fromJson(r.result.value(u"attachment"_s).toObject());
        m_info = record;
        m_total = record.size;
    }
    if (r.result.value(u"offset"_s).toInteger() != m_done) {
        fail(tr("The server sent the wrong part of the file."));
        return;
    }
    const auto decoded = QByteArray::fromBase64Encoding(r.result.value(u"data"_s).toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || m_done + decoded.decoded.size() > m_total) {
        fail(tr("The downloaded file does not match its checksum (SHA-256). It has been deleted; try again."));
        return;
    }
    if (m_file.write(decoded.decoded) != decoded.decoded.size()) {
        fail(tr("Cannot write %1: %2").arg(m_partPath, m_file.errorString()));
        return;
    }
    m_hash.addData(decoded.decoded);
    m_done += decoded.decoded.size();
    Q_EMIT progress(m_done, m_total);
    if (r.result.value(u"eof"_s).toBool() || m_done >= m_total)
        completeDownload();
    else if (decoded.decoded.isEmpty())
        fail(tr("The server stopped sending the file."));
    else
        requestChunk();
}

void AttachmentTransfer::completeDownload()
{
    m_file.close();
    const QString actual = QString::fromLatin1(m_hash.result().toHex());
    if (m_done != m_total || actual != m_info.sha256.toLower()) {
        fail(tr("The downloaded file does not match its checksum (SHA-256). It has been deleted; try again."));
        return;
    }
    if (QFile::exists(m_path) && !QFile::remove(m_path)) {
        fail(tr("Cannot replace %1.").arg(m_path));
        return;
    }
    if (!QFile::rename(m_partPath, m_path)) {
        fail(tr("Cannot save %1.").arg(m_path));
        return;
    }
    succeed();
}

// --- end ----------------------------------------------------------------------------------------------------------

void AttachmentTransfer::abort()
{
    if (!m_running)
        return;
    fail(tr("Cancelled."));
}

void AttachmentTransfer::fail(const QString &error)
{
    ++m_generation;
    m_running = false;
    m_file.close();
    if (m_direction == Direction::Download) {
        QFile::remove(m_partPath);
    } else if (!m_uploadId.isEmpty() && m_finishIdem.isEmpty()) {
        // Tell the server to forget the partial upload (it may already have: then it answers not_found).
        m_connection.request(Op::AttachmentAbort, {{u"uploadId"_s, m_uploadId}}, nullptr);
    }
    Q_EMIT finished(false, error, m_info);
}

void AttachmentTransfer::succeed()
{
    ++m_generation;
    m_running = false;
    m_file.close();
    Q_EMIT finished(true, QString(), m_info);
}

} // namespace crewline::client
