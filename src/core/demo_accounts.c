/*
 * demo_accounts.c — sign-in accounts for 架空市 (demo.h: demo_add_accounts).
 *
 * The people are found by their roles in the finished demo rather than
 * named by 職員番号, so the choice follows the generator if it changes:
 * the CISO, the 統括, a 課長 (管理者) with no privileged role and a plain
 * member of that 課 (so a request can be filed and approved between them),
 * a 情報システム管理者, and a member of 情報政策係 (a CSIRT member or
 * system operator there) as mamori administrator.
 * The queries are ordered, so every run picks the same people.
 */
#include <stdio.h>
#include <string.h>

#include "core/account_internal.h"
#include "core/demo.h"

/* Active holders of no role that needs TOTP. */
#define NOT_PRIVILEGED(staff)                                                                 \
	" NOT EXISTS (SELECT 1 FROM role_assignment x WHERE x.staff_id = " staff                  \
	" AND x.ended_on IS NULL AND x.role IN ('ciso', 'chief_officer', 'system_admin', 'audit_lead'))"
#define NO_ROLE(staff)                                                                        \
	" NOT EXISTS (SELECT 1 FROM role_assignment x WHERE x.staff_id = " staff                  \
	" AND x.ended_on IS NULL)"
/* A plain member of unit `unit`: regular, in post, holding no role. */
#define PLAIN_MEMBER(unit)                                                                    \
	"SELECT m.staff_no FROM staff m WHERE m.unit_id = " unit " AND m.left_on IS NULL"     \
	" AND m.employment = 'regular' AND" NO_ROLE("m.id")

static const char *const queries[DEMO_NACCOUNTS] = {
	"SELECT s.staff_no FROM role_assignment r JOIN staff s ON s.id = r.staff_id"
	" WHERE r.role = 'ciso' AND r.ended_on IS NULL ORDER BY r.id LIMIT 1",
	"SELECT s.staff_no FROM role_assignment r JOIN staff s ON s.id = r.staff_id"
	" WHERE r.role = 'chief_officer' AND r.ended_on IS NULL ORDER BY r.id LIMIT 1",
	"SELECT s.staff_no FROM role_assignment r JOIN staff s ON s.id = r.staff_id"
	" WHERE r.role = 'manager' AND r.ended_on IS NULL AND s.left_on IS NULL AND"
	NOT_PRIVILEGED("r.staff_id") " AND EXISTS (" PLAIN_MEMBER("r.unit_id") ")"
	" ORDER BY r.id LIMIT 1",
	/* the plain member of the 課 just chosen */
	PLAIN_MEMBER("(SELECT r.unit_id FROM role_assignment r JOIN staff s ON s.id = r.staff_id"
		     " WHERE r.role = 'manager' AND r.ended_on IS NULL AND s.left_on IS NULL AND"
		     NOT_PRIVILEGED("r.staff_id") " AND EXISTS (" PLAIN_MEMBER("r.unit_id") ")"
		     " ORDER BY r.id LIMIT 1)") " ORDER BY m.staff_no LIMIT 1",
	"SELECT s.staff_no FROM role_assignment r JOIN staff s ON s.id = r.staff_id"
	" WHERE r.role = 'system_admin' AND r.ended_on IS NULL AND s.left_on IS NULL"
	" ORDER BY r.id LIMIT 1",
	"SELECT s.staff_no FROM staff s JOIN org_unit u ON u.id = s.unit_id WHERE u.code = 'T01'"
	" AND s.left_on IS NULL AND s.employment = 'regular' AND" NOT_PRIVILEGED("s.id")
	" ORDER BY s.staff_no LIMIT 1",
};

/* Published in docs/accounts.md and printed by `mamori demo`: never use them elsewhere. */
static const struct demo_account templates[DEMO_NACCOUNTS] = {
	{"", "", "CISO（最高情報セキュリティ責任者・副市長）", "demo-ciso-kakuu", DEMO_TOTP_SECRET, 0},
	{"", "", "統括情報セキュリティ責任者（総務部長）", "demo-tokatsu-kakuu", DEMO_TOTP_SECRET, 0},
	{"", "", "情報セキュリティ管理者（課長）", "demo-kacho-kakuu", NULL, 0},
	{"", "", "職員（上の課長と同じ課）", "demo-shokuin-kakuu", NULL, 0},
	{"", "", "情報システム管理者", "demo-sysadmin-kakuu", DEMO_TOTP_SECRET, 0},
	{"", "", "mamori 管理者", "demo-kanri-kakuu", DEMO_TOTP_SECRET, 1},
};

/* The first column of the first row of sql (with an optional text parameter) into out. */
static int first_text(struct db *db, const char *sql, const char *param, char *out, size_t n,
		      struct err *e)
{
	struct db_stmt *st;
	out[0] = '\0';
	if (db_prepare(db, sql, &st, e))
		return e->code;
	if (param)
		db_bind_text(st, 1, param);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		snprintf(out, n, "%s", db_column_text(st, 0));
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (r != DB_ROW)
		return err_set(e, ERR_INTERNAL, "デモのアカウントに充てる職員が見つかりません");
	return 0;
}

static int pick(struct db *db, const char *sql, struct demo_account *a, struct err *e)
{
	return first_text(db, sql, NULL, a->login, sizeof a->login, e) ||
	       first_text(db, "SELECT u.name FROM staff s JOIN org_unit u ON u.id = s.unit_id"
			      " WHERE s.staff_no = ?", a->login, a->unit, sizeof a->unit, e);
}

int demo_add_accounts(struct db *db, struct demo_account out[DEMO_NACCOUNTS], struct err *e)
{
	for (int i = 0; i < DEMO_NACCOUNTS; i++) {
		out[i] = templates[i];
		if (pick(db, queries[i], &out[i], e) ||
		    acct_create_with_password(db, out[i].login, out[i].is_admin, out[i].password, 0,
					      out[i].totp_secret, e))
			return err_prefix(e, "デモのアカウント（%s）", out[i].label);
	}
	return 0;
}
