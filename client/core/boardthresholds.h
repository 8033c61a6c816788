#pragma once

// The live board's alarm thresholds (source document 004): a ticket not accepted after 2 h is shown red, one open
// for more than 24 h flashes, a satisfaction rating below 3 is highlighted. The numbers are the user's settings;
// this decides which alarms a ticket raises at a moment, for the card delegate and the ticket table alike.

#include "common/domain.h"

#include <QDateTime>

namespace crewline::client {

struct BoardThresholds
{
    int unacceptedMinutes = 120; // not accepted for longer: red
    int openHours = 24;          // open for longer: flashing
    int ratingBelow = 3;         // a rating under this: highlighted
    bool enabled = true;

    enum Alarm
    {
        None = 0,
        Unaccepted = 1,
        LongOpen = 2,
        LowRating = 4,
    };
    // open: the ticket is not in a final (resolved or closed) phase.
    int alarms(const Ticket &ticket, bool open, const QDateTime &now) const;
    static int rating(const Ticket &ticket); // fields.rating, 0 when there is none
    friend bool operator==(const BoardThresholds &, const BoardThresholds &) = default;
};

} // namespace crewline::client
