#!/bin/sh
# The decision form as a chair uses it, at 80x24 and 200x60, in English
# and Swedish: what a refused answer says beside the prompt that asks
# again. Each script runs on a fresh copy of the sample archive with its
# meetings (examples/demo-meetings.sh), meeting 1 running.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tb_fixture "$tmp/tb.db" || exit 1
"$TB" --db "$tmp/tb.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$tmp/tb.db" >/dev/null ||
	exit 1
"$TB" --db "$tmp/tb.db" meeting start 1 >/dev/null 2>&1 || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME

# play NAME SIZE LANG: runs $tmp/NAME.keys at SIZE with the interface in
# LANG on a fresh copy; the screens dumped into $tmp/NAME-SIZE-LANG.
play() {
	cp "$tmp/tb.db" "$tmp/run.db"
	out="$tmp/$1-$2-$3"
	LANG=C.UTF-8 LANGUAGE=$3 "$TB" --db "$tmp/run.db" \
		--script "$tmp/$1.keys" --size "$2" --dump "$out" \
		>"$out.err" 2>&1
	result "$1 at $2 ($3) runs" $?
}

# The board of meeting 1 is not quorate: an empty reason to sign anyway
# is asked for again, and the prompt says why, on the rows just above it
# (not somewhere in the detail pane).
cat >"$tmp/quorum.keys" <<'KEYS'
m Enter Enter d
Enter Enter
type X
Enter
type X
Enter 3 3 6 2
type Enligt vårdprogram.
Enter 1 2
type Lena Holm
Enter
type +3w
Enter
F2 Enter
type Karin Berg:onkolog
Enter
Enter dump
KEYS
for size in 80x24 200x60; do
	play quorum $size en
	check "quorum $size (en): the refusal is said just above the prompt" \
		sh -c 'grep -A1 "quorate; Esc does not sign$" "$0" | grep -q "^ Not quorate (nobody as"' \
		"$tmp/quorum-$size-en"
	play quorum $size sv
	check "quorum $size (sv): the refusal is said just above the prompt" \
		sh -c 'grep -A1 "signerar inte$" "$0" | grep -q "^ Inte beslutsför (ingen som"' \
		"$tmp/quorum-$size-sv"
done

finish
