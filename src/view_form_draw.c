/*
 * The decision form drawn: the patient banner, a progress line, the shown
 * fields with their values, a detail pane for the current field, and the
 * status line with the keys or the line editor; the editors (one line on
 * the status line, multi-line in a box over the detail pane) read their
 * keys in place, the form drawn under them.
 */
#include "i18n.h"
#include "view_form_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db.h"
#include "decision.h"
#include "keymap.h"
#include "render.h"
#include "term.h"
#include "textdoc.h"
#include "util.h"
#include "view.h"

#define LABEL_W	 32
#define WRAP_MAX 512

static void draw_text_line(int y, int x, int w, const char *text,
			   enum term_color c)
{
	term_put_text(y, x, w, text, c);
}

/* "changed elsewhere: kberg 12:03" (the time alone when it was today);
 * wider than room cells (a field row at 80 columns), "changed by kberg
 * 12:03", then without the time: who changed it is never cut off. */
static char *mark_text(const struct form_mark *m, int room)
{
	char today[11];
	clock_today(today);
	const char *at = m->at;
	if (at && strlen(at) == 16 && strncmp(at, today, 10) == 0)
		at += 11;
	if (!m->by || !at)
		return xstrdup(_("changed elsewhere"));
	char *t = xasprintf(_("changed elsewhere: %s %s"), m->by, at);
	if (util_display_width(t) > room) {
		free(t);
		t = xasprintf(_("changed by %s %s"), m->by, at);
	}
	if (util_display_width(t) > room) {
		free(t);
		t = xasprintf(_("changed by %s"), m->by);
	}
	return t;
}

/* The label column: 32 cells at 80 columns, narrower in proportion on a
 * narrower screen (16 at 41: the values keep room to be read); on a wider
 * screen as wide as the longest label that fits in a third of it needs (a
 * Swedish "Telefon till kontaktsjuksköterska" whole from 108 columns). */
