/*
 * cmd_sanitize_file.c — `mamori sanitize file IN -o OUT` (ファイル無害化,
 * guideline 3.2.1 and 6.4.1; docs/sanitize.md):
 *
 *   mamori [--format text|json] sanitize file IN -o OUT
 *          [--ole-policy refuse|convert] [--clamav-db DIR] [--no-scan] [--force]
 *
 * The real type is read from the bytes and must agree with IN's extension;
 * the file is scanned by libclamav (when installed), cleaned per type,
 * scanned again, and written to OUT through a scratch file in OUT's folder
 * renamed into place, so OUT is either the whole clean file or absent.
 * An existing OUT is refused unless --force: nothing is lost by mistake.
 *
 * Exit 0: OUT written (whatever was removed; the report lists it).  Exit 1:
 * malware found, nothing written.  Exit 2: input refused or unreadable, with
 * the reason on stderr, nothing written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd_sanitize.h"
#include "tools/file_type.h"
#include "tools/ole_sanitize.h"
#include "tools/sanitize_file.h"
#include "util/durable.h"
#include "util/fdio.h"

#define MAX_INPUT ((size_t)256 << 20)

static int refuse(const char *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(const char *in, const char *fmt, ...)
{
	char why[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	fprintf(stderr, "mamori: %s: 無害化できません（%s）\n", in, why);
	return EXIT_ERROR;
}

static int read_input(const char *path, struct buf *b, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		err_set(e, ERR_IO, "読めません: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > MAX_INPUT) {
		close(fd);
		return err_set(e, ERR_INPUT, S_ISREG(st.st_mode) ? "%zu MiB を超えるファイルは扱いません"
								 : "通常のファイルではありません",
			       MAX_INPUT >> 20),
		       -1;
	}
	int rc = fd_read_all(fd, MAX_INPUT, b);
	int err = errno;
	close(fd);
	if (rc)
		return err_set(e, ERR_IO, "読めません: %s", rc < 0 ? strerror(err) : "大きすぎます"), -1;
	return 0;
}

/* Puts the scratch file in place: replacing out only with --force, else a
   link that fails if out appeared meanwhile. */
static int publish(const char *tmp, const char *out, int force, struct err *e)
{
	if (force)
		return durable_publish(tmp, out, e) ? -1 : 0;
	if (link(tmp, out) != 0) {
		int err = errno;
		unlink(tmp);
		return err_set(e, ERR_INPUT,
			       err == EEXIST ? "出力先 %s がすでにあります（上書きするには --force）"
					     : "%s に書き込めません: %s",
			       out, strerror(err)),
		       -1;
	}
	unlink(tmp);
	durable_sync_dir(out);
	return 0;
}

struct job {
	const char *in, *out, *db_dir;
	enum ole_policy policy;
	int scan, force;
	struct buf data, clean;
	struct file_type ft;
	struct san_report r;
	const char *out_ext; /* the cleaned content's extension, when known */
};

/* 0 clean or skipped, 1 found, -1 scan error (e set). */
static int scan(struct job *j, const unsigned char *d, size_t n, const char *when, int *skipped,
		struct err *e)
{
	if (!j->scan || *skipped)
		return 0;
	struct err se = {0};
	int rc = clam_scan(d, n, j->db_dir, &j->r, &se);
	if (rc == 2) {
		*skipped = 1;
		j->r.scanned = 0;
		san_report_add(&j->r.warnings, &j->r.nwarnings, "scan_skipped", "",
			       "%s", se.msg);
		return 0;
	}
	if (rc < 0) {
		err_set(e, ERR_INPUT, "%sのウイルス検査に失敗しました: %s", when, se.msg);
		return -1;
	}
	return rc;
}

/*
 * The first line of a text file holding a cell Excel would run through DDE
 * when the file is opened as CSV (=cmd|' /c calc'!A0): a field starting
 * with = + - or @ that contains "|".  0 when there is none.  Fields are
 * split at , ; and tab without regard to quotes: a quoted field can only
 * add a refusal, never hide one.
 */
static long dde_line(const char *d, size_t n)
{
	long line = 1;
	for (size_t i = 0; i < n;) {
		size_t end = i;
		while (end < n && d[end] != '\n' && d[end] != ',' && d[end] != ';' && d[end] != '\t')
			end++;
		size_t k = i;
		while (k < end && (d[k] == ' ' || d[k] == '"' || d[k] == '\r'))
			k++;
		if (k < end && strchr("=+-@", d[k]) && memchr(d + k, '|', end - k))
			return line;
		if (end < n && d[end] == '\n')
			line++;
		i = end + 1;
	}
	return 0;
}

