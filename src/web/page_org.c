/*
 * page_org.c — 組織・職員・役割: the organisation tree (部局 › 課室 › 係)
 * with each unit's 情報セキュリティ責任者/管理者 and its number of staff,
 * and the emergency contact tree (緊急連絡網, core/contacts.h).
 *
 * Both open to every signed-in person: knowing who to call is what an
 * emergency needs first.  Phone numbers and e-mail addresses on the contact
 * tree are personal data, so they are shown only to the roles that run an
 * incident and to the officers/managers of the person's own unit
 * (scope_contact_details_visible, docs/web.md).
 *
 * Each list is filterable (?q=), sortable (?sort=) and exports as CSV
 * (?format=csv, UTF-8 with a BOM; buf_csv_field guards formula cells).
 * The tree also answers /api/v1/org in JSON (rq->is_api).
 */
#include <stdlib.h>
#include <string.h>

#include "core/check.h"
#include "core/contacts.h"
#include "core/vocab.h"
#include "util/fold.h"
#include "web/api_json.h"
#include "web/layout.h"
#include "web/listui.h"
#include "web/pages.h"
#include "web/scope.h"
#include "web/url.h"

#define CSV_TYPE "text/csv; charset=utf-8"

/* Starts a CSV answer: the BOM tells Excel the bytes are UTF-8. */
static struct buf *csv_begin(struct web_resp *rs, const char *header)
{
	rs->status = 200;
	rs->content_type = CSV_TYPE;
	rs->no_store = 1;
	buf_puts(&rs->body, "\xEF\xBB\xBF");
	buf_puts(&rs->body, header);
	return &rs->body;
}

static int want_csv(const struct web_req *rq)
{
	const char *f = form_get(&rq->query, "format");
	return f && strcmp(f, "csv") == 0;
}

/* Whether the folded key of any of the texts contains the folded needle. */
static int matches(const char *needle, const char *const *texts, size_t n)
{
	if (!needle || !*needle)
		return 1;
	int hit = 0;
	for (size_t i = 0; i < n && !hit; i++) {
		char *k = fold_key(texts[i] ? texts[i] : "");
		hit = strstr(k, needle) != NULL;
		free(k);
	}
	return hit;
}

/* The folded ?q= (NULL when absent), which the caller frees. */
static char *query_key(const struct web_req *rq)
{
	const char *q = form_get(&rq->query, "q");
	return q && *q ? fold_key(q) : NULL;
}

/* What a column's link needs: the page, the filters it keeps, the sorts. */
struct org_sort_ctx {
	const char *base;
	const struct web_req *rq;
	const char *const *sorts;
};

static void org_sort_url(struct buf *u, const void *ctx, int col, int desc, long offset)
{
	const struct org_sort_ctx *c = ctx;
	(void)desc, (void)offset; /* one direction, one page */
	buf_puts(u, c->base);
	url_param(u, "q", form_get(&c->rq->query, "q"));
	url_param(u, "all", form_get(&c->rq->query, "all"));
	url_param(u, "sort", c->sorts[col]);
}

/* The sort links of a column header row; `sorts` and `labels` run in step,
 * and a NULL sort is a column that does not sort. */
static void sort_header(struct buf *b, const char *base, const struct web_req *rq,
			const char *const *sorts, const char *const *labels, size_t n,
			const char *current)
{
	struct org_sort_ctx c = {base, rq, sorts};
	struct listui_sort s = {org_sort_url, &c, -1, 0};
	int sortable[16];
	for (size_t i = 0; i < n && i < 16; i++) {
		sortable[i] = sorts[i] != NULL;
		if (sorts[i] && strcmp(sorts[i], current) == 0)
			s.current = (int)i;
	}
	listui_header(b, &s, labels, sortable, n < 16 ? n : 16);
}