static int label_width(const struct form_screen *fs, const size_t *idx, int n)
{
	if (term_cols() < 80)
		return LABEL_W * term_cols() / 80 > 12
			   ? LABEL_W * term_cols() / 80
			   : 12;
	int w = LABEL_W, most = term_cols() / 3;
	for (int i = 0; i < n && most > LABEL_W; i++) {
		const struct form_field *fd = &fs->f->fields[idx[i]];
		int need = util_display_width(
			       form_text_get(&fd->label, fs->lang, NULL)) +
			   3;
		if (need > w && need <= most)
			w = need;
	}
	return w;
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
	const int label_w = label_width(fs, idx, n);
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
		if (here)
			term_fill(y, TC_SELECTED);
		const char *val = form_values_get(&fs->v, fd->id);
		const char *label = form_text_get(&fd->label, fs->lang, NULL);
		/* '*': this field blocks signing (the signing rule) */
		draw_text_line(y, 0, 2,
			       form_field_problem(f, fd, &fs->v, &fs->ctx, err)
				   ? "*"
				   : " ",
			       here ? TC_SELECTED : TC_WARN);
		/* a label too long for its column ends in whole words and
		 * "…" (the detail pane and the prompt show it whole) */
		char *lab = util_fit_words(label, label_w - 3);
		draw_text_line(y, 2, label_w - 3, lab,
			       here ? TC_SELECTED : TC_LABEL);
		free(lab);
		/* a change made elsewhere is marked at the row's end */
		int vw = term_cols() - label_w - 1;
		const struct form_mark *m = view_form_mark(fs, fd->id);
		if (m) {
			char *mark = mark_text(m, vw / 2);
			int mw = util_display_width(mark);
			if (mw > vw / 2)
				mw = vw / 2;
			vw -= mw + 1;
			draw_text_line(y, label_w + vw + 1, mw, mark, TC_WARN);
			free(mark);
		}
		if (val) {
			char *fit = view_form_row_value(fs, fd, val, vw);
			draw_text_line(y, label_w, vw, fit,
				       here ? TC_SELECTED : TC_NORMAL);
			free(fit);
		} else
			draw_text_line(y, label_w, vw,
				       fd->required ? _("required") : "—",
				       here ? TC_SELECTED : TC_DIM);
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

/* How to answer the field (after its label): what to type, the digits
 * typed so far; TD_STRONG in *style when it is a pick under way. Caller
 * frees. */
static char *field_hint(const struct form_screen *fs,
			const struct form_field *fd, enum textdoc_style *style)
{
	char *hint = NULL;
	if (fs->pick.n) {
		hint = xasprintf(_("  — %zu… type the next digit, or Enter for "
				   "%zu"),
				 fs->pick.n, fs->pick.n);
		*style = TD_STRONG;
	} else if (fs->arrived && !view_form_is_choice(fd)) {
		/* the walk went here: keys are commands until it is edited */
		char e[32];
		hint = xasprintf(_("  — %s to edit"),
				 view_form_key_word(fs, ACTION_EDIT, e));
	} else
		switch (fd->type) {
		case FT_CHOICE:
		case FT_YESNO:
			hint = xstrdup(_("  — type the option's number"));
			break;
		case FT_MULTI:
			hint = xstrdup(_("  — numbers switch options on/off"));
			break;
		case FT_DATE:
			hint = xstrdup(_("  — type YYYY-MM-DD, +14, +6w, +3m"));
			break;
		case FT_ALTERNATIVES:
			hint = xstrdup(
			    _("  — type option: reason; C-o next line"));
			break;
		case FT_FINDING:
			hint = xstrdup(
			    _("  — finding | tier | evidence; Enter edits"));
			break;
		case FT_TRIAL:
			hint = xstrdup(
			    _("  — type an NCT, EU CT or EudraCT number"));
			break;
		case FT_NUMBER:
			hint = i18n_decimals_shown(xasprintf(
			    _("  — type %g to %g%s%s"), fd->min, fd->max,
			    fd->unit ? " " : "", fd->unit ? fd->unit : ""));
			break;
		default:
			/* typing replaces a one-line value, adds to text */
			hint = xstrdup(
			    !form_values_get(&fs->v, fd->id)
				? _("  — type the value")
			    : view_form_is_multiline(fd)
				? _("  — type to add to it, Enter to edit")
				: _("  — type to replace it, Enter to edit"));
		}
	return hint;
}

/*
 * The detail pane for the current field: label and how to answer, the
 * message and what changed elsewhere, the options (their lines are
 * [*o0, *o1) of doc), help and guideline.
 */
static void build_detail(struct form_screen *fs, struct textdoc *doc,
			 bool error_elsewhere, size_t *o0, size_t *o1)
{
	const struct form_field *fd = walk_field(&fs->w);
	const char *label = form_text_get(&fd->label, fs->lang, NULL);
	enum textdoc_style style = TD_DIM;
	char *hint = field_hint(fs, fd, &style);
	/* the hint after the label when it fits beside it; a long label (a
	 * long language) takes the words that do not onto the next line,
	 * none cut at the edge; a label wider than the screen is wrapped
	 * itself, the hint below it */
	int lw = util_display_width(label);
	if (lw > doc->width) {
		textdoc_wrap_hanging(doc, 2, TD_STRONG, label);
		textdoc_wrap(doc, 2, style, hint);
	} else if (lw + util_display_width(hint) <= doc->width) {
		textdoc_put(doc, TD_STRONG, label);
		textdoc_put(doc, style, hint);
		textdoc_newline(doc);
	} else { /* two spaces after the label, as beside it */
		textdoc_put(doc, TD_STRONG, label);
		textdoc_put(doc, style, "  ");
		textdoc_wrap_on(doc, 2, style, hint);
	}
	free(hint);
	if (fs->notice[0])
		textdoc_wrap(doc, 0, TD_WARN, fs->notice);
	if (fs->error[0] && !error_elsewhere)
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
				term_cols() - 1)
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
			    strcmp(fs->lang, "sv") == 0
				? /* untranslated: the form's language */ "ja"
				: "yes");
		textdoc_put(doc, TD_LABEL, "  2 ");
		textdoc_put(doc, TD_NORMAL,
			    strcmp(fs->lang, "sv") == 0
				? /* untranslated: the form's language */ "nej"
				: "no");
		textdoc_newline(doc);
		*o1 = doc->n_lines - 1;
	}
	if (fd->help.n)
		textdoc_wrap(doc, 0, TD_NORMAL,
			     form_text_get(&fd->help, fs->lang, NULL));
	if (fd->guideline)
		textdoc_printf(doc, TD_DIM, _("Guideline: %s"), fd->guideline);
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
		term_doc_line(y++, &doc->lines[i]);
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
			term_doc_line(y++,
				      &doc->lines[(int)o0 + fs->opt_top + i]);
		if (y < y1) {
			char more[160];
			snprintf(more, sizeof(more),
				 _("  ↕ option lines %d–%d of %d: PgDn/PgUp "
				   "scroll, or type a number"),
				 fs->opt_top + 1, fs->opt_top + win, nopt);
			draw_text_line(y++, 0, term_cols() - 1, more, TC_DIM);
		}
		return;
	}
	fs->opt_top = 0;
	for (size_t i = o0; i < doc->n_lines && y < y1; i++)
		term_doc_line(y++, &doc->lines[i]);
}

