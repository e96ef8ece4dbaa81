/*
 * page_proposals.c — GET /proposals?fy=&state=: the ポリシー改定の提案 of a
 * 年度 (guideline 9.3), each with its state and the policy versions it was
 * made against and taken up by.  A 年度 holds a handful of proposals, so
 * the core's list is shown whole.
 */
#include <stdio.h>
#include <string.h>

#include "core/proposal.h"
#include "util/timeutil.h"
#include "web/annual_web.h"
#include "web/case_list.h"
#include "web/case_view.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

static const char *const states[] = {"proposed", "adopted", "rejected"};

/* The state filter: one of states, or NULL for every state. */
static int state_of(const struct web_req *rq, const char **state)
{
	const char *s = form_get(&rq->query, "state");
	*state = NULL;
	if (!s || !*s)
		return 0;
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		if (strcmp(s, states[i]) == 0) {
			*state = states[i];
			return 0;
		}
	return -1;
}

static void filters(struct buf *b, int fy, const char *state)
{
	html_printf(b, "<form class=\"filters\" method=\"get\" action=\"/proposals\">"
		       "<label for=\"ar-fy\">年度</label><input id=\"ar-fy\" name=\"fy\" value=\"%d\" size=\"8\">"
		       "<label for=\"ar-state\">状態</label><select id=\"ar-state\" name=\"state\">"
		       "<option value=\"\">すべて</option>",
		    fy);
	for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
		html_printf(b, state && strcmp(state, states[i]) == 0 ? "<option value=\"%s\" selected>%s</option>"
								      : "<option value=\"%s\">%s</option>",
			    states[i], proposal_state_label(states[i]));
	buf_puts(b, "</select><button type=\"submit\">絞り込む</button></form>\n");
}

static void version_cell(struct buf *b, long long id)
{
	if (id)
		html_printf(b, "<td><a href=\"/policy/%lld\">第%lld版</a></td>", id, id);
	else
		buf_puts(b, "<td>—</td>");
}

static void row(struct buf *b, const struct proposal *p)
{
	struct buf href = BUF_INIT;
	char day[11];
	annual_web_proposal_href(&href, p->proposal_no);
	html_printf(b, "<tr><td><a href=\"%s\">%s</a></td><td>%s</td><td>", buf_str(&href), p->proposal_no, p->clause);
	case_view_short(b, p->proposal, 40);
	html_printf(b, "</td><td>%s%s%s</td><td class=\"ar-state-%s\">%s</td>", proposal_source_label(p->source),
		    p->source_ref ? "　" : "", p->source_ref ? p->source_ref : "", p->state,
		    proposal_state_label(p->state));
	version_cell(b, p->base_version_id);
	version_cell(b, p->adopted_version_id);
	case_view_day(p->created_at, day);
	html_printf(b, "<td>%s</td></tr>\n", day);
	buf_free(&href);
}

/* The list as CSV (BOM, the columns of `report proposal list --format csv`). */
static void proposals_csv(struct web_resp *rs, const struct proposal_list *l, int fy, const char *state)
{
	char name[64];
	snprintf(name, sizeof name, "proposals-%d.csv", fy);
	case_list_csv_begin(rs, name, "番号,条項,提案,理由,きっかけ,参照,状態,提案時の版,採用した版");
	for (size_t i = 0; i < l->n; i++) {
		const struct proposal *p = &l->v[i];
		char base[24] = "", adopted[24] = "";
		if (state && strcmp(p->state, state) != 0)
			continue;
		if (p->base_version_id)
			snprintf(base, sizeof base, "%lld", p->base_version_id);
		if (p->adopted_version_id)
			snprintf(adopted, sizeof adopted, "%lld", p->adopted_version_id);
		const char *cells[] = {p->proposal_no, p->clause, p->proposal, p->reason, proposal_source_label(p->source),
				       p->source_ref, proposal_state_label(p->state), base, adopted};
		case_list_csv_row(&rs->body, cells, sizeof cells / sizeof cells[0]);
	}
}

void page_proposals_list(struct web_req *rq, struct web_resp *rs)
{
	int fy;
	const char *state;
	if (fiscal_param(rq, rs, &fy))
		return;
	if (state_of(rq, &state)) {
		web_error(rq, rs, 400, "bad_parameter", "状態（state）は proposed、adopted、rejected のいずれかです");
		return;
	}
	struct proposal_list l;
	struct err e = {0};
	if (proposal_list_load(rq->db, fy, &l, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const char *format = form_get(&rq->query, "format");
	if (format && strcmp(format, "csv") == 0) {
		proposals_csv(rs, &l, fy, state);
		proposal_list_free(&l);
		return;
	}
	char wareki[32];
	wareki_fiscal_year(fy, wareki, sizeof wareki);
	page_begin(rq, rs, "ポリシー改定の提案");
	struct buf *b = &rs->body;
	html_printf(b, "<h1>ポリシー改定の提案（%s）</h1>\n<p class=\"note\">自己点検・監査・インシデントなどから、"
		       "ポリシーや実施手順を見直すべき点を委員会に提案し、採否と、取り入れた版を記録します（ガイドライン 9.3）。</p>\n",
		    wareki);
	if (proposal_may(&rq->user->roles, rq->user->staff.id, PROPOSAL_ADD))
		html_printf(b, "<p><a class=\"button\" href=\"/proposals/new?fy=%d\">改定を提案する</a></p>\n", fy);
	filters(b, fy, state);
	size_t shown = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (state && strcmp(l.v[i].state, state) != 0)
			continue;
		if (!shown++)
			buf_puts(b, "<table class=\"list ar-proposals\"><thead><tr><th scope=\"col\">番号</th>"
				    "<th scope=\"col\">条項</th><th scope=\"col\">提案</th><th scope=\"col\">きっかけ</th>"
				    "<th scope=\"col\">状態</th><th scope=\"col\">提案時の版</th>"
				    "<th scope=\"col\">採用した版</th><th scope=\"col\">登録日</th></tr></thead><tbody>\n");
		row(b, &l.v[i]);
	}
	if (shown)
		html_printf(b, "</tbody></table>\n<p class=\"export\"><a href=\"/proposals?fy=%d&amp;state=%s&amp;format=csv\">"
			       "CSV で書き出す</a></p>\n",
			    fy, state ? state : "");
	else
		html_printf(b, "<p>%s の改定提案はありません。</p>\n", wareki);
	if (web_user_has_any(rq->user, annual_web_roles_report))
		html_printf(b, "<p><a href=\"/annual-report?fy=%d\">%sの年次報告を見る</a></p>\n", fy, wareki);
	layout_end(b);
	proposal_list_free(&l);
}
