/*
 * test_sheet.c — unit tests for the CSV and .xlsx readers (util/sheet.h).
 *
 * Run from the repository root (fixtures are read from tests/fixtures/sheet,
 * or from the folder given as the first argument).  Small .xlsx packages for
 * edge cases no real writer produces on demand (date serials around the 1900
 * leap-year bug, DTDs, broken references) are assembled in memory with
 * libzip; the fixtures cover what LibreOffice, openpyxl and libxlsxwriter
 * really write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "util/sheet.h"

struct t {
	int passed, failed;
	const char *dir;
};

#define CHECK(t, cond)                                                                \
	do {                                                                          \
		if (cond) {                                                           \
			(t)->passed++;                                                \
		} else {                                                              \
			(t)->failed++;                                                \
			fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__,     \
				__LINE__, __func__, #cond);                           \
		}                                                                     \
	} while (0)

/* The cell, or a marker that cannot match, so a missing cell fails a CHECK
 * instead of crashing the run. */
static const char *cell(const struct sheet *s, size_t row, size_t col)
{
	if (row >= s->nrows || col >= s->rows[row].ncells)
		return "<no cell>";
	return s->rows[row].cells[col];
}

static int cell_is(const struct sheet *s, size_t row, size_t col, const char *want)
{
	const char *got = cell(s, row, col);
	if (strcmp(got, want) == 0)
		return 1;
	fprintf(stderr, "  row %zu col %zu: got \"%s\", want \"%s\"\n", row, col, got, want);
	return 0;
}

static int has(const struct err *e, const char *needle)
{
	if (strstr(e->msg, needle))
		return 1;
	fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", e->msg, needle);
	return 0;
}

static int csv(const char *text, size_t len, struct sheet *s, struct err *e)
{
	err_clear(e);
	return sheet_read_csv("t.csv", text, len, s, e);
}

#define CSV(text, s, e) csv((text), sizeof(text) - 1, (s), (e))

/* ---- CSV ---------------------------------------------------------------- */

static void test_csv_quoted(struct t *t)
{
	struct sheet s;
	struct err e;
	int rc = CSV("a,\"b,c\",\"d\"\"e\",\"\"\nx,y\"z,\"\" , \n", &s, &e);
	CHECK(t, rc == 0);
	CHECK(t, s.nrows == 2);
	CHECK(t, s.encoding == SHEET_UTF8);
	CHECK(t, s.nrows > 0 && s.rows[0].ncells == 4);
	CHECK(t, cell_is(&s, 0, 0, "a"));
	CHECK(t, cell_is(&s, 0, 1, "b,c"));
	CHECK(t, cell_is(&s, 0, 2, "d\"e"));
	CHECK(t, cell_is(&s, 0, 3, ""));
	/* A quote inside an unquoted field is data; blanks after a closing
	 * quote are dropped; a blank unquoted field is kept as is. */
	CHECK(t, cell_is(&s, 1, 1, "y\"z"));
	CHECK(t, cell_is(&s, 1, 2, ""));
	CHECK(t, cell_is(&s, 1, 3, " "));
	sheet_free(&s);
}

static void test_csv_embedded_newlines(struct t *t)
{
	struct sheet s;
	struct err e;
	int rc = CSV("h1,h2\n\"one\ntwo\r\nthree\",z\nlast,\"a\rb\"\n", &s, &e);
	CHECK(t, rc == 0);
	CHECK(t, s.nrows == 3);
	CHECK(t, s.nrows == 3 && s.rows[0].line == 1);
	CHECK(t, s.nrows == 3 && s.rows[1].line == 2);
	CHECK(t, s.nrows == 3 && s.rows[2].line == 5);
	/* Line breaks inside values read as "\n" whatever the file used. */
	CHECK(t, cell_is(&s, 1, 0, "one\ntwo\nthree"));
	CHECK(t, cell_is(&s, 2, 1, "a\nb"));
	sheet_free(&s);
}

static void test_csv_bom(struct t *t)
{
	struct sheet s;
	struct err e;
	int rc = CSV("\xEF\xBB\xBFid,氏名\n1,山田\n", &s, &e);
	CHECK(t, rc == 0);
	CHECK(t, s.encoding == SHEET_UTF8);
	CHECK(t, cell_is(&s, 0, 0, "id"));
	CHECK(t, cell_is(&s, 0, 1, "氏名"));
	CHECK(t, cell_is(&s, 1, 1, "山田"));
	sheet_free(&s);
}

