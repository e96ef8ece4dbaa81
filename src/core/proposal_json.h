/*
 * proposal_json.h — one ポリシー改定の提案 as the JSON object that both the
 * CLI (report proposal list/show --format json) and the API (docs/api.md)
 * write, with the Japanese labels of its source and state.
 */
#ifndef MAMORI_PROPOSAL_JSON_H
#define MAMORI_PROPOSAL_JSON_H

#include "core/proposal.h"

struct json_writer;

void proposal_json(struct json_writer *w, const struct proposal *p);

#endif
