#!/bin/sh
# The second pass: the command-line and screen tests that exercise the
# store run again with their archives on the throwaway PostgreSQL server
# (tests/pg-server.sh). Each test runs as it is, with TB and TB_AS_BIN
# the program behind tests/tb-on-pg.sh (every SQLite file a database of
# its own on the server) and sqlite3 standing in for the same database;
# its checks are reported here one by one, prefixed with its name.
# make check runs the tests in groups side by side (tests/pg-pass-2.sh ..
# name theirs; each group starts a server of its own); TB_PG_PASS names
# other tests, run here alone. HACKING.md says which tests run twice and
# why the others do not.
# Checks that do not apply to a server (a file's mode, tampering in
# SQLite's own SQL) are listed in tests/pg-pass.skip and reported as
# skipped, with the reason.
# Skipped, and said so, without libpq or the PostgreSQL server.
. "$TB_SRCDIR/tests/tap.sh"
group=${TB_PG_GROUP:-1}
case $group in
1) tests="cli.sh drafts.sh live.sh agenda-remove.sh users.sh coord.sh follow.sh prompts.sh door.sh extract.sh statements.sh" ;;
2) tests="roles.sh access.sh reload.sh coedit.sh casepage.sh search-pnr.sh search-count.sh" ;;
3) tests="fhir.sh fhir_out.sh refer.sh refer_in.sh seal-later.sh" ;;
4) tests="meeting.sh golden.sh report.sh screens.sh cmdline.sh hostile.sh" ;;
*)
	echo "Bail out! pg-pass.sh: no group $group"
	exit 1
	;;
esac
if [ -n "${TB_PG_PASS:-}" ]; then
	if [ "$group" != 1 ]; then
		echo "1..0 # SKIP TB_PG_PASS names the tests: tests/pg-pass.sh runs them"
		exit 0
	fi
	tests=$TB_PG_PASS
fi
if [ "${TB_HAVE_LIBPQ:-}" != yes ]; then
	diag "SKIPPED: pg-pass.sh (group $group): this build has no libpq (configure --with-postgresql):" \
		"the second pass against PostgreSQL did not run"
	echo "1..0 # SKIP built without PostgreSQL (libpq)"
	exit 0
fi
if [ -z "${TB_PG_DIR:-}" ]; then
	err=$(mktemp)
	sh "$TB_SRCDIR/tests/pg-server.sh" sh "$0" 2>"$err"
	rc=$?
	if [ "$rc" -eq 77 ] && grep -q SKIPPED "$err"; then
		diag "SKIPPED: pg-pass.sh (group $group): the second pass against PostgreSQL did not run: $(cat "$err")"
		echo "1..0 # SKIP PostgreSQL server not installed"
		rc=0
	else
		diag <"$err"
	fi
	rm -f "$err"
	exit "$rc"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
wrap() { # name, the program it stands for
	printf '#!/bin/sh\nTB_PG_REAL=%s exec /bin/sh %s/tests/tb-on-pg.sh "$@"\n' \
		"$2" "$TB_SRCDIR" >"$tmp/bin/$1"
	chmod +x "$tmp/bin/$1"
}
wrap tumorboard "$TB"
wrap tumorboard-as "$TB_AS_BIN"
printf '#!/bin/sh\nexec /bin/sh %s/tests/tb-on-pg.sh --sql "$@"\n' "$TB_SRCDIR" >"$tmp/bin/sqlite3"
chmod +x "$tmp/bin/sqlite3"
printf '#!/bin/sh\nexec /bin/sh %s/tests/tb-on-pg.sh --cp "$@"\n' "$TB_SRCDIR" >"$tmp/bin/cp"
chmod +x "$tmp/bin/cp"

