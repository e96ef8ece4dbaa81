/*
 * cmd_training.c — `mamori training course|plan|session|attend|import|report|
 * reported …` (研修・訓練, guideline 5.2; docs/training.md).
 */
#include "cli/cmd_training.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/case_cli.h"
#include "core/staff.h"
#include "core/training.h"
#include "core/training_import.h"
#include "core/training_write.h"
#include "util/timeutil.h"

int training_need_actor(const struct cli *c, const char *cmd)
{
	if (c->actor_no)
		return 0;
	return cli_usage("%s: 操作する職員を --as 職員番号 で指定してください", cmd);
}

int training_year_arg(const char *cmd, const char *text, int *fy)
{
	char today[11];
	time_today(today);
	*fy = fiscal_year(today);
	return cli_year(cmd, text, fy);
}

static int need_id(const char *cmd, const char *text, long long *id)
{
	char *end;
	*id = text ? strtoll(text, &end, 10) : 0;
	if (!text || end == text || *end || *id <= 0)
		return cli_usage("%s: 研修の回の番号（training session list の番号）を指定してください", cmd);
	return 0;
}

/* ---- courses ---- */

static int course_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"code", 1, NULL},     {"title", 1, NULL},     {"kind", 1, NULL},
			  {"audience", 1, NULL}, {"method", 1, NULL},    {"pass-mark", 1, NULL},
			  {"description", 1, NULL}};
	char *pos[1];
	int npos;
	if (training_need_actor(c, "training course add") ||
	    cli_parse("training course add", argc, argv, o, 7, pos, 0, &npos))
		return EXIT_ERROR;
	struct training_course_writing a = {
		c->actor_no, {o[0].value, o[1].value, o[2].value, o[3].value, o[4].value, o[5].value, o[6].value}, 0, 0};
	int rc = cli_one_write(c, training_course_write, &a, NULL);
	if (rc == EXIT_OK)
		printf("研修 %s（%s）を登録しました\n", o[0].value, o[1].value);
	return rc;
}

static int course_retire_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"date", 1, NULL}};
	char *pos[1], done[160];
	int npos;
	if (training_need_actor(c, "training course retire") ||
	    cli_parse("training course retire", argc, argv, o, 1, pos, 1, &npos))
		return EXIT_ERROR;
	if (npos != 1)
		return cli_usage("training course retire: 研修のコードを指定してください");
	struct training_course_retiring a = {c->actor_no, pos[0], o[0].value};
	snprintf(done, sizeof done, "研修 %s を廃止しました", pos[0]);
	return cli_one_write(c, training_course_retire_write, &a, done);
}

static int course_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"all", 0, NULL}};
	char *pos[1];
	int npos;
	struct err e = {0};
	struct training_courses l;
	if (cli_parse("training course list", argc, argv, o, 1, pos, 0, &npos) || cli_open(c, 0))
		return EXIT_ERROR;
	if (training_courses_load(c->db, &l, &e))
		return cli_fail(&e);
	struct list_out out;
	list_begin(&out, c, "courses", "コード,種類,名称,対象,実施方法,合格点,説明,登録日時,廃止日");
	for (size_t i = 0; i < l.n; i++) {
		const struct training_course *x = &l.v[i];
		if (x->retired_on && !o[0].value)
			continue;
		char *aud = training_audience_label(x->audience), *method = training_course_method(x), pm[16] = "";
		const char *kind = strcmp(x->kind, "drill") == 0 ? "緊急時対応訓練" : "研修";
		if (x->has_pass_mark)
			snprintf(pm, sizeof pm, "%d", x->pass_mark);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_key(&out.w, "audience");
			jw_raw(&out.w, x->audience);
			jw_kv_string(&out.w, "audience_label", aud);
			jw_kv_string(&out.w, "code", x->code);
			jw_kv_string(&out.w, "description", x->description);
			jw_kv_string(&out.w, "kind", x->kind);
			jw_key(&out.w, "pass_mark");
			if (x->has_pass_mark)
				jw_int(&out.w, x->pass_mark);
			else
				jw_raw(&out.w, "null");
			jw_kv_string(&out.w, "retired_on", x->retired_on);
			jw_kv_string(&out.w, "title", x->title);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {x->code, kind, x->title, aud, training_method_label(*method ? method : NULL), pm,
					       x->description, x->created_at, x->retired_on};
			size_t n = sizeof cells / sizeof cells[0];
			for (size_t k = 0; k < n; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k + 1 == n);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s\t対象 %s\t%s\t%s%s%s\n", x->code, kind, x->title, aud,
				   *method ? training_method_label(method) : "-", *pm ? "合格点 " : "", pm,
				   x->retired_on ? "\t廃止" : "");
		}
		free(aud);
		free(method);
	}
	list_end(&out);
	training_courses_free(&l);
	return EXIT_OK;
}

