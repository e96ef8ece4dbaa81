# `mamori catalog export --format oscal`: an OSCAL 1.1 catalog that NIST's
# published catalog JSON schema (tests/oscal/oscal_catalog_schema.json, OSCAL
# v1.1.3) accepts, every clause exactly once, strengths and roles carried,
# byte-identical reruns; and a validator that really rejects broken copies.
# The catalog needs no database: these run the same on every backend.

OSCAL="$ROOT/tests/oscal"

# Installs ajv once (tests/oscal/setup.sh is a no-op when up to date).
oscal_setup() { "$OSCAL/setup.sh"; }
oscal_validate() { node "$OSCAL/validate.js" "$OSCAL/oscal_catalog_schema.json" "$1"; }
oscal_tool() { node "$OSCAL/oscal-tool.js" "$@"; }
oscal_export() { m catalog export --format oscal >"$1"; }

t_oscal_export_validates_against_nist_schema() {
	oscal_setup
	oscal_export "$T/cat.json"
	expect_exit 0 oscal_validate "$T/cat.json"
	assert_contains "$T/out" "valid"
	# the schema is NIST's 1.1.3 release, and the document says so
	assert_contains "$OSCAL/oscal_catalog_schema.json" '"http://csrc.nist.gov/ns/oscal/1.1.3/oscal-catalog-schema.json"'
	assert_contains "$T/cat.json" '"oscal-version":"1.1.3"'
	# --format before the command word works the same
	m --format oscal catalog export >"$T/cat2.json"
	cmp -s "$T/cat.json" "$T/cat2.json" || fail "--format oscal before 'catalog' differs"
}

t_oscal_every_clause_is_one_control() {
	oscal_setup
	oscal_export "$T/cat.json"
	oscal_tool controls "$T/cat.json" >"$T/controls"
	m catalog export | grep -o '{"id":"[^"]*"' | cut -d'"' -f4 >"$T/ids"
	[ "$(wc -l <"$T/ids")" -ge 400 ] || fail "only $(wc -l <"$T/ids") clauses"
	# exactly once each, in document order, and nothing else
	assert_eq "$(cut -f2 "$T/controls" | tr '\n' ' ')" "$(tr '\n' ' ' <"$T/ids")"
	# ids of groups, controls and parts unique in the document (OSCAL's rule,
	# which the JSON schema cannot express)
	oscal_tool ids "$T/cat.json" >"$T/all-ids"
	[ "$(wc -l <"$T/all-ids")" -gt "$(wc -l <"$T/ids")" ] || fail "too few ids"
	assert_eq "$(sort "$T/all-ids" | uniq -d | head -3)" ""
	# the id mapping of docs/catalog.md: c + clause id, p for the 基本方針
	grep -qx 'c2.2.8.2	2.2.8.2	must	2(2)⑧(イ)' "$T/controls" || fail "c2.2.8.2 not mapped"
	grep -q '^p6.3	P6.3	' "$T/controls" || fail "p6.3 not mapped"
	grep -q '^c6.2.1.3.4	6.2.1.3.4	' "$T/controls" || fail "c6.2.1.3.4 not mapped"
}

t_oscal_carries_strength_roles_and_questions() {
	oscal_setup
	oscal_export "$T/cat.json"
	oscal_tool controls "$T/cat.json" | awk -F'\t' '$3 == "recommended" {print $2}' | sort >"$T/rec"
	sort "$ROOT/tests/fixtures/catalog/recommended-ids.txt" >"$T/want"
	assert_eq "$(diff "$T/want" "$T/rec" | head -5)" ""
	oscal_tool props "$T/cat.json" c2.2.8.2 >"$T/props"
	assert_contains "$T/props" "holds	staff"
	assert_contains "$T/props" "permits	manager"
	assert_contains "$T/props" "matrix	true"
	assert_contains "$T/props" "condition	機密性2以上"
	# statement and self-inspection questions, roles defined in the metadata
	assert_contains "$T/cat.json" '"id":"c2.2.8.2_smt","name":"statement"'
	assert_contains "$T/cat.json" '"id":"c2.2.8.2_asm-manager","name":"assessment-method"'
	assert_contains "$T/cat.json" '{"id":"system_admin","title":"情報システム管理者"}'
	# every control cites the guideline through a link that resolves in back-matter
	local src n
	n=$(oscal_tool controls "$T/cat.json" | wc -l)
	src=$(grep -o '"back-matter":{"resources":\[{"uuid":"[^"]*"' "$T/cat.json" | cut -d'"' -f8)
	[ -n "$src" ] || fail "no guideline resource"
	assert_eq "$(grep -o '"href":"#[^"]*"' "$T/cat.json" | sort | uniq -c | awk '{print $1, $2}')" \
		"$((n + 1)) \"href\":\"#$src\"" # each control's, and the metadata's
}

t_oscal_export_is_byte_identical() {
	oscal_export "$T/a.json"
	sleep 1 # a clock in the output would show now
	oscal_export "$T/b.json"
	cmp "$T/a.json" "$T/b.json" || fail "two exports differ"
	# name-based UUIDs of the version 5 form the schema demands
	grep -Eq '"uuid":"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"' "$T/a.json" ||
		fail "no version 5 uuid"
	assert_contains "$T/a.json" '"last-modified":"2020-12-01T00:00:00+09:00"'
}

t_oscal_validator_rejects_broken_copies() {
	oscal_setup
	oscal_export "$T/cat.json"
	local kind
	for kind in bad-id no-title bad-uuid bad-time uri extra empty-value; do
		oscal_tool break "$kind" "$T/cat.json" "$T/broken-$kind.json"
		expect_exit 1 oscal_validate "$T/broken-$kind.json" || fail "broken copy '$kind' accepted"
		assert_contains "$T/err" "INVALID"
	done
	# the uri copy still matches the schema's pattern: only the format check catches it
	oscal_validate "$T/broken-uri.json" 2>"$T/err" || true
	assert_contains "$T/err" 'must match format "uri"'
	# and the untouched export still passes, so the failures are the edits
	expect_exit 0 oscal_validate "$T/cat.json"
}

t_oscal_list_and_show_refuse_oscal() {
	expect_exit 2 m catalog list --format oscal
	assert_contains "$T/err" "--format oscal は catalog export 専用です"
	expect_exit 2 m --format oscal catalog show 2.2.8.2
	assert_contains "$T/err" "catalog show: --format oscal"
	[ ! -s "$T/out" ] || fail "catalog show wrote output on a usage error"
	# the other formats are unchanged
	m catalog export --format csv >"$T/c.csv"
	assert_eq "$(head -1 "$T/c.csv" | cut -d, -f1-3)" "id,ref,part"
	m catalog export >"$T/c.json"
	assert_eq "$(head -c 7 "$T/c.json")" '[{"id":'
	m --format json catalog list --chapter 9 >"$T/l.json"
	assert_contains "$T/l.json" '"clauses":['
	m catalog show 2.2.8.2 >"$T/show"
	assert_contains "$T/show" "自己点検"
}
