/*
 * buf.h — a growable byte buffer, always NUL-terminated.
 *
 * Used for building SQL, JSON and text output.  Allocation failure aborts:
 * mamori cannot do anything useful out of memory, and checking every append
 * would bury the logic.
 */
#ifndef MAMORI_BUF_H
#define MAMORI_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* buf_printf, or nothing at all (not even the formatting) when b is NULL:
 * for output only some runs want, such as an import's dry-run diff. */
void buf_printf_opt(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes v in decimal into out (NUL-terminated); returns the length.
 * Hot paths use this and buf_put_int instead of printf. */
int fmt_int(long long v, char out[24]);
/* Appends a decimal integer. */
void buf_put_int(struct buf *b, long long v);
void buf_reset(struct buf *b);   /* len = 0, keeps memory */
/* One CSV field (RFC 4180: quoted only when it must be), then "," or CRLF. */
void buf_csv_field(struct buf *b, const char *s, int last);
void buf_free(struct buf *b);
const char *buf_str(const struct buf *b); /* "" when empty */
/* Hands the string to the caller (must free); leaves b empty. */
char *buf_take(struct buf *b);

/* Allocation helpers that abort on failure (see above). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
