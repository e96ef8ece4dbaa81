/*
 * training_stats.h — one 年度 of training counted: who was expected to take
 * part and who did, per 課 (5.2.2.5), per course with scores (5.2.2.6), and
 * whether new hires took a new-hire course in time (5.2.2.3).  The reports,
 * the `check` rules and (later) the pages all count from here, so they
 * always agree.  docs/training.md "Counting".
 *
 * Who counts: every member of staff except 委託事業者 (contractors train
 * their own people under their contract, 8.1) who was in office at some
 * time in the 年度 up to as_of: started_on (if any) on or before the end of
 * that span, left_on (if any) on or after 1 April.  A person counts in the
 * 課 of their current posting (the 課室 above a 係).
 * Attended: any attendance in a session held in the 年度.
 * A new hire: started_on in the 年度.  Trained in time: attended a session
 * of a new-hire course held from TRAINING_NEW_HIRE_BEFORE days before to
 * TRAINING_NEW_HIRE_DAYS days after starting.  Overdue: not trained and
 * those days have passed by today (a hire of late March falls due in the
 * next 年度 and is still counted in the 年度 of hiring).
 */
#ifndef MAMORI_TRAINING_STATS_H
#define MAMORI_TRAINING_STATS_H

#include <stddef.h>

#include "store/db.h"

#define TRAINING_NEW_HIRE_DAYS 90
#define TRAINING_NEW_HIRE_BEFORE 30
/* Score bands of the distribution: 0–59, 60–69, 70–79, 80–89, 90–100. */
#define TRAINING_BANDS 5

struct training_person {
	char *staff_no, *name;
};

struct training_unit_stat {
	long long unit_id;
	char *code, *name;
	long staff, attended;
	long new_hires, new_hires_trained;
	size_t nuntrained, noverdue;
	struct training_person *untrained; /* in 職員番号 order */
	struct training_person *overdue;   /* new hires overdue */
};

struct training_course_stat {
	long long course_id;
	char *code, *title, *kind;
	int has_pass_mark, pass_mark;
	long sessions, attendees, scored, passed, score_sum;
};

struct training_year {
	int fiscal_year;
	char as_of[11];   /* the last day counted: the 年度's end, or today */
	char today[11];   /* a new hire is overdue when due before today */
	long staff, attended, new_hires, new_hires_trained, new_hires_overdue;
	long sessions, drills; /* sessions held in the 年度; of them, drills */
	long scored, score_sum, bands[TRAINING_BANDS];
	size_t n;
	struct training_unit_stat *units;   /* by 課 code; only 課 with staff */
	size_t ncourses;
	struct training_course_stat *courses; /* courses with a session in the 年度 */
};

/*
 * Counts the 年度 fy as of min(end of fy, today).  scope_unit 0 counts the
 * whole organisation; otherwise only people whose 課 is at or below that
 * unit (a 課's manager sees that 課), and the course figures count only
 * their attendance.
 */
int training_year_compute(struct db *db, int fy, long long scope_unit, const char *today,
			  struct training_year *out, struct err *e);
void training_year_free(struct training_year *y);
/* Percent (0–100, one decimal) of part in whole; 0 when whole is 0. */
double training_rate(long part, long whole);
/* The band of a score (0..TRAINING_BANDS-1) and its label ("90–100点"). */
int training_band(int score);
const char *training_band_label(int band);
/* Whether any session was ever recorded before the end of fy (the rules
 * judge only 年度 that mamori holds records for). */
int training_has_records_until(struct db *db, int fy, int *yes, struct err *e);

#endif