# ---- tests/tb-on-pg.sh itself (group 1) ------------------------------------
# An archive is made where the program makes a file (user add), with a
# stand-in file at its path; removing the file removes the archive; a
# command on a path without one makes none; cp copies one; sqlite3's
# options with a value (-cmd) are not taken for the file.
if [ "$group" = 1 ]; then
	w=$tmp/self
	mkdir "$w"
	sq() { "$tmp/bin/sqlite3" "$@"; }
	on() { # FILE ARGS...: the program behind tb-on-pg.sh
		f=$1
		shift
		"$tmp/bin/tumorboard" --db "$f" "$@" >/dev/null 2>&1
	}
	admin() { on "$1" user add "$(id -un)" --name "Karin Berg" --title läkare --role administrator; }
	pgdbs() { "$TB_PG_BIN/psql" -X -q -At -h "$TB_PG_DIR" -U tb_owner -d postgres -c "SELECT count(*) FROM pg_database WHERE datname LIKE 'tb\_%'"; }
	n0=$(pgdbs)
	on "$w/a.db" cases
	result "tb-on-pg: a command on a path without an archive: exit 4" $([ $? -eq 4 ]; echo $?)
	result "tb-on-pg:   and no database is made for it" $([ "$(pgdbs)" = "$n0" ] && [ ! -e "$w/a.db" ]; echo $?)
	admin "$w/a.db"
	result "tb-on-pg: user add makes the archive on the server" $?
	check "tb-on-pg:   with an empty stand-in file at its path, mode 0600" sh -c '[ -f "$0" ] && [ ! -s "$0" ] && [ "$(stat -c %a "$0")" = 600 ]' "$w/a.db"
	check "tb-on-pg: sqlite3 -cmd VALUE FILE SQL reads the archive" sh -c '[ "$("$1" -cmd ".timeout 5000" "$0" "SELECT count(*) FROM users")" = 1 ]' "$w/a.db" "$tmp/bin/sqlite3"
	"$tmp/bin/cp" "$w/a.db" "$w/b.db"
	check "tb-on-pg: cp copies the archive" sh -c '[ "$("$1" "$0" "SELECT count(*) FROM users")" = 1 ]' "$w/b.db" "$tmp/bin/sqlite3"
	rm -f "$w/a.db"
	on "$w/a.db" cases
	result "tb-on-pg: the file removed, the archive is gone: exit 4" $([ $? -eq 4 ]; echo $?)
	admin "$w/a.db" && on "$w/a.db" user add koord --name "Maja Östlund" --title koordinator --role coordinator
	result "tb-on-pg:   a new one starts empty there" $([ "$(sq "$w/a.db" "SELECT count(*) FROM users")" = 2 ]; echo $?)
	result "tb-on-pg:   the copy is untouched" $([ "$(sq "$w/b.db" "SELECT count(*) FROM users")" = 1 ]; echo $?)
fi

for t in $tests; do
	start=$(date +%s)
	(
		TB=$tmp/bin/tumorboard
		TB_AS_BIN=$tmp/bin/tumorboard-as
		PATH=$tmp/bin:$PATH
		export TB TB_AS_BIN PATH
		sh "$TB_SRCDIR/tests/$t"
	) >"$tmp/out" 2>"$tmp/err"
	rc=$?
	n=0
	while IFS= read -r line; do
		desc=${line#*ok * - }
		why=$(awk -F '\t' -v t="$t" -v d="$desc" '$1 == t &&
			substr(d, 1, length($2)) == $2 { print $3; exit }' \
			"$TB_SRCDIR/tests/pg-pass.skip")
		if [ -n "$why" ]; then
			tap_n=$((tap_n + 1))
			echo "ok $tap_n - $t: $desc # SKIP on PostgreSQL: $why"
			continue
		fi
		case $line in
		"ok "*"# SKIP"* | "ok "*"# skip"*)
			tap_n=$((tap_n + 1))
			echo "ok $tap_n - $t: ${line#ok * - } "
			;;
		"ok "*)
			n=$((n + 1))
			result "$t: ${line#ok * - }" 0
			;;
		"not ok "*)
			n=$((n + 1))
			result "$t: ${line#not ok * - }" 1
			;;
		"#"*) echo "# $t: ${line#\# }" ;;
		esac
	done <"$tmp/out"
	result "$t on PostgreSQL: ran to its end ($n checks, exit $rc, $(($(date +%s) - start)) s)" \
		"$([ "$n" -gt 0 ] && grep -q '^1\.\.' "$tmp/out" && echo 0 || echo 1)"
	[ "$rc" -eq 0 ] || diag <"$tmp/err"
done
finish
