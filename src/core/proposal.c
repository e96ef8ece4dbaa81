/*
 * proposal.c — ポリシー改定の提案 (proposal.h): filing, adoption by a policy
 * version, rejection, and loading for the list and the annual report.
 */
#include "core/proposal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case_event.h"
#include "core/case_util.h"
#include "core/role.h"
#include "core/rows.h"
#include "core/staff.h"
#include "util/timeutil.h"

#define PROPOSAL_COLUMNS                                                                        \
	"id, proposal_no, fiscal_year, clause, proposal, reason, source, source_ref, base_version_id," \
	" adopted_version_id, state, created_by, created_at"

static void read_proposal(struct db_stmt *st, void *elem)
{
	struct proposal *p = elem;
	p->id = db_column_int(st, 0);
	p->proposal_no = col_dup(st, 1);
	p->fiscal_year = (int)db_column_int(st, 2);
	p->clause = col_dup(st, 3);
	p->proposal = col_dup(st, 4);
	p->reason = col_dup(st, 5);
	p->source = col_dup(st, 6);
	p->source_ref = col_dup(st, 7);
	p->base_version_id = col_id(st, 8);
	p->adopted_version_id = col_id(st, 9);
	p->state = col_dup(st, 10);
	p->created_by = col_id(st, 11);
	p->created_at = col_dup(st, 12);
}

static void proposal_free(struct proposal *p)
{
	char *f[] = {p->proposal_no, p->clause, p->proposal, p->reason, p->source, p->source_ref, p->state,
		     p->created_at};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		free(f[i]);
	memset(p, 0, sizeof *p);
}

int proposal_list_load(struct db *db, int fiscal_year, struct proposal_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = fiscal_year
			 ? rows_load_for(db, "SELECT " PROPOSAL_COLUMNS " FROM policy_proposal WHERE fiscal_year = ? ORDER BY id",
					 fiscal_year, sizeof *out->v, read_proposal, (void **)&out->v, &out->n, e)
			 : rows_load(db, "SELECT " PROPOSAL_COLUMNS " FROM policy_proposal ORDER BY id", sizeof *out->v,
				     read_proposal, (void **)&out->v, &out->n, e);
	if (rc)
		proposal_list_free(out);
	return rc;
}

