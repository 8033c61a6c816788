#include "client/ui/print/qrcode.h"

#include <QPainter>
#include <QPainterPath>

#include <qrencode.h>

namespace crewline::client {

std::optional<QrCode> QrCode::encode(const QByteArray &data)
{
    if (data.isEmpty())
        return std::nullopt;
    QRcode *code = QRcode_encodeData(static_cast<int>(data.size()),
                                     reinterpret_cast<const unsigned char *>(data.constData()), 0, QR_ECLEVEL_M);
    if (!code)
        return std::nullopt;
    QrCode out;
    out.m_size = code->width;
    out.m_modules.resize(static_cast<qsizetype>(code->width) * code->width);
    for (int i = 0; i < code->width * code->width; ++i)
        out.m_modules[i] = (code->data[i] & 1) != 0;
    QRcode_free(code);
    return out;
}

void QrCode::paint(QPainter &painter, const QRectF &rect) const
{
    constexpr int kQuiet = 4;
    const qreal side = std::min(rect.width(), rect.height());
    const qreal module = side / (m_size + 2 * kQuiet);
    const QPointF origin(rect.center().x() - side / 2, rect.center().y() - side / 2);
    painter.save();
    painter.fillRect(QRectF(origin, QSizeF(side, side)), Qt::white);
    // One path of slightly overlapping squares: no hairline gaps between neighbours when rasterised.
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size; ++x) {
            if (dark(x, y))
                path.addRect(QRectF(origin.x() + (x + kQuiet) * module, origin.y() + (y + kQuiet) * module,
                                    module * 1.02, module * 1.02));
        }
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    painter.drawPath(path);
    painter.restore();
}

} // namespace crewline::client
