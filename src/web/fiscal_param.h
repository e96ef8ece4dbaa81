/*
 * fiscal_param.h — the 年度 query parameter (?fy=) every web page and API
 * route reads the same way: "2026", "令和8年度", "R8" (fiscal_year_parse,
 * the parser behind the CLI's --year), one Japanese 400 for anything else.
 */
#ifndef MAMORI_WEB_FISCAL_PARAM_H
#define MAMORI_WEB_FISCAL_PARAM_H

#include "web/web.h"

/* Today's 年度 (April to March). */
int fiscal_param_current(void);

/*
 * The 年度 of ?fy=, absent when the parameter is missing or empty (0 where
 * a list means every 年度).  Returns 0, or -1 after answering 400
 * bad_parameter.
 */
int fiscal_param_or(struct web_req *rq, struct web_resp *rs, int absent, int *fy);

/* The 年度 of ?fy=, today's when missing or empty; as fiscal_param_or. */
int fiscal_param(struct web_req *rq, struct web_resp *rs, int *fy);

#endif
