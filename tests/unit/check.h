/*
 * check.h — the few lines every unit test program shares: CHECK counts a
 * passed or failed condition (and says where it failed); check_report prints
 * the closing "N passed, N failed" line and gives main's exit code.
 */
#ifndef MAMORI_TEST_CHECK_H
#define MAMORI_TEST_CHECK_H

#include <stdio.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (cond) {                                                          \
			check_passed++;                                              \
		} else {                                                             \
			check_failed++;                                              \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
				#cond);                                              \
		}                                                                    \
	} while (0)

static inline int check_report(void)
{
	printf("%d passed, %d failed\n", check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
