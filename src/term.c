/*
 * The terminal. Views draw into a grid of cells (term_grid.c) and the cells
 * that changed are written to the terminal (term_out.c) with the
 * sequences of its terminfo description; ncursesw reads the keys, with a
 * quarter-second timeout so that the screen can look for changes made
 * elsewhere and move running clocks, and keeps the terminal's modes.
 * Scripted (screen tests, the keystroke benchmark): keys come from a file,
 * the cells of a fixed size are written to /dev/null, and "dump" writes
 * them as text (with their colours and attributes in the attribute mode:
 * term_dump.c).
 */
#include "term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "i18n.h"
#include "keymap.h"
#include "term_dump.h"
#include "term_frame.h"
#include "term_grid.h"
#include "term_out.h"
#include "term_script.h"
#include "ui_curses.h"
#include "util.h"

static struct {
	bool active;
	struct term_script_key *keys;
	size_t n, pos;
	FILE *dump;
	int dumps;
	bool
	    dump_attrs; /* each row followed by its colour and attribute runs */
	FILE *null_out, *null_in;
	SCREEN *screen;
	struct term_script_timing timing; /* keystroke timing */
	bool finished;	/* the script ran out: every loop ends */
	int cols, rows; /* the headless screen's first size */
} script;

static bool use_color;
static bool curses_active;
static volatile sig_atomic_t got_signal;
/* The terminal hung up (standard input at its end): ends as on SIGHUP. */
static bool input_gone;
/* The frame being drawn (term_frame.h; below, term_put); where its calls
 * leave the cursor (frame_x -1: not known, after text that reached the
 * right edge). */
static struct term_frame frame;
static int frame_y, frame_x;
/* The screen's cells (term_grid.h), where the drawing calls leave the
 * cursor, whether it is shown, and the writer of the cells that changed
 * (term_out.h). */
static struct term_grid grid;
static int cur_y, cur_x;
static bool cursor_shown;
static struct term_out out;
/* terminfo strings without their padding (unpadded, below) */
static char *kept_caps[64];
static size_t n_kept_caps;
/* Back from a stop (Ctrl-Z): the terminal is drawn again whole. */
static volatile sig_atomic_t got_cont, got_tstp;

bool term_stopping(void)
{
	return got_signal || input_gone || script.finished;
}

void term_restore(void)
{
	if (curses_active) {
		curses_active = false;
		/* the status row cleared for the shell (the Linux console) */
		term_grid_clear(&grid, grid.rows - 1, 0);
		term_out_frame(&out, &grid, grid.rows - 1, 0, true);
		endwin();
	}
	term_frame_done(&frame);
	term_out_done(&out);
	term_grid_done(&grid);
	while (n_kept_caps)
		free(kept_caps[--n_kept_caps]);
	if (script.screen) {
		delscreen(script.screen);
		script.screen = NULL;
		fclose(script.null_out);
		fclose(script.null_in);
	}
}

static volatile sig_atomic_t working, cancel_asked; /* term_work */
/* While work runs, Ctrl-C cancels it instead of ending the program. */
static void on_signal(int sig)
{
	if (sig == SIGCONT)
		got_cont = 1;
	else if (sig == SIGTSTP)
		got_tstp = 1;
	else
		*(sig == SIGINT && working ? &cancel_asked : &got_signal) = sig;
}

/* ------------------------------------------------------------------------
 * Scripted, headless runs: keys come from a file, the screen is a grid of
 * fixed size written to /dev/null, and "dump" writes what is on it as
 * text. Used by the screen tests and the keystroke benchmark.
 * ---------------------------------------------------------------------- */

/* Writes the screen as text (term_dump.h), numbered in this run. */
static void dump_screen(void)
{
	term_dump_screen(script.dump, &grid, ++script.dumps, script.dump_attrs,
			 use_color);
}

static void script_done(void)
{
	if (!script.active)
		return;
	if (script.dump && script.dump != stdout)
		fclose(script.dump);
	free(script.keys);
	script.keys = NULL;
	term_script_timing_done(&script.timing);
}

