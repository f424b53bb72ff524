#!/bin/sh
# Eight processes at once against each engine: three edit a field of
# their own of one draft, three edit one shared field of it (each reading
# the draft's revision with form show and writing with form set
# --revision), two import new cases one file at a time. Every process
# only ever prints the waiting notice of a short write (never an error);
# own fields are never refused and end with their writer's last value;
# a shared write made on a value changed after it was read is refused
# (exit 10) saying who changed it, after which revision, and the value
# now, and every saved one was based on the value before it (no lost
# update); every case imported is there, and the archive verifies.
# SQLite in every run; PostgreSQL beside a throwaway server
# (tests/pg-server.sh), skipped and counted where there is none or where
# this version's commands do not take a PostgreSQL archive.
# CONC8_ROUNDS (default 3) sets how often each process writes.
. "$TB_SRCDIR/tests/tap.sh"
rounds=${CONC8_ROUNDS:-3}
waiting="^tumorboard: waiting for another tumorboard to finish writing the database"

# SQL on either engine (portable SQL only)
sql() {
	case $1 in
	postgresql://*) "$TB_PG_BIN/psql" -X -At -d "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}

# The suite against database $1 in directory $2: lines "PASS desc",
# "FAIL desc" and "# diagnostics" on standard output.
suite() {
	db=$1 sd=$2
	pass() { echo "PASS $*"; }
	fail() { echo "FAIL $*"; }
	say() { [ "$1" -eq 0 ] && shift && pass "$@" || { shift; fail "$@"; }; }
	# lines of file $1 other than the waiting notice, as diagnostics;
	# true when there are any
	extra() {
		[ -f "$1" ] && grep -v "$waiting" "$1" >/dev/null || return 1
		grep -v "$waiting" "$1" | sed 's/^/# /'
	}
	tb_fixture "$db" || { fail "the first administrator"; return; }
	"$TB" --db "$db" import "$TB_EXAMPLES"/lung-egfr-l858r.xml >/dev/null ||
		{ fail "a case to decide"; return; }
	c=$("$TB" --db "$db" cases | awk 'NR == 1 { print $1 }')
	"$TB" --db "$db" form open "$c" --form general >/dev/null ||
		{ fail "a draft"; return; }
	inst=$(sql "$db" "SELECT id FROM form_instance WHERE status = 'draft'")
	n0=$("$TB" --db "$db" cases --count)
	# the importers' files: the sample case under new ids
	for w in 7 8; do
		r=0
		while [ $r -lt "$rounds" ]; do
			r=$((r + 1))
			sed "s/id=\"SKA-LUNG-2026-0001\"/id=\"SKA-LUNG-2026-9$w$(printf %02d $r)\"/" \
				"$TB_EXAMPLES"/lung-egfr-l858r.xml >"$sd/case-$w-$r.xml"
		done
	done

	revision() {
		"$TB" --db "$db" form show "$c" 2>>"$1" |
			sed -n '1s/.*, revision \([0-9]*\)$/\1/p'
	}
	editor() {
		w=$1 field=$2 r=0
		while [ $r -lt "$rounds" ]; do
			r=$((r + 1))
			base=$(revision "$sd/w$w.err")
			[ -n "$base" ] || { echo "no revision read" >>"$sd/w$w.err"; continue; }
			"$TB" --db "$db" form set "$c" "$field" "Skrivare $w omgång $r" \
				--revision "$base" >/dev/null 2>"$sd/w$w.$r.err"
			echo "$r $base $?" >>"$sd/w$w.log"
		done
	}
	importer() {
		w=$1 r=0
		while [ $r -lt "$rounds" ]; do
			r=$((r + 1))
			"$TB" --db "$db" import "$sd/case-$w-$r.xml" >/dev/null \
				2>"$sd/w$w.$r.err"
			echo "$r - $?" >>"$sd/w$w.log"
		done
	}
	editor 1 question &
	editor 2 rationale &
	editor 3 contact-nurse &
	editor 4 note &
	editor 5 note &
	editor 6 note &
	importer 7 &
	importer 8 &
	wait

	# every process did all its rounds and printed nothing but the
	# waiting notice (a refusal of a stale write aside)
	bad=0
	for w in 1 2 3 4 5 6 7 8; do
		[ "$(wc -l <"$sd/w$w.log" 2>/dev/null)" = "$rounds" ] || bad=$((bad + 1))
		extra "$sd/w$w.err" && bad=$((bad + 1))
		while read -r r base rc; do
			[ "$rc" = 10 ] && continue
			[ "$rc" = 0 ] || { echo "# w$w round $r: exit $rc"; bad=$((bad + 1)); }
			extra "$sd/w$w.$r.err" && bad=$((bad + 1))
		done <"$sd/w$w.log"
	done
	say $bad "8 processes, $rounds rounds each: no error, only the waiting notice of a short write"

	# own fields: never refused, each holds its writer's last value
	bad=0 w=0
	for f in question rationale contact-nurse; do
		w=$((w + 1))
		grep -q ' 10$' "$sd/w$w.log" && bad=$((bad + 1))
		v=$(sql "$db" "SELECT value FROM form_value WHERE instance_id = $inst AND field = '$f'")
		[ "$v" = "Skrivare $w omgång $rounds" ] || { echo "# $f holds '$v'"; bad=$((bad + 1)); }
	done
	say $bad "same draft, different fields: every write saved, each field its writer's last value"

	# the shared field: saved, or refused as stale with what changed
	: >"$sd/bases"
	bad=0 ok=0 refused=0
	for w in 4 5 6; do
		while read -r r base rc; do
			case $rc in
			0)
				ok=$((ok + 1))
				echo "$base" >>"$sd/bases"
				;;
			10)
				refused=$((refused + 1))
				grep -Eq "^tumorboard form: note: changed by $(id -un) at [0-9-]+ [0-9:]+, after revision $base that you read; now: \"Skrivare [4-6] omgång [0-9]+\"\. Read it and set it again$" "$sd/w$w.$r.err" ||
					{ bad=$((bad + 1)); sed 's/^/# /' "$sd/w$w.$r.err"; }
				;;
			esac
		done <"$sd/w$w.log"
	done
	say $bad "same field: each write saved, or refused (exit 10) with who, when and the value now"
	echo "# same field: $ok saved, $refused refused of $((3 * rounds))"
	say "$([ $ok -ge 1 ] && echo 0 || echo 1)" "same field: some writes were saved"
	# the revisions that changed the field, in order, against the
	# revisions the saved writes were read at, in order: the k-th saved
	# write was read at or after the (k-1)-th change and before the k-th
	sql "$db" "SELECT CAST(substr(detail, length('field note set, revision ') + 1) AS INTEGER) FROM audit WHERE entity = 'form_instance' AND entity_id = $inst AND action = 'set' AND detail LIKE 'field note set, revision %' ORDER BY 1" >"$sd/revs"
	sort -n "$sd/bases" >"$sd/bases.sorted"
	say "$([ "$(wc -l <"$sd/revs")" -eq "$ok" ] && echo 0 || echo 1)" \
		"same field: as many changes as saved writes ($(wc -l <"$sd/revs"))"
	paste "$sd/bases.sorted" "$sd/revs" | awk '
		{ if ($1 < prev || $1 >= $2) { print "# based on " $1 ", made " $2 ", the change before " prev; bad = 1 } prev = $2 }
		END { exit bad }'
	say $? "same field: every saved write was based on the value before it (no lost update)"
	rev=$(revision "$sd/final.err")
	say "$([ "$rev" = $((1 + 3 * rounds + ok)) ] && echo 0 || echo 1)" \
		"the draft's revision counts every saved write ($rev)"

	# the cases imported meanwhile: all there
	n=$("$TB" --db "$db" cases --count)
	say "$([ "$n" = $((n0 + 2 * rounds)) ] && echo 0 || echo 1)" \
		"cases added at the same time: all $((2 * rounds)) there ($n0 + $((2 * rounds)) = $n)"
	"$TB" --db "$db" verify >"$sd/verify" 2>&1
	say $? "the archive verifies after it all"
}

