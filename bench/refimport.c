/*
 * refimport — the reference the importer is measured against: the same
 * files parsed by libxml2 and the same rows inserted through plain sqlite3
 * prepared statements in one transaction per file, with no checks at all.
 * The database must already hold tumorboard's schema (open it once with
 * tumorboard first) so that indexes and triggers cost the same.
 *
 * usage: refimport DB FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

static sqlite3 *db;
static sqlite3_stmt *st_pat_ins, *st_pat_id, *st_case, *st_path, *st_find,
    *st_img;

static void die(const char *what)
{
	fprintf(stderr, "refimport: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql);
	return st;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

/* Binds attribute or text (name starting with '#': element text). */
static void bind_attr(sqlite3_stmt *st, int idx, const xmlNode *n,
		      const char *name)
{
	xmlChar *v = NULL;
	if (n && name[0] == '#') {
		const xmlNode *c = child(n, name + 1);
		v = c ? xmlNodeGetContent(c) : NULL;
	} else if (n && name[0] == '.') {
		v = xmlNodeGetContent(n);
	} else if (n) {
		v = xmlGetProp(n, (const xmlChar *)name);
	}
	if (v)
		sqlite3_bind_text(st, idx, (const char *)v, -1,
				  SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, idx);
	xmlFree(v);
}

static void run(sqlite3_stmt *st)
{
	if (sqlite3_step(st) != SQLITE_DONE &&
	    sqlite3_errcode(db) != SQLITE_ROW)
		die("step");
	sqlite3_reset(st);
}

