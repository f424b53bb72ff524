/*
 * Prompts on the status line: a line read with the editor (checked or
 * not), a yes-or-no question and a choice of one key. A prompt is a view
 * over the one it was asked from: the loop draws that view and the prompt
 * on its status line, gives the prompt every key, and keeps the screen's
 * size and running clocks as it does for any view. The asker waits in
 * view_run_top, the one loop run until the prompt has answered and left
 * the stack.
 */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "term.h"
#include "textdoc.h"
#include "util.h"

/* text wrapped to the screen's width in the status line's colours, on
 * at most max lines ending just above line end; how many it took. */
static int draw_wrapped(const char *text, int end, int max)
{
	int cols = term_cols();
	struct textdoc doc;
	textdoc_init(&doc, cols - 2);
	textdoc_wrap(&doc, 0, TD_NORMAL, text);
	int n = (int)doc.n_lines;
	if (n && doc.lines[n - 1].len == 0)
		n--;
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++) {
		int y = end - n + i;
		term_fill(y, TC_STATUS);
		term_put(y, 1, cols - 2, doc.lines[i].text, TC_STATUS);
	}
	textdoc_done(&doc);
	return n;
}

int ui_draw_prompt(const char *prompt, struct lineedit *le)
{
	const char *shown = prompt;
	int above = 0;
	int cols = term_cols(), lines = term_lines();
	if (util_display_width(prompt) + 24 > cols - 2 && lines > 4) {
		above = draw_wrapped(prompt, lines - 1, lines - 3);
		shown = "> ";
	}
	/* an answer wider than the line scrolls sideways: the cursor stays
	 * in sight, "…" marks what is hidden on the left */
	int x0 = 1 + util_display_width(shown);
	size_t start = le->shown_from =
	    lineedit_scroll(le, cols - 1 - x0, le->shown_from);
	char *text =
	    xasprintf("%s%s%s", shown, start ? "…" : "", le->buf + start);
	term_bar(lines - 1, TC_STATUS, text);
	free(text);
	if (start)
		x0++;
	if (le->offered && x0 < cols - 1) /* marked: typing replaces it */
		term_put(lines - 1, x0, cols - 1 - x0, le->buf + start,
			 TC_OFFERED);
	char *before = xstrndup(le->buf + start, le->cur - start);
	int x = x0 + util_display_width(before);
	free(before);
	term_move(lines - 1, x < cols ? x : cols - 1);
	return above;
}

/* A prompt's state: the caller's, for as long as the prompt is open. */
struct prompt {
	const char *prompt; /* borrowed */
	struct lineedit le;
	char error[512]; /* why the last answer was refused, or "" */
	const char *(*check)(const char *value, const void *arg);
	const void *arg;
	char *value; /* the answer (the caller frees); NULL: cancelled */
	/* a yes-or-no question: its keys, and the answer */
	bool yesno;
	char yes, no;
	bool answer;
	bool typing; /* text typed at the question: ignored until Enter */
	/* a choice of one key: the keys, what a wrong key is told, and the
	 * index of the key pressed (-1: cancelled) */
	const char *choices, *hint;
	int chosen;
	bool notice; /* a message held until Enter or Esc, no answer */
};

/* A notice: its message wrapped, ending on the status line, with no
 * answer line under it (what is typed meanwhile is not shown). */
static void draw_notice(const char *text)
{
	int lines = term_lines();
	draw_wrapped(text, lines, lines - 2 > 0 ? lines - 2 : 1);
}

/* The prompt itself, or the question when it fits the status line (it
 * needs no room for an answer then); how many lines it took above it. */
static int draw_question(struct prompt *p)
{
	if ((p->yesno || p->choices) &&
	    util_display_width(p->prompt) <= term_cols() - 2) {
		term_bar(term_lines() - 1, TC_STATUS, p->prompt);
		return 0;
	}
	return ui_draw_prompt(p->prompt, &p->le);
}

