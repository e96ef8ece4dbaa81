/*
 * annual_report_internal.h — what the files of the annual report share:
 * building its tables, and small helpers for its figures and 年度 tests.
 */
#ifndef MAMORI_ANNUAL_REPORT_INTERNAL_H
#define MAMORI_ANNUAL_REPORT_INTERNAL_H

#include "core/annual_report.h"

/* Adds a section with its columns (copied); returns it for rows and charts. */
struct ar_table *ar_section(struct annual_report *r, const char *id, const char *title, const char *sheet,
			    const char *empty, const char *const *cols, int ncols);
/* Adds a row of t->ncols cells (copied; NULL becomes ""). */
void ar_row(struct ar_table *t, const char *const *cells);
/* Sets the lead sentence (printf-style). */
void ar_lead(struct ar_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The next free chart of t, or NULL when it has AR_MAX_CHARTS already. */
struct chart *ar_chart(struct ar_table *t);

/* Whether an RFC 3339 instant falls in the 年度 (read as a date in JST). */
int ar_instant_in_year(const char *rfc3339, int fiscal_year);
/* The JST date of an instant ("" when it is not one). */
void ar_jst_date(const char *rfc3339, char out[11]);
/* Decimal text of v into out. */
const char *ar_int(long long v, char out[24]);
/* A rate as "85.0%", or "—" when the denominator is 0. */
const char *ar_pct(double num, double den, char out[24]);

/* The answers of self-inspection, as inspect.h counts them. */
enum ar_answer { AR_DONE, AR_PARTIAL, AR_NOT_DONE, AR_NA, AR_NANSWERS };
int ar_answer_index(const char *answer);
/* (done + partial / 2) / (done + partial + not_done), as a percentage, or -1. */
double ar_answer_rate(const long long n[AR_NANSWERS]);

/* The sections, each in its own file. */
int ar_compliance(struct db *db, struct annual_report *r, struct err *e);  /* annual_report_compliance.c */
int ar_training(struct db *db, struct annual_report *r, struct err *e);    /* annual_report_cases.c */
int ar_incidents(struct db *db, struct annual_report *r, struct err *e);
int ar_exceptions(struct db *db, struct annual_report *r, struct err *e);
int ar_inspections(struct db *db, struct annual_report *r, struct err *e); /* annual_report_cycle.c */
int ar_audits(struct db *db, struct annual_report *r, struct err *e);
int ar_corrective(struct db *db, struct annual_report *r, struct err *e);
int ar_proposals(struct db *db, struct annual_report *r, struct err *e);

#endif
