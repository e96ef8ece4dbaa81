/*
 * fuzz_inspect_answers.c — libFuzzer target for the file of self-inspection
 * answers: sheet_read_csv, then inspect_answer_file_parse (core/inspect.h).
 *
 * Besides crashes and leaks, it traps on broken promises: on success every
 * answer has a question number from 1 to 9999 and an answer
 * inspect_answer_id knows; on refusal the result is empty and there is a
 * message.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/inspect.h"
#include "util/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sheet s;
	struct err e = {0, ""};
	if (sheet_read_csv("fuzz.csv", (const char *)data, size, &s, &e))
		return 0;
	struct inspect_answer_file f;
	int rc = inspect_answer_file_parse("fuzz.csv", &s, &f, &e);
	if (rc == 0) {
		if (f.n == 0)
			__builtin_trap();
		for (size_t i = 0; i < f.n; i++)
			if (f.v[i].seq < 1 || f.v[i].seq > 9999 || !inspect_answer_id(f.v[i].answer))
				__builtin_trap();
		inspect_answer_file_free(&f);
	} else if (rc != ERR_INPUT || !e.msg[0] || f.n || f.v) {
		__builtin_trap();
	}
	sheet_free(&s);
	return 0;
}
