# Reads a `tmux capture-pane -e -p` dump; counts the printed (non-blank)
# cells whose foreground colour equals their background colour, which
# nobody can read. Prints "BAD of PRINTED"; exits 1 when BAD > 0.
# Run with LC_ALL=C: UTF-8 continuation bytes are not counted as cells.
# The colour state carries from line to line as it does on a terminal;
# "" is the terminal's default colour, which is never counted as equal.
function count(t, n) {
	gsub(/[ \t\r]/, "", t)
	gsub(/[\200-\277]/, "", t)
	n = length(t)
	total += n
	if (fg != "" && fg == bg)
		bad += n
}
function sgr(s, n, ps, i, p) {
	if (s == "")
		s = "0"
	n = split(s, ps, /[;:]/)
	for (i = 1; i <= n; i++) {
		p = ps[i] + 0
		if (p == 0)
			fg = bg = ""
		else if (p >= 30 && p <= 37)
			fg = p - 30
		else if (p >= 90 && p <= 97)
			fg = p - 90 + 8
		else if (p == 39)
			fg = ""
		else if (p >= 40 && p <= 47)
			bg = p - 40
		else if (p >= 100 && p <= 107)
			bg = p - 100 + 8
		else if (p == 49)
			bg = ""
		else if ((p == 38 || p == 48) && i + 2 <= n && ps[i + 1] == "5") {
			if (p == 38)
				fg = ps[i + 2] + 0
			else
				bg = ps[i + 2] + 0
			i += 2
		}
	}
}
BEGIN {
	fg = bg = ""
	bad = total = 0
}
{
	line = $0
	while (line != "") {
		i = index(line, "\033")
		if (i == 0) {
			count(line)
			break
		}
		count(substr(line, 1, i - 1))
		line = substr(line, i)
		if (match(line, /^\033\[[0-9;:]*m/)) {
			sgr(substr(line, 3, RLENGTH - 3))
			line = substr(line, RLENGTH + 1)
		} else {
			line = substr(line, 2)
		}
	}
}
END {
	printf "%d of %d\n", bad, total
	exit bad ? 1 : 0
}
