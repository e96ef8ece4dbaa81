/*
 * proposal_write.h — the ポリシー改定の提案 changes as write callbacks
 * (int fn(struct tx *, void *arg, struct err *)), so that the CLI
 * (cli_one_write) and the web (case_view_write) run the very same call
 * instead of each wrapping proposal.h again.
 */
#ifndef MAMORI_PROPOSAL_WRITE_H
#define MAMORI_PROPOSAL_WRITE_H

#include "core/proposal.h"

struct proposal_adding {
	struct proposal_new in;
	char *no; /* the number given; the caller frees it */
};
/* arg: struct proposal_adding * */
int proposal_add_write(struct tx *tx, void *arg, struct err *e);

struct proposal_deciding {
	const char *no, *actor, *note;
	long long version; /* the adopted policy version (adopt only) */
	int adopt;	   /* 1 adopts the proposal, 0 rejects it */
};
/* arg: struct proposal_deciding * */
int proposal_decide_write(struct tx *tx, void *arg, struct err *e);

#endif
