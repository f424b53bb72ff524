/*
 * The decision form screen: the guided walk through a form for one case.
 *
 * Layout: the title bar; the patient banner (it never scrolls away); a
 * progress line (section, field n of m, required fields left); the shown
 * fields with their values, the current one highlighted; a detail pane
 * for the current field (help, guideline, numbered options, the last
 * error); the status line with the keys, or the line editor.
 *
 * Every accepted value is saved at once through decision_set_at(), so
 * leaving, a crash or a kill loses nothing that was accepted; a refused
 * value stays in the editor with the message beside it. The draft's
 * revision is checked before every redraw: a change made in another
 * terminal or on the command line is loaded and named, and an edit made
 * on a value that changed since it was shown is refused.
 *
 * Choice, multi-choice and yes/no fields: digits pick an option by number,
 * typed ahead (walk_pick_key: "1" of 14 options waits for a second digit
 * or Enter), and letters are commands; a number field types digits, '-',
 * '.' and ',' and takes its other keys as commands (q back, as Esc on
 * every field, which the hints show). Every other field is a text field:
 * a printable key starts editing it with that character — in place of a
 * one-line value (the value stays in its row until the new one is saved;
 * Esc keeps it, u takes a saved one back), after a multi-line text — so
 * commands there use keys that type nothing (Enter, Del, C-n, C-u, C-r,
 * F2, Esc); the movement keys j and k and the command line's : are
 * commands on every field (Enter first to type a value starting with
 * one of them).
 * Clearing and every other change can be undone (u); R restores the value
 * pre-filled from the case. After a value is set the walk goes to the next
 * field that blocks signing (form_field_problem: the one rule that also
 * decides "ready to sign" and signing itself). A text field the walk went
 * to by itself (after a value, n, signing: fs->arrived) waits for Enter:
 * its keys are commands as on a choice field, so a command pressed just
 * after a pick is never typed into the next field; a move of the user's
 * own (arrows, j, k, Tab) makes typing edit again.
 *
 * Multi-line text and rows are edited in a box over the detail pane (C-o
 * starts a new line); one-line values on the status line, scrolled
 * sideways to keep the cursor in view. Signing reads the whole decision
 * back as it will be archived and signs exactly the revision read back.
 */
#include "view_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_meeting.h"
#include "decision.h"
#include "diag.h"
#include "i18n.h"
#include "status.h"
#include "term.h"
#include "util.h"
#include "view.h"
#include "view_form_internal.h"

bool view_form_is_choice(const struct form_field *fd)
{
	return fd->type == FT_CHOICE || fd->type == FT_MULTI ||
	       fd->type == FT_YESNO;
}

size_t view_form_n_choices(const struct form_field *fd)
{
	return fd->type == FT_YESNO ? 2 : fd->n_options;
}

/* Edited in the multi-line box: long text and rows of alternatives. */
bool view_form_is_multiline(const struct form_field *fd)
{
	return (fd->type == FT_TEXT && fd->lines > 1) ||
	       fd->type == FT_ALTERNATIVES;
}

/* A text field the user moved to takes typing; one the walk went to by
 * itself (fs->arrived) waits for Enter, its keys commands until then. */
bool view_form_typing(const struct form_screen *fs)
{
	return !view_form_is_choice(walk_field(&fs->w)) && !fs->arrived;
}

/* A key that types a character (and so edits a text field). */
bool view_form_printable(int key)
{
	return key >= ' ' && key != 127 && key < 0x110000 &&
	       !(key >= 0x80 && key < 0xA0) && key < KEYMAP_SPECIAL;
}

/* Stored values → editor text: a row's columns are shown separated by
 * " | ", empty trailing columns dropped except one, so a finding without
 * a tier reads "EGFR p.L858R | " ready for the tier to be typed. Lines
 * stay lines in the multi-line editor and are shown as ¶ elsewhere. */
