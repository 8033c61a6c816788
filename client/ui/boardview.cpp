#include "client/ui/boardview.h"

#include "client/core/workspace.h"
#include "client/ui/boardmoves.h"
#include "client/ui/ticketcarddelegate.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QScrollArea>
#include <QSettings>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

constexpr int kColumnWidth = 280; // at zoom 1
constexpr double kZoomStep = 0.1;
constexpr int kMessageMs = 8000;

QList<TicketId> idsFrom(const QMimeData *mime)
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

// One column's cards: the shared filter plus "this type, this status", most urgent first, then oldest first.
class BoardColumnModel : public TicketFilterModel
{
public:
    using TicketFilterModel::TicketFilterModel;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const int pl = left.data(TicketModel::PriorityRole).toInt();
        const int pr = right.data(TicketModel::PriorityRole).toInt();
        if (pl != pr)
            return pl > pr;
        return left.data(TicketModel::CreatedRole).toDateTime() < right.data(TicketModel::CreatedRole).toDateTime();
    }
};

// A column's list: drags cards out as ticket ids, takes drops of cards for its status, and moves to the next
// column on Left/Right.
class BoardColumnView : public QListView
{
public:
    BoardColumnView(BoardView &board, QString status, QWidget *parent)
        : QListView(parent)
        , m_board(board)
        , m_status(std::move(status))
    {
        setMovement(QListView::Static); // first: it switches dragging and the viewport's drops off
        setSelectionMode(QAbstractItemView::ExtendedSelection);
        setDragEnabled(true);
        setAcceptDrops(true);
        setDropIndicatorShown(false);
        setDragDropMode(QAbstractItemView::DragDrop);
        viewport()->setAcceptDrops(true);     // drops are delivered to the viewport, and only if it accepts them
        setDefaultDropAction(Qt::CopyAction); // never MoveAction: the view would remove the rows from the model
        setResizeMode(QListView::Adjust);
        setUniformItemSizes(false);
        setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
        setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        setFrameShape(QFrame::NoFrame);
        setSpacing(0);
    }
    const QString &status() const { return m_status; }
    void relayout() { scheduleDelayedItemsLayout(); } // after a zoom: the cards change size

protected:
    void dragEnterEvent(QDragEnterEvent *e) override
    {
        if (!e->mimeData()->hasFormat(TicketModel::ticketMimeType()))
            return e->ignore();
        setHighlighted(true);
        e->setDropAction(Qt::CopyAction);
        e->accept();
    }
    void dragMoveEvent(QDragMoveEvent *e) override
    {
        if (!e->mimeData()->hasFormat(TicketModel::ticketMimeType()))
            return e->ignore();
        e->setDropAction(Qt::CopyAction);
        e->accept();
    }
    void dragLeaveEvent(QDragLeaveEvent *e) override
    {
        setHighlighted(false);
        QListView::dragLeaveEvent(e);
    }
    void dropEvent(QDropEvent *e) override
    {
        setHighlighted(false);
        const QList<TicketId> ids = idsFrom(e->mimeData());
        if (ids.isEmpty())
            return e->ignore();
        e->setDropAction(Qt::CopyAction);
        e->accept();
        m_board.dropTickets(ids, m_status);
    }
    void keyPressEvent(QKeyEvent *e) override
    {
        if ((e->key() == Qt::Key_Left || e->key() == Qt::Key_Right) && !(e->modifiers() & ~Qt::KeypadModifier)) {
            m_board.focusNeighbour(this, e->key() == Qt::Key_Left ? -1 : 1);
            return;
        }
        QListView::keyPressEvent(e);
    }
    void resizeEvent(QResizeEvent *e) override
    {
        QListView::resizeEvent(e);
        scheduleDelayedItemsLayout(); // cards take the width of the column
    }

private:
    void setHighlighted(bool on)
    {
        viewport()->setBackgroundRole(on ? QPalette::AlternateBase : m_background);
        viewport()->update();
    }

    BoardView &m_board;
    QString m_status;
    QPalette::ColorRole m_background = viewport()->backgroundRole();
};