static int course_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", course_add_cmd}, {"list", course_list_cmd}, {"retire", course_retire_cmd}};
	return cli_dispatch(c, "training course", subs, 3, argc, argv);
}

/* ---- the plan ---- */

static char *read_whole(const char *path, struct err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		err_set(e, ERR_INPUT, "%s: ファイルを開けません", path);
		return NULL;
	}
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (4u << 20))
		buf_append(&b, chunk, n);
	if (f != stdin)
		fclose(f);
	buf_putc(&b, '\0');
	return buf_take(&b);
}

static int plan_draft_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}, {"file", 1, NULL}, {"note", 1, NULL}};
	char *pos[1];
	int npos;
	struct training_plan_writing a = {c->actor_no, NULL, NULL, 0, 0};
	struct err e = {0};
	if (training_need_actor(c, "training plan draft") ||
	    cli_parse("training plan draft", argc, argv, o, 3, pos, 0, &npos) ||
	    training_year_arg("training plan draft", o[0].value, &a.fy))
		return EXIT_ERROR;
	if (!o[1].value)
		return cli_usage("training plan draft: 計画の JSON ファイルを --file で指定してください（docs/training.md）");
	char *json = read_whole(o[1].value, &e);
	if (!json)
		return cli_fail(&e);
	a.json = json;
	a.note = o[2].value;
	int rc = cli_one_write(c, training_plan_draft_write, &a, NULL);
	free(json);
	if (rc == EXIT_OK)
		printf("%d年度の研修計画 第%d版を作成しました。情報セキュリティ委員会の承認を受けてください（training plan approve）\n",
		       a.fy, a.version);
	return rc;
}

static int plan_approve_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1], done[160];
	int npos;
	struct training_plan_writing a = {c->actor_no, NULL, NULL, 0, 0};
	if (training_need_actor(c, "training plan approve") ||
	    cli_parse("training plan approve", argc, argv, o, 1, pos, 0, &npos) ||
	    training_year_arg("training plan approve", o[0].value, &a.fy))
		return EXIT_ERROR;
	snprintf(done, sizeof done, "%d年度の研修計画の最新版を情報セキュリティ委員会の承認として記録しました", a.fy);
	return cli_one_write(c, training_plan_approve_write, &a, done);
}

/* The body is canonical JSON written by training_plan_draft. */
static void plan_item_text(struct buf *b, const char *body)
{
	cJSON *j = cJSON_Parse(body);
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(j, "items");
	for (int i = 0; i < cJSON_GetArraySize(items); i++) {
		const cJSON *it = cJSON_GetArrayItem(items, i);
		const char *keys[] = {"course", "method", "audience", "instructor"};
		const char *v[4];
		for (int k = 0; k < 4; k++) {
			const cJSON *x = cJSON_GetObjectItemCaseSensitive(it, keys[k]);
			v[k] = cJSON_IsString(x) ? x->valuestring : "";
		}
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(it, "month");
		buf_printf(b, "  %2d月\t%s\t%s\t対象 %s\t%s%s\n", cJSON_IsNumber(m) ? m->valueint : 0, v[0],
			   *v[1] ? training_method_label(v[1]) : "-", v[2], *v[3] ? "講師 " : "", v[3]);
	}
	cJSON_Delete(j);
}

