/*
 * page_violation_show.c — one violation: who, what, which clause, the
 * timeline, the rights suspended or revoked (the person's own and each
 * system role), and the forms the viewer may use (指導, 是正, 記録, 利用停止,
 * 剥奪, 解除), offered by violation_may and decided by the core; with the
 * posts behind them.  A record outside the viewer's scope answers 404.
 */
#include <stdlib.h>
#include <string.h>

#include "core/role.h"
#include "core/vocab.h"
#include "web/case_scope.h"
#include "web/facts.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"
#include "web/vio_view.h"

static void facts(struct buf *b, const struct web_user *u, const struct vio_view *v, const struct violation *x)
{
	struct buf tmp = BUF_INIT, href = BUF_INIT;
	char *unit = org_unit_path(&u->units, x->unit_id);
	buf_puts(b, "<dl class=\"facts\">\n");
	facts_text(b, "番号", x->violation_no);
	facts_text(b, "職員", case_view_person(&v->refs, x->staff_id, &tmp));
	facts_text(b, "課", unit);
	if (x->clause) {
		buf_puts(&href, "/catalog/");
		url_encode(&href, x->clause);
		html_printf(b, "<dt>条項</dt><dd><a href=\"%s\">%s</a></dd>\n", buf_str(&href), x->clause);
	} else {
		facts_text(b, "条項", NULL);
	}
	facts_text(b, "内容", x->description);
	facts_text(b, "確認者", case_view_person(&v->refs, x->found_by, &tmp));
	facts_date(b, "記録日時", x->found_at);
	facts_text(b, "状態", violation_state_label(x->state));
	facts_date(b, "終結日時", x->closed_at);
	buf_puts(b, "</dl>\n");
	free(unit);
	buf_free(&tmp);
	buf_free(&href);
}

static const struct role_assignment *assignment(const struct role_assignments *all, long long id)
{
	for (size_t i = 0; id && i < all->n; i++)
		if (all->v[i].id == id)
			return &all->v[i];
	return NULL;
}

static void rights_table(struct buf *b, const struct vio_view *v, const struct violation *x,
			 const struct rights_actions *ra, const struct role_assignments *roles)
{
	size_t n = 0;
	buf_puts(b, "<h2>利用権の停止・剥奪</h2>\n");
	for (size_t i = 0; i < ra->n; i++) {
		const struct rights_action *r = &ra->v[i];
		if (r->violation_id != x->id)
			continue;
		const struct info_system *s = r->system_id ? infosys_by_id(&v->refs.systems, r->system_id) : NULL;
		const struct role_assignment *a = assignment(roles, r->role_assignment_id);
		if (n++ == 0)
			buf_puts(b, "<table class=\"list\">\n<caption>この違反による措置</caption>\n<thead><tr>"
				    "<th scope=\"col\">対象</th><th scope=\"col\">措置</th><th scope=\"col\">日時</th>"
				    "<th scope=\"col\">解除</th></tr></thead>\n<tbody>\n");
		if (s)
			html_printf(b, "<tr><td>%s（%s）</td>", s->name, a ? vocab_label(&vocab_role, a->role) : "");
		else
			buf_puts(b, "<tr><td>ネットワーク・情報システムの利用権（本人）</td>");
		html_printf(b, "<td>%s</td><td>", strcmp(r->action, "revoke") == 0 ? "剥奪" : "停止");
		layout_date(b, r->at);
		buf_puts(b, "</td><td>");
		if (r->lifted_at)
			layout_date(b, r->lifted_at);
		else
			buf_puts(b, "—");
		buf_puts(b, "</td></tr>\n");
	}
	if (n)
		buf_puts(b, "</tbody></table>\n");
	else
		buf_puts(b, "<p>利用権の停止・剥奪はありません。</p>\n");
}

static int may(const struct web_user *u, const struct violation *x, enum violation_act act)
{
	return violation_may(&u->roles, u->staff.id, x, act);
}

static void note_field(struct buf *b, const char *id, const char *label, int required)
{
	html_printf(b, "<label for=\"%s\">%s</label>", id, label);
	html_printf(b, required ? "<textarea id=\"%s\" name=\"note\" rows=\"2\" required></textarea>"
				: "<textarea id=\"%s\" name=\"note\" rows=\"2\"></textarea>",
		    id);
}

static void action_forms(struct buf *b, const struct web_req *rq, const struct violation *x)
{
	const struct web_user *u = rq->user;
	const char *no = x->violation_no;
	if (may(u, x, VIOLATION_GUIDANCE)) {
		buf_puts(b, "<h2>指導・是正</h2>\n");
		case_view_form_open(b, rq, "/violations/", no, "step");
		note_field(b, "v-gnote", "指導の内容・是正の確認", 0);
		buf_puts(b, "<div class=\"actions\"><button type=\"submit\" name=\"kind\" value=\"guidance\">指導を記録する</button>"
			    "<button type=\"submit\" name=\"kind\" value=\"corrected\" class=\"secondary\">是正済みにする</button>"
			    "</div></form>\n");
	}
	if (may(u, x, VIOLATION_SUSPEND) || may(u, x, VIOLATION_REVOKE)) {
		buf_puts(b, "<h2>利用権の停止・剥奪（7.6(2)③）</h2>\n"
			    "<p class=\"note\">本人の利用権と、本人が持つ情報システムの役割ごとの権利を停止または剥奪し、"
			    "CISO と情報セキュリティ管理者への通知を記録します。mamori のアカウントも無効になります。</p>\n");
		case_view_form_open(b, rq, "/violations/", no, "restrict");
		note_field(b, "v-rnote", "理由", 0);
		buf_puts(b, "<div class=\"actions\">");
		if (may(u, x, VIOLATION_SUSPEND))
			buf_puts(b, "<button type=\"submit\" name=\"action\" value=\"suspend\">利用を停止する</button>");
		buf_puts(b, "<button type=\"submit\" name=\"action\" value=\"revoke\" class=\"secondary\">利用権を剥奪する</button>"
			    "</div></form>\n");
	}
	if (may(u, x, VIOLATION_LIFT)) {
		buf_puts(b, "<h2>利用停止の解除</h2>\n");
		case_view_form_open(b, rq, "/violations/", no, "lift");
		note_field(b, "v-lnote", "解除の理由", 0);
		buf_puts(b, "<button type=\"submit\">停止を解除する</button></form>\n");
	}
	buf_puts(b, "<h2>記録の追加</h2>\n");
	case_view_form_open(b, rq, "/violations/", no, "step");
	note_field(b, "v-nnote", "記録する内容", 1);
	buf_puts(b, "<button type=\"submit\" name=\"kind\" value=\"note\">記録する</button></form>\n");
}

