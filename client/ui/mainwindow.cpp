#include "client/ui/mainwindow.h"

#include "client/core/presence.h"
#include "client/core/workspace.h"
#include "client/ui/boardview.h"
#include "client/ui/callbackview.h"
#include "client/ui/conflictdialog.h"
#include "client/ui/dashboard/dashboardview.h"
#include "client/ui/dashboard/exportactions.h"
#include "client/ui/map/mappanel.h"
#include "client/ui/map/mapwidget.h"
#include "client/ui/newticketdialog.h"
#include "client/ui/notificationpanel.h"
#include "client/ui/print/printflow.h"
#include "client/ui/settings.h"
#include "client/ui/staffpanel.h"
#include "client/ui/ticketdetailview.h"
#include "client/ui/tickettableview.h"
#include "crewline_version.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

MainWindow::MainWindow(Workspace &workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Crewline"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks | QMainWindow::AllowTabbedDocks);
    m_presence = new Presence(workspace.connection(), workspace.tickets(), this);
    workspace.tickets().setThresholds(UiSettings::load().thresholds);

    m_table = new TicketTableView(workspace, this);
    setCentralWidget(m_table);

    m_detail = new TicketDetailView(workspace, this);
    m_board = new BoardView(workspace, this);
    m_board->setObjectName(u"board"_s);
    m_staff = new StaffPanel(workspace, this);
    m_staff->setObjectName(u"staff"_s);
    m_myWork = new TicketTableView(workspace, this);
    m_myWork->setObjectName(u"myWork"_s);
    m_notifications = new NotificationPanel(workspace, this);
    m_pending = new PendingPanel(workspace, this);
    m_callbacks = new CallbackView(workspace, this);
    m_printing = new WorkOrderPrinting(workspace, this);

    addDock(m_detail, tr("Ticket"), u"dock.detail"_s, Qt::RightDockWidgetArea);
    QDockWidget *boardDock = addDock(m_board, tr("Queue board"), u"dock.board"_s, Qt::BottomDockWidgetArea);
    addDock(m_myWork, tr("My work"), u"dock.mywork"_s, Qt::BottomDockWidgetArea);
    tabifyDockWidget(boardDock, m_docks.last());
    addDock(m_callbacks, tr("Callbacks (回访)"), u"dock.callbacks"_s, Qt::BottomDockWidgetArea);
    tabifyDockWidget(boardDock, m_docks.last());
    boardDock->raise();
    addDock(m_staff, tr("Staff"), u"dock.staff"_s, Qt::LeftDockWidgetArea);
    QDockWidget *notes = addDock(m_notifications, tr("Notifications"), u"dock.notifications"_s, Qt::LeftDockWidgetArea);
    addDock(m_pending, tr("Pending actions"), u"dock.pending"_s, Qt::LeftDockWidgetArea);
    tabifyDockWidget(notes, m_docks.last());
    notes->raise();
    // The map shares the bottom area with the board (appended last: restoreLayout() sizes docks by index).
    m_map = new MapPanel(workspace, &m_staff->model(), this);
    addDock(m_map, tr("Map"), u"dock.map"_s, Qt::BottomDockWidgetArea);
    tabifyDockWidget(boardDock, m_docks.last());
    boardDock->raise();

    for (TicketTableView *view : {m_table, m_myWork}) {
        connect(view, &TicketTableView::ticketActivated, this, &MainWindow::openTicket);
        connect(view, &TicketTableView::currentTicketChanged, this, &MainWindow::openTicket);
    }
    connect(m_table, &TicketTableView::filterChanged, m_board, &BoardView::setFilter);
    // Map and table are linked: the same filter, and the selected ticket is centred with its candidates.
    connect(m_table, &TicketTableView::filterChanged, m_map, &MapPanel::setFilter);
    connect(m_table, &TicketTableView::currentTicketChanged, m_map, &MapPanel::showTicket);
    connect(m_map, &MapPanel::ticketActivated, this, &MainWindow::openTicket);
    connect(m_map, &MapPanel::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_board, &BoardView::ticketActivated, this, &MainWindow::openTicket);
    connect(m_notifications, &NotificationPanel::ticketActivated, this, &MainWindow::openTicket);
    connect(m_callbacks, &CallbackView::ticketActivated, this, &MainWindow::openTicket);
    connect(m_printing, &WorkOrderPrinting::finished, this,
            [this](bool, const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_detail, &TicketDetailView::openTicketRequested, this, &MainWindow::openTicket);
    connect(m_board, &BoardView::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_staff, &StaffPanel::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    // Presence: others see that this user is writing while the reply box has the focus.
    if (QWidget *editor = m_detail->findChild<QWidget *>(u"reply.editor"_s))
        editor->installEventFilter(this);

    // Status bar: always honest about the link to the server and about unconfirmed work.
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(u"connectionState"_s);
    m_pendingLabel = new QLabel(this);
    m_pendingLabel->setObjectName(u"pendingCount"_s);
    m_loadLabel = new QLabel(this);
    m_userLabel = new QLabel(this);
    statusBar()->addWidget(m_connectionLabel);
    statusBar()->addWidget(m_pendingLabel);
    statusBar()->addWidget(m_loadLabel, 1);
    statusBar()->addPermanentWidget(m_userLabel);
    connect(&workspace.connection(), &Connection::stateChanged, this, &MainWindow::updateConnectionIndicator);
    connect(&workspace.outbox(), &Outbox::pendingCountChanged, this, &MainWindow::updateConnectionIndicator);
    connect(&workspace, &Workspace::loadProgress, this, [this](int loaded, bool finished) {
        m_loadLabel->setText(finished ? tr("%n ticket(s) loaded", nullptr, loaded)
                                      : tr("Loading tickets… %n", nullptr, loaded));
    });
    connect(&workspace.connection(), &Connection::loggedIn, this, &MainWindow::onLoggedIn);

    connect(&workspace, &Workspace::conflict, this, [this](const OutboxAction &action, const Ticket &current) {
        auto *dialog = new ConflictDialog(m_workspace, action, current, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(&workspace, &Workspace::actionRefused, this, [this](const OutboxAction &action) {
        statusBar()->showMessage(tr("Refused by the server: %1 — %2").arg(action.summary, action.error.message), 15000);
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Change refused"),
                                    tr("The server refused “%1”.").arg(action.summary), QMessageBox::Ok, this);
        box->setInformativeText(action.error.message);
        box->setObjectName(u"refusedBox"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->show();
        connect(&workspace.notifications(), &NotificationModel::added, this,
                [this](const Notification &n) { m_tray->showMessage(n.title, n.text); });
    }
    connect(&workspace.notifications(), &NotificationModel::added, this,
            [this](const Notification &n) { statusBar()->showMessage(n.title + u" — "_s + n.text, 10000); });

    buildMenus();
    updateConnectionIndicator();
    resize(1500, 900);
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &title, const QString &objectName,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newTicket = file->addAction(tr("&New ticket…"), this, &MainWindow::newTicket);
    newTicket->setObjectName(u"action.newTicket"_s);
    newTicket->setShortcut(QKeySequence::New);
    QAction *exportList = file->addAction(tr("&Export ticket list…"), this, &MainWindow::exportTicketList);
    exportList->setObjectName(u"action.exportTickets"_s);
    file->addSeparator();
    buildPrintActions(file);
    file->addSeparator();
    QAction *offline = file->addAction(tr("Work &offline"));
    offline->setObjectName(u"action.offline"_s);
    offline->setCheckable(true);
    connect(offline, &QAction::toggled, this, [this](bool on) {
        if (on)
            m_workspace.connection().goOffline();
        else
            m_workspace.connection().reconnect();
    });
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    QAction *search = go->addAction(tr("&Search tickets"), m_table, &TicketTableView::focusSearch);
    search->setObjectName(u"action.search"_s);
    search->setShortcut(QKeySequence::Find);
    QAction *next = go->addAction(tr("&Next ticket"), this, [this] { m_table->selectNext(1); });
    next->setObjectName(u"action.next"_s);
    next->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Down), QKeySequence(Qt::CTRL | Qt::Key_Period)});
    QAction *previous = go->addAction(tr("&Previous ticket"), this, [this] { m_table->selectNext(-1); });
    previous->setObjectName(u"action.previous"_s);
    previous->setShortcuts({QKeySequence(Qt::ALT | Qt::Key_Up), QKeySequence(Qt::CTRL | Qt::Key_Comma)});
    go->addSeparator();
    const QList<std::pair<QString, int>> views = {
        {tr("All open"), 0}, {tr("My open"), 1}, {tr("Unassigned"), 2}, {tr("Urgent today"), 3}};
    for (const auto &[name, index] : views) {
        QAction *a = go->addAction(name, this, [this, index] { m_table->applyView(index); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + index)));
    }

    go->addSeparator();
    QAction *map = go->addAction(tr("&Map"), this, &MainWindow::showMap);
    map->setObjectName(u"action.map"_s);
    map->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));

    QMenu *ticket = menuBar()->addMenu(tr("&Ticket"));
    ticket->addActions(m_detail->ticketActions());
    // The ticket shortcuts also work from the tables: they act on the selected ticket, which the detail view follows.
    m_table->addActions(m_detail->ticketActions());
    m_myWork->addActions(m_detail->ticketActions());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    QAction *dashboard = view->addAction(tr("Manager &dashboard"), this, &MainWindow::showDashboard);
    dashboard->setObjectName(u"action.dashboard"_s);
    dashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QAction *thresholds = view->addAction(tr("Board &alarm thresholds…"), this, &MainWindow::editThresholds);
    thresholds->setObjectName(u"action.thresholds"_s);
    view->addSeparator();
    QMenu *language = view->addMenu(tr("&Language"));
    language->setObjectName(u"menu.language"_s);
    auto *languages = new QActionGroup(language);
    const QString current = UiSettings::load().language;
    const QList<std::pair<QString, QString>> choices = {
        {tr("Follow the system"), QString()}, {u"English"_s, u"en"_s}, {u"简体中文"_s, u"zh_CN"_s}};
    for (const auto &[label, code] : choices) {
        QAction *a = language->addAction(label);
        a->setObjectName(u"action.language."_s + (code.isEmpty() ? u"system"_s : code));
        a->setCheckable(true);
        a->setChecked(code == current);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            UiSettings settings = UiSettings::load();
            settings.language = code;
            settings.save();
            statusBar()->showMessage(tr("The language changes the next time Crewline starts."), 10000);
        });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showHelp);
    shortcuts->setObjectName(u"action.help"_s);
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About Crewline"), this, [this] {
        QMessageBox::about(this, tr("About Crewline"),
                           tr("<b>Crewline</b> %1<br>Work-order dispatch console.<br>GPL-3.0-or-later.")
                               .arg(QStringLiteral(CREWLINE_VERSION_STRING)));
    });
}

