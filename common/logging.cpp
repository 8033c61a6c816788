#include "common/logging.h"

Q_LOGGING_CATEGORY(lcServer, "crewline.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "crewline.server.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "crewline.server.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "crewline.server.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTickets, "crewline.server.tickets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClient, "crewline.client", QtInfoMsg)
Q_LOGGING_CATEGORY(lcClientNet, "crewline.client.net", QtInfoMsg)
