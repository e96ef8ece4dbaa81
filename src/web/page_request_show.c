/*
 * page_request_show.c — one request: its fields, target, decisions and
 * state, with the buttons the viewer may use (承認・却下, 実施済, 返却),
 * and the posts behind them.  A request outside the viewer's scope answers
 * 404, exactly like one that does not exist.
 */
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/facts.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/request_action.h"
#include "web/response.h"
#include "web/url.h"

static const char *staff_label(const struct request_view *v, long long id, struct buf *tmp)
{
	const struct staff *s = request_view_staff(v, id);
	buf_reset(tmp);
	if (s)
		buf_printf(tmp, "%s（%s）", s->name, s->staff_no);
	return buf_str(tmp);
}

static void request_facts(struct buf *b, const struct web_user *u, const struct request_view *v,
			  const struct request *r)
{
	const struct request_type *t = request_type_find(r->type);
	struct buf tmp = BUF_INIT, href = BUF_INIT;
	char *unit = org_unit_path(&u->units, r->unit_id);
	buf_puts(b, "<dl class=\"facts\">\n");
	facts_text(b, "申請番号", r->request_no);
	buf_puts(&href, "/catalog/");
	url_encode(&href, t ? t->clause : "");
	html_printf(b, "<dt>種類</dt><dd>%s（対策基準 <a href=\"%s\">%s</a>）</dd>\n",
		    request_view_type_label(r), buf_str(&href), t ? t->clause : "");
	facts_text(b, "申請者", staff_label(v, r->requester_id, &tmp));
	facts_text(b, "課", unit);
	buf_reset(&tmp);
	request_view_target(&tmp, v, r);
	facts_text(b, "対象", buf_str(&tmp));
	facts_text(b, "状態", request_view_state(v, r));
	facts_date(b, "申請日時", r->filed_at);
	facts_date(b, "許可の期限", r->valid_until);
	facts_date(b, "返却予定日", r->due_on);
	facts_date(b, "実施日", r->done_at);
	facts_date(b, "返却日", r->returned_at);
	if (r->confirmed_by)
		facts_text(b, "返却の確認", staff_label(v, r->confirmed_by, &tmp));
	buf_puts(b, "</dl>\n");
	free(unit);
	buf_free(&tmp);
	buf_free(&href);
}

static void request_fields(struct buf *b, const struct request *r)
{
	const struct request_type *t = request_type_find(r->type);
	cJSON *obj = cJSON_Parse(r->fields ? r->fields : "{}");
	const cJSON *it;
	buf_puts(b, "<h2>申請の内容</h2>\n<dl class=\"facts\">\n");
	/* the type's fields in its own order, then anything recorded later */
	for (int i = 0; t && i < REQUEST_MAX_FIELDS && t->fields[i].key; i++) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, t->fields[i].key);
		facts_text(b, t->fields[i].label, cJSON_IsString(x) ? x->valuestring : NULL);
	}
	cJSON_ArrayForEach(it, obj)
	{
		if (cJSON_IsString(it) && !(t && request_type_field(t, it->string)))
			facts_text(b, request_view_field_label(t, it->string), it->valuestring);
	}
	buf_puts(b, "</dl>\n");
	cJSON_Delete(obj);
}

static void decisions_table(struct buf *b, const struct request_view *v, const struct request *r)
{
	struct buf by = BUF_INIT, behalf = BUF_INIT;
	size_t n = 0;
	buf_puts(b, "<h2>決裁の記録</h2>\n");
	for (size_t i = 0; i < v->decisions.n; i++) {
		const struct request_decision *d = &v->decisions.v[i];
		if (d->request_id != r->id)
			continue;
		if (n++ == 0)
			buf_puts(b, "<table class=\"list\">\n<caption>決裁の順に</caption>\n<thead><tr>"
				    "<th scope=\"col\">役割</th><th scope=\"col\">決裁者</th>"
				    "<th scope=\"col\">代決の対象者</th><th scope=\"col\">決裁</th>"
				    "<th scope=\"col\">日時</th><th scope=\"col\">備考</th>"
				    "<th scope=\"col\">やむを得ない理由</th></tr></thead>\n<tbody>\n");
		staff_label(v, d->decided_by, &by);
		staff_label(v, d->on_behalf_of, &behalf);
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
			    vocab_label(&vocab_role, d->role), buf_str(&by), buf_str(&behalf),
			    strcmp(d->decision, "approved") == 0 ? "承認" : "却下");
		layout_date(b, d->at);
		html_printf(b, "</td><td>%s</td><td>%s</td></tr>\n", d->note ? d->note : "",
			    d->override_reason ? d->override_reason : "");
	}
	if (n)
		buf_puts(b, "</tbody></table>\n");
	else
		buf_puts(b, "<p>まだ決裁されていません。</p>\n");
	const char *next = request_next_role(r, &v->decisions);
	if (next)
		html_printf(b, "<p>次の決裁: %s</p>\n", vocab_label(&vocab_role, next));
	buf_free(&by);
	buf_free(&behalf);
}

