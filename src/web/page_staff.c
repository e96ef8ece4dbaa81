/*
 * page_staff.c — 職員: search (NFKC-folded, 50 a page, CSV export) and one
 * person's page with the history of their roles.
 *
 * Only organisation-wide roles and officers/managers open these pages (the
 * route's roles); each sees the people within their scope (scope.h), and a
 * person outside it answers 404 exactly like one who does not exist.
 * The same handlers answer /api/v1/staff in JSON (rq->is_api).
 */
#include <stdlib.h>
#include <string.h>

#include "core/infosys.h"
#include "core/vocab.h"
#include "util/fold.h"
#include "web/api_json.h"
#include "web/layout.h"
#include "web/listui.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"
#include "web/url.h"

#define STAFF_PAGE 50

const char *const web_roles_staff[] = {"ciso",       "deputy_ciso", "chief_officer",
				       "audit_lead", "officer",     "manager",
				       NULL};

struct staff_query {
	char *key;        /* folded ?q=, NULL when absent */
	const char *q;    /* as typed, for the form */
	const char *unit; /* unit code, NULL when absent */
	const char *sort; /* no, name, kana or unit */
	int retired;      /* include people who have left */
	long offset;
	const struct org_unit *unit_row;
};

struct staff_ctx {
	struct staff_list staff;
	struct role_assignments roles; /* active */
	struct info_systems systems;
	const struct org_units *units;
};

static int staff_ctx_load(struct web_req *rq, struct staff_ctx *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->units = &rq->user->units;
	if (staff_load(rq->db, "", &c->staff, e))
		return e->code;
	if (role_load(rq->db, 1, &c->roles, e) || infosys_load(rq->db, &c->systems, e)) {
		staff_list_free(&c->staff);
		role_assignments_free(&c->roles);
		return e->code;
	}
	return 0;
}

static void staff_ctx_free(struct staff_ctx *c)
{
	staff_list_free(&c->staff);
	role_assignments_free(&c->roles);
	infosys_free(&c->systems);
}

/* "情報セキュリティ管理者（総務課）" for one assignment. */
static void role_text(struct buf *b, const struct staff_ctx *c, const struct role_assignment *r)
{
	const struct org_unit *u = r->unit_id ? org_unit_by_id(c->units, r->unit_id) : NULL;
	const struct info_system *s = r->system_id ? infosys_by_id(&c->systems, r->system_id) : NULL;
	buf_puts(b, vocab_label(&vocab_role, r->role));
	if (u || s)
		buf_printf(b, "（%s）", u ? u->name : s->name);
}

/* The person's active roles joined with "、". */
static void roles_of(struct buf *b, const struct staff_ctx *c, long long staff_id)
{
	for (size_t i = 0; i < c->roles.n; i++) {
		if (c->roles.v[i].staff_id != staff_id)
			continue;
		if (b->len)
			buf_puts(b, "、");
		role_text(b, c, &c->roles.v[i]);
	}
}

static void staff_query_from(const struct web_req *rq, struct staff_query *q)
{
	static const char *const sorts[] = {"no", "name", "kana", "unit"};
	memset(q, 0, sizeof *q);
	q->q = form_get(&rq->query, "q");
	q->key = q->q && *q->q ? fold_key(q->q) : NULL;
	q->unit = form_get(&rq->query, "unit");
	if (q->unit && *q->unit)
		q->unit_row = org_unit_by_code(&rq->user->units, q->unit);
	const char *r = form_get(&rq->query, "retired");
	q->retired = r && strcmp(r, "1") == 0;
	q->sort = "no";
	const char *s = form_get(&rq->query, "sort");
	for (size_t i = 0; s && i < sizeof sorts / sizeof sorts[0]; i++)
		if (strcmp(s, sorts[i]) == 0)
			q->sort = sorts[i];
	const char *o = form_get(&rq->query, "offset");
	char *end;
	long off = o ? strtol(o, &end, 10) : 0;
	q->offset = o && *end == '\0' && off > 0 ? off : 0;
}

static int folded_contains(const char *text, const char *key)
{
	char *k = fold_key(text ? text : "");
	int hit = strstr(k, key) != NULL;
	free(k);
	return hit;
}

static int staff_matches(const struct web_user *u, const struct staff_query *q,
			 const struct staff *s)
{
	if (!scope_staff_visible(u, s->unit_id))
		return 0;
	if (s->left_on && !q->retired)
		return 0;
	if (q->unit && *q->unit &&
	    (!q->unit_row || !org_unit_within(&u->units, s->unit_id, q->unit_row->id)))
		return 0;
	return !q->key || folded_contains(s->staff_no, q->key) || folded_contains(s->name, q->key) ||
	       folded_contains(s->kana, q->key);
}

