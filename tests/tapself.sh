#!/bin/sh
# The TAP helpers themselves: a check that nothing is in a file fails
# when the file is missing (it would prove nothing), and a skip is
# counted as skipped with its reason.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'alpha\nbeta\n' >"$tmp/f"
: >"$tmp/empty"
check "lacks: a file without the pattern" lacks "$tmp/f" -q gamma
check "lacks: an empty file lacks everything" lacks "$tmp/empty" -q gamma
result "lacks: a file with the pattern" \
	$(lacks "$tmp/f" -q beta 2>/dev/null && echo 1 || echo 0)
result "lacks: a missing file is no pass" \
	$(lacks "$tmp/none" -q gamma 2>/dev/null && echo 1 || echo 0)
check "lacks: and says so" sh -c '. "$0"; lacks "$1" -q x 2>&1 | grep -q "missing: nothing was checked"' \
	"$TB_SRCDIR/tests/tap.sh" "$tmp/none"
result "lacks: grep's own error is no pass" \
	$(lacks "$tmp/f" -q "[" 2>/dev/null && echo 1 || echo 0)
mkdir "$tmp/d" && printf 'x\n' >"$tmp/d/a"
check "lacks: a directory with grep -r" lacks "$tmp/d" -rq gamma
result "lacks: a directory with the pattern" \
	$(lacks "$tmp/d" -rq x 2>/dev/null && echo 1 || echo 0)
# a skip is an ok line with the SKIP directive and its reason
n=$tap_n
out=$(tap_skip "a thing" "no tool here" 2>"$tmp/skip.err")
tap_n=$n
check "tap_skip: counted as skipped with the reason" \
	sh -c 'printf "%s\n" "$0" | grep -Eqx "ok [0-9]+ - a thing # SKIP no tool here"' "$out"
check "tap_skip: and said on standard error" grep -qx "# SKIPPED: a thing: no tool here" "$tmp/skip.err"
finish
