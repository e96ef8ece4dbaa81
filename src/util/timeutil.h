/*
 * timeutil.h — instants, calendar dates, 年度 and 和暦.
 *
 * Instants are RFC 3339 UTC strings with a Z ("2026-04-01T09:00:00Z"): the
 * journal's contract.  Dates are "YYYY-MM-DD".  The clock can be pinned with
 * the environment variable MAMORI_NOW (an RFC 3339 instant) so that demos and
 * tests are reproducible.
 */
#ifndef MAMORI_TIMEUTIL_H
#define MAMORI_TIMEUTIL_H

#include <stddef.h>
#include <time.h>

#include "util/err.h"

/* Current instant as RFC 3339 UTC, honouring MAMORI_NOW. */
void time_now_rfc3339(char out[32]);
/* The same instant as seconds since the epoch (MAMORI_NOW honoured). */
time_t time_now_epoch(void);
/* Today's date in Japan (JST, UTC+9), honouring MAMORI_NOW. */
void time_today(char out[11]);
/* An instant stored as RFC 3339 UTC, as a person in Japan reads it:
 * "YYYY-MM-DD HH:MM" in JST.  Returns -1 (out untouched) for other text. */
int time_jst_text(const char *rfc3339, char out[17]);

/*
 * Parses a date as people type it in Japanese offices into "YYYY-MM-DD":
 * 2026-04-01, 2026/4/1, 2026.4.1, 2026年4月1日, 令和8年4月1日, R8.4.1,
 * 平成31年4月30日, H31/4/30, and 元年.  Checks the date exists.
 * Returns 0 or ERR_INPUT (the message names the value).
 */
int date_parse(const char *in, char out[11], struct err *e);
int date_valid(const char *ymd);
/* Adds days to a date (may be negative). */
void date_add_days(const char *ymd, int days, char out[11]);

/* 年度 (April–March) of a date: 2026-03-31 → 2025. */
int fiscal_year(const char *ymd);
/* "令和8年4月1日" for 2026-04-01; "" for dates before 明治. */
void wareki_date(const char *ymd, char *out, size_t n);
/* "令和7年度" for fiscal year 2025. */
void wareki_fiscal_year(int fy, char *out, size_t n);
/* A 年度 as people write it: "2026", "令和8年度", "令和8", "R8", "令和元年度"
 * (全角 too).
 * 0 with *fy set (2026 for all of those), or -1 for anything else. */
int fiscal_year_parse(const char *text, int *fy);

#endif
