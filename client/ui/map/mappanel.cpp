#include "client/ui/map/mappanel.h"

#include "client/core/geo/geojson.h"
#include "client/core/geo/tileloader.h"
#include "client/core/staffmodel.h"
#include "client/core/workspace.h"
#include "client/ui/map/mapsettingsdialog.h"
#include "client/ui/map/mapwidget.h"

#include <QAction>
#include <QColor>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
constexpr int kCandidates = 5;
constexpr int kRerankMs = 1500;

QString distanceText(double metres)
{
    if (metres < 0)
        return MapPanel::tr("distance unknown");
    return metres < 1000 ? MapPanel::tr("%1 m").arg(std::lround(metres))
                         : MapPanel::tr("%1 km").arg(metres / 1000.0, 0, 'f', 1);
}
} // namespace

MapPanel::MapPanel(Workspace &workspace, const StaffModel *staff, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_staff(staff)
{
    setObjectName(u"map"_s);
    m_data = new MapData(workspace.tickets(), staff, this);
    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + u"/tiles"_s;
    m_tiles = new geo::TileLoader(cacheDir, this);
    m_canvas = new MapWidget(*m_data, this);
    m_canvas->renderer().setTileLoader(m_tiles);
    connect(m_tiles, &geo::TileLoader::tileReady, m_canvas, qOverload<>(&QWidget::update));

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(u"map.toolbar"_s);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction *fit = toolbar->addAction(tr("Zoom to fit"), m_canvas, &MapWidget::zoomToFit);
    fit->setObjectName(u"map.fit"_s);
    fit->setToolTip(tr("Show every ticket and person on the map (F)"));
    m_layerMenu = new QMenu(tr("Layers"), this);
    auto *layers = new QToolButton(toolbar);
    layers->setText(tr("Layers"));
    layers->setMenu(m_layerMenu);
    layers->setPopupMode(QToolButton::InstantPopup);
    toolbar->addWidget(layers);
    m_trails = toolbar->addAction(tr("Trails"));
    m_trails->setObjectName(u"map.trails"_s);
    m_trails->setToolTip(tr("Where each person went in the last hour"));
    m_labels = toolbar->addAction(tr("Labels"));
    m_labels->setObjectName(u"map.labels"_s);
    m_clustering = toolbar->addAction(tr("Cluster"));
    m_clustering->setObjectName(u"map.clustering"_s);
    m_clustering->setToolTip(tr("Group nearby markers when zoomed out"));
    for (QAction *a : {m_trails, m_labels, m_clustering}) {
        a->setCheckable(true);
        connect(a, &QAction::toggled, this, [this] {
            m_canvas->state().trails = m_trails->isChecked();
            m_canvas->state().labels = m_labels->isChecked();
            m_canvas->state().clustering = m_clustering->isChecked();
            m_settings.trails = m_trails->isChecked();
            m_settings.labels = m_labels->isChecked();
            m_settings.clustering = m_clustering->isChecked();
            m_settings.save();
            m_canvas->update();
        });
    }
    toolbar->addSeparator();
    QAction *settingsAction = toolbar->addAction(tr("Map settings…"), this, &MapPanel::openSettings);
    settingsAction->setObjectName(u"map.settings"_s);

    m_candidates = new QListWidget(this);
    m_candidates->setObjectName(u"map.candidates"_s);
    m_candidates->setMinimumWidth(200);
    m_candidates->setWordWrap(true);
    m_candidates->setToolTip(tr("Press 1–9 on the map, Enter here, or double-click to dispatch"));
    connect(m_candidates, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { dispatchTo(m_candidates->row(item)); });

    m_message = new QLabel(this);
    m_message->setObjectName(u"map.message"_s);
    m_message->setWordWrap(true);
    m_message->hide();

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_canvas);
    split->addWidget(m_candidates);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setSizes({900, 220});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_canvas, &MapWidget::ticketClicked, this, [this](TicketId id) {
        showTicket(id);
        Q_EMIT ticketActivated(id);
    });
    connect(m_canvas, &MapWidget::candidateChosen, this, [this](int index) { dispatchTo(index); });
    connect(m_canvas, &MapWidget::assignRequested, this, &MapPanel::assignTickets);
    connect(m_canvas, &MapWidget::selectionCleared, this, [this] {
        m_ticket = {};
        m_ranked.clear();
        showCandidates();
    });
    connect(m_canvas, &MapWidget::staffClicked, this, &MapPanel::showTrail);
    // People move and load changes: the ranking is refreshed now and then while a ticket is selected.
    m_rerank = new QTimer(this);
    m_rerank->setSingleShot(true);
    m_rerank->setInterval(kRerankMs);
    connect(m_rerank, &QTimer::timeout, this, &MapPanel::rankCandidates);
    connect(m_data, &MapData::changed, this, [this] {
        if (m_ticket.isValid() && !m_rerank->isActive())
            m_rerank->start();
    });

    applySettings(MapSettings::load());
    showCandidates();
}

MapPanel::~MapPanel() = default;

QString MapPanel::errorText() const
{
    return m_errors.join(u'\n');
}

