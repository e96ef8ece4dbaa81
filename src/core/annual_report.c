/*
 * annual_report.c — gathering the annual report (annual_report.h): the
 * sections in the report's order, the summary placed before them, the
 * helpers the section files share, and the record of what was reported.
 */
#include "core/annual_report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/annual_report_internal.h"
#include "core/case_util.h"
#include "core/org.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "store/tx.h"
#include "util/timeutil.h"

/* ---- building tables ---- */

struct ar_table *ar_section(struct annual_report *r, const char *id, const char *title, const char *sheet,
			    const char *empty, const char *const *cols, int ncols)
{
	r->v = xrealloc(r->v, (r->n + 1) * sizeof *r->v);
	struct ar_table *t = xcalloc(1, sizeof *t);
	r->v[r->n++] = t;
	t->id = xstrdup(id);
	t->title = xstrdup(title);
	t->sheet = xstrdup(sheet);
	t->empty = xstrdup(empty);
	t->ncols = ncols;
	t->cols = xcalloc((size_t)ncols, sizeof *t->cols);
	for (int i = 0; i < ncols; i++)
		t->cols[i] = xstrdup(cols[i]);
	return t;
}

void ar_row(struct ar_table *t, const char *const *cells)
{
	size_t k = t->nrows * (size_t)t->ncols;
	t->cells = xrealloc(t->cells, (k + (size_t)t->ncols) * sizeof *t->cells);
	for (int i = 0; i < t->ncols; i++)
		t->cells[k + (size_t)i] = xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

void ar_lead(struct ar_table *t, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(t->lead);
	t->lead = buf_take(&b);
}

struct chart *ar_chart(struct ar_table *t)
{
	return t->ncharts < AR_MAX_CHARTS ? &t->charts[t->ncharts++] : NULL;
}

static void table_free(struct ar_table *t)
{
	for (int i = 0; i < t->ncols; i++)
		free(t->cols[i]);
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	for (size_t i = 0; i < t->ncharts; i++)
		chart_free(&t->charts[i]);
	free(t->cols);
	free(t->cells);
	free(t->id);
	free(t->title);
	free(t->sheet);
	free(t->lead);
	free(t->empty);
}

void annual_report_free(struct annual_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		table_free(r->v[i]);
		free(r->v[i]);
	}
	free(r->v);
	free(r->municipality);
	free(r->title);
	memset(r, 0, sizeof *r);
}

const struct ar_table *annual_report_section(const struct annual_report *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i]->id, id) == 0)
			return r->v[i];
	return NULL;
}

/* ---- figures ---- */

void ar_jst_date(const char *rfc3339, char out[11])
{
	char jst[17];
	out[0] = 0;
	if (rfc3339 && time_jst_text(rfc3339, jst) == 0) {
		memcpy(out, jst, 10);
		out[10] = 0;
	}
}

int ar_instant_in_year(const char *rfc3339, int fy)
{
	char d[11];
	ar_jst_date(rfc3339, d);
	return d[0] && fiscal_year(d) == fy;
}

const char *ar_int(long long v, char out[24])
{
	fmt_int(v, out);
	return out;
}

const char *ar_pct(double num, double den, char out[24])
{
	if (den <= 0)
		snprintf(out, 24, "—");
	else
		snprintf(out, 24, "%.1f%%", 100.0 * num / den);
	return out;
}

int ar_answer_index(const char *answer)
{
	static const char *const ids[] = {"done", "partial", "not_done", "na"};
	for (int i = 0; answer && i < AR_NANSWERS; i++)
		if (strcmp(ids[i], answer) == 0)
			return i;
	return -1;
}

double ar_answer_rate(const long long n[AR_NANSWERS])
{
	double den = (double)(n[AR_DONE] + n[AR_PARTIAL] + n[AR_NOT_DONE]);
	return den > 0 ? 100.0 * ((double)n[AR_DONE] + (double)n[AR_PARTIAL] / 2.0) / den : -1;
}

/* ---- the summary ---- */

