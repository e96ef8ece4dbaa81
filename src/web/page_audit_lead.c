/*
 * page_audit_lead.c — the 情報セキュリティ監査統括責任者 on the audits page:
 * who holds the role now, and for the CISO the form that appoints one
 * (9.1.1: the CISO names the audit lead).  The appointment is the same
 * role_assign `mamori role assign audit_lead 職員番号` makes, journaled
 * as the CISO who clicked.
 */
#include <stdio.h>
#include <string.h>

#include "core/role.h"
#include "web/audit_web.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/response.h"

const char *const audit_web_roles_appoint[] = {"ciso", NULL};

void audit_web_lead_section(struct buf *b, struct web_req *rq, const struct case_view_refs *refs,
			    const char *kept_staff)
{
	struct role_assignments all;
	struct err e = {0};
	struct buf who = BUF_INIT;
	int n = 0;
	buf_puts(b, "<h2 id=\"lead\">監査統括責任者</h2>\n<p>");
	if (role_load(rq->db, 1, &all, &e) == 0) {
		for (size_t i = 0; i < all.n; i++)
			if (strcmp(all.v[i].role, "audit_lead") == 0)
				html_printf(b, "%s%s", n++ ? "、" : "", case_view_person(refs, all.v[i].staff_id, &who));
		role_assignments_free(&all);
	}
	buf_puts(b, n ? "</p>\n" : "任命されていません（9.1.1）。</p>\n");
	buf_free(&who);
	if (!web_user_has_any(rq->user, audit_web_roles_appoint))
		return;
	buf_puts(b, "<form class=\"filters\" method=\"post\" action=\"/audits/lead\">");
	layout_csrf_field(b, rq);
	html_printf(b, "<label for=\"ld-staff\">任命する職員の職員番号</label>"
		       "<input id=\"ld-staff\" name=\"staff\" value=\"%s\" required><button>監査統括責任者に任命する</button></form>\n",
		    kept_staff ? kept_staff : "");
}

struct appoint_args {
	struct role_input in;
	long long id;
};

static int do_appoint(struct tx *tx, void *arg, struct err *e)
{
	struct appoint_args *a = arg;
	return role_assign(tx, &a->in, &a->id, e);
}

void page_audit_lead(struct web_req *rq, struct web_resp *rs)
{
	struct case_outcome o = {0};
	struct err e = {0};
	struct appoint_args a = {{"audit_lead", audit_web_field(rq, "staff"), NULL, NULL, NULL, NULL}, 0};
	int rc = 0;
	if (!a.in.staff_no)
		case_outcome_set(&o, 422, "validation", "任命する職員の職員番号を入力してください");
	else
		rc = case_view_write(rq, do_appoint, &a, 422, &o, &e);
	if (rc)
		web_internal_error(rq, rs, &e);
	else if (o.status)
		audits_page_refused(rq, rs, &o, "lead");
	else
		web_redirect(rs, "/audits?r=done#lead");
	case_outcome_free(&o);
}
