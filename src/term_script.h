/*
 * term_script — the key scripts of headless runs (tumorboard(1), SCREEN
 * SCRIPTS) read into keys, and the keystroke timing a scripted run writes
 * (--timing). Used by term.c; nothing here includes curses.
 */
#ifndef TB_TERM_SCRIPT_H
#define TB_TERM_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/* A script key's code is a keymap key (keymap.h) or one of these. */
enum {
	TERM_SCRIPT_DUMP = -100,
	TERM_SCRIPT_RESIZE = -101,
	TERM_SCRIPT_CANCEL = -102,
	TERM_SCRIPT_IDLE = -103
};

struct term_script_key {
	int code;	/* keymap key, TERM_SCRIPT_DUMP, _RESIZE, _CANCEL
			 * or _IDLE */
	int cols, rows; /* TERM_SCRIPT_RESIZE: the new size */
};

/* Appends the keys of the script at path to *keys (*n of them; caller
 * frees *keys). Tokens are separated by white space; TOKEN*N repeats; '#'
 * starts a comment; "type TEXT" types the rest of the line. False when
 * the file cannot be read or a token is wrong, with file:line: message on
 * standard error. */
bool term_script_read(const char *path, struct term_script_key **keys,
		      size_t *n);

/* What a scripted run measured: per key, the milliseconds from delivering
 * it to asking for the next (wall clock, process CPU time and, where a
 * peer is measured, the peer's CPU time; -1 where not) and its code; the
 * start-up time and the CPU time to the first screen; the notices shown
 * ("notice KEY TEXT" lines). */
struct term_script_timing {
	double *lat, *cpu, *peer;
	int *codes;
	size_t n;
	double startup_ms, first_cpu_ms;
	struct strbuf notices;
	/* the run's start; the key under way: when it was delivered (0:
	 * none), the CPU times then, and its code */
	double start, key_wall, key_cpu, key_peer;
	int key_code;
	/* another process working for this one (a database server): its CPU
	 * milliseconds so far, or -1; NULL when there is none */
	double (*peer_ms)(void *arg);
	void *peer_arg;
};

/* Ready for n keys (term_script_timing_done frees). */
void term_script_timing_init(struct term_script_timing *t, size_t n);
void term_script_timing_done(struct term_script_timing *t);
/* A key with code delivered now. */
void term_script_key_begin(struct term_script_timing *t, int code);
/* The program asks for the next key: the key under way is measured (the
 * first time with none, the start-up time). */
void term_script_key_end(struct term_script_timing *t);

/* The first line sums up (wall clock); then one line per key:
 * "key CODE WALL_MS CPU_MS" in the order the keys were given, followed
 * by " PEER_MS" where a peer was measured, then the notices. */
void term_script_report(FILE *out, const struct term_script_timing *t);

/* Milliseconds of the monotonic clock, and of the whole process's CPU
 * time so far (what a key costs on a busy machine, where the wall clock
 * also counts waiting for a core). */
double term_script_mono_ms(void);
double term_script_cpu_ms(void);

#endif
