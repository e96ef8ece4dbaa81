/*
 * request_view.h — the permission requests (core/request.h) as the web pages
 * and the API see them: who may see which request, whose decision it waits
 * for, the list filtered, searched, sorted and paged, and one write
 * transaction per form post.
 *
 * Scope (docs/web.md): a request is visible to its requester, to anyone who
 * holds one of its type's approving roles for the request's 課, 部局 or
 * system (request_role_held), to the 課's 情報セキュリティ管理者 when
 * something must come back (the return is confirmed there), and to the
 * organisation-wide roles.  Everything else answers 404.
 */
#ifndef MAMORI_WEB_REQUEST_VIEW_H
#define MAMORI_WEB_REQUEST_VIEW_H

#include "core/infosys.h"
#include "core/request.h"
#include "store/tx.h"
#include "web/web.h"
#include "web/write.h"

/* What a request names besides its fields: the asset or the system. */
struct request_target_row {
	long long id;
	char *code; /* 資産番号 or システムコード */
	char *name;
};

struct request_targets {
	size_t n;
	struct request_target_row *v; /* ordered by id */
};

struct request_view {
	char today[11];
	struct request_list requests;
	struct decision_list decisions;
	struct staff_list staff;
	struct info_systems systems;
	struct request_targets assets; /* only the assets some request names */
};

int request_view_load(struct db *db, struct request_view *v, struct err *e);
void request_view_free(struct request_view *v);

int request_visible(const struct web_user *u, const struct request *r);
/* Whether the request waits for a role u holds for it now. */
int request_waits_for(const struct web_user *u, const struct request_view *v,
		      const struct request *r);
/* The organisation-wide roles, which see every request (「すべて」). */
int request_sees_all(const struct web_user *u);

/* State as people read it: 申請中, 許可, 期限切れ, 返却期限超過 … */
const char *request_view_state(const struct request_view *v, const struct request *r);
const char *request_view_type_label(const struct request *r);
const struct staff *request_view_staff(const struct request_view *v, long long id);
/* "A1 ノートPC" (asset) or "SYS1 住基システム" (system); "" for neither. */
void request_view_target(struct buf *b, const struct request_view *v, const struct request *r);
/* The target's code alone (資産番号 or システムコード), or NULL. */
const char *request_view_target_code(const struct request_view *v, const struct request *r);
/* The 期限 column: the 返却予定日 if any, else the end of the approval. */
const char *request_view_deadline(const struct request *r);
/* The label of a stored field key (the type's, or the disposal record's). */
const char *request_view_field_label(const struct request_type *t, const char *key);

/* The list as the page, its CSV and the API ask for it. */
enum request_tab { TAB_MINE, TAB_WAITING, TAB_ALL };
enum request_sort {
	RSORT_NO, RSORT_TYPE, RSORT_REQUESTER, RSORT_UNIT, RSORT_TARGET, RSORT_STATE,
	RSORT_FILED, RSORT_DUE, RSORT_N
};
extern const char *const request_sort_names[RSORT_N];

struct request_query {
	enum request_tab tab;
	const char *type;  /* type id, or NULL */
	const char *state; /* filed approved rejected done returned expired overdue, or NULL */
	const char *q;     /* text search (NFKC-folded), or NULL */
	enum request_sort sort;
	int desc;
	long limit, offset;
};

#define REQUEST_PAGE_DEFAULT 50
#define REQUEST_PAGE_MAX 500

/* Reads tab, type, state, q, sort, dir, limit, offset (and the API's mine=1
 * and waiting=1) from a query string; dflt is the tab when none is named. */
void request_query_from_form(const struct form *f, enum request_tab dflt, struct request_query *q);
/* The matching requests within u's scope, sorted (caller frees the array). */
const struct request **request_select(const struct web_user *u, const struct request_view *v,
				      const struct request_query *q, size_t *n);


#endif
