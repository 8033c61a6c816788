#include "client/ui/tickettableview.h"

#include "client/core/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
QString settingsKey(const Workspace &w, const QString &what)
{
    return u"table/%1/%2"_s.arg(w.me().username.isEmpty() ? u"_"_s : w.me().username, what);
}

// Rows with an alarm (BoardThresholds): red when not accepted in time, flashing when open too long, amber for a low
// rating, the same colours as the board's cards.
class AlarmRowDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    bool flashOn = false;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const int alarms = index.data(TicketModel::AlarmRole).toInt();
        if ((alarms & BoardThresholds::LongOpen) && flashOn)
            option->backgroundBrush = QColor(0xff, 0xcd, 0xd2);
        else if (alarms & BoardThresholds::Unaccepted)
            option->backgroundBrush = QColor(0xff, 0xeb, 0xee);
        else if (alarms & BoardThresholds::LowRating)
            option->backgroundBrush = QColor(0xff, 0xf3, 0xc4);
        if (alarms & BoardThresholds::Unaccepted)
            option->palette.setColor(QPalette::Text, QColor(0xb7, 0x1c, 0x1c));
    }
};
} // namespace

TicketTableView::TicketTableView(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(u"ticketTable"_s);
    m_proxy = new TicketFilterModel(this);
    m_proxy->setSourceModel(&workspace.tickets());

    m_views = new QComboBox(this);
    m_views->setObjectName(u"savedViews"_s);
    m_views->setToolTip(tr("Saved views"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"search"_s);
    m_search->setPlaceholderText(tr("Search number, title, requester, address… (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_type = new QComboBox(this);
    m_type->setObjectName(u"typeFilter"_s);
    m_status = new QComboBox(this);
    m_status->setObjectName(u"statusFilter"_s);
    m_priority = new QComboBox(this);
    m_priority->setObjectName(u"priorityFilter"_s);
    m_team = new QComboBox(this);
    m_team->setObjectName(u"teamFilter"_s);
    m_assignee = new QComboBox(this);
    m_assignee->setObjectName(u"assigneeFilter"_s);
    m_unassigned = new QCheckBox(tr("Unassigned"), this);
    m_unassigned->setObjectName(u"unassignedFilter"_s);
    m_openOnly = new QCheckBox(tr("Open only"), this);
    m_openOnly->setObjectName(u"openFilter"_s);
    m_useDates = new QCheckBox(tr("Created"), this);
    m_from = new QDateEdit(QDate::currentDate().addDays(-7), this);
    m_to = new QDateEdit(QDate::currentDate(), this);
    for (QDateEdit *d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(u"yyyy-MM-dd"_s);
    }
    m_count = new QLabel(this);
    m_count->setObjectName(u"count"_s);

    auto *saveView = new QToolButton(this);
    saveView->setText(tr("Save view…"));
    connect(saveView, &QToolButton::clicked, this, &TicketTableView::saveCurrentView);
    auto *history = new QToolButton(this);
    history->setObjectName(u"searchServer"_s);
    history->setText(tr("Search history"));
    history->setToolTip(tr("Search all tickets on the server, including old closed ones"));
    connect(history, &QToolButton::clicked, this, [this] {
        const QString text = m_search->text();
        m_workspace.searchServer({{u"text"_s, text}}, [this, text](int total, bool orMore) {
            // Shown beside the table's own count until the search text changes.
            m_serverSearch = text;
            if (total < 0)
                m_serverFound = tr("Server search failed");
            else if (orMore)
                m_serverFound = tr("%n or more found on the server", nullptr, total);
            else
                m_serverFound = tr("%n found on the server", nullptr, total);
            updateCount();
        });
    });
    auto *bulk = new QToolButton(this);
    bulk->setText(tr("Selected"));
    bulk->setPopupMode(QToolButton::InstantPopup);
    auto *bulkMenu = new QMenu(bulk);
    bulkMenu->addAction(tr("Assign selected…"), this, &TicketTableView::bulkAssign);
    bulkMenu->addAction(tr("Transition selected…"), this, &TicketTableView::bulkTransition);
    bulk->setMenu(bulkMenu);

    auto *row1 = new QHBoxLayout;
    row1->addWidget(m_views);
    row1->addWidget(saveView);
    row1->addWidget(m_search, 1);
    row1->addWidget(history);
    row1->addWidget(bulk);
    auto *row2 = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_type, m_status, m_priority, m_team, m_assignee, m_unassigned,
                                                       m_openOnly, m_useDates, m_from, m_to})
        row2->addWidget(w);
    row2->addStretch(1);
    row2->addWidget(m_count);

    m_table = new QTableView(this);
    m_table->setObjectName(u"tickets"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TicketModel::UpdatedColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setDragEnabled(true);
    m_table->setDragDropMode(QAbstractItemView::DragOnly);
    m_table->setAlternatingRowColors(true);
    auto *alarms = new AlarmRowDelegate(m_table);
    m_table->setItemDelegate(alarms);
    auto *flash = new QTimer(this);
    flash->setInterval(700);
    connect(flash, &QTimer::timeout, this, [this, alarms] {
        alarms->flashOn = !alarms->flashOn;
        if (m_table->isVisible())
            m_table->viewport()->update();
    });
    flash->start();
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->resizeSection(TicketModel::TitleColumn, 360);
    m_table->horizontalHeader()->resizeSection(TicketModel::NumberColumn, 150);
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            &TicketTableView::showHeaderMenu);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &i) {
        Q_EMIT ticketActivated(TicketId(i.data(TicketModel::TicketIdRole).toLongLong()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        Q_EMIT currentTicketChanged(TicketId(i.data(TicketModel::TicketIdRole).toLongLong()));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(m_table, 1);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_debounce, &QTimer::timeout, this, &TicketTableView::filterFromControls);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QComboBox *c : {m_type, m_status, m_priority, m_team, m_assignee})
        connect(c, &QComboBox::currentIndexChanged, this, &TicketTableView::filterFromControls);
    for (QCheckBox *c : {m_unassigned, m_openOnly, m_useDates})
        connect(c, &QCheckBox::toggled, this, &TicketTableView::filterFromControls);
    for (QDateEdit *d : {m_from, m_to})
        connect(d, &QDateEdit::dateChanged, this, &TicketTableView::filterFromControls);
    connect(m_type, &QComboBox::currentIndexChanged, this, [this] {
        // The status list depends on the type.
        const QString type = m_type->currentData().toString();
        const QSignalBlocker block(m_status);
        m_status->clear();
        m_status->addItem(tr("Any status"), QString());
        for (const TicketType *t : m_workspace.directory().types().all()) {
            if (!type.isEmpty() && t->id() != type)
                continue;
            for (const StatusDef &s : t->statuses()) {
                if (m_status->findData(s.id) < 0)
                    m_status->addItem(s.name.in(m_workspace.directory().language()), s.id);
            }
        }
    });
    connect(m_views, &QComboBox::activated, this, &TicketTableView::applyView);
    connect(&workspace.directory(), &Directory::changed, this, &TicketTableView::rebuildChoices);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TicketTableView::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TicketTableView::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TicketTableView::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TicketTableView::updateCount);
    connect(&workspace.tickets(), &QAbstractItemModel::rowsInserted, this, &TicketTableView::updateCount);
    rebuildChoices();
}

