/*
 * Shared between db*.c only: the connection struct and the prepared
 * statement cache. Each hot statement is prepared once per connection on
 * first use and reset after each use.
 */
#ifndef TB_DB_INTERNAL_H
#define TB_DB_INTERNAL_H

#include <stdbool.h>

#include "db.h"
#include "db_access.h"
#include "db_user.h"
#include "hash.h"
#include "readiness.h"
#include "store.h"
#include "util.h"

struct tb_case;

/* The open statuses of a case: those the referral queue may hold. The
 * queue's partial index (schema step 8) and its query use this very term,
 * so that the planner can use the index; never change it in place (a new
 * schema step rebuilds the index). */
#define DB_QUEUE_STATUSES                                                      \
	"('referred','incomplete','ready','listed','discussed',"               \
	"'not-discussed','deferred','decision-draft')"

/* A case (cases.id) that is listed on no meeting still to come (planned
 * or running) but meeting ?2 (0: any): back to "referred", the referral
 * queue's status, when it leaves an agenda, the meeting is cancelled or
 * finished without a later one to take it. Ends a WHERE on cases. */
#define DB_CASE_ON_NO_COMING_AGENDA                                            \
	" AND NOT EXISTS (SELECT 1 FROM agenda_item a JOIN meeting m"          \
	" ON m.id = a.meeting_id WHERE a.case_id = cases.id AND a.status ="    \
	" 'listed' AND m.status IN ('planned','running') AND m.id <> ?2)"

/* What a case's readiness is checked by (db_case_ready.c), of a case C
 * (an alias of cases) and its patient P: thirteen columns. */
#define DB_READY_COLS(C, P)                                                    \
	/* untranslated: SQL */                                                \
	C ".id, " C ".external_id, " C ".icd10,"                               \
	  " CASE WHEN " C ".question <> '' THEN 1 ELSE 0 END,"                 \
	  " CASE WHEN " C ".level_reason <> '' THEN 1 ELSE 0 END,"             \
	  " (SELECT count(*) FROM pathology WHERE case_id = " C ".id),"        \
	  " " P ".birth_date, " C ".ecog, " C ".lansky, " C ".tnm_stage,"      \
	  " (SELECT max(date) FROM imaging WHERE case_id = " C ".id),"         \
	  " (SELECT count(*) FROM finding WHERE case_id = " C ".id),"          \
	  " (SELECT count(*) FROM finding WHERE case_id = " C ".id AND"        \
	  " (context IS NULL OR context = 'clinical'))"

enum db_stmt_id {
	DB_STMT_PATIENT_FIND,
	DB_STMT_PATIENT_INSERT,
	DB_STMT_PATIENT_UPDATE,
	DB_STMT_CASE_FIND,
	DB_STMT_CASE_INSERT,
	DB_STMT_CASE_UPDATE,
	DB_STMT_CASE_DELETE_CHILDREN_PATH,
	DB_STMT_CASE_DELETE_CHILDREN_FIND,
	DB_STMT_CASE_DELETE_CHILDREN_IMG,
	DB_STMT_PATHOLOGY_INSERT,
	DB_STMT_MARKER_INSERT,
	DB_STMT_FINDING_INSERT,
	DB_STMT_IMAGING_INSERT,
	DB_STMT_AUDIT_LAST,
	DB_STMT_AUDIT_INSERT,
	/* db_audit.c: sealing the records a transaction touched */
	DB_STMT_DIRTY_SEALS,
	DB_STMT_SEAL_INSERT,
	DB_STMT_DIRTY_CLEAR,
	/* db_case_load */
	DB_STMT_CASE_LOAD,
	DB_STMT_PATHOLOGY_LOAD,
	DB_STMT_MARKER_LOAD,
	DB_STMT_FINDING_LOAD,
	DB_STMT_IMAGING_LOAD,
	DB_STMT_LEVEL_CHANGE_LOAD,
	/* db_case_set_load: the same for DB_CASE_BATCH cases at once */
	DB_STMT_CASE_LOAD_MANY,
	DB_STMT_PATHOLOGY_LOAD_MANY,
	DB_STMT_MARKER_LOAD_MANY,
	DB_STMT_FINDING_LOAD_MANY,
	DB_STMT_IMAGING_LOAD_MANY,
	DB_STMT_LEVEL_CHANGE_LOAD_MANY,
	/* db_case_set_load_rows: the cases' rows and what readiness counts
	 * of their pathology and imaging, and their findings as a trial is
	 * judged by them */
	DB_STMT_CASE_ROWS_MANY,
	DB_STMT_FINDING_ROWS_MANY,
	/* db_case_ready.c: what readiness is checked by, of one case and
	 * of DB_CASE_BATCH cases */
	DB_STMT_CASE_READY,
	DB_STMT_CASE_READY_MANY,
	/* db_referral.c: a case's answers and origin (db_referral_send) */
	DB_STMT_REFERRAL_ANSWERS,
	DB_STMT_REFERRAL_ORIGIN,
	/* db_access.c */
	DB_STMT_ACCESS_PATIENT,
	DB_STMT_ACCESS_LAST,
	DB_STMT_ACCESS_INSERT,
	/* db_case_word.c */
	DB_STMT_CASE_WORD_ADD,
	DB_STMT_CASE_WORD_RANGE,
	/* made at run time, the same text every time (db_stmt_sql): the
	 * care facts of one case and of a batch (db_user.c), the patients
	 * of a batch of cases (db_access.c) */
	DB_STMT_CARE_ONE,
	DB_STMT_CARE_MANY,
	DB_STMT_ACCESS_PATIENTS_MANY,
	/* the decisions of a case's patient (db_decision.c) */
	DB_STMT_DECISIONS_OF_PATIENT,
	/* the cases listed on up to 32 agendas (db_agenda.c) */
	DB_STMT_AGENDA_LISTED,
	DB_STMT__COUNT
};

