#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "i18n.h"
#include "progress.h"
#include "diag.h"
#include "db_access.h"
#include "db_case.h"
#include "db_extract.h"
#include "db_internal.h"
#include "hash.h"
#include "user.h"
#include "util.h"

/* ------------------------------------------------------------------------
 * Schema migrations: one function per step, each run in its own
 * transaction together with the user_version bump.
 * ---------------------------------------------------------------------- */

static const char *const schema_v1[] = {
    "CREATE TABLE patient ("
    " id INTEGER PRIMARY KEY,"
    " pnr TEXT NOT NULL UNIQUE,"
    " id_type TEXT NOT NULL CHECK (id_type IN "
    "('personnummer','samordningsnummer')),"
    " family_name TEXT NOT NULL,"
    " given_name TEXT NOT NULL,"
    " birth_date TEXT NOT NULL,"
    " sex TEXT NOT NULL CHECK (sex IN ('female','male','other','unknown')),"
    " language TEXT NOT NULL DEFAULT 'sv',"
    " region TEXT,"
    " hospital TEXT,"
    " source TEXT NOT NULL,"
    " received TEXT NOT NULL,"
    " updated TEXT NOT NULL"
    ") STRICT;",
    "CREATE TABLE cases ("
    " id INTEGER PRIMARY KEY,"
    " external_id TEXT NOT NULL UNIQUE,"
    " patient_id INTEGER NOT NULL REFERENCES patient(id),"
    " referral_date TEXT NOT NULL,"
    " level TEXT NOT NULL CHECK (level IN ('local','regional','national')),"
    " level_reason TEXT NOT NULL,"
    " priority TEXT NOT NULL CHECK (priority IN ('routine','urgent')),"
    " status TEXT NOT NULL CHECK (status IN ('referred','incomplete','ready',"
    "  'listed','discussed','not-discussed','deferred','decision-draft',"
    "  'signed','communicated','followed-up','closed')),"
    " icd10 TEXT NOT NULL,"
    " icdo3 TEXT,"
    " diagnosis_text TEXT NOT NULL,"
    " diagnosis_date TEXT,"
    " question TEXT NOT NULL,"
    " summary TEXT,"
    " referrer_name TEXT NOT NULL,"
    " referrer_unit TEXT NOT NULL,"
    " referrer_phone TEXT,"
    " ecog INTEGER CHECK (ecog BETWEEN 0 AND 5),"
    " ecog_date TEXT,"
    " tnm_t TEXT, tnm_n TEXT, tnm_m TEXT, tnm_stage TEXT, tnm_date TEXT,"
    " source TEXT NOT NULL,"
    " received TEXT NOT NULL,"
    " created TEXT NOT NULL,"
    " updated TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX cases_patient ON cases(patient_id);",
    "CREATE INDEX cases_referral ON cases(referral_date DESC, id DESC);",
    "CREATE INDEX cases_status ON cases(status, referral_date DESC);",
    "CREATE TABLE pathology ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " date TEXT NOT NULL, lab TEXT NOT NULL, specimen TEXT NOT NULL,"
    " icdo3 TEXT, grade TEXT, report TEXT NOT NULL,"
    " context TEXT NOT NULL CHECK (context IN ('clinical','research')),"
    " source TEXT NOT NULL, received TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX pathology_case ON pathology(case_id, seq);",
    "CREATE TABLE pathology_marker ("
    " id INTEGER PRIMARY KEY,"
    " pathology_id INTEGER NOT NULL REFERENCES pathology(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, value TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX marker_pathology ON pathology_marker(pathology_id);",
    "CREATE TABLE finding ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " gene TEXT,"
    " kind TEXT NOT NULL CHECK (kind IN "
    "('snv','indel','fusion','cnv','msi','tmb')),"
    " origin TEXT NOT NULL CHECK (origin IN ('somatic','germline')),"
    " hgvs_c TEXT, hgvs_p TEXT, hgvs_g TEXT, transcript TEXT, partner TEXT,"
    " copies REAL, value TEXT,"
    " vaf REAL CHECK (vaf BETWEEN 0 AND 1),"
    " classification TEXT, test TEXT NOT NULL, sample TEXT NOT NULL,"
    " lab TEXT NOT NULL, date TEXT NOT NULL,"
    " context TEXT NOT NULL CHECK (context IN ('clinical','research')),"
    " note TEXT,"
    " source TEXT NOT NULL, received TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX finding_case ON finding(case_id, seq);",
    "CREATE INDEX finding_gene ON finding(gene);",
    "CREATE TABLE imaging ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,"
    " seq INTEGER NOT NULL,"
    " date TEXT NOT NULL,"
    " modality TEXT NOT NULL CHECK (modality IN ('ct','pet-ct','mri','x-ray',"
    "  'ultrasound','bone-scan','mammography')),"
    " region TEXT NOT NULL, findings TEXT NOT NULL, impression TEXT NOT NULL,"
    " recist_sum REAL CHECK (recist_sum >= 0),"
    " ai INTEGER NOT NULL DEFAULT 0 CHECK (ai IN (0,1)),"
    " source TEXT NOT NULL, received TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX imaging_case ON imaging(case_id, date);",
    "CREATE TABLE meeting ("
    " id INTEGER PRIMARY KEY,"
    " date TEXT NOT NULL, start_time TEXT NOT NULL,"
    " length_min INTEGER NOT NULL CHECK (length_min > 0),"
    " board TEXT NOT NULL,"
    " level TEXT NOT NULL CHECK (level IN ('local','regional','national')),"
    " location TEXT, chair TEXT,"
    " status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN"
    "  ('planned','running','finished','cancelled')),"
    " created TEXT NOT NULL, updated TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX meeting_date ON meeting(date, start_time);",
    "CREATE TABLE agenda_item ("
    " id INTEGER PRIMARY KEY,"
    " meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " position INTEGER NOT NULL,"
    " slot_minutes INTEGER, presenter TEXT,"
    " status TEXT NOT NULL DEFAULT 'listed' CHECK (status IN"
    "  ('listed','discussed','not-discussed','deferred','removed')),"
    " note TEXT,"
    " UNIQUE (meeting_id, case_id)"
    ") STRICT;",
    "CREATE INDEX agenda_case ON agenda_item(case_id);",
    "CREATE TABLE attendee ("
    " id INTEGER PRIMARY KEY,"
    " meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL, role TEXT NOT NULL,"
    " core INTEGER NOT NULL DEFAULT 1 CHECK (core IN (0,1)),"
    " joined TEXT, left_at TEXT"
    ") STRICT;",
    "CREATE INDEX attendee_meeting ON attendee(meeting_id);",
    "CREATE TABLE form_instance ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " form_id TEXT NOT NULL, form_version TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('draft','signed','abandoned')),"
    " created TEXT NOT NULL, updated TEXT NOT NULL"
    ") STRICT;",
    "CREATE UNIQUE INDEX form_one_draft ON form_instance(case_id)"
    " WHERE status = 'draft';",
    "CREATE TABLE form_value ("
    " instance_id INTEGER NOT NULL REFERENCES form_instance(id) ON DELETE "
    "CASCADE,"
    " field TEXT NOT NULL, value TEXT NOT NULL,"
    " PRIMARY KEY (instance_id, field)"
    ") STRICT, WITHOUT ROWID;",
    "CREATE TABLE decision ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " form_instance_id INTEGER NOT NULL REFERENCES form_instance(id),"
    " version INTEGER NOT NULL CHECK (version >= 1),"
    " supersedes INTEGER REFERENCES decision(id),"
    " amend_reason TEXT,"
    " meeting_id INTEGER REFERENCES meeting(id),"
    " form_id TEXT NOT NULL, form_version TEXT NOT NULL, kb_version TEXT,"
    " content TEXT NOT NULL,"
    " signed_by TEXT NOT NULL, signed_at TEXT NOT NULL,"
    " attendees TEXT NOT NULL,"
    " quorum_override TEXT,"
    " content_hash TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX decision_case ON decision(case_id, version);",
    "CREATE TRIGGER decision_immutable_u BEFORE UPDATE ON decision"
    " BEGIN SELECT RAISE(ABORT, 'signed decisions are immutable'); END;",
    "CREATE TRIGGER decision_immutable_d BEFORE DELETE ON decision"
    " BEGIN SELECT RAISE(ABORT, 'signed decisions are immutable'); END;",
    "CREATE TABLE audit ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,"
    " entity TEXT NOT NULL, entity_id INTEGER NOT NULL, detail TEXT NOT NULL,"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL"
    ") STRICT;",
    "CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    "CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    NULL};

