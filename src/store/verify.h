/*
 * verify.h — `mamori verify`: prove the journal and the tables agree.
 *
 * Three independent checks:
 *  1. the hash chain: every entry's seq follows the previous one, its prev is
 *     the previous hash, and its hash recomputes (an edited, deleted or
 *     reordered entry breaks this);
 *  2. replay: the bodies, applied in order, rebuild every domain table in
 *     memory, which must equal the stored tables row for row (an edit made
 *     with the sqlite3 shell or psql, bypassing mamori, breaks this);
 *  3. checkpoints: every signed checkpoint verifies with the key beside the
 *     database and matches the entry it names, and the journal ends exactly
 *     at the last checkpoint (a rewritten chain or a cut tail breaks this).
 */
#ifndef MAMORI_VERIFY_H
#define MAMORI_VERIFY_H

#include "store/db.h"
#include "util/buf.h"

struct verify_report {
	long long entries;
	long long rows;
	long long checkpoints;
	long long first_bad_seq; /* 0 when no entry is to blame (or all is intact) */
	int nproblems;
	struct buf problems; /* one Japanese sentence per line */
};

/*
 * Runs all three checks.  Returns 0 when the checks ran (look at
 * report->nproblems), or an error code when they could not run (unreadable
 * database, missing key while checkpoints exist).
 */
int verify_run(struct db *db, struct verify_report *report, struct err *e);
/* The same, splitting the chain walk over two threads once the journal has
 * more than split_above entries (verify_run uses 200,000; tests use 0 to
 * exercise the split on small journals). */
int verify_run_split(struct db *db, long long split_above, struct verify_report *report,
		     struct err *e);
void verify_report_free(struct verify_report *r);

#endif
