#!/bin/sh
# Tampering with the database file behind the program's back, with the
# sqlite3 tool, is found by `verify` (exit 8) with a message that says
# what: every scenario starts from the same archive (cases, meetings,
# agendas, drafts, signed and amended decisions, follow-up), restored to
# the same path. Also: what the audit log says about a write holds no
# patient value. TAMPER_SUMMARY=FILE writes "detected N of M".
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
anchors="$tmp/anchors"
ex="$TB_EXAMPLES"
srcdir="$TB_SRCDIR"
TUMORBOARD_ANCHOR=$anchors
export TUMORBOARD_ANCHOR

# ---- the archive -----------------------------------------------------------
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$ex"/*.xml >/dev/null || exit 1
sh "$srcdir/examples/demo-meetings.sh" "$TB" "$db" >/dev/null || exit 1
sh "$srcdir/examples/demo-decisions.sh" "$TB" "$db" >/dev/null || exit 1
"$TB" --db "$db" form open SLL-MTB-2026-0061 --form mtb >/dev/null || exit 1
"$TB" --db "$db" form set SLL-MTB-2026-0061 rationale "HEMLIGFRITEXT i utkastet" >/dev/null || exit 1
"$TB" --db "$db" followup 1 not-done --reason patient-wish --note "HEMLIGANTECKNING om patienten" >/dev/null || exit 1
"$TB" --db "$db" followup 3 informed --on 2026-11-30 --how "HEMLIGTSAMTAL" >/dev/null 2>&1 ||
	"$TB" --db "$db" followup 3 done --note "HEMLIGANTECKNING två" >/dev/null || exit 1
"$TB" --db "$db" refer SKA-MEL-2026-0066 --level national --reason "HEMLIGORSAK till remissen" >/dev/null || exit 1
"$TB" --db "$db" decision export 1 >/dev/null || exit 1

check "the archive verifies intact" "$TB" --db "$db" verify
check "every write anchored its head" test -s "$anchors"
check "the anchor file is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$anchors"
head=$("$TB" --db "$db" verify | sed -n 's/^head: //p')
check "verify prints the head" sh -c 'echo "$0" | grep -Eq "^[0-9]+:[0-9a-f]{64}$"' "$head"
check "the head is the last anchor line" sh -c 'tail -n 1 "$0" | grep -q "^$(echo "$1" | tr : " ") "' "$anchors" "$head"

# ---- the audit log holds no patient value -----------------------------------
sqlite3 "$db" "SELECT detail FROM audit" >"$tmp/details"
leak=0
for s in HEMLIG patient-wish; do
	grep -q "$s" "$tmp/details" && { diag "audit detail holds $s"; leak=1; }
done
sqlite3 "$db" "SELECT pnr FROM patient UNION ALL SELECT family_name FROM patient
	UNION ALL SELECT given_name FROM patient UNION ALL SELECT question FROM cases" >"$tmp/values"
while IFS= read -r v; do
	[ -n "$v" ] && grep -qF -- "$v" "$tmp/details" && { diag "audit detail holds a patient value"; leak=1; }
done <"$tmp/values"
result "no audit detail holds a name, identity number or free text" $leak

# ---- the scenarios ----------------------------------------------------------
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$db" "$tmp/pristine.db"
cp "$anchors" "$tmp/pristine.anchors"

# the guards exactly as the program creates them, to put back after a change
guards="CREATE TRIGGER decision_immutable_u BEFORE UPDATE ON decision BEGIN SELECT RAISE(ABORT, 'signed decisions are immutable'); END;
CREATE TRIGGER decision_immutable_d BEFORE DELETE ON decision BEGIN SELECT RAISE(ABORT, 'signed decisions are immutable'); END;
CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_seal_append_only_u BEFORE UPDATE ON audit_seal BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_seal_append_only_d BEFORE DELETE ON audit_seal BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
unguard="DROP TRIGGER decision_immutable_u; DROP TRIGGER decision_immutable_d;
DROP TRIGGER audit_append_only_u; DROP TRIGGER audit_append_only_d;
DROP TRIGGER audit_seal_append_only_u; DROP TRIGGER audit_seal_append_only_d;"

