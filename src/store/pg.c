/*
 * pg.c — the PostgreSQL backend of db.h, on libpq.
 *
 * Statements are prepared on the server under a name unique within the
 * connection.  Parameters travel as text and the server infers their types
 * from the SQL around them; where nothing tells (`? IS NULL`) preparing fails
 * with SQLSTATE 42P18, so portable SQL writes `CAST(? AS TEXT) IS NULL`,
 * which SQLite reads the same way.
 *
 * Each execution's whole result is buffered in one PGresult (not libpq's
 * single-row mode): that leaves the connection free while a caller walks the
 * rows, so code written for SQLite may run other statements per row.
 */
#include "store/db_internal.h"

#include "util/buf.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pg_type.oid of boolean, fixed in the system catalogs. */
#define PG_BOOLOID 16

struct pg_db {
	struct db base;
	PGconn *conn;
	unsigned long long stmt_seq; /* names prepared statements uniquely */
	struct buf pending;          /* DEALLOCATEs waiting for the transaction to end */
};

struct pg_stmt {
	struct db_stmt base;
	char name[32];   /* server-side prepared statement name */
	int nparams;
	char **params;   /* nparams text values; NULL is SQL NULL */
	int executed;    /* run since prepare/reset (res is NULL if it failed) */
	PGresult *res;   /* the buffered result of this execution */
	PGresult *desc;  /* column description, for columns asked before a step */
	int row;         /* current row in res; -1 before the first */
};

static struct pg_db *pg_of(struct db *db)
{
	return (struct pg_db *)db;
}

static struct pg_stmt *stmt_of(struct db_stmt *st)
{
	return (struct pg_stmt *)st;
}

static PGconn *conn_of(struct pg_stmt *st)
{
	return pg_of(st->base.db)->conn;
}

/* ---- messages ---- */

/* libpq messages end in "\n" and may continue on "\t"-indented lines (hints
 * like "Is the server running locally…"); errors here are one line. */
static char *one_line(const char *s)
{
	struct buf b = BUF_INIT;
	for (; *s; s++) {
		if (*s != '\n' && *s != '\r') {
			buf_putc(&b, *s);
			continue;
		}
		while (s[1] && strchr("\r\n\t ", s[1]))
			s++;
		if (s[1])
			buf_putc(&b, ' ');
	}
	while (b.len && strchr("\t ", b.data[b.len - 1]))
		b.data[--b.len] = '\0';
	return buf_take(&b);
}

/* Unique and foreign-key violations come from what the user asked for (a
 * duplicate name, a dangling reference), not from a broken database. */
static int code_for(const char *sqlstate)
{
	if (sqlstate && (!strcmp(sqlstate, "23505") || !strcmp(sqlstate, "23503")))
		return ERR_INPUT;
	return ERR_IO;
}

/*
 * Fills e from a failed result (res may be NULL when libpq could not even
 * build one): the server's message, its detail and SQLSTATE, after `what`.
 * With map_input the SQLSTATE decides the code; otherwise it is ERR_IO.
 */
static int result_error(struct err *e, PGconn *conn, const PGresult *res,
			const char *what, int map_input)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	char *msg, *det = one_line(detail ? detail : ""), sqlstate[32] = "";
	int code = map_input ? code_for(state) : ERR_IO;

	if (primary)
		msg = one_line(primary);
	else if (res && *PQresultErrorMessage(res))
		msg = one_line(PQresultErrorMessage(res));
	else if (res && PQresultStatus(res) != PGRES_FATAL_ERROR)
		msg = xasprintf("想定外の応答 %s", PQresStatus(PQresultStatus(res)));
	else
		msg = one_line(PQerrorMessage(conn));
	if (state)
		snprintf(sqlstate, sizeof sqlstate, " (SQLSTATE %s)", state);
	err_set(e, code, "%s: %s%s%s%s", what, msg, *det ? " — " : "", det, sqlstate);
	free(msg);
	free(det);
	return code;
}

/* A COPY started through exec would leave the connection in copy mode, where
 * every later command fails; end it and drain what is left. */
