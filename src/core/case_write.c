/*
 * case_write.c — the case writes as write callbacks (case_write.h).
 */
#include "core/case_write.h"

int exception_file_write(struct tx *tx, void *arg, struct err *e)
{
	struct exception_filing *a = arg;
	return exception_file(tx, &a->in, &a->no, e);
}

int violation_record_write(struct tx *tx, void *arg, struct err *e)
{
	struct violation_recording *a = arg;
	return violation_record(tx, &a->in, &a->no, e);
}
