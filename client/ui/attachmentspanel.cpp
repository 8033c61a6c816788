#include "client/ui/attachmentspanel.h"

#include "client/core/attachmenttransfer.h"
#include "client/core/workspace.h"

#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

AttachmentsPanel::AttachmentsPanel(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(u"attachments"_s);
    setAcceptDrops(true);
    m_transfer = new AttachmentTransfer(workspace.connection(), this);
    connect(m_transfer, &AttachmentTransfer::progress, this, [this](qint64 done, qint64 total) {
        m_progress->setValue(total > 0 ? static_cast<int>(done * 1000 / total) : 1000);
        m_progress->setFormat(u"%1 / %2"_s.arg(QLocale().formattedDataSize(done), QLocale().formattedDataSize(total)));
    });
    connect(m_transfer, &AttachmentTransfer::finished, this, &AttachmentsPanel::onFinished);

    auto *layout = new QVBoxLayout(this);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"attachments.list"_s);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("Name"), tr("Size"), tr("Added by"), tr("When"), tr("SHA-256")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    layout->addWidget(m_list, 1);
    connect(m_list, &QTreeWidget::itemActivated, this, [this] {
        if (const AttachmentInfo *a = current())
            openAttachment(*a);
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &AttachmentsPanel::updateButtons);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"attachments.progress"_s);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setObjectName(u"attachments.status"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("Add file…"), this);
    m_add->setObjectName(u"attachments.add"_s);
    m_open = new QPushButton(tr("Open"), this);
    m_open->setObjectName(u"attachments.open"_s);
    m_save = new QPushButton(tr("Save as…"), this);
    m_save->setObjectName(u"attachments.save"_s);
    m_cancel = new QPushButton(tr("Cancel transfer"), this);
    m_cancel->setObjectName(u"attachments.cancel"_s);
    m_cancel->hide();
    buttons->addWidget(m_add);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_open);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    connect(m_add, &QPushButton::clicked, this, &AttachmentsPanel::chooseAndUpload);
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (const AttachmentInfo *a = current())
            openAttachment(*a);
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const AttachmentInfo *a = current();
        if (!a)
            return;
        const AttachmentInfo info = *a;
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
        const QString target =
            QFileDialog::getSaveFileName(this, tr("Save attachment"), QDir(dir).filePath(info.fileName));
        if (!target.isEmpty())
            saveAttachment(info, target);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_queue.clear();
        m_transfer->abort();
    });
    updateButtons();
}

AttachmentsPanel::~AttachmentsPanel() = default;

void AttachmentsPanel::setAttachments(TicketId ticket, const QList<AttachmentInfo> &attachments, bool mayUpload)
{
    const qint64 selected = current() ? current()->id.value() : 0;
    m_ticket = ticket;
    m_attachments = attachments;
    m_mayUpload = mayUpload;
    m_list->clear();
    const Directory &dir = m_workspace.directory();
    for (int i = 0; i < attachments.size(); ++i) {
        const AttachmentInfo &a = attachments.at(i);
        QString who = a.uploadedBy == m_workspace.me().id ? m_workspace.me().displayName : dir.userName(a.uploadedBy);
        if (who.isEmpty())
            who = a.uploadedBy.isValid() ? tr("User #%1").arg(a.uploadedBy.value()) : tr("—");
        auto *item = new QTreeWidgetItem(m_list, {a.fileName, QLocale().formattedDataSize(a.size), who,
                                                  QLocale().toString(a.createdAt.toLocalTime(), QLocale::ShortFormat),
                                                  a.sha256.left(12)});
        item->setData(0, Qt::UserRole, i);
        item->setToolTip(0, a.mimeType);
        item->setToolTip(4, a.sha256);
        if (a.id.value() == selected)
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    for (int c = 1; c < m_list->columnCount(); ++c)
        m_list->resizeColumnToContents(c);
    updateButtons();
}

void AttachmentsPanel::clear()
{
    setAttachments(TicketId(), {}, false);
    if (!m_busy)
        setStatus(QString(), false);
}

const AttachmentInfo *AttachmentsPanel::current() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return nullptr;
    const int i = item->data(0, Qt::UserRole).toInt();
    return i >= 0 && i < m_attachments.size() ? &m_attachments.at(i) : nullptr;
}

