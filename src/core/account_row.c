/*
 * account_row.c — reading an account with its secrets and its person
 * (struct acct_row, account_internal.h), and the public account_find /
 * account_by_id built on it.
 */
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "core/rows.h"
#include "util/timeutil.h"

#define ROW_COLUMNS                                                                          \
	"SELECT a.id, a.staff_id, a.login, a.is_admin, a.must_change, a.totp_enrolled,"       \
	" a.last_login_at, a.last_login_addr, a.locked_until, a.disabled_at, a.created_at,"   \
	" a.pw_hash, a.failures, a.first_failure_at, a.totp_secret, a.totp_pending,"         \
	" a.totp_last_step, s.name, s.kana, s.left_on"                                        \
	" FROM account a JOIN staff s ON s.id = a.staff_id"

void account_free(struct account *a)
{
	if (!a)
		return;
	free(a->login);
	free(a->last_login_at);
	free(a->last_login_addr);
	free(a->locked_until);
	free(a->disabled_at);
	free(a->created_at);
	memset(a, 0, sizeof *a);
}

void acct_row_free(struct acct_row *r)
{
	account_free(&r->a);
	acct_free_secret(r->pw_hash);
	free(r->first_failure_at);
	acct_free_secret(r->totp_secret);
	acct_free_secret(r->totp_pending);
	free(r->name);
	free(r->kana);
	free(r->left_on);
	memset(r, 0, sizeof *r);
}

static void read_row(struct db_stmt *st, struct acct_row *r)
{
	struct account *a = &r->a;
	a->id = db_column_int(st, 0);
	a->staff_id = db_column_int(st, 1);
	a->login = col_dup(st, 2);
	a->is_admin = (int)db_column_int(st, 3);
	a->must_change = (int)db_column_int(st, 4);
	a->totp_enrolled = (int)db_column_int(st, 5);
	a->last_login_at = col_dup(st, 6);
	a->last_login_addr = col_dup(st, 7);
	a->locked_until = col_dup(st, 8);
	a->disabled_at = col_dup(st, 9);
	a->created_at = col_dup(st, 10);
	r->pw_hash = col_dup(st, 11);
	r->failures = (int)db_column_int(st, 12);
	r->first_failure_at = col_dup(st, 13);
	r->totp_secret = col_dup(st, 14);
	r->totp_pending = col_dup(st, 15);
	r->totp_last_step = col_id(st, 16);
	r->name = col_dup(st, 17);
	r->kana = col_dup(st, 18);
	r->left_on = col_dup(st, 19);
}

int acct_row_load(struct db *db, const char *login, long long id, struct acct_row *r, int *found,
		  struct err *e)
{
	struct db_stmt *st;
	memset(r, 0, sizeof *r);
	*found = 0;
	if (db_prepare(db, login ? ROW_COLUMNS " WHERE a.login = ?" : ROW_COLUMNS " WHERE a.id = ?",
		       &st, e))
		return e->code;
	if (login)
		db_bind_text(st, 1, login);
	else
		db_bind_int(st, 1, id);
	enum db_step_result res = db_step(st, e);
	if (res == DB_ROW) {
		read_row(st, r);
		*found = 1;
	}
	db_finalize(st);
	return res == DB_ERROR ? e->code : 0;
}

/* A person may sign in through their last day (left_on), in Japan's calendar. */
int acct_inactive(const char *disabled_at, const char *left_on)
{
	char today[11];
	if (disabled_at)
		return 1;
	if (!left_on || !*left_on)
		return 0;
	time_today(today);
	return strcmp(left_on, today) < 0;
}

int acct_row_inactive(const struct acct_row *r)
{
	return acct_inactive(r->a.disabled_at, r->left_on);
}

void acct_row_take_account(struct acct_row *r, struct account *out)
{
	*out = r->a;
	memset(&r->a, 0, sizeof r->a);
}

int acct_end_sessions(struct db *db, long long account_id, const char *at, struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, "UPDATE session SET ended_at = ? WHERE account_id = ? AND ended_at IS NULL",
		       &st, e))
		return e->code;
	db_bind_text(st, 1, at);
	db_bind_int(st, 2, account_id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

static int find(struct db *db, const char *login, long long id, struct account *out, int *found,
		struct err *e)
{
	struct acct_row r;
	memset(out, 0, sizeof *out);
	int rc = acct_row_load(db, login, id, &r, found, e);
	if (!rc && *found)
		acct_row_take_account(&r, out);
	acct_row_free(&r);
	return rc;
}

int account_find(struct db *db, const char *login, struct account *out, int *found, struct err *e)
{
	if (!login) {
		memset(out, 0, sizeof *out);
		*found = 0;
		return 0;
	}
	return find(db, login, 0, out, found, e);
}

int account_by_id(struct db *db, long long id, struct account *out, int *found, struct err *e)
{
	return find(db, NULL, id, out, found, e);
}
