/*
 * request.h — the permission request engine (許可・承認の申請).
 *
 * One engine for every type in request_type.c.  A request moves
 *   filed (申請中) → approved (許可) | rejected (却下) → done (実施済) → returned (返却済)
 * and an approval not carried out within the type's validity lapses (期限切れ,
 * derived, never stored).  Each approving role of the type decides once, in
 * order; the decider must hold that role for the request's 課 or system, or
 * decide on behalf of (代決) someone who does.  Nobody decides their own
 * request (1.8.1) unless they give the unavoidable reason (やむを得ない理由),
 * which is kept and reported by `check`.
 */
#ifndef MAMORI_REQUEST_H
#define MAMORI_REQUEST_H

#include <stddef.h>

#include "core/request_type.h"
#include "store/tx.h"

struct request {
	long long id;
	char *request_no;
	char *type;
	long long requester_id, unit_id, asset_id, system_id;
	char *state;
	char *fields; /* canonical JSON object: field key → value */
	char *filed_at, *valid_until, *due_on, *done_at, *returned_at;
	long long confirmed_by;
};

struct request_decision {
	long long id, request_id;
	char *role;
	long long decided_by, on_behalf_of;
	char *decision; /* approved | rejected */
	char *at, *note, *override_reason;
};

struct request_list {
	size_t n;
	struct request *v;
};

struct decision_list {
	size_t n;
	struct request_decision *v;
};

int request_load(struct db *db, struct request_list *out, struct err *e);
/* By id, in a list from request_load (ordered by id); NULL if absent. */
const struct request *request_by_id(const struct request_list *l, long long id);
void request_list_free(struct request_list *l);
/* Ordered by request, then by decision, so one request's decisions are adjacent. */
int request_decisions_load(struct db *db, struct decision_list *out, struct err *e);
void decision_list_free(struct decision_list *l);
const struct request *request_by_no(const struct request_list *l, const char *no);

/* The approving role the request waits for now, or NULL when none (settled,
 * or every role decided). */
const char *request_next_role(const struct request *r, const struct decision_list *d);
/* Whether staff `id` holds `role` for this request's 課, 部局 or system. */
struct role_assignments;
struct org_units;
int request_role_held(const struct role_assignments *roles, const struct org_units *units,
		      const struct request *r, long long id, const char *role);

/* The state as people read it, with lapsed approvals shown as expired. */
const char *request_state_label(const struct request *r, const char *today);
int request_is_lapsed(const struct request *r, const char *today);
/* Carried out (taken out) and not back by its 返却予定日 (5.1.1.5). */
int request_is_overdue(const struct request *r, const char *today);

struct request_new {
	const char *type;         /* id or label */
	const char *requester_no; /* 職員番号 */
	const char *asset_no;     /* for TARGET_ASSET types */
	const char *system_code;  /* for TARGET_SYSTEM types */
	const char **field_args;  /* "ラベル=値" or "key=value" */
	int nfields;
};

/* Files a request; *not_required is set when the type's condition does not
 * apply (the application is recorded anyway). */
int request_file(struct tx *tx, const struct request_new *in, char **request_no,
		 int *not_required, struct err *e);

struct request_decide_in {
	const char *request_no;
	const char *decider_no;
	const char *on_behalf_of_no; /* 代決: the role holder decided for, or NULL */
	int approve;
	const char *note;
	const char *override_reason; /* required to decide one's own request */
};

int request_decide(struct tx *tx, const struct request_decide_in *in, struct err *e);

/* 実施済: by the requester; a disposal needs its method (図表24). */
int request_done(struct tx *tx, const char *request_no, const char *actor_no, const char *method,
		 const char *date, struct err *e);
/* The disposal methods of 図表24 that request_done accepts (by id or label). */
struct request_disposal_method {
	const char *id, *label;
	int strong; /* resists laboratory-level recovery: enough for 機密性2以上 */
};
const struct request_disposal_method *request_disposal_methods(size_t *n);
/* 返却済: confirmed by a 情報セキュリティ管理者 of the request's 課. */
int request_return(struct tx *tx, const char *request_no, const char *confirmer_no,
		   const char *date, struct err *e);


#endif
