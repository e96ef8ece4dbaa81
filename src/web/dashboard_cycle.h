/*
 * dashboard_cycle.h — the dashboard's cards of the yearly cycle (issue 7):
 * the self-inspection checklists the signed-in person has still to answer,
 * the corrective actions they own that are not done, and this 年度's
 * courses they have not attended.
 */
#ifndef MAMORI_WEB_DASHBOARD_CYCLE_H
#define MAMORI_WEB_DASHBOARD_CYCLE_H

#include "util/buf.h"
#include "web/web.h"

/* Appends the three cards (each says so in a sentence when it has nothing). */
void dashboard_cycle(struct web_req *rq, struct buf *b);

#endif