/* The CSV link carrying the current filter and sort. */
static void csv_link(struct buf *b, const char *base, const struct web_req *rq, const char *sort)
{
	struct buf u = BUF_INIT;
	buf_puts(&u, base);
	url_param(&u, "q", form_get(&rq->query, "q"));
	url_param(&u, "all", form_get(&rq->query, "all"));
	url_param(&u, "sort", sort);
	url_param(&u, "format", "csv");
	html_printf(b, "<p class=\"export\"><a href=\"%s\">CSV で書き出す</a></p>\n", buf_str(&u));
	buf_free(&u);
}

/* ---- the organisation tree ---- */

struct org_view {
	const struct org_units *units;
	struct role_assignments roles; /* active */
	struct staff_list staff;       /* in office */
	size_t *count;                 /* staff per unit, by index in units */
	int *show;                     /* passes the filter (itself or a unit below) */
	const char *sort;              /* code, name or staff */
	int all;                       /* closed units too */
};

/* The names of the active holders of role for unit, joined with "、". */
static void holders(const struct org_view *v, const char *role, long long unit_id,
		    struct buf *out)
{
	for (size_t i = 0; i < v->roles.n; i++) {
		const struct role_assignment *r = &v->roles.v[i];
		if (r->unit_id != unit_id || strcmp(r->role, role) != 0)
			continue;
		const struct staff *s = staff_by_id(&v->staff, r->staff_id);
		if (!s)
			continue;
		if (out->len)
			buf_puts(out, "、");
		buf_puts(out, s->name);
	}
}

static size_t unit_index(const struct org_view *v, const struct org_unit *u)
{
	return (size_t)(u - v->units->v);
}

/* Marks a unit that matches the filter and every unit above it. */
static void mark_filter(struct org_view *v, const char *key)
{
	for (size_t i = 0; i < v->units->n; i++) {
		const struct org_unit *u = &v->units->v[i];
		const char *texts[] = {u->code, u->name};
		if (!(v->all || org_unit_is_open(u)) || !matches(key, texts, 2))
			continue;
		for (const struct org_unit *p = u; p; p = org_unit_by_id(v->units, p->parent_id)) {
			v->show[unit_index(v, p)] = 1;
			if (!p->parent_id)
				break;
		}
	}
}

static int org_before(const struct org_view *v, const struct org_unit *a,
		      const struct org_unit *b)
{
	if (strcmp(v->sort, "name") == 0) {
		int c = strcmp(a->name, b->name);
		if (c)
			return c < 0;
	} else if (strcmp(v->sort, "staff") == 0) {
		size_t ca = v->count[unit_index(v, a)], cb = v->count[unit_index(v, b)];
		if (ca != cb)
			return ca > cb;
	}
	return strcmp(a->code, b->code) < 0;
}

/* The children of parent that are shown, in the chosen order (caller frees). */
static const struct org_unit **children(const struct org_view *v, long long parent, size_t *n)
{
	const struct org_unit **out = xmalloc((v->units->n + 1) * sizeof *out);
	*n = 0;
	for (size_t i = 0; i < v->units->n; i++) {
		const struct org_unit *u = &v->units->v[i];
		if (u->parent_id != parent || !v->show[i])
			continue;
		size_t j = (*n)++;
		/* insertion sort: a municipality has tens of units per level */
		while (j > 0 && org_before(v, u, out[j - 1])) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = u;
	}
	return out;
}

/* Writes one unit's row to out (a struct buf or a json_writer). */
typedef void (*org_row_fn)(void *out, const struct org_view *v, const struct org_unit *u,
			   int depth);

static void org_row_html(void *out, const struct org_view *v, const struct org_unit *u, int depth)
{
	struct buf *b = out;
	struct buf officer = BUF_INIT, manager = BUF_INIT, indent = BUF_INIT;
	holders(v, "officer", u->id, &officer);
	holders(v, "manager", u->id, &manager);
	for (int d = 0; d < depth; d++)
		buf_puts(&indent, "　");
	html_printf(b, "<tr><td>%s%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
		       "<td class=\"num\">%zu</td><td>%s</td></tr>\n",
		    buf_str(&indent), depth ? "› " : "", u->name, u->code,
		    vocab_label(&vocab_unit_kind, u->kind), buf_str(&officer), buf_str(&manager),
		    v->count[unit_index(v, u)], u->closed_on ? u->closed_on : "");
	buf_free(&officer);
	buf_free(&manager);
	buf_free(&indent);
}

