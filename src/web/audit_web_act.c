/*
 * audit_web_act.c — the posts behind the forms of one audit's page: each
 * finds the audit in the person's scope (404 otherwise), refuses with 403
 * what core would never let this person do, and otherwise calls the same
 * core function the CLI calls inside web_write; core's refusal shows the
 * page again (422 for input, 409 for state) with nothing written and the
 * form filled in; success is 303 back to the page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/audit_web_act.h"
#include "web/audit_web_view.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/typed_input.h"

#define MAX_LIST 64
#define FORM_NAME 64

static void answer(struct web_req *rq, struct web_resp *rs, const struct audit *a, struct case_outcome *o,
		   const char *form, const char *anchor, int rc, struct err *e)
{
	if (rc) {
		web_internal_error(rq, rs, e);
	} else if (o->status) {
		if (rq->is_api)
			web_error(rq, rs, o->status == 422 ? 400 : o->status, o->code, o->msg);
		else
			audit_page(rq, rs, a, o, form);
	} else if (!rq->is_api) {
		struct buf to = BUF_INIT;
		audit_web_href(&to, a->audit_no, "?r=done#");
		buf_puts(&to, anchor);
		web_redirect(rs, buf_str(&to));
		buf_free(&to);
	}
	case_outcome_free(o);
}

static int is_open(const struct audit *a)
{
	return strcmp(a->state, "open") == 0;
}

/* The audit lead or the CISO (what audit_may AUDIT_EDIT asks, apart from the state). */
static int refuse_not_lead(struct web_req *rq, const struct audit *a, struct case_outcome *o)
{
	if (!audit_is_lead(&rq->user->roles, rq->user->staff.id)) {
		case_outcome_set(o, 403, "forbidden", "この操作は監査統括責任者と CISO が行います");
		return 1;
	}
	if (!is_open(a)) {
		case_outcome_set(o, 409, "conflict", "終了した監査は変更できません");
		return 1;
	}
	return 0;
}

/* Auditors of the audit, the audit lead, the CISO. */
static int refuse_not_auditor(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
			      int *failed)
{
	struct audit_members ml;
	*failed = 0;
	if (audit_members_load(rq->db, a->id, &ml, e)) {
		*failed = 1;
		return 1;
	}
	int may = audit_is_lead(&rq->user->roles, rq->user->staff.id) || audit_is_member(&ml, rq->user->staff.id);
	audit_members_free(&ml);
	if (!may) {
		case_outcome_set(o, 403, "forbidden", "この操作はこの監査の監査人・監査統括責任者・CISO が行います");
		return 1;
	}
	if (!is_open(a)) {
		case_outcome_set(o, 409, "conflict", "終了した監査は変更できません");
		return 1;
	}
	return 0;
}

/* The finding named by the form's "finding" field, when it is one of this
 * audit's: 0; else the refusal is in o. */
static int finding_of(struct web_req *rq, const struct audit *a, struct audit_finding *f, struct case_outcome *o,
		      struct err *e)
{
	const char *no = audit_web_field(rq, "finding");
	if (!no || audit_finding_load(rq->db, no, f, e)) {
		if (no && e->code != ERR_INPUT)
			return -1;
		memset(e, 0, sizeof *e);
		case_outcome_set(o, 422, "validation", "指摘事項の番号（finding）が正しくありません");
		return 1;
	}
	if (f->audit_id != a->id) {
		audit_finding_free(f);
		case_outcome_set(o, 422, "validation", "指摘事項の番号（finding）はこの監査のものではありません");
		return 1;
	}
	return 0;
}

/* Runs one action on audit rq->id: find, then act(rq, a, o, e). */
typedef int (*audit_act_fn)(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
			    char form[FORM_NAME]);

static void run(struct web_req *rq, struct web_resp *rs, audit_act_fn act, const char *anchor)
{
	struct audit a;
	struct case_outcome o = {0};
	struct err e = {0};
	char form[FORM_NAME] = "";
	if (audit_web_find(rq, rs, rq->id, &a))
		return;
	int rc = act(rq, &a, &o, &e, form);
	answer(rq, rs, &a, &o, form, anchor, rc, &e);
	audit_free(&a);
}

/* ---- auditors ---- */

struct member_args {
	const char *no, *staff, *external, *role, *actor;
};

static int do_member(struct tx *tx, void *arg, struct err *e)
{
	struct member_args *m = arg;
	return audit_member_add(tx, m->no, m->staff, m->external, m->role, m->actor, e);
}

