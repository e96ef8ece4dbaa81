/*
 * policy_version.c — rendering, printing and approving kept policy
 * versions, shared by the CLI and the web (policy_version.h).
 */
#include "core/policy_version.h"

#include <stdlib.h>
#include <string.h>

#include "core/policy_pdf.h"
#include "core/policy_write.h"
#include "core/profile.h"
#include "core/role.h"
#include "core/staff.h"
#include "store/tx.h"
#include "util/json.h"

int policy_render(struct tx *tx, const struct catalog *cat, enum policy_edition ed, long long *id,
		  int *created, struct err *e)
{
	struct profile p;
	struct pdoc d;
	if (profile_load(tx->db, &p, e))
		return e->code;
	policy_build(cat, &p, ed, &d);
	int rc = policy_record(tx, &d, ed, p.version, id, created, e);
	pdoc_free(&d);
	profile_free(&p);
	return rc;
}

char *policy_version_subtitle(struct db *db, const struct policy_version *v)
{
	struct buf b = BUF_INIT;
	int edition = policy_edition_parse(v->edition);
	buf_printf(&b, "%s　第%lld版　", policy_edition_labels[edition < 0 ? 0 : edition], v->id);
	if (v->approved_by) {
		struct err e = {0};
		char *name = staff_name_of(db, v->approved_by, &e);
		buf_printf(&b, "%.10s 決裁（%s）", v->approved_at, name ? name : "?");
		free(name);
	} else {
		buf_puts(&b, "未決裁");
	}
	buf_printf(&b, "　SHA-256 %.16s", v->content_hash);
	return buf_take(&b);
}

static void version_json(const struct policy_version *v, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_object_begin(&w);
	jw_key(&w, "blocks");
	jw_raw(&w, v->blocks);
	jw_kv_string(&w, "content_hash", v->content_hash);
	jw_kv_string(&w, "edition", v->edition);
	jw_kv_string(&w, "title", v->title);
	jw_kv_int(&w, "version", v->id);
	jw_object_end(&w);
	buf_putc(out, '\n');
}

int policy_version_write(struct db *db, const struct policy_version *v, enum policy_format fmt,
			 struct buf *out, struct err *e)
{
	struct pdoc d;
	if (pdoc_from_version(v, &d, e))
		return e->code;
	d.subtitle = policy_version_subtitle(db, v);
	int rc = 0;
	if (fmt == POLICY_HTML)
		policy_write_html(&d, out);
	else if (fmt == POLICY_PDF)
		rc = policy_pdf_write(&d, out, e);
	else if (fmt == POLICY_JSON)
		version_json(v, out);
	else
		policy_write_md(&d, out);
	pdoc_free(&d);
	return rc;
}

int policy_approver_check(struct db *db, long long staff_id, const char *who, struct err *e)
{
	struct role_assignments roles;
	if (role_load(db, 1, &roles, e))
		return e->code;
	int holds = 0;
	for (size_t i = 0; i < roles.n; i++)
		holds |= roles.v[i].staff_id == staff_id &&
			 (strcmp(roles.v[i].role, "ciso") == 0 || strcmp(roles.v[i].role, "deputy_ciso") == 0);
	role_assignments_free(&roles);
	if (!holds)
		return err_set(e, ERR_INPUT, "職員「%s」は CISO でも副CISO でもないため、ポリシーを決裁できません", who);
	return 0;
}
