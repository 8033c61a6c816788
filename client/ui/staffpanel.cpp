#include "client/ui/staffpanel.h"

#include "client/core/staffmodel.h"
#include "client/core/workspace.h"

#include <QAction>
#include <QCheckBox>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QPersistentModelIndex>
#include <QSortFilterProxyModel>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr int kMessageMs = 8000;

QList<TicketId> ticketIds(const QMimeData *mime)
{
    QList<TicketId> ids;
    if (!mime || !mime->hasFormat(TicketModel::ticketMimeType()))
        return ids;
    for (const QJsonValue &v : QJsonDocument::fromJson(mime->data(TicketModel::ticketMimeType())).array()) {
        if (const TicketId id(v.toInteger()); id.isValid())
            ids << id;
    }
    return ids;
}
} // namespace

// Search and "on duty only" over the staff model; sorted by the chosen column, then by name.
class StaffFilterModel : public QSortFilterProxyModel
{
public:
    explicit StaffFilterModel(QObject *parent)
        : QSortFilterProxyModel(parent)
    {
        setSortRole(StaffModel::SortRole);
        setFilterRole(StaffModel::SearchTextRole);
        setFilterCaseSensitivity(Qt::CaseInsensitive);
        setSortCaseSensitivity(Qt::CaseInsensitive);
        setDynamicSortFilter(true);
    }
    void setOnDutyOnly(bool on)
    {
        m_onDutyOnly = on;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_onDutyOnly && sourceModel()->index(row, 0, parent).data(StaffModel::StatusRole).toString() == u"off_duty")
            return false;
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const QVariant l = left.data(StaffModel::SortRole);
        const QVariant r = right.data(StaffModel::SortRole);
        if (l != r)
            return QVariant::compare(l, r) == QPartialOrdering::Less;
        return QString::localeAwareCompare(left.siblingAtColumn(StaffModel::NameColumn).data().toString(),
                                           right.siblingAtColumn(StaffModel::NameColumn).data().toString()) < 0;
    }

private:
    bool m_onDutyOnly = false;
};

// The list of people; a drop of tickets on a row assigns them to that person (the row is outlined meanwhile).
class StaffListView : public QTreeView
{
public:
    StaffListView(StaffPanel &panel, QWidget *parent)
        : QTreeView(parent)
        , m_panel(panel)
    {
        setRootIsDecorated(false);
        setUniformRowHeights(true);
        setAllColumnsShowFocus(true);
        setSortingEnabled(true);
        setAcceptDrops(true);
        setDragDropMode(QAbstractItemView::DropOnly);
        viewport()->setAcceptDrops(true); // drops are delivered to the viewport, and only if it accepts them
        setDropIndicatorShown(false);
        setSelectionMode(QAbstractItemView::SingleSelection);
        setEditTriggers(QAbstractItemView::NoEditTriggers);
    }

protected:
    void dragEnterEvent(QDragEnterEvent *e) override
    {
        if (!e->mimeData()->hasFormat(TicketModel::ticketMimeType()))
            return e->ignore();
        e->setDropAction(Qt::CopyAction);
        e->accept();
    }
    void dragMoveEvent(QDragMoveEvent *e) override
    {
        const QModelIndex at = indexAt(e->position().toPoint());
        setHover(at);
        if (!at.isValid() || !e->mimeData()->hasFormat(TicketModel::ticketMimeType()))
            return e->ignore();
        e->setDropAction(Qt::CopyAction);
        e->accept();
    }
    void dragLeaveEvent(QDragLeaveEvent *) override { setHover({}); }
    void dropEvent(QDropEvent *e) override
    {
        const QModelIndex at = indexAt(e->position().toPoint());
        setHover({});
        const QList<TicketId> ids = ticketIds(e->mimeData());
        if (!at.isValid() || ids.isEmpty())
            return e->ignore();
        e->setDropAction(Qt::CopyAction);
        e->accept();
        m_panel.assignTickets(ids, UserId(at.data(StaffModel::UserIdRole).toLongLong()));
    }
    void paintEvent(QPaintEvent *e) override
    {
        QTreeView::paintEvent(e);
        if (!m_hover.isValid())
            return;
        QPainter p(viewport());
        QRect row = visualRect(m_hover);
        row.setLeft(0);
        row.setRight(viewport()->width() - 1);
        QPen pen(palette().color(QPalette::Highlight));
        pen.setWidth(2);
        p.setPen(pen);
        p.drawRect(row.adjusted(1, 1, -1, -1));
    }

private:
    void setHover(const QModelIndex &index)
    {
        if (QPersistentModelIndex(index) == m_hover)
            return;
        m_hover = index;
        viewport()->update();
    }

