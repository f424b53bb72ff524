#!/bin/sh
# A FHIR JSON file is read in place (src/import_map.c): however large the
# file, what of it is in memory stays a window of a quarter of a megabyte; a file
# that changes, or is cut short, while it is read is refused with exit
# status 5 and nothing of it is imported. The import is caught while it
# reads the file (/proc/PID/maps, /proc/PID/stat), stopped, the file
# changed, and let go on.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$TB_GENCASES" --seed 1 --per-file 1000 --fhir 1000 "$tmp/gen" >/dev/null
big="$tmp/gen/cases-00000.json"
size=$(wc -c <"$big" 2>/dev/null || echo 0)
check "the generated Bundle is over 10 MB" test "$size" -gt 10000000
cp "$big" "$tmp/orig.json"

# mapped_by FILE: the process that has FILE mapped (the program, also
# behind a wrapper), waited for while the import started in the background
# ($pid) runs; empty when it ended first.
mapped_by() {
	while kill -0 "$pid" 2>/dev/null; do
		p=$(grep -l -F "$1" /proc/[0-9]*/maps 2>/dev/null | head -1)
		if [ -n "$p" ]; then
			p=${p#/proc/}
			echo "${p%/maps}"
			return
		fi
	done
}

# The file's resident pages, sampled from smaps while it is imported.
tb_fixture "$tmp/a.db"
"$TB" --db "$tmp/a.db" import "$big" >"$tmp/out" 2>"$tmp/err" &
pid=$!
p=$(mapped_by "$big")
most=0 samples=0
while [ -n "$p" ] && kill -0 "$p" 2>/dev/null; do
	kib=$(awk -v f="$big" '/^[0-9a-f]+-[0-9a-f]+ / {m = ($6 == f)} m && /^Rss:/ {s += $2} END {print s + 0}' "/proc/$p/smaps" 2>/dev/null)
	[ -n "$kib" ] && [ "$kib" -gt "$most" ] && most=$kib
	samples=$((samples + 1))
done
wait "$pid"
st=$?
check "the import caught with the file mapped" test -n "$p"
check "the Bundle imported (exit 0)" test "$st" -eq 0
check "1000 new cases" grep -q "1000 new" "$tmp/out"
diag "the file's pages in memory: at most $most KiB in $samples samples (the file: $((size / 1024)) KiB)"
check "sampled while it was read" test "$samples" -gt 5
check "at most 1 MiB of the file in memory at once" test "$most" -le 1024

# cpu_ticks PID: the CPU time process PID has used, in clock ticks (10 ms)
cpu_ticks() {
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}'
}

# stopped_import DB WHAT NAME: the import of $before, $big and $after into
# DB, stopped while it reads $big, WHAT (a command) run, then let go on;
# $st its exit status, $tmp/out and $tmp/err what it said. It is stopped once
# it has used 0.15 s of CPU (the whole import takes about a second): by
# then it has hashed the file as it found it (some 10 ms) - a file changed
# before that is another file, read as it is.
stopped_import() {
	cp "$tmp/orig.json" "$big"
	tb_fixture "$1"
	# shellcheck disable=SC2086
	"$TB" --db "$1" import $before "$big" $after >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	p=$(mapped_by "$big")
	while [ -n "$p" ] && t=$(cpu_ticks "$p") && [ -n "$t" ] && [ "$t" -lt 15 ]; do
		:
	done
	[ -n "$p" ] && kill -STOP "$p"
	[ -n "$p" ] && eval "$2"
	[ -n "$p" ] && kill -CONT "$p"
	wait "$pid"
	st=$?
	check "$3: the import caught with the file mapped" test -n "$p"
}

before= after=
# one byte of an organisation's name changed, the file as long as before
at=$(grep -b -o 'Centralsjukhuset' "$big" | tail -1 | cut -d: -f1)
stopped_import "$tmp/b.db" \
	"printf K | dd of='$big' bs=1 seek=$at conv=notrunc 2>/dev/null" changed
check "changed: exit status 5" test "$st" -eq 5
check "changed: said so" grep -q "$big: the file changed while it was read; nothing of it was imported" "$tmp/err"
n=$("$TB" --db "$tmp/b.db" cases --count 2>&1)
check "changed: nothing imported ($n cases)" test "$n" = 0

