/*
 * The agenda command: print and check an agenda, add (one case or several),
 * remove, move, set, transfer, defer, mark the outcome, undo.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "agenda_doc.h"
#include "app.h"
#include "db.h"
#include "db_case.h"
#include "db_meeting.h"
#include "diag.h"
#include "i18n.h"
#include "import_boards.h"
#include "import_kb.h"
#include "model.h"
#include "status.h"
#include "support.h"
#include "textdoc.h"
#include "util.h"

/* "agenda MEETING undo": the last deferral or not-discussed at the
 * meeting is undone. */
static int agenda_undo(struct db *db, const struct tb_meeting *m)
{
	struct db_undo u;
	enum tb_status st = db_agenda_undo_last(db, m->id, &u);
	struct tb_case *c = NULL;
	if (st == TB_OK && db_case_load(db, u.case_id, &c) == TB_OK) {
		if (u.moved_to)
			printf(_("%s: deferral undone; listed again at meeting "
				 "%lld and taken off meeting %lld\n"),
			       c->external_id, m->id, u.moved_to);
		else
			printf(_("%s: not-discussed undone; listed again at "
				 "meeting %lld\n"),
			       c->external_id, m->id);
		model_case_free(&c);
	} else if (st == TB_NOT_FOUND)
		fprintf(stderr,
			_("tumorboard agenda undo: nothing to undo at meeting "
			  "%lld: no deferral or not-discussed since the last "
			  "undo, or the case has changed since\n"),
			m->id);
	else if (st == TB_CLOSED)
		fprintf(stderr, _("tumorboard agenda: meeting %lld: %s\n"),
			m->id, status_message(st));
	else if (st != TB_OK)
		fprintf(stderr, _("tumorboard agenda undo: %s\n"),
			db_errmsg(db));
	return status_exit_code(st);
}

/* "agenda MEETING add CASE-ID CASE-ID... [--override REASON]": every case
 * the checks let through is added, in the order given; each refusal is
 * named with its reason. Exit 0 when all were added, 3 when some were
 * refused (the others are added all the same). */
static int agenda_add_all(struct db *db, const struct tb_meeting *m, char **ext,
			  int n, const char *override)
{
	long long *ids = xcalloc((size_t)n, sizeof(*ids));
	struct db_agenda_added *out = xcalloc((size_t)n, sizeof(*out));
	size_t added = 0;
	enum tb_status st = TB_OK;
	/* a case id given that names no case is refused like the others */
	for (int i = 0; i < n; i++)
		if (db_case_find(db, ext[i], &ids[i]) != TB_OK)
			ids[i] = 0;
	struct boards bs;
	if (cmd_load_boards(&bs) != TB_OK)
		st = TB_INVALID;
	else {
		st = db_agenda_add_all(db, &bs, m->id, ids, (size_t)n, override,
				       out, &added);
		boards_done(&bs);
	}
	int refused = 0;
	for (int i = 0; st == TB_OK && i < n; i++) {
		char *clean = util_sanitize(ext[i], false);
		if (out[i].st == TB_OK)
			printf(_("%s added to meeting %lld%s\n"), clean, m->id,
			       override ? _(" (override recorded)") : "");
		else {
			fprintf(stderr,
				out[i].overridable
				    ? _("tumorboard agenda add: %s: %s "
					"(--override REASON)\n")
				    : _("tumorboard agenda add: %s: %s\n"),
				clean, out[i].why);
			refused++;
		}
		free(clean);
	}
	if (st == TB_OK)
		printf(_("%zu of %d added to meeting %lld\n"), added, n, m->id);
	else if (st == TB_CLOSED)
		fprintf(stderr, _("tumorboard agenda: meeting %lld: %s\n"),
			m->id, status_message(st));
	else if (st != TB_INVALID)
		fprintf(stderr, _("tumorboard agenda: nothing was added: %s\n"),
			db_errmsg(db));
	free(ids);
	free(out);
	if (st == TB_OK && refused)
		st = TB_INVALID;
	return status_exit_code(st);
}

/* One agenda command line: its options and its words. */
struct agenda_cmd {
	const char *pdf, *override, *reason, *to_arg, *presenter;
	bool check;
	int minutes;
	char **w; /* the words after the options: MEETING VERB ... */
	int rest; /* how many */
	const char *verb;
	bool add, undo, add_all, remove, move, set, transfer, defer, outcome,
	    other;
	int position;
};

