/*
 * benchcheck — reads the JSON lines of a benchmark run and prints every
 * figure with its target (BENCHMARKS.md) and PASS or FAIL: each key class
 * in CPU time per key at the target size, how much each key class grows
 * from the smallest size to the largest, cold start, import against the
 * reference loader, peak memory. Exits 1 when a target fails.
 *
 * usage: benchcheck RESULTS.json [TARGET_SIZE]
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REC 4096

struct rec {
	char op[48];
	long long cases;
	char line[512];
};

static struct rec recs[MAX_REC];
static int n_recs;
static int fails;

/* The number after "name": in a record's line; false when absent. */
static bool field(const struct rec *r, const char *name, double *v)
{
	char key[64];
	snprintf(key, sizeof(key), "\"%s\":", name);
	const char *p = strstr(r->line, key);
	if (!p)
		return false;
	char *end;
	*v = strtod(p + strlen(key), &end);
	return end != p + strlen(key);
}

static const struct rec *find(const char *op, long long cases)
{
	for (int i = n_recs - 1; i >= 0; i--)
		if (strcmp(recs[i].op, op) == 0 && recs[i].cases == cases)
			return &recs[i];
	return NULL;
}

static double get(const char *op, long long cases, const char *name)
{
	const struct rec *r = find(op, cases);
	double v;
	return r && field(r, name, &v) ? v : -1;
}

/* The lower of two figures, either missing (-1). */
static double lower(double a, double b)
{
	if (a < 0)
		return b;
	return b < 0 || a <= b ? a : b;
}

static const char *verdict(bool ok)
{
	if (!ok)
		fails++;
	return ok ? "PASS" : "FAIL";
}

static long long sizes[32];
static int n_sizes;

