/*
 * Attendance at a meeting: one row per role of the meeting's board (core
 * roles first, then the board's other roles), with who is present in it
 * and since when. Enter records that someone arrives in the selected
 * role (the name is asked), c that someone arrives covering for a core
 * role, L that someone in it leaves. The roles come from the board
 * (db_attendee_join_checked), never typed; the quorum is in the title.
 */
#include "view_attend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "board.h"
#include "clock.h"
#include "db_meeting.h"
#include "i18n.h"
#include "quorum.h"
#include "render.h"
#include "status.h"
#include "term.h"
#include "user.h"
#include "util.h"
#include "view.h"
#include "view_rows.h"

struct attend_view {
	struct ui *ui;
	struct db *db;
	struct tb_meeting m;
	const struct board *b; /* borrowed from the app */
	int n;		       /* roles: core roles, then other roles */
	struct strbuf *who;    /* per role: who is present, for the row */
	struct strbuf *names;  /* per role: the same without the times */
	struct strbuf *brief;  /* per role: the same, given names initials */
	struct strbuf *timed;  /* per role: who, a guest without profession
				* and unit: the row's when who does not fit */
	char **first;	       /* per role: the first present; NULL: none */
	int *count;	       /* per role: how many are present */
	struct strbuf present; /* "name\trole\tcore|cover" lines */
	struct row_list rl;
	size_t n_missing;      /* core roles no one present fills */
	struct strbuf missing; /* them, separated by ", " */
	char title[400];
	bool narrow;	   /* the Kind column left out (attend_layout) */
	char heading[200]; /* the column heads of the layout */
	char detail[600];  /* the selected role's people, on a narrow screen */
};

static const char *role_at(const struct attend_view *av, int i)
{
	return board_role_at(av->b, (size_t)i);
}

/* Role i as a person reads it, in the interface language. */
static const char *role_label(const struct attend_view *av, int i)
{
	return model_role_label(role_at(av, i));
}

/* name with its first word as an initial ("J. Lindqvist"), for a row
 * too narrow for the name whole. */
static void put_brief(struct strbuf *sb, const char *name)
{
	const char *sp = strchr(name, ' ');
	size_t n = 1;
	while (name[0] && name[n] && ((unsigned char)name[n] & 0xC0) == 0x80)
		n++;
	if (!sp || sp == name)
		strbuf_puts(sb, name);
	else
		strbuf_printf(sb, "%.*s. %s", (int)n, name, sp + 1);
}

static bool attend_collect(const struct db_attendee *a, void *arg)
{
	struct attend_view *av = arg;
	strbuf_printf(&av->present, "%s%s\t%s\t%s", av->present.len ? "\n" : "",
		      a->name, a->role, a->core ? "core" : "cover");
	for (int i = 0; i < av->n; i++)
		if (strcasecmp(role_at(av, i), a->role) == 0) {
			if (!av->count[i]++)
				av->first[i] = xstrdup(a->name);
			/* local time, as the agenda's clock */
			char local[17] = "";
			if (a->joined)
				clock_local_minute(a->joined, local);
			char *shown = user_attendee_shown(a->name);
			strbuf_printf(&av->names[i], "%s%s%s",
				      av->names[i].len ? ", " : "", shown,
				      a->core ? "" : _(", cover"));
			strbuf_puts(&av->brief[i],
				    av->brief[i].len ? ", " : "");
			put_brief(&av->brief[i], shown);
			strbuf_puts(&av->brief[i], a->core ? "" : _(", cover"));
			strbuf_printf(&av->who[i], "%s%s%s (%.5s)",
				      av->who[i].len ? ", " : "", shown,
				      a->core ? "" : _(", cover"),
				      local[0] ? local + 11 : "");
			/* "Anna Gästsson (guest, läkare, …)": "(guest)" */
			const char *g = strstr(shown, " (");
			const char *comma = g ? strchr(g, ',') : NULL;
			int keep =
			    comma ? (int)(comma - shown) : (int)strlen(shown);
			strbuf_printf(&av->timed[i], "%s%.*s%s%s (%.5s)",
				      av->timed[i].len ? ", " : "", keep, shown,
				      comma ? ")" : "",
				      a->core ? "" : _(", cover"),
				      local[0] ? local + 11 : "");
			free(shown);
			break;
		}
	return true;
}

