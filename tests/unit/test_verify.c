/*
 * test_verify.c — verify finds the same tampering whether it walks the
 * journal in one part or splits it over two threads, including tampering
 * right at the split.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/org.h"
#include "core/staff.h"
#include "store/schema.h"
#include "store/verify.h"
#include "util/buf.h"

#include "check.h"

#define STAFF 400

static char dir[] = "/tmp/mamori-verify-XXXXXX";

/* A municipality, one unit and STAFF people: STAFF + 2 journal entries. */
static void build(const char *path)
{
	struct db *db;
	struct err e = {0};
	struct tx tx;
	long long unit;
	if (db_open(path, &db, &e) || schema_migrate(db, &e) || tx_begin(&tx, db, "test", &e) ||
	    municipality_create(&tx, "検証市", "市", NULL, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		exit(2);
	}
	struct org_unit_input in = {"B1", "総務部", "部局", NULL, NULL};
	if (org_unit_add(&tx, &in, &unit, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		exit(2);
	}
	for (int i = 0; i < STAFF; i++) {
		char no[16], name[32];
		snprintf(no, sizeof no, "%06d", i);
		snprintf(name, sizeof name, "職員%d", i);
		struct staff s = {.staff_no = no, .name = name, .unit_id = unit, .employment = "regular"};
		if (staff_insert(&tx, &s, "staff.add", &e)) {
			fprintf(stderr, "setup: %s\n", e.msg);
			exit(2);
		}
	}
	if (tx_commit(&tx, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		exit(2);
	}
	db_close(db);
}

/* Copies the pristine database, applies sql, verifies both ways. */
static void run_case(const char *name, const char *sql, int want_problems, long long want_seq)
{
	char src[256], path[256], cmd[1200];
	snprintf(src, sizeof src, "%s/base.db", dir);
	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	snprintf(cmd, sizeof cmd, "cp %s %s && cp %s.key %s.key", src, path, src, path);
	if (system(cmd) != 0)
		exit(2);
	struct db *db;
	struct err e = {0};
	if (db_open(path, &db, &e) || (sql && db_exec(db, sql, &e))) {
		fprintf(stderr, "%s: %s\n", name, e.msg);
		exit(2);
	}
	struct verify_report one, two;
	CHECK(verify_run_split(db, 1000000, &one, &e) == 0);
	CHECK(verify_run_split(db, 0, &two, &e) == 0);
	if ((one.nproblems > 0) != want_problems || one.first_bad_seq != want_seq ||
	    two.first_bad_seq != want_seq || (two.nproblems > 0) != want_problems)
		fprintf(stderr, "  case %s: one %d/%lld two %d/%lld\n%s--\n%s", name, one.nproblems,
			one.first_bad_seq, two.nproblems, two.first_bad_seq, buf_str(&one.problems),
			buf_str(&two.problems));
	CHECK((one.nproblems > 0) == want_problems && one.first_bad_seq == want_seq);
	CHECK((two.nproblems > 0) == want_problems && two.first_bad_seq == want_seq);
	CHECK(one.entries == two.entries);
	verify_report_free(&one);
	verify_report_free(&two);
	db_close(db);
}

int main(void)
{
	char path[256];
	if (!mkdtemp(dir))
		return 2;
	snprintf(path, sizeof path, "%s/base.db", dir);
	setenv("MAMORI_KEY", "", 1);
	unsetenv("MAMORI_KEY");
	build(path);
	/* STAFF + 2 entries = 402: the split puts 1..201 in the first part. */
	run_case("intact", NULL, 0, 0);
	run_case("edit_early", "UPDATE journal SET body = replace(body, '職員5', '職員X') WHERE seq = 8", 1, 8);
	run_case("edit_last_of_first", "UPDATE journal SET actor = 'x' WHERE seq = 201", 1, 201);
	run_case("edit_first_of_second", "UPDATE journal SET kind = 'x' WHERE seq = 202", 1, 202);
	run_case("delete_at_split", "DELETE FROM journal WHERE seq = 202", 1, 202);
	run_case("delete_before_split", "DELETE FROM journal WHERE seq = 201", 1, 201);
	run_case("swap_across_split",
		 "UPDATE journal SET seq = -1 WHERE seq = 201; UPDATE journal SET seq = 201 WHERE seq = 202;"
		 " UPDATE journal SET seq = 202 WHERE seq = -1", 1, 201);
	run_case("edit_late", "UPDATE journal SET subject = 'staff/1' WHERE seq = 390", 1, 390);
	run_case("row_edit", "UPDATE staff SET name = '偽' WHERE id = 300", 1, 302);
	snprintf(path, sizeof path, "rm -rf %s", dir);
	if (system(path) != 0)
		return 2;
	return check_report();
}
