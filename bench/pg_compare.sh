#!/bin/sh
# pg_compare.sh RESULTS.json [RATIO]: bench_pg.sh's check. For every key
# class and size in RESULTS.json (JSON lines tagged with "engine"), the
# median / p99 CPU ms per key on SQLite and on PostgreSQL (there the
# program's and the server's CPU summed key by key, "total_median_ms",
# "total_p99_ms": tumorboard(1) --timing reads the server's CPU for its
# connection around each key), their ratio and PASS or FAIL against RATIO
# (default 2), then the wall-clock medians side by side. Below 0.05 ms
# SQLite's median counts as 0.05 ms (the CPU clock's noise). A class
# measured on one engine only, or on PostgreSQL without the server's
# figure, fails. Then, where the results have them,
# the list scrolled on a quiet archive and while another process writes
# (bench_pg.sh's live runs): the median CPU per key with the writer at
# most 1.5x without (the reload check must not show in a key), and at
# least one change committed during the run. Then, where the results
# have them (bench/pg_floor.sh), what a key cannot go below on the server
# beside what the target allows the access log write: the server's CPU
# for one access log entry alone against 2x SQLite's whole key. These
# are figures, not verdicts. Exits 1 when any row fails, 2 when the file
# has no key class.
set -eu
[ $# -ge 1 ] || {
	echo "usage: pg_compare.sh RESULTS.json [RATIO]" >&2
	exit 2
}
[ -r "$1" ] || {
	echo "pg_compare: cannot read $1" >&2
	exit 2
}
awk -v ratio_max="${2:-2}" '
function num(name,   m) {
	if (match($0, "\"" name "\":-?[0-9.]+")) {
		m = substr($0, RSTART, RLENGTH)
		sub(/.*:/, "", m)
		return m + 0
	}
	return -1
}
function str(name,   m) {
	if (match($0, "\"" name "\":\"[^\"]*\"")) {
		m = substr($0, RSTART, RLENGTH)
		sub(/^[^:]*:"/, "", m)
		sub(/"$/, "", m)
		return m
	}
	return ""
}
BEGIN {
	split("scroll page open_case tab queue meetings followup agenda " \
	      "live_step form_step search_key search_clear access_log " \
	      "reload reload_queue", order, " ")
	label["scroll"] = "list scroll (j/k)"
	label["page"] = "page (PgDn/PgUp/Home/End)"
	label["open_case"] = "open case (Enter)"
	label["tab"] = "tab (Tab/BackTab)"
	label["queue"] = "queue toggle (r)"
	label["meetings"] = "meetings (m)"
	label["followup"] = "follow-up list (f)"
	label["agenda"] = "agenda (Enter)"
	label["live_step"] = "live agenda step (]/[)"
	label["form_step"] = "form walk step (j/k)"
	label["search_key"] = "search keystroke"
	label["search_clear"] = "search clear (Esc)"
	label["access_log"] = "access log write *"
	label["reload"] = "view reload: case list *"
	label["reload_queue"] = "view reload: queue *"
	floor = 0.05
	live_max = 1.5
}
{
	e = str("engine"); op = str("op"); n = num("cases")
	if (e == "" || n < 0)
		next
	if (e == "PostgreSQL" && op ~ /^floor_/ && num("server_ms") >= 0) {
		if (!(n in fseen)) {
			fseen[n] = 1
			fsizes[++nf] = n
		}
		fl[substr(op, 7), n] = num("server_ms")
		next
	}
	if (op ~ /^live_(quiet|writing)$/) {
		m = substr(op, 6)
		if (!((e, n) in live)) {
			live[e, n] = 1
			lives[++nl] = e SUBSEP n
		}
		lmed[e, n, m] = num("cpu_median_ms")
		lp99[e, n, m] = num("cpu_p99_ms")
		lwall[e, n, m] = num("wall_median_ms")
		lwrites[e, n, m] = num("writes")
		next
	}
	if (op !~ /^key_/ || num("cpu_median_ms") < 0)
		next
	c = substr(op, 5)
	if (!(n in seen)) {
		seen[n] = 1
		sizes[++ns] = n
	}
	med[e, c, n] = num("cpu_median_ms")
	p99[e, c, n] = num("cpu_p99_ms")
	wall[e, c, n] = num("wall_median_ms")
	if (e == "PostgreSQL" && num("total_median_ms") >= 0) {
		server[c, n] = num("server_median_ms")
		tmed[c, n] = num("total_median_ms")
		tp99[c, n] = num("total_p99_ms")
	} else if (e == "PostgreSQL") {
		delete server[c, n]
	}
	have[e, c, n] = 1
	rows++
}
END {
	if (!rows) {
		print "pg_compare: no key class in the results" > "/dev/stderr"
		exit 2
	}
	# sizes in increasing order
	for (i = 1; i <= ns; i++)
		for (j = i + 1; j <= ns; j++)
			if (sizes[j] < sizes[i]) {
				t = sizes[i]; sizes[i] = sizes[j]; sizes[j] = t
			}
	printf "PostgreSQL beside SQLite: CPU ms per key, median / p99 (PostgreSQL: the program'"'"'s and the server'"'"'s summed key by key, the server'"'"'s median in brackets); target: at most %sx SQLite\n", ratio_max
	printf "%-28s %8s  %-13s  %-26s %7s  %-15s %s\n", "key class", "cases",
		"SQLite", "PostgreSQL", "ratio", "wall SQL/PG", "verdict"
	for (k = 1; k <= ns; k++) {
		n = sizes[k]
		for (i = 1; i in order; i++) {
			c = order[i]
			if (!have["SQLite", c, n] && !have["PostgreSQL", c, n])
				continue
			if (!have["SQLite", c, n] || !have["PostgreSQL", c, n]) {
				printf "%-28s %8d  measured on %s only%45s FAIL\n",
					label[c], n,
					have["SQLite", c, n] ? "SQLite" : "PostgreSQL", ""
				fails++
				continue
			}
			s = med["SQLite", c, n]
			if ((c, n) in server) {
				pgtxt = sprintf("%.2f / %.2f (%.2f)", tmed[c, n],
					tp99[c, n], server[c, n])
				a = s; b = tmed[c, n]
			} else {
				printf "%-28s %8d  no server figure for PostgreSQL%32s FAIL\n",
					label[c], n, ""
				fails++
				continue
			}
			r = b / (a < floor ? floor : a)
			ok = r <= ratio_max
			if (!ok)
				fails++
			printf "%-28s %8d  %5.2f / %5.2f  %-26s %6.2fx  %6.2f / %6.2f %s\n",
				label[c], n, s, p99["SQLite", c, n], pgtxt, r,
				wall["SQLite", c, n], wall["PostgreSQL", c, n],
				ok ? "PASS" : "FAIL"
		}
	}
	print "* in process (bench_core), no redraw"
	if (nl) {
		printf "\nAnother terminal writing: list scroll (j/k) on a quiet archive and while another process commits; program CPU ms per key, median / p99; target: median at most %sx quiet\n", live_max
		printf "%-12s %8s  %-13s  %-13s %7s  %6s  %-15s %s\n", "engine",
			"cases", "quiet", "writing", "ratio", "writes", "wall q/w",
			"verdict"
	}
	for (i = 1; i <= nl; i++) {
		split(lives[i], en, SUBSEP)
		e = en[1]; n = en[2]
		if (lmed[e, n, "quiet"] == "" || lmed[e, n, "writing"] == "") {
			printf "%-12s %8d  one of the two runs is missing%40s FAIL\n", e, n, ""
			fails++
			continue
		}
		q = lmed[e, n, "quiet"]; w = lmed[e, n, "writing"]
		r = (w < floor ? floor : w) / (q < floor ? floor : q)
		ok = r <= live_max && lwrites[e, n, "writing"] > 0
		if (!ok)
			fails++
		printf "%-12s %8d  %5.2f / %5.2f  %5.2f / %5.2f %6.2fx  %6d  %6.2f / %6.2f %s\n",
			e, n, q, lp99[e, n, "quiet"], w, lp99[e, n, "writing"], r,
			lwrites[e, n, "writing"], lwall[e, n, "quiet"],
			lwall[e, n, "writing"],
			ok ? "PASS" : (lwrites[e, n, "writing"] > 0 ? "FAIL" : "FAIL (nothing written)")
	}
	for (i = 1; i <= nf; i++) {
		n = fsizes[i]
		printf "\nThe least a key asks of the server, %d cases (bench/pg_floor.sh: pgbench, one connection, prepared, one pipeline a transaction), the server'"'"'s CPU ms per transaction\n", n
		split("round_trip read_txn write_txn access_txn", fk, " ")
		flabel["round_trip"] = "a round trip (SELECT 1)"
		flabel["read_txn"] = "the least transaction (BEGIN, SELECT 1, COMMIT)"
		flabel["write_txn"] = "the least write (one row, a primary key only)"
		flabel["access_txn"] = "one access log entry (its indexes, foreign keys, lock, NOTIFY)"
		for (j = 1; j in fk; j++)
			if ((fk[j], n) in fl)
				printf "  %-66s %6.3f\n", flabel[fk[j]], fl[fk[j], n]
		if (("access_txn", n) in fl && have["SQLite", "access_log", n]) {
			s = med["SQLite", "access_log", n]
			printf "  %-66s %6.3f\n", sprintf("the access log write'"'"'s target (%sx SQLite'"'"'s %.3f, taken as %.2f)", ratio_max, s, s < floor ? floor : s), ratio_max * (s < floor ? floor : s)
		}
	}
	printf "%d row(s) over the target\n", fails
	exit fails ? 1 : 0
}' "$1"