n_scen=0
n_found=0
n_bare=0 # found without any anchor
restore() {
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$tmp/pristine.db" "$db"
	cp "$tmp/pristine.anchors" "$anchors"
}
# scenario NAME ANCHOR(yes|no) PATTERN SQL: with ANCHOR=no, verify runs
# without any anchor (what the file alone tells); PATTERN is a grep -E
# expression the report must match.
# A fifth argument "raw" runs SQL as it is, without lifting the guards
# first and putting them back after.
scenario() {
	name=$1 anchor=$2 pattern=$3 sql=$4
	restore
	if [ "${5:-}" = raw ]; then
		printf '%s\n' "$sql" | sqlite3 "$db" 2>"$tmp/sqlerr"
	else
		printf '%s\n' "$unguard" "$sql" "$guards" | sqlite3 "$db" 2>"$tmp/sqlerr"
	fi
	if [ -s "$tmp/sqlerr" ]; then
		diag "$name: the tampering itself failed:" <"$tmp/sqlerr"
	fi
	env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify >"$tmp/out" 2>&1
	rc=$?
	[ $rc -eq 8 ] && n_bare=$((n_bare + 1))
	if [ "$anchor" = yes ]; then
		"$TB" --db "$db" verify >"$tmp/out" 2>&1
		rc=$?
	fi
	n_scen=$((n_scen + 1))
	if [ $rc -eq 8 ] && grep -Eq "$pattern" "$tmp/out"; then
		n_found=$((n_found + 1))
		result "tamper: $name" 0
	else
		diag "verify said (exit $rc):" <"$tmp/out"
		result "tamper: $name" 1
	fi
}

amend="(SELECT max(id) FROM decision WHERE supersedes IS NOT NULL)"
amend_entry="(SELECT id FROM audit WHERE action = 'amend' AND entity_id = $amend)"
scenario "delete the newest amendment and the log's tail from its signing" no \
	"removed behind the program's back|changed behind the program's back" \
	"DELETE FROM audit_seal WHERE audit_id >= $amend_entry;
	 DELETE FROM audit WHERE id >= $amend_entry;
	 DELETE FROM decision WHERE id = $amend;"
scenario "the same, found by the anchor" yes "the log was cut back" \
	"DELETE FROM audit_seal WHERE audit_id >= $amend_entry;
	 DELETE FROM audit WHERE id >= $amend_entry;
	 DELETE FROM decision WHERE id = $amend;"
scenario "delete the last audit entries (tail truncation)" yes \
	"entries [0-9]+ to [0-9]+ were removed" \
	"DELETE FROM audit_seal WHERE audit_id > (SELECT max(id) - 3 FROM audit);
	 DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit);"
# the last entry records an export, no row: cutting it leaves a consistent
# log that only the anchor shows to be short
scenario "delete the last audit entry, which recorded no row" yes \
	"entries [0-9]+ to [0-9]+ were removed" \
	"DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify >/dev/null 2>&1
result "without the anchor that cut is not seen (the documented limit)" $?
scenario "delete the last audit entry and its seals, data left as is" no \
	"changed behind the program's back|removed behind" \
	"DELETE FROM audit_seal WHERE audit_id >= (SELECT max(audit_id) FROM audit_seal);
	 DELETE FROM audit WHERE id >= (SELECT max(audit_id) FROM audit_seal);"
scenario "delete an audit entry in the middle" no "entries 20 to 20 are missing" \
	"DELETE FROM audit WHERE id = 20;"
scenario "renumber the audit ids" no "entry 1001 follows entry 0" \
	"UPDATE audit SET id = id + 1000;"
scenario "renumber to close a gap after a deletion" no "entry [0-9]+ was altered|does not follow" \
	"DELETE FROM audit WHERE id = 30; UPDATE audit SET id = id - 1 WHERE id > 30;"
scenario "swap two audit entries (reordering)" no "does not follow" \
	"UPDATE audit SET id = -1 WHERE id = 10; UPDATE audit SET id = 10 WHERE id = 11;
	 UPDATE audit SET id = 11 WHERE id = -1;"
scenario "edit an audit detail" no "entry 5 was altered" \
	"UPDATE audit SET detail = 'x' WHERE id = 5;"
scenario "remove a seal row" no "its record of the rows it wrote was altered" \
	"DELETE FROM audit_seal WHERE audit_id = 10;"
scenario "remove an append-only trigger" no "audit_append_only_d that keeps the archive append-only was removed" \
	"DROP TRIGGER audit_append_only_d;" raw
scenario "defuse an append-only trigger" no "audit_append_only_u that keeps the archive append-only was changed" \
	"DROP TRIGGER audit_append_only_u;
	 CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit BEGIN SELECT 1; END;" raw
scenario "edit a case row" no "case [0-9]+ \(SKA-LUNG-2026-0001\) was changed behind" \
	"UPDATE cases SET question = 'Annan fråga' WHERE external_id = 'SKA-LUNG-2026-0001';"
