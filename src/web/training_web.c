/*
 * training_web.c — the 年度, scope and permission questions every training
 * page and API route asks the same way (training_web.h).
 */
#include "web/training_web.h"

#include <string.h>

#include "util/html.h"
#include "util/timeutil.h"
#include "web/pages.h"
#include "web/response.h"
#include "web/scope.h"

void training_web_fy_label(int fy, char *out, size_t n)
{
	wareki_fiscal_year(fy, out, n);
}

int training_web_sees_all(const struct web_user *u)
{
	static const char *const committee[] = {"committee", NULL};
	return u && (scope_sees_all_assets(u) || web_user_has_any(u, committee));
}

int training_web_unit_visible(const struct web_user *u, long long unit_id)
{
	return training_web_sees_all(u) || scope_staff_visible(u, unit_id);
}

int training_web_sees_units(const struct web_user *u)
{
	static const char *const unit_roles[] = {"officer", "manager", NULL};
	return training_web_sees_all(u) || (u && web_user_has_any(u, unit_roles));
}

int training_web_may(const struct web_req *rq, enum training_act act)
{
	return rq->user && training_may(&rq->user->roles, rq->user->staff.id, act);
}

int training_web_may_record_some(const struct web_req *rq)
{
	static const char *const manager[] = {"manager", NULL};
	return training_web_may(rq, TRAINING_MANAGE) || (rq->user && web_user_has_any(rq->user, manager));
}

static void menu_item(struct buf *b, const char *href, int fy, const char *label, const char *current)
{
	int here = strcmp(href, current) == 0;
	html_printf(b, "<li><a href=\"%s?fy=%d\"%s>%s</a></li>", href, fy, here ? " aria-current=\"page\"" : "",
		    label);
}

void training_web_menu(struct buf *b, const struct web_req *rq, int fy, const char *current)
{
	buf_puts(b, "<nav class=\"tr-menu\" aria-label=\"研修・訓練\"><ul>");
	menu_item(b, "/training", fy, "概要", current);
	menu_item(b, "/training/plan", fy, "年度計画", current);
	if (training_web_may(rq, TRAINING_MANAGE)) {
		menu_item(b, "/training/courses/new", fy, "研修の登録", current);
		menu_item(b, "/training/sessions/new", fy, "実施回の登録", current);
	}
	if (training_web_sees_all(rq->user))
		menu_item(b, "/training/report", fy, "分析・委員会報告", current);
	buf_puts(b, "</ul></nav>\n");
}

void training_web_refused(struct web_req *rq, struct web_resp *rs, const struct err *e)
{
	if (e->code == ERR_INPUT)
		web_error(rq, rs, rq->is_api ? 400 : 422, "validation", e->msg);
	else
		web_internal_error(rq, rs, e);
}
