/*
 * sanitize_mail_bench.c — the baseline of bench/sanitize_mail.sh: GMime's own
 * parse-and-write of every message of a maildir (new/ and cur/), each read
 * into memory, parsed from a memory stream and written back to a file in
 * OUTDIR — the same reading, parsing and writing `sanitize mail --maildir`
 * does, without the sanitising.
 * Usage: sanitize_mail_bench MAILDIR OUTDIR   (prints the message count)
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmime/gmime.h>

static int one(const char *in, const char *out)
{
	gchar *data = NULL;
	gsize len = 0;
	if (!g_file_get_contents(in, &data, &len, NULL))
		return -1;
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(data, len);
	GMimeParser *p = g_mime_parser_new_with_stream(s);
	GMimeMessage *m = g_mime_parser_construct_message(p, NULL);
	int rc = -1;
	if (m) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			GMimeStream *o = g_mime_stream_fs_new(fd);
			rc = g_mime_object_write_to_stream(GMIME_OBJECT(m), NULL, o) < 0 ? -1 : 0;
			g_object_unref(o);
		}
		g_object_unref(m);
	}
	g_object_unref(p);
	g_object_unref(s);
	g_free(data);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s MAILDIR OUTDIR\n", argv[0]);
		return 2;
	}
	g_mime_init();
	mkdir(argv[2], 0700);
	long n = 0, bad = 0;
	const char *subs[] = {"new", "cur"};
	for (int k = 0; k < 2; k++) {
		char dir[4096], od[4096];
		snprintf(dir, sizeof dir, "%s/%s", argv[1], subs[k]);
		snprintf(od, sizeof od, "%s/%s", argv[2], subs[k]);
		mkdir(od, 0700);
		DIR *d = opendir(dir);
		if (!d)
			continue;
		struct dirent *de;
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			char in[8192], out[8192];
			snprintf(in, sizeof in, "%s/%s", dir, de->d_name);
			snprintf(out, sizeof out, "%s/%s", od, de->d_name);
			if (one(in, out))
				bad++;
			n++;
		}
		closedir(d);
	}
	printf("%ld %ld\n", n, bad);
	g_mime_shutdown();
	return 0;
}
