#!/bin/bash
# `mamori check` on a scaled municipality: 5,000 staff, 50,000 assets, 300
# systems and 20,000 permission requests, beside the time to read the same
# tables with one plain SELECT each (sqlite3 shell, output discarded).
# Called by bench/run.sh with $M (the binary), $W (scratch dir), $RUNS and
# best_of / ratio defined; runs alone too: M=build/mamori W=/tmp/x bench/check.sh
set -euo pipefail
. bench/lib.sh

DB=$W/scaled.db
rm -f "$DB" "$DB.key"
"$M" --db "$DB" init --name 規模試験市 --kind 市 >/dev/null
# Written with SQL straight into the tables: `check` reads tables, not the
# journal, and building 75,000 rows through the CLI would take minutes.
sqlite3 "$DB" <<'SQL'
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
INSERT INTO org_unit(id, code, name, kind, parent_id, opened_on)
SELECT i, printf('B%02d', i), printf('第%d部', i), 'bureau', NULL, '2000-04-01' FROM n;
-- sections 21..220, ten per bureau
WITH RECURSIVE n(i) AS (SELECT 21 UNION ALL SELECT i + 1 FROM n WHERE i < 220)
INSERT INTO org_unit(id, code, name, kind, parent_id, opened_on)
SELECT i, printf('S%03d', i), printf('第%d部第%d課', (i - 21) / 10 + 1, (i - 21) % 10 + 1), 'section',
       (i - 21) / 10 + 1, '2000-04-01' FROM n;
-- 5,000 staff in the sections; unit of staff s is 21 + s % 200
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO staff(id, staff_no, name, kana, unit_id, employment, started_on, unit_since, left_on)
SELECT i, printf('%06d', i), printf('職員%d', i), NULL, 21 + i % 200,
       CASE WHEN i % 5 = 0 THEN 'fiscal_year' ELSE 'regular' END, '2010-04-01', '2020-04-01',
       CASE WHEN i % 97 = 0 THEN '2025-03-31' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO info_system(id, code, name, unit_id, zone)
SELECT i, printf('SYS%03d', i), printf('業務システム%d', i), 21 + i % 200,
       CASE i % 3 WHEN 0 THEN 'mynumber' WHEN 1 THEN 'lgwan' ELSE 'internet' END FROM n;
INSERT INTO role_assignment(id, staff_id, role, started_on) VALUES
 (1, 1, 'ciso', '2025-04-01'), (2, 2, 'chief_officer', '2025-04-01'), (3, 1, 'committee', '2025-04-01'),
 (4, 3, 'csirt_lead', '2025-04-01'), (5, 4, 'csirt', '2025-04-01'), (6, 5, 'audit_lead', '2025-04-01');
-- an 情報セキュリティ責任者 per bureau, a 管理者 per section, an admin per system
WITH RECURSIVE n(b) AS (SELECT 1 UNION ALL SELECT b + 1 FROM n WHERE b < 20)
INSERT INTO role_assignment(id, staff_id, role, unit_id, started_on)
SELECT 100 + b, (b - 1) * 10 + 200, 'officer', b, '2025-04-01' FROM n;
WITH RECURSIVE n(u) AS (SELECT 21 UNION ALL SELECT u + 1 FROM n WHERE u < 220)
INSERT INTO role_assignment(id, staff_id, role, unit_id, started_on)
SELECT 200 + u, u - 21 + 400, 'manager', u, '2025-04-01' FROM n;
WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 300)
INSERT INTO role_assignment(id, staff_id, role, system_id, started_on)
SELECT 1000 + k, k % 200 + 600, 'system_admin', k, '2025-04-01' FROM n;
INSERT INTO storage_location(id, code, name, lockable, fireproof, offsite) VALUES
 (1, 'L1', 'サーバ室', 1, 1, 0), (2, 'L2', '書庫', 1, 1, 0), (3, 'L3', '執務室キャビネット', 1, 0, 0),
 (4, 'L4', '遠隔地保管庫', 1, 1, 1);
-- 50,000 assets; every 50th a copy of the one before, every 40th held on a medium
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO asset(id, asset_no, name, type, unit_id, manager_id, scope, location, medium, system_id,
                  zone, confidentiality, integrity, availability, personal, retention, origin,
                  source_id, container_id, state)