static void abandon_copy(PGconn *conn, ExecStatusType status)
{
	PGresult *r;
	char *row;

	if (status == PGRES_COPY_IN || status == PGRES_COPY_BOTH)
		PQputCopyEnd(conn, "mamori は COPY に対応していません");
	if (status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH)
		while (PQgetCopyData(conn, &row, 0) > 0)
			PQfreemem(row);
	while ((r = PQgetResult(conn)))
		PQclear(r);
}

/* 0 when res is a success; otherwise fills e (see result_error). */
static int check_result(struct err *e, PGconn *conn, PGresult *res, const char *what,
			int map_input)
{
	ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;

	switch (status) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY: /* only comments: SQLite accepts that too */
		return 0;
	case PGRES_COPY_IN:
	case PGRES_COPY_OUT:
	case PGRES_COPY_BOTH:
		abandon_copy(conn, status);
		return err_set(e, ERR_IO, "%s: COPY FROM STDIN / TO STDOUT には対応していません", what);
	default:
		break;
	}
	return result_error(e, conn, res, what, map_input);
}

/* Runs one parameterless command and discards its result. */
static int run(struct pg_db *p, const char *sql, const char *what, struct err *e)
{
	PGresult *r = PQexec(p->conn, sql);
	int rc = check_result(e, p->conn, r, what, 1);
	PQclear(r);
	return rc;
}

/* ---- passwords kept out of db_target() and messages ---- */

struct span {
	const char *p;
	size_t len;
};

/* What follows "postgresql://" or "postgres://", or NULL for a keyword/value
 * connection string. */
static const char *uri_rest(const char *url)
{
	static const char *const schemes[] = {"postgresql://", "postgres://"};
	for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++) {
		size_t n = strlen(schemes[i]);
		if (!strncmp(url, schemes[i], n))
			return url + n;
	}
	return NULL;
}

/*
 * Finds, in order, the passwords written in a URI: "user:PW@host" and the
 * query parameter "password=PW".  The user info ends at the first '@' or '/',
 * the rule libpq itself applies.  Returns how many (at most max).
 */
static int uri_passwords(const char *url, struct span *out, int max)
{
	const char *p = uri_rest(url), *q, *at;
	int n = 0;

	if (!p)
		return 0;
	at = p + strcspn(p, "@/");
	if (*at == '@') {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		if (colon && n < max)
			out[n++] = (struct span){colon + 1, (size_t)(at - colon - 1)};
		p = at + 1;
	}
	for (q = strchr(p, '?'); q && n < max; q = strchr(q, '&')) {
		size_t len = strcspn(++q, "&");
		if (!strncmp(q, "password=", 9))
			out[n++] = (struct span){q + 9, len - 9};
	}
	return n;
}

/* Rebuilds a keyword/value string from libpq's parse with the password
 * masked (db_open only passes URIs, so this is for completeness). */
static char *mask_keywords(const char *conninfo)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
	struct buf b = BUF_INIT;

	if (!opts)
		return xstrdup("(PostgreSQL の接続文字列)");
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val)
			continue;
		buf_printf(&b, "%s%s=%s", b.len ? " " : "", o->keyword,
			   strcmp(o->keyword, "password") ? o->val : "***");
	}
	PQconninfoFree(opts);
	return buf_take(&b);
}

/* The connection string for messages: "postgres://user:***@host/db". */
static char *mask_target(const char *url)
{
	struct span pw[8];
	int n = uri_passwords(url, pw, 8);
	struct buf b = BUF_INIT;
	const char *p = url;

	if (!uri_rest(url))
		return mask_keywords(url);
	for (int i = 0; i < n; i++) {
		buf_append(&b, p, (size_t)(pw[i].p - p));
		buf_puts(&b, "***");
		p = pw[i].p + pw[i].len;
	}
	buf_puts(&b, p);
	return buf_take(&b);
}