scenario "edit a case's status" no "case [0-9]+ \(SKA-CRC-2026-0118\) was changed behind" \
	"UPDATE cases SET status = 'closed' WHERE external_id = 'SKA-CRC-2026-0118';"
scenario "edit a patient row" no "patient 1 was changed behind" \
	"UPDATE patient SET family_name = 'Andersson' WHERE id = 1;"
scenario "edit a finding" no "case [0-9]+ .* was changed behind" \
	"UPDATE finding SET vaf = 0.99 WHERE id = (SELECT min(id) FROM finding);"
scenario "delete a pathology marker" no "case [0-9]+ .* was changed behind" \
	"DELETE FROM pathology_marker WHERE id = (SELECT min(id) FROM pathology_marker);"
scenario "delete an imaging row" no "case [0-9]+ .* was changed behind" \
	"DELETE FROM imaging WHERE id = (SELECT min(id) FROM imaging);"
scenario "delete a whole case" no "case [0-9]+ was removed behind" \
	"DELETE FROM cases WHERE id = (SELECT max(id) FROM cases);"
scenario "renumber a case" no "case 9999 \(.*\) is in no audit entry" \
	"UPDATE cases SET id = 9999 WHERE id = (SELECT max(id) FROM cases);"
scenario "add a case row" no "case [0-9]+ \(FAKE-1\) is in no audit entry" \
	"INSERT INTO cases (external_id, patient_id, referral_date, level, level_reason,
	  priority, status, icd10, diagnosis_text, question, referrer_name, referrer_unit,
	  source, received, created, updated)
	 SELECT 'FAKE-1', patient_id, referral_date, level, level_reason, priority, status,
	  icd10, diagnosis_text, question, referrer_name, referrer_unit, source, received,
	  created, updated FROM cases LIMIT 1;"
scenario "edit a meeting row" no "meeting 1 was changed behind" \
	"UPDATE meeting SET chair = 'Någon Annan' WHERE id = 1;"
scenario "add an attendee" no "meeting 1 was changed behind" \
	"INSERT INTO attendee (meeting_id, name, role, core, joined) VALUES (1, 'X Y', 'onkolog', 1, '2026-11-19T14:00:00Z');"
scenario "edit an agenda row" no "agenda item [0-9]+ was changed behind" \
	"UPDATE agenda_item SET presenter = 'Någon Annan' WHERE id = (SELECT max(id) FROM agenda_item);"
scenario "reorder an agenda" no "agenda item [0-9]+ was changed behind" \
	"UPDATE agenda_item SET position = position + 10 WHERE meeting_id = 1;"
scenario "edit a signed decision" no "decision [0-9]+ .*was altered|decision [0-9]+ was changed behind" \
	"UPDATE decision SET content = replace(content, 'surgery', 'watchful-waiting') WHERE id = $amend;"
scenario "edit a decision and its hash" no "decision [0-9]+ was changed behind" \
	"UPDATE decision SET signed_by = 'Någon Annan' WHERE id = 1;"
scenario "edit a draft's value" no "draft [0-9]+ was changed behind" \
	"UPDATE form_value SET value = 'annat' WHERE instance_id = (SELECT max(id) FROM form_instance) AND field = 'rationale';"
scenario "edit a follow-up" no "decision 1 was changed behind" \
	"UPDATE follow_up SET status = 'done', reason = NULL WHERE decision_id = 1;"
# the follow-up list's index (schema 28): what the list shows, against
# the decisions
scenario "move a follow-up date in the follow-up list's index" no \
	"index differs from decision 1 \\(case SKA-LUNG-2026-0001\\) in its follow-up date" \
	"UPDATE followup_due SET due = '2030-01-01', day = '2030-01-01' WHERE decision_id = 1;"
scenario "hide a decision from the follow-up list" no \
	"decision 1 \\(case SKA-LUNG-2026-0001\\) is missing from the follow-up list's index" \
	"DELETE FROM followup_due WHERE decision_id = 1;"
scenario "mark a decision replaced in the follow-up list's index" no \
	"index differs from decision 1 .* in whether a later version replaces it" \
	"UPDATE followup_due SET latest = 0 WHERE decision_id = 1;"
scenario "change a follow-up's owner in the index" no \
	"index differs from decision 1 .* in its owner" \
	"UPDATE followup_due SET owner = 'Någon Annan' WHERE decision_id = 1;"
