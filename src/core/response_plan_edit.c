/*
 * response_plan_edit.c — the plan's changes as write callbacks shared by
 * the CLI and the web (see response_plan_edit.h).
 */
#include "core/response_plan_edit.h"

int plan_edit_init(struct tx *tx, void *arg, struct err *e)
{
	return plan_init(tx, arg, e);
}

int plan_edit_field(struct tx *tx, void *arg, struct err *e)
{
	struct plan_field_edit *a = arg;
	return plan_set(tx, a->field, a->text, &a->version, e);
}

int plan_edit_contact(struct tx *tx, void *arg, struct err *e)
{
	struct plan_contact_edit *a = arg;
	return a->remove ? plan_contact_remove(tx, a->remove, &a->version, e)
			 : plan_contact_add(tx, &a->add, &a->version, e);
}

int plan_edit_review(struct tx *tx, void *arg, struct err *e)
{
	struct plan_review_edit *a = arg;
	return plan_review(tx, a->date, &a->version, e);
}

int plan_edit_approve(struct tx *tx, void *arg, struct err *e)
{
	const struct plan_approval *a = arg;
	return plan_approve(tx, a->version, a->staff_no, e);
}
