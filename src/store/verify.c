#include "store/verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store/blob.h"
#include "store/checkpoint.h"
#include "store/journal.h"
#include "util/hex.h"
#include "util/strmap.h"

#define MAX_LISTED_PROBLEMS 50

/* The replayed state of one subject: its latest body and where it came from. */
struct replayed {
	long long seq;
	int seen; /* matched a stored row */
	size_t len;
	char body[]; /* canonical JSON, "null" when removed */
};

struct checkpoint_row {
	long long seq;
	char hash[65];
	char public_key[65];
	char *signature;
};

struct verify_ctx {
	struct db *db;
	struct verify_report *r;
	struct strmap state; /* subject → struct replayed, after the whole walk */
	struct checkpoint_row *cps;
	long long ncps;
	long long last_seq;
};

/*
 * One contiguous seq range of the journal, walked on its own connection and
 * thread.  Entries are independent to hash, so the chain splits cleanly: the
 * only link between parts (a part's first prev = the previous part's last
 * hash) is checked after they join, and the later part's replayed state
 * overrides the earlier one's.
 */
struct chain_part {
	struct db *db;
	int own_db; /* opened for this part; closed after */
	long long from, to; /* inclusive */
	long long expect;   /* the seq the part should start with */
	const struct checkpoint_row *cps;
	long long ncps;
	struct verify_report r;
	struct strmap state;
	long long entries, first_seq, last_seq;
	char first_prev[65], last_hash[65];
	int rc;
	struct err e;
};

static void problem(struct verify_report *r, long long seq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct verify_report *r, long long seq, const char *fmt, ...)
{
	if (seq > 0 && (r->first_bad_seq == 0 || seq < r->first_bad_seq))
		r->first_bad_seq = seq;
	r->nproblems++;
	if (r->nproblems > MAX_LISTED_PROBLEMS)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&r->problems, fmt, ap);
	va_end(ap);
	buf_putc(&r->problems, '\n');
}

static void replay(struct strmap *state, long long seq, const char *subject, size_t subject_len,
		   const char *body, size_t len)
{
	struct strmap_slot *s = strmap_upsert(state, subject, subject_len);
	struct replayed *old = s->value;
	struct replayed *v = old && old->len >= len ? old : xrealloc(old, sizeof *v + len + 1);
	v->seq = seq;
	v->seen = 0;
	v->len = len;
	memcpy(v->body, body, len);
	v->body[len] = '\0';
	s->value = v;
}

/* A batch entry replays as the rows it carries, each under "<table>/<id>". */
static void replay_batch(struct verify_report *r, struct strmap *state, long long seq,
			 const char *table, const char *body)
{
	struct journal_batch b;
	struct buf row = BUF_INIT, subject = BUF_INIT;
	long long id;
	int rc = journal_batch_open(&b, body);
	while (rc == 0 && (rc = journal_batch_next(&b, &row, &id)) == 1) {
		buf_reset(&subject);
		buf_printf(&subject, "%s/%lld", table, id);
		replay(state, seq, subject.data, subject.len, row.data, row.len);
		rc = 0;
	}
	if (rc < 0)
		problem(r, seq, "記録 seq %lld（%s の一括記録）の本文が読めません（記録の改変）", seq, table);
	buf_free(&row);
	buf_free(&subject);
}

static void replay_entry(struct chain_part *p, long long seq, const char *subject, const char *body)
{
	if (journal_is_batch_subject(subject))
		replay_batch(&p->r, &p->state, seq, subject, body);
	else
		replay(&p->state, seq, subject, strlen(subject), body, strlen(body));
}

static int load_checkpoints(struct verify_ctx *c, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(c->db, "SELECT seq, hash, public_key, signature FROM checkpoint ORDER BY seq",
		       &st, e))
		return e->code;
	size_t cap = 0;
	enum db_step_result rs;
	while ((rs = db_step(st, e)) == DB_ROW) {
		if ((size_t)c->ncps == cap) {
			cap = cap ? cap * 2 : 64;
			c->cps = xrealloc(c->cps, cap * sizeof *c->cps);
		}
		struct checkpoint_row *cp = &c->cps[c->ncps++];
		const char *sig = db_column_text(st, 3);
		cp->seq = db_column_int(st, 0);
		snprintf(cp->hash, sizeof cp->hash, "%s", db_column_text(st, 1) ? db_column_text(st, 1) : "");
		snprintf(cp->public_key, sizeof cp->public_key, "%s",
			 db_column_text(st, 2) ? db_column_text(st, 2) : "");
		cp->signature = xstrdup(sig ? sig : "");
	}
	db_finalize(st);
	return rs == DB_ERROR ? e->code : 0;
}

