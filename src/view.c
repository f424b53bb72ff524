/*
 * The view stack and the one loop (see view.h): drawing the top view,
 * reading keys, mapping them to actions, the actions every view shares
 * (quit, help, the command line, back, resize), data versions. The
 * prompts on the status line are views too (view_prompt.c).
 */
#include "view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "app.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "i18n.h"
#include "perm.h"
#include "status.h"
#include "term.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"
#include "work.h"

void ui_say(struct ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof(ui->msg), fmt, ap);
	va_end(ap);
}

void ui_working(struct ui *ui, const char *what)
{
	(void)ui;
	/* until the loop waits for the next key, Esc or Ctrl-C cancels the
	 * work where it can stop safely (work.h) */
	work_reset();
	term_work(true);
	work_set_cancel(term_cancel_asked);
	term_notice(what);
}

/* The next key (term_getkey); a key clears the status message. */
static int ui_key(struct ui *ui)
{
	term_work(false); /* the work before it, if any, has ended */
	work_set_cancel(NULL);
	work_reset();
	int key = term_getkey();
	if (key != -1)
		ui->msg[0] = '\0';
	return key;
}

/* The store's data version now (db_data_version); 0 when it cannot be
 * read. */
struct version {
	unsigned long long other, own;
};

static struct version data_version(struct ui *ui)
{
	struct version v = {0, 0};
	if (db_data_version(ui->app->db, &v.other, &v.own) != TB_OK)
		return (struct version){0, 0};
	return v;
}

static bool moved(const struct view *v, struct version now)
{
	return now.other != v->seen_other || now.own != v->seen_own;
}

static void mark_seen(struct view *v, struct version now)
{
	v->seen_other = now.other;
	v->seen_own = now.own;
}

/* v's data read again (closed when it says so). What the reload wrote
 * itself is shown; a commit elsewhere during it is caught next time. */
static void reload_view(struct ui *ui, struct view *v)
{
	struct version now = data_version(ui);
	int r = v->ops->reload ? v->ops->reload(ui, v->st) : 0;
	now.own = data_version(ui).own;
	mark_seen(v, now);
	if ((r & VIEW_CLOSE) && ui->top == v)
		view_pop(ui);
}

void view_push(struct ui *ui, const struct view_ops *ops, void *st)
{
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = ops;
	v->st = st;
	v->below = ui->top;
	mark_seen(v, data_version(ui));
	v->cols = term_cols();
	v->lines = term_lines();
	ui->top = v;
}

void view_pop(struct ui *ui)
{
	struct view *v = ui->top;
	if (!v)
		return;
	ui->top = v->below;
	if (v->ops->close)
		v->ops->close(ui, v->st);
	access_shown_done(&v->shown);
	free(v);
}

/* ------------------------------------------------------------------------
 * Permissions and the access log: the hooks of the screen
 * ---------------------------------------------------------------------- */

static bool permit_in(struct ui *ui, const char *view, enum action a,
		      long long case_id)
{
	/* Every action of every view passes here with the case it acts on
	 * (0: none), before it runs: the core says whether the signed-in
	 * user's roles grant what the action needs (perm_for_action); a
	 * refusal is said on the status line and logged. */
	enum perm p;
	char *err = NULL;
	if (!perm_for_view_action(view, a, &p) ||
	    perm_require(ui->app->db, p, action_name(a), case_id, &err) ==
		TB_OK)
		return true;
	ui_say(ui, "%s", err);
	free(err);
	return false;
}

bool view_permit(struct ui *ui, enum action a, long long case_id)
{
	return permit_in(ui, NULL, a, case_id);
}

bool view_permit_top(struct ui *ui, enum action a, long long case_id)
{
	const struct view *v = ui->top;
	const char *name = NULL;
	if (v)
		name = v->ops->kind ? v->ops->kind(v->st) : v->ops->name;
	return permit_in(ui, name, a, case_id);
}

bool view_permit_board(struct ui *ui, enum action a, const char *board)
{
	enum perm p;
	char *err = NULL;
	if (!perm_for_action(a, &p) ||
	    perm_require_board(ui->app->db, p,
			       p == PERM_MEETING_PLAN ? board : NULL,
			       action_name(a), 0, &err) == TB_OK)
		return true;
	ui_say(ui, "%s", err);
	free(err);
	return false;
}

