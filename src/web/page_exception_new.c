/*
 * page_exception_new.c — filing a 例外措置 in the browser (and, through
 * exc_file, the API): clause, reason, scope, compensating measures, period,
 * 緊急, and the 課 or system it is for, limited to those the person holds
 * the filing role for (情報セキュリティ管理者 of the 課, 情報システム管理者
 * of the system).  Everything else is exception_file's decision; its
 * message is shown above the form with the values kept (422), nothing
 * written.
 */
#include <stdlib.h>
#include <string.h>

#include "core/case_write.h"
#include "core/infosys.h"
#include "web/case_scope.h"
#include "web/exc_view.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/url.h"

static const char *posted(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v && *v ? v : NULL;
}

/* Whether "unit:CODE" / "system:CODE" names something u may file for. */
static int target_allowed(const struct web_user *u, const struct info_systems *systems, const char *unit,
			  const char *system)
{
	for (size_t i = 0; i < u->roles.n; i++) {
		const struct role_assignment *r = &u->roles.v[i];
		if (unit && strcmp(r->role, "manager") == 0) {
			const struct org_unit *x = org_unit_by_id(&u->units, r->unit_id);
			if (x && strcmp(x->code, unit) == 0)
				return 1;
		}
		if (system && strcmp(r->role, "system_admin") == 0) {
			const struct info_system *s = infosys_by_id(systems, r->system_id);
			if (s && strcmp(s->code, system) == 0)
				return 1;
		}
	}
	return 0;
}

int exc_file(struct web_req *rq, const struct info_systems *systems, const char *unit, const char *system,
	     char **no, struct case_outcome *o, struct err *e)
{
	const char *emergency = posted(rq, "emergency");
	struct exception_filing a = {{0}, NULL};
	*no = NULL;
	if (!case_exception_may_file(rq->user)) {
		case_outcome_set(o, 403, "forbidden",
				 "例外措置を申請できるのは、情報セキュリティ管理者（課）か情報システム管理者（システム）です");
		return 0;
	}
	if ((!unit) == (!system) || !target_allowed(rq->user, systems, unit, system)) {
		case_outcome_set(o, 422, "validation",
				 "対象の課またはシステムを、あなたが管理するものから一つ選んでください");
		return 0;
	}
	a.in = (struct exception_new){rq->user->staff.staff_no, posted(rq, "clause"), posted(rq, "reason"),
				      posted(rq, "scope"), posted(rq, "measures"), posted(rq, "starts_on"),
				      posted(rq, "ends_on"), unit, system,
				      emergency && (strcmp(emergency, "1") == 0 || strcmp(emergency, "true") == 0)};
	int rc = case_view_write(rq, exception_file_write, &a, 422, o, e);
	*no = a.no;
	return rc;
}

static void text_input(struct buf *b, const struct web_req *rq, const char *name, const char *label,
		       const char *type, const char *hint)
{
	const char *v = form_get(&rq->body, name);
	html_printf(b, "<label for=\"x-%s\">%s</label>", name, label);
	if (hint)
		html_printf(b, "<p class=\"note\" id=\"x-%s-hint\">%s</p>"
			       "<input id=\"x-%s\" name=\"%s\" type=\"%s\" value=\"%s\" aria-describedby=\"x-%s-hint\">",
			    name, hint, name, name, type, v ? v : "", name);
	else
		html_printf(b, "<input id=\"x-%s\" name=\"%s\" type=\"%s\" value=\"%s\">", name, name, type,
			    v ? v : "");
}

static void text_area(struct buf *b, const struct web_req *rq, const char *name, const char *label)
{
	const char *v = form_get(&rq->body, name);
	html_printf(b, "<label for=\"x-%s\">%s</label><textarea id=\"x-%s\" name=\"%s\" rows=\"3\">%s</textarea>", name,
		    label, name, name, v ? v : "");
}