static int unit_cmp(const struct staff_ctx *c, const struct staff *a, const struct staff *b)
{
	const struct org_unit *x = org_unit_by_id(c->units, a->unit_id);
	const struct org_unit *y = org_unit_by_id(c->units, b->unit_id);
	return strcmp(x ? x->code : "", y ? y->code : "");
}

/* Whether a goes before b; ties fall back to 職員番号 so pages are stable. */
static int staff_before(const struct staff_ctx *c, const char *sort, const struct staff *a,
			const struct staff *b)
{
	int r = 0;
	if (strcmp(sort, "name") == 0)
		r = strcmp(a->name, b->name);
	else if (strcmp(sort, "kana") == 0)
		r = strcmp(a->kana ? a->kana : "", b->kana ? b->kana : "");
	else if (strcmp(sort, "unit") == 0)
		r = unit_cmp(c, a, b);
	return r ? r < 0 : strcmp(a->staff_no, b->staff_no) < 0;
}

/* The matching people in order (caller frees the array, not the rows). */
static const struct staff **staff_select(const struct web_user *u, const struct staff_ctx *c,
					 const struct staff_query *q, size_t *n)
{
	const struct staff **out = xmalloc((c->staff.n + 1) * sizeof *out);
	*n = 0;
	for (size_t i = 0; i < c->staff.n; i++) {
		const struct staff *s = &c->staff.v[i];
		if (!staff_matches(u, q, s))
			continue;
		size_t j = (*n)++;
		/* insertion sort is fine for a municipality's few thousand staff */
		while (j > 0 && staff_before(c, q->sort, s, out[j - 1])) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = s;
	}
	return out;
}

static void list_url(struct buf *b, const struct staff_query *q, const char *sort, long offset,
		     int csv)
{
	char num[24];
	buf_puts(b, "/staff");
	url_param(b, "q", q->q);
	url_param(b, "unit", q->unit);
	if (q->retired)
		url_param(b, "retired", "1");
	url_param(b, "sort", sort);
	if (offset) {
		fmt_int(offset, num);
		url_param(b, "offset", num);
	}
	if (csv)
		url_param(b, "format", "csv");
}

static void staff_csv(struct web_resp *rs, const struct staff_ctx *c, const struct staff **v,
		      size_t n)
{
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	struct buf *b = &rs->body;
	/* the BOM tells Excel the bytes are UTF-8; buf_csv_field guards formulas */
	buf_puts(b, "\xEF\xBB\xBF職員番号,氏名,カナ,所属,役割,離任日\r\n");
	struct buf roles = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		char *path = org_unit_path(c->units, v[i]->unit_id);
		buf_reset(&roles);
		roles_of(&roles, c, v[i]->id);
		buf_csv_field(b, v[i]->staff_no, 0);
		buf_csv_field(b, v[i]->name, 0);
		buf_csv_field(b, v[i]->kana, 0);
		buf_csv_field(b, path, 0);
		buf_csv_field(b, buf_str(&roles), 0);
		buf_csv_field(b, v[i]->left_on, 1);
		free(path);
	}
	buf_free(&roles);
}

static void staff_filter_form(struct buf *b, const struct web_user *u, const struct staff_query *q)
{
	html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/staff\">"
		       "<label for=\"f-q\">職員番号・氏名・カナ</label>"
		       "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\">"
		       "<label for=\"f-unit\">所属</label><select id=\"f-unit\" name=\"unit\">"
		       "<option value=\"\">すべて</option>",
		    q->q ? q->q : "");
	for (size_t i = 0; i < u->units.n; i++) {
		const struct org_unit *x = &u->units.v[i];
		if (!org_unit_is_open(x) || !scope_staff_visible(u, x->id))
			continue;
		int sel = q->unit && strcmp(q->unit, x->code) == 0;
		html_printf(b, sel ? "<option value=\"%s\" selected>%s</option>"
				   : "<option value=\"%s\">%s</option>",
			    x->code, x->name);
	}
	buf_puts(b, q->retired ? "</select><label><input type=\"checkbox\" name=\"retired\""
				 " value=\"1\" checked>離任した職員も表示</label>"
			       : "</select><label><input type=\"checkbox\" name=\"retired\""
				 " value=\"1\">離任した職員も表示</label>");
	html_printf(b, "<input type=\"hidden\" name=\"sort\" value=\"%s\">"
		       "<button type=\"submit\">検索</button></form>\n",
		    q->sort);
}

static const char *const staff_sorts[] = {"no", "name", "unit", NULL};

static void sort_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	(void)desc; /* one direction: 職員番号, 氏名 and 所属 read best ascending */
	list_url(u, ctx, staff_sorts[col], offset, 0);
}

