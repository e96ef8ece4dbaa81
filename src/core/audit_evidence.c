/*
 * audit_evidence.c — evidence and working papers of an audit (9.1.6): the
 * bytes go to the file store (store/blob.h) under their SHA-256, and the
 * journaled audit_evidence row records name, type, size, hash, who and when.
 * Reading them back re-hashes the bytes, so a changed file is never handed
 * out as if it were the original.
 */
#include "core/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/audit_internal.h"
#include "core/case_util.h"
#include "core/rows.h"
#include "store/blob.h"
#include "util/buf.h"

#define EVIDENCE_COLUMNS "id, audit_id, item_id, kind, filename, content_type, size, sha256, added_by, added_at"

static void read_evidence(struct db_stmt *st, void *elem)
{
	struct audit_evidence *v = elem;
	v->id = db_column_int(st, 0);
	v->audit_id = col_id(st, 1);
	v->item_id = col_id(st, 2);
	v->kind = col_dup(st, 3);
	v->filename = col_dup(st, 4);
	v->content_type = col_dup(st, 5);
	v->size = db_column_int(st, 6);
	v->sha256 = col_dup(st, 7);
	v->added_by = col_id(st, 8);
	v->added_at = col_dup(st, 9);
}

void audit_evidence_free(struct audit_evidence *v)
{
	free(v->kind);
	free(v->filename);
	free(v->content_type);
	free(v->sha256);
	free(v->added_at);
	memset(v, 0, sizeof *v);
}

int audit_evidence_load(struct db *db, long long audit_id, struct audit_evidence_list *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	int rc = rows_load_for(db, "SELECT " EVIDENCE_COLUMNS " FROM audit_evidence WHERE audit_id = ? ORDER BY id",
			       audit_id, sizeof *out->v, read_evidence, (void **)&out->v, &out->n, e);
	if (rc)
		audit_evidence_list_free(out);
	return rc;
}

