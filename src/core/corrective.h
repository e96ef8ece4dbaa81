/*
 * corrective.h — 改善措置: what a 課 will do about something a
 * self-inspection (9.2.3) or an audit (9.1.7) found, tracked to closure.
 *
 *   open (対応中) → done (完了報告済み) → verified (確認済み)
 *                          ↘ reopened (差し戻し) → done …
 * A verifier who is not the owner confirms that the measure worked: the
 * audit lead for audit findings, the 統括情報セキュリティ責任者 or the CISO
 * for self-inspection findings.  Numbers look like "C2026-000001", by the
 * 年度 of filing.  Every step is a case_event of case_kind "corrective".
 * The annual report lists those not verified.
 */
#ifndef MAMORI_CORRECTIVE_H
#define MAMORI_CORRECTIVE_H

#include <stddef.h>

#include "store/tx.h"

struct corrective_new {
	const char *source;    /* "inspect" | "audit" */
	long long campaign_id; /* source "inspect": its campaign, else 0 */
	long long finding_id;  /* source "audit": its finding, else 0 */
	long long unit_id;     /* the 課 that must act */
	const char *clause;    /* catalog clause id, or NULL */
	const char *problem;   /* what was found, in a sentence */
	const char *measure;   /* what the 課 will do */
	long long owner_id;    /* staff id of the one responsible; 0 = the 課's 情報セキュリティ管理者 */
	const char *due_on;    /* YYYY-MM-DD, or NULL */
	const char *actor_no;  /* 職員番号 of the person filing it */
};

/* Files a corrective action; refused input is ERR_INPUT with a Japanese
 * message naming the field, and nothing is written.  *action_no gets the
 * new number (caller frees). */
int corrective_add(struct tx *tx, const struct corrective_new *in, char **action_no, struct err *e);
/* The owner (or the 課's manager) reports it done; note says what was done. */
int corrective_done(struct tx *tx, const char *action_no, const char *actor_no, const char *note,
		    struct err *e);
/* A verifier confirms it (ok = 1) or sends it back (ok = 0, note required). */
int corrective_verify(struct tx *tx, const char *action_no, const char *actor_no, int ok,
		      const char *note, struct err *e);

struct corrective_action {
	long long id, campaign_id, finding_id, unit_id, owner_id, verified_by, created_by;
	char *action_no, *source, *clause, *problem, *measure, *due_on, *state;
	char *done_at, *done_note, *verified_at, *created_at;
};

struct corrective_list {
	size_t n;
	struct corrective_action *v;
};

struct corrective_filter {
	const char *source;    /* NULL = any */
	const char *state;     /* NULL = any; "unverified" = open, reopened or done */
	long long unit_id;     /* 0 = any */
	int fiscal_year;       /* 0 = any: the 年度 of created_at (JST) */
};

int corrective_list(struct db *db, const struct corrective_filter *f, struct corrective_list *out,
		    struct err *e);
void corrective_list_free(struct corrective_list *l);

/* ---- additions: what the pages, `check` and the annual report also need ---- */

/* case_event's case_kind for the steps of a corrective action. */
#define CASE_CORRECTIVE "corrective"

/* One action by number; ERR_INPUT when unknown.  Free with corrective_action_free. */
int corrective_load(struct db *db, const char *action_no, struct corrective_action *out, struct err *e);
void corrective_action_free(struct corrective_action *a);
/* 対応中 / 完了報告済み / 確認済み / 差し戻し. */
const char *corrective_state_label(const char *state);
/* A timeline step's kind as people read it ("filed" → "改善措置の登録"). */
const char *corrective_step_label(const char *kind);
/* Open or reopened, with a due date before today (YYYY-MM-DD). */
int corrective_is_overdue(const struct corrective_action *a, const char *today);

/*
 * Whether the person staff_id (holding roles) may take a step now, by the
 * same role and state rules the functions above apply: for the pages, which
 * offer only those steps.  The functions still decide and say why.
 */
struct role_assignments;
enum corrective_act { CORRECTIVE_DONE, CORRECTIVE_VERIFY };
int corrective_may(const struct role_assignments *roles, long long staff_id, const struct corrective_action *a,
		   enum corrective_act act);
/* Whether the person may file an action of source for the 課 unit_id. */
int corrective_may_file(const struct role_assignments *roles, long long staff_id, const char *source,
			long long unit_id);

#endif
