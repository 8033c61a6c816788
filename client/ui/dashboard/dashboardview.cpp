#include "client/ui/dashboard/dashboardview.h"

#include "client/core/workspace.h"
#include "client/ui/dashboard/dashboardchart.h"
#include "client/ui/dashboard/exportactions.h"
#include "client/ui/dashboard/heatmapwidget.h"
#include "client/ui/dashboard/kpitile.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

enum Tile
{
    CreatedTile,
    ResolvedTile,
    BacklogTile,
    FirstResponseTile,
    ResolutionTile,
    SlaTile,
    SatisfactionTile
};

QTableView *makeTable(QWidget *parent, QAbstractItemModel *model, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->setMinimumHeight(200);
    return view;
}

QGroupBox *group(const QString &title, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    QFont f = box->font();
    f.setBold(true);
    box->setFont(f);
    return box;
}

QString percent(double ratio)
{
    return ratio < 0 ? u"—"_s : QString::number(ratio * 100, 'f', 1) + u'%';
}

} // namespace

DashboardView::DashboardView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_data(new DashboardData(workspace, this))
{
    setObjectName(u"dashboard"_s);

    // Range and filters.
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    const auto label = [this, bar](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        bar->addWidget(l);
        bar->addWidget(buddy);
    };
    m_from = new QDateEdit(this);
    m_from->setObjectName(u"dashboardFrom"_s);
    m_from->setCalendarPopup(true);
    m_from->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_to = new QDateEdit(this);
    m_to->setObjectName(u"dashboardTo"_s);
    m_to->setCalendarPopup(true);
    m_to->setDisplayFormat(u"yyyy-MM-dd"_s);
    label(tr("&From:"), m_from);
    label(tr("&To:"), m_to);
    m_granularity = new QComboBox(this);
    m_granularity->setObjectName(u"dashboardGranularity"_s);
    m_granularity->addItem(tr("By day"), u"day"_s);
    m_granularity->addItem(tr("By week"), u"week"_s);
    m_granularity->addItem(tr("By month"), u"month"_s);
    bar->addWidget(m_granularity);
    m_type = new QComboBox(this);
    m_type->setObjectName(u"dashboardType"_s);
    m_department = new QComboBox(this);
    m_department->setObjectName(u"dashboardDepartment"_s);
    m_department->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_team = new QComboBox(this);
    m_team->setObjectName(u"dashboardTeam"_s);
    label(tr("T&ype:"), m_type);
    label(tr("&Department:"), m_department);
    label(tr("T&eam:"), m_team);
    m_status = new QLabel(this);
    m_status->setObjectName(u"dashboardStatus"_s);
    bar->addWidget(m_status, 1);
    auto *printButton = new QPushButton(tr("&Print…"), this);
    printButton->setObjectName(u"dashboardPrint"_s);
    bar->addWidget(printButton);
    connect(printButton, &QPushButton::clicked, this, &DashboardView::printPreview);

    // Figures.
    m_content = new QWidget(this);
    m_content->setObjectName(u"dashboardContent"_s);
    m_content->setAutoFillBackground(true);
    auto *grid = new QGridLayout(m_content);
    grid->setContentsMargins(8, 8, 8, 8);
    grid->setSpacing(8);

    auto *tiles = new QHBoxLayout;
    const auto tile = [this, tiles](const QString &caption, KpiTile::Better better, const QString &name) {
        auto *t = new KpiTile(caption, better, m_content);
        t->setObjectName(name);
        tiles->addWidget(t);
        m_tiles << t;
    };
    tile(tr("Created"), KpiTile::Better::Neither, u"tileCreated"_s);
    tile(tr("Resolved"), KpiTile::Better::Higher, u"tileResolved"_s);
    tile(tr("Open backlog"), KpiTile::Better::Lower, u"tileBacklog"_s);
    tile(tr("First response (mean)"), KpiTile::Better::Lower, u"tileFirstResponse"_s);
    tile(tr("Resolution time (mean)"), KpiTile::Better::Lower, u"tileResolution"_s);
    tile(tr("SLA met"), KpiTile::Better::Higher, u"tileSla"_s);
    tile(tr("Satisfaction"), KpiTile::Better::Higher, u"tileSatisfaction"_s);
    grid->addLayout(tiles, 0, 0, 1, 3);

    m_trend = new DashboardChart(tr("Volume: created vs resolved"), m_content);
    m_trend->setObjectName(u"chartTrend"_s);
    m_byCategory = new DashboardChart(tr("Share by category"), m_content);
    m_byCategory->setObjectName(u"chartCategory"_s);
    m_byType = new DashboardChart(tr("Share by type"), m_content);
    m_byType->setObjectName(u"chartType"_s);
    m_sla = new DashboardChart(tr("SLA compliance by type"), m_content);
    m_sla->setObjectName(u"chartSla"_s);
    m_heat = new HeatMapWidget(m_content);
    for (DashboardChart *chart : {m_trend, m_byCategory, m_byType, m_sla})
        connect(chart, &DashboardChart::exportRequested, this,
                [this, chart] { exporting::exportChartInteractive(this, *chart); });
    grid->addWidget(m_trend, 1, 0, 1, 2);
    grid->addWidget(m_byCategory, 1, 2);
    grid->addWidget(m_byType, 2, 0);
    grid->addWidget(m_sla, 2, 1);
    grid->addWidget(m_heat, 2, 2);

    m_drillModel = new FiguresTableModel(FiguresTableModel::Layout::DrillDown, this);
    m_leaderboardModel = new FiguresTableModel(FiguresTableModel::Layout::Leaderboard, this);
    m_backlogModel = new BacklogTableModel(workspace.directory(), this);
    const auto exportButton = [this](QAbstractItemModel *model, const QString &title, const QString &name) {
        auto *b = new QToolButton(m_content);
        b->setObjectName(name);
        b->setText(tr("Export…"));
        b->setPopupMode(QToolButton::InstantPopup);
        b->setMenu(exporting::tableExportMenu(this, *model, title, [this] { return filterCaption(); }));
        return b;
    };

    QGroupBox *drill = group(tr("Drill-down"), m_content);
    auto *drillLayout = new QVBoxLayout(drill);
    auto *drillBar = new QHBoxLayout;
    m_drillBy = new QComboBox(drill);
    m_drillBy->setObjectName(u"dashboardDrillBy"_s);
    m_drillBy->addItem(tr("By type"), 0);
    m_drillBy->addItem(tr("By category"), 1);
    m_drillBy->addItem(tr("By department"), 2);
    m_drillBy->addItem(tr("By team"), 3);
    m_drillBy->addItem(tr("By engineer"), 4);
    drillBar->addWidget(m_drillBy);
    drillBar->addStretch(1);
    drillBar->addWidget(exportButton(m_drillModel, tr("Drill-down"), u"exportDrillDown"_s));
    drillLayout->addLayout(drillBar);
    m_drillView = makeTable(drill, m_drillModel, u"dashboardDrillDown"_s);
    drillLayout->addWidget(m_drillView);
    grid->addWidget(drill, 3, 0, 1, 2);
    connect(m_drillBy, &QComboBox::currentIndexChanged, this, &DashboardView::showDrillDown);

    QGroupBox *leaders = group(tr("Staff leaderboard"), m_content);
    auto *leadersLayout = new QVBoxLayout(leaders);
    auto *leadersBar = new QHBoxLayout;
    leadersBar->addStretch(1);
    leadersBar->addWidget(exportButton(m_leaderboardModel, tr("Leaderboard"), u"exportLeaderboard"_s));
    leadersLayout->addLayout(leadersBar);
    m_leaderboardView = makeTable(leaders, m_leaderboardModel, u"dashboardLeaderboard"_s);
    leadersLayout->addWidget(m_leaderboardView);
    grid->addWidget(leaders, 3, 2);

    QGroupBox *backlog = group(tr("Backlog TOP 10: most urgent, then oldest"), m_content);
    auto *backlogLayout = new QVBoxLayout(backlog);
    auto *backlogBar = new QHBoxLayout;
    auto *hint = new QLabel(tr("Double-click a ticket to open it."), backlog);
    hint->setStyleSheet(u"color: #607d8b"_s);
    backlogBar->addWidget(hint);
    backlogBar->addStretch(1);
    backlogBar->addWidget(exportButton(m_backlogModel, tr("Backlog"), u"exportBacklog"_s));
    backlogLayout->addLayout(backlogBar);
    m_backlogView = makeTable(backlog, m_backlogModel, u"dashboardBacklog"_s);
    m_backlogView->setMinimumHeight(260);
    backlogLayout->addWidget(m_backlogView);
    grid->addWidget(backlog, 4, 0, 1, 3);
    connect(m_backlogView, &QTableView::activated, this, [this](const QModelIndex &i) {
        Q_EMIT ticketActivated(TicketId(i.data(BacklogTableModel::TicketIdRole).toLongLong()));
    });
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"dashboardScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(scroll, 1);

    for (QComboBox *c : {m_granularity, m_type, m_department, m_team})
        connect(c, &QComboBox::currentIndexChanged, this, &DashboardView::queryFromControls);
    connect(m_from, &QDateEdit::dateChanged, this, &DashboardView::queryFromControls);
    connect(m_to, &QDateEdit::dateChanged, this, &DashboardView::queryFromControls);
    connect(m_data, &DashboardData::updated, this, &DashboardView::showSnapshot);
    connect(m_data, &DashboardData::failed, this,
            [this](const QString &error) { m_status->setText(tr("Could not load the figures: %1").arg(error)); });
    refreshChoices();
}