/* A curses key code as a keymap key. The VT220's Find and Select sit
 * where Home and End are (ESC [1~ and ESC [4~ in rxvt's description), the
 * keypad's corners with Num Lock off are Home, End, PgUp and PgDn. */
static int key_from_curses(int ch)
{
	static const struct {
		int curses, key;
	} map[] = {
	    {KEY_UP, KEYMAP_UP},	 {KEY_DOWN, KEYMAP_DOWN},
	    {KEY_LEFT, KEYMAP_LEFT},	 {KEY_RIGHT, KEYMAP_RIGHT},
	    {KEY_PPAGE, KEYMAP_PGUP},	 {KEY_NPAGE, KEYMAP_PGDN},
	    {KEY_HOME, KEYMAP_HOME},	 {KEY_END, KEYMAP_END},
	    {KEY_BTAB, KEYMAP_BACKTAB},	 {KEY_BACKSPACE, KEYMAP_BACKSPACE},
	    {KEY_DC, KEYMAP_DELETE},	 {KEY_ENTER, '\r'},
	    {KEY_RESIZE, KEYMAP_RESIZE}, {'\n', '\r'},
	    {KEY_FIND, KEYMAP_HOME},	 {KEY_SELECT, KEYMAP_END},
	    {KEY_A1, KEYMAP_HOME},	 {KEY_C1, KEYMAP_END},
	    {KEY_A3, KEYMAP_PGUP},	 {KEY_C3, KEYMAP_PGDN},
	};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(map); i++)
		if (map[i].curses == ch)
			return map[i].key;
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		return KEYMAP_F1 + (ch - KEY_F(1));
	if (ch >= 0 && ch < 128)
		return ch;
	return -2; /* a key nothing is bound to */
}

/* Ctrl-Z: the terminal is given back as it was and the program stops;
 * when it goes on, the terminal is taken again (curses' modes, its
 * alternate screen) and every cell written. Done here, not in the
 * signal's handler, where curses cannot be called. */
static void suspend(void)
{
	got_tstp = 0;
	endwin();
	struct sigaction dfl, ours;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &ours);
	raise(SIGTSTP); /* stopped here until fg */
	sigaction(SIGTSTP, &ours, NULL);
	refresh(); /* curses' modes back */
	got_cont = 1;
}

/* A key from curses as get_wch gives it. Curses draws nothing (term_out.c
 * does): its window is kept untouched, or reading a key would write it. */
static int read_key(wint_t *wc)
{
	untouchwin(stdscr);
	if (got_tstp)
		suspend();
	int r = get_wch(wc);
	if (got_tstp)
		suspend();
	if (got_cont) {
		/* back from a stop: the screen is written again as it is,
		 * every cell; a key typed while it was stopped is read
		 * before anything else is looked at (it was typed on this
		 * picture) */
		got_cont = 0;
		term_out_forget(&out);
		term_out_frame(&out, &grid, cur_y, cur_x, cursor_shown);
		if (r == ERR)
			r = get_wch(wc);
	}
	return r;
}

int term_getkey(void)
{
	if (!script.active) {
		wint_t wc;
		int r = read_key(&wc);
		if (r == KEY_CODE_YES && wc == KEY_RESIZE) {
			/* a new size: every cell is written again */
			term_out_forget(&out);
			return KEYMAP_RESIZE;
		}
		if (r == ERR) {
			/* no key within the timeout, a signal, or
			 * the terminal gone: at its end the input
			 * would give ERR at once, for ever */
			struct pollfd pfd = {.fd = STDIN_FILENO,
					     .events = POLLIN};
			if (poll(&pfd, 1, 0) == 1 &&
			    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)))
				input_gone = true;
			/* the caller looks for changes made
			 * elsewhere and moves running clocks */
			return -1;
		}
		if (r == KEY_CODE_YES)
			return key_from_curses((int)wc);
		return wc == '\n' ? '\r' : (int)wc;
	}
	term_script_key_end(&script.timing);
	for (;;) {
		if (script.pos >= script.n) {
			dump_screen();
			script.finished = true;
			return -1;
		}
		struct term_script_key *k = &script.keys[script.pos++];
		if (k->code == TERM_SCRIPT_DUMP) {
			dump_screen();
			continue;
		}
		if (k->code == TERM_SCRIPT_CANCEL) /* no work was running */
			continue;
		/* idle: as a wait without a key ends, not timed */
		if (k->code == TERM_SCRIPT_IDLE)
			return -1;
		term_script_key_begin(&script.timing, k->code);
		if (k->code == TERM_SCRIPT_RESIZE) {
			resize_term(k->rows, k->cols);
			term_out_forget(&out);
			return KEYMAP_RESIZE;
		}
		return k->code;
	}
}

