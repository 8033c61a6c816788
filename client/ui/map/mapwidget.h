#pragma once

// The map's input widget: paints through MapRenderer and turns the mouse and keyboard into navigation and
// intents. Drag the empty map to pan, wheel to zoom around the cursor, +/- and arrows, F to fit. Click a marker to
// select it, a cluster to zoom into it. With a ticket selected, 1–9 or Enter (or a click on a candidate's label)
// chooses a candidate; dragging a ticket marker onto a person (or dropping tickets from the table on one) asks to
// assign. The widget only emits intents: the panel calls the workspace.

#include "client/core/geo/viewport.h"
#include "client/ui/map/maprenderer.h"

#include <QTimer>
#include <QWidget>

namespace crewline::client {

class MapData;

class MapWidget : public QWidget
{
    Q_OBJECT
public:
    explicit MapWidget(MapData &data, QWidget *parent = nullptr);

    MapRenderer &renderer() { return m_renderer; }
    const geo::Viewport &viewport() const { return m_view; }
    MapRenderState &state() { return m_state; }
    void setView(const GeoPoint &centre, double zoom);
    void zoomToFit();
    void fitWorld(const QRectF &world, double maxZoom = 15);
    // Centres on the ticket (zooming in to at least minZoom) and selects it; false when it is not on the map.
    bool showTicket(TicketId id, double minZoom = 13);
    void setCandidates(const QList<MapCandidate> &candidates);
    void clearSelection();
    // Screen position of a ticket or person as the view stands (tests, screenshots).
    QPointF screenPos(TicketId id) const;
    QPointF screenPos(UserId id) const;
    GeoPoint cursorPosition() const { return m_cursorGeo; }

    QSize sizeHint() const override { return {640, 480}; }

Q_SIGNALS:
    void ticketClicked(crewline::TicketId id);
    void staffClicked(crewline::UserId id);
    void candidateChosen(int index);
    void assignRequested(const QList<crewline::TicketId> &tickets, crewline::UserId to);
    void selectionCleared();
    void cursorMoved(const crewline::GeoPoint &p);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void paintChrome(QPainter &p);
    UserId staffAt(const QPointF &pos) const;
    QString toolTipAt(const QPointF &pos) const;

    MapData &m_data;
    MapRenderer m_renderer;
    MapRenderState m_state;
    geo::Viewport m_view;
    QTimer m_pulse;
    double m_pulsePhase = 0;
    // Mouse interaction
    enum class Drag
    {
        None,
        Pending, // pressed, not moved far enough yet
        Pan,
        Ticket,
    };
    Drag m_drag = Drag::None;
    QPointF m_pressPos;
    QPointF m_lastPos;
    MapHit m_pressHit;
    GeoPoint m_cursorGeo;
    bool m_fitted = false;
};

} // namespace crewline::client
