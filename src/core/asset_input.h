/*
 * asset_input.h — one asset's fields as a person types them (a CLI option,
 * a web form, an API call): 課 by code or name, 管理者 by 職員番号, levels
 * by label, システム by code, 複製元 and 格納媒体 by 資産番号.
 *
 * Every front end that adds or edits one asset turns its text into a
 * struct asset here, so they all accept and refuse exactly the same things.
 * Errors are collected per field (a form shows each beside its input);
 * the first one is also left in the struct err.
 */
#ifndef MAMORI_ASSET_INPUT_H
#define MAMORI_ASSET_INPUT_H

#include "core/asset.h"

enum asset_input_field {
	AI_NO, AI_NAME, AI_TYPE, AI_UNIT, AI_MANAGER, AI_SCOPE, AI_LOCATION, AI_MEDIUM, AI_SYSTEM,
	AI_ZONE, AI_C, AI_I, AI_A, AI_PERSONAL, AI_RETENTION, AI_ORIGIN, AI_SOURCE, AI_CONTAINER,
	AI_STATE, AI_NOTE, NASSET_INPUT
};

/* Field ids as the CLI options, form fields and API parameters spell them. */
extern const char *const asset_input_names[NASSET_INPUT];
/* The Japanese column names (those of the import template). */
extern const char *const asset_input_labels[NASSET_INPUT];

/* NULL = not given: an edit keeps the stored value; "" clears it. */
struct asset_input {
	const char *v[NASSET_INPUT];
};

struct asset_input_error {
	enum asset_input_field field;
	char *message;
};

struct asset_input_errors {
	size_t n;
	struct asset_input_error v[NASSET_INPUT];
};

/*
 * Applies the given fields over *a (zeroed for a new asset) and validates the
 * result with asset_validate.  Reads units, staff, systems and assets
 * through db; s is the classification scheme.  Returns 0, or ERR_INPUT with
 * errs filled (one entry per bad field), or another code for a database
 * error.  The 資産番号 of a stored asset is never changed here.
 */
int asset_input_apply(struct db *db, const struct class_scheme *s, const struct asset_input *in,
		      struct asset *a, struct asset_input_errors *errs, struct err *e);
void asset_input_errors_free(struct asset_input_errors *errs);
/* The entry for field f, or NULL. */
const char *asset_input_error_of(const struct asset_input_errors *errs,
				 enum asset_input_field f);
/*
 * The reverse: each field of a stored asset as it would be typed (unit code,
 * 職員番号, level label, vocabulary id …), so an edit form starts from the
 * stored values.  out[i] are allocated (never NULL); free with
 * asset_input_texts_free.
 */
int asset_input_texts(struct db *db, const struct class_scheme *s, const struct asset *a,
		      char *out[NASSET_INPUT], struct err *e);
void asset_input_texts_free(char *out[NASSET_INPUT]);
/* The field whose Japanese name asset_validate reported; -1 when unknown. */
int asset_input_field_of_label(const char *label);

#endif
