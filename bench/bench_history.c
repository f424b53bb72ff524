/*
 * bench_history DB DECISIONS: writes an archive's past into an imported
 * archive, through the program's own core paths, so that every check,
 * audit entry and index the program keeps is made: meetings held (about
 * one a week per board while there are cases for it), each with an agenda
 * of the cases decided at it, started, attended by the board's core roles,
 * stepped through case by case, each case's decision signed at the
 * meeting through the form path (bench_sign), and finished (the last 20
 * with their minutes, as the screen finishes a meeting, timed: see
 * finish); some decisions superseded a month later by a second version;
 * and, where the follow-up date has passed, what became of three
 * follow-ups in four recorded (done, or not done with a reason).
 *
 * The cases decided are about DECISIONS of those in the referral queue
 * whose id ends in 5 (bench_decide signs those ending in 1), spread
 * evenly over the years; each is decided at the first meeting of its
 * board two weeks or more after its referral, in the week before today
 * at the latest. The clock walks from the first meeting to today
 * (TUMORBOARD_NOW, required): a meeting is planned a week before its
 * day, and the follow-up dates are 2 weeks to 2 years from the meeting,
 * so that some lie in the past and some to come. The audit log never
 * goes backwards (clock_timestamp_after): its entries carry the time of
 * the archive's last entry before this ran.
 *
 * Prints one JSON line: what was written and how long it took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_sign.h"
#include "board.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_meeting.h"
#include "decision.h"
#include "followup.h"
#include "form_def.h"
#include "import.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_roles.h"
#include "perm.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"

#define DAY (24 * 3600L)
/* the last meetings are finished with their minutes */
#define MINUTES_LAST 20

/* One case decided in the history, and its decision's later events. */
struct hcase {
	long long id;
	const struct board *board;
	time_t meeting;	    /* the day of the meeting that decides it */
	long long decision; /* the latest version's id; 0: not signed */
	time_t amend_at;    /* 0: never superseded */
	time_t followup_at; /* 0: nothing recorded */
	int due_days;	    /* the follow-up date, from the meeting */
};

struct history {
	struct db *db;
	struct form_set forms;
	struct boards bs;
	struct roles roles;
	const char *signer;
	time_t today;
	struct hcase *c;
	size_t n, cap;
	long long meetings, signed_n, amended, done, not_done, failed;
	double minutes_ms[MINUTES_LAST]; /* CPU of each finish with minutes */
	int n_minutes;
};

