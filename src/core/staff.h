/*
 * staff.h — 職員等: everyone the policy binds, employees and contractors.
 *
 * Nobody is deleted.  Leaving sets left_on (離任日); a transfer (異動) changes
 * unit_id and unit_since, and the journal keeps every earlier posting.
 */
#ifndef MAMORI_STAFF_H
#define MAMORI_STAFF_H

#include <stddef.h>

#include "core/org.h"

struct staff {
	long long id;
	char *staff_no;   /* 職員番号 */
	char *name;       /* 氏名 */
	char *kana;       /* カナ */
	long long unit_id;
	char *employment; /* vocab_employment id */
	char *phone;
	char *email;
	char *started_on; /* 着任日 */
	char *left_on;    /* 離任日, NULL while in office */
	char *unit_since; /* date of the current posting */
};

struct staff_list {
	size_t n;
	struct staff *v;
};

void staff_free(struct staff *s);
void staff_list_free(struct staff_list *l);

/* Loads staff; `where` is "" or an SQL condition without parameters. */
int staff_load(struct db *db, const char *where, struct staff_list *out, struct err *e);
/* The staff member with this id in a list loaded by staff_load (ordered by id). */
const struct staff *staff_by_id(const struct staff_list *l, long long id);
/* The name of staff `id` (caller frees), or NULL if there is none. */
char *staff_name_of(struct db *db, long long id, struct err *e);
int staff_find(struct db *db, const char *staff_no, struct staff *out, int *found,
	       struct err *e);
/* A current (not departed) member of staff by 職員番号.  `what` names them in
 * the messages ("申請者", "決裁者" …); `opt`, when not NULL, is the option
 * that gives the number ("--as"), named when it is missing.  The caller frees
 * s on success. */
int staff_current(struct db *db, const char *no, const char *what, const char *opt,
		  struct staff *s, struct err *e);

/*
 * Checks fields a person typed or imported and normalises them in place
 * (dates to YYYY-MM-DD, employment to its id).  On error *field (if not
 * NULL) is the Japanese label of the offending field.
 */
int staff_validate(struct staff *s, const char **field, struct err *e);

/* Inserts s (validated) and journals it; sets s->id. */
int staff_insert(struct tx *tx, struct staff *s, const char *kind, struct err *e);
/* Writes every field of s over the row s->id and journals it. */
int staff_update(struct tx *tx, const struct staff *s, const char *kind, struct err *e);

int staff_transfer(struct tx *tx, const char *staff_no, long long unit_id, const char *date,
		   struct err *e);
int staff_retire(struct tx *tx, const char *staff_no, const char *date, struct err *e);

#endif