QList<TicketId> MainWindow::ticketsToPrint() const
{
    QList<TicketId> ids = m_table->selectedTickets();
    if (ids.isEmpty() && m_detail->ticketId().isValid())
        ids << m_detail->ticketId();
    return ids;
}

void MainWindow::buildPrintActions(QMenu *file)
{
    using Output = WorkOrderPrinting::Output;
    QAction *print = file->addAction(tr("&Print work orders…"), this,
                                     [this] { m_printing->printTickets(ticketsToPrint(), Output::Preview); });
    print->setObjectName(u"action.print"_s);
    print->setShortcut(QKeySequence::Print);
    QAction *pdf = file->addAction(tr("&Export work orders to PDF…"), this,
                                   [this] { m_printing->printTickets(ticketsToPrint(), Output::Pdf); });
    pdf->setObjectName(u"action.printPdf"_s);
    pdf->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QAction *crew =
        file->addAction(tr("Print &crew sheet…"), this, [this] { m_printing->printCrewSheet(Output::Preview); });
    crew->setObjectName(u"action.crewSheet"_s);
    QAction *crewPdf =
        file->addAction(tr("Export crew sheet to PDF…"), this, [this] { m_printing->printCrewSheet(Output::Pdf); });
    crewPdf->setObjectName(u"action.crewSheetPdf"_s);
    QAction *settings = file->addAction(tr("Print settings…"), m_printing, &WorkOrderPrinting::editSettings);
    settings->setObjectName(u"action.printSettings"_s);
    for (QAction *a : {print, pdf, crew, crewPdf})
        a->setEnabled(m_workspace.may(protocol::Op::TicketPrint));
    connect(&m_workspace.connection(), &Connection::loggedIn, this, [this, print, pdf, crew, crewPdf] {
        for (QAction *a : {print, pdf, crew, crewPdf})
            a->setEnabled(m_workspace.may(protocol::Op::TicketPrint));
    });
    // Also in the tables' context menus and the ticket view's toolbar.
    m_table->addContextActions({print, pdf});
    m_myWork->addContextActions({print, pdf});
    m_detail->addToolbarAction(print);
}

