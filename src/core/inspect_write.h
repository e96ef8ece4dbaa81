/*
 * inspect_write.h — the 自己点検 changes as write callbacks
 * (int fn(struct tx *, void *arg, struct err *)), so that the CLI
 * (inspect_cli_write) and the web (web_write) run the very same call with
 * the same arguments instead of each wrapping inspect.h again.
 */
#ifndef MAMORI_INSPECT_WRITE_H
#define MAMORI_INSPECT_WRITE_H

#include "core/inspect.h"

struct inspect_creating {
	struct inspect_new in;
	char *no; /* the number given; the caller frees it */
};
/* arg: struct inspect_creating * */
int inspect_create_write(struct tx *tx, void *arg, struct err *e);

struct inspect_stepping {
	const char *no, *actor;
	int close; /* 1 closes the campaign, 0 opens it */
};
/* arg: struct inspect_stepping * */
int inspect_step_write(struct tx *tx, void *arg, struct err *e);

/* Saves the answers of the respondent (respondent_id, or token when not
 * NULL) and submits when asked. */
struct inspect_answering {
	long long respondent_id;
	const char *token;
	const struct inspect_answer_in *v;
	size_t n;
	int submit;
};
/* arg: struct inspect_answering * */
int inspect_answer_write(struct tx *tx, void *arg, struct err *e);

struct inspect_link_issuing {
	const char *no, *actor, *expires;
	struct inspect_links links; /* the caller frees them (inspect_links_free) */
};
/* arg: struct inspect_link_issuing * */
int inspect_links_issue_write(struct tx *tx, void *arg, struct err *e);

/* The respondents whose link mail the relay accepted. */
struct inspect_mailing {
	long long *ids;
	size_t n;
};
/* arg: struct inspect_mailing * */
int inspect_links_mailed_write(struct tx *tx, void *arg, struct err *e);

struct inspect_reminding {
	const char *no, *actor;
	long long *ids; /* the respondents reminded */
	size_t n;
};
/* arg: struct inspect_reminding * */
int inspect_remind_write(struct tx *tx, void *arg, struct err *e);

struct inspect_measure_adding {
	const char *no;
	struct inspect_measure_new in;
	char *action_no; /* the number given; the caller frees it */
};
/* arg: struct inspect_measure_adding * */
int inspect_measure_write(struct tx *tx, void *arg, struct err *e);

#endif