static void import_case(const xmlNode *c)
{
	const xmlNode *p = child(c, "patient");
	const xmlNode *name = child(p, "name");
	const xmlNode *dg = child(c, "diagnosis");
	const xmlNode *rf = child(c, "referrer");
	const xmlNode *ecog = child(c, "ecog");
	const xmlNode *tnm = child(c, "tnm");

	bind_attr(st_pat_ins, 1, p, "#id");
	bind_attr(st_pat_ins, 2, name, "family");
	bind_attr(st_pat_ins, 3, name, "given");
	bind_attr(st_pat_ins, 4, p, "#sex");
	bind_attr(st_pat_ins, 5, p, "#language");
	bind_attr(st_pat_ins, 6, p, "#region");
	bind_attr(st_pat_ins, 7, p, "#hospital");
	run(st_pat_ins);
	bind_attr(st_pat_id, 1, p, "#id");
	if (sqlite3_step(st_pat_id) != SQLITE_ROW)
		die("patient id");
	long long pid = sqlite3_column_int64(st_pat_id, 0);
	sqlite3_reset(st_pat_id);

	int i = 1;
	bind_attr(st_case, i++, c, "id");
	sqlite3_bind_int64(st_case, i++, pid);
	bind_attr(st_case, i++, c, "referred");
	bind_attr(st_case, i++, c, "level");
	bind_attr(st_case, i++, c, "#level-reason");
	bind_attr(st_case, i++, c, "priority");
	bind_attr(st_case, i++, c, "status");
	bind_attr(st_case, i++, dg, "icd10");
	bind_attr(st_case, i++, dg, "icdo3");
	bind_attr(st_case, i++, dg, ".");
	bind_attr(st_case, i++, dg, "date");
	bind_attr(st_case, i++, c, "#question");
	bind_attr(st_case, i++, c, "#summary");
	bind_attr(st_case, i++, rf, "name");
	bind_attr(st_case, i++, rf, "unit");
	bind_attr(st_case, i++, ecog, ".");
	bind_attr(st_case, i++, ecog, "date");
	bind_attr(st_case, i++, tnm, "t");
	bind_attr(st_case, i++, tnm, "n");
	bind_attr(st_case, i++, tnm, "m");
	bind_attr(st_case, i++, tnm, "stage");
	run(st_case);
	long long cid = sqlite3_last_insert_rowid(db);

	int seq = 0;
	for (const xmlNode *n = c->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)n->name;
		if (strcmp(nm, "pathology") == 0) {
			sqlite3_bind_int64(st_path, 1, cid);
			sqlite3_bind_int(st_path, 2, seq++);
			bind_attr(st_path, 3, n, "date");
			bind_attr(st_path, 4, n, "lab");
			bind_attr(st_path, 5, n, "specimen");
			bind_attr(st_path, 6, n, "#report");
			run(st_path);
		} else if (strcmp(nm, "finding") == 0) {
			static const char *const a[] = {
			    "gene",    "kind",	 "origin", "c",	  "p",
			    "partner", "copies", "value",  "vaf", "test",
			    "sample",  "lab",	 "date"};
			sqlite3_bind_int64(st_find, 1, cid);
			sqlite3_bind_int(st_find, 2, seq++);
			for (int k = 0; k < 13; k++)
				bind_attr(st_find, k + 3, n, a[k]);
			run(st_find);
		} else if (strcmp(nm, "imaging") == 0) {
			sqlite3_bind_int64(st_img, 1, cid);
			sqlite3_bind_int(st_img, 2, seq++);
			bind_attr(st_img, 3, n, "date");
			bind_attr(st_img, 4, n, "modality");
			bind_attr(st_img, 5, n, "region");
			bind_attr(st_img, 6, n, "#findings");
			bind_attr(st_img, 7, n, "#impression");
			bind_attr(st_img, 8, n, "recist-sum");
			run(st_img);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: refimport DB FILE...\n", stderr);
		return 2;
	}
	if (sqlite3_open(argv[1], &db) != SQLITE_OK)
		die("open");
	sqlite3_exec(db,
		     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		     " PRAGMA foreign_keys=ON",
		     NULL, NULL, NULL);
	st_pat_ins = prep("INSERT OR IGNORE INTO patient (pnr, id_type,"
			  " family_name, given_name, birth_date, sex, language,"
			  " region, hospital, source, received, updated) VALUES"
			  " (?1,'personnummer',?2,?3,'1950-01-01',?4,"
			  " coalesce(?5,'sv'),?6,?7,'ref','t','t')");
	st_pat_id = prep("SELECT id FROM patient WHERE pnr = ?1");
	st_case =
	    prep("INSERT INTO cases (external_id, patient_id,"
		 " referral_date, level, level_reason, priority, status,"
		 " icd10, icdo3, diagnosis_text, diagnosis_date, question,"
		 " summary, referrer_name, referrer_unit, ecog, ecog_date,"
		 " tnm_t, tnm_n, tnm_m, tnm_stage, source, received,"
		 " created, updated) VALUES (?1,?2,?3,?4,?5,"
		 " coalesce(?6,'routine'),coalesce(?7,'referred'),?8,?9,"
		 " ?10,?11,?12,?13,?14,?15,CAST(?16 AS INTEGER),?17,?18,"
		 " ?19,?20,?21,'ref','t','t','t')");
	st_path = prep("INSERT INTO pathology (case_id, seq, date, lab,"
		       " specimen, report, context, source, received) VALUES"
		       " (?1,?2,?3,?4,?5,?6,'clinical','ref','t')");
	st_find =
	    prep("INSERT INTO finding (case_id, seq, gene, kind, origin,"
		 " hgvs_c, hgvs_p, partner, copies, value, vaf, test,"
		 " sample, lab, date, context, source, received) VALUES"
		 " (?1,?2,?3,?4,?5,?6,?7,?8,CAST(?9 AS REAL),?10,"
		 " CAST(?11 AS REAL),?12,?13,?14,?15,'clinical','ref','t')");
	st_img = prep("INSERT INTO imaging (case_id, seq, date, modality,"
		      " region, findings, impression, recist_sum, source,"
		      " received) VALUES (?1,?2,?3,?4,?5,?6,?7,"
		      " CAST(?8 AS REAL),'ref','t')");
	for (int f = 2; f < argc; f++) {
		xmlDocPtr doc = xmlReadFile(
		    argv[f], NULL, XML_PARSE_NONET | XML_PARSE_BIG_LINES);
		if (!doc) {
			fprintf(stderr, "refimport: cannot parse %s\n",
				argv[f]);
			return 1;
		}
		sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
		for (const xmlNode *c = xmlDocGetRootElement(doc)->children; c;
		     c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				import_case(c);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			die("commit");
		xmlFreeDoc(doc);
	}
	sqlite3_finalize(st_pat_ins);
	sqlite3_finalize(st_pat_id);
	sqlite3_finalize(st_case);
	sqlite3_finalize(st_path);
	sqlite3_finalize(st_find);
	sqlite3_finalize(st_img);
	sqlite3_close(db);
	xmlCleanupParser();
	return 0;
}
