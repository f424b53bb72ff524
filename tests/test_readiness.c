/* Unit tests: board types as data (built-in and user files), board choice
 * by diagnosis, and the readiness checklist. */
#include "testutil.h"

#include <dirent.h>

#include "board.h"
#include "db.h"
#include "db_case.h"
#include "form_def.h"
#include "import.h"
#include "import_boards.h"
#include "readiness.h"

static struct tb_case *lung_case(void)
{
	struct tb_case *c = model_case_new();
	c->icd10 = xstrdup("C34.1");
	c->question = xstrdup("Osimertinib?");
	c->level_reason = xstrdup("Driver mutation");
	c->tnm_stage = xstrdup("IVA");
	c->ecog = 1;
	struct tb_pathology *p = model_case_add_pathology(c);
	p->date = xstrdup("2026-10-14");
	struct tb_imaging *im = model_case_add_imaging(c);
	im->date = xstrdup("2026-10-06");
	im = model_case_add_imaging(c);
	im->date = xstrdup("2026-11-01");
	struct tb_finding *f = model_case_add_finding(c);
	f->context = xstrdup("clinical");
	return c;
}

static void test_builtin_boards(void **state)
{
	(void)state;
	struct boards bs;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, &bs, &d), TB_OK);
	assert_string_equal(bs.source, "built-in");
	assert_true(bs.n >= 6);
	assert_string_equal(boards_for_icd10(&bs, "C34.1")->id, "lung");
	assert_string_equal(boards_for_icd10(&bs, "C18.7")->id, "colorectal");
	assert_string_equal(boards_for_icd10(&bs, "C50.4")->id, "breast");
	/* No board names C22: the catch-all takes it. */
	assert_string_equal(boards_for_icd10(&bs, "C22.1")->id, "general");
	const struct board *lung = boards_for_icd10(&bs, "C34");
	assert_int_equal(lung->ready.imaging_max_days, 42);
	assert_true(lung->n_core_roles >= 5);
	boards_done(&bs);
	diag_done(&d);
}

/* The one rule for a diagnosis against a board (the decision form's
 * diagnosis, the agenda): the code, its board and the board's diagnoses
 * named; a board without diagnoses takes every code. */
static void test_diagnosis_rule(void **state)
{
	(void)state;
	struct boards bs;
	struct diag d;
	char why[200];
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, &bs, &d), TB_OK);
	assert_true(boards_check_icd10(&bs, "lung", "C34.1", why, sizeof(why)));
	assert_string_equal(why, "");
	assert_true(boards_check_icd10(&bs, "lung", "C38.4", why, sizeof(why)));
	assert_false(
	    boards_check_icd10(&bs, "lung", "C50.9", why, sizeof(why)));
	assert_string_equal(why, "C50.9 is a diagnosis of the breast board, "
				 "not of the lung board (C33 C34 C38.4 C45)");
	/* a code no board names belongs to the catch-all */
	assert_false(
	    boards_check_icd10(&bs, "breast", "C22.1", why, sizeof(why)));
	assert_string_equal(why, "C22.1 is not a diagnosis of the breast "
				 "board (C50 D05)");
	/* the catch-all takes everything; an unknown board or no code:
	 * nothing to say */
	assert_true(
	    boards_check_icd10(&bs, "general", "C50.9", why, sizeof(why)));
	assert_true(boards_check_icd10(&bs, "mtb", "C50.9", why, sizeof(why)));
	assert_true(boards_check_icd10(&bs, "lung", "", why, sizeof(why)));
	assert_true(
	    boards_check_icd10(NULL, "lung", "C50.9", why, sizeof(why)));
	boards_done(&bs);
	diag_done(&d);
}

