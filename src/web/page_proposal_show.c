/*
 * page_proposal_show.c — GET /proposals/{番号}: one ポリシー改定の提案 with
 * the policy versions it is linked to and its timeline; and, for those who
 * decide (CISO, 副CISO, committee) while it is 提案中, the 採用 form (the
 * policy version that took it up) and the 不採用 form (the reason).
 * POST /proposals/{番号}/adopt and …/reject record the decision.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy_store.h"
#include "util/timeutil.h"
#include "web/annual_web.h"
#include "web/annual_web_proposal.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/timeline_web.h"
#include "web/url.h"

static void fact(struct buf *b, const char *term, const char *value)
{
	html_printf(b, "<dt>%s</dt><dd>%s</dd>\n", term, value ? value : "—");
}

static void version_fact(struct buf *b, const char *term, long long id)
{
	html_printf(b, "<dt>%s</dt><dd>", term);
	if (id)
		html_printf(b, "<a href=\"/policy/%lld\">第%lld版</a>", id, id);
	else
		buf_puts(b, "—");
	buf_puts(b, "</dd>\n");
}

/*
 * The record that showed the need, as a link to its page: a campaign, an
 * audit (a finding "A2026-000001-F01" opens its audit) or an incident.
 */
static void source_link(struct buf *b, const struct proposal *p)
{
	static const struct {
		const char *source, *base;
	} pages[] = {{"inspect", "/inspect/"}, {"audit", "/audits/"}, {"incident", "/incidents/"}};
	const char *base = NULL;
	if (!p->source_ref)
		return;
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (strcmp(p->source, pages[i].source) == 0)
			base = pages[i].base;
	if (!base) {
		html_printf(b, "　%s", p->source_ref);
		return;
	}
	struct buf href = BUF_INIT;
	const char *finding = strstr(p->source_ref, "-F");
	char *record = finding ? xstrndup(p->source_ref, (size_t)(finding - p->source_ref)) : xstrdup(p->source_ref);
	buf_puts(&href, base);
	url_encode(&href, record);
	html_printf(b, "　<a href=\"%s\">%s</a>", buf_str(&href), p->source_ref);
	free(record);
	buf_free(&href);
}

static void facts(struct buf *b, const struct case_view_refs *refs, const struct proposal *p)
{
	struct buf tmp = BUF_INIT;
	char fy[16];
	snprintf(fy, sizeof fy, "%d", p->fiscal_year);
	buf_puts(b, "<dl class=\"facts ar-facts\">\n");
	fact(b, "年度", fy);
	html_printf(b, "<dt>条項</dt><dd><a href=\"/catalog/%s\">%s</a></dd>\n", p->clause, p->clause);
	fact(b, "提案", p->proposal);
	fact(b, "理由", p->reason);
	html_printf(b, "<dt>きっかけ</dt><dd>%s", proposal_source_label(p->source));
	source_link(b, p);
	buf_puts(b, "</dd>\n");
	fact(b, "状態", proposal_state_label(p->state));
	version_fact(b, "提案時の版", p->base_version_id);
	version_fact(b, "採用した版", p->adopted_version_id);
	fact(b, "提案者", case_view_person(refs, p->created_by, &tmp));
	buf_puts(b, "<dt>登録</dt><dd>");
	layout_date(b, p->created_at);
	buf_puts(b, "</dd>\n</dl>\n");
	buf_free(&tmp);
}

static const char *step_label(const char *kind)
{
	if (strcmp(kind, "proposed") == 0)
		return "提案";
	if (strcmp(kind, "adopted") == 0)
		return "採用";
	if (strcmp(kind, "rejected") == 0)
		return "不採用";
	return kind;
}

/* A step's details (its JSON body) as people read them: versions as 第N版,
 * the source by its label (timeline_body_fn). */
static void step_body(struct buf *b, const char *body, const void *ctx)
{
	(void)ctx;
	static const struct {
		const char *key, *label;
	} keys[] = {{"clause", "条項"}, {"source", "きっかけ"}, {"ref", "参照"},
		    {"version", "採用した版"}, {"note", "備考"}};
	cJSON *obj = cJSON_Parse(body && *body ? body : "{}");
	int n = 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, keys[i].key);
		if (!cJSON_IsString(it) && !cJSON_IsNumber(it))
			continue;
		buf_puts(b, n++ ? "" : "<dl class=\"case-step\">");
		if (cJSON_IsNumber(it))
			html_printf(b, "<dt>%s</dt><dd>第%.0f版</dd>", keys[i].label, it->valuedouble);
		else if (strcmp(keys[i].key, "version") == 0)
			html_printf(b, "<dt>%s</dt><dd>第%s版</dd>", keys[i].label, it->valuestring);
		else
			html_printf(b, "<dt>%s</dt><dd>%s</dd>", keys[i].label,
				    strcmp(keys[i].key, "source") == 0 ? proposal_source_label(it->valuestring)
								       : it->valuestring);
	}
	if (n)
		buf_puts(b, "</dl>");
	cJSON_Delete(obj);
}

/* The proposal's steps: when, what, who (a proposal always has its first). */
static void timeline(struct buf *b, const struct case_view_refs *refs, const struct case_events *ev)
{
	buf_puts(b, "<h2>経過</h2>\n");
	timeline_web_steps(b, refs, ev, step_label, step_body, NULL);
}