static bool prompt_draw(struct ui *ui, void *st)
{
	(void)ui;
	struct prompt *p = st;
	if (p->notice) {
		term_cursor(false);
		draw_notice(p->prompt);
		return true;
	}
	term_cursor(true);
	int above = draw_question(p);
	int y = term_lines() - 2 - above;
	if (p->error[0] && y > 0) {
		/* the refusal above the prompt until it is answered (a
		 * name's suggestions are at its end) */
		ui_draw_refusal(p->error, y, y + 1);
		draw_question(p); /* the cursor back */
	}
	return true;
}

int ui_draw_refusal(const char *text, int last, int max)
{
	struct textdoc doc;
	textdoc_init(&doc, term_cols() > 4 ? term_cols() - 2 : 2);
	textdoc_wrap(&doc, 0, TD_NORMAL, text);
	int all = (int)doc.n_lines;
	while (all && doc.lines[all - 1].len == 0)
		all--; /* the wrap ends the paragraph with a newline */
	int n = all > 5 ? 5 : all;
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++) {
		int row = last - n + 1 + i;
		/* the last line shown holds the rest, cut after a whole
		 * word with "…" */
		struct strbuf rest = {0};
		for (int k = i; k < all && (k == i || i == n - 1); k++)
			strbuf_printf(&rest, "%s%s", k > i ? " " : "",
				      doc.lines[k].text);
		char *fit = util_fit_words(rest.buf, term_cols() - 2);
		term_move(row, 0);
		term_clear_eol();
		term_put_text(row, 1, term_cols() - 2, fit, TC_WARN);
		free(fit);
		strbuf_done(&rest);
	}
	textdoc_done(&doc);
	return n < 0 ? 0 : n;
}

/* One key answers: yes, or no (Esc and Ctrl-C too). Text typed at the
 * question (a printable key that is no answer) is not: from it to Enter
 * every key is ignored, y and n too, so a reason typed ahead answers
 * nothing and reaches no screen behind the question. */
static int yesno_key(struct prompt *p, int key)
{
	if (key == 27 || key == 3)
		return VIEW_CLOSE;
	if (p->typing) {
		if (key == '\r' || key == '\n') {
			p->typing = false;
			snprintf(p->error, sizeof(p->error),
				 _("Answer %c or %c (Esc: no)"), p->yes, p->no);
		}
		return 0;
	}
	if (key == 'y' || key == p->yes) {
		p->answer = true;
		return VIEW_CLOSE;
	}
	if (key == 'n' || key == p->no)
		return VIEW_CLOSE;
	p->typing = key >= ' ' && key != 127 && key < KEYMAP_SPECIAL;
	if (p->typing)
		snprintf(p->error, sizeof(p->error),
			 _("Typed text is no answer and is ignored: Enter, "
			   "then %c or %c (Esc: no)"),
			 p->yes, p->no);
	else
		snprintf(p->error, sizeof(p->error),
			 _("Answer %c or %c (Esc: no)"), p->yes, p->no);
	return 0;
}

/* One of the choices' keys answers at once; Esc and Ctrl-C cancel; any
 * other key is told what answers. */
static int choice_key(struct prompt *p, int key)
{
	if (key == 27 || key == 3)
		return VIEW_CLOSE;
	const char *at = key > 0 && key < 128 ? strchr(p->choices, key) : NULL;
	if (at) {
		p->chosen = (int)(at - p->choices);
		return VIEW_CLOSE;
	}
	snprintf(p->error, sizeof(p->error), _("%s (Esc: cancel)"), p->hint);
	return 0;
}

static int prompt_key(struct ui *ui, void *st, int key)
{
	(void)ui;
	struct prompt *p = st;
	if (p->notice) /* Enter or Esc: back; every other key ignored */
		return key == '\r' || key == '\n' || key == 27 || key == 3
			   ? VIEW_CLOSE
			   : 0;
	if (p->yesno)
		return yesno_key(p, key);
	if (p->choices)
		return choice_key(p, key);
	enum lineedit_result r = lineedit_key(&p->le, key);
	if (r == LINEEDIT_CANCEL)
		return VIEW_CLOSE;
	if (r == LINEEDIT_ACCEPT) {
		char *value = util_trim(xstrdup(p->le.buf));
		const char *why = p->check ? p->check(value, p->arg) : NULL;
		if (!why) {
			p->value = value;
			return VIEW_CLOSE;
		}
		snprintf(p->error, sizeof(p->error), _("%s (Esc: cancel)"),
			 why);
		free(value);
	}
	return 0;
}

