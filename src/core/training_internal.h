/*
 * training_internal.h — what the training modules share between them and
 * not with the rest of mamori: the attendance row writer, the pass rule and
 * how a person's 課 is found.
 */
#ifndef MAMORI_TRAINING_INTERNAL_H
#define MAMORI_TRAINING_INTERNAL_H

#include "core/org.h"
#include "core/training.h"

/* Reads a row in ATTEND_COLUMNS order (training_session.c). */
void training_read_attendance(struct db_stmt *st, void *elem);
/* Writes (insert or overwrite by id) and journals one attendance row. */
int training_put_attendance(struct tx *tx, const struct training_attendance *a, int insert, struct err *e);
/* Sets a->has_passed/passed: by the course's pass mark when it has one and
 * a score was given, else from passed_hint (-1 unknown, 0 fail, 1 pass). */
void training_decide_pass(const struct training_course *c, struct training_attendance *a, int passed_hint);
/* The 課室 a unit belongs to (itself, or the 課室 above a 係); the unit
 * itself when no 課室 is above it. */
long long training_section_of(const struct org_units *units, long long unit_id);

#endif
