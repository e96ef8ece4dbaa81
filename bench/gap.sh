#!/bin/bash
# policy gap on a 300-article policy, beside a baseline measured in the same
# run: reading the same document and the catalog without analysing them
# (`policy gap FILE --passages`, which reads and splits the document, plus
# `catalog export --format json`, which loads the embedded catalog).
# Environment: M = the mamori binary, W = a scratch directory, RUNS (default
# 3) = runs per timing, the best of which is printed.
# Called by bench/run.sh; runs on its own too: M=build/mamori W=/tmp bench/gap.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${M:?path of the mamori binary}" "${W:?scratch directory}"
RUNS=${RUNS:-3}

now() { date +%s.%N; }
best_of() {
	local best="" t0 t1 d
	for _ in $(seq "$RUNS"); do
		t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
		d=$(echo "$t1 - $t0" | bc -l)
		if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
	done
	printf '%.3f' "$best"
}

# The labelled 第N条 policy (基本方針 and 対策基準, 121 articles) three times
# over, renumbered 第1条 … 第300条 and cut there, so the splitter sees one long
# document, as a policy with its 実施手順 appended would be.
doc="$W/gap-300.txt"
cat tests/gap/set1.txt tests/gap/set1.txt tests/gap/set1.txt >"$W/gap-copies.txt"
LC_ALL=C awk '
	substr($0, 1, 3) == "第" && (p = index($0, "条")) > 0 && p < 40 {
		if (++n > 300) exit
		$0 = "第" n "条" substr($0, p + 3)
	}
	{ print }' "$W/gap-copies.txt" >"$doc"
articles=$(LC_ALL=C grep -c '^第[0-9]*条' "$doc")

both() { "$M" policy gap "$doc" --passages && "$M" --format json catalog export; }
base=$(best_of both)
gap=$(best_of "$M" --format json policy gap "$doc")
printf 'policy gap, %d-article policy: %s s (baseline: read and split the document and load the catalog, %s s, ratio %.1f×; target ≤ 1 s)\n' \
	"$articles" "$gap" "$base" "$(echo "$gap / $base" | bc -l)"
