/*
 * page_journal.c — 記録: the journal browser (newest first, paged by seq,
 * filtered by subject, kind and date, exportable as CSV) and the verify
 * button (POST, CSRF-checked by the router).
 *
 * Only the organisation-wide roles and the audit lead open it: the journal
 * holds every change to every record of the municipality.  Accounts and
 * sessions are not journaled, and entries about them are skipped all the
 * same, so a future change there cannot leak them onto this page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/journal.h"
#include "store/verify.h"
#include "util/timeutil.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/api_json.h"
#include "web/url.h"

#define JOURNAL_PAGE 50

const char *const web_roles_journal[] = {"ciso", "deputy_ciso", "chief_officer", "audit_lead",
					 NULL};

struct jquery {
	const char *subject; /* "asset" or "asset/12": that table or that record */
	const char *kind;
	const char *since;   /* YYYY-MM-DD as typed */
	char since_utc[32];  /* the instant that day starts in JST, "" when none */
	char like[160];      /* subject + "/%" with LIKE's metacharacters escaped */
	char table[64];      /* the table of "table/id", for batch entries */
	int has_table;
	int asc;             /* ?sort=old: oldest first */
	long long cursor;    /* ?before= (newest first) or ?after= (oldest first) */
	int csv;             /* every match as CSV, not a page */
	int json;            /* a page as JSON (/api/v1/journal) */
	int bad_since;
};

struct jentry {
	long long seq;
	const char *at, *actor, *kind, *subject, *body;
};

/* Tables whose rows must never be shown here (see the file comment). */
static int private_subject(const char *subject)
{
	static const char *const deny[] = {"account", "session", "login", "api_token", "recovery"};
	for (size_t i = 0; i < sizeof deny / sizeof deny[0]; i++)
		if (strncmp(subject, deny[i], strlen(deny[i])) == 0)
			return 1;
	return 0;
}

/* "asset/12" → table "asset" when asset is a journaled table. */
static void subject_table(struct jquery *q)
{
	const char *slash = q->subject ? strchr(q->subject, '/') : NULL;
	size_t n = slash ? (size_t)(slash - q->subject) : 0;
	if (!slash || n >= sizeof q->table || slash[1] < '1' || slash[1] > '9')
		return;
	memcpy(q->table, q->subject, n);
	q->table[n] = '\0';
	q->has_table = journal_is_batch_subject(q->table);
}

