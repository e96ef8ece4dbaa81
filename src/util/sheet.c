/*
 * sheet.c — choosing a reader by content, freeing a sheet, and the row
 * builder that the CSV and .xlsx readers share.
 *
 * Memory layout: each row is ONE allocation holding the cell pointer array
 * followed by the cells' bytes, so `row->cells` is the only pointer to free
 * per row.  Reading 100,000 rows × 20 columns thus costs 100,000 mallocs, not
 * two million.  Callers must not free or realloc individual cells.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* fileno(); the Makefile adds -D_GNU_SOURCE */
#endif

#include "util/sheet.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/sheet_builder.h"


struct sheet_builder {
	char *text;           /* current row's cells, each NUL-terminated */
	size_t len, cap;      /* of text */
	size_t cell_start;    /* offset in text where the open cell begins */
	size_t *starts;       /* offset of each finished cell of the row */
	size_t ncells, capcells;
	size_t total_cells;   /* over all kept rows, for size limits */
	struct sheet_row *rows;
	size_t nrows, caprows;
	int unguard; /* CSV: drop the apostrophe buf_csv_field puts before formula-like cells */
	sheet_sink_fn *sink; /* rows go here instead of into rows[] */
	void *sink_ctx;
	size_t nsunk;        /* rows given to the sink */
};

struct sheet_builder *sheetb_new(void)
{
	struct sheet_builder *b = xcalloc(1, sizeof *b);
	return b;
}

struct sheet_builder *sheetb_new_sink(sheet_sink_fn *sink, void *ctx)
{
	struct sheet_builder *b = sheetb_new();
	b->sink = sink;
	b->sink_ctx = ctx;
	return b;
}

/* The text buffer is managed here rather than with struct buf: this is the
 * innermost loop of both readers and every call saved shows. */
static void reserve(struct sheet_builder *b, size_t extra)
{
	if (b->cap - b->len >= extra)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap - b->len < extra)
		cap *= 2;
	b->text = xrealloc(b->text, cap);
	b->cap = cap;
}

void sheetb_put(struct sheet_builder *b, const char *p, size_t n)
{
	if (n == 0)
		return; /* p may be NULL then */
	reserve(b, n);
	memcpy(b->text + b->len, p, n);
	b->len += n;
}

void sheetb_unguard_formulas(struct sheet_builder *b)
{
	b->unguard = 1;
}

/* "'=…" → "=…" (and "''=…" → "'=…"): the inverse of buf_csv_field's guard.
 * Every row passes through sheetb_push_row, so this runs exactly once. */
static void unguard(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *c = cells[i];
		if (c[0] == '\'' && c[1] && (strchr("=+-@\t\r", c[1]) || c[1] == '\''))
			cells[i]++;
	}
}

void sheetb_end_cell(struct sheet_builder *b)
{
	if (b->ncells == b->capcells) {
		b->capcells = b->capcells ? b->capcells * 2 : 32;
		b->starts = xrealloc(b->starts, b->capcells * sizeof *b->starts);
	}
	b->starts[b->ncells++] = b->cell_start;
	reserve(b, 1);
	b->text[b->len++] = '\0';
	b->cell_start = b->len;
}

/* A whole cell at once: the CSV reader's hot path. */
void sheetb_cell(struct sheet_builder *b, const char *p, size_t n)
{
	reserve(b, n + 1);
	memcpy(b->text + b->len, p, n);
	b->len += n;
	sheetb_end_cell(b);
}

size_t sheetb_row_cells(const struct sheet_builder *b)
{
	return b->ncells;
}

size_t sheetb_total_cells(const struct sheet_builder *b)
{
	return b->total_cells + b->ncells;
}

size_t sheetb_rows(const struct sheet_builder *b)
{
	return b->nrows + b->nsunk;
}

/*
 * A row counts as empty when it holds nothing but NULs (cell terminators),
 * ASCII blanks and ideographic spaces (U+3000, E3 80 80): a row of stray
 * spaces in a register is an editing accident, not data.
 */
static int row_is_blank(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\0' || c == ' ' || c == '\t') {
			i++;
		} else if (c == 0xE3 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] == 0x80) {
			i += 3;
		} else {
			return 0;
		}
	}
	return 1;
}

static void reset_row(struct sheet_builder *b)
{
	b->len = 0;
	b->ncells = 0;
	b->cell_start = 0;
}

/*
 * Adds a row built elsewhere in the one-block layout (ncells pointers, then
 * textlen bytes of cells); takes ownership.  Blank rows are dropped here.
 */
