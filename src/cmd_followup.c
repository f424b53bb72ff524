/*
 * followup (the list, --overdue, --owner; recording an outcome) and
 * turnaround (median days per board).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "export_decision.h"
#include "followup.h"
#include "i18n.h"
#include "status.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"
#include "validate.h"

struct fu_print {
	bool overdue_only;
	const char *owner;
	int shown, overdue;
};

static bool fu_row(const struct followup_row *r, void *arg)
{
	struct fu_print *p = arg;
	if (p->overdue_only && !r->overdue)
		return true;
	if (p->owner && strcmp(p->owner, r->owner) != 0)
		return true;
	struct textdoc doc;
	textdoc_init(&doc, 200);
	textdoc_printf(&doc, TD_NORMAL, "%6lld  ", r->decision_id);
	textdoc_put(&doc, r->overdue ? TD_WARN : TD_NORMAL,
		    *r->due ? r->due : _("no date"));
	textdoc_pad_to(&doc, 20);
	textdoc_put(&doc, r->overdue ? TD_WARN : TD_NORMAL,
		    r->overdue ? _("OVERDUE")
			       : followup_status_label(r->status));
	if (strcmp(r->status, "not-done") == 0)
		textdoc_printf(&doc, TD_NORMAL, " (%s)",
			       followup_reason_label(r->reason));
	/* the status and reason in 32 columns ("not carried out (patient's
	 * wish)", "ej genomförd (patientens önskan)"); a longer one keeps
	 * two spaces before the case, as each column one before the next */
	textdoc_pad_to(&doc, 52);
	textdoc_put(&doc, TD_NORMAL, "  ");
	textdoc_pad_to(&doc, 54);
	textdoc_printf(&doc, TD_NORMAL, "%s v%d", r->case_id, r->version);
	textdoc_column(&doc, 80);
	textdoc_put(&doc, TD_NORMAL, r->owner);
	textdoc_column(&doc, 102);
	textdoc_put(&doc, TD_NORMAL, r->recommendation);
	if (*r->informed_on)
		textdoc_printf(&doc, TD_DIM, _("  informed %s"),
			       r->informed_on);
	textdoc_newline(&doc);
	textdoc_write(&doc, stdout);
	textdoc_done(&doc);
	p->shown++;
	p->overdue += r->overdue;
	return true;
}

/* The list's last line: each count in the words for its number. */
static void print_counts(const struct fu_print *p, const char *today)
{
	printf(
	    ngettext("%d follow-up", "%d follow-ups", (unsigned long)p->shown),
	    p->shown);
	printf(
	    ngettext(", %d overdue", ", %d overdue", (unsigned long)p->overdue),
	    p->overdue);
	printf(_(" (today %s)\n"), today);
}

static int usage_followup(void)
{
	fputs(_("usage: tumorboard followup [--overdue] [--owner NAME]\n"
		"       tumorboard followup DECISION done [--note TEXT]\n"
		"       tumorboard followup DECISION not-done --reason "
		"medical|patient-wish|other [--note TEXT]\n"
		"       tumorboard followup DECISION informed [--by ACCOUNT] "
		"[--on YYYY-MM-DD] [--how TEXT]\n"),
	      stderr);
	return status_exit_code(TB_USAGE);
}

/* Who told the patient: the active user --by names, or the signed-in
 * user; says why not on standard error. *out is freed with user_free. */
static enum tb_status lookup_teller(struct db *db, const char *by,
				    struct user **out)
{
	char why[300];
	enum tb_status st = user_lookup_active(db, by ? by : user_actor(), out,
					       why, sizeof(why));
	if (st != TB_OK)
		fprintf(stderr, _("tumorboard followup: --by: %s\n"), why);
	return st;
}

/* A follow-up is changed only by a reader who may read its case (the
 * care relationship, or an emergency access), the change and its access
 * log entry written together (followup_record); says on standard error
 * why the case was not opened, and false then in *opened. */
