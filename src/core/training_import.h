/*
 * training_import.h — attendance from an e-learning system's export (or a
 * sign-in sheet typed into Excel): .csv in UTF-8 or CP932, or .xlsx.
 *
 * The header row is matched by Japanese or English column names (their
 * spellings are in training_import.c and docs/training.md): 職員番号
 * (required), 氏名, 受講日, 得点 and 合否.  Rows whose 合否 says the person
 * has not finished (未修了, 未受講 …) are skipped, not recorded.  Every row
 * is checked before anything is kept: an unknown or repeated 職員番号, a bad
 * score or date refuses the whole file with a message naming the file, the
 * line and the column, and nothing is written.  Importing the same rows
 * again changes nothing (one attendance per session and person; a changed
 * score is updated).  One transaction; journal entries in bulk (tx.h).
 */
#ifndef MAMORI_TRAINING_IMPORT_H
#define MAMORI_TRAINING_IMPORT_H

#include <stddef.h>

#include "store/db.h"
#include "util/buf.h"

struct training_import_opts {
	int dry_run; /* check and count, then roll back */
	/* Called now and then during a long file (done rows of total); may be NULL. */
	void (*progress)(void *arg, long done, long total);
	void *progress_arg;
};

struct training_import_result {
	long long rows, added, updated, unchanged, skipped;
	struct buf warnings; /* ignored columns, names that differ from the register … */
};

/* Imports the file at path into session session_id, as actor_no (who must
 * be allowed to manage training); actor is the journal's actor. */
int training_import_file(struct db *db, const char *actor, const char *actor_no, long long session_id,
			 const char *path, const struct training_import_opts *opts,
			 struct training_import_result *res, struct err *e);
/* The same for bytes already in memory (an upload); name is for messages. */
int training_import_data(struct db *db, const char *actor, const char *actor_no, long long session_id,
			 const char *name, const void *data, size_t len, const struct training_import_opts *opts,
			 struct training_import_result *res, struct err *e);
void training_import_result_free(struct training_import_result *r);

#endif
