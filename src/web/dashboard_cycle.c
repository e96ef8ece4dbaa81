/*
 * dashboard_cycle.c — the dashboard's cards of the yearly cycle
 * (dashboard_cycle.h): 未回答の自己点検, 是正措置 and 研修.
 *
 * Each card reads only the signed-in person's rows through indexed columns
 * (inspect_respondent.staff_id, corrective_action.state,
 * training_attendance.staff_id) plus the 年度's campaigns and sessions,
 * which are a handful, so the dashboard stays quick with 20,000 staff.
 */
#include "web/dashboard_cycle.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "core/corrective.h"
#include "core/inspect.h"
#include "core/rows.h"
#include "core/vocab.h"
#include "core/training.h"
#include "util/html.h"
#include "util/timeutil.h"
#include "web/fiscal_param.h"
#include "web/layout.h"
#include "web/url.h"

#define DASHBOARD_ACTIONS 5

/* ---- 未回答の自己点検 ---- */

/* One checklist to answer; with role (the person is asked in several
 * roles) the link names it, as the answer page expects. */
static void checklist_item(struct buf *b, const struct inspect_campaign *c, const struct inspect_respondent *r,
			   int with_role)
{
	struct buf href = BUF_INIT;
	buf_puts(&href, "/inspect/");
	url_encode(&href, c->campaign_no);
	buf_puts(&href, "/answer");
	if (with_role) {
		buf_puts(&href, "?role=");
		url_encode(&href, r->role);
	}
	html_printf(b, "<li><a href=\"%s\">%s</a>　%s", buf_str(&href), c->campaign_no, c->title);
	if (with_role)
		html_printf(b, "・%sとして", vocab_label(&vocab_role, r->role));
	html_printf(b, "（回答 %d / %d 問", r->answered, r->questions);
	if (c->due_on) {
		buf_puts(b, "・期限 ");
		layout_date(b, c->due_on);
	}
	buf_puts(b, "）</li>\n");
	buf_free(&href);
}

/* The open campaigns' checklists of this person not yet submitted. */
static int pending_checklists(struct web_req *rq, struct buf *items, size_t *n, struct err *e)
{
	struct inspect_campaigns cs;
	int fy = fiscal_param_current(), rc = 0;
	/* a campaign of last 年度 may still be open in April */
	for (int y = fy - 1; y <= fy && !rc; y++) {
		if ((rc = inspect_campaigns_load(rq->db, y, &cs, e)) != 0)
			break;
		for (size_t i = 0; i < cs.n && !rc; i++) {
			struct inspect_respondents rs;
			if (strcmp(cs.v[i].state, "open") != 0)
				continue;
			if ((rc = inspect_respondents_of(rq->db, cs.v[i].id, rq->user->staff.id, &rs, e)) != 0)
				break;
			for (size_t k = 0; k < rs.n; k++)
				if (!rs.v[k].submitted_at) {
					checklist_item(items, &cs.v[i], &rs.v[k], rs.n > 1);
					++*n;
				}
			inspect_respondents_free(&rs);
		}
		inspect_campaigns_free(&cs);
	}
	return rc;
}

static void card_begin(struct buf *b, const char *id, const char *title)
{
	html_printf(b, "<section class=\"card ar-card\" aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>\n", id, id, title);
}

static void card_list(struct buf *b, struct buf *items, size_t n, int failed, const struct err *e, const char *none)
{
	if (failed) {
		html_printf(b, "<p class=\"error\">読み込めませんでした：%s</p>\n", e->msg);
	} else if (n) {
		buf_puts(b, "<ul>\n");
		buf_append(b, buf_str(items), items->len);
		buf_puts(b, "</ul>\n");
	} else {
		html_printf(b, "<p>%s</p>\n", none);
	}
	buf_free(items);
}

static void checklists_card(struct web_req *rq, struct buf *b)
{
	struct buf items = BUF_INIT;
	struct err e = {0};
	size_t n = 0;
	card_begin(b, "ar-inspect", "未回答の自己点検");
	int failed = pending_checklists(rq, &items, &n, &e) != 0;
	card_list(b, &items, n, failed, &e, "回答が必要な自己点検はありません。");
	buf_puts(b, "</section>\n");
}

/* ---- 是正措置 ---- */

/* One open action of this person: a corrective_action row enough for
 * corrective_is_overdue, so the overdue rule stays the core's. */
