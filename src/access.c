#include "access.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "board.h"
#include "clock.h"
#include "db.h"
#include "db_access.h"
#include "db_user.h"
#include "diag.h"
#include "i18n.h"
#include "import_boards.h"
#include "perm.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"

static const struct {
	const char *code, *en, *sv;
} whats[] = {
#define ACCESS_WHAT_ROW(e, code, en, sv) {code, en, sv},
    ACCESS_WHAT_TABLE(ACCESS_WHAT_ROW)
#undef ACCESS_WHAT_ROW
};

static const struct {
	const char *code, *en, *sv;
} rels[] = {
#define ACCESS_REL_ROW(e, code, en, sv) {code, en, sv},
    ACCESS_REL_TABLE(ACCESS_REL_ROW)
#undef ACCESS_REL_ROW
};

/* What a reader did and under which relationship, as short words for the
 * staff lists of log --user, --case and --review (the interface
 * language; the patient's extract uses the tables' own sentences). */
static const char *const what_labels[ACCESS_WHAT__COUNT] = {
    [ACCESS_SHOW] = NC_("access read", "case printed"),
    [ACCESS_SHOW_ID] =
	NC_("access read", "case printed with the full identity number"),
    [ACCESS_SCREEN_CASE] = NC_("access read", "case opened on the screen"),
    [ACCESS_SCREEN_ID] =
	NC_("access read", "full identity number on the screen"),
    [ACCESS_LIST_ID] = NC_("access read", "list with full identity numbers"),
    [ACCESS_LIST] = NC_("access read", "in a list of cases"),
    [ACCESS_SEARCH] = NC_("access read", "found in a search"),
    [ACCESS_SUMMARY] = NC_("access read", "patient summary read"),
    [ACCESS_NOTE] = NC_("access read", "clinician note read"),
    [ACCESS_BRIEF] = NC_("access read", "pre-meeting brief read"),
    [ACCESS_DECISION] = NC_("access read", "signed decision read"),
    [ACCESS_DRAFT] = NC_("access read", "draft decision read"),
    [ACCESS_EXPORT] = NC_("access read", "exported"),
    [ACCESS_LOG] = NC_("access read", "patient's log extract"),
    [ACCESS_LOG_LIST] = NC_("access read", "access log listed"),
    [ACCESS_FOLLOWUP] = NC_("access read", "follow-up recorded"),
};

static const char *const rel_labels[ACCESS_REL__COUNT] = {
    [ACCESS_REL_UNCHECKED] = NC_("access relationship", "nothing checked"),
    [ACCESS_REL_AGENDA] = NC_("access relationship", "on their board's agenda"),
    [ACCESS_REL_BOARD] = NC_("access relationship", "their board's case"),
    [ACCESS_REL_REFERRAL] =
	NC_("access relationship", "referred by their unit"),
    [ACCESS_REL_EMERGENCY] = NC_("access relationship", "emergency access"),
    [ACCESS_REL_NONE] =
	NC_("access relationship", "outside a care relationship"),
};

const char *access_what_label(const char *code)
{
	for (size_t i = 0; code && i < ACCESS_WHAT__COUNT; i++)
		if (strcmp(whats[i].code, code) == 0)
			return i18n_ctx(what_labels[i]);
	return code;
}

const char *access_rel_label(const char *code)
{
	enum access_rel r = access_rel_by_code(code);
	return r < ACCESS_REL__COUNT ? i18n_ctx(rel_labels[r]) : code;
}

static bool swedish(const char *lang)
{
	return lang && strcmp(lang, "sv") == 0;
}

const char *access_what_code(enum access_what w)
{
	return (unsigned)w < ACCESS_WHAT__COUNT ? whats[w].code : NULL;
}

const char *access_what_words(const char *code, const char *lang)
{
	for (size_t i = 0; code && i < ACCESS_WHAT__COUNT; i++)
		if (strcmp(whats[i].code, code) == 0)
			return swedish(lang) ? whats[i].sv : whats[i].en;
	return NULL;
}

