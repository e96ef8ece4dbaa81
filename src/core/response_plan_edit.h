/*
 * response_plan_edit.h — each change of the 緊急時対応計画 as one write
 * callback (int fn(struct tx *, void *arg, struct err *)), so that the CLI
 * (cli_one_write) and the web (web_write) run the very same call with the
 * same arguments instead of each wrapping response_plan.h again.  Every
 * callback fills in the version it made.
 */
#ifndef MAMORI_RESPONSE_PLAN_EDIT_H
#define MAMORI_RESPONSE_PLAN_EDIT_H

#include "core/response_plan.h"
#include "util/err.h"

struct tx;

/* arg: long long *, receives the version made (1). */
int plan_edit_init(struct tx *tx, void *arg, struct err *e);

struct plan_field_edit {
	const char *field, *text;
	long long version;
};
/* arg: struct plan_field_edit * */
int plan_edit_field(struct tx *tx, void *arg, struct err *e);

/* remove > 0 removes the contact with that number, 0 adds `add`. */
struct plan_contact_edit {
	struct plan_contact add;
	long long remove;
	long long version;
};
/* arg: struct plan_contact_edit * */
int plan_edit_contact(struct tx *tx, void *arg, struct err *e);

struct plan_review_edit {
	const char *date;
	long long version;
};
/* arg: struct plan_review_edit * */
int plan_edit_review(struct tx *tx, void *arg, struct err *e);

struct plan_approval {
	long long version;
	const char *staff_no;
};
/* arg: const struct plan_approval * */
int plan_edit_approve(struct tx *tx, void *arg, struct err *e);

#endif
