/*
 * location.h — storage and installation places (保管・設置場所) that the
 * register refers to by name, with the properties the guideline asks about:
 * lockable (施錠可能), fire- and water-resistant (耐火・耐水), and off-site
 * (庁外).  Rule 2.2.6.4 checks assets against them.
 */
#ifndef MAMORI_LOCATION_H
#define MAMORI_LOCATION_H

#include <stddef.h>

#include "store/tx.h"

struct storage_location {
	long long id;
	char *code;
	char *name;
	long long unit_id;
	int lockable, fireproof, offsite;
	char *note;
};

struct storage_locations {
	size_t n;
	struct storage_location *v;
};

int location_load(struct db *db, struct storage_locations *out, struct err *e);
void location_list_free(struct storage_locations *l);
/* By code, or by name compared after NFKC folding; NULL when unknown. */
const struct storage_location *location_find(const struct storage_locations *l, const char *text);

struct location_input {
	const char *code, *name, *unit, *note;
	int lockable, fireproof, offsite;
};

int location_add(struct tx *tx, const struct location_input *in, struct err *e);

#endif
