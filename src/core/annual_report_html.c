/*
 * annual_report_html.c — the annual report as one HTML page (with its
 * charts as inline SVG) and as JSON.  Every text from the database goes
 * through util/html.c's escaping writer; the charts escape theirs.
 */
#include <stdio.h>
#include <string.h>

#include "core/annual_report.h"
#include "util/html.h"
#include "util/json.h"

/* A stand-alone document file, not a page of the web UI: its style rides
 * along in the file so that it prints the same wherever it is opened. */
static const char style[] =
	"body{font-family:sans-serif;margin:2em auto;max-width:60em;line-height:1.6;color:#222}"
	"h1{font-size:1.5em;border-bottom:2px solid #2f6fb0}h2{font-size:1.2em;margin-top:2em;"
	"border-left:6px solid #2f6fb0;padding-left:.5em}table{border-collapse:collapse;margin:.5em 0;"
	"font-size:.9em}th,td{border:1px solid #bbb;padding:.2em .5em;vertical-align:top}"
	"th{background:#eef3f8}td.n{text-align:right}p.empty{color:#555}svg.chart{display:block;"
	"max-width:100%;height:auto;margin:.5em 0}@media print{h2{break-after:avoid}}";

/* Whether a cell reads as a figure (right-aligned): digits, then % or nothing. */
static int is_figure(const char *s)
{
	if (!*s)
		return 0;
	const char *p = s;
	while ((*p >= '0' && *p <= '9') || *p == '.')
		p++;
	return p != s && (!*p || strcmp(p, "%") == 0);
}

static void section_html(const struct ar_table *t, struct buf *out)
{
	html_printf(out, "<section id=\"%s\">\n<h2>%s</h2>\n", t->id, t->title);
	if (t->lead)
		html_printf(out, "<p>%s</p>\n", t->lead);
	if (!t->nrows) {
		html_printf(out, "<p class=\"empty\">%s</p>\n</section>\n", t->empty);
		return;
	}
	for (size_t i = 0; i < t->ncharts; i++) {
		svg_chart_write(&t->charts[i], out);
		buf_putc(out, '\n');
	}
	buf_puts(out, "<table>\n<thead><tr>");
	for (int c = 0; c < t->ncols; c++)
		html_printf(out, "<th>%s</th>", t->cols[c]);
	buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		buf_puts(out, "<tr>");
		for (int c = 0; c < t->ncols; c++) {
			const char *cell = t->cells[r * (size_t)t->ncols + (size_t)c];
			html_printf(out, is_figure(cell) ? "<td class=\"n\">%s</td>" : "<td>%s</td>", cell);
		}
		buf_puts(out, "</tr>\n");
	}
	buf_puts(out, "</tbody>\n</table>\n</section>\n");
}

void annual_report_html_body(const struct annual_report *r, struct buf *out)
{
	for (size_t i = 0; i < r->n; i++)
		section_html(r->v[i], out);
}

void annual_report_html(const struct annual_report *r, struct buf *out)
{
	html_printf(out,
		    "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s %s</title>\n",
		    r->municipality, r->title);
	buf_printf(out, "<style>%s</style>\n</head>\n<body>\n", style);
	html_printf(out, "<h1>%s %s</h1>\n<p>情報セキュリティ委員会 報告資料　作成日 %s</p>\n", r->municipality, r->title,
		    r->today);
	annual_report_html_body(r, out);
	buf_puts(out, "</body>\n</html>\n");
}

static void summary_json(struct json_writer *w, const struct annual_summary *s)
{
	const struct {
		const char *key;
		long long v;
	} f[] = {
		{"answers_done", s->answers_done},
		{"answers_na", s->answers_na},
		{"answers_not_done", s->answers_not_done},
		{"answers_partial", s->answers_partial},
		{"audit_findings", s->audit_findings},
		{"audits", s->audits},
		{"campaigns", s->campaigns},
		{"check_errors", s->check_errors},
		{"check_warnings", s->check_warnings},
		{"corrective_open", s->corrective_open},
		{"corrective_overdue", s->corrective_overdue},
		{"drills", s->drills},
		{"exceptions_expired", s->exc_expired},
		{"exceptions_in_force", s->exc_in_force},
		{"exceptions_permitted", s->exc_permitted},
		{"exceptions_rejected", s->exc_rejected},
		{"exceptions_requested", s->exc_requested},
		{"incidents", s->incidents},
		{"incidents_high", s->incidents_high},
		{"proposals", s->proposals},
		{"proposals_adopted", s->proposals_adopted},
		{"respondents", s->respondents},
		{"sessions", s->sessions},
		{"staff", s->staff},
		{"submitted", s->submitted},
		{"trained", s->trained},
	};
	jw_object_begin(w);
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		jw_kv_int(w, f[i].key, f[i].v);
	jw_object_end(w);
}

static void section_json(struct json_writer *w, const struct ar_table *t)
{
	jw_object_begin(w);
	jw_key(w, "columns");
	jw_array_begin(w);
	for (int c = 0; c < t->ncols; c++)
		jw_string(w, t->cols[c]);
	jw_array_end(w);
	jw_kv_string(w, "empty", t->empty);
	jw_kv_string(w, "id", t->id);
	jw_kv_string(w, "lead", t->lead);
	jw_key(w, "rows");
	jw_array_begin(w);
	for (size_t r = 0; r < t->nrows; r++) {
		jw_array_begin(w);
		for (int c = 0; c < t->ncols; c++)
			jw_string(w, t->cells[r * (size_t)t->ncols + (size_t)c]);
		jw_array_end(w);
	}
	jw_array_end(w);
	jw_kv_string(w, "title", t->title);
	jw_object_end(w);
}

void annual_report_json(const struct annual_report *r, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	jw_kv_int(&w, "fiscal_year", r->fiscal_year);
	jw_kv_string(&w, "from", r->from);
	jw_kv_string(&w, "made_on", r->today);
	jw_kv_string(&w, "municipality", r->municipality);
	jw_key(&w, "sections");
	jw_array_begin(&w);
	for (size_t i = 0; i < r->n; i++)
		section_json(&w, r->v[i]);
	jw_array_end(&w);
	jw_key(&w, "summary");
	summary_json(&w, &r->sum);
	jw_kv_string(&w, "title", r->title);
	jw_kv_string(&w, "to", r->to);
	jw_object_end(&w);
	buf_putc(out, '\n');
}

int annual_report_bytes(const struct annual_report *r, const char *format, struct buf *out, struct err *e)
{
	if (format && strcmp(format, "pdf") == 0)
		return annual_report_pdf(r, out, e);
	if (format && strcmp(format, "json") == 0)
		annual_report_json(r, out);
	else if (format && strcmp(format, "html") == 0)
		annual_report_html(r, out);
	else
		return err_set(e, ERR_INPUT, "報告書の形式は html、pdf、json のいずれかです（.xlsx は annual_report_xlsx）");
	return 0;
}
