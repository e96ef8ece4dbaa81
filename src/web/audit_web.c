/*
 * audit_web.c — scope, lookups and labels shared by the 監査 and 改善措置
 * pages and their API (audit_web.h).
 */
#include "web/audit_web.h"

#include <string.h>

#include "core/corrective.h"
#include "util/timeutil.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"
#include "web/timeline_web.h"
#include "web/url.h"

const char *const audit_web_roles_all[] = {"ciso", "deputy_ciso", "chief_officer", "audit_lead", "committee",
					   NULL};

const char *const audit_web_roles_lead[] = {"audit_lead", "ciso", NULL};
const char *const audit_web_roles_approve[] = {"ciso", "committee", NULL};

int audit_web_sees_all(const struct web_user *u)
{
	return web_user_has_any(u, audit_web_roles_all);
}

/* Whether a finding of audit_id belongs to, or was asked of, a 課 u covers. */
static int finding_unit_covered(struct web_req *rq, long long audit_id, int *covered, struct err *e)
{
	struct audit_finding_filter f = {audit_id, 0, NULL, 0};
	struct audit_findings fl;
	*covered = 0;
	if (audit_findings_load(rq->db, &f, &fl, e))
		return e->code;
	for (size_t i = 0; i < fl.n && !*covered; i++) {
		if (scope_unit_covered(rq->user, fl.v[i].unit_id)) {
			*covered = 1;
			break;
		}
		struct audit_spreads sl;
		if (audit_spreads_load(rq->db, fl.v[i].id, 0, &sl, e)) {
			audit_findings_free(&fl);
			return e->code;
		}
		for (size_t k = 0; k < sl.n; k++)
			if (scope_unit_covered(rq->user, sl.v[k].unit_id) || sl.v[k].manager_id == rq->user->staff.id)
				*covered = 1;
		audit_spreads_free(&sl);
	}
	audit_findings_free(&fl);
	return 0;
}

int audit_web_visible(struct web_req *rq, const struct audit *a, int *visible, struct err *e)
{
	*visible = 1;
	if (audit_web_sees_all(rq->user) || a->lead_id == rq->user->staff.id ||
	    (a->unit_id && scope_unit_covered(rq->user, a->unit_id)))
		return 0;
	struct audit_members ml;
	if (audit_members_load(rq->db, a->id, &ml, e))
		return e->code;
	int member = audit_is_member(&ml, rq->user->staff.id);
	audit_members_free(&ml);
	if (member)
		return 0;
	return finding_unit_covered(rq, a->id, visible, e);
}

int audit_web_find(struct web_req *rq, struct web_resp *rs, const char *no, struct audit *out)
{
	struct err e = {0};
	int visible = 0;
	if (!no || audit_load(rq->db, no, out, &e)) {
		if (no && e.code != ERR_INPUT)
			web_internal_error(rq, rs, &e);
		else
			web_error(rq, rs, 404, "not_found", "監査が見つかりません");
		return -1;
	}
	if (audit_web_visible(rq, out, &visible, &e)) {
		audit_free(out);
		web_internal_error(rq, rs, &e);
		return -1;
	}
	if (!visible) {
		audit_free(out);
		web_error(rq, rs, 404, "not_found", "監査が見つかりません");
		return -1;
	}
	return 0;
}

int action_web_visible(const struct web_user *u, const struct corrective_action *a)
{
	return audit_web_sees_all(u) || a->owner_id == u->staff.id || a->created_by == u->staff.id ||
	       (a->unit_id && scope_unit_covered(u, a->unit_id));
}

int action_web_find(struct web_req *rq, struct web_resp *rs, const char *no, struct corrective_action *out)
{
	struct err e = {0};
	if (!no || corrective_load(rq->db, no, out, &e)) {
		if (no && e.code != ERR_INPUT)
			web_internal_error(rq, rs, &e);
		else
			web_error(rq, rs, 404, "not_found", "改善措置が見つかりません");
		return -1;
	}
	if (!action_web_visible(rq->user, out)) {
		corrective_action_free(out);
		web_error(rq, rs, 404, "not_found", "改善措置が見つかりません");
		return -1;
	}
	return 0;
}

void audit_web_href(struct buf *b, const char *no, const char *suffix)
{
	buf_puts(b, "/audits/");
	url_encode(b, no);
	buf_puts(b, suffix);
}

void action_web_href(struct buf *b, const char *no, const char *suffix)
{
	buf_puts(b, "/actions/");
	url_encode(b, no);
	buf_puts(b, suffix);
}

/* The body keys the audit and corrective steps write, as people read them. */
static const char *body_key_label(const char *key)
{
	static const struct {
		const char *key, *label;
	} labels[] = {
		{"action_no", "改善措置"},   {"answer", "回答"},         {"clause", "条項"},
		{"conclusion", "結論"},      {"count", "件数"},          {"directive", "指示"},
		{"due_on", "期限"},          {"ends_on", "終了日"},      {"external_name", "外部監査人"},
		{"filename", "ファイル"},    {"finding_no", "指摘事項"}, {"kind", "種類"},
		{"measure", "措置の内容"},   {"method", "方法"},         {"note", "所見・備考"},
		{"result", "結果"},          {"role", "役割"},           {"severity", "重要度"},
		{"sha256", "SHA-256"},       {"size", "大きさ"},         {"staff_no", "職員番号"},
		{"starts_on", "開始日"},     {"state", "状態"},          {"target_kind", "対象の種類"},
		{"title", "名称"},           {"to", "宛先"},             {"unit", "課"},
		{"units", "課"},             {"owner", "担当者"},        {"problem", "問題点"},
		{"source", "発端"},
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].key, key) == 0)
			return labels[i].label;
	return key;
}

void audit_web_timeline(struct buf *b, const struct case_view_refs *r, const struct case_events *ev, int corrective)
{
	timeline_web(b, r, ev, "<h2 id=\"timeline\">経過</h2>\n", corrective ? corrective_step_label : audit_step_label,
		     body_key_label);
}

const char *audit_web_field(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v && *v ? v : NULL;
}