static void target_select(struct buf *b, const struct web_req *rq, const struct info_systems *systems)
{
	const char *chosen = form_get(&rq->body, "target");
	struct buf val = BUF_INIT;
	buf_puts(b, "<label for=\"x-target\">対象の課・システム</label><select id=\"x-target\" name=\"target\" required>"
		    "<option value=\"\">選んでください</option>");
	for (size_t i = 0; i < rq->user->roles.n; i++) {
		const struct role_assignment *r = &rq->user->roles.v[i];
		const struct org_unit *unit = strcmp(r->role, "manager") == 0 ? org_unit_by_id(&rq->user->units, r->unit_id) : NULL;
		const struct info_system *s = strcmp(r->role, "system_admin") == 0 ? infosys_by_id(systems, r->system_id) : NULL;
		buf_reset(&val);
		if (unit)
			buf_printf(&val, "unit:%s", unit->code);
		else if (s)
			buf_printf(&val, "system:%s", s->code);
		else
			continue;
		html_printf(b, chosen && strcmp(chosen, buf_str(&val)) == 0 ? "<option value=\"%s\" selected>%s%s</option>"
									     : "<option value=\"%s\">%s%s</option>",
			    buf_str(&val), unit ? "課: " : "システム: ", unit ? unit->name : s->name);
	}
	buf_puts(b, "</select>");
	buf_free(&val);
}

static void form_page(struct web_req *rq, struct web_resp *rs, const struct info_systems *systems, int status,
		      const char *problem)
{
	const char *emergency = form_get(&rq->body, "emergency");
	page_begin(rq, rs, "例外措置の申請");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/exceptions\">例外措置</a></p>\n<h1>例外措置の申請</h1>\n"
		    "<p class=\"note\">対策基準の条項を守ると業務が止まるとき、代わりの措置をとって一定期間その条項から外れることを"
		    "申請します（7.4）。通常は CISO の許可を得てから実施します。緊急の場合は先に実施し、直ちに CISO に報告してください。</p>\n");
	if (problem)
		html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>\n", problem);
	buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/exceptions/new\">");
	layout_csrf_field(b, rq);
	target_select(b, rq, systems);
	text_input(b, rq, "clause", "外れる条項（対策基準の番号）", "text", "例: 6.2.4（カタログの条項番号）");
	text_area(b, rq, "reason", "理由");
	text_area(b, rq, "scope", "範囲（対象の端末・業務など）");
	text_area(b, rq, "measures", "代替措置");
	text_input(b, rq, "starts_on", "開始日（空欄なら今日）", "date", NULL);
	text_input(b, rq, "ends_on", "終了日", "date", NULL);
	html_printf(b, "<label><input type=\"checkbox\" name=\"emergency\" value=\"1\"%s>"
		       " 緊急（先に実施し、事後に CISO へ報告する）</label>"
		       "<button type=\"submit\">申請する</button></form>\n",
		    emergency && *emergency ? " checked" : "");
	layout_end(b);
}

void page_exception_new_get(struct web_req *rq, struct web_resp *rs)
{
	struct info_systems systems = {0};
	struct err e = {0};
	if (infosys_load(rq->db, &systems, &e))
		web_internal_error(rq, rs, &e);
	else
		form_page(rq, rs, &systems, 200, NULL);
	infosys_free(&systems);
}

void page_exception_new_post(struct web_req *rq, struct web_resp *rs)
{
	struct info_systems systems = {0};
	struct case_outcome o = {0};
	struct err e = {0};
	char *no = NULL;
	const char *target = posted(rq, "target");
	const char *unit = target && strncmp(target, "unit:", 5) == 0 ? target + 5 : NULL;
	const char *system = target && strncmp(target, "system:", 7) == 0 ? target + 7 : NULL;
	if (infosys_load(rq->db, &systems, &e) || exc_file(rq, &systems, unit, system, &no, &o, &e)) {
		web_internal_error(rq, rs, &e);
	} else if (o.status) {
		form_page(rq, rs, &systems, o.status, o.msg);
	} else {
		struct buf to = BUF_INIT;
		buf_puts(&to, "/exceptions/");
		url_encode(&to, no);
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	free(no);
	case_outcome_free(&o);
	infosys_free(&systems);
}
