/*
 * profile.h — the municipality's own choices that turn the guideline into
 * its policy: how it calls itself (本市, 本町 …), which post holds each role
 * (副市長 → CISO …), which 推奨事項 it adopts, its network model (α/β/β′)
 * and the figures the guideline leaves open (log retention, password
 * length, lockout, backup interval, the 指定する時間 of 可用性2 …).
 *
 * Stored as one row (table profile, id 1) whose settings column is the
 * canonical JSON of every effective value; each change bumps `version` and
 * is journaled like any other write (docs/profile.md).  A database that
 * never changed its profile reads as version 0 with the defaults of its
 * kind of municipality.
 */
#ifndef MAMORI_PROFILE_H
#define MAMORI_PROFILE_H

#include <stddef.h>

#include "core/catalog.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"

struct tx;

/* A figure the guideline leaves to the municipality; all are integers. */
struct profile_param {
	const char *key;    /* "password_min_length" */
	const char *label;  /* "パスワードの最小文字数" */
	const char *unit;   /* "文字" */
	long long min, max, def;
	const char *clause; /* the clause whose policy text names it */
};
extern const struct profile_param profile_params[];
extern const size_t profile_nparams;

/* The roles a post is named for (a subset of vocab_role, in that order). */
extern const char *const profile_post_roles[];
extern const size_t profile_npost_roles;

/* Network models of guideline 3(3)③ (三層の対策). */
extern const char *const profile_models[];      /* "alpha", "beta", "beta_prime" */
extern const char *const profile_model_labels[]; /* "αモデル", … */
extern const size_t profile_nmodels;

struct profile {
	long long version;      /* 0 = never changed */
	char *name;             /* 団体名, from the municipality row */
	char *kind;             /* vocab_municipality_kind id */
	char *self;             /* 本市 / 本町 / 本村 / 本区 / 本県 … */
	char **posts;           /* per profile_post_roles; "" = the role is not set up */
	size_t model;           /* index into profile_models */
	int public_incident_report; /* 1: the public reporting page /report is open (5.3(2)) */
	char *smtp_relay;       /* "host[:port]" of the SMTP relay; "" = mamori sends no mail */
	char *mail_from;        /* the sender address of mamori's mail; "" until set */
	char *base_url;         /* where people reach mamori ("https://host[/path]"), for links in mail; "" until set */
	long long *params;      /* per profile_params */
	char **adopted;         /* adopted 推奨事項, sorted by clause id */
	size_t nadopted;
};

/* Reads the profile (defaults for the municipality's kind if never set). */
int profile_load(struct db *db, struct profile *p, struct err *e);
/* The stored settings plus who the municipality is, as one JSON object with
 * sorted keys (`profile show --format json`, /api/v1/profile). */
void profile_json(const struct profile *p, struct buf *out);
void profile_free(struct profile *p);
/* Stores p as the next version (p->version is bumped) under journal kind `kind`. */
int profile_save(struct tx *tx, struct profile *p, const char *kind, struct err *e);

/*
 * Changes one setting.  Keys: "post.<role>" (any text; "" = not set up),
 * "model" (alpha|beta|beta_prime or αモデル…), "public_incident_report"
 * (yes|no, or はい|いいえ), "smtp_relay" (host[:port] or ""), "mail_from"
 * (an address or ""), "base_url" (http(s)://host[:port][/path] or ""), or a profile_params key
 * (an integer within its range).  Errors name the key and the allowed values.
 */
int profile_set(struct profile *p, const char *key, const char *value, struct err *e);
/* Adopts (adopt=1) or drops a 推奨事項; the id must be a recommended clause. */
int profile_adopt(struct profile *p, const struct catalog *cat, const char *id, int adopt,
		  struct err *e);
int profile_is_adopted(const struct profile *p, const char *id);
/* Whether a clause applies: every must/desirable clause, adopted 推奨事項 only. */
int profile_applies(const struct profile *p, const struct catalog_entry *en);

const char *profile_post(const struct profile *p, const char *role);
/* The profile's base_url (malloc'd), or NULL when it is not set or cannot be read. */
char *profile_base_url(struct db *db);
long long profile_param(const struct profile *p, const char *key);
const struct profile_param *profile_param_def(const char *key);
/* The canonical JSON of the settings (what is stored). */
void profile_settings_json(const struct profile *p, struct buf *b);

#endif