/* Walks one part of the chain, replaying bodies and checking checkpoint
 * hashes on the way. */
static int walk_part(struct chain_part *p)
{
	struct db_stmt *st;
	struct sha256 *h = sha256_new();
	char prev[65] = "", computed[65];
	long long expected = p->expect, cp = 0;
	struct err *e = &p->e;
	if (db_prepare(p->db, "SELECT seq, at, actor, kind, subject, body, prev, hash FROM journal"
			      " WHERE seq BETWEEN ? AND ? ORDER BY seq", &st, e)) {
		sha256_free(h);
		return e->code;
	}
	db_bind_int(st, 1, p->from);
	db_bind_int(st, 2, p->to);
	enum db_step_result rs;
	while ((rs = db_step(st, e)) == DB_ROW) {
		long long seq = db_column_int(st, 0);
		const char *f[7];
		for (int i = 0; i < 7; i++) {
			f[i] = db_column_text(st, i + 1);
			if (!f[i])
				f[i] = "";
		}
		if (seq != expected)
			problem(&p->r, seq < expected ? seq : expected,
				"記録 seq %lld の位置に seq %lld があります（記録の削除または並べ替え）",
				expected, seq);
		if (p->entries == 0) {
			p->first_seq = seq;
			snprintf(p->first_prev, sizeof p->first_prev, "%s", f[5]);
		} else if (strcmp(f[5], prev) != 0) {
			problem(&p->r, seq, "記録 seq %lld の prev が直前の記録のハッシュと一致しません"
				"（記録の削除・並べ替え・差し替え）", seq);
		}
		journal_entry_hash(h, f[5], seq, f[0], f[1], f[2], f[3], f[4], computed);
		if (strcmp(computed, f[6]) != 0)
			problem(&p->r, seq, "記録 seq %lld（%s %s）の内容がハッシュと一致しません（記録の改変）",
				seq, f[2], f[3]);
		for (; cp < p->ncps && p->cps[cp].seq <= seq; cp++)
			if (p->cps[cp].seq == seq && strcmp(p->cps[cp].hash, f[6]) != 0)
				problem(&p->r, seq, "チェックポイント seq %lld のハッシュが記録と一致しません"
					"（記録の書き換え）", seq);
		replay_entry(p, seq, f[3], f[4]);
		snprintf(prev, sizeof prev, "%s", f[6]);
		expected = seq + 1;
		p->last_seq = seq;
		p->entries++;
	}
	memcpy(p->last_hash, prev, sizeof prev);
	db_finalize(st);
	sha256_free(h);
	return rs == DB_ERROR ? e->code : 0;
}

static void *walk_part_thread(void *arg)
{
	struct chain_part *p = arg;
	p->rc = walk_part(p);
	return NULL;
}

/* The parts' problems in seq order, and the links between parts. */
static void merge_reports(struct verify_ctx *c, struct chain_part *parts, int n)
{
	const char *prev_hash = JOURNAL_GENESIS;
	long long prev_last = 0;
	for (int i = 0; i < n; i++) {
		struct chain_part *p = &parts[i];
		/* a gap right at the split shows only here */
		if (i > 0 && p->entries && prev_last && p->first_seq > prev_last + 1 &&
		    p->first_seq == p->expect)
			problem(c->r, prev_last + 1, "記録 seq %lld の位置に seq %lld があります（記録の削除または並べ替え）",
				prev_last + 1, p->first_seq);
		if (p->entries && strcmp(p->first_prev, prev_hash) != 0)
			problem(c->r, p->first_seq, "記録 seq %lld の prev が直前の記録のハッシュと一致しません"
				"（記録の削除・並べ替え・差し替え）", p->first_seq);
		const char *lines = buf_str(&p->r.problems);
		buf_puts(&c->r->problems, lines);
		c->r->nproblems += p->r.nproblems;
		if (p->r.first_bad_seq && (!c->r->first_bad_seq || p->r.first_bad_seq < c->r->first_bad_seq))
			c->r->first_bad_seq = p->r.first_bad_seq;
		c->r->entries += p->entries;
		if (p->entries) {
			prev_hash = p->last_hash;
			prev_last = p->last_seq;
			c->last_seq = p->last_seq;
		}
	}
}

