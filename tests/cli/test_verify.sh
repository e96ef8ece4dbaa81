# The journal contract and `mamori verify`: each kind of tampering is found.

journaled_org() {
	small_org
	m staff add --no 100001 --name 山田太郎 --unit S1 >/dev/null
	m staff add --no 100002 --name 鈴木花子 --unit S2 >/dev/null
	m staff transfer 100001 --unit S3 --date 2026-04-01 >/dev/null
}

t_verify_intact() {
	journaled_org
	expect_exit 0 m verify
	assert_contains "$T/out" "改ざんはありません"
	expect_exit 0 m --format json verify
	assert_contains "$T/out" '"intact":true'
	assert_contains "$T/out" '"first_bad_seq":null'
}

# The hash follows the contract exactly; recompute it outside mamori.
t_journal_hash_contract() {
	journaled_org
	sql "SELECT prev || char(10) || seq || char(10) || at || char(10) || actor || char(10) || kind || char(10) || subject || char(10) || body || '|' || hash FROM journal ORDER BY seq" 2>/dev/null >"$T/rows" ||
		sql "SELECT prev || chr(10) || seq || chr(10) || at || chr(10) || actor || chr(10) || kind || chr(10) || subject || chr(10) || body || '|' || hash FROM journal ORDER BY seq" >"$T/rows"
	# rows may contain newlines inside bodies? bodies are canonical JSON: no raw newlines
	first_prev=$(sql "SELECT prev FROM journal WHERE seq = 1")
	assert_eq "$first_prev" "0000000000000000000000000000000000000000000000000000000000000000"
	n=0
	while IFS= read -r l1 && IFS= read -r l2 && IFS= read -r l3 && IFS= read -r l4 && IFS= read -r l5 && IFS= read -r l6 && IFS= read -r l7; do
		want=${l7##*|}
		body=${l7%|*}
		got=$(printf '%s\n%s\n%s\n%s\n%s\n%s\n%s' "$l1" "$l2" "$l3" "$l4" "$l5" "$l6" "$body" | sha256sum | cut -d' ' -f1)
		assert_eq "$got" "$want"
		n=$((n + 1))
	done <"$T/rows"
	[ "$n" -ge 8 ]
	at=$(sql "SELECT at FROM journal WHERE seq = 1")
	[[ "$at" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]]
	body=$(sql "SELECT body FROM journal WHERE subject LIKE 'staff/%' ORDER BY seq LIMIT 1")
	assert_eq "$body" '{"email":null,"employment":"regular","id":1,"kana":null,"left_on":null,"name":"山田太郎","phone":null,"staff_no":"100001","started_on":null,"unit_id":2,"unit_since":null}'
}

t_verify_finds_edited_body() {
	journaled_org
	sql "UPDATE journal SET body = replace(body, '山田太郎', '山田次郎') WHERE seq = 7"
	[ "$(sql "SELECT count(*) FROM journal WHERE body LIKE '%山田次郎%'")" = 1 ]
	expect_exit 1 m verify
	assert_contains "$T/out" "記録 seq 7"
	assert_contains "$T/out" "最初の不正な記録: seq 7"
	expect_exit 1 m --format json verify
	assert_contains "$T/out" '"first_bad_seq":7'
}

t_verify_finds_deleted_entry() {
	journaled_org
	sql "DELETE FROM journal WHERE seq = 5"
	expect_exit 1 m verify
	assert_contains "$T/out" "最初の不正な記録: seq 5"
}

t_verify_finds_reordered_entries() {
	journaled_org
	sql "UPDATE journal SET seq = -1 WHERE seq = 3; UPDATE journal SET seq = 3 WHERE seq = 4; UPDATE journal SET seq = 4 WHERE seq = -1"
	expect_exit 1 m verify
	assert_contains "$T/out" "最初の不正な記録: seq 3"
}

t_verify_finds_direct_table_edit() {
	journaled_org
	sql "UPDATE staff SET name = '偽名' WHERE staff_no = '100002'"
	expect_exit 1 m verify
	assert_contains "$T/out" "mamori を通さずに変更された"
	assert_contains "$T/out" "staff/2"
}

t_verify_finds_direct_insert_and_delete() {
	journaled_org
	sql "INSERT INTO org_unit(id, code, name, kind) VALUES (99, 'Z9', '幽霊課', 'bureau')"
	expect_exit 1 m verify
	assert_contains "$T/out" "org_unit/99 は記録にない行です"
	sql "DELETE FROM org_unit WHERE id = 99"
	sql "DELETE FROM staff WHERE staff_no = '100002'"
	expect_exit 1 m verify
	assert_contains "$T/out" "staff/2 が表にありません"
}

t_verify_finds_rewritten_chain_by_signature() {
	journaled_org
	# Truncate the tail: the last checkpoint names an entry that is gone.
	last=$(sql "SELECT max(seq) FROM journal")
	sql "DELETE FROM journal WHERE seq = $last"
	expect_exit 1 m verify
	assert_contains "$T/out" "末尾の記録の削除"
}

t_verify_finds_forged_checkpoint() {
	journaled_org
	sql "UPDATE checkpoint SET signature = CASE WHEN substr(signature, 1, 1) = '0' THEN '1' ELSE '0' END || substr(signature, 2) WHERE seq = (SELECT max(seq) FROM checkpoint)"
	expect_exit 1 m verify
	assert_contains "$T/out" "署名が正しくありません"
}

t_verify_needs_the_key() {
	journaled_org
	if [ "$BACKEND" = pg ]; then mv "$MAMORI_KEY" "$T/elsewhere.key"; else mv "$DB.key" "$T/elsewhere.key"; fi
	expect_exit 2 m verify
	assert_contains "$T/err" "署名鍵"
	expect_exit 0 m --key "$T/elsewhere.key" verify
}
