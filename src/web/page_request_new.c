/*
 * page_request_new.c — filing a request in the browser: the types (from the
 * catalog), one type's form generated from its field definitions, and the
 * post, which files it as the signed-in person through request_file.
 *
 * The form checks only what it can say field by field (a required field
 * left empty, a target outside the person's reach); everything else is the
 * engine's decision, and its message is shown above the form.
 */
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/request_action.h"
#include "web/request_form.h"
#include "web/request_view.h"
#include "web/response.h"
#include "web/url.h"

void page_request_types(struct web_req *rq, struct web_resp *rs)
{
	size_t ntypes;
	const struct request_type *types = request_types_all(&ntypes);
	struct buf href = BUF_INIT;
	page_begin(rq, rs, "新しい申請");
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/requests\">申請・承認</a></p>\n<h1>新しい申請</h1>\n"
		    "<table class=\"list\">\n<caption>申請の種類</caption>\n<thead><tr>"
		    "<th scope=\"col\">種類</th><th scope=\"col\">対策基準</th>"
		    "<th scope=\"col\">決裁</th><th scope=\"col\">必要な項目</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < ntypes; i++) {
		const struct request_type *t = &types[i];
		struct buf roles = BUF_INIT, fields = BUF_INIT, clause = BUF_INIT;
		buf_reset(&href);
		buf_puts(&href, "/requests/new/");
		url_encode(&href, t->id);
		buf_puts(&clause, "/catalog/");
		url_encode(&clause, t->clause);
		for (int k = 0; k < REQUEST_MAX_APPROVERS && t->approvers[k]; k++)
			buf_printf(&roles, "%s%s", k ? " → " : "", vocab_label(&vocab_role, t->approvers[k]));
		for (int k = 0; k < REQUEST_MAX_FIELDS && t->fields[k].key; k++)
			buf_printf(&fields, "%s%s", k ? "、" : "", t->fields[k].label);
		html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td><a href=\"%s\">%s</a></td>"
			       "<td>%s</td><td>%s</td></tr>\n",
			    buf_str(&href), t->label, buf_str(&clause), t->clause, buf_str(&roles),
			    buf_str(&fields));
		buf_free(&roles);
		buf_free(&fields);
		buf_free(&clause);
	}
	buf_puts(b, "</tbody></table>\n");
	layout_end(b);
	buf_free(&href);
}

static const struct request_type *type_of(struct web_req *rq, struct web_resp *rs)
{
	const struct request_type *t = rq->id ? request_type_find(rq->id) : NULL;
	if (!t || strcmp(t->id, rq->id) != 0) {
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
		return NULL;
	}
	return t;
}

void page_request_form(struct web_req *rq, struct web_resp *rs)
{
	const struct request_type *t = type_of(rq, rs);
	struct request_form f;
	struct err e = {0};
	if (!t)
		return;
	request_form_init(&f, t, NULL);
	if (request_form_show(rq, rs, &f, 200, &e))
		web_internal_error(rq, rs, &e);
	request_form_free(&f);
}

void page_request_file(struct web_req *rq, struct web_resp *rs)
{
	const struct request_type *t = type_of(rq, rs);
	struct request_form f;
	struct err e = {0};
	if (!t)
		return;
	request_form_init(&f, t, &rq->body);
	if (request_form_check(rq, &f, &e)) {
		web_internal_error(rq, rs, &e);
		request_form_free(&f);
		return;
	}
	if (!f.nproblems) {
		char *no = NULL;
		int not_required = 0;
		if (request_act_file(rq, &f, &no, &not_required, &e) == 0) {
			struct buf to = BUF_INIT;
			buf_puts(&to, "/requests/");
			url_encode(&to, no);
			if (not_required)
				buf_puts(&to, "?filed=not_required");
			web_redirect(rs, buf_str(&to));
			buf_free(&to);
			free(no);
			request_form_free(&f);
			return;
		}
		if (e.code != ERR_INPUT) {
			web_internal_error(rq, rs, &e);
			request_form_free(&f);
			return;
		}
		request_form_problem(&f, NULL, e.msg);
	}
	struct err e2 = {0};
	if (request_form_show(rq, rs, &f, 400, &e2))
		web_internal_error(rq, rs, &e2);
	request_form_free(&f);
}
