/*
 * bench_core — in-process latencies of the operations a keystroke or a
 * start-up costs, on an existing database:
 *   open      db_open + count + first page of the case list (start-up data)
 *   page_next the next screen (40 rows) after the last row shown (PgDn)
 *   page_last the last screen of the list (End key)
 *   page_offset_reference  a screen at a random OFFSET, for comparison
 *   case      load a whole case and render it to text (open a case view)
 *   search    full-text search: count and first screen of matches
 *   access_log one read written to the access log (wall; access_log_cpu:
 *             the process's CPU time) (its own transaction:
 *             BEGIN IMMEDIATE, the chain's head, INSERT, COMMIT), as
 *             opening a case does before it shows anything
 *   case_logged open a case as the screen does: load, log, render
 *   key_access_log  the access log's write per case opened, in the form of
 *             a key class (CPU and wall median / p99), for benchcheck
 *   list_logged a screenful (40 rows) of the case list shown for the first
 *             time: each patient logged under the reader's relationship
 *             to them (a user signed in), in one transaction
 *             (list_logged_cpu: CPU time)
 *   list_logged_again  the same screenful drawn again (a key that moves
 *             the selection): nothing written, the shown set consulted
 *   key_reload, key_reload_queue  a view brought up to date after another
 *             process committed (the list view's reload: the data version,
 *             the count, the window of 40 rows read again and rendered), on
 *             the case list and on the referral queue; CPU time of this
 *             process only (the commit is another connection's, untimed)
 * Prints one JSON object per measurement (median, p99, max in ms) on
 * stdout.
 *
 * usage: bench_core DB [ITERATIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "render.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *name, double *v, int n, long long cases)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	int p99 = (int)((double)n * 0.99);
	if (p99 >= n)
		p99 = n - 1;
	printf("{\"op\":\"%s\",\"cases\":%lld,\"n\":%d,\"median_ms\":%.3f,"
	       "\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
	       name, cases, n, v[n / 2], v[p99], v[n - 1]);
}

struct sink {
	long long ids[64];
	char last_date[11];
	int n;
};

static bool keep(const struct db_case_row *r, void *arg)
{
	struct sink *s = arg;
	if (s->n < 64)
		s->ids[s->n++] = r->id;
	snprintf(s->last_date, sizeof(s->last_date), "%s",
		 r->referral_date ? r->referral_date : "");
	return true;
}

/* One measurement as benchcheck reads a key class. */
/* What a key class's operation cost: the program's CPU and wall time
 * and, on PostgreSQL, the server's CPU for this connection (-1 where it
 * is not measured: SQLite). */
struct cost {
	double cpu0, wall0, server0;
};

static void cost_begin(struct db *db, struct cost *c)
{
	c->server0 = db_server_cpu_ms(db); /* outside the program's clocks */
	c->cpu0 = cpu_ms();
	c->wall0 = now_ms();
}

static void cost_end(struct db *db, const struct cost *c, double *cpu,
		     double *wall, double *server)
{
	double t = now_ms(), u = cpu_ms(), sv = db_server_cpu_ms(db);
	*cpu = u - c->cpu0;
	*wall = t - c->wall0;
	*server = sv >= 0 && c->server0 >= 0 ? sv - c->server0 : -1;
}

/* One key class's figures; with the server measured for every one,
 * also the server's and the program's and the server's summed per
 * operation (as bench.sh's key classes). Sorts the arrays. */
static void report_key(const char *name, double *cpu, double *wall,
		       double *server, int n, long long cases)
{
	int p99 = (int)((double)n * 0.99);
	if (p99 >= n)
		p99 = n - 1;
	char extra[160] = "";
	bool all = n > 0;
	for (int i = 0; i < n; i++)
		all = all && server[i] >= 0;
	if (all) {
		double *tot = xcalloc((size_t)n, sizeof(double));
		for (int i = 0; i < n; i++)
			tot[i] = cpu[i] + server[i];
		qsort(tot, (size_t)n, sizeof(double), cmp_double);
		qsort(server, (size_t)n, sizeof(double), cmp_double);
		snprintf(extra, sizeof(extra),
			 ",\"server_median_ms\":%.3f,\"server_p99_ms\":%.3f,"
			 "\"total_median_ms\":%.3f,\"total_p99_ms\":%.3f",
			 server[n / 2], server[p99], tot[n / 2], tot[p99]);
		free(tot);
	}
	qsort(cpu, (size_t)n, sizeof(double), cmp_double);
	qsort(wall, (size_t)n, sizeof(double), cmp_double);
	printf("{\"op\":\"%s\",\"cases\":%lld,\"n\":%d,"
	       "\"cpu_median_ms\":%.3f,\"cpu_p99_ms\":%.3f,"
	       "\"wall_median_ms\":%.3f,\"wall_p99_ms\":%.3f%s}\n",
	       name, cases, n, cpu[n / 2], cpu[p99], wall[n / 2], wall[p99],
	       extra);
}

