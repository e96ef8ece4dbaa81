/*
 * annual_report_xlsx.c — the annual report's underlying tables as .xlsx,
 * one sheet per section (util/xlsx_write.h).  A section without rows gets
 * its sentence in the first column, so an empty sheet still says why.
 */
#include <stdlib.h>
#include <string.h>

#include "core/annual_report.h"
#include "util/xlsx_write.h"

static struct xlsx_column *columns_of(const struct ar_table *t)
{
	struct xlsx_column *c = xcalloc((size_t)t->ncols, sizeof *c);
	for (int i = 0; i < t->ncols; i++) {
		c[i].header = t->cols[i];
		c[i].width = i == 0 ? 16 : 14;
	}
	return c;
}

static int sheet_rows(struct xlsx_out *x, const struct ar_table *t, struct err *e)
{
	const char **cells = xcalloc((size_t)t->ncols, sizeof *cells);
	int rc = 0;
	if (!t->nrows) {
		cells[0] = t->empty;
		rc = xlsx_out_row(x, cells, e);
	}
	for (size_t r = 0; !rc && r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			cells[c] = t->cells[r * (size_t)t->ncols + (size_t)c];
		rc = xlsx_out_row(x, cells, e);
	}
	free(cells);
	return rc;
}

int annual_report_xlsx(const struct annual_report *r, const char *path, struct err *e)
{
	struct xlsx_out *x = NULL;
	int rc = 0;
	for (size_t i = 0; !rc && i < r->n; i++) {
		const struct ar_table *t = r->v[i];
		struct xlsx_column *cols = columns_of(t);
		rc = i == 0 ? xlsx_out_open(path, t->sheet, cols, t->ncols, &x, e)
			    : xlsx_out_sheet(x, t->sheet, cols, t->ncols, e);
		free(cols);
		if (!rc)
			rc = sheet_rows(x, t, e);
	}
	if (x) {
		if (rc) {
			struct err ignored = {0};
			xlsx_out_close(x, &ignored);
			return rc;
		}
		rc = xlsx_out_close(x, e);
	}
	return rc;
}
