#pragma once

// The links printed as QR codes on work orders, which lead the customer to the confirmation page. A token is
// base64url(ticket id, 8 bytes big-endian | 16 random bytes | first 16 bytes of HMAC-SHA256 over both with the
// server's secret key). The signature lets the page refuse an altered or made-up token before touching the
// database, and ties the token to its ticket; the database keeps only the token's SHA-256, so neither a stolen
// database nor a changed character reaches another ticket. Single use is enforced where answers are recorded.

#include "common/types.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace crewline::server {

class ConfirmationLinks
{
public:
    static constexpr int kKeyBytes = 32;

    // key: kKeyBytes secret bytes; publicBaseUrl: what customers' phones reach (e.g. https://crewline.example.org).
    ConfirmationLinks(QByteArray key, QString publicBaseUrl, int validDays);

    // Reads the key from path, or creates it there (random, owner-only permissions) when the file is missing.
    static std::optional<QByteArray> loadOrCreateKey(const QString &path, QString *error);

    struct Issued
    {
        QString token;
        QString hash; // what the database stores
    };
    Issued issue(TicketId ticket) const;
    // The ticket the token was issued for, when its signature is valid; nullopt for anything altered or malformed.
    std::optional<TicketId> verify(const QString &token) const;
    static QString hash(const QString &token);

    QString url(const QString &token) const; // <publicBaseUrl>/c/<token>
    const QString &publicBaseUrl() const { return m_base; }
    int validDays() const { return m_validDays; }

private:
    QByteArray mac(const QByteArray &message) const;

    QByteArray m_key;
    QString m_base;
    int m_validDays;
};

} // namespace crewline::server
