/*
 * incident_notice_table.c — who must be told of an incident, and by when,
 * as data (incident.h, docs/incidents.md).
 *
 * Internal chain of 5.3(1): the reporter's 情報セキュリティ管理者 and the
 * 統一的な窓口 (CSIRT) first; then 統括情報セキュリティ責任者 and the
 * 情報システム管理者 of an affected system; then the CISO and the 部局's
 * 情報セキュリティ責任者.  External parties follow the commentary's 図表13/14
 * (都道府県, 総務省 and NISC for every cyber-attack case, suspected ones
 * included; J-LIS through 総務省 as needed) and 5.3(2)/(3) (police for
 * crimes, publication when personal data leaked or the impact is large).
 * Hours count from the detection time.  A rule applies when all its "when"
 * conditions hold (or any one of them, with any_of); stage says whether it
 * applies from filing or only once CSIRT has confirmed an incident.
 */
#include <string.h>

#include "core/incident.h"

static const struct incident_notice_rule rules[] = {
	/* party, label, clause, stage, internal, role, min_sev, cyber, crime, personal, system, specific, any_of, hours, hours_high */
	{"manager", "情報セキュリティ管理者", "5.3.1.1", STAGE_FILED, 1, "manager", NULL, 0, 0, 0, 0, 0, 0, 1, 0},
	{"csirt", "統一的な窓口（CSIRT）", "5.3.1.1", STAGE_FILED, 1, "csirt_lead", NULL, 0, 0, 0, 0, 0, 0, 1, 0},
	{"chief_officer", "統括情報セキュリティ責任者", "5.3.1.2", STAGE_FILED, 1, "chief_officer", NULL, 0, 0, 0, 0, 0, 0, 2, 1},
	{"system_admin", "情報システム管理者", "5.3.1.2", STAGE_FILED, 1, "system_admin", NULL, 0, 0, 0, 1, 0, 0, 2, 1},
	{"ciso", "CISO", "5.3.3.2", STAGE_ASSESSED, 1, "ciso", NULL, 0, 0, 0, 0, 0, 0, 24, 2},
	{"officer", "情報セキュリティ責任者", "5.3.1.3", STAGE_ASSESSED, 1, "officer", NULL, 0, 0, 0, 0, 0, 0, 24, 4},
	{"prefecture", "都道府県", "1.9.5", STAGE_ASSESSED, 0, NULL, NULL, 1, 0, 1, 0, 0, 1, 24, 8},
	{"mic", "総務省", "1.9.5", STAGE_ASSESSED, 0, NULL, NULL, 1, 0, 1, 0, 0, 1, 24, 8},
	{"nisc", "NISC（内閣官房内閣サイバーセキュリティセンター）", "1.9.5", STAGE_ASSESSED, 0, NULL, NULL, 1, 0, 0, 0, 0, 0, 24, 8},
	{"jlis", "J-LIS（総務省経由）", "1.9.5", STAGE_ASSESSED, 0, NULL, NULL, 1, 0, 0, 0, 1, 0, 24, 0},
	{"police", "警察", "1.9.5", STAGE_ASSESSED, 0, NULL, NULL, 0, 1, 0, 0, 0, 0, 24, 0},
	{"press", "報道（公表の判断）", "1.9.6", STAGE_ASSESSED, 0, NULL, "high", 0, 0, 1, 0, 0, 1, 72, 48},
};

const struct incident_notice_rule *incident_notice_rules(size_t *n)
{
	*n = sizeof rules / sizeof rules[0];
	return rules;
}

const struct incident_notice_rule *incident_notice_rule_find(const char *party)
{
	for (size_t i = 0; party && i < sizeof rules / sizeof rules[0]; i++)
		if (strcmp(rules[i].party, party) == 0 || strcmp(rules[i].label, party) == 0)
			return &rules[i];
	return NULL;
}
