/*
 * policy_version.h — the things both front ends (the CLI's `policy` command
 * and the web's ポリシー pages) do with kept policy versions: render the
 * current profile into a version, print a version again in a chosen format
 * with its edition/決裁 line, and decide who may record a 決裁.
 *
 * policy_store.h keeps the versions; this file only combines it with the
 * builder and the writers so that no front end repeats that logic.
 */
#ifndef MAMORI_POLICY_VERSION_H
#define MAMORI_POLICY_VERSION_H

#include "core/catalog.h"
#include "core/policy_build.h"
#include "core/policy_store.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"

struct tx;

enum policy_format { POLICY_MD, POLICY_HTML, POLICY_PDF, POLICY_JSON };

/*
 * Builds the `ed` edition from cat and the stored profile and keeps it
 * (policy_record): *id is the version, *created 0 when the latest version
 * of that edition already had the same content.
 */
int policy_render(struct tx *tx, const struct catalog *cat, enum policy_edition ed, long long *id,
		  int *created, struct err *e);

/* "公開版　第3版　2026-11-26 決裁（山田 太郎）　SHA-256 1a2b…" (caller frees). */
char *policy_version_subtitle(struct db *db, const struct policy_version *v);

/*
 * Appends version v in format fmt to out, with its subtitle.  JSON is the
 * metadata and the blocks: {"blocks":[…],"content_hash":…,"edition":…,
 * "title":…,"version":N}.  Fails only for a damaged stored version or a
 * PDF that cannot be drawn (policy_pdf.h); out is then untouched.
 */
int policy_version_write(struct db *db, const struct policy_version *v, enum policy_format fmt,
			 struct buf *out, struct err *e);

/*
 * The 決裁 is the CISO's (1(1)①: final authority) or the 副CISO's: 0 when
 * staff `staff_id` currently holds one of the two roles, else ERR_INPUT
 * with a message naming `who` (a staff number or name).
 */
int policy_approver_check(struct db *db, long long staff_id, const char *who, struct err *e);

#endif