/* Later parts override earlier ones: their entries come after. */
static void merge_state(struct strmap *into, struct strmap *from)
{
	for (size_t i = 0; i < from->cap; i++) {
		struct strmap_slot *s = &from->slots[i];
		if (!s->key)
			continue;
		struct strmap_slot *d = strmap_upsert(into, s->key, s->keylen);
		free(d->value);
		d->value = s->value;
		s->value = NULL;
	}
}

/*
 * Splits [min, max] of seq over up to two threads (this machine class has two
 * cores; each part needs its own connection, which a SQLite file can give).
 * Small journals and PostgreSQL (whose URL is not kept in clear) use one.
 */
static int plan_parts(struct verify_ctx *c, long long split_above, struct chain_part *parts,
		      int *nparts, struct err *e)
{
	long long lo, hi;
	if (db_query_int(c->db, "SELECT COALESCE(MIN(seq), 1) FROM journal", NULL, &lo, e) ||
	    db_query_int(c->db, "SELECT COALESCE(MAX(seq), 0) FROM journal", NULL, &hi, e))
		return e->code;
	int n = db_file_path(c->db) && hi - lo + 1 > split_above ? 2 : 1;
	long long step = (hi - lo + n) / n;
	for (int i = 0; i < n; i++) {
		struct chain_part *p = &parts[i];
		memset(p, 0, sizeof *p);
		p->from = i == 0 ? LLONG_MIN : lo + step * i;
		p->to = i == n - 1 ? LLONG_MAX : lo + step * (i + 1) - 1;
		p->expect = i == 0 ? 1 : p->from;
		p->cps = c->cps;
		p->ncps = c->ncps;
		strmap_init(&p->state);
		if (i == 0) {
			p->db = c->db;
		} else if (db_open(db_file_path(c->db), &p->db, e)) {
			*nparts = i;
			return e->code;
		} else {
			p->own_db = 1;
		}
	}
	*nparts = n;
	return 0;
}

static int walk_chain(struct verify_ctx *c, long long split_above, struct err *e)
{
	struct chain_part parts[2];
	pthread_t thread;
	int n = 0, started = 0;
	int rc = plan_parts(c, split_above, parts, &n, e);
	if (!rc && n == 2)
		started = pthread_create(&thread, NULL, walk_part_thread, &parts[1]) == 0;
	if (!rc) {
		parts[0].rc = walk_part(&parts[0]);
		if (n == 2 && started)
			pthread_join(thread, NULL);
		else if (n == 2)
			parts[1].rc = walk_part(&parts[1]);
	}
	for (int i = 0; !rc && i < n; i++)
		if (parts[i].rc) {
			*e = parts[i].e;
			rc = e->code;
		}
	if (!rc)
		merge_reports(c, parts, n);
	for (int i = 0; i < n; i++) {
		if (!rc)
			merge_state(&c->state, &parts[i].state);
		strmap_free(&parts[i].state, free);
		buf_free(&parts[i].r.problems);
		if (parts[i].own_db)
			db_close(parts[i].db);
	}
	return rc;
}

static int compare_table(struct verify_ctx *c, const struct table_def *t, struct err *e)
{
	struct db_stmt *st;
	struct buf body = BUF_INIT, subject = BUF_INIT;
	char *sql = journal_select_sql(t, "ORDER BY id");
	int rc = db_prepare(c->db, sql, &st, e);
	free(sql);
	if (rc)
		return rc;
	int id_col = -1;
	for (int i = 0; i < t->ncolumns; i++)
		if (strcmp(t->columns[i].name, "id") == 0)
			id_col = i;
	enum db_step_result rs;
	while ((rs = db_step(st, e)) == DB_ROW) {
		long long id = db_column_int(st, id_col);
		buf_reset(&body);
		buf_reset(&subject);
		journal_render_current(st, t, &body);
		buf_printf(&subject, "%s/%lld", t->name, id);
		c->r->rows++;
		struct strmap_slot *s = strmap_find(&c->state, subject.data, subject.len);
		struct replayed *v = s ? s->value : NULL;
		if (!v || strcmp(v->body, "null") == 0) {
			problem(c->r, 0, "%s は記録にない行です（mamori を通さずに追加された）", subject.data);
			continue;
		}
		v->seen = 1;
		if (v->len != body.len || memcmp(v->body, body.data, body.len) != 0)
			problem(c->r, v->seq, "%s が記録 seq %lld の内容と異なります（mamori を通さずに変更された）",
				subject.data, v->seq);
	}
	db_finalize(st);
	buf_free(&body);
	buf_free(&subject);
	return rs == DB_ERROR ? e->code : 0;
}