/* Replaces every occurrence of secret in msg (freed) by "***". */
static char *scrub(char *msg, const char *secret, size_t len)
{
	struct buf b = BUF_INIT;
	const char *p = msg;
	char *needle, *hit;

	if (!len)
		return msg;
	needle = xstrndup(secret, len);
	while ((hit = strstr(p, needle))) {
		buf_append(&b, p, (size_t)(hit - p));
		buf_puts(&b, "***");
		p = hit + len;
	}
	buf_puts(&b, p);
	free(needle);
	free(msg);
	return buf_take(&b);
}

/*
 * libpq's connection errors can quote the connection string — a bad
 * percent-escape is echoed token and all — so both the password as written
 * and as decoded are removed from the message.
 */
static char *scrub_passwords(char *msg, const char *url)
{
	struct span pw[8];
	int n = uri_passwords(url, pw, 8);
	PQconninfoOption *opts = PQconninfoParse(url, NULL);

	for (int i = 0; i < n; i++)
		msg = scrub(msg, pw[i].p, pw[i].len);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val)
			msg = scrub(msg, o->val, strlen(o->val));
	PQconninfoFree(opts);
	return msg;
}

/* ---- placeholders ---- */

static int is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Length of a dollar-quote delimiter ("$$", "$tag$") at s, or 0.  A '$'
 * inside a word or before a digit ($1) is not one. */
static size_t dollar_tag(const char *sql, const char *s)
{
	size_t n = 1;
	if (s > sql && is_ident_char(s[-1]))
		return 0;
	if (s[1] >= '0' && s[1] <= '9')
		return 0;
	while (s[n] && s[n] != '$' && is_ident_char(s[n]))
		n++;
	return s[n] == '$' ? n + 1 : 0;
}

/* Length of the quoted text, comment or dollar-quoted string starting at s
 * (through its end), or 0 when s starts none.  '?' inside them is text. */
static size_t skip_literal(const char *sql, const char *s)
{
	const char *p = s + 1;
	size_t tag;

	if (*s == '\'') {
		/* E'…' strings escape with backslashes; standard ones only by ''. */
		int esc = s > sql && (s[-1] == 'E' || s[-1] == 'e') &&
			  !(s - 1 > sql && is_ident_char(s[-2]));
		while (*p && *p != '\'')
			p += (esc && *p == '\\' && p[1]) ? 2 : 1;
	} else if (*s == '"') {
		p = s + 1 + strcspn(s + 1, "\""); /* "" inside restarts at once */
	} else if (s[0] == '-' && s[1] == '-') {
		return strcspn(s, "\n");
	} else if (s[0] == '/' && s[1] == '*') {
		int depth = 1; /* PostgreSQL block comments nest */
		for (p = s + 2; *p && depth; p++) {
			if (p[0] == '/' && p[1] == '*') {
				depth++;
				p++;
			} else if (p[0] == '*' && p[1] == '/') {
				depth--;
				p++;
			}
		}
		return (size_t)(p - s);
	} else if (*s == '$' && (tag = dollar_tag(sql, s))) {
		char *delim = xstrndup(s, tag);
		const char *end = strstr(s + tag, delim);
		free(delim);
		return end ? (size_t)(end - s) + tag : strlen(s);
	} else {
		return 0;
	}
	return (size_t)(p - s) + (*p ? 1 : 0);
}

/* Rewrites `?` to $1, $2, … outside literals, identifiers and comments. */
static char *rewrite_placeholders(const char *sql, int *nparams)
{
	struct buf b = BUF_INIT;
	const char *s = sql;
	int n = 0;

	while (*s) {
		size_t skip = skip_literal(sql, s);
		if (skip) {
			buf_append(&b, s, skip);
			s += skip;
		} else if (*s == '?') {
			buf_printf(&b, "$%d", ++n);
			s++;
		} else {
			buf_putc(&b, *s++);
		}
	}
	*nparams = n;
	return buf_take(&b);
}

/* ---- connection ---- */

