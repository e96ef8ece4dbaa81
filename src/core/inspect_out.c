/*
 * inspect_out.c — a campaign's results as JSON and as .xlsx.  Rates are
 * written as fractions with three decimals (0.875), null when nothing
 * counted towards them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inspect.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/xlsx_write.h"

static const char *const ans_keys[NANS] = {"done", "partial", "not_done", "na", "unanswered"};

static void rate_json(struct json_writer *w, const char *key, double rate)
{
	char num[32];
	jw_key(w, key);
	if (rate < 0) {
		jw_raw(w, "null");
		return;
	}
	snprintf(num, sizeof num, "%.3f", rate);
	jw_raw(w, num);
}

static void count_json(struct json_writer *w, const struct inspect_count *c)
{
	jw_object_begin(w);
	for (int a = 0; a < NANS; a++)
		jw_kv_int(w, ans_keys[a], c->n[a]);
	jw_kv_string(w, "key", c->key);
	jw_kv_string(w, "label", c->label);
	rate_json(w, "previous_rate", c->prev_rate);
	rate_json(w, "rate", c->rate);
	jw_object_end(w);
}

static void counts_json(struct json_writer *w, const char *key, const struct inspect_counts *c)
{
	jw_key(w, key);
	jw_array_begin(w);
	for (size_t i = 0; i < c->n; i++)
		count_json(w, &c->v[i]);
	jw_array_end(w);
}

void inspect_results_json(const struct inspect_results *r, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	counts_json(&w, "by_chapter", &r->by_chapter);
	counts_json(&w, "by_clause", &r->by_clause);
	counts_json(&w, "by_unit", &r->by_unit);
	jw_kv_string(&w, "campaign", r->campaign.campaign_no);
	jw_kv_int(&w, "fiscal_year", r->campaign.fiscal_year);
	jw_kv_string(&w, "previous", r->prev_no);
	jw_kv_int(&w, "respondents", r->respondents);
	jw_kv_string(&w, "state", r->campaign.state);
	jw_kv_int(&w, "submitted", r->submitted);
	jw_kv_string(&w, "title", r->campaign.title);
	jw_key(&w, "total");
	count_json(&w, &r->total);
	jw_object_end(&w);
}

/* "87.5%" or "—". */
static void percent(double rate, char out[16])
{
	if (rate < 0)
		snprintf(out, 16, "—");
	else
		snprintf(out, 16, "%.1f%%", rate * 100);
}

static int sheet_rows(struct xlsx_out *x, const struct inspect_counts *c, struct err *e)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct inspect_count *k = &c->v[i];
		char n[NANS][24], rate[16], prev[16];
		for (int a = 0; a < NANS; a++)
			snprintf(n[a], sizeof n[a], "%lld", k->n[a]);
		percent(k->rate, rate);
		percent(k->prev_rate, prev);
		const char *cells[] = {k->key, k->label, n[0], n[1], n[2], n[3], n[4], rate, prev};
		if (xlsx_out_row(x, cells, e))
			return e->code;
	}
	return 0;
}

int inspect_results_xlsx(const struct inspect_results *r, const char *path, struct err *e)
{
	static const char *const sheets[] = {"課別", "章別", "条項別"};
	static const char *const firsts[] = {"課コード", "章", "条項"};
	static const char *const seconds[] = {"課", "章の名称", "条項の名称"};
	const struct inspect_counts *data[] = {&r->by_unit, &r->by_chapter, &r->by_clause};
	struct xlsx_out *x = NULL;
	for (int s = 0; s < 3; s++) {
		struct xlsx_column cols[] = {{firsts[s], 10},   {seconds[s], 30}, {"実施", 8},   {"一部実施", 10},
					     {"未実施", 8},     {"該当なし", 10}, {"未回答", 8}, {"実施率", 10},
					     {"前年度の実施率", 14}};
		int rc = s == 0 ? xlsx_out_open(path, sheets[s], cols, 9, &x, e) : xlsx_out_sheet(x, sheets[s], cols, 9, e);
		if (!rc)
			rc = sheet_rows(x, data[s], e);
		if (rc)
			return xlsx_out_finish(x, rc, e);
	}
	return xlsx_out_close(x, e);
}
