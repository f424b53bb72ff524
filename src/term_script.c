/*
 * Key scripts and keystroke timing of headless runs (term_script.h).
 */
#include "term_script.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "i18n.h"
#include "keymap.h"

double term_script_mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

double term_script_cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void term_script_timing_init(struct term_script_timing *t, size_t n)
{
	t->lat = xcalloc(n + 1, sizeof(double));
	t->cpu = xcalloc(n + 1, sizeof(double));
	t->peer = xcalloc(n + 1, sizeof(double));
	t->codes = xcalloc(n + 1, sizeof(int));
	t->start = term_script_mono_ms();
}

void term_script_timing_done(struct term_script_timing *t)
{
	free(t->lat);
	free(t->cpu);
	free(t->peer);
	free(t->codes);
	strbuf_done(&t->notices);
	t->lat = t->cpu = t->peer = NULL;
	t->codes = NULL;
}

static double peer_now(const struct term_script_timing *t)
{
	return t->peer_ms ? t->peer_ms(t->peer_arg) : -1;
}

/* The peer is read outside the program's own measured time: before its
 * clocks at the start, after them at the end. */
void term_script_key_begin(struct term_script_timing *t, int code)
{
	t->key_peer = peer_now(t);
	t->key_cpu = term_script_cpu_ms();
	t->key_wall = term_script_mono_ms();
	t->key_code = code;
}

void term_script_key_end(struct term_script_timing *t)
{
	double now = term_script_mono_ms(), cnow = term_script_cpu_ms();
	if (t->key_wall > 0) {
		double p = peer_now(t);
		t->cpu[t->n] = cnow - t->key_cpu;
		t->peer[t->n] =
		    p >= 0 && t->key_peer >= 0 ? p - t->key_peer : -1;
		t->codes[t->n] = t->key_code;
		t->lat[t->n++] = now - t->key_wall;
	} else if (!t->startup_ms) {
		t->startup_ms = now - t->start;
	}
	t->key_wall = 0;
}

/* Parses one script token into *k; false with a message in err. Keys use
 * the same names as the keys file (keymap_parse_key). */
static bool parse_key_token(const char *tok, struct term_script_key *k,
			    char *err, size_t errlen)
{
	k->cols = k->rows = 0;
	if (strcmp(tok, "dump") == 0 || strcmp(tok, "cancel") == 0 ||
	    strcmp(tok, "idle") == 0) {
		k->code = *tok == 'd'	? TERM_SCRIPT_DUMP
			  : *tok == 'c' ? TERM_SCRIPT_CANCEL
					: TERM_SCRIPT_IDLE;
		return true;
	}
	if (strncmp(tok, "resize:", 7) == 0) {
		char x;
		if (sscanf(tok + 7, "%dx%d%c", &k->cols, &k->rows, &x) != 2 ||
		    k->cols < 20 || k->rows < 5 || k->cols > 1000 ||
		    k->rows > 1000) {
			snprintf(err, errlen,
				 _("resize wants COLSxROWS, e.g. "
				   "resize:80x24"));
			return false;
		}
		k->code = TERM_SCRIPT_RESIZE;
		return true;
	}
	k->code = keymap_parse_key(tok);
	if (k->code < 0) {
		snprintf(err, errlen, _("unknown key '%s'"), tok);
		return false;
	}
	return true;
}

/* Appends k times times to *keys. */
static void put_key(struct term_script_key **keys, size_t *n,
		    struct term_script_key k, long times)
{
	*keys = xrealloc(*keys, (*n + (size_t)times) * sizeof(**keys));
	for (long i = 0; i < times; i++)
		(*keys)[(*n)++] = k;
}

bool term_script_read(const char *path, struct term_script_key **keys,
		      size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	long lineno = 0;

	if (!f) {
		fprintf(stderr, _("tumorboard: %s: %s\n"), path,
			strerror(errno));
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		/* "type TEXT" types the rest of the line, one key per
		 * character (UTF-8), '#' included */
		if (strncmp(line, "type ", 5) == 0) {
			const char *p = line + 5;
			size_t left = strcspn(p, "\r\n");
			mbstate_t ps;
			memset(&ps, 0, sizeof(ps));
			while (left > 0) {
				wchar_t wc;
				size_t len = mbrtowc(&wc, p, left, &ps);
				if (len == (size_t)-1 || len == (size_t)-2 ||
				    len == 0) {
					fprintf(stderr,
						_("%s:%ld: not valid UTF-8\n"),
						path, lineno);
					fclose(f);
					return false;
				}
				put_key(
				    keys, n,
				    (struct term_script_key){.code = (int)wc},
				    1);
				p += len;
				left -= len;
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
						_("%s:%ld: bad repeat "
						  "count\n"),
						path, lineno);
					fclose(f);
					return false;
				}
				*star = '\0';
			}
			struct term_script_key k;
			char err[128];
			if (!parse_key_token(tok, &k, err, sizeof(err))) {
				fprintf(stderr, _("%s:%ld: %s\n"), path, lineno,
					err);
				fclose(f);
				return false;
			}
			put_key(keys, n, k, times);
		}
	}
	fclose(f);
	return true;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The first_screen_cpu_ms figure is the process's CPU time from its start
 * to the first screen drawn. */
void term_script_report(FILE *out, const struct term_script_timing *t)
{
	if (!t->n) {
		fprintf(out,
			/* untranslated: read by tests */
			"startup_ms=%.3f keys=0 first_screen_cpu_ms=%.3f\n",
			t->startup_ms, t->first_cpu_ms);
		return;
	}
	double *sorted = xcalloc(t->n, sizeof(double));
	memcpy(sorted, t->lat, t->n * sizeof(double));
	qsort(sorted, t->n, sizeof(double), cmp_double);
	size_t p99 = (size_t)((double)t->n * 0.99);
	if (p99 >= t->n)
		p99 = t->n - 1;
	fprintf(out,
		/* untranslated: read by tests */
		"startup_ms=%.3f keys=%zu median_ms=%.3f p99_ms=%.3f "
		"max_ms=%.3f first_screen_cpu_ms=%.3f\n",
		t->startup_ms, t->n, sorted[t->n / 2], sorted[p99],
		sorted[t->n - 1], t->first_cpu_ms);
	free(sorted);
	for (size_t i = 0; i < t->n; i++) {
		fprintf(out,
			/* untranslated: read by tests */ "key %d %.4f %.4f",
			t->codes[i], t->lat[i], t->cpu[i]);
		if (t->peer[i] >= 0)
			fprintf(out, " %.4f", t->peer[i]);
		fputc('\n', out);
	}
	if (t->notices.len)
		fputs(t->notices.buf, out);
}