static void attend_clear(struct attend_view *av)
{
	for (int i = 0; i < av->n; i++) {
		strbuf_done(&av->who[i]);
		strbuf_done(&av->names[i]);
		strbuf_done(&av->brief[i]);
		strbuf_done(&av->timed[i]);
		free(av->first[i]);
		av->first[i] = NULL;
		av->count[i] = 0;
	}
	strbuf_done(&av->present);
	strbuf_done(&av->missing);
	av->n_missing = 0;
	row_list_done(&av->rl);
}

/* The columns for the screen's width, and their heads: under 60 columns
 * (a split pane) the Kind column is left out (the core roles are the
 * first rows, the title names those missing) and the roles' column is
 * as wide as the board's longest role and two spaces, so that the
 * names present have room; what does not fit of them is on the detail
 * line of the selected role. The width of the roles' column. */
static int attend_layout(struct attend_view *av)
{
	/* TRANSLATORS: column heads: Role is 27 cells wide, Kind 7 */
	const char *h = _("Role                       Kind   "
			  "Present (since)");
	av->narrow = term_cols() - 2 - 34 < 24;
	if (!av->narrow) {
		snprintf(av->heading, sizeof(av->heading), "%s", h);
		return 27;
	}
	int role_w = 0;
	for (int i = 0; i < av->n; i++) {
		int w = util_display_width(role_label(av, i));
		if (w > role_w)
			role_w = w;
	}
	role_w += 2;
	struct strbuf sb;
	strbuf_init(&sb);
	render_heading_part(&sb, h, 0, 27, role_w);
	/* TRANSLATORS: the attendance's column of who is present, on a
	 * narrow screen (the times are left out there) */
	char *fit = util_fit_words(pgettext("attendance column", "Present"),
				   term_cols() - 2 - role_w);
	snprintf(av->heading, sizeof(av->heading), "%s%s", sb.buf, fit);
	free(fit);
	strbuf_done(&sb);
	return role_w;
}

static bool attend_load(struct attend_view *av)
{
	attend_clear(av);
	if (db_meeting_get(av->db, av->m.id, &av->m) != TB_OK)
		return false;
	for (int i = 0; i < av->n; i++) {
		strbuf_init(&av->who[i]);
		strbuf_init(&av->names[i]);
		strbuf_init(&av->brief[i]);
		strbuf_init(&av->timed[i]);
	}
	strbuf_init(&av->present);
	if (db_attendee_list(av->db, av->m.id, true, attend_collect, av) !=
	    TB_OK)
		return false;
	int role_w = attend_layout(av);
	for (int i = 0; i < av->n; i++) {
		/* columns by display width: "sjuksköterska" is not 13 bytes */
		struct strbuf row;
		strbuf_init(&row);
		util_pad_cells(&row, role_label(av, i), role_w);
		/* TRANSLATORS: the Kind column of the attendance: a core role
		 * of the board or another; at most 6 cells */
		const char *kind = (size_t)i < av->b->n_core_roles
				       ? pgettext("role kind", "core")
				       : pgettext("role kind", "other");
		if (!av->narrow)
			util_pad_cells(&row, kind, 7);
		/* who is present, in whole words the row has room for; on a
		 * narrow screen without the times (the detail line has them),
		 * and given names as initials when the names do not fit */
		int room = term_cols() - 2 - role_w - (av->narrow ? 0 : 7);
		const char *present = av->who[i].len ? av->who[i].buf : "—";
		if (av->narrow && av->names[i].len)
			present = util_display_width(av->names[i].buf) <= room
				      ? av->names[i].buf
				      : av->brief[i].buf;
		else if (av->who[i].len && util_display_width(present) > room)
			present = av->timed[i].buf; /* the times kept */
		char *who = util_fit_words(present, room);
		strbuf_puts(&row, who);
		free(who);
		row_list_add(&av->rl, strbuf_detach(&row));
	}
	strbuf_init(&av->missing);
	av->n_missing = quorum_missing_said(
	    av->b, av->present.buf ? av->present.buf : "", &av->missing);
	return true;
}

