/*
 * demo_incidents.c — the demo municipality's incidents: a malware case
 * carried through every step to 完了 (with an emergency cut-off and its
 * after-the-fact report), a mis-sent mail with personal data being handled,
 * and a resident's report waiting for CSIRT.  Every notice due so far is
 * recorded as done, so the demo's deliberate gaps stay the only findings
 * (a report left in 受付 becomes a warning a day after the demo is built).
 */
#include "core/demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/incident.h"
#include "core/rows.h"
#include "store/tx.h"

/* The first value of a one-column query with one text parameter ("" = none). */
static int first_text(struct db *db, const char *sql, const char *param, char *out, size_t n,
		      struct err *e)
{
	struct db_stmt *st;
	*out = 0;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	if (*param)
		db_bind_text(st, 1, param);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW && db_column_text(st, 0))
		snprintf(out, n, "%s", db_column_text(st, 0));
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	return *out ? 0 : err_set(e, ERR_INTERNAL, "架空市のインシデント例に必要なデータがありません（%s）", param);
}

static int holder(struct db *db, const char *role, char out[32], struct err *e)
{
	return first_text(db, "SELECT s.staff_no FROM role_assignment a JOIN staff s ON s.id = a.staff_id"
			      " WHERE a.role = ? AND a.ended_on IS NULL AND s.left_on IS NULL ORDER BY a.id",
			  role, out, 32, e);
}

static int step(struct tx *tx, const char *no, const char *actor, const char *kind, const char *note,
		struct err *e)
{
	struct incident_step_in in = {.incident_no = no, .actor_no = actor, .kind = kind, .note = note};
	if (strcmp(kind, "assess") == 0)
		in.is_incident = "yes";
	return incident_step(tx, &in, e);
}

/* Records every notice of the incident as done (by the CSIRT member). */
static int notify_all(struct tx *tx, const char *no, const char *csirt, struct err *e)
{
	struct incident inc;
	struct incident_notice *v;
	size_t n;
	if (incident_load(tx->db, no, &inc, e))
		return e->code;
	int rc = incident_notices_load(tx->db, inc.id, &v, &n, e);
	for (size_t i = 0; !rc && i < n; i++)
		if (!v[i].done_at)
			rc = incident_notify_done(tx, no, v[i].party, csirt, "電話", NULL, e);
	if (!rc)
		incident_notices_free(v, n);
	incident_free(&inc);
	return rc;
}

static int malware_case(struct tx *tx, const char *reporter, const char *csirt, const char *ciso,
			const char *system, struct err *e)
{
	const char *systems[] = {system};
	char *no = NULL, detected[32];
	incident_time_add_hours(tx->at, -3, detected);
	struct incident_new in = {.actor_no = reporter, .title = "添付ファイルを開いた端末でウイルス検知",
				  .category = "malware", .situation = "ウイルス対策ソフトが警告を表示した",
				  .cause = "不審メールの添付ファイル", .damage = "端末1台（調査中）",
				  .record = "警告画面の写真を保存", .detected_at = detected,
				  .systems = systems, .nsystems = 1};
	if (incident_file(tx, &in, &no, e))
		return e->code;
	struct incident_step_in cut = {.incident_no = no, .actor_no = csirt, .kind = "cutoff",
				       .target = "当該端末のネットワーク接続", .reason = "感染拡大の防止",
				       .emergency = 1};
	int rc = step(tx, no, csirt, "assess", "マルウェア感染と判断", e) ||
		 incident_step(tx, &cut, e) ||
		 step(tx, no, csirt, "measure", "端末を隔離し、パスワードを変更", e) ||
		 step(tx, no, csirt, "recovery", "端末の再セットアップを指示", e);
	if (!rc) {
		struct incident_report r;
		rc = incident_report_gather(tx->db, no, &r, e);
		long long ref = 0;
		for (size_t i = 0; !rc && i < r.nsteps; i++)
			if (strcmp(r.steps[i].kind, "cutoff") == 0)
				ref = r.steps[i].id;
		if (!rc)
			incident_report_free(&r);
		struct incident_step_in rep = {.incident_no = no, .actor_no = csirt, .kind = "cutoff_report",
					       .ref = ref, .note = "統括情報セキュリティ責任者へ事後報告"};
		rc = rc || incident_step(tx, &rep, e) ||
		     step(tx, no, csirt, "investigate", "メールの送信元と添付ファイルを解析", e) ||
		     step(tx, no, csirt, "prevention", "添付ファイルの無害化を全庁で徹底する", e) ||
		     step(tx, no, ciso, "directive", "全職員へ注意喚起を行うこと", e) ||
		     step(tx, no, csirt, "close", NULL, e) || notify_all(tx, no, csirt, e);
	}
	free(no);
	return rc ? e->code : 0;
}

static int misdelivery_case(struct tx *tx, const char *reporter, const char *csirt, const char *asset,
			    struct err *e)
{
	const char *assets[] = {asset};
	char *no = NULL, detected[32];
	incident_time_add_hours(tx->at, -1, detected);
	struct incident_new in = {.actor_no = reporter, .title = "住民あての通知メールの誤送信",
				  .category = "誤送信", .situation = "別の住民のメールアドレスに送信した",
				  .damage = "住民1名の氏名と住所", .detected_at = detected,
				  .assets = assets, .nassets = 1};
	if (incident_file(tx, &in, &no, e))
		return e->code;
	int rc = step(tx, no, csirt, "assess", "個人情報の漏えいと判断", e) ||
		 step(tx, no, csirt, "measure", "誤送信先へ削除を依頼", e) || notify_all(tx, no, csirt, e);
	free(no);
	return rc ? e->code : 0;
}

static int resident_report(struct tx *tx, const char *csirt, struct err *e)
{
	char *no = NULL;
	struct incident_new in = {.source = "resident", .reporter_name = "架空 太郎",
				  .reporter_contact = "090-0000-0000", .title = "市を名乗る不審なメール",
				  .category = "other", .situation = "市役所を名乗り口座番号を尋ねるメールが届いた"};
	if (incident_file(tx, &in, &no, e))
		return e->code;
	int rc = notify_all(tx, no, csirt, e);
	free(no);
	return rc;
}

int demo_add_incidents(struct tx *tx, struct err *e)
{
	char csirt[32], ciso[32], reporter[32], system[64], asset[64];
	if (holder(tx->db, "csirt_lead", csirt, e) && holder(tx->db, "csirt", csirt, e))
		return e->code;
	if (holder(tx->db, "ciso", ciso, e) || holder(tx->db, "manager", reporter, e) ||
	    first_text(tx->db, "SELECT y.code FROM info_system y JOIN role_assignment a ON a.system_id = y.id"
			       " WHERE a.role = 'system_admin' AND a.ended_on IS NULL ORDER BY y.id", "", system,
		       sizeof system, e) ||
	    first_text(tx->db, "SELECT asset_no FROM asset WHERE personal = 'personal' AND state = ?"
			       " ORDER BY id", "in_use", asset, sizeof asset, e))
		return e->code;
	return malware_case(tx, reporter, csirt, ciso, system, e) ||
	       misdelivery_case(tx, reporter, csirt, asset, e) || resident_report(tx, csirt, e) ? e->code : 0;
}