char *view_form_to_editor(const char *s, bool multiline)
{
	struct strbuf sb;
	strbuf_init(&sb);
	while (s && *s) {
		size_t n = strcspn(s, "\n");
		size_t end = n;
		while (end > 0 && s[end - 1] == '\t')
			end--;
		for (size_t i = 0; i < end; i++) {
			if (s[i] == '\t')
				strbuf_puts(&sb, " | ");
			else
				strbuf_putc(&sb, s[i]);
		}
		if (end < n)
			strbuf_puts(&sb, " | ");
		s += n;
		if (*s) {
			strbuf_puts(&sb, multiline ? "\n" : " " PILCROW " ");
			s++;
		}
	}
	return strbuf_detach(&sb);
}

char *view_form_from_editor(const char *s)
{
	struct strbuf sb;
	strbuf_init(&sb);
	while (*s) {
		if (strncmp(s, PILCROW, 2) == 0) {
			/* drop the spaces around it */
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = '\0';
			strbuf_putc(&sb, '\n');
			s += 2;
			while (*s == ' ')
				s++;
			continue;
		}
		strbuf_putc(&sb, *s++);
	}
	return strbuf_detach(&sb);
}

const char *view_form_label_of(const struct form_screen *fs, const char *id)
{
	const struct form_field *fd = form_field(fs->f, id, NULL);
	return fd ? form_text_get(&fd->label, fs->lang, NULL) : id;
}

/* "Label, Label" for field ids one a line; caller frees. */
char *view_form_labels_of(const struct form_screen *fs, const char *ids)
{
	struct strbuf sb;
	strbuf_init(&sb);
	char *copy = xstrdup(ids ? ids : "");
	for (char *save_p = NULL, *t = strtok_r(copy, "\n", &save_p); t;
	     t = strtok_r(NULL, "\n", &save_p))
		strbuf_printf(&sb, "%s%s", sb.len ? ", " : "",
			      view_form_label_of(fs, t));
	free(copy);
	if (!sb.len)
		strbuf_puts(&sb, _("no field shown here"));
	return strbuf_detach(&sb);
}

/* Starts the walk again on the values, staying on field cur when it is
 * still shown. */
static void rewalk(struct form_screen *fs, size_t cur)
{
	walk_init_ctx(&fs->w, fs->f, &fs->v, &fs->ctx);
	if (cur < fs->f->n_fields &&
	    form_field_visible(fs->f, &fs->f->fields[cur], &fs->v))
		fs->w.cur = cur;
}

static bool reload(struct form_screen *fs)
{
	db_form_instance_done(&fs->fi);
	form_values_done(&fs->v);
	form_values_init(&fs->v);
	if (db_form_draft(fs->db, fs->case_id, &fs->fi, &fs->v) != TB_OK)
		return false;
	/* ECOG for an adult, Lansky for a child */
	fs->v.patients =
	    decision_patients_of(fs->db, fs->case_id, fs->meeting_id);
	/* the banner's status: a first value saved (here or elsewhere)
	 * made the case a decision draft */
	char status[32];
	db_case_status(fs->db, fs->case_id, status);
	if (fs->c && status[0] && strcmp(status, fs->c->status) != 0) {
		free(fs->c->status);
		fs->c->status = xstrdup(status);
	}
	return true;
}

const struct form_mark *view_form_mark(const struct form_screen *fs,
				       const char *field)
{
	for (size_t i = 0; i < fs->n_marks; i++)
		if (strcmp(fs->marks[i].field, field) == 0)
			return &fs->marks[i];
	return NULL;
}

static void mark_free(struct form_mark *m)
{
	free(m->field);
	free(m->by);
	free(m->at);
}

/* This screen set the field: its mark goes. */
static void unmark(struct form_screen *fs, const char *field)
{
	for (size_t i = 0; i < fs->n_marks; i++)
		if (strcmp(fs->marks[i].field, field) == 0) {
			mark_free(&fs->marks[i]);
			fs->marks[i] = fs->marks[--fs->n_marks];
			return;
		}
}

/* Marks the fields (ids one a line) changed elsewhere, with who changed
 * each and when as far as the store knows. */
