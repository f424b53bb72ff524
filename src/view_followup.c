/*
 * The follow-up list: every latest decision by due date, overdue marked,
 * with the patient's name as the case list writes it ("Family, Given";
 * under 110 columns cut to fit, the owner then on the detail line); c, x
 * and i record the outcome and when the patient was told (x's reason a
 * digit, taken at once); Enter opens the case. The rows are the view's
 * subjects: each drawn is logged as the case list's rows are (view_rows.c,
 * view_access_list).
 */
#include "view_followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db_user.h"
#include "db_case.h"
#include "db_decision.h"
#include "followup.h"
#include "i18n.h"
#include "perm.h"
#include "render.h"
#include "status.h"
#include "term.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"
#include "view.h"
#include "view_rows.h"

/* What a row shows, kept to draw the rows again at another width. */
struct followup_line {
	long long decision, case_row;
	char *due, *status, *case_id, *family, *given, *owner;
	char *rec;  /* the recommendation */
	char *told; /* when the patient was told, "" when not */
};

/* Under this many columns the name is cut and the owner leaves the row
 * for the detail line, so that the heading and the rows fit 80; from it
 * the owner has 19 columns before a long one is cut after a word */
#define FOLLOWUP_WIDE 110

struct followup_view {
	struct db *db;
	struct followup_line *line;
	int n;
	bool narrow;	   /* the rows were made for under FOLLOWUP_WIDE */
	char heading[256]; /* the row_spec's heading, as narrow says */
	char *detail_buf;  /* the detail line given last */
	struct row_list rl;
	/* the window read (followup_window): the decisions before today it
	 * goes back over and ahead it goes to, whether there are earlier and
	 * later ones, the first's day */
	struct db_followup_span span;
	char first_day[11];
	char title[300];
};

/* The follow-ups before today a list opened goes back over, and how many
 * more are read each time the selection moves up from the first row; the
 * ones from today on it reads, and how many more each time it moves down
 * from the last. */
#define FOLLOWUP_PAST	 30
#define FOLLOWUP_EARLIER 50
#define FOLLOWUP_AHEAD	 20
#define FOLLOWUP_LATER	 50

static bool followup_collect(const struct followup_row *r, void *arg)
{
	struct followup_view *fv = arg;
	fv->line = xrealloc(fv->line, (size_t)(fv->n + 1) * sizeof(*fv->line));
	if (!fv->n)
		snprintf(fv->first_day, sizeof(fv->first_day), "%s", r->day);
	struct followup_line *l = &fv->line[fv->n++];
	l->decision = r->decision_id;
	l->case_row = r->case_row;
	l->due = xstrdup(*r->due ? r->due : _("no date"));
	l->status = xstrdup(r->overdue ? _("OVERDUE")
				       : followup_status_label(r->status));
	l->case_id = xstrdup(r->case_id);
	l->family = xstrdup(r->family ? r->family : "");
	l->given = xstrdup(r->given ? r->given : "");
	l->owner = xstrdup(r->owner);
	l->told = xstrdup(r->informed_on);
	l->rec = xstrdup(r->recommendation);
	return true;
}

/* The heading and the rows for the screen's width: columns by display
 * width ("öppen" is 5 cells, 6 bytes); the number ends under the
 * heading's "Decision" (9 cells), as the dates start under its "Due". */
static void followup_rows(struct followup_view *fv)
{
	fv->narrow = term_cols() < FOLLOWUP_WIDE;
	snprintf(fv->heading, sizeof(fv->heading), "%s",
		 fv->narrow
		     ? _(" Decision  Due         Status           Case     "
			 "             Name")
		     : _(" Decision  Due         Status           Case     "
			 "             Name                       Owner"));
	row_list_done(&fv->rl);
	for (int i = 0; i < fv->n; i++) {
		const struct followup_line *l = &fv->line[i];
		struct textdoc doc;
		textdoc_init(&doc, 500);
		textdoc_printf(&doc, TD_NORMAL, "%9lld  ", l->decision);
		textdoc_put(&doc, TD_NORMAL, l->due);
		textdoc_pad_to(&doc, 23);
		textdoc_put(&doc, TD_NORMAL, l->status);
		textdoc_pad_to(&doc, 40);
		textdoc_put(&doc, TD_NORMAL, l->case_id);
		/* two spaces after a case id of 20 characters */
		textdoc_column(&doc, 62);
		if (fv->narrow) {
			/* 16 columns: the row ends at 78, as the heading */
			render_name_cut(&doc, l->family, l->given, 16);
		} else {
			textdoc_printf(&doc, TD_NORMAL, "%s, %s", l->family,
				       l->given);
			textdoc_column(&doc, 89);
			textdoc_put(&doc, TD_NORMAL, l->owner);
		}
		/* an owner too long for the row ends in "…" after a whole
		 * word (the line above the status line has it whole) */
		const char *row = doc.n_lines ? doc.lines[0].text : "";
		row_list_add(&fv->rl,
			     fv->narrow ? xstrdup(row)
					: util_fit_words(row, term_cols() - 2));
		textdoc_done(&doc);
	}
}