static struct listui_sort sorting(const struct staff_query *q)
{
	struct listui_sort s = {sort_url, q, -1, 0};
	for (int i = 0; staff_sorts[i]; i++)
		if (strcmp(q->sort, staff_sorts[i]) == 0)
			s.current = i;
	return s;
}

static void staff_header(struct buf *b, const struct staff_query *q)
{
	static const char *const labels[] = {"職員番号", "氏名", "所属", "役割"};
	static const int sortable[] = {1, 1, 1, 0};
	struct listui_sort s = sorting(q);
	listui_header(b, &s, labels, sortable, 4);
}

static void staff_row(struct buf *b, const struct staff_ctx *c, const struct staff *s)
{
	struct buf href = BUF_INIT, roles = BUF_INIT;
	char *path = org_unit_path(c->units, s->unit_id);
	buf_puts(&href, "/staff/");
	url_encode(&href, s->staff_no);
	roles_of(&roles, c, s->id);
	html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    buf_str(&href), s->staff_no, s->name, path ? path : "", buf_str(&roles));
	free(path);
	buf_free(&href);
	buf_free(&roles);
}

static void staff_pager(struct buf *b, const struct staff_query *q, size_t total, size_t shown)
{
	struct buf u = BUF_INIT;
	struct listui_sort s = sorting(q);
	listui_pager(b, &s, total, shown, q->offset, STAFF_PAGE);
	list_url(&u, q, q->sort, 0, 1);
	html_printf(b, "<p class=\"export\"><a href=\"%s\">CSV で書き出す</a></p>\n", buf_str(&u));
	buf_free(&u);
}

static void staff_list_html(struct web_req *rq, struct web_resp *rs, const struct staff_ctx *c,
			    const struct staff_query *q, const struct staff **v, size_t n)
{
	page_begin(rq, rs, "職員");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>職員</h1>\n");
	if (!scope_sees_all_assets(rq->user))
		buf_puts(b, "<p class=\"note\">あなたが責任者・管理者を務める組織の職員だけを表示しています。</p>\n");
	staff_filter_form(b, rq->user, q);
	size_t from = (size_t)q->offset < n ? (size_t)q->offset : n;
	size_t shown = n - from < STAFF_PAGE ? n - from : STAFF_PAGE;
	buf_puts(b, "<table class=\"list\">\n<caption>職員の一覧</caption>\n");
	staff_header(b, q);
	buf_puts(b, "<tbody>\n");
	for (size_t i = from; i < from + shown; i++)
		staff_row(b, c, v[i]);
	buf_puts(b, "</tbody></table>\n");
	staff_pager(b, q, n, shown);
	layout_end(b);
}

/* One person as the API gives them; contact details follow the contact
 * tree's rule, as on the page. */