void TicketTableView::rebuildChoices()
{
    m_applying = true;
    const Directory &d = m_workspace.directory();
    const auto refill = [](QComboBox *box, const QString &any, const QList<std::pair<QString, QVariant>> &items) {
        const QVariant current = box->currentData();
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(any, QVariant());
        for (const auto &[text, value] : items)
            box->addItem(text, value);
        const int i = box->findData(current);
        box->setCurrentIndex(i < 0 ? 0 : i);
    };
    QList<std::pair<QString, QVariant>> types, priorities, teams, people;
    for (const TicketType *t : d.types().all())
        types.append({t->name().in(d.language()), t->id()});
    for (int p = 3; p >= 0; --p)
        priorities.append({TicketModel::priorityText(static_cast<Priority>(p)), p});
    for (const Team &t : d.teams())
        teams.append({t.name, t.id.value()});
    for (const User &u : d.assignableUsers())
        people.append({u.displayName, u.id.value()});
    refill(m_type, tr("Any type"), types);
    refill(m_priority, tr("Any priority"), priorities);
    refill(m_team, tr("Any team"), teams);
    refill(m_assignee, tr("Anyone"), people);
    Q_EMIT m_type->currentIndexChanged(m_type->currentIndex());

    m_savedViews = builtInViews(m_workspace.me().id.value(), QDateTime(QDate::currentDate(), QTime(0, 0)).toUTC());
    QSettings s;
    const QJsonArray custom =
        QJsonDocument::fromJson(s.value(settingsKey(m_workspace, u"views"_s)).toByteArray()).array();
    for (const QJsonValue &v : custom)
        m_savedViews << SavedView{v.toObject().value(u"name"_s).toString(),
                                  TicketFilter::fromJson(v.toObject().value(u"filter"_s).toObject()), false};
    const int current = m_views->currentIndex();
    {
        const QSignalBlocker block(m_views);
        m_views->clear();
        for (const SavedView &v : std::as_const(m_savedViews))
            m_views->addItem(v.name);
        m_views->setCurrentIndex(current < 0 ? 0 : std::min(current, m_views->count() - 1));
    }
    m_applying = false;
    if (current < 0)
        applyView(0);
    else
        filterFromControls();
}

