/*
 * account.c — accounts of the web UI and API (account.h): the rules, who
 * needs a second factor, and the administrator's operations (create, reset,
 * disable, enable, list).  Sign-in is account_login.c, passwords
 * account_password.c, TOTP account_totp.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "core/org.h"
#include "core/profile.h"
#include "core/rows.h"
#include "util/buf.h"
#include "util/timeutil.h"

void account_rules_default(struct account_rules *r)
{
	r->min_length = 12;
	r->max_failures = 5;
	r->failure_window_min = 15;
	r->lock_minutes = 15;
	r->history = 5;
	r->idle_minutes = 30;
	r->idle_minutes_privileged = 15;
}

int account_rules_load(struct db *db, struct account_rules *r, struct err *e)
{
	struct municipality m;
	struct profile p;
	int found;
	account_rules_default(r);
	if (municipality_get(db, &m, &found, e))
		return e->code;
	municipality_free(&m);
	if (!found)
		return 0;
	if (profile_load(db, &p, e))
		return e->code;
	r->min_length = (int)profile_param(&p, "password_min_length");
	r->max_failures = (int)profile_param(&p, "lockout_attempts");
	/* The profile's figure is the guideline's 6.2(4) idle lock, the strict
	 * one; ordinary staff get twice that. */
	r->idle_minutes_privileged = (int)profile_param(&p, "idle_lock_minutes");
	r->idle_minutes = 2 * r->idle_minutes_privileged;
	profile_free(&p);
	return 0;
}

/* Guideline 5.4 and 6.2: those who can change the whole system or its record. */
static const char *const totp_roles[] = {"ciso", "chief_officer", "system_admin", "audit_lead"};

int account_role_needs_totp(const char *role)
{
	for (size_t i = 0; role && i < sizeof totp_roles / sizeof totp_roles[0]; i++)
		if (strcmp(role, totp_roles[i]) == 0)
			return 1;
	return 0;
}

/* A direct query rather than role_load: a sign-in needs one person's roles,
 * not the whole municipality's. */
static int holds_totp_role(struct db *db, long long staff_id, int *holds, struct err *e)
{
	struct db_stmt *st;
	*holds = 0;
	if (db_prepare(db, "SELECT role FROM role_assignment WHERE staff_id = ? AND ended_on IS NULL",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, staff_id);
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW)
		if (account_role_needs_totp(db_column_text(st, 0)))
			*holds = 1;
	db_finalize(st);
	return r == DB_ERROR ? e->code : 0;
}

int account_needs_totp(struct db *db, const struct account *a, int *needs, struct err *e)
{
	*needs = a->is_admin;
	if (*needs)
		return 0;
	return holds_totp_role(db, a->staff_id, needs, e);
}

int account_idle_minutes(struct db *db, const struct account *a, const struct account_rules *r,
			 int *minutes, struct err *e)
{
	int needs;
	*minutes = r->idle_minutes_privileged;
	if (account_needs_totp(db, a, &needs, e))
		return e->code;
	if (!needs)
		*minutes = r->idle_minutes;
	return 0;
}

/* ---- create ---- */

struct create_args {
	const char *staff_no;
	int is_admin;
	const char *hash;
	int must_change;
	const char *totp_secret; /* set up already (demo accounts), or NULL */
};