/* A case to be opened outside the user's care: emergency access
 * (nödåtkomst) asks for a reason on the status line (perm_open_asking
 * then records the grant, and the read under it); Esc gives none, and
 * the read is refused with why. The care relationship is read once. */
struct emergency_ask {
	struct ui *ui;
	long long case_id;
	bool asked;
};

/* The question names the case it is about (its identifier: nothing of
 * the patient, and it was chosen by that name or from a row showing it). */
static char *ask_emergency(void *arg)
{
	struct emergency_ask *ea = arg;
	char name[DB_CASE_NAME_MAX];
	db_case_name(ea->ui->app->db, ea->case_id, name);
	char *question = xasprintf(_("%s: not in your care. Emergency access "
				     "— give a reason (Esc cancels): "),
				   name);
	char *reason = ui_prompt_checked(
	    ea->ui, question, NULL, ui_require_text, _("a reason is required"));
	free(question);
	ea->asked = reason != NULL;
	return reason;
}

/* ------------------------------------------------------------------------
 * An emergency access that ends while its case is on the screen
 * ---------------------------------------------------------------------- */

/* Notes the grant a read of case_id was made under (until empty: another
 * relationship, nothing that ends). */
static void grant_note(struct ui *ui, long long case_id, const char *until)
{
	size_t i = 0;
	time_t t = 0;
	while (i < ui->n_grants && ui->grants[i].case_id != case_id)
		i++;
	if (!until[0] || !clock_parse_utc(until, &t)) {
		if (i < ui->n_grants)
			ui->grants[i] = ui->grants[--ui->n_grants];
		return;
	}
	if (i == ui->n_grants)
		ui->grants =
		    xrealloc(ui->grants, ++ui->n_grants * sizeof(*ui->grants));
	ui->grants[i].case_id = case_id;
	ui->grants[i].until = t;
	snprintf(ui->grants[i].until_text, sizeof(ui->grants[i].until_text),
		 "%s", until);
}

/* Whether a grant noted has ended by now: a comparison of times, nothing
 * read (an idle screen asks this four times a second). */
static bool grant_ended(const struct ui *ui)
{
	time_t now = clock_now();
	for (size_t i = 0; i < ui->n_grants; i++)
		if (now >= ui->grants[i].until)
			return true;
	return false;
}

/* Whether v shows case_id: its subject is the case and it is not a list
 * (a case, its brief, summary or draft, follow mode). */
static bool shows(struct ui *ui, const struct view *v, long long case_id)
{
	return !v->ops->rows && v->ops->subject &&
	       v->ops->subject(ui, v->st) == case_id;
}

/* The view that shows case_id lowest in the stack, above the first, and
 * closes when the grant ends (no lapse of its own). NULL when none. */
static struct view *lowest_of(struct ui *ui, long long case_id)
{
	struct view *lowest = NULL;
	for (struct view *v = ui->top; v && v->below; v = v->below)
		if (!v->ops->lapse && shows(ui, v, case_id))
			lowest = v;
	return lowest;
}

/* Whether a view that stays (follow mode, the first view too) shows
 * case_id. */
static bool staying_shows(struct ui *ui, long long case_id)
{
	for (struct view *v = ui->top; v; v = v->below)
		if (v->ops->lapse && shows(ui, v, case_id))
			return true;
	return false;
}

/* Every view of rows (a list, an agenda) read again before it is next
 * drawn: one read while an emergency grant ran may hold that case's row
 * (the user's care takes in a case under a running grant), which its
 * end takes out. */
static void rows_stale(struct ui *ui)
{
	for (struct view *v = ui->top; v; v = v->below)
		if (v->ops->rows)
			v->seen_other = ~0ULL; /* no data version is this */
}

/* Finds a grant that has ended while its case is shown (*at: its index).
 * Each grant that has ended is asked about again first (not logged): the
 * case may have come into the user's care meanwhile, or be under a new
 * grant; one whose case is no longer shown is forgotten. */