static enum tb_status record_change(struct db *db, long long id,
				    const struct followup_change *ch,
				    bool *opened)
{
	char *err = NULL;
	enum tb_status st = followup_record(db, id, ch, false, &err);
	*opened = !err;
	if (!err)
		return st;
	if (st == TB_DENIED) /* err says what may not be done */
		fprintf(stderr, _("tumorboard followup: %s\n"), err);
	else if (st == TB_NOT_FOUND)
		fprintf(stderr, _("tumorboard followup: no decision %lld\n"),
			id);
	else
		fprintf(stderr,
			_("tumorboard followup: the change could not be "
			  "written to the access log (%s); nothing was "
			  "changed\n"),
			db_errmsg(db));
	free(err);
	return st;
}

/* A reason not-done needs: medical, patient-wish or other; says so. */
static enum tb_status check_reason(const char *verb, const char *reason)
{
	if (strcmp(verb, "not-done") != 0 || strcmp(reason, "medical") == 0 ||
	    strcmp(reason, "patient-wish") == 0 || strcmp(reason, "other") == 0)
		return TB_OK;
	fputs(_("tumorboard followup: --reason is medical, "
		"patient-wish or other\n"),
	      stderr);
	return TB_INVALID;
}

/* followup DECISION done|not-done, with its access log entry. */
static enum tb_status record_outcome(struct db *db, long long id,
				     const char *verb, const char *reason,
				     const char *note, bool *opened)
{
	struct followup_change ch = {
	    .status = verb, .reason = reason, .note = note};
	enum tb_status st = record_change(db, id, &ch, opened);
	if (!*opened)
		return st;
	if (st == TB_OK && strcmp(verb, "done") == 0)
		printf(_("decision %lld: recorded as carried out\n"), id);
	else if (st == TB_OK)
		printf(_("decision %lld: recorded as not carried out "
			 "(%s)\n"),
		       id, followup_reason_label(reason));
	else if (st == TB_INVALID)
		fputs(_("tumorboard followup: --reason is medical, "
			"patient-wish or other\n"),
		      stderr);
	return st;
}

int cmd_followup(struct db *db, int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"overdue", no_argument, NULL, 'o'},
	    {"owner", required_argument, NULL, 'w'},
	    {"note", required_argument, NULL, 'n'},
	    {"reason", required_argument, NULL, 'r'},
	    {"by", required_argument, NULL, 'b'},
	    {"on", required_argument, NULL, 'd'},
	    {"how", required_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	struct fu_print p = {0};
	const char *note = NULL, *reason = NULL, *by = NULL, *on = NULL;
	const char *how = NULL;
	int c;
	optind = 0;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			p.overdue_only = true;
			break;
		case 'w':
			p.owner = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'b':
			by = optarg;
			break;
		case 'd':
			on = optarg;
			break;
		case 'h':
			how = optarg;
			break;
		default:
			return usage_followup();
		}
	}
	int rest = argc - optind;
	char today[11];
	clock_today(today);
	if (rest == 0) {
		struct form_set fs = {0};
		if (!cmd_load_forms(&fs))
			return status_exit_code(TB_INVALID);
		enum tb_status st = followup_list(db, &fs, today, fu_row, &p);
		form_set_done(&fs);
		if (st != TB_OK)
			return cmd_fail("followup", st, db, NULL);
		print_counts(&p, today);
		return 0;
	}
	long long id = rest == 2 ? util_parse_id(argv[optind]) : 0;
	const char *verb = rest == 2 ? argv[optind + 1] : "";
	if (!id)
		return usage_followup();
	enum tb_status st;
	char err[VALIDATE_ERR_MAX];
	if (strcmp(verb, "done") == 0 || strcmp(verb, "not-done") == 0) {
		if (strcmp(verb, "not-done") == 0 && !reason) {
			fputs(_("tumorboard followup: say why with --reason "
				"medical, patient-wish or other\n"),
			      stderr);
			return status_exit_code(TB_USAGE);
		}
		/* a wrong reason is refused before the case is opened */
		bool opened = true;
		if ((st = check_reason(verb, reason)) == TB_OK)
			st =
			    record_outcome(db, id, verb, reason, note, &opened);
		if (!opened)
			return status_exit_code(st);
	} else if (strcmp(verb, "informed") == 0) {
		/* who told the patient is a user, by account: the signed-in
		 * user unless --by names another */
		if (by && util_blank(by)) {
			fputs(_("tumorboard followup: say who told the patient "
				"with --by\n"),
			      stderr);
			return status_exit_code(TB_USAGE);
		}
		if (on && !validate_date(on, today, err)) {
			fprintf(stderr, _("tumorboard followup: --on: %s\n"),
				err);
			return status_exit_code(TB_USAGE);
		}
		struct user *teller = NULL;
		st = lookup_teller(db, by, &teller);
		if (st != TB_OK)
			return status_exit_code(st == TB_DB ? TB_DB
							    : TB_INVALID);
		struct followup_change ch = {.informed_on = on ? on : today,
					     .informed_by = teller->account,
					     .how = how};
		bool opened;
		st = record_change(db, id, &ch, &opened);
		user_free(&teller);
		if (!opened)
			return status_exit_code(st);
		if (st == TB_OK)
			printf(_("decision %lld: the patient was told on %s\n"),
			       id, on ? on : today);
	} else
		return usage_followup();
	if (st == TB_NOT_FOUND)
		fprintf(stderr, _("tumorboard followup: no decision %lld\n"),
			id);
	else if (st == TB_DB)
		fprintf(stderr, _("tumorboard followup: %s\n"), db_errmsg(db));
	return status_exit_code(st);
}

