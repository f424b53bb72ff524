/*
 * bench_decide DB N [ITERATIONS]: signs decisions for N cases of an
 * imported archive through the same core path as the form screen (open
 * with pre-fill, set each value, sign), then measures full-text search
 * over decisions and rendering a patient summary to text and to PDF.
 * Prints JSON lines like bench_core.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_sign.h"
#include "board.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_form.h"
#include "decision.h"
#include "form_def.h"
#include "form_type.h"
#include "import.h"
#include "import_boards.h"
#include "import_form.h"
#include "summary.h"
#include "util.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *name, double *v, int n, long long cases,
		   long long decisions)
{
	qsort(v, (size_t)n, sizeof(double), cmp_double);
	int p99 = (int)((double)n * 0.99);
	if (p99 >= n)
		p99 = n - 1;
	printf("{\"op\":\"%s\",\"cases\":%lld,\"decisions\":%lld,\"n\":%d,"
	       "\"median_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
	       name, cases, decisions, n, v[n / 2], v[p99], v[n - 1]);
	fflush(stdout);
}

static bool sign_one(struct db *db, const struct form_set *forms,
		     const struct boards *bs, long long case_id, long long k)
{
	struct tb_case *c = NULL;
	struct diag d;
	bool ok = false;
	diag_init(&d);
	if (db_case_load(db, case_id, &c) != TB_OK)
		goto done;
	const struct board *b = boards_for_icd10(bs, c->icd10);
	const struct form *f = decision_form_for(forms, b ? b->id : NULL);
	long long inst;
	if (decision_open(db, f, NULL, case_id, &d, &inst) != TB_OK)
		goto done;
	if (!bench_sign_fill(db, forms, f, case_id, k, "+14", &d))
		goto done;
	struct decision_sign_opts o = {.signed_by = "Bench Ordförande",
				       .attendees =
					   "Bench Onkolog\tonkolog\tcore"};
	long long id;
	ok = decision_sign(db, forms, case_id, &o, &d, &id) == TB_OK;
done:
	if (!ok && d.n && k < 3)
		diag_print(&d, stderr);
	diag_done(&d);
	model_case_free(&c);
	return ok;
}

static void count_id(long long id, void *arg)
{
	(void)id;
	(*(long long *)arg)++;
}

int main(int argc, char **argv)
{
	static const char *const terms[] = {"osimertinib", "vårdprogram",
					    "syntetiskt", "behandling"};
	if (argc < 3) {
		fputs("usage: bench_decide DB N [ITERATIONS]\n", stderr);
		return 2;
	}
	long long n = atoll(argv[2]);
	int iters = argc > 3 ? atoi(argv[3]) : 100;
	struct db *db = NULL;
	char *err = NULL;
	struct form_set forms;
	struct form_phrases ph;
	struct boards bs;
	struct diag d;
	diag_init(&d);
	clock_set_from_text(getenv("TUMORBOARD_NOW"));
	import_global_init();
	if (db_open(argv[1], false, &db, &err) != TB_OK ||
	    import_form_load_all(NULL, &forms, &d) != TB_OK ||
	    import_form_phrases(NULL, &ph, &d) != TB_OK ||
	    import_boards_load(NULL, &bs, &d) != TB_OK) {
		fprintf(stderr, "bench_decide: %s\n", err ? err : "set-up");
		diag_print(&d, stderr);
		return 1;
	}
	long long cases = 0;
	struct db_case_filter all = {0};
	db_case_count(db, &all, &cases);
	if (n > cases)
		n = cases;
	double *v =
	    xcalloc((size_t)(n > iters ? n : iters) + 1, sizeof(double));

	/* one decision for every (cases / n)-th case, timed each */
	long long step = n ? cases / n : 1, signed_n = 0;
	for (long long k = 0; k < n; k++) {
		double t0 = now_ms();
		if (sign_one(db, &forms, &bs, 1 + k * step, k))
			signed_n++;
		v[k] = now_ms() - t0;
	}
	if (n)
		report("decide_open_fill_sign", v, (int)n, cases, signed_n);

	long long decisions = 0;
	for (int i = 0; i < iters; i++) {
		long long hits = 0;
		double t0 = now_ms();
		db_decision_search(db, terms[i % 4], 40, count_id, &hits);
		v[i] = now_ms() - t0;
		decisions = hits > decisions ? hits : decisions;
	}
	report("search_decisions", v, iters, cases, signed_n);

	char pdf[] = "/tmp/bench-summary-XXXXXX";
	int fd = mkstemp(pdf);
	if (fd >= 0)
		close(fd);
	for (int pass = 0; pass < 2 && signed_n; pass++) {
		int runs = pass ? iters / 5 : iters;
		for (int i = 0; i < runs; i++) {
			long long id = 1 + (i * 7919) % signed_n;
			struct summary_loaded l;
			char e[256];
			struct summary_info info;
			double t0 = now_ms();
			if (summary_load(db, &forms, &ph, &bs, id, &l, e,
					 sizeof(e)) == TB_OK) {
				if (pass == 0) {
					struct textdoc doc;
					textdoc_init(&doc, 72);
					summary_patient(&l.src, NULL, &doc,
							&info);
					textdoc_done(&doc);
				} else
					summary_pdf(db, &l.src, NULL, pdf,
						    &info, e, sizeof(e));
				summary_loaded_done(&l);
			}
			v[i] = now_ms() - t0;
		}
		report(pass ? "summary_pdf" : "summary_text", v, runs, cases,
		       signed_n);
	}
	unlink(pdf);
	free(v);
	boards_done(&bs);
	form_phrases_done(&ph);
	form_set_done(&forms);
	diag_done(&d);
	db_close(&db);
	import_global_cleanup();
	return 0;
}
