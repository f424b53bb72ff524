/*
 * The case list: the paged list, the referral queue, full-text search and
 * the exact and capped counts, from statements cached per filter shape.
 * Storing and loading one case is in db_case.c.
 */
#include "db_case.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "db_user.h"
#include "util.h"
#include "validate.h"

/*
 * The list query is assembled from fixed fragments chosen by which filters
 * are set; values are always bound, never spliced into the SQL. Counts join
 * the patient only for a filter on the patient (region); a capped count
 * stops at :cap rows, so it costs the same in any archive.
 */
enum list_kind {
	LIST_ROWS,
	LIST_COUNT,
	LIST_COUNT_CAPPED,
	LIST_SEARCH_IDS, /* a search alone: matching ids, newest first */
	LIST_BY_IDS, /* up to LIST_IDS rows by case id (?1..), newest first */
	/* on a server, LIST_SEARCH_IDS with the rows of the first :limit */
	LIST_SEARCH_ROWS
};

/* The rows of a search's screen read by id in one statement each this
 * many (one shape: the list filled up with its first id). */
#define LIST_IDS 64

#define LIST_COLUMNS                                                           \
	"SELECT c.id, c.external_id, p.pnr, p.family_name,"                    \
	" p.given_name, p.birth_date, p.sex, c.icd10,"                         \
	" c.diagnosis_text, c.level, c.priority, c.status,"                    \
	" c.referral_date, p.region"
/* The same of case_row (db_case_row.c), where the patient's columns are
 * the row's own. */
#define LIST_ROW_COLUMNS                                                       \
	"SELECT c.id, c.external_id, c.pnr, c.family_name,"                    \
	" c.given_name, c.birth_date, c.sex, c.icd10,"                         \
	" c.diagnosis_text, c.level, c.priority, c.status,"                    \
	" c.referral_date, c.region"

/* The window's size written into a server's statement (list_sql): a
 * number the program chooses, not a value of the data; 0 when it is
 * bound instead (no limit, or one over 1,023: `cases --limit`). */
#define LIST_LIMIT_MAX 1023

static int list_limit(const struct db_case_filter *f)
{
	return f->limit > 0 && f->limit <= LIST_LIMIT_MAX ? f->limit : 0;
}

/* A window's direction: DB_KEY_BEFORE and DB_KEY_LAST read backwards. */
static const char *list_dir(const struct db_case_filter *f)
{
	return f->key_mode == DB_KEY_BEFORE || f->key_mode == DB_KEY_LAST
		   ? "ASC"
		   : "DESC";
}

/* The window's key, order and size after a list's WHERE (list_sql). */
static void list_window(struct strbuf *sb, const struct db_case_filter *f,
			bool remote, int arm)
{
	const char *key =
	    f->text ? "case_fts.rowid"
		    : /* untranslated: SQL */ "(c.referral_date, c.id)";
	const char *val =
	    f->text ? ":ki" : /* untranslated: SQL */ "(:kd, :ki)";
	switch (f->key_mode) {
	case DB_KEY_FROM:
		strbuf_printf(sb, " AND %s <= %s", key, val);
		break;
	case DB_KEY_AFTER:
		strbuf_printf(sb, " AND %s < %s", key, val);
		break;
	case DB_KEY_BEFORE:
		strbuf_printf(sb, " AND %s > %s", key, val);
		break;
	default:
		break;
	}
	/* one of case_row's two ranges (list_sql): the merge orders */
	if (arm >= 0)
		return;
	const char *dir = list_dir(f);
	if (f->text)
		strbuf_printf(sb, " ORDER BY case_fts.rowid %s", dir);
	else
		strbuf_printf(sb, " ORDER BY c.referral_date %s, c.id %s", dir,
			      dir);
	if (remote && list_limit(f))
		/* the plan the server keeps for the statement (its generic
		 * plan) knows how few rows it reads: with the limit a
		 * parameter it sorted every match, and the server planned the
		 * statement afresh at each key (0.8 ms of a row scrolled into
		 * view's 0.9) */
		strbuf_printf(sb, " LIMIT %d%s", list_limit(f),
			      f->offset > 0 ? /* untranslated: SQL */
				  " OFFSET :offset"
					    : "");
	else if (f->limit > 0)
		strbuf_puts(sb, " LIMIT :limit OFFSET :offset");
}

/*
 * A search text that is an identity number in any of the forms people
 * type (validate_pnr: YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC and
 * YYMMDD+NNNC, with a valid check digit; here also YYMMDDNNNC, read as
 * YYMMDD-NNNC, the century from the date, and a space for the hyphen),
 * as it is stored (patient.pnr: YYYYMMDD-NNNC) in norm; false for any
 * other text. Such a search is no full-text search (the number is not
 * among the index's words) but the one patient's cases, found by the
 * unique index on patient.pnr and then cases_patient: two index lookups
 * in any archive.
 */
