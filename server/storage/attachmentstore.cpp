#include "server/storage/attachmentstore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace crewline::server {

AttachmentStore::AttachmentStore(const QString &root)
    : m_root(root)
{
}

bool AttachmentStore::initialize(QString *error)
{
    QDir root(m_root);
    if (!root.mkpath(u"attachments"_s) || !root.mkpath(u"uploads"_s)) {
        if (error)
            *error = u"cannot create attachment folders under %1"_s.arg(m_root);
        return false;
    }
    QDir uploads(root.filePath(u"uploads"_s));
    for (const QString &name : uploads.entryList({u"*.part"_s}, QDir::Files))
        uploads.remove(name);
    return true;
}

QString AttachmentStore::partPath(const QString &uploadId) const
{
    return m_root + u"/uploads/"_s + uploadId + u".part"_s;
}

QString AttachmentStore::blobPath(const QString &sha256) const
{
    return m_root + u"/attachments/"_s + sha256.left(2) + u'/' + sha256;
}

bool AttachmentStore::hasBlob(const QString &sha256) const
{
    return QFile::exists(blobPath(sha256));
}

bool AttachmentStore::commitPart(const QString &uploadId, const QString &sha256, QString *error)
{
    const QString target = blobPath(sha256);
    if (QFile::exists(target) && verifyBlob(sha256)) {
        QFile::remove(partPath(uploadId));
        return true;
    }
    QFile::remove(target); // a corrupt copy is replaced by the verified upload
    if (!QDir().mkpath(QFileInfo(target).path()) || !QFile::rename(partPath(uploadId), target)) {
        if (error)
            *error = u"cannot store attachment %1"_s.arg(sha256);
        return false;
    }
    return true;
}

void AttachmentStore::discardPart(const QString &uploadId)
{
    QFile::remove(partPath(uploadId));
}

bool AttachmentStore::verifyBlob(const QString &sha256) const
{
    QFile f(blobPath(sha256));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&f))
        return false;
    return QString::fromLatin1(hash.result().toHex()) == sha256;
}

bool AttachmentStore::isSha256Hex(const QString &s)
{
    // Anchored for the whole string: "$" alone also matches before a trailing newline.
    static const QRegularExpression hex(QRegularExpression::anchoredPattern(u"[0-9a-f]{64}"_s));
    return hex.match(s).hasMatch();
}

QString AttachmentStore::sanitizeFileName(const QString &name)
{
    QString n = name;
    n.replace(u'\\', u'/');
    n = n.section(u'/', -1); // drop any folder part: "../../etc/passwd" becomes "passwd"
    QString clean;
    for (const QChar c : n) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c == u':' || c == u'*' || c == u'?' || c == u'"' ||
            c == u'<' || c == u'>' || c == u'|')
            clean += u'_';
        else
            clean += c;
    }
    qsizetype start = 0; // no hidden files, no leading blanks (". profile" is not better than ".profile")
    while (start < clean.size() && (clean.at(start) == u'.' || clean.at(start).isSpace()))
        ++start;
    clean = clean.mid(start).trimmed();
    if (clean.isEmpty())
        clean = u"attachment"_s;
    constexpr qsizetype kMaxLength = 255;
    if (clean.size() > kMaxLength) {
        // Keep the extension, which says what the file is, and never cut a surrogate pair in half.
        const qsizetype dot = clean.lastIndexOf(u'.');
        const QString extension = dot > 0 && clean.size() - dot <= 16 ? clean.mid(dot) : QString();
        QString base = clean.left(kMaxLength - extension.size());
        if (base.back().isHighSurrogate())
            base.chop(1);
        clean = base + extension;
    }
    return clean;
}

} // namespace crewline::server