static double now_ms(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static time_t day_of(const char *date)
{
	char buf[21];
	time_t t = 0;
	snprintf(buf, sizeof(buf), "%.10sT00:00:00Z", date);
	return clock_parse_utc(buf, &t) ? t : 0;
}

static void date_of(time_t t, char out[11])
{
	char buf[21];
	clock_format_utc(t, buf);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* The board's meeting day on or after t: board i meets on weekday i % 5
 * (Monday first). */
static time_t board_day(size_t board, time_t t)
{
	long days = (long)(t / DAY);
	/* 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on a Monday */
	long wd = (days + 3) % 7, want = (long)(board % 5);
	return (time_t)(days + (want - wd + 7) % 7) * DAY;
}

struct collect {
	struct history *h;
	time_t last; /* the last meeting day */
};

/* Every case in the referral queue whose id ends in 5, with a board meeting
 * between two weeks after its referral and the last meeting day. */
static bool collect_row(const struct db_case_row *r, void *arg)
{
	struct collect *cl = arg;
	struct history *h = cl->h;
	if (r->id % 10 != 5 || !r->referral_date)
		return true;
	const struct board *b = boards_for_icd10(&h->bs, r->icd10);
	time_t ref = day_of(r->referral_date);
	if (!b || !ref)
		return true;
	time_t day = board_day((size_t)(b - h->bs.b), ref + 14 * DAY);
	if (day > cl->last)
		return true;
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 1024;
		h->c = xrealloc(h->c, h->cap * sizeof(*h->c));
	}
	h->c[h->n++] = (struct hcase){.id = r->id, .board = b, .meeting = day};
	return true;
}

static int by_meeting(const void *a, const void *b)
{
	const struct hcase *x = a, *y = b;
	if (x->meeting != y->meeting)
		return (x->meeting > y->meeting) - (x->meeting < y->meeting);
	int c = strcmp(x->board->id, y->board->id);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static bool same_meeting(const struct hcase *a, const struct hcase *b)
{
	return a->meeting == b->meeting && a->board == b->board;
}

/* Keeps about want of the collected cases, evenly by id. */
static void thin(struct history *h, long long want)
{
	if (want <= 0) {
		h->n = 0;
		return;
	}
	if ((long long)h->n <= want)
		return;
	size_t kept = 0;
	for (size_t i = 0; i < h->n; i++)
		if (i * (size_t)want / h->n != (i + 1) * (size_t)want / h->n)
			h->c[kept++] = h->c[i];
	h->n = kept;
}

/* Signs case k's draft (open) with the follow-up date in_days from the
 * clock's today; at meeting mid (0: outside any meeting, with the chair
 * and an oncologist as those who took part). The decision's id, 0 when
 * it was refused (said on standard error, for the first few). */
static long long sign(struct history *h, struct hcase *k, long long mid)
{
	const struct form *f = decision_form_for(&h->forms, k->board->id);
	char *date = xasprintf("+%d", k->due_days);
	struct diag d;
	diag_init(&d);
	long long id = 0;
	if (bench_sign_fill(h->db, &h->forms, f, k->id, k->id, date, &d)) {
		/* the follow-up date as a new version gives it */
		const struct form_field *fd =
		    form_field_by_role(f, "follow-up-date");
		if (fd)
			decision_set(h->db, &h->forms, k->id, fd->id, date, &d);
		struct decision_sign_opts o = {.signed_by = h->signer,
					       .meeting_id = mid,
					       .board = mid ? k->board : NULL,
					       .boards = &h->bs};
		if (!mid)
			o.attendees = "Åsa Lindqvist\tonkolog\tcore";
		if (decision_sign(h->db, &h->forms, k->id, &o, &d, &id) !=
		    TB_OK)
			id = 0;
	}
	if (!id && h->failed++ < 3) {
		fprintf(stderr, "bench_history: case %lld not signed\n", k->id);
		diag_print(&d, stderr);
	}
	diag_done(&d);
	free(date);
	return id;
}

/* The board's core roles join the running meeting mid. */
static void attend(struct history *h, long long mid, const struct board *b)
{
	static const char *const names[] = {"Åsa Lindqvist", "Björn Håkansson",
					    "Märta Öberg",   "Göran Ek",
					    "Lena Sjöström", "Karin Ådahl",
					    "Per Nyström",   "Sofia Bäckström"};
	for (size_t i = 0; i < b->n_core_roles; i++) {
		char why[300];
		db_attendee_join_checked(
		    h->db, &h->bs, mid,
		    names[i % (sizeof(names) / sizeof(names[0]))],
		    b->core_roles[i], false, why, sizeof(why));
	}
}

/* Finishes the running meeting mid: the last meetings as the
 * screen finishes them (followup_finish_meeting_result: the minutes,
 * with the board's summary of the twelve months before, recorded in the
 * audit log), timed; the earlier ones with the same transaction without
 * the minutes (db_meeting_finish_all), because the summary reads every
 * case referred in those twelve months, meeting by meeting. */
static void finish(struct history *h, long long mid, bool minutes)
{
	struct db_finish res;
	enum tb_status st;
	if (minutes) {
		struct textdoc doc;
		textdoc_init(&doc, 72);
		double c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
		st = followup_finish_meeting_result(h->db, mid, &doc, &res,
						    NULL);
		if (h->n_minutes < MINUTES_LAST)
			h->minutes_ms[h->n_minutes++] =
			    now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
		textdoc_done(&doc);
	} else
		st = db_meeting_finish_all(h->db, mid, &res);
	if (st != TB_OK)
		h->failed++;
}

/* The cases from..to-1 (one board, one day): a meeting planned a week
 * before, their agenda, held, each case's decision signed, finished. */
static void hold(struct history *h, size_t from, size_t to, bool minutes)
{
	const struct board *b = h->c[from].board;
	time_t day = h->c[from].meeting;
	struct tb_meeting m = {0};
	date_of(day, m.date);
	snprintf(m.start_time, sizeof(m.start_time), "13:00");
	m.length_min = 120;
	snprintf(m.board, sizeof(m.board), "%s", b->id);
	snprintf(m.level, sizeof(m.level), "regional");
	snprintf(m.location, sizeof(m.location), "Konferensrum Linné");
	snprintf(m.chair, sizeof(m.chair), "%s", h->signer);
	clock_set_fixed(day - 7 * DAY + 9 * 3600);
	if (db_meeting_create(h->db, &m) != TB_OK) {
		h->failed++;
		return;
	}
	h->meetings++;
	for (size_t i = from; i < to; i++) {
		char why[300];
		clock_set_fixed(day - 7 * DAY + 10 * 3600 + (time_t)i % 600);
		if (db_agenda_add_checked(h->db, &h->bs, m.id, h->c[i].id, NULL,
					  0, NULL, why, sizeof(why),
					  NULL) != TB_OK)
			h->c[i].meeting = 0; /* not listed: not decided */
	}
	time_t t = day + 13 * 3600;
	clock_set_fixed(t);
	if (db_meeting_start(h->db, m.id) != TB_OK) {
		h->failed++;
		return;
	}
	attend(h, m.id, b);
	for (size_t i = from; i < to; i++) {
		struct hcase *k = &h->c[i];
		if (!k->meeting)
			continue;
		clock_set_fixed(t += 5 * 60);
		struct diag d;
		diag_init(&d);
		long long inst;
		const struct form *f =
		    decision_form_for(&h->forms, k->board->id);
		if (db_agenda_step(h->db, m.id, k->id, true, NULL) == TB_OK &&
		    decision_open(h->db, f, NULL, k->id, &d, &inst) == TB_OK) {
			static const int due[] = {14, 28, 90, 180, 365, 730};
			k->due_days = due[k->id / 10 % 6];
			clock_set_fixed(t += 5 * 60);
			k->decision = sign(h, k, m.id);
		}
		diag_done(&d);
		if (!k->decision)
			continue;
		h->signed_n++;
		/* one in eight superseded by a second version a month on;
		 * three follow-ups in four recorded a week after their date */
		if (k->id / 10 % 8 == 3)
			k->amend_at = day + 28 * DAY + 10 * 3600;
		if (k->id / 10 % 4 != 0)
			k->followup_at =
			    day + (k->due_days + 7) * DAY + 11 * 3600;
	}
	clock_set_fixed(t + 10 * 60);
	finish(h, m.id, minutes);
}

/* Decision k superseded by a second version (a later report changed the
 * plan): amended with its reason, the follow-up date set again, signed
 * outside any meeting. */
static void amend(struct history *h, struct hcase *k)
{
	struct diag d;
	diag_init(&d);
	long long inst;
	clock_set_fixed(k->amend_at);
	if (decision_amend(h->db, &h->forms, k->decision,
			   "Ny patologi efter konferensen", &d,
			   &inst) == TB_OK) {
		k->due_days = 90;
		long long id = sign(h, k, 0);
		if (id) {
			k->decision = id;
			h->amended++;
			/* the follow-up is the new version's */
			if (k->followup_at)
				k->followup_at =
				    k->amend_at + (k->due_days + 7) * DAY;
		}
	} else if (h->failed++ < 3)
		diag_print(&d, stderr);
	diag_done(&d);
}

/* What became of decision k's recommendation: done, or one in five not
 * done, for a reason. */
static void record(struct history *h, struct hcase *k)
{
	static const char *const reasons[] = {"medical", "patient-wish",
					      "other"};
	clock_set_fixed(k->followup_at);
	bool done = k->id / 10 % 5 != 2;
	struct followup_change ch = {
	    .status = done ? "done" : "not-done",
	    .reason = done ? NULL : reasons[k->id / 10 % 3],
	    .note = done ? NULL : "Patienten avstod efter samtal"};
	char *err = NULL;
	if (followup_record(h->db, k->decision, &ch, false, &err) != TB_OK) {
		if (h->failed++ < 3)
			fprintf(stderr,
				"bench_history: follow-up of %lld: %s\n",
				k->decision, err ? err : "refused");
	} else if (done)
		h->done++;
	else
		h->not_done++;
	free(err);
}

/* Every amendment and follow-up due before until, in time order. */
static void catch_up(struct history *h, time_t until)
{
	for (;;) {
		struct hcase *next = NULL;
		time_t at = until;
		bool is_amend = false;
		for (size_t i = 0; i < h->n; i++) {
			struct hcase *k = &h->c[i];
			if (k->amend_at && k->amend_at < at) {
				next = k, at = k->amend_at, is_amend = true;
			}
			if (k->followup_at && k->followup_at < at) {
				next = k, at = k->followup_at;
				is_amend = false;
			}
		}
		if (!next)
			return;
		if (is_amend) {
			amend(h, next);
			next->amend_at = 0;
		} else {
			record(h, next);
			next->followup_at = 0;
		}
	}
}

static bool setup(struct history *h, const char *path)
{
	struct diag d;
	char *err = NULL;
	diag_init(&d);
	/* the roles say what the signed-in user may do, as in the program */
	bool ok = import_roles_load_default(&h->roles, &d) == TB_OK;
	if (ok)
		perm_session_begin(&h->roles, NULL);
	ok = ok && db_open(path, false, &h->db, &err) == TB_OK &&
	     import_form_load_all(NULL, &h->forms, &d) == TB_OK &&
	     import_boards_load(NULL, &h->bs, &d) == TB_OK &&
	     user_sign_in(h->db, &err) == TB_OK && user_current();
	if (ok)
		h->signer = user_current()->name;
	else {
		fprintf(stderr, "bench_history: %s\n", err ? err : "set-up");
		diag_print(&d, stderr);
	}
	free(err);
	diag_done(&d);
	return ok;
}

int main(int argc, char **argv)
{
	struct history h = {0};
	if (argc < 3) {
		fputs("usage: bench_history DB DECISIONS\n", stderr);
		return 2;
	}
	const char *now = getenv("TUMORBOARD_NOW");
	if (!now || !*now || !clock_set_from_text(now)) {
		fputs("bench_history: TUMORBOARD_NOW=YYYY-MM-DDTHH:MM:SSZ is "
		      "required (today, where the history ends)\n",
		      stderr);
		return 2;
	}
	h.today = clock_now();
	double t0 = now_ms(CLOCK_MONOTONIC),
	       c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
	import_global_init();
	if (!setup(&h, argv[1]))
		return 1;
	/* the last meetings are in the week before today */
	struct collect cl = {&h, h.today - 2 * DAY};
	struct db_case_filter referred = {.queue = true};
	long long cases = 0;
	struct db_case_filter all = {0};
	db_case_count(h.db, &all, &cases);
	if (db_case_list(h.db, &referred, collect_row, &cl) != TB_OK) {
		fputs("bench_history: the cases could not be read\n", stderr);
		return 1;
	}
	qsort(h.c, h.n, sizeof(*h.c), by_meeting);
	thin(&h, atoll(argv[2]));
	/* one meeting for the cases of a board on one day */
	size_t groups = 0, g = 0;
	for (size_t i = 0; i < h.n; i++)
		groups += !i || !same_meeting(&h.c[i - 1], &h.c[i]);
	for (size_t i = 0; i < h.n; g++) {
		size_t j = i + 1;
		while (j < h.n && same_meeting(&h.c[i], &h.c[j]))
			j++;
		catch_up(&h, h.c[i].meeting - 7 * DAY);
		hold(&h, i, j, g + MINUTES_LAST >= groups);
		i = j;
	}
	catch_up(&h, h.today);
	clock_set_fixed(h.today);
	/* the finishes with minutes: median and the slowest */
	qsort(h.minutes_ms, (size_t)h.n_minutes, sizeof(double), cmp_double);
	double med = h.n_minutes ? h.minutes_ms[h.n_minutes / 2] : 0,
	       max = h.n_minutes ? h.minutes_ms[h.n_minutes - 1] : 0;
	printf("{\"op\":\"history\",\"cases\":%lld,\"meetings\":%lld,"
	       "\"decisions\":%lld,\"superseded\":%lld,\"followups_done\":"
	       "%lld,\"followups_not_done\":%lld,\"failed\":%lld,\"ms\":%.0f,"
	       "\"cpu_ms\":%.0f,\"finished_with_minutes\":%d,"
	       "\"minutes_cpu_median_ms\":%.1f,\"minutes_cpu_max_ms\":%.1f}\n",
	       cases, h.meetings, h.signed_n, h.amended, h.done, h.not_done,
	       h.failed, now_ms(CLOCK_MONOTONIC) - t0,
	       now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0, h.n_minutes, med, max);
	free(h.c);
	boards_done(&h.bs);
	form_set_done(&h.forms);
	db_close(&h.db);
	user_sign_out();
	perm_session_end();
	import_global_cleanup();
	return h.failed ? 1 : 0;
}