static int plan_show_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1];
	int npos, fy;
	struct err e = {0};
	struct training_plans l;
	struct case_refs refs;
	if (cli_parse("training plan show", argc, argv, o, 1, pos, 0, &npos) ||
	    training_year_arg("training plan show", o[0].value, &fy) || cli_open(c, 0))
		return EXIT_ERROR;
	if (training_plans_load(c->db, &l, &e))
		return cli_fail(&e);
	if (case_refs_load(c->db, &refs, &e)) {
		training_plans_free(&l);
		case_refs_free(&refs);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "plans", "年度,版,作成者,作成日時,承認者,承認日時,備考,内容");
	for (size_t i = 0; i < l.n; i++) {
		const struct training_plan *p = &l.v[i];
		if (p->fiscal_year != fy)
			continue;
		char fyl[32];
		wareki_fiscal_year(p->fiscal_year, fyl, sizeof fyl);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_string(&out.w, "approved_at", p->approved_at);
			jw_kv_string(&out.w, "approved_by", case_staff_no(&refs, p->approved_by));
			jw_key(&out.w, "body");
			jw_raw(&out.w, p->body);
			jw_kv_string(&out.w, "created_at", p->created_at);
			jw_kv_string(&out.w, "created_by", case_staff_no(&refs, p->created_by));
			jw_kv_int(&out.w, "fiscal_year", p->fiscal_year);
			jw_kv_string(&out.w, "note", p->note);
			jw_kv_int(&out.w, "version", p->version);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			char fyn[16], v[16];
			snprintf(fyn, sizeof fyn, "%d", p->fiscal_year);
			snprintf(v, sizeof v, "%d", p->version);
			const char *cells[] = {fyn, v, case_staff_name(&refs, p->created_by), p->created_at,
					       case_staff_name(&refs, p->approved_by), p->approved_at, p->note, p->body};
			for (size_t k = 0; k < 8; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 7);
		} else {
			char at[17] = "";
			if (p->approved_at)
				case_jst(p->approved_at, at);
			buf_printf(&out.b, "%s 研修計画 第%d版\t作成 %s\t%s%s\n", fyl, p->version,
				   case_staff_name(&refs, p->created_by), p->approved_by ? "承認 " : "承認待ち",
				   p->approved_by ? case_staff_name(&refs, p->approved_by) : "");
			if (p->approved_by)
				buf_printf(&out.b, "  承認日時 %s\n", at);
			plan_item_text(&out.b, p->body);
		}
	}
	list_end(&out);
	case_refs_free(&refs);
	training_plans_free(&l);
	return EXIT_OK;
}

static int plan_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"draft", plan_draft_cmd}, {"approve", plan_approve_cmd}, {"show", plan_show_cmd}};
	return cli_dispatch(c, "training plan", subs, 3, argc, argv);
}

/* ---- sessions ---- */

static int session_add_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"course", 1, NULL}, {"date", 1, NULL}, {"place", 1, NULL},
			  {"instructor", 1, NULL}, {"note", 1, NULL}};
	char *pos[1];
	int npos;
	if (training_need_actor(c, "training session add") ||
	    cli_parse("training session add", argc, argv, o, 5, pos, 0, &npos))
		return EXIT_ERROR;
	struct training_session_adding a = {c->actor_no, {o[0].value, o[1].value, o[2].value, o[3].value, o[4].value}, 0};
	int rc = cli_one_write(c, training_session_add_write, &a, NULL);
	if (rc == EXIT_OK)
		printf("研修の回 %lld を登録しました（training attend %lld --staff 職員番号、または training import %lld ファイル）\n",
		       a.id, a.id, a.id);
	return rc;
}

static long count_of(const struct training_attendances *l)
{
	return (long)l->n;
}

