/*
 * network_web.h — who sees and who registers the network model on the web
 * (page_network*.c, api_network.c; docs/web.md).
 *
 * The picture names every zone, server and firewall rule of the whole
 * municipality, so only organisation-wide security roles and the
 * 情報システム管理者 (who run the network) see it; registering a new
 * version changes what `check` reports, so it is the CISO's or the 統括's.
 */
#ifndef MAMORI_WEB_NETWORK_WEB_H
#define MAMORI_WEB_NETWORK_WEB_H

#include "core/netmodel_store.h"
#include "web/web.h"

extern const char *const network_web_roles_view[];
extern const char *const network_web_roles_register[];

/* ?version=N of the request: 0 (current) when absent; -1 after answering 400. */
int network_web_version(struct web_req *rq, struct web_resp *rs);
/* The stored version checked today; answers 404 (none) or 500 itself and
   returns -1 then. */
int network_web_load(struct web_req *rq, struct web_resp *rs, int version, struct net_model_checked *out,
		     int *found);

/* Without a registered model, chapter 3 was not checked: a note saying so
   for pages that summarise `check` (the dashboard, /findings), so that "no
   findings" is not read as compliance there. */
void network_web_unchecked_note(struct db *db, struct buf *b);

#endif
