/*
 * vio_view.c — violations for the pages and the API (vio_view.h).
 */
#include "web/vio_view.h"

#include <string.h>

#include "core/case_util.h"
#include "core/case_write.h"
#include "web/case_scope.h"
#include "web/response.h"

const char *const vio_sort_names[VIO_NSORT] = {"no", "person", "unit", "clause", "found", "state"};
const char *const vio_states[VIO_NSTATES + 1] = {"recorded", "guided", "corrected", "suspended", "lifted", "revoked", NULL};

int vio_state_known(const char *id)
{
	for (int i = 0; id && vio_states[i]; i++)
		if (strcmp(vio_states[i], id) == 0)
			return 1;
	return 0;
}

int vio_view_load(struct db *db, struct vio_view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	if (case_view_refs_load(db, &v->refs, e) || violation_load(db, &v->list, e))
		return e->code;
	return 0;
}

void vio_view_free(struct vio_view *v)
{
	case_view_refs_free(&v->refs);
	violation_list_free(&v->list);
}

static void sort_key(struct buf *k, const struct web_user *u, const struct vio_view *v,
		     const struct violation *x, int sort)
{
	const struct staff *s;
	const struct org_unit *unit;
	buf_reset(k);
	switch (sort) {
	case VIO_SORT_PERSON:
		s = case_view_staff(&v->refs, x->staff_id);
		buf_puts(k, s ? (s->kana && *s->kana ? s->kana : s->name) : "");
		break;
	case VIO_SORT_UNIT:
		unit = org_unit_by_id(&u->units, x->unit_id);
		buf_puts(k, unit ? unit->code : "");
		break;
	case VIO_SORT_CLAUSE:
		buf_puts(k, x->clause ? x->clause : "");
		break;
	case VIO_SORT_FOUND:
		buf_puts(k, x->found_at ? x->found_at : "");
		break;
	case VIO_SORT_STATE:
		buf_puts(k, violation_state_label(x->state));
		break;
	default:
		break; /* the number breaks every tie */
	}
}

void vio_select(const struct web_user *u, const struct vio_view *v, const struct case_query *q,
		struct case_rows *out)
{
	struct buf k = BUF_INIT;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < v->list.n; i++) {
		const struct violation *x = &v->list.v[i];
		const struct org_unit *unit = org_unit_by_id(&u->units, x->unit_id);
		if (!case_violation_visible(u, x) || (q->state && strcmp(x->state, q->state) != 0) ||
		    (q->unit && !(unit && strcmp(unit->code, q->unit) == 0)))
			continue;
		sort_key(&k, u, v, x, q->sort);
		case_rows_add(out, x, x->violation_no, buf_str(&k));
	}
	case_rows_sort(out, q->desc);
	buf_free(&k);
}

const struct violation *vio_find_visible(struct web_req *rq, struct web_resp *rs, const struct vio_view *v)
{
	const struct violation *x = rq->id ? violation_by_no(&v->list, rq->id) : NULL;
	if (x && case_violation_visible(rq->user, x))
		return x;
	web_error(rq, rs, 404, "not_found", rq->is_api ? "違反の記録が見つかりません" : "ページが見つかりません");
	return NULL;
}

static const char *staff_no(const struct vio_view *v, long long id)
{
	const struct staff *s = case_view_staff(&v->refs, id);
	return s ? s->staff_no : NULL;
}

static void rights_json(struct json_writer *w, const struct vio_view *v, const struct violation *x,
			const struct rights_actions *ra)
{
	jw_key(w, "rights");
	jw_array_begin(w);
	for (size_t i = 0; i < ra->n; i++) {
		const struct rights_action *r = &ra->v[i];
		const struct info_system *s = r->system_id ? infosys_by_id(&v->refs.systems, r->system_id) : NULL;
		if (r->violation_id != x->id)
			continue;
		jw_object_begin(w);
		jw_kv_string(w, "action", r->action);
		jw_kv_string(w, "at", r->at);
		jw_kv_string(w, "lifted_at", r->lifted_at);
		jw_kv_string(w, "system", s ? s->code : NULL);
		jw_object_end(w);
	}
	jw_array_end(w);
}