static int session_list_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"year", 1, NULL}};
	char *pos[1];
	int npos, fy;
	struct err e = {0};
	struct training_sessions l;
	struct training_courses courses;
	if (cli_parse("training session list", argc, argv, o, 1, pos, 0, &npos) ||
	    training_year_arg("training session list", o[0].value, &fy) || cli_open(c, 0))
		return EXIT_ERROR;
	if (training_sessions_load(c->db, fy, &l, &e))
		return cli_fail(&e);
	if (training_courses_load(c->db, &courses, &e)) {
		training_sessions_free(&l);
		return cli_fail(&e);
	}
	struct list_out out;
	list_begin(&out, c, "sessions", "番号,実施日,年度,研修コード,研修,場所,講師,受講者数,備考");
	int rc = EXIT_OK;
	for (size_t i = 0; i < l.n && rc == EXIT_OK; i++) {
		const struct training_session *s = &l.v[i];
		const struct training_course *co = training_course_by_id(&courses, s->course_id);
		struct training_attendances att;
		if (training_attendance_load(c->db, s->id, 0, &att, &e)) {
			rc = cli_fail(&e);
			break;
		}
		char id[24], n[24], fyn[16];
		snprintf(id, sizeof id, "%lld", s->id);
		snprintf(n, sizeof n, "%ld", count_of(&att));
		snprintf(fyn, sizeof fyn, "%d", s->fiscal_year);
		if (out.format == FMT_JSON) {
			jw_object_begin(&out.w);
			jw_kv_int(&out.w, "attendees", count_of(&att));
			jw_kv_string(&out.w, "course", co ? co->code : NULL);
			jw_kv_int(&out.w, "fiscal_year", s->fiscal_year);
			jw_kv_string(&out.w, "held_on", s->held_on);
			jw_kv_int(&out.w, "id", s->id);
			jw_kv_string(&out.w, "instructor", s->instructor);
			jw_kv_string(&out.w, "note", s->note);
			jw_kv_string(&out.w, "place", s->place);
			jw_object_end(&out.w);
		} else if (out.format == FMT_CSV) {
			const char *cells[] = {id, s->held_on, fyn, co ? co->code : "", co ? co->title : "", s->place,
					       s->instructor, n, s->note};
			for (size_t k = 0; k < 9; k++)
				buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 8);
		} else {
			buf_printf(&out.b, "%s\t%s\t%s\t%s\t%s\t受講 %s 人\n", id, s->held_on, co ? co->code : "?",
				   co ? co->title : "?", s->place ? s->place : "-", n);
		}
		training_attendances_free(&att);
	}
	list_end(&out);
	training_sessions_free(&l);
	training_courses_free(&courses);
	return rc;
}

static int session_show_cmd(struct cli *c, int argc, char **argv)
{
	char *pos[1];
	int npos;
	long long id;
	struct err e = {0};
	if (cli_parse("training session show", argc, argv, NULL, 0, pos, 1, &npos) ||
	    need_id("training session show", npos ? pos[0] : NULL, &id) || cli_open(c, 0))
		return EXIT_ERROR;
	struct training_sessions l;
	struct training_courses courses = {0};
	struct training_attendances att = {0};
	struct case_refs refs = {0};
	int rc = EXIT_OK;
	if (training_sessions_load(c->db, 0, &l, &e) || training_courses_load(c->db, &courses, &e) ||
	    training_attendance_load(c->db, id, 0, &att, &e) || case_refs_load(c->db, &refs, &e))
		rc = cli_fail(&e);
	const struct training_session *s = rc ? NULL : training_session_by_id(&l, id);
	if (!rc && !s) {
		err_set(&e, ERR_INPUT, "研修の回 %lld はありません", id);
		rc = cli_fail(&e);
	}
	if (!rc) {
		const struct training_course *co = training_course_by_id(&courses, s->course_id);
		struct list_out out;
		list_begin(&out, c, "attendance", "職員番号,氏名,得点,合否,記録元,記録日時");
		if (out.format == FMT_TEXT)
			buf_printf(&out.b, "研修の回 %lld\t%s\t%s（%s）\t場所 %s\t講師 %s\n", s->id, s->held_on, co ? co->title : "?",
				   co ? co->code : "?", s->place ? s->place : "-", s->instructor ? s->instructor : "-");
		for (size_t i = 0; i < att.n; i++) {
			const struct training_attendance *a = &att.v[i];
			char score[16] = "", at[17];
			const char *pass = !a->has_passed ? "" : a->passed ? "合格" : "不合格";
			if (a->has_score)
				snprintf(score, sizeof score, "%d", a->score);
			case_jst(a->recorded_at, at);
			if (out.format == FMT_JSON) {
				jw_object_begin(&out.w);
				jw_key(&out.w, "passed");
				jw_raw(&out.w, !a->has_passed ? "null" : a->passed ? "true" : "false");
				jw_kv_string(&out.w, "recorded_at", a->recorded_at);
				jw_key(&out.w, "score");
				if (a->has_score)
					jw_int(&out.w, a->score);
				else
					jw_raw(&out.w, "null");
				jw_kv_string(&out.w, "source", a->source);
				jw_kv_string(&out.w, "staff_no", case_staff_no(&refs, a->staff_id));
				jw_object_end(&out.w);
			} else if (out.format == FMT_CSV) {
				const char *cells[] = {case_staff_no(&refs, a->staff_id), case_staff_name(&refs, a->staff_id),
						       score, pass, a->source, at};
				for (size_t k = 0; k < 6; k++)
					buf_csv_field(&out.b, cells[k] ? cells[k] : "", k == 5);
			} else {
				buf_printf(&out.b, "  %s\t%s\t%s\t%s\t%s\n", case_staff_no(&refs, a->staff_id),
					   case_staff_name(&refs, a->staff_id), *score ? score : "-", *pass ? pass : "-",
					   a->source);
			}
		}
		list_end(&out);
	}
	training_sessions_free(&l);
	training_courses_free(&courses);
	training_attendances_free(&att);
	case_refs_free(&refs);
	return rc;
}

