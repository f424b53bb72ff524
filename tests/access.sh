#!/bin/sh
# The access log: every path that shows a patient's data logs the read
# (tests/access/paths.tsv names every command and screen action, and what
# each must log); the log is append-only, chained and checked by verify;
# it holds no identity number, name or free text of a patient.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
srcdir="$TB_SRCDIR"
paths="$srcdir/tests/access/paths.tsv"
me=$(id -un)

tb_archive "$db" || exit 1
sh "$srcdir/examples/demo-meetings.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
sh "$srcdir/examples/demo-decisions.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
"$TB" --db "$db" form open SLL-MTB-2026-0061 --form mtb >/dev/null || exit 1
# the first meeting runs, and its chair has a case open (the screen left
# on it): what follow shows
"$TB" --db "$db" meeting start 1 >/dev/null 2>&1 || exit 1
printf 'm Home Down Enter Enter\n' >"$tmp/chair.keys"
"$TB" --db "$db" --script "$tmp/chair.keys" --size 100x30 --dump /dev/null >/dev/null 2>&1 || exit 1
check "the running meeting's chair has a case open" test "$(sqlite3 "$db" "SELECT count(*) FROM meeting_live WHERE meeting_id = 1 AND case_id IS NOT NULL")" = 1

count() { sqlite3 "$db" "SELECT count(*) FROM access_log WHERE what = '$1'"; }

# ---- every command and action is in the table --------------------------------
missing=0
for c in $(sed -n 's/^ *{"\([a-z-]*\)", cmd_.*/\1/p' "$srcdir/src/main.c"); do
	grep -q "^command	$c	" "$paths" || { diag "command $c is not in tests/access/paths.tsv"; missing=1; }
done
result "every command says whether it reads patient data" $missing
missing=0
for a in $(sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)",.*/\1/p' "$srcdir/include/action.h"); do
	grep -q "^action	$a	" "$paths" || { diag "action $a is not in tests/access/paths.tsv"; missing=1; }
done
result "every screen action says whether it reads patient data" $missing
n_cmd=$(sed -n 's/^ *{"\([a-z-]*\)", cmd_.*/\1/p' "$srcdir/src/main.c" | wc -l)
n_act=$(sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)",.*/\1/p' "$srcdir/include/action.h" | wc -l)
check "the command and action tables were read ($n_cmd, $n_act)" test "$n_cmd" -ge 15 -a "$n_act" -ge 40

# ---- every read path logs -----------------------------------------------------
tab=$(printf '\t')
grep -v '^#' "$paths" | grep -v '^$' | while IFS="$tab" read -r kind name code how least; do
	[ "$code" = "-" ] && continue
	least=${least:-1}
	before=$(count "$code")
	if [ "$kind" = command ]; then
		# shellcheck disable=SC2086 # the arguments are words
		eval "set -- $how"
		"$TB" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
	else
		printf '%b\n' "$how" >"$tmp/keys"
		"$TB" --db "$db" --script "$tmp/keys" --size 100x30 \
			--dump "$tmp/screen" >"$tmp/out" 2>"$tmp/err"
		rc=$?
	fi
	after=$(count "$code")
	if [ "$rc" -eq 0 ] && [ $((after - before)) -ge "$least" ]; then
		echo "ok - $kind $name logs $code"
	else
		echo "not ok - $kind $name logs $code (exit $rc, $((after - before)) new entries, want $least)"
		diag <"$tmp/err"
	fi
done >"$tmp/tap"
while IFS= read -r line; do
	case $line in
	"ok - "*) result "${line#ok - }" 0 ;;
	"not ok - "*) result "${line#not ok - }" 1 ;;
	*) echo "$line" ;;
	esac
done <"$tmp/tap"
check "at least 18 read paths were tried" test "$(grep -c 'ok - ' "$tmp/tap")" -ge 18