static void staff_json(struct json_writer *w, const struct web_user *u, const struct staff_ctx *c,
		       const struct staff *s)
{
	const struct org_unit *unit = org_unit_by_id(c->units, s->unit_id);
	int contact = scope_contact_details_visible(u, s->unit_id);
	jw_object_begin(w);
	if (contact)
		jw_kv_string(w, "email", s->email);
	jw_kv_string(w, "employment", s->employment);
	jw_kv_string(w, "kana", s->kana);
	jw_kv_string(w, "left_on", s->left_on);
	jw_kv_string(w, "name", s->name);
	if (contact)
		jw_kv_string(w, "phone", s->phone);
	jw_key(w, "roles");
	jw_array_begin(w);
	for (size_t i = 0; i < c->roles.n; i++) {
		const struct role_assignment *r = &c->roles.v[i];
		if (r->staff_id != s->id)
			continue;
		const struct org_unit *ru = r->unit_id ? org_unit_by_id(c->units, r->unit_id) : NULL;
		const struct info_system *rs = r->system_id ? infosys_by_id(&c->systems, r->system_id)
							    : NULL;
		jw_object_begin(w);
		jw_kv_string(w, "role", r->role);
		jw_kv_string(w, "started_on", r->started_on);
		jw_kv_string(w, "system", rs ? rs->code : NULL);
		jw_kv_string(w, "unit", ru ? ru->code : NULL);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_kv_string(w, "staff_no", s->staff_no);
	jw_kv_string(w, "started_on", s->started_on);
	jw_kv_string(w, "unit", unit ? unit->code : NULL);
	jw_object_end(w);
}

static void staff_list_json(struct web_req *rq, struct web_resp *rs, const struct staff_ctx *c,
			    const struct staff **v, size_t n)
{
	struct json_writer w;
	long limit, offset;
	if (api_paging(rq, rs, STAFF_PAGE, 1000, &limit, &offset))
		return;
	size_t from = (size_t)offset < n ? (size_t)offset : n;
	size_t shown = n - from < (size_t)limit ? n - from : (size_t)limit;
	api_json_begin(rs, 200, &w);
	jw_kv_int(&w, "limit", limit);
	jw_kv_int(&w, "offset", offset);
	jw_key(&w, "staff");
	jw_array_begin(&w);
	for (size_t i = from; i < from + shown; i++)
		staff_json(&w, rq->user, c, v[i]);
	jw_array_end(&w);
	jw_kv_int(&w, "total", (long long)n);
	api_json_end(rs, &w);
}

void page_staff_list(struct web_req *rq, struct web_resp *rs)
{
	struct staff_ctx c;
	struct staff_query q;
	struct err e = {0};
	if (staff_ctx_load(rq, &c, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	staff_query_from(rq, &q);
	size_t n;
	const struct staff **v = staff_select(rq->user, &c, &q, &n);
	const char *format = form_get(&rq->query, "format");
	if (rq->is_api)
		staff_list_json(rq, rs, &c, v, n);
	else if (format && strcmp(format, "csv") == 0)
		staff_csv(rs, &c, v, n);
	else
		staff_list_html(rq, rs, &c, &q, v, n);
	free(v);
	free(q.key);
	staff_ctx_free(&c);
}

static void fact(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", term, value && *value ? value : "—");
}

/* Phone and e-mail follow the contact tree's rule (scope.h), so a person's
 * page never shows more than the 緊急連絡網 would. */
static void staff_facts(struct buf *b, const struct web_user *u, const struct staff_ctx *c,
			const struct staff *s)
{
	int contact = scope_contact_details_visible(u, s->unit_id);
	char *path = org_unit_path(c->units, s->unit_id);
	buf_puts(b, "<dl class=\"facts\">\n");
	fact(b, "職員番号", s->staff_no);
	fact(b, "氏名", s->name);
	fact(b, "カナ", s->kana);
	fact(b, "所属", path);
	fact(b, "現所属の開始日", s->unit_since);
	fact(b, "任用形態", s->employment ? vocab_label(&vocab_employment, s->employment) : NULL);
	fact(b, "電話", contact ? s->phone : "非表示");
	fact(b, "メール", contact ? s->email : "非表示");
	fact(b, "着任日", s->started_on);
	fact(b, "離任日", s->left_on);
	buf_puts(b, "</dl>\n");
	free(path);
}

/* Every assignment the person ever held, oldest first (role_load's order). */
static void role_history(struct buf *b, const struct staff_ctx *c,
			 const struct role_assignments *all, long long staff_id)
{
	struct buf t = BUF_INIT;
	buf_puts(b, "<h2>役割の履歴</h2>\n<table class=\"list\">\n<caption>割り当てられた役割"
		    "（終了したものを含む）</caption>\n<thead><tr><th scope=\"col\">役割</th>"
		    "<th scope=\"col\">開始日</th><th scope=\"col\">終了日</th>"
		    "<th scope=\"col\">備考</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < all->n; i++) {
		const struct role_assignment *r = &all->v[i];
		if (r->staff_id != staff_id)
			continue;
		buf_reset(&t);
		role_text(&t, c, r);
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", buf_str(&t),
			    r->started_on ? r->started_on : "", r->ended_on ? r->ended_on : "現在",
			    r->note ? r->note : "");
	}
	buf_puts(b, "</tbody></table>\n");
	buf_free(&t);
}

void page_staff_show(struct web_req *rq, struct web_resp *rs)
{
	struct staff s = {0};
	struct staff_ctx c;
	struct role_assignments all = {0};
	struct err e = {0};
	int found = 0;
	if (staff_find(rq->db, rq->id, &s, &found, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (!found || !scope_staff_visible(rq->user, s.unit_id)) {
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
		goto done;
	}
	if (staff_ctx_load(rq, &c, &e)) {
		web_internal_error(rq, rs, &e);
		goto done;
	}
	if (role_load(rq->db, 0, &all, &e)) {
		staff_ctx_free(&c);
		web_internal_error(rq, rs, &e);
		goto done;
	}
	if (rq->is_api) {
		struct json_writer w;
		api_json_begin(rs, 200, &w);
		jw_key(&w, "staff");
		staff_json(&w, rq->user, &c, &s);
		api_json_end(rs, &w);
		goto loaded;
	}
	page_begin(rq, rs, s.name);
	html_printf(&rs->body, "<p class=\"crumbs\"><a href=\"/staff\">職員</a></p>\n"
			       "<h1>%s <small>%s</small></h1>\n",
		    s.name, s.staff_no);
	staff_facts(&rs->body, rq->user, &c, &s);
	role_history(&rs->body, &c, &all, s.id);
	layout_end(&rs->body);
loaded:
	role_assignments_free(&all);
	staff_ctx_free(&c);
done:
	if (found)
		staff_free(&s);
}