static int session_cmd(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"add", session_add_cmd}, {"list", session_list_cmd}, {"show", session_show_cmd}};
	return cli_dispatch(c, "training session", subs, 3, argc, argv);
}

/* ---- attendance ---- */

static int attend_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"staff", 1, NULL}, {"score", 1, NULL}, {"passed", 0, NULL}, {"failed", 0, NULL}};
	char *pos[1], done[160];
	int npos;
	struct err e = {0};
	struct training_attending a = {c->actor_no, NULL, 0, -1, -1, "manual"};
	if (training_need_actor(c, "training attend") || cli_parse("training attend", argc, argv, o, 4, pos, 1, &npos) ||
	    need_id("training attend", npos ? pos[0] : NULL, &a.session))
		return EXIT_ERROR;
	if (!o[0].value)
		return cli_usage("training attend: 受講者を --staff 職員番号 で指定してください");
	if (training_score_parse(o[1].value, &a.score, &e))
		return cli_fail(&e);
	if (o[2].value && o[3].value)
		return cli_usage("training attend: --passed と --failed は同時に指定できません");
	a.staff_no = o[0].value;
	a.passed = o[2].value ? 1 : o[3].value ? 0 : -1;
	snprintf(done, sizeof done, "研修の回 %lld に %s の受講を記録しました", a.session, a.staff_no);
	return cli_one_write(c, training_attend_write, &a, done);
}

static void show_progress(void *arg, long done, long total)
{
	(void)arg;
	fprintf(stderr, "\r取り込み中 %ld / %ld 行", done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int import_cmd(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"dry-run", 0, NULL}};
	char *pos[2];
	int npos;
	long long session;
	struct err e = {0};
	if (training_need_actor(c, "training import") || cli_parse("training import", argc, argv, o, 1, pos, 2, &npos) ||
	    need_id("training import", npos ? pos[0] : NULL, &session))
		return EXIT_ERROR;
	if (npos != 2)
		return cli_usage("training import: 研修の回の番号と取り込むファイル（.csv または .xlsx）を指定してください");
	if (cli_open(c, 0))
		return EXIT_ERROR;
	struct training_import_opts opts = {o[0].value != NULL, show_progress, NULL};
	struct training_import_result res;
	int rc = training_import_file(c->db, c->actor, c->actor_no, session, pos[1], &opts, &res, &e);
	fputs(buf_str(&res.warnings), stderr);
	if (rc) {
		training_import_result_free(&res);
		return cli_fail(&e);
	}
	printf("%s%lld 行 — 追加 %lld、更新 %lld、変更なし %lld、未修了のため除外 %lld\n", opts.dry_run ? "（試行・書き込みなし）" : "",
	       res.rows, res.added, res.updated, res.unchanged, res.skipped);
	training_import_result_free(&res);
	return EXIT_OK;
}

int cmd_training(struct cli *c, int argc, char **argv)
{
	static const struct subcommand subs[] = {
		{"course", course_cmd},   {"plan", plan_cmd},     {"session", session_cmd},
		{"attend", attend_cmd},   {"import", import_cmd}, {"report", training_report_cmd},
		{"reported", training_reported_cmd},
	};
	return cli_dispatch(c, "training", subs, (int)(sizeof subs / sizeof subs[0]), argc, argv);
}
