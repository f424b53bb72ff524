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
 * or Enter), and letters are commands. Every other field is a text field:
 * a printable key starts editing it with that character after the value
 * it holds (nothing is replaced unseen), so commands there use keys that
 * type nothing (Enter, Del, C-n, C-u, C-r, F2, Esc).
 * Clearing and every other change can be undone (u); R restores the value
 * pre-filled from the case. After a value is set the walk goes to the next
 * field that blocks signing (form_field_problem: the one rule that also
 * decides "ready to sign" and signing itself).
 *
 * Multi-line text and rows are edited in a box over the detail pane (C-o
 * starts a new line); one-line values on the status line, scrolled
 * sideways to keep the cursor in view. Signing reads the whole decision
 * back as it will be archived and signs exactly the revision read back.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_form.h"
#include "db_meeting.h"
#include "decision.h"
#include "diag.h"
#include "form_type.h"
#include "keymap.h"
#include "lineedit.h"
#include "quorum.h"
#include "render.h"
#include "render_form.h"
#include "textdoc.h"
#include "ui_curses.h"
#include "ui_internal.h"
#include "util.h"
#include "walk.h"

#define PILCROW	 "\xc2\xb6"
#define LABEL_W	 32
#define UNDO_MAX 32
#define WRAP_MAX 512

/* What the session remembers between forms: who signs, who attends (and
 * at which meeting, 0 outside one: attendees typed for one meeting are
 * never offered for a decision outside it). */
static char last_signer[LINEEDIT_MAX];
static char last_attendees[LINEEDIT_MAX];
static long long last_attendees_meeting;

/* One change that u takes back: the field's earlier value (NULL: it had
 * none) and the revision the change made. */
struct undo_step {
	char *field;
	char *value;
	long long revision;
};

struct form_screen {
	struct db *db;
	const struct form_set *forms;
	const struct form *f;
	long long case_id;
	struct tb_case *c;
	struct db_form_instance fi; /* fi.revision: the revision shown */
	struct form_values v;
	struct walk w;
	char today[11];
	struct form_ctx ctx; /* the signing rule's context, for the walk */
	int top;	     /* first field row shown */
	char error[FORM_ERR_MAX + 256];
	char notice[512]; /* what changed elsewhere, until the next key */
	const char *lang;
	long long meeting_id; /* 0 when not opened from an agenda */
	struct walk_pick pick;
	size_t opt_field; /* the field opt_top belongs to */
	int opt_top;	  /* first option line shown */
	int opt_rows;	  /* option lines, and how many fit (PgDn/PgUp) */
	int opt_room;
	struct undo_step undo[UNDO_MAX];
	size_t n_undo;
	long long edit_seen; /* the revision the open editor's value is from */
	size_t edit_start;   /* first byte shown of a one-line editor */
	int edit_top;	     /* first row shown of a multi-line editor */
};

static bool is_choice(const struct form_field *fd)
{
	return fd->type == FT_CHOICE || fd->type == FT_MULTI ||
	       fd->type == FT_YESNO;
}

static size_t n_choices(const struct form_field *fd)
{
	return fd->type == FT_YESNO ? 2 : fd->n_options;
}

/* Edited in the multi-line box: long text and rows of alternatives. */
static bool is_multiline(const struct form_field *fd)
{
	return (fd->type == FT_TEXT && fd->lines > 1) ||
	       fd->type == FT_ALTERNATIVES;
}

/* A key that types a character (and so edits a text field). */
static bool printable(int key)
{
	return key >= ' ' && key != 127 && key < 0x110000 &&
	       !(key >= 0x80 && key < 0xA0) && key < KEYMAP_SPECIAL;
}

/* Stored values → editor text: a row's columns are shown separated by
 * " | ", empty trailing columns dropped except one, so a finding without
 * a tier reads "EGFR p.L858R | " ready for the tier to be typed. Lines
 * stay lines in the multi-line editor and are shown as ¶ elsewhere. */
static char *to_editor(const char *s, bool multiline)
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

static char *from_editor(const char *s)
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

static const char *label_of(const struct form_screen *fs, const char *id)
{
	const struct form_field *fd = form_field(fs->f, id, NULL);
	return fd ? form_text_get(&fd->label, fs->lang, NULL) : id;
}

/* "Label, Label" for field ids one a line; caller frees. */
static char *labels_of(const struct form_screen *fs, const char *ids)
{
	struct strbuf sb;
	strbuf_init(&sb);
	char *copy = xstrdup(ids ? ids : "");
	for (char *save_p = NULL, *t = strtok_r(copy, "\n", &save_p); t;
	     t = strtok_r(NULL, "\n", &save_p))
		strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", label_of(fs, t));
	free(copy);
	if (!sb.len)
		strbuf_puts(&sb, "no field shown here");
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
	return db_form_draft(fs->db, fs->case_id, &fs->fi, &fs->v) == TB_OK;
}

/*
 * Loads the draft again when its revision moved (another terminal, the
 * command line) and says what changed. False when it is no longer a
 * draft (signed or abandoned elsewhere): the form closes then.
 */
static bool sync_draft(struct form_screen *fs)
{
	struct db_form_instance now;
	if (!fs->fi.id || db_form_get(fs->db, fs->fi.id, &now, NULL) != TB_OK)
		return true;
	bool draft = strcmp(now.status, "draft") == 0;
	long long rev = now.revision;
	db_form_instance_done(&now);
	if (!draft) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The draft was signed or abandoned elsewhere");
		return false;
	}
	if (rev == fs->fi.revision)
		return true;
	long long was = fs->fi.revision;
	struct strbuf ch;
	strbuf_init(&ch);
	db_form_changed_since(fs->db, fs->fi.id, was, &ch);
	char *labels = labels_of(fs, ch.buf);
	strbuf_done(&ch);
	size_t cur = fs->w.cur;
	if (!reload(fs)) {
		free(labels);
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The draft could not be read again");
		return false;
	}
	rewalk(fs, cur);
	snprintf(fs->notice, sizeof(fs->notice),
		 "Changed elsewhere (revision %lld → %lld): %s", was,
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
	enum tb_status st = decision_set_at(fs->db, fs->forms, fs->case_id,
					    field, input, seen, &d);
	size_t cur = fs->w.cur;
	bool read = reload(fs);
	if (read)
		rewalk(fs, cur);
	if (!read)
		snprintf(fs->error, sizeof(fs->error),
			 "the draft could not be read again");
	else if (st == TB_INVALID && seen && d.n &&
		 strstr(d.items[0].message, "changed by someone else")) {
		const char *now = form_values_get(&fs->v, field);
		char *shown = now ? form_type_format(
					fs->f, form_field(fs->f, field, NULL),
					now, fs->lang)
				  : NULL;
		snprintf(fs->error, sizeof(fs->error),
			 "Not saved: %s was changed elsewhere after you read "
			 "it (now: %s). Save again to replace it.",
			 label_of(fs, field), shown ? shown : "empty");
		free(shown);
		fs->edit_seen = fs->fi.revision;
	} else if (st != TB_OK)
		snprintf(fs->error, sizeof(fs->error), "%s",
			 d.n ? d.items[0].message : status_message(st));
	else
		fs->error[0] = '\0';
	diag_done(&d);
	if (read && st == TB_OK && with_undo && fs->fi.revision != before)
		undo_push(fs, field, was, fs->fi.revision);
	free(was);
	return read && st == TB_OK;
}

