/*
 * request_action.c — deciding, carrying out and returning from the web
 * (request_action.h).
 */
#include "web/request_action.h"

#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "web/request_form.h"

static int refuse(struct web_refusal *why, int status, const char *code, const char *msg)
{
	free(why->msg);
	why->status = status;
	why->code = code;
	why->msg = xstrdup(msg);
	return 0;
}

int request_may_decide(const struct web_user *u, const struct request_view *v,
		       const struct request *r, struct web_refusal *why)
{
	const char *role = request_next_role(r, &v->decisions);
	if (!role) {
		refuse(why, 409, "already_decided", "この申請は既に決裁されています");
		return 0;
	}
	if (r->requester_id == u->staff.id) {
		refuse(why, 403, "self_approval",
		       "自己承認はできません（兼務の禁止 1.8.1）。自分の申請は決裁できません");
		return 0;
	}
	if (!request_role_held(&u->roles, &u->units, r, u->staff.id, role)) {
		char *msg = xasprintf("この申請は%sの決裁を待っています。あなたの決裁の番ではありません",
				      vocab_label(&vocab_role, role));
		refuse(why, 403, "not_your_turn", msg);
		free(msg);
		return 0;
	}
	return 1;
}

int request_may_done(const struct web_user *u, const struct request_view *v,
		     const struct request *r)
{
	return strcmp(r->state, "approved") == 0 && !request_is_lapsed(r, v->today) &&
	       r->requester_id == u->staff.id;
}

int request_may_return(const struct web_user *u, const struct request *r)
{
	const struct request_type *t = request_type_find(r->type);
	return t && t->due_field && strcmp(r->state, "done") == 0 &&
	       request_role_held(&u->roles, &u->units, r, u->staff.id, "manager");
}

/* The engine's ERR_INPUT becomes a refusal; anything else is a failure. */
static int engine_result(int rc, struct web_refusal *why, struct err *e)
{
	if (!rc)
		return 0;
	if (e->code != ERR_INPUT)
		return rc;
	refuse(why, 400, "validation", e->msg);
	memset(e, 0, sizeof *e);
	return 0;
}

static int do_decide(struct tx *tx, void *arg, struct err *e)
{
	return request_decide(tx, arg, e);
}

int request_act_decide(struct web_req *rq, const struct request_view *v, const struct request *r,
		       const char *decision, const char *note, struct web_refusal *why,
		       struct err *e)
{
	int approve = decision && strcmp(decision, "approved") == 0;
	if (!approve && !(decision && strcmp(decision, "rejected") == 0))
		return refuse(why, 400, "validation", "決裁（approved: 承認 / rejected: 却下）を指定してください");
	if (!request_may_decide(rq->user, v, r, why))
		return 0;
	/* no override reason: the web never lets anyone decide their own request */
	struct request_decide_in in = {r->request_no, rq->user->staff.staff_no, NULL, approve,
				       note && *note ? note : NULL, NULL};
	return engine_result(web_write(rq, do_decide, &in, e), why, e);
}

struct finish_args {
	const char *no, *actor, *method, *date;
	int returning;
};

static int do_finish(struct tx *tx, void *arg, struct err *e)
{
	struct finish_args *a = arg;
	if (a->returning)
		return request_return(tx, a->no, a->actor, a->date, e);
	return request_done(tx, a->no, a->actor, a->method, a->date, e);
}

int request_act_done(struct web_req *rq, const struct request_view *v, const struct request *r,
		     const char *method, const char *date, struct web_refusal *why,
		     struct err *e)
{
	if (!request_may_done(rq->user, v, r))
		return refuse(why, 403, "forbidden",
			      "実施を記録できるのは、許可された申請の申請者本人です（許可の期限内に限ります）");
	struct finish_args a = {r->request_no, rq->user->staff.staff_no, method,
				date && *date ? date : NULL, 0};
	return engine_result(web_write(rq, do_finish, &a, e), why, e);
}

int request_act_return(struct web_req *rq, const struct request *r, const char *date,
		       struct web_refusal *why, struct err *e)
{
	if (!request_may_return(rq->user, r))
		return refuse(why, 403, "forbidden",
			      "返却を確認できるのは、持ち出し中の申請の課の情報セキュリティ管理者です");
	struct finish_args a = {r->request_no, rq->user->staff.staff_no, NULL,
				date && *date ? date : NULL, 1};
	return engine_result(web_write(rq, do_finish, &a, e), why, e);
}

struct file_args {
	struct request_new in;
	char *request_no;
	int not_required;
};

static int do_file(struct tx *tx, void *arg, struct err *e)
{
	struct file_args *a = arg;
	return request_file(tx, &a->in, &a->request_no, &a->not_required, e);
}

int request_act_file(struct web_req *rq, struct request_form *f, char **request_no,
		     int *not_required, struct err *e)
{
	struct file_args a = {{0}, NULL, 0};
	request_form_input(f, rq, &a.in);
	int rc = web_write(rq, do_file, &a, e);
	*request_no = a.request_no;
	*not_required = a.not_required;
	return rc;
}