/* The hints: on a text field the keys that type nothing. */
/* The key for action a on the current field, as the hints show it (on a
 * text field one that types nothing); -1 when none is bound. */
static int key_for(const struct form_screen *fs, enum action a)
{
	/* a text field the walk went to: its keys are commands, and Enter
	 * (a key that types nothing) is shown as the one that edits */
	bool text =
	    view_form_typing(fs) || (fs->arrived && a == ACTION_EDIT &&
				     !view_form_is_choice(walk_field(&fs->w)));
	/* the way back is shown as the one key that goes back on every
	 * field and leaves every editor (Esc): q is typed on a text field */
	if (a == ACTION_BACK)
		text = true;
	int best = -1;
	for (size_t k = 0; k < fs->ui->keys.n; k++) {
		int key = fs->ui->keys.b[k].key;
		if (keymap_lookup(&fs->ui->keys, KEYMAP_VIEW_FORM, key) != a)
			continue;
		if (text && view_form_printable(key) && a != ACTION_COMMAND)
			continue;
		if (!text && key >= '0' && key <= '9')
			continue;
		best = key;
	}
	return best;
}

/* "u undoes"-style words for messages: the key's name, or the action's
 * name with ':' when no key is bound. buf holds 32 bytes. */
const char *view_form_key_word(const struct form_screen *fs, enum action a,
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

static int form_key(enum action a, void *arg)
{
	return key_for(arg, a);
}

static char *form_hints(const struct form_screen *fs)
{
	/* the most needed first: a narrow terminal cuts the rest; help,
	 * which lists every key, always shows */
	static const enum action acts[] = {
	    ACTION_EDIT, ACTION_SIGN,	     ACTION_BACK,
	    ACTION_UNDO, ACTION_CLEAR_VALUE, ACTION_NEXT_INCOMPLETE,
	    ACTION_HELP};
	char *lead = NULL;
	if (view_form_is_choice(walk_field(&fs->w)))
		lead = xasprintf(_("1-%zu pick"),
				 view_form_n_choices(walk_field(&fs->w)));
	char *hints = ui_hints_by(fs->ui, lead, acts, UTIL_ARRAY_LEN(acts),
				  form_key, (void *)fs);
	free(lead);
	return hints;
}

/* The message (fs->error) on the rows just above row y (ui_draw_refusal:
 * at most five, "…" when more did not fit): a refused answer says why
 * beside the prompt that asks again. */
static void draw_editor_message(const struct form_screen *fs, int y)
{
	if (fs->error[0] && y > 1)
		ui_draw_refusal(fs->error, y - 1, y - 1);
}

/* The editor on the status line, scrolled sideways to keep the cursor in
 * view (a … on the left says text is hidden there); the message above
 * it. */
static void draw_line_editor(struct form_screen *fs, const char *prompt,
			     const struct lineedit *le)
{
	int pw = util_display_width(prompt);
	int above = 0;
	if (pw > term_cols() / 2) {
		/* a long prompt gets the lines above to itself, wrapped (at
		 * most three: the message line stays clear) */
		struct textdoc d;
		textdoc_init(&d, term_cols() > 4 ? term_cols() - 2 : 2);
		textdoc_wrap(&d, 0, TD_STRONG, prompt);
		int n = (int)d.n_lines;
		while (n > 0 && d.lines[n - 1].len == 0)
			n--; /* the wrap ends the paragraph with a newline */
		if (n > 3)
			n = 3;
		for (int i = 0; i < n; i++) {
			int y = term_lines() - 1 - n + i;
			term_move(y, 0);
			term_clear_eol();
			draw_text_line(y, 1, term_cols() - 2, d.lines[i].text,
				       TC_STRONG);
		}
		textdoc_done(&d);
		prompt = "> ";
		pw = 2;
		above = n;
	}
	draw_editor_message(fs, term_lines() - 1 - above);
	int width = term_cols() - 2 - pw;
	fs->edit_start = lineedit_scroll(le, width, fs->edit_start);
	term_bar(term_lines() - 1, TC_STATUS, "");
	draw_text_line(term_lines() - 1, 1, pw, prompt, TC_STATUS);
	int x = 1 + pw;
	if (fs->edit_start > 0) {
		draw_text_line(term_lines() - 1, x, 1, "…", TC_STATUS);
		x++;
	}
	draw_text_line(term_lines() - 1, x, term_cols() - x,
		       le->buf + fs->edit_start, TC_STATUS);
	char *before =
	    xstrndup(le->buf + fs->edit_start, le->cur - fs->edit_start);
	int cx = x + util_display_width(before);
	free(before);
	term_move(term_lines() - 1, cx < term_cols() ? cx : term_cols() - 1);
}

/* The multi-line editor in rows y0..y1 (exclusive): the prompt, the
 * message, then the text wrapped, scrolled to keep the cursor in view. */
static void draw_box_editor(struct form_screen *fs, const char *prompt,
			    const struct lineedit *le, int y0, int y1)
{
	static size_t starts[WRAP_MAX];
	for (int y = y0; y < y1; y++) {
		term_move(y, 0);
		term_clear_eol();
	}
	int y = y0;
	draw_text_line(y++, 0, term_cols() - 1, prompt, TC_STRONG);
	if (fs->error[0]) {
		/* the message whole (at most three lines): it may say what
		 * the field holds now */
		struct textdoc d;
		textdoc_init(&d, term_cols() > 2 ? term_cols() - 1 : 1);
		textdoc_wrap(&d, 0, TD_WARN, fs->error);
		for (size_t i = 0; i < d.n_lines && i < 3 && y < y1 - 1; i++)
			if (d.lines[i].len)
				draw_text_line(y++, 0, term_cols() - 1,
					       d.lines[i].text, TC_WARN);
		textdoc_done(&d);
	}
	int width = term_cols() - 3;
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
			       r == 0 && fs->edit_top > 0 ? "↑" : "│", TC_DIM);
		draw_text_line(y + r, 2, width + 1, row, TC_NORMAL);
		free(row);
	}
	if ((size_t)(fs->edit_top + h) < n)
		draw_text_line(y1 - 1, 0, 2, "↓", TC_DIM);
	term_bar(term_lines() - 1, TC_STATUS,
		 _("Enter saves  C-o new line  arrows move  Esc cancels"));
	term_move(y + (int)crow - fs->edit_top, 2 + ccol);
}

