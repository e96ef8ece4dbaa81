/*
 * inspect_write.c — inspect.h's writes as callbacks for cli and web
 * (inspect_write.h).
 */
#include "core/inspect_write.h"

int inspect_create_write(struct tx *tx, void *arg, struct err *e)
{
	struct inspect_creating *a = arg;
	return inspect_create(tx, &a->in, &a->no, e);
}

int inspect_step_write(struct tx *tx, void *arg, struct err *e)
{
	const struct inspect_stepping *a = arg;
	return a->close ? inspect_close(tx, a->no, a->actor, e) : inspect_open(tx, a->no, a->actor, e);
}

int inspect_answer_write(struct tx *tx, void *arg, struct err *e)
{
	const struct inspect_answering *a = arg;
	if (a->n && (a->token ? inspect_token_save(tx, a->token, a->v, a->n, e)
			      : inspect_answers_save(tx, a->respondent_id, a->v, a->n, e)))
		return e->code;
	if (!a->submit)
		return 0;
	return a->token ? inspect_token_submit(tx, a->token, e) : inspect_submit(tx, a->respondent_id, e);
}

int inspect_links_issue_write(struct tx *tx, void *arg, struct err *e)
{
	struct inspect_link_issuing *a = arg;
	return inspect_links_issue(tx, a->no, a->actor, a->expires, &a->links, e);
}

int inspect_links_mailed_write(struct tx *tx, void *arg, struct err *e)
{
	const struct inspect_mailing *a = arg;
	return inspect_links_mailed(tx, a->ids, a->n, e);
}

int inspect_remind_write(struct tx *tx, void *arg, struct err *e)
{
	const struct inspect_reminding *a = arg;
	return inspect_remind_record(tx, a->no, a->actor, a->ids, a->n, e);
}

int inspect_measure_write(struct tx *tx, void *arg, struct err *e)
{
	struct inspect_measure_adding *a = arg;
	return inspect_measure_add(tx, a->no, &a->in, &a->action_no, e);
}
