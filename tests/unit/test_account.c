/*
 * test_account.c — accounts, sign-in, TOTP, sessions and API tokens
 * (core/account.h, core/session.h) on a SQLite file and, when
 * $MAMORI_TEST_PG names a server, again on PostgreSQL (in a schema of its
 * own, dropped first).  The clock is pinned through MAMORI_NOW so that
 * lockouts, codes and idle timeouts are exact.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "core/account.h"
#include "core/infosys.h"
#include "core/org.h"
#include "core/role.h"
#include "core/session.h"
#include "core/staff.h"
#include "core/totp.h"
#include "store/schema.h"
#include "store/verify.h"
#include "util/buf.h"
#include "util/sha256.h"

#include "check.h"

#define PG_SCHEMA "mamori_test_account"

static char dir[] = "/tmp/mamori-account-XXXXXX";
static char path[256]; /* the SQLite file, or "" on PostgreSQL */

/* The pinned clock: T0 plus `seconds`. */
#define T0 1780272000 /* 2026-06-01T00:00:00Z */
static void set_now(long seconds)
{
	char s[32];
	time_t t = T0 + seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	setenv("MAMORI_NOW", s, 1);
}

static void die(const char *what, const struct err *e)
{
	fprintf(stderr, "setup %s: %s\n", what, e->msg);
	exit(2);
}

static void add_staff(struct tx *tx, const char *no, const char *name, const char *kana,
		      long long unit)
{
	struct err e = {0};
	struct staff s = {.staff_no = (char *)no, .name = (char *)name, .kana = (char *)kana,
			  .unit_id = unit, .employment = "regular", .started_on = "2020-04-01"};
	if (staff_insert(tx, &s, "staff.add", &e))
		die(no, &e);
}

static long long assign(struct tx *tx, const char *role, const char *no, const char *system)
{
	struct err e = {0};
	long long id;
	struct role_input in = {role, no, NULL, system, "2025-04-01", NULL};
	if (role_assign(tx, &in, &id, &e))
		die(role, &e);
	return id;
}

static long long audit_role;

/*
 * 試験市: staff 100001 山田 太郎 (no role), 100002 (ciso), 100003
 * (chief_officer), 100004 (audit_lead), 100005 (system_admin), 100006,
 * 100009, 100010 (no role), 100007 (retires 2026-05-31).
 */
static void build(struct db *db)
{
	struct err e = {0};
	struct tx tx;
	long long unit = 0, sys = 0;
	if (schema_migrate(db, &e) || tx_begin(&tx, db, "test", &e) ||
	    municipality_create(&tx, "試験市", "市", NULL, &e))
		die("db", &e);
	struct org_unit_input in = {"B1", "総務部", "部局", NULL, NULL};
	if (org_unit_add(&tx, &in, &unit, &e))
		die("unit", &e);
	add_staff(&tx, "100001", "山田 太郎", "ヤマダ タロウ", unit);
	add_staff(&tx, "100002", "佐藤 花子", "サトウ ハナコ", unit);
	add_staff(&tx, "100003", "鈴木 一郎", "スズキ イチロウ", unit);
	add_staff(&tx, "100004", "高橋 次郎", "タカハシ ジロウ", unit);
	add_staff(&tx, "100005", "田中 三郎", "タナカ サブロウ", unit);
	add_staff(&tx, "100006", "伊藤 四郎", "イトウ シロウ", unit);
	add_staff(&tx, "100007", "渡辺 五郎", "ワタナベ ゴロウ", unit);
	add_staff(&tx, "100009", "小林 六郎", "コバヤシ ロクロウ", unit);
	add_staff(&tx, "100010", "加藤 七子", "カトウ ナナコ", unit);
	struct info_system_input si = {"SYS1", "庶務システム", "B1", "lgwan"};
	if (infosys_add(&tx, &si, &sys, &e))
		die("system", &e);
	assign(&tx, "ciso", "100002", NULL);
	assign(&tx, "chief_officer", "100003", NULL);
	audit_role = assign(&tx, "audit_lead", "100004", NULL);
	assign(&tx, "system_admin", "100005", "SYS1");
	if (staff_retire(&tx, "100007", "2026-05-31", &e) || tx_commit(&tx, &e))
		die("commit", &e);
}

