#pragma once

// A ticket's full history from its audit entries, oldest first: when, who (or the system), what was done and why,
// and under each entry every field it changed as "from → to", with names instead of ids and the workflow's
// status names.

#include "common/domain.h"

#include <QWidget>

class QTreeWidget;

namespace crewline::client {

class Workspace;

class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(Workspace &workspace, QWidget *parent = nullptr);

    void setHistory(const Ticket &ticket, const QList<AuditEntry> &history);
    void clear();

    // Text for the user: an audit action ("assign"), a field name ("assigneeId"), a value of that field.
    static QString actionText(const QString &action);
    static QString fieldText(const QString &field);
    QString valueText(const QString &ticketType, const QString &field, const QJsonValue &value) const;

private:
    Workspace &m_workspace;
    QTreeWidget *m_tree = nullptr;
};

} // namespace crewline::client