static void show(struct web_req *rq, struct web_resp *rs, const struct vio_view *v, const struct violation *x,
		 const struct case_outcome *o)
{
	struct case_events ev = {0};
	struct rights_actions ra = {0};
	struct role_assignments roles = {0};
	struct err e = {0};
	struct buf title = BUF_INIT;
	if (case_events_load(rq->db, CASE_VIOLATION, x->id, &ev, &e) || rights_actions_load(rq->db, &ra, &e) ||
	    role_load(rq->db, 0, &roles, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		buf_printf(&title, "違反 %s", x->violation_no);
		page_begin(rq, rs, buf_str(&title));
		struct buf *b = &rs->body;
		html_printf(b, "<p class=\"crumbs\"><a href=\"/violations\">違反への対応</a></p>\n<h1>%s <small>%s</small></h1>\n",
			    buf_str(&title), violation_state_label(x->state));
		if (o && o->status) {
			rs->status = o->status;
			html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", o->msg);
		}
		facts(b, rq->user, v, x);
		rights_table(b, v, x, &ra, &roles);
		case_view_timeline(b, &v->refs, &ev);
		action_forms(b, rq, x);
		layout_end(b);
	}
	buf_free(&title);
	case_events_free(&ev);
	rights_actions_free(&ra);
	role_assignments_free(&roles);
}

void page_violation_show(struct web_req *rq, struct web_resp *rs)
{
	struct vio_view v;
	struct err e = {0};
	if (vio_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
	} else {
		const struct violation *x = vio_find_visible(rq, rs, &v);
		if (x)
			show(rq, rs, &v, x, NULL);
	}
	vio_view_free(&v);
}

/* The action a post asks for, or -1 when its choice is missing or unknown. */
static int posted_act(const struct web_req *rq, const char *which)
{
	const char *kind = form_get(&rq->body, "kind"), *action = form_get(&rq->body, "action");
	if (strcmp(which, "lift") == 0)
		return VIOLATION_LIFT;
	if (strcmp(which, "restrict") == 0)
		return !action ? -1 : strcmp(action, "suspend") == 0 ? VIOLATION_SUSPEND
				     : strcmp(action, "revoke") == 0  ? VIOLATION_REVOKE
								      : -1;
	return !kind ? -1 : strcmp(kind, "guidance") == 0 ? VIOLATION_GUIDANCE
			  : strcmp(kind, "corrected") == 0 ? VIOLATION_CORRECTED
			  : strcmp(kind, "note") == 0      ? VIOLATION_NOTE
							   : -1;
}

/*
 * A post without its choice: for restrict, a person who may neither suspend
 * nor revoke hears that first (403, or 409 for the state), as the core
 * would say; otherwise 422.
 */
static void choice_missing(const struct web_req *rq, const struct violation *x, int restrict_,
			   struct case_outcome *o)
{
	const struct web_user *u = rq->user;
	if (restrict_ && !violation_role_allows(&u->roles, u->staff.id, x, VIOLATION_REVOKE)) {
		case_outcome_set(o, 403, "forbidden", "利用権の停止・剥奪ができるのは統括情報セキュリティ責任者です（7.6(2)③）");
		return;
	}
	if (restrict_ && !violation_state_allows(x, VIOLATION_REVOKE)) {
		case_outcome_set(o, 409, "conflict", "この違反は、いまは利用権を停止・剥奪できる状態ではありません");
		return;
	}
	case_outcome_set(o, 422, "validation",
			 restrict_ ? "措置（suspend: 利用停止 / revoke: 剥奪）を指定してください"
				   : "記録の種類（guidance: 指導 / corrected: 是正 / note: 記録）を指定してください");
}

static void act_page(struct web_req *rq, struct web_resp *rs, const char *which)
{
	struct vio_view v;
	struct case_outcome o = {0};
	struct err e = {0};
	if (vio_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		vio_view_free(&v);
		return;
	}
	const struct violation *x = vio_find_visible(rq, rs, &v);
	int act = x ? posted_act(rq, which) : -1;
	if (x && act < 0)
		choice_missing(rq, x, strcmp(which, "restrict") == 0, &o);
	if (x && act >= 0 && vio_act(rq, x, (enum violation_act)act, form_get(&rq->body, "note"), &o, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (x && o.status) {
		show(rq, rs, &v, x, &o);
	} else if (x) {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/violations/");
		url_encode(&to, x->violation_no);
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	case_outcome_free(&o);
	vio_view_free(&v);
}

void page_violation_step(struct web_req *rq, struct web_resp *rs) { act_page(rq, rs, "step"); }
void page_violation_restrict(struct web_req *rq, struct web_resp *rs) { act_page(rq, rs, "restrict"); }
void page_violation_lift(struct web_req *rq, struct web_resp *rs) { act_page(rq, rs, "lift"); }
