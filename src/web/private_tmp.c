/*
 * private_tmp.c — owner-only temporary directories (private_tmp.h).
 */
#include "web/private_tmp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int private_tmp_make(const char *what, char **dir, struct err *e)
{
	const char *base = getenv("TMPDIR");
	*dir = xasprintf("%s/mamori-%s.XXXXXX", base && *base ? base : "/tmp", what);
	/* mkdtemp creates the directory with mode 0700 */
	if (mkdtemp(*dir))
		return 0;
	err_set(e, ERR_IO, "一時ディレクトリ %s を作成できません: %s", *dir, strerror(errno));
	free(*dir);
	*dir = NULL;
	return e->code;
}

void private_tmp_remove(const char *dir)
{
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *en;
	if (!d)
		return;
	while ((en = readdir(d)) != NULL) {
		if (strcmp(en->d_name, ".") == 0 || strcmp(en->d_name, "..") == 0)
			continue;
		char *path = xasprintf("%s/%s", dir, en->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(dir);
}

int private_tmp_read(const char *path, struct buf *b, struct err *e)
{
	char chunk[1 << 16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, ERR_IO, "%s を読めません: %s", path, strerror(errno));
	ssize_t got;
	while ((got = read(fd, chunk, sizeof chunk)) > 0)
		buf_append(b, chunk, (size_t)got);
	int rc = got < 0 ? err_set(e, ERR_IO, "%s を読めません: %s", path, strerror(errno)) : 0;
	close(fd);
	return rc;
}

int private_tmp_bytes(const char *what, const char *name, private_tmp_writer write, const void *arg,
		      struct buf *out, struct err *e)
{
	char *dir = NULL;
	if (private_tmp_make(what, &dir, e))
		return e->code;
	char *path = xasprintf("%s/%s", dir, name);
	int rc = write(arg, path, e);
	if (!rc)
		rc = private_tmp_read(path, out, e);
	private_tmp_remove(dir);
	free(path);
	free(dir);
	return rc;
}
