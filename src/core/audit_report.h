/*
 * audit_report.h — the report of one audit to the 情報セキュリティ委員会
 * (9.1.5): what was audited, by whom, against which clauses with what
 * result, the findings with the CISO's directives, the requests to other 課,
 * the corrective actions and their state, and the evidence kept (with each
 * file's SHA-256).  Laid out as a policy document (policy_doc.h) so the
 * HTML and PDF writers are reused; the .xlsx form has one sheet per table.
 * The record that it was reported is a committee_report row of kind "audit".
 */
#ifndef MAMORI_AUDIT_REPORT_H
#define MAMORI_AUDIT_REPORT_H

#include "core/audit.h"
#include "core/corrective.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/policy_doc.h"
#include "core/staff.h"
#include "util/buf.h"

struct audit_report {
	struct audit a;
	char *municipality;
	struct audit_plan plan; /* id 0 when the audit belongs to no plan */
	struct audit_members members;
	struct audit_items items;
	struct audit_evidence_list evidence;
	struct audit_findings findings;
	struct audit_spreads spreads;      /* of every finding of the audit */
	struct corrective_list actions;    /* of every finding of the audit */
	struct staff_list staff;
	struct org_units units;
	struct info_systems systems;
};

int audit_report_gather(struct db *db, const char *audit_no, struct audit_report *out, struct err *e);
void audit_report_free(struct audit_report *r);
/* The name of staff id, or "" (for the pages too). */
const char *audit_report_staff_name(const struct audit_report *r, long long id);
const char *audit_report_unit_name(const struct audit_report *r, long long id);
/* What was audited, in words: "総務課", "情報システム「…」", "○○株式会社（再委託先: …）". */
char *audit_report_target_text(const struct audit_report *r);

/* today: YYYY-MM-DD (JST), the report's date. */
void audit_report_document(const struct audit_report *r, const char *today, struct pdoc *out);
/* format "text" (Markdown), "html" or "pdf", appended to out. */
int audit_report_bytes(const struct audit_report *r, const char *format, const char *today, struct buf *out,
		       struct err *e);
int audit_report_xlsx(const struct audit_report *r, const char *today, const char *path, struct err *e);

/*
 * Records that the report went to the committee: a committee_report row
 * (kind "audit", the audit's 年度, reported_on today, content_hash the
 * SHA-256 of what was handed over, note the audit's number) and a
 * "reported" step.  The audit lead or the CISO.
 */
int audit_report_record(struct tx *tx, const char *audit_no, const char *actor_no, const char *content_hash,
			const char *reported_on, struct err *e);

#endif