/* Creates an account and gives it `password` (through the temporary one). */
static long long make_account(struct db *db, const char *no, int admin, const char *password)
{
	struct err e = {0};
	struct account a;
	char *temp;
	int found;
	if (account_create(db, no, admin, &temp, &e) || account_find(db, no, &a, &found, &e) ||
	    account_set_password(db, a.id, temp, password, &e))
		die(no, &e);
	free(temp);
	long long id = a.id;
	account_free(&a);
	return id;
}

static enum login_result login(struct db *db, const char *no, const char *pw, const char *code,
			       struct account *a)
{
	struct err e = {0};
	enum login_result r = account_login(db, no, pw, code, "192.0.2.10", a, &e);
	if (e.code)
		fprintf(stderr, "login error: %s\n", e.msg);
	CHECK(e.code == 0);
	return r;
}

static enum login_result login_once(struct db *db, const char *no, const char *pw,
				    const char *code)
{
	struct account a;
	enum login_result r = login(db, no, pw, code, &a);
	account_free(&a);
	return r;
}

static long long count(struct db *db, const char *sql, const char *param)
{
	struct err e = {0};
	long long n = -1;
	if (db_query_int(db, sql, param, &n, &e))
		fprintf(stderr, "count: %s\n", e.msg);
	return n;
}

/* ---- creation and temporary passwords ---- */

