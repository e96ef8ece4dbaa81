/*
 * policy_page.c — access, lookup and writes shared by the ポリシー pages
 * and the policy API (policy_page.h).
 */
#include "web/policy_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/policy_version.h"
#include "store/tx.h"
#include "util/html.h"
#include "util/timeutil.h"
#include "web/pages.h"
#include "web/response.h"

const char *const web_roles_policy_manage[] = {"ciso", "deputy_ciso", "chief_officer",
					       "audit_lead", NULL};
const char *const web_roles_policy_render[] = {"ciso", "deputy_ciso", "chief_officer", NULL};
const char *const web_roles_policy_approve[] = {"ciso", "deputy_ciso", NULL};

int policy_sees_drafts(const struct web_user *u)
{
	return web_user_has_any(u, web_roles_policy_manage);
}

int policy_version_visible(const struct web_user *u, const struct policy_version *v)
{
	return v->approved_by || policy_sees_drafts(u);
}

long long policy_version_number(const char *s)
{
	if (!s || !*s || *s == '0' || strlen(s) > 15 || strspn(s, "0123456789") != strlen(s))
		return 0;
	return strtoll(s, NULL, 10);
}

const struct policy_version *policy_find(struct web_req *rq, struct web_resp *rs,
					 struct policy_versions *l)
{
	struct err e = {0};
	if (policy_versions_load(rq->db, l, &e)) {
		web_internal_error(rq, rs, &e);
		return NULL;
	}
	const struct policy_version *v = policy_version_by_id(l, policy_version_number(rq->id));
	if (v && policy_version_visible(rq->user, v))
		return v;
	policy_versions_free(l);
	web_error(rq, rs, 404, "not_found", "ポリシーのその版はありません");
	return NULL;
}

const char *policy_edition_label(const char *edition)
{
	int ed = policy_edition_parse(edition);
	return ed < 0 ? edition : policy_edition_labels[ed];
}

void policy_time_text(const char *rfc3339, char out[20])
{
	/* stored in UTC; shown in JST, as every time on the pages */
	if (time_jst_text(rfc3339, out))
		snprintf(out, 20, "%.16s", rfc3339 ? rfc3339 : "");
}

void policy_approval_html(struct buf *b, struct db *db, const struct policy_version *v)
{
	if (!v->approved_by) {
		buf_puts(b, "<span class=\"pending\">未決裁</span>");
		return;
	}
	struct err e = {0};
	char when[20];
	char *name = staff_name_of(db, v->approved_by, &e);
	policy_time_text(v->approved_at, when);
	html_printf(b, "%s %s", when, name ? name : "?");
	free(name);
}

int policy_do_render(struct tx *tx, void *arg, struct err *e)
{
	struct policy_render_args *a = arg;
	return policy_render(tx, a->cat, a->edition, &a->id, &a->created, e);
}

int policy_do_approve(struct tx *tx, void *arg, struct err *e)
{
	const struct policy_approve_args *a = arg;
	if (policy_approver_check(tx->db, a->staff_id, a->who, e))
		return e->code;
	return policy_approve(tx, a->version, a->staff_id, e);
}
