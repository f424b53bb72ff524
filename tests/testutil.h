/* Helpers shared by the cmocka tests (header-only, static functions). */
#ifndef TB_TESTUTIL_H
#define TB_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

/* A fresh temporary directory for this test process; caller frees. */
static inline char *test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl =
	    xasprintf("%s/tbtest.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl)) {
		free(tmpl);
		fail_msg("mkdtemp failed");
	}
	return tmpl;
}

static inline void test_rmtree(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		print_message("could not remove %s\n", dir);
	free(cmd);
}

static inline void test_write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* A connection of its own to an existing database (the program's is
 * opaque): tests look underneath through the store interface, as db*.c
 * do. Fails the test when it cannot be opened. Close with store_close. */
static inline struct store *test_store_open(const char *db)
{
	struct store *s = NULL;
	char *err = NULL;
	if (store_open(db, STORE_OPEN_READWRITE, &s, &err) != STORE_OK)
		fail_msg("%s: %s", db, err ? err : "cannot open");
	free(err);
	return s;
}

/* The first row's first column of sql as an integer (-1 when there is no
 * row), read on a connection of its own to the database at path. */
static inline long long test_file_scalar(const char *path, const char *sql)
{
	struct store *conn;
	struct store_stmt *st;
	long long v = -1;
	conn = test_store_open(path);
	assert_int_equal(store_prepare(conn, sql, 0, &st), STORE_OK);
	if (store_step(st) == STORE_ROW)
		v = store_column_int64(st, 0);
	store_finalize(st);
	store_close(conn);
	return v;
}

/* Runs the SQL script on a connection of its own to the database at path
 * (a change made behind the program's back); fails the test when it
 * fails. */
static inline void test_file_exec(const char *path, const char *sql)
{
	struct store *conn;
	conn = test_store_open(path);
	int rc = store_exec(conn, sql);
	if (rc != STORE_OK)
		fail_msg("%s: %s", sql, store_errmsg(conn));
	store_close(conn);
}

/* The examples directory: $TB_EXAMPLES or the source tree default. */
static inline const char *test_examples_dir(void)
{
	const char *d = getenv("TB_EXAMPLES");
	return d && *d ? d : "examples/cases";
}

/* The file at path, whole (the test fails when it cannot be read); *n
 * gets its size. Caller frees. */
static inline char *test_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("%s cannot be read", path);
	struct strbuf sb = {0};
	char buf[8192];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, got);
	fclose(f);
	*n = sb.len;
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

/* Replaces the first occurrence of from in s with to; caller frees. The
 * test fails when from does not occur (so a template edit cannot silently
 * turn a test into a no-op). */
static inline char *test_replace(const char *s, const char *from,
				 const char *to)
{
	const char *at = strstr(s, from);
	if (!at)
		fail_msg("template does not contain '%s'", from);
	struct strbuf sb = {0};
	strbuf_add(&sb, s, (size_t)(at - s));
	strbuf_puts(&sb, to);
	strbuf_puts(&sb, at + strlen(from));
	return strbuf_detach(&sb);
}

#include "model.h"

/* A somatic SNV of gene with the protein change p, from the lung test
 * panel of 2026-10-24, added to c; the finding, for the caller to add
 * to. */
static inline struct tb_finding *test_add_snv(struct tb_case *c,
					      const char *gene, const char *p)
{
	struct tb_finding *f = model_case_add_finding(c);
	f->gene = xstrdup(gene);
	f->kind = xstrdup("snv");
	f->origin = xstrdup("somatic");
	f->hgvs_p = xstrdup(p);
	f->test = xstrdup("GMS560");
	f->sample = xstrdup("EBUS");
	f->lab = xstrdup("Lund");
	f->date = xstrdup("2026-10-24");
	return f;
}

/* A complete synthetic lung case with one EGFR finding and imaging;
 * caller frees. */
static inline struct tb_case *test_make_case(const char *ext, const char *pnr,
					     const char *given)
{
	struct tb_case *c = model_case_new();
	c->external_id = xstrdup(ext);
	c->patient.pnr = xstrdup(pnr);
	c->patient.id_type = xstrdup("personnummer");
	c->patient.family_name = xstrdup("Åström");
	c->patient.given_name = xstrdup(given);
	c->patient.birth_date = xstrdup("1956-03-12");
	c->patient.sex = xstrdup("female");
	c->patient.region = xstrdup("Skåne");
	c->patient.language = xstrdup("sv");
	c->priority = xstrdup("routine");
	c->status = xstrdup("referred");
	c->referral_date = xstrdup("2026-10-28");
	c->level = xstrdup("regional");
	c->level_reason = xstrdup("Behandlingsbar drivarmutation");
	c->icd10 = xstrdup("C34.1");
	c->diagnosis_text = xstrdup("Adenokarcinom höger överlob");
	c->question = xstrdup("Osimertinib eller strålbehandling först?");
	c->referrer_name = xstrdup("Johan Lindqvist");
	c->referrer_unit = xstrdup("Lungmedicin");
	c->ecog = 1;
	c->source.system = xstrdup("test");
	struct tb_finding *f = test_add_snv(c, "EGFR", "p.Leu858Arg");
	f->has_vaf = true;
	f->vaf = 0.31;
	f->context = xstrdup("clinical");
	struct tb_imaging *im = model_case_add_imaging(c);
	im->date = xstrdup("2026-10-06");
	im->modality = xstrdup("ct");
	im->region = xstrdup("Thorax");
	im->findings = xstrdup("38 mm tumör");
	im->impression = xstrdup("Misstänkt lungcancer");
	im->has_recist = true;
	im->recist_sum = 52;
	return c;
}