/*
 * Teaches curses the sequences common terminals send for the editing and
 * moving keys that the terminal's description does not name: tmux sends
 * Home and End as ESC [1~ and ESC [4~ also under TERM=xterm-256color,
 * whose description says ESC OH and ESC OF, and curses would hand over a
 * sequence it does not know as Esc (back) and the characters after it.
 * A sequence the description binds, or that begins a longer one it
 * binds, is left as it is (key_defined).
 */
static void define_common_keys(void)
{
	static const struct {
		const char *seq;
		int code;
	} common[] = {
	    {"\033[1~", KEY_HOME},  {"\033[7~", KEY_HOME},
	    {"\033[H", KEY_HOME},   {"\033OH", KEY_HOME},
	    {"\033[4~", KEY_END},   {"\033[8~", KEY_END},
	    {"\033[F", KEY_END},    {"\033OF", KEY_END},
	    {"\033[2~", KEY_IC},    {"\033[3~", KEY_DC},
	    {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
	    {"\033[A", KEY_UP},	    {"\033OA", KEY_UP},
	    {"\033[B", KEY_DOWN},   {"\033OB", KEY_DOWN},
	    {"\033[C", KEY_RIGHT},  {"\033OC", KEY_RIGHT},
	    {"\033[D", KEY_LEFT},   {"\033OD", KEY_LEFT},
	    {"\033[Z", KEY_BTAB},
	};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(common); i++)
		if (key_defined(common[i].seq) == 0)
			define_key(common[i].seq, common[i].code);
}

/* Terminfo strings without their padding ("$<5>": delays for slow
 * terminals that tputs would turn into waiting, written as they are they
 * show as text), kept until the terminal is given back. */

static void strip_padding(char *s)
{
	char *w = s;
	for (const char *p = s; *p;) {
		const char *e =
		    p[0] == '$' && p[1] == '<' ? strchr(p, '>') : NULL;
		if (e)
			p = e + 1;
		else
			*w++ = *p++;
	}
	*w = '\0';
}

static const char *unpadded(const char *s)
{
	if (!s || !strstr(s, "$<"))
		return s;
	if (n_kept_caps == UTIL_ARRAY_LEN(kept_caps))
		return "";
	char *u = xstrdup(s);
	strip_padding(u);
	return kept_caps[n_kept_caps++] = u;
}

/* A terminfo string, NULL when the terminal has none. */
static const char *cap(const char *name)
{
	const char *s = tigetstr(name);
	return s && s != (const char *)-1 ? unpadded(s) : NULL;
}

static const char *tparm2(const char *c, int a, int b)
{
	static char buf[64];
	const char *s = tiparm(c, a, b);
	if (!s)
		return NULL;
	util_copy(buf, sizeof(buf), s);
	strip_padding(buf);
	return buf;
}

/* The sequence that draws in a cell colour (0: erased), from normal. */
static char *style_seq(unsigned color)
{
	static const struct {
		unsigned a;
		const char *cap;
	} attrs[] = {{TA_BOLD, "bold"},
		     {TA_DIM, "dim"},
		     {TA_REVERSE, "rev"},
		     {TA_UNDERLINE, "smul"}};
	struct strbuf sb = {0};
	const char *s = cap("sgr0");
	strbuf_puts(&sb, s ? s : "");
	unsigned a = term_grid_attrs(color, use_color);
	for (size_t i = 0; i < UTIL_ARRAY_LEN(attrs); i++)
		if ((a & attrs[i].a) && (s = cap(attrs[i].cap)))
			strbuf_puts(&sb, s);
	const char *af = cap("setaf"), *ab = cap("setab");
	if (use_color && color && af && ab) {
		const struct term_style *st = &term_styles[color - 1];
		if (st->fg >= 0)
			strbuf_puts(&sb, unpadded(tiparm(af, st->fg)));
		if (st->bg >= 0)
			strbuf_puts(&sb, unpadded(tiparm(ab, st->bg)));
	}
	return strbuf_detach(&sb);
}

