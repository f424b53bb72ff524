#!/bin/sh
# The program with its archive on the throwaway PostgreSQL server
# (tests/pg-server.sh): the second pass of the tests (tests/pg-pass.sh)
# runs them with TB (and TB_AS_BIN) pointing here.
#
#   TB_PG_REAL=/path/to/tumorboard sh tests/tb-on-pg.sh [ARGS...]
#   sh tests/tb-on-pg.sh --sql FILE [SQL]     (as sqlite3 FILE [SQL])
#   sh tests/tb-on-pg.sh --cp FROM TO         (as cp FROM TO)
#
# Every SQLite database the arguments name (--db FILE, --db=FILE,
# TUMORBOARD_DB, or the default path under XDG_DATA_HOME or HOME) becomes
# a PostgreSQL database of its own, named after the file's absolute path
# (tb_ and 24 hex digits of its SHA-256), made where the program would
# make the file: by the command that starts an archive (`user add`, the
# first administrator; `init` gets an empty database), by its owner with
# the application role's rights and `tumorboard init` run as the owner.
# Any other command on a path without a database runs on the path as it
# is (and says there is no database, as it does). The program then runs
# as the application role with --db naming it. A database made for a
# path leaves an empty stand-in file there (mode 0600) and a mark in
# TB_PG_DIR: a test that removes the file has removed the archive, and
# the database is dropped at the path's next use. A path that names a
# server already is passed on as it is. Needs TB_PG_DIR and TB_PG_BIN from
# tests/pg-server.sh. With --sql it stands in for sqlite3 (the tests
# look underneath the program with it): the SQL runs as the owner on the
# database for FILE, rows printed as sqlite3 prints them (| between
# columns, no header), the SQL from standard input when none is given;
# `.dump` gives the triggers and every table's rows in a fixed order, to
# compare before and after. With --cp it stands in for cp: copying a
# file that is an archive on the server copies that database.
set -u
: "${TB_PG_DIR:?run under tests/pg-server.sh}"
# the tools this needs, whatever PATH the test gives the program (a test
# may leave it empty to hide lp); the program gets the test's PATH
test_path=$PATH
PATH=/usr/bin:/bin:$PATH
# --cp SRC DST stands in for cp: an archive that is a database on the
# server (SRC no file, its database made) is copied to DST's database
# (CREATE DATABASE ... TEMPLATE; DST's database replaced, as cp replaces a
# file); anything else is cp's own work
absolute() {
	case $1 in
	/*) printf '%s' "$1" ;;
	*) printf '%s/%s' "$(pwd)" "$1" ;;
	esac
}
dbname() { # a file's database: tb_ and 24 hex digits of its path's SHA-256
	printf 'tb_%s' "$(absolute "$1" | sha256sum | cut -c1-24)"
}
psql() { "$TB_PG_BIN/psql" -X -q -At -h "$TB_PG_DIR" -U tb_owner "$@"; }
q() { psql -v ON_ERROR_STOP=1 -d postgres "$@"; }
exists() { [ "$(q -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }
# one maker or dropper of a database at a time (tests run side by side)
lock() {
	while ! mkdir "$TB_PG_DIR/$1.lock" 2>/dev/null; do
		sleep 0.05
	done
}
unlock() { rmdir "$TB_PG_DIR/$1.lock"; }
# FILE NAME: the stand-in of the database NAME at FILE, and its mark
standin() {
	: >"$1" && chmod 600 "$1" && : >"$TB_PG_DIR/$2.standin"
}
# FILE NAME: a stand-in the test removed takes its database with it
gone() {
	if [ -e "$TB_PG_DIR/$2.standin" ] && [ ! -e "$1" ]; then
		q -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" >/dev/null &&
			rm -f "$TB_PG_DIR/$2.standin"
	fi
}
if [ "${1:-}" = --cp ]; then
	shift
	if [ $# -eq 2 ] && [ ! -d "$2" ]; then
		from=$(dbname "$1")
		to=$(dbname "$2")
		lock "$from"
		gone "$(absolute "$1")" "$from"
		unlock "$from"
		if exists "$from"; then
			lock "$to"
			q -c "DROP DATABASE IF EXISTS $to WITH (FORCE)" \
				-c "CREATE DATABASE $to OWNER tb_owner TEMPLATE $from" \
				-c "REVOKE ALL ON DATABASE $to FROM PUBLIC" \
				-c "GRANT CONNECT, TEMPORARY ON DATABASE $to TO tumorboard_app" >/dev/null &&
				standin "$2" "$to"
			rc=$?
			unlock "$to"
			exit "$rc"
		fi
	fi
	exec cp "$@"
fi
sql=""
if [ "${1:-}" = --sql ]; then
	shift
	# sqlite3's options before the file; those with a value take it
	# (-cmd ".timeout 5000": its dot-commands mean nothing on a server)
	while [ $# -gt 0 ]; do
		case $1 in
		-cmd | -init | -separator | -newline | -nullvalue | -vfs | \
			-maxsize | -mmap | -pagecache | -lookaside | -heap)
			shift
			[ $# -gt 0 ] && shift
			;;
		-*) shift ;;
		*) break ;;
		esac
	done
	sql=yes
	f=${1:?--sql names a file}
	shift
	set -- --db "$f" "$@"
fi
real=${TB_PG_REAL:-}
[ -n "$sql" ] || [ -n "$real" ] || {
	echo "tb-on-pg: TB_PG_REAL names the program" >&2
	exit 2
}

# the database argument, the command word and the word after it (the
# program's options before the command: those with a value take it)
db=""
cmd=""
verb=""
skip=""
for a in "$@"; do
	case $skip in
	db)
		db=$a
		skip=""
		continue
		;;
	value)
		skip=""
		continue
		;;
	esac
	if [ -n "$cmd" ]; then
		[ -z "$verb" ] && verb=$a
		case $a in
		--db) skip=db ;;
		--db=*) db=${a#--db=} ;;
		esac
		continue
	fi
	case $a in
	--db) skip=db ;;
	--db=*) db=${a#--db=} ;;
	--script | --dump | --dump-mode | --size | --timing | --busy-timeout | --emergency)
		skip=value
		;;
	-*) ;;
	*) cmd=$a ;;
	esac
done
if [ -z "$db" ]; then
	if [ -n "${TUMORBOARD_DB:-}" ]; then
		db=$TUMORBOARD_DB
	elif [ -n "${XDG_DATA_HOME:-}" ] && [ "${XDG_DATA_HOME#/}" != "$XDG_DATA_HOME" ]; then
		db=$XDG_DATA_HOME/tumorboard/tumorboard.db
	else
		db=${HOME:-/nonexistent}/.local/share/tumorboard/tumorboard.db
	fi
fi
case $db in
postgresql://* | postgres://* | *=*) exec "$real" "$@" ;;
esac
case $db in
/*) abs=$db ;;
*) abs=$(pwd)/$db ;;
esac
name=$(dbname "$abs")
host=$(printf '%s' "$TB_PG_DIR" | sed 's|%|%25|g; s|/|%2F|g')
app="postgresql://tb_app@$host/$name"
owner="postgresql://tb_owner@$host/$name"

# made once, where the program makes a file, under a lock (tests run
# writers side by side); a stand-in the test removed drops it first
lock "$name"
gone "$abs" "$name"
if ! exists "$name"; then
	if [ -n "$sql" ]; then
		unlock "$name"
		echo "Error: unable to open database \"$abs\"" >&2
		exit 1
	fi
	if [ "$cmd" != init ] && { [ "$cmd" != user ] || [ "$verb" != add ]; }; then
		# no archive there, and this command makes none: the program
		# on the path as it is says so
		unlock "$name"
		PATH=$test_path
		exec "$real" "$@"
	fi
	dir=$(dirname "$abs")
	{ [ -d "$dir" ] || (umask 077 && mkdir -p "$dir"); } &&
		q -c "CREATE DATABASE $name OWNER tb_owner TEMPLATE template0 ENCODING 'UTF8'" \
			-c "REVOKE ALL ON DATABASE $name FROM PUBLIC" \
			-c "GRANT CONNECT, TEMPORARY ON DATABASE $name TO tumorboard_app" >/dev/null &&
		psql -d "$name" -c 'REVOKE ALL ON SCHEMA public FROM PUBLIC' \
			-c 'GRANT USAGE ON SCHEMA public TO tumorboard_app' >/dev/null &&
		{ [ "$cmd" = init ] || "$real" --db "$owner" init >/dev/null; } &&
		standin "$abs" "$name" || {
		unlock "$name"
		echo "tb-on-pg: cannot make the database for $abs" >&2
		exit 6
	}
fi
unlock "$name"


if [ -n "$sql" ]; then
	shift 2
	if [ "${1:-}" = .dump ] && [ $# -eq 1 ]; then
		# sqlite3's .dump: the whole archive as text, to compare before
		# and after. Every table of the schema by name, its triggers
		# (their names and the function each calls), then its rows in the
		# order of their values: a row that an UPDATE wrote again unchanged
		# keeps its place (the heap's order is not the rows' order).
		psql -F '|' -d "$name" -c "SELECT 'trigger ' || event_object_table || ' ' ||
			trigger_name || ' ' || action_timing || ' ' || event_manipulation || ' ' ||
			action_statement FROM information_schema.triggers
			WHERE trigger_schema = 'public' ORDER BY 1" || exit
		psql -d "$name" -c "SELECT 'SELECT ''table ' || tablename ||
			'''; SELECT x.* FROM \"' || tablename || '\" x ORDER BY x;'
			FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename" |
			psql -F '|' -v ON_ERROR_STOP=1 -d "$name"
		exit
	fi
	if [ $# -gt 0 ]; then
		psql -F '|' -d "$name" -c "$*"
	else
		psql -F '|' -d "$name"
	fi
	exit
fi

# the arguments again, with the server for the file
first=yes
skip=""
for a in "$@"; do
	if [ "$first" = yes ]; then
		set --
		first=no
	fi
	if [ "$skip" = db ]; then
		skip=""
		continue
	fi
	case $a in
	--db) skip=db ;;
	--db=*) ;;
	*) set -- "$@" "$a" ;;
	esac
done
PATH=$test_path
[ "$cmd" = init ] && exec "$real" --db "$owner" "$@"
TUMORBOARD_DB=$app exec "$real" --db "$app" "$@"