/* Case list and count statements, prepared once per shape (which filters
 * are set) by db_case.c; finalized by db_close. */
#define DB_LIST_CACHE 16
struct db_list_cache {
	unsigned shape; /* 0: empty */
	struct store_stmt *st;
};
/* statements of the record hashes in db_audit.c: every part of every
 * kind, for DB_SEAL_BANKS records of a kind read at once */
#define DB_SEAL_BANKS 4
#define DB_SEAL_STMTS (64 * DB_SEAL_BANKS)

/* The reads of care facts ahead of a screen kept (db->care_ahead) */
#define DB_CARE_AHEAD 3

struct db {
	struct store *conn;
	struct store_stmt *stmts[DB_STMT__COUNT];
	struct store_stmt *seal_stmts[DB_SEAL_STMTS];
	int txn_depth;
	struct db_list_cache list_cache[DB_LIST_CACHE];
	/* the words this transaction added to case_fts_word (db_case_word.c;
	 * emptied by db_begin); NULL until the first */
	struct db_word_cache *words;
	unsigned list_next;
	const char *path; /* store_archive_name: the resolved file, a
			   * server's database; NULL for :memory: */
	bool watching;	  /* the temporary triggers of db_audit.c exist */
	/* store_remote: the case list's window reads its access log's
	 * facts with its rows (db_case_filter.access_user; list_ahead);
	 * on SQLite the log's batch reads them, for fewer instructions */
	bool read_ahead;
	bool appended; /* this transaction appended to the audit log */
	bool fts_held; /* its cases indexed at the commit (db_case_fts.c) */
	/* db_audit_seal_later: entries since that left their records to a
	 * seal entry of their own */
	bool seal_later;
	unsigned seal_owed;
	/* store_writes after its last entry, which emptied tb_dirty */
	unsigned long long entry_writes;
	bool access_appended; /* ... and to the access log */
	/* the access log's head as this connection's own batch left it
	 * (db_access_batch's transaction; access_head_id 0: read it) */
	bool access_batch;
	/* entries this connection appended since its lookups last caught
	 * up (db_access_lookup.c), and whether that waits for a pause */
	long long access_behind;
	bool access_lookup_deferred;
	long long access_head_id;
	char access_head[65];
	char access_head_at[21]; /* its time */
	/* the head as this connection's last batch committed it, and the
	 * engine's count of other connections' commits then: the next
	 * batch takes it unread while that count stands, its first INSERT
	 * checking that it is still the head (on a server; on SQLite its
	 * id, taken, fails it: checked_first in db_access.c) */
	long long access_known_id;
	char access_known[65];
	char access_known_at[21];
	unsigned long long access_known_other;
	/* db_case_list: the rows of the last window read for the access
	 * log (db_case_filter.access_user), with their patients and that
	 * user's care facts; the access log's batch of those rows takes
	 * them from here (db_ahead_covers) instead of reading them,
	 * and forgets them (db_access_patients_forget) */
	struct db_list_ahead {
		long long user_id;
		/* the data version before the read, less this
		 * connection's access-log entries (db_ready_version): the
		 * facts stand while it does (and no emergency grant has
		 * ended), for each row of the read as it is logged */
		unsigned long long other, own;
		size_t n;
		long long ids[DB_ACCESS_PREFETCH];
		long long patients[DB_ACCESS_PREFETCH];
		struct db_user_care care[DB_ACCESS_PREFETCH];
	} list_ahead;
	/* db_user_care_ahead: the care facts of the cases screens read
	 * ahead in a pause show first (the referral queue, the follow-up
	 * list, the first agenda), each kept as list_ahead is; the last
	 * DB_CARE_AHEAD reads, care_next the one the next replaces */
	struct db_list_ahead care_ahead[DB_CARE_AHEAD];
	size_t care_next;
	/* db_case_list (db_case_filter.ready): the readiness facts of the
	 * row read last, with the data version before the read (the own
	 * count less the access log's, which a batch moves); db_case_ready
	 * takes them once while it stands */
	struct db_ready_ahead {
		bool valid;
		unsigned long long other, own;
		struct readiness_facts f;
	} ready_ahead;
	/* db_access_patients_prefetch: case ids and their patients */
	long long access_case[DB_ACCESS_PREFETCH];
	long long access_patient[DB_ACCESS_PREFETCH];
	size_t access_n;
	/* db_user_care_next: the patient of the case it read last (a case
	 * never changes patient), taken once by db_access_patient_of */
	long long care_case, care_patient;
	/* db_access.c: a batch's entries not yet written (written by up to
	 * DB_ACCESS_ROWS in one INSERT when it ends), and those INSERTs of
	 * 1, 2, 3 … DB_ACCESS_ROWS rows */
	struct db_access_pending *access_pending;
	size_t access_pending_n;
	/* their texts, each ended by its NUL, an entry's the same as the
	 * one's before it kept once */
	struct strbuf access_texts;
	struct strbuf access_material; /* an entry's hashed text */
	/* the head the batch's next INSERT follows is the log's: read in
	 * this transaction, or the batch's own INSERT before (no check) */
	bool access_head_sure;
	struct store_stmt *access_insert[DB_ACCESS_ROWS];
	struct store_stmt *access_insert_checked[DB_ACCESS_ROWS];
	long long head_seq;
	char head_hash[65];
	/* db_referral_send: the case whose answers and origin were sent
	 * ahead and not read yet (0: none) */
	long long sent_answers, sent_origin;
	/* db_decision_send: the case whose patient's decisions were sent
	 * ahead and not read yet (0: none) */
	long long sent_decisions;
	/* db_data_version: the engine's count of other connections'
	 * commits last seen; the audit entries of other connections then
	 * (the log's head less this connection's own); this connection's
	 * committed entries, and those of the open transaction */
	unsigned long long dv_engine;
	unsigned long long dv_audit;
	unsigned long long dv_own_audit;
	unsigned dv_txn_audit;
	bool dv_read;
	/* rows this connection wrote to the access log alone (a batch of
	 * its own): not a change of what any view shows, so not in
	 * db_data_version's own */
	unsigned long long dv_own_access;
	/* db_case_count_capped's last count: its filter and cap (a key),
	 * the data version it was read at, and the result */
	char *count_key;
	unsigned long long count_other, count_own;
	long long count_n;
	long long busy_since; /* monotonic ms when this wait began */
	bool busy_noticed;
	bool busy_gave_up;
	bool busy_no_wait; /* a pause's write: none, not a wait */
	char errbuf[200];
};