static bool search_pnr(const char *text, char norm[14])
{
	char buf[14];
	if (!text)
		return false;
	text += strspn(text, " \t");
	size_t n = strcspn(text, " \t");
	const char *rest = text + n + strspn(text + n, " \t");
	size_t m = strcspn(rest, " \t");
	if (n < 6 || n >= sizeof(buf))
		return false;
	memcpy(buf, text, n);
	buf[n] = '\0';
	if (*rest) {
		/* "YYYYMMDD NNNC", "YYMMDD NNNC": the space as the hyphen */
		if ((n != 8 && n != 6) || m != 4 ||
		    rest[m + strspn(rest + m, " \t")])
			return false;
		buf[n] = '-';
		memcpy(buf + n + 1, rest, 4);
		buf[n + 5] = '\0';
	} else if (n == 10) {
		/* YYMMDDNNNC as YYMMDD-NNNC: the person is under a hundred */
		memmove(buf + 7, buf + 6, 4);
		buf[6] = '-';
		buf[11] = '\0';
	} else if (n < 11)
		return false;
	return validate_pnr(buf, clock_year(), norm, NULL, NULL, NULL);
}

/* A list's WHERE: the search, then each filter that is set. */
static void list_where(struct strbuf *sb, const struct db_case_filter *f,
		       bool pnr, bool rows, int arm)
{
	strbuf_puts(sb,
		    f->text ? " WHERE case_fts MATCH :text" : " WHERE TRUE");
	/* one patient's few cases, sorted after the lookup */
	if (pnr)
		strbuf_puts(sb, " AND c.patient_id = (SELECT id FROM patient"
				" WHERE pnr = :pnr)");
	if (f->status)
		strbuf_puts(sb, " AND c.status = :status");
	if (f->level)
		strbuf_puts(sb, " AND c.level = :level");
	if (f->icd10_prefix)
		strbuf_puts(sb, " AND substr(c.icd10, 1, length(:icd))"
				" = :icd");
	if (f->region)
		strbuf_puts(sb, rows ? " AND c.region = :region"
				     : " AND p.region = :region");
	/* every open case that no meeting still to come lists: also those
	 * listed but not discussed, imported as listed, or left listed on a
	 * finished or cancelled meeting. The status term is the cases_queue
	 * index's own (DB_QUEUE_STATUSES), so the planner may use it.
	 * case_row has it worked out: waiting, its key's first column. */
	if (f->queue && rows)
		strbuf_puts(sb, " AND c.waiting = 1");
	else if (arm >= 0)
		strbuf_printf(sb, " AND c.waiting = %d", arm);
	else if (f->queue)
		strbuf_puts(sb, " AND c.status IN " DB_QUEUE_STATUSES
				" AND NOT EXISTS (SELECT 1 FROM agenda_item a"
				" JOIN meeting m ON m.id = a.meeting_id"
				" WHERE a.case_id = c.id AND a.status ="
				" 'listed' AND m.status IN ('planned',"
				"'running'))");
	if (f->care)
		strbuf_puts(sb, db_user_care_sql);
}

/* LIST_SEARCH_ROWS: the search's rows joined to the first of its ids, one
 * by one (the lateral join gated by the id's place; OFFSET 0 keeps the
 * planner from pulling it up, which read every match's case and
 * patient: a keystroke 1.2 ms of the server at 1,000 cases): on a
 * server the count and the first screen in one round trip, not two */
static const char search_rows_sql[] =
    "SELECT s.rowid, x.external_id, x.pnr, x.family_name,"
    " x.given_name, x.birth_date, x.sex, x.icd10,"
    " x.diagnosis_text, x.level, x.priority, x.status,"
    " x.referral_date, x.region FROM (SELECT rowid,"
    " row_number() OVER (ORDER BY rowid DESC) AS rn"
    " FROM case_fts WHERE case_fts MATCH :text"
    " ORDER BY rowid DESC LIMIT :cap) s"
    " LEFT JOIN LATERAL (" LIST_COLUMNS " FROM cases c"
    " JOIN patient p ON p.id = c.patient_id"
    " WHERE c.id = s.rowid AND s.rn <= :limit OFFSET 0) x"
    " ON TRUE"
    " ORDER BY s.rowid DESC";

/* On SQLite a list without a search reads case_row (db_case_row.c); a
 * status asked for (`cases --status`) is found and counted in its own
 * index (cases_status), case_row would be read through. */