static void mark_changed(struct form_screen *fs, const char *ids)
{
	char *copy = xstrdup(ids ? ids : "");
	for (char *save_p = NULL, *t = strtok_r(copy, "\n", &save_p); t;
	     t = strtok_r(NULL, "\n", &save_p)) {
		unmark(fs, t);
		struct decision_change ch;
		bool known =
		    decision_field_change(fs->db, fs->fi.id, t, &ch) == TB_OK;
		fs->marks =
		    xrealloc(fs->marks, (fs->n_marks + 1) * sizeof(*fs->marks));
		fs->marks[fs->n_marks++] = (struct form_mark){
		    .field = xstrdup(t),
		    .by = known && ch.by ? xstrdup(ch.by) : NULL,
		    .at = known && ch.at ? xstrdup(ch.at) : NULL};
		if (known)
			decision_change_done(&ch);
	}
	free(copy);
}

/*
 * Loads the draft again when its revision moved (another terminal, the
 * command line), marks the fields that changed and says which. False when
 * it is no longer a draft (signed or abandoned elsewhere): the form closes
 * then. With an editor open (editing) the walk stays on the edited
 * field, also when the change hides it; otherwise on the same field when
 * it is still shown.
 */
bool view_form_sync(struct form_screen *fs, bool editing)
{
	struct db_form_instance now;
	if (!fs->fi.id || db_form_get(fs->db, fs->fi.id, &now, NULL) != TB_OK)
		return true;
	bool draft = strcmp(now.status, "draft") == 0;
	long long rev = now.revision;
	db_form_instance_done(&now);
	if (!draft) {
		ui_say(fs->ui,
		       _("The draft was signed or abandoned elsewhere"));
		return false;
	}
	if (rev == fs->fi.revision)
		return true;
	long long was = fs->fi.revision;
	struct strbuf ch;
	strbuf_init(&ch);
	db_form_changed_since(fs->db, fs->fi.id, was, &ch);
	char *labels = view_form_labels_of(fs, ch.buf);
	size_t cur = fs->w.cur;
	if (!reload(fs)) {
		free(labels);
		strbuf_done(&ch);
		ui_say(fs->ui, _("The draft could not be read again"));
		return false;
	}
	if (!editing)
		rewalk(fs, cur);
	mark_changed(fs, ch.buf);
	strbuf_done(&ch);
	snprintf(fs->notice, sizeof(fs->notice),
		 _("Changed elsewhere (revision %lld → %lld): %s"), was,
		 fs->fi.revision, labels);
	free(labels);
	return true;
}

static void undo_push(struct form_screen *fs, const char *field,
		      const char *value, long long revision)
{
	if (fs->n_undo == UNDO_MAX) {
		free(fs->undo[0].field);
		free(fs->undo[0].value);
		memmove(fs->undo, fs->undo + 1,
			(UNDO_MAX - 1) * sizeof(fs->undo[0]));
		fs->n_undo--;
	}
	fs->undo[fs->n_undo++] =
	    (struct undo_step){.field = xstrdup(field),
			       .value = value ? xstrdup(value) : NULL,
			       .revision = revision};
}

static void undo_clear(struct form_screen *fs)
{
	for (size_t i = 0; i < fs->n_undo; i++) {
		free(fs->undo[i].field);
		free(fs->undo[i].value);
	}
	fs->n_undo = 0;
}

/*
 * Saves input for field, edited from what was shown at revision seen (0:
 * not checked). On failure the message is kept in fs->error and false
 * returned; a value changed elsewhere meanwhile is refused and shown, and
 * the next save replaces it. A change is remembered for undo when
 * with_undo.
 */