/* Full-text search over the words people look for in a case. An external
 * content table keeps one copy of the text; triggers keep it current. */
static const char *const schema_v2[] = {
    "CREATE VIRTUAL TABLE case_fts USING fts5("
    " external_id, name, diagnosis, question, summary,"
    " content='', tokenize='unicode61 remove_diacritics 0');",
    "CREATE TRIGGER case_fts_i AFTER INSERT ON cases BEGIN"
    " INSERT INTO case_fts(rowid, external_id, name, diagnosis, question, "
    "summary)"
    " SELECT new.id, new.external_id, p.given_name || ' ' || p.family_name,"
    "  new.icd10 || ' ' || new.diagnosis_text, new.question, new.summary"
    " FROM patient p WHERE p.id = new.patient_id;"
    " END;",
    "CREATE TRIGGER case_fts_u AFTER UPDATE ON cases BEGIN"
    " INSERT INTO case_fts(case_fts, rowid, external_id, name, diagnosis, "
    "question, summary)"
    " SELECT 'delete', old.id, old.external_id, p.given_name || ' ' || "
    "p.family_name,"
    "  old.icd10 || ' ' || old.diagnosis_text, old.question, old.summary"
    " FROM patient p WHERE p.id = old.patient_id;"
    " INSERT INTO case_fts(rowid, external_id, name, diagnosis, question, "
    "summary)"
    " SELECT new.id, new.external_id, p.given_name || ' ' || p.family_name,"
    "  new.icd10 || ' ' || new.diagnosis_text, new.question, new.summary"
    " FROM patient p WHERE p.id = new.patient_id;"
    " END;",
    "CREATE TRIGGER patient_fts_u AFTER UPDATE OF given_name, family_name"
    " ON patient BEGIN"
    " INSERT INTO case_fts(case_fts, rowid, external_id, name, diagnosis, "
    "question, summary)"
    " SELECT 'delete', c.id, c.external_id, old.given_name || ' ' || "
    "old.family_name,"
    "  c.icd10 || ' ' || c.diagnosis_text, c.question, c.summary"
    " FROM cases c WHERE c.patient_id = old.id;"
    " INSERT INTO case_fts(rowid, external_id, name, diagnosis, question, "
    "summary)"
    " SELECT c.id, c.external_id, new.given_name || ' ' || new.family_name,"
    "  c.icd10 || ' ' || c.diagnosis_text, c.question, c.summary"
    " FROM cases c WHERE c.patient_id = new.id;"
    " END;",
    "INSERT INTO case_fts(rowid, external_id, name, diagnosis, question, "
    "summary)"
    " SELECT c.id, c.external_id, p.given_name || ' ' || p.family_name,"
    "  c.icd10 || ' ' || c.diagnosis_text, c.question, c.summary"
    " FROM cases c JOIN patient p ON p.id = c.patient_id;",
    NULL};