const char *access_rel_code(enum access_rel r)
{
	return (unsigned)r < ACCESS_REL__COUNT ? rels[r].code : NULL;
}

const char *access_rel_words(const char *code, const char *lang)
{
	enum access_rel r = access_rel_by_code(code);
	if (r >= ACCESS_REL__COUNT)
		return NULL;
	return swedish(lang) ? rels[r].sv : rels[r].en;
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
	/* read with the care facts just now (perm_open), or read here */
	enum tb_status st =
	    db_user_care_patient(db, case_id, &patient_id)
		? TB_OK
		: db_access_patient_of(db, case_id, &patient_id);
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
	char until[21];
	return access_open_case_until(db, what, case_id, until, err);
}

enum tb_status access_open_case_until(struct db *db, enum access_what what,
				      long long case_id, char until[21],
				      char **err)
{
	return access_open_case_asking(db, what, case_id, NULL, until, err);
}

enum tb_status access_open_case_asking(struct db *db, enum access_what what,
				       long long case_id,
				       const struct perm_asker *ask,
				       char until[21], char **err)
{
	struct access_who w;
	struct access_grant g = {ACCESS_REL_UNCHECKED, 0};
	char *why = NULL;
	enum tb_status st = TB_OK;
	until[0] = '\0';
	access_who_current(&w);
	if (user_current()) {
		struct perm_relation r;
		st = perm_open_asking(db, case_id, ask, access_what_code(what),
				      &r, &why);
		g.rel = from_perm(r.kind);
		g.emergency_id =
		    r.kind == PERM_REL_EMERGENCY ? r.emergency_id : 0;
		if (r.kind == PERM_REL_EMERGENCY)
			snprintf(until, 21, "%s", r.until);
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
	enum access_rel *rel_of; /* each one's relationship, or NULL */
	char (*until_of)[21];	 /* and its grant's end, or NULL */
	long long before;	 /* logged when the batch began */
};

static enum tb_status log_many(struct db *db, void *arg)
{
	struct many *m = arg;
	struct access_who w;
	enum tb_status st = TB_OK;
	const struct user *u = user_current();
	struct db_user_care_query *q = NULL;
	logged = m->before; /* a batch may be run again (db_access_batch) */
	access_who_current(&w);
	/* each patient's relationship, the lookup prepared once; the
	 * relationships and the patients of the first rows read at once */
	char now[21];
	clock_timestamp(now);
	if (u)
		st = db_user_care_begin(db, &q);
	/* the patients with the relationships (one statement), or alone
	 * when no user is signed in; none for rows the case list read with
	 * theirs (access_user) */
	if (st == TB_OK && u)
		st = db_user_care_prefetch(db, q, u, m->ids, m->n, now);
	else if (st == TB_OK)
		st = db_access_patients_prefetch(db, 0, m->ids, m->n);
	for (size_t i = 0; i < m->n && st == TB_OK; i++) {
		struct access_grant g = {ACCESS_REL_UNCHECKED, 0};
		struct perm_relation r = {.kind = PERM_REL_NONE};
		if (u) {
			st = perm_relation_next(q, u, m->ids[i], m->bs, &r);
			g.rel = from_perm(r.kind);
			g.emergency_id =
			    r.kind == PERM_REL_EMERGENCY ? r.emergency_id : 0;
		}
		if (st == TB_OK)
			st = access_log_case_as(db, &w, &g, m->what, m->ids[i]);
		if (m->rel_of)
			m->rel_of[i] = g.rel;
		if (m->until_of)
			snprintf(m->until_of[i], sizeof(m->until_of[i]), "%s",
				 g.emergency_id ? r.until : "");
	}
	db_access_patients_forget(db);
	db_user_care_end(&q);
	return st;
}

static enum tb_status log_cases(struct db *db, enum access_what what,
				const long long *case_ids, size_t n,
				enum access_rel *rel_of, char (*until_of)[21])
{
	/* the board types, once: whether the reader's board takes a case */
	static struct boards bs;
	static bool loaded;
	struct many m = {.what = what,
			 .ids = case_ids,
			 .n = n,
			 .bs = &bs,
			 .rel_of = rel_of,
			 .until_of = until_of,
			 .before = logged};
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
	enum tb_status st = db_access_batch(db, log_many, &m);
	if (st != TB_OK)
		logged = m.before; /* rolled back */
	return st;
}

enum tb_status access_log_cases(struct db *db, enum access_what what,
				const long long *case_ids, size_t n)
{
	return log_cases(db, what, case_ids, n, NULL, NULL);
}

static size_t shown_slot(const struct access_shown *sh, long long id)
{
	size_t i = (size_t)((unsigned long long)id * 0x9e3779b97f4a7c15ULL) &
		   (sh->cap - 1);
	while (sh->slot[i] && sh->slot[i] != id)
		i = (i + 1) & (sh->cap - 1);
	return i;
}

static bool shown_has(const struct access_shown *sh, long long id)
{
	return sh->cap && sh->slot[shown_slot(sh, id)] == id;
}

static void shown_add(struct access_shown *sh, long long id)
{
	if ((sh->n + 1) * 2 > sh->cap) {
		struct access_shown big = {0};
		big.cap = sh->cap ? sh->cap * 2 : 64;
		big.slot = xcalloc(big.cap, sizeof(long long));
		for (size_t i = 0; i < sh->cap; i++)
			if (sh->slot[i])
				big.slot[shown_slot(&big, sh->slot[i])] =
				    sh->slot[i];
		big.n = sh->n;
		free(sh->slot);
		*sh = big;
	}
	size_t i = shown_slot(sh, id);
	if (!sh->slot[i]) {
		sh->slot[i] = id;
		sh->n++;
	}
}

static void shown_grant_add(struct access_shown *sh, long long id,
			    const char *until)
{
	sh->grants =
	    xrealloc(sh->grants, (sh->n_grants + 1) * sizeof(*sh->grants));
	sh->grants[sh->n_grants].case_id = id;
	snprintf(sh->grants[sh->n_grants].until,
		 sizeof(sh->grants[sh->n_grants].until), "%s", until);
	sh->n_grants++;
}

/* The set of recent patients of a kind of list and what; NULL when none
 * (add: made). */
static struct access_shown *recent_set(struct access_recent *r,
				       const void *kind, enum access_what what,
				       bool add)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->lists[i].kind == kind && r->lists[i].what == what)
			return &r->lists[i].set;
	if (!add)
		return NULL;
	r->lists = xrealloc(r->lists, (r->n + 1) * sizeof(*r->lists));
	r->lists[r->n] = (struct access_recent_list){kind, what, {0}};
	return &r->lists[r->n++].set;
}

