/*
 * policy_store.c — numbered versions of the policy documents and their
 * 決裁 (policy_store.h).
 */
#include "core/policy_store.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/rows.h"
#include "store/tx.h"
#include "util/json.h"
#include "util/sha256.h"

static const char *const kind_ids[] = {
	[PD_CHAPTER] = "chapter", [PD_SECTION] = "section", [PD_ARTICLE] = "article",
	[PD_PARA] = "para",       [PD_ITEM] = "item",       [PD_NOTE] = "note",
};
#define NKINDS (sizeof kind_ids / sizeof kind_ids[0])

static void read_version(struct db_stmt *st, void *elem)
{
	struct policy_version *v = elem;
	v->id = col_id(st, 0);
	v->edition = col_dup(st, 1);
	v->title = col_dup(st, 2);
	v->blocks = col_dup(st, 3);
	v->content_hash = col_dup(st, 4);
	v->profile_version = col_id(st, 5);
	v->rendered_at = col_dup(st, 6);
	v->rendered_by = col_dup(st, 7);
	v->approved_by = col_id(st, 8);
	v->approved_at = col_dup(st, 9);
}

int policy_versions_load(struct db *db, struct policy_versions *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	return rows_load(db,
			 "SELECT id, edition, title, blocks, content_hash, profile_version, rendered_at,"
			 " rendered_by, approved_by, approved_at FROM policy_version ORDER BY id",
			 sizeof *out->v, read_version, (void **)&out->v, &out->n, e);
}

