/*
 * asset_query.h — the asset register as the page and the API list it: the
 * person's scope first, then search (NFKC-folded), filters, sort and paging.
 */
#ifndef MAMORI_WEB_ASSET_QUERY_H
#define MAMORI_WEB_ASSET_QUERY_H

#include "core/asset.h"
#include "web/web.h"

#define ASSET_PAGE_DEFAULT 50
#define ASSET_PAGE_MAX 500

enum asset_sort { SORT_NO, SORT_NAME, SORT_TYPE, SORT_UNIT, SORT_CONF };

struct asset_query {
	const char *q;    /* search in 資産番号 and 名称 */
	const char *type; /* vocab_asset_type id, or NULL */
	const char *zone; /* vocab_zone id, or NULL */
	int min_conf;     /* 機密性 rank at least this (0 = any) */
	enum asset_sort sort;
	int desc;
	long limit, offset;
};

struct asset_page {
	struct asset_list all;     /* the whole register (owns the rows) */
	const struct asset **rows; /* this page */
	size_t n;
	size_t total;              /* matches in scope, before paging */
};

/* Reads q, type, zone, c, sort, dir, limit, offset from a query string. */
void asset_query_from_form(const struct form *f, struct asset_query *q);
int asset_query_run(struct web_req *rq, const struct asset_query *q, struct asset_page *out,
		    struct err *e);
void asset_page_free(struct asset_page *p);
/* The sort keys as they appear in URLs. */
extern const char *const asset_sort_names[];

#endif
