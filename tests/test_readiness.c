/* Unit tests: board types as data (built-in and user files), board choice
 * by diagnosis, and the readiness checklist. */
#include "testutil.h"

#include "board.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_builtin_boards),
	    cmocka_unit_test(test_diagnosis_rule),
	    cmocka_unit_test(test_user_boards_file),
	    cmocka_unit_test(test_stage_group),
	    cmocka_unit_test(test_readiness),
	};
	int rc = cmocka_run_group_tests_name("readiness", tests, NULL, NULL);
	return rc;
}