static bool save(struct form_screen *fs, const char *input, long long seen)
{
	return save_field(fs, walk_field(&fs->w)->id, input, seen, true);
}

static void draw_text_line(int y, int x, int w, const char *text,
			   enum ui_color c)
{
	char *clean = util_sanitize(text, false);
	ui_put_clipped(y, x, w, clean, ui_attr(c));
	free(clean);
}

/* The field rows between y0 and y1 (exclusive). */
static void draw_fields(struct form_screen *fs, int y0, int y1)
{
	const struct form *f = fs->f;
	int rows = y1 - y0;
	if (rows < 1)
		return;
	/* the visible fields, and the row of the current one */
	size_t *idx = xcalloc(f->n_fields ? f->n_fields : 1, sizeof(size_t));
	int n = 0, cur_row = 0;
	for (size_t i = 0; i < f->n_fields; i++) {
		if (!form_field_visible(f, &f->fields[i], &fs->v))
			continue;
		if (i == fs->w.cur)
			cur_row = n;
		idx[n++] = i;
	}
	if (cur_row < fs->top)
		fs->top = cur_row;
	if (cur_row >= fs->top + rows)
		fs->top = cur_row - rows + 1;
	for (int r = 0; r < rows && fs->top + r < n; r++) {
		size_t i = idx[fs->top + r];
		const struct form_field *fd = &f->fields[i];
		int y = y0 + r;
		bool here = i == fs->w.cur;
		char err[FORM_ERR_MAX];
		attr_t base = ui_attr(here ? UC_SELECTED : UC_NORMAL);
		if (here)
			ui_fill_line(y, base);
		const char *val = form_values_get(&fs->v, fd->id);
		const char *label = form_text_get(&fd->label, fs->lang, NULL);
		/* '*': this field blocks signing (the signing rule) */
		draw_text_line(y, 0, 2,
			       form_field_problem(f, fd, &fs->v, &fs->ctx, err)
				   ? "*"
				   : " ",
			       here ? UC_SELECTED : UC_WARN);
		draw_text_line(y, 2, LABEL_W - 3, label,
			       here ? UC_SELECTED : UC_LABEL);
		if (val) {
			char *text = form_type_format(f, fd, val, fs->lang);
			char *one = to_editor(text, false);
			draw_text_line(y, LABEL_W, COLS - LABEL_W - 1, one,
				       here ? UC_SELECTED : UC_NORMAL);
			free(one);
			free(text);
		} else
			draw_text_line(y, LABEL_W, COLS - LABEL_W - 1,
				       fd->required ? "required" : "—",
				       here ? UC_SELECTED : UC_DIM);
	}
	free(idx);
}

/* Whether option number k (1-based) is still possible with the digits
 * typed ahead (pending, 0 when none). */
static bool option_matches(size_t k, size_t pending)
{
	if (!pending)
		return true;
	for (; k; k /= 10)
		if (k == pending)
			return true;
	return false;
}

/*
 * The detail pane for the current field: label and how to answer, the
 * message and what changed elsewhere, the options (their lines are
 * [*o0, *o1) of doc), help and guideline.
 */
