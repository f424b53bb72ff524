/*
 * perm — the permission table, roles in memory, the checks, the care
 * relationship and emergency access (see perm.h).
 */
#include "perm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "board.h"
#include "clock.h"
#include "diag.h"
#include "i18n.h"
#include "import_boards.h"
#include "db_user.h"
#include "user.h"
#include "util.h"

static const struct {
	const char *name, *help;
} table[PERM__COUNT] = {
#define PERM_ROW(id, name, help) [PERM_##id] = {name, help},
    PERM_TABLE(PERM_ROW)
#undef PERM_ROW
};

const char *perm_name(enum perm p)
{
	return (size_t)p < PERM__COUNT ? table[p].name : "?";
}

const char *perm_help(enum perm p)
{
	/* xgettext reads the texts from PERM_TABLE (X:3 in po/Makevars) */
	return (size_t)p < PERM__COUNT ? _(table[p].help) : "?";
}

bool perm_parse(const char *name, enum perm *out)
{
	for (size_t i = 0; name && i < PERM__COUNT; i++)
		if (strcmp(table[i].name, name) == 0) {
			*out = (enum perm)i;
			return true;
		}
	return false;
}

void roles_done(struct roles *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		free(rs->r[i].id);
		free(rs->r[i].name);
	}
	free(rs->r);
	free(rs->version);
	free(rs->source);
	memset(rs, 0, sizeof(*rs));
}

void roles_copy(struct roles *dst, const struct roles *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->version = xstrdup(src->version);
	dst->source = xstrdup(src->source);
	dst->emergency_hours = src->emergency_hours;
	dst->r = src->n ? xcalloc(src->n, sizeof(*dst->r)) : NULL;
	dst->n = src->n;
	for (size_t i = 0; i < src->n; i++) {
		dst->r[i] = src->r[i];
		dst->r[i].id = xstrdup(src->r[i].id);
		dst->r[i].name = xstrdup(src->r[i].name);
	}
}

const struct role *roles_by_id(const struct roles *rs, const char *id)
{
	for (size_t i = 0; id && i < rs->n; i++)
		if (rs->r[i].id && strcmp(rs->r[i].id, id) == 0)
			return &rs->r[i];
	return NULL;
}

bool perm_user_has(const struct roles *rs, const struct user *u, enum perm p)
{
	if (!u || !u->active || (size_t)p >= PERM__COUNT)
		return false;
	for (size_t i = 0; i < u->n_roles; i++) {
		const struct role *r = roles_by_id(rs, u->roles[i]);
		if (r && r->grants[p])
			return true;
	}
	return false;
}

const char *perm_rel_name(enum perm_rel r)
{
	switch (r) {
	case PERM_REL_AGENDA:
		return "agenda";
	case PERM_REL_BOARD:
		return "board";
	case PERM_REL_UNIT:
		return "referral-unit";
	case PERM_REL_EMERGENCY:
		return "emergency";
	case PERM_REL_NONE:
		break;
	}
	return "none";
}

/* The relationship from the facts of it. */
static void relation_of(const struct db_user_care *care, const struct user *u,
			const struct boards *bs, struct perm_relation *out)
{
	if (care->meeting_id) {
		out->kind = PERM_REL_AGENDA;
		out->meeting_id = care->meeting_id;
		snprintf(out->board, sizeof(out->board), "%s", care->board);
		return;
	}
	const struct board *b = bs ? boards_for_icd10(bs, care->icd10) : NULL;
	if (b && user_in_board(u, b->id)) {
		out->kind = PERM_REL_BOARD;
		snprintf(out->board, sizeof(out->board), "%s", b->id);
		return;
	}
	if (care->referred_by_unit) {
		out->kind = PERM_REL_UNIT;
		return;
	}
	if (care->emergency_id) {
		out->kind = PERM_REL_EMERGENCY;
		out->emergency_id = care->emergency_id;
		snprintf(out->until, sizeof(out->until), "%s",
			 care->emergency_until);
	}
}

