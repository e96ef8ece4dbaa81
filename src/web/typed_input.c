/*
 * typed_input.c — a typed list and a typed id, read alike by every form
 * (see typed_input.h).
 */
#include "web/typed_input.h"

#include <string.h>

/* Whether s starts with a separator of a typed list; its length, else 0. */
static size_t separator_len(const char *s)
{
	if (strncmp(s, "、", strlen("、")) == 0)
		return strlen("、");
	return *s && strchr(" ,\t\r\n", *s) ? 1 : 0;
}

size_t typed_list_split(char *s, const char **v, size_t max)
{
	size_t n = 0;
	while (*s && n < max) {
		size_t k;
		while ((k = separator_len(s)) > 0)
			s += k;
		if (!*s)
			break;
		v[n++] = s;
		while (*s && !separator_len(s))
			s++;
		if ((k = separator_len(s)) > 0) {
			*s = 0;
			s += k;
		}
	}
	return n;
}

long long typed_decimal_id(const char *s)
{
	long long v = 0;
	if (!s || !*s || strlen(s) > 15)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v;
}
