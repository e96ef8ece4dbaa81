/*
 * training_web_attend.c — the session of the URL and one attendance
 * recorded through core's training_attend (training_web_attend.h).
 */
#include "web/training_web_attend.h"

#include <stdlib.h>
#include <string.h>

#include "core/staff.h"
#include "core/training_write.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/training_web.h"
#include "web/write.h"

int training_web_session(struct web_req *rq, struct web_resp *rs, struct training_sessions *all,
			 const struct training_session **s)
{
	struct err e = {0};
	char *end;
	long long id = rq->id ? strtoll(rq->id, &end, 10) : 0;
	if (training_sessions_load(rq->db, 0, all, &e)) {
		web_internal_error(rq, rs, &e);
		return -1;
	}
	*s = rq->id && *rq->id && !*end && id > 0 ? training_session_by_id(all, id) : NULL;
	if (*s)
		return 0;
	training_sessions_free(all);
	web_error(rq, rs, 404, "not_found", "その研修の実施回はありません");
	return -1;
}

static int refuse(struct web_refusal *why, int status, const char *code, const char *msg)
{
	why->status = status;
	why->code = code;
	why->msg = xstrdup(msg);
	return 0;
}

/* "1" passed, "0" failed, "" or missing unknown; -2 for anything else. */
static int passed_of(const char *text)
{
	if (!text || !*text)
		return -1;
	if (strcmp(text, "1") == 0 || strcmp(text, "0") == 0)
		return *text - '0';
	return -2;
}

int training_web_attend(struct web_req *rq, long long sid, struct web_refusal *why, struct err *e)
{
	const char *no = form_get(&rq->body, "staff_no");
	int bad = rq->is_api ? 400 : 422;
	struct training_attending a = {rq->user->staff.staff_no, no, sid, -1, passed_of(form_get(&rq->body, "passed")),
					"web"};
	struct staff p;
	int found = 0;
	if (!training_web_may_record_some(rq))
		return refuse(why, 403, "forbidden", "受講を記録できるのは、統括の側か各課の情報セキュリティ管理者だけです");
	if (a.passed == -2)
		return refuse(why, bad, "validation", "合否（passed）は 1（合格）、0（不合格）か空です");
	if (training_score_parse(form_get(&rq->body, "score"), &a.score, e))
		return e->code == ERR_INPUT ? refuse(why, bad, "validation", e->msg) : -1;
	if (no && *no && staff_find(rq->db, no, &p, &found, e))
		return -1;
	if (found) {
		int may = training_may_record(&rq->user->roles, rq->user->staff.id, p.unit_id);
		staff_free(&p);
		if (!may)
			return refuse(why, 403, "forbidden",
				      "この職員の受講を記録できるのは、統括の側か、その課の情報セキュリティ管理者だけです");
	}
	if (web_write(rq, training_attend_write, &a, e) == 0)
		return 0;
	return e->code == ERR_INPUT ? refuse(why, bad, "validation", e->msg) : -1;
}
