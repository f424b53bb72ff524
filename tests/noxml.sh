#!/bin/sh
# No XML is read before the first screen is up, nor by `cases`: the
# shipped roles and boards are compiled in as tables (tools/gen_builtin.c)
# and the forms are read once the screen is there. The test program,
# with TB_TEST_NO_XML set, aborts when the XML module (xml.so, which
# reads XML) is loaded or a roles or boards file read before its first
# screen (tests/noxml_test.c); a file of the user's is still read.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
XDG_CONFIG_HOME="$tmp/config" # no personal key bindings or boards
export XDG_CONFIG_HOME
printf 'dump q\n' >"$tmp/q.keys"
id=$("$TB" --db "$db" cases | awk 'NR == 1 {print $1}')
[ -n "$id" ] || { echo "Bail out! no case listed"; exit 1; }

# the guard is live: a command that reads XML is stopped by it
TB_TEST_NO_XML=1 "$TB" --db "$db" import "$TB_EXAMPLES/crc-msi-lynch.xml" \
	>"$tmp/out" 2>"$tmp/err"
st=$?
result "an import under the guard is stopped (exit $st)" \
	"$([ "$st" -ne 0 ] && echo 0 || echo 1)"
check "it says what read XML" grep -q "before the first screen" "$tmp/err"

TB_TEST_NO_XML=1 "$TB" --db "$db" cases >"$tmp/out" 2>"$tmp/err"
st=$?
result "cases reads no XML (exit $st)" "$st"
diag <"$tmp/err"
check "cases lists the cases" grep -q "^$id " "$tmp/out"

TB_TEST_NO_XML=1 "$TB" --db "$db" --script "$tmp/q.keys" --size 120x40 \
	--dump "$tmp/screen" >/dev/null 2>"$tmp/err"
st=$?
result "the first screen comes up without reading XML (exit $st)" "$st"
diag <"$tmp/err"
check "the first screen is drawn" test -s "$tmp/screen"

# the user's boards.xml is still read (and checked) before the screen
mkdir -p "$XDG_CONFIG_HOME/tumorboard"
cp "$TB_SRCDIR/data/boards.xml" "$XDG_CONFIG_HOME/tumorboard/boards.xml"
TB_TEST_NO_XML=1 "$TB" --db "$db" --script "$tmp/q.keys" --size 120x40 \
	--dump "$tmp/screen" >/dev/null 2>"$tmp/err"
st=$?
result "a boards.xml of the user's is read (exit $st)" \
	"$([ "$st" -ne 0 ] && echo 0 || echo 1)"
check "it is the user's boards.xml that is read" \
	grep -q "import_boards_read($XDG_CONFIG_HOME/tumorboard/boards.xml)" "$tmp/err"
finish
