#!/bin/bash
# Rates every labelled policy of tests/gap/sets.tsv with `mamori policy gap`
# and compares with its truth (<set>.truth.tsv), printing per set and overall:
#   missing: recall (truly missing rated missing / truly missing) and
#            precision (rated missing that are truly missing / rated missing);
#   gap:     the same for partial ∪ missing against covered;
#   accuracy: share of clauses whose status is exactly the truth.
# Usage: tests/gap/evaluate.sh [MAMORI]   (default build/mamori)
# With EVAL_COUNTS=1 it prints the raw counts instead, one line per set:
#   set n truly-missing rated-missing both truly-gap rated-gap both exact
# bash and awk only: CI machines have no Python.
set -euo pipefail
cd "$(dirname "$0")"
M=${1:-${MAMORI:-../../build/mamori}}
case "$M" in /*) ;; *) M="$PWD/$M" ;; esac
[ -x "$M" ] || M="$(cd ../.. && pwd)/${1:-build/mamori}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -n "${EVAL_COUNTS:-}" ] ||
	printf '%-8s %5s  %-17s %-17s %-17s %-17s %s\n' set n "missing recall" "missing prec." \
		"gap recall" "gap prec." accuracy
: >"$tmp/all"
while IFS=$'\t' read -r name file part; do
	case "$name" in '#'* | '') continue ;; esac
	args=()
	[ -n "$part" ] && args=(--part "$part")
	rc=0
	"$M" --format json policy gap "$file" "${args[@]}" >"$tmp/$name.json" 2>"$tmp/$name.err" || rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "$name: mamori failed (exit $rc):" >&2
		cat "$tmp/$name.err" >&2
		exit 2
	fi
	# "id":"…","score":…,"status":"…" — keys are sorted, evidence comes first
	grep -o '"id":"[^"]*","score":[0-9.]*,"status":"[a-z]*"' "$tmp/$name.json" |
		sed 's/"id":"\([^"]*\)","score":[0-9.]*,"status":"\([a-z]*\)"/\1\t\2/' >"$tmp/$name.got"
	awk -F'\t' -v set="$name" 'NR == FNR { truth[$1] = $2; next } { print set "\t" $1 "\t" truth[$1] "\t" $2 }' \
		"$name.truth.tsv" "$tmp/$name.got" >>"$tmp/all"
done <sets.tsv

awk -F'\t' '
function ratio(a, b) { return b ? sprintf("%.3f", a / b) : "-" }
function cell(a, b) { return sprintf("%-17s", ratio(a, b) " (" a "/" b ")") }
function line(k) {
	if (counts) {
		print k, n[k], tm[k], rm[k], mm[k], tg[k], rg[k], gg[k], ok[k]
		return
	}
	printf "%-8s %5d  %s %s %s %s %s\n", k, n[k], cell(mm[k], tm[k]), cell(mm[k], rm[k]),
		cell(gg[k], tg[k]), cell(gg[k], rg[k]), ratio(ok[k], n[k])
}
function count(k, truth, got) {
	n[k]++
	tm[k] += truth == "missing"; rm[k] += got == "missing"; mm[k] += truth == "missing" && got == "missing"
	tg[k] += truth != "covered"; rg[k] += got != "covered"; gg[k] += truth != "covered" && got != "covered"
	ok[k] += truth == got
}
$3 == "" { printf "%s: %s has no truth\n", $1, $2 > "/dev/stderr"; bad = 1; next }
{ if (!($1 in n)) order[++sets] = $1; count($1, $3, $4); count("overall", $3, $4) }
END {
	for (i = 1; i <= sets; i++) line(order[i])
	line("overall")
	exit bad
}' counts="${EVAL_COUNTS:-}" "$tmp/all"
