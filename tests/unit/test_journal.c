/*
 * test_journal.c — batch entries (journal.h): a row zipped back out of a
 * batch is byte for byte the single-row body the same values render to, and
 * every malformed batch body is refused rather than half read.
 */
#include <string.h>

#include "store/journal.h"
#include "store/tx.h"
#include "util/buf.h"

#include "check.h"

static int row_is_null(const void *ctx, int col) { return ((const struct row *)ctx)->v[col].is_null; }
static long long row_num(const void *ctx, int col) { return ((const struct row *)ctx)->v[col].num; }
static const char *row_str(const void *ctx, int col) { return ((const struct row *)ctx)->v[col].str; }

static void test_zip_equals_single_row_body(void)
{
	struct row r[2];
	const char *names[2] = {"「機密」\"引用\"\\改行\n", ""};
	struct buf single[2] = {BUF_INIT, BUF_INIT}, batch = BUF_INIT, row = BUF_INIT;
	const struct table_def *t = schema_table("asset");
	CHECK(t != NULL);
	journal_render_batch_head(t, &batch);
	for (int i = 0; i < 2; i++) {
		row_init(&r[i], "asset");
		row_int(&r[i], "id", 41 + i);
		row_text(&r[i], "asset_no", i ? "A-2" : "A-1");
		row_text(&r[i], "name", names[i]);
		row_int(&r[i], "confidentiality", 3);
		row_id_ref(&r[i], "unit_id", 7);
		struct row_source src = {&r[i], row_is_null, row_num, row_str};
		journal_render(t, &src, &single[i]);
		if (i)
			buf_putc(&batch, ',');
		journal_render_values(t, &src, &batch);
	}
	buf_puts(&batch, "]}");
	struct journal_batch b;
	long long id;
	CHECK(journal_batch_open(&b, buf_str(&batch)) == 0);
	for (int i = 0; i < 2; i++) {
		CHECK(journal_batch_next(&b, &row, &id) == 1);
		CHECK(id == 41 + i);
		CHECK(row.len == single[i].len && memcmp(row.data, single[i].data, row.len) == 0);
	}
	CHECK(journal_batch_next(&b, &row, &id) == 0);
	for (int i = 0; i < 2; i++)
		buf_free(&single[i]);
	buf_free(&batch);
	buf_free(&row);
}

/* Reads every row; the result of the last call (0 = clean end, -1 = bad). */
static int read_all_rows(const char *body, int *rows)
{
	struct journal_batch b;
	struct buf row = BUF_INIT;
	long long id;
	int rc;
	*rows = 0;
	if (journal_batch_open(&b, body))
		return -1;
	while ((rc = journal_batch_next(&b, &row, &id)) == 1)
		(*rows)++;
	buf_free(&row);
	return rc;
}

static void test_malformed_bodies_are_refused(void)
{
	int rows;
	CHECK(read_all_rows("{\"columns\":[\"id\",\"n\"],\"rows\":[[1,\"a\"],[2,null]]}", &rows) == 0);
	CHECK(rows == 2);
	CHECK(read_all_rows("{\"columns\":[\"id\"],\"rows\":[]}", &rows) == 0 && rows == 0);
	static const char *bad[] = {
		"",
		"[]",
		"{\"id\":1}",
		"{\"columns\":[],\"rows\":[]}",                     /* no columns */
		"{\"columns\":[\"n\"],\"rows\":[[\"a\"]]}",         /* no id column */
		"{\"columns\":[\"id\",\"n\"],\"rows\":[[1]]}",      /* a value short */
		"{\"columns\":[\"id\",\"n\"],\"rows\":[[1,2,3]]}",  /* a value too many */
		"{\"columns\":[\"id\"],\"rows\":[[1],]}",           /* trailing comma */
		"{\"columns\":[\"id\"],\"rows\":[[1][2]]}",         /* missing comma */
		"{\"columns\":[\"id\"],\"rows\":[[0]]}",            /* id not positive */
		"{\"columns\":[\"id\"],\"rows\":[[\"7\"]]}",        /* id not a number */
		"{\"columns\":[\"id\"],\"rows\":[[99999999999999999999]]}",
		"{\"columns\":[\"id\",\"n\"],\"rows\":[[1,{\"a\":1}]]}", /* not a scalar */
		"{\"columns\":[\"id\",\"n\"],\"rows\":[[1,\"unterminated]]}",
		"{\"columns\":[\"id\"],\"rows\":[[1]]}x",           /* text after the end */
		"{\"columns\":[\"id\"],\"rows\":[[1]]",             /* cut short */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = read_all_rows(bad[i], &rows);
		if (rc != -1)
			fprintf(stderr, "accepted: %s\n", bad[i]);
		CHECK(rc == -1);
	}
}

int main(void)
{
	test_zip_equals_single_row_body();
	test_malformed_bodies_are_refused();
	return check_report();
}
