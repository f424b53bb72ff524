/*
 * perm — permissions, roles as data and the care relationship.
 *
 * The program knows a fixed set of permissions (PERM_TABLE); which role
 * grants which is data (roles.xml, tumorboard-roles(5), loaded by
 * import_roles). A command or screen action asks perm_check first; a case
 * is opened only under a care relationship (perm_relation): the case is on
 * an agenda of a board the user belongs to, the board the user belongs to
 * takes its diagnosis, or the user's unit referred it; otherwise only by
 * an emergency access with a reason (perm_emergency), which is granted for
 * the hours roles.xml gives and flagged for review.
 */
#ifndef TB_PERM_H
#define TB_PERM_H

#include <stdbool.h>
#include <stddef.h>

#include "db_case.h"
#include "status.h"

struct db;
struct user;
struct boards;

/* name, permission id (roles.xml), what it allows (tumorboard-roles(5)) */
#define PERM_TABLE(X)                                                          \
	X(CASE_IMPORT, "case.import", "import case files")                     \
	X(CASE_LIST, "case.list", "list and search cases, the referral queue") \
	X(CASE_READ, "case.read",                                              \
	  "open a case in the user's care (or by emergency access)")           \
	X(CASE_REFER, "case.refer", "refer a case to another MDK level")       \
	X(MEETING_READ, "meeting.read",                                        \
	  "see meetings, agendas and attendance")                              \
	X(MEETING_PLAN, "meeting.plan",                                        \
	  "plan, change and cancel meetings; put cases on agendas")            \
	X(MEETING_RUN, "meeting.run",                                          \
	  "start a meeting, record attendance and each case's outcome")        \
	X(MEETING_FINISH, "meeting.finish", "finish a meeting")                \
	X(DRAFT_READ, "draft.read", "see draft decisions")                     \
	X(DRAFT_EDIT, "draft.edit", "open, edit and abandon draft decisions")  \
	X(DECISION_READ, "decision.read", "see and export signed decisions")   \
	X(DECISION_SIGN, "decision.sign", "sign a decision")                   \
	X(DECISION_AMEND, "decision.amend", "amend a signed decision")         \
	X(SUMMARY_WRITE, "summary.write",                                      \
	  "write and print patient summaries and clinician notes")             \
	X(FOLLOWUP_READ, "followup.read", "see follow-ups and turnaround")     \
	X(FOLLOWUP_EDIT, "followup.edit",                                      \
	  "record follow-up outcomes and that the patient was informed")       \
	X(REPORT_READ, "report.read", "quality and equity reports")            \
	X(KB_READ, "kb.read", "see the knowledge base and suggestions")        \
	X(KB_EDIT, "kb.edit", "install a knowledge base")                      \
	X(USER_ADMIN, "user.admin", "add, change, disable and list users")     \
	X(LOG_READ, "log.read", "read the access log")                         \
	X(LOG_REVIEW, "log.review", "mark access log entries as reviewed")     \
	X(EXTRACT_RESEARCH, "extract.research",                                \
	  "make a pseudonymized research extract")                             \
	X(ARCHIVE_VERIFY, "archive.verify", "verify the archive's integrity")  \
	X(ARCHIVE_BACKUP, "archive.backup", "copy the archive")                \
	X(ARCHIVE_REPAIR, "archive.repair",                                    \
	  "make what the case list shows again from the cases")

enum perm {
#define PERM_ENUM(id, name, help) PERM_##id,
	PERM_TABLE(PERM_ENUM)
#undef PERM_ENUM
	    PERM__COUNT
};

/* "case.read" for PERM_CASE_READ. */
const char *perm_name(enum perm p);
/* What the permission allows (one line). */
const char *perm_help(enum perm p);
/* What p allows, as words that follow "You may not" ("open, edit or
 * abandon draft decisions"). */
const char *perm_may_not(enum perm p);
/* The permission named name; false when there is none. */
bool perm_parse(const char *name, enum perm *out);

/* One role of roles.xml. */
struct role {
	char *id;
	char *name;
	bool grants[PERM__COUNT];
};

struct roles {
	char *version;
	char *source;	     /* "built-in" or the file it came from */
	int emergency_hours; /* how long an emergency access lasts */
	struct role *r;
	size_t n;
};

void roles_done(struct roles *rs);
/* A copy of src in *dst, its own to roles_done. */
void roles_copy(struct roles *dst, const struct roles *src);
/* The role with this id; NULL when none. Borrowed. */
const struct role *roles_by_id(const struct roles *rs, const char *id);

