/*
 * incident.h — the incident engine (情報セキュリティインシデント, guideline
 * 1(9), 5.3 and the commentary's 図表13/14; docs/incidents.md).
 *
 * An incident is filed (受付) by a member of staff (5.3(1)), by a resident or
 * an outside party (5.3(2)) or from a NISC/総務省 detection (図表13), with
 * the fields of the 第一報.  CSIRT assesses it: not an incident (非該当,
 * closed at once) or an incident, which then moves
 *   received → responding (対応中) → investigating (原因究明)
 *            → prevention (再発防止策, the CISO's directive) → closed (完了).
 * Every step is a case_event (case_kind "incident"); the state column is the
 * summary.  Who must be told and by when is incident_notice, computed from a
 * rule table (incident_notice_table.c) when the incident is filed, when it
 * is assessed, and when its severity changes.
 */
#ifndef MAMORI_INCIDENT_H
#define MAMORI_INCIDENT_H

#include <stddef.h>

#include "store/tx.h"

/* Categories: id and Japanese label (both accepted on input). */
struct incident_category {
	const char *id, *label;
	int cyber; /* cyber-attack related: NISC/総務省 chain of 図表13/14 */
	int crime; /* a matter for the police */
};
const struct incident_category *incident_category_find(const char *id_or_label);
const struct incident_category *incident_categories(size_t *n);
const char *incident_state_label(const char *state);
const char *incident_severity_label(const char *severity);
/* A state id from its id or label (受付, 対応中 …); NULL if neither. */
const char *incident_state_id_public(const char *s);

struct incident {
	long long id;
	char *incident_no, *title, *category, *source, *severity, *state;
	int is_incident; /* -1 until CSIRT assesses, then 0 or 1 */
	char *detected_at, *reported_at, *closed_at;
	long long reporter_id, unit_id;
	char *reporter_name, *reporter_contact;
	char *situation, *cause, *damage, *record;
};

struct incident_target {
	long long id, incident_id, asset_id, system_id;
};

struct incident_notice {
	long long id, incident_id, staff_id, done_by;
	char *party, *due_at, *done_at, *channel, *note;
};

/* What the targets add up to (drives notifications). */
struct incident_exposure {
	int max_confidentiality; /* baseline rank 1..3 of the highest 機密性; 0 = unknown */
	int personal;            /* 0 none, 1 個人情報, 2 特定個人情報 */
	int nsystems, nassets;
};

void incident_free(struct incident *i);
/* By incident_no; ERR_INPUT when absent. */
int incident_load(struct db *db, const char *no, struct incident *out, struct err *e);
int incident_targets_load(struct db *db, long long incident_id, struct incident_target **v,
			  size_t *n, struct err *e);
int incident_notices_load(struct db *db, long long incident_id, struct incident_notice **v,
			  size_t *n, struct err *e);
void incident_notices_free(struct incident_notice *v, size_t n);
int incident_exposure_of(struct db *db, long long incident_id, struct incident_exposure *x,
			 struct err *e);

/* ---- intake ---- */
struct incident_new {
	const char *actor_no;      /* 職員番号 for staff reports; NULL otherwise */
	const char *source;        /* staff | resident | external | nisc (default staff) */
	const char *reporter_name, *reporter_contact; /* residents and outside parties */
	const char *title, *category, *severity;      /* severity: high|medium|low, or derived */
	const char *situation, *cause, *damage, *record;
	const char *detected_at;   /* RFC 3339; default now */
	const char *unit;          /* 課 code or name; default the reporter's or first target's */
	const char **assets;       /* 資産番号 */
	int nassets;
	const char **systems;      /* システムコード */
	int nsystems;
	/* The record of another module it arose from, "request:番号" (an
	 * unreturned 持ち出し, say) or "violation:番号"; NULL if none.  It must
	 * exist; it is kept in the intake step's body. */
	const char *origin;
};
int incident_file(struct tx *tx, const struct incident_new *in, char **incident_no, struct err *e);

/* ---- steps (the timeline) ---- */
struct incident_step_in {
	const char *incident_no, *actor_no, *kind, *note;
	const char *is_incident;  /* assess: yes|no */
	const char *target, *reason, *ordered_by; /* cutoff */
	int emergency;                            /* cutoff */
	long long ref;            /* cutoff_report: the cutoff step's id */
	const char *severity;     /* severity */
};
int incident_step(struct tx *tx, const struct incident_step_in *in, struct err *e);
/*
 * Whether the person may take a step of `kind` on inc now: their role and
 * the incident's state allow it (what incident_step would accept, short of
 * the kind's own input).  For the pages, which offer only those steps.
 */
int incident_step_may(struct db *db, const struct incident *inc, long long staff_id,
		      const char *kind, int *may, struct err *e);
/* Whether the person may record that a notice was given. */
int incident_notify_may(struct db *db, long long staff_id, int *may, struct err *e);

