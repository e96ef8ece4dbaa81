/*
 * dashboard_incidents.h — the dashboard's インシデント card.
 */
#ifndef MAMORI_WEB_DASHBOARD_INCIDENTS_H
#define MAMORI_WEB_DASHBOARD_INCIDENTS_H

#include "util/buf.h"
#include "web/web.h"

/* Appends the card: incidents in scope with overdue notices (5.3). */
void dashboard_incidents(struct web_req *rq, struct buf *b);

#endif
