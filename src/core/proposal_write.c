/*
 * proposal_write.c — proposal.h's writes as callbacks for cli and web
 * (proposal_write.h).
 */
#include "core/proposal_write.h"

int proposal_add_write(struct tx *tx, void *arg, struct err *e)
{
	struct proposal_adding *a = arg;
	return proposal_add(tx, &a->in, &a->no, e);
}

int proposal_decide_write(struct tx *tx, void *arg, struct err *e)
{
	const struct proposal_deciding *a = arg;
	return a->adopt ? proposal_adopt(tx, a->no, a->version, a->actor, a->note, e)
			: proposal_reject(tx, a->no, a->actor, a->note, e);
}