static void build_detail(struct form_screen *fs, struct textdoc *doc,
			 size_t *o0, size_t *o1)
{
	const struct form_field *fd = walk_field(&fs->w);
	textdoc_put(doc, TD_STRONG, form_text_get(&fd->label, fs->lang, NULL));
	if (fs->pick.n)
		textdoc_printf(doc, TD_STRONG,
			       "  — %zu… type the next digit, or Enter for "
			       "%zu",
			       fs->pick.n, fs->pick.n);
	else
		switch (fd->type) {
		case FT_CHOICE:
		case FT_YESNO:
			textdoc_put(doc, TD_DIM,
				    "  — type the option's number");
			break;
		case FT_MULTI:
			textdoc_put(doc, TD_DIM,
				    "  — numbers switch options on/off");
			break;
		case FT_DATE:
			textdoc_put(doc, TD_DIM,
				    "  — type YYYY-MM-DD, +14, +6w, +3m");
			break;
		case FT_ALTERNATIVES:
			textdoc_put(doc, TD_DIM,
				    "  — type option: reason; C-o next line");
			break;
		case FT_FINDING:
			textdoc_put(
			    doc, TD_DIM,
			    "  — finding | tier | evidence; Enter edits");
			break;
		case FT_TRIAL:
			textdoc_put(doc, TD_DIM,
				    "  — type an NCT, EU CT or EudraCT number");
			break;
		case FT_NUMBER:
			textdoc_printf(doc, TD_DIM, "  — type %g to %g%s%s",
				       fd->min, fd->max, fd->unit ? " " : "",
				       fd->unit ? fd->unit : "");
			break;
		default:
			textdoc_put(doc, TD_DIM,
				    "  — type to replace, Enter to edit");
		}
	textdoc_newline(doc);
	if (fs->notice[0])
		textdoc_wrap(doc, 0, TD_WARN, fs->notice);
	if (fs->error[0])
		textdoc_wrap(doc, 0, TD_WARN, fs->error);
	/* the last line is the open one: the options start there */
	*o0 = *o1 = doc->n_lines - 1;
	const struct form_field *opts = fd;
	if (fd->type == FT_ALTERNATIVES)
		opts = form_field(fs->f, fd->options_from, NULL);
	if (opts && opts->n_options) {
		const char *val = form_values_get(&fs->v, fd->id);
		bool first = true;
		for (size_t i = 0; i < opts->n_options; i++) {
			if (!option_matches(i + 1, fs->pick.n))
				continue;
			const struct form_option *o = &opts->options[i];
			bool on = fd->type == FT_MULTI && val &&
				  form_value_has(val, o->value);
			char num[32];
			snprintf(num, sizeof(num), "%zu ", i + 1);
			/* keep an option on one line */
			const char *lab =
			    form_text_get(&o->label, fs->lang, NULL);
			int need = util_display_width(num) +
				   util_display_width(lab) + (on ? 2 : 0);
			if (need > 0 && doc->n_lines &&
			    doc->lines[doc->n_lines - 1].len &&
			    util_display_width(
				doc->lines[doc->n_lines - 1].text) +
				    need + 2 >=
				COLS - 1)
				textdoc_newline(doc);
			else if (!first)
				textdoc_put(doc, TD_NORMAL, "  ");
			first = false;
			textdoc_put(doc, TD_LABEL, num);
			textdoc_put(doc, on ? TD_STRONG : TD_NORMAL, lab);
			if (on)
				textdoc_put(doc, TD_STRONG, " ✓");
		}
		textdoc_newline(doc);
		*o1 = doc->n_lines - 1;
	} else if (fd->type == FT_YESNO) {
		textdoc_put(doc, TD_LABEL, "1 ");
		textdoc_put(doc, TD_NORMAL,
			    strcmp(fs->lang, "sv") == 0 ? "ja" : "yes");
		textdoc_put(doc, TD_LABEL, "  2 ");
		textdoc_put(doc, TD_NORMAL,
			    strcmp(fs->lang, "sv") == 0 ? "nej" : "no");
		textdoc_newline(doc);
		*o1 = doc->n_lines - 1;
	}
	if (fd->help.n)
		textdoc_wrap(doc, 0, TD_NORMAL,
			     form_text_get(&fd->help, fs->lang, NULL));
	if (fd->guideline)
		textdoc_printf(doc, TD_DIM, "Guideline: %s", fd->guideline);
}

/* Draws doc in rows y0..y1 (exclusive): the lines before the options
 * always, the options scrolled (fs->opt_top) with a line saying what is
 * not shown, then the rest as far as it fits. */
static void draw_detail(struct form_screen *fs, const struct textdoc *doc,
			size_t o0, size_t o1, int y0, int y1)
{
	int before = (int)o0, nopt = (int)(o1 - o0);
	if (fs->opt_field != fs->w.cur) {
		fs->opt_field = fs->w.cur;
		fs->opt_top = 0;
	}
	fs->opt_rows = nopt;
	fs->opt_room = nopt;
	int y = y0;
	for (int i = 0; i < before && y < y1; i++)
		ui_draw_doc_line(y++, &doc->lines[i]);
	int room = y1 - y;
	if (nopt > room) {
		/* scroll: the last row says what is hidden */
		int win = room - 1 > 0 ? room - 1 : 1;
		fs->opt_room = win;
		if (fs->opt_top > nopt - win)
			fs->opt_top = nopt - win;
		if (fs->opt_top < 0)
			fs->opt_top = 0;
		for (int i = 0; i < win && y < y1; i++)
			ui_draw_doc_line(
			    y++, &doc->lines[(int)o0 + fs->opt_top + i]);
		if (y < y1) {
			char more[160];
			snprintf(more, sizeof(more),
				 "  ↕ option lines %d–%d of %d: PgDn/PgUp "
				 "scroll, or type a number",
				 fs->opt_top + 1, fs->opt_top + win, nopt);
			draw_text_line(y++, 0, COLS - 1, more, UC_DIM);
		}
		return;
	}
	fs->opt_top = 0;
	for (size_t i = o0; i < doc->n_lines && y < y1; i++)
		ui_draw_doc_line(y++, &doc->lines[i]);
}

/* The hints: on a text field the keys that type nothing. */
/* The key for action a on the current field, as the hints show it (on a
 * text field one that types nothing); -1 when none is bound. */
static int key_for(const struct form_screen *fs, enum action a)
{
	bool text = !is_choice(walk_field(&fs->w));
	int best = -1;
	for (size_t k = 0; k < ui_keys.n; k++) {
		int key = ui_keys.b[k].key;
		if (keymap_lookup(&ui_keys, KEYMAP_VIEW_FORM, key) != a)
			continue;
		if (text && printable(key))
			continue;
		if (!text && key >= '0' && key <= '9')
			continue;
		best = key;
	}
	return best;
}

/* "u undoes"-style words for messages: the key's name, or the action's
 * name with ':' when no key is bound. buf holds 32 bytes. */
static const char *key_word(const struct form_screen *fs, enum action a,
			    char buf[32])
{
	char name[16];
	int k = key_for(fs, a);
	if (k < 0)
		snprintf(buf, 32, ":%s", action_name(a));
	else
		snprintf(buf, 32, "%s", keymap_key_name(k, name));
	return buf;
}

static char *form_hints(const struct form_screen *fs)
{
	/* the most needed first: a narrow terminal cuts the rest */
	static const enum action acts[] = {ACTION_EDIT,
					   ACTION_SIGN,
					   ACTION_UNDO,
					   ACTION_CLEAR_VALUE,
					   ACTION_NEXT_INCOMPLETE,
					   ACTION_BACK,
					   ACTION_HELP};
	if (ui_status_msg[0])
		return xstrdup(ui_status_msg);
	struct strbuf sb;
	strbuf_init(&sb);
	char name[16];
	if (is_choice(walk_field(&fs->w)))
		strbuf_printf(&sb, "1-%zu pick", n_choices(walk_field(&fs->w)));
	for (size_t i = 0; i < UTIL_ARRAY_LEN(acts); i++) {
		int best = key_for(fs, acts[i]);
		if (best < 0)
			continue;
		strbuf_printf(&sb, "%s%s %s", sb.len ? "  " : "",
			      keymap_key_name(best, name),
			      action_name(acts[i]));
	}
	return strbuf_detach(&sb);
}

