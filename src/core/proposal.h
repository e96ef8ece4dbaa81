/*
 * proposal.h — ポリシー改定の提案 (guideline 9.3): what the self-inspection,
 * the audit, an incident or anyone else showed should change in the policy,
 * put to the 情報セキュリティ委員会 with the annual report and linked to the
 * policy version it was made against and, once taken up, to the version that
 * took it up.  docs/annual-report.md "Proposals".
 *
 *   proposed (提案中) → adopted (採用) | rejected (不採用)
 *
 * Numbers are "R" + the 年度 + "-" + a two-digit serial within that 年度:
 * "R2026-01".  The proposer is the 統括情報セキュリティ責任者, the CISO or
 * 副CISO, the audit lead or a committee member; the decision is the CISO's,
 * the 副CISO's or a committee member's.  Every step is a case_event of
 * case_kind "proposal".
 */
#ifndef MAMORI_PROPOSAL_H
#define MAMORI_PROPOSAL_H

#include <stddef.h>

#include "store/tx.h"

#define CASE_PROPOSAL "proposal"

struct proposal {
	long long id, base_version_id, adopted_version_id, created_by;
	int fiscal_year;
	char *proposal_no, *clause, *proposal, *reason, *source, *source_ref, *state, *created_at;
};

struct proposal_list {
	size_t n;
	struct proposal *v; /* by id */
};

/* Every proposal (fiscal_year 0) or those of one 年度. */
int proposal_list_load(struct db *db, int fiscal_year, struct proposal_list *out, struct err *e);
void proposal_list_free(struct proposal_list *l);
const struct proposal *proposal_by_no(const struct proposal_list *l, const char *no);
/* 提案中 / 採用 / 不採用. */
const char *proposal_state_label(const char *state);
/* 自己点検 / 監査 / インシデント / その他. */
const char *proposal_source_label(const char *source);

/* The newest approved policy version (the internal edition first, which is
 * the whole policy); 0 when no version has been approved. */
int proposal_current_version(struct db *db, long long *version_id, struct err *e);

struct proposal_new {
	const char *actor_no;  /* 職員番号 of the proposer */
	int fiscal_year;       /* 0 = the 年度 of today */
	const char *clause;    /* catalog clause id */
	const char *proposal;  /* what should change */
	const char *reason;    /* why */
	const char *source;    /* inspect | audit | incident | other (or the Japanese label) */
	const char *ref;       /* the campaign, audit, finding or incident number; may be NULL */
};

/* Files a proposal; refused input is ERR_INPUT naming the field, nothing written. */
int proposal_add(struct tx *tx, const struct proposal_new *in, char **proposal_no, struct err *e);
/* Records that policy version `version_id` took the proposal up. */
int proposal_adopt(struct tx *tx, const char *no, long long version_id, const char *actor_no, const char *note,
		   struct err *e);
/* Records that the committee declined it; note (the reason) is required. */
int proposal_reject(struct tx *tx, const char *no, const char *actor_no, const char *note, struct err *e);

/* Whether staff_id may file a proposal (PROPOSAL_ADD) or decide one
 * (PROPOSAL_DECIDE) by their roles; for pages that offer only those steps. */
enum proposal_act { PROPOSAL_ADD, PROPOSAL_DECIDE };
struct role_assignments;
int proposal_may(const struct role_assignments *roles, long long staff_id, enum proposal_act act);

#endif