static void test_create(struct db *db)
{
	struct err e = {0};
	struct account a;
	char *temp = NULL;
	int found;
	CHECK(account_create(db, "100001", 0, &temp, &e) == 0);
	CHECK(temp && strlen(temp) == 16);
	CHECK(temp && strpbrk(temp, "0O1lI") == NULL);
	CHECK(account_find(db, "100001", &a, &found, &e) == 0 && found);
	CHECK(a.must_change == 1 && a.is_admin == 0 && a.totp_enrolled == 0);
	CHECK(a.last_login_at == NULL);
	/* the first sign-in may only change the password */
	struct account b;
	CHECK(login(db, "100001", temp, NULL, &b) == LOGIN_MUST_CHANGE);
	CHECK(b.id == a.id && b.last_login_at == NULL);
	account_free(&b);
	CHECK(login(db, "100001", temp, NULL, &b) == LOGIN_MUST_CHANGE);
	CHECK(b.last_login_at && strcmp(b.last_login_addr, "192.0.2.10") == 0);
	account_free(&b);

	char *dup = NULL;
	CHECK(account_create(db, "100001", 0, &dup, &e) == ERR_INPUT && dup == NULL);
	CHECK(strstr(e.msg, "既にあります") != NULL);
	CHECK(account_create(db, "999999", 0, &dup, &e) == ERR_INPUT);
	CHECK(strstr(e.msg, "登録されていません") != NULL);
	CHECK(account_create(db, "100007", 0, &dup, &e) == ERR_INPUT); /* retired */
	CHECK(strstr(e.msg, "離任") != NULL);
	CHECK(count(db, "SELECT count(*) FROM account WHERE pw_hash LIKE '$argon2id$%'", NULL) == 1);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE event = 'account_created'", NULL) == 1);

	/* password rules, each with its own message */
	struct {
		const char *pw, *msg;
	} bad[] = {
		{"short-1A", "12 文字以上"},
		{"xx100001xxyyzz", "ID（職員番号）"},
		{"山田太郎のひみつのパスワード", "氏名"},
		{"やまだ-secret-word", "氏名"},
		{"Password1234", "よく使われる"},
		{"ＰＡＳＳＷＯＲＤ１２３４", "よく使われる"},
		{"!Kasumigaseki2026", "よく使われる"},
		{"qwertyuiopas", "よく使われる"},
		{"aaaaaaaaaaaaaaa", "よく使われる"},
		{"abcdefghijklm", "よく使われる"},
		{"123456789012", "よく使われる"},
		{"soumu-soumu-soumu", "よく使われる"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		e.msg[0] = 0;
		int rc = account_set_password(db, a.id, temp, bad[i].pw, &e);
		CHECK(rc == ERR_INPUT && strstr(e.msg, bad[i].msg) != NULL);
		if (rc != ERR_INPUT || !strstr(e.msg, bad[i].msg))
			fprintf(stderr, "  rule case «%s»: %d %s\n", bad[i].pw, rc, e.msg);
	}
	CHECK(account_set_password(db, a.id, "wrong-old-password", "kuroi-neko-ga-hashiru", &e) ==
	      ERR_INPUT);
	CHECK(strstr(e.msg, "現在のパスワード") != NULL);
	CHECK(account_set_password(db, a.id, temp, temp, &e) == ERR_INPUT); /* the temporary one again */
	CHECK(account_set_password(db, a.id, temp, "kuroi-neko-ga-hashiru", &e) == 0);
	CHECK(login_once(db, "100001", "kuroi-neko-ga-hashiru", NULL) == LOGIN_OK);
	CHECK(login_once(db, "100001", temp, NULL) == LOGIN_BAD);
	free(temp);
	account_free(&a);
}

/* None of the last 5; the 6th back is allowed again. */
static void test_history(struct db *db)
{
	struct err e = {0};
	struct account a;
	int found;
	static const char *const pw[] = {"kuroi-neko-ga-hashiru", "shiroi-inu-mo-hashiru",
					 "aoi-tori-ga-tobu-yo", "akai-kingyo-oyogu",
					 "kiiroi-chou-mau-yo", "midori-no-kaeru-naku"};
	CHECK(account_find(db, "100001", &a, &found, &e) == 0 && found);
	for (int i = 1; i < 5; i++)
		CHECK(account_set_password(db, a.id, pw[i - 1], pw[i], &e) == 0);
	/* the oldest and the current one (each refusal costs up to 6 Argon2id checks) */
	for (int i = 0; i < 5; i += 4) {
		CHECK(account_set_password(db, a.id, pw[4], pw[i], &e) == ERR_INPUT);
		CHECK(strstr(e.msg, "直近 5 回") != NULL);
	}
	CHECK(account_set_password(db, a.id, pw[4], pw[5], &e) == 0);
	CHECK(account_set_password(db, a.id, pw[5], pw[0], &e) == 0);
	CHECK(count(db, "SELECT count(*) FROM account_password_history h JOIN account a"
			" ON a.id = h.account_id WHERE a.login = ?", "100001") == 5);
	account_free(&a);
}

/* ---- lockout ---- */

static void test_lockout(struct db *db)
{
	const char *pw = "kuroi-neko-ga-hashiru";
	struct account a;
	make_account(db, "100006", 0, pw);
	set_now(0);
	for (int i = 0; i < 4; i++)
		CHECK(login_once(db, "100006", "not-the-password", NULL) == LOGIN_BAD);
	CHECK(login(db, "100006", "not-the-password", NULL, &a) == LOGIN_LOCKED);
	CHECK(a.locked_until && strcmp(a.locked_until, "2026-06-01T00:15:00Z") == 0);
	account_free(&a);
	CHECK(login_once(db, "100006", pw, NULL) == LOGIN_LOCKED); /* even the right password */
	set_now(14 * 60);
	CHECK(login_once(db, "100006", pw, NULL) == LOGIN_LOCKED);
	set_now(16 * 60);
	CHECK(login_once(db, "100006", pw, NULL) == LOGIN_OK);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE event = 'lockout' AND login = ?", "100006") == 1);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE event = 'login_locked' AND login = ?", "100006") == 2);

	/* failures more than 15 minutes apart start a new count */
	set_now(20 * 60);
	for (int i = 0; i < 4; i++)
		CHECK(login_once(db, "100006", "not-the-password", NULL) == LOGIN_BAD);
	set_now(36 * 60);
	CHECK(login_once(db, "100006", "not-the-password", NULL) == LOGIN_BAD);
	CHECK(login_once(db, "100006", pw, NULL) == LOGIN_OK);

	/* a reset unlocks */
	set_now(40 * 60);
	for (int i = 0; i < 5; i++)
		login_once(db, "100006", "not-the-password", NULL);
	CHECK(login_once(db, "100006", pw, NULL) == LOGIN_LOCKED);
	struct err e = {0};
	char *temp;
	CHECK(account_reset(db, "100006", &temp, &e) == 0);
	CHECK(login_once(db, "100006", temp, NULL) == LOGIN_MUST_CHANGE);
	free(temp);
}

