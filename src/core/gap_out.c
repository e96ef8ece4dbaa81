/*
 * gap_out.c — evidence, JSON and CSV of a gap report (gap_out.h).
 */
#include "core/gap_out.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "util/doctext.h"
#include "util/json.h"

#define EXCERPT_CHARS 60 /* of the passage quoted beside its path */

void gap_excerpt(struct buf *b, const char *s, int n)
{
	size_t used;
	int count = 0;
	while (*s && count < n) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
		used = k > 0 ? (size_t)k : 1;
		if (c == '\n' || c == '\t' || c == '\r')
			buf_putc(b, ' ');
		else
			buf_append(b, s, used);
		s += used;
		count++;
	}
	if (*s)
		buf_puts(b, "…");
}

char *gap_evidence(const struct policy_doc *doc, const struct gap_result *r)
{
	if (r->passage < 0)
		return xstrdup("");
	const struct ps_node *n = &doc->v[r->passage];
	struct buf b = BUF_INIT;
	buf_puts(&b, n->path);
	buf_puts(&b, "「");
	if (*n->caption && *n->text)
		buf_printf(&b, "（%s）", n->caption);
	gap_excerpt(&b, *n->text ? n->text : n->caption, EXCERPT_CHARS);
	buf_puts(&b, "」");
	return buf_take(&b);
}

void gap_score_text(struct buf *b, double s)
{
	if (s < 0)
		s = 0;
	if (s > 1)
		s = 1;
	buf_printf(b, "%.2f", s);
}

const char *gap_part_label(const char *part)
{
	return !part ? "基本方針と対策基準" : strcmp(part, "basic") == 0 ? "基本方針" : "対策基準";
}

void gap_write_json(const struct policy_doc *doc, const struct gap_report *rep, struct buf *out)
{
	struct buf num = BUF_INIT;
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	jw_key(&w, "controls");
	jw_array_begin(&w);
	for (size_t i = 0; i < rep->n; i++) {
		const struct gap_result *r = &rep->v[i];
		char *ev = gap_evidence(doc, r);
		jw_object_begin(&w);
		jw_kv_string(&w, "evidence", ev);
		jw_kv_string(&w, "id", r->entry->id);
		jw_key(&w, "score");
		buf_reset(&num);
		gap_score_text(&num, r->score);
		jw_raw(&w, buf_str(&num));
		jw_kv_string(&w, "status", gap_status_key(r->status));
		jw_object_end(&w);
		free(ev);
	}
	jw_array_end(&w);
	jw_object_end(&w);
	buf_putc(out, '\n');
	buf_free(&num);
}

void gap_write_csv(const struct policy_doc *doc, const struct gap_report *rep, int statuses,
		   struct buf *out)
{
	struct buf num = BUF_INIT;
	buf_puts(out, "id,status,score,title,evidence\r\n");
	for (size_t i = 0; i < rep->n; i++) {
		const struct gap_result *r = &rep->v[i];
		if (!(statuses & GAP_BIT(r->status)))
			continue;
		char *ev = gap_evidence(doc, r);
		buf_reset(&num);
		gap_score_text(&num, r->score);
		buf_csv_field(out, r->entry->id, 0);
		buf_csv_field(out, gap_status_key(r->status), 0);
		buf_csv_field(out, buf_str(&num), 0);
		buf_csv_field(out, r->entry->title, 0);
		buf_csv_field(out, ev, 1);
		free(ev);
	}
	buf_free(&num);
}

int gap_read_policy_mem(const char *name, const char *data, size_t len, struct policy_doc *out,
			struct err *e)
{
	struct doctext d;
	memset(out, 0, sizeof *out);
	if (doctext_read_mem(name, data, len, &d, e))
		return e->code;
	int rc = policy_split(name, &d, out, e);
	doctext_free(&d);
	return rc;
}