/* Amendments: a draft that amends a signed decision names it and the
 * reason; signed decisions are searchable (the index holds no copy of the
 * text: decisions never change, so no delete is ever needed). */
static const char *const schema_v3[] = {
    "CREATE TABLE form_amend ("
    " instance_id INTEGER PRIMARY KEY REFERENCES form_instance(id),"
    " amends INTEGER NOT NULL REFERENCES decision(id),"
    " reason TEXT NOT NULL"
    ") STRICT;",
    "CREATE VIRTUAL TABLE decision_fts USING fts5(body, content='',"
    " tokenize='unicode61 remove_diacritics 0');",
    "CREATE TRIGGER decision_fts_i AFTER INSERT ON decision BEGIN"
    " INSERT INTO decision_fts(rowid, body) VALUES (new.id, new.content);"
    " END;",
    NULL};

/* The meeting as it runs (when it started and finished, why it was
 * cancelled), time spent per agenda item, and the follow-up of each
 * decision (decisions themselves never change). */
static const char *const schema_v4[] = {
    "CREATE TABLE meeting_run ("
    " meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id) ON DELETE "
    "CASCADE,"
    " started TEXT, finished TEXT, cancel_reason TEXT"
    ") STRICT;",
    "CREATE TABLE agenda_time ("
    " item_id INTEGER PRIMARY KEY REFERENCES agenda_item(id) ON DELETE "
    "CASCADE,"
    " started TEXT NOT NULL, ended TEXT"
    ") STRICT;",
    "CREATE TABLE follow_up ("
    " decision_id INTEGER PRIMARY KEY REFERENCES decision(id),"
    " status TEXT NOT NULL CHECK (status IN ('done','not-done')),"
    " reason TEXT CHECK (reason IN ('medical','patient-wish','other')),"
    " note TEXT,"
    " updated TEXT NOT NULL, updated_by TEXT NOT NULL"
    ") STRICT;",
    "CREATE TABLE patient_informed ("
    " decision_id INTEGER PRIMARY KEY REFERENCES decision(id),"
    " informed_on TEXT NOT NULL, informed_by TEXT NOT NULL, how TEXT"
    ") STRICT;",
    NULL};

/* A case referred up or down between MDK levels keeps its history. */
static const char *const schema_v5[] = {
    "CREATE TABLE level_change ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " at TEXT NOT NULL, by TEXT NOT NULL,"
    " from_level TEXT NOT NULL, to_level TEXT NOT NULL CHECK (to_level IN"
    "  ('local','regional','national')),"
    " reason TEXT NOT NULL"
    ") STRICT;",
    "CREATE INDEX level_change_case ON level_change(case_id, id);", NULL};

