#pragma once

// The map view of the console: a toolbar (zoom to fit, layers, trails, labels, clustering, settings), the map, and
// the ranked candidates for the selected ticket. Linked with the ticket table by the main window: the table's
// filter narrows the map, selecting a ticket centres the map on it and ranks who could take it; choosing a
// candidate (click, 1–9, Enter) or dropping a ticket on a person dispatches through the workspace. Candidates come
// from the server's ranking (dispatch.suggest, with its breakdown); only when the server cannot rank does the
// console estimate from distance and load, and says so. Live position reports ("staff" notices, applied by the
// staff model) move people as they arrive; clicking a person shows their track of the last hour (staff.track).

#include "client/core/geo/mapdata.h"
#include "client/core/ticketfilter.h"
#include "client/ui/settings.h"

#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QTimer;

namespace crewline::geo {
class TileLoader;
}

namespace crewline::client {

class MapWidget;
class StaffModel;
class Workspace;

class MapPanel : public QWidget
{
    Q_OBJECT
public:
    // staff: the console's staff model (shared with the staff panel); the map reads positions from it.
    MapPanel(Workspace &workspace, const StaffModel *staff, QWidget *parent = nullptr);
    ~MapPanel() override;

    MapWidget *canvas() const { return m_canvas; }
    MapData &data() { return *m_data; }
    geo::TileLoader &tiles() { return *m_tiles; }
    QListWidget *candidateList() const { return m_candidates; }
    QString errorText() const; // what went wrong loading the base layer or overlays, empty when all is well

    // Applies map settings: base layer and overlays (errors are shown in the panel, the rest still loads).
    void applySettings(const MapSettings &settings);
    void setFilter(const TicketFilter &filter);
    // Centres on the ticket and ranks candidates for it.
    void showTicket(TicketId id);
    TicketId selectedTicket() const { return m_ticket; }
    const QList<MapCandidate> &candidates() const { return m_ranked; }
    // Dispatches the selected ticket to the candidate at index; returns the idempotency key (empty if refused).
    QString dispatchTo(int index);
    int assignTickets(const QList<TicketId> &ids, UserId to);

Q_SIGNALS:
    void ticketActivated(crewline::TicketId id);
    void statusMessage(const QString &text);

private:
    void openSettings();
    void rankCandidates();
    void showCandidates();
    void showTrail(UserId id);
    void setMessage(const QString &text, bool error);
    void rebuildLayerMenu();

    Workspace &m_workspace;
    const StaffModel *m_staff;
    MapData *m_data;
    geo::TileLoader *m_tiles;
    MapWidget *m_canvas;
    QListWidget *m_candidates;
    QLabel *m_message;
    QMenu *m_layerMenu;
    QAction *m_trails, *m_labels, *m_clustering;
    MapSettings m_settings;
    QStringList m_errors;
    TicketId m_ticket;
    QList<MapCandidate> m_ranked;
    QTimer *m_rerank;
    int m_rankGeneration = 0;
    bool m_ranking = false; // a dispatch.suggest is on its way
};

} // namespace crewline::client
