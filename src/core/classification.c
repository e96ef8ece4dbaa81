#include "core/classification.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/fold.h"

static const char *const dim_ids[NDIMENSIONS] = {"confidentiality", "integrity", "availability"};
static const char *const dim_labels[NDIMENSIONS] = {"機密性", "完全性", "可用性"};

const char *dimension_id(enum dimension d) { return dim_ids[d]; }
const char *dimension_label(enum dimension d) { return dim_labels[d]; }

/* The restrictions 機密性2 and 機密性3 share (機密性3 adds one). */
#define CONFIDENTIAL_HANDLING                                                      \
	"必要な範囲を超えて複製・配付しない\n"                                      \
	"保管場所を限定し、不要な記録媒体を持ち込まない\n"                          \
	"送信・運搬・提供の際は暗号化やパスワード設定を行い、運搬には鍵付きケースを使う\n" \
	"廃棄は復元できない方法で行う\n"                                            \
	"通信には信頼できる回線を選ぶ\n"                                            \
	"庁外で処理するときは定められた安全管理措置に従う\n"                        \
	"記録媒体は施錠できる場所に保管する"

/*
 * The R2.12 default, in our own words.  Criteria and restrictions follow the
 * guideline's table of levels (2.(1)); each restriction is one line.
 */
static const struct {
	enum dimension dim;
	int rank;
	const char *label, *criteria, *handling;
} defaults[] = {
	{DIM_C, 1, "機密性1", "機密性2・3に当たらない情報資産（公開を前提とするものなど）", ""},
	{DIM_C, 2, "機密性2",
	 "秘密文書ほどではないが、直ちに一般へ公開することを前提としない情報資産", CONFIDENTIAL_HANDLING},
	{DIM_C, 3, "機密性3", "秘密文書と同程度の秘匿を要する情報資産",
	 "支給以外の端末では原則として扱わない\n" CONFIDENTIAL_HANDLING},
	{DIM_I, 1, "完全性1", "完全性2に当たらない情報資産", ""},
	{DIM_I, 2, "完全性2",
	 "改ざん・誤り・破損があると住民の権利を侵害し、または行政事務の的確な遂行に（軽微でない）支障を及ぼすおそれがある情報資産",
	 "バックアップを取る\n"
	 "必要に応じて電子署名を付す\n"
	 "庁外で処理するときは定められた安全管理措置に従う\n"
	 "記録媒体は施錠できる場所に保管する"},
	{DIM_A, 1, "可用性1", "可用性2に当たらない情報資産", ""},
	{DIM_A, 2, "可用性2",
	 "滅失・紛失や利用できない状態になると住民の権利を侵害し、または行政事務の安定的な遂行に（軽微でない）支障を及ぼすおそれがある情報資産",
	 "バックアップを取る\n"
	 "定められた時間内に復旧できるようにする\n"
	 "記録媒体は施錠できる場所に保管する"},
};

static int dim_of(const char *id, enum dimension *d)
{
	for (int i = 0; i < NDIMENSIONS; i++)
		if (strcmp(dim_ids[i], id) == 0) {
			*d = (enum dimension)i;
			return 0;
		}
	return -1;
}

int class_scheme_load(struct db *db, struct class_scheme *s, struct err *e)
{
	struct db_stmt *st;
	size_t cap[NDIMENSIONS] = {0};
	memset(s, 0, sizeof *s);
	if (db_prepare(db, "SELECT id, dimension, rank, baseline, label, criteria, handling"
			   " FROM classification_level WHERE retired_on IS NULL ORDER BY dimension, rank",
		       &st, e))
		return e->code;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		enum dimension d;
		if (dim_of(db_column_text(st, 1), &d))
			continue;
		if (s->n[d] == cap[d]) {
			cap[d] = cap[d] ? cap[d] * 2 : 4;
			s->levels[d] = xrealloc(s->levels[d], cap[d] * sizeof *s->levels[d]);
		}
		struct class_level *l = &s->levels[d][s->n[d]++];
		l->id = db_column_int(st, 0);
		l->dim = d;
		l->rank = (int)db_column_int(st, 2);
		l->baseline = (int)db_column_int(st, 3);
		l->label = col_dup(st, 4);
		l->criteria = col_dup(st, 5);
		l->handling = col_dup(st, 6);
	}
	db_finalize(st);
	if (r == DB_ERROR) {
		class_scheme_free(s);
		return e->code;
	}
	return 0;
}

