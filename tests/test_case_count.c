/* Unit tests: what a screen reads again after it drew and logged a list.
 * The access log's own batches do not move this connection's data
 * version (db_data_version), and db_case_count_capped does not count again
 * on data that has not moved (the referral queue toggled); any change,
 * this connection's or another's, and another filter, count again. */
#include "testutil.h"

#include "db.h"
#include "db_access.h"
#include "db_case.h"
#include "db_user.h"
#include "db_internal.h"
#include "model.h"
#include "store.h"

struct fixture {
	char *dir;
	char *path;
	struct db *db;
};

static void store_case(struct db *db, int i)
{
	bool created;
	char *changes = NULL;
	char ext[32], pnr[32];
	snprintf(ext, sizeof(ext), "GEN-%04d", i);
	snprintf(pnr, sizeof(pnr), "1956%04d-%04d", 101 + i % 28, 1000 + i);
	struct tb_case *c = test_make_case(ext, pnr, "Märta");
	assert_int_equal(db_case_store(db, c, "t", &created, &changes), TB_OK);
	free(changes);
	model_case_free(&c);
}

static void store_cases(struct db *db, int from, int n)
{
	assert_int_equal(db_begin(db), TB_OK);
	for (int i = from; i < from + n; i++)
		store_case(db, i);
	assert_int_equal(db_commit(db), TB_OK);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *err = NULL;
	f->dir = test_tmpdir();
	f->path = xasprintf("%s/tb.db", f->dir);
	assert_int_equal(db_open(f->path, false, &f->db, &err), TB_OK);
	store_cases(f->db, 0, 30);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(&f->db);
	test_rmtree(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static long long first_case_patient(struct db *db, long long *case_id)
{
	*case_id = db_first_int(db, "SELECT min(id) FROM cases", NULL, -1);
	return db_first_int(db, "SELECT min(patient_id) FROM cases", NULL, -1);
}

/* A logged read (the access log alone) moves neither part of this
 * connection's data version; a change of a case does. */
static void test_access_log_moves_no_version(void **state)
{
	struct fixture *f = *state;
	long long case_id, patient_id = first_case_patient(f->db, &case_id);
	assert_true(case_id > 0 && patient_id > 0);
	unsigned long long o1, w1, o2, w2, o3, w3;
	assert_int_equal(db_data_version(f->db, &o1, &w1), TB_OK);
	for (int i = 0; i < 3; i++)
		assert_int_equal(db_access_append(f->db, "tester", NULL, "open",
						  patient_id, case_id,
						  "unchecked", 0),
				 TB_OK);
	assert_int_equal(
	    db_first_int(f->db, "SELECT count(*) FROM access_log", NULL, -1),
	    3);
	assert_int_equal(db_data_version(f->db, &o2, &w2), TB_OK);
	assert_true(o2 == o1);
	assert_true(w2 == w1);
	store_cases(f->db, 30, 1);
	assert_int_equal(db_data_version(f->db, &o3, &w3), TB_OK);
	assert_true(w3 != w2);
}

/* The count of the queue and of a filter, the statements they run. */
static long long count(struct db *db, const struct db_case_filter *flt,
		       unsigned long long *statements)
{
	long long n = -1;
	bool more = true;
	unsigned long long before = store_statements_run(db->conn);
	assert_int_equal(db_case_count_capped(db, flt, 1000, &n, &more), TB_OK);
	assert_false(more);
	*statements = store_statements_run(db->conn) - before;
	return n;
}

static void test_count_read_once_per_data_version(void **state)
{
	struct fixture *f = *state;
	struct db_case_filter queue = {.queue = true};
	unsigned long long ran;
	assert_int_equal(count(f->db, &queue, &ran), 30);
	assert_true(ran > 0);
	unsigned long long first = ran;
	/* again on the same data: nothing counted */
	assert_int_equal(count(f->db, &queue, &ran), 30);
	assert_true(ran < first);
	unsigned long long cached = ran;
	/* a logged read changes nothing the count depends on */
	long long case_id, patient_id = first_case_patient(f->db, &case_id);
	assert_int_equal(db_access_append(f->db, "tester", NULL, "list",
					  patient_id, case_id, "unchecked", 0),
			 TB_OK);
	assert_int_equal(count(f->db, &queue, &ran), 30);
	assert_int_equal(ran, cached);
	/* another filter is counted, and not taken for the queue's */
	struct db_case_filter lung = {.icd10_prefix = "C99"};
	assert_int_equal(count(f->db, &lung, &ran), 0);
	assert_true(ran > cached);
	assert_int_equal(count(f->db, &queue, &ran), 30);
	assert_true(ran > cached);
	/* this connection's change */
	store_cases(f->db, 30, 2);
	assert_int_equal(count(f->db, &queue, &ran), 32);
	assert_true(ran > cached);
	/* another connection's change */
	struct db *other = NULL;
	char *err = NULL;
	assert_int_equal(db_open(f->path, false, &other, &err), TB_OK);
	store_cases(other, 40, 3);
	db_close(&other);
	assert_int_equal(count(f->db, &queue, &ran), 35);
	assert_true(ran > cached);
	assert_int_equal(count(f->db, &queue, &ran), 35);
	assert_int_equal(ran, cached);
	/* a change inside an open transaction is counted in it */
	assert_int_equal(db_begin(f->db), TB_OK);
	store_case(f->db, 50);
	assert_int_equal(count(f->db, &queue, &ran), 36);
	db_rollback(f->db);
	assert_int_equal(count(f->db, &queue, &ran), 35);
}

/* The statements a screenful's access log reads with (the patients of
 * the cases shown, the care facts) are prepared once per connection and
 * give the same answers each time. */
static void test_screenful_statements_prepared_once(void **state)
{
	struct fixture *f = *state;
	long long ids[3];
	ids[0] = db_first_int(f->db, "SELECT min(id) FROM cases", NULL, -1);
	ids[1] = ids[0] + 1;
	ids[2] = ids[0] + 2;
	struct store_stmt *first = NULL;
	for (int round = 0; round < 3; round++) {
		assert_int_equal(db_access_patients_prefetch(f->db, 0, ids, 3),
				 TB_OK);
		assert_int_equal(f->db->access_n, 3);
		struct store_stmt *st =
		    f->db->stmts[DB_STMT_ACCESS_PATIENTS_MANY];
		assert_non_null(st);
		if (round)
			assert_ptr_equal(st, first);
		first = st;
		db_access_patients_forget(f->db);
	}
	struct store_stmt *one = NULL;
	for (int round = 0; round < 2; round++) {
		struct db_user_care_query *q = NULL;
		assert_int_equal(db_user_care_begin(f->db, &q), TB_OK);
		assert_non_null(f->db->stmts[DB_STMT_CARE_ONE]);
		if (round)
			assert_ptr_equal(f->db->stmts[DB_STMT_CARE_ONE], one);
		one = f->db->stmts[DB_STMT_CARE_ONE];
		db_user_care_end(&q);
		assert_null(q);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_access_log_moves_no_version,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_count_read_once_per_data_version, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_screenful_statements_prepared_once, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
