/*
 * training_report_out.c — the training report as .xlsx, and the record
 * that it went to the committee (training_report.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "core/staff.h"
#include "core/training.h"
#include "core/training_report.h"
#include "util/sha256.h"
#include "util/timeutil.h"
#include "util/xlsx_write.h"

static void num(char out[32], long v)
{
	snprintf(out, 32, "%ld", v);
}

static void pct(char out[32], long part, long whole)
{
	snprintf(out, 32, "%.1f", training_rate(part, whole));
}

static int summary_sheet(struct xlsx_out *x, const struct training_report *r, struct err *e)
{
	const struct training_year *y = &r->now;
	char label[32], a[32], b[32], c[32], d[32], f[32], g[32], h[32];
	wareki_fiscal_year(r->fiscal_year, label, sizeof label);
	num(a, y->staff);
	num(b, y->attended);
	pct(c, y->attended, y->staff);
	pct(d, r->prev.attended, r->prev.staff);
	num(f, y->new_hires);
	num(g, y->new_hires_overdue);
	num(h, y->drills);
	const char *rows[][2] = {{"年度", label},       {"集計日", y->as_of},   {"対象者数", a},
				 {"受講者数", b},       {"受講率（%）", c},    {"前年度の受講率（%）", d},
				 {"新規採用者数", f},   {"新規採用者の期限超過", g}, {"緊急時対応訓練の回数", h}};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		if (xlsx_out_row(x, rows[i], e))
			return e->code;
	return 0;
}

static int units_sheet(struct xlsx_out *x, const struct training_year *y, struct err *e)
{
	static const struct xlsx_column cols[] = {{"課コード", 10}, {"課室", 24}, {"対象者", 10}, {"受講者", 10},
						  {"受講率（%）", 12}, {"未受講", 10}, {"新規採用者", 12}, {"期限超過", 10}};
	if (xlsx_out_sheet(x, "課別", cols, 8, e))
		return e->code;
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		char s[32], a[32], r[32], n[32], h[32], o[32];
		num(s, u->staff);
		num(a, u->attended);
		pct(r, u->attended, u->staff);
		num(n, (long)u->nuntrained);
		num(h, u->new_hires);
		num(o, (long)u->noverdue);
		const char *cells[8] = {u->code, u->name, s, a, r, n, h, o};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

static int courses_sheet(struct xlsx_out *x, const struct training_year *y, struct err *e)
{
	static const struct xlsx_column cols[] = {{"コード", 10}, {"研修", 30}, {"種類", 8}, {"回数", 8},
						  {"受講者", 10}, {"平均点", 10}, {"合格点", 10}, {"合格率（%）", 12}};
	if (xlsx_out_sheet(x, "研修別", cols, 8, e))
		return e->code;
	for (size_t i = 0; i < y->ncourses; i++) {
		const struct training_course_stat *c = &y->courses[i];
		char s[32], a[32], avg[32] = "", pm[32] = "", pr[32] = "";
		num(s, c->sessions);
		num(a, c->attendees);
		if (c->scored)
			snprintf(avg, sizeof avg, "%.1f", (double)c->score_sum / (double)c->scored);
		if (c->has_pass_mark) {
			num(pm, c->pass_mark);
			pct(pr, c->passed, c->scored);
		}
		const char *cells[8] = {c->code, c->title, strcmp(c->kind, "drill") == 0 ? "訓練" : "研修", s, a, avg, pm, pr};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

static int bands_sheet(struct xlsx_out *x, const struct training_year *y, struct err *e)
{
	static const struct xlsx_column cols[] = {{"得点", 14}, {"人数", 10}, {"割合（%）", 12}};
	if (xlsx_out_sheet(x, "得点分布", cols, 3, e))
		return e->code;
	for (int b = 0; b < TRAINING_BANDS; b++) {
		char n[32], p[32];
		num(n, y->bands[b]);
		pct(p, y->bands[b], y->scored);
		const char *cells[3] = {training_band_label(b), n, p};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

static int untrained_sheet(struct xlsx_out *x, const struct training_year *y, struct err *e)
{
	static const struct xlsx_column cols[] = {{"課室", 24}, {"職員番号", 12}, {"氏名", 20}, {"区分", 16}};
	if (xlsx_out_sheet(x, "未受講者", cols, 4, e))
		return e->code;
	for (size_t i = 0; i < y->n; i++) {
		const struct training_unit_stat *u = &y->units[i];
		for (size_t k = 0; k < u->nuntrained; k++)
			if (xlsx_out_row(x, (const char *const[]){u->name, u->untrained[k].staff_no, u->untrained[k].name, "年度内未受講"}, e))
				return e->code;
		for (size_t k = 0; k < u->noverdue; k++)
			if (xlsx_out_row(x, (const char *const[]){u->name, u->overdue[k].staff_no, u->overdue[k].name, "新規採用者・期限超過"}, e))
				return e->code;
	}
	return 0;
}

int training_report_xlsx(const struct training_report *r, const char *path, struct err *e)
{
	static const struct xlsx_column cols[] = {{"項目", 26}, {"内容", 40}};
	struct xlsx_out *x;
	if (xlsx_out_open(path, "概要", cols, 2, &x, e))
		return e->code;
	int rc = summary_sheet(x, r, e);
	if (!rc)
		rc = units_sheet(x, &r->now, e);
	if (!rc)
		rc = courses_sheet(x, &r->now, e);
	if (!rc)
		rc = bands_sheet(x, &r->now, e);
	if (!rc)
		rc = untrained_sheet(x, &r->now, e);
	if (rc) {
		struct err ignore = {0};
		xlsx_out_close(x, &ignore);
		return rc;
	}
	return xlsx_out_close(x, e);
}

/* ---- the committee record ---- */

int training_report_record(struct tx *tx, const char *actor_no, int fy, const char *reported_on, const char *note,
			   char hash[65], struct err *e)
{
	struct staff who;
	struct training_report rep;
	char day[11], digest[65];
	if (training_actor(tx->db, actor_no, TRAINING_REPORT, &who, e))
		return e->code;
	long long actor = who.id;
	staff_free(&who);
	if (reported_on && *reported_on) {
		if (date_parse(reported_on, day, e))
			return err_prefix(e, "報告日");
	} else {
		time_today(day);
	}
	if (fiscal_year(day) < fy)
		return err_set(e, ERR_INPUT, "報告日 %s は %d年度が始まる前です", day, fy);
	if (training_report_gather(tx->db, fy, 0, &rep, e))
		return e->code;
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	training_report_json(&w, &rep);
	sha256_hex(b.data, b.len, digest);
	buf_free(&b);
	training_report_free(&rep);
	long long id;
	if (tx_next_id(tx, "committee_report", &id, e))
		return e->code;
	struct row r;
	row_init(&r, "committee_report");
	row_text(&r, "content_hash", digest);
	row_text(&r, "created_at", tx->at);
	row_int(&r, "fiscal_year", fy);
	row_int(&r, "id", id);
	row_text(&r, "kind", "training");
	row_text(&r, "note", note);
	row_id_ref(&r, "reported_by", actor);
	row_text(&r, "reported_on", day);
	if (tx_put_row(tx, "training.report.committee", &r, 1, e))
		return e->code;
	if (hash)
		memcpy(hash, digest, 65);
	return 0;
}