void vio_json(struct json_writer *w, const struct web_user *u, const struct vio_view *v,
	      const struct violation *x, const struct case_events *ev, const struct rights_actions *ra)
{
	const struct org_unit *unit = org_unit_by_id(&u->units, x->unit_id);
	const struct staff *person = case_view_staff(&v->refs, x->staff_id);
	jw_object_begin(w);
	jw_kv_string(w, "clause", x->clause);
	jw_kv_string(w, "closed_at", x->closed_at);
	jw_kv_string(w, "description", x->description);
	if (ev)
		case_events_json(w, ev, &v->refs.staff);
	jw_kv_string(w, "found_at", x->found_at);
	jw_kv_string(w, "found_by", staff_no(v, x->found_by));
	if (ra)
		rights_json(w, v, x, ra);
	jw_kv_string(w, "staff", person ? person->staff_no : NULL);
	jw_kv_string(w, "staff_name", person ? person->name : NULL);
	jw_kv_string(w, "state", x->state);
	jw_kv_string(w, "state_label", violation_state_label(x->state));
	jw_kv_string(w, "unit", unit ? unit->code : NULL);
	jw_kv_string(w, "violation_no", x->violation_no);
	jw_object_end(w);
}

int vio_record(struct web_req *rq, const char *staff_no, const char *clause, const char *description,
	       char **no, struct case_outcome *o, struct err *e)
{
	struct staff person;
	int found = 0;
	*no = NULL;
	if (!case_violations_reader(rq->user)) {
		case_outcome_set(o, 403, "forbidden", "違反を記録できるのは、CISO・副CISO・統括・監査統括と情報セキュリティ責任者・管理者です");
		return 0;
	}
	if (!staff_no || !*staff_no) {
		case_outcome_set(o, 422, "validation", "違反した職員の職員番号を入力してください");
		return 0;
	}
	if (!description || !*description) {
		case_outcome_set(o, 422, "validation", "違反の内容を入力してください");
		return 0;
	}
	if (staff_find(rq->db, staff_no, &person, &found, e))
		return e->code;
	int in_scope = found && !person.left_on && case_violation_person_in_scope(rq->user, person.id, person.unit_id);
	if (found)
		staff_free(&person);
	if (!in_scope) {
		/* the same words whether the number is unknown or outside the scope */
		case_outcome_set(o, 422, "validation", "その職員番号の職員は、あなたの担当する範囲にいません");
		return 0;
	}
	struct violation_recording a = {
		{rq->user->staff.staff_no, staff_no, clause && *clause ? clause : NULL, description}, NULL};
	int rc = case_view_write(rq, violation_record_write, &a, 422, o, e);
	*no = a.no;
	return rc;
}

struct act_args {
	enum violation_act act;
	const char *no, *actor, *note;
};

static int do_act(struct tx *tx, void *arg, struct err *e)
{
	struct act_args *a = arg;
	switch (a->act) {
	case VIOLATION_GUIDANCE:
		return violation_step(tx, a->no, a->actor, "guidance", a->note, e);
	case VIOLATION_CORRECTED:
		return violation_step(tx, a->no, a->actor, "corrected", a->note, e);
	case VIOLATION_NOTE:
		return violation_step(tx, a->no, a->actor, "note", a->note, e);
	case VIOLATION_SUSPEND:
	case VIOLATION_REVOKE:
		return violation_restrict(tx, a->no, a->actor, a->act == VIOLATION_REVOKE, a->note, e);
	case VIOLATION_LIFT:
		return violation_lift(tx, a->no, a->actor, a->note, e);
	}
	return 0;
}

int vio_act(struct web_req *rq, const struct violation *x, enum violation_act act, const char *note,
	    struct case_outcome *o, struct err *e)
{
	struct act_args a = {act, x->violation_no, rq->user->staff.staff_no, note && *note ? note : NULL};
	if (act == VIOLATION_NOTE && !a.note) {
		case_outcome_set(o, 422, "validation", "記録する内容を入力してください");
		return 0;
	}
	/* the core decides; the status says whether the person or the state was the reason */
	int status = !violation_role_allows(&rq->user->roles, rq->user->staff.id, x, act) ? 403
		     : !violation_state_allows(x, act)                                     ? 409
											   : 422;
	int rc = case_view_write(rq, do_act, &a, status, o, e);
	if (rc || o->status || act == VIOLATION_GUIDANCE || act == VIOLATION_CORRECTED || act == VIOLATION_NOTE)
		return rc;
	/* after the commit: the account tables are written outside the journal */
	return violation_account_follow(rq->db, x->violation_no, e);
}
