#include "client/fieldsim/simengineer.h"

#include "common/geodesy.h"

#include <QJsonArray>
#include <QTimer>
#include <QUuid>

#include <cmath>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace crewline::fieldsim {

using protocol::ErrorCode;
using protocol::Op;
using protocol::Response;

namespace {
constexpr double kDriveSpeed = 9.0;  // m/s in town
constexpr double kPatrolSpeed = 2.5; // m/s between jobs
constexpr double kArrivedMetres = 15.0;

QString newIdem()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
} // namespace

SimEngineer::SimEngineer(const QString &username, quint64 seed, const SimOptions &options, SimStats &stats,
                         client::TrustStore &trust, QObject *parent)
    : QObject(parent)
    , m_username(username)
    , m_options(options)
    , m_stats(stats)
    , m_rng(seed)
    , m_connection(trust)
{
    m_connection.setReconnectDelays(500, 10000);
    connect(&m_connection, &client::Connection::loggedIn, this, &SimEngineer::onLoggedIn);
    connect(&m_connection, &client::Connection::loginFailed, this, [this](const protocol::Error &e) {
        std::fprintf(stderr, "fieldsim: %s cannot log in: %s\n", qPrintable(m_username), qPrintable(e.message));
        ++m_stats.errors;
    });
    connect(&m_connection, &client::Connection::synchronized, this, [this] { loadMyWork(); });
    connect(&m_connection, &client::Connection::eventReceived, this, &SimEngineer::onEvent);
    connect(&m_connection, &client::Connection::stateChanged, this, [this](client::Connection::State s) {
        if (s == client::Connection::State::Online)
            ++m_stats.online;
        else if (m_state != State::Offline && s == client::Connection::State::Reconnecting)
            --m_stats.online;
    });
}

void SimEngineer::start()
{
    m_connection.open(m_options.server, m_username, m_options.password);
}

void SimEngineer::onLoggedIn(const User &user)
{
    m_me = user;
    if (m_state != State::Offline)
        return;
    // Start where the server last saw this engineer, else somewhere in town.
    m_connection.request(Op::StaffList, {}, [this](const Response &r) {
        for (const QJsonValue &v : r.result.value(u"staff"_s).toArray()) {
            const FieldStaff f = FieldStaff::fromJson(v.toObject());
            if (f.userId == m_me.id && f.position.isValid() &&
                geo::distanceMetres(f.position, m_options.cityCenter) < m_options.cityRadiusKm * 1500)
                m_position = f.position;
        }
        if (!m_position.isValid())
            m_position = randomPoint(m_options.cityRadiusKm, m_options.cityCenter);
        m_state = State::Patrol;
        planRoute(randomPoint(2.0, m_position));
        report();
    });
}

QString SimEngineer::statusName() const
{
    switch (m_state) {
    case State::EnRoute:
        return u"en_route"_s;
    case State::OnSite:
    case State::Closing:
        return u"on_site"_s;
    default:
        return u"available"_s;
    }
}

GeoPoint SimEngineer::randomPoint(double radiusKm, const GeoPoint &around)
{
    const double r = radiusKm * 1000 * std::sqrt(m_rng.generateDouble());
    const double theta = m_rng.generateDouble() * 2 * M_PI;
    const double dLat = r * std::cos(theta) / 111320.0;
    const double dLon = r * std::sin(theta) / (111320.0 * std::cos(around.lat * M_PI / 180));
    return GeoPoint::at(around.lat + dLat, around.lon + dLon);
}

void SimEngineer::planRoute(const GeoPoint &to)
{
    // Streets, roughly: first along one axis, then the other (which one first is chosen at random).
    m_route.clear();
    const GeoPoint corner =
        m_rng.bounded(2) == 0 ? GeoPoint::at(m_position.lat, to.lon) : GeoPoint::at(to.lat, m_position.lon);
    m_route << corner << to;
}

