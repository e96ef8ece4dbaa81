/*
 * err.h — the error value every fallible function fills.
 *
 * Functions return 0 on success and a non-zero code on failure, and write a
 * message the user can act on (in Japanese, naming file, line and field where
 * there is one) into a caller-provided struct err.  Nothing here exits.
 */
#ifndef MAMORI_ERR_H
#define MAMORI_ERR_H

#include <stdarg.h>

enum err_code {
	ERR_OK = 0,
	ERR_INPUT = 2,    /* bad input or usage: CLI exit code 2 */
	ERR_IO = 3,       /* file or database could not be read or written */
	ERR_TAMPER = 4,   /* verify found tampering */
	ERR_INTERNAL = 5, /* a bug or an impossible state */
};

struct err {
	int code;
	char msg[1024];
};

/* Sets code and a printf-formatted message; returns code for `return err_set(...)`. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int err_setv(struct err *e, int code, const char *fmt, va_list ap);
/* Prepends "prefix: " to an existing message (adds context while unwinding). */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void err_clear(struct err *e);

#endif