/* The refusal of p to u in words a clinician reads (caller frees): what
 * u may not do, why (u's roles by their names in rs, or a disabled
 * account), which roles of rs may, and the permission's name in
 * brackets at the end. No prefix: the command line puts the command's
 * name before it, the screen nothing. */
char *perm_refusal(const struct roles *rs, const struct user *u, enum perm p);
/* Whether u (active) holds a role of rs that grants p. A disabled user
 * holds nothing. */
bool perm_user_has(const struct roles *rs, const struct user *u, enum perm p);

/* The care relationship of a user to a case, strongest first. */
enum perm_rel {
	PERM_REL_NONE,
	PERM_REL_AGENDA,    /* on a meeting of a board the user belongs to */
	PERM_REL_BOARD,	    /* a board the user belongs to takes the case */
	PERM_REL_UNIT,	    /* referred by the user's unit */
	PERM_REL_EMERGENCY, /* emergency access with a reason, running */
};

/* "agenda", "board", "referral-unit", "emergency", "none". */
const char *perm_rel_name(enum perm_rel r);

struct perm_relation {
	enum perm_rel kind;
	long long meeting_id;	/* PERM_REL_AGENDA: the meeting */
	char board[41];		/* PERM_REL_AGENDA/BOARD: the board id */
	long long emergency_id; /* PERM_REL_EMERGENCY: the grant */
	char until[21];		/* PERM_REL_EMERGENCY: when it ends (UTC) */
};

/*
 * The care relationship of u to the case case_id: an agenda of one of
 * u's boards lists it, else the board that takes its diagnosis (from bs;
 * NULL skips this) is one of u's, else u's unit referred it, else an
 * emergency grant still running. out->kind is PERM_REL_NONE when there is
 * none. TB_NOT_FOUND when there is no such case.
 */
enum tb_status perm_relation(struct db *db, const struct user *u,
			     long long case_id, const struct boards *bs,
			     struct perm_relation *out);
/* perm_relation for one of many cases, through a lookup prepared once
 * (db_user_care_begin, db_user.h): a list logs each patient's. u not
 * NULL. */
struct db_user_care_query;
enum tb_status perm_relation_next(struct db_user_care_query *q,
				  const struct user *u, long long case_id,
				  const struct boards *bs,
				  struct perm_relation *out);

/*
 * Emergency access (nödåtkomst): records a grant of u to the case for
 * rs->emergency_hours from now, with reason (required: blank is
 * TB_DENIED with *err saying a reason is needed), flagged for review,
 * and fills out (PERM_REL_EMERGENCY). The refusal for a missing reason is
 * logged as a denial. *err (caller frees) on failure.
 */
enum tb_status perm_emergency(struct db *db, const struct roles *rs,
			      const struct user *u, long long case_id,
			      const char *reason, struct perm_relation *out,
			      char **err);

/*
 * The check before anything is done: u must be active and hold p
 * (through rs). On refusal: TB_DENIED, *err (caller frees) is
 * perm_refusal's, and the refusal is logged in the audit log
 * (db_user_log_denied) with what asked (e.g. "decision sign") and case_id
 * (0: none).
 */
enum tb_status perm_check(struct db *db, const struct roles *rs,
			  const struct user *u, enum perm p, const char *what,
			  long long case_id, char **err);

/*
 * Opening a case: perm_check(PERM_CASE_READ), then the care relationship;
 * without one, an emergency access when emergency_reason is given (not
 * NULL), else TB_DENIED (logged) with *err saying that the case is not in
 * the user's care and how emergency access is asked for (the option
 * --emergency; on the screen, perm_open_asking, opening it again). out
 * receives the
 * relationship under which the case is opened.
 */
enum tb_status perm_open_case(struct db *db, const struct roles *rs,
			      const struct user *u, long long case_id,
			      const struct boards *bs,
			      const char *emergency_reason, const char *what,
			      struct perm_relation *out, char **err);

/* Whether u may sign for a meeting of board (board id; NULL or "" when
 * the decision is made outside a meeting) whose chair is chair (an
 * account, may be NULL): u holds decision.sign and either belongs to
 * board or is the meeting's chair. why gets the refusal when not (a
 * sentence: what may not be done and why). */
bool perm_may_sign(const struct roles *rs, const struct user *u,
		   const char *board, const char *chair, char *why,
		   size_t why_len);