/* The editor on the status line, scrolled sideways to keep the cursor in
 * view (a … on the left says text is hidden there). */
static void draw_line_editor(struct form_screen *fs, const char *prompt,
			     const struct lineedit *le)
{
	int pw = util_display_width(prompt);
	if (pw > COLS / 2) {
		/* a long prompt gets the lines above to itself, wrapped (at
		 * most three: the message line stays clear) */
		struct textdoc d;
		textdoc_init(&d, COLS > 4 ? COLS - 2 : 2);
		textdoc_wrap(&d, 0, TD_STRONG, prompt);
		int n = (int)d.n_lines;
		while (n > 0 && d.lines[n - 1].len == 0)
			n--; /* the wrap ends the paragraph with a newline */
		if (n > 3)
			n = 3;
		for (int i = 0; i < n; i++) {
			int y = LINES - 1 - n + i;
			move(y, 0);
			clrtoeol();
			draw_text_line(y, 1, COLS - 2, d.lines[i].text,
				       UC_STRONG);
		}
		textdoc_done(&d);
		prompt = "> ";
		pw = 2;
	}
	int width = COLS - 2 - pw;
	fs->edit_start = lineedit_scroll(le, width, fs->edit_start);
	ui_draw_bar(LINES - 1, UC_STATUS, "");
	draw_text_line(LINES - 1, 1, pw, prompt, UC_STATUS);
	int x = 1 + pw;
	if (fs->edit_start > 0) {
		draw_text_line(LINES - 1, x, 1, "…", UC_STATUS);
		x++;
	}
	draw_text_line(LINES - 1, x, COLS - x, le->buf + fs->edit_start,
		       UC_STATUS);
	char *before =
	    xstrndup(le->buf + fs->edit_start, le->cur - fs->edit_start);
	int cx = x + util_display_width(before);
	free(before);
	move(LINES - 1, cx < COLS ? cx : COLS - 1);
}

/* The multi-line editor in rows y0..y1 (exclusive): the prompt, the
 * message, then the text wrapped, scrolled to keep the cursor in view. */
static void draw_box_editor(struct form_screen *fs, const char *prompt,
			    const struct lineedit *le, int y0, int y1)
{
	static size_t starts[WRAP_MAX];
	for (int y = y0; y < y1; y++) {
		move(y, 0);
		clrtoeol();
	}
	int y = y0;
	draw_text_line(y++, 0, COLS - 1, prompt, UC_STRONG);
	if (fs->error[0] && y < y1)
		draw_text_line(y++, 0, COLS - 1, fs->error, UC_WARN);
	int width = COLS - 3;
	size_t crow;
	int ccol;
	size_t n = lineedit_wrap(le, width, starts, WRAP_MAX, &crow, &ccol);
	if (n > WRAP_MAX)
		n = WRAP_MAX;
	int h = y1 - y;
	if (h < 1)
		return;
	if ((int)crow < fs->edit_top)
		fs->edit_top = (int)crow;
	if ((int)crow >= fs->edit_top + h)
		fs->edit_top = (int)crow - h + 1;
	for (int r = 0; r < h && (size_t)(fs->edit_top + r) < n; r++) {
		size_t i = (size_t)(fs->edit_top + r);
		size_t from = starts[i];
		size_t to = i + 1 < n ? starts[i + 1] : le->len;
		if (to > from && le->buf[to - 1] == '\n')
			to--;
		char *row = xstrndup(le->buf + from, to - from);
		draw_text_line(y + r, 0, 2,
			       r == 0 && fs->edit_top > 0 ? "↑" : "│", UC_DIM);
		draw_text_line(y + r, 2, width + 1, row, UC_NORMAL);
		free(row);
	}
	if ((size_t)(fs->edit_top + h) < n)
		draw_text_line(y1 - 1, 0, 2, "↓", UC_DIM);
	ui_draw_bar(LINES - 1, UC_STATUS,
		    "Enter saves  C-o new line  arrows move  Esc cancels");
	move(y + (int)crow - fs->edit_top, 2 + ccol);
}

static void draw(struct form_screen *fs, const struct lineedit *le,
		 const char *prompt)
{
	char title[256];
	erase();
	snprintf(title, sizeof(title), "tumorboard — %s (%s %s) — case %s",
		 form_text_get(&fs->f->title, fs->lang, NULL), fs->f->id,
		 fs->f->version, fs->c->external_id);
	ui_draw_title(title);
	struct textdoc head;
	textdoc_init(&head, COLS - 1);
	struct render_opts ro = {.mask_id = true};
	char today[11];
	clock_today(today);
	ro.today = today;
	render_case_banner(fs->c, &ro, &head);
	int y = 1;
	for (size_t i = 0; i < head.n_lines && y < LINES - 4; i++) {
		if (head.lines[i].len == 0 && i + 1 == head.n_lines)
			break;
		ui_draw_doc_line(y++, &head.lines[i]);
	}
	textdoc_done(&head);
	size_t pos, n;
	walk_position(&fs->w, &pos, &n);
	/* one rule: what blocks signing */
	size_t todo = form_check(fs->f, &fs->v, &fs->ctx, NULL);
	const struct form_section *sec = form_section_of(fs->f, fs->w.cur);
	char progress[256];
	char todo_s[64];
	snprintf(todo_s, sizeof(todo_s), "%zu to do before signing", todo);
	snprintf(progress, sizeof(progress), "%s · field %zu of %zu · %s%s",
		 sec ? form_text_get(&sec->title, fs->lang, NULL) : "", pos, n,
		 todo ? todo_s : "ready to sign",
		 fs->fi.amends ? " · amendment" : "");
	draw_text_line(y++, 0, COLS, progress, todo ? UC_HEADING : UC_STRONG);
	struct textdoc doc;
	size_t o0, o1;
	textdoc_init(&doc, COLS - 1);
	build_detail(fs, &doc, &o0, &o1);
	/* the detail pane grows (leaving 4 field rows) to show options */
	int detail_h = LINES >= 30 ? 8 : 6;
	int most = LINES - 1 - y - 4;
	int need = (int)doc.n_lines;
	if (need && doc.lines[need - 1].len == 0)
		need--; /* the open, empty last line */
	if (need > detail_h)
		detail_h = need < most ? need : most;
	if (le && le->multiline && detail_h < 8 && most >= 8)
		detail_h = 8;
	if (detail_h < 1)
		detail_h = 1;
	int y1 = LINES - 1 - detail_h;
	if (y1 < y + 1)
		y1 = y + 1;
	draw_fields(fs, y, y1);
	if (le && le->multiline) {
		draw_box_editor(fs, prompt, le, y1, LINES - 1);
		curs_set(1);
	} else {
		draw_detail(fs, &doc, o0, o1, y1, LINES - 1);
		if (le) {
			draw_line_editor(fs, prompt, le);
			curs_set(1);
		} else {
			char *h = form_hints(fs);
			ui_draw_bar(LINES - 1, UC_STATUS, h);
			free(h);
			curs_set(0);
		}
	}
	textdoc_done(&doc);
	refresh();
}

