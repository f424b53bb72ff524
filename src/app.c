/*
 * The app object: the resources both front ends load, with one lifetime.
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_meeting.h"
#include "db_decision.h"
#include "db_form.h"
#include "db_referral.h"
#include "decision.h"
#include "form_type.h"
#include "diag.h"
#include "i18n.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "status.h"
#include "util.h"
#include "validate.h"

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
		/* (no file: the XML module could not be loaded) */
		if (d.items[0].file)
			snprintf(msg, n, "%s:%ld: %s", d.items[0].file,
				 d.items[0].line, clean);
		else
			snprintf(msg, n, "%s", clean);
		free(clean);
	}
	free(fdir);
	import_trials_load(&app->trials, &d);
	import_levels_load(&app->levels, &d);
	/* the knowledge base; a broken user file leaves the built-in one in
	 * use */
	if (import_kb_load(&app->kb, &d) != TB_OK && d.n && msg && !msg[0])
		snprintf(msg, n, _("knowledge base: %s"),
			 d.items[d.n - 1].message);
	diag_done(&d);
}

const struct kb *app_kb(const struct app *app)
{
	return app->kb.n ? &app->kb : NULL;
}

time_t app_now(const struct app *app)
{
	return app && app->now ? app->now : clock_now();
}

void app_today(const struct app *app, char buf[11])
{
	if (!app || !app->now) {
		clock_today(buf);
		return;
	}
	struct tm tm;
	gmtime_r(&app->now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
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

/* The label of an answer's option code in our form (the field with this
 * role), the code as received when the form has no such option; NULL for
 * NULL. Caller frees. */
static char *answer_label(const struct form *f, const char *role,
			  const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; f && i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (fd->role && strcmp(fd->role, role) == 0)
			return form_type_format(f, fd, code, i18n_language());
	}
	return xstrdup(code);
}

struct answers {
	const struct form *f;
	struct answer_brief *a;
	size_t n;
};

static bool add_answer(const struct db_answer *a, void *arg)
{
	struct answers *as = arg;
	as->a = xrealloc(as->a, (as->n + 1) * sizeof(*as->a));
	as->a[as->n++] = (struct answer_brief){
	    .board = xstrdup(a->board),
	    .decision = xstrdup(a->decision),
	    .signed_at = xstrdup(a->signed_at),
	    .recommendation =
		answer_label(as->f, "recommendation", a->recommendation),
	    .intent = answer_label(as->f, "intent", a->intent),
	    .received = xstrdup(a->received)};
	return true;
}

static void answers_free(struct answer_brief *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].board);
		free(a[i].decision);
		free(a[i].signed_at);
		free(a[i].recommendation);
		free(a[i].intent);
		free(a[i].received);
	}
	free(a);
}

