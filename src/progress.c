#include "progress.h"
#include "i18n.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

static struct {
	bool on;     /* a terminal to draw on */
	bool active; /* between begin and end */
	FILE *out;
	FILE *forced; /* tests: every line drawn, no wait between */
	const char *what, *unit;
	long long total, done;
	double t0, last;
	double part_from, part_to, share;
	bool drawn;
} pg;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 1234567 → "1,234,567" */
static void group(char *buf, size_t len, long long v)
{
	char tmp[32];
	int n = snprintf(tmp, sizeof(tmp), "%lld", v < 0 ? -v : v);
	size_t o = 0;
	if (v < 0 && o + 1 < len)
		buf[o++] = '-';
	for (int i = 0; i < n && o + 1 < len; i++) {
		if (i && (n - i) % 3 == 0 && o + 1 < len)
			buf[o++] = ',';
		buf[o++] = tmp[i];
	}
	buf[o] = '\0';
}

static void duration(char *buf, size_t len, double s)
{
	long t = (long)(s + 0.5);
	if (s < 10) {
		snprintf(buf, len, "%.1f s", s);
		i18n_decimals_shown(buf);
	} else if (t < 60)
		snprintf(buf, len, "%ld s", t);
	else if (t < 3600)
		snprintf(buf, len, _("%ld min %ld s"), t / 60, t % 60);
	else
		snprintf(buf, len, _("%ld h %ld min"), t / 3600, t / 60 % 60);
}

void progress_force(FILE *out)
{
	pg.forced = out;
}

void progress_begin(const char *what, const char *unit, long long total)
{
	FILE *forced = pg.forced;
	memset(&pg, 0, sizeof(pg));
	pg.forced = forced;
	pg.what = what;
	pg.unit = unit; /* marked N_() by the caller, shown translated */
	pg.total = total;
	pg.out = pg.forced ? pg.forced : stderr;
	pg.on = pg.forced || isatty(STDERR_FILENO);
	pg.active = true;
	pg.t0 = pg.last = now_s();
	pg.part_to = 1;
}

void progress_format(char *buf, size_t len, bool final)
{
	double el = now_s() - pg.t0;
	char done[32], total[32], rate[32], t[32], left[48];
	group(done, sizeof(done), pg.done);
	group(rate, sizeof(rate),
	      el > 0 ? (long long)((double)pg.done / el + 0.5) : 0);
	if (final) {
		duration(t, sizeof(t), el);
		snprintf(buf, len, _("%s: %s %s in %s (%s a second)"), pg.what,
			 done, _(pg.unit), t, rate);
		return;
	}
	double share =
	    pg.total > 0 ? (double)pg.done / (double)pg.total : pg.share;
	left[0] = '\0';
	if (share > 0.001 && share < 1 && el > 1) {
		duration(t, sizeof(t), el / share - el);
		snprintf(left, sizeof(left), _(", %s left"), t);
	}
	if (pg.total > 0) {
		group(total, sizeof(total), pg.total);
		snprintf(buf, len, _("%s: %s of %s %s, %s a second%s"), pg.what,
			 done, total, _(pg.unit), rate, left);
	} else {
		snprintf(buf, len, _("%s: %s %s, %s a second%s"), pg.what, done,
			 _(pg.unit), rate, left);
	}
}

static void draw(void)
{
	char line[160];
	progress_format(line, sizeof(line), false);
	/* back to the start of the line, the text, the rest of it cleared */
	fprintf(pg.out, "\r%s\033[K", line);
	fflush(pg.out);
	pg.drawn = true;
}

/* Drawn again when a tenth of a second has passed since it last was. */
static void redraw(void)
{
	if (!pg.active || !pg.on)
		return;
	double t = now_s();
	if (pg.forced || t - pg.last >= 0.1) {
		pg.last = t;
		draw();
	}
}

void progress_add(long long n)
{
	if (!pg.active)
		return;
	pg.done += n;
	redraw();
}

void progress_part(double from, double to)
{
	pg.part_from = from;
	pg.part_to = to;
	pg.share = from;
}

void progress_within(double f)
{
	if (f < 0)
		f = 0;
	if (f > 1)
		f = 1;
	pg.share = pg.part_from + (pg.part_to - pg.part_from) * f;
	redraw();
}

void progress_clear(void)
{
	if (pg.active && pg.on && pg.drawn) {
		fputs("\r\033[K", pg.out);
		fflush(pg.out);
		pg.drawn = false;
		pg.last = 0; /* draw again at the next unit */
	}
}

void progress_abandon(void)
{
	progress_clear();
	pg.active = false;
}

void progress_end(void)
{
	if (!pg.active)
		return;
	pg.active = false;
	if (!pg.on)
		return;
	char line[160];
	progress_format(line, sizeof(line), true);
	fprintf(pg.out, "\r%s\033[K\n", line);
	fflush(pg.out);
}
