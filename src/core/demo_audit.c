/*
 * demo_audit.c — the demo municipality's audits (9.1): last 年度's plan and
 * its closed, reported audit of 市民課; this 年度's approved plan, an open
 * audit of 税務課 with auditors, items, a working paper and evidence, a
 * finding the CISO has directed, a request to two other 課 (one answered),
 * and an audit of a contractor and its subcontractors; corrective actions
 * verified, done, sent back and past due, so the pages have every state to
 * show and `check` has something to say.
 */
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/audit_report.h"
#include "core/corrective.h"
#include "core/org.h"
#include "core/role.h"
#include "core/staff.h"
#include "util/buf.h"
#include "util/sha256.h"
#include "util/timeutil.h"

/* Who acts in the demo: found by role, so the demo's staff numbers may change. */
struct cast {
	char lead[32], ciso[32], committee[32], auditor[32];
	char manager_tax[32], manager_pay[32], manager_it[32];
};

static int staff_no_of(struct db *db, long long id, char out[32], struct err *e)
{
	struct staff_list l;
	char where[64];
	snprintf(where, sizeof where, "id = %lld", id);
	if (staff_load(db, where, &l, e))
		return e->code;
	snprintf(out, 32, "%s", l.n ? l.v[0].staff_no : "");
	staff_list_free(&l);
	return 0;
}

static int holder(struct db *db, const struct role_assignments *roles, const char *role, long long unit_id,
		  const char *not_no, char out[32], struct err *e)
{
	out[0] = '\0';
	for (size_t i = 0; i < roles->n && !out[0]; i++) {
		if (strcmp(roles->v[i].role, role) != 0 || (unit_id && roles->v[i].unit_id != unit_id))
			continue;
		if (staff_no_of(db, roles->v[i].staff_id, out, e))
			return e->code;
		if (not_no && strcmp(out, not_no) == 0)
			out[0] = '\0';
	}
	if (!out[0])
		return err_set(e, ERR_INTERNAL, "架空市に%sの役割を持つ職員がいません", role);
	return 0;
}

/* An internal auditor: someone of 会計課 holding no role at all. */
static int pick_auditor(struct db *db, long long unit_id, char out[32], struct err *e)
{
	struct staff_list l;
	char where[160];
	snprintf(where, sizeof where,
		 "unit_id = %lld AND left_on IS NULL AND id NOT IN (SELECT staff_id FROM role_assignment)", unit_id);
	if (staff_load(db, where, &l, e))
		return e->code;
	snprintf(out, 32, "%s", l.n ? l.v[0].staff_no : "");
	staff_list_free(&l);
	return out[0] ? 0 : err_set(e, ERR_INTERNAL, "架空市の会計課に監査人にできる職員がいません");
}

static long long unit_id(const struct org_units *u, const char *code)
{
	const struct org_unit *x = org_unit_by_code(u, code);
	return x ? x->id : 0;
}

static int cast_load(struct tx *tx, struct cast *c, long long *tax, long long *pay, long long *it, long long *citizen,
		     struct err *e)
{
	struct role_assignments roles;
	struct org_units units;
	if (org_units_load(tx->db, &units, e))
		return e->code;
	*tax = unit_id(&units, "S007");
	*pay = unit_id(&units, "S008");
	*it = unit_id(&units, "S004");
	*citizen = unit_id(&units, "S014");
	long long accounting = unit_id(&units, "S009");
	org_units_free(&units);
	if (!*tax || !*pay || !*it || !*citizen || !accounting)
		return err_set(e, ERR_INTERNAL, "架空市の課（S004、S007、S008、S009、S014）が見つかりません");
	if (role_load(tx->db, 1, &roles, e))
		return e->code;
	int rc = holder(tx->db, &roles, "audit_lead", 0, NULL, c->lead, e) ||
			 holder(tx->db, &roles, "ciso", 0, NULL, c->ciso, e) ||
			 holder(tx->db, &roles, "committee", 0, c->ciso, c->committee, e) ||
			 holder(tx->db, &roles, "manager", *tax, NULL, c->manager_tax, e) ||
			 holder(tx->db, &roles, "manager", *pay, NULL, c->manager_pay, e) ||
			 holder(tx->db, &roles, "manager", *it, NULL, c->manager_it, e) ||
			 pick_auditor(tx->db, accounting, c->auditor, e)
		 ? e->code
		 : 0;
	role_assignments_free(&roles);
	return rc;
}