/* The writer of the cells, with the terminal's sequences. */
static void setup_out(FILE *f)
{
	struct term_caps c = {
	    .cup = cap("cup"),
	    .clear = cap("clear"),
	    .el = cap("el"),
	    .csr = cap("csr"),
	    .ind = cap("ind"),
	    .ri = cap("ri"),
	    .civis = cap("civis"),
	    .cnorm = cap("cnorm"),
	    .bottom_right = tigetflag("am") <= 0 || tigetflag("xenl") > 0,
	    .tparm2 = tparm2,
	};
	for (unsigned i = 0; i <= TC_COUNT; i++)
		c.style[i] = style_seq(i);
	term_out_init(&out, f, &c);
}

void term_setup(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCONT, &sa, NULL);

	util_set_fatal_hook(term_restore);
	atexit(term_restore);
	if (script.active) {
		script.null_out = fopen("/dev/null", "w");
		script.null_in = fopen("/dev/null", "r");
		static const char *const terms[] = {"xterm-256color", "xterm",
						    "vt100"};
		for (size_t i = 0; i < UTIL_ARRAY_LEN(terms) && !script.screen;
		     i++)
			script.screen =
			    newterm(terms[i], script.null_out, script.null_in);
		if (!script.screen) {
			fputs(_("tumorboard: no terminal description for the "
				"headless screen\n"),
			      stderr);
			exit(5);
		}
		set_term(script.screen);
	} else {
		/* ui_run checked it with term_usable */
		if (!newterm(NULL, stdout, stdin)) {
			fputs(
			    _("tumorboard: the terminal could not be opened\n"),
			    stderr);
			exit(TERM_EXIT_NO_TERMINAL);
		}
	}
	curses_active = true;
	/* Ctrl-Z (suspend): set after curses, which may set its own; not
	 * where it is ignored (a shell without job control) */
	struct sigaction tstp;
	if (!script.active && sigaction(SIGTSTP, NULL, &tstp) == 0 &&
	    tstp.sa_handler != SIG_IGN)
		sigaction(SIGTSTP, &sa, NULL);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_common_keys();
	/* a lone Esc is back within 25 ms; a sequence's bytes come
	 * together, also over SSH; a user's ESCDELAY (ncurses' own, for a
	 * link that splits them) stands */
	const char *escdelay = getenv("ESCDELAY");
	if (!escdelay || !*escdelay)
		set_escdelay(25);
	curs_set(0);
	timeout(250);
	if (script.active)
		resize_term(script.rows, script.cols);
	/* curses takes the terminal (its alternate screen, cleared) once;
	 * from here on term_out.c writes the cells */
	refresh();
	const char *nc = getenv("NO_COLOR");
	use_color = has_colors() && !(nc && *nc);
	setup_out(script.active ? script.null_out : stdout);
	term_grid_init(&grid, LINES, COLS);
}

/* Draws sanitized s at (y, x) in at most maxw columns in colour c (the
 * grid's cursor left after it); draw false: only measures it. */
static int put_run(int y, int x, int maxw, const char *s, enum term_color c,
		   bool draw)
{
	if (!draw)
		return term_grid_put(&grid, &y, &x, maxw, s, c, false);
	cur_y = y;
	cur_x = x;
	return term_grid_put(&grid, &cur_y, &cur_x, maxw, s, c, true);
}

/*
 * The frame (term_frame.h): the drawing calls between term_erase and
 * term_refresh are recorded, and only rows drawn otherwise than before are
 * drawn again. Outside a frame calls draw at once (the rows again next).
 */
static void frame_add(enum term_op_kind k, int y, int x, int maxw,
		      enum term_color c, const char *text)
{
	term_frame_add(
	    &frame,
	    (struct term_op){
		.kind = k, .y = y, .x = x, .maxw = maxw, .color = (int)c},
	    text);
}

