/* Unit tests: import — every rejection names file, line and field; files
 * are all or nothing; re-import updates; hostile XML reads nothing. */
#include "testutil.h"

#include <dirent.h>
#include <time.h>

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "diag.h"
#include "hash.h"
#include "import.h"
#include "import_xml.h"
#include "kb.h"
#include "progress.h"

/* Line numbers matter: each element sits on the line the tests expect. */
/* clang-format off */
static const char tmpl[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                  /* 1 */
	"<cases xmlns=\"urn:x-tumorboard:case:1\" source=\"Test\">\n"   /* 2 */
	"<case id=\"T-1\" referred=\"2026-10-28\" level=\"regional\">\n" /* 3 */
	"<patient>\n"                                                    /* 4 */
	"<id>19560312-9809</id>\n"                                       /* 5 */
	"<name family=\"Åström\" given=\"Märta\"/>\n"                   /* 6 */
	"<sex>female</sex>\n"                                            /* 7 */
	"</patient>\n"                                                   /* 8 */
	"<diagnosis icd10=\"C34.1\" icdo3=\"8140/3\">Adenokarcinom"
	"</diagnosis>\n"                                                 /* 9 */
	"<referrer name=\"Johan Lindqvist\" unit=\"Lungmedicin\"/>\n"   /* 10 */
	"<question>Osimertinib?</question>\n"                            /* 11 */
	"<level-reason>Drivarmutation</level-reason>\n"                  /* 12 */
	"<ecog date=\"2026-10-20\">1</ecog>\n"                           /* 13 */
	"<tnm t=\"cT2a\" n=\"cN2\" m=\"cM1b\" stage=\"IVA\"/>\n"         /* 14 */
	"<finding gene=\"EGFR\" kind=\"snv\" origin=\"somatic\""
	" p=\"p.Leu858Arg\" vaf=\"0.31\" test=\"GMS560\" sample=\"EBUS\""
	" lab=\"Lund\" date=\"2026-10-24\"/>\n"                          /* 15 */
	"<imaging date=\"2026-10-06\" modality=\"ct\" region=\"Thorax\""
	" recist-sum=\"52\">\n"                                          /* 16 */
	"<findings>38 mm</findings><impression>Misstänkt</impression>\n" /* 17 */
	"</imaging>\n"                                                   /* 18 */
	"</case>\n"                                                      /* 19 */
	"</cases>\n";                                                    /* 20 */
/* clang-format on */

static const struct import_opts opts = {.today = "2026-11-23"};

/* Parses text; returns the diagnostics (caller diag_done) and the status. */
static enum tb_status parse(const char *text, struct diag *d)
{
	struct tb_case **cases = NULL;
	size_t n = 0;
	diag_init(d);
	enum tb_status st =
	    import_parse("t.xml", text, strlen(text), &opts, d, &cases, &n);
	for (size_t i = 0; i < n; i++)
		model_case_free(&cases[i]);
	free(cases);
	if (st == TB_OK)
		assert_int_equal(d->n, 0);
	else
		assert_true(d->n > 0);
	return st;
}

/* text parsed cleanly into exactly one case: that case, the caller's to
 * free. */
static struct tb_case *parse_case(const char *text)
{
	struct tb_case **cases = NULL;
	size_t n = 0;
	struct diag d;
	diag_init(&d);
	assert_int_equal(
	    import_parse("t.xml", text, strlen(text), &opts, &d, &cases, &n),
	    TB_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(n, 1);
	struct tb_case *c = cases[0];
	free(cases);
	diag_done(&d);
	return c;
}

/* Applies one replacement to the template and expects exactly the named
 * problem: line, field and a piece of the message. */
static void expect_reject(const char *from, const char *to, long line,
			  const char *field, const char *msg_part)
{
	struct diag d;
	char *text = test_replace(tmpl, from, to);
	enum tb_status st = parse(text, &d);
	if (st != TB_INVALID)
		fail_msg("'%s' → '%s' was accepted", from, to);
	bool found = false;
	for (size_t i = 0; i < d.n; i++) {
		const struct diag_item *it = &d.items[i];
		if (it->line == line && it->file &&
		    strcmp(it->file, "t.xml") == 0 &&
		    (!field || (it->field && strcmp(it->field, field) == 0)) &&
		    strstr(it->message, msg_part))
			found = true;
	}
	if (!found) {
		diag_print(&d, stderr);
		fail_msg("expected t.xml:%ld: %s: ...%s...", line,
			 field ? field : "", msg_part);
	}
	diag_done(&d);
	free(text);
}

static void test_template_is_valid(void **state)
{
	(void)state;
	struct diag d;
	assert_int_equal(parse(tmpl, &d), TB_OK);
	diag_done(&d);
}

/* The interpreter flag rides on the language: read when yes, off when no
 * or absent. */
static void test_interpreter_flag(void **state)
{
	(void)state;
	static const struct {
		const char *lang;
		bool interpreter;
	} rows[] = {
	    {"<language interpreter=\"yes\">so</language>", true},
	    {"<language interpreter=\"no\">so</language>", false},
	    {"<language>so</language>", false},
	    {"", false},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *with = xasprintf("<sex>female</sex>%s", rows[i].lang);
		char *text = test_replace(tmpl, "<sex>female</sex>", with);
		struct tb_case *c = parse_case(text);
		assert_int_equal(c->patient.interpreter, rows[i].interpreter);
		model_case_free(&c);
		free(text);
		free(with);
	}
}

/* A copy-number finding by ISH gives a ratio instead of a copy number. */
static void test_cnv_by_ish_ratio(void **state)
{
	(void)state;
	static const char from[] = "kind=\"snv\" origin=\"somatic\""
				   " p=\"p.Leu858Arg\"";
	expect_reject(from, "kind=\"cnv\" origin=\"somatic\"", 15,
		      "finding/@copies", "an ISH ratio in value=");
	char *text = test_replace(
	    tmpl, from,
	    "kind=\"cnv\" origin=\"somatic\" value=\"HER2/CEP17 ratio 2.4\"");
	struct diag d;
	assert_int_equal(parse(text, &d), TB_OK);
	diag_done(&d);
	free(text);
}

/* A variant looked for and not found: result="absent" (present is the
 * default and may be written); it names the gene and the change, and
 * has no allele frequency, copies, value or class; only an SNV or indel
 * can be absent; any other result is refused at its line. */
static void test_absent_finding(void **state)
{
	(void)state;
	static const char *const results[] = {"", " result=\"present\"",
					      " result=\"absent\""};
	for (size_t i = 0; i < 3; i++) {
		char *to = xasprintf("lab=\"Lund\"%s", results[i]);
		char *text = test_replace(tmpl, "lab=\"Lund\"", to);
		if (i == 2) {
			char *t2 = test_replace(text, " vaf=\"0.31\"", "");
			free(text);
			text = t2;
		}
		struct tb_case *c = parse_case(text);
		assert_int_equal(c->findings[0].absent, i == 2);
		assert_string_equal(c->findings[0].hgvs_p, "p.Leu858Arg");
		model_case_free(&c);
		free(text);
		free(to);
	}
	expect_reject("lab=\"Lund\"", "lab=\"Lund\" result=\"negative\"", 15,
		      NULL, "");
	expect_reject("lab=\"Lund\"", "lab=\"Lund\" result=\"absent\"", 15,
		      "finding/@vaf", "not found");
	expect_reject("vaf=\"0.31\"",
		      "classification=\"pathogenic\" result=\"absent\"", 15,
		      "finding/@classification", "not found");
	expect_reject("vaf=\"0.31\"", "copies=\"8\" result=\"absent\"", 15,
		      "finding/@copies", "not found");
	expect_reject("gene=\"EGFR\" kind=\"snv\" origin=\"somatic\""
		      " p=\"p.Leu858Arg\" vaf=\"0.31\"",
		      "kind=\"msi\" origin=\"somatic\" value=\"MSS\""
		      " result=\"absent\"",
		      15, "finding/@result", "SNV or indel");
	expect_reject("kind=\"snv\"", "kind=\"fusion\" result=\"absent\"", 15,
		      "finding/@result", "SNV or indel");
	/* what was looked for is named */
	expect_reject("p=\"p.Leu858Arg\" vaf=\"0.31\"", "result=\"absent\"", 15,
		      "finding/@c", "HGVS");
}

/* A fusion written as one name becomes gene and partner, shown in the
 * order the lab wrote it. */
static void test_fusion_as_one_name(void **state)
{
	(void)state;
	static const char from[] = "gene=\"EGFR\" kind=\"snv\" "
				   "origin=\"somatic\" p=\"p.Leu858Arg\"";
	static const struct {
		const char *written, *gene, *partner, *label;
	} want[] = {
	    {"EML4::ALK", "ALK", "EML4", "EML4::ALK fusion"},
	    {"EML4-ALK", "ALK", "EML4", "EML4::ALK fusion"},
	    {"FGFR2::BICC1", "FGFR2", "BICC1", "FGFR2::BICC1 fusion"},
	    {"AB12::CD34", "CD34", "AB12", "AB12::CD34 fusion"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char *to = xasprintf("gene=\"%s\" kind=\"fusion\" "
				     "origin=\"somatic\"",
				     want[i].written);
		char *text = test_replace(tmpl, from, to);
		struct tb_case *c = parse_case(text);
		const struct tb_finding *f = &c->findings[0];
		assert_string_equal(f->gene, want[i].gene);
		assert_string_equal(f->partner, want[i].partner);
		char *label = kb_fusion_label(f);
		assert_string_equal(label, want[i].label);
		free(label);
		model_case_free(&c);
		free(text);
		free(to);
	}
}

static void test_rejections_name_line_and_field(void **state)
{
	(void)state;
	expect_reject("19560312-9809", "19560312-9808", 5, "patient/id",
		      "Luhn");
	expect_reject("19560312-9809", "19560230-9809", 5, "patient/id", "");
	expect_reject("<ecog date=\"2026-10-20\">1<",
		      "<ecog date=\"2026-10-20\">7<", 13, "ecog", "0–5");
	expect_reject("date=\"2026-10-20\">1", "date=\"våren 2018\">1", 13,
		      "ecog/@date", "");
	expect_reject("vaf=\"0.31\"", "vaf=\"1.4\"", 15, "finding/@vaf", "");
	expect_reject("vaf=\"0.31\"", "vaf=\"0,31\"", 15, "finding/@vaf",
		      "'.'");
	expect_reject("icd10=\"C34.1\"", "icd10=\"C3A.1\"", 9,
		      "diagnosis/@icd10", "");
	expect_reject("icd10=\"C34.1\"", "icd10=\"E11.9\"", 9,
		      "diagnosis/@icd10", "neoplasm");
	expect_reject("icdo3=\"8140/3\"", "icdo3=\"814/3\"", 9,
		      "diagnosis/@icdo3", "");
	expect_reject("p=\"p.Leu858Arg\"", "p=\"p.Leu858Xyz\"", 15,
		      "finding/@p", "");
	expect_reject("p=\"p.Leu858Arg\"", "p=\"L858R\"", 15, "finding/@p", "");
	expect_reject("kind=\"snv\"", "kind=\"point\"", 15, "finding/@kind",
		      "snv, indel, fusion, cnv, msi or tmb");
	expect_reject("level=\"regional\"", "level=\"county\"", 3,
		      "case/@level", "local, regional or national");
	expect_reject("<sex>female</sex>", "<sex>f</sex>", 7, "patient/sex",
		      "female");
	expect_reject("modality=\"ct\"", "modality=\"CAT\"", 16,
		      "imaging/@modality", "");
	expect_reject("recist-sum=\"52\"", "recist-sum=\"-3\"", 16,
		      "imaging/@recist-sum", "");
	expect_reject("referred=\"2026-10-28\"", "referred=\"2027-01-05\"", 3,
		      "case/@referred", "future");
	expect_reject("t=\"cT2a\"", "t=\"T9\"", 14, "tnm/@t", "");
	expect_reject("<question>Osimertinib?</question>\n", "\n", 3,
		      "case/question", "missing");
	expect_reject("<question>Osimertinib?</question>",
		      "<question>  </question>", 11, "case/question", "empty");
	expect_reject(" unit=\"Lungmedicin\"", "", 10, "referrer/@unit",
		      "missing");
	expect_reject("p=\"p.Leu858Arg\"", "", 15, "finding/@c", "HGVS");
	expect_reject("gene=\"EGFR\" kind=\"snv\"", "kind=\"snv\"", 15,
		      "finding/@gene", "gene");
	expect_reject("gene=\"EGFR\"", "gene=\"egfr\"", 15, "finding/@gene",
		      "");
	expect_reject("kind=\"snv\"", "kind=\"fusion\"", 15, "finding/@partner",
		      "partner");
	expect_reject("<id>", "<id type=\"samordningsnummer\">", 5,
		      "patient/id/@type", "personnummer");
	expect_reject("<sex>female</sex>",
		      "<sex>female</sex><language interpreter=\"maybe\">so"
		      "</language>",
		      7, NULL, "");
	/* Structure the field walk does not know: the schema speaks. */
	expect_reject("<sex>female</sex>",
		      "<sex>female</sex><shoe-size>42</shoe-size>", 7, NULL,
		      "");
}

static void test_malformed_and_hostile_xml(void **state)
{
	(void)state;
	struct diag d;

	assert_int_equal(parse("<cases", &d), TB_INVALID);
	assert_non_null(d.items[0].file);
	diag_done(&d);

	char *text = test_replace(tmpl, "</patient>", "</patiennt>");
	assert_int_equal(parse(text, &d), TB_INVALID);
	assert_int_equal(d.items[0].line, 8);
	diag_done(&d);
	free(text);

	/* Invalid UTF-8: refused with its line. */
	text = test_replace(tmpl, "Märta", "M\xe4rta");
	assert_int_equal(parse(text, &d), TB_INVALID);
	assert_int_equal(d.items[0].line, 6);
	assert_non_null(strstr(d.items[0].message, "UTF-8"));
	diag_done(&d);
	free(text);

	/* Wrong root / namespace. */
	text = test_replace(tmpl, "urn:x-tumorboard:case:1", "urn:other");
	assert_int_equal(parse(text, &d), TB_INVALID);
	assert_non_null(strstr(d.items[0].message, "root element"));
	diag_done(&d);
	free(text);

	/* An empty <cases>. */
	assert_int_equal(
	    parse("<cases xmlns=\"urn:x-tumorboard:case:1\"/>", &d),
	    TB_INVALID);
	diag_done(&d);
}

/* libxml2's messages: one the translations know is recognised only when
 * its fields make its text again, and is then written from them; any
 * other is marked as an XML or a schema error (in English here: the
 * Swedish ones are in tests/xmlerrors.sh). */
static void test_xml_error_text(void **state)
{
	(void)state;
	xmlError e = {0};
	e.domain = XML_FROM_PARSER;
	e.message = (char *)"Opening and ending tag mismatch: a line 3 and b\n";
	e.str1 = (char *)"a";
	e.int1 = 3;
	e.str2 = (char *)"b";
	char *t = import_xml_error_text(&e);
	assert_string_equal(t,
			    "Opening and ending tag mismatch: a line 3 and b");
	free(t);
	/* the same text from other fields is not taken for it */
	e.str2 = (char *)"c";
	t = import_xml_error_text(&e);
	assert_string_equal(t, "not well-formed XML: Opening and ending tag "
			       "mismatch: a line 3 and b");
	free(t);
	e.message = (char *)"Something libxml2 says one day\n";
	t = import_xml_error_text(&e);
	assert_string_equal(t, "not well-formed XML: Something libxml2 says "
			       "one day");
	free(t);
	e.domain = XML_FROM_RELAXNGV;
	t = import_xml_error_text(&e);
	assert_string_equal(t, "not as the schema says: Something libxml2 "
			       "says one day");
	free(t);
	e.message = (char *)"Element x has extra content: y";
	e.str1 = (char *)"x";
	e.str2 = (char *)"y";
	t = import_xml_error_text(&e);
	assert_string_equal(t, "Element x has extra content: y");
	free(t);
	e.message = NULL;
	t = import_xml_error_text(&e);
	assert_string_equal(t, "malformed XML");
	free(t);
}

/* A DOCTYPE pointing at a local file or a network address must be refused
 * without the file being read: the secret never shows up anywhere. */
static void test_external_entities_refused(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *secret = xasprintf("%s/secret.txt", dir);
	test_write_file(secret, "SECRET-MARKER-4711", 18);
	const char *refs[] = {"file://", "http://127.0.0.1:9/x.dtd", ""};
	for (int i = 0; i < 3; i++) {
		char *decl;
		if (i == 0)
			decl = xasprintf("<!DOCTYPE cases [<!ENTITY x SYSTEM "
					 "\"file://%s\">]>\n",
					 secret);
		else if (i == 1)
			decl = xasprintf("<!DOCTYPE cases SYSTEM \"%s\">\n",
					 refs[1]);
		else
			decl =
			    xstrdup("<!DOCTYPE cases [<!ENTITY a \"aaaa\">"
				    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n");
		char *with = xasprintf("%s%s", decl, tmpl + 39);
		char *text = test_replace(with, "Osimertinib?",
					  i == 0 ? "&x;" : "Osimertinib?");
		struct diag d;
		assert_int_equal(parse(text, &d), TB_INVALID);
		assert_non_null(strstr(d.items[0].message, "DOCTYPE"));
		assert_int_equal(d.items[0].line, 1);
		for (size_t k = 0; k < d.n; k++)
			assert_null(strstr(d.items[k].message, "SECRET"));
		diag_done(&d);
		free(text);
		free(with);
		free(decl);
	}
	free(secret);
	test_rmtree(dir);
	free(dir);
}

/* Hashes every row of every table: "the content of the database". */
static void content_hash(const char *path, char out[HASH_HEX_LEN + 1])
{
	struct store *conn;
	struct store_stmt *tables, *rows;
	struct strbuf sb = {0};
	conn = test_store_open(path);
	assert_int_equal(store_prepare(conn,
				       "SELECT name FROM sqlite_schema"
				       " WHERE type = 'table' AND name NOT"
				       " LIKE 'sqlite_%' AND name NOT"
				       " LIKE 'case_fts%' ORDER BY name",
				       0, &tables),
			 STORE_OK);
	while (store_step(tables) == STORE_ROW) {
		const char *name = store_column_text(tables, 0);
		char *sql = xasprintf("SELECT * FROM \"%s\"", name);
		strbuf_printf(&sb, "[%s]", name);
		assert_int_equal(store_prepare(conn, sql, 0, &rows), STORE_OK);
		while (store_step(rows) == STORE_ROW) {
			for (int c = 0; c < store_column_count(rows); c++) {
				const char *t = store_column_text(rows, c);
				strbuf_printf(&sb, "%s|",
					      t ? (const char *)t : "NULL");
			}
			strbuf_putc(&sb, '\n');
		}
		store_finalize(rows);
		free(sql);
	}
	store_finalize(tables);
	store_close(conn);
	hash_sha256_hex(sb.buf, sb.len, out);
	strbuf_done(&sb);
}

static void test_failing_file_changes_nothing(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *dbpath = xasprintf("%s/tb.db", dir);
	char *good = xasprintf("%s/good.xml", dir);
	char *bad = xasprintf("%s/bad.xml", dir);
	char before[HASH_HEX_LEN + 1], after[HASH_HEX_LEN + 1];
	struct db *db = NULL;
	char *err = NULL;
	struct diag d;
	struct import_result r;

	test_write_file(good, tmpl, strlen(tmpl));
	/* Bad: a second case that is fine, then an update of T-1 with a bad
	 * VAF. Nothing of it may land, not even the fine case. */
	char *two = test_replace(tmpl, "</cases>",
				 "<case id=\"T-2\" referred=\"2026-10-28\" "
				 "level=\"local\"><patient><id>19710824-9819"
				 "</id><name family=\"B\" given=\"C\"/><sex>"
				 "male</sex></patient><diagnosis icd10=\"C61\">"
				 "Prostata</diagnosis><referrer name=\"R\" "
				 "unit=\"U\"/><question>Q</question>"
				 "<level-reason>L</level-reason></case>"
				 "</cases>");
	char *badtext = test_replace(two, "vaf=\"0.31\"", "vaf=\"3.1\"");
	test_write_file(bad, badtext, strlen(badtext));

	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	diag_init(&d);
	assert_int_equal(import_file(db, good, &opts, &d, &r), TB_OK);
	assert_int_equal(r.created, 1);
	db_close(&db);
	content_hash(dbpath, before);

	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	assert_int_equal(import_file(db, bad, &opts, &d, &r), TB_INVALID);
	assert_int_equal(r.created + r.updated, 0);
	assert_string_equal(d.items[0].file, bad);
	db_close(&db);
	content_hash(dbpath, after);
	assert_string_equal(before, after);

	/* Re-importing the good file changes nothing either (no duplicate,
	 * no audit entry), and an edited one updates with an audit entry. */
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	assert_int_equal(import_file(db, good, &opts, &d, &r), TB_OK);
	assert_int_equal(r.unchanged, 1);
	db_close(&db);
	content_hash(dbpath, after);
	assert_string_equal(before, after);

	char *edited = test_replace(tmpl, ">1</ecog>", ">2</ecog>");
	test_write_file(good, edited, strlen(edited));
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	assert_int_equal(import_file(db, good, &opts, &d, &r), TB_OK);
	assert_int_equal(r.updated, 1);
	db_close(&db);

	struct store *conn;
	struct store_stmt *st;
	conn = test_store_open(dbpath);
	assert_int_equal(store_prepare(conn,
				       "SELECT (SELECT count(*) FROM"
				       " cases), (SELECT detail FROM audit"
				       " ORDER BY id DESC LIMIT 1),"
				       " (SELECT count(*) FROM audit)",
				       0, &st),
			 STORE_OK);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_column_int(st, 0), 1);
	assert_string_equal(store_column_text(st, 1), "ecog");
	assert_int_equal(store_column_int(st, 2), 2);
	store_finalize(st);
	store_close(conn);

	diag_done(&d);
	free(edited);
	free(two);
	free(badtext);
	free(good);
	free(bad);
	free(dbpath);
	test_rmtree(dir);
	free(dir);
}

static void test_size_cap(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/big.xml", dir);
	struct import_opts small = {.today = "2026-11-23", .max_bytes = 100};
	struct db *db = NULL;
	char *err = NULL;
	struct diag d;
	struct import_result r;

	test_write_file(path, tmpl, strlen(tmpl));
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	diag_init(&d);
	assert_int_equal(import_file(db, path, &small, &d, &r), TB_INVALID);
	assert_non_null(strstr(d.items[0].message, "larger than"));
	diag_done(&d);
	char *missing = xasprintf("%s/none.xml", dir);
	assert_int_equal(import_file(db, missing, &small, &d, &r), TB_IO);
	diag_done(&d);
	assert_int_equal(import_file(db, dir, &small, &d, &r), TB_IO);
	diag_done(&d);
	db_close(&db);
	free(missing);
	free(path);
	test_rmtree(dir);
	free(dir);
}

static void test_utf8_round_trip(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/u.xml", dir);
	struct db *db = NULL;
	char *err = NULL;
	struct diag d;
	struct import_result r;
	long long id;
	struct tb_case *c = NULL;

	char *text =
	    test_replace(tmpl, "Osimertinib?", "Å ä ö — “citat” 日本語 ½ €?");
	test_write_file(path, text, strlen(text));
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	diag_init(&d);
	assert_int_equal(import_file(db, path, &opts, &d, &r), TB_OK);
	assert_int_equal(db_case_find(db, "T-1", &id), TB_OK);
	assert_int_equal(db_case_load(db, id, &c), TB_OK);
	assert_string_equal(c->question, "Å ä ö — “citat” 日本語 ½ €?");
	assert_string_equal(c->patient.family_name, "Åström");
	assert_string_equal(c->patient.birth_date, "1956-03-12");
	assert_string_equal(c->source.system, "Test");
	model_case_free(&c);
	diag_done(&d);
	db_close(&db);
	free(text);
	free(path);
	test_rmtree(dir);
	free(dir);
}

/* Text after the last case: the schema used to report it through the last
 * element it had seen, which the reader had freed (a use after free that
 * named a stale field and line). Now: the right line and "cases". */
static void test_text_after_last_case(void **state)
{
	(void)state;
	expect_reject("</case>\n</cases>", "</case>\nx</cases>", 20, "cases",
		      "text between cases");
	expect_reject("<case id=", "y<case id=", 3, "cases",
		      "text between cases");
	/* An element other than <case> among the cases. */
	expect_reject("</case>\n</cases>", "</case>\n<note/></cases>", 20,
		      "cases", "unexpected element <note>");
	/* The root's attributes are checked by hand now. */
	expect_reject("source=\"Test\"", "source=\"Test\" colour=\"red\"", 2,
		      "cases", "only source=");
}

/* Element structure is capped on the bytes, before libxml2 parses: its
 * duplicate-attribute check is quadratic (100,000 attributes took 10 s). */
static void test_structure_caps(void **state)
{
	(void)state;
	struct strbuf sb = {0};
	struct diag d;
	struct timespec t0, t1;

	/* "<patient a0=… a99999=…>" on line 4 */
	for (int i = 0; i < 100000; i++)
		strbuf_printf(&sb, " a%d=\"x\"", i);
	char *p = xasprintf("<patient%s>\n", sb.buf);
	char *big = test_replace(tmpl, "<patient>\n", p);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(parse(big, &d), TB_INVALID);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 4);
	assert_non_null(strstr(d.items[0].message, "100000 attributes"));
	double secs = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	assert_true(secs < 2.0);
	diag_done(&d);

	/* 65 attributes are over the cap. */
	strbuf_reset(&sb);
	for (int i = 0; i < 64; i++)
		strbuf_printf(&sb, " a%d='x'", i);
	char *p65 = xasprintf("<ecog%s date=", sb.buf);
	expect_reject("<ecog date=", p65, 13, NULL, "65 attributes");

	/* Deep nesting. */
	strbuf_reset(&sb);
	for (int i = 0; i < 40; i++)
		strbuf_puts(&sb, "<s>");
	char *deep = xasprintf("<summary>%s", sb.buf);
	expect_reject("<question>", deep, 11, NULL, "nested more than");

	/* More than 1,000 children below the root (libxml2's RELAX NG
	 * interleave check is quadratic: 20,000 findings in one case took
	 * 5.7 s of CPU and 176 MB). The root itself holds any number. */
	strbuf_reset(&sb);
	for (int i = 0; i < 1001; i++)
		strbuf_puts(&sb, "<summary/>");
	char *wide = xasprintf("%s<question>", sb.buf);
	expect_reject("<question>", wide, 11, NULL,
		      "more than 1000 child elements");
	free(wide);

	/* A NUL byte. */
	char *nul = xstrdup(tmpl);
	struct tb_case **cases = NULL;
	size_t n = 0;
	nul[strstr(nul, "Osimertinib") - nul] = '\0';
	diag_init(&d);
	assert_int_equal(
	    import_parse("t.xml", nul, strlen(tmpl), &opts, &d, &cases, &n),
	    TB_INVALID);
	assert_int_equal(d.items[0].line, 11);
	assert_non_null(strstr(d.items[0].message, "NUL"));
	diag_done(&d);

	free(nul);
	free(deep);
	free(p65);
	free(big);
	free(p);
	strbuf_done(&sb);
}

/* A file is checked before the write lock is taken: while another
 * connection holds the lock, a bad file is still refused for what is wrong
 * with it, at once, not after waiting for the lock. */
static void test_checked_before_lock(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *dbpath = xasprintf("%s/tb.db", dir);
	char *bad = xasprintf("%s/bad.xml", dir);
	struct db *db = NULL;
	char *err = NULL;
	struct diag d;
	struct import_result r;
	struct store *other;

	char *text = test_replace(tmpl, "vaf=\"0.31\"", "vaf=\"3.1\"");
	test_write_file(bad, text, strlen(text));
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	other = test_store_open(dbpath);
	assert_int_equal(store_exec(other, "BEGIN IMMEDIATE"), STORE_OK);
	diag_init(&d);
	assert_int_equal(import_file(db, bad, &opts, &d, &r), TB_INVALID);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 15);
	assert_string_equal(d.items[0].field, "finding/@vaf");
	diag_done(&d);
	store_exec(other, "ROLLBACK");
	store_close(other);
	db_close(&db);
	free(text);
	free(bad);
	free(dbpath);
	test_rmtree(dir);
	free(dir);
}

/* One value from the database at path (caller frees), "" for NULL. */
static char *query1(const char *path, const char *sql)
{
	struct store *conn;
	struct store_stmt *st;
	conn = test_store_open(path);
	assert_int_equal(store_prepare(conn, sql, 0, &st), STORE_OK);
	assert_int_equal(store_step(st), STORE_ROW);
	const char *t = store_column_text(st, 0);
	char *out = xstrdup(t ? (const char *)t : "");
	store_finalize(st);
	store_close(conn);
	return out;
}

/* A file of n copies of the template's case (ids T-1 … T-n, one patient);
 * with bad_last, the last case's VAF is out of range. Caller frees. */
static char *many_cases(int n, bool bad_last)
{
	const char *from = strstr(tmpl, "<case ");
	const char *to = strstr(tmpl, "</cases>");
	char *one = xstrndup(from, (size_t)(to - from));
	struct strbuf sb = {0};
	strbuf_add(&sb, tmpl, (size_t)(from - tmpl));
	for (int i = 1; i <= n; i++) {
		char *id = xasprintf("<case id=\"T-%d\"", i);
		char *c = test_replace(one, "<case id=\"T-1\"", id);
		if (bad_last && i == n) {
			char *b =
			    test_replace(c, "vaf=\"0.31\"", "vaf=\"3.1\"");
			free(c);
			c = b;
		}
		strbuf_puts(&sb, c);
		free(c);
		free(id);
	}
	strbuf_puts(&sb, "</cases>\n");
	free(one);
	return strbuf_detach(&sb);
}

/* A file too large to keep its checked cases in memory is read a second
 * time to write, without the checks that depend on the bytes alone: every
 * case lands, sealed, and a problem in its last case still stops the whole
 * file, named by line and field, before anything is written. */
static void test_large_file_read_twice(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *dbpath = xasprintf("%s/tb.db", dir);
	char *path = xasprintf("%s/many.xml", dir);
	struct db *db = NULL;
	char *err = NULL;
	struct diag d;
	struct import_result r;
	struct db_audit_check chk;
	const int n = 500;

	char *bad = many_cases(n, true);
	assert_true(strlen(bad) > 300 * 1024);
	test_write_file(path, bad, strlen(bad));
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	diag_init(&d);
	assert_int_equal(import_file(db, path, &opts, &d, &r), TB_INVALID);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.items[0].line, 2 + 17 * (n - 1) + 13);
	assert_string_equal(d.items[0].field, "finding/@vaf");
	diag_done(&d);
	db_close(&db);
	char *count = query1(dbpath, "SELECT count(*) FROM cases");
	assert_string_equal(count, "0");
	free(count);

	char *good = many_cases(n, false);
	test_write_file(path, good, strlen(good));
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	diag_init(&d);
	assert_int_equal(import_file(db, path, &opts, &d, &r), TB_OK);
	assert_int_equal(r.created, n);
	assert_int_equal(d.n, 0);
	/* verify reads the records and the seals a range at a time: its
	 * statements do not grow with the archive (they were some nine per
	 * case: a round trip each on a server) */
	unsigned long long before = db_statements_run(db);
	assert_int_equal(db_audit_verify(db, &d, &chk), TB_OK);
	assert_true(db_statements_run(db) - before < 100);
	assert_int_equal(d.n, 0);
	assert_int_equal(chk.records, n + 1);
	assert_true(chk.entries > 0);
	diag_done(&d);
	db_close(&db);
	/* and still finds a case changed behind the program's back */
	free(query1(dbpath, "UPDATE finding SET lab = 'Annat labb' WHERE"
			    " case_id = (SELECT id FROM cases WHERE"
			    " external_id = 'T-7') RETURNING case_id"));
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	diag_init(&d);
	assert_int_equal(db_audit_verify(db, &d, &chk), TB_OK);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0].message, "(T-7) was changed behind"));
	diag_done(&d);
	db_close(&db);
	count = query1(dbpath, "SELECT count(*) FROM finding f JOIN cases c"
			       " ON c.id = f.case_id WHERE c.external_id ="
			       " 'T-500' AND f.vaf = 0.31");
	assert_string_equal(count, "1");
	free(count);

	free(good);
	free(bad);
	free(path);
	free(dbpath);
	test_rmtree(dir);
	free(dir);
}

