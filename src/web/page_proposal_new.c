/*
 * page_proposal_new.c — GET/POST /proposals/new: 改定を提案する.  The form
 * names the clause, what should change and why, and what showed it (a
 * self-inspection campaign, an audit or its finding, an incident); the core
 * links the proposal to the policy version in force.  Refused input comes
 * back with the values kept (422) and nothing written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/timeutil.h"
#include "web/annual_web.h"
#include "web/annual_web_proposal.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

static const char *value(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);
	return v ? v : "";
}

static void text_area(struct buf *b, const struct form *f, const char *name, const char *label, const char *hint)
{
	html_printf(b, "<label for=\"ar-%s\">%s<span class=\"req\">必須</span></label>"
		       "<span class=\"note\" id=\"ar-%s-hint\">%s</span>"
		       "<textarea id=\"ar-%s\" name=\"%s\" rows=\"4\" required aria-describedby=\"ar-%s-hint\">%s</textarea>",
		    name, label, name, hint, name, name, name, value(f, name));
}

static void source_field(struct buf *b, const struct form *f)
{
	static const char *const ids[] = {"inspect", "audit", "incident", "other"};
	const char *cur = value(f, "source");
	buf_puts(b, "<label for=\"ar-source\">きっかけ<span class=\"req\">必須</span></label>"
		    "<select id=\"ar-source\" name=\"source\">");
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		html_printf(b, strcmp(cur, ids[i]) == 0 ? "<option value=\"%s\" selected>%s</option>"
							: "<option value=\"%s\">%s</option>",
			    ids[i], proposal_source_label(ids[i]));
	buf_puts(b, "</select>");
}

static void show_form(struct web_req *rq, struct web_resp *rs, const struct form *f, int status, const char *error)
{
	char today[11];
	time_today(today);
	page_begin(rq, rs, "改定を提案する");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/proposals\">ポリシー改定の提案</a></p>\n<h1>改定を提案する</h1>\n"
		    "<p class=\"note\">提案は、その時点で決裁済みの最新のポリシーの版に結び付けて記録され、"
		    "CISO・副CISO・委員会が採否を決めます。</p>\n");
	if (error)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/proposals/new\">");
	layout_csrf_field(b, rq);
	const char *fy = value(f, "fy");
	char def[16];
	snprintf(def, sizeof def, "%d", fiscal_year(today));
	html_printf(b, "<label for=\"ar-fy\">年度</label><input id=\"ar-fy\" name=\"fy\" value=\"%s\" size=\"8\">"
		       "<label for=\"ar-clause\">条項<span class=\"req\">必須</span></label>"
		       "<span class=\"note\" id=\"ar-clause-hint\">対策基準の条項番号（例: 7.4.1。<a href=\"/catalog\">条項の一覧</a>）</span>"
		       "<input id=\"ar-clause\" name=\"clause\" value=\"%s\" required aria-describedby=\"ar-clause-hint\">",
		    *fy ? fy : def, value(f, "clause"));
	text_area(b, f, "proposal", "提案（何をどう改めるか）", "改める規定と、改めた後の内容");
	text_area(b, f, "reason", "理由", "自己点検・監査の結果、インシデントなど、見直しが必要な理由");
	source_field(b, f);
	html_printf(b, "<label for=\"ar-ref\">参照する番号</label>"
		       "<span class=\"note\" id=\"ar-ref-hint\">自己点検（S2026-01）、監査（A2026-000001）・指摘（A2026-000001-F01）、"
		       "インシデント（I2026-000003）の番号。その他なら空欄</span>"
		       "<input id=\"ar-ref\" name=\"ref\" value=\"%s\" aria-describedby=\"ar-ref-hint\">",
		    value(f, "ref"));
	buf_puts(b, "<button type=\"submit\">提案する</button></form>\n");
	layout_end(b);
}

static int may_add(struct web_req *rq, struct web_resp *rs)
{
	if (proposal_may(&rq->user->roles, rq->user->staff.id, PROPOSAL_ADD))
		return 1;
	web_error(rq, rs, 403, "forbidden",
		  "改定の提案は統括情報セキュリティ責任者、CISO、副CISO、監査統括責任者、委員会の委員が行います");
	return 0;
}

void page_proposal_new_get(struct web_req *rq, struct web_resp *rs)
{
	if (may_add(rq, rs))
		show_form(rq, rs, &rq->query, 200, NULL); /* a link may fill it in */
}

void page_proposal_new_post(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	if (!may_add(rq, rs))
		return;
	if (annual_web_proposal_add(rq, &rq->body, &no, &o, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (o.status) {
		show_form(rq, rs, &rq->body, o.status, o.msg);
	} else {
		struct buf to = BUF_INIT;
		annual_web_proposal_href(&to, no);
		buf_puts(&to, "?r=added");
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	free(no);
	case_outcome_free(&o);
}
