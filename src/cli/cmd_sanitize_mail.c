/*
 * cmd_sanitize_mail.c — `mamori sanitize mail` (メールテキスト化方式,
 * docs/sanitize.md): one file, a stdin→stdout filter for an MTA, or a
 * maildir or mbox batch (cmd_sanitize_mail_batch.c).
 *
 * Exit 0 when the output was written, 2 when the input was refused (the
 * reason in Japanese on stderr, naming the file) and nothing was written.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd_sanitize.h"
#include "cli/cmd_sanitize_mail.h"
#include "util/durable.h"
#include "util/fdio.h"

#define USAGE "使い方: mamori sanitize mail IN.eml -o OUT.eml | --filter | --maildir DIR -o OUTDIR | --mbox IN.mbox -o OUT.mbox" \
	      " [--max-size BYTES] [--max-depth N] [--max-parts N] [--progress] [--format json]"

int sm_read(const char *path, size_t max, char **data, size_t *len, struct err *e)
{
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (fd < 0)
		return err_set(e, ERR_IO, "%s を読めません: %s", path, strerror(errno));
	struct buf b = BUF_INIT;
	int rc = fd_read_all(fd, max, &b);
	int err = errno;
	if (path)
		close(fd);
	if (rc) {
		buf_free(&b);
		return rc < 0 ? err_set(e, ERR_IO, "%s を読めません: %s", path ? path : "標準入力",
					strerror(err))
			      : err_set(e, ERR_INPUT, "%s: メールが大きすぎます（上限 %zu バイト）",
					path ? path : "標準入力", max);
	}
	*len = b.len;
	*data = b.data ? buf_take(&b) : xstrdup("");
	return 0;
}

int sm_write_atomic(const char *path, const char *tmpdir, const void *data, size_t len,
		    int sync, struct err *e)
{
	char *tmp;
	int rc = durable_write_scratch(path, tmpdir, data, len, sync, &tmp, e);
	if (rc)
		return rc;
	if (rename(tmp, path) != 0) {
		rc = err_set(e, ERR_IO, "%s に書き込めません: %s", path, strerror(errno));
		unlink(tmp);
	} else if (sync) {
		durable_sync_dir(path);
	}
	free(tmp);
	return rc;
}

int sm_sanitize_file(const char *path, const char *shown, const struct mail_limits *lim,
		     struct buf *res, struct san_report *rep, struct err *e)
{
	char *data = NULL;
	size_t len = 0;
	int rc = sm_read(path, lim->max_bytes, &data, &len, e);
	if (!rc && (rc = mail_sanitize(data, len, lim, res, rep, e)) != 0 && shown)
		err_prefix(e, "%s", shown);
	free(data);
	return rc;
}

static int one_file(struct cli *c, const char *in, const char *out, const struct mail_limits *lim)
{
	struct err e = {0};
	struct buf res = BUF_INIT;
	struct san_report rep = {0};
	int rc = sm_sanitize_file(in, in, lim, &res, &rep, &e);
	if (!rc)
		rc = sm_write_atomic(out, NULL, res.data, res.len, 1, &e);
	if (!rc)
		sanitize_print_report(c, &rep, "mail", in, out, stdout);
	buf_free(&res);
	san_report_free(&rep);
	return rc ? cli_fail(&e) : EXIT_OK;
}

/* stdin → stdout: nothing at all on stdout unless the whole message is
   sanitised, so an MTA never delivers half of one. */
static int filter(struct cli *c, const struct mail_limits *lim)
{
	struct err e = {0};
	struct buf res = BUF_INIT;
	struct san_report rep = {0};
	int rc = sm_sanitize_file(NULL, "標準入力", lim, &res, &rep, &e);
	if (!rc) {
		if (fwrite(res.data, 1, res.len, stdout) != res.len || fflush(stdout) != 0)
			rc = err_set(&e, ERR_IO, "標準出力に書き込めません");
		else
			sanitize_print_report(c, &rep, "mail", "-", "-", stderr);
	}
	buf_free(&res);
	san_report_free(&rep);
	return rc ? cli_fail(&e) : EXIT_OK;
}

static int limit_opt(const char *v, long long lo, long long hi, const char *name, long long *out)
{
	if (!v)
		return 0;
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return cli_usage("--%s は %lld から %lld の整数で指定してください（「%s」）", name, lo, hi, v);
	*out = n;
	return 0;
}

int cmd_sanitize_mail(struct cli *c, int argc, char **argv)
{
	struct opt o[] = {{"o", 1, NULL},         {"output", 1, NULL},    {"filter", 0, NULL},
			  {"maildir", 1, NULL},   {"mbox", 1, NULL},      {"max-size", 1, NULL},
			  {"max-depth", 1, NULL}, {"max-parts", 1, NULL}, {"progress", 0, NULL}};
	int no = sizeof o / sizeof o[0];
	char *pos[1];
	int npos = 0;
	if (cli_parse("sanitize mail", argc, argv, o, no, pos, 1, &npos))
		return EXIT_ERROR;
	struct mail_limits lim = MAIL_LIMITS_DEFAULT;
	long long size = (long long)lim.max_bytes, depth = lim.max_depth, parts = lim.max_parts;
	if (limit_opt(opt_get(o, no, "max-size"), 1024, 1LL << 32, "max-size", &size) ||
	    limit_opt(opt_get(o, no, "max-depth"), 1, 100, "max-depth", &depth) ||
	    limit_opt(opt_get(o, no, "max-parts"), 1, 100000, "max-parts", &parts))
		return EXIT_ERROR;
	lim = (struct mail_limits){(size_t)size, (int)depth, (int)parts};
	const char *out = opt_get(o, no, "o") ? opt_get(o, no, "o") : opt_get(o, no, "output");
	const char *maildir = opt_get(o, no, "maildir"), *mbox = opt_get(o, no, "mbox");
	int modes = (npos > 0) + (opt_get(o, no, "filter") != NULL) + (maildir != NULL) + (mbox != NULL);
	if (modes != 1)
		return cli_usage(USAGE);
	if (opt_get(o, no, "filter"))
		return out ? cli_usage("sanitize mail --filter: 出力は標準出力です（-o は使えません）") : filter(c, &lim);
	if (!out)
		return cli_usage("sanitize mail: 出力先を -o で指定してください（%s）", USAGE);
	const char *in = maildir ? maildir : mbox ? mbox : pos[0];
	struct stat a, b;
	if (stat(in, &a) == 0 && stat(out, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
		return cli_usage("sanitize mail: 入力と出力が同じです（%s）", out);
	if (maildir)
		return sm_maildir(c, maildir, out, &lim, opt_get(o, no, "progress") != NULL);
	if (mbox)
		return sm_mbox(c, mbox, out, &lim, opt_get(o, no, "progress") != NULL);
	return one_file(c, pos[0], out, &lim);
}
