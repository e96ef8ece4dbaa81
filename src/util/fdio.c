/*
 * fdio.c — a file descriptor read to its end within a limit, or written
 * whole (fdio.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fdio.h"

int fd_read_all(int fd, size_t max, struct buf *b)
{
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max)
		buf_reserve(b, (size_t)st.st_size + 1); /* one read, no regrowth */
	size_t start = b->len;
	for (;;) {
		if (b->cap <= b->len + 1)
			buf_reserve(b, 65536);
		ssize_t n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 0;
		b->len += (size_t)n;
		b->data[b->len] = '\0';
		if (b->len - start > max)
			return 1;
	}
}

int fd_read_path(const char *path, size_t max, struct buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fd_read_all(fd, max, b);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int fd_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w, len -= (size_t)w;
	}
	return 0;
}