/* The progress line from row y, word-wrapped on a narrow screen (the rest
 * on the next row, indented) rather than cut. Returns the next free row. */
static int draw_progress(int y, const char *progress, enum term_color c)
{
	struct textdoc d;
	textdoc_init(&d, term_cols() - 1);
	textdoc_wrap_hanging(&d, 2, TD_NORMAL, progress);
	for (size_t i = 0; i < d.n_lines && i < 2; i++)
		if (d.lines[i].len)
			draw_text_line(y++, 0, term_cols(), d.lines[i].text, c);
	textdoc_done(&d);
	return y;
}

/* The body: banner, progress, fields, detail pane, and the status line
 * (the hints, or the editor le with prompt when one is open). */
void view_form_draw_body(struct form_screen *fs, const struct lineedit *le,
			 const char *prompt)
{
	struct textdoc head;
	textdoc_init(&head, term_cols() - 1);
	struct render_opts ro = {.mask_id = true};
	char today[11];
	clock_today(today);
	ro.today = today;
	render_case_banner(fs->c, &ro, &head);
	int y = 1;
	for (size_t i = 0; i < head.n_lines && y < term_lines() - 4; i++) {
		if (head.lines[i].len == 0 && i + 1 == head.n_lines)
			break;
		term_doc_line(y++, &head.lines[i]);
	}
	textdoc_done(&head);
	size_t pos, n;
	walk_position(&fs->w, &pos, &n);
	/* one rule: what blocks signing */
	size_t todo = form_check(fs->f, &fs->v, &fs->ctx, NULL);
	const struct form_section *sec = form_section_of(fs->f, fs->w.cur);
	char progress[256];
	char todo_s[64];
	snprintf(todo_s, sizeof(todo_s), _("%zu to do before signing"), todo);
	/* the team's free text in another language than Swedish, the
	 * default, is said (l switches it) */
	bool en = strcmp(decision_text_lang(&fs->v), "en") == 0;
	int len = snprintf(
	    progress, sizeof(progress), _("%s · field %zu of %zu · %s%s"),
	    sec ? form_text_get(&sec->title, fs->lang, NULL) : "", pos, n,
	    todo ? todo_s : _("ready to sign"),
	    fs->fi.amends ? _(" · amendment") : "");
	if (en && len > 0 && (size_t)len < sizeof(progress))
		snprintf(progress + len, sizeof(progress) - (size_t)len, "%s",
			 _(" · free text in English"));
	y = draw_progress(y, progress, todo ? TC_HEADING : TC_STRONG);
	struct textdoc doc;
	size_t o0, o1;
	textdoc_init(&doc, term_cols() - 1);
	/* a one-line editor shows the message by its prompt */
	build_detail(fs, &doc, le && !le->multiline, &o0, &o1);
	/* the detail pane grows (leaving 4 field rows) to show options */
	int detail_h = term_lines() >= 30 ? 8 : 6;
	int most = term_lines() - 1 - y - 4;
	int need = (int)doc.n_lines;
	if (need && doc.lines[need - 1].len == 0)
		need--; /* the open, empty last line */
	if (need > detail_h)
		detail_h = need < most ? need : most;
	if (le && le->multiline && detail_h < 8 && most >= 8)
		detail_h = 8;
	if (detail_h < 1)
		detail_h = 1;
	int y1 = term_lines() - 1 - detail_h;
	if (y1 < y + 1)
		y1 = y + 1;
	draw_fields(fs, y, y1);
	if (le && le->multiline) {
		draw_box_editor(fs, prompt, le, y1, term_lines() - 1);
		term_cursor(true);
	} else {
		draw_detail(fs, &doc, o0, o1, y1, term_lines() - 1);
		if (le) {
			draw_line_editor(fs, prompt, le);
			term_cursor(true);
		} else {
			char *h = form_hints(fs);
			ui_draw_status(h); /* a refusal whole */
			free(h);
			term_cursor(false);
		}
	}
	textdoc_done(&doc);
}