scenario "add a follow-up of no decision to the index" no \
	"index names 1 decision that is not in the archive" \
	"INSERT INTO followup_due (decision_id, case_id, day, latest, known) VALUES (999, 1, '2026-12-01', 1, 1);"
scenario "delete a level change" no "case [0-9]+ .* was changed behind" \
	"DELETE FROM level_change WHERE id = (SELECT max(id) FROM level_change);"

# a whole earlier copy put back (a backup, or the file as it was): only an
# anchor can tell
restore
cp "$db" "$tmp/backup.db"
"$TB" --db "$db" refer SKA-LUNG-2026-0014 --level national --reason "Studie" >/dev/null || exit 1
head2=$("$TB" --db "$db" verify | sed -n 's/^head: //p')
rm -f "$db" "$db-wal" "$db-shm"
cp "$tmp/backup.db" "$db"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify >"$tmp/out" 2>&1
result "a rewound copy alone looks intact (the documented limit)" $?
"$TB" --db "$db" verify >"$tmp/out" 2>&1
rc=$?
n_scen=$((n_scen + 1))
if [ $rc -eq 8 ] && grep -q "the log was cut back" "$tmp/out"; then
	n_found=$((n_found + 1))
	result "tamper: rewind to an earlier copy, found by the anchor file" 0
else
	diag <"$tmp/out"
	result "tamper: rewind to an earlier copy, found by the anchor file" 1
fi
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --expect "$head2" >"$tmp/out" 2>&1
rc=$?
n_scen=$((n_scen + 1))
if [ $rc -eq 8 ] && grep -q "the log was cut back" "$tmp/out"; then
	n_found=$((n_found + 1))
	result "tamper: rewind found by --expect with a head written down" 0
else
	diag <"$tmp/out"
	result "tamper: rewind found by --expect with a head written down" 1
fi

