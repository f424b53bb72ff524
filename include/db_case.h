/*
 * db_case — storing, loading and listing cases with their patient and
 * results. Lists page through the database: nothing loads the archive.
 */
#ifndef TB_DB_CASE_H
#define TB_DB_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "model.h"
#include "model_list.h"

struct store;

/*
 * Inside a transaction about to store many cases (an import): the case
 * search index takes the cases it adds at its commit, in one statement,
 * instead of one at a time (db_case_fts.c). A no-op on PostgreSQL and
 * when already asked.
 */
enum tb_status db_case_fts_defer(struct db *db);

/*
 * Inserts or updates a case by its external id, its patient by identity
 * number, and replaces its pathology, findings and imaging. Must run inside
 * a transaction. On return *created says whether the case is new and
 * *changes (caller frees, may be NULL when nothing changed for an update)
 * lists the changed field names for the audit log. Writes the audit entry
 * itself. c->id and c->patient.id are set.
 */
enum tb_status db_case_store(struct db *db, struct tb_case *c,
			     const char *received, bool *created,
			     char **changes);

/*
 * Compares p with the patient stored under the same identity number.
 * TB_NOT_FOUND when the number is new. Otherwise *changed (caller frees) is
 * NULL when nothing differs, else the changed column names separated by
 * commas ("family_name,region"), and *identity says whether the name or
 * sex differs. When stored is not NULL it receives the stored details
 * (caller frees with model_patient_done).
 */
enum tb_status db_case_patient_compare(struct db *db,
				       const struct tb_patient *p,
				       struct tb_patient *stored,
				       char **changed, bool *identity);
/* Adds the words of every case of the archive s to its case_fts_word
 * (the case search's words, db_case_word.c), inside the caller's
 * transaction: schema 19, and an archive copied into SQLite. A no-op on
 * another engine. */
enum tb_status db_case_word_fill(struct store *s);

/* After an import that added `added` cases: when they are a tenth of the
 * archive or more, the case search's index (SQLite's FTS5) is merged into
 * one b-tree ("optimize"), in a transaction of its own. Each import
 * transaction leaves a b-tree of its own that FTS5 merges only in part,
 * and a search reads every one of them (at 100,000 cases imported 1,000
 * a file, a search keystroke some 30 % more than at 1,000); merged, it
 * reads one. The whole index is rewritten, so only an import that is a
 * large part of the archive pays for it (at most ten times what it added,
 * counted over every import). Nothing on another engine. */
enum tb_status db_case_search_tidy(struct db *db, long long added);
/* The merge itself, inside the caller's transaction of the archive s (an
 * archive copied into SQLite: migrate). Nothing on another engine. */
enum tb_status db_case_search_merge(struct store *s);

/* TB_NOT_FOUND when no case has this external id. */
enum tb_status db_case_find(struct db *db, const char *external_id,
			    long long *id);

/* Refers a case to another MDK level with a reason; the move is kept in
 * the case's history (level_changes, under the signed-in account) and
 * the audit log, and the case leaves the planned agendas of other levels
 * (db_agenda_leave_levels). TB_INVALID when the level is unknown, the
 * same, or the reason empty. */
enum tb_status db_case_refer(struct db *db, long long case_id, const char *to,
			     const char *reason);

/* Loads the whole case (caller frees with model_case_free). */
enum tb_status db_case_load(struct db *db, long long id, struct tb_case **out);

/* The birth date of the case's patient (YYYY-MM-DD, or NULL when not
 * known) in *out, caller frees: what a form needs of the case to tell a
 * child from an adult, in one statement. TB_NOT_FOUND when there is no
 * such case. */
enum tb_status db_case_birth_date(struct db *db, long long id, char **out);

/*
 * What readiness_check_facts (readiness.h) checks a case by, read without
 * loading the case (db_case_ready.c): of case id into *f in one
 * statement (readiness_facts_done frees it; TB_NOT_FOUND when there is
 * no such case), or of many cases into a set, one statement for up to
 * DB_CASE_BATCH of them (an id may repeat; one with no case is left
 * out: db_case_ready_find gives NULL; on failure the set is empty).
 */
