/*
 * inspect_report.c — the summary of a campaign for the 情報セキュリティ委員会
 * (9.2.2): overview, overall and per-chapter and per-課 rates beside the
 * previous 年度, the clauses done least, and the improvement measures filed
 * (9.2.3).  Laid out as a policy document (policy_doc.h), so the policy's
 * Markdown, HTML and PDF writers are reused unchanged, as the incident
 * reports do.  inspect_report_record is the only write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/corrective.h"
#include "core/inspect_internal.h"
#include "core/org.h"
#include "core/pdoc_format.h"
#include "core/policy_doc.h"
#include "util/buf.h"
#include "util/timeutil.h"

#define LOWEST 10 /* clauses listed as done least */

static void percent(double rate, char out[16])
{
	if (rate < 0)
		snprintf(out, 16, "—");
	else
		snprintf(out, 16, "%.1f%%", rate * 100);
}

/* "実施率 87.5%（前年度 80.0%）　実施 10・一部実施 2・未実施 1・該当なし 0・未回答 3" */
static char *count_text(const struct inspect_count *c, int with_prev)
{
	char now[16], prev[16];
	percent(c->rate, now);
	percent(c->prev_rate, prev);
	return xasprintf("実施率 %s%s%s%s　実施 %lld・一部実施 %lld・未実施 %lld・該当なし %lld・未回答 %lld", now,
			 with_prev ? "（前年度 " : "", with_prev ? prev : "", with_prev ? "）" : "", c->n[ANS_DONE],
			 c->n[ANS_PARTIAL], c->n[ANS_NOT_DONE], c->n[ANS_NA], c->n[ANS_NONE]);
}

static void item(struct pdoc *d, const char *label, const char *text)
{
	char *l = xasprintf("【%s】", label);
	pdoc_add(d, PD_ITEM, 1, l, text, NULL);
	free(l);
}

static void overview(const struct inspect_results *r, struct pdoc *d)
{
	char fy[32], *t;
	wareki_fiscal_year(r->campaign.fiscal_year, fy, sizeof fy);
	pdoc_add(d, PD_CHAPTER, 0, NULL, "1　実施の概要", NULL);
	t = xasprintf("%s %s（%s）", r->campaign.campaign_no, r->campaign.title, fy);
	item(d, "点検", t);
	free(t);
	t = xasprintf("%s から %s まで（%s）", r->campaign.opens_on, r->campaign.due_on,
		      inspect_state_label(r->campaign.state));
	item(d, "期間", t);
	free(t);
	t = xasprintf("%lld 人中 %lld 人が提出（提出率 %.1f%%）", r->respondents, r->submitted,
		      r->respondents ? 100.0 * (double)r->submitted / (double)r->respondents : 0.0);
	item(d, "回答", t);
	free(t);
	item(d, "比較", r->prev_no ? r->prev_no : "前年度の自己点検はありません");
	pdoc_add(d, PD_NOTE, 0, NULL,
		 "実施率は（実施 ＋ 一部実施 × 0.5）÷（実施 ＋ 一部実施 ＋ 未実施）です。該当なしと未回答は含めません。", NULL);
}

static void counts_section(struct pdoc *d, const char *heading, const struct inspect_counts *c, int with_prev,
			   const char *key_prefix)
{
	pdoc_add(d, PD_CHAPTER, 0, NULL, heading, NULL);
	for (size_t i = 0; i < c->n; i++) {
		char *label = xasprintf("%s%s %s", key_prefix, c->v[i].key, c->v[i].label);
		char *t = count_text(&c->v[i], with_prev);
		pdoc_add(d, PD_ITEM, 1, label, t, NULL);
		free(label);
		free(t);
	}
	if (c->n == 0)
		pdoc_add(d, PD_PARA, 0, NULL, "回答はまだありません。", NULL);
}

static int by_rate(const void *a, const void *b)
{
	const struct inspect_count *x = *(const struct inspect_count *const *)a;
	const struct inspect_count *y = *(const struct inspect_count *const *)b;
	return (x->rate > y->rate) - (x->rate < y->rate);
}

static void lowest(const struct inspect_results *r, struct pdoc *d)
{
	const struct inspect_count **v = xcalloc(r->by_clause.n + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < r->by_clause.n; i++)
		if (r->by_clause.v[i].rate >= 0 && r->by_clause.v[i].rate < 1)
			v[n++] = &r->by_clause.v[i];
	qsort(v, n, sizeof *v, by_rate);
	pdoc_add(d, PD_CHAPTER, 0, NULL, "5　実施率の低い条項", NULL);
	for (size_t i = 0; i < n && i < LOWEST; i++) {
		char *t = count_text(v[i], 1);
		char *label = xasprintf("%s %s", v[i]->key, v[i]->label);
		pdoc_add(d, PD_ITEM, 1, label, t, v[i]->key);
		free(t);
		free(label);
	}
	if (n == 0)
		pdoc_add(d, PD_PARA, 0, NULL, "すべての条項が実施されています。", NULL);
	free(v);
}

