/*
 * incident_action.c — steps, notices and targets from the web
 * (incident_action.h).
 */
#include "web/incident_action.h"

#include <stdlib.h>
#include <string.h>

#include "web/incident_scope.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/typed_input.h"
#include "web/write.h"

const char *const incident_web_responders[] = {"csirt", "csirt_lead", "chief_officer", "ciso",
					       "deputy_ciso", NULL};

const char *const incident_web_step_kinds[] = {
	"assess", "measure", "recovery", "investigate", "prevention", "directive", "close",
	"cutoff", "cutoff_report", "severity", "note", NULL};

#define MAX_TARGETS 64

static int refuse(struct web_refusal *why, int status, const char *code, char *msg)
{
	free(why->msg);
	why->status = status;
	why->code = code;
	why->msg = msg;
	return 0;
}

int incident_web_is_responder(const struct web_user *u)
{
	return web_user_has_any(u, incident_web_responders);
}

static int known_kind(const char *kind)
{
	for (size_t i = 0; kind && incident_web_step_kinds[i]; i++)
		if (strcmp(kind, incident_web_step_kinds[i]) == 0)
			return 1;
	return 0;
}

int incident_web_may(struct web_req *rq, const struct incident *inc, const char *kind)
{
	int may = 0;
	struct err e = {0};
	/* a failed lookup offers nothing; the action itself reports the failure */
	if (incident_step_may(rq->db, inc, rq->user->staff.id, kind, &may, &e))
		return 0;
	return may;
}

/* An empty field is an absent one. */
static const char *field(const struct web_req *rq, const char *name)
{
	const char *v = form_get(&rq->body, name);
	return v && *v ? v : NULL;
}

/* The core's ERR_INPUT becomes a 422 refusal; anything else is a failure. */
static int core_result(int rc, struct web_refusal *why, struct err *e)
{
	if (!rc)
		return 0;
	if (e->code != ERR_INPUT)
		return rc;
	refuse(why, 422, "validation", xstrdup(e->msg));
	memset(e, 0, sizeof *e);
	return 0;
}

static int do_step(struct tx *tx, void *arg, struct err *e)
{
	return incident_step(tx, arg, e);
}

static int act_step(struct web_req *rq, const struct incident *inc, struct web_refusal *why,
		    struct err *e)
{
	const char *kind = field(rq, "kind");
	if (!known_kind(kind))
		return refuse(why, 422, "validation",
			      xstrdup("手順の種類（kind）が正しくありません（assess, measure, recovery, investigate,"
				      " prevention, directive, close, cutoff, cutoff_report, severity, note）"));
	int may = 0;
	if (incident_step_may(rq->db, inc, rq->user->staff.id, kind, &may, e))
		return e->code;
	if (!may)
		return refuse(why, 403, "forbidden",
			      xasprintf("「%s」は、あなたの役割とこのインシデントの状態（%s）では行えません",
					incident_step_label(kind), incident_state_label(inc->state)));
	long long ref = 0;
	if (strcmp(kind, "cutoff_report") == 0 && (ref = typed_decimal_id(field(rq, "ref"))) <= 0)
		return refuse(why, 422, "validation", xstrdup("事後報告する緊急遮断（経過の番号）を選んでください"));
	struct incident_step_in in = {inc->incident_no, rq->user->staff.staff_no, kind, field(rq, "note"),
				      NULL, field(rq, "target"), field(rq, "reason"), field(rq, "ordered_by"),
				      0, ref, field(rq, "severity")};
	if (strcmp(kind, "assess") == 0)
		in.is_incident = field(rq, "is_incident");
	if (strcmp(kind, "cutoff") == 0)
		in.emergency = field(rq, "emergency") != NULL;
	return core_result(web_write(rq, do_step, &in, e), why, e);
}

struct notify_args {
	const char *no, *party, *actor, *channel, *note;
};

static int do_notify(struct tx *tx, void *arg, struct err *e)
{
	struct notify_args *a = arg;
	return incident_notify_done(tx, a->no, a->party, a->actor, a->channel, a->note, e);
}

static int act_notify(struct web_req *rq, const struct incident *inc, struct web_refusal *why,
		      struct err *e)
{
	int may = 0;
	if (incident_notify_may(rq->db, rq->user->staff.id, &may, e))
		return e->code;
	if (!may)
		return refuse(why, 403, "forbidden",
			      xstrdup("通知の記録は CSIRT・統括・CISO・情報セキュリティ管理者・情報システム管理者が行います"));
	struct notify_args a = {inc->incident_no, field(rq, "party"), rq->user->staff.staff_no,
				field(rq, "channel"), field(rq, "note")};
	if (!a.party)
		return refuse(why, 422, "validation", xstrdup("通知先（party）を指定してください"));
	return core_result(web_write(rq, do_notify, &a, e), why, e);
}

static int do_targets(struct tx *tx, void *arg, struct err *e)
{
	return incident_add_targets(tx, arg, e);
}

static int act_targets(struct web_req *rq, const struct incident *inc, struct web_refusal *why,
		       struct err *e)
{
	int may = 0;
	if (incident_step_may(rq->db, inc, rq->user->staff.id, "note", &may, e))
		return e->code;
	if (!may)
		return refuse(why, 403, "forbidden",
			      xstrdup("対象を追加できるのは、対応中のインシデントの CSIRT と報告した本人です"));
	const char *assets[MAX_TARGETS], *systems[MAX_TARGETS];
	char *a = xstrdup(field(rq, "assets") ? field(rq, "assets") : "");
	char *s = xstrdup(field(rq, "systems") ? field(rq, "systems") : "");
	struct incident_targets_in in = {inc->incident_no, rq->user->staff.staff_no, field(rq, "note"),
					 assets, 0, systems, 0};
	in.nassets = (int)typed_list_split(a, assets, MAX_TARGETS);
	in.nsystems = (int)typed_list_split(s, systems, MAX_TARGETS);
	int rc = 0;
	if (in.nassets + in.nsystems == 0)
		refuse(why, 422, "validation", xstrdup("追加する資産番号かシステムコードを入力してください"));
	else
		rc = core_result(web_write(rq, do_targets, &in, e), why, e);
	free(a);
	free(s);
	return rc;
}

int incident_act(struct web_req *rq, const struct incident *inc, enum incident_action a,
		 struct web_refusal *why, struct err *e)
{
	if (a == INC_ACT_STEP)
		return act_step(rq, inc, why, e);
	if (a == INC_ACT_NOTIFY)
		return act_notify(rq, inc, why, e);
	return act_targets(rq, inc, why, e);
}

void incident_act_answer(struct web_req *rq, struct web_resp *rs, enum incident_action a,
			 incident_refused_fn refused, incident_done_fn done)
{
	struct incident inc;
	struct web_refusal why = {0};
	struct err e = {0};
	if (incident_find(rq, rs, rq->id, &inc))
		return;
	int rc = incident_act(rq, &inc, a, &why, &e);
	if (rc)
		web_internal_error(rq, rs, &e);
	else if (why.status)
		refused(rq, rs, a, &why);
	else
		done(rq, rs, &inc);
	web_refusal_free(&why);
	incident_free(&inc);
}