void DashboardView::start()
{
    const DashboardQuery q = DashboardData::defaultQuery(QDate::currentDate());
    setRange(q.from, q.to);
}

void DashboardView::setRange(const QDate &from, const QDate &to)
{
    m_applying = true;
    m_from->setDate(from);
    m_to->setDate(to);
    m_applying = false;
    refreshChoices();
    queryFromControls();
}

void DashboardView::refreshChoices()
{
    const bool was = std::exchange(m_applying, true);
    const QString type = m_type->currentData().toString();
    const QString department = m_department->currentData().toString();
    const qint64 team = m_team->currentData().toLongLong();
    m_type->clear();
    m_type->addItem(tr("All types"), QString());
    for (const TicketType *t : m_workspace.directory().types().all())
        m_type->addItem(m_workspace.directory().typeName(t->id()), t->id());
    m_type->setCurrentIndex(std::max(0, m_type->findData(type)));
    m_department->clear();
    m_department->addItem(tr("All departments"), QString());
    for (const QString &d : std::as_const(m_departments))
        m_department->addItem(d, d);
    m_department->setCurrentIndex(std::max(0, m_department->findData(department)));
    m_team->clear();
    m_team->addItem(tr("All teams"), qint64(0));
    for (const Team &t : m_workspace.directory().teams())
        m_team->addItem(t.name, t.id.value());
    m_team->setCurrentIndex(std::max(0, m_team->findData(team)));
    m_applying = was;
}

