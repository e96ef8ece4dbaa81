/*
 * write.h — one journaled transaction on behalf of the signed-in person.
 *
 * Every change made through the web runs as `mamori --as 職員番号` would: the
 * journal's actor is "staff:<職員番号>", so the 記録 page and `mamori journal`
 * name the person who clicked, whichever page or API route they used.
 */
#ifndef MAMORI_WEB_WRITE_H
#define MAMORI_WEB_WRITE_H

#include "store/tx.h"
#include "web/web.h"

/* Changes made inside one transaction; returns 0 or an error code. */
typedef int (*web_write_fn)(struct tx *tx, void *arg, struct err *e);

/* Runs fn in a transaction as rq->user and commits, or rolls back when fn
 * fails; returns 0 or the error code (e says why). */
int web_write(struct web_req *rq, web_write_fn fn, void *arg, struct err *e);
/* The journal actor for rq->user ("staff:<職員番号>"), into out. */
void web_actor(const struct web_req *rq, char *out, size_t n);

#endif
