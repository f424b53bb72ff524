#!/bin/sh
# pg_floor.sh DATABASE N: what a key cannot go below on a PostgreSQL
# server, whatever the program does: the server's CPU for the least work
# of each kind a key asks of it, measured with pgbench (one connection,
# statements prepared and sent in one pipeline a transaction, as the
# program sends them), 10,000 transactions a run, the median of three
# runs. The server's CPU is the backend's, read from the postmaster's
# reaped children's time (/proc/PID/stat) before and after the run.
#   round_trip  SELECT 1: a question answered, nothing read
#   read_txn    BEGIN, SELECT 1, COMMIT: the least transaction
#   write_txn   BEGIN, one row of two columns into a table with a
#               primary key and nothing else, COMMIT: the least write
#   access_txn  the access log's entry as the program sends it (BEGIN, the
#               writers' lock tried, one row into a table of access_log's
#               columns, indexes and foreign keys, NOTIFY, COMMIT)
# The tables are made in DATABASE for the run and dropped after it; the
# archive's own tables are not written. Run beside tests/pg-server.sh's
# server as the owner role (TB_PG_BIN, TB_PG_DIR, PGHOST and PGUSER as it
# exports them). Prints one JSON line per kind: {"engine":"PostgreSQL",
# "op":"floor_KIND","cases":N,"n":10000,"server_ms":...}.
set -eu
db=$1 n=$2
tx=10000
pm=$(head -1 "$TB_PG_DIR/data/postmaster.pid")
hz=$(getconf CLK_TCK)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sql() {
	PGOPTIONS='-c client_min_messages=warning' "$TB_PG_BIN/psql" -X -q \
		-v ON_ERROR_STOP=1 -d "$db" "$@" >/dev/null
}

# the reaped children's CPU of the postmaster, in clock ticks
reaped() { awk '{ print $16 + $17 }' "/proc/$pm/stat"; }

# script NAME STATEMENT...: a pgbench script sending STATEMENTs in one
# pipeline (:id a new row's key)
script() {
	name=$1
	shift
	{
		printf '%s\n' '\set id random(1, 9000000000000)' \
			'\startpipeline' "$@" '\endpipeline'
	} >"$tmp/$name.sql"
}

# run NAME: the median of three runs' server CPU per transaction, in ms
run() {
	: >"$tmp/runs"
	for i in 1 2 3; do
		a=$(reaped)
		"$TB_PG_BIN/pgbench" -n -M prepared -c 1 -t "$tx" \
			-f "$tmp/$1.sql" "$db" >"$tmp/out" 2>&1 || {
			echo "pg_floor: pgbench $1 failed:" >&2
			cat "$tmp/out" >&2
			exit 1
		}
		# the backend is reaped when it has gone
		sleep 1
		b=$(reaped)
		awk -v d="$((b - a))" -v hz="$hz" -v tx="$tx" \
			'BEGIN { printf "%.4f\n", d * 1000 / hz / tx }' >>"$tmp/runs"
	done
	sort -g "$tmp/runs" | sed -n 2p
}

sql -c "DROP TABLE IF EXISTS floor_row, floor_access" \
	-c "CREATE TABLE floor_row (id bigint PRIMARY KEY, at text NOT NULL)
	    WITH (autovacuum_enabled = off)" \
	-c "CREATE TABLE floor_access (LIKE access_log INCLUDING ALL)
	    WITH (autovacuum_enabled = off)" \
	-c "ALTER TABLE floor_access
	    ADD FOREIGN KEY (patient_id) REFERENCES patient(id),
	    ADD FOREIGN KEY (case_id) REFERENCES cases(id),
	    ADD FOREIGN KEY (emergency_id) REFERENCES emergency_access(id)"
trap 'sql -c "DROP TABLE IF EXISTS floor_row, floor_access" || true; rm -rf "$tmp"' EXIT
ids=$("$TB_PG_BIN/psql" -X -A -t -d "$db" \
	-c "SELECT patient_id || ',' || id FROM cases ORDER BY id LIMIT 1")
[ -n "$ids" ] || {
	echo "pg_floor: $db has no case" >&2
	exit 1
}
h=$(printf '%064d' 0)
script round_trip "SELECT 1;"
script read_txn "BEGIN;" "SELECT 1;" "COMMIT;"
script write_txn "BEGIN;" \
	"INSERT INTO floor_row VALUES (:id, '2026-11-30T13:00:00Z') ON CONFLICT DO NOTHING;" \
	"COMMIT;"
script access_txn "BEGIN;" \
	"SELECT 1 / pg_try_advisory_xact_lock(7548276101325107812)::int;" \
	"INSERT INTO floor_access (id, at, who, unit, what, patient_id, case_id, relation, emergency_id, prev_hash, hash) VALUES (:id, '2026-11-30T13:00:00Z', 'bench', NULL, 'list', $ids, 'board', NULL, '$h', '$h') ON CONFLICT DO NOTHING;" \
	"NOTIFY tumorboard_changes;" "COMMIT;"
for kind in round_trip read_txn write_txn access_txn; do
	ms=$(run "$kind")
	[ -n "$ms" ] || exit 1 # run said why
	printf '{"engine":"PostgreSQL","op":"floor_%s","cases":%s,"n":%s,"server_ms":%s}\n' \
		"$kind" "$n" "$tx" "$ms"
done