static void lines_free(struct followup_line *line, int n)
{
	for (int i = 0; i < n; i++) {
		struct followup_line *l = &line[i];
		free(l->due);
		free(l->status);
		free(l->case_id);
		free(l->family);
		free(l->given);
		free(l->owner);
		free(l->rec);
		free(l->told);
	}
	free(line);
}

static struct followup_line *lines_copy(const struct followup_line *line, int n)
{
	struct followup_line *c = xcalloc(n ? (size_t)n : 1, sizeof(*c));
	for (int i = 0; i < n; i++) {
		c[i] = line[i];
		c[i].due = xstrdup(line[i].due);
		c[i].status = xstrdup(line[i].status);
		c[i].case_id = xstrdup(line[i].case_id);
		c[i].family = xstrdup(line[i].family);
		c[i].given = xstrdup(line[i].given);
		c[i].owner = xstrdup(line[i].owner);
		c[i].rec = xstrdup(line[i].rec);
		c[i].told = xstrdup(line[i].told);
	}
	return c;
}

static void followup_free(struct followup_view *fv)
{
	row_list_done(&fv->rl);
	lines_free(fv->line, fv->n);
	fv->line = NULL;
	fv->n = 0;
}

/* The list as last read (ui->followup_kept): opened again while the
 * data, the day, the language and the window asked stay, it reads
 * nothing (another terminal's decision or follow-up moves the data
 * version; a logged read of rows does not). */
struct followup_kept {
	unsigned long long other, own;
	char today[11], lang[8];
	struct db_followup_span span; /* the window asked, and what it found */
	char first_day[11];
	struct followup_line *line;
	int n;
};

void view_followup_kept_done(struct ui *ui)
{
	struct followup_kept *k = ui->followup_kept;
	if (k)
		lines_free(k->line, k->n);
	free(k);
	ui->followup_kept = NULL;
}

/* Whether the kept list stands for fv's window now; fills fv when so. */
static bool kept_holds(struct ui *ui, struct followup_view *fv,
		       const char *today, unsigned long long other,
		       unsigned long long own)
{
	const struct followup_kept *k = ui->followup_kept;
	if (!k || k->other != other || k->own != own ||
	    strcmp(k->today, today) != 0 ||
	    strncmp(k->lang, i18n_language(), sizeof(k->lang)) != 0 ||
	    k->span.past != fv->span.past || k->span.ahead != fv->span.ahead)
		return false;
	fv->span = k->span;
	snprintf(fv->first_day, sizeof(fv->first_day), "%s", k->first_day);
	fv->line = lines_copy(k->line, k->n);
	fv->n = k->n;
	return true;
}

static void kept_put(struct ui *ui, const struct followup_view *fv,
		     const char *today, unsigned long long other,
		     unsigned long long own)
{
	view_followup_kept_done(ui);
	/* not while an emergency access of hers is to end or begin: the
	 * list of her care changes then with nothing in the store */
	const struct user *u = user_current();
	char now[21];
	clock_timestamp(now);
	if (u && db_user_emergency_pending(fv->db, u->id, now))
		return;
	struct followup_kept *k = xcalloc(1, sizeof(*k));
	k->other = other;
	k->own = own;
	snprintf(k->today, sizeof(k->today), "%s", today);
	snprintf(k->lang, sizeof(k->lang), "%s", i18n_language());
	k->span = fv->span;
	snprintf(k->first_day, sizeof(k->first_day), "%s", fv->first_day);
	k->line = lines_copy(fv->line, fv->n);
	k->n = fv->n;
	ui->followup_kept = k;
}

