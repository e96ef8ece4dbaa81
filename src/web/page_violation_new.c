/*
 * page_violation_new.c — recording a violation in the browser: the person
 * by 職員番号 (within the recorder's scope: someone outside it is refused
 * with the same words as an unknown number), the clause (optional) and what
 * happened.  violation_record decides the rest and tells the person's
 * 情報セキュリティ管理者; a refusal comes back above the form (422) with the
 * values kept, nothing written.
 */
#include <stdlib.h>
#include <string.h>

#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"
#include "web/vio_view.h"

static void form_page(struct web_req *rq, struct web_resp *rs, int status, const char *problem)
{
	const char *staff = form_get(&rq->body, "staff"), *clause = form_get(&rq->body, "clause");
	const char *description = form_get(&rq->body, "description");
	page_begin(rq, rs, "違反の記録");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/violations\">違反への対応</a></p>\n<h1>違反の記録</h1>\n"
		    "<p class=\"note\">記録すると、その職員の課の情報セキュリティ管理者への通知が記録されます（7.6(2)）。"
		    "職員本人はこの記録を見られません。</p>\n");
	if (problem)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", problem);
	buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/violations/new\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<label for=\"v-staff\">違反した職員の職員番号</label>"
		       "<input id=\"v-staff\" name=\"staff\" type=\"text\" value=\"%s\" required>"
		       "<label for=\"v-clause\">違反した条項（対策基準の番号、分かれば）</label>"
		       "<input id=\"v-clause\" name=\"clause\" type=\"text\" value=\"%s\">"
		       "<label for=\"v-desc\">内容</label>"
		       "<textarea id=\"v-desc\" name=\"description\" rows=\"4\" required>%s</textarea>"
		       "<button type=\"submit\">記録する</button></form>\n",
		    staff ? staff : "", clause ? clause : "", description ? description : "");
	layout_end(b);
}

void page_violation_new_get(struct web_req *rq, struct web_resp *rs)
{
	form_page(rq, rs, 200, NULL);
}

void page_violation_new_post(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	if (vio_record(rq, form_get(&rq->body, "staff"), form_get(&rq->body, "clause"),
		       form_get(&rq->body, "description"), &no, &o, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (o.status) {
		form_page(rq, rs, o.status, o.msg);
	} else {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/violations/");
		url_encode(&to, no);
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	free(no);
	case_outcome_free(&o);
}
