#include "server/transport/confirmationpage.h"

#include "common/logging.h"
#include "common/workflow.h"
#include "server/services/confirmationlinks.h"
#include "server/services/ticketservice.h"
#include "server/storage/store.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace crewline::server {

namespace {

using Language = ConfirmationPage::Language;

// The page's words in both languages. The daemon loads no translator (its logs stay English) and the language is
// chosen per request, so the page carries both, the way ticket types carry both names.
enum class Text
{
    Title,
    Intro,
    Number,
    Type,
    Status,
    Summary,
    Resolution,
    Question,
    Satisfied,
    Partly,
    Unresolved,
    Rating,
    RatingHint,
    Comment,
    CommentHint,
    Send,
    ThanksTitle,
    Thanks,
    ThanksUnresolved,
    InvalidTitle,
    Invalid,
    UsedTitle,
    Used,
    ExpiredTitle,
    Expired,
    BusyTitle,
    Busy,
    ChooseOne,
    BadInput,
    NotFoundTitle,
    NotFound,
};

QString tx(Text t, Language l)
{
    const bool zh = l == Language::Chinese;
    switch (t) {
    case Text::Title:
        return zh ? u"工单完工确认"_s : u"Confirm the work"_s;
    case Text::Intro:
        return zh ? u"我们的维修人员已处理您的工单。请告诉我们结果，您的反馈将直接记录在工单上。"_s
                  : u"Our crew has worked on your request. Please tell us how it went: your answer is recorded on the "
                    "work order."_s;
    case Text::Number:
        return zh ? u"工单号"_s : u"Work order"_s;
    case Text::Type:
        return zh ? u"类型"_s : u"Type"_s;
    case Text::Status:
        return zh ? u"状态"_s : u"Status"_s;
    case Text::Summary:
        return zh ? u"内容"_s : u"Summary"_s;
    case Text::Resolution:
        return zh ? u"处理结果"_s : u"What was done"_s;
    case Text::Question:
        return zh ? u"问题解决了吗？"_s : u"Is the problem solved?"_s;
    case Text::Satisfied:
        return zh ? u"满意，已解决"_s : u"Satisfied — solved"_s;
    case Text::Partly:
        return zh ? u"部分解决"_s : u"Partly resolved"_s;
    case Text::Unresolved:
        return zh ? u"未解决"_s : u"Unresolved"_s;
    case Text::Rating:
        return zh ? u"评分（可选）"_s : u"Rating (optional)"_s;
    case Text::RatingHint:
        return zh ? u"1 = 很差，5 = 很好"_s : u"1 = poor, 5 = excellent"_s;
    case Text::Comment:
        return zh ? u"意见或建议（可选）"_s : u"Comment (optional)"_s;
    case Text::CommentHint:
        return zh ? u"最多 2000 字"_s : u"Up to 2000 characters"_s;
    case Text::Send:
        return zh ? u"提交"_s : u"Send"_s;
    case Text::ThanksTitle:
        return zh ? u"感谢您的反馈"_s : u"Thank you"_s;
    case Text::Thanks:
        return zh ? u"您的确认已记录在工单上。"_s : u"Your answer has been recorded on the work order."_s;
    case Text::ThanksUnresolved:
        return zh ? u"很抱歉问题尚未解决。工单已重新提交给主管，我们会尽快与您联系。"_s
                  : u"We are sorry the problem is not solved. The work order has gone back to a supervisor, who will "
                    "contact you soon."_s;
    case Text::InvalidTitle:
        return zh ? u"链接无效"_s : u"This link is not valid"_s;
    case Text::Invalid:
        return zh ? u"此确认链接无效或已被修改。请扫描工单上的二维码，或联系我们的服务热线。"_s
                  : u"This confirmation link is not valid or has been altered. Scan the QR code on your work order "
                    "again, or call our service line."_s;
    case Text::UsedTitle:
        return zh ? u"已经确认过了"_s : u"Already answered"_s;
    case Text::Used:
        return zh ? u"此工单的确认已经提交，每个链接只能使用一次。如需补充，请联系我们的服务热线。"_s
                  : u"An answer for this work order has already been given; each link works once. To add something, "
                    "please call our service line."_s;
    case Text::ExpiredTitle:
        return zh ? u"链接已过期"_s : u"This link has expired"_s;
    case Text::Expired:
        return zh ? u"此确认链接已过期。如需反馈，请联系我们的服务热线。"_s
                  : u"This confirmation link has expired. Please call our service line with your feedback."_s;
    case Text::BusyTitle:
        return zh ? u"暂时无法提交"_s : u"Please try again"_s;
    case Text::Busy:
        return zh ? u"系统暂时繁忙，您的反馈未能保存。请稍后重试。"_s
                  : u"The system is busy and could not save your answer. Please try again in a moment."_s;
    case Text::ChooseOne:
        return zh ? u"请选择一项：满意、部分解决或未解决。"_s : u"Please choose one of the three answers."_s;
    case Text::BadInput:
        return zh ? u"提交的内容无效，请检查后重试。"_s : u"Something in the form is not valid; please check it."_s;
    case Text::NotFoundTitle:
        return zh ? u"页面不存在"_s : u"Page not found"_s;
    case Text::NotFound:
        return zh ? u"没有这个页面。"_s : u"There is no such page."_s;
    }
    return {};
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString langCode(Language l)
{
    return l == Language::Chinese ? u"zh"_s : u"en"_s;
}

const QString kStyle = uR"(
*{box-sizing:border-box}
body{margin:0;background:#f2f4f7;color:#1d2733;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:34rem;margin:0 auto;padding:1rem}
header{display:flex;justify-content:space-between;align-items:center;margin-bottom:.5rem}
header .brand{font-weight:700;color:#0b5cad}
nav a{color:#0b5cad;margin-left:.75rem;text-decoration:none}
nav a[aria-current]{font-weight:700;text-decoration:underline}
.card{background:#fff;border-radius:12px;padding:1rem 1.1rem;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:1rem}
h1{font-size:1.35rem;margin:.2rem 0 .6rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem .8rem;margin:0}
dt{color:#5b6673}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
fieldset{border:0;padding:0;margin:0 0 1rem}
legend{font-weight:700;margin-bottom:.5rem}
.choice{display:flex;align-items:center;gap:.7rem;border:2px solid #cfd6de;border-radius:10px;padding:.8rem;margin-bottom:.5rem;background:#fff}
.choice input{width:1.4rem;height:1.4rem}
.rating{display:flex;gap:.4rem}
.rating label{flex:1;text-align:center;border:2px solid #cfd6de;border-radius:10px;padding:.55rem 0;font-weight:700}
.hint{color:#5b6673;font-size:.9rem;margin:.3rem 0 0}
textarea{width:100%;min-height:6rem;font:inherit;border:2px solid #cfd6de;border-radius:10px;padding:.6rem}
button{width:100%;font:inherit;font-weight:700;color:#fff;background:#0b5cad;border:0;border-radius:10px;padding:.9rem;margin-top:.4rem}
.error{background:#fdecea;color:#8a1c13;border-radius:10px;padding:.7rem;margin-bottom:1rem}
.state{font-size:1.05rem}
)"_s;

QString page(Language l, const QString &state, const QString &title, const QString &body, const QString &token = {})
{
    const QString self = token.isEmpty() ? QString() : u"/c/"_s + token;
    QString nav;
    if (!self.isEmpty()) {
        nav =
            u"<nav><a href=\"%1?lang=zh\" lang=\"zh-CN\"%2>中文</a><a href=\"%1?lang=en\" lang=\"en\"%3>English</a></nav>"_s
                .arg(self, l == Language::Chinese ? u" aria-current=\"true\""_s : QString(),
                     l == Language::English ? u" aria-current=\"true\""_s : QString());
    }
    return u"<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
           "<meta name=\"robots\" content=\"noindex\"><title>%2</title><style>%3</style></head>"
           "<body><main id=\"page\" data-state=\"%4\"><header><span class=\"brand\">Crewline</span>%5</header>"
           "%6</main></body></html>\n"_s.arg(l == Language::Chinese ? u"zh-CN"_s : u"en"_s, esc(title), kStyle, state,
                                             nav, body);
}

HttpResponse html(int status, const QString &content)
{
    HttpResponse r;
    r.status = status;
    r.body = content.toUtf8();
    // Nothing but this page's own inline style and a form posting back to the server itself.
    r.headers << qMakePair(QByteArrayLiteral("Content-Security-Policy"),
                           QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                             "frame-ancestors 'none'; base-uri 'none'"));
    return r;
}

HttpResponse message(int status, Language l, const QString &state, Text title, Text text, const QString &token = {})
{
    const QString body = u"<section class=\"card\"><h1>%1</h1><p class=\"state\">%2</p></section>"_s.arg(
        esc(tx(title, l)), esc(tx(text, l)));
    return html(status, page(l, state, tx(title, l), body, token));
}

} // namespace

ConfirmationPage::ConfirmationPage(TicketService &tickets, Store &reader, const ConfirmationLinks &links,
                                   const TicketTypeRegistry &types)
    : m_tickets(tickets)
    , m_reader(reader)
    , m_links(links)
    , m_types(types)
{
}

ConfirmationPage::Language ConfirmationPage::pickLanguage(const HttpRequest &request)
{
    const QString chosen = request.query.queryItemValue(u"lang"_s);
    if (chosen == u"zh")
        return Language::Chinese;
    if (chosen == u"en")
        return Language::English;
    // The first language the browser names that we have; English otherwise.
    for (const QByteArray &part : request.header("accept-language").split(',')) {
        const QByteArray tag = part.split(';').value(0).trimmed().toLower();
        if (tag.startsWith("zh"))
            return Language::Chinese;
        if (tag.startsWith("en"))
            return Language::English;
    }
    return Language::English;
}

void ConfirmationPage::handle(const HttpRequest &request, const HttpServer::Respond &respond)
{
    Language language = pickLanguage(request);
    if (request.path == u"/healthz") {
        respond(HttpResponse::text(200, "ok\n"));
        return;
    }
    if (!request.path.startsWith(u"/c/")) {
        respond(message(404, language, u"not-found"_s, Text::NotFoundTitle, Text::NotFound));
        return;
    }
    const QString token = request.path.mid(3);
    try {
        if (request.method == "GET" || request.method == "HEAD") {
            show(request, token, language, respond);
        } else if (request.method == "POST") {
            submit(request, token, language, respond);
        } else {
            HttpResponse r = HttpResponse::text(405, "use GET or POST\n");
            r.headers << qMakePair(QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD, POST"));
            respond(r);
        }
    } catch (const StorageError &e) {
        qCWarning(lcNet) << "confirmation page:" << e.what();
        respond(message(503, language, u"busy"_s, Text::BusyTitle, Text::Busy));
    }
}

void ConfirmationPage::show(const HttpRequest &, const QString &token, Language l, const HttpServer::Respond &respond)
{
    const std::optional<TicketId> signedFor = m_links.verify(token);
    const std::optional<ConfirmationRecord> link =
        signedFor ? m_reader.confirmation(ConfirmationLinks::hash(token)) : std::nullopt;
    if (!link || link->ticketId != *signedFor) {
        respond(message(404, l, u"invalid"_s, Text::InvalidTitle, Text::Invalid));
        return;
    }
    if (link->isUsed()) {
        respond(message(410, l, u"used"_s, Text::UsedTitle, Text::Used, token));
        return;
    }
    if (link->expiresAt.isValid() && link->expiresAt <= QDateTime::currentDateTimeUtc()) {
        respond(message(410, l, u"expired"_s, Text::ExpiredTitle, Text::Expired, token));
        return;
    }
    std::optional<Ticket> t = TicketService::resolveMerged(m_reader, link->ticketId);
    if (!t) {
        respond(message(404, l, u"invalid"_s, Text::InvalidTitle, Text::Invalid));
        return;
    }
    const QString lang = l == Language::Chinese ? u"zh_CN"_s : u"en"_s;
    QString typeName = t->type, statusName = t->status;
    if (const TicketType *type = m_types.type(t->type)) {
        typeName = type->name().in(lang);
        if (const StatusDef *s = type->status(t->status))
            statusName = s->name.in(lang);
    }
    QString facts = u"<dl><dt>%1</dt><dd id=\"ticket-number\">%2</dd><dt>%3</dt><dd>%4</dd>"
                    "<dt>%5</dt><dd id=\"ticket-status\">%6</dd><dt>%7</dt><dd id=\"ticket-title\">%8</dd>"_s.arg(
                        esc(tx(Text::Number, l)), esc(t->number), esc(tx(Text::Type, l)), esc(typeName),
                        esc(tx(Text::Status, l)), esc(statusName), esc(tx(Text::Summary, l)), esc(t->title));
    const QString resolution = t->fields.value(u"resolution"_s).toString();
    if (!resolution.isEmpty())
        facts += u"<dt>%1</dt><dd>%2</dd>"_s.arg(esc(tx(Text::Resolution, l)), esc(resolution));
    facts += u"</dl>"_s;

    const auto choice = [&](const QString &value, Text label) {
        return u"<label class=\"choice\"><input type=\"radio\" name=\"result\" id=\"result-%1\" value=\"%1\" required>"
               "<span>%2</span></label>"_s.arg(value, esc(tx(label, l)));
    };
    QString rating;
    for (int i = 1; i <= 5; ++i)
        rating += u"<label><input type=\"radio\" name=\"rating\" id=\"rating-%1\" value=\"%1\"> %1</label>"_s.arg(i);
    const QString form =
        u"<form method=\"post\" action=\"/c/%1\" class=\"card\" id=\"answer\"><input type=\"hidden\" name=\"lang\" "
        "value=\"%2\"><fieldset><legend>%3</legend>%4%5%6</fieldset>"
        "<fieldset><legend>%7</legend><div class=\"rating\">%8</div><p class=\"hint\">%9</p></fieldset>"
        "<fieldset><legend><label for=\"comment\">%10</label></legend><textarea id=\"comment\" name=\"comment\" "
        "maxlength=\"2000\"></textarea><p class=\"hint\">%11</p></fieldset>"
        "<button type=\"submit\" id=\"send\">%12</button></form>"_s.arg(
            token, langCode(l), esc(tx(Text::Question, l)), choice(u"satisfied"_s, Text::Satisfied),
            choice(u"partly"_s, Text::Partly), choice(u"unresolved"_s, Text::Unresolved), esc(tx(Text::Rating, l)),
            rating, esc(tx(Text::RatingHint, l)), esc(tx(Text::Comment, l)), esc(tx(Text::CommentHint, l)),
            esc(tx(Text::Send, l)));
    const QString body = u"<section class=\"card\"><h1>%1</h1><p>%2</p>%3</section>%4"_s.arg(
        esc(tx(Text::Title, l)), esc(tx(Text::Intro, l)), facts, form);
    respond(html(200, page(l, u"form"_s, tx(Text::Title, l), body, token)));
}

void ConfirmationPage::submit(const HttpRequest &request, const QString &token, Language l,
                              const HttpServer::Respond &respond)
{
    if (!request.header("content-type").startsWith("application/x-www-form-urlencoded")) {
        respond(HttpResponse::text(415, "send the form as application/x-www-form-urlencoded\n"));
        return;
    }
    QByteArray body = request.body;
    body.replace('+', ' '); // form encoding writes spaces as '+'; QUrlQuery does not decode them
    const QUrlQuery form(QString::fromUtf8(body));
    const QString lang = form.queryItemValue(u"lang"_s);
    if (lang == u"zh")
        l = Language::Chinese;
    else if (lang == u"en")
        l = Language::English;

    const std::optional<TicketId> signedFor = m_links.verify(token);
    if (!signedFor) {
        respond(message(404, l, u"invalid"_s, Text::InvalidTitle, Text::Invalid));
        return;
    }
    TicketService::CustomerAnswer answer;
    answer.result = form.queryItemValue(u"result"_s, QUrl::FullyDecoded);
    const QString rating = form.queryItemValue(u"rating"_s);
    bool ok = true;
    answer.rating = rating.isEmpty() ? 0 : rating.toInt(&ok);
    answer.comment = form.queryItemValue(u"comment"_s, QUrl::FullyDecoded);
    if (answer.result.isEmpty()) {
        const QString text =
            u"<section class=\"card\"><h1>%1</h1><p class=\"error\" id=\"error\">%2</p>"
            "<p><a href=\"/c/%3?lang=%4\">%5</a></p></section>"_s.arg(
                esc(tx(Text::Title, l)), esc(tx(Text::ChooseOne, l)), token, langCode(l), esc(tx(Text::Title, l)));
        respond(html(400, page(l, u"bad-input"_s, tx(Text::Title, l), text, token)));
        return;
    }
    if (!ok)
        answer.rating = -1; // refused by confirm() as invalid_field
    const TicketId ticket = *signedFor;
    m_tickets.confirm(ConfirmationLinks::hash(token), answer, [respond, l, token, ticket, answer](const Outcome &o) {
        using protocol::ErrorCode;
        if (o.ok) {
            qCInfo(lcNet) << "customer confirmation for ticket" << ticket.value() << answer.result;
            const QString text = u"<section class=\"card\"><h1>%1</h1><p class=\"state\">%2</p></section>"_s.arg(
                esc(tx(Text::ThanksTitle, l)),
                esc(tx(answer.result == u"unresolved" ? Text::ThanksUnresolved : Text::Thanks, l)));
            respond(html(200, page(l, u"done"_s, tx(Text::ThanksTitle, l), text, token)));
            return;
        }
        const QString reason = o.error.details.value(u"reason"_s).toString();
        switch (o.error.code) {
        case ErrorCode::NotFound:
            respond(message(404, l, u"invalid"_s, Text::InvalidTitle, Text::Invalid));
            return;
        case ErrorCode::Conflict:
            if (reason == u"expired")
                respond(message(410, l, u"expired"_s, Text::ExpiredTitle, Text::Expired, token));
            else
                respond(message(410, l, u"used"_s, Text::UsedTitle, Text::Used, token));
            return;
        case ErrorCode::InvalidField:
            respond(message(400, l, u"bad-input"_s, Text::Title, Text::BadInput, token));
            return;
        default:
            respond(message(503, l, u"busy"_s, Text::BusyTitle, Text::Busy, token));
            return;
        }
    });
}

} // namespace crewline::server