static void add_size(long long n)
{
	for (int i = 0; i < n_sizes; i++)
		if (sizes[i] == n)
			return;
	if (n_sizes < 32)
		sizes[n_sizes++] = n;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/*
 * Growth from the smallest size to the largest. Below a floor of 0.05 ms
 * the CPU clock's own noise is as large as the figure, so both ends are
 * taken as at least the floor.
 */
#define RATIO_FLOOR_MS 0.05
static double ratio(double small, double large)
{
	if (small < RATIO_FLOOR_MS)
		small = RATIO_FLOOR_MS;
	if (large < RATIO_FLOOR_MS)
		large = RATIO_FLOOR_MS;
	return large / small;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *op, *label;
		double p99_max;
	} keys[] = {
	    {"key_scroll", "list scroll (j/k)", 1},
	    {"key_page", "page (PgDn/PgUp/Home/End)", 1},
	    {"key_open_case", "open case (Enter)", 1},
	    {"key_tab", "tab (Tab/BackTab)", 1},
	    {"key_queue", "queue toggle (r)", 1},
	    {"key_meetings", "meetings (m)", 1},
	    {"key_followup", "follow-up list (f)", 1},
	    {"key_agenda", "agenda (Enter)", 1},
	    {"key_live_step", "live agenda step (]/[)", 1},
	    {"key_form_step", "form walk step (j/k)", 1},
	    {"key_search_key", "search keystroke", 5},
	    {"key_search_clear", "search clear (Esc)", 1},
	    /* in process (bench_core), without the redraw */
	    {"key_access_log", "access log write (per open)", 1},
	    {"key_reload", "view reload: case list", 1},
	    {"key_reload_queue", "view reload: queue", 1},
	};
	static const struct {
		const char *op, *label;
		double max_mib;
	} rss[] = {
	    {"import", "import", 20},
	    {"import_fhir", "import (FHIR Bundles)", 20},
	    {"cold_start_list", "cases --limit 40", 20},
	    {"show_case", "show", 20},
	    {"search_cli", "cases --search", 20},
	    {"count_cli", "cases --count", 20},
	    {"report_year", "report (a year)", 20},
	    {"tui_cold_start", "interactive screen", 20},
	    {"summary_pdf_cli", "summary --pdf", 25},
	};
	const double median_max = 0.3, ratio_max = 1.5;

	if (argc < 2) {
		fputs("usage: benchcheck RESULTS.json [TARGET_SIZE]\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	char line[512];
	while (fgets(line, sizeof(line), f) && n_recs < MAX_REC) {
		struct rec *r = &recs[n_recs];
		const char *op = strstr(line, "\"op\":\"");
		const char *cs = strstr(line, "\"cases\":");
		if (!op || !cs)
			continue;
		op += 6;
		size_t len = strcspn(op, "\"");
		if (len >= sizeof(r->op))
			continue;
		memcpy(r->op, op, len);
		r->op[len] = '\0';
		r->cases = atoll(cs + 8);
		snprintf(r->line, sizeof(r->line), "%s", line);
		add_size(r->cases);
		n_recs++;
	}
	fclose(f);
	if (!n_sizes) {
		fprintf(stderr, "benchcheck: %s: no results\n", argv[1]);
		return 2;
	}
	qsort(sizes, (size_t)n_sizes, sizeof(sizes[0]), cmp_ll);
	long long small = sizes[0], large = sizes[n_sizes - 1];
	long long target = argc > 2 ? atoll(argv[2]) : large;
	if (!find("key_scroll", target))
		target = large;

	printf("\nKeys: CPU ms per key, median / p99 (wall clock in "
	       "brackets)\n%-28s",
	       "");
	for (int i = 0; i < n_sizes; i++)
		printf(" %22lld", sizes[i]);
	printf("  growth %lld→%lld\n", small, large);
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		printf("%-28s", keys[k].label);
		for (int i = 0; i < n_sizes; i++) {
			double m = get(keys[k].op, sizes[i], "cpu_median_ms");
			double p = get(keys[k].op, sizes[i], "cpu_p99_ms");
			double wm = get(keys[k].op, sizes[i], "wall_median_ms");
			double wp = get(keys[k].op, sizes[i], "wall_p99_ms");
			char cell[64];
			if (m < 0)
				snprintf(cell, sizeof(cell), "-");
			else
				snprintf(cell, sizeof(cell),
					 "%.2f/%.2f (%.2f/%.2f)", m, p, wm, wp);
			printf(" %22s", cell);
		}
		double ms = get(keys[k].op, small, "cpu_median_ms");
		double ml = get(keys[k].op, large, "cpu_median_ms");
		double ps = get(keys[k].op, small, "cpu_p99_ms");
		double pl = get(keys[k].op, large, "cpu_p99_ms");
		if (ms >= 0 && ml >= 0 && small != large)
			printf("  %.2f× (p99 %.2f×)\n", ratio(ms, ml),
			       ratio(ps, pl));
		else
			printf("\n");
	}

	/* One row per key class: its CPU figures at every size, the
	 * targets at the target size and the growth, each with its verdict. */
	printf("\nTargets: CPU ms per key, median / p99 at each size; at %lld "
	       "cases median ≤ %.1f, p99 ≤ 1 (search keystroke ≤ 5);\n"
	       "growth of the median %lld→%lld ≤ %.1f× (the machine is "
	       "shared: CPU time is the comparable figure)\n%-28s",
	       target, median_max, small, large, ratio_max, "");
	for (int i = 0; i < n_sizes; i++)
		printf(" %13lld", sizes[i]);
	printf("  %-22s %s\n", "median  p99", "growth");
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		printf("%-28s", keys[k].label);
		for (int i = 0; i < n_sizes; i++) {
			double m = get(keys[k].op, sizes[i], "cpu_median_ms");
			double p = get(keys[k].op, sizes[i], "cpu_p99_ms");
			char cell[32];
			if (m < 0)
				snprintf(cell, sizeof(cell), "-");
			else
				snprintf(cell, sizeof(cell), "%.2f/%.2f", m, p);
			printf(" %13s", cell);
		}
		double m = get(keys[k].op, target, "cpu_median_ms");
		double p = get(keys[k].op, target, "cpu_p99_ms");
		if (m < 0)
			printf("  %-22s", verdict(false));
		else
			printf("  %s %s %s", verdict(m <= median_max),
			       verdict(p <= keys[k].p99_max), "           ");
		if (small == large) {
			printf("\n");
			continue;
		}
		double ms = get(keys[k].op, small, "cpu_median_ms");
		double ml = get(keys[k].op, large, "cpu_median_ms");
		if (ms < 0 || ml < 0) {
			printf(" not measured %s\n", verdict(false));
			continue;
		}
		double r = ratio(ms, ml);
		printf(" %5.2f× %s\n", r, verdict(r <= ratio_max));
	}
	double fs = get("first_screen", target, "cpu_ms");
	if (fs >= 0)
		printf("%-28s %6.1f ms CPU ≤ 20  %s   (whole process, wall: "
		       "%.1f ms)\n",
		       "cold start to first screen", fs, verdict(fs <= 20),
		       get("tui_cold_start", target, "ms"));
	/* each run twice (bench.sh), the lower of the two */
	double imp = lower(get("import", target, "cpu_ms"),
			   get("import_again", target, "cpu_ms"));
	double ref = lower(get("ref_parse_insert", target, "cpu_ms"),
			   get("ref_again", target, "cpu_ms"));
	if (imp > 0 && ref > 0)
		printf("%-28s %6.2f× the reference loader (CPU) ≤ 1.1×  %s   "
		       "(wall %.2f×)\n",
		       "import", imp / ref, verdict(imp / ref <= 1.1),
		       lower(get("import", target, "ms"),
			     get("import_again", target, "ms")) /
			   lower(get("ref_parse_insert", target, "ms"),
				 get("ref_again", target, "ms")));
	for (size_t i = 0; i < sizeof(rss) / sizeof(rss[0]); i++) {
		double kib = get(rss[i].op, target, "maxrss_kib");
		if (kib < 0)
			continue;
		printf("%-28s peak RSS %5.1f MiB ≤ %.0f  %s\n", rss[i].label,
		       kib / 1024, rss[i].max_mib,
		       verdict(kib / 1024 <= rss[i].max_mib));
	}
	/* a measured process that failed measured nothing: its figures are
	 * not the program's (an archive missing, a refusal) */
	for (int i = 0; i < n_recs; i++) {
		double st;
		if (!field(&recs[i], "status", &st) || st == 0)
			continue;
		printf("%-28s at %lld cases exited %.0f: not measured  %s\n",
		       recs[i].op, recs[i].cases, st, verdict(false));
	}
	printf("\n%s: %d target%s failed\n", fails ? "FAIL" : "PASS", fails,
	       fails == 1 ? "" : "s");
	return fails ? 1 : 0;
}
