#include "common/jsonwriter.h"

#include <QLocale>

#include <cmath>

namespace crewline {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void appendDigits(QByteArray &out, int value, int width)
{
    char buffer[8];
    for (int i = width - 1; i >= 0; --i) {
        buffer[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(buffer, width);
}

// The escapes of a JSON string literal for one ASCII character.
inline void appendAscii(QByteArray &out, char c)
{
    switch (c) {
    case '"':
        out.append("\\\"", 2);
        break;
    case '\\':
        out.append("\\\\", 2);
        break;
    case '\b':
        out.append("\\b", 2);
        break;
    case '\f':
        out.append("\\f", 2);
        break;
    case '\n':
        out.append("\\n", 2);
        break;
    case '\r':
        out.append("\\r", 2);
        break;
    case '\t':
        out.append("\\t", 2);
        break;
    default:
        if (static_cast<unsigned char>(c) < 0x20) {
            const char escape[] = {'\\', 'u', '0', '0', kHex[(c >> 4) & 0xf], kHex[c & 0xf]};
            out.append(escape, 6);
        } else {
            out.append(c);
        }
    }
}

inline void appendCodePoint(QByteArray &out, char32_t c)
{
    char b[4];
    if (c < 0x80) {
        b[0] = static_cast<char>(c);
        out.append(b, 1);
    } else if (c < 0x800) {
        b[0] = static_cast<char>(0xc0 | (c >> 6));
        b[1] = static_cast<char>(0x80 | (c & 0x3f));
        out.append(b, 2);
    } else if (c < 0x10000) {
        b[0] = static_cast<char>(0xe0 | (c >> 12));
        b[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        b[2] = static_cast<char>(0x80 | (c & 0x3f));
        out.append(b, 3);
    } else {
        b[0] = static_cast<char>(0xf0 | (c >> 18));
        b[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3f));
        b[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3f));
        b[3] = static_cast<char>(0x80 | (c & 0x3f));
        out.append(b, 4);
    }
}

} // namespace

void appendJsonString(QByteArray &out, QStringView text)
{
    out.append('"');
    const qsizetype n = text.size();
    const QChar *data = text.data();
    qsizetype i = 0;
    while (i < n) {
        const char16_t c = data[i].unicode();
        if (c >= 0x80) {
            // A run of non-ASCII text: UTF-8 encode it in one go. A lone surrogate cannot be UTF-8: it is written
            // as a \uXXXX escape, as QJsonDocument does.
            qsizetype j = i;
            while (j < n && data[j].unicode() >= 0x80) {
                if (data[j].isHighSurrogate() && j + 1 < n && data[j + 1].isLowSurrogate()) {
                    j += 2;
                    continue;
                }
                if (data[j].isSurrogate())
                    break;
                ++j;
            }
            if (j > i) {
                out.append(text.sliced(i, j - i).toUtf8());
                i = j;
                continue;
            }
            const char escape[] = {'\\',         'u', kHex[(c >> 12) & 0xf], kHex[(c >> 8) & 0xf], kHex[(c >> 4) & 0xf],
                                   kHex[c & 0xf]};
            out.append(escape, 6);
            ++i;
            continue;
        }
        appendAscii(out, static_cast<char>(c));
        ++i;
    }
    out.append('"');
}

void appendJsonStringUtf8(QByteArray &out, QByteArrayView utf8)
{
    out.append('"');
    const auto *p = reinterpret_cast<const unsigned char *>(utf8.data());
    const qsizetype n = utf8.size();
    qsizetype i = 0;
    while (i < n) {
        // A run of plain characters is copied in one go.
        qsizetype j = i;
        while (j < n && p[j] >= 0x20 && p[j] < 0x80 && p[j] != '"' && p[j] != '\\')
            ++j;
        if (j > i) {
            out.append(reinterpret_cast<const char *>(p + i), j - i);
            i = j;
            continue;
        }
        const unsigned char b = p[i++];
        if (b < 0x80) {
            appendAscii(out, static_cast<char>(b));
            continue;
        }
        char32_t c = b;
        if (b >= 0xc0) {
            // SQLite's READ_UTF8 (utf.c): the lead byte's payload bits, then every continuation byte that follows.
            static constexpr unsigned char kLeadBits[] = {0x1f, 0x1f, 0x0f, 0x07, 0x03, 0x01};
            const int lead = b < 0xe0 ? 0 : b < 0xf0 ? 2 : b < 0xf8 ? 3 : b < 0xfc ? 4 : 5;
            c = b & kLeadBits[lead];
            int taken = 0;
            while (i < n && (p[i] & 0xc0) == 0x80) {
                if (taken++ < 5)
                    c = (c << 6) + (p[i] & 0x3f);
                else
                    c = 0x110000; // longer than any encoding: certainly invalid
                ++i;
            }
            if (c < 0x80 || (c & 0xfffff800) == 0xd800 || (c & 0xfffffffe) == 0xfffe)
                c = 0xfffd;
        }
        if (c > 0x10ffff)
            c = 0xfffd;
        appendCodePoint(out, c);
    }
    out.append('"');
}

void appendJsonTime(QByteArray &out, qint64 msSinceEpoch)
{
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm), valid for the proleptic Gregorian calendar.
    qint64 days = msSinceEpoch >= 0 ? msSinceEpoch / 86400000 : -((-msSinceEpoch + 86399999) / 86400000);
    qint64 msOfDay = msSinceEpoch - days * 86400000;
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    if (year < 1 || year > 9999) {
        // Outside what the fast path formats (Qt's calendar has no year 0): fall back to Qt.
        out.append('"');
        out.append(QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8());
        out.append('"');
        return;
    }
    out.append('"');
    appendDigits(out, year, 4);
    out.append('-');
    appendDigits(out, month, 2);
    out.append('-');
    appendDigits(out, day, 2);
    out.append('T');
    appendDigits(out, static_cast<int>(msOfDay / 3600000), 2);
    out.append(':');
    appendDigits(out, static_cast<int>(msOfDay / 60000 % 60), 2);
    out.append(':');
    appendDigits(out, static_cast<int>(msOfDay / 1000 % 60), 2);
    out.append('.');
    appendDigits(out, static_cast<int>(msOfDay % 1000), 3);
    out.append("Z\"", 2);
}

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasMember.isEmpty()) {
        if (m_hasMember.last())
            m_out.append(',');
        m_hasMember.last() = true;
    }
}

