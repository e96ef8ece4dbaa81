/*
 * audit.h — 情報セキュリティ監査 (guideline 9.1): the 年度 plan, audits of a
 * 課, an information system or a contractor, their auditors, items,
 * evidence and working papers, findings, the CISO's directives and the
 * requests to other 課 to look for the same problem.  docs/audit.md.
 *
 * The 情報セキュリティ監査統括責任者 (role audit_lead, appointed by the CISO
 * with `role assign`) drafts the plan and runs the audits; the CISO may do
 * whatever the audit lead may.  The plan is approved on the committee's
 * behalf by the CISO or a member of the committee (role committee); a change
 * after approval is a new version that needs its own approval (9.1.3).
 *
 *   audit:    open (実施中) → closed (終了)
 *   finding:  open (指摘) → directed (CISO 指示済み) → closed (措置確認済み)
 *   spread:   asked (確認依頼中) → same_found | not_found
 *
 * Audits are numbered like "A2026-000001", findings "A2026-000001-F01".
 * Steps are case_events of case_kind "audit" on the audit's id.
 */
#ifndef MAMORI_AUDIT_H
#define MAMORI_AUDIT_H

#include <stddef.h>

#include "store/tx.h"

#define CASE_AUDIT "audit"

/* Evidence files larger than this are refused (a working paper or a
 * screenshot, not a disk image). */
#define AUDIT_EVIDENCE_MAX ((size_t)64 * 1024 * 1024)

struct role_assignments;

/* ---- who ---- */

/* The audit lead, or the CISO. */
int audit_is_lead(const struct role_assignments *roles, long long staff_id);
/* The CISO or a member of the committee: who approves the plan. */
int audit_may_approve_plan(const struct role_assignments *roles, long long staff_id);

/* ---- the 年度 plan (9.1.3) ---- */

struct audit_plan {
	long long id, created_by, approved_by;
	int fiscal_year, version;
	char *title, *body; /* body: canonical JSON {method, schedule, scope, targets} */
	char *created_at, *approved_at;
};

struct audit_plans {
	size_t n;
	struct audit_plan *v; /* by 年度, then version */
};

/* fiscal_year 0 = every 年度. */
int audit_plans_load(struct db *db, int fiscal_year, struct audit_plans *out, struct err *e);
void audit_plans_free(struct audit_plans *l);
/* The newest version of the 年度's plan, approved or not; NULL if none. */
const struct audit_plan *audit_plan_latest(const struct audit_plans *l, int fiscal_year);
/* The newest approved version; NULL if none. */
const struct audit_plan *audit_plan_approved(const struct audit_plans *l, int fiscal_year);
/* One field of a plan's body ("scope", "targets", "schedule", "method"); caller frees; NULL if none. */
char *audit_plan_field(const struct audit_plan *p, const char *key);

struct audit_plan_new {
	int fiscal_year; /* 0 = the 年度 of today */
	const char *title, *scope, *targets, *schedule, *method;
	const char *actor_no;
};
/* Drafts the next version; *version gets its number. */
int audit_plan_draft(struct tx *tx, const struct audit_plan_new *in, int *version, struct err *e);
/* Approves the newest version of the 年度's plan. */
int audit_plan_approve(struct tx *tx, int fiscal_year, const char *actor_no, struct err *e);

/* ---- audits ---- */

struct audit {
	long long id, plan_id, unit_id, system_id, lead_id;
	int fiscal_year;
	char *audit_no, *title, *target_kind, *contractor, *state;
	char *starts_on, *ends_on, *conclusion, *created_at, *closed_at;
};

struct audit_list {
	size_t n;
	struct audit *v;
};

struct audit_filter {
	int fiscal_year;   /* 0 = any */
	const char *state; /* NULL = any */
	long long unit_id; /* 0 = any: the audited 課 (or the 課 owning the system) */
};

int audit_list_load(struct db *db, const struct audit_filter *f, struct audit_list *out, struct err *e);
void audit_list_free(struct audit_list *l);
void audit_free(struct audit *a);
/* One audit by number; ERR_INPUT when unknown. */
int audit_load(struct db *db, const char *audit_no, struct audit *out, struct err *e);
/* 課 / 情報システム / 外部委託事業者. */
const char *audit_target_label(const char *kind);
const char *audit_state_label(const char *state);
/* A timeline step's kind as people read it ("created" → "監査の登録"). */
const char *audit_step_label(const char *kind);
/* The contractor and subcontractors of a contractor audit (from the stored
 * JSON); *subs is a "、"-joined list or NULL.  Caller frees both. */
