/*
 * page_assets_export.c — /assets?format=csv|xlsx: the register list as a
 * file, exactly the rows the list shows (scope, search, filters, order; not
 * just one page), in the template of `mamori asset export`, so the file
 * imports back with `mamori asset import` or the upload page.
 *
 * The core export writes a file (libzip needs one for .xlsx); it is built in
 * a private temporary directory, read into the answer and removed.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/asset_io.h"
#include "web/asset_query.h"
#include "web/page_assets_export.h"
#include "web/pages.h"
#include "web/private_tmp.h"

static const struct {
	const char *format, *content_type, *file;
	enum asset_export_format fmt;
} formats[] = {
	{"csv", "text/csv; charset=utf-8", "assets.csv", ASSET_EXPORT_CSV},
	{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "assets.xlsx",
	 ASSET_EXPORT_XLSX},
};

/* The ids of every row the list matches, in the list's order. */
static int matching_ids(struct web_req *rq, const struct asset_query *list, long long **ids,
			size_t *n, struct err *e)
{
	struct asset_query all = *list;
	struct asset_page p;
	all.offset = 0;
	all.limit = LONG_MAX / 2; /* every match: the download is not paged */
	if (asset_query_run(rq, &all, &p, e))
		return e->code;
	*ids = xcalloc(p.n + 1, sizeof **ids);
	for (size_t i = 0; i < p.n; i++)
		(*ids)[i] = p.rows[i]->id;
	*n = p.n;
	asset_page_free(&p);
	return 0;
}

static int build(struct web_req *rq, const struct asset_query *q, int k, struct buf *out,
		 struct err *e)
{
	long long *ids = NULL, rows;
	size_t n = 0;
	char *dir = NULL;
	int rc = matching_ids(rq, q, &ids, &n, e);
	if (!rc)
		rc = private_tmp_make("export", &dir, e);
	if (!rc) {
		char *path = xasprintf("%s/%s", dir, formats[k].file);
		rc = asset_export_ids(rq->db, path, formats[k].fmt, ids, n, &rows, e);
		if (!rc)
			rc = private_tmp_read(path, out, e);
		free(path);
		private_tmp_remove(dir);
	}
	free(dir);
	free(ids);
	return rc;
}

int page_assets_download(struct web_req *rq, struct web_resp *rs, const struct asset_query *q)
{
	const char *format = form_get(&rq->query, "format");
	struct err e = {0};
	for (int k = 0; format && k < (int)(sizeof formats / sizeof formats[0]); k++) {
		if (strcmp(format, formats[k].format) != 0)
			continue;
		if (build(rq, q, k, &rs->body, &e)) {
			buf_reset(&rs->body);
			web_internal_error(rq, rs, &e);
			return 1;
		}
		rs->status = 200;
		rs->content_type = formats[k].content_type;
		rs->no_store = 1;
		rs->disposition = xasprintf("attachment; filename=\"%s\"", formats[k].file);
		return 1;
	}
	return 0;
}