enum tb_status app_case_page(struct app *app, long long case_id,
			     const char *as_of, struct app_case_page *p,
			     char *msg, size_t n)
{
	*p = (struct app_case_page){0};
	/* the answers and the origin read below come back with the case
	 * (one round trip on a server) */
	enum tb_status st = db_referral_send(app->db, case_id);
	if (st == TB_OK)
		st = db_decision_send(app->db, case_id);
	if (st == TB_OK)
		st = db_case_load(app->db, case_id, &p->c);
	if (st != TB_OK) {
		db_referral_unsend(app->db);
		db_decision_unsend(app->db);
		return st;
	}
	app_today(app, p->today);
	snprintf(p->as_of, sizeof(p->as_of), "%s", as_of ? as_of : p->today);
	p->ro.today = p->today;
	p->ro.mask_id = true;
	/* the patient's signed decisions, from every case of theirs (sent
	 * with the case) */
	app_need_forms(app, msg, n);
	if (decision_briefs_of_case(app->db, &app->forms, case_id,
				    i18n_language(), &p->briefs,
				    &p->n_briefs) != TB_OK &&
	    msg && !msg[0])
		snprintf(msg, n, "%s",
			 _("The patient's decisions could not be read"));
	p->ro.kb = app_kb(app);
	p->ro.decisions = p->briefs;
	p->ro.n_decisions = p->n_briefs;
	p->ro.with_decisions = true;
	/* the answers from the boards it was referred to, their codes in
	 * the words of the case's form */
	struct answers as = {.f = app_decision_form(app, p->c)};
	if (db_referral_answers(app->db, case_id, add_answer, &as) != TB_OK) {
		answers_free(as.a, as.n);
		as.a = NULL;
		as.n = 0;
		if (msg && !msg[0])
			snprintf(msg, n, "%s",
				 _("The answers to the referral could not be "
				   "read"));
	}
	p->answers = as.a;
	p->n_answers = as.n;
	p->ro.answers = p->answers;
	p->ro.n_answers = p->n_answers;
	/* received from another board: from where, and when */
	p->origin = xcalloc(1, sizeof(*p->origin));
	enum tb_status ost = db_referral_origin(app->db, case_id, p->origin);
	if (ost == TB_OK) {
		p->origin_brief =
		    (struct origin_brief){.board = p->origin->board,
					  .sent = p->origin->sent,
					  .received = p->origin->received};
		p->ro.origin = &p->origin_brief;
	} else if (ost != TB_NOT_FOUND && msg && !msg[0]) {
		snprintf(msg, n, "%s",
			 _("Where the case was received from could not be "
			   "read"));
	}
	const struct board *b = boards_for_icd10(&app->boards, p->c->icd10);
	if (b) {
		readiness_check(p->c, b, p->as_of, &p->rd);
		p->ro.readiness = &p->rd;
	}
	return TB_OK;
}

void app_case_page_done(struct app_case_page *p)
{
	model_case_free(&p->c);
	decision_briefs_free(p->briefs, p->n_briefs);
	p->briefs = NULL;
	p->n_briefs = 0;
	answers_free(p->answers, p->n_answers);
	p->answers = NULL;
	p->n_answers = 0;
	free(p->origin);
	p->origin = NULL;
}

static bool note_latest(const struct tb_decision *d, void *arg)
{
	*(long long *)arg = d->id;
	return true;
}

enum app_decision_start app_decision_start(struct app *app, long long case_id,
					   long long *latest)
{
	*latest = 0;
	struct db_form_instance fi;
	struct form_values v;
	form_values_init(&v);
	bool draft = db_form_draft(app->db, case_id, &fi, &v) == TB_OK;
	if (draft)
		db_form_instance_done(&fi);
	form_values_done(&v);
	if (draft)
		return APP_DECISION_RESUME;
	db_decision_each(app->db, case_id, note_latest, latest);
	return *latest ? APP_DECISION_AMEND : APP_DECISION_NEW;
}

const struct form *app_decision_form(struct app *app, const struct tb_case *c)
{
	app_need_forms(app, NULL, 0);
	const struct board *b = boards_for_icd10(&app->boards, c->icd10);
	return decision_form_for(&app->forms, b ? b->id : NULL);
}

const struct form *app_decision_form_mtb(struct app *app,
					 const struct tb_case *c)
{
	/* the general board is the molecular tumour board too: a board
	 * of its own decides with its own form */
	const struct form *board = app_decision_form(app, c);
	const struct form *mtb = form_set_get(&app->forms, "mtb");
	if (!mtb || !board || strcmp(board->id, "general") != 0)
		return NULL;
	for (size_t i = 0; i < c->n_findings; i++)
		if (!c->findings[i].absent)
			return mtb;
	return NULL;
}

enum tb_status app_decision_open(struct app *app, long long case_id,
				 const char *reason, struct diag *d,
				 long long *instance)
{
	return app_decision_open_form(app, case_id, reason, NULL, d, instance);
}