static int act_member(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		      char form[FORM_NAME])
{
	snprintf(form, FORM_NAME, "member");
	if (refuse_not_lead(rq, a, o))
		return 0;
	struct member_args m = {a->audit_no, audit_web_field(rq, "staff"), audit_web_field(rq, "external"),
				audit_web_field(rq, "role"), rq->user->staff.staff_no};
	if (!m.staff == !m.external) {
		case_outcome_set(o, 422, "validation", "職員番号か外部監査人の名称のどちらか一方を入力してください");
		return 0;
	}
	return case_view_write(rq, do_member, &m, 422, o, e);
}

void page_audit_member(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_member, "members");
}

/* ---- items and results ---- */

struct items_args {
	const char *no, *const *clauses, *method, *actor;
	size_t n;
};

static int do_items(struct tx *tx, void *arg, struct err *e)
{
	struct items_args *x = arg;
	int added;
	return audit_items_add(tx, x->no, x->clauses, x->n, x->method, x->actor, &added, e);
}

static int act_items(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		     char form[FORM_NAME])
{
	snprintf(form, FORM_NAME, "items");
	if (refuse_not_lead(rq, a, o))
		return 0;
	const char *v[MAX_LIST];
	char *text = xstrdup(audit_web_field(rq, "clauses") ? audit_web_field(rq, "clauses") : "");
	struct items_args x = {a->audit_no, v, audit_web_field(rq, "method"), rq->user->staff.staff_no, 0};
	x.n = typed_list_split(text, v, MAX_LIST);
	int rc = 0;
	if (!x.n)
		case_outcome_set(o, 422, "validation", "追加する条項を入力してください（例: 6.2 5.4.3.3）");
	else
		rc = case_view_write(rq, do_items, &x, 422, o, e);
	free(text);
	return rc;
}

void page_audit_items(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_items, "items");
}

struct result_args {
	const char *no, *clause, *result, *method, *note, *actor;
};

static int do_result(struct tx *tx, void *arg, struct err *e)
{
	struct result_args *x = arg;
	return audit_item_set(tx, x->no, x->clause, x->result, x->method, x->note, x->actor, e);
}

static int act_result(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		      char form[FORM_NAME])
{
	int failed;
	snprintf(form, FORM_NAME, "result");
	if (refuse_not_auditor(rq, a, o, e, &failed))
		return failed ? e->code : 0;
	struct result_args x = {a->audit_no, audit_web_field(rq, "clause"), audit_web_field(rq, "result"),
				audit_web_field(rq, "method"), audit_web_field(rq, "note"), rq->user->staff.staff_no};
	if (!x.clause || !x.result) {
		case_outcome_set(o, 422, "validation", "条項と結果を選んでください");
		return 0;
	}
	return case_view_write(rq, do_result, &x, 422, o, e);
}

void page_audit_result(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_result, "items");
}

/* ---- findings ---- */

struct finding_args {
	struct audit_finding_new in;
	char *no;
};

static int do_finding(struct tx *tx, void *arg, struct err *e)
{
	struct finding_args *x = arg;
	return audit_finding_add(tx, &x->in, &x->no, e);
}

int audit_web_finding_add(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
			  char **finding_no)
{
	int failed;
	*finding_no = NULL;
	if (refuse_not_auditor(rq, a, o, e, &failed))
		return failed ? e->code : 0;
	struct finding_args x = {{a->audit_no, audit_web_field(rq, "clause"), audit_web_field(rq, "severity"),
				  audit_web_field(rq, "description"), audit_web_field(rq, "unit"),
				  rq->user->staff.staff_no},
				 NULL};
	if (!x.in.clause || !x.in.severity || !x.in.description) {
		case_outcome_set(o, 422, "validation", "条項・重要度・内容を入力してください");
		return 0;
	}
	int rc = case_view_write(rq, do_finding, &x, 422, o, e);
	if (!rc && !o->status)
		*finding_no = x.no;
	else
		free(x.no);
	return rc;
}

static int act_finding(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		       char form[FORM_NAME])
{
	char *no;
	snprintf(form, FORM_NAME, "finding");
	int rc = audit_web_finding_add(rq, a, o, e, &no);
	free(no);
	return rc;
}

void page_audit_finding(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_finding, "findings");
}

/* ---- the CISO's directive, requests to other 課, answers ---- */

struct direct_args {
	const char *no, *text, *actor;
};

