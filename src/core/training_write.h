/*
 * training_write.h — the 研修・訓練 changes as write callbacks
 * (int fn(struct tx *, void *arg, struct err *)), so that the CLI
 * (cli_one_write) and the web (web_write) run the very same call with the
 * same arguments instead of each wrapping training.h again.
 */
#ifndef MAMORI_TRAINING_WRITE_H
#define MAMORI_TRAINING_WRITE_H

#include "core/training.h"
#include "core/training_report.h"

struct training_course_writing {
	const char *actor;
	struct training_course_input in;
	long long id; /* the new course's (add only) */
	int update;   /* 1 changes the course in.code names, 0 adds one */
};
/* arg: struct training_course_writing * */
int training_course_write(struct tx *tx, void *arg, struct err *e);

struct training_course_retiring {
	const char *actor, *code, *date;
};
/* arg: struct training_course_retiring * */
int training_course_retire_write(struct tx *tx, void *arg, struct err *e);

struct training_plan_writing {
	const char *actor, *json, *note; /* json and note: the draft only */
	int fy, version;		 /* version: the draft's number, set on success */
};
/* arg: struct training_plan_writing * */
int training_plan_draft_write(struct tx *tx, void *arg, struct err *e);
/* arg: struct training_plan_writing * (actor and fy) */
int training_plan_approve_write(struct tx *tx, void *arg, struct err *e);

struct training_session_adding {
	const char *actor;
	struct training_session_input in;
	long long id; /* the new session's */
};
/* arg: struct training_session_adding * */
int training_session_add_write(struct tx *tx, void *arg, struct err *e);

struct training_attending {
	const char *actor, *staff_no;
	long long session;
	int score, passed;  /* -1 unknown */
	const char *source; /* how it was recorded: "manual", "web" */
};
/* arg: struct training_attending * */
int training_attend_write(struct tx *tx, void *arg, struct err *e);

struct training_reporting {
	const char *actor, *on, *note;
	int fy;
	char hash[65]; /* the SHA-256 recorded, set on success */
};
/* arg: struct training_reporting * */
int training_report_record_write(struct tx *tx, void *arg, struct err *e);

#endif