if [ -n "${CONC8_SUITE:-}" ]; then
	suite "$CONC8_SUITE" "$CONC8_DIR"
	exit 0
fi

# the suite's lines as TAP, each named with the engine
report() {
	while IFS= read -r line; do
		case $line in
		"PASS "*) result "$1: ${line#PASS }" 0 ;;
		"FAIL "*) result "$1: ${line#FAIL }" 1 ;;
		*) echo "$line" ;;
		esac
	done <"$2"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- SQLite, every run ----------------------------------------------------
mkdir "$tmp/sqlite"
suite "$tmp/sqlite/tb.db" "$tmp/sqlite" >"$tmp/sqlite.out" 2>&1
report SQLite "$tmp/sqlite.out"
result "SQLite: the suite ran to its end" "$([ "$(grep -c '^\(PASS\|FAIL\) ' "$tmp/sqlite.out")" -ge 8 ] && echo 0 || echo 1)"

# ---- PostgreSQL, where there is a server -------------------------------
skip_pg() {
	diag "SKIPPED: the 8 processes on PostgreSQL: $*"
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP PostgreSQL: $*"
	finish
	exit $?
}
[ "${TB_HAVE_LIBPQ:-}" = yes ] || skip_pg "this build has no libpq"
mkdir "$tmp/pg"
cat >"$tmp/pg.sh" <<'EOF'
"$TB" --db "$TB_PG_OWNER" init >/dev/null 2>&1 || { echo "FAIL init"; exit 0; }
if ! "$TB" --db "$TB_PG_URI" cases >/dev/null 2>"$CONC8_DIR/probe.err"; then
	if grep -q "not supported by this version" "$CONC8_DIR/probe.err"; then
		echo "NOT-SUPPORTED"
		exit 0
	fi
fi
CONC8_SUITE=$TB_PG_URI sh "$TB_SRCDIR/tests/concurrency8.sh"
EOF
CONC8_DIR=$tmp/pg sh "$TB_SRCDIR/tests/pg-server.sh" sh "$tmp/pg.sh" >"$tmp/pg.out" 2>"$tmp/pg.err"
rc=$?
[ "$rc" -eq 77 ] && skip_pg "the PostgreSQL server is not installed"
grep -qx "NOT-SUPPORTED" "$tmp/pg.out" &&
	skip_pg "this version's commands refuse a PostgreSQL archive (only init and migrate take one)"
report PostgreSQL "$tmp/pg.out"
result "PostgreSQL: the suite ran to its end ($rc)" "$([ "$rc" -eq 0 ] && [ "$(grep -c '^\(PASS\|FAIL\) ' "$tmp/pg.out")" -ge 8 ] && echo 0 || echo 1)"
finish
