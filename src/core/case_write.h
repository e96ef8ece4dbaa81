/*
 * case_write.h — filing a 例外措置 and recording a violation as write
 * callbacks (int fn(struct tx *, void *arg, struct err *)), so that the CLI
 * (cli_one_write) and the web (web_write) run the very same call with the
 * same arguments instead of each wrapping exception.h and violation.h.
 */
#ifndef MAMORI_CASE_WRITE_H
#define MAMORI_CASE_WRITE_H

#include "core/exception.h"
#include "core/violation.h"

struct exception_filing {
	struct exception_new in;
	char *no; /* the number given; the caller frees it */
};
/* arg: struct exception_filing * */
int exception_file_write(struct tx *tx, void *arg, struct err *e);

struct violation_recording {
	struct violation_new in;
	char *no; /* the number given; the caller frees it */
};
/* arg: struct violation_recording * */
int violation_record_write(struct tx *tx, void *arg, struct err *e);

#endif
