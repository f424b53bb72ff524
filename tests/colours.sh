#!/bin/sh
# Every screen readable in colour and without: no printed cell may have
# the same foreground and background colour. tests/colours.keys walks
# through every screen; it runs headless (--dump-mode attrs marks such
# cells UNREADABLE) and in a real terminal under tmux (capture-pane -e,
# checked by tests/sgr-check.awk), at 80x24 and 200x60, with
# TERM=xterm-256color in colour and with NO_COLOR.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
# One tmux server per walk: a server that is shutting down after its last
# session was killed must not take the next walk's session with it.
sock=
trap 'for s in "$tmp"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$tmp"' EXIT
keys="$TB_SRCDIR/tests/colours.keys"
sgrcheck="$TB_SRCDIR/tests/sgr-check.awk"
[ -s "$keys" ] && [ -s "$sgrcheck" ] || {
	echo "Bail out! tests/colours.keys or tests/sgr-check.awk missing"
	exit 1
}
tb_fixture "$tmp/base.db" || exit 1
"$TB" --db "$tmp/base.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$tmp/base.db" >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$tmp/base.db" >/dev/null || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
screens=$(grep -v '^#' "$keys" | grep -v '^type ' | grep -o 'dump' | wc -l)
[ "$screens" -gt 20 ] || {
	echo "Bail out! tests/colours.keys dumps too few screens"
	exit 1
}

# The checker itself: a cell drawn black on black is counted, default
# colours and distinct colours are not.
e=$(printf '\033')
printf '%s[30m%s[40mAB%s[0m ok %s[37;44mok\n%s[31mx%s[41my\n' \
	"$e" "$e" "$e" "$e" "$e" "$e" >"$tmp/sample"
check "the checker counts fg = bg cells" \
	sh -c '[ "$(LC_ALL=C awk -f "$0" "$1")" = "3 of 8" ]' "$sgrcheck" "$tmp/sample"

for size in 80x24 200x60; do
	for mode in colour mono; do
		nc=
		[ $mode = mono ] && nc=1
		cp "$tmp/base.db" "$tmp/run.db"
		out="$tmp/$mode-$size.attrs"
		NO_COLOR=$nc LANG=C.UTF-8 "$TB" --db "$tmp/run.db" \
			--script "$keys" --size "$size" --dump-mode attrs \
			--dump "$out" >"$tmp/err" 2>&1
		result "headless walk $mode $size runs" $?
		n=$(grep -c '^--- screen ' "$out")
		check "headless walk $mode $size shows $screens screens" \
			[ "$n" = "$screens" ]
		want=colour
		[ $mode = mono ] && want=monochrome
		check "every $mode screen at $size dumped with attributes" \
			[ "$(grep -c "^--- $want: [1-9][0-9]* printed cells, [0-9]* unreadable" "$out")" = "$screens" ]
		if grep -q 'UNREADABLE' "$out"; then
			grep -B1 'UNREADABLE' "$out" | head -6 | diag
			result "headless $mode $size: no cell fg = bg" 1
		else
			result "headless $mode $size: no cell fg = bg" 0
		fi
	done
done

if ! tap_need tmux tmux; then
	tap_skip "the terminal half (tmux: colour and NO_COLOR)" \
		"tmux is not installed (tools/bootstrap installs it)"
	finish
	exit
fi

# The same walk under tmux: before each capture the pane must show what
# the headless screen showed (same database, same fixed clock), so the
# capture is of the right screen.
screen_n() { # N FILE: screen N of a headless text dump
	awk -v n="$1" '/^--- screen /{s++; next} /^--- /{next} /^= /{next} s==n' "$2"
}
plain() { tmux -S "$sock" capture-pane -p -t "$1" | sed 's/ *$//'; }
sync_screen() { # SESSION WANTFILE
	i=0
	while [ $i -lt 100 ]; do
		plain "$1" >"$tmp/now"
		cmp -s "$tmp/now" "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diff "$2" "$tmp/now" | head -20 | diag
	return 1
}
send() { tmux -S "$sock" send-keys -t "$tb" "$@"; }

for size in 80x24 200x60; do
	cols=${size%x*}
	rows=${size#*x}
	for mode in colour mono; do
		nc=
		[ $mode = mono ] && nc=1
		want="$tmp/$mode-$size.attrs"
		tb="$mode$size"
		sock="$tmp/tmux-$tb.sock"
		cp "$tmp/base.db" "$tmp/$tb.db"
		tmux -u -S "$sock" -f /dev/null new-session -d -s "$tb" \
			-x "$cols" -y "$rows" \
			"env XDG_CONFIG_HOME=$tmp/config NO_COLOR=$nc LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW TZ=$TZ '$TB' --db '$tmp/$tb.db'; echo EXITED \$?; sleep 30"
		k=0
		bad=0
		grep -v '^#' "$keys" >"$tmp/walk"
		while IFS= read -r line; do
			case $line in
			"type "*)
				send -l "${line#type }"
				continue
				;;
			esac
			for tok in $line; do
				case $tok in
				dump)
					k=$((k + 1))
					screen_n "$k" "$want" | sed 's/ *$//' >"$tmp/want"
					if ! sync_screen "$tb" "$tmp/want"; then
						echo "# $tb screen $k never appeared"
						bad=1
						continue
					fi
					tmux -S "$sock" capture-pane -e -p -t "$tb" >"$tmp/cap"
					if ! r=$(LC_ALL=C awk -f "$sgrcheck" "$tmp/cap"); then
						echo "# $tb screen $k: $r printed cells fg = bg"
						bad=1
					fi
					;;
				Esc)
					send Escape
					sleep 0.1
					;;
				Enter | Tab | C-u | Home) send "$tok" ;;
				BackTab) send BTab ;;
				*) send -l "$tok" ;;
				esac
			done
		done <"$tmp/walk"
		# the walk ends with Q: the program is gone, status 0
		i=0
		until plain "$tb" | grep -q '^EXITED 0$' || [ $i -ge 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		[ $i -lt 100 ] || bad=1
		check "tmux $mode $size: $k screens, no printed cell fg = bg" [ $bad = 0 ]
		if [ $mode = colour ]; then
			check "tmux $mode $size uses colours" grep -q "${e}\[4[0-7]m" "$tmp/cap"
		else
			check "tmux $mode $size has no colour" lacks "$tmp/cap" -q "$e\[[34][0-7]m"
		fi
		tmux -S "$sock" kill-session -t "$tb"
	done
done

# A terminal without an alternate screen (the Linux console) keeps what
# was drawn after the program ends: the shell's next line comes on the
# status line's row, which is cleared for it, not written over.
tb=linux
sock="$tmp/tmux-$tb.sock"
cp "$tmp/base.db" "$tmp/$tb.db"
tmux -u -S "$sock" -f /dev/null new-session -d -s "$tb" -x 80 -y 24 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=linux TUMORBOARD_NOW=$TUMORBOARD_NOW TZ=$TZ '$TB' --db '$tmp/$tb.db'; echo EXITED \$?; sleep 30"
i=0
until plain "$tb" | grep -q 'tumorboard' || [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
send q
i=0
until plain "$tb" | grep -q '^EXITED' || [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
plain "$tb" >"$tmp/linux"
check "TERM=linux: the shell's line after quitting is on a cleared row" \
	grep -q '^EXITED 0$' "$tmp/linux"
grep EXITED "$tmp/linux" | diag
tmux -S "$sock" kill-session -t "$tb"
finish
