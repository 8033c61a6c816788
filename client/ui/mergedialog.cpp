#include "client/ui/mergedialog.h"

#include "client/core/ticketmodel.h"
#include "client/core/workspace.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace crewline::client {

namespace {

QSet<QString> bigrams(const QString &text)
{
    QSet<QString> out;
    const QString s = text.simplified().toLower();
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (!s.at(i).isSpace() && !s.at(i + 1).isSpace())
            out.insert(s.mid(i, 2));
    }
    return out;
}

} // namespace

MergeDialog::MergeDialog(Workspace &workspace, const Ticket &master, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_master(master)
{
    setObjectName(u"mergeDialog"_s);
    setWindowTitle(tr("Merge duplicates into %1").arg(master.number));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The duplicates' messages, attachments and history move to %1 (“%2”); the "
                                "duplicates are closed and point to it.")
                                 .arg(master.number, master.title),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    layout->addWidget(intro);
    layout->addWidget(new QLabel(tr("Ticket numbers of the duplicates (separated by spaces or commas):"), this));
    m_numbers = new QLineEdit(this);
    m_numbers->setObjectName(u"merge.numbers"_s);
    m_numbers->setPlaceholderText(tr("e.g. WO-2026-000123, WO-2026-000131"));
    layout->addWidget(m_numbers);
    m_preview = new QLabel(this);
    m_preview->setObjectName(u"merge.preview"_s);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setWordWrap(true);
    layout->addWidget(m_preview);
    layout->addWidget(new QLabel(tr("Possible duplicates (Enter or double-click adds one):"), this));
    m_suggestions = new QListWidget(this);
    m_suggestions->setObjectName(u"merge.suggestions"_s);
    layout->addWidget(m_suggestions, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Merge"));
    m_ok->setObjectName(u"merge.ok"_s);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_ok->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_numbers, &QLineEdit::textChanged, this, &MergeDialog::resolve);
    connect(m_suggestions, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString number = item->data(Qt::UserRole).toString();
        QString text = m_numbers->text().trimmed();
        if (!text.split(QRegularExpression(u"[\\s,;，、]+"_s)).contains(number))
            m_numbers->setText(text.isEmpty() ? number : text + u", "_s + number);
    });
    suggest();
    resolve();
    m_numbers->setFocus();
    resize(560, 440);
}

void MergeDialog::setNumbers(const QString &text)
{
    m_numbers->setText(text);
}

const Ticket *MergeDialog::find(const QString &token) const
{
    const TicketModel &model = m_workspace.tickets();
    const Ticket *suffixMatch = nullptr;
    int suffixMatches = 0;
    bool digits = !token.isEmpty();
    for (QChar c : token)
        digits = digits && c.isDigit();
    for (int row = 0; row < model.rowCount(); ++row) {
        const Ticket &t = model.at(row);
        if (t.number.compare(token, Qt::CaseInsensitive) == 0)
            return &t;
        // "123" finds WO-2026-000123 when only one ticket ends so.
        if (digits) {
            const QString tail = t.number.section(u'-', -1);
            if (tail.toLongLong() == token.toLongLong()) {
                suffixMatch = &t;
                ++suffixMatches;
            }
        }
    }
    return suffixMatches == 1 ? suffixMatch : nullptr;
}

void MergeDialog::resolve()
{
    m_valid.clear();
    QStringList lines;
    bool bad = false;
    const QStringList tokens = m_numbers->text().split(QRegularExpression(u"[\\s,;，、]+"_s), Qt::SkipEmptyParts);
    const Directory &dir = m_workspace.directory();
    for (const QString &token : tokens) {
        const Ticket *t = find(token);
        QString why;
        if (!t)
            why = tr("not found among the loaded tickets");
        else if (t->id == m_master.id)
            why = tr("is the ticket you merge into");
        else if (t->mergedInto.isValid())
            why = tr("was already merged");
        else if (m_valid.contains(t->id))
            why = tr("is listed twice");
        if (!why.isEmpty()) {
            bad = true;
            lines << u"✗ %1: %2"_s.arg(token, why);
            continue;
        }
        m_valid << t->id;
        lines << u"✓ %1 — %2 (%3)"_s.arg(t->number, t->title, dir.statusName(t->type, t->status));
    }
    m_preview->setText(lines.join(u'\n'));
    m_preview->setStyleSheet(bad ? u"color: #b71c1c;"_s : QString());
    m_ok->setEnabled(!bad && !m_valid.isEmpty());
}

void MergeDialog::suggest()
{
    // Likely duplicates in the working set: same requester or place, similar title.
    struct Candidate
    {
        double score;
        const Ticket *ticket;
    };
    QList<Candidate> candidates;
    const QSet<QString> title = bigrams(m_master.title);
    const TicketModel &model = m_workspace.tickets();
    for (int row = 0; row < model.rowCount(); ++row) {
        const Ticket &t = model.at(row);
        if (t.id == m_master.id || t.mergedInto.isValid() || !model.index(row, 0).data(TicketModel::OpenRole).toBool())
            continue;
        double score = 0;
        if (!m_master.requester.contact.isEmpty() && t.requester.contact == m_master.requester.contact)
            score += 3;
        if (!m_master.requester.name.isEmpty() && t.requester.name == m_master.requester.name)
            score += 1.5;
        if (!m_master.address.isEmpty() && t.address == m_master.address)
            score += 2;
        if (!title.isEmpty()) {
            const QSet<QString> other = bigrams(t.title);
            const qsizetype common = QSet<QString>(title).intersect(other).size();
            const qsizetype all = QSet<QString>(title).unite(other).size();
            if (all > 0)
                score += 4.0 * static_cast<double>(common) / static_cast<double>(all);
        }
        if (score >= 1.5)
            candidates.append({score, &t});
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    for (qsizetype i = 0; i < std::min<qsizetype>(candidates.size(), 12); ++i) {
        const Ticket &t = *candidates.at(i).ticket;
        auto *item = new QListWidgetItem(u"%1 — %2 · %3"_s.arg(t.number, t.title, t.requester.name), m_suggestions);
        item->setData(Qt::UserRole, t.number);
    }
}

} // namespace crewline::client
