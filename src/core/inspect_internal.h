/*
 * inspect_internal.h — what the inspect*.c files share and nothing else
 * includes: the manager check, row writers and the bulk helpers.
 */
#ifndef MAMORI_INSPECT_INTERNAL_H
#define MAMORI_INSPECT_INTERNAL_H

#include "core/inspect.h"

/* ERR_INPUT unless actor_no is a current member of staff who may manage
 * campaigns (inspect_may_manage); *staff_id gets their id. */
int inspect_check_manager(struct db *db, const char *actor_no, long long *staff_id, struct err *e);
int inspect_put_campaign(struct tx *tx, const struct inspect_campaign *c, int insert, const char *kind,
			 struct err *e);
int inspect_put_respondent(struct tx *tx, const struct inspect_respondent *r, int insert, const char *kind,
			   struct err *e);
/* One respondent by id (answered and questions are not filled). */
int inspect_respondent_get(struct db *db, long long id, struct inspect_respondent *out, struct err *e);
void inspect_respondent_free(struct inspect_respondent *r);
/* The campaign by id. */
int inspect_campaign_by_id(struct db *db, long long id, struct inspect_campaign *out, struct err *e);
/* Starts bulk journaling unless the caller already did; *began says whether
 * inspect_bulk_end must end it. */
void inspect_bulk_begin(struct tx *tx, int *began);
int inspect_bulk_end(struct tx *tx, int began, struct err *e);
/* Marks the respondent's link used (when there is one); plain statement. */
int inspect_link_use(struct tx *tx, long long respondent_id, struct err *e);

#endif
