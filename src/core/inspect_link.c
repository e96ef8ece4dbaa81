/*
 * inspect_link.c — one-time links: a random token per respondent, of which
 * only the SHA-256 is stored (table inspect_link, not journaled: it is a
 * credential, not a record), and answering through a token.
 *
 * A token is looked up by its hash and the stored hash is then compared
 * with the computed one in constant time, so neither the lookup nor the
 * comparison tells an attacker how much of a guess was right.  A link works
 * until it is used (the respondent submits), it expires, its campaign
 * closes, or a new link replaces it.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/inspect_internal.h"
#include "core/rows.h"
#include "util/buf.h"
#include "util/sha256.h"
#include "util/timeutil.h"

#define GRACE_DAYS 7 /* a link outlives the due date by a week, for late answers */

void inspect_links_free(struct inspect_links *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].role);
		sodium_memzero(l->v[i].token, sizeof l->v[i].token);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static void new_token(char out[INSPECT_TOKEN_HEX + 1], char hash[65])
{
	unsigned char raw[INSPECT_TOKEN_HEX / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, INSPECT_TOKEN_HEX + 1, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	sha256_hex(out, INSPECT_TOKEN_HEX, hash);
}

/* The end of a day in Japan as an instant: 24:00 JST is 15:00 UTC. */
static void end_of_day_jst(const char *ymd, char out[32])
{
	snprintf(out, 32, "%sT15:00:00Z", ymd);
}

static void read_respondent(struct db_stmt *st, void *elem)
{
	struct inspect_link *l = elem;
	l->respondent_id = db_column_int(st, 0);
	l->staff_id = col_id(st, 1);
	l->unit_id = col_id(st, 2);
	l->role = col_dup(st, 3);
}

static int pending_respondents(struct db *db, long long campaign_id, struct inspect_links *out, struct err *e)
{
	return rows_load_for(db,
			     "SELECT id, staff_id, unit_id, role FROM inspect_respondent"
			     " WHERE campaign_id = ? AND submitted_at IS NULL ORDER BY id",
			     campaign_id, sizeof *out->v, read_respondent, (void **)&out->v, &out->n, e);
}

static int store_links(struct tx *tx, long long campaign_id, struct inspect_links *out, struct err *e)
{
	struct db_stmt *del, *ins;
	if (db_prepare(tx->db,
		       "DELETE FROM inspect_link WHERE respondent_id IN"
		       " (SELECT id FROM inspect_respondent WHERE campaign_id = ? AND submitted_at IS NULL)",
		       &del, e))
		return e->code;
	db_bind_int(del, 1, campaign_id);
	enum db_step_result r = db_step(del, e);
	db_finalize(del);
	if (r == DB_ERROR)
		return e->code;
	if (db_prepare(tx->db, "INSERT INTO inspect_link(respondent_id, token_hash, issued_at, expires_at) VALUES (?, ?, ?, ?)",
		       &ins, e))
		return e->code;
	int rc = 0;
	for (size_t i = 0; i < out->n && !rc; i++) {
		char hash[65];
		new_token(out->v[i].token, hash);
		db_reset(ins);
		db_bind_int(ins, 1, out->v[i].respondent_id);
		db_bind_text(ins, 2, hash);
		db_bind_text(ins, 3, tx->at);
		db_bind_text(ins, 4, out->expires_at);
		if (db_step(ins, e) == DB_ERROR)
			rc = e->code;
	}
	db_finalize(ins);
	return rc;
}

int inspect_links_issue(struct tx *tx, const char *no, const char *actor_no, const char *expires_on,
			struct inspect_links *out, struct err *e)
{
	struct inspect_campaign c;
	long long actor_id;
	char day[11], today[11];
	memset(out, 0, sizeof *out);
	if (inspect_check_manager(tx->db, actor_no, &actor_id, e) || inspect_campaign_find(tx->db, no, &c, e))
		return e->code;
	int rc = 0;
	time_today(today);
	if (strcmp(c.state, "closed") == 0) {
		rc = err_set(e, ERR_INPUT, "自己点検 %s は終了しているためリンクを発行できません", no);
	} else if (expires_on && *expires_on) {
		if (date_parse(expires_on, day, e))
			rc = err_prefix(e, "リンクの有効期限（--expires）");
	} else {
		date_add_days(c.due_on, GRACE_DAYS, day);
	}
	if (!rc && strcmp(day, today) < 0)
		rc = err_set(e, ERR_INPUT, "リンクの有効期限 %s が既に過ぎています", day);
	if (!rc) {
		end_of_day_jst(day, out->expires_at);
		rc = pending_respondents(tx->db, c.id, out, e) || store_links(tx, c.id, out, e);
		rc = rc ? e->code : 0;
	}
	if (!rc && out->n == 0)
		rc = err_set(e, ERR_INPUT, "自己点検 %s には未提出の回答者がいません", no);
	if (rc)
		inspect_links_free(out);
	inspect_campaign_free(&c);
	return rc;
}

static int set_time(struct tx *tx, const char *sql, const long long *ids, size_t n, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(tx->db, sql, &st, e))
		return e->code;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		db_reset(st);
		db_bind_text(st, 1, tx->at);
		db_bind_int(st, 2, ids[i]);
		if (db_step(st, e) == DB_ERROR)
			rc = e->code;
	}
	db_finalize(st);
	return rc;
}