void audit_contractor_parts(const struct audit *a, char **name, char **subs);

struct audit_new {
	const char *title;
	const char *target_kind;    /* unit | system | contractor */
	const char *unit;           /* 課 code: the audited 課, or the 課 that let the contract */
	const char *system;         /* system code */
	const char *contractor;     /* contractor's name */
	const char *subcontractors; /* comma- or 、-separated names (9.1.4) */
	const char *starts_on, *ends_on;
	const char *actor_no;
};
int audit_create(struct tx *tx, const struct audit_new *in, char **audit_no, struct err *e);
int audit_close(struct tx *tx, const char *audit_no, const char *actor_no, const char *conclusion, struct err *e);

/* ---- auditors (9.1.2, 1.8.2) ---- */

struct audit_member {
	long long id, audit_id, staff_id;
	char *external_name, *role, *added_at; /* role: lead | auditor */
};

struct audit_members {
	size_t n;
	struct audit_member *v;
};

int audit_members_load(struct db *db, long long audit_id, struct audit_members *out, struct err *e);
void audit_members_free(struct audit_members *l);
/* Whether staff_id is one of the internal auditors in l (who may record
 * results, evidence and findings besides the audit lead and the CISO). */
int audit_is_member(const struct audit_members *l, long long staff_id);

/*
 * Why staff_id may not audit a: ERR_INPUT whose message names the person and
 * the reason (belongs to the audited 課, or holds a role over it or over the
 * system), or 0 when independent.
 */
int audit_independence(struct db *db, const struct audit *a, long long staff_id, struct err *e);
/* staff_no (internal) or external_name (an outside auditor), not both. */
int audit_member_add(struct tx *tx, const char *audit_no, const char *staff_no, const char *external_name,
		     const char *role, const char *actor_no, struct err *e);

/* ---- items (audit_item) ---- */

struct audit_item {
	long long id, audit_id;
	char *clause, *method, *result, *note;
};

struct audit_items {
	size_t n;
	struct audit_item *v;
};

int audit_items_load(struct db *db, long long audit_id, struct audit_items *out, struct err *e);
void audit_items_free(struct audit_items *l);
/* conform → 適合, nonconform → 不適合, observation → 所見, na → 該当なし. */
const char *audit_result_label(const char *result);
/* Adds clauses (ids, or a whole chapter "6" / "6.2") with an optional method;
 * *added counts new items (clauses already there are kept as they are). */
int audit_items_add(struct tx *tx, const char *audit_no, const char *const *clauses, size_t n,
		    const char *method, const char *actor_no, int *added, struct err *e);
/* Records a result (and optionally method and note) on an item. */
int audit_item_set(struct tx *tx, const char *audit_no, const char *clause, const char *result,
		   const char *method, const char *note, const char *actor_no, struct err *e);

/* ---- evidence and working papers (9.1.6) ---- */

struct audit_evidence {
	long long id, audit_id, item_id, added_by, size;
	char *kind, *filename, *content_type, *sha256, *added_at; /* kind: evidence | working_paper */
};

struct audit_evidence_list {
	size_t n;
	struct audit_evidence *v;
};

int audit_evidence_load(struct db *db, long long audit_id, struct audit_evidence_list *out, struct err *e);
void audit_evidence_list_free(struct audit_evidence_list *l);

struct audit_evidence_new {
	const char *audit_no;
	const char *clause;   /* the item it supports, or NULL */
	const char *kind;     /* NULL = evidence */
	const char *filename; /* base name as given */
	const unsigned char *data;
	size_t len;
	const char *actor_no;
};
/* Stores the bytes (file_blob, by SHA-256) and records them; *id gets the row id. */
int audit_evidence_add(struct tx *tx, const struct audit_evidence_new *in, long long *id, struct err *e);
/*
 * The bytes of evidence `id` of audit audit_no, checked against the recorded
 * hash: a blob that is missing or whose bytes hash differently is ERR_TAMPER.
 * *data (caller frees) and *len; ev (may be NULL) gets the record.
 */
