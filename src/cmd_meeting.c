/*
 * The meeting commands: meetings, meeting add/edit/cancel/start/finish,
 * attendance and minutes (the agenda command is in cmd_agenda.c).
 * Readiness is checked as of the meeting date against the rules of the
 * board that takes each diagnosis.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "followup.h"
#include "db_meeting.h"
#include "diag.h"
#include "form_def.h"
#include "i18n.h"
#include "import_boards.h"
#include "agenda_doc.h"
#include "minutes.h"
#include "model.h"
#include "pdf.h"
#include "perm.h"
#include "report.h"
#include "quorum.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"
#include "validate.h"

struct meetings_print {
	struct tb_meeting *m;
	size_t n;
};

static bool meeting_collect(const struct tb_meeting *m, void *arg)
{
	struct meetings_print *mp = arg;
	mp->m = xrealloc(mp->m, (mp->n + 1) * sizeof(*mp->m));
	mp->m[mp->n++] = *m;
	return true;
}

int cmd_meetings(struct db *db, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fputs(_("usage: tumorboard meetings\n"), stderr);
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	if (cmd_load_boards(&bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	/* the meetings, then every agenda's readiness at once (as the
	 * meetings screen reads them), then the rows */
	struct meetings_print mp = {0};
	enum tb_status st = db_meeting_list(db, meeting_collect, &mp);
	int *ready = xcalloc(mp.n + 1, sizeof(int));
	int *n = xcalloc(mp.n + 1, sizeof(int));
	if (st == TB_OK && mp.n &&
	    readiness_meetings(db, &bs, mp.m, mp.n, ready, n) != TB_OK)
		for (size_t i = 0; i < mp.n; i++)
			ready[i] = -1;
	for (size_t i = 0; st == TB_OK && i < mp.n; i++) {
		struct textdoc doc;
		textdoc_init(&doc, 200);
		render_meeting_row(&mp.m[i], ready[i], true, &doc);
		textdoc_write(&doc, stdout);
		textdoc_done(&doc);
	}
	free(ready);
	free(n);
	free(mp.m);
	boards_done(&bs);
	if (st != TB_OK)
		fprintf(stderr, _("tumorboard meetings: %s\n"), db_errmsg(db));
	return status_exit_code(st);
}

static bool valid_time(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' &&
	       s[1] >= '0' && s[1] <= '9' && s[3] >= '0' && s[3] <= '5' &&
	       s[4] >= '0' && s[4] <= '9' &&
	       (s[0] - '0') * 10 + (s[1] - '0') < 24;
}

/* s and spaces to width columns of the terminal (printf's %-28s counts
 * bytes, and å takes two), then one space. */
static void put_column(const char *s, int width)
{
	fputs(s, stdout);
	for (int w = util_display_width(s); w < width; w++)
		putchar(' ');
	putchar(' ');
}

struct attendance_print {
	struct strbuf present;
	const struct board *b; /* the meeting's board; may be NULL */
	int name_width;	       /* at least 28: the widest name (a guest's) */
	int kind_width;	       /* the widest kind's label ("ersättare") */
};

/* The first of the two passes: the widest name. */
static bool measure_attendee(const struct db_attendee *a, void *arg)
{
	struct attendance_print *ap = arg;
	char *name = util_sanitize(a->name, false);
	int w = util_display_width(name);
	if (w > ap->name_width)
		ap->name_width = w;
	free(name);
	return true;
}

static bool print_attendee(const struct db_attendee *a, void *arg)
{
	struct attendance_print *ap = arg;
	struct strbuf *present = &ap->present;
	char *name = util_sanitize(a->name, false);
	/* the role as the interface names it (boards.xml's code is what
	 * the archive holds; a region's own role as it is named) */
	char *role = util_sanitize(model_role_label(a->role), false);
	put_column(name, ap->name_width);
	put_column(role, 26);
	put_column(
	    minutes_kind_label(board_attendee_kind(ap->b, a->role, a->core)),
	    ap->kind_width);
	printf("%s%s%s\n", a->joined, a->left_at ? " – " : "",
	       a->left_at ? a->left_at : "");
	if (!a->left_at)
		strbuf_printf(present, "%s%s\t%s\t%s", present->len ? "\n" : "",
			      a->name, a->role, a->core ? "core" : "cover");
	free(name);
	free(role);
	return true;
}