static bool save_field(struct form_screen *fs, const char *field,
		       const char *input, long long seen, bool with_undo)
{
	const char *old = form_values_get(&fs->v, field);
	char *was = old ? xstrdup(old) : NULL;
	long long before = fs->fi.revision;
	struct diag d;
	diag_init(&d);
	enum tb_status st =
	    decision_set_at(fs->db, fs->forms, &fs->ui->app->boards,
			    fs->case_id, field, input, seen, &d);
	size_t cur = fs->w.cur;
	bool read = reload(fs);
	if (read)
		rewalk(fs, cur);
	if (!read)
		snprintf(fs->error, sizeof(fs->error),
			 _("the draft could not be read again"));
	else if (st == TB_STALE) {
		mark_changed(fs, field);
		const char *now = form_values_get(&fs->v, field);
		char *shown = now ? form_type_format(
					fs->f, form_field(fs->f, field, NULL),
					now, fs->lang)
				  : NULL;
		snprintf(fs->error, sizeof(fs->error),
			 _("Not saved: %s was changed elsewhere after you read "
			   "it (now: %s). Save again to replace it."),
			 view_form_label_of(fs, field),
			 shown ? shown : _("empty"));
		free(shown);
		fs->edit_seen = fs->fi.revision;
	} else if (st != TB_OK)
		snprintf(fs->error, sizeof(fs->error), "%s",
			 d.n ? d.items[0].message : status_message(st));
	else {
		/* saved; a warning (a diagnosis outside the board's) shown */
		snprintf(fs->error, sizeof(fs->error), "%s",
			 d.n ? d.items[0].message : "");
		unmark(fs, field);
		/* what changed elsewhere was said: its fields stay marked,
		 * and the line saying so goes, as at any other key */
		fs->notice[0] = '\0';
	}
	diag_done(&d);
	if (read && st == TB_OK && with_undo && fs->fi.revision != before)
		undo_push(fs, field, was, fs->fi.revision);
	free(was);
	return read && st == TB_OK;
}

bool view_form_save(struct form_screen *fs, const char *input, long long seen)
{
	return save_field(fs, walk_field(&fs->w)->id, input, seen, true);
}

const char *view_form_title(struct ui *ui, void *st)
{
	(void)ui;
	struct form_screen *fs = st;
	snprintf(fs->title, sizeof(fs->title),
		 _("tumorboard — %s (%s %s) — case %s"),
		 form_text_get(&fs->f->title, fs->lang, NULL), fs->f->id,
		 fs->f->version, fs->c->external_id);
	return fs->title;
}

/* A value was taken: the walk goes on to the next field that blocks
 * signing, which waits for Enter before anything typed goes into it. */
static void after_set(struct form_screen *fs)
{
	walk_after_set(&fs->w);
	fs->arrived = true;
}

/* Option k (1-based) of the current choice, yes/no or multi field: set,
 * or switched on/off. */
static void pick(struct form_screen *fs, size_t k)
{
	const struct form_field *fd = walk_field(&fs->w);
	long long seen = fs->fi.revision;
	if (fd->type == FT_YESNO) {
		if (view_form_save(fs, k == 1 ? "yes" : "no", seen))
			after_set(fs);
		return;
	}
	const char *opt = fd->options[k - 1].value;
	if (fd->type == FT_CHOICE) {
		if (view_form_save(fs, opt, seen))
			after_set(fs);
		return;
	}
	/* multi: switch the option on or off */
	const char *cur = form_values_get(&fs->v, fd->id);
	struct strbuf sb;
	strbuf_init(&sb);
	bool was = false;
	char *copy = xstrdup(cur ? cur : "");
	for (char *save_p = NULL, *t = strtok_r(copy, " ", &save_p); t;
	     t = strtok_r(NULL, " ", &save_p)) {
		if (strcmp(t, opt) == 0) {
			was = true;
			continue;
		}
		strbuf_printf(&sb, "%s%s", sb.len ? " " : "", t);
	}
	if (!was)
		strbuf_printf(&sb, "%s%s", sb.len ? " " : "", opt);
	view_form_save(fs, sb.buf ? sb.buf : "", seen);
	strbuf_done(&sb);
	free(copy);
}

/* u: takes the last change back (refused when the field changed
 * elsewhere since). */