static void test_user_boards_file(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/boards.xml", dir);
	const char *good =
	    "<boards xmlns=\"urn:x-tumorboard:boards:1\" version=\"t\">\n"
	    "<board id=\"a\" name=\"A\" minutes-per-case=\"5\">"
	    "<diagnoses>C3 C34.1</diagnoses><ready><question/></ready>"
	    "</board>\n"
	    "<board id=\"b\" name=\"B\" minutes-per-case=\"5\">"
	    "<diagnoses>C34</diagnoses><ready><pathology/></ready>"
	    "</board>\n</boards>\n";
	struct boards bs;
	struct diag d;
	diag_init(&d);
	test_write_file(path, good, strlen(good));
	assert_int_equal(import_boards_load(path, &bs, &d), TB_OK);
	assert_string_equal(bs.source, path);
	/* Longest prefix wins; no catch-all here. */
	assert_string_equal(boards_for_icd10(&bs, "C34.1")->id, "a");
	assert_string_equal(boards_for_icd10(&bs, "C34.3")->id, "b");
	assert_string_equal(boards_for_icd10(&bs, "C30")->id, "a");
	assert_null(boards_for_icd10(&bs, "C50"));
	boards_done(&bs);

	const char *bad =
	    "<boards xmlns=\"urn:x-tumorboard:boards:1\" version=\"t\">\n"
	    "<board id=\"a\" name=\"A\" minutes-per-case=\"five\">"
	    "<ready/></board>\n</boards>\n";
	test_write_file(path, bad, strlen(bad));
	assert_int_equal(import_boards_load(path, &bs, &d), TB_INVALID);
	assert_true(d.n >= 1);
	assert_string_equal(d.items[0].file, path);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(bs.n, 0);
	diag_done(&d);

	const char *dup =
	    "<boards xmlns=\"urn:x-tumorboard:boards:1\" version=\"t\">\n"
	    "<board id=\"a\" name=\"A\" "
	    "minutes-per-case=\"5\"><ready/></board>\n"
	    "<board id=\"a\" name=\"B\" "
	    "minutes-per-case=\"5\"><ready/></board>\n"
	    "</boards>\n";
	test_write_file(path, dup, strlen(dup));
	assert_int_equal(import_boards_load(path, &bs, &d), TB_INVALID);
	assert_non_null(strstr(d.items[0].message, "used twice"));
	assert_int_equal(d.items[0].line, 3);
	diag_done(&d);

	char *missing = xasprintf("%s/none.xml", dir);
	assert_int_equal(import_boards_load(missing, &bs, &d), TB_OK);
	assert_string_equal(bs.source, "built-in");
	boards_done(&bs);
	free(missing);
	free(path);
	test_rmtree(dir);
	free(dir);
}

static void test_stage_group(void **state)
{
	(void)state;
	char g[8];
	boards_stage_group("IIIA", g);
	assert_string_equal(g, "III");
	boards_stage_group("IVB", g);
	assert_string_equal(g, "IV");
	boards_stage_group("IA1", g);
	assert_string_equal(g, "I");
	boards_stage_group("0", g);
	assert_string_equal(g, "0");
	boards_stage_group(NULL, g);
	assert_string_equal(g, "");
}

static const struct readiness_item *item(const struct readiness *r,
					 const char *what)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->items[i].what, what) == 0)
			return &r->items[i];
	fail_msg("no readiness item '%s'", what);
	return &r->items[0]; /* not reached: fail_msg does not return */
}

