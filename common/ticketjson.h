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

#include <optional>

namespace crewline {

template<class Source>
void writeTicketJson(JsonWriter &w, const Source &s, bool summary)
{
    const auto time = [&w](const char *name, std::optional<qint64> ms) {
        w.key(name);
        if (ms)
            w.timeMs(*ms);
        else
            w.null();
    };
    const auto object = [&w](const char *name, const QByteArray &json) {
        w.key(name);
        if (json.isEmpty())
            w.null();
        else
            w.raw(json);
    };
    w.beginObject();
    w.key("id");
    w.value(s.id());
    w.key("number");
    w.value(s.number());
    w.key("type");
    w.value(s.type());
    w.key("status");
    w.value(s.status());
    if (const auto from = s.suspendedFrom(); !from.isEmpty()) {
        w.key("suspendedFrom");
        w.value(from);
    }
    w.key("priority");
    w.value(priorityName(s.priority()));
    w.key("category");
    w.value(s.category());
    w.key("department");
    w.value(s.department());
    w.key("title");
    w.value(s.title());
    if (!summary) {
        w.key("description");
        w.value(s.description());
    }
    w.key("requester");
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
    w.key("address");
    w.value(s.address());
    w.key("location");
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
    w.key("source");
    w.value(s.source());
    w.key("assigneeId");
    w.id(s.assigneeId());
    w.key("teamId");
    w.id(s.teamId());
    w.key("createdBy");
    w.id(s.createdBy());
    time("createdAt", s.createdAtMs());
    time("updatedAt", s.updatedAtMs());
    time("acceptedAt", s.acceptedAtMs());
    time("firstResponseAt", s.firstResponseAtMs());
    time("resolvedAt", s.resolvedAtMs());
    time("closedAt", s.closedAtMs());
    w.key("version");
    w.value(s.version());
    w.key("urgeCount");
    w.value(s.urgeCount());
    w.key("mergedInto");
    w.id(s.mergedInto());
    object("pendingApproval", s.pendingApprovalJson());
    object("dispatch", s.dispatchJson());
    if (!summary) {
        w.key("fields");
        w.raw(s.fieldsJson());
    } else if (const std::optional<double> rating = s.rating()) {
        // Summaries keep the satisfaction rating (toSummaryJson).
        w.key("fields");
        w.beginObject();
        w.key("rating");
        w.value(*rating);
        w.endObject();
    }
    w.endObject();
}

} // namespace crewline
