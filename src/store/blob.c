/*
 * blob.c — the file store (blob.h).
 */
#include "store/blob.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "util/buf.h"
#include "util/sha256.h"

int blob_put(struct db *db, const unsigned char *data, size_t len, char hex[65], struct err *e)
{
	struct db_stmt *st;
	sha256_hex(data, len, hex);
	if (db_prepare(db, "SELECT size FROM file_blob WHERE sha256 = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, hex);
	enum db_step_result r = db_step(st, e);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (r == DB_ROW)
		return 0;
	size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = xrealloc(NULL, cap);
	sodium_bin2base64(b64, cap, data, len, sodium_base64_VARIANT_ORIGINAL);
	int rc = db_prepare(db, "INSERT INTO file_blob(sha256, size, data) VALUES(?, ?, ?)", &st, e);
	if (!rc) {
		db_bind_text(st, 1, hex);
		db_bind_int(st, 2, (long long)len);
		db_bind_text_ref(st, 3, b64);
		rc = db_step(st, e) == DB_ERROR ? e->code : 0;
		db_finalize(st);
	}
	free(b64);
	return rc;
}

/* Decodes and re-hashes one stored blob; why names the failure, or is NULL. */
static void decode(const char *hex, const char *b64, unsigned char **data, size_t *len, const char **why)
{
	size_t n = strlen(b64), cap = n / 4 * 3 + 3, got = 0;
	unsigned char *bin = xrealloc(NULL, cap ? cap : 1);
	char check[65];
	*why = NULL;
	if (sodium_base642bin(bin, cap, b64, n, "\r\n", &got, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
		*why = "保存されたデータを復号できません";
		free(bin);
		return;
	}
	sha256_hex(bin, got, check);
	if (strcmp(check, hex) != 0) {
		*why = "保存されたデータのハッシュが記録と一致しません";
		free(bin);
		return;
	}
	*data = bin;
	*len = got;
}

int blob_get(struct db *db, const char *hex, unsigned char **data, size_t *len, struct err *e)
{
	struct db_stmt *st;
	const char *why = "ファイルの保存データがありません";
	*data = NULL;
	*len = 0;
	if (db_prepare(db, "SELECT data FROM file_blob WHERE sha256 = ?", &st, e))
		return e->code;
	db_bind_text(st, 1, hex);
	enum db_step_result r = db_step(st, e);
	if (r == DB_ROW)
		decode(hex, db_column_text(st, 0) ? db_column_text(st, 0) : "", data, len, &why);
	db_finalize(st);
	if (r == DB_ERROR)
		return e->code;
	if (why)
		return err_set(e, ERR_TAMPER, "%s（SHA-256 %s）", why, hex);
	return 0;
}

/* The hashes are read first and checked after, so no statement stays open
 * while another runs on the same connection. */
int blob_check_all(struct db *db, const char *sql, void (*bad)(void *arg, const char *hex, const char *why),
		   void *arg, long long *checked, struct err *e)
{
	struct db_stmt *st;
	char **hashes = NULL;
	size_t n = 0;
	*checked = 0;
	if (db_prepare(db, sql, &st, e))
		return e->code;
	enum db_step_result r;
	while ((r = db_step(st, e)) == DB_ROW) {
		const char *hex = db_column_text(st, 0);
		if (!hex)
			continue;
		hashes = xrealloc(hashes, (n + 1) * sizeof *hashes);
		hashes[n++] = xstrdup(hex);
	}
	db_finalize(st);
	for (size_t i = 0; r != DB_ERROR && i < n; i++) {
		unsigned char *data;
		size_t len;
		struct err one = {0};
		(*checked)++;
		if (blob_get(db, hashes[i], &data, &len, &one))
			bad(arg, hashes[i], one.msg);
		else
			free(data);
	}
	for (size_t i = 0; i < n; i++)
		free(hashes[i]);
	free(hashes);
	return r == DB_ERROR ? e->code : 0;
}
