/*
 * inspect_links_out.h — the list of one-time links to distribute, one row
 * per link: 職員番号, 氏名, 課, 役割, URL and 有効期限.  The CLI writes it as
 * .csv or .xlsx (inspect links), the web answers it as .csv; both take the
 * rows from here so the two lists never differ.
 */
#ifndef MAMORI_INSPECT_LINKS_OUT_H
#define MAMORI_INSPECT_LINKS_OUT_H

#include "core/inspect.h"
#include "core/org.h"
#include "core/staff.h"
#include "util/buf.h"

#define INSPECT_LINK_COLS 6
/* The column titles, in the order of the cells. */
extern const char *const inspect_link_titles[INSPECT_LINK_COLS];

/* The cells of link i; they point into staff, units, links and url (of
 * urlsz bytes, where base + "/inspect/link/" + the token is written). */
void inspect_link_cells(const struct inspect_links *l, size_t i, const struct staff_list *staff,
			const struct org_units *units, const char *base, char *url, size_t urlsz,
			const char *cells[INSPECT_LINK_COLS]);
/* The whole list as CSV: the BOM, the titles and a row per link. */
void inspect_links_csv(const struct inspect_links *l, const struct staff_list *staff, const struct org_units *units,
		       const char *base, struct buf *b);

#endif