void MainWindow::showDashboard()
{
    if (!m_workspace.may(protocol::Op::StatsDashboard)) {
        statusBar()->showMessage(tr("Your role has no dashboard."), 8000);
        return;
    }
    if (!m_dashboard) {
        m_dashboard = new DashboardView(m_workspace, this);
        m_dashboard->setWindowFlag(Qt::Window);
        m_dashboard->setWindowTitle(tr("Crewline — manager dashboard"));
        m_dashboard->resize(1400, 900);
        connect(m_dashboard, &DashboardView::ticketActivated, this, [this](TicketId id) {
            openTicket(id);
            raise();
            activateWindow();
        });
        m_dashboard->start();
    }
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
}

void MainWindow::editThresholds()
{
    UiSettings settings = UiSettings::load();
    QDialog dialog(this);
    dialog.setObjectName(u"thresholdsDialog"_s);
    dialog.setWindowTitle(tr("Board alarm thresholds"));
    auto *form = new QFormLayout(&dialog);
    auto *enabled = new QCheckBox(tr("Show alarms on the board and in the ticket list"), &dialog);
    enabled->setChecked(settings.thresholds.enabled);
    auto *unaccepted = new QSpinBox(&dialog);
    unaccepted->setRange(1, 7 * 24 * 60);
    unaccepted->setSuffix(tr(" min"));
    unaccepted->setValue(settings.thresholds.unacceptedMinutes);
    auto *open = new QSpinBox(&dialog);
    open->setRange(1, 24 * 90);
    open->setSuffix(tr(" h"));
    open->setValue(settings.thresholds.openHours);
    auto *rating = new QSpinBox(&dialog);
    rating->setRange(1, 6);
    rating->setValue(settings.thresholds.ratingBelow);
    form->addRow(enabled);
    form->addRow(tr("Not accepted for more than (red):"), unaccepted);
    form->addRow(tr("Open for more than (flashing):"), open);
    form->addRow(tr("Rating below (highlighted):"), rating);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.thresholds.enabled = enabled->isChecked();
    settings.thresholds.unacceptedMinutes = unaccepted->value();
    settings.thresholds.openHours = open->value();
    settings.thresholds.ratingBelow = rating->value();
    settings.save();
    m_workspace.tickets().setThresholds(settings.thresholds);
}

