/*
 * asset_write.c — web edits of the asset register (asset_write.h).
 */
#include "web/asset_write.h"

#include <stdlib.h>
#include <string.h>

#include "store/tx.h"
#include "web/scope.h"
#include "web/write.h"

int asset_write_unit_allowed(const struct web_user *u, long long unit_id)
{
	if (!u)
		return 0;
	for (size_t i = 0; i < u->roles.n; i++) {
		const struct role_assignment *r = &u->roles.v[i];
		if (strcmp(r->role, "manager") == 0 && r->unit_id &&
		    org_unit_within(&u->units, unit_id, r->unit_id))
			return 1;
	}
	return 0;
}

int asset_write_may_edit(const struct web_user *u, const struct asset *a)
{
	return asset_write_unit_allowed(u, a->unit_id);
}

int asset_write_may_create(const struct web_user *u)
{
	for (size_t i = 0; u && i < u->roles.n; i++)
		if (strcmp(u->roles.v[i].role, "manager") == 0 && u->roles.v[i].unit_id)
			return 1;
	return 0;
}

void asset_write_input_of(const struct form *f, struct asset_input *in)
{
	for (int i = 0; i < NASSET_INPUT; i++)
		in->v[i] = form_get(f, asset_input_names[i]);
}

static void field_error(struct asset_input_errors *errs, enum asset_input_field f,
			const char *message)
{
	errs->v[errs->n].field = f;
	errs->v[errs->n].message = xstrdup(message);
	errs->n++;
}

/* The stored asset to change, or why there is none to this person. */
static enum asset_write_result load_target(struct web_req *rq, const char *asset_no,
					   struct asset *a, struct err *e)
{
	int found = 0;
	if (asset_find(rq->db, asset_no, 0, a, &found, e))
		return AW_ERROR;
	if (!found)
		return AW_NOT_FOUND;
	if (!scope_asset_visible(rq->user, a))
		return AW_NOT_FOUND;
	return asset_write_may_edit(rq->user, a) ? AW_OK : AW_FORBIDDEN;
}

/* Whether the edited a is what is stored (a form saved without a change). */
static int unchanged(struct web_req *rq, const struct asset *a, struct err *e)
{
	struct asset stored;
	int found = 0;
	if (asset_find(rq->db, NULL, a->id, &stored, &found, e) || !found)
		return 0;
	int same = asset_same(a, &stored);
	asset_free(&stored);
	return same;
}

/* Everything inside the transaction; AW_OK leaves it to be committed. */
static enum asset_write_result save_in(struct tx *tx, struct web_req *rq, const char *asset_no,
				       const struct asset_input *in, struct asset *a,
				       struct asset_input_errors *errs, struct err *e)
{
	struct class_scheme s;
	if (asset_no) {
		enum asset_write_result r = load_target(rq, asset_no, a, e);
		if (r != AW_OK)
			return r;
	}
	if (class_scheme_ensure_default(tx, e) || class_scheme_load(rq->db, &s, e))
		return AW_ERROR;
	int rc = asset_input_apply(rq->db, &s, in, a, errs, e);
	class_scheme_free(&s);
	if (rc)
		return rc == ERR_INPUT ? AW_INVALID : AW_ERROR;
	if (!asset_write_unit_allowed(rq->user, a->unit_id)) {
		field_error(errs, AI_UNIT, "この所管課の資産を登録・変更する権限がありません（あなたが情報セキュリティ管理者である課だけです）");
		return AW_INVALID;
	}
	if (asset_no && unchanged(rq, a, e))
		return AW_OK; /* nothing to journal */
	rc = asset_put(tx, a, !asset_no, asset_no ? "asset.update" : "asset.add", e);
	if (rc == ERR_INPUT) {
		field_error(errs, AI_NO, e->msg);
		return AW_INVALID;
	}
	return rc ? AW_ERROR : AW_OK;
}

enum asset_write_result asset_write_save(struct web_req *rq, const char *asset_no,
					 const struct asset_input *in,
					 struct asset_input_errors *errs, char **saved_no,
					 struct err *e)
{
	struct tx tx;
	struct asset a = {0};
	memset(errs, 0, sizeof *errs);
	*saved_no = NULL;
	char actor[96];
	web_actor(rq, actor, sizeof actor);
	if (tx_begin(&tx, rq->db, actor, e))
		return AW_ERROR;
	enum asset_write_result r = save_in(&tx, rq, asset_no, in, &a, errs, e);
	if (r == AW_OK && tx_commit(&tx, e)) {
		tx_rollback(&tx);
		r = AW_ERROR;
	} else if (r != AW_OK) {
		tx_rollback(&tx);
	}
	if (r == AW_OK)
		*saved_no = xstrdup(a.asset_no);
	asset_free(&a);
	return r;
}
