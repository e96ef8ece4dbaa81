/*
 * cmd_training_report.c — `mamori training report completion|analysis|
 * committee|records` and `mamori training reported` (guideline 5.2.2.5–
 * 5.2.2.7; docs/training.md "Reports").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/case_cli.h"
#include "cli/cli_doc.h"
#include "cli/cmd_training.h"
#include "core/annual_report.h"
#include "core/org.h"
#include "core/training_report.h"
#include "core/training_write.h"
#include "util/timeutil.h"

/* --unit as a code or unique name; 0 for the whole organisation. */
static int scope_of(struct cli *c, const char *text, long long *unit)
{
	struct org_units units;
	struct err e = {0};
	const struct org_unit *u;
	*unit = 0;
	if (!text)
		return 0;
	if (org_units_load(c->db, &units, &e))
		return cli_fail(&e);
	int rc = org_unit_resolve(&units, text, &u, &e) ? cli_fail(&e) : 0;
	if (!rc)
		*unit = u->id;
	org_units_free(&units);
	return rc;
}

static int gather(struct cli *c, const char *cmd, int argc, char **argv, struct training_report *r,
		  const char **path)
{
	struct opt o[] = {{"year", 1, NULL}, {"unit", 1, NULL}, {"o", 1, NULL}, {"output", 1, NULL}};
	char *pos[1];
	int npos, fy;
	long long unit;
	struct err e = {0};
	if (cli_parse(cmd, argc, argv, o, path ? 4 : 2, pos, 0, &npos) || training_year_arg(cmd, o[0].value, &fy) ||
	    cli_open(c, 0) || scope_of(c, o[1].value, &unit))
		return EXIT_ERROR;
	if (path)
		*path = o[2].value ? o[2].value : o[3].value;
	if (training_report_gather(c->db, fy, unit, r, &e))
		return cli_fail(&e);
	return EXIT_OK;
}

static int completion_cmd(struct cli *c, int argc, char **argv)
{
	struct training_report r;
	if (gather(c, "training report completion", argc, argv, &r, NULL))
		return EXIT_ERROR;
	const struct training_year *y = &r.now;
	if (c->format == FMT_JSON) {
		struct list_out out;
		list_begin(&out, c, "units", "");
		for (size_t i = 0; i < y->n; i++) {
			const struct training_unit_stat *u = &y->units[i];
			char rate[32];
			snprintf(rate, sizeof rate, "%.1f", training_rate(u->attended, u->staff));
			jw_object_begin(&out.w);
			jw_kv_int(&out.w, "attended", u->attended);
			jw_kv_string(&out.w, "code", u->code);
			jw_kv_int(&out.w, "fiscal_year", y->fiscal_year);
			jw_kv_string(&out.w, "name", u->name);
			jw_key(&out.w, "rate");
			jw_raw(&out.w, rate);
			jw_kv_int(&out.w, "staff", u->staff);
			jw_key(&out.w, "untrained");
			jw_array_begin(&out.w);
			for (size_t k = 0; k < u->nuntrained; k++)
				jw_string(&out.w, u->untrained[k].staff_no);
			jw_array_end(&out.w);
			jw_object_end(&out.w);
		}
		list_end(&out);
	} else {
		struct list_out out;
		char label[32];
		wareki_fiscal_year(y->fiscal_year, label, sizeof label);
		list_begin(&out, c, "units", TRAINING_UNITS_CSV_HEADER);
		if (out.format == FMT_TEXT)
			buf_printf(&out.b, "%s（%s まで）研修の受講状況: 対象 %ld 人、受講 %ld 人（%.1f%%）\n", label, y->as_of,
				   y->staff, y->attended, training_rate(y->attended, y->staff));
		for (size_t i = 0; i < y->n; i++) {
			const struct training_unit_stat *u = &y->units[i];
			if (out.format == FMT_CSV) {
				training_unit_csv_row(&out.b, y->fiscal_year, u);
				continue;
			}
			struct buf names = BUF_INIT;
			training_people_text(&names, u->untrained, u->nuntrained);
			buf_printf(&out.b, "%s\t%s\t%ld 人中 %ld 人（%.1f%%）%s%s\n", u->code, u->name, u->staff, u->attended,
				   training_rate(u->attended, u->staff), u->nuntrained ? "\t未受講: " : "", buf_str(&names));
			buf_free(&names);
		}
		list_end(&out);
	}
	training_report_free(&r);
	return EXIT_OK;
}

