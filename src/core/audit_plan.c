/*
 * audit_plan.c — the 年度 audit plan (9.1.3): drafted by the audit lead as
 * numbered versions, each approved on the committee's behalf; a change after
 * approval is simply the next version, which waits for its own approval.
 */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/audit_internal.h"
#include "core/rows.h"
#include "util/buf.h"
#include "util/json.h"
#include "util/timeutil.h"

#define PLAN_COLUMNS \
	"id, fiscal_year, version, title, body, created_by, created_at, approved_by, approved_at"

static void read_plan(struct db_stmt *st, void *elem)
{
	struct audit_plan *p = elem;
	p->id = db_column_int(st, 0);
	p->fiscal_year = (int)db_column_int(st, 1);
	p->version = (int)db_column_int(st, 2);
	p->title = col_dup(st, 3);
	p->body = col_dup(st, 4);
	p->created_by = col_id(st, 5);
	p->created_at = col_dup(st, 6);
	p->approved_by = col_id(st, 7);
	p->approved_at = col_dup(st, 8);
}

static void plan_free(struct audit_plan *p)
{
	free(p->title);
	free(p->body);
	free(p->created_at);
	free(p->approved_at);
	memset(p, 0, sizeof *p);
}

void audit_plans_free(struct audit_plans *l)
{
	for (size_t i = 0; i < l->n; i++)
		plan_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int audit_plans_load(struct db *db, int fiscal_year, struct audit_plans *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = fiscal_year
			 ? rows_load_for(db, "SELECT " PLAN_COLUMNS " FROM audit_plan WHERE fiscal_year = ? ORDER BY version",
					 fiscal_year, sizeof *out->v, read_plan, (void **)&out->v, &out->n, e)
			 : rows_load(db, "SELECT " PLAN_COLUMNS " FROM audit_plan ORDER BY fiscal_year, version",
				     sizeof *out->v, read_plan, (void **)&out->v, &out->n, e);
	if (rc)
		audit_plans_free(out);
	return rc;
}

const struct audit_plan *audit_plan_latest(const struct audit_plans *l, int fiscal_year)
{
	const struct audit_plan *best = NULL;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].fiscal_year == fiscal_year && (!best || l->v[i].version > best->version))
			best = &l->v[i];
	return best;
}

const struct audit_plan *audit_plan_approved(const struct audit_plans *l, int fiscal_year)
{
	const struct audit_plan *best = NULL;
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].fiscal_year == fiscal_year && l->v[i].approved_at &&
		    (!best || l->v[i].version > best->version))
			best = &l->v[i];
	return best;
}

char *audit_plan_field(const struct audit_plan *p, const char *key)
{
	cJSON *j = p->body ? cJSON_Parse(p->body) : NULL;
	const cJSON *v = j ? cJSON_GetObjectItemCaseSensitive(j, key) : NULL;
	char *out = cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
	cJSON_Delete(j);
	return out;
}