static bool list_rows(const struct db_case_filter *f, bool remote, bool pnr)
{
	return !remote && !f->text && !pnr && !f->status;
}

/* pnr: the search is by identity number (search_pnr), f->text NULL. arm:
 * case_row's range of waiting cases (1) or of the others (0), -1 for
 * the whole list. */
static char *list_sql_arm(const struct db_case_filter *f, enum list_kind kind,
			  bool remote, bool pnr, int arm)
{
	struct strbuf sb = {0};
	bool other = f->status || f->level || f->icd10_prefix || f->region ||
		     f->queue || f->care || pnr;
	bool count = kind != LIST_ROWS;

	if (kind == LIST_SEARCH_IDS)
		return xstrdup("SELECT rowid FROM case_fts WHERE case_fts"
			       " MATCH :text ORDER BY rowid DESC LIMIT :cap");
	if (kind == LIST_SEARCH_ROWS)
		return xstrdup(search_rows_sql);
	if (kind == LIST_BY_IDS) {
		strbuf_puts(&sb, LIST_COLUMNS " FROM cases c JOIN patient p"
					      " ON p.id = c.patient_id"
					      " WHERE c.id IN (?1");
		for (int i = 2; i <= LIST_IDS; i++)
			strbuf_printf(&sb, ", ?%d", i);
		strbuf_puts(&sb, ") ORDER BY c.id DESC");
		return strbuf_detach(&sb);
	}

	bool rows = list_rows(f, remote, pnr);
	/* Every case: the count kept by triggers (schema 6). */
	if (count && !f->text && !other)
		return xstrdup("SELECT n FROM case_count");
	/* The queue: its count kept by triggers (schema 31) */
	if (count && rows && f->queue && !f->level && !f->icd10_prefix &&
	    !f->region && !f->care)
		return xstrdup("SELECT n FROM queue_count");
	/* A search alone is counted in the full-text index itself. */
	if (kind == LIST_COUNT && f->text && !other)
		return xstrdup("SELECT count(*) FROM case_fts"
			       " WHERE case_fts MATCH :text");
	if (kind == LIST_COUNT_CAPPED && f->text && !other)
		return xstrdup("SELECT count(*) FROM (SELECT 1 FROM case_fts"
			       " WHERE case_fts MATCH :text LIMIT :cap) c");
	if (kind == LIST_COUNT)
		strbuf_puts(&sb, "SELECT count(*)");
	else if (kind == LIST_COUNT_CAPPED)
		strbuf_puts(&sb, "SELECT count(*) FROM (SELECT 1");
	else
		strbuf_puts(&sb, rows ? LIST_ROW_COLUMNS : LIST_COLUMNS);
	/* the rows' patients and care facts, for their access log: on a
	 * server the facts are joined to the window's rows outside (below),
	 * on SQLite (a single row: db_case_list) in this query, walked in
	 * the index's order and worked out for the rows read alone */
	bool facts = !count && f->access_user > 0;
	if (facts)
		strbuf_puts(&sb, /* untranslated: SQL */ ", c.patient_id");
	if (facts && remote)
		strbuf_puts(&sb, /* untranslated: SQL */ ", c.referrer_unit");
	if (facts && !remote)
		strbuf_puts(&sb, db_user_care_cols_sql);
	bool patient = !rows && (!count || f->region);
	/* A search is driven by the full-text index, in its own (rowid)
	 * order, so that the first screen of matches costs no sort. */
	if (rows)
		strbuf_puts(&sb, " FROM case_row c");
	else if (f->text)
		strbuf_puts(&sb, " FROM case_fts JOIN cases c"
				 " ON c.id = case_fts.rowid");
	else if (f->queue && !pnr && remote)
		/* in list order from the queue's own index, however few
		 * cases wait; the planner would sort every waiting case
		 * (SQLite has case_row's instead: schema 31) */
		strbuf_puts(&sb, " FROM cases c INDEXED BY cases_queue");
	else
		strbuf_puts(&sb, " FROM cases c");
	if (patient)
		strbuf_puts(&sb, " JOIN patient p ON p.id = c.patient_id");
	if (facts && !remote)
		strbuf_puts(&sb, db_user_care_joins_sql);
	list_where(&sb, f, pnr, rows, arm);
	if (kind == LIST_COUNT_CAPPED)
		strbuf_puts(&sb, " LIMIT :cap) c");
	if (count)
		return strbuf_detach(&sb);

	list_window(&sb, f, remote, arm);
	if (!facts || !remote)
		return strbuf_detach(&sb);
	/* On a server, the window's rows (above, as c) with their care
	 * facts: the facts' subqueries run for the rows read only. Joined
	 * in the one query, a plan that sorts the matches (PostgreSQL's
	 * generic plan: the limit a parameter) worked them out for every
	 * match first: a page of 1,000 cases 26 ms of the server against
	 * 0.9 ms. The rowid of a search is the case's id. */
	char *window = strbuf_detach(&sb);
	strbuf_puts(&sb, "SELECT c.id, c.external_id, c.pnr, c.family_name,"
			 " c.given_name, c.birth_date, c.sex, c.icd10,"
			 " c.diagnosis_text, c.level, c.priority, c.status,"
			 " c.referral_date, c.region, c.patient_id");
	strbuf_puts(&sb, db_user_care_cols_sql);
	/* a row scrolled into view: its readiness line's facts too, from
	 * the case again (the window has the patient's birth date) */
	if (f->ready)
		strbuf_puts(&sb, ", " DB_READY_COLS("r", "c"));
	strbuf_printf(&sb, " FROM (%s) c", window);
	free(window);
	strbuf_puts(&sb, db_user_care_joins_sql);
	if (f->ready)
		strbuf_puts(&sb, " JOIN cases r ON r.id = c.id");
	const char *dir = list_dir(f);
	if (f->text)
		strbuf_printf(&sb, " ORDER BY c.id %s", dir);
	else
		strbuf_printf(&sb, " ORDER BY c.referral_date %s, c.id %s", dir,
			      dir);
	return strbuf_detach(&sb);
}

