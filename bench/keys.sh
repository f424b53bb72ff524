# The keys of make bench's key classes that more than one script needs,
# sourced by bench/bench.sh and bench/trips.sh (the same keys in both, so
# that statements per key are counted over what bench.sh times).

# repeat N TEXT : TEXT N times on one line
repeat() {
	i=0
	while [ "$i" -lt "$1" ]; do
		printf '%s ' "$2"
		i=$((i + 1))
	done
}

# search_keys : the search keystroke class's measured script lines: eight
# words typed and erased letter by letter (108 keys)
search_keys() {
	for w in egfr andersson lung c34 kras brca2 hjärnmetastas ostergotland; do
		printf '\ntype %s\nBackspace*%s' "$w" "$(printf '%s' "$w" | wc -m)"
	done
}
