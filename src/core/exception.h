/*
 * exception.h — 例外措置 (guideline 7.4): departing from a clause of the
 * policy for a reason, with compensating measures, for a limited time.
 *
 * A 情報セキュリティ管理者 (for their 課) or 情報システム管理者 (for their
 * system) requests it and the CISO permits or rejects it (7.4.1):
 *   requested (申請中) → permitted (許可) | rejected (却下) → ended (終了)
 * In an emergency the measure is applied first (7.4.2):
 *   applied (緊急実施) → reported to the CISO → permitted | rejected
 * An exception past its end date is 期限切れ (derived, never stored).  Every
 * step is a case_event of case_kind "exception"; the rows are the register
 * of applications and decisions the CISO keeps and reviews (7.4.3).
 */
#ifndef MAMORI_EXCEPTION_H
#define MAMORI_EXCEPTION_H

#include <stddef.h>

#include "store/tx.h"

struct exception_req {
	long long id, requester_id, unit_id, system_id, decided_by;
	char *exception_no, *clause, *reason, *scope, *measures;
	char *starts_on, *ends_on; /* YYYY-MM-DD */
	int emergency;
	char *applied_at, *reported_at, *state, *decided_at, *decision_note, *reviewed_at, *filed_at;
};

struct exception_list {
	size_t n;
	struct exception_req *v;
};

int exception_load(struct db *db, struct exception_list *out, struct err *e);
void exception_list_free(struct exception_list *l);
const struct exception_req *exception_by_no(const struct exception_list *l, const char *no);

/* In force (permitted, or applied in an emergency) and past its end date. */
int exception_is_expired(const struct exception_req *x, const char *today);
/* In force: permitted or applied, not ended, not rejected. */
int exception_in_force(const struct exception_req *x);
const char *exception_state_label(const struct exception_req *x, const char *today);

struct exception_new {
	const char *requester_no;
	const char *clause;   /* catalog clause id it departs from */
	const char *reason, *scope, *measures;
	const char *starts_on, *ends_on;
	const char *unit;     /* 課 code; default: the 課 the requester manages */
	const char *system;   /* system code: a 情報システム管理者's request */
	int emergency;        /* applied first (7.4.2) */
};

int exception_file(struct tx *tx, const struct exception_new *in, char **exception_no, struct err *e);
/* The CISO's decision; nobody decides their own request. */
int exception_decide(struct tx *tx, const char *no, const char *actor_no, int permit,
		     const char *note, struct err *e);
/* The after-the-fact report of an emergency exception to the CISO. */
int exception_report(struct tx *tx, const char *no, const char *actor_no, const char *note,
		     struct err *e);
/* The CISO's periodic review of one exception (7.4.3). */
int exception_review(struct tx *tx, const char *no, const char *actor_no, const char *note,
		     struct err *e);
/* Ends an exception early: by its requester or the CISO. */
int exception_end(struct tx *tx, const char *no, const char *actor_no, const char *note,
		  struct err *e);

/*
 * What the person staff_id (holding roles) may do to x now, by the role and
 * state rules of the functions above: for the pages, which offer only those
 * actions.  The functions above still decide and say why when they refuse.
 */
enum exception_act { EXCEPTION_DECIDE, EXCEPTION_REPORT, EXCEPTION_REVIEW, EXCEPTION_END };
struct role_assignments;
int exception_may(const struct role_assignments *roles, long long staff_id,
		  const struct exception_req *x, enum exception_act act);
/* The two halves of exception_may: whether x's state allows act at all,
 * whoever asks, and whether the person's roles would, whatever the state. */
int exception_state_allows(const struct exception_req *x, enum exception_act act);
int exception_role_allows(const struct role_assignments *roles, long long staff_id,
			  const struct exception_req *x, enum exception_act act);

#endif