static int tx_open(struct pg_db *p)
{
	PGTransactionStatusType t = PQtransactionStatus(p->conn);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

/* DEALLOCATE is refused inside an aborted transaction, so finalize queues
 * it here and the queue is sent once that transaction is over.  Failure is
 * ignored: a leftover prepared statement only costs server memory until the
 * connection closes. */
static void flush_pending(struct pg_db *p)
{
	if (!p->pending.len || PQtransactionStatus(p->conn) == PQTRANS_INERROR)
		return;
	PQclear(PQexec(p->conn, buf_str(&p->pending)));
	buf_reset(&p->pending);
}

static void pg_close(struct db *db)
{
	struct pg_db *p = pg_of(db);
	PQfinish(p->conn);
	buf_free(&p->pending);
	free(db->target);
	free(p);
}

static int pg_exec(struct db *db, const char *sql, struct err *e)
{
	PGconn *conn = pg_of(db)->conn;
	PGresult *r = PQexec(conn, sql);
	int rc = check_result(e, conn, r, "SQL を実行できません", 0);
	PQclear(r);
	return rc;
}

/* ---- statements ---- */

static int pg_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	struct pg_db *p = pg_of(db);
	struct pg_stmt *st = xcalloc(1, sizeof *st);
	int n, rc;
	char *text = rewrite_placeholders(sql, &n);
	PGresult *r;

	*out = NULL;
	snprintf(st->name, sizeof st->name, "mamori_%llu", ++p->stmt_seq);
	r = PQprepare(p->conn, st->name, text, 0, NULL);
	free(text);
	rc = check_result(e, p->conn, r, "SQL を準備できません", 1);
	PQclear(r);
	if (rc) {
		free(st);
		return rc;
	}
	st->base.db = db;
	st->nparams = n;
	st->params = xcalloc((size_t)n, sizeof *st->params);
	st->row = -1;
	*out = &st->base;
	return 0;
}

/* Takes ownership of val.  Like SQLite, binding is refused between the first
 * step and a reset. */
static int set_param(struct pg_stmt *st, int idx, char *val)
{
	if (idx < 1 || idx > st->nparams || st->executed) {
		free(val);
		return ERR_INTERNAL;
	}
	free(st->params[idx - 1]);
	st->params[idx - 1] = val;
	return 0;
}

static int pg_bind_int(struct db_stmt *st, int idx, long long v)
{
	return set_param(stmt_of(st), idx, xasprintf("%lld", v));
}

static int pg_bind_text(struct db_stmt *st, int idx, const char *s)
{
	return set_param(stmt_of(st), idx, s ? xstrdup(s) : NULL);
}

static int pg_bind_null(struct db_stmt *st, int idx)
{
	return set_param(stmt_of(st), idx, NULL);
}

static int execute(struct pg_stmt *st, struct err *e)
{
	PGconn *conn = conn_of(st);
	PGresult *r = PQexecPrepared(conn, st->name, st->nparams,
				     (const char *const *)st->params, NULL, NULL, 0);
	int rc = check_result(e, conn, r, "SQL を実行できません", 1);

	st->executed = 1;
	if (rc) {
		PQclear(r);
		return rc;
	}
	st->res = r;
	st->row = -1;
	return 0;
}

/* After DB_DONE further steps return DB_DONE again; unlike SQLite the
 * statement is not re-run without a reset, so a write never repeats by
 * accident. */
static enum db_step_result pg_step(struct db_stmt *base, struct err *e)
{
	struct pg_stmt *st = stmt_of(base);

	if (!st->executed) {
		if (execute(st, e))
			return DB_ERROR;
	} else if (!st->res) {
		err_set(e, ERR_INTERNAL, "SQL を実行できません: 失敗した文は db_reset してから実行してください");
		return DB_ERROR;
	}
	if (st->row < PQntuples(st->res))
		st->row++;
	return st->row < PQntuples(st->res) ? DB_ROW : DB_DONE;
}

/* The result that describes the columns: the execution's, or before the
 * first step the prepared statement's description (as SQLite can answer
 * right after prepare). */
static const PGresult *shape(struct pg_stmt *st)
{
	if (st->res)
		return st->res;
	if (!st->desc) {
		st->desc = PQdescribePrepared(conn_of(st), st->name);
		if (PQresultStatus(st->desc) != PGRES_COMMAND_OK) {
			PQclear(st->desc);
			st->desc = NULL;
		}
	}
	return st->desc;
}

