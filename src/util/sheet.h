/*
 * sheet.h — a spreadsheet-shaped file read into memory: rows of text cells.
 *
 * Municipal registers arrive as .csv (UTF-8, with or without BOM, or
 * Shift_JIS/CP932 as Excel writes it) or .xlsx.  Both readers produce the same
 * shape, all text converted to UTF-8, so importers are written once.
 *
 * Each row remembers where it came from (`line`: the physical line where a CSV
 * record starts, or the worksheet row number r= of an .xlsx row) so errors can
 * name it.  Trailing empty cells are kept as read; a row may be shorter than
 * the header.  Completely empty rows are dropped.
 */
#ifndef MAMORI_SHEET_H
#define MAMORI_SHEET_H

#include <stddef.h>

#include "util/err.h"

struct sheet_row {
	long line;     /* 1-based source line (CSV) or worksheet row number (xlsx) */
	size_t ncells;
	char **cells;  /* UTF-8, NUL-terminated, never NULL ("" for empty) */
};

enum sheet_encoding { SHEET_UTF8, SHEET_CP932, SHEET_XLSX };

struct sheet {
	size_t nrows;
	struct sheet_row *rows;
	enum sheet_encoding encoding; /* what the file was */
};

/*
 * Reads a file, choosing the reader by content (a ZIP signature means .xlsx;
 * otherwise CSV), not by extension.  `name` is used in messages only.
 * On error fills e (ERR_INPUT for bad content, ERR_IO for unreadable files)
 * with a Japanese message naming the file and line, and leaves *out empty.
 */
int sheet_read_file(const char *path, struct sheet *out, struct err *e);
int sheet_read_csv(const char *name, const char *data, size_t len, struct sheet *out, struct err *e);
int sheet_read_xlsx(const char *name, const void *data, size_t len, struct sheet *out, struct err *e);
void sheet_free(struct sheet *s);

/*
 * Streaming: the file is read and parsed on a thread of its own while the
 * caller consumes rows, so an importer can validate and write row N while
 * row N+1000 is being parsed (an .xlsx register spends as long in XML as the
 * import spends in the database).  Rows come out in file order, the same
 * rows sheet_read_file would give, and stay valid until sheet_stream_close.
 */
struct sheet_stream;
/* Opens the file (errors such as a missing file are reported here) and
 * starts reading it. */
int sheet_stream_open(const char *path, struct sheet_stream **out, struct err *e);
/* 1: *row is the next row; 0: no more rows; -1: the file is bad (e says
 * where, as sheet_read_file would). */
int sheet_stream_next(struct sheet_stream *s, struct sheet_row *row, struct err *e);
/* Waits for the reader to finish and frees every row.  NULL is ignored. */
void sheet_stream_close(struct sheet_stream *s);

#endif