/* Renders each row as the list view does, and counts them. */
static bool render_row(const struct db_case_row *r, void *arg)
{
	struct textdoc doc;
	textdoc_init(&doc, 120);
	render_case_row(r, false, false, true, &doc);
	textdoc_done(&doc);
	++*(int *)arg;
	return true;
}

/*
 * A view brought up to date after another connection's commit, as the list
 * view does it (view_list.c, list_changed): the data version, the count
 * (kept for all cases, capped at 1,000 for the queue), and the window
 * read again from its first row and rendered. writer commits one access
 * log entry before each reload, untimed.
 */
static void bench_reload(const char *name, struct db *db, struct db *writer,
			 bool queue, int iters, long long total, double *cpu,
			 double *wall, double *server)
{
	int k = 0;
	for (int i = 0; i < iters; i++) {
		access_open_case(writer, ACCESS_SCREEN_CASE,
				 1 + i % (total ? total : 1), NULL);
		struct cost c;
		cost_begin(db, &c);
		unsigned long long other = 0, own = 0;
		db_data_version(db, &other, &own);
		struct db_case_filter f = {.limit = 40, .queue = queue};
		long long n = 0;
		bool more = false;
		if (queue)
			db_case_count_capped(db, &f, 1000, &n, &more);
		else
			db_case_count(db, &f, &n);
		int rows = 0;
		db_case_list(db, &f, render_row, &rows);
		cost_end(db, &c, &cpu[k], &wall[k], &server[k]);
		k++;
	}
	report_key(name, cpu, wall, server, k, total);
}

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;
static unsigned long long next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(int argc, char **argv)
{
	static const char *const terms[] = {
	    "egfr",	 "adenokarcinom", "osimertinib",   "lynch",
	    "andersson", "brca2",	  "hjärnmetastas", "strålbehandling"};
	int iters = argc > 2 ? atoi(argv[2]) : 200;
	struct db *db = NULL;
	char *err = NULL;
	long long total = 0;
	double *v, *w, *sv;

	if (argc < 2 || iters < 10) {
		fputs("usage: bench_core DB [ITERATIONS>=10]\n", stderr);
		return 2;
	}
	v = xcalloc((size_t)iters, sizeof(double));
	w = xcalloc((size_t)iters, sizeof(double));
	sv = xcalloc((size_t)iters, sizeof(double));

	for (int i = 0; i < iters / 10; i++) {
		double t0 = now_ms();
		if (db_open(argv[1], false, &db, &err) != TB_OK) {
			fprintf(stderr, "bench_core: %s\n", err);
			return 1;
		}
		struct db_case_filter f = {.limit = 40};
		struct sink s = {0};
		db_case_count(db, &f, &total);
		db_case_list(db, &f, keep, &s);
		v[i] = now_ms() - t0;
		db_close(&db);
	}
	report("open", v, iters / 10, total);

	db_open(argv[1], false, &db, &err);
	/* as the screen's connection: the access log's lookups (and the
	 * checkpoints) wait for a pause between keys (db_defer_checkpoints) */
	db_defer_checkpoints(db);
	/* What the list does on PgDn: the next screenful after the last row
	 * shown, by key. Walks forward from the top, wrapping. */
	{
		char date[11] = "";
		long long id = 0;
		for (int i = 0; i < iters; i++) {
			struct db_case_filter f = {.limit = 40};
			if (id) {
				f.key_mode = DB_KEY_AFTER;
				f.key_date = date;
				f.key_id = id;
			}
			struct sink s = {0};
			double t0 = now_ms();
			db_case_list(db, &f, keep, &s);
			v[i] = now_ms() - t0;
			if (s.n == 40) {
				id = s.ids[s.n - 1];
				memcpy(date, s.last_date, sizeof(date));
			} else {
				id = 0;
			}
		}
		report("page_next", v, iters, total);
	}

	for (int i = 0; i < iters; i++) {
		struct db_case_filter f = {.limit = 40,
					   .key_mode = DB_KEY_LAST};
		struct sink s = {0};
		double t0 = now_ms();
		db_case_list(db, &f, keep, &s);
		v[i] = now_ms() - t0;
	}
	report("page_last", v, iters, total);

	/* For comparison: a screenful at a random OFFSET, the way lists are
	 * often paged, and why this one is not. Left out above 200,000
	 * cases, where each one takes seconds. */
	for (int i = 0; total <= 200000 && i < iters / 10; i++) {
		struct db_case_filter f = {.limit = 40};
		f.offset =
		    total > 40
			? (int)(next_rand() % (unsigned long long)(total - 40))
			: 0;
		struct sink s = {0};
		double t0 = now_ms();
		db_case_list(db, &f, keep, &s);
		v[i] = now_ms() - t0;
	}
	if (total <= 200000)
		report("page_offset_reference", v, iters / 10, total);

	for (int i = 0; i < iters; i++) {
		long long id =
		    1 + (long long)(next_rand() %
				    (unsigned long long)(total ? total : 1));
		struct tb_case *c = NULL;
		struct textdoc doc;
		struct render_opts ro = {.today = "2026-11-23"};
		double t0 = now_ms();
		if (db_case_load(db, id, &c) == TB_OK) {
			textdoc_init(&doc, 120);
			render_case(c, &ro, &doc);
			textdoc_done(&doc);
		}
		v[i] = now_ms() - t0;
		model_case_free(&c);
	}
	report("case", v, iters, total);

	/* The access log's cost per case opened: the write alone, and the
	 * whole open with it (nobody signed in: the care relationship is
	 * the user module's and not measured here). */
	for (int i = 0; i < iters; i++) {
		long long id =
		    1 + (long long)(next_rand() %
				    (unsigned long long)(total ? total : 1));
		struct cost c;
		cost_begin(db, &c);
		access_open_case(db, ACCESS_SCREEN_CASE, id, NULL);
		cost_end(db, &c, &w[i], &v[i], &sv[i]);
	}
	/* the key class first, while each CPU time is beside its server's
	 * (the reports sort what they are given) */
	report_key("key_access_log", w, v, sv, iters, total);
	report("access_log", v, iters, total);
	report("access_log_cpu", w, iters, total);
	/* The screen's lists: a screenful shown the first time is logged,
	 * one entry per patient under the reader's relationship (a user of
	 * one board signed in, so each relationship is looked up); drawn
	 * again it writes nothing. */
	{
		struct user *u = user_new();
		u->id = 1;
		u->account = xstrdup("bench");
		user_list_add(&u->boards, &u->n_boards, "lung");
		user_set_current(u);
		double *again = xcalloc((size_t)iters, sizeof(double));
		for (int i = 0; i < iters; i++) {
			struct access_shown sh = {0};
			long long ids[40];
			long long first =
			    (long long)(next_rand() %
					(unsigned long long)(total ? total
								   : 1));
			for (int k = 0; k < 40; k++)
				ids[k] = 1 + (first + k) % (total ? total : 1);
			double t0 = now_ms(), c0 = cpu_ms();
			access_log_shown(db, &sh, ACCESS_LIST, ids, 40, NULL);
			v[i] = now_ms() - t0;
			w[i] = cpu_ms() - c0;
			t0 = now_ms();
			access_log_shown(db, &sh, ACCESS_LIST, ids, 40, NULL);
			again[i] = now_ms() - t0;
			access_shown_done(&sh);
		}
		report("list_logged", v, iters, total);
		report("list_logged_cpu", w, iters, total);
		report("list_logged_again", again, iters, total);
		free(again);
		user_set_current(NULL);
	}
	for (int i = 0; i < iters; i++) {
		long long id =
		    1 + (long long)(next_rand() %
				    (unsigned long long)(total ? total : 1));
		struct tb_case *c = NULL;
		struct textdoc doc;
		struct render_opts ro = {.today = "2026-11-23"};
		double t0 = now_ms();
		if (db_case_load(db, id, &c) == TB_OK &&
		    access_open_case(db, ACCESS_SCREEN_CASE, id, NULL) ==
			TB_OK) {
			textdoc_init(&doc, 120);
			render_case(c, &ro, &doc);
			textdoc_done(&doc);
		}
		v[i] = now_ms() - t0;
		model_case_free(&c);
	}
	report("case_logged", v, iters, total);

	for (int i = 0; i < iters; i++) {
		struct db_case_filter f = {
		    .limit = 40, .text = terms[i % UTIL_ARRAY_LEN(terms)]};
		struct sink s = {0};
		long long n;
		double t0 = now_ms();
		db_case_count(db, &f, &n);
		db_case_list(db, &f, keep, &s);
		v[i] = now_ms() - t0;
	}
	report("search", v, iters, total);

	struct db *writer = NULL;
	if (db_open(argv[1], false, &writer, &err) != TB_OK) {
		fprintf(stderr, "bench_core: %s\n", err);
		return 1;
	}
	bench_reload("key_reload", db, writer, false, iters, total, w, v, sv);
	bench_reload("key_reload_queue", db, writer, true, iters, total, w, v,
		     sv);
	db_close(&writer);

	db_close(&db);
	free(v);
	free(w);
	free(sv);
	return 0;
}