static bool grant_lapsed(struct ui *ui, size_t *at)
{
	time_t now = clock_now();
	for (size_t i = 0; i < ui->n_grants;) {
		struct ui_grant g = ui->grants[i];
		struct perm_relation rel;
		time_t t = 0;
		if (now < g.until) {
			i++;
			continue;
		}
		const struct user *u = user_current();
		if (u &&
		    perm_relation(ui->app->db, u, g.case_id, &ui->app->boards,
				  &rel) == TB_OK &&
		    rel.kind != PERM_REL_NONE &&
		    (rel.kind != PERM_REL_EMERGENCY ||
		     (clock_parse_utc(rel.until, &t) && t > now))) {
			grant_note(ui, g.case_id,
				   rel.kind == PERM_REL_EMERGENCY ? rel.until
								  : "");
			continue;
		}
		if (lowest_of(ui, g.case_id) || staying_shows(ui, g.case_id)) {
			*at = i;
			return true;
		}
		rows_stale(ui);
		ui->grants[i] = ui->grants[--ui->n_grants];
	}
	return false;
}

/* Grant at ended: the views showing its case close before anything more
 * of it is read, and the status line says why; the view then on top is
 * read again (a list drops the case), and every view of rows below it
 * when it is back on top. A view that stays (follow mode)
 * drops the case instead and reads nothing more of it. */
static void grant_close(struct ui *ui, size_t at)
{
	struct ui_grant g = ui->grants[at];
	struct view *lowest = lowest_of(ui, g.case_id);
	ui->grants[at] = ui->grants[--ui->n_grants];
	for (struct view *v = ui->top; v; v = v->below)
		if (v->ops->lapse && shows(ui, v, g.case_id))
			v->ops->lapse(ui, v->st, g.case_id, g.until_text);
	if (!lowest) {
		ui_say(ui,
		       _("The emergency access ended at %s: the case is no "
			 "longer shown"),
		       g.until_text);
		return;
	}
	while (ui->top != lowest)
		view_pop(ui);
	view_pop(ui);
	rows_stale(ui); /* those below the top too */
	if (ui->top)
		reload_view(ui, ui->top);
	ui_say(ui,
	       _("The emergency access ended at %s: the case is closed; "
		 "opening it again asks for a new reason"),
	       g.until_text);
}

/* How access_asking meets a case outside the user's care: asks for an
 * emergency access's reason, says how to be asked, or (follow mode,
 * which opens nothing) says where to open it. */
enum asking { ASK_NOT, ASK_REASON, ASK_FOLLOWING };
static bool access_asking(struct ui *ui, enum access_what what,
			  long long case_id, enum asking ask)
{
	char *err = NULL;
	char until[21], local[17]; /* the grant's end, stored and shown */
	struct emergency_ask ea = {ui, case_id, false};
	struct perm_asker asker = {ask_emergency, &ea};
	/* not asking, the screen still says how to be asked (the asker
	 * without a question), never the command line's option */
	struct perm_asker silent = {NULL, NULL};
	enum tb_status st = access_open_case_asking(
	    ui->app->db, what, case_id, ask == ASK_REASON ? &asker : &silent,
	    until, &err);
	if (st == TB_OK)
		grant_note(ui, case_id, until);
	if (st == TB_OK && ea.asked && until[0])
		ui_say(ui, _("Emergency access until %s, recorded for review"),
		       clock_local_minute(until, local) ? local : until);
	char name[DB_CASE_NAME_MAX];
	if (st == TB_DENIED && ask == ASK_FOLLOWING) {
		db_case_name(ui->app->db, case_id, name);
		ui_say(ui,
		       _("%s is not in your care, and following the meeting "
			 "does not show it; to read it, open it (: case %s) "
			 "and give a reason for emergency access"),
		       name, name);
	} else if (st == TB_DENIED && err) /* says what may not be done */
		ui_say(ui, "%s", err);
	else if (st != TB_OK)
		ui_say(ui, _("Not shown: %s"),
		       st != TB_DB ? err
				   : _("the read could not be written to the "
				       "access log"));
	free(err);
	/* the record of a read changes nothing a view shows: the view on
	 * top is not reloaded for it */
	if (st == TB_OK && ui->top)
		ui->top->seen_own = data_version(ui).own;
	return st == TB_OK;
}

bool view_access(struct ui *ui, enum access_what what, long long case_id)
{
	return access_asking(ui, what, case_id, ASK_NOT);
}

bool view_access_following(struct ui *ui, long long case_id)
{
	return access_asking(ui, ACCESS_SCREEN_CASE, case_id, ASK_FOLLOWING);
}