/* The cached statement, prepared on first use; NULL on error. */
struct store_stmt *db_stmt(struct db *db, enum db_stmt_id id);

/* The cached statement of an id whose SQL is made at run time: sql() is
 * called for its text (caller of sql frees it) only when the statement
 * is first prepared; the text must be the same every time for the id.
 * NULL on error. Reset it after use; db_close finalizes it. */
struct store_stmt *db_stmt_sql(struct db *db, enum db_stmt_id id,
			       char *(*sql)(void));

/* Runs one statement binding ?1 = a, ?2 = b and ?3 = text, as many as it
 * has (a statement needing only ?1 and ?3 writes "AND ?2 = 0"). */
enum tb_status db_exec_bound(struct db *db, const char *sql, long long a,
			     long long b, const char *text);

/* Turns free text into the full-text query of db's engine: prefix terms,
 * each quoted so that nothing a user types is query syntax; words are
 * split at any white space. Returns NULL when the text holds no word (the
 * caller then searches for nothing in particular). Caller frees. */
char *db_fts_query(struct db *db, const char *text);

/* The most whole words a long prefix of the case search is expanded to
 * (db_case_word.c); past it the prefix is searched as it is. */
#define DB_CASE_WORD_MAX 64

/* The case search's query (db_fts_query) on SQLite with each prefix of
 * five letters or more given as the whole words of case_fts_word that it
 * begins (an OR of them), finding the same cases; db_fts_query elsewhere.
 * NULL when the text holds no word. Caller frees. */