static void test_csv_line_ends(struct t *t)
{
	struct sheet s;
	struct err e;
	int rc = CSV("a,b\r\nc,d\r\n", &s, &e);
	CHECK(t, rc == 0);
	CHECK(t, s.nrows == 2);
	CHECK(t, cell_is(&s, 0, 1, "b"));
	CHECK(t, cell_is(&s, 1, 1, "d"));
	CHECK(t, s.nrows == 2 && s.rows[1].line == 2);
	sheet_free(&s);

	rc = CSV("a\rb\r\rc", &s, &e); /* classic Mac, no final line end */
	CHECK(t, rc == 0);
	CHECK(t, s.nrows == 3);
	CHECK(t, s.nrows == 3 && s.rows[2].line == 4);
	CHECK(t, cell_is(&s, 2, 0, "c"));
	sheet_free(&s);
}

static void test_csv_rows_and_cells(struct t *t)
{
	struct sheet s;
	struct err e;
	/* Empty and blank rows go, trailing empty cells stay. */
	int rc = CSV("a,b,\n,,\n\n \t,　\nc\n", &s, &e);
	CHECK(t, rc == 0);
	CHECK(t, s.nrows == 2);
	CHECK(t, s.nrows == 2 && s.rows[0].ncells == 3);
	CHECK(t, cell_is(&s, 0, 2, ""));
	CHECK(t, s.nrows == 2 && s.rows[1].line == 5);
	CHECK(t, s.nrows == 2 && s.rows[1].ncells == 1);
	sheet_free(&s);
}

static void test_csv_cp932(struct t *t)
{
	/* "氏名,所属,備考\r\n山田,総務課,表示～ｱｲ\r\n" as Excel saves it:
	 * 表 ends in 0x5C and ～ is CP932's 0x8160 (U+FF5E). */
	static const char sjis[] =
		"\x8e\x81\x96\xbc,\x8f\x8a\x91\xae,\x94\xf5\x8d\x6c\r\n"
		"\x8e\x52\x93\x63,\x91\x8d\x96\xb1\x89\xdb,\x95\x5c\x8e\xa6\x81\x60\xb1\xb2\r\n";
	struct sheet s;
	struct err e;
	int rc = CSV(sjis, &s, &e);
	CHECK(t, rc == 0);
	CHECK(t, s.encoding == SHEET_CP932);
	CHECK(t, s.nrows == 2);
	CHECK(t, cell_is(&s, 0, 0, "氏名"));
	CHECK(t, cell_is(&s, 0, 2, "備考"));
	CHECK(t, cell_is(&s, 1, 1, "総務課"));
	CHECK(t, cell_is(&s, 1, 2, "表示\xEF\xBD\x9E" "ｱｲ"));
	sheet_free(&s);
}

static void test_csv_bad_encoding(struct t *t)
{
	struct sheet s;
	struct err e;
	int rc = CSV("id,name\n1,ok\n2,\x80\xFF\xFD\n", &s, &e);
	CHECK(t, rc == ERR_INPUT);
	CHECK(t, s.nrows == 0 && s.rows == NULL);
	CHECK(t, has(&e, "t.csv 3行目"));
	CHECK(t, has(&e, "文字コードを判別できません"));
	CHECK(t, has(&e, "Shift_JIS(CP932)"));

	/* UTF-8 with one broken byte far in: the UTF-8 failure is the line to
	 * name, as CP932 gives up earlier on the kanji. */
	rc = CSV("名前\n山田\n\xE5\xB1\n", &s, &e);
	CHECK(t, rc == ERR_INPUT);
	CHECK(t, has(&e, "3行目"));
}

static void test_csv_unterminated_quote(struct t *t)
{
	struct sheet s;
	struct err e;
	int rc = CSV("a,b\nc,d\n1,\"never closed\n2,3\n", &s, &e);
	CHECK(t, rc == ERR_INPUT);
	CHECK(t, s.nrows == 0 && s.rows == NULL);
	CHECK(t, has(&e, "t.csv 3行目: 引用符（\"）が閉じられていません"));

	rc = CSV("a\n\"x\" y,z\n", &s, &e);
	CHECK(t, rc == ERR_INPUT);
	CHECK(t, has(&e, "2行目"));
	CHECK(t, has(&e, "\"\""));
}

