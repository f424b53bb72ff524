#!/bin/sh
# The command line itself: which commands create a database, --help and
# the man page against the command table, exit codes, masking in show,
# messages for bad arguments, and backup while the database is in use.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
bg=
trap '[ -n "$bg" ] && kill "$bg" 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
ex="$TB_EXAMPLES"
man="$TB_SRCDIR/man/tumorboard.1"

# A mistyped --db: reading commands never create a database.
for cmd in verify cases meetings turnaround "show SKA-LUNG-2026-0001" \
	"agenda 1" "decision list" "backup $tmp/copy.db"; do
	# shellcheck disable=SC2086
	"$TB" --db "$tmp/typo/tb.db" $cmd >"$tmp/out" 2>"$tmp/err"
	rc=$?
	result "$cmd on a missing database exits 4" $([ $rc -eq 4 ]; echo $?)
	check "$cmd says there is no database" grep -q "no database at $tmp/typo/tb.db" "$tmp/err"
	check "$cmd created nothing" test ! -e "$tmp/typo"
done
"$TB" --db "$tmp/typo.db" verify >"$tmp/out" 2>&1
check "verify of a missing database never says intact" lacks "$tmp/out" -q intact
check "and leaves no file behind" test ! -e "$tmp/typo.db"
# Only the first administrator starts an archive (tumorboard-roles(5)).
"$TB" --db "$db" import "$ex"/*.xml >/dev/null 2>&1
result "import does not create a database (exit 4)" $([ $? -eq 4 ]; echo $?)
"$TB" --db "$tmp/new/m.db" meeting add --date 2026-12-01 --start 09:00 \
	--length 30 --board lung --level local >/dev/null 2>&1
result "nor does meeting add" $([ $? -eq 4 ]; echo $?)
check "and leaves nothing behind" test ! -e "$tmp/new/m.db"
tb_fixture "$db"
result "user add creates the database" $?
"$TB" --db "$db" import "$ex"/*.xml >/dev/null 2>&1
result "the administrator's import fills it" $?

# --help and the man page name every command of the command table.
cmds=$(sed -n 's/^    {"\([a-z]*\)", cmd_[a-z_]*, [a-z]*, PERM_[A-Z_]*, [a-z_A-Z]*},$/\1/p' "$TB_SRCDIR/src/main.c")
result "the command table is read" $([ "$(echo "$cmds" | wc -w)" -ge 16 ]; echo $?)
"$TB" --help >"$tmp/help"
for c in $cmds; do
	check "--help names $c" grep -Eq "^  $c( |$)" "$tmp/help"
	check "the man page describes $c" grep -Eq "^\.(B|BI|BR) \"?$c( |\"|$)" "$man"
done
for sub in "meeting edit" "meeting cancel" "meeting start" "meeting attend" "meeting minutes" \
	"agenda M remove" "form open" "decision sign" "kb show"; do
	w1=${sub%% *}
	w2=${sub##* }
	check "--help names $sub" grep -Eq "^  $w1 .*$w2" "$tmp/help"
done

# A command's own lines of --help: COMMAND --help (anywhere among its
# words, before a --) and help COMMAND, with no database needed and none
# made; an unknown command is refused as without --help.
for c in $cmds; do
	"$TB" --db "$tmp/nohelp/tb.db" "$c" --help >"$tmp/own" 2>"$tmp/err"
	result "$c --help exits 0" $?
	check "$c --help shows its own line" grep -Eq "^  $c( |$|\|)" "$tmp/own"
	check "$c --help shows no other command's line" \
		sh -c '! grep -E "^  [a-z]" "$1" | grep -Ev "^  $2( |$|\|)"' sh "$tmp/own" "$c"
done
check "help and --help make no database" test ! -e "$tmp/nohelp"
"$TB" meeting add --date 2026-12-01 --help >"$tmp/own" 2>&1
result "meeting add DATE --help exits 0" $?
check "it shows meeting add|edit with the lines that go on from it" \
	sh -c 'grep -q "^  meeting add|edit" "$1" && grep -q "^  *--board, --level, --location, --chair)" "$1" &&
		grep -q "^  meeting minutes" "$1" && ! grep -q "^  meetings" "$1"' sh "$tmp/own"
"$TB" help agenda >"$tmp/help-agenda" 2>&1
result "help agenda exits 0" $?
"$TB" agenda --help >"$tmp/own" 2>&1
check "help agenda says what agenda --help says" cmp -s "$tmp/own" "$tmp/help-agenda"
check "and names where the whole is" grep -q "tumorboard(1)" "$tmp/own"
"$TB" help >"$tmp/own" 2>&1
result "help alone exits 0" $?
check "help alone is --help" cmp -s "$tmp/own" "$tmp/help"
"$TB" help nosuch >"$tmp/out" 2>"$tmp/err"
result "help of an unknown command exits 2" $([ $? -eq 2 ]; echo $?)
check "and says the command is unknown" grep -q "unknown command 'nosuch'" "$tmp/err"
# help of a subcommand or an option: the entries that name it
"$TB" help leave >"$tmp/out" 2>"$tmp/err"
result "help leave exits 0" $?
check "help leave shows meeting attend's lines, where leave is" \
	grep -Eq "^  meeting attend .*leave M NAME" "$tmp/out"
check "and no entry that does not name it" lacks "$tmp/out" -q "^  meeting add"
"$TB" help attendance >"$tmp/out" 2>"$tmp/err"
check "help attendance shows the quorum line" grep -q "attendance M (quorum)" "$tmp/out"
"$TB" help help >"$tmp/out" 2>"$tmp/err"
result "help help exits 0" $?
check "help help shows the -h, --help option" grep -q "^  -h, --help " "$tmp/out"
check "help help shows it alone" test "$(grep -c '^  [^ ]' "$tmp/out")" -eq 1
"$TB" leave --help >"$tmp/out" 2>"$tmp/err"
result "leave --help is refused: leave is no command" $([ $? -eq 2 ]; echo $?)
check "and says so" grep -q "unknown command 'leave'" "$tmp/err"
"$TB" nosuch --help >"$tmp/out" 2>"$tmp/err"
result "an unknown command with --help exits 2" $([ $? -eq 2 ]; echo $?)
check "and says so" grep -q "unknown command 'nosuch'" "$tmp/err"
"$TB" --db "$db" form set -- --help >"$tmp/out" 2>"$tmp/err"
check "--help after -- is a word, not a question" lacks "$tmp/out" -q "^tumorboard form:"
LANGUAGE=sv "$TB" meeting --help >"$tmp/own" 2>&1
check "meeting --help in Swedish" grep -q "^  meeting add|edit ... *planera" "$tmp/own"

# Every exit code is documented: the status table's, 1, 70 and the
# signal codes of the screen.
codes=$(sed -n 's/^	X([A-Z_]*, \([0-9]*\), .*/\1/p' "$TB_SRCDIR/include/status.h")
result "the status table is read" $([ "$(echo "$codes" | wc -w)" -ge 8 ]; echo $?)
sed -n '/^\.SH EXIT STATUS/,/^\.SH ENVIRONMENT/p' "$man" >"$tmp/exit"
for code in $codes 1 70 129 130 143; do
	check "exit code $code is documented" grep -Eq "^\.BR? .*\b$code\b" "$tmp/exit"
