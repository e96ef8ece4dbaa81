/*
 * gap_weak.c — wording that turns a duty into something less.
 *
 * A municipality that copies a clause but writes 努めるものとする where the
 * guideline says しなければならない, or 必要に応じて before a rule that has
 * no such condition, has kept the topic and dropped the requirement.  Such a
 * passage matches the clause as well as a faithful one, so the wording is
 * looked at on its own.
 */
#include <string.h>

#include "core/gap_internal.h"

struct marker_word {
	const char *s;
	int bit;
};

static const struct marker_word words[] = {
	{"努める", SOFT_EFFORT},
	{"努めな", SOFT_EFFORT},      /* 努めなければならない */
	{"努めること", SOFT_EFFORT},
	{"努力する", SOFT_EFFORT},
	{"努力義務", SOFT_EFFORT},
	{"望ましい", SOFT_DESIRABLE},
	{"望まれる", SOFT_DESIRABLE},
	{"推奨する", SOFT_DESIRABLE},
	{"推奨される", SOFT_DESIRABLE},
	{"ことができる", SOFT_MAY},
	{"差し支えない", SOFT_MAY},
	{"妨げない", SOFT_MAY},
	{"任意とする", SOFT_MAY},
	{"検討する", SOFT_CONSIDER},
	{"検討するものとする", SOFT_CONSIDER},
	{"考慮する", SOFT_CONSIDER},
	{"配慮する", SOFT_CONSIDER},
	{"必要に応じ", SOFT_ASNEEDED},
	{"必要な場合は", SOFT_ASNEEDED},
	{"可能な限り", SOFT_ASNEEDED},
	{"できる限り", SOFT_ASNEEDED},
	{"なるべく", SOFT_ASNEEDED},
	{"適宜", SOFT_ASNEEDED},
	{"可能であれば", SOFT_ASNEEDED},
};

int gap_softeners(const char *s)
{
	int bits = 0;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(s, words[i].s))
			bits |= words[i].bit;
	return bits;
}