char *db_case_word_query(struct db *db, const char *text);
/* Forgets the words added (db_begin: a transaction rolled back took
 * them away). */
void db_case_word_forget(struct db *db);
/* Adds the words c's search index holds to case_fts_word (SQLite; a
 * no-op elsewhere), inside the caller's transaction. */
enum tb_status db_case_word_add(struct db *db, const struct tb_case *c);

/* Steps an INSERT … RETURNING id to its end: *id is the new row's id.
 * STORE_DONE when it ran, the failing step's code otherwise (STORE_ERROR
 * when it gave no row). The statement is neither reset nor finalized. */
int db_step_id(struct store_stmt *st, long long *id);
/* A parameter of db_each: bound in order from ?1. */
struct db_param {
	enum { DB_PARAM_END, DB_PARAM_INT, DB_PARAM_TEXT } kind;
	long long i;
	const char *t; /* NULL binds NULL */
};
#define DB_INT(v)  ((struct db_param){.kind = DB_PARAM_INT, .i = (v)})
#define DB_TEXT(v) ((struct db_param){.kind = DB_PARAM_TEXT, .t = (v)})
/* The parameter list of a db_each call: DB_PARAMS(DB_INT(id), DB_TEXT(s)) */
#define DB_PARAMS(...)                                                         \
	((const struct db_param[]){__VA_ARGS__, {.kind = DB_PARAM_END}})

/* Called by db_each for each row (read its columns from st, valid until
 * the call returns); false stops the rows early, which is no error. */
typedef bool (*db_row_fn)(struct store_stmt *st, void *arg);

/*
 * Prepares sql, binds params (NULL: none; those past the statement's last
 * parameter are left out), steps it calling fn for each row, finalizes.
 * TB_OK when the rows ran out or fn stopped them, TB_DB when preparing or
 * a step failed (store_errmsg says why).
 */
enum tb_status db_each(struct db *db, const char *sql,
		       const struct db_param *params, db_row_fn fn, void *arg);
/* sql prepared as db_each prepares it and put back at once: the
 * connection keeps it by its text (store_finalize), so that the first
 * db_each of it does not parse it (db_warm). */
void db_each_warm(struct db *db, const char *sql);
/* db_each's rows of a statement prepared and bound by the caller (a
 * cached one, db_stmt), which resets or finalizes it after. */
enum tb_status db_rows(struct store_stmt *st, db_row_fn fn, void *arg);
/* The distinct ids of ids[0..n), sorted (caller frees; *n_out of them):
 * what a statement of many cases binds, and the order its rows come in. */
long long *db_ids_distinct(const long long *ids, size_t n, size_t *n_out);

/* Calls fn for each decision that clause (a WHERE and an ORDER BY over
 * decision d, with params) selects, until fn says stop. */
struct tb_decision;
enum tb_status db_decision_each_sql(
    struct db *db, const char *clause, const struct db_param *params,
    bool (*fn)(const struct tb_decision *d, void *arg), void *arg);

