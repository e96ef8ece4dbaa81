/*
 * page_policy_gap.c — ポリシー照合: upload the municipality's existing
 * 例規 (.txt .md .html .docx) and see, clause by clause, what it covers of
 * the guideline (core/gap.h), as `mamori policy gap` does.
 *
 * Nothing is stored: the file is analysed in memory and the answer is the
 * result page itself (200), or, with format=csv in the same form, the CSV
 * download of the same result.  The result page's CSV button is a second
 * form that posts the file again with format=csv (the browser asks for the
 * file once more), since keeping uploads on the server would be a write
 * nobody asked for.  Works without JavaScript; with it, /static/app.js shows
 * the upload's progress (data-upload).
 */
#include <stdlib.h>
#include <string.h>

#include "core/gap_out.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/policy_page.h"
#include "web/response.h"

/* The rows asked for (form field "show"), as GAP_BIT bits. */
struct show_choice {
	const char *id, *label;
	int statuses;
};

static const struct show_choice shows[] = {
	{"all", "すべて", GAP_ALL},
	{"gaps", "一部不足と未記載", GAP_BIT(GAP_PARTIAL) | GAP_BIT(GAP_MISSING)},
	{"missing", "未記載だけ", GAP_BIT(GAP_MISSING)},
	{"partial", "一部不足だけ", GAP_BIT(GAP_PARTIAL)},
	{"covered", "記載ありだけ", GAP_BIT(GAP_COVERED)},
};
#define NSHOWS (sizeof shows / sizeof shows[0])

static const struct show_choice *show_of(const struct web_req *rq)
{
	const char *s = form_get(&rq->body, "show");
	for (size_t i = 0; s && i < NSHOWS; i++)
		if (strcmp(s, shows[i].id) == 0)
			return &shows[i];
	return &shows[0];
}

static void option(struct buf *b, const char *value, const char *label, int selected)
{
	html_printf(b, selected ? "<option value=\"%s\" selected>%s</option>"
				: "<option value=\"%s\">%s</option>",
		    value, label);
}

/* The upload form; format "csv" makes it the CSV button of a result page. */
static void upload_form(struct buf *b, const struct web_req *rq, const char *format)
{
	const char *part = form_get(&rq->body, "part");
	const struct show_choice *show = show_of(rq);
	int csv = strcmp(format, "csv") == 0;
	buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/policy/gap\""
		    " enctype=\"multipart/form-data\" data-upload>");
	layout_csrf_field(b, rq);
	html_printf(b, "<input type=\"hidden\" name=\"format\" value=\"%s\">"
		       "<label for=\"g-file-%s\">例規のファイル（.txt、.md、.html、.docx。20 MiB まで）</label>"
		       "<input id=\"g-file-%s\" name=\"file\" type=\"file\" required"
		       " accept=\".txt,.md,.html,.htm,.docx\">"
		       "<label for=\"g-part-%s\">照合する範囲</label><select id=\"g-part-%s\" name=\"part\">",
		    format, format, format, format, format);
	option(b, "", "文書の内容から判断", !part || !*part);
	option(b, "basic", "基本方針", part && strcmp(part, "basic") == 0);
	option(b, "standard", "対策基準", part && strcmp(part, "standard") == 0);
	html_printf(b, "</select><label for=\"g-show-%s\">表示する条項</label>"
		       "<select id=\"g-show-%s\" name=\"show\">",
		    format, format);
	for (size_t i = 0; i < NSHOWS; i++)
		option(b, shows[i].id, shows[i].label, show == &shows[i]);
	buf_puts(b, csv ? "</select><button type=\"submit\">同じファイルを選んで CSV で書き出す</button></form>\n"
			: "</select><button type=\"submit\">照合する</button></form>\n");
}

static void gap_page(struct web_req *rq, struct web_resp *rs, int status, const char *error)
{
	page_begin(rq, rs, "ポリシー照合");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/policy\">ポリシー</a></p>\n<h1>ポリシー照合</h1>\n"
		    "<p>いまの情報セキュリティポリシー（例規）のファイルを選ぶと、ガイドラインの条項ごとに"
		    "記載あり・一部不足・未記載を判定します。ファイルはサーバーに保存しません。</p>\n");
	if (error)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", error);
	upload_form(b, rq, "html");
	layout_end(b);
}

