/*
 * Screen layout: one title line, the body, one status line with the keys
 * that matter here. The case list pages through the database a screenful
 * at a time (never the whole archive); the pager shows a rendered textdoc.
 */
#include "ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_meeting.h"
#include "keymap.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "kb.h"
#include "decision.h"
#include "followup.h"
#include "form_def.h"
#include "quorum.h"
#include "summary.h"
#include "support.h"
#include "lineedit.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "textdoc.h"
#include "ui_curses.h"
#include "ui_internal.h"
#include "util.h"
#include "validate.h"

static const struct {
	short fg, bg;
	attr_t color_attr;
	attr_t mono_attr;
} color_table[UC_COUNT] = {
    [UC_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [UC_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [UC_STATUS] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [UC_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE},
    [UC_HEADING] = {COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [UC_LABEL] = {COLOR_GREEN, -1, A_NORMAL, A_BOLD},
    [UC_DIM] = {-1, -1, A_DIM, A_DIM},
    [UC_WARN] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [UC_STRONG] = {-1, -1, A_BOLD, A_BOLD},
};

enum { SCRIPT_DUMP = -100, SCRIPT_RESIZE = -101 };

struct script_key {
	int code; /* curses key, SCRIPT_DUMP or SCRIPT_RESIZE */
	int cols, rows;
};

static struct {
	bool active;
	struct script_key *keys;
	size_t n, pos;
	FILE *dump;
	int dumps;
	bool
	    dump_attrs; /* each row followed by its colour and attribute runs */
	FILE *null_out, *null_in;
	SCREEN *screen;
	/* keystroke timing: ms from delivering a key to asking for the next,
	 * wall clock and process CPU time, with the key's code */
	double t_start, t_key, c_key;
	double *lat, *cpu;
	int *codes;
	size_t n_lat;
	double startup_ms, first_cpu_ms;
	int last_code;
	bool finished; /* the script ran out: every loop ends */
} script;

/* A message for the status bar until the next key (keys file problems). */
char ui_status_msg[256];
static bool use_color;
static bool curses_active;
static volatile sig_atomic_t got_signal;
/* The terminal hung up (standard input at its end): every loop ends and
 * the program exits as after SIGHUP. */
static bool input_gone;

bool ui_ticking;

bool ui_stopping(void)
{
	return got_signal || input_gone || script.finished;
}

attr_t ui_attr(enum ui_color c)
{
	if (use_color)
		return COLOR_PAIR((short)c + 1) | color_table[c].color_attr;
	return color_table[c].mono_attr;
}

/* The exit status without a usable terminal (tumorboard(1), EXIT STATUS). */
enum { UI_EXIT_NO_TERMINAL = 1 };

static void restore_terminal(void)
{
	if (curses_active) {
		curses_active = false;
		endwin();
	}
	if (script.screen) {
		delscreen(script.screen);
		script.screen = NULL;
		fclose(script.null_out);
		fclose(script.null_in);
	}
}

static void on_signal(int sig)
{
	got_signal = sig;
}

/* ------------------------------------------------------------------------
 * Scripted, headless runs: keys come from a file, the screen is a curses
 * screen of fixed size writing to /dev/null, and "dump" writes what is on
 * it as text. Used by the screen tests and the keystroke benchmark.
 * ---------------------------------------------------------------------- */

static double mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* CPU time of the whole process so far: what a key costs on a busy
 * machine, where the wall clock also counts waiting for a core. */
static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Parses one script token into *k; false with a message in err. Keys use
 * the same names as the keys file (keymap_parse_key). */
static bool parse_key_token(const char *tok, struct script_key *k, char *err,
			    size_t errlen)
{
	k->cols = k->rows = 0;
	if (strcmp(tok, "dump") == 0) {
		k->code = SCRIPT_DUMP;
		return true;
	}
	if (strncmp(tok, "resize:", 7) == 0) {
		char x;
		if (sscanf(tok + 7, "%dx%d%c", &k->cols, &k->rows, &x) != 2 ||
		    k->cols < 20 || k->rows < 5 || k->cols > 1000 ||
		    k->rows > 1000) {
			snprintf(err, errlen,
				 "resize wants COLSxROWS, e.g. "
				 "resize:80x24");
			return false;
		}
		k->code = SCRIPT_RESIZE;
		return true;
	}
	k->code = keymap_parse_key(tok);
	if (k->code < 0) {
		snprintf(err, errlen, "unknown key '%s'", tok);
		return false;
	}
	return true;
}

/* Reads a key script (tumorboard(1), SCREEN SCRIPTS). Tokens are separated
 * by white space; TOKEN*N repeats; '#' starts a comment. */
static bool load_script(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	long lineno = 0;

	if (!f) {
		fprintf(stderr, "tumorboard: %s: %s\n", path, strerror(errno));
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		/* "type TEXT" types the rest of the line, one key per
		 * character (UTF-8), '#' included */
		if (strncmp(line, "type ", 5) == 0) {
			const char *p = line + 5;
			size_t n = strcspn(p, "\r\n");
			mbstate_t ps;
			memset(&ps, 0, sizeof(ps));
			while (n > 0) {
				wchar_t wc;
				size_t len = mbrtowc(&wc, p, n, &ps);
				if (len == (size_t)-1 || len == (size_t)-2 ||
				    len == 0) {
					fprintf(stderr,
						"%s:%ld: not valid UTF-8\n",
						path, lineno);
					fclose(f);
					return false;
				}
				script.keys = xrealloc(
				    script.keys,
				    (script.n + 1) * sizeof(*script.keys));
				script.keys[script.n++] =
				    (struct script_key){.code = (int)wc};
				p += len;
				n -= len;
			}
			continue;
		}
		char *hash = strchr(line, '#');
		if (hash &&
		    (hash == line || hash[-1] == ' ' || hash[-1] == '\t'))
			*hash = '\0';
		for (char *tok = strtok(line, " \t\r\n"); tok;
		     tok = strtok(NULL, " \t\r\n")) {
			long times = 1;
			char *star = strrchr(tok, '*');
			if (star && star != tok && star[1]) {
				if (!util_parse_long(star + 1, 1, 100000,
						     &times)) {
					fprintf(stderr,
						"%s:%ld: bad repeat "
						"count\n",
						path, lineno);
					fclose(f);
					return false;
				}
				*star = '\0';
			}
			struct script_key k;
			char err[128];
			if (!parse_key_token(tok, &k, err, sizeof(err))) {
				fprintf(stderr, "%s:%ld: %s\n", path, lineno,
					err);
				fclose(f);
				return false;
			}
			script.keys =
			    xrealloc(script.keys, (script.n + (size_t)times) *
						      sizeof(*script.keys));
			for (long i = 0; i < times; i++)
				script.keys[script.n++] = k;
		}
	}
	fclose(f);
	return true;
}

/* The attribute names written in an attribute dump, in this order. */
static const struct {
	attr_t a;
	const char *name;
} dump_attr_names[] = {
    {A_BOLD, "bold"},	      {A_DIM, "dim"},
    {A_REVERSE, "reverse"},   {A_UNDERLINE, "underline"},
    {A_STANDOUT, "standout"}, {A_BLINK, "blink"},
};

/*
 * The colours a cell is drawn in: the pair's foreground and background
 * (-1: the terminal's default), swapped by reverse video as a terminal
 * does. Colour pairs only count when the screen uses colour.
 */
static void cell_colours(short pair, attr_t a, short *fg, short *bg)
{
	*fg = *bg = -1;
	if (use_color && pair_content(pair, fg, bg) == ERR)
		*fg = *bg = -1;
	if (a & A_REVERSE) {
		short t = *fg;
		*fg = *bg;
		*bg = t;
	}
}

/*
 * An attribute dump row: runs of cells with the same pair and attributes,
 * "= FROM-TO pPAIR FG/BG ATTRS", colours as numbers or "-" for the
 * terminal's default; a run whose printed (non-blank) cells have the same
 * foreground and background colour is marked UNREADABLE. Adds the row's
 * printed and unreadable cells to *printed and *bad.
 */
static void dump_row_attrs(int y, int *printed, int *bad)
{
	struct strbuf sb = {0};
	int x = 0;
	while (x < COLS) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		mvin_wch(y, x, &cc);
		getcchar(&cc, wch, &a, &pair, NULL);
		a &= A_ATTRIBUTES & ~A_COLOR;
		int from = x, run_printed = 0;
		for (; x < COLS; x++) {
			attr_t a2;
			short pair2;
			mvin_wch(y, x, &cc);
			getcchar(&cc, wch, &a2, &pair2, NULL);
			a2 &= A_ATTRIBUTES & ~A_COLOR;
			if (a2 != a || pair2 != pair)
				break;
			if (wch[0] && wch[0] != L' ')
				run_printed++;
		}
		short fg, bg;
		cell_colours(pair, a, &fg, &bg);
		strbuf_printf(&sb, "%s%d-%d p%d ", sb.len ? "  " : "= ", from,
			      x - 1, pair);
		if (fg < 0)
			strbuf_puts(&sb, "-/");
		else
			strbuf_printf(&sb, "%d/", fg);
		if (bg < 0)
			strbuf_puts(&sb, "-");
		else
			strbuf_printf(&sb, "%d", bg);
		for (size_t i = 0; i < UTIL_ARRAY_LEN(dump_attr_names); i++)
			if (a & dump_attr_names[i].a)
				strbuf_printf(&sb, " %s",
					      dump_attr_names[i].name);
		*printed += run_printed;
		if (run_printed && fg == bg && fg >= 0) {
			strbuf_puts(&sb, " UNREADABLE");
			*bad += run_printed;
		}
	}
	fprintf(script.dump, "%s\n", sb.buf ? sb.buf : "=");
	strbuf_done(&sb);
}

/* Writes the screen as text, trailing blanks trimmed; in the attribute
 * mode each row is followed by its runs (dump_row_attrs) and the screen
 * by a count of unreadable cells. */
static void dump_screen(void)
{
	wchar_t *row = xcalloc((size_t)COLS + 1, sizeof(wchar_t));
	char *mb = xmalloc((size_t)COLS * MB_CUR_MAX + 1);
	int printed = 0, bad = 0;
	script.dumps++;
	fprintf(script.dump, "--- screen %d (%dx%d) ---\n", script.dumps, COLS,
		LINES);
	for (int y = 0; y < LINES; y++) {
		int n = mvinnwstr(y, 0, row, COLS);
		if (n < 0)
			n = 0;
		row[n] = L'\0';
		size_t len = wcstombs(mb, row, (size_t)COLS * MB_CUR_MAX);
		if (len == (size_t)-1)
			len = 0;
		while (len && mb[len - 1] == ' ')
			len--;
		fprintf(script.dump, "%.*s\n", (int)len, mb);
		if (script.dump_attrs)
			dump_row_attrs(y, &printed, &bad);
	}
	if (script.dump_attrs)
		fprintf(script.dump,
			"--- %s: %d printed cells, %d unreadable (fg = bg) "
			"---\n",
			use_color ? "colour" : "monochrome", printed, bad);
	free(row);
	free(mb);
}

static void script_done(void)
{
	if (!script.active)
		return;
	if (script.dump && script.dump != stdout)
		fclose(script.dump);
	free(script.keys);
	free(script.lat);
	free(script.cpu);
	free(script.codes);
	script.keys = NULL;
	script.lat = NULL;
	script.cpu = NULL;
	script.codes = NULL;
}

/* A curses key code as a keymap key. */
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

/*
 * The next key as a keymap key. Interactive: blocks until a key or a
 * signal (returns -1 then). Scripted: the next scripted key, handling dump
 * and resize here; after the last one, -1 and script.finished end every
 * loop.
 */
int ui_getkey(void)
{
	if (!script.active) {
		for (;;) {
			wint_t wc;
			int r = get_wch(&wc);
			if (r == ERR) {
				/* no key within the timeout, a signal, or
				 * the terminal gone: at its end the input
				 * would give ERR at once, for ever */
				struct pollfd pfd = {.fd = STDIN_FILENO,
						     .events = POLLIN};
				if (poll(&pfd, 1, 0) == 1 &&
				    (pfd.revents &
				     (POLLHUP | POLLERR | POLLNVAL)))
					input_gone = true;
				/* a running meeting's clocks redraw each
				 * second */
				if (got_signal || input_gone || ui_ticking)
					return -1;
				continue;
			}
			ui_status_msg[0] = '\0';
			if (r == KEY_CODE_YES)
				return key_from_curses((int)wc);
			return wc == '\n' ? '\r' : (int)wc;
		}
	}
	double now = mono_ms(), cnow = cpu_ms();
	if (script.t_key > 0) {
		script.cpu[script.n_lat] = cnow - script.c_key;
		script.codes[script.n_lat] = script.last_code;
		script.lat[script.n_lat++] = now - script.t_key;
	} else if (!script.startup_ms) {
		script.startup_ms = now - script.t_start;
	}
	for (;;) {
		if (script.pos >= script.n) {
			dump_screen();
			script.t_key = 0;
			script.finished = true;
			return -1;
		}
		struct script_key *k = &script.keys[script.pos++];
		if (k->code == SCRIPT_DUMP) {
			dump_screen();
			continue;
		}
		script.t_key = mono_ms();
		script.c_key = cpu_ms();
		script.last_code = k->code;
		ui_status_msg[0] = '\0';
		if (k->code == SCRIPT_RESIZE) {
			resize_term(k->rows, k->cols);
			return KEYMAP_RESIZE;
		}
		return k->code;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The first line sums up (wall clock); then one line per key:
 * "key CODE WALL_MS CPU_MS" in the order the keys were given. The
 * first_screen_cpu_ms figure is the process's CPU time from its start to
 * the first screen drawn. */
static void report_timing(FILE *out)
{
	if (!script.n_lat) {
		fprintf(out,
			"startup_ms=%.3f keys=0 first_screen_cpu_ms=%.3f\n",
			script.startup_ms, script.first_cpu_ms);
		return;
	}
	double *sorted = xcalloc(script.n_lat, sizeof(double));
	memcpy(sorted, script.lat, script.n_lat * sizeof(double));
	qsort(sorted, script.n_lat, sizeof(double), cmp_double);
	size_t p99 = (size_t)((double)script.n_lat * 0.99);
	if (p99 >= script.n_lat)
		p99 = script.n_lat - 1;
	fprintf(out,
		"startup_ms=%.3f keys=%zu median_ms=%.3f p99_ms=%.3f "
		"max_ms=%.3f first_screen_cpu_ms=%.3f\n",
		script.startup_ms, script.n_lat, sorted[script.n_lat / 2],
		sorted[p99], sorted[script.n_lat - 1], script.first_cpu_ms);
	free(sorted);
	for (size_t i = 0; i < script.n_lat; i++)
		fprintf(out, "key %d %.4f %.4f\n", script.codes[i],
			script.lat[i], script.cpu[i]);
}

static void setup_terminal(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	util_set_fatal_hook(restore_terminal);
	atexit(restore_terminal);
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
			fputs("tumorboard: no terminal description for the "
			      "headless screen\n",
			      stderr);
			exit(5);
		}
		set_term(script.screen);
	} else {
		/* ui_run checked it with terminal_usable */
		if (!newterm(NULL, stdout, stdin)) {
			fputs("tumorboard: the terminal could not be opened\n",
			      stderr);
			exit(UI_EXIT_NO_TERMINAL);
		}
	}
	curses_active = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	timeout(250);
	const char *nc = getenv("NO_COLOR");
	use_color = has_colors() && !(nc && *nc);
	if (use_color) {
		start_color();
		use_default_colors();
		/* every semantic colour has its pair, normal text too:
		 * pair n + 1 is colour n (an uninitialised pair is drawn
		 * black on black) */
		for (int i = 0; i < UC_COUNT; i++)
			init_pair((short)(i + 1), color_table[i].fg,
				  color_table[i].bg);
	}
}

/*
 * Draws s at (y, x) in at most maxw columns. s must already be sanitized;
 * wide characters that would cross the edge are not drawn. The text goes
 * to curses in runs (one call per run of up to UI_RUN characters), not one
 * call per character; ASCII is taken as it is, without a conversion.
 */
#define UI_RUN 256
int ui_put_clipped(int y, int x, int maxw, const char *s, attr_t a)
{
	wchar_t run[UI_RUN];
	int n_run = 0;
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	int used = 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	move(y, x);
	attron(a);
	while (n > 0 && used < maxw) {
		wchar_t wc;
		size_t len;
		int w;
		if (*p >= 0x20 && *p < 0x7f) {
			wc = (wchar_t)*p;
			len = 1;
			w = 1;
		} else {
			len = mbrtowc(&wc, (const char *)p, n, &ps);
			if (len == (size_t)-1 || len == (size_t)-2 ||
			    len == 0) {
				memset(&ps, 0, sizeof(ps));
				wc = L'?';
				len = 1;
			}
			w = wcwidth(wc);
			if (w < 0)
				w = 1;
		}
		if (used + w > maxw)
			break;
		if (n_run == UI_RUN) {
			addnwstr(run, n_run);
			n_run = 0;
		}
		run[n_run++] = wc;
		used += w;
		p += len;
		n -= len;
	}
	if (n_run)
		addnwstr(run, n_run);
	attroff(a);
	return used;
}

void ui_fill_line(int y, attr_t a)
{
	move(y, 0);
	attron(a);
	for (int x = 0; x < COLS; x++)
		addch(' ');
	attroff(a);
}

void ui_draw_bar(int y, enum ui_color c, const char *text)
{
	ui_fill_line(y, ui_attr(c));
	char *clean = util_sanitize(text, false);
	ui_put_clipped(y, 1, COLS - 2, clean, ui_attr(c));
	free(clean);
}

void ui_busy_notice(const char *msg)
{
	if (!curses_active)
		return;
	char *line = xasprintf("%s…", msg);
	ui_draw_bar(LINES - 1, UC_STATUS, line);
	free(line);
	refresh();
}

/* ------------------------------------------------------------------------
 * Pager
 * ---------------------------------------------------------------------- */

static enum ui_color style_color(enum textdoc_style s)
{
	switch (s) {
	case TD_TITLE:
		return UC_STRONG;
	case TD_HEADING:
		return UC_HEADING;
	case TD_LABEL:
		return UC_LABEL;
	case TD_DIM:
		return UC_DIM;
	case TD_WARN:
		return UC_WARN;
	case TD_STRONG:
		return UC_STRONG;
	default:
		return UC_NORMAL;
	}
}

void ui_draw_doc_line(int y, const struct textdoc_line *l)
{
	size_t pos = 0;
	int x = 0;
	for (size_t i = 0; i <= l->n_spans && x < COLS; i++) {
		size_t start = i < l->n_spans ? l->spans[i].start : l->len;
		if (start > pos) {
			char *plain = xstrndup(l->text + pos, start - pos);
			x += ui_put_clipped(y, x, COLS - x, plain,
					    ui_attr(UC_NORMAL));
			free(plain);
		}
		if (i < l->n_spans) {
			const struct textdoc_span *sp = &l->spans[i];
			char *t = xstrndup(l->text + sp->start, sp->len);
			x += ui_put_clipped(y, x, COLS - x, t,
					    ui_attr(style_color(sp->style)));
			free(t);
			pos = sp->start + sp->len;
		}
	}
}

/* The key bindings, loaded once by ui_run; every view looks keys up here. */
struct keymap ui_keys;
/* Board types (readiness rules), loaded once by ui_run. */
struct boards ui_boards;
struct form_set ui_forms;
struct form_phrases ui_phrases;
struct kb ui_kb;
struct trials ui_trials;
struct levels ui_levels;

/* "Enter open  ? help  q quit": the keys that matter in a view, generated
 * from the bindings so a rebinding shows. acts come most important first;
 * what does not fit the width is left out, but help (which lists every
 * key) always shows. */
char *ui_hints(int view, const enum action *acts, size_t n)
{
	struct strbuf sb = {0};
	char name[16];
	if (ui_status_msg[0]) {
		strbuf_puts(&sb, ui_status_msg);
		return strbuf_detach(&sb);
	}
	char *help = NULL;
	int help_k = keymap_key_for(&ui_keys, view, ACTION_HELP);
	for (size_t i = 0; i < n; i++)
		if (acts[i] == ACTION_HELP && help_k >= 0)
			help =
			    xasprintf("  %s %s", keymap_key_name(help_k, name),
				      action_name(ACTION_HELP));
	int room = COLS - 2 - (help ? util_display_width(help) : 0);
	for (size_t i = 0; i < n; i++) {
		if (acts[i] == ACTION_HELP)
			continue;
		int k = keymap_key_for(&ui_keys, view, acts[i]);
		if (k < 0)
			continue;
		char *one =
		    xasprintf("%s%s %s", sb.len ? "  " : "",
			      keymap_key_name(k, name), action_name(acts[i]));
		int w = util_display_width(one);
		if (w <= room) {
			strbuf_puts(&sb, one);
			room -= w;
		}
		free(one);
	}
	if (help)
		strbuf_puts(&sb, sb.len ? help : help + 2);
	free(help);
	if (!sb.buf)
		strbuf_puts(&sb, "");
	return strbuf_detach(&sb);
}

/* A prompt on the status line, cursor shown at the edit point. A prompt
 * too long to leave room for the answer (a list of what is missing, say)
 * is wrapped on the lines above the status line, which keeps the editor. */
int ui_draw_prompt(const char *prompt, const struct lineedit *le)
{
	const char *shown = prompt;
	int above = 0;
	if (util_display_width(prompt) + 24 > COLS - 2 && LINES > 4) {
		struct textdoc doc;
		textdoc_init(&doc, COLS - 2);
		textdoc_wrap(&doc, 0, TD_NORMAL, prompt);
		int n = (int)doc.n_lines;
		if (n && doc.lines[n - 1].len == 0)
			n--;
		if (n > LINES - 3)
			n = LINES - 3;
		for (int i = 0; i < n; i++) {
			int y = LINES - 1 - n + i;
			ui_fill_line(y, ui_attr(UC_STATUS));
			ui_put_clipped(y, 1, COLS - 2, doc.lines[i].text,
				       ui_attr(UC_STATUS));
		}
		textdoc_done(&doc);
		shown = "> ";
		above = n;
	}
	char *text = xasprintf("%s%s", shown, le->buf);
	ui_draw_bar(LINES - 1, UC_STATUS, text);
	free(text);
	int x = 1 + util_display_width(shown) + lineedit_cursor_col(le);
	move(LINES - 1, x < COLS ? x : COLS - 1);
	return above;
}

/* The base letter of U+00C0..U+017F once lower-cased, '.' for a letter
 * kept as it is: é, å, ä, ö, ł and their kin fold to e, a, a, o, l. */
static const char fold_latin[] = "aaaaaa.ceeeeiiii.nooooo.ouuuuy.."
				 "aaaaaa.ceeeeiiii.nooooo.ouuuuy.y"
				 "aaaaaaccccccccddddeeeeeeeeeegggg"
				 "gggghhhhiiiiiiii.i..jjkk.lllllll"
				 "lllnnnnnn...oooooo..rrrrrrssssss"
				 "sstttt..uuuuuuuuuuuuwwyyyzzzzzz.";

/*
 * s[0..n) folded for searching: lower case (any script the C library
 * knows) and Latin letters without their accents, so that VÄNSTER,
 * Vänster and vanster are the same word. Caller frees.
 */
static wchar_t *search_fold(const char *s, size_t n)
{
	wchar_t *out = xcalloc(n + 1, sizeof(wchar_t));
	size_t k = 0;
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	while (n > 0) {
		wchar_t wc;
		size_t len = mbrtowc(&wc, s, n, &ps);
		if (len == (size_t)-1 || len == (size_t)-2 || len == 0) {
			memset(&ps, 0, sizeof(ps));
			wc = L'?';
			len = 1;
		}
		wc = (wchar_t)towlower((wint_t)wc);
		if (wc >= 0xC0 && wc < 0xC0 + (wchar_t)sizeof(fold_latin) - 1 &&
		    fold_latin[wc - 0xC0] != '.')
			wc = (wchar_t)fold_latin[wc - 0xC0];
		out[k++] = wc;
		s += len;
		n -= len;
	}
	out[k] = L'\0';
	return out;
}

/* Whether hay[0..n) holds the folded needle (search_fold). */
static bool contains_fold(const char *hay, size_t n, const wchar_t *needle)
{
	wchar_t *h = search_fold(hay, n);
	bool found = wcsstr(h, needle) != NULL;
	free(h);
	return found;
}

/* The first line from `from` in direction dir (±1) holding pattern, or -1. */
static int find_line(const struct textdoc *doc, int from, int dir,
		     const char *pattern)
{
	wchar_t *needle = search_fold(pattern, strlen(pattern));
	int at = -1;
	for (int i = from; i >= 0 && i < (int)doc->n_lines; i += dir)
		if (contains_fold(doc->lines[i].text, doc->lines[i].len,
				  needle)) {
			at = i;
			break;
		}
	free(needle);
	return at;
}

/*
 * A scrolling view of a rendered document. render() fills a textdoc of the
 * given width; it is called again when the width changes or after an
 * action the caller handles (on_action returns true to re-render).
 * Returns true when the user asked to quit the program.
 */
enum { DOC_RERENDER = 1, DOC_TO_TOP = 2, DOC_QUIT = 4 };

struct doc_view {
	const char *title;
	int view; /* keymap view */
	const enum action *hint_acts;
	size_t n_hints;
	void (*render)(void *arg, struct textdoc *doc);
	/* Lines that stay on screen above the scrolling part (may be NULL). */
	void (*header)(void *arg, struct textdoc *doc);
	/* Returns DOC_RERENDER when the document must be rendered again, and
	 * DOC_TO_TOP as well when it is a different document. */
	int (*on_action)(void *arg, enum action a);
	/* Called before every redraw (may be NULL): a title that moves, such
	 * as a running clock. */
	void (*tick)(void *arg);
	void *arg;
};

static void help_render(void *arg, struct textdoc *doc)
{
	(void)arg;
	keymap_help(&ui_keys, doc);
}

static bool run_doc_view(const struct doc_view *v);
static bool summary_run(struct db *db, long long decision_id);

struct brief_view {
	const struct tb_case *c;
	const struct readiness *rd;
	const char *today;
};

static void brief_render(void *arg, struct textdoc *doc)
{
	struct brief_view *bv = arg;
	support_brief(bv->c, ui_kb.n ? &ui_kb : NULL, &ui_trials, &ui_levels,
		      bv->rd, bv->today, doc);
}

static struct db *ui_db; /* for commands that open a case */
static bool pager(struct db *db, long long case_id);

enum action ui_command(void)
{
	char *line = ui_prompt_line(":", "");
	enum action a = ACTION_NONE;
	if (!line || !*line) {
		free(line);
		return ACTION_NONE;
	}
	char *save = NULL;
	char *word = strtok_r(line, " ", &save);
	char *arg = strtok_r(NULL, " ", &save);
	if (strcmp(word, "q") == 0)
		a = ACTION_QUIT;
	else if (strcmp(word, "case") == 0 && !arg)
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "case what? Give the case id: case CASE-ID");
	else if (strcmp(word, "case") == 0) {
		long long id;
		/* case ids are written in capitals; ska-lung-2026-0001 is
		 * SKA-LUNG-2026-0001 */
		enum tb_status st = db_case_find(ui_db, arg, &id);
		if (st == TB_NOT_FOUND) {
			char *up = xstrdup(arg);
			for (char *p = up; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			st = db_case_find(ui_db, up, &id);
			free(up);
		}
		if (st == TB_OK)
			a = pager(ui_db, id) ? ACTION_QUIT : ACTION_NONE;
		else {
			char *clean = util_sanitize(arg, false);
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "No case %s", clean);
			free(clean);
		}
	} else if ((a = action_by_name(word)) == ACTION_NONE ||
		   a == ACTION_COMMAND) {
		char *clean = util_sanitize(word, false);
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Unknown command '%s': an action name (see ?) or "
			 "case CASE-ID",
			 clean);
		free(clean);
		a = ACTION_NONE;
	}
	free(line);
	return a;
}