# ---- a read of patient data without a record: the statement trace ------------
# Every command of paths.tsv and every line of tests/access/quiet.tsv runs
# with the statements it prepares written to a file ($TB_SQL_TRACE: only
# the program the tests run writes it). A run whose statements read a
# patient-identifying column and that wrote no access-log entry fails
# unless quiet.tsv says why it reads them, and fails in any case when what
# it printed holds a patient's identity number, name or question: a read
# added to a command that logs nothing fails here, whatever paths.tsv says.
quiet="$srcdir/tests/access/quiet.tsv"
[ -r "$quiet" ] || { echo "Bail out! $quiet missing"; exit 1; }
ident='\b(pnr|family_name|given_name|birth_date|question|summary|diagnosis_text|findings|impression|content)\b'
cp "$db" "$tmp/q.db" || exit 1
# what no unlogged output may hold: identity numbers (masked too: the
# birth date before the dash), names as the program writes them, questions
sqlite3 "$tmp/q.db" "SELECT pnr FROM patient UNION SELECT substr(pnr, 1, 9) FROM patient
	UNION SELECT given_name || ' ' || family_name FROM patient
	UNION SELECT family_name || ', ' || given_name FROM patient
	UNION SELECT question FROM cases" >"$tmp/q.values"
check "the patients' values were read" test "$(wc -l <"$tmp/q.values")" -ge 30
tab=$(printf '\t')
{
	grep -v '^#' "$quiet" | grep -v '^$'
	grep -v '^#' "$paths" | grep -v '^$' | awk -F '\t' '$1 == "command" && $3 != "-" { print $4 "\t-" }'
} >"$tmp/q.lines"
n_traced=0
while IFS="$tab" read -r line why; do
	n_traced=$((n_traced + 1))
	rm -f "$tmp/trace"
	b=$(sqlite3 "$tmp/q.db" "SELECT count(*) FROM access_log")
	# shellcheck disable=SC2086 # the arguments are words
	eval "set -- $line"
	TB_SQL_TRACE="$tmp/trace" "$TB" --db "$tmp/q.db" "$@" >"$tmp/q.out" 2>&1 </dev/null
	rc=$?
	a=$(sqlite3 "$tmp/q.db" "SELECT count(*) FROM access_log")
	if [ ! -s "$tmp/trace" ]; then
		result "trace: $line: its statements were written" 1
		continue
	fi
	grep -iE '^ *(WITH|SELECT)' "$tmp/trace" | grep -E "$ident" >"$tmp/q.reads"
	if [ "$a" -gt "$b" ] || [ ! -s "$tmp/q.reads" ]; then
		result "trace: $line: logged, or reads nothing identifying (exit $rc)" 0
		continue
	fi
	shown=0
	while IFS= read -r v; do
		[ -n "$v" ] && grep -qwF -- "$v" "$tmp/q.out" && { shown=1; break; }
	done <"$tmp/q.values"
	if [ $shown -ne 0 ]; then
		result "trace: $line reads patient data and shows it without logging it (exit $rc)" 1
	elif [ "$why" = - ]; then
		result "trace: $line reads identifying columns without logging and without saying why (quiet.tsv)" 1
		head -3 "$tmp/q.reads" | cut -c1-160 | diag
	else
		result "trace: $line reads identifying columns unlogged, shows none: $why" 0
	fi
done <"$tmp/q.lines"
check "the trace ran for every line ($n_traced)" test "$n_traced" -ge 35