static double seconds_of(struct db *db, const char *no, const char *pw)
{
	struct timeval a, b;
	gettimeofday(&a, NULL);
	CHECK(login_once(db, no, pw, NULL) == LOGIN_BAD);
	gettimeofday(&b, NULL);
	return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_usec - a.tv_usec) / 1e6;
}

static double min3(struct db *db, const char *no, const char *pw)
{
	double best = 1e9;
	for (int i = 0; i < 3; i++) {
		double t = seconds_of(db, no, pw);
		best = t < best ? t : best;
	}
	return best;
}

/* Unknown login and wrong password: the same answer, in about the same time
 * (the fastest of three each, so a busy machine does not decide). */
static void test_unknown_login(struct db *db)
{
	set_now(3600);
	double wrong = min3(db, "100001", "not-the-password");
	double unknown = min3(db, "nobody", "not-the-password");
	CHECK(unknown > wrong * 0.5 && unknown < wrong * 2 + 0.05);
	if (!(unknown > wrong * 0.5))
		fprintf(stderr, "  timing: wrong %.3f s, unknown %.3f s\n", wrong, unknown);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE event = 'login_unknown' AND login = 'nobody'", NULL) == 3);
	/* not UTF-8, or absurdly long: just wrong, and logged readably */
	CHECK(login_once(db, "\xff\xfe\x01x", "pw", NULL) == LOGIN_BAD);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE login = '???x'", NULL) == 1);
	char *long_pw = xmalloc(5000);
	memset(long_pw, 'a', 4999);
	long_pw[4999] = '\0';
	CHECK(login_once(db, "100001", long_pw, NULL) == LOGIN_BAD);
	free(long_pw);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE detail LIKE '%not-the-password%'"
			" OR login LIKE '%not-the-password%'", NULL) == 0);
}

/* ---- TOTP ---- */

static void code_at(const char *secret, long seconds, char out[7])
{
	struct err e = {0};
	if (totp_code(secret, T0 + seconds, out, &e))
		die("totp_code", &e);
}

static void test_needs_totp(struct db *db)
{
	struct err e = {0};
	struct tx tx;
	struct account a;
	int needs = -1, found;
	CHECK(account_role_needs_totp("ciso") && account_role_needs_totp("chief_officer") &&
	      account_role_needs_totp("system_admin") && account_role_needs_totp("audit_lead"));
	CHECK(!account_role_needs_totp("manager") && !account_role_needs_totp("staff") &&
	      !account_role_needs_totp(NULL));
	static const char *const privileged[] = {"100002", "100003", "100004", "100005"};
	for (size_t i = 0; i < 4; i++) {
		char *temp;
		CHECK(account_create(db, privileged[i], 0, &temp, &e) == 0);
		free(temp);
		CHECK(account_find(db, privileged[i], &a, &found, &e) == 0 && found);
		CHECK(account_needs_totp(db, &a, &needs, &e) == 0 && needs == 1);
		account_free(&a);
	}
	CHECK(account_find(db, "100001", &a, &found, &e) == 0 && found);
	CHECK(account_needs_totp(db, &a, &needs, &e) == 0 && needs == 0);
	a.is_admin = 1;
	CHECK(account_needs_totp(db, &a, &needs, &e) == 0 && needs == 1);
	account_free(&a);
	/* a role that ended no longer counts */
	CHECK(tx_begin(&tx, db, "test", &e) == 0 && role_end(&tx, audit_role, "2026-05-01", &e) == 0 &&
	      tx_commit(&tx, &e) == 0);
	CHECK(account_find(db, "100004", &a, &found, &e) == 0 && found);
	CHECK(account_needs_totp(db, &a, &needs, &e) == 0 && needs == 0);
	account_free(&a);
}