char *ui_prompt_line(const char *prompt, const char *init)
{
	return ui_prompt_checked(prompt, init, NULL, NULL);
}

const char *ui_require_text(const char *value, const void *message)
{
	return *value ? NULL : (const char *)message;
}

char *ui_prompt_checked(const char *prompt, const char *init,
			const char *(*check)(const char *value,
					     const void *arg),
			const void *arg)
{
	struct lineedit le;
	char error[256] = "";
	lineedit_init(&le, init);
	curs_set(1);
	for (;;) {
		int above = ui_draw_prompt(prompt, &le);
		if (error[0] && LINES - 2 - above > 0) {
			/* the refusal above the prompt until it is answered */
			int y = LINES - 2 - above;
			move(y, 0);
			clrtoeol();
			char *clean = util_sanitize(error, false);
			ui_put_clipped(y, 1, COLS - 2, clean, ui_attr(UC_WARN));
			free(clean);
			ui_draw_prompt(prompt, &le); /* the cursor back */
		}
		refresh();
		int key = ui_getkey();
		if (ui_stopping()) {
			curs_set(0);
			return NULL;
		}
		if (key < 0)
			continue;
		enum lineedit_result r = lineedit_key(&le, key);
		if (r == LINEEDIT_CANCEL) {
			curs_set(0);
			return NULL;
		}
		if (r == LINEEDIT_ACCEPT) {
			char *value = util_trim(xstrdup(le.buf));
			const char *why = check ? check(value, arg) : NULL;
			if (!why) {
				curs_set(0);
				return value;
			}
			snprintf(error, sizeof(error), "%s (Esc: cancel)", why);
			free(value);
		}
	}
}

