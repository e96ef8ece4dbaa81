/*
 * oscal_results.h — a self-inspection campaign or an audit as an OSCAL
 * 1.1.3 assessment-results document (JSON), for `mamori report oscal`
 * (docs/annual-report.md "OSCAL assessment results" has the mapping).
 *
 * Controls are the catalog's clause ids as the catalog export names them
 * (catalog_oscal_control_id: "c2.2.8.2", "p6.3"), and every uuid is a
 * name-based one made the catalog export's way (catalog_oscal_uuid), from
 * the campaign's or audit's number: the same data always gives the same
 * bytes.  tests/oscal validates the output against NIST's
 * assessment-results JSON schema.
 */
#ifndef MAMORI_OSCAL_RESULTS_H
#define MAMORI_OSCAL_RESULTS_H

#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"

#define OSCAL_RESULTS_VERSION "1.1.3"

/* The campaign "S2026-01" as assessment results: one observation per
 * clause asked (the counts of 実施 / 一部実施 / 未実施 / 該当なし among
 * submitted checklists) and a finding per clause with answers, satisfied
 * when every answer is 実施 or 該当なし.  ERR_INPUT for an unknown number. */
int oscal_results_campaign(struct db *db, const char *campaign_no, struct buf *out, struct err *e);
/* The audit "A2026-000001": an observation and a finding per audit item
 * with a result (適合 → satisfied, 不適合 → not-satisfied), its evidence
 * files by name and SHA-256, and each of the audit's findings (指摘) as an
 * observation and a not-satisfied finding.  ERR_INPUT for an unknown number. */
int oscal_results_audit(struct db *db, const char *audit_no, struct buf *out, struct err *e);

#endif
