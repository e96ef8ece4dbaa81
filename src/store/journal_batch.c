/*
 * journal_batch.c — reading the rows of a batch entry (tx_bulk_begin).
 *
 * verify and the history of one record need each row as its single-row body
 * (to compare it byte for byte with the rendered table row), not a parsed
 * tree, so this is a scanner over the text that copies value texts as they
 * stand.  Values are scalars: strings, integers and null.  The body may have
 * been tampered with, so every unexpected shape ends in -1, never in a read
 * past the terminating NUL.
 */
#include "store/journal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int journal_is_batch_subject(const char *subject)
{
	return schema_table(subject) != NULL;
}

/* Past the string starting at p (on its opening quote); NULL if unterminated. */
static const char *skip_string(const char *p)
{
	for (p++; *p != '"'; p++) {
		if (*p == '\0')
			return NULL;
		if (*p == '\\' && *++p == '\0')
			return NULL;
	}
	return p + 1;
}

/* Past one scalar value at p; NULL when there is none. */
static const char *skip_scalar(const char *p)
{
	if (*p == '"')
		return skip_string(p);
	const char *q = p;
	while (*q && *q != ',' && *q != ']' && *q != '[' && *q != '{' && *q != '}' && *q != '"')
		q++;
	return q > p ? q : NULL;
}

static int skip_literal(const char **p, const char *lit)
{
	size_t n = strlen(lit);
	if (strncmp(*p, lit, n) != 0)
		return -1;
	*p += n;
	return 0;
}

int journal_batch_open(struct journal_batch *b, const char *body)
{
	const char *p = body;
	memset(b, 0, sizeof *b);
	b->id_col = -1;
	if (skip_literal(&p, "{\"columns\":["))
		return -1;
	while (*p == '"') {
		const char *end = skip_string(p);
		if (!end || b->ncols == JOURNAL_BATCH_MAX_COLUMNS)
			return -1;
		if (end - p == 4 && memcmp(p, "\"id\"", 4) == 0)
			b->id_col = b->ncols;
		b->col[b->ncols] = p;
		b->col_len[b->ncols++] = (size_t)(end - p);
		p = end;
		if (*p == ',')
			p++;
		else
			break;
	}
	if (b->ncols == 0 || b->id_col < 0 || skip_literal(&p, "],\"rows\":["))
		return -1;
	b->cursor = p;
	return 0;
}

/* The id: a positive decimal integer and nothing else. */
static long long read_id(const char *p, size_t n)
{
	char digits[24];
	if (n == 0 || n >= sizeof digits || *p < '1' || *p > '9')
		return 0;
	memcpy(digits, p, n);
	digits[n] = '\0';
	char *end;
	errno = 0;
	long long v = strtoll(digits, &end, 10);
	return errno || *end ? 0 : v;
}

int journal_batch_next(struct journal_batch *b, struct buf *row, long long *id)
{
	const char *p = b->cursor;
	if (!p)
		return -1;
	if (*p == ']')
		return strcmp(p, "]}") == 0 ? 0 : -1;
	if (b->started && *p++ != ',') /* rows after the first follow a comma */
		return -1;
	if (*p++ != '[')
		return -1;
	b->started = 1;
	buf_reset(row);
	buf_putc(row, '{');
	*id = 0;
	for (int i = 0; i < b->ncols; i++) {
		const char *end = skip_scalar(p);
		if (!end || *end != (i + 1 < b->ncols ? ',' : ']'))
			return -1;
		if (i)
			buf_putc(row, ',');
		buf_append(row, b->col[i], b->col_len[i]);
		buf_putc(row, ':');
		buf_append(row, p, (size_t)(end - p));
		if (i == b->id_col)
			*id = read_id(p, (size_t)(end - p));
		p = end + 1;
	}
	buf_putc(row, '}');
	if (*id <= 0 || (*p != ',' && *p != ']'))
		return -1;
	b->cursor = p;
	return 1;
}
