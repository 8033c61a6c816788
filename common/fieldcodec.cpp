#include "common/fieldcodec.h"

#include <QJsonDocument>

#include <cmath>

using namespace Qt::StringLiterals;

namespace crewline::protocol {

FieldReader::FieldReader(const QJsonObject &object, const QString &path)
    : m_object(object)
    , m_path(path)
{
}

bool FieldReader::has(QStringView name) const
{
    const QJsonValue v = m_object.value(name.toString());
    return !v.isUndefined() && !v.isNull();
}

QString FieldReader::qualified(QStringView name) const
{
    return m_path.isEmpty() ? name.toString() : m_path + u'.' + name;
}

void FieldReader::fail(QStringView name, const QString &expected)
{
    if (m_failed)
        return; // report the first problem only
    m_failed = true;
    const QString field = qualified(name);
    m_error = Error{ErrorCode::InvalidField,
                    u"field \"%1\" must be %2"_s.arg(field, expected),
                    {{u"field"_s, field}, {u"expected"_s, expected}}};
}

QJsonValue FieldReader::value(QStringView name, Need need)
{
    if (m_failed)
        return {};
    const QJsonValue v = m_object.value(name.toString());
    if (v.isUndefined() || v.isNull()) {
        if (need == Need::Required)
            fail(name, u"present"_s);
        return QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

void FieldReader::operator()(QStringView name, QString &out, Need need, int maxLength)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isString())
        return fail(name, u"a string"_s);
    const QString s = v.toString();
    if (s.size() > maxLength)
        return fail(name, u"at most %1 characters"_s.arg(maxLength));
    if (need == Need::Required && s.trimmed().isEmpty())
        return fail(name, u"a non-empty string"_s);
    out = s;
}

void FieldReader::operator()(QStringView name, qint64 &out, Need need, qint64 min, qint64 max)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    // JSON numbers are doubles: accept only integral values that survive the round trip.
    if (!v.isDouble() || v.toDouble() != std::floor(v.toDouble()) || std::abs(v.toDouble()) > 9007199254740992.0)
        return fail(name, u"an integer"_s);
    const qint64 i = v.toInteger();
    if (i < min || i > max)
        return fail(name, u"an integer from %1 to %2"_s.arg(min).arg(max));
    out = i;
}

void FieldReader::operator()(QStringView name, int &out, Need need, int min, int max)
{
    qint64 wide = out;
    (*this)(name, wide, need, min, max);
    if (ok())
        out = static_cast<int>(wide);
}

void FieldReader::operator()(QStringView name, bool &out, Need need)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isBool())
        return fail(name, u"true or false"_s);
    out = v.toBool();
}

void FieldReader::operator()(QStringView name, double &out, Need need, double min, double max)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return fail(name, u"a number"_s);
    if (v.toDouble() < min || v.toDouble() > max)
        return fail(name, u"a number from %1 to %2"_s.arg(min).arg(max));
    out = v.toDouble();
}

void FieldReader::operator()(QStringView name, QDateTime &out, Need need)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    const QDateTime t = v.isString() ? QDateTime::fromString(v.toString(), Qt::ISODateWithMs) : QDateTime();
    if (!t.isValid())
        return fail(name, u"an ISO 8601 date and time, e.g. 2026-01-31T08:00:00Z"_s);
    out = t.toUTC();
}

void FieldReader::operator()(QStringView name, QStringList &out, Need need, int maxItems, int maxLength)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isArray())
        return fail(name, u"an array of strings"_s);
    const QJsonArray a = v.toArray();
    if (a.size() > maxItems)
        return fail(name, u"an array of at most %1 items"_s.arg(maxItems));
    QStringList list;
    for (const QJsonValue &item : a) {
        if (!item.isString() || item.toString().size() > maxLength)
            return fail(name, u"an array of strings of at most %1 characters"_s.arg(maxLength));
        list << item.toString();
    }
    out = list;
}

void FieldReader::operator()(QStringView name, QList<qint64> &out, Need need, int maxItems)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isArray())
        return fail(name, u"an array of integers"_s);
    const QJsonArray a = v.toArray();
    if (a.size() > maxItems)
        return fail(name, u"an array of at most %1 items"_s.arg(maxItems));
    QList<qint64> list;
    for (const QJsonValue &item : a) {
        if (!item.isDouble() || item.toDouble() != std::floor(item.toDouble()) || item.toDouble() < 0 ||
            item.toDouble() > 9007199254740992.0) // beyond 2^53 toInteger() would quietly give 0
            return fail(name, u"an array of non-negative integers"_s);
        list << item.toInteger();
    }
    out = list;
}

void FieldReader::operator()(QStringView name, QJsonObject &out, Need need, int maxBytes)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isObject())
        return fail(name, u"an object"_s);
    if (QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).size() > maxBytes)
        return fail(name, u"an object of at most %1 bytes"_s.arg(maxBytes));
    out = v.toObject();
}