/* A list's statement. case_row is keyed by waiting first (the queue is
 * one range of it): the whole list merges its two ranges, each read in
 * the key's order as far as the window reaches into it (SQLite's merge
 * of a compound SELECT: no sort). */
static char *list_sql(const struct db_case_filter *f, enum list_kind kind,
		      bool remote, bool pnr)
{
	if (kind != LIST_ROWS || f->queue || !list_rows(f, remote, pnr))
		return list_sql_arm(f, kind, remote, pnr, -1);
	char *waiting = list_sql_arm(f, kind, remote, pnr, 1);
	char *others = list_sql_arm(f, kind, remote, pnr, 0);
	const char *dir = list_dir(f);
	/* 13: the referral date (LIST_ROW_COLUMNS), 1: the id */
	char *sql = xasprintf(
	    "%s UNION ALL %s ORDER BY 13 %s, 1 %s%s", waiting, others, dir, dir,
	    f->limit > 0 ? /* untranslated: SQL */ " LIMIT :limit OFFSET"
						   " :offset"
			 : "");
	free(waiting);
	free(others);
	return sql;
}

/* Which fragments list_sql chooses: the key of the statement cache. */
static unsigned list_shape(const struct db_case_filter *f, enum list_kind kind,
			   bool remote, bool pnr)
{
	return 1u | (unsigned)kind << 1 | (f->text ? 1u : 0) << 4 |
	       (f->status ? 1u : 0) << 5 | (f->level ? 1u : 0) << 6 |
	       (f->icd10_prefix ? 1u : 0) << 7 | (f->region ? 1u : 0) << 8 |
	       (f->queue ? 1u : 0) << 9 | (f->limit > 0 ? 1u : 0) << 10 |
	       (kind == LIST_ROWS ? (unsigned)f->key_mode : 0u) << 11 |
	       (f->care ? 1u : 0) << 14 |
	       (kind == LIST_ROWS && f->access_user > 0 ? 1u : 0) << 15 |
	       (remote ? 1u : 0) << 16 |
	       (remote && kind == LIST_ROWS ? (unsigned)list_limit(f) << 17 |
						  (f->offset > 0 ? 1u : 0) << 27
					    : 0u) |
	       (pnr ? 1u : 0) << 28 |
	       (remote && kind == LIST_ROWS && f->access_user > 0 && f->ready
		    ? 1u
		    : 0u)
		   << 29;
}

static void bind_named(struct store_stmt *st, const char *name, const char *v)
{
	int idx = store_param_index(st, name);
	if (idx > 0)
		store_bind_text(st, idx, v);
}

/*
 * A list or count statement with f's values bound: from the connection's
 * cache of list statements (prepared once per shape), or prepared afresh
 * when the cached one is in use (a list read inside another's callback).
 * Give it back with release_list. *fts is the bound search text (freed by
 * release_list).
 */
struct list_stmt {
	struct store_stmt *st;
	char *fts;
	char pnr[14]; /* :pnr, bound (search_pnr); "" when none */
	bool owned;
	char now[21]; /* :anow, bound (access_user) */
};