static int do_direct(struct tx *tx, void *arg, struct err *e)
{
	struct direct_args *x = arg;
	return audit_finding_direct(tx, x->no, x->text, x->actor, e);
}

static int act_direct(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		      char form[FORM_NAME])
{
	struct audit_finding f;
	if (!audit_may(&rq->user->roles, rq->user->staff.id, a, AUDIT_DIRECT)) {
		case_outcome_set(o, 403, "forbidden", "指摘事項への指示は CISO が行います（9.1.7）");
		return 0;
	}
	int r = finding_of(rq, a, &f, o, e);
	if (r)
		return r < 0 ? e->code : 0;
	struct direct_args x = {f.finding_no, audit_web_field(rq, "directive"), rq->user->staff.staff_no};
	int rc = case_view_write(rq, do_direct, &x, 422, o, e);
	snprintf(form, FORM_NAME, "direct:%s", f.finding_no);
	audit_finding_free(&f);
	return rc;
}

void page_audit_directive(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_direct, "findings");
}

struct spread_args {
	const char *no, *const *units, *actor;
	size_t n;
};

static int do_spread(struct tx *tx, void *arg, struct err *e)
{
	struct spread_args *x = arg;
	return audit_spread_ask(tx, x->no, x->units, x->n, x->actor, e);
}

static int act_spread(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		      char form[FORM_NAME])
{
	struct audit_finding f;
	if (!audit_may(&rq->user->roles, rq->user->staff.id, a, AUDIT_SPREAD_ASK)) {
		case_outcome_set(o, 403, "forbidden", "他課への確認の依頼は CISO が行います（9.1.7）");
		return 0;
	}
	int r = finding_of(rq, a, &f, o, e);
	if (r)
		return r < 0 ? e->code : 0;
	snprintf(form, FORM_NAME, "spread:%s", f.finding_no);
	const char *v[MAX_LIST];
	char *text = xstrdup(audit_web_field(rq, "units") ? audit_web_field(rq, "units") : "");
	struct spread_args x = {f.finding_no, v, rq->user->staff.staff_no, 0};
	x.n = typed_list_split(text, v, MAX_LIST);
	int rc = 0;
	if (!x.n)
		case_outcome_set(o, 422, "validation", "確認を依頼する課のコードを入力してください");
	else
		rc = case_view_write(rq, do_spread, &x, 422, o, e);
	free(text);
	audit_finding_free(&f);
	return rc;
}

void page_audit_spread(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_spread, "findings");
}

struct answer_args {
	const char *no, *unit, *text, *actor;
	int found;
};

static int do_answer(struct tx *tx, void *arg, struct err *e)
{
	struct answer_args *x = arg;
	return audit_spread_answer(tx, x->no, x->unit, x->found, x->text, x->actor, e);
}

/* The request of finding f to 課 unit: *asked 0 none, 1 this person may
 * answer it now, 2 answered already, -1 asked of someone else. */
static int spread_may(struct web_req *rq, const struct audit_finding *f, const char *unit, int *asked,
		      struct err *e)
{
	const struct org_unit *u = org_unit_by_code(&rq->user->units, unit);
	struct audit_spreads sl;
	*asked = 0;
	if (!u)
		return 0;
	if (audit_spreads_load(rq->db, f->id, u->id, &sl, e))
		return e->code;
	for (size_t i = 0; i < sl.n; i++) {
		const struct audit_spread *s = &sl.v[i];
		if (s->unit_id != u->id)
			continue;
		if (audit_may_answer_spread(&rq->user->roles, rq->user->staff.id, s))
			*asked = 1;
		else if (strcmp(s->state, "asked") != 0)
			*asked = 2;
		else
			*asked = -1;
	}
	audit_spreads_free(&sl);
	return 0;
}

/* Who may answer is the asked 課's manager (audit_may_answer_spread); core
 * checks again. */
