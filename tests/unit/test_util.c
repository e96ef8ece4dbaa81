/*
 * test_util.c — dates, 和暦 and 年度, search folding, canonical JSON, the
 * journal hash, the string map and the vocabularies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vocab.h"
#include "store/journal.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/json.h"
#include "util/sheet.h"
#include "util/strmap.h"
#include "util/timeutil.h"

#include "check.h"

static int date_is(const char *in, const char *want)
{
	char out[11];
	struct err e = {0};
	return date_parse(in, out, &e) == 0 && strcmp(out, want) == 0;
}

static int date_refused(const char *in)
{
	char out[11];
	struct err e = {0};
	return date_parse(in, out, &e) == ERR_INPUT && strstr(e.msg, "読み取れません");
}

static void test_dates(void)
{
	CHECK(date_is("2026-04-01", "2026-04-01"));
	CHECK(date_is("2026/4/1", "2026-04-01"));
	CHECK(date_is("2026.4.1", "2026-04-01"));
	CHECK(date_is("2026年4月1日", "2026-04-01"));
	CHECK(date_is("２０２６年４月１日", "2026-04-01"));
	CHECK(date_is("令和8年4月1日", "2026-04-01"));
	CHECK(date_is("R8.4.1", "2026-04-01"));
	CHECK(date_is("令和元年5月1日", "2019-05-01"));
	CHECK(date_is("平成31年4月30日", "2019-04-30"));
	CHECK(date_is("H31/4/30", "2019-04-30"));
	CHECK(date_is("昭和64年1月7日", "1989-01-07"));
	CHECK(date_is("2024-02-29", "2024-02-29"));
	CHECK(date_is("2026-04-01 00:00:00", "2026-04-01"));
	CHECK(date_refused("2026-02-29"));
	CHECK(date_refused("2026-13-01"));
	CHECK(date_refused("2026-04-01T10:00"));
	CHECK(date_refused("今日"));
	CHECK(date_refused(""));
	CHECK(date_refused("12345-1-1"));
	CHECK(date_valid("2026-04-01") && !date_valid("2026-4-1") && !date_valid("2026-04-31"));
	char d[11];
	date_add_days("2026-03-31", 1, d);
	CHECK(strcmp(d, "2026-04-01") == 0);
	date_add_days("2024-03-01", -1, d);
	CHECK(strcmp(d, "2024-02-29") == 0);
}

static void test_wareki(void)
{
	char w[64];
	CHECK(fiscal_year("2026-03-31") == 2025 && fiscal_year("2026-04-01") == 2026);
	wareki_date("2026-04-01", w, sizeof w);
	CHECK(strcmp(w, "令和8年4月1日") == 0);
	wareki_date("2019-05-01", w, sizeof w);
	CHECK(strcmp(w, "令和元年5月1日") == 0);
	wareki_date("2019-04-30", w, sizeof w);
	CHECK(strcmp(w, "平成31年4月30日") == 0);
	wareki_fiscal_year(2025, w, sizeof w);
	CHECK(strcmp(w, "令和7年度") == 0);
	wareki_fiscal_year(2019, w, sizeof w);
	CHECK(strcmp(w, "令和元年度") == 0);
	wareki_fiscal_year(2018, w, sizeof w);
	CHECK(strcmp(w, "平成30年度") == 0);
}

static int parses_to(const char *text, int want)
{
	int fy = -7;
	if (want < 0)
		return fiscal_year_parse(text, &fy) == -1 && fy == -7;
	return fiscal_year_parse(text, &fy) == 0 && fy == want;
}

static void test_fiscal_year_parse(void)
{
	CHECK(parses_to("2026", 2026));
	CHECK(parses_to("２０２６", 2026));
	CHECK(parses_to("令和8年度", 2026));
	CHECK(parses_to("令和８", 2026));
	CHECK(parses_to("R8", 2026));
	CHECK(parses_to("r8年度", 2026));
	CHECK(parses_to("令和元年度", 2019));
	CHECK(parses_to("", -1));
	CHECK(parses_to("令和", -1));
	CHECK(parses_to("昭和8年度", -1));
	CHECK(parses_to("R0", -1));
	CHECK(parses_to("1999", -1));
	CHECK(parses_to("2026年", -1));
	CHECK(parses_to("next", -1));
	CHECK(parses_to("二千", -1));
}

static int folds_to(const char *in, const char *want)
{
	char *f = fold_key(in);
	int ok = strcmp(f, want) == 0;
	if (!ok)
		fprintf(stderr, "  fold_key(%s) = %s\n", in, f);
	free(f);
	return ok;
}

static void test_fold(void)
{
	CHECK(folds_to("ＡＢＣ１２３", "abc123"));
	CHECK(folds_to("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ"));
	CHECK(folds_to("やまだ　たろう", "ヤマダタロウ"));
	CHECK(folds_to("𠮷田", "𠮷田"));
	CHECK(utf8_valid("𠮷田", -1) && !utf8_valid("\xff\xfe", 2));
}

static void test_json(void)
{
	struct buf b = BUF_INIT;
	json_string(&b, "a\"b\\c\n\x01日本");
	CHECK(strcmp(buf_str(&b), "\"a\\\"b\\\\c\\n\\u0001日本\"") == 0);
	buf_reset(&b);
	struct json_writer w;
	jw_init(&w, &b);
	jw_object_begin(&w);
	jw_kv_int(&w, "a", -5);
	jw_key(&w, "b");
	jw_array_begin(&w);
	jw_string(&w, "x");
	jw_int(&w, 1);
	jw_array_end(&w);
	jw_kv_string(&w, "c", NULL);
	jw_object_end(&w);
	CHECK(strcmp(buf_str(&b), "{\"a\":-5,\"b\":[\"x\",1],\"c\":null}") == 0);
	buf_free(&b);
	char n[24];
	CHECK(fmt_int(-9223372036854775807LL - 1, n) == 20 && strcmp(n, "-9223372036854775808") == 0);
}

static int csv_round_trip(const char *cell)
{
	struct buf b = BUF_INIT;
	struct sheet sh;
	struct err e = {0};
	buf_csv_field(&b, "x", 0);
	buf_csv_field(&b, cell, 1);
	int ok = sheet_read_csv("t.csv", b.data, b.len, &sh, &e) == 0 && sh.nrows == 1 &&
		 sh.rows[0].ncells == 2 && strcmp(sh.rows[0].cells[1], cell) == 0;
	if (ok)
		sheet_free(&sh);
	buf_free(&b);
	return ok;
}

/* Cells a spreadsheet would run as formulas are guarded, and come back exact. */
static void test_csv_formula_guard(void)
{
	struct buf b = BUF_INIT;
	buf_csv_field(&b, "=HYPERLINK(\"http://x\")", 0);
	buf_csv_field(&b, "+1", 0);
	buf_csv_field(&b, "-", 0);
	buf_csv_field(&b, "@SUM(A1)", 1);
	CHECK(strcmp(buf_str(&b), "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,-,'@SUM(A1)\r\n") == 0);
	buf_free(&b);
	const char *cells[] = {"=1+2", "+81-3-1234", "-12", "-", "@x", "'=already", "''=two", "'plain",
			       "普通の値", "a,b", "=a,b", ""};
	for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
		CHECK(csv_round_trip(cells[i]));
}