void DashboardView::queryFromControls()
{
    if (m_applying)
        return;
    DashboardQuery q;
    q.from = m_from->date();
    q.to = std::max(m_to->date(), q.from);
    q.granularity = m_granularity->currentData().toString();
    if (const QString t = m_type->currentData().toString(); !t.isEmpty())
        q.types = {t};
    if (const QString d = m_department->currentData().toString(); !d.isEmpty())
        q.departments = {d};
    if (const qint64 team = m_team->currentData().toLongLong(); team > 0)
        q.teamIds = {team};
    m_status->setText(tr("Loading…"));
    m_data->setQuery(q);
}

QString DashboardView::filterCaption() const
{
    const DashboardQuery &q = m_data->query();
    QStringList parts{tr("%1 to %2").arg(q.from.toString(Qt::ISODate), q.to.toString(Qt::ISODate))};
    if (m_type->currentIndex() > 0)
        parts << tr("type: %1").arg(m_type->currentText());
    if (m_department->currentIndex() > 0)
        parts << tr("department: %1").arg(m_department->currentText());
    if (m_team->currentIndex() > 0)
        parts << tr("team: %1").arg(m_team->currentText());
    return parts.join(u"; "_s);
}

void DashboardView::showSnapshot()
{
    const DashboardSnapshot &s = m_data->snapshot();
    const Figures &t = s.totals;
    const Figures &p = s.previous;

    // Departments seen so far, for the filter.
    bool newDepartment = false;
    for (const Figures &f : s.byDepartment) {
        if (!f.key.isEmpty() && !m_departments.contains(f.key)) {
            m_departments << f.key;
            newDepartment = true;
        }
    }
    if (newDepartment) {
        m_departments.sort();
        refreshChoices();
    }

    const auto durations = [](const DurationFigures &d) {
        return d.count > 0
                   ? tr("P50 %1 · P90 %2")
                         .arg(FiguresTableModel::formatDuration(d.p50), FiguresTableModel::formatDuration(d.p90))
                   : tr("no data");
    };
    m_tiles[CreatedTile]->setFigures(QString::number(t.created), tr("previous: %1").arg(p.created), double(t.created),
                                     double(p.created));
    m_tiles[ResolvedTile]->setFigures(QString::number(t.resolved), tr("closed: %1").arg(t.closed), double(t.resolved),
                                      double(p.resolved));
    m_tiles[BacklogTile]->setFigures(QString::number(s.backlogOpen), tr("open tickets now"), -1, -1);
    m_tiles[FirstResponseTile]->setFigures(FiguresTableModel::formatDuration(t.firstResponse.mean),
                                           durations(t.firstResponse), double(t.firstResponse.mean),
                                           double(p.firstResponse.mean));
    m_tiles[ResolutionTile]->setFigures(FiguresTableModel::formatDuration(t.resolution.mean), durations(t.resolution),
                                        double(t.resolution.mean), double(p.resolution.mean));
    m_tiles[SlaTile]->setFigures(percent(t.slaRate), tr("met %1 · missed %2").arg(t.slaMet).arg(t.slaMissed), t.slaRate,
                                 p.slaRate);
    m_tiles[SatisfactionTile]->setFigures(t.satisfaction < 0 ? u"—"_s : QString::number(t.satisfaction, 'f', 2),
                                          tr("%n rating(s)", nullptr, int(t.ratings)), t.satisfaction, p.satisfaction);

    // Trend.
    QStringList periods;
    ChartSeries created{tr("Created"), {}, QColor(0x1e, 0x88, 0xe5)};
    ChartSeries resolved{tr("Resolved"), {}, QColor(0x43, 0xa0, 0x47)};
    for (const TrendPoint &pt : s.trend) {
        periods << (m_data->query().granularity == u"month" ? pt.period.toString(u"yyyy-MM"_s)
                                                            : pt.period.toString(u"MM-dd"_s));
        created.values << double(pt.created);
        resolved.values << double(pt.resolved);
    }
    if (periods.size() > 45)
        m_trend->showLines(periods, {created, resolved});
    else
        m_trend->showBars(periods, {created, resolved});

    const auto slices = [](const QList<Figures> &rows, const std::function<QString(const Figures &)> &name) {
        QList<ChartSlice> out;
        for (const Figures &f : rows)
            out << ChartSlice{name(f), double(f.created)};
        return out;
    };
    const Directory &dir = m_workspace.directory();
    m_byCategory->showShares(
        slices(s.byCategory, [](const Figures &f) { return f.key.isEmpty() ? tr("(none)") : f.key; }), 6);
    m_byType->showShares(slices(s.byType, [&dir](const Figures &f) { return dir.typeName(f.key); }), 6);

    QStringList types;
    ChartSeries met{tr("SLA met"), {}, QColor(0x43, 0xa0, 0x47)};
    ChartSeries missed{tr("SLA missed"), {}, QColor(0xe5, 0x39, 0x35)};
    for (const Figures &f : s.byType) {
        types << dir.typeName(f.key);
        met.values << double(f.slaMet);
        missed.values << double(f.slaMissed);
    }
    m_sla->showBars(types, {met, missed}, true);
    m_heat->setCells(s.heatmap);

    QList<Figures> engineers;
    for (const Figures &f : s.byAssignee) {
        if (f.key != u"0")
            engineers << f;
    }
    m_leaderboardModel->setRows(engineers, tr("Engineer"));
    m_backlogModel->setTickets(s.backlogTop, QDateTime::currentDateTimeUtc());
    showDrillDown();
    m_status->setText(tr("Updated %1").arg(QTime::currentTime().toString(u"HH:mm:ss"_s)));
}