bool ui_show_help(void)
{
	static const enum action acts[] = {ACTION_BACK, ACTION_QUIT};
	struct doc_view hv = {.title = "tumorboard — help",
			      .view = KEYMAP_VIEW_CASE,
			      .hint_acts = acts,
			      .n_hints = UTIL_ARRAY_LEN(acts),
			      .render = help_render};
	return run_doc_view(&hv);
}

static bool run_doc_view(const struct doc_view *v)
{
	struct textdoc doc, head;
	int top = 0, width = 0;
	bool quit = false, rerender = true;
	bool prompting = false;
	struct lineedit le;
	char pattern[LINEEDIT_MAX] = "";
	int match = -1; /* the line of the current match, highlighted */

	textdoc_init(&doc, 80);
	textdoc_init(&head, 80);
	curs_set(0);
	while (!ui_stopping()) {
		if (width != COLS || rerender) {
			width = COLS;
			textdoc_done(&doc);
			textdoc_init(&doc, COLS - 1);
			v->render(v->arg, &doc);
			textdoc_done(&head);
			textdoc_init(&head, COLS - 1);
			if (v->header)
				v->header(v->arg, &head);
			rerender = false;
			match = -1;
		}
		/* The header's trailing open line is not drawn. */
		int hl = (int)head.n_lines;
		if (hl && head.lines[hl - 1].len == 0)
			hl--;
		if (hl > LINES - 3)
			hl = LINES - 3 > 0 ? LINES - 3 : 0;
		int body = LINES - 2 - hl;
		if (body < 1)
			body = 1;
		int max_top = (int)doc.n_lines - body;
		if (max_top < 0)
			max_top = 0;
		if (top > max_top)
			top = max_top;
		if (v->tick)
			v->tick(v->arg);
		erase();
		ui_draw_bar(0, UC_TITLE, v->title);
		for (int i = 0; i < hl; i++)
			ui_draw_doc_line(i + 1, &head.lines[i]);
		int y0 = 1 + hl;
		for (int i = 0; i < body && top + i < (int)doc.n_lines; i++) {
			if (top + i == match)
				ui_fill_line(i + y0, ui_attr(UC_SELECTED));
			ui_draw_doc_line(i + y0, &doc.lines[top + i]);
			if (top + i == match)
				mvchgat(
				    i + y0, 0, -1, ui_attr(UC_SELECTED),
				    (short)(use_color ? UC_SELECTED + 1 : 0),
				    NULL);
		}
		if (prompting) {
			ui_draw_prompt("/", &le);
		} else {
			char *h = ui_hints(v->view, v->hint_acts, v->n_hints);
			ui_draw_bar(LINES - 1, UC_STATUS, h);
			free(h);
		}
		refresh();

		int key = ui_getkey();
		if (key < 0)
			continue;
		if (prompting) {
			enum lineedit_result r = lineedit_key(&le, key);
			if (r == LINEEDIT_CANCEL) {
				prompting = false;
				curs_set(0);
			} else if (r == LINEEDIT_ACCEPT) {
				prompting = false;
				curs_set(0);
				snprintf(pattern, sizeof(pattern), "%s",
					 le.buf);
				int at = pattern[0]
					     ? find_line(&doc, top, 1, pattern)
					     : -1;
				match = at;
				if (at >= 0) {
					top = at;
					snprintf(ui_status_msg,
						 sizeof(ui_status_msg),
						 "\"%s\" on line %d of %zu",
						 pattern, at + 1, doc.n_lines);
				} else if (pattern[0]) {
					snprintf(ui_status_msg,
						 sizeof(ui_status_msg),
						 "Not found: %s", pattern);
				}
			}
			continue;
		}
		enum action a = keymap_lookup(&ui_keys, v->view, key);
		if (a == ACTION_COMMAND)
			a = ui_command();
		switch (a) {
		case ACTION_SEARCH:
			lineedit_init(&le, NULL);
			prompting = true;
			curs_set(1);
			break;
		case ACTION_SEARCH_NEXT:
		case ACTION_SEARCH_PREV: {
			int dir = a == ACTION_SEARCH_NEXT ? 1 : -1;
			int from = (match >= 0 ? match : top) + dir;
			int at = pattern[0]
				     ? find_line(&doc, from, dir, pattern)
				     : -1;
			if (at >= 0) {
				match = at;
				top = at;
				snprintf(ui_status_msg, sizeof(ui_status_msg),
					 "\"%s\" on line %d of %zu", pattern,
					 at + 1, doc.n_lines);
			} else if (pattern[0]) {
				snprintf(ui_status_msg, sizeof(ui_status_msg),
					 "No more matches for \"%s\"", pattern);
			}
			break;
		}
		case ACTION_MOVE_UP:
			if (top > 0)
				top--;
			break;
		case ACTION_MOVE_DOWN:
			if (top < max_top)
				top++;
			break;
		case ACTION_PAGE_UP:
			top = top > body ? top - body : 0;
			break;
		case ACTION_PAGE_DOWN:
			top = top + body < max_top ? top + body : max_top;
			break;
		case ACTION_FIRST:
			top = 0;
			break;
		case ACTION_LAST:
			top = max_top;
			break;
		case ACTION_BACK:
			goto done;
		case ACTION_QUIT:
			quit = true;
			goto done;
		case ACTION_HELP:
			if (v->render != help_render && ui_show_help()) {
				quit = true;
				goto done;
			}
			break;
		case ACTION_NONE:
			break;
		default:
			if (v->on_action) {
				int r = v->on_action(v->arg, a);
				if (r & DOC_QUIT) {
					quit = true;
					goto done;
				}
				if (r & DOC_RERENDER)
					rerender = true;
				if (r & DOC_TO_TOP)
					top = 0;
			}
			break;
		}
	}
done:
	textdoc_done(&head);
	textdoc_done(&doc);
	return quit || ui_stopping();
}

/* When a running meeting really started (recorded by start, UTC), or
 * its planned start (local time) when that is not recorded. */
static time_t meeting_started(const struct tb_meeting *m)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(m->started, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon,
		   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		return timegm(&tm);
	}
	memset(&tm, 0, sizeof(tm));
	if (sscanf(m->date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) ==
		3 &&
	    sscanf(m->start_time, "%d:%d", &tm.tm_hour, &tm.tm_min) == 2) {
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		tm.tm_isdst = -1;
		return mktime(&tm);
	}
	return clock_now();
}

/* Whole minutes left (rounded up, 0 when over) of meeting m that started
 * at started. */
static int meeting_minutes_left(const struct tb_meeting *m, time_t started,
				time_t now)
{
	long long left =
	    (long long)started + (long long)m->length_min * 60 - (long long)now;
	return left > 0 ? (int)((left + 59) / 60) : 0;
}

/*
 * Whether the terminal shows block elements (▁ to █) for the RECIST
 * sparkline: the user's locale says UTF-8 and the terminal is not the
 * Linux console or a VT. Scripted, headless runs keep plain numbers so
 * their screens do not depend on the environment.
 */
static bool ui_blocks(void)
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
 * The case view. Opened from an agenda it holds the agenda's cases and
 * steps through them with next-case/prev-case, checking readiness as of
 * the meeting date; opened from the list it shows one case as of today.
 */
struct case_view {
	struct db *db;
	struct tb_case *c;
	struct render_opts ro;
	struct readiness rd;
	enum render_section section;
	const long long *ids; /* agenda order; NULL outside an agenda */
	int n_ids, idx;
	char as_of[11];
	char title[320];
	const char *chair;    /* of the meeting; NULL outside an agenda */
	long long meeting_id; /* 0 outside an agenda */
	struct decision_brief *briefs;
	size_t n_briefs;
	struct tb_meeting m; /* the meeting, when opened from an agenda */
	bool live;	     /* the meeting is running: the case's clock runs */
	time_t started;	     /* when the running meeting really started */
	char next[80];	     /* "next CASE-ID" or "last case" */
};

static bool case_view_load(struct case_view *cv, long long id)
{
	struct tb_case *c = NULL;
	if (db_case_load(cv->db, id, &c) != TB_OK)
		return false;
	model_case_free(&cv->c);
	cv->c = c;
	cv->ro.readiness = NULL;
	/* the patient's signed decisions, from every case of theirs */
	ui_need_forms();
	decision_briefs_free(cv->briefs, cv->n_briefs);
	cv->briefs = NULL;
	cv->n_briefs = 0;
	if (decision_briefs(cv->db, &ui_forms, c->patient.id, "sv", &cv->briefs,
			    &cv->n_briefs) != TB_OK)
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The patient's decisions could not be read");
	cv->ro.kb = ui_kb.n ? &ui_kb : NULL;
	cv->ro.decisions = cv->briefs;
	cv->ro.n_decisions = cv->n_briefs;
	cv->ro.with_decisions = true;
	const struct board *b = boards_for_icd10(&ui_boards, c->icd10);
	if (b) {
		readiness_check(c, b, cv->as_of, &cv->rd);
		cv->ro.readiness = &cv->rd;
	}
	if (cv->live) {
		db_agenda_clock(cv->db, cv->meeting_id, id);
		/* the next case of the agenda, named once per case */
		snprintf(cv->next, sizeof(cv->next), "(last case)");
		struct tb_case *nc = NULL;
		if (cv->ids && cv->idx + 1 < cv->n_ids &&
		    db_case_load(cv->db, cv->ids[cv->idx + 1], &nc) == TB_OK)
			snprintf(cv->next, sizeof(cv->next), "next %s",
				 nc->external_id);
		model_case_free(&nc);
	}
	if (cv->ids)
		snprintf(cv->title, sizeof(cv->title),
			 "tumorboard — case %s   %d of %d on the agenda",
			 c->external_id, cv->idx + 1, cv->n_ids);
	else
		snprintf(cv->title, sizeof(cv->title), "tumorboard — case %s",
			 c->external_id);
	return true;
}

