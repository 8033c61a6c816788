// bench_map (issue #4): how fast the console's map paints with 5,000 field staff and 20,000 open tickets spread
// over the demo city, through the same MapRenderer the map widget uses, into a 1600×1000 image (what the
// offscreen/raster paint engine does for the widget, without the window system's copy to the screen). Each phase
// pans a little every frame (so culling and clustering are exercised) with a selected ticket, its five candidate
// lines and pulsing emergencies, and reports frames per second and the frame time p50/p95:
//   city       zoom 11, the whole city: clustered (the default below zoom 13)
//   district   zoom 13, markers drawn one by one: about half of everything is on screen
//   street     zoom 15.5, with labels, heading arrows and accuracy circles
//   city_all   zoom 11 with clustering switched off: all 25,000 markers drawn one by one (the worst case)
// plus the time to cluster all markers for one zoom level (done once per zoom level and data change).

#include "client/core/directory.h"
#include "client/core/geo/cluster.h"
#include "client/core/geo/geojson.h"
#include "client/core/geo/mapdata.h"
#include "client/core/geo/mercator.h"
#include "client/core/ticketmodel.h"
#include "client/ui/map/maprenderer.h"
#include "client/ui/settings.h"
#include "tests/bench/benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;
using namespace crewline::bench;

