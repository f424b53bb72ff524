#!/bin/sh
# A file of many cases has its records sealed by entries of their own,
# DB_SEAL_LATER_EVERY (256) cases at a time and at the commit, each
# record read back with its neighbours by ranges (db_audit_seal_later);
# a file of a few cases has each case sealed by its own entry. Either
# way every record is sealed once with the same hash, and a record the
# range reads without it being written is not sealed again.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check "bench/gencases is built" test -x "$TB_BENCHBIN/gencases"
# the same 300 cases in one file (read twice, not kept: over 256 KiB)
# and in ten files of 30
"$TB_BENCHBIN/gencases" --seed 3 --per-file 300 300 "$tmp/one" >/dev/null 2>&1
"$TB_BENCHBIN/gencases" --seed 3 --per-file 30 300 "$tmp/ten" >/dev/null 2>&1
check "the cases were generated: one file of 300, ten of 30" \
	test "$(ls "$tmp"/one/*.xml | wc -l)/$(ls "$tmp"/ten/*.xml | wc -l)" = 1/10
big=$(ls "$tmp"/one/*.xml)
check "  the one over 256 KiB" test "$(wc -c <"$big")" -gt 262144
boards="--board lung --board breast --board colorectal --board prostate --board melanoma --board general"
# new DB: an archive with its administrator
new() {
	# shellcheck disable=SC2086 # the options are words
	TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$1" user add "$(id -un)" \
		--name "Test Testsson" --title läkare \
		--role administrator,coordinator $boards >/dev/null
}
tb() {
	db=$1
	shift
	TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$db" "$@"
}
q() { sqlite3 "$1" "$2"; }
a=$tmp/a.db
b=$tmp/b.db
new "$a" && new "$b"
tb "$a" import "$big" >"$tmp/out" 2>&1
check "300 cases in one file imported" test "$(tb "$a" cases --count)" = 300
# shellcheck disable=SC2046 # the file names have no spaces
tb "$b" import $(ls "$tmp"/ten/*.xml) >"$tmp/out" 2>&1
check "  and in ten files" test "$(tb "$b" cases --count)" = 300
check "verify: the archive of one file is intact" tb "$a" verify
check "verify: the archive of ten files is intact" tb "$b" verify
check "one file: 300 entries of cases and two seal entries, after the 256th and at the end" \
	test "$(q "$a" "SELECT id || ':' || detail FROM audit WHERE action = 'seal' ORDER BY id" | tr '\n' ,)" \
	= "258:$(q "$a" "SELECT count(*) FROM audit_seal WHERE audit_id = 258") records sealed,303:$(q "$a" "SELECT count(*) FROM audit_seal WHERE audit_id = 303") records sealed,"
check "  the first seals 256 cases and their patients" \
	test "$(q "$a" "SELECT count(*) FROM audit_seal WHERE audit_id = 258 AND entity = 'case'")" = 256
check "  no entry of a case seals anything" \
	test "$(q "$a" "SELECT count(*) FROM audit_seal s JOIN audit e ON e.id = s.audit_id WHERE e.entity = 'case'")" = 0
check "ten files of 30: each case's entry seals it, no seal entry" \
	test "$(q "$b" "SELECT count(*) FROM audit WHERE action = 'seal'")/$(q "$b" "SELECT count(DISTINCT audit_id) FROM audit_seal WHERE entity = 'case'")" = 0/300
check "every case and patient sealed once" \
	test "$(q "$a" "SELECT count(*) FROM audit_seal WHERE entity IN ('case', 'patient')")" = "$(q "$a" "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM patient)")"
seals() { q "$1" "SELECT entity, entity_id, hash FROM audit_seal WHERE audit_id > ${2:-0} ORDER BY entity, entity_id"; }
seals "$a" >"$tmp/a.seals"
seals "$b" >"$tmp/b.seals"
check "  the records' hashes read by ranges are those read one by one" \
	cmp -s "$tmp/a.seals" "$tmp/b.seals"
check "  (and there are hashes: $(wc -l <"$tmp/a.seals"))" \
	test "$(wc -l <"$tmp/a.seals")" -gt 300

# Every other case of the first 80 again, every other of those changed
# (the question): the 40 are written again (each case's rows are
# replaced) and sealed; the range reads the cases between them, which
# were not written, and seals none of those.
awk 'BEGIN { n = -1 }
/^<case / { n++ }
n < 0 { print; next }
/^<\/cases>/ { print; next }
n < 80 && n % 2 == 1 {
	if (n % 4 == 1)
		sub(/<\/question>/, " Ny fråga.</question>")
	print
}' "$big" >"$tmp/odd.xml"
check "a file of 40 cases made, 20 changed" \
	test "$(grep -c '^<case ' "$tmp/odd.xml")/$(grep -c 'Ny fråga' "$tmp/odd.xml")" = 40/20
# the same 40 in two files of 20 (sealed each by its entry) for b
awk 'BEGIN { n = -1 } /^<case / { n++ } n < 20 || /^<\/cases>/' \
	"$tmp/odd.xml" >"$tmp/odd1.xml"
awk 'BEGIN { n = -1 } /^<case / { n++ } n < 0 || n >= 20 || /^<\/cases>/' \
	"$tmp/odd.xml" >"$tmp/odd2.xml"
check "  and the same in two files of 20" \
	test "$(grep -c '^<case ' "$tmp/odd1.xml")/$(grep -c '^<case ' "$tmp/odd2.xml")" = 20/20
head_a=$(q "$a" "SELECT max(id) FROM audit")
head_b=$(q "$b" "SELECT max(id) FROM audit")
tb "$a" import "$tmp/odd.xml" >"$tmp/out" 2>&1
check "40 cases again, in one file: 20 updated" grep -q "20 updated" "$tmp/out"
tb "$b" import "$tmp/odd1.xml" "$tmp/odd2.xml" >"$tmp/out" 2>&1
check "  in two files: 10 and 10 updated" \
	test "$(grep -c ": 0 new, 10 updated, 10 unchanged" "$tmp/out")" = 2
check "verify: both intact" sh -c '"$1" --db "$2" verify && "$1" --db "$3" verify' sh "$TB" "$a" "$b"
# the 20 unchanged are not written again (import: a case the archive
# holds as the file does), so not sealed again: their seal stands
check "one file: 20 entries of updates and one seal entry of their 20 records" \
	test "$(q "$a" "SELECT count(*) FROM audit WHERE id > $head_a AND action <> 'seal'")/$(q "$a" "SELECT detail FROM audit WHERE id > $head_a AND action = 'seal'" | tr '\n' ,)" \
	= "20/20 records sealed,"
q "$a" "SELECT c.external_id FROM audit_seal s JOIN cases c ON c.id = s.entity_id WHERE s.audit_id > $head_a AND s.entity = 'case' ORDER BY 1" >"$tmp/a.ids"
q "$b" "SELECT c.external_id FROM audit_seal s JOIN cases c ON c.id = s.entity_id WHERE s.audit_id > $head_b AND s.entity = 'case' ORDER BY 1" >"$tmp/b.ids"
awk 'BEGIN { n = -1 } /^<case / { n++; if (n % 4 == 1 && n < 80) { sub(/.* id="/, ""); sub(/".*/, ""); print } }' "$big" | LC_ALL=C sort >"$tmp/odd.ids"
check "  the file's 20 changed cases sealed, none between them" \
	sh -c 'cmp -s "$0" "$1" && test "$(wc -l <"$0")" -eq 20' "$tmp/a.ids" "$tmp/odd.ids"
check "  the same cases as two files sealed one by one" cmp -s "$tmp/a.ids" "$tmp/b.ids"
seals "$a" "$head_a" >"$tmp/a.seals"
seals "$b" "$head_b" >"$tmp/b.seals"
check "  with the same hashes" cmp -s "$tmp/a.seals" "$tmp/b.seals"
finish
