/*
 * policy_store.h — every rendered policy document kept as a numbered
 * version: its blocks (so it can be printed again in any format and compared
 * clause by clause), the SHA-256 of its content, the profile version it was
 * written from, and its 決裁 (who approved it, when).
 *
 * A version is the content, not the file: rendering the same content again,
 * in the same or another format, returns the existing version.
 */
#ifndef MAMORI_POLICY_STORE_H
#define MAMORI_POLICY_STORE_H

#include <stddef.h>

#include "core/policy_build.h"
#include "core/policy_doc.h"
#include "store/db.h"
#include "util/err.h"

struct tx;

struct policy_version {
	long long id;              /* the version number (第N版) */
	char *edition;             /* "public" / "internal" */
	char *title;
	char *blocks;              /* canonical JSON of the blocks */
	char *content_hash;        /* SHA-256 hex of title and blocks */
	long long profile_version;
	char *rendered_at, *rendered_by;
	long long approved_by;     /* staff id, 0 = not approved yet */
	char *approved_at;
};

struct policy_versions {
	size_t n;
	struct policy_version *v; /* by id */
};

int policy_versions_load(struct db *db, struct policy_versions *out, struct err *e);
void policy_versions_free(struct policy_versions *l);
const struct policy_version *policy_version_by_id(const struct policy_versions *l, long long id);

/* The canonical JSON of d's blocks, and the content hash of d. */
void pdoc_blocks_json(const struct pdoc *d, struct buf *out);
void pdoc_content_hash(const struct pdoc *d, char hex[65]);
/* Rebuilds a stored version's document (title, blocks; subtitle NULL). */
int pdoc_from_version(const struct policy_version *v, struct pdoc *out, struct err *e);

/*
 * Keeps d as a new version of its edition unless the latest version of that
 * edition has the same content; *id is the version either way, *created
 * says which.
 */
int policy_record(struct tx *tx, const struct pdoc *d, enum policy_edition ed,
		  long long profile_version, long long *id, int *created, struct err *e);
/* Records the 決裁 of version `id` by staff `staff_id` (once). */
int policy_approve(struct tx *tx, long long id, long long staff_id, struct err *e);

#endif
