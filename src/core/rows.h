/*
 * rows.h — reading result columns into owned C strings, shared by the core
 * modules' loaders.  (Writes go through tx_put_row, store/tx.h.)
 */
#ifndef MAMORI_ROWS_H
#define MAMORI_ROWS_H

#include <stddef.h>

#include "store/db.h"

/* A copy of a text column, or NULL for SQL NULL. */
char *col_dup(struct db_stmt *st, int idx);
/* 0 for SQL NULL. */
long long col_id(struct db_stmt *st, int idx);
/*
 * Runs sql (no parameters) and appends one element of `size` bytes per row,
 * filled by read(); *v is grown as needed and *n counts the elements.  On
 * error the elements read so far stay in *v for the caller's free function.
 */
/*
 * The element of v[0..n) (each `size` bytes, ordered by the long long at
 * id_offset, as every loader orders them) whose id is `id`; NULL if none.
 */
const void *rows_by_id(const void *v, size_t n, size_t size, size_t id_offset, long long id);
int rows_load(struct db *db, const char *sql, size_t size, void (*read)(struct db_stmt *st, void *elem),
	      void **v, size_t *n, struct err *e);
/* The same for sql with one integer parameter (e.g. the owning record's id). */
int rows_load_for(struct db *db, const char *sql, long long param, size_t size,
		  void (*read)(struct db_stmt *st, void *elem), void **v, size_t *n, struct err *e);
/*
 * The loop under both: steps a prepared (and bound) st to its end, appending
 * one element per row as above, then finalizes st.  For loaders whose filter
 * decides the SQL and its parameters.  *v and *n must start empty.
 */
int rows_collect(struct db_stmt *st, size_t size, void (*read)(struct db_stmt *st, void *elem), void **v,
		 size_t *n, struct err *e);

#endif