static int pg_column_count(struct db_stmt *base)
{
	const PGresult *r = shape(stmt_of(base));
	return r ? PQnfields(r) : 0;
}

static const char *pg_column_name(struct db_stmt *base, int idx)
{
	const PGresult *r = shape(stmt_of(base));
	return r && idx >= 0 && idx < PQnfields(r) ? PQfname(r, idx) : NULL;
}

/* 1 when the current row has column idx. */
static int has_value(struct pg_stmt *st, int idx)
{
	return st->res && st->row >= 0 && st->row < PQntuples(st->res) && idx >= 0 &&
	       idx < PQnfields(st->res);
}

static int pg_column_is_null(struct db_stmt *base, int idx)
{
	struct pg_stmt *st = stmt_of(base);
	return !has_value(st, idx) || PQgetisnull(st->res, st->row, idx);
}

/* Booleans read as "1"/"0", as SQLite stores them, so a comparison or
 * EXISTS in a select list reads the same on both backends. */
static const char *pg_column_text(struct db_stmt *base, int idx)
{
	struct pg_stmt *st = stmt_of(base);
	const char *v;

	if (pg_column_is_null(base, idx))
		return NULL;
	v = PQgetvalue(st->res, st->row, idx);
	if (PQftype(st->res, idx) == PG_BOOLOID)
		return *v == 't' ? "1" : "0";
	return v;
}

static long long pg_column_int(struct db_stmt *base, int idx)
{
	const char *v = pg_column_text(base, idx);
	return v ? strtoll(v, NULL, 10) : 0;
}

static void clear_params(struct pg_stmt *st)
{
	for (int i = 0; i < st->nparams; i++) {
		free(st->params[i]);
		st->params[i] = NULL;
	}
}

static void pg_reset(struct db_stmt *base)
{
	struct pg_stmt *st = stmt_of(base);
	PQclear(st->res);
	st->res = NULL;
	st->executed = 0;
	st->row = -1;
	clear_params(st);
}

static void pg_finalize(struct db_stmt *base)
{
	struct pg_stmt *st = stmt_of(base);
	struct pg_db *p;

	if (!st)
		return;
	p = pg_of(st->base.db);
	pg_reset(base);
	PQclear(st->desc);
	free(st->params);
	buf_printf(&p->pending, "DEALLOCATE %s;", st->name);
	flush_pending(p);
	free(st);
}

/* ---- transactions ---- */

/*
 * Writers serialise on the journal so its sequence numbers never race: SHARE
 * ROW EXCLUSIVE conflicts with itself and with writes, not with reads.  The
 * table is looked up on every begin rather than remembered, because the
 * migration that creates it may run on this same connection.
 */
static int lock_journal(struct pg_db *p, struct err *e)
{
	PGresult *r = PQexec(p->conn, "SELECT to_regclass('journal') IS NOT NULL");
	int rc = check_result(e, p->conn, r, "トランザクションを開始できません", 1);
	int exists = !rc && PQntuples(r) == 1 && !strcmp(PQgetvalue(r, 0, 0), "t");

	PQclear(r);
	if (rc || !exists)
		return rc;
	return run(p, "LOCK TABLE journal IN SHARE ROW EXCLUSIVE MODE",
		   "journal 表をロックできません", e);
}

static void pg_rollback(struct db *db)
{
	struct pg_db *p = pg_of(db);
	/* Sent only when a transaction is open: otherwise the server warns. */
	if (tx_open(p))
		PQclear(PQexec(p->conn, "ROLLBACK"));
	db->in_tx = 0;
	flush_pending(p);
}

/*
 * READ COMMITTED takes a new snapshot per statement, so statements after the
 * lock see what the writer before us committed; REPEATABLE READ would keep
 * the snapshot of the first query, taken before the lock was granted.
 */
static int pg_begin(struct db *db, struct err *e)
{
	struct pg_db *p = pg_of(db);
	int rc;

	if (tx_open(p))
		return err_set(e, ERR_INTERNAL,
			       "トランザクションを開始できません: 既にトランザクション中です");
	rc = run(p, "BEGIN ISOLATION LEVEL READ COMMITTED", "トランザクションを開始できません", e);
	if (!rc)
		rc = lock_journal(p, e);
	if (rc) {
		pg_rollback(db);
		return rc;
	}
	db->in_tx = 1;
	return 0;
}