static void followup_load(struct ui *ui, void *arg)
{
	struct followup_view *fv = arg;
	char today[11];
	clock_today(today);
	followup_free(fv);
	fv->first_day[0] = '\0';
	unsigned long long other = 0, own = 0;
	bool versioned = db_data_version(fv->db, &other, &own) == TB_OK;
	if (versioned && kept_holds(ui, fv, today, other, own)) {
		followup_rows(fv);
		return;
	}
	app_need_forms(ui->app, ui->msg, sizeof(ui->msg));
	/* the first time after an upgrade, the dates of the decisions signed
	 * before are read once: a moment with thousands of them */
	long long unknown = 0;
	if (db_followup_unknown_count(fv->db, &unknown) == TB_OK &&
	    unknown > FOLLOWUP_EARLIER)
		ui_working(ui, _("Reading the follow-up dates of earlier "
				 "decisions"));
	if (followup_window(fv->db, &ui->app->forms, today, &fv->span,
			    followup_collect, fv) != TB_OK) {
		ui_say(ui, "%s", _("The follow-up list could not be read"));
		view_followup_kept_done(ui);
	} else if (versioned) {
		/* the version before the read (reading in older decisions'
		 * dates writes): a change meanwhile reads it again */
		kept_put(ui, fv, today, other, own);
	}
	followup_rows(fv);
}

/* The screen changed size: the rows again for the width (nothing read) */
static void followup_resize(struct ui *ui, void *arg)
{
	(void)ui;
	struct followup_view *fv = arg;
	followup_rows(fv);
}

static const char *followup_detail(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct followup_view *fv = arg;
	if (index >= fv->n)
		return "";
	const struct followup_line *l = &fv->line[index];
	/* under 110 columns the owner is not on the row: here, first, and
	 * when the patient was told before the recommendation, the longest,
	 * which the line cuts */
	struct strbuf sb;
	strbuf_init(&sb);
	if (fv->narrow && *l->owner) {
		strbuf_printf(&sb, _("Owner %s"), l->owner);
		if (*l->told)
			strbuf_printf(&sb, "%s%s", _(" · patient told "),
				      l->told);
		strbuf_printf(&sb, " · %s", l->rec);
	} else {
		strbuf_puts(&sb, l->rec);
		if (*l->told)
			strbuf_printf(&sb, "%s%s", _(" · patient told "),
				      l->told);
	}
	free(fv->detail_buf);
	fv->detail_buf = strbuf_detach(&sb);
	return fv->detail_buf ? fv->detail_buf : "";
}

static int followup_open(struct ui *ui, void *arg, int *index)
{
	struct followup_view *fv = arg;
	struct view_case_args a = {.case_id = fv->line[*index].case_row};
	view_open_case(ui, &a);
	return 0;
}

static long long followup_subject(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct followup_view *fv = arg;
	return index < fv->n ? fv->line[index].case_row : 0;
}

/* The change recorded with its access log entry, in one transaction
 * (followup_record: the case in the user's care or under an emergency
 * access still running); says whether it was, and why not. */
static void record(struct ui *ui, struct followup_view *fv, long long id,
		   const struct followup_change *ch, const char *what)
{
	char *err = NULL;
	enum tb_status st = followup_record(fv->db, id, ch, true, &err);
	if (st == TB_DENIED && err) /* says what may not be done */
		ui_say(ui, "%s", err);
	else if (err)
		ui_say(ui, _("Not recorded: %s"),
		       st == TB_DB ? _("the change could not be written to "
				       "the access log")
				   : err);
	else if (st == TB_OK) /* named: the list may have moved meanwhile */
		ui_say(ui, _("Recorded for %s"), what);
	else
		ui_say(ui, "%s", _("Not recorded"));
	free(err);
}

/* The follow-up on row index, for a question: "decision 12 (Family,
 * Given, SKA-LUNG-2026-0001)". */
static char *followup_named(const struct followup_line *l)
{
	return xasprintf(_("decision %lld (%s, %s, %s)"), l->decision,
			 l->family, l->given, l->case_id);
}

/* The row of decision id, else index as it was (the list read again may
 * have moved it: another terminal signed a decision). */
static int followup_row_of(const struct followup_view *fv, long long id,
			   int index)
{
	for (int i = 0; i < fv->n; i++)
		if (fv->line[i].decision == id)
			return i;
	return index < fv->n ? index : (fv->n ? fv->n - 1 : 0);
}

/* c: asked first, naming the patient and the follow-up, as the list
 * may have moved under the selection since it was last looked at. */