# ---- anchors and --expect on an intact archive -------------------------------
restore
check "--expect with the current head passes" env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --expect "$head"
short=$(echo "$head" | cut -c1-$((${#head} - 48)))
check "--expect takes 16 hex digits of the hash" env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --expect "$short"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --expect "12:zz" >/dev/null 2>"$tmp/err"
result "a malformed --expect is a usage error (exit 2)" $([ $? -eq 2 ]; echo $?)
check "and says what it wants" grep -q "SEQ:HASH" "$tmp/err"
seq=${head%%:*}
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --expect "$seq:0000000000000000" >"$tmp/out" 2>&1
result "--expect with another hash: exit 8" $([ $? -eq 8 ]; echo $?)
check "and says the log was rewritten" grep -q "the log up to that entry was rewritten" "$tmp/out"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --anchor="$tmp/a2" >"$tmp/out" 2>&1
result "verify --anchor=FILE appends the head" $?
check "one line of the audit log's head for this database" sh -c '[ "$(grep -vc "^access " "$0")" = 1 ] && grep -q "^$(echo "$1" | tr : " ") .* $2$" "$0"' "$tmp/a2" "$head" "$(realpath "$db")"
check "and at most one of the access log's" sh -c '[ "$(grep -c "^access " "$0")" -le 1 ]' "$tmp/a2"
check "the new anchor file is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/a2"
XDG_STATE_HOME="$tmp/state" env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --anchor >/dev/null 2>&1
check "verify --anchor defaults to the state directory" test -s "$tmp/state/tumorboard/anchors"
echo "garbage" >>"$tmp/a2"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --anchor="$tmp/a2" >"$tmp/out" 2>"$tmp/err"
result "a damaged anchor file: exit 3" $([ $? -eq 3 ]; echo $?)
check "names the file and line" grep -q "a2:$(wc -l <"$tmp/a2"): not an anchor line" "$tmp/err"

# ---- what the case list shows, changed behind the program's back, made
# again by verify --repair (derived tables: no record is touched) -----------
restore
"$TB" --db "$db" cases --queue --limit 200 >"$tmp/queue-before" 2>&1 || exit 1
"$TB" --db "$db" cases --limit 200 >"$tmp/list-before" 2>&1 || exit 1
sqlite3 "$db" .dump >"$tmp/intact-before"
rm -f "$tmp/trace"
env -u TUMORBOARD_ANCHOR TB_SQL_TRACE="$tmp/trace" "$TB" --db "$db" verify --repair >"$tmp/repair0" 2>&1
result "verify --repair on an intact archive: exit 0" $?
check "  it says there is nothing to repair" grep -q "^nothing to repair: what the case list shows matches the cases$" "$tmp/repair0"
# the rows found as the cases say are not read again by the verify after it
check "  the case list's rows compared with the cases once" \
	sh -c '[ "$(grep -c "FROM case_row EXCEPT" "$0")" = 1 ]' "$tmp/trace"
sqlite3 "$db" .dump >"$tmp/intact-after"
check "  and changed nothing" cmp -s "$tmp/intact-before" "$tmp/intact-after"
sqlite3 "$db" "DELETE FROM case_row WHERE id = (SELECT min(id) FROM case_row WHERE waiting = 1);
	UPDATE case_row SET family_name = 'Fel' WHERE id = (SELECT max(id) FROM case_row);
	UPDATE queue_count SET n = n + 5;" || exit 1
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify >"$tmp/out" 2>&1
result "the case list's rows changed: verify finds it (exit 8)" $([ $? -eq 8 ]; echo $?)
"$TB" --db "$db" cases --queue --limit 200 >"$tmp/queue-bad" 2>&1
check "  (the queue showed it: a case missing)" sh -c '! cmp -s "$0" "$1"' "$tmp/queue-before" "$tmp/queue-bad"
sqlite3 "$db" .dump | grep -v 'case_row\|queue_count' >"$tmp/records-before"
rm -f "$tmp/trace"
env -u TUMORBOARD_ANCHOR TB_SQL_TRACE="$tmp/trace" "$TB" --db "$db" verify --repair >"$tmp/repair" 2>&1
result "verify --repair: exit 0, the archive intact after it" $?
check "  the rows compared again after the repair (the proof)" \
	sh -c '[ "$(grep -c "FROM case_row EXCEPT" "$0")" = 2 ]' "$tmp/trace"
sqlite3 "$db" .dump | grep -v 'case_row\|queue_count' >"$tmp/records-after"
check "  nothing else in the file changed" cmp -s "$tmp/records-before" "$tmp/records-after"
check "  it names what it mended" grep -q "^REPAIRED: the case list's rows differ from the cases for 2 cases" "$tmp/repair"
check "  and the count" grep -q "^REPAIRED: the referral queue's count says" "$tmp/repair"
check "  says the tables were made again" grep -q "^the case list's rows and the referral queue's count were made again from the cases$" "$tmp/repair"
check "  then the whole verify's report, intact" grep -q "signed decisions checked: intact$" "$tmp/repair"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify >/dev/null 2>&1
result "  verify again: exit 0" $?
"$TB" --db "$db" cases --queue --limit 200 >"$tmp/queue-after" 2>&1
check "  the queue as it was" cmp -s "$tmp/queue-before" "$tmp/queue-after"
"$TB" --db "$db" cases --limit 200 >"$tmp/list-after" 2>&1
check "  the case list as it was" cmp -s "$tmp/list-before" "$tmp/list-after"

# ---- a database from before schema 10 is sealed at the upgrade -----------------
old="$tmp/schema5.db"
sqlite3 "$old" <"$srcdir/tests/data/schema5.sql" || exit 1
check "the fixture is at schema 5" sh -c '[ "$(sqlite3 "$0" "PRAGMA user_version")" = 5 ]' "$old"
env -u TUMORBOARD_ANCHOR "$TB" --db "$old" verify >"$tmp/out" 2>&1
result "a schema 5 archive upgrades, then asks for its first administrator (exit 9)" $([ $? -eq 9 ]; echo $?)
check "the upgrade is recorded as such" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'migrate'"'")" = 1 ]' "$old"
(unset TUMORBOARD_ANCHOR; tb_fixture "$old")
result "the first administrator of the upgraded archive" $?
env -u TUMORBOARD_ANCHOR "$TB" --db "$old" verify >"$tmp/out" 2>&1
result "which verifies intact" $?
# (the fixture adds 19 users, each an entry and a record of its own)
check "every record present was sealed" grep -q "^46 audit entries, 30 records, 1 signed" "$tmp/out"
sqlite3 "$old" "UPDATE cases SET question = 'x' WHERE id = 1"
env -u TUMORBOARD_ANCHOR "$TB" --db "$old" verify >"$tmp/out" 2>&1
result "and a change after the upgrade is found" $([ $? -eq 8 ]; echo $?)

if [ -n "$TAMPER_SUMMARY" ]; then
	echo "tampering scenarios detected: $n_found of $n_scen ($n_bare without an anchor)" >"$TAMPER_SUMMARY"
fi
diag "tampering scenarios detected: $n_found of $n_scen ($n_bare without an anchor)"
finish