void SimEngineer::tick(double realSeconds)
{
    if (m_state == State::Offline || !m_position.isValid())
        return;
    const double dt = realSeconds * m_options.speedup;
    if (m_state == State::Patrol || m_state == State::EnRoute) {
        m_speed = (m_state == State::EnRoute ? kDriveSpeed : kPatrolSpeed) * (0.8 + 0.4 * m_rng.generateDouble());
        double budget = m_speed * dt;
        while (budget > 0 && !m_route.isEmpty()) {
            const double left = geo::distanceMetres(m_position, m_route.first());
            if (left > 0.5)
                m_heading = geo::bearingDegrees(m_position, m_route.first());
            if (left <= budget) {
                m_position = m_route.takeFirst();
                budget -= left;
            } else {
                m_position = geo::moveTowards(m_position, m_route.first(), budget);
                budget = 0;
            }
        }
        if (m_route.isEmpty()) {
            if (m_state == State::EnRoute)
                arrive();
            else
                planRoute(randomPoint(2.0, geo::distanceMetres(m_position, m_options.cityCenter) >
                                                   m_options.cityRadiusKm * 1000
                                               ? m_options.cityCenter
                                               : m_position));
        }
    } else if (m_state == State::OnSite) {
        m_speed = 0;
        m_onSiteLeft -= dt;
        if (m_onSiteLeft <= 0)
            closeOut();
    }
    m_sinceReport += realSeconds;
    if (m_sinceReport >= m_options.reportIntervalSeconds)
        report();
}

void SimEngineer::report()
{
    if (!m_connection.isOnline() || !m_position.isValid())
        return;
    m_sinceReport = 0;
    QJsonObject data{{u"lat"_s, m_position.lat},
                     {u"lon"_s, m_position.lon},
                     {u"accuracy"_s, std::round((4 + 12 * m_rng.generateDouble()) * 10) / 10},
                     {u"status"_s, statusName()}};
    if (m_speed > 0.1) {
        data.insert(u"heading"_s, std::round(m_heading * 10) / 10);
        data.insert(u"speed"_s, std::round(m_speed * 10) / 10);
    } else {
        data.insert(u"speed"_s, 0);
    }
    m_connection.request(Op::StaffReport, data, [this](const Response &r) {
        if (r.ok)
            ++m_stats.reports;
        else if (r.error.code != ErrorCode::RateLimited && r.error.code != ErrorCode::Unavailable)
            failed(u"report"_s, r);
    });
}

void SimEngineer::later(double simSeconds, std::function<void()> f)
{
    const int ms = int(std::max(50.0, simSeconds * 1000.0 / std::max(0.01, m_options.speedup)));
    QTimer::singleShot(ms, this, std::move(f));
}

void SimEngineer::onEvent(const Event &e)
{
    const QJsonObject t = e.data.value(u"ticket"_s).toObject();
    if (!t.isEmpty() && m_me.id.isValid())
        consider(Ticket::fromJson(t));
}

void SimEngineer::loadMyWork()
{
    if (!m_me.id.isValid())
        return;
    m_connection.request(Op::TicketList,
                         {{u"assigneeIds"_s, QJsonArray{m_me.id.value()}}, {u"open"_s, true}, {u"withTotal"_s, false}},
                         [this](const Response &r) {
                             for (const QJsonValue &v : r.result.value(u"tickets"_s).toArray())
                                 consider(Ticket::fromJson(v.toObject()));
                         });
}

void SimEngineer::consider(const Ticket &t)
{
    const bool finished = t.resolvedAt.isValid() || t.closedAt.isValid() || t.status == u"suspended";
    if (finished || t.mergedInto.isValid())
        return;
    if (t.assigneeId == m_me.id) {
        if (!t.acceptedAt.isValid() && !m_pending.contains(t.id.value())) {
            m_pending.insert(t.id.value());
            later(3 + m_rng.bounded(20), [this, id = t.id] { accept(id); });
        } else if (t.acceptedAt.isValid() && m_job != t.id && !m_queue.contains(t.id)) {
            m_queue << t.id;
            if (m_state == State::Patrol)
                nextJob();
        }
        return;
    }
    if (t.assigneeId.isValid() || m_pending.contains(t.id.value()))
        return;
    const bool offered = t.dispatch.mode == u"offer" && t.dispatch.offeredTo.contains(m_me.id);
    const bool pooled =
        t.dispatch.mode == u"pool" && m_state == State::Patrol && m_rng.generateDouble() < m_options.claimProbability;
    if (offered || pooled) {
        m_pending.insert(t.id.value());
        later(2 + m_rng.bounded(15), [this, id = t.id] { claim(id); });
    }
}

void SimEngineer::accept(TicketId id)
{
    m_connection.request(Op::TicketGet, {{u"ticketId"_s, id.value()}}, [this, id](const Response &got) {
        if (!got.ok)
            return failed(u"get"_s, got);
        const Ticket t = Ticket::fromJson(got.result.value(u"ticket"_s).toObject());
        if (t.assigneeId != m_me.id || t.acceptedAt.isValid())
            return;
        m_connection.request(
            Op::TicketAccept, {{u"ticketId"_s, id.value()}, {u"version"_s, t.version}},
            [this](const Response &r) {
                if (!r.ok) {
                    if (r.error.code == ErrorCode::AlreadyClaimed)
                        ++m_stats.lostClaims;
                    else
                        failed(u"accept"_s, r);
                    return;
                }
                ++m_stats.accepted;
                consider(Ticket::fromJson(r.result.value(u"ticket"_s).toObject()));
            },
            newIdem());
    });
}

