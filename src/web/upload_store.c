/*
 * upload_store.c — uploads kept for their confirmation (upload_store.h).
 */
#include "web/upload_store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/hex.h"
#include "util/sha256.h"

static char *store_dir(void)
{
	const char *base = getenv("TMPDIR");
	return xasprintf("%s/mamori-uploads-%lu", base && *base ? base : "/tmp",
			 (unsigned long)getuid());
}

/* The directory, made if need be, and refused unless it is ours alone. */
static int open_dir(char **dir, struct err *e)
{
	struct stat st;
	*dir = store_dir();
	if (mkdir(*dir, 0700) != 0 && errno != EEXIST)
		return err_set(e, ERR_IO, "%s を作成できません: %s", *dir, strerror(errno));
	if (lstat(*dir, &st) != 0)
		return err_set(e, ERR_IO, "%s を確認できません: %s", *dir, strerror(errno));
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077))
		return err_set(e, ERR_IO, "%s が mamori 専用のディレクトリ（所有者のみ、0700）ではありません",
			       *dir);
	return 0;
}

static int valid_token(const char *token)
{
	if (!token || strlen(token) != UPLOAD_TOKEN_HEX)
		return 0;
	for (const char *p = token; *p; p++)
		if (hex_digit(*p) < 0)
			return 0;
	return 1;
}

/* The file name: a hash of the session's CSRF token and the upload's token. */
static char *file_in(const char *dir, const struct web_req *rq, const char *token)
{
	char hex[65];
	char *both = xasprintf("%s:%s", rq->session.csrf, token);
	sha256_hex(both, strlen(both), hex);
	free(both);
	return xasprintf("%s/%s.upload", dir, hex);
}

/* Removes what was left unconfirmed for longer than the keep time. */
static void sweep(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *en;
	time_t now = time(NULL);
	while (d && (en = readdir(d)) != NULL) {
		struct stat st;
		if (!strstr(en->d_name, ".upload"))
			continue;
		char *path = xasprintf("%s/%s", dir, en->d_name);
		if (lstat(path, &st) == 0 && now - st.st_mtime > UPLOAD_KEEP_SECONDS)
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int upload_store_put(const struct web_req *rq, const void *data, size_t len,
		     char token[UPLOAD_TOKEN_HEX + 1], char **path, struct err *e)
{
	unsigned char raw[UPLOAD_TOKEN_HEX / 2];
	char *dir = NULL;
	*path = NULL;
	if (open_dir(&dir, e)) {
		free(dir);
		return e->code;
	}
	sweep(dir);
	randombytes_buf(raw, sizeof raw);
	hex_encode(raw, sizeof raw, token);
	token[UPLOAD_TOKEN_HEX] = '\0';
	*path = file_in(dir, rq, token);
	free(dir);
	int fd = open(*path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	int rc = fd < 0 || write_all(fd, data, len) != 0;
	if (fd >= 0 && close(fd) != 0)
		rc = 1;
	if (!rc)
		return 0;
	err_set(e, ERR_IO, "アップロードされたファイルを保存できません: %s", strerror(errno));
	unlink(*path);
	free(*path);
	*path = NULL;
	return e->code;
}

char *upload_store_path(const struct web_req *rq, const char *token)
{
	struct err e = {0};
	struct stat st;
	char *dir = NULL;
	if (!valid_token(token) || open_dir(&dir, &e)) {
		free(dir);
		return NULL;
	}
	char *path = file_in(dir, rq, token);
	free(dir);
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    time(NULL) - st.st_mtime <= UPLOAD_KEEP_SECONDS)
		return path;
	free(path);
	return NULL;
}

void upload_store_remove(const char *path)
{
	if (path)
		unlink(path);
}