/* The versions newer than the base: those that may have taken it up. */
static void version_options(struct buf *b, const struct policy_versions *vs, const struct proposal *p)
{
	size_t n = 0;
	for (size_t i = vs->n; i-- > 0;) {
		const struct policy_version *v = &vs->v[i];
		if (v->id <= p->base_version_id)
			continue;
		html_printf(b, "<option value=\"%lld\">第%lld版 %s（%s・%s）</option>", v->id, v->id, v->title,
			    strcmp(v->edition, "public") == 0 ? "公開版" : "内部版", v->approved_by ? "決裁済み" : "未決裁");
		n++;
	}
	if (!n)
		buf_puts(b, "<option value=\"\">（提案時より新しい版はまだありません）</option>");
}

static void decide_forms(struct web_req *rq, struct buf *b, const struct proposal *p, const struct policy_versions *vs)
{
	buf_puts(b, "<section class=\"ar-decide\" aria-labelledby=\"ar-dec\"><h2 id=\"ar-dec\">採否を決める</h2>\n");
	case_view_form_open(b, rq, "/proposals/", p->proposal_no, "adopt");
	buf_puts(b, "<label for=\"ar-version\">提案を取り入れたポリシーの版<span class=\"req\">必須</span></label>"
		    "<select id=\"ar-version\" name=\"version\" required>");
	version_options(b, vs, p);
	buf_puts(b, "</select><label for=\"ar-anote\">備考</label><input id=\"ar-anote\" name=\"note\">"
		    "<button type=\"submit\">採用する</button></form>\n");
	case_view_form_open(b, rq, "/proposals/", p->proposal_no, "reject");
	buf_puts(b, "<label for=\"ar-rnote\">不採用の理由<span class=\"req\">必須</span></label>"
		    "<textarea id=\"ar-rnote\" name=\"note\" rows=\"3\" required></textarea>"
		    "<button type=\"submit\" class=\"secondary\">不採用とする</button></form>\n</section>\n");
}

static void flash(struct buf *b, const struct web_req *rq)
{
	static const char *const done[][2] = {
		{"added", "改定提案を登録しました。"}, {"adopted", "採用としました。"}, {"rejected", "不採用としました。"}};
	const char *r = form_get(&rq->query, "r");
	for (size_t i = 0; r && i < sizeof done / sizeof done[0]; i++)
		if (strcmp(r, done[i][0]) == 0)
			html_printf(b, "<p class=\"ok\" role=\"status\">%s</p>\n", done[i][1]);
}

static void show(struct web_req *rq, struct web_resp *rs, const struct proposal *p, const struct case_outcome *o)
{
	struct case_view_refs refs;
	struct case_events ev = {0};
	struct policy_versions vs = {0};
	struct err e = {0};
	int decide = strcmp(p->state, "proposed") == 0 &&
		     proposal_may(&rq->user->roles, rq->user->staff.id, PROPOSAL_DECIDE);
	if (case_view_refs_load(rq->db, &refs, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	if (case_events_load(rq->db, CASE_PROPOSAL, p->id, &ev, &e) ||
	    (decide && policy_versions_load(rq->db, &vs, &e))) {
		case_events_free(&ev);
		case_view_refs_free(&refs);
		web_internal_error(rq, rs, &e);
		return;
	}
	struct buf title = BUF_INIT;
	buf_printf(&title, "改定提案 %s", p->proposal_no);
	page_begin(rq, rs, buf_str(&title));
	struct buf *b = &rs->body;
	html_printf(b, "<p class=\"crumbs\"><a href=\"/proposals\">ポリシー改定の提案</a></p>\n<h1>%s <small>%s</small></h1>\n",
		    buf_str(&title), proposal_state_label(p->state));
	if (o && o->status) {
		rs->status = o->status;
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", o->msg);
	} else {
		flash(b, rq);
	}
	facts(b, &refs, p);
	timeline(b, &refs, &ev);
	if (decide)
		decide_forms(rq, b, p, &vs);
	layout_end(b);
	buf_free(&title);
	policy_versions_free(&vs);
	case_events_free(&ev);
	case_view_refs_free(&refs);
}

void page_proposal_show(struct web_req *rq, struct web_resp *rs)
{
	struct proposal_list l;
	const struct proposal *p = annual_web_proposal_find(rq, rs, &l);
	if (!p)
		return;
	show(rq, rs, p, NULL);
	proposal_list_free(&l);
}

static void decide(struct web_req *rq, struct web_resp *rs, int adopt)
{
	struct proposal_list l;
	struct case_outcome o = {0};
	struct err e = {0};
	const struct proposal *p = annual_web_proposal_find(rq, rs, &l);
	if (!p)
		return;
	char *no = xstrdup(p->proposal_no);
	if (annual_web_proposal_decide(rq, p, adopt, &rq->body, &o, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (o.status) {
		show(rq, rs, p, &o);
	} else {
		struct buf to = BUF_INIT;
		annual_web_proposal_href(&to, no);
		buf_puts(&to, adopt ? "?r=adopted" : "?r=rejected");
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	free(no);
	case_outcome_free(&o);
	proposal_list_free(&l);
}

void page_proposal_adopt(struct web_req *rq, struct web_resp *rs)
{
	decide(rq, rs, 1);
}

void page_proposal_reject(struct web_req *rq, struct web_resp *rs)
{
	decide(rq, rs, 0);
}
