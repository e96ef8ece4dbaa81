/*
 * facts.h — one term of a record's <dl class="facts"> (the detail pages of
 * requests, 例外措置 and violations), "—" standing in for what is empty.
 */
#ifndef MAMORI_WEB_FACTS_H
#define MAMORI_WEB_FACTS_H

#include "util/buf.h"

/* <dt>term</dt><dd>value or —</dd> */
void facts_text(struct buf *b, const char *term, const char *value);
/* The same for a date or time, shown in JST (layout_date). */
void facts_date(struct buf *b, const char *term, const char *when);

#endif
