/*
 * typed_input.h — what a person types into a plain text field, read the
 * same way by every form: a list of words ("6.2 5.4.3.3", "A1、A2" or one a
 * line) and a record's decimal id ("12").  One reading, so that the forms of
 * audits, incidents and the rest accept the same separators.
 */
#ifndef MAMORI_WEB_TYPED_INPUT_H
#define MAMORI_WEB_TYPED_INPUT_H

#include <stddef.h>

/*
 * Splits s in place at spaces, commas, tabs, line ends and "、" into at most
 * max words in v (pointers into s); returns how many.  Empty words are
 * skipped.
 */
size_t typed_list_split(char *s, const char **v, size_t max);

/* "12" → 12; anything else (NULL, empty, signs, letters, over 15 digits) → -1. */
long long typed_decimal_id(const char *s);

#endif