/* The title in room columns: the missing core roles named, as many as
 * fit, and how many more are missing when not all do; the count alone
 * when not even one does. */
static void attend_make_title(struct attend_view *av, int room)
{
	const char *board = model_board_label(av->m.board);
	if (!av->n_missing) {
		snprintf(av->title, sizeof(av->title),
			 _("tumorboard — attendance, meeting %lld %s  "
			   "quorate"),
			 av->m.id, board);
		/* narrower: the program's name goes, then the meeting */
		if (util_display_width(av->title) > room)
			snprintf(av->title, sizeof(av->title),
				 _("attendance, meeting %lld %s  quorate"),
				 av->m.id, board);
		if (util_display_width(av->title) > room)
			snprintf(av->title, sizeof(av->title), "%s",
				 _("attendance  quorate"));
		return;
	}
	snprintf(av->title, sizeof(av->title),
		 _("tumorboard — attendance, meeting %lld %s  NOT "
		   "QUORATE: no %s"),
		 av->m.id, board, av->missing.buf);
	if (util_display_width(av->title) <= room)
		return;
	/* the roles without anyone in them, in the rows' order, while the
	 * title with "+N more" after them fits */
	struct strbuf some;
	strbuf_init(&some);
	size_t named = 0;
	for (int i = 0; i < av->n && (size_t)i < av->b->n_core_roles; i++) {
		if (av->count[i])
			continue;
		strbuf_printf(&some, "%s%s", some.len ? ", " : "",
			      role_label(av, i));
		char *more = xasprintf(
		    ngettext("%s +%zu more", "%s +%zu more",
			     (unsigned long)(av->n_missing - named - 1)),
		    some.buf, av->n_missing - named - 1);
		char *t = xasprintf(_("tumorboard — attendance, meeting %lld "
				      "%s  NOT QUORATE: no %s"),
				    av->m.id, board, more);
		bool fits = util_display_width(t) <= room;
		if (fits) {
			snprintf(av->title, sizeof(av->title), "%s", t);
			named++;
		}
		free(more);
		free(t);
		if (!fits)
			break;
	}
	strbuf_done(&some);
	if (named)
		return;
	snprintf(av->title, sizeof(av->title),
		 _("tumorboard — attendance, meeting %lld %s  NOT "
		   "QUORATE (%zu missing)"),
		 av->m.id, board, av->n_missing);
	/* narrower: the program's name goes, then the meeting; the
	 * quorum stays */
	if (util_display_width(av->title) > room)
		snprintf(av->title, sizeof(av->title),
			 _("attendance, meeting %lld %s  NOT QUORATE (%zu "
			   "missing)"),
			 av->m.id, board, av->n_missing);
	if (util_display_width(av->title) > room)
		snprintf(av->title, sizeof(av->title),
			 _("attendance  NOT QUORATE (%zu missing)"),
			 av->n_missing);
}

static const char *attend_title(struct ui *ui, void *arg)
{
	(void)ui;
	struct attend_view *av = arg;
	/* a cell short of the last column: a title reaching it reads cut */
	attend_make_title(av, term_cols() - 3);
	return av->title;
}

/* An arrival being asked: recorded by its prompt's check, so a name
 * refused is asked again with the reason, the text kept. */
struct arrival {
	struct attend_view *av;
	int i;
	bool cover;
	char *who; /* the name recorded (the caller frees) */
	char why[600];
};

/* The check of the arrival's prompt: a user (account or name), or
 * "guest: Name, profession, unit", recorded present; NULL when it was,
 * else why not. */