static void test_readiness(void **state)
{
	(void)state;
	struct boards bs;
	struct diag d;
	struct readiness r;
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, &bs, &d), TB_OK);
	const struct board *lung = boards_for_icd10(&bs, "C34.1");
	struct tb_case *c = lung_case();

	readiness_check(c, lung, "2026-11-23", &r);
	assert_int_equal(r.missing, 0);
	assert_int_equal(r.n, 6);
	assert_string_equal(
	    item(&r, "Current imaging")->detail,
	    "newest 2026-11-01 is 22 days old; the limit is 42");

	/* Stale imaging: the newest study decides, not the first. */
	readiness_check(c, lung, "2026-12-20", &r);
	assert_int_equal(r.missing, 1);
	assert_false(item(&r, "Current imaging")->ok);
	assert_non_null(
	    strstr(item(&r, "Current imaging")->detail, "49 days old"));

	/* A test that found no variant is a molecular result too: the board
	 * knows the gene was looked at. */
	c->findings[0].absent = true;
	readiness_check(c, lung, "2026-11-23", &r);
	assert_true(item(&r, "Molecular results")->ok);
	c->findings[0].absent = false;

	/* Research-only molecular results do not count at stage IV... */
	util_set(&c->findings[0].context, "research");
	readiness_check(c, lung, "2026-11-23", &r);
	assert_false(item(&r, "Molecular results")->ok);
	assert_string_equal(item(&r, "Molecular results")->detail,
			    "only research results");
	/* ...and are not asked for at stage IIB. */
	util_set(&c->tnm_stage, "IIB");
	readiness_check(c, lung, "2026-11-23", &r);
	for (int i = 0; i < r.n; i++)
		assert_string_not_equal(r.items[i].what, "Molecular results");

	/* A child (under 16 on the day asked about) is ready with her
	 * Lansky play-performance; her ECOG does not count. */
	util_set(&c->tnm_stage, "IVA");
	util_set(&c->findings[0].context, "clinical");
	util_set(&c->patient.birth_date, "2010-12-10");
	readiness_check(c, lung, "2026-11-23", &r);
	assert_false(item(&r, "Performance status (Lansky)")->ok);
	assert_string_equal(item(&r, "Performance status (Lansky)")->detail,
			    "Lansky not stated");
	for (int i = 0; i < r.n; i++)
		assert_string_not_equal(r.items[i].what,
					"Performance status (ECOG)");
	c->lansky = 80;
	readiness_check(c, lung, "2026-11-23", &r);
	assert_true(item(&r, "Performance status (Lansky)")->ok);
	assert_int_equal(r.missing, 0);
	/* 16 at the meeting's date: ECOG again */
	c->ecog = -1;
	readiness_check(c, lung, "2026-12-10", &r);
	assert_false(item(&r, "Performance status (ECOG)")->ok);
	c->ecog = 1;

	/* Nothing at all. */
	struct tb_case *empty = model_case_new();
	empty->icd10 = xstrdup("C34.1");
	readiness_check(empty, lung, "2026-11-23", &r);
	assert_int_equal(r.missing, r.n - 0);
	assert_string_equal(item(&r, "Current imaging")->detail, "no imaging");
	assert_string_equal(item(&r, "Pathology")->detail,
			    "no pathology report");

	model_case_free(&empty);
	model_case_free(&c);
	boards_done(&bs);
	diag_done(&d);
}

static void assert_text_same(const char *a, const char *b, const char *what)
{
	if (!a || !b) {
		if (a != b)
			fail_msg("%s: one is NULL", what);
		return;
	}
	if (strcmp(a, b) != 0)
		fail_msg("%s: '%s', not '%s'", what, a, b);
}

/* got, read by the store, is want, taken from the whole case. */
static void assert_facts_same(const struct readiness_facts *got,
			      const struct readiness_facts *want)
{
	assert_int_equal(got->id, want->id);
	assert_text_same(got->external_id, want->external_id, "external id");
	assert_text_same(got->icd10, want->icd10, "icd10");
	assert_int_equal(got->question, want->question);
	assert_int_equal(got->level_reason, want->level_reason);
	assert_int_equal(got->n_pathology, want->n_pathology);
	assert_text_same(got->birth_date, want->birth_date, "birth date");
	assert_int_equal(got->ecog, want->ecog);
	assert_int_equal(got->lansky, want->lansky);
	assert_text_same(got->tnm_stage, want->tnm_stage, "stage");
	assert_text_same(got->newest_imaging, want->newest_imaging,
			 "newest imaging");
	assert_int_equal(got->n_findings, want->n_findings);
	assert_int_equal(got->n_clinical, want->n_clinical);
}

/* Every sample file imported into a new database at path. */
static size_t import_samples(const char *path)
{
	static const struct import_opts opts = {.today = "2026-11-23"};
	const char *dir = test_examples_dir();
	DIR *dp = opendir(dir);
	struct db *db = NULL;
	char *err = NULL;
	size_t cases = 0;
	assert_non_null(dp);
	assert_int_equal(db_open(path, false, &db, &err), TB_OK);
	struct dirent *de;
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		char *file = xasprintf("%s/%s", dir, de->d_name);
		struct diag d;
		struct import_result r;
		diag_init(&d);
		if (import_file(db, file, &opts, &d, &r) != TB_OK) {
			diag_print(&d, stderr);
			fail_msg("%s did not import", file);
		}
		cases += r.created;
		diag_done(&d);
		free(file);
	}
	closedir(dp);
	db_close(&db);
	return cases;
}

