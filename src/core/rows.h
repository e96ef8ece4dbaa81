/*
 * rows.h — small helpers for reading result columns into owned C strings
 * and for running one-row writes, shared by the core modules.
 */
#ifndef MAMORI_ROWS_H
#define MAMORI_ROWS_H

#include "store/db.h"

/* A copy of a text column, or NULL for SQL NULL. */
char *col_dup(struct db_stmt *st, int idx);
/* 0 for SQL NULL. */
long long col_id(struct db_stmt *st, int idx);
/* Binds a text that may be NULL or "" (both stored as NULL). */
void bind_opt_text(struct db_stmt *st, int idx, const char *s);
/* Binds an id that is 0 for "none" as NULL. */
void bind_opt_id(struct db_stmt *st, int idx, long long id);
/* Steps a statement that must finish without rows; returns 0 or the error. */
int step_done(struct db_stmt *st, struct err *e);
/* Steps an INSERT … RETURNING id; stores the id. */
int step_returning_id(struct db_stmt *st, long long *id, struct err *e);

#endif