BoardView::BoardView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_delegate(new TicketCardDelegate(workspace.tickets(), workspace.directory(), this))
    , m_moves(new BoardMoves(workspace, this))
{
    connect(m_moves, &BoardMoves::sent, this, &BoardView::showMessage);
    connect(m_moves, &BoardMoves::refused, this, &BoardView::refuse);
    QSettings settings;
    m_zoom = std::clamp(settings.value(u"board/zoom"_s, 1.0).toDouble(), 0.6, 3.0);
    m_showClosed = settings.value(u"board/showClosed"_s, false).toBool();
    m_typeId = settings.value(u"board/type"_s).toString();
    m_delegate->setZoom(m_zoom);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    m_type = new QComboBox(this);
    m_type->setObjectName(u"boardType"_s);
    m_type->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    bar->addWidget(typeLabel);
    bar->addWidget(m_type);
    m_closed = new QCheckBox(tr("Show &closed"), this);
    m_closed->setObjectName(u"boardShowClosed"_s);
    m_closed->setChecked(m_showClosed);
    bar->addWidget(m_closed);
    m_message = new QLabel(this);
    m_message->setObjectName(u"boardMessage"_s);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_message, 1);
    const auto zoomButton = [this, bar](const QString &text, const QString &tip, const QString &name) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setObjectName(name);
        b->setAutoRaise(true);
        bar->addWidget(b);
        return b;
    };
    connect(zoomButton(u"−"_s, tr("Smaller cards (Ctrl+-)"), u"boardZoomOut"_s), &QToolButton::clicked, this,
            &BoardView::zoomOut);
    connect(zoomButton(u"+"_s, tr("Larger cards (Ctrl+=)"), u"boardZoomIn"_s), &QToolButton::clicked, this,
            &BoardView::zoomIn);
    layout->addLayout(bar);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(u"boardScroll"_s);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_strip = new QWidget(m_scroll);
    m_columnsLayout = new QHBoxLayout(m_strip);
    m_columnsLayout->setContentsMargins(6, 6, 6, 6);
    m_columnsLayout->setSpacing(8);
    m_columnsLayout->addStretch(1);
    m_scroll->setWidget(m_strip);
    layout->addWidget(m_scroll, 1);

    // Cards open too long flash: one phase for the whole board, repainted only when some card flashes.
    auto *flash = new QTimer(this);
    flash->setInterval(700);
    connect(flash, &QTimer::timeout, this, [this] {
        m_flashOn = !m_flashOn;
        m_delegate->setFlashOn(m_flashOn);
        for (const Column &c : std::as_const(m_columns)) {
            if (c.view && c.view->isVisible())
                c.view->viewport()->update();
        }
    });
    flash->start();

    m_messageTimer = new QTimer(this);
    m_messageTimer->setSingleShot(true);
    m_messageTimer->setInterval(kMessageMs);
    connect(m_messageTimer, &QTimer::timeout, m_message, &QLabel::clear);

    // Shortcuts work anywhere inside the board (a big screen has no room for a zoom menu).
    const auto shortcut = [this](const QList<QKeySequence> &keys, void (BoardView::*slot)()) {
        QList<QKeySequence> unique; // a sequence listed twice (ZoomOut is Ctrl+- too) would be ambiguous
        for (const QKeySequence &k : keys) {
            if (!k.isEmpty() && !unique.contains(k))
                unique << k;
        }
        auto *a = new QAction(this);
        a->setShortcuts(unique);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    shortcut({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence::ZoomIn},
             &BoardView::zoomIn);
    shortcut({QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut}, &BoardView::zoomOut);

    connect(m_type, &QComboBox::activated, this,
            [this](int index) { setTicketType(m_type->itemData(index).toString()); });
    connect(m_closed, &QCheckBox::toggled, this, &BoardView::setShowClosed);
    connect(&workspace.directory(), &Directory::changed, this, &BoardView::refreshTypes);
    refreshTypes();
}

BoardView::~BoardView() = default;

void BoardView::refreshTypes()
{
    const Directory &dir = m_workspace.directory();
    const QList<const TicketType *> types = dir.types().all();
    const QSignalBlocker block(m_type);
    m_type->clear();
    for (const TicketType *t : types)
        m_type->addItem(t->name().in(dir.language()), t->id());
    if (types.isEmpty())
        return;
    if (!dir.types().type(m_typeId))
        m_typeId = dir.types().defaultTypeId().isEmpty() ? types.first()->id() : dir.types().defaultTypeId();
    m_type->setCurrentIndex(m_type->findData(m_typeId));
    rebuildColumns();
}

void BoardView::setTicketType(const QString &typeId)
{
    if (typeId == m_typeId && !m_columns.isEmpty())
        return;
    m_typeId = typeId;
    if (const int i = m_type->findData(typeId); i >= 0) {
        const QSignalBlocker block(m_type);
        m_type->setCurrentIndex(i);
    }
    rebuildColumns();
    saveSettings();
}

void BoardView::setFilter(const TicketFilter &filter)
{
    m_filter = filter;
    applyFilter();
}

void BoardView::setShowClosed(bool show)
{
    m_showClosed = show;
    if (m_closed->isChecked() != show)
        m_closed->setChecked(show);
    updateVisibility();
    saveSettings();
}

void BoardView::setZoom(double zoom)
{
    m_zoom = std::clamp(std::round(zoom * 10) / 10, 0.6, 3.0);
    m_delegate->setZoom(m_zoom);
    applyZoom();
    saveSettings();
}