static void like_prefix(struct jquery *q)
{
	size_t j = 0;
	for (const char *p = q->subject; p && *p && j + 4 < sizeof q->like; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			q->like[j++] = '\\';
		q->like[j++] = *p;
	}
	q->like[j++] = '/';
	q->like[j++] = '%';
	q->like[j] = '\0';
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static void jquery_from(const struct web_req *rq, struct jquery *q)
{
	memset(q, 0, sizeof *q);
	q->subject = nonempty(form_get(&rq->query, "subject"));
	q->kind = nonempty(form_get(&rq->query, "kind"));
	q->since = nonempty(form_get(&rq->query, "since"));
	const char *sort = form_get(&rq->query, "sort");
	q->asc = sort && strcmp(sort, "old") == 0;
	const char *c = form_get(&rq->query, q->asc ? "after" : "before");
	q->cursor = c ? strtoll(c, NULL, 10) : 0;
	if (q->cursor < 0)
		q->cursor = 0;
	const char *f = form_get(&rq->query, "format");
	q->json = rq->is_api;
	q->csv = !q->json && f && strcmp(f, "csv") == 0;
	if (q->subject && strlen(q->subject) > 100)
		q->subject = NULL;
	if (q->subject) {
		like_prefix(q);
		subject_table(q);
	}
	if (q->since) { /* a date in JST → the instant it starts, in UTC (as the CLI) */
		char day[11], prev[11];
		struct err e = {0};
		if (date_parse(q->since, day, &e)) {
			q->bad_since = 1;
			return;
		}
		date_add_days(day, -1, prev);
		snprintf(q->since_utc, sizeof q->since_utc, "%sT15:00:00Z", prev);
	}
}

static const char sql_desc[] =
	"SELECT seq, at, actor, kind, subject, body FROM journal"
	" WHERE (CAST(? AS TEXT) IS NULL OR subject = ? OR subject LIKE ? ESCAPE '\\' OR subject = ?)"
	" AND (CAST(? AS TEXT) IS NULL OR kind = ?)"
	" AND (CAST(? AS TEXT) IS NULL OR at >= ?)"
	" AND (? = 0 OR seq < ?) ORDER BY seq DESC";
static const char sql_asc[] =
	"SELECT seq, at, actor, kind, subject, body FROM journal"
	" WHERE (CAST(? AS TEXT) IS NULL OR subject = ? OR subject LIKE ? ESCAPE '\\' OR subject = ?)"
	" AND (CAST(? AS TEXT) IS NULL OR kind = ?)"
	" AND (CAST(? AS TEXT) IS NULL OR at >= ?)"
	" AND (? = 0 OR seq > ?) ORDER BY seq ASC";

static int jquery_prepare(struct db *db, const struct jquery *q, struct db_stmt **st,
			  struct err *e)
{
	if (db_prepare(db, q->asc ? sql_asc : sql_desc, st, e))
		return e->code;
	const char *since = q->since_utc[0] ? q->since_utc : NULL;
	db_bind_text(*st, 1, q->subject);
	db_bind_text(*st, 2, q->subject);
	db_bind_text(*st, 3, q->subject ? q->like : NULL);
	/* batch entries name the bare table: asked for asset/12, look in "asset" */
	db_bind_text(*st, 4, q->has_table ? q->table : NULL);
	db_bind_text(*st, 5, q->kind);
	db_bind_text(*st, 6, q->kind);
	db_bind_text(*st, 7, since);
	db_bind_text(*st, 8, since);
	db_bind_int(*st, 9, q->cursor);
	db_bind_int(*st, 10, q->cursor);
	return 0;
}

/*
 * The text shown for an entry's body: a batch entry is summarised as the
 * CLI does, or, when one record of its table was asked for, replaced by
 * that record's row.  Returns 0 when the entry does not carry the record.
 */
static int entry_body(const struct jquery *q, const struct jentry *x, struct buf *out)
{
	struct journal_batch b;
	struct buf row = BUF_INIT;
	long long id, want = 0, n = 0, lo = 0, hi = 0;
	if (!journal_is_batch_subject(x->subject)) {
		buf_puts(out, x->body);
		return 1;
	}
	if (q->has_table && strcmp(x->subject, q->table) == 0)
		want = strtoll(strchr(q->subject, '/') + 1, NULL, 10);
	int found = 0;
	if (journal_batch_open(&b, x->body) == 0)
		while (journal_batch_next(&b, &row, &id) == 1) {
			lo = n == 0 || id < lo ? id : lo;
			hi = id > hi ? id : hi;
			n++;
			if (want && id == want) { /* the last one wins, as in replay */
				buf_reset(out);
				buf_append(out, row.data, row.len);
				found = 1;
			}
		}
	buf_free(&row);
	if (want)
		return found;
	buf_printf(out, "（一括記録 %lld 行: id %lld〜%lld）", n, lo, hi);
	return 1;
}

/* Breaks long lines (a canonical JSON body is one line) after a comma past
 * 60 columns, or anywhere past 100, never inside a UTF-8 sequence.  A
 * character of three or more bytes (kana, kanji, full-width forms) takes two
 * columns on screen, so it counts as two. */
static void wrap_text(struct buf *out, const char *s)
{
	size_t col = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int lead = (*p & 0xC0) != 0x80;
		if (lead && col >= 100) {
			buf_putc(out, '\n');
			col = 0;
		}
		buf_putc(out, (char)*p);
		if (*p == '\n') {
			col = 0;
			continue;
		}
		col += lead ? (*p >= 0xE0 ? 2 : 1) : 0;
		if (*p == ',' && col >= 60) {
			buf_putc(out, '\n');
			col = 0;
		}
	}
}

/* The list shows the start of a long body (a policy version's body is a
 * whole document); the entry's own subject link shows it in full. */
#define BODY_PREVIEW 1200