/* "meeting attend M WHO ROLE [--cover]" or with --guest: who attends is
 * a user (by account or name) or a guest, never free text. */
static int attend_join(struct db *db, long long mid, const char *who,
		       bool guest, const char *role_arg, bool cover)
{
	enum tb_status st;
	char why[600] = "";
	char *name = NULL;
	char *role = util_trim(util_sanitize(role_arg, false));
	struct boards bs = {0};
	/* a user (by account or name) or a guest, never free text */
	st = util_blank(who) || !*role
		 ? TB_OK
		 : user_attendee_name_as(db, who, guest, role, false, &name,
					 why, sizeof(why));
	if (!name) /* blank: said below */
		name = xstrdup(util_blank(who) ? "" : who);
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard meeting attend: %s\n"), why);
		free(name);
		free(role);
		return status_exit_code(st);
	}
	if (!*name || !*role) {
		fprintf(stderr,
			_("tumorboard meeting attend: %s is empty; say "
			  "who attends and in which role\n"),
			!*name ? _("NAME") : _("ROLE"));
		st = TB_USAGE;
	} else if ((st = cmd_load_boards(&bs)) == TB_OK)
		/* the role is one of the board's, not free text */
		st = db_attendee_join_checked(db, &bs, mid, name, role, cover,
					      why, sizeof(why));
	boards_done(&bs);
	if (st == TB_OK)
		printf(cover ? _("%s is present at meeting %lld as %s "
				 "(cover)\n")
			     : _("%s is present at meeting %lld as "
				 "%s\n"),
		       name, mid,
		       /* the role as the interface names it, by any name */
		       model_role_code(role)
			   ? model_role_label(model_role_code(role))
			   : role);
	if (st == TB_INVALID && strcmp(why, _("is present already")) == 0)
		fprintf(stderr, _("tumorboard meeting: %s %s\n"), name, why);
	else if (st == TB_INVALID && why[0])
		fprintf(stderr, _("tumorboard meeting attend: %s\n"), why);
	else if (st == TB_CLOSED)
		fprintf(stderr,
			_("tumorboard meeting attend: meeting "
			  "%lld: %s\n"),
			mid, status_message(st));
	free(name);
	free(role);
	if (st != TB_OK && st != TB_INVALID && st != TB_USAGE &&
	    st != TB_CLOSED)
		fprintf(stderr, "tumorboard meeting: %s\n", db_errmsg(db));
	return status_exit_code(st);
}

/* "meeting leave M NAME" or with --guest: the name as recorded (a guest,
 * an attendee recorded before users), else a user's. */
static int attend_leave(struct db *db, long long mid, const char *who,
			bool guest)
{
	enum tb_status st;
	/* the name as recorded: present already (a guest, an
	 * attendee recorded before users), else a user's */
	char why[600];
	char *name = NULL;
	st = guest ? TB_NOT_FOUND : db_attendee_leave(db, mid, who);
	if (st == TB_NOT_FOUND && user_attendee_name(db, who, guest, &name, why,
						     sizeof(why)) == TB_OK)
		st = db_attendee_leave(db, mid, name);
	if (st == TB_OK) {
		char *clean = util_sanitize(name ? name : who, false);
		printf(_("%s has left meeting %lld\n"), util_trim(clean), mid);
		free(clean);
	} else if (st == TB_NOT_FOUND)
		fputs(_("tumorboard meeting: nobody of that name is "
			"present\n"),
		      stderr);
	else if (st == TB_CLOSED)
		fprintf(stderr,
			_("tumorboard meeting leave: meeting "
			  "%lld: %s\n"),
			mid, status_message(st));
	else if (st != TB_OK)
		fprintf(stderr, "tumorboard meeting: %s\n", db_errmsg(db));
	free(name);
	return status_exit_code(st);
}

/* "meeting attend M NAME ROLE [--cover]", "meeting leave M NAME",
 * "meeting attendance M": who is present, and whether the board is
 * quorate by its core roles. */
