/*
 * refusal.c — freeing a refusal (refusal.h).
 */
#include "web/refusal.h"

#include <stdlib.h>
#include <string.h>

void web_refusal_free(struct web_refusal *x)
{
	free(x->msg);
	memset(x, 0, sizeof *x);
}