void page_policy_gap_get(struct web_req *rq, struct web_resp *rs)
{
	gap_page(rq, rs, 200, NULL);
}

static void gap_counts(struct buf *b, const struct policy_gap_run *g)
{
	size_t count[3] = {0, 0, 0};
	for (size_t i = 0; i < g->rep.n; i++)
		count[g->rep.v[i].status]++;
	html_printf(b, "<dl class=\"facts\">\n<dt>ファイル</dt><dd>%s</dd>\n"
		       "<dt>対象</dt><dd>%s の %zu 条項%s</dd>\n<dt>%s</dt><dd>%zu</dd>\n"
		       "<dt>%s</dt><dd>%zu</dd>\n<dt>%s</dt><dd>%zu</dd>\n</dl>\n",
		    g->file->filename, gap_part_label(g->rep.part), g->rep.n,
		    g->rep.part_guessed ? "（文書の内容から判断しました）" : "",
		    gap_status_label(GAP_COVERED), count[GAP_COVERED], gap_status_label(GAP_PARTIAL),
		    count[GAP_PARTIAL], gap_status_label(GAP_MISSING), count[GAP_MISSING]);
}

static void gap_table(struct buf *b, const struct policy_gap_run *g, const struct show_choice *show)
{
	struct buf score = BUF_INIT;
	html_printf(b, "<table class=\"list gap\">\n<caption>条項ごとの判定（%s）</caption>\n"
		       "<thead><tr><th scope=\"col\">条項</th><th scope=\"col\">題名</th>"
		       "<th scope=\"col\">判定</th><th scope=\"col\">点数</th>"
		       "<th scope=\"col\">根拠となる記述</th></tr></thead>\n<tbody>\n",
		    show->label);
	for (size_t i = 0; i < g->rep.n; i++) {
		const struct gap_result *r = &g->rep.v[i];
		if (!(show->statuses & GAP_BIT(r->status)))
			continue;
		char *ev = gap_evidence(&g->doc, r);
		buf_reset(&score);
		gap_score_text(&score, r->score);
		html_printf(b, "<tr class=\"gap-%s\"><td><a href=\"/catalog/%s\">%s</a></td><td>%s</td>"
			       "<td class=\"status\">%s</td><td class=\"num\">%s</td><td>%s</td></tr>\n",
			    gap_status_key(r->status), r->entry->id, r->entry->id, r->entry->title,
			    gap_status_label(r->status), buf_str(&score), ev);
		free(ev);
	}
	buf_puts(b, "</tbody></table>\n");
	buf_free(&score);
}

static void gap_csv(struct web_resp *rs, const struct policy_gap_run *g,
		    const struct show_choice *show)
{
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	rs->no_store = 1;
	rs->disposition = xstrdup("attachment; filename=\"policy-gap.csv\"");
	/* the BOM for Excel; the rows are `mamori policy gap --format csv`'s */
	buf_puts(&rs->body, "\xEF\xBB\xBF");
	gap_write_csv(&g->doc, &g->rep, show->statuses, &rs->body);
}

void page_policy_gap_post(struct web_req *rq, struct web_resp *rs)
{
	struct policy_gap_run g;
	struct err e = {0};
	if (policy_gap_analyse(rq, &g, &e)) {
		if (g.status)
			gap_page(rq, rs, g.status, e.msg);
		else
			web_internal_error(rq, rs, &e);
		return;
	}
	const struct show_choice *show = show_of(rq);
	const char *format = form_get(&rq->body, "format");
	if (format && strcmp(format, "csv") == 0) {
		gap_csv(rs, &g, show);
	} else {
		page_begin(rq, rs, "ポリシー照合の結果");
		struct buf *b = &rs->body;
		buf_puts(b, "<p class=\"crumbs\"><a href=\"/policy\">ポリシー</a> › "
			    "<a href=\"/policy/gap\">ポリシー照合</a></p>\n<h1>ポリシー照合の結果</h1>\n");
		gap_counts(b, &g);
		buf_puts(b, "<h2>CSV で書き出す</h2>\n");
		upload_form(b, rq, "csv");
		gap_table(b, &g, show);
		buf_puts(b, "<h2>別のファイルを照合する</h2>\n");
		upload_form(b, rq, "html");
		layout_end(b);
	}
	policy_gap_run_free(&g);
}
