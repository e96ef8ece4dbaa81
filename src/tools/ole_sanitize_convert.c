/*
 * ole_sanitize_convert.c — a legacy document rebuilt as OOXML by LibreOffice
 * (`soffice --headless --convert-to docx|xlsx|pptx`), for --ole-policy
 * convert.
 *
 * LibreOffice runs in a private scratch directory that is its HOME and its
 * user profile, so it never touches the operator's profile, never meets a
 * running instance, and leaves nothing behind.  The profile is seeded with
 * macro execution disabled (and VBA import not executable): converting must
 * never run the document's code.  A conversion that takes longer than
 * CONVERT_SECONDS is killed.  $MAMORI_SOFFICE names the program when it is
 * not `soffice` on PATH.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tools/ole_sanitize.h"
#include "util/fdio.h"

#define CONVERT_SECONDS 180

static const char profile_xcu[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
	"xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
	"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
	"<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\">"
	"<prop oor:name=\"MacroSecurityLevel\" oor:op=\"fuse\"><value>3</value></prop></item>\n"
	"<item oor:path=\"/org.openoffice.Office.Common/Security/Scripting\">"
	"<prop oor:name=\"DisableMacrosExecution\" oor:op=\"fuse\"><value>true</value></prop></item>\n"
	"<item oor:path=\"/org.openoffice.Office.Writer/Filter/Import/VBA\">"
	"<prop oor:name=\"Executable\" oor:op=\"fuse\"><value>false</value></prop></item>\n"
	"<item oor:path=\"/org.openoffice.Office.Calc/Filter/Import/VBA\">"
	"<prop oor:name=\"Executable\" oor:op=\"fuse\"><value>false</value></prop></item>\n"
	"</oor:items>\n";

static int write_new_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (fd_write_all(fd, data, len) != 0) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

/* Runs argv with HOME=home, its output discarded; 0 when it exits 0,
   127 when it could not be started, -2 on timeout, else its status. */
static int run_soffice(char *const argv[], const char *home)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setpgid(0, 0);
		int devnull = open("/dev/null", O_RDWR);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 1);
			dup2(devnull, 2);
		}
		setenv("HOME", home, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	struct timespec tick = {0, 50 * 1000 * 1000};
	for (long waited = 0;; waited += 50) {
		int status;
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (got < 0 && errno != EINTR)
			return -1;
		if (waited >= CONVERT_SECONDS * 1000L) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -2;
		}
		nanosleep(&tick, NULL);
	}
}

int ole_convert(const unsigned char *in, size_t len, enum ole_kind kind, struct buf *out,
		struct err *e)
{
	const char *src_ext = ole_kind_ext(kind);
	const char *to = kind == OLE_DOC ? "docx" : kind == OLE_XLS ? "xlsx" : "pptx";
	const char *tmpdir = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof dir, "%s/mamori-convert.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		err_set(e, ERR_IO, "変換用の作業ディレクトリを作れません: %s", strerror(errno));
		return -1;
	}
	char *input = xasprintf("%s/in.%s", dir, src_ext);
	char *profile_dir = xasprintf("%s/profile/user", dir);
	char *xcu = xasprintf("%s/registrymodifications.xcu", profile_dir);
	char *profile_url = xasprintf("-env:UserInstallation=file://%s/profile", dir);
	char *outdir = xasprintf("%s/out", dir);
	char *result = xasprintf("%s/in.%s", outdir, to);
	char *parent = xasprintf("%s/profile", dir);
	int rc = -1;
	if (write_new_file(input, in, len) || mkdir(parent, 0700) || mkdir(profile_dir, 0700) ||
	    write_new_file(xcu, profile_xcu, sizeof profile_xcu - 1) || mkdir(outdir, 0700)) {
		err_set(e, ERR_IO, "変換用の作業ファイルを書けません: %s", strerror(errno));
		goto out;
	}
	const char *prog = getenv("MAMORI_SOFFICE");
	char *argv[] = {(char *)(prog && *prog ? prog : "soffice"), profile_url, "--headless",
			"--norestore", "--nologo", "--convert-to", (char *)to, "--outdir", outdir, input,
			NULL};
	int st = run_soffice(argv, dir);
	if (st == 127)
		err_set(e, ERR_INPUT,
			"LibreOffice（%s）が見つからないため変換できません"
			"（--ole-policy convert には LibreOffice が必要です）",
			argv[0]);
	else if (st == -2)
		err_set(e, ERR_INPUT, "LibreOffice の変換が %d 秒で終わらなかったため中止しました",
			CONVERT_SECONDS);
	else if (st != 0 || fd_read_path(result, SIZE_MAX, out) || out->len == 0)
		err_set(e, ERR_INPUT, "LibreOffice が .%s を .%s に変換できませんでした", src_ext, to);
	else
		rc = 0;
out:
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(input);
	free(profile_dir);
	free(xcu);
	free(profile_url);
	free(outdir);
	free(result);
	free(parent);
	return rc;
}
