/*
 * inspect_bench.c — the self-inspection benchmark's helper (bench/inspect.sh).
 *
 *   inspect_bench DB answer NO CHIEF     every respondent of campaign NO answers
 *                                        every question, through
 *                                        inspect_answers_save in one bulk
 *                                        transaction (journaled in batches)
 *   inspect_bench DB results RUNS NO     best wall time of RUNS calls of
 *                                        inspect_results_load (ms): the counts
 *                                        by 課, chapter and clause that
 *                                        `mamori inspect results` prints
 *   inspect_bench DB plain RUNS SQL      best wall time of RUNS runs of a plain
 *                                        SELECT, every column of every row read
 *
 * It links libmamori.a, so what is timed is the core's own code without the
 * process start-up and the output formatting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/inspect.h"
#include "store/schema.h"
#include "store/tx.h"
#include "util/timeutil.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time (user + system) of this process, for a machine shared with
 * other work, where wall time includes waiting for a core. */
static double cpu_ms(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static const char *const answers[] = {"done", "done", "done", "partial", "not_done", "done", "na", "done"};

static int answer(struct db *db, const char *no, struct err *e)
{
	struct inspect_campaign c;
	struct inspect_respondents rs;
	struct tx tx;
	if (inspect_campaign_find(db, no, &c, e))
		return e->code;
	int rc = inspect_respondents_load(db, c.id, NULL, &rs, e);
	inspect_campaign_free(&c);
	if (rc)
		return rc;
	if (tx_begin(&tx, db, "cli:bench", e)) {
		inspect_respondents_free(&rs);
		return e->code;
	}
	tx_bulk_begin(&tx);
	struct inspect_answer_in v[512];
	for (size_t i = 0; i < rs.n && !rc; i++) {
		int n = rs.v[i].questions < 512 ? rs.v[i].questions : 512;
		for (int k = 0; k < n; k++)
			v[k] = (struct inspect_answer_in){k + 1, answers[(i * 7 + (size_t)k) % 8], NULL};
		rc = inspect_answers_save(&tx, rs.v[i].id, v, (size_t)n, e);
	}
	inspect_respondents_free(&rs);
	if (rc) {
		tx_rollback(&tx);
		return rc;
	}
	return tx_commit(&tx, e);
}

static int results(struct db *db, int runs, const char *no, struct err *e)
{
	double best = 0, best_cpu = 0;
	long long rows = 0;
	for (int i = 0; i < runs; i++) {
		struct inspect_results r;
		double t0 = now_ms(), c0 = cpu_ms();
		if (inspect_results_load(db, no, NULL, &r, e))
			return e->code;
		double t = now_ms() - t0, c = cpu_ms() - c0;
		rows = r.total.n[ANS_DONE] + r.total.n[ANS_PARTIAL] + r.total.n[ANS_NOT_DONE] + r.total.n[ANS_NA];
		if (i == 0 || t < best)
			best = t;
		if (i == 0 || c < best_cpu)
			best_cpu = c;
		inspect_results_free(&r);
	}
	printf("%.2f %lld %.2f\n", best, rows, best_cpu);
	return 0;
}

static int plain(struct db *db, int runs, const char *sql, struct err *e)
{
	double best = 0, best_cpu = 0;
	long long rows = 0;
	for (int i = 0; i < runs; i++) {
		struct db_stmt *st;
		double t0 = now_ms(), c0 = cpu_ms();
		if (db_prepare(db, sql, &st, e))
			return e->code;
		rows = 0;
		enum db_step_result r;
		while ((r = db_step(st, e)) == DB_ROW) {
			for (int k = 0; k < db_column_count(st); k++)
				(void)db_column_text(st, k);
			rows++;
		}
		db_finalize(st);
		if (r == DB_ERROR)
			return e->code;
		double t = now_ms() - t0, c = cpu_ms() - c0;
		if (i == 0 || t < best)
			best = t;
		if (i == 0 || c < best_cpu)
			best_cpu = c;
	}
	printf("%.2f %lld %.2f\n", best, rows, best_cpu);
	return 0;
}

int main(int argc, char **argv)
{
	struct err e = {0};
	struct db *db;
	if (argc < 4) {
		fprintf(stderr, "usage: inspect_bench DB answer NO | results RUNS NO | plain RUNS SQL\n");
		return 2;
	}
	if (db_open(argv[1], &db, &e) || schema_migrate(db, &e)) {
		fprintf(stderr, "inspect_bench: %s\n", e.msg);
		return 2;
	}
	int rc;
	if (strcmp(argv[2], "answer") == 0)
		rc = answer(db, argv[3], &e);
	else if (strcmp(argv[2], "results") == 0 && argc == 5)
		rc = results(db, atoi(argv[3]), argv[4], &e);
	else if (strcmp(argv[2], "plain") == 0 && argc == 5)
		rc = plain(db, atoi(argv[3]), argv[4], &e);
	else
		rc = err_set(&e, ERR_INPUT, "unknown command %s", argv[2]);
	if (rc)
		fprintf(stderr, "inspect_bench: %s\n", e.msg);
	db_close(db);
	return rc ? 2 : 0;
}
