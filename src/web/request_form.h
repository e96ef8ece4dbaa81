/*
 * request_form.h — one request type's application form, generated from the
 * type's field definitions: read from a posted form (the page's and the
 * API's fields are the same: type, asset, system and one per field key),
 * checked field by field, turned into request_new for the engine, and drawn
 * again with the values kept and the problems beside their fields.
 *
 * Target (asset types): an asset of the register within the person's reach
 * — what the person may see (scope.h) or an asset of their own 課 — since
 * staff take out their 課's equipment.  Anything else is refused with the
 * same message as an unknown 資産番号, so the form reveals nothing.
 */
#ifndef MAMORI_WEB_REQUEST_FORM_H
#define MAMORI_WEB_REQUEST_FORM_H

#include "core/request.h"
#include "web/web.h"

#define REQUEST_FORM_PROBLEMS (REQUEST_MAX_FIELDS + 4)

struct request_form {
	const struct request_type *t;
	const char *asset, *system;              /* as posted (NULL when absent) */
	const char *values[REQUEST_MAX_FIELDS];  /* by the type's field index */
	char *args[REQUEST_MAX_FIELDS];          /* "key=value" for request_new */
	size_t nproblems;
	struct {
		const char *field; /* a field key, "asset", "system", or NULL for the form */
		char *msg;
	} problems[REQUEST_FORM_PROBLEMS];
};

/* body may be NULL (an empty form). */
void request_form_init(struct request_form *f, const struct request_type *t, const struct form *body);
void request_form_free(struct request_form *f);
/* Records a problem (Japanese); field as in struct request_form. */
void request_form_problem(struct request_form *f, const char *field, const char *msg);
/* Required fields and the target; problems are added to f.  Returns an
 * error code only when the database fails. */
int request_form_check(struct web_req *rq, struct request_form *f, struct err *e);
/* The engine's input for the signed-in person (pointers into f and rq). */
void request_form_input(struct request_form *f, const struct web_req *rq, struct request_new *in);
/* Draws the form page with status (200, or 400 after problems). */
int request_form_show(struct web_req *rq, struct web_resp *rs, const struct request_form *f,
		      int status, struct err *e);

#endif
