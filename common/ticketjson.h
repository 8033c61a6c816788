#pragma once

// The one definition of a ticket's JSON members as JsonWriter writes them: the members, their order, and when one
// is left out or null. It reads the values from a source, so that the same definition serves a Ticket
// (Ticket::writeJson, the shape of Ticket::toJson() / toSummaryJson()) and a row read straight from the database
// (the ticket list's fast path in sqlitestore.cpp, which skips building a Ticket per row). tst_jsonwriter checks
// the Ticket source against toJson(); tst_storage checks the row source against the Ticket source, byte for byte.
//
// A source provides, with S a string view (QStringView or QUtf8StringView):
//   qint64 id(), requesterUserId(), assigneeId(), teamId(), createdBy(), version(), mergedInto();  (0: none)
//   S number(), type(), status(), suspendedFrom(), category(), department(), title(), description(),
//     requesterName(), requesterContact(), address(), source();
//   Priority priority(); int urgeCount();
//   std::optional<GeoPoint> location();
//   std::optional<qint64> createdAtMs(), updatedAtMs(), acceptedAtMs(), firstResponseAtMs(), resolvedAtMs(),
//     closedAtMs();  (milliseconds since the epoch; nullopt when not set)
//   QByteArray pendingApprovalJson(), dispatchJson();  (compact JSON object; empty when none)
//   QByteArray fieldsJson();  (compact JSON object; read for full tickets only)
//   std::optional<double> rating();  (fields.rating when it is a number; read for summaries only)

#include "common/jsonwriter.h"
#include "common/types.h"

#include <array>
#include <optional>

namespace crewline {

// The "rows" shape of a ticket summary (ticket.list with "shape": "rows", docs/protocol.md 8.9): the summary's
// members as one JSON array in this order, without the names. A member the object form leaves out is null here
// (suspendedFrom, fields). Ticket::fromRow reads it back.
inline constexpr std::array<const char *, 28> kTicketRowColumns = {
    "id",         "number",    "type",      "status",     "suspendedFrom",   "priority",        "category",
    "department", "title",     "requester", "address",    "location",        "source",          "assigneeId",
    "teamId",     "createdBy", "createdAt", "updatedAt",  "acceptedAt",      "firstResponseAt", "resolvedAt",
    "closedAt",   "version",   "urgeCount", "mergedInto", "pendingApproval", "dispatch",        "fields"};

// Where a full ticket's text (object shape) holds what its summary leaves out, as offsets in JsonWriter::text():
// Ticket::writeJsonWithSummary cuts the summary out of the full text instead of encoding the ticket twice.
struct TicketJsonMarks
{
    qsizetype begin = -1;            // the '{'
    qsizetype descriptionBegin = -1; // the ',' before "description"
    qsizetype descriptionEnd = -1;   // after its value
    qsizetype fieldsBegin = -1;      // the ',' before "fields"; the object's '}' follows its value
};

template<class Source>
void writeTicketJson(JsonWriter &w, const Source &s, bool summary, TicketShape shape = TicketShape::Object,
                     TicketJsonMarks *marks = nullptr)
{
    const bool row = shape == TicketShape::Row; // rows are summaries: no description, fields reduced to the rating
    if (row)
        summary = true;
    // A member's name, in the object shape only.
    const auto key = [&w, row](const char *name) {
        if (!row)
            w.key(name);
    };
    const auto time = [&w, &key](const char *name, std::optional<qint64> ms) {
        key(name);
        if (ms)
            w.timeMs(*ms);
        else
            w.null();
    };
    const auto object = [&w, &key](const char *name, const QByteArray &json) {
        key(name);
        if (json.isEmpty())
            w.null();
        else
            w.raw(json);
    };
    if (row)
        w.beginArray();
    else
        w.beginObject();
    if (marks)
        marks->begin = w.text().size() - 1;
    key("id");
    w.value(s.id());
    key("number");
    w.value(s.number());
    key("type");
    w.value(s.type());
    key("status");
    w.value(s.status());
    if (const auto from = s.suspendedFrom(); !from.isEmpty()) {
        key("suspendedFrom");
        w.value(from);
    } else if (row) {
        w.null();
    }
    key("priority");
    w.value(priorityName(s.priority()));
    key("category");
    w.value(s.category());
    key("department");
    w.value(s.department());
    key("title");
    w.value(s.title());
    if (!summary) {
        if (marks)
            marks->descriptionBegin = w.text().size();
        w.key("description");
        w.value(s.description());
        if (marks)
            marks->descriptionEnd = w.text().size();
    }
    key("requester");
    w.beginObject();
    if (const auto name = s.requesterName(); !name.isEmpty()) {
        w.key("name");
        w.value(name);
    }
    if (const auto contact = s.requesterContact(); !contact.isEmpty()) {
        w.key("contact");
        w.value(contact);
    }
    if (const qint64 user = s.requesterUserId(); user > 0) {
        w.key("userId");
        w.value(user);
    }
    w.endObject();
    key("address");
    w.value(s.address());
    key("location");
    if (const std::optional<GeoPoint> at = s.location()) {
        w.beginObject();
        w.key("lat");
        w.value(at->lat);
        w.key("lon");
        w.value(at->lon);
        w.endObject();
    } else {
        w.null();
    }
    key("source");
    w.value(s.source());
    key("assigneeId");
    w.id(s.assigneeId());
    key("teamId");
    w.id(s.teamId());
    key("createdBy");
    w.id(s.createdBy());
    time("createdAt", s.createdAtMs());
    time("updatedAt", s.updatedAtMs());
    time("acceptedAt", s.acceptedAtMs());
    time("firstResponseAt", s.firstResponseAtMs());
    time("resolvedAt", s.resolvedAtMs());
    time("closedAt", s.closedAtMs());
    key("version");
    w.value(s.version());
    key("urgeCount");
    w.value(s.urgeCount());
    key("mergedInto");
    w.id(s.mergedInto());
    object("pendingApproval", s.pendingApprovalJson());
    object("dispatch", s.dispatchJson());
    if (!summary) {
        if (marks)
            marks->fieldsBegin = w.text().size();
        w.key("fields");
        w.raw(s.fieldsJson());
    } else if (const std::optional<double> rating = s.rating()) {
        // Summaries keep the satisfaction rating (toSummaryJson).
        key("fields");
        w.beginObject();
        w.key("rating");
        w.value(*rating);
        w.endObject();
    } else if (row) {
        w.null();
    }
    if (row)
        w.endArray();
    else
        w.endObject();
}

} // namespace crewline
