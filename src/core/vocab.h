/*
 * vocab.h — the fixed vocabularies of the domain: stable English ids stored
 * in the database (and used by the API), Japanese labels shown to people, and
 * the other spellings people type in spreadsheets.
 */
#ifndef MAMORI_VOCAB_H
#define MAMORI_VOCAB_H

struct vocab_entry {
	const char *id;
	const char *label;   /* Japanese, as shown */
	const char *aliases; /* other accepted spellings, '|'-separated, may be "" */
	int tier;            /* vocabulary-specific number (org unit tier, …) */
};

struct vocab {
	const char *what; /* Japanese name of the vocabulary, for messages */
	const struct vocab_entry *entries;
	int n;
};

extern const struct vocab vocab_municipality_kind;
extern const struct vocab vocab_unit_kind;
extern const struct vocab vocab_employment;
extern const struct vocab vocab_zone;
extern const struct vocab vocab_role;
extern const struct vocab vocab_asset_type;
extern const struct vocab vocab_medium;
extern const struct vocab vocab_personal;
extern const struct vocab vocab_origin;
extern const struct vocab vocab_asset_state;
extern const struct vocab vocab_dimension;

/* Finds by id, label or alias (NFKC- and space-insensitive); NULL if none. */
const struct vocab_entry *vocab_find(const struct vocab *v, const char *text);
/* Label for an id, or the id itself when unknown. */
const char *vocab_label(const struct vocab *v, const char *id);
/* "a、b、c" list of labels for error messages; caller frees. */
char *vocab_choices(const struct vocab *v);

/* Org unit tiers. */
enum { TIER_BUREAU = 1, TIER_SECTION = 2, TIER_TEAM = 3 };

/* Role scopes: what a role assignment of this role must name. */
enum role_scope { SCOPE_NONE = 0, SCOPE_BUREAU = 1, SCOPE_SECTION = 2, SCOPE_SYSTEM = 3 };
enum role_scope role_scope(const char *role_id);

#endif
