/*
 * sheet_stream.c — a sheet read on its own thread, consumed row by row.
 *
 * The reader thread runs the ordinary CSV/.xlsx reader with a builder whose
 * sink appends each finished row to `rows` under the mutex; the consumer
 * copies rows out by index.  Rows are never moved (only the array of their
 * headers is), so a consumer may keep pointers into row cells until close.
 *
 * A consumer that stops early (a bad row) closes the stream; the reader then
 * runs to the end of the file without being waited on row by row.  Stopping
 * the XML/CSV parsers midway would need a cancellation path through both
 * readers for a case that costs at most one more read of the file.
 */
#include "util/sheet.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/sheet_builder.h"

struct sheet_stream {
	pthread_t thread;
	int threaded;            /* thread runs (else the file was read in open) */
	pthread_mutex_t mu;
	pthread_cond_t more;     /* rows were added, or the reader finished */
	char *path;
	char *data;              /* the file, read before the thread starts */
	size_t len;
	struct sheet_row *rows;  /* every row read so far; owned here */
	size_t nrows, cap;
	size_t next;             /* the consumer's position */
	int waiting;             /* the consumer sleeps on `more` */
	int done, rc;            /* the reader finished, with this result */
	struct err e;            /* the reader's error when rc != 0 */
};

static void add_row(void *ctx, const struct sheet_row *row)
{
	struct sheet_stream *s = ctx;
	pthread_mutex_lock(&s->mu);
	if (s->nrows == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->rows = xrealloc(s->rows, s->cap * sizeof *s->rows);
	}
	s->rows[s->nrows++] = *row;
	if (s->waiting)
		pthread_cond_signal(&s->more);
	pthread_mutex_unlock(&s->mu);
}

static void *read_file(void *arg)
{
	struct sheet_stream *s = arg;
	struct err e = {0};
	enum sheet_encoding enc = SHEET_UTF8;
	struct sheet_builder *sb = sheetb_new_sink(add_row, s);
	int rc = sheet_parse_data(s->path, s->data, s->len, sb, &enc, &e);
	sheetb_discard(sb);
	pthread_mutex_lock(&s->mu);
	s->done = 1;
	s->rc = rc;
	s->e = e;
	pthread_cond_signal(&s->more);
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

int sheet_stream_open(const char *path, struct sheet_stream **out, struct err *e)
{
	*out = NULL;
	struct sheet_stream *s = xcalloc(1, sizeof *s);
	if (sheet_load_file(path, &s->data, &s->len, e)) {
		free(s);
		return e->code;
	}
	s->path = xstrdup(path);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->more, NULL);
	s->threaded = pthread_create(&s->thread, NULL, read_file, s) == 0;
	if (!s->threaded) /* no thread to spare: read it here, then serve the rows */
		read_file(s);
	*out = s;
	return 0;
}

int sheet_stream_next(struct sheet_stream *s, struct sheet_row *row, struct err *e)
{
	int got;
	pthread_mutex_lock(&s->mu);
	while (s->next == s->nrows && !s->done) {
		s->waiting = 1;
		pthread_cond_wait(&s->more, &s->mu);
		s->waiting = 0;
	}
	if (s->next < s->nrows) {
		*row = s->rows[s->next++];
		got = 1;
	} else if (s->rc) {
		*e = s->e;
		got = -1;
	} else {
		got = 0;
	}
	pthread_mutex_unlock(&s->mu);
	return got;
}

void sheet_stream_close(struct sheet_stream *s)
{
	if (!s)
		return;
	if (s->threaded)
		pthread_join(s->thread, NULL);
	for (size_t i = 0; i < s->nrows; i++)
		free(s->rows[i].cells);
	free(s->rows);
	free(s->data);
	free(s->path);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->more);
	free(s);
}