static void form_open(struct buf *b, const struct web_req *rq, const struct request *r,
		      const char *action)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/requests/");
	url_encode(&href, r->request_no);
	buf_printf(&href, "/%s", action);
	html_printf(b, "<form class=\"stack\" method=\"post\" action=\"%s\">", buf_str(&href));
	layout_csrf_field(b, rq);
	buf_free(&href);
}

static void decide_form(struct buf *b, const struct web_req *rq, const struct request_view *v,
			const struct request *r)
{
	struct web_refusal why = {0};
	if (!request_next_role(r, &v->decisions))
		return;
	if (request_may_decide(rq->user, v, r, &why)) {
		buf_puts(b, "<h2>決裁</h2>\n");
		form_open(b, rq, r, "decide");
		buf_puts(b, "<label for=\"d-note\">備考（却下の理由など）</label>"
			    "<textarea id=\"d-note\" name=\"note\" rows=\"3\"></textarea>"
			    "<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"approved\">承認</button>"
			    "<button type=\"submit\" name=\"decision\" value=\"rejected\" class=\"secondary\">却下</button>"
			    "</div></form>\n");
	} else if (strcmp(why.code, "self_approval") == 0) {
		html_printf(b, "<p class=\"note\">%s</p>\n", why.msg);
	}
	web_refusal_free(&why);
}

static void done_form(struct buf *b, const struct web_req *rq, const struct request_view *v,
		      const struct request *r)
{
	const struct request_type *t = request_type_find(r->type);
	if (!request_may_done(rq->user, v, r))
		return;
	buf_puts(b, "<h2>実施の記録</h2>\n");
	form_open(b, rq, r, "done");
	if (t && t->disposal) {
		size_t n;
		const struct request_disposal_method *m = request_disposal_methods(&n);
		buf_puts(b, "<label for=\"x-method\">廃棄の方法（図表24）</label>"
			    "<select id=\"x-method\" name=\"method\" required><option value=\"\">選んでください</option>");
		for (size_t i = 0; i < n; i++)
			html_printf(b, "<option value=\"%s\">%s</option>", m[i].id, m[i].label);
		buf_puts(b, "</select>");
	}
	buf_puts(b, "<label for=\"x-date\">実施日（空欄なら今日）</label>"
		    "<input id=\"x-date\" name=\"date\" type=\"date\">"
		    "<button type=\"submit\">実施済にする</button></form>\n");
}

static void return_form(struct buf *b, const struct web_req *rq, const struct request *r)
{
	if (!request_may_return(rq->user, r))
		return;
	buf_puts(b, "<h2>返却の確認</h2>\n");
	form_open(b, rq, r, "return");
	buf_puts(b, "<label for=\"x-rdate\">返却日（空欄なら今日）</label>"
		    "<input id=\"x-rdate\" name=\"date\" type=\"date\">"
		    "<button type=\"submit\">返却を確認する</button></form>\n");
}

/*
 * A 持ち出し that is out (carried out, not returned) may be lost or stolen:
 * the page offers to report it as an incident (5.3.1), with the form filled
 * in from the request and linked to it (incident_new.origin).
 */
