/*
 * catalog.c — loading and checking the embedded catalog (see catalog.h).
 *
 * The build lays the JSON files end to end, each followed by a NUL byte,
 * between mamori_catalog_blob and mamori_catalog_blob_end.  Loading checks
 * what the rest of mamori relies on (ids well-formed and unique, strengths
 * and role ids known, required text present) so a bad edit of the catalog/ files
 * fails `make test` rather than a municipality's policy document.
 */
#include "core/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "core/request_type.h"
#include "core/vocab.h"
#include "util/buf.h"
#include "util/strmap.h"

extern const char mamori_catalog_blob[];
extern const char mamori_catalog_blob_end[];

const char *const catalog_mark_key[NMARKS] = {"holds", "reported", "permits", "approves"};
const char *const catalog_mark_label[NMARKS] = {"○", "△", "許", "承"};

int catalog_id_valid(const char *id)
{
	const char *p = id;
	if (*p == 'P')
		p++;
	for (int level = 0;; level++) {
		if (*p < '1' || *p > '9') /* no empty level, no leading zero */
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '\0')
			return level < 6;
		if (*p++ != '.')
			return 0;
	}
}

const char *catalog_strength_label(const char *strength)
{
	if (strcmp(strength, "recommended") == 0)
		return "推奨事項";
	if (strcmp(strength, "desirable") == 0)
		return "望ましい";
	return "必須";
}

static const char *text_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int strings_ok(const cJSON *a)
{
	const cJSON *x;
	if (!cJSON_IsArray(a))
		return 0;
	cJSON_ArrayForEach(x, a)
		if (!cJSON_IsString(x) || !*x->valuestring)
			return 0;
	return 1;
}

static int roles_ok(const cJSON *roles)
{
	for (int m = 0; m < NMARKS; m++) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(roles, catalog_mark_key[m]), *x;
		if (!strings_ok(a))
			return 0;
		cJSON_ArrayForEach(x, a)
			if (!vocab_find(&vocab_role, x->valuestring))
				return 0;
	}
	return 1;
}

static int questions_ok(const cJSON *qs)
{
	const cJSON *q;
	if (!cJSON_IsArray(qs) || cJSON_GetArraySize(qs) == 0)
		return 0;
	cJSON_ArrayForEach(q, qs) {
		const char *role = text_of(q, "role"), *text = text_of(q, "text");
		if (!role || !vocab_find(&vocab_role, role) || !text || !*text)
			return 0;
	}
	return 1;
}

/*
 * A policy template may name {self}, {post:ROLE} and {param:KEY} (filled
 * from the profile by policy_build.c); anything else in braces is a typo.
 */
static int template_ok(const char *t)
{
	for (const char *open = strchr(t, '{'); open; open = strchr(open + 1, '{')) {
		const char *close = strchr(open, '}');
		if (!close)
			return 0;
		char name[64];
		size_t n = (size_t)(close - open - 1);
		if (n >= sizeof name)
			return 0;
		memcpy(name, open + 1, n);
		name[n] = '\0';
		int ok = strcmp(name, "self") == 0 ||
			 (strncmp(name, "post:", 5) == 0 && vocab_find(&vocab_role, name + 5)) ||
			 (strncmp(name, "param:", 6) == 0 && name[6] && strspn(name + 6, "abcdefghijklmnopqrstuvwxyz_") == n - 6);
		if (!ok)
			return 0;
	}
	return 1;
}

