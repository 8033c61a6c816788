#pragma once

// Writes a generated demo data set (demodata.h) into a new database through the write queue.

#include "common/workflow.h"

#include <QDateTime>
#include <QString>

namespace crewline::server {

class WriteQueue;
struct ServerConfig;

bool seedDemoData(WriteQueue &writer, const TicketTypeRegistry &types, const ServerConfig &config, const QDateTime &now,
                  QString *error);

} // namespace crewline::server