static int act_answer(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		      char form[FORM_NAME])
{
	struct audit_finding f;
	int r = finding_of(rq, a, &f, o, e);
	if (r)
		return r < 0 ? e->code : 0;
	snprintf(form, FORM_NAME, "answer:%s", f.finding_no);
	const char *found = audit_web_field(rq, "found");
	struct answer_args x = {f.finding_no, audit_web_field(rq, "unit"), audit_web_field(rq, "answer"),
				rq->user->staff.staff_no, found && strcmp(found, "yes") == 0};
	int rc = 0, asked = 0;
	if (!found || (strcmp(found, "yes") != 0 && strcmp(found, "no") != 0))
		case_outcome_set(o, 422, "validation", "確認結果（found: yes か no）を選んでください");
	else if (!x.unit)
		case_outcome_set(o, 422, "validation", "回答する課（unit）を指定してください");
	else if ((rc = spread_may(rq, &f, x.unit, &asked, e)) == 0 && asked == 0)
		case_outcome_set(o, 422, "validation", "この課にはこの指摘事項の確認を依頼していません");
	else if (!rc && asked < 0)
		case_outcome_set(o, 403, "forbidden", "回答できるのは確認を依頼された課の情報セキュリティ管理者です");
	else if (!rc && asked == 2)
		case_outcome_set(o, 409, "conflict", "この課はすでに回答しています");
	else if (!rc)
		rc = case_view_write(rq, do_answer, &x, 422, o, e);
	audit_finding_free(&f);
	return rc;
}

void page_audit_answer(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_answer, "findings");
}

/* ---- corrective actions ---- */

struct action_args {
	const char *no, *unit, *measure, *owner, *due, *actor;
	char *action_no;
};

static int do_action(struct tx *tx, void *arg, struct err *e)
{
	struct action_args *x = arg;
	return audit_finding_action(tx, x->no, x->unit, x->measure, x->owner, x->due, x->actor, &x->action_no, e);
}

/* Who may file is core's rule (corrective_may_file, checked again inside). */
static int act_action(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		      char form[FORM_NAME])
{
	struct audit_finding f;
	int r = finding_of(rq, a, &f, o, e);
	if (r)
		return r < 0 ? e->code : 0;
	snprintf(form, FORM_NAME, "action:%s", f.finding_no);
	struct action_args x = {f.finding_no, audit_web_field(rq, "unit"), audit_web_field(rq, "measure"),
				audit_web_field(rq, "owner"), audit_web_field(rq, "due"), rq->user->staff.staff_no,
				NULL};
	int rc = 0;
	if (!corrective_may_file(&rq->user->roles, rq->user->staff.id, "audit", f.unit_id))
		case_outcome_set(o, 403, "forbidden",
				 "改善措置を登録できるのは CISO・副CISO・統括・情報セキュリティ責任者・課の管理者・監査統括責任者です");
	else
		rc = case_view_write(rq, do_action, &x, 422, o, e);
	free(x.action_no);
	audit_finding_free(&f);
	return rc;
}

void page_audit_action(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_action, "findings");
}

/* ---- closing ---- */

struct close_args {
	const char *no, *actor, *conclusion;
};

static int do_close(struct tx *tx, void *arg, struct err *e)
{
	struct close_args *x = arg;
	return audit_close(tx, x->no, x->actor, x->conclusion, e);
}

static int act_close(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
		     char form[FORM_NAME])
{
	snprintf(form, FORM_NAME, "close");
	if (refuse_not_lead(rq, a, o))
		return 0;
	struct close_args x = {a->audit_no, rq->user->staff.staff_no, audit_web_field(rq, "conclusion")};
	return case_view_write(rq, do_close, &x, 422, o, e);
}

void page_audit_close(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_close, "report");
}

/* ---- evidence (multipart) ---- */

struct evidence_args {
	struct audit_evidence_new in;
	long long id;
};

static int do_evidence(struct tx *tx, void *arg, struct err *e)
{
	struct evidence_args *x = arg;
	return audit_evidence_add(tx, &x->in, &x->id, e);
}

static int act_evidence(struct web_req *rq, const struct audit *a, struct case_outcome *o, struct err *e,
			char form[FORM_NAME])
{
	int failed;
	snprintf(form, FORM_NAME, "evidence");
	if (refuse_not_auditor(rq, a, o, e, &failed))
		return failed ? e->code : 0;
	const struct web_upload *up = web_upload_get(rq, "file");
	if (!up || !up->len) {
		case_outcome_set(o, 422, "validation", "登録するファイルを選んでください（空のファイルは登録できません）");
		return 0;
	}
	struct evidence_args x = {{a->audit_no, audit_web_field(rq, "item"), audit_web_field(rq, "kind"),
				   up->filename && *up->filename ? up->filename : "evidence.bin", up->data, up->len,
				   rq->user->staff.staff_no},
				  0};
	return case_view_write(rq, do_evidence, &x, 422, o, e);
}

void page_audit_evidence_add(struct web_req *rq, struct web_resp *rs)
{
	run(rq, rs, act_evidence, "evidence");
}
