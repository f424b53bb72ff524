#!/bin/sh
# Eight processes editing one draft at once, each reading the draft's
# revision (form show) and setting a value from what it read
# (form set --revision). Four own a field each: every write succeeds and
# each field ends with its writer's last value. Four write the same
# field: a write made on a value someone changed after it was read is
# refused (exit 10) naming who changed it, when and the value now; the
# others succeed, and the accepted writes line up one after the other,
# each based on the value the one before it left (no lost update). No
# command prints anything else but the waiting notice of a short write.
# Abandoning a draft gives the case back the status it had before.
# DRAFTS_ROUNDS (default 6) sets how often each writer writes.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
rounds=${DRAFTS_ROUNDS:-6}
waiting="^tumorboard: waiting for another tumorboard to finish writing the database"
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$TB_EXAMPLES"/lung-egfr-l858r.xml "$TB_EXAMPLES"/crc-msi-lynch.xml >/dev/null || exit 1
c=$("$TB" --db "$db" cases | awk 'NR == 1 { print $1 }')
check "a case to decide" test -n "$c"
"$TB" --db "$db" form open "$c" --form general >/dev/null || exit 1
inst=$(sqlite3 "$db" "SELECT id FROM form_instance WHERE status = 'draft'")
check "one draft" test -n "$inst"

# true, printing them, when file $1 holds lines other than the waiting
# notice
extra() {
	[ -f "$1" ] && grep -v "$waiting" "$1" >/dev/null || return 1
	grep -v "$waiting" "$1" | diag
}

# the draft's revision as form show prints it: "…, draft N, revision R"
revision() {
	"$TB" --db "$db" form show "$c" 2>>"$1" | sed -n '1s/.*, revision \([0-9]*\)$/\1/p'
}

own_fields="question rationale contact-nurse follow-up-owner"
shared=note

writer() {
	w=$1 field=$2
	r=0
	while [ $r -lt "$rounds" ]; do
		r=$((r + 1))
		base=$(revision "$tmp/w$w.err")
		if [ -z "$base" ]; then
			echo "no revision read" >>"$tmp/w$w.fail"
			continue
		fi
		"$TB" --db "$db" form set "$c" "$field" "Skrivare $w omgång $r" \
			--revision "$base" >/dev/null 2>"$tmp/w$w.$r.err"
		echo "$r $base $?" >>"$tmp/w$w.log"
	done
}

i=0
for f in $own_fields; do
	i=$((i + 1))
	writer $i "$f" &
done
while [ $i -lt 8 ]; do
	i=$((i + 1))
	writer $i "$shared" &
done
wait

# ---- every process: only the waiting notice besides a refusal ----------
bad=0
i=0
while [ $i -lt 8 ]; do
	i=$((i + 1))
	[ -f "$tmp/w$i.fail" ] && bad=$((bad + 1))
	[ "$(wc -l <"$tmp/w$i.log")" -eq "$rounds" ] || bad=$((bad + 1))
	extra "$tmp/w$i.err" && bad=$((bad + 1))
done
result "8 writers: every one read and wrote $rounds times, nothing else printed" $bad

# ---- the writers of a field of their own: never refused, nothing lost ----
bad=0
i=0
for f in $own_fields; do
	i=$((i + 1))
	while read -r r base rc; do
		if [ "$rc" != 0 ]; then
			bad=$((bad + 1))
			diag <"$tmp/w$i.$r.err"
		elif extra "$tmp/w$i.$r.err"; then
			bad=$((bad + 1))
		fi
	done <"$tmp/w$i.log"
	v=$(sqlite3 "$db" "SELECT value FROM form_value WHERE instance_id = $inst AND field = '$f'")
	if [ "$v" != "Skrivare $i omgång $rounds" ]; then
		echo "$f holds '$v'" | diag
		bad=$((bad + 1))
	fi
done
result "different fields: every write succeeded, each field holds its writer's last value" $bad

# ---- the writers of one field: refused exactly where stale ---------------
: >"$tmp/bases"
bad=0 ok=0 refused=0
i=4
while [ $i -lt 8 ]; do
	i=$((i + 1))
	while read -r r base rc; do
		e="$tmp/w$i.$r.err"
		case $rc in
		0)
			ok=$((ok + 1))
			echo "$base" >>"$tmp/bases"
			extra "$e" && bad=$((bad + 1))
			;;
		10)
			refused=$((refused + 1))
			# who, when, after which revision, and a value some
			# writer wrote
			if ! grep -Eq "^tumorboard form: $shared: changed by $(id -un) at [0-9-]+ [0-9:]+, after revision $base that you read; now: \"Skrivare [5-8] omgång [0-9]+\"\. Read it and set it again$" "$e"; then
				bad=$((bad + 1))
				diag <"$e"
			fi
			# stale indeed: the field changed after the revision read
			n=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE entity = 'form_instance' AND entity_id = $inst AND action = 'set' AND detail LIKE 'field $shared set, revision %' AND CAST(substr(detail, length('field $shared set, revision ') + 1) AS INTEGER) > $base")
			if [ "$n" -lt 1 ]; then
				echo "w$i round $r refused at $base, unchanged since" | diag
				bad=$((bad + 1))
			fi
			;;
		*)
			bad=$((bad + 1))
			echo "w$i round $r: exit $rc" | diag
			diag <"$e"
			;;
		esac
	done <"$tmp/w$i.log"