static void summary_row(struct ar_table *t, const char *what, const char *value)
{
	const char *cells[] = {what, value};
	ar_row(t, cells);
}

static void summary_count(struct ar_table *t, const char *what, long long v, const char *unit)
{
	char n[24], text[48];
	snprintf(text, sizeof text, "%s%s", ar_int(v, n), unit);
	summary_row(t, what, text);
}

/* The summary goes first: it is built last (from the others' figures) and
 * moved to the front. */
static void summary(struct annual_report *r)
{
	static const char *const cols[] = {"項目", "値"};
	const struct annual_summary *s = &r->sum;
	char pct[24];
	struct ar_table *t = ar_section(r, "summary", "概要", "概要", "", cols, 2);
	ar_lead(t, "%s から %s までの状況です（作成日 %s）。", r->from, r->to, r->today);
	summary_count(t, "点検（check）の指摘：エラー", s->check_errors, "件");
	summary_count(t, "点検（check）の指摘：警告", s->check_warnings, "件");
	long long ans[AR_NANSWERS] = {s->answers_done, s->answers_partial, s->answers_not_done, s->answers_na};
	double rate = ar_answer_rate(ans);
	if (rate < 0)
		snprintf(pct, sizeof pct, "—");
	else
		snprintf(pct, sizeof pct, "%.1f%%", rate);
	summary_row(t, "自己点検の実施率", pct);
	summary_row(t, "研修の受講率", ar_pct((double)s->trained, (double)s->staff, pct));
	summary_count(t, "研修の開催", s->sessions, "回");
	summary_count(t, "緊急時対応訓練の実施", s->drills, "回");
	summary_count(t, "インシデント", s->incidents, "件");
	summary_count(t, "インシデント（重大度 高）", s->incidents_high, "件");
	summary_count(t, "例外措置の申請", s->exc_requested, "件");
	summary_count(t, "例外措置の許可", s->exc_permitted, "件");
	summary_count(t, "例外措置（年度末に有効）", s->exc_in_force, "件");
	summary_count(t, "例外措置（期限切れ）", s->exc_expired, "件");
	summary_count(t, "自己点検の実施", s->campaigns, "回");
	summary_count(t, "監査の実施", s->audits, "件");
	summary_count(t, "監査の指摘", s->audit_findings, "件");
	summary_count(t, "未完了の改善措置", s->corrective_open, "件");
	summary_count(t, "期限を過ぎた改善措置", s->corrective_overdue, "件");
	summary_count(t, "ポリシー改定の提案", s->proposals, "件");
	summary_count(t, "ポリシー改定の提案（採用）", s->proposals_adopted, "件");
	struct ar_table *last = r->v[r->n - 1];
	memmove(&r->v[1], &r->v[0], (r->n - 1) * sizeof *r->v);
	r->v[0] = last;
}

int annual_report_gather(struct db *db, int fy, struct annual_report *r, struct err *e)
{
	static int (*const sections[])(struct db *, struct annual_report *, struct err *) = {
		ar_compliance, ar_training, ar_incidents, ar_exceptions,
		ar_inspections, ar_audits, ar_corrective, ar_proposals,
	};
	struct municipality m;
	int found;
	char wareki[32];
	memset(r, 0, sizeof *r);
	if (fy < 2000 || fy > 2200)
		return err_set(e, ERR_INPUT, "年度 %d は扱えません（--year 2026 のように西暦で指定します）", fy);
	r->fiscal_year = fy;
	time_today(r->today);
	snprintf(r->from, sizeof r->from, "%04d-04-01", fy);
	snprintf(r->to, sizeof r->to, "%04d-03-31", fy + 1);
	if (municipality_get(db, &m, &found, e))
		return e->code;
	r->municipality = xstrdup(found && m.name ? m.name : "");
	if (found)
		municipality_free(&m);
	wareki_fiscal_year(fy, wareki, sizeof wareki);
	r->title = xasprintf("%s 情報セキュリティ対策の実施状況報告", wareki);
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
		if (sections[i](db, r, e)) {
			annual_report_free(r);
			return e->code;
		}
	}
	summary(r);
	return 0;
}

