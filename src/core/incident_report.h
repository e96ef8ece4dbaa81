/*
 * incident_report.h — the reports on an incident sent to the prefecture
 * (第一報, 経過報告, 最終報告; guideline 5.3 and 図表13/14), built from what
 * incident_report_gather collects.  docs/incidents.md "Reports".
 *
 * The report is laid out as a policy document (policy_doc.h), so the HTML
 * and PDF writers of the policy are reused unchanged; the .xlsx form is a
 * register of label/value rows written with util/xlsx_write.h.  The only
 * write is incident_report_journal, the "report" step the CLI and the web
 * both add once the report is made.
 */
#ifndef MAMORI_INCIDENT_REPORT_H
#define MAMORI_INCIDENT_REPORT_H

#include "core/incident.h"
#include "core/policy_doc.h"
#include "util/buf.h"

struct tx;

enum incident_report_kind { IREPORT_FIRST, IREPORT_PROGRESS, IREPORT_FINAL };

/* "first" | "progress" | "final" (or 第一報, 経過報告, 最終報告); -1 if neither. */
int incident_report_kind_parse(const char *s);
const char *incident_report_kind_id(enum incident_report_kind k);
const char *incident_report_kind_label(enum incident_report_kind k);

/* Whether this kind may be produced now: ERR_INPUT with a Japanese message
 * for a final report on an incident that is not 完了. */
int incident_report_allowed(const struct incident_report *r, enum incident_report_kind k,
			    struct err *e);

/* How the incident reached the municipality ("staff", "resident", "nisc",
 * anything else: an outside body), in Japanese, for the report and the page. */
const char *incident_source_label(const char *source);

/* Who signs and who is told: the CSIRT contact and the CISO (role holders). */
struct incident_report_people {
	char *csirt_name, *csirt_phone, *csirt_email, *ciso_name;
	char *municipality_code;
};
int incident_report_people_load(struct db *db, struct incident_report_people *p, struct err *e);
void incident_report_people_free(struct incident_report_people *p);

/* The report as a document; today is YYYY-MM-DD (JST), the report's date. */
void incident_report_document(const struct incident_report *r, const struct incident_report_people *p,
			      enum incident_report_kind k, const char *today, struct pdoc *out);
/* The report as .xlsx at path (label/value rows, then the timeline and notices). */
int incident_report_xlsx(const struct incident_report *r, const struct incident_report_people *p,
			 enum incident_report_kind k, const char *today, const char *path,
			 struct err *e);
/* The report as HTML or PDF bytes (format "html" or "pdf") appended to out. */
int incident_report_bytes(const struct incident_report *r, const struct incident_report_people *p,
			  enum incident_report_kind k, const char *format, const char *today,
			  struct buf *out, struct err *e);

/* Adds the "report" step (which kind, which format) to the incident's
 * timeline, so the record shows which report went out when. */
int incident_report_journal(struct tx *tx, long long incident_id, long long actor_id, const char *kind,
			    const char *format, struct err *e);

#endif