struct readiness_facts;
enum tb_status db_case_ready(struct db *db, long long id,
			     struct readiness_facts *f);
struct db_case_ready_set {
	size_t n;
	struct readiness_facts *facts; /* by id, ascending */
};
enum tb_status db_case_ready_many(struct db *db, const long long *ids, size_t n,
				  struct db_case_ready_set *set);
/* The set's facts of case id, NULL when it has none; borrowed, valid
 * until db_case_ready_set_done. */
const struct readiness_facts *
db_case_ready_find(const struct db_case_ready_set *set, long long id);
void db_case_ready_set_done(struct db_case_ready_set *set);
/* How many cases a list reads the readiness of in one go, the selected
 * one and those after it: a whole batch (DB_CASE_BATCH) on a server,
 * where each read is a round trip; eight on SQLite, where the key that
 * reads them, often the one that also reads the list's next rows and
 * logs them, then costs a quarter of their readiness (the list scroll's
 * p99 at 100,000 cases halved; BENCHMARKS.md, thirty-sixth round). */
#define DB_CASE_READY_AHEAD_LOCAL 8
size_t db_case_ready_ahead(const struct db *db);

/*
 * Many whole cases at once (an agenda's): each as db_case_load loads it,
 * with one statement per part (the case, its pathology, markers,
 * findings, imaging and level changes) for up to DB_CASE_BATCH cases,
 * not one per part and case. An id may repeat; one with no case is left
 * out (db_case_set_find gives NULL). On failure the set is empty.
 */
#define DB_CASE_BATCH 32
struct db_case_set {
	size_t n;
	long long *ids;		/* sorted */
	struct tb_case **cases; /* cases[i] is the case of ids[i] */
	/* db_case_set_load_rows: what the readiness of cases[i] is checked
	 * by; NULL for whole cases */
	struct readiness_facts *facts;
};
enum tb_status db_case_set_load(struct db *db, const long long *ids, size_t n,
				struct db_case_set *set);
/* The cases as an agenda's rows show them (render_agenda_row, the trial
 * mark, the question), not whole: of each case and its patient what the
 * row shows and its readiness is checked by, and its findings with what
 * a trial is judged by (support_has_trial), but none of its pathology
 * reports, imaging or level changes; what its readiness is checked by
 * in set->facts instead (the count of its reports and its newest
 * imaging's date read by their indexes). Two statements for up to
 * DB_CASE_BATCH cases, sent together (one round trip on a server).
 * Never check such a case's readiness with readiness_check: take
 * db_case_set_facts. */
enum tb_status db_case_set_load_rows(struct db *db, const long long *ids,
				     size_t n, struct db_case_set *set);
/* The set's case of that id, NULL when it has none; borrowed, valid until
 * db_case_set_done. */
const struct tb_case *db_case_set_find(const struct db_case_set *set,
				       long long id);
/* The readiness facts of the set's case of that id (a set of
 * db_case_set_load_rows), NULL when it has none; borrowed, valid until
 * db_case_set_done. */
const struct readiness_facts *db_case_set_facts(const struct db_case_set *set,
						long long id);
void db_case_set_done(struct db_case_set *set);

/*
 * The care relationship a list is limited to (perm_list_care, perm.h):
 * the cases the user may open without an emergency access — referred by
 * one of their units, on an agenda of one of their boards, under an
 * emergency grant running at now, or taken by one of their boards (the
 * longest of the prefixes in all that the diagnosis starts with is in
 * mine; none: fallback). all and mine are " C33 C34 … " (spaced at both
 * ends). Strings borrowed.
 */
struct db_case_care {
	long long user_id;
	const char *now;
	const char *all, *mine;
	bool fallback;
};

