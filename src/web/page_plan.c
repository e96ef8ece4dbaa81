/*
 * page_plan.c — reading the 緊急時対応計画 (guideline 7.3): the page, the
 * documents to download and /api/v1/plan.  Everyone signed in may read it;
 * contact details are masked for the reader (plan_view.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy_pdf.h"
#include "core/policy_write.h"
#include "web/api_json.h"
#include "web/pages.h"
#include "web/plan_view.h"
#include "web/response.h"
#include "web/url.h"

/* A version number from text ("3"); 0 when it is not one. */
static long long version_of(const char *s)
{
	char *end;
	if (!s || !*s)
		return 0;
	long long v = strtoll(s, &end, 10);
	return *end || v <= 0 ? 0 : v;
}

void page_plan(struct web_req *rq, struct web_resp *rs)
{
	const char *asked = form_get(&rq->query, "version");
	long long version = version_of(asked);
	if (asked && *asked && !version) {
		web_error(rq, rs, 400, "bad_parameter", "版の番号は 1 以上の数字で指定してください");
		return;
	}
	struct plan_view v;
	if (plan_view_load(rq, rs, version, &v))
		return;
	plan_page(rq, rs, &v, 200, NULL);
	plan_view_free(&v);
}

/* The JSON of a version (core's plan_json, on the masked data). */
static int version_json(const struct plan_view *v, struct buf *out, struct err *e)
{
	return plan_json(&v->ctx, v->shown, out, e);
}

void api_plan(struct web_req *rq, struct web_resp *rs)
{
	struct plan_view v;
	struct err e = {0};
	const char *asked = form_get(&rq->query, "version");
	if (asked && *asked && !version_of(asked)) {
		web_error(rq, rs, 400, "bad_parameter", "版の番号は 1 以上の数字で指定してください");
		return;
	}
	if (plan_view_load(rq, rs, version_of(asked), &v))
		return;
	if (!v.shown) {
		web_error(rq, rs, 404, "not_found", "緊急時対応計画がまだありません");
	} else if (version_json(&v, &rs->body, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		rs->status = 200;
		rs->content_type = "application/json; charset=utf-8";
		rs->no_store = 1;
	}
	plan_view_free(&v);
}

struct plan_format {
	const char *id, *ext, *content_type;
};

static const struct plan_format plan_formats[] = {
	{"html", "html", "text/html; charset=utf-8"},
	{"md", "md", "text/markdown; charset=utf-8"},
	{"pdf", "pdf", "application/pdf"},
	{"json", "json", "application/json; charset=utf-8"},
};

/* attachment; filename="mamori-plan-3.pdf"; filename*=UTF-8''緊急時対応計画_第3版.pdf
 * (the ASCII name for old clients, the Japanese one for the rest, RFC 6266). */
static char *disposition(const struct pdoc *d, long long version, const char *ext)
{
	struct buf b = BUF_INIT, name = BUF_INIT;
	buf_printf(&b, "attachment; filename=\"mamori-plan-%lld.%s\"; filename*=UTF-8''", version, ext);
	buf_printf(&name, "%s_第%lld版.%s", d->title, version, ext);
	url_encode(&b, buf_str(&name));
	buf_free(&name);
	return buf_take(&b);
}

static int write_format(const struct plan_view *v, const struct plan_format *f, const struct pdoc *d,
			struct buf *out, struct err *e)
{
	if (strcmp(f->id, "json") == 0)
		return version_json(v, out, e);
	if (strcmp(f->id, "pdf") == 0)
		return policy_pdf_write(d, out, e);
	if (strcmp(f->id, "md") == 0)
		policy_write_md(d, out);
	else
		policy_write_html(d, out);
	return 0;
}

void page_plan_download(struct web_req *rq, struct web_resp *rs)
{
	const char *f = form_get(&rq->query, "format");
	const struct plan_format *pf = NULL;
	for (size_t i = 0; f && i < sizeof plan_formats / sizeof plan_formats[0]; i++)
		if (strcmp(f, plan_formats[i].id) == 0)
			pf = &plan_formats[i];
	long long version = version_of(rq->id);
	if (!version) {
		web_error(rq, rs, 404, "not_found", "緊急時対応計画のその版はありません");
		return;
	}
	struct plan_view v;
	struct pdoc d;
	struct err e = {0};
	if (plan_view_load(rq, rs, version, &v))
		return;
	if (!pf) {
		web_error(rq, rs, 400, "bad_format", "形式は html、md、pdf、json のいずれかを指定してください");
	} else if (plan_document(&v.ctx, v.shown, &d, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		if (write_format(&v, pf, &d, &rs->body, &e)) {
			web_internal_error(rq, rs, &e);
		} else {
			rs->status = 200;
			rs->content_type = pf->content_type;
			rs->no_store = 1;
			rs->disposition = disposition(&d, version, pf->ext);
		}
		pdoc_free(&d);
	}
	plan_view_free(&v);
}
