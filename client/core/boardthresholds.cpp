#include "client/core/boardthresholds.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::client {

int BoardThresholds::rating(const Ticket &ticket)
{
    const QJsonValue v = ticket.fields.value(u"rating"_s);
    return v.isDouble() ? int(std::lround(v.toDouble())) : 0;
}

int BoardThresholds::alarms(const Ticket &t, bool open, const QDateTime &now) const
{
    if (!enabled)
        return None;
    int out = None;
    const int r = rating(t);
    if (r > 0 && r < ratingBelow)
        out |= LowRating;
    if (!open || !t.createdAt.isValid())
        return out;
    const qint64 age = t.createdAt.secsTo(now);
    if (!t.acceptedAt.isValid() && age > qint64(unacceptedMinutes) * 60)
        out |= Unaccepted;
    if (age > qint64(openHours) * 3600)
        out |= LongOpen;
    return out;
}

} // namespace crewline::client