int audit_evidence_get(struct db *db, const char *audit_no, long long id, unsigned char **data, size_t *len,
		       struct audit_evidence *ev, struct err *e);
void audit_evidence_free(struct audit_evidence *ev);
/* What verify runs: every audit_evidence hash has a blob whose bytes hash to
 * it.  *bad counts failures; the first is described in e (ERR_TAMPER). */
int audit_blobs_verify(struct db *db, long long *checked, long long *bad, struct err *e);

/* ---- findings, directives, requests to other 課 (9.1.7) ---- */

struct audit_finding {
	long long id, audit_id, item_id, unit_id, directed_by;
	char *finding_no, *clause, *severity, *description, *state;
	char *directive, *directed_at, *created_at, *closed_at;
};

struct audit_findings {
	size_t n;
	struct audit_finding *v;
};

struct audit_finding_filter {
	long long audit_id;  /* 0 = any */
	long long unit_id;   /* 0 = any: the owning 課 */
	const char *state;   /* NULL = any */
	int fiscal_year;     /* 0 = any: the audit's 年度 */
};

int audit_findings_load(struct db *db, const struct audit_finding_filter *f, struct audit_findings *out,
			struct err *e);
void audit_findings_free(struct audit_findings *l);
void audit_finding_free(struct audit_finding *f);
int audit_finding_load(struct db *db, const char *finding_no, struct audit_finding *out, struct err *e);
/* major → 重大, minor → 軽微, observation → 改善提案. */
const char *audit_severity_label(const char *severity);
const char *audit_finding_state_label(const char *state);

struct audit_finding_new {
	const char *audit_no;
	const char *clause;      /* catalog clause id */
	const char *severity;    /* major | minor | observation */
	const char *description;
	const char *unit;        /* owning 課 code; default the audited 課 */
	const char *actor_no;
};
int audit_finding_add(struct tx *tx, const struct audit_finding_new *in, char **finding_no, struct err *e);
/* The CISO's directive to the owning 課's 情報セキュリティ管理者. */
int audit_finding_direct(struct tx *tx, const char *finding_no, const char *directive, const char *actor_no,
			 struct err *e);
/* Files a corrective action (corrective.h) for the finding; unit NULL = the
 * finding's 課; owner_no NULL = that 課's manager. */
int audit_finding_action(struct tx *tx, const char *finding_no, const char *unit, const char *measure,
			 const char *owner_no, const char *due_on, const char *actor_no, char **action_no,
			 struct err *e);
/* Recomputes the finding's state from its actions (closed when at least one
 * exists and all are verified); corrective.c calls it after every step. */
int audit_finding_sync(struct tx *tx, long long finding_id, struct err *e);

struct audit_spread {
	long long id, finding_id, unit_id, manager_id;
	char *state, *answer, *asked_at, *answered_at;
};

struct audit_spreads {
	size_t n;
	struct audit_spread *v;
};

/* finding_id 0 = every request; unit_id 0 = every 課. */
int audit_spreads_load(struct db *db, long long finding_id, long long unit_id, struct audit_spreads *out,
		       struct err *e);
void audit_spreads_free(struct audit_spreads *l);
const char *audit_spread_state_label(const char *state);
/* The CISO asks the managers of other 課 (codes) to look for the same problem. */
int audit_spread_ask(struct tx *tx, const char *finding_no, const char *const *units, size_t n,
		     const char *actor_no, struct err *e);
/* The asked 課's manager answers: found = 1 (same problem found) or 0. */
int audit_spread_answer(struct tx *tx, const char *finding_no, const char *unit, int found, const char *answer,
			const char *actor_no, struct err *e);

/* What the person may do now (for the pages; the functions above still decide). */
enum audit_act { AUDIT_EDIT, AUDIT_DIRECT, AUDIT_SPREAD_ASK };
int audit_may(const struct role_assignments *roles, long long staff_id, const struct audit *a, enum audit_act act);
int audit_may_answer_spread(const struct role_assignments *roles, long long staff_id, const struct audit_spread *s);

#endif