static int plan(struct tx *tx, const struct cast *c, int fy, struct err *e)
{
	char title[96];
	snprintf(title, sizeof title, "%d年度 情報セキュリティ監査実施計画", fy);
	struct audit_plan_new in = {fy, title, "本庁の課室、主要な情報システム及び外部委託先",
				    "税務課・市民課・情報政策課所管の委託先（再委託先を含む）",
				    "9月に書面監査、10月から11月に実地監査、2月に委員会へ報告",
				    "書面確認、担当者への聞き取り、執務室と機器の現地確認、ログの抽出確認", c->lead};
	int version;
	if (audit_plan_draft(tx, &in, &version, e))
		return e->code;
	return audit_plan_approve(tx, fy, c->committee, e);
}

static int add_file(struct tx *tx, const char *audit_no, const char *clause, const char *kind, const char *name,
		    const char *text, const char *actor, struct err *e)
{
	struct audit_evidence_new in = {audit_no, clause, kind, name, (const unsigned char *)text, strlen(text), actor};
	return audit_evidence_add(tx, &in, NULL, e);
}

/* Last 年度: 市民課 audited, closed and reported to the committee. */
static int last_year(struct tx *tx, const struct cast *c, int fy, struct err *e)
{
	char starts[16], ends[16], *no = NULL;
	snprintf(starts, sizeof starts, "%04d-10-01", fy % 10000);
	snprintf(ends, sizeof ends, "%04d-10-31", fy % 10000);
	struct audit_new in = {"市民課の情報資産管理に関する監査", "unit", "S014", NULL, NULL, NULL, starts, ends, c->lead};
	const char *items[] = {"2.2.1.1", "2.2.8.1"};
	int added;
	if (plan(tx, c, fy, e) || audit_create(tx, &in, &no, e))
		return e->code;
	int rc = audit_member_add(tx, no, c->auditor, NULL, "lead", c->lead, e) ||
			 audit_items_add(tx, no, items, 2, "台帳の抜き取り確認", c->lead, &added, e) ||
			 audit_item_set(tx, no, "2.2.1.1", "conform", NULL, "台帳と現物が一致", c->auditor, e) ||
			 audit_item_set(tx, no, "2.2.8.1", "conform", NULL, NULL, c->auditor, e) ||
			 add_file(tx, no, NULL, "working_paper", "監査調書_市民課.txt",
				  "市民課 監査調書\n台帳 120 件から 20 件を抜き取り、保管場所と表示を確認した。相違なし。\n", c->auditor,
				  e) ||
			 audit_close(tx, no, c->lead, "重大な指摘事項はなく、情報資産は台帳どおりに管理されている。", e)
		 ? e->code
		 : 0;
	struct audit_report r;
	struct buf b = BUF_INIT;
	char today[11], hex[65];
	time_today(today);
	if (!rc && !(rc = audit_report_gather(tx->db, no, &r, e))) {
		rc = audit_report_bytes(&r, "text", today, &b, e);
		audit_report_free(&r);
	}
	if (!rc) {
		sha256_hex(b.data ? b.data : "", b.len, hex);
		rc = audit_report_record(tx, no, c->lead, hex, NULL, e);
	}
	buf_free(&b);
	free(no);
	return rc;
}