static void test_totp(struct db *db)
{
	struct err e = {0};
	struct account a;
	char *secret, *uri, **rec;
	size_t nrec;
	char code[7];
	const char *pw = "ciso-no-nagai-passphrase";
	long long id = make_account(db, "100009", 1, pw); /* an administrator */
	set_now(7200);
	/* not enrolled yet: the password signs in, enrolment is up to the caller */
	CHECK(login(db, "100009", pw, NULL, &a) == LOGIN_OK && a.totp_enrolled == 0 && a.is_admin);
	account_free(&a);
	CHECK(account_totp_begin(db, id, &secret, &uri, &e) == 0);
	CHECK(strlen(secret) == 32);
	CHECK(strncmp(uri, "otpauth://totp/mamori:100009?secret=", 36) == 0);
	CHECK(strstr(uri, secret) && strstr(uri, "&issuer=mamori"));
	code_at(secret, 7200, code);
	char wrong[7];
	memcpy(wrong, code, 7);
	wrong[0] = wrong[0] == '9' ? '0' : (char)(wrong[0] + 1);
	CHECK(account_totp_confirm(db, id, wrong, &rec, &nrec, &e) == ERR_INPUT);
	CHECK(strstr(e.msg, "確認コード") != NULL);
	CHECK(account_totp_confirm(db, id, code, &rec, &nrec, &e) == 0);
	CHECK(nrec == 10);
	for (size_t i = 0; i < nrec; i++)
		CHECK(strlen(rec[i]) == 10);
	CHECK(strcmp(rec[0], rec[1]) != 0);
	int left = 0;
	CHECK(account_recovery_left(db, id, &left, &e) == 0 && left == 10);

	/* the password alone now asks for a code, and says for which account */
	CHECK(login(db, "100009", pw, NULL, &a) == LOGIN_NEED_TOTP && a.id == id);
	account_free(&a);
	/* the code used for enrolment does not sign in (same step) */
	CHECK(login_once(db, "100009", pw, code) == LOGIN_BAD);
	set_now(7260);
	code_at(secret, 7260, code);
	CHECK(login_once(db, "100009", pw, code) == LOGIN_OK);
	CHECK(login_once(db, "100009", pw, code) == LOGIN_BAD); /* replayed */
	set_now(7380);
	code_at(secret, 7380 - 90, code); /* three steps ago */
	CHECK(login_once(db, "100009", pw, code) == LOGIN_BAD);
	code_at(secret, 7380 - 30, code); /* one step ago: within the window */
	CHECK(login_once(db, "100009", pw, code) == LOGIN_OK);
	/* full-width digits and spaces, as an IME may type them */
	set_now(7500);
	code_at(secret, 7500, code);
	char spaced[16];
	snprintf(spaced, sizeof spaced, " %.3s %s ", code, code + 3);
	CHECK(login_once(db, "100009", pw, spaced) == LOGIN_OK);
	set_now(7530);
	code_at(secret, 7530, code);
	struct buf fw = BUF_INIT;
	for (const char *p = code; *p; p++)
		buf_printf(&fw, "\xEF\xBC%c", (char)(0x90 + (*p - '0'))); /* U+FF10.. */
	CHECK(login_once(db, "100009", pw, buf_str(&fw)) == LOGIN_OK);
	buf_free(&fw);

	/* the second step on its own (web: SESSION_NEED_TOTP) */
	set_now(7560);
	code_at(secret, 7560, code);
	CHECK(login(db, "100009", pw, NULL, &a) == LOGIN_NEED_TOTP);
	struct account b;
	CHECK(account_login_code(db, a.id, "123", "192.0.2.10", &b, &e) == LOGIN_BAD && e.code == 0);
	account_free(&b);
	CHECK(account_login_code(db, a.id, code, "192.0.2.10", &b, &e) == LOGIN_OK && b.id == id);
	account_free(&b);
	account_free(&a);

	/* recovery codes work once each, hyphenated or not */
	char hy[16];
	snprintf(hy, sizeof hy, "%.5s-%s", rec[0], rec[0] + 5);
	CHECK(login_once(db, "100009", pw, hy) == LOGIN_OK);
	CHECK(login_once(db, "100009", pw, rec[0]) == LOGIN_BAD);
	CHECK(account_recovery_left(db, id, &left, &e) == 0 && left == 9);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE event = 'login_ok' AND detail LIKE '%回復コード%'", NULL) == 1);

	/* stored hashed: no recovery code appears in the database */
	for (size_t i = 0; i < nrec; i++)
		CHECK(count(db, "SELECT count(*) FROM account_recovery_code WHERE code_hash LIKE '%' || ? || '%'",
			    rec[i]) == 0);

	/* an administrator's remedy for a lost device */
	CHECK(account_totp_remove(db, "100009", &e) == 0);
	CHECK(login(db, "100009", pw, NULL, &a) == LOGIN_OK && a.totp_enrolled == 0);
	account_free(&a);
	CHECK(account_recovery_left(db, id, &left, &e) == 0 && left == 0);
	account_recovery_free(rec, nrec);
	free(secret);
	free(uri);
}