done
check "--help names the exit codes" grep -q "129/130/143" "$tmp/help"

# show masks the identity number unless asked.
"$TB" --db "$db" show SKA-LUNG-2026-0001 >"$tmp/show"
check "show masks the identity number" sh -c 'grep -q "19560312-\*\*\*\*" "$0" && ! grep -q "19560312-9809" "$0"' "$tmp/show"
check "show --full-id shows it" sh -c '"$0" --db "$1" show --full-id SKA-LUNG-2026-0001 | grep -q "19560312-9809"' "$TB" "$db"
check "show CASE --full-id too: an option after the case id" sh -c '"$0" --db "$1" show SKA-LUNG-2026-0001 --full-id | grep -q "19560312-9809"' "$TB" "$db"

# Empty attendee names and roles are refused with a message.
m=$("$TB" --db "$db" meeting add --date 2026-12-01 --start 09:00 --length 30 --board lung --level local)
"$TB" --db "$db" meeting attend "$m" "" onkolog 2>"$tmp/err"
result "attend with an empty name exits 2" $([ $? -eq 2 ]; echo $?)
check "and says the name is empty" grep -q "NAME is empty" "$tmp/err"
"$TB" --db "$db" meeting attend "$m" "Eva Lind" " " 2>"$tmp/err"
result "attend with a blank role exits 2" $([ $? -eq 2 ]; echo $?)
check "and says the role is empty" grep -q "ROLE is empty" "$tmp/err"