static void followup_carried_out(struct ui *ui, struct followup_view *fv,
				 int index)
{
	const struct followup_line *l = &fv->line[index];
	long long id = l->decision;
	char *what = followup_named(l);
	char *question = xasprintf(_("Record %s as carried out?"), what);
	bool yes = ui_confirm(ui, question);
	free(question);
	if (yes) {
		struct followup_change ch = {.status = "done"};
		record(ui, fv, id, &ch, what);
	} else
		ui_say(ui, _("Not recorded: %s stays as it was"), what);
	free(what);
}

/* Who told the patient as the prompt offers it: the signed-in user's
 * name, "" when the users table has none. */
/* Who told the patient, asked: an active user, found while the prompt
 * is open so a name that is none (or several) is asked again. */
struct teller {
	struct db *db;
	struct user *found;
	char why[600];
};

static const char *teller_check(const char *who, const void *arg)
{
	struct teller *t = (struct teller *)arg;
	if (!*who)
		return _("Give the name or account of who told them");
	user_free(&t->found);
	return user_find_active(t->db, who, &t->found, t->why,
				sizeof(t->why)) == TB_OK
		   ? NULL
		   : t->why;
}

static const char *teller_offered(void)
{
	const struct user *u = user_current();
	return u && u->name ? u->name : "";
}

static int followup_act(struct ui *ui, void *arg, enum action a, int index)
{
	struct followup_view *fv = arg;
	if (index < 0 || index >= fv->n)
		return -1;
	long long id = fv->line[index].decision;
	/* named before any question: the list may move while it is asked */
	char *named = followup_named(&fv->line[index]);
	char what[300];
	snprintf(what, sizeof(what), "%s", named);
	free(named);
	if (a == ACTION_CARRIED_OUT) {
		followup_carried_out(ui, fv, index);
	} else if (a == ACTION_NOT_CARRIED_OUT) {
		/* the reason's digit answers at once, as c and i act; both
		 * questions name the follow-up, as c's does */
		char *q = xasprintf(_("Record %s as not carried out — 1 "
				      "medical, 2 the patient's wish, 3 "
				      "other: "),
				    what);
		int k = ui_choose(ui, q, "123", _("Answer 1, 2 or 3"));
		free(q);
		if (k < 0)
			return index;
		q = xasprintf(_("Note on %s (optional): "), what);
		char *note = ui_prompt_line(ui, q, "");
		free(q);
		if (!note) { /* Esc: the whole answer taken back */
			ui_say(ui, _("Not recorded: %s stays as it was"), what);
			return index;
		}
		struct followup_change ch = {.status = "not-done",
					     .reason = k == 0	? "medical"
						       : k == 1 ? "patient-wish"
								: "other",
					     .note = note};
		record(ui, fv, id, &ch, what);
		free(note);
	} else if (a == ACTION_INFORMED) {
		/* a user, by name or account: the signed-in one unless
		 * changed */
		char *q = xasprintf(_("Patient informed of %s today by "
				      "(name or account): "),
				    what);
		struct teller t = {.db = fv->db};
		char *by = ui_prompt_checked(ui, q, teller_offered(),
					     teller_check, &t);
		free(q);
		if (!by) {
			user_free(&t.found);
			return index;
		}
		struct user *teller = t.found;
		char today[11];
		clock_today(today);
		struct followup_change ch = {.informed_on = today,
					     .informed_by = teller->account};
		record(ui, fv, id, &ch, what);
		user_free(&teller);
		free(by);
	} else
		return -1;
	followup_load(ui, fv);
	return followup_row_of(fv, id, index);
}

/* Whether the signed-in user's roles let her record outcomes (c, x, i):
 * the title names those keys only to a user who may use them, as the
 * status line offers them (view_hints.c). */
static bool may_record(void)
{
	const struct user *u = user_current();
	const struct roles *rs = perm_session_roles();
	return !u || !rs || perm_user_has(rs, u, PERM_FOLLOWUP_EDIT);
}

/* The title: where the rows begin when earlier ones are not read (a
 * decade of decisions is not one list), then the keys that record. */
