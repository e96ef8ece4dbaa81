/*
 * inspect_web_answer.c — the page of one checklist, drawn alike for the
 * signed-in respondent (/inspect/{id}/answer) and for the one-time link
 * (/inspect/link/{token}) (inspect_web.h); the answers are saved and
 * submitted through core's inspect_answer_write (core/inspect_write.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "util/html.h"
#include "web/inspect_web.h"
#include "web/layout.h"

static const char *notice_of(const struct web_req *rq)
{
	const char *done = form_get(&rq->query, "done");
	if (!done)
		return NULL;
	if (strcmp(done, "saved") == 0)
		return "回答を一時保存しました。";
	if (strcmp(done, "submitted") == 0)
		return "回答を提出しました。ご協力ありがとうございました。";
	return NULL;
}

static void heading(struct buf *b, const struct inspect_checklist *c)
{
	html_printf(b, "<h1>%s</h1>\n<dl class=\"ins-meta\"><dt>番号</dt><dd>%s</dd><dt>回答する役割</dt><dd>%s</dd>"
		       "<dt>回答期限</dt><dd>",
		    c->campaign.title, c->campaign.campaign_no, vocab_label(&vocab_role, c->resp.role));
	layout_date(b, c->campaign.due_on);
	html_printf(b, "</dd><dt>設問</dt><dd>%zu 問</dd></dl>\n", c->n);
}

void inspect_web_answer_page(struct web_req *rq, struct web_resp *rs, const struct inspect_web_view *v)
{
	struct web_req anon = *rq;
	if (v->public_page)
		anon.user = NULL; /* no navigation, even with a session in the browser */
	rs->status = v->status;
	rs->content_type = NULL;
	rs->no_store = 1;
	struct buf *b = &rs->body;
	layout_begin(b, &anon, "自己点検の回答");
	heading(b, v->c);
	const char *notice = notice_of(rq);
	if (notice && !v->error)
		html_printf(b, "<p class=\"ins-notice\" role=\"status\">%s</p>\n", notice);
	if (v->error)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", v->error);
	struct err why = {0};
	int readonly = inspect_may_answer(&v->c->campaign, &v->c->resp, &why) != 0;
	if (readonly && !v->error)
		html_printf(b, "<p class=\"ins-notice\">%s</p>\n", why.msg);
	else if (!readonly)
		buf_puts(b, "<p class=\"ins-how\">各設問について、実施・一部実施・未実施・該当なしのいずれかを選んでください。"
			    "途中で「一時保存」すれば、続きは後からでも回答できます。</p>\n");
	inspect_web_form(b, &rq->shared->catalog, v->c, inspect_web_part(rq, v->c), v->action, v->csrf, v->shown, readonly);
	layout_end(b);
}
