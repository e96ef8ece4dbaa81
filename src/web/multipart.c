/*
 * multipart.c — splitting a multipart/form-data body (multipart.h).
 *
 * The body is: an optional preamble, then "--B" CRLF headers CRLF CRLF
 * content, each part ended by CRLF "--B", and the last delimiter followed by
 * "--".  Headers other than Content-Disposition and Content-Type are
 * ignored, as RFC 7578 says receivers may.
 */
#include "web/multipart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/fold.h"

#define BOUNDARY_MAX 70
/* Far beyond what a browser sends for one part's headers. */
#define HEADER_BLOCK_MAX 8192
#define PART_TYPE_MAX 255

/* One part's headers, as far as mamori uses them. */
struct part_head {
	char *name;
	char *filename; /* NULL: a text field */
	char *content_type;
};

static void part_head_free(struct part_head *h)
{
	free(h->name);
	free(h->filename);
	free(h->content_type);
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* A quoted string (with backslash escapes) or a token, at *pp; advances. */
static char *param_value(const char **pp, const char *end)
{
	const char *p = *pp;
	struct buf b = {0};
	if (p < end && *p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			if (*p == '\\' && p + 1 < end)
				p++;
			buf_append(&b, p, 1);
		}
		if (p >= end) {
			buf_free(&b);
			return NULL;
		}
		p++;
	} else {
		const char *start = p;
		while (p < end && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		buf_append(&b, start, (size_t)(p - start));
	}
	*pp = p;
	if (memchr(buf_str(&b), '\0', b.len)) {
		buf_free(&b);
		return NULL; /* a NUL inside would cut the value short */
	}
	if (b.len == 0) {
		buf_free(&b);
		return xstrdup("");
	}
	return buf_take(&b);
}

/* Keeps what follows the last '/' or '\\' (old browsers send whole paths)
 * and replaces control characters, which no file name needs. */
static int clean_filename(char *name)
{
	char *base = name;
	for (char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	memmove(name, base, strlen(base) + 1);
	for (unsigned char *p = (unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '_';
	return utf8_valid(name, (long)strlen(name)) ? 0 : -1;
}

/* Stores one disposition parameter; -1 on a repeated name or filename. */
static int set_param(struct part_head *h, const char *key, size_t klen, char *value)
{
	char **slot = NULL;
	if (klen == 4 && strncasecmp(key, "name", 4) == 0)
		slot = &h->name;
	else if (klen == 8 && strncasecmp(key, "filename", 8) == 0)
		slot = &h->filename;
	if (!slot) { /* filename* and others: not used by browsers for forms */
		free(value);
		return 0;
	}
	if (*slot) {
		free(value);
		return -1;
	}
	*slot = value;
	return 0;
}

/* `form-data; name="x"; filename="y"` */
static int parse_disposition(const char *p, const char *end, struct part_head *h)
{
	p = skip_space(p, end);
	if ((size_t)(end - p) < 9 || strncasecmp(p, "form-data", 9) != 0)
		return -1;
	p += 9;
	for (;;) {
		p = skip_space(p, end);
		if (p == end)
			return 0;
		if (*p++ != ';')
			return -1;
		p = skip_space(p, end);
		const char *key = p;
		while (p < end && *p != '=' && *p != ';' && *p != ' ')
			p++;
		size_t klen = (size_t)(p - key);
		if (p == end || *p != '=' || klen == 0)
			return -1;
		p++;
		char *value = param_value(&p, end);
		if (!value || set_param(h, key, klen, value))
			return -1;
	}
}

/* The declared type, kept only when it is short printable ASCII. */
static char *part_type(const char *p, const char *end)
{
	p = skip_space(p, end);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	size_t n = (size_t)(end - p);
	if (n > PART_TYPE_MAX)
		return xstrdup("");
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return xstrdup("");
	char *s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

static int header_is(const char *line, size_t len, const char *name, const char **value)
{
	size_t n = strlen(name);
	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return 0;
	*value = line + n + 1;
	return 1;
}

static int parse_headers(const char *p, const char *end, struct part_head *h)
{
	while (p < end) {
		const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		const char *line_end = eol ? eol : end;
		const char *value;
		size_t len = (size_t)(line_end - p);
		if (header_is(p, len, "Content-Disposition", &value)) {
			if (parse_disposition(value, line_end, h))
				return -1;
		} else if (header_is(p, len, "Content-Type", &value)) {
			free(h->content_type);
			h->content_type = part_type(value, line_end);
		} else if (!memchr(p, ':', len)) {
			return -1; /* folded or broken header lines */
		}
		p = eol ? eol + 2 : end;
	}
	if (!h->name || !*h->name || !utf8_valid(h->name, (long)strlen(h->name)))
		return -1;
	return h->filename ? clean_filename(h->filename) : 0;
}

static int add_text(struct form *f, struct part_head *h, const unsigned char *data, size_t len)
{
	if (memchr(data, '\0', len) || !utf8_valid((const char *)data, (long)len))
		return -1;
	char *value = xmalloc(len + 1);
	memcpy(value, data, len);
	value[len] = '\0';
	f->v = xrealloc(f->v, (f->n + 1) * sizeof *f->v);
	f->v[f->n].name = h->name;
	f->v[f->n].value = value;
	f->n++;
	h->name = NULL;
	return 0;
}

static void add_file(struct web_uploads *u, struct part_head *h, const unsigned char *data,
		     size_t len)
{
	struct web_upload *up;
	u->v = xrealloc(u->v, (u->n + 1) * sizeof *u->v);
	up = &u->v[u->n++];
	up->field = h->name;
	up->filename = h->filename;
	up->content_type = h->content_type ? h->content_type : xstrdup("");
	up->data = xmalloc(len ? len : 1);
	if (len)
		memcpy(up->data, data, len);
	up->len = len;
	memset(h, 0, sizeof *h);
}

/* One part between its delimiters: headers, blank line, content. */
static int take_part(const unsigned char *p, size_t len, struct form *fields,
		     struct web_uploads *files)
{
	size_t limit = len < HEADER_BLOCK_MAX ? len : HEADER_BLOCK_MAX;
	const unsigned char *blank = memmem(p, limit, "\r\n\r\n", 4);
	struct part_head h = {0};
	int rc;
	if (!blank)
		return -1;
	rc = parse_headers((const char *)p, (const char *)blank, &h);
	if (rc == 0) {
		const unsigned char *content = blank + 4;
		size_t clen = len - (size_t)(content - p);
		if (h.filename)
			add_file(files, &h, content, clen);
		else
			rc = add_text(fields, &h, content, clen);
	}
	part_head_free(&h);
	return rc;
}

/* Walks the parts; -1 on anything malformed. */
static int walk_parts(const char *boundary, const unsigned char *body, size_t len,
		      struct form *fields, struct web_uploads *files)
{
	char delim[BOUNDARY_MAX + 5]; /* CRLF "--" boundary */
	size_t dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	const unsigned char *end = body + len, *p;
	/* the first delimiter may open the body, without the CRLF before it */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = memmem(body, len, delim, dlen)) != NULL)
		p += dlen;
	else
		return -1;
	for (size_t parts = 0;; parts++) {
		if (end - p >= 2 && memcmp(p, "--", 2) == 0)
			return 0; /* the closing delimiter; the epilogue is ignored */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || memcmp(p, "\r\n", 2) != 0 || parts >= FORM_MAX_FIELDS)
			return -1;
		p += 2;
		const unsigned char *next = memmem(p, (size_t)(end - p), delim, dlen);
		if (!next || take_part(p, (size_t)(next - p), fields, files))
			return -1; /* a body cut short has no closing delimiter */
		p = next + dlen;
	}
}

int multipart_parse(const char *boundary, const unsigned char *body, size_t len,
		     struct form *fields, struct web_uploads *files)
{
	memset(fields, 0, sizeof *fields);
	memset(files, 0, sizeof *files);
	size_t blen = strlen(boundary);
	if (blen == 0 || blen > BOUNDARY_MAX)
		return -1;
	if (walk_parts(boundary, body, len, fields, files) == 0)
		return 0;
	form_free(fields);
	web_uploads_free(files);
	return -1;
}

int multipart_boundary(const char *content_type, char *out, size_t n)
{
	const char *end = content_type + strlen(content_type);
	const char *p = content_type;
	if (strncasecmp(p, "multipart/form-data", 19) != 0)
		return -1;
	for (p += 19;;) {
		p = skip_space(p, end);
		if (p == end || *p++ != ';')
			return -1;
		p = skip_space(p, end);
		int is_boundary = (size_t)(end - p) > 9 && strncasecmp(p, "boundary=", 9) == 0;
		while (p < end && *p != '=')
			p++;
		if (p == end)
			return -1;
		p++;
		char *value = param_value(&p, end);
		if (!value)
			return -1;
		size_t len = strlen(value);
		if (is_boundary) {
			int ok = len > 0 && len <= BOUNDARY_MAX && len < n;
			if (ok)
				memcpy(out, value, len + 1);
			free(value);
			return ok ? 0 : -1;
		}
		free(value);
	}
}

void web_uploads_free(struct web_uploads *u)
{
	for (size_t i = 0; i < u->n; i++) {
		free(u->v[i].field);
		free(u->v[i].filename);
		free(u->v[i].content_type);
		free(u->v[i].data);
	}
	free(u->v);
	memset(u, 0, sizeof *u);
}