void FieldReader::operator()(QStringView name, QByteArray &out, Need need, qint64 maxDecodedBytes)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isString())
        return fail(name, u"a base64 string"_s);
    const auto decoded =
        QByteArray::fromBase64Encoding(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return fail(name, u"valid base64"_s);
    if (decoded.decoded.size() > maxDecodedBytes)
        return fail(name, u"at most %1 bytes once decoded"_s.arg(maxDecodedBytes));
    out = decoded.decoded;
}

void FieldReader::operator()(QStringView name, GeoPoint &out, Need need)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    const QJsonObject o = v.toObject();
    const QJsonValue lat = o.value(u"lat"_s);
    const QJsonValue lon = o.value(u"lon"_s);
    if (!v.isObject() || !lat.isDouble() || !lon.isDouble() || std::abs(lat.toDouble()) > 90.0 ||
        std::abs(lon.toDouble()) > 180.0)
        return fail(name, u"an object {\"lat\": -90..90, \"lon\": -180..180}"_s);
    out = GeoPoint::at(lat.toDouble(), lon.toDouble());
}

void FieldReader::operator()(QStringView name, Requester &out, Need need)
{
    const QJsonValue v = value(name, need);
    if (v.isUndefined())
        return;
    if (!v.isObject())
        return fail(name, u"an object {\"name\", \"contact\"}"_s);
    FieldReader nested(v.toObject(), qualified(name));
    Requester r;
    nested(u"name", r.name, Need::Optional, limits::kMaxShort);
    nested(u"contact", r.contact, Need::Optional, limits::kMaxShort);
    nested(u"userId", r.userId, Need::Optional);
    if (!nested.ok()) {
        m_failed = true;
        m_error = nested.error();
        return;
    }
    out = r;
}

namespace {
template<typename E>
void readEnum(FieldReader &reader, QStringView name, E &out, Need need, std::optional<E> (*parse)(const QString &),
              const QStringList &allowed, const QJsonObject &object, const std::function<void(const QString &)> &fail)
{
    QString s;
    reader(name, s, need, 64);
    if (!reader.ok() || !object.value(name.toString()).isString())
        return;
    const std::optional<E> e = parse(s);
    if (!e)
        return fail(u"one of: "_s + allowed.join(u", "_s));
    out = *e;
}
} // namespace

#define CREWLINE_READ_ENUM(Type, parse, all)                                                                           \
    void FieldReader::operator()(QStringView name, Type &out, Need need)                                               \
    {                                                                                                                  \
        readEnum<Type>(*this, name, out, need, parse, all, m_object,                                                   \
                       [this, name](const QString &expected) { fail(name, expected); });                               \
    }

CREWLINE_READ_ENUM(Priority, priorityFromName, allPriorityNames())
CREWLINE_READ_ENUM(Role, roleFromName, allRoleNames())
CREWLINE_READ_ENUM(CommentKind, commentKindFromName, (QStringList{u"public"_s, u"internal"_s}))
CREWLINE_READ_ENUM(LinkKind, linkKindFromName, (QStringList{u"parent"_s, u"child"_s, u"related"_s, u"duplicate"_s}))
CREWLINE_READ_ENUM(StaffStatus, staffStatusFromName,
                   (QStringList{u"available"_s, u"en_route"_s, u"on_site"_s, u"off_duty"_s}))

#undef CREWLINE_READ_ENUM

void FieldWriter::operator()(QStringView name, const QString &v, Need need, int)
{
    if (!v.isEmpty() || need == Need::Required)
        put(name, v);
}

void FieldWriter::operator()(QStringView name, const QDateTime &v, Need need)
{
    if (v.isValid() || need == Need::Required)
        put(name, timeToJson(v));
}

void FieldWriter::operator()(QStringView name, const QStringList &v, Need need, int, int)
{
    if (!v.isEmpty() || need == Need::Required)
        put(name, QJsonArray::fromStringList(v));
}

void FieldWriter::operator()(QStringView name, const QList<qint64> &v, Need need, int)
{
    if (v.isEmpty() && need == Need::Optional)
        return;
    QJsonArray a;
    for (qint64 i : v)
        a.append(i);
    put(name, a);
}

void FieldWriter::operator()(QStringView name, const QJsonObject &v, Need need, int)
{
    if (!v.isEmpty() || need == Need::Required)
        put(name, v);
}

void FieldWriter::operator()(QStringView name, const QByteArray &raw, Need need, qint64)
{
    if (!raw.isEmpty() || need == Need::Required)
        put(name, QString::fromLatin1(raw.toBase64()));
}

void FieldWriter::operator()(QStringView name, const GeoPoint &v, Need need)
{
    if (v.isValid())
        put(name, QJsonObject{{u"lat"_s, v.lat}, {u"lon"_s, v.lon}});
    else if (need == Need::Required)
        put(name, QJsonValue::Null);
}

void FieldWriter::operator()(QStringView name, const Requester &v, Need need)
{
    const QJsonObject o = v.toJson();
    if (!o.isEmpty() || need == Need::Required)
        put(name, o);
}

} // namespace crewline::protocol