static void undo(struct form_screen *fs)
{
	if (!fs->n_undo) {
		snprintf(fs->error, sizeof(fs->error), _("Nothing to undo"));
		return;
	}
	struct undo_step st = fs->undo[--fs->n_undo];
	size_t at;
	if (form_field(fs->f, st.field, &at) &&
	    form_field_visible(fs->f, &fs->f->fields[at], &fs->v))
		fs->w.cur = at;
	if (save_field(fs, st.field, st.value ? st.value : "", st.revision,
		       false))
		snprintf(fs->error, sizeof(fs->error), _("Undone: %s %s"),
			 view_form_label_of(fs, st.field),
			 st.value ? _("has its earlier value again")
				  : _("is empty again"));
	free(st.field);
	free(st.value);
}

/* R: the value the case gives the field, as when the form was opened. */
static void restore(struct form_screen *fs)
{
	const struct form_field *fd = walk_field(&fs->w);
	char *pre = decision_prefill(fs->db, fs->f, app_kb(fs->ui->app),
				     fs->case_id, &fs->v, fd->id);
	if (!pre) {
		snprintf(fs->error, sizeof(fs->error),
			 _("The case gives no value for %s"),
			 form_text_get(&fd->label, fs->lang, NULL));
		return;
	}
	char u[32];
	if (view_form_save(fs, pre, fs->fi.revision))
		snprintf(fs->error, sizeof(fs->error),
			 _("Restored from the case (%s undoes)"),
			 view_form_key_word(fs, ACTION_UNDO, u));
	free(pre);
}

/* l: the team's free text switches between Swedish and English (the
 * draft's text-lang, beside the form's fields; the letter marks free text
 * not in its own language). Pressed again, it switches back. */
static void text_language(struct form_screen *fs)
{
	bool en = strcmp(decision_text_lang(&fs->v), "en") == 0;
	struct diag d;
	diag_init(&d);
	enum tb_status st = decision_text_lang_set(
	    fs->db, fs->fi.id, en ? "sv" : "en", fs->fi.revision, &d);
	size_t cur = fs->w.cur;
	bool read = reload(fs);
	if (read)
		rewalk(fs, cur);
	char k[32];
	view_form_key_word(fs, ACTION_TEXT_LANGUAGE, k);
	if (!read)
		snprintf(fs->error, sizeof(fs->error),
			 _("the draft could not be read again"));
	else if (st == TB_STALE)
		snprintf(fs->error, sizeof(fs->error),
			 _("Not switched: the draft was changed elsewhere; "
			   "the free text is in %s now (%s switches)"),
			 strcmp(decision_text_lang(&fs->v), "en") == 0
			     ? _("English")
			     : _("Swedish"),
			 k);
	else if (st != TB_OK)
		snprintf(fs->error, sizeof(fs->error), "%s",
			 d.n ? d.items[0].message : status_message(st));
	else if (en)
		snprintf(fs->error, sizeof(fs->error),
			 _("The team's free text is in Swedish: a letter in "
			   "another language marks it (%s switches)"),
			 k);
	else
		snprintf(fs->error, sizeof(fs->error),
			 _("The team's free text is in English: a letter in "
			   "another language marks it (%s switches)"),
			 k);
	diag_done(&d);
}

/* An amendment being asked for: opened by its prompt's check, so a reason
 * refused is asked again with why, the text kept (as an arrival is). */
struct amendment {
	struct form_screen *fs;
	char why[600];
};

/* The check of the amendment's reason: the amendment opened with it
 * (app_decision_open); NULL when it was, else why not. */
static const char *amend_check(const char *reason, const void *arg)
{
	struct amendment *a = (struct amendment *)arg;
	if (!*reason)
		return _("An amendment needs a reason");
	struct diag d;
	diag_init(&d);
	long long inst;
	enum tb_status st = app_decision_open(a->fs->ui->app, a->fs->case_id,
					      reason, &d, &inst);
	if (st != TB_OK)
		snprintf(a->why, sizeof(a->why), _("Not amended: %s"),
			 d.n ? d.items[0].message : status_message(st));
	diag_done(&d);
	return st == TB_OK ? NULL : a->why;
}

