/*
 * training_import.c — attendance from e-learning exports (training_import.h).
 *
 * The whole file is read first (util/sheet.h), every row is checked and
 * written inside one transaction in bulk mode; the first refused row rolls
 * everything back.  Lookups are hash maps (職員番号 → person, person →
 * attendance already stored), so 20,000 rows cost 20,000 row writes and
 * nothing more.
 */
#include "core/training_import.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import_header.h"
#include "core/staff.h"
#include "core/training.h"
#include "core/training_internal.h"
#include "store/tx.h"
#include "util/fold.h"
#include "util/sheet.h"
#include "util/strmap.h"
#include "util/timeutil.h"

enum field { F_NO, F_NAME, F_DATE, F_SCORE, F_RESULT, NFIELDS };

/* Header spellings per field, compared after NFKC folding; the first is the
 * documented one. */
static const struct {
	const char *label;
	const char *spellings[10];
} fields[NFIELDS] = {
	[F_NO] = {"職員番号", {"職員番号", "社員番号", "職員コード", "職員no", "ID", "受講者ID", "ユーザーID", "ユーザID",
			       "staff_no", "user_id"}},
	[F_NAME] = {"氏名", {"氏名", "名前", "受講者名", "受講者", "職員氏名", "name", "full_name"}},
	[F_DATE] = {"受講日", {"受講日", "修了日", "完了日", "受講完了日", "実施日", "date", "completed", "completed_on"}},
	[F_SCORE] = {"得点", {"得点", "点数", "スコア", "テスト得点", "理解度テスト", "score", "points"}},
	[F_RESULT] = {"合否", {"合否", "結果", "判定", "修了状況", "受講状況", "ステータス", "result", "status"}},
};

struct importer {
	const char *file;
	const struct training_import_opts *opts;
	struct training_import_result *res;
	char today[11];
	int col[NFIELDS];
	const struct training_session *session;
	const struct training_course *course;
	struct staff_list staff;
	struct strmap by_no;          /* 職員番号 → struct staff * */
	struct strmap seen;           /* 職員番号 → line where the file gave it */
	struct training_attendances have;
	long long *have_of;           /* staff id → index + 1 in have, 0 if none */
	long long max_staff_id;
	char source[160];
	char *result_keys[3][12]; /* result_words folded */
};

static const char *spelling(int f, int i)
{
	return i < 10 ? fields[f].spellings[i] : NULL;
}

static int map_header(struct importer *im, const struct sheet_row *hdr, struct err *e)
{
	struct import_header_dup d;
	if (import_header_map(hdr, NFIELDS, spelling, im->file, &im->res->warnings, im->col, &d))
		return err_set(e, ERR_INPUT, "%s %ld行目: 列「%s」が2回あります（%d列目と%zu列目）", im->file,
			       hdr->line, fields[d.field].label, d.first + 1, d.again + 1);
	if (im->col[F_NO] < 0)
		return err_set(e, ERR_INPUT,
			       "%s %ld行目: 必須の列「職員番号」がありません（職員番号・社員番号・ID のいずれかの見出しが必要です）",
			       im->file, hdr->line);
	return 0;
}

static char *cell(const struct importer *im, const struct sheet_row *row, enum field f)
{
	int c = im->col[f];
	const char *s = c < 0 ? "" : (size_t)c < row->ncells ? row->cells[c] : "";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n >= 3 && memcmp(s, "\u3000", 3) == 0) {
		s += 3;
		n -= 3;
	}
	while (n >= 3 && memcmp(s + n - 3, "\u3000", 3) == 0)
		n -= 3;
	return xstrndup(s, n);
}

/* 合否 as e-learning systems write it, by what the row means. */
enum { R_PASS, R_FAIL, R_OPEN, NRESULTS };
#define RESULT_WORDS 12
static const char *const result_words[NRESULTS][RESULT_WORDS] = {
	[R_PASS] = {"合格", "pass", "passed", "○", "〇", "修了", "完了", "済", "受講済", "OK", NULL},
	[R_FAIL] = {"不合格", "fail", "failed", "×", "再受講", "NG", NULL},
	[R_OPEN] = {"未修了", "未受講", "未完了", "未実施", "受講中", "未", "incomplete", "not started", "in progress", NULL},
};