int cmd_turnaround(struct db *db, int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fputs(_("usage: tumorboard turnaround\n"), stderr);
		return status_exit_code(TB_USAGE);
	}
	struct boards bs;
	enum tb_status st = cmd_load_boards(&bs);
	if (st != TB_OK)
		return status_exit_code(st);
	struct turnaround *t = NULL;
	size_t n = 0;
	st = followup_turnaround(db, &bs, &t, &n);
	if (st == TB_OK) {
		/* every column as wide as its heading or its widest value,
		 * in display cells (Swedish has å, ä, ö; a dash and an
		 * arrow take one cell and three bytes) */
		const char *h[] = {_("board"),
				   _("cases"),
				   _("at a mtg"),
				   _("median days:"),
				   _("referral→meeting"),
				   _("meeting→signed"),
				   _("referral→signed")};
		int wb = util_display_width(h[0]);
		for (size_t i = 0; i < n; i++) {
			int w = util_display_width(
			    model_board_label(t[i].board_id));
			wb = w > wb ? w : wb;
		}
		int wc = util_display_width(h[1]),
		    wm = util_display_width(h[2]);
		int w1 =
		    util_display_width(h[3]) + 1 + util_display_width(h[4]);
		int w2 = util_display_width(h[5]),
		    w3 = util_display_width(h[6]);
		wb = wb < 10 ? 10 : wb;
		cmd_print_padded(h[0], -wb);
		fputs("  ", stdout);
		cmd_print_padded(h[1], wc);
		fputs("  ", stdout);
		cmd_print_padded(h[2], wm);
		printf("  %s %s  %s  %s\n", h[3], h[4], h[5], h[6]);
		for (size_t i = 0; i < n; i++) {
			char a[16], b[16], c2[16], nc[24], nm[24];
			i18n_decimal(a, sizeof(a), t[i].referral_to_meeting, 1);
			i18n_decimal(b, sizeof(b), t[i].meeting_to_signed, 1);
			i18n_decimal(c2, sizeof(c2), t[i].referral_to_signed,
				     1);
			snprintf(nc, sizeof(nc), "%zu", t[i].n);
			snprintf(nm, sizeof(nm), "%zu", t[i].n_meeting);
			cmd_print_padded(model_board_label(t[i].board_id), -wb);
			fputs("  ", stdout);
			cmd_print_padded(nc, wc);
			fputs("  ", stdout);
			cmd_print_padded(nm, wm);
			fputs("  ", stdout);
			cmd_print_padded(t[i].referral_to_meeting < 0 ? "–" : a,
					 w1);
			fputs("  ", stdout);
			cmd_print_padded(t[i].meeting_to_signed < 0 ? "–" : b,
					 w2);
			fputs("  ", stdout);
			cmd_print_padded(t[i].referral_to_signed < 0 ? "–" : c2,
					 w3);
			putchar('\n');
		}
	} else
		fprintf(stderr, _("tumorboard turnaround: %s\n"),
			db_errmsg(db));
	free(t);
	boards_done(&bs);
	return status_exit_code(st);
}
