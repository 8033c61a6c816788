#include "client/ui/map/mapsettingsdialog.h"

#include "client/core/geo/geojson.h"
#include "client/core/geo/mbtiles.h"
#include "client/core/geo/tileloader.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

MapSettingsDialog::MapSettingsDialog(const MapSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_initial(settings)
{
    setObjectName(u"mapSettings"_s);
    setWindowTitle(tr("Map settings"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_base = new QComboBox(this);
    m_base->setObjectName(u"mapSettings.base"_s);
    m_base->addItem(tr("Plain grid (works offline)"));
    m_base->addItem(tr("Tile server (XYZ URL)"));
    m_base->addItem(tr("Offline MBTiles file"));
    m_base->setCurrentIndex(int(settings.base));
    form->addRow(tr("Base map:"), m_base);
    layout->addLayout(form);

    m_xyzBox = new QWidget(this);
    auto *xyz = new QFormLayout(m_xyzBox);
    xyz->setContentsMargins(0, 0, 0, 0);
    m_url = new QLineEdit(settings.tileUrl, m_xyzBox);
    m_url->setObjectName(u"mapSettings.url"_s);
    m_url->setPlaceholderText(geo::TileSourceConfig::osmTemplate());
    m_attribution = new QLineEdit(settings.tileAttribution, m_xyzBox);
    m_attribution->setObjectName(u"mapSettings.attribution"_s);
    m_attribution->setPlaceholderText(geo::TileSourceConfig::osmAttribution());
    xyz->addRow(tr("Tile URL:"), m_url);
    xyz->addRow(tr("Attribution:"), m_attribution);
    auto *policy = new QLabel(tr("Tiles are cached on disk and fetched only for what is on screen. Public "
                                 "OpenStreetMap tiles require the attribution shown and forbid bulk downloads; use "
                                 "your own tile server for many consoles. Tiles from Chinese providers use GCJ-02 "
                                 "coordinates and are shifted against GPS positions."),
                              m_xyzBox);
    policy->setWordWrap(true);
    xyz->addRow(policy);
    layout->addWidget(m_xyzBox);

    m_mbtilesBox = new QWidget(this);
    auto *mb = new QHBoxLayout(m_mbtilesBox);
    mb->setContentsMargins(0, 0, 0, 0);
    m_mbtiles = new QLineEdit(settings.mbtilesPath, m_mbtilesBox);
    m_mbtiles->setObjectName(u"mapSettings.mbtiles"_s);
    auto *browse = new QPushButton(tr("Browse…"), m_mbtilesBox);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("MBTiles file"), m_mbtiles->text(),
                                                       tr("MBTiles (*.mbtiles);;All files (*)"));
        if (!f.isEmpty())
            m_mbtiles->setText(f);
    });
    mb->addWidget(new QLabel(tr("MBTiles file:"), m_mbtilesBox));
    mb->addWidget(m_mbtiles, 1);
    mb->addWidget(browse);
    layout->addWidget(m_mbtilesBox);

    layout->addWidget(new QLabel(tr("Overlay layers (GeoJSON):"), this));
    m_overlays = new QListWidget(this);
    m_overlays->setObjectName(u"mapSettings.overlays"_s);
    m_overlays->addItems(settings.overlays);
    layout->addWidget(m_overlays);
    auto *overlayButtons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add…"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *demo = new QPushButton(tr("Demo layers"), this);
    overlayButtons->addWidget(add);
    overlayButtons->addWidget(remove);
    overlayButtons->addWidget(demo);
    overlayButtons->addStretch();
    layout->addLayout(overlayButtons);
    connect(add, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("GeoJSON files"), QString(),
                                                                tr("GeoJSON (*.geojson *.json);;All files (*)"));
        m_overlays->addItems(files);
    });
    connect(remove, &QPushButton::clicked, this, [this] { qDeleteAll(m_overlays->selectedItems()); });
    connect(demo, &QPushButton::clicked, this, [this] {
        for (const QString &f : MapSettings::demoOverlays()) {
            if (m_overlays->findItems(f, Qt::MatchExactly).isEmpty())
                m_overlays->addItem(f);
        }
    });

    m_error = new QLabel(this);
    m_error->setObjectName(u"mapSettings.error"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #c62828"_s);
    m_error->hide();
    layout->addWidget(m_error);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &MapSettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_base, &QComboBox::currentIndexChanged, this, &MapSettingsDialog::updateEnabled);
    updateEnabled();
    resize(620, 480);
}

void MapSettingsDialog::updateEnabled()
{
    m_xyzBox->setVisible(m_base->currentIndex() == int(MapSettings::Base::Xyz));
    m_mbtilesBox->setVisible(m_base->currentIndex() == int(MapSettings::Base::MbTiles));
}

MapSettings MapSettingsDialog::settings() const
{
    MapSettings s = m_initial;
    s.base = MapSettings::Base(m_base->currentIndex());
    s.tileUrl = m_url->text().trimmed();
    if (s.base == MapSettings::Base::Xyz && s.tileUrl.isEmpty())
        s.tileUrl = geo::TileSourceConfig::osmTemplate();
    s.tileAttribution = m_attribution->text().trimmed();
    if (s.base == MapSettings::Base::Xyz && s.tileAttribution.isEmpty() && s.tileUrl.contains(u"openstreetmap.org"))
        s.tileAttribution = geo::TileSourceConfig::osmAttribution();
    s.mbtilesPath = m_mbtiles->text().trimmed();
    s.overlays.clear();
    for (int i = 0; i < m_overlays->count(); ++i)
        s.overlays << m_overlays->item(i)->text();
    return s;
}

QString MapSettingsDialog::validate() const
{
    const MapSettings s = settings();
    if (s.base == MapSettings::Base::Xyz) {
        geo::TileLoader probe(QString{});
        geo::TileSourceConfig c;
        c.kind = geo::TileSourceConfig::Kind::Xyz;
        c.urlTemplate = s.tileUrl;
        QString error;
        if (!probe.setSource(c, &error))
            return error;
        if (s.tileAttribution.isEmpty())
            return tr("Say whose map data the tiles show (attribution): tile providers require it.");
    }
    if (s.base == MapSettings::Base::MbTiles) {
        geo::MbTiles mb;
        QString error;
        if (!mb.open(s.mbtilesPath, &error))
            return error;
    }
    for (const QString &file : s.overlays) {
        geo::GeoJsonError error;
        if (!geo::GeoJson::load(file, &error))
            return tr("%1: %2").arg(file, error.message());
    }
    return {};
}

void MapSettingsDialog::accept()
{
    const QString error = validate();
    if (!error.isEmpty()) {
        m_error->setText(error);
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace crewline::client
