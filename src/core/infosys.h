/*
 * infosys.h — 情報システム: the objects that 情報システム管理者 and
 * 情報システム担当者 are assigned to.
 */
#ifndef MAMORI_INFOSYS_H
#define MAMORI_INFOSYS_H

#include <stddef.h>

#include "store/tx.h"

struct info_system {
	long long id;
	char *code;
	char *name;
	long long unit_id; /* 所管課 */
	char *zone;        /* vocab_zone id */
	char *retired_on;
};

struct info_systems {
	size_t n;
	struct info_system *v;
};

int infosys_load(struct db *db, struct info_systems *out, struct err *e);
void infosys_free(struct info_systems *l);
const struct info_system *infosys_by_code(const struct info_systems *l, const char *code);
const struct info_system *infosys_by_id(const struct info_systems *l, long long id);

struct info_system_input {
	const char *code;
	const char *name;
	const char *unit; /* code or unique name */
	const char *zone; /* id or label */
};

int infosys_add(struct tx *tx, const struct info_system_input *in, long long *id, struct err *e);
int infosys_retire(struct tx *tx, const char *code, const char *date, struct err *e);

#endif
