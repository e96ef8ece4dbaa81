/*
 * incident_form.h — the 第一報 (first report) of an incident as a member
 * of staff files it in the browser or through the API: the same fields for
 * both (title, category, detected, situation, cause, damage, record,
 * severity, unit, assets, systems), read from a posted form, checked for
 * what can be said field by field, filed through incident_file as the
 * signed-in person in one journaled transaction, and drawn again with the
 * values kept and the problems shown when something was refused.
 *
 * Everything beyond "this field is empty" is the engine's decision (an
 * unknown 資産番号, a detection time in the future, an unknown 課): its
 * Japanese message is shown above the form and nothing is written.
 */
#ifndef MAMORI_WEB_INCIDENT_FORM_H
#define MAMORI_WEB_INCIDENT_FORM_H

#include "core/incident.h"
#include "web/web.h"

/* As many affected assets and systems as a report may name. */
#define INCIDENT_FORM_TARGETS 64
#define INCIDENT_FORM_PROBLEMS 8

struct incident_form {
	/* as posted (NULL when absent) */
	const char *title, *category, *detected, *situation, *cause, *damage, *record;
	const char *severity, *unit, *assets_text, *systems_text;
	const char *origin; /* the record it arose from (incident_new.origin), kept hidden */
	/* the targets, split out of the text fields and repeated fields */
	char *assets[INCIDENT_FORM_TARGETS], *systems[INCIDENT_FORM_TARGETS];
	int nassets, nsystems;
	char detected_in[32]; /* what incident_file reads (JST "YYYY-MM-DD HH:MM" or RFC 3339) */
	size_t nproblems;
	struct {
		const char *field; /* a field name, or NULL for the form as a whole */
		char *msg;
	} problems[INCIDENT_FORM_PROBLEMS];
};

/* body may be NULL (an empty form); the query of GET /incidents/new fills
 * it in when another page links to the form (a lost 持ち出し, say). */
void incident_form_init(struct incident_form *f, const struct form *body);
void incident_form_free(struct incident_form *f);
void incident_form_problem(struct incident_form *f, const char *field, const char *msg);
/* The required fields and the sizes; problems are added to f. */
void incident_form_check(struct incident_form *f);
/*
 * Files the checked form as rq's person.  Returns 0 with *incident_no (the
 * caller frees), ERR_INPUT when the engine refused (e says why; nothing was
 * written), or another error code.
 */
int incident_form_file(struct web_req *rq, struct incident_form *f, char **incident_no,
		       struct err *e);
/* Draws the form page with status (200, or 422 after problems). */
int incident_form_show(struct web_req *rq, struct web_resp *rs, const struct incident_form *f,
		       int status, struct err *e);

#endif