int term_put(int y, int x, int maxw, const char *s, enum term_color c)
{
	if (!frame.recording) {
		int used = put_run(y, x, maxw, s, c, true);
		/* text past the right edge wraps onto the rows below */
		term_frame_touch(&frame, x + used > COLS ? -1 : y);
		return used;
	}
	int used = put_run(y, x, maxw, s, c, false);
	frame_add(TERM_OP_PUT, y, x, maxw, c, s);
	if (x < 0 || x + used > COLS)
		frame.whole = true; /* curses wraps it: more than row y */
	frame_y = y;
	frame_x = x + used < COLS ? x + used : -1;
	return used;
}

int term_put_text(int y, int x, int maxw, const char *s, enum term_color c)
{
	if (util_printable_len(s) >= 0) /* nothing to clean */
		return term_put(y, x, maxw, s, c);
	char *clean = util_sanitize(s, false);
	int used = term_put(y, x, maxw, clean, c);
	free(clean);
	return used;
}

/* Row y blank in c, or recoloured; the cursor left at its start. */
static void fill_row(int y, enum term_color c)
{
	term_grid_fill(&grid, y, c);
	cur_y = y;
	cur_x = 0;
}

static void recolor_row(int y, enum term_color c)
{
	term_grid_recolor(&grid, y, c);
	cur_y = y;
	cur_x = 0;
}

void term_fill(int y, enum term_color c)
{
	if (frame.recording) {
		frame_add(TERM_OP_FILL, y, 0, 0, c, NULL);
		frame_y = y;
		frame_x = 0;
		return;
	}
	fill_row(y, c);
	term_frame_touch(&frame, y);
}

void term_recolor(int y, enum term_color c)
{
	if (frame.recording) {
		frame_add(TERM_OP_RECOLOR, y, 0, 0, c, NULL);
		frame_y = y;
		frame_x = 0;
		return;
	}
	recolor_row(y, c);
	term_frame_touch(&frame, y);
}

void term_bar(int y, enum term_color c, const char *text)
{
	term_fill(y, c);
	term_put_text(y, 1, COLS - 2, text, c);
}

void term_notice(const char *msg)
{
	if (!curses_active)
		return;
	/* a headless run keeps what it showed and at which key (the key
	 * being handled: the number of keys timed so far plus one) */
	if (script.active)
		strbuf_printf(
		    &script.timing.notices,
		    /* untranslated: read by tests */ "notice %zu %s…\n",
		    script.timing.n + 1, msg);
	/* drawn now, whatever a frame has recorded */
	bool recording = frame.recording;
	frame.recording = false;
	char *line = xasprintf("%s…", msg);
	term_bar(LINES - 1, TC_STATUS, line);
	free(line);
	term_out_frame(&out, &grid, cur_y, cur_x, cursor_shown);
	frame.recording = recording;
}

void term_work(bool on)
{
	working = on;
	cancel_asked = 0;
}

bool term_cancel_asked(void)
{
	if (cancel_asked || !curses_active)
		return cancel_asked;
	if (script.active) { /* "cancel": Esc pressed while the work ran */
		bool c = script.pos < script.n &&
			 script.keys[script.pos].code == TERM_SCRIPT_CANCEL;
		script.pos += c;
		return c;
	}
	int delay = wgetdelay(stdscr), r;
	wint_t wc;
	untouchwin(stdscr); /* as term_getkey */
	wtimeout(stdscr, 0);
	r = wget_wch(stdscr, &wc);
	wtimeout(stdscr, delay);
	if (r == OK && (wc == 27 || wc == 3))
		return true;
	else if (r != ERR) /* another key: kept for the loop */
		(void)(r == KEY_CODE_YES ? ungetch((int)wc) : unget_wch(wc));
	return false;
}

static enum term_color style_color(enum textdoc_style s)
{
	static const enum term_color c[TD_STYLE_COUNT] = {
	    [TD_NORMAL] = TC_NORMAL,   [TD_TITLE] = TC_STRONG,
	    [TD_HEADING] = TC_HEADING, [TD_LABEL] = TC_LABEL,
	    [TD_DIM] = TC_DIM,	       [TD_WARN] = TC_WARN,
	    [TD_STRONG] = TC_STRONG};
	return (unsigned)s < TD_STYLE_COUNT ? c[s] : TC_NORMAL;
}

