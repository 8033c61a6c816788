#include "tests/support/rawwebsocket.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace crewline::test {

int RawWebSocket::Frame::closeCode() const
{
    if (opcode != 8 || payload.size() < 2)
        return -1;
    return (static_cast<quint8>(payload.at(0)) << 8) | static_cast<quint8>(payload.at(1));
}

bool RawWebSocket::open(quint16 port, int timeoutMs, const QByteArray &extraHeaders)
{
    const QDeadlineTimer deadline(timeoutMs);
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    if (!m_socket.waitForConnected(static_cast<int>(deadline.remainingTime())))
        return false;
    QByteArray nonce(16, Qt::Uninitialized);
    for (char &c : nonce)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    const QByteArray key = nonce.toBase64();
    const QByteArray request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                               "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                               "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    m_socket.write(request);
    while (!m_buffer.contains("\r\n\r\n")) {
        if (deadline.hasExpired() || !m_socket.waitForReadyRead(static_cast<int>(deadline.remainingTime()))) {
            m_handshake = m_buffer + m_socket.readAll();
            return false;
        }
        m_buffer += m_socket.readAll();
    }
    const qsizetype end = m_buffer.indexOf("\r\n\r\n") + 4;
    m_handshake = m_buffer.left(end);
    m_buffer.remove(0, end);
    const QByteArray accept =
        QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
            .toBase64();
    return m_handshake.startsWith("HTTP/1.1 101") && m_handshake.contains(accept);
}

void RawWebSocket::sendFrame(int opcode, const QByteArray &payload, bool fin)
{
    // Client frames must be masked (RFC 6455 5.3).
    QByteArray frame;
    frame.append(static_cast<char>((fin ? 0x80 : 0x00) | (opcode & 0x0f)));
    const qint64 n = payload.size();
    if (n < 126) {
        frame.append(static_cast<char>(0x80 | n));
    } else if (n <= 0xffff) {
        frame.append(static_cast<char>(0x80 | 126));
        frame.append(static_cast<char>((n >> 8) & 0xff));
        frame.append(static_cast<char>(n & 0xff));
    } else {
        frame.append(static_cast<char>(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(static_cast<char>((n >> shift) & 0xff));
    }
    char mask[4];
    for (char &c : mask)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    frame.append(mask, 4);
    for (qint64 i = 0; i < n; ++i)
        frame.append(static_cast<char>(payload.at(i) ^ mask[i % 4]));
    m_socket.write(frame);
    m_socket.flush();
}

bool RawWebSocket::fill(qint64 bytes, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (m_buffer.size() < bytes) {
        m_buffer += m_socket.readAll();
        if (m_buffer.size() >= bytes)
            break;
        if (m_socket.state() != QAbstractSocket::ConnectedState || deadline.hasExpired())
            return false;
        if (!m_socket.waitForReadyRead(static_cast<int>(std::max<qint64>(1, deadline.remainingTime()))))
            m_buffer += m_socket.readAll();
    }
    return true;
}

std::optional<RawWebSocket::Frame> RawWebSocket::readFrame(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    const auto left = [&] { return static_cast<int>(std::max<qint64>(0, deadline.remainingTime())); };
    if (!fill(2, left()))
        return std::nullopt;
    Frame f;
    const auto b0 = static_cast<quint8>(m_buffer.at(0));
    const auto b1 = static_cast<quint8>(m_buffer.at(1));
    f.fin = (b0 & 0x80) != 0;
    f.opcode = b0 & 0x0f;
    qint64 length = b1 & 0x7f;
    qint64 header = 2;
    if (length == 126) {
        if (!fill(4, left()))
            return std::nullopt;
        length = (static_cast<quint8>(m_buffer.at(2)) << 8) | static_cast<quint8>(m_buffer.at(3));
        header = 4;
    } else if (length == 127) {
        if (!fill(10, left()))
            return std::nullopt;
        length = 0;
        for (int i = 0; i < 8; ++i)
            length = (length << 8) | static_cast<quint8>(m_buffer.at(2 + i));
        header = 10;
    }
    // Server frames are never masked (RFC 6455 5.1).
    if (!fill(header + length, left()))
        return std::nullopt;
    f.payload = m_buffer.mid(header, length);
    m_buffer.remove(0, header + length);
    return f;
}

int RawWebSocket::waitForClose(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (int frames = 0; frames < 1000 && !deadline.hasExpired(); ++frames) {
        const std::optional<Frame> f = readFrame(static_cast<int>(std::max<qint64>(0, deadline.remainingTime())));
        if (!f)
            return -1;
        if (f->opcode == 8)
            return f->closeCode();
    }
    return -1;
}

} // namespace crewline::test