/*
 * Reads a value with the editor, starting from init (multi-line in a box
 * when multiline). Returns the text (caller frees) or NULL when cancelled.
 * check (may be NULL) is called on accept; when it returns false the
 * editor stays open with the text and the message, so a refused value is
 * never lost.
 */
static char *edit_line(struct form_screen *fs, const char *prompt,
		       const char *init, bool multiline,
		       bool (*check)(struct form_screen *, const char *))
{
	struct lineedit le;
	bool confirm = false;
	lineedit_init(&le, init);
	le.multiline = multiline;
	fs->edit_start = 0;
	fs->edit_top = 0;
	for (;;) {
		draw(fs, &le, prompt);
		int key = ui_getkey();
		if (ui_stopping())
			return NULL;
		if (key < 0)
			continue;
		if (key == 15 && !multiline) { /* C-o: a new line (a row) */
			lineedit_key(&le, ' ');
			lineedit_key(&le, 0xB6);
			lineedit_key(&le, ' ');
			continue;
		}
		enum lineedit_result r = lineedit_key(&le, key);
		/* Esc on a changed text asks first: a second Esc discards */
		if (r == LINEEDIT_CANCEL && strcmp(le.buf, init ? init : "") &&
		    !confirm) {
			confirm = true;
			snprintf(fs->error, sizeof(fs->error),
				 "Esc again discards what you typed; Enter "
				 "keeps it");
			continue;
		}
		if (r == LINEEDIT_CANCEL) {
			fs->error[0] = '\0';
			return NULL;
		}
		if (r != LINEEDIT_NONE)
			confirm = false;
		if (r != LINEEDIT_ACCEPT)
			continue;
		char *text = from_editor(le.buf);
		if (!check || check(fs, text))
			return text;
		free(text);
	}
}

static bool check_and_save(struct form_screen *fs, const char *text)
{
	return save(fs, text, fs->edit_seen);
}

/* One finding row, checked as the whole field would check it. */
static bool check_row(struct form_screen *fs, const char *text)
{
	const struct form_field *fd = walk_field(&fs->w);
	char err[FORM_ERR_MAX];
	char *canon = NULL;
	bool ok = form_type_parse_value(fd, text, &fs->ctx, &canon, err) &&
		  form_type_complete(fd, canon, err);
	free(canon);
	if (ok)
		fs->error[0] = '\0';
	else
		/* "row 1: ..." names the row of the field, not of the walk */
		snprintf(fs->error, sizeof(fs->error), "%s",
			 strncmp(err, "row 1: ", 7) == 0 ? err + 7 : err);
	return ok;
}

/*
 * Finding rows are edited one at a time: the editor holds "finding | tier
 * | evidence" for each row in turn (Esc stops, keeping the rows before).
 * The rows are then saved together. True when saved.
 */
static bool edit_rows(struct form_screen *fs)
{
	const struct form_field *fd = walk_field(&fs->w);
	const char *val = form_values_get(&fs->v, fd->id);
	char *rows = xstrdup(val ? val : "");
	long long seen = fs->fi.revision;
	struct strbuf out;
	strbuf_init(&out);
	size_t n_rows = 0;
	for (const char *p = rows; *p; p += strcspn(p, "\n"), p += *p != 0)
		n_rows++;
	size_t row = 0;
	bool stopped = false;
	for (char *save_p = NULL, *line = strtok_r(rows, "\n", &save_p); line;
	     line = strtok_r(NULL, "\n", &save_p)) {
		row++;
		char *text = NULL;
		if (!stopped) {
			char *init = to_editor(line, false);
			char *prompt =
			    xasprintf("Finding %zu of %zu: ", row, n_rows);
			text = edit_line(fs, prompt, init, false, check_row);
			free(prompt);
			free(init);
			if (!text)
				stopped = true;
		}
		strbuf_printf(&out, "%s%s", out.len ? "\n" : "",
			      text ? text : line);
		free(text);
	}
	free(rows);
	bool ok = out.len ? save(fs, out.buf, seen) : false;
	strbuf_done(&out);
	return ok && !stopped;
}

/* Edits the current text field, from its value or (typed non-NULL) from
 * the character typed on it. True when a value was saved. */
static bool edit_field(struct form_screen *fs, const char *typed)
{
	const struct form_field *fd = walk_field(&fs->w);
	if (fd->type == FT_FINDING && form_values_get(&fs->v, fd->id))
		return edit_rows(fs);
	bool multi = is_multiline(fd);
	/* A key typed on a field that holds a value opens the editor with
	 * the value and the key after it: one stray letter never replaces
	 * a whole value unseen. */
	char *init = to_editor(form_values_get(&fs->v, fd->id), multi);
	if (typed) {
		char *both = xasprintf("%s%s", init, typed);
		free(init);
		init = both;
	}
	char *prompt =
	    xasprintf("%s: ", form_text_get(&fd->label, fs->lang, NULL));
	fs->edit_seen = fs->fi.revision;
	char *text = edit_line(fs, prompt, init, multi, check_and_save);
	bool saved = text != NULL;
	free(text);
	free(prompt);
	free(init);
	return saved;
}

/* Option k (1-based) of the current choice, yes/no or multi field: set,
 * or switched on/off. */