/* The words folded once per import, not once per row. */
static void fold_result_words(struct importer *im)
{
	for (int r = 0; r < NRESULTS; r++)
		for (int i = 0; i < RESULT_WORDS && result_words[r][i]; i++)
			im->result_keys[r][i] = fold_key(result_words[r][i]);
}

/* 1 passed, 0 failed, -1 not said, -2 not finished (the row is skipped),
 * -3 not understood. */
static int result_of(const struct importer *im, const char *text)
{
	static const int meaning[NRESULTS] = {[R_PASS] = 1, [R_FAIL] = 0, [R_OPEN] = -2};
	if (!*text)
		return -1;
	char *t = fold_key(text);
	int found = -3;
	for (int r = 0; r < NRESULTS && found == -3; r++)
		for (int i = 0; i < RESULT_WORDS && im->result_keys[r][i] && found == -3; i++)
			if (strcmp(im->result_keys[r][i], t) == 0)
				found = meaning[r];
	free(t);
	return found;
}

/* A date cell: a date typed any usual way, or an .xlsx date-time whose time
 * part does not matter here. */
static int row_date(struct importer *im, const char *text, char out[11], struct err *e)
{
	char *d = xstrdup(text);
	char *cut = strpbrk(d, " T");
	if (cut && cut - d >= 8)
		*cut = '\0';
	int rc = date_parse(d, out, e);
	free(d);
	if (rc)
		return rc;
	if (fiscal_year(out) != im->session->fiscal_year) {
		char fy[32];
		wareki_fiscal_year(im->session->fiscal_year, fy, sizeof fy);
		return err_set(e, ERR_INPUT, "受講日 %s は研修の回（%s 実施）の年度（%s）の外です", out,
			       im->session->held_on, fy);
	}
	if (strcmp(out, im->today) > 0)
		return err_set(e, ERR_INPUT, "受講日 %s は今日より後です", out);
	return 0;
}

static int fail_at(struct importer *im, const struct sheet_row *row, enum field f, struct err *e)
{
	return err_prefix(e, "%s %ld行目「%s」", im->file, row->line, fields[f].label);
}

