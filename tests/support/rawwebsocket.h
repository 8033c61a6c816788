#pragma once

// A minimal WebSocket client on a bare QTcpSocket (RFC 6455: handshake, masked frames, reading the server's frames)
// for inputs QWebSocket refuses to produce, such as a text frame that is not valid UTF-8. Blocking and bounded:
// every call takes a timeout. Plain ws:// only.

#include <QByteArray>
#include <QTcpSocket>

#include <optional>

namespace crewline::test {

class RawWebSocket
{
public:
    struct Frame
    {
        bool fin = true;
        int opcode = 0; // 1 text, 2 binary, 8 close, 9 ping, 10 pong
        QByteArray payload;
        int closeCode() const; // for close frames; -1 when none was given
    };

    // Connects and performs the opening handshake, with extraHeaders as more header lines (each ending in "\r\n",
    // e.g. "Origin: https://x\r\n"); false when the server does not answer 101 (handshakeResponse() says what it did).
    bool open(quint16 port, int timeoutMs = 5000, const QByteArray &extraHeaders = {});
    void sendFrame(int opcode, const QByteArray &payload, bool fin = true);
    // The next frame from the server; nullopt on timeout or when the connection ends first.
    std::optional<Frame> readFrame(int timeoutMs = 5000);
    // Reads frames until a close frame arrives (its code) or the connection ends (-1).
    int waitForClose(int timeoutMs = 5000);
    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QString handshakeResponse() const { return QString::fromLatin1(m_handshake); }

private:
    bool fill(qint64 bytes, int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_handshake;
};

} // namespace crewline::test