    StaffPanel &m_panel;
    QPersistentModelIndex m_hover;
};

StaffPanel::StaffPanel(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new StaffModel(workspace.directory(), &workspace.tickets(), this))
    , m_proxy(new StaffFilterModel(this))
{
    m_proxy->setSourceModel(m_model);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 4, 4, 0);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"staffSearch"_s);
    m_search->setPlaceholderText(tr("Search name, team, skill…"));
    m_search->setClearButtonEnabled(true);
    bar->addWidget(m_search, 1);
    m_onDuty = new QCheckBox(tr("On &duty only"), this);
    m_onDuty->setObjectName(u"staffOnDuty"_s);
    bar->addWidget(m_onDuty);
    layout->addLayout(bar);

    m_view = new StaffListView(*this, this);
    m_view->setObjectName(u"staffList"_s);
    m_view->setModel(m_proxy);
    m_view->sortByColumn(StaffModel::StatusColumn, Qt::AscendingOrder);
    m_view->header()->setStretchLastSection(true);
    for (int column :
         {StaffModel::NameColumn, StaffModel::TeamColumn, StaffModel::StatusColumn, StaffModel::OpenColumn})
        m_view->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_view->setToolTip(tr("Drop tickets on a person to assign them."));
    layout->addWidget(m_view, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(u"staffMessage"_s);
    m_message->setWordWrap(true);
    m_message->setContentsMargins(4, 0, 4, 4);
    layout->addWidget(m_message);
    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    m_messageTimer->setInterval(kMessageMs);
    connect(m_messageTimer, &QTimer::timeout, m_message, &QLabel::clear);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_onDuty, &QCheckBox::toggled, this, [this](bool on) { m_proxy->setOnDutyOnly(on); });
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT staffActivated(UserId(index.data(StaffModel::UserIdRole).toLongLong()));
    });
    // Down from the search box goes into the list; the search box is one shortcut away.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_view->setFocus();
            m_view->setCurrentIndex(m_proxy->index(0, 0));
        }
    });
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, &StaffPanel::focusSearch);
    addAction(find);

    m_model->attach(workspace.connection());
}

StaffPanel::~StaffPanel() = default;

QTreeView *StaffPanel::view() const
{
    return m_view;
}

void StaffPanel::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

int StaffPanel::assignTickets(const QList<TicketId> &ids, UserId to)
{
    if (!to.isValid() || ids.isEmpty())
        return 0;
    if (!m_workspace.may(protocol::Op::TicketAssign)) {
        showMessage(tr("Your role may not assign tickets."));
        return 0;
    }
    const Directory &dir = m_workspace.directory();
    QString name = dir.userName(to);
    if (const int row = m_model->rowOf(to); name.isEmpty() && row >= 0)
        name = m_model->index(row, StaffModel::NameColumn).data().toString();
    int sent = 0;
    QStringList skipped;
    for (TicketId id : ids) {
        const Ticket *t = m_workspace.tickets().ticket(id);
        if (!t) {
            skipped << QString::number(id.value());
            continue;
        }
        if (t->assigneeId == to)
            continue; // already theirs
        const TicketType *type = dir.types().type(t->type);
        if ((type && type->isFinal(t->status)) || t->status == TicketType::kSuspended || t->mergedInto.isValid()) {
            skipped << t->number;
            continue;
        }
        if (m_workspace.assign(id, to).isEmpty())
            skipped << t->number;
        else
            ++sent;
    }
    QString text = tr("Assigning %n ticket(s) to %1.", nullptr, sent).arg(name);
    if (const int row = m_model->rowOf(to);
        sent > 0 && row >= 0 && m_model->index(row, 0).data(StaffModel::StatusRole).toString() == u"off_duty")
        text += u' ' + tr("Note: %1 is off duty.").arg(name);
    if (!skipped.isEmpty())
        text += u' ' + tr("Not possible for %1 (closed, suspended or not loaded).").arg(skipped.join(u", "_s));
    showMessage(text);
    return sent;
}

void StaffPanel::showMessage(const QString &text)
{
    m_message->setText(text);
    m_messageTimer->start();
    Q_EMIT statusMessage(text);
}

} // namespace crewline::client
