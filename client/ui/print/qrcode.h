#pragma once

// A QR code (libqrencode) as a grid of modules, painted as vector squares so that it stays sharp in PDFs and on
// any printer resolution.

#include <QByteArray>
#include <QList>
#include <QRectF>

#include <optional>

class QPainter;

namespace crewline::client {

class QrCode
{
public:
    // Byte mode, error correction level M (readable with a smudge). nullopt when the data does not fit.
    static std::optional<QrCode> encode(const QByteArray &data);

    int size() const { return m_size; } // modules per side, without the quiet zone
    bool dark(int x, int y) const { return m_modules.at(y * m_size + x); }
    // Paints the code with its 4-module quiet zone, square, centred in rect.
    void paint(QPainter &painter, const QRectF &rect) const;

private:
    int m_size = 0;
    QList<bool> m_modules;
};

} // namespace crewline::client