/* The case view of a running meeting's case, while it is shown (the form
 * opened from it shows its clock too); NULL otherwise. */
static struct case_view *live_case;

/* "⏱ 2:05/6 min  52 min left": the case's clock against its slot and what
 * is left of the meeting, counted from when it really started. */
static void live_clock(const struct case_view *cv, char *buf, size_t n)
{
	long long secs = 0;
	time_t now = clock_now();
	db_agenda_seconds(cv->db, cv->meeting_id, cv->c->id, (long long)now,
			  &secs);
	const struct board *mb = boards_by_id(&ui_boards, cv->m.board);
	int slot = mb ? mb->minutes_per_case : 5;
	snprintf(buf, n, "⏱ %lld:%02lld/%d min%s  %d min left",
		 secs > 0 ? secs / 60 : 0, secs > 0 ? secs % 60 : 0, slot,
		 secs > slot * 60 ? " OVER" : "",
		 meeting_minutes_left(&cv->m, cv->started, now));
}

/* At a running meeting the title shows the case's clock against its
 * slot, the time left in the meeting and, when it fits, the next case. */
static void case_refresh(void *arg)
{
	struct case_view *cv = arg;
	if (!cv->live)
		return;
	char clock_text[96];
	live_clock(cv, clock_text, sizeof(clock_text));
	snprintf(cv->title, sizeof(cv->title), "LIVE %s  %d/%d  %s  %s",
		 cv->c->external_id, cv->idx + 1, cv->n_ids, clock_text,
		 cv->next);
	if (util_display_width(cv->title) > COLS - 2)
		snprintf(cv->title, sizeof(cv->title), "LIVE %s  %d/%d  %s",
			 cv->c->external_id, cv->idx + 1, cv->n_ids,
			 clock_text);
}

void ui_draw_title(const char *title)
{
	if (!live_case) {
		ui_draw_bar(0, UC_TITLE, title);
		return;
	}
	/* a running meeting's clock stays in sight */
	char clock_text[96];
	live_clock(live_case, clock_text, sizeof(clock_text));
	char *t = xasprintf("LIVE %s  %s", clock_text, title);
	ui_draw_bar(0, UC_TITLE, t);
	free(t);
}

static void case_render(void *arg, struct textdoc *doc)
{
	struct case_view *cv = arg;
	render_case_section(cv->c, &cv->ro, cv->section, doc);
}

/* The patient banner and the tabs never scroll away. */
static void case_header(void *arg, struct textdoc *doc)
{
	struct case_view *cv = arg;
	render_case_banner(cv->c, &cv->ro, doc);
	render_case_tabs(cv->c, &cv->ro, cv->section, doc);
}

static int case_action(void *arg, enum action a)
{
	struct case_view *cv = arg;
	switch (a) {
	case ACTION_TOGGLE_ID:
		cv->ro.mask_id = !cv->ro.mask_id;
		return DOC_RERENDER;
	case ACTION_BRIEF: {
		static const enum action acts[] = {ACTION_SEARCH, ACTION_BACK,
						   ACTION_HELP};
		char title[200];
		snprintf(title, sizeof(title),
			 "tumorboard — brief %s (suggestions: the board "
			 "decides)",
			 cv->c->external_id);
		struct brief_view bv = {
		    .c = cv->c, .rd = cv->ro.readiness, .today = cv->as_of};
		struct doc_view v = {.title = title,
				     .view = KEYMAP_VIEW_CASE,
				     .hint_acts = acts,
				     .n_hints = UTIL_ARRAY_LEN(acts),
				     .render = brief_render,
				     .arg = &bv};
		return run_doc_view(&v) ? DOC_QUIT : DOC_RERENDER;
	}
	case ACTION_SUMMARY: {
		/* the case's latest version (briefs are newest first) */
		long long id = 0;
		for (size_t i = 0; i < cv->n_briefs && !id; i++)
			if (strcmp(cv->briefs[i].case_id, cv->c->external_id) ==
			    0)
				id = cv->briefs[i].id;
		if (!id) {
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "No signed decision for this case yet");
			return 0;
		}
		return summary_run(cv->db, id) ? DOC_QUIT : DOC_RERENDER;
	}
	case ACTION_DECIDE: {
		long long id = cv->c->id;
		bool quit = ui_form_run(cv->db, &ui_forms, id, cv->meeting_id,
					cv->chair);
		/* the status may have changed */
		case_view_load(cv, id);
		return DOC_RERENDER | (quit ? DOC_QUIT : 0);
	}
	case ACTION_NEXT_PANE:
		cv->section = (cv->section + 1) % RENDER_SECTION_COUNT;
		return DOC_RERENDER | DOC_TO_TOP;
	case ACTION_PREV_PANE:
		cv->section = (cv->section + RENDER_SECTION_COUNT - 1) %
			      RENDER_SECTION_COUNT;
		return DOC_RERENDER | DOC_TO_TOP;
	case ACTION_NEXT_CASE:
	case ACTION_PREV_CASE: {
		int to = cv->idx + (a == ACTION_NEXT_CASE ? 1 : -1);
		if (!cv->ids || to < 0 || to >= cv->n_ids) {
			snprintf(ui_status_msg, sizeof(ui_status_msg), "%s",
				 cv->ids
				     ? "No more cases on this agenda"
				     : "Opened from the list, not an agenda");
			return 0;
		}
		int was = cv->idx;
		cv->idx = to;
		if (!case_view_load(cv, cv->ids[to])) {
			cv->idx = was;
			return 0;
		}
		/* A new patient: identity masked again. */
		cv->ro.mask_id = true;
		return DOC_RERENDER | DOC_TO_TOP;
	}
	default:
		return 0;
	}
}

/*
 * The patient summary of a decision as the patient will get it, with its
 * readability in the title; P prints (asking again first when the text is
 * above the readability limit), l switches the language.
 */
struct summary_view {
	struct db *db;
	struct summary_loaded l;
	const char *langs[3];
	int n_langs, lang;
	struct summary_info info;
	bool confirm; /* P was pressed once while above the limit */
	char title[256];
};

static void summary_render(void *arg, struct textdoc *doc)
{
	struct summary_view *sv = arg;
	summary_patient(&sv->l.src, sv->langs[sv->lang], doc, &sv->info);
	if (sv->info.scored)
		snprintf(
		    sv->title, sizeof(sv->title),
		    "tumorboard — patient summary, decision %lld (%s) — "
		    "%s %.0f%s, limit %.0f",
		    sv->l.d.id, sv->info.lang,
		    sv->info.r.formula == READABILITY_LIX ? "LIX" : "Flesch",
		    sv->info.r.score, sv->info.within ? "" : " ABOVE THE LIMIT",
		    sv->info.limit);
	else
		snprintf(sv->title, sizeof(sv->title),
			 "tumorboard — patient summary, decision %lld (%s) — "
			 "no readability formula",
			 sv->l.d.id, sv->info.lang);
}

static int summary_act(void *arg, enum action a)
{
	struct summary_view *sv = arg;
	if (a == ACTION_LANGUAGE) {
		sv->lang = (sv->lang + 1) % sv->n_langs;
		sv->confirm = false;
		return DOC_RERENDER | DOC_TO_TOP;
	}
	if (a != ACTION_PRINT)
		return 0;
	if (sv->info.scored && !sv->info.within && !sv->confirm) {
		sv->confirm = true;
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Above the readability limit: press P again to print "
			 "anyway");
		return 0;
	}
	char err[200];
	struct summary_info info;
	enum tb_status st =
	    summary_print(sv->db, &sv->l.src, sv->langs[sv->lang], NULL, &info,
			  err, sizeof(err));
	sv->confirm = false;
	if (st == TB_OK)
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Sent to the printer (%s); the print is recorded",
			 info.lang);
	else
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Not printed: %s", err);
	return 0;
}

static bool summary_run(struct db *db, long long decision_id)
{
	static const enum action acts[] = {ACTION_PRINT, ACTION_LANGUAGE,
					   ACTION_SEARCH, ACTION_BACK,
					   ACTION_HELP};
	struct summary_view sv = {.db = db};
	char err[256];
	ui_need_forms();
	if (summary_load(db, &ui_forms, &ui_phrases, &ui_boards, decision_id,
			 &sv.l, err, sizeof(err)) != TB_OK) {
		snprintf(ui_status_msg, sizeof(ui_status_msg), "%s", err);
		return false;
	}
	/* the patient's language first, then Swedish and English */
	const char *pl = sv.l.c->patient.language;
	sv.langs[sv.n_langs++] = pl && *pl ? pl : "sv";
	if (strcmp(sv.langs[0], "sv") != 0)
		sv.langs[sv.n_langs++] = "sv";
	if (strcmp(sv.langs[0], "en") != 0)
		sv.langs[sv.n_langs++] = "en";
	struct doc_view v = {.title = sv.title,
			     .view = KEYMAP_VIEW_SUMMARY,
			     .hint_acts = acts,
			     .n_hints = UTIL_ARRAY_LEN(acts),
			     .render = summary_render,
			     .on_action = summary_act,
			     .arg = &sv};
	bool quit = run_doc_view(&v);
	summary_loaded_done(&sv.l);
	return quit;
}

/* Opens ids[idx] (of n, an agenda, when n > 1 or as_of is set) or a single
 * case; readiness as of as_of (NULL: today). */
static bool case_view_run(struct db *db, const long long *ids, int n, int idx,
			  const char *as_of, long long meeting_id,
			  const char *chair, int *shown)
{
	/* most used first: what does not fit the width is left out */
	static const enum action list_acts[] = {
	    ACTION_DECIDE,    ACTION_SUMMARY, ACTION_BRIEF, ACTION_NEXT_PANE,
	    ACTION_TOGGLE_ID, ACTION_SEARCH,  ACTION_BACK,  ACTION_HELP};
	static const enum action agenda_acts[] = {
	    ACTION_NEXT_CASE, ACTION_PREV_CASE, ACTION_DECIDE,
	    ACTION_SUMMARY,   ACTION_BRIEF,	ACTION_NEXT_PANE,
	    ACTION_TOGGLE_ID, ACTION_BACK,	ACTION_HELP};
	struct case_view cv = {.db = db,
			       .ids = as_of ? ids : NULL,
			       .n_ids = n,
			       .idx = idx,
			       .chair = chair,
			       .meeting_id = meeting_id};

	if (as_of)
		snprintf(cv.as_of, sizeof(cv.as_of), "%s", as_of);
	else
		clock_today(cv.as_of);
	if (meeting_id && db_meeting_get(db, meeting_id, &cv.m) == TB_OK)
		cv.live = strcmp(cv.m.status, "running") == 0;
	if (cv.live)
		cv.started = meeting_started(&cv.m);
	char today[11];
	clock_today(today);
	cv.ro.today = today;
	cv.ro.mask_id = true;
	cv.ro.blocks = ui_blocks();
	if (!case_view_load(&cv, ids[idx]))
		return false;
	struct case_view *outer = live_case;
	if (cv.live)
		live_case = &cv;
	struct doc_view v = {.title = cv.title,
			     .view = KEYMAP_VIEW_CASE,
			     .hint_acts = as_of ? agenda_acts : list_acts,
			     .n_hints = as_of ? UTIL_ARRAY_LEN(agenda_acts)
					      : UTIL_ARRAY_LEN(list_acts),
			     .render = case_render,
			     .header = case_header,
			     .on_action = case_action,
			     .tick = case_refresh,
			     .arg = &cv};
	bool quit = run_doc_view(&v);
	live_case = outer;
	if (shown)
		*shown = cv.idx;
	/* back on the agenda: no case's clock runs */
	if (cv.live)
		db_agenda_clock(db, meeting_id, 0);
	model_case_free(&cv.c);
	decision_briefs_free(cv.briefs, cv.n_briefs);
	return quit;
}

/* The whole case, identity number masked until 'i' shows it. */
static bool pager(struct db *db, long long case_id)
{
	return case_view_run(db, &case_id, 1, 0, NULL, 0, NULL, NULL);
}

/* ------------------------------------------------------------------------
 * Short lists (meetings, an agenda): held in memory, a screenful of text
 * rows with a selection. Meetings and agendas are tens of rows, not the
 * archive.
 * ---------------------------------------------------------------------- */

struct row_list {
	char **rows;
	int n;
};

static void row_list_add(struct row_list *rl, char *row)
{
	rl->rows = xrealloc(rl->rows, (size_t)(rl->n + 1) * sizeof(char *));
	rl->rows[rl->n++] = row;
}

static void row_list_done(struct row_list *rl)
{
	for (int i = 0; i < rl->n; i++)
		free(rl->rows[i]);
	free(rl->rows);
	rl->rows = NULL;
	rl->n = 0;
}

/*
 * A list view over rl. open(arg, &index) is called on the open action and
 * returns true when the user asked to quit; it may move the selection.
 * act handles the view's own actions (it returns where the selection goes,
 * -1 for an action it does not know); detail gives the line above the
 * status line; hints the status line's actions (NULL: open, back, help,
 * quit); tick runs before each redraw (a title that moves). All but
 * title, heading, view, rl and open may be NULL.
 */