SELECT i, printf('A%06d', i), printf('資産%d', i),
       CASE i % 4 WHEN 0 THEN 'media' WHEN 1 THEN 'information' WHEN 2 THEN 'document' ELSE 'system' END,
       21 + i % 200, i % 200 + 400, '所管課',
       CASE i % 4 WHEN 0 THEN 'サーバ室' WHEN 1 THEN '書庫' WHEN 2 THEN '執務室キャビネット' ELSE '遠隔地保管庫' END,
       CASE i % 3 WHEN 0 THEN 'electronic' WHEN 1 THEN 'paper' ELSE 'external' END,
       CASE WHEN i % 4 = 3 THEN i % 300 + 1 END,
       CASE i % 3 WHEN 0 THEN 'mynumber' WHEN 1 THEN 'lgwan' ELSE 'internet' END,
       1 + i % 3, 1 + i % 2, 1 + (i / 2) % 2, 'none', '5年',
       CASE WHEN i % 7 = 0 THEN 'external' ELSE 'internal' END,
       CASE WHEN i % 50 = 0 THEN i - 1 END, CASE WHEN i % 40 = 1 AND i > 40 THEN i - 1 END,
       CASE WHEN i % 11 = 0 THEN 'stored' ELSE 'in_use' END FROM n;
-- 20,000 requests over the 14 types, a decision for every one not still filed
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000),
t(k, type, on_asset) AS (VALUES (0, 'takeout', 1), (1, 'offsite_processing', 1), (2, 'byod', 1),
  (3, 'transport', 1), (4, 'provide', 1), (5, 'disposal', 1), (6, 'software', 0),
  (7, 'device_change', 0), (8, 'network_connect', 2), (9, 'external_network', 0),
  (10, 'remote_access', 0), (11, 'offsite_install', 0), (12, 'info_exchange', 0),
  (13, 'privilege_proxy', 0))
INSERT INTO request(id, request_no, type, requester_id, unit_id, asset_id, system_id, state, fields,
                    filed_at, valid_until, due_on, done_at, returned_at)
SELECT i, printf('R%06d', i), t.type, 1000 + i % 4000, 21 + (1000 + i % 4000) % 200,
       CASE WHEN t.on_asset = 1 THEN 1 + (i * 7) % 50000 END,
       CASE WHEN t.on_asset = 0 THEN 1 + i % 300 END,
       CASE i % 5 WHEN 0 THEN 'filed' WHEN 1 THEN 'approved' WHEN 2 THEN 'done' WHEN 3 THEN 'returned' ELSE 'rejected' END,
       '{}', '2026-04-01T09:00:00Z', '2026-07-01', CASE WHEN t.type = 'takeout' THEN '2026-05-01' END,
       CASE WHEN i % 5 IN (2, 3) THEN '2026-04-02T09:00:00Z' END,
       CASE WHEN i % 5 = 3 THEN '2026-04-03T09:00:00Z' END
FROM n JOIN t ON t.k = i % 14;
INSERT INTO request_decision(id, request_id, role, decided_by, decision, at)
SELECT id, id, 'manager', (unit_id - 21) + 400, CASE WHEN state = 'rejected' THEN 'rejected' ELSE 'approved' END,
       '2026-04-01T10:00:00Z' FROM request WHERE state <> 'filed';
COMMIT;
SQL

check_once() { "$M" --db "$DB" --format json check; }
select_once() {
	sqlite3 "$DB" "SELECT * FROM municipality; SELECT * FROM profile; SELECT * FROM org_unit;
		SELECT * FROM staff; SELECT * FROM info_system; SELECT * FROM role_assignment;
		SELECT * FROM classification_level; SELECT * FROM asset; SELECT * FROM storage_location;
		SELECT * FROM request; SELECT * FROM request_decision;"
}
findings=$(check_once 2>/dev/null | grep -o '"rule":' | wc -l || true)
t_check=$(best_of check_once)
t_select=$(best_of select_once)
echo "check, 5,000 staff / 50,000 assets / 300 systems / 20,000 requests ($findings findings):"
echo "  mamori check:            ${t_check} s   (target ≤ 1 s)"
echo "  one SELECT per table:    ${t_select} s   → $(ratio "$t_check" "$t_select")×"
