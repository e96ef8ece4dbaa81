/*
 * server.h — mamori's HTTP server (libmicrohttpd): a pool of worker threads,
 * one per core, each request with its own database connection.
 */
#ifndef MAMORI_WEB_SERVER_H
#define MAMORI_WEB_SERVER_H

#include <stddef.h>

#include "util/err.h"

/* Form bodies are small; multipart uploads (a register, a policy document)
 * from a signed-in sender may be large. */
#define WEB_FORM_LIMIT (64 * 1024)
#define WEB_UPLOAD_LIMIT (64 * 1024 * 1024)

struct web_server_config {
	const char *db_target; /* as given to db_open: a path or a postgres:// URL */
	const char *addr;      /* IPv4 address to bind, e.g. "127.0.0.1" */
	int port;
};

struct web_server;

/* Starts listening; the caller already migrated the database. */
int web_server_start(const struct web_server_config *cfg, struct web_server **out,
		     struct err *e);
/* Stops accepting, finishes running requests, frees everything. */
void web_server_stop(struct web_server *s);

/* Splits "ADDR:PORT" (or ":PORT", or "PORT") into cfg->addr/port;
 * addr_buf holds the address.  Returns 0 or ERR_INPUT. */
int web_parse_listen(const char *text, char *addr_buf, size_t n, int *port, struct err *e);

#endif