void sheetb_push_row(struct sheet_builder *b, long line, char **cells, size_t ncells, size_t textlen)
{
	if (ncells == 0 || row_is_blank((char *)(cells + ncells), textlen)) {
		free(cells);
		return;
	}
	if (b->unguard)
		unguard(cells, ncells);
	struct sheet_row row = {line, ncells, cells};
	b->total_cells += ncells;
	if (b->sink) {
		b->nsunk++;
		b->sink(b->sink_ctx, &row);
		return;
	}
	if (b->nrows == b->caprows) {
		b->caprows = b->caprows ? b->caprows * 2 : 64;
		b->rows = xrealloc(b->rows, b->caprows * sizeof *b->rows);
	}
	b->rows[b->nrows++] = row;
}

void sheetb_end_row(struct sheet_builder *b, long line)
{
	/* Bytes put after the last end_cell belong to no cell; close it so
	 * nothing is silently lost. */
	if (b->len > b->cell_start)
		sheetb_end_cell(b);
	if (b->ncells == 0 || row_is_blank(b->text, b->len)) {
		reset_row(b);
		return;
	}
	size_t ptrs = b->ncells * sizeof(char *);
	char **cells = xmalloc(ptrs + b->len);
	char *text = (char *)cells + ptrs;
	memcpy(text, b->text, b->len);
	for (size_t i = 0; i < b->ncells; i++)
		cells[i] = text + b->starts[i];
	sheetb_push_row(b, line, cells, b->ncells, b->len);
	reset_row(b);
}

static void free_rows(struct sheet_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].cells);
	free(rows);
}

void sheetb_finish(struct sheet_builder *b, struct sheet *out, enum sheet_encoding enc)
{
	out->nrows = b->nrows;
	out->rows = b->rows;
	out->encoding = enc;
	b->rows = NULL;
	b->nrows = 0;
	sheetb_discard(b);
}

void sheetb_discard(struct sheet_builder *b)
{
	if (!b)
		return;
	free_rows(b->rows, b->nrows);
	free(b->text);
	free(b->starts);
	free(b);
}

void sheet_free(struct sheet *s)
{
	if (!s)
		return;
	free_rows(s->rows, s->nrows);
	s->rows = NULL;
	s->nrows = 0;
}

/* Reads a whole regular file; rejects directories and devices, whose "size"
 * would mislead the caller. */
int sheet_load_file(const char *path, char **data, size_t *len, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "%s: ファイルを開けません（%s）", path, strerror(errno));
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return err_set(e, ERR_IO, "%s: 通常のファイルではありません", path);
	}
	if ((uintmax_t)st.st_size > SIZE_MAX - 1) {
		fclose(f);
		return err_set(e, ERR_IO, "%s: ファイルが大きすぎます", path);
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *p = xmalloc(cap);
	for (;;) {
		if (n == cap) {
			/* The file grew while being read: keep going. */
			cap *= 2;
			p = xrealloc(p, cap);
		}
		size_t got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	int bad = ferror(f);
	int saved = errno;
	fclose(f);
	if (bad) {
		free(p);
		return err_set(e, ERR_IO, "%s: 読み込めません（%s）", path, strerror(saved));
	}
	*data = p;
	*len = n;
	return 0;
}

int sheet_parse_data(const char *path, const char *data, size_t len, struct sheet_builder *sb,
		     enum sheet_encoding *enc, struct err *e)
{
	static const unsigned char zip_sig[] = {'P', 'K', 3, 4};
	/* OLE2 compound file: Excel 97-2003 .xls, or an encrypted .xlsx. */
	static const unsigned char ole_sig[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	if (len >= sizeof zip_sig && memcmp(data, zip_sig, sizeof zip_sig) == 0) {
		*enc = SHEET_XLSX;
		return sheet_parse_xlsx(path, data, len, sb, e);
	}
	if (len >= sizeof ole_sig && memcmp(data, ole_sig, sizeof ole_sig) == 0)
		return err_set(e, ERR_INPUT,
			       "%s: Excel 97-2003 形式（.xls）またはパスワード付きのファイルは読めません"
			       "（パスワードを外し .xlsx か CSV で保存し直してください）",
			       path);
	return sheet_parse_csv(path, data, len, sb, enc, e);
}

int sheet_read_file(const char *path, struct sheet *out, struct err *e)
{
	char *data = NULL;
	size_t len = 0;
	enum sheet_encoding enc = SHEET_UTF8;
	memset(out, 0, sizeof *out);
	int rc = sheet_load_file(path, &data, &len, e);
	if (rc)
		return rc;
	struct sheet_builder *sb = sheetb_new();
	rc = sheet_parse_data(path, data, len, sb, &enc, e);
	if (rc)
		sheetb_discard(sb);
	else
		sheetb_finish(sb, out, enc);
	free(data);
	return rc;
}
