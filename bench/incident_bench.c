/*
 * incident_bench.c — the incident benchmark's helper (bench/incident.sh).
 *
 *   incident_bench DB generate N STEPS   N incidents with STEPS timeline entries
 *                                        each, through the journaled bulk path
 *   incident_bench DB query RUNS STATE CATEGORY OVERDUE LIMIT
 *                                        best wall time of RUNS calls of
 *                                        incident_query (ms) and the row count;
 *                                        with LIMIT > 0, one page newest first
 *                                        plus incident_count (what a list page
 *                                        shows: the rows and "N 件中")
 *   incident_bench DB plain RUNS SQL     best wall time of RUNS runs of a plain
 *                                        SELECT, every column of every row read
 *
 * It links libmamori.a, so the query timed is the one `mamori incident list`
 * runs, without the process start-up and the output formatting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/incident.h"
#include "store/schema.h"
#include "util/timeutil.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int generate(struct db *db, long long n, int steps, struct err *e)
{
	struct tx tx;
	if (tx_begin(&tx, db, "cli:bench", e))
		return e->code;
	if (incident_bulk_generate(&tx, n, steps, e)) {
		tx_rollback(&tx);
		return e->code;
	}
	return tx_commit(&tx, e);
}

/* A 課 manager's scope on the web pages (staff 1, 課 1), or none. */
static int query(struct db *db, int runs, const char *state, const char *category, int overdue,
		 long long limit, int scoped, struct err *e)
{
	char now[32];
	double best = 0;
	size_t rows = 0;
	static const long long units[] = {1};
	const struct incident_scope scope = {.staff_id = 1, .unit_ids = units, .nunits = 1};
	time_now_rfc3339(now);
	struct incident_filter f = {.state = *state ? state : NULL,
				    .category = *category ? category : NULL,
				    .overdue = overdue,
				    .now = now,
				    .limit = limit,
				    .newest_first = limit > 0,
				    .scope = scoped ? &scope : NULL};
	for (int i = 0; i < runs; i++) {
		struct incident_rows r;
		long long total = 0;
		double t0 = now_ms();
		if (incident_query(db, &f, &r, e) || (limit > 0 && incident_count(db, &f, &total, e)))
			return e->code;
		double t = now_ms() - t0;
		rows = r.n;
		incident_rows_free(&r);
		if (i == 0 || t < best)
			best = t;
	}
	printf("%.2f %zu\n", best, rows);
	return 0;
}

static int plain(struct db *db, int runs, const char *sql, struct err *e)
{
	double best = 0;
	size_t rows = 0, bytes = 0;
	for (int i = 0; i < runs; i++) {
		struct db_stmt *st;
		double t0 = now_ms();
		if (db_prepare(db, sql, &st, e))
			return e->code;
		rows = 0;
		while (db_step(st, e) == DB_ROW) {
			for (int c = 0; c < db_column_count(st); c++) {
				const char *v = db_column_text(st, c);
				bytes += v ? strlen(v) : 0;
			}
			rows++;
		}
		db_finalize(st);
		double t = now_ms() - t0;
		if (i == 0 || t < best)
			best = t;
	}
	printf("%.2f %zu\n", best, rows + (bytes == (size_t)-1));
	return 0;
}

int main(int argc, char **argv)
{
	struct err e = {0};
	struct db *db = NULL;
	int rc;
	if (argc < 3) {
		fprintf(stderr, "usage: incident_bench DB generate N STEPS | query RUNS STATE CATEGORY OVERDUE LIMIT [scoped]\n");
		return 2;
	}
	if (db_open(argv[1], &db, &e) || schema_migrate(db, &e)) {
		fprintf(stderr, "incident_bench: %s\n", e.msg);
		return 2;
	}
	if (strcmp(argv[2], "generate") == 0 && argc == 5)
		rc = generate(db, atoll(argv[3]), atoi(argv[4]), &e);
	else if (strcmp(argv[2], "query") == 0 && (argc == 8 || argc == 9))
		rc = query(db, atoi(argv[3]), argv[4], argv[5], atoi(argv[6]), atoll(argv[7]),
			   argc == 9 && strcmp(argv[8], "scoped") == 0, &e);
	else if (strcmp(argv[2], "plain") == 0 && argc == 5)
		rc = plain(db, atoi(argv[3]), argv[4], &e);
	else
		rc = err_set(&e, ERR_INPUT, "bad arguments");
	if (rc)
		fprintf(stderr, "incident_bench: %s\n", e.msg);
	db_close(db);
	return rc ? 2 : 0;
}