done
result "one field: each write either saved or refused as stale with who, when and the value now" $bad
check "one field: some writes were saved" test $ok -ge 1
diag "one field: $ok saved, $refused refused of $((4 * rounds))"
# The revisions that changed the field, in order, against the revisions
# the saved writes were based on, in order: the k-th saved write was read
# at or after the (k-1)-th change and before the k-th, so no write
# replaced a value it had not read.
sqlite3 "$db" "SELECT CAST(substr(detail, length('field $shared set, revision ') + 1) AS INTEGER) FROM audit WHERE entity = 'form_instance' AND entity_id = $inst AND action = 'set' AND detail LIKE 'field $shared set, revision %' ORDER BY 1" >"$tmp/revs"
sort -n "$tmp/bases" >"$tmp/bases.sorted"
check "one field: as many changes as saved writes" test "$(wc -l <"$tmp/revs")" -eq "$ok"
paste "$tmp/bases.sorted" "$tmp/revs" | awk -v first=1 '
	{ if ($1 < prev || $1 >= $2) { print "based on " $1 ", made " $2 ", the change before " prev; bad = 1 } prev = $2 }
	END { exit bad }' >"$tmp/order"
result "one field: every saved write was based on the value before it (no lost update)" $?
diag <"$tmp/order"
last=$(sqlite3 "$db" "SELECT value FROM form_value WHERE instance_id = $inst AND field = '$shared'")
check "one field: the value is a saved write's" sh -c 'echo "$0" | grep -Eq "^Skrivare [5-8] omgång [0-9]+$"' "$last"

# ---- the draft as a whole ------------------------------------------------
rev=$(revision "$tmp/final.err")
check "the draft's revision counts every saved write" test "$rev" -eq $((1 + 4 * rounds + ok))
check "the chain is intact" "$TB" --db "$db" verify
# signing what was read back at an earlier revision is refused
"$TB" --db "$db" decision sign "$c" --attendee "Karin Berg:onkolog" --revision $((rev - 1)) 2>"$tmp/sign.err" >/dev/null
result "signing a revision older than the draft's exits 10" $([ $? -eq 10 ]; echo $?)
check "and names what changed" grep -q "changed: $(sqlite3 "$db" "SELECT field FROM form_value_rev WHERE instance_id = $inst AND revision = $rev")" "$tmp/sign.err"
# ---- abandoning a draft gives the case back its status --------------------
# Opening the form leaves the case as it was; the first value saved moves
# it to decision-draft; abandoning the draft, empty or not, puts it back
# where it was (it stayed decision-draft).
other=$("$TB" --db "$db" cases | awk -v c="$c" '$1 != c { print $1; exit }')
before=$(sqlite3 "$db" "SELECT status FROM cases WHERE external_id = '$other'")
check "another case, not in decision-draft ($before)" sh -c '[ -n "$0" ] && [ "$0" != decision-draft ]' "$before"
"$TB" --db "$db" form open "$other" --form general >/dev/null || exit 1
check "opening its form leaves its status ($before)" test "$(sqlite3 "$db" "SELECT status FROM cases WHERE external_id = '$other'")" = "$before"
"$TB" --db "$db" form abandon "$other" >/dev/null || exit 1
check "abandoning the empty draft gives back its status ($before)" test "$(sqlite3 "$db" "SELECT status FROM cases WHERE external_id = '$other'")" = "$before"
"$TB" --db "$db" form open "$other" --form general >/dev/null || exit 1
"$TB" --db "$db" form set "$other" rationale "Utkast som överges." >/dev/null || exit 1
check "a value saved makes it decision-draft" test "$(sqlite3 "$db" "SELECT status FROM cases WHERE external_id = '$other'")" = decision-draft
"$TB" --db "$db" form abandon "$other" >/dev/null || exit 1
check "abandoning a draft with values gives it back too" test "$(sqlite3 "$db" "SELECT status FROM cases WHERE external_id = '$other'")" = "$before"
check "the abandonment says so in the audit log, by status only" test "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'abandon' AND detail = 'draft abandoned; the case is $before again'")" = 2
check "the chain is intact after the abandonments" "$TB" --db "$db" verify
finish