void audit_evidence_list_free(struct audit_evidence_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		audit_evidence_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The type of the bytes: a few signatures first (the name may lie), then the
 * name's extension.  mamori does not link libmagic; these cover what audit
 * files are in practice. */
static const char *content_type(const char *name, const unsigned char *d, size_t n)
{
	static const struct {
		const char *ext, *type;
	} by_ext[] = {
		{".pdf", "application/pdf"},
		{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
		{".xls", "application/vnd.ms-excel"}, {".doc", "application/msword"},
		{".csv", "text/csv"}, {".txt", "text/plain"}, {".md", "text/markdown"}, {".html", "text/html"},
		{".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
		{".zip", "application/zip"}, {".json", "application/json"}, {".xml", "application/xml"},
		{".eml", "message/rfc822"}, {".log", "text/plain"},
	};
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof by_ext / sizeof by_ext[0]; i++)
		if (strcasecmp(dot, by_ext[i].ext) == 0)
			return by_ext[i].type;
	if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
		return "application/zip";
	return "application/octet-stream";
}

/* The base name: a path typed on the command line or sent by a browser on
 * Windows keeps only its last part. */
static const char *base_name(const char *name)
{
	const char *b = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	return b;
}

static int check_kind(const char *kind, struct err *e)
{
	if (strcmp(kind, "evidence") == 0 || strcmp(kind, "working_paper") == 0)
		return 0;
	return err_set(e, ERR_INPUT, "ファイルの種類（--kind）は evidence（証拠）か working_paper（監査調書）です：「%s」", kind);
}

static int find_item(struct db *db, long long audit_id, const char *clause, long long *item_id, struct err *e)
{
	struct audit_items items;
	*item_id = 0;
	if (audit_items_load(db, audit_id, &items, e))
		return e->code;
	for (size_t i = 0; i < items.n; i++)
		if (strcmp(items.v[i].clause, clause) == 0)
			*item_id = items.v[i].id;
	audit_items_free(&items);
	if (!*item_id)
		return err_set(e, ERR_INPUT, "この監査に条項「%s」の監査項目はありません", clause);
	return 0;
}

static int put_evidence(struct tx *tx, const struct audit_evidence *v, struct err *e)
{
	struct row r;
	row_init(&r, "audit_evidence");
	row_int(&r, "id", v->id);
	row_id_ref(&r, "audit_id", v->audit_id);
	row_id_ref(&r, "item_id", v->item_id);
	row_text(&r, "kind", v->kind);
	row_text(&r, "filename", v->filename);
	row_text(&r, "content_type", v->content_type);
	row_int(&r, "size", v->size);
	row_text(&r, "sha256", v->sha256);
	row_id_ref(&r, "added_by", v->added_by);
	row_text(&r, "added_at", v->added_at);
	return tx_put_row(tx, "audit.evidence.add", &r, 1, e);
}

static int check_file(const struct audit_evidence_new *in, const char **name, struct err *e)
{
	*name = in->filename ? base_name(in->filename) : "";
	if (!**name)
		return err_set(e, ERR_INPUT, "証跡ファイルの名前がありません");
	if (strlen(*name) > 255)
		return err_set(e, ERR_INPUT, "証跡ファイルの名前が長すぎます（255 バイトまで）");
	if (in->len == 0)
		return err_set(e, ERR_INPUT, "証跡ファイル「%s」は空です", *name);
	if (in->len > AUDIT_EVIDENCE_MAX)
		return err_set(e, ERR_INPUT, "証跡ファイル「%s」は %zu バイトで、上限の %zu MiB を超えています", *name, in->len,
			       AUDIT_EVIDENCE_MAX / (1024 * 1024));
	return 0;
}

int audit_evidence_add(struct tx *tx, const struct audit_evidence_new *in, long long *id, struct err *e)
{
	struct audit_ctx x;
	struct audit_evidence v = {0};
	char hex[65], size[24];
	const char *name = "";
	const char *kind = in->kind && *in->kind ? in->kind : "evidence";
	int rc = audit_act_begin(tx->db, in->audit_no, in->actor_no, "証跡を登録する職員", &x, e);
	if (!rc)
		rc = audit_need_team(tx->db, &x, "証跡の登録", e);
	if (!rc)
		rc = audit_need_open(&x.a, e);
	if (!rc)
		rc = check_kind(kind, e);
	if (!rc)
		rc = check_file(in, &name, e);
	if (!rc && in->clause && *in->clause)
		rc = find_item(tx->db, x.a.id, in->clause, &v.item_id, e);
	if (!rc)
		rc = blob_put(tx->db, in->data, in->len, hex, e);
	if (!rc)
		rc = tx_next_id(tx, "audit_evidence", &v.id, e);
	if (!rc) {
		v.audit_id = x.a.id;
		v.kind = (char *)kind;
		v.filename = (char *)name;
		v.content_type = (char *)content_type(name, in->data, in->len);
		v.size = (long long)in->len;
		v.sha256 = hex;
		v.added_by = x.who.id;
		v.added_at = tx->at;
		rc = put_evidence(tx, &v, e);
	}
	snprintf(size, sizeof size, "%zu", in->len);
	if (!rc)
		rc = audit_step(tx, x.a.id, x.who.id, "evidence_added",
				case_body(4, "filename", name, "kind", kind, "sha256", hex, "size", size), e);
	if (!rc && id)
		*id = v.id;
	audit_act_end(&x);
	return rc;
}

int audit_evidence_get(struct db *db, const char *audit_no, long long id, unsigned char **data, size_t *len,
		       struct audit_evidence *ev, struct err *e)
{
	struct audit a;
	struct audit_evidence_list l = {0};
	*data = NULL;
	*len = 0;
	if (audit_load(db, audit_no, &a, e))
		return e->code;
	int rc = audit_evidence_load(db, a.id, &l, e);
	const struct audit_evidence *v = NULL;
	for (size_t i = 0; !rc && i < l.n; i++)
		if (l.v[i].id == id)
			v = &l.v[i];
	if (!rc && !v)
		rc = err_set(e, ERR_INPUT, "監査 %s に証跡 %lld はありません", a.audit_no, id);
	if (!rc && blob_get(db, v->sha256, data, len, e))
		rc = err_prefix(e, "証跡「%s」は改ざんされたか失われています", v->filename);
	if (!rc && (long long)*len != v->size) {
		free(*data);
		*data = NULL;
		rc = err_set(e, ERR_TAMPER, "証跡「%s」の大きさが記録と一致しません", v->filename);
	}
	if (!rc && ev) {
		*ev = *v;
		memset((struct audit_evidence *)v, 0, sizeof *v);
	}
	audit_evidence_list_free(&l);
	audit_free(&a);
	return rc;
}

struct blob_tally {
	long long bad;
	struct err *first;
};

static void count_bad(void *arg, const char *hex, const char *why)
{
	struct blob_tally *t = arg;
	if (t->bad++ == 0)
		err_set(t->first, ERR_TAMPER, "%s（%.12s…）", why, hex);
}

int audit_blobs_verify(struct db *db, long long *checked, long long *bad, struct err *e)
{
	struct err first = {0};
	struct blob_tally t = {0, &first};
	if (blob_check_all(db, "SELECT DISTINCT sha256 FROM audit_evidence", count_bad, &t, checked, e))
		return e->code;
	*bad = t.bad;
	if (t.bad)
		*e = first;
	return t.bad ? ERR_TAMPER : 0;
}
