/*
 * app — what both front ends (the screen and the command line) work on:
 * the store, the board types, the decision forms and the summary wording,
 * the knowledge base with its trial registry and level criteria, and who
 * uses the program. The clock is clock.h's (fixed in tests).
 *
 * The forms and the knowledge base are read on first need (app_need_forms),
 * not at start-up.
 */
#ifndef TB_APP_H
#define TB_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "board.h"
#include "form_def.h"
#include "kb.h"
#include "status.h"
#include "support.h"

struct db;
struct diag;

struct app {
	struct db *db; /* borrowed: the caller opens and closes it */
	struct boards boards;
	struct form_set forms;
	struct form_phrases phrases;
	struct kb kb;
	struct trials trials;
	struct levels levels;
	bool forms_loaded;
	/* who uses the program (the audit log's actor): borrowed, static */
	const char *user;
};

/* Sets app up on db with nothing loaded yet. app_done() frees. */
void app_init(struct app *app, struct db *db);
void app_done(struct app *app);

/* Reads the board types (the user's boards.xml, else the built-in ones);
 * problems go to d, and *path (caller frees) names the file read. */
enum tb_status app_load_boards(struct app *app, struct diag *d, char **path);

/* Reads the forms, the summary wording, the trial registry, the level
 * criteria and the knowledge base, once. When something could not be
 * read and msg is empty, the first problem goes into msg (n bytes). */
void app_need_forms(struct app *app, char *msg, size_t n);

/* The knowledge base, NULL when none is loaded. */
const struct kb *app_kb(const struct app *app);

struct tb_meeting;
/* When a running meeting really started (recorded by start, UTC), or its
 * planned start (local time) when that is not recorded. */
time_t app_meeting_started(const struct tb_meeting *m);
/* Whole minutes left (rounded up, 0 when over) of meeting m that started
 * at started. */
int app_meeting_minutes_left(const struct tb_meeting *m, time_t started,
			     time_t now);

#endif
