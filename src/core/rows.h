/*
 * rows.h — reading result columns into owned C strings, shared by the core
 * modules' loaders.  (Writes go through tx_put_row, store/tx.h.)
 */
#ifndef MAMORI_ROWS_H
#define MAMORI_ROWS_H

#include "store/db.h"

/* A copy of a text column, or NULL for SQL NULL. */
char *col_dup(struct db_stmt *st, int idx);
/* 0 for SQL NULL. */
long long col_id(struct db_stmt *st, int idx);
#endif