struct row_view {
	const char *title, *heading;
	int view;
	const struct row_list *rl;
	const char *empty;
	bool (*open)(void *arg, int *index);
	int (*act)(void *arg, enum action a, int index);
	const char *(*detail)(void *arg, int index);
	const enum action *(*hints)(void *arg, size_t *n);
	void (*tick)(void *arg);
	void *arg;
};

/* Runs v until back (false) or quit (true). */
static bool run_row_list(const struct row_view *v)
{
	static const enum action acts[] = {ACTION_OPEN, ACTION_BACK,
					   ACTION_HELP, ACTION_QUIT};
	const struct row_list *rl = v->rl;
	int sel = 0, top = 0;
	while (!ui_stopping()) {
		if (v->tick)
			v->tick(v->arg);
		/* a detail line for the selected row above the status line */
		int body = LINES - (v->detail ? 4 : 3) > 1
			       ? LINES - (v->detail ? 4 : 3)
			       : 1;
		if (sel >= rl->n)
			sel = rl->n ? rl->n - 1 : 0;
		if (sel < top)
			top = sel;
		if (sel >= top + body)
			top = sel - body + 1;
		erase();
		ui_draw_bar(0, UC_TITLE, v->title);
		ui_put_clipped(1, 1, COLS - 1, v->heading, ui_attr(UC_LABEL));
		if (!rl->n)
			ui_put_clipped(3, 2, COLS - 3, v->empty,
				       ui_attr(UC_DIM));
		for (int i = 0; i < body && top + i < rl->n; i++) {
			bool is_sel = top + i == sel;
			if (is_sel)
				ui_fill_line(i + 2, ui_attr(UC_SELECTED));
			ui_put_clipped(
			    i + 2, 1, COLS - 1, rl->rows[top + i],
			    ui_attr(is_sel ? UC_SELECTED : UC_NORMAL));
		}
		if (v->detail && rl->n) {
			char *clean =
			    util_sanitize(v->detail(v->arg, sel), false);
			ui_put_clipped(LINES - 2, 1, COLS - 2, clean,
				       ui_attr(UC_DIM));
			free(clean);
		}
		size_t nh = UTIL_ARRAY_LEN(acts);
		const enum action *ha = v->hints ? v->hints(v->arg, &nh) : acts;
		char *h = ui_hints(v->view, ha, nh);
		ui_draw_bar(LINES - 1, UC_STATUS, h);
		free(h);
		refresh();
		int key = ui_getkey();
		if (key < 0)
			continue;
		enum action a = keymap_lookup(&ui_keys, v->view, key);
		if (a == ACTION_COMMAND)
			a = ui_command();
		switch (a) {
		case ACTION_MOVE_UP:
			if (sel > 0)
				sel--;
			break;
		case ACTION_MOVE_DOWN:
			if (sel + 1 < rl->n)
				sel++;
			break;
		case ACTION_PAGE_UP:
			sel = sel > body ? sel - body : 0;
			break;
		case ACTION_PAGE_DOWN:
			sel = sel + body < rl->n ? sel + body
						 : (rl->n ? rl->n - 1 : 0);
			break;
		case ACTION_FIRST:
			sel = 0;
			break;
		case ACTION_LAST:
			sel = rl->n ? rl->n - 1 : 0;
			break;
		case ACTION_OPEN:
			if (rl->n && v->open(v->arg, &sel))
				return true;
			break;
		case ACTION_BACK:
			return false;
		case ACTION_QUIT:
			return true;
		case ACTION_HELP:
			if (ui_show_help())
				return true;
			break;
		default:
			/* View-specific actions; the callback rebuilds the rows
			 * and says where the selection goes. */
			if (v->act && rl->n) {
				int to = v->act(v->arg, a, sel);
				if (to >= 0)
					sel = to;
			}
			break;
		}
	}
	return true;
}

/* An agenda: position, time by the running clock, slot, case, readiness
 * as of the meeting date; Enter opens the case and ] [ walk the agenda. */
struct agenda_view {
	struct db *db;
	struct tb_meeting m;
	long long *ids;
	char **ext;	 /* the case ids */
	char **status;	 /* listed, discussed, not-discussed, deferred */
	char **question; /* the question to the board, per case */
	bool *trial;	 /* a trial of the registry fits the case */
	int n;
	int ready;
	int end_min;	  /* when the last case ends, minutes since midnight */
	time_t started;	  /* a running meeting's real start */
	char quorum[200]; /* a running meeting's "quorate" or what is missing */
	size_t n_missing; /* core roles missing */
	struct row_list rl;
	char title[400];
	char heading[128];
	bool narrow;	     /* the rows were built for a narrow screen */
	bool confirm_finish; /* F was pressed once */
	/* the last deferral or not-discussed at this meeting, for undo */
	struct {
		long long case_id, moved_to; /* case_id 0: nothing to undo */
		char ext[64];
	} undo;
};

static bool agenda_collect(const struct db_agenda_row *r, void *arg)
{
	struct agenda_view *av = arg;
	size_t n1 = (size_t)av->n + 1;
	av->ids = xrealloc(av->ids, n1 * sizeof(long long));
	av->ext = xrealloc(av->ext, n1 * sizeof(char *));
	av->ext[av->n] = xstrdup(r->external_id ? r->external_id : "?");
	av->status = xrealloc(av->status, n1 * sizeof(char *));
	/* decided since it was listed: shown as such, not as "ready" */
	av->status[av->n] = xstrdup(r->decided ? "decided" : r->status);
	av->question = xrealloc(av->question, n1 * sizeof(char *));
	av->question[av->n] = NULL;
	av->trial = xrealloc(av->trial, n1 * sizeof(bool));
	av->trial[av->n] = false;
	av->ids[av->n++] = r->case_id;
	/* The row holds the slot for now; agenda_build_rows replaces it with
	 * the finished line once every case is known. */
	row_list_add(&av->rl, xasprintf("%d", r->slot_minutes));
	return true;
}

/* The agenda rows: a narrow screen (under 100 columns) leaves out the
 * identity number so that readiness shows. */
static bool agenda_narrow(void)
{
	return COLS < 100;
}

static void agenda_build_rows(struct agenda_view *av)
{
	const struct board *mb = boards_by_id(&ui_boards, av->m.board);
	int clock_min =
	    atoi(av->m.start_time) * 60 + atoi(av->m.start_time + 3);
	/* a running meeting's clock counts from when it really started */
	if (av->started) {
		struct tm tm;
		localtime_r(&av->started, &tm); /* meetings run on local time */
		clock_min = tm.tm_hour * 60 + tm.tm_min;
	}
	av->ready = 0;
	for (int i = 0; i < av->n; i++) {
		int slot = atoi(av->rl.rows[i]);
		if (!slot)
			slot = mb ? mb->minutes_per_case : 5;
		struct tb_case *c = NULL;
		struct textdoc doc;
		textdoc_init(&doc, 300);
		if (db_case_load(av->db, av->ids[i], &c) == TB_OK) {
			const struct board *b =
			    boards_for_icd10(&ui_boards, c->icd10);
			struct readiness rd;
			if (b) {
				readiness_check(c, b, av->m.date, &rd);
				if (!rd.missing &&
				    strcmp(av->status[i], "decided") != 0)
					av->ready++;
			}
			/* a case a trial of the registry fits is flagged;
			 * after the meeting dealt with a case, its outcome
			 * shows in place of time, slot and readiness */
			av->trial[i] =
			    support_has_trial(&ui_trials, c, av->m.date);
			bool listed = strcmp(av->status[i], "listed") == 0;
			struct render_agenda_mark mark = {
			    .rd = b && listed ? &rd : NULL,
			    .outcome =
				listed ? NULL
				: strcmp(av->status[i], "not-discussed") == 0
				    ? "not discussed"
				    : av->status[i],
			    .trial = av->trial[i],
			    .narrow = av->narrow};
			render_agenda_row(c, i + 1, clock_min, slot, &mark,
					  &doc);
			free(av->question[i]);
			av->question[i] = xasprintf(
			    "%s: %s", c->external_id,
			    c->question ? c->question : "(no question)");
			model_case_free(&c);
		} else {
			textdoc_printf(&doc, TD_WARN, "%2d  (case not found)",
				       i + 1);
		}
		free(av->rl.rows[i]);
		av->rl.rows[i] = xstrdup(doc.lines[0].text);
		textdoc_done(&doc);
		clock_min += slot;
	}
	av->end_min = clock_min;
}

static bool agenda_load(struct agenda_view *av);

/* A finished document shown again: its lines and styles copied. */
static void report_render(void *arg, struct textdoc *doc)
{
	const struct textdoc *src = arg;
	for (size_t i = 0; i < src->n_lines; i++) {
		const struct textdoc_line *l = &src->lines[i];
		size_t pos = 0;
		for (size_t k = 0; k <= l->n_spans; k++) {
			size_t start =
			    k < l->n_spans ? l->spans[k].start : l->len;
			if (start > pos) {
				char *t = xstrndup(l->text + pos, start - pos);
				textdoc_put(doc, TD_NORMAL, t);
				free(t);
			}
			if (k < l->n_spans) {
				char *t = xstrndup(l->text + l->spans[k].start,
						   l->spans[k].len);
				textdoc_put(doc, l->spans[k].style, t);
				free(t);
				pos = l->spans[k].start + l->spans[k].len;
			}
		}
		textdoc_newline(doc);
	}
}

static const char *agenda_detail(void *arg, int index)
{
	struct agenda_view *av = arg;
	return index < av->n && av->question[index] ? av->question[index] : "";
}

static bool agenda_open(void *arg, int *index)
{
	struct agenda_view *av = arg;
	int shown = *index;
	bool quit =
	    case_view_run(av->db, av->ids, av->n, *index, av->m.date, av->m.id,
			  av->m.chair[0] ? av->m.chair : NULL, &shown);
	/* decisions and clocks may have changed the agenda */
	agenda_load(av);
	/* back on the agenda at the case last shown (] and [ move on) */
	if (shown >= 0 && shown < av->n)
		*index = shown;
	return quit;
}

static void agenda_free_ids(struct agenda_view *av)
{
	for (int i = 0; i < av->n; i++) {
		free(av->status[i]);
		free(av->question[i]);
		free(av->ext[i]);
	}
	free(av->status);
	free(av->question);
	free(av->ext);
	av->ext = NULL;
	av->question = NULL;
	free(av->trial);
	av->trial = NULL;
	free(av->ids);
	av->status = NULL;
	av->ids = NULL;
	av->n = 0;
}

/* The title of a running meeting, what matters most first; the missing
 * core roles are named when the width allows, else counted. */
static void agenda_live_title(struct agenda_view *av)
{
	int done = 0;
	for (int i = 0; i < av->n; i++)
		done += strcmp(av->status[i], "listed") != 0;
	time_t now = clock_now();
	struct tm tm;
	localtime_r(&now, &tm); /* meetings run on local time */
	char head[160];
	snprintf(head, sizeof(head),
		 "LIVE %s  %d/%d done  %02d:%02d  %d min left", av->m.board,
		 done, av->n, tm.tm_hour, tm.tm_min,
		 meeting_minutes_left(&av->m, av->started, now));
	if (!av->n_missing)
		snprintf(av->title, sizeof(av->title), "%s  quorate", head);
	else {
		snprintf(av->title, sizeof(av->title), "%s  NOT QUORATE: no %s",
			 head, av->quorum);
		if (util_display_width(av->title) > COLS - 2)
			snprintf(av->title, sizeof(av->title),
				 "%s  NOT QUORATE (%zu core role%s missing)",
				 head, av->n_missing,
				 av->n_missing == 1 ? "" : "s");
	}
}

/* The live title moves with the clock and follows the width. */
static void agenda_tick(void *arg)
{
	struct agenda_view *av = arg;
	if (av->narrow != agenda_narrow())
		agenda_load(av); /* resized across the narrow width */
	if (strcmp(av->m.status, "running") == 0)
		agenda_live_title(av);
}

/* (Re)reads the agenda: ids, rows and title. */
static bool agenda_load(struct agenda_view *av)
{
	row_list_done(&av->rl);
	agenda_free_ids(av);
	if (db_meeting_get(av->db, av->m.id, &av->m) != TB_OK ||
	    db_agenda_list(av->db, av->m.id, agenda_collect, av) != TB_OK)
		return false;
	bool running = strcmp(av->m.status, "running") == 0;
	av->started = running ? meeting_started(&av->m) : 0;
	av->narrow = agenda_narrow();
	snprintf(av->heading, sizeof(av->heading), "%s",
		 av->narrow
		     ? " #  Time    Slot    Case               Name       "
		       "         ICD-10  Readiness"
		     : " #  Time    Slot    Case                  Identity"
		       "       Name                   ICD-10  Readiness");
	agenda_build_rows(av);
	int end = atoi(av->m.start_time) * 60 + atoi(av->m.start_time + 3) +
		  av->m.length_min;
	if (running) {
		/* whether the board is quorate by its core roles */
		struct strbuf present, missing;
		strbuf_init(&present);
		strbuf_init(&missing);
		const struct board *qb = boards_by_id(&ui_boards, av->m.board);
		decision_meeting_attendees(av->db, av->m.id, &present);
		av->n_missing =
		    qb ? quorum_missing(qb, present.buf ? present.buf : "",
					&missing)
		       : 0;
		snprintf(av->quorum, sizeof(av->quorum), "%s",
			 missing.buf ? missing.buf : "");
		strbuf_done(&present);
		strbuf_done(&missing);
		agenda_live_title(av);
		ui_ticking = true;
	} else {
		snprintf(av->title, sizeof(av->title),
			 "tumorboard — agenda %s %s %s  %d of %d ready  "
			 "ends %02d:%02d%s%s",
			 av->m.date, av->m.start_time, av->m.board, av->ready,
			 av->n, av->end_min / 60 % 24, av->end_min % 60,
			 av->end_min > end ? " (over time)" : "",
			 strcmp(av->m.status, "planned") == 0 ? ""
			 : strcmp(av->m.status, "finished") == 0
			     ? "  finished"
			     : "  cancelled");
		ui_ticking = false;
	}
	return true;
}

