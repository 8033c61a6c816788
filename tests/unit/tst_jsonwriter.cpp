// The streaming JSON writer must say exactly what the QJsonObject path says: every ticket member, every string
// (escapes, Chinese, surrogate pairs, control characters), every timestamp, and the raw response envelope.

#include "common/domain.h"
#include "common/jsonwriter.h"
#include "common/protocol.h"
#include "common/ticketjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace crewline;

namespace {

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << json.left(200);
    return doc.object();
}

QString randomText(QRandomGenerator &rng)
{
    static const QStringList pieces = {u"漏水"_s,   u"水泵房"_s, u"\""_s,   u"\\"_s,      u"\n"_s,      u"\t"_s,
                                       u"\u0001"_s, u"\u001f"_s, u"é"_s,    u"😀"_s,       u"printer"_s, u" "_s,
                                       u"/"_s,      u"\u2028"_s, u"\r\f"_s, u"WO-2026"_s, u"<b>"_s,     u"\u007f"_s};
    QString s;
    const int n = static_cast<int>(rng.bounded(8));
    for (int i = 0; i < n; ++i)
        s += pieces.at(static_cast<int>(rng.bounded(pieces.size())));
    return s;
}

QDateTime randomTime(QRandomGenerator &rng)
{
    switch (rng.bounded(4)) {
    case 0:
        return {};
    case 1: // before 1970, and leap days
        return QDateTime(QDate(1968, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
    default:
        return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(rng.bounded(4102444800000.0)), Qt::UTC);
    }
}

Ticket randomTicket(QRandomGenerator &rng)
{
    Ticket t;
    t.id = TicketId(static_cast<qint64>(rng.bounded(1, 2000000)));
    t.number = u"WO-2026-%1"_s.arg(t.id.value(), 6, 10, QChar(u'0'));
    t.type = u"repair"_s;
    t.status = randomText(rng);
    t.suspendedFrom = rng.bounded(2) ? randomText(rng) : QString();
    t.priority = static_cast<Priority>(rng.bounded(4));
    t.category = randomText(rng);
    t.department = randomText(rng);
    t.title = randomText(rng);
    t.description = randomText(rng);
    t.requester = {randomText(rng), randomText(rng), UserId(static_cast<qint64>(rng.bounded(3)))};
    t.address = randomText(rng);
    if (rng.bounded(3))
        t.location = GeoPoint::at(rng.bounded(180.0) - 90, rng.bounded(360.0) - 180);
    t.source = u"hotline"_s;
    t.assigneeId = UserId(static_cast<qint64>(rng.bounded(3)));
    t.teamId = TeamId(static_cast<qint64>(rng.bounded(3)));
    t.createdBy = UserId(static_cast<qint64>(rng.bounded(3)));
    t.createdAt = randomTime(rng);
    t.updatedAt = randomTime(rng);
    t.acceptedAt = randomTime(rng);
    t.firstResponseAt = randomTime(rng);
    t.resolvedAt = randomTime(rng);
    t.closedAt = randomTime(rng);
    t.version = static_cast<qint64>(rng.bounded(1000000));
    t.urgeCount = static_cast<int>(rng.bounded(5));
    t.mergedInto = TicketId(static_cast<qint64>(rng.bounded(3)));
    if (rng.bounded(2)) {
        t.pendingApproval.transition = u"approve"_s;
        t.pendingApproval.approverRole = u"supervisor"_s;
        t.pendingApproval.requestedAt = randomTime(rng);
        t.pendingApproval.comment = randomText(rng);
        t.pendingApproval.fields = {{u"meterNo"_s, randomText(rng)}};
    }
    if (rng.bounded(2))
        t.fields = {{u"resolution"_s, randomText(rng)}, {u"nested"_s, QJsonObject{{u"a"_s, 1.5}}}};
    if (rng.bounded(2))
        t.fields.insert(u"rating"_s, rng.bounded(2) ? QJsonValue(4) : QJsonValue(2.5));
    if (rng.bounded(3) == 0)
        t.fields.insert(u"rating"_s, u"not a number"_s);
    return t;
}

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void ticketsMatchToJson()
    {
        QRandomGenerator rng(20261202);
        for (int i = 0; i < 2000; ++i) {
            const Ticket t = randomTicket(rng);
            QByteArray full, summary;
            {
                JsonWriter w(full);
                t.writeJson(w, false);
            }
            {
                JsonWriter w(summary);
                t.writeJson(w, true);
            }
            const QJsonObject expected = t.toJson();
            const QJsonObject gotFull = parse(full);
            if (gotFull != expected) {
                qWarning() << "expected" << expected;
                qWarning() << "written " << full;
            }
            QCOMPARE(gotFull, expected);
            QCOMPARE(parse(summary), t.toSummaryJson());
        }
    }

    // writeJsonWithSummary writes the full ticket where writeJson would, and the summary it cuts out of that text is
    // the summary writeJson encodes, byte for byte (a create's event carries it), also when the buffer already holds
    // text and the ticket is a member of an enclosing object.
    void summaryCutFromFullText()
    {
        QRandomGenerator rng(20261204);
        for (int i = 0; i < 2000; ++i) {
            const Ticket t = randomTicket(rng);
            QByteArray expectedFull = "{\"a\":1,", expectedSummary = "prefix:";
            {
                JsonWriter w(expectedFull);
                w.key("ticket");
                t.writeJson(w, false);
            }
            {
                JsonWriter w(expectedSummary);
                t.writeJson(w, true);
            }
            QByteArray full = "{\"a\":1,", summary = "prefix:";
            {
                JsonWriter w(full);
                w.key("ticket");
                t.writeJsonWithSummary(w, summary);
            }
            QCOMPARE(full, expectedFull);
            QCOMPARE(summary, expectedSummary);
        }
    }

    // The "rows" shape carries the summary's members by position: read back with fromRow it gives the Ticket that
    // fromJson gives for the summary object, and its columns are the summary's member names.
    void rowsMatchSummaries()
    {
        QRandomGenerator rng(7202);
        QSet<QString> summaryKeys;
        for (int i = 0; i < 2000; ++i) {
            const Ticket t = randomTicket(rng);
            QByteArray row;
            {
                JsonWriter w(row);
                t.writeJson(w, true, TicketShape::Row);
            }
            QJsonParseError error;
            const QJsonArray parsed = QJsonDocument::fromJson(row, &error).array();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(parsed.size(), qsizetype(kTicketRowColumns.size()));
            const QJsonObject summary = t.toSummaryJson();
            QCOMPARE(Ticket::fromRow(parsed), Ticket::fromJson(summary));
            for (auto it = summary.begin(); it != summary.end(); ++it)
                summaryKeys.insert(it.key());
            // Member by member: the column's value is the summary's (null where the object leaves it out).
            for (size_t c = 0; c < kTicketRowColumns.size(); ++c) {
                const QString name = QString::fromLatin1(kTicketRowColumns[c]);
                QCOMPARE(parsed.at(static_cast<qsizetype>(c)),
                         summary.contains(name) ? summary.value(name) : QJsonValue(QJsonValue::Null));
            }
        }
        QSet<QString> columns;
        for (const char *c : kTicketRowColumns)
            columns.insert(QString::fromLatin1(c));
        QCOMPARE(columns, summaryKeys); // no summary member is missing from the columns, and none is extra
    }

    // A member added to toJson() must be added to writeJson() too: the default ticket shows every unconditional key.
    void noMemberForgotten()
    {
        Ticket t;
        t.suspendedFrom = u"new"_s;
        t.requester = {u"a"_s, u"b"_s, UserId(3)};
        QByteArray json;
        JsonWriter w(json);
        t.writeJson(w, false);
        QCOMPARE(parse(json).keys(), t.toJson().keys());
    }

    // A summary is the ticket without description and fields, but for a numeric rating.
    void summaryShape()
    {
        Ticket t;
        t.description = u"long text"_s;
        t.fields = {{u"resolution"_s, u"fixed"_s}};
        QJsonObject expected = t.toJson();
        expected.remove(u"description"_s);
        expected.remove(u"fields"_s);
        QCOMPARE(t.toSummaryJson(), expected);
        t.fields.insert(u"rating"_s, 2);
        expected.insert(u"fields"_s, QJsonObject{{u"rating"_s, 2}});
        QCOMPARE(t.toSummaryJson(), expected);
        t.fields.insert(u"rating"_s, u"2"_s);
        expected.remove(u"fields"_s);
        QCOMPARE(t.toSummaryJson(), expected);
    }

    void arraysAndNesting()
    {
        QByteArray json;
        JsonWriter w(json);
        w.beginObject();
        w.key("a");
        w.beginArray();
        w.value(1);
        w.beginObject();
        w.endObject();
        w.beginArray();
        w.endArray();
        w.null();
        w.value(true);
        w.value(-2.5);
        w.value(u"x"_s);
        w.endArray();
        w.key("b");
        w.value(false);
        w.endObject();
        QCOMPARE(json, QByteArray(R"({"a":[1,{},[],null,true,-2.5,"x"],"b":false})"));
    }

    void timesMatchQt_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("epoch") << qint64(0);
        QTest::newRow("before epoch") << qint64(-1);
        QTest::newRow("1900") << QDateTime(QDate(1900, 3, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
        QTest::newRow("leap 2000") << QDateTime(QDate(2000, 2, 29), QTime(12, 0, 1, 7), Qt::UTC).toMSecsSinceEpoch();
        QTest::newRow("2026") << QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
        QTest::newRow("9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
    }
    void timesMatchQt()
    {
        QFETCH(qint64, ms);
        QByteArray out;
        appendJsonTime(out, ms);
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        QCOMPARE(out, '"' + timeToJson(t).toString().toUtf8() + '"');
        QCOMPARE(timeFromJson(QJsonValue(QString::fromUtf8(out.mid(1, out.size() - 2)))), t);
    }

    // timeFromJson reads its own shape without QDateTime::fromString; other ISO shapes and impossible dates go
    // through Qt and give what Qt gives.
    void timesParse()
    {
        QRandomGenerator rng(3);
        for (int i = 0; i < 2000; ++i) {
            const qint64 ms = static_cast<qint64>(rng.bounded(8000000000000.0)) - 2000000000000;
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
            QCOMPARE(timeFromJson(timeToJson(t)), t);
        }
        for (const QString &s :
             {u"2026-02-29T00:00:00.000Z"_s, u"2026-13-01T00:00:00.000Z"_s, u"2026-11-23T24:00:00.000Z"_s,
              u"2026-11-23T08:30:00Z"_s, u"2026-11-23T08:30:00.000+08:00"_s, u"2026-1x-23T08:30:00.000Z"_s, u""_s}) {
            QCOMPARE(timeFromJson(QJsonValue(s)), QDateTime::fromString(s, Qt::ISODateWithMs).toUTC());
        }
        QCOMPARE(timeFromJson(QJsonValue(u"2024-02-29T23:59:59.999Z"_s)),
                 QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC));
    }

    void stringsRoundTrip()
    {
        QRandomGenerator rng(7);
        for (int i = 0; i < 500; ++i) {
            QString s = randomText(rng);
            if (i == 0)
                s = u"a"_s + QChar(0xd800) + u"漏"_s; // a lone surrogate: escaped like QJsonDocument does
            if (i == 1)
                s = QString(QChar(0xdc00)) + u"😀"_s + QChar(0xd83d);
            if (i == 2)
                s = u"ASCII, é©ß (2 bytes), 漏水 (3), 😀𠀀 (4), \u007f and ~"_s;
            QByteArray out;
            appendJsonString(out, s);
            const QByteArray viaQt = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
            QCOMPARE(QJsonDocument::fromJson('[' + out + ']').array(), QJsonDocument::fromJson(viaQt).array());
            // Text that needs no escape is its UTF-8, byte for byte.
            const bool plain = s.isValidUtf16() && std::none_of(s.cbegin(), s.cend(), [](QChar c) {
                                   return c.unicode() < 0x20 || c == u'"' || c == u'\\';
                               });
            if (plain)
                QCOMPARE(out, '"' + s.toUtf8() + '"');
            QVERIFY(i != 2 || plain);
        }
    }

    void rawResponseMatchesObjectResponse()
    {
        const QJsonObject result{{u"tickets"_s, QJsonArray{QJsonObject{{u"id"_s, 1}}}}, {u"seq"_s, 42}};
        const QByteArray raw = QJsonDocument(result).toJson(QJsonDocument::Compact);
        for (const QJsonValue &id : {QJsonValue(u"r-1\"x"_s), QJsonValue(17)}) {
            const QByteArray a = protocol::Response::success(id, result).encode();
            const QByteArray b = protocol::Response::successRaw(id, raw).encode();
            QCOMPARE(b, a); // members in the same order: byte for byte
            const auto decoded = protocol::decodeServerMessage(b);
            QVERIFY(decoded.response);
            QCOMPARE(decoded.response->result, result);
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