static void test_csv_empty(struct t *t)
{
	static const char *cases[] = {"", "\xEF\xBB\xBF", " \r\n\n\t", ",,\n,\n"};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sheet s;
		struct err e;
		int rc = csv(cases[i], strlen(cases[i]), &s, &e);
		CHECK(t, rc == ERR_INPUT);
		CHECK(t, strcmp(e.msg, "t.csv: ファイルが空です") == 0);
		CHECK(t, s.nrows == 0 && s.rows == NULL);
	}
	struct sheet s;
	struct err e;
	CHECK(t, sheet_read_csv("t.csv", NULL, 0, &s, &e) == ERR_INPUT);
}

static void test_csv_binary(struct t *t)
{
	struct sheet s;
	struct err e;
	int rc = CSV("a,b\nc\0d\n", &s, &e);
	CHECK(t, rc == ERR_INPUT);
	CHECK(t, has(&e, "t.csv 2行目: NUL"));

	rc = CSV("\xFF\xFE" "a\0,\0b\0", &s, &e);
	CHECK(t, rc == ERR_INPUT);
	CHECK(t, has(&e, "UTF-16"));
}

/* ---- files -------------------------------------------------------------- */

static int read_fixture(struct t *t, const char *name, struct sheet *s, struct err *e)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", t->dir, name);
	err_clear(e);
	return sheet_read_file(path, s, e);
}

/* For fixtures that must read: says why when one does not. */
static int fixture_ok(struct t *t, const char *name, struct sheet *s, struct err *e)
{
	int rc = read_fixture(t, name, s, e);
	if (rc)
		fprintf(stderr, "  %s\n", e->msg);
	return rc == 0;
}

static void test_file_csv(struct t *t)
{
	struct sheet u, c;
	struct err e;
	CHECK(t, fixture_ok(t, "registry.csv", &u, &e));
	CHECK(t, fixture_ok(t, "registry-cp932.csv", &c, &e));
	CHECK(t, u.encoding == SHEET_UTF8);
	CHECK(t, c.encoding == SHEET_CP932);
	CHECK(t, u.nrows == 4 && c.nrows == 4);
	for (size_t r = 0; r < u.nrows && r < c.nrows; r++) {
		CHECK(t, u.rows[r].line == c.rows[r].line);
		CHECK(t, u.rows[r].ncells == c.rows[r].ncells);
		for (size_t i = 0; i < u.rows[r].ncells && i < c.rows[r].ncells; i++)
			CHECK(t, strcmp(u.rows[r].cells[i], c.rows[r].cells[i]) == 0);
	}
	CHECK(t, cell_is(&c, 3, 7, "備考1行目\n備考2行目"));
	sheet_free(&u);
	sheet_free(&c);

	CHECK(t, read_fixture(t, "no-such-file.csv", &u, &e) == ERR_IO);
	CHECK(t, has(&e, "no-such-file.csv"));
	CHECK(t, read_fixture(t, ".", &u, &e) == ERR_IO);
}

/* The rows of registry.csv, whichever tool wrote them. */
static void check_registry(struct t *t, const struct sheet *s)
{
	CHECK(t, s->encoding == SHEET_XLSX);
	CHECK(t, s->nrows >= 4);
	CHECK(t, cell_is(s, 0, 0, "職員番号"));
	CHECK(t, cell_is(s, 0, 7, "備考"));
	CHECK(t, cell_is(s, 1, 0, "1001"));
	CHECK(t, cell_is(s, 1, 1, "山田 太郎"));
	CHECK(t, cell_is(s, 1, 4, "2024-04-01"));
	CHECK(t, cell_is(s, 1, 6, "4.5"));
	CHECK(t, cell_is(s, 2, 4, "2019-10-15"));
	CHECK(t, cell_is(s, 2, 6, "3.25"));
	CHECK(t, cell_is(s, 2, 7, "兼務, 危機管理室"));
	CHECK(t, cell_is(s, 3, 4, "1999-12-31"));
	CHECK(t, cell_is(s, 3, 5, "0"));
	CHECK(t, cell_is(s, 3, 6, "5"));
	CHECK(t, cell_is(s, 3, 7, "備考1行目\n備考2行目"));
	for (size_t r = 0; r < 4 && r < s->nrows; r++)
		CHECK(t, s->rows[r].line == (long)r + 1);
}