/* The key that runs action a in the agenda, as text ("u"), or "?". */
static const char *agenda_key(enum action a, char name[16])
{
	int k = keymap_key_for(&ui_keys, KEYMAP_VIEW_AGENDA, a);
	return k >= 0 ? keymap_key_name(k, name) : "?";
}

/* The status line: the keys of the meeting's state, most used first. */
static const enum action *agenda_hints(void *arg, size_t *n)
{
	static const enum action planned[] = {
	    ACTION_OPEN,	 ACTION_START_MEETING, ACTION_MOVE_ITEM_DOWN,
	    ACTION_MOVE_ITEM_UP, ACTION_BACK,	       ACTION_HELP};
	static const enum action running[] = {
	    ACTION_OPEN,	 ACTION_DEFER,		ACTION_NOT_DISCUSSED,
	    ACTION_UNDO_MARK,	 ACTION_FINISH_MEETING, ACTION_MOVE_ITEM_DOWN,
	    ACTION_MOVE_ITEM_UP, ACTION_BACK,		ACTION_HELP};
	static const enum action other[] = {ACTION_OPEN, ACTION_BACK,
					    ACTION_HELP};
	struct agenda_view *av = arg;
	if (strcmp(av->m.status, "planned") == 0) {
		*n = UTIL_ARRAY_LEN(planned);
		return planned;
	}
	if (strcmp(av->m.status, "running") == 0) {
		*n = UTIL_ARRAY_LEN(running);
		return running;
	}
	*n = UTIL_ARRAY_LEN(other);
	return other;
}

/* A yes-or-no answer for ui_prompt_checked. */
static const char *check_yes_no(const char *value, const void *arg)
{
	(void)arg;
	return strcmp(value, "y") == 0 || strcmp(value, "n") == 0
		   ? NULL
		   : "Answer y or n";
}

static int agenda_start(struct agenda_view *av, int index)
{
	char today[11];
	clock_today(today);
	if (strcmp(av->m.status, "planned") != 0) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Only a planned meeting can start; this one is %s",
			 av->m.status);
		return index;
	}
	/* another day than planned: asked, and the clock counts from now */
	if (strcmp(today, av->m.date) != 0) {
		char prompt[160];
		snprintf(prompt, sizeof(prompt),
			 "Planned for %s, today is %s: start it now? (y/n) ",
			 av->m.date, today);
		char *yes = ui_prompt_checked(prompt, "", check_yes_no, NULL);
		bool go = yes && strcmp(yes, "y") == 0;
		free(yes);
		if (!go) {
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "Not started");
			return index;
		}
	}
	if (db_meeting_start(av->db, av->m.id) != TB_OK)
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The meeting could not be started");
	else
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The meeting is running: each case opened runs its "
			 "clock");
	agenda_load(av);
	return index;
}

static int agenda_finish(struct agenda_view *av, int index)
{
	char name[16];
	if (strcmp(av->m.status, "running") != 0) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The meeting is not running");
		return index;
	}
	int left = 0, deferred = 0, not_discussed = 0;
	for (int i = 0; i < av->n; i++) {
		left += strcmp(av->status[i], "listed") == 0;
		deferred += strcmp(av->status[i], "deferred") == 0;
		not_discussed += strcmp(av->status[i], "not-discussed") == 0;
	}
	long long next = 0;
	db_meeting_next(av->db, av->m.id, &next);
	if (!av->confirm_finish) {
		av->confirm_finish = true;
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "%d case%s not reached will move to %s: press %s "
			 "again to finish",
			 left, left == 1 ? "" : "s",
			 next ? "the next meeting"
			      : "no meeting (none planned!)",
			 agenda_key(ACTION_FINISH_MEETING, name));
		return index;
	}
	av->confirm_finish = false;
	/* the report: what moved, was decided, is unsigned, deferred */
	struct textdoc *report = xcalloc(1, sizeof(*report));
	textdoc_init(report, COLS - 1);
	if (followup_finish_meeting(av->db, av->m.id, report) == TB_OK) {
		static const enum action racts[] = {ACTION_BACK, ACTION_HELP};
		char title[200];
		/* the counts the report lists, at a glance */
		snprintf(title, sizeof(title),
			 "tumorboard — finished: %d moved on, %d deferred, %d "
			 "not discussed",
			 left, deferred, not_discussed);
		struct doc_view v = {.title = title,
				     .view = KEYMAP_VIEW_CASE,
				     .hint_acts = racts,
				     .n_hints = UTIL_ARRAY_LEN(racts),
				     .render = report_render,
				     .arg = report};
		run_doc_view(&v);
	} else {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The meeting could not be finished");
	}
	textdoc_done(report);
	free(report);
	av->undo.case_id = 0;
	agenda_load(av);
	return index < av->n ? index : 0;
}

/* D and X: a listed case deferred to the board's next meeting (a reason
 * is required) or recorded as listed but not discussed; u undoes the
 * last one. The selection moves on to the next listed case. */
static int agenda_mark_case(struct agenda_view *av, enum action a, int index)
{
	bool defer = a == ACTION_DEFER;
	char name[16];
	if (strcmp(av->status[index], "listed") != 0) {
		char n2[16];
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "%s is %s already; %s and %s are for listed cases",
			 av->ext[index],
			 strcmp(av->status[index], "not-discussed") == 0
			     ? "not discussed"
			     : av->status[index],
			 agenda_key(ACTION_DEFER, name),
			 agenda_key(ACTION_NOT_DISCUSSED, n2));
		return index;
	}
	long long next = 0;
	struct tb_meeting nm;
	if (defer && (db_meeting_next(av->db, av->m.id, &next) != TB_OK ||
		      !next || db_meeting_get(av->db, next, &nm) != TB_OK)) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "No later meeting of this board is planned");
		return index;
	}
	char *why =
	    defer ? ui_prompt_checked("Defer — why? ", "", ui_require_text,
				      "A deferral needs a reason")
		  : ui_prompt_line("Not discussed — why? ", "");
	if (!why)
		return index;
	enum tb_status st =
	    defer ? db_agenda_transfer(av->db, av->m.id, av->ids[index], next,
				       why, true)
		  : db_agenda_mark(av->db, av->m.id, av->ids[index],
				   "not-discussed", why);
	free(why);
	if (st != TB_OK) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Not recorded: %s", status_message(st));
		return index;
	}
	av->undo.case_id = av->ids[index];
	av->undo.moved_to = defer ? next : 0;
	snprintf(av->undo.ext, sizeof(av->undo.ext), "%s", av->ext[index]);
	if (defer)
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "%s deferred to the %s meeting of %s %s (%s undoes)",
			 av->ext[index], nm.board, nm.date, nm.start_time,
			 agenda_key(ACTION_UNDO_MARK, name));
	else
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "%s recorded as listed but not discussed (%s undoes)",
			 av->ext[index], agenda_key(ACTION_UNDO_MARK, name));
	agenda_load(av);
	for (int i = index + 1; i < av->n; i++)
		if (strcmp(av->status[i], "listed") == 0)
			return i;
	return index < av->n ? index : 0;
}

static int agenda_undo(struct agenda_view *av, int index)
{
	if (!av->undo.case_id) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Nothing to undo: no case deferred or marked not "
			 "discussed since the agenda was opened");
		return index;
	}
	enum tb_status st = db_agenda_unmark(av->db, av->m.id, av->undo.case_id,
					     av->undo.moved_to);
	if (st == TB_OK)
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Undone: %s is listed again%s", av->undo.ext,
			 av->undo.moved_to ? " (and off the next meeting)"
					   : "");
	else
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "Could not undo: %s has changed since", av->undo.ext);
	long long id = av->undo.case_id;
	av->undo.case_id = 0;
	agenda_load(av);
	for (int i = 0; i < av->n; i++)
		if (av->ids[i] == id)
			return i;
	return index;
}

/* The agenda's own actions: start, finish, defer, not discussed, undo,
 * and J and K, which move the selected case down or up. */
static int agenda_act(void *arg, enum action a, int index)
{
	struct agenda_view *av = arg;
	int to;
	if (a != ACTION_FINISH_MEETING)
		av->confirm_finish = false;
	switch (a) {
	case ACTION_START_MEETING:
		return agenda_start(av, index);
	case ACTION_FINISH_MEETING:
		return agenda_finish(av, index);
	case ACTION_DEFER:
	case ACTION_NOT_DISCUSSED:
		return agenda_mark_case(av, a, index);
	case ACTION_UNDO_MARK:
		return agenda_undo(av, index);
	case ACTION_MOVE_ITEM_DOWN:
		to = index + 1;
		break;
	case ACTION_MOVE_ITEM_UP:
		to = index - 1;
		break;
	default:
		return -1;
	}
	/* a finished or cancelled meeting's agenda is a record */
	if (strcmp(av->m.status, "planned") != 0 &&
	    strcmp(av->m.status, "running") != 0) {
		snprintf(ui_status_msg, sizeof(ui_status_msg),
			 "The meeting is %s: its agenda can no longer be "
			 "reordered",
			 av->m.status);
		return index;
	}
	if (to < 0 || to >= av->n)
		return index;
	enum tb_status mst =
	    db_agenda_move(av->db, av->m.id, av->ids[index], to + 1);
	if (mst != TB_OK) {
		snprintf(
		    ui_status_msg, sizeof(ui_status_msg), "Could not move: %s",
		    mst == TB_DB ? db_errmsg(av->db) : status_message(mst));
		return index;
	}
	agenda_load(av);
	return to;
}

static bool agenda_run(struct db *db, long long meeting_id)
{
	struct agenda_view av = {.db = db};
	bool quit = false;
	av.m.id = meeting_id;
	if (agenda_load(&av)) {
		struct row_view v = {.title = av.title,
				     .heading = av.heading,
				     .view = KEYMAP_VIEW_AGENDA,
				     .rl = &av.rl,
				     .empty = "No cases on this agenda.",
				     .open = agenda_open,
				     .act = agenda_act,
				     .detail = agenda_detail,
				     .hints = agenda_hints,
				     .tick = agenda_tick,
				     .arg = &av};
		quit = run_row_list(&v);
	}
	row_list_done(&av.rl);
	agenda_free_ids(&av);
	ui_ticking = false;
	return quit;
}

/* The follow-up list: every latest decision by due date, overdue marked;
 * c, x and i record the outcome and when the patient was told. */
struct followup_view {
	struct db *db;
	long long *decisions, *cases;
	char **detail;
	int n;
	struct row_list rl;
};

static bool followup_collect(const struct followup_row *r, void *arg)
{
	struct followup_view *fv = arg;
	long long case_id = 0;
	if (db_case_find(fv->db, r->case_id, &case_id) != TB_OK)
		return true;
	fv->decisions =
	    xrealloc(fv->decisions, (size_t)(fv->n + 1) * sizeof(long long));
	fv->cases =
	    xrealloc(fv->cases, (size_t)(fv->n + 1) * sizeof(long long));
	fv->detail = xrealloc(fv->detail, (size_t)(fv->n + 1) * sizeof(char *));
	fv->decisions[fv->n] = r->decision_id;
	fv->cases[fv->n] = case_id;
	fv->detail[fv->n] = xasprintf("%s%s%s", r->recommendation,
				      *r->informed_on ? " · patient told " : "",
				      r->informed_on);
	fv->n++;
	char *row =
	    xasprintf("%6lld  %-10s  %-13s %-22s %s", r->decision_id,
		      *r->due ? r->due : "no date",
		      r->overdue ? "OVERDUE" : r->status, r->case_id, r->owner);
	row_list_add(&fv->rl, row);
	return true;
}

static void followup_free(struct followup_view *fv)
{
	row_list_done(&fv->rl);
	for (int i = 0; i < fv->n; i++)
		free(fv->detail[i]);
	free(fv->detail);
	free(fv->decisions);
	free(fv->cases);
	fv->detail = NULL;
	fv->decisions = fv->cases = NULL;
	fv->n = 0;
}

static void followup_load(struct followup_view *fv)
{
	char today[11];
	clock_today(today);
	followup_free(fv);
	ui_need_forms();
	followup_list(fv->db, &ui_forms, today, followup_collect, fv);
}

static const char *followup_detail(void *arg, int index)
{
	struct followup_view *fv = arg;
	return index < fv->n ? fv->detail[index] : "";
}

