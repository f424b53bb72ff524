#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "db.h"
#include "db_access.h"
#include "diag.h"
#include "import_boards.h"
#include "perm.h"
#include "user.h"
#include "util.h"

static const struct {
	const char *code, *words;
} whats[] = {
#define ACCESS_WHAT_ROW(e, code, words) {code, words},
    ACCESS_WHAT_TABLE(ACCESS_WHAT_ROW)
#undef ACCESS_WHAT_ROW
};

static const struct {
	const char *code, *words;
} rels[] = {
#define ACCESS_REL_ROW(e, code, words) {code, words},
    ACCESS_REL_TABLE(ACCESS_REL_ROW)
#undef ACCESS_REL_ROW
};

const char *access_what_code(enum access_what w)
{
	return (unsigned)w < ACCESS_WHAT__COUNT ? whats[w].code : NULL;
}

const char *access_what_words(const char *code)
{
	for (size_t i = 0; code && i < ACCESS_WHAT__COUNT; i++)
		if (strcmp(whats[i].code, code) == 0)
			return whats[i].words;
	return NULL;
}

const char *access_rel_code(enum access_rel r)
{
	return (unsigned)r < ACCESS_REL__COUNT ? rels[r].code : NULL;
}

const char *access_rel_words(const char *code)
{
	enum access_rel r = access_rel_by_code(code);
	return r < ACCESS_REL__COUNT ? rels[r].words : NULL;
}

enum access_rel access_rel_by_code(const char *code)
{
	for (size_t i = 0; code && i < ACCESS_REL__COUNT; i++)
		if (strcmp(rels[i].code, code) == 0)
			return (enum access_rel)i;
	return ACCESS_REL__COUNT;
}

/* ------------------------------------------------------------------------
 * The reader and the relationship
 * ---------------------------------------------------------------------- */

void access_who_current(struct access_who *w)
{
	const struct user *u = user_current();
	w->who = user_actor();
	w->unit = u && u->n_units ? u->units[0] : NULL;
}

static enum access_rel from_perm(enum perm_rel r)
{
	switch (r) {
	case PERM_REL_AGENDA:
		return ACCESS_REL_AGENDA;
	case PERM_REL_BOARD:
		return ACCESS_REL_BOARD;
	case PERM_REL_UNIT:
		return ACCESS_REL_REFERRAL;
	case PERM_REL_EMERGENCY:
		return ACCESS_REL_EMERGENCY;
	case PERM_REL_NONE:
		break;
	}
	return ACCESS_REL_NONE;
}

static long long logged;

long long access_logged_count(void)
{
	return logged;
}

/* ------------------------------------------------------------------------
 * Logging
 * ---------------------------------------------------------------------- */

enum tb_status access_log_case_as(struct db *db, const struct access_who *w,
				  const struct access_grant *g,
				  enum access_what what, long long case_id)
{
	const char *code = access_what_code(what);
	const char *rel = access_rel_code(g->rel);
	long long patient_id = 0;
	if (!code || !rel || !w->who || !*w->who ||
	    (g->rel == ACCESS_REL_EMERGENCY) != (g->emergency_id > 0))
		return TB_INVALID;
	enum tb_status st = db_access_patient_of(db, case_id, &patient_id);
	if (st != TB_OK)
		return st;
	st = db_access_append(db, w->who, w->unit, code, patient_id, case_id,
			      rel, g->emergency_id);
	if (st == TB_OK)
		logged++;
	return st;
}

enum tb_status access_open_case(struct db *db, enum access_what what,
				long long case_id, char **err)
{
	struct access_who w;
	struct access_grant g = {ACCESS_REL_UNCHECKED, 0};
	char *why = NULL;
	enum tb_status st = TB_OK;
	access_who_current(&w);
	if (user_current()) {
		struct perm_relation r;
		st = perm_open(db, case_id, NULL, access_what_code(what), &r,
			       &why);
		g.rel = from_perm(r.kind);
		g.emergency_id =
		    r.kind == PERM_REL_EMERGENCY ? r.emergency_id : 0;
	}
	if (st == TB_OK)
		st = access_log_case_as(db, &w, &g, what, case_id);
	if (err)
		*err = st == TB_OK ? NULL
		       : why	   ? xstrdup(why)
				   : xstrdup(status_message(st));
	free(why);
	return st;
}

struct many {
	enum access_what what;
	const long long *ids;
	size_t n;
	struct boards *bs;
};

static enum tb_status log_many(struct db *db, void *arg)
{
	struct many *m = arg;
	struct access_who w;
	enum tb_status st = TB_OK;
	const struct user *u = user_current();
	access_who_current(&w);
	for (size_t i = 0; i < m->n && st == TB_OK; i++) {
		struct access_grant g = {ACCESS_REL_UNCHECKED, 0};
		if (u) {
			struct perm_relation r;
			st = perm_relation(db, u, m->ids[i], m->bs, &r);
			g.rel = from_perm(r.kind);
			g.emergency_id =
			    r.kind == PERM_REL_EMERGENCY ? r.emergency_id : 0;
		}
		if (st == TB_OK)
			st = access_log_case_as(db, &w, &g, m->what, m->ids[i]);
	}
	return st;
}

enum tb_status access_log_cases(struct db *db, enum access_what what,
				const long long *case_ids, size_t n)
{
	/* the board types, once: whether the reader's board takes a case */
	static struct boards bs;
	static bool loaded;
	struct many m = {what, case_ids, n, &bs};
	if (!n)
		return TB_OK;
	if (!loaded && user_current()) {
		struct diag d;
		diag_init(&d);
		if (import_boards_load_default(&bs, &d) != TB_OK)
			memset(&bs, 0, sizeof(bs));
		diag_done(&d);
		loaded = true;
	}
	long long before = logged;
	enum tb_status st = db_access_batch(db, log_many, &m);
	if (st != TB_OK)
		logged = before; /* rolled back */
	return st;
}

enum tb_status access_log_patient(struct db *db, enum access_what what,
				  long long patient_id)
{
	struct access_who w;
	const char *code = access_what_code(what);
	access_who_current(&w);
	if (!code || patient_id <= 0)
		return TB_INVALID;
	enum tb_status st =
	    db_access_append(db, w.who, w.unit, code, patient_id, 0,
			     access_rel_code(ACCESS_REL_UNCHECKED), 0);
	if (st == TB_OK)
		logged++;
	return st;
}
