/*
 * san_report.c — the report of a sanitisation, shared by mail and files:
 * what was removed, what looked wrong, and the mail's attachments.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "tools/sanitize.h"
#include "util/json.h"

void san_report_add(struct san_item **v, size_t *n, const char *what, const char *where,
		    const char *detail_fmt, ...)
{
	struct buf detail = {0};
	va_list ap;
	va_start(ap, detail_fmt);
	buf_vprintf(&detail, detail_fmt, ap);
	va_end(ap);
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[*n] = (struct san_item){xstrdup(what), xstrdup(where ? where : ""),
				     buf_take(&detail)};
	(*n)++;
}

static void items_free(struct san_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].what);
		free(v[i].where);
		free(v[i].detail);
	}
	free(v);
}

void san_report_free(struct san_report *r)
{
	items_free(r->removed, r->nremoved);
	items_free(r->warnings, r->nwarnings);
	for (size_t i = 0; i < r->nattachments; i++) {
		free(r->attachments[i].name);
		free(r->attachments[i].declared_type);
		free(r->attachments[i].detected_type);
	}
	free(r->attachments);
	free(r->detected_type);
	free(r->virus);
	*r = (struct san_report){0};
}

static void items_json(struct json_writer *w, const char *key, const struct san_item *v,
		       size_t n)
{
	jw_key(w, key);
	jw_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_object_begin(w);
		jw_kv_string(w, "detail", v[i].detail);
		jw_kv_string(w, "what", v[i].what);
		jw_kv_string(w, "where", v[i].where);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void attachments_json(struct json_writer *w, const struct san_report *r)
{
	jw_key(w, "attachments");
	jw_array_begin(w);
	for (size_t i = 0; i < r->nattachments; i++) {
		const struct san_attachment *a = &r->attachments[i];
		jw_object_begin(w);
		jw_kv_string(w, "declared_type", a->declared_type);
		jw_kv_string(w, "detected_type", a->detected_type);
		jw_kv_string(w, "name", a->name);
		jw_kv_string(w, "sha256", a->sha256);
		jw_kv_int(w, "size", (long long)a->size);
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* Keys in sorted order, like every JSON mamori writes. */
void san_report_json(const struct san_report *r, const char *kind, const char *input,
		     const char *output, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	if (kind[0] == 'm')
		attachments_json(&w, r);
	if (r->detected_type)
		jw_kv_string(&w, "detected_type", r->detected_type);
	jw_kv_string(&w, "input", input);
	jw_kv_string(&w, "kind", kind);
	jw_kv_string(&w, "output", output);
	items_json(&w, "removed", r->removed, r->nremoved);
	jw_key(&w, "scanned");
	jw_raw(&w, r->scanned ? "true" : "false");
	jw_kv_string(&w, "virus", r->virus);
	items_json(&w, "warnings", r->warnings, r->nwarnings);
	jw_object_end(&w);
	buf_putc(out, '\n');
}

static void items_text(struct buf *out, const char *title, const struct san_item *v, size_t n)
{
	if (n == 0)
		return;
	buf_printf(out, "%s（%zu 件）\n", title, n);
	for (size_t i = 0; i < n; i++)
		buf_printf(out, "  - %s%s%s%s\n", v[i].detail, v[i].where[0] ? "（" : "", v[i].where,
			   v[i].where[0] ? "）" : "");
}

void san_report_text(const struct san_report *r, const char *kind, const char *input,
		     const char *output, struct buf *out)
{
	buf_printf(out, "%s: %s → %s\n", kind[0] == 'm' ? "メール無害化" : "ファイル無害化", input,
		   output);
	if (r->detected_type)
		buf_printf(out, "判定した形式: %s\n", r->detected_type);
	if (r->scanned)
		buf_printf(out, "ウイルス検査: %s\n", r->virus ? r->virus : "検出なし（前後とも）");
	if (r->nattachments) {
		buf_printf(out, "削除した添付ファイル（%zu 件）\n", r->nattachments);
		for (size_t i = 0; i < r->nattachments; i++) {
			const struct san_attachment *a = &r->attachments[i];
			buf_printf(out, "  - %s  %zu バイト  申告 %s  判定 %s  SHA-256 %s\n",
				   a->name[0] ? a->name : "（名前なし）", a->size, a->declared_type,
				   a->detected_type, a->sha256);
		}
	}
	items_text(out, "取り除いたもの", r->removed, r->nremoved);
	items_text(out, "注意", r->warnings, r->nwarnings);
	if (!r->nremoved && !r->nattachments && !r->nwarnings)
		buf_puts(out, "取り除くものはありませんでした。\n");
}
