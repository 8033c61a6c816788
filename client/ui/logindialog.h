#pragma once

// Asks for the server, the user name and the password. Remembers the server and the user; the password only in the
// desktop keychain (QtKeychain) when the user asks for it and a keychain is available, never in a file.

#include <QDialog>
#include <QUrl>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace crewline::client {

class LoginDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LoginDialog(QWidget *parent = nullptr);

    QUrl serverUrl() const;
    QString username() const;
    QString password() const;
    bool rememberPassword() const;
    void setError(const QString &message);
    void setPassword(const QString &password);

    // The keychain, asynchronous; both report through the callbacks on this thread.
    static void readPassword(const QString &server, const QString &user,
                             std::function<void(const QString &password)> done);
    static void storePassword(const QString &server, const QString &user, const QString &password,
                              std::function<void(bool ok, const QString &error)> done);

private:
    void accept() override;

    QComboBox *m_server;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_remember;
    QLabel *m_error;
};

} // namespace crewline::client
