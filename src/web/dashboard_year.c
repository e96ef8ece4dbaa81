/*
 * dashboard_year.c — the dashboard card 「今年度の年間の取り組み」
 * (dashboard_year.h).
 *
 * The check rules of training and audit stay silent until a municipality
 * starts recording them (docs/training.md, docs/audit.md), so a new
 * installation is not buried in findings for the years before it used
 * mamori.  This card is the other half of that choice: it shows the people
 * who run the yearly cycle which of its steps this 年度 has not yet seen,
 * whether or not anything has been recorded, each linked to the page where
 * the step is taken.  One query of counts on indexed columns.
 */
#include "web/dashboard_year.h"

#include "util/html.h"
#include "util/timeutil.h"
#include "web/annual_web.h"

/* One step of the year: its label, the guideline clause, where it is taken. */
struct year_step {
	const char *label;
	const char *clause;
	const char *href; /* completed with ?fy= */
};

static const struct year_step steps[] = {
	{"研修計画の承認", "5.2.2.1", "/training/plan"},
	{"緊急時対応訓練の実施", "5.2.3", "/training"},
	{"研修の実施状況の委員会報告", "5.2.2.7", "/training/report"},
	{"自己点検の実施", "9.2.1.2", "/inspect"},
	{"自己点検結果の委員会報告", "9.2.2", "/inspect"},
	{"監査実施計画の承認", "9.1.3.1", "/audits"},
	{"監査結果の委員会報告", "9.1.5", "/audits"},
	{"年次報告（委員会への報告）", "9.3", "/annual-report"},
};

#define NSTEPS (sizeof steps / sizeof steps[0])

/* Each count answers "has this step happened in the 年度?" (0 = not yet). */
static const char year_sql[] =
	"SELECT"
	" (SELECT COUNT(*) FROM training_plan WHERE fiscal_year = ? AND approved_at IS NOT NULL),"
	" (SELECT COUNT(*) FROM training_session s JOIN training_course c ON c.id = s.course_id"
	"   WHERE s.fiscal_year = ? AND c.kind = 'drill'),"
	" (SELECT COUNT(*) FROM committee_report WHERE fiscal_year = ? AND kind = 'training'),"
	" (SELECT COUNT(*) FROM inspect_campaign WHERE fiscal_year = ? AND state <> 'draft'),"
	" (SELECT COUNT(*) FROM committee_report WHERE fiscal_year = ? AND kind = 'inspect'),"
	" (SELECT COUNT(*) FROM audit_plan WHERE fiscal_year = ? AND approved_at IS NOT NULL),"
	" (SELECT COUNT(*) FROM committee_report WHERE fiscal_year = ? AND kind = 'audit'),"
	" (SELECT COUNT(*) FROM committee_report WHERE fiscal_year = ? AND kind = 'annual')";

static int year_counts(struct db *db, int fy, long long done[NSTEPS], struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, year_sql, &st, e))
		return e->code;
	for (int i = 1; i <= (int)NSTEPS; i++)
		db_bind_int(st, i, fy);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		for (size_t i = 0; i < NSTEPS; i++)
			done[i] = db_column_int(st, (int)i);
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

void dashboard_year(struct web_req *rq, struct buf *b)
{
	if (!web_user_has_any(rq->user, annual_web_roles_report))
		return;
	char today[11], label[32];
	time_today(today);
	int fy = fiscal_year(today);
	wareki_fiscal_year(fy, label, sizeof label);
	long long done[NSTEPS] = {0};
	struct err e = {0};
	html_printf(b, "<section class=\"card\" aria-labelledby=\"year\"><h2 id=\"year\">%s の年間の取り組み</h2>\n", label);
	if (year_counts(rq->db, fy, done, &e)) {
		html_printf(b, "<p class=\"error\">年間の取り組みを読み込めませんでした：%s</p></section>\n", e.msg);
		return;
	}
	size_t pending = 0;
	for (size_t i = 0; i < NSTEPS; i++)
		pending += !done[i];
	if (pending)
		html_printf(b, "<p>まだ記録のない手順が %zu 件あります。</p>\n", pending);
	else
		buf_puts(b, "<p>今年度の手順はすべて記録されています。</p>\n");
	buf_puts(b, "<ul class=\"year-steps\">\n");
	for (size_t i = 0; i < NSTEPS; i++)
		html_printf(b, "<li class=\"%s\"><a href=\"%s?fy=%d\">%s</a>（%s）<strong>%s</strong></li>\n",
			    done[i] ? "year-done" : "year-pending", steps[i].href, fy, steps[i].label,
			    steps[i].clause, done[i] ? "済" : "未");
	buf_puts(b, "</ul></section>\n");
}