/* ---- sessions and tokens ---- */

static void test_sessions(struct db *db)
{
	struct err e = {0};
	struct session s1, s2, got;
	char t1[SESSION_TOKEN_HEX + 1], t2[SESSION_TOKEN_HEX + 1], t3[SESSION_TOKEN_HEX + 1];
	int found;
	struct account a;
	CHECK(account_find(db, "100001", &a, &found, &e) == 0 && found);
	set_now(10000);
	CHECK(session_start(db, a.id, SESSION_NEED_TOTP, "192.0.2.10", t1, &s1, &e) == 0);
	CHECK(strlen(t1) == SESSION_TOKEN_HEX && strspn(t1, "0123456789abcdef") == SESSION_TOKEN_HEX);
	CHECK(session_start(db, a.id, SESSION_FULL, "192.0.2.11", t2, &s2, &e) == 0);
	CHECK(strcmp(t1, t2) != 0 && strcmp(s1.csrf, s2.csrf) != 0 && strlen(s1.csrf) == 64);

	CHECK(session_lookup(db, t1, 30, &got, &found, &e) == 0 && found);
	CHECK(got.id == s1.id && got.stage == SESSION_NEED_TOTP && strcmp(got.csrf, s1.csrf) == 0);
	session_free(&got);
	CHECK(session_lookup(db, "00", 30, &got, &found, &e) == 0 && !found);
	t3[0] = '\0';
	CHECK(session_lookup(db, t3, 30, &got, &found, &e) == 0 && !found);

	/* promotion rotates the token */
	CHECK(session_promote(db, s1.id, SESSION_FULL, t3, &e) == 0 && strcmp(t1, t3) != 0);
	CHECK(session_lookup(db, t1, 30, &got, &found, &e) == 0 && !found);
	CHECK(session_lookup(db, t3, 30, &got, &found, &e) == 0 && found && got.stage == SESSION_FULL);
	CHECK(strcmp(got.csrf, s1.csrf) == 0);
	session_free(&got);

	/* idle timeout, measured from the last request */
	set_now(10000 + 20 * 60);
	CHECK(session_lookup(db, t3, 30, &got, &found, &e) == 0 && found);
	session_free(&got);
	set_now(10000 + 45 * 60);
	CHECK(session_lookup(db, t3, 30, &got, &found, &e) == 0 && found);
	session_free(&got);
	CHECK(session_lookup(db, t2, 30, &got, &found, &e) == 0 && !found); /* idle 45 min */
	CHECK(count(db, "SELECT count(*) FROM session WHERE ended_at IS NOT NULL", NULL) == 1);
	/* sign-out */
	CHECK(session_end(db, s1.id, &e) == 0);
	CHECK(session_lookup(db, t3, 30, &got, &found, &e) == 0 && !found);
	CHECK(session_end(db, s1.id, &e) == 0); /* twice is fine */
	CHECK(session_promote(db, s1.id, SESSION_FULL, t3, &e) == ERR_INPUT);
	CHECK(count(db, "SELECT count(*) FROM auth_event WHERE event = 'logout'", NULL) == 1);

	/* only hashes are stored */
	char h[65];
	sha256_hex(t2, SESSION_TOKEN_HEX, h);
	CHECK(count(db, "SELECT count(*) FROM session WHERE token_hash = ?", h) == 1);
	CHECK(count(db, "SELECT count(*) FROM session WHERE token_hash = ?", t2) == 0);

	/* 0: the account's own limit, fixed at the start (15 minutes for the CISO) */
	struct account c;
	CHECK(account_find(db, "100002", &c, &found, &e) == 0 && found);
	session_free(&s1);
	session_free(&s2);
	set_now(15000);
	CHECK(session_start(db, a.id, SESSION_FULL, NULL, t1, &s1, &e) == 0 && s1.idle_minutes == 30);
	CHECK(session_start(db, c.id, SESSION_FULL, NULL, t2, &s2, &e) == 0 && s2.idle_minutes == 15);
	set_now(15000 + 16 * 60);
	CHECK(session_lookup(db, t1, 0, &got, &found, &e) == 0 && found && got.idle_minutes == 30);
	session_free(&got);
	CHECK(session_lookup(db, t2, 0, &got, &found, &e) == 0 && !found);
	session_free(&s1);
	session_free(&s2);
	account_free(&c);

	/* a disabled account's sessions end */
	set_now(20000);
	CHECK(session_start(db, a.id, SESSION_FULL, NULL, t1, NULL, &e) == 0);
	CHECK(session_lookup(db, t1, 30, &got, &found, &e) == 0 && found);
	session_free(&got);
	session_free(&s1);
	session_free(&s2);
	account_free(&a);
}