/* ---- who, and the record ---- */

int annual_report_may(const struct role_assignments *roles, long long staff_id)
{
	static const char *const who[] = {"ciso", "deputy_ciso", "chief_officer"};
	for (size_t i = 0; i < sizeof who / sizeof who[0]; i++)
		if (case_role_held(roles, staff_id, who[i], 0, 0))
			return 1;
	return 0;
}

int annual_report_record(struct tx *tx, int fy, const char *actor_no, const char *reported_on,
			 const char *content_hash, const char *note, long long *id, struct err *e)
{
	struct staff who;
	struct role_assignments roles;
	char day[11];
	if (fy < 2000 || fy > 2200)
		return err_set(e, ERR_INPUT, "年度 %d は扱えません", fy);
	if (reported_on && *reported_on) {
		if (date_parse(reported_on, day, e))
			return err_prefix(e, "報告日（--reported-on）");
	} else {
		time_today(day);
	}
	if (staff_current(tx->db, actor_no, "報告者", "--as", &who, e))
		return e->code;
	if (role_load(tx->db, 1, &roles, e)) {
		staff_free(&who);
		return e->code;
	}
	int ok = annual_report_may(&roles, who.id);
	role_assignments_free(&roles);
	int rc = 0;
	if (!ok)
		rc = err_set(e, ERR_INPUT,
			     "%s（%s）は委員会への年次報告を記録できません（CISO、副CISO、統括情報セキュリティ責任者が報告します）",
			     who.name, who.staff_no);
	long long rid = 0;
	if (!rc)
		rc = tx_next_id(tx, "committee_report", &rid, e);
	if (!rc) {
		struct row row;
		row_init(&row, "committee_report");
		row_int(&row, "id", rid);
		row_int(&row, "fiscal_year", fy);
		row_text(&row, "kind", "annual");
		row_text(&row, "reported_on", day);
		row_id_ref(&row, "reported_by", who.id);
		row_text(&row, "content_hash", content_hash);
		row_text(&row, "note", note);
		row_text(&row, "created_at", tx->at);
		rc = tx_put_row(tx, "committee_report.add", &row, 1, e);
	}
	if (!rc && id)
		*id = rid;
	staff_free(&who);
	return rc;
}

static void read_report(struct db_stmt *st, void *elem)
{
	struct committee_report *c = elem;
	c->id = db_column_int(st, 0);
	c->fiscal_year = (int)db_column_int(st, 1);
	c->kind = col_dup(st, 2);
	c->reported_on = col_dup(st, 3);
	c->reported_by = col_id(st, 4);
	c->content_hash = col_dup(st, 5);
	c->note = col_dup(st, 6);
	c->created_at = col_dup(st, 7);
}

int committee_reports_load(struct db *db, int fy, const char *kind, struct committee_reports *out, struct err *e)
{
	struct committee_reports all;
	memset(out, 0, sizeof *out);
	if (rows_load(db,
		      "SELECT id, fiscal_year, kind, reported_on, reported_by, content_hash, note, created_at"
		      " FROM committee_report ORDER BY id",
		      sizeof *all.v, read_report, (void **)&all.v, &all.n, e)) {
		out->v = all.v;
		out->n = all.n;
		committee_reports_free(out);
		return e->code;
	}
	/* keep the wanted rows in place, free the others */
	for (size_t i = 0; i < all.n; i++) {
		struct committee_report *c = &all.v[i];
		if ((fy && c->fiscal_year != fy) || (kind && strcmp(c->kind, kind) != 0)) {
			free(c->kind);
			free(c->reported_on);
			free(c->content_hash);
			free(c->note);
			free(c->created_at);
			continue;
		}
		all.v[out->n++] = *c;
	}
	out->v = all.v;
	return 0;
}

void committee_reports_free(struct committee_reports *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].kind);
		free(l->v[i].reported_on);
		free(l->v[i].content_hash);
		free(l->v[i].note);
		free(l->v[i].created_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
