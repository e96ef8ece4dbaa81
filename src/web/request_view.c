/*
 * request_view.c — permission requests for the pages and the API
 * (request_view.h).  The engine (core/request.c) decides what a request
 * may become; this file only decides who sees which, and in what order.
 */
#include "web/request_view.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "util/fold.h"
#include "util/timeutil.h"
#include "web/scope.h"

const char *const request_sort_names[RSORT_N] = {"no",    "type",  "requester", "unit",
						 "target", "state", "filed",     "due"};

static void read_target(struct db_stmt *st, void *elem)
{
	struct request_target_row *t = elem;
	t->id = db_column_int(st, 0);
	t->code = col_dup(st, 1);
	t->name = col_dup(st, 2);
}

static void targets_free(struct request_targets *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].code);
		free(t->v[i].name);
	}
	free(t->v);
	memset(t, 0, sizeof *t);
}

int request_view_load(struct db *db, struct request_view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	time_today(v->today);
	/* the register may be large; only the assets requests name are read */
	if (request_load(db, &v->requests, e) || request_decisions_load(db, &v->decisions, e) ||
	    staff_load(db, "", &v->staff, e) || infosys_load(db, &v->systems, e) ||
	    rows_load(db, "SELECT id, asset_no, name FROM asset WHERE id IN"
			  " (SELECT asset_id FROM request) ORDER BY id",
		      sizeof *v->assets.v, read_target, (void **)&v->assets.v, &v->assets.n, e)) {
		request_view_free(v);
		return e->code ? e->code : ERR_INTERNAL;
	}
	return 0;
}

void request_view_free(struct request_view *v)
{
	request_list_free(&v->requests);
	decision_list_free(&v->decisions);
	staff_list_free(&v->staff);
	infosys_free(&v->systems);
	targets_free(&v->assets);
}

int request_sees_all(const struct web_user *u)
{
	return scope_sees_all_assets(u);
}

int request_visible(const struct web_user *u, const struct request *r)
{
	if (!u)
		return 0;
	if (request_sees_all(u) || r->requester_id == u->staff.id)
		return 1;
	const struct request_type *t = request_type_find(r->type);
	if (!t)
		return 0;
	/* u->roles holds only u's own assignments, which is all request_role_held needs */
	for (int i = 0; i < REQUEST_MAX_APPROVERS && t->approvers[i]; i++)
		if (request_role_held(&u->roles, &u->units, r, u->staff.id, t->approvers[i]))
			return 1;
	return t->due_field && request_role_held(&u->roles, &u->units, r, u->staff.id, "manager");
}

int request_waits_for(const struct web_user *u, const struct request_view *v,
		      const struct request *r)
{
	const char *role = request_next_role(r, &v->decisions);
	return role && request_role_held(&u->roles, &u->units, r, u->staff.id, role);
}

const char *request_view_state(const struct request_view *v, const struct request *r)
{
	return request_is_overdue(r, v->today) ? "返却期限超過" : request_state_label(r, v->today);
}

const char *request_view_type_label(const struct request *r)
{
	const struct request_type *t = request_type_find(r->type);
	return t ? t->label : r->type;
}

const struct staff *request_view_staff(const struct request_view *v, long long id)
{
	return id ? staff_by_id(&v->staff, id) : NULL;
}

static const struct request_target_row *asset_of(const struct request_view *v, long long id)
{
	return id ? rows_by_id(v->assets.v, v->assets.n, sizeof *v->assets.v,
			       offsetof(struct request_target_row, id), id)
		  : NULL;
}

void request_view_target(struct buf *b, const struct request_view *v, const struct request *r)
{
	const struct request_target_row *a = asset_of(v, r->asset_id);
	const struct info_system *s = r->system_id ? infosys_by_id(&v->systems, r->system_id) : NULL;
	if (a)
		buf_printf(b, "%s %s", a->code, a->name ? a->name : "");
	else if (s)
		buf_printf(b, "%s %s", s->code, s->name ? s->name : "");
}

const char *request_view_target_code(const struct request_view *v, const struct request *r)
{
	const struct request_target_row *a = asset_of(v, r->asset_id);
	const struct info_system *s = r->system_id ? infosys_by_id(&v->systems, r->system_id) : NULL;
	return a ? a->code : s ? s->code : NULL;
}

const char *request_view_deadline(const struct request *r)
{
	return r->due_on ? r->due_on : r->valid_until;
}

const char *request_view_field_label(const struct request_type *t, const char *key)
{
	static const struct {
		const char *key, *label;
	} disposal[] = {{"disposal_method", "廃棄の方法"},
			{"disposed_at", "廃棄日"},
			{"disposed_by", "廃棄の担当者"}};
	const struct request_field *f = t ? request_type_field(t, key) : NULL;
	if (f)
		return f->label;
	for (size_t i = 0; i < sizeof disposal / sizeof disposal[0]; i++)
		if (strcmp(disposal[i].key, key) == 0)
			return disposal[i].label;
	return key;
}

/* ---- the list ---- */

static long number_param(const struct form *f, const char *name, long dflt, long max)
{
	const char *s = form_get(f, name);
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : dflt;
	if (!s || !*s || *end || v < 0)
		return dflt;
	return max && v > max ? max : v;
}

static int is_one(const struct form *f, const char *name)
{
	const char *s = form_get(f, name);
	return s && strcmp(s, "1") == 0;
}

