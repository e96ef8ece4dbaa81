/* libFuzzer target: an attendance import (training_import_data) of arbitrary
 * bytes into a small municipality with one course and one session must end
 * in success or a clean error (nothing written), never a crash, and the
 * journal must still verify. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/org.h"
#include "core/role.h"
#include "core/staff.h"
#include "core/training.h"
#include "core/training_import.h"
#include "store/schema.h"
#include "store/verify.h"

/* The setup is fixed: if it fails, the code under test changed. */
static void die(const struct err *e)
{
	fprintf(stderr, "setup: %s\n", e->msg);
	abort();
}

static void add_person(struct tx *tx, const char *no, const char *name, struct err *e)
{
	struct staff s = {0};
	s.staff_no = (char *)no;
	s.name = (char *)name;
	s.unit_id = 2;
	s.employment = (char *)"regular";
	if (staff_insert(tx, &s, "staff.add", e))
		die(e);
}

static void setup(struct db *db)
{
	struct err e = {0};
	struct tx tx;
	long long id;
	struct org_unit_input b = {"B1", "総務部", "部局", NULL, NULL};
	struct org_unit_input s = {"S1", "総務課", "課", "B1", NULL};
	struct role_input r = {"chief_officer", "20", NULL, NULL, NULL, NULL};
	struct training_course_input c = {"C01", "基礎", "course", "all", "elearning", "60", NULL};
	struct training_session_input si = {"C01", "2026-05-10", NULL, NULL, NULL};
	if (schema_migrate(db, &e) || tx_begin(&tx, db, "fuzz", &e))
		die(&e);
	if (municipality_create(&tx, "試験市", "市", NULL, &e) || org_unit_add(&tx, &b, &id, &e) ||
	    org_unit_add(&tx, &s, &id, &e))
		die(&e);
	add_person(&tx, "20", "統括", &e);
	add_person(&tx, "101", "山田太郎", &e);
	add_person(&tx, "102", "佐藤花子", &e);
	if (role_assign(&tx, &r, &id, &e) || training_course_add(&tx, "20", &c, &id, &e) ||
	    training_session_add(&tx, "20", &si, &id, &e) || tx_commit(&tx, &e))
		die(&e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setenv("MAMORI_KEY", "/tmp/mamori-fuzz-training.key", 1);
	setenv("MAMORI_NOW", "2026-06-01T01:00:00Z", 1);
	struct db *db;
	struct err e = {0};
	if (db_open(":memory:", &db, &e))
		return 0;
	setup(db);
	struct training_import_opts o = {(int)(size % 2), NULL, NULL};
	struct training_import_result res;
	training_import_data(db, "fuzz", "20", 1, "fuzz.csv", data, size, &o, &res, &e);
	training_import_result_free(&res);
	struct verify_report r;
	if (verify_run(db, &r, &e) == 0 && r.nproblems)
		abort(); /* an import left the tables and the journal apart */
	verify_report_free(&r);
	db_close(db);
	return 0;
}
