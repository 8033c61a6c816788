#pragma once

// Every change the user makes goes through the outbox: it gets an idempotency key, is kept (on disk too) until the
// server confirms it, is sent in order when online and resent with the same key after a reconnect, so it is applied
// exactly once. Actions the server refuses stay visible with the reason until the user dismisses or re-applies them.
// A list model, so the console can show what is still pending.

#include "client/core/connection.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

namespace crewline::client {

struct OutboxAction
{
    enum class State
    {
        Queued,
        Sent,
        Failed
    };
    QString idem;
    protocol::Op op = protocol::Op::Ping;
    QJsonObject data;
    QString summary; // what the user did, in their words ("Assign WO-2026-000012 to 李娜")
    QDateTime createdAt;
    State state = State::Queued;
    protocol::Error error;

    QJsonObject toJson() const;
    static OutboxAction fromJson(const QJsonObject &o);
};

class Outbox : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles
    {
        StateRole = Qt::UserRole + 1,
        ErrorRole,
        OpRole,
        IdemRole
    };

    explicit Outbox(Connection &connection, QObject *parent = nullptr);

    // Where pending actions survive a restart of the console; empty: memory only.
    void setStorageFile(const QString &path);

    // Queues an action and returns its idempotency key.
    QString submit(protocol::Op op, const QJsonObject &data, const QString &summary);
    void dismiss(const QString &idem);
    // After the server confirmed one of the user's changes to a ticket, later queued changes to the same ticket
    // that were based on the same version are based on the confirmed one instead: they build on the user's own work.
    void rebase(qint64 ticketId, qint64 fromVersion, qint64 toVersion);
    bool hasPending(qint64 ticketId) const;
    int pendingCount() const;
    const QList<OutboxAction> &actions() const { return m_actions; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

Q_SIGNALS:
    void confirmed(const crewline::client::OutboxAction &action, const QJsonObject &result);
    void refused(const crewline::client::OutboxAction &action);
    void pendingCountChanged(int count);

public Q_SLOTS:
    void flush();

private:
    void onReply(const QString &idem, const protocol::Response &response);
    int indexOf(const QString &idem) const;
    void save() const;
    void load();
    void changed(int row);

    Connection &m_connection;
    QList<OutboxAction> m_actions;
    QString m_file;
    bool m_inFlight = false;
};

} // namespace crewline::client