static void pick(struct form_screen *fs, size_t k)
{
	const struct form_field *fd = walk_field(&fs->w);
	long long seen = fs->fi.revision;
	if (fd->type == FT_YESNO) {
		if (save(fs, k == 1 ? "yes" : "no", seen))
			walk_after_set(&fs->w);
		return;
	}
	const char *opt = fd->options[k - 1].value;
	if (fd->type == FT_CHOICE) {
		if (save(fs, opt, seen))
			walk_after_set(&fs->w);
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
	save(fs, sb.buf ? sb.buf : "", seen);
	strbuf_done(&sb);
	free(copy);
}

/* u: takes the last change back (refused when the field changed
 * elsewhere since). */
static void undo(struct form_screen *fs)
{
	if (!fs->n_undo) {
		snprintf(fs->error, sizeof(fs->error), "Nothing to undo");
		return;
	}
	struct undo_step st = fs->undo[--fs->n_undo];
	size_t at;
	if (form_field(fs->f, st.field, &at) &&
	    form_field_visible(fs->f, &fs->f->fields[at], &fs->v))
		fs->w.cur = at;
	if (save_field(fs, st.field, st.value ? st.value : "", st.revision,
		       false))
		snprintf(fs->error, sizeof(fs->error), "Undone: %s %s",
			 label_of(fs, st.field),
			 st.value ? "has its earlier value again"
				  : "is empty again");
	free(st.field);
	free(st.value);
}

/* R: the value the case gives the field, as when the form was opened. */
static void restore(struct form_screen *fs)
{
	const struct form_field *fd = walk_field(&fs->w);
	char *pre = decision_prefill(fs->db, fs->f, ui_kb.n ? &ui_kb : NULL,
				     fs->case_id, &fs->v, fd->id);
	if (!pre) {
		snprintf(fs->error, sizeof(fs->error),
			 "The case gives no value for %s",
			 form_text_get(&fd->label, fs->lang, NULL));
		return;
	}
	char u[32];
	if (save(fs, pre, fs->fi.revision))
		snprintf(fs->error, sizeof(fs->error),
			 "Restored from the case (%s undoes)",
			 key_word(fs, ACTION_UNDO, u));
	free(pre);
}

/* "Name:role[:cover], ..." → attendee lines; false on a bad entry. */
static bool parse_attendees(const char *in, struct strbuf *out)
{
	char *copy = xstrdup(in);
	bool ok = true;
	for (char *save_p = NULL, *t = strtok_r(copy, ",;", &save_p); t && ok;
	     t = strtok_r(NULL, ",;", &save_p))
		if (*util_trim(t))
			ok = decision_attendee_add(out, t);
	free(copy);
	return ok && out->len > 0;
}

static bool check_signer(struct form_screen *fs, const char *text)
{
	char *t = xstrdup(text);
	bool ok = *util_trim(t) != '\0';
	free(t);
	snprintf(fs->error, sizeof(fs->error), "%s",
		 ok ? "" : "Say who signs (the chair); Esc does not sign");
	return ok;
}

static bool check_attendees(struct form_screen *fs, const char *text)
{
	struct strbuf att;
	strbuf_init(&att);
	bool ok = parse_attendees(text, &att);
	strbuf_done(&att);
	snprintf(fs->error, sizeof(fs->error), "%s",
		 ok ? ""
		    : "Write each attendee as name:role or name:role:cover, "
		      "separated by commas; Esc does not sign");
	return ok;
}

static bool check_reason(struct form_screen *fs, const char *text)
{
	char *t = xstrdup(text);
	bool ok = *util_trim(t) != '\0';
	free(t);
	snprintf(fs->error, sizeof(fs->error), "%s",
		 ok ? ""
		    : "A reason is needed to sign while the board is not "
		      "quorate; Esc does not sign");
	return ok;
}

/*
 * The read-back: the decision as it will be archived, scrolled with the
 * usual keys. 1 when the signer confirms (Enter or sign), 0 back, -1 when
 * the program is stopping.
 */
static int readback(struct form_screen *fs, const struct tb_decision *dec)
{
	int top = 0;
	for (;;) {
		struct textdoc doc;
		textdoc_init(&doc, COLS - 1);
		textdoc_printf(&doc, TD_WARN,
			       "Read back before signing (draft revision "
			       "%lld): this is what will be archived.",
			       dec->form_revision);
		textdoc_newline(&doc);
		render_decision(dec, fs->f, fs->lang, &doc);
		erase();
		ui_draw_bar(0, UC_TITLE,
			    "tumorboard — read back the decision before "
			    "signing");
		int h = LINES - 2;
		int most = (int)doc.n_lines - h;
		if (top > most)
			top = most;
		if (top < 0)
			top = 0;
		for (int i = 0; i < h && top + i < (int)doc.n_lines; i++)
			ui_draw_doc_line(1 + i, &doc.lines[top + i]);
		char bar[160];
		snprintf(bar, sizeof(bar),
			 "Enter signs this  ↑↓ PgUp PgDn read  Esc back, not "
			 "signed%s",
			 top < most ? "  (more below)" : "");
		ui_draw_bar(LINES - 1, UC_STATUS, bar);
		curs_set(0);
		refresh();
		textdoc_done(&doc);
		int key = ui_getkey();
		if (ui_stopping())
			return -1;
		if (key < 0)
			continue;
		switch (keymap_lookup(&ui_keys, KEYMAP_VIEW_FORM, key)) {
		case ACTION_EDIT:
		case ACTION_SIGN:
			return 1;
		case ACTION_BACK:
		case ACTION_QUIT:
			return 0;
		case ACTION_MOVE_DOWN:
			top++;
			break;
		case ACTION_MOVE_UP:
			top--;
			break;
		case ACTION_PAGE_DOWN:
			top += h;
			break;
		case ACTION_PAGE_UP:
			top -= h;
			break;
		case ACTION_FIRST:
			top = 0;
			break;
		case ACTION_LAST:
			top = most;
			break;
		default:
			break;
		}
	}
}

/* Returns true when a decision was signed. */
static bool sign(struct form_screen *fs, const char *chair)
{
	/* the one rule: go to the first field that blocks signing */
	struct diag d0;
	diag_init(&d0);
	size_t todo = form_check(fs->f, &fs->v, &fs->ctx, &d0);
	if (todo) {
		size_t at;
		if (d0.items[0].field &&
		    form_field(fs->f, d0.items[0].field, &at))
			fs->w.cur = at;
		snprintf(fs->error, sizeof(fs->error),
			 "%zu to do before signing; this is the first: %s",
			 todo, d0.items[0].message);
		diag_done(&d0);
		return false;
	}
	diag_done(&d0);
	if (chair)
		snprintf(last_signer, sizeof(last_signer), "%s", chair);
	char *by = edit_line(fs, "Signed by (the chair): ", last_signer, false,
			     check_signer);
	if (!by)
		return false;
	util_trim(by);
	snprintf(last_signer, sizeof(last_signer), "%s", by);
	struct strbuf att;
	strbuf_init(&att);
	char *who = NULL;
	/* at a meeting, those present are the attendees; outside one, only
	 * attendees typed outside a meeting are offered again */
	struct tb_meeting m = {0};
	const struct board *b = NULL;
	const char *offer =
	    last_attendees_meeting == fs->meeting_id ? last_attendees : "";
	char present_line[LINEEDIT_MAX] = "";
	if (fs->meeting_id &&
	    db_meeting_get(fs->db, fs->meeting_id, &m) == TB_OK) {
		b = boards_by_id(&ui_boards, m.board);
		struct strbuf present;
		strbuf_init(&present);
		if (decision_meeting_attendees(fs->db, fs->meeting_id,
					       &present) == TB_OK &&
		    present.len) {
			/* "name:role[:cover], ..." for the editor */
			struct strbuf line;
			strbuf_init(&line);
			char *save_p = NULL;
			for (char *l = strtok_r(present.buf, "\n", &save_p); l;
			     l = strtok_r(NULL, "\n", &save_p)) {
				char *role, *kind;
				decision_attendee_split(l, &role, &kind);
				strbuf_printf(
				    &line, "%s%s:%s%s", line.len ? ", " : "", l,
				    role,
				    strcmp(kind, "cover") == 0 ? ":cover" : "");
			}
			snprintf(present_line, sizeof(present_line), "%s",
				 line.buf);
			offer = present_line;
			strbuf_done(&line);
		}
		strbuf_done(&present);
	}
	who = edit_line(fs, "Attendees (name:role[:cover], ...): ", offer,
			false, check_attendees);
	if (who) {
		parse_attendees(who, &att);
		snprintf(last_attendees, sizeof(last_attendees), "%s", who);
		last_attendees_meeting = fs->meeting_id;
	}
	bool signed_ok = false;
	char *override = NULL;
	if (who && b) {
		struct strbuf missing;
		strbuf_init(&missing);
		if (quorum_missing(b, att.buf, &missing)) {
			char *prompt = xasprintf("Not quorate (nobody as %s). "
						 "Reason to sign anyway: ",
						 missing.buf);
			override =
			    edit_line(fs, prompt, "", false, check_reason);
			free(prompt);
			if (override)
				util_trim(override);
			else {
				snprintf(fs->error, sizeof(fs->error),
					 "Not signed: the board is not "
					 "quorate");
				free(who);
				who = NULL;
			}
		}
		strbuf_done(&missing);
	}
	if (who) {
		struct decision_sign_opts o = {
		    .signed_by = by,
		    .attendees = att.buf,
		    .meeting_id = fs->meeting_id,
		    .board = b,
		    .quorum_override = override,
		    .kb_version = ui_kb.n ? ui_kb.version : NULL,
		    .kb = ui_kb.n ? &ui_kb : NULL};
		struct diag d;
		struct tb_decision pre;
		long long id = 0;
		diag_init(&d);
		enum tb_status st = decision_preview(fs->db, fs->forms,
						     fs->case_id, &o, &d, &pre);
		int answer = st == TB_OK ? readback(fs, &pre) : 0;
		if (st == TB_OK && answer == 1) {
			/* exactly the revision read back */
			o.revision = pre.form_revision;
			st = decision_sign(fs->db, fs->forms, fs->case_id, &o,
					   &d, &id);
		}
		if (st == TB_OK && answer == 1) {
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "Decision %lld signed by %s", id, by);
			signed_ok = true;
		} else if (st == TB_OK)
			snprintf(fs->error, sizeof(fs->error),
				 "Not signed: back to the form");
		else if (d.n && d.items[0].field &&
			 strcmp(d.items[0].field, "revision") == 0) {
			struct strbuf ch;
			strbuf_init(&ch);
			db_form_changed_since(fs->db, fs->fi.id,
					      pre.form_revision, &ch);
			char *labels = labels_of(fs, ch.buf);
			snprintf(fs->error, sizeof(fs->error),
				 "Not signed: the draft changed after it was "
				 "read back (%s). Read it back again to sign.",
				 labels);
			free(labels);
			strbuf_done(&ch);
		} else if (d.n)
			snprintf(fs->error, sizeof(fs->error), "%s%s%s",
				 d.items[0].field ? d.items[0].field : "",
				 d.items[0].field ? ": " : "",
				 d.items[0].message);
		else
			snprintf(fs->error, sizeof(fs->error), "%s",
				 status_message(st));
		db_decision_done(&pre); /* zeroed by a failed preview */
		diag_done(&d);
	}
	free(override);
	free(who);
	free(by);
	strbuf_done(&att);
	return signed_ok;
}