/* While an editor is open: a change of the draft made elsewhere is
 * loaded and marked (view_form_sync) and, when it is the field being
 * edited, said above the editor; what was typed stays (saving it is then
 * refused once, naming the value it would replace). The store's data
 * version (*other, *own) is looked at first, so an idle editor reads
 * nothing. False when the draft is no longer a draft. */
static bool noticed(struct form_screen *fs, unsigned long long *other,
		    unsigned long long *own)
{
	unsigned long long o = 0, w = 0;
	if (db_data_version(fs->db, &o, &w) != TB_OK ||
	    (o == *other && w == *own))
		return true;
	*other = o;
	*own = w;
	long long was = fs->fi.revision;
	if (!view_form_sync(fs, true))
		return false;
	const struct form_field *fd = walk_field(&fs->w);
	const struct form_mark *m = view_form_mark(fs, fd->id);
	if (fs->fi.revision == was || !m)
		return true;
	const char *now = form_values_get(&fs->v, fd->id);
	char *shown = now ? form_type_format(fs->f, fd, now, fs->lang) : NULL;
	char *one = shown ? view_form_to_editor(shown, false) : NULL;
	char *mark = mark_text(m, INT_MAX);
	snprintf(fs->error, sizeof(fs->error),
		 _("%s %s, now: %s. What you typed is kept."),
		 view_form_label_of(fs, fd->id), mark, one ? one : _("empty"));
	free(mark);
	free(one);
	free(shown);
	return true;
}

/* An editor open on the form: a view of its own over the form's
 * state, the caller's for as long as it is open. */
struct editor {
	struct form_screen *fs;
	/* borrowed; init: what Esc compares with (the value before the
	 * editor opened, without a character typed to open it) */
	const char *prompt, *init;
	struct lineedit le;
	bool confirm; /* Esc once on a changed text */
	bool (*check)(struct form_screen *, const char *);
	unsigned long long other, own; /* the data version noticed */
	char *text; /* the value taken (the caller frees); NULL: none */
};

static const char *editor_title(struct ui *ui, void *st)
{
	return view_form_title(ui, ((struct editor *)st)->fs);
}

/* The whole screen with the editor open. */
static bool editor_draw(struct ui *ui, void *st)
{
	(void)ui;
	struct editor *e = st;
	view_form_draw_body(e->fs, &e->le, e->prompt);
	return true;
}

static int editor_reload(struct ui *ui, void *st)
{
	(void)ui;
	struct editor *e = st;
	if (noticed(e->fs, &e->other, &e->own))
		return 0;
	e->fs->error[0] = '\0';
	return VIEW_CLOSE; /* signed or abandoned elsewhere */
}

