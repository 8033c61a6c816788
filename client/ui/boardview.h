#pragma once

// The queue board (kanban): one column per status of a ticket type, in the order of the type's definition, each a
// live list of cards over the shared ticket model (so cards move between columns as events arrive, and the current
// card stays selected when it moves). Dragging cards to another column performs the workflow move that leads there
// (a named transition, or assign / accept / suspend / resume / reopen when the workflow reaches that status through
// them), asking which when several do and for the fields or comment the move needs; a move the workflow does not
// allow is refused on the spot and nothing moves. Dragging cards onto a person in the staff panel assigns them.
// Keyboard: arrows move between cards and columns, Enter opens. Ctrl+= / Ctrl+- zoom the cards for big screens.

#include "client/core/ticketfilter.h"
#include "common/domain.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QListView;
class QScrollArea;
class QTimer;

namespace crewline::client {

class BoardColumnModel;
class BoardColumnView;
class BoardMoves;
class TicketCardDelegate;
class Workspace;

class BoardView : public QWidget
{
    Q_OBJECT
public:
    explicit BoardView(Workspace &workspace, QWidget *parent = nullptr);
    ~BoardView() override;

    void setTicketType(const QString &typeId);  // which type's statuses are the columns; a combo in the view too
    void setFilter(const TicketFilter &filter); // the same filters as the table (team, assignee, ...), status ignored
    QString ticketType() const { return m_typeId; }
    const TicketFilter &filter() const { return m_filter; }

    void setShowClosed(bool show); // the columns of final statuses
    bool showClosed() const { return m_showClosed; }
    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    void zoomIn();
    void zoomOut();

    // Columns currently shown, in order; the list of one; how many cards it holds.
    QStringList visibleStatuses() const;
    QListView *columnView(const QString &status) const;
    int count(const QString &status) const;

    TicketId currentTicket() const { return m_current; }
    bool selectTicket(TicketId id); // makes the card current in whatever column holds it

    // What dropping these tickets on a status column does: starts the move (a menu when several moves lead there,
    // a dialog when it needs input) and returns true; false when it is refused (the reason is shown).
    bool dropTickets(const QList<TicketId> &ids, const QString &toStatus);

Q_SIGNALS:
    void ticketActivated(crewline::TicketId id);
    void currentTicketChanged(crewline::TicketId id);
    void statusMessage(const QString &text); // refusals and results of drops, for the status bar too

private:
    friend class BoardColumnView;

    struct Column
    {
        QString status;
        QWidget *frame = nullptr;
        QLabel *header = nullptr;
        BoardColumnView *view = nullptr;
        BoardColumnModel *proxy = nullptr;
    };

    void refuse(const QString &text);
    void showMessage(const QString &text);

    void refreshTypes();
    void rebuildColumns();
    void applyFilter();
    void applyZoom();
    void updateHeader(const Column &column);
    void updateVisibility();
    void focusNeighbour(const BoardColumnView *from, int direction);
    void followCurrent();
    const Column *columnOf(const BoardColumnView *view) const;
    void saveSettings() const;

    Workspace &m_workspace;
    TicketCardDelegate *m_delegate;
    BoardMoves *m_moves;
    QComboBox *m_type;
    QCheckBox *m_closed;
    QLabel *m_message;
    QTimer *m_messageTimer;
    bool m_flashOn = false;
    QScrollArea *m_scroll;
    QWidget *m_strip;
    QHBoxLayout *m_columnsLayout;
    QList<Column> m_columns;
    QString m_typeId;
    QStringList m_statusIds; // of the type the columns were built for
    TicketFilter m_filter;
    bool m_showClosed = false;
    double m_zoom = 1.0;
    TicketId m_current;
    TicketId m_follow; // the current card left its column: select it again where it arrives
    bool m_followFocus = false;
};

} // namespace crewline::client
