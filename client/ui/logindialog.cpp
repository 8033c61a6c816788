#include "client/ui/logindialog.h"

#include "client/ui/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#ifdef CREWLINE_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {
QString keychainKey(const QString &server, const QString &user)
{
    return user + u'@' + server;
}
} // namespace

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Sign in to Crewline"));
    setObjectName(u"loginDialog"_s);
    const ConnectionSettings settings = ConnectionSettings::load();

    m_server = new QComboBox(this);
    m_server->setObjectName(u"server"_s);
    m_server->setEditable(true);
    m_server->addItems(settings.recentServers);
    m_server->setCurrentText(settings.lastServer);
    m_user = new QLineEdit(settings.lastUser, this);
    m_user->setObjectName(u"username"_s);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_remember = new QCheckBox(tr("Remember the password in the desktop keychain"), this);
    m_remember->setObjectName(u"remember"_s);
#ifndef CREWLINE_HAVE_KEYCHAIN
    m_remember->setEnabled(false);
    m_remember->setToolTip(tr("This build has no keychain support."));
#endif
    m_error = new QLabel(this);
    m_error->setObjectName(u"error"_s);
    m_error->setStyleSheet(u"color: #c62828;"_s);
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    if (settings.lastUser.isEmpty())
        m_user->setFocus();
    else
        m_password->setFocus();
    if (!settings.lastUser.isEmpty()) {
        readPassword(settings.lastServer, settings.lastUser, [this](const QString &password) {
            if (!password.isEmpty() && m_password->text().isEmpty()) {
                m_password->setText(password);
                m_remember->setChecked(true);
            }
        });
    }
}

QUrl LoginDialog::serverUrl() const
{
    QString text = m_server->currentText().trimmed();
    if (!text.contains(u"://"_s))
        text.prepend(u"ws://"_s);
    return QUrl(text);
}

QString LoginDialog::username() const
{
    return m_user->text().trimmed();
}
QString LoginDialog::password() const
{
    return m_password->text();
}
bool LoginDialog::rememberPassword() const
{
    return m_remember->isChecked();
}
void LoginDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void LoginDialog::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void LoginDialog::accept()
{
    const QUrl url = serverUrl();
    if (!url.isValid() || (url.scheme() != u"ws" && url.scheme() != u"wss") || url.host().isEmpty()) {
        setError(tr("The server address must look like ws://host:port or wss://host:port."));
        return;
    }
    if (username().isEmpty() || password().isEmpty()) {
        setError(tr("Enter your user name and password."));
        return;
    }
    ConnectionSettings settings = ConnectionSettings::load();
    settings.lastServer = url.toString();
    settings.lastUser = username();
    settings.recentServers.removeAll(settings.lastServer);
    settings.recentServers.prepend(settings.lastServer);
    while (settings.recentServers.size() > 8)
        settings.recentServers.removeLast();
    settings.save();
    QDialog::accept();
}

void LoginDialog::readPassword(const QString &server, const QString &user, std::function<void(const QString &)> done)
{
#ifdef CREWLINE_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(u"crewline"_s);
    job->setAutoDelete(true);
    job->setKey(keychainKey(server, user));
    QObject::connect(job, &QKeychain::Job::finished, job, [done](QKeychain::Job *j) {
        // No Secret Service running (headless, CI) is error 7: simply nothing remembered.
        done(j->error() == QKeychain::NoError ? static_cast<QKeychain::ReadPasswordJob *>(j)->textData() : QString());
    });
    job->start();
#else
    Q_UNUSED(server);
    Q_UNUSED(user);
    done({});
#endif
}

void LoginDialog::storePassword(const QString &server, const QString &user, const QString &password,
                                std::function<void(bool, const QString &)> done)
{
#ifdef CREWLINE_HAVE_KEYCHAIN
    QKeychain::Job *job = nullptr;
    if (password.isEmpty()) {
        auto *del = new QKeychain::DeletePasswordJob(u"crewline"_s);
        job = del;
    } else {
        auto *write = new QKeychain::WritePasswordJob(u"crewline"_s);
        write->setTextData(password);
        job = write;
    }
    job->setAutoDelete(true);
    job->setKey(keychainKey(server, user));
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [done](QKeychain::Job *j) { done(j->error() == QKeychain::NoError, j->errorString()); });
    job->start();
#else
    Q_UNUSED(server);
    Q_UNUSED(user);
    Q_UNUSED(password);
    done(false, tr("This build has no keychain support."));
#endif
}

} // namespace crewline::client