static void analysis_text(struct buf *b, const struct training_report *r)
{
	const struct training_year *y = &r->now, *p = &r->prev;
	char label[32], prev[32];
	wareki_fiscal_year(y->fiscal_year, label, sizeof label);
	wareki_fiscal_year(p->fiscal_year, prev, sizeof prev);
	buf_printf(b, "■ %s 研修の分析（%s まで）\n受講率 %.1f%%（%ld / %ld 人）", label, y->as_of,
		   training_rate(y->attended, y->staff), y->attended, y->staff);
	if (p->sessions)
		buf_printf(b, "　%s %.1f%%（%+.1f ポイント）\n", prev, training_rate(p->attended, p->staff),
			   training_rate(y->attended, y->staff) - training_rate(p->attended, p->staff));
	else
		buf_printf(b, "　%sの記録なし\n", prev);
	buf_printf(b, "新規採用者 %ld 人　期限内に受講 %ld 人　期限超過 %ld 人\n緊急時対応訓練 %ld 回\n", y->new_hires,
		   y->new_hires_trained, y->new_hires_overdue, y->drills);
	buf_puts(b, "\n■ 研修別\n");
	for (size_t i = 0; i < y->ncourses; i++) {
		const struct training_course_stat *c = &y->courses[i];
		buf_printf(b, "%s\t%s\t%ld 回\t受講 %ld 人", c->code, c->title, c->sessions, c->attendees);
		if (c->scored)
			buf_printf(b, "\t平均 %.1f 点", (double)c->score_sum / (double)c->scored);
		if (c->has_pass_mark && c->scored)
			buf_printf(b, "\t合格率 %.1f%%", training_rate(c->passed, c->scored));
		buf_putc(b, '\n');
	}
	buf_puts(b, "\n■ 課室別\n");
	for (size_t i = 0; i < y->n; i++)
		buf_printf(b, "%s\t%s\t%.1f%%\t未受講 %zu 人\n", y->units[i].code, y->units[i].name,
			   training_rate(y->units[i].attended, y->units[i].staff), y->units[i].nuntrained);
	buf_puts(b, "\n■ 得点分布\n");
	for (int k = 0; k < TRAINING_BANDS; k++)
		buf_printf(b, "%s\t%ld 人\n", training_band_label(k), y->bands[k]);
}

static int analysis_cmd(struct cli *c, int argc, char **argv)
{
	struct training_report r;
	if (gather(c, "training report analysis", argc, argv, &r, NULL))
		return EXIT_ERROR;
	struct buf b = BUF_INIT;
	if (c->format == FMT_JSON) {
		struct json_writer w;
		jw_init(&w, &b);
		training_report_json(&w, &r);
		buf_putc(&b, '\n');
	} else if (c->format == FMT_CSV) {
		buf_puts(&b, "\xEF\xBB\xBF研修コード,研修,種類,回数,受講者,平均点,合格点,合格者\r\n");
		for (size_t i = 0; i < r.now.ncourses; i++) {
			const struct training_course_stat *x = &r.now.courses[i];
			char s[24], a[24], avg[32] = "", pm[16] = "", ps[24];
			snprintf(s, sizeof s, "%ld", x->sessions);
			snprintf(a, sizeof a, "%ld", x->attendees);
			if (x->scored)
				snprintf(avg, sizeof avg, "%.1f", (double)x->score_sum / (double)x->scored);
			if (x->has_pass_mark)
				snprintf(pm, sizeof pm, "%d", x->pass_mark);
			snprintf(ps, sizeof ps, "%ld", x->passed);
			const char *cells[] = {x->code, x->title, x->kind, s, a, avg, pm, ps};
			for (size_t k = 0; k < 8; k++)
				buf_csv_field(&b, cells[k], k == 7);
		}
	} else {
		analysis_text(&b, &r);
	}
	cli_write(&b);
	buf_free(&b);
	training_report_free(&r);
	return EXIT_OK;
}