static void test_xlsx_libreoffice(struct t *t)
{
	struct sheet s;
	struct err e;
	CHECK(t, fixture_ok(t, "libreoffice.xlsx", &s, &e));
	check_registry(t, &s);
	CHECK(t, s.nrows == 4);
	sheet_free(&s);
}

static void test_xlsx_openpyxl(struct t *t)
{
	struct sheet s;
	struct err e;
	CHECK(t, fixture_ok(t, "openpyxl.xlsx", &s, &e));
	check_registry(t, &s);
	CHECK(t, s.nrows == 5);
	CHECK(t, s.nrows == 5 && s.rows[4].line == 7);
	CHECK(t, cell_is(&s, 4, 0, "その他"));
	CHECK(t, cell_is(&s, 4, 1, ""));
	CHECK(t, cell_is(&s, 4, 2, "TRUE"));
	CHECK(t, cell_is(&s, 4, 3, "2024-01-02 13:45:30"));
	CHECK(t, cell_is(&s, 4, 4, "0.3"));
	CHECK(t, cell_is(&s, 4, 5, "123456789012"));
	CHECK(t, cell_is(&s, 4, 6, "-2.5e-07"));
	CHECK(t, cell_is(&s, 4, 7, "")); /* formula never calculated */
	sheet_free(&s);
}

static void test_xlsx_xlsxwriter(struct t *t)
{
	struct sheet s;
	struct err e;
	CHECK(t, fixture_ok(t, "xlsxwriter.xlsx", &s, &e));
	CHECK(t, s.nrows == 3);
	CHECK(t, cell_is(&s, 0, 2, "導入日"));
	CHECK(t, cell_is(&s, 1, 0, "庁内サーバ \"A\" & <B>"));
	CHECK(t, cell_is(&s, 1, 1, "12"));
	CHECK(t, cell_is(&s, 1, 2, "2023-03-31"));
	CHECK(t, s.nrows == 3 && s.rows[2].line == 4 && s.rows[2].ncells == 4);
	CHECK(t, cell_is(&s, 2, 0, ""));
	CHECK(t, cell_is(&s, 2, 3, "D4 only"));
	sheet_free(&s);
}

static void test_xlsx_handmade(struct t *t)
{
	struct sheet s;
	struct err e;
	CHECK(t, fixture_ok(t, "handmade.xlsx", &s, &e));
	CHECK(t, s.nrows == 2);
	CHECK(t, s.nrows == 2 && s.rows[0].line == 2 && s.rows[1].line == 3);
	CHECK(t, cell_is(&s, 0, 0, "東京都千代田区")); /* furigana dropped */
	CHECK(t, cell_is(&s, 0, 1, "一行目\n二行目 _x0041_"));
	CHECK(t, cell_is(&s, 1, 0, ""));
	CHECK(t, cell_is(&s, 1, 1, "5"));            /* "day "0: quoted d */
	CHECK(t, cell_is(&s, 1, 2, "1904-01-01"));   /* 1904 system */
	CHECK(t, cell_is(&s, 1, 3, "18:00:00"));     /* [h]:mm:ss */
	CHECK(t, cell_is(&s, 1, 4, "式の結果"));
	CHECK(t, cell_is(&s, 1, 5, "#DIV/0!"));
	CHECK(t, cell_is(&s, 1, 6, "2024-05-06"));
	CHECK(t, cell_is(&s, 1, 7, "インライン"));
	sheet_free(&s);
}