static int measures(struct db *db, const struct inspect_results *r, struct pdoc *d, struct err *e)
{
	struct corrective_filter f = {.source = "inspect"};
	struct corrective_list l;
	struct org_units units;
	if (corrective_list(db, &f, &l, e))
		return e->code;
	if (org_units_load(db, &units, e)) {
		corrective_list_free(&l);
		return e->code;
	}
	pdoc_add(d, PD_CHAPTER, 0, NULL, "6　改善措置（9.2.3）", NULL);
	size_t shown = 0;
	for (size_t i = 0; i < l.n; i++) {
		const struct corrective_action *a = &l.v[i];
		if (a->campaign_id != r->campaign.id)
			continue;
		const struct org_unit *u = org_unit_by_id(&units, a->unit_id);
		char *t = xasprintf("%s（%s、条項 %s）問題: %s　措置: %s　期限: %s　状態: %s", a->action_no,
				    u ? u->name : "—", a->clause ? a->clause : "—", a->problem, a->measure,
				    a->due_on ? a->due_on : "—", a->state);
		pdoc_add(d, PD_ITEM, 1, NULL, t, a->clause);
		free(t);
		shown++;
	}
	if (shown == 0)
		pdoc_add(d, PD_PARA, 0, NULL, "登録された改善措置はありません。", NULL);
	org_units_free(&units);
	corrective_list_free(&l);
	return 0;
}

static int document(struct db *db, const struct inspect_results *r, const char *today, struct pdoc *d,
		    struct err *e)
{
	struct municipality m;
	int found = 0;
	char fy[32], date[64];
	memset(d, 0, sizeof *d);
	if (municipality_get(db, &m, &found, e))
		return e->code;
	wareki_fiscal_year(r->campaign.fiscal_year, fy, sizeof fy);
	wareki_date(today, date, sizeof date);
	d->title = xasprintf("%s 自己点検結果報告", fy);
	d->subtitle = xasprintf("%s　%s　%s 作成", found ? m.name : "", r->campaign.campaign_no, date);
	d->confidential = 1;
	if (found)
		municipality_free(&m);
	overview(r, d);
	pdoc_add(d, PD_CHAPTER, 0, NULL, "2　全体の結果", NULL);
	char *t = count_text(&r->total, 1);
	pdoc_add(d, PD_PARA, 0, NULL, t, NULL);
	free(t);
	counts_section(d, "3　章別の結果", &r->by_chapter, 1, "第");
	counts_section(d, "4　課別の結果", &r->by_unit, 1, "");
	lowest(r, d);
	if (measures(db, r, d, e)) {
		pdoc_free(d);
		return e->code;
	}
	return 0;
}

int inspect_report_bytes(struct db *db, const struct inspect_results *r, const char *format, const char *today,
			 struct buf *out, struct err *e)
{
	struct pdoc d;
	if (document(db, r, today, &d, e))
		return e->code;
	int rc = pdoc_write_format(&d, format, out, e);
	pdoc_free(&d);
	return rc;
}

int inspect_report_record(struct tx *tx, const struct inspect_results *r, const char *actor_no,
			  const char *reported_on, const char *content_hash, struct err *e)
{
	long long who;
	char day[11];
	if (inspect_check_manager(tx->db, actor_no, &who, e))
		return e->code;
	if (reported_on && *reported_on) {
		if (date_parse(reported_on, day, e))
			return err_prefix(e, "報告日");
	} else {
		time_today(day);
	}
	long long id;
	if (tx_next_id(tx, "committee_report", &id, e))
		return e->code;
	char *note = xasprintf("自己点検 %s %s の結果", r->campaign.campaign_no, r->campaign.title);
	struct row row;
	row_init(&row, "committee_report");
	row_int(&row, "id", id);
	row_int(&row, "fiscal_year", r->campaign.fiscal_year);
	row_text(&row, "kind", "inspect");
	row_text(&row, "reported_on", day);
	row_id_ref(&row, "reported_by", who);
	row_text(&row, "content_hash", content_hash);
	row_text(&row, "note", note);
	row_text(&row, "created_at", tx->at);
	int rc = tx_put_row(tx, "committee_report.add", &row, 1, e);
	free(note);
	return rc;
}
