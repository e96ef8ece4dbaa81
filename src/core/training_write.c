/*
 * training_write.c — training.h's and training_report.h's writes as
 * callbacks for cli and web (training_write.h).
 */
#include "core/training_write.h"

int training_course_write(struct tx *tx, void *arg, struct err *e)
{
	struct training_course_writing *a = arg;
	return a->update ? training_course_update(tx, a->actor, &a->in, e)
			 : training_course_add(tx, a->actor, &a->in, &a->id, e);
}

int training_course_retire_write(struct tx *tx, void *arg, struct err *e)
{
	const struct training_course_retiring *a = arg;
	return training_course_retire(tx, a->actor, a->code, a->date, e);
}

int training_plan_draft_write(struct tx *tx, void *arg, struct err *e)
{
	struct training_plan_writing *a = arg;
	return training_plan_draft(tx, a->actor, a->fy, a->json, a->note, &a->version, e);
}

int training_plan_approve_write(struct tx *tx, void *arg, struct err *e)
{
	const struct training_plan_writing *a = arg;
	return training_plan_approve(tx, a->actor, a->fy, e);
}

int training_session_add_write(struct tx *tx, void *arg, struct err *e)
{
	struct training_session_adding *a = arg;
	return training_session_add(tx, a->actor, &a->in, &a->id, e);
}

int training_attend_write(struct tx *tx, void *arg, struct err *e)
{
	const struct training_attending *a = arg;
	return training_attend(tx, a->actor, a->session, a->staff_no, a->score, a->passed, a->source, e);
}

int training_report_record_write(struct tx *tx, void *arg, struct err *e)
{
	struct training_reporting *a = arg;
	return training_report_record(tx, a->actor, a->fy, a->on, a->note, a->hash, e);
}