static void org_row_csv(void *out, const struct org_view *v, const struct org_unit *u, int depth)
{
	struct buf *b = out;
	(void)depth;
	struct buf officer = BUF_INIT, manager = BUF_INIT;
	const struct org_unit *p = org_unit_by_id(v->units, u->parent_id);
	char count[24];
	holders(v, "officer", u->id, &officer);
	holders(v, "manager", u->id, &manager);
	fmt_int((long long)v->count[unit_index(v, u)], count);
	buf_csv_field(b, u->code, 0);
	buf_csv_field(b, u->name, 0);
	buf_csv_field(b, vocab_label(&vocab_unit_kind, u->kind), 0);
	buf_csv_field(b, p ? p->code : "", 0);
	buf_csv_field(b, buf_str(&officer), 0);
	buf_csv_field(b, buf_str(&manager), 0);
	buf_csv_field(b, count, 0);
	buf_csv_field(b, u->closed_on, 1);
	buf_free(&officer);
	buf_free(&manager);
}

/* Staff numbers of the active holders of role for unit, as a JSON array. */
static void holders_json(struct json_writer *w, const struct org_view *v, const char *role,
			 long long unit_id)
{
	jw_key(w, role);
	jw_array_begin(w);
	for (size_t i = 0; i < v->roles.n; i++) {
		const struct role_assignment *r = &v->roles.v[i];
		const struct staff *s = staff_by_id(&v->staff, r->staff_id);
		if (r->unit_id == unit_id && strcmp(r->role, role) == 0 && s)
			jw_string(w, s->staff_no);
	}
	jw_array_end(w);
}

static void org_row_json(void *out, const struct org_view *v, const struct org_unit *u, int depth)
{
	struct json_writer *w = out;
	const struct org_unit *p = org_unit_by_id(v->units, u->parent_id);
	jw_object_begin(w);
	jw_kv_string(w, "closed_on", u->closed_on);
	jw_kv_string(w, "code", u->code);
	jw_kv_int(w, "depth", depth);
	jw_kv_string(w, "kind", u->kind);
	holders_json(w, v, "manager", u->id);
	jw_kv_string(w, "name", u->name);
	holders_json(w, v, "officer", u->id);
	jw_kv_string(w, "parent", p ? p->code : NULL);
	jw_kv_int(w, "staff_count", (long long)v->count[unit_index(v, u)]);
	jw_object_end(w);
}

/* Writes the subtree under parent depth-first, one row per unit. */
static void org_walk(void *out, const struct org_view *v, long long parent, int depth,
		     org_row_fn row)
{
	size_t n;
	const struct org_unit **kids = children(v, parent, &n);
	for (size_t i = 0; i < n; i++) {
		row(out, v, kids[i], depth);
		org_walk(out, v, kids[i]->id, depth + 1, row);
	}
	free(kids);
}

static int org_view_load(struct web_req *rq, struct org_view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	v->units = &rq->user->units;
	if (role_load(rq->db, 1, &v->roles, e))
		return e->code;
	if (staff_load(rq->db, "left_on IS NULL", &v->staff, e)) {
		role_assignments_free(&v->roles);
		return e->code;
	}
	v->count = xcalloc(v->units->n + 1, sizeof *v->count);
	v->show = xcalloc(v->units->n + 1, sizeof *v->show);
	for (size_t i = 0; i < v->staff.n; i++) {
		const struct org_unit *u = org_unit_by_id(v->units, v->staff.v[i].unit_id);
		if (u)
			v->count[unit_index(v, u)]++;
	}
	const char *all = form_get(&rq->query, "all");
	v->all = all && strcmp(all, "1") == 0;
	const char *sort = form_get(&rq->query, "sort");
	v->sort = sort && (strcmp(sort, "name") == 0 || strcmp(sort, "staff") == 0) ? sort : "code";
	char *key = query_key(rq);
	mark_filter(v, key);
	free(key);
	return 0;
}

