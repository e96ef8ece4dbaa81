/*
 * fiscal_param.c — ?fy= for the web (fiscal_param.h).
 */
#include "web/fiscal_param.h"

#include "util/timeutil.h"
#include "web/response.h"

int fiscal_param_current(void)
{
	char today[11];
	time_today(today);
	return fiscal_year(today);
}

int fiscal_param_or(struct web_req *rq, struct web_resp *rs, int absent, int *fy)
{
	const char *text = form_get(&rq->query, "fy");
	if (!text || !*text) {
		*fy = absent;
		return 0;
	}
	if (fiscal_year_parse(text, fy) == 0)
		return 0;
	web_error(rq, rs, 400, "bad_parameter",
		  "年度（fy）は開始年（2026）か令和の年度（令和8年度、R8）で指定してください");
	return -1;
}

int fiscal_param(struct web_req *rq, struct web_resp *rs, int *fy)
{
	return fiscal_param_or(rq, rs, fiscal_param_current(), fy);
}