# ---- the screen's lists: each patient shown logged once per list shown --------
screen_logs() { # KEYS: the new "list" entries a screen run with KEYS writes
	b=$(count list)
	printf '%b\n' "$1" >"$tmp/keys"
	"$TB" --db "$db" --script "$tmp/keys" --size 100x30 --dump /dev/null >/dev/null 2>&1
	echo $(($(count list) - b))
}
ncases=$("$TB" --db "$db" cases --count)
body=26 # 30 lines: title, heading, readiness and status lines
[ "$ncases" -gt $((body + 1)) ] || diag "too few cases ($ncases) for the page tests"
n1=$(screen_logs q)
check "the case list on the screen logs each patient of its screenful ($n1)" test "$n1" = "$body"
n2=$(screen_logs 'j\nj\nj\nk\nj\nq')
check "  moving about in it logs no more ($n2)" test "$n2" = "$body"
n2=$(screen_logs 'End\nHome\nEnd\nq')
check "  the last screenful logs the rest once, coming back to one shown logs nothing ($n2)" test "$n2" = "$ncases"
n3=$(screen_logs 'PgDn\nq')
check "  a new screenful logs the patients new on it ($n3)" test "$n3" = "$ncases"
n4=$(screen_logs 'r\nq')
queue=$("$TB" --db "$db" cases --queue --count)
check "  the referral queue is a list of its own ($n4)" test "$n4" = "$((body + (queue < body ? queue : body)))"
n5=$(screen_logs 'm\nEnter\nq')
check "  an agenda's rows are logged ($n5)" test "$n5" -gt "$body"
check "  under the relationship to each case" test "$(sqlite3 "$db" "SELECT count(*) FROM access_log WHERE what = 'list' AND id > (SELECT max(id) FROM access_log) - $n5 AND relation IN ('agenda', 'board')")" = "$n5"
b=$(count search)
printf '/\nM\nä\nr\nt\na\nEnter\nj\nk\nq\n' >"$tmp/keys"
"$TB" --db "$db" --script "$tmp/keys" --size 100x30 --dump /dev/null >/dev/null 2>&1
check "  a search's results are logged once, when it is left, not at every letter" test "$(($(count search) - b))" = "$("$TB" --db "$db" cases --search Märta --count)"

# Scrolling back and forth over the same rows: every patient whose row
# came on the screen is logged, each once. The selection passes every row,
# so the readiness line (above the status line) names each case shown.
down=$((ncases - 1))
last=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM access_log")
{
	for pass in 1 2; do
		i=0
		while [ $i -lt $down ]; do printf 'j\ndump\n'; i=$((i + 1)); done
		i=0
		while [ $i -lt $down ]; do printf 'k\ndump\n'; i=$((i + 1)); done
	done
	printf 'q\n'
} >"$tmp/keys"
"$TB" --db "$db" --script "$tmp/keys" --size 100x30 --dump "$tmp/scroll.dump" >/dev/null 2>&1
sed -n 's/^ \([A-Z][A-Z0-9-]*\): .*/\1/p' "$tmp/scroll.dump" | sort -u >"$tmp/shown"
sqlite3 "$db" "SELECT c.external_id FROM access_log a JOIN cases c ON c.id = a.case_id
	WHERE a.id > $last AND a.what = 'list'" | sort >"$tmp/logged"
check "scrolling down and up twice over all $ncases rows shows every case ($(wc -l <"$tmp/shown"))" \
	test "$(wc -l <"$tmp/shown")" = "$ncases"
check "  every case shown is logged" test -z "$(sort -u "$tmp/logged" | comm -23 "$tmp/shown" -)"
check "  each once, nothing else ($(wc -l <"$tmp/logged") entries)" \
	sh -c 'sort -u "$0" | cmp -s - "$0" && cmp -s "$0" "$1"' "$tmp/logged" "$tmp/shown"
# each under the relationship the same case has when it is opened on
# its own (show: its relationship looked up alone): the facts read with
# the rows ahead serve every row as it is scrolled in, each its own
rel() {
	sqlite3 "$db" "SELECT c.external_id || ' ' || a.relation FROM access_log a
		JOIN cases c ON c.id = a.case_id WHERE a.id > $1 AND a.what = '$2'" | sort -u
}
rel "$last" list >"$tmp/rel.scrolled"
alone=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM access_log")
while read -r c; do
	"$TB" --db "$db" show "$c" >/dev/null 2>&1
done <"$tmp/shown"
rel "$alone" show >"$tmp/rel.alone"
diag "relationships of the rows scrolled in: $(awk '{print $2}' "$tmp/rel.scrolled" | sort | uniq -c | tr -s ' \n' ' ')"
check "  each under its relationship, as when opened alone" \
	sh -c '[ -s "$0" ] && cmp -s "$0" "$1"' "$tmp/rel.scrolled" "$tmp/rel.alone"
