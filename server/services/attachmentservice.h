#pragma once

// Chunked attachment upload and download over the protocol. An upload is announced with its size and SHA-256,
// sent in order, verified, moved into the content-addressed store, and only then recorded on the ticket in one
// committed write. Uploads belong to the connection that started them and vanish with it.

#include "common/messages.h"
#include "server/caller.h"
#include "server/writequeue.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>

#include <functional>
#include <memory>

namespace crewline::server {

class AttachmentStore;
class Clock;
class Store;

class AttachmentService
{
public:
    AttachmentService(Store &reader, WriteQueue &writer, AttachmentStore &files, const Clock &clock, qint64 maxBytes);
    ~AttachmentService();

    Outcome begin(const Caller &caller, quintptr owner, const protocol::AttachmentBegin &request);
    Outcome chunk(const Caller &caller, quintptr owner, const protocol::AttachmentChunk &request);
    void finish(const Caller &caller, quintptr owner, const protocol::AttachmentFinish &request, const QString &idem,
                std::function<void(const Outcome &)> reply);
    Outcome abort(quintptr owner, const QString &uploadId);
    void abortAll(quintptr owner);
    void expireIdle(qint64 idleMs); // drops uploads nobody touched for that long
    Outcome download(const Caller &caller, const protocol::AttachmentDownload &request);

    qint64 maxBytes() const { return m_maxBytes; }
    int activeUploads() const { return static_cast<int>(m_uploads.size()); }

private:
    struct Upload
    {
        QString id;
        quintptr owner = 0;
        UserId user;
        TicketId ticketId;
        QString fileName;
        QString mimeType;
        qint64 size = 0;
        QString sha256;
        qint64 received = 0;
        QCryptographicHash hash{QCryptographicHash::Sha256};
        QFile file;
        qint64 lastActivityMs = 0;
    };

    Upload *find(quintptr owner, const QString &uploadId);
    void drop(const QString &uploadId);

    Store &m_reader;
    WriteQueue &m_writer;
    AttachmentStore &m_files;
    const Clock &m_clock;
    qint64 m_maxBytes;
    QHash<QString, std::shared_ptr<Upload>> m_uploads;
};

} // namespace crewline::server