bool view_access_list(struct ui *ui, enum access_what what,
		      const long long *ids, size_t n)
{
	struct view *v = ui->top;
	size_t written = 0;
	if (!v)
		return true;
	if (access_log_shown_recent(ui->app->db, &v->shown, &ui->recent, v->ops,
				    what, ids, n, &written) != TB_OK) {
		ui_say(ui, _("Not shown: the read could not be written to the "
			     "access log"));
		return false;
	}
	/* the record of a read changes nothing the view shows */
	if (written)
		v->seen_own = data_version(ui).own;
	/* a row read under an emergency grant goes when the grant ends */
	struct access_shown_grant g;
	while (access_shown_grant(&v->shown, &g))
		grant_note(ui, g.case_id, g.until);
	return true;
}

bool view_access_list_new(struct ui *ui)
{
	if (ui->top)
		access_shown_done(&ui->top->shown);
	return true;
}

bool view_open_case(struct ui *ui, const struct view_case_args *a)
{
	/* Every case shown on the screen is opened here: the permission to
	 * read it, then the access log's record of the read. */
	if (!view_permit(ui, ACTION_OPEN, a->case_id))
		return false;
	if (!access_asking(ui, ACCESS_SCREEN_CASE, a->case_id, ASK_REASON))
		return false;
	return ui->case_opener && ui->case_opener(ui, a);
}

/* ------------------------------------------------------------------------
 * The command line
 * ---------------------------------------------------------------------- */

/* "case ID": case ids are written in capitals, so ska-lung-2026-0001 is
 * SKA-LUNG-2026-0001 too. */
static void command_case(struct ui *ui, const char *arg)
{
	long long id;
	enum tb_status st = db_case_find(ui->app->db, arg, &id);
	if (st == TB_NOT_FOUND) {
		char *up = xstrdup(arg);
		for (char *p = up; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 'a' + 'A');
		st = db_case_find(ui->app->db, up, &id);
		free(up);
	}
	if (st == TB_OK) {
		struct view_case_args a = {.case_id = id};
		view_open_case(ui, &a);
	} else {
		char *clean = util_sanitize(arg, false);
		ui_say(ui, _("No case %s"), clean);
		free(clean);
	}
}

/* Reads a command (":") and returns the action it names; ACTION_NONE when
 * it was handled here (case ID) or is unknown. */
static enum action command_line(struct ui *ui)
{
	char *line = ui_prompt_line(ui, ":", "");
	enum action a = ACTION_NONE;
	if (!line || !*line) {
		free(line);
		return ACTION_NONE;
	}
	char *save = NULL;
	char *word = strtok_r(line, " ", &save);
	char *arg = strtok_r(NULL, " ", &save);
	/* "case" or the Swedish "fall", in either interface language */
	bool is_case = strcmp(word, "case") == 0 || strcmp(word, "fall") == 0;
	if (strcmp(word, "q") == 0)
		a = ACTION_QUIT;
	else if (is_case && ui->top && ui->top->ops->read_only)
		ui_say(ui, "%s", _("Follow mode is read only: q leaves"));
	else if (is_case && !arg)
		ui_say(ui, _("case what? Give the case id: case CASE-ID"));
	else if (is_case)
		command_case(ui, arg);
	else if ((a = action_by_typed_name(word)) == ACTION_NONE ||
		 a == ACTION_COMMAND) {
		char *clean = util_sanitize(word, false);
		ui_say(ui,
		       _("Unknown command '%s': an action name (see ?) or "
			 "case CASE-ID"),
		       clean);
		free(clean);
		a = ACTION_NONE;
	}
	free(line);
	return a;
}

/* ------------------------------------------------------------------------
 * The loop
 * ---------------------------------------------------------------------- */

/* Whether a running clock is on screen anywhere in the stack. */
static bool ticking(struct ui *ui)
{
	for (struct view *v = ui->top; v; v = v->below)
		if (v->ops->ticks && v->ops->ticks(ui, v->st))
			return true;
	return false;
}

/* The view fitted to the screen's size, and the views it is drawn over
 * (a prompt's). */