/* The first row's first column as an integer (NULL reads 0); none when
 * there is no row or the query fails. */
long long db_first_int(struct db *db, const char *sql,
		       const struct db_param *params, long long none);
/* The same into *out: TB_OK, TB_NOT_FOUND when there is no row, TB_DB
 * when the query fails (*out is left as it was then). */
enum tb_status db_first_value(struct db *db, const char *sql,
			      const struct db_param *params, long long *out);

/* The end of a write begun with db_begin: commits when st is TB_OK, else
 * (or when the commit fails) rolls back; the status it ends with. */
enum tb_status db_commit_if(struct db *db, enum tb_status st);

/* Copies column text (NULL stays NULL); caller frees. */
char *db_column_dup(struct store_stmt *st, int col);
/* Column text as UTF-8 (NULL stays NULL); borrowed, valid until the
 * statement steps, resets or is finalized. */
static inline const char *db_column_text(struct store_stmt *st, int col)
{
	return store_column_text(st, col);
}

/* db_audit.c: creates the per-connection triggers that note which
 * records a transaction touches (db_begin calls it). */
enum tb_status db_audit_watch(struct db *db);
/* db_init.c: TB_OK when db is SQLite (migrate() brings it up to date) or
 * a server's archive at this schema version or newer; else *err says
 * that its owner must make or upgrade the schema (caller frees). */
enum tb_status db_server_schema(struct db *db, int version, char **err);
/* The PostgreSQL trigger (and its function) that records in the
 * connection's tb_dirty the records a write to the i-th watched table
 * touched, as one script (idempotent: CREATE OR REPLACE); NULL past the
 * last table. Caller frees. */
char *db_audit_watch_sql_pg(size_t i);
/* db_audit.c: seals records touched after the transaction's last entry
 * (db_commit calls it before COMMIT). */
enum tb_status db_audit_before_commit(struct db *db);
/* db_audit.c: after COMMIT: appends the head to $TUMORBOARD_ANCHOR when
 * the transaction wrote to the audit log. */
void db_audit_after_commit(struct db *db);
/* db_anchor.c: the tail of a hash chain from its last entry (last:
 * DB_STMT_AUDIT_LAST or DB_STMT_ACCESS_LAST, "id, hash, at"), stepped
 * here (its answer read when it was sent ahead) and reset: the next
 * entry's number, the hash it follows and the time it may not precede;
 * 1, "genesis" and "" while the chain is empty. TB_DB when the read
 * fails. */
enum tb_status db_chain_tail(struct store_stmt *last, long long *next,
			     char prev[HASH_HEX_LEN + 1], char at[21]);
/* db_access.c: this connection's commits since its data version's own
 * count was own0 taken as the access log's alone (dv_own_access), and
 * the other connections' count now in *other; false, nothing taken, when
 * the version cannot be read. */
bool db_access_own_since(struct db *db, unsigned long long own0,
			 unsigned long long *other);

/* db_anchor.c: appends the heads asked for (the audit log's, the access
 * log's when it has entries) to the anchor file. */
enum tb_status db_anchor_write(struct db *db, const char *file, bool audit,
			       bool access, char **err);
/* db_audit.c: seals every record now in the database in one entry
 * (action, detail); nothing is appended when there is no record. */
enum tb_status db_audit_seal_all(struct db *db, const char *action,
				 const char *detail);
/* The statements of schema step v (0-based: v to v + 1), as SQLite runs
 * them; NULL outside 0 … DB_SCHEMA_VERSION - 1. db_schema_pg.c makes the
 * same schema on PostgreSQL from them. */
const char *const *db_schema_step(int v);
/* Whether schema step v runs a function of its own after its statements
 * (migration_hooks in db.c: sealing the records present, say), which
 * needs the archive open (struct db), not only its schema. */
bool db_schema_step_hooked(int v);
/* db_draft_keys.c: schema 20's hook: the Swedish copy-number words in
 * the finding keys of drafts rewritten as form_finding_key writes them,
 * each draft changed audited ("migrate"). */