static void org_view_free(struct org_view *v)
{
	role_assignments_free(&v->roles);
	staff_list_free(&v->staff);
	free(v->count);
	free(v->show);
}

static void org_filter_form(struct buf *b, const struct web_req *rq, const struct org_view *v)
{
	const char *q = form_get(&rq->query, "q");
	html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/org\">"
		       "<label for=\"f-q\">組織名・コード</label>"
		       "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\">"
		       "<input type=\"hidden\" name=\"sort\" value=\"%s\">",
		    q ? q : "", v->sort);
	buf_puts(b, v->all ? "<label><input type=\"checkbox\" name=\"all\" value=\"1\" checked>"
			     "廃止した組織も表示</label>"
			   : "<label><input type=\"checkbox\" name=\"all\" value=\"1\">"
			     "廃止した組織も表示</label>");
	buf_puts(b, "<button type=\"submit\">絞り込む</button></form>\n");
}

/* The tabs of the 組織・職員 pages; 職員 only for those the route lets in. */
static void org_sub_nav(struct buf *b, const struct web_req *rq, int contacts)
{
	buf_puts(b, "<nav class=\"tabs\" aria-label=\"組織のページ\"><ul>");
	buf_puts(b, contacts ? "<li><a href=\"/org\">組織図</a></li>"
			       "<li><a href=\"/org/contacts\" aria-current=\"page\">緊急連絡網</a></li>"
			     : "<li><a href=\"/org\" aria-current=\"page\">組織図</a></li>"
			       "<li><a href=\"/org/contacts\">緊急連絡網</a></li>");
	if (web_user_has_any(rq->user, web_roles_staff))
		buf_puts(b, "<li><a href=\"/staff\">職員</a></li>");
	buf_puts(b, "</ul></nav>\n");
}