# and a case opened from the list (on a server with the facts read with
# its row) under the same relationship
opened=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM access_log")
{
	i=0
	while [ $i -lt "$ncases" ]; do printf 'Enter q j\n'; i=$((i + 1)); done
	printf 'q\n'
} >"$tmp/keys"
"$TB" --db "$db" --script "$tmp/keys" --size 100x30 --dump /dev/null >/dev/null 2>&1
rel "$opened" screen-case >"$tmp/rel.opened"
check "  every case opened from the list under its relationship ($(wc -l <"$tmp/rel.opened"))" \
	sh -c '[ "$(wc -l <"$0")" = "$2" ] && cmp -s "$0" "$1"' "$tmp/rel.opened" "$tmp/rel.alone" "$ncases"

# The referral queue opened again on the same screen: the patients it
# logged under a care relationship stand (tumorboard(1), ACCESS LOG);
# those outside care are logged again.
last=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM access_log")
n6=$(screen_logs 'r\nq')
outside=$(sqlite3 "$db" "SELECT count(*) FROM access_log WHERE id > $last
	AND relation NOT IN ('agenda', 'board', 'referral')")
n7=$(screen_logs 'r\nr\nr\nr\nr\nq')
if [ "$outside" = 0 ]; then
	check "  the referral queue opened three times logs its patients once ($n6, $n7)" test "$n7" = "$n6"
else
	check "  the referral queue opened again logs only those outside care again ($n6, $n7, $outside)" \
		sh -c '[ "$0" -gt "$1" ] && [ $(($0 - $1)) -le $((2 * $2)) ]' "$n7" "$n6" "$outside"
fi

# ---- what an entry holds ------------------------------------------------------
row=$(sqlite3 "$db" "SELECT a.who, CASE WHEN a.unit IS NULL THEN 1 ELSE 0 END, a.relation, c.external_id
	FROM access_log a JOIN cases c ON c.id = a.case_id WHERE a.what = 'show' ORDER BY a.id LIMIT 1")
check "an entry names who, the case and the relationship" test "$row" = "$me|1|agenda|SKA-LUNG-2026-0001"
check "an entry names the patient by the case's patient" test "$(sqlite3 "$db" \
	"SELECT count(*) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE a.patient_id <> c.patient_id")" = 0

# a read that finds nothing logs nothing and shows nothing
before=$(sqlite3 "$db" "SELECT count(*) FROM access_log")
"$TB" --db "$db" show NO-SUCH-CASE >/dev/null 2>&1
check "a case that does not exist logs nothing" test "$(sqlite3 "$db" "SELECT count(*) FROM access_log")" = "$before"
"$TB" --db "$db" cases --search zzzzzz >/dev/null
check "a search that returns nobody logs nothing" test "$(sqlite3 "$db" "SELECT count(*) FROM access_log")" = "$before"

# ---- no patient value in the log ----------------------------------------------
sqlite3 "$db" "SELECT * FROM access_log" >"$tmp/log"
sqlite3 "$db" "SELECT pnr FROM patient UNION ALL SELECT family_name FROM patient
	UNION ALL SELECT given_name FROM patient UNION ALL SELECT birth_date FROM patient" >"$tmp/values"
leak=0
while IFS= read -r v; do
	[ -n "$v" ] && grep -qF -- "$v" "$tmp/log" && { diag "the access log holds a patient value"; leak=1; }
done <"$tmp/values"
result "the access log holds no identity number, name or birth date" $leak

# ---- log: the patient's extract, lists, review marks -------------------------
"$TB" --db "$db" log --patient 19560312-9809 >"$tmp/extract"
check "the extract names the patient" grep -q "^Patient     Märta Åström, född 1956-03-12$" "$tmp/extract"
check "the extract says what was read, in plain words" grep -q "skrev ut hela fallet (fall SKA-LUNG-2026-0001)" "$tmp/extract"
check "the extract says why" grep -q "Varför: ingen vårdrelation kontrollerades" "$tmp/extract"
check "the extract counts every read of the patient" grep -q "^Dina uppgifter lästes $(sqlite3 "$db" \
	"SELECT count(*) FROM access_log a JOIN patient p ON p.id = a.patient_id WHERE p.pnr = '19560312-9809'") gånger:$" "$tmp/extract"
others=$(sqlite3 "$db" "SELECT c.external_id FROM cases c JOIN patient p ON p.id = c.patient_id WHERE p.pnr <> '19560312-9809'")
leak=0
for o in $others; do grep -qF "$o" "$tmp/extract" && { diag "the extract names $o"; leak=1; }; done
result "the extract names no other patient's case" $leak
check "the extract holds no identity number" lacks "$tmp/extract" -Eq "[0-9]{8}-[0-9]{4}"
"$TB" --db "$db" log --patient 19560312-9809 --lang en >"$tmp/extract-en"
check "in English when asked" grep -q "Why: no care relationship was checked" "$tmp/extract-en"
"$TB" --db "$db" log --patient 19560312-9800 >"$tmp/out" 2>"$tmp/err"
result "an identity number that is not one exits 2" $([ $? -eq 2 ]; echo $?)
check "and is not repeated" lacks "$tmp/err" -q 19560312
"$TB" --db "$db" log --patient 19121212-1212 >"$tmp/out" 2>"$tmp/err"
result "a patient not in the archive exits 4" $([ $? -eq 4 ]; echo $?)
check "and is not repeated" lacks "$tmp/err" -q 19121212
"$TB" --db "$db" log --patient 19560312-9809 --pdf "$tmp/extract.pdf" >/dev/null
result "the extract as a PDF" $?
check "the PDF is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/extract.pdf"
pdftotext "$tmp/extract.pdf" "$tmp/extract-pdf.txt" 2>/dev/null
check "the PDF holds the extract" grep -q "Vem har läst dina uppgifter" "$tmp/extract-pdf.txt"
check "the PDF names the patient on its pages" grep -q "Märta Åström, född 1956-03-12" "$tmp/extract-pdf.txt"
check "the PDF is recorded in the audit log" test "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'export' AND entity = 'patient' AND detail = 'access log extract as PDF'")" = 1
check "the PDF renders" pdftoppm -png -r 30 -f 1 -l 1 "$tmp/extract.pdf" "$tmp/page"
n=$(sqlite3 "$db" "SELECT count(*) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001'")
listed() { sqlite3 "$db" "SELECT count(*) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001' AND a.what = 'log-list' AND a.who = '$me' AND a.relation = 'unchecked'"; }
lc=$(listed)
"$TB" --db "$db" log --case SKA-LUNG-2026-0001 >"$tmp/out"
check "log --case lists the case's entries" test "$(grep -c "  SKA-LUNG-2026-0001  " "$tmp/out")" = "$n"
# the auditor's own reads of the log are logged: the audit log says which
# list and how many entries; the access log names each case listed, so
# the patient's extract shows that the log of their case was read
check "  that read is itself in the access log, for the case" test "$(listed)" = "$((lc + 1))"
check "  and in the audit log (which list, how many entries)" test "$(sqlite3 "$db" "SELECT detail FROM audit WHERE action = 'log-read' ORDER BY id DESC LIMIT 1")" = "view=case entries=$n"
n=$(sqlite3 "$db" "SELECT count(*) FROM access_log")
cases=$(sqlite3 "$db" "SELECT count(DISTINCT case_id) FROM access_log WHERE case_id IS NOT NULL")
lists=$(sqlite3 "$db" "SELECT count(*) FROM access_log WHERE what = 'log-list'")
"$TB" --db "$db" log --user "$me" >"$tmp/out"
check "log --user lists the reader's entries" grep -q "^$n entries$" "$tmp/out"
check "  that read is logged once for every case it names" test "$(sqlite3 "$db" "SELECT count(*) FROM access_log WHERE what = 'log-list'")" = "$((lists + cases))"
"$TB" --db "$db" log --review >"$tmp/rev"
check "log --review with nothing flagged" grep -q "^0 to review, 0 of unusual volume" "$tmp/rev"
check "  the three reads of the log are in the audit log" test "$(sqlite3 "$db" "SELECT detail FROM audit WHERE action = 'log-read' AND actor = '$me' ORDER BY id DESC LIMIT 3" | sed 's/ .*//' | tac | paste -sd,)" = "view=case,view=user,view=review"
check "  their details name no case and no account" sh -c '! sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'log-read'"'" | grep -q -e SKA -e "$1"' "$db" "$me"
"$TB" --db "$db" log --patient 19560312-9809 >"$tmp/extract2"
check "the patient's extract says in plain words that the log of the case was reviewed" grep -q "granskade åtkomstloggen" "$tmp/extract2"
"$TB" --db "$db" log --review --volume 3 >"$tmp/rev"
check "log --review names unusual volume" grep -Eq "^  2026-11-23  $me  [0-9]+ patients$" "$tmp/rev"
check "log --mark records a review" "$TB" --db "$db" log --mark 1 --finding justified
check "the review is in the audit log" test "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'access-review' AND entity_id = 1 AND detail = 'reviewed: justified'")" = 1
check "the entry shows its mark" sh -c '"$0" --db "$1" log --user "$2" | grep -q "^     1  .*reviewed: justified by $2"' "$TB" "$db" "$me"
"$TB" --db "$db" log --mark 1 --finding unjustified >"$tmp/out" 2>&1
result "a second mark of the same entry is recorded" $?
check "and says the earlier one is kept beside it, not replaced" grep -q "the earlier mark is kept beside it: justified by $me .* (2 marks in all; the newest counts)" "$tmp/out"
check "both marks are in the archive" test "$(sqlite3 "$db" "SELECT count(*) FROM access_review WHERE access_id = 1")" = 2
check "the entry shows the newest and that two are kept" sh -c '"$0" --db "$1" log --user "$2" | grep -q "^     1  .*reviewed: unjustified by $2 .* (2 marks kept, the newest shown)"' "$TB" "$db" "$me"
"$TB" --db "$db" log --mark 1 --finding maybe >/dev/null 2>&1
result "an unknown finding exits 3" $([ $? -eq 3 ]; echo $?)
"$TB" --db "$db" log --mark 99999 --finding justified >/dev/null 2>&1
result "an unknown entry exits 4" $([ $? -eq 4 ]; echo $?)
"$TB" --db "$db" log --patient 19560312-9809 --review >/dev/null 2>&1
result "two modes at once exit 2" $([ $? -eq 2 ]; echo $?)

