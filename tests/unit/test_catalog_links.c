/*
 * test_catalog_links.c — what refers to the catalog agrees with it: every
 * check rule names a clause that exists, every permission type sits on a
 * clause whose 許/承 roles include its approvers, and every figure of the
 * profile is written into its clause's policy template.
 */
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/check.h"
#include "core/profile.h"
#include "core/request_type.h"

#include "check.h"

/* A chapter number ("1") stands for rules about a whole chapter. */
static int is_chapter(const char *id)
{
	return id[0] >= '1' && id[0] <= '9' && id[1] == '\0';
}

static void test_rules_name_existing_clauses(const struct catalog *cat)
{
	const struct rule *rules[256];
	size_t n = check_rules_all(rules, 256);
	CHECK(n > 10 && n <= 256);
	for (size_t i = 0; i < n && i < 256; i++) {
		int ok = is_chapter(rules[i]->control) || catalog_find(cat, rules[i]->control);
		if (!ok)
			fprintf(stderr, "rule %s: clause %s is not in the catalog\n", rules[i]->id, rules[i]->control);
		CHECK(ok);
		for (size_t k = 0; k < i; k++)
			CHECK(strcmp(rules[k]->id, rules[i]->id) != 0);
	}
}

static int in_array(const cJSON *a, const char *s)
{
	const cJSON *x;
	cJSON_ArrayForEach(x, a)
		if (cJSON_IsString(x) && strcmp(x->valuestring, s) == 0)
			return 1;
	return 0;
}

static void test_request_types_match_their_clauses(const struct catalog *cat)
{
	size_t n;
	const struct request_type *t = request_types_all(&n);
	CHECK(n == 14);
	for (size_t i = 0; i < n; i++) {
		const struct catalog_entry *en = catalog_find(cat, t[i].clause);
		CHECK(en != NULL);
		if (!en)
			continue;
		const cJSON *roles = cJSON_GetObjectItemCaseSensitive(en->json, "roles");
		const cJSON *permits = cJSON_GetObjectItemCaseSensitive(roles, "permits");
		const cJSON *approves = cJSON_GetObjectItemCaseSensitive(roles, "approves");
		for (int k = 0; k < REQUEST_MAX_APPROVERS && t[i].approvers[k]; k++)
			CHECK(in_array(permits, t[i].approvers[k]) || in_array(approves, t[i].approvers[k]));
		for (size_t k = 0; k < i; k++)
			CHECK(strcmp(t[k].id, t[i].id) != 0);
	}
	const struct request_type *takeout = request_type_find("持ち出し");
	CHECK(takeout && strcmp(takeout->clause, "5.1.1.3.2") == 0 && takeout->due_field &&
	      strcmp(takeout->due_field, "return_due") == 0);
	CHECK(request_type_find("no such type") == NULL);
}

static void test_request_objects_are_checked(void)
{
	struct request_type t;
	cJSON *o = cJSON_Parse("{\"type\":\"x\",\"label\":\"X\",\"target\":\"asset\",\"approvers\":[\"manager\"],"
			       "\"fields\":[{\"key\":\"a\",\"label\":\"A\"}],\"min_confidentiality\":0,"
			       "\"validity_days\":30,\"due_field\":\"a\"}");
	CHECK(request_type_parse(o, "1.1.1", &t) != NULL); /* due_field is not a date */
	cJSON_ReplaceItemInObject(o, "due_field", cJSON_CreateNull());
	CHECK(request_type_parse(o, "1.1.1", &t) == NULL);
	cJSON_ReplaceItemInObject(o, "approvers", cJSON_Parse("[\"mayor\"]"));
	CHECK(request_type_parse(o, "1.1.1", &t) != NULL);
	cJSON_ReplaceItemInObject(o, "approvers", cJSON_Parse("[\"ciso\"]"));
	cJSON_ReplaceItemInObject(o, "target", cJSON_CreateString("building"));
	CHECK(request_type_parse(o, "1.1.1", &t) != NULL);
	cJSON_Delete(o);
}

static void test_profile_figures_are_in_their_templates(const struct catalog *cat)
{
	for (size_t i = 0; i < profile_nparams; i++) {
		const struct profile_param *p = &profile_params[i];
		const struct catalog_entry *en = catalog_find(cat, p->clause);
		char want[80];
		snprintf(want, sizeof want, "{param:%s}", p->key);
		CHECK(en && en->policy && strstr(en->policy, want));
		CHECK(p->min <= p->def && p->def <= p->max);
		/* the stored JSON lists them in this order, so it must be sorted */
		if (i > 0)
			CHECK(strcmp(profile_params[i - 1].key, p->key) < 0);
	}
	for (size_t i = 1; i < profile_npost_roles; i++)
		CHECK(strcmp(profile_post_roles[i - 1], profile_post_roles[i]) < 0);
	/* and every template names only figures that exist */
	for (size_t i = 0; i < cat->n; i++) {
		const char *t = cat->v[i].policy;
		for (const char *p = t ? strstr(t, "{param:") : NULL; p; p = strstr(p + 1, "{param:")) {
			char key[64];
			size_t n = strcspn(p + 7, "}");
			CHECK(n < sizeof key);
			snprintf(key, sizeof key, "%.*s", (int)n, p + 7);
			CHECK(profile_param_def(key) != NULL);
		}
	}
}

int main(void)
{
	struct catalog cat;
	struct err e = {0};
	CHECK(catalog_load(&cat, &e) == 0);
	if (e.code) {
		fprintf(stderr, "%s\n", e.msg);
		return check_report();
	}
	test_rules_name_existing_clauses(&cat);
	test_request_types_match_their_clauses(&cat);
	test_request_objects_are_checked();
	test_profile_figures_are_in_their_templates(&cat);
	catalog_free(&cat);
	return check_report();
}
