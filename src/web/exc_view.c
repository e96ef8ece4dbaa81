/*
 * exc_view.c — the 例外措置 register for the pages and the API (exc_view.h).
 */
#include "web/exc_view.h"

#include <string.h>

#include "core/exception_json.h"
#include "web/case_scope.h"
#include "web/response.h"

const char *const exc_sort_names[EXC_NSORT] = {"no", "clause", "target", "period", "state", "requester",
					       "decided"};

const struct case_choice exc_states[] = {
	{"requested", "申請中"}, {"applied", "緊急実施"}, {"permitted", "許可"},
	{"rejected", "却下"},    {"ended", "終了"},       {"expired", "期限切れ"},
};
const size_t exc_nstates = sizeof exc_states / sizeof exc_states[0];

int exc_state_known(const char *id)
{
	for (size_t i = 0; id && i < exc_nstates; i++)
		if (strcmp(exc_states[i].id, id) == 0)
			return 1;
	return 0;
}

int exc_view_load(struct db *db, struct exc_view *v, struct err *e)
{
	memset(v, 0, sizeof *v);
	if (case_view_refs_load(db, &v->refs, e) || exception_load(db, &v->list, e))
		return e->code;
	return 0;
}

void exc_view_free(struct exc_view *v)
{
	case_view_refs_free(&v->refs);
	exception_list_free(&v->list);
}

const char *exc_unit_code(const struct web_user *u, const struct exception_req *x)
{
	const struct org_unit *unit = org_unit_by_id(&u->units, x->unit_id);
	return unit ? unit->code : NULL;
}

void exc_target(struct buf *b, const struct web_user *u, const struct exc_view *v,
		const struct exception_req *x)
{
	const struct org_unit *unit = org_unit_by_id(&u->units, x->unit_id);
	const struct info_system *s = x->system_id ? infosys_by_id(&v->refs.systems, x->system_id) : NULL;
	if (s)
		buf_printf(b, "%s（%s）", s->name, unit ? unit->name : "");
	else
		buf_puts(b, unit ? unit->name : "");
}

static int matches(const struct exc_view *v, const struct exception_req *x, const struct web_user *u,
		   const struct case_query *q)
{
	if (q->emergency && !x->emergency)
		return 0;
	if (q->unit) {
		const char *code = exc_unit_code(u, x);
		if (!code || strcmp(code, q->unit) != 0)
			return 0;
	}
	if (!q->state)
		return 1;
	if (strcmp(q->state, "expired") == 0)
		return exception_is_expired(x, v->refs.today);
	return strcmp(x->state, q->state) == 0;
}

static void sort_key(struct buf *k, const struct web_user *u, const struct exc_view *v,
		     const struct exception_req *x, int sort)
{
	const struct staff *s;
	buf_reset(k);
	switch (sort) {
	case EXC_SORT_CLAUSE:
		buf_puts(k, x->clause);
		break;
	case EXC_SORT_TARGET:
		exc_target(k, u, v, x);
		break;
	case EXC_SORT_PERIOD:
		buf_printf(k, "%s %s", x->starts_on ? x->starts_on : "", x->ends_on ? x->ends_on : "");
		break;
	case EXC_SORT_STATE:
		buf_puts(k, exception_state_label(x, v->refs.today));
		break;
	case EXC_SORT_REQUESTER:
		s = case_view_staff(&v->refs, x->requester_id);
		buf_puts(k, s ? (s->kana && *s->kana ? s->kana : s->name) : "");
		break;
	case EXC_SORT_DECIDED:
		buf_puts(k, x->decided_at ? x->decided_at : "");
		break;
	default:
		break; /* the number itself breaks every tie */
	}
}

void exc_select(const struct web_user *u, const struct exc_view *v, const struct case_query *q,
		struct case_rows *out)
{
	struct buf k = BUF_INIT;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < v->list.n; i++) {
		const struct exception_req *x = &v->list.v[i];
		if (!case_exception_visible(u, x) || !matches(v, x, u, q))
			continue;
		sort_key(&k, u, v, x, q->sort);
		case_rows_add(out, x, x->exception_no, buf_str(&k));
	}
	case_rows_sort(out, q->desc);
	buf_free(&k);
}

const struct exception_req *exc_find_visible(struct web_req *rq, struct web_resp *rs,
					     const struct exc_view *v)
{
	const struct exception_req *x = rq->id ? exception_by_no(&v->list, rq->id) : NULL;
	if (x && case_exception_visible(rq->user, x))
		return x;
	web_error(rq, rs, 404, "not_found", rq->is_api ? "例外措置が見つかりません" : "ページが見つかりません");
	return NULL;
}

void exc_json(struct json_writer *w, const struct web_user *u, const struct exc_view *v,
	      const struct exception_req *x, const struct case_events *ev)
{
	exception_json(w, x, v->refs.today, &v->refs.staff, &u->units, &v->refs.systems, ev);
}