void proposal_list_free(struct proposal_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		proposal_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct proposal *proposal_by_no(const struct proposal_list *l, const char *no)
{
	for (size_t i = 0; no && i < l->n; i++)
		if (strcmp(l->v[i].proposal_no, no) == 0)
			return &l->v[i];
	return NULL;
}

static const struct {
	const char *id, *label;
} states[] = {{"proposed", "提案中"}, {"adopted", "採用"}, {"rejected", "不採用"}},
  sources[] = {{"inspect", "自己点検"}, {"audit", "監査"}, {"incident", "インシデント"}, {"other", "その他"}};

const char *proposal_state_label(const char *state)
{
	for (size_t i = 0; state && i < sizeof states / sizeof states[0]; i++)
		if (strcmp(states[i].id, state) == 0)
			return states[i].label;
	return state ? state : "";
}

const char *proposal_source_label(const char *source)
{
	for (size_t i = 0; source && i < sizeof sources / sizeof sources[0]; i++)
		if (strcmp(sources[i].id, source) == 0)
			return sources[i].label;
	return source ? source : "";
}

static const char *source_id(const char *text)
{
	for (size_t i = 0; text && i < sizeof sources / sizeof sources[0]; i++)
		if (strcmp(sources[i].id, text) == 0 || strcmp(sources[i].label, text) == 0)
			return sources[i].id;
	return NULL;
}

int proposal_current_version(struct db *db, long long *version_id, struct err *e)
{
	return db_query_int(db,
			    "SELECT id FROM policy_version WHERE approved_at IS NOT NULL"
			    " ORDER BY CASE WHEN edition = 'internal' THEN 0 ELSE 1 END, id DESC LIMIT 1",
			    NULL, version_id, e);
}

int proposal_may(const struct role_assignments *roles, long long staff_id, enum proposal_act act)
{
	static const char *const add[] = {"chief_officer", "ciso", "deputy_ciso", "audit_lead", "committee", NULL};
	static const char *const decide[] = {"ciso", "deputy_ciso", "committee", NULL};
	const char *const *which = act == PROPOSAL_ADD ? add : decide;
	for (int i = 0; which[i]; i++)
		if (case_role_held(roles, staff_id, which[i], 0, 0))
			return 1;
	return 0;
}

/* ---- writing ---- */

static int put_proposal(struct tx *tx, const struct proposal *p, int insert, const char *kind, struct err *e)
{
	struct row r;
	row_init(&r, "policy_proposal");
	row_int(&r, "id", p->id);
	row_text(&r, "proposal_no", p->proposal_no);
	row_int(&r, "fiscal_year", p->fiscal_year);
	row_text(&r, "clause", p->clause);
	row_text(&r, "proposal", p->proposal);
	row_text(&r, "reason", p->reason);
	row_text(&r, "source", p->source);
	row_text(&r, "source_ref", p->source_ref);
	row_id_ref(&r, "base_version_id", p->base_version_id);
	row_id_ref(&r, "adopted_version_id", p->adopted_version_id);
	row_text(&r, "state", p->state);
	row_id_ref(&r, "created_by", p->created_by);
	row_text(&r, "created_at", p->created_at);
	return tx_put_row(tx, kind, &r, insert, e);
}

/* The acting member of staff, who must hold one of the roles of act. */
static int actor(struct db *db, const char *actor_no, enum proposal_act act, struct staff *who, struct err *e)
{
	struct role_assignments roles;
	if (staff_current(db, actor_no, act == PROPOSAL_ADD ? "提案者" : "決定者", "--as", who, e))
		return e->code;
	if (role_load(db, 1, &roles, e)) {
		staff_free(who);
		return e->code;
	}
	int ok = proposal_may(&roles, who->id, act);
	role_assignments_free(&roles);
	if (ok)
		return 0;
	err_set(e, ERR_INPUT,
		act == PROPOSAL_ADD
			? "%s（%s）は改定を提案できません（統括情報セキュリティ責任者、CISO、副CISO、監査統括責任者、委員会の委員が提案します）"
			: "%s（%s）は提案の採否を決められません（CISO、副CISO、委員会の委員が決めます）",
		who->name, who->staff_no);
	staff_free(who);
	return ERR_INPUT;
}

static int need_text(const char *v, const char *label, const char *opt, struct err *e)
{
	if (!v || !*v)
		return err_set(e, ERR_INPUT, "改定提案の%sを指定してください（%s）", label, opt);
	return 0;
}

/* The referenced record must exist: a campaign, an audit or its finding, an incident. */
static int check_ref(struct db *db, const char *source, const char *ref, struct err *e)
{
	static const struct {
		const char *source, *what, *sql[2];
	} refs[] = {
		{"inspect", "自己点検", {"SELECT COUNT(*) FROM inspect_campaign WHERE campaign_no = ?", NULL}},
		{"audit", "監査または監査の指摘",
		 {"SELECT COUNT(*) FROM audit WHERE audit_no = ?", "SELECT COUNT(*) FROM audit_finding WHERE finding_no = ?"}},
		{"incident", "インシデント", {"SELECT COUNT(*) FROM incident WHERE incident_no = ?", NULL}},
	};
	if (!ref || !*ref)
		return 0;
	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		if (strcmp(refs[i].source, source) != 0)
			continue;
		long long total = 0;
		for (int k = 0; k < 2 && refs[i].sql[k]; k++) {
			long long n = 0;
			if (db_query_int(db, refs[i].sql[k], ref, &n, e))
				return e->code;
			total += n;
		}
		if (total == 0)
			return err_set(e, ERR_INPUT, "--ref の%sの番号「%s」はありません", refs[i].what, ref);
	}
	return 0;
}

static int next_number(struct db *db, int fy, char out[32], struct err *e)
{
	long long n = 0;
	char year[16];
	snprintf(year, sizeof year, "%d", fy);
	if (db_query_int(db, "SELECT COUNT(*) FROM policy_proposal WHERE fiscal_year = CAST(? AS INTEGER)", year, &n, e))
		return e->code;
	snprintf(out, 32, "R%d-%02lld", fy, n + 1);
	return 0;
}

