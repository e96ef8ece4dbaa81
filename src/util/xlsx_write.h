/*
 * xlsx_write.h — one worksheet of text cells written as .xlsx, for exports.
 *
 * A thin layer over libxlsxwriter in constant-memory mode: rows go straight
 * to a temporary file, so rows must be written in order, top to bottom.  The
 * sheet gets a bold header row that stays in view (frozen) and carries an
 * autofilter, and the given column widths.  Every cell is written as text,
 * so "0012" or "2" come back exactly as they were.
 */
#ifndef MAMORI_XLSX_WRITE_H
#define MAMORI_XLSX_WRITE_H

#include "util/err.h"

struct xlsx_out;

struct xlsx_column {
	const char *header;
	double width; /* in characters, as Excel counts them */
};

/* Creates path (overwriting it) with the header row already written. */
int xlsx_out_open(const char *path, const char *sheet_name, const struct xlsx_column *cols,
		  int ncols, struct xlsx_out **out, struct err *e);
/* Writes the next row: ncols cells (as given to open); NULL or "" leaves a cell empty. */
int xlsx_out_row(struct xlsx_out *x, const char *const *cells, struct err *e);
/* Finishes the file and frees x; on error the file is incomplete. */
int xlsx_out_close(struct xlsx_out *x, struct err *e);

#endif