static const char *prompt_title(struct ui *ui, void *st)
{
	(void)ui;
	return ((const struct prompt *)st)->prompt;
}

/* Over the view it was asked from; takes every key; the state is the
 * asker's (no close). */
static const struct view_ops prompt_ops = {
    .name = "prompt",
    .title = prompt_title,
    .draw = prompt_draw,
    .on_key = prompt_key,
    .over = true,
};

/* Opens prompt p over the top view and waits for its answer. */
static void ask(struct ui *ui, struct prompt *p)
{
	view_push(ui, &prompt_ops, p);
	view_run_top(ui);
	term_cursor(false);
}

char *ui_prompt_line(struct ui *ui, const char *prompt, const char *init)
{
	return ui_prompt_checked(ui, prompt, init, NULL, NULL);
}

bool ui_confirm(struct ui *ui, const char *question)
{
	/* TRANSLATORS: the keys that answer a yes-or-no question, yes
	 * first; y and n are always taken too */
	const char *keys = pgettext("yes/no keys", "yn");
	char yes = keys[0] ? keys[0] : 'y';
	char no = keys[0] && keys[1] ? keys[1] : 'n';
	char *text = xasprintf(_("%s (%c/%c) "), question, yes, no);
	struct prompt p = {.prompt = text, .yesno = true, .yes = yes, .no = no};
	lineedit_init(&p.le, "");
	ask(ui, &p);
	free(text);
	return p.answer;
}

void ui_notice(struct ui *ui, const char *message)
{
	struct prompt p = {.prompt = message, .notice = true};
	lineedit_init(&p.le, "");
	ask(ui, &p);
}

int ui_choose(struct ui *ui, const char *prompt, const char *keys,
	      const char *hint)
{
	struct prompt p = {
	    .prompt = prompt, .choices = keys, .hint = hint, .chosen = -1};
	lineedit_init(&p.le, "");
	ask(ui, &p);
	return p.chosen;
}

const char *ui_require_text(const char *value, const void *message)
{
	return *value ? NULL : (const char *)message;
}

const char *ui_require_writable(const char *value, const void *message)
{
	if (!*value)
		return (const char *)message;
	/* the folder it goes in: the part before the last slash */
	char *dir = xstrdup(value);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0'; /* "/x.pdf": the root */
	const char *in = slash ? dir : ".";
	struct stat sb;
	int err = 0;
	if (stat(value, &sb) == 0 && S_ISDIR(sb.st_mode))
		err = EISDIR;
	else if (stat(in, &sb) != 0)
		err = errno;
	else if (!S_ISDIR(sb.st_mode))
		err = ENOTDIR;
	else if (access(in, W_OK) != 0)
		err = errno;
	if (!err) {
		free(dir);
		return NULL;
	}
	/* said in the interface's language, not the C library's */
	static char why[512];
	char *cannot;
	if (err == EISDIR)
		cannot = xasprintf(_("%s is a folder"), value);
	else if (err == ENOENT || err == ENOTDIR)
		cannot = xasprintf(_("there is no folder %s"), in);
	else if (err == EACCES || err == EROFS)
		cannot = xasprintf(_("the folder %s may not be written"), in);
	else
		cannot =
		    xasprintf(_("cannot write %s: %s"), value, strerror(err));
	snprintf(why, sizeof(why), _("Not saved: %s"), cannot);
	free(cannot);
	free(dir);
	return why;
}

char *ui_prompt_checked(struct ui *ui, const char *prompt, const char *init,
			const char *(*check)(const char *value,
					     const void *arg),
			const void *arg)
{
	struct prompt p = {.prompt = prompt, .check = check, .arg = arg};
	lineedit_offer(&p.le, init);
	ask(ui, &p);
	return p.value;
}
