/*
 * training_report.h — the reports of guideline 5.2.2.5–5.2.2.7: each 課's
 * completion, the 統括's analysis (by course, by 課, scores, the trend
 * against the previous 年度) and the CISO's yearly report to the
 * 情報セキュリティ委員会, with the record that it was reported.
 *
 * Everything is counted by training_stats.h.  The committee report is laid
 * out as a policy document (policy_doc.h), so the HTML and PDF writers of
 * the policy are reused unchanged, and as .xlsx with util/xlsx_write.h;
 * JSON, CSV and text come from the same gathered data.
 */
#ifndef MAMORI_TRAINING_REPORT_H
#define MAMORI_TRAINING_REPORT_H

#include "core/policy_doc.h"
#include "core/training.h"
#include "core/training_stats.h"
#include "util/buf.h"
#include "util/json.h"

struct training_report {
	int fiscal_year;
	long long scope_unit;      /* 0: the whole organisation */
	char today[11];
	char *municipality;
	struct training_year now, prev;
	struct training_plan plan; /* latest version for the 年度; id 0 when none */
	char *plan_approver;       /* name, or NULL */
	struct training_courses courses;
	struct training_sessions sessions; /* of the 年度 */
};

/* Gathers the 年度 fy (scope_unit as for training_year_compute). */
int training_report_gather(struct db *db, int fy, long long scope_unit, struct training_report *out,
			   struct err *e);
void training_report_free(struct training_report *r);

/* The columns of the per-課 completion CSV (training report completion,
 * the /training page's download). */
#define TRAINING_UNITS_CSV_HEADER "年度,課コード,課室,対象者,受講者,受講率,未受講者"
/* People as "名前（職員番号）、名前（職員番号）" appended to b. */
void training_people_text(struct buf *b, const struct training_person *v, size_t n);
/* One row of that CSV: unit u of the 年度 fy. */
void training_unit_csv_row(struct buf *b, int fy, const struct training_unit_stat *u);

/* key: the percentage part of whole (training_rate) as a JSON number with
 * one decimal, e.g. 87.5. */
void training_rate_json(struct json_writer *w, const char *key, long part, long whole);
/* The data as JSON (one object: year, completion, units, courses, bands,
 * trend, plan, sessions).  The committee record hashes exactly this. */
void training_report_json(struct json_writer *w, const struct training_report *r);
/* The CISO's report to the committee as a document. */
void training_report_document(const struct training_report *r, struct pdoc *out);
/* The same as .xlsx at path: sheets 概要, 課別, 研修別, 得点分布, 未受講者. */
int training_report_xlsx(const struct training_report *r, const char *path, struct err *e);
/* HTML or PDF bytes (format "html" or "pdf") appended to out. */
int training_report_bytes(const struct training_report *r, const char *format, struct buf *out, struct err *e);

/*
 * Records that the CISO reported the 年度's training to the committee
 * (5.2.2.7): a committee_report row of kind "training" with the date, the
 * note and the SHA-256 of the report's JSON as it stands now.  hash (may be
 * NULL) receives that hash.
 */
int training_report_record(struct tx *tx, const char *actor_no, int fy, const char *reported_on, const char *note,
			   char hash[65], struct err *e);

/* The training reports recorded: committee_reports_load(db, fy, "training", …) in annual_report.h. */

#endif