static int clean(struct job *j, struct err *e)
{
	const unsigned char *d = (const unsigned char *)j->data.data;
	size_t n = j->data.len;
	j->out_ext = file_type_clean_ext(&j->ft);
	switch (j->ft.kind) {
	case FK_OOXML:
		return ooxml_sanitize(d, n, &j->clean, &j->r, e);
	case FK_PDF:
		return pdf_sanitize(d, n, &j->clean, &j->r, e);
	case FK_OLE: {
		const char *ext = NULL;
		if (ole_sanitize(d, n, j->policy, &j->clean, &ext, &j->r, e))
			return -1;
		if (ext)
			j->out_ext = ext;
		return 0;
	}
	case FK_TEXT: {
		long line = dde_line((const char *)d, n);
		if (line)
			return err_set(e, ERR_INPUT,
				       "%ld 行目に、表計算ソフトで開くと DDE でプログラムを起動しうる式"
				       "（= などで始まり | を含む値）があります",
				       line),
			       -1;
	}
		/* fall through */
	case FK_IMAGE:
		/* nothing in them can act: copied as they are */
		buf_append(&j->clean, d, n);
		return 0;
	case FK_REFUSED:
		break;
	}
	return err_set(e, ERR_INPUT, "%s", j->ft.why), -1;
}

/* The output name should say what the content now is. */
static void check_out_name(struct job *j)
{
	const char *ext = file_type_extension(j->out);
	if (j->out_ext && strcasecmp(ext, j->out_ext) != 0)
		san_report_add(&j->r.warnings, &j->r.nwarnings, "output_name", j->out,
			       "出力名の拡張子（.%s）が中身の形式（.%s）と異なります%s", ext, j->out_ext,
			       ext[0] && (ext[strlen(ext) - 1] | 0x20) == 'm' && j->ft.kind != FK_OLE
				       ? "。中身はマクロを含まない形式です"
				       : "");
}

static int run(const struct cli *c, struct job *j)
{
	struct err e = {0};
	if (read_input(j->in, &j->data, &e))
		return refuse(j->in, "%s", e.msg);
	const unsigned char *d = (const unsigned char *)j->data.data;
	if (file_type_detect(d ? d : (const unsigned char *)"", j->data.len, &j->ft, &e))
		return refuse(j->in, "%s", e.msg);
	j->r.detected_type = xstrdup(j->ft.mime);
	if (j->ft.kind == FK_REFUSED) {
		const char *ext = file_type_extension(j->in);
		return ext[0] && j->ft.by_type ? refuse(j->in, "拡張子は .%s ですが中身は %s です。%s", ext, j->ft.mime, j->ft.why)
			      : refuse(j->in, "%s", j->ft.why);
	}
	if (file_type_check_name(&j->ft, j->in, &e))
		return refuse(j->in, "%s", e.msg);
	int skipped = 0, found = scan(j, d, j->data.len, "入力", &skipped, &e);
	if (found == 0) {
		if (clean(j, &e))
			return refuse(j->in, "%s", e.msg);
		found = scan(j, (const unsigned char *)j->clean.data, j->clean.len, "出力", &skipped, &e);
	}
	if (found < 0)
		return refuse(j->in, "%s", e.msg);
	if (found > 0) {
		sanitize_print_report(c, &j->r, "file", j->in, j->out, stdout);
		fprintf(stderr, "mamori: %s: ウイルスを検出しました（%s）。出力しません\n", j->in, j->r.virus);
		return EXIT_FINDINGS;
	}
	if (!j->scan)
		san_report_add(&j->r.warnings, &j->r.nwarnings, "scan_skipped", "",
			       "ウイルス検査は行いませんでした（--no-scan）");
	check_out_name(j);
	char *tmp = NULL;
	if (durable_write_scratch(j->out, NULL, j->clean.data, j->clean.len, 1, &tmp, &e) ||
	    publish(tmp, j->out, j->force, &e)) {
		free(tmp);
		return refuse(j->in, "%s", e.msg);
	}
	free(tmp);
	sanitize_print_report(c, &j->r, "file", j->in, j->out, stdout);
	return EXIT_OK;
}

int cmd_sanitize_file(struct cli *c, int argc, char **argv)
{
	struct opt opts[] = {{"o", 1, NULL},         {"ole-policy", 1, NULL}, {"clamav-db", 1, NULL},
			     {"no-scan", 0, NULL},   {"force", 0, NULL}};
	enum { NOPTS = sizeof opts / sizeof opts[0] };
	char *pos[1];
	int npos = 0;
	if (cli_parse("sanitize file", argc, argv, opts, NOPTS, pos, 1, &npos))
		return EXIT_ERROR;
	const char *out = opt_get(opts, NOPTS, "o"), *policy = opt_get(opts, NOPTS, "ole-policy");
	if (npos != 1 || !out || !*out)
		return cli_usage("使い方: mamori sanitize file IN -o OUT [--ole-policy refuse|convert] "
				 "[--clamav-db DIR] [--no-scan] [--force]");
	struct job j = {.in = pos[0], .out = out, .db_dir = opt_get(opts, NOPTS, "clamav-db"),
			.policy = OLE_REFUSE, .scan = !opt_get(opts, NOPTS, "no-scan"),
			.force = opt_get(opts, NOPTS, "force") != NULL};
	if (policy && strcmp(policy, "convert") == 0)
		j.policy = OLE_CONVERT;
	else if (policy && strcmp(policy, "refuse") != 0)
		return cli_usage("--ole-policy は refuse か convert です（「%s」は使えません）", policy);
	struct stat st;
	if (!j.force && lstat(out, &st) == 0)
		return refuse(j.in, "出力先 %s がすでにあります（上書きするには --force）", out);
	int rc = run(c, &j);
	buf_free(&j.data);
	buf_free(&j.clean);
	file_type_free(&j.ft);
	san_report_free(&j.r);
	return rc;
}
