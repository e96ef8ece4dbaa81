#include "util/json.h"

#include <string.h>

void json_string(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	if (!s) {
		buf_puts(b, "null");
		return;
	}
	buf_putc(b, '"');
	const char *run = s; /* copy unescaped runs in one append */
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		buf_append(b, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\f': buf_puts(b, "\\f"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		default: {
			char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
			buf_puts(b, esc);
		}
		}
	}
	buf_append(b, run, strlen(run));
	buf_putc(b, '"');
}

void json_key(struct buf *b, const char *key)
{
	json_string(b, key);
	buf_putc(b, ':');
}

void json_int(struct buf *b, long long v)
{
	buf_put_int(b, v);
}

void jw_init(struct json_writer *w, struct buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

/* A value is about to be written at the current level: comma if not first. */
static void before_value(struct json_writer *w)
{
	if (w->need_comma[w->depth])
		buf_putc(w->b, ',');
	w->need_comma[w->depth] = 1;
}

static void open(struct json_writer *w, char c)
{
	before_value(w);
	buf_putc(w->b, c);
	if (w->depth < 31)
		w->depth++;
	w->need_comma[w->depth] = 0;
}

static void close_(struct json_writer *w, char c)
{
	buf_putc(w->b, c);
	if (w->depth > 0)
		w->depth--;
}

void jw_object_begin(struct json_writer *w) { open(w, '{'); }
void jw_object_end(struct json_writer *w) { close_(w, '}'); }
void jw_array_begin(struct json_writer *w) { open(w, '['); }
void jw_array_end(struct json_writer *w) { close_(w, ']'); }

void jw_key(struct json_writer *w, const char *key)
{
	before_value(w);
	json_key(w->b, key);
	/* the value that follows must not add another comma */
	w->need_comma[w->depth] = 0;
}

static void after_key_value(struct json_writer *w)
{
	w->need_comma[w->depth] = 1;
}

void jw_string(struct json_writer *w, const char *s)
{
	before_value(w);
	json_string(w->b, s);
	after_key_value(w);
}

void jw_int(struct json_writer *w, long long v)
{
	before_value(w);
	json_int(w->b, v);
	after_key_value(w);
}

void jw_raw(struct json_writer *w, const char *json)
{
	jw_raw_n(w, json, strlen(json));
}

void jw_raw_n(struct json_writer *w, const char *json, size_t len)
{
	before_value(w);
	buf_append(w->b, json, len);
	after_key_value(w);
}

void jw_kv_string(struct json_writer *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void jw_kv_int(struct json_writer *w, const char *key, long long v)
{
	jw_key(w, key);
	jw_int(w, v);
}
