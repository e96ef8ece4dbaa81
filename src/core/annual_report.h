/*
 * annual_report.h — the yearly report to the 情報セキュリティ委員会
 * (guideline 9.3): one document on a 年度 with the compliance by chapter and
 * by 課, training, incidents, exceptions, self-inspection and audit results,
 * the corrective actions still open and the proposed policy revisions.
 * docs/annual-report.md.
 *
 * annual_report_gather reads everything once into a list of tables (each
 * with the sentence to print when it has no rows, and its charts); the
 * writers only lay those tables out, so HTML, PDF, .xlsx and JSON always say
 * the same thing.  It reads the other modules' tables with its own read-only
 * queries.  Nothing here writes except annual_report_record.
 */
#ifndef MAMORI_ANNUAL_REPORT_H
#define MAMORI_ANNUAL_REPORT_H

#include <stddef.h>

#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/svg_chart.h"

struct tx;
struct role_assignments;

#define AR_MAX_CHARTS 2

/* One section: a heading, an optional lead sentence, charts and a table. */
struct ar_table {
	char *id;     /* stable key: "incidents", "audits" … (JSON, anchors) */
	char *title;  /* the heading */
	char *sheet;  /* the .xlsx sheet name (at most 31 characters) */
	char *lead;   /* a sentence above the table, or NULL */
	char *empty;  /* what the report says when there are no rows */
	int ncols;
	char **cols;
	size_t nrows;
	char **cells; /* nrows * ncols, never NULL */
	size_t ncharts;
	struct chart charts[AR_MAX_CHARTS];
};

/* The figures of the summary, also in the JSON for programs. */
struct annual_summary {
	long long check_errors, check_warnings;
	long long answers_done, answers_partial, answers_not_done, answers_na;
	long long staff, trained, sessions, drills;
	long long incidents, incidents_high;
	long long exc_requested, exc_permitted, exc_rejected, exc_in_force, exc_expired;
	long long campaigns, respondents, submitted;
	long long audits, audit_findings;
	long long corrective_open, corrective_overdue;
	long long proposals, proposals_adopted;
};

struct annual_report {
	int fiscal_year;
	char *municipality;      /* the 団体名, "" before init */
	char *title;             /* "令和8年度 情報セキュリティ対策の実施状況報告" */
	char today[11];          /* the day it was made (JST) */
	char from[11], to[11];   /* the 年度: April 1 to March 31 */
	struct annual_summary sum;
	size_t n;
	struct ar_table **v;     /* in the report's order; each allocated on its own, so a
				    section stays where it is while others are added */
};

/* Gathers the 年度's report; fails only on a database error (a 年度 with
 * no data gives a report whose sections say so). */
int annual_report_gather(struct db *db, int fiscal_year, struct annual_report *out, struct err *e);
void annual_report_free(struct annual_report *r);
const struct ar_table *annual_report_section(const struct annual_report *r, const char *id);

/* One self-contained HTML page with SVG charts. */
void annual_report_html(const struct annual_report *r, struct buf *out);
/* Only the sections (h2, charts, tables), to embed in a web page. */
void annual_report_html_body(const struct annual_report *r, struct buf *out);
/* {"fiscal_year":…,"summary":{…},"sections":[{"id","title","columns","rows"…}]} */
void annual_report_json(const struct annual_report *r, struct buf *out);
/* An A4 PDF (cairo + pango; charts drawn from the same layout as the SVG). */
int annual_report_pdf(const struct annual_report *r, struct buf *out, struct err *e);
/* The report as "html", "pdf" or "json" bytes appended to out (for .xlsx,
 * which is a file, use annual_report_xlsx); ERR_INPUT for another format. */
int annual_report_bytes(const struct annual_report *r, const char *format, struct buf *out, struct err *e);
/* .xlsx at path: one sheet per section, the underlying tables. */
int annual_report_xlsx(const struct annual_report *r, const char *path, struct err *e);

/* Who prepares and reports it: the CISO, 副CISO or the 統括情報セキュリティ責任者. */
int annual_report_may(const struct role_assignments *roles, long long staff_id);

/* Records that the report went to the committee: a committee_report row of
 * kind "annual" with the SHA-256 of the bytes reported.  reported_on is a
 * date as people type it (NULL = today); *id gets the row's id. */
int annual_report_record(struct tx *tx, int fiscal_year, const char *actor_no, const char *reported_on,
			 const char *content_hash, const char *note, long long *id, struct err *e);

/* A committee_report row, for the history of what was reported. */
struct committee_report {
	long long id, reported_by;
	int fiscal_year;
	char *kind, *reported_on, *content_hash, *note, *created_at;
};
struct committee_reports {
	size_t n;
	struct committee_report *v;
};
/* fiscal_year 0 = every 年度; kind NULL = every kind. */
int committee_reports_load(struct db *db, int fiscal_year, const char *kind, struct committee_reports *out,
			   struct err *e);
void committee_reports_free(struct committee_reports *l);

#endif