static int put_plan(struct tx *tx, const struct audit_plan *p, int insert, const char *kind, struct err *e)
{
	struct row r;
	row_init(&r, "audit_plan");
	row_int(&r, "id", p->id);
	row_int(&r, "fiscal_year", p->fiscal_year);
	row_int(&r, "version", p->version);
	row_text(&r, "title", p->title);
	row_text(&r, "body", p->body);
	row_id_ref(&r, "created_by", p->created_by);
	row_text(&r, "created_at", p->created_at);
	row_id_ref(&r, "approved_by", p->approved_by);
	row_text(&r, "approved_at", p->approved_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* Keys in byte order, as canonical JSON wants them. */
static char *plan_body(const struct audit_plan_new *in)
{
	struct buf b = BUF_INIT;
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_kv_string(&w, "method", in->method);
	jw_kv_string(&w, "schedule", in->schedule);
	jw_kv_string(&w, "scope", in->scope);
	jw_kv_string(&w, "targets", in->targets);
	jw_object_end(&w);
	return buf_take(&b);
}

static int need(const char *v, const char *label, const char *opt, struct err *e)
{
	if (v && *v)
		return 0;
	return err_set(e, ERR_INPUT, "監査計画の%sを入力してください（%s）", label, opt);
}

/* A 年度 people can type: 2020 to 2100. */
static int check_year(int fy, struct err *e)
{
	if (fy < 2000 || fy > 2100)
		return err_set(e, ERR_INPUT, "年度 %d は範囲外です（西暦の年で指定してください。例: 2026）", fy);
	return 0;
}

int audit_plan_draft(struct tx *tx, const struct audit_plan_new *in, int *version, struct err *e)
{
	struct audit_ctx x;
	struct audit_plans plans = {0};
	struct audit_plan p = {0};
	char today[11];
	time_today(today);
	p.fiscal_year = in->fiscal_year ? in->fiscal_year : fiscal_year(today);
	int rc = audit_act_begin(tx->db, NULL, in->actor_no, "監査計画を作成する職員", &x, e);
	if (!rc)
		rc = audit_need_lead(&x, "監査計画の作成", e);
	if (!rc)
		rc = check_year(p.fiscal_year, e);
	if (!rc)
		rc = need(in->title, "件名", "--title", e) || need(in->scope, "監査の範囲", "--scope", e) ||
			     need(in->targets, "対象", "--targets", e) || need(in->schedule, "日程", "--schedule", e) ||
			     need(in->method, "方法", "--method", e)
		     ? e->code
		     : 0;
	if (!rc)
		rc = audit_plans_load(tx->db, p.fiscal_year, &plans, e);
	if (!rc) {
		const struct audit_plan *last = audit_plan_latest(&plans, p.fiscal_year);
		p.version = last ? last->version + 1 : 1;
		rc = tx_next_id(tx, "audit_plan", &p.id, e);
	}
	if (!rc) {
		p.title = xstrdup(in->title);
		p.body = plan_body(in);
		p.created_by = x.who.id;
		p.created_at = xstrdup(tx->at);
		rc = put_plan(tx, &p, 1, "audit.plan.draft", e);
	}
	if (!rc && version)
		*version = p.version;
	plan_free(&p);
	audit_plans_free(&plans);
	audit_act_end(&x);
	return rc;
}

int audit_plan_approve(struct tx *tx, int fy, const char *actor_no, struct err *e)
{
	struct audit_ctx x;
	struct audit_plans plans = {0};
	char today[11];
	time_today(today);
	if (!fy)
		fy = fiscal_year(today);
	int rc = audit_act_begin(tx->db, NULL, actor_no, "監査計画を承認する職員", &x, e);
	if (!rc && !audit_may_approve_plan(&x.roles, x.who.id))
		rc = err_set(e, ERR_INPUT,
			     "監査計画を承認できるのは CISO か情報セキュリティ委員会の委員です（%s（%s）はどちらでもありません）",
			     x.who.name, x.who.staff_no);
	if (!rc)
		rc = check_year(fy, e);
	if (!rc)
		rc = audit_plans_load(tx->db, fy, &plans, e);
	struct audit_plan *last = rc ? NULL : (struct audit_plan *)audit_plan_latest(&plans, fy);
	char label[32];
	wareki_fiscal_year(fy, label, sizeof label);
	if (!rc && !last)
		rc = err_set(e, ERR_INPUT, "%sの監査計画はまだ作成されていません", label);
	if (!rc && last->approved_at)
		rc = err_set(e, ERR_INPUT, "%sの監査計画 第%d版は承認済みです（変更するときは新しい版を作成してください）", label,
			     last->version);
	if (!rc && last->created_by == x.who.id)
		rc = err_set(e, ERR_INPUT, "自分が作成した監査計画は承認できません");
	if (!rc) {
		last->approved_by = x.who.id;
		last->approved_at = xstrdup(tx->at);
		rc = put_plan(tx, last, 0, "audit.plan.approve", e);
	}
	audit_plans_free(&plans);
	audit_act_end(&x);
	return rc;
}
