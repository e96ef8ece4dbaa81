/*
 * listui.h — the parts every list page draws the same way: the column
 * headers that sort (a link per column, aria-sort for screen readers, the
 * current column's arrow; a click on it turns the direction), and the pager
 * (N 件中 a〜b 件目, 前へ, 次へ).
 *
 * Each page keeps its own query and URL scheme; it passes a function that
 * writes the list's URL for a column, a direction and an offset.
 */
#ifndef MAMORI_WEB_LISTUI_H
#define MAMORI_WEB_LISTUI_H

#include <stddef.h>

#include "util/buf.h"

/* Writes the list's URL sorted by column `col` (an index into the page's
 * columns), descending when desc, starting at offset; ctx is the page's. */
typedef void (*listui_url_fn)(struct buf *u, const void *ctx, int col, int desc, long offset);

struct listui_sort {
	listui_url_fn url;
	const void *ctx;
	int current; /* the column sorted by, or -1 */
	int desc;
};

/* <thead>: labels[i] is a link when sortable is NULL or sortable[i]. */
void listui_header(struct buf *b, const struct listui_sort *s, const char *const *labels,
		   const int *sortable, size_t n);
/* The pager for rows offset..offset+shown of total, pages of limit. */
void listui_pager(struct buf *b, const struct listui_sort *s, size_t total, size_t shown,
		  long offset, long limit);

#endif
