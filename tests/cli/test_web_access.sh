# Every route of the web server with every kind of person, compared with the
# written table tests/cli/web_access.table.  The table must name every route
# `mamori serve --routes` lists, so a new route cannot be added without
# deciding, in writing, who may open it.
#
# People: anon (no session), staff (総務一郎, S1), manager (総務課長, S1),
# officer (総務部長, B1), audit (監査責任者), ciso (副市長).  Records:
# assets A1 (S1) and B1 (S3), requests 2026-000001 (by staff, for A1) and
# 2026-000002 (by the 税務課長, for B1), policy version 1 (not approved).
# POSTs carry the person's CSRF token and no other field, so a route that lets
# the person in answers with its own validation (400, 422, 409 …) and one that
# does not answers 401/403/404 or sends them to sign in.

webaccess_world() {
	web_org
	m staff add --no 4 --name 総務部長 --unit B1 >/dev/null
	m role assign officer 4 --unit B1 >/dev/null
	m staff add --no 6 --name 監査責任者 --unit S2 >/dev/null
	m role assign audit_lead 6 >/dev/null
	m asset add --no A1 --name 総務の資産 --type 情報 --unit S1 --manager 3 --c 2 --i 1 --a 1 >/dev/null
	m asset add --no B1 --name 税務の資産 --type 情報 --unit S3 --manager 2 --c 2 --i 1 --a 1 >/dev/null
	m --as 3 request new 持ち出し --asset A1 --field 品目=PC --field 数量=1 --field 目的=会議 \
		--field 場所=県庁 --field 返却予定日=2026-06-10 >/dev/null
	m --as 2 request new 持ち出し --asset B1 --field 品目=PC --field 数量=1 --field 目的=会議 \
		--field 場所=県庁 --field 返却予定日=2026-06-10 >/dev/null
	m policy render >/dev/null 2>&1
	# one incident, 例外措置 and violation in 総務 (S1), one incident in 税務 (S3)
	m --as 3 incident new --title 総務の事案 --category other --situation x >/dev/null
	m --as 2 incident new --title 税務の事案 --category other --situation y >/dev/null
	m --as 1 exception request --clause 6.2.4 --reason r --scope s --measures m --ends 2026-09-30 >/dev/null
	m --as 1 violation record --staff 3 --description x >/dev/null
	# 年次報告: one proposal R2026-01 of 令和8年度, filed by the CISO (9)
	m --as 9 report proposal add --clause 6.2.4 --proposal 持ち出しの記録を改める --reason r --source other >/dev/null
	# 監査: A2026-000001 of 税務課 (S3) and A2026-000002 of 総務課 (S1), both by the audit lead (6),
	# with a finding, an evidence file (id 1) and a corrective action C2026-000001 of 総務課 (owner: 総務課長 1)
	m --as 6 audit new --title 税務課の監査 --target unit --unit S3 --starts 2026-06-01 >/dev/null
	m --as 6 audit new --title 総務課の監査 --target unit --unit S1 --starts 2026-06-01 >/dev/null
	m --as 6 audit item add A2026-000002 5.4.3.3 >/dev/null
	printf 'a,b\n1,2\n' >"$T/wa-evidence.csv"
	m --as 6 audit evidence add A2026-000002 "$T/wa-evidence.csv" >/dev/null
	m --as 6 audit finding add A2026-000002 --clause 5.4.3.3 --severity minor --description x >/dev/null
	m --as 6 audit finding action A2026-000002-F01 --measure 直す --due 2026-12-31 >/dev/null
	# 研修・訓練: one course and one session held before the tests' date (the CISO manages training)
	m --as 9 training course add --code C01 --title 情報セキュリティ基礎 --audience all >/dev/null
	m --as 9 training session add --course C01 --date 2026-05-10 >/dev/null
	# 自己点検: an open campaign for 職員等 of 総務課 (S1): respondents 1 (manager) and 3 (staff)
	m --as 9 inspect create --title 自己点検 --opens 2026-06-01 --due 2026-06-30 --roles staff --clauses 2 --units S1 >/dev/null
	m --as 9 inspect open S2026-01 >/dev/null
	# ネットワーク構成: version 1 registered by the CISO (9); see tests/cli/test_netcheck_store.sh
	netweb_model "$T/wa-net.json" LGWAN系 bad
	m --as 9 netcheck register "$T/wa-net.json" >/dev/null
	pw1=$(web_account 1); pw3=$(web_account 3); pw4=$(web_account 4)
	pw6=$(web_account 6); pw9=$(web_account 9)
}

webaccess_people="anon staff manager officer audit ciso"

# The status one person gets: webaccess_status WHO METHOD PATH
webaccess_status() {
	local who=$1 method=$2 path=$3 csrf=""
	if [ "$method" = GET ]; then
		web_status "$who" "$path"
		return
	fi
	[ "$who" = anon ] || csrf=$(cat "$T/csrf.$who")
	web_status "$who" "$path" -X POST --data-urlencode "csrf=$csrf"
}

t_web_access_every_route() {
	webaccess_world
	web_start
	web_login staff 3 "$pw3" 'Staff-Password-2026x' >/dev/null
	web_login manager 1 "$pw1" 'Manager-Password-2026x' >/dev/null
	web_login officer 4 "$pw4" 'Officer-Password-2026x' >/dev/null
	web_signin_enrol audit 6 "$pw6" 'Kansa-Sekinin-Abcx'
	web_signin_enrol ciso 9 "$pw9" 'Ciso-Password-2026x'
	for who in staff manager officer audit ciso; do
		web_get "$who" / >"$T/dash.$who"
		web_csrf_of "$T/dash.$who" >"$T/csrf.$who"
		[ -s "$T/csrf.$who" ] || fail "$who is not signed in"
	done
	# every route of the server is in the table
	"$MAMORI" serve --routes | awk '{print $1, $2}' | sort -u >"$T/routes"
	grep -v '^#' "$ROOT/tests/cli/web_access.table" | awk 'NF {print $1, $2}' | sort -u >"$T/covered"
	missing=$(comm -23 "$T/routes" "$T/covered")
	[ -z "$missing" ] || fail "routes missing from web_access.table: $missing"
	# and every row gives what it says
	local method path pattern want got who st bad=0
	while read -r method pattern path want; do
		case "$method" in '#'* | '') continue ;; esac
		got=""
		for who in $webaccess_people; do
			st=$(webaccess_status "$who" "$method" "$path")
			got="$got ${st%% *}"
		done
		if [ "${got# }" != "$want" ]; then
			echo "  $method $path: got '${got# }', the table says '$want'" >&2
			bad=1
		fi
	done < <(sed 's/[[:space:]]\{2,\}/ /g; s/\t/ /g' "$ROOT/tests/cli/web_access.table" |
		awk '!/^#/ && NF {printf "%s %s %s", $1, $2, $3; for (i = 4; i <= NF; i++) printf " %s", $i; print ""}')
	[ "$bad" = 0 ] || fail "the server does not follow web_access.table"
	web_stop
}