# form set: a value that starts with '-' is a value; a decimal comma is a
# decimal mark; absurd dates and lengths are refused with the field named.
pc=UPP-PROST-2026-0077
"$TB" --db "$db" form open "$pc" >/dev/null
"$TB" --db "$db" form set "$pc" psa -5 2>"$tmp/err"
result "form set psa -5 needs no -- (a value, exit 3)" $([ $? -eq 3 ]; echo $?)
check "and is refused for its range, not as an option" grep -q "^tumorboard form: psa: must be between 0 and" "$tmp/err"
check "form set psa 0,5 takes the decimal comma" "$TB" --db "$db" form set "$pc" psa 0,5
check "and stores 0.5" sh -c '"$0" --db "$1" form show "$2" | grep -q "^  PSA  *0.5 "' "$TB" "$db" "$pc"
"$TB" --db "$db" form set "$pc" psa 1,000 2>"$tmp/err"
result "form set psa 1,000 is refused as ambiguous (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and says why without repeating the value" sh -c 'grep -q "psa: a .,. before three digits is ambiguous" "$0" && ! grep -q "1,000" "$0"' "$tmp/err"
# not a number: the message names both decimal marks the form takes
"$TB" --db "$db" form set "$pc" psa 12q 2>"$tmp/err"
result "form set psa 12q is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and says '.' or ',' is the decimal mark" grep -q "psa: not a number (digits, with '.' or ',' as the decimal mark)" "$tmp/err"
LANGUAGE=sv "$TB" --db "$db" form set "$pc" psa 12q 2>"$tmp/err"
check "in Swedish too, ',' first" grep -q "psa: inget tal (siffror, med ',' eller '.' som decimaltecken)" "$tmp/err"
check "form set with the option after the value" "$TB" --db "$db" form set "$pc" psa 12 --revision 2
"$TB" --db "$db" form set "$pc" follow-up-date +999m 2>"$tmp/err"
result "a follow-up of +999m is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and says it is too far ahead" grep -q "follow-up-date: more than five years ahead" "$tmp/err"
"$TB" --db "$db" form set "$pc" follow-up-date 2110-01-01 2>/dev/null
result "a follow-up in 2110 is refused" $([ $? -eq 3 ]; echo $?)
check "a follow-up in a year is fine" "$TB" --db "$db" form set "$pc" follow-up-date +12m
"$TB" --db "$db" form set "$pc" contact-nurse "$(printf 'Lena Holm %.0s' $(seq 60))" 2>"$tmp/err"
result "a 600-character contact nurse is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the limit is named" grep -q "contact-nurse: longer than 200 characters" "$tmp/err"

# A missing required option is wrong usage (2), not invalid input (3).
"$TB" --db "$db" decision sign "$pc" --by Ordf --attendee "A B:onkolog" 2>"$tmp/err"
result "decision sign --by exits 2: the signer is never typed" $([ $? -eq 2 ]; echo $?)
check "and says the signer is the signed-in user" grep -q "the signer is the signed-in user" "$tmp/err"
"$TB" --db "$db" decision sign "$pc" 2>"$tmp/err"
result "decision sign without --attendee or --meeting exits 2" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$db" decision amend 1 2>"$tmp/err"
result "decision amend without --reason exits 2" $([ $? -eq 2 ]; echo $?)
check "and names --reason" grep -q "decision amend: --reason TEXT is required" "$tmp/err"