/* Opens or resumes the case's draft. */
static bool note_latest(const struct tb_decision *d, void *arg)
{
	*(long long *)arg = d->id;
	return true;
}

static bool open_draft(struct form_screen *fs)
{
	if (reload(fs))
		return true;
	/* a signed decision changes only by an amendment with a reason */
	long long latest = 0;
	db_decision_each(fs->db, fs->case_id, note_latest, &latest);
	if (latest) {
		/* an empty reason is asked for again, saying why; Esc stops */
		char *why = NULL;
		for (bool again = false;; again = true) {
			char *prompt = xasprintf(
			    "%sDecision %lld is signed. Amend it — why? (Esc: "
			    "no) ",
			    again ? "An amendment needs a reason. " : "",
			    latest);
			why = ui_prompt_line(prompt, "");
			free(prompt);
			if (!why || *why)
				break;
			free(why);
		}
		if (!why) {
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "Not amended: an amendment needs a reason");
			return false;
		}
		struct diag d;
		diag_init(&d);
		long long inst;
		enum tb_status st =
		    decision_amend(fs->db, fs->forms, latest, why, &d, &inst);
		if (st != TB_OK && d.n)
			snprintf(ui_status_msg, sizeof(ui_status_msg), "%s",
				 d.items[0].message);
		diag_done(&d);
		free(why);
		return st == TB_OK && reload(fs);
	}
	const struct board *b = boards_for_icd10(&ui_boards, fs->c->icd10);
	const struct form *f = decision_form_for(fs->forms, b ? b->id : NULL);
	if (!f)
		return false;
	struct diag d;
	diag_init(&d);
	long long inst;
	enum tb_status st = decision_open(fs->db, f, ui_kb.n ? &ui_kb : NULL,
					  fs->case_id, &d, &inst);
	diag_done(&d);
	return st == TB_OK && reload(fs);
}

