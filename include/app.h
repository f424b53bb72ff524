/*
 * app — what both front ends (the screen and the command line) work on:
 * the store, the board types, the decision forms and the summary wording,
 * the knowledge base with its trial registry and level criteria, and who
 * uses the program, and the clock the views and the core read (app_now:
 * clock.h's unless a test sets app->now).
 *
 * The forms and the knowledge base are read on first need (app_need_forms),
 * not at start-up.
 */
#ifndef TB_APP_H
#define TB_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "board.h"
#include "readiness.h"
#include "render.h"
#include "form_def.h"
#include "kb.h"
#include "model_decision.h"
#include "status.h"
#include "support.h"

struct db;
struct diag;
struct db_origin;

struct app {
	struct db *db; /* borrowed: the caller opens and closes it */
	struct boards boards;
	struct form_set forms;
	struct form_phrases phrases;
	struct kb kb;
	struct trials trials;
	struct levels levels;
	bool forms_loaded;
	/* who uses the program (the audit log's actor): borrowed, static */
	const char *user;
	/* the app's clock: 0 is clock.h's (real, or TUMORBOARD_NOW); a test
	 * sets an instant here for this app alone */
	time_t now;
};

/* Now by the app's clock; "YYYY-MM-DD" of it in UTC (buf: 11 bytes), as
 * clock_today. */
time_t app_now(const struct app *app);
void app_today(const struct app *app, char buf[11]);

/* Sets app up on db with nothing loaded yet. app_done() frees. */
void app_init(struct app *app, struct db *db);
void app_done(struct app *app);

/* Reads the board types (the user's boards.xml, else the built-in ones);
 * problems go to d, and *path (caller frees) names the file read. */
enum tb_status app_load_boards(struct app *app, struct diag *d, char **path);

/* Reads the forms, the summary wording, the trial registry, the level
 * criteria and the knowledge base, once. When something could not be
 * read and msg is empty, the first problem goes into msg (n bytes). */
void app_need_forms(struct app *app, char *msg, size_t n);

/* The knowledge base, NULL when none is loaded. */
const struct kb *app_kb(const struct app *app);

/*
 * The whole case page: the case, its readiness against its board as of a
 * date, the patient's signed decisions (from every case of theirs), the
 * board it was received from and the answers received from the boards
 * it was referred to, and the knowledge base's suggestions beside each
 * finding. One document for
 * `tumorboard show` and the screen's case view (render_case, or
 * render_case_banner/_tabs/_section in parts with ro).
 */
struct app_case_page {
	struct tb_case *c;
	struct readiness rd;
	struct decision_brief *briefs;
	size_t n_briefs;
	/* the answers attached to the case (db_referral), oldest first */
	struct answer_brief *answers;
	size_t n_answers;
	/* where the case was received from, when it was (db_referral) */
	struct db_origin *origin;
	struct origin_brief origin_brief;
	struct render_opts ro; /* points into the page */
	char today[11], as_of[11];
};

/* Loads case_id's page with readiness as of as_of (NULL: today); the
 * identity number masked. Reads the forms (app_need_forms) for the
 * decisions' wording. TB_NOT_FOUND when there is no such case; a page
 * whose decisions or answers could not be read is loaded without them and
 * says so in msg (when msg is empty). Free with app_case_page_done. */
enum tb_status app_case_page(struct app *app, long long case_id,
			     const char *as_of, struct app_case_page *p,
			     char *msg, size_t n);
void app_case_page_done(struct app_case_page *p);

/*
 * Opening the decision form of a case, the one rule for the screen and
 * the command line: a draft is resumed; a signed decision changes only by
 * an amendment, which needs a reason; otherwise a draft is opened with
 * the form of the board that takes the case's diagnosis (pre-filled from
 * the case and the knowledge base).
 */
enum app_decision_start {
	APP_DECISION_RESUME, /* a draft exists */
	APP_DECISION_AMEND,  /* the latest decision is signed: amend it */
	APP_DECISION_NEW     /* no decision yet */
};
/* Which of the three case_id is in; *latest is the signed decision to
 * amend (0 otherwise). */
