#include "client/ui/assignpicker.h"

#include "client/core/ticketmodel.h"
#include "client/core/workspace.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

constexpr int kUserIdRole = Qt::UserRole + 1;
constexpr int kSearchRole = Qt::UserRole + 2;

QString roleText(Role role)
{
    switch (role) {
    case Role::Engineer:
        return AssignPicker::tr("engineer");
    case Role::Dispatcher:
        return AssignPicker::tr("dispatcher");
    case Role::Supervisor:
        return AssignPicker::tr("supervisor");
    default:
        return roleName(role);
    }
}

} // namespace

AssignPicker::AssignPicker(Workspace &workspace, const Ticket &ticket, QWidget *parent)
    : QDialog(parent)
    , m_ticket(ticket.id)
{
    setObjectName(u"assignPicker"_s);
    setWindowTitle(tr("Assign %1").arg(ticket.number));

    // Load: open tickets each person holds in the working set.
    QHash<qint64, int> load;
    const TicketModel &tickets = workspace.tickets();
    for (int row = 0; row < tickets.rowCount(); ++row) {
        const QModelIndex index = tickets.index(row, 0);
        if (index.data(TicketModel::OpenRole).toBool())
            load[index.data(TicketModel::AssigneeIdRole).toLongLong()] += 1;
    }
    QList<User> people = workspace.directory().assignableUsers();
    std::stable_sort(people.begin(), people.end(), [&](const User &a, const User &b) {
        const bool aTeam = ticket.teamId.isValid() && a.teamId == ticket.teamId;
        const bool bTeam = ticket.teamId.isValid() && b.teamId == ticket.teamId;
        if (aTeam != bTeam)
            return aTeam;
        const bool aEng = a.role == Role::Engineer;
        const bool bEng = b.role == Role::Engineer;
        if (aEng != bEng)
            return aEng;
        const int la = load.value(a.id.value());
        const int lb = load.value(b.id.value());
        if (la != lb)
            return la < lb;
        return a.displayName.localeAwareCompare(b.displayName) < 0;
    });

    m_model = new QStandardItemModel(this);
    for (const User &u : std::as_const(people)) {
        const QString team = workspace.directory().teamName(u.teamId);
        QString text = u"%1 — %2"_s.arg(u.displayName, roleText(u.role));
        if (!team.isEmpty())
            text += u" · "_s + team;
        text += u" · "_s + tr("%n open", nullptr, load.value(u.id.value()));
        if (u.id == ticket.assigneeId)
            text += u" "_s + tr("(current)");
        auto *item = new QStandardItem(text);
        item->setData(u.id.value(), kUserIdRole);
        item->setEditable(false);
        // What the search matches: names, username, team, role (in the UI language and on the wire).
        item->setData(QStringList{u.displayName, u.username, team, roleText(u.role), roleName(u.role)}.join(u' '),
                      kSearchRole);
        m_model->appendRow(item);
    }
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(kSearchRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto *layout = new QVBoxLayout(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"assign.search"_s);
    m_search->setPlaceholderText(tr("Type a name, team or role…"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    layout->addWidget(m_search);
    m_list = new QListView(this);
    m_list->setObjectName(u"assign.list"_s);
    m_list->setModel(m_filter);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    layout->addWidget(m_list, 1);
    m_note = new QLineEdit(this);
    m_note->setObjectName(u"assign.note"_s);
    m_note->setPlaceholderText(tr("Note for the assignee (optional, internal)"));
    m_note->setMaxLength(protocol::limits::kMaxText);
    layout->addWidget(m_note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"assign.buttons"_s);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Assign"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"assign.ok"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (selectedUser().isValid())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListView::activated, this, [this] {
        if (selectedUser().isValid())
            accept();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text.trimmed());
        selectFirst();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (selectedUser().isValid())
            accept();
    });
    selectFirst();
    m_search->setFocus();
    resize(460, 420);
}

void AssignPicker::setSearch(const QString &text)
{
    m_search->setText(text);
}

int AssignPicker::visibleCount() const
{
    return m_filter->rowCount();
}

UserId AssignPicker::selectedUser() const
{
    const QModelIndex index = m_list->currentIndex();
    return index.isValid() ? UserId(index.data(kUserIdRole).toLongLong()) : UserId();
}

QString AssignPicker::note() const
{
    return m_note->text().trimmed();
}

void AssignPicker::selectFirst()
{
    if (m_filter->rowCount() > 0)
        m_list->setCurrentIndex(m_filter->index(0, 0));
}

bool AssignPicker::eventFilter(QObject *watched, QEvent *event)
{
    // Arrow keys in the search box move through the list, so the hands stay on the keyboard.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up || key->key() == Qt::Key_PageDown ||
            key->key() == Qt::Key_PageUp) {
            QKeyEvent copy(key->type(), key->key(), key->modifiers());
            QCoreApplication::sendEvent(m_list, &copy);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace crewline::client