bool ui_form_run(struct db *db, const struct form_set *forms, long long case_id,
		 long long meeting_id, const char *chair)
{
	struct form_screen fs = {.db = db,
				 .forms = forms,
				 .case_id = case_id,
				 .meeting_id = meeting_id,
				 .lang = "sv",
				 .opt_field = (size_t)-1};
	bool quit = false;
	ui_need_forms();
	form_values_init(&fs.v);
	if (db_case_load(db, case_id, &fs.c) != TB_OK || !open_draft(&fs)) {
		if (!ui_status_msg[0])
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "The decision form could not be opened");
		goto done;
	}
	fs.f = form_set_get(forms, fs.fi.form_id);
	if (!fs.f || strcmp(fs.f->version, fs.fi.form_version) != 0) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The draft's form %s %s is not installed",
			 fs.fi.form_id, fs.fi.form_version);
		goto done;
	}
	/* a decision is made at a meeting only once it has met, and an
	 * amendment only while it runs; otherwise it is outside any
	 * meeting, whatever agenda led here */
	if (fs.meeting_id) {
		struct tb_meeting m = {0};
		if (db_meeting_get(db, fs.meeting_id, &m) != TB_OK ||
		    !decision_meeting_held(&m) ||
		    (fs.fi.amends && strcmp(m.status, "running") != 0))
			fs.meeting_id = 0;
	}
	clock_today(fs.today);
	fs.ctx = (struct form_ctx){
	    .today = fs.today, .form = fs.f, .values = &fs.v, .c = fs.c};
	walk_init_ctx(&fs.w, fs.f, &fs.v, &fs.ctx);
	while (!ui_stopping()) {
		if (!sync_draft(&fs))
			goto done;
		draw(&fs, NULL, NULL);
		int key = ui_getkey();
		if (key < 0)
			continue;
		fs.notice[0] = '\0';
		const struct form_field *fd = walk_field(&fs.w);
		if (is_choice(fd)) {
			size_t k;
			enum walk_pick_result r =
			    walk_pick_key(&fs.pick, key, n_choices(fd), &k);
			if (r == WALK_PICK_WAIT || r == WALK_PICK_CANCEL)
				continue;
			if (r == WALK_PICK_BAD) {
				snprintf(fs.error, sizeof(fs.error),
					 "No option %zu: the options are 1 to "
					 "%zu",
					 k, n_choices(fd));
				continue;
			}
			if (r == WALK_PICK_DONE || r == WALK_PICK_DONE_AND_KEY)
				pick(&fs, k);
			if (r == WALK_PICK_DONE)
				continue;
		} else if (printable(key)) {
			/* typing on a text field edits it */
			struct lineedit one;
			lineedit_init(&one, NULL);
			lineedit_key(&one, key);
			if (edit_field(&fs, one.buf))
				walk_after_set(&fs.w);
			continue;
		}
		enum action a = keymap_lookup(&ui_keys, KEYMAP_VIEW_FORM, key);
		if (a == ACTION_COMMAND)
			a = ui_command();
		switch (a) {
		case ACTION_MOVE_DOWN:
			walk_step(&fs.w, 1);
			fs.error[0] = '\0';
			break;
		case ACTION_MOVE_UP:
			walk_step(&fs.w, -1);
			fs.error[0] = '\0';
			break;
		case ACTION_PAGE_DOWN:
		case ACTION_PAGE_UP:
			/* a long option list scrolls; else by section */
			if (is_choice(fd) && fs.opt_rows > fs.opt_room) {
				fs.opt_top += a == ACTION_PAGE_DOWN
						  ? fs.opt_room
						  : -fs.opt_room;
				break;
			}
			walk_section(&fs.w, a == ACTION_PAGE_DOWN ? 1 : -1);
			break;
		case ACTION_NEXT_PANE:
			walk_section(&fs.w, 1);
			break;
		case ACTION_PREV_PANE:
			walk_section(&fs.w, -1);
			break;
		case ACTION_FIRST:
			while (walk_step(&fs.w, -1))
				;
			break;
		case ACTION_LAST:
			while (walk_step(&fs.w, 1))
				;
			break;
		case ACTION_NEXT_INCOMPLETE:
			if (!walk_next_incomplete(&fs.w))
				snprintf(ui_status_msg, sizeof(ui_status_msg),
					 "Nothing blocks signing: sign when "
					 "ready");
			break;
		case ACTION_EDIT:
			if (edit_field(&fs, NULL))
				walk_after_set(&fs.w);
			break;
		case ACTION_CLEAR_VALUE: {
			char u[32], r[32];
			if (!form_values_get(&fs.v, fd->id))
				break;
			if (save(&fs, "", fs.fi.revision))
				snprintf(fs.error, sizeof(fs.error),
					 "Cleared (%s undoes, %s restores the "
					 "case's value)",
					 key_word(&fs, ACTION_UNDO, u),
					 key_word(&fs, ACTION_RESTORE, r));
			break;
		}
		case ACTION_UNDO:
			undo(&fs);
			break;
		case ACTION_RESTORE:
			restore(&fs);
			break;
		case ACTION_SIGN:
			if (sign(&fs, chair))
				goto done;
			break;
		case ACTION_HELP:
			if (ui_show_help()) {
				quit = true;
				goto done;
			}
			break;
		case ACTION_BACK:
			goto done;
		case ACTION_QUIT:
			quit = true;
			goto done;
		default:
			break;
		}
	}
done:
	undo_clear(&fs);
	model_case_free(&fs.c);
	db_form_instance_done(&fs.fi);
	form_values_done(&fs.v);
	return quit || ui_stopping();
}
