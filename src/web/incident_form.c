/*
 * incident_form.c — the 第一報 form (incident_form.h).
 */
#include "web/incident_form.h"

#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "util/timeutil.h"
#include "web/incident_list.h"
#include "web/layout.h"
#include "web/write.h"

static const char *posted(const struct form *body, const char *name)
{
	return body ? form_get(body, name) : NULL;
}

static int blank(const char *s)
{
	return !s || !*s;
}

/* Length of the separator at p (ASCII space, tab, CR, LF, comma, 、 or the
 * full-width space), or 0: people paste lists from spreadsheets and mail. */
static size_t separator_at(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == ',')
		return 1;
	if (strncmp(p, "\xE3\x80\x81", 3) == 0 || strncmp(p, "\xE3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Adds each number of text to v (at most cap; *over counts the rest). */
static void split_into(const char *text, char **v, int *n, int cap, int *over)
{
	const char *p = text;
	while (p && *p) {
		size_t sep = separator_at(p);
		if (sep) {
			p += sep;
			continue;
		}
		const char *start = p;
		while (*p && !separator_at(p))
			p++;
		if (*n < cap)
			v[(*n)++] = xstrndup(start, (size_t)(p - start));
		else
			(*over)++;
	}
}

/* The text fields and any repeated single fields ("asset=…&asset=…"). */
static void targets_from(struct incident_form *f, const struct form *body, int *over)
{
	split_into(f->assets_text, f->assets, &f->nassets, INCIDENT_FORM_TARGETS, over);
	split_into(f->systems_text, f->systems, &f->nsystems, INCIDENT_FORM_TARGETS, over);
	for (size_t i = 0; body && i < body->n; i++) {
		if (strcmp(body->v[i].name, "asset") == 0)
			split_into(body->v[i].value, f->assets, &f->nassets, INCIDENT_FORM_TARGETS, over);
		else if (strcmp(body->v[i].name, "system") == 0)
			split_into(body->v[i].value, f->systems, &f->nsystems, INCIDENT_FORM_TARGETS, over);
	}
}

/* A datetime-local value ("2026-06-01T09:30") is JST: the engine reads
 * "2026-06-01 09:30" as JST and RFC 3339 with Z or an offset as is. */
static void detected_input(struct incident_form *f)
{
	const char *d = f->detected;
	f->detected_in[0] = '\0';
	if (blank(d) || strlen(d) >= sizeof f->detected_in)
		return;
	strcpy(f->detected_in, d);
	size_t n = strlen(d);
	int zoned = strchr(d, 'Z') || strchr(d, 'z') || (n > 19 && strpbrk(d + 19, "+-"));
	if (!zoned && n >= 16 && d[10] == 'T') {
		f->detected_in[10] = ' ';
		f->detected_in[16] = '\0'; /* seconds, if the browser sent them, do not matter */
	}
}

void incident_form_init(struct incident_form *f, const struct form *body)
{
	int over = 0;
	memset(f, 0, sizeof *f);
	f->title = posted(body, "title");
	f->category = posted(body, "category");
	f->detected = posted(body, "detected");
	if (blank(f->detected))
		f->detected = posted(body, "detected_at");
	f->situation = posted(body, "situation");
	f->cause = posted(body, "cause");
	f->damage = posted(body, "damage");
	f->record = posted(body, "record");
	f->severity = posted(body, "severity");
	f->unit = posted(body, "unit");
	f->assets_text = posted(body, "assets");
	f->systems_text = posted(body, "systems");
	f->origin = posted(body, "origin");
	targets_from(f, body, &over);
	detected_input(f);
	if (over) {
		char *msg = xasprintf("対象の資産・システムは%d件までです", INCIDENT_FORM_TARGETS);
		incident_form_problem(f, "assets", msg);
		free(msg);
	}
	if (!blank(f->detected) && !f->detected_in[0])
		incident_form_problem(f, "detected", "検知日時を読めません（例: 2026-06-01T09:30）");
}

void incident_form_free(struct incident_form *f)
{
	for (int i = 0; i < f->nassets; i++)
		free(f->assets[i]);
	for (int i = 0; i < f->nsystems; i++)
		free(f->systems[i]);
	for (size_t i = 0; i < f->nproblems; i++)
		free(f->problems[i].msg);
	memset(f, 0, sizeof *f);
}

void incident_form_problem(struct incident_form *f, const char *field, const char *msg)
{
	if (f->nproblems == INCIDENT_FORM_PROBLEMS)
		return;
	f->problems[f->nproblems].field = field;
	f->problems[f->nproblems].msg = xstrdup(msg);
	f->nproblems++;
}

void incident_form_check(struct incident_form *f)
{
	if (blank(f->title))
		incident_form_problem(f, "title", "件名を入力してください");
	if (blank(f->situation))
		incident_form_problem(f, "situation", "状況を入力してください（何が起きたか、いつ気づいたか）");
	if (!blank(f->category) && !incident_category_find(f->category))
		incident_form_problem(f, "category", "区分を一覧から選んでください");
}

/* ---- filing ---- */

struct file_args {
	struct incident_new in;
	char *incident_no;
};

static int do_file(struct tx *tx, void *arg, struct err *e)
{
	struct file_args *a = arg;
	return incident_file(tx, &a->in, &a->incident_no, e);
}

static const char *or_null(const char *s)
{
	return blank(s) ? NULL : s;
}

int incident_form_file(struct web_req *rq, struct incident_form *f, char **incident_no,
		       struct err *e)
{
	struct file_args a;
	memset(&a, 0, sizeof a);
	a.in.actor_no = rq->user->staff.staff_no; /* never from the form */
	a.in.source = "staff";
	a.in.title = f->title;
	a.in.category = or_null(f->category);
	a.in.severity = or_null(f->severity);
	a.in.situation = f->situation;
	a.in.cause = or_null(f->cause);
	a.in.damage = or_null(f->damage);
	a.in.record = or_null(f->record);
	a.in.detected_at = f->detected_in[0] ? f->detected_in : NULL;
	a.in.unit = or_null(f->unit);
	a.in.assets = (const char **)f->assets;
	a.in.nassets = f->nassets;
	a.in.systems = (const char **)f->systems;
	a.in.nsystems = f->nsystems;
	a.in.origin = or_null(f->origin);
	int rc = web_write(rq, do_file, &a, e);
	if (rc) {
		free(a.incident_no);
		a.incident_no = NULL;
	}
	*incident_no = a.incident_no;
	return rc;
}

/* ---- drawing ---- */

static void problems_for(struct buf *b, const struct incident_form *f, const char *field)
{
	for (size_t i = 0; i < f->nproblems; i++) {
		const char *p = f->problems[i].field;
		if ((!field && !p) || (field && p && strcmp(field, p) == 0))
			html_printf(b, "<p class=\"error\" role=\"alert\">%s</p>", f->problems[i].msg);
	}
}

static void option(struct buf *b, const char *value, const char *label, const char *current)
{
	int sel = current ? strcmp(current, value) == 0 : !*value;
	html_printf(b, sel ? "<option value=\"%s\" selected>%s</option>" : "<option value=\"%s\">%s</option>",
		    value, label);
}

static void text_input(struct buf *b, const struct incident_form *f, const char *name,
		       const char *label, const char *value, int required)
{
	html_printf(b, "<label for=\"i-%s\">%s", name, label);
	buf_puts(b, required ? "<span class=\"req\">必須</span></label>" : "</label>");
	html_printf(b, "<input id=\"i-%s\" name=\"%s\" type=\"text\"%s value=\"%s\">", name, name,
		    required ? " required" : "", value ? value : "");
	problems_for(b, f, name);
}

/* label is trusted markup (it may carry the 必須 mark). */
static void text_area(struct buf *b, const struct incident_form *f, const char *name,
		      const char *label, const char *hint, const char *value, int required)
{
	buf_printf(b, "<label for=\"i-%s\">%s%s</label>", name, label,
		   required ? "<span class=\"req\">必須</span>" : "");
	if (hint)
		html_printf(b, "<span class=\"note\" id=\"i-%s-hint\">%s</span>", name, hint);
	html_printf(b, "<textarea id=\"i-%s\" name=\"%s\" rows=\"%d\"%s", name, name, required ? 5 : 3,
		    required ? " required" : "");
	if (hint)
		html_printf(b, " aria-describedby=\"i-%s-hint\"", name);
	html_printf(b, ">%s</textarea>", value ? value : "");
	problems_for(b, f, name);
}

static void category_field(struct buf *b, const struct incident_form *f)
{
	size_t n;
	const struct incident_category *c = incident_categories(&n);
	const struct incident_category *cur = f->category ? incident_category_find(f->category) : NULL;
	buf_puts(b, "<label for=\"i-category\">区分</label><select id=\"i-category\" name=\"category\">");
	for (size_t i = 0; i < n; i++)
		option(b, c[i].id, c[i].label, cur ? cur->id : "other");
	buf_puts(b, "</select>");
	problems_for(b, f, "category");
}

static void detected_field(struct buf *b, const struct incident_form *f)
{
	char now[32], jst[17];
	const char *value = f->detected;
	if (!value) {
		/* a fresh form: now, as the browser's datetime-local expects it */
		time_now_rfc3339(now);
		incident_jst(now, jst);
		if (strlen(jst) == 16)
			jst[10] = 'T';
		value = jst;
	}
	html_printf(b, "<label for=\"i-detected\">検知日時（日本時間）</label>"
		       "<input id=\"i-detected\" name=\"detected\" type=\"datetime-local\" value=\"%s\">",
		    value);
	problems_for(b, f, "detected");
}

static void severity_field(struct buf *b, const struct incident_form *f)
{
	static const char *const ids[] = {"", "high", "medium", "low"};
	static const char *const labels[] = {"自動（対象の機密性・個人情報から判定）", "高", "中", "低"};
	buf_puts(b, "<label for=\"i-severity\">重大度</label><select id=\"i-severity\" name=\"severity\">");
	for (int i = 0; i < 4; i++)
		option(b, ids[i], labels[i], f->severity ? f->severity : "");
	buf_puts(b, "</select>");
	problems_for(b, f, "severity");
}

static void unit_field(struct buf *b, const struct web_user *u, const struct incident_form *f)
{
	const struct org_unit *own = org_unit_up_to_tier(&u->units, u->staff.unit_id, TIER_SECTION);
	char *deflabel = xasprintf("自分の課（%s）", own ? own->name : "所属");
	buf_puts(b, "<label for=\"i-unit\">課</label><select id=\"i-unit\" name=\"unit\">");
	option(b, "", deflabel, f->unit ? f->unit : "");
	for (size_t i = 0; i < u->units.n; i++) {
		const struct org_unit *x = &u->units.v[i];
		if (org_unit_is_open(x) && org_unit_tier(x) == TIER_SECTION)
			option(b, x->code, x->name, f->unit ? f->unit : "");
	}
	buf_puts(b, "</select>");
	problems_for(b, f, "unit");
	free(deflabel);
}

int incident_form_show(struct web_req *rq, struct web_resp *rs, const struct incident_form *f,
		       int status, struct err *e)
{
	(void)e;
	page_begin(rq, rs, "インシデントを報告");
	rs->status = status;
	struct buf *b = &rs->body;
	buf_puts(b, "<p class=\"crumbs\"><a href=\"/incidents\">インシデント</a></p>\n<h1>インシデントを報告</h1>\n"
		    "<p class=\"note\">情報資産への侵害や、そのおそれに気づいたら、分かっていることだけで構いませんので"
		    "すぐに報告してください（第一報、5.3.1）。報告は CSIRT・情報セキュリティ管理者に届き、"
		    "通知の期限が計算されます。</p>\n");
	if (f->nproblems)
		buf_puts(b, "<p class=\"error\" role=\"alert\">入力に誤りがあります。各項目の説明を確かめてください。</p>\n");
	problems_for(b, f, NULL);
	buf_puts(b, "<form class=\"stack\" method=\"post\" action=\"/incidents/new\">");
	layout_csrf_field(b, rq);
	if (!blank(f->origin))
		html_printf(b, "<input type=\"hidden\" name=\"origin\" value=\"%s\">"
			       "<p class=\"note\">発端の記録: %s</p>", f->origin, f->origin);
	text_input(b, f, "title", "件名", f->title, 1);
	category_field(b, f);
	detected_field(b, f);
	text_area(b, f, "situation", "状況", "何が起きたか、いつ・どのように気づいたか", f->situation, 1);
	text_area(b, f, "cause", "推定原因", NULL, f->cause, 0);
	text_area(b, f, "damage", "被害範囲", NULL, f->damage, 0);
	text_area(b, f, "record", "記録", "取った措置、連絡した相手など", f->record, 0);
	severity_field(b, f);
	unit_field(b, rq->user, f);
	text_area(b, f, "assets", "関係する資産（資産番号）", "1行に1件（カンマ区切りも可）", f->assets_text, 0);
	text_area(b, f, "systems", "関係する情報システム（システムコード）", "1行に1件", f->systems_text, 0);
	buf_puts(b, "<button type=\"submit\">報告する</button></form>\n");
	layout_end(b);
	return 0;
}
