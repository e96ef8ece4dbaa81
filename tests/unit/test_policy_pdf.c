/*
 * test_policy_pdf.c — a policy document renders to an A4 PDF that poppler
 * reads back: page size and count, the Japanese text (title, article labels,
 * paragraphs, page numbers, the 非公開 mark only on the internal edition),
 * embedded CJK fonts; an empty document is one valid page; the same document
 * gives the same bytes twice; bad UTF-8 is refused.
 *
 * poppler-utils (pdfinfo, pdftotext, pdffonts) is installed by
 * scripts/setup.sh.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/policy_doc.h"
#include "core/policy_pdf.h"
#include "util/buf.h"

#include "check.h"

#define TITLE "みもり市情報セキュリティ対策基準"
#define FIRST_WORDS "この対策基準は、みもり市が保有する"

static const char *const sentences[] = {
	"職員等は、業務上必要な範囲に限り情報資産を利用し、その取扱いについては情報セキュリティ管理者の指示に従わなければならない。",
	"情報システム管理者は、情報システムの利用者登録、変更及び抹消の手続を定め、不要となった利用者IDを速やかに削除するものとする。",
	"重要な情報資産を庁外に持ち出す場合は、事前に情報セキュリティ管理者の許可を得るとともに、暗号化等の必要な措置を講じなければならない。",
};

/* A long paragraph: n sentences after an opening of its own. */
static void long_para(struct buf *b, const char *opening, int n)
{
	buf_reset(b);
	buf_puts(b, opening);
	for (int i = 0; i < n; i++)
		buf_puts(b, sentences[i % 3]);
}

static void add_article(struct pdoc *d, struct buf *t, int no)
{
	char label[32];
	snprintf(label, sizeof label, "第%d条", no);
	pdoc_add(d, PD_ARTICLE, 0, label, no % 2 ? "情報資産の管理" : "（利用者IDの取扱い）", NULL);
	if (no == 1)
		long_para(t, FIRST_WORDS "情報資産を脅威から守るため、遵守すべき事項を定める。", 4);
	else
		long_para(t, "情報セキュリティ責任者は、", 1 + no % 3);
	pdoc_add(d, PD_PARA, 0, NULL, buf_str(t), NULL);
	if (no % 4 == 0) {
		pdoc_add(d, PD_ITEM, 1, "(1)", sentences[0], NULL);
		pdoc_add(d, PD_ITEM, 2, "ア", sentences[1], NULL);
		pdoc_add(d, PD_ITEM, 3, "(ア)", "短い細目。", NULL);
		pdoc_add(d, PD_ITEM, 1, "(2)", sentences[2], NULL);
	}
	if (no % 7 == 0) {
		long_para(t, "前項の規定にかかわらず、", 2);
		pdoc_add(d, PD_PARA, 0, NULL, buf_str(t), NULL);
	}
}

/* Two chapters, a section and n articles: many pages. */
static void build(struct pdoc *d, int confidential, int n)
{
	struct buf t = BUF_INIT;
	memset(d, 0, sizeof *d);
	d->title = strdup(TITLE);
	d->subtitle = strdup("令和7年4月1日施行（第2版）");
	d->confidential = confidential;
	pdoc_add(d, PD_CHAPTER, 0, "第1章", "総則", NULL);
	for (int i = 1; i <= n; i++) {
		if (i == n / 2) {
			pdoc_add(d, PD_CHAPTER, 0, "第2章", "物理的セキュリティ", NULL);
			pdoc_add(d, PD_SECTION, 0, "第1節", "サーバ等の管理", NULL);
		}
		add_article(d, &t, i);
	}
	pdoc_add(d, PD_NOTE, 0, "附則", "この対策基準は、令和7年4月1日から施行する。", NULL);
	buf_free(&t);
}

