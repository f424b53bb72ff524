/*
 * A row of numbers as a sparkline of block characters (render.h), with
 * marks between them: the RECIST sums of a case's imaging and where its
 * decisions fall.
 */
#include "render.h"

#include "util.h"

char *render_sparkline(const double *v, size_t n, const bool *marks)
{
	static const char *const blocks[] = {"▁", "▂", "▃", "▄",
					     "▅", "▆", "▇", "█"};
	double lo = n ? v[0] : 0, hi = lo;
	for (size_t i = 1; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i <= n; i++) {
		if (marks && marks[i])
			strbuf_puts(&sb, "│");
		if (i == n)
			break;
		int k = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7 + 0.5) : 3;
		strbuf_puts(&sb, blocks[k]);
	}
	if (!sb.buf)
		strbuf_puts(&sb, "");
	return strbuf_detach(&sb);
}