static enum tb_status prepare_list(struct db *db,
				   const struct db_case_filter *f,
				   enum list_kind kind, long long cap,
				   struct list_stmt *ls)
{
	/* search text without a word (blank) is no search at all */
	struct db_case_filter nf = *f;
	bool pnr = kind != LIST_SEARCH_IDS && kind != LIST_SEARCH_ROWS &&
		   search_pnr(f->text, ls->pnr);
	if (!pnr)
		ls->pnr[0] = '\0';
	ls->fts = f->text && !pnr ? db_case_word_query(db, f->text) : NULL;
	ls->owned = false;
	ls->st = NULL;
	clock_timestamp(ls->now);
	if (!ls->fts)
		nf.text = NULL;
	unsigned shape = list_shape(&nf, kind, db->read_ahead, pnr);
	struct db_list_cache *slot = NULL;
	for (int i = 0; i < DB_LIST_CACHE; i++)
		if (db->list_cache[i].shape == shape) {
			slot = &db->list_cache[i];
			break;
		}
	if (slot && !store_stmt_busy(slot->st)) {
		ls->st = slot->st;
	} else {
		char *sql = list_sql(&nf, kind, db->read_ahead, pnr);
		int rc;
		if (!slot) {
			/* take the next slot in turn */
			slot = &db->list_cache[db->list_next++ % DB_LIST_CACHE];
			store_finalize(slot->st);
			slot->st = NULL;
			slot->shape = 0;
			rc = store_prepare(db->conn, sql, STORE_PERSISTENT,
					   &ls->st);
			if (rc == STORE_OK) {
				slot->st = ls->st;
				slot->shape = shape;
			}
		} else {
			rc = store_prepare(db->conn, sql, 0, &ls->st);
			ls->owned = true;
		}
		free(sql);
		if (rc != STORE_OK) {
			store_finalize(ls->st);
			ls->st = NULL;
			free(ls->fts);
			ls->fts = NULL;
			return TB_DB;
		}
	}
	struct store_stmt *st = ls->st;
	bind_named(st, ":status", f->status);
	bind_named(st, ":level", f->level);
	bind_named(st, ":icd", f->icd10_prefix);
	bind_named(st, ":region", f->region);
	bind_named(st, ":text", ls->fts);
	if (pnr)
		bind_named(st, ":pnr", ls->pnr);
	bind_named(st, ":kd", f->key_date);
	db_user_care_bind(st, f->care);
	int au = store_param_index(st, ":au");
	if (au > 0) {
		store_bind_int64(st, au, f->access_user);
		bind_named(st, ":anow", ls->now);
	}
	int ki = store_param_index(st, ":ki");
	if (ki > 0)
		store_bind_int64(st, ki, f->key_id);
	int ci = store_param_index(st, ":cap");
	if (ci > 0)
		store_bind_int64(st, ci, cap);
	int idx = store_param_index(st, ":limit");
	if (idx > 0)
		store_bind_int64(st, idx, f->limit);
	idx = store_param_index(st, ":offset");
	if (idx > 0)
		store_bind_int64(st, idx, f->offset);
	return TB_OK;
}

static void release_list(struct list_stmt *ls)
{
	if (ls->owned) {
		store_finalize(ls->st);
	} else if (ls->st) {
		store_reset(ls->st);
		store_clear_bindings(ls->st);
	}
	ls->st = NULL;
	free(ls->fts);
	ls->fts = NULL;
}

/* A row as read. In the referral queue a case stored as "listed" is on
 * no meeting still to come (the queue's own condition, list_where): it
 * reads as "referred", what taking it off an agenda writes, so that the
 * queue does not say it is listed (an archive that imported it listed,
 * or one written before a case left on a finished meeting went back). */
static struct db_case_row row_of(struct store_stmt *st, bool queue)
{
	const char *status = db_column_text(st, 11);
	if (queue && status && strcmp(status, "listed") == 0)
		status = "referred";
	return (struct db_case_row){
	    .id = store_column_int64(st, 0),
	    .external_id = db_column_text(st, 1),
	    .pnr = db_column_text(st, 2),
	    .family_name = db_column_text(st, 3),
	    .given_name = db_column_text(st, 4),
	    .birth_date = db_column_text(st, 5),
	    .sex = db_column_text(st, 6),
	    .icd10 = db_column_text(st, 7),
	    .diagnosis_text = db_column_text(st, 8),
	    .level = db_column_text(st, 9),
	    .priority = db_column_text(st, 10),
	    .status = status,
	    .referral_date = db_column_text(st, 12),
	    .region = db_column_text(st, 13),
	};
}