# ---- unusual volume: patients read, not the reviewer's lists of the log -------
# An auditor listing the log names many cases (each logged, "log-list"),
# but reads no patient: log --review counts only reads of patients.
vol="$tmp/vol.db"
tb_fixture "$vol" || exit 1
"$TB" --db "$vol" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
"$TB" --db "$vol" user add revisor --name "Ingrid Sjö" --title logggranskare \
	--role auditor >/dev/null || exit 1
"$TB" --db "$vol" show SKA-LUNG-2026-0001 >/dev/null &&
	"$TB" --db "$vol" show SKA-LUNG-2026-0014 >/dev/null &&
	"$TB" --db "$vol" cases >/dev/null || exit 1
TB_AS=revisor "$TB_AS_BIN" --db "$vol" log --user "$me" >/dev/null 2>"$tmp/err"
result "an auditor lists a reader's entries" $?
listed_patients=$(sqlite3 "$vol" "SELECT count(DISTINCT patient_id) FROM access_log WHERE who = 'revisor' AND what = 'log-list'")
check "  the list is logged for every patient it names" test "$listed_patients" -gt 3
TB_AS=revisor "$TB_AS_BIN" --db "$vol" log --review --volume 3 >"$tmp/rev" 2>"$tmp/err"
result "log --review as the auditor" $?
check "  the auditor's lists of the log are not unusual volume" lacks "$tmp/rev" -q "  revisor  "
check "  the reader of many patients is" grep -Eq "^  2026-11-23  $me  [0-9]+ patients$" "$tmp/rev"

