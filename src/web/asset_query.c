/*
 * asset_query.c — listing the register within scope (asset_query.h).
 *
 * The register is loaded whole and filtered here rather than in SQL: scope
 * depends on the organisation tree (a 部局 covers its 課 and 係), which
 * SQL shared by SQLite and PostgreSQL cannot walk without recursive queries,
 * and a municipality's register fits in memory many times over.
 */
#include "web/asset_query.h"

#include <stdlib.h>
#include <string.h>

#include "util/fold.h"
#include "web/scope.h"

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

static int matches(const struct asset *a, const struct asset_query *q, const char *needle)
{
	if (q->type && (!a->type || strcmp(a->type, q->type) != 0))
		return 0;
	if (q->zone && (!a->zone || strcmp(a->zone, q->zone) != 0))
		return 0;
	if (q->min_conf && a->level[DIM_C] < q->min_conf)
		return 0;
	if (needle && !contains_folded(a->asset_no, needle) && !contains_folded(a->name, needle))
		return 0;
	return 1;
}

static int cmp_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int compare(const void *pa, const void *pb, void *arg)
{
	const struct asset *a = *(const struct asset *const *)pa;
	const struct asset *b = *(const struct asset *const *)pb;
	const struct asset_query *q = arg;
	int c = 0;
	switch (q->sort) {
	case SORT_NO: c = cmp_text(a->asset_no, b->asset_no); break;
	case SORT_NAME: c = cmp_text(a->name, b->name); break;
	case SORT_TYPE: c = cmp_text(a->type, b->type); break;
	case SORT_UNIT: c = (a->unit_id > b->unit_id) - (a->unit_id < b->unit_id); break;
	case SORT_CONF:
		c = a->level[DIM_C] - b->level[DIM_C];
		break;
	}
	if (c == 0)
		c = (a->id > b->id) - (a->id < b->id);
	return q->desc ? -c : c;
}

int asset_query_run(struct web_req *rq, const struct asset_query *q, struct asset_page *out,
		    struct err *e)
{
	memset(out, 0, sizeof *out);
	if (asset_load(rq->db, &out->all, e))
		return e->code;
	char *needle = q->q ? fold_key(q->q) : NULL;
	const struct asset **hits = xcalloc(out->all.n + 1, sizeof *hits);
	size_t n = 0;
	for (size_t i = 0; i < out->all.n; i++) {
		const struct asset *a = &out->all.v[i];
		if (scope_asset_visible(rq->user, a) && matches(a, q, needle && *needle ? needle : NULL))
			hits[n++] = a;
	}
	free(needle);
	qsort_r(hits, n, sizeof *hits, compare, (void *)q);
	out->total = n;
	size_t from = (size_t)q->offset < n ? (size_t)q->offset : n;
	size_t count = n - from < (size_t)q->limit ? n - from : (size_t)q->limit;
	memmove(hits, hits + from, count * sizeof *hits);
	out->rows = hits;
	out->n = count;
	return 0;
}

void asset_page_free(struct asset_page *p)
{
	asset_list_free(&p->all);
	free(p->rows);
	memset(p, 0, sizeof *p);
}