void request_query_from_form(const struct form *f, enum request_tab dflt, struct request_query *q)
{
	const char *tab = form_get(f, "tab");
	const char *sort = form_get(f, "sort");
	const char *dir = form_get(f, "dir");
	memset(q, 0, sizeof *q);
	q->tab = dflt;
	if ((tab && strcmp(tab, "waiting") == 0) || is_one(f, "waiting"))
		q->tab = TAB_WAITING;
	else if ((tab && strcmp(tab, "mine") == 0) || is_one(f, "mine"))
		q->tab = TAB_MINE;
	else if (tab && strcmp(tab, "all") == 0)
		q->tab = TAB_ALL;
	q->type = form_get(f, "type");
	q->state = form_get(f, "state");
	q->q = form_get(f, "q");
	if (q->type && !*q->type)
		q->type = NULL;
	if (q->state && !*q->state)
		q->state = NULL;
	if (q->q && !*q->q)
		q->q = NULL;
	q->sort = RSORT_NO;
	q->desc = 1; /* newest first unless asked otherwise */
	for (int i = 0; sort && i < RSORT_N; i++)
		if (strcmp(sort, request_sort_names[i]) == 0) {
			q->sort = (enum request_sort)i;
			q->desc = 0;
		}
	if (dir)
		q->desc = strcmp(dir, "desc") == 0;
	q->limit = number_param(f, "limit", REQUEST_PAGE_DEFAULT, REQUEST_PAGE_MAX);
	if (q->limit == 0)
		q->limit = REQUEST_PAGE_DEFAULT;
	q->offset = number_param(f, "offset", 0, 0);
}

static int state_matches(const struct request_view *v, const struct request *r, const char *state)
{
	if (strcmp(state, "expired") == 0)
		return request_is_lapsed(r, v->today);
	if (strcmp(state, "overdue") == 0)
		return request_is_overdue(r, v->today);
	if (strcmp(state, "approved") == 0 && request_is_lapsed(r, v->today))
		return 0;
	return strcmp(r->state, state) == 0;
}

static int folded_contains(const char *text, const char *key)
{
	char *k = fold_key(text ? text : "");
	int hit = strstr(k, key) != NULL;
	free(k);
	return hit;
}

static int text_matches(const struct request_view *v, const struct request *r, const char *key)
{
	const struct staff *who = request_view_staff(v, r->requester_id);
	struct buf target = BUF_INIT;
	request_view_target(&target, v, r);
	int hit = folded_contains(r->request_no, key) || folded_contains(request_view_type_label(r), key) ||
		  (who && (folded_contains(who->name, key) || folded_contains(who->staff_no, key))) ||
		  folded_contains(buf_str(&target), key) || folded_contains(r->fields, key);
	buf_free(&target);
	return hit;
}

static int request_matches(const struct web_user *u, const struct request_view *v,
			   const struct request_query *q, const char *key, const struct request *r)
{
	if (!request_visible(u, r))
		return 0;
	if (q->tab == TAB_MINE && r->requester_id != u->staff.id)
		return 0;
	if (q->tab == TAB_WAITING && !request_waits_for(u, v, r))
		return 0;
	if (q->type) {
		const struct request_type *t = request_type_find(q->type);
		if (!t || strcmp(t->id, r->type) != 0)
			return 0;
	}
	if (q->state && !state_matches(v, r, q->state))
		return 0;
	return !key || text_matches(v, r, key);
}

struct sort_ctx {
	const struct request_view *v;
	const struct web_user *u;
	enum request_sort sort;
	int desc;
};

static int cmp_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static const char *unit_code(const struct sort_ctx *c, const struct request *r)
{
	const struct org_unit *x = org_unit_by_id(&c->u->units, r->unit_id);
	return x ? x->code : "";
}

static int compare(const struct sort_ctx *c, const struct request *a, const struct request *b)
{
	const struct staff *x, *y;
	int r = 0;
	switch (c->sort) {
	case RSORT_NO: break;
	case RSORT_TYPE: r = strcmp(a->type, b->type); break;
	case RSORT_REQUESTER:
		x = request_view_staff(c->v, a->requester_id);
		y = request_view_staff(c->v, b->requester_id);
		r = cmp_text(x ? x->staff_no : NULL, y ? y->staff_no : NULL);
		break;
	case RSORT_UNIT: r = strcmp(unit_code(c, a), unit_code(c, b)); break;
	case RSORT_TARGET:
		r = cmp_text(request_view_target_code(c->v, a), request_view_target_code(c->v, b));
		break;
	case RSORT_STATE:
		r = strcmp(request_view_state(c->v, a), request_view_state(c->v, b));
		break;
	case RSORT_FILED: r = cmp_text(a->filed_at, b->filed_at); break;
	case RSORT_DUE: r = cmp_text(request_view_deadline(a), request_view_deadline(b)); break;
	case RSORT_N: break;
	}
	/* ties fall back to the request's id, so pages never overlap */
	if (!r)
		r = a->id < b->id ? -1 : a->id > b->id;
	return c->desc ? -r : r;
}

/* A stable merge sort with a context (qsort has none, and the order depends
 * on the view). */
static void merge_sort(const struct sort_ctx *c, const struct request **v,
		       const struct request **tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	merge_sort(c, v, tmp, h);
	merge_sort(c, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = compare(c, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

const struct request **request_select(const struct web_user *u, const struct request_view *v,
				      const struct request_query *q, size_t *n)
{
	const struct request **out = xmalloc((v->requests.n + 1) * sizeof *out);
	char *key = q->q ? fold_key(q->q) : NULL;
	*n = 0;
	for (size_t i = 0; i < v->requests.n; i++)
		if (request_matches(u, v, q, key, &v->requests.v[i]))
			out[(*n)++] = &v->requests.v[i];
	free(key);
	const struct request **tmp = xmalloc((*n + 1) * sizeof *tmp);
	struct sort_ctx c = {v, u, q->sort, q->desc};
	merge_sort(&c, out, tmp, *n);
	free(tmp);
	return out;
}