/* The filter db_case_list reads rows by. The access log's facts with the
 * rows where a round trip costs, and with a single row (a row scrolled
 * into view: cheaper than a statement of their own). On SQLite a
 * window's facts are read by the log's batch, for the rows it logs: a
 * page moved back to is not logged again (access_log_shown_recent), and
 * its facts read with it were work for nothing (a page key 4.9 M
 * instructions against 4.4 M at 1,000 cases). The readiness facts with
 * the rows only on a server, where the statement of their own is a
 * round trip (db_case_filter.ready). */
static struct db_case_filter rows_filter(const struct db *db,
					 const struct db_case_filter *f)
{
	struct db_case_filter rf = *f;
	if (!db->read_ahead && f->limit != 1)
		rf.access_user = 0;
	if (!db->read_ahead || rf.access_user <= 0)
		rf.ready = false;
	return rf;
}

void db_case_list_warm(struct db *db, const struct db_case_filter *f)
{
	struct db_case_filter rf = rows_filter(db, f);
	struct list_stmt ls;
	if (prepare_list(db, f, LIST_COUNT_CAPPED, 1, &ls) == TB_OK)
		release_list(&ls);
	if (prepare_list(db, &rf, LIST_ROWS, 0, &ls) == TB_OK)
		release_list(&ls);
}

enum tb_status
db_case_list(struct db *db, const struct db_case_filter *f,
	     bool (*cb)(const struct db_case_row *row, void *arg), void *arg)
{
	struct list_stmt ls;
	struct db_list_ahead *a = &db->list_ahead;
	struct db_case_filter rf = rows_filter(db, f);
	f = &rf;
	a->n = 0;
	a->user_id = f->access_user;
	/* before the read: a change after it moves it (the access log's
	 * own entries do not: the facts serve every row of the read as it
	 * is logged) */
	if (f->access_user > 0 && !db_ready_version(db, &a->other, &a->own))
		a->user_id = 0;
	struct db_ready_ahead *ra = &db->ready_ahead;
	if (f->ready) {
		db_ready_ahead_forget(db);
		if (!db_ready_version(db, &ra->other, &ra->own))
			rf.ready = false;
	}
	enum tb_status status = prepare_list(db, f, LIST_ROWS, 0, &ls);
	int rc = STORE_DONE;

	if (status != TB_OK)
		goto cleanup;
	struct store_stmt *st = ls.st;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct db_case_row row = row_of(st, f->queue);
		if (a->user_id > 0 && a->n < DB_ACCESS_PREFETCH) {
			/* after the list's columns: the patient, the facts */
			a->ids[a->n] = row.id;
			a->patients[a->n] = store_column_int64(st, 14);
			db_user_care_row(st, 15, &a->care[a->n++]);
		}
		/* after the facts (DB_READY_COLS): the first row's readiness */
		if (f->ready && !ra->valid) {
			db_case_ready_row(st, 21, &ra->f);
			ra->valid = true;
		}
		if (!cb(&row, arg)) {
			rc = STORE_DONE;
			break;
		}
	}
	if (rc != STORE_DONE) {
		status = TB_DB;
		a->n = 0;
		db_ready_ahead_forget(db);
	}
cleanup:
	release_list(&ls);
	return status;
}

