/*
 * form.h — name=value pairs of an application/x-www-form-urlencoded body or
 * a query string, decoded (percent escapes, '+' as space).
 *
 * A pure function over bytes so that it can be fuzzed (tests/fuzz/fuzz_form.c):
 * it never reads past len, and it refuses input a browser would not send
 * (bad escapes, invalid UTF-8, NUL bytes, too many fields) rather than
 * guessing what was meant.
 */
#ifndef MAMORI_WEB_FORM_H
#define MAMORI_WEB_FORM_H

#include <stddef.h>

/* More fields than any of mamori's forms has; a cap on work per request. */
#define FORM_MAX_FIELDS 256

struct form_field {
	char *name;
	char *value;
};

struct form {
	size_t n;
	struct form_field *v;
};

/* Returns 0, or -1 when the input is malformed (out is then empty). */
int form_parse(const char *data, size_t len, struct form *out);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
void form_free(struct form *f);

#endif
