/*
 * asset_query.c — listing the register within scope (asset_query.h).
 *
 * Scope, filters, sort and paging run in SQL, so a page of 50 reads 50 rows
 * rather than the whole register.  Scope depends on the organisation tree
 * (a 部局 covers its 課 and 係), which SQL shared by SQLite and PostgreSQL
 * cannot walk without recursive queries, so the units the person's roles
 * cover are worked out here from the tree and bound as a list of ids.  The
 * text search is NFKC-folded (全角/半角, かな/カナ), which SQL cannot do
 * either: with a search, the scoped and filtered rows are read in order and
 * matched and paged here.
 */
#include "web/asset_query.h"

#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "util/buf.h"
#include "util/fold.h"
#include "web/scope.h"

/* As core/asset.c reads them (read_asset below keeps the same order). */
#define QUERY_COLUMNS                                                                  \
	"id, asset_no, name, type, unit_id, manager_id, scope, location, medium, system_id," \
	" zone, confidentiality, integrity, availability, personal, retention, origin,"     \
	" source_id, container_id, state, note"

const char *const asset_sort_names[] = {"no", "name", "type", "unit", "c", NULL};

static long parse_long(const char *s, long def, long min, long max)
{
	char *end = NULL;
	if (!s || !*s)
		return def;
	long v = strtol(s, &end, 10);
	if (*end || v < min)
		return def;
	return v > max ? max : v;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

void asset_query_from_form(const struct form *f, struct asset_query *q)
{
	memset(q, 0, sizeof *q);
	q->q = nonempty(form_get(f, "q"));
	q->type = nonempty(form_get(f, "type"));
	q->zone = nonempty(form_get(f, "zone"));
	q->min_conf = (int)parse_long(form_get(f, "c"), 0, 0, 9);
	const char *sort = form_get(f, "sort");
	for (int i = 0; sort && asset_sort_names[i]; i++)
		if (strcmp(sort, asset_sort_names[i]) == 0)
			q->sort = (enum asset_sort)i;
	const char *dir = form_get(f, "dir");
	q->desc = dir && strcmp(dir, "desc") == 0;
	q->limit = parse_long(form_get(f, "limit"), ASSET_PAGE_DEFAULT, 1, ASSET_PAGE_MAX);
	q->offset = parse_long(form_get(f, "offset"), 0, 0, 1L << 30);
}

static int contains_folded(const char *text, const char *folded_needle)
{
	char *k = fold_key(text ? text : "");
	int hit = strstr(k, folded_needle) != NULL;
	free(k);
	return hit;
}

/* The WHERE clause and its parameters, in order. */
struct where {
	struct buf sql;
	long long ints[8];
	int nints;
	long long *units; /* unit ids the person's roles cover */
	size_t nunits;
	const char *texts[2];
	int ntexts;
};

/* Scope as SQL: the person's own assets, or those of the units covered. */
static void where_scope(struct where *w, const struct web_user *u)
{
	if (scope_sees_all_assets(u))
		return;
	w->units = xcalloc(u->units.n + 1, sizeof *w->units);
	for (size_t i = 0; i < u->units.n; i++)
		if (scope_unit_covered(u, u->units.v[i].id))
			w->units[w->nunits++] = u->units.v[i].id;
	buf_puts(&w->sql, " AND (manager_id = ?");
	for (size_t i = 0; i < w->nunits; i++)
		buf_puts(&w->sql, i ? ", ?" : " OR unit_id IN (?");
	buf_puts(&w->sql, w->nunits ? "))" : ")");
}

static void where_build(struct where *w, const struct web_user *u, const struct asset_query *q)
{
	memset(w, 0, sizeof *w);
	buf_puts(&w->sql, " WHERE 1 = 1");
	where_scope(w, u);
	if (q->type) {
		buf_puts(&w->sql, " AND type = ?");
		w->texts[w->ntexts++] = q->type;
	}
	if (q->zone) {
		buf_puts(&w->sql, " AND zone = ?");
		w->texts[w->ntexts++] = q->zone;
	}
	if (q->min_conf) {
		buf_puts(&w->sql, " AND confidentiality >= ?");
		w->ints[w->nints++] = q->min_conf;
	}
}

/* Binds in the order where_build wrote the placeholders; returns the next index. */
static int where_bind(const struct where *w, const struct web_user *u, struct db_stmt *st)
{
	int idx = 1;
	if (w->units) {
		db_bind_int(st, idx++, u->staff.id);
		for (size_t i = 0; i < w->nunits; i++)
			db_bind_int(st, idx++, w->units[i]);
	}
	for (int i = 0; i < w->ntexts; i++)
		db_bind_text(st, idx++, w->texts[i]);
	for (int i = 0; i < w->nints; i++)
		db_bind_int(st, idx++, w->ints[i]);
	return idx;
}

static void where_free(struct where *w)
{
	buf_free(&w->sql);
	free(w->units);
}

/*
 * ORDER BY as the page promises: by the key, then by id, both reversed for
 * dir=desc.  Text compares byte-wise (the same order as strcmp): SQLite's
 * default, PostgreSQL's only with the "C" collation.  asset_no, name, type
 * and unit_id are NOT NULL; a missing 機密性 sorts as 0, like the page
 * shows it.  Sorting by asset_no (the default) walks its UNIQUE index and
 * stops after the page.
 */
static void order_by(struct buf *sql, const struct db *db, const struct asset_query *q)
{
	static const char *const key[] = {"asset_no", "name", "type", "unit_id",
					  "COALESCE(confidentiality, 0)"};
	const char *dir = q->desc ? " DESC" : "";
	int text = q->sort == SORT_NO || q->sort == SORT_NAME || q->sort == SORT_TYPE;
	const char *coll = text && db_kind(db) == DB_PG ? " COLLATE \"C\"" : "";
	buf_printf(sql, " ORDER BY %s%s%s, id%s", key[q->sort], coll, dir, dir);
}

static int count_rows(struct web_req *rq, const struct where *w, size_t *total, struct err *e)
{
	struct db_stmt *st;
	char *sql = xasprintf("SELECT count(*) FROM asset%s", buf_str(&w->sql));
	int rc = db_prepare(rq->db, sql, &st, e);
	free(sql);
	if (rc)
		return e->code;
	where_bind(w, rq->user, st);
	enum db_step_result r = db_step(st, e);
	*total = r == DB_ROW ? (size_t)db_column_int(st, 0) : 0;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* Reads the rows of sql into out->all; with a needle only those matching it. */
static int read_rows(struct web_req *rq, const struct where *w, const char *sql, int paged,
		     const struct asset_query *q, const char *needle, struct asset_page *out,
		     struct err *e)
{
	struct db_stmt *st;
	size_t cap = 0;
	if (db_prepare(rq->db, sql, &st, e))
		return e->code;
	int idx = where_bind(w, rq->user, st);
	if (paged) {
		db_bind_int(st, idx++, q->limit);
		db_bind_int(st, idx, q->offset);
	}
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		if (out->all.n == cap) {
			cap = cap ? 2 * cap : 64;
			out->all.v = xrealloc(out->all.v, cap * sizeof *out->all.v);
		}
		struct asset *a = &out->all.v[out->all.n];
		memset(a, 0, sizeof *a);
		asset_read_row(st, a);
		if (needle && !contains_folded(a->asset_no, needle) && !contains_folded(a->name, needle)) {
			asset_free(a);
			continue;
		}
		out->all.n++;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

/* out->rows: the page of out->all from offset (all of it when SQL paged). */
static void take_page(struct asset_page *out, size_t from, long limit)
{
	size_t n = out->all.n;
	from = from < n ? from : n;
	size_t count = n - from < (size_t)limit ? n - from : (size_t)limit;
	out->rows = xcalloc(count + 1, sizeof *out->rows);
	for (size_t i = 0; i < count; i++)
		out->rows[i] = &out->all.v[from + i];
	out->n = count;
}

int asset_query_run(struct web_req *rq, const struct asset_query *q, struct asset_page *out,
		    struct err *e)
{
	struct where w;
	memset(out, 0, sizeof *out);
	if (!rq->user)
		return 0;
	char *needle = q->q ? fold_key(q->q) : NULL;
	if (needle && !*needle) {
		free(needle);
		needle = NULL;
	}
	where_build(&w, rq->user, q);
	struct buf sql = BUF_INIT;
	buf_printf(&sql, "SELECT " QUERY_COLUMNS " FROM asset%s", buf_str(&w.sql));
	order_by(&sql, rq->db, q);
	if (!needle)
		buf_puts(&sql, " LIMIT ? OFFSET ?");
	int rc = needle ? 0 : count_rows(rq, &w, &out->total, e);
	if (!rc)
		rc = read_rows(rq, &w, buf_str(&sql), !needle, q, needle, out, e);
	if (!rc && needle)
		out->total = out->all.n;
	if (!rc)
		take_page(out, needle ? (size_t)q->offset : 0, q->limit);
	buf_free(&sql);
	where_free(&w);
	free(needle);
	if (rc)
		asset_page_free(out);
	return rc;
}

void asset_page_free(struct asset_page *p)
{
	asset_list_free(&p->all);
	free(p->rows);
	memset(p, 0, sizeof *p);
}