void MapPanel::setMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: #c62828"_s : QString());
    m_message->setVisible(!text.isEmpty());
}

void MapPanel::applySettings(const MapSettings &settings)
{
    m_settings = settings;
    m_errors.clear();
    geo::TileSourceConfig source;
    switch (settings.base) {
    case MapSettings::Base::Grid:
        break;
    case MapSettings::Base::Xyz:
        source.kind = geo::TileSourceConfig::Kind::Xyz;
        source.urlTemplate = settings.tileUrl;
        source.attribution = settings.tileAttribution;
        break;
    case MapSettings::Base::MbTiles:
        source.kind = geo::TileSourceConfig::Kind::MbTiles;
        source.mbtilesPath = settings.mbtilesPath;
        source.attribution = settings.tileAttribution;
        break;
    }
    QString error;
    if (!m_tiles->setSource(source, &error))
        m_errors << tr("Base map: %1 The plain grid is shown instead.").arg(error);

    QList<geo::GeoJsonLayer> layers;
    for (const QString &file : settings.overlays) {
        geo::GeoJsonError e;
        if (std::optional<geo::GeoJsonLayer> layer = geo::GeoJson::load(file, &e))
            layers << *layer;
        else
            m_errors << tr("Overlay %1 not loaded: %2").arg(file, e.message());
    }
    m_canvas->renderer().setOverlays(layers);
    m_canvas->state().hiddenOverlays.clear();
    rebuildLayerMenu();

    const QSignalBlocker b1(m_trails), b2(m_labels), b3(m_clustering);
    m_trails->setChecked(settings.trails);
    m_labels->setChecked(settings.labels);
    m_clustering->setChecked(settings.clustering);
    m_canvas->state().trails = settings.trails;
    m_canvas->state().labels = settings.labels;
    m_canvas->state().clustering = settings.clustering;
    setMessage(m_errors.join(u'\n'), true);
    m_canvas->update();
}

void MapPanel::rebuildLayerMenu()
{
    m_layerMenu->clear();
    const QList<geo::GeoJsonLayer> &layers = m_canvas->renderer().overlays();
    QAction *all = m_layerMenu->addAction(tr("Overlays"));
    all->setCheckable(true);
    all->setChecked(m_canvas->state().overlays);
    connect(all, &QAction::toggled, this, [this](bool on) {
        m_canvas->state().overlays = on;
        m_canvas->update();
    });
    m_layerMenu->addSeparator();
    for (int i = 0; i < layers.size(); ++i) {
        QAction *a = m_layerMenu->addAction(layers.at(i).name);
        a->setObjectName(u"map.layer.%1"_s.arg(i));
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, this, [this, i](bool on) {
            if (on)
                m_canvas->state().hiddenOverlays.remove(i);
            else
                m_canvas->state().hiddenOverlays.insert(i);
            m_canvas->update();
        });
    }
    if (layers.isEmpty())
        m_layerMenu->addAction(tr("No overlay files (see Map settings)"))->setEnabled(false);
}

void MapPanel::openSettings()
{
    auto *dialog = new MapSettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const MapSettings s = dialog->settings();
        s.save();
        applySettings(s);
    });
    dialog->open();
}

void MapPanel::setFilter(const TicketFilter &filter)
{
    m_data->setFilter(filter);
}

void MapPanel::showTicket(TicketId id)
{
    if (id == m_ticket && m_canvas->state().selectedTicket == id)
        return;
    m_data->rebuildNow(); // a ticket created a moment ago must be on the map before centring
    m_ticket = id;
    // Another ticket's candidates must never be dispatched to this one: cleared until the ranking arrives.
    m_ranked.clear();
    ++m_rankGeneration;
    if (!m_canvas->showTicket(id)) {
        m_ranked.clear();
        showCandidates();
        const Ticket *t = m_workspace.tickets().ticket(id);
        if (t && !t->location.isValid())
            Q_EMIT statusMessage(tr("%1 has no location: it is not on the map.").arg(t->number));
        return;
    }
    rankCandidates();
}

void MapPanel::rankCandidates()
{
    if (!m_ticket.isValid())
        return;
    const TicketId ticket = m_ticket;
    auto useLocal = [this] {
        m_ranked = m_data->localCandidates(m_ticket, kCandidates);
        m_canvas->setCandidates(m_ranked);
        showCandidates();
    };
    if (!m_workspace.may(protocol::Op::DispatchSuggest) || !m_workspace.connection().isOnline()) {
        useLocal();
        return;
    }
    const int generation = ++m_rankGeneration;
    m_ranking = true;
    if (m_ranked.isEmpty())
        showCandidates(); // "Ranking…"
    const QPointer<MapPanel> self(this);
    m_workspace.suggestDispatch(
        ticket, kCandidates,
        [self, generation, ticket, useLocal](bool ok, const DispatchSuggestion &s, const QString &) {
            if (!self || generation != self->m_rankGeneration || ticket != self->m_ticket)
                return; // a newer question is on its way
            self->m_ranking = false;
            if (!ok) {
                useLocal();
                return;
            }
            QList<MapCandidate> ranked;
            for (const DispatchCandidate &d : s.candidates) {
                MapCandidate c;
                c.userId = d.userId;
                c.name = d.name;
                c.status = d.status;
                c.score = d.score;
                c.distance = d.distance;
                c.openTickets = d.openTickets;
                c.stale = d.stale;
                c.frozen = d.frozen;
                c.eligible = d.eligible;
                c.breakdown = d.breakdown;
                ranked << c;
            }
            self->m_ranked = ranked;
            self->m_canvas->setCandidates(ranked);
            self->showCandidates();
        });
}