# summary --pdf into a directory, and --meeting --pdf creating it.
sdb="$tmp/s.db"
tb_fixture "$sdb"
"$TB" --db "$sdb" import "$ex"/*.xml >/dev/null 2>&1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$sdb" >/dev/null 2>&1
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$sdb" >/dev/null 2>&1
mkdir "$tmp/pdfs"
"$TB" --db "$sdb" summary 1 --pdf "$tmp/pdfs/" >"$tmp/out" 2>"$tmp/err"
result "summary --pdf DIR/ writes into the directory" $?
check "as decision-1.pdf" test -s "$tmp/pdfs/decision-1.pdf"
check "and says where" grep -q "decision 1: PDF written to $tmp/pdfs/decision-1.pdf" "$tmp/out"
check "summary --pdf DIR (no slash) too" sh -c '"$0" --db "$1" summary 2 --pdf "$2" >/dev/null 2>&1 && [ "$(ls "$2"/decision-*.pdf | wc -l)" -eq 2 ]' "$TB" "$sdb" "$tmp/pdfs"
dm=$(sqlite3 "$sdb" "SELECT meeting_id FROM decision WHERE meeting_id IS NOT NULL LIMIT 1")
"$TB" --db "$sdb" summary --meeting "$dm" --pdf "$tmp/new/dir" >/dev/null 2>"$tmp/err"
result "summary --meeting --pdf creates a missing directory" $?
check "and writes the meeting's summaries there" sh -c 'ls "$0"/decision-*.pdf >/dev/null 2>&1' "$tmp/new/dir"
check "the directory is private (0700)" sh -c '[ "$(stat -c %a "$0")" = 700 ]' "$tmp/new/dir"
: >"$tmp/afile"
"$TB" --db "$sdb" summary --meeting "$dm" --pdf "$tmp/afile" >/dev/null 2>"$tmp/err"
result "summary --meeting --pdf onto a file exits 5" $([ $? -eq 5 ]; echo $?)
check "and says it wants a directory" grep -q "a file; give a directory" "$tmp/err"

"$TB" --db "$sdb" support --meeting 1 --pdf "$tmp/briefs.pdf" >"$tmp/out" 2>&1
check "support --meeting --pdf says where it wrote" grep -q "briefs of meeting 1 written to $tmp/briefs.pdf" "$tmp/out"

# backup while another process holds the database open: a plain copy of
# the file misses what is still in the write-ahead log, the backup not.
mkfifo "$tmp/fifo"
sqlite3 "$db" <"$tmp/fifo" >/dev/null 2>&1 &
bg=$!
exec 3>"$tmp/fifo"
echo "BEGIN; SELECT count(*) FROM cases;" >&3
sleep 1
m2=$("$TB" --db "$db" meeting add --date 2026-12-08 --start 09:00 --length 30 --board breast --level local)
check "the new meeting is in the write-ahead log" test -s "$db-wal"
cp "$db" "$tmp/plain.db"
check "a plain copy misses it" sh -c '! sqlite3 "$0" "SELECT id FROM meeting" 2>/dev/null | grep -qx "$1"' "$tmp/plain.db" "$m2"
"$TB" --db "$db" backup "$tmp/backup.db" >"$tmp/out" 2>&1
result "backup while the database is in use" $?
check "backup says where it wrote" grep -q "backup written to $tmp/backup.db" "$tmp/out"
check "the backup holds the new meeting" sh -c 'sqlite3 "$0" "SELECT id FROM meeting" | grep -qx "$1"' "$tmp/backup.db" "$m2"
check "the backup stands alone" test ! -e "$tmp/backup.db-wal"
check "the backup is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/backup.db"
echo "COMMIT;" >&3
exec 3>&-
wait "$bg"
bg=
check "the backup verifies" "$TB" --db "$tmp/backup.db" verify
check "the backup has every case" sh -c '[ "$("$0" --db "$1" cases --count)" = "$("$0" --db "$2" cases --count)" ]' "$TB" "$db" "$tmp/backup.db"
check "the backup is recorded in the audit log" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'backup'"'"'")" = 1 ]' "$db"
"$TB" --db "$db" backup "$tmp/backup.db" 2>"$tmp/err"
result "backup over an existing file is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and says the file exists already" grep -q "exists already" "$tmp/err"
"$TB" --db "$db" backup "$tmp/no/such/dir/b.db" 2>"$tmp/err"
result "backup into a missing directory exits 5" $([ $? -eq 5 ]; echo $?)
check "and leaves no temporary file" sh -c '! ls "$0" | grep -q "backup.db\."' "$tmp"
check "the man page says how to copy safely" grep -q "^\.SH COPYING THE DATABASE" "$man"

# Lists with nothing in them: an archive without decisions has nothing to
# follow up (sorting nothing must not touch a null array).
"$TB" --db "$db" followup >"$tmp/out" 2>&1
result "followup with no decisions exits 0" $?

# A decision is made at a meeting only once the meeting has met: signing
# "at" a planned meeting would date the letter to a meeting not yet held.
pm=$("$TB" --db "$db" meeting add --date 2026-12-10 --start 14:00 \
	--length 60 --board general --level local)
"$TB" --db "$db" decision sign "$pc" --meeting "$pm" 2>"$tmp/err"
result "signing at a planned meeting is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and says the meeting has not met" grep -q "meeting: meeting $pm is planned and has not met" "$tmp/err"
check "nothing was signed" sh -c '! "$0" --db "$1" decision list --case "$2" | grep -q " v1 "' "$TB" "$db" "$pc"

# The screen given a mistyped --db does not start an empty archive there.
"$TB" --db "$tmp/typo/tumorbord.db" </dev/null >/dev/null 2>"$tmp/err"
result "the screen on a missing --db exits 4" $([ $? -eq 4 ]; echo $?)
check "and creates nothing" test ! -e "$tmp/typo"
check "and says how a new archive is started" grep -q "make its first administrator" "$tmp/err"
TUMORBOARD_DB="$tmp/typo2.db" "$TB" </dev/null >/dev/null 2>&1
check "nor on a missing TUMORBOARD_DB" test ! -e "$tmp/typo2.db"

# A reason or a name made only of spaces says nothing: refused with a
# message, like an empty one, and nothing changes.
"$TB" --db "$db" meeting cancel "$pm" --reason " " 2>"$tmp/err"
result "meeting cancel with a blank reason exits 2" $([ $? -eq 2 ]; echo $?)
check "and asks for the reason" grep -q "meeting cancel: say why with --reason" "$tmp/err"
"$TB" --db "$db" meeting cancel "$pm" --reason "" 2>"$tmp/err"
check "an empty reason gets the same message" grep -q "meeting cancel: say why with --reason" "$tmp/err"
check "the meeting is still planned" sh -c '"$0" --db "$1" meetings | grep -q "^ *$2 .*planned"' "$TB" "$db" "$pm"
"$TB" --db "$db" agenda "$pm" add "$pc" >/dev/null 2>&1
"$TB" --db "$db" agenda "$pm" remove "$pc" --reason "   " 2>"$tmp/err"
result "agenda remove with a blank reason exits 2" $([ $? -eq 2 ]; echo $?)
check "and the case is still on the agenda" sh -c '"$0" --db "$1" agenda "$2" | grep -q "$3"' "$TB" "$db" "$pm" "$pc"
"$TB" --db "$sdb" followup >"$tmp/fu-before"
"$TB" --db "$sdb" followup 1 informed --by " " 2>"$tmp/err"
result "followup informed by a blank name exits 2" $([ $? -eq 2 ]; echo $?)
check "and says who must be named" grep -q "say who told the patient with --by" "$tmp/err"
"$TB" --db "$sdb" followup 1 informed --by "" 2>"$tmp/err"
check "an empty name is not silent" grep -q "say who told the patient with --by" "$tmp/err"
"$TB" --db "$sdb" followup 1 informed --by "Eva Lind" 2>"$tmp/err"
result "followup informed by a name that is no user's account exits 3" $([ $? -eq 3 ]; echo $?)
check "and says so" grep -q "'Eva Lind' is not a user of this archive" "$tmp/err"
"$TB" --db "$sdb" followup >"$tmp/fu-after"
check "the follow-up list is unchanged" cmp -s "$tmp/fu-before" "$tmp/fu-after"
"$TB" --db "$sdb" user add lena.holm --name "Lena Holm" --title sjuksköterska --role nurse >/dev/null
"$TB" --db "$sdb" user disable lena.holm >/dev/null
"$TB" --db "$sdb" followup 1 informed --by lena.holm 2>"$tmp/err"
result "nor a disabled user (exit 3)" $([ $? -eq 3 ] && grep -q "the user 'lena.holm' is disabled" "$tmp/err"; echo $?)
"$TB" --db "$sdb" followup 1 informed >/dev/null 2>"$tmp/err"
result "without --by the signed-in user told the patient" $?
check "and the account is recorded" sh -c '[ "$(sqlite3 "$0" "SELECT informed_by FROM patient_informed WHERE decision_id = 1")" = "$1" ]' "$sdb" "$(id -un)"
"$TB" --db "$sdb" user edit lena.holm --enable >/dev/null
"$TB" --db "$sdb" followup 1 informed --by lena.holm >/dev/null 2>"$tmp/err"
check "--by another user's account records theirs" sh -c '[ "$(sqlite3 "$0" "SELECT informed_by FROM patient_informed WHERE decision_id = 1")" = lena.holm ]' "$sdb"

# Attendance columns are aligned by what the terminal shows, not bytes:
# the role starts in column 30 after a name with å as after one without.
"$TB" --db "$db" meeting start "$pm" >/dev/null 2>&1
"$TB" --db "$db" meeting attend "$pm" "Lena Ås" kontaktsjuksköterska >/dev/null
"$TB" --db "$db" meeting attend "$pm" "Per Holm" onkolog >/dev/null
"$TB" --db "$db" meeting attendance "$pm" >"$tmp/att"
check "attendance: the role column lines up after å" grep -q "^Lena Ås \{22\}contact nurse" "$tmp/att"
check "attendance: and after a name without" grep -q "^Per Holm \{21\}oncologist" "$tmp/att"
finish