static void entry_row_html(struct buf *b, const struct jentry *x, const char *body, int full)
{
	struct buf href = BUF_INIT, wrapped = BUF_INIT;
	buf_puts(&href, "/journal");
	url_param(&href, "subject", x->subject);
	size_t len = strlen(body);
	if (!full && len > BODY_PREVIEW) {
		size_t cut = BODY_PREVIEW;
		while (cut > 0 && ((unsigned char)body[cut] & 0xC0) == 0x80)
			cut--;
		char *head = xstrndup(body, cut);
		wrap_text(&wrapped, head);
		free(head);
		buf_printf(&wrapped, "\n…（全 %zu バイト。対象のリンクから全文を表示します）", len);
	} else {
		wrap_text(&wrapped, body);
	}
	char seq[24];
	fmt_int(x->seq, seq);
	html_printf(b, "<tr><td class=\"num\">%s</td><td>%s</td><td>%s</td><td>%s</td>"
		       "<td><a href=\"%s\">%s</a></td><td><pre class=\"body\">%s</pre></td></tr>\n",
		    seq, x->at, x->actor, x->kind, buf_str(&href), x->subject, buf_str(&wrapped));
	buf_free(&href);
	buf_free(&wrapped);
}

static void entry_row_csv(struct buf *b, const struct jentry *x, const char *body)
{
	char seq[24];
	fmt_int(x->seq, seq);
	buf_csv_field(b, seq, 0);
	buf_csv_field(b, x->at, 0);
	buf_csv_field(b, x->actor, 0);
	buf_csv_field(b, x->kind, 0);
	buf_csv_field(b, x->subject, 0);
	buf_csv_field(b, body, 1);
}

/* One entry of the API's array; the body is the journal's text as is (a
 * canonical JSON document, or the summary of a batch entry). */
static void entry_row_json(struct buf *b, const struct jentry *x, const char *body, int first)
{
	struct json_writer w;
	if (!first)
		buf_putc(b, ',');
	jw_init(&w, b);
	jw_object_begin(&w);
	jw_kv_string(&w, "actor", x->actor);
	jw_kv_string(&w, "at", x->at);
	jw_kv_string(&w, "body", body);
	jw_kv_string(&w, "kind", x->kind);
	jw_kv_int(&w, "seq", x->seq);
	jw_kv_string(&w, "subject", x->subject);
	jw_object_end(&w);
}

/*
 * Writes the matching entries (a page of them, or all for CSV); returns the
 * number written, and *more/last tell the pager where the next page starts.
 */
static int journal_rows(struct db *db, const struct jquery *q, struct buf *b, long long *last,
			int *more, long long *count, struct err *e)
{
	struct db_stmt *st;
	struct buf body = BUF_INIT;
	enum db_step_result r;
	*count = 0;
	*more = 0;
	if (jquery_prepare(db, q, &st, e))
		return e->code;
	while ((r = db_step(st, e)) == DB_ROW) {
		struct jentry x = {db_column_int(st, 0), db_column_text(st, 1), db_column_text(st, 2),
				   db_column_text(st, 3), db_column_text(st, 4), db_column_text(st, 5)};
		buf_reset(&body);
		if (private_subject(x.subject) || !entry_body(q, &x, &body))
			continue;
		if (!q->csv && *count == JOURNAL_PAGE) {
			*more = 1;
			break;
		}
		if (q->csv)
			entry_row_csv(b, &x, buf_str(&body));
		else if (q->json)
			entry_row_json(b, &x, buf_str(&body), *count == 0);
		else
			entry_row_html(b, &x, buf_str(&body), q->subject && strchr(q->subject, '/'));
		*last = x.seq;
		(*count)++;
	}
	db_finalize(st);
	buf_free(&body);
	return r == DB_ERROR ? e->code : 0;
}

static void journal_url(struct buf *u, const struct jquery *q, int asc, long long cursor,
			int csv)
{
	char num[24];
	buf_puts(u, "/journal");
	url_param(u, "subject", q->subject);
	url_param(u, "kind", q->kind);
	url_param(u, "since", q->since);
	if (asc)
		url_param(u, "sort", "old");
	if (cursor) {
		fmt_int(cursor, num);
		url_param(u, asc ? "after" : "before", num);
	}
	if (csv)
		url_param(u, "format", "csv");
}