enum tb_status
db_case_decided(struct db *db, const struct db_case_care *care,
		bool (*cb)(const struct db_case_row *row, void *arg), void *arg)
{
	/* the decisions' distinct cases in order (decision_case's index),
	 * each case and patient found by its key: no case undecided is
	 * read, and no sort */
	struct strbuf sb = {0};
	strbuf_puts(&sb, "SELECT c.id, p.family_name, p.given_name"
			 " FROM (SELECT DISTINCT case_id FROM decision) d"
			 " JOIN cases c ON c.id = d.case_id"
			 " JOIN patient p ON p.id = c.patient_id WHERE TRUE");
	if (care)
		strbuf_puts(&sb, db_user_care_sql);
	strbuf_puts(&sb, " ORDER BY d.case_id");
	struct store_stmt *st = NULL;
	int rc = store_prepare(db->conn, sb.buf, 0, &st);
	strbuf_done(&sb);
	if (rc != STORE_OK) {
		store_finalize(st);
		return TB_DB;
	}
	db_user_care_bind(st, care);
	while ((rc = store_step(st)) == STORE_ROW) {
		struct db_case_row row = {.id = store_column_int64(st, 0),
					  .family_name = db_column_text(st, 1),
					  .given_name = db_column_text(st, 2)};
		if (!cb(&row, arg)) {
			rc = STORE_DONE;
			break;
		}
	}
	store_finalize(st);
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

bool db_ahead_stands(const struct db_list_ahead *a, unsigned long long other,
		     unsigned long long own)
{
	return other == a->other && own == a->own;
}

bool db_ahead_covers(const struct db_list_ahead *a, long long user_id,
		     const long long *ids, size_t n)
{
	char now[21];
	if (user_id <= 0 || a->user_id != user_id || !n || !a->n)
		return false;
	clock_timestamp(now);
	for (size_t i = 0; i < n; i++) {
		size_t k = 0;
		while (k < a->n && a->ids[k] != ids[i])
			k++;
		/* a grant read as running that has ended since */
		if (k == a->n || (a->care[k].emergency_id &&
				  strcmp(a->care[k].emergency_until, now) <= 0))
			return false;
	}
	return true;
}

void db_ahead_forget(struct db *db)
{
	db->list_ahead.n = 0;
	for (size_t i = 0; i < DB_CARE_AHEAD; i++)
		db->care_ahead[i].n = 0;
}

void db_ahead_forget_moved(struct db *db, unsigned long long other,
			   unsigned long long own)
{
	if (!db_ahead_stands(&db->list_ahead, other, own))
		db->list_ahead.n = 0;
	for (size_t i = 0; i < DB_CARE_AHEAD; i++)
		if (!db_ahead_stands(&db->care_ahead[i], other, own))
			db->care_ahead[i].n = 0;
}

const struct db_list_ahead *db_ahead_of(const struct db *db, long long user_id,
					const long long *ids, size_t n)
{
	if (db_ahead_covers(&db->list_ahead, user_id, ids, n))
		return &db->list_ahead;
	for (size_t i = 0; i < DB_CARE_AHEAD; i++)
		if (db_ahead_covers(&db->care_ahead[i], user_id, ids, n))
			return &db->care_ahead[i];
	return NULL;
}

static enum tb_status count_list(struct db *db, const struct db_case_filter *f,
				 enum list_kind kind, long long cap,
				 long long *count)
{
	struct list_stmt ls;
	enum tb_status status = prepare_list(db, f, kind, cap, &ls);

	if (status == TB_OK) {
		if (store_step(ls.st) == STORE_ROW)
			*count = store_column_int64(ls.st, 0);
		else
			status = TB_DB;
	}
	release_list(&ls);
	return status;
}

enum tb_status db_case_count(struct db *db, const struct db_case_filter *f,
			     long long *count)
{
	return count_list(db, f, LIST_COUNT, 0, count);
}

/* What a count depends on besides the data: the filter's conditions and
 * the cap, one string (fields apart by a byte no text holds: text is
 * checked at the door). Caller frees. */
static char *count_key(const struct db_case_filter *f, long long cap)
{
	struct strbuf sb = {0};
	const char *const text[] = {f->status, f->level, f->icd10_prefix,
				    f->region, f->text};
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		strbuf_printf(&sb, "%c%s\x1f", text[i] ? '+' : '-',
			      text[i] ? text[i] : "");
	strbuf_printf(&sb, "%d\x1f%lld", f->queue ? 1 : 0, cap);
	if (f->care)
		strbuf_printf(&sb, "\x1f%lld\x1f%s\x1f%s\x1f%s\x1f%d",
			      f->care->user_id,
			      f->care->now ? f->care->now : "",
			      f->care->all ? f->care->all : "",
			      f->care->mine ? f->care->mine : "",
			      f->care->fallback ? 1 : 0);
	return strbuf_detach(&sb);
}

enum tb_status db_case_count_capped(struct db *db,
				    const struct db_case_filter *f,
				    long long cap, long long *count, bool *more)
{
	long long n = 0;
	bool other = f->status || f->level || f->icd10_prefix || f->region ||
		     f->queue || f->care;
	bool words = f->text && f->text[strspn(f->text, " \t\n\r\f\v")];
	/* every case: counted exactly, and at once */
	enum list_kind kind = other || words ? LIST_COUNT_CAPPED : LIST_COUNT;
	/* the same count on the same data (the data version has not
	 * moved: a list shown again, the queue toggled) is not read again */
	unsigned long long dv_other, dv_own;
	bool versioned = db_data_version(db, &dv_other, &dv_own) == TB_OK;
	char *key = count_key(f, cap);
	if (versioned && db->count_key && strcmp(db->count_key, key) == 0 &&
	    db->count_other == dv_other && db->count_own == dv_own) {
		free(key);
		n = db->count_n;
	} else {
		enum tb_status status = count_list(db, f, kind, cap + 1, &n);
		free(db->count_key);
		db->count_key = NULL;
		if (status != TB_OK) {
			free(key);
			return status;
		}
		if (versioned) {
			db->count_key = key;
			db->count_other = dv_other;
			db->count_own = dv_own;
			db->count_n = n;
		} else
			free(key);
	}
	*more = kind == LIST_COUNT_CAPPED && n > cap;
	*count = *more ? cap : n;
	return TB_OK;
}

/* search_counted on a server: the ids and the first screen's rows in one
 * statement (LIST_SEARCH_ROWS); a first id without a row (a case gone
 * since the index said it) is left out, as a read by id leaves it. */
static enum tb_status
search_rows(struct db *db, const struct db_case_filter *f, long long cap,
	    bool (*cb)(const struct db_case_row *row, void *arg), void *arg,
	    long long *count, bool *more)
{
	struct list_stmt ls;
	long long n = 0;
	bool go = true;
	int rc = STORE_DONE;
	enum tb_status status =
	    prepare_list(db, f, LIST_SEARCH_ROWS, cap + 1, &ls);
	if (status == TB_OK) {
		while ((rc = store_step(ls.st)) == STORE_ROW) {
			if (go && n < f->limit &&
			    !store_column_is_null(ls.st, 1)) {
				struct db_case_row row =
				    row_of(ls.st, f->queue);
				go = cb(&row, arg);
			}
			n++;
		}
		if (rc != STORE_DONE)
			status = TB_DB;
	}
	release_list(&ls);
	*more = n > cap;
	*count = *more ? cap : n;
	return status;
}

/*
 * A search alone: the full-text index is read once, for the count (up to
 * cap + 1 ids, newest first) and the first screen (the first f->limit of
 * those ids, their rows then read by id, LIST_IDS to a statement: on a
 * server each statement is a round trip). FTS5 builds the whole list of
 * matches for a word longer than its prefix indexes before the first row,
 * so reading it twice (count, then rows) would cost that twice.
 */
static enum tb_status
search_counted(struct db *db, const struct db_case_filter *f, long long cap,
	       bool (*cb)(const struct db_case_row *row, void *arg), void *arg,
	       long long *count, bool *more)
{
	struct list_stmt ls;
	if (db->read_ahead)
		return search_rows(db, f, cap, cb, arg, count, more);
	long long *ids = xcalloc((size_t)f->limit, sizeof(*ids));
	long long n = 0;
	int n_ids = 0, rc;
	enum tb_status status =
	    prepare_list(db, f, LIST_SEARCH_IDS, cap + 1, &ls);

	if (status != TB_OK)
		goto cleanup;
	while ((rc = store_step(ls.st)) == STORE_ROW) {
		if (n_ids < f->limit)
			ids[n_ids++] = store_column_int64(ls.st, 0);
		n++;
	}
	release_list(&ls);
	if (rc != STORE_DONE) {
		status = TB_DB;
		goto cleanup;
	}
	*more = n > cap;
	*count = *more ? cap : n;
	/* the ids are newest first (rowid, which is the case's id): so are
	 * the rows of each statement */
	bool go = true;
	for (int i = 0; i < n_ids && go && status == TB_OK; i += LIST_IDS) {
		struct db_case_filter byids = {0};
		status = prepare_list(db, &byids, LIST_BY_IDS, 0, &ls);
		if (status != TB_OK)
			break;
		for (int k = 0; k < LIST_IDS; k++)
			store_bind_int64(ls.st, k + 1,
					 ids[i + k < n_ids ? i + k : i]);
		while (go && (rc = store_step(ls.st)) == STORE_ROW) {
			struct db_case_row row = row_of(ls.st, f->queue);
			go = cb(&row, arg);
		}
		if (go && rc != STORE_DONE)
			status = TB_DB;
		release_list(&ls);
	}
cleanup:
	free(ids);
	return status;
}

enum tb_status
db_case_list_counted(struct db *db, const struct db_case_filter *f,
		     long long cap,
		     bool (*cb)(const struct db_case_row *row, void *arg),
		     void *arg, long long *count, bool *more)
{
	bool other = f->status || f->level || f->icd10_prefix || f->region ||
		     f->queue || f->care;
	bool words = f->text && f->text[strspn(f->text, " \t\n\r\f\v")];
	char pnr[14];
	if (words && !other && !search_pnr(f->text, pnr) &&
	    f->key_mode == DB_KEY_NONE && !f->offset && f->limit > 0 &&
	    f->limit <= cap + 1)
		return search_counted(db, f, cap, cb, arg, count, more);
	enum tb_status status = db_case_count_capped(db, f, cap, count, more);
	if (status == TB_OK)
		status = db_case_list(db, f, cb, arg);
	return status;
}