void TicketTableView::applyView(int index)
{
    if (index < 0 || index >= m_savedViews.size())
        return;
    const TicketFilter &f = m_savedViews.at(index).filter;
    m_applying = true;
    const auto pick = [](QComboBox *box, const QVariant &value) {
        const int i = value.isValid() ? box->findData(value) : 0;
        box->setCurrentIndex(i < 0 ? 0 : i);
    };
    pick(m_type, f.types.isEmpty() ? QVariant() : QVariant(f.types.first()));
    pick(m_status, f.statuses.isEmpty() ? QVariant() : QVariant(f.statuses.first()));
    pick(m_priority, f.priorities.isEmpty() ? QVariant() : QVariant(f.priorities.first()));
    pick(m_team, f.teamIds.isEmpty() ? QVariant() : QVariant(f.teamIds.first()));
    pick(m_assignee, f.assigneeIds.isEmpty() ? QVariant() : QVariant(f.assigneeIds.first()));
    m_unassigned->setChecked(f.unassignedOnly);
    m_openOnly->setChecked(f.openOnly);
    m_useDates->setChecked(f.createdFrom.isValid() || f.createdTo.isValid());
    if (f.createdFrom.isValid())
        m_from->setDate(f.createdFrom.toLocalTime().date());
    if (f.createdTo.isValid())
        m_to->setDate(f.createdTo.toLocalTime().date().addDays(-1));
    m_search->setText(f.text);
    m_applying = false;
    // The built-in "urgent" view asks for high and urgent: keep the full filter, not only what the combos show.
    m_proxy->setFilter(f);
    Q_EMIT filterChanged(f);
    updateCount();
}

void TicketTableView::filterFromControls()
{
    if (m_applying)
        return;
    TicketFilter f;
    if (const QString t = m_type->currentData().toString(); !t.isEmpty())
        f.types = {t};
    if (const QString s = m_status->currentData().toString(); !s.isEmpty())
        f.statuses = {s};
    if (m_priority->currentData().isValid())
        f.priorities = {m_priority->currentData().toInt()};
    if (m_team->currentData().isValid())
        f.teamIds = {m_team->currentData().toLongLong()};
    if (m_assignee->currentData().isValid())
        f.assigneeIds = {m_assignee->currentData().toLongLong()};
    f.unassignedOnly = m_unassigned->isChecked();
    f.openOnly = m_openOnly->isChecked();
    if (m_useDates->isChecked()) {
        f.createdFrom = QDateTime(m_from->date(), QTime(0, 0)).toUTC();
        f.createdTo = QDateTime(m_to->date().addDays(1), QTime(0, 0)).toUTC();
    }
    m_from->setEnabled(m_useDates->isChecked());
    m_to->setEnabled(m_useDates->isChecked());
    f.text = m_search->text().trimmed();
    m_proxy->setFilter(f);
    Q_EMIT filterChanged(f);
    updateCount();
}

void TicketTableView::updateCount()
{
    QString text = tr("%1 of %2 tickets").arg(m_proxy->rowCount()).arg(m_workspace.tickets().rowCount());
    if (!m_serverFound.isEmpty() && m_search->text() == m_serverSearch)
        text += u" · "_s + m_serverFound;
    m_count->setText(text);
}

void TicketTableView::saveCurrentView()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Save view"), tr("Name of this view:"), QLineEdit::Normal, QString(), &ok);
    if (!ok || name.trimmed().isEmpty())
        return;
    QSettings s;
    QJsonArray custom = QJsonDocument::fromJson(s.value(settingsKey(m_workspace, u"views"_s)).toByteArray()).array();
    custom.append(QJsonObject{{u"name"_s, name.trimmed()}, {u"filter"_s, m_proxy->filter().toJson()}});
    s.setValue(settingsKey(m_workspace, u"views"_s), QJsonDocument(custom).toJson(QJsonDocument::Compact));
    rebuildChoices();
    m_views->setCurrentIndex(m_views->count() - 1);
}

