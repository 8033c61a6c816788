#pragma once

// The console's main window: the ticket table in the middle, dockable views around it (queue board, ticket detail,
// my work, staff, map, notifications, pending actions), a status bar that is honest about the connection, and a
// keyboard shortcut for everything, listed in the help overlay (F1). Layout and dock choices are saved per user.

#include "common/types.h"

#include <QMainWindow>

class QAction;
class QMenu;
class QDockWidget;
class QLabel;
class QSystemTrayIcon;

namespace crewline::client {

class BoardView;
class MapPanel;
class CallbackView;
class WorkOrderPrinting;
class DashboardView;
class NotificationPanel;
class PendingPanel;
class Presence;
class StaffPanel;
class TicketDetailView;
class TicketTableView;
class Workspace;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Workspace &workspace, QWidget *parent = nullptr);
    ~MainWindow() override;

    TicketTableView *table() const { return m_table; }
    TicketDetailView *detail() const { return m_detail; }
    BoardView *board() const { return m_board; }
    StaffPanel *staff() const { return m_staff; }
    MapPanel *map() const { return m_map; }
    void showMap();
    TicketTableView *myWork() const { return m_myWork; }
    CallbackView *callbacks() const { return m_callbacks; }
    WorkOrderPrinting *printing() const { return m_printing; }
    DashboardView *dashboard() const { return m_dashboard; } // null until first shown
    void showHelp();
    void restoreLayout();

public Q_SLOTS:
    void openTicket(crewline::TicketId id);
    void newTicket();
    void showDashboard();
    void editThresholds();
    void exportTicketList();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &objectName, Qt::DockWidgetArea area);
    void buildMenus();
    void buildPrintActions(QMenu *file);
    QList<TicketId> ticketsToPrint() const;
    void updateConnectionIndicator();
    void onLoggedIn();

    Workspace &m_workspace;
    Presence *m_presence = nullptr;
    TicketTableView *m_table = nullptr;
    TicketTableView *m_myWork = nullptr;
    TicketDetailView *m_detail = nullptr;
    BoardView *m_board = nullptr;
    DashboardView *m_dashboard = nullptr; // its own window, made when first shown
    StaffPanel *m_staff = nullptr;
    MapPanel *m_map = nullptr;
    NotificationPanel *m_notifications = nullptr;
    PendingPanel *m_pending = nullptr;
    CallbackView *m_callbacks = nullptr;
    WorkOrderPrinting *m_printing = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_pendingLabel = nullptr;
    QLabel *m_loadLabel = nullptr;
    QLabel *m_userLabel = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QList<QDockWidget *> m_docks;
};

} // namespace crewline::client