static void recent_forget(struct access_recent *r)
{
	for (size_t i = 0; i < r->n; i++)
		access_shown_done(&r->lists[i].set);
	free(r->lists);
	free(r->who);
	memset(r, 0, sizeof(*r));
}

/* recent as it stands for a read now: forgotten when the reader, the
 * archive or the window (ACCESS_RECENT_SECONDS) has moved on */
static void recent_check(struct db *db, struct access_recent *r)
{
	unsigned long long other = 0, own = 0;
	struct access_who w;
	access_who_current(&w);
	time_t now = clock_now();
	if (!r->n)
		return;
	if (db_data_version(db, &other, &own) != TB_OK || other != r->other ||
	    own != r->own || !w.who || !r->who || strcmp(w.who, r->who) != 0 ||
	    now < r->since || now - r->since >= ACCESS_RECENT_SECONDS)
		recent_forget(r);
}

static bool in_care(enum access_rel rel)
{
	return rel == ACCESS_REL_AGENDA || rel == ACCESS_REL_BOARD ||
	       rel == ACCESS_REL_REFERRAL;
}

enum tb_status access_log_shown_recent(struct db *db, struct access_shown *sh,
				       struct access_recent *recent,
				       const void *kind, enum access_what what,
				       const long long *ids, size_t n,
				       size_t *written)
{
	long long *fresh = NULL;
	size_t k = 0;
	if (recent)
		recent_check(db, recent);
	const struct access_shown *seen =
	    recent ? recent_set(recent, kind, what, false) : NULL;
	for (size_t i = 0; i < n; i++) {
		bool dup = !ids[i] || shown_has(sh, ids[i]);
		for (size_t j = 0; j < k && !dup; j++)
			dup = fresh[j] == ids[i];
		if (dup)
			continue;
		if (seen && shown_has(seen, ids[i])) {
			/* logged by a list of this kind lately */
			shown_add(sh, ids[i]);
			continue;
		}
		if (!fresh)
			fresh = xmalloc(n * sizeof(*fresh));
		fresh[k++] = ids[i];
	}
	enum access_rel *rel_of = k ? xcalloc(k, sizeof(*rel_of)) : NULL;
	char(*until_of)[21] = k ? xcalloc(k, sizeof(*until_of)) : NULL;
	enum tb_status st = log_cases(db, what, fresh, k, rel_of, until_of);
	for (size_t j = 0; st == TB_OK && j < k; j++) {
		shown_add(sh, fresh[j]);
		if (until_of[j][0])
			shown_grant_add(sh, fresh[j], until_of[j]);
	}
	if (st == TB_OK && k && recent) {
		struct access_who w;
		access_who_current(&w);
		if (!recent->n) {
			recent->since = clock_now();
			if (db_data_version(db, &recent->other, &recent->own) !=
			    TB_OK)
				recent->since = 0; /* forgotten at the next */
			recent->who = w.who ? xstrdup(w.who) : NULL;
		}
		struct access_shown *set = recent_set(recent, kind, what, true);
		for (size_t j = 0; j < k; j++)
			if (in_care(rel_of[j]))
				shown_add(set, fresh[j]);
	}
	if (written)
		*written = st == TB_OK ? k : 0;
	free(until_of);
	free(rel_of);
	free(fresh);
	return st;
}