/* n bytes at s put at x in c; copied to end them (short: on the stack) */
static int put_part(int y, int x, const char *s, size_t n, enum term_color c)
{
	char small[256], *t = n < sizeof(small) ? small : xmalloc(n + 1);
	memcpy(t, s, n);
	t[n] = '\0';
	int used = term_put(y, x, COLS - x, t, c);
	if (t != small)
		free(t);
	return used;
}

void term_doc_line(int y, const struct textdoc_line *l)
{
	size_t pos = 0;
	int x = 0;
	for (size_t i = 0; i <= l->n_spans && x < COLS; i++) {
		const struct textdoc_span *sp =
		    i < l->n_spans ? &l->spans[i] : 0;
		size_t start = sp ? sp->start : l->len;
		if (start > pos)
			x += put_part(y, x, l->text + pos, start - pos,
				      TC_NORMAL);
		if (sp) {
			x += put_part(y, x, l->text + start, sp->len,
				      style_color(sp->style));
			pos = start + sp->len;
		}
	}
}

/*
 * Whether the terminal shows block elements (▁ to █) for the RECIST
 * sparkline: the user's locale says UTF-8 and the terminal is not the
 * Linux console or a VT. Scripted, headless runs keep plain numbers so
 * their screens do not depend on the environment.
 */
bool term_blocks(void)
{
	if (script.screen)
		return false;
	const char *l = getenv("LC_ALL");
	if (!l || !*l)
		l = getenv("LC_CTYPE");
	if (!l || !*l)
		l = getenv("LANG");
	if (!l || (!strstr(l, "UTF-8") && !strstr(l, "utf-8") &&
		   !strstr(l, "UTF8") && !strstr(l, "utf8")))
		return false;
	const char *t = getenv("TERM");
	return !t || (strcmp(t, "linux") != 0 && strncmp(t, "vt", 2) != 0);
}

/*
 * Whether the interactive screen can run here, said at once when not:
 * standard input and output must be a terminal, and its type (TERM) known
 * and able to move the cursor. Nothing is left changed on the terminal.
 */
bool term_usable(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs(
		    _("tumorboard: the interactive screen needs a terminal on "
		      "standard input and output; the commands work without "
		      "one (see tumorboard --help)\n"),
		    stderr);
		return false;
	}
	const char *term = getenv("TERM");
	char *clean =
	    util_sanitize(term && *term ? term : _("(not set)"), false);
	FILE *null_out = fopen("/dev/null", "w");
	SCREEN *s = null_out ? newterm(NULL, null_out, stdin) : NULL;
	bool ok = false;
	if (!s) {
		fprintf(stderr,
			_("tumorboard: TERM=%s: no such terminal type; the "
			  "interactive screen needs one it knows\n"),
			clean);
	} else {
		const char *cup = tigetstr("cup");
		ok = cup && cup != (const char *)-1;
		endwin();
		delscreen(s);
		if (!ok)
			fprintf(
			    stderr,
			    _("tumorboard: TERM=%s cannot place the cursor; "
			      "the interactive screen needs a terminal "
			      "that can\n"),
			    clean);
	}
	if (null_out)
		fclose(null_out);
	free(clean);
	return ok;
}

int term_script_load(const struct term_script *s)
{
	if (!s->script)
		return 0;
	script.active = true;
	if (!term_script_read(s->script, &script.keys, &script.n)) {
		script_done();
		return 2;
	}
	term_script_timing_init(&script.timing, script.n);
	script.dump = stdout;
	script.dump_attrs = s->dump_attrs;
	script.cols = s->cols > 0 ? s->cols : 80;
	script.rows = s->rows > 0 ? s->rows : 24;
	if (s->dump) {
		script.dump = fopen(s->dump, "w");
		if (!script.dump) {
			fprintf(stderr, _("tumorboard: %s: %s\n"), s->dump,
				strerror(errno));
			script.dump = NULL;
			script_done();
			return 5;
		}
	}
	return 0;
}