/* The progress line of a large file's import (read twice: checked, then
 * written) moves through both passes: each case counted once, in the
 * check, and the line drawn on with the count whole while the cases are
 * written (it stood still through the check before, and then counted the
 * writes). progress_force draws every line. */
static void test_large_file_progress(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/many.xml", dir);
	struct db *db = NULL;
	char *err = NULL;
	struct diag d;
	struct import_result r;
	const int n = 500;

	char *good = many_cases(n, false);
	assert_true(strlen(good) > 300 * 1024); /* read twice */
	test_write_file(path, good, strlen(good));
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	FILE *f = tmpfile();
	assert_non_null(f);
	progress_force(f);
	progress_begin("import", "cases", 0);
	diag_init(&d);
	assert_int_equal(import_file(db, path, &opts, &d, &r), TB_OK);
	assert_int_equal(r.created, n);
	progress_end();
	progress_force(NULL);
	long len = ftell(f);
	char *out = xcalloc(1, (size_t)len + 1);
	rewind(f);
	assert_int_equal(fread(out, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	/* each drawn line: "\rimport: N cases, ..." */
	int partial = 0, whole = 0, last = 0;
	for (char *p = strstr(out, "\rimport: "); p;
	     p = strstr(p + 1, "\rimport: ")) {
		int k = atoi(p + strlen("\rimport: "));
		if (!strncmp(strchr(p, 's'), "s in ", 5))
			continue; /* the final line */
		assert_true(k >= last && k <= n);
		last = k;
		partial += k < n;
		whole += k == n;
	}
	assert_true(partial >= n - 1); /* the check: a line a case */
	assert_true(whole >= n);       /* the writes: a line a case */
	assert_non_null(strstr(out, "\rimport: 500 cases in "));
	free(out);
	diag_done(&d);
	db_close(&db);
	free(good);
	free(path);
	test_rmtree(dir);
	free(dir);
}

/* The same identity number under another name (another case id) used to
 * overwrite the stored patient without a trace. Now it is refused with the
 * line and both names masked, unless the import says the details changed;
 * every change of a patient's details is audited, without the values. */
static void test_identity_conflict(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *dbpath = xasprintf("%s/tb.db", dir);
	char *first = xasprintf("%s/first.xml", dir);
	char *other = xasprintf("%s/other.xml", dir);
	char before[HASH_HEX_LEN + 1], after[HASH_HEX_LEN + 1];
	struct import_opts changed = {.today = "2026-11-23",
				      .patient_changed = true};
	struct db *db = NULL;
	char *err = NULL;
	struct diag d;
	struct import_result r;

	test_write_file(first, tmpl, strlen(tmpl));
	char *t1 = test_replace(tmpl, "T-1", "T-9");
	char *t2 = test_replace(t1, "family=\"Åström\" given=\"Märta\"",
				"family=\"Berg\" given=\"Karin\"");
	test_write_file(other, t2, strlen(t2));

	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	diag_init(&d);
	assert_int_equal(import_file(db, first, &opts, &d, &r), TB_OK);
	db_close(&db);
	content_hash(dbpath, before);

	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	assert_int_equal(import_file(db, other, &opts, &d, &r), TB_INVALID);
	db_close(&db);
	content_hash(dbpath, after);
	assert_string_equal(before, after);
	assert_int_equal(d.n, 1);
	assert_string_equal(d.items[0].file, other);
	assert_int_equal(d.items[0].line, 4);
	assert_string_equal(d.items[0].field, "patient/id");
	assert_non_null(strstr(d.items[0].message, "M. Å***"));
	assert_non_null(strstr(d.items[0].message, "K. B***"));
	assert_non_null(strstr(d.items[0].message, "--patient-changed"));
	assert_null(strstr(d.items[0].message, "Berg"));
	assert_null(strstr(d.items[0].message, "Åström"));
	assert_null(strstr(d.items[0].message, "19560312"));
	diag_done(&d);

	/* Another sex alone is a conflict too. */
	char *t3 = test_replace(t1, "<sex>female</sex>", "<sex>male</sex>");
	test_write_file(other, t3, strlen(t3));
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	assert_int_equal(import_file(db, other, &opts, &d, &r), TB_INVALID);
	assert_non_null(strstr(d.items[0].message, "another sex"));
	diag_done(&d);

	/* Said explicitly: accepted, and audited without values. */
	test_write_file(other, t2, strlen(t2));
	assert_int_equal(import_file(db, other, &changed, &d, &r), TB_OK);
	db_close(&db);
	char *detail =
	    query1(dbpath, "SELECT detail FROM audit WHERE entity = 'patient'"
			   " AND action = 'update'");
	assert_string_equal(detail, "details changed: family_name,given_name");
	free(detail);
	char *name = query1(dbpath, "SELECT family_name FROM patient");
	assert_string_equal(name, "Berg");
	free(name);

	/* A change of region or hospital needs no flag, but is audited. */
	char *t4 = test_replace(t2, "<sex>female</sex>",
				"<sex>female</sex><region>Region "
				"Uppsala</region>");
	test_write_file(other, t4, strlen(t4));
	assert_int_equal(db_open(dbpath, false, &db, &err), TB_OK);
	assert_int_equal(import_file(db, other, &opts, &d, &r), TB_OK);
	db_close(&db);
	char *n_audit =
	    query1(dbpath, "SELECT count(*) || ' ' || max(detail) FROM audit"
			   " WHERE entity = 'patient'");
	assert_string_equal(n_audit, "2 details changed: region");
	free(n_audit);
	char *all = query1(dbpath, "SELECT group_concat(detail, '|') FROM"
				   " audit");
	assert_null(strstr(all, "Uppsala"));
	assert_null(strstr(all, "Berg"));
	free(all);

	diag_done(&d);
	free(t1);
	free(t2);
	free(t3);
	free(t4);
	free(first);
	free(other);
	free(dbpath);
	test_rmtree(dir);
	free(dir);
}

/* A case kept packed (model_case_pack: one block with its strings and
 * parts, as an import keeps a file's checked cases) reads as it was read,
 * and comes back unpacked to be changed and freed as any case. */
static void test_case_packed(void **state)
{
	(void)state;
	char *path =
	    xasprintf("%s/batch-uppsala-akademiska.xml", test_examples_dir());
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char text[65536];
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	fclose(f);
	assert_true(n > 1000 && n < sizeof(text) - 1);
	text[n] = '\0';
	struct tb_case **a = NULL, **b = NULL;
	size_t na = 0, nb = 0;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_parse(path, text, n, &opts, &d, &a, &na),
			 TB_OK);
	assert_int_equal(import_parse(path, text, n, &opts, &d, &b, &nb),
			 TB_OK);
	assert_int_equal(na, nb);
	assert_true(na >= 3);
	bool markers = false;
	for (size_t i = 0; i < na; i++) {
		struct tb_case *x = a[i], *k = model_case_pack(b[i]);
		assert_true(k->packed);
		assert_null(model_case_diff(x, k));
		/* every string in the block, after the case itself */
		const char *lo = (const char *)k, *hi = lo + 65536;
		assert_string_equal(k->external_id, x->external_id);
		assert_true(k->external_id > lo && k->external_id < hi);
		assert_string_equal(k->patient.pnr, x->patient.pnr);
		assert_string_equal(k->patient.family_name,
				    x->patient.family_name);
		assert_true(k->patient.pnr > lo && k->patient.pnr < hi);
		assert_string_equal(k->source.system, x->source.system);
		assert_string_equal(k->source.received, x->source.received);
		assert_int_equal(k->ecog, x->ecog);
		assert_int_equal(k->n_pathology, x->n_pathology);
		for (size_t p = 0; p < k->n_pathology; p++) {
			const struct tb_pathology *kp = &k->pathology[p],
						  *xp = &x->pathology[p];
			assert_string_equal(kp->report, xp->report);
			assert_int_equal(kp->n_markers, xp->n_markers);
			for (size_t m = 0; m < kp->n_markers; m++) {
				assert_string_equal(kp->markers[m].name,
						    xp->markers[m].name);
				assert_string_equal(kp->markers[m].value,
						    xp->markers[m].value);
				assert_true(kp->markers[m].value > lo &&
					    kp->markers[m].value < hi);
				markers = true;
			}
		}
		assert_int_equal(k->n_findings, x->n_findings);
		for (size_t j = 0; j < k->n_findings; j++) {
			assert_string_equal(k->findings[j].hgvs_p,
					    x->findings[j].hgvs_p);
			assert_string_equal(k->findings[j].note,
					    x->findings[j].note);
			assert_true(k->findings[j].vaf == x->findings[j].vaf);
		}
		assert_int_equal(k->n_imaging, x->n_imaging);
		for (size_t j = 0; j < k->n_imaging; j++)
			assert_string_equal(k->imaging[j].findings,
					    x->imaging[j].findings);
		/* unpacked: strings of its own, changed and freed as any */
		struct tb_case *u = model_case_unpack(k);
		assert_false(u->packed);
		assert_null(model_case_diff(x, u));
		util_set(&u->status, "discussed");
		if (u->n_findings)
			util_set(&u->findings[0].lab, "Annat labb");
		model_case_free(&u);
		b[i] = NULL;
		model_case_free(&a[i]);
	}
	assert_true(markers);
	free(a);
	free(b);
	diag_done(&d);
	free(path);
}

/* Every shipped sample file imports cleanly. */
static void test_examples_import(void **state)
{
	(void)state;
	const char *dir = test_examples_dir();
	DIR *dp = opendir(dir);
	struct db *db = NULL;
	char *err = NULL;
	int files = 0;
	size_t cases = 0;

	assert_non_null(dp);
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	struct dirent *de;
	while ((de = readdir(dp))) {
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		struct diag d;
		struct import_result r;
		diag_init(&d);
		enum tb_status st = import_file(db, path, &opts, &d, &r);
		if (st != TB_OK) {
			diag_print(&d, stderr);
			fail_msg("%s did not import", path);
		}
		cases += r.created;
		files++;
		diag_done(&d);
		free(path);
	}
	closedir(dp);
	db_close(&db);
	assert_true(files >= 1);
	print_message("%d files, %zu cases\n", files, cases);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_template_is_valid),
	    cmocka_unit_test(test_interpreter_flag),
	    cmocka_unit_test(test_cnv_by_ish_ratio),
	    cmocka_unit_test(test_absent_finding),
	    cmocka_unit_test(test_fusion_as_one_name),
	    cmocka_unit_test(test_rejections_name_line_and_field),
	    cmocka_unit_test(test_malformed_and_hostile_xml),
	    cmocka_unit_test(test_xml_error_text),
	    cmocka_unit_test(test_external_entities_refused),
	    cmocka_unit_test(test_failing_file_changes_nothing),
	    cmocka_unit_test(test_size_cap),
	    cmocka_unit_test(test_utf8_round_trip),
	    cmocka_unit_test(test_examples_import),
	    cmocka_unit_test(test_text_after_last_case),
	    cmocka_unit_test(test_structure_caps),
	    cmocka_unit_test(test_checked_before_lock),
	    cmocka_unit_test(test_large_file_read_twice),
	    cmocka_unit_test(test_large_file_progress),
	    cmocka_unit_test(test_case_packed),
	    cmocka_unit_test(test_identity_conflict),
	};
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	import_global_init();
	int rc = cmocka_run_group_tests_name("import", tests, NULL, NULL);
	import_global_cleanup();
	return rc;
}