static void test_xlsx_broken_files(struct t *t)
{
	struct sheet s;
	struct err e;
	CHECK(t, read_fixture(t, "truncated.xlsx", &s, &e) == ERR_INPUT);
	CHECK(t, has(&e, "truncated.xlsx: .xlsx ファイルとして読み取れません（"));
	CHECK(t, s.nrows == 0 && s.rows == NULL);
	CHECK(t, read_fixture(t, "bigsize.xlsx", &s, &e) == ERR_INPUT);
	CHECK(t, has(&e, "大きすぎます"));

	static const char garbage[] = "PK\x03\x04 this is not really a zip";
	err_clear(&e);
	CHECK(t, sheet_read_xlsx("g.xlsx", garbage, sizeof garbage - 1, &s, &e) == ERR_INPUT);
	CHECK(t, has(&e, "g.xlsx: .xlsx ファイルとして読み取れません"));
}

/* ---- .xlsx assembled in memory ------------------------------------------ */

struct part {
	const char *name, *text;
};

#define MAIN_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
		"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define WORKBOOK(pr) "<workbook " MAIN_NS ">" pr \
		     "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define WB_RELS "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
		"<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>" \
		"<Relationship Id=\"rId2\" Type=\"x/styles\" Target=\"styles.xml\"/></Relationships>"
#define SHEET(rows) "<worksheet " MAIN_NS "><sheetData>" rows "</sheetData></worksheet>"