enum tb_status perm_relation(struct db *db, const struct user *u,
			     long long case_id, const struct boards *bs,
			     struct perm_relation *out)
{
	struct db_user_care_query *q = NULL;
	enum tb_status st = TB_OK;
	memset(out, 0, sizeof(*out));
	if (u && (st = db_user_care_begin(db, &q)) == TB_OK) {
		/* a case opened from the list: its facts read with its row */
		(void)db_user_care_listed(db, q, u, case_id);
		st = perm_relation_next(q, u, case_id, bs, out);
	}
	db_user_care_end(&q);
	return st;
}

enum tb_status perm_relation_next(struct db_user_care_query *q,
				  const struct user *u, long long case_id,
				  const struct boards *bs,
				  struct perm_relation *out)
{
	struct db_user_care care;
	char now[21];
	memset(out, 0, sizeof(*out));
	clock_timestamp(now);
	enum tb_status st = db_user_care_next(q, u, case_id, now, &care);
	if (st == TB_OK)
		relation_of(&care, u, bs, out);
	return st;
}

/* What a user may not do, one phrase per permission, to follow "You may
 * not" (perm_refusal): the words a clinician reads; the permission's
 * name is kept only in brackets at the end. */
static const char *const may_not[PERM__COUNT] = {
    [PERM_CASE_IMPORT] = NC_("may not", "import case files"),
    [PERM_CASE_LIST] =
	NC_("may not", "list or search cases or see the referral queue"),
    [PERM_CASE_READ] = NC_("may not", "open cases"),
    [PERM_CASE_REFER] = NC_("may not", "refer a case to another MDK level"),
    [PERM_MEETING_READ] = NC_("may not", "see meetings, agendas or attendance"),
    [PERM_MEETING_PLAN] = NC_(
	"may not", "plan, change or cancel meetings or put cases on agendas"),
    [PERM_MEETING_RUN] = NC_(
	"may not", "start a meeting or record attendance or a case's outcome"),
    [PERM_MEETING_FINISH] = NC_("may not", "finish a meeting"),
    [PERM_DRAFT_READ] = NC_("may not", "see draft decisions"),
    [PERM_DRAFT_EDIT] = NC_("may not", "open, edit or abandon draft decisions"),
    [PERM_DECISION_READ] = NC_("may not", "see or export signed decisions"),
    [PERM_DECISION_SIGN] = NC_("may not", "sign a decision"),
    [PERM_DECISION_AMEND] = NC_("may not", "amend a signed decision"),
    [PERM_SUMMARY_WRITE] =
	NC_("may not", "write or print patient summaries or clinician notes"),
    [PERM_FOLLOWUP_READ] = NC_("may not", "see follow-ups or turnaround"),
    [PERM_FOLLOWUP_EDIT] =
	NC_("may not",
	    "record follow-up outcomes or that the patient was informed"),
    [PERM_REPORT_READ] = NC_("may not", "see quality and equity reports"),
    [PERM_KB_READ] =
	NC_("may not", "see the knowledge base or its suggestions"),
    [PERM_KB_EDIT] = NC_("may not", "install a knowledge base"),
    [PERM_USER_ADMIN] = NC_("may not", "add, change, disable or list users"),
    [PERM_LOG_READ] = NC_("may not", "read the access log"),
    [PERM_LOG_REVIEW] = NC_("may not", "mark access log entries as reviewed"),
    [PERM_EXTRACT_RESEARCH] = NC_("may not", "make a research extract"),
    [PERM_ARCHIVE_VERIFY] = NC_("may not", "verify the archive's integrity"),
    [PERM_ARCHIVE_BACKUP] = NC_("may not", "copy the archive"),
    [PERM_ARCHIVE_REPAIR] = NC_("may not", "repair what the case list shows"),
};

const char *perm_may_not(enum perm p)
{
	return (size_t)p < PERM__COUNT ? i18n_ctx(may_not[p]) : "?";
}