static void journal_form(struct buf *b, const struct jquery *q)
{
	html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/journal\">"
		       "<label for=\"f-subject\">対象（例: asset/12、staff）</label>"
		       "<input id=\"f-subject\" name=\"subject\" value=\"%s\">"
		       "<label for=\"f-kind\">種類</label><input id=\"f-kind\" name=\"kind\" value=\"%s\">"
		       "<label for=\"f-since\">この日以降</label>"
		       "<input id=\"f-since\" name=\"since\" type=\"date\" value=\"%s\">",
		    q->subject ? q->subject : "", q->kind ? q->kind : "", q->since ? q->since : "");
	buf_puts(b, q->asc ? "<label for=\"f-sort\">並び順</label><select id=\"f-sort\" name=\"sort\">"
			     "<option value=\"new\">新しい順</option>"
			     "<option value=\"old\" selected>古い順</option></select>"
			   : "<label for=\"f-sort\">並び順</label><select id=\"f-sort\" name=\"sort\">"
			     "<option value=\"new\" selected>新しい順</option>"
			     "<option value=\"old\">古い順</option></select>");
	buf_puts(b, "<button type=\"submit\">絞り込む</button></form>\n");
}

static void verify_form(struct buf *b, const struct web_req *rq)
{
	buf_puts(b, "<form method=\"post\" action=\"/journal/verify\">");
	layout_csrf_field(b, rq);
	buf_puts(b, "<button type=\"submit\">記録を検証する（改ざんの確認）</button></form>\n");
}

static void journal_header(struct buf *b, const struct jquery *q)
{
	struct buf u = BUF_INIT;
	journal_url(&u, q, !q->asc, 0, 0);
	html_printf(b, "<thead><tr><th scope=\"col\" aria-sort=\"%s\"><a href=\"%s\">番号%s</a></th>"
		       "<th scope=\"col\">日時</th><th scope=\"col\">操作者</th>"
		       "<th scope=\"col\">種類</th><th scope=\"col\">対象</th>"
		       "<th scope=\"col\">内容</th></tr></thead>\n",
		    q->asc ? "ascending" : "descending", buf_str(&u), q->asc ? " ▲" : " ▼");
	buf_free(&u);
}

static void journal_pager(struct buf *b, const struct jquery *q, long long last, int more)
{
	struct buf u = BUF_INIT;
	buf_puts(b, "<nav class=\"pager\" aria-label=\"ページ送り\">");
	if (q->cursor) {
		journal_url(&u, q, q->asc, 0, 0);
		html_printf(b, "<a href=\"%s\">最初へ</a>", buf_str(&u));
	}
	if (more) {
		buf_reset(&u);
		journal_url(&u, q, q->asc, last, 0);
		html_printf(b, "<a href=\"%s\" rel=\"next\">次へ</a>", buf_str(&u));
	}
	buf_reset(&u);
	journal_url(&u, q, q->asc, q->cursor, 1);
	html_printf(b, "</nav>\n<p class=\"export\"><a href=\"%s\">CSV で書き出す</a></p>\n",
		    buf_str(&u));
	buf_free(&u);
}

