#pragma once

// A scripted protocol client for end-to-end tests: a real QWebSocket, synchronous request helpers that wait in a
// local event loop with a timeout (never a fixed sleep), and a record of everything the server pushed. Requests are
// encoded and replies decoded with common/protocol.h, the same codec the console uses.

#include "common/domain.h"
#include "common/protocol.h"

#include <QAbstractSocket>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSslError>
#include <QTest>
#include <QUrl>
#include <QWebSocket>
#include <QWebSocketProtocol>

#include <functional>
#include <optional>

namespace crewline::test {

inline constexpr int kReplyTimeoutMs = 15000;

// "ok", the error code's wire name ("conflict"), or "<timeout>" / "<disconnected>" when no reply came.
QString codeOf(const protocol::Response &response);
// One line for failure messages: the code, the message and the details.
QString describe(const protocol::Response &response);

class TestClient : public QObject
{
    Q_OBJECT
public:
    explicit TestClient(const QString &name = QString(), QObject *parent = nullptr);
    ~TestClient() override;

    const QString &name() const { return m_name; }

    // wss://: accept exactly these errors (e.g. a self-signed test certificate), nothing else.
    void setExpectedSslErrors(const QList<QSslError> &errors) { m_expectedSslErrors = errors; }
    bool connectTo(const QUrl &url, int timeoutMs = kReplyTimeoutMs);
    bool isConnected() const;
    void close(QWebSocketProtocol::CloseCode code = QWebSocketProtocol::CloseCodeNormal); // waits (bounded)
    void abort();                                                                         // drops the TCP link
    bool waitForDisconnected(int timeoutMs = kReplyTimeoutMs);
    int closeCode() const { return m_closeCode; }
    QString closeReason() const { return m_closeReason; }
    QString errorString() const { return m_errorString; }
    const QList<QSslError> &sslErrors() const { return m_sslErrors; }
    QWebSocket &socket() { return m_socket; }

    // Sends a request without waiting; returns its id. idem: nullopt = a fresh key when the operation mutates,
    // an empty string = no key at all, anything else is sent as given.
    QString send(protocol::Op op, const QJsonObject &data = {}, std::optional<QString> idem = std::nullopt);
    protocol::Response waitForResponse(const QString &id, int timeoutMs = kReplyTimeoutMs);
    protocol::Response request(protocol::Op op, const QJsonObject &data = {},
                               std::optional<QString> idem = std::nullopt, int timeoutMs = kReplyTimeoutMs);
    QString lastIdem() const { return m_lastIdem; }
    static QString newIdemKey();

    // Sends one text frame exactly as given and waits for the next reply, whatever its id (bad-input tests).
    protocol::Response sendRaw(const QByteArray &text, int timeoutMs = kReplyTimeoutMs);
    protocol::Response sendRawBinary(const QByteArray &bytes, int timeoutMs = kReplyTimeoutMs);
    // Every reply received so far, in arrival order (also those to raw frames and those nobody waited for).
    const QList<protocol::Response> &responses() const { return m_responses; }
    int undecodableFrames() const { return m_undecodable; }
    int binaryFrames() const { return m_binaryFrames; }

    // The handshake and login steps.
    // binaryFrames: ask for the server's messages as binary frames (docs/protocol.md, 2); they are then decoded
    // like text frames and counted by binaryFrames().
    protocol::Response hello(bool binaryFrames = false);
    protocol::Response login(const QString &username, const QString &password);
    protocol::Response resume(const QString &token);
    // connectTo + hello + login; false with a warning saying which step failed.
    bool loginAs(const QUrl &url, const QString &username, const QString &password);
    QString token() const { return m_token; }
    qint64 userId() const { return m_userId; }
    QString role() const { return m_role; }

    // Events pushed by the server (notices are kept apart).
    const QList<Event> &events() const { return m_events; }
    const QList<protocol::Push> &notices() const { return m_notices; }
    void clearEvents() { m_events.clear(); }
    qint64 lastSeq() const { return m_lastSeq; } // highest event seq received on any connection of this client
    // The first received event (oldest first) matching pred, waiting for it up to timeoutMs.
    std::optional<Event> waitForEvent(const std::function<bool(const Event &)> &pred, int timeoutMs = kReplyTimeoutMs);
    bool waitForEventCount(int count, int timeoutMs = kReplyTimeoutMs);

    // Waits in a local event loop until cond() holds (checked after every frame, state change and every 20 ms).
    bool waitUntil(const std::function<bool()> &cond, int timeoutMs);

Q_SIGNALS:
    void activity();

private:
    void onText(const QString &text);
    void onMessage(const QByteArray &text);

    QString m_name;
    QWebSocket m_socket;
    QList<QSslError> m_expectedSslErrors;
    QList<QSslError> m_sslErrors;
    QString m_errorString;
    bool m_connected = false;
    bool m_disconnected = false;
    int m_closeCode = -1;
    QString m_closeReason;
    int m_nextId = 1;
    QString m_lastIdem;
    QHash<QString, protocol::Response> m_byId;
    QList<protocol::Response> m_responses;
    QList<Event> m_events;
    QList<protocol::Push> m_notices;
    int m_undecodable = 0;
    int m_binaryFrames = 0;
    bool m_binaryAsked = false;
    qint64 m_lastSeq = 0;
    QString m_token;
    qint64 m_userId = 0;
    QString m_role;
};

} // namespace crewline::test

// Assertions with the server's answer in the failure message.
#define CL_VERIFY_OK(response)                                                                                         \
    do {                                                                                                               \
        const crewline::protocol::Response &cl_r_ = (response);                                                        \
        QVERIFY2(cl_r_.ok, qPrintable(crewline::test::describe(cl_r_)));                                               \
    } while (false)

#define CL_COMPARE_ERROR(response, code)                                                                               \
    do {                                                                                                               \
        const crewline::protocol::Response &cl_r_ = (response);                                                        \
        QVERIFY2(crewline::test::codeOf(cl_r_) == QStringLiteral(code),                                                \
                 qPrintable(QString(QStringLiteral("expected " code ", got ") + crewline::test::describe(cl_r_))));    \
    } while (false)
