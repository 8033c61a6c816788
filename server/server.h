#pragma once

// The composition root of the daemon: opens storage, builds the services and the transport, seeds a new database,
// and shuts everything down in order. Tests and benchmarks use it too (in-process), the daemon through main.cpp.

#include "common/workflow.h"
#include "server/config.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <memory>
#include <optional>

namespace crewline::server {

class AttachmentService;
class AttachmentStore;
class AuthService;
class Clock;
class ConfirmationLinks;
class ConfirmationPage;
class HttpServer;
class DirectoryService;
class DispatchService;
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
    quint16 httpPort() const; // 0 when no pages are served
    WriteQueue &writer() { return *m_writer; }
    const TicketTypeRegistry &types() const { return m_types; }
    DispatchService &dispatch() { return *m_dispatch; }

private:
    bool seed(QString *error);
    bool startPages(const std::optional<QSslConfiguration> &tls, QString *error);

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
    std::unique_ptr<DispatchService> m_dispatch;
    std::unique_ptr<StatsService> m_stats;
    std::unique_ptr<WsServer> m_transport;
    std::unique_ptr<SearchIndexer> m_search;
    std::unique_ptr<ConfirmationLinks> m_links;
    std::unique_ptr<ConfirmationPage> m_page;
    std::unique_ptr<HttpServer> m_http;
    QTimer *m_housekeeping = nullptr;
    QTimer *m_dispatchTimer = nullptr;
};

} // namespace crewline::server