void MapPanel::showCandidates()
{
    m_candidates->clear();
    if (!m_ticket.isValid()) {
        auto *hint = new QListWidgetItem(tr("Select a ticket to see who could take it."), m_candidates);
        hint->setFlags(Qt::NoItemFlags);
        return;
    }
    if (m_ranked.isEmpty() && m_ranking) {
        auto *hint = new QListWidgetItem(tr("Ranking…"), m_candidates);
        hint->setFlags(Qt::NoItemFlags);
        return;
    }
    if (m_ranked.isEmpty()) {
        auto *hint = new QListWidgetItem(tr("Nobody on duty with a known position."), m_candidates);
        hint->setFlags(Qt::NoItemFlags);
        return;
    }
    for (int i = 0; i < m_ranked.size(); ++i) {
        const MapCandidate &c = m_ranked.at(i);
        QString text = tr("%1. %2 — %3, score %4\n%5 · %n open", nullptr, c.openTickets)
                           .arg(i + 1)
                           .arg(c.name, distanceText(c.distance), QString::number(c.score, 'f', 2),
                                StaffModel::statusText(c.status));
        if (c.stale)
            text += u'\n' + tr("position is old");
        if (c.frozen)
            text += u'\n' + tr("frozen for today");
        auto *item = new QListWidgetItem(text, m_candidates);
        item->setData(Qt::UserRole, c.userId.value());
        if (c.stale || c.frozen || !c.eligible)
            item->setForeground(QColor(0x75, 0x75, 0x75));
        if (c.local) {
            item->setToolTip(
                tr("Estimated by the console from distance and open tickets: the server gave no ranking."));
        } else {
            // The score's parts, as the server weighed them.
            static const QList<std::pair<QString, const char *>> parts = {
                {u"distance"_s, QT_TR_NOOP("distance")}, {u"workload"_s, QT_TR_NOOP("workload")},
                {u"skills"_s, QT_TR_NOOP("skills")},     {u"team"_s, QT_TR_NOOP("team")},
                {u"status"_s, QT_TR_NOOP("status")},     {u"freshness"_s, QT_TR_NOOP("position age")}};
            QStringList lines{tr("Score %1 =").arg(c.score, 0, 'f', 2)};
            for (const auto &[key, label] : parts) {
                if (c.breakdown.contains(key))
                    lines << u"  %1 %2"_s.arg(tr(label)).arg(c.breakdown.value(key).toDouble(), 0, 'f', 3);
            }
            item->setToolTip(lines.join(u'\n'));
        }
    }
}

QString MapPanel::dispatchTo(int index)
{
    if (!m_ticket.isValid() || index < 0 || index >= m_ranked.size())
        return {};
    const MapCandidate c = m_ranked.at(index);
    const Ticket *t = m_workspace.tickets().ticket(m_ticket);
    const QString note = tr("Dispatched from the map: candidate %1, %2 away, score %3")
                             .arg(index + 1)
                             .arg(distanceText(c.distance), QString::number(c.score, 'f', 2));
    const QString idem = m_workspace.assign(m_ticket, c.userId, note);
    if (idem.isEmpty()) {
        Q_EMIT statusMessage(tr("You may not dispatch this ticket."));
        return {};
    }
    Q_EMIT statusMessage(tr("Dispatching %1 to %2…").arg(t ? t->number : QString::number(m_ticket.value()), c.name));
    return idem;
}

int MapPanel::assignTickets(const QList<TicketId> &ids, UserId to)
{
    int sent = 0;
    QString name;
    if (const int i = m_data->staffIndex(to); i >= 0)
        name = m_data->staff()[size_t(i)].name;
    for (const TicketId id : ids) {
        if (!m_workspace.assign(id, to, tr("Assigned on the map")).isEmpty())
            ++sent;
    }
    Q_EMIT statusMessage(sent > 0 ? tr("Assigning %n ticket(s) to %1…", nullptr, sent).arg(name)
                                  : tr("You may not assign these tickets."));
    return sent;
}

void MapPanel::showTrail(UserId id)
{
    if (!m_workspace.may(protocol::Op::StaffTrack))
        return;
    const QPointer<MapPanel> self(this);
    m_workspace.fetchTrack(id, QDateTime::currentDateTimeUtc().addSecs(-MapData::kTrailSeconds),
                           [self, id](bool ok, const QList<TrackPoint> &points, const QString &) {
                               if (self && ok)
                                   self->m_data->setTrail(id, points);
                           });
}

} // namespace crewline::client
