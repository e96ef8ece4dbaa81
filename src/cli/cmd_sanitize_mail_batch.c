/*
 * cmd_sanitize_mail_batch.c — a maildir or an mbox sanitised as a whole.
 *
 * Maildir: the messages of DIR/new and DIR/cur go to OUTDIR/new and
 * OUTDIR/cur under the same names, each written in OUTDIR/tmp and renamed
 * (the maildir way: a reader never sees half a message).  Messages are not
 * fsynced one by one: the input stays where it is, so after a crash the
 * batch is simply run again, and 10,000 fsyncs would cost more than the
 * sanitising.  A refused message is not written; its reason
 * goes to OUTDIR/.refused/NAME.reason.txt (text only: the original stays on
 * the Internet side, where it came from) and to stderr.
 *
 * mbox: messages are split at "From " lines that start the file or follow
 * an empty line, unescaped as mboxrd (">From " loses one '>'), sanitised,
 * escaped again and written as one new mbox (temporary file, renamed).
 *
 * Every message is tried; the exit status is 2 when any was refused.
 */
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd_sanitize_mail.h"

#define PROGRESS_EVERY 500

struct tally {
	size_t done, refused, total;
	int progress;
	struct buf refused_json; /* [{"name":…,"reason":…},…] for --format json */
	struct json_writer w;
};

/* Thousands of messages of up to a few MB each: keep freed memory for the
   next one instead of mapping and unmapping (and page-faulting) it again. */
static void batch_malloc(void)
{
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
}

static void tally_init(struct tally *t, int progress)
{
	batch_malloc();
	*t = (struct tally){0};
	t->progress = progress || isatty(2);
	jw_init(&t->w, &t->refused_json);
	jw_array_begin(&t->w);
}

static void tick(struct tally *t)
{
	if (t->progress && (t->done + t->refused) % PROGRESS_EVERY == 0)
		fprintf(stderr, "処理中: %zu / %zu 通\n", t->done + t->refused, t->total);
}

static void refused(struct tally *t, const char *name, const struct err *e)
{
	t->refused++;
	fprintf(stderr, "mamori: %s: %s\n", name, e->msg);
	jw_object_begin(&t->w);
	jw_kv_string(&t->w, "name", name);
	jw_kv_string(&t->w, "reason", e->msg);
	jw_object_end(&t->w);
}

static int finish(struct cli *c, struct tally *t, const char *in, const char *out)
{
	jw_array_end(&t->w);
	if (c->format == FMT_JSON) {
		printf("{\"input\":");
		struct buf b = BUF_INIT;
		struct json_writer w;
		jw_init(&w, &b);
		jw_string(&w, in);
		printf("%s,\"kind\":\"mail-batch\",\"output\":", buf_str(&b));
		buf_reset(&b);
		jw_init(&w, &b);
		jw_string(&w, out);
		printf("%s,\"refused\":%s,\"sanitized\":%zu}\n", buf_str(&b), buf_str(&t->refused_json),
		       t->done);
		buf_free(&b);
	} else {
		printf("メール無害化: %s → %s\n無害化 %zu 通、拒否 %zu 通\n", in, out, t->done, t->refused);
	}
	buf_free(&t->refused_json);
	return t->refused ? EXIT_ERROR : EXIT_OK;
}

static int make_dir(const char *path, struct err *e)
{
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return err_set(e, ERR_IO, "%s を作れません: %s", path, strerror(errno));
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of dir, sorted (a run is reproducible). */
static char **list_files(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	if (!d)
		return NULL;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (de->d_type != DT_REG && de->d_type != DT_UNKNOWN)
			continue;
		if (*n == cap)
			v = xrealloc(v, (cap = cap ? cap * 2 : 256) * sizeof *v);
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_names);
	return v;
}

static void one_maildir_file(const char *in, const char *out, const char *sub, const char *name,
			     const struct mail_limits *lim, struct buf *res, struct tally *t)
{
	struct err e = {0};
	char *src = xasprintf("%s/%s/%s", in, sub, name);
	char *dst = xasprintf("%s/%s/%s", out, sub, name);
	char *tmpdir = xasprintf("%s/tmp", out);
	struct san_report rep = {0};
	buf_reset(res);
	int rc = sm_sanitize_file(src, NULL, lim, res, &rep, &e);
	if (!rc)
		rc = sm_write_atomic(dst, tmpdir, res->data, res->len, 0, &e);
	if (rc) {
		char *shown = xasprintf("%s/%s", sub, name);
		char *why = xasprintf("%s/.refused/%s.reason.txt", out, name);
		char *text = xasprintf("%s: %s\n", shown, e.msg);
		struct err e2 = {0};
		sm_write_atomic(why, NULL, text, strlen(text), 0, &e2);
		refused(t, shown, &e);
		free(shown);
		free(why);
		free(text);
	} else {
		t->done++;
	}
	tick(t);
	free(src);
	free(dst);
	free(tmpdir);
	san_report_free(&rep);
}

