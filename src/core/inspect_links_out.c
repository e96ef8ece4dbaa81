/*
 * inspect_links_out.c — the rows of the list of one-time links
 * (inspect_links_out.h).
 */
#include <stdio.h>

#include "core/inspect_links_out.h"
#include "core/vocab.h"

const char *const inspect_link_titles[INSPECT_LINK_COLS] = {"職員番号", "氏名", "課", "役割", "URL", "有効期限"};

void inspect_link_cells(const struct inspect_links *l, size_t i, const struct staff_list *staff,
			const struct org_units *units, const char *base, char *url, size_t urlsz,
			const char *cells[INSPECT_LINK_COLS])
{
	const struct inspect_link *k = &l->v[i];
	const struct staff *s = staff_by_id(staff, k->staff_id);
	const struct org_unit *u = org_unit_by_id(units, k->unit_id);
	snprintf(url, urlsz, "%s/inspect/link/%s", base, k->token);
	cells[0] = s ? s->staff_no : "";
	cells[1] = s ? s->name : "";
	cells[2] = u ? u->name : "";
	cells[3] = vocab_label(&vocab_role, k->role);
	cells[4] = url;
	cells[5] = l->expires_at;
}

void inspect_links_csv(const struct inspect_links *l, const struct staff_list *staff, const struct org_units *units,
		       const char *base, struct buf *b)
{
	char url[640];
	const char *cells[INSPECT_LINK_COLS];
	buf_puts(b, "\xEF\xBB\xBF");
	for (size_t k = 0; k < INSPECT_LINK_COLS; k++)
		buf_csv_field(b, inspect_link_titles[k], k == INSPECT_LINK_COLS - 1);
	for (size_t i = 0; i < l->n; i++) {
		inspect_link_cells(l, i, staff, units, base, url, sizeof url, cells);
		for (size_t k = 0; k < INSPECT_LINK_COLS; k++)
			buf_csv_field(b, cells[k], k == INSPECT_LINK_COLS - 1);
	}
}
