/*
 * fuzz_iptables.c — libFuzzer target for netmodel_import_iptables.
 *
 * The model is built in code and the promises of netmodel.h are checked by
 * fw_import_fuzz.h (shared with the other firewall importer's target).
 * Built and run as tests/fuzz/run.sh does (corpus: tests/fuzz/corpus/iptables).
 */
#include <stddef.h>
#include <stdint.h>

#include "fw_import_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fw_fuzz_one(netmodel_import_iptables, "fw1.rules", data, size);
}