static void journal_csv(struct web_req *rq, struct web_resp *rs, const struct jquery *q)
{
	struct err e = {0};
	long long last = 0, count;
	int more;
	struct buf out = BUF_INIT;
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	buf_puts(&out, "\xEF\xBB\xBF番号,日時,操作者,種類,対象,内容\r\n");
	if (journal_rows(rq->db, q, &out, &last, &more, &count, &e)) {
		buf_free(&out);
		web_internal_error(rq, rs, &e);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	buf_append(&rs->body, out.data, out.len);
	buf_free(&out);
}

/* /api/v1/journal: a page of 50 entries, and the cursor of the next page. */
static void journal_json(struct web_req *rq, struct web_resp *rs, const struct jquery *q)
{
	struct err e = {0};
	long long last = 0, count;
	int more;
	struct buf rows = BUF_INIT;
	struct json_writer w;
	if (q->bad_since) {
		web_error(rq, rs, 400, "bad_parameter", "since は 2026-04-01 の形で指定してください");
		return;
	}
	buf_putc(&rows, '['); /* the rows are written as the array's elements */
	if (journal_rows(rq->db, q, &rows, &last, &more, &count, &e)) {
		buf_free(&rows);
		web_internal_error(rq, rs, &e);
		return;
	}
	buf_putc(&rows, ']');
	api_json_begin(rs, 200, &w);
	jw_key(&w, "entries");
	jw_raw_n(&w, rows.data, rows.len);
	jw_key(&w, "next");
	if (more) { /* the parameter that fetches the next page */
		jw_object_begin(&w);
		jw_kv_int(&w, q->asc ? "after" : "before", last);
		jw_object_end(&w);
	} else {
		jw_raw(&w, "null");
	}
	api_json_end(rs, &w);
	buf_free(&rows);
}

void page_journal(struct web_req *rq, struct web_resp *rs)
{
	struct jquery q;
	struct err e = {0};
	long long last = 0, count;
	int more;
	jquery_from(rq, &q);
	if (q.json) {
		journal_json(rq, rs, &q);
		return;
	}
	if (q.csv && !q.bad_since) {
		journal_csv(rq, rs, &q);
		return;
	}
	struct buf rows = BUF_INIT;
	if (!q.bad_since && journal_rows(rq->db, &q, &rows, &last, &more, &count, &e)) {
		buf_free(&rows);
		web_internal_error(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, "記録");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>記録</h1>\n<p>すべての変更は改ざん検知のできる記録（ジャーナル）に残ります。"
		    "アカウントとセッションは記録に含まれません。</p>\n");
	verify_form(b, rq);
	journal_form(b, &q);
	if (q.bad_since) {
		buf_puts(b, "<p class=\"error\" role=\"alert\">日付は 2026-04-01 の形で入力してください。</p>\n");
	} else if (count == 0) {
		buf_puts(b, "<p>該当する記録はありません。</p>\n");
	} else {
		buf_puts(b, "<table class=\"list\">\n<caption>記録の一覧</caption>\n");
		journal_header(b, &q);
		buf_puts(b, "<tbody>\n");
		buf_append(b, rows.data, rows.len);
		buf_puts(b, "</tbody></table>\n");
		journal_pager(b, &q, last, more);
	}
	layout_end(b);
	buf_free(&rows);
}

static void verify_result(struct buf *b, const struct verify_report *r)
{
	if (r->nproblems == 0) {
		html_printf(b, "<p class=\"ok\" role=\"status\">改ざんはありません。"
			       "記録 %lld 件、行 %lld 件、チェックポイント %lld 件を確認しました。</p>\n",
			    r->entries, r->rows, r->checkpoints);
		return;
	}
	html_printf(b, "<p class=\"error\" role=\"alert\">改ざんまたは不整合が見つかりました（%d 件）。</p>\n",
		    r->nproblems);
	if (r->first_bad_seq) {
		char seq[24];
		fmt_int(r->first_bad_seq, seq);
		html_printf(b, "<p>最初に問題のある記録: 番号 %s</p>\n", seq);
	}
	struct buf wrapped = BUF_INIT;
	wrap_text(&wrapped, buf_str(&r->problems));
	html_printf(b, "<pre class=\"body\">%s</pre>\n", buf_str(&wrapped));
	buf_free(&wrapped);
}

static void verify_json(struct web_resp *rs, const struct verify_report *r)
{
	struct json_writer w;
	api_json_begin(rs, 200, &w);
	jw_kv_int(&w, "checkpoints", r->checkpoints);
	jw_kv_int(&w, "entries", r->entries);
	if (r->first_bad_seq)
		jw_kv_int(&w, "first_bad_seq", r->first_bad_seq);
	jw_key(&w, "ok");
	jw_raw(&w, r->nproblems == 0 ? "true" : "false");
	jw_kv_string(&w, "problems", buf_str(&r->problems));
	jw_kv_int(&w, "rows", r->rows);
	api_json_end(rs, &w);
}

void page_journal_verify(struct web_req *rq, struct web_resp *rs)
{
	struct verify_report r;
	struct err e = {0};
	memset(&r, 0, sizeof r);
	if (verify_run(rq->db, &r, &e)) {
		verify_report_free(&r);
		web_internal_error(rq, rs, &e);
		return;
	}
	if (rq->is_api) {
		verify_json(rs, &r);
		verify_report_free(&r);
		return;
	}
	page_begin(rq, rs, "記録の検証");
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/journal\">記録</a></p>\n<h1>記録の検証</h1>\n");
	verify_result(b, &r);
	verify_form(b, rq);
	layout_end(b);
	verify_report_free(&r);
}