void BoardView::zoomIn()
{
    setZoom(m_zoom + kZoomStep);
}
void BoardView::zoomOut()
{
    setZoom(m_zoom - kZoomStep);
}

void BoardView::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"board/zoom"_s, m_zoom);
    settings.setValue(u"board/showClosed"_s, m_showClosed);
    if (!m_typeId.isEmpty())
        settings.setValue(u"board/type"_s, m_typeId);
}

void BoardView::rebuildColumns()
{
    const TicketType *type = m_workspace.directory().types().type(m_typeId);
    QStringList statuses;
    if (type) {
        for (const StatusDef &s : type->statuses())
            statuses << s.id;
    }
    if (statuses == m_statusIds && !m_columns.isEmpty()) {
        for (const Column &c : std::as_const(m_columns))
            updateHeader(c); // names may have changed
        return;
    }
    for (const Column &c : std::as_const(m_columns))
        delete c.frame;
    m_columns.clear();
    m_statusIds = statuses;

    for (const QString &status : std::as_const(statuses)) {
        Column c;
        c.status = status;
        c.frame = new QWidget(m_strip);
        c.frame->setObjectName(u"boardColumn."_s + status);
        auto *box = new QVBoxLayout(c.frame);
        box->setContentsMargins(0, 0, 0, 0);
        box->setSpacing(4);
        c.header = new QLabel(c.frame);
        c.header->setObjectName(u"boardHeader."_s + status);
        c.header->setMargin(4);
        QFont bold = c.header->font();
        bold.setBold(true);
        c.header->setFont(bold);
        box->addWidget(c.header);
        c.proxy = new BoardColumnModel(c.frame);
        c.proxy->setSourceModel(&m_workspace.tickets());
        c.proxy->sort(0, Qt::AscendingOrder);
        c.view = new BoardColumnView(*this, status, c.frame);
        c.view->setObjectName(u"boardList."_s + status);
        c.view->setItemDelegate(m_delegate);
        box->addWidget(c.view, 1);
        m_columnsLayout->insertWidget(m_columnsLayout->count() - 1, c.frame);
        m_columns << c;

        BoardColumnModel *proxy = c.proxy;
        BoardColumnView *view = c.view;
        const auto recount = [this, proxy] {
            for (const Column &col : std::as_const(m_columns)) {
                if (col.proxy == proxy)
                    updateHeader(col);
            }
        };
        connect(proxy, &QAbstractItemModel::rowsInserted, this, recount);
        connect(proxy, &QAbstractItemModel::rowsRemoved, this, recount);
        connect(proxy, &QAbstractItemModel::modelReset, this, recount);
        connect(proxy, &QAbstractItemModel::layoutChanged, this, recount);
        // The current card is about to leave this column (its status changed): follow it to where it lands.
        // Connected before the view gets the model, so that this runs before the view moves its current index.
        connect(proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this, proxy, view](const QModelIndex &, int first, int last) {
                    if (!m_current.isValid() || m_follow.isValid())
                        return;
                    for (int row = first; row <= last; ++row) {
                        if (proxy->index(row, 0).data(TicketModel::TicketIdRole).toLongLong() == m_current.value()) {
                            m_follow = m_current;
                            m_followFocus = view->hasFocus();
                            QTimer::singleShot(0, this, &BoardView::followCurrent);
                            return;
                        }
                    }
                });
        view->setModel(proxy);
        connect(view->selectionModel(), &QItemSelectionModel::currentChanged, this,
                [this, view](const QModelIndex &current) {
                    if (m_follow.isValid() || !current.isValid())
                        return;
                    const TicketId id(current.data(TicketModel::TicketIdRole).toLongLong());
                    // One current card on the whole board.
                    for (const Column &col : std::as_const(m_columns)) {
                        if (col.view != view)
                            col.view->selectionModel()->clearSelection();
                    }
                    if (id != m_current) {
                        m_current = id;
                        Q_EMIT currentTicketChanged(id);
                    }
                });
        connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
            Q_EMIT ticketActivated(TicketId(index.data(TicketModel::TicketIdRole).toLongLong()));
        });
    }
    applyFilter();
    applyZoom();
    updateVisibility();
    if (m_current.isValid())
        selectTicket(m_current);
}

void BoardView::applyFilter()
{
    for (const Column &c : std::as_const(m_columns)) {
        TicketFilter f = m_filter;
        f.statuses = {c.status};
        f.types = {m_typeId};
        f.openOnly = false; // the columns are the statuses; "Show closed" decides about the final ones
        c.proxy->setFilter(f);
        updateHeader(c);
    }
}