enum tb_status access_log_shown(struct db *db, struct access_shown *sh,
				enum access_what what, const long long *ids,
				size_t n, size_t *written)
{
	return access_log_shown_recent(db, sh, NULL, NULL, what, ids, n,
				       written);
}

void access_recent_done(struct access_recent *r)
{
	recent_forget(r);
}

void access_shown_done(struct access_shown *sh)
{
	free(sh->slot);
	free(sh->grants);
	memset(sh, 0, sizeof(*sh));
}

bool access_shown_grant(struct access_shown *sh, struct access_shown_grant *out)
{
	if (!sh->n_grants)
		return false;
	*out = sh->grants[--sh->n_grants];
	return true;
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

/* ------------------------------------------------------------------------
 * The patient's extract
 * ---------------------------------------------------------------------- */

/* The words of the extract: English, Swedish. */
enum {
	W_TITLE,
	W_INTRO,
	W_PATIENT,
	W_BORN,
	W_PERIOD,
	W_ALL,
	W_PRINTED,
	W_NONE,
	W_COUNT_ONE,
	W_COUNT_MANY,
	W_TIMES,
	W_UNIT_UNKNOWN,
	W_WHY,
	W_REASON,
	W_UNTIL,
	W_CASE,
	W_OUTRO,
	W__N
};
static const char *const words[W__N][2] = {
    [W_TITLE] = {
	/* untranslated: the extract's own language */ "Who has read your "
						       "information",
	/* untranslated: the extract's own language */ "Vem har läst dina "
						       "uppgifter"},
    [W_INTRO] =
	{/* untranslated: the extract's own language */
	 "This is an extract of the access log of tumorboard, the "
	 "program your care team uses to prepare and hold "
	 "multidisciplinary team meetings about cancer care. Every "
	 "time someone reads your information in it, the program "
	 "writes down when, who, from which unit, what they did and "
	 "why they had access.",
	 /* untranslated: the extract's own language */
	 "Det här är ett utdrag ur åtkomstloggen i tumorboard, det "
	 "program som ditt vårdteam använder för att förbereda och "
	 "hålla multidisciplinära konferenser om cancervård. Varje "
	 "gång någon läser dina uppgifter i programmet skrivs det ner "
	 "när, vem, från vilken enhet, vad de gjorde och varför de "
	 "hade åtkomst."},
    [W_PATIENT] = {"Patient", "Patient"},
    [W_BORN] = {"born", "född"},
    [W_PERIOD] = {"Period", "Period"},
    [W_ALL] = {
	/* untranslated: the extract's own language */ "every read logged",
	/* untranslated: the extract's own language */ "alla läsningar som "
						       "loggats"},
    [W_PRINTED] = {"Printed", "Utskrivet"},
    [W_NONE] =
	{/* untranslated: the extract's own language */
	 "Nobody has read your information in this period.",
	 /* untranslated: the extract's own language */
	 "Ingen har läst dina uppgifter under perioden."},
    [W_COUNT_ONE] = {
	/* untranslated: the extract's own language */ "Your information was "
						       "read once:",
	/* untranslated: the extract's own language */ "Dina uppgifter lästes "
						       "en gång:"},
    [W_COUNT_MANY] = {
	/* untranslated: the extract's own language */ "Your information was "
						       "read",
	/* untranslated: the extract's own language */ "Dina uppgifter lästes"},
    [W_TIMES] = {"times:", "gånger:"},
    [W_UNIT_UNKNOWN] = {
	/* untranslated: the extract's own language */ "unit not recorded",
	/* untranslated: the extract's own language */ "enhet inte "
						       "registrerad"},
    [W_WHY] = {"Why", "Varför"},
    [W_REASON] = {
	/* untranslated: the extract's own language */ "reason given",
	/* untranslated: the extract's own language */ "skäl som angavs"},
    [W_UNTIL] = {
	/* untranslated: the extract's own language */ "granted until",
	/* untranslated: the extract's own language */ "beviljad till"},
    [W_CASE] = {"case", "fall"},
    [W_OUTRO] =
	{/* untranslated: the extract's own language */
	 "Times are local time. If you have questions about this "
	 "extract, or think that someone has read your information "
	 "without reason, contact your care provider: every "
	 "emergency access and every read outside a care "
	 "relationship is reviewed. The log cannot be changed "
	 "afterwards: each line is chained to the one before it.",
	 /* untranslated: the extract's own language */
	 "Tiderna är lokal tid. Har du frågor om utdraget, eller "
	 "tror du att någon har läst dina uppgifter utan skäl, "
	 "kontakta din vårdgivare: varje nödåtkomst och varje "
	 "läsning utanför en vårdrelation granskas. Loggen kan inte "
	 "ändras i efterhand: varje rad är kedjad till raden före."},
};

static const char *w(int id, const char *lang)
{
	return words[id][swedish(lang) ? 1 : 0];
}

/* "2026-11-23 10:00" in local time from a stored UTC timestamp. */
static void local_time(const char *utc, char out[17])
{
	struct tm tm = {0};
	snprintf(out, 17, "%.16s", utc ? utc : "");
	if (!utc || !strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return;
	time_t t = timegm(&tm);
	struct tm lt;
	if (localtime_r(&t, &lt))
		strftime(out, 17, "%Y-%m-%d %H:%M", &lt);
}

struct extract {
	struct textdoc *doc;
	const char *lang;
	long long n;
};

static bool count_row(const struct db_access_row *r, void *arg)
{
	(void)r;
	((struct extract *)arg)->n++;
	return true;
}

static bool extract_row(const struct db_access_row *r, void *arg)
{
	struct extract *x = arg;
	const char *lang = x->lang;
	char when[17];
	local_time(r->at, when);
	textdoc_newline(x->doc);
	textdoc_put(x->doc, TD_LABEL, when);
	textdoc_pad_to(x->doc, 18);
	struct strbuf sb = {0};
	if (r->who_name && *r->who_name) {
		strbuf_puts(&sb, r->who_name);
		if (r->who_title && *r->who_title)
			strbuf_printf(&sb, ", %s", r->who_title);
	} else {
		strbuf_puts(&sb, r->who);
	}
	strbuf_printf(&sb, " — %s",
		      r->unit && *r->unit ? r->unit : w(W_UNIT_UNKNOWN, lang));
	textdoc_wrap_on(x->doc, 18, TD_STRONG, sb.buf);
	strbuf_reset(&sb);
	const char *what = access_what_words(r->what, lang);
	strbuf_puts(&sb, what ? what : r->what);
	if (r->case_ext)
		strbuf_printf(&sb, " (%s %s)", w(W_CASE, lang), r->case_ext);
	strbuf_putc(&sb, '.');
	textdoc_pad_to(x->doc, 18);
	textdoc_wrap_on(x->doc, 18, TD_NORMAL, sb.buf);
	strbuf_reset(&sb);
	const char *why = access_rel_words(r->relation, lang);
	strbuf_printf(&sb, "%s: %s", w(W_WHY, lang), why ? why : r->relation);
	if (r->reason)
		strbuf_printf(&sb, "; %s: \u201c%s\u201d", w(W_REASON, lang),
			      r->reason);
	if (r->emergency_until) {
		char until[17];
		local_time(r->emergency_until, until);
		strbuf_printf(&sb, "; %s %s", w(W_UNTIL, lang), until);
	}
	strbuf_putc(&sb, '.');
	textdoc_pad_to(x->doc, 18);
	textdoc_wrap_on(x->doc, 18, TD_DIM, sb.buf);
	strbuf_done(&sb);
	x->n++;
	return true;
}

enum tb_status access_patient_extract(struct db *db, long long patient_id,
				      const char *name, const char *born,
				      const char *from, const char *to,
				      const char *lang, struct textdoc *doc)
{
	struct db_access_filter f = {
	    .patient_id = patient_id, .from = from, .to = to};
	struct extract x = {doc, lang, 0};
	char today[11];
	enum tb_status st = db_access_each(db, &f, count_row, &x);
	if (st != TB_OK)
		return st;
	clock_today(today);
	textdoc_put(doc, TD_TITLE, w(W_TITLE, lang));
	textdoc_newline(doc);
	textdoc_newline(doc);
	textdoc_wrap(doc, 0, TD_NORMAL, w(W_INTRO, lang));
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL, w(W_PATIENT, lang));
	textdoc_pad_to(doc, 12);
	textdoc_printf(doc, TD_STRONG, "%s, %s %s", name, w(W_BORN, lang),
		       born);
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL, w(W_PERIOD, lang));
	textdoc_pad_to(doc, 12);
	if (from || to)
		textdoc_printf(doc, TD_NORMAL, "%s – %s", from ? from : "",
			       to ? to : today);
	else
		textdoc_put(doc, TD_NORMAL, w(W_ALL, lang));
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL, w(W_PRINTED, lang));
	textdoc_pad_to(doc, 12);
	textdoc_put(doc, TD_NORMAL, today);
	textdoc_newline(doc);
	textdoc_newline(doc);
	if (!x.n)
		textdoc_put(doc, TD_NORMAL, w(W_NONE, lang));
	else if (x.n == 1)
		textdoc_put(doc, TD_HEADING, w(W_COUNT_ONE, lang));
	else
		textdoc_printf(doc, TD_HEADING, "%s %lld %s",
			       w(W_COUNT_MANY, lang), x.n, w(W_TIMES, lang));
	textdoc_newline(doc);
	x.n = 0;
	st = db_access_each(db, &f, extract_row, &x);
	if (st != TB_OK)
		return st;
	textdoc_newline(doc);
	textdoc_wrap(doc, 0, TD_DIM, w(W_OUTRO, lang));
	return TB_OK;
}
