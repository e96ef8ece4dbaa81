/*
 * json.h — writing JSON, canonically.
 *
 * The journal's contract needs canonical JSON: keys sorted, UTF-8 as is, no
 * insignificant whitespace.  The writer does not sort: callers emit keys in
 * sorted order (the table registry keeps columns sorted).  Escaping follows
 * RFC 8785: only '"', '\\' and control characters are escaped, control
 * characters as \b \f \n \r \t or \u00xx.
 *
 * Reading JSON (model files, API bodies) uses cJSON.
 */
#ifndef MAMORI_JSON_H
#define MAMORI_JSON_H

#include "util/buf.h"

void json_string(struct buf *b, const char *s);     /* "…" with escapes; NULL → null */
void json_key(struct buf *b, const char *key);      /* "key": */
void json_int(struct buf *b, long long v);

/* A small helper for writing objects and arrays with commas in the right places. */
struct json_writer {
	struct buf *b;
	int depth;
	int need_comma[32];
};

void jw_init(struct json_writer *w, struct buf *b);
void jw_object_begin(struct json_writer *w);
void jw_object_end(struct json_writer *w);
void jw_array_begin(struct json_writer *w);
void jw_array_end(struct json_writer *w);
void jw_key(struct json_writer *w, const char *key);
void jw_string(struct json_writer *w, const char *s);
void jw_int(struct json_writer *w, long long v);
void jw_raw(struct json_writer *w, const char *json);
void jw_raw_n(struct json_writer *w, const char *json, size_t len);
/* key + value shorthands */
void jw_kv_string(struct json_writer *w, const char *key, const char *s);
void jw_kv_int(struct json_writer *w, const char *key, long long v);

#endif