/* Zips parts in memory; returns a malloc'd package. */
static void *make_xlsx(const struct part *parts, size_t n, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : NULL;
	if (!z) {
		fprintf(stderr, "make_xlsx: %s\n", zip_error_strerror(&ze));
		abort();
	}
	zip_source_keep(mem);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, parts[i].text, strlen(parts[i].text), 0);
		if (!src || zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8) < 0)
			abort();
	}
	if (zip_close(z) < 0 || zip_source_open(mem) < 0)
		abort();
	zip_stat_t st;
	zip_source_stat(mem, &st);
	void *data = malloc(st.size);
	if (!data || zip_source_read(mem, data, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(mem);
	zip_source_free(mem);
	zip_error_fini(&ze);
	*len = st.size;
	return data;
}

static int read_parts(const struct part *parts, size_t n, struct sheet *s, struct err *e)
{
	size_t len;
	void *data = make_xlsx(parts, n, &len);
	err_clear(e);
	int rc = sheet_read_xlsx("m.xlsx", data, len, s, e);
	free(data);
	return rc;
}

#define READ_PARTS(parts, s, e) read_parts((parts), sizeof(parts) / sizeof *(parts), (s), (e))

static const char date_styles[] =
	"<styleSheet " MAIN_NS "><numFmts>"
	"<numFmt numFmtId=\"164\" formatCode=\"yyyy/mm/dd\"/>"
	"<numFmt numFmtId=\"165\" formatCode=\"h:mm\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"#,##0&quot;日&quot;\"/>"
	"<numFmt numFmtId=\"167\" formatCode=\"[Red]0.00;[Blue]\\-0.00\"/>"
	"<numFmt numFmtId=\"168\" formatCode=\"mm:ss\"/>"
	"<numFmt numFmtId=\"169\" formatCode=\"[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy\"/>"
	"</numFmts><cellXfs>"
	"<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
	"<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"168\"/><xf numFmtId=\"169\"/>"
	"<xf numFmtId=\"22\"/><xf numFmtId=\"2\"/>"
	"</cellXfs></styleSheet>";

static void test_xlsx_dates(struct t *t)
{
	static const struct part parts[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/styles.xml", date_styles},
		{"xl/worksheets/sheet1.xml", SHEET(
			"<row r=\"1\"><c s=\"1\"><v>1</v></c><c s=\"1\"><v>59</v></c>"
			"<c s=\"1\"><v>60</v></c><c s=\"1\"><v>61</v></c><c s=\"1\"><v>45383</v></c>"
			"<c s=\"1\"><v>2958465</v></c><c s=\"1\"><v>-1</v></c>"
			"<c s=\"8\"><v>45383.5</v></c><c s=\"8\"><v>45383.99999999</v></c></row>"
			"<row r=\"2\"><c s=\"2\"><v>44652</v></c><c s=\"3\"><v>0.5</v></c>"
			"<c s=\"4\"><v>31</v></c><c s=\"5\"><v>45000</v></c><c s=\"6\"><v>0.25</v></c>"
			"<c s=\"7\"><v>45383</v></c><c s=\"9\"><v>1.5</v></c><c s=\"99\"><v>7</v></c></row>")},
	};
	struct sheet s;
	struct err e;
	CHECK(t, READ_PARTS(parts, &s, &e) == 0);
	CHECK(t, cell_is(&s, 0, 0, "1900-01-01"));
	CHECK(t, cell_is(&s, 0, 1, "1900-02-28"));
	CHECK(t, cell_is(&s, 0, 2, "1900-02-29")); /* Lotus's phantom day */
	CHECK(t, cell_is(&s, 0, 3, "1900-03-01"));
	CHECK(t, cell_is(&s, 0, 4, "2024-04-01"));
	CHECK(t, cell_is(&s, 0, 5, "9999-12-31"));
	CHECK(t, cell_is(&s, 0, 6, "-1"));
	CHECK(t, cell_is(&s, 0, 7, "2024-04-01 12:00:00"));
	CHECK(t, cell_is(&s, 0, 8, "2024-04-02")); /* rounds to midnight */
	CHECK(t, cell_is(&s, 1, 0, "2022-04-01"));
	CHECK(t, cell_is(&s, 1, 1, "12:00:00"));
	CHECK(t, cell_is(&s, 1, 2, "31"));
	CHECK(t, cell_is(&s, 1, 3, "45000"));
	CHECK(t, cell_is(&s, 1, 4, "06:00:00"));
	CHECK(t, cell_is(&s, 1, 5, "2024-04-01"));
	CHECK(t, cell_is(&s, 1, 6, "1.5"));
	CHECK(t, cell_is(&s, 1, 7, "7")); /* style index out of range */
	sheet_free(&s);
}

static void test_xlsx_date1904(struct t *t)
{
	static const struct part parts[] = {
		{"xl/workbook.xml", WORKBOOK("<workbookPr date1904=\"true\"/>")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/styles.xml", date_styles},
		{"xl/worksheets/sheet1.xml", SHEET(
			"<row><c s=\"1\"><v>0</v></c><c s=\"1\"><v>43921</v></c></row>")},
	};
	struct sheet s;
	struct err e;
	CHECK(t, READ_PARTS(parts, &s, &e) == 0);
	CHECK(t, cell_is(&s, 0, 0, "1904-01-01"));
	CHECK(t, cell_is(&s, 0, 1, "2024-04-01"));
	CHECK(t, s.nrows == 1 && s.rows[0].line == 1);
	sheet_free(&s);
}

static void test_xlsx_numbers(struct t *t)
{
	static const struct part parts[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/worksheets/sheet1.xml", SHEET(
			"<row r=\"3\"><c r=\"A3\"><v>12345</v></c><c r=\"B3\"><v>1E+3</v></c>"
			"<c r=\"C3\"><v>0.30000000000000004</v></c><c r=\"D3\"><v>-0</v></c>"
			"<c r=\"E3\"><v>12345678901234567890</v></c><c r=\"F3\" t=\"n\"><v>abc</v></c>"
			"<c r=\"G3\" t=\"b\"><v>0</v></c><c r=\"H3\" t=\"e\"><v>#N/A</v></c>"
			"<c r=\"J3\" t=\"str\"><v>a_x000D_&#10;b</v></c></row>"
			"<row r=\"9\"><c r=\"AA9\" t=\"inlineStr\"><is><r><t>x</t></r><r><t>y</t></r>"
			"</is></c></row>")},
	};
	struct sheet s;
	struct err e;
	CHECK(t, READ_PARTS(parts, &s, &e) == 0);
	CHECK(t, s.nrows == 2);
	CHECK(t, s.nrows == 2 && s.rows[0].line == 3 && s.rows[1].line == 9);
	CHECK(t, cell_is(&s, 0, 0, "12345"));
	CHECK(t, cell_is(&s, 0, 1, "1000"));
	CHECK(t, cell_is(&s, 0, 2, "0.3"));
	CHECK(t, cell_is(&s, 0, 3, "0"));
	CHECK(t, cell_is(&s, 0, 4, "1.23456789012346e+19"));
	CHECK(t, cell_is(&s, 0, 5, "abc"));
	CHECK(t, cell_is(&s, 0, 6, "FALSE"));
	CHECK(t, cell_is(&s, 0, 7, "#N/A"));
	CHECK(t, cell_is(&s, 0, 8, ""));
	CHECK(t, cell_is(&s, 0, 9, "a\nb"));
	CHECK(t, s.nrows == 2 && s.rows[1].ncells == 27);
	CHECK(t, cell_is(&s, 1, 26, "xy"));
	sheet_free(&s);
}

