# bench/lib.sh — sourced by the bench scripts (from the repository root) for
# what they need when they run alone as well as under bench/run.sh: best_of
# and ratio (run.sh defines its own first, which then stay), and the build
# of a script's timing helper against the libmamori.a beside $M.
# Every script needs M (the mamori binary) and W (a scratch directory).

: "${M:?}" "${W:?}"
RUNS=${RUNS:-3}

if ! declare -F best_of >/dev/null; then
	# best_of CMD…: the shortest wall time of RUNS runs, in seconds
	best_of() {
		local best="" t0 t1 d
		for _ in $(seq "$RUNS"); do
			t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N)
			d=$(echo "$t1 - $t0" | bc -l)
			if [ -z "$best" ] || [ "$(echo "$d < $best" | bc -l)" = 1 ]; then best=$d; fi
		done
		printf '%.4f' "$best"
	}
fi
if ! declare -F ratio >/dev/null; then
	ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
fi

# bench_helper NAME: compiles bench/NAME_bench.c into $W/NAME_bench and sets
# HELPER to it.
bench_helper() {
	local build_dir pkgs
	build_dir=$(dirname "$M")
	pkgs="sqlite3 libpq libsodium libcrypto libzip libxml-2.0 libutf8proc libcjson pangocairo liboath gmime-3.0 libqpdf libmagic"
	HELPER=$W/$1_bench
	# shellcheck disable=SC2046,SC2086
	cc -O2 -std=c17 -D_GNU_SOURCE -Isrc $(pkg-config --cflags $pkgs) "bench/$1_bench.c" \
		"$build_dir/libmamori.a" $(pkg-config --libs $pkgs) -lpthread -lm -ldl -o "$HELPER"
}