struct db_case_filter {
	const char *status;	  /* exact, NULL = any */
	const char *level;	  /* exact */
	const char *icd10_prefix; /* e.g. "C34" */
	const char *region;	  /* exact */
	const char *text;	  /* full-text query over the case */
	/* The referral queue: every open case (not signed, communicated,
	 * followed up or closed) that no planned or running meeting lists,
	 * so no open case is ever on no list. */
	bool queue;
	/* only the cases in this user's care; NULL: every case */
	const struct db_case_care *care;
	int limit; /* 0 = no limit */
	int offset;
	/*
	 * Keyset paging, so a screenful costs the same at the end of a large
	 * archive as at the start. The key is a row's (referral date, id):
	 *   DB_KEY_FROM    rows from the key on, in list order
	 *   DB_KEY_AFTER   rows after the key, in list order
	 *   DB_KEY_BEFORE  rows before the key, in REVERSE list order
	 *   DB_KEY_LAST    the last rows of the list, in REVERSE list order
	 */
	enum {
		DB_KEY_NONE,
		DB_KEY_FROM,
		DB_KEY_AFTER,
		DB_KEY_BEFORE,
		DB_KEY_LAST
	} key_mode;
	const char *key_date;
	long long key_id;
	/* the rows are shown to this user (a users id; 0: none): their
	 * patients and the user's care facts are read with them, for the
	 * access log of the rows shown (db_case_list only), where the
	 * store answers from a server (store_remote) */
	long long access_user;
	/* with access_user on a server: the first row's readiness facts
	 * read with it (a row scrolled into view, whose readiness line is
	 * drawn next), kept for db_case_ready while nothing changes */
	bool ready;
};

/* Calls cb for each matching case, newest referral first (ties: higher id
 * first); with a text search, most recently registered first (the key is
 * then the id alone). cb returns false to stop early. */
enum tb_status
db_case_list(struct db *db, const struct db_case_filter *f,
	     bool (*cb)(const struct db_case_row *row, void *arg), void *arg);

/*
 * The decided cases (those with a signed decision), by id, limited to care
 * when it is not NULL: cb gets each row's id, family_name and given_name
 * (the other fields NULL). Read from the decisions' index, each case then
 * by its id: the rows read grow with the decided cases, never with those
 * still undecided (the follow-up list's cases, followup_care_load).
 */
enum tb_status db_case_decided(struct db *db, const struct db_case_care *care,
			       bool (*cb)(const struct db_case_row *row,
					  void *arg),
			       void *arg);

/* Number of cases matching f (limit/offset ignored). Every case without
 * a filter is counted at once (a count kept in the database); a filter
 * costs a walk over the matches. */
enum tb_status db_case_count(struct db *db, const struct db_case_filter *f,
			     long long *count);

/* As db_case_count, but a filter walks no further than cap + 1 matches:
 * *count is at most cap, and *more says that there are more than cap. The
 * screen's counts, which must not grow with the archive. */
enum tb_status db_case_count_capped(struct db *db,
				    const struct db_case_filter *f,
				    long long cap, long long *count,
				    bool *more);

/* db_case_count_capped and db_case_list (the first f->limit rows) at once,
 * as the screen needs them when a search or filter changes. A search
 * alone reads the full-text index once for both. */
enum tb_status
db_case_list_counted(struct db *db, const struct db_case_filter *f,
		     long long cap,
		     bool (*cb)(const struct db_case_row *row, void *arg),
		     void *arg, long long *count, bool *more);
/* The statements db_case_list_counted runs for f (a filter without a
 * search) prepared and kept, not run: a screen's first key of a list
 * does not parse them (db_warm's time, after the first screen). */
void db_case_list_warm(struct db *db, const struct db_case_filter *f);

/* A case's identifier (its external id) for a message that names it,
 * "?" when there is no such case. Reads nothing of the patient and is
 * not a logged read. */
#define DB_CASE_NAME_MAX 64
void db_case_name(struct db *db, long long case_id,
		  char name[DB_CASE_NAME_MAX]);

/* verify: the case list's rows (case_row) and the queue's count against
 * the cases, on SQLite; each difference a line of d. TB_DB when it could
 * not look. */
struct diag;
enum tb_status db_case_row_verify(struct db *db, struct diag *d);
/* verify --repair: case_row and the queue's count made again from the
 * cases, in one transaction (what the upgrade to schema 31 fills them
 * with). Nothing to do on a server: TB_OK. */
enum tb_status db_case_row_rebuild(struct db *db);

#endif