static int tax_audit(struct tx *tx, const struct cast *c, int fy, const char *today, struct err *e)
{
	char starts[16], due_past[11], due_later[11], *no = NULL, *f1 = NULL, *f2 = NULL, *a1 = NULL, *a2 = NULL;
	snprintf(starts, sizeof starts, "%04d-04-01", fy % 10000);
	date_add_days(today, -7, due_past);
	date_add_days(today, 60, due_later);
	struct audit_new in = {"税務課のアクセス管理と記録に関する監査", "unit", "S007", NULL, NULL, NULL, starts, NULL, c->lead};
	const char *items[] = {"6.2.1.*", "6.1.6.1", "5.4.3.3"};
	const char *spread[] = {"S008", "S014"};
	int added;
	if (audit_create(tx, &in, &no, e))
		return e->code;
	struct audit_finding_new fa = {no, "5.4.3.3", "major", "税務システムの端末で、係員が一つのIDとパスワードを共有している。",
				       NULL, c->auditor};
	struct audit_finding_new fb = {no, "6.1.6.1", "minor", "税務システムのアクセスログの点検記録が3か月分ない。", NULL,
				       c->auditor};
	int rc = audit_member_add(tx, no, c->auditor, NULL, "lead", c->lead, e) ||
			 audit_member_add(tx, no, NULL, "監査法人さくら 山本 公認会計士", "auditor", c->lead, e) ||
			 audit_items_add(tx, no, items, 3, "書面確認と聞き取り", c->lead, &added, e) ||
			 audit_item_set(tx, no, "5.4.3.3", "nonconform", "端末の現地確認", "ID の共有を確認", c->auditor, e) ||
			 audit_item_set(tx, no, "6.1.6.1", "observation", NULL, "点検記録の欠落", c->auditor, e) ||
			 audit_item_set(tx, no, "6.2.1.1", "conform", NULL, NULL, c->auditor, e) ||
			 add_file(tx, no, "5.4.3.3", "evidence", "端末利用者一覧.csv",
				  "端末,利用者ID,利用者\r\nTAX-PC-03,tax-shared,市民税係 全員\r\nTAX-PC-04,tax0412,資産税係 職員\r\n",
				  c->auditor, e) ||
			 add_file(tx, no, NULL, "working_paper", "監査調書_税務課.md",
				  "# 税務課 監査調書\n\n- 聞き取り: 課長、市民税係長\n- 現地確認: 端末 12 台\n- 所見: ID の共有 1 件、ログ点検記録の欠落\n",
				  c->auditor, e) ||
			 audit_finding_add(tx, &fa, &f1, e) || audit_finding_add(tx, &fb, &f2, e) ||
			 audit_finding_direct(tx, f1, "共有IDを廃止し、係員ごとのIDを発行したうえで、パスワードの管理を徹底すること。",
					      c->ciso, e) ||
			 audit_spread_ask(tx, f1, spread, 2, c->ciso, e) ||
			 audit_spread_answer(tx, f1, "S008", 1, "収納管理システムの窓口端末で同様の共有IDが1件見つかった。",
					     c->manager_pay, e) ||
			 audit_finding_action(tx, f1, NULL, "係員ごとのIDを発行し、共有IDを削除する。", NULL, due_later, c->lead, &a1,
					      e) ||
			 audit_finding_action(tx, f1, "S008", "窓口端末の共有IDを廃止する。", NULL, due_past, c->lead, &a2, e) ||
			 corrective_done(tx, a1, c->manager_tax, "2名分のIDを発行し、共有IDを削除した。", e) ||
			 corrective_verify(tx, a1, c->lead, 1, "システムの利用者一覧で共有IDがないことを確認した。", e)
		 ? e->code
		 : 0;
	free(no);
	free(f1);
	free(f2);
	free(a1);
	free(a2);
	return rc;
}

static int contractor_audit(struct tx *tx, const struct cast *c, const char *today, struct err *e)
{
	char *no = NULL, *f1 = NULL, *a1 = NULL, due[11];
	date_add_days(today, 30, due);
	struct audit_new in = {"住民情報システム運用委託先の監査", "contractor", "S004", NULL, "架空データサービス株式会社",
			       "架空システム開発株式会社、株式会社テスト運用", today, NULL, c->lead};
	const char *items[] = {"8.1.2", "8.1.3"};
	int added;
	if (audit_create(tx, &in, &no, e))
		return e->code;
	struct audit_finding_new fa = {no, "8.1.3", "minor", "再委託先の作業記録が委託先に報告されていない。", "S004", c->auditor};
	int rc = audit_member_add(tx, no, c->auditor, NULL, "auditor", c->lead, e) ||
			 audit_member_add(tx, no, NULL, "監査法人さくら 山本 公認会計士", "lead", c->lead, e) ||
			 audit_items_add(tx, no, items, 2, "契約書の確認と委託先での実地確認", c->lead, &added, e) ||
			 audit_item_set(tx, no, "8.1.2", "conform", NULL, "契約書第12条に明記", c->auditor, e) ||
			 audit_item_set(tx, no, "8.1.3", "nonconform", NULL, "再委託先の報告なし", c->auditor, e) ||
			 audit_finding_add(tx, &fa, &f1, e) ||
			 audit_finding_action(tx, f1, NULL, "再委託先からの月次作業報告を契約上の義務とし、受領を確認する。", NULL,
					      due, c->lead, &a1, e) ||
			 corrective_done(tx, a1, c->manager_it, "委託先に報告を求める文書を送付した。", e) ||
			 corrective_verify(tx, a1, c->lead, 0, "契約の変更がまだ済んでいないため差し戻す。", e)
		 ? e->code
		 : 0;
	free(no);
	free(f1);
	free(a1);
	return rc;
}

int demo_add_audits(struct tx *tx, struct err *e)
{
	struct cast c;
	long long tax, pay, it, citizen;
	char today[11];
	time_today(today);
	int fy = fiscal_year(today);
	if (cast_load(tx, &c, &tax, &pay, &it, &citizen, e))
		return e->code;
	if (last_year(tx, &c, fy - 1, e) || plan(tx, &c, fy, e) || tax_audit(tx, &c, fy, today, e) ||
	    contractor_audit(tx, &c, today, e))
		return err_prefix(e, "デモの監査");
	return 0;
}