# grown: more bytes after the end read (the hash is of the bytes mapped)
stopped_import "$tmp/g.db" "printf '{}' >>'$big'" grown
check "grown: exit status 5" test "$st" -eq 5
check "grown: said to have changed" grep -q "$big: the file changed while it was read; nothing of it was imported" "$tmp/err"
n=$("$TB" --db "$tmp/g.db" cases --count 2>&1)
check "grown: nothing imported ($n cases)" test "$n" = 0

# changed where it is not yet read so that it no longer parses: said to
# have changed, not what the JSON reader made of bytes no longer the file's
stopped_import "$tmp/j.db" \
	"printf '\"' | dd of='$big' bs=1 seek=$at conv=notrunc 2>/dev/null" broken
check "broken: exit status 5" test "$st" -eq 5
check "broken: said to have changed" grep -q "$big: the file changed while it was read; nothing of it was imported" "$tmp/err"
check "broken: and nothing else" test "$(grep -vc ': rejected; nothing from this file was imported$' "$tmp/err")" -eq 1
n=$("$TB" --db "$tmp/j.db" cases --count 2>&1)
check "broken: nothing imported ($n cases)" test "$n" = 0

# cut short by less than a page (no page of it lost: its end reads as
# zeros): said to be cut short, not the JSON's error at the zeros
stopped_import "$tmp/s.db" "truncate -s $((size - 100)) '$big'" "cut by a little"
check "cut by a little: exit status 5" test "$st" -eq 5
check "cut by a little: said so" grep -q "$big: the file was cut short while it was read; nothing of it was imported" "$tmp/err"
check "cut by a little: and nothing else" test "$(grep -vc ': rejected; nothing from this file was imported$' "$tmp/err")" -eq 1
n=$("$TB" --db "$tmp/s.db" cases --count 2>&1)
check "cut by a little: nothing imported ($n cases)" test "$n" = 0

# cut short between two other files: the one before it is imported and its
# line not lost with the program's end (standard output to a file is
# buffered); the one after it is not read, and the message says so
"$TB_GENCASES" --seed 2 --per-file 10 --fhir 10 "$tmp/small" >/dev/null
"$TB_GENCASES" --seed 3 --per-file 10 --fhir 10 "$tmp/later" >/dev/null
before="$tmp/small/cases-00000.json" after="$tmp/later/cases-00000.json"
cut="the file was cut short while it was read; nothing of it, nor of any file named after it, was imported"
stopped_import "$tmp/c.db" "truncate -s $((size / 2)) '$big'" "cut short"
check "cut short: exit status 5" test "$st" -eq 5
check "cut short: said so" grep -q -F "$big: $cut" "$tmp/err"
check "cut short: the file before it imported, and said so" grep -q "^$before: 10 new" "$tmp/out"
check "cut short: the file after it not read" sh -c "! grep -q '$after' '$tmp/out' '$tmp/err'"
n=$("$TB" --db "$tmp/c.db" cases --count 2>&1)
check "cut short: nothing of it imported ($n cases, the 10 before)" test "$n" = 10

# invalid UTF-8 across the reader's window (256 KiB): the first bad byte
# named, as when the file is read whole - a window is not ended inside a
# run of continuation bytes (c2 90 a0 80 bf 90: a0 is the first bad one)
{
	printf '{"a":"'
	head -c $((262140 - 6)) /dev/zero | tr '\0' x
	printf '\302\220\240\200\277\220"}'
} >"$tmp/utf8.json"
"$TB" --db "$tmp/a.db" import --dry-run "$tmp/utf8.json" >/dev/null 2>"$tmp/err"
check "UTF-8 across a window: the stray byte named" grep -q "$tmp/utf8.json:1: not valid UTF-8 (byte 262143)" "$tmp/err"

# a regular file that cannot be mapped (a file of /sys) is read instead
sysf=/sys/kernel/mm/transparent_hugepage/enabled
if [ -f "$sysf" ] && [ -r "$sysf" ]; then
	"$TB" --db "$tmp/a.db" import --dry-run "$sysf" >/dev/null 2>"$tmp/err"
	st=$?
	check "a file that cannot be mapped: read, and refused for what it is (exit 3)" test "$st" -eq 3
	check "a file that cannot be mapped: not a case document" grep -q "not a case document" "$tmp/err"
else
	result "a file that cannot be mapped # SKIP $sysf is not here" 0
fi
finish