void JsonWriter::open(char c)
{
    separate();
    m_out.append(c);
    m_hasMember.append(false);
}

void JsonWriter::close(char c)
{
    m_out.append(c);
    m_hasMember.removeLast();
}

void JsonWriter::key(const char *name)
{
    separate();
    m_out.append('"');
    m_out.append(name);
    m_out.append("\":", 2);
    m_afterKey = true;
}

void JsonWriter::value(QStringView text)
{
    separate();
    appendJsonString(m_out, text);
}

void JsonWriter::value(QUtf8StringView text)
{
    separate();
    appendJsonStringUtf8(m_out, QByteArrayView(text.data(), text.size()));
}

void JsonWriter::value(qint64 number)
{
    separate();
    m_out.append(QByteArray::number(number));
}

void JsonWriter::value(double number)
{
    separate();
    if (!std::isfinite(number)) {
        m_out.append("null", 4); // what QJsonDocument writes for NaN and infinities
        return;
    }
    m_out.append(QByteArray::number(number, 'g', QLocale::FloatingPointShortest));
}

void JsonWriter::value(bool b)
{
    separate();
    if (b)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
}

void JsonWriter::null()
{
    separate();
    m_out.append("null", 4);
}

void JsonWriter::id(qint64 id)
{
    if (id > 0)
        value(id);
    else
        null();
}

void JsonWriter::time(const QDateTime &t)
{
    if (!t.isValid()) {
        null();
        return;
    }
    timeMs(t.toMSecsSinceEpoch());
}

void JsonWriter::timeMs(qint64 msSinceEpoch)
{
    separate();
    appendJsonTime(m_out, msSinceEpoch);
}

void JsonWriter::raw(const QByteArray &json)
{
    separate();
    m_out.append(json);
}

} // namespace crewline
