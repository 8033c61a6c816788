#pragma once

// The people work can go to: field staff with their status colour, team, open ticket count and skills, plus the
// dispatchers and supervisors who can hold tickets. A search box narrows it (name, team, skill); "On duty only"
// hides those off duty. Dropping tickets (cards from the board, rows from the table; several at once for a bulk
// dispatch) on a person assigns them to that person. Enter or a double click activates the person.

#include "common/types.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTimer;
class QTreeView;

namespace crewline::client {

class StaffFilterModel;
class StaffListView;
class StaffModel;
class Workspace;

class StaffPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StaffPanel(Workspace &workspace, QWidget *parent = nullptr);
    ~StaffPanel() override;

    StaffModel &model() const { return *m_model; }
    QTreeView *view() const;
    void focusSearch();

    // Assigns the tickets to the person (what a drop does); returns how many assignments were sent.
    int assignTickets(const QList<TicketId> &ids, UserId to);

Q_SIGNALS:
    void staffActivated(crewline::UserId id);
    void statusMessage(const QString &text); // results of drops, for the status bar too

private:
    void showMessage(const QString &text);

    Workspace &m_workspace;
    StaffModel *m_model;
    StaffFilterModel *m_proxy;
    StaffListView *m_view;
    QLineEdit *m_search;
    QCheckBox *m_onDuty;
    QLabel *m_message;
    QTimer *m_messageTimer;
};

} // namespace crewline::client
