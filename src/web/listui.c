/*
 * listui.c — sortable headers and pagers (listui.h).
 */
#include "web/listui.h"

#include "util/html.h"

void listui_header(struct buf *b, const struct listui_sort *s, const char *const *labels,
		   const int *sortable, size_t n)
{
	struct buf u = BUF_INIT;
	buf_puts(b, "<thead><tr>");
	for (size_t i = 0; i < n; i++) {
		if (sortable && !sortable[i]) {
			html_printf(b, "<th scope=\"col\">%s</th>", labels[i]);
			continue;
		}
		int current = s->current == (int)i;
		buf_reset(&u);
		s->url(&u, s->ctx, (int)i, current && !s->desc, 0);
		const char *sorted = !current ? "none" : s->desc ? "descending" : "ascending";
		const char *arrow = !current ? "" : s->desc ? " ▼" : " ▲";
		html_printf(b, "<th scope=\"col\" aria-sort=\"%s\"><a href=\"%s\">%s%s</a></th>",
			    sorted, buf_str(&u), labels[i], arrow);
	}
	buf_puts(b, "</tr></thead>\n");
	buf_free(&u);
}

void listui_pager(struct buf *b, const struct listui_sort *s, size_t total, size_t shown,
		  long offset, long limit)
{
	struct buf u = BUF_INIT;
	size_t first = shown ? (size_t)offset + 1 : 0;
	html_printf(b, "<nav class=\"pager\" aria-label=\"ページ送り\"><p>%zu 件中 %zu〜%zu 件目</p>",
		    total, first, (size_t)offset + shown);
	if (offset > 0) {
		s->url(&u, s->ctx, s->current, s->desc, offset > limit ? offset - limit : 0);
		html_printf(b, "<a href=\"%s\" rel=\"prev\">前へ</a>", buf_str(&u));
	}
	if ((size_t)offset + shown < total) {
		buf_reset(&u);
		s->url(&u, s->ctx, s->current, s->desc, offset + limit);
		html_printf(b, "<a href=\"%s\" rel=\"next\">次へ</a>", buf_str(&u));
	}
	buf_puts(b, "</nav>\n");
	buf_free(&u);
}