int sm_maildir(struct cli *c, const char *in, const char *out, const struct mail_limits *lim,
	       int progress)
{
	static const char *const subs[] = {"new", "cur"};
	struct err e = {0};
	char *lists_dir[2];
	char **files[2];
	size_t nfiles[2];
	int found = 0;
	for (int i = 0; i < 2; i++) {
		lists_dir[i] = xasprintf("%s/%s", in, subs[i]);
		files[i] = list_files(lists_dir[i], &nfiles[i]);
		struct stat st;
		found |= stat(lists_dir[i], &st) == 0 && S_ISDIR(st.st_mode);
		free(lists_dir[i]);
	}
	if (!found) {
		err_set(&e, ERR_INPUT, "%s は maildir ではありません（new/ も cur/ もありません）", in);
		return cli_fail(&e);
	}
	const char *dirs[] = {"", "/new", "/cur", "/tmp", "/.refused"};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char *p = xasprintf("%s%s", out, dirs[i]);
		int rc = make_dir(p, &e);
		free(p);
		if (rc) {
			for (int k = 0; k < 2; k++) {
				for (size_t j = 0; j < nfiles[k]; j++)
					free(files[k][j]);
				free(files[k]);
			}
			return cli_fail(&e);
		}
	}
	struct tally t;
	tally_init(&t, progress);
	t.total = nfiles[0] + nfiles[1];
	struct buf res = BUF_INIT;
	for (int i = 0; i < 2; i++) {
		for (size_t j = 0; j < nfiles[i]; j++) {
			one_maildir_file(in, out, subs[i], files[i][j], lim, &res, &t);
			free(files[i][j]);
		}
		free(files[i]);
	}
	buf_free(&res);
	return finish(c, &t, in, out);
}

/* mbox */

static int from_line(const char *s, size_t len, size_t i)
{
	return len - i >= 5 && memcmp(s + i, "From ", 5) == 0 &&
	       (i == 0 || (i >= 2 && s[i - 1] == '\n' && s[i - 2] == '\n') ||
		(i >= 3 && s[i - 1] == '\n' && s[i - 2] == '\r' && s[i - 3] == '\n'));
}

/* The number of '>' that start the line s[i, end) when "From " follows
   them (0 for "From " itself); -1 for any other line. */
static long quoted_from(const char *s, size_t i, size_t end)
{
	size_t k = i;
	while (k < end && s[k] == '>')
		k++;
	return end - k >= 5 && memcmp(s + k, "From ", 5) == 0 ? (long)(k - i) : -1;
}

/* mboxrd quoting, line by line: escaping adds a '>' before every ">*From ",
   unescaping takes one from every ">+From " (">>From " was ">From "). */
static void requote(const char *s, size_t len, int escaping, struct buf *out)
{
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) + 1 : len;
		long q = quoted_from(s, i, end);
		if (escaping && q >= 0)
			buf_putc(out, '>');
		else if (!escaping && q > 0)
			i++;
		buf_append(out, s + i, end - i);
		i = end;
	}
}

static void unescape(const char *s, size_t len, struct buf *out)
{
	requote(s, len, 0, out);
}

static void escape(const char *s, size_t len, struct buf *out)
{
	requote(s, len, 1, out);
	if (len && s[len - 1] != '\n')
		buf_putc(out, '\n');
}

int sm_mbox(struct cli *c, const char *in, const char *out, const struct mail_limits *lim,
	    int progress)
{
	struct err e = {0};
	char *data = NULL;
	size_t len = 0;
	if (sm_read(in, (size_t)1 << 40, &data, &len, &e))
		return cli_fail(&e);
	if (len && !from_line(data, len, 0)) {
		free(data);
		err_set(&e, ERR_INPUT, "%s は mbox ではありません（「From 」行で始まっていません）", in);
		return cli_fail(&e);
	}
	struct tally t;
	tally_init(&t, progress);
	for (size_t i = 0; i < len; i++)
		t.total += from_line(data, len, i);
	struct buf mbox = BUF_INIT, msg = BUF_INIT, res = BUF_INIT;
	size_t index = 0;
	for (size_t i = 0; i < len; index++) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t body = nl ? (size_t)(nl - data) + 1 : len;
		size_t next = body;
		while (next < len && !from_line(data, len, next))
			next++;
		size_t end = next;
		if (end < len && end > body && data[end - 1] == '\n')
			end--; /* the empty line before the next "From " belongs to the mbox */
		buf_reset(&msg);
		buf_reset(&res);
		unescape(data + body, end - body, &msg);
		struct san_report rep = {0};
		struct err me = {0};
		if (mail_sanitize(buf_str(&msg), msg.len, lim, &res, &rep, &me) == 0) {
			buf_append(&mbox, data + i, body - i); /* the original "From " line */
			escape(buf_str(&res), res.len, &mbox);
			buf_putc(&mbox, '\n');
			t.done++;
		} else {
			char *name = xasprintf("%s の %zu 通目", in, index + 1);
			refused(&t, name, &me);
			free(name);
		}
		san_report_free(&rep);
		tick(&t);
		i = next;
	}
	free(data);
	buf_free(&msg);
	buf_free(&res);
	int rc = sm_write_atomic(out, NULL, buf_str(&mbox), mbox.len, 1, &e);
	buf_free(&mbox);
	if (rc) {
		buf_free(&t.refused_json);
		return cli_fail(&e);
	}
	return finish(c, &t, in, out);
}