/* What the store reads of a case in one statement for its readiness
 * (db_case_ready; db_case_ready_many for many at once, in batches) is
 * what the case loaded whole says, for every sample case, and the
 * readiness checked from either is the same, item by item. The samples
 * are made to hold what they lack: a case without imaging, one with
 * only research findings, an empty question, an empty level reason and
 * no ECOG; a child with her Lansky, one without, and a case without
 * pathology are among them. */
static void test_store_facts(void **state)
{
	(void)state;
	static const char as_of[] = "2026-11-26";
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/t.db", dir);
	size_t n = import_samples(path);
	assert_true(n >= 33); /* more than one batch of DB_CASE_BATCH */
	test_file_exec(
	    path, "DELETE FROM imaging WHERE case_id = (SELECT id FROM cases"
		  " WHERE external_id = 'SKA-LUNG-2026-0001');"
		  "UPDATE finding SET context = 'research' WHERE case_id ="
		  " (SELECT id FROM cases WHERE external_id ="
		  " 'SLL-LUNG-2026-0044');"
		  "UPDATE cases SET question = '' WHERE external_id ="
		  " 'VGR-LUNG-2026-0012';"
		  "UPDATE cases SET level_reason = '', ecog = NULL WHERE"
		  " external_id = 'ORE-LUNG-2026-0021';");
	long long last = test_file_scalar(path, "SELECT max(id) FROM cases");
	struct db *db = NULL;
	char *err = NULL;
	assert_int_equal(db_open(path, false, &db, &err), TB_OK);
	struct boards bs;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, &bs, &d), TB_OK);

	struct tb_case **cases = xcalloc(n, sizeof(*cases));
	long long *ids = xcalloc(n + 2, sizeof(*ids));
	size_t got_n = 0, children = 0, lansky = 0, no_imaging = 0,
	       research = 0, no_question = 0, no_reason = 0, no_ecog = 0,
	       no_pathology = 0;
	for (long long id = 1; id <= last; id++) {
		struct tb_case *c = NULL;
		enum tb_status st = db_case_load(db, id, &c);
		if (st == TB_NOT_FOUND)
			continue;
		assert_int_equal(st, TB_OK);
		assert_true(got_n < n);
		struct readiness_facts want, got;
		readiness_facts_of(c, &want);
		assert_int_equal(db_case_ready(db, id, &got), TB_OK);
		assert_non_null(got.text);
		assert_facts_same(&got, &want);

		const struct board *b = boards_for_icd10(&bs, c->icd10);
		assert_non_null(b);
		struct readiness rw, rg;
		readiness_check(c, b, as_of, &rw);
		readiness_check_facts(&got, b, as_of, &rg);
		assert_int_equal(rg.n, rw.n);
		assert_int_equal(rg.missing, rw.missing);
		for (int i = 0; i < rw.n; i++) {
			assert_string_equal(rg.items[i].what, rw.items[i].what);
			assert_int_equal(rg.items[i].ok, rw.items[i].ok);
			assert_string_equal(rg.items[i].detail,
					    rw.items[i].detail);
		}
		if (form_patients_at(got.birth_date, as_of, NULL) ==
		    FORM_PATIENTS_CHILDREN) {
			children++;
			lansky += got.lansky >= 0;
		}
		no_imaging += !got.newest_imaging;
		research += got.n_findings > 0 && !got.n_clinical;
		no_question += !got.question;
		no_reason += !got.level_reason;
		no_ecog += got.ecog < 0;
		no_pathology += !got.n_pathology;
		readiness_facts_done(&got);
		assert_null(got.text);
		ids[got_n] = id;
		cases[got_n++] = c;
	}
	assert_int_equal(got_n, n);
	assert_true(children >= 2 && lansky >= 1 && lansky < children);
	assert_int_equal(no_imaging, 1);
	assert_int_equal(research, 1);
	assert_int_equal(no_question, 1);
	assert_true(no_reason >= 1 && no_ecog >= 1 && no_pathology >= 1);

	/* all at once: an id twice, one of no case */
	ids[n] = ids[0];
	ids[n + 1] = last + 1;
	struct db_case_ready_set set;
	assert_int_equal(db_case_ready_many(db, ids, n + 2, &set), TB_OK);
	assert_int_equal(set.n, n);
	for (size_t i = 0; i < n; i++) {
		struct readiness_facts want;
		readiness_facts_of(cases[i], &want);
		const struct readiness_facts *got =
		    db_case_ready_find(&set, ids[i]);
		assert_non_null(got);
		assert_facts_same(got, &want);
	}
	assert_null(db_case_ready_find(&set, last + 1));
	db_case_ready_set_done(&set);
	assert_int_equal(set.n, 0);

	/* an agenda's rows: the same facts, what each case's row shows
	 * and what a trial is judged by of its findings as loaded whole,
	 * and no report or study read */
	struct db_case_set rows;
	assert_int_equal(db_case_set_load_rows(db, ids, n + 2, &rows), TB_OK);
	assert_int_equal(rows.n, n);
	for (size_t i = 0; i < n; i++) {
		const struct tb_case *w = cases[i];
		struct readiness_facts want;
		readiness_facts_of(w, &want);
		const struct readiness_facts *got =
		    db_case_set_facts(&rows, ids[i]);
		const struct tb_case *c = db_case_set_find(&rows, ids[i]);
		assert_non_null(got);
		assert_non_null(c);
		assert_facts_same(got, &want);
		assert_string_equal(c->external_id, w->external_id);
		assert_string_equal(c->question, w->question);
		assert_string_equal(c->patient.pnr, w->patient.pnr);
		assert_string_equal(c->patient.family_name,
				    w->patient.family_name);
		assert_string_equal(c->patient.given_name,
				    w->patient.given_name);
		assert_text_same(c->patient.language, w->patient.language,
				 "language");
		assert_string_equal(c->icd10, w->icd10);
		assert_int_equal(c->patient.interpreter,
				 w->patient.interpreter);
		assert_int_equal(c->ecog, w->ecog);
		assert_int_equal(c->n_findings, w->n_findings);
		for (size_t k = 0; k < w->n_findings; k++) {
			const struct tb_finding *a = &c->findings[k],
						*b = &w->findings[k];
			assert_text_same(a->gene, b->gene, "gene");
			assert_text_same(a->kind, b->kind, "kind");
			assert_text_same(a->hgvs_p, b->hgvs_p, "hgvs_p");
			assert_text_same(a->partner, b->partner, "partner");
			assert_text_same(a->context, b->context, "context");
			assert_text_same(a->origin, b->origin, "origin");
			assert_text_same(a->hgvs_c, b->hgvs_c, "hgvs_c");
			assert_text_same(a->transcript, b->transcript,
					 "transcript");
			assert_text_same(a->value, b->value, "value");
			assert_text_same(a->classification, b->classification,
					 "classification");
			assert_int_equal(a->has_copies, b->has_copies);
			assert_true(a->copies == b->copies);
			assert_int_equal(a->absent, b->absent);
		}
		assert_int_equal(c->n_pathology + c->n_imaging, 0);
	}
	assert_null(db_case_set_find(&rows, last + 1));
	assert_null(db_case_set_facts(&rows, last + 1));
	db_case_set_done(&rows);
	assert_null(rows.facts);
	/* a whole load has no facts */
	assert_int_equal(db_case_set_load(db, ids, 2, &rows), TB_OK);
	assert_null(db_case_set_facts(&rows, ids[0]));
	db_case_set_done(&rows);

	struct readiness_facts none;
	assert_int_equal(db_case_ready(db, last + 1, &none), TB_NOT_FOUND);
	assert_null(none.text);

	for (size_t i = 0; i < n; i++)
		model_case_free(&cases[i]);
	free(cases);
	free(ids);
	boards_done(&bs);
	diag_done(&d);
	db_close(&db);
	test_rmtree(dir);
	free(path);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_builtin_boards),
	    cmocka_unit_test(test_diagnosis_rule),
	    cmocka_unit_test(test_user_boards_file),
	    cmocka_unit_test(test_stage_group),
	    cmocka_unit_test(test_readiness),
	    cmocka_unit_test(test_store_facts),
	};
	int rc = cmocka_run_group_tests_name("readiness", tests, NULL, NULL);
	return rc;
}
