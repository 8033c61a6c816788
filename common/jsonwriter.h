#pragma once

// A streaming JSON writer for the hot paths (ticket lists of hundreds of rows): it appends UTF-8 text straight to a
// buffer instead of building QJsonObject trees and serialising them, which costs several times more per ticket.
// The output is compact JSON that QJsonDocument reads back to exactly what the QJsonObject path produces; the
// equivalence is checked by tst_jsonwriter. Everywhere else keep using QJsonObject: it is simpler.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringView>
#include <QVarLengthArray>

namespace crewline {

class JsonWriter
{
public:
    explicit JsonWriter(QByteArray &out)
        : m_out(out)
    {
    }

    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }

    // A member name inside an object; must be followed by exactly one value. Keys are plain ASCII here.
    void key(const char *name);

    void value(QStringView text);
    // UTF-8 text (a column read with sqlite3_column_text): see appendJsonStringUtf8.
    void value(QUtf8StringView text);
    void value(qint64 number);
    void value(int number) { value(static_cast<qint64>(number)); }
    void value(double number);
    void value(bool b);
    void null();
    // An id: the number when valid (> 0), null otherwise (the shape of putId in domain.cpp).
    void id(qint64 id);
    // ISO 8601 UTC with milliseconds, the shape of timeToJson; null when invalid.
    void time(const QDateTime &t);
    void timeMs(qint64 msSinceEpoch);
    // Already encoded JSON text (a whole value), spliced in as it is.
    void raw(const QByteArray &json);

    // What has been written so far (the whole buffer, with what it held before).
    const QByteArray &text() const { return m_out; }

private:
    void open(char c);
    void close(char c);
    void separate();

    QByteArray &m_out;
    // Whether the container at each depth already holds a member; after key() the next value is not separated.
    QVarLengthArray<bool, 8> m_hasMember;
    bool m_afterKey = false;
};

// Appends text as a JSON string literal (quoted, escaped, UTF-8).
void appendJsonString(QByteArray &out, QStringView text);
// The same for UTF-8 text. Each sequence is decoded as SQLite decodes UTF-8 when it converts text to UTF-16 (a lead
// byte takes every continuation byte that follows; a stray continuation byte stands for itself), and what SQLite
// replaces by U+FFFD (surrogates, U+FFFE/U+FFFF, overlong ASCII) is replaced here too. So a text column read as
// UTF-8 and written here gives the bytes appendJsonString gives for the same column read through Qt (UTF-16).
void appendJsonStringUtf8(QByteArray &out, QByteArrayView utf8);
// Appends a millisecond timestamp as "YYYY-MM-DDTHH:MM:SS.mmmZ" (quoted).
void appendJsonTime(QByteArray &out, qint64 msSinceEpoch);

} // namespace crewline
