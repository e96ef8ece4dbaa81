/*
 * timeline_web.c — a case's timeline as a page shows it (timeline_web.h).
 */
#include "web/timeline_web.h"

#include <cjson/cJSON.h>
#include <stdio.h>

#include "util/html.h"
#include "util/timeutil.h"

void timeline_web_body(struct buf *b, const char *body, timeline_label_fn *key_label)
{
	cJSON *obj = cJSON_Parse(body && *body ? body : "{}");
	const cJSON *it;
	int n = 0;
	cJSON_ArrayForEach(it, obj)
	{
		if (!cJSON_IsString(it) || !*it->valuestring)
			continue;
		if (n++ == 0)
			buf_puts(b, "<dl class=\"case-step\">");
		html_printf(b, "<dt>%s</dt><dd>%s</dd>", key_label(it->string), it->valuestring);
	}
	if (n)
		buf_puts(b, "</dl>");
	cJSON_Delete(obj);
}

void timeline_web_steps(struct buf *b, const struct case_view_refs *r, const struct case_events *ev,
			timeline_label_fn *step_label, timeline_body_fn *body, const void *ctx)
{
	struct buf who = BUF_INIT;
	buf_puts(b, "<ol class=\"case-timeline\">\n");
	for (size_t i = 0; i < ev->n; i++) {
		const struct case_event *s = &ev->v[i];
		char at[17];
		if (time_jst_text(s->at, at))
			snprintf(at, sizeof at, "%s", s->at ? s->at : "");
		case_view_person(r, s->actor_id, &who);
		html_printf(b, "<li><time datetime=\"%s\">%s</time> <strong>%s</strong> %s", s->at ? s->at : "", at,
			    step_label(s->kind), who.len ? buf_str(&who) : "（システム）");
		body(b, s->body, ctx);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ol>\n");
	buf_free(&who);
}

/* A function pointer travels through the const void * as a struct. */
struct key_labels {
	timeline_label_fn *label;
};

static void labelled_body(struct buf *b, const char *body, const void *ctx)
{
	const struct key_labels *k = ctx;
	timeline_web_body(b, body, k->label);
}

void timeline_web(struct buf *b, const struct case_view_refs *r, const struct case_events *ev, const char *heading,
		  timeline_label_fn *step_label, timeline_label_fn *key_label)
{
	buf_puts(b, heading);
	if (!ev->n) {
		buf_puts(b, "<p>記録はありません。</p>\n");
		return;
	}
	struct key_labels k = {key_label};
	timeline_web_steps(b, r, ev, step_label, labelled_body, &k);
}
