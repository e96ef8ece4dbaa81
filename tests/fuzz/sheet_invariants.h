/*
 * sheet_invariants.h — the promises of util/sheet.h that the CSV and XLSX
 * fuzz targets check on every sheet they read: at least one row, 1-based
 * lines (strictly ascending for CSV, whose lines are physical), no NULL
 * cells, no completely empty row.  A broken promise traps.
 */
#ifndef MAMORI_SHEET_INVARIANTS_H
#define MAMORI_SHEET_INVARIANTS_H

#include <string.h>

#include "util/sheet.h"

static void check_rows(const struct sheet *s, int ascending, size_t max_cells)
{
	long last = 0;
	if (s->nrows == 0 || !s->rows)
		__builtin_trap();
	for (size_t i = 0; i < s->nrows; i++) {
		const struct sheet_row *r = &s->rows[i];
		size_t filled = 0;
		if (r->line < 1 || (ascending && r->line <= last) || r->ncells == 0 || r->ncells > max_cells)
			__builtin_trap();
		last = r->line;
		for (size_t j = 0; j < r->ncells; j++) {
			if (!r->cells[j])
				__builtin_trap();
			filled += strlen(r->cells[j]);
		}
		if (filled == 0)
			__builtin_trap();
	}
}

#endif
