#pragma once

// Paints the map to any QPainter (the widget, an image for the benchmark or a printout): base tiles or a plain
// grid, GeoJSON overlays, staff trails and accuracy circles, candidate lines for the selected ticket, ticket and
// staff markers (clustered at low zoom), labels and the selection. Layers are painted in the order of MapLayer.
// The renderer keeps caches between frames: projected overlay paths, marker pixmaps, clusters per zoom and data
// revision, and the screen positions of what it drew last (for hit testing) — so a frame allocates little.

#include "client/core/geo/cluster.h"
#include "client/core/geo/geojson.h"
#include "client/core/geo/mapdata.h"
#include "client/core/geo/viewport.h"

#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QPixmap>
#include <QPolygonF>
#include <QSet>
#include <QStaticText>

#include <vector>

class QPainter;

namespace crewline::geo {
class TileLoader;
}

namespace crewline::client {

// Painting order, bottom to top.
enum class MapLayer
{
    Base,
    Overlays,
    Trails,
    Accuracy,
    CandidateLines,
    Tickets,
    Staff,
    Labels,
    Selection,
};

struct MapRenderState
{
    TicketId selectedTicket;
    UserId selectedStaff;
    QList<MapCandidate> candidates; // for the selected ticket, best first
    int highlightedCandidate = 0;
    TicketId draggedTicket; // being dragged: drawn at dragPos
    QPointF dragPos;
    UserId dropTarget; // the person under a dragged ticket
    double pulse = 0;  // 0..1, animates emergency tickets
    QDateTime now;
    bool clustering = true;
    bool trails = true;
    bool labels = true;
    bool overlays = true;
    QSet<int> hiddenOverlays; // indexes into the overlay list
};

struct MapHit
{
    enum class Kind
    {
        None,
        Ticket,
        Staff,
        TicketCluster,
        StaffCluster,
        Candidate, // the label of a candidate line
    };
    Kind kind = Kind::None;
    int index = -1; // ticket/staff index in MapData, candidate index, or cluster index
    QPointF world;  // for clusters: their centre
    int count = 0;  // for clusters
};

class MapRenderer
{
public:
    MapRenderer();

    void setTileLoader(geo::TileLoader *loader) { m_tiles = loader; }
    QString attribution() const; // of the base layer, empty for the plain grid
    void setOverlays(const QList<geo::GeoJsonLayer> &layers);
    const QList<geo::GeoJsonLayer> &overlays() const { return m_overlays; }
    // Below this zoom, markers are clustered (when clustering is on).
    void setClusterBelowZoom(int zoom) { m_clusterBelow = zoom; }
    int clusterBelowZoom() const { return m_clusterBelow; }

    void paint(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state);
    // What is under a screen point, as drawn by the last paint() (top-most first: candidate labels, staff,
    // tickets, clusters).
    MapHit hitTest(const QPointF &screen) const;

    // What the last frame drew (tests, benchmark).
    int drawnTickets() const { return m_drawnTickets; }
    int drawnStaff() const { return m_drawnStaff; }
    int drawnClusters() const { return m_drawnClusters; }
    bool hasVisibleEmergency() const { return m_visibleEmergency; }

    static QColor priorityColor(Priority p);
    static QColor staffColor(const QString &status);

private:
    struct OverlayPath
    {
        int layer;
        QRectF bounds; // world
        QPolygonF world;
        bool closed;
        bool point;
        QColor stroke;
        QColor fill;
        double width;
        QString name;
    };
    struct Drawn
    {
        QPointF screen;
        int index;
    };
    struct DrawnCluster
    {
        QPointF screen;
        double radius;
        int index;
        QPointF world;
        int count;
        bool staff;
    };
    struct ClusterCache
    {
        int zoom = -1;
        quint64 revision = 0;
        std::vector<geo::Cluster> tickets;
        std::vector<geo::Cluster> staff;
    };

    void paintBase(QPainter &p, const geo::Viewport &view);
    void paintGrid(QPainter &p, const geo::Viewport &view, bool light);
    void paintOverlays(QPainter &p, const geo::Viewport &view, const MapRenderState &state);
    void paintOverlayPaths(QPainter &p, const QRectF &visible, const MapRenderState &state);
    void paintOverlayLabels(QPainter &p, const geo::Viewport &view, const QRectF &visible, const MapRenderState &state);
    const QPixmap &accuracyPixmap(int radius, const QColor &colour, int fadeBucket);
    void paintTrails(QPainter &p, const geo::Viewport &view, const MapData &data);
    void paintAccuracy(QPainter &p, const geo::Viewport &view, const MapData &data, const QDateTime &now);
    void paintCandidateLines(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state);
    void paintTickets(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state,
                      bool clustered);
    void paintStaff(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state,
                    bool clustered);
    void paintLabels(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state);
    void paintSelection(QPainter &p, const geo::Viewport &view, const MapData &data, const MapRenderState &state);
    void updateClusters(const MapData &data, int zoom);
    const QPixmap &ticketPixmap(Priority priority, int ageBucket, bool emergency);
    // headingBucket: 0..kHeadings-1, or kHeadings for none.
    const QPixmap &staffPixmap(const QString &status, int fadeBucket, bool offline, int headingBucket);
    const QPixmap &pulsePixmap(int bucket, double baseRadius);
    const QStaticText &countText(int count);
    const QPixmap &clusterPixmap(const QColor &colour, int sizeBucket, bool staff);
    double staffFade(const StaffMarker &s, const QDateTime &now, bool *offline) const;
    // Screen position of a world point, taking the copy of the world nearest to the view (antimeridian).
    QPointF screenOf(const geo::Viewport &view, const QPointF &world) const;

    geo::TileLoader *m_tiles = nullptr;
    QList<geo::GeoJsonLayer> m_overlays;
    std::vector<OverlayPath> m_paths;
    int m_clusterBelow = 13;
    ClusterCache m_clusters;
    QHash<quint32, QPixmap> m_pixmaps;
    QHash<int, QStaticText> m_counts;
    // The overlays change rarely: painted once into an image a margin larger than the view, reused while panning
    // at the same zoom.
    struct OverlayCache
    {
        QImage image;
        double zoom = -1;
        QPointF originWorld;
        QSet<int> hidden;
        quint64 generation = 0;
    };
    OverlayCache m_overlayCache;
    quint64 m_overlayGeneration = 1;
    qreal m_dpr = 1;
    // Per frame (kept to avoid allocations): what was drawn where.
    std::vector<Drawn> m_drawnTicketPos;
    std::vector<Drawn> m_drawnStaffPos;
    std::vector<DrawnCluster> m_drawnClusterPos;
    std::vector<std::pair<QRectF, int>> m_candidateLabels;
    QPolygonF m_scratch;
    QRectF m_cullRect;
    QPointF m_origin;
    double m_scale = 1;
    int m_drawnTickets = 0;
    int m_drawnStaff = 0;
    int m_drawnClusters = 0;
    bool m_visibleEmergency = false;
};

} // namespace crewline::client
