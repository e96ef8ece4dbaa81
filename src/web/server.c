/*
 * server.c — libmicrohttpd glue (server.h): collects each request, builds a
 * web_req, asks the router, and sends the response.
 *
 * Threads: MHD's internal polling with a thread pool of one thread per core
 * (not a thread per connection, which a slow client could exhaust).  Each
 * worker thread opens its own database connection on its first request and
 * keeps it (a thread-specific value, closed when the thread ends): opening
 * a connection costs more than most requests.  No connection is ever shared
 * between threads, so the store needs no locking of its own.  SQLite in WAL
 * mode lets these readers run beside the one writer; between requests a
 * connection has no statement open and no transaction, so it holds no read
 * snapshot and each request sees everything committed before it began.
 */
#include "web/server.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util/fold.h"
#include "web/auth.h"
#include "web/response.h"
#include "web/router.h"
#include "web/shared.h"
#include "web/units_cache.h"

struct web_server {
	struct MHD_Daemon *daemon;
	char *db_target;
	pthread_key_t conn_key; /* each worker thread's struct worker */
	struct web_shared shared;
};

/* What one worker thread keeps between its requests. */
struct worker {
	struct db *db;
	struct units_cache units;
};

/* Runs when a worker thread ends (MHD_stop_daemon joins them). */
static void worker_destroy(void *arg)
{
	struct worker *w = arg;
	units_cache_reset(&w->units);
	db_close(w->db);
	free(w);
}

/* This thread's worker, its connection opened on its first request. */
static struct worker *thread_worker(const struct web_server *s, struct err *e)
{
	struct worker *w = pthread_getspecific(s->conn_key);
	if (w && w->db)
		return w;
	if (!w) {
		w = xcalloc(1, sizeof *w);
		if (pthread_setspecific(s->conn_key, w) != 0) {
			free(w);
			err_set(e, ERR_INTERNAL, "データベース接続を保持できません");
			return NULL;
		}
	}
	if (db_open(s->db_target, &w->db, e)) {
		w->db = NULL;
		return NULL;
	}
	db_keep_statements(w->db);
	return w;
}

/*
 * After each request.  A connection left inside a transaction or with a
 * statement still open would keep an old snapshot (and, for SQLite, a read
 * lock) into the next request, and a request that failed may have lost its
 * connection (a restarted PostgreSQL): either way the connection is closed
 * and the thread's next request opens a fresh one.
 */
static void thread_db_release(struct worker *w, int failed)
{
	if (!w || !w->db || (!failed && db_idle(w->db)))
		return;
	if (!db_idle(w->db))
		fprintf(stderr, "mamori serve: a request left the database busy; reconnecting\n");
	db_close(w->db);
	w->db = NULL;
	units_cache_reset(&w->units);
}

/* What MHD keeps for us between the calls of one request. */
struct conn_ctx {
	struct buf body;
	size_t limit; /* WEB_FORM_LIMIT, or WEB_UPLOAD_LIMIT for a signed upload */
	int too_large;
};

static void client_addr(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, n, "%s", "");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)ci->client_addr;
		inet_ntop(AF_INET, &in->sin_addr, out, (socklen_t)n);
	} else if (ci->client_addr->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)ci->client_addr;
		inet_ntop(AF_INET6, &in6->sin6_addr, out, (socklen_t)n);
	}
}

/* MHD has already split and decoded the query; values that are not UTF-8
 * are dropped so no handler ever sees them. */
static enum MHD_Result add_query_arg(void *cls, enum MHD_ValueKind kind, const char *key,
				     const char *value)
{
	struct form *f = cls;
	(void)kind;
	if (!key || f->n >= FORM_MAX_FIELDS)
		return MHD_YES;
	if (!value)
		value = "";
	if (!utf8_valid(key, (long)strlen(key)) || !utf8_valid(value, (long)strlen(value)))
		return MHD_YES;
	f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
	f->v[f->n].name = xstrdup(key);
	f->v[f->n].value = xstrdup(value);
	f->n++;
	return MHD_YES;
}

static const char *bearer_token(struct MHD_Connection *c)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return *h ? h : NULL;
}

static const char *content_type(struct MHD_Connection *c)
{
	const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
	return ct ? ct : "";
}

/*
 * Decodes a urlencoded or multipart body into rq->body (and rq->files);
 * any other type is left unread, so a handler sees no fields.
 */
static int parse_body(struct MHD_Connection *c, const struct buf *body, struct web_req *rq)
{
	const char *ct = content_type(c);
	char boundary[80];
	if (body->len == 0)
		return 0;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return form_parse(buf_str(body), body->len, &rq->body);
	if (strncasecmp(ct, "multipart/form-data", 19) == 0)
		return multipart_boundary(ct, boundary, sizeof boundary) ||
		       multipart_parse(boundary, (const unsigned char *)buf_str(body), body->len,
				       &rq->body, &rq->files);
	return 0;
}