static int same_name(const char *a, const char *b)
{
	/* 全角/半角 and the spaces between family and given names differ between
	 * systems; fold_key evens out both */
	char *x = fold_key(a), *y = fold_key(b);
	int same = strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* Checks one row; *person is NULL for a row that is skipped. */
static int check_row(struct importer *im, const struct sheet_row *row, const struct staff **person, int *score,
		     int *passed, struct err *e)
{
	char *no = cell(im, row, F_NO), *name = cell(im, row, F_NAME), *date = cell(im, row, F_DATE);
	char *score_text = cell(im, row, F_SCORE), *result = cell(im, row, F_RESULT);
	char day[11];
	int rc = 0;
	*person = NULL;
	*passed = result_of(im, result);
	if (!*no) {
		rc = err_set(e, ERR_INPUT, "%s %ld行目「職員番号」: 職員番号が空です", im->file, row->line);
	} else if (*passed == -3) {
		rc = err_set(e, ERR_INPUT, "%s %ld行目「合否」: 「%s」は読めません（合格・不合格・修了・未修了など）", im->file,
			     row->line, result);
	} else if (training_score_parse(score_text, score, e)) {
		rc = fail_at(im, row, F_SCORE, e);
	} else if (*date && row_date(im, date, day, e)) {
		rc = fail_at(im, row, F_DATE, e);
	} else {
		struct strmap_slot *known = strmap_find(&im->by_no, no, strlen(no));
		struct strmap_slot *seen = strmap_upsert(&im->seen, no, strlen(no));
		if (!known)
			rc = err_set(e, ERR_INPUT, "%s %ld行目「職員番号」: 職員番号「%s」は登録されていません", im->file,
				     row->line, no);
		else if (seen->value)
			rc = err_set(e, ERR_INPUT, "%s %ld行目「職員番号」: 職員番号 %s が %ld行目と重複しています", im->file,
				     row->line, no, (long)(intptr_t)seen->value);
		if (!rc) {
			seen->value = (void *)(intptr_t)row->line;
			const struct staff *s = known->value;
			if (*name && !same_name(name, s->name))
				buf_printf(&im->res->warnings, "%s %ld行目: 氏名「%s」は職員番号 %s の登録（%s）と異なります\n",
					   im->file, row->line, name, no, s->name);
			if (*passed != -2)
				*person = s;
		}
	}
	free(no);
	free(name);
	free(date);
	free(score_text);
	free(result);
	return rc;
}

static int store_row(struct tx *tx, struct importer *im, const struct staff *p, int score, int passed,
		     struct err *e)
{
	struct training_attendance a = {0};
	long long at = p->id <= im->max_staff_id ? im->have_of[p->id] : 0;
	const struct training_attendance *old = at ? &im->have.v[at - 1] : NULL;
	a.session_id = im->session->id;
	a.staff_id = p->id;
	a.has_score = score >= 0;
	a.score = score;
	training_decide_pass(im->course, &a, passed);
	if (old && old->has_score == a.has_score && (!a.has_score || old->score == a.score) &&
	    old->has_passed == a.has_passed && (!a.has_passed || old->passed == a.passed)) {
		im->res->unchanged++;
		return 0;
	}
	a.source = im->source;
	a.recorded_at = tx->at;
	if (old) {
		a.id = old->id;
		im->res->updated++;
	} else {
		if (tx_next_id(tx, "training_attendance", &a.id, e))
			return e->code;
		im->res->added++;
	}
	return training_put_attendance(tx, &a, old == NULL, e);
}

static int prepare(struct db *db, struct importer *im, long long session_id, struct training_sessions *sessions,
		   struct training_courses *courses, struct err *e)
{
	if (training_sessions_load(db, 0, sessions, e) || training_courses_load(db, courses, e))
		return e->code;
	im->session = training_session_by_id(sessions, session_id);
	if (!im->session)
		return err_set(e, ERR_INPUT, "研修の回 %lld はありません（training session list で確認できます）", session_id);
	im->course = training_course_by_id(courses, im->session->course_id);
	if (staff_load(db, "", &im->staff, e) || training_attendance_load(db, session_id, 0, &im->have, e))
		return e->code;
	strmap_init(&im->by_no);
	strmap_init(&im->seen);
	for (size_t i = 0; i < im->staff.n; i++) {
		const struct staff *s = &im->staff.v[i];
		strmap_upsert(&im->by_no, s->staff_no, strlen(s->staff_no))->value = (void *)s;
		if (s->id > im->max_staff_id)
			im->max_staff_id = s->id;
	}
	im->have_of = xcalloc((size_t)im->max_staff_id + 1, sizeof *im->have_of);
	for (size_t i = 0; i < im->have.n; i++)
		if (im->have.v[i].staff_id <= im->max_staff_id)
			im->have_of[im->have.v[i].staff_id] = (long long)i + 1;
	const char *base = strrchr(im->file, '/');
	snprintf(im->source, sizeof im->source, "import:%.140s", base ? base + 1 : im->file);
	return 0;
}

static void release(struct importer *im)
{
	for (int r = 0; r < 3; r++)
		for (int i = 0; i < 12; i++) {
			free(im->result_keys[r][i]);
			im->result_keys[r][i] = NULL;
		}
	staff_list_free(&im->staff);
	training_attendances_free(&im->have);
	free(im->have_of);
	if (im->by_no.slots) {
		strmap_free(&im->by_no, NULL);
		strmap_free(&im->seen, NULL);
	}
}

static int import_rows(struct tx *tx, struct importer *im, const struct sheet *sh, struct err *e)
{
	long total = (long)sh->nrows - 1;
	for (size_t r = 1; r < sh->nrows; r++) {
		const struct staff *p;
		int score, passed;
		if (check_row(im, &sh->rows[r], &p, &score, &passed, e))
			return e->code;
		im->res->rows++;
		if (!p)
			im->res->skipped++;
		else if (store_row(tx, im, p, score, passed, e))
			return err_prefix(e, "%s %ld行目", im->file, sh->rows[r].line);
		if (im->opts->progress && total >= 2000 && (r % 1000 == 0 || (long)r == total))
			im->opts->progress(im->opts->progress_arg, (long)r, total);
	}
	return 0;
}

static int run(struct db *db, const char *actor, const char *actor_no, long long session_id,
	       struct importer *im, const struct sheet *sh, struct err *e)
{
	struct staff who;
	struct training_sessions sessions = {0};
	struct training_courses courses = {0};
	struct tx tx;
	if (training_actor(db, actor_no, TRAINING_MANAGE, &who, e))
		return e->code;
	staff_free(&who);
	if (sh->nrows == 0)
		return err_set(e, ERR_INPUT, "%s: ファイルが空です", im->file);
	if (map_header(im, &sh->rows[0], e))
		return e->code;
	if (sh->nrows == 1)
		return err_set(e, ERR_INPUT, "%s: 見出し行の後にデータがありません", im->file);
	int rc = prepare(db, im, session_id, &sessions, &courses, e);
	if (!rc && strcmp(im->session->held_on, im->today) > 0)
		rc = err_set(e, ERR_INPUT, "研修の回 %lld は %s に実施予定です。受講は実施日以後に取り込みます", session_id,
			     im->session->held_on);
	if (!rc && !(rc = tx_begin(&tx, db, actor, e))) {
		tx_bulk_begin(&tx); /* one journal entry per 1,000 rows (tx.h) */
		rc = import_rows(&tx, im, sh, e);
		if (rc || im->opts->dry_run)
			tx_rollback(&tx);
		else
			rc = tx_commit(&tx, e);
	}
	training_sessions_free(&sessions);
	training_courses_free(&courses);
	return rc;
}

static int start(struct importer *im, const char *file, const struct training_import_opts *opts,
		 struct training_import_result *res)
{
	static const struct training_import_opts none = {0};
	memset(res, 0, sizeof *res);
	memset(im, 0, sizeof *im);
	im->file = file;
	im->opts = opts ? opts : &none;
	im->res = res;
	time_today(im->today);
	fold_result_words(im);
	return 0;
}

int training_import_file(struct db *db, const char *actor, const char *actor_no, long long session_id,
			 const char *path, const struct training_import_opts *opts,
			 struct training_import_result *res, struct err *e)
{
	struct importer im;
	struct sheet sh;
	start(&im, path, opts, res);
	int rc = sheet_read_file(path, &sh, e);
	if (!rc) {
		rc = run(db, actor, actor_no, session_id, &im, &sh, e);
		sheet_free(&sh);
	}
	release(&im);
	return rc;
}

int training_import_data(struct db *db, const char *actor, const char *actor_no, long long session_id,
			 const char *name, const void *data, size_t len, const struct training_import_opts *opts,
			 struct training_import_result *res, struct err *e)
{
	struct importer im;
	struct sheet sh;
	start(&im, name, opts, res);
	int zip = len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
	int rc = zip ? sheet_read_xlsx(name, data, len, &sh, e) : sheet_read_csv(name, data, len, &sh, e);
	if (!rc) {
		rc = run(db, actor, actor_no, session_id, &im, &sh, e);
		sheet_free(&sh);
	}
	release(&im);
	return rc;
}

void training_import_result_free(struct training_import_result *r)
{
	buf_free(&r->warnings);
}
