/*
 * violation.h — violations of the policy and what follows (guideline 7.2(3),
 * 7.6).
 *
 * Whoever finds a violation records it; the violator's 情報セキュリティ管理者
 * is told (a "notify_manager" step).  The manager guides the person; when
 * that does not correct it, the 統括情報セキュリティ責任者 suspends or
 * revokes their rights to use the network and systems (7.6(2)③): one
 * rights_action row for the person and one for each system role they hold,
 * and the CISO and the manager are told ("notify_ciso", "notify_manager").
 *   recorded (記録) → guided (指導中) → corrected (是正済み, closed)
 *                                    → suspended (利用停止) → lifted (停止解除, closed)
 *                                    → revoked (利用権剥奪, closed)
 * Every step is a case_event of case_kind "violation".
 */
#ifndef MAMORI_VIOLATION_H
#define MAMORI_VIOLATION_H

#include <stddef.h>

#include "store/tx.h"

/* A violation still open this many days after it was found shows in check. */
#define VIOLATION_OPEN_DAYS 30

struct violation {
	long long id, staff_id, unit_id, found_by;
	char *violation_no, *clause, *description, *found_at, *state, *closed_at;
};

struct violation_list {
	size_t n;
	struct violation *v;
};

struct rights_action {
	long long id, violation_id, staff_id, role_assignment_id, system_id;
	char *action, *at, *lifted_at;
};

struct rights_actions {
	size_t n;
	struct rights_action *v;
};

int violation_load(struct db *db, struct violation_list *out, struct err *e);
void violation_list_free(struct violation_list *l);
const struct violation *violation_by_no(const struct violation_list *l, const char *no);
const char *violation_state_label(const char *state);
int rights_actions_load(struct db *db, struct rights_actions *out, struct err *e);
void rights_actions_free(struct rights_actions *l);

struct violation_new {
	const char *finder_no, *staff_no, *clause, *description;
};

int violation_record(struct tx *tx, const struct violation_new *in, char **violation_no, struct err *e);
/* kind: guidance (指導) | corrected (是正) | note (記録). */
int violation_step(struct tx *tx, const char *no, const char *actor_no, const char *kind,
		   const char *text, struct err *e);
/* revoke=0 suspends, 1 revokes; by the 統括情報セキュリティ責任者 only. */
int violation_restrict(struct tx *tx, const char *no, const char *actor_no, int revoke,
		       const char *note, struct err *e);
/* Lifts a suspension. */
int violation_lift(struct tx *tx, const char *no, const char *actor_no, const char *note,
		   struct err *e);

/*
 * mamori's own account is one of the rights 7.6(2)③ speaks of.  Suspending
 * or revoking writes an "account_disable" step when the person has an
 * enabled account, and lifting writes "account_enable" when one was
 * disabled so; this applies the timeline's last such step to the account
 * (core/account.h, which writes outside the journal's transaction), and may
 * be run again safely.  Call it after the transaction is committed.
 */
int violation_account_follow(struct db *db, const char *no, struct err *e);

/*
 * What the person staff_id (holding roles) may do to v now, by the role and
 * state rules of violation_step, violation_restrict and violation_lift: for
 * the pages, which offer only those actions.  Those functions still decide.
 */
enum violation_act {
	VIOLATION_GUIDANCE,
	VIOLATION_CORRECTED,
	VIOLATION_NOTE,
	VIOLATION_SUSPEND,
	VIOLATION_REVOKE,
	VIOLATION_LIFT
};
struct role_assignments;
int violation_may(const struct role_assignments *roles, long long staff_id, const struct violation *v,
		  enum violation_act act);
/* The two halves of violation_may: whether v's state allows act at all,
 * whoever asks, and whether the person's roles would, whatever the state. */
int violation_state_allows(const struct violation *v, enum violation_act act);
int violation_role_allows(const struct role_assignments *roles, long long staff_id, const struct violation *v,
			  enum violation_act act);

#endif
