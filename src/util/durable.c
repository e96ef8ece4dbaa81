#include "util/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fdio.h"

int durable_sync(const char *path, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int ok = fd >= 0 && fsync(fd) == 0;
	int saved = errno;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : err_set(e, ERR_IO, "%s を書き込めません: %s", path, strerror(saved));
}

void durable_sync_dir(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0'; /* the root directory */
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int durable_publish(const char *tmp, const char *path, struct err *e)
{
	if (rename(tmp, path) != 0)
		return err_set(e, ERR_IO, "%s を作成できません: %s", path, strerror(errno));
	durable_sync_dir(path);
	return 0;
}

int durable_write_scratch(const char *path, const char *dir, const void *data, size_t len,
			  int sync, char **tmp, struct err *e)
{
	const char *slash = strrchr(path, '/');
	if (dir)
		*tmp = xasprintf("%s/.mamori-scratch.XXXXXX", dir);
	else if (slash)
		*tmp = xasprintf("%.*s/.mamori-scratch.XXXXXX", (int)(slash - path), path);
	else
		*tmp = xstrdup(".mamori-scratch.XXXXXX");
	int fd = mkostemp(*tmp, O_CLOEXEC); /* mode 0600, as POSIX requires of mkstemp */
	int ok = fd >= 0 && fd_write_all(fd, data, len) == 0 && (!sync || fsync(fd) == 0);
	int saved = errno;
	if (fd >= 0 && close(fd) != 0 && ok)
		ok = 0, saved = errno;
	if (ok)
		return 0;
	if (fd >= 0)
		unlink(*tmp);
	free(*tmp);
	*tmp = NULL;
	return err_set(e, ERR_IO, "%s に書き込めません: %s", path, strerror(saved));
}

int durable_write_file(const char *path, const void *data, size_t len, struct err *e)
{
	char *tmp = xasprintf("%s.tmp", path);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int rc = 0;
	if (fd < 0) {
		rc = err_set(e, ERR_IO, "%s を作成できません: %s", tmp, strerror(errno));
		free(tmp);
		return rc;
	}
	if (fd_write_all(fd, data, len) != 0)
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", tmp, strerror(errno));
	if (!rc && fsync(fd) != 0)
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", tmp, strerror(errno));
	if (close(fd) != 0 && !rc)
		rc = err_set(e, ERR_IO, "%s を書き込めません: %s", tmp, strerror(errno));
	if (!rc)
		rc = durable_publish(tmp, path, e);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