/* Whether chair, as typed for a meeting, names a user who may not chair
 * it: the chair signs the meeting's decisions, so a user named (an
 * account, or the name of one user: db_user_named) must hold
 * decision.sign and be enabled. why gets the refusal (who, and the roles
 * held and those that may) when so. Text that names no user is not
 * refused: the minutes say who signed in the chair's place. */
bool perm_chair_refused(struct db *db, const struct roles *rs,
			const char *chair, char *why, size_t why_len);

/*
 * The session: the roles in force for this process (taken over; freed by
 * perm_session_end) and the emergency reason given on the command line
 * (borrowed; NULL: none). Both front ends set it once after signing in.
 */
void perm_session_begin(struct roles *rs, const char *emergency_reason);
void perm_session_end(void);
/* The session's roles; NULL before perm_session_begin. Borrowed. */
const struct roles *perm_session_roles(void);
/* The emergency reason of the command line; NULL when none. */
const char *perm_session_emergency(void);

/* perm_check as the signed-in user under the session's roles. */
enum tb_status perm_require(struct db *db, enum perm p, const char *what,
			    long long case_id, char **err);

/*
 * perm_open_case as the signed-in user under the session's roles, the
 * board types (loaded once, on first need) and emergency_reason, or the
 * session's when it is NULL. The one call every read path of a case
 * makes before it shows anything of it; out says under which
 * relationship it was opened (for the access log).
 */
enum tb_status perm_open(struct db *db, long long case_id,
			 const char *emergency_reason, const char *what,
			 struct perm_relation *out, char **err);

/* Who is asked for the reason of an emergency access: reason(arg) returns
 * it (caller frees), or NULL when none is given. reason NULL: the screen,
 * which does not ask this time (a refusal then says how to be asked). */
struct perm_asker {
	char *(*reason)(void *arg);
	void *arg;
};

/*
 * perm_open, where a case found outside the user's care (and no
 * emergency reason given on the command line) asks ask for the reason
 * of an emergency access before refusing: the screen's prompt. The care
 * relationship is read once either way.
 */
enum tb_status perm_open_asking(struct db *db, long long case_id,
				const struct perm_asker *ask, const char *what,
				struct perm_relation *out, char **err);

/*
 * Planning for a board: perm_check(p) and, when board is given (not NULL
 * or ""), that u belongs to it — a coordinator plans meetings and puts
 * cases on agendas only for the boards she belongs to. On refusal
 * TB_DENIED, *err (caller frees) says what is missing (a role that
 * allows it, or the board), and the refusal is logged (the detail names
 * the permission and the board).
 */
enum tb_status perm_check_board(struct db *db, const struct roles *rs,
				const struct user *u, enum perm p,
				const char *board, const char *what,
				long long case_id, char **err);
/* perm_check_board as the signed-in user under the session's roles. */
enum tb_status perm_require_board(struct db *db, enum perm p, const char *board,
				  const char *what, long long case_id,
				  char **err);

/*
 * What a list of cases is limited to: the cases in u's care, as
 * perm_relation decides it (a unit of u's referred it, an agenda of one
 * of u's boards lists it, a board of u's takes its diagnosis in bs, an
 * emergency grant runs at now). A case outside it is not listed; it is
 * opened by its id with an emergency access. False (nothing to limit)
 * when u is NULL or belongs to every board of bs and one of them takes
 * every other diagnosis. pc->c is what db_case_filter.care points to;
 * free with perm_care_done.
 */
struct perm_care {
	struct db_case_care c;
	char now[21];
	char *all, *mine;
};
bool perm_care_of(const struct user *u, const struct boards *bs,
		  struct perm_care *pc);
/* perm_care_of for the signed-in user and the session's boards. */
bool perm_list_care(struct perm_care *pc);
/* The time of pc->c.now set to now again (a list held for long). */
void perm_care_now(struct perm_care *pc);
void perm_care_done(struct perm_care *pc);

/* The permission a screen action needs (action.h) in a view (its name:
 * "list", "case", "agenda", "attendance", "meetings", "summary", …; NULL
 * for any view); false when it needs none (moving, help, quitting).
 * tests/roles/actions.tsv gives every action against every role. */
bool perm_for_view_action(const char *view, int action, enum perm *out);
/* perm_for_view_action in no particular view. */
bool perm_for_action(int action, enum perm *out);

#endif