/* Appends names (n of them) to sb as a list in words: "A", "A and B",
 * "A, B and C". */
static void put_names(struct strbuf *sb, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_puts(sb, i + 1 < n ? /* untranslated: a list's
						      comma */
					    ", "
						  : _(" and "));
		strbuf_puts(sb, names[i]);
	}
}

/* The display name of the role id (roles.xml's name), or the id when
 * rs does not know it. */
static const char *role_words(const struct roles *rs, const char *id)
{
	const struct role *r = roles_by_id(rs, id);
	return model_user_role_label(id, r ? r->name : NULL);
}

/* The names of the roles u holds into sb (empty for none); how many. */
static size_t held_names(const struct roles *rs, const struct user *u,
			 struct strbuf *sb)
{
	size_t n = u ? u->n_roles : 0;
	const char **names = xmalloc((n + 1) * sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = role_words(rs, u->roles[i]);
	put_names(sb, names, n);
	free(names);
	return n;
}

/* The names of the roles that grant p into sb (empty for none); how
 * many. */
static size_t granting_names(const struct roles *rs, enum perm p,
			     struct strbuf *sb)
{
	const char **names = xmalloc((rs->n + 1) * sizeof(*names));
	size_t n = 0;
	for (size_t i = 0; i < rs->n; i++)
		if (rs->r[i].grants[p])
			names[n++] = role_words(rs, rs->r[i].id);
	put_names(sb, names, n);
	free(names);
	return n;
}

char *perm_refusal(const struct roles *rs, const struct user *u, enum perm p)
{
	struct strbuf sb = {0};
	if (u && !u->active) {
		strbuf_printf(&sb,
			      _("You may not %s: your account is disabled; a "
				"user administrator may enable it."),
			      perm_may_not(p));
	} else {
		/* why: the roles the user holds, by their names */
		struct strbuf mine = {0};
		size_t n = held_names(rs, u, &mine);
		if (n)
			strbuf_printf(
			    &sb,
			    ngettext("You may not %s: your role (%s) "
				     "does not allow it.",
				     "You may not %s: your roles (%s) "
				     "do not allow it.",
				     n),
			    perm_may_not(p), mine.buf);
		else
			strbuf_printf(&sb,
				      _("You may not %s: you hold no role "
					"that allows it."),
				      perm_may_not(p));
		free(strbuf_detach(&mine));
		/* who may: the roles that grant it */
		struct strbuf who = {0};
		n = granting_names(rs, p, &who);
		strbuf_putc(&sb, ' ');
		if (n)
			strbuf_printf(&sb,
				      ngettext("The role %s may.",
					       "The roles %s may.", n),
				      who.buf);
		else
			strbuf_puts(&sb, _("No role may."));
		free(strbuf_detach(&who));
	}
	/* untranslated: the permission's name, for support */
	strbuf_printf(&sb, " [%s]", perm_name(p));
	return strbuf_detach(&sb);
}

enum tb_status perm_check(struct db *db, const struct roles *rs,
			  const struct user *u, enum perm p, const char *what,
			  long long case_id, char **err)
{
	if (perm_user_has(rs, u, p))
		return TB_OK;
	const char *actor = u ? u->account : user_actor();
	*err = perm_refusal(rs, u, p);
	db_user_log_denied(db, actor, perm_name(p), what, case_id);
	return TB_DENIED;
}

enum tb_status perm_emergency(struct db *db, const struct roles *rs,
			      const struct user *u, long long case_id,
			      const char *reason, struct perm_relation *out,
			      char **err)
{
	char now[21], until[21];
	long long id = 0;

	memset(out, 0, sizeof(*out));
	if (!u || !u->active) {
		*err = xstrdup(_("You may not open this case by emergency "
				 "access: nobody active is signed in."));
		db_user_log_denied(db, user_actor(), "case.read", "emergency",
				   case_id);
		return TB_DENIED;
	}
	if (!reason || util_blank(reason)) {
		*err = xstrdup(_("You may not open this case by emergency "
				 "access without a reason: a reason is "
				 "required (why the record must be opened "
				 "now)."));
		db_user_log_denied(db, u->account, "case.read",
				   /* untranslated: an audit detail */
				   "emergency without a reason", case_id);
		return TB_DENIED;
	}
	if (strlen(reason) > 500) {
		*err = xstrdup(_("emergency access: the reason is longer "
				 "than 500 bytes"));
		return TB_INVALID;
	}
	int hours = rs->emergency_hours > 0 ? rs->emergency_hours : 1;
	time_t t = clock_now();
	clock_timestamp(now);
	time_t end = t + (time_t)hours * 3600;
	struct tm tm;
	gmtime_r(&end, &tm);
	strftime(until, sizeof(until), "%Y-%m-%dT%H:%M:%SZ", &tm);
	enum tb_status st =
	    db_user_emergency_grant(db, u, case_id, reason, now, until, &id);
	if (st != TB_OK) {
		*err =
		    xstrdup(st == TB_NOT_FOUND
				? _("emergency access: no such case")
				: _("emergency access could not be recorded"));
		return st;
	}
	out->kind = PERM_REL_EMERGENCY;
	out->emergency_id = id;
	snprintf(out->until, sizeof(out->until), "%s", until);
	return TB_OK;
}

/* perm_open_case, where ask (when not NULL) is asked for the reason of
 * an emergency access once the case is found outside u's care. */
static enum tb_status open_case(struct db *db, const struct roles *rs,
				const struct user *u, long long case_id,
				const struct boards *bs,
				const char *emergency_reason,
				const struct perm_asker *ask, const char *what,
				struct perm_relation *out, char **err)
{
	memset(out, 0, sizeof(*out));
	enum tb_status st =
	    perm_check(db, rs, u, PERM_CASE_READ, what, case_id, err);
	if (st != TB_OK)
		return st;
	st = perm_relation(db, u, case_id, bs, out);
	if (st != TB_OK || out->kind != PERM_REL_NONE)
		return st;
	if (emergency_reason)
		return perm_emergency(db, rs, u, case_id, emergency_reason, out,
				      err);
	char *reason = ask && ask->reason ? ask->reason(ask->arg) : NULL;
	if (reason) {
		st = perm_emergency(db, rs, u, case_id, reason, out, err);
		free(reason);
		return st;
	}
	/* on the screen (ask given) the case is opened again to be asked;
	 * on the command line the option gives the reason */
	*err = xasprintf(
	    "%s %s", /* untranslated: two sentences */
	    _("You may not open this case: it is not in your care (no "
	      "agenda of your boards lists it, no board of yours takes it, "
	      "your units did not refer it)."),
	    ask ? _("Emergency access asks for a reason: open the case "
		    "again and give one.")
		: _("Emergency access asks for a reason: --emergency "
		    "REASON."));
	db_user_log_denied(db, u->account, "care-relationship", what, case_id);
	return TB_DENIED;
}

enum tb_status perm_open_case(struct db *db, const struct roles *rs,
			      const struct user *u, long long case_id,
			      const struct boards *bs,
			      const char *emergency_reason, const char *what,
			      struct perm_relation *out, char **err)
{
	return open_case(db, rs, u, case_id, bs, emergency_reason, NULL, what,
			 out, err);
}

enum tb_status perm_check_board(struct db *db, const struct roles *rs,
				const struct user *u, enum perm p,
				const char *board, const char *what,
				long long case_id, char **err)
{
	enum tb_status st = perm_check(db, rs, u, p, what, case_id, err);
	if (st != TB_OK || !board || !*board || user_in_board(u, board))
		return st;
	*err = xasprintf(_("You may not %s for the board '%s': you do not "
			   "belong to it, and that is allowed only for the "
			   "boards you belong to. [%s]"),
			 perm_may_not(p), board, perm_name(p));
	/* a board id is a code of boards.xml, never patient data */
	char *perm = xasprintf("%s board=%s", perm_name(p), board);
	db_user_log_denied(db, u->account, perm, what, case_id);
	free(perm);
	return TB_DENIED;
}

/* Whether u belongs to every board of bs and one of them takes every
 * diagnosis that no other board does. */
static bool in_every_board(const struct user *u, const struct boards *bs)
{
	bool fallback = false;
	for (size_t i = 0; i < bs->n; i++) {
		if (!user_in_board(u, bs->b[i].id))
			return false;
		fallback = fallback || !bs->b[i].n_diagnoses;
	}
	return fallback;
}

bool perm_care_of(const struct user *u, const struct boards *bs,
		  struct perm_care *pc)
{
	memset(pc, 0, sizeof(*pc));
	if (!u || in_every_board(u, bs))
		return false;
	struct strbuf all = {0}, mine = {0};
	strbuf_putc(&all, ' ');
	strbuf_putc(&mine, ' ');
	const struct board *fallback = boards_for_icd10(bs, NULL);
	for (size_t i = 0; i < bs->n; i++)
		for (size_t j = 0; j < bs->b[i].n_diagnoses; j++) {
			const char *d = bs->b[i].diagnoses[j];
			/* the first board that names a prefix takes it */
			char *key = xasprintf(" %s ", d);
			bool seen = strstr(all.buf, key) != NULL;
			free(key);
			if (seen)
				continue;
			strbuf_printf(&all, "%s ", d);
			if (user_in_board(u, bs->b[i].id))
				strbuf_printf(&mine, "%s ", d);
		}
	pc->all = strbuf_detach(&all);
	pc->mine = strbuf_detach(&mine);
	pc->c.user_id = u->id;
	pc->c.all = pc->all;
	pc->c.mine = pc->mine;
	pc->c.fallback = fallback && user_in_board(u, fallback->id);
	perm_care_now(pc);
	return true;
}

void perm_care_now(struct perm_care *pc)
{
	clock_timestamp(pc->now);
	pc->c.now = pc->now;
}

void perm_care_done(struct perm_care *pc)
{
	free(pc->all);
	free(pc->mine);
	memset(pc, 0, sizeof(*pc));
}

bool perm_may_sign(const struct roles *rs, const struct user *u,
		   const char *board, const char *chair, char *why,
		   size_t why_len)
{
	if (!perm_user_has(rs, u, PERM_DECISION_SIGN)) {
		char *r = perm_refusal(rs, u, PERM_DECISION_SIGN);
		snprintf(why, why_len, "%s", r);
		free(r);
		return false;
	}
	if (chair && *chair &&
	    (strcmp(chair, u->account) == 0 ||
	     (u->name && strcmp(chair, u->name) == 0)))
		return true;
	if (!board || !*board || user_in_board(u, board))
		return true;
	snprintf(why, why_len,
		 _("You may not sign this decision: you neither belong to "
		   "the board '%s' nor chair the meeting. [decision.sign]"),
		 board);
	return false;
}

bool perm_chair_refused(struct db *db, const struct roles *rs,
			const char *chair, char *why, size_t why_len)
{
	struct user *u = NULL;
	if (!rs || !chair || db_user_named(db, chair, &u) != TB_OK)
		return false;
	bool refused = !perm_user_has(rs, u, PERM_DECISION_SIGN);
	const char *who = u->name && *u->name ? u->name : u->account;
	if (refused && !u->active)
		snprintf(why, why_len,
			 _("%s (%s) may not chair a meeting: the account is "
			   "disabled"),
			 who, u->account);
	else if (refused) {
		struct strbuf held = {0}, may = {0};
		size_t n_held = held_names(rs, u, &held);
		granting_names(rs, PERM_DECISION_SIGN, &may);
		snprintf(why, why_len,
			 ngettext("%s (%s) may not chair a meeting: the chair "
				  "signs its decisions, which the account's "
				  "role (%s) does not allow; roles that do: %s",
				  "%s (%s) may not chair a meeting: the chair "
				  "signs its decisions, which the account's "
				  "roles (%s) do not allow; roles that do: %s",
				  n_held),
			 who, u->account, held.len ? held.buf : _("none"),
			 may.len ? may.buf : _("none"));
		free(strbuf_detach(&held));
		free(strbuf_detach(&may));
	}
	user_free(&u);
	return refused;
}

/* ------------------------------------------------------------------------
 * The session
 * ---------------------------------------------------------------------- */

static struct roles *session_roles;
static const char *session_emergency;
static struct boards session_boards;
static bool session_boards_loaded;

void perm_session_begin(struct roles *rs, const char *emergency_reason)
{
	perm_session_end();
	session_roles = xmalloc(sizeof(*session_roles));
	*session_roles = *rs;
	memset(rs, 0, sizeof(*rs));
	session_emergency = emergency_reason;
}

void perm_session_end(void)
{
	if (session_roles) {
		roles_done(session_roles);
		free(session_roles);
		session_roles = NULL;
	}
	if (session_boards_loaded)
		boards_done(&session_boards);
	session_boards_loaded = false;
	session_emergency = NULL;
}

const struct roles *perm_session_roles(void)
{
	return session_roles;
}

const char *perm_session_emergency(void)
{
	return session_emergency;
}

static const struct roles *roles_or_none(void)
{
	static const struct roles none = {0};
	return session_roles ? session_roles : &none;
}

enum tb_status perm_require(struct db *db, enum perm p, const char *what,
			    long long case_id, char **err)
{
	return perm_check(db, roles_or_none(), user_current(), p, what, case_id,
			  err);
}

enum tb_status perm_require_board(struct db *db, enum perm p, const char *board,
				  const char *what, long long case_id,
				  char **err)
{
	return perm_check_board(db, roles_or_none(), user_current(), p, board,
				what, case_id, err);
}

/* The board types, loaded once, on first need. */
static const struct boards *session_boards_get(void)
{
	if (!session_boards_loaded) {
		struct diag d;
		diag_init(&d);
		/* a bad boards file leaves the board relationship out; the
		 * commands that need the boards say what is wrong */
		if (import_boards_load_default(&session_boards, &d) != TB_OK)
			memset(&session_boards, 0, sizeof(session_boards));
		diag_done(&d);
		session_boards_loaded = true;
	}
	return &session_boards;
}

bool perm_list_care(struct perm_care *pc)
{
	return perm_care_of(user_current(), session_boards_get(), pc);
}

enum tb_status perm_open(struct db *db, long long case_id,
			 const char *emergency_reason, const char *what,
			 struct perm_relation *out, char **err)
{
	return perm_open_case(
	    db, roles_or_none(), user_current(), case_id, session_boards_get(),
	    emergency_reason ? emergency_reason : session_emergency, what, out,
	    err);
}

enum tb_status perm_open_asking(struct db *db, long long case_id,
				const struct perm_asker *ask, const char *what,
				struct perm_relation *out, char **err)
{
	return open_case(db, roles_or_none(), user_current(), case_id,
			 session_boards_get(), session_emergency, ask, what,
			 out, err);
}

bool perm_for_view_action(const char *view, int action, enum perm *out)
{
	/* An action that means something else in one view: Enter on the
	 * attendance picker records an arrival, on the meetings list opens
	 * an agenda; an agenda saves and prints itself, a summary a letter
	 * (a finished meeting's agenda prints its patient summaries: that
	 * asks for summary.write besides, view_agenda.c). */
	static const struct {
		const char *view;
		enum action a;
		enum perm p;
	} in_view[] = {
	    {"attendance", ACTION_OPEN, PERM_MEETING_RUN},
	    {"meetings", ACTION_OPEN, PERM_MEETING_READ},
	    {"agenda", ACTION_SAVE_PDF, PERM_MEETING_READ},
	    {"agenda", ACTION_PRINT, PERM_MEETING_READ},
	};
	static const struct {
		enum action a;
		enum perm p;
	} map[] = {
	    {ACTION_OPEN, PERM_CASE_READ},
	    {ACTION_NEXT_CASE, PERM_CASE_READ},
	    {ACTION_PREV_CASE, PERM_CASE_READ},
	    {ACTION_TOGGLE_ID, PERM_CASE_READ},
	    {ACTION_QUEUE, PERM_CASE_LIST},
	    {ACTION_MOVE_ITEM_DOWN, PERM_MEETING_PLAN},
	    {ACTION_MOVE_ITEM_UP, PERM_MEETING_PLAN},
	    {ACTION_MEETINGS, PERM_MEETING_READ},
	    {ACTION_FOLLOWUPS, PERM_FOLLOWUP_READ},
	    {ACTION_CARRIED_OUT, PERM_FOLLOWUP_EDIT},
	    {ACTION_NOT_CARRIED_OUT, PERM_FOLLOWUP_EDIT},
	    {ACTION_INFORMED, PERM_FOLLOWUP_EDIT},
	    {ACTION_DECIDE, PERM_DRAFT_EDIT},
	    {ACTION_EDIT, PERM_DRAFT_EDIT},
	    {ACTION_CLEAR_VALUE, PERM_DRAFT_EDIT},
	    {ACTION_UNDO, PERM_DRAFT_EDIT},
	    {ACTION_RESTORE, PERM_DRAFT_EDIT},
	    {ACTION_TEXT_LANGUAGE, PERM_DRAFT_EDIT},
	    {ACTION_SIGN, PERM_DECISION_SIGN},
	    {ACTION_BRIEF, PERM_KB_READ},
	    {ACTION_SUMMARY, PERM_DECISION_READ},
	    {ACTION_PRINT, PERM_SUMMARY_WRITE},
	    {ACTION_SAVE_PDF, PERM_SUMMARY_WRITE},
	    {ACTION_START_MEETING, PERM_MEETING_RUN},
	    {ACTION_FINISH_MEETING, PERM_MEETING_FINISH},
	    {ACTION_DEFER, PERM_MEETING_RUN},
	    {ACTION_NOT_DISCUSSED, PERM_MEETING_RUN},
	    {ACTION_UNDO_MARK, PERM_MEETING_RUN},
	    {ACTION_FOLLOW, PERM_MEETING_READ},
	    {ACTION_MINUTES, PERM_MEETING_READ},
	    {ACTION_ATTENDANCE, PERM_MEETING_READ},
	    {ACTION_COVER, PERM_MEETING_RUN},
	    {ACTION_LEAVE, PERM_MEETING_RUN},
	    {ACTION_ADD_TO_AGENDA, PERM_MEETING_PLAN},
	    {ACTION_REMOVE_ITEM, PERM_MEETING_PLAN},
	    {ACTION_SET_SLOT, PERM_MEETING_PLAN},
	    {ACTION_TRANSFER, PERM_MEETING_PLAN},
	    /* as the add or move it overrides */
	    {ACTION_OVERRIDE, PERM_MEETING_PLAN},
	    {ACTION_PLAN_MEETING, PERM_MEETING_PLAN},
	    {ACTION_EDIT_MEETING, PERM_MEETING_PLAN},
	    {ACTION_CANCEL_MEETING, PERM_MEETING_PLAN},
	};
	for (size_t i = 0; view && i < UTIL_ARRAY_LEN(in_view); i++)
		if ((int)in_view[i].a == action &&
		    strcmp(in_view[i].view, view) == 0) {
			*out = in_view[i].p;
			return true;
		}
	for (size_t i = 0; i < UTIL_ARRAY_LEN(map); i++)
		if ((int)map[i].a == action) {
			*out = map[i].p;
			return true;
		}
	return false;
}

bool perm_for_action(int action, enum perm *out)
{
	return perm_for_view_action(NULL, action, out);
}