/* The options into a; -1 when they are good, else the exit code. */
static int agenda_options(int argc, char **argv, struct agenda_cmd *a)
{
	static const struct option longopts[] = {
	    {"check", no_argument, NULL, 'c'},
	    {"presenter", required_argument, NULL, 'p'},
	    {"minutes", required_argument, NULL, 'm'},
	    {"reason", required_argument, NULL, 'r'},
	    {"to", required_argument, NULL, 't'},
	    {"pdf", required_argument, NULL, 'P'},
	    {"override", required_argument, NULL, 'O'},
	    {NULL, 0, NULL, 0}};
	const char *bad;
	int c;

	optind = 0; /* 0: glibc re-initialises, options may follow operands */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			a->check = true;
			break;
		case 'p':
			if (!util_text_check(optarg, false, &bad)) {
				fprintf(
				    stderr,
				    _("tumorboard agenda: --presenter %s\n"),
				    bad);
				return status_exit_code(TB_USAGE);
			}
			a->presenter = optarg;
			break;
		case 'r':
			a->reason = optarg;
			break;
		case 't':
			a->to_arg = optarg;
			break;
		case 'P':
			a->pdf = optarg;
			break;
		case 'O':
			a->override = optarg;
			if (!*util_trim(optarg)) {
				fputs(_("tumorboard agenda: --override needs a "
					"reason\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			break;
		case 'm': {
			long v;
			if (!util_parse_long(optarg, 1, 240, &v)) {
				fputs(_("tumorboard agenda: --minutes wants "
					"1–240\n"),
				      stderr);
				return status_exit_code(TB_USAGE);
			}
			a->minutes = (int)v;
			break;
		}
		default:
			return status_exit_code(TB_USAGE);
		}
	}
	a->w = argv + optind;
	a->rest = argc - optind;
	return -1;
}

static int agenda_usage(void)
{
	fputs(_("usage: tumorboard agenda MEETING [--check] [--pdf "
		"FILE]\n"
		"       tumorboard agenda MEETING add CASE-ID "
		"[--presenter NAME] [--minutes N] [--override REASON]\n"
		"       tumorboard agenda MEETING add CASE-ID CASE-ID... "
		"[--override REASON]\n"
		"       tumorboard agenda MEETING remove CASE-ID "
		"--reason TEXT\n"
		"       tumorboard agenda MEETING move CASE-ID POSITION\n"
		"       tumorboard agenda MEETING set CASE-ID "
		"[--presenter NAME] [--minutes N]\n"
		"       tumorboard agenda MEETING transfer CASE-ID "
		"MEETING --reason TEXT [--override REASON]\n"
		"       tumorboard agenda MEETING defer CASE-ID --reason "
		"TEXT [--to MEETING] [--override REASON]\n"
		"       tumorboard agenda MEETING "
		"discussed|not-discussed "
		"CASE-ID [--reason TEXT]\n"
		"       tumorboard agenda MEETING undo\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* Which verb the words name, and the options it takes; -1 when they
 * agree, else the exit code. */
static int agenda_verb(struct agenda_cmd *a)
{
	int rest = a->rest;
	const char *verb = a->verb = rest >= 2 ? a->w[1] : "";
	a->add = rest == 3 && strcmp(verb, "add") == 0;
	a->undo = rest == 2 && strcmp(verb, "undo") == 0;
	/* several cases at once: "agenda M add C1 C2 …" */
	a->add_all = rest > 3 && strcmp(verb, "add") == 0;
	a->remove = rest == 3 && strcmp(verb, "remove") == 0;
	a->move = rest == 4 && strcmp(verb, "move") == 0;
	a->set = rest == 3 && strcmp(verb, "set") == 0;
	a->transfer = rest == 4 && strcmp(verb, "transfer") == 0;
	a->defer = rest == 3 && strcmp(verb, "defer") == 0;
	a->outcome = rest == 3 && (strcmp(verb, "discussed") == 0 ||
				   strcmp(verb, "not-discussed") == 0);
	a->other = a->set || a->transfer || a->defer || a->outcome;
	if (rest != 1 && !a->add && !a->add_all && !a->remove && !a->move &&
	    !a->other && !a->undo)
		return agenda_usage();
	if ((a->transfer || a->defer) && util_blank(a->reason)) {
		fprintf(stderr,
			_("tumorboard agenda %s: say why with --reason\n"),
			verb);
		return status_exit_code(TB_USAGE);
	}
	if (a->remove && util_blank(a->reason)) {
		fputs(_("tumorboard agenda remove: say why with --reason\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	if (a->add_all && (a->presenter || a->minutes)) {
		fputs(_("tumorboard agenda add: --presenter and --minutes go "
			"with one case; set them with agenda MEETING set\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	if (a->override && !a->add && !a->add_all && !a->transfer &&
	    !a->defer) {
		fputs(_("tumorboard agenda: --override goes with add, transfer "
			"and defer\n"),
		      stderr);
		return status_exit_code(TB_USAGE);
	}
	if (a->move) {
		long v;
		if (!util_parse_long(a->w[3], 1, 10000, &v)) {
			fputs(_("tumorboard agenda move: POSITION is a number "
				"from 1\n"),
			      stderr);
			return status_exit_code(TB_USAGE);
		}
		a->position = (int)v;
	}
	return -1;
}

/* The case named by the third word into *case_id; -1 when found, else
 * the exit code. */
static int agenda_case(struct db *db, const struct agenda_cmd *a,
		       long long *case_id)
{
	enum tb_status st = db_case_find(db, a->w[2], case_id);
	if (st == TB_OK)
		return -1;
	char *clean = util_sanitize(a->w[2], false);
	fprintf(stderr, _("tumorboard agenda: no case %s\n"), clean);
	free(clean);
	return status_exit_code(st);
}

/* "set", "transfer", "defer", "discussed" and "not-discussed" */
static int agenda_other(struct db *db, const struct agenda_cmd *a,
			const struct tb_meeting *m)
{
	long long mid = m->id, case_id, to = 0;
	int rc = agenda_case(db, a, &case_id);
	if (rc >= 0)
		return rc;
	enum tb_status st;
	const char *target = a->transfer ? a->w[3] : a->to_arg;
	if (target) {
		to = util_parse_id(target);
		struct tb_meeting tm;
		if (!to || db_meeting_get(db, to, &tm) != TB_OK) {
			fputs(_("tumorboard agenda: no such meeting to "
				"move the case to\n"),
			      stderr);
			return status_exit_code(TB_NOT_FOUND);
		}
		if (a->transfer &&
		    (rc = cmd_plan_check(db, tm.board,
					 /* untranslated: a command's name */
					 "agenda transfer")) != 0)
			return rc;
	} else if (a->defer) {
		if (db_meeting_next(db, mid, &to) != TB_OK || !to) {
			fprintf(stderr,
				_("tumorboard agenda defer: no later "
				  "meeting of the %s board is planned; "
				  "give one with --to\n"),
				m->board);
			return status_exit_code(TB_NOT_FOUND);
		}
	}
	char why[300] = "";
	bool overridable = false;
	if (a->set)
		st = db_agenda_set(db, mid, case_id, a->minutes, a->presenter);
	else if (a->transfer || a->defer)
		/* onto a meeting not held only with --override, as an add */
		st = db_agenda_transfer(db, mid, case_id, to, a->reason,
					a->defer, a->override, why, sizeof(why),
					&overridable);
	else
		st = db_agenda_mark(db, mid, case_id, a->verb, a->reason);
	if (st == TB_OK && (a->transfer || a->defer))
		printf(_("%s moved to meeting %lld\n"), a->w[2], to);
	else if (st == TB_OK && a->set) {
		char slot[32];
		if (a->minutes)
			snprintf(slot, sizeof(slot), "%d min", a->minutes);
		else
			snprintf(slot, sizeof(slot), _("the board's slot"));
		char *who = util_sanitize(
		    a->presenter && *a->presenter ? a->presenter : "none",
		    false);
		printf(_("%s on meeting %lld: %s, presenter %s\n"), a->w[2],
		       mid, slot, who);
		free(who);
	} else if (st == TB_OK)
		printf(_("%s recorded as %s at meeting %lld\n"), a->w[2],
		       a->verb, mid);
	/* a transfer may find the other meeting closed */
	bool here = strcmp(m->status, "finished") == 0 ||
		    strcmp(m->status, "cancelled") == 0;
	if (st == TB_CLOSED)
		fprintf(stderr, _("tumorboard agenda: meeting %lld: %s\n"),
			here || !to ? mid : to, status_message(st));
	else if (st == TB_NOT_FOUND)
		fputs(_("tumorboard agenda: the case is not listed on "
			"this agenda\n"),
		      stderr);
	else if (st == TB_INVALID && overridable)
		/* the store says an override lets the case through */
		fprintf(stderr,
			_("tumorboard agenda %s: %s (--override REASON)\n"),
			a->verb, why);
	else if (st == TB_INVALID)
		fprintf(stderr, "tumorboard agenda: %s\n",
			why[0] ? why : _("the case is on that agenda already"));
	else if (st != TB_OK)
		fprintf(stderr, "tumorboard agenda: %s\n", db_errmsg(db));
	return status_exit_code(st);
}

/* "add" (one case), "remove" and "move" */
static int agenda_edit(struct db *db, const struct agenda_cmd *a,
		       const struct tb_meeting *m)
{
	long long mid = m->id, case_id;
	int rc = agenda_case(db, a, &case_id);
	if (rc >= 0)
		return rc;
	enum tb_status st;
	char whybuf[300] = "";
	const char *why = NULL;
	const char *ext = a->w[2];
	if (a->add) {
		struct boards abs;
		if (cmd_load_boards(&abs) != TB_OK)
			return status_exit_code(TB_INVALID);
		bool overridable = false;
		st = db_agenda_add_checked(db, &abs, mid, case_id, a->presenter,
					   a->minutes, a->override, whybuf,
					   sizeof(whybuf), &overridable);
		boards_done(&abs);
		if (whybuf[0])
			why = whybuf;
		/* the store says whether an override lets the case in */
		if (st == TB_INVALID && why && overridable)
			fprintf(stderr,
				_("tumorboard agenda add: %s "
				  "(--override REASON)\n"),
				why);
		else if (st == TB_INVALID)
			fprintf(stderr, "tumorboard agenda: %s\n",
				why ? why : "refused");
	} else if (a->remove)
		st = db_agenda_remove(db, mid, case_id, a->reason, whybuf,
				      sizeof(whybuf));
	else
		st = db_agenda_move(db, mid, case_id, a->position);
	if (st == TB_OK) {
		struct tb_meeting after;
		if (db_meeting_get(db, mid, &after) != TB_OK)
			after.n_cases = 0;
		if (a->add)
			printf(_("%s added to meeting %lld at position "
				 "%d%s\n"),
			       ext, mid, after.n_cases,
			       a->override ? _(" (override recorded)") : "");
		else if (a->remove)
			printf(_("%s removed from meeting %lld\n"), ext, mid);
		else
			printf(_("%s moved to position %d of %d\n"), ext,
			       a->position, after.n_cases);
		return 0;
	}
	if (st == TB_INVALID && a->move) {
		fprintf(stderr,
			ngettext("tumorboard agenda move: POSITION %d is "
				 "outside the agenda: it has %d case "
				 "(positions 1–%d)\n",
				 "tumorboard agenda move: POSITION %d is "
				 "outside the agenda: it has %d cases "
				 "(positions 1–%d)\n",
				 (unsigned long)m->n_cases),
			a->position, m->n_cases, m->n_cases);
	} else if (st == TB_INVALID && a->remove)
		/* the case being discussed, or decided here */
		fprintf(stderr, _("tumorboard agenda remove: %s\n"), whybuf);
	else if (st == TB_CLOSED)
		fprintf(stderr, _("tumorboard agenda: meeting %lld: %s\n"), mid,
			status_message(st));
	else if (st == TB_NOT_FOUND)
		fputs(_("tumorboard agenda: the case is not on this "
			"agenda\n"),
		      stderr);
	else if (st != TB_INVALID)
		fprintf(stderr, "tumorboard agenda: %s\n", db_errmsg(db));
	return status_exit_code(st);
}

/* The agenda's cases, in its order. */
struct agenda_ids {
	long long *ids;
	size_t n;
};

static bool agenda_id(const struct db_agenda_row *r, void *arg)
{
	struct agenda_ids *ai = arg;
	ai->ids = xrealloc(ai->ids, (ai->n + 1) * sizeof(*ai->ids));
	ai->ids[ai->n++] = r->case_id;
	return true;
}

/* The patients an agenda names (name, masked identity number) are a
 * list of cases read: logged before anything is printed or written, as
 * the case list is (the screen's agenda logs its rows the same way). */
static enum tb_status agenda_log_read(struct db *db, const struct tb_meeting *m)
{
	struct agenda_ids ai = {0};
	enum tb_status st = db_agenda_record(db, m->id, agenda_id, &ai);
	if (st == TB_OK)
		st = access_log_cases(db, ACCESS_LIST, ai.ids, ai.n);
	free(ai.ids);
	return st;
}

/* "agenda MEETING [--check] [--pdf FILE]" */
static int agenda_print(struct db *db, const struct agenda_cmd *a,
			const struct tb_meeting *m)
{
	const char *pdf = a->pdf;
	struct boards bs;
	if (agenda_log_read(db, m) != TB_OK) {
		fputs(_("tumorboard agenda: the read could not be written to "
			"the access log; nothing is shown\n"),
		      stderr);
		return status_exit_code(TB_DB);
	}
	if (cmd_load_boards(&bs) != TB_OK)
		return status_exit_code(TB_INVALID);
	struct textdoc doc;
	textdoc_init(&doc, 200);
	/* the agenda, printed or on standard output, marks a case a trial
	 * may fit, as the screen does */
	struct trials ts = {0};
	struct diag d;
	diag_init(&d);
	import_trials_load(&ts, &d);
	diag_print(&d, stderr);
	diag_done(&d);
	struct agenda_doc_info ai = {0};
	enum tb_status st =
	    agenda_doc_build(db, &bs, &ts, m, a->check, pdf != NULL, &doc, &ai);
	if (st == TB_OK) {
		if (pdf) {
			char err[256];
			st = agenda_doc_pdf(db, m, &doc, pdf, err, sizeof(err));
			if (st == TB_IO)
				fprintf(stderr, "tumorboard agenda: %s\n", err);
			else if (st == TB_OK)
				printf(_("agenda of meeting %lld written to "
					 "%s\n"),
				       m->id, pdf);
		} else
			textdoc_write(&doc, stdout);
	}
	textdoc_done(&doc);
	boards_done(&bs);
	trials_done(&ts);
	if (st == TB_IO)
		return status_exit_code(st);
	if (st != TB_OK) {
		fprintf(stderr, "tumorboard agenda: %s\n", db_errmsg(db));
		return status_exit_code(TB_DB);
	}
	/* For a coordinator's script: --check fails while a case is not
	 * ready. With --pdf the exit status says whether the PDF was
	 * written; the readiness is in it and noted here. */
	/* a case signed at this meeting waits for nothing */
	bool short_of = ai.ready + ai.decided < ai.items;
	if (ai.checked && pdf && short_of) {
		char *ready = agenda_doc_ready(ai.ready, ai.items, ai.decided);
		fprintf(stderr,
			_("tumorboard agenda: %s; the PDF says what is "
			  "missing\n"),
			ready);
		free(ready);
		return 0;
	}
	return ai.checked && short_of ? status_exit_code(TB_INVALID) : 0;
}

/* "agenda MEETING [--check]" and "agenda MEETING add CASE-ID [--presenter
 * NAME] [--minutes N]" */
int cmd_agenda(struct db *db, int argc, char **argv)
{
	struct agenda_cmd a = {0};
	int rc = agenda_options(argc, argv, &a);
	if (rc < 0)
		rc = agenda_verb(&a);
	if (rc >= 0)
		return rc;
	long long mid = util_parse_id(a.w[0]);
	struct tb_meeting m;
	enum tb_status st = !mid ? TB_NOT_FOUND : db_meeting_get(db, mid, &m);
	if (st != TB_OK) {
		char *clean = util_sanitize(a.w[0], false);
		fprintf(stderr, _("tumorboard agenda: no meeting %s\n"), clean);
		free(clean);
		return status_exit_code(st);
	}
	/* planning is for the boards the user belongs to */
	if (a.add || a.add_all || a.remove || a.move || a.set || a.transfer) {
		char *what = xasprintf(
		    /* untranslated: a command's name */ "agenda %s", a.verb);
		rc = cmd_plan_check(db, m.board, what);
		free(what);
		if (rc)
			return rc;
	}
	if (a.other)
		return agenda_other(db, &a, &m);
	if (a.undo)
		return agenda_undo(db, &m);
	if (a.add_all)
		return agenda_add_all(db, &m, a.w + 2, a.rest - 2, a.override);
	if (a.add || a.remove || a.move)
		return agenda_edit(db, &a, &m);
	return agenda_print(db, &a, &m);
}