static void fit_size(struct ui *ui, struct view *v)
{
	if (v->ops->over && v->below)
		fit_size(ui, v->below);
	if (v->cols != term_cols() || v->lines != term_lines()) {
		v->cols = term_cols();
		v->lines = term_lines();
		if (v->ops->on_resize)
			v->ops->on_resize(ui, v->st);
	}
}

/* Brings the top view up to date: its size, and the store's data (a
 * view under a prompt is reloaded once the prompt has answered). */
static void refresh_view(struct ui *ui, struct view *v)
{
	fit_size(ui, v);
	if (moved(v, data_version(ui)))
		reload_view(ui, v);
}

/* The title fitted to room columns: the program's name left out first,
 * then its last parts (after " — ", two spaces or ", ") one by one until
 * it fits, so that no word is cut; the first part alone too wide ends in
 * "…" after a whole word. Caller frees. */
static char *fit_title(const char *title, int room)
{
	static const char name[] = "tumorboard — ";
	if (util_display_width(title) > room &&
	    strncmp(title, name, strlen(name)) == 0 && title[strlen(name)])
		title += strlen(name);
	char *t = xstrdup(title);
	while (util_display_width(t) > room) {
		/* the last separator of any kind */
		static const char *const seps[] = {" — ", "  ", ", "};
		char *cut = NULL;
		for (size_t k = 0; k < UTIL_ARRAY_LEN(seps); k++)
			for (char *p = strstr(t, seps[k]); p;
			     p = strstr(p + 1, seps[k]))
				if (p > t && p[-1] != ' ' && p > cut)
					cut = p;
		if (!cut)
			break;
		*cut = '\0';
	}
	if (util_display_width(t) > room) {
		/* the first part alone too wide: cut after a whole word */
		char *fit = util_fit_words(t, room > 1 ? room : 1);
		free(t);
		t = fit;
	}
	return t;
}

/* What stays in sight before the view's title: a running meeting's clock
 * (clock non-NULL) and an emergency access running (end non-NULL), around
 * rest. Caller frees. */
static char *title_with(const char *clock, const char *end, const char *rest)
{
	char *live =
	    clock ? xasprintf(_("LIVE %s  %s"), clock, rest) : xstrdup(rest);
	if (!end)
		return live;
	char *e = xasprintf(_("EMERGENCY ACCESS until %s  %s"), end, live);
	free(live);
	return e;
}

static void draw_title(struct ui *ui, struct view *v)
{
	const char *title = v->ops->title(ui, v->st);
	char clock_text[128];
	const char *clock = NULL;
	if (v->ops->clock_in_title)
		for (struct view *b = v->below; b && !clock; b = b->below)
			if (b->ops->clock &&
			    b->ops->clock(ui, b->st, clock_text,
					  sizeof(clock_text)))
				clock = clock_text; /* a running meeting's */
	/* an emergency access running stays in sight on every screen
	 * until it ends (the views it opened close then): its end, the
	 * time alone when it is today's */
	const struct ui_grant *g = NULL;
	for (size_t i = 0; i < ui->n_grants; i++)
		if (!g || ui->grants[i].until < g->until)
			g = &ui->grants[i];
	char now[21], end[17];
	bool grant = g && (time_t)clock_now() < g->until;
	if (grant) { /* the time read only when a grant is running */
		clock_timestamp(now);
		grant = clock_local_at(g->until_text, now, end);
	}
	/* what stays in sight first; the view's title in the room left,
	 * its own parts left out from its end */
	char *before = title_with(clock, grant ? end : NULL, "");
	int room = term_cols() - 2 - util_display_width(before);
	char *rest = fit_title(title, room);
	char *whole = title_with(clock, grant ? end : NULL, rest);
	char *fitted = fit_title(whole, term_cols() - 2);
	term_bar(0, TC_TITLE, fitted);
	free(fitted);
	free(whole);
	free(rest);
	free(before);
}

void view_draw_title(struct ui *ui)
{
	struct view *v = ui->top;
	while (v && v->ops->over && v->below)
		v = v->below;
	if (v)
		draw_title(ui, v);
}

/* The status line; a message wider than it (a refusal in Swedish, say)
 * takes the lines above it too, word-wrapped, over the view: nothing of
 * it is cut. */