/*
 * Adds affected assets and systems after intake (a "targets" step): by CSIRT
 * or the reporter while the incident is open.  Unknown numbers and targets
 * already listed are refused; the notices are re-computed (a system brings
 * its 情報システム管理者).
 */
struct incident_targets_in {
	const char *incident_no, *actor_no, *note;
	const char **assets;
	int nassets;
	const char **systems;
	int nsystems;
};
int incident_add_targets(struct tx *tx, const struct incident_targets_in *in, struct err *e);

/* The Japanese label of a step kind ("assess" → "CSIRT評価"). */
const char *incident_step_label(const char *kind);

/* ---- notifications (incident_notify.c) ---- */
enum incident_stage { STAGE_FILED, STAGE_ASSESSED };
struct incident_notice_rule {
	const char *party, *label, *clause;
	enum incident_stage stage;
	int internal;       /* a role inside the 庁内, resolved to its holder */
	const char *role;   /* vocab role id for internal parties */
	const char *min_severity; /* NULL = any */
	int when_cyber, when_crime, when_personal, when_system, when_specific;
	int any_of;         /* conditions combine with OR when set, else AND */
	int hours;          /* due, from detection */
	int hours_high;     /* due when severity is high (0 = same as hours) */
};
const struct incident_notice_rule *incident_notice_rules(size_t *n);
const struct incident_notice_rule *incident_notice_rule_find(const char *party);
/* Adds the notices the rules now require and the incident lacks. */
int incident_notices_sync(struct tx *tx, const struct incident *inc, struct err *e);
int incident_notify_done(struct tx *tx, const char *incident_no, const char *party,
			 const char *actor_no, const char *channel, const char *note, struct err *e);
/* Due time of a notice for this incident (RFC 3339). */
void incident_due_at(const struct incident *inc, const struct incident_notice_rule *r,
		     char out[32]);

/* ---- listing (incident_io.c) ---- */
/*
 * The incidents one person may see (the web's organisational scope): those
 * they reported or must be told of, those of the units in unit_ids, and
 * those with one of system_ids as a target.  The organisation-wide roles
 * use no scope at all (filter.scope NULL).
 */
struct incident_scope {
	long long staff_id;
	const long long *unit_ids;
	size_t nunits;
	const long long *system_ids;
	size_t nsystems;
};
/* Whether s admits inc (also checks the targets and notices). */
int incident_scope_admits(struct db *db, const struct incident *inc,
			  const struct incident_scope *s, int *yes, struct err *e);

struct incident_filter {
	const char *state, *category;
	int overdue;       /* has a notice past due and not done */
	long long mine;    /* staff id: reported by, or a notice addressed to, them */
	const char *now;   /* RFC 3339; for overdue */
	long long limit;   /* a page of `limit` rows; 0 = all */
	long long offset;  /* rows skipped before the page */
	int newest_first;  /* by id descending (the list pages), else ascending */
	const struct incident_scope *scope; /* NULL: every incident */
};
struct incident_row {
	long long id;
	char *incident_no, *title, *category, *state, *severity, *detected_at;
	long long open_notices, overdue_notices;
};
struct incident_rows {
	size_t n;
	struct incident_row *v;
};
int incident_query(struct db *db, const struct incident_filter *f, struct incident_rows *out,
		   struct err *e);
void incident_rows_free(struct incident_rows *r);
/* How many incidents the filter matches (limit and offset ignored). */
int incident_count(struct db *db, const struct incident_filter *f, long long *total,
		   struct err *e);

/*
 * Everything a 第一報 / 経過報告 / 最終報告 needs, gathered once: the incident,
 * the municipality, the 課, the reporter, targets with names and levels, the
 * exposure, the notices and the full timeline.  Strings are owned; free with
 * incident_report_free.  Which report: the first uses the intake fields and
 * notices; the progress report adds the timeline so far; the final report is
 * the same gathered after close (closed_at set).
 */
struct incident_report_target {
	char *asset_no, *asset_name, *system_code, *system_name;
	int confidentiality; /* baseline rank, 0 unknown */
	char *personal;      /* vocab_personal id */
};
struct incident_report_step {
	long long id;
	char *at, *kind, *actor_name, *body; /* body: canonical JSON */
};
struct incident_report {
	struct incident inc;
	char *municipality, *unit_name, *reporter; /* reporter: staff name or reporter_name */
	struct incident_exposure exposure;
	size_t ntargets, nnotices, nsteps;
	struct incident_report_target *targets;
	struct incident_notice *notices;
	struct incident_report_step *steps;
};
int incident_report_gather(struct db *db, const char *incident_no, struct incident_report *out,
			   struct err *e);
void incident_report_free(struct incident_report *r);

/* Bulk generation for the benchmark (bench/incident.sh): n incidents with
 * `steps` timeline entries each, journaled in batches (tx_bulk_begin). */
int incident_bulk_generate(struct tx *tx, long long n, int steps, struct err *e);

/* Time arithmetic on RFC 3339 UTC instants. */
int incident_time_add_hours(const char *rfc3339, int hours, char out[32]);

#endif