/* What is wrong with an entry, or NULL. */
static const char *entry_problem(const cJSON *o, struct catalog_entry *en)
{
	en->json = o;
	en->id = text_of(o, "id");
	en->ref = text_of(o, "ref");
	en->part = text_of(o, "part");
	en->chapter = text_of(o, "chapter");
	en->section = text_of(o, "section");
	en->group = text_of(o, "group");
	en->title = text_of(o, "title");
	en->statement = text_of(o, "statement");
	en->policy = text_of(o, "policy");
	en->strength = text_of(o, "strength");
	en->area = text_of(o, "area");
	en->matrix = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "matrix"));
	if (!en->id || !catalog_id_valid(en->id))
		return "id が条項番号の形式ではありません";
	if (!en->ref || !en->part || !en->chapter || !en->title || !*en->title || !en->statement ||
	    !*en->statement || !en->area)
		return "必須の項目（ref, part, chapter, title, statement, area）がありません";
	if (cJSON_GetObjectItemCaseSensitive(o, "policy") && (!en->policy || !template_ok(en->policy)))
		return "policy は {self}、{post:役割}、{param:項目} だけを差し込める文字列です";
	if (strcmp(en->part, en->id[0] == 'P' ? "basic" : "standard") != 0)
		return "part が id と合いません";
	if (!en->strength || (strcmp(en->strength, "must") && strcmp(en->strength, "recommended") &&
			      strcmp(en->strength, "desirable")))
		return "strength は must / recommended / desirable のいずれかです";
	if (!roles_ok(cJSON_GetObjectItemCaseSensitive(o, "roles")))
		return "roles に未知の役割があるか、形式が違います";
	if (!questions_ok(cJSON_GetObjectItemCaseSensitive(o, "questions")))
		return "questions がないか、未知の役割を指しています";
	const cJSON *request = cJSON_GetObjectItemCaseSensitive(o, "request");
	struct request_type type;
	const char *problem = request ? request_type_parse(request, en->id, &type) : NULL;
	if (problem)
		return problem;
	static const char *const lists[] = {"conditions", "records", "terms"};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		if (!strings_ok(cJSON_GetObjectItemCaseSensitive(o, lists[i])))
			return "conditions / records / terms は文字列の配列です";
	return NULL;
}

static int add_doc(struct catalog *c, struct strmap *seen, const char *text, size_t nth,
		   struct err *e)
{
	cJSON *doc = cJSON_Parse(text);
	if (!cJSON_IsArray(doc)) {
		cJSON_Delete(doc);
		return err_set(e, ERR_INTERNAL, "組み込みカタログの %zu 番目のファイルが JSON 配列ではありません",
			       nth + 1);
	}
	c->docs = xrealloc(c->docs, (c->ndocs + 1) * sizeof *c->docs);
	c->docs[c->ndocs++] = doc;
	c->v = xrealloc(c->v, (c->n + (size_t)cJSON_GetArraySize(doc)) * sizeof *c->v);
	const cJSON *o;
	cJSON_ArrayForEach(o, doc) {
		struct catalog_entry *en = &c->v[c->n];
		const char *why = entry_problem(o, en);
		if (why)
			return err_set(e, ERR_INTERNAL, "組み込みカタログの条項 %s: %s",
				       en->id ? en->id : "（id なし）", why);
		struct strmap_slot *s = strmap_upsert(seen, en->id, strlen(en->id));
		if (s->value)
			return err_set(e, ERR_INTERNAL, "組み込みカタログの条項 %s が重複しています", en->id);
		s->value = en;
		c->n++;
	}
	return 0;
}

int catalog_load(struct catalog *c, struct err *e)
{
	struct strmap seen;
	memset(c, 0, sizeof *c);
	strmap_init(&seen);
	int rc = 0;
	size_t nth = 0;
	for (const char *p = mamori_catalog_blob; p < mamori_catalog_blob_end && !rc; nth++) {
		size_t len = strlen(p);
		rc = add_doc(c, &seen, p, nth, e);
		p += len + 1;
	}
	strmap_free(&seen, NULL);
	if (rc)
		catalog_free(c);
	return rc;
}

void catalog_free(struct catalog *c)
{
	for (size_t i = 0; i < c->ndocs; i++)
		cJSON_Delete(c->docs[i]);
	free(c->docs);
	free(c->v);
	memset(c, 0, sizeof *c);
}

const struct catalog_entry *catalog_find(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].id, id) == 0)
			return &c->v[i];
	return NULL;
}

char *catalog_join(const struct catalog_entry *en, const char *key, const char *sep)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(en->json, key), *x;
	if (!a) /* a role column */
		a = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(en->json, "roles"),
						     key);
	struct buf b = BUF_INIT;
	cJSON_ArrayForEach(x, a) {
		if (b.len)
			buf_puts(&b, sep);
		buf_puts(&b, x->valuestring);
	}
	return buf_take(&b);
}
