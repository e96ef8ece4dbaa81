/*
 * sheet_builder.h — private to the sheet readers (sheet.c, csv.c, xlsx.c,
 * sheet_stream.c): rows are built cell by cell into one allocation per row,
 * then handed over as a struct sheet, or one by one to a sink (streaming).
 * Not part of the public sheet.h interface.
 */
#ifndef MAMORI_SHEET_BUILDER_H
#define MAMORI_SHEET_BUILDER_H

#include <stddef.h>

#include "util/sheet.h"

struct sheet_builder;

struct sheet_builder *sheetb_new(void);
/* A builder that passes every kept row to sink(ctx, row), which takes the
 * row (free(row->cells) is the callee's), instead of collecting rows. */
typedef void sheet_sink_fn(void *ctx, const struct sheet_row *row);
struct sheet_builder *sheetb_new_sink(sheet_sink_fn *sink, void *ctx);
/* For CSV: undo the guard buf_csv_field puts before cells a spreadsheet would
 * run as formulas ('=…, '+…, '-…, '@…), so export → import is exact. */
void sheetb_unguard_formulas(struct sheet_builder *b);
/* Appends bytes to the current cell. */
void sheetb_put(struct sheet_builder *b, const char *p, size_t n);
void sheetb_end_cell(struct sheet_builder *b);
/* A whole cell at once. */
void sheetb_cell(struct sheet_builder *b, const char *p, size_t n);
size_t sheetb_row_cells(const struct sheet_builder *b);
size_t sheetb_total_cells(const struct sheet_builder *b);
/* Ends the current row (dropped when all its cells are blank). */
void sheetb_end_row(struct sheet_builder *b, long line);
void sheetb_push_row(struct sheet_builder *b, long line, char **cells, size_t ncells, size_t textlen);
size_t sheetb_rows(const struct sheet_builder *b);
void sheetb_finish(struct sheet_builder *b, struct sheet *out, enum sheet_encoding enc);
void sheetb_discard(struct sheet_builder *b);

/* The readers, filling a builder the caller made and disposes of. */
int sheet_parse_csv(const char *name, const char *data, size_t len, struct sheet_builder *sb,
		    enum sheet_encoding *enc, struct err *e);
int sheet_parse_xlsx(const char *name, const void *data, size_t len, struct sheet_builder *sb,
		     struct err *e);
/* A whole regular file into memory, for either reader. */
int sheet_load_file(const char *path, char **data, size_t *len, struct err *e);
/* Chooses the reader by content (sheet_read_file's rules). */
int sheet_parse_data(const char *path, const char *data, size_t len, struct sheet_builder *sb,
		     enum sheet_encoding *enc, struct err *e);

#endif
