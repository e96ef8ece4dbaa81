/* libFuzzer target: staff and asset imports of an arbitrary file into a small
 * in-memory municipality must end in success or a clean error (nothing
 * written), never a crash, and the journal must still verify. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/asset_io.h"
#include "core/org.h"
#include "core/staff_import.h"
#include "store/schema.h"
#include "store/verify.h"

static void setup(struct db *db)
{
	struct err e = {0};
	struct tx tx;
	long long id;
	struct org_unit_input b = {"B1", "総務部", "部局", NULL, NULL};
	struct org_unit_input s = {"S1", "総務課", "課", "B1", NULL};
	if (schema_migrate(db, &e) || tx_begin(&tx, db, "fuzz", &e))
		abort();
	if (municipality_create(&tx, "試験市", "市", NULL, &e) || org_unit_add(&tx, &b, &id, &e) ||
	    org_unit_add(&tx, &s, &id, &e) || tx_commit(&tx, &e))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/mamori-fuzz-import-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	int ok = write(fd, data, size) == (ssize_t)size;
	close(fd);
	setenv("MAMORI_KEY", "/tmp/mamori-fuzz-import.key", 1);
	struct db *db;
	struct err e = {0};
	if (ok && db_open(":memory:", &db, &e) == 0) {
		setup(db);
		struct staff_import_opts so = {size % 2, NULL, 0};
		struct staff_import_result sr;
		staff_import(db, "fuzz", path, &so, &sr, &e);
		staff_import_result_free(&sr);
		struct asset_import_opts ao = {0};
		struct asset_import_result ar;
		asset_import(db, "fuzz", path, &ao, &ar, &e);
		asset_import_result_free(&ar);
		struct verify_report r;
		if (verify_run(db, &r, &e) == 0 && r.nproblems)
			abort(); /* an import left the tables and the journal apart */
		verify_report_free(&r);
		db_close(db);
	}
	unlink(path);
	return 0;
}