/* A known answer: sha256 of "0…0\n1\n2026-04-01T00:00:00Z\ncli:root\nk\ns\n{}" */
static void test_journal_hash(void)
{
	struct sha256 *h = sha256_new();
	char out[65], want[65];
	journal_entry_hash(h, JOURNAL_GENESIS, 1, "2026-04-01T00:00:00Z", "cli:root", "k", "s", "{}",
			   out);
	const char *msg = JOURNAL_GENESIS "\n1\n2026-04-01T00:00:00Z\ncli:root\nk\ns\n{}";
	sha256_hex(msg, strlen(msg), want);
	CHECK(strcmp(out, want) == 0);
	sha256_hex("abc", 3, want);
	CHECK(strcmp(want, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0);
	sha256_free(h);
}

static void test_strmap(void)
{
	struct strmap m;
	strmap_init(&m);
	char key[32];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "staff/%d", i);
		strmap_upsert(&m, key, (size_t)n)->value = (void *)(long)(i + 1);
	}
	CHECK(m.len == 5000);
	CHECK(strmap_find(&m, "staff/4321", 10) && strmap_find(&m, "staff/4321", 10)->value == (void *)4322L);
	CHECK(strmap_find(&m, "staff/5000", 10) == NULL);
	strmap_free(&m, NULL);
}

static void test_vocab(void)
{
	CHECK(strcmp(vocab_find(&vocab_unit_kind, "課")->id, "section") == 0);
	CHECK(strcmp(vocab_find(&vocab_unit_kind, "消防本部")->id, "fire") == 0);
	CHECK(strcmp(vocab_find(&vocab_employment, "会計年度任用職員")->id, "fiscal_year") == 0);
	CHECK(strcmp(vocab_find(&vocab_zone, "ＬＧＷＡＮ接続系")->id, "lgwan") == 0);
	CHECK(strcmp(vocab_find(&vocab_role, "CISO")->id, "ciso") == 0);
	CHECK(vocab_find(&vocab_role, "社長") == NULL);
	CHECK(role_scope("manager") == SCOPE_SECTION && role_scope("system_admin") == SCOPE_SYSTEM);
	static const char *contract[] = {"ciso", "deputy_ciso", "advisor", "chief_officer", "officer",
					 "manager", "system_admin", "system_staff", "committee",
					 "csirt", "csirt_lead", "audit_lead", "staff", "contractor"};
	for (size_t i = 0; i < sizeof contract / sizeof contract[0]; i++)
		CHECK(vocab_find(&vocab_role, contract[i]) != NULL);
	CHECK(vocab_role.n == (int)(sizeof contract / sizeof contract[0]));
}

int main(void)
{
	test_dates();
	test_wareki();
	test_fiscal_year_parse();
	test_fold();
	test_json();
	test_journal_hash();
	test_csv_formula_guard();
	test_strmap();
	test_vocab();
	return check_report();
}