namespace {

struct Centre
{
    double lat, lon, weight;
};
// The demo city's districts (server/demodata.cpp) with their share of work.
const Centre kCentres[] = {{30.2500, 120.1900, 14}, {30.3190, 120.1420, 14}, {30.2650, 120.1250, 14},
                           {30.2080, 120.2120, 10}, {30.1840, 120.2640, 13}, {30.2730, 119.9790, 11},
                           {30.4190, 120.2990, 7},  {30.3080, 120.3600, 8},  {30.0490, 119.9600, 5},
                           {30.2330, 119.7250, 4}};

GeoPoint randomPoint(std::mt19937 &rng)
{
    static std::discrete_distribution<int> pick = [] {
        std::vector<double> w;
        for (const Centre &c : kCentres)
            w.push_back(c.weight);
        return std::discrete_distribution<int>(w.begin(), w.end());
    }();
    const Centre &c = kCentres[pick(rng)];
    std::normal_distribution<double> spread(0, 0.025); // ~2.8 km
    return GeoPoint::at(c.lat + spread(rng), c.lon + spread(rng) / std::cos(c.lat * M_PI / 180));
}

// CPU time of this thread: on a shared machine, wall-clock frame times include waiting for a core.
qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct MapPhase
{
    QString name;
    QString label;
    double zoom;
    bool clustering;
    bool labels;
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption smoke(u"smoke"_s, u"Tiny sizes: checks that it runs, measures nothing useful."_s);
    const QCommandLineOption staffOpt(u"staff"_s, u"Field staff markers (default 5000)."_s, u"n"_s, u"5000"_s);
    const QCommandLineOption ticketsOpt(u"tickets"_s, u"Ticket markers (default 20000)."_s, u"n"_s, u"20000"_s);
    const QCommandLineOption framesOpt(u"frames"_s, u"Frames per phase (default 120)."_s, u"n"_s, u"120"_s);
    const QCommandLineOption noOverlays(u"no-overlays"_s, u"Without the demo GeoJSON overlays."_s);
    parser.addOptions({smoke, staffOpt, ticketsOpt, framesOpt, noOverlays});
    parser.process(app);
    const bool isSmoke = parser.isSet(smoke);
    const int staffCount = isSmoke ? 500 : parser.value(staffOpt).toInt();
    const int ticketCount = isSmoke ? 2000 : parser.value(ticketsOpt).toInt();
    const int frames = isSmoke ? 5 : parser.value(framesOpt).toInt();

    // The data: seeded, so every run paints the same picture.
    std::mt19937 rng(20261202);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    static const char *statuses[] = {"available", "en_route", "on_site", "off_duty"};
    std::vector<StaffMarker> staff;
    staff.reserve(size_t(staffCount));
    for (int i = 0; i < staffCount; ++i) {
        StaffMarker s;
        s.id = UserId(1000 + i);
        s.name = u"工程师%1"_s.arg(i);
        s.teamId = TeamId(1 + i % 10);
        s.status = QString::fromLatin1(statuses[rng() % 4]);
        s.openTickets = int(rng() % 6);
        s.position = randomPoint(rng);
        s.accuracy = 5 + rng() % 60;
        s.heading = rng() % 360;
        s.positionAt = now.addSecs(-qint64(rng() % 2400)); // up to 40 minutes: fresh, fading and offline
        staff.push_back(s);
    }
    std::vector<TicketMarker> tickets;
    tickets.reserve(size_t(ticketCount));
    for (int i = 0; i < ticketCount; ++i) {
        TicketMarker t;
        t.id = TicketId(1 + i);
        t.number = u"WO-2026-%1"_s.arg(i + 1, 6, 10, QLatin1Char('0'));
        t.priority = Priority(rng() % 4);
        t.emergency = rng() % 20 == 0;
        t.createdAt = now.addSecs(-qint64(rng() % (3 * 86400)));
        t.position = randomPoint(rng);
        tickets.push_back(t);
    }

    Directory directory;
    TicketModel model(directory);
    MapData data(model, nullptr);
    data.setStaffMarkers(staff);
    data.setTicketMarkers(tickets);
    data.setNow(now);

    MapRenderer renderer;
    QList<geo::GeoJsonLayer> overlays;
    for (const QString &file : MapSettings::demoOverlays()) {
        geo::GeoJsonError error;
        if (auto layer = geo::GeoJson::load(file, &error))
            overlays << *layer;
        else
            std::fprintf(stderr, "bench_map: overlay %s: %s\n", qPrintable(file), qPrintable(error.message()));
    }
    renderer.setOverlays(overlays);

    MapRenderState state;
    state.now = now;
    state.overlays = !parser.isSet(noOverlays);
    state.selectedTicket = tickets.front().id;
    state.candidates = data.localCandidates(state.selectedTicket, 5);

    // Clustering cost: all markers, one zoom level.
    {
        std::vector<QPointF> points;
        for (const TicketMarker &t : data.tickets())
            points.push_back(t.world);
        for (const StaffMarker &s : data.staff())
            points.push_back(s.world);
        std::vector<double> ms;
        for (int r = 0; r < (isSmoke ? 2 : 20); ++r) {
            QElapsedTimer timer;
            timer.start();
            const auto clusters = geo::GridClusterer::cluster(points, {}, 11 + r % 3, 56);
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (clusters.empty())
                return 1;
        }
        report({u"map.cluster_ms"_s,
                u"map: cluster %1 markers for one zoom level"_s.arg(points.size()),
                percentile(ms, 50),
                u"ms"_s,
                {},
                {},
                {{u"p95"_s, percentile(ms, 95)}}});
    }

    const QSize size(1600, 1000);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    const GeoPoint city = GeoPoint::at(30.2741, 120.1551);
    const QList<MapPhase> phases = {
        {u"city"_s, u"map: whole city, zoom 11, clustered"_s, 11, true, true},
        {u"district"_s, u"map: zoom 13, markers one by one"_s, 13, true, true},
        {u"street"_s, u"map: zoom 15.5, labels, arrows, accuracy"_s, 15.5, true, true},
        {u"city_all"_s, u"map: whole city, zoom 11, clustering off (all markers)"_s, 11, false, false},
    };
    bool ok = true;
    for (const MapPhase &phase : phases) {
        geo::Viewport view(city, phase.zoom, size);
        state.clustering = phase.clustering;
        state.labels = phase.labels;
        std::vector<double> ms, cpuMs;
        ms.reserve(size_t(frames));
        cpuMs.reserve(size_t(frames));
        int drawn = 0, clusters = 0;
        // One warm-up frame fills the pixmap and cluster caches.
        {
            QPainter p(&image);
            renderer.paint(p, view, data, state);
        }
        QElapsedTimer total;
        total.start();
        for (int f = 0; f < frames; ++f) {
            view.panBy(QPointF(3, 2)); // a slow drag
            state.pulse = (f % 20) / 20.0;
            QElapsedTimer timer;
            timer.start();
            const qint64 cpu0 = threadCpuNs();
            QPainter p(&image);
            renderer.paint(p, view, data, state);
            p.end();
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
            cpuMs.push_back(double(threadCpuNs() - cpu0) / 1e6);
            drawn = renderer.drawnTickets() + renderer.drawnStaff();
            clusters = renderer.drawnClusters();
        }
        const double seconds = double(total.nsecsElapsed()) / 1e9;
        const double fps = frames / std::max(seconds, 1e-9);
        double cpuTotal = 0;
        for (double c : cpuMs)
            cpuTotal += c;
        const double cpuFps = frames / std::max(cpuTotal / 1000.0, 1e-9);
        ok = ok && drawn + clusters > 0;
        const QJsonObject extra{
            {u"frames"_s, frames},       {u"frameMsP50"_s, percentile(ms, 50)}, {u"frameMsP95"_s, percentile(ms, 95)},
            {u"markersDrawn"_s, drawn},  {u"clustersDrawn"_s, clusters},        {u"staff"_s, staffCount},
            {u"tickets"_s, ticketCount}, {u"size"_s, u"1600x1000"_s},           {u"loadavg"_s, loadAverage()}};
        std::optional<double> target;
        if (phase.clustering)
            target = 30;
        report({u"map.fps."_s + phase.name, phase.label + u" (%1 staff, %2 tickets)"_s.arg(staffCount).arg(ticketCount),
                fps, u"fps"_s, target, target ? u">="_s : QString(), extra});
        report({u"map.fps_cpu."_s + phase.name,
                phase.label + u", frames per CPU second (one core, no waiting)"_s,
                cpuFps,
                u"fps"_s,
                {},
                {},
                extra});
        report({u"map.frame_p95."_s + phase.name,
                phase.label + u", frame time p95"_s,
                percentile(ms, 95),
                u"ms"_s,
                {},
                {},
                extra});
    }
    if (qEnvironmentVariableIsSet("CREWLINE_BENCH_MAP_IMAGE"))
        image.save(qEnvironmentVariable("CREWLINE_BENCH_MAP_IMAGE"));
    return ok ? 0 : 1;
}
