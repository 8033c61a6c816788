#include "server/services/confirmationlinks.h"

#include "server/services/passwords.h"

#include <QFile>
#include <QtEndian>

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {
constexpr int kIdBytes = 8;
constexpr int kNonceBytes = 16;
constexpr int kMacBytes = 16;
constexpr int kTokenBytes = kIdBytes + kNonceBytes + kMacBytes;
constexpr auto kEncoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
const QByteArray kContext = QByteArrayLiteral("crewline-confirm-v1:");
} // namespace

ConfirmationLinks::ConfirmationLinks(QByteArray key, QString publicBaseUrl, int validDays)
    : m_key(std::move(key))
    , m_base(std::move(publicBaseUrl))
    , m_validDays(validDays)
{
    while (m_base.endsWith(u'/'))
        m_base.chop(1);
}

std::optional<QByteArray> ConfirmationLinks::loadOrCreateKey(const QString &path, QString *error)
{
    QFile f(path);
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the confirmation key %1"_s.arg(path);
            return std::nullopt;
        }
        const QByteArray key = QByteArray::fromBase64(f.readAll().trimmed());
        if (key.size() != kKeyBytes) {
            *error = u"the confirmation key %1 is damaged (expected %2 bytes, base64)"_s.arg(path).arg(kKeyBytes);
            return std::nullopt;
        }
        return key;
    }
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    randombytes_buf(key.data(), static_cast<size_t>(key.size()));
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        *error = u"cannot create the confirmation key %1"_s.arg(path);
        return std::nullopt;
    }
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (f.write(key.toBase64() + '\n') < 0 || !f.flush()) {
        *error = u"cannot write the confirmation key %1"_s.arg(path);
        return std::nullopt;
    }
    return key;
}

QByteArray ConfirmationLinks::mac(const QByteArray &message) const
{
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(m_key.constData()),
                                static_cast<size_t>(m_key.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(kContext.constData()),
                                  static_cast<unsigned long long>(kContext.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(message.constData()),
                                  static_cast<unsigned long long>(message.size()));
    crypto_auth_hmacsha256_final(&state, out);
    return QByteArray(reinterpret_cast<const char *>(out), kMacBytes);
}

ConfirmationLinks::Issued ConfirmationLinks::issue(TicketId ticket) const
{
    QByteArray body(kIdBytes + kNonceBytes, Qt::Uninitialized);
    qToBigEndian<qint64>(ticket.value(), body.data());
    randombytes_buf(body.data() + kIdBytes, kNonceBytes);
    const QString token = QString::fromLatin1(QByteArray(body + mac(body)).toBase64(kEncoding));
    return {token, hash(token)};
}

std::optional<TicketId> ConfirmationLinks::verify(const QString &token) const
{
    // Strict: exactly the characters and length issue() produces, so no two spellings decode to one token.
    if (token.size() != (kTokenBytes * 4 + 2) / 3)
        return std::nullopt;
    for (const QChar c : token) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_')
            return std::nullopt;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(token.toLatin1(), kEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != kTokenBytes || decoded.decoded.toBase64(kEncoding) != token.toLatin1())
        return std::nullopt;
    const QByteArray body = decoded.decoded.left(kIdBytes + kNonceBytes);
    if (!passwords::constantTimeEquals(mac(body), decoded.decoded.mid(kIdBytes + kNonceBytes)))
        return std::nullopt;
    const qint64 id = qFromBigEndian<qint64>(body.constData());
    if (id <= 0)
        return std::nullopt;
    return TicketId(id);
}

QString ConfirmationLinks::hash(const QString &token)
{
    return passwords::tokenHash(token);
}

QString ConfirmationLinks::url(const QString &token) const
{
    return m_base + u"/c/"_s + token;
}

} // namespace crewline::server
