/*
 * contacts.h — the emergency contact tree (緊急連絡網, guideline 1.2.7):
 * CISO → 統括情報セキュリティ責任者 → 情報セキュリティ責任者 per 部局 →
 * 情報セキュリティ管理者 per 課室 → 情報システム管理者 per system →
 * 情報システム担当者.  A post nobody holds is listed as vacant, because in
 * an emergency the gap is what people need to see.
 */
#ifndef MAMORI_CONTACTS_H
#define MAMORI_CONTACTS_H

#include "core/check.h"

struct contact {
	int level;          /* 0 for the CISO, increasing downwards */
	const char *role;   /* role id */
	char *scope;        /* unit or system name, "" for organisation-wide roles */
	const struct staff *person; /* NULL when vacant */
	int parent;         /* index of the contact above, -1 for the top */
};

struct contact_tree {
	size_t n;
	struct contact *v;
};

/* Builds the tree from the active assignments in c (which must outlive it). */
void contacts_build(const struct check_ctx *c, struct contact_tree *out);
void contacts_free(struct contact_tree *t);

#endif
