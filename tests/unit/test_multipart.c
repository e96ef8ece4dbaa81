/*
 * test_multipart.c — the multipart/form-data splitter (web/multipart.c) on
 * bodies shaped as Chromium and curl send them, and on broken ones.  The
 * parser is a pure function, compiled in here directly (the unit tests do
 * not link the web server).
 */
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "web/form.c"
#include "web/multipart.c"

#include "check.h"

#define CRLF "\r\n"

static int parse(const char *boundary, const char *body, size_t len, struct form *f,
		 struct web_uploads *u)
{
	return multipart_parse(boundary, (const unsigned char *)body, len, f, u);
}

/* A form with a CSRF field and a binary file, as a browser sends it. */
static void test_browser_body(void)
{
	static const char body[] =
		"------WebKitFormBoundaryA1b2" CRLF
		"Content-Disposition: form-data; name=\"csrf\"" CRLF CRLF
		"0123abcd" CRLF
		"------WebKitFormBoundaryA1b2" CRLF
		"Content-Disposition: form-data; name=\"file\"; filename=\"C:\\\\Users\\\\x\\\\台帳 2026.xlsx\"" CRLF
		"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" CRLF CRLF
		"PK\003\004\000\001\r\n--not-the-boundary" CRLF
		"------WebKitFormBoundaryA1b2--" CRLF;
	struct form f;
	struct web_uploads u;
	CHECK(parse("----WebKitFormBoundaryA1b2", body, sizeof body - 1, &f, &u) == 0);
	CHECK(f.n == 1 && strcmp(form_get(&f, "csrf"), "0123abcd") == 0);
	CHECK(u.n == 1);
	if (u.n == 1) {
		CHECK(strcmp(u.v[0].field, "file") == 0);
		CHECK(strcmp(u.v[0].filename, "台帳 2026.xlsx") == 0);
		CHECK(strncmp(u.v[0].content_type, "application/vnd.openxml", 23) == 0);
		/* the NUL bytes and the CRLF-led fake delimiter are content */
		CHECK(u.v[0].len == 26 && memcmp(u.v[0].data, "PK\003\004\000\001\r\n--not", 13) == 0);
	}
	form_free(&f);
	web_uploads_free(&u);
}

/* A file input left empty still arrives, with no name and no bytes. */
static void test_empty_file(void)
{
	static const char body[] = "--b" CRLF
				   "Content-Disposition: form-data; name=\"file\"; filename=\"\"" CRLF
				   "Content-Type: application/octet-stream" CRLF CRLF CRLF "--b--";
	struct form f;
	struct web_uploads u;
	CHECK(parse("b", body, sizeof body - 1, &f, &u) == 0);
	CHECK(u.n == 1 && u.v[0].len == 0 && strcmp(u.v[0].filename, "") == 0);
	form_free(&f);
	web_uploads_free(&u);
}

static void expect_refused(const char *boundary, const char *body)
{
	struct form f;
	struct web_uploads u;
	CHECK(parse(boundary, body, strlen(body), &f, &u) == -1);
	CHECK(f.n == 0 && f.v == NULL && u.n == 0 && u.v == NULL);
}

static void test_refused(void)
{
	/* cut short: no closing delimiter, so the file may be incomplete */
	expect_refused("b", "--b" CRLF "Content-Disposition: form-data; name=\"f\"; filename=\"a\"" CRLF
			    CRLF "half a file");
	/* no Content-Disposition, or not form-data, or no name */
	expect_refused("b", "--b" CRLF "Content-Type: text/plain" CRLF CRLF "x" CRLF "--b--");
	expect_refused("b", "--b" CRLF "Content-Disposition: attachment; name=\"a\"" CRLF CRLF "x" CRLF
			    "--b--");
	expect_refused("b", "--b" CRLF "Content-Disposition: form-data; filename=\"a\"" CRLF CRLF "x" CRLF
			    "--b--");
	/* a text field that is not UTF-8 */
	expect_refused("b", "--b" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "\x82\xa0" CRLF
			    "--b--");
	/* two names in one part, an unterminated quote, a folded header */
	expect_refused("b", "--b" CRLF "Content-Disposition: form-data; name=a; name=b" CRLF CRLF "x" CRLF
			    "--b--");
	expect_refused("b", "--b" CRLF "Content-Disposition: form-data; name=\"a" CRLF CRLF "x" CRLF "--b--");
	expect_refused("b", "--b" CRLF "Content-Disposition: form-data;" CRLF " name=\"a\"" CRLF CRLF "x" CRLF
			    "--b--");
	/* the wrong boundary, or none at all */
	expect_refused("c", "--b" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "x" CRLF "--b--");
	expect_refused("", "--" CRLF "Content-Disposition: form-data; name=\"a\"" CRLF CRLF "x" CRLF "----");
}

/* More parts than any form has is refused, not truncated. */
static void test_too_many_parts(void)
{
	struct buf b = {0};
	struct form f;
	struct web_uploads u;
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		buf_printf(&b, "--b" CRLF "Content-Disposition: form-data; name=\"f%d\"" CRLF CRLF "v" CRLF, i);
	buf_puts(&b, "--b--");
	CHECK(parse("b", buf_str(&b), b.len, &f, &u) == -1);
	buf_free(&b);
}

static void test_boundary_header(void)
{
	char out[80];
	CHECK(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryA1b2", out,
				 sizeof out) == 0 &&
	      strcmp(out, "----WebKitFormBoundaryA1b2") == 0);
	CHECK(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"", out,
				 sizeof out) == 0 &&
	      strcmp(out, "a b") == 0);
	CHECK(multipart_boundary("multipart/form-data", out, sizeof out) == -1);
	CHECK(multipart_boundary("multipart/mixed; boundary=x", out, sizeof out) == -1);
	CHECK(multipart_boundary("multipart/form-data; boundary=", out, sizeof out) == -1);
	CHECK(multipart_boundary("multipart/form-data; boundary="
				 "12345678901234567890123456789012345678901234567890123456789012345678901",
				 out, sizeof out) == -1);
}

int main(void)
{
	test_browser_body();
	test_empty_file();
	test_refused();
	test_too_many_parts();
	test_boundary_header();
	return check_report();
}