static const char *arrival_check(const char *typed, const void *arg)
{
	struct arrival *a = (struct arrival *)arg;
	struct attend_view *av = a->av;
	if (!*typed)
		return _("Say who arrives");
	bool guest = strncasecmp(typed, "guest:", 6) == 0 ||
		     strncasecmp(typed, "gäst:", 6) == 0;
	free(a->who);
	a->who = NULL;
	a->why[0] = '\0';
	enum tb_status st = user_attendee_name_as(
	    av->db, guest ? typed + 6 : typed, guest, role_at(av, a->i), true,
	    &a->who, a->why, sizeof(a->why));
	if (st == TB_OK)
		st = db_attendee_join_checked(
		    av->db, &av->ui->app->boards, av->m.id, a->who,
		    role_at(av, a->i), a->cover, a->why, sizeof(a->why));
	if (st == TB_OK)
		return NULL;
	char reason[600];
	if (st == TB_INVALID && a->who &&
	    strcmp(a->why, _("is present already")) == 0)
		snprintf(reason, sizeof(reason),
			 _("Not recorded: %s is present already"), a->who);
	else
		snprintf(reason, sizeof(reason), _("Not recorded: %s"),
			 a->why[0] ? a->why : status_message(st));
	snprintf(a->why, sizeof(a->why), "%s", reason);
	return a->why;
}

/* Someone arrives in role i: as a core member, or covering for one. */
static int attend_arrive(struct attend_view *av, int i, bool cover)
{
	/* who came is recorded once the meeting runs: said before a name
	 * is asked, with the agenda's key that starts it */
	if (strcmp(av->m.status, "running") != 0) {
		char key[16];
		ui_say(av->ui,
		       strcmp(av->m.status, "planned") == 0
			   ? _("The meeting has not started: press %s on "
			       "the agenda to start it")
			   : _("The meeting is %s: attendance is no longer "
			       "recorded"),
		       strcmp(av->m.status, "planned") == 0
			   ? ui_key_name(av->ui, KEYMAP_VIEW_AGENDA,
					 ACTION_START_MEETING, key)
			   : model_meeting_status_label(av->m.status));
		return i;
	}
	char prompt[160];
	snprintf(prompt, sizeof(prompt),
		 cover ? _("Covering for %s — name? ")
		       : _("Arrives as %s — name? "),
		 role_label(av, i));
	struct arrival a = {.av = av, .i = i, .cover = cover};
	char *name = ui_prompt_checked(av->ui, prompt, "", arrival_check, &a);
	if (name)
		ui_say(av->ui,
		       cover ? _("%s is present as %s (cover)")
			     : _("%s is present as %s"),
		       a.who, role_label(av, i));
	free(a.who);
	free(name);
	attend_load(av);
	return i;
}

/* name leaves (recorded): NULL when they did, else why not (static). */
static const char *leave(const struct attend_view *av, const char *name)
{
	enum tb_status st = db_attendee_leave(av->db, av->m.id, name);
	if (st == TB_OK)
		return NULL;
	static char why[300];
	snprintf(why, sizeof(why), _("Not recorded: %s"),
		 st == TB_NOT_FOUND ? _("nobody of that name is present")
				    : status_message(st));
	return why;
}

/* The check of "Who leaves?": the one named leaves (leave). */
static const char *leaver_check(const char *name, const void *arg)
{
	return *name ? leave(arg, name) : _("Say who leaves");
}

/* Someone in role i leaves: the only one present in it, or the one
 * named (asked again while nobody of that name is present). */
static int attend_leave(struct attend_view *av, int i)
{
	if (!av->who[i].len) {
		ui_say(av->ui, _("Nobody is present as %s"), role_label(av, i));
		return i;
	}
	char *name = NULL;
	if (av->count[i] == 1) {
		/* the one person present in the role */
		name = xstrdup(av->first[i]);
		const char *why = leave(av, name);
		if (why) {
			ui_say(av->ui, "%s", why);
			free(name);
			name = NULL;
		}
	} else
		name = ui_prompt_checked(av->ui, _("Who leaves? "), "",
					 leaver_check, av);
	if (name)
		ui_say(av->ui, _("%s has left"), name);
	free(name);
	attend_load(av);
	return i;
}

