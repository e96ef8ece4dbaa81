/*
 * check.c — the rule engine: load a snapshot, run every rule in the table.
 * The rules themselves are in rules_org.c (chapter 1), and later chapters
 * add files of their own.
 */
#include "core/check.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/timeutil.h"

void finding_add(struct findings *out, const struct rule *r, enum severity sev,
		 const char *subject, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
	struct finding *f = &out->v[out->n++];
	f->rule = r->id;
	f->control = r->control;
	f->severity = sev;
	f->subject = xstrdup(subject);
	f->message = buf_take(&msg);
}

void findings_free(struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].subject);
		free(f->v[i].message);
	}
	free(f->v);
	memset(f, 0, sizeof *f);
}

int check_ctx_load(struct db *db, struct check_ctx *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->db = db;
	time_today(c->today);
	if (org_units_load(db, &c->units, e) || staff_load(db, "", &c->staff, e) ||
	    infosys_load(db, &c->systems, e) || role_load(db, 1, &c->roles, e)) {
		check_ctx_free(c);
		return e->code;
	}
	return 0;
}

void check_ctx_free(struct check_ctx *c)
{
	org_units_free(&c->units);
	staff_list_free(&c->staff);
	infosys_free(&c->systems);
	role_assignments_free(&c->roles);
}

const struct staff *check_staff_by_id(const struct check_ctx *c, long long id)
{
	/* staff_load orders by id */
	size_t lo = 0, hi = c->staff.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->staff.v[mid].id == id)
			return &c->staff.v[mid];
		if (c->staff.v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int check_run(struct db *db, struct findings *out, struct err *e)
{
	struct check_ctx c;
	memset(out, 0, sizeof *out);
	if (check_ctx_load(db, &c, e))
		return e->code;
	for (size_t i = 0; i < check_nrules; i++)
		check_rules[i].run(&c, &check_rules[i], out);
	check_ctx_free(&c);
	return 0;
}