int inspect_links_mailed(struct tx *tx, const long long *respondent_ids, size_t n, struct err *e)
{
	return set_time(tx, "UPDATE inspect_link SET mailed_at = ? WHERE respondent_id = ?", respondent_ids, n, e);
}

int inspect_link_use(struct tx *tx, long long respondent_id, struct err *e)
{
	return set_time(tx, "UPDATE inspect_link SET used_at = ? WHERE respondent_id = ? AND used_at IS NULL",
			&respondent_id, 1, e);
}

/* ---- answering by token ---- */

int inspect_token_shaped(const char *token)
{
	if (!token || strlen(token) != INSPECT_TOKEN_HEX)
		return 0;
	for (const char *p = token; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return 0;
	return 1;
}

int inspect_token_respondent(struct db *db, const char *token, long long *respondent_id, struct err *e)
{
	static const char invalid[] = "このリンクは無効です（新しいリンクが発行されたか、誤っています）";
	char hash[65], now[32];
	if (!inspect_token_shaped(token))
		return err_set(e, ERR_INPUT, "%s", invalid);
	sha256_hex(token, INSPECT_TOKEN_HEX, hash);
	struct db_stmt *st;
	if (db_prepare(db,
		       "SELECT l.respondent_id, l.token_hash, l.expires_at, l.used_at, c.state FROM inspect_link l"
		       " JOIN inspect_respondent r ON r.id = l.respondent_id JOIN inspect_campaign c ON c.id = r.campaign_id"
		       " WHERE l.token_hash = ?",
		       &st, e))
		return e->code;
	db_bind_text(st, 1, hash);
	enum db_step_result r = db_step(st, e);
	int rc = 0;
	time_now_rfc3339(now);
	if (r == DB_ERROR) {
		rc = e->code;
	} else if (r != DB_ROW) {
		rc = err_set(e, ERR_INPUT, "%s", invalid);
	} else {
		const char *stored = db_column_text(st, 1);
		if (!stored || strlen(stored) != 64 || sodium_memcmp(stored, hash, 64) != 0)
			rc = err_set(e, ERR_INPUT, "%s", invalid);
		else if (!db_column_is_null(st, 3))
			rc = err_set(e, ERR_INPUT, "このリンクは使用済みです（回答は提出されています）");
		else if (strcmp(now, db_column_text(st, 2)) >= 0)
			rc = err_set(e, ERR_INPUT, "このリンクは有効期限が切れています。担当課に新しいリンクを依頼してください");
		else if (strcmp(db_column_text(st, 4), "open") != 0)
			rc = err_set(e, ERR_INPUT, "この自己点検は%sのため回答できません",
				     inspect_state_label(db_column_text(st, 4)));
		else
			*respondent_id = db_column_int(st, 0);
	}
	db_finalize(st);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

int inspect_token_checklist(struct db *db, const char *token, struct inspect_checklist *out, struct err *e)
{
	long long id;
	memset(out, 0, sizeof *out);
	if (inspect_token_respondent(db, token, &id, e))
		return e->code;
	return inspect_checklist_load(db, id, out, e);
}

int inspect_token_save(struct tx *tx, const char *token, const struct inspect_answer_in *v, size_t n,
		       struct err *e)
{
	long long id;
	if (inspect_token_respondent(tx->db, token, &id, e))
		return e->code;
	return inspect_answers_save(tx, id, v, n, e);
}

int inspect_token_submit(struct tx *tx, const char *token, struct err *e)
{
	long long id;
	if (inspect_token_respondent(tx->db, token, &id, e))
		return e->code;
	return inspect_submit(tx, id, e);
}

/* ---- reminders ---- */

int inspect_remind_record(struct tx *tx, const char *no, const char *actor_no, const long long *respondent_ids,
			  size_t n, struct err *e)
{
	struct inspect_campaign c;
	long long actor_id;
	if (inspect_check_manager(tx->db, actor_no, &actor_id, e) || inspect_campaign_find(tx->db, no, &c, e))
		return e->code;
	int began, rc = 0;
	if (strcmp(c.state, "open") != 0)
		rc = err_set(e, ERR_INPUT, "自己点検 %s は%sのため督促できません", no, inspect_state_label(c.state));
	inspect_bulk_begin(tx, &began);
	for (size_t i = 0; i < n && !rc; i++) {
		struct inspect_respondent r;
		if (inspect_respondent_get(tx->db, respondent_ids[i], &r, e)) {
			rc = e->code;
			break;
		}
		if (r.campaign_id != c.id || r.submitted_at) {
			rc = err_set(e, ERR_INPUT, "回答者 %lld は自己点検 %s の未提出者ではありません", r.id, no);
		} else {
			free(r.reminded_at);
			r.reminded_at = xstrdup(tx->at);
			r.reminders++;
			rc = inspect_put_respondent(tx, &r, 0, "inspect.remind", e);
		}
		inspect_respondent_free(&r);
	}
	if (!rc)
		rc = inspect_bulk_end(tx, began, e);
	inspect_campaign_free(&c);
	return rc;
}