static int attend_open(struct ui *ui, void *arg, int *index)
{
	(void)ui;
	attend_arrive(arg, *index, false);
	return 0;
}

static int attend_act(struct ui *ui, void *arg, enum action a, int index)
{
	(void)ui;
	struct attend_view *av = arg;
	if (index < 0)
		return -1;
	switch (a) {
	case ACTION_COVER:
		if ((size_t)index >= av->b->n_core_roles) {
			ui_say(av->ui,
			       _("%s is not a core role: nobody covers for it"),
			       role_label(av, index));
			return index;
		}
		return attend_arrive(av, index, true);
	case ACTION_LEAVE:
		return attend_leave(av, index);
	default:
		return -1;
	}
}

static const enum action *attend_hints(struct ui *ui, void *arg, size_t *n)
{
	static const enum action acts[] = {
	    ACTION_OPEN, ACTION_COVER, ACTION_LEAVE, ACTION_BACK, ACTION_HELP};
	(void)ui;
	(void)arg;
	*n = UTIL_ARRAY_LEN(acts);
	return acts;
}

/* On a narrow screen, who is present in the selected role, whole. */
static const char *attend_detail(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct attend_view *av = arg;
	if (!av->narrow || index < 0 || index >= av->n || !av->who[index].len)
		return "";
	snprintf(av->detail, sizeof(av->detail), "%s: %s",
		 role_label(av, index), av->who[index].buf);
	return av->detail;
}

/* Enter records who arrives in the selected role (the name asked), as L
 * records who leaves it: "open" would not say so. */
static const char *attend_hint_word(enum action a)
{
	return a == ACTION_OPEN ? pgettext("action hint", "arrive") : NULL;
}

static void attend_reload(struct ui *ui, void *arg)
{
	(void)ui;
	attend_load(arg);
}

static void attend_free(struct ui *ui, void *arg)
{
	(void)ui;
	struct attend_view *av = arg;
	attend_clear(av);
	free(av->who);
	free(av->names);
	free(av->brief);
	free(av->timed);
	free(av->first);
	free(av->count);
	free(av);
}

bool view_attend_push(struct ui *ui, long long meeting_id)
{
	struct attend_view *av = xcalloc(1, sizeof(*av));
	av->ui = ui;
	av->db = ui->app->db;
	av->m.id = meeting_id;
	if (db_meeting_get(av->db, meeting_id, &av->m) != TB_OK ||
	    !(av->b = boards_by_id(&ui->app->boards, av->m.board))) {
		ui_say(ui, _("The meeting's board is not known"));
		free(av);
		return false;
	}
	av->n = (int)(av->b->n_core_roles + av->b->n_roles);
	av->who = xcalloc((size_t)av->n + 1, sizeof(*av->who));
	av->names = xcalloc((size_t)av->n + 1, sizeof(*av->names));
	av->brief = xcalloc((size_t)av->n + 1, sizeof(*av->brief));
	av->timed = xcalloc((size_t)av->n + 1, sizeof(*av->timed));
	av->first = xcalloc((size_t)av->n + 1, sizeof(*av->first));
	av->count = xcalloc((size_t)av->n + 1, sizeof(*av->count));
	if (!attend_load(av)) {
		attend_free(ui, av);
		return false;
	}
	struct row_spec s = {.name = "attendance",
			     .title_of = attend_title,
			     .heading = av->heading,
			     .detail = attend_detail,
			     .keymap = KEYMAP_VIEW_AGENDA,
			     .rl = &av->rl,
			     .empty = _("The board names no roles."),
			     .open = attend_open,
			     .act = attend_act,
			     .hints = attend_hints,
			     .hint_word = attend_hint_word,
			     .reload = attend_reload,
			     .on_resize = attend_reload,
			     .free_arg = attend_free,
			     .arg = av};
	view_rows_push(ui, &s);
	return true;
}