/* COMMIT of a transaction that already failed "succeeds" with the command
 * tag ROLLBACK; that must not pass for a commit. */
static int pg_commit(struct db *db, struct err *e)
{
	struct pg_db *p = pg_of(db);
	PGresult *r;
	int rc;

	if (!tx_open(p))
		return err_set(e, ERR_INTERNAL, "コミットできません: トランザクション中ではありません");
	r = PQexec(p->conn, "COMMIT");
	rc = check_result(e, p->conn, r, "コミットできません", 1);
	if (!rc && strcmp(PQcmdStatus(r), "COMMIT"))
		rc = err_set(e, ERR_IO, "コミットできません: トランザクション中にエラーがあったため取り消されました (ROLLBACK)");
	PQclear(r);
	/* Either way the transaction is over, committed or rolled back. */
	db->in_tx = 0;
	flush_pending(p);
	return rc;
}

static int pg_table_exists(struct db *db, const char *table, int *exists, struct err *e)
{
	PGconn *conn = pg_of(db)->conn;
	PGresult *r = PQexecParams(conn,
				   "SELECT 1 FROM information_schema.tables"
				   " WHERE table_schema = current_schema() AND table_name = $1",
				   1, NULL, &table, NULL, NULL, 0);
	int rc = check_result(e, conn, r, "表の存在を確認できません", 0);

	*exists = !rc && PQntuples(r) > 0;
	PQclear(r);
	return rc;
}

static const struct db_ops pg_ops = {
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_text_ref = pg_bind_text, /* libpq copies parameters anyway */
	.bind_null = pg_bind_null,
	.step = pg_step,
	.column_count = pg_column_count,
	.column_name = pg_column_name,
	.column_is_null = pg_column_is_null,
	.column_text = pg_column_text,
	.column_int = pg_column_int,
	.reset = pg_reset,
	.finalize = pg_finalize,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.table_exists = pg_table_exists,
	.id_type = "BIGINT PRIMARY KEY",
	.int64_type = "BIGINT",
};

/* Session settings every connection needs: UTF-8 text both ways, and no
 * NOTICE chatter ("table does not exist, skipping") on stderr. */
static int setup_session(PGconn *conn, struct err *e)
{
	PGresult *r;
	int rc;

	if (PQsetClientEncoding(conn, "UTF8") != 0) {
		char *msg = one_line(PQerrorMessage(conn));
		rc = err_set(e, ERR_IO, "PostgreSQL の文字コードを UTF8 にできません: %s", msg);
		free(msg);
		return rc;
	}
	r = PQexec(conn, "SET client_min_messages = warning");
	rc = check_result(e, conn, r, "PostgreSQL のセッションを設定できません", 0);
	PQclear(r);
	return rc;
}

int db_pg_open(const char *url, struct db **out, struct err *e)
{
	PGconn *conn;
	struct pg_db *p;
	int rc;

	*out = NULL;
	if (!url)
		return err_set(e, ERR_INTERNAL, "PostgreSQL に接続できません: 接続先がありません");
	conn = PQconnectdb(url);
	if (!conn)
		return err_set(e, ERR_IO, "PostgreSQL に接続できません: メモリが不足しています");
	if (PQstatus(conn) != CONNECTION_OK) {
		char *msg = scrub_passwords(one_line(PQerrorMessage(conn)), url);
		rc = err_set(e, ERR_IO, "PostgreSQL に接続できません: %s", msg);
		free(msg);
		PQfinish(conn);
		return rc;
	}
	if ((rc = setup_session(conn, e))) {
		PQfinish(conn);
		return rc;
	}
	p = xcalloc(1, sizeof *p);
	p->conn = conn;
	p->base.ops = &pg_ops;
	p->base.kind = DB_PG;
	p->base.target = mask_target(url);
	p->base.file_path = NULL;
	*out = &p->base;
	return 0;
}
