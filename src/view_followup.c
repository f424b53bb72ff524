/*
 * The follow-up list: every latest decision by due date, overdue marked;
 * c, x and i record the outcome and when the patient was told; Enter
 * opens the case.
 */
#include "view_followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db_case.h"
#include "db_decision.h"
#include "followup.h"
#include "i18n.h"
#include "status.h"
#include "user.h"
#include "util.h"
#include "view.h"
#include "view_rows.h"

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
	long long case_id = r->case_row;
	fv->decisions =
	    xrealloc(fv->decisions, (size_t)(fv->n + 1) * sizeof(long long));
	fv->cases =
	    xrealloc(fv->cases, (size_t)(fv->n + 1) * sizeof(long long));
	fv->detail = xrealloc(fv->detail, (size_t)(fv->n + 1) * sizeof(char *));
	fv->decisions[fv->n] = r->decision_id;
	fv->cases[fv->n] = case_id;
	fv->detail[fv->n] = xasprintf(
	    "%s%s%s", r->recommendation,
	    *r->informed_on ? _(" · patient told ") : "", r->informed_on);
	fv->n++;
	/* columns by display width: "öppen" is 5 cells, 6 bytes; the number
	 * ends under the heading's "Decision" (9 cells), as the dates start
	 * under its "Due" */
	struct strbuf row;
	strbuf_init(&row);
	strbuf_printf(&row, "%9lld  ", r->decision_id);
	util_pad_cells(&row, *r->due ? r->due : _("no date"), 12);
	util_pad_cells(
	    &row, r->overdue ? _("OVERDUE") : followup_status_label(r->status),
	    14);
	util_pad_cells(&row, r->case_id, 23);
	strbuf_puts(&row, r->owner);
	row_list_add(&fv->rl, strbuf_detach(&row));
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

static void followup_load(struct ui *ui, void *arg)
{
	struct followup_view *fv = arg;
	char today[11];
	clock_today(today);
	followup_free(fv);
	app_need_forms(ui->app, ui->msg, sizeof(ui->msg));
	followup_list(fv->db, &ui->app->forms, today, followup_collect, fv);
}

static const char *followup_detail(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct followup_view *fv = arg;
	return index < fv->n ? fv->detail[index] : "";
}

static int followup_open(struct ui *ui, void *arg, int *index)
{
	struct followup_view *fv = arg;
	struct view_case_args a = {.case_id = fv->cases[*index]};
	view_open_case(ui, &a);
	return 0;
}

static long long followup_subject(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct followup_view *fv = arg;
	return index < fv->n ? fv->cases[index] : 0;
}

/* The reason a recommendation was not carried out: 1, 2 or 3. */
static const char *check_reason_digit(const char *value, const void *arg)
{
	(void)arg;
	return value[0] >= '1' && value[0] <= '3' && !value[1]
		   ? NULL
		   : _("Answer 1, 2 or 3");
}

/* Whether the follow-up of decision id may be changed now: its case is
 * in the user's care (or under an emergency access still running), the
 * change logged in the access log first (followup_open_change); says why
 * not. */
static bool may_change(struct ui *ui, struct followup_view *fv, long long id)
{
	char *err = NULL;
	enum tb_status st = followup_open_change(fv->db, id, &err);
	if (st != TB_OK)
		ui_say(ui, _("Not recorded: %s"),
		       st == TB_DB ? _("the change could not be written to "
				       "the access log")
		       : err	   ? err
				   : status_message(st));
	free(err);
	return st == TB_OK;
}

static int followup_act(struct ui *ui, void *arg, enum action a, int index)
{
	struct followup_view *fv = arg;
	long long id = fv->decisions[index];
	enum tb_status st = TB_OK;
	if (a == ACTION_CARRIED_OUT) {
		if (!may_change(ui, fv, id))
			return index;
		st = db_followup_set(fv->db, id, "done", NULL, NULL);
	} else if (a == ACTION_NOT_CARRIED_OUT) {
		char *why =
		    ui_prompt_checked(ui,
				      _("Not carried out — 1 medical, 2 "
					"the patient's wish, 3 other: "),
				      "", check_reason_digit, NULL);
		if (!why)
			return index;
		const char *reason = why[0] == '1'   ? "medical"
				     : why[0] == '2' ? "patient-wish"
						     : "other";
		char *note = ui_prompt_line(ui, _("Note (optional): "), "");
		if (!may_change(ui, fv, id)) {
			free(note);
			free(why);
			return index;
		}
		st = db_followup_set(fv->db, id, "not-done", reason, note);
		free(note);
		free(why);
	} else if (a == ACTION_INFORMED) {
		/* a user, by account: the signed-in one unless changed */
		char *by = ui_prompt_checked(
		    ui, _("The patient was told today by (account): "),
		    user_actor(), ui_require_text,
		    _("Give the account of who told them"));
		if (!by)
			return index;
		struct user *teller = NULL;
		char why[300];
		if (user_lookup_active(fv->db, by, &teller, why, sizeof(why)) !=
		    TB_OK) {
			free(by);
			ui_say(ui, "%s", why);
			return index;
		}
		char today[11];
		clock_today(today);
		if (!may_change(ui, fv, id)) {
			user_free(&teller);
			free(by);
			return index;
		}
		st = db_followup_informed(fv->db, id, today, teller->account,
					  NULL);
		user_free(&teller);
		free(by);
	} else
		return -1;
	ui_say(ui, "%s", st == TB_OK ? _("Recorded") : _("Not recorded"));
	followup_load(ui, fv);
	return index;
}

static const enum action *followup_hints(struct ui *ui, void *arg, size_t *n)
{
	(void)ui;
	static const enum action acts[] = {
	    ACTION_OPEN,     ACTION_CARRIED_OUT, ACTION_NOT_CARRIED_OUT,
	    ACTION_INFORMED, ACTION_BACK,	 ACTION_HELP};
	(void)arg;
	*n = UTIL_ARRAY_LEN(acts);
	return acts;
}

static void followup_done(struct ui *ui, void *arg)
{
	(void)ui;
	followup_free(arg);
	free(arg);
}

void view_followup_push(struct ui *ui)
{
	struct followup_view *fv = xcalloc(1, sizeof(*fv));
	fv->db = ui->app->db;
	followup_load(ui, fv);
	struct row_spec s = {
	    .name = "followup",
	    .title =
		_("tumorboard — follow-up (c carried out, x not, i informed)"),
	    .heading =
		_(" Decision  Due         Status        Case              "
		  "     Owner"),
	    .keymap = KEYMAP_VIEW_FOLLOWUP,
	    .rl = &fv->rl,
	    .empty = _("No signed decisions to follow up."),
	    .open = followup_open,
	    .act = followup_act,
	    .detail = followup_detail,
	    .hints = followup_hints,
	    .reload = followup_load,
	    .subject = followup_subject,
	    .free_arg = followup_done,
	    .arg = fv};
	view_rows_push(ui, &s);
}