# ---- the demo's entries: one emergency access to review ----------------------
demo="$tmp/demo.db"
sh "$srcdir/examples/demo-users.sh" "$TB" "$demo" >/dev/null 2>&1 &&
	"$TB" --db "$demo" import "$TB_EXAMPLES"/*.xml >/dev/null &&
	sh "$srcdir/examples/demo-meetings.sh" "$TB" "$demo" >/dev/null 2>&1 &&
	sh "$srcdir/examples/demo-decisions.sh" "$TB" "$demo" >/dev/null 2>&1 &&
	sh "$srcdir/examples/demo-access.sh" "$TB" "$demo" >/dev/null 2>&1
result "the demo's reads run" $?
check "the demo has reads under a care relationship" test "$(sqlite3 "$demo" "SELECT count(*) FROM access_log WHERE relation IN ('agenda', 'board')")" -ge 5
check "and one emergency access with its grant" test "$(sqlite3 "$demo" "SELECT count(*) FROM access_log a JOIN emergency_access e ON e.id = a.emergency_id WHERE a.relation = 'emergency'")" = 1
"$TB" --db "$demo" log --review >"$tmp/rev"
check "log --review shows it with its reason" grep -q "emergency access (grant 1, until .*, reason: “Akut försämring" "$tmp/rev"
check "the demo archive verifies intact" "$TB" --db "$demo" verify
for role in administrator coordinator member chair nurse auditor; do
	check "the demo has a user of the role $role besides its builder" test "$(sqlite3 "$demo" "SELECT count(*) FROM users u JOIN user_role r ON r.user_id = u.id WHERE r.role = '$role' AND u.account <> '$me' AND u.active = 1")" -ge 1
done

# ---- append-only, chained, verified -------------------------------------------
check "the archive verifies intact with its access log" "$TB" --db "$db" verify
check "verify counts the access log" sh -c '"$0" --db "$1" verify | grep -Eq "^[1-9][0-9]* access log entries checked$"' "$TB" "$db"
check "an entry cannot be changed" sh -c '! sqlite3 "$0" "UPDATE access_log SET who = '"'x'"' WHERE id = 1" 2>/dev/null' "$db"
check "an entry cannot be removed" sh -c '! sqlite3 "$0" "DELETE FROM access_log WHERE id = 1" 2>/dev/null' "$db"
check "a read the program logs can name no unknown relationship" sh -c '! sqlite3 "$0" "INSERT INTO access_log (at, who, what, patient_id, relation, prev_hash, hash) VALUES (1,1,1,1,'"'friend'"',1,1)" 2>/dev/null' "$db"
check "an emergency access needs its grant" sh -c '! sqlite3 "$0" "INSERT INTO access_log (at, who, what, patient_id, relation, prev_hash, hash) VALUES (1,1,1,1,'"'emergency'"',1,1)" 2>/dev/null' "$db"

sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$db" "$tmp/pristine.db"
guards="CREATE TRIGGER access_log_append_only_u BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_append_only_d BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;"
unguard="DROP TRIGGER access_log_append_only_u; DROP TRIGGER access_log_append_only_d;"
# tamper NAME PATTERN SQL: verify exits 8 and says PATTERN
tamper() {
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$tmp/pristine.db" "$db"
	sqlite3 "$db" "$3" || { result "$1 (the SQL ran)" 1; return; }
	"$TB" --db "$db" verify >"$tmp/v" 2>&1
	rc=$?
	if [ "$rc" -eq 8 ] && grep -Eq "$2" "$tmp/v"; then
		result "$1: found" 0
	else
		diag <"$tmp/v"
		result "$1: found (exit $rc)" 1
	fi
}
tamper "an entry's reader changed" "access log entry 2 was altered" \
	"$unguard UPDATE access_log SET who = 'someone' WHERE id = 2; $guards"
tamper "an entry's patient changed" "access log entry 3 was altered" \
	"$unguard UPDATE access_log SET patient_id = 1 WHERE id = 3; $guards"
tamper "an entry removed" "entry 5 does not follow|entry 5 follows entry 3" \
	"$unguard DELETE FROM access_log WHERE id = 4; $guards"
tamper "an entry added behind the program" "access log entry [0-9]+ was altered|does not follow" \
	"INSERT INTO access_log (at, who, what, patient_id, case_id, relation, prev_hash, hash)
	 SELECT at, 'someone', what, patient_id, case_id, relation, hash, 'x' FROM access_log ORDER BY id DESC LIMIT 1"
tamper "the update guard removed" "access_log_append_only_u .*removed" \
	"DROP TRIGGER access_log_append_only_u"
tamper "a review mark forged" "review mark of access log entry 2" \
	"INSERT INTO access_review (access_id, audit_id, at, by, finding) VALUES (2, 1, 'x', 'y', 'justified')"
tamper "the delete guard changed" "access_log_append_only_d .*changed" \
	"DROP TRIGGER access_log_append_only_d; CREATE TRIGGER access_log_append_only_d BEFORE DELETE ON access_log BEGIN SELECT 1; END"
# the lookups by patient and by case (schema 23): a read hidden from a
# patient's list, a read made up for it, the mark that says how far they
# reach moved on
tamper "a read taken out of the lookup by patient" "access log entry 3 is missing from the log's lookup by patient" \
	"DELETE FROM access_log_by_patient WHERE id = 3"
tamper "a read taken out of the lookup by case" "access log entry 3 is missing from the log's lookup by case" \
	"DELETE FROM access_log_by_case WHERE id = 3"
tamper "a read added to the lookup by patient" "lookup by patient names entry 2 for patient 999" \
	"INSERT INTO access_log_by_patient VALUES (999, 2)"
tamper "the lookups' mark moved past the log" "hold the entries up to 100000, but the log's newest entry is" \
	"UPDATE access_log_indexed SET upto = 100000"

# ---- a tail cut from the log: found against the anchor ---------------------
# The chain alone cannot show entries cut from the end (what is left is a
# consistent chain); the anchor file ($TUMORBOARD_ANCHOR) holds the access
# log's head after every read, and verify checks it.
rm -f "$db" "$db-wal" "$db-shm"
cp "$tmp/pristine.db" "$db"
anchors="$tmp/access.anchors"
TUMORBOARD_ANCHOR=$anchors "$TB" --db "$db" show SKA-LUNG-2026-0001 >/dev/null
TUMORBOARD_ANCHOR=$anchors "$TB" --db "$db" show SKA-LUNG-2026-0001 >/dev/null
last=$(sqlite3 "$db" "SELECT max(id) FROM access_log")
check "a read anchors the access log's head" grep -q "^access $last [0-9a-f]\{64\} " "$anchors"
check "the anchor holds on the intact archive" env TUMORBOARD_ANCHOR="$anchors" "$TB" --db "$db" verify
sqlite3 "$db" "$unguard DELETE FROM access_log WHERE id > $((last - 2)); $guards"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify >"$tmp/v" 2>&1
result "a cut that leaves the log's lookups is seen without the anchor" $([ $? -eq 8 ]; echo $?)
check "by the lookups that still name the entries" grep -q "lookup by patient names entry $last for patient" "$tmp/v"
sqlite3 "$db" "DELETE FROM access_log_by_patient WHERE id > $((last - 2));
	DELETE FROM access_log_by_case WHERE id > $((last - 2));
	UPDATE access_log_indexed SET upto = $((last - 2))"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify >/dev/null 2>&1
result "a cut of the lookups too is not seen without the anchor (the documented limit)" $?
TUMORBOARD_ANCHOR=$anchors "$TB" --db "$db" verify >"$tmp/v" 2>&1
result "with it verify exits 8" $([ $? -eq 8 ]; echo $?)
check "and says the access log was cut back, from where" grep -q "records access log entry $last, but the access log ends at entry $((last - 2)): entries $((last - 1)) to $last were removed (the log was cut back)" "$tmp/v"
rm -f "$db" "$db-wal" "$db-shm"
cp "$tmp/pristine.db" "$db"
env -u TUMORBOARD_ANCHOR "$TB" --db "$db" verify --anchor="$tmp/a3" >/dev/null 2>&1
check "verify --anchor writes the access log's head too" grep -q "^access [0-9]* " "$tmp/a3"

finish
