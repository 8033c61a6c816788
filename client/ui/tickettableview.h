#pragma once

// The ticket table: every ticket of the working set that matches the current view. A filter bar (saved views,
// free text, type, status, priority, team, assignee, unassigned, open only, created range), a sortable table over
// the live model (a real model: 100,000 rows stay smooth), a column chooser, multi-select with bulk assign and
// bulk transition, and a button to search the server's whole history.

#include "client/core/ticketfilter.h"
#include "common/types.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace crewline::client {

class Workspace;

class TicketTableView : public QWidget
{
    Q_OBJECT
public:
    explicit TicketTableView(Workspace &workspace, QWidget *parent = nullptr);

    TicketId currentTicket() const;
    QList<TicketId> selectedTickets() const;
    TicketFilterModel &proxy() { return *m_proxy; }
    QTableView *table() const { return m_table; }
    void focusSearch();
    void selectNext(int delta); // next/previous ticket (keyboard)
    // Actions shown in the table's context menu (they act on the selected tickets).
    void addContextActions(const QList<QAction *> &actions);
    void applyView(int index);
    void saveState() const;
    void restoreState();

Q_SIGNALS:
    void ticketActivated(crewline::TicketId id);
    void currentTicketChanged(crewline::TicketId id);
    void filterChanged(const crewline::client::TicketFilter &filter);

private:
    void rebuildChoices();
    void filterFromControls();
    void bulkAssign();
    void bulkTransition();
    void saveCurrentView();
    void updateCount();
    void showHeaderMenu(const QPoint &pos);

    Workspace &m_workspace;
    TicketFilterModel *m_proxy;
    QTableView *m_table;
    QComboBox *m_views;
    QLineEdit *m_search;
    QComboBox *m_type, *m_status, *m_priority, *m_team, *m_assignee;
    QCheckBox *m_unassigned, *m_openOnly, *m_useDates;
    QDateEdit *m_from, *m_to;
    QLabel *m_count;
    QString m_serverFound;  // what the last server search found ("12 found on the server")
    QString m_serverSearch; // for this search text
    QTimer *m_debounce;
    QList<SavedView> m_savedViews;
    bool m_applying = false;
};

} // namespace crewline::client