void policy_versions_free(struct policy_versions *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct policy_version *v = &l->v[i];
		free(v->edition);
		free(v->title);
		free(v->blocks);
		free(v->content_hash);
		free(v->rendered_at);
		free(v->rendered_by);
		free(v->approved_at);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

const struct policy_version *policy_version_by_id(const struct policy_versions *l, long long id)
{
	return rows_by_id(l->v, l->n, sizeof *l->v, offsetof(struct policy_version, id), id);
}

void pdoc_blocks_json(const struct pdoc *d, struct buf *out)
{
	struct json_writer w;
	jw_init(&w, out);
	jw_array_begin(&w);
	for (size_t i = 0; i < d->n; i++) {
		const struct pdoc_block *x = &d->v[i];
		jw_object_begin(&w);
		jw_kv_string(&w, "clause", x->clause);
		jw_kv_int(&w, "depth", x->depth);
		jw_kv_string(&w, "kind", kind_ids[x->kind]);
		jw_kv_string(&w, "label", x->label);
		jw_kv_string(&w, "text", x->text);
		jw_object_end(&w);
	}
	jw_array_end(&w);
}

static void hash_of(const char *title, const char *blocks, char hex[65])
{
	struct sha256 *h = sha256_new();
	sha256_begin(h);
	sha256_update(h, title, strlen(title));
	sha256_update(h, "\n", 1);
	sha256_update(h, blocks, strlen(blocks));
	sha256_end_hex(h, hex);
	sha256_free(h);
}

void pdoc_content_hash(const struct pdoc *d, char hex[65])
{
	struct buf blocks = BUF_INIT;
	pdoc_blocks_json(d, &blocks);
	hash_of(d->title, buf_str(&blocks), hex);
	buf_free(&blocks);
}

static const char *opt_text(const cJSON *o, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

static int kind_of(const char *id)
{
	for (size_t k = 0; id && k < NKINDS; k++)
		if (strcmp(kind_ids[k], id) == 0)
			return (int)k;
	return -1;
}

int pdoc_from_version(const struct policy_version *v, struct pdoc *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	cJSON *root = cJSON_Parse(v->blocks);
	const cJSON *o;
	if (!cJSON_IsArray(root))
		goto broken;
	out->title = xstrdup(v->title);
	out->confidential = strcmp(v->edition, "internal") == 0;
	cJSON_ArrayForEach(o, root)
	{
		int kind = kind_of(opt_text(o, "kind"));
		const cJSON *depth = cJSON_GetObjectItemCaseSensitive(o, "depth");
		/* items nest (1) → ア → (ア); anything deeper is not a document mamori wrote */
		const char *clause = opt_text(o, "clause");
		if (kind < 0 || !opt_text(o, "text") || !cJSON_IsNumber(depth) || depth->valuedouble < 0 ||
		    depth->valuedouble > 3 || (clause && !catalog_id_valid(clause)))
			goto broken;
		pdoc_add(out, (enum pdoc_kind)kind, depth->valueint, opt_text(o, "label"), opt_text(o, "text"),
			 clause);
	}
	cJSON_Delete(root);
	return 0;
broken:
	cJSON_Delete(root);
	pdoc_free(out);
	return err_set(e, ERR_INPUT, "ポリシー第%lld版の保存内容が読めません（データベースが壊れている可能性があります）", v->id);
}

/* The newest version of an edition, or NULL. */
static const struct policy_version *latest(const struct policy_versions *l, const char *edition)
{
	for (size_t i = l->n; i-- > 0;)
		if (strcmp(l->v[i].edition, edition) == 0)
			return &l->v[i];
	return NULL;
}

int policy_record(struct tx *tx, const struct pdoc *d, enum policy_edition ed,
		  long long profile_version, long long *id, int *created, struct err *e)
{
	struct policy_versions l;
	struct buf blocks = BUF_INIT;
	char hex[65];
	*created = 0;
	if (policy_versions_load(tx->db, &l, e))
		return e->code;
	pdoc_blocks_json(d, &blocks);
	hash_of(d->title, buf_str(&blocks), hex);
	const struct policy_version *last = latest(&l, policy_edition_ids[ed]);
	int rc = 0;
	if (last && strcmp(last->content_hash, hex) == 0) {
		*id = last->id;
	} else if (!(rc = tx_next_id(tx, "policy_version", id, e))) {
		struct row r;
		row_init(&r, "policy_version");
		row_int(&r, "id", *id);
		row_text(&r, "edition", policy_edition_ids[ed]);
		row_text(&r, "title", d->title);
		row_text(&r, "blocks", buf_str(&blocks));
		row_text(&r, "content_hash", hex);
		row_int(&r, "profile_version", profile_version);
		row_text(&r, "rendered_at", tx->at);
		row_text(&r, "rendered_by", tx->actor);
		rc = tx_put_row(tx, "policy.render", &r, 1, e);
		*created = !rc;
	}
	buf_free(&blocks);
	policy_versions_free(&l);
	return rc;
}

int policy_approve(struct tx *tx, long long id, long long staff_id, struct err *e)
{
	struct policy_versions l;
	if (policy_versions_load(tx->db, &l, e))
		return e->code;
	const struct policy_version *v = policy_version_by_id(&l, id);
	int rc;
	if (!v) {
		rc = err_set(e, ERR_INPUT, "ポリシーの第%lld版はありません（mamori policy list で確認できます）", id);
	} else if (v->approved_by) {
		rc = err_set(e, ERR_INPUT, "ポリシーの第%lld版は %s に決裁済みです", id, v->approved_at);
	} else {
		struct row r;
		row_init(&r, "policy_version");
		row_int(&r, "id", v->id);
		row_text(&r, "edition", v->edition);
		row_text(&r, "title", v->title);
		row_text(&r, "blocks", v->blocks);
		row_text(&r, "content_hash", v->content_hash);
		row_int(&r, "profile_version", v->profile_version);
		row_text(&r, "rendered_at", v->rendered_at);
		row_text(&r, "rendered_by", v->rendered_by);
		row_id_ref(&r, "approved_by", staff_id);
		row_text(&r, "approved_at", tx->at);
		rc = tx_put_row(tx, "policy.approve", &r, 0, e);
	}
	policy_versions_free(&l);
	return rc;
}