enum tb_status app_decision_open_form(struct app *app, long long case_id,
				      const char *reason, const char *form_id,
				      struct diag *d, long long *instance)
{
	long long latest;
	*instance = 0;
	app_need_forms(app, NULL, 0);
	switch (app_decision_start(app, case_id, &latest)) {
	case APP_DECISION_RESUME:
		return TB_OK;
	case APP_DECISION_AMEND:
		/* a signed decision changes only by an amendment with a
		 * reason */
		if (!reason || util_blank(reason)) {
			diag_add(d, NULL, 0, "reason",
				 _("an amendment needs a reason"));
			return TB_INVALID;
		}
		return decision_amend(app->db, &app->forms, latest, reason, d,
				      instance);
	case APP_DECISION_NEW:
		break;
	}
	struct tb_case *c = NULL;
	enum tb_status st = db_case_load(app->db, case_id, &c);
	if (st != TB_OK)
		return st;
	const struct form *f = form_id ? form_set_get(&app->forms, form_id)
				       : app_decision_form(app, c);
	model_case_free(&c);
	if (!f)
		return TB_NOT_FOUND;
	return decision_open(app->db, f, app_kb(app), case_id, d, instance);
}

enum tb_status app_agenda_defer(struct app *app, long long meeting_id,
				long long case_id, const char *reason,
				long long *to)
{
	if (!reason || util_blank(reason))
		return TB_INVALID;
	if (!*to && (db_meeting_next(app->db, meeting_id, to) != TB_OK || !*to))
		return TB_NOT_FOUND;
	return db_agenda_transfer(app->db, meeting_id, case_id, *to, reason,
				  true, NULL, NULL, 0, NULL);
}

/* Noon UTC of date (YYYY-MM-DD): no daylight-saving edge moves the day;
 * (time_t)-1 when it is not a date. */
static time_t noon_of(const char *date)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return (time_t)-1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_hour = 12;
	return timegm(&tm);
}

void app_meeting_week_after(const struct app *app, const struct tb_meeting *m,
			    char buf[11])
{
	char today[11];
	const time_t week = 7 * 86400;
	time_t t = noon_of(m->date), now;
	buf[0] = '\0';
	app_today(app, today);
	if (t == (time_t)-1 || (now = noon_of(today)) == (time_t)-1)
		return;
	t += week;
	/* a meeting whose next week has passed: its weekday after today */
	if (t <= now)
		t += ((now - t) / week + 1) * week;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

enum tb_status app_meeting_next_check(struct app *app,
				      const struct tb_meeting *m,
				      const char *date, struct tb_meeting *next,
				      char *why, size_t why_len)
{
	char err[VALIDATE_ERR_MAX], today[11];
	why[0] = '\0';
	*next = *m;
	next->id = 0;
	if (date && *date)
		snprintf(next->date, sizeof(next->date), "%s", date);
	else
		app_meeting_week_after(app, m, next->date);
	snprintf(next->status, sizeof(next->status), "planned");
	app_today(app, today);
	if (!validate_date(next->date, NULL, err)) {
		snprintf(why, why_len, "%s", err);
		return TB_INVALID;
	}
	if (strcmp(next->date, m->date) <= 0) {
		snprintf(why, why_len, _("the next meeting must be after %s"),
			 m->date);
		return TB_INVALID;
	}
	/* a case sent there would wait on a meeting that never comes */
	if (model_meeting_past(next, app_now(app))) {
		snprintf(why, why_len,
			 _("the next meeting must be after now: %s %s has "
			   "passed"),
			 next->date, next->start_time);
		return TB_INVALID;
	}
	if (!db_meeting_date_ok(next->date, today, why, why_len))
		return TB_INVALID;
	long long clash = db_meeting_clash(app->db, next);
	if (clash < 0)
		return TB_DB;
	if (clash) {
		snprintf(why, why_len,
			 _("the board meets at that time already (meeting "
			   "%lld)"),
			 clash);
		return TB_INVALID;
	}
	return TB_OK;
}

enum tb_status app_agenda_defer_new(struct app *app, long long meeting_id,
				    long long case_id, const char *date,
				    const char *reason, long long *to,
				    char *why, size_t why_len)
{
	struct tb_meeting m, next;
	*to = 0;
	why[0] = '\0';
	if (!reason || util_blank(reason))
		return TB_INVALID;
	enum tb_status st = db_meeting_get(app->db, meeting_id, &m);
	if (st == TB_OK)
		st = app_meeting_next_check(app, &m, date, &next, why, why_len);
	if (st != TB_OK)
		return st;
	st = db_agenda_defer_new(app->db, meeting_id, case_id, &next, reason);
	if (st == TB_OK)
		*to = next.id;
	return st;
}
