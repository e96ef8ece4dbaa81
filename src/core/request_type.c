/*
 * request_type.c — the permission types, read from the catalog: each is the
 * "request" object of the clause that demands the permission (catalog/,
 * docs/requests.md), so a new type is a catalog edit, not a code change.
 *
 * The table is built once per process from the embedded catalog and never
 * changes afterwards (pthread_once): it is constant data that happens to be
 * parsed rather than compiled.
 */
#include "core/request_type.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/vocab.h"
#include "util/fold.h"

static const char *text_of(const cJSON *o, const char *key)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(x) && *x->valuestring ? x->valuestring : NULL;
}

static const char *parse_target(const char *s, enum request_target *t)
{
	static const char *const names[] = {[TARGET_NONE] = "none", [TARGET_ASSET] = "asset",
					    [TARGET_SYSTEM] = "system"};
	for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*t = (enum request_target)i;
			return NULL;
		}
	return "request.target は none / asset / system のいずれかです";
}

static const char *parse_approvers(const cJSON *a, struct request_type *t)
{
	const cJSON *x;
	int n = 0;
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) == 0 || cJSON_GetArraySize(a) > REQUEST_MAX_APPROVERS)
		return "request.approvers は 1〜3 個の役割です";
	cJSON_ArrayForEach(x, a)
	{
		if (!cJSON_IsString(x) || !vocab_find(&vocab_role, x->valuestring))
			return "request.approvers に未知の役割があります";
		t->approvers[n++] = x->valuestring;
	}
	return NULL;
}

static const char *parse_fields(const cJSON *a, struct request_type *t)
{
	const cJSON *x;
	int n = 0;
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) == 0 || cJSON_GetArraySize(a) >= REQUEST_MAX_FIELDS)
		return "request.fields は 1〜7 個です";
	cJSON_ArrayForEach(x, a)
	{
		struct request_field *f = &t->fields[n++];
		f->key = text_of(x, "key");
		f->label = text_of(x, "label");
		f->is_date = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "date"));
		if (!f->key || !f->label)
			return "request.fields の各項目には key と label が要ります";
	}
	t->fields[n] = (struct request_field){NULL, NULL, 0};
	return NULL;
}

const char *request_type_parse(const cJSON *o, const char *clause, struct request_type *t)
{
	const char *problem;
	memset(t, 0, sizeof *t);
	t->id = text_of(o, "type");
	t->label = text_of(o, "label");
	t->clause = clause;
	if (!cJSON_IsObject(o) || !t->id || !t->label)
		return "request には type と label が要ります";
	if ((problem = parse_target(text_of(o, "target"), &t->target)) ||
	    (problem = parse_approvers(cJSON_GetObjectItemCaseSensitive(o, "approvers"), t)) ||
	    (problem = parse_fields(cJSON_GetObjectItemCaseSensitive(o, "fields"), t)))
		return problem;
	const cJSON *min = cJSON_GetObjectItemCaseSensitive(o, "min_confidentiality");
	const cJSON *days = cJSON_GetObjectItemCaseSensitive(o, "validity_days");
	if (!cJSON_IsNumber(min) || min->valueint < 0 || !cJSON_IsNumber(days) || days->valueint <= 0)
		return "request.min_confidentiality（0 以上）と validity_days（1 以上）が要ります";
	t->min_confidentiality = min->valueint;
	t->validity_days = days->valueint;
	t->disposal = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "disposal"));
	t->due_field = text_of(o, "due_field");
	const struct request_field *due = t->due_field ? request_type_field(t, t->due_field) : NULL;
	if (t->due_field && (!due || !due->is_date))
		return "request.due_field は日付の項目の key です";
	return NULL;
}

static struct {
	pthread_once_t once;
	struct catalog catalog; /* owns the strings the types point into */
	struct request_type *v;
	size_t n;
} table = {PTHREAD_ONCE_INIT, {0}, NULL, 0};

/* catalog_load has validated every request object, so nothing fails here
 * but a broken build, which the catalog tests catch. */
static void build(void)
{
	struct err e = {0};
	if (catalog_load(&table.catalog, &e))
		return;
	table.v = calloc(table.catalog.n, sizeof *table.v);
	for (size_t i = 0; table.v && i < table.catalog.n; i++) {
		const struct catalog_entry *en = &table.catalog.v[i];
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(en->json, "request");
		if (o && !request_type_parse(o, en->id, &table.v[table.n]))
			table.n++;
	}
}

const struct request_type *request_types_all(size_t *n)
{
	pthread_once(&table.once, build);
	*n = table.n;
	return table.v;
}

const struct request_type *request_type_find(const char *text)
{
	size_t n;
	const struct request_type *v = request_types_all(&n);
	if (!text)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].id, text) == 0 || strcmp(v[i].label, text) == 0)
			return &v[i];
	char *want = fold_key(text);
	const struct request_type *found = NULL;
	for (size_t i = 0; i < n && !found; i++) {
		char *label = fold_key(v[i].label);
		if (strcmp(label, want) == 0)
			found = &v[i];
		free(label);
	}
	free(want);
	return found;
}

const struct request_field *request_type_field(const struct request_type *t, const char *text)
{
	for (int i = 0; i < REQUEST_MAX_FIELDS && t->fields[i].key; i++)
		if (strcmp(t->fields[i].key, text) == 0 || strcmp(t->fields[i].label, text) == 0)
			return &t->fields[i];
	return NULL;
}