/* Draft revisions: every change of a draft value bumps the draft's
 * revision, and each field remembers the revision that last changed it, so
 * a sign-off or an edit made on what was read earlier can be refused with
 * what changed since. */
static const char *const schema_v6[] = {
    "ALTER TABLE form_instance ADD COLUMN revision INTEGER NOT NULL"
    " DEFAULT 1 CHECK (revision >= 1);",
    "CREATE TABLE form_value_rev ("
    " instance_id INTEGER NOT NULL REFERENCES form_instance(id) ON DELETE "
    "CASCADE,"
    " field TEXT NOT NULL, revision INTEGER NOT NULL,"
    " PRIMARY KEY (instance_id, field)"
    ") STRICT, WITHOUT ROWID;",
    NULL};

/* The number of cases, kept by triggers, so that the case list's "of N"
 * costs nothing in any archive. The referral queue in list order, however
 * few of the archive's cases wait (a partial index). The case search folds case
 * and accents (ostergotland finds Östergötland) and keeps prefix indexes for
 * one to three letters, so that the first letters typed do not merge the
 * entries of every word they begin. The index is built again from the cases. */
static const char *const schema_v7[] = {
    "CREATE TABLE case_count (n INTEGER NOT NULL) STRICT;",
    "INSERT INTO case_count (n) SELECT count(*) FROM cases;",
    "CREATE TRIGGER case_count_i AFTER INSERT ON cases BEGIN"
    " UPDATE case_count SET n = n + 1; END;",
    "CREATE TRIGGER case_count_d AFTER DELETE ON cases BEGIN"
    " UPDATE case_count SET n = n - 1; END;",
    "CREATE INDEX cases_queue ON cases(referral_date DESC, id DESC)"
    " WHERE status IN ('referred','incomplete','ready','deferred');",
    "DROP TABLE case_fts;",
    "CREATE VIRTUAL TABLE case_fts USING fts5("
    " external_id, name, diagnosis, question, summary,"
    " content='', tokenize='unicode61 remove_diacritics 2',"
    " prefix='1 2 3');",
    "INSERT INTO case_fts(rowid, external_id, name, diagnosis, question, "
    "summary)"
    " SELECT c.id, c.external_id, p.given_name || ' ' || p.family_name,"
    "  c.icd10 || ' ' || c.diagnosis_text, c.question, c.summary"
    " FROM cases c JOIN patient p ON p.id = c.patient_id;",
    NULL};

/* The referral queue holds every open case that no meeting to come lists
 * (also listed but not discussed, imported as listed, left listed on a
 * finished meeting): its partial index covers every open status. */
static const char *const schema_v8[] = {
    "DROP INDEX IF EXISTS cases_queue;",
    "CREATE INDEX cases_queue ON cases(referral_date DESC, id DESC)"
    " WHERE status IN " DB_QUEUE_STATUSES ";",
    NULL};

/* Whether the patient needs an interpreter (agendas, letters). */
static const char *const schema_v9[] = {
    "ALTER TABLE patient ADD COLUMN interpreter INTEGER NOT NULL"
    " DEFAULT 0 CHECK (interpreter IN (0, 1));",
    NULL};

/* Schema 10: audit entries carry their own sequence number and the seals
 * (hashes) of the clinical records they wrote, kept in audit_seal; see
 * db_audit.c. The records already present are sealed at the upgrade,
 * recorded as such ("migrate"). */
static enum tb_status seal_existing(struct db *db)
{
	return db_audit_seal_all(db, "migrate",
				 /* untranslated: an audit detail */
				 "schema 10: the records present at the "
				 "upgrade sealed into the chain");
}

/* Schema 13: referrals between boards. A case received from another
 * board keeps where it came from (case_origin); the answer a board sends
 * back (the signed decision as a FHIR Bundle) is attached to the original
 * case as received (referral_answer). Both are sealed records. */
static const char *const schema_v13[] = {
    "CREATE TABLE case_origin ("
    " case_id INTEGER PRIMARY KEY REFERENCES cases(id),"
    " board TEXT NOT NULL, to_board TEXT NOT NULL,"
    " sent TEXT NOT NULL, received TEXT NOT NULL,"
    " package_sha256 TEXT NOT NULL"
    ") STRICT;",
    "CREATE TABLE referral_answer ("
    " id INTEGER PRIMARY KEY,"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " board TEXT NOT NULL, decision TEXT NOT NULL,"
    " signed_at TEXT NOT NULL, recommendation TEXT, intent TEXT,"
    " format TEXT NOT NULL CHECK (format IN ('xml','json')),"
    " package TEXT NOT NULL, package_sha256 TEXT NOT NULL,"
    " received TEXT NOT NULL,"
    " UNIQUE (case_id, package_sha256)"
    ") STRICT;",
    "CREATE INDEX referral_answer_case ON referral_answer(case_id, id);", NULL};