enum tb_status db_draft_keys_migrate(struct db *db);
/* db_audit.c: the statements of schema step 10. */
extern const char *const db_audit_schema_v10[];
/* schema step 11: users, roles, units, boards, emergency access */
extern const char *const db_user_schema_v11[];
/* db_checks.c: schema 24's hook (SQLite): the tables' CHECKs of a column
 * against more than two texts rewritten as ORs of comparisons. */
enum tb_status db_checks_migrate(struct db *db);
/* The text sql with those CHECKs rewritten; NULL when it has none.
 * Caller frees. */
char *db_checks_rewrite(const char *sql);
/* db_warm's parts: the statements of a case's load and of an agenda's
 * cases (db_case.c), of the meetings' listed cases and an agenda's rows
 * (db_agenda.c) and of the meetings list and a meeting (db_meeting.c),
 * prepared. */
void db_case_warm(struct db *db);
void db_agenda_listed_warm(struct db *db);
void db_meeting_warm(struct db *db);
/* Passes msg to the notice function set by db_set_busy(), if any. */
void db_notice(const char *msg);

/* Schema 16: the case the chair of a running meeting has open (db_live.c). */
extern const char *const db_live_schema[];
/* Schema 27: the meetings still to be held in an index of their own
 * (db_meeting_window.c). */
extern const char *const db_meeting_schema_v27[];
/* Schema 28: the follow-up list's index (db_followup.c). */
extern const char *const db_followup_schema_v28[];
/* db_case_fts.c: schema 29; the cases this transaction added indexed
 * (db_case_fts_defer), first thing in db_commit. */
extern const char *const db_case_fts_schema_v29[];
/* Schema 30: the index written only when a case's words change. */
extern const char *const db_case_fts_schema_v30[];
/* Schema 31: the case list's rows in list order (db_case_row.c). */
extern const char *const db_case_row_schema_v31[];
enum tb_status db_case_row_migrate(struct db *db);
enum tb_status db_case_fts_flush(struct db *db);
/* A decision just inserted (d->id set) in the follow-up list's index, the
 * version it amends out of it. */
struct tb_decision;
enum tb_status db_followup_due_add(struct db *db, const struct tb_decision *d);

/* Whether a read ahead of care facts (db->list_ahead, db->care_ahead)
 * holds each of ids with user_id's care facts, none of them a grant that
 * has ended since (db_case_list.c); db_access_batch forgets them when the
 * data version has moved since the read. */
bool db_ahead_covers(const struct db_list_ahead *a, long long user_id,
		     const long long *ids, size_t n);
/* The read ahead that covers ids for user_id: the case list's window
 * read last, else the facts read in a pause (db_user_care_ahead); NULL
 * when neither does. */
const struct db_list_ahead *db_ahead_of(const struct db *db, long long user_id,
					const long long *ids, size_t n);
/* The reads ahead let go (db_ahead_forget), or those that no longer
 * stand at the data version other / own (db_ahead_stands). */
void db_ahead_forget(struct db *db);
void db_ahead_forget_moved(struct db *db, unsigned long long other,
			   unsigned long long own);
/* Whether what a read ahead read stands at the data version other / own
 * (own less this connection's access-log entries, as db_ready_version
 * gives it): nothing but the access log has moved since the read. */
bool db_ahead_stands(const struct db_list_ahead *a, unsigned long long other,
		     unsigned long long own);

/* The readiness facts of a row whose DB_READY_COLS begin at column col
 * into f (readiness_facts_done frees them; db_case_ready.c). */
void db_case_ready_row(struct store_stmt *st, int col,
		       struct readiness_facts *f);
/* A row of DB_STMT_CASE_ROWS_MANY (db_case_set_load_rows, db_case.c): the
 * case with what an agenda's row shows of it and what its readiness is
 * checked by, nothing else (the rest NULL), and into f the count of its
 * pathology reports and its newest imaging's date (f->text), kept there
 * until its findings are read (db_case_ready.c). Caller frees. */
struct tb_case *db_case_row_read(struct store_stmt *st,
				 struct readiness_facts *f);
/* The data version the readiness facts read ahead are checked against
 * (db->ready_ahead): false when it cannot be read. */
bool db_ready_version(struct db *db, unsigned long long *other,
		      unsigned long long *own);
/* Forgets the readiness facts read ahead. */
void db_ready_ahead_forget(struct db *db);

#endif
