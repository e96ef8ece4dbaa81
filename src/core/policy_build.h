/*
 * policy_build.h — the municipality's policy documents written from the
 * catalog and its profile.
 *
 * Clauses become numbered articles (第1条…) and items ((1), ア, (ア)) in the
 * 例規 style; the wording is the clause's policy template or statement with
 * the profile filled in (本市, the posts that hold each role, the figures it
 * chose); 推奨事項 appear only when adopted.  The public edition is the
 * 基本方針 alone (the Local Autonomy Act asks municipalities to publish it);
 * the internal edition is the 基本方針, the 対策基準 and an annex listing the
 * 実施手順 records, every page marked 非公開.
 */
#ifndef MAMORI_POLICY_BUILD_H
#define MAMORI_POLICY_BUILD_H

#include "core/catalog.h"
#include "core/policy_doc.h"
#include "core/profile.h"
#include "util/buf.h"

enum policy_edition { EDITION_PUBLIC, EDITION_INTERNAL };

extern const char *const policy_edition_ids[];    /* "public", "internal" */
extern const char *const policy_edition_labels[]; /* "公開版", "内部版（非公開）" */
/* EDITION_PUBLIC / EDITION_INTERNAL from "public"/"internal" (or 公開/内部); -1 if neither. */
int policy_edition_parse(const char *s);

void policy_build(const struct catalog *cat, const struct profile *p, enum policy_edition ed,
		  struct pdoc *out);

/*
 * A clause's text for this municipality: its policy template (or statement)
 * with {self}, {post:ROLE} and {param:KEY} filled in, 団体 → 本市 and
 * ガイドライン → this document; `document` is "この基本方針" or "この対策基準".
 */
void policy_clause_text(const struct catalog_entry *en, const struct profile *p,
			const char *document, struct buf *out);

#endif
