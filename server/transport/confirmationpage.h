#pragma once

// The customer's confirmation page, reached from the QR code on a printed work order: GET /c/<token> shows the
// ticket's number, status and summary with three choices (satisfied, partly resolved, unresolved), a 1-5 rating
// and a comment; POST /c/<token> records the answer through TicketService::confirm. Plain HTML with inline CSS, no
// scripts and no external assets, readable on a phone, in Chinese and English (Accept-Language, or ?lang=zh|en).
// An altered, unknown, used or expired link gets a clear page with a 4xx status. GET /healthz answers "ok".

#include "server/transport/httpserver.h"

namespace crewline {
class TicketTypeRegistry;
}

namespace crewline::server {

class ConfirmationLinks;
class Store;
class TicketService;

class ConfirmationPage
{
public:
    ConfirmationPage(TicketService &tickets, Store &reader, const ConfirmationLinks &links,
                     const TicketTypeRegistry &types);

    void handle(const HttpRequest &request, const HttpServer::Respond &respond);

    enum class Language
    {
        English,
        Chinese
    };
    static Language pickLanguage(const HttpRequest &request);

private:
    void show(const HttpRequest &request, const QString &token, Language language, const HttpServer::Respond &respond);
    void submit(const HttpRequest &request, const QString &token, Language language,
                const HttpServer::Respond &respond);

    TicketService &m_tickets;
    Store &m_reader;
    const ConfirmationLinks &m_links;
    const TicketTypeRegistry &m_types;
};

} // namespace crewline::server