void BoardView::applyZoom()
{
    const int width = static_cast<int>(std::lround(kColumnWidth * m_zoom));
    for (const Column &c : std::as_const(m_columns)) {
        c.frame->setFixedWidth(width);
        QFont f = c.header->font();
        f.setPointSizeF(std::max(6.0, font().pointSizeF() * (m_zoom > 1 ? m_zoom : 1.0)));
        c.header->setFont(f);
        c.view->relayout();
        c.view->viewport()->update();
    }
}

void BoardView::updateHeader(const Column &c)
{
    const QString name = m_workspace.directory().statusName(m_typeId, c.status);
    c.header->setText(tr("%1 · %2").arg(name).arg(c.proxy->rowCount()));
    c.header->setToolTip(tr("%n ticket(s) in “%1”", nullptr, c.proxy->rowCount()).arg(name));
}

void BoardView::updateVisibility()
{
    const TicketType *type = m_workspace.directory().types().type(m_typeId);
    for (const Column &c : std::as_const(m_columns))
        c.frame->setVisible(m_showClosed || !type || !type->isFinal(c.status));
}

QStringList BoardView::visibleStatuses() const
{
    QStringList out;
    const TicketType *type = m_workspace.directory().types().type(m_typeId);
    for (const Column &c : m_columns) {
        if (m_showClosed || !type || !type->isFinal(c.status))
            out << c.status;
    }
    return out;
}

QListView *BoardView::columnView(const QString &status) const
{
    for (const Column &c : m_columns) {
        if (c.status == status)
            return c.view;
    }
    return nullptr;
}

int BoardView::count(const QString &status) const
{
    for (const Column &c : m_columns) {
        if (c.status == status)
            return c.proxy->rowCount();
    }
    return 0;
}

const BoardView::Column *BoardView::columnOf(const BoardColumnView *view) const
{
    for (const Column &c : m_columns) {
        if (c.view == view)
            return &c;
    }
    return nullptr;
}

bool BoardView::selectTicket(TicketId id)
{
    const int sourceRow = m_workspace.tickets().rowOf(id);
    if (sourceRow < 0)
        return false;
    const QModelIndex source = m_workspace.tickets().index(sourceRow, 0);
    for (const Column &c : std::as_const(m_columns)) {
        const QModelIndex proxied = c.proxy->mapFromSource(source);
        if (!proxied.isValid() || c.frame->isHidden())
            continue;
        c.view->selectionModel()->setCurrentIndex(proxied, QItemSelectionModel::ClearAndSelect);
        c.view->scrollTo(proxied);
        m_scroll->ensureWidgetVisible(c.frame, 0, 0);
        m_current = id;
        return true;
    }
    return false;
}

void BoardView::followCurrent()
{
    const TicketId id = std::exchange(m_follow, TicketId());
    const bool focus = std::exchange(m_followFocus, false);
    if (!id.isValid())
        return;
    if (!selectTicket(id))
        return;
    if (focus) {
        for (const Column &c : std::as_const(m_columns)) {
            if (c.view->currentIndex().isValid() &&
                TicketId(c.view->currentIndex().data(TicketModel::TicketIdRole).toLongLong()) == id)
                c.view->setFocus();
        }
    }
}

void BoardView::focusNeighbour(const BoardColumnView *from, int direction)
{
    const QStringList visible = visibleStatuses();
    const Column *here = columnOf(from);
    if (!here)
        return;
    qsizetype i = visible.indexOf(here->status);
    // Skip empty columns: the arrow goes to the next card, not to an empty list.
    for (i += direction; i >= 0 && i < visible.size(); i += direction) {
        QListView *view = columnView(visible.at(i));
        if (!view || view->model()->rowCount() == 0)
            continue;
        const int row = std::clamp(from->currentIndex().row(), 0, view->model()->rowCount() - 1);
        view->setFocus(Qt::OtherFocusReason);
        view->selectionModel()->setCurrentIndex(view->model()->index(row, 0), QItemSelectionModel::ClearAndSelect);
        m_scroll->ensureWidgetVisible(view->parentWidget(), 0, 0);
        return;
    }
}

bool BoardView::dropTickets(const QList<TicketId> &ids, const QString &toStatus)
{
    QList<TicketId> ofType;
    for (TicketId id : ids) {
        if (const Ticket *t = m_workspace.tickets().ticket(id); t && t->type == m_typeId)
            ofType << id;
    }
    if (ofType.isEmpty() && !ids.isEmpty()) {
        refuse(tr("Only tickets of the type “%1” can go into these columns.")
                   .arg(m_workspace.directory().typeName(m_typeId)));
        return false;
    }
    return m_moves->start(ofType, toStatus);
}

void BoardView::refuse(const QString &text)
{
    showMessage(text);
    if (isVisible())
        QToolTip::showText(QCursor::pos(), text, this);
}

void BoardView::showMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setToolTip(text);
    m_messageTimer->start();
    Q_EMIT statusMessage(text);
}

} // namespace crewline::client