void term_finish(const char *timing_path)
{
	if (script.active && timing_path) {
		FILE *t = fopen(timing_path, "w");
		if (t) {
			term_script_report(t, &script.timing);
			fclose(t);
		}
	}
	script_done();
}

int term_exit_code(void)
{
	return got_signal ? 128 + got_signal : input_gone ? 128 + SIGHUP : 0;
}

void term_timing_peer(double (*ms)(void *arg), void *arg)
{
	script.timing.peer_ms = ms;
	script.timing.peer_arg = arg;
}

void term_first_screen(void)
{
	if (script.active && !script.timing.first_cpu_ms)
		script.timing.first_cpu_ms = term_script_cpu_ms();
}

int term_cols(void)
{
	return COLS;
}

int term_lines(void)
{
	return LINES;
}

void term_erase(void)
{
	if (grid.rows != LINES || grid.cols != COLS)
		term_grid_init(&grid, LINES, COLS);
	term_frame_begin(&frame, LINES, COLS);
	frame_y = frame_x = 0; /* where werase leaves it */
}

/* Draws the frame's changed rows: each cleared, then its calls in order. */
static void frame_apply(void)
{
	/* rows that moved (a list scrolled by a row) are moved on the
	 * screen, not drawn again */
	int top, bottom, shift;
	if (term_frame_shift(&frame, &top, &bottom, &shift)) {
		term_grid_shift(&grid, top, bottom, shift);
		term_out_scroll(&out, top, bottom, shift);
		term_frame_scrolled(&frame, top, bottom, shift);
	}
	for (int y = 0; y < LINES; y++)
		if (term_frame_row_changed(&frame, y))
			term_grid_clear(&grid, y, 0);
	cur_y = cur_x = 0; /* as an erased screen leaves it */
	for (size_t i = 0; i < frame.n_ops; i++) {
		const struct term_op *op = &frame.ops[i];
		bool draw = term_frame_row_changed(&frame, op->y);
		switch (op->kind) {
		case TERM_OP_PUT:
			if (draw)
				put_run(op->y, op->x, op->maxw,
					term_frame_text(&frame, op),
					(enum term_color)op->color, true);
			break;
		case TERM_OP_FILL:
			if (draw)
				fill_row(op->y, (enum term_color)op->color);
			break;
		case TERM_OP_RECOLOR:
			if (draw)
				recolor_row(op->y, (enum term_color)op->color);
			break;
		case TERM_OP_MOVE:
			cur_y = op->y;
			cur_x = op->x;
			break;
		case TERM_OP_CLEAR_EOL:
			/* the row not known: the frame is whole, drawn in
			 * order, and the cursor is where it was */
			if (op->y >= 0 && draw) {
				cur_y = op->y;
				cur_x = op->x;
			}
			if (draw)
				term_grid_clear(&grid, cur_y, cur_x);
			break;
		}
	}
	if (frame_x >= 0) {
		cur_y = frame_y;
		cur_x = frame_x;
	}
	term_frame_end(&frame);
}

void term_refresh(void)
{
	if (frame.recording)
		frame_apply();
	term_out_frame(&out, &grid, cur_y, cur_x, cursor_shown);
}

void term_move(int y, int x)
{
	if (frame.recording) {
		frame_add(TERM_OP_MOVE, y, x, 0, TC_NORMAL, NULL);
		frame_y = y;
		frame_x = x;
		return;
	}
	cur_y = y;
	cur_x = x;
}

void term_clear_eol(void)
{
	if (!frame.recording) {
		term_grid_clear(&grid, cur_y, cur_x);
		term_frame_touch(&frame, cur_y);
		return;
	}
	/* on the cursor's row: not known after text that reached the right
	 * edge, and the frame is then drawn whole */
	if (frame_x < 0)
		frame.whole = true;
	frame_add(TERM_OP_CLEAR_EOL, frame_x >= 0 ? frame_y : -1,
		  frame_x >= 0 ? frame_x : 0, 0, TC_NORMAL, NULL);
}

void term_cursor(bool visible)
{
	cursor_shown = visible; /* shown or hidden at the next refresh */
}