static int table_of_subject(const char *subject, size_t len)
{
	for (int i = 0; i < schema_ntables; i++) {
		size_t n = strlen(schema_tables[i].name);
		if (n < len && memcmp(subject, schema_tables[i].name, n) == 0 && subject[n] == '/')
			return i;
	}
	return -1;
}

static void find_missing_rows(struct verify_ctx *c)
{
	for (size_t i = 0; i < c->state.cap; i++) {
		struct strmap_slot *s = &c->state.slots[i];
		struct replayed *v = s->key ? s->value : NULL;
		if (!v || v->seen || strcmp(v->body, "null") == 0)
			continue;
		if (table_of_subject(s->key, s->keylen) < 0)
			continue; /* not a domain row (a note, a profile event) */
		problem(c->r, v->seq, "%s が表にありません（記録 seq %lld の後に mamori を通さずに削除された）",
			s->key, v->seq);
	}
}

static int check_signatures(struct verify_ctx *c, struct err *e)
{
	struct signing_key key;
	int found;
	char *path = checkpoint_key_path(c->db);
	char pk_hex[65];
	int rc = checkpoint_load_key(path, &key, &found, e);
	if (!rc && !found && c->ncps > 0)
		rc = err_set(e, ERR_INPUT, "署名鍵 %s が見つからないため、チェックポイントを検証できません"
			     "（--key で鍵ファイルを指定してください）", path);
	free(path);
	if (rc || !found)
		return rc;
	hex_encode(key.pk, sizeof key.pk, pk_hex);
	for (long long i = 0; i < c->ncps; i++) {
		struct checkpoint_row *cp = &c->cps[i];
		if (strcmp(cp->public_key, pk_hex) != 0)
			problem(c->r, cp->seq, "チェックポイント seq %lld の公開鍵が鍵ファイルと一致しません", cp->seq);
		else if (!checkpoint_signature_ok(key.pk, cp->seq, cp->hash, cp->signature))
			problem(c->r, cp->seq, "チェックポイント seq %lld の署名が正しくありません", cp->seq);
	}
	c->r->checkpoints = c->ncps;
	memset(&key, 0, sizeof key);
	return 0;
}

/* Every mamori write signs its new head, so the journal must end exactly there. */
static void check_tail(struct verify_ctx *c)
{
	long long last_cp = c->ncps ? c->cps[c->ncps - 1].seq : 0;
	long long last = c->last_seq;
	if (last_cp > last)
		problem(c->r, last + 1, "チェックポイント seq %lld より前で記録が終わっています（末尾の記録の削除）",
			last_cp);
	else if (last > last_cp)
		problem(c->r, last_cp + 1, "最後のチェックポイント（seq %lld）の後に署名のない記録が %lld 件あります"
			"（mamori を通さない追記）", last_cp, last - last_cp);
}

/* Evidence files live outside the journal (file_blob); the journaled
 * audit_evidence rows carry their hashes, which the bytes must still match. */
static void blob_bad(void *arg, const char *hex, const char *why)
{
	(void)hex;
	problem(arg, 0, "監査の証跡ファイル: %s", why);
}

static int check_blobs(struct verify_ctx *c, struct err *e)
{
	int exists = 0;
	long long checked;
	if (db_table_exists(c->db, "audit_evidence", &exists, e))
		return e->code;
	if (!exists)
		return 0;
	return blob_check_all(c->db, "SELECT DISTINCT sha256 FROM audit_evidence", blob_bad, c->r, &checked, e);
}

int verify_run(struct db *db, struct verify_report *report, struct err *e)
{
	return verify_run_split(db, 200000, report, e);
}

int verify_run_split(struct db *db, long long split_above, struct verify_report *report,
		     struct err *e)
{
	struct verify_ctx c = {.db = db, .r = report};
	memset(report, 0, sizeof *report);
	strmap_init(&c.state);
	int rc = load_checkpoints(&c, e);
	if (!rc)
		rc = check_signatures(&c, e);
	if (!rc)
		rc = walk_chain(&c, split_above, e);
	for (int i = 0; !rc && i < schema_ntables; i++)
		rc = compare_table(&c, &schema_tables[i], e);
	if (!rc) {
		find_missing_rows(&c);
		check_tail(&c);
	}
	if (!rc)
		rc = check_blobs(&c, e);
	strmap_free(&c.state, free);
	for (long long i = 0; i < c.ncps; i++)
		free(c.cps[i].signature);
	free(c.cps);
	return rc;
}

void verify_report_free(struct verify_report *r)
{
	buf_free(&r->problems);
}