static int meeting_attendance(struct db *db, int argc, char **argv)
{
	const char *sub = argv[1];
	bool cover = false;
	const char *guest = NULL;
	int n = 0;
	char *args[4] = {0};
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--cover") == 0)
			cover = true;
		else if (strcmp(argv[i], "--guest") == 0 && i + 1 < argc &&
			 !guest)
			guest = argv[++i];
		else if (n < 4)
			args[n++] = argv[i];
		else
			n++;
	}
	int want = strcmp(sub, "attend") == 0  ? 3
		   : strcmp(sub, "leave") == 0 ? 2
					       : 1;
	long long mid = n ? util_parse_id(args[0]) : 0;
	/* a guest is named by --guest instead of NAME */
	if (guest && want > 1 && n == want - 1) {
		for (int k = n; k > 1; k--)
			args[k] = args[k - 1];
		args[1] = (char *)guest;
		n++;
	} else if (guest)
		n = -1;
	if (n != want || !mid || (cover && want != 3)) {
		fputs(_("usage: tumorboard meeting attend MEETING NAME ROLE "
			"[--cover]\n"
			"       tumorboard meeting attend MEETING --guest "
			"\"NAME, PROFESSION, UNIT\" ROLE [--cover]\n"
			"       tumorboard meeting leave MEETING NAME\n"
			"       tumorboard meeting leave MEETING --guest "
			"\"NAME, PROFESSION, UNIT\"\n"
			"       tumorboard meeting attendance MEETING\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	struct tb_meeting m;
	enum tb_status st = db_meeting_get(db, mid, &m);
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard meeting: no meeting %lld\n"),
			mid);
		return status_exit_code(st);
	}
	if (want == 3)
		return attend_join(db, mid, args[1], guest != NULL, args[2],
				   cover);
	if (want == 2)
		return attend_leave(db, mid, args[1], guest != NULL);
	struct attendance_print ap = {0};
	strbuf_init(&ap.present);
	struct boards bs = {0};
	bool loaded = cmd_load_boards(&bs) == TB_OK;
	ap.b = loaded ? boards_by_id(&bs, m.board) : NULL;
	ap.name_width = 28;
	ap.kind_width = minutes_kind_width() > 6 ? minutes_kind_width() : 6;
	st = db_attendee_list(db, mid, false, measure_attendee, &ap);
	if (st == TB_OK)
		st = db_attendee_list(db, mid, false, print_attendee, &ap);
	if (st == TB_OK && ap.b) {
		struct strbuf missing;
		strbuf_init(&missing);
		if (quorum_missing_said(ap.b, ap.present.buf, &missing))
			printf(_("NOT QUORATE for %s: nobody present as %s\n"),
			       board_name(ap.b), missing.buf);
		else
			printf(
			    _("Quorate for %s: every core role is present\n"),
			    board_name(ap.b));
		strbuf_done(&missing);
	}
	boards_done(&bs);
	strbuf_done(&ap.present);
	return status_exit_code(st);
}

/* A meeting that cannot be started, finished or cancelled in the state it
 * is in: which state that is (a second `finish` says when the first was
 * done, not merely that the meeting is not running). */
static void not_in_status(struct db *db, long long id, const char *verb)
{
	const char *want = model_meeting_status_label(
	    strcmp(verb, "finish") == 0 ? "running" : "planned");
	struct tb_meeting m;
	if (db_meeting_get(db, id, &m) != TB_OK)
		fprintf(stderr,
			_("tumorboard meeting %s: the meeting is not %s\n"),
			verb, want);
	else if (strcmp(m.status, "finished") == 0 && m.finished[0])
		fprintf(stderr,
			_("tumorboard meeting %s: the meeting is not %s: it "
			  "finished %.10s %.5s UTC\n"),
			verb, want, m.finished, m.finished + 11);
	else if (strcmp(m.status, "running") == 0 && m.started[0])
		fprintf(stderr,
			_("tumorboard meeting %s: the meeting is not %s: it "
			  "has been running since %.10s %.5s UTC\n"),
			verb, want, m.started, m.started + 11);
	else
		fprintf(stderr,
			_("tumorboard meeting %s: the meeting is not %s: it "
			  "is %s\n"),
			verb, want, model_meeting_status_label(m.status));
}