/* Opens or resumes the case's draft (app_decision_open: the one rule);
 * a signed decision is amended only with a reason, asked for here, and
 * a new one's form when there are two to choose from. */
static bool open_draft(struct form_screen *fs)
{
	struct app *app = fs->ui->app;
	long long latest = 0;
	enum app_decision_start start =
	    app_decision_start(app, fs->case_id, &latest);
	if (start == APP_DECISION_AMEND) {
		/* a reason refused (none, or the amendment refused) is asked
		 * again, saying why; Esc stops */
		char *prompt =
		    xasprintf(_("Decision %lld is signed. Amend it — why? "
				"(Esc: no) "),
			      latest);
		struct amendment a = {.fs = fs};
		char *why =
		    ui_prompt_checked(fs->ui, prompt, "", amend_check, &a);
		free(prompt);
		if (!why) {
			ui_say(fs->ui,
			       _("Not amended: an amendment needs a reason"));
			return false;
		}
		free(why);
		return reload(fs);
	}
	const char *form_id = NULL;
	if (start == APP_DECISION_NEW && !view_form_pick(fs, &form_id))
		return false;
	struct diag d;
	diag_init(&d);
	long long inst;
	enum tb_status st =
	    app_decision_open_form(app, fs->case_id, NULL, form_id, &d, &inst);
	fs->created = st == TB_OK && inst;
	diag_done(&d);
	return st == TB_OK && reload(fs);
}

bool view_form_key_is_command(const struct form_screen *fs, int key)
{
	switch (keymap_lookup(&fs->ui->keys, KEYMAP_VIEW_FORM, key)) {
	case ACTION_COMMAND:
	case ACTION_MOVE_UP:
	case ACTION_MOVE_DOWN:
		return true;
	default:
		return false;
	}
}

/* A key on a choice field picks by number (typed ahead); on a text field
 * a printable key other than the command line's starts editing it. The
 * rest are mapped to actions. */
static int form_key(struct ui *ui, void *st, int key)
{
	(void)ui;
	struct form_screen *fs = st;
	fs->notice[0] = '\0';
	if (!view_form_printable(key) || !fs->arrived)
		fs->typing_refused = false;
	const struct form_field *fd = walk_field(&fs->w);
	if (view_form_is_choice(fd)) {
		size_t k;
		enum walk_pick_result r =
		    walk_pick_key(&fs->pick, key, view_form_n_choices(fd), &k);
		if (r == WALK_PICK_WAIT || r == WALK_PICK_CANCEL)
			return 0;
		if (r == WALK_PICK_BAD) {
			snprintf(fs->error, sizeof(fs->error),
				 _("No option %zu: the options are 1 to %zu"),
				 k, view_form_n_choices(fd));
			return 0;
		}
		if (r == WALK_PICK_DONE || r == WALK_PICK_DONE_AND_KEY)
			pick(fs, k);
		if (r == WALK_PICK_DONE)
			return 0;
	} else if (fs->arrived && view_form_printable(key)) {
		/* the walk brought the form here: a command key keeps its
		 * meaning, anything else says how to start editing; after
		 * that every printable key is refused the same way (a
		 * sentence typed here never pages on with its spaces nor
		 * acts on its letters, to be typed into another field) */
		if (!fs->typing_refused &&
		    keymap_lookup(&fs->ui->keys, KEYMAP_VIEW_FORM, key) !=
			ACTION_NONE)
			return VIEW_UNKNOWN;
		fs->typing_refused = true;
		char e[32];
		snprintf(fs->error, sizeof(fs->error),
			 _("Not typed: %s edits %s (until then keys here are "
			   "commands)"),
			 view_form_key_word(fs, ACTION_EDIT, e),
			 form_text_get(&fd->label, fs->lang, NULL));
		return 0;
	} else if (fd->type == FT_NUMBER && view_form_printable(key) &&
		   (key > 127 || !strchr("0123456789-.,", key))) {
		/* no number has it: a command, as on a choice field (q goes
		 * back), else said */
		if (keymap_lookup(&fs->ui->keys, KEYMAP_VIEW_FORM, key) !=
		    ACTION_NONE)
			return VIEW_UNKNOWN;
		snprintf(fs->error, sizeof(fs->error),
			 _("Not typed: a number has digits, '-' and a "
			   "decimal mark ('.' or ',')"));
		return 0;
	} else if (view_form_printable(key) &&
		   !view_form_key_is_command(fs, key)) {
		/* typing on a text field edits it; the command line's key
		 * (:) opens the command line here as in every view, and j
		 * and k move as on every list (Enter first to type a value
		 * that starts with one of them) */
		struct lineedit one;
		lineedit_init(&one, NULL);
		lineedit_key(&one, key);
		if (view_form_edit_field(fs, one.buf))
			after_set(fs);
		return 0;
	}
	return VIEW_UNKNOWN;
}

