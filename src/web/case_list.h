/*
 * case_list.h — the query of the 例外措置 and violation lists (page, CSV
 * and API read it the same way) and their sorting: each row carries the
 * text of the column it is sorted by, the case number breaking ties.  Also
 * what the two list pages draw alike: their links, the filter form, the
 * table with its pager and CSV link, and the CSV download.
 */
#ifndef MAMORI_WEB_CASE_LIST_H
#define MAMORI_WEB_CASE_LIST_H

#include <stddef.h>

#include "core/org.h"
#include "util/buf.h"
#include "web/form.h"
#include "web/web.h"

#define CASE_PAGE_DEFAULT 50
#define CASE_PAGE_MAX 500

struct case_query {
	const char *state; /* a state id (or "expired"), or NULL */
	const char *unit;  /* a 課's code, or NULL */
	int emergency;     /* exceptions: only emergency ones */
	int sort;          /* index into the page's sort names */
	int desc;
	long limit, offset;
};

/* Reads ?state=&unit=&emergency=1&sort=&dir=&limit=&offset=; the first sort
 * name is the default, newest first. */
void case_query_from_form(const struct form *f, const char *const *sort_names, int nsort,
			  struct case_query *q);

struct case_row {
	const void *rec;
	const char *no;
	char *key; /* owned */
};

struct case_rows {
	size_t n, cap;
	struct case_row *v;
};

/* Adds a row; key is copied (NULL sorts as ""). */
void case_rows_add(struct case_rows *l, const void *rec, const char *no, const char *key);
void case_rows_sort(struct case_rows *l, int desc);
void case_rows_free(struct case_rows *l);
/* The rows shown for q: index of the first, and how many. */
void case_rows_page(const struct case_rows *l, const struct case_query *q, size_t *from, size_t *shown);

/* A column of a list page: sort is an index into the page's sort names, or
 * -1 when the column does not sort. */
struct case_column {
	const char *label;
	int sort;
};

/* A value of a filter's <select> with its label. */
struct case_choice {
	const char *id, *label;
};

/* What tells the two list pages apart. */
struct case_list_page {
	const char *path; /* "/exceptions" */
	const char *const *sort_names;
	const struct case_column *columns;
	size_t ncolumns;
	int emergency_filter; /* offers 緊急のみ and keeps it in the links */
};

/* The list's URL for q, sorted by sort (an index into sort_names), desc,
 * from offset; the CSV download's when csv. */
void case_list_url(struct buf *b, const struct case_list_page *p, const struct case_query *q, int sort, int desc,
		   long offset, int csv);

/* The filter form: state (of states), 課 (each of unit_ids once, repeats
 * and 0s allowed) and, when the page has it, 緊急のみ. */
void case_list_filters(struct buf *b, const struct case_list_page *p, const struct case_query *q,
		       const struct case_choice *states, size_t nstates, const struct org_units *units,
		       const long long *unit_ids, size_t nunits);

/* Draws one record's <tr> for the viewer u; view is the page's loaded data. */
typedef void (*case_row_fn)(struct buf *b, const struct web_user *u, const void *view, const void *rec);

/* The page of rows q asks for as a table with sorting headers (or `empty`
 * when there are none), the pager and the link to the CSV. */
void case_list_table(struct buf *b, const struct case_list_page *p, const struct case_query *q,
		     const struct case_rows *rows, const char *caption, const char *empty, case_row_fn row,
		     const struct web_user *u, const void *view);

/* Starts a CSV download named filename: the BOM and the header line. */
void case_list_csv_begin(struct web_resp *rs, const char *filename, const char *header);
/* One CSV line of n cells (NULL as ""). */
void case_list_csv_row(struct buf *b, const char *const *cells, size_t n);

#endif