void page_org(struct web_req *rq, struct web_resp *rs)
{
	static const char *const sorts[] = {"name", "code", NULL, NULL, NULL, "staff", NULL};
	static const char *const labels[] = {"組織", "コード", "種類", "情報セキュリティ責任者",
					     "情報セキュリティ管理者", "職員数", "廃止日"};
	struct org_view v;
	struct err e = {0};
	if (org_view_load(rq, &v, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (rq->is_api) {
		struct json_writer w;
		api_json_begin(rs, 200, &w);
		jw_key(&w, "units");
		jw_array_begin(&w);
		org_walk(&w, &v, 0, 0, org_row_json);
		jw_array_end(&w);
		api_json_end(rs, &w);
		org_view_free(&v);
		return;
	}
	if (want_csv(rq)) {
		struct buf *b = csv_begin(rs, "組織コード,組織名,種類,上位組織コード,"
					      "情報セキュリティ責任者,情報セキュリティ管理者,職員数,廃止日\r\n");
		org_walk(b, &v, 0, 0, org_row_csv);
		org_view_free(&v);
		return;
	}
	page_begin(rq, rs, "組織図");
	struct buf *b = &rs->body;
	buf_puts(b, "<h1>組織・職員・役割</h1>\n");
	org_sub_nav(b, rq, 0);
	org_filter_form(b, rq, &v);
	buf_puts(b, "<table class=\"list\">\n<caption>組織図（部局 › 課室 › 係）。職員数はその組織に"
		    "直接所属する在職者の数です。</caption>\n");
	sort_header(b, "/org", rq, sorts, labels, 7, v.sort);
	buf_puts(b, "<tbody>\n");
	org_walk(b, &v, 0, 0, org_row_html);
	buf_puts(b, "</tbody></table>\n");
	csv_link(b, "/org", rq, v.sort);
	layout_end(b);
	org_view_free(&v);
}

/* ---- the emergency contact tree ---- */

/*
 * Phone and e-mail of one contact: the incident roles see all of them;
 * officers and managers those of people in the units they are responsible
 * for; everyone else none (scope.h).
 */
static int details_visible(const struct web_user *u, const struct contact *ct)
{
	return ct->person && scope_contact_details_visible(u, ct->person->unit_id);
}

static const char *person_text(const struct contact *ct, int which)
{
	if (!ct->person)
		return which == 0 ? "（未任命）" : "";
	const char *v[] = {ct->person->name, ct->person->staff_no};
	return v[which] ? v[which] : "";
}

static int contact_shown(const struct contact *ct, const char *key, const char *role)
{
	if (role && *role && strcmp(role, ct->role) != 0)
		return 0;
	const char *texts[] = {vocab_label(&vocab_role, ct->role), ct->scope,
			       ct->person ? ct->person->name : "（未任命）",
			       ct->person ? ct->person->staff_no : ""};
	return matches(key, texts, 4);
}

static int contact_before(const struct contact_tree *t, const char *sort, size_t a, size_t b)
{
	const struct contact *x = &t->v[a], *y = &t->v[b];
	int c = 0;
	if (strcmp(sort, "name") == 0)
		c = strcmp(person_text(x, 0), person_text(y, 0));
	else if (strcmp(sort, "role") == 0)
		c = x->level - y->level;
	else if (strcmp(sort, "scope") == 0)
		c = strcmp(x->scope, y->scope);
	return c ? c < 0 : a < b;
}

/* The contacts that pass the filter, in the chosen order (caller frees);
 * "tree" keeps the order contacts_build gives, CISO first. */
static size_t *contact_order(const struct contact_tree *t, const struct web_req *rq,
			     const char *sort, size_t *n)
{
	size_t *out = xmalloc((t->n + 1) * sizeof *out);
	char *key = query_key(rq);
	const char *role = form_get(&rq->query, "role");
	*n = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (!contact_shown(&t->v[i], key, role))
			continue;
		size_t j = (*n)++;
		while (j > 0 && contact_before(t, sort, i, out[j - 1])) {
			out[j] = out[j - 1];
			j--;
		}
		out[j] = i;
	}
	free(key);
	return out;
}

static void contact_row_html(struct buf *b, const struct web_user *u,
			     const struct contact_tree *t, size_t i, int tree)
{
	const struct contact *ct = &t->v[i];
	const struct contact *up = ct->parent >= 0 ? &t->v[ct->parent] : NULL;
	int shown = details_visible(u, ct);
	struct buf indent = BUF_INIT;
	for (int d = 0; tree && d < ct->level; d++)
		buf_puts(&indent, "　");
	html_printf(b, ct->person ? "<tr>" : "<tr class=\"vacant\">");
	html_printf(b, "<td>%s%s</td><td>%s</td><td>%s</td><td>%s</td>", buf_str(&indent),
		    vocab_label(&vocab_role, ct->role), ct->scope, person_text(ct, 0),
		    person_text(ct, 1));
	if (shown)
		html_printf(b, "<td>%s</td><td>%s</td>",
			    ct->person->phone ? ct->person->phone : "",
			    ct->person->email ? ct->person->email : "");
	else
		buf_puts(b, ct->person ? "<td class=\"hidden\">非表示</td><td class=\"hidden\">非表示</td>"
				       : "<td></td><td></td>");
	html_printf(b, "<td>%s</td></tr>\n", up ? person_text(up, 0) : "");
	buf_free(&indent);
}

static void contact_row_csv(struct buf *b, const struct web_user *u,
			    const struct contact_tree *t, size_t i)
{
	const struct contact *ct = &t->v[i];
	const struct contact *up = ct->parent >= 0 ? &t->v[ct->parent] : NULL;
	int shown = details_visible(u, ct);
	char level[24];
	fmt_int(ct->level, level);
	buf_csv_field(b, level, 0);
	buf_csv_field(b, vocab_label(&vocab_role, ct->role), 0);
	buf_csv_field(b, ct->scope, 0);
	buf_csv_field(b, person_text(ct, 0), 0);
	buf_csv_field(b, person_text(ct, 1), 0);
	buf_csv_field(b, shown ? ct->person->phone : "", 0);
	buf_csv_field(b, shown ? ct->person->email : "", 0);
	buf_csv_field(b, up && up->person ? up->person->name : "", 1);
}

static void contacts_filter_form(struct buf *b, const struct web_req *rq, const char *sort)
{
	const char *q = form_get(&rq->query, "q");
	const char *role = form_get(&rq->query, "role");
	html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/org/contacts\">"
		       "<label for=\"f-q\">氏名・担当</label>"
		       "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\">"
		       "<label for=\"f-role\">役割</label><select id=\"f-role\" name=\"role\">"
		       "<option value=\"\">すべて</option>",
		    q ? q : "");
	for (int i = 0; i < vocab_role.n; i++) {
		const struct vocab_entry *en = &vocab_role.entries[i];
		int sel = role && strcmp(role, en->id) == 0;
		html_printf(b, sel ? "<option value=\"%s\" selected>%s</option>"
				   : "<option value=\"%s\">%s</option>",
			    en->id, en->label);
	}
	html_printf(b, "</select><input type=\"hidden\" name=\"sort\" value=\"%s\">"
		       "<button type=\"submit\">絞り込む</button></form>\n",
		    sort);
}

