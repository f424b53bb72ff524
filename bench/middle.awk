# middle.awk: of rows of bench_core's JSON written by several runs, for
# each operation ("op") the row whose median ("cpu_median_ms", else
# "median_ms") is the middle one of its runs (the lower of two middles),
# in the order the operations first came; other lines as they came,
# once.
function num(line, key,    i, rest) {
	i = index(line, "\"" key "\":")
	if (!i)
		return ""
	rest = substr(line, i + length(key) + 3)
	match(rest, /^[-0-9.eE+]+/)
	return substr(rest, 1, RLENGTH) + 0
}
{
	i = index($0, "\"op\":\"")
	if (!i) {
		if (!($0 in said)) {
			said[$0] = 1
			order[++n] = "\n" $0
		}
		next
	}
	rest = substr($0, i + 6)
	op = substr(rest, 1, index(rest, "\"") - 1)
	m = num($0, "cpu_median_ms")
	if (m == "")
		m = num($0, "median_ms")
	if (!(op in runs))
		order[++n] = op
	k = ++runs[op]
	row[op, k] = $0
	med[op, k] = m
}
END {
	for (j = 1; j <= n; j++) {
		op = order[j]
		if (substr(op, 1, 1) == "\n") {
			print substr(op, 2)
			continue
		}
		r = runs[op]
		# sort the runs' medians (a few: insertion sort)
		for (a = 1; a <= r; a++)
			idx[a] = a
		for (a = 2; a <= r; a++)
			for (b = a; b > 1 && med[op, idx[b]] < med[op, idx[b - 1]]; b--) {
				t = idx[b]; idx[b] = idx[b - 1]; idx[b - 1] = t
			}
		print row[op, idx[int((r + 1) / 2)]]
	}
}
