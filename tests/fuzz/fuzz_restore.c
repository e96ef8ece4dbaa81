/* libFuzzer target: restoring from an arbitrary file (the portable dump
 * parser, or a SQLite file) must fail cleanly or succeed, never crash, into
 * a fresh in-memory database. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/backup.h"
#include "store/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/mamori-fuzz-restore-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	/* no key file anywhere: a dump with checkpoints must be refused, not crash */
	setenv("MAMORI_KEY", "/nonexistent/mamori-fuzz.key", 1);
	struct db *db;
	struct err e = {0};
	if (db_open(":memory:", &db, &e) == 0) {
		if (schema_migrate(db, &e) == 0)
			backup_restore(db, path, &e);
		db_close(db);
	}
	unlink(path);
	return 0;
}
