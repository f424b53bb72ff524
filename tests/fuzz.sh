#!/bin/sh
# The fuzz harnesses on their seed corpus and saved crashers (fuzz/targets).
# With --enable-fuzzing: libFuzzer runs each target for FUZZ_CHECK_SECONDS
# (default 7, about a minute in all) from the seeds, the saved crashers and
# a schema dictionary. Without: fuzz/replay.c runs each seed and crasher
# once, so a parser regression on them fails `make check` with any
# compiler. A target whose binary or seeds are missing fails.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bin=${TB_FUZZ_BIN:?}
secs=${FUZZ_CHECK_SECONDS:-7}

while read -r name dict seeds; do
	case $name in '' | '#'*) continue ;; esac
	exe="$bin/fuzz_$name"
	crashers="$TB_SRCDIR/fuzz/crashers/$name"
	[ -d "$crashers" ] || crashers=
	set --
	for s in $seeds; do set -- "$@" "$TB_SRCDIR/$s"; done
	if [ "${TB_FUZZING:-no}" = yes ]; then
		# libFuzzer takes directories only: the seeds are copied into
		# the run's corpus.
		corpus="$tmp/corpus-$name"
		mkdir -p "$corpus"
		for s in "$@"; do
			if [ -d "$s" ]; then cp "$s"/* "$corpus"/; else cp "$s" "$corpus"/; fi
		done
		case $dict in
		*.rng) sh "$TB_SRCDIR/tools/rng2dict.sh" "$TB_SRCDIR/$dict" >"$tmp/$name.dict" ;;
		*) cp "$TB_SRCDIR/$dict" "$tmp/$name.dict" ;;
		esac
		"$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
			-dict="$tmp/$name.dict" -artifact_prefix="$tmp/$name-" \
			-print_final_stats=1 "$corpus" $crashers \
			>"$tmp/$name.log" 2>&1
		rc=$?
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log")
		result "fuzz $name: ${runs:-0} runs in ${secs}s, nothing found" $rc
		[ $rc -eq 0 ] || { tail -40 "$tmp/$name.log" | sed 's/^/# /'; ls "$tmp"/"$name"-* 2>/dev/null | sed 's/^/# artifact: /'; }
	else
		"$exe" "$@" $crashers >"$tmp/$name.log" 2>&1
		rc=$?
		result "replay $name: $(sed -n 's/.*replayed \([0-9]*\) inputs/\1/p' "$tmp/$name.log") seeds and crashers" $rc
		[ $rc -eq 0 ] || tail -20 "$tmp/$name.log" | sed 's/^/# /'
	fi
done <"$TB_SRCDIR/fuzz/targets"
finish
