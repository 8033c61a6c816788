#pragma once

// One simulated field engineer: a real protocol client (client/core Connection) that logs in, moves along
// street-like (L-shaped, interpolated) routes in the demo city, reports its position, accepts tickets dispatched,
// offered or pooled to it, drives to the ticket's coordinates, goes on site and closes out with a note through the
// ticket type's workflow transitions. Time runs `speedup` times faster than the wall clock; every random choice
// comes from its own seeded generator.

#include "client/core/connection.h"
#include "common/domain.h"

#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>

namespace crewline::fieldsim {

struct SimOptions
{
    QUrl server;
    QString password;
    double speedup = 1.0;
    double reportIntervalSeconds = 2.0;                    // wall-clock seconds between position reports
    double claimProbability = 0.5;                         // chance an idle engineer claims a pooled ticket
    GeoPoint cityCenter = GeoPoint::at(30.2741, 120.1551); // Hangzhou
    double cityRadiusKm = 8.0;
};

struct SimStats
{
    int online = 0;
    qint64 reports = 0;
    int accepted = 0;
    int claimed = 0;
    int lostClaims = 0;
    int arrived = 0;
    int completed = 0;
    int errors = 0;
};

class SimEngineer : public QObject
{
    Q_OBJECT
public:
    SimEngineer(const QString &username, quint64 seed, const SimOptions &options, SimStats &stats,
                client::TrustStore &trust, QObject *parent = nullptr);

    void start();
    // Advances the simulation by one wall-clock tick of `realSeconds`.
    void tick(double realSeconds);
    const QString &username() const { return m_username; }

private:
    enum class State
    {
        Offline,
        Patrol,
        EnRoute,
        OnSite,
        Closing
    };

    void onLoggedIn(const User &user);
    void onEvent(const Event &event);
    void consider(const Ticket &ticket);
    void loadMyWork();
    void later(double simSeconds, std::function<void()> f);
    void accept(TicketId id);
    void claim(TicketId id);
    void startJob(const Ticket &ticket);
    void nextJob();
    void arrive();
    void closeOut();
    void report();
    void planRoute(const GeoPoint &to);
    GeoPoint randomPoint(double radiusKm, const GeoPoint &around);
    QString statusName() const;
    void failed(const QString &what, const protocol::Response &r);

    QString m_username;
    SimOptions m_options;
    SimStats &m_stats;
    QRandomGenerator m_rng;
    client::Connection m_connection;
    User m_me;
    State m_state = State::Offline;
    GeoPoint m_position;
    QList<GeoPoint> m_route; // waypoints still ahead
    double m_speed = 0;      // m/s of simulated time
    double m_heading = 0;
    double m_sinceReport = 0;
    double m_onSiteLeft = 0; // simulated seconds of work left
    TicketId m_job;
    QList<TicketId> m_queue; // accepted tickets waiting for this engineer
    QSet<qint64> m_pending;  // tickets with an accept/claim in flight or decided
};

} // namespace crewline::fieldsim
