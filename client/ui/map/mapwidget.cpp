#include "client/ui/map/mapwidget.h"

#include "client/core/geo/mapdata.h"
#include "client/core/staffmodel.h"
#include "client/core/ticketmodel.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QHelpEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr int kPulseMs = 70;
const GeoPoint kDefaultCentre = GeoPoint::at(30.2741, 120.1551); // the demo city; replaced by zoom to fit

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

MapWidget::MapWidget(MapData &data, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_view(kDefaultCentre, 11, QSize(640, 480))
{
    setObjectName(u"map.canvas"_s);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(200, 150);
    m_pulse.setInterval(kPulseMs);
    connect(&m_pulse, &QTimer::timeout, this, [this] {
        m_pulsePhase += kPulseMs / 1400.0;
        m_pulsePhase -= std::floor(m_pulsePhase);
        update();
    });
    connect(&data, &MapData::changed, this, [this] {
        if (!m_fitted && !m_data.worldBounds().isNull()) {
            zoomToFit();
            m_fitted = true;
        }
        update();
    });
}

void MapWidget::setView(const GeoPoint &centre, double zoom)
{
    m_view.setCentre(centre);
    m_view.setZoom(zoom);
    m_fitted = true;
    update();
}

void MapWidget::zoomToFit()
{
    const QRectF bounds = m_data.worldBounds();
    if (bounds.isNull() && bounds.topLeft().isNull())
        return;
    fitWorld(bounds, 15);
}

void MapWidget::fitWorld(const QRectF &world, double maxZoom)
{
    m_view.setSize(size());
    m_view.fit(world, maxZoom);
    m_fitted = true;
    update();
}

bool MapWidget::showTicket(TicketId id, double minZoom)
{
    const int i = m_data.ticketIndex(id);
    m_state.selectedTicket = id;
    m_state.candidates.clear();
    m_state.highlightedCandidate = 0;
    if (i < 0) {
        update();
        return false;
    }
    m_view.setCentreWorld(m_data.tickets()[size_t(i)].world);
    if (m_view.zoom() < minZoom)
        m_view.setZoom(minZoom);
    m_fitted = true;
    update();
    return true;
}

void MapWidget::setCandidates(const QList<MapCandidate> &candidates)
{
    m_state.candidates = candidates;
    m_state.highlightedCandidate = 0;
    update();
}

void MapWidget::clearSelection()
{
    m_state.selectedTicket = {};
    m_state.selectedStaff = {};
    m_state.candidates.clear();
    update();
}

QPointF MapWidget::screenPos(TicketId id) const
{
    const int i = m_data.ticketIndex(id);
    return i < 0 ? QPointF(-1, -1) : m_view.toScreen(m_data.tickets()[size_t(i)].world);
}

QPointF MapWidget::screenPos(UserId id) const
{
    const int i = m_data.staffIndex(id);
    return i < 0 ? QPointF(-1, -1) : m_view.toScreen(m_data.staff()[size_t(i)].world);
}

void MapWidget::resizeEvent(QResizeEvent *event)
{
    m_view.setSize(size());
    QWidget::resizeEvent(event);
}

void MapWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    m_view.setSize(size());
    m_state.pulse = m_pulsePhase;
    m_state.now = m_data.now();
    m_renderer.paint(p, m_view, m_data, m_state);
    paintChrome(p);
    if (m_renderer.hasVisibleEmergency() && !m_pulse.isActive())
        m_pulse.start();
    else if (!m_renderer.hasVisibleEmergency() && m_pulse.isActive())
        m_pulse.stop();
}

