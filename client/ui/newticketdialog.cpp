#include "client/ui/newticketdialog.h"

#include "client/core/ticketmodel.h"
#include "client/core/workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QString sourceText(const QString &source)
{
    static const QHash<QString, const char *> names = {
        {u"console"_s, QT_TRANSLATE_NOOP("crewline::client::NewTicketDialog", "Console")},
        {u"hotline"_s, QT_TRANSLATE_NOOP("crewline::client::NewTicketDialog", "Hotline (phone)")},
        {u"email"_s, QT_TRANSLATE_NOOP("crewline::client::NewTicketDialog", "E-mail")},
        {u"web"_s, QT_TRANSLATE_NOOP("crewline::client::NewTicketDialog", "Web form")},
        {u"api"_s, QT_TRANSLATE_NOOP("crewline::client::NewTicketDialog", "Integration")},
        {u"field"_s, QT_TRANSLATE_NOOP("crewline::client::NewTicketDialog", "Field report")},
        {u"qr"_s, QT_TRANSLATE_NOOP("crewline::client::NewTicketDialog", "QR code page")},
    };
    const char *name = names.value(source, nullptr);
    return name ? NewTicketDialog::tr(name) : source;
}

} // namespace

NewTicketDialog::NewTicketDialog(Workspace &workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
{
    setObjectName(u"newTicketDialog"_s);
    setWindowTitle(tr("New ticket"));
    const bool staff = workspace.me().role != Role::Requester;
    const Directory &dir = workspace.directory();

    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);
    m_type = new QComboBox(this);
    m_type->setObjectName(u"newTicket.type"_s);
    for (const TicketType *t : dir.types().all())
        m_type->addItem(t->name().in(dir.language()), t->id());
    m_type->setCurrentIndex(std::max(0, m_type->findData(dir.types().defaultTypeId())));
    form->addRow(tr("T&ype:"), m_type);
    m_title = new QLineEdit(this);
    m_title->setObjectName(u"newTicket.title"_s);
    m_title->setMaxLength(protocol::limits::kMaxTitle);
    m_title->setPlaceholderText(tr("One line is enough"));
    form->addRow(tr("&Title:"), m_title);
    m_description = new QPlainTextEdit(this);
    m_description->setObjectName(u"newTicket.description"_s);
    m_description->setTabChangesFocus(true);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 6 + 14);
    form->addRow(tr("&Description:"), m_description);
    m_priority = new QComboBox(this);
    m_priority->setObjectName(u"newTicket.priority"_s);
    for (Priority p : {Priority::Low, Priority::Normal, Priority::High, Priority::Urgent})
        m_priority->addItem(TicketModel::priorityText(p), priorityName(p));
    form->addRow(tr("&Priority:"), m_priority);
    m_category = new QComboBox(this);
    m_category->setObjectName(u"newTicket.category"_s);
    m_category->setEditable(true);
    m_category->setInsertPolicy(QComboBox::NoInsert);
    form->addRow(tr("&Category:"), m_category);
    m_department = new QLineEdit(this);
    m_department->setObjectName(u"newTicket.department"_s);
    m_department->setMaxLength(protocol::limits::kMaxShort);
    form->addRow(tr("Depa&rtment:"), m_department);
    m_requesterName = new QLineEdit(this);
    m_requesterName->setObjectName(u"newTicket.requesterName"_s);
    m_requesterName->setMaxLength(protocol::limits::kMaxShort);
    m_requesterContact = new QLineEdit(this);
    m_requesterContact->setObjectName(u"newTicket.requesterContact"_s);
    m_requesterContact->setMaxLength(protocol::limits::kMaxShort);
    m_requesterContact->setPlaceholderText(tr("Phone or e-mail"));
    if (staff)
        form->addRow(tr("Re&quester:"), m_requesterName);
    else
        m_requesterName->hide();
    form->addRow(tr("C&ontact:"), m_requesterContact);
    m_address = new QLineEdit(this);
    m_address->setObjectName(u"newTicket.address"_s);
    m_address->setMaxLength(protocol::limits::kMaxAddress);
    form->addRow(tr("&Address:"), m_address);
    m_location = new QLineEdit(this);
    m_location->setObjectName(u"newTicket.location"_s);
    m_location->setPlaceholderText(tr("Latitude, longitude (optional), e.g. 31.2304, 121.4737"));
    form->addRow(tr("Coordi&nates:"), m_location);
    m_source = new QComboBox(this);
    m_source->setObjectName(u"newTicket.source"_s);
    for (const QString &s : allSourceNames())
        m_source->addItem(sourceText(s), s);
    m_source->setCurrentIndex(std::max(0, m_source->findData(u"console"_s)));
    m_team = new QComboBox(this);
    m_team->setObjectName(u"newTicket.team"_s);
    m_team->addItem(tr("(decided by the rules)"), 0);
    for (const Team &t : dir.teams())
        m_team->addItem(t.name, t.id.value());
    if (staff) {
        form->addRow(tr("C&hannel:"), m_source);
        form->addRow(tr("Tea&m:"), m_team);
    } else {
        m_source->hide();
        m_team->hide();
    }

    m_error = new QLabel(this);
    m_error->setObjectName(u"newTicket.error"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #b71c1c;"_s);
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_create = buttons->button(QDialogButtonBox::Ok);
    m_create->setText(tr("Create"));
    m_create->setObjectName(u"newTicket.create"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewTicketDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeySequence &key : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(key, this), &QShortcut::activated, this, &NewTicketDialog::accept);

    connect(m_type, &QComboBox::currentIndexChanged, this, &NewTicketDialog::onTypeChanged);
    connect(m_priority, &QComboBox::activated, this, [this] { m_priorityTouched = true; });
    connect(m_title, &QLineEdit::textChanged, this, &NewTicketDialog::validate);
    connect(m_description, &QPlainTextEdit::textChanged, this, &NewTicketDialog::validate);
    connect(m_location, &QLineEdit::textChanged, this, &NewTicketDialog::validate);
    onTypeChanged();
    validate();
    m_title->setFocus();
    setMinimumWidth(520);
}