/* Runs the request through auth and the router into rs. */
static void handle(struct web_server *s, struct MHD_Connection *c, const char *url,
		   const char *method, struct conn_ctx *ctx, struct web_resp *rs)
{
	struct web_req rq = {0};
	struct err e = {0};
	struct worker *w = NULL;
	rq.method = method;
	rq.path = url;
	rq.is_api = strncmp(url, "/api/", 5) == 0;
	rq.shared = &s->shared;
	rq.cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, WEB_COOKIE);
	rq.bearer = bearer_token(c);
	client_addr(c, rq.addr, sizeof rq.addr);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_query_arg, &rq.query);
	if (ctx->too_large) {
		web_error(&rq, rs, 413, "too_large", "送信されたデータが大きすぎます");
		goto done;
	}
	if (parse_body(c, &ctx->body, &rq)) {
		web_error(&rq, rs, 400, "bad_form", "送信されたフォームを読み取れません");
		goto done;
	}
	w = thread_worker(s, &e);
	if (w) {
		rq.db = w->db;
		rq.units_cache = &w->units;
	}
	if (!w || web_auth(&rq, &e)) {
		fprintf(stderr, "mamori serve: %s\n", e.msg);
		web_error(&rq, rs, 500, "internal", "サーバーでエラーが発生しました");
		goto done;
	}
	router_dispatch(&rq, rs,
			MHD_lookup_connection_value(c, MHD_COOKIE_KIND, WEB_PRELOGIN_COOKIE));
	if (rq.user || rq.has_session)
		rs->no_store = 1;
done:
	web_user_free(rq.user);
	if (rq.has_session)
		session_free(&rq.session);
	form_free(&rq.query);
	form_free(&rq.body);
	web_uploads_free(&rq.files);
	thread_db_release(w, rs->status >= 500);
}

/*
 * How much body this request may send.  Only a multipart upload from
 * someone who presents a session cookie or a token gets the large limit:
 * a stranger cannot make the server hold megabytes before it has even
 * looked at who is asking (the session itself is checked after the body).
 */
static size_t body_limit(struct MHD_Connection *c)
{
	int credentials = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, WEB_COOKIE) ||
			  bearer_token(c);
	if (credentials && strncasecmp(content_type(c), "multipart/form-data", 19) == 0)
		return WEB_UPLOAD_LIMIT;
	return WEB_FORM_LIMIT;
}

/* A Content-Length over the limit is refused before any of the body is read. */
static int declared_too_large(struct MHD_Connection *c, size_t limit)
{
	const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	char *end = NULL;
	if (!cl)
		return 0;
	unsigned long long n = strtoull(cl, &end, 10);
	return end != cl && n > limit;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct web_server *s = cls;
	struct conn_ctx *ctx = *con_cls;
	(void)version;
	if (!ctx) {
		*con_cls = ctx = xcalloc(1, sizeof *ctx);
		ctx->limit = body_limit(c);
		ctx->too_large = declared_too_large(c, ctx->limit);
		if (!ctx->too_large)
			return MHD_YES;
	} else if (*upload_data_size) {
		if (ctx->body.len + *upload_data_size > ctx->limit)
			ctx->too_large = 1;
		else
			buf_append(&ctx->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		/* an oversized body is answered at once, not read to its end */
		if (!ctx->too_large)
			return MHD_YES;
	}
	struct web_resp rs = {0};
	rs.status = 200;
	handle(s, c, url, method, ctx, &rs);
	struct MHD_Response *r = response_build(&rs);
	enum MHD_Result ret = r ? MHD_queue_response(c, (unsigned)rs.status, r) : MHD_NO;
	if (r)
		MHD_destroy_response(r);
	web_resp_free(&rs);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct conn_ctx *ctx = *con_cls;
	(void)cls, (void)c, (void)toe;
	if (!ctx)
		return;
	buf_free(&ctx->body);
	free(ctx);
	*con_cls = NULL;
}

int web_server_start(const struct web_server_config *cfg, struct web_server **out,
		     struct err *e)
{
	struct sockaddr_in sa = {0};
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->addr, &sa.sin_addr) != 1)
		return err_set(e, ERR_INPUT, "待ち受けアドレス「%s」は IPv4 アドレスではありません",
			       cfg->addr);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned pool = cores > 0 ? (unsigned)cores : 1;
	struct web_server *s = xcalloc(1, sizeof *s);
	if (web_shared_init(&s->shared, e)) {
		free(s);
		return e->code;
	}
	if (pthread_key_create(&s->conn_key, worker_destroy) != 0) {
		web_shared_free(&s->shared);
		free(s);
		return err_set(e, ERR_INTERNAL, "スレッドごとの接続を用意できません");
	}
	s->db_target = xstrdup(cfg->db_target);
	s->daemon = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, 0, NULL, NULL, on_request, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, pool,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, NULL, MHD_OPTION_END);
	if (!s->daemon) {
		pthread_key_delete(s->conn_key);
		web_shared_free(&s->shared);
		free(s->db_target);
		free(s);
		return err_set(e, ERR_IO, "%s:%d で待ち受けられません（ポートが使用中かもしれません）",
			       cfg->addr, cfg->port);
	}
	*out = s;
	return 0;
}

void web_server_stop(struct web_server *s)
{
	if (!s)
		return;
	/* joins the workers, whose ends close their connections */
	MHD_stop_daemon(s->daemon);
	pthread_key_delete(s->conn_key);
	web_shared_free(&s->shared);
	free(s->db_target);
	free(s);
}

int web_parse_listen(const char *text, char *addr_buf, size_t n, int *port, struct err *e)
{
	const char *colon = strrchr(text, ':');
	const char *port_text = colon ? colon + 1 : text;
	size_t alen = colon ? (size_t)(colon - text) : 0;
	char *end = NULL;
	long p = strtol(port_text, &end, 10);
	if (!*port_text || *end || p < 1 || p > 65535)
		return err_set(e, ERR_INPUT, "--listen「%s」のポート番号が正しくありません（例: 127.0.0.1:8080）",
			       text);
	if (alen >= n)
		return err_set(e, ERR_INPUT, "--listen「%s」のアドレスが長すぎます", text);
	if (alen == 0)
		snprintf(addr_buf, n, "%s", "127.0.0.1");
	else
		snprintf(addr_buf, n, "%.*s", (int)alen, text);
	*port = (int)p;
	return 0;
}
