#!/bin/sh
# A throwaway PostgreSQL server for the tests:
#
#   sh tests/pg-server.sh COMMAND [ARGS...]
#
# makes a cluster in a new temporary directory (initdb), starts it
# (pg_ctl) listening only on a Unix socket in that directory (no TCP
# port: listen_addresses = ''), creates the database "tumorboard", its
# owner "tb_owner" (the cluster's superuser, who creates the schema) and
# the application role "tb_app" (LOGIN, a member of "tumorboard_app", no
# other rights), runs COMMAND with the connection in its environment, and
# stops the server and removes the directory when COMMAND ends, fails or
# is interrupted. The exit status is COMMAND's.
#
# COMMAND's environment:
#   TB_PG_URI    postgresql:// URI of the database as the application role
#   TB_PG_OWNER  the same as the schema owner
#   TB_PG_DIR    the temporary directory (the socket is in it)
#   PGHOST PGDATABASE PGUSER  as for every libpq program (the owner)
#   TB_PG_BIN    the server's programs (initdb, pg_ctl, psql)
#
# Where the PostgreSQL server is not installed it says so on standard
# error and exits 77 (the usual "skipped" of test harnesses), or 1 where
# TB_NEED_TOOLS is set (.ci/run: tools/bootstrap installs it). PG_BINDIR
# names the server's programs if they are not where pg_config says.
# Run as root (as CI does), the server runs as the unprivileged "postgres"
# account (or "nobody" without it): initdb refuses root.
set -u

say() { printf 'pg-server: %s\n' "$*" >&2; }

if [ $# -eq 0 ]; then
	say "usage: sh tests/pg-server.sh COMMAND [ARGS...]"
	exit 2
fi

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ] && command -v pg_config >/dev/null 2>&1; then
	bindir=$(pg_config --bindir 2>/dev/null)
fi
if [ -z "${PG_BINDIR:-}" ] && { [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; }; then
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		if [ -x "$d/initdb" ]; then
			bindir=$d
			break
		fi
	done
fi
for p in initdb pg_ctl psql; do
	if [ -z "$bindir" ] || [ ! -x "$bindir/$p" ]; then
		# tools/bootstrap installs it: where TB_NEED_TOOLS is set
		# (.ci/run), its absence is a failure, not a skip
		if [ -n "${TB_NEED_TOOLS:-}" ]; then
			say "FAILED: the PostgreSQL server is not installed (no $p;" \
				"tools/bootstrap installs it; TB_NEED_TOOLS is set)"
			exit 1
		fi
		say "SKIPPED: the PostgreSQL server is not installed (no $p;" \
			"Debian: apt-get install postgresql, or" \
			"sh tools/bootstrap); set PG_BINDIR if it is elsewhere"
		exit 77
	fi
done

# Who runs the server: this account, or an unprivileged one for root.
runas=""
if [ "$(id -u)" -eq 0 ]; then
	if id postgres >/dev/null 2>&1; then
		srvuser=postgres
	else
		srvuser=nobody
	fi
	if command -v runuser >/dev/null 2>&1; then
		runas="runuser -u $srvuser --"
	elif command -v setpriv >/dev/null 2>&1; then
		runas="setpriv --reuid=$srvuser --regid=$(id -g $srvuser) --init-groups --"
	else
		say "SKIPPED: running as root without runuser or setpriv to" \
			"start the server as $srvuser"
		exit 77
	fi
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/tb-pg.XXXXXX") || exit 1
pgdata=$dir/data
started=no
cleanup() {
	if [ "$started" = yes ]; then
		$runas "$bindir/pg_ctl" -D "$pgdata" -m immediate -w stop \
			>/dev/null 2>&1 || say "could not stop the server in $dir"
	fi
	rm -rf "$dir"
}
child=""
stop_child() {
	[ -n "$child" ] && kill -TERM "$child" 2>/dev/null && wait "$child"
	exit "$1"
}
trap cleanup EXIT
trap 'stop_child 129' HUP
trap 'stop_child 130' INT
trap 'stop_child 143' TERM

[ -n "$runas" ] && chown "$srvuser" "$dir"
chmod 700 "$dir"
# the server's account may not be able to enter the current directory
here=$(pwd)
cd "$dir" || exit 1

# trust over the socket: only the directory's owner (and root) can reach
# it, and nothing listens on the network
if ! $runas env LC_ALL=C.UTF-8 "$bindir/initdb" -D "$pgdata" -U tb_owner \
	--auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync \
	>"$dir/initdb.log" 2>&1; then
	say "initdb failed:"
	sed 's/^/  /' "$dir/initdb.log" >&2
	exit 1
fi
if ! $runas "$bindir/pg_ctl" -D "$pgdata" -l "$dir/server.log" -w -t 60 \
	-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
	start >/dev/null 2>&1; then
	say "the server did not start:"
	sed 's/^/  /' "$dir/server.log" >&2
	exit 1
fi
started=yes

psql_owner() {
	"$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -U tb_owner "$@"
}
if ! psql_owner -d postgres >"$dir/setup.log" 2>&1 <<'EOF'; then
CREATE ROLE tumorboard_app NOLOGIN;
CREATE ROLE tb_app LOGIN IN ROLE tumorboard_app;
CREATE DATABASE tumorboard OWNER tb_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE tumorboard FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE tumorboard TO tumorboard_app;
EOF
	say "setting up the database failed:"
	sed 's/^/  /' "$dir/setup.log" >&2
	exit 1
fi
psql_owner -d tumorboard -c 'REVOKE ALL ON SCHEMA public FROM PUBLIC' \
	-c 'GRANT USAGE ON SCHEMA public TO tumorboard_app' >/dev/null || exit 1

TB_PG_DIR=$dir
TB_PG_BIN=$bindir
# the socket directory as the URI's host, percent-encoded
host=$(printf '%s' "$dir" | sed 's|%|%25|g; s|/|%2F|g')
TB_PG_URI="postgresql://tb_app@$host/tumorboard"
TB_PG_OWNER="postgresql://tb_owner@$host/tumorboard"
PGHOST=$dir
PGDATABASE=tumorboard
PGUSER=tb_owner
export TB_PG_DIR TB_PG_BIN TB_PG_URI TB_PG_OWNER PGHOST PGDATABASE PGUSER
unset PGPORT PGSERVICE PGSERVICEFILE PGPASSWORD PGPASSFILE PGHOSTADDR \
	PGOPTIONS PGSSLMODE 2>/dev/null
# a sanitized build: the leak check of everything run beside the server
# without thread-local storage scanned (tests/lsan-pg.supp says why)
if [ "${TB_SANITIZERS:-}" = yes ] && [ -n "${TB_SRCDIR:-}" ]; then
	LSAN_OPTIONS="${LSAN_OPTIONS:-}:use_tls=0:suppressions=$TB_SRCDIR/tests/lsan-pg.supp"
	export LSAN_OPTIONS
fi
cd "$here" || exit 1
say "PostgreSQL $("$bindir/postgres" --version | sed 's/^[^0-9]*\([0-9.]*\).*/\1/') on $dir (socket only): $TB_PG_URI"

# in the background, so that a signal stops it and cleans up at once (a
# shell runs its traps only after a foreground command ends); standard
# input stays the caller's
exec 3<&0
"$@" <&3 3<&- &
child=$!
exec 3<&-
wait "$child"
rc=$?
child=""
exit "$rc"