static const char *followup_title(struct ui *ui, void *arg)
{
	(void)ui;
	struct followup_view *fv = arg;
	if (!fv->span.earlier || !fv->first_day[0])
		return may_record() ? _("tumorboard — follow-up (c carried "
					"out, x not carried out, i informed)")
				    : _("tumorboard — follow-up");
	int n = snprintf(fv->title, sizeof(fv->title),
			 /* TRANSLATORS: %s is the date the first follow-up
			  * listed stands at (its date, or the day it was
			  * signed); Up on the first row reads the ones
			  * before it */
			 _("tumorboard — follow-up from %s  Up at the top: "
			   "earlier"),
			 fv->first_day);
	if (may_record() && n > 0 && (size_t)n < sizeof(fv->title))
		snprintf(fv->title + n, sizeof(fv->title) - (size_t)n, "  %s",
			 _("c carried out, x not carried out, i informed"));
	return fv->title;
}

/* Up from the first row: FOLLOWUP_EARLIER more read above it; how many
 * rows came before the row that was first. */
static int followup_more(struct ui *ui, void *arg)
{
	struct followup_view *fv = arg;
	if (!fv->span.earlier || !fv->n)
		return 0;
	long long first = fv->line[0].decision;
	fv->span.past += FOLLOWUP_EARLIER;
	followup_load(ui, fv);
	for (int i = 0; i < fv->n; i++)
		if (fv->line[i].decision == first)
			return i;
	return 0;
}

/* Down from the last row: FOLLOWUP_LATER more read below it. */
static bool followup_later(struct ui *ui, void *arg)
{
	struct followup_view *fv = arg;
	if (!fv->span.later)
		return false;
	fv->span.ahead += FOLLOWUP_LATER;
	followup_load(ui, fv);
	return true;
}

static long long followup_row_id(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct followup_view *fv = arg;
	return index < fv->n ? fv->line[index].decision : 0;
}

static const enum action *followup_hints(struct ui *ui, void *arg, size_t *n)
{
	(void)ui;
	static const enum action acts[] = {
	    ACTION_OPEN,     ACTION_CARRIED_OUT, ACTION_NOT_CARRIED_OUT,
	    ACTION_INFORMED, ACTION_BACK,	 ACTION_HELP};
	(void)arg;
	*n = UTIL_ARRAY_LEN(acts);
	return acts;
}

static void followup_done(struct ui *ui, void *arg)
{
	(void)ui;
	struct followup_view *fv = arg;
	followup_free(fv);
	free(fv->detail_buf);
	free(fv);
}

void view_followup_ahead(struct ui *ui)
{
	const struct user *u = user_current();
	const struct roles *rs = perm_session_roles();
	long long unknown = 0;
	/* not for a user who may not open it, and not the reading in of
	 * older decisions' dates (f says it is working) */
	if ((u && rs && !perm_user_has(rs, u, PERM_FOLLOWUP_READ)) ||
	    db_followup_unknown_count(ui->app->db, &unknown) != TB_OK ||
	    unknown)
		return;
	struct followup_view fv = {
	    .db = ui->app->db,
	    .span = {.past = FOLLOWUP_PAST, .ahead = FOLLOWUP_AHEAD}};
	followup_load(ui, &fv);
	/* the care facts the access log of its rows needs (its window is
	 * FOLLOWUP_PAST + FOLLOWUP_AHEAD rows, all of them read) */
	long long ids[FOLLOWUP_PAST + FOLLOWUP_AHEAD];
	size_t n = 0;
	for (int i = 0; i < fv.n && n < UTIL_ARRAY_LEN(ids); i++)
		ids[n++] = fv.line[i].case_row;
	(void)db_user_care_ahead(fv.db, u, ids, n);
	followup_free(&fv);
	free(fv.detail_buf);
}

void view_followup_push(struct ui *ui)
{
	struct followup_view *fv = xcalloc(1, sizeof(*fv));
	fv->db = ui->app->db;
	fv->span.past = FOLLOWUP_PAST;
	fv->span.ahead = FOLLOWUP_AHEAD;
	followup_load(ui, fv);
	struct row_spec s = {.name = "followup",
			     .title_of = followup_title,
			     .heading = fv->heading,
			     .keymap = KEYMAP_VIEW_FOLLOWUP,
			     .rl = &fv->rl,
			     .empty = _("No signed decisions to follow up."),
			     .open = followup_open,
			     .act = followup_act,
			     .detail = followup_detail,
			     .hints = followup_hints,
			     .reload = followup_load,
			     .on_resize = followup_resize,
			     .subject = followup_subject,
			     .row_id = followup_row_id,
			     .free_arg = followup_done,
			     .more_above = followup_more,
			     .more_below = followup_later,
			     .arg = fv};
	view_rows_push(ui, &s);
}
