/*
 * write.c — the web's journaled writes (write.h).
 */
#include "web/write.h"

#include <stdio.h>

void web_actor(const struct web_req *rq, char *out, size_t n)
{
	snprintf(out, n, "staff:%s", rq->user->staff.staff_no);
}

int web_write(struct web_req *rq, web_write_fn fn, void *arg, struct err *e)
{
	struct tx tx;
	char actor[96];
	web_actor(rq, actor, sizeof actor);
	if (tx_begin(&tx, rq->db, actor, e))
		return e->code;
	if (fn(&tx, arg, e)) {
		tx_rollback(&tx);
		return e->code ? e->code : ERR_INTERNAL;
	}
	return tx_commit(&tx, e);
}
