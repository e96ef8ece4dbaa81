/*
 * cmd_sanitize_mail.h — private to cmd_sanitize_mail*.c: the parts of
 * `mamori sanitize mail` the single-message, filter and batch modes share.
 */
#ifndef MAMORI_CMD_SANITIZE_MAIL_H
#define MAMORI_CMD_SANITIZE_MAIL_H

#include "cli/cli.h"
#include "tools/mail_sanitize.h"

/* Reads a whole file (path, or stdin when NULL) of at most max bytes. */
int sm_read(const char *path, size_t max, char **data, size_t *len, struct err *e);
/* Reads path (stdin when NULL) and sanitises it into res and rep; a refusal's
   message is prefixed with shown when not NULL. */
int sm_sanitize_file(const char *path, const char *shown, const struct mail_limits *lim,
		     struct buf *res, struct san_report *rep, struct err *e);
/* Writes a temporary file beside path (or in tmpdir when not NULL) and
   renames it into place; fsyncs first when sync is set.  Nothing is left
   behind on failure. */
int sm_write_atomic(const char *path, const char *tmpdir, const void *data, size_t len,
		    int sync, struct err *e);

int sm_maildir(struct cli *c, const char *in, const char *out, const struct mail_limits *lim,
	       int progress);
int sm_mbox(struct cli *c, const char *in, const char *out, const struct mail_limits *lim,
	    int progress);

#endif
