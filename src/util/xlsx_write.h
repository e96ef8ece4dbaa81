/*
 * xlsx_write.h — one worksheet of text cells written as .xlsx, for exports.
 *
 * Writes a minimal SpreadsheetML package with libzip: the worksheet and the
 * shared strings are built in memory (each distinct text is stored once, so
 * a register that repeats the same unit codes and labels stays small) and
 * compressed at zlib's fastest level when the file is closed.  Rows must be
 * written in order, top to bottom.  The sheet gets a bold header row that
 * stays in view (frozen) and carries an autofilter, and the given column
 * widths.  Every cell is written as text, so "0012" or "2" come back exactly
 * as they were.
 */
#ifndef MAMORI_XLSX_WRITE_H
#define MAMORI_XLSX_WRITE_H

#include "util/err.h"

struct xlsx_out;

struct xlsx_column {
	const char *header;
	double width; /* in characters, as Excel counts them; <= 0: Excel's default */
};

/* Creates path (overwriting it; a new file is made owner-only, an existing
 * one keeps its mode) with the header row already written.  The file gets
 * its contents when xlsx_out_close succeeds. */
int xlsx_out_open(const char *path, const char *sheet_name, const struct xlsx_column *cols,
		  int ncols, struct xlsx_out **out, struct err *e);
/* Ends the current sheet and starts another after it, with its own header
 * row and widths; later rows go to the new sheet.  Texts are shared across
 * the sheets.  A file with one sheet is the same as before this call existed. */
int xlsx_out_sheet(struct xlsx_out *x, const char *sheet_name, const struct xlsx_column *cols, int ncols,
		   struct err *e);
/* Writes the next row: ncols cells (as given to open); NULL or "" leaves a cell empty. */
int xlsx_out_row(struct xlsx_out *x, const char *const *cells, struct err *e);
/* Finishes the file and frees x; on error the file is incomplete. */
int xlsx_out_close(struct xlsx_out *x, struct err *e);
/* Ends x (may be NULL) after its rows came to rc: when they failed, frees it
 * with the file left incomplete and returns rc (e keeps the first error),
 * else returns xlsx_out_close's result. */
int xlsx_out_finish(struct xlsx_out *x, int rc, struct err *e);

#endif