TicketId TicketTableView::currentTicket() const
{
    return TicketId(m_table->currentIndex().data(TicketModel::TicketIdRole).toLongLong());
}

QList<TicketId> TicketTableView::selectedTickets() const
{
    QList<TicketId> out;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        out << TicketId(i.data(TicketModel::TicketIdRole).toLongLong());
    return out;
}

void TicketTableView::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void TicketTableView::selectNext(int delta)
{
    const int rows = m_proxy->rowCount();
    if (rows == 0)
        return;
    const int row = std::clamp(m_table->currentIndex().row() + delta, 0, rows - 1);
    m_table->setCurrentIndex(m_proxy->index(row, TicketModel::NumberColumn));
    m_table->scrollTo(m_table->currentIndex());
    Q_EMIT ticketActivated(currentTicket());
}

void TicketTableView::bulkAssign()
{
    const QList<TicketId> ids = selectedTickets();
    if (ids.isEmpty())
        return;
    QStringList names;
    QList<UserId> people;
    for (const User &u : m_workspace.directory().assignableUsers()) {
        names << u.displayName + u"  ("_s + u.username + u')';
        people << u.id;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Assign %n ticket(s)", nullptr, static_cast<int>(ids.size())),
                                                 tr("Assign to:"), names, 0, true, &ok);
    const qsizetype i = names.indexOf(chosen);
    if (!ok || i < 0)
        return;
    for (TicketId id : ids)
        m_workspace.assign(id, people.at(i));
}

void TicketTableView::bulkTransition()
{
    const QList<TicketId> ids = selectedTickets();
    if (ids.isEmpty())
        return;
    // Offer the transitions every selected ticket allows.
    QStringList common;
    bool first = true;
    for (TicketId id : ids) {
        const Ticket *t = m_workspace.tickets().ticket(id);
        const QStringList available = t ? m_workspace.availableTransitions(*t) : QStringList();
        if (first)
            common = available;
        else
            common.erase(std::remove_if(common.begin(), common.end(),
                                        [&](const QString &tr) { return !available.contains(tr); }),
                         common.end());
        first = false;
    }
    if (common.isEmpty()) {
        m_count->setText(tr("No step is possible for all selected tickets."));
        return;
    }
    const Ticket *sample = m_workspace.tickets().ticket(ids.first());
    QStringList labels;
    for (const QString &id : common)
        labels << m_workspace.directory().transitionName(sample->type, id);
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Transition %n ticket(s)", nullptr, static_cast<int>(ids.size())), tr("Step:"), labels, 0, false, &ok);
    if (!ok)
        return;
    const QString transition = common.at(labels.indexOf(chosen));
    QString comment;
    if (const TicketType *type = m_workspace.directory().types().type(sample->type)) {
        if (const TransitionDef *def = type->transition(transition); def && def->requiresComment) {
            comment = QInputDialog::getText(this, tr("Reason"), tr("This step needs a reason:"), QLineEdit::Normal,
                                            QString(), &ok);
            if (!ok || comment.trimmed().isEmpty())
                return;
        }
    }
    for (TicketId id : ids)
        m_workspace.transition(id, transition, {}, comment);
}

void TicketTableView::showHeaderMenu(const QPoint &pos)
{
    QMenu menu(this);
    QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < TicketModel::ColumnCount; ++c) {
        QAction *a = menu.addAction(m_workspace.tickets().headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(c));
        a->setEnabled(c != TicketModel::NumberColumn);
        connect(a, &QAction::toggled, header, [header, c](bool on) { header->setSectionHidden(c, !on); });
    }
    menu.exec(header->mapToGlobal(pos));
}

void TicketTableView::saveState() const
{
    QSettings().setValue(settingsKey(m_workspace, u"header"_s), m_table->horizontalHeader()->saveState());
}

void TicketTableView::restoreState()
{
    const QByteArray state = QSettings().value(settingsKey(m_workspace, u"header"_s)).toByteArray();
    if (!state.isEmpty())
        m_table->horizontalHeader()->restoreState(state);
    else {
        for (int c : {TicketModel::CategoryColumn, TicketModel::DepartmentColumn, TicketModel::TeamColumn,
                      TicketModel::CreatedColumn})
            m_table->horizontalHeader()->setSectionHidden(c, true);
    }
}

void TicketTableView::addContextActions(const QList<QAction *> &actions)
{
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addActions(actions);
}

} // namespace crewline::client