/* "meeting cancel M --reason R", "meeting start M", "meeting finish M" */
static int meeting_state(struct db *db, int argc, char **argv)
{
	const char *verb = argv[1];
	const char *reason = NULL;
	long long id = 0;
	int n = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--reason") == 0 && i + 1 < argc)
			reason = argv[++i];
		else if (!n++)
			id = util_parse_id(argv[i]);
		else
			n++;
	}
	if (n != 1 || !id ||
	    (strcmp(verb, "cancel") == 0) != (reason != NULL)) {
		fputs(
		    _("usage: tumorboard meeting cancel MEETING --reason TEXT\n"
		      "       tumorboard meeting start|finish MEETING\n"),
		    stderr);
		return status_exit_code(TB_USAGE);
	}
	if (reason && util_blank(reason)) {
		fputs(_("tumorboard meeting cancel: say why with --reason\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	enum tb_status st;
	struct tb_meeting cm;
	int rc;
	if (strcmp(verb, "cancel") == 0 &&
	    db_meeting_get(db, id, &cm) == TB_OK &&
	    (rc = cmd_plan_check(
		 db, cm.board,
		 /* untranslated: a command's name */ "meeting cancel")) != 0)
		return rc;
	if (strcmp(verb, "cancel") == 0) {
		st = db_meeting_cancel(db, id, reason);
		if (st == TB_OK)
			printf(
			    _("meeting %lld cancelled; its cases are back in "
			      "the referral queue\n"),
			    id);
	} else if (strcmp(verb, "start") == 0) {
		st = db_meeting_start(db, id);
		struct tb_meeting m;
		if (st == TB_OK && db_meeting_get(db, id, &m) == TB_OK) {
			printf(_("meeting %lld started %.10s %.5s UTC\n"), id,
			       m.started, m.started + 11);
			/* held on another day than planned: the real start
			 * is what counts, and the chair should know */
			if (strncmp(m.started, m.date, 10) != 0)
				fprintf(stderr,
					_("tumorboard meeting start: note: "
					  "meeting %lld was planned for %s %s; "
					  "its real start is recorded\n"),
					id, m.date, m.start_time);
		}
	} else {
		struct textdoc doc;
		struct db_finish res;
		textdoc_init(&doc, 100);
		st = followup_finish_meeting_result(db, id, &doc, &res, NULL);
		if (st == TB_OK)
			textdoc_write(&doc, stdout);
		textdoc_done(&doc);
		if (st == TB_OK && res.minutes)
			printf(
			    _("Minutes recorded in the audit log (tumorboard "
			      "meeting minutes %lld)\n"),
			    id);
		else if (st == TB_OK)
			fprintf(
			    stderr,
			    _("tumorboard meeting finish: the minutes could "
			      "not be recorded in the audit log: %s\n"),
			    db_errmsg(db));
		if (st == TB_DB) {
			/* one transaction: a failure anywhere changed nothing
			 */
			fprintf(
			    stderr,
			    _("tumorboard meeting finish: meeting %lld could "
			      "not be finished and nothing was changed: %s\n"),
			    id, res.error[0] ? res.error : db_errmsg(db));
			return status_exit_code(st);
		}
	}
	if (st == TB_NOT_FOUND)
		fputs(_("tumorboard meeting: no such meeting\n"), stderr);
	else if (st == TB_INVALID)
		not_in_status(db, id, verb);
	else if (st != TB_OK)
		fprintf(stderr, "tumorboard meeting: %s\n", db_errmsg(db));
	return status_exit_code(st);
}

/* "meeting minutes MEETING --verify": whether the minutes are what was
 * recorded at the finish, in whatever language they are read. */
static enum tb_status minutes_check(struct db *db, const struct boards *bs,
				    const struct form_set *fs, long long id)
{
	char hex[HASH_HEX_LEN + 1];
	enum tb_status st = minutes_verify(db, bs, fs, id, hex);
	if (st == TB_OK)
		printf(_("the minutes of meeting %lld are as recorded at its "
			 "finish (sha256 %.16s)\n"),
		       id, hex);
	else if (st == TB_INTEGRITY)
		fprintf(stderr,
			_("tumorboard meeting minutes: the minutes of meeting "
			  "%lld differ from what was recorded at its finish\n"),
			id);
	else if (st == TB_NOT_FOUND)
		fprintf(stderr,
			_("tumorboard meeting minutes: no minutes were "
			  "recorded for meeting %lld (it is not finished)\n"),
			id);
	else
		fprintf(stderr, _("tumorboard meeting minutes: %s\n"),
			db_errmsg(db));
	return st;
}

/* "meeting minutes MEETING [--pdf FILE | --verify]": the minutes as text,
 * or as an A4 PDF (recorded as an export), or checked against the audit
 * log. */
static int meeting_minutes(struct db *db, int argc, char **argv)
{
	const char *pdf = NULL;
	bool verify = false;
	long long id = 0;
	int n = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--pdf") == 0 && i + 1 < argc)
			pdf = argv[++i];
		else if (strcmp(argv[i], "--verify") == 0)
			verify = true;
		else if (!n++)
			id = util_parse_id(argv[i]);
	}
	if (n != 1 || !id || (pdf && !*pdf) || (pdf && verify)) {
		fputs(_("usage: tumorboard meeting minutes MEETING [--pdf "
			"FILE | --verify]\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	struct form_set fs = {0};
	if (cmd_load_boards(&bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	if (!cmd_load_forms(&fs)) {
		boards_done(&bs);
		return status_exit_code(TB_INVALID);
	}
	if (verify) {
		enum tb_status vst = minutes_check(db, &bs, &fs, id);
		form_set_done(&fs);
		boards_done(&bs);
		return status_exit_code(vst);
	}
	struct textdoc doc;
	textdoc_init(&doc, pdf ? PDF_TEXTDOC_WIDTH : 100);
	enum tb_status st = minutes_build(db, &bs, &fs, id, &doc);
	char err[256] = "";
	if (st == TB_OK && pdf) {
		st = minutes_pdf(db, id, &doc, pdf, err, sizeof(err));
		if (st == TB_OK)
			printf(_("minutes of meeting %lld written to %s\n"), id,
			       pdf);
	} else if (st == TB_OK)
		textdoc_write(&doc, stdout);
	textdoc_done(&doc);
	form_set_done(&fs);
	boards_done(&bs);
	if (st == TB_NOT_FOUND)
		fprintf(stderr,
			_("tumorboard meeting minutes: no meeting %lld\n"), id);
	else if (st == TB_IO)
		fprintf(stderr, _("tumorboard meeting minutes: %s\n"), err);
	else if (st != TB_OK)
		fprintf(stderr, _("tumorboard meeting minutes: %s\n"),
			db_errmsg(db));
	return status_exit_code(st);
}

static int meeting_usage(void)
{
	fputs(_("usage: tumorboard meeting add --date YYYY-MM-DD --start "
		"HH:MM --length MINUTES --board ID --level LEVEL "
		"[--location TEXT] [--chair NAME]\n"
		"       tumorboard meeting edit MEETING [the same "
		"options]\n"
		"       tumorboard meeting cancel MEETING --reason TEXT\n"
		"       tumorboard meeting start|finish MEETING\n"
		"       tumorboard meeting attend MEETING NAME ROLE "
		"[--cover]\n"
		"       tumorboard meeting leave MEETING NAME\n"
		"       tumorboard meeting attendance MEETING\n"
		"       tumorboard meeting minutes MEETING [--pdf "
		"FILE | --verify]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* The options of "meeting add" and "meeting edit" into m, from optind;
 * -1 when they are good, else the exit code. */
static int meeting_options(int argc, char **argv, struct tb_meeting *m)
{
	static const struct option longopts[] = {
	    {"date", required_argument, NULL, 'd'},
	    {"start", required_argument, NULL, 's'},
	    {"length", required_argument, NULL, 'l'},
	    {"board", required_argument, NULL, 'b'},
	    {"level", required_argument, NULL, 'v'},
	    {"location", required_argument, NULL, 'o'},
	    {"chair", required_argument, NULL, 'c'},
	    {NULL, 0, NULL, 0}};
	char err[VALIDATE_ERR_MAX];
	const char *bad;
	int c;

	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (!validate_date(optarg, NULL, err)) {
				fprintf(stderr,
					_("tumorboard meeting: --date: %s\n"),
					err);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m->date, sizeof(m->date), "%s", optarg);
			char today[11], why[120];
			clock_today(today);
			if (!db_meeting_date_ok(m->date, today, why,
						sizeof(why))) {
				fprintf(stderr,
					_("tumorboard meeting: --date: %s\n"),
					why);
				return status_exit_code(TB_USAGE);
			}
			break;
		case 's':
			if (!valid_time(optarg)) {
				fputs(_("tumorboard meeting: --start wants "
					"HH:MM\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m->start_time, sizeof(m->start_time), "%s",
				 optarg);
			break;
		case 'l': {
			long v;
			if (!util_parse_long(optarg, 10, 600, &v)) {
				fputs(_("tumorboard meeting: --length wants "
					"minutes, 10–600\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			m->length_min = (int)v;
			break;
		}
		case 'b':
			if (strlen(optarg) >= sizeof(m->board)) {
				fputs(_("tumorboard meeting: --board: no such "
					"board (see tumorboard-boards(5))\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m->board, sizeof(m->board), "%s", optarg);
			break;
		case 'v':
			if (!model_enum_valid(model_levels, optarg)) {
				fputs(
				    _("tumorboard meeting: --level: use local, "
				      "regional or national\n"),
				    stderr);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m->level, sizeof(m->level), "%s", optarg);
			break;
		case 'o':
			if (strlen(optarg) >= sizeof(m->location)) {
				fprintf(stderr,
					_("tumorboard meeting: --location is "
					  "%zu bytes long; at most %zu\n"),
					strlen(optarg),
					sizeof(m->location) - 1);
				return status_exit_code(TB_USAGE);
			}
			/* one line: no newline or tab either */
			if (!util_text_check(optarg, false, &bad)) {
				fprintf(
				    stderr,
				    _("tumorboard meeting: --location %s\n"),
				    bad);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m->location, sizeof(m->location), "%s",
				 optarg);
			break;
		case 'c':
			if (strlen(optarg) >= sizeof(m->chair)) {
				fprintf(stderr,
					_("tumorboard meeting: --chair is %zu "
					  "bytes long; at most %zu\n"),
					strlen(optarg), sizeof(m->chair) - 1);
				return status_exit_code(TB_USAGE);
			}
			if (!util_text_check(optarg, false, &bad)) {
				fprintf(stderr,
					_("tumorboard meeting: --chair %s\n"),
					bad);
				return status_exit_code(TB_USAGE);
			}
			snprintf(m->chair, sizeof(m->chair), "%s", optarg);
			break;
		default:
			return status_exit_code(TB_USAGE);
		}
	}
	return -1;
}

/* meeting add, and meeting edit (was: the chair before it) when it names
 * a chair anew: a chair who may not sign the meeting's decisions is
 * refused; the exit code, 0 when none is. */
static int chair_refused(struct db *db, const struct tb_meeting *m,
			 const char *was)
{
	char why[400];
	if ((was && strcmp(m->chair, was) == 0) ||
	    !perm_chair_refused(db, perm_session_roles(), m->chair, why,
				sizeof(why)))
		return 0;
	fprintf(stderr, _("tumorboard meeting %s: --chair: %s\n"),
		was ? "edit" : "add", why);
	return status_exit_code(TB_INVALID);
}

/* "meeting add --date D --start HH:MM --length MIN --board ID --level L
 * [--location TEXT] [--chair NAME]" */
int cmd_meeting(struct db *db, int argc, char **argv)
{
	struct tb_meeting m = {0};

	if (argc >= 2 &&
	    (strcmp(argv[1], "attend") == 0 || strcmp(argv[1], "leave") == 0 ||
	     strcmp(argv[1], "attendance") == 0))
		return meeting_attendance(db, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "minutes") == 0)
		return meeting_minutes(db, argc, argv);
	if (argc >= 2 &&
	    (strcmp(argv[1], "cancel") == 0 || strcmp(argv[1], "start") == 0 ||
	     strcmp(argv[1], "finish") == 0))
		return meeting_state(db, argc, argv);
	bool edit = argc >= 3 && strcmp(argv[1], "edit") == 0;
	if (argc < 2 || (strcmp(argv[1], "add") != 0 && !edit))
		return meeting_usage();
	m.length_min = 0;
	optind = 2;
	if (edit) {
		long long id = util_parse_id(argv[2]);
		if (!id || db_meeting_get(db, id, &m) != TB_OK) {
			fputs(_("tumorboard meeting edit: no such meeting\n"),
			      stderr);
			return status_exit_code(TB_NOT_FOUND);
		}
		optind = 3;
		/* the board it is planned for now, and any it moves to */
		int rc = cmd_plan_check(
		    db, m.board,
		    /* untranslated: a command's name */ "meeting edit");
		if (rc)
			return rc;
	}
	char was_chair[sizeof(m.chair)];
	snprintf(was_chair, sizeof(was_chair), "%s", m.chair);
	int rc = meeting_options(argc, argv, &m);
	if (rc >= 0)
		return rc;
	if (optind != argc) {
		char *clean = util_sanitize(argv[optind], false);
		fprintf(stderr, _("tumorboard meeting: unexpected '%s'\n"),
			clean);
		free(clean);
		return status_exit_code(TB_USAGE);
	}
	if (!m.date[0] || !m.start_time[0] || !m.length_min || !m.board[0] ||
	    !m.level[0]) {
		fprintf(stderr,
			_("tumorboard meeting add: missing%s%s%s%s%s; --date, "
			  "--start, --length, --board and --level are "
			  "required\n"),
			m.date[0] ? "" : " --date",
			m.start_time[0] ? "" : " --start",
			m.length_min ? "" : " --length",
			m.board[0] ? "" : " --board",
			m.level[0] ? "" : " --level");
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	if (cmd_load_boards(&bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	if (!boards_by_id(&bs, m.board)) {
		fprintf(stderr,
			_("tumorboard meeting: --board: no board '%s' "
			  "(see tumorboard-boards(5)); boards:"),
			m.board);
		for (size_t i = 0; i < bs.n; i++)
			fprintf(stderr, " %s", bs.b[i].id);
		fputc('\n', stderr);
		boards_done(&bs);
		return status_exit_code(TB_USAGE);
	}
	boards_done(&bs);
	if ((rc = cmd_plan_check(
		 db, m.board,
		 edit ? /* untranslated: a command's name */ "meeting edit"
		      : /* untranslated: a command's name */ "meeting add")) !=
	    0)
		return rc;
	/* a meeting no longer planned is refused as such (below) */
	if ((!edit || strcmp(m.status, "planned") == 0) &&
	    (rc = chair_refused(db, &m, edit ? was_chair : NULL)) != 0)
		return rc;
	long long clash = db_meeting_clash(db, &m);
	if (clash > 0) {
		struct tb_meeting o;
		if (db_meeting_get(db, clash, &o) == TB_OK)
			fprintf(stderr,
				_("tumorboard meeting %s: the %s board meets "
				  "at that time already: meeting %lld, %s %s, "
				  "%d min; choose another time or change that "
				  "meeting\n"),
				edit ? "edit" : "add", o.board, o.id, o.date,
				o.start_time, o.length_min);
		return status_exit_code(TB_INVALID);
	}
	enum tb_status st =
	    edit ? db_meeting_update(db, &m) : db_meeting_create(db, &m);
	if (st == TB_INVALID) {
		fputs(edit
			  ? _("tumorboard meeting edit: only a planned meeting "
			      "can be changed\n")
			  : _("tumorboard meeting add: the meeting was "
			      "refused\n"),
		      stderr);
		return status_exit_code(st);
	}
	if (st != TB_OK) {
		fprintf(stderr, _("tumorboard meeting: %s\n"), db_errmsg(db));
		return status_exit_code(st);
	}
	if (!edit)
		printf("%lld\n", m.id);
	else
		printf(_("meeting %lld changed\n"), m.id);
	return 0;
}