void NewTicketDialog::onTypeChanged()
{
    const TicketType *type = m_workspace.directory().types().type(m_type->currentData().toString());
    const QString category = m_category->currentText();
    m_category->clear();
    if (type)
        m_category->addItems(type->categories());
    m_category->setCurrentText(category);
    if (type && !m_priorityTouched)
        m_priority->setCurrentIndex(m_priority->findData(priorityName(type->defaultPriority())));
}

bool NewTicketDialog::parseLocation(double *lat, double *lon) const
{
    const QStringList parts =
        m_location->text().trimmed().split(QRegularExpression(u"[,，\\s]+"_s), Qt::SkipEmptyParts);
    if (parts.size() != 2)
        return false;
    bool okLat = false, okLon = false;
    *lat = parts.at(0).toDouble(&okLat);
    *lon = parts.at(1).toDouble(&okLon);
    return okLat && okLon && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180;
}

void NewTicketDialog::validate()
{
    QString problem;
    double lat = 0, lon = 0;
    if (m_title->text().trimmed().isEmpty() && m_description->toPlainText().trimmed().isEmpty())
        problem = tr("Write a title or a description.");
    else if (!m_location->text().trimmed().isEmpty() && !parseLocation(&lat, &lon))
        problem = tr("Coordinates are latitude and longitude in degrees, e.g. 31.2304, 121.4737.");
    else if (m_description->toPlainText().size() > protocol::limits::kMaxText)
        problem = tr("The description is too long.");
    m_create->setEnabled(problem.isEmpty());
    m_create->setToolTip(problem);
    // Only say what is wrong once the user started typing; an empty form is not an error.
    const bool started =
        !m_title->text().isEmpty() || !m_description->toPlainText().isEmpty() || !m_location->text().isEmpty();
    m_error->setText(problem);
    m_error->setVisible(started && !problem.isEmpty());
}

QJsonObject NewTicketDialog::fields() const
{
    QJsonObject f{{u"type"_s, m_type->currentData().toString()}, {u"priority"_s, m_priority->currentData().toString()}};
    const auto put = [&f](const QString &key, const QString &value) {
        if (!value.trimmed().isEmpty())
            f.insert(key, value.trimmed());
    };
    put(u"title"_s, m_title->text());
    put(u"description"_s, m_description->toPlainText());
    put(u"category"_s, m_category->currentText());
    put(u"department"_s, m_department->text());
    put(u"address"_s, m_address->text());
    QJsonObject requester;
    if (!m_requesterName->text().trimmed().isEmpty())
        requester.insert(u"name"_s, m_requesterName->text().trimmed());
    if (!m_requesterContact->text().trimmed().isEmpty())
        requester.insert(u"contact"_s, m_requesterContact->text().trimmed());
    if (!requester.isEmpty())
        f.insert(u"requester"_s, requester);
    double lat = 0, lon = 0;
    if (parseLocation(&lat, &lon))
        f.insert(u"location"_s, QJsonObject{{u"lat"_s, lat}, {u"lon"_s, lon}});
    if (m_workspace.me().role != Role::Requester) {
        f.insert(u"source"_s, m_source->currentData().toString());
        if (const qint64 team = m_team->currentData().toLongLong(); team > 0)
            f.insert(u"teamId"_s, team);
    }
    return f;
}

void NewTicketDialog::accept()
{
    validate();
    if (!m_create->isEnabled()) {
        m_error->setVisible(!m_error->text().isEmpty());
        return;
    }
    m_idem = m_workspace.createTicket(fields());
    if (m_idem.isEmpty()) {
        m_error->setText(tr("The ticket could not be queued: you are not signed in."));
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace crewline::client
