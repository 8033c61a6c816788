#pragma once

// Password hashing (Argon2id through libsodium) and session tokens. Hashing is slow on purpose (~80 ms, 64 MiB):
// call it off the event loop.

#include <QByteArray>
#include <QString>

namespace crewline::server::passwords {

bool initialize(); // sodium_init; safe to call more than once
QString hash(const QString &password);
bool verify(const QString &storedHash, const QString &password);
// A random token for a session: 32 bytes, base64url without padding.
QString newToken();
// How tokens are stored: SHA-256, hex. A stolen database does not yield usable tokens.
QString tokenHash(const QString &token);
// Random identifier for uploads and the like: 16 bytes, hex.
QString randomId();
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace crewline::server::passwords
