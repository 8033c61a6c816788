#include "server/services/attachmentservice.h"

#include "common/permissions.h"
#include "server/clock.h"
#include "server/services/passwords.h"
#include "server/services/ticketservice.h"
#include "server/storage/attachmentstore.h"
#include "server/storage/store.h"

#include <QMimeDatabase>

using namespace Qt::StringLiterals;

namespace crewline::server {

using protocol::ErrorCode;

namespace {
constexpr int kMaxUploadsPerConnection = 4;

bool canSee(const Caller &caller, const Ticket &t)
{
    return roleSeesAllTickets(caller.role) || (caller.userId.isValid() && t.requester.userId == caller.userId);
}
} // namespace

AttachmentService::AttachmentService(Store &reader, WriteQueue &writer, AttachmentStore &files, const Clock &clock,
                                     qint64 maxBytes)
    : m_reader(reader)
    , m_writer(writer)
    , m_files(files)
    , m_clock(clock)
    , m_maxBytes(maxBytes)
{
}

AttachmentService::~AttachmentService()
{
    const QStringList ids = m_uploads.keys();
    for (const QString &id : ids)
        drop(id);
}

AttachmentService::Upload *AttachmentService::find(quintptr owner, const QString &uploadId)
{
    const auto it = m_uploads.constFind(uploadId);
    if (it == m_uploads.cend() || (*it)->owner != owner)
        return nullptr;
    return it->get();
}

void AttachmentService::drop(const QString &uploadId)
{
    const std::shared_ptr<Upload> u = m_uploads.take(uploadId);
    if (!u)
        return;
    u->file.close();
    m_files.discardPart(uploadId);
}

Outcome AttachmentService::begin(const Caller &caller, quintptr owner, const protocol::AttachmentBegin &r)
{
    if (r.size > m_maxBytes)
        return Outcome::failure(ErrorCode::TooLarge, u"attachments may be at most %1 bytes"_s.arg(m_maxBytes),
                                {{u"limit"_s, m_maxBytes}});
    const QString sha = r.sha256.toLower();
    if (!AttachmentStore::isSha256Hex(sha))
        return Outcome::failure(ErrorCode::InvalidField, u"\"sha256\" must be 64 hexadecimal digits"_s,
                                {{u"field"_s, u"sha256"_s}});
    const std::optional<Ticket> t = TicketService::resolveMerged(m_reader, r.ticketId);
    if (!t || !canSee(caller, *t))
        return Outcome::failure(ErrorCode::NotFound, u"no ticket %1"_s.arg(r.ticketId.value()));
    int mine = 0;
    for (const auto &u : std::as_const(m_uploads))
        mine += u->owner == owner ? 1 : 0;
    if (mine >= kMaxUploadsPerConnection)
        return Outcome::failure(ErrorCode::RateLimited,
                                u"at most %1 uploads at once per connection"_s.arg(kMaxUploadsPerConnection));

    auto upload = std::make_shared<Upload>();
    upload->id = passwords::randomId();
    upload->owner = owner;
    upload->user = caller.userId;
    upload->ticketId = t->id;
    upload->fileName = AttachmentStore::sanitizeFileName(r.fileName);
    upload->mimeType = r.mimeType.isEmpty()
                           ? QMimeDatabase().mimeTypeForFile(upload->fileName, QMimeDatabase::MatchExtension).name()
                           : r.mimeType;
    upload->size = r.size;
    upload->sha256 = sha;
    upload->lastActivityMs = m_clock.now().toMSecsSinceEpoch();
    upload->file.setFileName(m_files.partPath(upload->id));
    if (!upload->file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Outcome::failure(ErrorCode::Unavailable, u"cannot store uploads right now"_s);
    m_uploads.insert(upload->id, upload);
    return Outcome::success({{u"uploadId"_s, upload->id},
                             {u"chunkSize"_s, protocol::limits::kMaxChunkBytes},
                             {u"fileName"_s, upload->fileName}});
}

Outcome AttachmentService::chunk(const Caller &, quintptr owner, const protocol::AttachmentChunk &r)
{
    Upload *u = find(owner, r.uploadId);
    if (!u)
        return Outcome::failure(ErrorCode::NotFound, u"no upload %1 on this connection"_s.arg(r.uploadId));
    if (r.offset != u->received)
        return Outcome::failure(ErrorCode::InvalidField,
                                u"chunks must arrive in order: expected offset %1"_s.arg(u->received),
                                {{u"field"_s, u"offset"_s}, {u"expected"_s, u->received}});
    if (u->received + r.data.size() > u->size) {
        const QString id = u->id;
        drop(id);
        return Outcome::failure(ErrorCode::TooLarge, u"more bytes than announced; upload cancelled"_s);
    }
    if (u->file.write(r.data) != r.data.size()) {
        const QString id = u->id;
        drop(id);
        return Outcome::failure(ErrorCode::Unavailable, u"cannot write the upload; cancelled"_s);
    }
    u->hash.addData(r.data);
    u->received += r.data.size();
    u->lastActivityMs = m_clock.now().toMSecsSinceEpoch();
    return Outcome::success({{u"received"_s, u->received}});
}

void AttachmentService::finish(const Caller &caller, quintptr owner, const protocol::AttachmentFinish &r,
                               const QString &idem, std::function<void(const Outcome &)> reply)
{
    WriteRequest request;
    request.user = caller.userId;
    request.idemKey = idem;
    request.op = protocol::opName(protocol::Op::AttachmentFinish);
    request.done = std::move(reply);

    Upload *u = find(owner, r.uploadId);
    if (!u) {
        // A retry after a lost reply: the idempotency key answers with the first result; otherwise it is unknown.
        const QString id = r.uploadId;
        request.job = [id](WriteContext &) {
            return Outcome::failure(ErrorCode::NotFound, u"no upload %1 on this connection"_s.arg(id));
        };
        m_writer.submit(std::move(request));
        return;
    }
    u->file.flush();
    u->file.close();
    if (u->received != u->size) {
        const Outcome o =
            Outcome::failure(ErrorCode::UploadIncomplete, u"received %1 of %2 bytes"_s.arg(u->received).arg(u->size),
                             {{u"received"_s, u->received}, {u"size"_s, u->size}});
        drop(r.uploadId);
        request.done(o);
        return;
    }
    const QString actual = QString::fromLatin1(u->hash.result().toHex());
    if (actual != u->sha256) {
        drop(r.uploadId);
        request.done(Outcome::failure(ErrorCode::HashMismatch,
                                      u"the bytes received do not match the announced SHA-256"_s,
                                      {{u"expected"_s, u->sha256}, {u"actual"_s, actual}}));
        return;
    }
    QString why;
    if (!m_files.commitPart(u->id, u->sha256, &why)) {
        drop(r.uploadId);
        request.done(Outcome::failure(ErrorCode::Unavailable, why));
        return;
    }
    AttachmentInfo a;
    a.ticketId = u->ticketId;
    a.commentId = r.commentId;
    a.fileName = u->fileName;
    a.mimeType = u->mimeType;
    a.size = u->size;
    a.sha256 = u->sha256;
    a.uploadedBy = caller.userId;
    m_uploads.remove(r.uploadId);

    request.job = [a, caller](WriteContext &ctx) mutable {
        const std::optional<Ticket> t = TicketService::resolveMerged(ctx.store(), a.ticketId);
        if (!t)
            return Outcome::failure(ErrorCode::NotFound, u"the ticket no longer exists"_s);
        bool internal = false;
        if (a.commentId.isValid()) {
            const std::optional<Comment> c = ctx.store().comment(a.commentId);
            if (!c || c->ticketId != t->id || (c->kind == CommentKind::Internal && !roleSeesInternalNotes(caller.role)))
                return Outcome::failure(ErrorCode::InvalidField, u"that message is not on this ticket"_s,
                                        {{u"field"_s, u"commentId"_s}});
            internal = c->kind == CommentKind::Internal; // a file on an internal note is internal too
        }
        a.ticketId = t->id;
        a.createdAt = ctx.now();
        a.id = ctx.store().insertAttachment(a);
        AuditEntry audit;
        audit.ticketId = t->id;
        audit.actorId = caller.userId;
        audit.actorName = caller.displayName;
        audit.at = ctx.now();
        audit.action = u"attach"_s;
        audit.changes = {{u"attachment"_s, QJsonObject{{u"to"_s, a.fileName}}}};
        ctx.store().insertAudit(audit);
        StoredEvent e = TicketService::ticketEvent(
            u"attachment.added"_s, *t,
            {{u"attachment"_s, a.toJson()},
             {u"actor"_s, QJsonObject{{u"id"_s, caller.userId.value()}, {u"name"_s, caller.displayName}}}},
            ctx.now());
        e.internal = internal;
        ctx.emitEvent(e);
        return Outcome::success({{u"attachment"_s, a.toJson()}});
    };
    m_writer.submit(std::move(request));
}

Outcome AttachmentService::abort(quintptr owner, const QString &uploadId)
{
    if (!find(owner, uploadId))
        return Outcome::failure(ErrorCode::NotFound, u"no upload %1 on this connection"_s.arg(uploadId));
    drop(uploadId);
    return Outcome::success({{u"aborted"_s, uploadId}});
}

void AttachmentService::abortAll(quintptr owner)
{
    QStringList ids;
    for (const auto &u : std::as_const(m_uploads)) {
        if (u->owner == owner)
            ids << u->id;
    }
    for (const QString &id : ids)
        drop(id);
}

void AttachmentService::expireIdle(qint64 idleMs)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    QStringList ids;
    for (const auto &u : std::as_const(m_uploads)) {
        if (now - u->lastActivityMs > idleMs)
            ids << u->id;
    }
    for (const QString &id : ids)
        drop(id);
}

Outcome AttachmentService::download(const Caller &caller, const protocol::AttachmentDownload &r)
{
    const std::optional<AttachmentInfo> a = m_reader.attachment(r.attachmentId);
    const std::optional<Ticket> t = a ? m_reader.ticket(a->ticketId) : std::nullopt;
    if (!a || !t || !canSee(caller, *t))
        return Outcome::failure(ErrorCode::NotFound, u"no attachment %1"_s.arg(r.attachmentId.value()));
    if (a->commentId.isValid() && !roleSeesInternalNotes(caller.role)) {
        const std::optional<Comment> c = m_reader.comment(a->commentId);
        if (c && c->kind == CommentKind::Internal) // files on internal notes are as private as the notes
            return Outcome::failure(ErrorCode::NotFound, u"no attachment %1"_s.arg(r.attachmentId.value()));
    }
    if (r.offset > a->size)
        return Outcome::failure(ErrorCode::InvalidField, u"offset beyond the end of the file"_s,
                                {{u"field"_s, u"offset"_s}});
    // Verify the stored bytes before the first chunk leaves: a damaged file is reported, never served.
    if (r.offset == 0 && !m_files.verifyBlob(a->sha256))
        return Outcome::failure(ErrorCode::HashMismatch, u"the stored file is missing or damaged"_s,
                                {{u"sha256"_s, a->sha256}});
    QFile f(m_files.blobPath(a->sha256));
    if (!f.open(QIODevice::ReadOnly) || !f.seek(r.offset))
        return Outcome::failure(ErrorCode::HashMismatch, u"the stored file is missing"_s);
    const QByteArray data = f.read(r.length);
    return Outcome::success({{u"attachment"_s, a->toJson()},
                             {u"offset"_s, r.offset},
                             {u"data"_s, QString::fromLatin1(data.toBase64())},
                             {u"eof"_s, r.offset + data.size() >= a->size}});
}

} // namespace crewline::server