static bool followup_open(void *arg, int *index)
{
	struct followup_view *fv = arg;
	return pager(fv->db, fv->cases[*index]);
}

/* The reason a recommendation was not carried out: 1, 2 or 3. */
static const char *check_reason_digit(const char *value, const void *arg)
{
	(void)arg;
	return value[0] >= '1' && value[0] <= '3' && !value[1]
		   ? NULL
		   : "Answer 1, 2 or 3";
}

static int followup_act(void *arg, enum action a, int index)
{
	struct followup_view *fv = arg;
	long long id = fv->decisions[index];
	enum tb_status st = TB_OK;
	if (a == ACTION_CARRIED_OUT)
		st = db_followup_set(fv->db, id, "done", NULL, NULL);
	else if (a == ACTION_NOT_CARRIED_OUT) {
		char *why = ui_prompt_checked("Not carried out — 1 medical, 2 "
					      "the patient's wish, 3 other: ",
					      "", check_reason_digit, NULL);
		if (!why)
			return index;
		const char *reason = why[0] == '1'   ? "medical"
				     : why[0] == '2' ? "patient-wish"
						     : "other";
		char *note = ui_prompt_line("Note (optional): ", "");
		st = db_followup_set(fv->db, id, "not-done", reason, note);
		free(note);
		free(why);
	} else if (a == ACTION_INFORMED) {
		char *by = ui_prompt_checked(
		    "The patient was told today by: ", "", ui_require_text,
		    "Give the name of who told them");
		if (!by)
			return index;
		char today[11];
		clock_today(today);
		st = db_followup_informed(fv->db, id, today, by, NULL);
		free(by);
	} else
		return -1;
	snprintf(ui_status_msg, sizeof(ui_status_msg), "%s",
		 st == TB_OK ? "Recorded" : "Not recorded");
	followup_load(fv);
	return index;
}

static const enum action *followup_hints(void *arg, size_t *n)
{
	static const enum action acts[] = {
	    ACTION_OPEN,     ACTION_CARRIED_OUT, ACTION_NOT_CARRIED_OUT,
	    ACTION_INFORMED, ACTION_BACK,	 ACTION_HELP};
	(void)arg;
	*n = UTIL_ARRAY_LEN(acts);
	return acts;
}

static bool followup_run(struct db *db)
{
	struct followup_view fv = {.db = db};
	followup_load(&fv);
	struct row_view v = {
	    .title =
		"tumorboard — follow-up (c carried out, x not, i informed)",
	    .heading = " Decision  Due         Status        Case              "
		       "     Owner",
	    .view = KEYMAP_VIEW_FOLLOWUP,
	    .rl = &fv.rl,
	    .empty = "No signed decisions to follow up.",
	    .open = followup_open,
	    .act = followup_act,
	    .detail = followup_detail,
	    .hints = followup_hints,
	    .arg = &fv};
	bool quit = run_row_list(&v);
	followup_free(&fv);
	return quit;
}

struct meetings_view {
	struct db *db;
	long long *ids;
	int n;
	struct row_list rl;
};

static bool meetings_collect(const struct tb_meeting *m, void *arg)
{
	struct meetings_view *mv = arg;
	mv->ids = xrealloc(mv->ids, (size_t)(mv->n + 1) * sizeof(long long));
	mv->ids[mv->n++] = m->id;
	int ready = -1, n = 0;
	if (readiness_meeting(mv->db, &ui_boards, m, &ready, &n) != TB_OK)
		ready = -1;
	struct textdoc doc;
	textdoc_init(&doc, 300);
	render_meeting_row(m, ready, &doc);
	row_list_add(&mv->rl, xstrdup(doc.lines[0].text));
	textdoc_done(&doc);
	return true;
}

static bool meetings_open(void *arg, int *index)
{
	struct meetings_view *mv = arg;
	return agenda_run(mv->db, mv->ids[*index]);
}

static bool meetings_run(struct db *db)
{
	struct meetings_view mv = {.db = db};
	bool quit = false;
	if (db_meeting_list(db, meetings_collect, &mv) == TB_OK) {
		struct row_view v = {
		    .title = "tumorboard — meetings",
		    .heading = "#     Date              Board       Level     "
			       "Status    Cases               Place",
		    .view = KEYMAP_VIEW_MEETINGS,
		    .rl = &mv.rl,
		    .empty = "No meetings planned. Plan one with 'tumorboard "
			     "meeting add'.",
		    .open = meetings_open,
		    .arg = &mv};
		quit = run_row_list(&v);
	}
	row_list_done(&mv.rl);
	free(mv.ids);
	return quit;
}

/* ------------------------------------------------------------------------
 * Case list
 * ---------------------------------------------------------------------- */

/*
 * The list shows a window of rows fetched by key (referral date, id), never
 * by offset: moving costs one indexed query whatever the position. top is
 * the absolute index of the window's first row, kept by arithmetic, for
 * the "row N of M" display.
 */
#define PAGE_MAX 512

struct page {
	long long ids[PAGE_MAX];
	char dates[PAGE_MAX][11];
	char *lines[PAGE_MAX];
	int n;
};

static void page_clear(struct page *pg)
{
	for (int i = 0; i < pg->n; i++)
		free(pg->lines[i]);
	pg->n = 0;
}

static bool collect_row(const struct db_case_row *r, void *arg)
{
	struct page *pg = arg;
	if (pg->n >= (int)UTIL_ARRAY_LEN(pg->ids))
		return false;
	struct textdoc doc;
	textdoc_init(&doc, 500);
	/* under 100 columns the name is cut so that the status shows */
	if (COLS < 100)
		render_case_row_narrow(r, &doc);
	else
		render_case_row(r, false, false, true, &doc);
	pg->ids[pg->n] = r->id;
	snprintf(pg->dates[pg->n], sizeof(pg->dates[0]), "%s",
		 r->referral_date ? r->referral_date : "");
	pg->lines[pg->n] = xstrdup(doc.lines[0].text);
	pg->n++;
	textdoc_done(&doc);
	return true;
}

/* A search or the queue is counted no further than this: "1,000+". */
#define LIST_COUNT_CAP 1000

struct list {
	struct db *db;
	struct db_case_filter f;
	struct page pg;
	long long total;
	bool more;     /* more than total (a capped count) */
	long long top; /* -1: not known (End of a capped list) */
	int sel;
	int body;
};

/* Fetches up to limit rows relative to a key into out (list order). */
static void list_fetch(struct list *l, int mode, const char *date, long long id,
		       int limit, struct page *out)
{
	struct db_case_filter f = l->f;
	f.key_mode = mode;
	f.key_date = date;
	f.key_id = id;
	f.limit = limit < PAGE_MAX ? limit : PAGE_MAX;
	out->n = 0;
	db_case_list(l->db, &f, collect_row, out);
	if (mode == DB_KEY_BEFORE || mode == DB_KEY_LAST) {
		for (int i = 0, j = out->n - 1; i < j; i++, j--) {
			long long id_tmp = out->ids[i];
			out->ids[i] = out->ids[j];
			out->ids[j] = id_tmp;
			char *line_tmp = out->lines[i];
			out->lines[i] = out->lines[j];
			out->lines[j] = line_tmp;
			char date_tmp[11];
			memcpy(date_tmp, out->dates[i], sizeof(date_tmp));
			memcpy(out->dates[i], out->dates[j], sizeof(date_tmp));
			memcpy(out->dates[j], date_tmp, sizeof(date_tmp));
		}
	}
}

static void list_replace(struct list *l, struct page *np)
{
	page_clear(&l->pg);
	memcpy(&l->pg, np, sizeof(*np));
	np->n = 0;
	if (l->sel >= l->pg.n)
		l->sel = l->pg.n ? l->pg.n - 1 : 0;
}

static void list_home(struct list *l)
{
	static struct page np;
	list_fetch(l, DB_KEY_NONE, NULL, 0, l->body, &np);
	list_replace(l, &np);
	l->top = 0;
	l->sel = 0;
}

static void list_end(struct list *l)
{
	static struct page np;
	list_fetch(l, DB_KEY_LAST, NULL, 0, l->body, &np);
	list_replace(l, &np);
	l->top = l->more ? -1 : l->total - l->pg.n;
	if (l->top < 0 && !l->more)
		l->top = 0;
	l->sel = l->pg.n ? l->pg.n - 1 : 0;
}

/* Reloads the window from its first row (after a resize, say). */
static void list_reload(struct list *l)
{
	static struct page np;
	if (!l->pg.n) {
		list_home(l);
		return;
	}
	list_fetch(l, DB_KEY_FROM, l->pg.dates[0], l->pg.ids[0], l->body, &np);
	if (np.n < l->body && l->top > 0) {
		page_clear(&np);
		int sel_abs = (int)(l->top + l->sel);
		list_end(l);
		long long s = sel_abs - l->top;
		l->sel = s < 0 ? 0 : (s >= l->pg.n ? l->pg.n - 1 : (int)s);
		return;
	}
	list_replace(l, &np);
}

/* Moves the selection by one row; at the window's edge the window slides
 * by one row, fetching only that row. */
static void list_step(struct list *l, int delta)
{
	static struct page np;
	struct page *pg = &l->pg;
	if (delta > 0 && l->sel + 1 < pg->n) {
		l->sel++;
		return;
	}
	if (delta < 0 && l->sel > 0) {
		l->sel--;
		return;
	}
	if (!pg->n)
		return;
	if (delta > 0) {
		int last = pg->n - 1;
		list_fetch(l, DB_KEY_AFTER, pg->dates[last], pg->ids[last], 1,
			   &np);
		if (!np.n)
			return;
		if (pg->n == l->body) {
			free(pg->lines[0]);
			memmove(pg->ids, pg->ids + 1,
				(size_t)last * sizeof(pg->ids[0]));
			memmove(pg->dates, pg->dates + 1,
				(size_t)last * sizeof(pg->dates[0]));
			memmove(pg->lines, pg->lines + 1,
				(size_t)last * sizeof(pg->lines[0]));
			pg->n--;
			if (l->top >= 0)
				l->top++;
		}
		pg->ids[pg->n] = np.ids[0];
		memcpy(pg->dates[pg->n], np.dates[0], sizeof(pg->dates[0]));
		pg->lines[pg->n] = np.lines[0];
		pg->n++;
		np.n = 0;
		l->sel = pg->n - 1;
	} else {
		list_fetch(l, DB_KEY_BEFORE, pg->dates[0], pg->ids[0], 1, &np);
		if (!np.n)
			return;
		if (pg->n == l->body) {
			free(pg->lines[pg->n - 1]);
			pg->n--;
		}
		memmove(pg->ids + 1, pg->ids,
			(size_t)pg->n * sizeof(pg->ids[0]));
		memmove(pg->dates + 1, pg->dates,
			(size_t)pg->n * sizeof(pg->dates[0]));
		memmove(pg->lines + 1, pg->lines,
			(size_t)pg->n * sizeof(pg->lines[0]));
		pg->ids[0] = np.ids[0];
		memcpy(pg->dates[0], np.dates[0], sizeof(pg->dates[0]));
		pg->lines[0] = np.lines[0];
		pg->n++;
		np.n = 0;
		if (l->top > 0)
			l->top--;
		l->sel = 0;
	}
}

static void list_page(struct list *l, int dir)
{
	static struct page np;
	if (!l->pg.n)
		return;
	if (dir > 0) {
		int last = l->pg.n - 1;
		list_fetch(l, DB_KEY_AFTER, l->pg.dates[last], l->pg.ids[last],
			   l->body, &np);
		if (np.n == l->body) {
			int sel = l->sel;
			list_replace(l, &np);
			if (l->top >= 0)
				l->top += l->body;
			l->sel = sel;
		} else if (np.n) {
			/* Near the end: show the last screenful and keep the
			 * selection a page further down. */
			long long target = l->top + l->sel + l->body;
			page_clear(&np);
			list_end(l);
			if (l->top >= 0 && target < l->total)
				l->sel = (int)(target - l->top);
		} else {
			l->sel = last;
		}
	} else {
		list_fetch(l, DB_KEY_BEFORE, l->pg.dates[0], l->pg.ids[0],
			   l->body, &np);
		if (np.n == l->body) {
			int sel = l->sel;
			list_replace(l, &np);
			if (l->top >= 0)
				l->top =
				    l->top > l->body ? l->top - l->body : 0;
			l->sel = sel;
		} else if (np.n) {
			long long target = l->top + l->sel - l->body;
			page_clear(&np);
			list_home(l);
			if (target > 0 && target < l->pg.n)
				l->sel = (int)target;
		} else {
			l->sel = 0;
		}
	}
}

/* Shows only the cases matching text (full text; "" shows all). store is
 * the buffer the filter points into. */
static void list_filter(struct list *l, char *store, const char *text)
{
	if (store != text)
		snprintf(store, LINEEDIT_MAX, "%s", text);
	l->f.text = store[0] ? store : NULL;
	/* the count and the first screen in one go */
	static struct page np;
	struct db_case_filter f = l->f;
	f.limit = l->body < PAGE_MAX ? l->body : PAGE_MAX;
	long long n = 0;
	bool more = false;
	np.n = 0;
	if (db_case_list_counted(l->db, &f, LIST_COUNT_CAP, collect_row, &np,
				 &n, &more) != TB_OK)
		n = 0;
	l->total = n;
	l->more = more;
	list_replace(l, &np);
	l->top = 0;
	l->sel = 0;
}