static int editor_key(struct ui *ui, void *st, int key)
{
	(void)ui;
	struct editor *e = st;
	struct form_screen *fs = e->fs;
	if (key == KEYMAP_F1) /* help, over the text as it is */
		return VIEW_UNKNOWN;
	if (key == 15 && !e->le.multiline) { /* C-o: a new line (a row) */
		lineedit_key(&e->le, ' ');
		lineedit_key(&e->le, 0xB6);
		lineedit_key(&e->le, ' ');
		return 0;
	}
	enum lineedit_result r = lineedit_key(&e->le, key);
	/* Esc on a changed text asks first: a second Esc discards */
	if (r == LINEEDIT_CANCEL && strcmp(e->le.buf, e->init ? e->init : "") &&
	    !e->confirm) {
		e->confirm = true;
		snprintf(fs->error, sizeof(fs->error),
			 _("Esc again discards what you typed; Enter "
			   "keeps it"));
		return 0;
	}
	if (r == LINEEDIT_CANCEL) {
		fs->error[0] = '\0';
		return VIEW_CLOSE;
	}
	if (r != LINEEDIT_NONE)
		e->confirm = false;
	if (r != LINEEDIT_ACCEPT)
		return 0;
	char *text = view_form_from_editor(e->le.buf);
	if (!e->check || e->check(fs, text)) {
		e->text = text;
		return VIEW_CLOSE;
	}
	free(text);
	return 0;
}

/* Takes every key but F1 (help); a change elsewhere is noticed as the loop
 * reloads. */
static const struct view_ops editor_ops = {
    .name = "editor",
    .title = editor_title,
    .draw = editor_draw,
    .on_key = editor_key,
    .reload = editor_reload,
    .clock_in_title = true,
};

/*
 * Reads a value with the editor, starting from init (multi-line in a box
 * when multiline). Returns the text (caller frees) or NULL when cancelled.
 * check (may be NULL) is called on accept; when it returns false the
 * editor stays open with the text and the message, so a refused value is
 * never lost.
 */
static char *edit_from(struct form_screen *fs, const char *prompt,
		       const char *start, const char *before, bool multiline,
		       bool (*check)(struct form_screen *, const char *))
{
	struct editor e = {
	    .fs = fs, .prompt = prompt, .init = before, .check = check};
	lineedit_init(&e.le, start);
	e.le.multiline = multiline;
	fs->edit_start = 0;
	fs->edit_top = 0;
	db_data_version(fs->db, &e.other, &e.own);
	view_push(fs->ui, &editor_ops, &e);
	view_run_top(fs->ui);
	return e.text;
}

char *view_form_edit_line(struct form_screen *fs, const char *prompt,
			  const char *init, bool multiline,
			  bool (*check)(struct form_screen *, const char *))
{
	return edit_from(fs, prompt, init, init, multiline, check);
}

static bool check_and_save(struct form_screen *fs, const char *text)
{
	return view_form_save(fs, text, fs->edit_seen);
}

/* Edits the current text field, from its value or (typed non-NULL) from
 * the character typed on it. True when a value was saved. */
bool view_form_edit_field(struct form_screen *fs, const char *typed)
{
	const struct form_field *fd = walk_field(&fs->w);
	if (fd->type == FT_FINDING && form_values_get(&fs->v, fd->id))
		return view_form_edit_rows(fs);
	bool multi = view_form_is_multiline(fd);
	/* A key typed on a one-line field starts a new value in its place
	 * (the value stays in its row until the new one is saved; Esc keeps
	 * it); on multi-line text it goes after what is written, which is
	 * written in pieces. */
	char *init =
	    view_form_to_editor(form_values_get(&fs->v, fd->id), multi);
	/* a number is edited as the reader writes it (2,5 in Swedish) */
	if (fd->type == FT_NUMBER)
		i18n_decimals_shown(init);
	/* the character that opened the editor is typed text: Esc asks
	 * before it is thrown away, as for any other */
	char *start = !typed  ? xstrdup(init)
		      : multi ? xasprintf("%s%s", init, typed)
			      : xstrdup(typed);
	char *prompt =
	    xasprintf("%s: ", form_text_get(&fd->label, fs->lang, NULL));
	fs->edit_seen = fs->fi.revision;
	char *text = edit_from(fs, prompt, start, init, multi, check_and_save);
	bool saved = text != NULL;
	free(text);
	free(prompt);
	free(start);
	free(init);
	return saved;
}