/*
 * response_plan.h — the 緊急時対応計画 (guideline 7.3): the four parts the
 * guideline requires (関係者の連絡先, 報告すべき事項, 対応措置, 再発防止措置),
 * the link to the 業務継続計画 and the date it was last reviewed.
 *
 * Every change keeps the old text: the plan is a list of versions (table
 * response_plan, one row per version, journaled as "plan.*").  A change makes
 * a new, unapproved version from the latest one; the CISO's 決裁 is recorded
 * on a version (plan_approve).  docs/response-plan.md describes it all.
 *
 * The 庁内 contacts are not stored: they are generated from the current role
 * holders (the 緊急連絡網 of contacts.h plus the CSIRT) whenever the plan is
 * shown, so they never go stale.  Only the contacts outside the municipality's
 * roles (都道府県, 警察, 委託事業者 …) are kept, as a JSON array.
 */
#ifndef MAMORI_RESPONSE_PLAN_H
#define MAMORI_RESPONSE_PLAN_H

#include <stddef.h>

#include "core/check.h"
#include "core/policy_doc.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"

struct tx;

struct plan_version {
	long long id, version;
	char *contacts;   /* canonical JSON array of plan_contact */
	char *reporting;  /* 報告すべき事項 */
	char *measures;   /* 対応措置 */
	char *prevention; /* 再発防止措置 */
	char *bcp;        /* 業務継続計画との関係, may be NULL */
	char *reviewed_on;
	long long approved_by; /* 0 = not approved */
	char *approved_at;
	char *created_at;
};

struct plan_versions {
	size_t n;
	struct plan_version *v; /* oldest first */
};

/* An external contact (stored). staff_no is set when the contact is a member
 * of staff (e.g. the 広報担当課's person); the check flags one who left. */
struct plan_contact {
	char *party, *person, *phone, *email, *note, *staff_no; /* never NULL ("" = none) */
};

struct plan_contacts {
	size_t n;
	struct plan_contact *v;
};

/* A generated 庁内 contact: a role and whoever holds it now (NULL = vacant). */
struct plan_internal {
	const char *role;  /* vocab_role id */
	const char *label; /* how the plan names the post */
	char *scope;       /* unit or system, "" for organisation-wide posts */
	const struct staff *person;
};

struct plan_internals {
	size_t n;
	struct plan_internal *v;
};

/* The fields `plan set` changes, with their Japanese names. */
extern const char *const plan_field_ids[];    /* reporting, measures, prevention, bcp */
extern const char *const plan_field_labels[];
extern const size_t plan_nfields;

int plan_versions_load(struct db *db, struct plan_versions *out, struct err *e);
void plan_versions_free(struct plan_versions *l);
const struct plan_version *plan_latest(const struct plan_versions *l);
const struct plan_version *plan_by_version(const struct plan_versions *l, long long version);

/* Parses a stored contacts column; ERR_INPUT when damaged. */
int plan_contacts_parse(const char *json, struct plan_contacts *out, struct err *e);
void plan_contacts_free(struct plan_contacts *l);

/* Version 1 from the template, in the profile's self-reference (本市 …).
 * *version receives 1.  ERR_INPUT when a plan exists already. */
int plan_init(struct tx *tx, long long *version, struct err *e);
/* A new version with one field replaced (field: a plan_field_ids id). */
int plan_set(struct tx *tx, const char *field, const char *text, long long *version, struct err *e);
/* A new version with one external contact added (party required). */
int plan_contact_add(struct tx *tx, const struct plan_contact *c, long long *version, struct err *e);
/* A new version whose external contacts are all of l (each checked like plan_contact_add). */
int plan_contacts_replace(struct tx *tx, const struct plan_contacts *l, long long *version, struct err *e);
/* A new version without the contact numbered `index` (1-based, as listed). */
int plan_contact_remove(struct tx *tx, long long index, long long *version, struct err *e);
/* A new version reviewed on `date` (any form date_parse reads; not in the future). */
int plan_review(struct tx *tx, const char *date, long long *version, struct err *e);
/* The CISO's 決裁 of the latest version `version`, as staff `staff_no`. */
int plan_approve(struct tx *tx, long long version, const char *staff_no, struct err *e);

/* The template of `plan init` (response_plan_template.c): a field's text
 * with self (本市 …) filled in (caller frees), and the external contacts
 * every municipality has to fill in, as the stored JSON array. */
char *plan_template_text(const char *field, const char *self);
void plan_template_contacts(struct buf *json);
/* Writes contacts as the canonical JSON array that is stored. */
void plan_contacts_json(const struct plan_contacts *l, struct buf *out);

/* The 庁内 contacts from the current role holders in c (which must outlive them). */
void plan_internals_build(const struct check_ctx *c, struct plan_internals *out);
void plan_internals_free(struct plan_internals *l);

/* Calls each(line, arg) for every non-empty line of a stored text (a
 * trailing CR dropped): the paragraphs of a part, in the document and on
 * the page alike. */
void plan_text_paragraphs(const char *text, void (*each)(const char *line, void *arg), void *arg);

/* The plan as a document (title from the profile; internal edition). */
int plan_document(const struct check_ctx *c, const struct plan_version *v, struct pdoc *out,
		  struct err *e);
/* The plan with its generated contacts as one JSON object. */
int plan_json(const struct check_ctx *c, const struct plan_version *v, struct buf *out, struct err *e);

#endif