static void expect_xlsx_error(struct t *t, const struct part *parts, size_t n, const char *needle)
{
	struct sheet s;
	struct err e;
	CHECK(t, read_parts(parts, n, &s, &e) == ERR_INPUT);
	CHECK(t, has(&e, needle));
	CHECK(t, s.nrows == 0 && s.rows == NULL);
}

#define EXPECT_XLSX_ERROR(t, parts, needle) \
	expect_xlsx_error((t), (parts), sizeof(parts) / sizeof *(parts), (needle))

static void test_xlsx_refusals(struct t *t)
{
	/* An external entity must never be read: DTDs are refused outright. */
	static const struct part xxe[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/worksheets/sheet1.xml",
		 "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		 "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row>"
		 "</sheetData></worksheet>"},
	};
	EXPECT_XLSX_ERROR(t, xxe, "DTD");

	static const struct part dtd_workbook[] = {
		{"xl/workbook.xml", "<!DOCTYPE w [<!ENTITY a \"aaaaaaaa\">]>" WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/worksheets/sheet1.xml", SHEET("")},
	};
	EXPECT_XLSX_ERROR(t, dtd_workbook, "DTD");

	static const struct part no_workbook[] = {{"hello.txt", "hi"}};
	EXPECT_XLSX_ERROR(t, no_workbook, "xl/workbook.xml がありません");

	static const struct part ods[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
					  {"content.xml", "<x/>"}};
	EXPECT_XLSX_ERROR(t, ods, ".ods");

	static const struct part no_sheets[] = {{"xl/workbook.xml", "<workbook " MAIN_NS "/>"}};
	EXPECT_XLSX_ERROR(t, no_sheets, "シートがありません");

	static const struct part no_sheet_part[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
	};
	EXPECT_XLSX_ERROR(t, no_sheet_part, "最初のシート（S）");

	static const struct part bad_xml[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>1</v></row>"},
	};
	EXPECT_XLSX_ERROR(t, bad_xml, "XML が壊れています");

	static const struct part bad_sst[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/sharedStrings.xml", "<sst><si><t>only</t></si></sst>"},
		{"xl/worksheets/sheet1.xml", SHEET("<row r=\"4\"><c r=\"B4\" t=\"s\"><v>1</v></c></row>")},
	};
	EXPECT_XLSX_ERROR(t, bad_sst, "B4");

	static const struct part disorder[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/worksheets/sheet1.xml", SHEET("<row r=\"2\"><c r=\"C2\"><v>1</v></c><c r=\"A2\"><v>2</v></c></row>")},
	};
	EXPECT_XLSX_ERROR(t, disorder, "A2");

	static const struct part too_wide[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/worksheets/sheet1.xml", SHEET("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>")},
	};
	EXPECT_XLSX_ERROR(t, too_wide, "列が多すぎます");

	static const struct part empty[] = {
		{"xl/workbook.xml", WORKBOOK("")},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\" s=\"3\"/></row>")},
	};
	EXPECT_XLSX_ERROR(t, empty, "最初のシート「S」が空です");
}

int main(int argc, char **argv)
{
	struct t t = {0, 0, argc > 1 ? argv[1] : "tests/fixtures/sheet"};
	void (*tests[])(struct t *) = {
		test_csv_quoted, test_csv_embedded_newlines, test_csv_bom,
		test_csv_line_ends, test_csv_rows_and_cells, test_csv_cp932,
		test_csv_bad_encoding, test_csv_unterminated_quote, test_csv_empty,
		test_csv_binary, test_file_csv, test_xlsx_libreoffice,
		test_xlsx_openpyxl, test_xlsx_xlsxwriter, test_xlsx_handmade,
		test_xlsx_broken_files, test_xlsx_dates, test_xlsx_date1904,
		test_xlsx_numbers, test_xlsx_refusals,
	};
	for (size_t i = 0; i < sizeof tests / sizeof *tests; i++)
		tests[i](&t);
	printf("%d passed, %d failed\n", t.passed, t.failed);
	return t.failed != 0;
}
