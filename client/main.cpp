// crewline: the desktop console. Sets up language and fonts, signs in (dialog or command line), shows the window.

#include "client/core/workspace.h"
#include "client/ui/dashboard/dashboardview.h"
#include "client/ui/logindialog.h"
#include "client/ui/mainwindow.h"
#include "client/ui/settings.h"
#include "client/ui/tickettableview.h"
#include "common/allocator.h"
#include "crewline_version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QLayout>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace crewline;
using namespace crewline::client;

namespace {

QString chooseLanguage(const QString &override)
{
    if (!override.isEmpty())
        return override;
    const QString saved = UiSettings::load().language;
    if (!saved.isEmpty())
        return saved;
    return QLocale::system().language() == QLocale::Chinese ? u"zh_CN"_s : u"en"_s;
}

void installTranslations(QApplication &app, const QString &language)
{
    auto *own = new QTranslator(&app);
    if (own->load(u":/i18n/crewline_%1.qm"_s.arg(language)))
        app.installTranslator(own);
    auto *qt = new QTranslator(&app); // standard dialogs (file pickers, print preview, message boxes)
    if (qt->load(u"qtbase_%1"_s.arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    QLocale::setDefault(QLocale(language));
}

} // namespace

int main(int argc, char *argv[])
{
    crewline::useHugePagesForTheHeap(argv);
    crewline::tuneAllocatorForLargeMessages();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"Crewline"_s);
    QApplication::setApplicationName(u"crewline"_s);
    QApplication::setApplicationVersion(QStringLiteral(CREWLINE_VERSION_STRING));
    QGuiApplication::setDesktopFileName(u"io.crewline.Console"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Crewline work-order console"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(u"server"_s, u"Server address, e.g. ws://127.0.0.1:8765."_s, u"url"_s);
    const QCommandLineOption user(u"user"_s, u"User name."_s, u"name"_s);
    const QCommandLineOption passwordEnv(
        u"password-env"_s, u"Read the password from this environment variable (demo, kiosk)."_s, u"variable"_s);
    const QCommandLineOption language(u"lang"_s, u"Language: en or zh_CN (default: system)."_s, u"code"_s);
    const QCommandLineOption screenshots(
        u"screenshot-dir"_s, u"After loading, save screenshots of every view here and quit (docs)."_s, u"dir"_s);
    parser.addOptions({server, user, passwordEnv, language, screenshots});
    parser.process(app);

    const QString lang = chooseLanguage(parser.value(language));
    installTranslations(app, lang);
    // Chinese must render with a CJK face, bold included (DEPENDENCIES.md trap 13).
    QFont font = QApplication::font();
    font.setFamilies({font.family(), u"Noto Sans CJK SC"_s, u"WenQuanYi Micro Hei"_s});
    QApplication::setFont(font);

    SettingsTrustStore trust;
    Workspace workspace(trust);
    workspace.directory().setLanguage(lang);
    workspace.setClosedDays(UiSettings::load().closedDays);
    MainWindow window(workspace);
    QPointer<LoginDialog> dialog;

    const auto askLogin = [&](const QString &error) {
        if (!dialog) {
            dialog = new LoginDialog(&window);
            QObject::connect(dialog, &QDialog::rejected, &app, [&] {
                if (!workspace.connection().user().id.isValid())
                    QApplication::quit();
            });
            QObject::connect(dialog, &QDialog::accepted, &app, [&] {
                if (dialog->rememberPassword())
                    LoginDialog::storePassword(dialog->serverUrl().toString(), dialog->username(), dialog->password(),
                                               [](bool, const QString &) {});
                workspace.login(dialog->serverUrl(), dialog->username(), dialog->password());
            });
        }
        dialog->setError(error);
        dialog->open();
    };
    QObject::connect(&workspace.connection(), &Connection::loginFailed, &app, [&](const protocol::Error &e) {
        const QString why =
            e.code == protocol::ErrorCode::LockedOut
                ? QApplication::translate("main", "Too many failed attempts: the account is locked for a while.")
            : e.code == protocol::ErrorCode::BadCredentials
                ? QApplication::translate("main", "Wrong user name or password.")
                : e.message;
        askLogin(why);
    });
    QObject::connect(&workspace.connection(), &Connection::loggedIn, &app, [&] {
        window.restoreLayout();
        window.show();
    });
    if (parser.isSet(screenshots)) {
        const QString dir = parser.value(screenshots);
        QObject::connect(&workspace, &Workspace::loadProgress, &app, [&, dir, lang](int, bool finished) {
            if (!finished)
                return;
            // Give the views a moment to lay out, open the first ticket, then photograph everything.
            QTimer::singleShot(1500, &app, [&, dir, lang] {
                window.table()->selectNext(1);
                QTimer::singleShot(2000, &app, [&, dir, lang] {
                    QDir().mkpath(dir);
                    window.grab().save(u"%1/%2-main.png"_s.arg(dir, lang));
                    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
                        dock->show();
                        dock->raise();
                        if (dock->objectName() == u"dock.map") {
                            // The map needs room to be worth a picture: floated at a useful size.
                            dock->setFloating(true);
                            dock->resize(1500, 900);
                            dock->layout()->activate();
                            QApplication::processEvents();
                        }
                        dock->widget()->grab().save(
                            u"%1/%2-%3.png"_s.arg(dir, lang, dock->objectName().section(u'.', 1)));
                    }
                    // The manager dashboard, once its figures have arrived (or after a bounded wait).
                    window.showDashboard();
                    DashboardView *dashboard = window.dashboard();
                    if (!dashboard) {
                        QApplication::quit();
                        return;
                    }
                    const auto shoot = [dashboard, dir, lang] {
                        QTimer::singleShot(1500, dashboard, [dashboard, dir, lang] {
                            // The whole dashboard, not only what the window shows of it.
                            QWidget *content = dashboard->findChild<QWidget *>(u"dashboardContent"_s);
                            (content ? content : static_cast<QWidget *>(dashboard))
                                ->grab()
                                .save(u"%1/%2-dashboard.png"_s.arg(dir, lang));
                            QApplication::quit();
                        });
                    };
                    QObject::connect(&dashboard->data(), &DashboardData::updated, dashboard, shoot,
                                     Qt::SingleShotConnection);
                    QTimer::singleShot(30000, &app, [] { QApplication::quit(); });
                });
            });
        });
    }
    QObject::connect(&workspace.connection(), &Connection::certificateUntrusted, &app,
                     [&](const QString &where, const QByteArray &fingerprint, const QString &details) {
                         const auto answer = QMessageBox::question(
                             &window, QApplication::translate("main", "Unknown server certificate"),
                             QApplication::translate("main",
                                                     "The server %1 presents a certificate this computer does not "
                                                     "know (%2).\n\nSHA-256 fingerprint:\n%3\n\nCompare it with the "
                                                     "one your administrator gave you. Trust it from now on?")
                                 .arg(where, details, QString::fromLatin1(fingerprint)));
                         if (answer == QMessageBox::Yes)
                             workspace.connection().trustCertificate(fingerprint);
                         else
                             askLogin(QApplication::translate("main", "The server certificate was not trusted."));
                     });
    QObject::connect(&workspace.connection(), &Connection::certificateChanged, &app,
                     [&](const QString &where, const QByteArray &pinned, const QByteArray &offered) {
                         QMessageBox::critical(
                             &window, QApplication::translate("main", "Server certificate changed"),
                             QApplication::translate("main",
                                                     "The certificate of %1 is not the one you trusted before.\n\n"
                                                     "Trusted: %2\nOffered: %3\n\nThis can mean someone is "
                                                     "intercepting the connection. The console will not connect. "
                                                     "Ask your administrator.")
                                 .arg(where, QString::fromLatin1(pinned), QString::fromLatin1(offered)));
                     });

    if (parser.isSet(server) && parser.isSet(user) && parser.isSet(passwordEnv)) {
        const QString password = qEnvironmentVariable(parser.value(passwordEnv).toLocal8Bit().constData());
        workspace.login(QUrl(parser.value(server)), parser.value(user), password);
    } else {
        askLogin(QString());
    }
    return QApplication::exec();
}
