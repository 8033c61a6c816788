#include "client/core/outbox.h"

#include "common/logging.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace crewline::client {

using protocol::ErrorCode;

namespace {
QString stateName(OutboxAction::State s)
{
    switch (s) {
    case OutboxAction::State::Queued:
        return u"queued"_s;
    case OutboxAction::State::Sent:
        return u"sent"_s;
    case OutboxAction::State::Failed:
        return u"failed"_s;
    }
    return {};
}

// Errors that mean "not now" rather than "no": the action stays queued and is sent again.
bool isTransient(ErrorCode code)
{
    return code == ErrorCode::Unavailable || code == ErrorCode::RateLimited || code == ErrorCode::Unauthenticated ||
           code == ErrorCode::SessionExpired;
}
} // namespace

QJsonObject OutboxAction::toJson() const
{
    return {{u"idem"_s, idem},           {u"op"_s, protocol::opName(op)},         {u"data"_s, data},
            {u"summary"_s, summary},     {u"createdAt"_s, timeToJson(createdAt)}, {u"state"_s, stateName(state)},
            {u"error"_s, error.toJson()}};
}

OutboxAction OutboxAction::fromJson(const QJsonObject &o)
{
    OutboxAction a;
    a.idem = o.value(u"idem"_s).toString();
    a.op = protocol::opFromName(o.value(u"op"_s).toString()).value_or(protocol::Op::Ping);
    a.data = o.value(u"data"_s).toObject();
    a.summary = o.value(u"summary"_s).toString();
    a.createdAt = timeFromJson(o.value(u"createdAt"_s));
    const QString state = o.value(u"state"_s).toString();
    a.state = state == u"failed" ? State::Failed : State::Queued; // "sent" but unconfirmed: send again
    a.error = protocol::Error::fromJson(o.value(u"error"_s).toObject());
    return a;
}

Outbox::Outbox(Connection &connection, QObject *parent)
    : QAbstractListModel(parent)
    , m_connection(connection)
{
    connect(&m_connection, &Connection::synchronized, this, &Outbox::flush);
}

void Outbox::setStorageFile(const QString &path)
{
    m_file = path;
    load();
}

QString Outbox::submit(protocol::Op op, const QJsonObject &data, const QString &summary)
{
    OutboxAction a;
    a.idem = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.op = op;
    a.data = data;
    a.summary = summary;
    a.createdAt = QDateTime::currentDateTimeUtc();
    beginInsertRows({}, static_cast<int>(m_actions.size()), static_cast<int>(m_actions.size()));
    m_actions << a;
    endInsertRows();
    save();
    Q_EMIT pendingCountChanged(pendingCount());
    flush();
    return a.idem;
}

void Outbox::dismiss(const QString &idem)
{
    const int row = indexOf(idem);
    if (row < 0 || m_actions.at(row).state == OutboxAction::State::Sent)
        return;
    beginRemoveRows({}, row, row);
    m_actions.removeAt(row);
    endRemoveRows();
    save();
    Q_EMIT pendingCountChanged(pendingCount());
}

void Outbox::rebase(qint64 ticketId, qint64 fromVersion, qint64 toVersion)
{
    for (int row = 0; row < m_actions.size(); ++row) {
        OutboxAction &a = m_actions[row];
        if (a.state == OutboxAction::State::Queued && a.data.value(u"ticketId"_s).toInteger() == ticketId &&
            a.data.value(u"version"_s).toInteger() == fromVersion) {
            a.data.insert(u"version"_s, toVersion);
            changed(row);
        }
    }
    save();
}

bool Outbox::hasPending(qint64 ticketId) const
{
    for (const OutboxAction &a : m_actions) {
        if (a.state != OutboxAction::State::Failed && a.data.value(u"ticketId"_s).toInteger() == ticketId)
            return true;
    }
    return false;
}

int Outbox::pendingCount() const
{
    int n = 0;
    for (const OutboxAction &a : m_actions)
        n += a.state != OutboxAction::State::Failed ? 1 : 0;
    return n;
}

void Outbox::flush()
{
    // One at a time, in order: a later action may depend on an earlier one (create, then assign).
    if (m_inFlight || !m_connection.isOnline())
        return;
    for (int row = 0; row < m_actions.size(); ++row) {
        OutboxAction &a = m_actions[row];
        if (a.state != OutboxAction::State::Queued)
            continue;
        a.state = OutboxAction::State::Sent;
        changed(row);
        m_inFlight = true;
        const QString idem = a.idem;
        m_connection.request(
            a.op, a.data, [this, idem](const protocol::Response &r) { onReply(idem, r); }, idem);
        return;
    }
}

void Outbox::onReply(const QString &idem, const protocol::Response &r)
{
    m_inFlight = false;
    const int row = indexOf(idem);
    if (row < 0)
        return;
    if (r.ok) {
        const OutboxAction done = m_actions.at(row);
        beginRemoveRows({}, row, row);
        m_actions.removeAt(row);
        endRemoveRows();
        save();
        Q_EMIT pendingCountChanged(pendingCount());
        Q_EMIT confirmed(done, r.result);
    } else if (isTransient(r.error.code)) {
        // The reply may have been lost after the server committed: the same key makes the resend safe.
        m_actions[row].state = OutboxAction::State::Queued;
        changed(row);
        save();
        return; // flushed again on the next synchronized()
    } else {
        m_actions[row].state = OutboxAction::State::Failed;
        m_actions[row].error = r.error;
        changed(row);
        save();
        Q_EMIT pendingCountChanged(pendingCount());
        Q_EMIT refused(m_actions.at(row));
    }
    flush();
}

int Outbox::indexOf(const QString &idem) const
{
    for (int i = 0; i < m_actions.size(); ++i) {
        if (m_actions.at(i).idem == idem)
            return i;
    }
    return -1;
}

void Outbox::changed(int row)
{
    Q_EMIT dataChanged(index(row), index(row));
}

void Outbox::save() const
{
    if (m_file.isEmpty())
        return;
    QJsonArray a;
    for (const OutboxAction &action : m_actions)
        a.append(action.toJson());
    QDir().mkpath(QFileInfo(m_file).path());
    QSaveFile f(m_file);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(a).toJson(QJsonDocument::Compact)) < 0 || !f.commit())
        qCWarning(lcClient) << "cannot save the outbox to" << m_file;
}

void Outbox::load()
{
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly))
        return;
    beginResetModel();
    m_actions.clear();
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).array())
        m_actions << OutboxAction::fromJson(v.toObject());
    endResetModel();
    Q_EMIT pendingCountChanged(pendingCount());
}

int Outbox::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_actions.size());
}

QVariant Outbox::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_actions.size())
        return {};
    const OutboxAction &a = m_actions.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (a.state == OutboxAction::State::Failed)
            return tr("%1 — refused: %2").arg(a.summary, a.error.message);
        return a.state == OutboxAction::State::Sent ? tr("%1 — sending…").arg(a.summary)
                                                    : tr("%1 — waiting to be sent").arg(a.summary);
    case Qt::ToolTipRole:
        return a.error.message;
    case StateRole:
        return static_cast<int>(a.state);
    case ErrorRole:
        return protocol::errorCodeName(a.error.code);
    case OpRole:
        return protocol::opName(a.op);
    case IdemRole:
        return a.idem;
    default:
        return {};
    }
}

} // namespace crewline::client
