/*
 * policy_page.h — what the ポリシー pages and the policy API share: who may
 * see which version, finding the version a URL names, the 決裁 line, and
 * running a journaled write as the signed-in person.
 *
 * Access (docs/web.md "ポリシー"): everyone signed in reads approved
 * versions of both editions (the internal edition is 庁内限り, and only staff
 * sign in); the organisation-wide roles and the audit lead also see versions
 * not yet approved and use diff and gap; the CISO, 副CISO and 統括 render;
 * only the CISO and 副CISO approve.  A version the person may not see
 * answers 404, like one that does not exist.
 */
#ifndef MAMORI_WEB_POLICY_PAGE_H
#define MAMORI_WEB_POLICY_PAGE_H

#include "core/gap.h"
#include "core/policy_split.h"
#include "core/policy_store.h"
#include "web/web.h"
#include "web/write.h"

struct tx;

/* Whether u sees versions that are not approved yet. */
int policy_sees_drafts(const struct web_user *u);
int policy_version_visible(const struct web_user *u, const struct policy_version *v);

/* A version number of a URL ("3"): digits only, no sign or leading zero; 0 if not. */
long long policy_version_number(const char *s);

/*
 * The version rq->id names, loaded with all versions into l, or NULL after
 * answering rs: 404 when the id is not a number, there is no such version
 * or rq's person may not see it (an unapproved draft), 500 when the
 * database fails.  On NULL, l holds nothing; otherwise the caller frees l.
 */
const struct policy_version *policy_find(struct web_req *rq, struct web_resp *rs,
					 struct policy_versions *l);

/* 公開版 / 内部版（非公開） for an edition id. */
const char *policy_edition_label(const char *edition);
/* "2026-11-26 10:00" of an RFC 3339 time ("" for NULL). */
void policy_time_text(const char *rfc3339, char out[20]);
/* "2026-11-26 10:00 山田 太郎" or "未決裁" (escaped into b). */
void policy_approval_html(struct buf *b, struct db *db, const struct policy_version *v);


/* Renders (web) or approves (web and API) as the signed-in person. */
struct policy_render_args {
	const struct catalog *cat;
	enum policy_edition edition;
	long long id;
	int created;
};
int policy_do_render(struct tx *tx, void *arg, struct err *e);
struct policy_approve_args {
	long long version;
	long long staff_id;
	const char *who;
};
int policy_do_approve(struct tx *tx, void *arg, struct err *e);

/*
 * The gap analysis of an uploaded 例規 document (form field "file", optional
 * "part": basic / standard / "" for both), run in memory: nothing is
 * written.  On a bad upload *status is 400 (no file, unknown type, too
 * large) or 422 (content that is not a readable document), *code a stable
 * API code and e->msg the Japanese message; 0 otherwise.
 */
#define POLICY_GAP_MAX_BYTES (20u << 20)
struct policy_gap_run {
	const struct web_upload *file;
	struct policy_doc doc;
	struct gap_report rep;
	int status;
	const char *code;
};
int policy_gap_analyse(struct web_req *rq, struct policy_gap_run *g, struct err *e);
void policy_gap_run_free(struct policy_gap_run *g);

#endif