static int committee_cmd(struct cli *c, int argc, char **argv)
{
	struct training_report r;
	const char *path = NULL;
	struct err e = {0};
	if (c->format == FMT_CSV)
		return cli_usage("training report committee: 表は --format xlsx（シート別）か training report completion|analysis --format csv で出力してください");
	if (gather(c, "training report committee", argc, argv, &r, &path))
		return EXIT_ERROR;
	if (!path && (c->format == FMT_XLSX || (c->format == FMT_PDF && isatty(STDOUT_FILENO)))) {
		training_report_free(&r);
		return cli_usage("training report committee: %s は -o ファイル名 で書き出してください",
				 c->format == FMT_XLSX ? "xlsx" : "PDF");
	}
	int rc = 0;
	if (c->format == FMT_XLSX) {
		rc = training_report_xlsx(&r, path, &e);
	} else if (c->format == FMT_JSON) {
		struct buf b = BUF_INIT;
		struct json_writer w;
		jw_init(&w, &b);
		training_report_json(&w, &r);
		buf_putc(&b, '\n');
		cli_write(&b);
		buf_free(&b);
	} else {
		struct pdoc d;
		training_report_document(&r, &d);
		enum out_format f = c->format_given ? c->format : FMT_HTML;
		rc = cli_doc_output(&d, f == FMT_TEXT ? FMT_MD : f, path, &e);
	}
	training_report_free(&r);
	if (rc)
		return cli_fail(&e);
	if (path && *path)
		printf("研修の実施状況報告を %s に書き出しました\n", path);
	return EXIT_OK;
}

static int records_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1];
	int npos, fy = 0;
	struct err e = {0};
	struct committee_reports l;
	struct case_refs refs;
	if (cli_parse("training report records", argc, argv, o, 1, pos, 0, &npos) ||
	    (o[0].value && training_year_arg("training report records", o[0].value, &fy)) || cli_open(c, 0))
		return EXIT_ERROR;
	if (committee_reports_load(c->db, fy, "training", &l, &e))
		return cli_fail(&e);
	if (case_refs_load(c->db, &refs, &e)) {
		case_refs_free(&refs);
		committee_reports_free(&l);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "reports", "年度,報告日,報告者,内容のハッシュ,備考");
	for (size_t i = 0; i < l.n; i++) {
		const struct committee_report *x = &l.v[i];
		char fyl[32];
		wareki_fiscal_year(x->fiscal_year, fyl, sizeof fyl);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "content_hash", x->content_hash);
			jw_kv_int(&out.w, "fiscal_year", x->fiscal_year);
			jw_kv_string(&out.w, "note", x->note);
			jw_kv_string(&out.w, "reported_by", case_staff_no(&refs, x->reported_by));
			jw_kv_string(&out.w, "reported_on", x->reported_on);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {fyl, x->reported_on, case_staff_name(&refs, x->reported_by), x->content_hash, x->note};
			for (size_t k = 0; k < 5; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 4);
		} else {
			buf_printf(&out.b, "%s\t%s 委員会へ報告\t%s\t%.12s…\t%s\n", fyl, x->reported_on,
				   case_staff_name(&refs, x->reported_by), x->content_hash ? x->content_hash : "", x->note ? x->note : "");
		}
	}
	list_end(&out);
	case_refs_free(&refs);
	committee_reports_free(&l);
	return EXIT_OK;
}

int training_report_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {{"completion", completion_cmd},
						 {"analysis", analysis_cmd},
						 {"committee", committee_cmd},
						 {"records", records_cmd}};
	if (c->format > FMT_CSV && !(argc > 0 && strcmp(argv[0], "committee") == 0))
		return cli_usage("training report %s: --format は text、json、csv のいずれかです（html・pdf・xlsx は committee だけ）",
				 argc > 0 ? argv[0] : "");
	return cli_dispatch(c, "training report", subs, 4, argc, argv);
}

int training_reported_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}, {"on", 1, NULL}, {"note", 1, NULL}};
	char *pos[1];
	int npos;
	struct training_reporting a = {c->actor_no, NULL, NULL, 0, ""};
	if (training_need_actor(c, "training reported") || cli_parse("training reported", argc, argv, o, 3, pos, 0, &npos) ||
	    training_year_arg("training reported", o[0].value, &a.fy))
		return EXIT_ERROR;
	a.on = o[1].value;
	a.note = o[2].value;
	int rc = cli_one_write(c, training_report_record_write, &a, NULL);
	if (rc == EXIT_OK)
		printf("%d年度の研修の実施状況を情報セキュリティ委員会へ報告したことを記録しました（内容の SHA-256 %s）\n", a.fy,
		       a.hash);
	return rc;
}