static void test_tokens(struct db *db, char keep[SESSION_TOKEN_HEX + 1])
{
	struct err e = {0};
	char t1[SESSION_TOKEN_HEX + 1], t2[SESSION_TOKEN_HEX + 1];
	long long who;
	int found;
	struct account a;
	CHECK(account_find(db, "100001", &a, &found, &e) == 0 && found);
	CHECK(api_token_create(db, a.id, "集計スクリプト", t1, &e) == 0);
	CHECK(api_token_create(db, a.id, "集計スクリプト", t2, &e) == ERR_INPUT);
	CHECK(api_token_create(db, a.id, "", t2, &e) == ERR_INPUT);
	CHECK(api_token_lookup(db, t1, &who, &found, &e) == 0 && found && who == a.id);
	CHECK(api_token_lookup(db, "zz", &who, &found, &e) == 0 && !found);
	CHECK(api_token_revoke(db, a.id, "集計スクリプト", &e) == 0);
	CHECK(api_token_lookup(db, t1, &who, &found, &e) == 0 && !found);
	CHECK(api_token_revoke(db, a.id, "集計スクリプト", &e) == ERR_INPUT);
	CHECK(api_token_create(db, a.id, "集計スクリプト", t2, &e) == 0); /* the name is free again */
	CHECK(api_token_lookup(db, t2, &who, &found, &e) == 0 && found);
	struct api_token_info *v;
	size_t n;
	CHECK(api_token_list(db, a.id, &v, &n, &e) == 0 && n == 2 && v[0].revoked_at && !v[1].revoked_at);
	api_token_list_free(v, n);
	memcpy(keep, t2, SESSION_TOKEN_HEX + 1);
	account_free(&a);
}

static void test_disable(struct db *db, const char *token)
{
	struct err e = {0};
	long long who;
	int found;
	const char *pw = "kuroi-neko-ga-hashiru";
	CHECK(account_disable(db, "100001", &e) == 0);
	CHECK(account_disable(db, "100001", &e) == ERR_INPUT);
	CHECK(login_once(db, "100001", pw, NULL) == LOGIN_DISABLED);
	CHECK(login_once(db, "100001", "not-the-password", NULL) == LOGIN_BAD);
	CHECK(api_token_lookup(db, token, &who, &found, &e) == 0 && !found);
	CHECK(count(db, "SELECT count(*) FROM session s JOIN account a ON a.id = s.account_id"
			" WHERE a.login = '100001' AND s.ended_at IS NULL", NULL) == 0);
	CHECK(account_enable(db, "100001", &e) == 0);
	CHECK(login_once(db, "100001", pw, NULL) == LOGIN_OK);
	CHECK(account_disable(db, "nobody", &e) == ERR_INPUT);
}

/* The raw secrets never reach the database file (nor its WAL). */
static int file_contains(const char *file, const char *needle)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		return 0;
	struct buf b = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	int hit = 0;
	size_t m = strlen(needle);
	for (size_t i = 0; !hit && b.len >= m && i <= b.len - m; i++)
		hit = memcmp(b.data + i, needle, m) == 0;
	buf_free(&b);
	return hit;
}

static void test_stored_values(struct db *db, const char *token)
{
	char wal[300];
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (*path) {
		CHECK(!file_contains(path, token) && !file_contains(wal, token));
		CHECK(!file_contains(path, "kuroi-neko-ga-hashiru") &&
		      !file_contains(wal, "kuroi-neko-ga-hashiru"));
	}
	CHECK(count(db, "SELECT count(*) FROM api_token WHERE token_hash = ?", token) == 0);
	/* and the journal knows nothing of accounts */
	CHECK(count(db, "SELECT count(*) FROM journal WHERE subject LIKE 'account%' OR kind LIKE 'account%'"
			" OR subject LIKE 'session%'", NULL) == 0);
	struct verify_report r;
	struct err e = {0};
	CHECK(verify_run(db, &r, &e) == 0 && r.nproblems == 0);
	verify_report_free(&r);
}