#include "db.h"
#include "db_case.h"
#include "db_meeting.h"
#include "diag.h"
#include "status.h"

/* The set-up most store tests share: a database in a temporary directory
 * of its own, opened (created at the schema's version) as t->db. A test
 * may close and open it again at t->path; it closes it before
 * test_db_done, which removes the directory and frees the names. */
struct test_db {
	char *dir, *path;
	struct db *db;
};

static inline void test_db_open(struct test_db *t)
{
	char *err = NULL;
	t->dir = test_tmpdir();
	t->path = xasprintf("%s/tb.db", t->dir);
	t->db = NULL;
	if (db_open(t->path, false, &t->db, &err) != TB_OK)
		fail_msg("%s: %s", t->path, err ? err : "cannot open");
	free(err);
}

static inline void test_db_done(struct test_db *t)
{
	test_rmtree(t->dir);
	free(t->dir);
	free(t->path);
	t->dir = t->path = NULL;
}

/* Stores c (new or changed) in a transaction of its own, as received at
 * at; returns its id. Fails the test when it cannot. */
static inline long long test_store_case(struct db *db, struct tb_case *c,
					const char *at)
{
	bool created;
	char *changes = NULL;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, c, at, &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	free(changes);
	return c->id;
}

/* A regional meeting of the board planned on date at 09:00 for an hour;
 * its id. */
static inline long long test_plan_meeting(struct db *db, const char *date,
					  const char *board)
{
	struct tb_meeting m = {.length_min = 60};
	snprintf(m.date, sizeof(m.date), "%s", date);
	snprintf(m.start_time, sizeof(m.start_time), "09:00");
	snprintf(m.board, sizeof(m.board), "%s", board);
	snprintf(m.level, sizeof(m.level), "regional");
	assert_int_equal(db_meeting_create(db, &m), TB_OK);
	return m.id;
}

/* A synthetic lung case (test_make_case) with this ICD-10 code, stored;
 * its id. */
static inline long long test_add_case(struct db *db, const char *ext,
				      const char *pnr, const char *icd10)
{
	struct tb_case *c = test_make_case(ext, pnr, "Märta");
	util_set(&c->icd10, icd10);
	long long id = test_store_case(db, c, "t");
	model_case_free(&c);
	return id;
}

/* An archive taken back to an older schema: c is stored in t->db, the
 * database closed, sql run on the file (dropping what the newer steps
 * added and setting user_version), and the database opened again as
 * t->db, which must upgrade it to the schema's version with every seal
 * of the audit chain holding. */
/* SQL that takes an archive back before schema step 23: the access log's
 * lookups dropped (TEST_UNDO_23), and where the log stays, its two
 * indexes made again (TEST_UNDO_23_LOG). */
#define TEST_UNDO_23                                                           \
	"DROP TABLE access_log_by_patient; DROP TABLE access_log_by_case;"     \
	" DROP TABLE access_log_indexed;"
#define TEST_UNDO_23_LOG                                                       \
	TEST_UNDO_23 " CREATE INDEX access_log_patient ON"                     \
		     " access_log(patient_id, id); CREATE INDEX"               \
		     " access_log_case ON access_log(case_id, id);"

static inline void test_db_back_to(struct test_db *t, struct tb_case *c,
				   const char *sql)
{
	char *err = NULL;
	struct diag d;
	struct db_audit_check chk;
	test_store_case(t->db, c, "t");
	db_close(&t->db);
	test_file_exec(t->path, sql);
	if (db_open(t->path, false, &t->db, &err) != TB_OK)
		fail_msg("%s: %s", t->path, err ? err : "cannot open");
	assert_int_equal(db_user_version(t->db), DB_SCHEMA_VERSION);
	diag_init(&d);
	assert_int_equal(db_audit_verify(t->db, &d, &chk), TB_OK);
	assert_int_equal(d.n, 0);
	diag_done(&d);
}

#endif
