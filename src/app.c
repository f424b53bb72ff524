/*
 * The app object: the resources both front ends load, with one lifetime.
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_meeting.h"
#include "diag.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "status.h"
#include "util.h"

void app_init(struct app *app, struct db *db)
{
	*app = (struct app){.db = db, .user = db_actor()};
}

void app_done(struct app *app)
{
	boards_done(&app->boards);
	form_set_done(&app->forms);
	form_phrases_done(&app->phrases);
	kb_done(&app->kb);
	trials_done(&app->trials);
	levels_done(&app->levels);
	app->forms_loaded = false;
}

enum tb_status app_load_boards(struct app *app, struct diag *d, char **path)
{
	*path = import_boards_default_path();
	return import_boards_load(*path, &app->boards, d);
}

void app_need_forms(struct app *app, char *msg, size_t n)
{
	if (app->forms_loaded)
		return;
	app->forms_loaded = true;
	struct diag d;
	diag_init(&d);
	char *fdir = import_form_default_dir();
	enum tb_status fst = import_form_load_all(fdir, &app->forms, &d);
	if (import_form_phrases(fdir, &app->phrases, &d) != TB_OK)
		fst = TB_INVALID;
	/* the first problem for the caller to show; tumorboard form list
	 * prints them all */
	if (fst != TB_OK && d.n && msg && !msg[0]) {
		char *clean = util_sanitize(d.items[0].message, false);
		snprintf(msg, n, "%s:%ld: %s",
			 d.items[0].file ? d.items[0].file : "",
			 d.items[0].line, clean);
		free(clean);
	}
	free(fdir);
	import_trials_load(&app->trials, &d);
	import_levels_load(&app->levels, &d);
	/* the knowledge base; a broken user file leaves the built-in one in
	 * use */
	if (import_kb_load(&app->kb, &d) != TB_OK && d.n && msg && !msg[0])
		snprintf(msg, n, "knowledge base: %s",
			 d.items[d.n - 1].message);
	diag_done(&d);
}

const struct kb *app_kb(const struct app *app)
{
	return app->kb.n ? &app->kb : NULL;
}

time_t app_meeting_started(const struct tb_meeting *m)
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

int app_meeting_minutes_left(const struct tb_meeting *m, time_t started,
			     time_t now)
{
	long long left =
	    (long long)started + (long long)m->length_min * 60 - (long long)now;
	return left > 0 ? (int)((left + 59) / 60) : 0;
}
