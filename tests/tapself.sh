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

# tap_need: a tool tools/bootstrap installs. Missing by hand: said, and the
# caller skips; missing where TB_NEED_TOOLS is set (.ci/run): a failure.
need() { # ENV... -- SNIPPET: runs SNIPPET after tap.sh in a shell of its own
	env "$@" sh -c '. "$TB_SRCDIR/tests/tap.sh"; eval "$TB_SNIPPET"'
}
TB_SNIPPET='tap_need sh dash && echo found' need >"$tmp/o" 2>"$tmp/e"
check "tap_need: a tool that is there" grep -qx found "$tmp/o"
TB_SNIPPET='tap_need no-such-tool-x pkg || echo skip' need -u TB_NEED_TOOLS >"$tmp/o" 2>"$tmp/e"
result "tap_need: missing by hand: the caller skips (exit 0)" $([ $? -eq 0 ] && grep -qx skip "$tmp/o"; echo $?)
check "  and it is said, with the package" grep -q "SKIPPED: no-such-tool-x is not installed (Debian: pkg; tools/bootstrap installs it)" "$tmp/e"
TB_SNIPPET='tap_need no-such-tool-x pkg || echo skip' need TB_NEED_TOOLS=1 >"$tmp/o" 2>"$tmp/e"
result "tap_need: missing under TB_NEED_TOOLS: exit 1" $([ $? -eq 1 ]; echo $?)
check "  a bail-out, no skip" sh -c 'grep -q "^Bail out! no-such-tool-x is not installed" "$0" && ! grep -q skip "$0"' "$tmp/o"
TB_SNIPPET='tap_need_all no-such-tool-x pkg; echo after' need -u TB_NEED_TOOLS >"$tmp/o" 2>"$tmp/e"
result "tap_need_all: missing by hand: the whole test skipped (a 1..0 SKIP plan, exit 0)" $([ $? -eq 0 ] && grep -qx "1..0 # SKIP no-such-tool-x not installed (Debian: pkg; tools/bootstrap installs it)" "$tmp/o" && ! grep -q after "$tmp/o"; echo $?)

# Every test that needs tmux, sqlite3 or groff as a whole, run where the
# tool is not on the PATH: skipped by hand, a failure under TB_NEED_TOOLS.
mkdir "$tmp/bin"
for d in /usr/local/bin /usr/bin /bin; do
	for f in "$d"/*; do
		b=${f##*/}
		case $b in tmux | sqlite3 | groff) continue ;; esac
		[ -e "$tmp/bin/$b" ] || ln -s "$f" "$tmp/bin/$b"
	done
done
for t in coedit:tmux coord:tmux follow:tmux live:tmux prompts:tmux \
	reload:tmux screenwrites:tmux drafts:sqlite3 man:groff; do
	f=${t%%:*}
	tool=${t#*:}
	env -u TB_NEED_TOOLS PATH="$tmp/bin" GROFF=no sh "$TB_SRCDIR/tests/$f.sh" >"$tmp/o" 2>"$tmp/e" </dev/null
	result "$f.sh without $tool, by hand: skipped whole, said (exit 0)" \
		$([ $? -eq 0 ] && grep -qx "1..0 # SKIP $tool not installed.*" "$tmp/o" && grep -q "SKIPPED: $tool is not installed" "$tmp/e"; echo $?)
	env TB_NEED_TOOLS=1 PATH="$tmp/bin" GROFF=no sh "$TB_SRCDIR/tests/$f.sh" >"$tmp/o" 2>"$tmp/e" </dev/null
	result "$f.sh without $tool under TB_NEED_TOOLS: fails (exit 1)" \
		$([ $? -eq 1 ] && grep -q "^Bail out! $tool is not installed" "$tmp/o"; echo $?)
done
finish