int proposal_add(struct tx *tx, const struct proposal_new *in, char **proposal_no, struct err *e)
{
	struct proposal p = {0};
	struct staff who;
	char today[11], no[32];
	*proposal_no = NULL;
	time_today(today);
	p.fiscal_year = in->fiscal_year ? in->fiscal_year : fiscal_year(today);
	if (p.fiscal_year < 2000 || p.fiscal_year > 2200)
		return err_set(e, ERR_INPUT, "年度 %d は扱えません（--year 2026 のように西暦で指定します）", in->fiscal_year);
	if (need_text(in->clause, "対象の条項", "--clause 条項番号", e) || case_clause_known(in->clause, e) ||
	    need_text(in->proposal, "内容", "--proposal", e) || need_text(in->reason, "理由", "--reason", e))
		return e->code;
	const char *src = source_id(in->source);
	if (!src)
		return err_set(e, ERR_INPUT,
			       "改定提案のきっかけ（--source）は inspect（自己点検）、audit（監査）、incident（インシデント）、"
			       "other（その他）のいずれかです（「%s」は使えません）",
			       in->source ? in->source : "");
	if (check_ref(tx->db, src, in->ref, e) || actor(tx->db, in->actor_no, PROPOSAL_ADD, &who, e))
		return e->code;
	int rc = proposal_current_version(tx->db, &p.base_version_id, e);
	if (!rc)
		rc = next_number(tx->db, p.fiscal_year, no, e);
	if (!rc)
		rc = tx_next_id(tx, "policy_proposal", &p.id, e);
	if (!rc) {
		p.proposal_no = xstrdup(no);
		p.clause = xstrdup(in->clause);
		p.proposal = xstrdup(in->proposal);
		p.reason = xstrdup(in->reason);
		p.source = xstrdup(src);
		p.source_ref = in->ref && *in->ref ? xstrdup(in->ref) : NULL;
		p.state = xstrdup("proposed");
		p.created_by = who.id;
		p.created_at = xstrdup(tx->at);
		rc = put_proposal(tx, &p, 1, "proposal.add", e);
	}
	if (!rc) {
		char *body = case_body(2, "clause", p.clause, "source", p.source);
		rc = case_event_add(tx, CASE_PROPOSAL, p.id, who.id, "proposed", body, NULL, e);
		free(body);
	}
	if (!rc) {
		*proposal_no = p.proposal_no;
		p.proposal_no = NULL;
	}
	staff_free(&who);
	proposal_free(&p);
	return rc;
}

/* The proposal by number, still 提案中, and the member of staff deciding it. */
static int decide_begin(struct tx *tx, const char *no, const char *actor_no, struct proposal *p, struct staff *who,
			struct err *e)
{
	memset(p, 0, sizeof *p);
	if (case_load_by_no(tx->db, "SELECT " PROPOSAL_COLUMNS " FROM policy_proposal WHERE proposal_no = ?",
			    "改定提案", no, read_proposal, p, e))
		return e->code;
	if (strcmp(p->state, "proposed") != 0) {
		err_set(e, ERR_INPUT, "改定提案 %s はすでに「%s」です", p->proposal_no, proposal_state_label(p->state));
		proposal_free(p);
		return ERR_INPUT;
	}
	if (actor(tx->db, actor_no, PROPOSAL_DECIDE, who, e)) {
		proposal_free(p);
		return e->code;
	}
	return 0;
}

static int decide_end(struct tx *tx, struct proposal *p, struct staff *who, const char *kind, const char *step,
		      char *body, struct err *e)
{
	int rc = put_proposal(tx, p, 0, kind, e);
	if (!rc)
		rc = case_event_add(tx, CASE_PROPOSAL, p->id, who->id, step, body, NULL, e);
	free(body);
	staff_free(who);
	proposal_free(p);
	return rc;
}

int proposal_adopt(struct tx *tx, const char *no, long long version_id, const char *actor_no, const char *note,
		   struct err *e)
{
	struct proposal p;
	struct staff who;
	long long exists = 0;
	char idtext[24];
	if (version_id <= 0)
		return err_set(e, ERR_INPUT, "提案を取り入れたポリシーの版を --version 番号 で指定してください");
	fmt_int(version_id, idtext);
	if (db_query_int(tx->db, "SELECT COUNT(*) FROM policy_version WHERE id = CAST(? AS INTEGER)", idtext, &exists, e))
		return e->code;
	if (!exists)
		return err_set(e, ERR_INPUT, "ポリシーの第%lld版はありません（mamori policy list で確認できます）", version_id);
	if (decide_begin(tx, no, actor_no, &p, &who, e))
		return e->code;
	if (p.base_version_id && version_id <= p.base_version_id) {
		err_set(e, ERR_INPUT, "第%lld版は提案 %s の時点の第%lld版より新しくありません", version_id, p.proposal_no,
			p.base_version_id);
		staff_free(&who);
		proposal_free(&p);
		return ERR_INPUT;
	}
	p.adopted_version_id = version_id;
	free(p.state);
	p.state = xstrdup("adopted");
	return decide_end(tx, &p, &who, "proposal.adopt", "adopted", case_body(2, "note", note, "version", idtext), e);
}

int proposal_reject(struct tx *tx, const char *no, const char *actor_no, const char *note, struct err *e)
{
	struct proposal p;
	struct staff who;
	if (!note || !*note)
		return err_set(e, ERR_INPUT, "採用しない理由を --note で指定してください");
	if (decide_begin(tx, no, actor_no, &p, &who, e))
		return e->code;
	free(p.state);
	p.state = xstrdup("rejected");
	return decide_end(tx, &p, &who, "proposal.reject", "rejected", case_body(1, "note", note), e);
}