/* Runs "cmd 'path' tail" and returns its output, stderr included (caller frees). */
static char *run(const char *cmd, const char *path, const char *tail)
{
	struct buf out = BUF_INIT;
	char *line = xasprintf("%s '%s'%s 2>&1", cmd, path, tail);
	FILE *f = popen(line, "r");
	free(line);
	if (!f)
		return xstrdup("");
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&out, chunk, n);
	pclose(f);
	return out.data ? buf_take(&out) : xstrdup("");
}

static int ends_with_eof(const struct buf *b)
{
	size_t n = b->len;
	while (n && (b->data[n - 1] == '\n' || b->data[n - 1] == '\r'))
		n--;
	return n >= 5 && memcmp(b->data + n - 5, "%%EOF", 5) == 0;
}

/* Writes the PDF to a temporary file; returns its path (caller unlinks and frees). */
static char *to_file(const struct buf *pdf)
{
	char *path = xstrdup("/tmp/mamori-test-pdf-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return path;
	CHECK(write(fd, pdf->data, pdf->len) == (ssize_t)pdf->len);
	close(fd);
	return path;
}

/* The value of a pdfinfo field ("Pages", "Page size"), or "" without one. */
static const char *field(const char *info, const char *key)
{
	size_t n = strlen(key);
	for (const char *line = info; line; line = strchr(line, '\n'), line += !!line) {
		if (strncmp(line, key, n) == 0 && line[n] == ':')
			return line + n + 1 + strspn(line + n + 1, " ");
	}
	return "";
}

static int field_is(const char *info, const char *key, const char *want)
{
	const char *v = field(info, key);
	size_t n = strlen(want);
	return strncmp(v, want, n) == 0 && (v[n] == '\n' || v[n] == '\0');
}

static int page_count(const char *info)
{
	return *field(info, "Pages") ? atoi(field(info, "Pages")) : -1;
}

/* A pdffonts row naming a CJK face, embedded ("emb" column yes). */
static int cjk_font_embedded(const char *fonts)
{
	for (const char *line = fonts; line && *line; line = strchr(line, '\n'), line += !!line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char row[512];
		if (len >= sizeof row)
			continue;
		memcpy(row, line, len);
		row[len] = '\0';
		int cjk = strstr(row, "IPAex") || strstr(row, "CJK") || strstr(row, "Han");
		if (cjk && strstr(row, " yes "))
			return 1;
	}
	return 0;
}

static void test_document(int confidential)
{
	struct pdoc d;
	struct buf pdf = BUF_INIT;
	struct err e = {0};
	build(&d, confidential, 150);
	CHECK(policy_pdf_write(&d, &pdf, &e) == 0);
	if (e.code)
		fprintf(stderr, "%s\n", e.msg);
	CHECK(pdf.len > 5 && memcmp(pdf.data, "%PDF-", 5) == 0);
	CHECK(ends_with_eof(&pdf));
	char *path = to_file(&pdf);
	char *info = run("pdfinfo", path, "");
	char *text = run("pdftotext -layout -enc UTF-8", path, " -");
	char *fonts = run("pdffonts", path, "");
	CHECK(field_is(info, "Page size", "595.276 x 841.89 pts (A4)"));
	CHECK(page_count(info) > 5);
	CHECK(field_is(info, "Title", TITLE));
	CHECK(field_is(info, "Creator", "mamori"));
	CHECK(strstr(text, TITLE) != NULL);
	CHECK(strstr(text, "第1条") != NULL);
	CHECK(strstr(text, "第150条") != NULL);
	CHECK(strstr(text, "（情報資産の管理）") != NULL);
	CHECK(strstr(text, "（利用者IDの取扱い）") != NULL);
	CHECK(strstr(text, "（（") == NULL); /* a caption already in parentheses */
	CHECK(strstr(text, FIRST_WORDS) != NULL);
	CHECK(strstr(text, "第2章") != NULL && strstr(text, "第1節") != NULL);
	CHECK(strstr(text, "附則") != NULL);
	CHECK(strstr(text, "- 2 -") != NULL);
	CHECK((strstr(text, "非公開") != NULL) == confidential);
	CHECK(strstr(text, "\xef\xbf\xbd") == NULL); /* no U+FFFD: every glyph maps back */
	CHECK(cjk_font_embedded(fonts));
	if (!cjk_font_embedded(fonts))
		fprintf(stderr, "%s", fonts);
	unlink(path);
	free(path);
	free(info);
	free(text);
	free(fonts);
	buf_free(&pdf);
	pdoc_free(&d);
}

static void test_empty(void)
{
	struct pdoc d = {0};
	struct buf pdf = BUF_INIT;
	struct err e = {0};
	CHECK(policy_pdf_write(&d, &pdf, &e) == 0);
	CHECK(pdf.len > 5 && memcmp(pdf.data, "%PDF-", 5) == 0);
	CHECK(ends_with_eof(&pdf));
	char *path = to_file(&pdf);
	char *info = run("pdfinfo", path, "");
	CHECK(page_count(info) == 1);
	CHECK(field_is(info, "Page size", "595.276 x 841.89 pts (A4)"));
	unlink(path);
	free(path);
	free(info);
	buf_free(&pdf);
}

/* cairo 1.16 would stamp the clock's date; policy_pdf fixes it. */
static void test_reproducible(void)
{
	struct pdoc d;
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct err e = {0};
	build(&d, 1, 20);
	CHECK(policy_pdf_write(&d, &a, &e) == 0);
	sleep(1);
	CHECK(policy_pdf_write(&d, &b, &e) == 0);
	CHECK(a.len == b.len && a.len && memcmp(a.data, b.data, a.len) == 0);
	buf_free(&a);
	buf_free(&b);
	pdoc_free(&d);
}

static void test_bad_utf8(void)
{
	struct pdoc d = {0};
	struct buf pdf = BUF_INIT;
	struct err e = {0};
	d.title = strdup("表題");
	pdoc_add(&d, PD_PARA, 0, NULL, "ok", NULL);
	pdoc_add(&d, PD_PARA, 0, NULL, "\xe6\x83", NULL); /* 情 cut short */
	CHECK(policy_pdf_write(&d, &pdf, &e) == ERR_INPUT);
	CHECK(strstr(e.msg, "2 番目") != NULL);
	CHECK(pdf.len == 0);
	pdoc_free(&d);
	buf_free(&pdf);
}

static void test_pdoc_add_copies(void)
{
	struct pdoc d = {0};
	char label[] = "第1条";
	for (int i = 0; i < 100; i++)
		pdoc_add(&d, PD_ITEM, 2, i % 2 ? label : NULL, i % 3 ? "本文" : NULL, "1.2.3");
	label[0] = 'x';
	CHECK(d.n == 100);
	CHECK(d.v[1].label && strcmp(d.v[1].label, "第1条") == 0 && d.v[1].label != label);
	CHECK(d.v[0].label == NULL && strcmp(d.v[0].text, "") == 0);
	CHECK(d.v[99].depth == 2 && d.v[99].kind == PD_ITEM && strcmp(d.v[99].clause, "1.2.3") == 0);
	pdoc_free(&d);
	CHECK(d.n == 0 && d.v == NULL && d.title == NULL);
}

/* fontconfig keeps its parsed configuration until FcFini, and LeakSanitizer
 * reports part of it as lost.  The test owns the process, so it can shut
 * fontconfig down once every render is over.  Found at run time because the
 * build links fontconfig only through pango and cairo. */
static void fontconfig_fini(void)
{
	void (*fini)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "FcFini");
	if (fini)
		fini();
}

int main(void)
{
	test_pdoc_add_copies();
	test_document(1);
	test_document(0);
	test_empty();
	test_reproducible();
	test_bad_utf8();
	fontconfig_fini();
	return check_report();
}