void ui_draw_status(const char *text)
{
	int rows = term_lines(), width = term_cols() - 2;
	if (width < 10 || rows < 4 || util_display_width(text) <= width) {
		term_bar(rows - 1, TC_STATUS, text);
		return;
	}
	struct textdoc doc;
	textdoc_init(&doc, width);
	textdoc_wrap(&doc, 0, TD_NORMAL, text);
	size_t n = doc.n_lines;
	while (n && !doc.lines[n - 1].len)
		n--;
	if (n > (size_t)rows / 2)
		n = (size_t)rows / 2;
	for (size_t i = 0; i < n; i++)
		term_bar(rows - (int)n + (int)i, TC_STATUS, doc.lines[i].text);
	textdoc_done(&doc);
}

/* The view, over the one below when it is drawn over it (a prompt). */
static void draw_layers(struct ui *ui, struct view *v)
{
	static const enum action plain[] = {ACTION_OPEN, ACTION_BACK,
					    ACTION_HELP, ACTION_QUIT};
	if (v->ops->over && v->below) {
		draw_layers(ui, v->below);
		v->ops->draw(ui, v->st);
		return;
	}
	term_erase();
	draw_title(ui, v);
	if (!v->ops->draw(ui, v->st)) {
		size_t n = UTIL_ARRAY_LEN(plain);
		const enum action *acts =
		    v->ops->hints ? v->ops->hints(ui, v->st, &n) : plain;
		char *h = view_hints(ui, v, acts, n);
		ui_draw_status(h);
		free(h);
		term_cursor(false);
	}
}

static void draw_screen(struct ui *ui, struct view *v)
{
	draw_layers(ui, v);
	term_refresh();
}

/* Actions that change or open something, as opposed to moving about: on
 * data that changed elsewhere since it was drawn they are not run; the
 * view shows the data again first. */
static bool acts_on_data(enum action a)
{
	switch (a) {
	case ACTION_MOVE_UP:
	case ACTION_MOVE_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN:
	case ACTION_FIRST:
	case ACTION_LAST:
	case ACTION_BACK:
	case ACTION_SEARCH:
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
	case ACTION_HELP:
	case ACTION_COMMAND:
	case ACTION_QUIT:
	case ACTION_NEXT_PANE:
	case ACTION_PREV_PANE:
	case ACTION_TOGGLE_ID:
	case ACTION_LANGUAGE:
	case ACTION_QUEUE:
	case ACTION_MEETINGS:
	case ACTION_FOLLOWUPS:
	/* stepping through the agenda a case was opened from reads the next
	 * case of the order as it was opened, reloaded or not; following a
	 * meeting shows it as it is: neither is held back by a read that
	 * another terminal logged (the room's screens log every case the
	 * chair opens) */
	case ACTION_NEXT_CASE:
	case ACTION_PREV_CASE:
	case ACTION_FOLLOW:
		return false;
	default:
		return true;
	}
}

/* What a view's handler returned, applied to the stack. */
static void apply(struct ui *ui, struct view *v, int r, enum action a)
{
	if (r & VIEW_QUIT)
		ui->quit = true;
	if ((r & VIEW_UNKNOWN) && a == ACTION_BACK && v->below)
		r |= VIEW_CLOSE;
	if ((r & VIEW_CLOSE) && ui->top == v) {
		view_pop(ui);
		return;
	}
	/* The view reloads what it writes itself: its own changes are
	 * shown. Other connections' changes since the draw are not, and
	 * are reloaded before the next draw. A view it opened on top keeps
	 * the version from before, so that it reloads when it is back. */
	if (ui->top == v)
		v->seen_own = data_version(ui).own;
}