/* Schema 15: the audit entries of one record found without reading the
 * whole log (who changed a draft's field last, an agenda's last mark). */
static const char *const schema_v15[] = {
    "CREATE INDEX audit_entity ON audit(entity, entity_id);", NULL};

/* Schema 17: a page of the case list is one range of one index. The
 * list's columns of cases ride in the index of the list order (the rows
 * of a screen lie together in it, where the table has them scattered over
 * the archive by their referral dates), so a page reads no row of the
 * table; it replaces the plain index of that order. The case search keeps
 * prefix indexes up to four letters (egfr, kras, lung typed whole no
 * longer merge the entries of every word they begin). */
static const char *const schema_v17[] = {
    "DROP INDEX IF EXISTS cases_referral;",
    "CREATE INDEX IF NOT EXISTS cases_list ON cases(referral_date DESC,"
    " id DESC, external_id, patient_id, icd10, diagnosis_text, level,"
    " priority, status);",
    "DROP TABLE case_fts;",
    "CREATE VIRTUAL TABLE case_fts USING fts5("
    " external_id, name, diagnosis, question, summary,"
    " content='', tokenize='unicode61 remove_diacritics 2',"
    " prefix='1 2 3 4');",
    "INSERT INTO case_fts(rowid, external_id, name, diagnosis, question, "
    "summary)"
    " SELECT c.id, c.external_id, p.given_name || ' ' || p.family_name,"
    "  c.icd10 || ' ' || c.diagnosis_text, c.question, c.summary"
    " FROM cases c JOIN patient p ON p.id = c.patient_id;",
    NULL};

/* Schema 18: Lansky play-performance, the performance status of a child
 * (0-100 in steps of 10), beside ECOG. Both columns are NULL for every
 * case present, so no record's seal changes (a NULL column is not
 * hashed) and nothing is resealed. */
static const char *const schema_v18[] = {
    "ALTER TABLE cases ADD COLUMN lansky INTEGER CHECK (lansky BETWEEN 0"
    " AND 100 AND lansky % 10 = 0);",
    "ALTER TABLE cases ADD COLUMN lansky_date TEXT;", NULL};

/* Schema 19: the words of the case search index, one row each, so that a
 * prefix longer than the index's prefix indexes is searched as its whole
 * words (db_case_word.c), filled from the archive's cases. SQLite only:
 * PostgreSQL's search has its own index (db_schema_pg.c), and
 * store_pg_sql_ddl leaves a search table's companion (NAME_fts_…) out. */
static const char *const schema_v19[] = {
    "CREATE TABLE case_fts_word (word TEXT PRIMARY KEY) STRICT,"
    " WITHOUT ROWID;",
    NULL};

static enum tb_status fill_words(struct db *db)
{
	return db_case_word_fill(db->conn);
}

/* Schema 20: a draft's finding keys in the words of no language
 * (db_draft_keys.c); no statement of its own, the hook does it. */
static const char *const schema_v20[] = {NULL};

/* Schema 21: a negative finding. A variant looked for and not found (a
 * laboratory's "no variant found", FHIR's LOINC LA9634-2 "Absent") is a
 * finding with result 'absent'; a variant found has NULL there, as every
 * finding present has, so no record's seal changes (a NULL column is not
 * hashed) and nothing is resealed. */
static const char *const schema_v21[] = {
    "ALTER TABLE finding ADD COLUMN result TEXT CHECK (result IN"
    " ('absent'));",
    NULL};

/* Schema 22: PostgreSQL's tb_fts_fold in PL/pgSQL (db_schema_pg.c,
 * store_pg_sql_fts_fold_v22), the same folding at a fraction of its
 * cost. Nothing on SQLite, whose FTS5 folds in its tokenizer.
 *
 * Schema 24: SQLite's CHECKs of a column against a list of texts written
 * as comparisons joined by OR (db_checks.c: the same values pass, and a
 * row written no longer builds a temporary index); the hook does it.
 * Nothing on PostgreSQL.
 *
 * Schema 25: the access log's mark guard on PostgreSQL looks the entries
 * it passes up by key (db_schema_pg.c, pg_v25). Nothing on SQLite, which
 * has no such guard (verify checks the lookups against the mark). */
static const char *const schema_none[] = {NULL};

/* Schema 26: the queue's partial index carries the list's columns, as
 * cases_list does (schema 17): a screen of the queue reads no row. */
