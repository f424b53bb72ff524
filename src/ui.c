/*
 * The interactive screen's wiring: the bindings, the board types and the
 * app object are loaded, the terminal taken, the case list pushed as the
 * first view, and the one loop (view.c) runs until the user quits. The
 * case view and help are opened through the hooks set here, so that no
 * view file depends on another's loop.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>

#include "access.h"
#include "app.h"
#include "db.h"
#include "diag.h"
#include "i18n.h"
#include "keymap.h"
#include "status.h"
#include "term.h"
#include "util.h"
#include "view.h"
#include "view_agenda.h"
#include "view_case.h"
#include "view_follow.h"
#include "view_followup.h"
#include "view_help.h"
#include "view_list.h"
#include "view_meetings.h"

void ui_busy_notice(const char *msg)
{
	term_notice(msg);
}

/* The first screen is up: the forms are read now, so that the first case
 * opened does not wait for them. */
static void forms_read(struct ui *ui)
{
	app_need_forms(ui->app, ui->msg, sizeof(ui->msg));
}

/* The same for the case list; the marks of what a write touches made
 * before the first case is read (opening one writes: made at its write,
 * the case's statements were prepared again at the next), then the next
 * screens' statements prepared (never run), so that the first case
 * opened, referral queue, meetings list or agenda does not wait for
 * them either, and the meetings' readiness, the follow-up list and the
 * referral queue read ahead (the meetings list itself is read at its
 * key; rows read ahead are logged when a screen shows them). A screen
 * that follows a meeting opens none and writes no record. */
static void first_screen(struct ui *ui)
{
	forms_read(ui);
	(void)db_ready_writes(ui->app->db);
	if (db_warm(ui->app->db)) {
		view_meetings_ahead(ui);
		view_followup_ahead(ui);
		view_list_queue_ahead(ui);
	}
}

/* The user's key bindings; problems are printed before the screen takes
 * over, and the first again on the status line (the good lines apply). */
static void load_keys(struct ui *ui)
{
	keymap_init(&ui->keys);
	char *keys_path = keymap_default_path();
	if (!keys_path)
		return;
	struct diag d;
	diag_init(&d);
	if (keymap_load_file(&ui->keys, keys_path, &d) != TB_OK && d.n) {
		diag_print(&d, stderr);
		char *clean = util_sanitize(d.items[0].message, false);
		ui_say(ui, "%s:%ld: %s%s", keys_path, d.items[0].line, clean,
		       d.n > 1 ? _(" (and more; see tumorboard-keys(5))") : "");
		free(clean);
	}
	diag_done(&d);
	free(keys_path);
}

static void load_boards(struct ui *ui)
{
	struct diag d;
	diag_init(&d);
	char *bpath = NULL;
	if (app_load_boards(ui->app, &d, &bpath) != TB_OK && d.n) {
		diag_print(&d, stderr);
		if (!ui->msg[0]) {
			char *clean = util_sanitize(d.items[0].message, false);
			ui_say(ui, "%s:%ld: %s", bpath, d.items[0].line, clean);
			free(clean);
		}
	}
	free(bpath);
	diag_done(&d);
}

/* A key's cost to the database server, beside the program's own
 * (--timing). */
static double server_ms(void *db)
{
	return db_server_cpu_ms(db);
}

int ui_run(struct db *db, const struct ui_opts *opts)
{
	struct term_script ts = {0};
	if (opts && opts->script)
		ts = (struct term_script){.script = opts->script,
					  .dump = opts->dump,
					  .dump_attrs = opts->dump_attrs,
					  .cols = opts->cols,
					  .rows = opts->rows};
	if (!ts.script && !term_usable())
		return TERM_EXIT_NO_TERMINAL;
	int rc = term_script_load(&ts);
	if (rc)
		return rc;
	if (opts && opts->timing)
		term_timing_peer(server_ms, db);
	unsigned long long other, own;
	if (db_data_version(db, &other, &own) != TB_OK) {
		fprintf(stderr, _("tumorboard: %s\n"), db_errmsg(db));
		term_finish(NULL);
		return 6;
	}
	db_defer_checkpoints(db);
	struct app app;
	app_init(&app, db);
	bool follow = opts && opts->follow_meeting;
	struct ui ui = {.app = &app,
			.case_opener = view_case_push,
			.help_opener = view_help_push,
			.first_screen = follow ? forms_read : first_screen};
	load_keys(&ui);
	load_boards(&ui);
	term_setup();
	bool ok = follow ? view_follow_push(&ui, opts->follow_meeting)
			 : view_list_push(&ui);
	if (ok)
		view_run(&ui);
	term_restore();
	if (!ok)
		fprintf(stderr, _("tumorboard: %s\n"), db_errmsg(db));
	term_finish(opts ? opts->timing : NULL);
	keymap_done(&ui.keys);
	access_recent_done(&ui.recent);
	readiness_memo_done(&ui.meetings_ready);
	view_agenda_kept_done(&ui);
	view_followup_kept_done(&ui);
	view_meetings_kept_done(&ui);
	view_list_kept_done(&ui);
	app_done(&app);
	return ok ? term_exit_code() : 6;
}
