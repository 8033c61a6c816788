#pragma once

// Attachment bytes on disk, outside the database, named by their SHA-256: <root>/attachments/ab/<sha256>.
// Uploads are written to <root>/uploads/<id>.part and moved into place only once complete and verified, so an
// interrupted upload never leaves a half-written attachment.

#include <QByteArray>
#include <QString>

namespace crewline::server {

class AttachmentStore
{
public:
    explicit AttachmentStore(const QString &root);

    bool initialize(QString *error); // creates folders, removes leftover partial uploads
    QString partPath(const QString &uploadId) const;
    QString blobPath(const QString &sha256) const;
    bool hasBlob(const QString &sha256) const;
    // Moves a verified part file into place (or drops it when the same content is already stored).
    bool commitPart(const QString &uploadId, const QString &sha256, QString *error);
    void discardPart(const QString &uploadId);
    // Re-reads a stored blob and compares its hash; false when missing or corrupt.
    bool verifyBlob(const QString &sha256) const;

    static bool isSha256Hex(const QString &s);
    // A display name safe to save anywhere: no folders, no control characters, not empty, at most 255 characters.
    static QString sanitizeFileName(const QString &name);

private:
    QString m_root;
};

} // namespace crewline::server