static void loss_report_link(struct buf *b, const struct request_view *v, const struct request *r)
{
	const char *asset_no = request_view_target_code(v, r);
	if (strcmp(r->type, "takeout") != 0 || !r->done_at || r->returned_at || !r->asset_id ||
	    !asset_no)
		return;
	struct buf href = BUF_INIT, title = BUF_INIT, origin = BUF_INIT;
	buf_printf(&title, "持ち出し品の紛失・盗難（申請 %s）", r->request_no);
	buf_printf(&origin, "request:%s", r->request_no);
	buf_puts(&href, "/incidents/new");
	url_param(&href, "category", "loss_theft");
	url_param(&href, "origin", buf_str(&origin));
	url_param(&href, "assets", asset_no);
	url_param(&href, "title", buf_str(&title));
	html_printf(b, "<p><a href=\"%s\">紛失・盗難としてインシデントを報告する</a></p>\n", buf_str(&href));
	buf_free(&href);
	buf_free(&title);
	buf_free(&origin);
}

/* The page, with an optional refusal above the buttons. */
static void show(struct web_req *rq, struct web_resp *rs, const struct request_view *v,
		 const struct request *r, const struct web_refusal *why)
{
	struct buf title = BUF_INIT;
	buf_printf(&title, "申請 %s", r->request_no);
	page_begin(rq, rs, buf_str(&title));
	struct buf *b = &rs->body;
	const char *filed = form_get(&rq->query, "filed");
	html_printf(b, "<p class=\"crumbs\"><a href=\"/requests\">申請・承認</a></p>\n"
		       "<h1>%s <small>%s</small></h1>\n",
		    buf_str(&title), request_view_type_label(r));
	if (filed && strcmp(filed, "not_required") == 0)
		buf_puts(b, "<p class=\"note\" role=\"status\">この資産の分類では許可は不要ですが、申請は記録しました。</p>\n");
	if (why && why->status) {
		rs->status = why->status;
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", why->msg);
	}
	request_facts(b, rq->user, v, r);
	request_fields(b, r);
	decisions_table(b, v, r);
	decide_form(b, rq, v, r);
	done_form(b, rq, v, r);
	return_form(b, rq, r);
	loss_report_link(b, v, r);
	layout_end(b);
	buf_free(&title);
}

/* The request named in the URL if the viewer may see it; else a 404. */
static const struct request *find_visible(struct web_req *rq, struct web_resp *rs,
					  const struct request_view *v)
{
	const struct request *r = rq->id ? request_by_no(&v->requests, rq->id) : NULL;
	if (!r || !request_visible(rq->user, r)) {
		web_error(rq, rs, 404, "not_found", "ページが見つかりません");
		return NULL;
	}
	return r;
}

void page_request_show(struct web_req *rq, struct web_resp *rs)
{
	struct request_view v;
	struct err e = {0};
	if (request_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct request *r = find_visible(rq, rs, &v);
	if (r)
		show(rq, rs, &v, r, NULL);
	request_view_free(&v);
}

enum action { ACT_DECIDE, ACT_DONE, ACT_RETURN };

static void act(struct web_req *rq, struct web_resp *rs, enum action which)
{
	struct request_view v;
	struct web_refusal why = {0};
	struct err e = {0};
	if (request_view_load(rq->db, &v, &e)) {
		web_internal_error(rq, rs, &e);
		return;
	}
	const struct request *r = find_visible(rq, rs, &v);
	int rc = 0;
	const char *date = form_get(&rq->body, "date");
	if (r && which == ACT_DECIDE)
		rc = request_act_decide(rq, &v, r, form_get(&rq->body, "decision"),
					form_get(&rq->body, "note"), &why, &e);
	else if (r && which == ACT_DONE)
		rc = request_act_done(rq, &v, r, form_get(&rq->body, "method"), date, &why, &e);
	else if (r)
		rc = request_act_return(rq, r, date, &why, &e);
	if (rc) {
		web_internal_error(rq, rs, &e);
	} else if (r && why.status) {
		show(rq, rs, &v, r, &why);
	} else if (r) {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/requests/");
		url_encode(&to, r->request_no);
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	web_refusal_free(&why);
	request_view_free(&v);
}

void page_request_decide(struct web_req *rq, struct web_resp *rs)
{
	act(rq, rs, ACT_DECIDE);
}

void page_request_done(struct web_req *rq, struct web_resp *rs)
{
	act(rq, rs, ACT_DONE);
}

void page_request_return(struct web_req *rq, struct web_resp *rs)
{
	act(rq, rs, ACT_RETURN);
}