void MainWindow::exportTicketList()
{
    exporting::exportTableInteractive(
        this, m_table->proxy(), tr("Tickets"),
        tr("Ticket list as filtered on %1").arg(QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm"_s)));
}

void MainWindow::showHelp()
{
    // Every action with a shortcut, from the menus and the ticket view, so the list cannot go stale.
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"helpOverlay"_s);
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    auto *table = new QTableWidget(dialog);
    table->setObjectName(u"shortcuts"_s);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    QList<QAction *> actions = findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->shortcuts().isEmpty() || a->text().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        const int row = table->rowCount();
        table->insertRow(row);
        // "派单(&A)" and "&Assign" both become a plain name.
        static const QRegularExpression accelerator(u"\\(&.\\)|&"_s);
        table->setItem(row, 0, new QTableWidgetItem(QString(a->text()).remove(accelerator)));
        table->setItem(row, 1, new QTableWidgetItem(keys.join(u", "_s)));
    }
    table->sortItems(0);
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnToContents(0);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(560, 640);
    dialog->open();
}

void MainWindow::openTicket(TicketId id)
{
    if (!id.isValid() || id == m_detail->ticketId())
        return;
    m_detail->showTicket(id);
    m_presence->setActivity(id, u"viewing"_s);
}

void MainWindow::showMap()
{
    for (QDockWidget *dock : std::as_const(m_docks)) {
        if (dock->widget() == m_map) {
            dock->show();
            dock->raise();
        }
    }
    if (const TicketId current = m_table->currentTicket(); current.isValid())
        m_map->showTicket(current);
    m_map->canvas()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::newTicket()
{
    auto *dialog = new NewTicketDialog(m_workspace, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::onLoggedIn()
{
    const User &me = m_workspace.me();
    QString role;
    switch (me.role) {
    case Role::Requester:
        role = tr("requester");
        break;
    case Role::Dispatcher:
        role = tr("dispatcher");
        break;
    case Role::Engineer:
        role = tr("engineer");
        break;
    case Role::Supervisor:
        role = tr("supervisor");
        break;
    case Role::Manager:
        role = tr("manager");
        break;
    case Role::Auditor:
        role = tr("auditor");
        break;
    case Role::Admin:
        role = tr("administrator");
        break;
    }
    m_userLabel->setText(tr("%1 (%2)").arg(me.displayName, role));
    setWindowTitle(tr("Crewline — %1").arg(me.displayName));
    m_myWork->applyView(1);
}

void MainWindow::restoreLayout()
{
    QSettings s;
    const QString user = m_workspace.me().username;
    restoreGeometry(s.value(u"window/%1/geometry"_s.arg(user)).toByteArray());
    if (!restoreState(s.value(u"window/%1/state"_s.arg(user)).toByteArray())) {
        // A sensible first layout, applied once the window has its size.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_docks.at(0)}, {480}, Qt::Horizontal);
            resizeDocks({m_docks.at(3)}, {300}, Qt::Horizontal);
            resizeDocks({m_docks.at(1)}, {330}, Qt::Vertical);
        });
    }
    m_table->restoreState();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut) {
        if (m_detail->ticketId().isValid())
            m_presence->setActivity(m_detail->ticketId(),
                                    event->type() == QEvent::FocusIn ? u"writing"_s : u"viewing"_s);
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_workspace.outbox().pendingCount() > 0) {
        const auto answer = QMessageBox::question(
            this, tr("Unsent changes"),
            tr("%n change(s) have not reached the server yet. They are kept and sent the next time you sign in. "
               "Quit anyway?",
               nullptr, m_workspace.outbox().pendingCount()));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings s;
    const QString user = m_workspace.me().username;
    s.setValue(u"window/%1/geometry"_s.arg(user), saveGeometry());
    s.setValue(u"window/%1/state"_s.arg(user), saveState());
    m_table->saveState();
    event->accept();
}

void MainWindow::updateConnectionIndicator()
{
    const auto state = m_workspace.connection().state();
    QString text, colour;
    switch (state) {
    case Connection::State::Online:
        text = tr("Connected");
        colour = u"#2e7d32"_s;
        break;
    case Connection::State::Connecting:
        text = tr("Connecting…");
        colour = u"#f9a825"_s;
        break;
    case Connection::State::Reconnecting:
        text = tr("Reconnecting…");
        colour = u"#f9a825"_s;
        break;
    case Connection::State::Offline:
        text = tr("Offline");
        colour = u"#c62828"_s;
        break;
    }
    m_connectionLabel->setText(u"<span style='color:%1'>●</span> %2"_s.arg(colour, text));
    m_connectionLabel->setProperty("state", static_cast<int>(state));
    const int pending = m_workspace.outbox().pendingCount();
    m_pendingLabel->setText(pending > 0 ? tr("%n change(s) waiting to be confirmed", nullptr, pending) : QString());
}

} // namespace crewline::client