static const char *const schema_v26[] = {
    "DROP INDEX IF EXISTS cases_queue;",
    "CREATE INDEX cases_queue ON cases(referral_date DESC, id DESC,"
    " external_id, patient_id, icd10, diagnosis_text, level, priority,"
    " status) WHERE status IN " DB_QUEUE_STATUSES ";",
    NULL};

/* Each migration is a NULL-terminated list of statements, and optionally
 * a function run after them in the same transaction. */
static const char *const *const migrations[DB_SCHEMA_VERSION] = {
    schema_v1,
    schema_v2,
    schema_v3,
    schema_v4,
    schema_v5,
    schema_v6,
    schema_v7,
    schema_v8,
    schema_v9,
    db_audit_schema_v10,
    db_user_schema_v11,
    db_access_schema,
    schema_v13,
    db_extract_schema,
    schema_v15,
    db_live_schema,
    schema_v17,
    schema_v18,
    schema_v19,
    schema_v20,
    schema_v21,
    schema_none,
    db_access_lookup_schema, /* 23: the access log's lookups (its file) */
    schema_none,
    schema_none,
    schema_v26,
    db_meeting_schema_v27,
    db_followup_schema_v28,
    db_case_fts_schema_v29,
    db_case_fts_schema_v30,
    db_case_row_schema_v31};
const char *const *db_schema_step(int v)
{
	return v >= 0 && v < DB_SCHEMA_VERSION ? migrations[v] : NULL;
}

static enum tb_status (*const migration_hooks[DB_SCHEMA_VERSION])(
    struct db *db) = {[9] = seal_existing,
		      [18] = fill_words,
		      [19] = db_draft_keys_migrate,
		      [23] = db_checks_migrate,
		      [30] = db_case_row_migrate};
/* Hooks a PostgreSQL archive's upgrade (init, which runs no hook) goes
 * without: 18 fills a table of SQLite's own, which it has no need of;
 * 20's Swedish draft keys stay as they are there (an upgrade that
 * refused every archive at 19 would help none of them); 24 rewrites
 * SQLite's own text of its tables; 31 makes SQLite's own list rows. */
static const bool hook_sqlite_only[DB_SCHEMA_VERSION] = {
    [18] = true, [19] = true, [23] = true, [30] = true};
bool db_schema_step_hooked(int v)
{
	return v >= 0 && v < DB_SCHEMA_VERSION && migration_hooks[v] &&
	       !hook_sqlite_only[v];
}

/* ------------------------------------------------------------------------
 * Opening
 * ---------------------------------------------------------------------- */

int db_user_version(struct db *db)
{
	int v = -1;
	if (store_schema_version(db->conn, &v) != STORE_OK)
		v = -1;
	return v;
}

static enum tb_status migrate(struct db *db, char **err)
{
	int v = db_user_version(db);
	/* an existing database being brought up to date shows progress */
	long long steps = 0;
	for (int m = v < 0 ? DB_SCHEMA_VERSION : v; m < DB_SCHEMA_VERSION; m++)
		for (size_t i = 0; migrations[m][i]; i++)
			steps++;
	if (v > 0 && steps)
		progress_begin("migrate", N_("steps"), steps);
	while (v >= 0 && v < DB_SCHEMA_VERSION) {
		if (store_begin(db->conn) != STORE_OK) {
			*err =
			    xasprintf(_("schema migration %d → %d failed: %s"),
				      v, v + 1, db_errmsg(db));
			return TB_DB;
		}
		/* another process may have migrated while this one waited
		 * for the write lock */
		v = db_user_version(db);
		if (v < 0 || v >= DB_SCHEMA_VERSION) {
			store_commit(db->conn);
			break;
		}
		bool ok = true;
		for (size_t i = 0; ok && migrations[v][i]; i++) {
			ok = store_exec(db->conn, migrations[v][i]) == STORE_OK;
			progress_add(1);
		}
		if (ok && migration_hooks[v])
			ok = migration_hooks[v](db) == TB_OK;
		if (!ok ||
		    store_set_schema_version(db->conn, v + 1) != STORE_OK ||
		    store_commit(db->conn) != STORE_OK) {
			*err =
			    xasprintf(_("schema migration %d → %d failed: %s"),
				      v, v + 1, db_errmsg(db));
			store_rollback(db->conn);
			progress_end();
			return TB_DB;
		}
		/* the next step's tables are watched from its first write
		 * (db_audit_watch skips tables that do not exist yet) */
		db->watching = false;
		v++;
	}
	progress_end();
	if (v < 0) {
		*err = xasprintf(_("cannot read schema version: %s"),
				 db_errmsg(db));
		return TB_DB;
	}
	if (v > DB_SCHEMA_VERSION) {
		*err =
		    xasprintf(_("the database has schema version %d; this "
				"tumorboard understands up to %d. Use a newer "
				"tumorboard; the database was not changed"),
			      v, DB_SCHEMA_VERSION);
		return TB_DB_NEWER;
	}
	return TB_OK;
}

