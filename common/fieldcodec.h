#pragma once

// Reads and writes the fields of a message struct through one description of its fields, so that parsing (with
// type, range and length checks) and serialising cannot drift apart. A message struct declares
//     template<class V> void fields(V &v) { v(u"title", title, Need::Optional, limits::kMaxTitle); ... }
// and FieldReader / FieldWriter walk it.

#include "common/domain.h"
#include "common/protocol.h"
#include "common/types.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringView>

#include <limits>
#include <optional>
#include <type_traits>

namespace crewline::protocol {

enum class Need
{
    Optional,
    Required
};

class FieldReader
{
public:
    explicit FieldReader(const QJsonObject &object, const QString &path = {});

    bool ok() const { return !m_failed; }
    const Error &error() const { return m_error; }
    bool has(QStringView name) const;

    void operator()(QStringView name, QString &out, Need need, int maxLength);
    void operator()(QStringView name, qint64 &out, Need need, qint64 min = std::numeric_limits<qint64>::min(),
                    qint64 max = std::numeric_limits<qint64>::max());
    void operator()(QStringView name, int &out, Need need, int min = std::numeric_limits<int>::min(),
                    int max = std::numeric_limits<int>::max());
    void operator()(QStringView name, bool &out, Need need);
    void operator()(QStringView name, double &out, Need need, double min, double max);
    void operator()(QStringView name, QDateTime &out, Need need);
    void operator()(QStringView name, QStringList &out, Need need, int maxItems, int maxLength);
    void operator()(QStringView name, QList<qint64> &out, Need need, int maxItems);
    void operator()(QStringView name, QJsonObject &out, Need need, int maxBytes);
    void operator()(QStringView name, QByteArray &base64Out, Need need, qint64 maxDecodedBytes);
    void operator()(QStringView name, GeoPoint &out, Need need);
    void operator()(QStringView name, Requester &out, Need need);
    void operator()(QStringView name, Priority &out, Need need);
    void operator()(QStringView name, Role &out, Need need);
    void operator()(QStringView name, CommentKind &out, Need need);
    void operator()(QStringView name, LinkKind &out, Need need);
    void operator()(QStringView name, StaffStatus &out, Need need);

    template<typename Tag>
    void operator()(QStringView name, Id<Tag> &out, Need need)
    {
        qint64 raw = out.value();
        (*this)(name, raw, need, 0, std::numeric_limits<qint64>::max());
        out = Id<Tag>(raw);
    }

    template<typename Tag>
    void operator()(QStringView name, QList<Id<Tag>> &out, Need need, int maxItems)
    {
        QList<qint64> raw;
        (*this)(name, raw, need, maxItems);
        out.clear();
        for (qint64 v : raw)
            out << Id<Tag>(v);
    }

    // An optional field: absent leaves it empty; present must be valid. Present but empty text is a value ("clear
    // the address"), so the value is read as Need::Optional: Required would refuse an empty string.
    template<typename T, typename... Args>
    void operator()(QStringView name, std::optional<T> &out, Need, Args... args)
    {
        if (!has(name)) {
            out.reset();
            return;
        }
        T value{};
        (*this)(name, value, Need::Optional, args...);
        if (ok())
            out = value;
    }

    // A nested message struct.
    template<typename T>
    requires requires(T t, FieldReader r) { t.fields(r); }
    void operator()(QStringView name, T &out, Need need)
    {
        const QJsonValue v = value(name, need);
        if (!ok() || v.isUndefined())
            return;
        if (!v.isObject())
            return fail(name, QStringLiteral("an object"));
        FieldReader nested(v.toObject(), qualified(name));
        out.fields(nested);
        if (!nested.ok()) {
            m_failed = true;
            m_error = nested.error();
        }
    }

private:
    QJsonValue value(QStringView name, Need need);
    QString qualified(QStringView name) const;
    void fail(QStringView name, const QString &expected);

    QJsonObject m_object;
    QString m_path;
    bool m_failed = false;
    Error m_error;
};

class FieldWriter
{
public:
    QJsonObject object;

    void operator()(QStringView name, const QString &v, Need need, int = 0);
    // Numbers, whatever the type of the reader's limits: one template instead of an overload per type, which made
    // v(u"version", version, Need::Required, 1) ambiguous between the qint64 and int overloads.
    template<typename T, typename... Limits>
    requires(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) void operator()(QStringView name, T v, Need,
                                                                                  Limits...)
    {
        if constexpr (std::is_floating_point_v<T>)
            put(name, static_cast<double>(v));
        else
            put(name, static_cast<qint64>(v));
    }
    void operator()(QStringView name, bool v, Need) { put(name, v); }
    void operator()(QStringView name, const QDateTime &v, Need);
    void operator()(QStringView name, const QStringList &v, Need need, int = 0, int = 0);
    void operator()(QStringView name, const QList<qint64> &v, Need need, int = 0);
    void operator()(QStringView name, const QJsonObject &v, Need need, int = 0);
    void operator()(QStringView name, const QByteArray &raw, Need need, qint64 = 0);
    void operator()(QStringView name, const GeoPoint &v, Need need);
    void operator()(QStringView name, const Requester &v, Need need);
    void operator()(QStringView name, Priority v, Need) { put(name, priorityName(v)); }
    void operator()(QStringView name, Role v, Need) { put(name, roleName(v)); }
    void operator()(QStringView name, CommentKind v, Need) { put(name, commentKindName(v)); }
    void operator()(QStringView name, LinkKind v, Need) { put(name, linkKindName(v)); }
    void operator()(QStringView name, StaffStatus v, Need) { put(name, staffStatusName(v)); }

    template<typename Tag>
    void operator()(QStringView name, Id<Tag> v, Need need)
    {
        if (v.isValid() || need == Need::Required)
            put(name, v.value());
    }

    template<typename Tag>
    void operator()(QStringView name, const QList<Id<Tag>> &v, Need need, int = 0)
    {
        QList<qint64> raw;
        for (Id<Tag> id : v)
            raw << id.value();
        (*this)(name, raw, need);
    }

    template<typename T, typename... Args>
    void operator()(QStringView name, const std::optional<T> &v, Need, Args... args)
    {
        if (v)
            (*this)(name, *v, Need::Required, args...);
    }

    template<typename T>
    requires requires(T t, FieldWriter w) { t.fields(w); }
    void operator()(QStringView name, const T &v, Need)
    {
        FieldWriter nested;
        T copy = v;
        copy.fields(nested);
        put(name, nested.object);
    }

private:
    void put(QStringView name, const QJsonValue &v) { object.insert(name.toString(), v); }
};

// Parses a message struct from a request's data; on failure returns nullopt and sets error.
template<typename T>
std::optional<T> readMessage(const QJsonObject &data, Error &error)
{
    T message;
    FieldReader reader(data);
    message.fields(reader);
    if (!reader.ok()) {
        error = reader.error();
        return std::nullopt;
    }
    return message;
}

template<typename T>
QJsonObject writeMessage(const T &message)
{
    FieldWriter writer;
    T copy = message;
    copy.fields(writer);
    return writer.object;
}

} // namespace crewline::protocol
