# LIX (Björnsson) of a patient letter, computed apart from the program's
# own counter: LIX = words / sentences + 100 * long words / words.
#
# Run with LC_ALL=C on the text of `tumorboard summary --width 100000`
# (one paragraph a line); the part for other caregivers, from its heading
# on, is not counted. Prints the score with two decimals, then the counts.
#
# - a word is a run of letters and digits; a hyphen or apostrophe between
#   two of them joins them, and so does a point or comma between digits;
# - a long word has more than six letters (digits do not count);
# - a sentence ends at . ! ? or : (a run of them) before a space, a closing
#   quote or bracket, or the end of the line; a line with words after its
#   last sentence end (a heading, a list item) is a sentence of its own.
# UTF-8: a two-byte character is a letter (å, ä, ö, é ...); longer ones
# (bullets, dashes) separate words.
BEGIN { stop = 0; words = 0; longw = 0; sentences = 0 }
$0 == "Till andra vårdgivare" || $0 == "For other caregivers" { stop = 1 }
stop { next }
{
	line = $0
	gsub(/[\360-\367][\200-\277][\200-\277][\200-\277]/, " ", line)
	gsub(/[\340-\357][\200-\277][\200-\277]/, " ", line)
	gsub(/[\302][\200-\277]/, " ", line)
	gsub(/[\303-\337][\200-\277]/, "L", line)
	n = length(line)
	inword = 0; letters = 0; pending = 0
	for (i = 1; i <= n; i++) {
		ch = substr(line, i, 1)
		if (ch ~ /[A-Za-z0-9]/) {
			if (!inword) { inword = 1; letters = 0 }
			if (ch ~ /[A-Za-z]/) letters++
			continue
		}
		if (inword && i < n) {
			prev = substr(line, i - 1, 1)
			next_ch = substr(line, i + 1, 1)
			if ((ch ~ /[-']/ && next_ch ~ /[A-Za-z0-9]/) ||
			    (ch ~ /[.,]/ && prev ~ /[0-9]/ && next_ch ~ /[0-9]/))
				continue
		}
		if (inword) {
			inword = 0; words++; pending++
			if (letters > 6) longw++
		}
		if (ch ~ /[.!?:]/) {
			while (i < n && substr(line, i + 1, 1) ~ /[.!?:]/) i++
			while (i < n && substr(line, i + 1, 1) ~ /["')\]]/) i++
			if ((i == n || substr(line, i + 1, 1) == " ") && pending) {
				sentences++; pending = 0
			}
		}
	}
	if (inword) {
		words++; pending++
		if (letters > 6) longw++
	}
	if (pending) sentences++
}
END {
	if (!words) { print "0.0 0 0 0"; exit }
	printf "%.2f %d %d %d\n", words / sentences + 100 * longw / words,
	       words, sentences, longw
}
