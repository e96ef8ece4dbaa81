#!/bin/bash
# netcheck: a network model of 10,000 hosts and 50,000 firewall rules (40
# segments, relays, mostly host-to-host rules; bench/netcheck_gen.py) checked
# by `mamori netcheck`, beside Python's json.load of the same file (the
# parse alone, as a floor to read the ratio against).  Target: ≤ 1 s.
# Called by bench/run.sh with $M, $W, $RUNS and best_of defined; runs alone
# too: M=build/mamori W=/tmp/x bench/netcheck.sh  (HOSTS and RULES may be set).
set -euo pipefail
. bench/lib.sh
HOSTS=${HOSTS:-10000}
RULES=${RULES:-50000}
export MAMORI_NOW=${MAMORI_NOW:-2026-06-01T00:00:00Z}
mkdir -p "$W/nc"
F=$W/nc/model.json
python3 bench/netcheck_gen.py "$HOSTS" "$RULES" "$F"
# the generated model is compliant: anything else means the bench is wrong
"$M" netcheck "$F" >/dev/null || { echo "netcheck: the generated model did not pass" >&2; exit 1; }
t_nc=$(best_of "$M" netcheck "$F" --format json)
t_py=$(best_of python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$F")
echo "netcheck, ${HOSTS} hosts and ${RULES} rules ($(($(wc -c <"$F") / 1024)) KiB of JSON):"
echo "  mamori netcheck          ${t_nc} s   (target ≤ 1 s)"
echo "  python3 json.load only   ${t_py} s   ratio $(ratio "$t_nc" "$t_py")×"