static void dispatch(struct ui *ui, enum action a)
{
	bool typed = a == ACTION_COMMAND;
	if (typed)
		a = command_line(ui);
	struct view *v = ui->top;
	if (!v || a == ACTION_NONE)
		return;
	switch (a) {
	case ACTION_QUIT:
		ui->quit = true;
		return;
	case ACTION_HELP:
		if (ui->help_opener)
			ui->help_opener(ui);
		return;
	default:
		break;
	}
	if (acts_on_data(a) && moved(v, data_version(ui))) {
		/* never act on what the screen no longer shows */
		mark_seen(v, data_version(ui));
		if (v->ops->reload) {
			int r = v->ops->reload(ui, v->st);
			if (!ui->msg[0])
				ui_say(ui,
				       _("Changed elsewhere: shown again as it "
					 "is now; press the key again"));
			if ((r & VIEW_CLOSE) && ui->top == v)
				view_pop(ui);
			return;
		}
	}
	long long subject = v->ops->subject ? v->ops->subject(ui, v->st) : 0;
	if (!view_permit_top(ui, a, subject))
		return;
	int r =
	    v->ops->on_action ? v->ops->on_action(ui, v->st, a) : VIEW_UNKNOWN;
	/* a name typed on the ':' line for what this screen does not do
	 * is said, not passed over in silence */
	if (typed && (r & VIEW_UNKNOWN) && !(a == ACTION_BACK && v->below) &&
	    !ui->msg[0]) {
		char name[64];
		ui_say(ui, _("%s: not on this screen (? shows what it does)"),
		       action_typed_name(a, name, sizeof(name)));
	}
	apply(ui, v, r, a);
}

/* Whether a running clock on screen shows another second than when it
 * was drawn (the wait for a key ends four times a second; a clock is
 * drawn again once a second). */
static bool tick_due(struct ui *ui)
{
	return ticking(ui) && (long long)clock_now() != ui->tick_drawn;
}

/* Waits for a key; while none comes (a quarter of a second at a time),
 * redraws when a clock's second moved or the store changed: an idle
 * screen reads the store's data version and nothing else until it
 * moves. -1 when the loop must end. */
static int next_key(struct ui *ui)
{
	for (;;) {
		int key = ui_key(ui);
		if (key != -1 || term_stopping())
			return key;
		/* a pause: the log's checkpoint put off while keys came */
		db_idle(ui->app->db);
		struct view *v = ui->top;
		/* the view's work put off (a count): drawn when done */
		if (v->ops->idle && v->ops->idle(ui, v->st))
			return -1;
		struct version now = data_version(ui);
		/* a change made elsewhere since the message was said (an
		 * undo on another terminal) leaves it stale: the status
		 * line goes back to the keys, as on every other screen */
		if (now.other != v->seen_other)
			ui->msg[0] = '\0';
		if (tick_due(ui) || moved(v, now) || v->cols != term_cols() ||
		    v->lines != term_lines() || grant_ended(ui))
			return -1;
	}
}

static bool on_stack(const struct ui *ui, const struct view *v)
{
	for (const struct view *s = ui->top; s; s = s->below)
		if (s == v)
			return true;
	return false;
}

/* The one loop: until quit, a signal or the end of a script, and while
 * view until (NULL: any) is on the stack. */
static void loop(struct ui *ui, const struct view *until)
{
	while (ui->top && !ui->quit && !term_stopping() &&
	       (!until || on_stack(ui, until))) {
		size_t at;
		if (grant_ended(ui) && grant_lapsed(ui, &at)) {
			/* a prompt asked over the views that close is
			 * answered "no" first; its asker goes on */
			if (until)
				while (on_stack(ui, until))
					view_pop(ui);
			else
				grant_close(ui, at);
			continue;
		}
		struct view *v = ui->top;
		refresh_view(ui, v);
		if (ui->top != v)
			continue;
		draw_screen(ui, v);
		ui->tick_drawn = (long long)clock_now();
		if (!ui->drawn) {
			ui->drawn = true;
			term_first_screen();
			if (ui->first_screen)
				ui->first_screen(ui);
		}
		int key = next_key(ui);
		if (key < 0 || key == KEYMAP_RESIZE || grant_ended(ui))
			continue; /* a key on a grant that has ended: closes */
		if (v->ops->on_key) {
			int r = v->ops->on_key(ui, v->st, key);
			if (!(r & VIEW_UNKNOWN)) {
				apply(ui, v, r, ACTION_NONE);
				continue;
			}
		}
		dispatch(ui, keymap_lookup(&ui->keys, v->ops->keymap, key));
	}
}

void view_run(struct ui *ui)
{
	loop(ui, NULL);
	while (ui->top)
		view_pop(ui);
	free(ui->grants);
	ui->grants = NULL;
	ui->n_grants = 0;
}

void view_run_top(struct ui *ui)
{
	struct view *v = ui->top;
	loop(ui, v);
	/* ended by a signal or the script's end: the view leaves all the
	 * same (its state is its opener's) */
	while (v && on_stack(ui, v))
		view_pop(ui);
}