bool AttachmentsPanel::isBusy() const
{
    return m_busy;
}

QString AttachmentsPanel::cachePath(const AttachmentInfo &a)
{
    QString name = QFileInfo(a.fileName).fileName();
    if (name.isEmpty() || name.startsWith(u'.'))
        name = u"attachment"_s + name;
    const QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return QDir(base).filePath(u"attachments/%1/%2"_s.arg(a.sha256.toLower(), name));
}

void AttachmentsPanel::chooseAndUpload()
{
    if (!m_ticket.isValid() || !m_mayUpload)
        return;
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Attach files"));
    for (const QString &f : files)
        uploadFile(f);
}

void AttachmentsPanel::uploadFile(const QString &path)
{
    if (!m_ticket.isValid() || !m_mayUpload)
        return;
    enqueue({Job::Kind::Upload, m_ticket, path, {}});
}

void AttachmentsPanel::openAttachment(const AttachmentInfo &attachment)
{
    const QString path = cachePath(attachment);
    // Already here and still intact: open it without downloading again.
    if (QFileInfo::exists(path) && AttachmentTransfer::sha256OfFile(path) == attachment.sha256.toLower()) {
        if (!m_opener(QUrl::fromLocalFile(path)))
            setStatus(tr("No application could open %1.").arg(attachment.fileName), true);
        return;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    enqueue({Job::Kind::Open, m_ticket, path, attachment});
}

void AttachmentsPanel::saveAttachment(const AttachmentInfo &attachment, const QString &targetPath)
{
    enqueue({Job::Kind::Save, m_ticket, targetPath, attachment});
}

void AttachmentsPanel::enqueue(const Job &job)
{
    m_queue << job;
    if (!m_busy)
        startNext();
    else
        setStatus(tr("%n more transfer(s) waiting.", nullptr, static_cast<int>(m_queue.size())), false);
}

void AttachmentsPanel::startNext()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        m_progress->hide();
        updateButtons();
        return;
    }
    m_busy = true;
    m_running = m_queue.takeFirst();
    m_progress->setValue(0);
    m_progress->setFormat(QString());
    m_progress->show();
    updateButtons();
    if (m_running.kind == Job::Kind::Upload) {
        setStatus(tr("Uploading %1…").arg(QFileInfo(m_running.path).fileName()), false);
        m_transfer->upload(m_running.ticket, m_running.path);
    } else {
        setStatus(tr("Downloading %1…").arg(m_running.attachment.fileName), false);
        m_transfer->download(m_running.attachment, m_running.path);
    }
}

void AttachmentsPanel::onFinished(bool ok, const QString &error, const AttachmentInfo &info)
{
    const Job job = m_running;
    if (!ok) {
        const QString name = job.kind == Job::Kind::Upload ? QFileInfo(job.path).fileName() : info.fileName;
        setStatus(tr("%1: %2").arg(name, error), true);
    } else if (job.kind == Job::Kind::Upload) {
        setStatus(tr("Attached %1 (%2).").arg(info.fileName, QLocale().formattedDataSize(info.size)), false);
    } else if (job.kind == Job::Kind::Save) {
        setStatus(tr("Saved %1 — checksum verified.").arg(QDir::toNativeSeparators(job.path)), false);
    } else if (!m_opener(QUrl::fromLocalFile(job.path))) {
        setStatus(tr("No application could open %1.").arg(info.fileName), true);
    } else {
        setStatus(tr("Opened %1 — checksum verified.").arg(info.fileName), false);
    }
    Q_EMIT transferFinished(ok, error, info);
    startNext();
}

void AttachmentsPanel::updateButtons()
{
    const bool has = current() != nullptr;
    m_add->setVisible(m_mayUpload);
    m_add->setEnabled(m_mayUpload && m_ticket.isValid());
    m_open->setEnabled(has);
    m_save->setEnabled(has);
    m_cancel->setVisible(m_busy);
}

void AttachmentsPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setProperty("error", error);
    m_status->setStyleSheet(error ? u"color: #b71c1c; font-weight: bold;"_s : QString());
}

void AttachmentsPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_mayUpload && m_ticket.isValid() && event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void AttachmentsPanel::dropEvent(QDropEvent *event)
{
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            uploadFile(url.toLocalFile());
    }
    event->acceptProposedAction();
}

} // namespace crewline::client
