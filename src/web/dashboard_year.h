/*
 * dashboard_year.h — the dashboard card that shows the people who run the
 * yearly cycle (CISO, 副CISO, 統括, committee) which of this 年度's steps
 * (training plan and drill, self-inspection, audit plan, the reports to the
 * committee) have not been recorded yet.
 */
#ifndef MAMORI_WEB_DASHBOARD_YEAR_H
#define MAMORI_WEB_DASHBOARD_YEAR_H

#include "util/buf.h"
#include "web/web.h"

/* Appends the card for those roles; nothing for anyone else. */
void dashboard_year(struct web_req *rq, struct buf *b);

#endif