// Scale bar, the coordinates under the cursor and the attribution: always on top, always legible.
void MapWidget::paintChrome(QPainter &p)
{
    p.setRenderHint(QPainter::Antialiasing, false);
    QFont f = font();
    f.setPointSizeF(8.5);
    p.setFont(f);
    const QFontMetrics fm(f);
    const geo::ScaleBar bar = geo::scaleBar(m_view.metresPerPixel(), 120);
    const int x0 = 10, y0 = height() - 12;
    p.fillRect(QRect(x0 - 4, y0 - fm.height() - 8, int(bar.pixels) + 8 + 4, fm.height() + 14),
               QColor(255, 255, 255, 200));
    p.setPen(QPen(QColor(0x21, 0x21, 0x21), 2));
    p.drawLine(x0, y0, x0 + int(bar.pixels), y0);
    p.drawLine(x0, y0 - 5, x0, y0);
    p.drawLine(x0 + int(bar.pixels), y0 - 5, x0 + int(bar.pixels), y0);
    p.drawText(QPoint(x0 + 2, y0 - 6), bar.label);

    QStringList bottom;
    if (m_cursorGeo.isValid())
        bottom << geo::formatCoordinate(m_cursorGeo);
    bottom << tr("zoom %1").arg(m_view.zoom(), 0, 'f', 1);
    const QString where = bottom.join(u"   "_s);
    const QRect whereBox(x0 + int(bar.pixels) + 16, height() - fm.height() - 8, fm.horizontalAdvance(where) + 10,
                         fm.height() + 4);
    p.fillRect(whereBox, QColor(255, 255, 255, 200));
    p.setPen(QColor(0x37, 0x47, 0x4f));
    p.drawText(whereBox, Qt::AlignCenter, where);

    const QString attribution = m_renderer.attribution();
    if (!attribution.isEmpty()) {
        const QRect box(width() - fm.horizontalAdvance(attribution) - 14, height() - fm.height() - 6,
                        fm.horizontalAdvance(attribution) + 10, fm.height() + 4);
        p.fillRect(box, QColor(255, 255, 255, 215));
        p.setPen(QColor(0x21, 0x21, 0x21));
        p.drawText(box, Qt::AlignCenter, attribution);
    }
}

UserId MapWidget::staffAt(const QPointF &pos) const
{
    const MapHit hit = m_renderer.hitTest(pos);
    if (hit.kind == MapHit::Kind::Staff)
        return m_data.staff()[size_t(hit.index)].id;
    return {};
}

bool MapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

// What a marker is, in words: for the mouse pointer resting on it.
QString MapWidget::toolTipAt(const QPointF &pos) const
{
    const MapHit hit = m_renderer.hitTest(pos);
    const QDateTime now = m_data.now();
    switch (hit.kind) {
    case MapHit::Kind::Ticket: {
        const TicketMarker &t = m_data.tickets()[size_t(hit.index)];
        QStringList lines{t.number + u" · "_s + t.title};
        if (!t.address.isEmpty())
            lines << t.address;
        lines << tr("%1 priority, open for %2")
                     .arg(TicketModel::priorityText(t.priority),
                          TicketModel::ageText(t.createdAt.isValid() ? t.createdAt.secsTo(now) : 0));
        if (t.emergency)
            lines << tr("Emergency");
        lines << tr("Drag onto a person to assign");
        return lines.join(u'\n');
    }
    case MapHit::Kind::Staff: {
        const StaffMarker &s = m_data.staff()[size_t(hit.index)];
        QStringList lines{s.name + u" · "_s + StaffModel::statusText(s.status),
                          tr("%n open ticket(s)", nullptr, s.openTickets)};
        const qint64 age = s.positionAt.isValid() ? s.positionAt.secsTo(now) : -1;
        if (age < 0 || age > MapData::kOfflineSeconds)
            lines << tr("Offline since %1")
                         .arg(s.positionAt.isValid()
                                  ? QLocale().toString(s.positionAt.toLocalTime(), QLocale::ShortFormat)
                                  : tr("unknown"));
        else
            lines << tr("Position %1 ago, ±%2 m").arg(TicketModel::ageText(age)).arg(std::lround(s.accuracy));
        return lines.join(u'\n');
    }
    case MapHit::Kind::TicketCluster:
        return tr("%n open ticket(s) here: click to zoom in", nullptr, hit.count);
    case MapHit::Kind::StaffCluster:
        return tr("%n people here: click to zoom in", nullptr, hit.count);
    case MapHit::Kind::Candidate:
        return tr("Click or press %1 to dispatch to this person").arg(hit.index + 1);
    case MapHit::Kind::None:
        break;
    }
    return {};
}

void MapWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    m_pressPos = m_lastPos = event->position();
    m_pressHit = m_renderer.hitTest(event->position());
    m_drag = Drag::Pending;
}

void MapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    m_cursorGeo = m_view.toGeo(pos);
    Q_EMIT cursorMoved(m_cursorGeo);
    if (m_drag == Drag::Pending && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        if (m_pressHit.kind == MapHit::Kind::Ticket) {
            m_drag = Drag::Ticket;
            m_state.draggedTicket = m_data.tickets()[size_t(m_pressHit.index)].id;
            setCursor(Qt::ClosedHandCursor);
        } else {
            m_drag = Drag::Pan;
            setCursor(Qt::ClosedHandCursor);
        }
    }
    if (m_drag == Drag::Pan) {
        m_view.panBy(pos - m_lastPos);
        m_fitted = true;
    } else if (m_drag == Drag::Ticket) {
        m_state.dragPos = pos;
        m_state.dropTarget = staffAt(pos);
    } else if (m_drag == Drag::None) {
        const MapHit hit = m_renderer.hitTest(pos);
        setCursor(hit.kind == MapHit::Kind::None ? Qt::ArrowCursor : Qt::PointingHandCursor);
    }
    m_lastPos = pos;
    update();
}

void MapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    const Drag drag = m_drag;
    m_drag = Drag::None;
    unsetCursor();
    if (drag == Drag::Ticket) {
        const TicketId ticket = m_state.draggedTicket;
        const UserId to = staffAt(event->position());
        m_state.draggedTicket = {};
        m_state.dropTarget = {};
        update();
        if (to.isValid())
            Q_EMIT assignRequested({ticket}, to);
        return;
    }
    if (drag != Drag::Pending)
        return;
    // A click.
    switch (m_pressHit.kind) {
    case MapHit::Kind::Candidate:
        m_state.highlightedCandidate = m_pressHit.index;
        update();
        Q_EMIT candidateChosen(m_pressHit.index);
        break;
    case MapHit::Kind::Ticket: {
        const TicketId id = m_data.tickets()[size_t(m_pressHit.index)].id;
        m_state.selectedTicket = id;
        m_state.candidates.clear();
        update();
        Q_EMIT ticketClicked(id);
        break;
    }
    case MapHit::Kind::Staff: {
        const UserId id = m_data.staff()[size_t(m_pressHit.index)].id;
        m_state.selectedStaff = id;
        update();
        Q_EMIT staffClicked(id);
        break;
    }
    case MapHit::Kind::TicketCluster:
    case MapHit::Kind::StaffCluster:
        m_view.setCentreWorld(m_pressHit.world);
        m_view.setZoom(std::floor(m_view.zoom()) + 2);
        update();
        break;
    case MapHit::Kind::None:
        break;
    }
}

void MapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (m_renderer.hitTest(event->position()).kind == MapHit::Kind::None) {
        m_view.zoomAround(event->position(), 1);
        update();
    }
}

void MapWidget::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    m_view.zoomAround(event->position(), steps * 0.5);
    m_fitted = true;
    update();
    event->accept();
}

void MapWidget::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_9 && event->modifiers() == Qt::NoModifier) {
        const int index = key - Qt::Key_1;
        if (index < m_state.candidates.size()) {
            m_state.highlightedCandidate = index;
            update();
            Q_EMIT candidateChosen(index);
        }
        return;
    }
    switch (key) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!m_state.candidates.isEmpty())
            Q_EMIT candidateChosen(m_state.highlightedCandidate);
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        m_view.zoomAround(QPointF(width() / 2.0, height() / 2.0), 1);
        break;
    case Qt::Key_Minus:
        m_view.zoomAround(QPointF(width() / 2.0, height() / 2.0), -1);
        break;
    case Qt::Key_Left:
        m_view.panBy({120, 0});
        break;
    case Qt::Key_Right:
        m_view.panBy({-120, 0});
        break;
    case Qt::Key_Up:
        m_view.panBy({0, 120});
        break;
    case Qt::Key_Down:
        m_view.panBy({0, -120});
        break;
    case Qt::Key_F:
    case Qt::Key_Home:
        zoomToFit();
        break;
    case Qt::Key_Escape:
        clearSelection();
        Q_EMIT selectionCleared();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    m_fitted = true;
    update();
}

void MapWidget::leaveEvent(QEvent *event)
{
    m_cursorGeo = {};
    update();
    QWidget::leaveEvent(event);
}

void MapWidget::dragEnterEvent(QDragEnterEvent *event)
{
    if (!ticketIds(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MapWidget::dragMoveEvent(QDragMoveEvent *event)
{
    const UserId to = staffAt(event->position());
    if (to != m_state.dropTarget) {
        m_state.dropTarget = to;
        update();
    }
    if (to.isValid())
        event->acceptProposedAction();
    else
        event->ignore();
}

void MapWidget::dragLeaveEvent(QDragLeaveEvent *)
{
    m_state.dropTarget = {};
    update();
}

void MapWidget::dropEvent(QDropEvent *event)
{
    const UserId to = staffAt(event->position());
    const QList<TicketId> ids = ticketIds(event->mimeData());
    m_state.dropTarget = {};
    update();
    if (!to.isValid() || ids.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    Q_EMIT assignRequested(ids, to);
}

} // namespace crewline::client
