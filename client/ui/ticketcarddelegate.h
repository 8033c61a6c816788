#pragma once

// Paints a ticket as a card on the queue board: a priority colour bar (urgent red, high orange, normal blue, low
// grey), the number, the age, an urge badge and a "pending" marker in the top line; the title on up to two lines;
// the assignee and an SLA hint ("unaccepted 3 h", "open > 24 h"); and who else is viewing or replying. Reads the
// ticket from the ticket model by its id, so it works under any proxy. zoom scales everything for big screens.

#include "common/domain.h"

#include <QDateTime>
#include <QStyledItemDelegate>

namespace crewline::client {

class Directory;
class TicketModel;

class TicketCardDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    TicketCardDelegate(const TicketModel &tickets, const Directory &directory, QObject *parent = nullptr);

    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    // The clock for ages and SLA hints; defaults to the current time at each paint.
    void setNow(const QDateTime &now) { m_now = now; }
    // The phase of flashing cards (the alarm thresholds are the ticket model's).
    void setFlashOn(bool on) { m_flashOn = on; }

    struct Hint
    {
        QString text;
        bool severe = false; // red, else orange
    };
    // The SLA hint for a ticket at a time, empty when all is well.
    Hint slaHint(const Ticket &ticket, const QDateTime &now) const;
    static QColor priorityColor(Priority priority);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QFont scaled(const QFont &base, double factor = 1.0, bool bold = false) const;
    const Ticket *ticketOf(const QModelIndex &index) const;
    int cardWidth(const QStyleOptionViewItem &option) const;

    const TicketModel &m_tickets;
    const Directory &m_directory;
    double m_zoom = 1.0;
    QDateTime m_now;
    bool m_flashOn = false;
};

} // namespace crewline::client