/* ------------------------------------------------------------------------
 * Waiting for other writers
 * ---------------------------------------------------------------------- */

static long busy_timeout_ms = DB_BUSY_TIMEOUT_DEFAULT * 1000L;
static void (*notice_fn)(const char *msg);

void db_set_busy(long timeout_s, void (*notice)(const char *msg))
{
	busy_timeout_ms = timeout_s < 0 ? -1 : timeout_s * 1000L;
	notice_fn = notice;
}

void db_notice(const char *msg)
{
	if (notice_fn)
		notice_fn(msg);
}

static long long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The store's busy handler: another connection holds the write lock (an
 * import, another terminal). Waits in growing steps up to the busy
 * timeout, and says once, after a second, why nothing seems to happen. */
static int busy_wait(void *arg, int count)
{
	static const int steps[] = {1, 2, 5, 10, 20, 50, 100};
	struct db *db = arg;
	long long now = monotonic_ms();
	if (count == 0) {
		db->busy_since = now;
		db->busy_noticed = false;
	}
	long long waited = now - db->busy_since;
	if (db->busy_no_wait)
		return 0;
	if (busy_timeout_ms >= 0 && waited >= busy_timeout_ms) {
		db->busy_gave_up = true;
		return 0;
	}
	if (!db->busy_noticed && waited >= 1000) {
		char msg[160];
		db->busy_noticed = true;
		if (busy_timeout_ms >= 0)
			snprintf(msg, sizeof(msg),
				 _("waiting for another tumorboard to finish "
				   "writing the database (up to %ld s)"),
				 busy_timeout_ms / 1000);
		else
			snprintf(msg, sizeof(msg),
				 _("waiting for another tumorboard to finish "
				   "writing the database"));
		db_notice(msg);
	}
	long long step = steps[count < 7 ? count : 6];
	if (busy_timeout_ms >= 0 && step > busy_timeout_ms - waited)
		step = busy_timeout_ms - waited;
	struct timespec ts = {.tv_sec = 0, .tv_nsec = (long)step * 1000000L};
	nanosleep(&ts, NULL);
	return 1;
}

/* db_open and db_open_existing: create says whether a missing database
 * is created (a file: mode 0600) or refused with TB_NOT_FOUND. */
static enum tb_status open_db(const char *path, bool readonly, bool create,
			      struct db **out, char **err)
{
	struct db *db = xcalloc(1, sizeof(*db));
	enum tb_status st = TB_OK;
	unsigned flags = readonly ? STORE_OPEN_READONLY
			 : create ? STORE_OPEN_READWRITE | STORE_OPEN_CREATE
				  : STORE_OPEN_READWRITE;

	*out = NULL;
	*err = NULL;
	int rc = store_open_busy(path, flags, busy_wait, db, &db->conn, err);
	if (rc != STORE_OK) {
		st = rc == STORE_NOTFOUND ? TB_NOT_FOUND
		     : rc == STORE_IOERR  ? TB_IO
					  : TB_DB;
		goto cleanup;
	}
	db->path = store_archive_name(db->conn);
	db->read_ahead = store_remote(db->conn);
	if (readonly) {
		int v = db_user_version(db);
		if (v > DB_SCHEMA_VERSION) {
			*err =
			    xasprintf(_("the database has schema version %d; "
					"this tumorboard understands up to "
					"%d. Use a newer tumorboard"),
				      v, DB_SCHEMA_VERSION);
			st = TB_DB_NEWER;
		} else if (v < DB_SCHEMA_VERSION) {
			*err = xasprintf(_("the database %s is not initialised "
					   "or needs an upgrade; open it once "
					   "without --read-only"),
					 path);
			st = TB_DB;
		}
	} else if ((st = db_server_schema(db, db_user_version(db), err)) ==
		   TB_OK) {
		st = migrate(db, err);
	}
cleanup:
	if (st != TB_OK)
		db_close(&db);
	*out = db;
	return st;
}

enum tb_status db_open(const char *path, bool readonly, struct db **out,
		       char **err)
{
	return open_db(path, readonly, !readonly, out, err);
}

enum tb_status db_open_existing(const char *path, struct db **out, char **err)
{
	return open_db(path, false, false, out, err);
}