static void clear_value(struct form_screen *fs)
{
	const struct form_field *fd = walk_field(&fs->w);
	char u[32], r[32];
	if (!form_values_get(&fs->v, fd->id))
		return;
	if (view_form_save(fs, "", fs->fi.revision))
		snprintf(fs->error, sizeof(fs->error),
			 _("Cleared (%s undoes, %s restores the case's value)"),
			 view_form_key_word(fs, ACTION_UNDO, u),
			 view_form_key_word(fs, ACTION_RESTORE, r));
}

/* PgDn and PgUp scroll a long option list, else move by section. */
static void form_page(struct form_screen *fs, enum action a)
{
	if (view_form_is_choice(walk_field(&fs->w)) &&
	    fs->opt_rows > fs->opt_room) {
		fs->opt_top +=
		    a == ACTION_PAGE_DOWN ? fs->opt_room : -fs->opt_room;
		return;
	}
	walk_section(&fs->w, a == ACTION_PAGE_DOWN ? 1 : -1);
}

static int form_action(struct ui *ui, void *st, enum action a)
{
	struct form_screen *fs = st;
	/* a move of the user's own: typing edits the field moved to */
	switch (a) {
	case ACTION_MOVE_DOWN:
	case ACTION_MOVE_UP:
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_NEXT_PANE:
	case ACTION_PREV_PANE:
	case ACTION_FIRST:
	case ACTION_LAST:
		fs->arrived = false;
		break;
	default:
		break;
	}
	switch (a) {
	case ACTION_MOVE_DOWN:
	case ACTION_MOVE_UP:
		walk_step(&fs->w, a == ACTION_MOVE_DOWN ? 1 : -1);
		fs->error[0] = '\0';
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
		form_page(fs, a);
		break;
	case ACTION_NEXT_PANE:
		walk_section(&fs->w, 1);
		break;
	case ACTION_PREV_PANE:
		walk_section(&fs->w, -1);
		break;
	case ACTION_FIRST:
		while (walk_step(&fs->w, -1))
			;
		break;
	case ACTION_LAST:
		while (walk_step(&fs->w, 1))
			;
		break;
	case ACTION_NEXT_INCOMPLETE:
		if (!walk_next_incomplete(&fs->w))
			ui_say(ui,
			       _("Nothing blocks signing: sign when ready"));
		else
			fs->arrived = true;
		break;
	case ACTION_EDIT:
		if (fs->arrived)
			fs->error[0] = '\0'; /* said of the field before */
		fs->arrived = false;
		if (view_form_edit_field(fs, NULL))
			after_set(fs);
		break;
	case ACTION_CLEAR_VALUE:
		clear_value(fs);
		break;
	case ACTION_UNDO:
		undo(fs);
		break;
	case ACTION_RESTORE:
		restore(fs);
		break;
	case ACTION_TEXT_LANGUAGE:
		text_language(fs);
		break;
	case ACTION_SIGN:
		return view_form_sign(fs, fs->chair) ? VIEW_CLOSE : 0;
	case ACTION_BACK:
		return VIEW_CLOSE;
	default:
		return VIEW_UNKNOWN;
	}
	return 0;
}