/* The forms and the summary wording are read when first needed (a case
 * opened), not at start-up. */
void ui_need_forms(void)
{
	static bool loaded;
	if (loaded)
		return;
	loaded = true;
	{
		struct diag d;
		diag_init(&d);
		char *fdir = import_form_default_dir();
		enum tb_status fst = import_form_load_all(fdir, &ui_forms, &d);
		if (import_form_phrases(fdir, &ui_phrases, &d) != TB_OK)
			fst = TB_INVALID;
		/* the screen is up: the first problem on the status line;
		 * tumorboard form list prints them all */
		if (fst != TB_OK && d.n) {
			if (!ui_status_msg[0]) {
				char *clean =
				    util_sanitize(d.items[0].message, false);
				snprintf(ui_status_msg, sizeof(ui_status_msg),
					 "%s:%ld: %s",
					 d.items[0].file ? d.items[0].file : "",
					 d.items[0].line, clean);
				free(clean);
			}
		}
		free(fdir);
		import_trials_load(&ui_trials, &d);
		import_levels_load(&ui_levels, &d);
		/* the knowledge base; a broken user file leaves the
		 * built-in one in use */
		if (import_kb_load(&ui_kb, &d) != TB_OK && d.n &&
		    !ui_status_msg[0])
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "knowledge base: %s",
				 d.items[d.n - 1].message);
		diag_done(&d);
	}
}

/* "SKA-LUNG-2026-0001: ready for Lungcancer" or what is missing, as of
 * today, on the line above the status line. */
static void draw_list_readiness(struct db *db, long long id)
{
	struct tb_case *c = NULL;
	if (db_case_load(db, id, &c) != TB_OK)
		return;
	const struct board *b = boards_for_icd10(&ui_boards, c->icd10);
	char today[11];
	clock_today(today);
	struct strbuf sb = {0};
	if (!b)
		strbuf_printf(&sb, "%s: no board takes %s", c->external_id,
			      c->icd10);
	else {
		struct readiness rd;
		readiness_check(c, b, today, &rd);
		if (!rd.missing)
			strbuf_printf(&sb, "%s: ready for %s", c->external_id,
				      b->name);
		else {
			strbuf_printf(&sb, "%s: %d missing:", c->external_id,
				      rd.missing);
			for (int i = 0; i < rd.n; i++)
				if (!rd.items[i].ok)
					strbuf_printf(&sb, " %s;",
						      rd.items[i].what);
			sb.buf[sb.len - 1] = '\0';
		}
	}
	char *clean = util_sanitize(sb.buf, false);
	ui_put_clipped(
	    LINES - 2, 1, COLS - 2, clean,
	    ui_attr(b && strstr(sb.buf, "missing") ? UC_WARN : UC_DIM));
	free(clean);
	strbuf_done(&sb);
	model_case_free(&c);
}

/*
 * Whether the interactive screen can run here, said at once when not:
 * standard input and output must be a terminal, and its type (TERM) known
 * and able to move the cursor. Nothing is left changed on the terminal.
 */
static bool terminal_usable(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fputs("tumorboard: the interactive screen needs a terminal on "
		      "standard input and output; the commands work without "
		      "one (see tumorboard --help)\n",
		      stderr);
		return false;
	}
	const char *term = getenv("TERM");
	char *clean = util_sanitize(term && *term ? term : "(not set)", false);
	FILE *null_out = fopen("/dev/null", "w");
	SCREEN *s = null_out ? newterm(NULL, null_out, stdin) : NULL;
	bool ok = false;
	if (!s) {
		fprintf(stderr,
			"tumorboard: TERM=%s: no such terminal type; the "
			"interactive screen needs one it knows\n",
			clean);
	} else {
		const char *cup = tigetstr("cup");
		ok = cup && cup != (const char *)-1;
		endwin();
		delscreen(s);
		if (!ok)
			fprintf(stderr,
				"tumorboard: TERM=%s cannot place the cursor; "
				"the interactive screen needs a terminal "
				"that can\n",
				clean);
	}
	if (null_out)
		fclose(null_out);
	free(clean);
	return ok;
}

int ui_run(struct db *db, const struct ui_opts *opts)
{
	if (!(opts && opts->script) && !terminal_usable())
		return UI_EXIT_NO_TERMINAL;

	struct db_case_filter f = {0};
	long long total = 0;
	bool quit = false;
	ui_db = db;

	if (opts && opts->script) {
		script.active = true;
		script.t_start = mono_ms();
		if (!load_script(opts->script)) {
			script_done();
			return 2;
		}
		script.lat = xcalloc(script.n + 1, sizeof(double));
		script.cpu = xcalloc(script.n + 1, sizeof(double));
		script.codes = xcalloc(script.n + 1, sizeof(int));
		script.dump = stdout;
		script.dump_attrs = opts->dump_attrs;
		if (opts->dump) {
			script.dump = fopen(opts->dump, "w");
			if (!script.dump) {
				fprintf(stderr, "tumorboard: %s: %s\n",
					opts->dump, strerror(errno));
				script.dump = NULL;
				script_done();
				return 5;
			}
		}
	}
	if (db_case_count(db, &f, &total) != TB_OK) {
		fprintf(stderr, "tumorboard: %s\n", db_errmsg(db));
		script_done();
		return 6;
	}
	keymap_init(&ui_keys);
	char *keys_path = keymap_default_path();
	if (keys_path) {
		struct diag d;
		diag_init(&d);
		if (keymap_load_file(&ui_keys, keys_path, &d) != TB_OK && d.n) {
			/* Reported before the screen takes over, and the first
			 * problem again on the status line; the program starts
			 * with the good lines applied. */
			diag_print(&d, stderr);
			char *clean = util_sanitize(d.items[0].message, false);
			snprintf(ui_status_msg, sizeof(ui_status_msg),
				 "%s:%ld: %s%s", keys_path, d.items[0].line,
				 clean,
				 d.n > 1 ? " (and more; see tumorboard-keys(5))"
					 : "");
			free(clean);
		}
		diag_done(&d);
		free(keys_path);
	}
	{
		struct diag d;
		diag_init(&d);
		char *bpath = import_boards_default_path();
		if (import_boards_load(bpath, &ui_boards, &d) != TB_OK && d.n) {
			diag_print(&d, stderr);
			if (!ui_status_msg[0]) {
				char *clean =
				    util_sanitize(d.items[0].message, false);
				snprintf(ui_status_msg, sizeof(ui_status_msg),
					 "%s:%ld: %s", bpath, d.items[0].line,
					 clean);
				free(clean);
			}
		}
		free(bpath);
		diag_done(&d);
	}
	setup_terminal();
	if (script.active)
		resize_term(opts->rows > 0 ? opts->rows : 24,
			    opts->cols > 0 ? opts->cols : 80);
	struct list l = {.db = db, .f = f, .total = total};
	bool prompting = false;
	struct lineedit le;
	static char search[LINEEDIT_MAX], saved[LINEEDIT_MAX];
	search[0] = '\0';
	/* rows between the heading and the readiness line */
	l.body = LINES - 4 > 1 ? LINES - 4 : 1;
	bool narrow = COLS < 100; /* the rows were rendered narrow */
	list_home(&l);
	while (!quit && !ui_stopping()) {
		int body = LINES - 4 > 1 ? LINES - 4 : 1;
		if (body > PAGE_MAX)
			body = PAGE_MAX;
		if (body != l.body || (COLS < 100) != narrow) {
			l.body = body;
			narrow = COLS < 100;
			list_reload(&l);
		}

		erase();
		const char *set = l.f.queue ? "referral queue" : "cases";
		char *what = search[0]
				 ? xasprintf("%s matching \"%s\"", set, search)
				 : xstrdup(set);
		/* a capped count: "(1,000+)", and the row number only
		 * while it is known */
		char count[32], row[64] = "";
		if (l.more)
			snprintf(count, sizeof(count), "%lld,%03lld+",
				 l.total / 1000, l.total % 1000);
		else
			snprintf(count, sizeof(count), "%lld", l.total);
		if (l.total && l.top >= 0)
			snprintf(row, sizeof(row), "   row %lld of %s",
				 l.top + l.sel + 1, count);
		char *title =
		    xasprintf("tumorboard — %s (%s)%s", what, count, row);
		free(what);
		ui_draw_bar(0, UC_TITLE, title);
		free(title);
		ui_put_clipped(1, 1, COLS - 1,
			       narrow
				   ? "Referred    Identity       Name        "
				     "        ICD-10  Level     Status      "
				     "    Diagnosis"
				   : "Referred    Identity       Name        "
				     "             ICD-10  Level     Status    "
				     "      Diagnosis",
			       ui_attr(UC_LABEL));
		if (!l.total)
			ui_put_clipped(3, 2, COLS - 3,
				       search[0] || l.f.queue
					   ? "No case matches."
					   : "No cases yet. Import some with "
					     "'tumorboard import FILE...'.",
				       ui_attr(UC_DIM));
		for (int i = 0; i < l.pg.n && i < body; i++) {
			bool is_sel = i == l.sel;
			if (is_sel)
				ui_fill_line(i + 2, ui_attr(UC_SELECTED));
			ui_put_clipped(
			    i + 2, 1, COLS - 1, l.pg.lines[i],
			    ui_attr(is_sel ? UC_SELECTED : UC_NORMAL));
		}
		/* the selected case's readiness, above the status line */
		if (l.pg.n && l.sel < l.pg.n)
			draw_list_readiness(db, l.pg.ids[l.sel]);
		static const enum action list_hints[] = {
		    ACTION_OPEN,     ACTION_SEARCH, ACTION_QUEUE,
		    ACTION_MEETINGS, ACTION_HELP,   ACTION_QUIT};
		if (prompting) {
			ui_draw_prompt("/", &le);
		} else {
			char *h = ui_hints(KEYMAP_VIEW_LIST, list_hints,
					   UTIL_ARRAY_LEN(list_hints));
			ui_draw_bar(LINES - 1, UC_STATUS, h);
			free(h);
		}
		refresh();
		if (script.active && !script.first_cpu_ms)
			script.first_cpu_ms = cpu_ms();
		/* the first screen is up: read the forms now, so that the
		 * first case opened does not wait for them */
		ui_need_forms();

		int key = ui_getkey();
		if (key < 0)
			continue;
		if (prompting) {
			/* Incremental: every change filters the list. */
			enum lineedit_result r = lineedit_key(&le, key);
			if (r == LINEEDIT_CHANGED)
				list_filter(&l, search, le.buf);
			else if (r == LINEEDIT_CANCEL)
				list_filter(&l, search, saved);
			if (r == LINEEDIT_ACCEPT || r == LINEEDIT_CANCEL) {
				prompting = false;
				curs_set(0);
			}
			continue;
		}
		enum action la = keymap_lookup(&ui_keys, KEYMAP_VIEW_LIST, key);
		if (la == ACTION_COMMAND)
			la = ui_command();
		switch (la) {
		case ACTION_SEARCH:
			snprintf(saved, sizeof(saved), "%s", search);
			lineedit_init(&le, search);
			prompting = true;
			curs_set(1);
			break;
		case ACTION_SEARCH_NEXT:
			list_step(&l, 1);
			break;
		case ACTION_SEARCH_PREV:
			list_step(&l, -1);
			break;
		case ACTION_BACK:
			if (search[0])
				list_filter(&l, search, "");
			break;
		case ACTION_MOVE_UP:
			list_step(&l, -1);
			break;
		case ACTION_MOVE_DOWN:
			list_step(&l, 1);
			break;
		case ACTION_PAGE_UP:
			list_page(&l, -1);
			break;
		case ACTION_PAGE_DOWN:
			list_page(&l, 1);
			break;
		case ACTION_FIRST:
			list_home(&l);
			break;
		case ACTION_LAST:
			list_end(&l);
			break;
		case ACTION_OPEN:
			if (l.pg.n)
				quit = pager(db, l.pg.ids[l.sel]);
			break;
		case ACTION_HELP:
			quit = ui_show_help();
			break;
		case ACTION_QUEUE:
			l.f.queue = !l.f.queue;
			list_filter(&l, search, search);
			break;
		case ACTION_FOLLOWUPS:
			quit = followup_run(db);
			break;
		case ACTION_MEETINGS:
			quit = meetings_run(db);
			/* Agendas may have listed cases meanwhile. */
			list_reload(&l);
			break;
		case ACTION_QUIT:
			quit = true;
			break;
		default:
			break;
		}
	}
	page_clear(&l.pg);
	restore_terminal();
	if (script.active && opts->timing) {
		FILE *t = fopen(opts->timing, "w");
		if (t) {
			report_timing(t);
			fclose(t);
		}
	}
	script_done();
	keymap_done(&ui_keys);
	boards_done(&ui_boards);
	form_set_done(&ui_forms);
	form_phrases_done(&ui_phrases);
	kb_done(&ui_kb);
	trials_done(&ui_trials);
	levels_done(&ui_levels);
	return got_signal ? 128 + got_signal : input_gone ? 128 + SIGHUP : 0;
}
