/*
 * incident_scope.h — which incidents a signed-in person may see.
 *
 * The roles that run or oversee the response (CISO, 副CISO, 統括, CSIRT and
 * its lead, 監査統括) see every incident.  Anyone else sees the incidents
 * they reported or must be told of, a 情報セキュリティ責任者/管理者 those
 * of the units they cover, and a 情報システム管理者 those that involve a
 * system they administer.  Out of scope answers 404, like an unknown number.
 */
#ifndef MAMORI_WEB_INCIDENT_SCOPE_H
#define MAMORI_WEB_INCIDENT_SCOPE_H

#include "core/incident.h"
#include "web/web.h"

int incident_scope_sees_all(const struct web_user *u);
/* u's scope for incident_filter.scope; release with incident_scope_release.
 * Returns NULL (no restriction) when u sees every incident. */
const struct incident_scope *incident_scope_of(const struct web_user *u, struct incident_scope *s);
void incident_scope_release(struct incident_scope *s);

/*
 * Loads incident `no` into *out when the signed-in person may see it: 0.
 * Otherwise answers 404 (or 500) itself and returns -1.
 */
int incident_find(struct web_req *rq, struct web_resp *rs, const char *no, struct incident *out);

#endif
