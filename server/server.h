#pragma once

// The composition root of the daemon: opens storage, builds the services and the transport, seeds a new database,
// and shuts everything down in order. Tests and benchmarks use it too (in-process), the daemon through main.cpp.

#include "common/workflow.h"
#include "server/config.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace crewline::server {

class AttachmentService;
class AttachmentStore;
class AuthService;
class Clock;
class DirectoryService;
class StatsService;
class SearchIndexer;
class Store;
class TicketService;
class WriteQueue;
class WsServer;

class Server : public QObject
{
    Q_OBJECT
public:
    Server(ServerConfig config, const Clock &clock, QObject *parent = nullptr);
    ~Server() override;

    bool start(QString *error);
    void stop();

    quint16 port() const;
    WriteQueue &writer() { return *m_writer; }
    const TicketTypeRegistry &types() const { return m_types; }

private:
    bool seed(QString *error);

    ServerConfig m_config;
    const Clock &m_clock;
    TicketTypeRegistry m_types;
    std::unique_ptr<Store> m_reader;
    std::unique_ptr<WriteQueue> m_writer;
    std::unique_ptr<AttachmentStore> m_files;
    std::unique_ptr<AuthService> m_auth;
    std::unique_ptr<TicketService> m_tickets;
    std::unique_ptr<AttachmentService> m_attachments;
    std::unique_ptr<DirectoryService> m_directory;
    std::unique_ptr<StatsService> m_stats;
    std::unique_ptr<WsServer> m_transport;
    std::unique_ptr<SearchIndexer> m_search;
    QTimer *m_housekeeping = nullptr;
};

} // namespace crewline::server
