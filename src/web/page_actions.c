/*
 * page_actions.c — 改善措置 (docs/web.md 「監査・改善措置」): the list of
 * corrective actions from audits and self-inspection in the person's scope
 * (audit_web.h) with filters (対応中 / 期限超過 / 確認済み, 発端, 課, 年度),
 * and one action with its timeline and the steps core lets this person
 * take (corrective_may): report it done (owner or the 課's manager), verify
 * it or send it back (the audit lead or CISO; for self-inspection the 統括).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "util/timeutil.h"
#include "web/audit_web.h"
#include "web/case_list.h"
#include "web/fiscal_param.h"
#include "web/facts.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

#define PAGE_ROWS 100

struct action_query {
	const char *state;  /* open | overdue | closed | "" */
	const char *source; /* audit | inspect | "" */
	const char *unit;   /* 課 code or "" */
	int fy;             /* 0 = every 年度 */
	long offset;
};

static const char *q_get(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->query, name);
	return v ? v : "";
}

/* Reads the filters; -1 after answering 400 for a value that is not one. */
static int query_read(struct web_req *rq, struct web_resp *rs, struct action_query *q)
{
	memset(q, 0, sizeof *q);
	q->state = q_get(rq, "state");
	q->source = q_get(rq, "source");
	q->unit = q_get(rq, "unit");
	const char *off = q_get(rq, "offset");
	if (*q->state && strcmp(q->state, "open") && strcmp(q->state, "overdue") && strcmp(q->state, "closed")) {
		web_error(rq, rs, 400, "bad_parameter", "状態（state）は open、overdue、closed のいずれかです");
		return -1;
	}
	if (*q->source && strcmp(q->source, "audit") && strcmp(q->source, "inspect")) {
		web_error(rq, rs, 400, "bad_parameter", "発端（source）は audit か inspect です");
		return -1;
	}
	if (fiscal_param_or(rq, rs, 0, &q->fy))
		return -1;
	char *end = NULL;
	q->offset = *off ? strtol(off, &end, 10) : 0;
	if (q->offset < 0 || (end && *end)) {
		web_error(rq, rs, 400, "bad_parameter", "offset は 0 以上の整数です");
		return -1;
	}
	return 0;
}

/* The actions of the filter in the person's scope, in out (caller frees);
 * -1 after answering (400 or 500). */
static int load(struct web_req *rq, struct web_resp *rs, const struct action_query *q, struct corrective_list *out,
		char today[11])
{
	struct err e = {0};
	const struct org_unit *u = *q->unit ? org_unit_by_code(&rq->user->units, q->unit) : NULL;
	if (*q->unit && !u) {
		web_error(rq, rs, 400, "bad_parameter", "課（unit）のコードが見つかりません");
		return -1;
	}
	struct corrective_filter f = {*q->source ? q->source : NULL,
				      strcmp(q->state, "closed") == 0 ? "verified" : *q->state ? "unverified" : NULL,
				      u ? u->id : 0, q->fy};
	struct corrective_list all;
	if (corrective_list(rq->db, &f, &all, &e)) {
		web_internal_error(rq, rs, &e);
		return -1;
	}
	time_today(today);
	memset(out, 0, sizeof *out);
	out->v = xcalloc(all.n ? all.n : 1, sizeof *out->v);
	for (size_t i = 0; i < all.n; i++) {
		struct corrective_action *a = &all.v[i];
		int keep = action_web_visible(rq->user, a);
		if (strcmp(q->state, "overdue") == 0)
			keep = keep && corrective_is_overdue(a, today);
		if (keep) {
			out->v[out->n++] = *a;
			memset(a, 0, sizeof *a);
		}
	}
	corrective_list_free(&all);
	return 0;
}

int action_web_query(struct web_req *rq, struct web_resp *rs, struct corrective_list *out, char today[11])
{
	struct action_query q;
	if (query_read(rq, rs, &q))
		return -1;
	return load(rq, rs, &q, out, today);
}

static void option(struct buf *b, const char *value, const char *label, const char *chosen)
{
	html_printf(b, strcmp(value, chosen) == 0 ? "<option value=\"%s\" selected>%s</option>"
						  : "<option value=\"%s\">%s</option>",
		    value, label);
}

static void filters(struct buf *b, const struct web_req *rq, const struct action_query *q)
{
	buf_puts(b, "<form method=\"get\" action=\"/actions\" class=\"filters\" role=\"search\">"
		    "<label for=\"ac-state\">状態</label><select id=\"ac-state\" name=\"state\">");
	option(b, "", "すべて", q->state);
	option(b, "open", "未完了（対応中・差し戻し・完了報告済み）", q->state);
	option(b, "overdue", "期限超過", q->state);
	option(b, "closed", "確認済み", q->state);
	buf_puts(b, "</select><label for=\"ac-source\">発端</label><select id=\"ac-source\" name=\"source\">");
	option(b, "", "すべて", q->source);
	option(b, "audit", "監査", q->source);
	option(b, "inspect", "自己点検", q->source);
	buf_puts(b, "</select><label for=\"ac-unit\">課</label><select id=\"ac-unit\" name=\"unit\">");
	option(b, "", "すべて", q->unit);
	for (size_t i = 0; i < rq->user->units.n; i++) {
		const struct org_unit *u = &rq->user->units.v[i];
		if (strcmp(u->kind, "section") == 0)
			option(b, u->code, u->name, q->unit);
	}
	char fy[16] = "";
	if (q->fy)
		snprintf(fy, sizeof fy, "%d", q->fy);
	html_printf(b, "</select><label for=\"ac-fy\">年度</label><input id=\"ac-fy\" name=\"fy\" size=\"8\" value=\"%s\">"
		       "<button>絞り込む</button></form>\n",
		    fy);
}