static void test_retired(struct db *db)
{
	struct err e = {0};
	struct tx tx;
	const char *pw = "shokuin-no-passphrase";
	make_account(db, "100010", 0, pw);
	CHECK(login_once(db, "100010", pw, NULL) == LOGIN_OK);
	CHECK(tx_begin(&tx, db, "test", &e) == 0 && staff_retire(&tx, "100010", "2026-06-01", &e) == 0 &&
	      tx_commit(&tx, &e) == 0);
	set_now(86400 - 9 * 3600 - 1); /* 2026-06-01 23:59:59 JST: the last day */
	CHECK(login_once(db, "100010", pw, NULL) == LOGIN_OK);
	set_now(86400); /* 2026-06-02 09:00 JST */
	CHECK(login_once(db, "100010", pw, NULL) == LOGIN_DISABLED);
}

static void test_rules(struct db *db)
{
	struct account_rules r;
	struct err e = {0};
	account_rules_default(&r);
	CHECK(r.min_length == 12 && r.max_failures == 5 && r.failure_window_min == 15 &&
	      r.lock_minutes == 15 && r.history == 5 && r.idle_minutes == 30 &&
	      r.idle_minutes_privileged == 15);
	CHECK(account_rules_load(db, &r, &e) == 0 && r.min_length == 12 && r.max_failures == 5 &&
	      r.idle_minutes == 30);
}

static void test_list_and_log(struct db *db)
{
	struct err e = {0};
	struct account_info *v;
	struct auth_event *ev;
	size_t n;
	CHECK(account_list(db, &v, &n, &e) == 0 && n >= 6);
	int seen_privileged = 0;
	for (size_t i = 0; i < n; i++)
		seen_privileged |= strcmp(v[i].a.login, "100002") == 0 && v[i].privileged;
	CHECK(seen_privileged);
	account_list_free(v, n);
	CHECK(auth_log_load(db, 5, &ev, &n, &e) == 0 && n == 5 && ev[0].id > ev[4].id);
	CHECK(strcmp(auth_event_label("login_ok"), "ログイン成功") == 0);
	auth_log_free(ev, n);
}

static void run(struct db *db)
{
	char token[SESSION_TOKEN_HEX + 1];
	setenv("MAMORI_NOW", "2026-06-01T00:00:00Z", 1);
	build(db);
	test_rules(db);
	test_create(db);
	test_history(db);
	test_lockout(db);
	test_unknown_login(db);
	test_needs_totp(db);
	test_totp(db);
	test_sessions(db);
	test_tokens(db, token);
	test_stored_values(db, token);
	test_disable(db, token);
	test_retired(db);
	test_list_and_log(db);
}

static void run_pg(const char *url)
{
	struct db *db;
	struct err e = {0};
	char key[300];
	snprintf(key, sizeof key, "%s/pg.key", dir);
	setenv("MAMORI_KEY", key, 1);
	path[0] = '\0';
	if (db_open(url, &db, &e) ||
	    db_exec(db, "DROP SCHEMA IF EXISTS " PG_SCHEMA " CASCADE; CREATE SCHEMA " PG_SCHEMA ";"
			" SET search_path = " PG_SCHEMA, &e))
		die("PostgreSQL", &e);
	run(db);
	if (db_exec(db, "DROP SCHEMA " PG_SCHEMA " CASCADE", &e))
		fprintf(stderr, "drop schema: %s\n", e.msg);
	db_close(db);
}

int main(void)
{
	struct db *db;
	struct err e = {0};
	const char *url = getenv("MAMORI_TEST_PG");
	if (sodium_init() < 0 || !mkdtemp(dir))
		return 2;
	snprintf(path, sizeof path, "%s/m.db", dir);
	if (db_open(path, &db, &e))
		die("db", &e);
	run(db);
	db_close(db);
	if (url && *url)
		run_pg(url);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return check_report();
}
