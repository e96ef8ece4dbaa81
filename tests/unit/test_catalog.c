/*
 * test_catalog.c — the embedded catalog loads, passes its own checks, and
 * the clause-id grammar of the contract accepts and refuses what it should.
 */
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"

#include "check.h"

static void test_id_grammar(void)
{
	static const char *good[] = {"1.9.5", "2.2.8.2", "4.2.1.3", "4.3.1", "6.2.1.3.4", "P6.3", "P1",
				     "6.1.12.1", "9.3"};
	static const char *bad[] = {"", "P", "1.", ".1", "1..2", "01.2", "1.02", "P6.", "Q1", "1.2a",
				    "1.2.3.4.5.6.7", "2(2)"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		CHECK(catalog_id_valid(good[i]));
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(!catalog_id_valid(bad[i]));
}

static void test_embedded_catalog_loads(void)
{
	struct catalog cat;
	struct err e = {0};
	CHECK(catalog_load(&cat, &e) == 0);
	if (e.code)
		fprintf(stderr, "%s\n", e.msg);
	CHECK(cat.n >= 400);
	CHECK(strcmp(cat.v[0].id, "P1") == 0); /* the 基本方針 first, in document order */
	const struct catalog_entry *en = catalog_find(&cat, "2.2.10.3");
	CHECK(en && strcmp(en->strength, "must") == 0 && en->matrix);
	char *permits = en ? catalog_join(en, "permits", ",") : NULL;
	CHECK(permits && strcmp(permits, "manager") == 0);
	free(permits);
	CHECK(catalog_find(&cat, "9.9.9") == NULL);
	catalog_free(&cat);
}

int main(void)
{
	test_id_grammar();
	test_embedded_catalog_loads();
	return check_report();
}
