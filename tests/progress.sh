#!/bin/sh
# Long work shows one line of progress on standard error when it is a
# terminal (a pseudo-terminal from script(1) here) and ends it with what
# was done and how long it took; when standard error is not a terminal
# nothing of it is written. import, verify, extract, report and backup.
. "$TB_SRCDIR/tests/tap.sh"
if ! script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	echo "1..0 # SKIP script(1) cannot open a pseudo-terminal here"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
TUMORBOARD_EXTRACT_KEY=$tmp/extract.key
export TUMORBOARD_EXTRACT_KEY
tb_fixture "$db" || exit 1
n=$(ls "$TB_EXAMPLES"/*.xml | wc -l)
check "the sample cases are there" test "$n" -gt 10

# on_tty NAME CMD : runs CMD (a shell command line) with standard error on
# a pseudo-terminal; what reached the terminal is in $tmp/NAME.tty
on_tty() {
	script -qec "$2" "$tmp/$1.tty" </dev/null >/dev/null 2>&1
}
esc=$(printf '\033')
cr=$(printf '\r')

# ---- not a terminal: nothing ---------------------------------------------
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >"$tmp/import.out" \
	2>"$tmp/import.err"
result "import into a file: exit 0" $?
check "import: each file's line on standard output" \
	test "$(grep -c ' new, ' "$tmp/import.out")" -eq "$n"
# the cases in them (a file may hold several)
cases=$(awk '{s += $2} END {print s}' "$tmp/import.out")
check "more cases than files" test "$cases" -gt "$n"
check "import: standard error stays empty" test ! -s "$tmp/import.err"
"$TB" --db "$db" verify >"$tmp/verify.out" 2>"$tmp/verify.err"
result "verify into a file: exit 0" $?
check "verify: standard error stays empty" test ! -s "$tmp/verify.err"
# the first extract makes the key and says so on standard error
"$TB" --db "$db" extract --purpose "Studie" --basis "EPM 2026-1" \
	--dir "$tmp/x0" >/dev/null 2>&1
"$TB" --db "$db" extract --purpose "Studie" --basis "EPM 2026-1" \
	--dir "$tmp/x1" >"$tmp/extract.out" 2>"$tmp/extract.err"
result "extract into a file: exit 0" $?
check "extract: standard error stays empty" test ! -s "$tmp/extract.err"
check "extract: its own line on standard output" grep -q "^extract .* written to" "$tmp/extract.out"

# ---- a terminal: the line, and the final line ----------------------------
db2="$tmp/tb2.db"
tb_fixture "$db2" || exit 1
on_tty import "'$TB' --db '$db2' import '$TB_EXAMPLES'/*.xml >'$tmp/import2.out'"
result "import on a terminal: exit 0" $?
check "import: the files' lines still on standard output only" \
	test "$(grep -c ' new, ' "$tmp/import2.out")" -eq "$n"
check "import: no progress on standard output" lacks "$tmp/import2.out" -q "import: "
check "import: the final line counts every case and the time taken" \
	grep -q "import: $cases cases in [0-9.]* s ([0-9,]* a second)" "$tmp/import.tty"
check "import: drawn from the start of the line and cleared to its end" \
	grep -q "${cr}import: $cases cases in .*${esc}\[K" "$tmp/import.tty"
on_tty verify "'$TB' --db '$db2' verify >'$tmp/verify2.out'"
result "verify on a terminal: exit 0" $?
check "verify: the final line" \
	grep -q "${cr}verify: [0-9,]* audit entries in [0-9.]* s ([0-9,]* a second)${esc}\[K" "$tmp/verify.tty"
check "verify: its result on standard output" test -s "$tmp/verify2.out"
on_tty extract "'$TB' --db '$db2' extract --purpose Studie --basis EPM --dir '$tmp/x2' >'$tmp/extract2.out'"
result "extract on a terminal: exit 0" $?
check "extract: the final line counts the cases read" \
	grep -q "${cr}extract: $cases cases in [0-9.]* s ([0-9,]* a second)${esc}\[K" "$tmp/extract.tty"
check "extract: its own line on standard output" grep -q "^extract .* written to" "$tmp/extract2.out"
on_tty report "'$TB' --db '$db2' report --from 2000-01-01 --to 2030-12-31 --csv >'$tmp/report2.out'"
result "report on a terminal: exit 0" $?
check "report: the final line counts the period's cases" \
	grep -q "${cr}report: $cases cases in [0-9.]* s ([0-9,]* a second)${esc}\[K" "$tmp/report.tty"
check "report: its CSV on standard output" grep -q "^from,to,table,row,column,value$" "$tmp/report2.out"
"$TB" --db "$db2" report --from 2000-01-01 --to 2030-12-31 >"$tmp/report3.out" 2>"$tmp/report3.err"
result "report into a file: exit 0" $?
check "report: standard error stays empty" test ! -s "$tmp/report3.err"

# ---- backup: the copy in KiB, through the store's progress -------------
"$TB" --db "$db" backup "$tmp/b1.db" >"$tmp/backup.out" 2>"$tmp/backup.err"
result "backup into a file: exit 0" $?
check "backup: standard error stays empty" test ! -s "$tmp/backup.err"
on_tty backup "'$TB' --db '$db2' backup '$tmp/b2.db' >'$tmp/backup2.out'"
result "backup on a terminal: exit 0" $?
# the copy's size in KiB, grouped as the line groups it (1,234)
kib=$(($(stat -c %s "$tmp/b2.db") / 1024))
kib=$(echo "$kib" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta')
check "backup: the final line counts the KiB copied and the time taken" \
	grep -q "${cr}backup: $kib KiB in [0-9.]* s ([0-9,]* a second)${esc}\[K" "$tmp/backup.tty"
check "backup: its own line on standard output" grep -q "^backup written to" "$tmp/backup2.out"
# a backup that fails leaves no progress line behind, only its error
: >"$tmp/b3.db"
on_tty backup3 "'$TB' --db '$db2' backup '$tmp/b3.db' >/dev/null"
check "backup to an existing file: its error, no final line" \
	sh -c '! grep -q "backup: .* KiB in" "$1" && grep -q "exists already" "$1"' sh "$tmp/backup3.tty"
finish
