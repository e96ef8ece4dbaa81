/*
 * form.c — decoding urlencoded forms and query strings (form.h).
 */
#include "web/form.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fold.h"
#include "util/hex.h"

/* Decodes s[0..len) into a new string; NULL when an escape is broken or the
 * result holds a NUL byte or is not UTF-8. */
static char *decode_part(const char *s, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi = i + 2 < len ? hex_digit(s[i + 1]) : -1;
			int lo = i + 2 < len ? hex_digit(s[i + 2]) : -1;
			if (hi < 0 || lo < 0) {
				free(out);
				return NULL;
			}
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == '\0') {
			free(out);
			return NULL;
		}
		out[o++] = c;
	}
	out[o] = '\0';
	if (!utf8_valid(out, (long)o)) {
		free(out);
		return NULL;
	}
	return out;
}

static int add_pair(struct form *f, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	size_t nlen = eq ? (size_t)(eq - s) : len;
	if (f->n >= FORM_MAX_FIELDS)
		return -1;
	char *name = decode_part(s, nlen);
	char *value = decode_part(eq ? eq + 1 : s + len, eq ? len - nlen - 1 : 0);
	if (!name || !value) {
		free(name);
		free(value);
		return -1;
	}
	f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
	f->v[f->n].name = name;
	f->v[f->n].value = value;
	f->n++;
	return 0;
}

int form_parse(const char *data, size_t len, struct form *out)
{
	memset(out, 0, sizeof *out);
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && data[i] != '&')
			continue;
		if (i > start && add_pair(out, data + start, i - start)) {
			form_free(out);
			return -1;
		}
		start = i + 1;
	}
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return f->v[i].value;
	return NULL;
}

void form_free(struct form *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].name);
		free(f->v[i].value);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}
