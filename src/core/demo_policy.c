/*
 * demo_policy.c — the demo municipality's profile and policy documents: it
 * has taken on three 推奨事項 (it has an outside adviser and redundant core
 * servers), and its current 基本方針 and full policy are rendered and
 * approved by its CISO, so a new user finds 第1版 and 第2版 in place.
 */
#include "core/demo.h"

#include "core/policy_build.h"
#include "core/policy_store.h"
#include "core/profile.h"
#include "core/staff.h"
#include "store/tx.h"

static const char *const adopted[] = {"1.1.2", "4.1.2.1", "4.1.2.2"};

static int adopt(struct tx *tx, const struct catalog *cat, struct profile *p, struct err *e)
{
	for (size_t i = 0; i < sizeof adopted / sizeof adopted[0]; i++)
		if (profile_adopt(p, cat, adopted[i], 1, e))
			return e->code;
	return profile_save(tx, p, "profile.adopt", e);
}

/* Renders one edition and approves it as staff `approver`. */
static int render_approved(struct tx *tx, const struct catalog *cat, const struct profile *p,
			   enum policy_edition ed, long long approver, struct err *e)
{
	struct pdoc d;
	long long id;
	int created;
	policy_build(cat, p, ed, &d);
	int rc = policy_record(tx, &d, ed, p->version, &id, &created, e);
	pdoc_free(&d);
	return rc ? rc : policy_approve(tx, id, approver, e);
}

int demo_add_policy(struct tx *tx, const char *ciso_no, struct err *e)
{
	struct catalog cat;
	struct profile p;
	struct staff ciso;
	int found;
	if (staff_find(tx->db, ciso_no, &ciso, &found, e))
		return e->code;
	if (!found)
		return err_set(e, ERR_INTERNAL, "架空市の CISO（%s）が見つかりません", ciso_no);
	long long approver = ciso.id;
	staff_free(&ciso);
	if (catalog_load(&cat, e))
		return e->code;
	int rc = profile_load(tx->db, &p, e);
	if (!rc) {
		rc = adopt(tx, &cat, &p, e);
		if (!rc)
			rc = render_approved(tx, &cat, &p, EDITION_PUBLIC, approver, e);
		if (!rc)
			rc = render_approved(tx, &cat, &p, EDITION_INTERNAL, approver, e);
		profile_free(&p);
	}
	catalog_free(&cat);
	return rc;
}