/* The draft changed in the store: loaded again and named (view_form_sync);
 * signed or abandoned elsewhere, the form closes. */
static int form_reload(struct ui *ui, void *st)
{
	(void)ui;
	return view_form_sync(st, false) ? 0 : VIEW_CLOSE;
}

static long long form_subject(struct ui *ui, void *st)
{
	(void)ui;
	struct form_screen *fs = st;
	return fs->case_id;
}

static void form_close(struct ui *ui, void *st)
{
	struct form_screen *fs = st;
	/* opened here and left with nothing saved: no draft stays behind
	 * (the case never became a decision draft) */
	bool dropped = false;
	if (fs->created && fs->fi.id &&
	    db_form_drop_unsaved(fs->db, fs->fi.id, &dropped) == TB_OK &&
	    dropped)
		ui_say(ui, _("Nothing saved: no draft was kept"));
	undo_clear(fs);
	for (size_t i = 0; i < fs->n_marks; i++)
		mark_free(&fs->marks[i]);
	free(fs->marks);
	model_case_free(&fs->c);
	db_form_instance_done(&fs->fi);
	form_values_done(&fs->v);
	free(fs);
}

static bool form_draw(struct ui *ui, void *st)
{
	(void)ui;
	view_form_draw_body(st, NULL, NULL);
	return true;
}

static const struct view_ops form_ops = {
    .name = "form",
    .keymap = KEYMAP_VIEW_FORM,
    .title = view_form_title,
    .draw = form_draw,
    .on_key = form_key,
    .on_action = form_action,
    .reload = form_reload,
    .close = form_close,
    .subject = form_subject,
    .clock_in_title = true,
};

/* Opens the form (see view_form.h); the draft is opened or resumed, the
 * meeting checked. False when it could not be opened. */
static bool form_open(struct form_screen *fs)
{
	struct app *app = fs->ui->app;
	if (db_case_load(fs->db, fs->case_id, &fs->c) != TB_OK ||
	    !open_draft(fs)) {
		if (!fs->ui->msg[0])
			ui_say(fs->ui,
			       _("The decision form could not be opened"));
		return false;
	}
	fs->f =
	    form_set_version(&app->forms, fs->fi.form_id, fs->fi.form_version);
	if (!fs->f) {
		ui_say(fs->ui, _("The draft's form %s %s is not installed"),
		       fs->fi.form_id, fs->fi.form_version);
		return false;
	}
	/* a decision is made at a meeting only once it has met, and an
	 * amendment only while it runs; otherwise it is outside any
	 * meeting, whatever agenda led here */
	if (fs->meeting_id) {
		struct tb_meeting m = {0};
		if (db_meeting_get(fs->db, fs->meeting_id, &m) != TB_OK ||
		    !decision_meeting_held(&m) ||
		    (fs->fi.amends && strcmp(m.status, "running") != 0))
			fs->meeting_id = 0;
	}
	clock_today(fs->today);
	fs->ctx = (struct form_ctx){
	    .today = fs->today, .form = fs->f, .values = &fs->v, .c = fs->c};
	walk_init_ctx(&fs->w, fs->f, &fs->v, &fs->ctx);
	return true;
}

bool view_form_push(struct ui *ui, long long case_id, long long meeting_id,
		    const char *chair)
{
	struct form_screen *fs = xcalloc(1, sizeof(*fs));
	app_need_forms(ui->app, ui->msg, sizeof(ui->msg));
	*fs = (struct form_screen){.ui = ui,
				   .db = ui->app->db,
				   .forms = &ui->app->forms,
				   .case_id = case_id,
				   .meeting_id = meeting_id,
				   .chair = chair,
				   .lang = i18n_language(),
				   .opt_field = (size_t)-1};
	form_values_init(&fs->v);
	if (!form_open(fs)) {
		form_close(ui, fs);
		return false;
	}
	view_push(ui, &form_ops, fs);
	return true;
}
