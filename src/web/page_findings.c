/*
 * page_findings.c — 点検結果: what `mamori check` finds, grouped by the
 * clause it enforces, each clause linking to its catalog page.  Computed
 * afresh on every request (nothing is cached across requests yet).
 */
#include <string.h>

#include "core/check.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/url.h"

static const char *severity_label(enum severity s)
{
	return s == SEV_ERROR ? "要対応" : "注意";
}

void page_findings(struct web_req *rq, struct web_resp *rs)
{
	struct findings f = {0};
	struct catalog c = {0};
	struct err e = {0};
	if (check_run(rq->db, &f, &e) || catalog_load(&c, &e)) {
		findings_free(&f);
		web_internal_error(rq, rs, &e);
		return;
	}
	page_begin(rq, rs, "点検結果");
	struct buf *b = &rs->body;
	html_printf(b, "<h1>点検結果</h1>\n<p>ガイドラインに照らした点検で %zu 件の指摘があります。</p>\n",
		    f.n);
	/* findings come in rule order; gather each clause's findings in turn */
	for (size_t i = 0; i < f.n; i++) {
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(f.v[j].control, f.v[i].control) == 0;
		if (seen)
			continue;
		const struct catalog_entry *en = catalog_find(&c, f.v[i].control);
		struct buf href = BUF_INIT;
		buf_puts(&href, "/catalog/");
		url_encode(&href, f.v[i].control);
		html_printf(b, "<section class=\"clause\"><h2><a href=\"%s\">%s</a> %s</h2>\n<ul>\n",
			    buf_str(&href), f.v[i].control, en ? en->title : "");
		buf_free(&href);
		for (size_t j = i; j < f.n; j++) {
			if (strcmp(f.v[j].control, f.v[i].control) != 0)
				continue;
			html_printf(b, "<li class=\"%s\"><span class=\"sev\">%s</span> %s"
				       " <span class=\"subject\">（%s）</span></li>\n",
				    f.v[j].severity == SEV_ERROR ? "error" : "warning",
				    severity_label(f.v[j].severity), f.v[j].message, f.v[j].subject);
		}
		buf_puts(b, "</ul></section>\n");
	}
	layout_end(b);
	catalog_free(&c);
	findings_free(&f);
}