enum app_decision_start app_decision_start(struct app *app, long long case_id,
					   long long *latest);
/* Opens or resumes case_id's draft (*instance); reason is the
 * amendment's (needed when a decision is signed: TB_INVALID without
 * one). Reads the forms (app_need_forms). TB_NOT_FOUND when no form fits
 * the case. Problems go to d. */
enum tb_status app_decision_open(struct app *app, long long case_id,
				 const char *reason, struct diag *d,
				 long long *instance);
/* app_decision_open, a new draft made with the form form_id (NULL: the
 * case's, app_decision_form); TB_NOT_FOUND when there is no such form. */
enum tb_status app_decision_open_form(struct app *app, long long case_id,
				      const char *reason, const char *form_id,
				      struct diag *d, long long *instance);
/* The form a new decision on case c gets: its board's, else the general
 * one; NULL when none is installed. Reads the forms. */
const struct form *app_decision_form(struct app *app, const struct tb_case *c);
/* The molecular tumour board's form ("mtb"), when a new decision on c may
 * be made with it instead: c has a finding found (not one looked for and
 * absent) and its board's form is the general one (the general board is
 * the molecular tumour board too; a board of its own decides with its own
 * form); else NULL. */
const struct form *app_decision_form_mtb(struct app *app,
					 const struct tb_case *c);

/* The board's next meeting like m on date (YYYY-MM-DD; "" or NULL: a
 * week after it) into next, when it may be planned: TB_INVALID with why
 * (why_len bytes) when the date is not a date, not after m's, its time
 * has passed by the clock (model_meeting_past), outside
 * what may be planned (db_meeting_date_ok) or the board meets then
 * already. app_agenda_defer_new checks with it; the screen's prompt
 * for the date does too, while it is open. */
enum tb_status app_meeting_next_check(struct app *app,
				      const struct tb_meeting *m,
				      const char *date, struct tb_meeting *next,
				      char *why, size_t why_len);
/*
 * A case listed at meeting_id deferred to the board's next meeting,
 * planned now like meeting_id (board, level, start, length, place,
 * chair) on date (YYYY-MM-DD; "" or NULL: a week after it), with its
 * reason: the meeting and the move in one transaction (nothing planned
 * when the move fails). *to gets the new meeting's id. TB_INVALID
 * without a reason, or with why (why_len bytes) when the date is not a
 * date, not after the meeting's, outside what may be planned
 * (db_meeting_date_ok) or the board meets then already; otherwise as
 * app_agenda_defer.
 */
enum tb_status app_agenda_defer_new(struct app *app, long long meeting_id,
				    long long case_id, const char *date,
				    const char *reason, long long *to,
				    char *why, size_t why_len);
/* A week after meeting m's date, YYYY-MM-DD, into buf; when that is not
 * after today (a meeting deferred from long after it was planned), m's
 * weekday next after today. */
void app_meeting_week_after(const struct app *app, const struct tb_meeting *m,
			    char buf[11]);

/*
 * The defer rule: a case listed at meeting_id is moved to *to (0: the
 * board's next meeting, which is then set) and marked deferred there,
 * with its reason kept. TB_INVALID without a reason or when *to is a
 * meeting still planned past its time (not held: db_agenda_transfer),
 * TB_NOT_FOUND when no later meeting of the board is planned (one not
 * held is passed over), TB_CLOSED when a meeting is closed.
 */
enum tb_status app_agenda_defer(struct app *app, long long meeting_id,
				long long case_id, const char *reason,
				long long *to);

struct tb_meeting;
/* When a running meeting really started (recorded by start, UTC), or its
 * planned start (local time) when that is not recorded. */
time_t app_meeting_started(const struct tb_meeting *m);
/* Whole minutes left (rounded up, 0 when over) of meeting m that started
 * at started. */
int app_meeting_minutes_left(const struct tb_meeting *m, time_t started,
			     time_t now);

#endif