static void list_url(struct buf *b, const struct action_query *q, long offset)
{
	buf_puts(b, "/actions?state=");
	url_encode(b, q->state);
	buf_puts(b, "&source=");
	url_encode(b, q->source);
	buf_puts(b, "&unit=");
	url_encode(b, q->unit);
	if (q->fy)
		buf_printf(b, "&fy=%d", q->fy);
	buf_printf(b, "&offset=%ld", offset);
}

/* Every action of the filters (no paging) as CSV with a BOM, for Excel. */
static void csv(struct web_resp *rs, const struct web_req *rq, const struct corrective_list *l,
		const struct case_view_refs *refs, const char *today)
{
	case_list_csv_begin(rs, "actions.csv", "番号,発端,課,条項,問題点,措置の内容,担当者,期限,状態,完了報告,確認者");
	for (size_t i = 0; i < l->n; i++) {
		const struct corrective_action *a = &l->v[i];
		const struct org_unit *u = a->unit_id ? org_unit_by_id(&rq->user->units, a->unit_id) : NULL;
		const struct staff *owner = case_view_staff(refs, a->owner_id), *ver = case_view_staff(refs, a->verified_by);
		const char *cells[] = {a->action_no, strcmp(a->source, "audit") == 0 ? "監査" : "自己点検", u ? u->name : "",
				       a->clause, a->problem, a->measure, owner ? owner->name : "", a->due_on,
				       corrective_is_overdue(a, today) ? "期限超過" : corrective_state_label(a->state),
				       a->done_note, ver ? ver->name : ""};
		size_t n = sizeof cells / sizeof cells[0];
		for (size_t k = 0; k < n; k++)
			buf_csv_field(&rs->body, cells[k] ? cells[k] : "", k + 1 == n);
	}
}

void page_actions_list(struct web_req *rq, struct web_resp *rs)
{
	struct action_query q;
	struct corrective_list l;
	struct case_view_refs refs;
	struct err e = {0};
	char today[11];
	if (query_read(rq, rs, &q) || load(rq, rs, &q, &l, today))
		return;
	if (case_view_refs_load(rq->db, &refs, &e)) {
		corrective_list_free(&l);
		web_internal_error(rq, rs, &e);
		return;
	}
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0) {
		csv(rs, rq, &l, &refs, today);
		case_view_refs_free(&refs);
		corrective_list_free(&l);
		return;
	}
	page_begin(rq, rs, "改善措置");
	struct buf *b = &rs->body, href = BUF_INIT, who = BUF_INIT;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/audits\">監査</a></p>\n<h1>改善措置</h1>\n");
	filters(b, rq, &q);
	html_printf(b, "<p>%zu 件</p>\n", l.n);
	buf_reset(&href);
	list_url(&href, &q, 0);
	html_printf(b, "<p class=\"export\"><a href=\"%s&amp;format=csv\">CSV で書き出す</a></p>\n", buf_str(&href));
	if (l.n)
		buf_puts(b, "<table class=\"list\"><thead><tr><th>番号</th><th>発端</th><th>課</th><th>措置の内容</th>"
			    "<th>担当者</th><th>期限</th><th>状態</th></tr></thead><tbody>\n");
	for (size_t i = (size_t)q.offset; i < l.n && i < (size_t)q.offset + PAGE_ROWS; i++) {
		const struct corrective_action *a = &l.v[i];
		const struct org_unit *u = a->unit_id ? org_unit_by_id(&rq->user->units, a->unit_id) : NULL;
		int late = corrective_is_overdue(a, today);
		buf_reset(&href);
		action_web_href(&href, a->action_no, "");
		html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>%s</td><td>", buf_str(&href), a->action_no,
			    strcmp(a->source, "audit") == 0 ? "監査" : "自己点検", u ? u->name : "—");
		case_view_short(b, a->measure, 40);
		html_printf(b, "</td><td>%s</td><td>%s</td><td%s>%s</td></tr>\n", case_view_person(&refs, a->owner_id, &who),
			    a->due_on ? a->due_on : "—", late ? " class=\"au-overdue\"" : "",
			    late ? "期限超過" : corrective_state_label(a->state));
	}
	if (l.n)
		buf_puts(b, "</tbody></table>\n");
	if (l.n > (size_t)q.offset + PAGE_ROWS || q.offset > 0) {
		buf_puts(b, "<p class=\"pager\">");
		if (q.offset > 0) {
			buf_reset(&href);
			list_url(&href, &q, q.offset > PAGE_ROWS ? q.offset - PAGE_ROWS : 0);
			html_printf(b, "<a href=\"%s\">前へ</a> ", buf_str(&href));
		}
		if (l.n > (size_t)q.offset + PAGE_ROWS) {
			buf_reset(&href);
			list_url(&href, &q, q.offset + PAGE_ROWS);
			html_printf(b, "<a href=\"%s\">次へ</a>", buf_str(&href));
		}
		buf_puts(b, "</p>\n");
	}
	layout_end(b);
	buf_free(&href);
	buf_free(&who);
	case_view_refs_free(&refs);
	corrective_list_free(&l);
}
