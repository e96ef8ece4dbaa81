/*
 * demo.h — 架空市, a synthetic municipality for trying mamori out, for
 * tutorials and for benchmarks: its organisation, about 1,200 staff, 40
 * information systems and the role assignments of the guideline.
 */
#ifndef MAMORI_DEMO_H
#define MAMORI_DEMO_H

#include "store/db.h"

struct demo_summary {
	long long units;   /* 部局・課室・係 */
	long long staff;   /* 職員等 */
	long long systems; /* 情報システム */
	long long roles;   /* role assignments */
	long long assets;  /* 情報資産 */
};

/*
 * Fills an empty, migrated database with 架空市 in one transaction, as
 * `actor`.  Every run writes the same rows (fixed seed, fixed dates), and the
 * data carries four deliberate gaps for `mamori check` to find (listed at the
 * top of demo.c).  Refused with ERR_INPUT when a municipality already exists.
 */
int demo_build(struct db *db, const char *actor, struct demo_summary *out, struct err *e);

/* The demo's asset register (demo_assets.c), inside demo_build's transaction. */
struct tx;
int demo_add_assets(struct tx *tx, long long *count, struct err *e);
/* Its profile and approved policy documents (demo_policy.c), likewise. */
int demo_add_policy(struct tx *tx, const char *ciso_no, struct err *e);
/* Its approved 緊急時対応計画, reviewed this 年度 (demo_plan.c), likewise. */
int demo_add_plan(struct tx *tx, const char *ciso_no, struct err *e);
/* A few 例外措置 and a violation (demo_cases.c). */
int demo_add_cases(struct tx *tx, struct err *e);
/* Three incidents at different steps (demo_incidents.c). */
int demo_add_incidents(struct tx *tx, struct err *e);
/* Courses, plans, sessions and attendance of two 年度 (demo_training.c). */
int demo_add_training(struct tx *tx, struct err *e);
/* Last 年度's closed 自己点検 and this 年度's open one (demo_inspect.c). */
int demo_add_inspections(struct tx *tx, struct err *e);
/* Last 年度's reported audit, this 年度's plan, audits, findings and
 * corrective actions in every state (demo_audit.c). */
int demo_add_audits(struct tx *tx, struct err *e);
/* Proposals for revising the policy, one declined (demo_report.c). */
int demo_add_reports(struct tx *tx, const char *ciso_no, struct err *e);

/*
 * Sign-in accounts for a few people of 架空市 (demo_accounts.c), after
 * demo_build and outside its transaction: accounts are not journaled.  The
 * passwords are fixed and published, and the privileged accounts share one
 * fixed TOTP key (DEMO_TOTP_SECRET), so that the demo can be tried at once
 * with an authenticator app or `oathtool --totp -b KEY`.  For the demo only.
 */
#define DEMO_NACCOUNTS 6
#define DEMO_TOTP_SECRET "MAMORIDEMOTOTPKAKUUSHIMAMORIDEMO"

struct demo_account {
	char login[24];          /* 職員番号 */
	char unit[96];           /* the unit the person works in */
	const char *label;       /* who this is, in Japanese */
	const char *password;
	const char *totp_secret; /* DEMO_TOTP_SECRET, or NULL when no code is asked */
	int is_admin;
};

int demo_add_accounts(struct db *db, struct demo_account out[DEMO_NACCOUNTS], struct err *e);

#endif