static int staff_of(struct db *db, const char *staff_no, long long *staff_id, struct err *e)
{
	struct db_stmt *st;
	char today[11];
	*staff_id = 0;
	if (db_prepare(db, "SELECT id, left_on FROM staff WHERE staff_no = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, staff_no);
	enum db_step_result r = db_step(st, e);
	const char *left_on = r == DB_ROW ? db_column_text(st, 1) : NULL;
	int rc = r == DB_ERROR ? e->code : 0;
	time_today(today);
	if (!rc && r != DB_ROW)
		rc = err_set(e, ERR_INPUT, "職員番号「%s」の職員は登録されていません", staff_no);
	else if (!rc && left_on && *left_on && strcmp(left_on, today) < 0)
		rc = err_set(e, ERR_INPUT, "職員番号「%s」の職員は %s に離任しています", staff_no, left_on);
	else if (!rc)
		*staff_id = db_column_int(st, 0);
	db_finalize(st);
	return rc;
}

static int create_fn(struct db *db, void *arg, struct err *e)
{
	const struct create_args *c = arg;
	char at[32];
	long long staff_id, exists, id;
	struct db_stmt *st;
	acct_now(at);
	if (staff_of(db, c->staff_no, &staff_id, e) ||
	    db_query_int(db, "SELECT count(*) FROM account WHERE login = ?", c->staff_no, &exists, e))
		return e->code;
	if (exists)
		return err_set(e, ERR_INPUT, "職員番号「%s」のアカウントは既にあります", c->staff_no);
	if (acct_next_id(db, "SELECT COALESCE(MAX(id), 0) + 1 FROM account", &id, e) ||
	    db_prepare(db, "INSERT INTO account(id, staff_id, login, pw_hash, must_change, is_admin,"
			   " totp_secret, totp_enrolled, failures, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
		       &st, e))
		return e->code;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, staff_id);
	db_bind_text(st, 3, c->staff_no);
	db_bind_text(st, 4, c->hash);
	db_bind_int(st, 5, c->must_change);
	db_bind_int(st, 6, c->is_admin);
	db_bind_text(st, 7, c->totp_secret);
	db_bind_int(st, 8, c->totp_secret != NULL);
	db_bind_text(st, 9, at);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc ? rc
		  : acct_log(db, at, c->staff_no, NULL, "account_created",
			     c->is_admin ? "管理者" : NULL, e);
}

/* Also the demo's door in (demo_accounts.c): a known password, no change forced. */
int acct_create_with_password(struct db *db, const char *staff_no, int is_admin,
			      const char *password, int must_change, const char *totp_secret,
			      struct err *e)
{
	char hash[crypto_pwhash_STRBYTES];
	if (!staff_no || !*staff_no)
		return err_set(e, ERR_INPUT, "職員番号を指定してください");
	if (acct_hash_password(password, hash, e))
		return e->code;
	struct create_args c = {staff_no, is_admin != 0, hash, must_change, totp_secret};
	int rc = acct_write(db, create_fn, &c, e);
	sodium_memzero(hash, sizeof hash);
	return rc;
}

int account_create(struct db *db, const char *staff_no, int is_admin, char **temp_password,
		   struct err *e)
{
	char *temp = acct_temp_password();
	*temp_password = NULL;
	if (acct_create_with_password(db, staff_no, is_admin, temp, 1, NULL, e)) {
		acct_free_secret(temp);
		return e->code;
	}
	*temp_password = temp;
	return 0;
}

/* ---- reset, disable, enable ---- */

static int require(struct db *db, const char *login, struct account *a, struct err *e)
{
	int found;
	if (account_find(db, login, a, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INPUT, "職員番号「%s」のアカウントはありません", login ? login : "");
	return 0;
}

/* One UPDATE of the account by id, then a log line. */
struct change_args {
	const char *sql; /* parameters: (text,) id */
	const char *text; /* the text parameter; NULL: the sql takes only the id */
	int text_is_now;  /* the text parameter is the current instant */
	long long id;
	const char *login, *event;
	int end_sessions;
	int revoke_tokens;
};

/* sql takes (text, id), or only the id when text is NULL. */
static int run_id_update(struct db *db, const char *sql, const char *text, long long id,
			 struct err *e)
{
	struct db_stmt *st;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	if (text)
		db_bind_text(st, 1, text);
	db_bind_int(st, text ? 2 : 1, id);
	int rc = db_step(st, e) == DB_ERROR ? e->code : 0;
	db_finalize(st);
	return rc;
}

static int change_fn(struct db *db, void *arg, struct err *e)
{
	const struct change_args *c = arg;
	char at[32];
	acct_now(at);
	if (run_id_update(db, c->sql, c->text_is_now ? at : c->text, c->id, e))
		return e->code;
	if (c->end_sessions && acct_end_sessions(db, c->id, at, e))
		return e->code;
	if (c->revoke_tokens &&
	    run_id_update(db, "UPDATE api_token SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL",
			  at, c->id, e))
		return e->code;
	return acct_log(db, at, c->login, NULL, c->event, NULL, e);
}

int account_reset(struct db *db, const char *login, char **temp_password, struct err *e)
{
	struct account a;
	char hash[crypto_pwhash_STRBYTES];
	*temp_password = NULL;
	if (require(db, login, &a, e))
		return e->code;
	char *temp = acct_temp_password();
	int rc = acct_hash_password(temp, hash, e);
	struct change_args c = {"UPDATE account SET pw_hash = ?, must_change = 1, failures = 0,"
				" first_failure_at = NULL, locked_until = NULL WHERE id = ?",
				hash, 0, a.id, a.login, "password_reset", 1, 0};
	if (!rc)
		rc = acct_write(db, change_fn, &c, e);
	sodium_memzero(hash, sizeof hash);
	account_free(&a);
	if (rc)
		acct_free_secret(temp);
	else
		*temp_password = temp;
	return rc;
}

int account_disable(struct db *db, const char *login, struct err *e)
{
	struct account a;
	if (require(db, login, &a, e))
		return e->code;
	int rc = a.disabled_at ? err_set(e, ERR_INPUT, "職員番号「%s」のアカウントは既に無効です", login) : 0;
	struct change_args c = {"UPDATE account SET disabled_at = ? WHERE id = ?", NULL, 1, a.id,
				a.login, "account_disabled", 1, 1};
	if (!rc)
		rc = acct_write(db, change_fn, &c, e);
	account_free(&a);
	return rc;
}

int account_enable(struct db *db, const char *login, struct err *e)
{
	struct account a;
	if (require(db, login, &a, e))
		return e->code;
	int rc = !a.disabled_at ? err_set(e, ERR_INPUT, "職員番号「%s」のアカウントは無効になっていません", login) : 0;
	struct change_args c = {"UPDATE account SET disabled_at = NULL, failures = 0,"
				" first_failure_at = NULL, locked_until = NULL WHERE id = ?",
				NULL, 0, a.id, a.login, "account_enabled", 0, 0};
	if (!rc)
		rc = acct_write(db, change_fn, &c, e);
	account_free(&a);
	return rc;
}

/* ---- list ---- */

static void read_info(struct db_stmt *st, void *elem)
{
	struct account_info *i = elem;
	i->a.id = db_column_int(st, 0);
	i->a.staff_id = db_column_int(st, 1);
	i->a.login = col_dup(st, 2);
	i->a.is_admin = (int)db_column_int(st, 3);
	i->a.must_change = (int)db_column_int(st, 4);
	i->a.totp_enrolled = (int)db_column_int(st, 5);
	i->a.last_login_at = col_dup(st, 6);
	i->a.last_login_addr = col_dup(st, 7);
	i->a.locked_until = col_dup(st, 8);
	i->a.disabled_at = col_dup(st, 9);
	i->a.created_at = col_dup(st, 10);
	i->name = col_dup(st, 11);
	i->tokens = (int)db_column_int(st, 12);
}

int account_list(struct db *db, struct account_info **v, size_t *n, struct err *e)
{
	int rc = rows_load(db,
			   "SELECT a.id, a.staff_id, a.login, a.is_admin, a.must_change, a.totp_enrolled,"
			   " a.last_login_at, a.last_login_addr, a.locked_until, a.disabled_at, a.created_at,"
			   " s.name, (SELECT count(*) FROM api_token t WHERE t.account_id = a.id"
			   " AND t.revoked_at IS NULL)"
			   " FROM account a JOIN staff s ON s.id = a.staff_id ORDER BY a.login",
			   sizeof **v, read_info, (void **)v, n, e);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = holds_totp_role(db, (*v)[i].a.staff_id, &(*v)[i].privileged, e);
	if (rc) {
		account_list_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

void account_list_free(struct account_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		account_free(&v[i].a);
		free(v[i].name);
	}
	free(v);
}