static void action_item(struct buf *b, const struct corrective_action *a, const char *today)
{
	struct buf href = BUF_INIT;
	int late = corrective_is_overdue(a, today);
	buf_puts(&href, "/actions/");
	url_encode(&href, a->action_no);
	buf_puts(b, late ? "<li class=\"ar-overdue\">" : "<li>");
	html_printf(b, "<a href=\"%s\">%s</a>　", buf_str(&href), a->action_no);
	html_printf(b, "%s（%s", a->problem ? a->problem : "", corrective_state_label(a->state));
	if (a->due_on) {
		buf_puts(b, "・期限 ");
		layout_date(b, a->due_on);
	}
	buf_puts(b, late ? "・<strong>期限超過</strong>）</li>\n" : "）</li>\n");
	buf_free(&href);
}

static const char open_actions_where[] =
	" FROM corrective_action WHERE state IN ('open', 'reopened') AND owner_id = ?";

static int open_actions(struct web_req *rq, struct buf *items, size_t *n, long long *total, struct err *e)
{
	struct db_stmt *st;
	char today[11], sql[256];
	time_today(today);
	snprintf(sql, sizeof sql, "SELECT COUNT(*)%s", open_actions_where);
	if (db_prepare(rq->db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, rq->user->staff.id);
	enum db_step_result r = db_step(st, e);
	*total = r == DB_ROW ? db_column_int(st, 0) : 0;
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (!*total)
		return 0;
	snprintf(sql, sizeof sql, "SELECT action_no, problem, due_on, state%s ORDER BY due_on, id LIMIT ?",
		 open_actions_where);
	if (db_prepare(rq->db, sql, &st, e))
		return e->code;
	db_bind_int(st, 1, rq->user->staff.id);
	db_bind_int(st, 2, DASHBOARD_ACTIONS);
	while ((r = db_step(st, e)) == DB_ROW) {
		struct corrective_action a = {0};
		a.action_no = col_dup(st, 0);
		a.problem = col_dup(st, 1);
		a.due_on = col_dup(st, 2);
		a.state = col_dup(st, 3);
		action_item(items, &a, today);
		corrective_action_free(&a);
		++*n;
	}
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

static void actions_card(struct web_req *rq, struct buf *b)
{
	struct buf items = BUF_INIT;
	struct err e = {0};
	size_t n = 0;
	long long total = 0;
	card_begin(b, "ar-actions", "是正措置");
	int failed = open_actions(rq, &items, &n, &total, &e) != 0;
	card_list(b, &items, n, failed, &e, "あなたが担当する未完了の是正措置はありません。");
	if (!failed && total > (long long)n)
		html_printf(b, "<p>ほかに %lld 件あります（期限の近い順に %zu 件を表示）。</p>\n", total - (long long)n, n);
	buf_puts(b, "</section>\n");
}

/* ---- 研修 ---- */

/* Whether the course is meant for this person: everyone, or a role they
 * hold.  Courses for new hires are left to the 研修 pages, which know
 * who was hired when. */
static int course_is_for(const struct training_course *c, const struct web_user *u)
{
	cJSON *j = cJSON_Parse(c->audience ? c->audience : "");
	const cJSON *who = cJSON_GetObjectItemCaseSensitive(j, "who");
	const cJSON *roles = cJSON_GetObjectItemCaseSensitive(j, "roles");
	int yes = 0;
	if (cJSON_IsString(who) && strcmp(who->valuestring, "all") == 0)
		yes = 1;
	else if (cJSON_IsArray(roles))
		for (int i = 0; i < cJSON_GetArraySize(roles) && !yes; i++) {
			const cJSON *r = cJSON_GetArrayItem(roles, i);
			yes = cJSON_IsString(r) && web_user_has_role(u, r->valuestring);
		}
	cJSON_Delete(j);
	return yes;
}

static int attended_course(const struct training_attendances *mine, const struct training_sessions *ss,
			   long long course_id)
{
	for (size_t i = 0; i < mine->n; i++) {
		const struct training_session *s = training_session_by_id(ss, mine->v[i].session_id);
		if (s && s->course_id == course_id)
			return 1;
	}
	return 0;
}

/* The first session of the course in the 年度 on or after today, or NULL. */
static const struct training_session *next_session(const struct training_sessions *ss, long long course_id,
						   const char *today)
{
	const struct training_session *best = NULL;
	for (size_t i = 0; i < ss->n; i++) {
		const struct training_session *s = &ss->v[i];
		if (s->course_id == course_id && s->held_on && strcmp(s->held_on, today) >= 0 &&
		    (!best || strcmp(s->held_on, best->held_on) < 0))
			best = s;
	}
	return best;
}

/* The latest approved version of fy's plan, or NULL. */
static const struct training_plan *approved_plan(const struct training_plans *l, int fy)
{
	const struct training_plan *best = NULL;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].fiscal_year == fy && l->v[i].approved_at && (!best || l->v[i].version > best->version))
			best = &l->v[i];
	return best;
}

