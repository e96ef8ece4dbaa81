#!/bin/bash
# Builds every libFuzzer target (tests/fuzz/fuzz_*.c) with clang, ASan and
# UBSan, then runs each over its seed corpus and for SECONDS more of random
# mutation.  New inputs go to a scratch directory, never into the repo.
# Usage: tests/fuzz/run.sh [SECONDS]   (default 60; `make test` uses 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH=${1:-60}
OUT=build/fuzz
mkdir -p "$OUT"
PKGS="sqlite3 libpq libsodium libcrypto libzip libxml-2.0 libutf8proc libcjson pangocairo liboath libmicrohttpd gmime-3.0 libqpdf libmagic"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined"
CFLAGS="-g -O1 -std=c17 -D_GNU_SOURCE -Isrc $SAN $(pkg-config --cflags $PKGS) $(pkg-config --cflags libclamav 2>/dev/null)"
LIBS="$(pkg-config --libs $PKGS) -lm -lpthread -ldl"
# The library once, instrumented for coverage; each target links against it.
rm -rf "$OUT/obj" && mkdir -p "$OUT/obj" # no stale objects of deleted sources
# shellcheck disable=SC2086
ls src/util/*.c src/store/*.c src/core/*.c src/tools/*.c | xargs -P "$(nproc)" -I{} sh -c \
	'clang '"$CFLAGS"' -fsanitize=fuzzer-no-link -c "$1" -o "'"$OUT"'/obj/$(echo "$1" | tr / _).o"' _ {}
# the embedded catalog (core/catalog.c refers to it)
make -s build/catalog_blob.S
clang -c build/catalog_blob.S -o "$OUT/obj/catalog_blob.o"
status=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	target=${name#fuzz_}
	# shellcheck disable=SC2086
	clang $CFLAGS -fsanitize=fuzzer "$src" "$OUT"/obj/*.o $LIBS -o "$OUT/$name"
	scratch=$(mktemp -d)
	seeds=tests/fuzz/corpus/$target
	[ -d "$seeds" ] || seeds=$(mktemp -d)
	if ! "$OUT/$name" -max_total_time="$SECONDS_EACH" -print_final_stats=1 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$OUT/$name-" "$scratch" "$seeds" >"$OUT/$name.log" 2>&1; then
		echo "fuzz $name: FAILED (see $OUT/$name.log)"; tail -40 "$OUT/$name.log"; status=1
	else
		echo "fuzz $name: ok ($(grep -Eo 'stat::number_of_executed_units: [0-9]+' "$OUT/$name.log" | grep -Eo '[0-9]+$' || echo '?') runs)"
	fi
	rm -rf "$scratch"
done
exit $status