void db_close(struct db **dbp)
{
	struct db *db = *dbp;
	if (!db)
		return;
	/* what a screen left for its pause (else the next catch-up, by
	 * whoever appends, takes it; until then it is read as past the
	 * lookups' mark); before the statements below are finalized, so
	 * that on a server they go with the connection, not by a round
	 * trip of their own ahead of the catch-up's */
	db_access_lookup_catch_up(db);
	for (int i = 0; i < DB_STMT__COUNT; i++)
		store_finalize(db->stmts[i]);
	for (int i = 0; i < DB_LIST_CACHE; i++)
		store_finalize(db->list_cache[i].st);
	for (int i = 0; i < DB_SEAL_STMTS; i++)
		store_finalize(db->seal_stmts[i]);
	for (int i = 0; i < DB_ACCESS_ROWS; i++) {
		store_finalize(db->access_insert[i]);
		store_finalize(db->access_insert_checked[i]);
	}
	/* the statements the connection ran (round trips on a server),
	 * appended for a benchmark or a test that asks for them */
	const char *sf = getenv("TUMORBOARD_STATEMENTS");
	FILE *f = sf && *sf ? fopen(sf, "a") : NULL;
	if (f) {
		fprintf(f,
			/* untranslated: read by tests */ "statements %llu\n",
			store_statements_run(db->conn));
		fclose(f);
	}
	db_ready_ahead_forget(db);
	free(db->access_pending);
	strbuf_done(&db->access_texts);
	strbuf_done(&db->access_material);
	free(db->count_key);
	store_close(db->conn);
	free(db->words);
	free(db);
	*dbp = NULL;
}

const char *db_errmsg(struct db *db)
{
	if (store_errcode(db->conn) == STORE_BUSY && db->busy_gave_up) {
		snprintf(
		    db->errbuf, sizeof(db->errbuf),
		    _("another tumorboard kept the database busy for more "
		      "than the busy timeout (%ld s); nothing was changed, "
		      "try again or raise --busy-timeout"),
		    busy_timeout_ms / 1000);
		return db->errbuf;
	}
	return store_errmsg(db->conn);
}

enum tb_status db_ready_writes(struct db *db)
{
	return db_audit_watch(db);
}

enum tb_status db_begin(struct db *db)
{
	db->busy_gave_up = false;
	if (db_audit_watch(db) != TB_OK)
		return TB_DB;
	if (store_begin(db->conn) != STORE_OK)
		return TB_DB;
	db->appended = db->seal_later = false;
	db_case_word_forget(db);
	return TB_OK;
}

enum tb_status db_commit(struct db *db)
{
	/* nothing is committed that no audit entry sealed */
	if (db_case_fts_flush(db) != TB_OK ||
	    db_audit_before_commit(db) != TB_OK ||
	    store_commit(db->conn) != STORE_OK) {
		db_rollback(db);
		return TB_DB;
	}
	db->dv_own_audit += db->dv_txn_audit;
	db->dv_txn_audit = 0;
	db_audit_after_commit(db);
	return TB_OK;
}

enum tb_status db_data_version(struct db *db, unsigned long long *other,
			       unsigned long long *own)
{
	unsigned long long engine = 0;
	if (store_data_version(db->conn, &engine, own) != STORE_OK)
		return TB_DB;
	*own -= db->dv_own_access;
	/* Another connection committed: whether it changed anything but
	 * the access log. Every other write appends to the audit log (its
	 * entry or a seal), a logged read only to the access log; so the
	 * audit log's head less this connection's own entries, read only
	 * when the engine's count moved, is what other screens reload on.
	 * A terminal that opens a case (a logged read) does not make every
	 * other screen reload. */
	if (!db->dv_read || engine != db->dv_engine) {
		long long head = db_first_int(
		    db, "SELECT coalesce(max(id), 0) FROM audit", NULL, -1);
		if (head < 0)
			return TB_DB;
		db->dv_engine = engine;
		db->dv_audit = (unsigned long long)head - db->dv_own_audit;
		db->dv_read = true;
	}
	*other = db->dv_audit;
	return TB_OK;
}

void db_defer_checkpoints(struct db *db)
{
	db->access_lookup_deferred = true;
	store_defer_checkpoints(db->conn);
}

bool db_idle(struct db *db)
{
	/* the access log's lookups first: their pages go in the checkpoint */
	bool caught =
	    db->access_behind && db_access_lookup_catch_up(db) == TB_OK;
	return store_idle(db->conn) || caught;
}

void db_rollback(struct db *db)
{
	store_rollback(db->conn);
	db->appended = db->fts_held = db->seal_later = false;
	db->dv_txn_audit = 0;
	/* counted in the transaction: the data version does not go back */
	free(db->count_key);
	db->count_key = NULL;
}

/* ------------------------------------------------------------------------
 * Audit log
 * ---------------------------------------------------------------------- */

const char *db_actor(void)
{
	return user_actor();
}

char *db_fts_query(struct db *db, const char *text)
{
	return store_fts_query(store_engine(db->conn), text);
}