void class_scheme_free(struct class_scheme *s)
{
	for (int d = 0; d < NDIMENSIONS; d++) {
		for (size_t i = 0; i < s->n[d]; i++) {
			free(s->levels[d][i].label);
			free(s->levels[d][i].criteria);
			free(s->levels[d][i].handling);
		}
		free(s->levels[d]);
	}
	memset(s, 0, sizeof *s);
}

int class_level_put(struct tx *tx, struct class_level *l, const char *retired_on, int insert,
		    const char *kind, struct err *e)
{
	struct row r;
	if (insert && tx_next_id(tx, "classification_level", &l->id, e))
		return e->code;
	row_init(&r, "classification_level");
	row_int(&r, "id", l->id);
	row_text(&r, "dimension", dim_ids[l->dim]);
	row_int(&r, "rank", l->rank);
	row_int(&r, "baseline", l->baseline);
	row_text(&r, "label", l->label);
	row_text(&r, "criteria", l->criteria);
	row_text(&r, "handling", l->handling);
	row_text(&r, "retired_on", retired_on);
	return tx_put_row(tx, kind, &r, insert, e);
}

int class_scheme_ensure_default(struct tx *tx, struct err *e)
{
	long long n;
	if (db_query_int(tx->db, "SELECT count(*) FROM classification_level", NULL, &n, e))
		return e->code;
	if (n > 0)
		return 0;
	for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
		struct class_level l = {0, defaults[i].dim, defaults[i].rank, defaults[i].rank,
					(char *)defaults[i].label, (char *)defaults[i].criteria,
					(char *)defaults[i].handling};
		if (class_level_put(tx, &l, NULL, 1, "classification.default", e))
			return e->code;
	}
	return 0;
}

const struct class_level *class_level_by_rank(const struct class_scheme *s, enum dimension d,
					      int rank)
{
	for (size_t i = 0; i < s->n[d]; i++)
		if (s->levels[d][i].rank == rank)
			return &s->levels[d][i];
	return NULL;
}

int class_baseline(const struct class_scheme *s, enum dimension d, int rank)
{
	const struct class_level *l = class_level_by_rank(s, d, rank);
	return l ? l->baseline : 0;
}

/* "機密性2" and "2" both name the level labelled 機密性2. */
static int label_matches(const struct class_level *l, enum dimension d, const char *folded)
{
	char *label = fold_key(l->label);
	char *dim = fold_key(dim_labels[d]);
	size_t dl = strlen(dim);
	int hit = strcmp(label, folded) == 0 ||
		  (strncmp(label, dim, dl) == 0 && strcmp(label + dl, folded) == 0);
	free(label);
	free(dim);
	return hit;
}

int class_level_parse(const struct class_scheme *s, enum dimension d, const char *text, int *rank,
		      struct err *e)
{
	*rank = 0;
	if (!text || !*text)
		return 0;
	/* exact spellings first: registers repeat the same few labels 100,000 times */
	size_t dl = strlen(dim_labels[d]);
	for (size_t i = 0; i < s->n[d]; i++) {
		const char *label = s->levels[d][i].label;
		if (strcmp(label, text) == 0 ||
		    (strncmp(label, dim_labels[d], dl) == 0 && strcmp(label + dl, text) == 0)) {
			*rank = s->levels[d][i].rank;
			return 0;
		}
	}
	char *folded = fold_key(text);
	int found = 0;
	for (size_t i = 0; i < s->n[d] && !found; i++)
		if (label_matches(&s->levels[d][i], d, folded)) {
			*rank = s->levels[d][i].rank;
			found = 1;
		}
	free(folded);
	if (found)
		return 0;
	struct buf choices = BUF_INIT;
	for (size_t i = 0; i < s->n[d]; i++)
		buf_printf(&choices, "%s%s", i ? "、" : "", s->levels[d][i].label);
	err_set(e, ERR_INPUT, "%s「%s」はこの団体の分類にありません（%s のいずれか）", dim_labels[d], text,
		buf_str(&choices));
	buf_free(&choices);
	return e->code;
}
