#pragma once

// Moves one attachment between a local file and the server through the Connection, verified end to end.
// Upload: hashes the file (SHA-256), announces it (attachment.begin), sends it in order in chunks of
// protocol::limits::kMaxChunkBytes and finishes with an idempotency key; the server attaches it only if the bytes
// match the announced hash. Download: reads it chunk by chunk into "<target>.part", checks size and SHA-256 against
// the attachment record and only then renames it to the target; on a mismatch the partial file is deleted.
// One transfer per object; no widgets.

#include "common/domain.h"
#include "common/protocol.h"

#include <QCryptographicHash>
#include <QFile>
#include <QObject>

namespace crewline::client {

class Connection;

class AttachmentTransfer : public QObject
{
    Q_OBJECT
public:
    enum class Direction
    {
        None,
        Upload,
        Download
    };

    explicit AttachmentTransfer(Connection &connection, QObject *parent = nullptr);
    ~AttachmentTransfer() override;

    // Uploads filePath to the ticket (optionally attached to one of its messages).
    void upload(TicketId ticket, const QString &filePath, CommentId comment = CommentId());
    // Downloads the attachment to targetPath (replacing it only once the bytes are verified).
    void download(const AttachmentInfo &attachment, const QString &targetPath);
    // Stops the transfer: the partial download is deleted, the server forgets the partial upload.
    void abort();

    bool isRunning() const { return m_running; }
    Direction direction() const { return m_direction; }
    QString filePath() const { return m_path; }
    const AttachmentInfo &attachment() const { return m_info; }

    // Lowercase hex SHA-256 of a file; empty (and *error set) when it cannot be read.
    static QString sha256OfFile(const QString &path, QString *error = nullptr);
    // A sentence for the user about a refused transfer step.
    static QString describeError(const protocol::Error &error);

Q_SIGNALS:
    void progress(qint64 done, qint64 total);
    void finished(bool ok, const QString &error, const crewline::AttachmentInfo &attachment);

private:
    void sendChunk();
    void sendFinish(bool retry);
    void requestChunk();
    void onDownloadReply(const protocol::Response &response);
    void completeDownload();
    void fail(const QString &error);
    void succeed();
    // A reply handler that is ignored once this transfer was aborted, restarted or destroyed.
    template<typename F>
    auto guarded(F f);

    Connection &m_connection;
    Direction m_direction = Direction::None;
    bool m_running = false;
    int m_generation = 0;
    QString m_path;     // the local file (upload source / download target)
    QString m_partPath; // download: where bytes go until verified
    QFile m_file;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    AttachmentInfo m_info;
    TicketId m_ticket;
    CommentId m_comment;
    QString m_uploadId;
    QString m_finishIdem;
    qint64 m_chunkSize = protocol::limits::kMaxChunkBytes;
    qint64 m_done = 0;
    qint64 m_total = 0;
};

} // namespace crewline::client