static const char *contact_sort(const struct web_req *rq)
{
	static const char *const ok[] = {"tree", "role", "name", "scope"};
	const char *s = form_get(&rq->query, "sort");
	for (size_t i = 0; s && i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(s, ok[i]) == 0)
			return ok[i];
	return "tree";
}

static void contacts_body(struct buf *b, const struct web_req *rq, const struct contact_tree *t,
			  const char *sort)
{
	static const char *const sorts[] = {"role", "scope", "name", NULL, NULL, NULL, NULL};
	static const char *const labels[] = {"役割", "担当", "氏名", "職員番号",
					     "電話", "メール", "報告先"};
	size_t n;
	size_t *order = contact_order(t, rq, sort, &n);
	buf_puts(b, "<table class=\"list\">\n<caption>緊急連絡網（CISO から情報システム担当者まで。"
		    "未任命の役職も表示します）</caption>\n");
	sort_header(b, "/org/contacts", rq, sorts, labels, 7, sort);
	buf_puts(b, "<tbody>\n");
	for (size_t i = 0; i < n; i++)
		contact_row_html(b, rq->user, t, order[i], strcmp(sort, "tree") == 0);
	buf_puts(b, "</tbody></table>\n");
	free(order);
}

void page_org_contacts(struct web_req *rq, struct web_resp *rs)
{
	struct check_ctx ctx;
	struct contact_tree t;
	struct err e = {0};
	if (check_ctx_load(rq->db, &ctx, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	contacts_build(&ctx, &t);
	const char *sort = contact_sort(rq);
	if (want_csv(rq)) {
		struct buf *b = csv_begin(rs, "階層,役割,担当,氏名,職員番号,連絡先,メール,報告先\r\n");
		size_t n;
		size_t *order = contact_order(&t, rq, sort, &n);
		for (size_t i = 0; i < n; i++)
			contact_row_csv(b, rq->user, &t, order[i]);
		free(order);
	} else {
		page_begin(rq, rs, "緊急連絡網");
		struct buf *b = &rs->body;
		buf_puts(b, "<h1>組織・職員・役割</h1>\n");
		org_sub_nav(b, rq, 1);
		contacts_filter_form(b, rq, sort);
		if (!scope_contact_details_all(rq->user))
			buf_puts(b, "<p class=\"note\">電話番号とメールアドレスは、あなたが責任者・管理者を"
				    "務める組織の職員の分だけ表示しています。</p>\n");
		contacts_body(b, rq, &t, sort);
		csv_link(b, "/org/contacts", rq, sort);
		layout_end(b);
	}
	contacts_free(&t);
	check_ctx_free(&ctx);
}