void DashboardView::showDrillDown()
{
    const DashboardSnapshot &s = m_data->snapshot();
    const Directory &dir = m_workspace.directory();
    switch (m_drillBy->currentData().toInt()) {
    case 0: {
        QList<Figures> rows = s.byType;
        for (Figures &f : rows)
            f.name = dir.typeName(f.key);
        m_drillModel->setRows(rows, tr("Type"));
        break;
    }
    case 1:
        m_drillModel->setRows(s.byCategory, tr("Category"));
        break;
    case 2:
        m_drillModel->setRows(s.byDepartment, tr("Department"));
        break;
    case 3: {
        QList<Figures> rows = s.byTeam;
        for (Figures &f : rows) {
            if (f.key == u"0")
                f.name = tr("No team");
        }
        m_drillModel->setRows(rows, tr("Team"));
        break;
    }
    default: {
        QList<Figures> rows = s.byAssignee;
        for (Figures &f : rows) {
            if (f.key == u"0")
                f.name = tr("Unassigned");
        }
        m_drillModel->setRows(rows, tr("Engineer"));
        break;
    }
    }
}

void DashboardView::print(QPrinter *printer)
{
    QPainter painter(printer);
    const QRectF page = printer->pageRect(QPrinter::DevicePixel);
    QFont title = font();
    title.setPointSizeF(14);
    title.setBold(true);
    painter.setFont(title);
    const double titleHeight = QFontMetricsF(title, printer).height();
    painter.drawText(QRectF(0, 0, page.width(), titleHeight), Qt::AlignLeft, tr("Crewline dashboard"));
    QFont small = font();
    small.setPointSizeF(9);
    painter.setFont(small);
    const double captionHeight = QFontMetricsF(small, printer).height();
    painter.drawText(QRectF(0, titleHeight, page.width(), captionHeight), Qt::AlignLeft, filterCaption());

    // The dashboard as laid out on screen, scaled to the page width, over as many pages as it needs.
    const QSize source = m_content->size();
    const double scale = page.width() / std::max(1, source.width());
    double top = titleHeight + captionHeight + 8;
    int offset = 0;
    while (offset < source.height()) {
        const int sliceHeight = int((page.height() - top) / scale);
        painter.save();
        painter.translate(0, top);
        painter.scale(scale, scale);
        // The top-left of the source region lands on the target offset: each page starts with its slice.
        m_content->render(&painter, QPoint(0, 0), QRegion(0, offset, source.width(), sliceHeight),
                          QWidget::DrawChildren);
        painter.restore();
        offset += sliceHeight;
        if (offset < source.height()) {
            printer->newPage();
            top = 0;
        }
    }
}

void DashboardView::printPreview()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageOrientation(QPageLayout::Landscape);
    QPrintPreviewDialog preview(&printer, this);
    preview.setWindowTitle(tr("Print dashboard"));
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, &DashboardView::print);
    preview.exec();
}

} // namespace crewline::client
