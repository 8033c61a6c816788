#pragma once

// Where the map's base layer comes from (plain grid, a tile server's XYZ URL with its attribution, or an offline
// MBTiles file) and which GeoJSON overlay files it draws. Checks what it can before accepting: the URL template,
// that the MBTiles file opens, that each overlay parses (with the parser's error, line and column).

#include "client/ui/settings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QWidget;

namespace crewline::client {

class MapSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit MapSettingsDialog(const MapSettings &settings, QWidget *parent = nullptr);

    MapSettings settings() const;
    QString validate() const; // empty when acceptable, else what is wrong
    void accept() override;

private:
    void updateEnabled();

    MapSettings m_initial;
    QComboBox *m_base;
    QLineEdit *m_url;
    QLineEdit *m_attribution;
    QLineEdit *m_mbtiles;
    QWidget *m_xyzBox;
    QWidget *m_mbtilesBox;
    QListWidget *m_overlays;
    QLabel *m_error;
};

} // namespace crewline::client