void SimEngineer::claim(TicketId id)
{
    m_connection.request(
        Op::TicketClaim, {{u"ticketId"_s, id.value()}},
        [this](const Response &r) {
            if (!r.ok) {
                if (r.error.code == ErrorCode::AlreadyClaimed)
                    ++m_stats.lostClaims;
                else if (r.error.code != ErrorCode::InvalidTransition)
                    failed(u"claim"_s, r);
                return;
            }
            ++m_stats.claimed;
            consider(Ticket::fromJson(r.result.value(u"ticket"_s).toObject()));
        },
        newIdem());
}

void SimEngineer::nextJob()
{
    if (m_queue.isEmpty())
        return;
    const TicketId id = m_queue.takeFirst();
    m_connection.request(Op::TicketGet, {{u"ticketId"_s, id.value()}}, [this](const Response &r) {
        if (!r.ok)
            return failed(u"get"_s, r);
        startJob(Ticket::fromJson(r.result.value(u"ticket"_s).toObject()));
    });
}

void SimEngineer::startJob(const Ticket &t)
{
    if (t.assigneeId != m_me.id || t.resolvedAt.isValid() || m_state != State::Patrol) {
        if (m_state == State::Patrol)
            nextJob();
        return;
    }
    m_job = t.id;
    m_state = State::EnRoute;
    planRoute(t.location.isValid() ? t.location : randomPoint(1.5, m_position));
    report();
}

void SimEngineer::arrive()
{
    m_state = State::OnSite;
    m_speed = 0;
    ++m_stats.arrived;
    m_onSiteLeft = 5 * 60 + m_rng.bounded(15 * 60); // 5 to 20 minutes of work
    report();
    m_connection.request(Op::TicketGet, {{u"ticketId"_s, m_job.value()}}, [this](const Response &r) {
        if (!r.ok)
            return failed(u"get"_s, r);
        const Ticket t = Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
        if (r.result.value(u"transitions"_s).toArray().contains(u"arrive"_s)) {
            m_connection.request(
                Op::TicketTransition,
                {{u"ticketId"_s, t.id.value()}, {u"version"_s, t.version}, {u"transition"_s, u"arrive"_s}},
                [this](const Response &done) {
                    if (!done.ok)
                        failed(u"arrive"_s, done);
                },
                newIdem());
        }
    });
}

void SimEngineer::closeOut()
{
    m_state = State::Closing;
    const TicketId id = m_job;
    const auto back = [this] {
        m_job = TicketId();
        m_state = State::Patrol;
        planRoute(randomPoint(2.0, m_position));
        report();
        nextJob();
    };
    m_connection.request(Op::TicketGet, {{u"ticketId"_s, id.value()}}, [this, id, back](const Response &r) {
        if (!r.ok) {
            failed(u"get"_s, r);
            return back();
        }
        const Ticket t = Ticket::fromJson(r.result.value(u"ticket"_s).toObject());
        const QJsonArray available = r.result.value(u"transitions"_s).toArray();
        QString transition;
        for (const QString &name : {u"complete"_s, u"resolve"_s}) {
            if (transition.isEmpty() && available.contains(name))
                transition = name;
        }
        if (transition.isEmpty())
            return back();
        static const QStringList notes = {u"已到现场处理完毕，设备恢复正常。"_s, u"更换损坏部件，试运行正常。"_s,
                                          u"Fixed on site; tested with the customer."_s,
                                          u"现场检查并处理，已告知用户。"_s};
        const QString note = notes.at(m_rng.bounded(int(notes.size())));
        m_connection.request(
            Op::TicketTransition,
            {{u"ticketId"_s, id.value()},
             {u"version"_s, t.version},
             {u"transition"_s, transition},
             {u"fields"_s, QJsonObject{{u"resolution"_s, note}}},
             {u"comment"_s, note}},
            [this, back](const Response &done) {
                if (done.ok)
                    ++m_stats.completed;
                else
                    failed(u"close-out"_s, done);
                back();
            },
            newIdem());
    });
}

void SimEngineer::failed(const QString &what, const Response &r)
{
    ++m_stats.errors;
    std::fprintf(stderr, "fieldsim: %s: %s failed: %s %s\n", qPrintable(m_username), qPrintable(what),
                 qPrintable(protocol::errorCodeName(r.error.code)), qPrintable(r.error.message));
}

} // namespace crewline::fieldsim