/* The month the plan gives the course (1–12), or 0 when it is not in the plan. */
static int planned_month(const cJSON *items, const char *code)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, items)
	{
		const cJSON *course = cJSON_GetObjectItemCaseSensitive(it, "course");
		const cJSON *month = cJSON_GetObjectItemCaseSensitive(it, "month");
		if (cJSON_IsString(course) && strcmp(course->valuestring, code) == 0 && cJSON_IsNumber(month))
			return month->valueint;
	}
	return 0;
}

static void course_item(struct buf *b, const struct training_course *c, const struct training_session *next,
			int month)
{
	html_printf(b, "<li><a href=\"/training\">%s</a>（%s", c->title,
		    strcmp(c->kind, "drill") == 0 ? "緊急時対応訓練" : "研修");
	if (next) {
		buf_puts(b, "・次回 ");
		layout_date(b, next->held_on);
	} else if (month) {
		buf_printf(b, "・%d月予定", month);
	}
	buf_puts(b, "）</li>\n");
}

/* A course of the 年度: in its approved plan or with a session in it. */
struct year_courses {
	struct training_sessions sessions;
	struct training_courses courses;
	struct training_plans plans;
	struct training_attendances mine;
	cJSON *plan;            /* the approved plan's body, or NULL */
	const cJSON *items;
};

static void year_courses_free(struct year_courses *y)
{
	cJSON_Delete(y->plan);
	training_attendances_free(&y->mine);
	training_plans_free(&y->plans);
	training_courses_free(&y->courses);
	training_sessions_free(&y->sessions);
}

static int year_courses_load(struct web_req *rq, int fy, struct year_courses *y, struct err *e)
{
	memset(y, 0, sizeof *y);
	if (training_sessions_load(rq->db, fy, &y->sessions, e) || training_courses_load(rq->db, &y->courses, e) ||
	    training_plans_load(rq->db, &y->plans, e) ||
	    training_attendance_load(rq->db, 0, rq->user->staff.id, &y->mine, e))
		return e->code;
	const struct training_plan *p = approved_plan(&y->plans, fy);
	y->plan = p ? cJSON_Parse(p->body) : NULL;
	y->items = cJSON_GetObjectItemCaseSensitive(y->plan, "items");
	return 0;
}

static int courses_to_attend(struct web_req *rq, struct buf *items, size_t *n, struct err *e)
{
	struct year_courses y;
	char today[11];
	time_today(today);
	int rc = year_courses_load(rq, fiscal_year(today), &y, e);
	for (size_t i = 0; !rc && i < y.courses.n; i++) {
		const struct training_course *c = &y.courses.v[i];
		int held = 0, month = planned_month(y.items, c->code);
		for (size_t k = 0; k < y.sessions.n && !held; k++)
			held = y.sessions.v[k].course_id == c->id;
		if ((!held && !month) || c->retired_on || !course_is_for(c, rq->user) ||
		    attended_course(&y.mine, &y.sessions, c->id))
			continue;
		course_item(items, c, next_session(&y.sessions, c->id, today), month);
		++*n;
	}
	year_courses_free(&y);
	return rc;
}

static void training_card(struct web_req *rq, struct buf *b)
{
	struct buf items = BUF_INIT;
	struct err e = {0};
	size_t n = 0;
	card_begin(b, "ar-training", "研修");
	int failed = courses_to_attend(rq, &items, &n, &e) != 0;
	card_list(b, &items, n, failed, &e, "今年度、まだ受けていない研修はありません。");
	buf_puts(b, "</section>\n");
}

void dashboard_cycle(struct web_req *rq, struct buf *b)
{
	checklists_card(rq, b);
	actions_card(rq, b);
	training_card(rq, b);
}
