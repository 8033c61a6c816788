#pragma once

// A ticket's attachments: the list (name, size, who, when, checksum), adding files (picker or drag and drop;
// uploaded one after the other with a progress bar), opening one (downloaded and verified into a cache folder named
// by its SHA-256, then handed to the desktop) and saving a verified copy elsewhere. A failed verification is said
// plainly and the damaged bytes are deleted.

#include "common/domain.h"

#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace crewline::client {

class AttachmentTransfer;
class Workspace;

class AttachmentsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit AttachmentsPanel(Workspace &workspace, QWidget *parent = nullptr);
    ~AttachmentsPanel() override;

    void setAttachments(TicketId ticket, const QList<AttachmentInfo> &attachments, bool mayUpload);
    void clear();
    const QList<AttachmentInfo> &attachments() const { return m_attachments; }

    // Asks for files and uploads them to the current ticket.
    void chooseAndUpload();
    // Uploads one file to the current ticket (queued behind a running transfer).
    void uploadFile(const QString &path);
    // Downloads, verifies and opens with the desktop's application.
    void openAttachment(const AttachmentInfo &attachment);
    // Downloads and verifies into targetPath.
    void saveAttachment(const AttachmentInfo &attachment, const QString &targetPath);
    bool isBusy() const;
    // How files are handed to the desktop (tests replace QDesktopServices::openUrl).
    void setOpener(std::function<bool(const QUrl &)> opener) { m_opener = std::move(opener); }
    // Where opened attachments are kept, by SHA-256.
    static QString cachePath(const AttachmentInfo &attachment);

Q_SIGNALS:
    // A transfer ended; error is empty on success (uploads also arrive as attachment.added events).
    void transferFinished(bool ok, const QString &error, const crewline::AttachmentInfo &attachment);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct Job
    {
        enum class Kind
        {
            Upload,
            Save,
            Open
        } kind = Kind::Upload;
        TicketId ticket;
        QString path; // upload source or download target
        AttachmentInfo attachment;
    };
    void enqueue(const Job &job);
    void startNext();
    void onFinished(bool ok, const QString &error, const AttachmentInfo &info);
    const AttachmentInfo *current() const;
    void updateButtons();
    void setStatus(const QString &text, bool error);

    Workspace &m_workspace;
    TicketId m_ticket;
    QList<AttachmentInfo> m_attachments;
    bool m_mayUpload = false;
    AttachmentTransfer *m_transfer = nullptr;
    QList<Job> m_queue;
    Job m_running;
    bool m_busy = false;
    std::function<bool(const QUrl &)> m_opener;

    QTreeWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace crewline::client
